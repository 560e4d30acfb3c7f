"""Typos in a place name (user test: 'Cenrtum' and 'Hosrt', two letters swapped, stayed unplaced; 'Fredeik
Hendrikbuurt Zuidoost' stayed ambiguous with Zuidwest): read by edits (rapidfuzz OSA, a swap is one edit) when the
next name is 2 edits further, on the real names of the KWB 2020, and never placed wrongly
(``benchmarks/gazetteer_typos.py`` measures all of NL)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pandas as pd
import pytest
from test_places_short_names import KWB_2020, _kwb_2020

from buurtdata.sources.interviews import resolve_locations

pytestmark = pytest.mark.skipif(not KWB_2020.exists(), reason="data/raw is not here")
BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def _place(locations: list[str], gemeente: str) -> pd.DataFrame:
    return resolve_locations(pd.DataFrame({"location_raw": locations}), _kwb_2020(gemeente), gemeente=gemeente)


@pytest.mark.parametrize(
    ("gemeente", "written", "buurt", "name"),
    [
        ("GM0233", "Hosrt", "BU02330005", "Horst"),  # Ermelo
        ("GM0050", "Cenrtum", "BU00500000", "Centrum"),  # Zeewolde
        ("GM0363", "Fredeik Hendrikbuurt Zuidoost", "BU03631601", "Frederik Hendrikbuurt Zuidoost"),
    ],
)
def test_a_typo_one_edit_from_one_name_is_read_as_it_and_says_so(gemeente, written, buurt, name):
    row = _place([written], gemeente).iloc[0]
    assert row["resolved_by"] in ("buurtnaam", "wijknaam"), row["reason"]
    assert row["reason"].startswith(f"{written!r} read as ") and ", similarity " in row["reason"]
    assert f"'{name}'" in row["reason"]
    if buurt:
        assert row["buurt_code"] == buurt


@pytest.mark.parametrize(
    ("gemeente", "written"),
    [
        ("GM0512", "Oost IL"),  # Oost II with a neighbour key for I: as near Oost I (main placed it there)
        ("GM0457", "Zuid IJ"),  # the same with Zuid I and Zuid II
        ("GM0363", "Frederik Hendrikbuurt Zuidwost"),  # one edit from Zuidwest, two from Zuidoost
        ("GM0321", "Bouten"),  # Houten mistyped: as near Boten, a word of a buurt name (main placed it there)
        ("GM1911", "Wijk 05"),  # a digit is no typo: Hollands Kroon has a Wijk 06
        ("GM0363", "Sloterdijk III"),  # nor a Roman numeral: Sloterdijk II is another buurt than III Oost/West
    ],
)
def test_a_typo_as_near_another_real_name_is_not_placed(gemeente, written):
    row = _place([written], gemeente).iloc[0]
    assert row["resolved_by"] == "onbekend" and pd.isna(row["buurt_code"]) and pd.isna(row["wijk_code"])


def test_a_one_edit_typo_of_a_short_name_is_placed_only_for_swaps_and_missing_or_doubled_letters():
    # Boten and Bomen are real buurten (Houten, Sint-Michielsgestel): one letter replaced in a short name is as
    # often another place as a typo, so it is suggested, not placed; a swap (Hosrt) is placed.
    placed = _place(["Hosrt", "Horts", "Horrst", "Hordt"], "GM0233")
    assert placed["buurt_code"].tolist()[:3] == ["BU02330005"] * 3
    assert placed.loc[3, "resolved_by"] == "onbekend" and "did you mean buurt 'Horst'" in placed.loc[3, "reason"]


def test_no_one_edit_typo_of_a_sample_of_gemeenten_is_placed_wrongly():
    # 25 gemeenten drawn with a fixed seed, every wijk and buurt name, each typo kind of the benchmark.
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import gazetteer_typos as bench
    finally:
        sys.path.remove(str(BENCHMARKS))
    regions = bench.national_regions()
    gemeenten = sorted(random.Random(7).sample(sorted(regions["gemeente_code"].unique()), 25))
    counts, typos, _ = bench.measure(regions, gemeenten, seed=7, show_wrong=0)
    one_edit = ["swap", "drop", "double", "neighbour", "lower case", "no accent"]
    assert sum(counts[kind, "WRONG"] for kind in [*one_edit, "two edits"]) == 0
    right = sum(counts[kind, "right"] for kind in one_edit)
    assert right / sum(typos[kind] for kind in one_edit) > 0.85
