"""The layers of a build's GeoPackage (``buurten``, ``buurt_themes``), written through pyogrio's Arrow writer.

``buurt_themes`` holds every buurt x theme with its buurt's polygon: nationally some 155,000 rows of 12,900
polygons. ``GeoDataFrame.to_file`` (pyogrio's ``write_dataframe``) asks every row's geometry type, makes every
row's polygon a multipolygon and encodes every row as WKB: 1.0 s of CPU. Here each distinct polygon (the same
object, as a merge repeats it) is made multi and encoded once and repeated by index, and the layer's geometry type
is decided from the distinct polygons: 0.8 s, the same file read back (issue 19; the rules are pyogrio's, and
``tests/test_geopackage.py`` compares the layers with ``to_file``'s). A frame of another shape (no columns beside the
geometry, an index of its own, categories, dates) is written by ``to_file`` itself.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import shapely

#: shapely's geometry type ids, as ``geom_type`` names them.
_TYPES = ["Point", "LineString", "LinearRing", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon"]
_TYPES += ["GeometryCollection"]
#: A driver that takes no mix of single and multi geometries in a layer: pyogrio makes them all multi.
_MULTI = {("MultiPolygon", "Polygon"): "MultiPolygon", ("LineString", "MultiLineString"): "MultiLineString"}
_MULTI |= {("MultiPoint", "Point"): "MultiPoint"}
_MAKE_MULTI = {"Polygon": shapely.multipolygons, "LineString": shapely.multilinestrings, "Point": shapely.multipoints}

#: From this many features a GeoPackage is written in SQLite's largest pages, 64 KiB instead of 4 KiB: GDAL then
#: writes and reads the file in a sixteenth of the calls. The country's two layers (168,000 features, 80 MB) took
#: 0.62-0.64 s instead of 0.74-0.78 s and came out 3 MB smaller; a gemeente's would grow by a megabyte (Hengelo
#: 3.5 -> 4.5 MB) for a few milliseconds, so below this it keeps SQLite's own page (issue 19).
LARGE_PAGES_FROM = 50_000


def write_layer(frame: gpd.GeoDataFrame, gpkg: Path, layer: str) -> None:
    """Write ``frame`` as ``layer`` of the GeoPackage ``gpkg`` (beside the layers it has), as ``to_file`` does."""
    from pyogrio.raw import write_arrow

    name = frame.geometry.name
    if not _plain(frame):  # none of a build's layers; to_file knows what to do with it
        frame.to_file(gpkg, layer=layer, driver="GPKG")
        return
    geometry, geometry_type = _wkb(frame.geometry)
    table = _attributes(pd.DataFrame(frame.drop(columns=name), copy=False))
    table = table.append_column(pa.field(name, pa.binary()), geometry)
    epsg = frame.crs.to_epsg() if frame.crs is not None else None
    crs = f"EPSG:{epsg}" if epsg else (frame.crs.to_wkt("WKT1_GDAL") if frame.crs is not None else None)
    write_arrow(table, gpkg, layer=layer, driver="GPKG", geometry_name=name, geometry_type=geometry_type, crs=crs)


def sqlite_options(features: int) -> dict[str, str]:
    """The GDAL configuration (``OGR_SQLITE_PRAGMA``) a new GeoPackage of ``features`` rows in all is written with:
    64 KiB pages from :data:`LARGE_PAGES_FROM` features, nothing below; nothing either where the user set pragmas
    of their own (GDAL takes one list).

    >>> sqlite_options(6_000)  # a gemeente's (the country's: tests/test_geopackage.py)
    {}
    """
    import pyogrio

    if features < LARGE_PAGES_FROM or pyogrio.get_gdal_config_option("OGR_SQLITE_PRAGMA") is not None:
        return {}
    return {"OGR_SQLITE_PRAGMA": "page_size=65536"}


def _plain(frame: gpd.GeoDataFrame) -> bool:
    """Whether ``frame`` is of the shape a build's layers have, which :func:`write_layer` writes itself: columns
    beside the geometry, an unnamed range index (``to_file`` writes another index as a column), no categories
    or dates (review s, 8)."""
    odd = (isinstance(d, pd.CategoricalDtype) or pd.api.types.is_datetime64_any_dtype(d) for d in frame.dtypes)
    index = frame.index
    return len(frame.columns) > 1 and isinstance(index, pd.RangeIndex) and index.name is None and not any(odd)


def _wkb(geometry: gpd.GeoSeries) -> tuple[pa.Array, str]:
    """The WKB of every row (null where it has none) and the layer's geometry type, each distinct polygon once."""
    values = np.asarray(geometry.values, dtype=object)
    _, first, rows = np.unique(np.fromiter(map(id, values), np.int64, len(values)), True, True)
    distinct = values[first]
    present = distinct[~shapely.is_missing(distinct)]
    names = tuple(sorted({_TYPES[kind] for kind in shapely.get_type_id(present).tolist()}))
    kind = names[0] if len(names) == 1 else _MULTI.get(names, "Unknown")
    if len(names) == 2 and kind != "Unknown":
        single = kind.removeprefix("Multi")
        made = shapely.get_type_id(distinct) == _TYPES.index(single)
        distinct = distinct.copy()
        distinct[made] = _MAKE_MULTI[single](np.atleast_2d(distinct[made]), axis=0)
    with_z = shapely.has_z(present[~shapely.is_empty(present)])
    if with_z.any() and kind != "Unknown":
        kind = f"{kind} Z"
    return pa.array(shapely.to_wkb(distinct), pa.binary()).take(pa.array(rows)), kind


def _attributes(frame: pd.DataFrame) -> pa.Table:
    """The columns beside the geometry as pyogrio's ``write_dataframe`` hands them to GDAL: an object column of
    other than text, and a column of nothing, as text."""
    frame = frame.copy(deep=False)
    for name, dtype in frame.dtypes.items():
        if dtype == "object" and pd.api.types.infer_dtype(frame[name]) != "string":
            try:
                pa.Schema.from_pandas(frame[[name]])
            except (pa.ArrowInvalid, pa.ArrowTypeError):  # text and numbers mixed: as text
                frame[name] = frame[name].astype("string")
    table = pa.Table.from_pandas(frame, preserve_index=False)
    for index, field in enumerate(table.schema):
        if pa.types.is_null(field.type):
            table = table.set_column(index, field.with_type(pa.string()), table[index].cast(pa.string()))
    return table
