"""The report of a build of many gemeenten: the region named, one line per gemeente, Dutch numbers in regio.html,
questions per gemeente, the refused gemeenten on the validation page, wijk pages by their number."""

import re
import shutil
import warnings
from pathlib import Path

import duckdb
import pandas as pd
import pypdf
import pytest
import spoken
from test_gemeenten import KWB2024, _kwb2024, _project, needs_raw
from test_spoken_outputs import _visible

from buurtdata import _sql, cli
from buurtdata.outputs import build, regional, report
from buurtdata.outputs.notebooks import PER_WIJK_NOTEBOOK, notebooks
from tests import excel_files

REGION = 'gemeenten = ["GM0402", "GM0164"]'


def _build(folder: Path, kwb: str, buurten: tuple[str, ...] = ("BU04020101", "BU01640501")) -> tuple[Path, list[str]]:
    project = _project(folder, REGION, year=2024, kwb=kwb, boundaries_year=2024)
    said: list[str] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        build.build(
            project.path,
            folder / "out",
            key=b"test",
            notebook_names=[],
            handout_buurten=list(buurten),
            handout_png=False,
            site=True,
            say=said.append,
        )
    return folder / "out", said


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    return _build(tmp_path_factory.mktemp("region"), _kwb2024())


def _links(page: Path) -> set[str]:
    return set(re.findall(r'href="([^"]+)"', page.read_text(encoding="utf-8")))


@needs_raw
def test_the_start_line_and_the_index_name_the_region(region: tuple[Path, list[str]]) -> None:
    out, said = region
    assert said[0] == "buurtdata: test (GM0402, GM0164, 2024)"
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Gemeenten Hengelo (O.) en Hilversum, cijfers van 2024" in index and "Gemeente GM0402" not in index


@needs_raw
def test_a_regional_build_writes_a_folder_per_gemeente_and_the_table_of_gemeenten(
    region: tuple[Path, list[str]],
) -> None:
    out, _ = region
    table = excel_files.read(out / "gemeenten.csv")
    assert set(table["gemeentecode"]) == {"GM0164", "GM0402"} and set(table["status"]) == {"gebouwd"}
    folders = sorted(p.name for p in (out / "kaarten").iterdir() if p.is_dir())
    assert folders == ["GM0164_hengelo_o", "GM0402_hilversum"]
    handouts = out / "handouts"
    # Beside the folders, the page of gemeenten that links each one's index (test_the_handouts_folder_...).
    assert sorted(p.name for p in handouts.iterdir()) == [*folders, "index.html"]
    # Each gemeente's maps are titled with its own name, not the project's.
    for folder, gemeente in [("GM0402_hilversum", "Hilversum"), ("GM0164_hengelo_o", "Hengelo (O.)")]:
        (page,) = (out / "kaarten" / folder).glob("*.html")
        assert f'"{gemeente}, 2024"' in page.read_text(encoding="utf-8")
        # The pages share one Vega bundle beside the folders (0.9 MB each otherwise), and say so when it is missing.
        assert '<script type="text/javascript" src="../vega.js"></script>' in page.read_text(encoding="utf-8")
        assert page.stat().st_size < 200_000 and "kopieer het mee" in page.read_text(encoding="utf-8")
    assert "vegaEmbed" in (out / "kaarten" / "vega.js").read_text(encoding="utf-8")
    # Each gemeente's handouts and index name that gemeente, and list only its own buurten.
    for folder, gemeente, buurt, other in [
        ("GM0402_hilversum", "Hilversum", "BU04020101", "BU01640501"),
        ("GM0164_hengelo_o", "Hengelo (O.)", "BU01640501", "BU04020101"),
    ]:
        (sheet,) = (handouts / folder).glob(f"{buurt}_*.pdf")
        printed = " ".join(pypdf.PdfReader(sheet).pages[0].extract_text().split())
        assert f"· {gemeente} · buurtcode {buurt}" in printed and f"Index: {gemeente} = 100" in printed
        index = " ".join(
            "".join(p.extract_text() for p in pypdf.PdfReader(handouts / folder / "index.pdf").pages).split()
        )
        assert f"Buurtgesprekken {gemeente}" in index and buurt in index and other not in index
        assert "kerncijfers van 2024" in index
        page = (handouts / folder / "index.html").read_text(encoding="utf-8")
        # One pair of brackets: "Hengelo (O.), cijfers 2024" (tests/spoken.py, double_brackets).
        year = ", cijfers 2024" if gemeente.endswith(")") else " (cijfers 2024)"
        assert f"Buurtgesprekken {gemeente}{year}" in page and other not in page
    # The regional report: the gemeenten side by side, Nederland last, CBS's own gemeente figures.
    regio = excel_files.read(out / "regio.csv")
    assert regio["gemeentecode"].tolist() == ["GM0164", "GM0402", "NL00"]
    inwoners = next(c for c in regio.columns if c.lower().startswith("aantal inwoners"))
    assert regio[inwoners].tolist() == [83058, 94435, 17942942]
    # A count reads as one, not as 83058.0; a share keeps its decimals, also where it is whole (30.0).
    text = excel_files.text(out / "regio.csv")
    assert ";83058;" in text
    corporatie = next(c for c in regio.columns if c.startswith("In bezit woningcorporatie"))
    assert regio[corporatie].dtype == "float64" and ";30,0;" in text
    page = (out / "regio.html").read_text(encoding="utf-8")
    assert "de gemeenten naast elkaar" in page and "Hilversum" in page and "Nederland" in page
    # Its headers say units as people say them: "(duizend euro)", not CBS's "(x 1 000 euro)".
    assert "(duizend euro)" in page
    texts = _visible(out / "regio.html")
    found = spoken.report([("regio.html", text) for text in texts], wrapped=False) + spoken.cbs_source(" ".join(texts))
    assert not found, found


@needs_raw
def test_the_gemeenten_side_by_side_from_the_database_opened_again(region: tuple[Path, list[str]]) -> None:
    # As a notebook reads the build: a read-only connection without the build's macros.
    from buurtdata.outputs import _database
    from buurtdata.project import Project

    out, _ = region
    project = Project.load(out.parent / "project.toml")
    side = regional.side_by_side(_database.read(project, out / "buurtdata.duckdb").con, project)
    assert side["code"].tolist() == ["GM0164", "GM0402", "NL00"]


@needs_raw
def test_every_page_of_a_regions_report_names_its_source(region: tuple[Path, list[str]]) -> None:
    out, _ = region
    pages = sorted(out.rglob("*.html"))
    # The index, regio.html, the questions, the handouts' indexes and sheets, the maps (no notebooks here).
    assert {"index.html", "regio.html", "vragen.html"} <= {p.name for p in pages} and len(pages) >= 8
    assert [p.relative_to(out).as_posix() for p in pages if "Bron: CBS" not in p.read_text(encoding="utf-8")] == []


@needs_raw
def test_the_index_links_each_gemeente_once_with_its_handouts_and_maps(region: tuple[Path, list[str]]) -> None:
    out, _ = region
    links = _links(out / "index.html")
    assert all((out / link).exists() for link in links)
    assert {"regio.html", "gemeenten.csv", "handouts/GM0402_hilversum/index.html"} <= links
    assert "handouts/GM0164_hengelo_o/index.html" in links
    # Every map is one click away, under its gemeente; no handout file is listed beside its gemeente's index.
    maps = {p.relative_to(out).as_posix() for p in (out / "kaarten").glob("*/*") if p.is_file()}
    assert maps and maps <= links
    # The maps' shared Vega is no map: not listed, least of all under "Kaarten van geen van deze gemeenten".
    assert "kaarten/vega.js" not in links and "geen van deze gemeenten" not in (out / "index.html").read_text("utf-8")
    assert not [link for link in links if link.startswith("handouts/") and not link.endswith("/index.html")]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "<strong>Hilversum</strong> (GM0402)" in index and "GM0402 hilversum" not in index


@needs_raw
def test_the_handouts_folder_of_a_regional_report_holds_the_page_of_gemeenten_that_buurtdata_handouts_writes(
    region: tuple[Path, list[str]], tmp_path: Path
) -> None:
    # User test: a professional who opened the report's handouts folder found no page to start from.
    out, said = region
    project = out.parent / "project.toml"
    args = ["handouts", "--project", str(project), "--out", str(tmp_path / "uit"), "--no-png"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert cli.main([*args, "--buurt", "BU04020101", "--buurt", "BU01640501"]) == 0
    page = out / "handouts" / "index.html"
    assert page.read_text(encoding="utf-8") == (tmp_path / "uit" / "index.html").read_text(encoding="utf-8")
    assert all((page.parent / link).is_file() for link in _links(page))
    assert "handouts/index.html" in _links(out / "index.html")
    assert f"  {page}  (index of the 2 gemeenten's handout indexes)" in said


def test_the_page_of_gemeenten_links_the_list_of_unplaced_segments_where_it_is(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from buurtdata.outputs import handout_index

    book = SimpleNamespace(
        project=SimpleNamespace(name="regio", year=2024, fictional=False),
        gemeente_of={"BU04020101": "GM0402"},
        gemeente_name=lambda code: "Hilversum",
        source=lambda codes: "Bron: CBS",
    )
    groups = {tmp_path / "handouts" / "GM0402_hilversum": ["BU04020101"]}
    (tmp_path / "handouts").mkdir()
    # In a report the list is beside the report, one folder up from the handouts.
    page = handout_index.write_overview(
        book, groups, set(), tmp_path / "handouts", unplaced=tmp_path / "niet_geplaatste_fragmenten.csv"
    )
    assert '<a href="../niet_geplaatste_fragmenten.csv">niet_geplaatste_fragmenten.csv</a>' in page.read_text("utf-8")
    page = handout_index.write_overview(book, groups, set(), tmp_path / "handouts", unplaced=None)
    assert "niet_geplaatste_fragmenten" not in page.read_text("utf-8")


@needs_raw
def test_regio_page_prints_dutch_numbers_and_nederland_without_a_status(region: tuple[Path, list[str]]) -> None:
    out, _ = region
    page = (out / "regio.html").read_text(encoding="utf-8")
    cells = re.findall(r"<td>([^<]*)</td>", page)
    assert {"83.058", "94.435", "17.942.942", "13,9"} <= set(cells)
    assert not [c for c in cells if re.fullmatch(r"[\d.]+\.\d", c)]  # no 83.058.0 or 13.9
    nederland = cells[cells.index("NL00") :][:4]
    assert nederland == ["NL00", "Nederland", "", ""]
    assert "niet in het bestand</td>" not in page
    assert "<th>Aantal inwoners</th>" in page and "(aantal)" not in page  # a count's unit says nothing
    # The CSV keeps the figures themselves.
    assert excel_files.read(out / "regio.csv")["buurten"].tolist()[:2] == [62, 43]


@needs_raw
def test_regio_page_says_what_a_missing_or_secret_figure_is(region: tuple[Path, list[str]], tmp_path: Path) -> None:
    out, _ = region
    shutil.copyfile(out / "buurtdata.duckdb", tmp_path / "copy.duckdb")
    con = duckdb.connect(str(tmp_path / "copy.duckdb"))
    _sql.macros(con)
    con.execute(
        "update observations set status = 'geheim', value = null where code = 'GM0402' and indicator = 'inwoners'"
    )
    con.execute("delete from observations where code = 'GM0164' and indicator = 'inwoners'")
    project = _project(tmp_path, REGION, year=2024, kwb=_kwb2024(), boundaries_year=2024)
    printed = regional._printed(con, project, ["GM0402", "GM0164", "NL00"])
    assert printed.loc[["GM0402", "GM0164", "NL00"], "inwoners"].tolist() == ["geheim", "geen cijfer", "17.942.942"]
    # As the handouts say it, and as the notebooks' tables say a missing figure.
    assert (printed.loc["GM0402", "aandeel_65_plus"]) == "18,7"


@needs_raw
def test_questions_are_paged_per_gemeente_and_no_buurt_without_a_wijk_name_is_dropped(
    region: tuple[Path, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from buurtdata.pipeline import link

    out, _ = region
    shutil.copyfile(out / "buurtdata.duckdb", tmp_path / "copy.duckdb")
    con = duckdb.connect(str(tmp_path / "copy.duckdb"))
    # A wijk without a name: its buurt's questions must still be printed.
    con.execute("update regions set name = null where code = 'WK016405'")
    signals = pd.DataFrame(
        {
            "code": ["BU04020101", "BU01640501", "BU01640501"],
            "name": ["Centrum", "Berflo Es-Noord", "Berflo Es-Noord"],
            "theme": ["Wonen", "Groen", "Veiligheid"],
            "signal": ["samen", "samen", "verschil"],
            "question": ["Vraag over Centrum?", "Vraag over Berflo?", "Nog een vraag over Berflo?"],
        }
    )
    monkeypatch.setattr(link, "signals", lambda _: signals)
    project = _project(tmp_path, REGION, year=2024, kwb=_kwb2024(), boundaries_year=2024)
    pages = report.write_questions_page(con, project, tmp_path / "vragen.html")
    assert [p.relative_to(tmp_path).as_posix() for p in pages] == [
        "vragen.html",
        "vragen/GM0164_hengelo_o.html",
        "vragen/GM0402_hilversum.html",
    ]
    overview = (tmp_path / "vragen.html").read_text(encoding="utf-8")
    assert "Hengelo (O.)</a> (GM0164): 2 vragen bij 1 buurt" in overview and "Vraag over" not in overview
    hengelo = (tmp_path / "vragen" / "GM0164_hengelo_o.html").read_text(encoding="utf-8")
    assert "<h1>Vragen per buurt: Hengelo (O.)</h1>" in hengelo
    assert "Vraag over Berflo?" in hengelo and "Nog een vraag over Berflo?" in hengelo and "Centrum?" not in hengelo
    assert "(zonder wijk, BU01640501)" in hengelo
    assert 'href="../index.html"' in hengelo


@needs_raw
def test_wijk_pages_are_decided_by_the_number_of_wijken(
    region: tuple[Path, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, _ = region
    con = duckdb.connect(str(out / "buurtdata.duckdb"), read_only=True)
    project = _project(tmp_path, REGION, year=2024, kwb=_kwb2024(), boundaries_year=2024)
    chosen = [n for n in notebooks() if n.name == PER_WIJK_NOTEBOOK]
    plan = report.plan_notebooks(con, project, chosen, tmp_path, site=True)
    labels = [label for _, label in plan.wijken]
    assert len(labels) == len(plan.runs) - 1 == 19  # a region of two gemeenten gets its wijk pages
    assert "Hilversumse Meent, Hilversum" in labels and "Wijk 02 Noord, Hengelo (O.)" in labels
    monkeypatch.setattr(report, "MAX_WIJK_PAGES", 18)
    assert report.plan_notebooks(con, project, chosen, tmp_path, site=True).wijken == []


@needs_raw
def test_the_validation_page_lists_a_gemeente_refused_for_its_figures(tmp_path: Path) -> None:
    frame = pd.read_csv(KWB2024, sep=";", dtype=str, encoding="utf-8-sig")
    frame.loc[frame["Codering_3"].str.strip() == "BU01640501", "AantalInwoners_5"] = "99999"
    frame.to_csv(tmp_path / "kwb.csv", sep=";", index=False)
    out, _ = _build(tmp_path, _kwb2024(tmp_path / "kwb.csv"), ("BU04020101",))  # Hengelo is refused
    page = (out / "validatie.html").read_text(encoding="utf-8")
    assert "dit rapport is dus alleen gemaakt als alle regels slaagden" not in page
    assert "Niet gebouwde gemeenten" in page
    assert "Dat gold hier voor 1 gemeente; die staat hieronder met de reden" in page
    row = re.search(r'<tr class="mislukt"><td>GM0164</td><td>Hengelo \(O\.\)</td><td>([^<]*)</td>', page)
    assert row and "inwoners add up" in row.group(1)
    # User test P: the reason in Dutch too, beside the English one, and on the report's index.
    dutch = "De CBS-cijfers van deze gemeente halen een controle van buurtdata niet"
    assert f"</td><td>{dutch}" in page
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Niet gebouwd" in index and f"Hengelo (O.) (GM0164): {dutch}" in index


@needs_raw
def test_the_index_lists_the_gemeenten_the_build_wrote_without_reading_gemeenten_csv_back(tmp_path: Path) -> None:
    project = _project(tmp_path, REGION, year=2024, kwb=_kwb2024(), boundaries_year=2024)
    written = [
        {"code": "GM0164", "name": "Hengelo (O.)", "build_status": "gebouwd", "buurten": 62, "reason": None},
        {"code": "GM0402", "name": "Hilversum", "build_status": "geweigerd", "buurten": 43, "reason": "GM0402 x"},
    ]
    out = tmp_path / "out"
    out.mkdir()
    index = report.write_index(out, project, [], out / "buurtdata.duckdb", gemeenten=written)
    index = index.read_text(encoding="utf-8")
    assert not (out / "gemeenten.csv").exists()
    assert "Gemeenten Hengelo (O.) en Hilversum" in index
    assert (
        "<strong>Hengelo (O.)</strong> (GM0164)" in index and "Niet gebouwd" in index and "Hilversum (GM0402)" in index
    )
