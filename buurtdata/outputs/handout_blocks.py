"""The small drawing blocks of a handout page: headings, wrapped paragraphs, rules, the writing box, saving.

Positions are fractions of an A4 page (0 at the bottom, 1 at the top); each block that takes height returns
the ``y`` below it, so a page is laid out top to bottom by threading ``y`` through the blocks.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

from buurtdata._text import (
    FICTIONAL,
    REPORT,
    THIN_COUNTED,
    bound,
    counted,
    elsewhere,
    fictional_rounds,
    told,
    when_said,
)
from buurtdata.outputs import _paper
from buurtdata.outputs._opening import without
from buurtdata.outputs._paper import A4, save_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

LEFT, RIGHT = 0.06, 0.94
#: Characters of 8.5 pt DejaVu Sans across the text column.
TEXT_WIDTH = 118
#: The title of the report's page of every buurt's questions, as its index names it: paper names a page, not a
#: file (``buurtdata.outputs.report.QUESTIONS_PAGE``; not imported, so a worker of the pool starts without the
#: report's imports).
QUESTIONS_TITLE = "Vragen per buurt"
#: Where quotes no page has room for are read: no page of the report shows quotes; the build's database holds them
#: (its table buurt_quotes), and whoever made the report can look them up. Said without a file name, read aloud.
QUOTES_PLACE = f"de gegevens achter {REPORT}, bij wie het maakte"
#: A quote's size and indent on every page.
_QUOTE = {"size": 8.5, "indent": 0.02}


def rule(figure: Figure, x0: float, x1: float, y: float) -> Line2D:
    """Return a thin grey line across the page from ``x0`` to ``x1`` at ``y``."""
    from matplotlib.lines import Line2D

    return Line2D([x0, x1], [y, y], transform=figure.transFigure, color="#c8c8c8", linewidth=0.5)


def heading(figure: Figure, y: float, text: str) -> float:
    figure.text(LEFT, y, text, fontsize=12, weight="bold", va="top")
    return y - 0.024


#: The writing box's lines are this far apart; its heading takes :data:`_BOX_HEADING` above the first.
_LINE_SPACING = 0.028
_BOX_HEADING = 0.03
#: The least height of the writing box: its heading and three lines to write on.
BOX_HEIGHT = _BOX_HEADING + 3 * _LINE_SPACING


def writing_box(figure: Figure, top: float, bottom: float, *, least: int = 3) -> None:
    """Draw "Wat zegt de buurt?" with writing lines between ``top`` and ``bottom`` when there is room for ``least``
    (three; two on a first page whose second page has the whole box)."""
    from matplotlib.lines import Line2D

    if top - bottom < _BOX_HEADING + least * _LINE_SPACING:
        return
    figure.text(LEFT, top, "Wat zegt de buurt?", fontsize=12, weight="bold", va="top")
    y = top - _BOX_HEADING - _LINE_SPACING
    while y >= bottom:
        figure.add_artist(Line2D([LEFT, RIGHT], [y, y], transform=figure.transFigure, color="#9a9a9a", linewidth=0.6))
        y -= _LINE_SPACING


def box_fits(top: float, bottom: float) -> bool:
    """Whether :func:`writing_box` has room between ``top`` and ``bottom`` (else it draws nothing)."""
    return top - bottom >= BOX_HEIGHT


#: Room below the text (a fraction of the page's height, about 1.5 cm) small enough to leave empty on a first page
#: whose writing box is on the second page.
SCRAP = 0.05


def box_wanted(y: float, duiding: list[str], *, second_page: bool) -> bool:
    """Whether a first page, its text ending at ``y``, should give way for "Wat zegt de buurt?".

    The writing box is on the first page when it has room there, else on the second. Without a second page it has
    to be on the first; with one, room too small for the box but more than a :data:`SCRAP` would be left empty, so
    the page gives way until the box fits there too.
    """
    top, bottom = y - 0.012, footer_top(y, duiding) + 0.012
    return not box_fits(top, bottom) and (not second_page or top - bottom >= SCRAP)


def paragraph(
    figure: Figure,
    y: float,
    text: str,
    *,
    size: float = 9,
    color: str = "black",
    style: str = "normal",
    indent: float = 0.0,
    hanging: bool = False,
) -> float:
    lines = _lines(text, size, indent, hanging)
    figure.text(LEFT + indent, y, "\n".join(lines), fontsize=size, color=color, style=style, va="top", linespacing=1.3)
    return y - len(lines) * size * 1.3 / 72 / A4[1] - 0.006


def height(text: str, *, size: float = 9, indent: float = 0.0, hanging: bool = False) -> float:
    """The height :func:`paragraph` gives ``text``, before drawing it (to know whether it fits)."""
    return len(_lines(text, size, indent, hanging)) * size * 1.3 / 72 / A4[1] + 0.006


def _lines(text: str, size: float, indent: float, hanging: bool) -> list[str]:
    width = int(TEXT_WIDTH * 8.5 / size) - int(indent * 150)
    # No break at a hyphen either: a range such as "15-25" stays whole (numbers and units carry no-break spaces).
    return textwrap.wrap(bound(text), width, subsequent_indent="   " if hanging else "", break_on_hyphens=False)


def fictional_notice(figure: Figure, project: Any, *, earlier: bool = False) -> bool:
    """Say at the top of the page that the interviews are fictional, when they are (:attr:`.Project.fictional`);
    return whether it did. ``earlier``: the page shows what the previous round agreed ("Sinds het vorige gesprek").
    """
    text = sheet_notice(project, earlier=earlier)
    if text is None:
        return False
    _paper.fictional_notice(figure, LEFT, 0.912, size=8.5, text=text)
    return True


def sheet_notice(project: Any, *, earlier: bool = False) -> str | None:
    """What a sheet says of made-up interviews on it: of all, or, beside real rounds, of the made-up rounds by name
    when the sheet shows today's made-up round or (``earlier``) what a made-up previous round agreed (sweep 13
    #13: a real round's sheet printed a made-up round's agreements unmarked)."""
    rounds = getattr(project, "fictional_rounds", [])
    if not rounds:
        return told(FICTIONAL, project) if project.fictional else None
    shown = project.fictional or (earlier and len(project.rounds) > 1 and project.rounds[-2].fictional)
    return fictional_rounds("de interviews en afspraken", rounds, short=True) if shown else None


def quote(figure: Figure, y: float, text: str) -> float:
    """Draw a resident's quote; return the y below it."""
    return paragraph(figure, y, text, style="italic", **_QUOTE)


def quotes_that_fit(quotes: list[str], room: float) -> list[str]:
    """The first of ``quotes`` that :func:`draw_quotes` fits in ``room`` of the page's height."""
    fitting: list[str] = []
    while len(fitting) < len(quotes) and height_of([*fitting, quotes[len(fitting)]]) <= room:
        fitting.append(quotes[len(fitting)])
    return fitting


def height_of(quotes: list[str]) -> float:
    """The height :func:`draw_quotes` gives ``quotes`` under their heading (none: no heading)."""
    return 0.03 + sum(height(text, **_QUOTE) for text in quotes) if quotes else 0.0


def draw_quotes(figure: Figure, y: float, quotes: list[str], *, left_out: int) -> float:
    """Draw the second page's quotes under a heading, and where the ``left_out`` no page had room for are read."""
    if quotes:
        y = heading(figure, y - 0.006, "Meer uit de interviews")
    for text in quotes:
        y = quote(figure, y, text)
    if left_out:
        more = counted(left_out, "uitspraak", "uitspraken")
        y = paragraph(figure, y, f"({elsewhere(more, QUOTES_PLACE)})", size=8, color="#303030")
    return y


def in_report(figure: Figure, y: float, questions: int) -> float:
    """Say how many more questions the report's page of questions holds (when any); return the y below."""
    if not questions:
        return y
    more = counted(questions, "vraag", "vragen")
    return paragraph(figure, y, f"({elsewhere(more, f'‘{QUESTIONS_TITLE}’ in {REPORT}')})", size=8, color="#303030")


def more_questions(
    figure: Figure, questions: list[str], start: int, y: float, floor: float, opening: str = "", *, told: str = ""
) -> float:
    """A second page's ``questions`` (numbered on from ``start``) above ``floor``; how many the report holds.

    ``opening``: the sentence they all open with (:mod:`._opening`), said once above them. ``told``: an opening the
    first page said already in other words (nobody or too few heard): left out, not said again (review aa T1).
    """
    left = len(questions)
    if opening == told:
        pass  # the first page said it
    elif opening and questions and y - height(opening) - height(f"{start + 1}. {questions[0]}", hanging=True) >= floor:
        y = paragraph(figure, y, opening, size=9)
    else:
        opening = ""  # not said above them (no room): each question keeps it (review z L4)
    for number, question in enumerate(questions, start=start + 1):
        text = f"{number}. {without(told, without(opening, question))}"
        if y - height(text, hanging=True) < floor:
            break
        y = paragraph(figure, y, text, size=9, hanging=True)
        left -= 1
    return in_report(figure, y, left)


def footer(figure: Figure, y: float, lines: list[str], source: str) -> float:
    """Draw the warm reading's box (``lines``) below ``y`` and the source line at the foot; return the box's top."""
    top = footer_top(y, lines)
    figure.text(
        LEFT,
        top,
        "\n".join(lines),
        fontsize=8.5,
        va="top",
        linespacing=1.35,
        bbox={"boxstyle": "square,pad=0.6", "facecolor": "#f0f0f0", "edgecolor": "#404040", "linewidth": 0.8},
    )
    source_line(figure, source)
    return top


def source_line(figure: Figure, source: str) -> None:
    """Draw the source line at the foot of the page, wrapped within the text's margins (sweep 13 #15: wrapped at
    140 characters it ran 4 mm from the paper's edge, past the text above it)."""
    figure.text(LEFT, 0.025, "\n".join(source_lines(source)), fontsize=7.5, va="bottom", color="#202020")


def source_lines(source: str) -> list[str]:
    """The source line in lines of the text's width at most, measured in the page's font."""
    from buurtdata.outputs._map_key import clause_lines

    return clause_lines(source, (RIGHT - LEFT) * A4[0] * 72, 7.5, clauses=False)


def footer_floor(lines: list[str]) -> float:
    """The lowest y the text above the warm reading's box of ``lines`` may reach."""
    return 0.057 + 0.0135 * (len(lines) + 2)


def footer_top(y: float, lines: list[str]) -> float:
    """The top of the warm reading's box of ``lines`` below text that ends at ``y`` (as :func:`footer` draws it)."""
    # The text above leaves the footer its room: a full page gives way until it does, a place's sheet is short.
    return min(y - 0.012, 0.06 + 0.0135 * (len(lines) + 3))


def save(figure: Figure | list[Figure], stem: Path, *, png: bool, dpi: int) -> list[Path]:
    """Save the pages of a handout as one PDF, and the first page as PNG when ``png``."""
    # A handout is drawn in greys only, for black-and-white office printers.
    return save_figure(figure, stem, png=png, dpi=dpi, grey=True)


def nothing_named(heard: int | None, *, period: str, threshold: int, wijk: bool) -> str:
    """Why a sheet lists no theme of the buurt (``wijk``: it goes on about the wijk): read aloud, "no theme named by
    enough people" sounds as if people were asked (user test: a buurt where nobody was interviewed was told so).

    >>> nothing_named(0, period="najaar 2025", threshold=3, wijk=False)
    'In deze buurt is in het najaar van 2025 met niemand gesproken.'
    >>> print(nothing_named(1, period="najaar 2025", threshold=3, wijk=False))  # doctest: +ELLIPSIS
    In deze buurt spraken we in het najaar van 2025 met te weinig mensen om per thema iets te laten zien. Wat zij ...
    """
    where = "In deze buurt zelf" if wijk else "In deze buurt"
    when = f"{when_said(period)} " if period else ""
    if heard == 0:
        return f"{where} is {when}met niemand gesproken."
    if heard is not None and heard < threshold:
        # Which themes so few people raised would tell their neighbours what they talked about, so no theme is named,
        # not even as too few (user test V, left A); their voices are counted in the wijk.
        return f"{where} spraken we {when}met te weinig mensen om per thema iets te laten zien. {THIN_COUNTED}"
    # Said actively, as the wall map says it (review x L5: not the passive "geen thema door genoeg mensen genoemd").
    return f"{where} noemden niet genoeg mensen hetzelfde thema."
