"""Interview rounds over time on the sample's two (fictional) rounds, and the afspraken read back."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from buurtdata import datasets, pipeline
from buurtdata._errors import ValidationError
from buurtdata.pipeline.rounds import theme_mapping
from buurtdata.project import Project
from buurtdata.rounds import Round
from buurtdata.sources.agreements import read_agreements
from buurtdata.sources.interviews import read_codebook

SAMPLE = datasets.get_path("hengelo").parent
OLD = SAMPLE / "ronde_najaar_2023"


def _frame(result: pipeline.PipelineResult, sql: str) -> pd.DataFrame:
    return result.con.sql(sql).df()


def test_the_sample_has_two_rounds_oldest_first(hengelo):
    assert [(r.number, r.period, r.current) for r in hengelo.rounds] == [
        (1, "najaar 2023", False),
        (2, "voorjaar 2025", True),
    ]
    assert all("ictie" in r.label for r in hengelo.rounds)


def test_themes_per_round_apply_the_threshold_per_round(hengelo_run):
    k = hengelo_run.project.privacy_threshold
    rounds = _frame(hengelo_run, "select * from buurt_theme_rounds")
    assert set(rounds["round_number"]) == {1, 2}
    shown = rounds[rounds["shown"]]
    assert (shown["respondents"] >= k).all() and len(shown) > 0
    assert rounds.loc[~rounds["shown"], ["respondents", "segments"]].isna().all().all()
    # The rule is per round: a buurt-theme shown in one round can be hidden in the other.
    both = rounds.pivot_table(index=["code", "theme"], columns="round_number", values="shown", aggfunc="first")
    assert (both[1] != both[2]).any()
    # Today's round counts exactly what buurt_themes counts.
    today = rounds[rounds["round_number"] == 2].merge(
        _frame(hengelo_run, "select code, theme, respondents from buurt_themes"), on=["code", "theme"]
    )
    assert today["respondents_x"].equals(today["respondents_y"])


def test_the_change_table_holds_only_pairs_shown_in_both_rounds(hengelo_run):
    k = hengelo_run.project.privacy_threshold
    changes = _frame(hengelo_run, "select * from buurt_theme_changes")
    rounds = _frame(hengelo_run, "select code, theme, round_number, shown from buurt_theme_rounds")
    shown = {(r.code, r.theme, r.round_number) for r in rounds.itertuples() if r.shown}
    expected = {(c, t) for c, t, n in shown if n == 1 and (c, t, 2) in shown}
    assert set(zip(changes["code"], changes["theme"], strict=True)) == expected and expected
    assert (changes[["respondents_from", "respondents_to"]] >= k).all().all()
    assert (changes["change"] == changes["respondents_to"] - changes["respondents_from"]).all()


def test_the_codebook_mapping_renames_merges_and_splits(hengelo):
    old = hengelo.rounds[0]
    current = set(read_codebook(SAMPLE / "codebook.csv")["theme"])
    names, problems = theme_mapping(old, read_codebook(OLD / "codebook.csv"), current)
    assert problems == []
    assert names["Buurthuis en activiteiten"] == "Ontmoeten"  # renamed
    assert names["Armoede"] == names["Schulden"] == "Geldzorgen"  # merged
    assert names["Zorg/Mantelzorg" if "Zorg/Mantelzorg" in names else "Zorg"] == "Gezondheid"  # split ...
    assert names["Zorg/Wachttijden"] == "Continuïteit van hulp"  # ... by code


def test_the_old_round_lands_on_todays_themes_only(hengelo_run):
    themes = set(_frame(hengelo_run, "select distinct theme from buurt_theme_rounds")["theme"])
    assert themes == set(_frame(hengelo_run, "select theme from codebook")["theme"])


def _round(mapping: dict[str, str]) -> Round:
    return Round(1, "oud", "2023", OLD / "interviews_fictief.csv", OLD / "codebook.csv", mapping=mapping)


def test_a_mapping_naming_unknown_codes_or_themes_is_refused():
    current = set(read_codebook(SAMPLE / "codebook.csv")["theme"])
    book = read_codebook(OLD / "codebook.csv")
    _, problems = theme_mapping(
        _round(
            {
                "Armoede": "Geldzorgen",
                "Schulden": "Geldzorgen",
                "Zorg": "Gezondheid",
                "Buurthuis": "Ontmoeten",
                "Buurthuis en activiteiten": "Samenzijn",
            }
        ),
        book,
        current,
    )
    text = "\n".join(problems)
    assert "'Buurthuis' is not a code or theme" in text
    assert "'Samenzijn' is not a theme of today's codebook" in text
    _, problems = theme_mapping(_round({}), book, current)
    assert any("theme 'Armoede'" in p and "map it" in p for p in problems)


def test_a_project_with_one_interviews_section_is_one_round(tmp_path):
    text = (SAMPLE / "project.toml").read_text(encoding="utf-8")
    single = re.sub(r"\n\[\[rounds\]\].*?(?=\n\[privacy\])", "\n", text, flags=re.DOTALL)
    assert "\n[[rounds]]" not in single and "[privacy]" in single
    project = Project.load(_beside(tmp_path, single))
    assert [(r.number, r.current) for r in project.rounds] == [(1, True)]


def _beside(tmp_path: Path, text: str) -> Path:
    """Write a project file next to a copy of the sample's files."""
    import shutil

    shutil.copytree(SAMPLE, tmp_path / "hengelo")
    path = tmp_path / "hengelo" / "project.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_agreements_are_read_back_with_todays_themes(hengelo_run):
    agreements = _frame(hengelo_run, "select * from agreements")
    assert len(agreements) == 5 and set(agreements["round_number"]) == {1}
    # The meeting wrote "Armoede" (the old codebook); the table says Geldzorgen.
    assert "Geldzorgen" in set(agreements["theme"]) and "Armoede" not in set(agreements["theme"])
    assert str(agreements["review_date"].dtype).startswith("datetime") or agreements["review_date"].notna().all()
    followup = _frame(hengelo_run, "select * from buurt_followup")
    assert len(followup) == 5 and followup["followup"].str.len().gt(10).all()


BUURTEN = {"BU01640203": "Klein Driene", "BU01640604": "Tichelwerk"}
THEMES = {"Jongeren": "Jongeren", "Armoede": "Geldzorgen", "Geldzorgen": "Geldzorgen"}


def _write(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "afspraken.csv"
    path.write_text(
        "# ingevuld na het gesprek\nbuurt,thema,afspraak,wie,terugkijken\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )
    return path


def test_agreements_accept_a_buurt_by_name_or_code_and_an_old_theme(tmp_path):
    path = _write(
        tmp_path,
        "klein driene,Jongeren,Sportplek zoeken,jongerenwerker,2024-05-15",
        "BU01640604,Armoede,Spreekuur,sociaal makelaar,2024-06-01",
    )
    found = read_agreements(path, buurten=BUURTEN, themes=THEMES)
    assert found["code"].tolist() == ["BU01640203", "BU01640604"]
    assert found["theme"].tolist() == ["Jongeren", "Geldzorgen"]
    assert str(found["review_date"].iloc[0]) == "2024-05-15"


@pytest.mark.parametrize("written", ["15-05-2024", "15/5/2024", "15.05.2024", "2024-05-15 00:00:00"])
def test_agreements_read_a_date_as_dutch_excel_saves_it(tmp_path, written):
    # Sweep 13 #2: '3-2-2025', the form Dutch Excel writes, was refused with "write 2025-02-03": the date it meant.
    found = read_agreements(_write(tmp_path, f"Klein Driene,Jongeren,x,wie,{written}"), buurten=BUURTEN, themes=THEMES)
    assert str(found["review_date"].iloc[0]) == "2024-05-15"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Atlantis,Jongeren,x,wie,2024-05-15", "afspraken.csv, row 3: buurt 'Atlantis' is not a buurt of this project"),
        (
            "Klein Driene,Ruimtevaart,x,wie,2024-05-15",
            "afspraken.csv, row 3: thema 'Ruimtevaart' is not in the codebook",
        ),
        (
            "Klein Driene,Jongeren,x,wie,15-05-24",
            "afspraken.csv, row 3: terugkijken '15-05-24' is not a date written YYYY-MM-DD; write e.g. 2024-06-01",
        ),
        ("Klein Driene,Jongeren,,wie,2024-05-15", "afspraken.csv, row 3: afspraak is empty"),
    ],
)
def test_malformed_agreements_are_refused_naming_file_row_value_and_fix(tmp_path, row, message):
    with pytest.raises(ValidationError) as error:
        read_agreements(_write(tmp_path, row), buurten=BUURTEN, themes=THEMES)
    assert message in str(error.value)
    assert str(tmp_path / "afspraken.csv") in str(error.value)


def test_malformed_agreements_in_the_project_stop_the_run(tmp_path, key):
    import shutil

    shutil.copytree(SAMPLE, tmp_path / "hengelo")
    agreements = tmp_path / "hengelo" / "ronde_najaar_2023" / "afspraken_fictief.csv"
    agreements.write_text(
        agreements.read_text(encoding="utf-8").replace("2024-03-01", "1 maart 2024"), encoding="utf-8"
    )
    with pytest.raises(ValidationError, match="terugkijken '1 maart 2024' is not a date"):
        pipeline.run(Project.load(tmp_path / "hengelo" / "project.toml"), key=key)


def test_the_next_rounds_handout_tells_what_was_agreed_and_what_shows_since(hengelo_run):
    from buurtdata.outputs import followup

    since = followup.since_last_meeting(hengelo_run.con)
    assert set(since) == {"BU01640203", "BU01640501", "BU01640604"}
    jongeren = since["BU01640203"][0]
    assert jongeren.startswith("Jongeren: Met jongeren een plek zoeken")
    # Read aloud: "15 mei 2024", not "15-05-2024" (user test).
    assert "terugkijken 15 mei 2024" in jongeren.replace("\u00a0", " ") and "(3 → 4)" in jongeren
    assert "aandeel inwoners 15 tot 25 jaar 11,2 (2020) → 11,4 (2024)" in jongeren


def test_a_long_agreement_on_the_handout_says_where_it_stands_in_full():
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    from buurtdata.outputs import followup

    drawn = []

    def paragraph(figure, y, text, **options):
        drawn.append(text)
        return y - 0.02

    long = "Jongeren: " + "met de jongerenwerker en de school een plek zoeken om te sporten " * 6
    followup.draw(Figure(), 0.9, [long], floor=0.1, paragraph=paragraph)
    assert drawn[0] == followup.TITLE
    assert len(drawn[1]) <= followup.SHORTEN and drawn[1].endswith("… (voluit: zie het buurttoekomstplan)")


def test_a_shortened_agreement_leaves_no_bracket_open():
    """User test T: Klein Driene's handout read "dan in najaar 2023 (3 → … (voluit: zie het buurttoekomstplan)": a
    bracket inside a bracket, and "drie, pijl" aloud; the cut goes before the bracket it would leave open."""
    from buurtdata.outputs import followup

    news = (
        "Wat mensen nu zeggen: in het voorjaar van 2025 noemden meer mensen dit thema dan in het najaar van 2023 "
        "(3 → 4). Cijfers: "
        "het aandeel inwoners van 15 tot 25 jaar ging van 11,0 naar 11,4."
    )
    cut = 0
    for words in range(20, 110):
        line = followup.shortened("• Jongeren: " + "a " * words + news)
        body = line.removesuffix(" (voluit: zie het buurttoekomstplan)")
        assert len(line) <= followup.SHORTEN and body.count("(") == body.count(")"), line
        cut += body.endswith("dan in het najaar van 2023 …")
    assert cut  # some lengths were cut inside the bracket, and are cut before it now


def test_a_long_agreement_gives_way_to_what_people_say_now():
    # User test B: a long agreement cut the line at "Wat mensen nu zeggen: in het voorjaar van 2027 …", the news lost.
    import datetime as dt

    import duckdb

    from buurtdata.outputs import followup

    con = duckdb.connect()
    con.execute("create table buurt_theme_rounds as select 2 as round_number")
    news = "In het voorjaar van 2027 noemden minder mensen dit thema dan in het voorjaar van 2025 (5 → 4)."
    agreement = "Met de woningcorporatie en de huurdersvereniging een schouw houden van alle portieken " * 3
    con.execute(
        "create table buurt_followup as select 'BU01500101' as code, 'Wonen' as theme, ? as agreement, "
        "'Buurtteam' as owner, ?::date as review_date, ? as followup, 'Wonen' as theme_agreed, 1 as round_number",
        [agreement, dt.date(2026, 6, 1), news],
    )
    (line,) = followup.since_last_meeting(con)["BU01500101"]
    assert "minder mensen dit thema dan in het voorjaar van 2025 (5 → 4)." in line
    assert len(f"• {line}") <= followup.SHORTEN and line.endswith("(voluit: zie het buurttoekomstplan)")
    assert line.startswith("Wonen: Met de woningcorporatie") and "… (wie: Buurtteam; terugkijken 1" in line


def test_figures_over_time_stand_on_todays_indeling(hengelo_run):
    trends = _frame(hengelo_run, "select * from buurt_trends")
    assert set(trends["year"]) == {2020, 2024}
    assert trends["code"].nunique() == 62
    one = trends[(trends["code"] == "BU01640203") & (trends["indicator"] == "inwoners")]
    assert one["value"].notna().all() and len(one) == 2


def test_agreements_are_read_from_a_spreadsheet_too(tmp_path):
    path = tmp_path / "afspraken.xlsx"
    pd.DataFrame(
        {
            "buurt": ["Klein Driene"],
            "thema": ["Jongeren"],
            "afspraak": ["Sportplek zoeken"],
            "wie": ["jongerenwerker"],
            "terugkijken": [pd.Timestamp("2024-05-15")],
        }
    ).to_excel(path, index=False)
    found = read_agreements(path, buurten=BUURTEN, themes=THEMES)
    assert found[["code", "theme"]].values.tolist() == [["BU01640203", "Jongeren"]]
    assert str(found["review_date"].iloc[0]) == "2024-05-15"


def test_a_note_row_in_an_agreements_workbook_is_left_out_and_said(tmp_path):
    # Nothing is dropped silently: a '#' note under the header is said; before, any row starting with # went.
    from buurtdata.sources.interviews.tables import CommentBelowWarning

    path = tmp_path / "afspraken.xlsx"
    pd.DataFrame(
        {
            "buurt": ["Klein Driene", "# nog na te vragen bij de wijkagent"],
            "thema": ["Jongeren", ""],
            "afspraak": ["Sportplek zoeken", ""],
            "wie": ["jongerenwerker", ""],
            "terugkijken": ["2024-05-15", ""],
        }
    ).to_excel(path, index=False)
    with pytest.warns(CommentBelowWarning, match=r"afspraken\.xlsx: row 3 below the header holds only a comment"):
        found = read_agreements(path, buurten=BUURTEN, themes=THEMES)
    assert found["code"].tolist() == ["BU01640203"]
    # The same rows as a CSV read alike; an error further down still names its row as a spreadsheet does.
    csv = tmp_path / "afspraken.csv"
    csv.write_text(
        "buurt,thema,afspraak,wie,terugkijken\nKlein Driene,Jongeren,Sportplek zoeken,jongerenwerker,2024-05-15\n"
        "# nog na te vragen bij de wijkagent,,,,\nKlein Driene,Jongeren,,jongerenwerker,2024-05-15\n",
        encoding="utf-8",
    )
    with pytest.warns(CommentBelowWarning, match="row 3 below"), pytest.raises(ValidationError, match="row 4"):
        read_agreements(csv, buurten=BUURTEN, themes=THEMES)


def test_an_agreements_workbook_may_start_with_the_templates_comment_lines(tmp_path):
    # Review: a workbook saved from the template keeps its '#' lines above the header; they were read as the header.
    import openpyxl

    from buurtdata.sources.interviews.tables import CommentBelowWarning

    book = openpyxl.Workbook()
    sheet = book.active
    for row in (
        ["# Sjabloon voor de afspraken van een buurtgesprek (buurtdata)."],
        ["buurt", "thema", "afspraak", "wie", "terugkijken"],
        ["Klein Driene", "Jongeren", "Sportplek zoeken", "jongerenwerker", "2024-05-15"],
        [" # nog na te vragen", " ", None, None, None],
    ):
        sheet.append(row)
    path = tmp_path / "afspraken.xlsx"
    book.save(path)
    with pytest.warns(CommentBelowWarning, match="row 4 below the header"):
        found = read_agreements(path, buurten=BUURTEN, themes=THEMES)
    assert found["code"].tolist() == ["BU01640203"]
