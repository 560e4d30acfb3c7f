"""The notebooks as an analyst meets them: run as shipped in a fresh kernel from the repository root, and with
papermill parameters as the report runs them; their charts are interactive Vega-Lite with selection parameters."""

import json
from pathlib import Path

import jupytext
import nbclient
import nbformat
import pytest

from buurtdata.outputs import display, interactive
from buurtdata.outputs.notebooks import execute_notebook, notebooks

ROOT = Path(__file__).resolve().parents[1]
#: The notebooks with the map linked to the buurt's figures and themes.
EXPLORING = {"01_cijfers_verkennen", "03_cijfers_en_verhalen", "04_verken_een_buurt"}


def _outputs(notebook):
    return [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]


def _no_errors(notebook, name):
    errors = [o for o in _outputs(notebook) if o.output_type == "error" or o.get("name") == "stderr"]
    assert not errors, (name, errors)


@pytest.fixture(scope="module", params=[p.stem for p in notebooks()])
def shipped(request):
    """A notebook executed exactly as shipped: no parameters injected, a fresh kernel, cwd the repository root."""
    notebook = nbformat.read(ROOT / "notebooks" / f"{request.param}.ipynb", as_version=4)
    nbclient.NotebookClient(
        notebook, kernel_name="python3", timeout=600, resources={"metadata": {"path": str(ROOT)}}
    ).execute()
    return request.param, notebook


def test_notebook_runs_as_shipped(shipped):
    name, notebook = shipped
    _no_errors(notebook, name)
    assert all(c.get("execution_count") for c in notebook.cells if c.cell_type == "code"), name


def test_exploring_notebooks_carry_vega_lite_with_selection_parameters(shipped):
    name, notebook = shipped
    specs = [o.data[display.MIMETYPE] for o in _outputs(notebook) if display.MIMETYPE in o.get("data", {})]
    # Every chart has its static SVG beside it, for viewers without JavaScript (and print).
    assert all("image/svg+xml" in o.data for o in _outputs(notebook) if display.MIMETYPE in o.get("data", {}))
    if name not in EXPLORING:
        return
    # The maps carry a click selection too; the explorer is the one with its views side by side.
    linked = [s for s in specs if interactive.selection_params(s) and "hconcat" in s]
    assert linked, name
    spec = linked[0]
    assert [p["name"] for p in interactive.selection_params(spec)] == [interactive.BUURT_PARAM]
    # Altair lifts the parameters of a compound chart to its top level.
    bound = [p for view in [spec, *spec["hconcat"]] for p in view.get("params", []) if "bind" in p]
    assert [p["name"] for p in bound] == [interactive.INDICATOR_PARAM] and bound[0]["bind"]["input"] == "select"
    # The data are inlined once, as named datasets, and every view refers to them by name; the shapes are
    # one TopoJSON with a geometry per buurt.
    assert set(spec["datasets"]) >= {"buurtcijfers", "buurtvormen"}
    text = json.dumps(spec)
    shapes = json.loads(spec["datasets"]["buurtvormen"])["objects"]["buurten"]["geometries"]
    assert '"values"' not in text and text.count("Topology") == 1
    assert len(shapes) == len(json.loads(spec["datasets"]["buurtcijfers"]))


def test_tables_are_dutch_without_index_or_nan(shipped):
    name, notebook = shipped
    tables = [o.data["text/html"] for o in _outputs(notebook) if "text/html" in o.get("data", {})]
    assert tables, name
    for table in tables:
        assert "NaN" not in table and "<NA>" not in table and "None" not in table
        assert "row_heading" not in table and "overflow-x: auto" in table
    if name == "01_cijfers_verkennen":
        assert "83.058" in "".join(tables) and "Aantal inwoners" in "".join(tables)


def test_notebooks_run_with_parameters(report_out, tmp_path, hengelo):
    out, _, _ = report_out
    for path in notebooks():
        executed = nbformat.read(out / "notebooks" / path.name, as_version=4)
        _no_errors(executed, path.name)
        assert (
            'database = "../buurtdata.duckdb"'
            in executed.cells[
                next(i for i, c in enumerate(executed.cells) if c.get("id") == "injected-parameters")
            ].source
        )
    [buurt] = [p for p in notebooks() if p.stem == "04_verken_een_buurt"]
    executed = execute_notebook(
        buurt,
        tmp_path,
        project_file=hengelo.path,
        database=out / "buurtdata.duckdb",
        parameters={"buurt": "Binnenstad-Centrum"},
    )
    notebook = nbformat.read(executed, as_version=4)
    _no_errors(notebook, buurt.name)
    printed = "".join(o.get("text", "") for o in _outputs(notebook))
    assert "Binnenstad-Centrum (BU01640000)" in printed


def test_jupyterlab_lists_each_notebook_once():
    manager = jupytext.TextFileContentsManager(root_dir=str(ROOT))
    listed = manager.get("notebooks")["content"]
    assert sorted(c["name"] for c in listed if c["type"] == "notebook") == sorted(p.name for p in notebooks())


def _one_cell(path, code):
    """Write a notebook of one code cell (with the kernel papermill asks for) to ``path``; return the path."""
    kernelspec = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)], metadata=kernelspec), path)
    return path


def test_a_kernel_added_later_takes_notebooks_beside_the_first(tmp_path):
    from buurtdata.outputs.notebooks import Kernels, NotebookRun

    # Each run marks its kernel's process and waits until two kernels have marked: only a second kernel that
    # takes a notebook while the first still runs one lets both finish (within a minute, else they fail).
    code = (
        "import os, pathlib, time\n"
        "marks = pathlib.Path(marks)\n"
        "(marks / str(os.getpid())).touch()\n"
        "deadline = time.monotonic() + 60\n"
        "while len(list(marks.iterdir())) < 2 and time.monotonic() < deadline:\n"
        "    time.sleep(0.05)\n"
        "print(len(list(marks.iterdir())))\n"
    )
    notebook = _one_cell(tmp_path / "wacht.ipynb", code)
    (tmp_path / "marks").mkdir()
    runs = [NotebookRun(notebook, f"wacht_{n}.ipynb", {"marks": str(tmp_path / "marks")}) for n in range(2)]
    with Kernels(tmp_path / "uit", 1) as kernels:
        kernels.add(1)
        executed = kernels.execute(runs, project_file=tmp_path / "project.toml").result(timeout=300)
    printed = [nbformat.read(path, as_version=4).cells[-1].outputs[0]["text"].strip() for path in executed]
    assert printed == ["2", "2"]


def test_a_kernel_added_later_that_cannot_start_leaves_the_notebooks_to_the_first(tmp_path):
    from buurtdata.outputs.notebooks import Kernels, NotebookRun

    notebook = _one_cell(tmp_path / "een.ipynb", "print(1)")
    runs = [NotebookRun(notebook, f"een_{n}.ipynb") for n in range(3)]

    async def cannot_start(count, into):
        raise RuntimeError("the kernel did not answer in time")

    with Kernels(tmp_path / "uit", 1) as kernels:
        kernels._start = cannot_start  # only the kernel added below
        kernels.add(1)
        executed = kernels.execute(runs, project_file=tmp_path / "project.toml").result(timeout=300)
    assert [nbformat.read(path, as_version=4).cells[-1].outputs[0]["text"] for path in executed] == ["1\n"] * 3
