"""A national explorer's data for size and speed checks: the buurten of Nederland, each lending the figures
of a Hengelo buurt (the national polygon file has codes only, no figures). Not real figures for any buurt.

Shared by ``tests/test_national_maps.py`` and ``benchmarks/maps.py`` (which loads this file by its path).
"""

from __future__ import annotations

import dataclasses

import duckdb
import geopandas as gpd
import pandas as pd

from buurtdata import _sql, pipeline


def lend_hengelo_figures(run: pipeline.PipelineResult, buurten: gpd.GeoDataFrame) -> pipeline.PipelineResult:
    """Return Hengelo's pipeline result ``run`` with ``buurten`` as its buurten, each lending a Hengelo buurt's
    figures (round robin), its name and its wijk's name."""
    comparison = run.con.sql("select * from buurt_comparison").df()
    sources = sorted(comparison["code"].unique())
    lenders = pd.DataFrame(
        {
            "lender": [sources[i % len(sources)] for i in range(len(buurten))],
            "code": buurten["code"],
            "wijk_code": buurten["wijk_code"],
            "gemeente_code": buurten["gemeente_code"],
        }
    )
    # The file has codes only: names as long as real ones, those of the lending buurt and its wijk.
    names = run.buurten.set_index("code")
    buurten = buurten.assign(
        name=names["name"].reindex(lenders["lender"]).to_numpy(),
        wijk_name=names["wijk_name"].reindex(lenders["lender"]).to_numpy(),
    )
    lenders["name"] = buurten["name"].to_numpy()
    rows = comparison.drop(columns=["name", "wijk_code", "gemeente_code"]).rename(columns={"code": "lender"})
    frame = rows.merge(lenders, on="lender").drop(columns="lender")
    con = duckdb.connect()
    with _sql.registered(con, {"lent": frame}):
        con.execute("create table buurt_comparison as select * from lent")
    return dataclasses.replace(run, con=con, buurten=buurten, themes=None)
