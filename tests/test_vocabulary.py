"""One vocabulary: every column the package hands out is in the README's glossary, and no old name survives.

Checked: every DuckDB table of the sample build, ``kerncijfers()`` (and its indicator metadata), the
catalogue, the GeoDataFrames of ``buurtdata.pipeline.link``, the GeoPackage layers the build writes, the seeds,
and the keys of the sample's project file.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pandas as pd
import pytest

import buurtdata
from buurtdata import _sql, datasets, pipeline
from buurtdata.outputs import build
from buurtdata.pipeline import link
from buurtdata.project import Project
from buurtdata.sources import cbs

README = Path(__file__).resolve().parents[1] / "README.md"

#: Names of an earlier dialect: none may be a column or key anywhere (``key`` was the indicator column).
BANNED = {
    "jaar",
    "region_code",
    "buurt_naam",
    "gemeente_naam",
    "wijk_naam",
    "tabel",
    "value_tekst",
    "gemeente_tekst",
    "nl_tekst",
    "index_tekst",
    "vraag",
    "key",
}
#: Columns holding CBS's raw data under CBS's own names: the fields of CBS's DataProperties kept in this seed.
CBS_RAW = {"kwb_properties.csv": {"id", "type", "datatype"}}


def _glossary() -> tuple[set[str], list[re.Pattern[str]]]:
    """Return the names in the first cell of each table row of the README's Glossary, and its ``<indicator>`` rules."""
    text = README.read_text(encoding="utf-8")
    section = re.search(r"^## Glossary\n(.*?)(?=^## )", text, re.MULTILINE | re.DOTALL)
    assert section, "README.md has no '## Glossary' section"
    names: set[str] = set()
    for line in section.group(1).splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")] if line.startswith("|") else []
        if cells and not set(cells[0]) <= set("-: "):
            names |= set(re.findall(r"`([^`]+)`", cells[0]))
    indicators = "|".join(sorted(_indicator_keys(), key=len, reverse=True))
    rules = [
        re.compile(re.escape(name).replace(re.escape("<indicator>"), f"(?:{indicators})"))
        for name in names
        if "<indicator>" in name
    ]
    return {name for name in names if "<" not in name}, rules


def _indicator_keys() -> set[str]:
    return set(pd.read_csv(_sql.pipelines_dir() / "seeds" / "indicators.csv")["indicator"])


def _missing(columns: dict[str, list[str]]) -> list[str]:
    """Return ``where.column`` for every column that is not in the glossary or is an old name."""
    names, rules = _glossary()
    assert names & BANNED == set(), "the glossary names an old column"
    return [
        f"{where}.{column}"
        for where, found in columns.items()
        for column in found
        if column in BANNED or (column not in names and not any(rule.fullmatch(column) for rule in rules))
    ]


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    project = Project.load(datasets.get_path("hengelo"))
    result = pipeline.run(project, key=b"test")
    yield result, tmp_path_factory.mktemp("vocabulary")
    result.con.close()


def test_glossary_parses_into_names_and_rules():
    names, rules = _glossary()
    assert {"year", "code", "indicator", "theme_status", "question", "value_text", "higher"} <= names
    assert any(rule.fullmatch("aandeel_65_plus_status") for rule in rules)
    assert not any(rule.fullmatch("onbekend_status") for rule in rules)


def test_every_duckdb_column_is_in_the_glossary(sample):
    result, _ = sample
    rows = result.con.sql(
        "select table_name, column_name from duckdb_columns() where not internal order by table_name, column_index"
    ).fetchall()
    columns: dict[str, list[str]] = {}
    for table, column in rows:
        columns.setdefault(table, []).append(column)
    assert {"regions", "observations", "buurt_profile", "buurt_signals", "project_settings"} <= set(columns)
    assert _missing(columns) == []


def test_every_geodataframe_and_geopackage_column_is_in_the_glossary(sample):
    import geopandas as gpd
    import pyogrio

    result, folder = sample
    frames = {
        "link.buurt_frame": result.buurten,
        "link.theme_frame": result.themes,
        "link.comparison_frame": link.comparison_frame(result.con, result.boundaries),
        "link.signals": link.signals(result.con),
        "link.quotes": link.quotes(result.con),
        "boundaries": result.boundaries,
        "placement": result.placement,
        "unplaced": result.unplaced,
    }
    columns = {where: list(frame.columns) for where, frame in frames.items()}
    gpkg = build._write_geopackage(result, folder / "buurten.gpkg")
    layers = [name for name, _ in pyogrio.list_layers(gpkg)]
    assert layers == ["buurten", "buurt_themes"]
    for layer in layers:
        columns[f"buurten.gpkg:{layer}"] = list(gpd.read_file(gpkg, layer=layer).columns)
    assert _missing(columns) == []


def test_kerncijfers_and_catalogue_columns_are_in_the_glossary():
    frame = buurtdata.kerncijfers(2024, gemeente="GM0164", source=datasets.get_path("hengelo/kwb2024_85984NED.parquet"))
    columns = {
        "kerncijfers()": list(frame.columns),
        "kerncijfers().attrs['indicators']": list(cbs.indicator_metadata(frame).columns),
        "catalogue()": list(cbs.catalogue().columns),
    }
    assert _missing(columns) == []


def test_seed_columns_are_in_the_glossary():
    seeds = sorted((_sql.pipelines_dir() / "seeds").glob("*.csv"))
    columns = {
        seed.name: [c for c in pd.read_csv(seed, nrows=0).columns if c not in CBS_RAW.get(seed.name, set())]
        for seed in seeds
    }
    assert set(columns) >= {"indicators.csv", "indicator_catalogue.csv", "kwb_short_names.csv", "kwb_properties.csv"}
    assert _missing(columns) == []


def test_project_file_keys_are_in_the_glossary():
    raw = tomllib.loads(datasets.get_path("hengelo").read_text(encoding="utf-8"))
    keys: dict[str, list[str]] = {"top level": list(raw)}
    for section, value in raw.items():
        for number, entry in enumerate(value if isinstance(value, list) else [value]):
            if isinstance(entry, dict):
                keys[f"{section}[{number}]"] = list(entry)
    assert "higher" in keys["links[0]"]
    assert _missing(keys) == []


def test_the_old_links_key_indicators_is_named_as_renamed(tmp_path):
    from buurtdata._errors import InputFileError, ValidationError

    text = datasets.get_path("hengelo").read_text(encoding="utf-8")
    old = text.replace('theme = "Jongeren"\nhigher = ', 'theme = "Jongeren"\nindicators = ')
    assert old != text
    path = tmp_path / "project.toml"
    path.write_text(old, encoding="utf-8")
    renamed = r"\[\[links\]\] #3: key 'indicators' is now called 'higher'"
    with pytest.raises((InputFileError, ValidationError), match=renamed):
        Project.load(path)


def test_an_old_name_is_caught():
    assert _missing({"observations": ["jaar", "region_code", "value"], "buurt_signals": ["vraag"]}) == [
        "observations.jaar",
        "observations.region_code",
        "buurt_signals.vraag",
    ]
