"""The small drawing blocks of a handout page: headings, wrapped paragraphs, rules, the writing box, saving.

Positions are fractions of an A4 page (0 at the bottom, 1 at the top); each block that takes height returns
the ``y`` below it, so a page is laid out top to bottom by threading ``y`` through the blocks.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from buurtdata._text import bound
from buurtdata.outputs._paper import A4, save_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

LEFT, RIGHT = 0.06, 0.94
#: Characters of 8.5 pt DejaVu Sans across the text column.
TEXT_WIDTH = 118


def rule(figure: Figure, x0: float, x1: float, y: float) -> Line2D:
    """Return a thin grey line across the page from ``x0`` to ``x1`` at ``y``."""
    from matplotlib.lines import Line2D

    return Line2D([x0, x1], [y, y], transform=figure.transFigure, color="#c8c8c8", linewidth=0.5)


def heading(figure: Figure, y: float, text: str) -> float:
    figure.text(LEFT, y, text, fontsize=12, weight="bold", va="top")
    return y - 0.024


def writing_box(figure: Figure, top: float, bottom: float) -> None:
    """Draw "Wat zegt de buurt?" with writing lines between ``top`` and ``bottom`` when there is room for three."""
    from matplotlib.lines import Line2D

    spacing = 0.028
    if top - bottom < 0.03 + 3 * spacing:
        return
    figure.text(LEFT, top, "Wat zegt de buurt?", fontsize=12, weight="bold", va="top")
    y = top - 0.03 - spacing
    while y >= bottom:
        figure.add_artist(Line2D([LEFT, RIGHT], [y, y], transform=figure.transFigure, color="#9a9a9a", linewidth=0.6))
        y -= spacing


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


def save(figure: Figure | list[Figure], stem: Path, *, png: bool, dpi: int) -> list[Path]:
    """Save the pages of a handout as one PDF, and the first page as PNG when ``png``."""
    # A handout is drawn in greys only, for black-and-white office printers.
    return save_figure(figure, stem, png=png, dpi=dpi, grey=True)
