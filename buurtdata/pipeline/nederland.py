"""Nederland's row (NL00), the baseline of every handout and table, when a KWB file lacks it.

A StatLine selection of one gemeente, or any file cut by hand, has no NL00 row. :func:`add` takes Nederland's
figures from the download cache when an earlier download of the same table holds them (it never goes online),
else gives NL00 a row whose figures are all ``ontbreekt``, so the handouts and tables say the national figure
is not in the file.
"""

from __future__ import annotations

import warnings

import duckdb

from buurtdata.sources.cbs import odata


class NederlandFromCacheWarning(UserWarning):
    """A KWB file without its row for Nederland: Nederland's figures come from the download cache."""


def add(con: duckdb.DuckDBPyConnection) -> None:
    """Give a year without the NL00 row Nederland's figures from the download cache, else figures ``ontbreekt``.

    Without the row in the file or the cache, the handouts and tables say the national figure is not in the file.
    """
    lacking = con.execute(
        "select distinct o.year, o.table_id from stg_kwb_observations o where not exists "
        "(select 1 from stg_kwb_regions r where r.year = o.year and r.level = 'land') order by o.year"
    ).fetchall()
    for year, table in lacking:
        gemeenten = [
            code
            for (code,) in con.execute(
                "select code from stg_kwb_regions where year = ? and level = 'gemeente' order by code", [year]
            ).fetchall()
        ]
        row = odata.cached_nederland(table, gemeenten)
        if row is None:
            continue
        keys = [
            k
            for (k,) in con.execute(
                "select distinct cbs_key from stg_kwb_observations where year = ?", [year]
            ).fetchall()
        ]
        values = [float(row[k]) if isinstance(row.get(k), int | float) else None for k in keys]
        con.execute(
            "insert into stg_kwb_regions (year, code, level, name) values (?, 'NL00', 'land', 'Nederland')", [year]
        )
        con.executemany(
            "insert into stg_kwb_observations (year, table_id, code, cbs_key, value, status) "
            "values (?, ?, 'NL00', ?, ?, ?)",
            [
                [year, table, k, v, "waarde" if v is not None else "ontbreekt"]
                for k, v in zip(keys, values, strict=True)
            ],
        )
        warnings.warn(
            f"KWB {year}: the file has no row for Nederland (NL00); its figures are taken from the download cache "
            f"of table {table}.",
            NederlandFromCacheWarning,
            stacklevel=3,
        )
    con.execute("""
        insert into stg_kwb_regions (year, code, level, name)
        select distinct year, 'NL00', 'land', 'Nederland' from stg_kwb_regions
        where year not in (select year from stg_kwb_regions where level = 'land')
    """)
    con.execute("""
        insert into stg_kwb_observations (year, table_id, code, cbs_key, value, status)
        select distinct o.year, o.table_id, 'NL00', o.cbs_key, null, 'ontbreekt' from stg_kwb_observations o
        where not exists (select 1 from stg_kwb_observations n where n.year = o.year and n.code = 'NL00')
    """)
