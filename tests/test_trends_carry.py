"""Figures over time across a boundary change, on real data: Amsterdam's KWB 2020 inwoners on its 2022 buurten."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from buurtdata import _sql
from buurtdata.pipeline.trends import CARRIED, GONE, carry_trends
from buurtdata.sources import geometry
from buurtdata.sources.indeling import crosswalk
from tests.test_crosswalk import AMSTERDAM, KWB_2020, NATIONAL


@pytest.fixture(scope="module")
def amsterdam():
    new = geometry.read_boundaries(AMSTERDAM, year=2022)
    old = geometry.read_boundaries(NATIONAL, year=2019)
    kwb = pd.read_parquet(KWB_2020, columns=["WijkenEnBuurten", "AantalInwoners_5"])
    kwb["code"] = kwb["WijkenEnBuurten"].str.strip()
    kwb = kwb[kwb["code"].str.startswith(("BU0363", "GM0363"))]
    con = duckdb.connect()
    _sql.macros(con)
    observations = pd.DataFrame(
        {"code": kwb["code"], "indicator": "inwoners", "year": 2020, "value": kwb["AantalInwoners_5"].astype(float)}
    ).assign(status="waarde")
    con.register("obs", observations)
    con.execute("create table observations as select * from obs")
    con.execute(
        "create table indicators as select 'inwoners' as indicator, 2020 as year, 'aantal' as kind, "
        "null::varchar as numerator, null::varchar as denominator, null::integer as min_denominator"
    )
    con.register("today", new[["code", "name"]] if "name" in new else new[["code"]].assign(name=None))
    con.execute(
        "create table buurt_trends as select code, name, 'inwoners' as indicator, 2020 as year, "
        "null::double as value, 'andere indeling' as status from today"
    )
    return con, old[old["gemeente_code"] == "GM0363"], new, kwb.set_index("code")["AantalInwoners_5"]


def test_2020_inwoners_carried_onto_2022_buurten(amsterdam):
    con, old, new, inwoners = amsterdam
    frame = carry_trends(con, 2020, crosswalk(old, new))
    carried = frame[frame["status"] == CARRIED]
    assert carried["value"].sum() == pytest.approx(inwoners["GM0363"], rel=0.005)
    assert carried["code"].str.match(r"^BU0363[A-Z]{2}\d{2}$").all() and len(carried) > 400
    assert set(frame["code"]) == set(new["code"])  # nothing dropped, nothing added


def test_without_old_polygons_vanished_codes_are_reported(amsterdam):
    con, _, new, _ = amsterdam
    frame = carry_trends(con, 2020, None)
    gone = frame[frame["status"] == GONE]
    assert len(gone) == 479 and gone["code"].str.match(r"^BU0363\d{4}$").all() and gone["value"].notna().all()
    assert (gone["name"] == gone["code"]).all()  # never a missing name
    assert (frame.loc[frame["code"].isin(new["code"]), "status"] == "andere indeling").all()
