"""A place in a gemeente a build of many gemeenten refused, given by name, 4-digit postcode or coordinates (not
only by code or PC6 address), says that its gemeente was not built; an agreement naming a buurt there is left out.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from buurtdata._errors import ValidationError
from buurtdata.pipeline import scope
from buurtdata.sources import geometry
from buurtdata.sources.agreements import AgreementLeftOutWarning, read_agreements
from buurtdata.sources.interviews import resolve_locations
from buurtdata.sources.interviews.gazetteer import Refused
from tests.test_gemeenten import NATIONAL_BUURTEN, needs_raw
from tests.test_many_gemeenten_places import NOT_BUILT, REGION, _build, _interviews, _segments, _write

COLUMNS = ["code", "level", "name", "gemeente_code", "wijk_code", "postcode"]
#: Hengelo, built: one wijk, a buurt "Tichelwerk" (7556) and a buurt "Centrum" (7551).
BUILT = pd.DataFrame(
    [
        ("GM0164", "gemeente", "Hengelo (O.)", "GM0164", None, None),
        ("WK016401", "wijk", "Wijk 01 Hengelo Oost", "GM0164", None, None),
        ("BU01640101", "buurt", "Tichelwerk", "GM0164", "WK016401", "7556"),
        ("BU01640102", "buurt", "Centrum", "GM0164", "WK016401", "7551"),
    ],
    columns=COLUMNS,
)
#: Groningen, refused: its regions as ``scope`` sets them aside. "Centrum" is a buurt of both; 7551 too.
ASIDE = pd.DataFrame(
    [
        ("GM0014", "gemeente", "Groningen", "GM0014", None, None),
        ("WK001409", "wijk", "Wijk 09 Oud-Zuid", "GM0014", None, None),
        ("BU00140907", "buurt", "Oosterpoort", "GM0014", "WK001409", "9724"),
        ("BU00140908", "buurt", "Centrum", "GM0014", "WK001409", "7551"),
    ],
    columns=COLUMNS,
)
WHY = "GM0014 Groningen: b.json has no polygons of it (see gemeenten.csv)"
#: A square of Hengelo's buurt and one of Groningen's, in RD New.
HENGELO = box(250_000, 475_000, 251_000, 476_000)
GRONINGEN = box(233_000, 580_000, 234_000, 581_000)


def _refused(polygons: bool = True) -> Refused:
    aside = gpd.GeoDataFrame({"gemeente_code": ["GM0014"]}, geometry=[GRONINGEN], crs="EPSG:28992")
    return Refused({"GM0014": WHY}, regions=ASIDE, polygons=aside if polygons else None)


def _place(locations: list[str], refused, gemeente=("GM0164", "GM0014")) -> pd.DataFrame:
    boundaries = gpd.GeoDataFrame({"code": ["BU01640101"]}, geometry=[HENGELO], crs="EPSG:28992")
    segments = pd.DataFrame({"location_raw": locations})
    return resolve_locations(segments, BUILT, gemeente=list(gemeente), boundaries=boundaries, refused=refused)


@pytest.mark.parametrize("gemeente", [("GM0164", "GM0014"), ("NL",)])
def test_a_name_postcode_or_point_only_in_a_refused_gemeente_says_it_was_not_built(gemeente):
    # A buurt, a misspelt buurt, a wijk, the gemeente itself, a PC4, a PC6 without table, RD and lat/lon points.
    inside = gpd.GeoSeries(gpd.points_from_xy([233_500], [580_500]), crs="EPSG:28992").to_crs("EPSG:4326").iloc[0]
    locations = ["Oosterpoort", "oosterport", "Oud-Zuid", "Groningen", "9724", "9724 AB", "233500 580500"]
    locations.append(f"{inside.y:.5f}, {inside.x:.5f}")
    placed = _place([*locations, "Tichelwerk", "250500 475500"], _refused(), gemeente)
    assert placed["reason"].iloc[: len(locations)].tolist() == [NOT_BUILT + WHY] * len(locations)
    assert placed["resolved_by"].iloc[: len(locations)].eq("onbekend").all()
    assert placed["buurt_code"].iloc[: len(locations)].isna().all()
    assert placed["wijk_code"].iloc[: len(locations)].isna().all()
    # Hengelo's places are placed as before.
    assert placed["buurt_code"].iloc[-2:].tolist() == ["BU01640101", "BU01640101"]
    assert placed["resolved_by"].iloc[-2:].tolist() == ["buurtnaam", "coordinaten"]


def test_a_name_of_a_buurt_built_and_of_one_refused_is_ambiguous_and_says_how_to_write_the_one_built():
    # A gemeente not built receives no segment, but a segment may be meant there: placing it in the one built
    # counted Lelystad's De Veste in Helmond's (user test N). Written with its gemeente, it is placed.
    placed = _place(["Centrum", "Centrum (Hengelo)"], _refused())
    assert pd.isna(placed.loc[0, "buurt_code"]) and placed.loc[0, "resolved_by"] == "onbekend"
    assert placed.loc[0, "reason"] == (
        "ambiguous between buurt 'Centrum' (BU01640102) and buurt 'Centrum' (BU00140908) in GM0014 (not built); "
        "write 'Centrum (Hengelo)' for the one built, or the buurt code"
    )
    assert (placed.loc[1, "buurt_code"], placed.loc[1, "resolved_by"]) == ("BU01640102", "buurtnaam")


def test_a_postcode_of_a_buurt_built_and_of_one_refused_is_ambiguous_not_placed():
    placed = _place(["Centrum", "7551"], _refused())
    assert placed.loc[1, "resolved_by"] == "onbekend" and pd.isna(placed.loc[1, "buurt_code"])
    assert placed.loc[1, "reason"] == (
        "ambiguous between buurt 'Centrum' (BU01640102) and buurt 'Centrum' (BU00140908) in GM0014 (not built): "
        "postcode 7551 is the most common postcode of each; write the buurt name or code"
    )


def test_without_the_refused_gemeentes_regions_and_polygons_the_reasons_stay_generic():
    placed = _place(["Oosterpoort", "9724", "233500 580500", "Centrum"], {"GM0014": WHY})
    reasons = placed["reason"].tolist()
    assert reasons[0].startswith("no match: 'Oosterpoort' is no buurt or wijk name")
    assert reasons[1].startswith("no match: postcode 9724 is not the most common postcode")
    assert reasons[2] == "outside gemeente: the point lies in none of the project's buurt polygons"
    assert placed.loc[3, "buurt_code"] == "BU01640102"
    # Names known but no polygons (a gemeente refused for having none): a point there is outside, as before.
    placed = _place(["233500 580500", "Oosterpoort"], _refused(polygons=False))
    assert placed["reason"].tolist() == [reasons[2], NOT_BUILT + WHY]


VEENDAM = {"BU00470101": "Centrum", "BU00470102": "Noord"}


def test_an_agreement_by_the_name_of_a_buurt_of_a_refused_gemeente_is_left_out_with_a_warning(tmp_path):
    path = _write(tmp_path, ["Oosterpoort,Jongeren,x,wie,2024-05-15", "noord,Jongeren,y,wie,2024-05-15"])
    with pytest.warns(AgreementLeftOutWarning) as said:
        found = read_agreements(path, buurten=VEENDAM, themes={"Jongeren": "Jongeren"}, refused=_refused())
    assert found["code"].tolist() == ["BU00470102"]
    assert str(said[0].message) == (
        f"{path}: 1 agreement(s) left out, their gemeente was not built: afspraken.csv, row 2: buurt 'Oosterpoort' "
        f"lies in gemeente {WHY}"
    )


def test_an_agreement_by_a_name_nowhere_or_shared_with_a_refused_gemeente_still_fails(tmp_path):
    path = _write(tmp_path, ["Nergensbuurt,Jongeren,x,wie,2024-05-15", "centrum,Jongeren,y,wie,2024-05-15"])
    with pytest.raises(ValidationError) as error:
        read_agreements(path, buurten=VEENDAM, themes={"Jongeren": "Jongeren"}, refused=_refused())
    message = str(error.value)
    assert (
        "afspraken.csv, row 2: buurt 'Nergensbuurt' is not a buurt of this project; write its code (BU...) or its "
        "name as CBS writes it; the buurten of GM0014 were not built (see gemeenten.csv)"
    ) in message
    assert (
        "afspraken.csv, row 3: buurt 'centrum' is the name of 2 buurten (BU00140908 in GM0014 (not built), "
        "BU00470101); write the code (BU...) of the one meant"
    ) in message


@needs_raw
def test_a_region_tells_names_postcodes_points_and_agreements_in_its_refused_gemeente_why(tmp_path: Path) -> None:
    # Hilversum's polygons carry a code the 2024 figures lack: Hilversum is refused, its polygons are there.
    polygons = geometry.read_boundaries(NATIONAL_BUURTEN)
    polygons = polygons[polygons["gemeente_code"].isin(["GM0402", "GM0164"])].copy()
    polygons.loc[polygons["code"] == "BU04020101", "code"] = "BU04020199"
    polygons.to_file(tmp_path / "buurten.gpkg", layer="buurten")
    inside = polygons.loc[polygons["code"] == "BU04020102", "geometry"].iloc[0].representative_point()
    lon_lat = gpd.GeoSeries([inside], crs=polygons.crs).to_crs("EPSG:4326").iloc[0]
    # Hilversum's buurt Havenstraatbuurt (BU04020102, PC4 1211), its wijk Noordwest, itself, and points in the buurt.
    hilversum = [
        "Havenstraatbuurt",
        "Noordwest",
        "Hilversum",
        "1211",
        f"{inside.x:.0f} {inside.y:.0f}",
        f"{lon_lat.y:.5f} {lon_lat.x:.5f}",
    ]
    section = _interviews(
        tmp_path,
        [*hilversum, "Tichelwerk"],
        agreements=["Havenstraatbuurt,Ontmoeten,x,wie,2025-06-01", "Tichelwerk,Ontmoeten,y,wie,2025-06-01"],
    )
    with pytest.warns(AgreementLeftOutWarning, match=r"row 2: buurt 'Havenstraatbuurt' lies in gemeente GM0402"):
        result = _build(tmp_path, REGION, section, path=tmp_path / "buurten.gpkg")
    status = scope.status_table(result.con).set_index("code")
    assert status.at["GM0402", "build_status"] == scope.REFUSED
    said = status.at["GM0402", "reason"].split(": ", 1)[1].rstrip(".")
    why = f"{NOT_BUILT}GM0402 Hilversum: {said} (see gemeenten.csv)"
    placed = _segments(result)
    there = placed[placed["location_raw"] != "Tichelwerk"]  # the points are scrubbed to "[coördinaten]"
    assert len(there) == len(hilversum) and there["reason"].eq(why).all()
    assert there["buurt_code"].isna().all() and there["wijk_code"].isna().all()
    assert placed.loc[placed["location_raw"] == "Tichelwerk", "buurt_code"].tolist() == ["BU01640101"]
    agreements = result.con.sql("select code, agreement from agreements").df()
    assert agreements.to_dict("records") == [{"code": "BU01640101", "agreement": "y"}]


def _two_gemeenten_built():
    """A database as staging leaves it for Hengelo and Groningen, both built so far."""
    import duckdb

    con = duckdb.connect()
    con.execute("create table gemeente_status (code varchar, name varchar, build_status varchar, reason varchar)")
    con.execute(
        "insert into gemeente_status values ('GM0164', 'Hengelo (O.)', ?, null), ('GM0014', 'Groningen', ?, null)",
        [scope.BUILT, scope.BUILT],
    )
    con.register("regions", pd.concat([BUILT, ASIDE], ignore_index=True).assign(year=2024))
    con.execute("create table stg_kwb_regions as select * from regions")
    con.execute("create table stg_kwb_observations as select year, code, 1 as value from regions")
    return con


def test_built_writes_nothing_and_a_gemeente_left_out_sets_its_own_regions_and_polygons_aside() -> None:
    from types import SimpleNamespace

    # The boundaries as a database read again hands them over: the whole country, not only the project's.
    con = _two_gemeenten_built()
    squares = gpd.GeoDataFrame(
        {"code": ["BU01640101", "BU00140907", "BU03630000"], "gemeente_code": ["GM0164", "GM0014", "GM0363"]},
        geometry=[HENGELO, GRONINGEN, box(120_000, 485_000, 121_000, 486_000)],
        crs="EPSG:28992",
    )
    assert scope.built(con, squares)["code"].tolist() == ["BU01640101", "BU00140907"]
    assert not con.sql("select * from duckdb_tables() where table_name like 'refused_%'").fetchall()

    results = pd.DataFrame({"success": [False]})
    results.attrs["failing_gemeenten"] = {"GM0014": ["a figure fails a rule."]}
    region = SimpleNamespace(national=False, gemeenten=["GM0164", "GM0014"], year=2024)
    for _ in range(2):  # set aside once per gemeente, however often
        assert scope.leave_out(con, region, results, squares)
    assert scope.built(con, squares)["code"].tolist() == ["BU01640101"]
    aside = con.sql("select gemeente_code, count(*) from refused_polygons group by all").fetchall()
    assert aside == [("GM0014", 1)]
    assert con.sql("select distinct gemeente_code from refused_regions").fetchall() == [("GM0014",)]
    assert con.sql("select distinct gemeente_code from stg_kwb_regions").fetchall() == [("GM0164",)]


def test_a_gemeente_left_out_has_its_reason_as_a_gemeente_without_polygons_has_it() -> None:
    # One format, GM0014 Groningen: <why>, in gemeente_status (so in gemeenten.csv), and the same words in what
    # a segment or agreement in it is told.
    from types import SimpleNamespace

    con = _two_gemeenten_built()
    squares = gpd.GeoDataFrame(
        {"code": ["BU01640101", "BU00140907"], "gemeente_code": ["GM0164", "GM0014"]},
        geometry=[HENGELO, GRONINGEN],
        crs="EPSG:28992",
    )
    results = pd.DataFrame({"success": [False]})
    results.attrs["failing_gemeenten"] = {"GM0014": ["a figure fails a rule."]}
    region = SimpleNamespace(national=False, gemeenten=["GM0164", "GM0014"], year=2024)
    assert scope.leave_out(con, region, results, squares)
    reason = scope.status_table(con).set_index("code").at["GM0014", "reason"]
    assert reason == "GM0014 Groningen: the KWB figures fail a check: a figure fails a rule."
    assert scope.refused(con)["GM0014"] == f"{reason.rstrip('.')} (see gemeenten.csv)"  # its full stop not doubled


def test_a_misspelling_more_like_a_name_of_a_gemeente_not_built_is_not_guessed() -> None:
    # Review: "Oosterpoortt" (a typo of Groningen's Oosterpoort, refused) must not be counted in a like-named buurt
    # of Hengelo; an exact name there still is placed.
    built = pd.concat(
        [BUILT, pd.DataFrame([("BU01640103", "buurt", "Oosterport", "GM0164", "WK016401", None)], columns=COLUMNS)],
        ignore_index=True,
    )
    boundaries = gpd.GeoDataFrame({"code": ["BU01640101"]}, geometry=[HENGELO], crs="EPSG:28992")
    placed = resolve_locations(
        pd.DataFrame({"location_raw": ["Oosterpoortt", "Oosterport"]}),
        built,
        gemeente=["GM0164", "GM0014"],
        boundaries=boundaries,
        refused=_refused(),
    )
    assert placed["buurt_code"].isna().iloc[0] and placed["resolved_by"].iloc[0] == "onbekend"
    assert placed["buurt_code"].iloc[1] == "BU01640103"
