"""What a database and a warm build record of their inputs sees every input (review s2 #2): the lines of
``[privacy] names_file`` (in the warm build's fingerprint only, never published) and a shapefile's sidecars.

The project is a copy of the sample Hengelo (fictional interviews, real CBS figures).
"""

from __future__ import annotations

import json
import shutil

import geopandas as gpd
import pytest

from buurtdata import _built_from, datasets
from buurtdata.outputs import build as build_module
from buurtdata.project import Project

_OPTIONS = build_module._Options(
    notebook_names=(), handout_buurten=(), handout_gemeenten=None, handout_png=False, handouts_only=False, site=False
)


@pytest.fixture
def project(tmp_path):
    shutil.copytree(datasets.get_path("hengelo").parent, tmp_path / "project")
    return tmp_path / "project" / "project.toml"


def _recorded(project_file):
    project = Project.load(project_file)
    return {"input_checksums": json.dumps(_built_from.checksums(project)), **_built_from.settings(project)}


def _with(project_file, old: str, new: str) -> None:
    text = project_file.read_text(encoding="utf-8")
    assert old in text
    project_file.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_name_added_to_the_names_file_makes_the_build_new_and_is_not_published(project):
    names = project.parent / "namen.txt"
    names.write_text("# FICTIEF\nPiet Post\n", encoding="utf-8")
    _with(project, "[privacy]\n", '[privacy]\nnames_file = "namen.txt"\n')
    recorded, key = _recorded(project), b"k"
    fingerprint = build_module.fingerprint(Project.load(project), key, _OPTIONS)
    # A published database holds neither the names nor a hash of them alone (one name could be guessed from it).
    assert "Piet" not in json.dumps(recorded) and "[privacy] names" not in recorded["input_checksums"]
    assert _built_from.names_digest(Project.load(project)) not in json.dumps(recorded)
    names.write_text("# FICTIEF\nPiet Post\n# a comment changes nothing\n", encoding="utf-8")
    assert build_module.fingerprint(Project.load(project), key, _OPTIONS) == fingerprint
    names.write_text("# FICTIEF\nPiet Post\nKarin Visser\n", encoding="utf-8")
    # The report builds again; a notebook on the old database cannot tell (the README says so).
    assert build_module.fingerprint(Project.load(project), key, _OPTIONS) != fingerprint


def test_a_shapefiles_sidecars_are_inputs_too(project):
    folder = project.parent
    polygons = gpd.read_file(folder / "buurten.gpkg", layer="buurten")
    polygons[[c for c in polygons.columns if len(c) <= 10]].to_file(folder / "buurten.shp", engine="pyogrio")
    _with(project, 'path = "buurten.gpkg"\nlayer = "buurten"', 'path = "buurten.shp"')
    recorded = _recorded(project)
    assert {"buurten.shp", "buurten.dbf", "buurten.shx", "buurten.prj"} <= json.loads(
        recorded["input_checksums"]
    ).keys()
    fingerprint = build_module.fingerprint(Project.load(project), b"k", _OPTIONS)
    with (folder / "buurten.dbf").open("r+b") as dbf:  # a buurt renamed: one byte of the attributes
        dbf.seek(-2, 2)
        last = dbf.read(1)
        dbf.seek(-2, 2)
        dbf.write(b"X" if last != b"X" else b"Y")
    assert _built_from.differences(Project.load(project), recorded) == ["changed since: buurten.dbf"]
    assert build_module.fingerprint(Project.load(project), b"k", _OPTIONS) != fingerprint


@pytest.mark.parametrize(
    ("database", "recorded"),
    [
        # buurtdata report --project project/project.toml --out rapport: the notebook finds it from the database.
        ("rapport/buurtdata.duckdb", "../project/project.toml"),
        ("project/rapport/buurtdata.duckdb", "../project.toml"),
        ("buurtdata.duckdb", "project/project.toml"),
        # Elsewhere (review s2 #5: ../../work/main/...): never a path above the folder the report was written in.
        ("elders/ver/rapport/buurtdata.duckdb", "project.toml"),
    ],
)
def test_a_database_names_its_project_file_by_no_path_above_where_it_was_written(project, database, recorded):
    assert _built_from.record(Project.load(project), project.parent.parent / database)["project_file"] == recorded


def test_a_database_written_beside_the_root_names_its_project_file_by_its_name(project):
    assert _built_from.record(Project.load(project), "/rapport/buurtdata.duckdb")["project_file"] == "project.toml"


def test_a_database_that_names_its_project_file_alone_asks_for_it(project, tmp_path):
    import duckdb

    from buurtdata.outputs import explore
    from buurtdata.outputs._database import DatabaseError

    database = tmp_path / "elders" / "rapport" / "buurtdata.duckdb"
    database.parent.mkdir(parents=True)
    recorded = _built_from.settings(Project.load(project)) | _built_from.record(Project.load(project), database)
    con = duckdb.connect(str(database))
    con.execute(
        f"create table project_settings as select {', '.join('? as ' + k for k in recorded)}", list(recorded.values())
    )
    con.close()
    with pytest.raises(
        DatabaseError, match=r"project file 'project.toml' \(the database names no folder: .*set project_file"
    ):
        explore.notebook_data(database=database)


def test_a_database_of_the_sample_names_it_wherever_buurtdata_is_installed(tmp_path):
    sample = datasets.get_path("hengelo")
    database = tmp_path / "rapport" / "buurtdata.duckdb"
    recorded = _built_from.record(Project.load(sample), database)
    assert recorded["project_file"] == "buurtdata:hengelo/project.toml"
    assert _built_from.project_file(recorded, database) == sample.resolve()


def test_a_report_notebook_is_given_the_project_file_only_where_the_database_does_not_name_it(tmp_path):
    """A report is published: its notebooks' injected parameters name the project only when the database cannot
    (the project outside the folder the report was written in), so no path up to it is printed otherwise."""
    from buurtdata import _built_from

    (tmp_path / "werk" / "x").mkdir(parents=True)
    project = tmp_path / "werk" / "x" / "project.toml"
    assert _built_from.named(project, tmp_path / "werk" / "rapport" / "buurtdata.duckdb") == "../x/project.toml"
    assert _built_from.findable(project, tmp_path / "werk" / "rapport" / "buurtdata.duckdb")
    elsewhere = tmp_path / "elders" / "rapport" / "buurtdata.duckdb"
    assert _built_from.named(project, elsewhere) == "project.toml"
    assert not _built_from.findable(project, elsewhere)


def test_an_executed_copy_does_not_show_a_project_path_from_outside_the_report():
    import nbformat

    from buurtdata.outputs import notebooks

    cell = nbformat.v4.new_code_cell('project_file = "../../../home/anna/wijk/project.toml"\ndatabase = "../b.duckdb"')
    cell.metadata["tags"] = ["injected-parameters"]
    notebook = nbformat.v4.new_notebook(cells=[cell])
    notebooks._unsay_project_file(notebook)
    assert "anna" not in cell.source and cell.source.startswith("project_file = None  #")
    assert 'database = "../b.duckdb"' in cell.source
