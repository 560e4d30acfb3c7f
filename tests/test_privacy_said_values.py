"""Review aa, S1: a shifted or swapped code column makes every row's code unknown. The error lists the first
codes (each said once, in one batch: no name or contact detail repeated), says how many more, and hints that the
code column seems to hold the quotes. Every quote and name here is FICTIEF."""

from __future__ import annotations

import pandas as pd
import pytest

from buurtdata._errors import ValidationError
from buurtdata.sources.interviews.codebook import LISTED, attach_themes
from buurtdata.sources.interviews.privacy import NOT_REPEATED, said_value, said_values

BOOK = pd.DataFrame({"code_id": ["Wonen/Schimmel", "Ontmoeten"], "theme": ["Wonen", "Ontmoeten"]})


def _problems(codes: list[str]) -> list[str]:
    segments = pd.DataFrame({"source": ["a.csv"] * len(codes), "code_id": codes})
    segments.index = pd.RangeIndex(2, len(codes) + 2, name="row")
    with pytest.raises(ValidationError) as raised:
        attach_themes(segments, BOOK)
    return raised.value.problems


def test_said_values_says_each_as_said_value_does():
    values = ["Onmoeten", "Henk Jansen", "anneke@example.nl", "Onmoeten", "2024-13-01", "Kerkstraat 3"]
    assert said_values(values) == [said_value(value) for value in values]
    assert said_values(values)[:3] == ["'Onmoeten'", NOT_REPEATED, NOT_REPEATED]
    assert said_values([]) == []


def test_a_code_column_holding_the_quotes_is_hinted_and_capped():
    quotes = [f"Ik woon hier al {n} jaar en de schimmel komt steeds terug" for n in range(60)]
    quotes[3] = "Henk Jansen van nummer 4 belt nooit terug als het lekt"
    problems = _problems([*quotes, "Ontmoeten"])
    hint, *listed, more = problems
    assert hint.startswith("a.csv: 60 of 61 rows have a code not in the codebook")
    assert "does the code column hold the quotes (columns swapped or shifted)?" in hint
    assert len(listed) == LISTED and listed[0].startswith("a.csv, row 2: code 'Ik woon hier al 0 jaar")
    assert "Henk" not in " ".join(problems) and NOT_REPEATED in listed[3]
    assert more == (
        f"a.csv: and {60 - LISTED} more code(s) not in the codebook, in {60 - LISTED} more row(s); correct the ones "
        "above and read again to see them."
    )


def test_a_few_typos_get_no_hint_and_no_more_line():
    problems = _problems(["Onmoeten", "Ontmoeten", "Wonen/Schimel", "Ontmoeten"])
    assert [problem.split(":")[0] for problem in problems] == ["a.csv, row 2", "a.csv, row 4"]
    assert "did you mean 'Ontmoeten'?" in problems[0] and "'Onmoeten'" in problems[0]


def test_a_few_sentence_codes_get_no_hint():
    problems = _problems(["Ik woon hier al jaren", "Het is hier druk soms", "Ontmoeten"])
    assert [problem.split(":")[0] for problem in problems] == ["a.csv, row 2", "a.csv, row 3"]
