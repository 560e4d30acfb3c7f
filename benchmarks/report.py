"""Time a cold ``buurtdata report`` of the embedded sample, phase by phase (#19: under 20 s on 2 cores).

Usage::

    PYTHONPATH=. python benchmarks/report.py [--runs N]   (from the repository root)

Each run builds the report into a fresh folder in this process, as ``buurtdata report --out DIR`` does, and
times every line the build prints. The phases are the kinds of file the build says it wrote (the text in
brackets): when the first and the last of each kind appeared, in seconds since the start, and when the notebook
kernels were done. Then the wall time and the CPU time (user + sys) of this process and of the processes it
waited for: the notebook kernels, but not the handout pool's workers, which a fork server starts (so the figure
leaves out about 10 s of drawing). CPU time is the figure to compare on a shared machine.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

#: Kinds of line, by a pattern of their text; the rest are "other".
_KINDS = {
    "geopackage": r"buurten\.gpkg",
    "maps": r"\(kaart\)",
    "toekomstplan": r"\(buurttoekomstplan\)",
    "questions page": r"vragen\.html",
    "validation page": r"validatie\.html",
    "database": r"\(DuckDB",
    "executed notebooks": r"\(executed notebook\)",
    "notebook pages": r"\(notebook: ",
    "handouts": r"A4 handouts",
    "index": r"report: open",
    "privacy audit": r"privacy audit",
}


def run_once() -> tuple[dict[str, tuple[float, float]], float, float]:
    """Build the report once; return (kind -> (first, last) seconds, wall seconds, CPU seconds)."""
    from buurtdata.outputs.build import build_report
    from buurtdata.outputs.notebooks import Kernels

    seen: dict[str, tuple[float, float]] = {}
    execute = Kernels.execute

    def timed(kernels: Kernels, *args: Any, **kwargs: Any) -> Any:
        # The kernels run beside the build, which tells their notebooks only once its own work is done.
        running = execute(kernels, *args, **kwargs)
        running.add_done_callback(lambda _: seen.setdefault("notebooks run", (time.perf_counter() - start,) * 2))
        return running

    Kernels.execute = timed  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory() as folder:
        before, start = os.times(), time.perf_counter()

        def say(line: str) -> None:
            now = time.perf_counter() - start
            kind = next((k for k, pattern in _KINDS.items() if re.search(pattern, line)), None)
            if kind is not None:
                seen[kind] = (seen.get(kind, (now, now))[0], now)

        try:
            build_report(None, Path(folder) / "rapport", key=b"benchmark", say=say)
        finally:
            Kernels.execute = execute  # type: ignore[method-assign]
        wall, after = time.perf_counter() - start, os.times()
    cpu = sum(after[:4]) - sum(before[:4])
    return seen, wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2, help="cold builds to time (default 2)")
    args = parser.parse_args()
    walls, cpus = [], []
    for number in range(1, args.runs + 1):
        seen, wall, cpu = run_once()
        walls.append(wall)
        cpus.append(cpu)
        print(f"run {number}: {wall:5.1f} s wall, {cpu:5.1f} s CPU (user + sys, with the processes it waited for)")
        for kind, (first, last) in sorted(seen.items(), key=lambda item: item[1]):
            print(f"  {kind:<20} {first:5.1f} - {last:5.1f} s")
    print(
        f"median of {args.runs}: {statistics.median(walls):.1f} s wall (goal: under 20 s), "
        f"{statistics.median(cpus):.1f} s CPU; {os.cpu_count()} cores"
    )


if __name__ == "__main__":
    main()
