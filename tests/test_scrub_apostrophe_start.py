"""A quote that opens with 't or 's before a capital crashed scrubbing (helper spelt found it while reading every
test sentence through the scrubber): ``'t Hart zegt het`` raised TypeError in person_names.kept, so a build with
such a quote stopped with a traceback. The sentences are FICTIEF."""

from __future__ import annotations

import pandas as pd

from buurtdata.sources.interviews import scrub_text

OPENING_WITH_AN_APOSTROPHE = [
    "'t Hart (buurtcoach)",
    "'t Hart zegt het",
    "’t Hart zegt het",
    "'t Is hier fijn",
    "'s Avonds is het stil",
    "'t Hart van de wijk is het plein.",
]


def test_a_quote_opening_with_an_apostrophe_is_scrubbed_without_an_error():
    scrubbed = scrub_text(pd.Series(OPENING_WITH_AN_APOSTROPHE)).tolist()
    assert scrubbed[3:] == OPENING_WITH_AN_APOSTROPHE[3:]  # ordinary Dutch stays
    assert all(isinstance(text, str) for text in scrubbed)
