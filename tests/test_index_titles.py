"""The report's index and the handouts' index list files by their titles (names as CBS writes them), in the
order of the codes: Wijk 2 before Wijk 10."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pypdf

from buurtdata.outputs._links import by_name, files_in, opened, titles
from buurtdata.outputs.handout import Handouts


def _database(path: Path) -> Path:
    con = duckdb.connect(str(path))
    con.execute("create table indicators as select 'inwoners' as indicator, 'Aantal inwoners' as title, 2020 as year")
    con.execute("create table codebook as select 'Eenzaamheid' as theme")
    con.execute("create table regions as select 'GM0150' as code, 'Deventer' as name, 'gemeente' as level")
    con.execute(
        "create table buurt_profile as select * from (values "
        "('BU01501001', 'Colmschate-Zuid', 'WK015010', 'Wijk 10 Colmschate-Zuid'), "
        "('BU01500305', 'Zandweerd-Noord', 'WK015003', 'Wijk 3 Zandweerd'), "
        "('BU01500101', 'Binnenstad', 'WK015001', 'Wijk 1 Binnenstad')) as t(code, name, wijk_code, wijk_name)"
    )
    con.close()
    return path


def test_the_report_index_lists_maps_and_plans_by_title_in_code_order(tmp_path: Path) -> None:
    out = tmp_path / "uit"
    stems = {
        "kaarten": [
            "wand_wijk_10_colmschate_zuid.pdf",
            "wand_wijk_1_binnenstad.pdf",
            "wand_wijk_3_zandweerd.pdf",
            "wand_deventer_buurtgesprekken_2020.pdf",
            "thema_eenzaamheid.html",
            "inwoners.html",
            "inwoners.pdf",
            "onbekend_2.pdf",
            "onbekend_10.pdf",
        ],
        "toekomstplan": ["BU01501001_colmschate_zuid.pdf", "BU01500305_zandweerd_noord.html"],
    }
    for folder, names in stems.items():
        (out / folder).mkdir(parents=True)
        for name in names:
            (out / folder / name).write_text("")
    with opened(_database(tmp_path / "buurtdata.duckdb")) as con:
        named = titles(con, "Deventer, buurtgesprekken 2020")
    maps = by_name(files_in(out / "kaarten"), out, out / "kaarten", named["kaarten"])
    assert [title for title, _ in maps] == [
        "Kaart: aantal inwoners",
        "Themakaart ‘Eenzaamheid’",
        "Wandkaart Deventer, buurtgesprekken 2020",
        "Wandkaart Wijk 1 Binnenstad",
        "Wandkaart Wijk 3 Zandweerd",
        "Wandkaart Wijk 10 Colmschate-Zuid",
        # A file the build does not name after anything keeps its file name, in natural order.
        "onbekend 2",
        "onbekend 10",
    ]
    assert [kind["kind"] for kind in maps[0][1]] == ["HTML", "PDF"]
    plans = by_name(files_in(out / "toekomstplan"), out, out / "toekomstplan", named["toekomstplan"])
    assert [title for title, _ in plans] == ["Buurttoekomstplan Zandweerd-Noord", "Buurttoekomstplan Colmschate-Zuid"]


def test_the_handouts_index_lists_buurten_in_code_order(hengelo, hengelo_run, tmp_path: Path) -> None:
    index_pdf, index_html = Handouts.prepare(hengelo, hengelo_run, tmp_path).write_index(png=False)
    listed = re.findall(r"<td>(BU\d{8})</td>", index_html.read_text(encoding="utf-8"))
    assert len(listed) > 50 and listed == sorted(listed)
    # On paper the wijken come in the order of their codes too.
    text = "".join(page.extract_text() for page in pypdf.PdfReader(index_pdf).pages)
    printed = [int(code[6:8]) for code in re.findall(r"\((BU\d{8})\)", text)]
    assert printed == sorted(printed)


def test_the_report_index_says_the_interviews_are_fictional_in_the_one_sentence(hengelo, tmp_path: Path) -> None:
    from buurtdata._text import FICTIONAL
    from buurtdata.outputs import report

    assert hengelo.interviews.fictional
    index = report.write_index(tmp_path, hengelo, [], _database(tmp_path / "buurtdata.duckdb"))
    page = index.read_text(encoding="utf-8")
    assert f"<strong>{FICTIONAL}</strong>" in page and "<strong>Interviews:</strong>" not in page


def test_the_report_index_says_where_real_interviews_come_from_in_a_sentence(hengelo, tmp_path: Path) -> None:
    """Paper review: "Interviews: <label>." read as a form's field; the questions page says it in a sentence."""
    import dataclasses

    from buurtdata.outputs import report

    project = dataclasses.replace(
        hengelo, interviews=dataclasses.replace(hengelo.interviews, fictional=False, label="Gesprekken Ermelo 2025")
    )
    page = report.write_index(tmp_path, project, [], _database(tmp_path / "buurtdata.duckdb")).read_text("utf-8")
    assert "<p>De verhalen in dit rapport komen uit: Gesprekken Ermelo 2025.</p>" in page
    assert "Interviews:" not in page


def test_the_report_index_lists_what_goes_to_the_meeting_before_the_notebooks(hengelo, tmp_path: Path) -> None:
    # User test (Amsterdam): 330 links of notebook pages and wall maps came before the handouts.
    from buurtdata.outputs import report

    for folder in ("handouts", "toekomstplan", "kaarten"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.pdf").write_bytes(b"%PDF")
    page = report.write_index(tmp_path, hengelo, [], _database(tmp_path / "buurtdata.duckdb")).read_text("utf-8")
    headings = re.findall(r"<h2>([^<]+)</h2>", page)
    assert headings.index("Voor het gesprek") < headings.index("Handouts") < headings.index("Kaarten")
    assert headings.index("Kaarten") < headings.index("Notebooks")


def test_no_row_of_the_handouts_index_is_printed_over_its_source_line() -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from buurtdata.outputs import handout_index

    # A region's source wraps to two lines: the rows must stop above both.
    for source in ("Bron: CBS, Kerncijfers wijken en buurten 2024 (85984NED)", "Bron: CBS, " + "lange bron " * 20):
        per_page = handout_index.rows_per_page(source)
        rows = [(f"Wijk {n}", True) if n % 7 == 0 else (f"Buurt {n} (BU0000{n:04d}) · blad", False) for n in range(90)]
        for start in range(0, len(rows), per_page):
            figure = handout_index._contents(source, rows[start : start + per_page])
            canvas = FigureCanvasAgg(figure)
            canvas.draw()
            boxes = [(t.get_text(), t.get_window_extent(canvas.get_renderer())) for t in figure.texts]
            bron = next(box for text, box in boxes if text.startswith("Bron:"))
            assert all(box.y0 > bron.y1 for text, box in boxes if not text.startswith("Bron:")), source
