"""`buurtdata report`: notebooks executed, a static site that opens offline, validation as a page."""

import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import jupytext
import nbformat
import pytest
import spoken

from buurtdata import cli, datasets
from buurtdata._errors import BuurtdataError
from buurtdata._text import FICTIONAL, slug
from buurtdata.outputs._opening import FEW_HEARD, NOBODY_HEARD, shared_opening, without
from buurtdata.outputs.build import REUSED
from buurtdata.outputs.explore import notebook_data
from buurtdata.outputs.notebooks import notebooks
from buurtdata.outputs.report import LINKED_FOLDERS

NOTEBOOKS = ["01_cijfers_verkennen", "02_levende_kennis", "03_cijfers_en_verhalen", "04_verken_een_buurt"]


def test_the_report_opens_in_headless_chromium(report_out):
    """Every page loads offline without console errors, charts are drawn, a click on a buurt moves the linked
    charts (scripts/check_report_in_browser.py, on the report the other tests read, beside them)."""
    chromium = os.environ.get("BUURTDATA_CHROMIUM", "/usr/bin/chromium")
    if not Path(chromium).is_file():
        # `make test` names the report and installs Chromium: there the check may not be skipped.
        if os.environ.get("BUURTDATA_TEST_REPORT"):
            pytest.fail(f"no Chromium at {chromium}; install it (apt-get install chromium) or set BUURTDATA_CHROMIUM")
        pytest.skip(f"no Chromium at {chromium} (set BUURTDATA_CHROMIUM)")
    script = Path(__file__).parents[1] / "scripts" / "check_report_in_browser.py"
    checked = subprocess.run(
        [sys.executable, str(script), str(report_out[0]), "--chromium", chromium],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_report_has_index_notebook_pages_and_validation(report_out):
    out, index, printed = report_out
    assert index == out / "index.html"
    for name in ["index.html", "validatie.html", "vragen.html", *(f"notebooks/{n}.html" for n in NOTEBOOKS)]:
        assert (out / name).stat().st_size > 0, name
        assert any(str(out / name) in line for line in printed), name
    # The page to open is the last line, below the files in the build's folders and the privacy audit (a build that
    # reused its folder, as `make test` after `make report` does, says so below it).
    told = printed[:-1] if REUSED in printed[-1] else printed
    assert told[-1] == f"  {index}  (report: open this file in a browser)"


def test_index_links_every_map_handout_notebook_and_download(report_out):
    out, index, _ = report_out
    links = set(re.findall(r'href="([^"]+)"', index.read_text(encoding="utf-8")))
    assert all((out / link).exists() for link in links if not link.startswith("../"))
    # A folder with its own index page (the handouts) is reached through it: every file within two clicks.
    for link in [link for link in links if link.endswith("/index.html")]:
        page = out / link
        links |= {
            (page.parent / h).relative_to(out).as_posix()
            for h in re.findall(r'href="([^"]+)"', page.read_text(encoding="utf-8"))
            if "://" not in h
        }
    expected = {f"notebooks/{n}.html" for n in NOTEBOOKS} | {"validatie.html", "buurten.gpkg", "buurtdata.duckdb"}
    for folder in LINKED_FOLDERS:
        expected |= {p.relative_to(out).as_posix() for p in (out / folder).rglob("*") if p.is_file()}
    assert any(link.startswith("kaarten/") for link in expected)
    assert any(link.startswith("handouts/") and link.endswith(".pdf") for link in expected)
    assert expected <= links
    # It counts the handouts (not their index.pdf) and names only the formats there are.
    handouts = [p for p in (out / "handouts").rglob("*.pdf") if p.name != "index.pdf"]
    formats = "PDF en PNG" if any((out / "handouts").rglob("*.png")) else "PDF"
    assert f"({len(handouts)} A4-handouts, {formats})" in index.read_text(encoding="utf-8")


def test_pages_are_self_contained(report_out):
    out, _, _ = report_out
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r'(src|href)="(https?:)?//', text), f"{page} loads something from the internet"
        assert "Bron: CBS" in text, page


def test_notebooks_executed_without_errors_timestamps_or_absolute_paths(report_out):
    out, _, _ = report_out
    for name in NOTEBOOKS:
        notebook = nbformat.read(out / "notebooks" / f"{name}.ipynb", as_version=4)
        code = [c for c in notebook.cells if c.cell_type == "code"]
        assert all(c.get("execution_count") for c in code), name
        assert not [o for c in code for o in c.outputs if o.output_type == "error" or o.get("name") == "stderr"], name
        assert "papermill" not in notebook.metadata
        injected = next(c for c in code if c.id == "injected-parameters")
        assert 'database = "../buurtdata.duckdb"' in injected.source and str(out) not in injected.source
        # The database names its project: no path from the report up to where the project lies is published.
        assert "project_file" not in injected.source
        # Charts are SVG: they render without JavaScript, offline.
        assert any("image/svg+xml" in o.get("data", {}) for c in code for o in c.outputs), name


def test_an_executed_notebook_saved_in_jupyterlab_writes_no_python_twin_into_the_report(report_out, tmp_path):
    """User test J: saving a report's notebook in JupyterLab (autosave after Run All) wrote
    01_cijfers_verkennen.py beside it, as the repository's notebooks are paired; reopened, its inputs were read
    from that .py. An executed copy is no paired notebook: nothing but the notebook itself is written."""
    out, _, _ = report_out
    shutil.copy(out / "notebooks" / "01_cijfers_verkennen.ipynb", tmp_path)
    manager = jupytext.TextFileContentsManager(root_dir=str(tmp_path))
    model = manager.get("01_cijfers_verkennen.ipynb")
    assert "jupytext" not in model["content"]["metadata"]
    manager.save(model, "01_cijfers_verkennen.ipynb")
    # (JupyterLab's own .ipynb_checkpoints aside)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".ipynb_checkpoints") == [
        "01_cijfers_verkennen.ipynb"
    ]


def test_only_the_repositorys_own_notebooks_are_paired(report_out, tmp_path):
    """Review u M5: the repository's jupytext.toml paired every notebook below it, so a report built into the
    checkout (make demo: build/demo/notebooks) wrote a .py twin when saved in a JupyterLab started at its root. The
    pairing holds for notebooks/ only."""
    from jupytext.config import find_jupytext_configuration_file

    root = Path(__file__).parents[1]
    assert find_jupytext_configuration_file(str(root / "notebooks")) == str(root / "notebooks" / "jupytext.toml")
    assert find_jupytext_configuration_file(str(root / "build" / "demo" / "notebooks")) is None
    # Saved from a JupyterLab at the checkout's root, a report's notebook in the checkout gets no twin.
    out, _, _ = report_out
    report = root / "build" / f"test-{tmp_path.name}" / "notebooks"
    report.mkdir(parents=True)
    try:
        shutil.copy(out / "notebooks" / "01_cijfers_verkennen.ipynb", report)
        manager = jupytext.TextFileContentsManager(root_dir=str(root))
        where = report.relative_to(root).as_posix() + "/01_cijfers_verkennen.ipynb"
        manager.save(manager.get(where), where)
        assert sorted(p.name for p in report.iterdir() if p.name != ".ipynb_checkpoints") == [
            "01_cijfers_verkennen.ipynb"
        ]
    finally:
        shutil.rmtree(report.parent)


def test_interview_pages_say_the_interviews_are_fictional(report_out, hengelo):
    out, _, _ = report_out
    for name in NOTEBOOKS[1:]:
        text = (out / "notebooks" / f"{name}.html").read_text(encoding="utf-8")
        assert "fictieve interviews" in text.lower() and hengelo.interviews.label in text
    # The index says it in the one sentence every page people read uses.
    assert FICTIONAL in (out / "index.html").read_text(encoding="utf-8")


def test_validation_page_lists_every_rule(report_out, hengelo_run):
    out, _, _ = report_out
    text = (out / "validatie.html").read_text(encoding="utf-8")
    rules = hengelo_run.con.sql("select count(*) from validation_results").fetchall()[0][0]
    assert f"{rules} regels gecontroleerd met great-expectations, 0 mislukt" in text
    assert text.count("<td>ja</td>") == rules and "kwb2024_85984NED.parquet" in text


def test_notebooks_are_numbered_paired_and_parameterised():
    assert [p.stem for p in notebooks()] == NOTEBOOKS
    for path in notebooks():
        paired = jupytext.read(path.with_suffix(".py"))
        notebook = jupytext.read(path)
        assert [c.source for c in paired.cells] == [c.source for c in notebook.cells], f"{path}: run jupytext --sync"
        assert notebook.metadata["jupytext"]["formats"] == "ipynb,py:percent"
        [parameters] = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
        for name in ("project_file", "gemeente", "year", "database"):
            assert re.search(rf"^{name} = None", parameters.source, re.MULTILINE), (path, name)
        assert not [c for c in notebook.cells if c.cell_type == "code" and c.outputs], f"{path}: clear outputs"


def test_notebook_data_from_database_matches_a_fresh_run(report_out, hengelo_run):
    out, _, _ = report_out
    data = notebook_data(None, database=out / "buurtdata.duckdb")
    assert data.buurten.drop(columns="geometry").equals(hengelo_run.buurten.drop(columns="geometry"))
    assert len(data.unplaced) == len(hengelo_run.unplaced)


def test_notebook_data_refuses_another_gemeente():
    with pytest.raises(BuurtdataError, match="covers GM0164; pass the project file of GM0363"):
        notebook_data(None, gemeente="GM0363")


def test_cli_report_passes_project_and_out(monkeypatch, tmp_path):
    calls = []
    monkeypatch.setattr("buurtdata.outputs.build.build_report", lambda *args: calls.append(args))
    project = datasets.get_path("hengelo")
    assert cli.main(["report", "--project", str(project), "--out", str(tmp_path)]) == 0
    assert cli.main(["report"]) == 0
    assert calls == [(project, tmp_path), (None, cli.DEFAULT_REPORT_OUT)]


def test_import_buurtdata_loads_no_heavy_library():
    timings = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import buurtdata"], capture_output=True, text=True, check=True
    ).stderr
    modules = {line.split("|")[-1].strip().split(".")[0] for line in timings.splitlines()[1:]}
    heavy = {
        "great_expectations",
        "altair",
        "jupyter",
        "jupyter_client",
        "nbformat",
        "nbconvert",
        "papermill",
        "duckdb",
        "geopandas",
        "pandas",
    }
    assert modules and not modules & heavy, modules & heavy


def test_questions_page_holds_every_question_of_every_buurt(report_out):
    out, _, _ = report_out
    page = (out / "vragen.html").read_text(encoding="utf-8")
    con = duckdb.connect(str(out / "buurtdata.duckdb"), read_only=True)
    signals = con.sql("select code, question from buurt_signals where signal <> 'geen signaal'").df()
    con.close()
    assert len(signals) > 62
    # A buurt's questions that all open with the same sentence say it once, above them (user test T, left then).
    said_once = 0
    for _, rows in signals.groupby("code"):
        questions = list(rows["question"])
        opening = shared_opening(questions)
        said_once += bool(opening)
        assert all(html.escape(without(opening, q)) in page for q in questions)
        assert not opening or f"<p>{html.escape(opening)}</p>" in page
    # Nobody heard, or too few (a buurt of 'te weinig gesprekken': its questions open alike too).
    assert said_once and sum(page.count(f"<p>{said}</p>") for said in (NOBODY_HEARD, FEW_HEARD)) == said_once
    assert "Fictieve interviews" in page and "Over deze cijfers" in page


def test_verken_een_buurt_has_a_page_per_wijk_linked_from_the_index(report_out, hengelo_run):
    out, index, _ = report_out
    links = set(re.findall(r'href="([^"]+)"', index.read_text(encoding="utf-8")))
    wijken = dict(zip(hengelo_run.buurten["wijk_code"], hengelo_run.buurten["wijk_name"], strict=True))
    pages = sorted((out / "notebooks").glob("04_verken_een_buurt_*.html"))
    assert len(pages) == len(wijken) == 10
    assert {f"notebooks/{page.name}" for page in pages} <= links
    for code, name in wijken.items():
        [page] = [p for p in pages if p.stem.endswith(slug(name))]
        assert f"Verken een buurt: {name}" in page.read_text(encoding="utf-8")
        executed = nbformat.read(page.with_suffix(".ipynb"), as_version=4)
        injected = next(c for c in executed.cells if c.id == "injected-parameters")
        assert f'wijk = "{code}"' in injected.source
        # The buurt shown lies in that wijk.
        printed = "".join(o.get("text", "") for c in executed.cells if c.cell_type == "code" for o in c.outputs)
        assert f", {name}, " in printed


def test_index_says_the_rounds_agreements_and_unplaced(report_out, hengelo_run):
    """The index tells of the conversations themselves, not only of the files (user test R): the rounds by their
    periods, the agreements of earlier meetings and the segments without a buurt, linking their list."""
    out, index, _ = report_out
    page = html.unescape(re.sub(r"\s+", " ", index.read_text(encoding="utf-8")))
    section = page.split("<h2>De gesprekken</h2>")[1].split("<h2>")[0]
    assert "De verhalen komen uit 2 gespreksrondes: najaar 2023 en voorjaar 2025." in section
    agreements, buurten = hengelo_run.con.execute("select count(*), count(distinct code) from agreements").fetchall()[0]
    assert f"Bij eerdere gesprekken zijn {agreements} afspraken gemaakt, over {buurten} buurten." in section
    (unplaced,) = hengelo_run.con.execute("select count(*) from unplaced_segments").fetchall()[0]
    assert f"{unplaced} fragmenten konden we niet bij een buurt plaatsen." in section
    assert '<a href="niet_geplaatste_fragmenten.csv">De lijst</a>' in section
    assert not spoken.problems(re.sub(r"<[^>]+>", "", section))
