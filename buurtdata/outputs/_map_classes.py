"""A printed map's classes (part of :mod:`buurtdata.outputs.maps`): the value classes of a figure, their fills and
the hatching of each status, drawn on a matplotlib axes. Legible in black and white: fills 30 grey levels apart,
statuses told by pattern on white.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from buurtdata import _errors
from buurtdata.outputs import _map_key, charts

if TYPE_CHECKING:
    import geopandas as gpd
    from matplotlib.axes import Axes

#: Fills of the value classes, light to dark (ColorBrewer Blues 5): their grey levels are 30 or more apart.
CLASS_FILLS = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")
#: Hatching of each status that is not a value, on white: told apart by pattern, never by a faint fill.
STATUS_HATCHES: dict[str, str] = {
    "geheim": "xxx",
    "ontbreekt": "...",
    "te_klein": "///",
    "niet_van_toepassing": "\\\\\\",
    "te weinig stemmen": "ooo",
    "te weinig gesprekken": "|||",
    "geen stemmen": "",
    "afgeschermd": "+++",
}


def shown_decimals(values: pd.Series, decimals: int | None) -> int:
    """The decimals a map writes ``values`` with: CBS's ``decimals`` (as the handouts write them), none for
    whole numbers when CBS does not say, and one for any other figure; never none for a figure that has them.

    >>> shown_decimals(pd.Series([10640.0, 90.0]), None), shown_decimals(pd.Series([34.0]), 1)
    (0, 1)
    """
    present = values.dropna().astype(float)
    whole = bool((present == present.round()).all())
    if decimals is None or pd.isna(decimals):
        return 0 if whole else 1
    return int(decimals) if whole or decimals > 0 else 1


def classes(values: pd.Series, *, integer: bool, count: int = len(CLASS_FILLS)) -> list[float]:
    """Return the upper bounds of up to ``count`` classes of ``values`` (quantiles; whole numbers for counts).

    ``integer``: each bound is a count that occurs (respondents); otherwise a round number, a whole one when
    every value is whole (inhabitants), so a class of whole figures never ends between two of them.

    >>> classes(pd.Series([3, 3, 4, 5, 9]), integer=True)
    [3.0, 4.0, 5.0, 9.0]
    >>> classes(pd.Series([1, 2, 3, 4]), integer=False, count=2)
    [2.0, 4.0]

    Counts where most are 0 (themes per buurt on a wall map, most buurten without any) keep 0 as a class of its
    own and divide the others, instead of one class "1–30" for a buurt with 1 theme and one with 30:

    >>> classes(pd.Series([0] * 40 + [1, 2, 3, 5, 8, 13, 21, 30]), integer=True)
    [0.0, 2.0, 5.0, 13.0, 30.0]
    """
    present = values.dropna().astype(float)
    if present.empty:
        return []
    if integer and (present == 0).any() and (present > 0).any():
        return [0.0, *classes(present[present > 0], integer=True, count=count - 1)]
    bounds = np.quantile(present, np.linspace(0, 1, count + 1)[1:])
    if integer:
        # Each bound snaps down to a count that occurs, so no class of whole numbers is empty.
        bounds = np.array([present[present <= b].max() for b in bounds])
    elif (present == present.round()).all():
        bounds = np.array([np.floor(_map_key.nice(b)) for b in bounds])
    else:
        bounds = np.array([_map_key.nice(b) for b in bounds])
    bounds[-1] = max(bounds[-1], present.max())
    return sorted({float(b) for b in bounds})


def class_fills(count: int, *, from_zero: bool = False) -> list[str]:
    """Return ``count`` fills spread over :data:`CLASS_FILLS`, light to dark. ``from_zero``: the lowest class
    holds 0 only, which is the lightest fill however few classes there are; a lone class of other values is
    filled in the middle of the scheme.

    >>> class_fills(1) == [CLASS_FILLS[-2]], class_fills(1, from_zero=True) == [CLASS_FILLS[0]]
    (True, True)
    """
    if count <= 1:
        return [CLASS_FILLS[0 if from_zero else -2]] * count
    return [CLASS_FILLS[round(i * (len(CLASS_FILLS) - 1) / (count - 1))] for i in range(count)]


def draw_classed(
    axes: Axes,
    frame: gpd.GeoDataFrame,
    values: pd.Series,
    status: pd.Series,
    *,
    integer: bool,
    decimals: int = 1,
) -> list[tuple[str, dict]]:
    """Fill each buurt by its class or hatch it by its status; return (label, patch style) for the legend.

    ``decimals``: of the figures (:func:`shown_decimals`); whole figures' classes follow on ("91–400")."""
    bounds = classes(values, integer=integer)
    # At the wall, dark reads as "a lot here": a map where no buurt has any (one class, "0") stays light.
    fills = class_fills(len(bounds), from_zero=bounds[:1] == [0.0])
    # Only the polygons are drawn: a selection of the whole frame would copy each of its columns.
    shapes = frame.geometry
    legend = []
    # Counts start at the least there is: one buurt where 4 people named a theme is "4", not "0–4" (no shown
    # group is 0; user test).
    least = values.min()
    lower = float(least) - 1 if integer and pd.notna(least) and least > 0 else None
    # Each value in the class of the value as the legend writes it (one decimal): 17,04 is "17,0", in "tot en met
    # 17,0", not in "17,1–19,0" (:func:`._map_key.class_label`).
    written = values if integer or decimals == 0 else values.astype(float).round(1)
    for bound, fill in zip(bounds, fills, strict=True):
        inside = written.notna() & (written <= bound) & (written > lower if lower is not None else True)
        style = {"facecolor": fill, "edgecolor": "#303030", "linewidth": 0.5}
        if inside.any():
            shapes[inside.to_numpy()].plot(ax=axes, **style)
        legend.append((_map_key.class_label(lower, bound, integer=integer, decimals=decimals), style))
        lower = bound
    for name in dict.fromkeys(status[values.isna()]):
        rows = (values.isna() & (status == name)).to_numpy()
        style = {
            "facecolor": "white",
            "edgecolor": "#303030",
            "linewidth": 0.5,
            "hatch": STATUS_HATCHES.get(name, "---"),
        }
        shapes[rows].plot(ax=axes, **style)
        legend.append((charts.STATUS_CLASSES.get(name, (name,))[0], style))
    return legend


class EmptyMapWarning(UserWarning):
    """The map's indicator has no value for any buurt of the build."""


def warn_if_empty(values: pd.Series, indicator: str, year: int, area: str) -> None:
    """Warn when a map's indicator has no value for any buurt (sweep 12: a figure CBS fills in later, WOZ in an
    early KWB file, drew a map of 'geen cijfer' without a word)."""
    if values.notna().any():
        return
    _errors.warn(
        f"[maps] indicator = {indicator!r}: the KWB figures of {year} hold no value of it for any buurt of {area} "
        "(CBS fills some figures in later, and keeps some secret for small buurten), so its map shows every buurt as "
        "'geen cijfer'. Choose another indicator in [maps], or a newer KWB file.",
        EmptyMapWarning,
        stacklevel=3,
    )
