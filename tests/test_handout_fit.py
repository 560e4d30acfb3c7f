"""A busy buurt's handout fits one A4 page: what gives way is said on the page, and nothing runs into the footer."""

import itertools
import re
from dataclasses import replace

import pypdf
import pytest
import spoken

from buurtdata._errors import BuurtdataError
from buurtdata._text import FICTIONAL
from buurtdata.outputs import handout, handout_blocks, handout_sheet

BUSY = "BU01640501"


@pytest.fixture(scope="module")
def book(hengelo, hengelo_run):
    return handout._Book.collect(hengelo, hengelo_run)


def _busy(book, themes):
    """The sample's busiest buurt with ``themes`` shown themes (3 to 20 people each), quiet themes and many
    long questions: as a buurt of a project with many interviews (the sample's segments three times over had 11)."""
    sheet = book.handout(BUSY)
    mentions = [3 + (7 * n) % 18 for n in range(themes)]
    names = [f"Thema nummer {n + 1} uit de gesprekken" for n in range(themes)]
    # Each question its own first sentence: questions that all open alike say it once (handout_sheet, _opening).
    question = "De cijfers van Hengelo wijken af ({}): hier wonen meer mensen alleen dan in de gemeente. Herkent u dat?"
    return replace(
        sheet,
        themes=[f"{name}: {m} mensen ({m} bewoners)" for name, m in zip(names, mentions, strict=True)],
        mentions=mentions,
        quiet_themes=[f"Stil thema {n + 1}" for n in range(12)],
        quotes=[f"“{'Het is hier goed wonen, maar niet voor iedereen. ' * 3}” (bewoner, over wonen)"] * 3,
        questions=[question.format(n + 1) for n in range(5)],
        overflow=[question.format(n + 6) for n in range(8)],
        other_questions=[],
    )


def _texts(figure):
    return [text.get_text() for text in figure.texts if text.get_text()]


def _said(figure):
    """The page's text as one line (wrapped lines and no-break spaces read as spaces)."""
    return re.sub(r"\s+", " ", " ".join(_texts(figure)))


def _assert_fits(figure):
    """Every text and the map inside the page, none overlapping another (the duiding box and source line
    are texts too, so nothing runs into the footer)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(figure)
    canvas.draw()  # places the duiding's frame
    renderer = canvas.get_renderer()
    boxes = [(text.get_text(), text.get_window_extent(renderer)) for text in figure.texts if text.get_text()]
    boxes += [("kaart", axes.get_window_extent(renderer)) for axes in figure.axes]
    page = figure.bbox
    for name, box in boxes:
        assert page.x0 <= box.x0 and page.y0 <= box.y0 and box.x1 <= page.x1 and box.y1 <= page.y1, name
    for (one, first), (other, second) in itertools.combinations(boxes, 2):
        same_row = abs(first.y0 - second.y0) < 1 and one != "kaart" and other != "kaart"
        assert same_row or not first.overlaps(second), (one, other)
    # The duiding box's frame too: it stays above the source line at the foot of the page.
    duiding = next(text for text in figure.texts if text.get_text().startswith("Over deze cijfers"))
    source = next(text for text in figure.texts if text.get_text().startswith("Bron:"))
    assert duiding.get_bbox_patch().get_window_extent(renderer).y0 > source.get_window_extent(renderer).y1


@pytest.mark.parametrize("themes", [11, 24])
def test_a_busy_buurt_fits_one_page_and_says_what_gave_way(book, themes):
    busy = _busy(book, themes)
    first, second = book.printer.draw_pages(busy)
    _assert_fits(first)
    _, drawn = book.printer._layout(busy)
    said = _said(first)
    # Quotes went first, and the page says how many.
    assert drawn.quotes_left_out == 3 - len(drawn.quotes) > 0
    assert f"nog {drawn.quotes_left_out} uitspra" in said
    # Questions that gave way are on the second page, none lost.
    later = _said(second)
    assert drawn.questions + drawn.overflow == busy.questions + busy.overflow
    assert all(question in later for question in drawn.overflow)
    assert f"nog {len(drawn.overflow)} vragen: zie blad 2" in said and "Geen signalen" not in said
    # Themes give way least named first, and the page says how many are left out.
    left = drawn.themes_left_out
    assert len(drawn.themes) + left == themes
    if left:
        assert min(drawn.mentions) >= max(drawn.left_out_mentions)
        # "By fewer people" only when it is true of every theme left out.
        fewer = ", door minder mensen genoemd" if min(drawn.mentions) > max(drawn.left_out_mentions) else ""
        assert f"En nog {left} thema’s{fewer}: zie het rapport." in said
        assert sorted(drawn.left_out_mentions + drawn.mentions) == sorted(busy.mentions)
    assert all(theme in said for theme in drawn.themes)
    # The quiet themes keep their rule: named or counted, never with a number of people.
    assert "12 thema’s met te weinig stemmen om te tellen" in said or "Stil thema 12." in said
    assert not re.search(r"Stil thema \d+: \d", said)
    found = spoken.report([(BUSY, text) for text in _texts(first) if "“" not in text])
    assert not found, "\n".join(found)


def test_the_sample_tripled_keeps_all_its_themes_and_a_question(book):
    # The sample's segments three times over: the seven quiet themes of BU01640501 have 3 people each, 11 themes
    # shown. The build stopped: the last question moved to the second page made room for "Geen signalen" (two lines).
    sheet = book.handout(BUSY)
    tripled = replace(
        sheet,
        themes=sheet.themes + [f"{theme}: 3 mensen (3 bewoners)" for theme in sheet.quiet_themes],
        mentions=sheet.mentions + [3] * len(sheet.quiet_themes),
        quiet_themes=[],
    )
    first, _ = book.printer.draw_pages(tripled)
    _assert_fits(first)
    drawn = book.printer._layout(tripled)[1]
    assert drawn.themes == tripled.themes and drawn.questions and drawn.quotes
    assert "Geen signalen" not in _said(first)


def test_a_page_that_cannot_fit_names_the_buurt_and_the_fix(book, hengelo):
    label = "Interviews " + "met bewoners, professionals en ondernemers uit de hele wijk " * 100
    project = replace(hengelo, interviews=replace(hengelo.interviews, label=label))
    printer = replace(book.printer, project=project)
    with pytest.raises(BuurtdataError, match=rf"{BUSY} \(Berflo Es Noord\).*\[interviews\] label"):
        printer.draw_pages(_busy(book, 11))


def test_what_gives_way_first():
    themes = [f"{name}: {m} mensen" for name, m in zip("ABCDE", (5, 3, 9, 3, 4), strict=True)]
    sheet = handout_sheet.Handout(
        code=BUSY,
        name="Berflo Es Noord",
        wijk_name="Wijk 05",
        gemeente_name="Hengelo",
        source="Bron: CBS",
        figures=None,
        themes=themes,
        mentions=[5, 3, 9, 3, 4],
        # Named in two lines, counted in one: counting them gives the page room.
        quiet_themes=["Vertrouwen in instanties", "Continuïteit van hulp", "Voorzieningen", "Gezondheid", "Samen doen"],
        quotes=["q1", "q2"],
        questions=["v1", "v2"],
    )
    # User test P: one quiet theme is named in a line no longer than its count ("zie het rapport"): it stays named.
    assert not handout_sheet._give_way(replace(sheet, quiet_themes=["F"], quotes=[], questions=["v1"])).quiet_counted
    steps = [sheet]
    while (shorter := handout_sheet._give_way(steps[-1])) is not None:
        steps.append(shorter)
    said = [(s.quotes, s.questions, s.quiet_counted, "".join(t[0] for t in s.themes)) for s in steps]
    assert handout_sheet.KEPT_THEMES == 3
    assert said == [
        (["q1", "q2"], ["v1", "v2"], False, "ABCDE"),
        (["q1"], ["v1", "v2"], False, "ABCDE"),
        (["q1"], ["v1"], False, "ABCDE"),
        ([], ["v1"], False, "ABCDE"),
        ([], ["v1"], True, "ABCDE"),
        ([], ["v1"], True, "ABCE"),  # of the two least named (3 people), the last goes first
        ([], ["v1"], True, "ACE"),
        ([], [], True, "ACE"),
        ([], [], True, "AC"),
        ([], [], True, "C"),
        ([], [], True, ""),
    ]
    last = steps[-1]
    assert last.overflow == ["v1", "v2"] and last.quotes_left_out == 2 and last.themes_left_out == 5


def test_quotes_that_give_way_are_on_the_second_page_which_says_the_interviews_are_fictional(book, tmp_path):
    busy = _busy(book, 11)
    busy = replace(busy, quotes=[f"{quote[:-1]}, {n})" for n, quote in enumerate(busy.quotes)])
    _, drawn = book.printer._layout(busy)
    assert drawn.later_quotes and drawn.quotes + drawn.later_quotes == busy.quotes
    assert f"(nog {len(drawn.later_quotes)} uitspraken uit de interviews: zie blad 2)" in _said(book.printer.draw(busy))
    (pdf,) = handout_blocks.save(book.printer.draw_pages(busy), tmp_path / "busy", png=False, dpi=72)
    second = " ".join(pypdf.PdfReader(pdf).pages[1].extract_text().split())
    assert FICTIONAL in second
    assert all(" ".join(quote.split()) in second for quote in drawn.later_quotes)
    assert "Meer uit de interviews" in second and "buurt_quotes" not in second


def test_a_buurt_whose_quotes_gave_way_gets_a_second_page_for_them_alone(book):
    sample = book.handout(BUSY)
    quotes = [
        f"“{'Het is hier goed wonen, maar niet voor iedereen. ' * 8}” (bewoner, over wonen {n})" for n in range(3)
    ]
    sheet = replace(sample, questions=sample.questions[:1], overflow=[], other_questions=[], quotes=quotes)
    _, drawn = book.printer._layout(sheet)
    pages = book.printer.draw_pages(sheet)
    assert not drawn.overflow and drawn.later_quotes and len(pages) == 2
    second = _said(pages[1])
    assert "Meer vragen" not in second and all(quote in second for quote in drawn.later_quotes)
    found = spoken.report([(BUSY, text) for text in _texts(pages[1]) if "“" not in text])
    assert not found, "\n".join(found)
