"""The map of a handout: the wijk of the sheet's buurt, that buurt hatched, and each buurt numbered where it reads.

A buurt drawn only a few millimetres across at its wijk's scale (a village core in a wijk of scattered houses:
Hollum on Ameland, Oosterend on Terschelling; sweep 14 F1) is shown zoomed in: the map shows the part of the wijk
around it (:func:`view`), and the key says so (:func:`buurtdata.outputs.handout_key.key`). No number covers more
than half of a buurt: a number too big for its own buurt is set beside it, on a thin line to it, or where there is
no room beside it, left off the map (:func:`labels`); the key names every buurt.

Imports numpy and shapely only (matplotlib when drawing): a worker of the pool (:mod:`.handout_pool`) starts quickly.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

import numpy as np

from buurtdata.outputs._paper import A4, NUMBER_LABEL

if TYPE_CHECKING:
    from collections.abc import Sequence

    from matplotlib.axes import Axes
    from matplotlib.path import Path
    from shapely import Geometry

#: Where the map sits on the page (figure fractions: left, bottom, width, height) and its size in millimetres.
BOX = (0.06, 0.625, 0.30, 0.25)
SIZE_MM = (BOX[2] * A4[0] * 25.4, BOX[3] * A4[1] * 25.4)
#: The white around a wijk drawn whole, a share of its longer side.
PAD = 0.08
#: A buurt drawn smaller than :data:`ZOOM_BELOW` millimetres (the side of a square of its area) at its wijk's
#: scale is shown zoomed in: :data:`ZOOM_TO` millimetres, its outline at most :data:`ZOOM_FILL` of the map's width
#: and height (the buurten around it stay in view).
ZOOM_BELOW, ZOOM_TO, ZOOM_FILL = 4.0, 12.0, 0.6
#: The most of any buurt a number may cover; and of its own buurt, a number set beside it.
COVER, COVER_BESIDE = 0.5, 0.1
#: A number's white box in ems, as :data:`._paper.NUMBER_LABEL` draws it in DejaVu Sans Bold (width per digit,
#: padding, height), and the white (points) kept between two numbers.
DIGIT_EM, PAD_EM, HEIGHT_EM, GAP = 0.7, 0.3, 1.35, 1.0
#: How far (mm) a number may be set from its buurt, and in how many directions it is tried.
MAX_SHIFT_MM, DIRECTIONS = 8.0, 16


@dataclasses.dataclass(frozen=True)
class View:
    """The part of the map that is drawn: its limits (data units) and whether it is zoomed in on the buurt."""

    limits: tuple[float, float, float, float]
    zoomed: bool

    @property
    def scale(self) -> float:
        """Millimetres on paper per data unit (equal aspect: the tighter of the two sides)."""
        xmin, ymin, xmax, ymax = self.limits
        return min(SIZE_MM[0] / (xmax - xmin), SIZE_MM[1] / (ymax - ymin))


def view(own: Sequence[Geometry], bounds: Sequence[float]) -> View:
    """The part of the map to draw for a buurt of shapes ``own`` (none: it has no shape) in a wijk of ``bounds``:
    the whole wijk, or when the buurt would be drawn smaller than :data:`ZOOM_BELOW` mm, the part around it at
    :data:`ZOOM_TO` mm.

    >>> from shapely.geometry import box
    >>> view([box(0, 0, 10, 10)], (0, 0, 100, 20)).zoomed, view([box(0, 0, 1, 1)], (0, 0, 100, 20)).zoomed
    (False, True)
    """
    import shapely

    shape = shapely.union_all(np.asarray(own, dtype=object)) if len(own) else None
    xmin, ymin, xmax, ymax = (float(value) for value in bounds)
    pad = max(xmax - xmin, ymax - ymin) * PAD or 1.0
    whole = View((xmin - pad, ymin - pad, xmax + pad, ymax + pad), zoomed=False)
    if shape is None or shape.is_empty or shape.area <= 0 or np.sqrt(shape.area) * whole.scale >= ZOOM_BELOW:
        return whole
    left, bottom, right, top = shape.bounds
    scale = min(
        ZOOM_TO / np.sqrt(shape.area),
        ZOOM_FILL * SIZE_MM[0] / max(right - left, 1e-9),
        ZOOM_FILL * SIZE_MM[1] / max(top - bottom, 1e-9),
    )
    if scale < 1.5 * whole.scale:
        # A long thin buurt: zoomed in, too little of the wijk around it would be left for so little gained.
        return whole
    x, y = (left + right) / 2, (bottom + top) / 2
    half_width, half_height = SIZE_MM[0] / scale / 2, SIZE_MM[1] / scale / 2
    return View((x - half_width, y - half_height, x + half_width, y + half_height), zoomed=True)


@dataclasses.dataclass(frozen=True)
class Label:
    """A buurt's number on the map: the point of its buurt and where the number is written (None: left off)."""

    number: int
    anchor: tuple[float, float]
    place: tuple[float, float] | None

    @property
    def beside(self) -> bool:
        return self.place is not None and self.place != self.anchor


def half_box(number: int, size: float) -> tuple[float, float]:
    """Half the width and height (points) of ``number``'s white box at ``size`` points."""
    return (len(str(number)) * DIGIT_EM + PAD_EM) * size / 2, HEIGHT_EM * size / 2


def labels(shapes: Sequence[Geometry], shown: View, size: float, *, first: int | None = None) -> list[Label]:
    """The numbers of the buurten ``shapes`` (in code order, numbered from 1) on the map ``shown``, at ``size``
    points: each on its buurt where it covers at most :data:`COVER` of every buurt and touches no other number;
    else the nearest place beside it (within :data:`MAX_SHIFT_MM`) that covers at most :data:`COVER_BESIDE` of
    its own buurt; else none. A buurt outside the view has no number on the map. ``first``: the index of the
    sheet's own buurt, placed before the others (a crowded wijk leaves another's number off, not its own).

    >>> from shapely.geometry import box
    >>> whole = View((0, 0, 60, 70), zoomed=False)
    >>> [label.beside for label in labels([box(0, 0, 30, 70), box(30, 0, 60, 70)], whole, 6.5)]
    [False, False]
    >>> [label.beside for label in labels([box(0, 0, 60, 70), box(10, 10, 11, 11)], whole, 6.5)]
    [False, True]
    """
    import shapely

    window = shapely.box(*shown.limits)
    visible = shapely.intersection(np.asarray(shapes, dtype=object), window)
    areas = shapely.area(visible)
    tree = shapely.STRtree(visible)
    # Points (on paper) in data units; the numbers are placed in data units.
    unit = 25.4 / 72 / shown.scale
    gap = GAP * unit / 2
    halves = [np.array(half_box(number, size)) * unit for number in range(1, len(visible) + 1)]
    anchors = [_anchor(shape) if area > 0 else None for shape, area in zip(visible, areas, strict=True)]
    placed: list[tuple[float, float, float, float]] = []

    def fits(index: int, x: float, y: float, own_cover: float) -> bool:
        width, height = halves[index]
        left, bottom, right, top = x - width, y - height, x + width, y + height
        xmin, ymin, xmax, ymax = shown.limits
        if left < xmin or bottom < ymin or right > xmax or top > ymax:
            return False
        if any(
            left - gap < other[2] and other[0] < right + gap and bottom - gap < other[3] and other[1] < top + gap
            for other in placed
        ):
            return False
        box = shapely.box(left, bottom, right, top)
        near = tree.query(box)
        covered = shapely.area(shapely.intersection(visible[near], box)) / np.maximum(areas[near], 1e-12)
        limits = np.where(near == index, own_cover, COVER)
        return bool((covered <= limits).all())

    where: dict[int, tuple[float, float] | None] = {}
    steps = np.arange(1, int(MAX_SHIFT_MM / 0.5) + 1) * 0.5 / shown.scale
    angles = np.linspace(0, 2 * np.pi, DIRECTIONS, endpoint=False)
    # Those on their buurt first, the largest first; then the smallest buurten's beside them.
    on_own = [i for i, point in enumerate(anchors) if point is not None and fits(i, *point, COVER)]
    rest = [i for i, point in enumerate(anchors) if point is not None and i not in on_own]
    order = sorted(on_own, key=lambda i: -areas[i]) + sorted(rest, key=lambda i: areas[i])
    for index in sorted(order, key=lambda i: i != first):
        x, y = anchors[index]  # type: ignore[misc]
        tried = [(x, y, COVER)] + [
            (x + step * np.cos(angle), y + step * np.sin(angle), COVER_BESIDE) for step in steps for angle in angles
        ]
        where[index] = next(((px, py) for px, py, cover in tried if fits(index, px, py, cover)), None)
        if (spot := where[index]) is not None:
            width, height = halves[index]
            placed.append((spot[0] - width, spot[1] - height, spot[0] + width, spot[1] + height))
    return [
        Label(index + 1, anchors[index], where[index])  # type: ignore[arg-type]
        for index in range(len(visible))
        if anchors[index] is not None
    ]


def _anchor(shape: Geometry) -> tuple[float, float]:
    point = shape.representative_point()
    return float(point.x), float(point.y)


def draw_labels(axes: Axes, drawn: list[Label], shown: View, size: float) -> None:
    """Write the numbers ``drawn`` on ``axes``; one set beside its buurt on a thin line to it, up to its box."""
    unit = 25.4 / 72 / shown.scale
    for label in drawn:
        if label.place is None:
            continue
        if label.beside:
            width, height = np.array(half_box(label.number, size)) * unit
            dx, dy = label.anchor[0] - label.place[0], label.anchor[1] - label.place[1]
            # From the buurt to the edge of the number's box.
            inside = min(width / abs(dx) if dx else np.inf, height / abs(dy) if dy else np.inf, 1.0)
            end = (label.place[0] + dx * inside, label.place[1] + dy * inside)
            axes.plot(*zip(label.anchor, end, strict=True), color="#303030", linewidth=0.4)
        axes.text(*label.place, str(label.number), fontsize=size, **NUMBER_LABEL)


def frame(axes: Axes) -> None:
    """A thin frame around a map zoomed in (:func:`view`): the buurten it cuts off go on past it."""
    from matplotlib.patches import Rectangle

    # Above the buurten and whole (not cut in half at the map's edge), below the numbers.
    style = {"fill": False, "edgecolor": "#606060", "linewidth": 0.6, "zorder": 2.5, "clip_on": False}
    axes.add_patch(Rectangle((0, 0), 1, 1, transform=axes.transAxes, **style))


def paths(codes: Sequence[str], shapes: Sequence[Geometry]) -> dict[str, Path]:
    """Each buurt's outline as a matplotlib path, made once per process.

    ``GeoDataFrame.plot`` makes them again on every call (and a class per call), which took most of the
    time a page is drawn in. The same paths as it makes: normalised rings, exterior then holes, closed.
    """
    import shapely
    from matplotlib.path import Path

    made = {}
    for code, shape in zip(codes, shapely.normalize(np.asarray(shapes, dtype=object)), strict=True):
        parts = [part for part in shapely.get_parts(shape) if part.geom_type == "Polygon" and not part.is_empty]
        if parts:
            rings = [ring for part in parts for ring in (part.exterior, *part.interiors)]
            made[code] = Path.make_compound_path(*(Path(np.asarray(ring.coords)[:, :2], closed=True) for ring in rings))
    return made


def plot(axes: Axes, outlines: dict[str, Path], codes: Sequence[str], **style: Any) -> None:
    """Draw the buurten ``codes`` as one collection, as ``GeoDataFrame.plot`` would, from their ``outlines``."""
    from matplotlib.collections import PathCollection

    drawn = [outlines[code] for code in codes if code in outlines]
    if drawn:
        axes.add_collection(PathCollection(drawn, **style))
