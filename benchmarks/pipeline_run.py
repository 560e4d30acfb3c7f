"""Time of ``pipeline.run`` on the embedded Hengelo sample, each run in a fresh process (imports included).

Usage::

    python benchmarks/pipeline_run.py [--repeat 3]

Prints per run the wall time of ``import buurtdata.pipeline`` plus ``pipeline.run`` and whether
great-expectations or Altair was imported on the way, then the median. A build validates with SQL; the
great-expectations suite runs only in ``buurtdata report`` and ``buurtdata validate``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

MEASURE = r"""
import json, sys, time
start = time.perf_counter()
from buurtdata import datasets, pipeline
from buurtdata.project import Project
imported = time.perf_counter() - start
pipeline.run(Project.load(datasets.get_path("hengelo")), key=b"benchmark")
print(json.dumps({
    "import": imported,
    "total": time.perf_counter() - start,
    "great_expectations": "great_expectations" in sys.modules,
    "altair": "altair" in sys.modules,
}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    totals = []
    for number in range(1, args.repeat + 1):
        out = subprocess.run([sys.executable, "-c", MEASURE], check=True, capture_output=True, text=True).stdout
        run = json.loads(out.strip().splitlines()[-1])
        totals.append(run["total"])
        print(
            f"run {number}: {run['total']:.2f} s (imports {run['import']:.2f} s); "
            f"great_expectations imported: {run['great_expectations']}, altair imported: {run['altair']}"
        )
    print(f"pipeline.run on the Hengelo sample, median of {len(totals)}: {statistics.median(totals):.2f} s")


if __name__ == "__main__":
    main()
