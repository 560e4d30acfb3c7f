"""Review AC 5 and 10 of user test W: the afspraken's ``gemeente`` column is read as the interviews' is.

The agreements glued the cell as written after the buurt (``Centrum (GM0150)``) and refused the row quoting that,
a value nobody wrote; and a gemeente's name found anywhere inside the buurt's (``ede`` in ``staatsliedenbuurt``)
switched the column off, so the buurt was read in another gemeente. Real CBS regions (the sample's Hengelo (O.), KWB
2024; Overijssel, Ede and Utrecht of the national KWB 2020); every agreement row is FICTIEF.
"""

from __future__ import annotations

import pandas as pd
import pytest

from buurtdata._errors import ValidationError
from buurtdata.sources.agreements import read_agreements
from buurtdata.sources.interviews.one_buurt import BuurtReadLooselyWarning
from tests import test_places_gemeente_cell as cells
from tests.test_places_gemeente_column import KWB_2020, OVERIJSSEL

hengelo = cells.hengelo
needs_kwb_2020 = pytest.mark.skipif(not KWB_2020.exists(), reason="data/raw is not here")


def _agreements(tmp_path, regions: pd.DataFrame, gemeenten: list[str], rows: list[tuple[str, str]], header="gemeente"):
    sheet = tmp_path / "afspraken.csv"
    sheet.write_text(
        f"# FICTIEF\n{header},buurt,thema,afspraak,wie,terugkijken\n"
        + "".join(f"{g},{b},Wonen,Een bankje (FICTIEF),wijkteam,2025-04-01\n" for g, b in rows),
        encoding="utf-8",
    )
    return read_agreements(sheet, buurten=regions, themes={"Wonen": "Wonen"}, gemeente=gemeenten)


@needs_kwb_2020
@pytest.mark.parametrize("cell", ["Deventer", "GM0150", "gm0150", "0150", "150", "Gemeente Deventer"])
def test_the_gemeente_column_of_the_agreements_takes_what_the_interviews_take(tmp_path, overijssel, cell):
    found = _agreements(tmp_path, overijssel, OVERIJSSEL, [(cell, "Centrum")])
    assert found["code"].tolist() == ["BU01500101"]


@needs_kwb_2020
def test_a_misspelt_gemeente_in_the_column_is_read_as_the_one_it_is_like_and_told(tmp_path, overijssel):
    with pytest.warns(BuurtReadLooselyWarning, match=r"row 3: 'Deveter' read as gemeente 'Deventer' \(GM0150\)"):
        found = _agreements(tmp_path, overijssel, OVERIJSSEL, [("Deveter", "Centrum")])
    assert found["code"].tolist() == ["BU01500101"]


@needs_kwb_2020
def test_the_column_may_be_called_municipality_as_in_the_interview_template(tmp_path, overijssel):
    found = _agreements(tmp_path, overijssel, OVERIJSSEL, [("Dinkelland", "Centrum")], header="municipality")
    assert found["code"].tolist() == ["BU17741010"]


@pytest.mark.parametrize("cell", ["Hengelo (O)", "Hengelo (O.)", "0164", "164", "Hengelo Ov", "nvt", "Overijssel", "-"])
def test_a_project_of_one_gemeente_reads_its_gemeente_or_nothing_in_the_column(tmp_path, hengelo, cell):
    assert _agreements(tmp_path, hengelo, ["GM0164"], [(cell, "Klein Driene")])["code"].tolist() == ["BU01640203"]


@pytest.mark.parametrize(
    ("cell", "is_said"),
    [
        ("Enschede", "is no gemeente of this project (GM0164 Hengelo (O.))"),
        ("Hengelo (Gld)", "is Hengelo in Gelderland, not Hengelo (O.) (GM0164)"),
        ("GM0153", "is no gemeente of this project (GM0164 Hengelo (O.))"),
    ],
)
def test_a_cell_that_names_no_gemeente_of_the_project_is_its_own_error(tmp_path, hengelo, cell, is_said):
    """The message names the file, the row, the column gemeente, the value as written and the fix."""
    with pytest.raises(ValidationError) as raised:
        _agreements(tmp_path, hengelo, ["GM0164"], [(cell, "Klein Driene")])
    message = str(raised.value)
    assert f"afspraken.csv, row 3: the value {cell!r} in the column gemeente {is_said}; " in message
    assert "write the gemeente as CBS names it or its code (GM...), or leave the cell empty" in message
    assert "Klein Driene (" not in message  # no value the user never wrote


@needs_kwb_2020
@pytest.mark.parametrize(
    ("cell", "buurt", "lies_in"),
    [
        ("Deventer", "Centrum (Dinkelland)", "Dinkelland"),
        ("Dinkelland", "Centrum Deventer", "Deventer"),
        ("Zwolle", "BU01500101", "Deventer"),
    ],
)
def test_a_buurt_of_another_gemeente_than_its_column_says_is_refused_naming_both(
    tmp_path, overijssel, cell, buurt, lies_in
):
    with pytest.raises(ValidationError) as raised:
        _agreements(tmp_path, overijssel, OVERIJSSEL, [(cell, buurt)])
    assert f"row 3: buurt {buurt!r} lies in {lies_in}" in str(raised.value)
    assert f"the column gemeente says {cell!r}" in str(raised.value)


@needs_kwb_2020
@pytest.mark.parametrize("buurt", ["Centrum Deventer", "Deventer Centrum", "Centrum (Deventer)", "WK015001"])
def test_a_buurt_written_with_its_gemeente_or_a_wijk_code_is_not_glued_again(tmp_path, overijssel, buurt):
    try:
        found = _agreements(tmp_path, overijssel, OVERIJSSEL, [("Deventer", buurt)])
    except ValidationError as error:  # a wijk is refused as a wijk, by its own code
        assert f"'{buurt} (" not in str(error) and "is wijk" in str(error)
    else:
        assert found["code"].tolist() == ["BU01500101"]


@needs_kwb_2020
def test_a_gemeente_whose_name_is_inside_the_buurt_name_is_still_read(tmp_path):
    """Review AC 10: 'ede' is inside 'staatsliedenbuurt'; the row was read without Ede and placed in Utrecht."""
    regions = cells._national(["GM0228", "GM0344"])
    with pytest.raises(ValidationError, match=r"row 3: .*Staatsliedenbuurt.*Ede"):
        _agreements(tmp_path, regions, ["GM0228", "GM0344"], [("Ede", "Staatsliedenbuurt")])
    found = _agreements(tmp_path, regions, ["GM0228", "GM0344"], [("Utrecht", "Staatsliedenbuurt")])
    assert found["code"].tolist() == ["BU03440413"]


def test_a_name_or_e_mail_address_in_the_gemeente_column_is_not_repeated(tmp_path, hengelo):
    """A shifted column puts what 'wie' holds under gemeente: the message says the row, never the value."""
    with pytest.raises(ValidationError) as raised:
        _agreements(tmp_path, hengelo, ["GM0164"], [("anneke@example.nl", "Klein Driene")])
    assert "anneke" not in str(raised.value) and "row 3: the value (a name" in str(raised.value)


@needs_kwb_2020
def test_each_distinct_cell_and_buurt_of_the_column_is_read_once(tmp_path, overijssel, monkeypatch):
    """A file of many rows reads each distinct gemeente cell once, and tests each buurt against the gemeenten' names
    once, not once per row; every row is read as before."""
    from buurtdata.sources import agreements_gemeente

    rows = [("Deventer", "Centrum"), ("Dinkelland", "Centrum"), ("Deventer", "Centrum Deventer")] * 20
    before = _agreements(tmp_path, overijssel, OVERIJSSEL, rows)
    read, tested = [], []
    read_cell, written_with = agreements_gemeente.read_cell, agreements_gemeente._written_with
    monkeypatch.setattr(agreements_gemeente, "read_cell", lambda g, cell: read.append(cell) or read_cell(g, cell))
    monkeypatch.setattr(agreements_gemeente, "_written_with", lambda b, n: tested.append((b, n)) or written_with(b, n))
    after = _agreements(tmp_path, overijssel, OVERIJSSEL, rows)
    assert sorted(read) == ["Deventer", "Dinkelland"]
    assert len(tested) == len(set(tested))
    pd.testing.assert_frame_equal(after, before)
    assert after["code"].tolist()[:3] == ["BU01500101", "BU17741010", "BU01500101"]


@needs_kwb_2020
def test_the_gazetteer_is_built_once_for_the_column_and_the_buurten_it_glues(tmp_path, overijssel, monkeypatch):
    """The gemeente column's cells and the buurten read loosely after it (``Centrum (Deventer)``) are read with one
    gazetteer, not one each."""
    from buurtdata.sources.interviews.gazetteer import Gazetteer

    built = []
    from_regions = Gazetteer.from_regions
    monkeypatch.setattr(Gazetteer, "from_regions", lambda *args: built.append(args) or from_regions(*args))
    found = _agreements(tmp_path, overijssel, OVERIJSSEL, [("Deventer", "Centrum"), ("Dinkelland", "Centrum")])
    assert found["code"].tolist() == ["BU01500101", "BU17741010"]
    assert len(built) == 1
