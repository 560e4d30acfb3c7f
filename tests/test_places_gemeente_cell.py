"""Review AC of user test W: what a ``gemeente`` cell beside the place may hold besides a gemeente of the project.

A team fills the column with the province, ``nvt``, a code Excel cut short (``164`` for 0164), or a bracket that
sets a village apart from a gemeente of the same name (``Hengelo (Gld)``, a village of Bronckhorst, not Hengelo (O.)).
Checked on the sample's Hengelo (O.) (KWB 2024) and on Overijssel and Bronckhorst of the national KWB 2020.
"""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from buurtdata import datasets
from buurtdata.sources.interviews import resolve_locations
from tests.test_places_gemeente_column import KWB_2020, OVERIJSSEL, _place, needs_kwb_2020


@pytest.fixture(scope="module")
def hengelo() -> pd.DataFrame:
    """The sample's Hengelo (O.), a project of one gemeente, as the KWB 2024 names it."""
    data = pd.read_parquet(datasets.get_path("hengelo/kwb2024_85984NED.parquet"))
    titles = pd.read_parquet(datasets.get_path("hengelo/kwb2024_85984NED_regions.parquet"))
    code = data["WijkenEnBuurten"].str.strip()
    level = data["SoortRegio_2"].str.strip().str.lower()
    table = pd.DataFrame(
        {
            "code": code,
            "level": level,
            "name": code.map(titles.assign(Key=titles["Key"].str.strip()).set_index("Key")["Title"].str.strip()),
            "gemeente_code": "GM" + code.str[2:6],
            "wijk_code": ("WK" + code.str[2:8]).where(level == "buurt"),
            "postcode": None,
        }
    )
    return table[level != "land"].reset_index(drop=True)


def _national(gemeenten: list[str]) -> pd.DataFrame:
    listed = ", ".join(f"'{g}'" for g in gemeenten)
    return (
        duckdb.connect()
        .execute(
            "select trim(r.Key) as code, lower(trim(d.SoortRegio_2)) as level, trim(r.Title) as name, "
            "trim(r.Municipality) as gemeente_code, case when r.Key like 'BU%' then 'WK' || substr(trim(r.Key), 3, 6) "
            "end as wijk_code, null as postcode "
            f"from '{KWB_2020 / 'cbs.v3.84799NED_TypedDataSet.parquet'}' d "
            f"join '{KWB_2020 / 'cbs.v3.84799NED_WijkenEnBuurten.parquet'}' r on trim(r.Key) = trim(d.WijkenEnBuurten) "
            f"where trim(r.Municipality) in ({listed})"
        )
        .df()
    )


@pytest.fixture(scope="module")
def overijssel() -> pd.DataFrame:
    return _national(OVERIJSSEL)


def _in_hengelo(hengelo: pd.DataFrame, rows: list[tuple[str, object]]) -> pd.DataFrame:
    segments = pd.DataFrame(rows, columns=["location_raw", "location_gemeente"], dtype=object)
    return resolve_locations(segments, hengelo, gemeente="GM0164")


@needs_kwb_2020
def test_a_control_character_in_a_place_beside_a_gemeente_is_read_not_a_crash(overijssel):
    """Review AC 9: the place and its gemeente were joined with \\x1f and split on the first one: KeyError."""
    placed = _place(overijssel, [("Klein Driene\x1f", "Hengelo"), ("\x1fCentrum", "Deventer")])
    assert placed["resolved_by"].notna().all()
    assert placed["wijk_code"].tolist()[1] == "WK015001"
