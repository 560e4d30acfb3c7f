"""A village whose buurt and the wijk around it carry its name (Terschelling's 'Hoorn' in 'Wijk 04 Hoorn', the
national KWB 2020 in data/raw): the Dutch columns of niet_geplaatste_fragmenten.csv say it may be the buurt or the
whole wijk and name the buurt's code, not "write the buurt's name" the team wrote already (sweep 14 F8)."""

from __future__ import annotations

import pandas as pd
import pytest

from buurtdata.outputs._unplaced import dutch_reasons, fixes
from buurtdata.sources.interviews import resolve_locations
from tests.test_places_gemeente_column import KWB_2020, kwb2020_regions

pytestmark = pytest.mark.skipif(not KWB_2020.exists(), reason="data/raw is not here")

TERSCHELLING = "GM0093"


def test_a_village_buurt_in_a_wijk_of_its_name_is_told_by_its_code() -> None:
    regions = kwb2020_regions()
    ours = regions[regions["gemeente_code"] == TERSCHELLING]
    placed = resolve_locations(pd.DataFrame({"location_raw": ["Hoorn", "Oosterend"]}), ours, gemeente=TERSCHELLING)
    assert placed["buurt_code"].isna().all() and placed["wijk_code"].notna().all()
    codes = {
        name: ours.loc[(ours["level"] == "buurt") & (ours["name"] == name), "code"].item()
        for name in ("Hoorn", "Oosterend")
    }
    said = dutch_reasons(placed["reason"], many=False)
    assert said.tolist() == ["kan de buurt of de hele wijk zijn (niet gegokt)"] * 2
    assert fixes(placed["reason"], said).tolist() == [
        f"gaat het over de buurt zelf, schrijf dan de buurtcode {codes['Hoorn']}; anders is het goed zo",
        f"gaat het over de buurt zelf, schrijf dan de buurtcode {codes['Oosterend']}; anders is het goed zo",
    ]
