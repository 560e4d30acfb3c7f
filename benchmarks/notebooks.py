"""Time to execute the report's notebooks: a kernel per notebook against one kernel for all (#19).

Usage::

    PYTHONPATH=. python benchmarks/notebooks.py   (from the repository root)

Builds the Hengelo sample's database once, then executes the four notebooks against it twice: each in a
kernel of its own (:func:`buurtdata.outputs.notebooks.execute_notebook`, what the report did before) and all
in one kernel (:func:`buurtdata.outputs.notebooks.execute_notebooks`, what it does now). Then the report's
full set in one kernel: the four and ``04_verken_een_buurt`` once per wijk (10 for Hengelo).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from buurtdata import datasets, pipeline
from buurtdata.outputs import notebooks
from buurtdata.project import Project


def main() -> None:
    project = Project.load(datasets.get_path("hengelo"))
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        database = out / "buurtdata.duckdb"
        pipeline.run(project, database, key=b"benchmark").con.close()
        chosen = notebooks.notebooks()

        start = time.perf_counter()
        for path in chosen:
            notebooks.execute_notebook(path, out / "apart", project_file=project.path, database=database)
        apart = time.perf_counter() - start

        runs = [notebooks.NotebookRun(path, path.name) for path in chosen]
        start = time.perf_counter()
        notebooks.execute_notebooks(runs, out / "samen", project_file=project.path, database=database)
        together = time.perf_counter() - start

        wijken = sorted(set(pipeline.run(project, key=b"benchmark").buurten["wijk_code"]))
        [explore] = [path for path in chosen if path.name == notebooks.PER_WIJK_NOTEBOOK]
        per_wijk = [notebooks.NotebookRun(explore, f"wijk_{code}.ipynb", {"wijk": code}) for code in wijken]
        start = time.perf_counter()
        notebooks.execute_notebooks([*runs, *per_wijk], out / "rapport", project_file=project.path, database=database)
        report = time.perf_counter() - start

    print(f"{len(chosen)} notebooks, a kernel each:      {apart:6.1f} s")
    print(f"{len(chosen)} notebooks, one kernel:         {together:6.1f} s  ({together / apart:.2f} of a kernel each)")
    print(f"{len(chosen)} + {len(per_wijk)} per wijk, one kernel: {report:6.1f} s")


if __name__ == "__main__":
    main()
