"""The catalogue of bad inputs (tests/README.md): each gives a clear message or a correct, reported result."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import pypdf
import pytest

from buurtdata import cli, datasets
from buurtdata._errors import BuurtdataError, InputFileError, OutputFolderError, ValidationError
from buurtdata.outputs.build import build
from buurtdata.sources import cbs

CSV_2024 = Path(__file__).parent / "fixtures" / "cbs" / "85984NED_hengelo.csv"
SAMPLE = datasets.get_path("hengelo")


@pytest.fixture
def project_copy(tmp_path):
    folder = tmp_path / "hengelo"
    shutil.copytree(SAMPLE.parent, folder)
    return folder


# --- output folders ---------------------------------------------------------------------------------------


def _refused(out, match, project=SAMPLE):
    with pytest.raises(OutputFolderError, match=match):
        build(project, out, notebook_names=(), handout_buurten=[], say=lambda line: None)


def test_out_that_is_a_file(tmp_path):
    (tmp_path / "uit").write_text("notes")
    _refused(tmp_path / "uit", r"is a file, not a folder.*e\.g\. --out .*uit-uitvoer")
    assert (tmp_path / "uit").read_text() == "notes"


def test_out_under_a_missing_parent(tmp_path):
    _refused(tmp_path / "missing" / "uit", r"parent folder .*missing does not exist. Create it first")
    assert not (tmp_path / "missing").exists()


def test_out_that_is_read_only(tmp_path, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    if os.geteuid() == 0:  # root may write anywhere: let the check see what another user would
        monkeypatch.setattr("buurtdata.outputs._publish.os.access", lambda path, mode: Path(path) != locked)
    try:
        _refused(locked / "uit", r"cannot write in .*locked \(no permission\).*--out /")
    finally:
        locked.chmod(0o755)


def test_out_equal_to_the_project_folder(project_copy):
    before = sorted(p.name for p in project_copy.iterdir())
    _refused(
        project_copy,
        r"holds the project's input .*would delete it.*--out .*hengelo/uitvoer",
        project=project_copy / "project.toml",
    )
    assert sorted(p.name for p in project_copy.iterdir()) == before


def test_out_that_holds_the_project_folder(project_copy):
    _refused(project_copy.parent, r"holds the project's input", project=project_copy / "project.toml")


def test_out_inside_the_project_folder_is_fine_when_it_holds_no_inputs(project_copy, key):
    from buurtdata.outputs._publish import check

    check(project_copy / "uitvoer", inputs=[project_copy / "project.toml"])


def test_out_at_a_repository_root(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\n")
    _refused(tmp_path, r"root of a repository .*pyproject.toml.*--out .*buurtdata-uitvoer")
    assert (tmp_path / "pyproject.toml").exists()


def test_out_with_files_no_build_wrote(tmp_path):
    (tmp_path / "uit").mkdir()
    (tmp_path / "uit" / "scriptie.docx").write_text("weeks of work")
    _refused(tmp_path / "uit", r"holds files no buurtdata build wrote \(e\.g\. 'scriptie\.docx'\).*uit-buurtdata")
    assert (tmp_path / "uit" / "scriptie.docx").exists()


def test_cli_refuses_an_out_with_one_message(tmp_path, capsys):
    (tmp_path / "uit").write_text("notes")
    assert cli.main(["handouts", "--project", str(SAMPLE), "--out", str(tmp_path / "uit")]) == cli.EXIT_INPUT
    error = capsys.readouterr().err
    assert error.startswith("buurtdata: --out") and "Traceback" not in error


# --- the command line and the environment -----------------------------------------------------------------


def test_unexpected_error_names_a_log_with_the_traceback(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr("buurtdata.settings.cache_dir", tmp_path / "cache")

    def broken(*args, **kwargs):
        raise KeyError("nan")

    monkeypatch.setattr("buurtdata.outputs.build.build_report", broken)
    assert cli.main(["report"]) == cli.EXIT_BUG
    error = capsys.readouterr().err
    assert "unexpected error (KeyError: 'nan')" in error and "please report it with the log file" in error
    [log] = (tmp_path / "cache" / "logs").glob("buurtdata-error-*.log")
    assert str(log) in error and "Traceback" in log.read_text() and "Traceback" not in error


def test_a_file_the_system_cannot_read(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr("buurtdata.settings.cache_dir", tmp_path / "cache")

    def unreadable(*args, **kwargs):
        raise PermissionError(13, "Permission denied", "/data/kwb.csv")

    monkeypatch.setattr("buurtdata.outputs.build.build_report", unreadable)
    assert cli.main(["report"]) == cli.EXIT_IO
    assert "could not read or write a file (Permission denied: /data/kwb.csv)" in capsys.readouterr().err


def test_exit_codes_are_distinct():
    assert len({0, cli.EXIT_INPUT, cli.EXIT_IO, cli.EXIT_BUG, cli.EXIT_INTERRUPTED}) == 5


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        (
            "BUURTDATA_PRIVACY_THRESHOLD",
            "drie",
            r"BUURTDATA_PRIVACY_THRESHOLD='drie' is not a whole number of 1 or more",
        ),
        ("BUURTDATA_PRIVACY_THRESHOLD", "0", r"BUURTDATA_PRIVACY_THRESHOLD='0' is not a whole number of 1 or more"),
        ("BUURTDATA_CACHE_DIR", str(SAMPLE), r"BUURTDATA_CACHE_DIR=.* names a file, not a folder"),
        ("BUURTDATA_KEY_FILE", str(SAMPLE.parent), r"BUURTDATA_KEY_FILE=.* names a folder, not a file"),
    ],
)
def test_invalid_environment_value(name, value, message, tmp_path):
    env = {**os.environ, name: value}
    done = subprocess.run(
        [sys.executable, "-m", "buurtdata.cli", "handouts", "--project", str(SAMPLE), "--out", str(tmp_path / "uit")],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == cli.EXIT_INPUT, done.stderr
    assert "Traceback" not in done.stderr
    assert re.search(message, done.stderr), done.stderr


def test_the_key_file_setting_may_name_the_key_kept(tmp_path):
    # Review r: BUURTDATA_KEY_FILE was refused as "a file, not a folder" once the key existed.
    key = tmp_path / "sleutel.key"
    key.write_bytes(b"0123456789abcdef")
    env = {**os.environ, "BUURTDATA_KEY_FILE": str(key)}
    done = subprocess.run(
        [sys.executable, "-m", "buurtdata.cli", "pseudoniem", "HGL-B01"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("HGL-B01\tR-")


# --- KWB files --------------------------------------------------------------------------------------------


def _kwb_with(tmp_path, name, change, *, encoding="utf-8"):
    """Write the Hengelo KWB 2024 CSV with ``change(header, fields)`` applied to each data row."""
    lines = CSV_2024.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(";")
    rows = [lines[0]]
    for line in lines[1:]:
        fields = line.split(";")
        change(header, fields)
        rows.append(";".join(fields))
    path = tmp_path / name
    path.write_text("\n".join(rows) + "\n", encoding=encoding)
    return path


def _households(frame):
    return frame.query("code == 'GM0164' and indicator == 'HuishoudensTotaal_29'")["value"].item()


def _grouped(separator, *, below=10**12):
    def change(header, fields):
        column = header.index("HuishoudensTotaal_29")
        value = fields[column].strip()
        if value.isdigit() and 1000 <= int(value) < below:
            fields[column] = f"{int(value):,}".replace(",", separator)

    return change


@pytest.mark.parametrize("separator", [".", ","])
def test_thousands_separators_in_a_count_column_are_read_as_thousands(tmp_path, separator):
    expected = _households(cbs.read_kerncijfers(CSV_2024))
    assert expected > 1000
    frame = cbs.read_kerncijfers(_kwb_with(tmp_path, "85984NED.csv", _grouped(separator)))
    assert _households(frame) == expected
    assert f"{separator!r} read as thousands separator in HuishoudensTotaal_29" in frame.attrs["read_as"]


def test_thousands_separators_next_to_millions(tmp_path):
    def change(header, fields):
        fields[header.index("HuishoudensTotaal_29")] = "8.374.404" if fields[4].strip() == "GM0164" else "39.858"

    frame = cbs.read_kerncijfers(_kwb_with(tmp_path, "85984NED.csv", change))
    assert _households(frame) == 8374404
    assert (frame.query("indicator == 'HuishoudensTotaal_29' and code != 'GM0164'")["value"] == 39858).all()


def test_thousands_separators_that_cannot_be_told_from_decimals_are_refused(tmp_path):
    # Below a million every grouped value has one separator: 39.858 could be 39858 or 39.858.
    path = _kwb_with(tmp_path, "99999NED.csv", _grouped(".", below=10**6))
    with pytest.raises(
        ValidationError,
        match=r"'\d+\.\d{3}' may be \d+ written with a thousands separator or a "
        r"decimal number.*untick 'Use 1000 Separator'",
    ):
        cbs.read_kerncijfers(path, year=2024)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_kwb_file_is_read(tmp_path, encoding):
    path = tmp_path / "85984NED.csv"
    path.write_text(CSV_2024.read_text(encoding="utf-8-sig"), encoding=encoding)
    frame = cbs.read_kerncijfers(path)
    assert "UTF-16" in frame.attrs["read_as"]
    pd.testing.assert_frame_equal(frame, cbs.read_kerncijfers(CSV_2024))


@pytest.mark.parametrize(
    ("name", "year", "table", "message"),
    [
        (
            "84799NED.csv",
            2024,
            "85984NED",
            r"the file name says table 84799NED \(KWB 2020\), not 85984NED \(KWB 2024\)",
        ),
        ("kwb-2020.csv", 2024, "85984NED", r"the file name says KWB 2020, not 2024"),
        ("hengelo.csv", 2020, "85984NED", r"table 85984NED is the KWB of 2024, not 2020; KWB 2020 is table 84799NED"),
    ],
)
def test_kwb_file_of_another_year_or_table(tmp_path, name, year, table, message):
    path = tmp_path / name
    shutil.copy(CSV_2024, path)
    with pytest.raises(InputFileError, match=message):
        cbs.read_kerncijfers(path, year=year, table=table)


def test_kwb_columns_of_another_year(tmp_path):
    path = tmp_path / "hengelo.csv"
    shutil.copy(CSV_2024, path)
    with pytest.raises(InputFileError, match=r"its columns \[.*\] exist only in table 85984NED \(KWB 2024\)"):
        cbs.read_kerncijfers(path, table="84799NED")


def test_project_kwb_entry_of_another_year(project_copy):
    from buurtdata.project import Project

    toml = project_copy / "project.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace('table = "84799NED"', 'table = "85984NED"'), encoding="utf-8"
    )
    with pytest.raises(
        ValidationError,
        match=r"\[\[kwb\]\] #2: kwb2020_84799NED.parquet: the file name says table "
        r"84799NED \(KWB 2020\), not 85984NED",
    ):
        Project.load(toml)


def test_buurtdata_error_is_a_value_error():
    assert issubclass(OutputFolderError, BuurtdataError) and issubclass(BuurtdataError, ValueError)


# --- implausible figures ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "value", "rule"),
    [
        ("HuishoudensTotaal_28", -99996, r"no figure is -99990 or lower \(that is a CBS status code such as -99996"),
        ("InBezitWoningcorporatie_42", float("inf"), r"every figure is a finite number below 1e\+12 \(not inf\)"),
        ("GemiddeldeWoningwaarde_35", 231000, r"gemiddelde_woz is in thousands of euros \(0-5000\).*divide by 1000"),
    ],
)
def test_implausible_figure_fails_validation_naming_the_rule(project_copy, key, column, value, rule):
    from buurtdata import pipeline
    from buurtdata.project import Project

    data = project_copy / "kwb2020_84799NED.parquet"
    frame = pd.read_parquet(data)
    frame[column] = frame[column].astype("float64")
    frame.loc[frame["WijkenEnBuurten"].str.strip() == "BU01640101", column] = value
    frame.to_parquet(data, index=False)
    with pytest.raises(ValidationError, match=rule) as raised:
        pipeline.run(Project.load(project_copy / "project.toml"), key=key)
    assert "BU01640101" in str(raised.value)


# --- project files ----------------------------------------------------------------------------------------


def _edit_project(folder, old, new):
    toml = folder / "project.toml"
    text = toml.read_text(encoding="utf-8")
    assert old in text, old
    toml.write_text(text.replace(old, new, 1), encoding="utf-8")
    return toml


def _load_fails(toml, match, error=ValidationError):
    from buurtdata.project import Project

    with pytest.raises(error, match=match):
        Project.load(toml)


def test_kwb_written_with_single_brackets(project_copy):
    toml = _edit_project(project_copy, "[[kwb]]\nyear = 2024", "[kwb]\nyear = 2024")
    toml.write_text(
        toml.read_text(encoding="utf-8").split("[[kwb]]\nyear = 2020")[0]
        + "[boundaries]"
        + toml.read_text(encoding="utf-8").split("[boundaries]")[1],
        encoding="utf-8",
    )
    _load_fails(toml, r"\[kwb\] is written with single brackets; write \[\[kwb\]\] \(double brackets\)")


def test_section_written_as_an_array(project_copy):
    toml = _edit_project(project_copy, "[boundaries]", "[[boundaries]]")
    _load_fails(toml, r"\[\[boundaries\]\]: write \[boundaries\] \(single brackets\)")


def test_project_file_that_is_not_utf8(project_copy):
    toml = project_copy / "project.toml"
    toml.write_bytes(toml.read_text(encoding="utf-8").replace("voorbeeld", "voorbeeld café").encode("cp1252"))
    _load_fails(toml, r"project.toml, line 3: byte b'\\xe9' is not UTF-8.*save the file as UTF-8", InputFileError)


def test_project_file_that_is_a_folder(project_copy):
    _load_fails(project_copy, r"is a folder; pass the project TOML file in it, e.g. .*project.toml", InputFileError)


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ('data = "kwb2024_85984NED.parquet"', 'data = "map"', r"\[\[kwb\]\] #1.data"),
        ('properties = "kwb2024_85984NED_properties.parquet"', 'properties = "map"', r"\[\[kwb\]\] #1.properties"),
        ('regions = "kwb2020_84799NED_regions.parquet"', 'regions = "map"', r"\[\[kwb\]\] #2.regions"),
        ('path = "buurten.gpkg"', 'path = "map"', r"\[boundaries\].path"),
        ('segments = "interviews_fictief.csv"', 'segments = "map"', r"\[interviews\].segments"),
        ('codebook = "codebook.csv"', 'codebook = "map"', r"\[interviews\].codebook"),
        ('pc6 = "pc6hnr_fictief.csv"', 'pc6 = "map"', r"\[interviews\].pc6"),
        ("[privacy]", '[privacy]\nnames_file = "map"', r"\[privacy\].names_file"),
    ],
)
def test_folder_where_a_file_belongs(project_copy, old, new, key):
    (project_copy / "map").mkdir()
    toml = _edit_project(project_copy, old, new)
    _load_fails(toml, rf"{key} = 'map': is a folder \(.*map\); name the file in it")


def test_a_folder_as_segments_without_a_codebook_is_one_problem_not_two(project_copy):
    # User test: a folder where the .qdpx belongs also drew "missing key 'codebook' (str)", which it needs not.
    from buurtdata.project import Project

    (project_copy / "map").mkdir()
    toml = _edit_project(project_copy, 'segments = "interviews_fictief.csv"', 'segments = "map"')
    toml.write_text(toml.read_text(encoding="utf-8").replace('codebook = "codebook.csv"\n', "", 1), encoding="utf-8")
    with pytest.raises(ValidationError) as error:
        Project.load(toml)
    assert "[interviews].segments = 'map': is a folder" in str(error.value) and "codebook" not in str(error.value)


def test_names_file_saved_as_cp1252(project_copy):
    from buurtdata.project import Project

    (project_copy / "namen.txt").write_bytes("Anja\nRenée\n".encode("cp1252"))
    toml = _edit_project(project_copy, "[privacy]", '[privacy]\nnames_file = "namen.txt"')
    assert {"Anja", "Renée"} <= set(Project.load(toml).interviews.names)


@pytest.mark.parametrize(
    ("maps", "message"),
    [
        (
            'indicator = "bestaat_niet"',
            r"(?s)\[maps\].indicator: unknown key 'bestaat_niet'.*valid keys: \['aandeel_0_15'",
        ),
        ('theme = "Bestaat niet"', r"\[maps\].theme: 'Bestaat niet' is not in the codebook; themes: \['"),
    ],
)
def test_unknown_map_indicator_or_theme(project_copy, key, maps, message):
    from buurtdata import pipeline
    from buurtdata.project import Project

    toml = _edit_project(project_copy, 'indicator = "aandeel_65_plus"\ntheme = "Eenzaamheid"', maps)
    with pytest.raises(ValidationError, match=message) as raised:
        pipeline.run(Project.load(toml), key=key)
    # The valid keys help; they are not a problem of their own (user test: "2 problem(s)" for one typo).
    assert str(raised.value).startswith(f"1 problem(s) in {toml}:")
    if "theme" in maps:  # the indicator keys are listed only when a key is unknown
        with pytest.raises(ValidationError) as raised:
            pipeline.run(Project.load(toml), key=key)
        assert "valid keys" not in str(raised.value)


# --- boundary files ---------------------------------------------------------------------------------------


def _boundaries(tmp_path, change):
    import geopandas as gpd

    frame = gpd.read_file(SAMPLE.parent / "buurten.gpkg")
    frame = change(frame)
    path = tmp_path / "buurten.gpkg"
    frame.to_file(path, layer="buurten", driver="GPKG")
    return path


def test_empty_boundary_layer(tmp_path):
    from buurtdata.sources.geometry import read_boundaries

    path = _boundaries(tmp_path, lambda frame: frame.iloc[:0])
    with pytest.raises(
        InputFileError, match=r"layer buurten holds no features; use the layer with .* \(layers: buurten\)"
    ):
        read_boundaries(path, layer="buurten")


def test_boundary_file_without_its_code_column(tmp_path):
    from buurtdata.sources.geometry import read_boundaries

    path = _boundaries(tmp_path, lambda frame: frame.drop(columns="buurtcode"))
    with pytest.raises(
        InputFileError,
        match=r"has no buurt code column, and its 'wijkcode' repeats wijk codes "
        r"\(WK016400 \d+ times\).*e\.g\. BU01640000\) in a column named one of \['buurtcode'.*in QGIS",
    ):
        read_boundaries(path)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda f: f.assign(geometry=[None, *f.geometry.iloc[1:]]), r"feature BU\d+: has no polygon \(null or empty"),
        (
            lambda f: f.assign(geometry=[f.geometry.iloc[0].buffer(-1e6), *f.geometry.iloc[1:]]),
            r"feature BU\d+: has no polygon",
        ),
        (
            lambda f: f.assign(geometry=[f.geometry.iloc[1], *f.geometry.iloc[1:]]),
            r"features BU\d+, BU\d+ have the same polygon; one is probably a copy",
        ),
    ],
)
def test_null_empty_or_duplicate_polygon(tmp_path, change, message):
    from buurtdata.sources.geometry import read_boundaries

    with pytest.raises(ValidationError, match=message):
        read_boundaries(_boundaries(tmp_path, change))


def test_unclosed_quote_in_a_kwb_csv_names_the_line_where_it_opened(tmp_path):
    def change(header, fields):
        if fields[4].strip() == "BU01640101":
            fields[2] = '"Hengelo'

    path = _kwb_with(tmp_path, "85984NED.csv", change)
    line = next(n for n, text in enumerate(path.read_text().splitlines(), start=1) if '"Hengelo' in text)
    with pytest.raises(
        InputFileError,
        match=rf"85984NED.csv, row {line}: the quote \(\"\) in field 3 is not closed, "
        rf"so lines {line}-\d+ were read as one row",
    ):
        cbs.read_kerncijfers(path)


def test_polygon_without_figures_is_kept_and_drawn_as_without_figure(project_copy, key, tmp_path, monkeypatch):
    import geopandas as gpd
    import shapely

    from buurtdata import pipeline
    from buurtdata.outputs import maps
    from buurtdata.project import Project

    def add_new_buurt(frame):
        extra = frame.iloc[[0]].assign(
            buurtcode="BU01640199", buurtnaam="Nieuwbouw", geometry=[shapely.box(250000, 470000, 250100, 470100)]
        )
        return gpd.GeoDataFrame(pd.concat([frame, extra]), crs=frame.crs)

    _boundaries(project_copy, add_new_buurt)
    from buurtdata.pipeline.link import UnmatchedBuurtenWarning

    with pytest.warns(
        UnmatchedBuurtenWarning, match=r"^1 polygon\(s\) without figures \(BU01640199\), kept and shown on the maps"
    ):
        result = pipeline.run(Project.load(project_copy / "project.toml"), key=key)
    # A notebook page says it in Dutch, not as an English Python warning (user test: Amsterdam's published pages).
    from buurtdata.outputs import _explore_notes, explore

    shown = []
    monkeypatch.setattr(_explore_notes, "in_notebook", lambda: True)
    monkeypatch.setattr(explore, "in_notebook", lambda: True)
    monkeypatch.setattr(explore, "show", shown.append)
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnmatchedBuurtenWarning)
        explore.notebook_data(project_copy / "project.toml")
    # The polygons and the figures are both of 2024: no advice that their years differ (user test R).
    assert shown == [
        "*Let op: 1 buurt heeft een grens op de kaart maar geen cijfers van het CBS (BU01640199); ze staat wel in "
        "de tabellen.*"
    ]
    assert maps.theme_map(result).to_dict()
    features = [
        f
        for values in maps.indicator_map(result).to_dict()["datasets"].values()
        if isinstance(values, list)
        for f in values
    ]
    assert [f["klasse"] for f in features if f["code"] == "BU01640199"] == ["geen cijfer"]
    # It keeps the name and wijk its polygon gives, and every printed map names it in its key.
    new = result.buurten.set_index("code").loc["BU01640199"]
    assert (new["name"], new["wijk_code"]) == ("Nieuwbouw", "WK016401")
    neighbours = result.buurten[(result.buurten["wijk_code"] == "WK016401") & (result.buurten["code"] != "BU01640199")]
    assert new["wijk_name"] == neighbours["wijk_name"].iloc[0]
    printed = maps.save_maps(result, tmp_path / "kaarten")
    assert {p.suffix for p in printed} == {".html", ".pdf", ".png"}
    assert "Nieuwbouw" in pypdf.PdfReader(tmp_path / "kaarten" / "aandeel_65_plus.pdf").pages[0].extract_text()
    # It gets no handout, and the handouts' index says why; asked for by its code, the message says why too.
    from buurtdata.outputs.handout import Handouts

    project = Project.load(project_copy / "project.toml")
    index = Handouts.prepare(project, result, tmp_path / "handouts").write_index(png=False)
    page = (tmp_path / "handouts" / "index.html").read_text(encoding="utf-8")
    assert "BU01640199" in page and "geen cijfers van het CBS over 2024 (de kaart is van een ander jaar)" in page
    printed = "".join(p.extract_text() for p in pypdf.PdfReader(index[0]).pages)
    assert "Voor 1 buurt is er geen blad" in printed and "Nieuwbouw (BU01640199)" in printed
    with pytest.raises(
        BuurtdataError,
        match=r"buurt BU01640199 has a polygon but no CBS figures for 2024: a buurt newer than the KWB file, or",
    ):
        Handouts.prepare(project, result, tmp_path / "een", buurten=["BU01640199"])


def test_a_notebook_page_never_opens_on_a_polygon_without_figures():
    from types import SimpleNamespace

    from buurtdata.outputs import explore

    buurten = pd.DataFrame(
        {
            "code": ["BU01640900", "BU01640903"],
            "name": ["Nieuwbouw", "Buitengebied"],
            "wijk_code": ["WK016409", "WK016409"],
            "wijk_name": ["Wijk 09", "Wijk 09"],
            "year": [None, 2024],
        }
    )
    data = SimpleNamespace(buurten=buurten, themes=None, project=SimpleNamespace(name="Hengelo"))
    assert explore.buurt_code(data, wijk="WK016409") == explore.buurt_code(data) == "BU01640903"
    # Asked for by name, it is still found; a name it shares with a buurt with figures (a renumbered code) is
    # the buurt with figures.
    assert explore.buurt_code(data, "Nieuwbouw") == "BU01640900"
    data.buurten = pd.concat([buurten, buurten.iloc[[1]].assign(code="BU01640999", year=None)], ignore_index=True)
    assert explore.buurt_code(data, "Buitengebied") == "BU01640903"


# --- interview files --------------------------------------------------------------------------------------


INTERVIEWS = SAMPLE.parent / "interviews_fictief.csv"


def _interviews_with(tmp_path, old, new):
    text = INTERVIEWS.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "interviews.csv"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _line_of(path, text):
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if text in line)


def test_unclosed_quote_in_an_interview_csv_names_the_line_where_it_opened(tmp_path):
    from buurtdata.sources.interviews import read_segments

    path = _interviews_with(tmp_path, 'bij zwaaien."', "bij zwaaien.")
    line = _line_of(path, "bij zwaaien.")
    with pytest.raises(
        InputFileError,
        match=rf"interviews.csv, line {line}: the quote \(\"\) in field 5 is not "
        rf"closed, so lines {line}-{line + 2} were read as one row",
    ):
        read_segments(path)


def test_a_quote_holding_line_breaks_is_still_one_cell(tmp_path):
    from buurtdata.sources.interviews import read_segments

    path = _interviews_with(tmp_path, "Nederlands, dan blijft", "Nederlands,\ndan blijft")
    segments = read_segments(path)
    assert len(segments) == len(read_segments(INTERVIEWS))
    quote = segments.query("segment_id == 'S002'")["text"].item()
    assert quote.startswith("Veel nieuwe bewoners spreken nog geen Nederlands,\ndan")


def test_pc6_table_that_is_not_utf8(tmp_path):
    from buurtdata.sources.interviews import read_pc6

    lines = (SAMPLE.parent / "pc6hnr_fictief.csv").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "pc6.csv"
    path.write_bytes("\n".join([*lines[:3], "# adressen van Hengelo, één tabel", *lines[3:]]).encode("cp1252"))
    with pytest.raises(InputFileError, match=r"pc6.csv, row 4: byte b'\\xe9' is not UTF-8.*save it as 'CSV UTF-8'"):
        read_pc6(path)


def test_xlsx_formula_without_a_saved_value_names_the_cell(tmp_path):
    import openpyxl

    from buurtdata.sources.interviews import read_segments

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["segment_id", "respondent", "role", "code", "quote", "location", "date", "consent"])
    sheet.append(["S1", "R1", "bewoner", "Wonen", "Te duur.", "BU01640101", "2025-03-14", "ja"])
    sheet.append(["S2", "R2", "bewoner", "Wonen", '=CONCATENATE("Te ", "klein.")', "BU01640101", "2025-03-14", "ja"])
    book.save(tmp_path / "segmenten.xlsx")  # openpyxl saves formulas without computing them, as scripts do
    with pytest.raises(
        InputFileError,
        match=r"segmenten.xlsx, row 3, cell E3: holds the formula "
        r"'=CONCATENATE\(.*\)' without a saved value; open the file in Excel",
    ):
        read_segments(tmp_path / "segmenten.xlsx")


def test_xlsx_of_chart_sheets_only_says_it_cannot_be_read(tmp_path):
    import openpyxl

    from buurtdata.sources.interviews import read_segments

    book = openpyxl.Workbook()
    book.create_chartsheet()
    book.remove(book.worksheets[0])
    book.save(tmp_path / "segmenten.xlsx")
    with pytest.raises(InputFileError, match=r"segmenten.xlsx is not an XLSX workbook .*save it from Excel as .xlsx"):
        read_segments(tmp_path / "segmenten.xlsx")


def _sample_qdpx(tmp_path):
    from buurtdata.sources.interviews import read_codebook, read_segments, write_qdpx

    return write_qdpx(
        read_segments(INTERVIEWS), read_codebook(SAMPLE.parent / "codebook.csv"), tmp_path / "hengelo.qdpx"
    )


def test_qdpx_with_a_corrupted_deflate_stream(tmp_path):
    import zipfile

    from buurtdata.sources.interviews import read_segments

    path = _sample_qdpx(tmp_path)
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("project.qde")
    assert info.compress_type == zipfile.ZIP_DEFLATED
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + 20 : start + 60] = b"\xff" * 40
    path.write_bytes(bytes(data))
    with pytest.raises(
        InputFileError,
        match=r"hengelo.qdpx, member 'project.qde': cannot be unpacked \((zlib\.)?"
        r"error: .*\); the archive is damaged, export the project again",
    ):
        read_segments(path)


def test_code_tree_3000_deep(tmp_path):
    from buurtdata.sources.interviews import read_codebook

    depth = 3000
    opening = "".join(
        f'<Code guid="00000000-0000-4000-8000-{n:012d}" name="c{n}" isCodable="true">' for n in range(depth)
    )
    path = tmp_path / "diep.qdc"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0">'
        f"<Codes>{opening}{'</Code>' * depth}</Codes></CodeBook>",
        encoding="utf-8",
    )
    codebook = read_codebook(path)
    assert len(codebook) == depth
    assert codebook["code_id"].str.count("/").max() == depth - 1


# --- the command line answers each class with one message ---------------------------------------------------


def _kwb_csv_of(folder, change):
    """Declare the 2024 KWB of the project as a CSV with ``change`` applied to its rows."""
    path = _kwb_with(folder, "kwb2024_85984NED.csv", change)
    _edit_project(
        folder,
        'data = "kwb2024_85984NED.parquet"\nproperties = "kwb2024_85984NED_properties.parquet"\n'
        'regions = "kwb2024_85984NED_regions.parquet"',
        'data = "kwb2024_85984NED.csv"',
    )
    return path


def _unclosed_kwb_quote(folder):
    def change(header, fields):
        if fields[4].strip() == "BU01640101":
            fields[2] = '"Hengelo'

    _kwb_csv_of(folder, change)


def _unclosed_interview_quote(folder):
    segments = folder / "interviews_fictief.csv"
    text = segments.read_text(encoding="utf-8")
    segments.write_text(text.replace('bij zwaaien."', "bij zwaaien.", 1), encoding="utf-8")


def _pc6_not_utf8(folder):
    pc6 = folder / "pc6hnr_fictief.csv"
    pc6.write_bytes(b"# adressen, \xe9\xe9n tabel\n" + pc6.read_bytes())


def _formula_segments(folder):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["segment_id", "respondent", "role", "code", "quote", "location", "date", "consent"])
    book.active.append(["S1", "R1", "bewoner", "Wonen", "=A1", "BU01640101", "2025-03-14", "ja"])
    book.save(folder / "segmenten.xlsx")
    _edit_project(folder, 'segments = "interviews_fictief.csv"', 'segments = "segmenten.xlsx"')


@pytest.mark.parametrize(
    ("break_it", "message"),
    [
        (
            lambda f: (f / "map").mkdir() or _edit_project(f, 'codebook = "codebook.csv"', 'codebook = "map"'),
            r"\[interviews\].codebook = 'map': is a folder",
        ),
        (lambda f: _edit_project(f, "[boundaries]", "[[boundaries]]"), r"write \[boundaries\] \(single brackets\)"),
        (
            lambda f: (f / "project.toml").write_bytes(
                (f / "project.toml").read_bytes().replace(b"voorbeeld", b"\xe9")
            ),
            r"byte b'\\xe9' is not UTF-8",
        ),
        (
            lambda f: _edit_project(f, 'theme = "Eenzaamheid"', 'theme = "Bestaat niet"'),
            r"'Bestaat niet' is not in the codebook",
        ),
        (_unclosed_interview_quote, r"the quote \(\"\) in field 5 is not closed"),
        (_formula_segments, r"cell E2: holds the formula '=A1' without a saved value"),
        (_pc6_not_utf8, r"pc6hnr_fictief.csv, row 1: byte b'\\xe9' is not UTF-8"),
        (_unclosed_kwb_quote, r"the quote \(\"\) in field 3 is not closed"),
    ],
)
def test_the_cli_answers_bad_input_with_one_message_and_no_traceback(
    project_copy, tmp_path, capsys, monkeypatch, break_it, message
):
    monkeypatch.setattr("buurtdata.settings.cache_dir", tmp_path / "cache")
    break_it(project_copy)
    code = cli.main(["handouts", "--project", str(project_copy / "project.toml"), "--out", str(tmp_path / "uit")])
    error = capsys.readouterr().err
    assert code == cli.EXIT_INPUT, error
    assert "Traceback" not in error and "please report" not in error
    assert re.search(message, error), error
    assert not (tmp_path / "uit").exists()


def test_a_map_of_an_unknown_figure_names_the_figures_there_are(hengelo_run):
    from buurtdata._errors import BuurtdataError
    from buurtdata.outputs import maps

    with pytest.raises(
        BuurtdataError, match=r"indicator 'gemiddelde_wozz' is not a figure of 2024; choose one of .*gemiddelde_woz,"
    ):
        maps.indicator_map(hengelo_run, "gemiddelde_wozz")


def test_polygons_of_another_year_than_the_figures_are_said_on_the_handouts_source_line(project_copy, key):
    # User test (Hilversum): polygons of 2019 beside figures of 2024, and paper said only "cijfers 2024".
    from buurtdata import pipeline
    from buurtdata.outputs.handout import Handouts
    from buurtdata.project import Project

    toml = _edit_project(
        project_copy,
        "[boundaries]\n# CBS wijk- en buurtkaart polygons (c. 2019 edition) whose codes "
        "and areas match KWB 2024.\nyear = 2024",
        "[boundaries]\nyear = 2019",
    )
    project = Project.load(toml)
    book = Handouts.prepare(project, pipeline.run(project, key=key), project_copy / "uit").book
    assert book.base_source.startswith(
        "Bron: CBS, Kerncijfers wijken en buurten 2024 (85984NED); buurtgrenzen van 2019"
    )


def test_unmatched_buurten_are_said_only_where_there_are_any():
    """user test R: "0 buurt(en) in the figures without a polygon [], ... Use boundaries of the same year" with
    polygons of the figures' own year: each part only when it has buurten, the years' advice only when they differ."""
    from buurtdata.pipeline import link

    merged = pd.DataFrame({"code": ["BU03630001", "BU0363MK06"], "_merge": ["both", "left_only"]})
    with pytest.warns(link.UnmatchedBuurtenWarning) as told:
        link._report(merged, set(), (2024, 2024))
    (message,) = [str(w.message) for w in told]
    assert message == "1 polygon(s) without figures (BU0363MK06), kept and shown on the maps as 'geen cijfer'."
    with pytest.warns(
        link.UnmatchedBuurtenWarning, match="The polygons are of 2022, the figures of 2024: the buurtkaart of 2024 has"
    ):
        link._report(merged, set(), (2024, 2022))


def test_unmatched_buurten_are_each_said_with_where_they_show():
    """review s2: "kept, shown as 'geen cijfer' or left off the maps" was said of both parts."""
    from buurtdata.pipeline import link

    merged = pd.DataFrame({"code": ["BU03630001", "BU0363MK06"], "_merge": ["right_only", "left_only"]})
    with pytest.warns(link.UnmatchedBuurtenWarning) as told:
        link._report(merged, set(), (2024, 2024))
    assert [str(w.message) for w in told] == [
        "1 buurt(en) of the figures without a polygon (BU03630001), kept in the tables but left off the maps; "
        "1 polygon(s) without figures (BU0363MK06), kept and shown on the maps as 'geen cijfer'."
    ]
