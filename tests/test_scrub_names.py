"""People's names in quotes without a title before them (fix-priv): a FICTIEF corpus of Dutch quotes with names
that must go and quotes that must stay, places of the project kept, and the placeholder and audit as before."""

from __future__ import annotations

import csv
import importlib.util
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from buurtdata import datasets
from buurtdata.sources.interviews.scrub import (
    contact_details,
    names_left,
    scrub_free_text,
    scrub_locations,
    scrub_text,
)

CORPUS = Path(__file__).parent / "fixtures" / "privacy" / "names_corpus.csv"
#: Quotes written before the rules of fix-names2 were (a header's name, a whole name opening a sentence, a double
#: surname, a first name that is a word as well); tested here, so tuned on since (review T M6: no longer held out).
SECOND = CORPUS.with_name("names_fix_names2.csv")
#: Quotes fix-names3 wrote before it changed the rules, measured by the benchmark and not tuned on (review T M6).
FRESH = CORPUS.with_name("names_fresh.csv")
#: Quotes fix-names4 wrote before it changed the rules, measured by the benchmark and held by no test one by one.
FRESH2 = CORPUS.with_name("names_fresh2.csv")


def _corpus(path: Path = CORPUS) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


ROWS = _corpus()
SECOND_ROWS = _corpus(SECOND)


def test_the_corpus_says_it_is_fictional_and_holds_both_kinds():
    assert CORPUS.read_text(encoding="utf-8").startswith("# FICTIEF")
    assert SECOND.read_text(encoding="utf-8").startswith("# FICTIEF")
    assert FRESH2.read_text(encoding="utf-8").startswith("# FICTIEF")
    assert all(len(row) == 3 and None not in row for row in _corpus(FRESH2))
    kinds = [row["kind"] for row in ROWS]
    assert kinds.count("name") >= 50 and kinds.count("keep") >= 50
    assert all(len(row) == 3 and None not in row for row in ROWS + SECOND_ROWS)  # no comma unquoted


def _rows(kind: str, known: str, what: str, rows: list[dict[str, str]] = ROWS) -> list:
    """The corpus rows of ``kind``, and those of ``known`` (the rules' known failures) as strict expected failures."""
    failing = pytest.mark.xfail(strict=True, reason=f"a known {what}: see README")
    return [pytest.param(r, marks=failing) if r["kind"] == known else r for r in rows if r["kind"] in (kind, known)]


@pytest.mark.parametrize(
    "row",
    _rows("name", "missed", "miss") + _rows("name", "missed", "miss", SECOND_ROWS),
    ids=lambda row: row["text"][:40],
)
def test_a_name_goes_and_the_rest_stays(row):
    assert scrub_text(pd.Series([row["text"]])).tolist() == [row["expected"]]


@pytest.mark.parametrize(
    "row",
    _rows("keep", "overscrubbed", "over-scrubbing") + _rows("keep", "overscrubbed", "over-scrubbing", SECOND_ROWS),
    ids=lambda row: row["text"][:40],
)
def test_what_names_no_person_stays(row):
    assert scrub_text(pd.Series([row["text"]])).tolist() == [row["text"]]


#: Each new rule once more, beside what it must leave (the corpus holds more of each).
RULES = [
    # a role or relative before the name
    ("Jongerenwerker Ahmed kent iedereen.", "Jongerenwerker [naam] kent iedereen."),
    ("Mijn collega Sandra de Wit helpt.", "Mijn collega [naam] helpt."),
    ("Tante Riet en oom Gerard komen.", "Tante [naam] en oom [naam] komen."),
    ("De wijkagent Oost komt niet.", "De wijkagent Oost komt niet."),
    # van der, van den, van 't
    ("Ik sprak met van der Berg.", "Ik sprak met [naam]."),
    ("Het Van der Pekbuurt-feest.", "Het Van der Pekbuurt-feest."),
    # a role in brackets or after a comma, an organisation in brackets after a surname or first name
    ("De Jong (buurtteam Oost) belde.", "[naam] (buurtteam Oost) belde."),
    ("Fatima (buurvrouw) kookt.", "[naam] (buurvrouw) kookt."),
    (
        "Helaas, de wijkagent komt niet. Sandra, de wijkverpleegkundige, wel.",
        "Helaas, de wijkagent komt niet. [naam], de wijkverpleegkundige, wel.",
    ),
    ("De Key (woningcorporatie) reageert niet.", "De Key (woningcorporatie) reageert niet."),
    ("Vluchtelingenwerk (vrijwilliger) helpt.", "Vluchtelingenwerk (vrijwilliger) helpt."),
    # a speech verb after or before the name
    ("Gerrit zegt het.", "[naam] zegt het."),
    ("Buurtbus zegt het.", "Buurtbus zegt het."),  # opening a sentence, no listed name: kept
    ("Dat zei Xiomara.", "Dat zei [naam]."),
    ("Dat zei Tukker.", "Dat zei [naam]."),
    ("omdat Welbions zegt dat het mag, volgens Wijkracht", "omdat Welbions zegt dat het mag, volgens Wijkracht"),
    ("Humanitas zegt het.", "Humanitas zegt het."),
    ("Iedereen vertelde het.", "Iedereen vertelde het."),
    ("volgens Sandra, aldus Kees", "volgens [naam], aldus [naam]"),
    ("volgens de gemeente", "volgens de gemeente"),
    # a possessive
    ("Annie's tuin en Kees' fiets", "[naam]'s tuin en [naam]' fiets"),
    ("Het CBS's overzicht en de GeoPackage's lagen", "Het CBS's overzicht en de GeoPackage's lagen"),
    # an introduction: a capitalised word that may be no name goes, an ordinary one stays
    ("Ik ben Tukker.", "Ik ben [naam]."),
    ("Ik ben Nederlander.", "Ik ben Nederlander."),
    # de heer, an age, a relation with van
    ("De heer Smit en Truus (82)", "De heer [naam] en [naam] (82)"),
    ("Truus (82) woont alleen.", "[naam] (82) woont alleen."),
    ("De zoon van De Graaf rijdt hard.", "De zoon van [naam] rijdt hard."),
    # a surname that is a thing's word after a tussenvoegsel, beside a compound that names a street or buurt
    ("de heer Van de Kerk en mevrouw Van der Laan", "de heer [naam] en mevrouw [naam]"),
    (
        "In Dokter Lohmanstraat, Anne Frank Park en Van der Pekbuurt",
        "In Dokter Lohmanstraat, Anne Frank Park en Van der Pekbuurt",
    ),
    # a listed first name inside a sentence, or opening one before another name or "van hiernaast"
    ("Ik zag Piet en Marja.", "Ik zag [naam] en [naam]."),
    ("Fatima van hiernaast", "[naam] van hiernaast"),
    ("Roos en tulpen bloeien.", "Roos en tulpen bloeien."),
    ("Wil je koffie?", "Wil je koffie?"),
    ("In April en Mei", "In April en Mei"),
    # a first name as part of a place or thing
    ("In Sint Anna Noord is het druk.", "In Sint Anna Noord is het druk."),
    ("In Fatima West is het druk.", "In Fatima West is het druk."),
    ("bij De Brand en 't Duifje", "bij De Brand en 't Duifje"),
    ("aan de Julianastraat en de Jan van Galenstraat", "aan de Julianastraat en de Jan van Galenstraat"),
    ("Bij de Albert Heijn", "Bij de Albert Heijn"),
    ("In Oud Krispijn en Wijk 14 Fatima", "In Oud Krispijn en Wijk 14 Fatima"),
    # review p: a listed first name opening a sentence before a word in lower case, a speaker, after "naar"
    ("Kees loopt elke avond met de hond.", "[naam] loopt elke avond met de hond."),
    ("Truus: het is hier stil.", "[naam]: het is hier stil."),
    ("Ik ga vanavond naar Kees.", "Ik ga vanavond naar [naam]."),
    ("Maandag is er markt.", "Maandag is er markt."),
    ("We gaan naar Apeldoorn.", "We gaan naar Apeldoorn."),
    # initials and a surname, not letters of a sentence's end, an acronym or a compass point
    ("Ik heb J. de Vries gebeld.", "Ik heb [naam] gebeld."),
    ("M. Bakker (buurtteam) komt langs.", "[naam] (buurtteam) komt langs."),
    ("Ik woon in blok A. De buren zijn aardig.", "Ik woon in blok A. De buren zijn aardig."),
    ("Bij D.S.M. en Graetheide werken velen.", "Bij D.S.M. en Graetheide werken velen."),
    ("Verspreide huizen ten Z. van Twentekanaal.", "Verspreide huizen ten Z. van Twentekanaal."),
    # a speaker in a transcript (review p 1.10), not a place or thing in brackets
    ("R (Truus): het is hier stil.", "R ([naam]): het is hier stil."),
    ("Interviewer (Sandra): Wat vindt u?", "Interviewer ([naam]): Wat vindt u?"),
    ("Buurthuis (De Bron): open.", "Buurthuis (De Bron): open."),
    ("Bewoner (82): stil hier.", "Bewoner (82): stil hier."),
    # where a relative or role is, not a surname (review p 1.5)
    ("Mijn moeder in Almelo belt elke dag.", "Mijn moeder in Almelo belt elke dag."),
    ("De wijkagent in Noord is aardig.", "De wijkagent in Noord is aardig."),
    # fix-names2: a name after a header word and a colon, not a thing's or a sentence after a speaker's tag
    ("Aan: Marieke Bos", "Aan: [naam]"),
    ("Van: Henk de Vries\nAan: Bakker", "Van: [naam]\nAan: [naam]"),
    ("Aan: Wijkracht", "Aan: Wijkracht"),
    ("Van: Woningcorporatie Welbions", "Van: Woningcorporatie Welbions"),  # review T M2
    ("Respondent: Gisteren was het stil.", "Respondent: Gisteren was het stil."),
    # a surname alone after a title or with what a person does
    ("Mevrouw Bakker en meneer Yilmaz", "Mevrouw [naam] en meneer [naam]"),
    ("Bakker zei dat het kon.", "[naam] zei dat het kon."),
    ("Ik heb met De Jong gepraat.", "Ik heb met [naam] gepraat."),
    ("Ik sprak Engels met haar.", "Ik sprak Engels met haar."),
    ("Hij spreekt Spaans en Portugees.", "Hij spreekt Spaans en Portugees."),
    ("Ik heb met De Key gesproken.", "Ik heb met De Key gesproken."),
    # a whole name opening a sentence (it went as "Wim [naam]"), not a place's words
    ("Wim van den Broek woont hier al jaren.", "[naam] woont hier al jaren."),
    ("Kees Bakker woont hier.", "[naam] woont hier."),
    # a double surname, not a place's name with a hyphen
    ("Ik sprak met Jansen-de Vries.", "Ik sprak met [naam]."),
    ("Els Jansen-de Vries woont hier.", "[naam] woont hier."),
    ("In Graft-De Rijp is het druk.", "In Graft-De Rijp is het druk."),
    # Met and an organisation is no phone greeting; a listed name after it goes
    ("Met Wijkracht hebben we een plan.", "Met Wijkracht hebben we een plan."),
    ("Met Marja hebben we een plan.", "Met [naam] hebben we een plan."),
    ("Met Vrolijk Pasen kwam iedereen.", "Met Vrolijk Pasen kwam iedereen."),
    ("Hallo, met Anneke.", "Hallo, met [naam]."),
    # a first name that is a word as well needs more than a word in lower case when it opens a sentence
    # review T H1: a word name before a verb a person does goes (Roos staat altijd klaar: "staat" is a person's
    # verb too, so Roos staat in de vaas goes as well); before a verb only a thing does it stays
    ("Roos staat in de vaas.", "[naam] staat in de vaas."),
    ("Roos bloeit al in maart.", "Roos bloeit al in maart."),
    ("Diesel kost steeds meer.", "Diesel kost steeds meer."),
    ("Roos woont om de hoek en helpt mij.", "[naam] woont om de hoek en helpt mij."),
    ("Madelief speelt met mijn dochter.", "[naam] speelt met mijn dochter."),
    ("Sultan woont alleen sinds haar man overleed.", "[naam] woont alleen sinds haar man overleed."),
    ("Violet komt elke dag langs.", "[naam] komt elke dag langs."),
    ("Lotus gaat naar de crèche.", "[naam] gaat naar de crèche."),
    ("Roos Bakker woont hier.", "[naam] woont hier."),
    ("Truus Frank woont hier.", "[naam] woont hier."),  # review T L6: a first name as surname went as Truus [naam]
    ("Koop je hier brood?", "Koop je hier brood?"),
    # review T H2: Frans after gebeld or met ... gesproken is a person; a language only after speaking one
    ("Ik heb met Frans gesproken over de buurt.", "Ik heb met [naam] gesproken over de buurt."),
    ("Ik heb Frans gebeld.", "Ik heb [naam] gebeld."),
    ("Ik sprak Frans gisteren nog bij de bakker.", "Ik sprak [naam] gisteren nog bij de bakker."),
    ("Hij spreekt Frans.", "Hij spreekt Frans."),
    ("Ze sprak Frans en Arabisch met de kinderen.", "Ze sprak Frans en Arabisch met de kinderen."),
    ("Ik heb met Spaans gesproken.", "Ik heb met [naam] gesproken."),
    # review T H4: a listed first name opening a sentence before is, was, op, uit, en ... (no place of that name)
    ("Kees is mijn buurman.", "[naam] is mijn buurman."),
    ("Henk uit de flat ernaast is overleden.", "[naam] uit de flat ernaast is overleden."),
    ("Kees op de hoek helpt iedereen.", "[naam] op de hoek helpt iedereen."),
    ("Kees en zijn vrouw zijn ziek.", "[naam] en zijn vrouw zijn ziek."),
    ("Marja Bakker is voorzitter van de bewonerscommissie.", "[naam] is voorzitter van de bewonerscommissie."),
    ("Wil je koffie? Kom je ook?", "Wil je koffie? Kom je ook?"),
    # ... and a name beside a contact detail, which proves it a person's
    ("Kees Bakker, 06-12345678.", "[naam], [telefoon]."),
    ("Truus - truus@voorbeeld.nl", "[naam] - [e-mail]"),
    ("Wijkteam Noord, 074-1234567", "Wijkteam Noord, [telefoon]"),
    # review T H5: a person with the organisation or place they are from: the person goes, the rest stays
    ("Sandra van Vluchtelingenwerk zei het.", "[naam] van Vluchtelingenwerk zei het."),
    ("Volgens Sandra Jansen van Vluchtelingenwerk is het goed.", "Volgens [naam] van Vluchtelingenwerk is het goed."),
    ("Ik sprak Sandra van Rabobank.", "Ik sprak [naam] van Rabobank."),
    ("Sandra van het Leger des Heils zei het.", "[naam] van het Leger des Heils zei het."),
    ("Kees Bakker van Albert Heijn zegt het.", "[naam] van Albert Heijn zegt het."),
    ("Kees Bakker uit Hengelo zegt dat de bieb dichtgaat.", "[naam] uit Hengelo zegt dat de bieb dichtgaat."),
    ("Kees Visser van Welbions zegt het.", "[naam] van Welbions zegt het."),
    ("Sultan van het Rode Kruis zegt het.", "[naam] van het Rode Kruis zegt het."),
    ("Ik sprak met Wim van Dijk.", "Ik sprak met [naam]."),
    # no places passed: the place goes as well, but never the person's name alone ("Truus [naam] weet het.")
    ("Truus Volman in Groot Driene weet het.", "[naam] in [naam] weet het."),
    ("Jan van Galenstraat is afgesloten.", "Jan van Galenstraat is afgesloten."),
    # review T L1: De Boer and De Waal, among the commonest surnames, are no hamlet here
    ("Ik heb met De Boer gesproken.", "Ik heb met [naam] gesproken."),
    ("De Waal zei dat het kon.", "[naam] zei dat het kon."),
    ("Ik woon aan de Waal.", "Ik woon aan de Waal."),
    ("Lente van de buurt", "Lente van de buurt"),
    ("Roos zei dat het kon.", "[naam] zei dat het kon."),
    ("Roos en Daan komen ook.", "[naam] en [naam] komen ook."),
    ("Ik zag Roos bij de bakker.", "Ik zag [naam] bij de bakker."),
    # names4: a role the list lacked (names_fresh.csv: wethouder Kuipers was kept)
    ("Ik heb het aan wethouder Kuipers gevraagd.", "Ik heb het aan wethouder [naam] gevraagd."),
    ("Wethouder Bulut heeft het beloofd.", "Wethouder [naam] heeft het beloofd."),
    ("De wethouder kwam niet.", "De wethouder kwam niet."),
    # names4: dashes as brackets around a role or relative
    ("Henk - de conciërge - weet alles.", "[naam] - de conciërge - weet alles."),
    ("Karin — de vrouw van de bakker — organiseert het.", "[naam] — de vrouw van de bakker — organiseert het."),
    ("Ik ga - als het kan - morgen.", "Ik ga - als het kan - morgen."),
    # names4: a person from an organisation after "van de" is weighed alone, not as one run with it (the run ended
    # as an organisation does and was kept whole); a school named after someone stays
    ("Joost van de Sportstichting organiseert het.", "[naam] van de Sportstichting organiseert het."),
    ("Sandra bij het Jongerenwerk zei het.", "[naam] bij het Jongerenwerk zei het."),
    ("We gaan naar de Pieter van de Veldeschool.", "We gaan naar de Pieter van de Veldeschool."),
    ("Jan van de Julianaschool is dicht.", "Jan van de Julianaschool is dicht."),
    # names4: a first name that is a word as well, before "is" and what only a person is
    ("Roos is mijn buurvrouw.", "[naam] is mijn buurvrouw."),
    ("Roos is vrijwilliger bij de voedselbank.", "[naam] is vrijwilliger bij de voedselbank."),
    ("Parel is ziek geworden.", "[naam] is ziek geworden."),
    ("Roos is een mooie bloem.", "Roos is een mooie bloem."),
    ("Roos is mijn lievelingsbloem.", "Roos is mijn lievelingsbloem."),
    ("Lente is weer begonnen.", "Lente is weer begonnen."),
    # names4: names in capitals; ordinary words, acronyms, places and streets in capitals stay
    ("IK HEB HET AAN MARIEKE BOS GEVRAAGD", "IK HEB HET AAN [naam] GEVRAAGD"),
    ("KEES ZEI DAT HET KON.", "[naam] ZEI DAT HET KON."),
    ("Ik zei nog tegen ANNA dat het niet kon.", "Ik zei nog tegen [naam] dat het niet kon."),
    ("JAN VAN DIJK WOONT HIER.", "[naam] WOONT HIER."),
    ("ANNA VAN HET BUURTHUIS BELDE.", "[naam] VAN HET BUURTHUIS BELDE."),
    ("Er moet NU iets gebeuren, ECHT waar.", "Er moet NU iets gebeuren, ECHT waar."),
    ("De GGD, het CJG en de ANWB kwamen.", "De GGD, het CJG en de ANWB kwamen."),
    ("WE WONEN IN DE KEES VAN DIJKSTRAAT.", "WE WONEN IN DE KEES VAN DIJKSTRAAT."),
    ("IN HENGELO IS HET DRUK. ROOS EN TULPEN.", "IN HENGELO IS HET DRUK. ROOS EN TULPEN."),
    ("MAX 30 KM PER UUR", "MAX 30 KM PER UUR"),
    ("BAKKER WOONT HIER.", "[naam] WOONT HIER."),
    ("ROOS ZEI HET.", "[naam] ZEI HET."),
    ("DE JONG WOONT HIER.", "[naam] WOONT HIER."),
    ("DE GEMEENTE ZEGT NEE.", "DE GEMEENTE ZEGT NEE."),
    ("HENGELO ZEGT NEE.", "HENGELO ZEGT NEE."),
    # names4: after a title, role, speech verb or introduction in capitals the name is its listed names only (the
    # rest of the sentence went: IK BEN [naam]., DE WIJKAGENT [naam]., TANTE [naam].)
    ("IK BEN HET ZAT.", "IK BEN HET ZAT."),
    ("DE WIJKAGENT KWAM NIET.", "DE WIJKAGENT KWAM NIET."),
    ("VOLGENS DE GEMEENTE KAN HET NIET.", "VOLGENS DE GEMEENTE KAN HET NIET."),
    ("MIJN BUURMAN KAN NIET KOMEN.", "MIJN BUURMAN KAN NIET KOMEN."),
    ("TANTE RIET KOMT.", "TANTE [naam] KOMT."),
    ("MEVROUW BOS BELDE.", "MEVROUW [naam] BELDE."),
    ("IK BEN MARIEKE BOS.", "IK BEN [naam]."),
    ("HALLO, MET ANNEKE.", "HALLO, MET [naam]."),
    # names4: a first name opening a sentence before a clause about them (names_fresh.csv: Anouk was kept)
    ("Anouk, die bij de bieb werkt, zegt het.", "[naam], die bij de bieb werkt, zegt het."),
    ("Roos, die ik kreeg, bloeit.", "Roos, die ik kreeg, bloeit."),
    ("Mirjam – die van de kinderboerderij – weet het.", "[naam] – die van de kinderboerderij – weet het."),
    ("Lelie is mijn nichtje.", "[naam] is mijn nichtje."),
    # names4: a surname alone, after a verb with its tussenvoegsel in capitals or opening a sentence before a verb
    # only a person does; not after a preposition or a word opening the sentence, nor an organisation or place
    ("Ik zag De Jong bij de bakker.", "Ik zag [naam] bij de bakker."),
    ("Ik heb Van Leeuwen al drie keer gebeld.", "Ik heb [naam] al drie keer gebeld."),
    ("Ik ken Ter Horst goed.", "Ik ken [naam] goed."),
    ("We gaan naar De Bron.", "We gaan naar De Bron."),
    ("Ik lees De Telegraaf.", "Ik lees De Telegraaf."),
    ("Wij kennen De Bilt goed.", "Wij kennen De Bilt goed."),
    ("Er staat Te Koop op het bord.", "Er staat Te Koop op het bord."),
    ("Bakker woont hier al jaren.", "[naam] woont hier al jaren."),
    ("Bakker heeft een nieuwe auto.", "[naam] heeft een nieuwe auto."),
    ("Smit van hiernaast heeft een hond.", "[naam] van hiernaast heeft een hond."),
    ("Huis van de Wijk heeft een programma.", "Huis van de Wijk heeft een programma."),
    ("Welbions heeft niks gedaan.", "Welbions heeft niks gedaan."),
    ("Hengelo heeft een plan.", "Hengelo heeft een plan."),
    ("De Gemeente heeft niks gedaan.", "De Gemeente heeft niks gedaan."),
    ("De Bron heeft nieuwe openingstijden.", "De Bron heeft nieuwe openingstijden."),
    ("De Jong woont hier.", "[naam] woont hier."),
    ("Ik ken De Vries niet.", "Ik ken [naam] niet."),
]


@pytest.mark.parametrize(("text", "scrubbed"), RULES, ids=[t[:30] for t, _ in RULES])
def test_each_rule(text, scrubbed):
    assert scrub_text(pd.Series([text])).tolist() == [scrubbed]


def test_the_projects_places_are_kept_where_a_first_name_would_go():
    texts = pd.Series(["We wonen al jaren bij Reinier.", "Bij Jordaan en Marlot is het druk."])
    assert scrub_text(texts).tolist() == ["We wonen al jaren bij [naam].", "Bij [naam] en [naam] is het druk."]
    kept = scrub_text(texts, places=["Reinier", "Jordaan", "Marlot", "Hengelo"])
    assert kept.tolist() == texts.tolist()


def test_a_place_is_kept_in_every_free_text_column_and_a_person_still_goes():
    frame = pd.DataFrame({
        "text": ["Bij Reinier zegt Gerrit dat het druk is."], "document": ["Reinier.docx"],
        "location_raw": ["bij Reinier"], "reason": ["no match: bij Reinier"],
    })  # fmt: skip
    out = scrub_free_text(frame, places=["Reinier"])
    assert out.iloc[0].tolist() == [
        "Bij Reinier zegt [naam] dat het druk is.",
        "Reinier.docx",
        "bij Reinier",
        "no match: bij Reinier",
    ]
    assert scrub_locations(frame[["location_raw"]], places=["Reinier"])["location_raw"].tolist() == ["bij Reinier"]


#: Review T M2: the build passes its regions' names as they are named (Wijk 05 Berflo Es, Hengelo (O.)); residents
#: say the name alone, which is then a place as well.
HENGELO = ["Wijk 03 Hasseler Es", "Wijk 05 Berflo Es", "Wijk 04 Groot Driene", "Hengelo (O.)", "Reinier", "Zonne Veld"]
WITH_PLACES = [
    ("Truus uit Berflo Es zei het.", "[naam] uit Berflo Es zei het."),
    ("Kees Bakker in Hasseler Es zei het.", "[naam] in Hasseler Es zei het."),
    ("Mevrouw Volman in Wijk 04 Groot Driene weet het.", "Mevrouw [naam] in Wijk 04 Groot Driene weet het."),
    ("Hasseler Es zegt mij niks meer.", "Hasseler Es zegt mij niks meer."),
    ("Reinier is een fijne buurt.", "Reinier is een fijne buurt."),
    ("Zonne Veld is een fijne buurt.", "Zonne Veld is een fijne buurt."),
    ("Kees is mijn buurman in Hengelo.", "[naam] is mijn buurman in Hengelo."),
]


@pytest.mark.parametrize(("text", "scrubbed"), WITH_PLACES, ids=[t[:30] for t, _ in WITH_PLACES])
def test_the_regions_names_are_places_also_without_their_wijk_number(text, scrubbed):
    assert scrub_text(pd.Series([text]), places=HENGELO).tolist() == [scrubbed]


def test_decomposed_accents_and_invisible_characters_hide_no_name():
    # Review T M3: NFD (as macOS and some exports write it), a soft hyphen and a zero-width space.
    texts = [
        unicodedata.normalize("NFD", "José zei het."),
        unicodedata.normalize("NFD", "Volgens Özlem Çelik is het goed."),
        "Kees\xadBakker zei het.",
        "Ke\u200bes zei het.",
        unicodedata.normalize("NFD", "Het café is dicht."),
    ]
    scrubbed = scrub_text(pd.Series(texts)).tolist()
    assert scrubbed == ["[naam] zei het.", "Volgens [naam] is het goed.", "[naam] zei het.", "[naam] zei het.",
                        "Het café is dicht."]  # fmt: skip
    assert scrubbed[-1] == unicodedata.normalize("NFC", scrubbed[-1])


def test_a_listed_name_goes_even_where_it_names_a_place_or_organisation():
    texts = pd.Series(["We wonen al jaren bij Reinier.", "Ik werk bij Jumbo."])
    scrubbed = scrub_text(texts, names=["Reinier", "Jumbo"], places=["Reinier"])
    assert scrubbed.tolist() == ["We wonen al jaren bij [naam].", "Ik werk bij [naam]."]


def _generated() -> object:
    spec = importlib.util.spec_from_file_location("generated_quotes", Path(__file__).with_name("generated_quotes.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _sample_quotes() -> list[str]:
    sample = Path(datasets.get_path("hengelo")).parent
    files = [sample / "interviews_fictief.csv", sample / "ronde_najaar_2023" / "interviews_fictief.csv"]
    return [q for f in files for q in pd.read_csv(f, comment="#")["quote"].dropna()]


def test_scrubbing_its_own_output_takes_nothing_more_out():
    # Review T M1: the audit re-scrubs published quotes and fails the build on a name it finds; "Kees Bakker van
    # Albert Heijn zegt het." was "[naam] Heijn zegt het." and then "[naam] [naam] zegt het.".
    generated = _generated()
    fresh = [row["text"] for path in (FRESH, FRESH2, FRESH.with_name("names_fresh3.csv")) for row in _corpus(path)]
    texts = [row["text"] for row in ROWS + SECOND_ROWS] + fresh + _sample_quotes()
    for quotes, places in ((texts, ()), (texts, generated.PLACES), (generated.quotes(1_500), generated.PLACES)):
        once = scrub_text(pd.Series(quotes), places=places)
        left = names_left(once, places=places)
        assert left.sum() == 0, [text for text, n in zip(once, left, strict=True) if n][:5]
        assert scrub_text(once, places=places).tolist() == once.tolist()


def test_scrubbing_twice_changes_nothing_more_and_marks_only_names():
    once = scrub_text(pd.Series([row["text"] for row in ROWS]))
    assert scrub_text(once).tolist() == once.tolist()
    marks = {mark for text in once for mark in __import__("re").findall(r"\[[^\]]+\]", text)}
    assert marks <= {"[naam]", "[telefoon]", "[e-mail]"}


def test_the_audit_reads_contact_details_as_before():
    assert contact_details("Gerrit zegt: bel 06-12345678") == ["[telefoon]"]
    assert contact_details("[naam] zegt: bel [telefoon]") == []


def test_a_long_run_of_capitalised_words_is_scrubbed_without_hanging():
    text = "gerrit en Piet zegt volgens Jansen (wijkagent), De Jong Van der Berg Annie's tuin " * 3_000
    scrubbed = scrub_text(pd.Series([text])).iloc[0]
    assert not {"Piet", "Jansen", "Annie", "Berg"} & set(scrubbed.replace("'", " ").split())
    # Runs of names or tussenvoegsels without end: each name looked around a bounded stretch (80,000 characters
    # of them took 93 s while the run after a name was read to its end).
    runs = pd.Series(["Annie Bep Truus Kees Marja Gerrit Sandra " * 2_000, "De De De De Van Van der " * 2_000])
    assert scrub_text(runs).str.len().gt(0).all()


def test_a_long_run_of_hyphen_joined_names_is_read_in_one_pass():
    # Review p: each name doubled the time of a failing match (1,000 characters never ended); now one way to read it.
    text = "Op de lijst: " + "Anne-Marie-" * 100 + "enz."
    assert scrub_text(pd.Series([text])).tolist() == [text]


def test_a_missing_name_list_stops_the_scrubbing_with_what_to_install(tmp_path, monkeypatch):
    # Review p: a Deduce without its lists scrubbed fewer names, without a word.
    from buurtdata._errors import BuurtdataError
    from buurtdata.sources.interviews import person_words

    monkeypatch.setattr(person_words, "_deduce_lookup", lambda: tmp_path)
    with pytest.raises(BuurtdataError, match=r"names/lst_first_name/items.txt of the package deduce .* pip install"):
        person_words._Lists()


def test_a_buurt_named_as_a_street_and_number_is_a_place_and_a_home_address_still_goes():
    # The national place sentences: 102 lost a buurt named like an address (Berkenoord 1 in Pijnacker-Nootdorp,
    # KWB 2020) as '[adres]' with the gemeente's places passed. A home at another number still goes.
    texts = pd.Series([
        "In Berkenoord 1 is het druk.", "Ik woon op Berkenoord 12.", "Zandhorst 2 is een fijne buurt.",
        "Bij BT Vaanpark 1 is het druk.", "Sterrenburg 1-West is een fijne buurt.", "In Plein 1940-1945 en omgeving.",
    ])  # fmt: skip
    places = ["Berkenoord 1", "Zandhorst 2", "BT Vaanpark 1", "Sterrenburg 1-West", "Plein 1940-1945 en omgeving"]
    scrubbed = scrub_text(texts, places=places)
    assert scrubbed[1] == "Ik woon op [adres]."
    assert scrubbed.drop(1).tolist() == texts.drop(1).tolist()


@pytest.mark.parametrize(
    ("text", "scrubbed"),
    [
        # Review u H1: a listed name went out when a longer span that starts earlier was kept.
        ("Toen Anja zei dat het buurthuis dichtgaat.", "Toen [naam] zei dat het buurthuis dichtgaat."),
        ("Ook Gerrit zegt het.", "Ook [naam] zegt het."),
        ("En Smit zegt het ook.", "En [naam] zegt het ook."),
        # Review u H3: listing the first name left the surname.
        ("Truus de Vries woont hier.", "[naam] woont hier."),
        ("Anja Huttenhuis woont hier.", "[naam] woont hier."),
        ("Anja van Welbions zei het.", "[naam] van Welbions zei het."),
        # names4: the tussenvoegsels of person_names (a list of its own left "[naam] Amrani", "[naam] [naam]")
        ("Anja El Amrani komt hier.", "[naam] komt hier."),
        ("Anja Van Dijk zei het.", "[naam] zei het."),
        ("Anja in Hengelo zei het.", "[naam] in Hengelo zei het."),
    ],
)
def test_a_listed_name_always_goes_with_its_surname(text, scrubbed):
    assert scrub_text(pd.Series([text]), names=["Anja", "Gerrit", "Smit", "Truus"]).tolist() == [scrubbed]


@pytest.mark.parametrize(
    ("text", "scrubbed"),
    [
        # Review u H2: a word opening the sentence before a name kept the name (127 of 154 generated quotes).
        ("En Pieter zegt het.", "En [naam] zegt het."),
        ("Toen Anja zei dat het dichtgaat.", "Toen [naam] zei dat het dichtgaat."),
        ("Gisteren Pieter zegt het.", "Gisteren [naam] zegt het."),
        # names4: any ordinary word (Deduce's common words and person_words' list) is read past, and stays
        ("Zelfs Pieter zegt het.", "Zelfs [naam] zegt het."),
        ("Misschien Kees weet het.", "Misschien [naam] weet het."),
        ("Helaas Pieter Smit zei het.", "Helaas [naam] zei het."),
        ("De Jong zei het.", "[naam] zei het."),
        ("En Hengelo is mooi.", "En Hengelo is mooi."),
        ("Maar De Bron is dicht.", "Maar De Bron is dicht."),
        ("Ook Welbions zegt het.", "Ook Welbions zegt het."),
        ("Dus Reinier is een fijne buurt.", "Dus Reinier is een fijne buurt."),
    ],
)
def test_a_word_opening_the_sentence_does_not_keep_the_name_after_it(text, scrubbed):
    assert scrub_text(pd.Series([text]), places=["Reinier", "Hengelo"]).tolist() == [scrubbed]


@pytest.mark.parametrize(
    ("text", "scrubbed"),
    [
        # Review u M1: Twente surnames end as a building or field does; after mevrouw or meneer they are a person's.
        ("Mevrouw Huttenhuis woont hier.", "Mevrouw [naam] woont hier."),
        ("Meneer Scholtenhuis zei het.", "Meneer [naam] zei het."),
        ("Mevrouw Olde Monnikhof kwam langs.", "Mevrouw [naam] kwam langs."),
        ("Mevrouw Oosterveld woont hier.", "Mevrouw [naam] woont hier."),
        ("Dhr. Wolterink belde.", "Dhr. [naam] belde."),
        ("Ik ging naar het Buurthuis.", "Ik ging naar het Buurthuis."),
        ("De wijkagent van Berflo Es kwam langs.", "De wijkagent van Berflo Es kwam langs."),
    ],
)
def test_after_mevrouw_or_meneer_a_name_that_ends_as_a_thing_is_a_person(text, scrubbed):
    assert scrub_text(pd.Series([text]), places=["Oosterveld", "Berflo Es"]).tolist() == [scrubbed]
