"""A report built from an overdrachtsdossier records the dossier as its project (sweep 13 #16: it recorded the
``project.toml`` inside the zip, and a notebook of a copied report, rerun in place, sent its user looking for a file
they never had: "was built from the project file 'project.toml' ..., which is not there")."""

from __future__ import annotations

import codecs
import csv
import io
import shutil
import warnings
import zipfile

import duckdb
import pytest
from ermelo_rounds import ermelo_project

from buurtdata import dossier, pipeline
from buurtdata.outputs import _database
from buurtdata.outputs.build import build
from buurtdata.outputs.explore import notebook_data
from buurtdata.outputs.overdracht import pack
from buurtdata.project import Project
from buurtdata.sources.interviews.one_buurt import BuurtReadLooselyWarning

SUCCESSOR = b"the successor's own key, not the one that packed"


@pytest.fixture(scope="module")
def ermelo_dossier(tmp_path_factory, key):
    """The sweep's Ermelo dossier, packed beside the folder a successor builds its report in."""
    monkeypatch = pytest.MonkeyPatch()
    try:
        folder = tmp_path_factory.mktemp("sweep13")
        project = ermelo_project(folder / "ermelo", monkeypatch)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", BuurtReadLooselyWarning)  # 'Ermelo-Wset': not what is tested here
            pack(project, folder / "erm_dossier.zip", key=key, say=lambda _: None)
        yield folder / "erm_dossier.zip"
    finally:
        monkeypatch.undo()


def _report(zipped, out):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", BuurtReadLooselyWarning)
        build(zipped, out, key=SUCCESSOR, notebook_names=(), handout_buurten=[], say=lambda _: None)


def test_the_report_of_a_dossier_records_the_dossier(ermelo_dossier):
    out = ermelo_dossier.parent / "succ_r"
    _report(ermelo_dossier, out)
    with duckdb.connect(str(out / "buurtdata.duckdb"), read_only=True) as con:
        assert con.sql("select project_file from project_settings").fetchall() == [("../erm_dossier.zip",)]
    # A copy of the report beside it, its notebooks rerun in place: they find the dossier, and it is up to date.
    copy = ermelo_dossier.parent / "succ_copy"
    shutil.copytree(out, copy)
    assert _database.built_from(copy / "buurtdata.duckdb") == ermelo_dossier
    data = notebook_data(database=copy / "buurtdata.duckdb")
    assert data.project.name == "Ermelo, buurtgesprekken"
    data.con.close()


def test_a_dossier_lying_elsewhere_is_named_by_its_file(ermelo_dossier, tmp_path):
    _report(ermelo_dossier, tmp_path / "succ_r")
    with pytest.raises(_database.DatabaseError, match=r"built from the project file 'erm_dossier.zip' \(the database"):
        _database.built_from(tmp_path / "succ_r" / "buurtdata.duckdb")


def test_the_project_file_of_a_dossier_is_the_dossier(ermelo_dossier, tmp_path):
    project = Project.load(ermelo_dossier)
    assert project.path.name == "project.toml"
    assert dossier.source(project.path) == ermelo_dossier
    assert dossier.source(tmp_path / "project.toml") == tmp_path / "project.toml"


def test_the_database_a_dossier_holds_names_the_project_file_beside_it(ermelo_dossier, tmp_path):
    # It was built from the members laid out in a folder of the overdracht's own: "../dossier/project.toml".
    with zipfile.ZipFile(ermelo_dossier) as zipped:
        zipped.extractall(tmp_path / "dossier")
    database = tmp_path / "dossier" / "uitvoer" / "buurtdata.duckdb"
    with duckdb.connect(str(database), read_only=True) as con:
        assert con.sql("select project_file from project_settings").fetchall() == [("../project.toml",)]
    data = notebook_data(database=database)
    assert data.project.path == tmp_path / "dossier" / "project.toml"
    data.con.close()


def test_the_dossiers_files_open_in_dutch_excel_and_build_the_same_numbers(ermelo_dossier, key):
    """Sweep 13 #6: the fragments, codebooks and agreements the LEESMIJ tells the successor to open and edit were
    comma-separated UTF-8 without a BOM: Excel with Dutch settings showed one column and broken accents. They are
    written as the project's templates are (';', UTF-8 with a BOM), and build what the project built."""
    with zipfile.ZipFile(ermelo_dossier) as zipped:
        members = {
            name: zipped.read(name)
            for name in zipped.namelist()
            if name.startswith(("fragmenten/", "codeboeken/", "afspraken/"))
        }
    assert sorted(members) == [
        *(f"afspraken/ronde_{n}.csv" for n in (1, 2)),
        *(f"codeboeken/ronde_{n}.csv" for n in (1, 2, 3)),
        *(f"fragmenten/ronde_{n}.csv" for n in (1, 2, 3)),
    ]
    for name, data in members.items():
        assert data.startswith(codecs.BOM_UTF8), name
        text = data.decode("utf-8-sig")  # as Excel reads it, by its BOM
        body = "".join(line for line in text.splitlines(keepends=True) if not line.startswith("#"))
        rows = list(csv.reader(io.StringIO(body), delimiter=";"))
        assert len(rows[0]) >= 3 and all(len(row) == len(rows[0]) for row in rows), name  # a column per cell
    queries = [
        "select code, theme, shown, respondents, segments from buurt_themes order by all",
        "select code, theme, round_number, respondents, segments from buurt_theme_rounds order by all",
        "select round_number, code, theme, agreement, review_date from agreements order by all",
        "select round_number, reason, count(*) from unplaced_segments group by all order by all",
        "select code_id, theme from codebook order by all",
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", BuurtReadLooselyWarning)  # 'Ermelo-Wset', in the project only
        built = pipeline.run(Project.load(ermelo_dossier.parent / "ermelo" / "project.toml"), key=key)
        handed = pipeline.run(Project.load(ermelo_dossier), key=SUCCESSOR)
    try:
        for query in queries:
            assert handed.con.sql(query).fetchall() == built.con.sql(query).fetchall(), query
        assert built.con.sql(queries[0]).fetchall() and built.con.sql(queries[2]).fetchall()
    finally:
        built.con.close()
        handed.con.close()
