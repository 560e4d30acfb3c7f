"""Output safety against hostile input: no script break-out, no spreadsheet formula, no mathtext on paper."""

from __future__ import annotations

import dataclasses
import re

import pandas as pd
import pypdf

from buurtdata._spreadsheet import write_csv
from buurtdata.outputs import _unplaced, handout, handout_blocks, maps
from tests import excel_files

HOSTILE = '</script><script>alert("buurt")</script>'


def test_map_html_keeps_a_hostile_name_inside_its_script(hengelo_run, tmp_path):
    project = dataclasses.replace(
        hengelo_run.project,
        name=f"Hengelo {HOSTILE}",
        interviews=dataclasses.replace(hengelo_run.project.interviews, label=f"Fictief {HOSTILE}"),
    )
    result = dataclasses.replace(hengelo_run, project=project)
    for chart, name in ((maps.indicator_map(result), "kaart.html"), (maps.theme_map(result), "thema.html")):
        path = tmp_path / name
        maps.save_chart(chart, path)
        html = path.read_text(encoding="utf-8")
        assert "alert(" not in html.replace('alert(\\"buurt\\")', "")
        assert "<script>alert" not in html
        # Every script element the page opens is closed once: the data never closes one.
        assert len(re.findall(r"<script\b", html)) == html.count("</script>")
        assert "\\u003c/script\\u003e" in html  # the name is there, escaped


def test_csv_cells_never_start_a_formula(tmp_path):
    frame = pd.DataFrame({
        "segment_id": ["=HYPERLINK(\"http://x\")", "+31", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", "gewoon"],
        "n": [1, -2, 3, 4, 5, 6, 7],
    })  # fmt: skip
    path = write_csv(frame, tmp_path / "uit.csv")
    rows = excel_files.rows(path)
    cells = [row["segment_id"] for row in rows]
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
    assert cells[0] == '\'=HYPERLINK("http://x")' and cells[-1] == "gewoon"
    assert [row["n"] for row in rows] == ["1", "-2", "3", "4", "5", "6", "7"]


def test_build_writes_the_unplaced_csv_safely(hengelo_run, tmp_path, monkeypatch):
    unplaced = hengelo_run.unplaced.copy()
    unplaced.loc[unplaced.index[0], "location_raw"] = "=cmd|' /C calc'!A0"
    result = dataclasses.replace(hengelo_run, unplaced=unplaced)
    path = tmp_path / "niet_geplaatste_fragmenten.csv"
    _unplaced.write_unplaced(result, path, lambda *_: None, lambda *_: None)
    text = excel_files.text(path)
    assert "\n=cmd" not in text and ";=cmd" not in text and ';"=cmd' not in text and "'=cmd" in text


def test_quotes_print_literally_on_a_handout(hengelo, hengelo_run, tmp_path):
    book = handout._Book.collect(hengelo, hengelo_run)
    sheet = dataclasses.replace(
        book.handout("BU01640501"),
        quotes=["“Huur van $500 naar $650, wat is $\\foo$ nou?” (over wonen)"],
    )
    paths = handout_blocks.save(book.draw(sheet), tmp_path / "blad", png=False, dpi=72)
    text = " ".join(pypdf.PdfReader(paths[0]).pages[0].extract_text().split())
    assert "$500 naar $650" in text
    assert "$\\foo$" in text, text
