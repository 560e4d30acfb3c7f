"""Peak memory and time of reading a large KWB CSV: the file check alone, staging, and read_kerncijfers.

Usage::

    nice -n 19 python benchmarks/big_files.py --mb 50 500

For each ``--mb`` size, writes in a temporary folder (removed afterwards, DuckDB's spill files with it) a KWB
2024 CSV (table 85984NED) of about that many megabytes in the shape CBS publishes: CBS keys in the header, 130
columns, ``;`` separated, decimal comma. The Hengelo rows of tests/fixtures/cbs come first, then the same rows
again and again as buurten with made-up codes (BU90000000 on). Each measurement runs in its own process, so
each peak (``ru_maxrss``) is its own. ``stage_kwb`` stages the catalogued topics, as a project build does;
``read_kerncijfers`` stages all of them. Per size and measurement it prints the time, the peak memory, its ratio
to the file size and whether the goal holds: at most 1.5 GB (:data:`GOAL`) for a 500 MB file.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "cbs" / "85984NED_hengelo.csv"
_DECIMAL = re.compile(r"^(-?\d+)\.(\d+)$")
#: The peak memory issue 14 allows a 500 MB file, in bytes.
GOAL = 1.5e9
MEASUREMENTS = ("read_kwb_file", "stage_kwb", "read_kerncijfers")

MEASURE = r"""
import json, resource, sys, time
from pathlib import Path
import duckdb
from buurtdata.project import KwbFiles
from buurtdata.sources import cbs
from buurtdata.sources.cbs.files import read_kwb_file

path, what = Path(sys.argv[1]), sys.argv[2]
start = time.perf_counter()
if what == "read_kwb_file":
    year, table, data, *_ = read_kwb_file(path, None, None)
    result = f"{data.count('*').fetchall()[0][0]:,} regions checked"
elif what == "stage_kwb":
    con = duckdb.connect()
    cbs.create_staging_tables(con)
    cbs.stage_kwb(con, KwbFiles(2024, cbs.KWB_2024, path, None, None), catalogued_only=True)
    result = f"{con.sql('select count(*) from stg_kwb_observations').fetchall()[0][0]:,} observations staged"
else:
    frame = cbs.read_kerncijfers(path, gemeente="GM0164")
    result = f"long frame of GM0164: {len(frame):,} rows"
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)
print(json.dumps({"result": result, "seconds": seconds, "peak": peak}))
"""


def _decimal_comma(cell: str) -> str:
    return _DECIMAL.sub(r"\1,\2", cell)


def write_kwb(path: Path, megabytes: float) -> int:
    """Write a KWB CSV of about ``megabytes`` to ``path``; return its number of data rows."""
    header, *rows = FIXTURE.read_text(encoding="utf-8-sig").splitlines()
    rows = [[_decimal_comma(cell) for cell in row.split(";")] for row in rows]
    buurten = [row for row in rows if row[4].strip().startswith("BU")]
    target, count = megabytes * 2**20, 0
    with path.open("w", encoding="utf-8", newline="") as file:
        file.write(header + "\r\n")
        for row in rows:
            file.write(";".join(row) + "\r\n")
            count += 1
        made_up = 0
        while file.tell() < target:
            row = list(buurten[made_up % len(buurten)])
            code = f"BU{90000000 + made_up}"
            row[0], row[1], row[4] = str(count), code, f"{code:<10}"
            file.write(";".join(row) + "\r\n")
            made_up, count = made_up + 1, count + 1
    return count


def measure(path: Path, what: str, env: dict[str, str]) -> str:
    """Run one measurement in its own process; return its line of the report."""
    done = subprocess.run(
        ["nice", sys.executable, "-c", MEASURE, str(path), what], capture_output=True, text=True, env=env
    )
    if done.returncode:
        return f"{what}: failed: {(done.stderr.strip().splitlines() or ['no output'])[-1]}"
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    peak = figures["peak"]
    verdict = "meets" if peak <= GOAL else "misses"
    return (
        f"{what}: {figures['result']}; {figures['seconds']:.1f} s; peak RSS {peak / 2**20:,.0f} MiB, "
        f"{peak / path.stat().st_size:.1f}x the file; {verdict} the 1.5 GB goal"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--mb", type=float, nargs="+", default=[50, 500], help="sizes of the generated files in MB (default 50 500)"
    )
    parser.add_argument(
        "--only", choices=MEASUREMENTS, action="append", help="run only these measurements (default: all three)"
    )
    args = parser.parse_args()
    for megabytes in args.mb:
        with tempfile.TemporaryDirectory(prefix="buurtdata-big-") as folder:
            # DuckDB spills into the temp folder: this one, so its files go with it.
            env = os.environ | {"TMPDIR": folder}
            path = Path(folder) / "85984NED.csv"
            start = time.perf_counter()
            rows = write_kwb(path, megabytes)
            print(
                f"{path.name}: {path.stat().st_size / 2**20:,.0f} MiB, {rows:,} rows, written in "
                f"{time.perf_counter() - start:.1f} s",
                flush=True,
            )
            for what in args.only or MEASUREMENTS:
                print(f"  {measure(path, what, env)}", flush=True)


if __name__ == "__main__":
    main()
