"""``buurtdata nieuw`` for a region (several gemeente codes) and for the whole country (NL)."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from test_gemeenten import NATIONAL_BUURTEN, RAW, needs_raw

from buurtdata import cli, pipeline, settings
from buurtdata._errors import BuurtdataError
from buurtdata.pipeline import scope
from buurtdata.project import Project


def _nieuw(folder: Path, *args: str) -> tuple[str, str]:
    """Run ``buurtdata nieuw *args folder`` and return the project.toml and README.md it wrote."""
    assert cli.main(["nieuw", *args, str(folder)]) == 0
    return (folder / "project.toml").read_text(encoding="utf-8"), (folder / "README.md").read_text(encoding="utf-8")


def _load(folder: Path) -> Project:
    """The written project, loaded as buurtdata loads it (empty files stand in for the ones to download)."""
    for name in ("wijkenbuurten_2024.gpkg", "kwb2024_85984NED.csv"):
        (folder / name).touch()
    return Project.load(folder / "project.toml")


@needs_raw
def test_nieuw_of_a_region_lists_its_gemeenten_once_and_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(settings, "data_dir", RAW.parent)
    folder = tmp_path / "regio"
    # The codes on both sides of --jaar, one twice and one without its prefix.
    assert cli.main(["nieuw", "GM0402", "gm0164", "--jaar", "2024", "0402", str(folder)]) == 0
    assert "ready" in capsys.readouterr().out
    text = (folder / "project.toml").read_text(encoding="utf-8")
    assert 'gemeenten = ["GM0402", "GM0164"]' in text and "\ngemeente =" not in text
    assert 'name = "Hilversum en Hengelo (O.), buurtgesprekken"' in text
    assert "85984NED.csv" in text  # the file at hand holds both gemeenten
    project = _load(folder)
    assert project.gemeenten == ("GM0402", "GM0164") and not project.national
    assert project.name == "Hilversum en Hengelo (O.), buurtgesprekken"
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "`buurtdata nieuw GM0402 GM0164 --jaar 2024`" in readme
    assert "Hilversum (GM0402) en Hengelo (O.) (GM0164)" in readme
    assert "De landelijke kaart is prima: buurtdata houdt\n   alleen de buurten van de regio over" in readme
    assert "`handouts/GM0402_hilversum/`" in readme and "`gemeenten.csv`" in readme
    # Sweep 12: the example of where the interviews were held named Deventer, in no region of the project's.
    one = " ".join(readme.split())
    assert '`gemeenten = ["GM0402", "Hengelo"]`' in one and "`Centrum (Hengelo)`" in one
    assert "Deventer" not in readme
    # The project builds as written, on the national buurten in place of the map still to download.
    text = text.replace(
        'path = "wijkenbuurten_2024.gpkg"\nlayer = "buurten"', f'path = "{NATIONAL_BUURTEN.as_posix()}"'
    )
    (folder / "project.toml").write_text(text, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = pipeline.run(Project.load(folder / "project.toml"), key=b"test")
    status = scope.status_table(result.con)
    assert dict(zip(status["code"], status["build_status"], strict=True)) == {"GM0164": "gebouwd", "GM0402": "gebouwd"}


def test_nieuw_of_a_region_without_names_says_which_to_fill_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "data_dir", tmp_path / "leeg")
    folder = tmp_path / "gooi"
    text, readme = _nieuw(folder, "GM0402", "GM0406", "--jaar", "2024")
    assert 'name = "GEMEENTENAAM GM0402 en GEMEENTENAAM GM0406, buurtgesprekken"' in text
    assert "# De namen van GM0402 en GM0406 zijn niet gevonden" in text
    assert 'data = "kwb2024_85984NED.csv"' in text
    assert _load(folder).gemeenten == ("GM0402", "GM0406")
    assert "De namen van GM0402 en GM0406 zijn niet gevonden" in readme
    assert "Het landelijke bestand is prima: buurtdata houdt alleen de gemeenten van de regio over." in readme
    assert "`kaarten/GM0402_gemeentenaam/`" in readme


@needs_raw
def test_nieuw_of_a_region_names_the_gemeente_not_found_and_downloads_the_figures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "data_dir", RAW.parent)
    text, readme = _nieuw(tmp_path / "regio", "GM0402", "GM0999", "--jaar", "2024")
    assert 'name = "Hilversum en GEMEENTENAAM GM0999, buurtgesprekken"' in text
    assert "# De naam van GM0999 is niet gevonden" in text
    # The file at hand lacks GM0999, so the project asks for a file of its own.
    assert 'data = "kwb2024_85984NED.csv"' in text
    assert "De naam van GM0999 is niet gevonden" in readme and "De andere namen komen uit" in readme
    assert "Download de *Kerncijfers wijken en buurten 2024*" in readme


def test_nieuw_of_the_whole_country(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "data_dir", RAW.parent)
    folder = tmp_path / "nl"
    text, readme = _nieuw(folder, "nl", "--jaar", "2024")
    assert 'gemeente = "NL"' in text and 'name = "Nederland, buurtgesprekken"' in text
    # A KWB file at hand may be a selection of gemeenten, so the country's own file is asked for.
    assert 'data = "kwb2024_85984NED.csv"' in text
    project = _load(folder)
    assert project.national and project.gemeenten == ()
    assert readme.startswith("# Nederland: buurtcijfers en levende kennis, 2024")
    assert "Neem het landelijke bestand, met alle gemeenten." in readme
    assert "ongeveer 20 minuten" in readme and "12.600 buurten" in readme
    assert "`buurtdata nieuw GM0402 GM0406 --jaar 2024 MAP`" in readme


@pytest.mark.parametrize(
    ("codes", "named"),
    [
        (["GM0402", "GM04X"], "'GM04X' is not a CBS region code"),
        (["NL", "GM0402"], "NL is the whole country; give NL alone"),
        (["GM0402"], "give the gemeente code(s), then the folder"),
        # Sweep 12: Flevoland was answered with Vlieland (the closest name), PV24 as no CBS region code.
        (["Flevoland", "x"], "'Flevoland' is a province: CBS's Kerncijfers wijken en buurten are per gemeente"),
        (["PV24", "x"], "'PV24' is a province"),
        (["GM0034", "Fryslân"], "'Fryslân' is a province"),
    ],
)
def test_nieuw_refuses_bad_codes_clearly_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], codes: list[str], named: str
) -> None:
    folder = tmp_path / "fout"
    args = ["nieuw", *codes, "--jaar", "2024"] + ([str(folder)] if len(codes) > 1 else [])
    assert cli.main(args) == cli.EXIT_INPUT
    assert named in capsys.readouterr().err
    assert not folder.exists()


def test_nieuw_still_refuses_unknown_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["nieuw", "GM0402", "--jaar", "2024", str(tmp_path), "--map"])
    assert "unrecognized arguments: --map" in capsys.readouterr().err


@needs_raw
@pytest.mark.parametrize(
    ("line", "said"),
    [
        ('gemeente = "Ermelo"', "gemeente: 'Ermelo' is a name; write its CBS code: \"GM0233\" (Ermelo)"),
        ('gemeenten = ["GM0402", "Ermelo"]', "gemeenten: 'Ermelo' is a name; write its CBS code: \"GM0233\" (Ermelo)"),
        ('gemeente = "Ermlo"', "'Ermlo' is a name, not a gemeente code (GM + 4 digits, e.g. \"GM0164\"); in the KWB"),
        ('gemeente = "GM02X3"', "'GM02X3' is not a CBS region code"),
    ],
)
def test_a_gemeente_written_by_its_name_in_project_toml_is_given_its_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, line: str, said: str
) -> None:
    # Sweep 12 places #13: gemeente = "Ermelo" was told the forms of wijk and buurt codes, not Ermelo's code.
    monkeypatch.setattr(settings, "data_dir", RAW.parent)
    (tmp_path / "project.toml").write_text(f'name = "x"\n{line}\nyear = 2020\n', encoding="utf-8")
    with pytest.raises(BuurtdataError) as refused:
        Project.load(tmp_path / "project.toml")
    assert said in str(refused.value)
