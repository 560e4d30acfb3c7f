"""Shapes of a name or address sweep12 found published (findings F1, F3, F4 of /work/wt/sweep12_interviews.md): a
listed first name and surname standing alone (``Henk Bakker, 70 jaar.``), a street and house number in everyday word
orders (``Ik woon in de Stationsstraat, nummer twaalf.``, ``Ik woon aan de Lange Wemen 1.``) and a name in lower case
after a title or introduction (``mevrouw yilmaz``, ``Ik heet gerda hulshof``). Each caught sentence goes with exactly
the scrubbed text given; each kept sentence stays whole. Every sentence, name and number here is FICTIEF: made up for
these tests, about no real person."""

from __future__ import annotations

import pandas as pd
import pytest
from guards import no_hang

from buurtdata.sources.interviews import scrub_text

#: The project's places, as a build passes them (the Hengelo sample's).
PLACES = ["Hengelo", "Klein Driene", "Berflo Es", "Nijverheid", "Hasseler Es"]

#: F1: a listed first name and surname as a whole answer, before a comma or an age, or after a speaker label.
NAME_ALONE = [
    ("Henk Bakker.", "[naam]."),
    ("Henk Bakker, 70 jaar.", "[naam], 70 jaar."),
    ("Henk Bakker, ik woon hier al lang.", "[naam], ik woon hier al lang."),
    ("Gerda Hulshof, 82 jaar.", "[naam], 82 jaar."),
    ("R: Gerda Hulshof.", "R: [naam]."),
    ("Hoe heet u? Gerda Hulshof.", "Hoe heet u? [naam]."),
    ("Interviewer: Hoe heet u? Respondent: Gerda Hulshof.", "Interviewer: Hoe heet u? Respondent: [naam]."),
    ("I: En u bent? R: Henk Bakker, ik woon hier al lang.", "I: En u bent? R: [naam], ik woon hier al lang."),
    ("Henk Bakker", "[naam]"),
    ("I: Uw naam?\nR: Gerda Hulshof\nI: Dank u.", "I: Uw naam?\nR: [naam]\nI: Dank u."),
]

#: F3: a street and house number in the word orders people say them in.
ADDRESSES = [
    ("Ik woon in de Stationsstraat, nummer twaalf.", "Ik woon in de Stationsstraat, nummer [huisnummer]."),
    ("Ik woon op de Dorpsstraat, nummer twaalf.", "Ik woon op de Dorpsstraat, nummer [huisnummer]."),
    ("Ik woon in de Stationsstraat op 5.", "Ik woon in de [adres]."),
    ("Ik woon in de Tuindorpstraat op 5.", "Ik woon in de [adres]."),
    ("Ik zit in flat De Molen, nummer 112.", "Ik zit in flat De Molen, nummer [huisnummer]."),
    ("Ik zit in flat De Molen, nr. 112.", "Ik zit in flat De Molen, nr. [huisnummer]."),
    ("Ik zit in de flat, nr. 112.", "Ik zit in de flat, nr. [huisnummer]."),
    ("Ik woon Achter de Molen 3.", "Ik woon [adres]."),
    ("Ik woon aan de Lange Wemen 1.", "Ik woon aan de [adres]."),
    ("Wij wonen op Het Hof 2.", "Wij wonen op Het [adres]."),
    ("Ik woon op 't Lansink 8.", "Ik woon op 't [adres]."),
    ("Ze woont aan de Lange Wemen 1, al jaren.", "Ze woont aan de [adres], al jaren."),
    ("Ik woon al jaren in de Stationsstraat op 5.", "Ik woon al jaren in de [adres]."),
    ("Ik woon in de Stationsstraat, op 5.", "Ik woon in de [adres]."),
    ("Ik woon op de Lange Wemen nummer 1.", "Ik woon op de [adres]."),
    ("Ik woon aan de Lange Wemen 1 met mijn man.", "Ik woon aan de [adres] met mijn man."),
    ("Post naar 7552 ab 14 graag.", "Post naar [adres] graag."),
    ("Ik woon Oude Markt 12 boven de bakker.", "Ik woon [adres] boven de bakker."),
    # unchanged: a number after a street and boven alone is its number's part; a phone number after a PC6 its own
    ("Ik woon Oude Markt 12 boven.", "Ik woon [adres]."),
    ("Post naar 7552 ab 06 12345678 graag.", "Post naar [adres] [telefoon] graag."),
    # found beside F3: a PC6 took the 06 of a phone number after it as its house number and left -12345678
    ("Mijn adres is 7552 AB, 06-12345678.", "Mijn adres is [adres], [telefoon]."),
    ("7552ab 06 12345678", "[adres] [telefoon]"),
]

#: F4: a name in lower case after a title, relative or introduction, and a whole lower-case name with a tussenvoegsel.
LOWER_NAMES = [
    ("mevrouw yilmaz van driehoog is altijd alleen.", "mevrouw [naam] van driehoog is altijd alleen."),
    ("Mevrouw yilmaz is ziek.", "Mevrouw [naam] is ziek."),
    ("mevr. jansen zegt het ook.", "mevr. [naam] zegt het ook."),
    ("de heer bakker kwam langs.", "de heer [naam] kwam langs."),
    ("meneer de vries van hiernaast.", "meneer [naam] van hiernaast."),
    ("mijn buurvrouw yilmaz is ziek.", "mijn buurvrouw [naam] is ziek."),
    ("buurman bert heeft een hond.", "buurman [naam] heeft een hond."),
    ("Ik heet gerda hulshof.", "Ik heet [naam]."),
    ("ik heet gerda en ik woon hier.", "ik heet [naam] en ik woon hier."),
    (
        "Mijn naam is gerda hulshof en ik woon op de Dorpsstraat, nummer twaalf.",
        "Mijn naam is [naam] en ik woon op de Dorpsstraat, nummer [huisnummer].",
    ),
    ("Ik sprak met jan de vries over de bus.", "Ik sprak met [naam] over de bus."),
    ("fatima el amrani zegt dat het buurthuis dicht is.", "[naam] zegt dat het buurthuis dicht is."),
    ("mevrouw yilmaz ligt in het ziekenhuis.", "mevrouw [naam] ligt in het ziekenhuis."),
    ("de familie visser woont hier al lang.", "de familie [naam] woont hier al lang."),
    ("mevrouw de burgemeester Jansen kwam ook.", "mevrouw de burgemeester [naam] kwam ook."),  # as before
]

#: Sentences each new rule must leave whole.
KEPT = [
    # F1: no listed first name and surname alone
    "Albert Heijn.",
    "Klein Driene.",
    "Oude Markt.",
    "Goede Vrijdag.",
    "Groot Driene, daar woon ik.",
    "Jumbo Hengelo.",
    "Hasseler Es, Nijverheid.",
    # F3: no street with a house number
    "Ik woon al 12 jaar in de Stationsstraat.",
    "De flat heeft 112 woningen.",
    "Ik woon in Wijk 4.",
    "Ik woon in Blok 3.",
    "Ik woon op Kamer 12.",
    "Ik woon in Hengelo 30 jaar.",
    "Ik woon in Berflo Es 2.",
    "Ik woon in Klein Driene op 3.",
    "Wonen in Hengelo 2025.",
    "Ik woon in de Stationsstraat op 3 hoog.",
    "Ik woon in de Stationsstraat op 1 januari.",
    "Ik woon in de Stationsstraat op 5 minuten van het station.",
    "Ik woon in Hengelo, 3 kinderen.",
    "Wat is het belangrijkst? Nummer één.",
    "De buurtbus, nummer vier, rijdt niet meer.",
    "Ik woon in de Stationsstraat, nummer één is de rust.",
    "In nood: nummer 112!",
    "Bel nummer 112.",
    "Brand in de flat? Bel direct. Nummer 112.",
    "Brand in de flat, bel nr. 112.",
    "Ik woon in de Stationsstraat, op 3 hoog.",
    "Ik woon nu bij Oma 2 dagen per week.",
    "Wij wonen sinds Mei 2020.",
    "Ik woon sinds Corona 2020.",
    "Ik woon al jaren in Hengelo 2 en een half jaar.",
    "Ik woon in Wijk 4 en werk in Blok 5.",
    "Ik woon in Berflo Es 2 en vind het fijn.",
    "Ik woon boven Albert Heijn 2.",
    # F4: no name after a title, relative or introduction, nor a first name, tussenvoegsel and surname
    "mevrouw de burgemeester",
    "mevrouw de burgemeester is ziek.",
    "meneer de directeur zegt nee.",
    "buurman en buurvrouw komen ook",
    "Ik heet u welkom.",
    "mijn naam is haas.",
    "mijn naam is niet belangrijk.",
    "mevrouw komt morgen.",
    "mevrouw ligt in het ziekenhuis.",
    "meneer houdt van vissen.",
    "de heer kwam langs.",
    "mijn buurvrouw is ziek.",
    "mijn vrouw wil niet.",
    "mijn zus bel ik elke dag.",
    "mijn zoon ken je wel.",
    "mevrouw van de gemeente zei het.",
    "meneer van hiernaast is aardig.",
    "Ik zag mevrouw gisteren.",
    "Dank u wel, mevrouw.",
    "meneer groot is hij niet.",
    "Ik ken de weg.",
    "Dat kan de boer niet.",
    "Ik koop de grond.",
    "Roos de mooiste bloem.",
]


CAUGHT = NAME_ALONE + ADDRESSES + LOWER_NAMES


@pytest.mark.parametrize(("said", "scrubbed"), CAUGHT, ids=[s for s, _ in CAUGHT])
def test_the_shape_is_scrubbed(said, scrubbed):
    assert scrub_text(pd.Series([said]), places=PLACES).tolist() == [scrubbed]
    assert scrub_text(pd.Series([scrubbed]), places=PLACES).tolist() == [scrubbed]  # scrubbing its own output


@pytest.mark.parametrize("said", KEPT)
def test_an_ordinary_sentence_stays(said):
    assert scrub_text(pd.Series([said]), places=PLACES).tolist() == [said]


#: Long quotes of the words the new rules read, repeated (50,000 characters each).
HOSTILE = [
    "Henk Bakker, ",
    "Gerda Hulshof. ",
    "woon in de A ",
    "woon aan De Molen ",
    "Ik woon in de Stationsstraat op ",
    "woon Achter de Molen de ",
    "woon in A" + " " * 60,
    "woon a a a A A A A ",
    "woon al jaren in de A B C D ",
    "woon A, op ",
    "woon A nummer ",
    ", nummer ",
    "nummer twaalf ",
    "7552 ab 14 ",
    "Oude Markt 12 boven ",
    "jan de ",
    "jan de vries ",
    "mevrouw de ",
    "mevrouw yilmaz ",
    "ik heet gerda ",
    "de de ",
]


def test_long_quotes_of_the_new_shapes_are_scrubbed_without_hanging():
    texts = [(seed * (50_000 // len(seed) + 1))[:50_000] for seed in HOSTILE]
    with no_hang("a long quote of the sweep12 shapes in scrubbing"):
        scrubbed = scrub_text(pd.Series(texts), places=PLACES)
    assert scrubbed.str.len().gt(0).all()
