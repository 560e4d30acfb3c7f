"""A buurt name with a note after a dash (``Berflo Es Noord - bij de kerk``, ``Berflo Es Noord – bij de kerk``) is
placed as one with the note in brackets is (sweep12 F6, tests/test_places_notes.py): in that buurt when the name alone
is exactly one buurt, the reason saying the note was left out. A dash with no space beside it (``Veldwijk-Noord``) is
part of a name, and so is one with spaces in a name CBS writes so (``Kern Ommen - Centrum``, ``Zuidbroek - De
Wellen``): every buurt and wijk name of the national KWB 2020 (data/raw) with `` - `` or `` – `` is placed as itself.
The notes are FICTIEF."""

from __future__ import annotations

import pandas as pd
import pytest

from buurtdata.sources.interviews import resolve_locations
from tests.test_places_gemeente_column import KWB_2020, kwb2020_regions

pytestmark = pytest.mark.skipif(not KWB_2020.exists(), reason="data/raw is not here")

HENGELO = "GM0164"
NOTE = "'{}' read as buurt '{}' ({}): the note after it was left out"


@pytest.fixture(scope="module")
def country() -> pd.DataFrame:
    return kwb2020_regions()


def _placed(regions: pd.DataFrame, gemeente: str, locations: list[str]) -> pd.DataFrame:
    ours = regions[regions["gemeente_code"] == gemeente]
    return resolve_locations(pd.DataFrame({"location_raw": locations}), ours, gemeente=gemeente)


@pytest.mark.parametrize("dash", ["-", "\u2013", "\u2014"])
def test_a_note_after_a_dash_is_left_out_as_one_in_brackets(country, dash):
    names = [("Berflo Es Noord", "BU01640501"), ("Veldwijk-Noord", "BU01640504"), ("Groot Driene-Zuid", "BU01640402")]
    notes = ["bij de kerk", "naast de supermarkt, achter de school", "bij Henk Bakker"]
    written = [f"{name} {dash} {note}" for (name, _), note in zip(names, notes, strict=True)]
    bracketed = [f"{name} ({note})" for (name, _), note in zip(names, notes, strict=True)]
    placed, as_brackets = _placed(country, HENGELO, written), _placed(country, HENGELO, bracketed)
    assert placed["buurt_code"].tolist() == [code for _, code in names] == as_brackets["buurt_code"].tolist()
    assert placed["resolved_by"].eq("buurtnaam").all()
    assert placed["reason"].tolist() == [NOTE.format(name, name, code) for name, code in names]
    assert placed["reason"].tolist() == as_brackets["reason"].tolist()


@pytest.mark.parametrize(
    ("location", "alone"),
    [
        (
            "Noord - bij de kerk",
            "'Noord' alone is wijk 'Wijk 02 Noord' (WK016402) there: leave out the note 'bij de kerk'",
        ),
        (
            "Berflo Es – bij de kerk",
            "'Berflo Es' alone is wijk 'Wijk 05 Berflo Es' (WK016405) there: leave out the note 'bij de kerk'",
        ),
        (
            "Berflo Es Noord - nabij Berflo Es Zuid",
            "'Berflo Es Noord' alone is buurt 'Berflo Es Noord' (BU01640501) there: leave out the note "
            "'nabij Berflo Es Zuid'",
        ),
    ],
)
def test_a_name_before_a_dash_that_is_no_one_buurt_says_to_leave_out_the_note(country, location, alone):
    row = _placed(country, HENGELO, [location]).iloc[0]
    assert (row["resolved_by"], pd.isna(row["buurt_code"]), pd.isna(row["wijk_code"])) == ("onbekend", True, True)
    plain = f"no match: '{location}' is no buurt or wijk name, code or postcode of Hengelo"
    assert row["reason"] == f"{plain}; {alone} if that is meant"


def test_a_dash_in_a_name_cbs_writes_is_no_note(country):
    regions = country[country["level"].isin(["buurt", "wijk"])]
    dashed = regions[regions["name"].str.contains(" - | \u2013 ", regex=True)]
    assert len(dashed) > 150  # 145 buurten and 23 wijken; none written with an en dash
    for gemeente, named in dashed.groupby("gemeente_code"):
        names = named["name"].tolist()
        written = [*names, *(name.replace(" - ", " \u2013 ") for name in names)]
        placed = _placed(country, gemeente, [*written, *(f"{name} - bij de kerk" for name in names)])
        for (level, code, name), row in zip(
            [*zip(named["level"], named["code"], names, strict=True)] * 3, placed.itertuples(), strict=True
        ):
            wijk = code if level == "wijk" else f"WK{code[2:8]}"
            noted = row.location_raw.endswith(" - bij de kerk")
            if level == "buurt" and row.buurt_code == code:
                assert row.resolved_by == "buurtnaam", row
                assert not noted or row.reason == NOTE.format(name, name, code), row
            elif noted:
                # The name alone is a wijk, or a buurt and the wijk around it: not placed (as in brackets).
                assert row.resolved_by == "onbekend" and "leave out the note 'bij de kerk'" in row.reason, row
            else:
                # A wijk's name; a buurt's that is the wijk's around it too ('Rilland - Bath') is placed in its wijk.
                assert row.wijk_code == wijk, row
                assert level == "wijk" or "the name is both a buurt and the wijk around it" in row.reason, row


def test_a_gemeente_before_or_after_a_dash_is_read_as_before(overijssel):
    # Twelve Overijssel gemeenten of the national KWB 2020: Centrum names a buurt in several of them.
    written = ["Deventer - Rivierenbuurt", "Rivierenbuurt - Deventer", "Deventer – Centrum", "Centrum - Deventer"]
    placed = resolve_locations(
        pd.DataFrame({"location_raw": written}), overijssel, gemeente=sorted(set(overijssel["gemeente_code"]))
    )
    assert placed["buurt_code"].tolist() == ["BU01500701", "BU01500701", "BU01500101", "BU01500101"]
    assert placed["reason"].isna().all()
