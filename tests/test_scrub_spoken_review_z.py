"""Review z of numbers said aloud (helper fixz1): a BSN that opens with 0 read as a number said aloud (H1),
spellings of a phone number said aloud that still published it (M4), and a foreign one cut at a wrong place (L3).
Every sentence and number here is FICTIEF: made up for these tests, about no real person (012345672 passes the
11-proef, as a BSN does)."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from guards import no_hang

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


#: (said, what scrubbing leaves): spellings of a phone number said aloud that were published whole or in part
#: (review z M4, its table).
SAID = [
    ("nul zes, twaalf, vierendertig, zesenvijftig en achtenzeventig", "[telefoon]"),
    ("Bel nul zes twaalf vierendertig zesenvijftig en achtenzeventig, na zessen.", "Bel [telefoon], na zessen."),
    ("nul zes ... twaalf ... vierendertig ... zesenvijftig ... achtenzeventig", "[telefoon]"),
    ("nul zes … twaalf … vierendertig … zesenvijftig … achtenzeventig", "[telefoon]"),
    ("nul vijf drie, vierhonderd tweeëndertig, twaalf, vierendertig", "[telefoon]"),
    ("nul zes, honderd twaalf, vierendertig, zesenvijftig, acht", "[telefoon]"),
    ("nul zes honderdtwintig vierendertig vijfhonderd zesenzeventig", "[telefoon]"),
    ("nul zes, honderd twintig, vierendertig, vijfhonderd zesenzeventig.", "[telefoon]."),
    ("nul-zes, twaalf-vierendertig, zesenvijftig-achtenzeventig", "[telefoon]"),
    ("nul zes hm twaalf vierendertig zesenvijftig achtenzeventig", "[telefoon]"),
    ("nul zes, eh, nou, twaalf, vierendertig, zesenvijftig, achtenzeventig", "[telefoon]"),
    ("nul zes, hmm, twaalf vierendertig zesenvijftig achtenzeventig", "[telefoon]"),
    ("nul zes, twaalf, vier en dertig, zes en vijftig, acht en zeventig", "[telefoon]"),
]

#: Ordinary speech that stays: a list of counts with en before its last (its nul stands alone), scores below 20,
#: hundreds and a count. (An en inside the number, nul zes twaalf en vierendertig ..., stood here as a count of two
#: things; it spells a whole phone number, and is one since helper scrub9: tests/test_scrub_said_misses.py.)
SAID_AND_KEPT = [
    "Ze scoorden nul, zes, twaalf, vierendertig, zesenvijftig en achtenzeventig punten in zes wedstrijden",
    "Er waren 0, 6, 12, 34, 56 en 78 deelnemers",
    "de uitslagen: nul-drie, twee-een, tien-nul, nul-twaalf",
    "vierhonderd tweeëntwintig mensen, nul klachten",
    "nul, hm, nou, zes",
    "nou, nul zes keer en vier en dertig keer",
    "nul komma zes … twaalf procent",
]


@pytest.mark.parametrize(("said", "scrubbed"), SAID, ids=[said[:40] for said, _ in SAID])
def test_a_number_said_aloud_in_these_spellings_goes_whole(said, scrubbed):
    assert scrub_text(pd.Series([said])).tolist() == [scrubbed]
    assert scrub_text(pd.Series([scrubbed])).tolist() == [scrubbed]
    assert contact_details(said) and not contact_details(scrubbed)


def test_counts_scores_and_hundreds_said_aloud_stay():
    assert scrub_text(pd.Series(SAID_AND_KEPT)).tolist() == SAID_AND_KEPT
    assert [contact_details(text) for text in SAID_AND_KEPT] == [[] for _ in SAID_AND_KEPT]


#: Hostile runs of the new separators and joins, 50,000 characters each.
HOSTILE = {
    "nul en": "nul en " * 7_143,
    "nul hm": "nul hm " * 7_143,
    "nul nou": "nul nou " * 6_250,
    "nul …": "nul … " * 8_334,
    "nul ...": "nul ... " * 6_250,
    "vier en dertig": "nul vier en dertig " * 2_632,
    "honderd": "nul honderd twaalf " * 2_632,
    "scores": "nul-zes, " * 5_556 + "twaalf",
    "en en": "nul " + "en " * 16_666,
    "nul nul drie": "nul nul drie twee " * 2_778,
}


def test_hostile_runs_of_the_new_spellings_are_scrubbed_without_hanging():
    with no_hang("a hostile run of numbers said aloud with en, fillers and dots"):
        scrubbed = dict(zip(HOSTILE, scrub_text(pd.Series(list(HOSTILE.values()))), strict=True))
        for text in HOSTILE.values():
            contact_details(text)
    for name in ("nul en", "nul hm", "nul nou", "nul …", "nul ...", "en en"):
        assert scrubbed[name] == HOSTILE[name], name


#: (said, what scrubbing leaves): a foreign number said aloud after nul nul goes whole; it was cut at a wrong place,
#: its ends published (``nul [telefoon], zesenvijftig``, review z L3).
FOREIGN = [
    ("nul nul drie twee, vier zeven nul, twaalf, vierendertig, zesenvijftig", "[telefoon]"),
    (
        "Bel nul nul drie twee, vier zeven nul, twaalf, vierendertig, zesenvijftig, na zessen.",
        "Bel [telefoon], na zessen.",
    ),
    ("nul nul negenenveertig, een vijf een, twaalf, vierendertig, zesenvijftig, achtenzeventig", "[telefoon]"),
]
#: Stays: too few digits after the nul nul, a 0 after the 00, scores.
FOREIGN_KEPT = [
    "het stond nul nul, toen een nul, twee nul, twee een, drie een, vier een",
    "nul nul drie",
    "nul nul, nul een, nul twee",
    "nul nul nul nul nul nul nul nul nul nul nul",
    # Scores, also read from inside the first pair (was nul-[telefoon]-een, vijf-een: the run at the second nul).
    "nul-nul, een-nul, twee-nul, twee-een, drie-een, vier-een, vijf-een",
    "de uitslagen: 0-0, 1-0, 2-0, 2-1, 3-1, 4-1",
]


@pytest.mark.parametrize(("said", "scrubbed"), FOREIGN, ids=[said[:40] for said, _ in FOREIGN])
def test_a_foreign_number_said_aloud_goes_whole(said, scrubbed):
    assert scrub_text(pd.Series([said])).tolist() == [scrubbed]
    assert contact_details(said) and not contact_details(scrubbed)


def test_nul_nul_without_a_foreign_number_stays():
    assert scrub_text(pd.Series(FOREIGN_KEPT)).tolist() == FOREIGN_KEPT
    assert [contact_details(text) for text in FOREIGN_KEPT] == [[] for _ in FOREIGN_KEPT]
