"""A notebook's ``database`` is the project's own and current, or it is refused saying how to build it (user test J).

Real data: Ermelo (GM0233) from CBS's KWB 2020 (data/raw/kwb2020-84799NED-statlinebq) on the 2021 wijk- en
buurtkaart (data/raw/wijkenbuurten2021-ermelo-gpkg-tauvic), a gemeente other than the sample's Hengelo.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import duckdb
import pytest

from buurtdata import datasets, pipeline
from buurtdata._errors import BuurtdataError
from buurtdata.outputs import _notebook_checks, explore
from buurtdata.outputs._database import DatabaseError
from buurtdata.project import Project
from tests import ermelo_rounds

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
KWB_2020 = RAW / "kwb2020-84799NED-statlinebq" / "84799NED" / "cbs.v3.84799NED_TypedDataSet.parquet"
ERMELO_GPKG = RAW / "wijkenbuurten2021-ermelo-gpkg-tauvic" / "CBS_buurten.gpkg"
needs_raw = pytest.mark.skipif(not KWB_2020.exists() or not ERMELO_GPKG.exists(), reason="data/raw is not here")

ERMELO = (
    ermelo_rounds.head("CBS_buurten.gpkg", year=2020)
    + """
[privacy]
threshold = 3

[maps]
indicator = "aandeel_65_plus"

[profile]
indicators = ["inwoners", "aandeel_65_plus", "aandeel_eenpersoonshuishoudens"]
"""
)


@pytest.fixture
def ermelo(tmp_path: Path) -> tuple[Path, Path]:
    """Ermelo's project file (its polygons a copy in its folder) and the database built from it."""
    folder = tmp_path / "ermelo"
    folder.mkdir()
    shutil.copy(ERMELO_GPKG, folder / "CBS_buurten.gpkg")
    (folder / "project.toml").write_text(ERMELO, encoding="utf-8")
    database = tmp_path / "rapport" / "buurtdata.duckdb"
    database.parent.mkdir()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pipeline.run(Project.load(folder / "project.toml"), database).con.close()
    return folder / "project.toml", database


def _data(project_file: Path | None, database: Path, **options: str) -> pipeline.PipelineResult:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return explore.notebook_data(project_file, database=database, **options)


@needs_raw
def test_a_database_given_alone_shows_the_project_it_was_built_from(ermelo):
    project_file, database = ermelo
    data = _data(None, database)
    assert data.project.path == project_file.resolve() and data.project.name == "Ermelo, buurtgesprekken"
    assert set(data.buurten["gemeente_code"]) == {"GM0233"}


@needs_raw
def test_a_project_file_not_there_beside_a_database_says_to_leave_it_empty(ermelo):
    project_file, database = ermelo
    with pytest.raises(explore.ProjectFileMissing) as refused:
        _data(project_file.with_name("elders.toml"), database)
    said = str(refused.value)
    assert "relative to the notebook's own folder" in said and "alone is not enough" not in said
    assert (
        f"or leave project_file empty (None): the database {database} was built from {project_file.resolve()}" in said
    )


@needs_raw
def test_another_projects_database_is_refused_naming_both_and_the_fix(ermelo):
    project_file, database = ermelo
    sample = datasets.get_path("hengelo")
    with pytest.raises(DatabaseError) as refused:
        _data(sample, database)
    said = str(refused.value)
    assert "holds project 'Ermelo, buurtgesprekken' (GM0233, 2020)" in said
    assert str(project_file.resolve()) in said and "(GM0164, 2024)" in said
    assert f"buurtdata report --project {sample} --out DIR" in said and "leave database = None" in said


@needs_raw
def test_a_database_built_before_the_threshold_was_raised_is_refused(ermelo):
    project_file, database = ermelo
    project_file.write_text(ERMELO.replace("threshold = 3", "threshold = 5"), encoding="utf-8")
    with pytest.raises(DatabaseError) as refused:
        _data(project_file, database)
    said = str(refused.value)
    assert "is out of date" in said and "privacy threshold ([privacy] threshold): 3 when built, 5 now" in said
    assert "changed since: project.toml" in said
    # A report's database is built again in its own folder.
    assert f"buurtdata report --project {project_file} --out {database.parent}," in said


@needs_raw
def test_the_command_that_builds_a_database_again_works_from_any_folder(ermelo, monkeypatch):
    """A report's notebook names ../../project.toml and .. from its own folder; a terminal is elsewhere."""
    project_file, database = ermelo
    project_file.write_text(ERMELO.replace("threshold = 3", "threshold = 5"), encoding="utf-8")
    notebooks = database.parent / "notebooks"
    notebooks.mkdir()
    monkeypatch.chdir(notebooks)
    with pytest.raises(DatabaseError) as refused:
        _data(Path("../../ermelo/project.toml"), Path("../buurtdata.duckdb"))
    said = str(refused.value)
    assert f"buurtdata report --project {project_file.resolve()} --out {database.parent.resolve()}," in said


@needs_raw
def test_a_kernel_left_in_a_folder_a_new_build_replaced_is_told_to_restart(ermelo, monkeypatch):
    """User test J: JupyterLab stayed open while the report was built again (the project's README asks for that
    after a change); the build replaced rapport/ whole, and the kernel's next run said only "[Errno 2] No such
    file or directory"."""
    _, database = ermelo
    notebooks = database.parent / "notebooks"
    notebooks.mkdir()
    monkeypatch.chdir(notebooks)
    shutil.rmtree(notebooks)  # as a build's swap leaves the kernel: in a folder no longer there
    notebooks.mkdir()
    with pytest.raises(_notebook_checks.KernelFolderGone) as refused:
        _data(None, Path("../buurtdata.duckdb"))
    said = str(refused.value)
    assert "no longer there" in said and "Restart the kernel (Kernel > Restart Kernel)" in said
    assert refused.value._render_traceback_() == [f"KernelFolderGone: {said}"]


@needs_raw
def test_a_file_changed_since_the_build_is_named_and_one_only_written_again_is_not(ermelo):
    project_file, database = ermelo
    polygons = project_file.parent / "CBS_buurten.gpkg"
    later = polygons.stat().st_mtime_ns + 5_000_000_000
    polygons.write_bytes(polygons.read_bytes())  # the same bytes, another time of change
    os.utime(polygons, ns=(later, later))
    assert _data(project_file, database).project.gemeente == "GM0233"
    with polygons.open("ab") as file:
        file.write(b"\0")
    with pytest.raises(DatabaseError, match=r"out of date: .*\(changed since: CBS_buurten.gpkg\)"):
        _data(project_file, database)


@needs_raw
def test_a_project_folder_moved_whole_still_matches_its_database(ermelo, tmp_path):
    project_file, database = ermelo
    moved = tmp_path / "elders"
    shutil.copytree(project_file.parent, moved)
    assert _data(moved / "project.toml", database).project.path == moved / "project.toml"
    shutil.rmtree(project_file.parent)
    with pytest.raises(DatabaseError, match=r"was built from the project file .*ermelo/project.toml, which is not"):
        _data(None, database)


@needs_raw
def test_a_gemeente_is_taken_by_its_name_or_code(ermelo):
    project_file, database = ermelo
    for written in ("Ermelo", "ermelo", "0233", "gm0233"):
        assert _data(project_file, database, gemeente=written).project.gemeente == "GM0233"
    with pytest.raises(BuurtdataError, match=r"'Ermlo', which names no gemeente .*did you mean 'Ermelo', GM0233\?"):
        _data(project_file, database, gemeente="Ermlo")
    with pytest.raises(BuurtdataError, match=r"'Hilversum', but .*project.toml covers GM0233 \(Ermelo\); pass the"):
        _data(project_file, database, gemeente="Hilversum")


def test_a_database_that_is_not_there_says_which_and_how_to_build_it(tmp_path):
    sample = datasets.get_path("hengelo")
    missing = tmp_path / "nope.duckdb"
    with pytest.raises(DatabaseError) as refused:
        explore.notebook_data(sample, database=missing)
    said = str(refused.value)
    assert f"database = {str(missing)!r} does not exist" in said
    assert f"'buurtdata report --project {sample} --out DIR' builds it as DIR/buurtdata.duckdb" in said
    with pytest.raises(DatabaseError, match=r"is a folder, not a database file; 'buurtdata report"):
        explore.notebook_data(None, database=tmp_path)


def test_a_database_of_an_older_buurtdata_is_refused(hengelo_run, tmp_path):
    path = tmp_path / "buurtdata.duckdb"
    hengelo_run.con.execute(f"ATTACH '{path}' AS built; COPY FROM DATABASE memory TO built; DETACH built")
    con = duckdb.connect(str(path))
    con.execute("alter table project_settings drop column project_file")
    con.close()
    with pytest.raises(DatabaseError, match=r"built by an older buurtdata, .*--out " + re.escape(str(tmp_path))):
        explore.notebook_data(datasets.get_path("hengelo"), database=path)


def test_buurtdatas_warnings_show_in_a_notebook_as_one_line(monkeypatch, capsys):
    from buurtdata.pipeline.link import UnmatchedBuurtenWarning

    shown = []
    monkeypatch.setattr(warnings, "showwarning", lambda *told, **_: shown.append(told[0]))
    _notebook_checks.notes_for_warnings()
    _notebook_checks.notes_for_warnings()  # a second notebook in the kernel: still one line
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.warn(
            "interviews.csv: 11 segment(s) have an empty field 'consent'", UnmatchedBuurtenWarning, stacklevel=1
        )
        warnings.warn("someone else's", UserWarning, stacklevel=1)
    assert capsys.readouterr().out == "Let op: interviews.csv: 11 segment(s) have an empty field 'consent'\n"
    assert [str(message) for message in shown] == ["someone else's"]


def test_a_gemeente_unknown_to_a_national_project_is_said_plainly():
    national = dataclasses.replace(Project.load(datasets.get_path("hengelo")), gemeente="NL", gemeenten=())
    assert national.national
    with pytest.raises(BuurtdataError) as refused:
        _notebook_checks.refuse_gemeente("Atlantis", national)
    said = str(refused.value)
    assert "'Atlantis', which is no gemeente of the figures of " in said and "(all of Nederland, 2024)" in said
    assert "covers ;" not in said and "project file of Atlantis" not in said


def _sample_with_names_file(folder: Path) -> Path:
    """A copy of the sample whose names are in a names file beside it, as a team keeps them (fictional names)."""
    shutil.copytree(datasets.get_path("hengelo").parent, folder)
    project_file = folder / "project.toml"
    text = project_file.read_text(encoding="utf-8")
    names = 'names = ["Gerrit", "Bosman", "Anja", "Smit"]'
    assert names in text
    project_file.write_text(text.replace(names, 'names_file = "namen.txt"'), encoding="utf-8")
    (folder / "namen.txt").write_text("Gerrit\nBosman\nAnja\nSmit\n", encoding="utf-8")
    return project_file


def test_a_name_added_to_the_names_file_since_the_build_is_told_without_publishing_the_names(tmp_path):
    """Review 2 of user test J: the quotes of a database built before a name was added to ``names_file`` may hold
    that name. The file's lines are no input the checksums name (a short list's hash would give its names away);
    the database holds an HMAC under the pseudonym key instead, which only the analyst's machine can compare."""
    project_file = _sample_with_names_file(tmp_path / "project")
    database = tmp_path / "rapport" / "buurtdata.duckdb"
    database.parent.mkdir()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pipeline.run(Project.load(project_file), database).con.close()
    with duckdb.connect(str(database), read_only=True) as con:
        recorded = con.sql("select names_check from project_settings").fetchall()[0][0]
    assert re.fullmatch(r"[0-9a-f]{16}:[0-9a-f]{64}", recorded)
    assert _data(project_file, database).project.name  # the same names: the database is current

    with (project_file.parent / "namen.txt").open("a", encoding="utf-8") as file:
        file.write("Fatima\n")
    with pytest.raises(DatabaseError) as refused:
        _data(project_file, database)
    said = str(refused.value)
    assert "out of date" in said and "names_file" in said and "may hold a name added since" in said
    assert "Fatima" not in said and "changed since:" not in said  # names no file, nor the name


def test_a_database_built_with_another_key_is_not_refused_for_its_names(tmp_path):
    """A build given its own key (as tests and benchmarks are) cannot be compared: nothing is said of the names."""
    project_file = _sample_with_names_file(tmp_path / "project")
    database = tmp_path / "rapport" / "buurtdata.duckdb"
    database.parent.mkdir()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pipeline.run(Project.load(project_file), database, key=b"another key of 16+ bytes").con.close()
    (project_file.parent / "namen.txt").write_text("Gerrit\nFatima\n", encoding="utf-8")
    assert _data(project_file, database).project.name


def test_a_kernel_started_in_a_replaced_folder_is_told_to_restart_on_its_first_import(tmp_path):
    """Review u M3: a kernel started but not yet run when the report was built again imports buurtdata in a folder
    no longer there; the import itself said "[Errno 2]" (settings' default data folder asked for the working folder)."""
    gone = tmp_path / "notebooks"
    gone.mkdir()
    code = (
        "import os, shutil; here = os.getcwd(); shutil.rmtree(here)\n"
        "from buurtdata.outputs import _notebook_checks\n"
        "_notebook_checks.kernel_folder()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=gone, capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "KernelFolderGone" in done.stderr and "Restart the kernel" in done.stderr
    assert "FileNotFoundError" not in done.stderr
