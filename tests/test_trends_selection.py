"""An earlier KWB file that holds only some of a gemeente's buurten (sweep 12 places #5): its other buurten are
'ontbreekt', warned with the file and the fix, not blamed on buurtcodes that changed."""

from __future__ import annotations

import warnings
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from buurtdata import _sql
from buurtdata.pipeline import trends
from buurtdata.project import KwbFiles

#: Today's buurten (2020): Rotterdam (an earlier file holds one), Amsterdam (whose codes changed), Hengelo (one new).
TODAY = {
    "BU05990110": "Cool",
    "BU05990111": "Oude Westen",
    "BU05990112": "Stadsdriehoek",
    "BU05990113": "Rotterdam Centraal",
    "BU0363AA01": "Kop Zeedijk",
    "BU0363AA02": "Oude Kerk e.o.",
    "BU01640001": "Binnenstad",
    "BU01640002": "Lasonder",
    "BU01640003": "Tuindorp",
}
#: What the earlier (2022) file holds: Rotterdam's Cool, Amsterdam under an old code, two of Hengelo's three.
HELD = {"BU05990110": 7485.0, "BU03630000": 1200.0, "BU01640001": 2000.0, "BU01640002": 3000.0}


@pytest.fixture
def con():
    con = duckdb.connect()
    _sql.macros(con)
    con.execute("create table project_settings as select 2020 as year")
    gemeenten = pd.DataFrame(
        {"code": ["GM0599", "GM0363", "GM0164"], "name": ["Rotterdam", "Amsterdam", "Hengelo"]}
    ).assign(level="gemeente", year=2020)
    observations = pd.DataFrame({"code": list(HELD), "value": list(HELD.values())}).assign(
        indicator="inwoners", year=2022, status="waarde"
    )
    rows = [
        {"code": code, "name": name, "indicator": indicator, "year": 2022}
        for code, name in TODAY.items()
        for indicator in ("inwoners", "aandeel_65_plus")
    ]
    known = pd.DataFrame(rows).merge(observations, on=["code", "indicator", "year"], how="left")
    known["status"] = known["status"].fillna(trends.OTHER)
    with _sql.registered(con, {"g": gemeenten, "obs": observations, "known": known}):
        con.execute("create table regions as select * from g")
        con.execute("create table observations as select * from obs")
        con.execute("create table buurt_trends as select code, name, indicator, year, value, status from known")
    con.execute(
        "create table indicators as select unnest(['inwoners', 'aandeel_65_plus']) as indicator, 2022 as year, "
        "'aantal' as kind, null::varchar as numerator, null::varchar as denominator, "
        "null::integer as min_denominator"
    )
    return con


def test_a_buurt_a_selection_lacks_is_missing_not_another_indeling(con):
    frame = trends.carry_trends(con, 2022, None)
    status = frame[frame["indicator"] == "inwoners"].set_index("code")["status"]
    assert status[["BU05990111", "BU05990112", "BU05990113"]].eq(trends.MISSING).all()
    assert status["BU05990110"] == "waarde"
    # The file holds Cool, without its aandeel 65+: that figure is missing, Cool's code did not change.
    assert frame.set_index(["code", "indicator"]).loc[("BU05990110", "aandeel_65_plus"), "status"] == trends.MISSING
    # Amsterdam's codes changed (the file holds BU03630000, which today lacks); Hengelo's Tuindorp is new since.
    assert status[["BU0363AA01", "BU0363AA02", "BU01640003"]].eq(trends.OTHER).all()
    assert status["BU03630000"] == trends.GONE


def test_the_selection_is_warned_with_its_file_and_fix_and_codes_changed_only_where_they_did(con):
    frame = trends.carry_trends(con, 2022, None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        trends._warn_selection(con, frame, KwbFiles(2022, "85318NED", Path("rdam/kwb2022.csv")))
        trends._warn_uncarried(con, frame, 2022, carried=False)
    said = [(type(w.message), str(w.message)) for w in caught]
    assert said[0] == (
        trends.SelectionWarning,
        "KWB 2022 file kwb2022.csv holds only 1 of the 4 buurten of Rotterdam: the other 3 have no figures of 2022 "
        "(status 'ontbreekt'); their buurtcodes did not change, the file lacks them (a selection, such as a StatLine "
        "download of one wijk). Fix: in the [[kwb]] entry of 2022, use CBS's national KWB file of 2022, or a "
        "download with all buurten of Rotterdam.",
    )
    assert len(said) == 2 and said[1][0] is trends.OtherIndelingWarning
    changed = "1 of 3 buurten of Hengelo; 2 of 2 buurten of Amsterdam have no figures of 2022: their buurtcodes changed"
    assert said[1][1].startswith(changed) and "Rotterdam" not in said[1][1]


def test_a_file_without_any_buurt_of_a_gemeente_says_none():
    assert trends.selections({"BU05990110", "BU05990111"}, set()) == {"GM0599": (0, 2)}


def test_a_gemeente_formed_since_the_earlier_year_is_no_selection():
    # Review 12 #3: Dijk en Waard (GM1980, 2022) of Heerhugowaard and Langedijk: its 2020 buurten are BU0398/BU0416.
    today = {"BU19800101", "BU19800102", "BU19800201"}
    held = {"BU03980101", "BU04160101", "BU03980102"}
    assert trends.selections(today, held, {"GM0398", "GM0416"}) == {}
    assert trends.selections(today, held, {"GM1980"}) == {"GM1980": (0, 3)}  # it was there: its buurten are not
