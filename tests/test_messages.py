"""Bad input found by a user test: each message names the file, the field or value, and a fix that is true."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from buurtdata import cli, datasets, pipeline, settings
from buurtdata._errors import InputFileError, ValidationError
from buurtdata.project import Project
from buurtdata.sources import geometry

CSV_2024 = Path(__file__).parent / "fixtures" / "cbs" / "85984NED_hengelo.csv"


@pytest.fixture
def sample_copy(tmp_path):
    folder = tmp_path / "hengelo"
    shutil.copytree(datasets.get_path("hengelo").parent, folder)
    return folder


def _edit(toml: Path, old: str, new: str) -> Path:
    text = toml.read_text(encoding="utf-8")
    assert old in text, old
    toml.write_text(text.replace(old, new, 1), encoding="utf-8")
    return toml


def _problems(toml: Path, key: bytes) -> str:
    with pytest.raises(ValidationError) as raised:
        pipeline.run(Project.load(toml), key=key)
    return str(raised.value)


def test_polygons_of_another_indeling_declared_with_the_kwb_year_are_told_as_such(sample_copy, key):
    # Every polygon renumbered as a gemeente's own indeling would be (BU0164TM01): no code is a typo.
    import geopandas as gpd

    gpkg = sample_copy / "buurten.gpkg"
    polygons = gpd.read_file(gpkg, layer="buurten")
    polygons["buurtcode"] = [f"BU0164TM{n:02d}" for n in range(len(polygons))]
    polygons.to_file(gpkg, layer="buurten", driver="GPKG")
    text = _problems(sample_copy / "project.toml", key)
    assert "the polygons carry another buurt indeling than the figures, not that of 2024" in text
    assert "polygons in " + str(gpkg) + " have a code the figures lack (BU0164TM00, BU0164TM01" in text
    assert "PDOK 'wijkenbuurten 2024'" in text
    assert "mistyped" not in text
    # The advice holds when followed (user test "any gemeente": Asten, Groningen with the 2019 national polygons
    # were told to set [boundaries] year alone, and then that another [boundaries] year does not help).
    assert "Another [boundaries] year alone does not help" in text
    toml = sample_copy / "project.toml"
    shutil.copy(datasets.get_path("hengelo").parent / "buurten.gpkg", sample_copy / "kaart_2024.gpkg")
    _edit(toml, "match KWB 2024.\nyear = 2024", "match KWB 2024.\nyear = 2023")
    assert "set [boundaries] year to the year of their indeling and name that kaart in the [[kwb]] entry of 2024" in (
        text
    )
    _edit(
        toml,
        'regions = "kwb2024_85984NED_regions.parquet"\n',
        'regions = "kwb2024_85984NED_regions.parquet"\nboundaries = "kaart_2024.gpkg"\n',
    )
    # Figures only: the sample's fictional interviews and agreements name the buurten by their 2024 codes.
    text = toml.read_text(encoding="utf-8")
    toml.write_text(text[: text.index("[interviews]")] + text[text.index("[privacy]") :], encoding="utf-8")
    with pytest.warns(UserWarning, match="have no figures of 2020: their buurtcodes changed"):
        result = pipeline.run(Project.load(toml), key=key)
    status = result.con.sql("select build_status from gemeente_status where code = 'GM0164'").fetchall()
    assert status == [("overgezet",)]
    assert set(result.buurten["code"]) == set(polygons["buurtcode"])


def test_a_kwb_file_without_the_gemeente_row_says_so(sample_copy, key):
    # Both years' files lack GM0164's own row: only its wijken and buurten are there.
    for name in ("kwb2024_85984NED.parquet", "kwb2020_84799NED.parquet"):
        frame = pd.read_parquet(sample_copy / name)
        frame[frame["WijkenEnBuurten"].str.strip() != "GM0164"].to_parquet(sample_copy / name, index=False)
    text = _problems(sample_copy / "project.toml", key)
    assert f"The KWB file {sample_copy / 'kwb2024_85984NED.parquet'} has no row of gemeente GM0164 itself" in text
    assert "download_kwb(2024, 'kwb', gemeente='GM0164')" in text


def test_a_layer_the_file_lacks_is_named_with_the_layers_it_has(sample_copy):
    with pytest.raises(InputFileError) as raised:
        geometry.read_boundaries(sample_copy / "buurten.gpkg", year=2024, layer="CBS_Buurten")
    text = str(raised.value)
    assert "has no layer 'CBS_Buurten'" in text and "[boundaries] layer" in text
    assert "its layers are 'buurten'" in text


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            '    "aandeel_0_15",',
            '    "aandeel_0_16",',
            "[profile].indicators: unknown key 'aandeel_0_16' for 2024; did you mean 'aandeel_0_15'?",
        ),
        (
            'indicator = "aandeel_65_plus"',
            'indicator = "aandeel_65plus"',
            "[maps].indicator: unknown key 'aandeel_65plus' for 2024; did you mean 'aandeel_65_plus'?",
        ),
        (
            'higher = ["aandeel_15_25"]',
            'higher = ["aandeel_15_24"]',
            "[[links]] #3 (Jongeren): unknown indicator key 'aandeel_15_24' for 2024; did you mean 'aandeel_15_25'?",
        ),
    ],
)
def test_an_unknown_indicator_key_gets_the_closest_one(sample_copy, key, old, new, expected):
    assert expected in _problems(_edit(sample_copy / "project.toml", old, new), key)


def test_nieuw_with_a_code_not_in_the_files_names_the_closest(tmp_path, monkeypatch, capsys):
    raw = tmp_path / "data" / "raw" / "kwb2024-85984NED"
    raw.mkdir(parents=True)
    shutil.copy(CSV_2024, raw / "85984NED.csv")
    monkeypatch.setattr(settings, "data_dir", tmp_path / "data")
    assert cli.main(["nieuw", "GM0146", "--jaar", "2024", str(tmp_path / "typo")]) == 0
    text = (tmp_path / "typo" / "project.toml").read_text(encoding="utf-8")
    assert f"gezocht in {raw / '85984NED.csv'}: GM0146 staat er niet in (dichtstbij: GM0164 Hengelo" in text
    assert "klopt de code?" in text and "geen KWB-bestand" not in text
    # Said on the command line too, where a user looks first.
    assert "buurtdata: let op: De naam van GM0146 is niet gevonden" in capsys.readouterr().err


def test_nieuw_without_files_says_where_it_looked_and_how_to_look_elsewhere(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "data_dir", tmp_path / "leeg")
    assert cli.main(["nieuw", "GM0164", "--jaar", "2024", str(tmp_path / "hengelo")]) == 0
    readme = (tmp_path / "hengelo" / "README.md").read_text(encoding="utf-8")
    assert f"geen KWB-bestand in {(tmp_path / 'leeg' / 'raw').resolve()}" in readme
    assert "export BUURTDATA_DATA_DIR=" in readme


def test_every_warning_buurtdata_gives_has_a_class_of_its_own():
    # The CLI prints buurtdata's own warnings as one line a user can act on, by their class's module; a plain
    # UserWarning printed Python's file, line and source line instead (user test: the polygons' stated year).
    import ast

    package = Path(cli.__file__).parent
    plain = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and ast.unparse(node.func) in {"warnings.warn", "_errors.warn"}):
                continue
            given = (
                node.args[1]
                if len(node.args) > 1
                else next((k.value for k in node.keywords if k.arg == "category"), None)
            )
            name = ast.unparse(given) if given is not None else "UserWarning"
            if name in {"UserWarning", "Warning", "RuntimeWarning", "FutureWarning", "DeprecationWarning"}:
                plain.append(f"{path.relative_to(package)}:{node.lineno}")
    assert not plain, f"warnings without a buurtdata warning class: {plain}"


def test_the_cli_says_a_buurtdata_warning_in_one_line(capsys):
    from buurtdata.pipeline.scope import BoundaryYearWarning

    cli._show_warning(
        BoundaryYearWarning("x.gpkg states the indeling of 2021"), BoundaryYearWarning, "f.py", 1, said=set()
    )
    assert capsys.readouterr().err == "buurtdata: warning: x.gpkg states the indeling of 2021\n"


def test_the_interview_files_and_the_project_file_are_told_in_one_run(sample_copy, key):
    # User test (Ermelo): a bad date, then a code the codebook lacks, then a [[links]] theme and a key figure
    # typo came one build at a time. The files that can be read beside each other are told at once.
    segments = sample_copy / "interviews_fictief.csv"
    text = segments.read_text(encoding="utf-8")
    segments.write_text(
        text.replace("Berflo Es Noord,2025-05-01,ja", "Berflo Es Noord,1-5-2025x,ja", 1), encoding="utf-8"
    )
    toml = _edit(sample_copy / "project.toml", 'indicator = "aandeel_65_plus"', 'indicator = "aandeel_65_plsu"')
    message = _problems(toml, key)
    assert "1-5-2025x" in message  # the segments file's own problem
    assert "project.toml: [maps].indicator: unknown key 'aandeel_65_plsu'" in message
    assert "did you mean 'aandeel_65_plus'" in message
    assert message.startswith("2 problem(s):")


def test_a_code_the_codebook_lacks_and_a_project_typo_are_told_in_one_run(sample_copy, key):
    segments = sample_copy / "interviews_fictief.csv"
    text = segments.read_text(encoding="utf-8")
    segments.write_text(text.replace("Geldzorgen/Rondkomen", "Geldzorgen/Rondkomne", 1), encoding="utf-8")
    toml = _edit(sample_copy / "project.toml", 'theme = "Eenzaamheid"', 'theme = "Eenzaamheidd"')
    message = _problems(toml, key)
    assert "Geldzorgen/Rondkomne" in message
    assert "project.toml: [maps].theme: 'Eenzaamheidd' is not in the codebook" in message


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("build", "report"), ("repot", "report"), ("new", "nieuw"), ("handout", "handouts"), ("qq", None)],
)
def test_a_command_buurtdata_has_not_names_the_one_meant(typed, meant, capsys):
    """`buurtdata build` (the lead's own guess) was answered with argparse's list of seven choices only."""
    with pytest.raises(SystemExit) as stop:
        cli.main([typed, "--project", "x.toml"])
    said = capsys.readouterr().err
    assert stop.value.code == 2
    assert f"'{typed}' is not a buurtdata command" in said and "The commands are: demo, handouts, report" in said
    assert (f"did you mean 'buurtdata {meant}'?" in said) if meant else "did you mean" not in said
