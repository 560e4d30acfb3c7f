"""User test K: a project.toml as a newcomer's editor leaves it (Notepad's BOM, a key written twice, Windows paths).
Each is read, or refused with the line and the fix. The sample's interviews are FICTIEF."""

from __future__ import annotations

import shutil

import pytest

from buurtdata import datasets
from buurtdata._errors import BuurtdataError, InputFileError, ValidationError
from buurtdata.project import Project

SAMPLE = datasets.get_path("hengelo")


@pytest.fixture
def project_copy(tmp_path):
    folder = tmp_path / "Mijn Documenten" / "Buurtgesprekken – 2026"
    shutil.copytree(SAMPLE.parent, folder)
    return folder / "project.toml"


def _edit(toml, old, new):
    text = toml.read_text(encoding="utf-8")
    assert old in text, old
    toml.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_byte_order_mark_is_read_past(project_copy):
    # Notepad's "UTF-8 with BOM": tomllib refused it as "Invalid statement (at line 1, column 1)".
    text = project_copy.read_text(encoding="utf-8")
    project_copy.write_text(text, encoding="utf-8-sig")
    assert project_copy.read_bytes().startswith(b"\xef\xbb\xbf")
    assert Project.load(project_copy).gemeente == "GM0164"


def test_a_byte_order_mark_and_windows_line_ends_go_into_an_overdracht(project_copy, tmp_path, key):
    from buurtdata.outputs.overdracht import pack

    text = project_copy.read_text(encoding="utf-8")
    project_copy.write_bytes(("\ufeff" + text).replace("\n", "\r\n").encode("utf-8"))
    pack(project_copy, tmp_path / "dossier.zip", key=key)
    assert (tmp_path / "dossier.zip").is_file()


def test_a_key_given_twice_is_named_with_both_lines(project_copy):
    _edit(project_copy, "threshold = 3", "threshold = 3\nthreshold = 5")
    lines = project_copy.read_text(encoding="utf-8").splitlines()
    first = lines.index("threshold = 3") + 1
    with pytest.raises(
        InputFileError,
        match=rf"line {first + 1}.*key 'threshold' is given twice in one table \(also on line {first}\); keep the one",
    ):
        Project.load(project_copy)


def test_a_table_written_twice_is_said_so(project_copy):
    project_copy.write_text(project_copy.read_text(encoding="utf-8") + "\n[privacy]\nthreshold = 4\n", "utf-8")
    with pytest.raises(InputFileError, match=r"a table is written twice; keep one \[table\] header"):
        Project.load(project_copy)


def test_a_windows_path_in_double_quotes_is_told_to_use_slashes(project_copy):
    _edit(project_copy, 'segments = "interviews_fictief.csv"', 'segments = "ronde_najaar_2023\\interviews_fictief.csv"')
    with pytest.raises(InputFileError, match=r"Unescaped.*write a path with / .*or in single quotes"):
        Project.load(project_copy)


@pytest.mark.parametrize(
    "written", ["'ronde_najaar_2023\\interviews_fictief.csv'", '"ronde_najaar_2023\\\\interviews_fictief.csv"']
)
def test_a_relative_windows_path_is_read_as_windows_reads_it(project_copy, written):
    # A project file written on Windows and built in CI on Linux: kaart\buurten.json is kaart/buurten.json.
    # The earlier round's file: today's may not name it too (sweep 13 #19).
    _edit(project_copy, 'segments = "ronde_najaar_2023/interviews_fictief.csv"', f"segments = {written}")
    project = Project.load(project_copy)
    assert project.rounds[0].segments == project_copy.parent / "ronde_najaar_2023" / "interviews_fictief.csv"


def test_a_windows_drive_path_is_named_as_one(project_copy):
    _edit(project_copy, 'path = "buurten.gpkg"', "path = 'C:\\Users\\anneke\\Mijn Documenten\\buurten.gpkg'")
    with pytest.raises(
        ValidationError, match=r"\[boundaries\].path = .*a Windows path, which this computer cannot open"
    ):
        Project.load(project_copy)


def test_a_notebook_asked_for_a_code_that_is_no_gemeente_says_so_with_the_closest(project_copy):
    # User test J/K: gemeente="GM0081" (no gemeente in any year) was told to "pass the project file of GM0081".
    # A national KWB file holds every gemeente of its year: made here as the sample's regions and FICTIEF others.
    import pandas as pd

    from buurtdata.outputs.explore import notebook_data

    regions_file = project_copy.parent / "kwb2024_85984NED_regions.parquet"
    regions = pd.read_parquet(regions_file)
    others = [(f"GM{n:04d}", f"Fictiefdorp {n}") for n in range(1, 401) if n not in (81, 164)]
    others = [(code, "Leeuwarden" if code == "GM0080" else name) for code, name in others]
    extra = pd.DataFrame(
        [(code, name, code, code) for code, name in others],
        columns=["Key", "Title", "Municipality", "DetailRegionCode"],
    )
    pd.concat([regions, extra], ignore_index=True).to_parquet(regions_file)
    with pytest.raises(BuurtdataError) as refused:
        notebook_data(project_copy, gemeente="GM0081")
    said = str(refused.value)
    assert "'GM0081', which is no gemeente in the KWB 2024 (closest: GM0080 (Leeuwarden)" in said
    assert "covers GM0164 (Hengelo (O.)): give one of those" in said
    assert "pass the project file of" not in said
    # A gemeente of the year that the project does not cover is still told to pass its project file.
    with pytest.raises(BuurtdataError, match=r"pass the project file of GM0080"):
        notebook_data(project_copy, gemeente="GM0080")


def test_a_fictional_project_of_ones_own_says_fictief_without_voorbeeld(project_copy):
    # User tests J and K: "VOORBEELD: de interviews zijn FICTIEF" opened the notice of a user's own project whose
    # interviews are made up (a training); VOORBEELD is for buurtdata's own sample alone.
    import types

    from buurtdata._text import FICTIONAL, FICTIONAL_MAP, FICTIONAL_PLAN, told
    from buurtdata.outputs import explore

    own, sample = Project.load(project_copy), Project.load(SAMPLE)
    assert own.fictional and not own.sample and sample.sample
    assert explore.fictional_notice(types.SimpleNamespace(project=own)).data == (
        "**De interviews zijn FICTIEF (geen echte personen); de cijfers zijn echt (CBS).**"
    )
    assert explore.fictional_notice(types.SimpleNamespace(project=sample)).data == f"**{FICTIONAL}**"
    for notice in (FICTIONAL, FICTIONAL_MAP, FICTIONAL_PLAN):
        assert notice.startswith("VOORBEELD: ") and told(notice, sample) == notice
        mine = told(notice, own)
        assert mine.startswith("De interviews") and "FICTIEF" in mine and "VOORBEELD" not in mine
