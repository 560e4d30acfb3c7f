"""The numbered notebooks in ``notebooks/``, executed against a built database, all in one kernel.

Starting a kernel and importing pandas, geopandas, altair and buurtdata takes seconds; the report runs a
notebook per page (and ``04_verken_een_buurt`` once per wijk), so :func:`execute_notebooks` starts one kernel
and runs them one after another, clearing the kernel's namespace between them (as a fresh kernel would have
it; only the imported modules stay loaded). Parameters are injected the way papermill does it, so an executed
notebook shows them in its ``injected-parameters`` cell. A notebook runs exactly as shipped in a fresh kernel
as well (``tests/test_notebooks.py``). An executed notebook holds no run timestamps and no absolute paths, so
the same inputs give the same bytes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from buurtdata import _optional, _resources
from buurtdata._errors import BuurtdataError

_optional.require("notebooks", __name__)

#: The notebook ``buurtdata demo`` executes: figures and stories side by side.
DEMO_NOTEBOOK = "03_cijfers_en_verhalen.ipynb"
#: The notebook the report renders once per wijk (its ``wijk`` parameter).
PER_WIJK_NOTEBOOK = "04_verken_een_buurt.ipynb"
#: Seconds a cell may run (a national project's first cell builds its data).
CELL_TIMEOUT = 1800

#: Run in the kernel between two notebooks: an empty namespace, execution counts from 1, the notebook's folder.
_RESET = "get_ipython().reset(new_session=True, aggressive=False)\nimport os as _os\n_os.chdir({folder!r})\ndel _os\n"


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

    Each run gets ``project_file`` and ``database`` as parameters (relative to ``folder``, so an executed
    notebook does not depend on where the report is built), besides its own. A cell that fails stops the
    runs with a :class:`BuurtdataError` naming the notebook and the cell; its executed copy shows the error.
    """
    import nbclient
    import nbformat
    from jupyter_client.manager import AsyncKernelManager
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    if not runs:
        return []
    folder.mkdir(parents=True, exist_ok=True)
    common = {"project_file": os.path.relpath(project_file, folder)}
    if database is not None:
        common["database"] = os.path.relpath(database, folder)
    manager = AsyncKernelManager(kernel_name="python3")
    executed = []
    with _kernel_imports_this_buurtdata():
        nbclient.util.run_sync(manager.start_kernel)(cwd=str(folder))
    try:
        for number, run in enumerate(runs):
            if number:
                reset = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(_RESET.format(folder=str(folder)))])
                _execute(reset, manager, folder)
            notebook = parameterize_notebook(
                load_notebook_node(str(run.notebook)), {**common, **run.parameters}, report_mode=False
            )
            target = folder / run.name
            try:
                _execute(notebook, manager, folder)
            except nbclient.exceptions.CellExecutionError as error:
                _write(notebook, target)
                msg = (
                    f"notebook {run.notebook.name} ({run.name}) failed; the executed copy with the error is "
                    f"{target}.\n{error}"
                )
                raise BuurtdataError(msg) from error
            _write(notebook, target)
            executed.append(target)
    finally:
        nbclient.util.run_sync(manager.shutdown_kernel)(now=True)
    return executed


def _execute(notebook: Any, manager: Any, folder: Path) -> None:
    import nbclient

    # The client does not own the kernel, so it leaves it running for the next notebook; its channels it closes.
    client = nbclient.NotebookClient(
        notebook, km=manager, timeout=CELL_TIMEOUT, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    )
    try:
        client.execute()
    finally:
        if client.kc is not None:
            client.kc.stop_channels()


def _write(notebook: Any, target: Path) -> None:
    import nbformat

    _strip_run_metadata(notebook)
    nbformat.write(notebook, target)


@contextlib.contextmanager
def _kernel_imports_this_buurtdata() -> Iterator[None]:
    # The kernel is a new process: without this it could import another installed copy of buurtdata.
    root = str(Path(__file__).resolve().parents[2])
    before = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join([root, *([before] if before else [])])
    try:
        yield
    finally:
        if before is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = before


def _strip_run_metadata(notebook: Any) -> None:
    notebook.metadata.pop("papermill", None)
    for cell in notebook.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        # papermill gives the cell it injects a random id.
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"
