"""One person is one respondent however the id was typed; ids that look alike are listed for a person to check."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from buurtdata import pipeline
from buurtdata.sources.interviews.privacy import normalise_respondents, pseudonymise, respondent_checks

SPELLINGS = ["HGL-Z01", "hgl-z01", "HGL Z1", "HGL_Z001", "HGLZ01", " Hgl.z/1 ", "ＨＧＬ－Ｚ０１"]


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_spellings_of_one_id_are_one(spelling):
    assert normalise_respondents(pd.Series([spelling])).tolist() == ["HGLZ1"]


def test_different_numbers_stay_different():
    assert normalise_respondents(pd.Series(["HGL-Z01", "HGL-Z07", "HGL-Z10", "HGL-Z100"])).nunique() == 4


def test_pseudonyms_follow_the_normal_spelling(key):
    frame = pd.DataFrame({"respondent": ["HGL-Z01", "hgl-z01", "HGL-Z1", "HGL-Z07"]})
    assert pseudonymise(frame, key)["respondent"].nunique() == 2


def _frame(ids: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"source": "s.csv", "respondent": ids}, index=pd.Index(range(10, 10 + len(ids)), name="row"))


def test_near_duplicates_are_listed_by_row_never_by_id():
    checks = respondent_checks(_frame(["HGL-Z01", "HGL-Z07", "HGLZ01", "HGL-B01", "HGL-BO1", "HGL-Z2", "HGL-Z2A"]))
    assert checks["kind"].tolist() == ["merged", "similar", "similar"]
    assert checks["rows"].tolist() == [[10, 12], [13, 14], [15, 16]]
    text = " ".join(checks["message"])
    assert "HGL" not in text and "s.csv" in text


@pytest.mark.parametrize("ids", [["HGL-Z01", "HGL-Z07"], ["HGL-Z1", "HGL-Z11"], ["HGL-B01", "HGL-P01"], ["A1", "A10"]])
def test_numberings_are_not_near_duplicates(ids):
    assert respondent_checks(_frame(ids)).empty


def test_the_sample_has_nothing_to_check(hengelo_run):
    assert hengelo_run.respondent_checks.empty


def _one_new_person(hengelo, key, tmp_path, written: list[str]):
    """The sample and a new person who speaks three times about one theme in one buurt, the id ``written`` three
    ways; the build's result and the three segments as staged."""
    segments = pd.read_csv(hengelo.interviews.segments, dtype=str, keep_default_na=False, comment="#")
    extra = pd.concat([segments[segments["segment_id"] == "S001"]] * 3, ignore_index=True)
    extra["segment_id"] = ["X1", "X2", "X3"]
    extra["respondent"] = written
    extra["code"] = "Veiligheid/Verkeer"
    extra["location"] = "BU01640000"
    path = tmp_path / "segmenten.csv"
    pd.concat([segments, extra], ignore_index=True).to_csv(path, index=False)
    project = dataclasses.replace(hengelo, interviews=dataclasses.replace(hengelo.interviews, segments=path))
    result = pipeline.run(project, key=key)
    return result, result.con.sql("select * from stg_segments where segment_id in ('X1', 'X2', 'X3')").df()


def test_one_person_typed_three_ways_stays_below_the_threshold(hengelo, key, tmp_path):
    # A fourth, new person speaks three times about one theme in one buurt, the id typed three ways.
    result, staged = _one_new_person(hengelo, key, tmp_path, ["HGL-Z01", "hgl-z01", "HGL Z1"])
    assert staged["respondent"].nunique() == 1
    assert result.respondent_checks["kind"].tolist() == ["merged"]
    assert "HGL" not in result.respondent_checks["message"].iloc[0]


@pytest.mark.parametrize(
    "ids",
    [["R1-23", "R12-3", "R123"], ["A-10", "A1-0"], ["HGL-B01-11", "HGL-B11-1"], ["2023-15", "202-315", "2023.1.5"]],
)
def test_a_separator_between_two_numbers_keeps_people_apart(ids):
    assert normalise_respondents(pd.Series(ids)).nunique() == len(ids)
    # Nor are they one typo apart: without the separator, another number.
    assert respondent_checks(_frame(ids)).empty


def test_the_separator_between_numbers_may_be_typed_any_way():
    spellings = ["R1-23", "r1 23", "R1_023", " R1.23 ", "R-1-23", "Ｒ１－２３"]
    assert normalise_respondents(pd.Series(spellings)).tolist() == ["R1-23"] * len(spellings)


def test_many_merged_spellings_are_one_message():
    # A large export: 500 people each typed twice, 30 pairs one letter apart.
    ids = [f"HGL-B{i:03d}-{j}" for i in range(1, 251) for j in (1, 2)]
    ids += [f"hgl b{i}-{j}" for i in range(1, 251) for j in (1, 2)] + [f"Q{i}" for i in range(10, 40)]
    ids += [f"Q{i}X" for i in range(10, 40)]
    checks = respondent_checks(_frame(ids))
    assert checks["kind"].tolist() == ["merged", "similar"]
    merged, similar = checks["message"]
    assert merged.startswith("500 respondent ids are written in more than one spelling")
    assert "rows 10 and 510; rows 11 and 511; rows 12 and 512 of s.csv (the first 3 of 500)" in merged
    assert similar.startswith("30 pairs of respondent ids one letter apart") and "HGL" not in merged + similar
    assert len(checks["rows"].iloc[0]) == 1000


# Sweep 12 interviews F11: one person's interview split over documents (a document's name as the respondent).
PARTS = [
    ["Interview HGL-B01 deel 1", "Interview HGL-B01 deel 2", "HGL-B01 (vervolg)", "HGL-B01"],
    ["HGL-B02", "HGL-B02 tweede gesprek", "hgl-b02 2e gesprek", "HGL-B02 gesprek 2"],
    ["HGL-B04.docx", "HGL-B04.txt", "HGL-B04 deel 2.docx", "Gesprek met HGL-B04"],
    ["Ayşe-01 deel 1", "AYŞE-01 (vervolg)", "Ayşe-01.docx", "Ayşe 1"],
]


@pytest.mark.parametrize("ids", PARTS)
def test_the_parts_of_one_interview_are_one_person(ids, key):
    assert normalise_respondents(pd.Series(ids)).nunique() == 1
    assert pseudonymise(pd.DataFrame({"respondent": ids}), key)["respondent"].nunique() == 1
    # A respondents table matches the documents as they are: a row each, as before.
    assert normalise_respondents(pd.Series(ids), parts=False).nunique() > 1


@pytest.mark.parametrize(
    "ids",
    [
        # A number after a word may number people; a code that is only a part's word stays.
        ["Oost gesprek 1", "Oost gesprek 2"],
        ["Interview 1", "Interview 2"],
        ["Deel 1", "Deel 2"],
        ["HGL-B01 deel 1", "HGL-B02 deel 1"],
        ["B03_a", "B03_b"],
    ],
)
def test_what_may_be_two_people_stays_two(ids):
    assert normalise_respondents(pd.Series(ids)).nunique() == len(ids)


def test_merged_parts_are_named_as_parts_by_row():
    checks = respondent_checks(_frame(["Interview HGL-B01 deel 1", "Interview HGL-B01 deel 2", "HGL-B07"]))
    assert checks["kind"].tolist() == ["merged"]
    assert checks["rows"].tolist() == [[10, 11]]
    message = checks["message"].iloc[0]
    assert message.startswith("2 documents or spellings (parts of one interview") and "HGL" not in message


def test_a_prefix_and_parts_a_and_b_may_be_one_person():
    # The sweep's shapes: a team's code with and without its prefix, and B03_a beside B03_b; listed, never merged.
    ids = ["HGL-B01", "B01", "HGL B1", "B03_a", "B03_b", "R01", "resp. 1", "HGL-B02 deel 1", "B02"]
    checks = respondent_checks(_frame(ids))
    assert checks["kind"].tolist() == ["merged", "similar", "similar", "similar"]
    assert checks["rows"].tolist() == [[10, 12], [10, 11], [17, 18], [13, 14]]
    assert "with and without a prefix of letters may be one person: check rows 10 and 11" in checks["message"][1]
    assert (
        "another letter after its number (parts a and b?) may be one person: check rows 13 and 14"
        in (checks["message"][3])
    )
    assert not any("HGL" in m or "B0" in m for m in checks["message"])
    assert normalise_respondents(pd.Series(ids)).nunique() == 8


@pytest.mark.parametrize("ids", [["1", "AB1"], ["HGL-B01", "HGL-P01"], ["B03_a", "B04_b"], ["R000123", "R000124"]])
def test_numberings_are_not_a_prefix_or_parts(ids):
    assert respondent_checks(_frame(ids)).empty


def test_one_person_split_over_documents_stays_below_the_threshold(hengelo, key, tmp_path):
    # A new person, interviewed in three parts, speaks about one theme in one buurt: three documents, one person.
    parts = ["Interview HGL-Z01 deel 1", "Interview HGL-Z01 deel 2", "HGL-Z01 (vervolg)"]
    result, staged = _one_new_person(hengelo, key, tmp_path, parts)
    assert staged["respondent"].nunique() == 1
    assert result.respondent_checks["kind"].tolist() == ["merged"]
    assert "parts of one interview" in result.respondent_checks["message"].iloc[0]


def test_a_numbered_interview_after_a_round_team_or_year_is_another_person():
    # Review 12b F1: 'Ronde 2 interview 5' and 'Ronde 2 interview 6' were one person (RONDE2), as were a team's.
    from buurtdata.sources.interviews.privacy import normalise_respondents

    ids = ["Ronde 2 interview 5", "Ronde 2 interview 6", "2024 interview 3", "2024 interview 4", "Team 2 gesprek 10"]
    assert normalise_respondents(pd.Series(ids)).nunique() == 5
    assert normalise_respondents(pd.Series(["HGL-B01 gesprek 2", "HGL-B01"])).nunique() == 1  # after a code: one
