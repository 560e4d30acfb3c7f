"""Figures over time on today's indeling: the ``buurt_trends`` mart, and counts carried across a boundary change.

``buurt_trends`` (``pipelines/marts/buurt_trends.sql``) puts every KWB year of the project on the buurten of the
profile year by code. Where an earlier year had another indeling, :func:`carry_trends` moves that year's
additive counts onto today's buurten with the area-weighted crosswalk of :mod:`buurtdata.sources.indeling`;
shares and averages are not carried (an average of averages is not the figure of the new buurt). A buurt an
earlier file simply lacks is no other indeling: see :func:`selections`.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

import duckdb
import pandas as pd

from buurtdata import _sql
from buurtdata.sources import geometry
from buurtdata.sources.indeling import carry, crosswalk

if TYPE_CHECKING:
    import geopandas as gpd

    from buurtdata.project import KwbFiles, Project

#: The status of a carried count, so a reader sees it was estimated from area shares.
CARRIED = "overgezet"
#: The status of an earlier year's buurt that today's indeling lacks and no polygons of that year could carry.
GONE = "vervallen code"
#: The status ``buurt_trends`` gives today's buurt whose code an earlier year lacks (and nothing carried onto it).
OTHER = "andere indeling"
#: The status of today's buurt that an earlier year's file lacks although its code did not change (see
#: :func:`selections`), or that the file holds without that figure: the seed ``status_codes``' ``ontbreekt``.
MISSING = "ontbreekt"


class OtherIndelingWarning(UserWarning):
    """An earlier KWB year has no figures for some of today's buurten: their codes changed since."""


class SelectionWarning(UserWarning):
    """An earlier KWB file holds only a selection of a gemeente's buurten (a StatLine download of one wijk)."""


def trends(con: duckdb.DuckDBPyConnection, code: str, indicators: list[str] | None = None) -> pd.DataFrame:
    """Return one buurt's figures over the years: one row per indicator, one column per year (``value``)."""
    frame = con.execute("select indicator, year, value, status from buurt_trends where code = ?", [code]).df()
    if indicators is not None:
        frame = frame[frame["indicator"].isin(indicators)]
    return frame.pivot_table(index="indicator", columns="year", values="value", aggfunc="first")


def carry_trends(con: duckdb.DuckDBPyConnection, year: int, table: pd.DataFrame | None) -> pd.DataFrame:
    """Return ``buurt_trends`` with ``year``'s additive counts carried onto today's buurten through ``table``.

    ``table`` is :func:`buurtdata.sources.indeling.crosswalk` from ``year``'s polygons to today's; carried
    rows get status :data:`CARRIED`, and shares are recomputed from the carried numerator and denominator.
    Without ``table`` (no polygons of that year), each buurt code of ``year`` that today's indeling lacks is
    kept as a row with status :data:`GONE`, so a reader sees the figure exists but could not be placed.
    A buurt the file holds under its own code, or lacks while the file holds only a selection of its gemeente
    (:func:`selections`), is :data:`MISSING`, not :data:`OTHER`: its code did not change.
    """
    frame = con.sql("select * from buurt_trends").df()
    observed = con.execute(
        "select o.code, o.indicator, o.value, i.kind, i.numerator, i.denominator, i.min_denominator "
        "from observations o join indicators i on i.indicator = o.indicator and i.year = o.year "
        "where o.year = ? and region_level(o.code) = 'buurt'",
        [year],
    ).df()
    today = set(frame["code"])
    held = _held(con, year)
    # Sweep 12 places #5: a buurt absent from a file of one wijk was blamed on codes that changed.
    uncoded = (frame["year"] == year) & (frame["status"] == OTHER)
    chosen = selections(today, held, _held(con, year, "gemeente"))
    uncoded &= frame["code"].isin(held) | ("GM" + frame["code"].str[2:6]).isin(chosen)
    frame.loc[uncoded, "status"] = MISSING
    if table is None:
        gone = observed[~observed["code"].isin(today)]
        # Today's buurten do not name a code they lack: it is called by its code, as a region without a name is.
        rows = gone[["code", "indicator", "value"]].assign(name=gone["code"], year=year, status=GONE)
        return pd.concat([frame, rows[frame.columns]], ignore_index=True)
    placed = set(table.loc[table["share"] > 0, "old_code"])
    counts = observed[(observed["kind"] == "aantal") & observed["code"].isin(placed) & observed["value"].notna()]
    carried = {
        indicator: carry(rows.set_index("code")["value"], table) for indicator, rows in counts.groupby("indicator")
    }
    shares = observed.loc[observed["kind"] == "aandeel", ["indicator", "numerator", "denominator", "min_denominator"]]
    for share in shares.drop_duplicates("indicator").itertuples():
        if share.numerator in carried and share.denominator in carried:
            denominator = carried[share.denominator]
            value = 100 * carried[share.numerator].reindex(denominator.index) / denominator
            carried[share.indicator] = value.where(denominator >= (share.min_denominator or 0))
    for indicator, values in carried.items():
        gaps = (frame["year"] == year) & (frame["indicator"] == indicator) & (frame["status"] == "andere indeling")
        found = gaps & frame["code"].isin(values.dropna().index)
        # As numbers: with no gap found, pandas maps the empty selection to text, which a float column refuses
        # (sweep 12 places #8: "unexpected error (TypeError)" for every earlier year named with its polygons).
        frame.loc[found, "value"] = frame.loc[found, "code"].map(values).astype("float64")
        frame.loc[found, "status"] = CARRIED
    return frame


def carry_years(con: duckdb.DuckDBPyConnection, project: Project, boundaries: gpd.GeoDataFrame) -> None:
    """Rewrite ``buurt_trends`` with every earlier KWB year on today's indeling (see :func:`carry_trends`).

    A year whose ``[[kwb]]`` entry names ``boundaries`` (that year's buurt polygons) is carried across the
    boundary change; a year without them keeps the codes today lacks, reported with status :data:`GONE`.
    """
    for files in project.kwb:
        if files.year == project.year:
            continue
        table = None
        if files.boundaries is not None:
            old = geometry.read_boundaries(files.boundaries, year=files.year)
            # Only the project's gemeenten: a national file would otherwise be crosswalked in full.
            old = old[old["code"].str[2:6].isin(set(boundaries["code"].str[2:6]))]
            table = crosswalk(old, boundaries)
        frame = carry_trends(con, files.year, table)
        _warn_selection(con, frame, files)
        _warn_uncarried(con, frame, files.year, carried=table is not None)
        with _sql.registered(con, {"carried_trends": frame}):
            con.execute(
                "create or replace table buurt_trends as select * from carried_trends order by code, indicator, year"
            )


def _warn_uncarried(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, year: int, *, carried: bool) -> None:
    """Warn once for ``year`` when some of today's buurten have none of its figures because their codes changed
    (user test: every 2020 figure of Amsterdam was "–" without a word), with the fix: that year's own polygons."""
    today = frame[(frame["year"] == year) & (frame["code"].str.startswith("BU"))]
    if today.empty:
        return
    empty = today.groupby("code")["status"].agg(lambda statuses: set(statuses) <= {OTHER, GONE})
    empty = empty[empty.index.isin(set(frame.loc[frame["status"] != GONE, "code"]))]
    if not empty.any():
        return
    names = _gemeente_names(con)
    per = pd.DataFrame({"gemeente": "GM" + empty.index.str[2:6], "empty": empty.to_numpy()})
    counts = per.groupby("gemeente")["empty"].agg(["sum", "size"])
    counts = counts[counts["sum"] > 0]
    parts = [f"{n} of {m} buurten of {names.get(code) or code}" for code, n, m in counts.head(5).itertuples()]
    said = "; ".join(parts) + (f"; and of {len(counts) - 5} more gemeenten" if len(counts) > 5 else "")
    fix = (
        "part of them could not be carried by the polygons of that year ([[kwb]] boundaries)"
        if carried
        else f'give the [[kwb]] entry of {year} its own polygons, boundaries = "<buurten of {year}>", to carry them'
    )
    msg = f"{said} have no figures of {year}: their buurtcodes changed since; {fix}."
    warnings.warn(msg, OtherIndelingWarning, stacklevel=3)


def selections(today: set[str], held: set[str], gemeenten: set[str] | None = None) -> dict[str, tuple[int, int]]:
    """Return the gemeenten whose buurten an earlier year's file holds only a selection of, each with how many of
    today's buurten of it the file holds and how many there are: fewer than half, and none of the gemeente's
    buurten under a code today lacks (then its codes changed: :data:`OTHER`). A StatLine download of one wijk is
    such a file; its other buurten are :data:`MISSING`, and another year's polygons would not change that.
    ``gemeenten``: the gemeente codes the file holds; one it holds neither a buurt nor the row of was formed since
    (review 12), which is no selection.

    >>> selections({"BU05990110", "BU05990111", "BU05990112"}, {"BU05990110"})
    {'GM0599': (1, 3)}
    >>> selections({"BU03630001", "BU0363AA01"}, {"BU03630001", "BU03630002"})  # a code today lacks: changed
    {}
    >>> selections({"BU01640001", "BU01640002"}, {"BU01640001"})  # half of them: a new buurt, not a selection
    {}
    >>> selections({"BU19800101", "BU19800102"}, {"BU03980101", "BU04160101"}, {"GM0398", "GM0416"})  # formed since
    {}
    """
    found: dict[str, tuple[int, int]] = {}
    changed = {code[2:6] for code in held - today}
    for gemeente in sorted({code[2:6] for code in today if code.startswith("BU")} - changed):
        ours = {code for code in today if code.startswith("BU") and code[2:6] == gemeente}
        kept = len(ours & held)
        # None of them, nor the gemeente: it was formed since (Dijk en Waard of Heerhugowaard and Langedijk), its
        # buurten were under other codes (review 12): codes changed, not a selection.
        if not kept and gemeenten is not None and f"GM{gemeente}" not in gemeenten:
            continue
        if 2 * kept < len(ours):
            found[f"GM{gemeente}"] = (kept, len(ours))
    return found


def _held(con: duckdb.DuckDBPyConnection, year: int, level: str = "buurt") -> set[str]:
    """The buurt (or ``level``) codes an earlier year's KWB file holds."""
    rows = con.execute(
        "select distinct code from observations where year = ? and region_level(code) = ?", [year, level]
    ).fetchall()
    return {code for (code,) in rows}


def _gemeente_names(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(
        con.execute(
            "select code, name from regions where level = 'gemeente' and year = (select year from project_settings)"
        ).fetchall()
    )


def _warn_selection(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, files: KwbFiles) -> None:
    """Warn once per gemeente whose buurten the ``[[kwb]]`` file of an earlier year holds only a selection of
    (:func:`selections`), naming the file, how many it holds, and the fix: the national file."""
    today = {code for code in frame.loc[frame["status"] != GONE, "code"] if code.startswith("BU")}
    found = selections(today, _held(con, files.year), _held(con, files.year, "gemeente"))
    if not found:
        return
    names = _gemeente_names(con)
    for code, (kept, size) in found.items():
        name = names.get(code) or code
        msg = (
            f"KWB {files.year} file {files.data.name} holds {'only ' + str(kept) if kept else 'none'} of the {size} "
            f"buurten of {name}: the other {size - kept} have no figures of {files.year} (status '{MISSING}'); "
            f"their buurtcodes did not change, the file lacks them (a selection, such as a StatLine download of one "
            f"wijk). Fix: in the [[kwb]] entry of {files.year}, use CBS's national KWB file of {files.year}, or a "
            f"download with all buurten of {name}."
        )
        warnings.warn(msg, SelectionWarning, stacklevel=3)
