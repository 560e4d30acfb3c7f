"""Names of Ermelo (GM0233) as people write them: a village that is a buurt and its wijk's name, villages inside a
longer buurt name (Verspreide huizen Leuvenum), a misspelt one and a buurt name two wijken share.

SOURCE: the wijk and buurt names and codes of Ermelo in CBS's Kerncijfers wijken en buurten 2020 (84799NED),
data/raw/kwb2020-84799NED-statlinebq (the 2021 wijk- en buurtkaart, data/raw/wijkenbuurten2021-ermelo-gpkg-tauvic,
has the same). The locations are made up.
"""

from __future__ import annotations

import pandas as pd
import pytest

from buurtdata.outputs._unplaced import fixes
from buurtdata.sources.interviews import resolve_locations

ERMELO = {
    "WK023300": "Wijk 00 Ermelo",
    "BU02330000": "Ermelo",
    "BU02330001": "Ermelo-Oost",
    "BU02330002": "Ermelo-West",
    "BU02330003": "Veldwijk-'s Heerenloo",
    "BU02330004": "Tonsel",
    "BU02330005": "Horst",
    "BU02330006": "Buurt Ermelo ten dele bij de kern",
    "BU02330007": "Verspreide huizen Telgt",
    "BU02330008": "Verspreide huizen Zuiderzeeland",
    "BU02330009": "Verspreide huizen bosgebied",
    "WK023301": "Wijk 01 Speuld",
    "BU02330100": "Speuld",
    "BU02330105": "Verspreide huizen Staverden",
    "BU02330106": "Verspreide huizen Houtdorp",
    "BU02330107": "Verspreide huizen Leuvenum",
    "BU02330108": "Verspreide huizen De Beek",
    "BU02330109": "Verspreide huizen bosgebied",
}


def _regions(names: dict[str, str]) -> pd.DataFrame:
    rows = [("GM0233", "gemeente", "Ermelo", None)]
    rows += [(code, "wijk" if code.startswith("WK") else "buurt", name, None) for code, name in names.items()]
    frame = pd.DataFrame(rows, columns=["code", "level", "name", "wijk_code"])
    buurt = frame["level"].eq("buurt")
    frame.loc[buurt, "wijk_code"] = "WK" + frame.loc[buurt, "code"].str[2:8]
    return frame.assign(gemeente_code="GM0233", postcode=None)


def _place(*locations: str, names: dict[str, str] = ERMELO) -> pd.DataFrame:
    return resolve_locations(pd.DataFrame({"location_raw": list(locations)}), _regions(names), gemeente="GM0233")


def test_a_village_named_like_its_wijk_only_through_the_wijk_number_is_placed_in_its_buurt():
    placed = _place("Speuld", "speuld", "Wijk 01 Speuld")
    assert placed["buurt_code"].tolist()[:2] == ["BU02330100", "BU02330100"]
    assert placed["resolved_by"].tolist() == ["buurtnaam", "buurtnaam", "wijknaam"]
    assert placed["wijk_code"].eq("WK023301").all() and pd.isna(placed.loc[2, "buurt_code"])
    assert "besides outlying houses" in placed.loc[0, "reason"] and "full wijk name" in placed.loc[0, "reason"]


def test_a_village_named_like_its_wijk_beside_other_villages_stays_in_the_wijk():
    # A second buurt that is no outlying houses: "Speuld" may mean the whole wijk, as Noord in Wijk 02 Noord.
    placed = _place("Speuld", names={**ERMELO, "BU02330106": "Houtdorp"})
    assert pd.isna(placed.loc[0, "buurt_code"]) and placed.loc[0, "resolved_by"] == "wijknaam"
    assert "placed in the wijk only" in placed.loc[0, "reason"]


@pytest.mark.parametrize(
    ("location", "buurt"),
    [
        ("Leuvenum", "BU02330107"),
        ("Staverden", "BU02330105"),
        ("telgt", "BU02330007"),
        ("Veldwijk", "BU02330003"),
        ("'s Heerenloo", "BU02330003"),
        ("Zuiderzeeland", "BU02330008"),
    ],
)
def test_a_village_inside_one_buurt_name_is_placed_there_and_says_so(location, buurt):
    row = _place(location).iloc[0]
    assert (row["buurt_code"], row["resolved_by"]) == (buurt, "buurtnaam")
    assert (
        row["reason"].startswith(f"'{location}' read as buurt ")
        and "the only buurt whose name holds it" in row["reason"]
    )


@pytest.mark.parametrize("location", ["huizen", "Verspreide", "bosgebied", "De Beek", "kern"])
def test_a_common_word_or_one_of_several_buurten_is_not_placed(location):
    row = _place(location).iloc[0]
    assert row["resolved_by"] == "onbekend" and row["reason"].startswith("no match")


def test_a_common_word_lists_the_buurten_it_is_part_of():
    reason = _place("bosgebied").loc[0, "reason"]
    assert reason.endswith(
        "it is part of: Verspreide huizen bosgebied (buurt), Verspreide huizen bosgebied (buurt); write one of them"
    )


def test_a_misspelt_village_inside_one_buurt_name_is_placed_there():
    row = _place("Staverdn").iloc[0]
    assert (row["buurt_code"], row["resolved_by"]) == ("BU02330105", "buurtnaam")
    assert row["reason"].endswith("the only buurt whose name holds a word like it, similarity 94")


def test_a_name_one_letter_off_is_not_placed_but_suggested():
    # fuzz.ratio('tonzel', 'tonsel') is 83, below FUZZY_CUTOFF: not guessed, but said.
    row = _place("Tonzel").iloc[0]
    assert row["resolved_by"] == "onbekend"
    assert row["reason"].endswith("; did you mean buurt 'Tonsel' (BU02330004)?")
    # The same village, only inside a longer buurt name.
    row = _place("Tonzel", names={**ERMELO, "BU02330004": "Verspreide huizen Tonsel"}).iloc[0]
    assert row["resolved_by"] == "onbekend"
    assert row["reason"].endswith("; did you mean 'Tonsel' (in buurt 'Verspreide huizen Tonsel' (BU02330004))?")


def test_a_buurt_name_two_wijken_share_says_how_to_write_each_and_that_is_placed():
    ambiguous = _place("Verspreide huizen bosgebied").loc[0, "reason"]
    # Sweep 12 places #14: the fix said to write the gemeente, of two buurten of one gemeente.
    said = fixes(pd.Series([ambiguous]), pd.Series(["plaats kan meer dan één buurt zijn (niet gegokt)"]))[0]
    assert said == (
        "schrijf de wijk erbij: 'Verspreide huizen bosgebied (Wijk 00 Ermelo)' of 'Verspreide huizen bosgebied "
        "(Wijk 01 Speuld)'. Of schrijf de buurtcode (BU...)"
    )
    assert ambiguous.endswith(
        "write 'Verspreide huizen bosgebied (Wijk 00 Ermelo)' or 'Verspreide huizen bosgebied (Wijk 01 Speuld)' "
        "(the buurt with its wijk), or the buurt code (BU02330009, BU02330109)"
    )
    placed = _place(
        "Verspreide huizen bosgebied (Wijk 00 Ermelo)",
        "Verspreide huizen bosgebied (Wijk 01 Speuld)",
        "verspreide huizen bosgebied, wijk 1 speuld",
        "BU02330009",
    )
    assert placed["buurt_code"].tolist() == ["BU02330009", "BU02330109", "BU02330109", "BU02330009"]
    assert placed["resolved_by"].tolist()[:3] == ["buurtnaam"] * 3 and placed["reason"].isna().all()
