"""A round's period that its interview dates or the order of the rounds contradict is warned of (sweep 13 #5: a
round held in April 2025 called 'voorjaar 2026' was read without a word, and the handouts and plans told the rounds
backwards: "In het voorjaar van 2026 noemden evenveel mensen dit thema als in het najaar van 2024")."""

from __future__ import annotations

import datetime as dt
import shutil
import warnings

import pandas as pd
import pytest

from buurtdata import datasets, pipeline
from buurtdata.pipeline.round_dates import DateWarning, period_span, warn_order, warn_period
from buurtdata.project import Project


def _sample(tmp_path, **periods: str) -> Project:
    """A copy of the sample (today's round: voorjaar 2025, dated March to May 2025; one earlier: najaar 2023)."""
    folder = tmp_path / "hengelo"
    shutil.copytree(datasets.get_path("hengelo").parent, folder)
    toml = folder / "project.toml"
    text = toml.read_text(encoding="utf-8")
    for old, new in periods.items():
        text = text.replace(f'period = "{old.replace("_", " ")}"', f'period = "{new}"')
    toml.write_text(text, encoding="utf-8")
    return Project.load(toml)


def test_a_period_its_interviews_contradict_is_warned_of(tmp_path, key):
    project = _sample(tmp_path, voorjaar_2025="voorjaar 2026")
    with pytest.warns(DateWarning) as caught:
        pipeline.run(project, key=key)
    (said,) = [str(w.message) for w in caught if "period 'voorjaar 2026'" in str(w.message)]
    assert said.startswith("[interviews], interviews_fictief.csv: period 'voorjaar 2026'")
    assert "are dated 2025-03-03 to 2025-05-22" in said and "correct the period" in said


def test_rounds_out_of_order_are_warned_of(tmp_path, key):
    project = _sample(tmp_path, najaar_2023="najaar 2025")
    with pytest.warns(DateWarning) as caught:
        pipeline.run(project, key=key)
    messages = [str(w.message) for w in caught]
    assert any(m.startswith("[interviews]: period 'voorjaar 2025' lies before [[rounds]]") for m in messages), messages
    assert any("period 'najaar 2025', but" in m for m in messages), messages


@pytest.mark.parametrize("period", ["Q2 2025", "2025", "maart 2025", "winter 2025", "Buurtgesprekken", "2024-2025"])
def test_periods_that_fit_or_name_no_one_year_are_no_news(tmp_path, key, period):
    project = _sample(tmp_path, voorjaar_2025=period)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pipeline.run(project, key=key)


def test_interviews_a_little_outside_the_season_are_no_news():
    # Late February for a voorjaar, early January for a najaar: within the margin.
    warn_period("r", "voorjaar 2025", pd.DataFrame({"date": ["2025-02-20", "2025-03-05", "2025-03-10"]}))
    warn_period("r", "najaar 2024", pd.DataFrame({"date": ["2025-01-10", "2024-12-20"]}))
    with pytest.warns(DateWarning, match="2 of its 3 dated"):
        warn_period("r", "najaar 2024", pd.DataFrame({"date": ["2025-04-10", "2025-04-18", "2024-11-01"]}))


def test_periods_in_order_and_unread_ones_are_no_news():
    warn_order([("a", "najaar 2023"), ("b", "Buurtgesprekken"), ("c", "voorjaar 2025"), ("d", "Q2 2025")])
    with pytest.warns(DateWarning, match="'voorjaar 2024' lies before a's 'najaar 2024'"):
        warn_order([("a", "najaar 2024"), ("b", "voorjaar 2024")])


def test_period_spans():
    assert period_span("Najaar 2024") == (dt.date(2024, 9, 1), dt.date(2024, 12, 31))
    assert period_span("2e kwartaal 2025") == (dt.date(2025, 4, 1), dt.date(2025, 6, 30))
    assert period_span("december 2025") == (dt.date(2025, 12, 1), dt.date(2025, 12, 31))
    assert period_span("ronde 3") is None
