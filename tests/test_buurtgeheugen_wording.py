"""What the buurtgeheugen says aloud where a round heard nobody, where nothing changed and where an older KWB year
had other buurtcodes (user test, second buurtgesprek in Amsterdam)."""

from __future__ import annotations

import re
import shutil

import duckdb
import pandas as pd
import pytest
import spoken

from buurtdata import _sql, datasets, pipeline
from buurtdata.outputs import _plan_notes, handout, handout_blocks, toekomstplan
from buurtdata.pipeline import trends
from buurtdata.project import Project
from tests.test_crosswalk import KWB_2020


def _followup(heard: dict[str, int], named: dict[str, int], heard_first: int = 4) -> dict[str, str]:
    """buurt_followup's sentence per buurt: an agreement on Wonen in round 1 of each buurt of ``heard``, which
    round 2 spoke with ``heard[code]`` people of and ``named[code]`` of them named Wonen; round 1 heard
    ``heard_first`` people, 4 of whom named Wonen."""
    con = duckdb.connect()
    _sql.macros(con)
    con.execute("create table project_settings as select 3 as privacy_threshold")
    codes = list(heard)
    con.execute(
        "create table agreements as select unnest(?::varchar[]) as code, 'Wonen' as theme, 'Wonen' as theme_agreed, "
        "1 as round_number, "
        "'Ronde 1' as round, 'Schimmel aanpakken' as agreement, 'huurdersvereniging' as owner, "
        "date '2025-06-01' as review_date",
        [codes],
    )
    rows = []
    for code in codes:
        for number, period, respondents in ((1, "najaar 2024", 4), (2, "najaar 2025", named[code])):
            shown = respondents >= 3
            status = "getoond" if shown else "te weinig stemmen" if respondents else "geen stemmen"
            rows.append(
                (code, "Wonen", number, f"Ronde {number}", period, shown, respondents if shown else None, status)
            )
    frame = pd.DataFrame(
        rows, columns=["code", "theme", "round_number", "round", "period", "shown", "respondents", "theme_status"]
    ).astype({"respondents": "Int64"})
    segments = pd.DataFrame(
        [(code, 2, f"{code}-{n}") for code in codes for n in range(heard[code])]
        + [(code, 1, f"{code}-eerst-{n}") for code in codes for n in range(heard_first)],
        columns=["buurt_code", "round_number", "respondent"],
    ).astype({"buurt_code": str, "round_number": int, "respondent": str})
    with _sql.registered(con, {"rounds_frame": frame, "segments_frame": segments}):
        con.execute("create table buurt_theme_rounds as select * from rounds_frame")
        con.execute("create table stg_round_segments as select * from segments_frame")
    _sql.run(con, "marts/buurt_followup.sql")
    return dict(con.execute("select code, followup from buurt_followup").fetchall())


def test_a_round_that_heard_nobody_in_the_buurt_says_so_and_not_that_nobody_named_it():
    said = _followup({"A": 0, "B": 2, "C": 5, "D": 5}, {"A": 0, "B": 0, "C": 0, "D": 5})
    assert said["A"] == (
        "In het najaar van 2025 is in deze buurt met niemand gesproken. "
        "Over deze afspraak zijn dus nog geen nieuwe stemmen."
    )
    # Said in the handout's voice, "spraken we" (review aa T2).
    assert said["B"] == "In het najaar van 2025 spraken we hier met te weinig mensen om terug te kijken."
    assert said["C"] == (
        "Van de mensen met wie we in het najaar van 2025 in deze buurt spraken, noemde niemand dit thema."
    )
    # After the handout's "Wat mensen nu zeggen:", no second "nu". Round 1 heard 4 people, round 2 five: said.
    assert said["D"] == (
        "In het najaar van 2025 noemden meer mensen dit thema dan in het najaar van 2024 (4 → 5). "
        "We spraken hier ook met meer mensen dan in het najaar van 2024."
    )
    for text in said.values():
        assert not spoken.problems(f"Wat mensen nu zeggen: {text}"), text


def test_a_change_between_rounds_that_heard_more_or_fewer_people_says_so_without_their_numbers():
    # Sweep 13 #10: "5 → 3" read as a theme fading, while all 3 people heard in the new round named it.
    said = _followup({"A": 3, "B": 6, "C": 3, "D": 6}, {"A": 3, "B": 6, "C": 4, "D": 4}, heard_first=5)
    assert said["A"] == (
        "In het najaar van 2025 noemden minder mensen dit thema dan in het najaar van 2024 (4 → 3). "
        "We spraken hier ook met minder mensen dan in het najaar van 2024."
    )
    assert said["B"] == (
        "In het najaar van 2025 noemden meer mensen dit thema dan in het najaar van 2024 (4 → 6). "
        "We spraken hier ook met meer mensen dan in het najaar van 2024."
    )
    assert said["C"] == (
        "In het najaar van 2025 noemden evenveel mensen dit thema als in het najaar van 2024 (4). "
        "We spraken hier wel met minder mensen dan in het najaar van 2024."
    )
    assert said["D"] == (
        "In het najaar van 2025 noemden evenveel mensen dit thema als in het najaar van 2024 (4). "
        "We spraken hier wel met meer mensen dan in het najaar van 2024."
    )
    # Fewer named it although more people were heard.
    fewer = _followup({"F": 7}, {"F": 3}, heard_first=5)
    assert fewer["F"] == (
        "In het najaar van 2025 noemden minder mensen dit thema dan in het najaar van 2024 (4 → 3). "
        "En dat terwijl we hier met meer mensen spraken dan in het najaar van 2024."
    )
    # Rounds that heard as many people: nothing added.
    same = _followup({"E": 5}, {"E": 3}, heard_first=5)
    assert same["E"] == "In het najaar van 2025 noemden minder mensen dit thema dan in het najaar van 2024 (4 → 3)."
    for text in [*said.values(), *fewer.values(), *same.values()]:
        assert not spoken.problems(f"Wat mensen nu zeggen: {text}"), text


@pytest.mark.parametrize(
    ("heard", "wijk", "said"),
    [
        (0, False, "In deze buurt is in het najaar van 2025 met niemand gesproken."),
        (
            2,
            False,
            "In deze buurt spraken we in het najaar van 2025 met te weinig mensen om per thema iets te laten zien. "
            "Wat zij vertelden, nemen we wel mee.",
        ),
        (5, False, "In deze buurt noemden niet genoeg mensen hetzelfde thema."),
        (5, True, "In deze buurt zelf noemden niet genoeg mensen hetzelfde thema."),
        (0, True, "In deze buurt zelf is in het najaar van 2025 met niemand gesproken."),
    ],
)
def test_a_sheet_without_themes_says_whether_anybody_was_spoken_with(heard, wijk, said):
    assert handout_blocks.nothing_named(heard, period="najaar 2025", threshold=3, wijk=wijk) == said
    assert not spoken.problems(said)


def test_the_sample_sheets_know_how_many_people_each_buurt_was_heard_by(hengelo, hengelo_run):
    # A place's short sheet (too few inwoners) lists no themes.
    sheets = {sheet.code: sheet for sheet in handout.handout_data(hengelo, hengelo_run) if sheet.kind == "buurt"}
    assert all(sheet.heard is not None for sheet in sheets.values())
    assert any(sheet.heard == 0 for sheet in sheets.values()) and sheets["BU01640203"].heard >= 3


@pytest.mark.parametrize(
    ("heard", "said"),
    [
        (1, "met te weinig mensen om per thema iets te laten zien"),
        (2, "met te weinig mensen om per thema iets te laten zien"),
        (0, "met niemand gesproken"),
        (3, "noemden niet genoeg mensen hetzelfde thema"),
    ],
)
def test_a_drawn_sheet_says_how_many_people_its_buurt_was_heard_by(hengelo, hengelo_run, heard, said):
    from dataclasses import replace

    # The sheet as drawn, not nothing_named alone: 1 to k-1 people heard and no theme to show (review s1).
    book = handout._Book.collect(hengelo, hengelo_run)
    assert hengelo.privacy_threshold == 3
    sheet = replace(book.handout("BU01640203"), themes=[], themes_left_out=0, quiet_themes=[], heard=heard)
    text = " ".join(" ".join(t.get_text() for t in book.draw(sheet).texts).split())
    assert said in text
    assert ("met te weinig mensen" in text) == (0 < heard < 3)  # not "een buurt waar te weinig mensen dat noemden"


def _plan(**fields):
    plan = {
        "code": "BU0363ED01",
        "name": "Kolenkitbuurt-Noord",
        "wijk_name": "De Kolenkit",
        "gemeente_name": "Amsterdam",
        "fictional": True,
        "threshold": 3,
        "rounds": ["najaar 2024", "najaar 2025"],
        "themes": [],
        "unheard": ["najaar 2024", "najaar 2025"],
        "changes": [],
        "years": [2020, 2024],
        "other_indeling": [2020],
        "figures": [{"title": "Aantal inwoners", "cells": ["–", "5.055"]}],
        "agreements": [],
        "duiding": "Over deze cijfers.",
        "source": "Bron: CBS",
    }
    return plan | fields


def _said(plan) -> list[str]:
    return [" ".join([line.text, *line.cells]).strip() for line in toekomstplan._lines(plan)]


def test_a_plan_of_a_buurt_nobody_was_spoken_with_says_so_and_why_a_year_is_empty():
    lines = _said(_plan())
    assert "In het najaar van 2024 en in het najaar van 2025 is in deze buurt met niemand gesproken." in lines
    assert "Geen thema genoemd." not in lines
    said = " ".join(lines)
    assert "Voor 2020 staan er geen cijfers: de buurten hadden toen een andere indeling, met andere buurtcodes." in said
    assert not spoken.report([("plan", line) for line in lines], sentences=False)


def test_a_plan_explains_every_mark_of_its_themes_table():
    """User test: ‘–’ (nobody named it) was not in the legend, which explained only ‘te weinig’."""
    assert "niemand als ‘–’" in toekomstplan.themes_note(3)
    row = {"theme": "Wonen", "cells": [toekomstplan.UNHEARD, "3"]}
    said = " ".join(_said(_plan(themes=[row], unheard=["najaar 2024"], other_indeling=[])))
    assert "‘niet gesproken’: in die ronde is in deze buurt met niemand gesproken." in said
    assert "‘niet gesproken’" not in " ".join(_said(_plan(themes=[{"theme": "Wonen", "cells": ["3", "4"]}])))


@pytest.mark.parametrize("order", ["nobody first", "thin first"])
def test_a_plan_with_one_round_nobody_heard_and_one_too_few_explains_both(order):
    """Review aa T5: with the first round 'niet gesproken' and the second of too few, the note below the empty table
    said only "In het najaar van 2025 spraken we in deze buurt met te weinig mensen. ...": the first round stayed an
    empty column nothing explained. Both are said, in the rounds' order."""
    rounds = ["najaar 2024", "najaar 2025"]
    unheard, thin = (rounds[:1], rounds[1:]) if order == "nobody first" else (rounds[1:], rounds[:1])
    plan = _plan(unheard=unheard, thin=thin, other_indeling=[])
    nobody = f"{'In het najaar van 2024' if order == 'nobody first' else 'In het najaar van 2025'} is in deze buurt"
    few = (
        f"{'In het najaar van 2025' if order == 'nobody first' else 'In het najaar van 2024'} spraken we in deze buurt"
    )
    said = _plan_notes.under_table(plan)
    assert f"{nobody} met niemand gesproken." in said and f"{few} met te weinig mensen." in said
    assert (said.index(nobody) < said.index(few)) == (order == "nobody first")
    assert "Wat zij vertelden, nemen we wel mee." in said
    printed = " ".join(_said(plan))
    assert f"{nobody} met niemand gesproken." in printed and f"{few} met te weinig mensen." in printed
    assert not spoken.report([("plan", said)])


def test_one_year_of_figures_is_not_said_to_move_over_the_years():
    lines = _said(_plan(years=[2024], other_indeling=[], figures=[{"title": "Aantal inwoners", "cells": ["5.055"]}]))
    said = " ".join(lines)
    assert "over de jaren" not in said and "De cijfers van 2024" in lines
    assert "wat de cijfers van 2024 zeggen" in toekomstplan.intro(_plan(years=[2024]))
    assert toekomstplan.intro(_plan()) == toekomstplan.INTRO


@pytest.mark.parametrize(("rounds", "years"), [(1, 1), (1, 2), (2, 1), (2, 2)])
def test_the_plan_opens_in_sentences_said_in_one_breath(rounds, years):
    """User test T: the plan opened with one sentence of 32 words, a colon in its middle ("Wat bewoners en
    professionals over de rondes heen vertelden, hoe ... : de kennis die ...")."""
    said = toekomstplan.intro(_plan(rounds=["A", "B"][:rounds], years=[2020, 2024][:years]))
    assert not spoken.sentence_length(said, limit=18) and not spoken.problems(said), said
    assert ":" not in said and said.startswith("In dit plan staat wat bewoners en professionals")


def test_a_theme_as_often_named_in_both_rounds_is_no_change(hengelo_run):
    plans = toekomstplan.Plans(hengelo_run, ["BU01640203", "BU01640501", "BU01640604"])
    changes = [line for code in plans.changes for line in plans.changes[code]]
    assert changes and not [line for line in changes if spoken.unchanged_change(line)]


def test_a_change_in_the_plan_says_when_the_rounds_heard_more_or_fewer_people(tmp_path, key):
    # Sweep 13 #10: "5 → 3 mensen" read as a theme fading when the new round heard fewer people in the buurt. The
    # sample with one more person heard in Klein Driene today (5 -> 6 people; Jongeren 3 -> 5).
    folder = tmp_path / "hengelo"
    shutil.copytree(datasets.get_path("hengelo").parent, folder)
    with (folder / "interviews_fictief.csv").open("a", encoding="utf-8") as file:
        file.write('S999,HGL-B99,bewoner,Jongeren/Weinig te doen,"Niks voor de jeugd.",01640203,2025-05-15,ja\n')
    result = pipeline.run(Project.load(folder / "project.toml"), key=key)
    plans = toekomstplan.Plans(result, ["BU01640203", "BU01640403", "BU01640501"])
    said = [line for lines in plans.changes.values() for line in lines]
    assert (
        "Jongeren: 3 → 5 mensen (najaar 2023 → voorjaar 2025); in het voorjaar van 2025 spraken we hier met meer "
        "mensen" in said
    ), said
    # The buurten whose rounds heard as many people: nothing added.
    assert [line for line in said if "spraken we" in line] == [line for line in said if line.startswith("Jongeren")]
    assert not [line for line in said if spoken.problems(line)]


def test_an_older_year_with_other_buurtcodes_is_warned_once_with_its_fix():
    """Amsterdam's buurtcodes changed in 2022: its KWB 2020 figures stand on none of its 2022 buurten."""
    kwb = pd.read_parquet(KWB_2020, columns=["WijkenEnBuurten", "AantalInwoners_5"])
    kwb["code"] = kwb["WijkenEnBuurten"].str.strip()
    old = kwb[kwb["code"].isin(["BU03630000", "BU03630001", "BU03630002"])]
    con = duckdb.connect()
    _sql.macros(con)
    con.execute("create table project_settings as select 2024 as year")
    con.execute(
        "create table regions as select 'GM0363' as code, 'Amsterdam' as name, 'gemeente' as level, 2024 as year"
    )
    observations = pd.DataFrame(
        {"code": old["code"], "indicator": "inwoners", "year": 2020, "value": old["AantalInwoners_5"].astype(float)}
    ).assign(status="waarde")
    today = pd.DataFrame({"code": ["BU0363AA01", "BU0363AA02", "BU0363MD01"], "name": ["a", "b", "c"]})
    with _sql.registered(con, {"obs": observations, "today": today}):
        con.execute("create table observations as select * from obs")
        con.execute(
            "create table buurt_trends as select code, name, 'inwoners' as indicator, 2020 as year, "
            "null::double as value, 'andere indeling' as status from today"
        )
    con.execute(
        "create table indicators as select 'inwoners' as indicator, 2020 as year, 'aantal' as kind, "
        "null::varchar as numerator, null::varchar as denominator, null::integer as min_denominator"
    )
    frame = trends.carry_trends(con, 2020, None)
    with pytest.warns(trends.OtherIndelingWarning) as caught:
        trends._warn_uncarried(con, frame, 2020, carried=False)
    assert len(caught) == 1
    message = str(caught[0].message)
    assert message.startswith("3 of 3 buurten of Amsterdam have no figures of 2020: their buurtcodes changed")
    assert 'give the [[kwb]] entry of 2020 its own polygons, boundaries = "' in message


def test_the_progress_bar_is_for_a_terminal_not_a_log(hengelo, hengelo_run, tmp_path, capsys):
    """User test: the bar stood between the file lines of a log (stderr no terminal)."""
    handout.make_handouts(hengelo, tmp_path, result=hengelo_run, buurten=["BU01640203"], png=False, progress=True)
    assert "Handouts" not in capsys.readouterr().err


@pytest.mark.parametrize(
    "period",
    ["voorjaar 2025", "Najaar 2023", " zomer 2024 ", "winter 2026", "begin 2025", "Eind 2024", "juni 2025", "2025",
     "Q2 2025", "ronde 2", "de vorige ronde", "voorjaar", "voorjaar 25", "Lente '25", "herfst 2024", "najaar ’25"],
)  # fmt: skip
def test_a_period_is_said_with_its_preposition_the_same_in_python_and_sql(period):
    """User test T: "in voorjaar 2025" is written Dutch; said aloud it is "in het voorjaar van 2025"."""
    import duckdb

    from buurtdata import _sql
    from buurtdata._text import when_said

    con = duckdb.connect()
    _sql.macros(con)
    [(said,)] = con.execute("select when_said(?)", [period]).fetchall()
    assert said == when_said(period)
    assert not re.search(r"\bin (voorjaar|najaar|zomer|winter|lente|herfst|begin|eind)\b", said, re.IGNORECASE)
    assert not re.search(r"\bhet (zomer|winter|lente|herfst)|\bde (voorjaar|najaar)", said)
