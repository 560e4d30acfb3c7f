"""Review AD of the gemeente column beside the place (interviews, QDA exports and the afspraken read it alike).

Gemeenten written with a space for a hyphen (``Midden Groningen``), two gemeenten with a comma between them, ``Den
Haag``, national projects, cells that name nothing (``Provincie Overijssel``, ``#N/A``, ``idem``), the Dutch uitleg
of what the column caused, and long or full-width cells. Real CBS regions: the national KWB 2020 in data/raw and the
sample's Hengelo (O.) (KWB 2024). Every afspraken row is FICTIEF.
"""

from __future__ import annotations

import pandas as pd
import pytest

from buurtdata._errors import ValidationError
from buurtdata.outputs._unplaced import dutch_reasons
from buurtdata.sources.interviews import resolve_locations
from buurtdata.sources.interviews.gemeente_column import read_cell
from buurtdata.sources.interviews.places import gazetteer_for
from tests import test_agreements_gemeente_column as agreements
from tests import test_places_gemeente_cell as cells
from tests.test_places_gemeente_column import KWB_2020, OVERIJSSEL, _place, kwb2020_regions

hengelo = cells.hengelo
needs_kwb_2020 = pytest.mark.skipif(not KWB_2020.exists(), reason="data/raw is not here")


@pytest.fixture(scope="module")
def national() -> pd.DataFrame:
    """Every gemeente, wijk and buurt of the KWB 2020."""
    if not KWB_2020.exists():
        pytest.skip("data/raw is not here")
    return kwb2020_regions()


# Review AD 1: the last word was read as a province, and 'Midden' or 'Súdwest' alone named no gemeente.
SPACED = {
    "Midden Groningen": "GM1952",
    "Midden Drenthe": "GM1731",
    "Súdwest Fryslân": "GM1900",
    "Sudwest Fryslan": "GM1900",
    "Noardeast Fryslân": "GM1970",
    "Midden Delfland": "GM1842",
}


@needs_kwb_2020
@pytest.mark.parametrize(("cell", "code"), SPACED.items())
def test_a_gemeente_written_with_a_space_for_its_hyphen_is_read_though_its_last_word_is_a_province(
    national, cell, code
):
    project = sorted(set(SPACED.values()))
    assert read_cell(gazetteer_for(national[national["gemeente_code"].isin(project)], project, {}), cell).gemeenten == {
        code
    }
    assert read_cell(gazetteer_for(national, "NL", {}), cell).gemeenten == {code}


# Review AD 3: 'Deventer, Dinkelland' was placed in Deventer, 'Dinkelland, Deventer' in Dinkelland, silently.
@needs_kwb_2020
@pytest.mark.parametrize(
    "cell",
    [
        "Deventer, Dinkelland",
        "Dinkelland, Deventer",
        "Deventer,Dinkelland",
        "Deventer, Dinkelland, Overijssel",
        "Deventer - Dinkelland",
        "Deventer|Dinkelland",
    ],
)
def test_two_gemeenten_with_a_comma_between_are_both_read_as_with_a_semicolon(overijssel, cell):
    placed = _place(overijssel, [("De Hoven", cell), ("Centrum", cell)])
    assert placed["buurt_code"][0] == "BU01500201"
    assert placed["resolved_by"][1] == "onbekend" and placed["reason"][1].startswith("ambiguous between")
    assert "BU01500101" in placed["reason"][1] and "BU17741010" in placed["reason"][1]


@needs_kwb_2020
def test_a_province_or_nothing_after_the_comma_keeps_the_one_gemeente(overijssel):
    placed = _place(overijssel, [("Centrum", "Deventer, Overijssel"), ("Centrum", "Deventer; nvt")])
    assert placed["buurt_code"].tolist() == ["BU01500101", "BU01500101"]


@needs_kwb_2020
def test_two_gemeenten_with_a_comma_in_the_afspraken(tmp_path, overijssel):
    with pytest.raises(ValidationError, match=r"buurt 'Centrum' is the name of 2 buurten \(BU01500101, BU17741010\)"):
        agreements._agreements(tmp_path, overijssel, OVERIJSSEL, [('"Deventer, Dinkelland"', "Centrum")])


# Review AD 6: 'Den Haag' was none of the project's gemeenten, though [project] gemeenten takes it.
@needs_kwb_2020
@pytest.mark.parametrize(
    ("project", "cell", "code"),
    [(["GM0518", "GM0603"], "Den Haag", "GM0518"), (["GM0518", "GM0603"], "den haag", "GM0518")]
    + [(["GM0796", "GM0855"], "Den Bosch", "GM0796")],
)
def test_den_haag_and_den_bosch_are_read_in_the_column(national, project, cell, code):
    regions = national[national["gemeente_code"].isin(project)]
    assert read_cell(gazetteer_for(regions, project, {}), cell).gemeenten == {code}


def test_the_afspraken_error_says_the_value_in_the_column_plainly(tmp_path, hengelo):
    with pytest.raises(ValidationError) as raised:
        agreements._agreements(tmp_path, hengelo, ["GM0164"], [("Enschede", "Klein Driene")])
    message = str(raised.value)
    assert "afspraken.csv, row 3: the value 'Enschede' in the column gemeente is no gemeente of this project" in message
    assert "gemeente the value" not in message


# Review AD 4: national afspraken ignored the column; '2024' was read as a gemeente GM2024.
@needs_kwb_2020
def test_the_afspraken_of_a_national_project_read_the_gemeente_column(tmp_path, national):
    found = agreements._agreements(tmp_path, national, "NL", [("Deventer", "Centrum"), ("Dinkelland", "Centrum")])
    assert found["code"].tolist() == ["BU01500101", "BU17741010"]
    with pytest.raises(ValidationError) as raised:
        agreements._agreements(tmp_path, national, "NL", [("Bergentheim", "Centrum")])
    assert "no gemeente of the figures;" in str(raised.value) and "()" not in str(raised.value)


@needs_kwb_2020
def test_a_number_that_is_no_gemeente_code_names_no_gemeente_in_a_national_project(national):
    segments = pd.DataFrame(
        {"location_raw": ["Klein Driene", "Centrum", "Klein Driene"], "location_gemeente": ["2024", "14", "9999"]}
    )
    placed = resolve_locations(segments, national, gemeente="NL")
    assert placed["buurt_code"][0] == "BU01640203" and placed["buurt_code"][2] == "BU01640203"
    assert "the column gemeente ('2024') names no gemeente; read without it" in placed["reason"][0]
    assert "GM2024" not in placed["reason"][0]
    assert placed["wijk_code"][1] == "WK001400"  # '14' is GM0014, Groningen, whose wijk Centrum it is


# Review AD 7: these unplaced every segment beside them, and stopped the build of the afspraken.
NOTHING = [
    "Provincie Overijssel",
    "Prov. Overijssel",
    "Overijsel",
    "OV",
    "Ov.",
    "O",
    "Regio Twente",
    "Noordoost Twente",
    "#N/A",
    "#VALUE!",
    "#REF!",
    "weet niet",
    "idem",
    "zie boven",
    "None",
    "null",
    "=A1",
]


@pytest.mark.parametrize("cell", NOTHING)
def test_a_cell_that_names_nothing_is_read_as_empty_with_a_note(tmp_path, hengelo, cell):
    row = cells._in_hengelo(hengelo, [("Klein Driene", cell)]).iloc[0]
    assert row["buurt_code"] == "BU01640203"
    assert "names no gemeente; read without it" in row["reason"]
    assert agreements._agreements(tmp_path, hengelo, ["GM0164"], [(cell, "Klein Driene")])["code"].tolist() == [
        "BU01640203"
    ]


@pytest.mark.parametrize(
    "cell", ["Gem. Hengelo", "Gem Hengelo", "Stad Hengelo", "Hengelo stad", "Hen\u200bgelo", "GM０１６４", "１６４"]
)
def test_gem_and_stad_before_the_name_and_full_width_digits_are_read(hengelo, cell):
    row = cells._in_hengelo(hengelo, [("Klein Driene", cell)]).iloc[0]
    assert row["buurt_code"] == "BU01640203" and pd.isna(row["reason"])


# Review AD 2: a province in brackets buurtdata cannot check is placed as before, but said for checking.
@needs_kwb_2020
@pytest.mark.parametrize(
    ("cell", "province"), [("Oosterhout (Gld)", "Gelderland"), ("Oosterhout, NB", "Noord-Brabant")]
)
def test_a_province_buurtdata_cannot_check_is_said_for_checking(national, cell, province):
    segments = pd.DataFrame({"location_raw": ["Centrum"], "location_gemeente": [cell]})
    row = resolve_locations(segments, national, gemeente="NL").iloc[0]
    assert f"{cell!r} gelezen als gemeente Oosterhout; klopt de provincie ({province})?" in row["reason"]


# Review AD 8: reasons the column caused had the generic uitleg and were not counted in the round's warning.
@needs_kwb_2020
def test_reasons_the_column_caused_get_its_uitleg_and_are_counted(tmp_path):
    from types import SimpleNamespace

    from buurtdata.pipeline import rounds

    regions = cells._national(["GM0164", "GM1876"])
    segments = pd.DataFrame({"location_raw": ["Centrum", "Hengelo dorp"], "location_gemeente": ["Hengelo (Gld)"] * 2})
    placed = resolve_locations(segments, regions, gemeente=["GM0164", "GM1876"])
    assert (placed["resolved_by"] == "onbekend").all()
    said = dutch_reasons(placed["reason"], many=True).tolist()
    assert said == ["deze plaats is er niet in de gemeente die erbij staat"] * 2
    one = SimpleNamespace(current=True, label="", segments=tmp_path / "gesprekken.csv")
    with pytest.warns(rounds.UnplacedRoundWarning) as warned:
        rounds.warn_unplaced(one, placed, SimpleNamespace(path=tmp_path / "project.toml"))
    assert "; 2 of them because of the column gemeente" in str(warned[0].message)


# Review AD 9: a 50,000-character cell was repeated whole in the afspraken's error.
def test_a_long_cell_is_not_repeated_whole(tmp_path, hengelo):
    cell = "Twentee Twentee " * 3200
    with pytest.raises(ValidationError) as raised:
        agreements._agreements(tmp_path, hengelo, ["GM0164"], [(cell, "Klein Driene")])
    assert len(str(raised.value)) < 1000
    row = cells._in_hengelo(hengelo, [("Klein Driene", cell)]).iloc[0]
    assert len(row["reason"]) < 1000
