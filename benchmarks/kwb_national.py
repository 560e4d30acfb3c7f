"""Time and peak memory of staging a whole national KWB year into DuckDB.

Usage::

    python benchmarks/kwb_national.py [PATH/cbs.v3.84799NED_TypedDataSet.parquet]

Stages KWB 2020 (CBS table 84799NED, 17,341 regions) through
:func:`buurtdata.cbs.stage_kwb`; DataProperties and WijkenEnBuurten are
read from the files beside the TypedDataSet.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from pathlib import Path

import duckdb

from buurtdata import cbs
from buurtdata.project import KwbFiles

DEFAULT = (
    Path(__file__).resolve().parents[2]
    / "shared" / "datasets" / "kwb2020-84799NED-statlinebq" / "84799NED" / "cbs.v3.84799NED_TypedDataSet.parquet"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, nargs="?", default=DEFAULT, help="the TypedDataSet Parquet file")
    args = parser.parse_args()
    data = args.path
    files = KwbFiles(
        2020,
        cbs.KWB_2020,
        data,
        data.with_name(data.name.replace("TypedDataSet", "DataProperties")),
        data.with_name(data.name.replace("TypedDataSet", "WijkenEnBuurten")),
    )
    tracemalloc.start()
    start = time.perf_counter()
    con = duckdb.connect()
    cbs.create_staging_tables(con)
    cbs.stage_kwb(con, files)
    seconds = time.perf_counter() - start
    _, python_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    regions = con.sql("select count(*) from stg_kwb_regions").fetchall()[0][0]
    observations = con.sql("select count(*) from stg_kwb_observations").fetchall()[0][0]
    # ru_maxrss is in KiB on Linux, bytes on macOS; it includes DuckDB's native memory, tracemalloc does not.
    scale = 1 if sys.platform == "darwin" else 1024
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale
    print(f"{data}")
    print(f"staged {regions:,} regions, {observations:,} observations in {seconds:.2f} s")
    print(f"peak memory: process RSS {rss / 2**20:,.0f} MiB, Python allocations {python_peak / 2**20:,.1f} MiB")


if __name__ == "__main__":
    main()
