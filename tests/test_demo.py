"""`buurtdata demo` end to end: the files it writes and what they may not contain."""

import gc
import re
import sqlite3
import tomllib
from pathlib import Path

import duckdb
import geopandas as gpd
import nbformat
import pypdf
import pytest

from buurtdata import cli
from buurtdata._text import FICTIONAL
from buurtdata.sources.geometry import read_boundaries
from tests import excel_files


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
        "notebooks/03_cijfers_en_verhalen.ipynb",
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
    assert buurten.set_index("code").loc["BU01640000", "inwoners"] == 1170


def test_notebook_was_executed_without_errors(demo_out):
    out, _ = demo_out
    notebook = nbformat.read(out / "notebooks/03_cijfers_en_verhalen.ipynb", as_version=4)
    code_cells = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(c.get("execution_count") for c in code_cells)
    assert not any(o.get("output_type") == "error" for c in code_cells for o in c.get("outputs", []))
    # The notice is shown by a code cell, only for fictional interviews (tests/test_notebook_texts.py).
    shown = [o.get("data", {}).get("text/markdown", "") for c in code_cells for o in c.get("outputs", [])]
    assert FICTIONAL in "".join(shown)


def _groups(project, run):
    """Return every sample segment, placed, with its raw and scrubbed quote and its group's size.

    ``run`` is a pipeline run of the sample, for its regions (the same whether quotes are published or not).
    """
    from buurtdata.sources import interviews

    regions = run.con.sql("select * from regions where year = ?", params=[project.year]).df()
    boundaries = read_boundaries(project.boundaries.path, layer=project.boundaries.layer)
    files = project.interviews
    segments = interviews.read_segments(files.segments)
    segments = interviews.attach_themes(segments, interviews.read_codebook(files.codebook))
    segments = interviews.resolve_locations(
        segments, regions, gemeente=project.gemeente, pc6=interviews.read_pc6(files.pc6), boundaries=boundaries
    )
    segments["scrubbed"] = interviews.scrub_quotes(segments, names=files.names)["text"]
    size = segments.dropna(subset=["buurt_code"]).groupby(["buurt_code", "theme"])["respondent"].nunique()
    segments["group"] = [size.get((b, t), 0) for b, t in zip(segments["buurt_code"], segments["theme"], strict=True)]
    # The people of the speaker's role who raised the theme in the buurt (a quote's role cell, user test V).
    roles = segments.assign(role=segments["role"].fillna("onbekend"))
    cells = roles.dropna(subset=["buurt_code"]).groupby(["buurt_code", "theme", "role"])["respondent"].nunique()
    segments["role_group"] = [
        cells.get((b, t, r), 0) for b, t, r in zip(roles["buurt_code"], roles["theme"], roles["role"], strict=True)
    ]
    return segments


def _squeezed(text):
    """``text`` without whitespace: a quote wrapped over lines on a handout is still found."""
    return "".join(text.split())


def _texts(out):
    """Yield (name, text) of every file the demo wrote, and of every text cell in its DuckDB database.

    A PDF's text is extracted (matplotlib compresses it, so its bytes hold no readable text); all text is squeezed.
    """
    for path in (p for p in out.rglob("*") if p.is_file()):
        if path.suffix == ".pdf":
            text = "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
        else:
            text = path.read_bytes().decode("utf-8", errors="replace")
        yield str(path), _squeezed(text)
    con = duckdb.connect(str(out / "buurtdata.duckdb"), read_only=True)
    columns = con.sql(
        "select table_name, column_name from duckdb_columns() where not internal and data_type = 'VARCHAR'"
    ).fetchall()
    for table, column in columns:
        values = con.sql(f'select distinct "{column}" from "{table}" where "{column}" is not null').fetchall()
        yield f"{table}.{column}", _squeezed("\n".join(v for (v,) in values))
    con.close()


def _published_counts(out):
    """Yield (source, shown, respondents, segments) of every theme row in the database and the GeoPackage."""
    con = duckdb.connect(str(out / "buurtdata.duckdb"), read_only=True)
    columns = con.sql("select table_name, column_name from duckdb_columns() where not internal").fetchall()
    for table in sorted({t for t, c in columns if c == "respondents"}):
        present = {c for t, c in columns if t == table}
        # Every table that counts respondents says whether a row is shown: a flag, or the theme_status 'getoond'.
        assert "shown" in present or "theme_status" in present, table
        shown = "shown" if "shown" in present else "theme_status = 'getoond'"
        segments = "segments" if "segments" in present else "null"
        for row in con.sql(f"select {shown}, respondents, {segments} from {table}").fetchall():
            yield (table, *row)
    con.close()
    with sqlite3.connect(out / "buurten.gpkg") as gpkg:
        for row in gpkg.execute("select shown, respondents, segments from buurt_themes").fetchall():
            yield ("buurten.gpkg", *row)


def test_no_count_from_a_group_below_k_in_any_output(demo_out, hengelo):
    out, _ = demo_out
    k = hengelo.privacy_threshold
    rows = list(_published_counts(out))
    assert {r[0] for r in rows} >= {"buurt_themes", "wijk_themes", "buurt_theme_roles", "buurten.gpkg"}
    for source, shown, respondents, segments in rows:
        if shown:
            assert respondents >= k, source
        else:
            assert respondents is None and segments is None, source
    con = duckdb.connect(str(out / "buurtdata.duckdb"), read_only=True)
    columns = con.sql("select table_name, column_name from duckdb_columns() where not internal").fetchall()
    con.close()
    assert not [c for c in columns if c[1] in {"text", "respondent"}], "segment-level data was published"
    assert [t for t, c in columns if c == "quote"] == ["buurt_quotes"]
    # Charts and notebooks embed their data as JSON: every respondent count there is k or more too.
    embedded = [(name, int(n)) for name, text in _texts(out) for n in re.findall(r'"respondents":\s*(\d+)', text)]
    assert embedded and all(n >= k for _, n in embedded), embedded


def test_the_scan_reads_the_text_of_a_handout(demo_out):
    # Proof that the scans below see into the PDFs: a published quote is found on the handout that prints it.
    out, _ = demo_out
    con = duckdb.connect(str(out / "buurtdata.duckdb"), read_only=True)
    quotes = [q for (q,) in con.sql("select quote from buurt_quotes where code = 'BU01640501'").fetchall()]
    con.close()
    handout = out / "handouts/BU01640501_berflo_es_noord.pdf"
    assert _squeezed(quotes[0]) not in handout.read_bytes().decode("latin-1")  # the raw bytes hide it
    [text] = [text for name, text in _texts(out) if name == str(handout)]
    assert any(_squeezed(q) in text for q in quotes)


def test_with_opt_in_only_consenting_scrubbed_quotes_of_groups_of_k(demo_out, hengelo, hengelo_run):
    out, _ = demo_out
    assert hengelo.interviews.publish_quotes
    segments = _groups(hengelo, hengelo_run)
    k = hengelo.privacy_threshold
    # A quote's speaker is one of at least k people of the same role in the buurt and theme (user test V, left C).
    publishable = segments["consent"] & (segments["group"] >= k) & (segments["role_group"] >= k)
    # One quote per respondent and buurt (two of one person on a handout make them easier to recognise): theirs
    # from the group with the fewest quotes, the first in sort order.
    quotable = segments[publishable]
    quotable = quotable.assign(quotes=quotable.groupby(["buurt_code", "theme"])["scrubbed"].transform("size"))
    ordered = quotable.sort_values(["quotes", "scrubbed", "theme"])
    chosen = ordered.groupby(["buurt_code", "respondent"]).head(1)
    allowed = set(chosen["scrubbed"])
    # Every other quote, and the unscrubbed form of an allowed one, must appear nowhere.
    forbidden = (set(segments["text"]) | set(segments.loc[publishable, "scrubbed"])) - allowed
    assert len(allowed) == 13, len(allowed)
    con = duckdb.connect(str(out / "buurtdata.duckdb"), read_only=True)
    quotes = con.sql("select code, theme, quote from buurt_quotes").df()
    con.close()
    assert set(quotes["quote"]) == allowed
    for name, text in _texts(out):
        leaked = [q for q in forbidden if len(q) >= 20 and _squeezed(q) in text]
        assert not leaked, f"{name} holds a quote that may not be published: {leaked[0]!r}"


def test_without_opt_in_no_quote_appears_anywhere(demo_without_quotes, hengelo_run):
    project, out = demo_without_quotes
    assert not project.interviews.publish_quotes
    segments = _groups(project, hengelo_run)
    quotes = {q for q in [*segments["text"], *segments["scrubbed"]] if len(q) >= 20}
    for name, text in _texts(out):
        leaked = [q for q in quotes if _squeezed(q) in text]
        assert not leaked, f"{name} holds a quote although the project did not opt in: {leaked[0]!r}"
    con = duckdb.connect(str(out / "buurtdata.duckdb"), read_only=True)
    assert con.sql("select count(*) from buurt_quotes").fetchall() == [(0,)]
    con.close()


def test_demo_lists_placement_and_unplaced_segments_without_addresses(demo_out):
    out, printed = demo_out
    placement = next(line for line in printed if "resolved_by" in line)
    for part in ("buurtnaam 105", "buurtcode 20", "wijknaam 16", "onbekend 13", "pc6 4", "postcode 4", "coordinaten 3"):
        assert part in placement
    rows = excel_files.rows(out / "niet_geplaatste_fragmenten.csv")
    # Every round's are listed, each with its round and labelled as its own round's interviews (user test R).
    assert {row["round_number"] for row in rows} == {"1", "2"}
    assert all(row["interviews"] == row["round"] for row in rows)
    unplaced = [row for row in rows if row["round_number"] == "2"]
    assert len(unplaced) == 170 - 132
    assert all(row["reason"] for row in unplaced)  # also those placed in a wijk only, by its name or code
    # Each reason's kind also in Dutch, for whoever fixes the file.
    assert {row["uitleg"] for row in unplaced} == {
        "alleen de wijk is bekend",
        "buiten de gemeente",
        "geen plaats opgegeven",
        "kan de buurt of de hele wijk zijn (niet gegokt)",
        "plaats kan meer dan één buurt zijn (niet gegokt)",
        "plaats niet gevonden in deze gemeente",
    }
    # User test T: and how to fix it, in Dutch, as the report's index says the list tells.
    assert all(row["herstel"] for row in unplaced)
    assert {row["herstel"] for row in unplaced if row["uitleg"] == "alleen de wijk is bekend"} == {
        "schrijf de buurtnaam of de buurtcode (BU...) in plaats van de wijk"
    }
    # Sweep 14 F8: 'Noord' is buurt Noord and the wijk around it; its name was written, its code places it.
    assert {row["herstel"] for row in unplaced if row["location_raw"] == "Noord"} == {
        "gaat het over de buurt zelf, schrijf dan de buurtcode BU01640200; anders is het goed zo"
    }
    assert {row["resolved_by"] for row in unplaced if row["reason"].startswith("placed in wijk")} == {
        "wijknaam",
        "wijkcode",
    }
    assert {row["resolved_by"] for row in unplaced} == {"onbekend", "wijknaam", "wijkcode", "postcode"}


def test_interview_derived_outputs_say_they_are_fictional(demo_out, hengelo):
    out, _ = demo_out
    label = hengelo.interviews.label
    assert "Fictieve" in label
    con = duckdb.connect(str(out / "buurtdata.duckdb"), read_only=True)
    for table in ("buurt_themes", "wijk_themes", "buurt_quotes"):
        assert con.sql(f"select distinct interviews from {table}").fetchall() == [(label,)]
    # The unplaced segments of every round, each row by its own round's label, which says it is fictional as
    # today's does (the database's table as its CSV).
    labels = con.sql("select distinct round_number, interviews from unplaced_segments order by 1").fetchall()
    assert labels[-1] == (2, label) and all(said.startswith("Fictieve interviews") for _, said in labels)
    rows = excel_files.rows(out / "niet_geplaatste_fragmenten.csv")
    assert {row["interviews"] for row in rows if row["round_number"] == "2"} == {label}
    assert all(row["interviews"].startswith("Fictieve interviews") for row in rows)
    for name in ("thema_eenzaamheid.png", "thema_eenzaamheid.html"):
        assert (out / "kaarten" / name).stat().st_size > 0
    assert label in (out / "kaarten" / "thema_eenzaamheid.html").read_text(encoding="utf-8")


def test_cli_demo_default_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["demo", "--no-notebook", "--no-handouts"]) == 0
    assert (tmp_path / "buurtdata-demo" / "buurten.gpkg").exists()
    assert "buurtdata-demo/buurten.gpkg" in capsys.readouterr().out


def test_the_console_script_exits_with_mains_code_and_skips_the_last_collections(monkeypatch):
    pyproject = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["scripts"]["buurtdata"] == "buurtdata.cli:entry"
    frozen = []
    monkeypatch.setattr(cli, "main", lambda: cli.EXIT_INPUT)
    # Recorded, not done: freezing would leave this test process without garbage collection.
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    with pytest.raises(SystemExit) as done:
        cli.entry()
    assert done.value.code == cli.EXIT_INPUT and frozen == [True]
