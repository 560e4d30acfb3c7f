"""A project ``name`` left over from another project (the Hengelo sample's) is warned of: it is printed on the maps
and the report of another gemeente (sweep 12 places #18). No warning for a name of the project's own gemeente, in
any of the forms a team writes it."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

from buurtdata import datasets, pipeline
from buurtdata.pipeline.project_name import ProjectNameWarning, foreign
from buurtdata.project import Project

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
KWB2020 = RAW / "kwb2020-84799NED-statlinebq" / "84799NED"
KWB2024 = RAW / "kwb2024-85984NED-dertje" / "85984NED.csv"
ERMELO = RAW / "wijkenbuurten2021-ermelo-gpkg-tauvic" / "CBS_buurten.gpkg"
NATIONAL_BUURTEN = RAW / "buurten-powerbi-emielsanders" / "buurten.json"

needs_raw = pytest.mark.skipif(
    not all(path.exists() for path in (KWB2020, KWB2024, ERMELO, NATIONAL_BUURTEN)), reason="data/raw is not here"
)


def _told(folder: Path, text: str) -> list[str]:
    """The project-name warnings of a build of ``text`` (a project.toml)."""
    (folder / "project.toml").write_text(text, encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pipeline.run(Project.load(folder / "project.toml"), key=b"test").con.close()
    return [str(w.message) for w in caught if issubclass(w.category, ProjectNameWarning)]


def _ermelo(name: str) -> str:
    # The sweep's project: Ermelo's KWB 2020 (the national TypedDataSet alone) on its own 2021 GeoPackage.
    data = (KWB2020 / "cbs.v3.84799NED_TypedDataSet.parquet").as_posix()
    return (
        f'name = "{name}"\ngemeente = "GM0233"\nyear = 2020\n[[kwb]]\nyear = 2020\ntable = "84799NED"\n'
        f'data = "{data}"\n[boundaries]\nyear = 2021\npath = "{ERMELO.as_posix()}"\nlayer = "CBS_Buurten"\n'
    )


def _hilversum(name: str, gemeenten: str = 'gemeente = "GM0402"') -> str:
    # KWB 2024 of several gemeenten (Amsterdam, Hilversum, Hengelo among them) on the national polygons.
    return (
        f'name = "{name}"\n{gemeenten}\nyear = 2024\n[[kwb]]\nyear = 2024\ntable = "85984NED"\n'
        f'data = "{KWB2024.as_posix()}"\n[boundaries]\nyear = 2024\npath = "{NATIONAL_BUURTEN.as_posix()}"\n'
    )


@needs_raw
def test_the_samples_name_on_ermelo_is_warned_of_though_the_file_holds_ermelo_alone(tmp_path: Path) -> None:
    told = _told(tmp_path, _ermelo("Hengelo (O.), buurtgesprekken"))
    assert told == [
        "name = 'Hengelo (O.), buurtgesprekken' names Hengelo (O.) (GM0164), but the project's gemeente is GM0233 "
        "Ermelo. The name is printed on the maps and the report; left over from another project (the Hengelo "
        "sample)? Change name in project.toml."
    ]
    assert _told(tmp_path, _ermelo("Ermelo, buurtgesprekken")) == []


@needs_raw
def test_a_gemeente_of_the_kwb_file_is_warned_of_and_the_projects_own_in_any_form_is_not(tmp_path: Path) -> None:
    (told,) = _told(tmp_path, _hilversum("Amsterdam, buurtgesprekken"))
    assert "names Amsterdam (GM0363), but the project's gemeente is GM0402 Hilversum" in told
    assert _told(tmp_path, _hilversum("Buurtgesprek Hilversum-Oost, 2024")) == []
    assert _told(tmp_path, _hilversum("Hilversum en Hengelo", 'gemeenten = ["GM0402", "GM0164"]')) == []
    # A Hengelo that is no gemeente: the village of Bronckhorst, its province in brackets.
    assert _told(tmp_path, _hilversum("Hilversum, met Hengelo (Gld.) erbij")) == []


def test_the_sample_itself_is_not_warned_of() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pipeline.run(Project.load(datasets.get_path("hengelo")), key=b"test").con.close()
    assert not [w for w in caught if issubclass(w.category, ProjectNameWarning)]


@needs_raw
def test_no_gemeente_of_the_country_is_warned_of_under_its_own_name() -> None:
    regions = pd.read_parquet(KWB2020 / "cbs.v3.84799NED_WijkenEnBuurten.parquet", columns=["Key", "Title"])
    rows = regions[regions["Key"].str.strip().str.startswith("GM")]
    known = {key.strip(): [title.strip()] for key, title in zip(rows["Key"], rows["Title"], strict=True)}
    assert len(known) == 355  # Midden-Groningen and Groningen, Bergen op Zoom, Súdwest-Fryslân, 's-Gravenhage ...
    forms = ("{}, buurtgesprekken", "Buurtgesprekken {}-Noord", "Wijkteam {} Centrum 2024", "Gemeente {}")
    wrong = {
        (code, form): said
        for code, (name,) in known.items()
        for form in forms
        if (said := foreign(form.format(name), [code], known))
    }
    assert wrong == {}
    # Another gemeente is named; an everyday word that is a gemeente's name too (Buren, Best, Putten) is not.
    assert foreign("Ermelo, Putten en Harderwijk", ["GM0233"], known) == {"GM0243": "Harderwijk"}
    assert foreign("De Buren van Ermelo: Best Practices", ["GM0233"], known) == {}
