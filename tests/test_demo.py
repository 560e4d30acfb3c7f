"""`buurtdata demo` end to end: the files it writes and what they may not contain."""

import csv
import sqlite3

import duckdb
import geopandas as gpd
import nbformat
import pytest

from buurtdata import cli, datasets


@pytest.fixture(scope="module")
def demo_out(tmp_path_factory, key):
    out = tmp_path_factory.mktemp("demo")
    from buurtdata import demo

    printed: list[str] = []
    # One handout keeps the suite quick; `buurtdata demo` writes all 62 (see test_handout.py).
    demo.build_outputs(datasets.get_path("hengelo"), out, key=key, say=printed.append, handout_buurten=["BU01640501"])
    return out, printed


def test_demo_writes_the_promised_files(demo_out):
    out, printed = demo_out
    for name in [
        "buurtdata.duckdb",
        "buurten.gpkg",
        "kaarten/aandeel_65_plus.png",
        "kaarten/aandeel_65_plus.html",
        "kaarten/thema_eenzaamheid.png",
        "kaarten/thema_eenzaamheid.html",
        "niet_geplaatste_fragmenten.csv",
        "notebooks/01_hengelo_verkennen.ipynb",
        "handouts/index.html",
    ]:
        assert (out / name).stat().st_size > 0, name
        assert any(str(out / name) in line for line in printed), name
    assert (out / "handouts/BU01640501_berflo_es_noord.pdf").read_bytes()[:5] == b"%PDF-"
    assert (out / "handouts/BU01640501_berflo_es_noord.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (out / "kaarten/aandeel_65_plus.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # The HTML maps open offline: Vega is inlined, nothing is loaded from a CDN.
    html = (out / "kaarten/aandeel_65_plus.html").read_text(encoding="utf-8")
    assert "cdn.jsdelivr" not in html and "Bron: CBS" in html


def test_geopackage_has_62_buurten_with_population(demo_out):
    out, _ = demo_out
    buurten = gpd.read_file(out / "buurten.gpkg", layer="buurten")
    assert len(buurten) == 62 and buurten.crs.to_epsg() == 28992
    assert buurten["inwoners"].sum() > 0
    assert buurten.set_index("buurt_code").loc["BU01640000", "inwoners"] == 1170


def test_notebook_was_executed_without_errors(demo_out):
    out, _ = demo_out
    notebook = nbformat.read(out / "notebooks/01_hengelo_verkennen.ipynb", as_version=4)
    code_cells = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(c.get("execution_count") for c in code_cells)
    assert not any(o.get("output_type") == "error" for c in code_cells for o in c.get("outputs", []))
    assert "fictieve interviews" in notebook.cells[0].source.lower()


def _quotes(project):
    with project.interviews.segments.open(encoding="utf-8-sig") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return [row["quote"] for row in rows if len(row["quote"]) >= 25]


def test_no_quote_and_no_small_count_in_any_output(demo_out, hengelo):
    out, _ = demo_out
    quotes = _quotes(hengelo)
    assert quotes
    for path in (p for p in out.rglob("*") if p.is_file()):
        content = path.read_bytes()
        for quote in quotes:
            assert quote.encode("utf-8") not in content, f"{path} contains a raw interview quote"
    con = duckdb.connect(str(out / "buurtdata.duckdb"), read_only=True)
    columns = con.sql("select table_name, column_name from duckdb_columns() where not internal").fetchall()
    assert not [c for c in columns if c[1] in {"text", "quote", "respondent"}], "segment-level data was published"
    for table in {t for t, c in columns if c == "respondents"}:
        small = con.sql(f"select count(*) from {table} where respondents < {hengelo.privacy_threshold}").fetchall()
        assert small == [(0,)], table
    with sqlite3.connect(out / "buurten.gpkg") as gpkg:
        rows = gpkg.execute("select respondents, status from buurt_themes").fetchall()
    assert all(r is None or r >= hengelo.privacy_threshold for r, _ in rows)
    assert {s for _, s in rows} == {"getoond", "te weinig stemmen", "geen stemmen"}


def test_interview_derived_outputs_say_they_are_fictional(demo_out, hengelo):
    out, _ = demo_out
    label = hengelo.interviews.label
    assert "Fictieve" in label
    con = duckdb.connect(str(out / "buurtdata.duckdb"), read_only=True)
    for table in ("buurt_themes", "unplaced_segments"):
        assert con.sql(f"select distinct interviews from {table}").fetchall() == [(label,)]
    unplaced = (out / "niet_geplaatste_fragmenten.csv").read_text(encoding="utf-8")
    assert all(label in line for line in unplaced.splitlines()[1:])
    for name in ("thema_eenzaamheid.png", "thema_eenzaamheid.html"):
        assert (out / "kaarten" / name).stat().st_size > 0
    assert label in (out / "kaarten" / "thema_eenzaamheid.html").read_text(encoding="utf-8")


def test_cli_demo_default_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["demo", "--no-notebook", "--no-handouts"]) == 0
    assert (tmp_path / "buurtdata-demo" / "buurten.gpkg").exists()
    assert "buurtdata-demo/buurten.gpkg" in capsys.readouterr().out
