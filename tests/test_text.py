"""Texts written once: what every page says the same way (buurtdata/_text.py, buurtdata/_errors.py)."""

from __future__ import annotations

import re

import geopandas as gpd
import pandas as pd
import pypdf
import pytest
import spoken
from shapely.geometry import box

from buurtdata._errors import did_you_mean, few
from buurtdata._text import FICTIONAL, FICTIONAL_MAP, FICTIONAL_PLAN, bound, elsewhere, fictional_label, name_or_code
from buurtdata.outputs import _map_key, _wall_sheet, explore, handout, handout_index, maps, toekomstplan

NBSP = "\u00a0"


def _grid(count: int) -> gpd.GeoDataFrame:
    """``count`` square buurten in rows of 20."""
    cells = [box(i % 20, i // 20, i % 20 + 1, i // 20 + 1) for i in range(count)]
    return gpd.GeoDataFrame({"code": [f"BU0999{i:04d}" for i in range(count)], "name": "Blok"}, geometry=cells)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In 2024 werden er meer", "In 2024 werden er meer"),
        ("Sinds 2019 is het stil", "Sinds 2019 is het stil"),
        ("15 jaar en 65 jaar of ouder", f"15{NBSP}jaar en 65{NBSP}jaar of ouder"),
        ("van 2020 tot 2024", f"van 2020{NBSP}tot{NBSP}2024"),
        ("in 2024 %", f"in 2024{NBSP}%"),
        ("2.024 mensen, 12024 inwoners", f"2.024{NBSP}mensen, 12024{NBSP}inwoners"),
        ("1899 jaar, 2100 jaar", f"1899{NBSP}jaar, 2100{NBSP}jaar"),
    ],
)
def test_a_year_does_not_glue_the_next_word_but_a_number_keeps_its_unit(text, expected):
    assert bound(text) == expected


def test_a_name_or_else_its_code():
    assert name_or_code("Klein Driene", "BU01640203") == "Klein Driene"
    assert [name_or_code(name, "BU1") for name in (None, float("nan"), "", "  ")] == ["BU1"] * 4


def test_a_long_list_names_five_and_counts_the_rest():
    assert few([]) == "" and few(["a"]) == "a" and few(list("abcde")) == "a, b, c, d, e"
    assert few(list("abcdef")) == "a, b, c, d, e and 1 more"
    assert few([str(n) for n in range(20)], 8) == "0, 1, 2, 3, 4, 5, 6, 7 and 12 more"


def test_an_unknown_word_gets_the_closest_known_one_or_the_list_when_asked():
    known = frozenset({"label", "segments", "codebook"})
    assert did_you_mean("segmets", known) == "; did you mean 'segments'?"
    assert did_you_mean("xyz", known) == ""
    assert did_you_mean("xyz", known, listed=True) == "; known keys: codebook, label, segments"


@pytest.mark.parametrize(
    ("what", "where", "more", "expected"),
    [
        ("3 vragen", "blad 2", True, "nog 3 vragen: zie blad 2"),
        ("1 afspraak", "het buurttoekomstplan", False, "1 afspraak: zie het buurttoekomstplan"),
    ],
)
def test_more_elsewhere_is_said_one_way(what, where, more, expected):
    said = elsewhere(what, where, more=more)
    assert said == expected and not spoken.problems(said)


def test_a_map_too_full_says_so_in_one_sentence_whether_it_numbers_or_names():
    count = maps.WALL_MAP_BUURTEN + 1
    wall = _wall_sheet.draw(_grid(count), {}, pd.Series(dtype=float), wijken=[], title="T", source="Bron: CBS")
    said = " ".join(t.get_text() for t in wall.texts).replace("\n", " ")
    assert f"{_map_key.too_full(count, _map_key.NAMES)} Op de wandkaart van elke wijk staan ze," in said
    assert _map_key.unnumbered_note(count).startswith(_map_key.too_full(count, _map_key.NUMBERS))
    # Said once, in one sense: "noemen" is what people did, never what the map does.
    note = " ".join(t.get_text() for t in wall.texts if "te vol" in t.get_text() or "wandkaart" in t.get_text())
    assert note.count("noem") == 1, note


def _fictional(texts: list[str]) -> list[str]:
    """The sentences of ``texts`` that say the interviews are made up, wrapped lines joined."""
    said = " ".join(" ".join(text.split()) for text in texts)
    return re.findall(r"VOORBEELD:.*?\(CBS\)\.", said)


def test_the_fictional_sentence_is_the_same_on_handout_wall_map_index_toekomstplan_and_notebook(
    hengelo, hengelo_run, tmp_path
):
    assert hengelo.interviews.fictional
    book = handout._Book.collect(hengelo, hengelo_run)
    sheet = book.printer.draw(book.handout("BU01640203"))
    wall = _wall_sheet.draw(
        _grid(12), {}, pd.Series(dtype=float), wijken=[], title="T", source="B", fictional=FICTIONAL_MAP
    )
    cover = handout_index._cover(book, "Hengelo", "Bron: CBS", 3, 0)
    index = handout_index._html(book, ["BU01640203"], [], png=False)
    html, pdf = toekomstplan.write_plans(hengelo_run, tmp_path, buurten=["BU01640203"])
    plan_pages = [page.extract_text() for page in pypdf.PdfReader(pdf).pages]
    said = {
        "handout": _fictional([t.get_text() for t in sheet.texts]),
        "wall map": _fictional([t.get_text() for t in wall.texts]),
        "index cover": _fictional([t.get_text() for t in cover.texts]),
        "index page": _fictional([index]),
        "toekomstplan": _fictional([html.read_text(encoding="utf-8")]),
        "toekomstplan pdf": _fictional(plan_pages),
        "notebook": _fictional([explore.fictional_notice(hengelo_run).data]),
    }
    # The plan is mostly the agreements made in the conversations, made up with the interviews: it says both. A
    # wall map's numbers are all counts of the interviews: only its borders and names are CBS's.
    plans = {page: said.pop(page) for page in ("toekomstplan", "toekomstplan pdf")}
    assert said.pop("wall map") == [FICTIONAL_MAP]
    assert said == dict.fromkeys(said, [FICTIONAL])
    assert plans == dict.fromkeys(plans, [FICTIONAL_PLAN])
    assert FICTIONAL_PLAN.replace(" en afspraken", "") == FICTIONAL
    assert FICTIONAL_MAP.startswith(FICTIONAL.split(";")[0]) and FICTIONAL_MAP.endswith("zijn echt (CBS).")


def test_a_page_whose_numbers_are_interview_counts_does_not_say_its_figures_are_real():
    # RULE: the fictional sentence on a page whose numbers are interview counts must not say the figures are real.
    assert not spoken.fictional_counts_called_real(FICTIONAL_MAP)
    assert spoken.fictional_counts_called_real(FICTIONAL)
    assert not spoken.problems(FICTIONAL_MAP)
    assert fictional_label("Interviews") == "Interviews (fictief, geen echte personen)"
