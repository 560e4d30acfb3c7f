"""KWB files as a user saves them from CBS (user test H, Ermelo): without region names, without a required
column, or without the project's gemeente in a second year."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from buurtdata import cli, datasets
from buurtdata.pipeline import run
from buurtdata.project import Project
from buurtdata.sources import cbs, geometry

CSV_2024 = Path(__file__).parent / "fixtures" / "cbs" / "85984NED_hengelo.csv"
SAMPLE = datasets.get_path("hengelo")
PARQUET_2024 = (
    'data = "kwb2024_85984NED.parquet"\n'
    'properties = "kwb2024_85984NED_properties.parquet"\n'
    'regions = "kwb2024_85984NED_regions.parquet"\n'
)


def _project_with_csv(tmp_path, change=None, *, drop=()) -> Path:
    """The sample project whose KWB 2024 is the Hengelo CSV with ``change(header, fields)`` applied to each data
    row, and the columns ``drop`` left out."""
    folder = tmp_path / "hengelo"
    shutil.copytree(SAMPLE.parent, folder)
    lines = CSV_2024.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(";")
    kept = [i for i, name in enumerate(header) if name not in drop]
    rows = [";".join(header[i] for i in kept)]
    for line in lines[1:]:
        fields = line.split(";")
        if change is not None:
            change(header, fields)
        rows.append(";".join(fields[i] for i in kept))
    (folder / "85984NED.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    toml = folder / "project.toml"
    text = toml.read_text(encoding="utf-8")
    assert PARQUET_2024 in text
    toml.write_text(text.replace(PARQUET_2024, 'data = "85984NED.csv"\n'), encoding="utf-8")
    return toml


def _codes_as_regions(header, fields):
    """As CBS's API saves the table (TypedDataSet): WijkenEnBuurten holds the code, not the name."""
    fields[header.index("WijkenEnBuurten")] = fields[header.index("Codering_3")]


@pytest.mark.parametrize("drop_codering", [False, True], ids=["codes", "codes-without-Codering_3"])
def test_a_kwb_file_without_region_names_takes_them_from_the_polygons(tmp_path, key, hengelo_run, drop_codering):
    drop = ["Codering_3"] if drop_codering else []
    result = run(Project.load(_project_with_csv(tmp_path, _codes_as_regions, drop=drop)), key=key)
    regions = result.con.sql("select code, level, name from regions where year = 2024").df()
    assert regions["name"].notna().all()
    assert (regions["name"].str.strip() != "").all()
    polygons = geometry.read_boundaries(SAMPLE.parent / "buurten.gpkg", layer="buurten")
    named = dict(zip(regions["code"], regions["name"], strict=True))
    assert all(named[code] == name for code, name in zip(polygons["code"], polygons["name"], strict=True))
    assert named["GM0164"] == "Hengelo (O.)"
    assert named["NL00"] == "Nederland"
    # A wijk's name comes from its polygons' wijknaam, else it is its code.
    assert all(isinstance(named[code], str) for code in regions.loc[regions["level"] == "wijk", "code"])
    # The buurt names place the segments (user test: 59 of 64 unplaced without them).
    assert len(result.unplaced) <= len(hengelo_run.unplaced)


def test_kerncijfers_of_a_file_without_region_names_call_a_region_by_its_code(tmp_path):
    folder = _project_with_csv(tmp_path, _codes_as_regions).parent
    frame = cbs.read_kerncijfers(folder / "85984NED.csv")
    names = frame.drop_duplicates("code").set_index("code")["name"]
    assert names["BU01640000"] == "BU01640000"
    assert names["GM0164"] == "Hengelo (O.)"
    assert names.notna().all()


def test_a_kwb_file_without_the_inhabitants_column_is_refused_by_name(tmp_path, capsys):
    project = _project_with_csv(tmp_path, drop=["AantalInwoners_5"])
    assert cli.main(["validate", "--project", str(project)]) == cli.EXIT_INPUT
    error = capsys.readouterr().err
    assert "Traceback" not in error and "BinderException" not in error
    assert "85984NED.csv has no column AantalInwoners_5 (inwoners), which every buurt needs" in error
    assert "use the full KWB file of 2024 (table 85984NED)" in error
