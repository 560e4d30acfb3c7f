"""User test V, left A: a buurt where fewer than k people were heard must not show which themes they raised.

Real figures and polygons: Ermelo (GM0233) from CBS's KWB 2020 (data/raw/kwb2020-84799NED-statlinebq) on the 2021 wijk-
en buurtkaart (data/raw/wijkenbuurten2021-ermelo-gpkg-tauvic), a gemeente the sample's fixtures were not made for. The
interviews are FICTIEF, written here. Threshold k = 3. Today (voorjaar 2025):

* Speuld: 1 person, who raised Eenzaamheid and Wonen (the widow of the user test);
* Verspreide huizen Houtdorp: k-1 = 2 people, both on Eenzaamheid, one also on Geldzorgen;
* Ermelo-Oost: exactly k = 3 people on Eenzaamheid, one of them also on Wonen.

Wijk 01 Speuld's Eenzaamheid row holds Speuld's 1 and Houtdorp's 2: 3, which only 1 + 2 or 2 + 1 gives (each 0 to 2,
as far as a reader knows): it would tell that Speuld's one person named Eenzaamheid, so it is withheld, and every
withheld row of Wijk 01 says 'te weinig gesprekken' (no 'geen stemmen' telling what those few did not name). An
earlier round (najaar 2023) heard 3 people in Speuld on Eenzaamheid (k, then 1 today) and 1 in Ermelo-Oost on
Eenzaamheid and Veiligheid (1, then k today), with agreements in both buurten. Wonen and Geldzorgen are linked to no
figure, so any word of them about Speuld or Houtdorp can only come from what those few people said.
"""

from __future__ import annotations

import re
import shutil
import warnings
from pathlib import Path

import duckdb
import geopandas as gpd
import pypdf
import pytest
import spoken

from buurtdata import datasets, pipeline
from buurtdata.outputs import audit, charts, handout, toekomstplan
from buurtdata.outputs._audit_thin import themes_told_apart
from buurtdata.project import Project
from tests import ermelo_rounds

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
KWB_2020 = RAW / "kwb2020-84799NED-statlinebq" / "84799NED" / "cbs.v3.84799NED_TypedDataSet.parquet"
ERMELO_GPKG = RAW / "wijkenbuurten2021-ermelo-gpkg-tauvic" / "CBS_buurten.gpkg"
pytestmark = pytest.mark.skipif(not KWB_2020.exists() or not ERMELO_GPKG.exists(), reason="data/raw is not here")

K = 3
SPEULD, HOUTDORP, OOST = "BU02330100", "BU02330106", "BU02330001"
THIN = {SPEULD: 1, HOUTDORP: 2}
WIJK01 = "WK023301"
TOO_FEW_HEARD = "te weinig gesprekken"
SAID = "met te weinig mensen om per thema iets te laten zien"

HEADER = "# FICTIEF - verzonnen fragmenten (privacy van dunne buurten), geen echte personen.\n"
COLUMNS = "segment_id,respondent,role,code,quote,location,date,consent\n"
TODAY = [
    ("S01", "W01", "Eenzaamheid", "Speuld"),
    ("S02", "W01", "Wonen", "Speuld"),
    ("S03", "H01", "Eenzaamheid", "Verspreide huizen Houtdorp"),
    ("S04", "H02", "Eenzaamheid", "Verspreide huizen Houtdorp"),
    ("S05", "H02", "Geldzorgen", "Verspreide huizen Houtdorp"),
    ("S06", "O01", "Eenzaamheid", "Ermelo-Oost"),
    ("S07", "O02", "Eenzaamheid", "Ermelo-Oost"),
    ("S08", "O03", "Eenzaamheid", "Ermelo-Oost"),
    ("S09", "O03", "Wonen", "Ermelo-Oost"),
]
EARLIER = [
    ("R01", "W01", "Eenzaamheid", "Speuld"),
    ("R02", "W02", "Eenzaamheid", "Speuld"),
    ("R03", "W03", "Eenzaamheid", "Speuld"),
    ("R04", "O01", "Eenzaamheid", "Ermelo-Oost"),
    ("R05", "O01", "Veiligheid", "Ermelo-Oost"),
]
AGREEMENTS = (
    "# FICTIEF\nbuurt,thema,afspraak,wie,terugkijken\n"
    "Speuld,Eenzaamheid,Een koffieochtend in het dorpshuis,buurtteam,2024-03-01\n"
    "Ermelo-Oost,Eenzaamheid,Een wandelgroep op dinsdag,buurtteam,2024-03-01\n"
    "Ermelo-Oost,Veiligheid,Een schouw met de wijkagent,buurtteam,2024-03-01\n"
)


def _sheet(rows: list[tuple[str, str, str, str]], date: str) -> str:
    return (
        HEADER
        + COLUMNS
        + "".join(f"{s},{r},bewoner,{c},Zo is het hier.,{where},{date},ja\n" for s, r, c, where in rows)
    )


def _project(folder: Path) -> Path:
    codebook = datasets.get_path("hengelo").parent / "codebook.csv"
    folder.mkdir()
    (folder / "ronde1").mkdir()
    shutil.copy(ERMELO_GPKG, folder / "CBS_buurten.gpkg")
    (folder / "segmenten.csv").write_text(_sheet(TODAY, "2025-04-02"), encoding="utf-8")
    (folder / "ronde1" / "segmenten.csv").write_text(_sheet(EARLIER, "2023-10-05"), encoding="utf-8")
    (folder / "ronde1" / "afspraken.csv").write_text(AGREEMENTS, encoding="utf-8")
    (folder / "project.toml").write_text(
        ermelo_rounds.head("CBS_buurten.gpkg", name="Ermelo, buurtgesprekken (FICTIEF)", year=2020)
        + f"""
[interviews]
segments = "segmenten.csv"
codebook = "{codebook.as_posix()}"
fictional = true
label = "Buurtgesprekken Ermelo (FICTIEF)"
period = "voorjaar 2025"

[[rounds]]
label = "Buurtgesprekken Ermelo najaar 2023 (FICTIEF)"
period = "najaar 2023"
segments = "ronde1/segmenten.csv"
codebook = "{codebook.as_posix()}"
agreements = "ronde1/afspraken.csv"
fictional = true

[privacy]
threshold = {K}

[maps]
indicator = "aandeel_65_plus"
theme = "Eenzaamheid"

[profile]
indicators = ["inwoners", "aandeel_65_plus", "aandeel_eenpersoonshuishoudens"]

[[links]]
theme = "Eenzaamheid"
higher = ["aandeel_eenpersoonshuishoudens", "aandeel_65_plus"]

[[links]]
theme = "Jongeren"
higher = ["aandeel_15_25"]
""",
        encoding="utf-8",
    )
    return folder / "project.toml"


@pytest.fixture(scope="module")
def built(tmp_path_factory, key) -> tuple[Path, Project, pipeline.PipelineResult]:
    """The published folder of a build (handouts of the three buurten, the report's pages) and a run of it."""
    from buurtdata.outputs.build import build

    root = tmp_path_factory.mktemp("dunne_buurten")
    project_file = _project(root / "ermelo")
    out = root / "uit"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # The build's own privacy audit runs on it, the check of buurten of too few heard included.
        build(
            project_file,
            out,
            key=key,
            notebook_names=(),
            handout_buurten=[SPEULD, HOUTDORP, OOST],
            handout_png=False,
            site=True,
            say=lambda _: None,
        )
        project = Project.load(project_file)
        result = pipeline.run(project, key=key)
    return out, project, result


def _published(out: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(out / audit.DATABASE), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _pdf(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in pypdf.PdfReader(path).pages).split())


def test_the_published_tables_tell_no_theme_of_a_thin_buurt_apart(built):
    out, _, _ = built
    rows = _published(out, "select code, theme, shown, respondents, segments, theme_status, in_wijk from buurt_themes")
    themes = {theme for _, theme, *_ in rows}
    assert {"Eenzaamheid", "Wonen", "Geldzorgen", "Veiligheid"} <= themes
    for code in THIN:
        mine = [row for row in rows if row[0] == code]
        assert len(mine) == len(themes)
        # One status, no count, no in_wijk: every theme of the buurt reads the same.
        assert {row[2:] for row in mine} == {(False, None, None, TOO_FEW_HEARD, None)}
    layer = gpd.read_file(out / "buurten.gpkg", layer="buurt_themes")
    for code in THIN:
        mine = layer[layer["code"] == code]
        assert len(mine) == len(themes) and set(mine["theme_status"]) == {TOO_FEW_HEARD}
        assert mine["respondents"].isna().all() and mine["in_wijk"].isna().all()
    # Their voices still count in the wijk row, but Speuld's 1 and Houtdorp's 2 on Eenzaamheid make 3, which only
    # 1 + 2 or 2 + 1 gives: the row would tell that Speuld's one person named it. Nothing of Wijk 01 tells a theme.
    wijk = _published(out, f"select theme, shown, respondents, theme_status from wijk_themes where code = '{WIJK01}'")
    assert len(wijk) == len(themes) and {row[1:] for row in wijk} == {(False, None, TOO_FEW_HEARD)}
    # The buurt of exactly k is shown as before, its small theme as 'te weinig stemmen'.
    oost = dict(
        _published(
            out, f"select theme, coalesce(respondents::varchar, theme_status) from buurt_themes where code = '{OOST}'"
        )
    )
    assert oost["Eenzaamheid"] == "3" and oost["Wonen"] == "te weinig stemmen" and oost["Geldzorgen"] == "geen stemmen"
    # No signal of a thin buurt tells one theme from another: only linked themes, from the figures alone.
    signals = _published(out, "select code, theme, linked, stories, signal, question from buurt_signals")
    for code, theme, linked, stories, signal, question in signals:
        if code in THIN:
            assert linked and stories == TOO_FEW_HEARD and signal in ("alleen cijfers", "geen signaal"), theme
            assert question is None or question.startswith(
                "We hebben in deze buurt nog met te weinig mensen gesproken."
            )
    assert not [row for row in signals if row[0] in THIN and row[1] in ("Wonen", "Geldzorgen")]


def test_the_handouts_say_too_few_were_heard_and_name_no_theme_of_theirs(built):
    out, project, result = built
    sheets = {sheet.code: sheet for sheet in handout.handout_data(project, result, buurten=[*THIN, OOST])}
    for code in THIN:
        assert sheets[code].themes == [] and sheets[code].quiet_themes == []
    assert sheets[OOST].themes[0].startswith("Eenzaamheid: 3 mensen") and sheets[OOST].quiet_themes == ["Wonen"]
    for code in THIN:
        text = _pdf(next((out / "handouts").glob(f"{code}_*.pdf")))
        assert SAID in text and "Wat zij vertelden, nemen we wel mee." in text
        assert "te weinig stemmen om te tellen" not in text.lower()
        # Said once per sheet, not again with the questions (review aa T1); an agreement's line may say it cannot look
        # back, and no sentence points at the wijk's themes (review aa T3).
        said = " ".join(text.split())
        assert said.count("te weinig mensen") - said.count("te weinig mensen om terug te kijken") == 1, code
        assert "noemden verder" not in said and "hele wijk" not in said, code
        # Wonen and Geldzorgen are linked to no figure: only the few people's own words could bring them here.
        assert not re.search(r"wonen|geldzorgen", text, re.IGNORECASE), code
    oost = _pdf(next((out / "handouts").glob(f"{OOST}_*.pdf")))
    assert "Eenzaamheid: 3 mensen" in oost and "Te weinig stemmen om te tellen: Wonen." in oost


def test_the_maps_and_questions_tell_no_theme_of_a_thin_buurt_apart(built):
    out, _, _ = built
    page = (out / "kaarten" / "thema_eenzaamheid.html").read_text(encoding="utf-8")
    statuses = dict(re.findall(r'\{"code": "(BU\d+)", "name": "[^"]*", "theme_status": "([^"]*)"', page))
    assert statuses[SPEULD] == statuses[HOUTDORP] == TOO_FEW_HEARD
    # Every theme's map gives a thin buurt the same status (the screen map's data, from the published layer).
    layer = gpd.read_file(out / "buurten.gpkg", layer="buurt_themes")
    for theme in ("Eenzaamheid", "Wonen", "Geldzorgen", "Veiligheid"):
        spec = charts.choropleth_theme(layer, theme, source="Bron: CBS").to_dict()
        rows = [row for data in spec["datasets"].values() if isinstance(data, list) for row in data]
        said = {row["theme_status"] for row in rows if isinstance(row, dict) and row.get("code") in THIN}
        assert said == {TOO_FEW_HEARD}, theme
    questions = (out / "vragen.html").read_text(encoding="utf-8")
    for code in THIN:
        part = (
            questions.split(f'<h3 id="{code}">', 1)[1].split("<h3 ", 1)[0] if f'<h3 id="{code}">' in questions else ""
        )
        assert "Enkele mensen noemden" not in part and not re.search(r"wonen|geldzorgen", part, re.IGNORECASE)


def test_the_rounds_changes_and_follow_up_show_nothing_per_theme_of_a_thin_round(built, tmp_path):
    out, _, result = built
    rounds = _published(out, "select code, round_number, theme, theme_status, respondents from buurt_theme_rounds")
    by_round = {}
    for code, number, _, status, respondents in rounds:
        by_round.setdefault((code, number), set()).add((status, respondents))
    # Speuld: k, then 1 (every theme the same); Ermelo-Oost: 1 (every theme the same), then k.
    assert (TOO_FEW_HEARD, None) not in by_round[(SPEULD, 1)] and ("getoond", 3) in by_round[(SPEULD, 1)]
    assert by_round[(SPEULD, 2)] == {(TOO_FEW_HEARD, None)}
    assert by_round[(OOST, 1)] == {(TOO_FEW_HEARD, None)}
    assert ("getoond", 3) in by_round[(OOST, 2)]
    assert by_round[(HOUTDORP, 2)] == {(TOO_FEW_HEARD, None)}
    assert _published(out, f"select * from buurt_theme_changes where code in ('{SPEULD}', '{OOST}')") == []
    followup = {
        (code, theme): (said, change, before)
        for code, theme, said, change, before in _published(
            out, "select code, theme, followup, change, respondents_from from buurt_followup"
        )
    }
    assert followup[(SPEULD, "Eenzaamheid")] == (
        "In het voorjaar van 2025 spraken we hier met te weinig mensen om terug te kijken.",
        None,
        3,
    )
    # The thin round of Ermelo-Oost: its agreements name no theme and say the same, never what its one person named;
    # in one voice with the handout's "spraken we" (review aa T2, fix-left10 item 2).
    assert (OOST, "Eenzaamheid") not in followup and (OOST, "Veiligheid") not in followup
    assert followup[(OOST, None)] == (
        "In het najaar van 2023 spraken we hier met te weinig mensen om te vergelijken.",
        None,
        None,
    )
    assert not any("te weinig stemmen" in said.lower() for said, _, _ in followup.values())
    # The plans: a round of too few lists no theme, and says why below an empty table.
    plans = toekomstplan.Plans(result, [SPEULD, HOUTDORP, OOST])
    speuld = plans.plan(SPEULD)
    assert speuld["themes"] == [{"theme": "Eenzaamheid", "cells": ["3", TOO_FEW_HEARD]}]
    assert plans.plan(HOUTDORP)["themes"] == [] and plans.plan(OOST)["themes"][0]["cells"] == [TOO_FEW_HEARD, "3"]
    # The build writes a plan of a buurt with an agreement or a theme shown in some round (Speuld); Houtdorp's too here.
    assert next((out / "toekomstplan").glob(f"{SPEULD}_*.pdf"))
    written = toekomstplan.write_plans(result, tmp_path, buurten=list(THIN))
    for code in THIN:
        page = next(p for p in written if p.name.startswith(code) and p.suffix == ".html").read_text(encoding="utf-8")
        text = _pdf(next(p for p in written if p.name.startswith(code) and p.suffix == ".pdf"))
        for said in (page, text):
            assert "met te weinig mensen" in said and "Wat zij vertelden, nemen we wel mee." in said
        assert ("te weinig gesprekken" in text) == (code == SPEULD)  # Houtdorp's table has no row: nobody in 2023
        if code == HOUTDORP:  # and the note below it says so, not only that too few were heard in 2025 (review aa T5)
            for said in (page, " ".join(text.split())):
                assert "In het najaar van 2023 is in deze buurt met niemand gesproken. In het voorjaar van 2025" in said
        for said in (page, text):
            assert not re.search(r"wonen|geldzorgen|te weinig / te weinig", said, re.IGNORECASE), code


def test_an_agreement_of_a_round_of_too_few_names_no_theme_on_paper(built, tmp_path):
    """Ermelo-Oost's one person in najaar 2023 raised Eenzaamheid and Veiligheid, and that round's meeting agreed on
    both: printed with their themes beside 'te weinig gesprekken' on every theme, the agreements would tell the
    neighbours what that person talked about. What the meeting decided is printed, its theme not (fix-left10)."""
    from buurtdata.outputs import followup

    out, _, result = built
    rows = _published(out, "select code, theme, theme_agreed, respondents_to, followup from buurt_followup")
    oost = [row for row in rows if row[0] == OOST]
    assert len(oost) == 2 and {row[1:] for row in oost} == {
        (None, None, None, "In het najaar van 2023 spraken we hier met te weinig mensen om te vergelijken.")
    }
    # Speuld's meeting was of a round of k people: its agreement keeps its theme.
    assert [row[1] for row in rows if row[0] == SPEULD] == ["Eenzaamheid"]
    # The published agreements table says the same.
    agreed = _published(out, "select code, theme, theme_agreed, agreement from agreements order by code, agreement")
    assert [row[:3] for row in agreed if row[0] == OOST] == [(OOST, None, None)] * 2
    assert [row[1] for row in agreed if row[0] == SPEULD] == ["Eenzaamheid"]
    lines = followup.since_last_meeting(result.con)
    assert sorted(line.split(" (wie")[0] for line in lines[OOST]) == [
        "Afspraak: Een schouw met de wijkagent",
        "Afspraak: Een wandelgroep op dinsdag",
    ]
    assert lines[SPEULD][0].startswith("Eenzaamheid: Een koffieochtend")
    sheet = _pdf(next((out / "handouts").glob(f"{OOST}_*.pdf")))
    assert "Een schouw met de wijkagent" in sheet and "Veiligheid" not in sheet
    written = toekomstplan.write_plans(result, tmp_path, buurten=[OOST])
    page = next(p for p in written if p.suffix == ".html").read_text(encoding="utf-8")
    text = _pdf(next(p for p in written if p.suffix == ".pdf"))
    for said in (page, text):
        assert "Een schouw met de wijkagent" in said and "Veiligheid" not in said and "None" not in said


def test_the_audit_fails_a_build_where_a_thin_buurt_tells_its_themes_apart(built):
    _, _, result = built
    con = result.con
    assert themes_told_apart(con, K) == []
    con.execute("create or replace table kept_themes as select * from buurt_themes")
    con.execute(
        f"update buurt_themes set theme_status = 'te weinig stemmen' where code = '{SPEULD}' and theme = 'Wonen'"
    )
    try:
        found = themes_told_apart(con, K)
        assert len(found) == 1 and found[0].startswith("buurt_themes: 1 buurt(en)") and SPEULD in found[0]
        with pytest.raises(audit.DisclosureError, match="tell their themes apart"):
            audit.check_thin(con, "uit")
        with pytest.raises(audit.DisclosureError, match="tell their themes apart"):
            audit.check_database(con, "uit")
    finally:
        con.execute("create or replace table buurt_themes as select * from kept_themes")
    # A wijk row that tells a thin buurt's theme: Wijk 01's Eenzaamheid shown as 3 (user test V, left A, 2nd round).
    con.execute("create or replace table kept_wijk as select * from wijk_themes")
    con.execute(
        "update wijk_themes set shown = true, respondents = 3, segments = 3, theme_status = 'getoond' "
        f"where code = '{WIJK01}' and theme = 'Eenzaamheid'"
    )
    try:
        found = audit.audit_database(con)
        assert any(WIJK01 in p and "must have named the theme" in p for p in found), found
        with pytest.raises(audit.DisclosureError, match="must have named the theme"):
            audit.check_database(con, "uit")
    finally:
        con.execute("create or replace table wijk_themes as select * from kept_wijk")
    # A withheld row of Wijk 01 that says 'geen stemmen': Speuld's and Houtdorp's few did not name Veiligheid.
    con.execute(
        f"update wijk_themes set theme_status = 'geen stemmen' where code = '{WIJK01}' and theme = 'Veiligheid'"
    )
    try:
        found = audit.audit_database(con)
        assert any(f"{WIJK01} Veiligheid: geen stemmen" in p for p in found), found
    finally:
        con.execute("create or replace table wijk_themes as select * from kept_wijk")
    assert audit.audit_database(con) == []
    # The rounds: a round of too few whose themes differ.
    con.execute("create or replace table kept_rounds as select * from buurt_theme_rounds")
    con.execute(
        f"update buurt_theme_rounds set theme_status = 'geen stemmen' where code = '{OOST}' and round_number = 1 "
        "and theme = 'Wonen'"
    )
    try:
        assert any(p.startswith("buurt_theme_rounds:") and OOST in p for p in themes_told_apart(con, K))
    finally:
        con.execute("create or replace table buurt_theme_rounds as select * from kept_rounds")


def test_a_wijk_row_beside_thin_buurten_shows_where_it_tells_no_theme(tmp_path, key):
    """Two people placed in Wijk 01 alone name Wonen and Eenzaamheid. Wonen: 2 + Speuld's 1 = 3, and 1 between the two
    thin buurten is 1 + 0 or 0 + 1: shown. Eenzaamheid: 2 + 3, and 3 between them still tells Speuld's one named it."""
    project_file = _project(tmp_path / "ermelo")
    sheet = project_file.parent / "segmenten.csv"
    added = [
        (f"X0{n}{i}", f"X0{n}", theme, "Wijk 01 Speuld")
        for n in (1, 2)
        for i, theme in enumerate(("Wonen", "Eenzaamheid"))
    ]
    sheet.write_text(_sheet(TODAY + added, "2025-04-02"), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = pipeline.run(Project.load(project_file), key=key)
    rows = {
        theme: (respondents, status)
        for theme, respondents, status in result.con.execute(
            f"select theme, respondents, theme_status from wijk_themes where code = '{WIJK01}'"
        ).fetchall()
    }
    assert rows.pop("Wonen") == (3, "getoond")
    assert set(rows.values()) == {(None, TOO_FEW_HEARD)}
    assert audit.audit_database(result.con) == []


def test_what_is_said_of_a_thin_buurt_reads_as_a_wijkwerker_says_it(built):
    from buurtdata.outputs import handout_blocks

    out, _, _ = built
    texts = [handout_blocks.nothing_named(1, period="voorjaar 2025", threshold=K, wijk=wijk) for wijk in (False, True)]
    texts += [toekomstplan.few_heard(["najaar 2023", "voorjaar 2025"]), toekomstplan.few_heard(["voorjaar 2025"])]
    texts.append(toekomstplan.themes_note(K, unheard=True, thin=True))
    texts += [said for (said,) in _published(out, "select followup from buurt_followup")]
    assert texts[0] == (
        "In deze buurt spraken we in het voorjaar van 2025 met te weinig mensen om per thema iets te laten zien. "
        "Wat zij vertelden, nemen we wel mee."
    )
    assert not spoken.report([("thin", text) for text in texts])
