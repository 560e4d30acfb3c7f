"""The questions for the meeting read as written for people: every question of the sample, checked on its sheet."""

import re
from pathlib import Path

import pandas as pd
import pytest
import spoken

from buurtdata.outputs import handout
from buurtdata.pipeline import link

#: CBS's units as CBS writes them: never in a question (they are said as people say them).
RAW_UNITS = ("x 1 000", "aantal inwoners per km²", " tegen ", "noemen ook ontmoeten", "Is jongeren")


@pytest.fixture(scope="module")
def asked(hengelo_run):
    signals = link.signals(hengelo_run.con)
    return signals[signals["signal"] != "geen signaal"]


def test_no_raw_units_and_numbers_stay_with_their_unit(asked):
    assert len(asked) > 20
    for question in asked["question"]:
        assert not any(raw in question for raw in RAW_UNITS), question
        # A number never ends a line away from its unit or the rest of a range.
        assert not re.search(r"\d %|\d (euro|inwoners|jaar|tot)\b", question), question
        assert "{" not in question and "}" not in question, question


def test_agreement_one_person_and_many(asked):
    for question in asked["question"]:
        assert not re.search(r"\b1 mensen\b|\b([2-9]|\d\d+) persoon\b", question), question
        assert not re.search(r"noemde \d+ mensen|noemden 1 persoon", question), question
        assert not spoken.verb_agreement(question), question


ROOT = Path(__file__).resolve().parents[1]


def test_every_question_reads_with_every_topic_of_the_sample_codebook():
    # RULE: every question template reads with every topic of the sample codebook (no "noemen ... <infinitive>",
    # no "je" beside "u").
    seeds = pd.read_csv(ROOT / "pipelines" / "seeds" / "vragen.csv").set_index(["part", "name"])["template"]
    themes = pd.read_csv(ROOT / "buurtdata" / "datasets" / "hengelo" / "codebook.csv", comment="#")["theme"].unique()
    topics = [
        seeds.get(("onderwerp", theme), seeds[("deel", "onderwerp")].replace("{thema}", theme)) for theme in themes
    ]
    parts = {
        "gemeente": "Hengelo",
        "cijfers": "de bevolkingsdichtheid is hier hoger (7.217\u00a0inwoners per km², in de gemeente 1.365)",
        "gecheckt": "de bevolkingsdichtheid",
        "en_cijfers": "",
    }
    # Why figures say nothing ('alleen verhalen'): each reason after its figure, and the longest two together, as
    # buurt_signals.sql writes them ('Het aandeel ...: <reden>.').
    figure = "Het aandeel inwoners van 65\u00a0jaar of ouder"
    reasons = sorted((f"{figure}: {r.replace('{afronding}', 'vijftallen')}." for r in seeds["reden"]), key=len)
    for template in seeds["vraag"]:
        for topic in topics:
            for voices in ("noemde 1 persoon", "noemden 3 mensen"):
                for reason in [*reasons, f"{reasons[-2]} {reasons[-1]}"]:
                    question = template.format(**parts, noemen=voices, onderwerp=topic, reden=reason)
                    found = [
                        *spoken.problems(question),
                        *spoken.bare_infinitive(question),
                        *spoken.mixed_address(question),
                    ]
                    assert not found, (question, found)


def test_no_two_questions_on_one_figure_and_every_cited_figure_printed(hengelo, hengelo_run):
    signals = link.signals(hengelo_run.con).set_index(["code", "question"])
    for sheet in handout.handout_data(hengelo, hengelo_run):
        printed = set(sheet.figures["indicator"])
        used: set[str] = set()
        for question in [*sheet.questions, *sheet.overflow]:
            cited = signals.loc[(sheet.code, question), "cited"]
            figures = set(cited.split(",")) if isinstance(cited, str) else set()
            assert not figures & used, (sheet.code, question)
            assert figures <= printed, (sheet.code, figures - printed)
            used |= figures


def test_a_figures_own_comma_or_semicolon_is_not_read_as_a_list():
    """buurt_signals joins the figures with chr(31), so a title's own ', ' or '; ' stays where fill_question makes the
    list ('..., ... en ...') and the sentences ('... . En ...') (review x L3)."""
    import duckdb

    from buurtdata import _sql

    con = duckdb.connect()
    _sql.macros(con)
    sep = chr(31)
    [(said,)] = con.execute(
        "select fill_question('Toch wijken de cijfers over {gecheckt} niet af van {gemeente}. {cijfers}.', "
        "'Bergen (NH.)', ?, 'x', null, ?, null)",
        [
            f"uitkering; bijstand is hier hoger{sep}de WOZ is hier lager",
            f"het inkomen, x 1.000 euro{sep}de WOZ{sep}het aandeel",
        ],
    ).fetchall()
    con.close()
    assert said == (
        "Toch wijken de cijfers over het inkomen, x 1.000 euro, de WOZ en het aandeel niet af van Bergen. "
        "uitkering; bijstand is hier hoger. En de WOZ is hier lager."
    )
