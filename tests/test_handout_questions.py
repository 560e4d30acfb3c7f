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

    def question(n: int) -> str:  # each its own first sentence, which the page would otherwise say once
        return f"De cijfers van Hengelo wijken af ({n}): hier wonen meer mensen alleen. Herkent u dat?"

    asked = replace(
        sheet,
        questions=[question(n) for n in range(1, 5)],
        overflow=[question(5)],
        other_questions=[question(6), question(7)],
    )
    first, second = book.printer.draw_pages(asked)
    _, drawn = book.printer._layout(asked)
    later = _said(second)
    assert all(f"{n}. {question(n)}" in later for n in range(len(drawn.questions) + 1, 8))
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


NIEMAND = "In deze ronde hebben we met niemand uit deze buurt gesproken."  # _opening.NOBODY_HEARD
TE_WEINIG = "We hebben in deze buurt nog met te weinig mensen gesproken."


def test_questions_that_open_alike_say_the_opening_once(book, hengelo, hengelo_run):
    """Read aloud one after another, questions that each open "In deze ronde hebben we met niemand uit deze buurt
    gesproken." sounded like a machine (user test T, left then): a page says the opening once, above them; the
    questions stay whole in the sheet's data (and the database, the explorer)."""
    sheets = handout.handout_data(hengelo, hengelo_run)
    # Sheets of buurten where nobody was heard, with two questions or more: their first page said so just above the
    # questions ("In deze buurt is in ... met niemand gesproken."), so it is not said again in other words.
    quiet = [s for s in sheets if s.heard == 0 and len([*s.questions, *s.overflow, *s.other_questions]) > 1]
    assert quiet
    for sheet in quiet:
        assert sheet.questions_opening == NIEMAND and all(q.startswith(NIEMAND) for q in sheet.questions)
        said = _said(book.printer.draw_pages(sheet)[0])
        assert NIEMAND not in said and "met niemand gesproken" in said, sheet.code
        assert re.sub(r"\s+", " ", f"1. {sheet.questions[0][len(NIEMAND) + 1 :]}") in said
    # A buurt where too few were heard in all: the sheet said so above the questions (user test V), not again.
    thin = [s for s in sheets if s.heard and s.heard < hengelo.privacy_threshold and s.questions_opening == TE_WEINIG]
    assert thin
    for sheet in thin:
        said = _said(book.printer.draw_pages(sheet)[0])
        assert TE_WEINIG not in said and "met te weinig mensen om per thema iets te laten zien" in said, sheet.code
    # A buurt where some were heard: its questions' shared opening is said once, above the first.
    sheet = book.handout(BUSY)
    asked = replace(
        sheet,
        questions=[f"{TE_WEINIG} De cijfers wijken af: a. Wat merkt u daarvan?", f"{TE_WEINIG} En b?"],
        overflow=[],
        other_questions=[],
    )
    said = _said(book.printer.draw_pages(asked)[0])
    assert said.count(TE_WEINIG) == 1
    assert f"{TE_WEINIG} 1. De cijfers wijken af: a. Wat merkt u daarvan? 2. En b?" in said
    # One question keeps its opening.
    alone = replace(asked, questions=asked.questions[:1])
    assert f"1. {TE_WEINIG} De cijfers" in _said(book.printer.draw_pages(alone)[0])


def test_a_second_page_says_the_opening_once_too(book):
    sheet = book.handout(BUSY)
    asked = replace(
        sheet,
        questions=[f"{TE_WEINIG} Vraag {n} over een cijfer?" for n in range(1, 5)],
        overflow=[f"{TE_WEINIG} Vraag 5 over een cijfer?"],
        other_questions=[f"{TE_WEINIG} Vraag {n} over een cijfer?" for n in (6, 7)],
    )
    first, second = book.printer.draw_pages(asked)
    later = _said(second)
    assert later.count(TE_WEINIG) == 1 and "Vraag 7 over een cijfer?" in later
    assert _said(first).count(TE_WEINIG) == 1


def test_the_nobody_heard_opening_is_the_seeds():
    """A sheet that said nobody was heard leaves out only that opening (review z L4): it must be the seed's."""
    import csv

    from buurtdata import _sql
    from buurtdata.outputs._opening import FEW_HEARD, NOBODY_HEARD

    with (_sql.pipelines_dir() / "seeds" / "vragen.csv").open(encoding="utf-8", newline="") as seed:
        templates = {row["name"]: row["template"] for row in csv.DictReader(seed)}
    assert templates["alleen_cijfers_niemand"].startswith(f"{NOBODY_HEARD} ")
    assert templates["alleen_cijfers"].startswith(f"{FEW_HEARD} ")


@pytest.mark.parametrize("heard", [0, 1, 2])
def test_a_sheet_that_said_nobody_or_too_few_were_heard_says_it_once_with_one_question_and_on_blad_2(book, heard):
    """Review aa T1: a buurt of 1 to k-1 heard with one question read "te weinig mensen" twice, and a sheet whose
    questions went on to blad 2 said it again there, under "Meer vragen". Read aloud, a sheet says it once."""
    opening = NIEMAND if heard == 0 else TE_WEINIG
    above = "met niemand gesproken" if heard == 0 else "met te weinig mensen om per thema iets te laten zien"
    sheet = replace(book.handout(BUSY), themes=[], mentions=[], themes_left_out=0, quiet_themes=[], heard=heard)
    alone = replace(sheet, questions=[f"{opening} De cijfers wijken af: a. Wat merkt u daarvan?"], overflow=[])
    said = _said(book.printer.draw_pages(replace(alone, other_questions=[]))[0])
    assert opening not in said and above in said and "1. De cijfers wijken af: a. Wat merkt u daarvan?" in said
    many = replace(
        sheet,
        questions=[f"{opening} Vraag {n} over een cijfer?" for n in range(1, 5)],
        overflow=[f"{opening} Vraag 5 over een cijfer?"],
        other_questions=[f"{opening} Vraag {n} over een cijfer?" for n in (6, 7)],
    )
    first, second = book.printer.draw_pages(many)[:2]
    assert opening not in _said(first) and above in _said(first)
    later = _said(second)
    assert opening not in later and "Meer vragen" in later and "6. Vraag 6 over een cijfer?" in later
    # A buurt where enough were heard still says a shared opening once on blad 2 (test above).
    enough = replace(many, themes=book.handout(BUSY).themes, heard=3)
    assert _said(book.printer.draw_pages(enough)[1]).count(opening) == 1
