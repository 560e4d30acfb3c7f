"""The index of a set of handouts: a web page, and a printable PDF (a cover and a table of contents per wijk).

A buurt left out ([handouts] sparse_handout = "weglaten"), or one of the polygons without figures of the year
(boundaries of another year), is listed with the reason, so nothing goes missing without a word.
"""

from __future__ import annotations

import os
import textwrap
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from buurtdata._text import FICTIONAL, REPORT, counted, elsewhere, told_of_rounds
from buurtdata.outputs import _stems
from buurtdata.outputs._html import render
from buurtdata.outputs._paper import save_figure
from buurtdata.outputs._unplaced import READ_AS, UNPLACED
from buurtdata.outputs.handout_blocks import QUESTIONS_TITLE, sheet_notice
from buurtdata.pipeline import link

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: The book is :class:`buurtdata.outputs.handout._Book` (not imported: handout imports this module).
_A4 = (8.27, 11.69)
#: Where a contents page's first row starts, the step between rows, and the height of its tallest row (a wijk's
#: 11 pt heading), as fractions of the page.
_FIRST_ROW, _ROW_STEP, _ROW_HEIGHT = 0.91, 0.02, 11 * 1.25 / 72 / _A4[1]
#: The contents pages' source line: its bottom and font size; the cover's is of 8 pt. Both run from the left margin
#: to the right one (fractions of the page's width).
_SOURCE_Y, _SOURCE_SIZE, _MARGINS = 0.03, 7.5, (0.08, 0.92)
#: The characters of a contents row's line (8.5 pt) before it wraps, and of the cover's title (30 pt).
_ROW_WIDTH, _COVER_WIDTH = 100, 26


def _questions(signals: pd.DataFrame) -> str:
    """How many questions a buurt's sheets ask, and how many of them come with voices from the interviews (a theme
    people named there): which buurten people spoke about, said without the signals' own names (user test:
    "5× alleen cijfers").

    >>> _questions(pd.DataFrame({"signal": ["samen", "verschil", "verschil", "geen signaal"],
    ...                          "stories": ["genoemd", "niet genoemd", "genoemd", "genoemd"]}))
    '3 vragen, 2 met stemmen uit de interviews'
    >>> _questions(pd.DataFrame(columns=["signal", "stories"]))
    'geen vragen'
    """
    asked = signals[signals["signal"] != "geen signaal"]
    if asked.empty:
        return "geen vragen"
    voiced = int(asked["stories"].eq("genoemd").sum())
    said = counted(len(asked), "vraag", "vragen")
    return f"{said}, {voiced} met stemmen uit de interviews" if voiced else said


def _on_a_place(said: str, *, sheet: bool = True) -> str:
    """What :func:`_questions` says, for a place's sheet, which prints none of its questions; ``sheet``: the place
    has one (review S #6: a place left out got "niet op het blad" of a sheet that is not there).

    >>> _on_a_place("1 vraag"), _on_a_place("geen vragen")
    ('1 vraag, niet op het blad: zie ‘Vragen per buurt’ in het rapport', 'geen vragen')
    >>> _on_a_place("2 vragen", sheet=False)
    '2 vragen: zie ‘Vragen per buurt’ in het rapport'
    """
    if said == "geen vragen":
        return said
    # Built from the title of the report's page, so a renamed page leaves no stale pointer on paper.
    return elsewhere(f"{said}, niet op het blad" if sheet else said, f"‘{QUESTIONS_TITLE}’ in {REPORT}", more=False)


def rows(book: Any, codes: list[str], left_out: list[str]) -> list[dict[str, str]]:
    """One row per buurt, in the order of the codes (gemeente, wijk, buurt: Wijk 2 before Wijk 10, as CBS
    numbers them): where its sheet is, or why it was left out (with every buurt, also those of the polygons
    without figures)."""
    result, left = [], set(left_out)
    for code in codes:
        signals = book.signals.get(code, pd.DataFrame(columns=["signal", "stories"]))
        sparse = book.sparse(code)
        result.append(
            {
                "wijk": book.wijken.get(book.wijk_of[code], ""),
                "buurt": book.names[code],
                "code": code,
                "stem": _stems.buurt(code, book.names[code]),
                # A place's sheet prints no questions: its row says where they are (user test P: Afrikahaven's row
                # said "1 vraag", its sheet had none).
                "signals": _on_a_place(_questions(signals), sheet=code not in left) if sparse else _questions(signals),
                "kind": "over de plek" if sparse else "buurtgesprek",
                "left_out": f"minder dan {book.project.min_inwoners} inwoners" if code in left else "",
                "fictional": _made_up(book, code) if code not in left else "",
            }
        )
    # The polygons without figures are listed beside every buurt of their gemeente, not beside a chosen few.
    chosen = Counter(book.gemeente_of[code] for code in codes)
    complete = {gemeente for gemeente, count in chosen.items() if count == book.buurten_in[gemeente]}
    for code, (name, wijk, gemeente) in book.without_figures.items():
        if gemeente in complete:
            result.append(
                {
                    "wijk": wijk,
                    "buurt": name,
                    "code": code,
                    "stem": "",
                    "signals": "",
                    "kind": "",
                    "left_out": f"geen cijfers van het CBS over {book.project.year} (de kaart is van een ander jaar)",
                    "fictional": "",
                }
            )
    return sorted(result, key=lambda row: row["code"])


def _made_up(book: Any, code: str) -> str:
    """ "FICTIEF" for the row of a sheet that shows a made-up round beside real ones (its counts, or what it agreed:
    :func:`~buurtdata.outputs.handout_blocks.sheet_notice`), else "": the index of a project of real and made-up
    rounds marks each sheet, not all or none (sweep 13, fix13b)."""
    if not getattr(book.project, "fictional_rounds", []):
        return ""  # all made up (said once above the list) or all real
    return "FICTIEF" if sheet_notice(book.project, earlier=bool(book.since.get(code))) else ""


def _notice(project: Any) -> str | None:
    """What the index says above its list of made-up interviews: of all of them, or of the made-up rounds by name."""
    return told_of_rounds(FICTIONAL, "de interviews", project)


def write(book: Any, codes: list[str], left_out: list[str], folder: Path, *, png: bool) -> list[Path]:
    """Write ``index.pdf`` and ``index.html`` (which links the PNGs when ``png``) in ``folder``; return them."""
    listed = rows(book, codes, left_out)
    pdf = _write_pdf(book, codes, left_out, listed, folder / "index.pdf")
    page = folder / "index.html"
    page.write_text(_html(book, codes, listed, png=png), encoding="utf-8")
    return [pdf, page]


def _named(title: str) -> str:
    """The page's title: "Buurtgesprekken Vlieland", but a project named "Vlieland, buurtgesprekken" (as ``buurtdata
    nieuw`` names one) as it is (user test P: "Buurtgesprekken Rotterdam ..., buurtgesprekken 2020")."""
    return title if "buurtgesprek" in title.casefold() else f"Buurtgesprekken {title}"


def _titled(title: str, year: int) -> str:
    """The page's title with the year of its figures said as theirs: "Buurtgesprekken Dinkelland (cijfers 2020)";
    "Buurtgesprekken Dinkelland 2020" read as the year of the conversations, held in 2024 and 2025 (user test W).
    After a name that ends in brackets, a comma: one pair of brackets, as read aloud.

    >>> _titled("Hengelo (O.)", 2024)
    'Buurtgesprekken Hengelo (O.), cijfers 2024'
    """
    named = _named(title)
    return f"{named}, cijfers {year}" if named.endswith(")") else f"{named} (cijfers {year})"


def _html(book: Any, codes: list[str], listed: list[dict[str, str]], *, png: bool) -> str:
    """Return the index page of the handouts of ``codes``, whose :func:`rows` are ``listed``."""
    return render(
        "handouts_index.html.j2",
        title=_titled(book.title(codes), book.project.year),
        fictional=_notice(book.project),
        warme_duiding=link.WARME_DUIDING,
        rows=listed,
        png=png,
        source=book.source(codes),
    )


def _write_pdf(book: Any, codes: list[str], left_out: list[str], listed: list[dict[str, str]], path: Path) -> Path:
    """Write the printable index: a cover, then per wijk its buurten (``listed``, their :func:`rows`) with the kind
    of sheet and the signals."""
    import matplotlib

    with matplotlib.rc_context({"text.parse_math": False, "text.usetex": False}):
        title, source = book.title(codes), book.source(codes)
        pages = [_cover(book, title, source, len(codes) - len(left_out), sum(bool(row["left_out"]) for row in listed))]
        entries: list[list[tuple[str, bool]]] = []
        # The wijken in the order of their buurten's codes (``listed`` is), not of their names.
        for wijk, group in pd.DataFrame(listed).groupby("wijk", sort=False):
            entries.append([(textwrap.shorten(str(wijk) or "(zonder wijk)", _ROW_WIDTH, placeholder="…"), True)])
            for row in group.itertuples():
                what = f"weggelaten: {row.left_out}" if row.left_out else f"{row.kind}; {row.signals}"
                what += f" · {row.fictional}" if row.fictional else ""
                entries.append([(line, False) for line in _wrapped(f"{row.buurt} ({row.code}) · {what}")])
        pages += [_contents(source, lines) for lines in _paged(entries, rows_per_page(source))]
    return save_figure(pages, path.with_suffix(""), png=False)[0]


def _wrapped(text: str) -> list[str]:
    """A contents row on as many lines as it takes, the next ones indented: a row cut off lost what it says last,
    where a place's questions are (review S #1: "… niet op het…").

    >>> _wrapped("Maasvlakte (BU05992308) · over de plek; 2 vragen, 1 met stemmen uit de interviews, niet op het "
    ...          "blad: zie ‘Vragen per buurt’ in het rapport")[1]
    '    zie ‘Vragen per buurt’ in het rapport'
    """
    return textwrap.wrap(text, _ROW_WIDTH, subsequent_indent="    ", break_on_hyphens=False)


def _paged(entries: list[list[tuple[str, bool]]], per_page: int) -> list[list[tuple[str, bool]]]:
    """The lines of the contents pages: each entry (a wijk's heading, or a row of one or more lines) whole on one
    page, at most ``per_page`` lines a page.

    >>> _paged([[("Wijk 1", True)], [("Een", False), ("    rij", False)], [("Twee", False)]], 2)
    [[('Wijk 1', True)], [('Een', False), ('    rij', False)], [('Twee', False)]]
    """
    pages: list[list[tuple[str, bool]]] = [[]]
    for lines in entries:
        if pages[-1] and len(pages[-1]) + len(lines) > per_page:
            pages.append([])
        pages[-1] += lines
    return pages if pages[-1] else []


def _cover(book: Any, title: str, source: str, sheets: int, left: int) -> Figure:
    from matplotlib.figure import Figure

    figure = Figure(figsize=_A4)
    # As the page's title (:func:`_named`; review S #2: the paper said "buurtgesprekken" twice), wrapped to the page;
    # the figures' year in the text below, as theirs (user test W).
    named, size = _cover_title(_named(title))
    figure.text(
        0.08,
        0.8,
        named,
        fontsize=size,
        weight="bold",
        va="top",
        linespacing=1.2,
    )
    interviews = book.project.interviews
    text = [
        f"{counted(sheets, 'blad', 'bladen')}: per buurt kaart, kerncijfers van {book.project.year}, wat mensen "
        "noemden en vragen voor het gesprek."
    ]
    if left:
        text.append(f"Voor {left} {'buurt' if left == 1 else 'buurten'} is er geen blad; in de inhoud staat waarom.")
    if interviews is not None and book.unplaced:
        # Nothing left out without saying so, also on paper: the professional knows where to look.
        # The verb agrees with the count (review S: "1 fragment uit de interviews staan").
        one = book.unplaced == 1
        text.append(
            f"{counted(book.unplaced, 'fragment', 'fragmenten')} uit de interviews {'staat' if one else 'staan'} op "
            f"geen blad van een buurt: alleen {'zijn' if one else 'hun'} wijk is bekend, of "
            f"{'zijn' if one else 'hun'} plek niet. De lijst {UNPLACED} zegt bij {'dat' if one else 'elk'} fragment "
            "waarom, en hoe u het herstelt."
        )
    if interviews is not None and book.read_as:
        # User test K: a misspelt place was placed without a word; the professional checks the guess.
        one = book.read_as == 1
        text.append(
            f"{counted(book.read_as, 'plaatsnaam', 'plaatsnamen')} uit de interviews {'was' if one else 'waren'} "
            f"anders gespeld dan de buurt; {'hij staat' if one else 'ze staan'} bij de buurt die er het meest op "
            f"lijkt. Kijk in {READ_AS} of dat klopt."
        )
    if _notice(book.project):
        text.append(_notice(book.project))
    text.append(link.WARME_DUIDING)
    figure.text(0.08, 0.62, "\n\n".join(textwrap.fill(t, 80) for t in text), fontsize=11, va="top", linespacing=1.35)
    figure.text(0.08, 0.04, _source_lines(source, 8), fontsize=8, va="bottom")
    return figure


def _cover_title(title: str) -> tuple[str, int]:
    """The cover's title on lines that fit the page, and its font size: smaller when it takes more than three
    lines at 30 pt, so it stays above the cover's text (a project's name runs off the page on one line).

    >>> _cover_title("Rotterdam en Súdwest-Fryslân, buurtgesprekken")
    ('Rotterdam en\\nSúdwest-Fryslân,\\nbuurtgesprekken', 30)
    >>> _cover_title("Buurtgesprekken Vlieland")
    ('Buurtgesprekken\\nVlieland', 30)
    """
    parts = title.replace("Buurtgesprekken ", "Buurtgesprekken\n", 1).split("\n")
    lines = [line for part in parts for line in textwrap.wrap(part, _COVER_WIDTH, break_on_hyphens=False)]
    if len(lines) <= 3:
        return "\n".join(lines), 30
    return "\n".join(line for part in parts for line in textwrap.wrap(part, 40, break_on_hyphens=False)), 20


def rows_per_page(source: str) -> int:
    """How many rows a contents page has room for above its ``source`` line, however many lines that wraps to
    (a region's sources take two): the last row stops a little above it."""
    wrapped = _source_lines(source, _SOURCE_SIZE).count("\n") + 1
    top = _SOURCE_Y + wrapped * _SOURCE_SIZE * 1.2 / 72 / _A4[1] + 0.006
    return int((_FIRST_ROW - _ROW_HEIGHT - top) / _ROW_STEP) + 1


def _contents(source: str, lines: list[tuple[str, bool]]) -> Figure:
    from matplotlib.figure import Figure

    figure = Figure(figsize=_A4)
    figure.text(0.08, 0.95, "Inhoud per wijk", fontsize=16, weight="bold", va="top")
    y = _FIRST_ROW
    for text, heading in lines:
        figure.text(
            0.08 if heading else 0.11,
            y,
            text,
            va="top",
            fontsize=11 if heading else 8.5,
            weight="bold" if heading else "normal",
        )
        y -= _ROW_STEP
    figure.text(0.08, _SOURCE_Y, _source_lines(source, _SOURCE_SIZE), fontsize=_SOURCE_SIZE, va="bottom")
    return figure


def _source_lines(source: str, size: float) -> str:
    """The source line wrapped at words to the page's margins, measured in its font (fix13b: wrapped at 110
    characters, a line of wide letters ran past the margin and a long label's words were split at a hyphen)."""
    from buurtdata.outputs._map_key import clause_lines

    return "\n".join(clause_lines(source, (_MARGINS[1] - _MARGINS[0]) * _A4[0] * 72, size, clauses=False))


def write_overview(
    book: Any,
    groups: dict[Path, list[str]],
    left_out: set[str],
    out: Path,
    *,
    unplaced: Path | None,
    status: Path | None = None,
) -> Path:
    """Write ``index.html`` in ``out``: a line per gemeente (``groups``: its folder under ``out`` and the codes of
    its buurten) with how many handouts it has and links to its index page and printable index; return it.

    ``unplaced``: the list of segments on no buurt's sheet, when one was written (beside the handouts, or beside
    the report whose ``handouts/`` ``out`` is), linked from the page; ``status``: ``gemeenten.csv``, which says
    why a gemeente left out has no handouts (written by the build beside ``unplaced``).
    """
    rows = []
    for folder, codes in groups.items():
        drawn = sum(code not in left_out for code in codes)
        rows.append(
            {
                "gemeente": book.gemeente_name(codes[0]),
                "code": book.gemeente_of[codes[0]],
                "folder": folder.relative_to(out).as_posix(),
                "handouts": counted(drawn, "handout", "handouts"),
            }
        )
    page = out / "index.html"
    text = render(
        "handouts_gemeenten.html.j2",
        title=_titled(book.project.name, book.project.year),
        fictional=_notice(book.project),
        warme_duiding=link.WARME_DUIDING,
        gemeenten=counted(len(rows), "gemeente", "gemeenten"),
        refused=[
            {"name": name, "uitleg": said}
            for name, said in zip(getattr(book, "refused", []), getattr(book, "refused_uitleg", []), strict=False)
        ],
        rows=sorted(rows, key=lambda row: row["gemeente"].casefold()),
        # Every page a report publishes names its source, as each gemeente's index does.
        source=book.source([code for codes in groups.values() for code in codes]),
        unplaced=None
        if unplaced is None
        else {"href": Path(os.path.relpath(unplaced, out)).as_posix(), "name": unplaced.name},
        status=None if status is None else Path(os.path.relpath(status, out)).as_posix(),
    )
    page.write_text(text, encoding="utf-8")
    return page
