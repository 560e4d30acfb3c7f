"""The fix a gemeente refused for another indeling is told, one text in a region as for one gemeente: polygons
said to be of the figures' year that carry another year's indeling are not helped by the figures of that year
(user test E, Groningen's 2019 polygons given as 2020 beside Deventer)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from buurtdata.pipeline import scope

FIGURES = {"BU00140101": "Binnenstad-Zuid", "BU00141706": "Meerstad-Noord"}
POLYGONS = {"BU00140101": "Binnenstad-Zuid", "BU00141806": "Meerstad"}


def _reason(year: int, polygon_year: int) -> str:
    project = SimpleNamespace(year=year, boundaries=SimpleNamespace(path="buurten.json", year=polygon_year))
    row = scope._status(project, "GM0014", "Groningen", FIGURES, POLYGONS, polygon_year, compare=True, own=lambda: None)
    assert row[2] == scope.REFUSED
    return row[4]


def test_polygons_said_to_be_of_the_figures_year_are_told_to_state_their_real_year():
    reason = _reason(2020, 2020)
    assert reason.endswith(
        "Fix: the polygons carry another year's indeling though [boundaries] says 2020: use the CBS wijk- en "
        "buurtkaart of 2020 (PDOK 'wijkenbuurten 2020'), or set [boundaries].year to the polygons' real year."
    )
    assert "the KWB figures of 2020, and" not in reason


def test_polygons_of_another_year_are_told_to_use_that_years_figures_or_the_figures_years_map():
    assert _reason(2020, 2019).endswith(
        "Fix: use the CBS wijk- en buurtkaart of 2020 (PDOK 'wijkenbuurten 2020') and set [boundaries].year to "
        "2020, or use the KWB figures of 2019."
    )


@pytest.mark.parametrize(("year", "polygon_year"), [(2020, 2020), (2024, 2019)])
def test_the_refusal_ends_with_the_one_fix_text(year, polygon_year):
    assert _reason(year, polygon_year).endswith(scope.indeling_fix(year, polygon_year))
