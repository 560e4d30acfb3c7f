"""Hostile spellings of addresses, points, phone numbers and BSNs: placed where they can be, never published raw.

The spellings come from a user test (PC6 glued to the house number, abbreviated streets, decimal commas,
compass letters, en dashes, foreign numbers, BSNs); each must be scrubbed in quotes, locations and the reasons
of unplaced segments, while ordinary Dutch sentences with years, amounts, times and buurt numbers stay as written.
"""

from __future__ import annotations

import dataclasses
import re

import pandas as pd
import pytest
from guards import no_hang

from buurtdata import datasets, pipeline
from buurtdata.sources.geometry import read_boundaries
from buurtdata.sources.interviews import (
    read_pc6,
    resolve_locations,
    scrub,
    scrub_free_text,
    scrub_locations,
    scrub_text,
)
from buurtdata.sources.interviews.patterns import _PC6_ADDRESS, _POINT, _STREET_ADDRESS

#: (written, what must vanish from it, its placeholder).
HOSTILE = [
    ("Ik woon op de Dennenstr. 5, kom langs.", "Dennenstr", "[adres]"),
    ("Hengelosestr 12 is mijn huis.", "Hengelosestr", "[adres]"),
    ("no match: 'Hoofdstraat 12' is no buurt", "Hoofdstraat", "[adres]"),
    ("Mijn adres: Jan Tinbergenlaan 3-A.", "Jan Tinbergenlaan 3-A", "[adres]"),
    ("Burgemeester Jansenlaan 4, Hengelo", "Burgemeester Jansenlaan 4", "[adres]"),
    ("Dr. A. Kuyperlaan 7 bis", "Kuyperlaan", "[adres]"),
    ("op Dennenstraat 3a", "3a", "[adres]"),
    ("op Dennenstraat 3 bis", "3 bis", "[adres]"),
    ("op Dennenstraat 12-II", "12-II", "[adres]"),
    ("op Dennenstraat 3-A", "3-A", "[adres]"),
    ("Kom naar 7553SA1 of bel.", "7553SA1", "[adres]"),
    ("Kom naar 7553sa12 of bel.", "7553sa12", "[adres]"),
    ("Kom naar 7553-SA-1 of bel.", "7553-SA-1", "[adres]"),
    ("Kom naar 7553 SA nr 1 of bel.", "7553 SA nr 1", "[adres]"),
    ("bel 06–12345678 na zessen", "12345678", "[telefoon]"),
    ("bel 06—12345678 na zessen", "12345678", "[telefoon]"),
    ("mijn Duitse nummer +49 151 12345678.", "151 12345678", "[telefoon]"),
    ("mijn Belgische nummer +32 470 12 34 56.", "470 12 34 56", "[telefoon]"),
    ("mijn Belgische nummer 0032 470 12 34 56.", "470 12 34 56", "[telefoon]"),
    ("of 0049-151-12345678", "12345678", "[telefoon]"),
    ("Mijn BSN is 123456782, dat moest ik overal opgeven.", "123456782", "[bsn]"),
    ("BSN 123.456.782", "123.456.782", "[bsn]"),
    ("burgerservicenummer: 123 456 782", "123 456 782", "[bsn]"),
    # After the word it is a BSN whatever its digits: a mistyped one is still hers.
    ("Mijn BSN is 123456789", "123456789", "[bsn]"),
    ("bsn-nummer 12345678", "12345678", "[bsn]"),
    ("Het nummer 123456782 staat op de brief.", "123456782", "[bsn]"),
    ("Het nummer 1234.56.782 staat op de brief.", "1234.56.782", "[bsn]"),
    ("Ik sta op 52,27026; 6,77132 te wachten.", "27026", "[coördinaten]"),
    ("Ik sta op 52.270260 N, 6.771320 E te wachten.", "270260", "[coördinaten]"),
    ("Het punt RD 251245 476863 is de speeltuin.", "251245", "[coördinaten]"),
    ("Ik sta op 52°16'12\"N 6°46'17\"E te wachten.", "16'12", "[coördinaten]"),
    ("Ik sta op 52° 16′ 12″ NB, 6° 46′ 17″ OL te wachten.", "46′", "[coördinaten]"),
    ("Ik sta op 52°16,2'N 6°46,3'E te wachten.", "16,2", "[coördinaten]"),
    # A PC6 without house number is some 15 to 20 addresses.
    ("jongens van 3852 AB Ermelo", "3852 AB", "[adres]"),
    ("jongens van 3852AB Ermelo", "3852AB", "[adres]"),
    ("jongens van 3852 ab Ermelo", "3852 ab", "[adres]"),
    ("jongens van 3852ab, Ermelo", "3852ab", "[adres]"),
    ("Mevrouw De Vries van nummer 12 heeft last.", "Vries", "[naam]"),
    ("Mevrouw De Vries van nummer 12 heeft last.", "12", "[huisnummer]"),
    ("Zij woont op nummer 3a.", "3a", "[huisnummer]"),
    ("Huisnummer: 7 is van ons.", "7", "[huisnummer]"),
    ("last van de familie Bakker", "Bakker", "[naam]"),
    ("Mijn zoon Mohammed (14) wordt gepest.", "Mohammed", "[naam]"),
    ("Mijn zoon Mohammed (14) wordt gepest.", "14", "[naam]"),
    ("Haar dochter Anne-Marie (9 jaar) ook.", "Anne", "[naam]"),
    ("de fam. van der Berg", "Berg", "[naam]"),
    ("bij familie 't Hart", "Hart", "[naam]"),
    ("Dhr. J. de Vries belde.", "Vries", "[naam]"),
    ("Ik vroeg het mw. Yilmaz.", "Yilmaz", "[naam]"),
    ("meneer O'Brien en mijnheer Ömer", "Brien", "[naam]"),
    ("Ik vroeg het aan mevr. El Amrani.", "Amrani", "[naam]"),
    ("MEVROUW JANSEN belde", "ANSEN", "[naam]"),
    ("juf Fatima zegt het ook", "Fatima", "[naam]"),
    ("onze buurjongen Daan en haar kleindochter Sanne", "Daan", "[naam]"),
    ("onze buurjongen Daan en haar kleindochter Sanne", "Sanne", "[naam]"),
    ("Het was buurvrouw Els, niet buurman Piet.", "Piet", "[naam]"),
]

INNOCENT = [
    "in 2024 kwamen 12 mensen",
    "Het kost € 1.250 per maand.",
    "Het kost €1.250.000, de gemeente betaalt 1.250.000 euro.",
    "Dat is 12,5% meer dan in 2023, en 45 % minder dan in 2019.",
    "In Wijk 05 en Wijk 05 Berflo Es is het rustig.",
    "Wij beginnen om 10.30 uur en om 19.30 uur.",
    "Tussen 2019 en 2023 verdubbelde het.",
    "Er waren er 52, 6 kwamen terug.",
    "De bouw kost € 52.250, 6.500 ervan is subsidie.",
    "In 2024 woonden er 123 456 789 mensen in het land.",
    "Het kost 123.456.782 euro.",
    "Van 2019-2023 steeg het 3 keer.",
    "Het park werd 3 keer per jaar gemaaid.",
    "Op 01-02-2024 12 mensen, op 1-5-2025 nog 40.",
    "Het groeide met +12% naar 1.234 leden.",
    "De straat is smal en de weg 2 keer opgebroken.",
    "Bus 3 rijdt om 7.15 en lijn 12 om 8.05.",
    "Ik ben 67 jaar en woon hier 40 jaar.",
    # A 4-digit postcode is a neighbourhood; 4 digits and 2 letters are not always a PC6.
    "In postcode 3852 en 3853 is het rustig.",
    "In 2024 en 2025 kwam er 1500 km fietspad bij, 2000 kg afval en 1200 ha bos.",
    "Dat was in 2024 EK en 2020 WK.",
    # Only capitalised words after a title or relative are names.
    "Toen kwam mevrouw de burgemeester, en meneer pastoor ook.",
    "Familie is alles. Mijn familie woont ver weg.",
    "Mijn zoon is 14 en mijn dochter (12) ook.",
    "Sinds mijn vrouw er niet meer is, haar man ook niet.",
    "Mijn vader en moeder wonen hier, mijn buurman. Hij helpt.",
    "De buurman met een hond, de juf van groep 3.",
    "Het nummer 3 van de lijst, wijk nummer 12.",
    "Het was 25°C en 30° in de zon.",
]


@pytest.mark.parametrize(("text", "vanish", "placeholder"), HOSTILE, ids=[h[0][:30] for h in HOSTILE])
def test_hostile_spellings_are_scrubbed(text, vanish, placeholder):
    scrubbed = scrub_text(pd.Series([text])).iloc[0]
    assert vanish not in scrubbed and placeholder in scrubbed, scrubbed


def test_a_street_with_a_titled_or_long_name_goes_whole():
    texts = ["Mijn adres: Jan Tinbergenlaan 3-A.", "Burgemeester Jansenlaan 4", "Ik woon op de Dennenstr. 5, bel."]
    assert scrub_text(pd.Series(texts)).tolist() == ["Mijn adres: [adres].", "[adres]", "Ik woon op de [adres], bel."]


def test_the_word_before_a_bsn_stays():
    texts = ["Mijn BSN is 123456782.", "BSN 123.456.782", "burgerservicenummer: 123 456 782"]
    assert scrub_text(pd.Series(texts)).tolist() == ["Mijn BSN is [bsn].", "BSN [bsn]", "burgerservicenummer: [bsn]"]


def test_the_user_test_quote_loses_every_detail():
    text = "Ik woon op de Dennenstr. 5, bel 06–12345678 of mijn Duitse nummer +49 151 23456789. BSN 123456782."
    assert scrub_text(pd.Series([text])).iloc[0] == (
        "Ik woon op de [adres], bel [telefoon] of mijn Duitse nummer [telefoon]. BSN [bsn]."
    )


def test_the_user_test_quotes_keep_the_title_and_lose_the_person():
    texts = [
        "Mevrouw De Vries van nummer 12 heeft steeds last van de familie Bakker.",
        "Mijn zoon Mohammed (14) wordt gepest door jongens van de Horsterweg 3, 3852 AB Ermelo.",
    ]
    assert scrub_text(pd.Series(texts)).tolist() == [
        "Mevrouw [naam] van nummer [huisnummer] heeft steeds last van de familie [naam].",
        "Mijn zoon [naam] wordt gepest door jongens van de [adres], [adres] Ermelo.",
    ]


def test_a_name_after_a_title_goes_with_its_tussenvoegsels_and_a_listed_name_too():
    texts = ["familie van der Berg en 't Hart", "Mevrouw Bosman op nummer 14", "bij Bosman"]
    assert scrub_text(pd.Series(texts), names=["Bosman"]).tolist() == [
        "familie [naam] en 't Hart", "Mevrouw [naam] op nummer [huisnummer]", "bij [naam]",
    ]  # fmt: skip


def test_ordinary_sentences_stay_as_written():
    assert scrub_text(pd.Series(INNOCENT)).tolist() == INNOCENT


@pytest.fixture(scope="module")
def places(hengelo_run):
    regions = hengelo_run.con.sql("select * from regions where year = 2024").df()
    pc6 = read_pc6(datasets.get_path("hengelo/pc6hnr_fictief.csv"))
    boundaries = read_boundaries(datasets.get_path("hengelo/buurten.gpkg"), layer="buurten")

    def place(locations: list[str], **kwargs) -> pd.DataFrame:
        frame = pd.DataFrame({"location_raw": locations})
        return resolve_locations(frame, regions, gemeente="GM0164", pc6=pc6, boundaries=boundaries, **kwargs)

    return place


@pytest.mark.parametrize("location", ["7553SA1", "7553sa1", "7553-SA-1", "7553 SA nr 1", "7553 SA 1-A", "7553 sa 1"])
def test_a_pc6_glued_to_its_house_number_is_placed_as_with_spaces(places, location):
    row = places([location]).iloc[0]
    assert (row["buurt_code"], row["resolved_by"]) == ("BU01640502", "pc6") and pd.isna(row["reason"])


@pytest.mark.parametrize(
    "location",
    ["52,27026; 6,77132", "52,27026, 6,77132", "52,27026 6,77132", "52.270260 N, 6.771320 E", "N 52.27026 E 6.77132",
     "52.27026 NB 6.77132 OL", "POINT(6.77132 52.27026)"],
)  # fmt: skip
def test_points_with_decimal_commas_or_compass_letters_are_placed_as_with_dots(places, location):
    row = places([location]).iloc[0]
    assert (row["buurt_code"], row["resolved_by"]) == ("BU01640702", "coordinaten") and pd.isna(row["reason"])


def test_rd_points_with_decimal_commas_or_axis_names_are_read_as_points():
    # Without polygons the point is recognised, not placed: the reason says so and never quotes it.
    frame = pd.DataFrame({"location_raw": ["251245,5 476863,2", "x=251245 y=476863"]})
    regions = pd.DataFrame({
        "code": ["BU01640101"], "level": ["buurt"], "name": ["Binnenstad"], "gemeente_code": ["GM0164"],
        "wijk_code": ["WK016401"], "postcode": ["7551"],
    })  # fmt: skip
    placed = resolve_locations(frame, regions, gemeente="GM0164")
    assert placed["reason"].str.contains("coordinates need buurt polygons").all()


def test_a_street_address_is_not_placed_and_its_reason_says_what_it_is(places):
    placed = places(["Dennenstr. 5", "Dennenstraat 5, 7553 SA Hengelo", "Jan Tinbergenlaan 3-A"])
    assert (placed["resolved_by"] == "onbekend").all()
    assert placed["reason"].str.startswith("no match: a street with house number is an address").all()
    assert not placed["reason"].str.contains("Dennen|Tinbergen").any()


def test_unplaced_addresses_and_points_are_scrubbed_in_location_and_reason(places):
    written = ["Dennenstr. 5", "7553SA 999", "7554SA1", "52,27026; 6,77132", "52.37 N, 4.89 E", "Hengelosestr 12"]
    placed = places(written)
    published = scrub_free_text(placed)
    assert published["location_raw"].tolist() == [
        "[adres]", "7553 [adres]", "7554 [adres]", "[coördinaten]", "[coördinaten]", "[adres]",
    ]  # fmt: skip
    for column in ("location_raw", "reason"):
        text = " ".join(published[column].dropna())
        assert not re.search(r"Dennen|Hengelosestr|999|SA1\b|27026|4\.89|SA\b", text), (column, text)


def test_a_pc6_keeps_only_its_4_digits_in_a_location_and_goes_from_a_quote():
    # A PC6 covers some 20 addresses; the analyst finds an unplaced row in their own file by its row number.
    frame = pd.DataFrame({"location_raw": ["7553 SA", "7553sa", "52°16'12\"N 6°46'17\"E"], "text": ["7553 SA"] * 3})
    out = scrub_free_text(frame)
    assert out["location_raw"].tolist() == ["7553 [adres]", "7553 [adres]", "[coördinaten]"]
    assert out["text"].tolist() == ["[adres]"] * 3


@pytest.mark.parametrize("with_table", [True, False], ids=["pc6 table", "no pc6 table"])
def test_an_unplaced_pc6_is_published_by_its_4_digits_alone(places, hengelo_run, with_table):
    # User test: 7415 TB 12 was published as 7415 TB [huisnummer]; a PC6 is some 20 addresses.
    written = ["7553 ZZ 12", "7553ZZ", "7553 SA 999", "bij 7553 ZZ", "7553 zz 4", "7553tb"]
    if with_table:
        placed = places(written)
    else:
        regions = hengelo_run.con.sql("select * from regions where year = 2024").df()
        placed = resolve_locations(pd.DataFrame({"location_raw": written}), regions, gemeente="GM0164")
    published = scrub_free_text(placed)
    assert published["location_raw"].tolist() == [
        "7553 [adres]", "7553 [adres]", "7553 [adres]", "bij 7553 [adres]", "7553 [adres]", "7553 [adres]",
    ]  # fmt: skip
    for column in ("location_raw", "reason"):
        text = " ".join(published[column].dropna())
        assert not re.search(r"(?i)7553\s?-?(?:ZZ|SA|tb)|999", text), (column, text)


def test_scrub_locations_reads_the_forms_the_gazetteer_places():
    written = ["7553SA1", "7553sa12", "Dennenstr. 5", "52,27026; 6,77132", "52.270260 N, 6.771320 E", "Wijk 05"]
    assert scrub_locations(pd.DataFrame({"location_raw": written}))["location_raw"].tolist() == [
        "7553 [adres]", "7553 [adres]", "[adres]", "[coördinaten]", "[coördinaten]", "Wijk 05",
    ]  # fmt: skip


def test_a_build_publishes_no_hostile_spelling(hengelo, key, tmp_path):
    segments = pd.read_csv(hengelo.interviews.segments, dtype=str, keep_default_na=False, comment="#")
    hostile = {  # quotes placed in Berflo Es Noord, and locations left unplaced
        "S001": ("Ik woon op de Dennenstr. 5, bel 06–12345678 of +49 151 23456789. BSN 123456782.", "Berflo Es Noord"),
        "S002": (
            "Mijn adres: Jan Tinbergenlaan 3-A. Mevrouw De Vries van nummer 12, mijn zoon Mohammed (14), 3852 AB,"
            " 52°16'12\"N 6°46'17\"E.",
            "Berflo Es Noord",
        ),
        "S003": ("Burgemeester Jansenlaan 4, +32 470 12 34 56", "Dennenstr. 5"),
        "S004": ("Sinds mijn vrouw er niet meer is.", "52,37026; 4,89132"),
        "S005": ("Ik woon hier nu vier jaar.", "7554sa12"),
    }
    for segment, (quote, location) in hostile.items():
        row = segments["segment_id"] == segment
        segments.loc[row, "quote"], segments.loc[row, "location"] = quote, location
        # A person of their own: buurt_quotes publishes one quote per respondent and buurt, and these must be out.
        segments.loc[row, "respondent"] = f"HGL-X{segment}"
    path = tmp_path / "segmenten.csv"
    segments.to_csv(path, index=False)
    project = dataclasses.replace(hengelo, interviews=dataclasses.replace(hengelo.interviews, segments=path))
    result = pipeline.run(project, key=key)
    published = " ".join(
        result.con.sql(f"select * from {table}").df().astype(str).to_csv()
        for table in ("buurt_quotes", "unplaced_segments")
    )
    assert all(p in published for p in ("[bsn]", "[adres]", "[naam]", "[huisnummer]", "[coördinaten]"))
    for raw in ("Dennenstr", "12345678", "23456789", "123456782", "Tinbergen", "Jansenlaan", "470 12", "37026", "sa12",
                "Vries", "nummer 12", "Mohammed", "(14)", "3852 AB", "16'12"):  # fmt: skip
        assert raw not in published, raw


@pytest.mark.parametrize("location", ["Berflo Es Noord (Enschede)", "Berflo Es Noord, Almelo", "Hengelo (O.)"])
def test_a_name_with_another_gemeente_after_it_is_not_placed(places, location):
    assert places([location]).iloc[0]["resolved_by"] == "onbekend"


#: Numbers kept as no point, with a phone number or postcode right after them: (written, scrubbed).
AFTER_KEPT_NUMBERS = [
    ("Anja, 34, 06-12345678", "Anja, 34, [telefoon]"),
    ("Kamer 5, 06 12345678", "Kamer 5, [telefoon]"),
    ("bel 3 0031 6 12345678", "bel 3 [telefoon]"),
    ("bus 4 06 1234 5678", "bus 4 [telefoon]"),
    ("In 2019, 7553 SA 12 kochten we", "In 2019, [adres] kochten we"),
    ("huis 12 3852 AB Ermelo", "huis 12 [adres] Ermelo"),
    ("zie punt 2; 06-12345678", "zie punt 2; [telefoon]"),
    ("Het kost 123.456.789 euro, bel 06-12345678", "Het kost 123.456.789 euro, bel [telefoon]"),
]


@pytest.mark.parametrize(("text", "scrubbed"), AFTER_KEPT_NUMBERS, ids=[t for t, _ in AFTER_KEPT_NUMBERS])
def test_numbers_kept_as_no_point_do_not_hide_what_follows(text, scrubbed):
    assert scrub_text(pd.Series([text])).iloc[0] == scrubbed


#: A year and a filler, abbreviation or word: transcripts are full of them.
YEARS_AND_WORDS = [
    "sinds 2015 eh woon ik hier", "1998 uh", "2025 oh", "2019 af", "2020 ok", "2018 hm", "1960 ca.", "1985 ah",
    "in 2022 AH kwam", "2019 NS", "in 2023 ZO was", "1995 ES", "we gingen in 2019 AD naar", "rond 1234 eh mensen",
]  # fmt: skip
#: Postcodes, also in the years' range: (written, scrubbed).
POSTCODES = [
    ("3852 AB Ermelo", "[adres] Ermelo"),
    ("postcode 7553SA", "postcode [adres]"),
    ("3852ab", "[adres]"),
    ("2015 AB", "[adres]"),
    ("in 2015 AB kwam", "in [adres] kwam"),
    ("2015 ab Ermelo", "[adres] Ermelo"),
    ("2015 ES, Haarlem", "[adres], Haarlem"),
    ("Postcode 2015 ES", "Postcode [adres]"),
    ("postcode: 2015 ab", "postcode: [adres]"),
    ("2015ab", "[adres]"),
]


def test_a_year_with_a_filler_or_abbreviation_after_it_stays():
    assert scrub_text(pd.Series(YEARS_AND_WORDS)).tolist() == YEARS_AND_WORDS


@pytest.mark.parametrize(("text", "scrubbed"), POSTCODES, ids=[t for t, _ in POSTCODES])
def test_a_postcode_in_the_years_range_still_goes(text, scrubbed):
    assert scrub_text(pd.Series([text])).iloc[0] == scrubbed


#: Runs of whitespace that made scrubbing or placing quadratic (seconds for one quote).
HOSTILE_WHITESPACE = [
    "1" + " " * 8000 + "x",
    "X" + " " * 8000 + "=1" + " " * 8000,
    "1" + "\t\n" * 4000,
    "van nummer" + " " * 8000,
    "1234 AB" + " " * 8000,
    "a'" * 4000,
    "(" * 8000,
    "POINT(" + " " * 8000 + "1" + " " * 8000 + "x",
    "mevrouw Aa" + " " * 8000 + "(" + " " * 8000 + "1" + " " * 8000 + "x",
    # Review ac #12: quadratic in the run (19 s at 40,000 spaces) in a name and a street rule.
    "Laan van A" + " " * 40_000 + "x",
    "Laan" + " " * 40_000 + "van" + " " * 40_000 + "A",
    "A" + " " * 40_000 + "x",
    ("Laan van A" + " " * 60) * 3_000,
]
#: An unbounded whitespace quantifier that gives back (not possessive), then maybe one optional character, then
#: another: a run of spaces is split between them every way before the match fails.
_SPLIT_WHITESPACE = re.compile(r"\\s[*+](?![+])(?:\[[^\]]*\]\?|[^\\]\?)?\\s[*+]")


def test_no_pattern_splits_a_run_of_whitespace_two_ways():
    patterns = [scrub._CONTACT, scrub._pattern(("Anja",)), _POINT, _PC6_ADDRESS, _STREET_ADDRESS]
    assert _SPLIT_WHITESPACE.search(r"\s*[,;]?\s+") and _SPLIT_WHITESPACE.search(r"\s*:?\s*")  # it sees the old ones
    for pattern in patterns:
        assert not _SPLIT_WHITESPACE.search(pattern.pattern), _SPLIT_WHITESPACE.search(pattern.pattern)


def test_hostile_whitespace_is_scrubbed_and_placed_without_hanging():
    with no_hang("a hostile run of whitespace in scrubbing or placing"):
        scrubbed = scrub_text(pd.Series(HOSTILE_WHITESPACE))
        regions = pd.DataFrame({
            "code": ["BU01640101"], "level": ["buurt"], "name": ["Binnenstad"], "gemeente_code": ["GM0164"],
            "wijk_code": ["WK016401"], "postcode": ["7551"],
        })  # fmt: skip
        placed = resolve_locations(pd.DataFrame({"location_raw": HOSTILE_WHITESPACE}), regions, gemeente="GM0164")
    # Only the PC6 and the name go, and a run of white space is cut to its first 64 characters.
    expected = [
        re.sub(r"\s{65,}", lambda run: run[0][:64], t)
        .replace("1234 AB", "[adres]")
        .replace("mevrouw Aa", "mevrouw [naam]")
        for t in HOSTILE_WHITESPACE
    ]
    assert scrubbed.tolist() == expected
    assert (placed["resolved_by"] == "onbekend").all()


#: Long runs without a space: a pasted link or code, a key held down. The e-mail and link parts were tried from
#: every position of such a run (80,000 characters: minutes).
LONG_WORDS = ["x" * 80_000, "1-" * 40_000, "a." * 40_000, "a-b." * 20_000]


def test_long_words_are_scrubbed_without_hanging():
    with no_hang("a long word in scrubbing"):
        scrubbed = scrub_text(pd.Series(LONG_WORDS))
    assert scrubbed.tolist() == LONG_WORDS


def test_a_long_run_of_titled_names_without_a_list_end_is_scrubbed_without_hanging():
    # Each title reads the names after it up to a bounded length: without "en" at the end it is no list.
    run = "Wijkagent Jan, " * 6_000
    with no_hang("a run of titled names in scrubbing"):
        scrubbed = scrub_text(pd.Series([run]))
    assert scrubbed.tolist() == ["Wijkagent [naam], " * 6_000]
