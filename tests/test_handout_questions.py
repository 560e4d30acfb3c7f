"""Which questions a handout asks (user test N, Deventer's Bergkwartier): the themes people raised first, and every
question on paper when a second page has room for it."""

import re
from dataclasses import replace

import pandas as pd
import pytest

from buurtdata.outputs import handout

BUSY = "BU01640501"


@pytest.fixture(scope="module")
def book(hengelo, hengelo_run):
    return handout._Book.collect(hengelo, hengelo_run)


def _bergkwartier():
    """Bergkwartier's signals in meeting order, as the national test built them: three figures that point at themes
    nobody raised, two themes 3 people raised whose figures do not point (each citing a figure outside the key
    figures), two themes with too few voices."""
    rows = [
        ("Eenzaamheid", "verschil", "niet genoemd", "aandeel_eenpersoonshuishoudens"),
        ("Groen", "verschil", "niet genoemd", "bevolkingsdichtheid"),
        ("Ontmoeten", "verschil", "niet genoemd", "aandeel_eenpersoonshuishoudens"),
        ("Geldzorgen", "verschil", "genoemd", "bijstand"),
        ("Jongeren", "verschil", "genoemd", "aandeel_15_25"),
        ("Vertrouwen", "te weinig stemmen", "te weinig stemmen", None),
        ("Wonen", "te weinig stemmen", "te weinig stemmen", None),
    ]
    signals = pd.DataFrame(rows, columns=["theme", "signal", "stories", "cited"])
    signals["question"] = "Vraag over " + signals["theme"]
    figures = pd.DataFrame({"indicator": ["inwoners", "aandeel_eenpersoonshuishoudens", "aandeel_65_plus"]})
    extra = pd.DataFrame({"indicator": ["aandeel_15_25", "bevolkingsdichtheid", "bijstand"]})
    return signals, figures, extra


def test_the_themes_people_raised_get_their_questions_first():
    signals, figures, extra = _bergkwartier()
    chosen, others, shown = handout._Book._choose(signals, figures, extra)
    # Both themes 3 people raised are asked about, before anything else; they take the two extra figures.
    assert chosen[:2] == ["Vraag over Geldzorgen", "Vraag over Jongeren"]
    assert chosen[2:] == ["Vraag over Eenzaamheid", "Vraag over Vertrouwen", "Vraag over Wonen"]
    assert set(shown["indicator"]) == {*figures["indicator"], "bijstand", "aandeel_15_25"}
    # A third extra figure and a repeated one: kept off the first page, never lost.
    assert others == ["Vraag over Groen", "Vraag over Ontmoeten"]


def _said(figure):
    return re.sub(r"\s+", " ", " ".join(text.get_text() for text in figure.texts if text.get_text()))


def test_a_second_page_prints_every_question_it_has_room_for(book):
    # The page of the user test: one question moved to blad 2, and two more the first page's rules kept off it;
    # blad 2 printed the one and sent the two to the report, above some 24 empty writing lines.
    sheet = book.handout(BUSY)
    question = "De cijfers wijken af van Hengelo: hier wonen meer mensen alleen dan in de gemeente. Herkent u dat?"
    asked = replace(
        sheet,
        questions=[f"{question} ({n})" for n in range(1, 5)],
        overflow=[f"{question} (5)"],
        other_questions=[f"{question} (6)", f"{question} (7)"],
    )
    first, second = book.printer.draw_pages(asked)
    _, drawn = book.printer._layout(asked)
    later = _said(second)
    assert all(f"{n}. {question} ({n})" in later for n in range(len(drawn.questions) + 1, 8))
    assert "in het rapport" not in later and "Wat zegt de buurt?" in later
    assert f"nog {7 - len(drawn.questions)} vragen: zie blad 2" in _said(first)


def test_without_a_second_page_the_report_holds_the_other_questions(book):
    sheet = book.handout(BUSY)
    one = replace(
        sheet,
        themes=sheet.themes[:1],
        mentions=sheet.mentions[:1],
        quiet_themes=[],
        wijk_themes=[],
        wijk_mentions=[],
        quotes=[],
        questions=sheet.questions[:1],
        overflow=[],
    )
    pages = book.printer.draw_pages(replace(one, other_questions=["Een vraag over een ander cijfer?"] * 2))
    assert len(pages) == 1
    assert "nog 2 vragen: zie ‘Vragen per buurt’ in het rapport" in _said(pages[0])
