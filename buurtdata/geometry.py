"""Buurt boundaries (CBS wijk- en buurtkaart): reading, repair, display simplification.

All geometry buurtdata returns is in RD New (``settings.default_crs``).
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import shapely

from buurtdata import settings
from buurtdata._errors import InputFileError

#: Column names for buurt code in the sources buurtdata knows, first match wins.
BUURT_CODE_COLUMNS = ("buurtcode", "BU_CODE", "statcode", "cbsCode")
REQUIRED = ("buurtcode", "buurtnaam", "wijkcode", "gemeentecode")


def read_boundaries(path: str | Path, *, layer: str | None = None) -> gpd.GeoDataFrame:
    """Read buurt polygons from a GeoPackage, GeoJSON or shapefile, in RD New.

    Invalid polygons are repaired with ``make_valid``; the file is not changed.

    Parameters
    ----------
    path
        The boundary file.
    layer
        Layer name for multi-layer files such as the CBS GeoPackage.

    Examples
    --------
    >>> from buurtdata import datasets
    >>> buurten = read_boundaries(datasets.get_path("hengelo/buurten.gpkg"), layer="buurten")
    >>> len(buurten), buurten.crs.to_epsg()
    (62, 28992)
    """
    path = Path(path)
    if not path.exists():
        msg = f"Boundary file {path} does not exist; check the path in the project file's [boundaries] section."
        raise InputFileError(msg)
    frame = gpd.read_file(path, layer=layer)
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        msg = (
            f"{path}: no column(s) {missing} in the boundary file (it has {list(frame.columns)[:12]}); "
            "use a CBS wijk- en buurtkaart buurten layer, which has buurtcode, buurtnaam, wijkcode and gemeentecode."
        )
        raise InputFileError(msg)
    if frame.crs is None:
        msg = f"{path}: the file states no coordinate reference system; add one (e.g. EPSG:28992 for RD New) or a .prj file."
        raise InputFileError(msg)
    frame = frame.to_crs(settings.default_crs)
    invalid = ~frame.geometry.is_valid
    if invalid.any():
        frame.loc[invalid, "geometry"] = shapely.make_valid(frame.geometry[invalid].array)
    return frame


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
