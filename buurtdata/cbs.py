"""CBS *Kerncijfers wijken en buurten* (KWB): table ids and staging into DuckDB.

Each KWB year is its own CBS table. buurtdata keeps CBS's OData v3 shape
(TypedDataSet, DataProperties, WijkenEnBuurten) from file or download to
DuckDB, where ``pipelines/staging/stg_kwb_*.sql`` turn it into long,
typed rows with a status for every missing figure.
"""

from __future__ import annotations

import duckdb

from buurtdata import _sql
from buurtdata.project import KwbFiles

#: CBS table id of the KWB of each year (verified against CBS metadata in the shipped data).
KWB_2017 = "83765NED"
KWB_2020 = "84799NED"
KWB_2024 = "85984NED"
KWB_TABLES: dict[int, str] = {2017: KWB_2017, 2020: KWB_2020, 2024: KWB_2024}

#: Attribution to show wherever CBS figures are shown.
ATTRIBUTION = "Bron: CBS"


def create_staging_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the empty staging tables and load the seeds (indicator catalogue, status codes)."""
    _sql.run(con, "staging/_tables.sql")
    seeds = _sql.pipelines_dir() / "seeds"
    for table, name in [
        ("indicator_definitions", "indicators.csv"),
        ("indicator_catalogue", "indicator_catalogue.csv"),
        ("status_codes", "status_codes.csv"),
    ]:
        con.execute(f"create or replace table {table} as select * from read_csv({_sql.quote(seeds / name)}, header = true)")


def stage_kwb(con: duckdb.DuckDBPyConnection, files: KwbFiles) -> None:
    """Stage one KWB year from its three Parquet files into the staging tables."""
    con.execute(f"create or replace temp view raw_kwb_data as select * from read_parquet({_sql.quote(files.data)})")
    con.execute(f"create or replace temp view raw_kwb_properties as select * from read_parquet({_sql.quote(files.properties)})")
    con.execute(f"create or replace temp view raw_kwb_regions as select * from read_parquet({_sql.quote(files.regions)})")
    con.execute(f"set variable jaar = {int(files.year)}")
    con.execute("set variable tabel = ?", [files.table])
    for name in ("stg_kwb_observations", "stg_kwb_regions", "stg_kwb_indicators"):
        _sql.run(con, f"staging/{name}.sql")
    for view in ("raw_kwb_data", "raw_kwb_properties", "raw_kwb_regions"):
        con.execute(f"drop view {view}")
