"""Join the per-buurt marts to buurt polygons in geopandas.

Nothing is dropped silently: a buurt in the figures without a polygon, or
a polygon without figures, is kept and reported.
"""

from __future__ import annotations

import warnings

import duckdb
import geopandas as gpd
import pandas as pd


class UnmatchedBuurtenWarning(UserWarning):
    """Some buurten are in the figures but not in the boundaries, or the reverse."""


def buurt_frame(con: duckdb.DuckDBPyConnection, boundaries: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Return ``buurt_profile`` joined to the polygons, one row per buurt.

    Rows of either side without a partner are kept (with empty geometry or
    empty figures) and a :class:`UnmatchedBuurtenWarning` names them.
    """
    profile = con.sql("select * from buurt_profile").df()
    shapes = boundaries[["code", "water", "geometry"]].rename(columns={"code": "buurt_code"})
    merged = shapes.merge(profile, on="buurt_code", how="outer", indicator=True)
    _report(merged)
    merged = merged.drop(columns="_merge").sort_values("buurt_code", ignore_index=True)
    return gpd.GeoDataFrame(merged, geometry="geometry", crs=boundaries.crs)


def theme_frame(con: duckdb.DuckDBPyConnection, boundaries: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Return ``buurt_themes`` (every buurt x theme) joined to the polygons."""
    themes = con.sql("select * from buurt_themes").df()
    shapes = boundaries[["code", "name", "geometry"]].rename(columns={"code": "buurt_code", "name": "buurt_naam"})
    merged = shapes.merge(themes, on="buurt_code", how="right")
    return gpd.GeoDataFrame(merged, geometry="geometry", crs=boundaries.crs)


def _report(merged: pd.DataFrame) -> None:
    only_shapes = merged.loc[merged["_merge"] == "left_only", "buurt_code"].tolist()
    only_figures = merged.loc[merged["_merge"] == "right_only", "buurt_code"].tolist()
    if only_shapes or only_figures:
        msg = (
            f"{len(only_figures)} buurt(en) in the figures without a polygon {only_figures[:10]}, "
            f"{len(only_shapes)} polygon(s) without figures {only_shapes[:10]}; they are kept. "
            "Use boundaries of the same year as the KWB table."
        )
        warnings.warn(msg, UnmatchedBuurtenWarning, stacklevel=3)
