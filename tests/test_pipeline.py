"""The whole flow on the real Hengelo sample: values checked against CBS's own figures."""

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from buurtdata import datasets
from buurtdata.project import KwbFiles
from buurtdata.sources import cbs


def value(con, year, code, indicator):
    return con.execute(
        "select value, status from observations where year = ? and code = ? and indicator = ?",
        [year, code, indicator],
    ).fetchall()[0]


def test_population_matches_cbs(hengelo_run):
    con = hengelo_run.con
    assert value(con, 2024, "GM0164", "inwoners") == (83058, "waarde")
    assert value(con, 2020, "GM0164", "inwoners") == (81140, "waarde")
    assert value(con, 2024, "NL00", "inwoners") == (17942942, "waarde")
    assert value(con, 2020, "NL00", "inwoners") == (17407585, "waarde")


def test_profile_has_62_buurten_with_2024_population(hengelo_run):
    profile = hengelo_run.con.sql("select * from buurt_profile").df()
    assert len(profile) == 62
    assert profile["code"].str.match(r"^BU0164\d{4}$").all()
    assert (profile["year"] == 2024).all()
    assert profile["inwoners_status"].eq("waarde").all()
    centrum = profile.set_index("code").loc["BU01640000"]
    assert centrum["name"] == "Binnenstad-Centrum"
    assert centrum["wijk_name"] == "Wijk 00 Binnenstad"
    assert centrum["inwoners"] == 1170


def test_suppressed_values_stay_missing_with_status(hengelo_run):
    con = hengelo_run.con
    # The CBS file has an empty cell here: the WOZ value of a business park with 5 inhabitants is secret.
    raw = pd.read_parquet(datasets.get_path("hengelo/kwb2024_85984NED.parquet"))
    cell = raw.loc[raw["WijkenEnBuurten"].str.strip() == "BU01640500", "GemiddeldeWOZWaardeVanWoningen_39"]
    assert cell.isna().all()
    assert value(con, 2024, "BU01640500", "gemiddelde_woz") == (None, "geheim")
    # Topics CBS had not yet filled in the 2020 snapshot are 'ontbreekt' everywhere, never 0.
    assert value(con, 2020, "GM0164", "woningvoorraad") == (None, "ontbreekt")
    misread = con.sql("select count(*) from observations where (status = 'waarde') <> (value is not null)").fetchall()
    assert misread == [(0,)]
    statuses = dict(con.sql("select status, count(*) from observations where year = 2024 group by status").fetchall())
    assert statuses["geheim"] > 0


def test_shares_are_derived_from_counts(hengelo_run):
    con = hengelo_run.con
    share, status = value(con, 2024, "GM0164", "aandeel_65_plus")
    assert status == "waarde"
    assert share == pytest.approx(100 * 17327 / 83058)
    # A buurt of 5 residents (CBS rounds to multiples of 5) gets no share, but a status saying why.
    assert value(con, 2024, "BU01640606", "aandeel_65_plus") == (None, "te_klein")
    assert value(con, 2024, "BU01640705", "aandeel_65_plus") == (None, "niet_van_toepassing")


def test_regions_and_indicator_titles(hengelo_run):
    con = hengelo_run.con
    levels = dict(con.sql("select level, count(*) from regions where year = 2024 group by level").fetchall())
    assert levels == {"land": 1, "gemeente": 1, "wijk": 10, "buurt": 62}
    postcode = con.sql("select postcode from regions where year = 2024 and code = 'BU01640000'").fetchall()
    assert postcode == [("7551",)]
    titles = dict(
        con.sql(
            "select year || ':' || indicator, title from indicators where indicator in ('inwoners', 'gemiddelde_woz')"
        ).fetchall()
    )
    assert titles == {
        "2020:inwoners": "Aantal inwoners",
        "2024:inwoners": "Aantal inwoners",
        "2020:gemiddelde_woz": "Gemiddelde woningwaarde",
        "2024:gemiddelde_woz": "Gemiddelde WOZ-waarde van woningen",
    }


def test_buurten_geodataframe(hengelo_run):
    buurten = hengelo_run.buurten
    assert len(buurten) == 62
    assert buurten.crs.to_epsg() == 28992
    assert buurten.geometry.notna().all() and buurten.geometry.is_valid.all()
    assert buurten.set_index("code").loc["BU01640000", "inwoners"] == 1170
    # The polygons cover the gemeente's 6,183 ha (KWB 2024 OppervlakteTotaal) within 1 %.
    assert buurten.geometry.area.sum() / 10_000 == pytest.approx(6183, rel=0.01)


def test_sentinels_become_statuses(tmp_path):
    """CBS sentinels in a table become statuses and never numbers."""
    data = pd.DataFrame(
        {
            "ID": [0, 1, 2],
            "WijkenEnBuurten": ["GM9999    ", "BU99990000", "BU99990001"],
            "SoortRegio_2": ["Gemeente  ", "Buurt     ", "Buurt     "],
            "AantalInwoners_5": [100, -99997, -99999999],
            "Leeg_6": [None, None, None],
            "MeestVoorkomendePostcode_7": [".", "9999", "9999"],
        }
    )
    properties = pd.DataFrame(
        {
            "Key": ["AantalInwoners_5", "Leeg_6"],
            "Type": ["Topic", "Topic"],
            "Datatype": ["Long", "Long"],
            "Title": ["Aantal inwoners", "Leeg"],
            "Unit": ["aantal", "aantal"],
            "Decimals": [0, 0],
            "Description": ["", ""],
        }
    )
    regions = pd.DataFrame({"Key": data["WijkenEnBuurten"], "Title": ["Proef", "A", "B"]})
    for name, frame in {"d": data, "p": properties, "r": regions}.items():
        frame.to_parquet(tmp_path / f"{name}.parquet")
    con = duckdb.connect()
    cbs.create_staging_tables(con)
    cbs.stage_kwb(
        con, KwbFiles(2099, "99999NED", tmp_path / "d.parquet", tmp_path / "p.parquet", tmp_path / "r.parquet")
    )
    rows = con.sql("select code, cbs_key, value, status from stg_kwb_observations order by all").fetchall()
    assert rows == [
        ("BU99990000", "AantalInwoners_5", None, "geheim"),
        ("BU99990000", "Leeg_6", None, "ontbreekt"),
        ("BU99990001", "AantalInwoners_5", None, "ontbreekt"),
        ("BU99990001", "Leeg_6", None, "ontbreekt"),
        ("GM9999", "AantalInwoners_5", 100.0, "waarde"),
        ("GM9999", "Leeg_6", None, "ontbreekt"),
    ]


def test_a_project_can_name_a_kwb_file_as_cbs_publishes_it(tmp_path, key):
    """[[kwb]] data = a CSV (titles, ';', BOM) without the OData Parquet trio: staged the same way."""
    import shutil

    from buurtdata import datasets, pipeline
    from buurtdata.project import Project

    sample = datasets.get_path("hengelo").parent
    shutil.copy(sample / "buurten.gpkg", tmp_path / "buurten.gpkg")
    shutil.copy(Path(__file__).parent / "fixtures" / "cbs" / "85984NED_hengelo.csv", tmp_path / "85984NED.csv")
    project_file = tmp_path / "project.toml"
    project_file.write_text(
        'name = "Hengelo uit een CBS-bestand"\ngemeente = "GM0164"\nyear = 2024\n\n'
        '[[kwb]]\nyear = 2024\ntable = "85984NED"\ndata = "85984NED.csv"\n\n'
        '[boundaries]\nyear = 2024\npath = "buurten.gpkg"\nlayer = "buurten"\n',
        encoding="utf-8",
    )
    result = pipeline.run(Project.load(project_file), key=key)
    inwoners = result.con.execute(
        "select value from observations where code = 'GM0164' and indicator = 'inwoners'"
    ).fetchall()[0][0]
    assert inwoners == 83058 and len(result.buurten) == 62


def test_a_gemeente_is_built_on_one_thread_and_the_connection_handed_back_as_duckdb_sets_it(hengelo_run):
    # Issue 19: a gemeente's small queries are built on one DuckDB thread; the caller gets the default back.
    default = duckdb.connect().execute("select current_setting('threads')").fetchall()
    assert hengelo_run.con.execute("select current_setting('threads')").fetchall() == default
