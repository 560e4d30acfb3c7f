"""The notebooks' helpers (outputs/explore.py) on a buurt name two buurten share and on projects of many gemeenten:
a region of real CBS files (data/raw) and hand-made tables."""

from __future__ import annotations

import dataclasses
import json
import types
import warnings
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest
from test_gemeenten import _kwb2020, _project, _run_notebook, needs_raw

from buurtdata import datasets, pipeline
from buurtdata._errors import BuurtdataError
from buurtdata.outputs import explore
from buurtdata.project import Project

#: Veendam (GM0047) has two buurten named "Verspreide huizen" (one in each of two wijken).
SHARED = ("BU00470109", "BU00470209")


def _with_interviews(folder: Path, scope_line: str, busiest: str) -> Project:
    """A project of KWB 2020 and the national polygons, with fictional segments: five respondents on each
    theme in ``busiest``, three on two themes in every other listed buurt."""
    _project(folder, scope_line, year=2020, kwb=_kwb2020(), boundaries_year=2019)
    codebook = pd.read_csv(datasets.get_path("hengelo").parent / "codebook.csv", comment="#")
    themes = list(codebook["code"][codebook["code"] == codebook["theme"]])
    rows = [(busiest, f"R{n}", code) for n in range(5) for code in themes]
    rows += [
        (buurt, f"R{buurt}{n}", code) for buurt in SHARED + ("BU00470000",) for n in range(3) for code in themes[:2]
    ]
    segments = pd.DataFrame(rows, columns=["location", "respondent", "code"])
    segments.insert(0, "segment_id", [f"S{n:04d}" for n in range(len(segments))])
    segments = segments.assign(role="bewoner", quote="Fictief.", date="2025-05-01", consent="ja")
    segments.to_csv(folder / "segmenten.csv", index=False)
    codebook.to_csv(folder / "codebook.csv", index=False)
    with (folder / "project.toml").open("a", encoding="utf-8") as toml:
        toml.write(
            '[interviews]\nsegments = "segmenten.csv"\ncodebook = "codebook.csv"\nlabel = "Fictief (test)"\n'
            "[privacy]\nthreshold = 3\n"
        )
    return Project.load(folder / "project.toml")


def _build(project: Project) -> Path:
    database = project.path.parent / "buurtdata.duckdb"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pipeline.run(project, database, key=b"test").con.close()
    return database


def _built_project(tmp_path_factory: pytest.TempPathFactory, name: str, scope_line: str) -> Project:
    project = _with_interviews(tmp_path_factory.mktemp(name), scope_line, busiest=SHARED[1])
    _build(project)
    return project


@pytest.fixture(scope="module")
def veendam(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """Veendam alone, its busiest buurt one of the two 'Verspreide huizen'."""
    return _built_project(tmp_path_factory, "veendam", 'gemeente = "GM0047"')


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """Veendam and Pekela (GM0765), without a map theme."""
    return _built_project(tmp_path_factory, "region", 'gemeenten = ["GM0047", "GM0765"]')


def _data(project: Project, **options: str) -> pipeline.PipelineResult:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return explore.notebook_data(project.path, database=project.path.parent / "buurtdata.duckdb", **options)


@needs_raw
@pytest.mark.parametrize("notebook", ["03_cijfers_en_verhalen", "04_verken_een_buurt"])
def test_a_buurt_whose_name_another_shares_is_carried_by_its_code(
    veendam: Project, notebook: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Notebook 03 stopped here: the comparison found the busiest buurt again by its name, which two buurten carry.
    namespace = _run_notebook(
        notebook, monkeypatch, project_file=veendam.path, database=veendam.path.parent / "buurtdata.duckdb"
    )
    data = namespace["data"]
    assert explore.buurt_code(data) == SHARED[1]
    bars = explore.comparison_chart(data).to_dict()
    assert (
        bars
        == explore.comparison_chart(data, SHARED[1]).to_dict()
        != explore.comparison_chart(data, SHARED[0]).to_dict()
    )
    if notebook == "04_verken_een_buurt":
        assert namespace["code"] == SHARED[1]
        # The buurt's own gemeente, not the project's name.
        assert capsys.readouterr().out.splitlines()[0] == "Verspreide huizen (BU00470209), Wijk 02 Wildervank, Veendam"


@needs_raw
def test_a_shared_name_asked_for_lists_each_buurt_by_code_wijk_and_gemeente(veendam: Project) -> None:
    data = _data(veendam)
    with pytest.raises(BuurtdataError, match="more than one buurt") as error:
        explore.buurt_code(data, "verspreide huizen")
    said = str(error.value)
    assert "BU00470109 (wijk Wijk 01" in said and "BU00470209 (wijk Wijk 02 Wildervank, Veendam)" in said
    assert "pass one of these codes" in said
    assert explore.meeting_questions(data, SHARED[0])["buurt"].eq("Verspreide huizen").all()


@needs_raw
def test_a_region_is_printed_with_its_gemeenten_and_any_of_them_may_be_asked_for(region: Project) -> None:
    data = _data(region, gemeente="GM0765")
    assert explore.coverage(data) == "gemeenten Veendam (GM0047), Pekela (GM0765)"
    with pytest.raises(BuurtdataError, match=r"'GM0164', but .* covers GM0047, GM0765"):
        _data(region, gemeente="GM0164")


@needs_raw
def test_a_region_shows_its_gemeenten_side_by_side_and_each_buurt_with_its_gemeente(region: Project) -> None:
    data = _data(region)
    figures = explore.figures_overview(data)
    assert list(figures.columns) == ["indicator", "eenheid", "jaar", "Veendam", "Pekela", "Nederland"]
    assert not figures.duplicated(["indicator", "jaar"]).any()
    inwoners = figures.set_index("indicator").loc["Aantal inwoners"]
    assert inwoners["Nederland"] == 17407585 and inwoners["Veendam"] > inwoners["Pekela"] > 10000
    overview = explore.conversation_overview(data)
    assert list(overview.columns[:4]) == ["buurtcode", "buurt", "wijk", "gemeente"]
    assert set(overview["gemeente"]) == {"Veendam", "Pekela"}
    assert explore.meeting_questions(data)["gemeente"].eq("Veendam").all()


@needs_raw
def test_a_regions_explorer_shows_the_gemeente_of_its_buurt(region: Project) -> None:
    data = _data(region)
    spec = json.dumps(explore.explorer(data).to_dict(), ensure_ascii=False)
    assert SHARED[1] in spec and "BU07650000" not in spec
    assert "Verken de buurten van Veendam" in spec
    pekela = json.dumps(explore.explorer(data, "BU07650000").to_dict(), ensure_ascii=False)
    assert "BU07650000" in pekela and SHARED[1] not in pekela


@needs_raw
def test_without_a_map_theme_there_is_no_empty_theme_map_but_a_reason(region: Project) -> None:
    data = _data(region)
    assert data.project.map_theme is None
    shown = explore.theme_map(data)
    assert "Geen themakaart" in shown.data and "[maps]" in shown.data
    assert explore.theme_map(data, "Eenzaamheid").to_dict()  # a theme asked for is drawn
    with pytest.raises(BuurtdataError, match="'Geen thema' is no theme of the codebook"):
        explore.theme_map(data, "Geen thema")


def _unplaced_data(project: Project) -> types.SimpleNamespace:
    reasons = [
        "gemeente not built: GM0014 Groningen: the figures of 2020 and the polygons of 2019 differ",
        "gemeente not built: GM0014 Groningen: the figures of 2020 and the polygons of 2019 differ",
        "no match: 'Dorp' is no buurt or wijk name, code or postcode of Veendam",
        "outside gemeente: BU00500101 lies in GM0050, not in GM0047 (Veendam)",
        None,
    ]
    unplaced = pd.DataFrame({"resolved_by": ["onbekend"] * 4 + ["wijknaam"], "reason": reasons})
    return types.SimpleNamespace(project=project, themes=pd.DataFrame(), unplaced=unplaced)


def test_a_segment_of_a_gemeente_not_built_says_so() -> None:
    many = types.SimpleNamespace(national=True, gemeenten=(), gemeente="NL")
    counts = explore.unplaced_overview(_unplaced_data(many))
    assert list(counts.columns) == ["geplaatst via", "reden", "fragmenten"]  # Dutch headers, as read aloud
    assert dict(zip(counts["reden"], counts["fragmenten"], strict=True)) == {
        "gemeente niet meegenomen (zie gemeenten.csv)": 2,
        "alleen de wijk is bekend": 1,
        "buiten de gemeenten van dit project": 1,
        "plaats niet gevonden in de gemeenten van dit project": 1,
    }


def test_one_gemeentes_unplaced_reasons_speak_of_that_gemeente() -> None:
    counts = explore.unplaced_overview(_unplaced_data(Project.load(datasets.get_path("hengelo"))))
    assert {"plaats niet gevonden in deze gemeente", "buiten de gemeente"} <= set(counts["reden"])


@pytest.mark.parametrize("scope_line", ['gemeente = "NL"', 'gemeenten = ["GM0014", "GM0047"]'])
def test_a_national_or_regional_notebook_may_ask_for_a_gemeente_it_built_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scope_line: str
) -> None:
    project = _project(tmp_path, scope_line, year=2020, kwb=_kwb2020(), boundaries_year=2019)
    con = duckdb.connect()
    con.execute(
        "create table gemeente_status as select * from (values ('GM0014', 'Groningen', 'geweigerd', "
        "'GM0014: the figures of 2020 and the polygons of 2019 differ')) t(code, name, build_status, reason)"
    )
    built = types.SimpleNamespace(con=con, buurten=pd.DataFrame({"gemeente_code": ["GM0047"]}))
    monkeypatch.setattr("buurtdata.outputs._database.read", lambda project, database: built)
    assert explore.notebook_data(project.path, gemeente="GM0047", database=tmp_path / "b.duckdb") is built
    with pytest.raises(BuurtdataError, match=r"'GM0014', but it was not built: GM0014: the figures .*gemeenten.csv"):
        explore.notebook_data(project.path, gemeente="GM0014", database=tmp_path / "b.duckdb")
    if project.national:
        with pytest.raises(BuurtdataError, match=r"'GM9999', but it is no gemeente of the figures"):
            explore.notebook_data(project.path, gemeente="GM9999", database=tmp_path / "b.duckdb")


def test_a_table_of_the_whole_country_shows_its_first_rows_and_says_how_many_there_are():
    from buurtdata.outputs import explore
    from buurtdata.outputs._dutch_table import MAX_ROWS

    frame = pd.DataFrame({"code": [f"BU{i:08d}" for i in range(12_640)], "inwoners": range(12_640)})
    shown = explore.table(frame)
    page = shown.to_html()
    assert page.count("<tr") == MAX_ROWS + 1 and "Alleen de eerste 1.000 van 12.640 rijen" in page
    assert repr(shown).endswith("staan ook in buurten.gpkg.") and len(frame) == 12_640
    assert "Alleen de eerste" not in explore.table(frame.head(MAX_ROWS)).to_html()


def test_a_cut_table_with_interview_columns_shows_the_buurten_with_voices_first(hengelo_run):
    # User test N: 12,640 buurten by code, the first 1,000 shown: almost every row read "geen thema getoond" and
    # the Amsterdam buurten with shown themes were not in the table.
    from buurtdata.outputs import explore
    from buurtdata.outputs._dutch_table import MAX_ROWS, _with_voices_first

    codes = [f"BU{i:08d}" for i in range(12_640)]
    frame = pd.DataFrame(
        {
            "buurtcode": codes,
            "thema's (respondenten)": "geen thema getoond",
            "verder in de wijk (respondenten)": "–",
        }
    )
    frame.loc[[12_000, 9_000], "thema's (respondenten)"] = "Wonen (3)"
    frame.loc[11_000, "verder in de wijk (respondenten)"] = "Groen (4)"
    shown = explore.table(frame)
    first = shown.data["buurtcode"].head(4).tolist()
    assert first == [codes[9_000], codes[12_000], codes[11_000], codes[0]] and len(shown.data) == MAX_ROWS
    assert "eerst de buurten met stemmen uit de interviews, dan de andere op buurtcode" in shown.to_html()
    # Too few voices to show a theme are voices too: before the buurten nobody spoke of.
    themes = pd.DataFrame({"code": [codes[10_000]], "theme": ["Wonen"], "theme_status": ["te weinig stemmen"]})
    ranked = _with_voices_first(frame, types.SimpleNamespace(themes=themes))
    assert ranked["buurtcode"].head(5).tolist() == [codes[9_000], codes[12_000], codes[10_000], codes[11_000], codes[0]]
    # A table that is not cut keeps its rows by code and says nothing of their order.
    sample = explore.conversation_overview(hengelo_run)
    small = explore.table(sample, hengelo_run)
    assert small.data["buurtcode"].is_monotonic_increasing and "eerst de buurten" not in small.to_html()


def test_a_column_without_any_figure_is_named_under_the_table_not_in_every_row(hengelo_run):
    # User test (Deventer, KWB 2020): "In bezit woningcorporatie (%)" said "geen cijfer" in every row and made
    # notebook 03's table wider than the page.
    from buurtdata.outputs import explore

    frame = pd.DataFrame(
        {"code": ["BU01", "BU02"], "inwoners": [10, 20], "pct_huurwoningen_corporatie": ["ontbreekt", None]}
    )
    shown = explore.table(frame, hengelo_run)
    assert "pct_huurwoningen_corporatie" not in shown.data.columns and "corporatie" not in " ".join(shown.data.columns)
    assert "Niet in de tabel, want het CBS heeft er voor deze buurten geen cijfers over: " in shown.to_html()
    assert "corporatie" in str(shown.caption)
    # One row keeps its column: there the cell itself says it. So does a column that is no CBS figure, and a
    # frame without the project's indicators; a year as a column name is no problem.
    assert "corporatie" in " ".join(explore.table(frame.head(1), hengelo_run).data.columns)
    other = pd.DataFrame({"buurt": ["a", "b"], "opmerking": [None, None], 2020: [None, None], 2024: [1.0, 2.0]})
    assert list(explore.table(other, hengelo_run).data.columns) == ["buurt", "opmerking", 2020, 2024]
    assert "pct huurwoningen corporatie" in explore.table(frame).data.columns


def _codes(chart) -> set[str]:
    """The buurt codes a map's spec draws."""
    spec = chart.to_dict()
    return {row["code"] for layer in spec["layer"] for row in spec["datasets"][layer["data"]["name"]]}


def _as_national(data: pipeline.PipelineResult) -> pipeline.PipelineResult:
    """The region's build read as a project of all of NL (its two gemeenten stand in for the country's 339)."""
    return dataclasses.replace(data, project=dataclasses.replace(data.project, gemeente="NL", gemeenten=()))


@needs_raw
def test_a_national_notebooks_maps_show_one_gemeentes_buurten_and_any_other_when_asked(region: Project) -> None:
    data = _data(region)
    veendam, pekela = (set(data.buurten.loc[data.buurten["gemeente_code"] == g, "code"]) for g in ("GM0047", "GM0765"))
    assert len(veendam) > len(pekela) > 0
    # A region's map keeps all its buurten; the whole country's (about 9 MB in a cell) shows one gemeente.
    assert _codes(explore.indicator_map(data)) == veendam | pekela
    national = _as_national(data)
    shown = explore.indicator_map(national)
    assert _codes(shown) == veendam  # the gemeente with the most buurten
    spec = json.dumps(shown.to_dict(), ensure_ascii=False)
    assert "Veendam, 2020" in spec and "Bron: CBS" in spec
    asked = explore.indicator_map(national, "aandeel_65_plus", gemeente="GM0765")
    assert _codes(asked) == pekela and "Pekela, 2020" in json.dumps(asked.to_dict(), ensure_ascii=False)
    # KWB 2020 gives no WOZ value to any buurt of Pekela: no all-grey map, a line that says so.
    assert "Geen kaart van" in explore.indicator_map(national, "gemiddelde_woz", gemeente="GM0765").data
    themed = explore.theme_map(national, "Eenzaamheid")
    assert _codes(themed) == veendam and "Bron: CBS" in json.dumps(themed.to_dict(), ensure_ascii=False)
    # Nobody in Pekela was interviewed: no theme map there, as the report leaves out its theme maps.
    nobody = explore.theme_map(national, "Eenzaamheid", gemeente="GM0765")
    assert nobody.data == "*Geen themakaart: in Pekela is niemand geïnterviewd (alle buurten: geen stemmen).*"
    assert _codes(explore.indicator_map(national, gemeente=" gm0765")) == pekela  # as typed in a hurry
    with pytest.raises(BuurtdataError, match=r"gemeente 'GM0014' has no buurten in .*GM0047, GM0765"):
        explore.indicator_map(national, gemeente="GM0014")


@needs_raw
def test_the_national_notebooks_say_how_to_map_another_gemeente_and_what_they_say_runs(region: Project) -> None:
    import re

    national = _as_national(_data(region))
    root = Path(__file__).resolve().parents[1] / "notebooks"
    maps = {
        "01_cijfers_verkennen": "kaarten",
        "02_levende_kennis": "themakaart",
        "03_cijfers_en_verhalen": "twee kaarten",
    }
    for notebook, topic in maps.items():
        # The notebook shows this text only for a project of many gemeenten (tests/test_notebook_texts.py).
        assert f'explore.many_gemeenten_note(data, "{topic}")' in (root / f"{notebook}.py").read_text(encoding="utf-8")
        text = explore.many_gemeenten_note(national, topic).data
        shows = r"Bij heel Nederland (toont een kaart|toont de kaart|tonen beide kaarten) de buurten van"
        assert re.search(shows, text), notebook
        said = re.findall(r'`(explore\.\w+_map\(data, gemeente="GM0363"\))`', text)
        assert said, notebook
        for call in said:
            # Amsterdam is no gemeente of the stand-in: Pekela instead.
            code = call.replace('"GM0363"', '"GM0765"')
            chart = eval(code, {"explore": explore, "data": national})  # noqa: S307 - the text the notebook shows
            if not hasattr(chart, "to_dict"):  # the region chooses no map theme: the notebook says so
                assert "Geen themakaart" in chart.data
                continue
            assert {c[:6] for c in _codes(chart)} == {"BU0765"}, code


def test_a_national_map_without_a_gemeente_shows_the_one_where_it_matters_most() -> None:
    from buurtdata.outputs._explore_many import default_gemeente

    buurten = pd.DataFrame(
        {"code": ["BU1", "BU2", "BU3", "BU4", "BU5"], "gemeente_code": ["GM2", "GM2", "GM3", "GM3", "GM1"]}
    )
    themes = pd.DataFrame(
        {
            "code": ["BU1", "BU5", "BU1", "BU3"],
            "theme": ["Groen", "Groen", "Stilte", "Stilte"],
            "theme_status": ["te weinig stemmen", "getoond", "geen stemmen", "te weinig stemmen"],
        }
    )
    data = types.SimpleNamespace(buurten=buurten, themes=themes)
    # The most buurten (a tie goes to the lowest code); for a theme, where it is shown in the most buurten.
    assert default_gemeente(data) == "GM2"
    assert default_gemeente(data, theme="Groen") == "GM1"
    assert default_gemeente(data, theme="Stilte") == "GM2"  # shown nowhere
    assert default_gemeente(types.SimpleNamespace(buurten=buurten, themes=None), theme="Groen") == "GM2"


@dataclasses.dataclass
class _Data:
    """What a notebook's map reads of a build (a PipelineResult has these fields and more)."""

    buurten: pd.DataFrame
    themes: pd.DataFrame | None
    project: Any
    con: Any = None


def test_a_national_notebooks_figure_and_theme_maps_show_the_same_gemeente() -> None:
    from buurtdata.outputs._explore_many import narrowed

    buurten = pd.DataFrame({"code": ["BU1", "BU2", "BU3"], "gemeente_code": ["GM2", "GM2", "GM1"]})
    themes = pd.DataFrame({"code": ["BU3"], "theme": ["Groen"], "theme_status": ["getoond"]})
    project = types.SimpleNamespace(national=True, map_theme="Groen", name="Nederland")
    data = _Data(buurten, themes, project)
    # The figure map follows the project's map theme: not GM2 (most buurten) beside a theme map of GM1.
    assert set(narrowed(data, None).buurten["gemeente_code"]) == {"GM1"}
    assert set(narrowed(data, None, theme="Groen").buurten["gemeente_code"]) == {"GM1"}
    without = _Data(buurten, None, project)
    assert set(narrowed(without, None).buurten["gemeente_code"]) == {"GM2"}


def test_a_map_of_a_refused_gemeente_says_why_there_is_none() -> None:
    from buurtdata.outputs._explore_many import narrowed

    con = duckdb.connect()
    con.execute("create table gemeente_status as select 'GM0014' as code, 'GM0014 Groningen: no polygons' as reason")
    buurten = pd.DataFrame({"code": ["BU1"], "gemeente_code": ["GM0047"]})
    data = _Data(buurten, None, types.SimpleNamespace(national=True, map_theme=None, name="Nederland"), con)
    with pytest.raises(BuurtdataError, match=r"gemeente 'gm0014' was not built: GM0014 Groningen: no polygons; "):
        narrowed(data, "gm0014")


def test_a_notebooks_theme_map_of_a_gemeente_nobody_spoke_of_says_so_as_the_report_leaves_it_out() -> None:
    con = duckdb.connect()
    con.execute("create table regions as select 'GM0047' as code, 'Veendam' as name, 'gemeente' as level, 2020 as year")
    buurten = pd.DataFrame({"code": ["BU1", "BU2"], "gemeente_code": ["GM0047", "GM0765"]})
    themes = pd.DataFrame(
        {"code": ["BU1", "BU2"], "theme": ["Groen", "Groen"], "theme_status": ["geen stemmen", "getoond"]}
    )
    project = types.SimpleNamespace(national=True, map_theme="Groen", name="Nederland", year=2020)
    shown = explore.theme_map(_Data(buurten, themes, project, con), gemeente="GM0047")
    assert shown.data == "*Geen themakaart: in Veendam is niemand geïnterviewd (alle buurten: geen stemmen).*"


def test_a_table_writes_years_without_a_thousands_dot_and_a_figure_s_column_with_cbs_decimals(hengelo_run):
    from buurtdata.outputs import explore

    frame = pd.DataFrame(
        {
            "code": ["BU01640001", "BU01640002"],
            "year": [2020, 2024],
            "first_year": [2020.0, None],
            "aandeel_65_plus": [34.0, 20.86],
            "inwoners": [10640.0, None],
            # A column of several figures (a long table) mixes counts and shares: each cell as it is.
            "waarde": [83058.0, 20.86],
        }
    )
    page = explore.table(frame, hengelo_run).to_html()
    assert ">2020<" in page and ">2024<" in page and "2.02" not in page
    assert ">34,0<" in page and ">20,9<" in page
    assert ">10.640<" in page and "10.640,0" not in page
    assert ">83.058<" in page and "83.058,0" not in page


def test_a_buurt_over_time_writes_each_figure_with_cbs_decimals(hengelo_run):
    from buurtdata.outputs import explore

    rows = explore.buurt_over_time(hengelo_run, "BU01640000").set_index("indicator")
    # A share CBS gives to one decimal keeps it when it is whole (72,0), as the handouts write it; counts have none.
    assert rows.loc["Aandeel eenpersoonshuishoudens", "buurt 2020"] == "72,0"
    assert rows.loc["0 tot 15 jaar", "gemeente 2024"] == "11.522"


def test_a_map_of_a_figure_cbs_gave_no_buurt_says_so_instead_of_all_grey(hengelo_run):
    import spoken

    from buurtdata.outputs import explore

    # KWB 2020 has no WOZ value for any buurt of Apeldoorn (user test): a map of only grey says nothing.
    empty = dataclasses.replace(hengelo_run, buurten=hengelo_run.buurten.assign(gemiddelde_woz=float("nan")))
    said = explore.indicator_map(empty, "gemiddelde_woz")
    assert "Geen kaart van ‘Gemiddelde WOZ-waarde van woningen’" in said.data
    assert not spoken.problems(said.data.strip("*"))


def test_the_figures_overview_writes_each_figure_with_cbs_decimals_and_statuses_as_the_handouts(hengelo_run):
    from buurtdata.outputs import explore

    rows = explore.figures_overview(hengelo_run).set_index(["indicator", "jaar", "regio"])["waarde"]
    # As the handouts: one decimal where CBS gives one (shares of households), none where it gives none.
    assert rows[("Aandeel eenpersoonshuishoudens", 2024, "Hengelo (O.)")] == "41,2"
    assert rows[("In bezit woningcorporatie", 2024, "Hengelo (O.)")] == "30"
    assert rows[("0 tot 15 jaar", 2024, "Nederland")] == "2.714.040"
    assert "niet van toepassing" not in set(rows)


def test_a_buurt_asked_by_name_is_found_without_its_hyphen_and_a_typo_gets_the_closest_names(hengelo_run):
    # User test (Amsterdam): "Dapperbuurt Noord" failed, and the error listed the first five names alphabetically.
    from buurtdata._errors import BuurtdataError
    from buurtdata.outputs import explore

    assert explore.buurt_code(hengelo_run, "binnenstad centrum") == "BU01640000"
    with pytest.raises(BuurtdataError, match="did you mean 'Binnenstad-Centrum' or 'Binnenstad-West'"):
        explore.buurt_code(hengelo_run, "Binenstad Centrum")
