"""Shapes of a name, date of birth or contact detail sweep12 found published (findings F9 and F10 of
/work/wt/sweep12_interviews.md): a name between brackets (a transcriber's clarification or speaker tag: ``Hij [Henk]
zei``, ``(Gerda Hulshof) Ja.``), and more transcript shapes (``Hulshof: Ja.``, ``Bakker, H.``, ``Op 12-03-1948
geboren.``, ``jan @ gmail . com``, ``31612345678``). Each caught sentence goes with exactly the scrubbed text
given; each kept sentence stays whole. Every sentence, name and number here is FICTIEF: made up for these tests, about
no real person."""

from __future__ import annotations

import pandas as pd
import pytest
from guards import no_hang

from buurtdata.sources.interviews import scrub_text
from buurtdata.sources.interviews.scrub import contact_details

#: The project's places, as a build passes them (the Hengelo sample's, and a buurt named as a surname may be).
PLACES = ["Hengelo", "Klein Driene", "Berflo Es", "Berflo Es Noord", "Nijverheid", "Hasseler Es", "De Brand"]

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
KEPT = [
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

CAUGHT = BRACKETED + TRANSCRIPT


@pytest.mark.parametrize(("said", "scrubbed"), CAUGHT, ids=[s for s, _ in CAUGHT])
def test_the_shape_is_scrubbed(said, scrubbed):
    assert scrub_text(pd.Series([said]), places=PLACES).tolist() == [scrubbed]
    assert scrub_text(pd.Series([scrubbed]), places=PLACES).tolist() == [scrubbed]  # scrubbing its own output


@pytest.mark.parametrize("said", KEPT)
def test_an_ordinary_sentence_stays(said):
    assert scrub_text(pd.Series([said]), places=PLACES).tolist() == [said]


#: Long quotes of the words the new rules read, repeated (50,000 characters each).
HOSTILE = [
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
    texts = [(seed * (50_000 // len(seed) + 1))[:50_000] for seed in HOSTILE]
    with no_hang("a long quote of the sweep12b shapes in scrubbing"):
        scrubbed = scrub_text(pd.Series(texts), places=PLACES)
    assert scrubbed.str.len().gt(0).all()
