"""Known scrubbing misses of README privacy section 4, fixed by helper scrub9, and the false positive of an e-mail
address said aloud (``Zij at soep punt uit``). Each caught sentence goes with the placeholder of its written form and
nothing else; each kept sentence stays whole. Every sentence, name and number here is FICTIEF: made up for these
tests, about no real person."""

from __future__ import annotations

import pandas as pd
import pytest

from buurtdata.sources.interviews import scrub_text
from buurtdata.sources.interviews.scrub import contact_details

#: (said, what scrubbing leaves).
CAUGHT_CONTACTS = [
    # an e-mail address said aloud with the word at: its last part is a known top-level domain
    ("anja at gmail punt com", "[e-mail]"),
    ("mail anja at mail punt ziggo punt nl graag", "mail [e-mail] graag"),
    ("anja at gmail.com", "[e-mail]"),
    ("anja at kpnmail punt nl.", "[e-mail]."),
]

#: Ordinary sentences that stay whole, and name no contact detail.
KEPT = [
    "Zij at soep punt uit",
    "Zij at soep punt uit.",
    "Hij at brood punt, daarna ging hij.",
    "Ze at taart punt en klaar.",
]


@pytest.mark.parametrize(("said", "scrubbed"), CAUGHT_CONTACTS, ids=[said[:40] for said, _ in CAUGHT_CONTACTS])
def test_a_contact_detail_said_aloud_goes_and_nothing_else(said, scrubbed):
    assert scrub_text(pd.Series([said])).tolist() == [scrubbed]
    assert scrub_text(pd.Series([scrubbed])).tolist() == [scrubbed]
    assert contact_details(said) and not contact_details(scrubbed)


@pytest.mark.parametrize("text", KEPT, ids=[text[:40] for text in KEPT])
def test_an_ordinary_sentence_stays(text):
    assert scrub_text(pd.Series([text])).tolist() == [text]
    assert contact_details(text) == []
