"""Area-weighted crosswalk on real data: Amsterdam's 2019 buurten (national generalised file) to its 2022 buurten.

KWB 2020 population (1 Jan 2020, 84799NED) is published on the 2020 indeling, whose Amsterdam codes are the
2019 file's (479/479). Amsterdam renumbered all buurten in 2022 (BU0363AA01 ...), so only geometry links them.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from buurtdata._errors import ValidationError
from buurtdata.sources import geometry
from buurtdata.sources.indeling import carry, crosswalk, rehome

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
NATIONAL = RAW / "buurten-powerbi-emielsanders" / "buurten.json"
AMSTERDAM = RAW / "buurten-amsterdam-2022-gebieden-vl09" / "buurten.geojson"
KWB_2020 = RAW / "kwb2020-84799NED-statlinebq" / "84799NED" / "cbs.v3.84799NED_TypedDataSet.parquet"


@pytest.fixture(scope="module")
def table():
    national = geometry.read_boundaries(NATIONAL, year=2019)
    old = national[national["gemeente_code"] == "GM0363"]
    return crosswalk(old, geometry.read_boundaries(AMSTERDAM, year=2022))


@pytest.fixture(scope="module")
def inwoners_2020():
    kwb = pd.read_parquet(KWB_2020, columns=["WijkenEnBuurten", "AantalInwoners_5"])
    kwb["code"] = kwb["WijkenEnBuurten"].str.strip()
    return kwb.set_index("code")["AantalInwoners_5"]


def test_amsterdam_population_2020_carried_to_2022_buurten(table, inwoners_2020):
    buurten = inwoners_2020[inwoners_2020.index.str.startswith("BU0363")]
    assert len(buurten) == 479 and buurten.notna().all()
    carried = carry(buurten, table)
    total = inwoners_2020[
        "GM0363"
    ]  # 872,757; the buurt rows sum to 871,395 (CBS rounds/locates a few persons differently)
    assert carried.sum() == pytest.approx(total, rel=0.005)
    assert carried.sum() == pytest.approx(buurten.sum(), rel=1e-9)  # nothing lost: shares normalised per old buurt
    assert carried.index.str.match(r"^BU0363[A-Z]{2}\d{2}$").all()
    assert 480 < len(carried) <= 518
    # Old polygons partly outside the new coverage (water, generalised coastline): reported, not lost.
    assert 0 < table.attrs["uncovered_area"] / table.attrs["old_area"] < 0.01
    assert table.groupby("old_code")["share"].sum().round(9).eq(1).all()
    assert table["coverage"].between(0, 1 + 1e-9).all()


def test_rehome_old_codes(table):
    out = rehome(["BU03630000", "BU0363AA01", "BU99999999"], table)
    assert out["new_code"].iloc[0].startswith("BU0363A")  # Kop Zeedijk lies in centrum-west (AA..AF) now
    assert out["share"].iloc[0] > 0.5
    assert out["new_code"].iloc[1] == "BU0363AA01" and "already" in out["note"].iloc[1]
    assert pd.isna(out["new_code"].iloc[2]) and "neither" in out["note"].iloc[2]


def test_uncovered_buurten_and_bad_input_are_reported():
    old = gpd.GeoDataFrame(
        {"code": ["A", "B", "C"]}, geometry=[box(0, 0, 2, 1), box(2, 0, 3, 1), box(10, 10, 11, 11)], crs="EPSG:28992"
    )
    new = gpd.GeoDataFrame({"code": ["X", "Y"]}, geometry=[box(0, 0, 1, 1), box(1, 0, 2.5, 1)], crs="EPSG:28992")
    table = crosswalk(old, new)
    b = table[table["old_code"] == "B"]
    assert (
        b["new_code"].tolist() == ["Y"]
        and b["share"].item() == pytest.approx(1)
        and b["coverage"].item() == pytest.approx(0.5)
    )
    assert table.attrs["uncovered"] == ["B", "C"] and table.attrs["uncovered_area"] == pytest.approx(1.5)
    assert carry(pd.Series({"A": 10.0, "B": 4.0, "D": None}).drop("D"), table).to_dict() == {"X": 5.0, "Y": 9.0}
    with pytest.raises(ValidationError, match=r"(?s)'Z' is not in the crosswalk.*'C' overlaps no new polygon"):
        carry(pd.Series({"C": 1.0, "Z": 2.0}), table)
    missing = carry(pd.Series({"A": 10.0, "B": float("nan")}), table)
    assert missing.attrs["missing"] == ["B"] and missing.sum() == 10
    with pytest.raises(ValidationError, match="projected CRS"):
        crosswalk(old.to_crs("EPSG:4326"), new)


def test_rehome_reads_codes_as_people_and_files_write_them(table):
    # User test L: interview segments' 'bu03630000' and CBS's padded 'BU0363AA01  ' were "in neither indeling".
    frame = rehome(["bu03630000", "BU0363AA01  ", "Centrum"], table)
    assert frame["code"].tolist() == ["bu03630000", "BU0363AA01  ", "Centrum"]
    assert frame["new_code"].tolist()[:2] == [rehome(["BU03630000"], table)["new_code"].iloc[0], "BU0363AA01"]
    assert pd.isna(frame["new_code"].iloc[2]) and "Centrum is in neither indeling" in frame["note"].iloc[2]
