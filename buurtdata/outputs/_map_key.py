"""The keys of a printed map (:mod:`buurtdata.outputs.maps`): its legend and the labels of its classes, and numbered
buurten with their names beside the map or, where the numbers would not be legible, a line that says where the
buurten's names are.

A printed map numbers its buurten only when every name fits in the two columns beside it and no two numbers
touch on the map at a size that still reads, each a few millimetres at most from its buurt (crowded numbers are
moved apart, on a thin line to their buurt); otherwise (Amsterdam's 517 buurten, Dordrecht's dense centre) it is
drawn without numbers across the page, and a line says where the names are: the screen map beside it names a
buurt when it is pointed at.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import numpy as np

from buurtdata._text import count_nl, dutch_number, name_or_code
from buurtdata.outputs._paper import NUMBER_LABEL

if TYPE_CHECKING:
    import geopandas as gpd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Font sizes of the numbers on a map, largest first; below the last they no longer read on paper.
NUMBER_SIZES = (6.0, 5.0)
#: Names per column of the key at its font size, and its columns: the A4 page holds no more.
ROWS_PER_COLUMN = 66
COLUMNS = 2
KEY_SIZE = 6.5
#: Where the key's columns start and how wide a line of it may be (figure fractions of the A4 landscape page).
KEY_LEFT, KEY_WIDTH = 0.64, 0.17
#: Where the map sits on the page (figure fractions): beside a key, or alone.
MAP_BESIDE_KEY = (0.03, 0.17, 0.58, 0.73)
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


def placed_numbers(axes: Axes, frame: gpd.GeoDataFrame) -> tuple[float, np.ndarray, np.ndarray] | None:
    """Where the numbers of ``frame``'s buurten (in code order) go on ``axes`` (drawn, equal aspect) so no two
    touch: the largest of :data:`NUMBER_SIZES` at which that holds with no number more than :data:`MAX_SHIFT`
    off its buurt, with each buurt's point and its number's place (display points). None: no size does."""
    axes.apply_aspect()
    points = frame.sort_values("code").geometry.representative_point()
    scale = 72 / axes.figure.dpi
    anchors = axes.transData.transform(np.column_stack([points.x, points.y])) * scale
    digits = np.array([len(str(n)) for n in range(1, len(anchors) + 1)])
    for size in NUMBER_SIZES:
        width, height = (digits * _DIGIT_EM + _PAD_EM) * size + _GAP, _HEIGHT_EM * size + _GAP
        half = np.column_stack([width, np.full(len(digits), height)]) / 2
        places = _spread(anchors, half)
        if places is not None and np.hypot(*(places - anchors).T).max(initial=0) <= MAX_SHIFT:
            return size, anchors, places
    return None


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


def draw_key(figure: Figure, axes: Axes, frame: gpd.GeoDataFrame, *, screen: str) -> None:
    """Number the buurten of ``frame`` on ``axes`` with their names beside it, or when that would not read,
    widen the map and say where the names are: the screen map ``screen`` beside this one, and the handouts."""
    placed = placed_numbers(axes, frame) if may_number(frame) else None
    if placed is None:
        axes.set_position(MAP_ALONE)
        figure.text(0.03, 0.895, unnumbered_note(len(frame), screen), fontsize=9, va="top", linespacing=1.3)
        return
    size, anchors, places = placed
    ordered = frame.sort_values("code")
    to_data = axes.transData.inverted()
    scale = axes.figure.dpi / 72
    anchor_xy, place_xy = to_data.transform(anchors * scale), to_data.transform(places * scale)
    for number, (anchor, place) in enumerate(zip(anchor_xy, place_xy, strict=True), start=1):
        if np.hypot(*(places[number - 1] - anchors[number - 1])) > 1:
            axes.plot(*zip(anchor, place, strict=True), color="#303030", linewidth=0.4)
        axes.text(*place, str(number), fontsize=size, **NUMBER_LABEL)
    names = [name_or_code(name, code) for name, code in zip(ordered["name"], ordered["code"], strict=True)]
    room = KEY_WIDTH * figure.get_figwidth() * 72
    lines = [_fitted(f"{number} {name}", room) for number, name in enumerate(names, start=1)]
    per_column = -(-len(lines) // COLUMNS)
    for column in range(COLUMNS):
        figure.text(
            KEY_LEFT + column * (KEY_WIDTH + 0.01),
            0.9,
            "\n".join(lines[column * per_column : (column + 1) * per_column]),
            fontsize=KEY_SIZE,
            va="top",
            linespacing=1.2,
        )


def _fitted(line: str, room: float) -> str:
    """``line`` of the key, shortened by whole words to ``room`` points, the width of a column."""
    from matplotlib.font_manager import FontProperties, findfont, get_font
    from matplotlib.ft2font import LoadFlags

    font = get_font(findfont(FontProperties()))
    font.set_size(KEY_SIZE, 72)
    fitted, limit = line, len(line)
    while True:
        font.set_text(fitted, 0.0, flags=LoadFlags.NO_HINTING)
        if font.get_width_height()[0] / 64 <= room or limit < 12:
            return fitted
        limit -= 1
        fitted = textwrap.shorten(line, limit, placeholder="…")


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


def too_full(count: int, verb: str) -> str:
    """The sentence of a map with too many buurten to ``verb`` them (``"nummeren"``, ``"noemen"``) on the sheet.

    >>> too_full(517, "nummeren")
    'Met 517 buurten is deze kaart te vol om de buurten te nummeren.'
    """
    return f"Met {count_nl(count)} buurten is deze kaart te vol om de buurten te {verb}."


def unnumbered_note(count: int, screen: str) -> str:
    """The line of a map too full to number: where a buurt's name can be found.

    >>> print(unnumbered_note(517, "inwoners.html"))
    Met 517 buurten is deze kaart te vol om de buurten te nummeren.
    Hun namen staan in de schermkaart inwoners.html ernaast (wijs een buurt aan) en op de handout van elke buurt.
    """
    return (
        f"{too_full(count, 'nummeren')}\n"
        f"Hun namen staan in de schermkaart {screen} ernaast (wijs een buurt aan) en op de handout van elke buurt."
    )


def class_label(lower: float | None, upper: float, *, integer: bool, decimals: int = 1) -> str:
    """A class's legend label: respondents from 0, whole figures from the next one, others from the bound below.

    >>> class_label(None, 90.0, integer=False, decimals=0), class_label(90.0, 400.0, integer=False, decimals=0)
    ('tot en met 90', '91–400')
    >>> class_label(15.0, 20.0, integer=False), class_label(2.0, 5.0, integer=True)
    ('15,0–20,0', '3–5')
    """

    def number(value: float) -> str:
        return dutch_number(value, 0 if integer or decimals == 0 or value >= 100 else 1)

    if integer:
        first = 0 if lower is None else int(lower) + 1
        return number(upper) if first == upper else f"{first}\u2013{number(upper)}"
    if decimals == 0 and lower is not None:
        first = lower + 1
        return number(upper) if first == upper else f"{number(first)}\u2013{number(upper)}"
    return f"tot en met {number(upper)}" if lower is None else f"{number(lower)}\u2013{number(upper)}"


def nice(value: float) -> float:
    """Round a class bound to two significant figures, so a legend reads 12\u201318, not 12,37\u201318,04."""
    if value == 0:
        return 0.0
    digits = 1 - int(np.floor(np.log10(abs(value))))
    return float(round(value, digits))
