"""Sweep 13 #13: one made-up round among real ones is marked wherever its counts or agreements show.

The sweep's Ermelo project (real KWB 2020 figures and 2021 polygons of data/raw, :mod:`test_paper_margins`) with
only round 1 (najaar 2024, a team's training round) made up: the plan's table showed its counts beside the real
rounds' unmarked, and neither the plan nor the report's index said anything was made up.
"""

from __future__ import annotations

import warnings

import pytest
from test_paper_margins import AGREEMENTS, TONSEL, WEST, outside, printed, run, write_project

from buurtdata.outputs import handout, maps, report, toekomstplan

pytest.importorskip("pypdfium2")

NAMED = "De interviews en afspraken van de ronde van najaar 2024 zijn FICTIEF (geen echte personen)"


@pytest.fixture(scope="module")
def mixed(tmp_path_factory, key):
    root = tmp_path_factory.mktemp("gemengd")
    project = write_project(root / "ermelo", label="Buurtgesprekken Ermelo", fictional=(True, False, False))
    return run(project, key), root


def test_the_plan_marks_the_made_up_rounds_column_and_names_it(mixed):
    result, root = mixed
    assert result.project.fictional_rounds == ["najaar 2024"] and not result.project.fictional
    plan = toekomstplan.plan_data(result, WEST)
    assert plan["rounds"] == ["najaar 2024 (fictief)", "voorjaar 2025", "najaar 2025"]
    html, pdf = toekomstplan.write_plans(result, root / "plannen", buurten=[WEST])
    page = html.read_text(encoding="utf-8")
    assert "<th>najaar 2024 (fictief)</th><th>voorjaar 2025</th>" in page, page
    for said in (page, printed(pdf)):
        assert NAMED in said and "die van de andere rondes zijn echt, net als de cijfers (CBS)." in said
    # In the PDF the column's heading wraps over two lines, "(fictief)" under "najaar 2024"; and the notice wraps.
    table = printed(pdf).split("Wat mensen noemden, per ronde")[1]
    assert "najaar 2024 thema (fictief) voorjaar 2025 najaar 2025" in table, table
    assert outside(pdf, toekomstplan._LEFT, toekomstplan._RIGHT) == []


def test_the_plans_source_line_names_each_round_it_shows(mixed):
    """Sweep 13 #20: the plan shows three rounds' counts and an earlier round's agreements, and its source line named
    today's round alone."""
    result, _ = mixed
    source = toekomstplan.plan_data(result, WEST)["source"]
    assert source.endswith(
        "; interviews: Buurtgesprekken najaar 2024 (fictief, geen echte personen), Buurtgesprekken voorjaar 2025 en "
        "Buurtgesprekken Ermelo"
    ), source


def test_the_wall_maps_and_the_questions_page_name_the_made_up_round(mixed):
    """fix13b left: they said nothing of a made-up earlier round (today's real), where the plan names it."""
    result, root = mixed
    said = "De interviews van de ronde van najaar 2024 zijn FICTIEF (geen echte personen)"
    walls = maps.wall_maps(result, root / "wand")
    assert walls and all(said in printed(pdf) for pdf in walls if pdf.suffix == ".pdf")
    page = root / "vragen.html"
    report.write_questions_page(result.con, result.project, page)
    text = page.read_text(encoding="utf-8")
    assert said in text and "(verschil:" not in text and "(samen:" not in text


def test_a_project_of_only_made_up_or_only_real_rounds_reads_as_before(tmp_path, key):
    made_up = run(write_project(tmp_path / "fictief"), key)
    assert made_up.project.fictional_rounds == []
    plan = toekomstplan.plan_data(made_up, WEST)
    assert plan["rounds"] == ["najaar 2024", "voorjaar 2025", "najaar 2025"] and plan["fictional"]
    real = run(write_project(tmp_path / "echt", label="Buurtgesprekken Ermelo", fictional=(False,) * 3), key)
    assert not toekomstplan.plan_data(real, WEST)["fictional"]


def test_the_reports_index_names_the_made_up_round_beside_todays_label(mixed):
    result, root = mixed
    out = root / "rapport"
    out.mkdir()
    page = report.write_index(out, result.project, [], out / "buurtdata.duckdb").read_text(encoding="utf-8")
    assert "De interviews van de ronde van najaar 2024 zijn FICTIEF (geen echte personen)" in page
    assert "De verhalen in dit rapport komen uit: Buurtgesprekken Ermelo." in page


def test_a_handout_whose_previous_round_is_made_up_says_so_when_it_shows_its_agreements(tmp_path, key):
    # Today's and round 1 real, round 2 made up: Tonsel's 'Sinds het vorige gesprek' holds round 2's agreement.
    tonsel = "".join(line + "\n" for line in AGREEMENTS.splitlines() if not line.startswith("Ermelo-West"))
    project = write_project(
        tmp_path / "ermelo",
        label="Buurtgesprekken Ermelo",
        fictional=(False, True, False),
        agreements=tonsel,
        agreed_in=2,
    )
    result = run(project, key)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        paths = handout.make_handouts(
            result.project, tmp_path / "h", result=result, buurten=[TONSEL, WEST], png=False, progress=False, key=key
        )
    sheets = {path.name[:10]: printed(path) for path in paths if path.suffix == ".pdf" and path.name.startswith("BU")}
    short = "De interviews en afspraken van voorjaar 2025 zijn FICTIEF (geen echte personen)."
    assert "Sinds het vorige gesprek" in sheets[TONSEL] and short in sheets[TONSEL]
    # Ermelo-West has no agreement of round 2: its sheet shows nothing made up, and says nothing of it.
    assert "Sinds het vorige gesprek" not in sheets[WEST] and "FICTIEF" not in sheets[WEST]
    # The handouts' own index marks Tonsel's sheet, not West's, and names the made-up round (fix13b: it said
    # FICTIEF of all or of none); its source line keeps to the margins at words.
    index = next(path for path in paths if path.name == "index.html").read_text(encoding="utf-8")
    rows = {code: row for row in index.split("<tr>") for code in (TONSEL, WEST) if f"<td>{code}</td>" in row}
    assert "FICTIEF" in rows[TONSEL] and "FICTIEF" not in rows[WEST]
    assert "De interviews van de ronde van voorjaar 2025 zijn FICTIEF (geen echte personen)" in index
    pdf = next(path for path in paths if path.name == "index.pdf")
    contents = printed(pdf)
    assert f"Tonsel ({TONSEL}) · buurtgesprek;" in contents and "FICTIEF" in contents.split(f"({TONSEL})")[1][:200]
    assert "FICTIEF" not in contents.split(f"({WEST})")[1][:120]
    assert outside(pdf, 0.08, 0.92) == []
