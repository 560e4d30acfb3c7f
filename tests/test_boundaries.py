"""Real boundary files load valid, in RD New, with the KWB codes of their year; bad input is explained or repaired.

Files: data/raw (copies of ../shared/datasets, provenance in each SOURCE.md; Bron: CBS, CC BY 4.0).
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import shapely
from shapely.geometry import Polygon

from buurtdata import datasets
from buurtdata._errors import BuurtdataError, DataNotAvailableError, InputFileError, ValidationError
from buurtdata.sources import geometry
from buurtdata.sources.geometry import BoundaryRepairWarning

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
HENGELO_TOPOJSON = RAW / "buurten-powerbi-emielsanders" / "Buurten_Hengelo.json"
NATIONAL = RAW / "buurten-powerbi-emielsanders" / "buurten.json"
AMSTERDAM = RAW / "buurten-amsterdam-2022-gebieden-vl09" / "buurten.geojson"
ERMELO = RAW / "wijkenbuurten2021-ermelo-gpkg-tauvic" / "CBS_buurten.gpkg"
GEMEENTEN = RAW / "gemeenten2023-pdok-ogcapi-stdekker" / "gemeenten.json"
KWB_2024 = RAW / "kwb2024-85984NED-dertje" / "85984NED.csv"
KWB_2020 = RAW / "kwb2020-84799NED-statlinebq" / "84799NED" / "cbs.v3.84799NED_TypedDataSet.parquet"


def kwb_codes(level: str, prefix: str, *, year: int) -> set[str]:
    if year == 2024:
        table = pd.read_csv(KWB_2024, sep=";", encoding="utf-8-sig", usecols=["SoortRegio_2", "Codering_3"])
        codes = table["Codering_3"].str.strip()
    else:
        codes = pd.read_parquet(KWB_2020, columns=["WijkenEnBuurten"])["WijkenEnBuurten"].str.strip()
    return {c for c in codes if c.startswith(prefix) and c[:2] == {"buurt": "BU", "wijk": "WK"}[level]}


def assert_valid_rd_new(frame: gpd.GeoDataFrame) -> None:
    assert frame.crs.to_epsg() == 28992
    assert frame.geometry.is_valid.all()
    assert frame.geometry.geom_type.isin(["Polygon", "MultiPolygon"]).all()
    assert not frame["code"].duplicated().any()


@pytest.fixture(scope="module")
def national():
    return geometry.read_boundaries(NATIONAL, year=2019)


@pytest.fixture(scope="module")
def amsterdam():
    return geometry.read_boundaries(AMSTERDAM, year=2022)


def test_hengelo_sample_and_topojson_full_resolution():
    sample = geometry.read_boundaries(datasets.get_path("hengelo/buurten.gpkg"), year=2024)
    topo = geometry.read_boundaries(HENGELO_TOPOJSON)  # TopoJSON without a crs member: lon/lat by the format
    for frame in (sample, topo):
        assert len(frame) == 62
        assert_valid_rd_new(frame)
        assert set(frame["code"]) == kwb_codes("buurt", "BU0164", year=2024)
    assert set(topo["wijk_code"]) == kwb_codes("wijk", "WK0164", year=2024)
    # Full resolution: the same polygons as the sample (built from this file), gemeente area 6183 ha as in KWB 2024.
    assert topo.geometry.area.sum() / 1e4 == pytest.approx(6183, abs=1)
    assert topo["aantal_inwoners"].sum() == 80_535
    assert (topo["aantal_inwoners_status"] == "waarde").all()


def test_amsterdam_2022_codes_are_kwb_2024_codes_plus_one(amsterdam):
    assert len(amsterdam) == 518
    assert_valid_rd_new(amsterdam)
    kwb = kwb_codes("buurt", "BU0363", year=2024)
    assert len(kwb) == 517
    assert kwb <= set(amsterdam["code"])
    assert set(amsterdam["code"]) - kwb == {"BU0363MK06"}  # Muidenbuurt-Oost (IJburg), not in KWB 2024
    assert amsterdam.loc[amsterdam["code"] == "BU0363MK06", "name"].item() == "Muidenbuurt-Oost"
    assert amsterdam.geometry.area.sum() / 1e4 == pytest.approx(24_365, abs=1)
    assert set(amsterdam["bron_code"]) >= {"AA01", "MK06"}  # Amsterdam's own code kept beside the CBS code


def test_amsterdam_wijken_dissolved_from_buurten(amsterdam):
    wijken = geometry.wijken(2022, source=AMSTERDAM)
    assert_valid_rd_new(wijken)
    assert set(wijken["level"]) == {"wijk"}
    # Wijk = WK0363 + the first two letters of the buurt code; the same 110 wijken as KWB 2024.
    assert set(wijken["code"]) == kwb_codes("wijk", "WK0363", year=2024)
    assert wijken.geometry.area.sum() == pytest.approx(amsterdam.geometry.area.sum(), rel=1e-6)
    gemeente = geometry.gemeenten(2022, source=AMSTERDAM)
    assert gemeente["code"].tolist() == ["GM0363"]


def test_national_2019_file_matches_kwb_2020_codes(national):
    assert len(national) == 13_594
    assert_valid_rd_new(national)
    assert len(national.attrs["repaired"]) == 21  # invalid in the source, repaired with make_valid
    kwb = kwb_codes("buurt", "BU", year=2020)
    codes = set(national["code"])
    assert len(codes & kwb) == 13_350
    rest = national.loc[~national["code"].isin(kwb), "gemeente_code"]
    # The 244 others are buurten renumbered between the 2019 and 2020 indeling, concentrated in a few gemeenten.
    assert len(rest) == 244
    assert {"GM0995", "GM1734", "GM0687"} <= set(rest.value_counts().index[:8])
    assert len(kwb - codes) == 458
    assert national.loc[national["gemeente_code"] == "GM0363", "code"].pipe(set) == kwb_codes(
        "buurt", "BU0363", year=2020
    )


def test_water_and_pseudo_buurten_are_flagged_and_left_out_by_default():
    ermelo = geometry.read_boundaries(ERMELO)
    assert len(ermelo) == 16 and ermelo.attrs["left_out"] == ["BU02339997"]
    everything = geometry.read_boundaries(ERMELO, include_water=True)
    water = everything.set_index("code").loc["BU02339997"]
    assert water["water"] and water["pseudo"] and everything["year"].eq(2021).all()
    # The sentinel -99999999 becomes a status, never a number.
    assert pd.isna(water["dekkingspercentage"]) and water["dekkingspercentage_status"] == "ontbreekt"


def test_pdok_camelcase_attributes_become_snake_case():
    frame = geometry.read_boundaries(GEMEENTEN)
    assert len(frame) == 343 and set(frame["level"]) == {"gemeente"}
    assert_valid_rd_new(frame)
    row = frame.set_index("code").loc["GM0164"]
    assert row["name"] == "Hengelo" and row["aantal_inwoners"] == 82_311 and row["year"] == 2023
    assert "percentage_personen_0_tot_15_jaar" in frame.columns and "wijk_code" not in frame.columns


def test_simplification_keeps_amsterdam_a_coverage(amsterdam):
    simple = geometry.simplify_for_display(amsterdam)
    assert (
        shapely.get_num_coordinates(simple.geometry.array).sum()
        < shapely.get_num_coordinates(amsterdam.geometry.array).sum() / 2
    )
    assert shapely.coverage_is_valid(simple.geometry.array)
    assert simple.geometry.area.sum() == pytest.approx(shapely.union_all(simple.geometry.array).area, rel=1e-9)


def test_simplification_adds_no_gaps_or_overlaps_nationally(national):
    # The generalised national file is not a perfect coverage itself (38 buurten have edges that do not match
    # their neighbour's exactly, e.g. BU06771301/BU06771302); simplification must not add to that.
    def problems(frame):
        return int((~shapely.is_empty(shapely.coverage_invalid_edges(frame.geometry.array))).sum())

    simple = geometry.simplify_for_display(national)
    assert problems(national) == 38 and problems(simple) <= 38
    union = shapely.union_all(national.geometry.array).area
    assert shapely.union_all(simple.geometry.array).area == pytest.approx(union, rel=1e-3)
    overlap_before = national.geometry.area.sum() - union
    overlap_after = simple.geometry.area.sum() - shapely.union_all(simple.geometry.array).area
    assert overlap_after == pytest.approx(overlap_before, rel=1e-2)


def test_export_geopackage_and_geoparquet_read_back(tmp_path, amsterdam):
    buurten = amsterdam[amsterdam["wijk_code"].isin(["WK0363AA", "WK0363AB"])]
    wijken = geometry.dissolve(buurten, "wijk")
    path = geometry.write_geopackage(tmp_path / "amsterdam.gpkg", {"buurten": buurten, "wijken": wijken})
    assert sorted(pyogrio.list_layers(path)[:, 0]) == ["buurten", "wijken"]
    back = gpd.read_file(path, layer="buurten")
    assert back.crs.to_epsg() == 28992 and back["code"].tolist() == buurten["code"].tolist()
    assert back["water"].dtype == bool
    assert geometry.read_boundaries(path, level="wijk")["code"].tolist() == wijken["code"].tolist()
    parquet = geometry.write_geoparquet(tmp_path / "amsterdam.parquet", buurten)
    again = gpd.read_parquet(parquet)
    assert again.crs.to_epsg() == 28992 and again.geom_equals(buurten.geometry.reset_index(drop=True)).all()


# --- bad input --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ermelo_rd():
    return gpd.read_file(ERMELO)


def test_geojson_in_rd_labelled_wgs84_is_read_as_rd_with_a_warning(tmp_path, ermelo_rd):
    # GeoJSON without a crs member means WGS84 (RFC 7946); these coordinates are metres in RD New.
    document = json.loads(ermelo_rd.to_json())
    del document["crs"]
    path = tmp_path / "ermelo_rd.geojson"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.warns(BoundaryRepairWarning, match="labelled .*WGS 84.* RD New metres; read as EPSG:28992"):
        frame = geometry.read_boundaries(path, include_water=True)
    assert len(frame) == 17 and frame.geometry.area.sum() == pytest.approx(ermelo_rd.geometry.area.sum())


def test_geojson_with_an_rd_crs_member_needs_no_repair(tmp_path, ermelo_rd):
    ermelo_rd.to_file(tmp_path / "ermelo.geojson")  # GDAL writes a crs member for EPSG:28992
    assert '"crs"' in (tmp_path / "ermelo.geojson").read_text(encoding="utf-8")[:300]
    frame = geometry.read_boundaries(tmp_path / "ermelo.geojson", include_water=True)
    assert frame.geometry.area.sum() == pytest.approx(ermelo_rd.geometry.area.sum())


def test_no_crs_at_all(tmp_path, ermelo_rd):
    # RD-range coordinates without any CRS: read as RD New, with a warning.
    with pytest.warns(UserWarning, match="'crs' was not provided"):
        ermelo_rd.set_crs(None, allow_override=True).to_file(tmp_path / "zonder.gpkg")
    with pytest.warns(BoundaryRepairWarning, match="states no coordinate reference system"):
        assert len(geometry.read_boundaries(tmp_path / "zonder.gpkg")) == 16
    # Coordinates that are neither lon/lat nor RD New: an error saying what to add.
    local = gpd.GeoDataFrame({"buurtcode": ["BU01640000"]}, geometry=[Polygon([(0, 0), (5, 0), (5, 5)])])
    with pytest.warns(UserWarning, match="'crs' was not provided"):
        local.to_file(tmp_path / "lokaal.gpkg")
    with pytest.raises(InputFileError, match="states no coordinate reference system .* add a .prj file"):
        geometry.read_boundaries(tmp_path / "lokaal.gpkg")


def test_shapefile_without_prj_with_cbs_shapefile_columns(tmp_path, ermelo_rd):
    cbs_style = ermelo_rd[["buurtcode", "buurtnaam", "gemeentecode", "gemeentenaam", "water", "geometry"]].rename(
        columns={
            "buurtcode": "BU_CODE",
            "buurtnaam": "BU_NAAM",
            "gemeentecode": "GM_CODE",
            "gemeentenaam": "GM_NAAM",
            "water": "WATER",
        }
    )
    cbs_style.to_file(tmp_path / "buurt_2021.shp")
    (tmp_path / "buurt_2021.prj").unlink()
    with pytest.warns(BoundaryRepairWarning, match=r"a shapefile without \.prj.*read as EPSG:28992"):
        frame = geometry.read_boundaries(tmp_path / "buurt_2021.shp", year=2021)
    assert frame["code"].tolist()[:2] == ["BU02330000", "BU02330001"] and frame.attrs["left_out"] == ["BU02339997"]
    assert frame["gemeente_name"].eq("Ermelo").all() and frame["wijk_code"].iloc[0] == "WK023300"


def test_wrong_crs_and_bad_codes_are_explained(tmp_path, ermelo_rd):
    ermelo_rd.set_crs("EPSG:3857", allow_override=True).to_file(tmp_path / "verkeerd.gpkg")
    with pytest.raises(InputFileError, match="outside the Netherlands"):
        geometry.read_boundaries(tmp_path / "verkeerd.gpkg")
    bad = ermelo_rd.copy()
    bad.loc[0, "buurtcode"] = "Ermelo-Centrum"
    bad.loc[2, "buurtcode"] = "BU02330001"
    bad.to_file(tmp_path / "codes.gpkg")
    with pytest.raises(
        ValidationError,
        match=r"(?s)2 problem.*feature 0, property 'buurtcode': 'Ermelo-Centrum'.*BU02330001 appears 2 times",
    ):
        geometry.read_boundaries(tmp_path / "codes.gpkg")


def test_points_and_unknown_layers_are_explained(tmp_path):
    points = gpd.GeoDataFrame(
        {"buurtcode": ["BU01640000"]}, geometry=gpd.points_from_xy([250_000], [475_000]), crs="EPSG:28992"
    )
    points.to_file(tmp_path / "punten.gpkg", layer="punten")
    with pytest.raises(InputFileError, match=r"\['Point'\] geometry, not polygons"):
        geometry.read_boundaries(tmp_path / "punten.gpkg")
    points.to_file(tmp_path / "punten.gpkg", layer="meer")
    with pytest.raises(
        InputFileError, match=r"has layers \['punten', 'meer'\] and none is named after buurt; pass layer="
    ):
        geometry.read_boundaries(tmp_path / "punten.gpkg")
    with pytest.raises(BuurtdataError, match="level 'wijkk' is not one of"):
        geometry.read_boundaries(ERMELO, level="wijkk")
    (tmp_path / "kapot.geojson").write_text(json.dumps({"type": "Feature"})[:9], encoding="utf-8")
    with pytest.raises(InputFileError, match="cannot be read"):
        geometry.read_boundaries(tmp_path / "kapot.geojson")


def test_several_gemeenten_and_a_gemeente_the_file_lacks():
    # User test L: gemeente=[...] was refused as "not a CBS region code", and a file without the gemeente asked
    # for gave an empty frame, or the other gemeenten only, without a word.
    both = geometry.buurten(2020, gemeente=["GM0233", "0096"], source=NATIONAL)
    assert set(both["gemeente_code"]) == {"GM0233", "GM0096"}
    assert set(geometry.gemeenten(2020, gemeente=["GM0233", "GM0096"], source=NATIONAL)["code"]) == {"GM0233", "GM0096"}
    with pytest.raises(DataNotAvailableError, match=f"{ERMELO} has no wijk polygons of GM0096 in 2020"):
        geometry.wijken(2020, gemeente=["GM0233", "GM0096"], source=ERMELO)
