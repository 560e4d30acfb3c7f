"""The fix a gemeente refused for another indeling is told, one text in a region as for one gemeente, and only what
would resolve it: polygons of the figures' year, or those beside these polygons to carry the figures; another
project year only when a staged KWB year has the polygons' codes. Another [boundaries] year alone never makes
differing codes agree (user test E, Groningen's 2019 polygons given as 2020; user test N: the advice went in a
circle between 2019 and 2020)."""

from __future__ import annotations

from types import SimpleNamespace

import duckdb
import geopandas as gpd
import pytest
import shapely

from buurtdata.pipeline import scope, status

FIGURES = {"BU00140101": "Binnenstad-Zuid", "BU00141706": "Meerstad-Noord"}
POLYGONS = {"BU00140101": "Binnenstad-Zuid", "BU00141806": "Meerstad"}


def _reason(year: int, polygon_year: int, matching_year=lambda code, codes: None) -> str:
    project = SimpleNamespace(year=year, boundaries=SimpleNamespace(path="buurten.json", year=polygon_year))
    row = status.status(
        project,
        "GM0014",
        "Groningen",
        FIGURES,
        POLYGONS,
        polygon_year,
        compare=True,
        own=lambda: None,
        matching_year=matching_year,
    )
    assert row[2] == status.REFUSED
    return row[4]


@pytest.mark.parametrize("polygon_year", [2020, 2019])
def test_the_fix_names_the_polygons_needed_and_never_another_boundaries_year_alone(polygon_year):
    reason = _reason(2020, polygon_year)
    assert reason.endswith(
        "Fix: use the CBS wijk- en buurtkaart of 2020 (PDOK 'wijkenbuurten 2020') in [boundaries] path; or, to "
        'keep these polygons, name that kaart in the [[kwb]] entry of 2020 (boundaries = "..."), which carries the '
        "figures onto these polygons' buurten by area. Another [boundaries] year alone does not help: the buurt "
        "codes themselves differ."
    )
    assert "set [boundaries].year" not in reason
    assert "the KWB figures of 2019" not in reason  # not checked: no KWB file of 2019 says so


def test_another_project_year_is_named_only_when_its_figures_have_the_polygons_codes():
    years = {2019: set(POLYGONS), 2018: {"BU00140101"}}
    reason = _reason(2020, 2020, lambda code, codes: next((y for y, c in years.items() if c == codes), None))
    assert (
        "or make 2019 the project's year (year = 2019): these polygons carry the buurt codes of the KWB figures "
        "of 2019" in reason
    )
    assert "2018" not in reason


@pytest.mark.parametrize(("year", "polygon_year"), [(2020, 2020), (2024, 2019)])
def test_the_refusal_ends_with_the_one_fix_text(year, polygon_year):
    assert _reason(year, polygon_year).endswith(status.indeling_fix(year))


def test_a_gemeente_whose_codes_agree_is_not_told_they_differ_when_its_figures_cannot_be_carried():
    # Same codes, but BU00140002 names another buurt elsewhere in the polygons: its people overlap no polygon.
    con = duckdb.connect()
    con.execute(
        "create table stg_kwb_regions as select * from (values (2020, 'BU00140001', 'buurt', 'Oud', 'GM0014', "
        "'WK001400'), (2020, 'BU00140002', 'buurt', 'Zuid', 'GM0014', 'WK001400')) "
        "t(year, code, level, name, gemeente_code, wijk_code)"
    )
    con.execute(
        "create table stg_kwb_observations as select * from (values (2020, '84799NED', 'BU00140001', 'k', 10.0, "
        "'waarde'), (2020, '84799NED', 'BU00140002', 'k', 20.0, 'waarde')) t(year, table_id, code, cbs_key, value, "
        "status)"
    )
    con.execute("create table indicator_catalogue as select 2020 as year, 'k' as cbs_key, 'inwoners' as indicator")
    con.execute("create table indicator_definitions as select 'inwoners' as indicator, 'aantal' as kind")

    def polygons(names: list[str], boxes: list) -> gpd.GeoDataFrame:
        codes = ["BU00140001", "BU00140002"]
        frame = {"code": codes, "name": names, "gemeente_code": "GM0014", "wijk_code": "WK001400"}
        return gpd.GeoDataFrame(frame, geometry=boxes, crs="EPSG:28992")

    own = polygons(["Oud", "Zuid"], [shapely.box(0, 0, 100, 100), shapely.box(100, 0, 200, 100)])
    new = polygons(["Oud", "Haven"], [shapely.box(0, 0, 100, 100), shapely.box(900, 900, 1000, 1000)])
    project = SimpleNamespace(year=2020)
    row = ["GM0014", "Groningen", status.CARRIED, 2, "the KWB figures of 2020 and the polygons of 2019"]
    refused = scope._carry(con, project, row, own, new, 2019, codes_differ=False)
    assert refused[2] == status.REFUSED and "overlap no polygon of 2019 (BU00140002)" in refused[4]
    assert refused[4].endswith(status.indeling_fix(2020, codes_differ=False))
    assert "the buurt codes themselves differ" not in refused[4]
