"""The numbered notebooks in ``notebooks/``, executed with papermill against a built database.

An executed notebook holds no run timestamps and no absolute paths, so the same inputs give the same bytes.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from buurtdata import _optional, _resources

_optional.require("notebooks", __name__)

#: The notebook ``buurtdata demo`` executes: figures and stories side by side.
DEMO_NOTEBOOK = "03_cijfers_en_verhalen.ipynb"


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
    """Execute ``notebook`` with papermill into ``folder`` and strip run timestamps; return the executed copy.

    ``parameters`` are more of the notebook's parameters, such as ``buurt`` of ``04_verken_een_buurt``.
    """
    import nbformat
    import papermill

    folder.mkdir(parents=True, exist_ok=True)
    target = folder / notebook.name
    # Relative to the notebook's folder, so the executed notebook does not depend on where the report is built.
    parameters = {"project_file": os.path.relpath(project_file, folder), **(parameters or {})}
    if database is not None:
        parameters["database"] = os.path.relpath(database, folder)
    with _kernel_imports_this_buurtdata():
        papermill.execute_notebook(
            str(notebook),
            str(target),
            parameters=parameters,
            progress_bar=False,
            cwd=str(folder),
            kernel_name="python3",
        )
    executed = nbformat.read(target, as_version=4)
    _strip_run_metadata(executed)
    nbformat.write(executed, target)
    return target


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
