"""Review aa, S5 and S6: people of a region or city and a chain's shops in the plural (De Tukkers, de Zeemans) are
no family and stay, and a run of numbers after ``bereikbaar op`` followed by a month is dates, no mobile number said
without its nul. Every sentence, name and number here is FICTIEF."""

from __future__ import annotations

import pandas as pd
import pytest

from buurtdata.sources.interviews import scrub_text

KEPT = [
    "De Tukkers van FC Twente.",
    "De Brabanders vieren carnaval.",
    "Het zijn de Hollanders die hier komen wonen.",
    "De Hagenaars zijn anders.",
    "De Blokkers zijn allemaal dicht.",
    "We gingen naar de Zeemans.",
    "Ik ben bereikbaar op zes, twaalf, dertien, veertien en vijftien mei.",
    "Bel me op zes, twaalf, dertien, veertien en vijftien januari.",
]
CAUGHT = [
    ("De Jansens hebben schulden.", "De [naam] hebben schulden."),
    ("Bij de Pietersens thuis is het krap.", "Bij de [naam] thuis is het krap."),
    ("Ik ben bereikbaar op zes, twaalf, dertien, veertien, vijftien.", "Ik ben bereikbaar op [telefoon]."),
    (
        "Bel me op zes twaalf vierendertig vijfenzestig achtenzeventig, om negen uur.",
        "Bel me op [telefoon], om negen uur.",
    ),
    # Review ab, L2: a whole number said before "uur" is still one.
    (
        "Bel me op zes twaalf vierendertig zesenvijftig achtenzeventig uur of later.",
        "Bel me op [telefoon] uur of later.",
    ),
]


@pytest.mark.parametrize("said", KEPT)
def test_a_group_a_chain_or_dates_stay(said):
    assert scrub_text(pd.Series([said]))[0] == said


@pytest.mark.parametrize(("said", "left"), CAUGHT)
def test_a_family_and_a_mobile_number_still_go(said, left):
    assert scrub_text(pd.Series([said]))[0] == left
