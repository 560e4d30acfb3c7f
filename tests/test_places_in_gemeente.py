"""A place written with a gemeente after it (``Centrum (Enschede)``, ``centrum, enschede``): looked up in that
gemeente alone, and when it places nothing the reason says why: the name is several regions there, the gemeente is
not the project's, or it is not built. A misspelt gemeente is read as the one it is like."""

from __future__ import annotations

import pandas as pd
import pytest
import spoken

from buurtdata.outputs import _unplaced
from buurtdata.outputs._unplaced import FIXES, dutch_reasons
from buurtdata.sources.interviews import resolve_locations
from tests.test_refused_places import _refused

COLUMNS = ["code", "level", "name", "gemeente_code", "wijk_code", "postcode"]
#: Enschede with two buurten called Centrum in two wijken; Hengelo with one Centrum and a Tichelwerk.
REGIONS = pd.DataFrame(
    [
        ("GM0153", "gemeente", "Enschede", "GM0153", None, None),
        ("WK015301", "wijk", "Wijk 01 Binnensingel", "GM0153", None, None),
        ("BU01530101", "buurt", "Centrum", "GM0153", "WK015301", None),
        ("WK015302", "wijk", "Wijk 02 Hogeland", "GM0153", None, None),
        ("BU01530201", "buurt", "Centrum", "GM0153", "WK015302", None),
        ("GM0164", "gemeente", "Hengelo (O.)", "GM0164", None, None),
        ("WK016401", "wijk", "Wijk 01 Hengelo Oost", "GM0164", None, None),
        ("BU01640101", "buurt", "Tichelwerk", "GM0164", "WK016401", None),
        ("BU01640102", "buurt", "Centrum", "GM0164", "WK016401", None),
    ],
    columns=COLUMNS,
)
TWO = ["GM0153", "GM0164"]


def _place(location: str, gemeente, regions: pd.DataFrame = REGIONS, **kwargs) -> pd.Series:
    return resolve_locations(pd.DataFrame({"location_raw": [location]}), regions, gemeente=gemeente, **kwargs).iloc[0]


@pytest.mark.parametrize("gemeente", [TWO, "NL", "GM0164"])  # GM0164: a name followed by its own gemeente's
@pytest.mark.parametrize(
    "location", ["Centrum (Hengelo)", "centrum, hengelo (o.)", "Centrum (Hengelo (O.))", "centrum, hengelo"]
)
def test_a_name_several_gemeenten_share_is_placed_in_the_gemeente_after_it(location, gemeente):
    row = _place(location, gemeente)
    assert (row["buurt_code"], row["resolved_by"]) == ("BU01640102", "buurtnaam") and pd.isna(row["reason"])


@pytest.mark.parametrize("gemeente", [TWO, "NL", "GM0153"])
def test_a_name_several_regions_of_the_gemeente_after_it_share_says_which_they_are(gemeente):
    row = _place("Centrum (Enschede)", gemeente)
    assert row["resolved_by"] == "onbekend"
    assert row["reason"] == (
        "ambiguous between buurt 'Centrum' (BU01530101) and buurt 'Centrum' (BU01530201) in Enschede; "
        "write the buurt code (BU01530101, BU01530201) or the full wijk name"
    )
    assert dutch_reasons(pd.Series([row["reason"]]), many=True)[0] == "plaats kan meer dan één buurt zijn (niet gegokt)"


def test_a_gemeente_that_is_not_the_projects_is_named_with_the_region_the_name_alone_is():
    row = _place("Centrum (Enschede)", "GM0164", REGIONS[REGIONS["gemeente_code"] == "GM0164"])
    assert row["resolved_by"] == "onbekend"
    assert row["reason"] == (
        "no match: 'Enschede' is not the project's gemeente Hengelo (O.) (GM0164); 'Centrum' alone is "
        "buurt 'Centrum' (BU01640102) there: leave out 'Enschede' if that is meant"
    )
    assert dutch_reasons(pd.Series([row["reason"]]), many=False)[0] == "buiten de gemeente van dit project"


def test_a_gemeente_that_is_not_the_projects_with_a_name_several_regions_share_says_both():
    one = REGIONS[REGIONS["gemeente_code"] == "GM0153"]
    row = _place("Centrum, Hengelo", "GM0153", one)
    assert row["reason"] == (
        "no match: 'Hengelo' is not the project's gemeente Enschede (GM0153); 'Centrum' alone is "
        "ambiguous there, between buurt 'Centrum' (BU01530101) and buurt 'Centrum' (BU01530201)"
    )


def test_a_gemeente_that_is_none_of_a_regions_says_what_the_name_is_in_the_region():
    row = _place("Centrum (Almelo)", TWO)
    assert row["reason"] == (
        "no match: 'Almelo' is none of the project's gemeenten GM0153 (Enschede) and GM0164 (Hengelo (O.)); "
        "'Centrum' alone is ambiguous in the project, between buurt 'Centrum' (BU01530101), buurt 'Centrum' "
        "(BU01530201) and buurt 'Centrum' (BU01640102)"
    )


def test_a_name_of_another_gemeente_of_the_project_than_the_one_after_it_says_where_it_is():
    row = _place("Tichelwerk (Enschede)", TWO)
    assert row["resolved_by"] == "onbekend"
    assert row["reason"] == (
        "no match: 'Tichelwerk' is no buurt or wijk name of Enschede; 'Tichelwerk' alone is buurt 'Tichelwerk' "
        "(BU01640101) of Hengelo (O.): write that gemeente if that is meant"
    )


@pytest.mark.parametrize("written", ["Hengeloo", "Hengelo Ov"])
def test_a_misspelt_gemeente_is_read_as_the_one_it_is_like_and_says_so(written):
    row = _place(f"Tichelwerk ({written})", TWO)
    assert (row["buurt_code"], row["resolved_by"]) == ("BU01640101", "buurtnaam")
    assert row["reason"].startswith(f"{written!r} read as gemeente 'Hengelo (O.)' (GM0164), similarity ")


def test_a_name_after_which_a_refused_gemeente_is_written_says_it_was_not_built():
    # Centrum is a buurt of Hengelo (built) and of Groningen (refused): the gemeente written decides.
    from tests.test_refused_places import BUILT, WHY

    row = _place("Centrum (Groningen)", ["GM0164", "GM0014"], BUILT, refused=_refused())
    assert row["resolved_by"] == "onbekend" and row["reason"] == f"gemeente not built: {WHY}"
    hengelo = _place("Centrum (Hengelo)", ["GM0164", "GM0014"], BUILT, refused=_refused())
    assert hengelo["buurt_code"] == "BU01640102"


@pytest.mark.parametrize("location", ["Stadspark (bij de vijver)", "Hengelo (O.)"])
def test_brackets_that_name_no_gemeente_after_no_known_name_keep_the_plain_reason(location):
    row = _place(location, TWO)
    assert row["resolved_by"] == "onbekend" and row["reason"].startswith("no match: ")
    assert "is not the project's gemeente" not in row["reason"]


@pytest.mark.parametrize(
    ("reason", "many", "uitleg"),
    [
        ("empty: no location given", False, "geen plaats opgegeven"),
        ("no match: 'Drie' is no buurt or wijk name of Hengelo (O.)", False, "plaats niet gevonden in deze gemeente"),
        (
            "no match: 'Drie' is no buurt or wijk name of these gemeenten",
            True,
            "plaats niet gevonden in de gemeenten van dit project",
        ),
        (
            "no match: 'Enschede' is not the project's gemeente Hengelo (O.) (GM0164)",
            False,
            "buiten de gemeente van dit project",
        ),
        ("no match: 'Almelo' is none of Hengelo (O.) and Enschede", True, "buiten de gemeenten van dit project"),
        ("no match: 'Xyz' is no gemeente", True, "plaats niet gevonden in de gemeenten van dit project"),
        (
            "ambiguous between buurt 'Centrum' (BU01530101) and buurt 'Centrum' (BU01530201)",
            True,
            "plaats kan meer dan één buurt zijn (niet gegokt)",
        ),
        (
            "ambiguous between buurt 'Noord' (BU01640200) and wijk 'Wijk 02 Noord' (WK016402): the name is both a "
            "buurt and the wijk around it, so the segment is placed in the wijk only; write the buurt code",
            False,
            "kan de buurt of de hele wijk zijn (niet gegokt)",
        ),
        (
            "7551AB spans buurt 'A' and buurt 'B', all in wijk 'W': placed in the wijk only",
            False,
            "alleen de wijk is bekend",
        ),
        ("outside gemeente: BU01530101 lies in Enschede, not in Hengelo (O.)", False, "buiten de gemeente"),
        (
            "gemeente not built: GM0014 Groningen: no boundaries (see gemeenten.csv)",
            True,
            "gemeente niet meegenomen (zie gemeenten.csv)",
        ),
        ("", False, "alleen de wijk is bekend"),
    ],
)
def test_each_uitleg_is_true_for_its_reason(reason, many, uitleg):
    # RULE: each uitleg is true for its reason.
    assert dutch_reasons(pd.Series([reason]), many=many)[0] == uitleg
    # User test T: and each says how to fix it, in Dutch (column herstel), as the report's index promises.
    assert FIXES[uitleg] and not spoken.problems(FIXES[uitleg])


def test_every_uitleg_has_its_herstel():
    labels = {*_unplaced._UNPLACED_REASONS.values(), *_unplaced._UNPLACED_MANY.values(), _unplaced._IN_WIJK}
    labels |= {*_unplaced._WHOLE_GEMEENTE.values(), *_unplaced._GEMEENTE_COLUMN.values()}
    labels |= {"buiten de gemeente van dit project"}
    assert labels <= set(FIXES), labels - set(FIXES)
