"""The buurttoekomstplan: themes over the rounds, figures over the years, agreements and their follow-up."""

from __future__ import annotations

import json
import re
from pathlib import Path

from buurtdata.outputs import toekomstplan
from buurtdata.pipeline import link


def test_a_plan_gathers_rounds_years_and_agreements(hengelo_run, tmp_path):
    paths = toekomstplan.write_plans(hengelo_run, tmp_path, buurten=["BU01640203"])
    assert [p.suffix for p in paths] == [".html", ".pdf"]
    html = paths[0].read_text(encoding="utf-8")
    assert "Buurttoekomstplan Klein Driene" in html and "FICTIEF" in html
    assert "najaar 2023" in html and "voorjaar 2025" in html and "<th>2020</th>" in html
    assert "Met jongeren een plek zoeken om te sporten na schooltijd." in html
    assert "In het voorjaar van 2025 noemden meer mensen dit thema dan in het najaar van 2023 (3 → 4)." in html
    # The figures of 2020 and 2024 each name their own CBS table.
    assert "Kerncijfers wijken en buurten 2020 (84799NED) en 2024 (85984NED)" in html
    assert paths[1].read_bytes().startswith(b"%PDF")


def test_a_plan_prints_counts_only_where_their_round_shows_them(hengelo_run):
    k = hengelo_run.project.privacy_threshold
    plan = toekomstplan.plan_data(hengelo_run, "BU01640203")
    cells = [cell for row in plan["themes"] for cell in row["cells"]]
    assert all(cell in {"te weinig", "–"} or int(cell) >= k for cell in cells)
    assert "te weinig" in cells


def test_by_default_every_buurt_with_something_to_tell_gets_a_plan(hengelo_run, tmp_path):
    paths = toekomstplan.write_plans(hengelo_run, tmp_path)
    codes = {p.name[:10] for p in paths}
    assert {"BU01640203", "BU01640501", "BU01640604"} <= codes and len(codes) < 62


def test_many_gemeenten_get_a_folder_each_with_the_same_plans(hengelo_run, tmp_path):
    flat = toekomstplan.write_plans(hengelo_run, tmp_path / "flat")
    nested = toekomstplan.write_plans(hengelo_run, tmp_path / "many", folders={"GM0164": "GM0164_hengelo_o"})
    assert [p.relative_to(tmp_path / "many") for p in nested] == [
        "GM0164_hengelo_o" / p.relative_to(tmp_path / "flat") for p in flat
    ]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(flat, nested, strict=True) if a.suffix == ".html")


def test_the_plans_read_once_are_the_plans_read_one_by_one(hengelo_run):
    codes = ["BU01640203", "BU01640501", "BU01640604", "BU01640100"]
    plans = toekomstplan.Plans(hengelo_run, codes)
    assert [plans.plan(c) for c in codes] == [toekomstplan.plan_data(hengelo_run, c) for c in codes]


def test_the_plans_are_those_of_the_queries_per_buurt_they_replaced(hengelo_run):
    # A snapshot of every buurt's plan as the code read them one query per buurt (fixtures/toekomstplan/README.md).
    snapshot = (Path(__file__).parent / "fixtures" / "toekomstplan" / "hengelo_plans.json").read_text("utf-8")
    codes = list(json.loads(snapshot))
    plans = toekomstplan.Plans(hengelo_run, codes)
    now = {code: plans.plan(code) for code in codes}
    assert json.dumps(now, default=str, sort_keys=True, ensure_ascii=False) + "\n" == snapshot


def _plan(**fields):
    plan = {
        "code": "BU01500701",
        "name": "Rivierenbuurt",
        "wijk_name": "Wijk 7 Rivierenwijk en Bergweide",
        "gemeente_name": "Deventer",
        "fictional": True,
        "threshold": 3,
        "rounds": ["Interviews Deventer 2025 (fictief)", "Ronde 2"],
        "themes": [
            {"theme": "Geldzorgen", "cells": ["5", "–"]},
            {"theme": "Vertrouwen in instanties en de gemeente", "cells": ["te weinig", "3"]},
        ],
        "changes": [],
        "unheard": [],
        "years": [2020],
        "other_indeling": [],
        "figures": [{"title": "Aandeel inwoners 65 jaar of ouder", "cells": ["11,5"]}],
        "agreements": [],
        "duiding": link.WARME_DUIDING,
        "source": "Bron: CBS",
    }
    return plan | fields


def test_the_printed_plan_cuts_no_word_and_has_no_empty_label(tmp_path):
    """User test (Rivierenbuurt): "• : Nog geen afspraken vastgelegd.", a round heading cut to "Interviews Deven",
    and the warm reading glued to the line above it."""
    printed = toekomstplan._lines(_plan())
    lines = [" ".join([line.text, *line.cells]) for line in printed]
    said = " ".join(" ".join(lines).split())
    assert "Nog geen afspraken vastgelegd." in lines and ": Nog geen" not in said
    # Every word of the round's label and of a long theme is printed whole (wrapped over lines, not cut).
    for label in ["Interviews Deventer 2025 (fictief)", "Vertrouwen in instanties en de gemeente"]:
        assert all(re.search(rf"(^|\s){re.escape(word)}(\s|$)", said) for word in label.split()), label
    # The cells stay under their headings: every line of the themes' table has a cell per round (a heading's
    # upper line an empty label), each right-aligned at its round's edge, the same on every line.
    table = [line for line in printed if line.style in ("head", "row") and len(line.at) == 2]
    assert [line.text for line in table] == [
        "",
        "",
        "thema",
        "Geldzorgen",
        "Vertrouwen in instanties en de gemeente",
    ], table
    assert all(len(line.cells) == 2 and line.at == table[0].at for line in table), table
    assert table[0].at[0] < table[0].at[1] <= 0.93
    # A blank line before the warm reading.
    start = next(i for i, text in enumerate(lines) if text.startswith("Over deze cijfers"))
    assert lines[start - 1] == ""
    row = {"round": "1", "theme": "", "agreement": "Bankje terug.", "owner": "", "review": "", "followup": ""}
    assert toekomstplan.Line("• Bankje terug.", 9, "normal") in toekomstplan._lines(_plan(agreements=[row]))


def test_the_printed_plan_opens_as_its_page_and_draws_its_tables_in_the_pages_font(hengelo_run, tmp_path):
    """User test: the PDF lacked the page's opening paragraph, and its tables were in a typewriter font."""
    import pypdf

    paths = toekomstplan.write_plans(hengelo_run, tmp_path, buurten=["BU01640203"])
    html, pdf = (p for p in paths)
    assert f"<p>{toekomstplan.INTRO}</p>" in html.read_text(encoding="utf-8")
    reader = pypdf.PdfReader(pdf)
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert toekomstplan.INTRO in text
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in (page["/Resources"]["/Font"].get_object()).values()
        for font in [font.get_object()]
    }
    assert fonts and not any("Mono" in font for font in fonts), fonts


def test_the_page_and_the_pdf_say_the_same_of_the_themes_and_what_changed(hengelo_run, tmp_path):
    """Paper review: the page said ‘te weinig stemmen’ where the PDF and the cells say ‘te weinig’, and only the
    page had a heading over what changed between rounds."""
    import html as markup

    import pypdf

    html, pdf = toekomstplan.write_plans(hengelo_run, tmp_path, buurten=["BU01640203"])
    page = markup.unescape(re.sub(r"<[^>]+>", " ", html.read_text(encoding="utf-8")))
    page = " ".join(page.split())
    printed = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages).split())
    note = toekomstplan.themes_note(hengelo_run.project.privacy_threshold)
    assert "‘te weinig’" in note and "te weinig stemmen" not in note
    for said in (note, toekomstplan.CHANGES):
        assert said in page and said in printed, said
