"""Draw many handouts on every core: a process pool whose workers get the :class:`~.handout_sheet.Printer` once.

Workers come from a fork server that has imported :mod:`.handout_sheet` (pandas, geopandas, matplotlib) before
the first worker forks, so each worker starts in milliseconds instead of importing for seconds, and never
imports Altair or DuckDB. Not plain ``fork``: the building process holds an open DuckDB connection and its
threads. The drawing is deterministic, so the bytes do not depend on which worker drew a page.
"""

from __future__ import annotations

import contextlib
import importlib.machinery
import multiprocessing
import os
import sys
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from buurtdata.outputs.handout_sheet import Handout, Printer

#: Below this many handouts per extra process, starting the pool costs more than it saves.
PER_WORKER = 8
#: How much lower the workers' priority is when they draw beside other work of a build (``beside``): the
#: notebook kernel runs its notebooks one after another, so each second it waits for a core is a second more
#: of the build, while the handouts, spread over the pool, fill whatever cores the rest leaves idle.
BESIDE_NICENESS = 5
#: What the fork server imports once, before it forks the workers.
_PRELOAD = [
    "buurtdata.outputs.handout_sheet",
    "buurtdata.project",
    "geopandas",
    "matplotlib.backends.backend_agg",
    "matplotlib.backends.backend_pdf",
    "pypdfium2",
    "PIL.PngImagePlugin",
]
#: The printer of the running pool worker (set once per process by :func:`_start_worker`).
_worker_printer: Printer | None = None


def workers_for(count: int) -> int:
    """How many processes draw ``count`` handouts: every core, but only when each has enough to draw."""
    return min(os.cpu_count() or 1, count // PER_WORKER)


def render_all(
    printer: Printer,
    sheets: Iterable[tuple[Handout, Path]],
    count: int,
    *,
    png: bool,
    dpi: int,
    beside: bool = False,
) -> Iterator[list[Path]]:
    """Draw and save each of the ``count`` ``(handout, stem)``; yield the files of each, in the order of ``sheets``.

    ``sheets`` may be a generator: the workers start with the first sheet and draw while the next ones are made.
    ``beside``: other work of the build goes on meanwhile; the workers give way to it (:data:`BESIDE_NICENESS`).
    """
    workers = workers_for(count)
    if workers < 2:
        for handout, stem in sheets:
            yield render(printer, handout, stem, png, dpi)
        return
    niceness = BESIDE_NICENESS if beside else 0
    with ProcessPoolExecutor(
        workers, mp_context=_context(), initializer=_start_worker, initargs=(printer, niceness)
    ) as pool:
        # One lazy iterable of tasks: each sheet is made as the pool takes it, while the workers draw the first.
        # The workers start as the tasks are handed over, inside map (for a fork server or spawn).
        with _main_left_alone():
            drawn = pool.map(_render_in_worker, ((handout, stem, png, dpi) for handout, stem in sheets), chunksize=2)
        yield from drawn


def render(printer: Printer, handout: Handout, stem: Path, png: bool, dpi: int) -> list[Path]:
    """Draw the pages of one handout once and save them (PDF, and the first page as PNG when ``png``)."""
    from buurtdata.outputs import handout_blocks

    return handout_blocks.save(printer.draw_pages(handout), stem, png=png, dpi=dpi)


def _context() -> multiprocessing.context.BaseContext:
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_PRELOAD)
    return context


@contextlib.contextmanager
def _main_left_alone() -> Iterator[None]:
    """Start workers that do not run the program's script again.

    A worker of a fork server or of spawn imports the script it was started from as ``__mp_main__``: a script
    without an ``if __name__ == "__main__":`` guard (the README's example saved as ``maak.py``) then ran again in
    every worker, built again, and stopped on the pool's "bootstrapping phase" error (sweep 14 F4). The workers draw
    with buurtdata's functions only, so the script is named a module they may skip (multiprocessing skips a main
    module named ``__main__``) while they start.
    """
    main = sys.modules.get("__main__")
    if main is None or getattr(main, "__spec__", None) is not None or not getattr(main, "__file__", None):
        yield  # a notebook, ``python -c``, ``python -m``: nothing the workers would run again
        return
    main.__spec__ = importlib.machinery.ModuleSpec("__main__", None)
    try:
        yield
    finally:
        main.__spec__ = None


def _start_worker(printer: Printer, niceness: int) -> None:
    global _worker_printer  # noqa: PLW0603 - one printer per worker process, sent once instead of with every handout
    _worker_printer = printer
    if niceness and hasattr(os, "nice"):  # POSIX; elsewhere the workers keep the build's priority
        os.nice(niceness)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_end_with, args=(parent,), name="end with the build", daemon=True).start()


def _end_with(parent: multiprocessing.process.BaseProcess) -> None:
    """End this worker when the build that started it is gone (user test K: after ``kill -9`` of a build, its
    workers waited for work forever, and with them the fork server, whose pipe they hold: three processes with
    geopandas and matplotlib loaded, left running per killed build). A build that ends as it should stops its
    workers itself first."""
    parent.join()
    os._exit(1)


def _render_in_worker(task: tuple[Handout, Path, bool, int]) -> list[Path]:
    return render(_worker_printer, *task)
