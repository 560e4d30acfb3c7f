"""The status of each number in a boundary file's attributes, decided by the KWB staging SQL.

What a missing figure or a CBS sentinel (-99999999, -99997, ...) means is written once, in
``pipelines/staging/stg_kwb_observations.sql`` with seed ``pipelines/seeds/status_codes.csv``;
boundary attributes are the same CBS figures, so they go through that same statement.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from buurtdata import _sql
from buurtdata.sources.cbs.files import SOURCE_ROW

_ROW = "WijkenEnBuurten"


def _statuses(numbers: pd.DataFrame) -> pd.DataFrame:
    """Return the status of every cell of ``numbers`` (one row per region, one numeric column per figure)."""
    con = duckdb.connect()
    _sql.quiet(con)
    _sql.run(con, "staging/_tables.sql")
    seed = _sql.pipelines_dir() / "seeds" / "status_codes.csv"
    con.execute(f"create table status_codes as select * from read_csv({_sql.quote(seed)}, header = true)")
    # Nullable floats: a missing number reaches DuckDB as NULL, not as a NaN that would count as a figure.
    cells = numbers.astype("Float64").set_axis(range(len(numbers))).rename_axis(None, axis=1)
    cells.insert(0, _ROW, [str(row) for row in range(len(numbers))])
    cells.insert(0, SOURCE_ROW, range(1, len(numbers) + 1))
    properties = pd.DataFrame({"Key": list(numbers.columns), "Type": "Topic", "Datatype": "Double"})
    con.register("raw_kwb_data", cells)
    con.register("raw_kwb_properties", properties)
    # Only the statuses are read back; the year and table_id columns of the staging table need some value.
    con.execute("insert into kwb_file values (0, 'boundaries')")
    _sql.run(con, "staging/stg_kwb_cells_v3.sql")
    _sql.run(con, "staging/stg_kwb_observations.sql")
    long = con.sql("select code::integer as row, cbs_key, status from stg_kwb_observations").df()
    con.close()
    wide = long.pivot(index="row", columns="cbs_key", values="status").reindex(
        index=range(len(numbers)), columns=numbers.columns
    )
    return wide.set_axis(numbers.index).astype("string")


def with_status(extra: pd.DataFrame) -> pd.DataFrame:
    """Set CBS sentinels and missing numbers to missing, each numeric column followed by its ``_status``.

    >>> frame = pd.DataFrame({"aantal_inwoners": [785, -99999999, None], "naam": ["a", "b", "c"]})
    >>> with_status(frame)["aantal_inwoners_status"].tolist()
    ['waarde', 'ontbreekt', 'geheim']
    """
    numeric = [
        name
        for name in extra.columns
        if pd.api.types.is_numeric_dtype(extra[name]) and not pd.api.types.is_bool_dtype(extra[name])
    ]
    statuses = _statuses(extra[numeric]) if numeric else pd.DataFrame(index=extra.index)
    columns = {}
    for name in extra.columns:
        columns[name] = extra[name]
        if name in numeric:
            columns[name] = extra[name].where(statuses[name] == "waarde")
            columns[f"{name}_status"] = statuses[name]
    return pd.DataFrame(columns, index=extra.index)
