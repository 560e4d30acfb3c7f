"""What a notebook says of its project is true of it: the sample, one KWB year or several, interviews or none."""

from __future__ import annotations

import dataclasses

import pytest
import spoken

from buurtdata.outputs import _explore_notes, explore


def _with(data, **changes):
    return dataclasses.replace(data, project=dataclasses.replace(data.project, **changes))


def _assert_spoken(text: str) -> None:
    found = spoken.report([("notebook", text)])
    assert not found, "\n".join(found)


def _own(data, tmp_path):
    """The sample's run as if it were a project of its own (another project file)."""
    return _with(data, path=tmp_path / "project.toml")


def test_only_the_sample_says_it_is_the_sample(hengelo_run, tmp_path):
    note = explore.project_note(hengelo_run, "voorbeeld").data
    assert "Hengelo" in note and "projectbestand" in note
    _assert_spoken(note)
    assert explore.project_note(_own(hengelo_run, tmp_path), "voorbeeld") is None


def test_the_years_are_those_of_the_project(hengelo_run):
    both = explore.project_note(hengelo_run, "jaren").data
    assert "2024 en 2020" in both and "beide" not in both
    one = explore.project_note(_with(hengelo_run, kwb=hengelo_run.project.kwb[:1]), "jaren").data
    assert "KWB 2024" in one and "enige" in one and "2020" not in one
    _assert_spoken(both)
    _assert_spoken(one)


def test_without_interviews_no_unplaced_file_and_a_plain_word_instead_of_empty_columns(hengelo_run):
    plain = dataclasses.replace(_with(hengelo_run, interviews=None), themes=None)
    assert "niet_geplaatste_fragmenten.csv" in explore.project_note(hengelo_run, "niet geplaatst").data
    assert explore.project_note(plain, "niet geplaatst") is None
    assert explore.project_note(hengelo_run, "geen interviews") is None
    said = explore.project_note(plain, "geen interviews").data
    assert "geen interviews" in said
    _assert_spoken(said)
    assert "thema's (respondenten)" not in explore.conversation_overview(plain).columns
    assert "thema's (respondenten)" in explore.conversation_overview(hengelo_run).columns
    assert list(explore.meeting_questions(plain).columns) == ["interviews"]


@pytest.mark.parametrize("topic", sorted(_explore_notes._NOTES))
def test_every_topic_is_used_by_a_notebook(topic):
    from pathlib import Path

    texts = "".join(p.read_text(encoding="utf-8") for p in Path(__file__).parents[1].glob("notebooks/*.py"))
    assert f'explore.project_note(data, "{topic}")' in texts
