"""Sweep12 F20: a message quotes a value as written (``Ontmoeten\\Buurthuis`` with one backslash, as the cell holds
it), not as Python's ``repr`` writes it (each backslash doubled), so that a search of the file finds it; what cannot be
seen (a line break, a tab, a control character) stays escaped. All values FICTIEF."""

from __future__ import annotations

import pandas as pd
import pytest

from buurtdata._errors import ValidationError, shown, where
from buurtdata.sources.interviews.codebook import attach_themes
from buurtdata.sources.interviews.gemeente_column import quoted
from buurtdata.sources.interviews.privacy import said_value

BOOK = pd.DataFrame({"code_id": ["Ontmoeten/Buurthuis"], "theme": ["Ontmoeten"]})


def _message(code: str) -> str:
    with pytest.raises(ValidationError) as raised:
        attach_themes(pd.DataFrame({"source": ["codepaths.csv"], "code_id": [code]}), BOOK)
    (problem,) = raised.value.problems
    return problem


def test_a_code_with_a_backslash_is_quoted_as_written():
    message = _message("Ontmoeten\\Buurthuis")
    assert "code 'Ontmoeten\\Buurthuis' is not in the codebook (did you mean 'Ontmoeten/Buurthuis'?)" in message
    assert "\\\\" not in message


def test_a_code_with_double_backslashes_keeps_two():
    message = _message("Nodes\\\\Ontmoeten\\\\Buurthuis")
    assert "code 'Nodes\\\\Ontmoeten\\\\Buurthuis' is not in the codebook" in message


def test_what_cannot_be_seen_stays_escaped():
    assert shown("Ontmoeten\\Buurt\nhuis\t\x07\u200b\x1b[31m") == "'Ontmoeten\\Buurt\\nhuis\\t\\x07\\u200b\\x1b[31m'"
    assert "\n" not in _message("Ontmoeten\\Buurt\nhuis") and "\x07" not in _message("Ont\\moeten\x07")
    assert "code 'Ont\\moeten\\x07'" in _message("Ont\\moeten\x07")


def test_without_a_backslash_it_is_repr():
    for value in ["bewonr", "d'r", 'zei "ja"', 'zei "ja" en \'t', "regel\neen", "é\u200b"]:
        assert shown(value) == repr(value)
    assert shown("'t\\") == '"\'t\\"'  # the quote repr picks, the backslash as written


def test_other_helpers_quote_as_written():
    assert said_value("bewoner\\ster") == "'bewoner\\ster'"
    assert quoted("Hengelo\\Enschede") == "'Hengelo\\Enschede'"
    assert where("a.csv", 3, "rol\\naam") == "a.csv, row 3, field 'rol\\naam'"
