"""Time a cold ``buurtdata report`` of the embedded sample, phase by phase (#19: under 20 s on 2 cores).

Usage::

    PYTHONPATH=. python benchmarks/report.py [--runs N] [--kernels N]   (from the repository root)

Each run builds the report into a fresh folder in a fresh process, as ``buurtdata report --out DIR`` does,
and times every line the build prints. The phases are the kinds of file the build says it wrote (the text in
brackets): when the first and the last of each kind appeared, in seconds since the build started, and when the
notebook kernels were done. Then the wall time and the CPU time (user + sys): of the build's process and the
processes it waited for (the notebook kernels; what ``/usr/bin/time`` shows), and of every process it started,
also the handout pool's workers, which a fork server starts and ``/usr/bin/time`` never counts (Linux only).
CPU time is the figure to compare on a shared machine.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from buurtdata.outputs import build

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


class _Descendants:
    """CPU seconds of every process this one started, also of those it does not wait for (the fork server's
    handout workers): read from ``/proc`` every quarter second, the last reading of each (Linux only)."""

    def __init__(self) -> None:
        self.cpu: dict[int, float] = {}
        self.kind: dict[int, str] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> _Descendants:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _watch(self) -> None:
        ticks = os.sysconf("SC_CLK_TCK")
        while not self._stop.wait(0.25):
            parent, cpu = {}, {}
            for entry in Path("/proc").glob("[0-9]*"):
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                parent[int(entry.name)] = int(fields[1])
                cpu[int(entry.name)] = (int(fields[11]) + int(fields[12])) / ticks
            for pid in cpu:
                ancestor = parent.get(pid)
                while ancestor not in (None, 0, 1, os.getpid()):
                    ancestor = parent.get(ancestor)
                if ancestor == os.getpid():
                    self.cpu[pid] = cpu[pid]
                    # Again while "other": between fork and exec a kernel still shows its parent's command line.
                    if self.kind.get(pid, "other") == "other":
                        self.kind[pid] = _kind_of(pid)

    def by_kind(self) -> dict[str, float]:
        """CPU seconds per kind of process (see :func:`_kind_of`)."""
        totals: dict[str, float] = {}
        for pid, seconds in self.cpu.items():
            totals[self.kind[pid]] = totals.get(self.kind[pid], 0.0) + seconds
        return totals


def _kind_of(pid: int) -> str:
    """What a process the build started is, by its command line: a notebook kernel, the handout pool, other."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return "other"
    if "ipykernel" in command:
        return "notebook kernel"
    if "multiprocessing" in command or "forkserver" in command:
        return "handout pool"
    return "other"


def run_once() -> tuple[dict[str, tuple[float, float]], float, float, float, dict[str, float]]:
    """Build the report once; return (kind -> (first, last) seconds, wall seconds, CPU seconds of this process
    and those it waited for, CPU seconds of this process and every process it started, CPU seconds per
    process: the build's own and each kind it started)."""
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
        start = time.perf_counter()

        def say(line: str) -> None:
            now = time.perf_counter() - start
            kind = next((k for k, pattern in _KINDS.items() if re.search(pattern, line)), None)
            if kind is not None:
                seen[kind] = (seen.get(kind, (now, now))[0], now)

        try:
            with _Descendants() as descendants:
                build.build_report(None, Path(folder) / "rapport", key=b"benchmark", say=say)
        finally:
            Kernels.execute = execute  # type: ignore[method-assign]
        wall, after = time.perf_counter() - start, os.times()
    # From the start of this process, its imports included (this process builds nothing else).
    cpu = sum(after[:4])
    processes = {"build process": sum(after[:2]), **descendants.by_kind()}
    return seen, wall, cpu, sum(after[:2]) + sum(descendants.cpu.values()), processes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2, help="cold builds to time (default 2)")
    parser.add_argument("--kernels", type=int, default=build.NOTEBOOK_KERNELS, help="kernels for the notebooks")
    parser.add_argument("--once", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    build.NOTEBOOK_KERNELS = args.kernels
    if args.once:
        print(json.dumps(run_once()))
        gc.freeze()  # as the console script ends (buurtdata.cli.entry): no collections over everything at exit
        return
    walls, cpus, totals = [], [], []
    for number in range(1, args.runs + 1):
        # Each build in a fresh process: cold, as `buurtdata report` runs (a second build here would find
        # great-expectations, Altair and nbconvert imported already).
        started = time.perf_counter()
        child = subprocess.run(
            [sys.executable, __file__, "--once", "--kernels", str(args.kernels)],
            capture_output=True,
            text=True,
            check=True,
        )
        wall = time.perf_counter() - started  # with the start of Python and the imports, as /usr/bin/time has it
        seen, _, cpu, total, processes = json.loads(child.stdout.splitlines()[-1])
        walls.append(wall)
        cpus.append(cpu)
        totals.append(total)
        print(
            f"run {number}: {wall:5.1f} s wall; CPU (user + sys) {cpu:5.1f} s with the processes it waited for "
            f"(what /usr/bin/time shows), {total:5.1f} s with every process it started"
        )
        for kind, (first, last) in sorted(seen.items(), key=lambda item: item[1]):
            print(f"  {kind:<20} {first:5.1f} - {last:5.1f} s")
        print("  CPU: " + ", ".join(f"{kind} {seconds:.1f} s" for kind, seconds in processes.items()))
    print(
        f"median of {args.runs}: {statistics.median(walls):.1f} s wall (goal: under 20 s), "
        f"{statistics.median(cpus):.1f} s CPU as /usr/bin/time counts it, {statistics.median(totals):.1f} s CPU "
        f"in all; {os.cpu_count()} cores, {args.kernels} notebook kernel(s)"
    )


if __name__ == "__main__":
    main()
