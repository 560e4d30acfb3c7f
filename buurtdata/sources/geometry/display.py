"""Boundaries for maps and files: dissolve to a coarser level, simplify for display, export for QGIS."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from buurtdata import codes
from buurtdata._errors import BuurtdataError
from buurtdata.sources.geometry.files import polygonal


def dissolve(frame: gpd.GeoDataFrame, level: codes.Level) -> gpd.GeoDataFrame:
    """Return the wijken or gemeenten of ``frame`` (buurten, or wijken) by dissolving on their parent code.

    Only the normalised columns survive (statistics of the parts do not add
    up in general); ``name`` comes from ``wijk_name``/``gemeente_name`` when
    the parts carry it. Amsterdam's letter codes work too (WK0363 + the first
    two letters of the buurt part).

    >>> from buurtdata import datasets
    >>> from buurtdata.sources.geometry import read_boundaries
    >>> buurten = read_boundaries(datasets.get_path("hengelo/buurten.gpkg"), year=2024)
    >>> wijken = dissolve(buurten, "wijk")
    >>> len(wijken), wijken["code"].iloc[0], bool(wijken.geometry.is_valid.all())
    (10, 'WK016400', True)
    """
    if level not in ("wijk", "gemeente"):
        msg = f"level {level!r}: can only dissolve to 'wijk' or 'gemeente'."
        raise BuurtdataError(msg)
    key, name = f"{level}_code", f"{level}_name"
    first = {column: "first" for column in dict.fromkeys((name, "gemeente_name", "year"))}
    grouped = frame.dissolve(by=key, aggfunc={**first, "water": "all"}).reset_index()
    out = pd.DataFrame(
        {
            "code": grouped[key],
            "name": grouped[name],
            "level": level,
            "year": grouped["year"],
            "gemeente_code": codes.parents(grouped[key].astype("string"), "gemeente"),
            "gemeente_name": grouped["gemeente_name"],
            "water": grouped["water"].astype(bool),
            "pseudo": False,
        }
    )
    # Dissolving generalised polygons can leave slivers that make the union invalid or not purely polygonal.
    result = gpd.GeoDataFrame(
        out, geometry=[polygonal(g) for g in shapely.make_valid(grouped.geometry.array)], crs=frame.crs
    )
    result.attrs = {"source": f"dissolved from {len(frame)} polygons"}
    return result


def write_geopackage(path: str | Path, frames: Mapping[str, gpd.GeoDataFrame]) -> Path:
    """Write one layer per level (``{"buurten": ..., "wijken": ...}``) to a GeoPackage that QGIS opens.

    An existing file is replaced so no stale layer stays behind.
    """
    path = Path(path)
    path.unlink(missing_ok=True)
    for layer, frame in frames.items():
        _for_files(frame).to_file(path, layer=layer, driver="GPKG")
    return path


def write_geoparquet(path: str | Path, frame: gpd.GeoDataFrame) -> Path:
    """Write ``frame`` as GeoParquet (QGIS 3.32+ and GDAL 3.8+ open it)."""
    path = Path(path)
    _for_files(frame).to_parquet(path)
    return path


def _for_files(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    # GDAL writes nullable integers and strings fine; attrs hold lists that file formats cannot store.
    out = frame.copy()
    out.attrs = {}
    return out


def display_tolerance(frame: gpd.GeoDataFrame) -> float:
    """Return a simplification tolerance in metres suited to the extent of ``frame``.

    About 1/1500 of the longest side: on an A4 map that is well under a
    printed tenth of a millimetre (about 9 m for a gemeente like Hengelo,
    about 200 m for the whole country).
    """
    minx, miny, maxx, maxy = frame.total_bounds
    return max(maxx - minx, maxy - miny) / 1500


def simplify_for_display(frame: gpd.GeoDataFrame, tolerance: float | None = None) -> gpd.GeoDataFrame:
    """Simplify polygons for maps while keeping shared borders shared.

    Uses shapely's coverage simplification, so neighbouring buurten get no
    gaps or overlaps. ``tolerance`` is in metres (RD New); by default
    :func:`display_tolerance`. Rows without geometry are kept as they are.

    >>> from buurtdata import datasets
    >>> from buurtdata.sources.geometry import read_boundaries
    >>> buurten = read_boundaries(datasets.get_path("hengelo/buurten.gpkg"), layer="buurten")
    >>> simple = simplify_for_display(buurten)
    >>> bool(shapely.coverage_is_valid(simple.geometry.array))
    True
    """
    tolerance = display_tolerance(frame) if tolerance is None else tolerance
    simplified = frame.copy()
    present = frame.geometry.notna() & ~frame.geometry.is_empty
    simplified.loc[present, "geometry"] = shapely.coverage_simplify(frame.geometry[present].array, tolerance)
    return simplified


def simplify_per_gemeente(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """:func:`simplify_for_display` of each gemeente at its own scale, for maps of part of one gemeente drawn
    from polygons of many (a regional or national build's handouts).

    At the whole country's scale (about 200 m) small buurten lose their shape or vanish; borders stay shared
    within each gemeente.
    """
    groups = frame.groupby("gemeente_code", sort=False, dropna=False).indices
    if len(groups) <= 1:
        return simplify_for_display(frame)
    parts = [simplify_for_display(frame.iloc[rows]) for rows in groups.values()]
    return pd.concat(parts).iloc[np.argsort(np.concatenate(list(groups.values())), kind="stable")]
