"""The keys of a printed map (:mod:`buurtdata.outputs.maps`): its legend and the labels of its classes, and numbered
buurten with their names beside the map or, where the numbers would not be legible, a line that says where the
buurten's names are.

A printed map numbers its buurten only when every name fits in the two columns beside it and no two numbers
touch on the map at a size that still reads, each a few millimetres at most from its buurt (crowded numbers are
moved apart, on a thin line to their buurt); otherwise (Amsterdam's 517 buurten, Dordrecht's dense centre) it is
drawn without numbers across the page, and a line says where the names are: the screen map beside it names a
buurt when it is pointed at. A wall map (:func:`buurtdata.outputs._wall_sheet.draw`) numbers its buurten the same
way, with more white between the numbers, and leaves off the number of a buurt too small to hold one.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import textwrap
from typing import TYPE_CHECKING, Any

import numpy as np

from buurtdata._sql import has_table
from buurtdata._text import and_nl, count_nl, dutch_number
from buurtdata.outputs._paper import NUMBER_LABEL, numbered_names

if TYPE_CHECKING:
    import duckdb
    import geopandas as gpd
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Font sizes of the numbers on a map, largest first; below the last they no longer read on paper.
NUMBER_SIZES = (6.0, 5.0)
#: Names per column of the key at its font size, and its columns: the A4 page holds no more.
ROWS_PER_COLUMN = 66
COLUMNS = 2
KEY_SIZE = 6.5
#: Larger sizes of the key, largest first, for a key of fewer names: the smallest only where 66 to a column need it
#: (sweep 13 #18: Ermelo's 30 names were set at 6.5 pt with half the column empty below them).
KEY_SIZES = (8.0, 7.0, KEY_SIZE)
#: Where the key's columns start and how wide a line of it may be (figure fractions of the A4 landscape page): its
#: second column ends at 0.97, the right margin as wide as the title's left one (sweep 13 #18: it ran to 0.99).
KEY_LEFT, KEY_WIDTH = 0.62, 0.17
#: The top of the key and the lowest its names may reach (figure fractions), above the legend and a notice.
KEY_TOP, KEY_FLOOR = 0.9, 0.17
#: Where the map sits on the page (figure fractions): beside a key, or alone.
MAP_BESIDE_KEY = (0.03, 0.17, 0.57, 0.73)
MAP_ALONE = (0.03, 0.17, 0.94, 0.70)
#: A number's white box around its digits, in ems: digit width (DejaVu Sans Bold), box padding and height;
#: and the white (points) kept between two boxes, so two numbers never read as one.
_DIGIT_EM, _PAD_EM, _HEIGHT_EM = 0.7, 0.3, 1.3
_GAP = 1.0
#: How far (points; about 3 mm) a crowded number may be moved off its buurt, on a thin line to it, so that it
#: is still read as that buurt's.
MAX_SHIFT = 8.0
_STEPS = 200


def may_number(frame: gpd.GeoDataFrame) -> bool:
    """Whether the key beside the map can hold every buurt of ``frame``."""
    return len(frame) <= ROWS_PER_COLUMN * COLUMNS


def placed_numbers(
    axes: Axes,
    frame: gpd.GeoDataFrame,
    *,
    sizes: tuple[float, ...] = NUMBER_SIZES,
    max_shift: float = MAX_SHIFT,
    gap: float = _GAP,
    drop: bool = False,
) -> Placed | None:
    """Where the numbers of ``frame``'s buurten (in code order) go on ``axes`` (drawn, equal aspect) so no two
    touch (``gap`` points of white between them): the largest of ``sizes`` at which that holds with no number
    more than ``max_shift`` points off its buurt. None when no size does; with ``drop``, the smallest size with as
    few numbers left off as that takes, the smallest buurten's first (a wall map lists them all,
    :func:`buurtdata.outputs._wall_sheet.draw`)."""
    axes.apply_aspect()
    ordered = frame.sort_values("code")
    points = ordered.geometry.representative_point()
    scale = 72 / axes.figure.dpi
    anchors = axes.transData.transform(np.column_stack([points.x, points.y])) * scale
    digits = np.array([len(str(n)) for n in range(1, len(anchors) + 1)])
    everyone = np.ones(len(anchors), dtype=bool)
    for size in sizes:
        half = _half_boxes(digits, size, gap)
        places = _near(anchors, half, max_shift)
        if places is not None:
            return Placed(size, anchors, places, everyone)
    if not drop:
        return None
    size = sizes[-1]
    half = _half_boxes(digits, size, gap)
    shown = np.zeros(len(anchors), dtype=bool)
    places = anchors.copy()
    # The largest buurten first: a number left off is a small buurt's, beside a numbered one.
    for i in np.argsort(-ordered.geometry.area.to_numpy(), kind="stable"):
        trial = shown.copy()
        trial[i] = True
        moved = _near(anchors[trial], half[trial], max_shift)
        if moved is not None:
            shown, places[trial] = trial, moved
    return Placed(size, anchors, places, shown)


@dataclasses.dataclass(frozen=True)
class Placed:
    """The numbers of a map's buurten (in code order): their font size, each buurt's point and its number's place
    (display points), and which are shown (a number too crowded to place is left off)."""

    size: float
    anchors: np.ndarray
    places: np.ndarray
    shown: np.ndarray

    def beside(self) -> dict[int, int]:
        """The buurten (numbers) left without a number on the map, each with the nearest numbered one's."""
        shown = np.flatnonzero(self.shown)
        if not len(shown):
            return {}
        nearest = [np.hypot(*(self.anchors[shown] - self.anchors[i]).T).argmin() for i in np.flatnonzero(~self.shown)]
        return {int(i) + 1: int(shown[n]) + 1 for i, n in zip(np.flatnonzero(~self.shown), nearest, strict=True)}


def _half_boxes(digits: np.ndarray, size: float, gap: float) -> np.ndarray:
    """Half the width and height (points) of each number's white box at ``size``, with ``gap`` around it."""
    width, height = (digits * _DIGIT_EM + _PAD_EM) * size + gap, _HEIGHT_EM * size + gap
    return np.column_stack([width, np.full(len(digits), height)]) / 2


def _near(anchors: np.ndarray, half: np.ndarray, max_shift: float) -> np.ndarray | None:
    """The boxes moved apart (:func:`_spread`), when none moves more than ``max_shift`` off its anchor."""
    places = _spread(anchors, half)
    if places is None or np.hypot(*(places - anchors).T).max(initial=0) > max_shift:
        return None
    return places


def _spread(anchors: np.ndarray, half: np.ndarray) -> np.ndarray | None:
    """Boxes of half sizes ``half`` at ``anchors``, each pair that overlaps pushed apart along the axis where
    they overlap least, until none do (None after :data:`_STEPS` rounds)."""
    places = anchors.astype(float).copy()
    apart = ~np.eye(len(places), dtype=bool)
    reach = half[:, None, :] + half[None, :, :]
    for _ in range(_STEPS):
        gap = places[:, None, :] - places[None, :, :]
        overlap = reach - np.abs(gap)
        hit = apart & (overlap > 0).all(axis=2)
        if not hit.any():
            return places
        along_x = overlap[..., 0] < overlap[..., 1]
        # Half the overlap each (plus a little), away from the other box; a box exactly on another goes up.
        push = np.where(hit, np.where(along_x, overlap[..., 0], overlap[..., 1]) / 2 + 0.25, 0.0)
        sign = np.where(along_x, np.sign(gap[..., 0]), np.sign(gap[..., 1]))
        sign = np.where(sign == 0, np.where(np.arange(len(places))[:, None] < np.arange(len(places)), -1, 1), sign)
        places[:, 0] += (push * sign * along_x).sum(axis=1)
        places[:, 1] += (push * sign * ~along_x).sum(axis=1)
    return None


def draw_key(
    figure: Figure, axes: Axes, frame: gpd.GeoDataFrame, *, without_figures: frozenset[str] = frozenset()
) -> None:
    """Number the buurten of ``frame`` on ``axes`` with their names beside it, or when that would not read,
    widen the map and say where the names are: the same map on the screen, and the handouts. ``without_figures``:
    polygons the CBS has no figures of, numbered and named but not counted as buurten."""
    placed = placed_numbers(axes, frame) if may_number(frame) else None
    if placed is None:
        axes.set_position(MAP_ALONE)
        figure.text(
            0.03,
            0.895,
            unnumbered_note(len(frame) - int(frame["code"].isin(without_figures).sum())),
            fontsize=9,
            va="top",
            linespacing=1.3,
        )
        return
    draw_numbers(axes, placed)
    width = figure.get_figwidth() * 72
    names = [f"{number} {name}" for number, name in numbered_names(frame)]
    per_column = -(-len(names) // COLUMNS)
    columns = [names[column * per_column : (column + 1) * per_column] for column in range(COLUMNS)]
    size = key_size(columns, figure.get_figheight() * 72, (KEY_WIDTH * 2 + 0.01) * width)
    left = KEY_LEFT
    for names, room in zip(columns, _rooms(columns, size, (KEY_WIDTH * 2 + 0.01) * width), strict=True):
        figure.text(
            left,
            KEY_TOP,
            "\n".join(_fitted(name, room, size) for name in names),
            fontsize=size,
            va="top",
            linespacing=1.2,
        )
        left += (room + _COLUMN_GAP) / width


#: The white between the key's two columns (points; 0.01 of the A4 landscape page).
_COLUMN_GAP = 0.01 * 11.69 * 72


def _rooms(columns: list[list[str]], size: float, total: float) -> list[float]:
    """The widths (points) of the key's two ``columns`` at ``size`` in ``total`` points: the first as wide as its
    widest name where the second then has the room its own widest needs, or half; the second the rest."""
    half = (total - _COLUMN_GAP) / 2
    widest = [max((text_width(name, size) for name in names), default=0.0) for names in columns]
    first = min(widest[0], max(half, total - _COLUMN_GAP - widest[1]))
    return [first, total - _COLUMN_GAP - first]


def key_size(columns: list[list[str]], height: float, total: float) -> float:
    """The largest of :data:`KEY_SIZES` at which the key's ``columns`` of names fit above its floor on a page of
    ``height`` points and each buurt's name is whole in ``total`` points across, as at the smallest (larger print
    that says less of a name helps no one; a wijk in brackets after it may give way to its number, "(Wijk 01…)",
    as :func:`_fitted` does); the smallest where none does.

    >>> key_size([["1 Ermelo"], []], 595.0, 295.0), key_size([["1 Ermelo"] * 50, []], 595.0, 295.0)
    (8.0, 7.0)
    >>> key_size([["1 Ermelo"], ["2 Verspreide huizen en recreatieparken in het bosgebied ten noorden van de kern Speuld"]], 595.0, 295.0)
    6.5
    """  # noqa: E501 - a doctest is one line
    depth = (KEY_TOP - KEY_FLOOR) * height
    rows = max(len(names) for names in columns)

    def fitted(size: float) -> list[str]:
        rooms = _rooms(columns, size, total)
        return [_fitted(name, room, size) for names, room in zip(columns, rooms, strict=True) for name in names]

    def heads(names: list[str]) -> list[str]:
        return [name.rpartition(" (")[0] if name.endswith(")") else name for name in names]

    smallest = heads(fitted(KEY_SIZES[-1]))
    return next(
        (size for size in KEY_SIZES[:-1] if rows * size * 1.2 <= depth and heads(fitted(size)) == smallest),
        KEY_SIZES[-1],
    )


def draw_numbers(axes: Axes, placed: Placed) -> None:
    """Write the numbers ``placed`` on ``axes``, each moved one on a thin line to its buurt."""
    to_data = axes.transData.inverted()
    scale = axes.figure.dpi / 72
    anchor_xy, place_xy = to_data.transform(placed.anchors * scale), to_data.transform(placed.places * scale)
    for index in np.flatnonzero(placed.shown):
        if np.hypot(*(placed.places[index] - placed.anchors[index])) > 1:
            axes.plot(*zip(anchor_xy[index], place_xy[index], strict=True), color="#303030", linewidth=0.4)
        axes.text(*place_xy[index], str(index + 1), fontsize=placed.size, **NUMBER_LABEL)


@functools.lru_cache(maxsize=8192)
def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The width in points of ``text`` in the figures' font at ``size`` points.

    Cached: a wall map's list is wrapped word by word and shortened character by character, at two sizes, and
    again when it gives way; the same texts are measured many times.
    """
    from matplotlib.ft2font import LoadFlags

    font = _font(bold)
    font.set_size(size, 72)
    font.set_text(text, 0.0, flags=LoadFlags.NO_HINTING)
    return font.get_width_height()[0] / 64


@functools.cache
def _font(bold: bool) -> Any:
    """The figures' font, looked up once per process (and weight)."""
    from matplotlib.font_manager import FontProperties, findfont, get_font

    return get_font(findfont(FontProperties(weight="bold" if bold else "normal")))


def wrapped(line: str, room: float, size: float, *, indent: str = "    ") -> list[str]:
    """``line`` broken at its spaces (never a no-break space) into lines of at most ``room`` points at ``size``,
    the later ones indented by ``indent``; a word wider than a line on its own is shortened with "…"."""
    lines: list[str] = []
    current = ""
    for word in line.split(" "):
        joined = f"{current} {word}" if current else (indent if lines else "") + word
        if current and text_width(joined, size) > room:
            lines.append(current)
            joined = indent + word
        current = joined
    lines.append(current)
    return [_shortened(part, room, size) for part in lines]


def clause_lines(text: str, room: float, size: float, *, bold: bool = False, clauses: bool = True) -> list[str]:
    """``text`` in lines of at most ``room`` points at ``size``, each broken after the last clause (a word ending
    in a comma or semicolon) that fits on it, or else at the last space that does; without ``clauses`` always at
    the last space (a paragraph: a clause on a line of its own leaves it half empty). A word wider than ``room``
    has a line of its own.

    >>> clause_lines("Eerst dit, dan dat; en nog iets anders", 130, 10)
    ['Eerst dit, dan dat;', 'en nog iets anders']
    >>> clause_lines("Eerst dit, dan dat; en nog iets anders", 130, 10, clauses=False)
    ['Eerst dit, dan dat; en nog', 'iets anders']
    """
    lines: list[str] = []
    current: list[str] = []
    for word in text.split(" "):
        while current and text_width(" ".join([*current, word]), size, bold=bold) > room:
            ends = [i for i, said in enumerate(current, start=1) if clauses and said.endswith((",", ";"))]
            cut = ends[-1] if ends else len(current)
            lines.append(" ".join(current[:cut]))
            current = current[cut:]
        current.append(word)
    return [*lines, " ".join(current)]


#: Where a line may be shortened: at a space or a no-break space (number and name are joined by those).
_SPACES = " \u00a0"


def _shortened(text: str, room: float, size: float) -> str:
    """``text`` cut to ``room`` points at ``size`` at a word (a space or no-break space), "…" after it; in its
    first word only where that alone is wider.

    >>> _shortened("11\u00a0Verspreide\u00a0huizen\u00a0Zuiderzeeland", 90, 10)
    '11\xa0Verspreide…'
    """
    if text_width(text, size) <= room:
        return text
    cut = text
    while len(cut) > 1 and text_width(f"{cut}…", size) > room:
        cut = cut[:-1]
    if text[len(cut)] not in _SPACES:
        # Back to the word's start, unless only a number (the buurt's, on a wall map) would be left of the name.
        kept = cut[: len(cut) - len(re.split(f"[{_SPACES}]", cut)[-1])]
        if any(char.isalpha() for char in kept):
            cut = kept
    return cut.rstrip(_SPACES) + "…"


def _fitted(line: str, room: float, size: float = KEY_SIZE) -> str:
    """``line`` of the key at ``size``, shortened by whole words to ``room`` points, the width of a column.

    A wijk in brackets after the name (:func:`._paper.told_apart`: two buurten of one name) gives way first, to
    its first two words ("Wijk 01…", a CBS wijk's number), then the name; the brackets stay.
    """
    if text_width(line, size) <= room:
        return line
    head, mark, said = line.rpartition(" (") if line.endswith(")") else (line, "", "")
    tail = f"{mark}{said}"
    if mark:
        inner = said.removesuffix(")")
        for limit in range(len(inner) - 1, len(" ".join(inner.split()[:2])), -1):
            tail = f"{mark}{textwrap.shorten(inner, limit, placeholder='…')})"
            if text_width(head + tail, size) <= room:
                return head + tail
    fitted, limit = head + tail, len(head)
    while text_width(fitted, size) > room and limit >= 12:
        limit -= 1
        fitted = textwrap.shorten(head, limit, placeholder="…") + tail
    return fitted


def legend(figure: Figure, entries: list[tuple[str, dict]], *, title: str, anchor: tuple[float, float]) -> None:
    """The legend of a printed map's classes and statuses: (label, patch style) ``entries`` from ``anchor``."""
    from matplotlib.patches import Patch

    handles = [Patch(label=label, **style) for label, style in entries]
    figure.legend(
        handles=handles,
        title=title,
        loc="upper left",
        bbox_to_anchor=anchor,
        ncols=min(len(handles), 4),
        frameon=False,
        fontsize=9,
        title_fontsize=10,
        handleheight=1.6,
        handlelength=2.4,
        alignment="left",
    )


#: How many buurten a map's line of those it does not draw (:func:`not_drawn`) names before it counts the others.
NOT_DRAWN_SHOWN = 3


def not_drawn(names: list[str], year: int) -> str:
    """The line of a map that does not draw the buurten ``names`` because the buurtkaart of ``year`` has no shape
    of them (a few new buurten, built without a polygon: :mod:`buurtdata.pipeline.status`); empty when it draws
    every buurt.

    >>> not_drawn(["De Laren"], 2020)
    'Niet op de kaart (geen grens in de buurtkaart van 2020): De Laren.'
    >>> not_drawn(["A", "B", "C", "D", "E"], 2020)
    'Niet op de kaart (geen grens in de buurtkaart van 2020): A, B, C en 2 andere.'
    """
    if not names:
        return ""
    more = len(names) - NOT_DRAWN_SHOWN
    shown = names if more < 2 else [*names[:NOT_DRAWN_SHOWN], f"{count_nl(more)} andere"]
    return f"Niet op de kaart (geen grens in de buurtkaart van {year}): {and_nl(shown)}."


def without_polygon(con: duckdb.DuckDBPyConnection, buurten: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``buurten`` built without a polygon (``buurten_without_polygon`` of
    :mod:`buurtdata.pipeline.scope`), in code order: a map names them (:func:`not_drawn`)."""
    if not has_table(con, "buurten_without_polygon"):
        return buurten.iloc[:0]
    codes = [code for (code,) in con.execute("select code from buurten_without_polygon").fetchall()]
    return buurten[buurten["code"].isin(codes)].sort_values("code")


def draw_not_drawn(figure: Figure, line: str, *, y: float, size: float) -> None:
    """Write ``line`` (:func:`not_drawn`) across ``figure`` from ``y`` up, wrapped to its width; nothing when
    empty."""
    if line:
        room = 0.94 * figure.get_figwidth() * 72
        figure.text(0.03, y, "\n".join(wrapped(line, room, size)), fontsize=size, va="bottom")


#: What a map too full leaves off (:func:`too_full`): the numbers of an indicator map, the names of a wall map.
NUMBERS, NAMES = "nummers bij de buurten", "de namen van de buurten"


def too_full(count: int, what: str) -> str:
    """The sentence of a map with too many buurten for ``what`` (:data:`NUMBERS`, :data:`NAMES`) on the sheet.

    >>> too_full(517, NUMBERS)
    'Met 517 buurten is deze kaart te vol voor nummers bij de buurten.'
    """
    return f"Met {count_nl(count)} buurten is deze kaart te vol voor {what}."


def unnumbered_note(count: int) -> str:
    """The line of a map too full to number: where a buurt's name can be found, in words, not a file's name
    (paper names no file: a resident at a meeting cannot open one).

    >>> print(unnumbered_note(517))
    Met 517 buurten is deze kaart te vol voor nummers bij de buurten.
    Hun namen staan op dezelfde kaart op het scherm (wijs een buurt aan) en op de handout van elke buurt.
    """
    return (
        f"{too_full(count, NUMBERS)}\n"
        "Hun namen staan op dezelfde kaart op het scherm (wijs een buurt aan) en op de handout van elke buurt."
    )


def class_label(lower: float | None, upper: float, *, integer: bool, decimals: int = 1) -> str:
    """A class's legend label: respondents from 0, whole figures from the next one, others from the bound below.

    >>> class_label(None, 90.0, integer=False, decimals=0), class_label(90.0, 400.0, integer=False, decimals=0)
    ('tot en met 90', '91–400')
    >>> class_label(15.0, 20.0, integer=False), class_label(2.0, 5.0, integer=True)
    ('15,1–20,0', '3–5')
    >>> [class_label(lower, upper, integer=False) for lower, upper in [(None, 17.0), (17.0, 19.0), (19.0, 22.0)]]
    ['tot en met 17,0', '17,1–19,0', '19,1–22,0']

    Figures with decimals keep them from 100 on too: a value of 150,4 is in "150,1–220,0", where "151–220" left it
    in no class as read aloud (fix13b left):

    >>> class_label(150.0, 220.0, integer=False), class_label(None, 150.0, integer=False)
    ('150,1–220,0', 'tot en met 150,0')
    """

    def number(value: float) -> str:
        return dutch_number(value, 0 if integer or decimals == 0 else 1)

    if integer:
        first = 0 if lower is None else int(lower) + 1
        return number(upper) if first == upper else f"{first}\u2013{number(upper)}"
    if lower is None:
        return f"tot en met {number(upper)}"
    # From the next value that is written after the bound below, so each value has one class as the legend is
    # read aloud (sweep 13 #18: "17,0–19,0 | 19,0–22,0" gave 19,0 two): whole figures are written whole, others
    # with one decimal, also from 100 on (draw_classed classes each value as it is written).
    first = lower + (1 if decimals == 0 else 0.1)
    return number(upper) if round(first, 1) == upper else f"{number(first)}\u2013{number(upper)}"


def nice(value: float) -> float:
    """Round a class bound to two significant figures, so a legend reads 12\u201318, not 12,37\u201318,04."""
    if value == 0:
        return 0.0
    digits = 1 - int(np.floor(np.log10(abs(value))))
    return float(round(value, digits))
