"""Review z of numbers said aloud (helper fixz1): a BSN that opens with 0 read as a number said aloud (H1), and
spellings of a phone number said aloud that still published it (M4). Every sentence and number here is FICTIEF:
made up for these tests, about no real person (012345672 passes the 11-proef, as a BSN does)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from buurtdata.outputs import audit
from buurtdata.sources.interviews import scrub_text
from buurtdata.sources.interviews.scrub import contact_details

#: (written, what scrubbing leaves): a BSN with a leading 0 (an old sofinummer of 8 digits is written so) goes as it
#: did before numbers said aloud were read, and a number after it stays (review z H1: the rows of its table).
BSN_WITH_A_LEADING_0 = [
    ("012 345 672", "[bsn]"),
    ("012345672 12 keer", "[bsn] 12 keer"),
    ("012345672, 12 keer", "[bsn], 12 keer"),
    ("nummer 012345672, 2 keer gebeld", "nummer [bsn], 2 keer gebeld"),
    ("012345672 nul", "[bsn] nul"),
    ("nul 012345672", "nul [bsn]"),
    ("Zijn sofinummer: 012.345.672, en bel 06 twaalf 34 56 78.", "Zijn sofinummer: [bsn], en bel [telefoon]."),
]


@pytest.mark.parametrize(("written", "scrubbed"), BSN_WITH_A_LEADING_0, ids=[w for w, _ in BSN_WITH_A_LEADING_0])
def test_a_bsn_that_opens_with_0_goes_and_the_number_after_it_stays(written, scrubbed):
    assert scrub_text(pd.Series([written])).tolist() == [scrubbed]
    assert scrub_text(pd.Series([scrubbed])).tolist() == [scrubbed]
    assert "[bsn]" in contact_details(written) and not contact_details(scrubbed)


def test_nine_digits_with_a_leading_0_that_are_no_bsn_stay_and_a_number_after_them_goes():
    # 012345678 fails the 11-proef: no BSN, and 0 12 34 56 78 spells no phone number either.
    assert scrub_text(pd.Series(["012 345 678 keer", "012 345 678 of 06 12345678"])).tolist() == [
        "012 345 678 keer",
        "012 345 678 of [telefoon]",
    ]
    assert contact_details("012 345 678 keer") == [] and contact_details("012 345 678 06 12345678") == ["[telefoon]"]


def test_the_audit_finds_a_bsn_that_opens_with_0_in_a_published_quote():
    buurten = pd.DataFrame(
        [("BU01640701", "W1", "Veiligheid", 5, "getoond")], columns=["buurt", "wijk", "theme", "respondents", "status"]
    )
    quotes = pd.DataFrame(
        [("BU01640701", "Veiligheid", None, "Mijn nummer 012 345 672, 2 keer gebeld.")],
        columns=["buurt", "theme", "role", "quote"],
    )
    problems = audit.audit_tables({"buurt_themes": buurten, "quotes": quotes}, 3)
    assert len(problems) == 1, problems
    assert "begins “Mijn nummer [bsn], 2 keer gebeld.” still holds a BSN." in problems[0]
    assert not re.search(r"345|672", problems[0])
