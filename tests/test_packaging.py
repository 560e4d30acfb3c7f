"""Packaging: one version number, and a missing extra is one clear error naming its pip line."""

import importlib.metadata
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import buurtdata
from buurtdata._optional import EXTRAS

ROOT = Path(__file__).resolve().parents[1]


def test_the_version_is_written_once():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in pyproject["project"] and "version" in pyproject["project"]["dynamic"]
    assert importlib.metadata.version("buurtdata") == buurtdata.__version__


def test_every_module_of_an_extra_is_declared_in_that_extra():
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    for extra, modules in EXTRAS.items():
        declared = {r.split(">=")[0].lower().replace("-", "_") for r in extras[extra]}
        distribution = {"vl_convert": "vl_convert_python", "IPython": "ipython"}
        assert {distribution.get(m, m).lower() for m in modules} <= declared, extra


@pytest.mark.parametrize(
    ("module", "missing", "extra"),
    [
        ("buurtdata.outputs.notebooks", "papermill", "notebooks"),
        ("buurtdata.outputs.handout", "matplotlib", "render"),
        ("buurtdata.outputs.maps", "vl_convert", "render"),
        ("buurtdata.pipeline.validation.gx", "great_expectations", "validate"),
    ],
)
def test_a_missing_extra_is_a_buurtdata_error_with_the_install_line(module, missing, extra):
    # A fresh interpreter where the extra's module cannot be found, as on a machine without the extra.
    code = (
        f"import sys; sys.modules[{missing!r}] = None\n"
        f"from buurtdata import BuurtdataError\n"
        f"try:\n    import {module}\nexcept BuurtdataError as error:\n    print(error)"
    )
    printed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert f"needs {missing}" in printed and f"pip install 'buurtdata[{extra}]'" in printed, printed


@pytest.mark.parametrize(("target", "variable"), [("demo", "OUT"), ("report", "REPORT")])
def test_the_readme_commands_make_the_output_folders_parent(tmp_path, target, variable):
    # A fresh clone has no build/, and buurtdata refuses an --out under a folder that does not exist.
    out = tmp_path / "nog_niet" / "uitvoer"
    plan = subprocess.run(
        ["make", "-n", "-o", "setup", "-o", ".venv/.installed", target, f"{variable}={out}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    made = plan.index(f"mkdir -p {out.parent}/")
    assert made < next(number for number, line in enumerate(plan) if f"--out {out}" in line)
