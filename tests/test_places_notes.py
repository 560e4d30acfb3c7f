"""Sweep12 F6: a buurt name with a note in brackets or after a comma (``Berflo Es Noord (bij de kerk)``, ``Berflo Es
Noord, bij de kerk``) is placed in that buurt when the name alone is exactly one buurt (the reason says the note was
left out, without quoting it); when it is not (a wijk, a misspelling, a note that may name another place), the reason
says what the name alone is and to leave out the note. Nothing ambiguous is placed. Notes and names are FICTIEF."""

from __future__ import annotations

import pandas as pd
import pytest

from buurtdata.sources.interviews import resolve_locations

PLAIN = "no match: '{}' is no buurt or wijk name, code or postcode of Hengelo (O.)"
NOORD = "'Berflo Es Noord' read as buurt 'Berflo Es Noord' (BU01640501): the note after it was left out"
NOORD_ALONE = "'Berflo Es Noord' alone is buurt 'Berflo Es Noord' (BU01640501) there: leave out the note "


@pytest.fixture(scope="module")
def regions(hengelo_run):
    return hengelo_run.con.sql("select * from regions where year = 2024").df()


def _place(regions, location: str) -> pd.Series:
    return resolve_locations(pd.DataFrame({"location_raw": [location]}), regions, gemeente="GM0164").iloc[0]


@pytest.mark.parametrize(
    "location",
    [
        "Berflo Es Noord (bij de kerk)",
        "Berflo Es Noord, bij de kerk",
        "Berflo Es Noord (bij Henk Bakker)",
        "Berflo Es Noord, bij de kerk, achter de school",
        "berflo es noord (naast de supermarkt)",
    ],
)
def test_a_buurt_name_with_a_note_is_placed_in_that_buurt(regions, location):
    row = _place(regions, location)
    assert (row["buurt_code"], row["wijk_code"], row["resolved_by"]) == ("BU01640501", "WK016405", "buurtnaam")
    name = location.split("(")[0].split(",")[0].strip()  # the name as written
    assert row["reason"] == NOORD.replace("'Berflo Es Noord'", f"'{name}'", 1)
    assert "kerk" not in row["reason"] and "Henk" not in row["reason"]


@pytest.mark.parametrize(
    ("location", "alone"),
    [
        # A wijk alone (Noord is the buurt and the wijk around it), a misspelt name: not placed, the reason says why.
        (
            "Noord (bij de kerk)",
            "'Noord' alone is wijk 'Wijk 02 Noord' (WK016402) there: leave out the note 'bij de kerk'",
        ),
        (
            "Noord, bij de kerk",
            "'Noord' alone is wijk 'Wijk 02 Noord' (WK016402) there: leave out the note 'bij de kerk'",
        ),
        (
            "Berflo Es (bij de kerk)",
            "'Berflo Es' alone is wijk 'Wijk 05 Berflo Es' (WK016405) there: leave out the note 'bij de kerk'",
        ),
        (
            "Berflo Es Nord (bij de kerk)",
            "'Berflo Es Nord' alone is buurt 'Berflo Es Noord' (BU01640501) there: leave out the note 'bij de kerk'",
        ),
        # A note that may mean another place (or, between, another buurt's name): not placed.
        (
            "Berflo Es Noord, of Berflo Es Zuid",
            NOORD_ALONE + "'of Berflo Es Zuid'",
        ),
        (
            "Berflo Es Noord (nabij Berflo Es Zuid)",
            NOORD_ALONE + "'nabij Berflo Es Zuid'",
        ),
        (
            "Berflo Es Noord, tussen de flats",
            NOORD_ALONE + "'tussen de flats'",
        ),
    ],
)
def test_a_name_with_a_note_that_is_no_one_buurt_says_to_leave_out_the_note(regions, location, alone):
    row = _place(regions, location)
    assert (row["resolved_by"], pd.isna(row["buurt_code"]), pd.isna(row["wijk_code"])) == ("onbekend", True, True)
    assert row["reason"] == f"{PLAIN.format(location)}; {alone} if that is meant"


def test_a_gemeente_in_brackets_is_read_as_before(regions):
    assert _place(regions, "Berflo Es Noord (Hengelo)")["buurt_code"] == "BU01640501"
    assert _place(regions, "Berflo Es Noord (Enschede)")["reason"].endswith("leave out 'Enschede' if that is meant")
