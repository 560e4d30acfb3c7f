"""The regions and polygons of the gemeenten a build of many gemeenten refused, set aside before
:func:`buurtdata.pipeline.scope.narrow` deletes them: a segment or agreement that names a place in one is then
told that its gemeente was not built, instead of "no match". Nothing is ever placed there.

They are temporary tables (``refused_regions``, ``refused_polygons``): they belong to the connection that built
them and never enter a database file or an output.
"""

from __future__ import annotations

import contextlib

import duckdb
import geopandas as gpd
import pandas as pd
import shapely

from buurtdata import _sql, settings
from buurtdata.sources.interviews.gazetteer import Refused


def keep(con: duckdb.DuckDBPyConnection, year: int, gemeenten: list[str], boundaries: gpd.GeoDataFrame) -> None:
    """Set aside the staged regions of ``year`` and the polygons among ``boundaries`` of the refused ``gemeenten``,
    each once per gemeente however often the build's steps ask."""
    keep_regions(con, year, gemeenten)
    keep_polygons(con, boundaries[boundaries["gemeente_code"].isin(gemeenten)])


def keep_regions(con: duckdb.DuckDBPyConnection, year: int, gemeenten: list[str]) -> None:
    """Set aside the staged regions of ``year`` (names, postcodes) of the refused ``gemeenten``."""
    con.execute(
        "create temp table if not exists refused_regions (code varchar, level varchar, name varchar, "
        "gemeente_code varchar, wijk_code varchar, postcode varchar)"
    )
    # Once per gemeente: after the first time its staged regions are gone (scope._keep deletes them).
    con.execute(
        "insert into refused_regions select code, level, name, gemeente_code, wijk_code, postcode "
        "from stg_kwb_regions r where year = ? and list_contains(?, gemeente_code) "
        "and not exists (select 1 from refused_regions a where a.gemeente_code = r.gemeente_code)",
        [year, gemeenten],
    )


def keep_polygons(con: duckdb.DuckDBPyConnection, polygons: gpd.GeoDataFrame) -> None:
    """Set aside the buurt polygons of refused gemeenten, in RD New as WKB."""
    if not len(polygons):
        return
    if polygons.crs != settings.default_crs:
        polygons = polygons.to_crs(settings.default_crs)
    con.execute("create temp table if not exists refused_polygons (gemeente_code varchar, geometry blob)")
    # Set aside once per gemeente, however often the build's steps call this.
    con.execute(
        "delete from refused_polygons where list_contains(?, gemeente_code)",
        [sorted(set(polygons["gemeente_code"]))],
    )
    wkb = pd.DataFrame(
        {"gemeente_code": polygons["gemeente_code"].to_numpy(), "wkb": shapely.to_wkb(polygons.geometry.array)}
    )
    with _sql.registered(con, {"refused_wkb": wkb}):
        con.execute("insert into refused_polygons select gemeente_code, wkb from refused_wkb")


def recognised(con: duckdb.DuckDBPyConnection, reasons: dict[str, str]) -> Refused:
    """The refused gemeenten's ``reasons`` with the regions and polygons set aside on ``con`` (``None`` when there
    are none: a database opened again)."""
    regions = polygons = None
    with contextlib.suppress(duckdb.CatalogException):
        regions = con.sql("select * from refused_regions").df()
    with contextlib.suppress(duckdb.CatalogException):
        wkb = con.sql("select gemeente_code, geometry from refused_polygons").df()
        polygons = gpd.GeoDataFrame(
            {"gemeente_code": wkb["gemeente_code"]},
            geometry=shapely.from_wkb(wkb["geometry"].map(bytes)),
            crs=settings.default_crs,
        )
    return Refused(reasons, regions=regions, polygons=polygons)
