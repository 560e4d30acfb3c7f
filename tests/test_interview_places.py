"""Placing segments by address (a CBS PC6 table) and by coordinates (point in polygon).

The PC6 rows are fictional: postcodes ending in SA, SD or SS are never issued in the
Netherlands (see buurtdata/datasets/hengelo/pc6hnr_fictief.csv). The buurt codes and
polygons are CBS's real ones for Hengelo (O.).
"""

from __future__ import annotations

import pandas as pd
import pytest

from buurtdata import datasets
from buurtdata._errors import BuurtdataError, InputFileError, ValidationError
from buurtdata.sources.geometry import read_boundaries
from buurtdata.sources.interviews import PC6_COLUMNS, read_pc6, read_segments, resolve_locations, scrub_locations

HEADER = "PC6;Huisnummer;Buurt2024;Wijk2024;Gemeente2024\n"
#: Where scripts/make_fictional_interviews.py meant each sample segment: buurt and wijk, wijk only, or neither.
MEANT = datasets.get_path("hengelo/interviews_fictief_plaatsen.csv")


@pytest.fixture(scope="module")
def boundaries():
    return read_boundaries(datasets.get_path("hengelo/buurten.gpkg"), layer="buurten")


@pytest.fixture(scope="module")
def regions(hengelo_run):
    return hengelo_run.con.sql("select * from regions where year = 2024").df()


@pytest.fixture(scope="module")
def pc6(tmp_path_factory):
    # 7553SA and 7553SD lie in Berflo Es Zuid; 7553SS spans two buurten of wijk 05, 7557SS two wijken.
    path = tmp_path_factory.mktemp("pc6") / "pc6.csv"
    path.write_text(
        HEADER + "7553SA;12;1640502;16405;164\n7553SA;14;01640502;016405;0164\n7553SD;1;01640502;016405;0164\n"
        "7553SS;1;01640501;016405;0164\n7553SS;2;01640502;016405;0164\n"
        "7557SS;1;01640200;016402;0164\n7557SS;2;01640501;016405;0164\n7511SA;1;01530101;015301;0153\n",
        encoding="utf-8",
    )
    return read_pc6(path)


def _place(regions, locations, **kwargs) -> pd.DataFrame:
    return resolve_locations(pd.DataFrame({"location_raw": locations}), regions, gemeente="GM0164", **kwargs)


def test_sample_segments_land_where_the_generator_meant_them(regions, boundaries):
    """Each sample segment against the place scripts/make_fictional_interviews.py meant,
    not a count the resolver gave.
    """
    segments = read_segments(datasets.get_path("hengelo/interviews_fictief.csv"))
    pc6 = read_pc6(datasets.get_path("hengelo/pc6hnr_fictief.csv"))
    placed = resolve_locations(segments, regions, gemeente="GM0164", pc6=pc6, boundaries=boundaries)
    placed = placed.set_index("segment_id")
    truth = pd.read_csv(MEANT, comment="#", dtype=str, keep_default_na=False).set_index("segment_id")
    assert sorted(truth.index) == sorted(placed.index)
    assert truth["location"].tolist() == placed.loc[truth.index, "location_raw"].fillna("").tolist()
    kind = truth["buurt_code"].ne("").map({True: "buurt", False: "wijk"}).where(truth["wijk_code"].ne(""), "none")
    assert set(kind) == {"buurt", "wijk", "none"}  # every kind of intent is tested
    got = placed.loc[truth.index, ["buurt_code", "wijk_code", "resolved_by", "reason"]]
    codes = got[["buurt_code", "wijk_code"]].astype(object).fillna("")
    wrong = truth.index[(codes != truth[["buurt_code", "wijk_code"]]).any(axis=1)]
    assert not len(wrong), truth.loc[wrong].join(got).to_string()
    assert (got.loc[kind == "buurt", "resolved_by"] != "onbekend").all()
    assert (got.loc[kind == "wijk", "resolved_by"] != "onbekend").all()
    unplaced = got.loc[kind == "none"]
    assert (unplaced["resolved_by"] == "onbekend").all() and unplaced["reason"].str.len().gt(0).all()


def test_read_pc6_pads_and_prefixes_cbs_codes(pc6):
    assert list(pc6.columns) == PC6_COLUMNS
    assert pc6.iloc[0].tolist() == ["7553SA", 12, "BU01640502", "WK016405", "GM0164"]
    assert len(pc6) == 8


def test_read_pc6_keeps_one_gemeente(tmp_path):
    sample = read_pc6(datasets.get_path("hengelo/pc6hnr_fictief.csv"), gemeente="0164")
    assert set(sample["gemeente_code"]) == {"GM0164"} and len(sample) == 34
    assert all(p[-2:] in ("SA", "SD", "SS") for p in sample["pc6"])  # never-issued letters: fictional


@pytest.mark.parametrize(
    ("location", "buurt", "wijk", "resolved_by", "reason"),
    [
        ("7553 SA 12", "BU01640502", "WK016405", "pc6", None),
        ("7553sa, 14", "BU01640502", "WK016405", "pc6", None),
        ("7553 SA 99", "BU01640502", "WK016405", "pc6", "the house number is not in the PC6 table; every address"),
        ("7553SD", "BU01640502", "WK016405", "pc6", "every address of 7553SD lies in buurt 'Berflo Es Zuid'"),
        ("7553 SS", None, "WK016405", "pc6", "7553SS spans buurt 'Berflo Es Noord' (BU01640501) and buurt"),
        ("7557 SS 9", None, None, "onbekend", "ambiguous between buurt 'Noord' (BU01640200) and buurt"),
        ("7554 SA 1", None, None, "onbekend", "no match: postcode 7554SA has no address of Hengelo (O.)"),
        ("7511 SA 1", None, None, "onbekend", "no match: postcode 7511SA has no address"),
    ],
)
def test_pc6_rules(regions, pc6, location, buurt, wijk, resolved_by, reason):
    row = _place(regions, [location], pc6=pc6).iloc[0]
    got = row[["buurt_code", "wijk_code", "resolved_by", "reason"]].tolist()
    assert [None if pd.isna(v) else v for v in got[:3]] == [buurt, wijk, resolved_by]
    assert pd.isna(got[3]) if reason is None else got[3].startswith(reason)
    assert "99" not in str(got[3]) and " 9" not in str(got[3])  # a house number is never repeated


def test_pc6_without_a_table_is_the_weak_4_digit_link(regions):
    row = _place(regions, ["7557 SA 12"]).iloc[0]
    assert row["resolved_by"] == "postcode" and row["wijk_code"] == "WK016402" and pd.isna(row["buurt_code"])
    assert row["reason"].endswith("a postcode read as its 4 digits 7557: the project has no PC6 table")
    assert "SA" not in row["reason"]  # a PC6 is about 20 addresses: the reason, published, keeps its 4 digits


def test_a_street_address_without_a_pc6_table_is_not_told_to_write_its_postcode(regions):
    # Without [interviews] pc6 a postcode with house number places nothing more than its 4 digits (user test).
    reason = _place(regions, ["Zandweerdlaan 88"]).iloc[0]["reason"]
    assert reason.endswith("a postcode with house number places it only with a PC6 table ([interviews] pc6)")


def test_a_line_break_in_a_location_is_a_space_so_a_quoted_phone_number_is_still_scrubbed(regions):
    from buurtdata.sources.interviews import scrub_free_text

    placed = _place(regions, ["Centrum (bel\t0612345678)", "bij Anja\n06-12345678", "Tichelwerk, tel.\t06 12345678"])
    reasons = scrub_free_text(placed, names=["Anja"])["reason"].tolist()
    assert not any("1234" in str(reason) or "\\t" in str(reason) or "\\n" in str(reason) for reason in reasons)


def test_pc6_table_of_another_year_is_reported(regions, tmp_path):
    path = tmp_path / "pc6.csv"
    path.write_text(HEADER + "7553SA;1;01649999;016499;0164\n", encoding="utf-8")
    row = _place(regions, ["7553 SA 1"], pc6=read_pc6(path)).iloc[0]
    assert row["resolved_by"] == "onbekend"
    assert row["reason"].startswith("no match: the PC6 table puts 7553SA in BU01649999, no buurt of these regions")


@pytest.mark.parametrize(
    "location",
    ["RD 251245 476863", "251245, 476863", "52.27026, 6.77132", "6.77132 52.27026", "52.27026;6.77132"],
)
def test_coordinates_in_rd_or_lon_lat_are_placed_by_point_in_polygon(regions, boundaries, location):
    row = _place(regions, [location], boundaries=boundaries).iloc[0]
    assert row["resolved_by"] == "coordinaten" and pd.isna(row["reason"])
    expected = "BU01640101" if location.replace(",", " ").split()[-1].startswith("476") else "BU01640702"
    assert row["buurt_code"] == expected


def test_coordinates_outside_the_polygons_or_without_polygons(regions, boundaries):
    placed = _place(regions, ["52.37, 4.89", "RD 121000 487000"], boundaries=boundaries)
    assert placed["resolved_by"].tolist() == ["onbekend", "onbekend"]
    assert placed["reason"].str.startswith("outside gemeente: the point lies in none").all()
    row = _place(regions, ["52.27026, 6.77132"]).iloc[0]
    assert row["resolved_by"] == "onbekend" and "coordinates need buurt polygons" in row["reason"]


def test_scrub_locations_hides_house_numbers_and_points():
    out = scrub_locations(pd.DataFrame({"location_raw": ["7553 SA 12", "bij 7553 SA 12a", "52.27, 6.77", "Noord"]}))
    assert out["location_raw"].tolist() == ["7553 [adres]", "bij 7553 [adres]", "[coördinaten]", "Noord"]


def test_bad_pc6_files(tmp_path):
    empty = tmp_path / "leeg.csv"
    empty.write_bytes(b"")
    with pytest.raises(InputFileError, match=r"leeg\.csv is empty"):
        read_pc6(empty)
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("PC6;Huisnummer;Buurtcode\n7553SA;1;01640502\n", encoding="utf-8")
    with pytest.raises(InputFileError, match=r"has no column 'Buurt', 'Wijk', 'Gemeente'"):
        read_pc6(wrong)
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "7553 S;1;01640502;016405;0164\n7553SA;een;BU1640502x;016405;0164\n", encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        read_pc6(bad)
    text = str(caught.value)
    assert "3 problem(s)" in text
    assert "bad.csv, row 2, field 'PC6': '7553 S' is not a postcode" in text
    assert "row 3, field 'Huisnummer': 'een' is not a whole number" in text
    assert "row 3, field 'Buurt2024': 'BU1640502x' is not a BU code of 8 digits" in text


def test_pc6_table_needs_its_columns(regions):
    with pytest.raises(BuurtdataError, match=r"pc6 lacks column\(s\) huisnummer"):
        _place(regions, ["7553 SA 1"], pc6=pd.DataFrame({"pc6": ["7553SA"], "buurt_code": ["BU01640502"]}))


@pytest.mark.parametrize("name", ["Stadshart", "Lage Vuursche", "Centrum"])
def test_a_buurt_named_like_its_own_wijk_is_placed_in_the_wijk_only(name):
    # The wijk has a second buurt: a wijk's only buurt gets the segment (tests/test_places_region_names.py).
    regions = pd.DataFrame(
        {
            "code": ["GM9999", "WK999901", "BU99990101", "BU99990102", "WK999902", "BU99990201"],
            "level": ["gemeente", "wijk", "buurt", "buurt", "wijk", "buurt"],
            "name": ["Voorbeeld", f"Wijk 01 {name}", name, "Bijbuurt", "Wijk 02 Elders", "Elders"],
            "gemeente_code": "GM9999",
            "wijk_code": [None, None, "WK999901", "WK999901", None, "WK999902"],
            "postcode": None,
        }
    )
    placed = resolve_locations(pd.DataFrame({"location_raw": [name, name.upper()]}), regions, gemeente="GM9999")
    assert placed["resolved_by"].tolist() == ["wijknaam", "wijknaam"]
    assert placed["wijk_code"].tolist() == ["WK999901", "WK999901"] and placed["buurt_code"].isna().all()
    assert "placed in the wijk only" in placed.loc[0, "reason"]


def test_a_buurt_named_like_another_wijk_stays_ambiguous():
    regions = pd.DataFrame(
        {
            "code": ["GM9999", "WK999901", "BU99990101", "WK999902"],
            "level": ["gemeente", "wijk", "buurt", "wijk"],
            "name": ["Voorbeeld", "Wijk 01 Oost", "Stadshart", "Wijk 02 Stadshart"],
            "gemeente_code": "GM9999",
            "wijk_code": [None, None, "WK999901", None],
            "postcode": None,
        }
    )
    placed = resolve_locations(pd.DataFrame({"location_raw": ["Stadshart"]}), regions, gemeente="GM9999")
    assert placed.loc[0, "resolved_by"] == "onbekend" and placed.loc[0, "reason"].startswith("ambiguous between")


def test_a_national_project_places_codes_of_every_gemeente_and_leaves_shared_names_open():
    regions = pd.DataFrame(
        {
            "code": ["GM0164", "WK016401", "BU01640100", "GM0153", "WK015301", "BU01530100"],
            "level": ["gemeente", "wijk", "buurt", "gemeente", "wijk", "buurt"],
            "name": ["Hengelo", "Wijk 01", "Centrum", "Enschede", "Wijk 01 Enschede", "Centrum"],
            "gemeente_code": ["GM0164", "GM0164", "GM0164", "GM0153", "GM0153", "GM0153"],
            "wijk_code": [None, None, "WK016401", None, None, "WK015301"],
            "postcode": [None, None, "7551", None, None, "7511"],
        }
    )
    segments = pd.DataFrame({"location_raw": ["BU01640100", "BU01530100", "Centrum"]})
    national = resolve_locations(segments, regions, gemeente="NL")
    assert national["buurt_code"].iloc[:2].tolist() == ["BU01640100", "BU01530100"]
    assert pd.isna(national["buurt_code"].iloc[2]) and "Centrum" in national["reason"].iloc[2]
    hengelo = resolve_locations(segments, regions, gemeente="GM0164")
    assert hengelo["buurt_code"].iloc[2] == "BU01640100"
    assert pd.isna(hengelo["buurt_code"].iloc[1]) and "outside gemeente" in hengelo["reason"].iloc[1]


def test_a_location_column_without_any_value_places_nothing_and_says_why(regions):
    # As pandas reads a file whose location column is empty: float NaN, not text.
    placed = _place(regions, [float("nan"), float("nan")])
    assert placed["buurt_code"].isna().all()
    assert placed["reason"].notna().all()
