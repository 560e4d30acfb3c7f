"""Names written without "buurt" or "wijk" (user test: "Transvaal-West" for Amsterdam's Transvaalbuurt-West was
not placed): read on the real names of Amsterdam (KWB 2024) and of Bernheze and Lansingerland (KWB 2020), placed
only when exactly one region is meant, with the reason listing them when several are."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from buurtdata.sources.interviews import resolve_locations

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
KWB_2024 = RAW / "kwb2024-85984NED-dertje" / "85984NED.csv"
KWB_2020 = RAW / "kwb2020-84799NED-statlinebq" / "84799NED"

pytestmark = pytest.mark.skipif(not (KWB_2024.exists() and KWB_2020.exists()), reason="data/raw is not here")


def _amsterdam() -> pd.DataFrame:
    """Amsterdam's gemeente, 110 wijken and 517 buurten as the KWB 2024 file names them."""
    raw = pd.read_csv(KWB_2024, sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    code = raw["Codering_3"].str.strip()
    ours = code.str.match(r"^(GM|WK|BU)0363")
    level = raw.loc[ours, "SoortRegio_2"].str.strip().str.lower()
    return pd.DataFrame(
        {"code": code[ours], "level": level, "name": raw.loc[ours, "WijkenEnBuurten"], "gemeente_code": "GM0363"}
    ).assign(wijk_code=None, postcode=None)


def _kwb_2020(gemeente: str) -> pd.DataFrame:
    """A gemeente's wijken and buurten from the national KWB 2020 files."""
    return (
        duckdb.connect()
        .execute(
            "select trim(d.WijkenEnBuurten) as code, lower(trim(d.SoortRegio_2)) as level, r.Title as name, "
            "trim(r.Municipality) as gemeente_code, null as wijk_code, null as postcode "
            f"from '{KWB_2020 / 'cbs.v3.84799NED_TypedDataSet.parquet'}' d join "
            f"'{KWB_2020 / 'cbs.v3.84799NED_WijkenEnBuurten.parquet'}' r on trim(r.Key) = trim(d.WijkenEnBuurten) "
            "where trim(r.Municipality) = ?",
            [gemeente],
        )
        .df()
    )


def _place(locations: list[str], regions: pd.DataFrame, gemeente: str) -> pd.DataFrame:
    return resolve_locations(pd.DataFrame({"location_raw": locations}), regions, gemeente=gemeente)


@pytest.mark.parametrize(
    ("written", "buurt", "wijk", "name"),
    [
        ("Transvaal-West", "BU0363MD01", "WK0363MD", "buurt 'Transvaalbuurt-West' (BU0363MD01)"),
        ("transvaal west", "BU0363MD01", "WK0363MD", "buurt 'Transvaalbuurt-West' (BU0363MD01)"),
        ("Transvaal Oost", "BU0363MD02", "WK0363MD", "buurt 'Transvaalbuurt-Oost' (BU0363MD02)"),
        ("Transvaal", None, "WK0363MD", "wijk 'Transvaalbuurt' (WK0363MD)"),
        ("Indische Oost", None, "WK0363MG", "wijk 'Indische Buurt-Oost' (WK0363MG)"),
        ("Dapper-Noord", "BU0363ME01", "WK0363ME", "buurt 'Dapperbuurt-Noord' (BU0363ME01)"),
        ("Rijn-Oost", "BU0363KM04", "WK0363KM", "buurt 'Rijnbuurt-Oost' (BU0363KM04)"),
        ("de Haarlemmer-West", "BU0363AA05", "WK0363AA", "buurt 'Haarlemmerbuurt-West' (BU0363AA05)"),
        ("Transvaalbuurt West", "BU0363MD01", "WK0363MD", None),  # the name as CBS writes it, no note
    ],
)
def test_a_name_without_buurt_is_the_one_region_named_with_it(written, buurt, wijk, name):
    row = _place([written], _amsterdam(), "GM0363").iloc[0]
    assert (None if pd.isna(row["buurt_code"]) else row["buurt_code"], row["wijk_code"]) == (buurt, wijk)
    assert row["resolved_by"] == ("buurtnaam" if buurt else "wijknaam")
    assert (None if pd.isna(row["reason"]) else row["reason"]) == (name and f"{written!r} read as {name}")


def test_an_exact_name_wins_over_one_read_without_buurt():
    # Amsterdam has both Vondelpark-West and Vondelparkbuurt-West, and a buurt Oosterpark in the wijk
    # Oosterparkbuurt: the name as written is the one meant.
    placed = _place(["Vondelpark West", "Oosterpark"], _amsterdam(), "GM0363")
    assert placed["buurt_code"].tolist() == ["BU0363KC01", "BU0363MC02"] and placed["reason"].isna().all()


@pytest.mark.parametrize("written", ["Transvaalwijk-West", "Zuid", "Noord", "G-Oost", "Buurt", "Wijk"])
def test_a_wijk_is_not_read_as_a_buurt_nor_a_word_as_a_name(written):
    # "wijk" written is never a buurt's "buurt"; a compass word or a letter left is no name of its own
    # ("Zuid" is not Zuidwijk, "G-Oost" not the G-buurt-Oost).
    row = _place([written], _amsterdam(), "GM0363").iloc[0]
    assert pd.isna(row["buurt_code"]) and pd.isna(row["wijk_code"]) and row["resolved_by"] == "onbekend"
    assert row["reason"].startswith(f"no match: {written!r} is no buurt or wijk name")


def test_compass_words_left_of_a_compound_are_no_name():
    regions = pd.DataFrame(
        [
            ("GM0575", "gemeente", "Noordwijk", "GM0575", None, None),
            ("WK057501", "wijk", "Noordwijk-Binnen", "GM0575", None, None),
            ("BU05750101", "buurt", "Zuidwijk", "GM0575", "WK057501", None),
            ("BU05750102", "buurt", "Parkwijk", "GM0575", "WK057501", None),
        ],
        columns=["code", "level", "name", "gemeente_code", "wijk_code", "postcode"],
    )
    placed = _place(["Noord Binnen", "Zuid", "het park", "Park"], regions, "GM0575")
    assert placed["resolved_by"].eq("onbekend").all() and placed["reason"].str.startswith("no match: ").all()


def test_a_name_two_regions_have_without_buurt_or_wijk_is_not_guessed():
    # Bernheze (KWB 2020) has an Oranjebuurt and an Oranjewijk.
    row = _place(["Oranje"], _kwb_2020("GM1721"), "GM1721").iloc[0]
    assert pd.isna(row["buurt_code"]) and pd.isna(row["wijk_code"]) and row["resolved_by"] == "onbekend"
    assert row["reason"] == (
        "ambiguous between buurt 'Oranjebuurt' (BU17210102) and buurt 'Oranjewijk' (BU17210206); "
        "write the buurt code (BU17210102, BU17210206) or the full wijk name"
    )
    placed = _place(["Oranjebuurt", "Oranjewijk"], _kwb_2020("GM1721"), "GM1721")
    assert placed["buurt_code"].tolist() == ["BU17210102", "BU17210206"]


def test_two_buurten_of_one_name_without_buurt_list_both():
    # Lansingerland (KWB 2020) has two buurten Oranjebuurt, in two wijken.
    row = _place(["Oranje"], _kwb_2020("GM1621"), "GM1621").iloc[0]
    assert row["resolved_by"] == "onbekend"
    assert row["reason"].startswith(
        "ambiguous between buurt 'Oranjebuurt' (BU16212131) and buurt 'Oranjebuurt' (BU16213141)"
    )
