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


def test_a_familys_placeholder_is_worked_out_once(monkeypatch):
    """A name kept that turns out to be a family's (De Jansens hebben) is replaced by the placeholder worked out when
    the family was found, not by working it out again."""
    from buurtdata.sources.interviews import scrub

    worked_out = []
    placeholder = scrub._placeholder
    monkeypatch.setattr(
        scrub,
        "_placeholder",
        lambda match, *args: worked_out.append((match.string, match.span())) or placeholder(match, *args),
    )
    said = ["De Jansens hebben schulden.", "De Jansens en de Pietersens maken ruzie."]
    assert scrub_text(pd.Series(said)).tolist() == ["De [naam] hebben schulden.", "De [naam] en de [naam] maken ruzie."]
    assert len(worked_out) == len(set(worked_out)) == 3
