"""What people read aloud at a meeting, generated, checked against the rules of spoken Dutch (tests/spoken.py).

For the sample (the session's pipeline run), for a region of two gemeenten and for Amsterdam's buurten (both
from data/raw, inputs nobody chose for these texts): the handouts (the data they are drawn from and the text
of drawn PDFs), their index, the questions, the maps' titles and legends, the wall maps and the
toekomstplannen. A few handouts are drawn per build; the data of every sheet is checked.
"""

from __future__ import annotations

import dataclasses
import html.parser
import importlib.util
import json
import warnings
from pathlib import Path
from typing import Any

import pandas as pd
import pypdfium2
import pytest
import spoken
from test_gemeenten import _kwb2024, _project, needs_raw

from buurtdata import pipeline
from buurtdata._text import FICTIONAL, titled
from buurtdata.outputs import _paper, charts, handout, maps, report, toekomstplan
from buurtdata.pipeline import link
from buurtdata.project import Project

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "pipelines" / "seeds"
#: Sample buurten with a second page of questions, a toekomstplan, and a plain sheet.
SAMPLE_SHEETS = ["BU01640501", "BU01640203", "BU01640100"]


def _pdf_pages(path: Path) -> list[str]:
    document = pypdfium2.PdfDocument(str(path))
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


class _Visible(html.parser.HTMLParser):
    """The text of a page a browser shows: no style, no script."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self._hidden += tag in ("style", "script")

    def handle_endtag(self, tag: str) -> None:
        self._hidden -= tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self._hidden and data.strip():
            self.parts.append(data.strip())


def _visible(page: Path) -> list[str]:
    parser = _Visible()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.parts


def _spec_texts(spec: Any, key: str = "") -> list[str]:
    """Titles, subtitles, legend titles and legend classes of a Vega-Lite spec (not its data)."""
    if isinstance(spec, dict):
        return [t for k, v in spec.items() if k not in ("data", "datasets", "config") for t in _spec_texts(v, k)]
    if isinstance(spec, list):
        return [t for v in spec for t in _spec_texts(v, key)]
    return [spec] if isinstance(spec, str) and key in ("title", "subtitle", "text", "domain") else []


def _sheet_texts(sheets: list[handout.Handout]) -> list[tuple[str, str]]:
    """What each sheet says in sentences (a resident's quote is their own words and is left out)."""
    return [
        (sheet.code, text)
        for sheet in sheets
        for text in [sheet.name, sheet.wijk_name, sheet.source, *sheet.themes, *sheet.quiet_themes, sheet.wijk_line]
        + [*sheet.questions, *sheet.overflow]
        if isinstance(text, str)
    ]


def _assert_spoken(texts: list[tuple[str, str]], **options: bool) -> None:
    assert texts
    found = spoken.report(texts, **options)
    # What residents read: no words of statistics or of the program (user test T).
    found += [f"{where}: {problem}" for where, text in texts for problem in spoken.statistics_words(text)]
    assert not found, "\n".join(found[:20])


def _assert_paper(texts: list[tuple[str, str]], *, counts: bool = False) -> None:
    """RULE: no file names on paper residents read (handouts, printed and wall maps, plans; index pages are
    exempt); with ``counts`` (a page whose numbers are interview counts) no sentence calling its figures real."""
    rules = [spoken.file_names, *([spoken.fictional_counts_called_real] if counts else [])]
    found = [f"{where}: {problem}" for where, text in texts for rule in rules for problem in rule(text)]
    assert not found, "\n".join(found[:20])


@pytest.fixture(scope="module")
def sample_handouts(hengelo, hengelo_run, tmp_path_factory) -> list[Path]:
    out = tmp_path_factory.mktemp("spoken_handouts")
    return handout.make_handouts(hengelo, out, result=hengelo_run, buurten=SAMPLE_SHEETS, png=False, progress=False)


def test_sample_sheets_say_everything_as_people_say_it(hengelo, hengelo_run):
    _assert_spoken(_sheet_texts(handout.handout_data(hengelo, hengelo_run)))


def test_sample_sheet_counts_roles_as_people_say_them(hengelo, hengelo_run):
    """User test T: "(bewoner 3)" is heard as a pseudonym, "bewoner drie"; three residents are "3 bewoners"."""
    (sheet,) = [s for s in handout.handout_data(hengelo, hengelo_run) if s.code == "BU01640501"]
    assert any(theme.startswith("Eenzaamheid: 3") and theme.endswith("(3 bewoners)") for theme in sheet.themes)
    assert any(theme.endswith("(per rol niet getoond vanwege privacy)") for theme in sheet.themes)


def test_sample_questions_follow_every_rule(hengelo_run):
    questions = link.signals(hengelo_run.con)["question"].dropna()
    assert len(questions) > 20
    _assert_spoken([("vraag", question) for question in questions])
    # User test T: "wijken af van Hengelo (O.)" is read "Hengelo O punt"; a sentence says "Hengelo".
    found = [problem for question in questions for problem in spoken.place_letters(question)]
    assert not found, found[:5]
    assert any("af van die van heel Hengelo:" in question for question in questions)
    # User test T: two figures were one breath past a semicolon ("... 306.000); het aandeel ... (43 %, ...)").
    assert not [question for question in questions if ";" in question]
    assert any(". En het aandeel woningen van een woningcorporatie is hier hoger" in q for q in questions)


def test_sample_handout_pdfs_read_as_spoken_dutch_with_their_source(sample_handouts):
    sheets = [p for p in sample_handouts if p.suffix == ".pdf" and p.name != "index.pdf"]
    pages = [(p.name, text) for p in sheets for text in _pdf_pages(p)]
    assert len(pages) > len(SAMPLE_SHEETS)  # BU01640501 has a second page of questions
    # A PDF breaks sentences over lines and prints tables: sentences are checked in the sheets' data above.
    _assert_spoken([page for page in pages if "Kerncijfers" in page[1]], sentences=False, source=True)
    _assert_spoken(pages, sentences=False)
    _assert_paper(pages)


def test_sample_handout_index(sample_handouts):
    (index_pdf,) = [p for p in sample_handouts if p.name == "index.pdf"]
    (index_html,) = [p for p in sample_handouts if p.name == "index.html"]
    _assert_spoken([("index.pdf", text) for text in _pdf_pages(index_pdf)], sentences=False)
    _assert_spoken([("index.html", text) for text in _visible(index_html)])
    # User test T: the cover says the list tells how to fix each segment, as its column 'herstel' now does.
    cover = " ".join(" ".join(_pdf_pages(index_pdf)).split())
    assert "De lijst niet_geplaatste_fragmenten.csv zegt bij elk fragment waarom, en hoe u het herstelt." in cover


def test_sample_toekomstplan(hengelo_run, tmp_path):
    plan = toekomstplan.plan_data(hengelo_run, "BU01640203")
    texts = [plan["duiding"], plan["source"], *plan["changes"], *plan["rounds"]]
    # The figures' titles are CBS's; the HTML and PDF below print them with their numbers bound.
    texts += [row["theme"] for row in plan["themes"]]
    texts += [row[key] for row in plan["agreements"] for key in ("agreement", "owner", "followup") if row[key]]
    _assert_spoken([("plan", text) for text in texts])
    paths = toekomstplan.write_plans(hengelo_run, tmp_path, buurten=["BU01640203"])
    (pdf,) = [p for p in paths if p.suffix == ".pdf"]
    _assert_spoken([(pdf.name, text) for text in _pdf_pages(pdf)], sentences=False, source=True)
    (page,) = [p for p in paths if p.suffix == ".html"]
    _assert_spoken([(page.name, text) for text in _visible(page)])
    _assert_paper([(pdf.name, text) for text in _pdf_pages(pdf)] + [(page.name, text) for text in _visible(page)])


def test_sample_wall_maps(hengelo_run, tmp_path):
    paths = maps.wall_maps(hengelo_run, tmp_path)
    assert len(paths) > 2
    texts = [(p.name, text) for p in paths[:3] for text in _pdf_pages(p)]
    _assert_spoken(texts, sentences=False, source=True, wrapped=False)
    # User test T: said actively, without 'privacydrempel' (statistics_words) or 'werd ... genoemd'.
    assert all("werd" not in text for _, text in texts)
    assert any("Noemden te weinig mensen een thema, dan staat het er niet, voor hun privacy." in t for _, t in texts)
    _assert_paper(texts, counts=True)


@pytest.mark.parametrize("indicator", ["gemiddelde_woz", "bevolkingsdichtheid", "aandeel_65_plus", "inwoners"])
def test_sample_screen_maps_title_and_legend(hengelo_run, indicator):
    spec = maps.indicator_map(hengelo_run, indicator).to_dict()
    # One-line chart titles do not wrap; the source is in the subtitle.
    _assert_spoken([(indicator, text) for text in _spec_texts(spec)], wrapped=False)
    assert "Bron: CBS" in json.dumps(spec["title"], ensure_ascii=False)
    theme = _spec_texts(maps.theme_map(hengelo_run).to_dict())
    _assert_spoken([("thema", text) for text in theme], wrapped=False)
    # User test T: the screen's theme map said 'Aantal respondenten' and 'Thema 'Eenzaamheid'', the printed one mensen.
    assert "Aantal mensen" in theme and "Thema ‘Eenzaamheid’: hoeveel mensen noemden het?" in theme


@pytest.mark.parametrize("indicator", ["gemiddelde_woz", "bevolkingsdichtheid", "aandeel_65_plus"])
def test_sample_print_maps(hengelo_run, indicator, tmp_path):
    _paper.save_figure(maps.print_indicator_map(hengelo_run, indicator), tmp_path / "kaart", png=False)
    (text,) = _pdf_pages(tmp_path / "kaart.pdf")
    # The map's title is one line; its legend and key are not sentences.
    _assert_spoken([(indicator, text)], sentences=False, source=True, wrapped=False)
    _assert_paper([(indicator, text)])
    # User test T: the key was headed 'Klassen', a mapmaker's word; a map's key is its 'Legenda'.
    assert "Legenda" in text and "Klassen" not in text


def test_sample_print_theme_map_key_says_what_it_counts(hengelo_run, tmp_path):
    _paper.save_figure(maps.print_theme_map(hengelo_run), tmp_path / "thema", png=False)
    (text,) = _pdf_pages(tmp_path / "thema.pdf")
    _assert_spoken([("thema", text)], sentences=False, source=True, wrapped=False)
    assert "Aantal mensen" in text and "Klassen" not in text


def test_sample_questions_page(hengelo, hengelo_run, tmp_path):
    (page,) = report.write_questions_page(hengelo_run.con, hengelo, tmp_path / "vragen.html")
    said = _visible(page)
    _assert_spoken([(page.name, text) for text in said])
    # User test T: "(die drukt de eerste af)" left the listener to guess the first of what.
    assert any("Op de handout staan de eerste vragen, hier staan ze allemaal." in text for text in said)
    assert not any("drukt de eerste af" in text for text in said)
    # A sentence said aloud, not a form's field (user test: 'Interviews: ...'); made-up voices say so.
    assert f"De verhalen bij deze vragen komen uit: {hengelo.interviews.label}." in said
    assert FICTIONAL in said and not any(text.startswith("Interviews:") for text in said)


def test_questions_page_of_real_interviews_names_them_in_a_sentence(hengelo, hengelo_run, tmp_path):
    real = dataclasses.replace(
        hengelo, interviews=dataclasses.replace(hengelo.interviews, fictional=False, label="Buurtgesprekken 2025")
    )
    (page,) = report.write_questions_page(hengelo_run.con, real, tmp_path / "vragen.html")
    said = _visible(page)
    assert "De verhalen bij deze vragen komen uit: Buurtgesprekken 2025." in said and FICTIONAL not in said
    _assert_spoken([(page.name, text) for text in said])


def test_sample_report_charts(hengelo_run):
    comparison = hengelo_run.con.sql("select * from buurt_comparison").df()
    roles = hengelo_run.con.sql("select * from buurt_theme_roles").df()
    source = charts.source_line(table="85984NED", year=2024)
    specs = [
        charts.comparison_bars(comparison, "BU01640203", source=source).to_dict(),
        charts.theme_role_heatmap(roles, "BU01640203", source=source).to_dict(),
        charts.small_multiples(
            link.comparison_frame(hengelo_run.con, hengelo_run.boundaries), source=source, band=15
        ).to_dict(),
    ]
    _assert_spoken([("grafiek", text) for spec in specs for text in _spec_texts(spec)], wrapped=False)


# -- Inputs nobody chose for these texts: a region of two gemeenten and Amsterdam, from data/raw.


class _Build:
    """A pipeline run of a project, every sheet's data and a few drawn handouts with their index."""

    def __init__(self, project: Project, out: Path, codes_from: slice) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.result = pipeline.run(project, key=b"test")
            self.sheets = handout.handout_data(project, self.result)
            codes = [sheet.code for sheet in self.sheets][codes_from]
            self.paths = handout.make_handouts(
                project, out, result=self.result, buurten=codes, png=False, progress=False
            )


@pytest.fixture(scope="module")
def region(tmp_path_factory) -> _Build:
    folder = tmp_path_factory.mktemp("spoken_region")
    project = _project(folder, 'gemeenten = ["GM0402", "GM0164"]', year=2024, kwb=_kwb2024(), boundaries_year=2024)
    return _Build(project, folder / "out", slice(None, None, 35))


def _amsterdam_module() -> Any:
    spec = importlib.util.spec_from_file_location("handouts_amsterdam", ROOT / "benchmarks" / "handouts_amsterdam.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def amsterdam(tmp_path_factory) -> _Build:
    benchmark = _amsterdam_module()
    if not benchmark.KWB_CSV.exists() or not benchmark.POLYGONS.exists():
        pytest.skip("data/raw is not here")
    folder = tmp_path_factory.mktemp("spoken_amsterdam")
    project = Project.load(benchmark.build_project(folder))
    return _Build(project, folder / "out", slice(None, None, 130))


@needs_raw
@pytest.mark.parametrize("build", ["region", "amsterdam"])
def test_many_buurten_sheets_and_pdfs(build, request):
    built = request.getfixturevalue(build)
    assert len(built.sheets) > 100
    _assert_spoken(_sheet_texts(built.sheets))
    pdfs = [p for p in built.paths if p.suffix == ".pdf" and p.name != "index.pdf"]
    assert len(pdfs) >= 3
    _assert_spoken([(p.name, text) for p in pdfs for text in _pdf_pages(p)], sentences=False, source=True)


@needs_raw
@pytest.mark.parametrize("build", ["region", "amsterdam"])
def test_many_buurten_index(build, request):
    paths = request.getfixturevalue(build).paths
    for index in [p for p in paths if p.name == "index.pdf"]:
        _assert_spoken([(index.name, text) for text in _pdf_pages(index)], sentences=False)
    for index in [p for p in paths if p.name == "index.html"]:
        _assert_spoken([(index.name, text) for text in _visible(index)])


@needs_raw
def test_region_questions_overview_agrees_in_number(region, tmp_path, monkeypatch):
    one = pd.DataFrame(
        {
            "code": ["BU04020101"],
            "name": ["Centrum"],
            "theme": ["Wonen"],
            "signal": ["samen"],
            "question": ["Herkent u dat?"],
        }
    )
    monkeypatch.setattr(link, "signals", lambda _: one)
    page = tmp_path / "vragen.html"
    report.write_questions_page(region.result.con, region.result.project, page)
    _assert_spoken([(page.name, text) for text in _visible(page)])


def test_report_pages_people_read(report_out):
    out, index, _ = report_out
    pages = [index, out / "vragen.html"]
    _assert_spoken([(page.name, text) for page in pages for text in _visible(page)])
    # User test T: the beamer showed 'Gemeente GM0164, cijfers van 2024 ... ter voorbereiding van het buurtgesprek'.
    opening = next(text for text in _visible(index) if text.startswith("Gemeente "))
    # The name of the figures' year, as the title says it (review x M1: the 2020 name came first, 'Hengelo').
    assert opening.startswith("Gemeente Hengelo (O.), cijfers van 2024. ") and "GM0164" not in opening
    assert opening.endswith(" Zo kunt u het buurtgesprek voorbereiden.")


def test_notebook_table_headers_say_units_as_people_say_them(hengelo_run):
    from buurtdata.outputs import explore

    frame = pd.DataFrame({"gemiddelde_woz": [250.0], "bevolkingsdichtheid": [3400], "inwoners": [1200]})
    headers = list(explore.table(frame, hengelo_run).data.columns)
    assert headers[0].endswith("(duizend euro)") and headers[1].endswith("(inwoners per km²)"), headers
    _assert_spoken([("table", header) for header in headers], sentences=False, wrapped=False)


@pytest.mark.parametrize("unit", sorted(set(pd.read_csv(SEEDS / "kwb_properties.csv")["unit"].dropna())))
def test_every_unit_cbs_uses_is_said_as_people_say_it(unit):
    _assert_spoken([(unit, titled("Cijfer", unit))], sentences=False, wrapped=False)


def test_notebook_figures_and_bars_say_units_as_people_say_them(hengelo_run):
    from buurtdata.outputs import explore

    comparison = hengelo_run.con.sql("select * from buurt_comparison").df()
    source = charts.source_line(table="85984NED", year=2024)
    titles = set(charts.comparison_bars(comparison, "BU01640203", source=source).data["titel"])
    units = set(explore.figures_overview(hengelo_run)["eenheid"]) - {""}
    code = hengelo_run.buurten["code"].iloc[0]
    units |= set(explore.buurt_over_time(hengelo_run, code)["eenheid"]) - {""}
    assert "duizend euro" in units and any("%" in t for t in titles)
    _assert_spoken([("staaf", t) for t in titles] + [("eenheid", u) for u in units], sentences=False, wrapped=False)
