"""A respondent's code written in a quote is withheld as ``[respondent]`` (sweep 12 interviews F5, the rest).

A transcriber's note names who else said something (``Zoals HGL-B07 ook zei``, ``[interviewer: zie ook HGL-B05]``);
published under its speaker's pseudonym, the code would tie another respondent's code to what is published.
"""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from buurtdata import datasets, pipeline
from buurtdata.project import Project
from buurtdata.sources.interviews.privacy import pseudonymise

IDS = ["HGL-B05", "HGL-B07", "HGL-B01", "7", "Bewoner A"]


def _quotes(texts: list[str]) -> list[str]:
    """The texts as the project of IDS publishes them, each said by its first respondent."""
    frame = pd.DataFrame({"respondent": IDS, "text": [*texts, *[None] * (len(IDS) - len(texts))]})
    return pseudonymise(frame, b"sleutel")["text"].tolist()[: len(texts)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The sweep's own shapes.
        ("Zoals HGL-B07 ook zei: te weinig bankjes.", "Zoals [respondent] ook zei: te weinig bankjes."),
        ("Het is hier stil. [interviewer: zie ook HGL-B05]", "Het is hier stil. [interviewer: zie ook [respondent]]"),
        # However the code is written, as one person's id is spelled (normalise_respondents).
        ("zie ook hgl b7", "zie ook [respondent]"),
        ("(HGL_B007 zei hetzelfde)", "([respondent] zei hetzelfde)"),
        ("HGLB05, HGL-B01 en HGL B7.", "[respondent], [respondent] en [respondent]."),
        ("Net als hgl-b01.", "Net als [respondent]."),
    ],
)
def test_a_respondents_code_in_a_quote_goes(text, expected):
    assert _quotes([text]) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Ik woon hier 7 jaar.",  # the id "7" is a number: no code to look for in a sentence
        "Bewoner A zegt dat ook.",  # an id without a digit is a phrase
        "Lijn B7 rijdt niet meer.",  # B7 is nobody's id here (HGL-B07 is)
        "Op de A12 staat altijd file.",
        "In 2024 kwamen HGL-mensen langs.",
        "Het HGL-B070 project.",  # another number
        "Zie bijlage B05.",
    ],
)
def test_other_words_and_numbers_stay(text):
    assert _quotes([text]) == [text]


def test_missing_quotes_and_frames_without_text_are_left():
    frame = pd.DataFrame({"respondent": ["HGL-B01", "HGL-B05"], "text": [None, "HGL-B05 ook."]})
    assert pseudonymise(frame, b"k")["text"].tolist()[1] == "[respondent] ook."
    assert pd.isna(pseudonymise(frame, b"k")["text"].tolist()[0])
    assert list(pseudonymise(frame[["respondent"]], b"k").columns) == ["respondent"]


def test_pseudonyms_are_unchanged_by_it():
    frame = pd.DataFrame({"respondent": IDS, "text": ["HGL-B07"] * len(IDS)})
    assert (
        pseudonymise(frame, b"k")["respondent"].tolist()
        == pseudonymise(frame[["respondent"]], b"k")["respondent"].tolist()
    )


def test_a_build_publishes_no_respondent_code_of_a_quote(tmp_path, key):
    """The sample with the sweep's transcriber notes: no quote the build stages or publishes holds the codes."""
    folder = tmp_path / "hengelo"
    shutil.copytree(datasets.get_path("hengelo").parent, folder)
    segments = folder / "interviews_fictief.csv"
    text = segments.read_text(encoding="utf-8")
    for quote, note in [
        ("Meisjes zie je nergens in de wijk, voor hen is er helemaal niets.", " Zoals HGL-B08 ook zei."),
        ("Naar het ziekenhuis ben je met het OV een uur onderweg.", " [interviewer: zie ook HGL-B05]"),
    ]:
        assert quote in text
        text = text.replace(quote, quote + note)
    segments.write_text(text, encoding="utf-8")
    result = pipeline.run(Project.load(folder / "project.toml"), key=key)
    staged = result.con.sql("select quote from stg_segments").df()["quote"]
    published = result.con.sql("select quote from buurt_quotes").df()["quote"]
    for quotes in (staged, published):
        assert not quotes.str.contains("HGL-B0", regex=False).any()
    assert staged.str.contains("[respondent]", regex=False).sum() == 2
