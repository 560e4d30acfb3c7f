"""Scrubbing of free text: a corpus of Dutch personal-data spellings must vanish, ordinary text must stay."""

from __future__ import annotations

import csv
import dataclasses
import re
from pathlib import Path

import pandas as pd
import pytest

from buurtdata import pipeline
from buurtdata._errors import ValidationError
from buurtdata.sources import interviews
from buurtdata.sources.interviews.scrub import scrub_free_text, scrub_text

CORPUS = Path(__file__).parent / "fixtures" / "privacy" / "corpus.csv"
#: The names the corpus speaks of, as a project would list them in [privacy] names.
NAMES = ("Anja", "Anja de Vries", "Henk", "Bosman", "Yilmaz")
INNOCENT = [
    "in 2024 kwamen 12 mensen",
    "buurt 3",
    "Hengelo",
    "wijk 3 en buurt 12",
    "Op 01-02-2024 12 mensen",
    "Tussen 2019 en 2023 verdubbelde het.",
    "Het kost 12,50 euro.",
    "Om 19.30 uur begint het.",
    "Berflo Es Noord",
    "De prijs ging van $500 naar $650.",
    "Ik ben 67 jaar en woon hier 40 jaar.",
    "Groep 8 van de basisschool",
    "De straat is smal en de weg 2 keer opgebroken.",
    "In de Hoofdstraat is het druk.",
    "Het is 06:30 als de bus komt.",
    "Ze belt 3 keer per week.",
    "Van 9 tot 5 open, 7551 is de postcode van het plein.",
]


def _corpus() -> list[dict[str, str]]:
    with CORPUS.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_corpus_is_large_enough():
    assert len(_corpus()) >= 40


@pytest.mark.parametrize("row", _corpus(), ids=lambda row: row["text"][:40])
def test_personal_data_vanishes(row):
    scrubbed = scrub_text(pd.Series([row["text"]]), names=NAMES).iloc[0]
    assert row["vanish"].casefold() not in scrubbed.casefold(), scrubbed
    assert re.search(r"\[(naam|telefoon|e-mail|adres|link|account|rekening)\]", scrubbed)


def test_the_whole_corpus_in_one_column():
    rows = _corpus()
    scrubbed = scrub_text(pd.Series([r["text"] for r in rows]), names=NAMES)
    assert all(r["vanish"].casefold() not in s.casefold() for r, s in zip(rows, scrubbed, strict=True))


def test_innocent_text_survives():
    assert scrub_text(pd.Series(INNOCENT), names=NAMES).tolist() == INNOCENT


def test_missing_values_stay_missing():
    out = scrub_text(pd.Series(["06-12345678", None], dtype=object))
    assert out.iloc[0] == "[telefoon]" and pd.isna(out.iloc[1])


def test_every_free_text_column_is_scrubbed():
    frame = pd.DataFrame({
        "text": ["Anja: 06 - 12345678"],
        "document": ["Interview Anja Bosman 06.12.34.56.78.docx"],
        "location_raw": ["bij Anja, Hoofdstraat 12"],
        "reason": ["no match: 'bij Anja, Hoofdstraat 12, anja(at)example.nl' is no buurt or wijk name"],
        "segment_id": ["S1"],
    })  # fmt: skip
    out = scrub_free_text(frame, names=["Anja", "Bosman"]).iloc[0]
    for column in ("text", "document", "location_raw", "reason"):
        assert not re.search(r"Anja|Bosman|1234|Hoofdstraat|example", out[column]), (column, out[column])
    assert out["segment_id"] == "S1"


INTRODUCED = [
    ("Ik ben Anneke de Boer, bel me gerust op 06-12345678.", "Ik ben [naam], bel me gerust op [telefoon]."),
    ("ik heet Fatima el Amrani en woon hier.", "ik heet [naam] en woon hier."),
    ("Mijn naam is J. van der Berg.", "Mijn naam is [naam]."),
    ("Met Anneke. Ja, ik bel over de brief.", "Met [naam]. Ja, ik bel over de brief."),
    ("Hallo, met Henk ter Horst.", "Hallo, met [naam]."),
    ("Dit is Kees, mijn buurman.", "Dit is [naam], mijn buurman."),
    ("Zij heet Mirjam 't Hart.", "Zij heet [naam]."),
    # The usual opening of a phone call, and an age after the name (review).
    ("Goedemiddag, u spreekt met Piet Jansen.", "Goedemiddag, u spreekt met [naam]."),
    ("Spreek je met Anja de Wit?", "Spreek je met [naam]?"),
    ("Ik ben Mohammed (14) en zit op school.", "Ik ben [naam] en zit op school."),
    # People known by their work, and a house number by its neighbour (user test, Amsterdam).
    ("Wijkagent Mohammed kwam langs.", "Wijkagent [naam] kwam langs."),
    ("Dokter Jansen zegt het ook.", "Dokter [naam] zegt het ook."),
    ("Op de hoek bij nummer 5 is het donker.", "Op de hoek bij nummer [huisnummer] is het donker."),
    # Second read: other forms of the same.
    ("Spreekt u met Anja?", "Spreekt u met [naam]?"),
    ("De wijkagente Fatima is er vaak.", "De wijkagente [naam] is er vaak."),
    ("Mijn huisarts dr. Bakker zegt het.", "Mijn huisarts dr. [naam] zegt het."),
    ("Ik ben Anja, 45 jaar, en woon hier.", "Ik ben [naam], en woon hier."),
    ("Ze woont naast nr. 12.", "Ze woont naast nr. [huisnummer]."),
    # A capitalised word that may be no name goes too: the safe side (an ordinary word stays, see below).
    ("Ik ben Tukker.", "Ik ben [naam]."),
]
#: Introductions of no name, and "met" in the middle of a sentence.
NOT_INTRODUCED = [
    "Ik ben boos.",
    "ik ben 67",
    "Ik ben hier geboren.",
    "ik ben de enige die nog komt.",
    "Ik ben van hier.",
    "Ik ben in Hengelo geboren.",
    "Ik ging met de bus naar de markt.",
    # Ordinary capitalised words (fix-priv: names the scrubbing's word lists know as no person).
    "Ik ben Nederlander.",
    "Met Kerst is het druk.",
    "Dit is een mooie buurt.",
    "Mijn naam is bekend.",
    "Sinds 2015 speelt het.",
    "De school speelt mee met de buurt.",
    "De wijkagent is er vaak.",
]


@pytest.mark.parametrize(("text", "scrubbed"), INTRODUCED, ids=[t[:24] for t, _ in INTRODUCED])
def test_a_name_a_speaker_introduces_goes(text, scrubbed):
    assert scrub_text(pd.Series([text])).tolist() == [scrubbed]


def test_an_introduction_without_a_name_stays():
    assert scrub_text(pd.Series(NOT_INTRODUCED)).tolist() == NOT_INTRODUCED


def test_reasons_of_unplaced_segments_are_scrubbed(hengelo, key, tmp_path):
    segments = pd.read_csv(hengelo.interviews.segments, dtype=str, keep_default_na=False, comment="#")
    segments.loc[segments["segment_id"] == "S001", "location"] = "bij Gerrit, 06-12345678, gerrit(at)example.nl"
    path = tmp_path / "segmenten.csv"
    segments.to_csv(path, index=False)
    project = dataclasses.replace(
        hengelo, interviews=dataclasses.replace(hengelo.interviews, segments=path, names=("Gerrit",))
    )
    result = pipeline.run(project, key=key)
    unplaced = result.con.sql("select * from unplaced_segments").df()
    published = unplaced.astype(str).to_csv()
    assert "Gerrit" not in published and "12345678" not in published and "example" not in published
    assert unplaced["reason"].str.contains(r"\[naam\]", regex=True).any()


@pytest.mark.parametrize("make", ["folder", "binary", "undefined-cp1252"])
def test_names_file_must_be_a_readable_text_file(make, tmp_path):
    from test_interview_privacy import _project

    target = tmp_path / "namen"
    if make == "folder":
        target.mkdir()
    elif make == "binary":
        target.write_bytes(b"Anja\x00\x01\x02")
    else:
        target.write_bytes(b"Jos\x81\x8d")  # neither UTF-8 nor cp1252
    with pytest.raises(ValidationError, match=r"\[privacy\]\.names_file = 'namen'"):
        _project(tmp_path, 'names_file = "namen"')


def test_interviews_package_exports_the_scrubbers():
    assert interviews.scrub_free_text is scrub_free_text and interviews.scrub_text is scrub_text


#: Several people after one role word (user test: "de wijkagenten Jan en Piet" kept Piet).
LISTED = [
    ("De wijkagenten Jan en Piet komen elke week.", "De wijkagenten [naam] komen elke week."),
    ("wijkagenten Jan en Piet", "wijkagenten [naam]"),
    ("De wijkagent Jan, Piet en Klaas zijn er vaak.", "De wijkagent [naam] zijn er vaak."),
    ("Mijn zoons Ali (12) en Omar (14) spelen buiten.", "Mijn zoons [naam] spelen buiten."),
    ("Mevrouw De Vries en Piet Jansen van hiernaast.", "Mevrouw [naam] van hiernaast."),
    ("Mijn zussen Els, Anna, en Fatima el Amrani.", "Mijn zussen [naam]."),
    ("Dokter Jansen of Bakker, ik weet het niet.", "Dokter [naam], ik weet het niet."),
    ("mevrouw Jansen en meneer Bakker", "mevrouw [naam] en meneer [naam]"),
    # No list: what follows "en" is no person, and the first name goes alone.
    ("De wijkagent Jan en het buurthuis helpen.", "De wijkagent [naam] en het buurthuis helpen."),
    ("Mijn zoon Ali en ik gaan erheen.", "Mijn zoon [naam] en ik gaan erheen."),
    ("De wijkagent Jan en De Kern helpen.", "De wijkagent [naam] en De Kern helpen."),
    ("De wijkagent Jan en Marktplein 3 weet ik.", "De wijkagent [naam] en [adres] weet ik."),
    ("Mijn buurvrouw Els, Hengelo is mooi.", "Mijn buurvrouw [naam], Hengelo is mooi."),
]


@pytest.mark.parametrize(("text", "scrubbed"), LISTED, ids=[t[:30] for t, _ in LISTED])
def test_every_name_of_a_list_after_a_role_word_goes_and_nothing_else(text, scrubbed):
    assert scrub_text(pd.Series([text])).tolist() == [scrubbed]


#: A phone number beside a name, in any order and spelling (user test H: "ik ben Gerda Mulder, 06-12345678" was
#: printed as "ik ben [naam]-12345678"): (text, its phone number's digits).
PHONE_BESIDE_A_NAME = [
    ("ik ben Gerda Mulder, 06-12345678, ik woon op de Hoge Varenweg 12.", "0612345678"),
    ("ik ben Gerda, 06-12345678", "0612345678"),
    ("Ik ben Gerda,06-12345678", "0612345678"),
    ("Ik heet Gerda 06-12345678", "0612345678"),
    ("Mijn naam is Gerda Mulder 0612345678.", "0612345678"),
    ("Hallo, met Gerda, 06 1234 5678.", "0612345678"),
    ("Ik ben Gerda, 06 12 34 56 78", "0612345678"),
    ("Ik ben Gerda, 06.12.34.56.78", "0612345678"),
    ("Ik ben Gerda, +31 6 1234 5678", "612345678"),
    ("Ik ben Gerda, +31612345678", "612345678"),
    ("Ik ben Gerda, 0031 6 12345678", "612345678"),
    ("Ik ben Gerda, +31 (0)6 12345678", "612345678"),
    ("Ik ben Gerda, (0341) 123456", "0341123456"),
    ("Ik ben Gerda (0341) 123456", "0341123456"),
    ("Ik ben Gerda, 0341-123456", "0341123456"),
    ("Ik ben Gerda, (0341)-123456", "0341123456"),
    ("Ik ben Gerda, +31 (0)341-123456", "341123456"),
    ("Ik ben Gerda (06) 12345678", "0612345678"),
    ("Ik ben Gerda (06-12345678)", "0612345678"),
    ("Ik ben Gerda [06-12345678]", "0612345678"),
    ("Ik ben Gerda, 45, 06-12345678", "0612345678"),
    ("Ik ben Gerda (45) 06-12345678", "0612345678"),
    ("Ik ben Gerda06-12345678", "0612345678"),
    ("Gerda0612345678 belt je terug.", "0612345678"),
    ("06-12345678, ik ben Gerda.", "0612345678"),
    ("Bel 06-12345678 (Gerda Mulder)", "0612345678"),
    ("0612345678 Gerda", "0612345678"),
    ("Mevrouw Mulder, 06-12345678", "0612345678"),
    ("mijn zoon Mohammed (14), 06-12345678", "0612345678"),
    ("mijn zoon Mohammed, 06-12345678", "0612345678"),
    ("de wijkagenten Jan en Piet 06-12345678", "0612345678"),
    ("Ik woon op de Hoofdstraat 06-12345678", "0612345678"),
    ("Ik woon op Markt 06 12345678", "0612345678"),
    ("Zij woont op nummer 06-12345678", "0612345678"),
    ("Ik ben Gerda, tel. 06-12345678", "0612345678"),
    ("Ik ben Gerda, tel:0612345678", "0612345678"),
    ("Ik ben Gerda – 06–12345678", "0612345678"),
    ("Ik ben Gerda, 06 - 123 456 78", "0612345678"),
]
#: A name followed by an e-mail address or a postcode with house number.
CONTACT_BESIDE_A_NAME = [
    ("Ik ben Gerda, gerda@example.nl", "gerda@example.nl"),
    ("Ik ben Gerda,gerda.mulder@example.nl.", "mulder@example"),
    ("Ik ben Gerda (gerda(at)example.nl)", "example"),
    ("Ik ben Gerda, 3852 AB 12", "3852 AB"),
    ("Ik ben Gerda, 45, 3852AB12", "3852AB"),
]
#: A run of 6 or more digits, whatever separates them.
_SIX_DIGITS = re.compile(r"\d(?:[^\S\n]?[-‐‑–—./()]?[^\S\n]?\d){5,}")


@pytest.mark.parametrize(("text", "digits"), PHONE_BESIDE_A_NAME, ids=[t[:36] for t, _ in PHONE_BESIDE_A_NAME])
def test_a_phone_number_beside_a_name_goes_whole(text, digits):
    for names in ((), ("Gerda", "Mulder")):
        scrubbed = scrub_text(pd.Series([text]), names=names).iloc[0]
        assert "[telefoon]" in scrubbed and not _SIX_DIGITS.search(scrubbed), scrubbed
        assert digits[-6:] not in re.sub(r"\D", "", scrubbed), scrubbed
        assert "Gerda" not in scrubbed or names == (), scrubbed


@pytest.mark.parametrize(("text", "vanish"), CONTACT_BESIDE_A_NAME, ids=[t[:36] for t, _ in CONTACT_BESIDE_A_NAME])
def test_an_e_mail_or_postcode_beside_a_name_goes(text, vanish):
    scrubbed = scrub_text(pd.Series([text])).iloc[0]
    assert vanish.casefold() not in scrubbed.casefold() and "Gerda" not in scrubbed, scrubbed


def test_the_user_test_quote_is_scrubbed_whole():
    quote = "ik ben Gerda Mulder, 06-12345678, ik woon op de Hoge Varenweg 12."
    assert scrub_text(pd.Series([quote])).tolist() == ["ik ben [naam], [telefoon], ik woon op de [adres]."]


def test_an_age_after_a_name_still_goes_with_it():
    texts = ["Ik ben Anja, 45, en woon hier.", "Mijn zoon Mohammed (14) wordt gepest.", "Ik ben Anja (45 jaar)."]
    assert scrub_text(pd.Series(texts)).tolist() == [
        "Ik ben [naam], en woon hier.",
        "Mijn zoon [naam] wordt gepest.",
        "Ik ben [naam].",
    ]


#: Number plates (user test M's left: a car outside the door points to one household), and look-alikes that stay.
PLATES = [
    ("Zijn auto, AB-123-C, staat altijd op de stoep.", "Zijn auto, [kenteken], staat altijd op de stoep."),
    ("De bus met 12-ABC-3 reed door rood.", "De bus met [kenteken] reed door rood."),
    ("Er staat een wit busje, 99-XX-99.", "Er staat een wit busje, [kenteken]."),
    ("Kenteken is xx-99-99 zag ik.", "Kenteken is [kenteken] zag ik."),
    ("Het kenteken: 1-abc-23.", "Het kenteken: [kenteken]."),
]
NO_PLATES = [
    "We hebben A4-papier nodig.",
    "Het is een 50-50-kwestie.",
    "Op 12-03-2024 was het feest.",
    "Ik speel 4-3-3.",
    "Wat een COVID-19-tijd.",
    "Code AB-12-CD-EF.",
    "Het kenteken ab-cd-ef bestaat niet.",
    "Hij wilde sta-in-de-weg spelen.",
]


@pytest.mark.parametrize(("text", "scrubbed"), PLATES, ids=[t[:30] for t, _ in PLATES])
def test_a_number_plate_goes(text, scrubbed):
    assert scrub_text(pd.Series([text])).tolist() == [scrubbed]


def test_what_only_looks_like_a_plate_stays():
    assert scrub_text(pd.Series(NO_PLATES)).tolist() == NO_PLATES
