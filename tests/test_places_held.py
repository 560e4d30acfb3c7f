"""A national project's places (user test N): buurt names many gemeenten share are looked up first where the
interviews were held ([interviews] gemeenten); an ambiguous name says how to write each place it may be; a
gemeente not built competes for a name; a bracket that names no gemeente leaves the name alone to say where."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from buurtdata._errors import ValidationError
from buurtdata.pipeline import rounds
from buurtdata.project import Project
from buurtdata.sources.interviews import resolve_locations
from buurtdata.sources.interviews.gazetteer import Refused
from tests.test_rounds import _beside

COLUMNS = ["code", "level", "name", "gemeente_code", "wijk_code", "postcode"]


def _gemeente(code: str, name: str, *buurten: str) -> list[tuple]:
    digits = code[2:]
    rows = [
        (code, "gemeente", name, code, None, None),
        (f"WK{digits}01", "wijk", f"Wijk 01 {name} Oost", code, None, None),
    ]
    return rows + [(f"BU{digits}01{i:02}", "buurt", b, code, f"WK{digits}01", None) for i, b in enumerate(buurten)]


#: Hengelo, Zeist and Deventer as a national build knows them; Binnenstad-Centrum and De Hoven in two of them.
BUILT = pd.DataFrame(
    _gemeente("GM0164", "Hengelo", "Binnenstad-Centrum", "De Hoven", "Tichelwerk")
    + _gemeente("GM0355", "Zeist", "Binnenstad-Centrum", "Kerckebosch")
    + _gemeente("GM0150", "Deventer", "De Hoven", "Rode Dorp")
    + _gemeente("GM0794", "Helmond", "De Veste"),
    columns=COLUMNS,
)
#: Leeuwarden (with Stiens) and Lelystad (with a De Veste), refused.
ASIDE = pd.DataFrame(
    _gemeente("GM0080", "Leeuwarden", "Stiens") + _gemeente("GM0995", "Lelystad", "De Veste"), columns=COLUMNS
)
WHY = {"GM0080": "GM0080 Leeuwarden: no polygons (see gemeenten.csv)", "GM0995": "GM0995 Lelystad: no polygons"}


def _place(locations: list[str], **kwargs) -> pd.DataFrame:
    kwargs.setdefault("refused", Refused(WHY, regions=ASIDE))
    return resolve_locations(pd.DataFrame({"location_raw": locations}), BUILT, gemeente="NL", **kwargs)


def test_a_name_of_several_gemeenten_says_how_to_write_each_and_each_form_places():
    placed = _place(["Binnenstad-Centrum", "Binnenstad-Centrum (Hengelo)", "Binnenstad-Centrum, Zeist"])
    assert placed.loc[0, "resolved_by"] == "onbekend"
    assert placed.loc[0, "reason"] == (
        "ambiguous between buurt 'Binnenstad-Centrum' (BU01640100) and buurt 'Binnenstad-Centrum' (BU03550100); "
        "write 'Binnenstad-Centrum (Hengelo)' or 'Binnenstad-Centrum (Zeist)', or the buurt code"
    )
    assert placed["buurt_code"].iloc[1:].tolist() == ["BU01640100", "BU03550100"]


def test_a_name_of_many_gemeenten_shows_a_few_forms_and_counts_the_rest():
    many = pd.concat(
        [
            BUILT,
            *(pd.DataFrame(_gemeente(f"GM0{n}", f"Plaats{n}", "Centrum"), columns=COLUMNS) for n in range(400, 408)),
        ],
        ignore_index=True,
    )
    reason = resolve_locations(pd.DataFrame({"location_raw": ["Centrum"]}), many, gemeente="NL").loc[0, "reason"]
    assert reason.startswith("ambiguous between buurt 'Centrum' (BU04000100), ") and " and 3 more; " in reason
    assert reason.endswith("'Centrum (Plaats402)' and 5 more, or the buurt code")


@pytest.mark.parametrize("held", [["GM0164", "GM0150"], ["Hengelo", "deventer"], ["gm 0164", "Deventer"]])
def test_names_are_looked_up_where_the_interviews_were_held_first(held):
    locations = ["Binnenstad-Centrum", "De Hoven", "Kerckebosch", "Binnenstad-Centrum (Zeist)", "BU03550101"]
    placed = _place(locations, held_in=held)
    # Binnenstad-Centrum is Hengelo's, but De Hoven is in both gemeenten held: still ambiguous, said how to write.
    assert placed.loc[0, "buurt_code"] == "BU01640100" and pd.isna(placed.loc[0, "reason"])
    assert placed.loc[1, "reason"] == (
        "ambiguous between buurt 'De Hoven' (BU01500100) and buurt 'De Hoven' (BU01640101); "
        "write 'De Hoven (Deventer)' or 'De Hoven (Hengelo)', or the buurt code"
    )
    # A name none of them has, a name with its gemeente and a code are placed anywhere; the first says so.
    assert placed["buurt_code"].iloc[2:].tolist() == ["BU03550101", "BU03550100", "BU03550101"]
    assert placed.loc[2, "reason"] == (
        "'Kerckebosch' is no name in Deventer and Hengelo, where the interviews were held: read in GM0355 Zeist"
    )


def test_a_name_not_found_in_the_gemeente_its_cell_names_says_that_gemeente_also_where_held():
    # Review: a cell naming the one gemeente held was told as if only the name were written ("... of Nederland").
    placed = _place(["Xyz (Hengelo)", "Xyz"], held_in=["GM0164"])
    assert placed["reason"].tolist() == [
        "no match: 'Xyz' is no buurt or wijk name of Hengelo",
        "no match: 'Xyz' is no buurt or wijk name, code or postcode of Nederland",
    ]


def test_a_name_a_refused_gemeente_also_has_is_ambiguous_unless_held_elsewhere():
    # User test N: Lelystad's De Veste (Lelystad not built) was counted in Helmond's.
    placed = _place(["De Veste", "De Veste (Helmond)"])
    assert placed.loc[0, "resolved_by"] == "onbekend" and pd.isna(placed.loc[0, "buurt_code"])
    assert placed.loc[0, "reason"] == (
        "ambiguous between buurt 'De Veste' (BU07940100) and buurt 'De Veste' (BU09950100) in GM0995 (not built); "
        "write 'De Veste (Helmond)' for the one built, or the buurt code"
    )
    assert placed.loc[1, "buurt_code"] == "BU07940100"
    assert _place(["De Veste"], held_in=["Helmond"]).loc[0, "buurt_code"] == "BU07940100"
    lelystad = _place(["De Veste"], held_in=["GM0995", "GM0164"]).loc[0]
    assert lelystad["resolved_by"] == "onbekend" and lelystad["reason"] == f"gemeente not built: {WHY['GM0995']}"


def test_a_bracket_that_names_no_gemeente_leaves_the_name_alone_to_say_where():
    placed = _place(["Stiens (Leeuwarderadeel)", "Tichelwerk (Borne)", "Rode Dorp, Bathmen"])
    assert placed.loc[0, "reason"] == f"gemeente not built: {WHY['GM0080']}"
    assert placed["buurt_code"].iloc[1:].tolist() == ["BU01640102", "BU01500101"]
    assert placed.loc[1, "reason"] == "'Borne' is no gemeente of the figures, so 'Tichelwerk' was looked up alone"


def test_gemeenten_held_that_name_no_gemeente_are_refused_with_the_closest():
    with pytest.raises(ValidationError) as error:
        _place(["Tichelwerk"], held_in=["GM0165", "Deventr", "Lelystad", "Nergenshuizen"])
    assert error.value.problems == [
        "gemeenten: 'GM0165' is no gemeente of the figures; did you mean GM0164 Hengelo?",
        "gemeenten: 'Deventr' is no gemeente of the figures; did you mean GM0150 Deventer?",
        "gemeenten: 'Nergenshuizen' is no gemeente of the figures",
    ]


def test_the_project_file_reads_where_each_round_was_held(tmp_path: Path):
    from tests.test_rounds import SAMPLE

    text = (SAMPLE / "project.toml").read_text(encoding="utf-8")
    held = text.replace("\n[interviews]\n", '\n[interviews]\ngemeenten = ["gm0164", "Hengelo"]\n', 1)
    held = re.sub(r"(\n\[\[rounds\]\]\n)", r'\1gemeenten = ["GM0164"]\n', held, count=1)
    project = Project.load(_beside(tmp_path, held))
    assert [r.gemeenten for r in project.rounds] == [("GM0164",), ("GM0164", "Hengelo")]
    wrong = held.replace('gemeenten = ["gm0164", "Hengelo"]', 'gemeenten = ["GM16", 3]')
    (tmp_path / "hengelo" / "project.toml").write_text(wrong, encoding="utf-8")
    with pytest.raises(ValidationError, match=r"\[interviews\]\.gemeenten = \['GM16', 3\]: expected a list of"):
        Project.load(tmp_path / "hengelo" / "project.toml")


def test_a_round_with_many_ambiguous_places_is_warned_of_with_the_fix(tmp_path: Path):
    reasons = ["ambiguous between buurt 'De Hoven' (BU01500100) and ..."] * 2 + [None] * 18
    segments = pd.DataFrame({"resolved_by": ["onbekend"] * 2 + ["buurtnaam"] * 18, "reason": reasons})
    one = SimpleNamespace(current=True, label="", segments=tmp_path / "s.csv", gemeenten=())
    project = SimpleNamespace(path=tmp_path / "project.toml", gemeenten=())
    with pytest.warns(rounds.AmbiguousPlacesWarning) as said:
        rounds.warn_ambiguous(one, segments, project)
    assert str(said[0].message) == (
        "[interviews], s.csv: 2 of 20 segments name a place several buurten or wijken are called, and are placed in "
        'none; say where the interviews were held in [interviews]: gemeenten = ["GM0164", ...] (codes or names), or, '
        "when they were held in every gemeente, write the gemeente beside each place: in a column gemeente, or after "
        "the name ('Centrum (Hengelo)')."
    )
    rounds.warn_ambiguous(one, pd.concat([segments, segments.iloc[2:]]), project)  # 2 of 38: no warning


def test_a_name_written_exactly_elsewhere_is_not_read_as_a_typo_where_the_interviews_were_held():
    # Review r: 'Kerkbuurt Noord' (a buurt of Zeist here) was read as a typo of Hengelo's 'Kerkebuurt Noord', where
    # the interviews were held; a misspelling of the held gemeente's own name is still read there.
    regions = pd.DataFrame(
        _gemeente("GM0164", "Hengelo", "Kerkebuurt Noord", "Tichelwerk")
        + _gemeente("GM0355", "Zeist", "Kerkbuurt Noord", "Kerckebosch"),
        columns=COLUMNS,
    )
    placed = resolve_locations(
        pd.DataFrame({"location_raw": ["Kerkbuurt Noord", "Kerkebuurt Noord", "Tichelwrek"]}),
        regions,
        gemeente=["GM0164", "GM0355"],
        held_in=["GM0164"],
    )
    assert placed["buurt_code"].tolist() == ["BU03550100", "BU01640100", "BU01640101"]
    assert "where the interviews were held" in placed.loc[0, "reason"]


def test_a_gazetteer_handed_to_a_second_call_holds_only_that_calls_gemeenten():
    """review11 L3: held_in sets where the interviews were held; a gazetteer made once and handed to two calls
    held the first call's gemeenten too, and 'De Hoven' was then ambiguous instead of Deventer's."""
    from buurtdata.sources.interviews.places import gazetteer_for

    refused = Refused(WHY, regions=ASIDE)
    made = gazetteer_for(BUILT, "NL", refused)
    first = _place(["De Hoven"], held_in=["GM0164"], gazetteer=made, refused=refused)
    second = _place(["De Hoven"], held_in=["GM0150"], gazetteer=made, refused=refused)
    assert (first.loc[0, "buurt_code"], second.loc[0, "buurt_code"]) == ("BU01640101", "BU01500100")
    assert second.equals(_place(["De Hoven"], held_in=["GM0150"], refused=refused))
