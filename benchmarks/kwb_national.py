"""Time and peak memory of loading a whole national KWB year.

Usage::

    python benchmarks/kwb_national.py [PATH/cbs.v3.84799NED_TypedDataSet.parquet]

Loads KWB 2020 (CBS table 84799NED, 17,341 regions) from ``data/raw`` two ways:
staging alone (:func:`buurtdata.sources.cbs.stage_kwb`, what the pipeline does) and the
whole tidy long frame (:func:`buurtdata.sources.cbs.read_kerncijfers`: checks, staging
SQL, join with the regions, to pandas). DataProperties and WijkenEnBuurten are
read from the files beside the TypedDataSet.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from buurtdata.project import KwbFiles
from buurtdata.sources import cbs

DEFAULT = (
    Path(__file__).resolve().parents[1]
    / "data"
    / "raw"
    / "kwb2020-84799NED-statlinebq"
    / "84799NED"
    / "cbs.v3.84799NED_TypedDataSet.parquet"
)


def peak_rss_mib() -> float:
    # ru_maxrss is in KiB on Linux, bytes on macOS; it includes DuckDB's native memory. tracemalloc is not used:
    # it slows pandas' string building tenfold and misses DuckDB's memory.
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**20


def measure(label: str, work: Callable[[], str]) -> None:
    start = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - start
    print(f"{label}: {result} in {seconds:.2f} s; process peak RSS so far {peak_rss_mib():,.0f} MiB")


def stage(data: Path) -> str:
    files = KwbFiles(
        2020,
        cbs.KWB_2020,
        data,
        data.with_name(data.name.replace("TypedDataSet", "DataProperties")),
        data.with_name(data.name.replace("TypedDataSet", "WijkenEnBuurten")),
    )
    con = duckdb.connect()
    cbs.create_staging_tables(con)
    cbs.stage_kwb(con, files)
    regions = con.sql("select count(*) from stg_kwb_regions").fetchall()[0][0]
    observations = con.sql("select count(*) from stg_kwb_observations").fetchall()[0][0]
    return f"staged {regions:,} regions, {observations:,} observations"


def long_frame(data: Path) -> str:
    frame = cbs.read_kerncijfers(data)
    return f"long frame of {frame['code'].nunique():,} regions, {len(frame):,} rows"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, nargs="?", default=DEFAULT, help="the TypedDataSet Parquet file")
    args = parser.parse_args()
    print(f"{args.path}")
    print(f"before: process peak RSS {peak_rss_mib():,.0f} MiB (Python, pandas, DuckDB loaded)")
    measure("stage_kwb", lambda: stage(args.path))
    measure("read_kerncijfers", lambda: long_frame(args.path))


if __name__ == "__main__":
    main()
