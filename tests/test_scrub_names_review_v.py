"""Review v's regression inputs (FICTIEF): a name in capitals goes whole after a title, role or speech verb, listed or
not (H1, H2), and what names no person stays (M1-M4); known misses and over-scrubs are strict xfails (README)."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from buurtdata.sources.interviews.scrub import scrub_text

FIXTURE = Path(__file__).parent / "fixtures" / "privacy" / "names_review_v.csv"
#: Places a Hengelo build passes, for the rows naming them.
PLACES = ["Hengelo", "Berflo Es", "Tuindorp 't Lansink", "Wijk 05 Berflo Es"]


def _rows() -> list:
    with FIXTURE.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    marks = {"missed": "a known miss", "over-scrubbed": "a known over-scrub"}
    return [
        pytest.param(
            row["text"],
            row["expected"],
            marks=[pytest.mark.xfail(strict=True, reason=f"{marks[row['status']]}: see README")]
            if row["status"] in marks
            else [],
            id=row["text"][:40],
        )
        for row in rows
    ]


def test_the_fixture_says_it_is_fictional():
    assert FIXTURE.read_text(encoding="utf-8").startswith("# FICTIEF")


@pytest.mark.parametrize(("text", "expected"), _rows())
def test_review_v(text, expected):
    out = scrub_text(pd.Series([text]), places=PLACES).tolist()[0]
    if expected:
        assert out == expected
    else:  # a name that should go: no word of the sentence's capitalised name left
        assert "[naam]" in out
