"""Review AC of user test W: what a ``gemeente`` cell beside the place may hold besides a gemeente of the project.

A team fills the column with the province, ``nvt``, a code Excel cut short (``164`` for 0164), or a bracket that
sets a village apart from a gemeente of the same name (``Hengelo (Gld)``, a village of Bronckhorst, not Hengelo (O.)).
Checked on the sample's Hengelo (O.) (KWB 2024) and on Overijssel and Bronckhorst of the national KWB 2020.
"""

from __future__ import annotations

import pandas as pd
import pytest

from buurtdata.outputs._unplaced import dutch_reasons, fixes
from buurtdata.sources.interviews import resolve_locations
from tests.test_interviews import hengelo_regions
from tests.test_places_gemeente_column import KWB_2020, _place, kwb2020_regions, needs_kwb_2020


@pytest.fixture(scope="module")
def hengelo() -> pd.DataFrame:
    """The sample's Hengelo (O.), a project of one gemeente, as the KWB 2024 names it."""
    return hengelo_regions(postcodes=False)


_national = kwb2020_regions


def _in_hengelo(hengelo: pd.DataFrame, rows: list[tuple[str, object]]) -> pd.DataFrame:
    segments = pd.DataFrame(rows, columns=["location_raw", "location_gemeente"], dtype=object)
    return resolve_locations(segments, hengelo, gemeente="GM0164")


@needs_kwb_2020
def test_a_control_character_in_a_place_beside_a_gemeente_is_read_not_a_crash(overijssel):
    """Review AC 9: the place and its gemeente were joined with \\x1f and split on the first one: KeyError."""
    placed = _place(overijssel, [("Klein Driene\x1f", "Hengelo"), ("\x1fCentrum", "Deventer")])
    assert placed["resolved_by"].notna().all()
    assert placed["wijk_code"].tolist()[1] == "WK015001"


@pytest.mark.parametrize("cell", ["Overijssel", "Twente", "nvt", "n.v.t.", "NVT"])
def test_a_cell_that_names_no_gemeente_keeps_the_place_in_a_project_of_one_gemeente_with_a_note(hengelo, cell):
    """Review AC 4: 'Klein Driene' was placed without the column; with 'Overijssel' or 'nvt' beside it, nowhere."""
    row = _in_hengelo(hengelo, [("Klein Driene", cell)]).iloc[0]
    assert (row["buurt_code"], row["resolved_by"]) == ("BU01640203", "buurtnaam")
    assert f"the column gemeente ({cell!r}) names no gemeente; read without it" in row["reason"]


@pytest.mark.parametrize("cell", ["164", 164, 164.0, "164.0", "0164", "Hengelo Ov", "Hengelo O", "Hengelo Overijssel"])
def test_a_code_excel_cut_short_or_the_gemeente_with_its_province_is_that_gemeente(hengelo, cell):
    """Review AC 4: Excel drops the 0 of 0164; 'Hengelo Ov' is Hengelo in Overijssel, as CBS's 'Hengelo (O.)'."""
    row = _in_hengelo(hengelo, [("Klein Driene", cell)]).iloc[0]
    assert (row["buurt_code"], row["resolved_by"]) == ("BU01640203", "buurtnaam")
    assert pd.isna(row["reason"])


@needs_kwb_2020
def test_in_a_project_of_many_gemeenten_a_province_or_nvt_keeps_a_place_only_one_gemeente_has(overijssel):
    placed = _place(
        overijssel,
        [("Klein Driene", "Overijssel"), ("Klein Driene", "nvt"), ("Centrum", "150"), ("Centrum", "Overijssel")],
    )
    assert placed["buurt_code"].tolist()[:3] == ["BU01640203", "BU01640203", "BU01500101"]
    assert "the column gemeente ('Overijssel') names no gemeente; read without it" in placed["reason"][0]
    # A name two gemeenten share stays as it is without the column: not guessed.
    assert placed["resolved_by"][3] == "onbekend" and placed["reason"][3].startswith("ambiguous between")


@needs_kwb_2020
def test_a_gemeente_outside_the_project_in_the_column_still_places_nothing(overijssel):
    """'Enschede' names a gemeente, not nothing: Hengelo's Noord is not taken for the Noord of an Enschede team."""
    row = _place(overijssel, [("Noord", "Enschede")]).iloc[0]
    assert row["resolved_by"] == "onbekend" and pd.isna(row["wijk_code"])


@pytest.fixture(scope="module")
def two_hengelos() -> pd.DataFrame:
    """Hengelo (O.) and Bronckhorst, whose village Hengelo (Gld) is its wijk 'Wijk 00 Hengelo'."""
    if not KWB_2020.exists():
        pytest.skip("data/raw is not here")
    return _national(["GM0164", "GM1876"])


def _in_both(two_hengelos: pd.DataFrame, rows: list[tuple[str, str]]) -> pd.DataFrame:
    segments = pd.DataFrame(rows, columns=["location_raw", "location_gemeente"])
    return resolve_locations(segments, two_hengelos, gemeente=["GM0164", "GM1876"])


@pytest.mark.parametrize(
    "cell", ["Hengelo (Gld)", "Hengelo (Gld.)", "Hengelo (Gelderland)", "Hengelo Gld", "Hengelo, Gelderland"]
)
def test_hengelo_in_gelderland_is_never_read_as_hengelo_in_overijssel(two_hengelos, cell):
    """Review AC 6: the bracket was stripped, and 'Hengelo' named GM0164: Klein Driene was placed there silently."""
    placed = _in_both(two_hengelos, [("Klein Driene", cell), ("Hengelo", cell)])
    assert placed["resolved_by"][0] == "onbekend" and pd.isna(placed["wijk_code"][0])
    assert "Gelderland" in placed["reason"][0] and "Hengelo (O.)" in placed["reason"][0]
    assert placed["wijk_code"][1] == "WK187600"  # the village: Bronckhorst's Wijk 00 Hengelo


@pytest.mark.parametrize("cell", ["Hengelo (O.)", "Hengelo (O)", "Hengelo (Ov)", "Hengelo Ov.", "Hengelo, Overijssel"])
def test_hengelo_in_overijssel_is_hengelo_o(two_hengelos, cell):
    row = _in_both(two_hengelos, [("Klein Driene", cell)]).iloc[0]
    assert row["buurt_code"] == "BU01640203" and pd.isna(row["reason"])


def test_hengelo_in_gelderland_beside_a_place_of_the_one_hengelo_of_a_project_is_not_placed(hengelo):
    row = _in_hengelo(hengelo, [("Klein Driene", "Hengelo (Gld)")]).iloc[0]
    assert row["resolved_by"] == "onbekend"
    assert row["reason"].startswith("no match: 'Hengelo (Gld)' in the column gemeente is Hengelo in Gelderland, ")


@needs_kwb_2020
def test_the_dutch_of_the_column_reads_well_aloud(overijssel):
    """Review AC 11: 'plaats ligt in een andere gemeente dan de kolom gemeente' said a place lies in a column."""
    placed = _place(overijssel, [("Noord", "Zwolle"), ("BU01500101", "Zwolle"), ("Centrum", "Enschede")])
    said = dutch_reasons(placed["reason"], many=True).tolist()
    assert said == [
        "deze plaats is er niet in de gemeente die erbij staat",
        "de plaats ligt in een andere gemeente dan die erbij staat",
        "wat erbij staat als gemeente is geen gemeente van dit project",
    ]
    assert fixes(placed["reason"], pd.Series(said))[1] == (
        "verbeter de plaats of de gemeente erbij, zodat de plaats in die gemeente ligt"
    )


@needs_kwb_2020
def test_hengelo_in_gelderland_is_the_village_in_a_national_project_too():
    """Of all of the Netherlands, 'Hengelo (Gld)' is looked up outside Hengelo (O.): Bronckhorst's village."""
    national = kwb2020_regions()
    segments = pd.DataFrame({"location_raw": ["Hengelo", "Klein Driene"], "location_gemeente": ["Hengelo (Gld)"] * 2})
    placed = resolve_locations(segments, national, gemeente="NL")
    assert placed["wijk_code"][0] == "WK187600" and "in Bronckhorst:" in placed["reason"][0]
    assert placed["resolved_by"][1] == "onbekend" and "Hengelo in Gelderland" in placed["reason"][1]


@needs_kwb_2020
@pytest.mark.parametrize("cell", ["Deventer; Dinkelland", "Deventer/Dinkelland", "Deventer en Dinkelland"])
def test_two_gemeenten_in_the_cell_look_the_place_up_in_either(overijssel, cell):
    """Review AC 4 (many gemeenten): 'Amsterdam; Ermelo' named none; a name only one of them has is placed there."""
    placed = _place(overijssel, [("De Hoven", cell), ("Centrum", cell)])
    assert placed["buurt_code"][0] == "BU01500201"
    assert placed["resolved_by"][1] == "onbekend" and placed["reason"][1].startswith("ambiguous between")


@needs_kwb_2020
def test_the_warning_of_a_round_mostly_unplaced_names_the_gemeente_column_when_that_is_why(overijssel, tmp_path):
    """Review AC 4: 'all N segments are placed in no buurt (... no match N)' did not say the column was the cause."""
    from types import SimpleNamespace

    from buurtdata.pipeline import rounds

    segments = _place(overijssel, [("Noord", "Zwolle"), ("Centrum", "Enschede"), ("Colmschate", "Deventer")])
    one = SimpleNamespace(current=True, label="", segments=tmp_path / "gesprekken.csv")
    with pytest.warns(rounds.UnplacedRoundWarning) as said:
        rounds.warn_unplaced(one, segments, SimpleNamespace(path=tmp_path / "project.toml"))
    assert "; 2 of them because of the column gemeente beside the place: see the reason of each." in str(
        said[0].message
    )
