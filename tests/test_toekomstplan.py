"""The buurttoekomstplan: themes over the rounds, figures over the years, agreements and their follow-up."""

from __future__ import annotations

import json
from pathlib import Path

from buurtdata.outputs import toekomstplan


def test_a_plan_gathers_rounds_years_and_agreements(hengelo_run, tmp_path):
    paths = toekomstplan.write_plans(hengelo_run, tmp_path, buurten=["BU01640203"])
    assert [p.suffix for p in paths] == [".html", ".pdf"]
    html = paths[0].read_text(encoding="utf-8")
    assert "Buurttoekomstplan Klein Driene" in html and "FICTIEF" in html
    assert "najaar 2023" in html and "voorjaar 2025" in html and "<th>2020</th>" in html
    assert "Met jongeren een plek zoeken om te sporten na schooltijd." in html
    assert "Meer mensen noemen dit thema nu (3 → 4)" in html
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
