"""The key figures of a handout: the table at the top right of a page, and the note below it.

Every figure is the mart's own text (``buurt_comparison``); a figure without a value says why, in the words of
:data:`STATUS_TEXT`.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Protocol

import pandas as pd

from buurtdata._text import STATUS_TEXT, and_nl, bound, counted, said_unit
from buurtdata.outputs._paper import A4
from buurtdata.outputs.handout_blocks import rule
from buurtdata.outputs.handout_key import text_width

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from buurtdata.project import Project


class Handout(Protocol):
    """What the table reads of a :class:`buurtdata.outputs.handout_sheet.Handout` (not imported: that module
    imports this one)."""

    figures: pd.DataFrame
    gemeente_name: str


#: What the buurt's column says of a share or rate of a count CBS rounded to 0 (buurt_comparison.weinig_of_geen):
#: 0 to 4 (people, households, ...), not none (user test P, Vlieland's Verspreide huizen).
FEW_OR_NONE = "weinig of geen"
#: Size of the note below the key figures.
NOTE_SIZE = 7.5


def draw(figure: Figure, handout: Handout, project: Project) -> None:
    """Draw the key figures of ``handout`` at the top right of the page, and the note below them."""
    shown, note = table(handout, project)
    # The last column ends at the text's right margin (sweep 13 #15: at 0.945 it stood past the text below it).
    x_title, columns = 0.40, (0.695, 0.775, 0.87, 0.94)
    top = 0.87
    figure.text(x_title, top + 0.008, "Kerncijfers", fontsize=12, weight="bold")
    headers = ("buurt", "gemeente", "NL", "index")
    for x, header in zip(columns, headers, strict=True):
        figure.text(x, top - 0.012, header, fontsize=8, weight="bold", ha="right", va="baseline")
    row_height = _row_height(shown)
    for number, row in enumerate(shown.itertuples()):
        y = top - 0.035 - number * row_height
        cells = (
            _cell(row.value_text, row.status),
            _cell(row.gemeente_text, row.gemeente_status),
            _cell(row.nl_text, row.nl_status),
            _index_cell(row.index_text, row.direction),
        )
        title = _title_lines(row.title, (columns[0] - x_title) * A4[0] * 72, cells[0])
        figure.text(x_title, y, title[0], fontsize=8, va="baseline")
        # shorten() joins words at ordinary spaces: bind the numbers again.
        rest = bound(textwrap.shorten(" ".join(title[1:]), 30, placeholder="…")) if len(title) > 1 else ""
        # A count keeps "aantal": the second line of every row says what kind of figure it is.
        unit = bound(said_unit(row.unit) or row.unit)
        second = " · ".join(part for part in (rest, unit) if part)
        figure.text(x_title, y - 0.011, second, fontsize=7.5, color="#404040", va="baseline")
        for x, text in zip(columns, cells, strict=True):
            figure.text(
                x, y, text, fontsize=8.5, ha="right", va="baseline", weight="bold" if x == columns[0] else "normal"
            )
        figure.add_artist(rule(figure, x_title, columns[-1], y - 0.0165))
    bottom = top - 0.035 - len(shown) * row_height
    figure.text(x_title, bottom + 0.002, "\n".join(note), fontsize=NOTE_SIZE, va="top", color="#303030")


def table(handout: Handout, project: Project) -> tuple[pd.DataFrame, list[str]]:
    """The rows of the key figures and the lines of the note below them.

    A figure CBS published for neither the buurt, the gemeente nor Nederland (a whole year's file
    without it) is no row of three times ‘geen cijfer’: one line of the note names it.
    """
    figures = handout.figures
    published = (figures[["status", "gemeente_status", "nl_status"]] == "waarde").any(axis=1)
    shown = figures[published]
    # Each word a cell of the table says instead of a figure is explained, and only those: the note takes
    # room from the text below it.
    on_page = set(shown["status"]) | set(shown["gemeente_status"]) | set(shown["nl_status"])
    unreliable = [STATUS_TEXT[status] for status in ("geheim", "te_klein", "niet_van_toepassing") if status in on_page]
    said = [f"‘{word}’" + (" (niet van toepassing)" if word == "n.v.t." else "") for word in unreliable]
    explained = f"{', '.join(said)}: geen cijfer, of geen betrouwbaar cijfer. " if said else ""
    few = shown["value_text"] == FEW_OR_NONE
    if few.any():
        # Of what is counted, which need not be people (bedrijfsvestigingen per 1.000 inwoners; review r 2.4), and
        # rounded as CBS rounds it: bijstand to tens (review t H3).
        explained += f"‘{FEW_OR_NONE}’: {rounded_to(shown.loc[few, 'rounded_to'])} "
        # Where even that is far below the gemeente, the index is the most it can be (buurt_comparison, review r 2.7).
        if shown["index_text"].dropna().astype(str).str.startswith("≤").any():
            explained += "Een index met ≤ is de hoogste die het kan zijn. "
    if "ontbreekt" in on_page:
        explained += f"‘{STATUS_TEXT['ontbreekt']}’: het staat niet in het bestand van het CBS."
    # A count shown as a count (handout_figures.comparison) is no rate: the note says so only of rates on the page.
    rates = (shown["unit"] == "per 1.000 inwoners").any()
    units = "Aandelen in procenten, aantallen per 1.000 inwoners. " if rates else "Aandelen in procenten. "
    note = [
        f"Index: {handout.gemeente_name} = 100; ▲/▼ = {project.band} of meer punten verschil. "
        f"{units}{explained}".strip()
    ]
    if not published.all():
        titles = [f"‘{title}’" for title in figures.loc[~published, "title"]]
        # Only the file is known to lack them: CBS may publish them later (an early snapshot of a year lacks some).
        note.append(f"In het gebruikte CBS-bestand van {project.year} staan geen cijfers voor {and_nl(titles)}.")
    lines = [line for part in note for line in textwrap.wrap(bound(part), 74)]
    return shown, lines


def bottom(handout: Handout, project: Project) -> float:
    """The lowest y the key figures and their note take."""
    shown, note = table(handout, project)
    return 0.87 - 0.035 - len(shown) * _row_height(shown) + 0.002 - len(note) * NOTE_SIZE * 1.2 * 1.25 / 72 / A4[1]


def place_text(figures: pd.DataFrame, inwoners: float | None, min_inwoners: int) -> str:
    """What the figures of a place's sheet say of it: how many live there (``inwoners``, from buurt_comparison
    whatever the profile shows; None or NaN: CBS gives no number), and what that means for its figures.

    Only what the page shows: CBS's figures hold no kind of place (a park, a bedrijventerrein), so the sheet
    names none.
    """
    known = inwoners is not None and not pd.isna(inwoners)
    if not known:
        said = ["Het CBS geeft geen aantal inwoners van deze buurt."]
    elif inwoners == 0:
        said = ["Volgens het CBS woont hier niemand."]
    else:
        said = [f"Deze buurt heeft volgens het CBS {counted(int(inwoners), 'inwoner', 'inwoners')}."]
    if min_inwoners:
        said.append(f"Een eigen blad voor het buurtgesprek maken we vanaf {min_inwoners} inwoners.")
    if known and inwoners == 0:
        said.append("Zonder inwoners zeggen cijfers per inwoner niets.")
    else:
        said.append("Bij zo weinig inwoners zeggen aandelen en cijfers per inwoner weinig.")
    shown = [
        STATUS_TEXT[status] for status in ("te_klein", "niet_van_toepassing") if (figures["status"] == status).any()
    ]
    if shown:
        said.append(f"Daarom staat er ‘{'’ of ‘'.join(shown)}’ bij sommige cijfers.")
    return " ".join(said)


def _title_lines(title: str, room: float, value: str) -> list[str]:
    """``title`` wrapped so its first line (8 pt) keeps clear of the buurt's ``value`` (bold 8.5 pt, right-aligned
    ``room`` points from the title's start): a long title beside "te klein" wraps sooner."""
    # Bold is about a tenth wider than regular; 6 points keep the two apart.
    room -= text_width(value, 8.5) * 1.1 + 6
    width = 30
    lines = textwrap.wrap(bound(title), width)
    while width > 10 and text_width(lines[0], 8) > room:
        width -= 1
        lines = textwrap.wrap(bound(title), width)
    return lines


def _row_height(figures: pd.DataFrame) -> float:
    # Figures a question cites join the profile; the table keeps its height, its rows get closer.
    return min(0.031, 0.248 / max(len(figures), 1))


def rounded_to(steps: pd.Series) -> str:
    """What a 'weinig of geen' means, for the rounding steps of the figures it stands for (5 or 10).

    >>> rounded_to(pd.Series([5, 5]))
    'het CBS rondt aantallen af op vijftallen, dus 0 kan ook 1 tot 4 zijn.'
    >>> rounded_to(pd.Series([5, 10]))
    'het CBS rondt aantallen af op vijf- of tientallen, dus 0 kan ook 1 tot 4 of 1 tot 9 zijn.'
    """
    found = set(pd.to_numeric(steps, errors="coerce").dropna().astype(int)) or {5}
    if found == {10}:
        return "het CBS rondt aantallen af op tientallen, dus 0 kan ook 1 tot 9 zijn."
    if found == {5}:
        return "het CBS rondt aantallen af op vijftallen, dus 0 kan ook 1 tot 4 zijn."
    return "het CBS rondt aantallen af op vijf- of tientallen, dus 0 kan ook 1 tot 4 of 1 tot 9 zijn."


def _cell(text: str | None, status: str) -> str:
    return text if status == "waarde" and isinstance(text, str) else STATUS_TEXT.get(status, status)


def _index_cell(text: str | None, direction: str | None) -> str:
    if not isinstance(text, str):
        return "–"
    return text + {"higher": " ▲", "lower": " ▼"}.get(direction, "")
