"""An earlier round exported from Taguette is read as today's round is: its own respondents table, the same
checks and placing; what it cannot place is listed with its round, and a round placed nowhere is said."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from buurtdata import datasets, pipeline
from buurtdata._errors import ValidationError
from buurtdata.outputs import _unplaced, audit
from buurtdata.pipeline.rounds import UnplacedRoundWarning, unplaced_count
from buurtdata.project import Project
from tests import excel_files

SAMPLE = datasets.get_path("hengelo").parent
FIXTURES = Path(__file__).parent / "fixtures" / "qda"
LABEL = "Taguette voorjaar 2024"
#: The Taguette fixture: 10 highlights of 2 respondents (HGL-B04 in Berflo Es Noord, HGL-B06 in Klein Driene).
HIGHLIGHTS = 10


def _project(tmp_path: Path, round_keys: str = "", highlights: str | None = None) -> Path:
    """The sample with its earlier round replaced by a Taguette export (same file name as a template would
    have elsewhere: ``highlights.csv``); ``round_keys`` are added to the ``[[rounds]]`` entry."""
    folder = tmp_path / "project"
    shutil.copytree(SAMPLE, folder)
    old = folder / "taguette"
    old.mkdir()
    text = highlights if highlights is not None else (FIXTURES / "taguette_highlights.csv").read_text(encoding="utf-8")
    (old / "highlights.csv").write_text(text, encoding="utf-8")
    shutil.copy(FIXTURES / "taguette_codebook.csv", old / "codebook.csv")
    shutil.copy(FIXTURES / "respondenten.csv", old / "respondenten.csv")
    entry = (
        f'[[rounds]]\nlabel = "{LABEL}"\nperiod = "voorjaar 2024"\nsegments = "taguette/highlights.csv"\n'
        f'codebook = "taguette/codebook.csv"\n{round_keys}\n'
    )
    project = (folder / "project.toml").read_text(encoding="utf-8")
    project = re.sub(r"\n\[\[rounds\]\].*?(?=\n\[privacy\])", "\n" + entry, project, flags=re.DOTALL)
    (folder / "project.toml").write_text(project, encoding="utf-8")
    return folder / "project.toml"


def _rounds_of(result: pipeline.PipelineResult, sql: str) -> list[tuple]:
    return result.con.sql(sql).fetchall()


def test_a_taguette_round_takes_its_locations_from_its_own_respondents_table(tmp_path, key):
    project = Project.load(_project(tmp_path, 'respondents = "taguette/respondenten.csv"'))
    old = project.rounds[0]
    assert (old.label, old.current) == (LABEL, False)
    assert old.respondents == tmp_path / "project" / "taguette" / "respondenten.csv"
    result = pipeline.run(project, key=key)
    # Both respondents are placed, so the round counts (each alone in a buurt, under the threshold: every theme of
    # those buurten 'te weinig gesprekken', user test V).
    counted = _rounds_of(
        result,
        "select count(*) from buurt_theme_rounds where round_number = 1 and theme_status = 'te weinig gesprekken'",
    )
    assert counted[0][0] > 0
    assert _rounds_of(result, "select count(*) from unplaced_segments where round_number = 1") == [(0,)]


def test_a_taguette_round_without_respondents_warns_and_lists_every_segment(tmp_path, key):
    project = Project.load(_project(tmp_path))
    fix = (
        f"add respondents = \"respondenten.csv\" (columns respondent, role, location, consent) to [[rounds]] '{LABEL}'"
    )
    with pytest.warns(UnplacedRoundWarning) as caught:
        result = pipeline.run(project, key=key)
    said = str(caught[0].message)
    assert said.startswith(f"[[rounds]] '{LABEL}', taguette/highlights.csv: all {HIGHLIGHTS} segments")
    assert fix in said and "niet_geplaatste_fragmenten.csv" in said
    rows = result.con.sql(
        "select round_number, round, interviews, reason from unplaced_segments where round_number = 1"
    ).df()
    assert len(rows) == HIGHLIGHTS and set(rows["round"]) == set(rows["interviews"]) == {LABEL}
    assert rows["reason"].str.startswith("empty: no location given; a Taguette export").all()
    assert rows["reason"].str.contains(fix, regex=False).all()
    # Today's round is listed as before, by its own label.
    today = result.con.sql("select distinct round, interviews from unplaced_segments where round_number = 2").df()
    assert today["round"].tolist() == today["interviews"].tolist() == [project.interviews.label]


def test_a_round_is_marked_fictional_and_checks_its_keys_as_interviews_does(tmp_path):
    fictional = Project.load(_project(tmp_path / "a", 'respondents = "taguette/respondenten.csv"\nfictional = true'))
    assert "fictief" in fictional.rounds[0].label.casefold()
    with pytest.raises(ValidationError) as error:
        Project.load(
            _project(tmp_path / "b", 'respondent = "taguette/respondenten.csv"\n[rounds.variables]\nrol = "x"')
        )
    text = str(error.value)
    assert "[[rounds]] #1: unknown key 'respondent'; did you mean 'respondents'?" in text
    assert "[[rounds]] #1 [rounds.variables]: unknown key 'rol'" in text


def test_a_problem_in_a_rounds_file_names_the_round(tmp_path, key):
    lines = (FIXTURES / "taguette_highlights.csv").read_text(encoding="utf-8").splitlines()
    lines[4] = lines[4].replace("Samen doen\\Bewonersinitiatief", "Samen\\Onbekend")
    lines[5] = lines[5].replace("Ontmoeten\\Buurthuis", "")
    project = Project.load(
        _project(tmp_path, 'respondents = "taguette/respondenten.csv"', highlights="\n".join(lines) + "\n")
    )
    with pytest.raises(ValidationError) as error:
        pipeline.run(project, key=key)
    problems = error.value.problems
    assert problems == [
        f"[[rounds]] '{LABEL}', {tmp_path / 'project' / 'taguette' / 'highlights.csv'}, row 6, field 'tag': is empty; "
        "every highlight needs a tag; give it one in Taguette and export again, or delete the row."
    ]


def test_an_unknown_tag_of_a_round_names_the_round(tmp_path, key):
    text = (FIXTURES / "taguette_highlights.csv").read_text(encoding="utf-8")
    project = Project.load(
        _project(
            tmp_path,
            'respondents = "taguette/respondenten.csv"',
            highlights=text.replace("Samen doen\\Bewonersinitiatief", "Samen doen\\Onbekend"),
        )
    )
    with pytest.raises(ValidationError, match=rf"\[\[rounds\]\] '{LABEL}', highlights.csv, row 5: code 'Samen doen/"):
        pipeline.run(project, key=key)


def test_the_build_says_each_earlier_rounds_unplaced_count(hengelo_run, tmp_path):
    said = []
    _unplaced.write_unplaced(hengelo_run, tmp_path / "niet.csv", lambda _, what: said.append(what), lambda _: None)
    unplaced = hengelo_run.unplaced
    earlier = unplaced[unplaced["round_number"] == 1]
    assert len(earlier) > 0
    today = len(unplaced) - len(earlier)
    assert said[0].startswith(f"{today} interview segments not placed in a buurt")
    # Each round's count by kind (user test R: only the ambiguous ones were named), no place as written.
    kinds = unplaced_count(earlier["wijk_code"], earlier["reason"].fillna(""), sep=", ")
    assert said[0].endswith(f"; of the earlier round {earlier['round'].iloc[0]!r}: {len(earlier)} ({kinds})")
    assert ": no match " in said[0] or ": ambiguous " in said[0]
    assert not any(str(place) in said[0] for place in unplaced["location_raw"].dropna())
    # The CSV holds every round's, each with its round, and labelled as its own round's interviews (user test R).
    written = excel_files.text(tmp_path / "niet.csv")
    assert written.count("\n") == len(unplaced) + 1 and "round_number" in written.splitlines()[0]
    table = excel_files.read(tmp_path / "niet.csv", dtype=str)
    assert table["interviews"].tolist() == table["round"].tolist()
    assert set(table["round"]) == set(unplaced["round"]) and len(set(table["round"])) == 2


def test_the_privacy_audit_counts_only_todays_wijk_only_segments(hengelo_run):
    read = hengelo_run.con.sql(audit._READS["unplaced"]).df()
    today = hengelo_run.unplaced[hengelo_run.unplaced["round_number"] == 2]
    assert len(read) == len(today) < len(hengelo_run.unplaced)


def test_the_notebooks_count_unplaced_segments_per_round_todays_first(hengelo_run):
    from buurtdata.outputs import explore

    counts = explore.unplaced_overview(hengelo_run)
    labels = [r.label for r in hengelo_run.project.rounds]
    assert list(dict.fromkeys(counts["ronde"])) == labels[::-1]
    assert counts["fragmenten"].sum() == len(hengelo_run.unplaced)


def test_a_rounds_respondent_ids_are_checked_as_todays_naming_the_round(tmp_path, key):
    text = (FIXTURES / "taguette_highlights.csv").read_text(encoding="utf-8")
    project = Project.load(
        _project(
            tmp_path, 'respondents = "taguette/respondenten.csv"', highlights=text.replace("101,HGL-B04", "101,hgl-b04")
        )
    )
    messages = pipeline.run(project, key=key).respondent_checks["message"].tolist()
    assert (
        f"[[rounds]] '{LABEL}': 2 spellings of one respondent id, counted as one person: check rows 2 and 3 of "
        "highlights.csv" in messages
    )


def test_a_warning_about_a_rounds_file_names_the_round(tmp_path, key):
    from buurtdata.sources.interviews.respondents import UnmatchedRespondentsWarning

    text = (FIXTURES / "taguette_highlights.csv").read_text(encoding="utf-8")
    project = Project.load(
        _project(tmp_path, 'respondents = "taguette/respondenten.csv"', highlights=text.replace("HGL-B06", "HGL-B09"))
    )
    with pytest.warns(UserWarning) as caught:
        pipeline.run(project, key=key)
    said = {type(w.message): str(w.message) for w in caught}
    assert re.match(rf"\[\[rounds\]\] '{LABEL}', .*highlights.csv: 1 ", said[UnmatchedRespondentsWarning])
    # Its 5 segments then have no location: half the round, said with the round's own table.
    assert "5 of 10 segments are placed in no buurt" in said[UnplacedRoundWarning]
    assert "which gives none for this respondent (respondenten.csv)" in said[UnplacedRoundWarning]


def test_the_notebook_says_the_round_when_only_an_earlier_round_has_segments_to_correct(hengelo_run):
    # Review: with today's round fully placed, the earlier round's rows came without a round, so a reader
    # looked for them in today's file.
    import dataclasses

    from buurtdata.outputs import explore

    earlier = hengelo_run.unplaced[hengelo_run.unplaced["round"] != hengelo_run.project.interviews.label]
    assert len(earlier) and len(hengelo_run.project.rounds) > 1
    shown = explore.unplaced_overview(dataclasses.replace(hengelo_run, unplaced=earlier))
    assert "ronde" in shown.columns and set(shown["ronde"]) == set(earlier["round"])
