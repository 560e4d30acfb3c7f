"""The signal logic of pipelines/marts/buurt_signals.sql, pinned on constructed buurten."""

import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest
import spoken

from buurtdata import _sql
from buurtdata.sources.cbs import staging

K = 3

# One buurt per case: (direction of the linked figure, theme status, respondents heard in the buurt).
CASES = {
    "BU00000001": ("higher", "getoond", 5, "samen"),
    "BU00000002": ("around", "getoond", 5, "verschil"),
    "BU00000003": (None, "getoond", 5, "alleen verhalen"),
    "BU00000004": ("higher", "geen stemmen", 4, "verschil"),
    # 1 to k-1 people heard in the buurt in all: every theme 'te weinig gesprekken' (user test V, left A).
    "BU00000005": ("higher", "te weinig gesprekken", 1, "alleen cijfers"),
    "BU00000006": ("higher", "te weinig stemmen", 4, "te weinig stemmen"),
    "BU00000007": ("around", "geen stemmen", 4, "geen signaal"),
    "BU00000008": ("lower", "getoond", 5, "verschil"),  # lower does not point for a 'higher' link
    "BU00000009": (None, "te weinig stemmen", 4, "te weinig stemmen"),
    "BU00000010": (None, "te weinig gesprekken", 2, "geen signaal"),
    "BU00000011": ("higher", "geen stemmen", 0, "alleen cijfers"),
}


@pytest.fixture(scope="module")
def built():
    con = duckdb.connect()
    con.execute(
        f"create table project_settings as select {K} as privacy_threshold, 'Fictieve testinterviews' as interviews"
    )
    con.execute(
        "create table theme_links as select * from (values ('Eenzaamheid', "
        "'aandeel_65_plus', 'higher')) t(theme, indicator, direction)"
    )
    comparison = pd.DataFrame(
        [
            {
                "code": code,
                "name": f"Buurt {code[-1]}",
                "gemeente_code": "GM0000",
                "gemeente_name": "Testgemeente",
                "rounded_to": None,
                "indicator": "aandeel_65_plus",
                "title": "Aandeel inwoners 65 jaar of ouder",
                "unit": "%",
                "index": {"higher": 150.0, "lower": 50.0, "around": 100.0}.get(direction),
                "direction": direction,
                "value": None if direction is None else 10.0 if direction == "lower" else 30.0,
                "gemeente_value": 20.0,
                "value_text": None if direction is None else "10,0" if direction == "lower" else "30,0",
                "gemeente_text": "20,0",
                "weinig_of_geen": False,
                "status": "waarde" if direction else "te_klein",
                "measure": "aandeel",
            }
            for code, (direction, _, _, _) in CASES.items()
        ]
    )
    themes = pd.DataFrame(
        [
            {"code": code, "theme": "Eenzaamheid", "theme_status": status, "respondents": {"getoond": 5}.get(status, 0)}
            for code, (_, status, _, _) in CASES.items()
        ]
        + [
            {"code": "BU00000001", "theme": "Veiligheid", "theme_status": "getoond", "respondents": 3},
            {"code": "BU00000002", "theme": "Veiligheid", "theme_status": "geen stemmen", "respondents": 0},
            # A buurt of too few heard in all: its raised but unlinked theme gives no row (nothing per theme).
            {"code": "BU00000010", "theme": "Veiligheid", "theme_status": "te weinig gesprekken", "respondents": 0},
        ]
    )
    segments = pd.DataFrame(
        [
            {"buurt_code": code, "wijk_code": f"WK{code[2:8]}", "respondent": f"r{i}"}
            for code, (_, _, heard, _) in CASES.items()
            for i in range(heard)
        ]
    )
    for name, frame in (("buurt_comparison", comparison), ("buurt_themes", themes), ("stg_segments", segments)):
        con.register(f"raw_{name}", frame)
        con.execute(f"create table {name} as select * from raw_{name}")
    staging.load_seeds(con)
    _sql.run(con, "staging/stg_buurt_heard.sql")  # the people heard per buurt, as buurt_signals reads them
    _sql.run(con, "marts/buurt_signals.sql")
    return con.sql("select * from buurt_signals where theme = 'Eenzaamheid'").df().set_index("code"), con


@pytest.fixture(scope="module")
def signals(built):
    return built[0]


@pytest.mark.parametrize("code", list(CASES))
def test_signal_per_case(signals, code):
    assert signals.loc[code, "signal"] == CASES[code][3]


def test_figures_and_stories_are_explicit(signals):
    assert signals.loc["BU00000001", ["figures", "stories"]].tolist() == ["wijzen", "genoemd"]
    assert signals.loc["BU00000003", "figures"] == "onbekend"
    assert signals.loc["BU00000004", "stories"] == "niet genoemd"
    assert signals.loc["BU00000005", "stories"] == "te weinig gesprekken"
    assert signals.loc["BU00000010", "stories"] == "te weinig gesprekken"
    assert signals.loc["BU00000011", "stories"] == "niet gesproken"
    assert signals.loc["BU00000008", "figures"] == "wijzen niet"


def test_prompts_are_questions_not_verdicts(signals):
    asked = signals[signals["signal"] != "geen signaal"]
    assert asked["question"].str.endswith("?").all()
    assert signals.loc[signals["signal"] == "geen signaal", "question"].isna().all()
    assert signals.loc["BU00000001", "question"] == (
        "De cijfers wijken af van die van heel Testgemeente: het aandeel inwoners van 65\u00a0jaar of ouder is hier "
        "hoger (30,0\u00a0%, in de gemeente 20,0\u00a0%). In de interviews noemden 5 mensen ook eenzaamheid. "
        "Herkent u dat? Wat zou hier helpen?"
    )
    assert signals.loc["BU00000001", "cited"] == "aandeel_65_plus"
    assert "Toch noemde niemand in de interviews in deze buurt eenzaamheid." in signals.loc["BU00000004", "question"]
    # User test T: the figures looked at are said in the sentence, not in brackets a listener cannot hear.
    assert (
        "Toch wijken de cijfers over het aandeel inwoners van 65\u00a0jaar of ouder niet af van die van heel "
        "Testgemeente." in (signals.loc["BU00000002", "question"])
    )
    assert "niet af van die van heel Testgemeente." in signals.loc["BU00000002", "question"]
    assert signals.loc["BU00000002", "cited"] == "aandeel_65_plus"
    # A figure beyond the band the other way than the link: said so, not that the figures do not differ.
    assert signals.loc["BU00000008", "question"] == (
        "In de interviews noemden 5 mensen eenzaamheid. De cijfers wijken wel af van die van heel Testgemeente, maar "
        "anders dan u misschien verwacht: het aandeel inwoners van 65\u00a0jaar of ouder is hier lager (10,0\u00a0%, "
        "in de gemeente 20,0\u00a0%). Herkent u dat? Wat laten de cijfers niet zien?"
    )
    assert signals.loc["BU00000008", "cited"] == "aandeel_65_plus"
    # User test T: 'Speelt dit ...?' is about the sentence before it, so the figures come first, then the topic.
    assert signals.loc["BU00000006", "question"].startswith("De cijfers wijken af van die van heel Testgemeente: ")
    assert signals.loc["BU00000006", "question"].endswith(
        ". Enkele mensen noemden eenzaamheid, te weinig om er iets over te zeggen. Speelt dit bij meer mensen in de "
        "buurt?"
    )
    # User test T: "Wat merkt u daarvan?" is about the sentence before it, so that sentence is the figures, not
    # who we spoke to ("... met te weinig mensen gesproken. Wat merkt u daarvan?" asks about not being heard).
    assert signals.loc["BU00000005", "question"].startswith(
        "We hebben in deze buurt nog met te weinig mensen gesproken. De cijfers wijken af van die van heel "
        "Testgemeente: "
    )
    for question in signals["question"].dropna():
        before = re.split(r"(?<=[.?!]) ", question.split(" Wat merkt u daarvan?")[0])[-1]
        assert "Wat merkt u daarvan?" not in question or before.startswith("De cijfers"), question
    # Fewer than k people: no number, in the question or in what it cites.
    assert "Enkele mensen noemden eenzaamheid" in signals.loc["BU00000006", "question"]
    assert pd.isna(signals.loc["BU00000009", "cited"])
    assert "de cijfers" not in signals.loc["BU00000009", "question"]


def test_lower_links_point_when_lower(signals):
    con = duckdb.connect()
    con.execute(f"create table project_settings as select {K} as privacy_threshold, 'x' as interviews")
    con.execute(
        "create table theme_links as select 'Geldzorgen' as theme, 'gemiddelde_woz' as indicator, 'lower' as direction"
    )
    con.execute(
        "create table buurt_comparison as select 'BU1' as code, 'B' as name, 'GM1' as gemeente_code, "
        "'G' as gemeente_name, null::integer as rounded_to, "
        "'gemiddelde_woz' as indicator, 'Gemiddelde WOZ-waarde van woningen' as title, 'x 1 000 euro' as unit, "
        "60.0 as index, 'lower' as direction, 180.0 as value, 300.0 as gemeente_value, '180' as value_text, "
        "'300' as gemeente_text, false as weinig_of_geen, 'waarde' as status, 'gemiddelde' as measure"
    )
    con.execute(
        "create table buurt_themes as select 'BU1' as code, 'Geldzorgen' as theme, 'getoond' as theme_status, "
        "3 as respondents"
    )
    con.execute(
        "create table stg_segments as select 'BU1' as buurt_code, 'WK1' as wijk_code, "
        "unnest(['a', 'b', 'c']) as respondent"
    )
    staging.load_seeds(con)
    _sql.run(con, "staging/stg_buurt_heard.sql")  # the people heard per buurt, as buurt_signals reads them
    _sql.run(con, "marts/buurt_signals.sql")
    signal, question = con.execute("select signal, question from buurt_signals").fetchall()[0]
    assert signal == "samen"
    # CBS counts the WOZ value in thousands: said as people say it, with the number and unit unbroken.
    assert "de gemiddelde WOZ-waarde van woningen is hier lager (180.000\u00a0euro, in de gemeente 300.000)" in question
    assert "x 1 000" not in question


def test_a_raised_theme_without_linked_figures_is_only_stories(built):
    _, con = built
    rows = con.sql(
        "select code, linked, figures, signal, question from buurt_signals where theme = 'Veiligheid'"
    ).fetchall()
    assert len(rows) == 1  # a theme nobody raised and nothing links to gives no row
    code, linked, figures, signal, question = rows[0]
    assert (code, linked, figures, signal) == ("BU00000001", False, "onbekend", "alleen verhalen")
    # Said as a wijkwerker asks it, without a word about the project file.
    assert question == (
        "In de interviews noemden 3 mensen veiligheid. Daar hebben we nog geen cijfers over. Wat speelt er? "
        "Waaraan zou u kunnen zien hoeveel mensen het raakt?"
    )


def _only_stories(figures: list[tuple], *, others: str = "waarde") -> str:
    """The 'alleen verhalen' question of buurt BU1, whose linked figures (status, measure, weinig_of_geen,
    gemeente_value[, rounded_to]) have no direction; another buurt of the gemeente, BU2, has each figure with status
    ``others``."""
    con = duckdb.connect()
    con.execute(f"create table project_settings as select {K} as privacy_threshold, 'x' as interviews")
    rows = []
    for number, (status, measure, weinig_of_geen, gemeente_value, *rounded_to) in enumerate(figures):
        figure = {
            "indicator": f"cijfer_{number}",
            "title": f"Cijfer {number}",
            "unit": "%",
            "index": None,
            "direction": None,
            "value": None,
            "gemeente_code": "GM1",
            "gemeente_name": "G",
            "gemeente_value": gemeente_value,
            "value_text": None,
            "gemeente_text": None,
            "rounded_to": rounded_to[0] if rounded_to else None,
        }
        rows.append(figure | {"code": "BU1", "name": "B", "weinig_of_geen": weinig_of_geen, "status": status})
        rows.append(figure | {"code": "BU2", "name": "C", "weinig_of_geen": False, "status": others})
        rows[-2]["measure"] = rows[-1]["measure"] = measure
    comparison = pd.DataFrame(rows)
    links = pd.DataFrame({"theme": "Eenzaamheid", "indicator": comparison["indicator"].unique(), "direction": "higher"})
    themes = pd.DataFrame([{"code": "BU1", "theme": "Eenzaamheid", "theme_status": "getoond", "respondents": 3}])
    segments = pd.DataFrame({"buurt_code": "BU1", "wijk_code": "WK1", "respondent": ["a", "b", "c"]})
    for name, frame in (
        ("buurt_comparison", comparison),
        ("theme_links", links),
        ("buurt_themes", themes),
        ("stg_segments", segments),
    ):
        con.register(f"raw_{name}", frame)
        con.execute(f"create table {name} as select * from raw_{name}")
    staging.load_seeds(con)
    _sql.run(con, "staging/stg_buurt_heard.sql")  # the people heard per buurt, as buurt_signals reads them
    _sql.run(con, "marts/buurt_signals.sql")
    [(signal, question)] = con.execute(
        "select signal, question from buurt_signals where code = 'BU1' and signal <> 'geen signaal'"
    ).fetchall()
    assert signal == "alleen verhalen"
    return question


#: Each way a linked figure says nothing in a buurt, and the reason the question gives for it.
REASONS = [
    (("te_klein", "aandeel", None, 20.0), "er wonen hier te weinig mensen voor een betrouwbaar cijfer"),
    (("geheim", "percentage", False, 20.0), "CBS maakt dat cijfer hier niet bekend, bijvoorbeeld omdat het over heel"),
    (("ontbreekt", "aandeel", False, 20.0), "CBS heeft dat cijfer voor deze buurt niet"),
    (("niet_van_toepassing", "aandeel", None, 20.0), "dat cijfer is hier niet van toepassing"),
    (("waarde", "aandeel", True, 20.0, 5), "CBS rondt aantallen af op vijftallen, dus 0 kan hier ook een paar zijn"),
    (("waarde", "aandeel", True, 20.0, 10), "CBS rondt aantallen af op tientallen"),
    (("waarde", "aantal", False, None), "dat is een aantal"),
    (("waarde", "aandeel", False, None), "de gemeente heeft zelf geen cijfer"),
    (("waarde", "aandeel", False, 0.0), "in de hele gemeente is het 0"),
]


@pytest.mark.parametrize(("figure", "reason"), REASONS)
def test_only_stories_says_why_the_figures_say_nothing(figure, reason):
    # Review t L6: the question listed every reason there could be ("te weinig mensen ... geheim of ontbreekt"),
    # also for a rounded 0 that said none of them; it names the reason of this buurt, and of which figure.
    question = _only_stories([figure])
    assert question.startswith(
        "In de interviews noemden 3 mensen eenzaamheid. Wat de cijfers daarover zeggen, weten we voor deze buurt "
        f"niet. Cijfer 0: {reason}"
    )
    assert question.endswith(". Wat speelt er?")
    assert not spoken.problems(question), question


def test_a_figure_missing_in_every_buurt_is_no_gap_of_this_one():
    # Review v L8: bijstand of KWB 2024 is in no buurt of Hengelo; "voor deze buurt niet" said a gap of this one.
    question = _only_stories([("ontbreekt", "aandeel", False, 20.0)], others="ontbreekt")
    assert "Cijfer 0: CBS geeft dat cijfer niet per buurt." in question


def test_only_stories_says_which_figure_each_reason_is_about():
    # Review v M6: "CBS heeft dat cijfer hier niet; CBS houdt het cijfer geheim" did not say which figure was which.
    question = _only_stories([("te_klein", "aandeel", None, 20.0), ("geheim", "aandeel", False, 20.0)])
    assert (
        "niet. Cijfer 0: er wonen hier te weinig mensen voor een betrouwbaar cijfer. Cijfer 1: CBS maakt dat cijfer "
        "hier niet bekend"
    ) in question
    assert not spoken.problems(question), question


def test_every_reason_the_sql_gives_has_a_sentence():
    # Review v L12: a code without a 'reden' row would print "... niet: . Wat speelt er?".
    sql = (Path(_sql.pipelines_dir()) / "marts" / "buurt_signals.sql").read_text(encoding="utf-8")
    block = sql[sql.index("case when buurt_comparison.direction is null then") : sql.index("end as silent")]
    statuses = re.search(r"status in \(([^)]*)\)", block).group(1)
    given = set(re.findall(r"(?:then|else) '(\w+)'", block)) | set(re.findall(r"'(\w+)'", statuses))
    seeds = pd.read_csv(Path(_sql.pipelines_dir()) / "seeds" / "vragen.csv")
    assert given == set(seeds.loc[seeds["part"] == "reden", "name"])
    assert len(REASONS) >= len(given)


@pytest.mark.parametrize(
    ("gemeente", "said"),
    [("Hengelo (O.)", "Hengelo"), ("Bergen (NH.)", "Bergen"), ("Bergen (L.)", "Bergen"), ("Ermelo", "Ermelo")],
)
def test_a_question_says_the_gemeente_as_people_say_it(gemeente, said):
    """User test T: CBS's letters ("(O.)", "(NH.)") tell two gemeenten of one name apart on paper; in a sentence
    read aloud they are "O punt", and a printed line broke before them ("af van Bergen / (NH.)")."""
    con = duckdb.connect()
    _sql.macros(con)
    ((question,),) = con.execute(
        "select fill_question('De cijfers wijken af van {gemeente}: x.', ?, null, 'y', null, null, null)", [gemeente]
    ).fetchall()
    assert question == f"De cijfers wijken af van {said}: x."
