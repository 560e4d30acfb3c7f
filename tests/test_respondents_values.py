"""A bad role or consent in a respondents table is the table's, by its row and respondent (user test R: a consent
'misschien' in respondenten_2025.csv was blamed on row 16 of the Taguette highlights, which have no consent)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from buurtdata._errors import ValidationError
from buurtdata.sources.interviews import read_segments

QDA = Path(__file__).parent / "fixtures" / "qda"


def _respondents(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "respondenten_2025.csv"
    path.write_text("# FICTIEF\nrespondent,role,location,consent\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_a_bad_consent_or_role_names_the_respondents_file_and_its_row(tmp_path):
    highlights = shutil.copy(QDA / "taguette_highlights.csv", tmp_path / "taguette_highlights.csv")
    table = _respondents(tmp_path, ["HGL-B04,bewoner,Berflo-Es Noord,misschien", "HGL-B06,buurman,klein driene,nee"])
    with pytest.raises(ValidationError) as error:
        read_segments(highlights, respondents=table)
    assert error.value.problems == [
        f"{table}, row 3 (respondent 'HGL-B04'), field 'consent': 'misschien' is not ja or nee; fill in ja or nee.",
        f"{table}, row 4 (respondent 'HGL-B06'), field 'role': 'buurman' is not a known role; use one of bewoner, "
        "professional, ondernemer, onbekend (variants such as wijkwerker, jongerenwerker or winkelier are read as "
        "their role).",
    ]
    assert "taguette_highlights.csv" not in str(error.value)


def test_a_frame_of_respondents_is_named_by_its_index():
    respondents = pd.DataFrame({"respondent": ["HGL-B04", "HGL-B06"], "consent": ["ja", "soms"]})
    expected = r"respondents, row \(index\) 1 \(respondent 'HGL-B06'\), field 'consent'"
    with pytest.raises(ValidationError, match=expected):
        read_segments(QDA / "taguette_highlights.csv", respondents=respondents)


def test_good_spellings_of_a_table_still_read():
    table = pd.DataFrame({"respondent": ["hgl-b04", "HGL-B06"], "role": ["wijkwerker", ""], "consent": ["J", "nee"]})
    segments = read_segments(QDA / "taguette_highlights.csv", respondents=table)
    by = segments.groupby("respondent")[["role", "consent"]].first()
    assert by.loc["HGL-B04"].tolist() == ["professional", True]
    assert by.loc["HGL-B06"].tolist() == ["onbekend", False]


@pytest.mark.parametrize(
    ("written", "role"),
    [
        ("bewoonster", "bewoner"),
        ("Buurtbewoonster", "bewoner"),
        ("winkeleigenaar", "ondernemer"),
        ("Professional (wijkagent)", "professional"),
        ("bewoner (huurder)", "bewoner"),
        ("Ahmed (jongerenwerker)", None),  # a name with a role in brackets is no role: the name must not pass
        ("ondernemer/bewoner", None),
    ],
)
def test_everyday_role_words_are_read_as_their_role(written, role):
    # Sweep 12 interviews F8: bewoonster, winkeleigenaar and 'Professional (wijkagent)' were no known role.
    from buurtdata.sources.interviews.respondents import role_of

    assert role_of(written) == role
