"""Shapes of a name, date of birth or contact detail sweep12 found published (findings F9 and F10 of
/work/wt/sweep12_interviews.md): a name between brackets (a transcriber's clarification or speaker tag: ``Hij [Henk]
zei``, ``(Gerda Hulshof) Ja.``), and more transcript shapes. Each caught sentence goes with exactly the scrubbed text
given; each kept sentence stays whole. Every sentence, name and number here is FICTIEF: made up for these tests, about
no real person."""

from __future__ import annotations

import pandas as pd
import pytest
from guards import no_hang

from buurtdata.sources.interviews import scrub_text

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
    ("Hij [ Henk ] zei het.", "Hij [naam] zei het."),
    ("[Sandra, jongerenwerker] vertelde dit.", "[[naam], jongerenwerker] vertelde dit."),
    ("[interviewer: zie ook Henk Bakker]", "[interviewer: zie ook [naam]]"),
    ("De kinderen (Mohammed en Fatima) spelen buiten.", "De kinderen ([naam] en [naam]) spelen buiten."),
    ("Dat zei [mevrouw Jansen] ook.", "Dat zei [mevrouw [naam]] ook."),
    ("Bel [Henk] op [06-12345678].", "Bel [naam] op [[telefoon]]."),
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
    "De man (Bakker) zei het.",
    "Ik heb [naam] gebeld op [telefoon].",
    "Hij [naam buurman] zei het.",
    "Hij zei het [naam].",
]

CAUGHT = BRACKETED


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
]


def test_long_quotes_of_the_new_shapes_are_scrubbed_without_hanging():
    texts = [(seed * (50_000 // len(seed) + 1))[:50_000] for seed in HOSTILE]
    with no_hang("a long quote of the sweep12b shapes in scrubbing"):
        scrubbed = scrub_text(pd.Series(texts), places=PLACES)
    assert scrubbed.str.len().gt(0).all()
