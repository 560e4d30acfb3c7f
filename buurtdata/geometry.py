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


def simplify_for_display(frame: gpd.GeoDataFrame, tolerance: float = 5.0) -> gpd.GeoDataFrame:
    """Simplify polygons for maps while keeping shared borders shared.

    Uses shapely's coverage simplification, so neighbouring buurten get no
    gaps or overlaps. ``tolerance`` is in metres (RD New); 5 m suits a
    gemeente map printed on A4.
    """
    simplified = frame.copy()
    simplified["geometry"] = shapely.coverage_simplify(frame.geometry.array, tolerance)
    return simplified
