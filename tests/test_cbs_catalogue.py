"""Indicator catalogue shape and CBS's short-named kwb-YYYY downloads, offline on real CBS rows."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from buurtdata import _sql, settings
from buurtdata._errors import InputFileError
from buurtdata.project import KwbFiles
from buurtdata.sources import cbs
from buurtdata.sources.cbs import indicators

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "cbs"
SHORT_2024 = FIXTURES / "kwb-2024_hengelo.csv"
KEYS_2024 = FIXTURES / "85984NED_hengelo.csv"


def test_each_catalogued_year_maps_keys_one_to_one():
    measured = cbs.catalogue().dropna(subset=["cbs_key"])
    assert not measured.duplicated(["indicator", "year"]).any(), "a stable key has two CBS keys in one year"
    assert not measured.duplicated(["cbs_key", "year"]).any(), "a CBS key stands for two stable keys in one year"
    assert measured["cbs_key"].str.fullmatch(r"\w+").all()


def test_short_names_point_at_catalogued_concepts():
    names = pd.read_csv(_sql.pipelines_dir() / "seeds" / "kwb_short_names.csv")
    assert not names.duplicated(["year", "short_name"]).any()
    assert not names.duplicated(["year", "indicator"]).any()
    for year in names["year"].unique():
        assert len(cbs.short_names(int(year))) == (names["year"] == year).sum()


def test_short_named_download_reads_like_the_file_with_cbs_keys():
    short = cbs.read_kerncijfers(SHORT_2024)
    keyed = cbs.read_kerncijfers(KEYS_2024)
    assert set(short["indicator"]) == set(cbs.short_names(2024).values())
    both = short.merge(keyed, on=["year", "code", "indicator"], suffixes=("", "_keys"), validate="one_to_one")
    assert len(both) == len(short) == 6 * len(cbs.short_names(2024))
    pd.testing.assert_series_equal(both["value"], both["value_keys"], check_names=False)
    assert (both["status"] == both["status_keys"]).all()
    assert (both["name"] == both["name_keys"]).all()
    assert "not read (not in pipelines/seeds/kwb_short_names.csv): a_man, a_vrouw, p_huurw" in short.attrs["read_as"]


def test_short_named_download_gives_stable_keys_and_statuses():
    frame = cbs.kerncijfers(2024, gemeente="GM0164", level="gemeente", source=SHORT_2024)
    values = frame.set_index("indicator")
    assert values.at["inwoners", "value"] == 83058
    assert values.at["gemiddelde_woz", "value"] == 306
    assert round(values.at["aandeel_65_plus", "value"], 1) == 20.9
    # CBS writes '.' where a figure is not there; a_soz_wb is empty for every row of this 2024 snapshot.
    assert values.at["bijstand", "status"] == "ontbreekt" and pd.isna(values.at["bijstand", "value"])


def test_short_named_xlsx_as_cbs_names_it(tmp_path):
    table = pd.read_csv(SHORT_2024, sep=";", dtype=str, keep_default_na=False)
    path = tmp_path / "kwb-2024.xlsx"
    table.to_excel(path, index=False)
    frame = cbs.read_kerncijfers(path)
    assert frame.query("code == 'BU01640001' and indicator == 'AantalInwoners_5'")["value"].tolist() == [785.0]
    assert "read as Excel" in frame.attrs["read_as"]


def test_short_named_download_stages_cbs_indeling_flag(tmp_path):
    # ind_wbi is CBS's short name of the Indelingswijziging flag (IND_WBI in the wijk- en buurtkaart): validation
    # names a buurt flagged 2 or 3 as renumbered since the polygons' year, not as a typo.
    table = pd.read_csv(SHORT_2024, sep=";", dtype=str, keep_default_na=False)
    table.loc[table["gwb_code_10"] == "BU01640001", "ind_wbi"] = "3"
    path = tmp_path / "kwb-2024.csv"
    table.to_csv(path, sep=";", index=False)
    con = duckdb.connect()
    cbs.create_staging_tables(con)
    cbs.stage_kwb(con, KwbFiles(year=2024, table="85984NED", data=path), catalogued_only=True)
    flags = dict(con.sql("select code, indeling_change from stg_kwb_regions").fetchall())
    assert flags["BU01640001"] == "3"
    assert flags["GM0164"] == "1"
    assert flags["NL00"] is None  # CBS's '.': no flag for the country


def test_short_named_download_of_a_year_without_short_names_says_what_to_add(tmp_path):
    path = tmp_path / "kwb-2019.csv"
    path.write_text("gwb_code_10;regio;a_inw\nGM0164;Hengelo (O.);81140\n", encoding="utf-8")
    with pytest.raises(InputFileError) as refused:
        cbs.read_kerncijfers(path)
    # Sweep 12 places #9: it asked a social professional to edit a seed inside the installed package.
    said = str(refused.value)
    assert "are known to buurtdata for 2024 only" in said and "read as KWB 2019" in said
    assert "Download table 84583NED from StatLine instead" in said and "dataset/84583NED/table" in said
    assert "add the short names" not in said


class Offline:
    def get(self, url, params):
        raise AssertionError(f"no network in this test: {url}")


def test_2018_2019_and_2020_in_one_call_with_stable_keys(tmp_path, monkeypatch):
    # Real Groningen rows of 84286NED and 84583NED (see README.md), kept as CBS downloads are kept under data/raw.
    for year, table in [(2018, "84286NED"), (2019, "84583NED")]:
        folder = tmp_path / "raw" / f"kwb{year}-{table}"
        folder.mkdir(parents=True)
        (folder / f"{table}.csv").write_bytes((FIXTURES / f"{table}_groningen.csv").read_bytes())
    (tmp_path / "raw" / "kwb2020-84799NED-statlinebq").symlink_to(ROOT / "data" / "raw" / "kwb2020-84799NED-statlinebq")
    monkeypatch.setattr(settings, "data_dir", tmp_path)
    monkeypatch.setattr(settings, "cache_dir", tmp_path / "cache")
    frame = cbs.kerncijfers(
        [2018, 2019, 2020],
        gemeente="GM0014",
        level="gemeente",
        transport=Offline(),
        indicators=["inwoners", "inwoners_65_plus", "gemiddelde_huishoudensgrootte", "aandeel_65_plus"],
    )
    table = cbs.wide(frame).set_index("year")
    assert table["inwoners"].to_dict() == {2018: 202810, 2019: 231299, 2020: 232874}
    assert table.at[2019, "aandeel_65_plus"] == pytest.approx(100 * 33349 / 231299)
    assert table["gemiddelde_huishoudensgrootte"].loc[[2018, 2019]].tolist() == [1.6, 1.7]
    metadata = cbs.indicator_metadata(frame).set_index(["indicator", "year"])
    assert metadata.loc[("inwoners_65_plus", 2019), "cbs_key"] == "k_65JaarOfOuder_12"
    # These files carry no DataProperties: their titles are unknown, which is no reason for IndicatorChangedWarning.
    assert metadata.loc[("inwoners", 2020), "title"] == "Aantal inwoners"


def test_a_changed_title_between_catalogued_years_warns():
    metadata = pd.DataFrame(
        {
            "indicator": "inwoners",
            "year": [2019, 2020, 2024],
            "cbs_key": "AantalInwoners_5",
            "title": ["AantalInwoners_5", "Aantal inwoners", "Inwoners"],
        }
    )
    with pytest.warns(cbs.IndicatorChangedWarning, match=r"'inwoners'.*2020: 'Aantal inwoners'; 2024: 'Inwoners'"):
        indicators.warn_on_changed_titles(metadata)


def test_auto_finds_cbs_download_kept_under_data_raw(tmp_path, monkeypatch):
    folder = tmp_path / "raw" / "kwb2024-85984NED"
    folder.mkdir(parents=True)
    (folder / "kwb-2024.csv").write_bytes(SHORT_2024.read_bytes())
    monkeypatch.setattr(settings, "data_dir", tmp_path)
    frame = cbs.kerncijfers(2024, gemeente="GM0164", level="wijk", indicators=["inwoners"], transport=Offline())
    assert frame.attrs["read_as"][0].startswith(str(folder / "kwb-2024.csv"))
    assert frame[["code", "value"]].to_numpy().tolist() == [["WK016400", 3010.0]]


#: The real key list of each KWB table kept in this repository (CBS metadata or real rows), by year.
RAW = ROOT / "data" / "raw"


def _real_key_lists() -> dict[int, set[str]]:
    import json

    lists = pd.read_csv(RAW / "kwb2022-2023-rows-tjebbehb" / "keys_2022_2023.csv")
    measures = json.loads((FIXTURES / "odata4" / "MeasureCodes_1.json").read_text(encoding="utf-8"))["value"]
    return {
        2017: {m["Identifier"] for m in measures},
        # The recorded CBS answers of 2018 and 2019 hold three columns each.
        2018: set(pd.read_csv(FIXTURES / "84286NED_groningen.csv", sep=";", nrows=0).columns),
        2019: set(pd.read_csv(FIXTURES / "84583NED_groningen.csv", sep=";", nrows=0).columns),
        2020: set(
            pd.read_parquet(
                RAW / "kwb2020-84799NED-statlinebq" / "84799NED" / "cbs.v3.84799NED_DataProperties.parquet"
            )["Key"]
        ),
        2022: set(lists["key_2022_85318NED"].dropna()),
        2023: set(lists["key_2023_85618NED"].dropna()),
        2024: set(
            pd.read_csv(RAW / "kwb2024-85984NED-dertje" / "85984NED.csv", sep=";", nrows=0, encoding="utf-8-sig")
        ),
    }


def _stem(key: str) -> str:
    return key.rsplit("_", 1)[0]


def test_every_year_2015_to_2025_is_catalogued_and_says_how_each_key_is_known():
    measured = cbs.catalogue().dropna(subset=["cbs_key"])
    assert set(range(2015, 2026)) <= set(measured["year"])
    assert set(measured["evidence"]) == {"confirmed", "inferred"}


def test_confirmed_keys_are_in_the_real_key_list_of_their_table():
    measured = cbs.catalogue().dropna(subset=["cbs_key"])
    lists = _real_key_lists()
    confirmed = measured[measured["evidence"] == "confirmed"]
    assert set(confirmed["year"]) <= set(lists)
    for row in confirmed.itertuples():
        assert row.cbs_key in lists[row.year], (row.indicator, row.year, row.cbs_key)
    # A year whose table has a full key list here infers nothing; 2018 and 2019 have three columns only.
    inferred = measured[measured["evidence"] == "inferred"]
    assert not set(inferred["year"]) & {2017, 2020, 2022, 2023, 2024}


def test_inferred_keys_follow_the_stem_and_position_of_confirmed_neighbours():
    measured = cbs.catalogue().dropna(subset=["cbs_key"])
    confirmed = measured[measured["evidence"] == "confirmed"]
    keys = {(r.indicator, r.year): r.cbs_key for r in confirmed.itertuples()}
    for row in measured[measured["evidence"] == "inferred"].itertuples():
        # The same key (stem and position) for the same concept in a year with a real key list ...
        same = [y for (i, y), k in keys.items() if i == row.indicator and k == row.cbs_key]
        assert same, (row.indicator, row.year, row.cbs_key)
        # ... and never a stem that a confirmed year gives another concept.
        others = {i for (i, _), k in keys.items() if _stem(k) == _stem(row.cbs_key) and i != row.indicator}
        assert not others, (row.indicator, row.year, others)
    # 2021 lies between 2020 and 2022: a key is inferred only where both neighbours have it.
    for row in measured[(measured["evidence"] == "inferred") & (measured["year"] == 2021)].itertuples():
        assert keys[(row.indicator, 2020)] == keys[(row.indicator, 2022)] == row.cbs_key
    # 2018 and 2019: 2020's keys up to position 32, the last the recorded CBS answer confirms at 2020's position.
    for year in (2018, 2019):
        rows = measured[measured["year"] == year]
        assert (rows["cbs_key"].str.rsplit("_", n=1).str[1].astype(int) <= 32).all()
        assert all(keys[(r.indicator, 2020)] == r.cbs_key for r in rows.itertuples())
