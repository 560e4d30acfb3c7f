"""Every staged region gets a name: its own, its polygon's, or its code.

A KWB file saved from CBS's API (the TypedDataSet, as CSV) holds region codes, not names; only the
gemeente's name is in it (``Gemeentenaam_1``). Handouts, file names, placing segments by buurt name and every
message need a name, so a wijk or buurt without one takes the name its polygon carries (``buurtnaam``,
``wijknaam``, ``gemeentenaam`` of the wijk- en buurtkaart), and a region neither names keeps its code as its
name: no name downstream is ever missing.
"""

from __future__ import annotations

import duckdb
import geopandas as gpd
import pandas as pd

from buurtdata import _sql
from buurtdata._text import named


def fill(con: duckdb.DuckDBPyConnection, boundaries: gpd.GeoDataFrame) -> None:
    """Name each region of ``stg_kwb_regions`` without a name after its polygon in ``boundaries``, else its code."""
    if not con.execute("select 1 from stg_kwb_regions where name is null or trim(name) = '' limit 1").fetchall():
        return
    parts = [("code", "name")]
    if "wijk_code" in boundaries:
        parts.append(("wijk_code", "wijk_name"))
    parts.append(("gemeente_code", "gemeente_name"))
    frames = [boundaries[[code, name]].set_axis(["code", "name"], axis=1) for code, name in parts if name in boundaries]
    polygon_names = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["code", "name"])
    polygon_names = polygon_names.astype({"code": "object", "name": "object"})
    polygon_names = polygon_names[polygon_names["name"].map(named)]
    _sql.macros(con)
    with _sql.registered(con, {"polygon_names": polygon_names.drop_duplicates("code")}):
        con.execute(
            "update stg_kwb_regions r set name = "
            "region_name((select p.name from polygon_names p where p.code = r.code), r.code) "
            "where r.name is null or trim(r.name) = ''"
        )
