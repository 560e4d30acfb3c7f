"""Boundary change across years: an area-weighted crosswalk between two buurt indelingen.

:func:`crosswalk` overlays two years' polygons and gives, per old buurt, the
share of its area that lies in each new buurt. :func:`carry` moves additive
counts (inwoners, woningen) from old codes to new codes with those shares;
:func:`rehome` gives each old code the new code holding most of its area
(for interview segments that carry an old buurtcode).

Where an old polygon lies partly outside the new polygons (water the new
indeling leaves out, a generalised coastline), the shares are normalised
over the covered part, so carrying loses nothing; how much area was not
covered is kept in column ``coverage`` and in ``table.attrs``.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from buurtdata._errors import BuurtdataError, CodeError, ValidationError
from buurtdata.codes import normalize

COLUMNS = ("old_code", "new_code", "area", "share", "coverage")


def crosswalk(
    old: gpd.GeoDataFrame, new: gpd.GeoDataFrame, *, old_code: str = "code", new_code: str = "code"
) -> pd.DataFrame:
    """Return the area-weighted crosswalk from ``old`` polygons to ``new`` polygons.

    Parameters
    ----------
    old, new
        Polygons of the two indelingen, in the same projected CRS (RD New, as
        :func:`buurtdata.buurten` and :func:`buurtdata.read_boundaries` give them).
    old_code, new_code
        The code column of each.

    Returns
    -------
    pandas.DataFrame
        One row per overlapping (old, new) pair: ``old_code``, ``new_code``,
        ``area`` (m² of overlap), ``share`` (of the old buurt's *covered* area;
        sums to 1 per old code) and ``coverage`` (covered fraction of the old
        buurt's area). An old buurt that overlaps nothing gets one row with no
        ``new_code``, share and coverage 0. ``attrs`` holds ``old_area`` and
        ``uncovered_area`` (m²) and ``uncovered`` (old codes less than 99 % covered).

    Examples
    --------
    >>> from buurtdata import datasets
    >>> from buurtdata.sources import geometry
    >>> buurten = geometry.read_boundaries(datasets.get_path("hengelo/buurten.gpkg"))
    >>> table = crosswalk(buurten, geometry.dissolve(buurten, "wijk"), new_code="code")
    >>> len(table[table["share"] > 0.999]), round(table.attrs["uncovered_area"])
    (62, 0)
    """
    problems = []
    for name, frame, column in (("old", old, old_code), ("new", new, new_code)):
        if column not in frame.columns:
            problems.append(
                f"{name} polygons have no column {column!r} (they have {list(frame.columns)[:10]}); pass {name}_code="
            )
        if frame.crs is None or not frame.crs.is_projected:
            problems.append(
                f"{name} polygons are in {frame.crs}; areas need a projected CRS such as RD New (EPSG:28992)"
            )
    if not problems and old.crs != new.crs:
        problems.append(f"old polygons are in {old.crs.name}, new in {new.crs.name}; bring both to RD New with to_crs")
    if problems:
        raise ValidationError(problems, source="crosswalk")

    left = gpd.GeoDataFrame({"old_code": old[old_code].to_numpy()}, geometry=old.geometry.to_numpy(), crs=old.crs)
    right = gpd.GeoDataFrame({"new_code": new[new_code].to_numpy()}, geometry=new.geometry.to_numpy(), crs=new.crs)
    pieces = gpd.overlay(left, right, how="intersection", keep_geom_type=True)
    pieces["area"] = pieces.geometry.area
    table = pieces[pieces["area"] > 0].groupby(["old_code", "new_code"], as_index=False)["area"].sum()

    old_area = left.assign(area=left.geometry.area).groupby("old_code")["area"].sum()
    covered = table.groupby("old_code")["area"].sum().reindex(old_area.index, fill_value=0.0)
    table["share"] = table["area"] / table["old_code"].map(covered)
    table["coverage"] = table["old_code"].map(covered / old_area)
    untouched = covered.index[covered == 0]
    lost = pd.DataFrame({"old_code": untouched, "new_code": None, "area": 0.0, "share": 0.0, "coverage": 0.0})
    table = pd.concat([table, lost], ignore_index=True) if len(lost) else table
    table = table.sort_values(["old_code", "share"], ascending=[True, False], ignore_index=True)[list(COLUMNS)]
    table.attrs = {
        "old_area": float(old_area.sum()),
        "uncovered_area": float((old_area - covered).sum()),
        "uncovered": sorted(old_area.index[covered / old_area < 0.99]),
    }
    return table


def carry(values: pd.Series, table: pd.DataFrame) -> pd.Series:
    """Carry additive counts from old codes to new codes with the shares of ``table``.

    Parameters
    ----------
    values
        Counts indexed by old code (e.g. inwoners per 2020 buurt). Missing
        values (a secret figure) stay missing: they are reported, never read as 0.
    table
        A :func:`crosswalk` table.

    Returns
    -------
    pandas.Series
        Counts per new code. ``attrs`` holds ``total_in`` and ``total_out``
        (equal up to rounding) and ``missing`` (old codes without a value).

    Raises
    ------
    ValidationError
        When a value's old code is not in the crosswalk or overlaps no new polygon.

    Examples
    --------
    >>> table = pd.DataFrame({"old_code": ["A", "A", "B"], "new_code": ["X", "Y", "Y"],
    ...                       "area": [3.0, 1.0, 2.0], "share": [0.75, 0.25, 1.0], "coverage": [1.0, 1.0, 1.0]})
    >>> carry(pd.Series({"A": 100, "B": 10}), table).to_dict()
    {'X': 75.0, 'Y': 35.0}
    """
    known = set(table["old_code"])
    placed = set(table.loc[table["share"] > 0, "old_code"])
    problems = [
        f"old code {code!r} is not in the crosswalk's old polygons" for code in values.index if code not in known
    ]
    problems += [
        f"old code {code!r} overlaps no new polygon; its {values[code]} cannot be carried"
        for code in values.index
        if code in known and code not in placed and pd.notna(values[code])
    ]
    if problems:
        raise ValidationError(problems, source="carry")
    missing = values.index[values.isna()].tolist()
    rows = table[table["old_code"].isin(values.dropna().index) & (table["share"] > 0)]
    # astype(float): mapping Arrow-backed codes would keep their string dtype.
    counts = rows["old_code"].map(values.astype(float)).astype(float)
    carried = (rows["share"] * counts).groupby(rows["new_code"]).sum()
    carried.name = values.name
    carried.index.name = "new_code"
    carried.attrs = {"total_in": float(values.sum()), "total_out": float(carried.sum()), "missing": missing}
    return carried


def _canonical(written: object) -> object:
    """A buurt code in CBS's form (``bu0363aa01 `` is ``BU0363AA01``); what is no code stays as written."""
    try:
        return normalize(written)
    except CodeError:
        return written


def rehome(codes: pd.Series | list[str], table: pd.DataFrame) -> pd.DataFrame:
    """Give each old code the new code that holds most of its area.

    Codes that are already new codes are kept. Returns one row per input
    code, in order: ``code``, ``new_code`` (missing when the code is in
    neither indeling), ``share`` (of the old buurt that lies in ``new_code``;
    below 1 means the buurt was split and the choice is approximate) and
    ``note`` (how the code was read).

    >>> table = pd.DataFrame({"old_code": ["A", "A"], "new_code": ["X", "Y"],
    ...                       "area": [3.0, 1.0], "share": [0.75, 0.25], "coverage": [1.0, 1.0]})
    >>> rehome(["A", "X", "Q"], table)["new_code"].tolist()
    ['X', 'X', <NA>]
    """
    if not {"old_code", "new_code", "share"} <= set(table.columns):
        msg = f"table has columns {list(table.columns)}; pass a table made by buurtdata.crosswalk()."
        raise BuurtdataError(msg)
    best = table.sort_values("share", ascending=False).drop_duplicates("old_code").set_index("old_code")
    new_codes = set(table["new_code"].dropna())
    rows = []
    for written in list(codes):
        # As people and files write them (user test L: 'bu0363aa01', 'BU0363AA01  ' were in neither indeling).
        code = _canonical(written)
        if code in best.index and pd.notna(best.at[code, "new_code"]):
            share = float(best.at[code, "share"])
            note = f"{code} -> {best.at[code, 'new_code']} ({share:.0%} of its area)"
            rows.append((written, best.at[code, "new_code"], share, note))
        elif code in new_codes:
            rows.append((written, code, 1.0, f"{code} is already a code of the new indeling"))
        else:
            rows.append((written, None, float("nan"), f"{written} is in neither indeling; check the code"))
    return pd.DataFrame(rows, columns=["code", "new_code", "share", "note"]).astype(
        {"code": "string", "new_code": "string"}
    )
