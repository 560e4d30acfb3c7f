"""Small points of sweep 14 F7, on the inputs the sweep used (Ameland on CBS's national KWB 2020 and polygons,
the one real KWB 2023 row of Rotterdam's Stadsdriehoek, all in data/raw)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from buurtdata import cli, kerncijfers
from buurtdata._errors import DataNotAvailableError
from buurtdata.sources import cbs

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
KWB_2020 = RAW / "kwb2020-84799NED-statlinebq" / "84799NED" / "cbs.v3.84799NED_TypedDataSet.parquet"
BUURTEN = RAW / "buurten-powerbi-emielsanders" / "buurten.json"
ROWS = RAW / "kwb2022-2023-rows-tjebbehb" / "kwb_rows_2022_2023_BU05990110.json"
national = pytest.mark.skipif(not KWB_2020.exists() or not BUURTEN.exists(), reason="no national files in data/raw")


@national
def test_one_handout_is_said_as_one(tmp_path, capsys):
    """``buurtdata handouts ... --buurt hollum`` said "1 handouts"."""
    (tmp_path / "project.toml").write_text(
        f'name = "Ameland"\ngemeente = "GM0060"\nyear = 2020\n[[kwb]]\nyear = 2020\ntable = "84799NED"\n'
        f'data = "{KWB_2020.as_posix()}"\n[boundaries]\nyear = 2020\npath = "{BUURTEN.as_posix()}"\n'
        'layer = "buurten"\n',
        encoding="utf-8",
    )
    argv = ["handouts", "--project", str(tmp_path / "project.toml"), "--out", str(tmp_path / "h"), "--no-png"]
    assert cli.main([*argv, "--buurt", "hollum"]) == 0
    said = capsys.readouterr().out
    assert "buurtdata: 1 handout (PDF) and its index written in" in said and "1 handouts" not in said


@national
def test_wide_keeps_the_polygons_asked_for():
    """``cbs.wide(kerncijfers(..., geometry=...))`` gave a plain DataFrame: the polygons dropped without a word."""
    frame = cbs.wide(kerncijfers(2020, gemeente="GM0060", geometry=BUURTEN, indicators=["inwoners"]))
    assert frame.crs.to_epsg() == 28992 and frame["code"].is_unique
    buurten = frame[frame["level"] == "buurt"]
    assert len(buurten) == 7 and buurten.geometry.notna().all() and buurten["inwoners"].notna().all()


def test_a_file_of_a_buurt_without_its_gemeente_row_says_so(tmp_path):
    """The one real 2023 row of Stadsdriehoek (BU05990110), as CSV: the file holds a buurt of GM0599, not 'no
    gemeenten (no rows, or no gemeente rows)'."""
    import json

    if not ROWS.exists():
        pytest.skip("the KWB 2022-2023 rows are not in data/raw")
    rows = json.loads(ROWS.read_text(encoding="utf-8"))["2023"]["rows"]
    path = tmp_path / "kwb2023_rows.csv"
    pd.DataFrame(rows).to_csv(path, sep=";", index=False)
    with pytest.raises(DataNotAvailableError, match=r"it holds 1 wijk or buurt row of it, not the row of the gemeente"):
        kerncijfers(2023, gemeente="GM0599", source=path)


def test_a_codebook_or_an_unzipped_project_read_as_segments_says_what_it_is(tmp_path):
    """A .qdc was refused while the message suggested one; NVivo's unzipped project read as 'a file without
    extension', its project.qde as '.qde'."""
    from buurtdata import read_segments
    from buurtdata._errors import InputFileError

    folder = Path(__file__).parent / "fixtures" / "qda" / "nvivo"
    codebook = tmp_path / "codebook.qdc"
    codebook.write_text('<?xml version="1.0"?><CodeBook/>', encoding="utf-8")
    with pytest.raises(InputFileError, match=r"is a REFI-QDA codebook \(.qdc\): read it as the codebook"):
        read_segments(codebook)
    for path in (folder, folder / "project.qde"):
        with pytest.raises(InputFileError, match=r"is a REFI-QDA project unpacked: zip what its folder holds"):
            read_segments(path)


@national
def test_a_gemeente_of_one_wijk_gets_one_wall_map(tmp_path):
    """Ameland (one wijk, "Wijk 00") got wand_ameland... and wand_wijk_00.pdf, the same map under two titles."""
    from buurtdata import pipeline
    from buurtdata.outputs import maps
    from buurtdata.project import Project

    (tmp_path / "codeboek.csv").write_text("code;theme\nWonen;Wonen\n", encoding="utf-8")
    rows = [f"S{i:03d};AM-NE{i:02d};bewoner;Wonen;Jongeren vinden hier geen huis.;Nes;2025-03-11;ja" for i in range(4)]
    (tmp_path / "segmenten.csv").write_text(
        "segment_id;respondent;role;code;quote;location;date;consent\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )
    (tmp_path / "project.toml").write_text(
        f'name = "Ameland"\ngemeente = "GM0060"\nyear = 2020\n[[kwb]]\nyear = 2020\ntable = "84799NED"\n'
        f'data = "{KWB_2020.as_posix()}"\n[boundaries]\nyear = 2020\npath = "{BUURTEN.as_posix()}"\n'
        'layer = "buurten"\n[interviews]\nsegments = "segmenten.csv"\ncodebook = "codeboek.csv"\nfictional = true\n',
        encoding="utf-8",
    )
    result = pipeline.run(Project.load(tmp_path / "project.toml"))
    written = maps.wall_maps(result, tmp_path / "kaarten")
    assert [path.name for path in written] == ["wand_ameland.pdf"]


@national
def test_a_regions_wijk_pages_carry_their_gemeentes_name(tmp_path):
    """Five Wadden gemeenten each have a "Wijk 00": their pages were ..._wijk_00.html and ..._wijk_00_wk008800.html."""
    from buurtdata import pipeline
    from buurtdata.outputs import notebooks, report
    from buurtdata.project import Project

    (tmp_path / "project.toml").write_text(
        'name = "Wadden"\ngemeenten = ["GM0060", "GM0088"]\nyear = 2020\n[[kwb]]\nyear = 2020\ntable = "84799NED"\n'
        f'data = "{KWB_2020.as_posix()}"\n[boundaries]\nyear = 2020\npath = "{BUURTEN.as_posix()}"\n'
        'layer = "buurten"\n',
        encoding="utf-8",
    )
    project = Project.load(tmp_path / "project.toml")
    result = pipeline.run(project)
    chosen = [path for path in notebooks.notebooks() if path.name == notebooks.PER_WIJK_NOTEBOOK]
    plan = report.plan_notebooks(result.con, project, chosen, tmp_path, site=True)
    names = sorted(run.name for run in plan.runs[1:])
    assert names == ["04_verken_een_buurt_wijk_00_ameland.ipynb", "04_verken_een_buurt_wijk_00_schiermonnikoog.ipynb"]


@national
@pytest.mark.parametrize(
    ("roles", "said"),
    [
        (
            ["bewoner", "bewoner", "professional", "ondernemer"],
            "quotes: 0 of 4 consenting, placed segment(s) published: a quote is shown only where at least 3 people",
        ),
        (
            ["bewoner", "bewoner", "bewoner"],
            "quotes: 1 of 3 consenting, placed segment(s) published: a quote is shown only where at least 3 people",
        ),
    ],
)
def test_a_build_says_how_many_quotes_it_publishes_and_why_not_more(tmp_path, roles, said):
    """Ameland with publish_quotes = true, four people per buurt of three roles: 0 quotes, and no word of why."""
    from buurtdata import pipeline
    from buurtdata.outputs._unplaced import quotes_told
    from buurtdata.project import Project

    (tmp_path / "codeboek.csv").write_text("code;theme\nWonen;Wonen\n", encoding="utf-8")
    rows = [
        f"S{i:03d};AM-NE{i:02d};{role};Wonen;Jongeren vinden hier geen huis.;Nes;2025-03-11;ja"
        for i, role in enumerate(roles)
    ]
    (tmp_path / "segmenten.csv").write_text(
        "segment_id;respondent;role;code;quote;location;date;consent\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )
    (tmp_path / "project.toml").write_text(
        f'name = "Ameland"\ngemeente = "GM0060"\nyear = 2020\n[[kwb]]\nyear = 2020\ntable = "84799NED"\n'
        f'data = "{KWB_2020.as_posix()}"\n[boundaries]\nyear = 2020\npath = "{BUURTEN.as_posix()}"\n'
        'layer = "buurten"\n[interviews]\nsegments = "segmenten.csv"\ncodebook = "codeboek.csv"\nfictional = true\n'
        "[privacy]\npublish_quotes = true\n",
        encoding="utf-8",
    )
    assert said in quotes_told(pipeline.run(Project.load(tmp_path / "project.toml")))
