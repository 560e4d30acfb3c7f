"""Shapes of a name, address, date of birth or contact detail sweep12 found published (findings F1, F3, F4, F9 and
F10 of /work/wt/sweep12_interviews.md): a listed first name and surname standing alone (``Henk Bakker, 70 jaar.``), a
street and house number in everyday word orders (``Ik woon in de Stationsstraat, nummer twaalf.``, ``Ik woon aan de
Lange Wemen 1.``), a name in lower case after a title or introduction (``mevrouw yilmaz``, ``Ik heet gerda hulshof``),
a name between brackets (a transcriber's clarification or speaker tag: ``Hij [Henk] zei``, ``(Gerda Hulshof) Ja.``),
and more transcript shapes (``Hulshof: Ja.``, ``Bakker, H.``, ``Op 12-03-1948 geboren.``, ``jan @ gmail . com``,
``31612345678``). Each caught sentence goes with exactly the scrubbed text given; each kept sentence stays whole.
Every sentence, name and number here is FICTIEF: made up for these tests, about no real person."""

from __future__ import annotations

import pandas as pd
import pytest
from guards import no_hang

from buurtdata.sources.interviews import scrub_text
from buurtdata.sources.interviews.scrub import contact_details

#: The project's places, as a build passes them (the Hengelo sample's).
PLACES = ["Hengelo", "Klein Driene", "Berflo Es", "Berflo Es Noord", "Nijverheid", "Hasseler Es", "De Brand"]

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


#: F9: a name between brackets; square brackets holding the name alone become the placeholder.
BRACKETED = [
    ("Hij [Henk] zei dat het niet klopt.", "Hij [naam] zei dat het niet klopt."),
    ("Ik heb [Henk Bakker] gebeld.", "Ik heb [naam] gebeld."),
    ("[Henk Bakker] zegt dat het niet veilig is.", "[naam] zegt dat het niet veilig is."),
    ("De buurman [Henk Bakker, nr 12] klaagt.", "De buurman [[naam], nr 12] klaagt."),
    ("[Gerda] Ja, het is hier eenzaam.", "[naam] Ja, het is hier eenzaam."),
    ("Hij (Henk) zei dat het niet klopt.", "Hij ([naam]) zei dat het niet klopt."),
    ("(Gerda Hulshof) Ja.", "([naam]) Ja."),
    ("Ze zei [Gerda Hulshof] het.", "Ze zei [naam] het."),
    ("[Henk Bakker, 70 jaar] zegt het.", "[[naam], 70 jaar] zegt het."),
    ("[G. Hulshof] belde.", "[naam] belde."),
    ("(Wim van den Broek) zegt het.", "([naam]) zegt het."),
    ("Hij [Bakker] zei het.", "Hij [naam] zei het."),
    ("De man (Bakker) zei het.", "De man ([naam]) zei het."),
    ("Mijn buurvrouw [De Jong] is ziek.", "Mijn buurvrouw [naam] is ziek."),
    ("De man (Jansen) zei het.", "De man ([naam]) zei het."),
    ("Hij [ Henk ] zei het.", "Hij [naam] zei het."),
    ("[Sandra, jongerenwerker] vertelde dit.", "[[naam], jongerenwerker] vertelde dit."),
    ("[interviewer: zie ook Henk Bakker]", "[interviewer: zie ook [naam]]"),
    ("De kinderen (Mohammed en Fatima) spelen buiten.", "De kinderen ([naam] en [naam]) spelen buiten."),
    ("Dat zei [mevrouw Jansen] ook.", "Dat zei [mevrouw [naam]] ook."),
    ("Bel [Henk] op [06-12345678].", "Bel [naam] op [[telefoon]]."),
]

#: F10: a surname as a speaker's label or before a comma and a first name, a surname in lower case after a caught first
#: name, a date of birth before geboren or in words, a spaced e-mail address and +31 without its +.
TRANSCRIPT = [
    ("Hulshof: Ja, het is hier eenzaam.", "[naam]: Ja, het is hier eenzaam."),
    ("I: Hoe gaat het? Hulshof: Ja, goed.", "I: Hoe gaat het? [naam]: Ja, goed."),
    ("I: Hoe gaat het? Hulshof: Het gaat wel.", "I: Hoe gaat het? [naam]: Het gaat wel."),
    ("Hulshof: Nou, het gaat wel.", "[naam]: Nou, het gaat wel."),
    ("I: Hoe gaat het?\nHulshof: Ja, goed.", "I: Hoe gaat het?\n[naam]: Ja, goed."),
    ("Gerda: Ja, het is hier eenzaam.", "[naam]: Ja, het is hier eenzaam."),  # as before
    ("G. Hulshof: Ja.", "[naam]: Ja."),  # as before
    ("Bakker, H.", "[naam]"),
    ("Hulshof, Gerda", "[naam]"),
    ("Bakker, H. en Hulshof, Gerda kwamen.", "[naam] en [naam] kwamen."),
    ("Ria ten brinke zegt dat.", "[naam] zegt dat."),
    ("Jan van den berg zegt dat.", "[naam] zegt dat."),
    ("Op 12-03-1948 geboren.", "Op [geboortedatum] geboren."),
    ("12 maart 1948 ben ik geboren.", "[geboortedatum] ben ik geboren."),
    ("Ik ben van 1948, geboren op twaalf maart.", "Ik ben van 1948, geboren op [geboortedatum]."),
    ("Geboren: twaalf maart 1948.", "Geboren: [geboortedatum]."),
    ("Mijn e-mail is jan de vries @ gmail . com", "Mijn e-mail is [e-mail]"),
    ("mail jan @ gmail . com of bel", "mail [e-mail] of bel"),
    ("Mijn nummer: 31612345678.", "Mijn nummer: [telefoon]."),
    ("Bel 31612345678.", "Bel [telefoon]."),
    ("31 6 12 34 56 78", "[telefoon]"),
    ("mijn nummer is 31 6 12345678", "mijn nummer is [telefoon]"),
    ("mijn nummer: 31 6 12 34 56 78", "mijn nummer: [telefoon]"),  # was [telefoon] 78: read as said aloud
    ("telefoon 316-12345678", "telefoon [telefoon]"),
]

#: Sentences each new rule must leave whole.
KEPT_SINCE = [
    # F9: no name between the brackets, or buurtdata's own placeholder
    "[interviewer: zie ook de vorige vraag]",
    "Het buurthuis (bij de kerk) is dicht.",
    "Dit is een verhaal (FICTIEF).",
    "Ja [lacht] dat klopt.",
    "Ik heb het gezegd (2x).",
    "Hij zei [onverstaanbaar] en ging weg.",
    "Het feest (De Brand) was leuk.",
    "Ik ben bij de woningcorporatie (Welbions) geweest.",
    "Boodschappen doe ik daar (Albert Heijn).",
    "We gingen naar [Hengelo] toe.",
    "Dat is in (Berflo Es) gebeurd.",
    "Ze woont daar (Berflo Es Noord).",
    "Met de feestdagen (Pasen) is het druk.",
    "(Kerst) was gezellig.",
    "[Pauze]",
    "[Einde opname]",
    "[I] Hoe gaat het? [R] Goed.",
    "(Vervolg) Ja.",
    "[Nederlands] is moeilijk.",
    "[Maandag] ging ik.",
    "(Noord) is mooi.",
    "Dat zei (Bakker) ook.",
    "Ik heb [naam] gebeld op [telefoon].",
    "Hij [naam buurman] zei het.",
    "Hij zei het [naam].",
    # F10: no surname as a label, no surname and first name, no date of birth, e-mail or phone number
    "Tip: bel de wijkagent.",
    "Schimmel: één lijst.",
    "Schimmel: er moet één lijst komen.",
    "Post: de bus komt niet.",
    "Vraag: Hoe gaat het?",
    "Interviewer: Hoe gaat het? Respondent: Goed.",
    "Noot: dit is FICTIEF.",
    "Let op: de stoep is scheef.",
    "Eenzaamheid: veel mensen zijn alleen.",
    "Hengelo, Enschede en Almelo.",
    "Berflo Es, Nijverheid en Hasseler Es.",
    "Groot, Klein en Midden.",
    "Albert Heijn, Jumbo en Lidl.",
    "[naam] van de buurt zegt dat.",
    "[naam] ten slotte zei ja.",
    "[naam] van de bakker weet alles.",
    "[naam] de bakker weet alles.",
    "In 1948 geboren.",
    "Op 12 maart geboorte van mijn kleinkind.",
    "geboren op twee kinderen",
    "Het was 12-03-1948. Geboren worden is mooi.",
    "Ik zei @ iedereen . Dan ging ik.",
    "In 2031 612 mensen.",
    "Er waren 31 6-jarigen.",
    "mijn nummer is 31, en jij?",
    "bel 12 keer",
]

CAUGHT = NAME_ALONE + ADDRESSES + LOWER_NAMES + BRACKETED + TRANSCRIPT


@pytest.mark.parametrize(("said", "scrubbed"), CAUGHT, ids=[s for s, _ in CAUGHT])
def test_the_shape_is_scrubbed(said, scrubbed):
    assert scrub_text(pd.Series([said]), places=PLACES).tolist() == [scrubbed]
    assert scrub_text(pd.Series([scrubbed]), places=PLACES).tolist() == [scrubbed]  # scrubbing its own output


@pytest.mark.parametrize("said", KEPT + KEPT_SINCE)
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


HOSTILE_SINCE = [
    "[Henk ",
    "[Henk] ",
    "(Henk Bakker ",
    "((((",
    "[[[[",
    "[" + "a" * 79 + " ",
    "[Henk van de van de ",
    "Hij [Bakker ",
    "[G. G. G. ",
    "Hulshof: ",
    "Hulshof. Bakker: ",
    "Bakker, H. ",
    "Bakker, Bakker, ",
    "[naam] van den berg ",
    "12-03-1948 ",
    "12 maart 1948 ben ",
    "jan @ gmail . ",
    "31612345678",
    "31 6 ",
]


def test_contact_details_finds_plus_31_without_its_plus():
    """The privacy audit reads published quotes with contact_details: a number scrubbing takes out, it finds."""
    assert contact_details("Mijn nummer: 31612345678.") == ["[telefoon]"]
    assert contact_details("Mijn e-mail is jan de vries @ gmail . com") == ["[e-mail]"]
    assert contact_details("In 2031 612 mensen.") == []


def test_long_quotes_of_the_new_shapes_are_scrubbed_without_hanging():
    texts = [(seed * (50_000 // len(seed) + 1))[:50_000] for seed in HOSTILE + HOSTILE_SINCE]
    with no_hang("a long quote of the sweep12 shapes in scrubbing"):
        scrubbed = scrub_text(pd.Series(texts), places=PLACES)
    assert scrubbed.str.len().gt(0).all()
