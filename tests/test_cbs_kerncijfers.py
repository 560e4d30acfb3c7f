"""kerncijfers(): every year, every source, one tidy frame; offline, replaying recorded CBS responses."""

from __future__ import annotations

import json
import urllib.error
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from buurtdata import _http, codes, datasets, settings
from buurtdata._errors import CodeError, DataNotAvailableError, InputFileError
from buurtdata.sources import cbs

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "cbs"
RAW = ROOT / "data" / "raw"
CSV_2024_RAW = RAW / "kwb2024-85984NED-dertje" / "85984NED.csv"
PARQUET_2020_RAW = RAW / "kwb2020-84799NED-statlinebq" / "84799NED" / "cbs.v3.84799NED_TypedDataSet.parquet"
SAMPLE_2024 = datasets.get_path("hengelo/kwb2024_85984NED.parquet")
HTML = b"<!DOCTYPE html><html><body>De opgevraagde tabel bestaat niet</body></html>"


class Replay:
    """A transport that answers from recorded pages (OData v3 in odata/, v4 in odata4/) and logs the requests."""

    def __init__(self, folder: str) -> None:
        self.folder = FIXTURES / folder
        self.index = json.loads((self.folder / "index.json").read_text(encoding="utf-8"))
        self.requests: list[str] = []

    def get(self, url, params):
        full = _http.full_url(url, params)
        self.requests.append(full)
        return 200, "application/json", (self.folder / self.index[full]).read_bytes()


class Canned:
    def __init__(self, status=200, content_type="application/json", body=b"{}", error=None) -> None:
        self.answer, self.error = (status, content_type, body), error

    def get(self, url, params):
        if self.error is not None:
            raise self.error
        return self.answer


OFFLINE = Canned(error=urllib.error.URLError("[Errno -3] Temporary failure in name resolution"))


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "cache_dir", tmp_path / "cache")
    monkeypatch.setattr(settings, "data_dir", tmp_path / "data")


def value(frame, code, indicator, year=None):
    rows = frame[(frame["code"] == code) & (frame["indicator"] == indicator)]
    if year is not None:
        rows = rows[rows["year"] == year]
    return rows[["value", "status"]].to_numpy().tolist()


def test_read_kerncijfers_2024_csv_and_2020_parquet_agree_on_hengelo():
    new = cbs.read_kerncijfers(CSV_2024_RAW, gemeente="GM0164")
    old = cbs.read_kerncijfers(PARQUET_2020_RAW, gemeente="GM0164")
    assert set(new["code"]) == set(old["code"])
    assert len(set(new["code"])) == 74  # NL00, GM0164, 10 wijken, 62 buurten
    assert value(new, "GM0164", "AantalInwoners_5") == [[83058.0, "waarde"]]
    assert value(old, "GM0164", "AantalInwoners_5") == [[81140.0, "waarde"]]
    assert "cp1252" not in new.attrs["read_as"] and "Parquet" in old.attrs["read_as"]
    # The 2020 snapshot has no housing figures at all: empty everywhere is 'ontbreekt', never 0.
    [[number, status]] = value(old, "BU01640000", "Woningvoorraad_34")
    assert pd.isna(number) and status == "ontbreekt"


def cells(frame: pd.DataFrame) -> list[list]:
    return frame.astype(object).where(frame.notna(), None).to_numpy().tolist()


def test_replayed_multi_page_v3_feed_gives_exactly_the_rows_of_the_2020_parquet():
    replay = Replay("odata")
    feed = cbs.typed_data_set(cbs.KWB_2020, gemeente="GM0164", transport=replay)
    parquet = pd.read_parquet(PARQUET_2020_RAW)
    code = parquet["WijkenEnBuurten"].str.strip()
    parquet = parquet[(code == "NL00") | (code.str[2:6] == "0164")].reset_index(drop=True)
    assert len(feed) == len(parquet) == 74
    assert list(feed.columns) == list(parquet.columns)
    assert cells(feed) == cells(parquet)
    assert sum("84799NED/TypedDataSet" in url and "$skip=" in url for url in replay.requests) == 2
    # The same through kerncijfers: the feed and the file give the same tidy frame.
    online = cbs.kerncijfers(2020, gemeente="GM0164", source="odata3", transport=replay)
    offline = cbs.kerncijfers(2020, gemeente="GM0164", source=PARQUET_2020_RAW)
    pd.testing.assert_frame_equal(online, offline)
    assert value(online, "GM0164", "inwoners") == [[81140.0, "waarde"]]


def test_replayed_v3_feed_gives_the_rows_of_the_parquet_source():
    replay = Replay("odata")
    online = cbs.kerncijfers(2024, gemeente="GM0164", source="odata3", transport=replay)
    offline = cbs.kerncijfers(2024, gemeente="GM0164", source=SAMPLE_2024)
    offline = offline[offline["code"].isin(set(online["code"]))].reset_index(drop=True)
    assert len(online) == len(offline) > 0
    pd.testing.assert_frame_equal(online, offline)
    assert sum("$skip=" in url for url in replay.requests) == 4  # DataProperties 1, TypedDataSet 2, WijkenEnBuurten 1


def test_replayed_v4_observations_stage_like_the_v3_values_they_reshape():
    replay = Replay("odata4")
    v4 = cbs.kerncijfers(2017, gemeente="0164", source="odata4", transport=replay)
    assert sum("@" in url or "$skip=" in url for url in replay.requests) == 2  # two @odata.nextLink pages
    assert v4.attrs["read_as"] == [
        "KWB 2017: table 83765NED, OData v4 https://odata4.cbs.nl/CBS/83765NED (or its cache)"
    ]
    names = dict(zip(v4["code"], v4["name"], strict=False))
    assert names["WK016400"] == "Wijk 00 Binnenstad" and names["GM0164"] == "Hengelo"
    # The fixture's Observations are KWB 2020 v3 values (see tests/fixtures/cbs/README.md): the v4 path must give them
    # back.
    # The sample's 2020 file holds the same Hengelo rows as the national Parquet, and stages faster.
    v3 = cbs.kerncijfers(2020, gemeente="GM0164", source=datasets.get_path("hengelo/kwb2020_84799NED.parquet"))
    v3 = v3[v3["code"].isin(set(v4["code"])) & v3["indicator"].isin(set(v4["indicator"]))]
    columns = ["code", "indicator", "value", "status"]
    pd.testing.assert_frame_equal(v4[columns].reset_index(drop=True), v3[columns].reset_index(drop=True))
    metadata = cbs.indicator_metadata(v4).set_index("indicator")
    assert metadata.loc["inwoners", "cbs_key"] == "T001036"
    assert metadata.loc["inwoners_0_15", "description"] == "Aantal inwoners dat op 1 januari 0 tot 15 jaar oud is."


def test_v4_value_attributes_become_statuses():
    con = duckdb.connect()
    cbs.create_staging_tables(con)
    properties = pd.DataFrame(
        {
            "Key": ["T001036"],
            "Type": ["Topic"],
            "Datatype": ["Long"],
            "Title": ["Aantal inwoners"],
            "Unit": ["aantal"],
            "Decimals": [0],
            "Description": [""],
        }
    )
    regions = pd.DataFrame({"Key": ["NL00", "GM0164", "WK016400"], "Title": ["Nederland", "Hengelo", "Wijk 00"]})
    # Only the statuses are under test here, so no figure is needed: every Value is empty.
    cells = pd.DataFrame(
        {
            "WijkenEnBuurten": ["NL00", "GM0164", "WK016400"],
            "Measure": "T001036",
            "Value": [None, None, None],
            "ValueAttribute": ["None", "Confidential", "Impossible"],
        }
    ).astype({"Value": "float64"})
    cbs.stage_frames(con, 2017, cbs.KWB_2017, observations=cells, properties=properties, regions=regions)
    rows = con.sql("select code, value, status from stg_kwb_observations order by code").fetchall()
    assert rows == [("GM0164", None, "geheim"), ("NL00", None, "ontbreekt"), ("WK016400", None, "niet_van_toepassing")]


def test_several_years_in_one_call_with_stable_keys_and_derived_shares(monkeypatch):
    monkeypatch.setattr(settings, "data_dir", ROOT / "data")
    with pytest.warns(
        cbs.IndicatorChangedWarning,
        match=r"'gemiddelde_woz'.*2020: 'Gemiddelde woningwaarde'; 2024: 'Gemiddelde WOZ-waarde van woningen'",
    ):
        frame = cbs.kerncijfers([2020, 2024], gemeente="GM0164    ", level=["gemeente", "buurt"], transport=OFFLINE)
    assert list(frame.columns) == cbs.KERNCIJFERS_COLUMNS
    assert frame.attrs["read_as"][0].startswith(str(PARQUET_2020_RAW))
    assert frame.attrs["read_as"][1].startswith(str(CSV_2024_RAW))
    assert set(frame["level"]) == {"gemeente", "buurt"}
    assert frame.groupby("year")["code"].nunique().to_dict() == {2020: 63, 2024: 63}
    assert value(frame, "GM0164", "inwoners", 2020) == [[81140.0, "waarde"]]
    assert value(frame, "GM0164", "inwoners", 2024) == [[83058.0, "waarde"]]
    # Woningvoorraad_34 in 2020 and Woningvoorraad_35 in 2024 are one key.
    metadata = cbs.indicator_metadata(frame).set_index(["indicator", "year"])
    assert metadata.loc[("woningvoorraad", 2020), "cbs_key"] == "Woningvoorraad_34"
    assert metadata.loc[("woningvoorraad", 2024), "cbs_key"] == "Woningvoorraad_35"
    assert metadata.loc[("inwoners", 2024), ["title", "unit", "decimals"]].tolist() == ["Aantal inwoners", "aantal", 0]
    # Herkomst was redesigned in 2024: new concepts with their own keys, not a silent continuation.
    assert set(frame.loc[frame["indicator"].str.startswith("herkomst_"), "year"]) == {2024}
    assert set(frame.loc[frame["indicator"].str.startswith("migratieachtergrond_"), "year"]) == {2020}
    # A share is 100 * count / denominator of the same buurt, not an average of CBS percentages.
    table = cbs.wide(frame, status=True).set_index(["year", "code"])
    buurten = table[table["level"] == "buurt"]
    shown = buurten[buurten["aandeel_65_plus_status"] == "waarde"]
    assert len(shown) > 50
    expected = 100 * shown["inwoners_65_plus"] / shown["inwoners"]
    pd.testing.assert_series_equal(shown["aandeel_65_plus"], expected, check_names=False)
    assert set(buurten.loc[buurten["inwoners"] < 50, "aandeel_65_plus_status"]) <= {
        "te_klein",
        "geheim",
        "niet_van_toepassing",
    }
    assert set(buurten.loc[buurten["inwoners"] == 0, "aandeel_65_plus_status"]) == {"niet_van_toepassing"}
    assert table.loc[(2024, "GM0164"), "name"] == "Hengelo (O.)" and table.loc[(2020, "GM0164"), "name"] == "Hengelo"


def test_auto_offline_and_nothing_cached_says_what_to_download_and_where():
    with pytest.raises(DataNotAvailableError) as caught:
        cbs.kerncijfers(2024, gemeente="GM0164", transport=OFFLINE)
    message = str(caught.value)
    assert "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/85984NED/table" in message
    assert str(Path(settings.data_dir) / "raw" / "kwb2024-85984NED" / "85984NED.csv") in message
    assert "Temporary failure in name resolution" in message


def test_auto_answers_from_the_cache_when_offline():
    cbs.kerncijfers(2024, gemeente="GM0164", source="odata3", transport=Replay("odata"))
    frame = cbs.kerncijfers(2024, gemeente="GM0164", indicators=["inwoners"], level="gemeente", transport=OFFLINE)
    assert value(frame, "GM0164", "inwoners") == [[83058.0, "waarde"]]


def test_unknown_table_ids_are_clear_errors():
    with pytest.raises(DataNotAvailableError, match="No KWB table id is known for 2031.*table='...'"):
        cbs.kerncijfers(2031, transport=OFFLINE)
    with pytest.raises(DataNotAvailableError, match="'85984' is not a CBS table id; ids are 5 digits and NED"):
        cbs.kerncijfers(2024, table="85984", transport=OFFLINE)
    missing = Canned(status=404, content_type="text/html; charset=utf-8", body=HTML)
    with pytest.raises(
        _http.ResponseError,
        match=r"99999NED/DataProperties\?\$format=json answered with an HTML page.*Check the table id",
    ):
        cbs.kerncijfers(2026, table="99999NED", source="odata3", transport=missing)
    with pytest.raises(_http.ResponseError, match="83765NED/MeasureCodes answered with an HTML page"):
        cbs.kerncijfers(2017, source="odata4", transport=missing)


def test_a_file_of_another_year_is_refused():
    with pytest.raises(
        DataNotAvailableError, match=r"named after table 84799NED \(KWB 2020\), but KWB 2024 is table 85984NED"
    ):
        cbs.kerncijfers(2024, source=PARQUET_2020_RAW)


def test_truncated_json_page_is_a_clear_error():
    page = (FIXTURES / "odata" / "DataProperties_1.json").read_bytes()
    with pytest.raises(_http.ResponseError, match="does not parse.*cut off. Try again"):
        cbs.kerncijfers(2024, source="odata3", transport=Canned(body=page[:2000]))


def test_unknown_gemeente_says_how_to_find_the_code():
    with pytest.raises(
        DataNotAvailableError, match=r"GM0999 is not in KWB 2020; it holds 355 gemeenten.*gemeentelijke-indelingen-per"
    ):
        cbs.kerncijfers(2020, gemeente="GM0999", source=PARQUET_2020_RAW)
    with pytest.raises(DataNotAvailableError, match=r"GM0999 is not in KWB 2024; it holds a selection of 1 gemeente"):
        cbs.kerncijfers(2024, gemeente="GM0999", source=FIXTURES / "85984NED_hengelo.csv")
    # A name the file does not hold is refused with what the file holds (tests/test_gemeente_names.py: names).
    with pytest.raises(CodeError, match=r"'Hilversum' is no gemeente name in .*85984NED_hengelo.csv: it holds a sel"):
        cbs.kerncijfers(2024, gemeente="Hilversum", source=FIXTURES / "85984NED_hengelo.csv")
    with pytest.raises(
        DataNotAvailableError,
        match="indicators \\['inwoners_totaal'\\] are not in the catalogue; known keys: aandeel_0_15",
    ):
        cbs.kerncijfers(2024, indicators=["inwoners_totaal"], source=FIXTURES / "85984NED_hengelo.csv")


def test_cp1252_file_read_as_utf8_names_the_fix(tmp_path):
    text = (
        (FIXTURES / "85984NED_hengelo.csv")
        .read_text(encoding="utf-8-sig")
        .replace("Binnenstad-Centrum", "Binnenstad-Centrum café")
    )
    path = tmp_path / "85984NED.csv"
    path.write_bytes(text.encode("cp1252"))
    with pytest.raises(InputFileError, match=r"row 5: byte b'\\xe9' is not valid utf-8.*cp1252.*encoding='cp1252'"):
        cbs.read_kerncijfers(path, encoding="utf-8")
    assert "Binnenstad-Centrum café" in set(cbs.read_kerncijfers(path, encoding="cp1252")["name"])


def test_xlsx_named_as_cbs_names_its_downloads(tmp_path):
    keys = pd.read_csv(
        FIXTURES / "85984NED_hengelo.csv", sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig"
    )
    path = tmp_path / "kwb-2024.xlsx"
    keys.to_excel(path, index=False)
    frame = cbs.read_kerncijfers(path, gemeente="GM0164")
    assert "table 85984NED (2024), read as Excel" in frame.attrs["read_as"]
    pd.testing.assert_frame_equal(frame, cbs.read_kerncijfers(FIXTURES / "85984NED_hengelo.csv", gemeente="GM0164"))


def test_any_table_id_can_be_read_with_its_year(tmp_path):
    path = tmp_path / "kwb-2026.csv"
    path.write_bytes((FIXTURES / "85984NED_hengelo.csv").read_bytes())
    frame = cbs.read_kerncijfers(path, table="99999NED", year=2026)
    assert set(frame["year"]) == {2026}
    assert value(frame, "GM0164", "AantalInwoners_5") == [[83058.0, "waarde"]]
    with pytest.warns(
        cbs.UncataloguedYearWarning,
        match=r"no CBS keys for KWB \[2026\] from this source; add rows to pipelines/seeds/indicator_catalogue.csv",
    ):
        assert cbs.kerncijfers(2026, table="99999NED", source=path).empty


def test_geometry_true_gives_the_figures_on_their_polygons():
    frame = cbs.kerncijfers(2024, gemeente="GM0164", indicators=["inwoners"], source=SAMPLE_2024, geometry="sample")
    assert frame.crs.to_epsg() == 28992
    buurten = frame[frame["level"] == "buurt"]
    assert len(buurten) == 62 and buurten.geometry.notna().all()
    assert buurten.area.sum() / 1e4 == pytest.approx(6183, rel=0.01)
    # Nederland has no polygon and is no reason for a warning; every other level has its polygon
    assert frame.loc[frame["level"] != "land", "geometry"].notna().all()


def test_regions_without_polygon_are_kept_and_named(tmp_path):
    import geopandas as gpd

    from buurtdata.sources import geometry

    few = geometry.buurten(2024, gemeente="GM0164", source="sample").iloc[:60]
    path = tmp_path / "buurten.gpkg"
    few.to_file(path, layer="buurten")
    with pytest.warns(cbs.MissingGeometryWarning, match=r"2 regions have figures but no polygon"):
        frame = cbs.kerncijfers(
            2024, gemeente="GM0164", level="buurt", indicators=["inwoners"], source=SAMPLE_2024, geometry=path
        )
    assert isinstance(frame, gpd.GeoDataFrame) and len(frame) == 62
    assert frame.geometry.isna().sum() == 2


def test_codes_in_the_frames_are_canonical():
    frame = cbs.read_kerncijfers(FIXTURES / "85984NED_hengelo.csv")
    assert frame["code"].map(codes.is_valid).all()
    assert codes.normalize("GM0363    ") == "GM0363" and codes.normalize("bu0363af01") == "BU0363AF01"


@pytest.mark.network
def test_live_cbs_api_gives_hengelo(tmp_path):
    frame = cbs.kerncijfers(
        2024, gemeente="GM0164", level="gemeente", indicators=["inwoners"], source="odata3", refresh=True
    )
    assert value(frame, "GM0164", "inwoners") == [[83058.0, "waarde"]]


def test_refresh_offline_names_what_is_at_hand():
    # User test L: with refresh=True and no network, kerncijfers said the year was "not in the cache" it was in.
    cbs.kerncijfers(2024, gemeente="GM0164", source="odata3", transport=Replay("odata"))
    with pytest.raises(DataNotAvailableError, match="refresh=True skips the KWB files under .* and the cache, and CBS"):
        cbs.kerncijfers(2024, gemeente="GM0164", refresh=True, transport=OFFLINE)
    assert len(cbs.kerncijfers(2024, gemeente="GM0164", transport=OFFLINE)) == 513


def test_several_gemeenten_at_once(monkeypatch):
    # User test L: gemeente=["GM0402", "GM0096"] was refused as "not a CBS region code".
    monkeypatch.setattr(settings, "data_dir", ROOT / "data")
    frame = cbs.kerncijfers(2020, gemeente=["GM0402", "0096", "GM0402"], level=["land", "gemeente"], transport=OFFLINE)
    assert sorted(frame["code"].unique()) == ["GM0096", "GM0402", "NL00"]
    assert value(frame, "GM0402", "inwoners") == [[90831.0, "waarde"]]
    read = cbs.read_kerncijfers(CSV_2024_RAW, gemeente=("GM0402", "GM0164"))
    assert sorted(read.loc[read["level"] == "gemeente", "code"].unique()) == ["GM0164", "GM0402"]
    # Offline, each gemeente's download is answered from the cache, Nederland kept once.
    cbs.kerncijfers(2024, gemeente="GM0164", source="odata3", transport=Replay("odata"))
    cached = cbs.kerncijfers(2024, gemeente=["GM0164"], source="odata3", transport=OFFLINE)
    assert (cached["code"] == "NL00").sum() == len(cached["indicator"].unique())


def test_a_selection_in_data_raw_without_the_gemeente(monkeypatch, tmp_path):
    # User test L: data/raw's KWB 2024 holds Amsterdam, Hengelo and Hilversum only; asked for Ermelo (GM0233), the
    # analyst was told that gemeente codes change when gemeenten merge, and the cache was never looked at.
    monkeypatch.setattr(settings, "data_dir", ROOT / "data")
    with pytest.raises(DataNotAvailableError) as caught:
        cbs.kerncijfers(2024, gemeente="GM0233", transport=OFFLINE)
    message = str(caught.value)
    assert f"{CSV_2024_RAW} holds a selection of gemeenten without GM0233, and KWB 2024 (85984NED) is not" in message
    assert "Download KWB 2024 yourself" in message and "merge" not in message
    with pytest.raises(DataNotAvailableError) as caught:
        cbs.read_kerncijfers(CSV_2024_RAW, gemeente="GM0233")
    assert "it holds a selection of 3 gemeenten: GM0164 Hengelo (O.), GM0363 Amsterdam, GM0402 Hilversum" in str(
        caught.value
    )
    # A selection without the gemeente gives way to the cache.
    cbs.kerncijfers(2024, gemeente="GM0164", source="odata3", transport=Replay("odata"))
    monkeypatch.setattr(settings, "data_dir", tmp_path)
    kept = tmp_path / "raw" / "kwb2024-85984NED-selectie" / "85984NED.csv"
    kept.parent.mkdir(parents=True)
    lines = CSV_2024_RAW.read_bytes().split(b"\n")
    kept.write_bytes(b"\n".join(line for line in lines if b"Hengelo" not in line))
    frame = cbs.kerncijfers(2024, gemeente="GM0164", level="gemeente", indicators=["inwoners"], transport=OFFLINE)
    assert value(frame, "GM0164", "inwoners") == [[83058.0, "waarde"]]
    assert "OData v3" in frame.attrs["read_as"][0]


def test_offline_offers_cbs_short_named_download_only_for_years_buurtdata_reads():
    # User test L: offline, KWB 2022 advised saving CBS's kwb-2022.xlsx, whose short names buurtdata cannot read.
    with pytest.raises(DataNotAvailableError) as caught:
        cbs.kerncijfers(2022, gemeente="GM0402", transport=OFFLINE)
    assert "kwb2022-85318NED" in str(caught.value) and "kwb-2022.xlsx" not in str(caught.value)
    with pytest.raises(DataNotAvailableError, match="kwb-2024.xlsx with short column names, saved in that folder"):
        cbs.kerncijfers(2024, gemeente="GM0402", transport=OFFLINE)


@pytest.mark.skipif(not (RAW / "buurten-powerbi-emielsanders" / "buurten.json").exists(), reason="data/raw is not here")
def test_wide_keeps_the_polygons_asked_for():
    # Sweep 14 F7: Ameland's buurten with the national polygons came back from wide() as a plain frame.
    polygons = RAW / "buurten-powerbi-emielsanders" / "buurten.json"
    source = RAW / "kwb2020-84799NED-statlinebq" / "84799NED" / "cbs.v3.84799NED_TypedDataSet.parquet"
    long = cbs.kerncijfers(
        2020, gemeente="GM0060", level="buurt", geometry=polygons, indicators=["inwoners"], source=source
    )
    table = cbs.wide(long)
    assert type(table).__name__ == "GeoDataFrame" and table.crs == long.crs
    assert len(table) == long["code"].nunique() == 7 and table.geometry.notna().all()
    assert table.set_index("code").geometry.equals(long.drop_duplicates("code").set_index("code").geometry)
