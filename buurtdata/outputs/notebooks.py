"""The numbered notebooks in ``notebooks/``, executed against a built database in kernels started ahead.

Starting a kernel and importing pandas, geopandas, altair and buurtdata takes seconds, and the report runs a
notebook per page (and ``04_verken_een_buurt`` once per wijk). So :class:`Kernels` starts its kernel (or
kernels) when a build begins, and it imports while the pipeline runs; a kernel then runs notebook after
notebook, clearing its namespace between two (as a fresh kernel would have it; only the imported modules stay
loaded), over one client connection: a new connection waits for the kernel to answer each time. Parameters
are injected the way papermill does it, so an executed notebook shows them in its ``injected-parameters``
cell. A notebook runs exactly as shipped in a fresh kernel as well (``tests/test_notebooks.py``), and which
kernel ran it changes nothing in it. An executed notebook holds no run timestamps and no absolute paths, so
the same inputs give the same bytes.
"""

from __future__ import annotations

import dataclasses
import os
import re
import threading
from collections.abc import Callable, Coroutine, Mapping, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

from buurtdata import _built_from, _optional, _resources
from buurtdata._errors import BuurtdataError

_optional.require("notebooks", __name__)

#: The notebook ``buurtdata demo`` executes: figures and stories side by side.
DEMO_NOTEBOOK = "03_cijfers_en_verhalen.ipynb"
#: The notebook the report renders once per wijk (its ``wijk`` parameter).
PER_WIJK_NOTEBOOK = "04_verken_een_buurt.ipynb"
#: Seconds a cell may run (a national project's first cell builds its data).
CELL_TIMEOUT = 1800
#: Seconds a kernel may take to start and answer.
START_TIMEOUT = 120

#: Run in a kernel before each notebook: an empty namespace, execution counts from 1, the notebook's folder.
_RESET = "get_ipython().reset(new_session=True, aggressive=False)\nimport os as _os\n_os.chdir({folder!r})\ndel _os\n"
#: Run in a kernel as soon as it starts, while the build has other work: what every notebook imports, and
#: vl-convert's JavaScript engine, which starts on its first chart. Then what was imported is left out of the
#: garbage collector's passes (each reset between two notebooks runs one): it stays loaded anyway.
_WARM_UP = (
    "import buurtdata.outputs.explore\nimport vl_convert\n"
    "vl_convert.vegalite_to_svg({'mark': 'point', 'data': {'values': [{}]}})\n"
    "import gc\ngc.freeze()\n"
)

_T = TypeVar("_T")


@dataclasses.dataclass(frozen=True)
class NotebookRun:
    """One execution of a notebook: which notebook, the file name of its executed copy, its parameters."""

    notebook: Path
    name: str
    parameters: Mapping[str, Any] = dataclasses.field(default_factory=dict)


def notebooks() -> list[Path]:
    """Return the notebooks of the report, in their numbered order.

    >>> DEMO_NOTEBOOK in [path.name for path in notebooks()]
    True
    """
    return sorted(_resources.folder("notebooks").glob("[0-9][0-9]_*.ipynb"))


def execute_notebook(
    notebook: Path,
    folder: Path,
    *,
    project_file: Path,
    database: Path | None = None,
    parameters: Mapping[str, Any] | None = None,
) -> Path:
    """Execute ``notebook`` into ``folder`` in a kernel of its own and strip run timestamps; return the executed copy.

    ``parameters`` are more of the notebook's parameters, such as ``buurt`` of ``04_verken_een_buurt``.
    """
    run = NotebookRun(notebook, notebook.name, parameters or {})
    [executed] = execute_notebooks([run], folder, project_file=project_file, database=database)
    return executed


def execute_notebooks(
    runs: Sequence[NotebookRun], folder: Path, *, project_file: Path, database: Path | None = None
) -> list[Path]:
    """Execute every run into ``folder``, one after another in one kernel; return the executed copies in order.

    See :meth:`Kernels.execute`.
    """
    if not runs:
        return []
    with Kernels(folder) as kernels:
        return kernels.execute(runs, project_file=project_file, database=database).result()


class Kernels:
    """``count`` Python kernels in ``folder``, started at once, that execute notebooks when asked.

    The kernels are driven from a thread of their own, so the calling thread goes on with other work while
    they start and while they run notebooks. Use it as a context manager: leaving it shuts the kernels down.
    """

    def __init__(self, folder: Path, count: int = 1) -> None:
        # asyncio here, not at the top: a build imports this module (outputs.build) and may run no kernel; importing
        # asyncio cost its process 10-40 ms (issue 19).
        import asyncio

        # requests (papermill's) sets a warnings filter as it is imported, the one that silences urllib3's SOCKS
        # notice; imported in the kernels' thread, a warnings.catch_warnings in this thread (great-expectations
        # and other libraries use them) could drop that filter as it is set, and the notice became an error in
        # the tests. Here, in the calling thread, first (0.04 s).
        import requests  # noqa: F401

        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="notebook kernels", daemon=True)
        self._thread.start()
        self._kernels: list[tuple[Any, Any]] = []
        self._started = self._submit(self._start(max(count, 1), self._kernels))
        #: Kernels :meth:`add` started later; each takes notebooks once it is ready.
        self._added: list[tuple[Any, Any]] = []
        self._adding: Future[None] | None = None

    def __enter__(self) -> Kernels:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def execute(
        self,
        runs: Sequence[NotebookRun],
        *,
        project_file: Path,
        database: Path | None = None,
        done: Callable[[int], None] | None = None,
    ) -> Future[list[Path]]:
        """Execute every run into the folder, each in a cleared kernel; the future holds the executed copies in order.

        Each run gets ``database`` as a parameter (relative to the folder, so an executed notebook does not depend
        on where the report is built), and ``project_file`` only where the database does not name it (a report is
        published: a path from the report's folder up to the analyst's project tells where they work), besides
        its own. A cell that fails stops the
        runs with a :class:`BuurtdataError` naming the notebook and the cell; its executed copy shows the error.
        ``done`` is called (in the kernels' thread) with the number of each run whose executed copy is written.
        """
        common = {}
        if database is None or not _built_from.findable(project_file, database):
            common["project_file"] = os.path.relpath(project_file, self.folder)
        if database is not None:
            common["database"] = os.path.relpath(database, self.folder)
        # The project outside the folder the report was written in: the kernel needs its path, the executed copy
        # (published) does not show it.
        unsaid = database is not None and "project_file" in common
        return self._submit(self._execute_all(list(runs), common, done or (lambda number: None), unsaid))

    def add(self, count: int) -> None:
        """Start ``count`` more kernels (once, before :meth:`execute`): a build with many notebooks, once it knows
        how many, runs them on more cores. They take notebooks once started; if one cannot start, the kernels
        started first run every notebook."""
        if count > 0 and self._adding is None:
            self._adding = self._submit(self._start(count, self._added))

    def close(self) -> None:
        """Shut the kernels down (also when they are still starting) and stop their thread."""
        try:
            self._started.exception()  # until every kernel has started, or failed to
            if self._adding is not None:
                self._adding.exception()
            self._submit(self._shutdown()).result()
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()
            self._loop.close()

    def _submit(self, coroutine: Coroutine[Any, Any, _T]) -> Future[_T]:
        import asyncio

        return asyncio.run_coroutine_threadsafe(coroutine, self._loop)

    async def _start(self, count: int, into: list[tuple[Any, Any]]) -> None:
        import asyncio

        from jupyter_client.manager import AsyncKernelManager

        # The kernel is a new process: without this it could import another installed copy of buurtdata.
        root = str(Path(__file__).resolve().parents[2])
        path = os.pathsep.join([root, *([os.environ["PYTHONPATH"]] if os.environ.get("PYTHONPATH") else [])])

        async def start() -> None:
            manager = AsyncKernelManager(kernel_name="python3")
            await manager.start_kernel(
                cwd=str(self.folder),
                env={**os.environ, "PYTHONPATH": path},
                # No input history on disk (in the user's home): what nbclient gives the kernels it starts. Only
                # the kernel's errors reach the terminal: its warning that it runs over TCP (on this machine,
                # talking to buurtdata only) means nothing to a user and stood in every report's output.
                extra_arguments=["--HistoryManager.hist_file=:memory:", "--log-level=ERROR"],
            )
            client = manager.client()
            into.append((manager, client))
            client.start_channels()
            await client.wait_for_ready(timeout=START_TIMEOUT)
            client.allow_stdin = False
            await _run(_code_notebook(_WARM_UP), manager, client, self.folder)

        await asyncio.gather(*(start() for _ in range(count)))

    async def _execute_all(
        self, runs: list[NotebookRun], common: dict[str, str], done: Callable[[int], None], unsaid: bool
    ) -> list[Path]:
        import asyncio

        await asyncio.wrap_future(self._started)
        queue: asyncio.Queue[int] = asyncio.Queue()
        for number in range(len(runs)):
            queue.put_nowait(number)
        executed: list[Path] = [self.folder / run.name for run in runs]

        async def work(manager: Any, client: Any) -> None:
            # Each kernel takes the next notebook when it is free: the notebooks take unequal times.
            while not queue.empty():
                number = queue.get_nowait()
                run = runs[number]
                await self._execute(run, {**common, **run.parameters}, manager, client, unsaid)
                done(number)

        async def added() -> None:
            # The kernels add() started join in once started, while the first ones already run notebooks. One
            # that cannot start only costs speed: the first ones run what is left.
            try:
                await asyncio.wrap_future(self._adding)
            except Exception:  # noqa: BLE001 - any failure to start; close() still shuts down those that did
                return
            await asyncio.gather(*(work(manager, client) for manager, client in self._added))

        workers = [asyncio.ensure_future(work(manager, client)) for manager, client in self._kernels]
        if self._adding is not None:
            workers.append(asyncio.ensure_future(added()))
        try:
            await asyncio.gather(*workers)
        except BaseException:
            # A failed notebook stops the build: no kernel starts another one meanwhile.
            for worker in workers:
                worker.cancel()
            raise
        return executed

    async def _execute(
        self, run: NotebookRun, parameters: dict[str, Any], manager: Any, client: Any, unsaid: bool = False
    ) -> None:
        import nbclient
        from papermill.iorw import load_notebook_node
        from papermill.parameterize import parameterize_notebook

        await _run(_code_notebook(_RESET.format(folder=str(self.folder))), manager, client, self.folder)
        notebook = parameterize_notebook(load_notebook_node(str(run.notebook)), parameters, report_mode=False)
        target = self.folder / run.name
        try:
            await _run(notebook, manager, client, self.folder)
        except nbclient.exceptions.CellExecutionError as error:
            _write(notebook, target)
            msg = (
                f"notebook {run.notebook.name} ({run.name}) failed; the executed copy with the error is "
                f"{target}.\n{error}"
            )
            raise BuurtdataError(msg) from error
        if unsaid:
            _unsay_project_file(notebook)
        _write(notebook, target)

    async def _shutdown(self) -> None:
        import asyncio

        # Notebooks still running when the build stopped early stop with their kernels.
        for task in asyncio.all_tasks():
            if task is not asyncio.current_task():
                task.cancel()
        kernels = self._kernels + self._added
        for _, client in kernels:
            client.stop_channels()
        await asyncio.gather(*(manager.shutdown_kernel(now=True) for manager, _ in kernels))


def _code_notebook(code: str) -> Any:
    import nbformat

    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])


async def _run(notebook: Any, manager: Any, client: Any, folder: Path) -> None:
    import nbclient

    runner = nbclient.NotebookClient(
        notebook, km=manager, timeout=CELL_TIMEOUT, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    )
    # The kernel's one connection: the runner neither opens another nor closes this one (it does not own the kernel).
    runner.kc = client
    await runner.async_execute()


def _unsay_project_file(notebook: Any) -> None:
    """Replace the injected ``project_file`` by ``None`` in an executed copy: its path runs from the report up to
    where the analyst works. Run again, the notebook asks for it (the database names only its file name)."""
    for cell in notebook.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.source = re.sub(
                r"^project_file = .*$",
                "project_file = None  # het projectbestand lag buiten de map van het rapport: vul hier zijn pad in",
                cell.source,
                flags=re.MULTILINE,
            )


def _write(notebook: Any, target: Path) -> None:
    import nbformat

    _strip_run_metadata(notebook)
    nbformat.write(notebook, target)


def _strip_run_metadata(notebook: Any) -> None:
    notebook.metadata.pop("papermill", None)
    # An executed copy is no paired notebook: with the pairing of the repository's notebooks, JupyterLab's
    # Jupytext wrote a .py twin beside it into the report on every save, and read its cells from that twin when
    # opened again (user test J: Leeuwarden's report, autosaved after Run All).
    notebook.metadata.pop("jupytext", None)
    for cell in notebook.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        # papermill gives the cell it injects a random id.
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"
