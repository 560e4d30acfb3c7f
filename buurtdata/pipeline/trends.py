"""Figures over time on today's indeling: the ``buurt_trends`` mart, and counts carried across a boundary change.

``buurt_trends`` (``pipelines/marts/buurt_trends.sql``) puts every KWB year of the project on the buurten of the
profile year by code. Where an earlier year had another indeling, :func:`carry_trends` moves that year's
additive counts onto today's buurten with the area-weighted crosswalk of :mod:`buurtdata.sources.indeling`;
shares and averages are not carried (an average of averages is not the figure of the new buurt).
"""

from __future__ import annotations

import duckdb
import pandas as pd

from buurtdata.sources.indeling import carry

#: The status of a carried count, so a reader sees it was estimated from area shares.
CARRIED = "overgezet"


def trends(con: duckdb.DuckDBPyConnection, code: str, indicators: list[str] | None = None) -> pd.DataFrame:
    """Return one buurt's figures over the years: one row per indicator, one column per year (``value``)."""
    frame = con.execute("select indicator, year, value, status from buurt_trends where code = ?", [code]).df()
    if indicators is not None:
        frame = frame[frame["indicator"].isin(indicators)]
    return frame.pivot_table(index="indicator", columns="year", values="value", aggfunc="first")


def carry_trends(con: duckdb.DuckDBPyConnection, year: int, table: pd.DataFrame) -> pd.DataFrame:
    """Return ``buurt_trends`` with ``year``'s additive counts carried onto today's buurten through ``table``.

    ``table`` is :func:`buurtdata.sources.indeling.crosswalk` from ``year``'s polygons to today's.
    """
    frame = con.sql("select * from buurt_trends").df()
    counts = con.execute(
        "select o.code, o.indicator, o.value from observations o join indicators i "
        "on i.indicator = o.indicator and i.year = o.year "
        "where o.year = ? and i.kind = 'aantal' and region_level(o.code) = 'buurt' and o.status = 'waarde'",
        [year],
    ).df()
    for indicator, rows in counts.groupby("indicator"):
        carried = carry(rows.set_index("code")["value"], table)
        gaps = (frame["year"] == year) & (frame["indicator"] == indicator) & (frame["status"] == "andere indeling")
        found = gaps & frame["code"].isin(carried.index)
        frame.loc[found, "value"] = frame.loc[found, "code"].map(carried)
        frame.loc[found, "status"] = CARRIED
    return frame
