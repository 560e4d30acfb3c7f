"""User test W: a region's interviews with the gemeente in a column of its own, beside the place.

A provincial analyst's teams wrote ``Centrum`` in the place column and ``Deventer`` in a ``gemeente`` column. The
column was not read: every ``Centrum`` of the region was ambiguous, and ``Noord`` of a Zwolle team was counted in
Hengelo's Noord, the one Noord of the region. Checked on twelve Overijssel gemeenten of the national KWB 2020.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest
import spoken

from buurtdata._errors import ValidationError
from buurtdata.outputs._unplaced import FIXES, dutch_reasons, fixes
from buurtdata.sources.agreements import read_agreements
from buurtdata.sources.interviews import read_segments, resolve_locations

KWB_2020 = Path(__file__).resolve().parents[1] / "data" / "raw" / "kwb2020-84799NED-statlinebq" / "84799NED"
#: Almelo, Deventer, Hengelo, Oldenzaal, Zwolle, Dinkelland, Twenterand, Hellendoorn, Olst-Wijhe, Zwartewaterland,
#: Haaksbergen and Hof van Twente: Centrum, Binnenstad(-Noord), Industrieterrein, Buitengebied, Marle, Mastenbroek
#: and Hengevelde each name places in two or more of them.
OVERIJSSEL = [
    "GM0141", "GM0150", "GM0164", "GM0173", "GM0193", "GM1774",
    "GM1700", "GM0163", "GM1773", "GM1896", "GM0158", "GM1735",
]  # fmt: skip

needs_kwb_2020 = pytest.mark.skipif(not KWB_2020.exists(), reason="data/raw is not here")


def kwb2020_regions(gemeenten: list[str] | None = None) -> pd.DataFrame:
    """The gemeenten, wijken and buurten of ``gemeenten`` (else of the whole country) as the national KWB 2020 files
    name them: the regions a project's build reads, for ``resolve_locations``."""
    listed = ", ".join(f"'{g}'" for g in gemeenten or [])
    where = f"trim(r.Municipality) in ({listed})" if gemeenten else "r.Key not like 'NL%'"
    return (
        duckdb.connect()
        .execute(
            "select trim(r.Key) as code, lower(trim(d.SoortRegio_2)) as level, trim(r.Title) as name, "
            "trim(r.Municipality) as gemeente_code, case when r.Key like 'BU%' then 'WK' || substr(trim(r.Key), 3, 6) "
            "end as wijk_code, null as postcode "
            f"from '{KWB_2020 / 'cbs.v3.84799NED_TypedDataSet.parquet'}' d "
            f"join '{KWB_2020 / 'cbs.v3.84799NED_WijkenEnBuurten.parquet'}' r on trim(r.Key) = trim(d.WijkenEnBuurten) "
            f"where {where}"
        )
        .df()
    )


@pytest.fixture(scope="module")
def regions(overijssel) -> pd.DataFrame:
    """The twelve gemeenten, their wijken and buurten as the national KWB 2020 files name them (conftest's)."""
    return overijssel


def _place(regions: pd.DataFrame, rows: list[tuple[str, str | None]]) -> pd.DataFrame:
    segments = pd.DataFrame(rows, columns=["location_raw", "location_gemeente"])
    return resolve_locations(segments, regions, gemeente=OVERIJSSEL)


@needs_kwb_2020
@pytest.mark.parametrize(
    ("location", "gemeente", "buurt", "wijk"),
    [
        ("Centrum", "Deventer", "BU01500101", "WK015001"),
        ("Centrum", "Dinkelland", "BU17741010", "WK177410"),
        ("centrum ", "deventer", "BU01500101", "WK015001"),
        ("Centrum (Deventer)", "Deventer", "BU01500101", "WK015001"),
        ("Industrieterrein", "Twenterand", "BU17000406", "WK170004"),
        ("Binnenstad-Noord", "Zwolle", "BU01931010", "WK019310"),
        ("Binnenstad-Noord", "Almelo", "BU01411000", "WK014110"),
        ("Marle", "Olst-Wijhe", "BU17731031", "WK177310"),
        ("Marle", "Hellendoorn", "BU01630510", "WK016305"),
        ("Mastenbroek", "GM1896", "BU18960500", "WK189605"),
        ("Binnenstad", "Oldenzaal", "BU01730100", "WK017301"),
        ("Binnenstad", "Zwolle", None, "WK019310"),
        ("Buitengebied", "Hengelo", None, "WK016409"),
        ("Hengevelde", "Haaksbergen", None, "WK015805"),
        ("Binnenstad-Centrum", "Hengelo (O.)", "BU01640000", "WK016400"),
        ("Centrum", "Gemeente Deventer", "BU01500101", "WK015001"),
        ("Centrum", "Deventer, Overijssel", "BU01500101", "WK015001"),
        ("Marle", "olst wijhe", "BU17731031", "WK177310"),
        ("Centrum", "Vriezenveen", "BU17000000", "WK170000"),  # a village: Centrum-Vriezenveen
    ],
)
def test_a_name_several_gemeenten_share_is_placed_in_the_gemeente_of_its_column(
    regions, location, gemeente, buurt, wijk
):
    row = _place(regions, [(location, gemeente)]).iloc[0]
    assert (row["buurt_code"] if pd.notna(row["buurt_code"]) else None, row["wijk_code"]) == (buurt, wijk)


@needs_kwb_2020
def test_without_the_column_the_same_names_stay_ambiguous_as_before(regions):
    placed = _place(regions, [("Centrum", None), ("Centrum", "")])
    assert placed["resolved_by"].eq("onbekend").all()
    assert placed["reason"].str.startswith("ambiguous between buurt 'Centrum' (BU01500101)").all()


@needs_kwb_2020
def test_a_misspelt_gemeente_in_the_column_is_read_as_the_one_it_is_like_and_said(regions):
    row = _place(regions, [("Centrum", "Deveter")]).iloc[0]
    assert row["buurt_code"] == "BU01500101"
    assert "'Deveter' read as gemeente 'Deventer' (GM0150)" in row["reason"]


@needs_kwb_2020
def test_a_name_only_another_gemeente_has_is_never_placed_there(regions):
    """Zwolle has no Noord; the region's one Noord is Hengelo's. A Zwolle team's Noord is not counted in Hengelo."""
    row = _place(regions, [("Noord", "Zwolle")]).iloc[0]
    assert row["resolved_by"] == "onbekend" and pd.isna(row["wijk_code"])
    assert row["reason"].startswith(
        "no match: 'Noord' is no buurt or wijk name of Zwolle (the column gemeente); 'Noord' alone is wijk "
        "'Wijk 02 Noord' (WK016402) of Hengelo: correct the column gemeente if that is meant"
    )
    said = dutch_reasons(pd.Series([row["reason"]]), many=True)[0]
    assert said == "deze plaats is er niet in de gemeente die erbij staat"
    assert "gemeente" in FIXES[said]


@needs_kwb_2020
@pytest.mark.parametrize("location", ["BU01500101", "Centrum (Deventer)", "Deventer Rivierenbuurt"])
def test_a_place_of_another_gemeente_than_its_column_says_is_not_placed(regions, location):
    row = _place(regions, [(location, "Zwolle")]).iloc[0]
    assert row["resolved_by"] == "onbekend" and pd.isna(row["wijk_code"])
    assert "GM0150 (Deventer)" in row["reason"] or "Deventer" in row["reason"]
    assert "the column gemeente" in row["reason"]


@needs_kwb_2020
def test_a_code_of_another_gemeente_than_its_column_says_names_both(regions):
    row = _place(regions, [("BU01500101", "Zwolle")]).iloc[0]
    assert row["reason"] == (
        "outside gemeente: 'BU01500101' lies in GM0150 (Deventer); the column gemeente says 'Zwolle' (GM0193 Zwolle): "
        "correct the place or the gemeente"
    )
    said = dutch_reasons(pd.Series([row["reason"]]), many=True)[0]
    assert said == "de plaats ligt in een andere gemeente dan die erbij staat"


@needs_kwb_2020
def test_a_village_in_the_column_is_read_as_the_wijk_it_names_else_the_gemeente_is_asked_for(regions):
    placed = _place(regions, [("Centrum", "Denekamp"), ("Centrum Denekamp", "Denekamp"), ("Centrum", "Enschede")])
    assert placed["buurt_code"].tolist()[:2] == ["BU17741010", "BU17741010"]
    lost = placed.iloc[2]
    assert lost["resolved_by"] == "onbekend"
    assert lost["reason"].startswith("no match: 'Enschede' in the column gemeente is none of the project's gemeenten")
    assert "write the gemeente as CBS names it" in lost["reason"]
    said = dutch_reasons(pd.Series([lost["reason"]]), many=True)[0]
    assert said == "wat erbij staat als gemeente is geen gemeente van dit project"


def test_a_gemeente_kept_out_is_said_as_the_one_beside_the_place_whatever_holds_it():
    """The gemeente beside a place is a column in a spreadsheet and a variable in a .qdpx: the uitleg says neither
    (it said 'de kolom gemeente' to an ATLAS.ti user), and the fix that asks for a gemeente names both."""
    said = [label for label in FIXES if "erbij staat" in label]
    assert len(said) == 3
    assert not any("kolom" in label for label in said)
    asked = FIXES["wat erbij staat als gemeente is geen gemeente van dit project"]
    assert "in de kolom gemeente" in asked and "variabele gemeente" in asked


def test_the_template_reads_a_gemeente_column_beside_the_place(tmp_path):
    sheet = tmp_path / "gesprekken.csv"
    sheet.write_text(
        "# FICTIEF\nfragment,deelnemer,rol,code,citaat,gemeente,buurt,toestemming\n"
        "S1,B01,bewoner,Wonen,Tekst (FICTIEF),Deventer,Centrum,ja\nS2,B02,bewoner,Wonen,Tekst (FICTIEF),,Noord,ja\n",
        encoding="utf-8",
    )
    segments = read_segments(sheet)
    assert segments["location_gemeente"].tolist()[0] == "Deventer" and pd.isna(segments["location_gemeente"].iloc[1])
    assert segments["location_raw"].tolist() == ["Centrum", "Noord"]


@needs_kwb_2020
def test_each_reason_of_the_column_says_in_dutch_what_to_do(regions):
    placed = _place(regions, [("Noord", "Zwolle"), ("BU01500101", "Zwolle"), ("Centrum", "Enschede")])
    said = dutch_reasons(placed["reason"], many=True)
    assert said.nunique() == 3
    for text in fixes(placed["reason"], said):
        assert text and not spoken.problems(text), text


@needs_kwb_2020
def test_a_name_several_gemeenten_share_is_told_in_dutch_how_to_write_it(regions):
    """'schrijf de buurtnaam' sent a team back to the Centrum it had written: the herstel gives the forms."""
    placed = _place(regions, [("Centrum", None), ("Binnenstad", None)])
    said = fixes(placed["reason"], dutch_reasons(placed["reason"], many=True))
    assert said[0] == (
        "schrijf de gemeente erbij: 'Centrum (Deventer)' of 'Centrum (Dinkelland)'. Of zet de gemeente in een kolom "
        "gemeente ernaast, of schrijf de buurtcode (BU...)"
    )
    assert "'Binnenstad (Oldenzaal)'" in said[1]
    for text in said:
        assert not spoken.problems(text), text


@needs_kwb_2020
def test_a_place_that_is_no_name_in_the_gemeente_of_its_column_anywhere_keeps_its_plain_kind(regions):
    """Only a name found elsewhere says the column may be wrong: Colmschate is part of Deventer's names, Zwolle is the
    gemeente itself."""
    placed = _place(regions, [("Colmschate", "Deventer"), ("Zwolle", "Zwolle"), ("Centrum", "Zwolle")])
    said = dutch_reasons(placed["reason"], many=True).tolist()
    assert said == [
        "plaats niet gevonden in de gemeenten van dit project",
        "de hele gemeente, geen buurt of wijk",
        "deze plaats is er niet in de gemeente die erbij staat",
    ]
    assert "it is part of: Wijk 8 Colmschate-Noord (wijk)" in placed["reason"][0]
    assert placed["reason"][1] == "no match: 'Zwolle' is the whole gemeente, not a wijk or buurt"
    assert "'Centrum' alone is ambiguous in the project, between buurt 'Centrum' (BU01500101)" in placed["reason"][2]


@needs_kwb_2020
@pytest.mark.parametrize(
    ("location", "buurt"),
    [
        ("Goor centrum", "BU17350000"),  # CBS: Centrum-Goor
        ("Vriezenveen centrum", "BU17000000"),  # CBS: Centrum-Vriezenveen
        ("centrum Delden", "BU17350600"),  # CBS: Delden-Centrum
    ],
)
def test_a_village_and_its_centrum_in_another_order_is_that_buurt_and_told(regions, location, buurt):
    """Wijkwerkers write the village first or last; CBS names the buurt the other way round."""
    row = _place(regions, [(location, None)]).iloc[0]
    assert row["buurt_code"] == buurt
    assert row["reason"].startswith(f"'{location}' read as buurt ")
    assert "the same words in another order" in row["reason"]


@needs_kwb_2020
@pytest.mark.parametrize(
    ("location", "buurt"),
    [("Centrum Denekamp", "BU17741010"), ("Denekamp Centrum", "BU17741010"), ("Kerkeres, Denekamp", "BU17741011")],
)
def test_a_buurt_with_the_village_its_wijk_is_named_after_is_that_buurt(regions, location, buurt):
    """Dinkelland's Centrum lies in Wijk 10 Denekamp: 'Centrum Denekamp' is that one, not Deventer's."""
    assert _place(regions, [(location, None)]).iloc[0]["buurt_code"] == buurt


@needs_kwb_2020
def test_a_village_that_names_no_wijk_keeps_the_name_unplaced(regions):
    row = _place(regions, [("Oldenzaal centrum", None)]).iloc[0]
    assert row["resolved_by"] == "onbekend" and row["reason"].startswith("no match: 'Oldenzaal centrum'")


@needs_kwb_2020
def test_agreements_read_a_gemeente_column_beside_the_buurt(regions, tmp_path):
    """The afspraken of a region's meetings, with the gemeente beside the buurt as the interviews have it."""
    sheet = tmp_path / "afspraken.csv"
    sheet.write_text(
        "# FICTIEF\ngemeente,buurt,thema,afspraak,wie,terugkijken\n"
        "Deventer,Centrum,Wonen,Inloopspreekuur over lekkages,woningcorporatie,2025-04-01\n"
        "Dinkelland,Centrum,Wonen,Buurtbus proberen,wijkteam,2025-04-01\n"
        "Deventer,De Hoven,Wonen,Pleintje opknappen,gemeente,2025-04-01\n"
        ",BU17350000,Wonen,Bankjes plaatsen,gemeente,2025-04-01\n",
        encoding="utf-8",
    )
    found = read_agreements(sheet, buurten=regions, themes={"Wonen": "Wonen"}, gemeente=OVERIJSSEL)
    assert found["code"].tolist() == ["BU01500101", "BU17741010", "BU01500201", "BU17350000"]


@needs_kwb_2020
def test_an_agreement_by_a_name_its_gemeente_column_lacks_is_refused_with_the_reason(regions, tmp_path):
    sheet = tmp_path / "afspraken.csv"
    sheet.write_text(
        "gemeente,buurt,thema,afspraak,wie,terugkijken\nZwolle,Noord,Wonen,Iets,wijkteam,2025-04-01\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationError, match=r"row 2: buurt 'Noord \(Zwolle\)' .*Hengelo"):
        read_agreements(sheet, buurten=regions, themes={"Wonen": "Wonen"}, gemeente=OVERIJSSEL)


@needs_kwb_2020
def test_each_distinct_gemeente_cell_is_read_once_however_many_places_are_beside_it(regions, monkeypatch):
    """The column is read per distinct cell, not per distinct pair of place and cell; the places stay the same."""
    from buurtdata.sources.interviews import gemeente_column

    rows = [
        (place, cell) for place in ("Centrum", "Marle", "Binnenstad-Noord", "Noord") for cell in ("Deventer", "Zwolle")
    ]
    before = _place(regions, rows)
    read: list[str] = []
    read_cell = gemeente_column.read_cell

    def counted(gazetteer, cell):
        read.append(cell)
        return read_cell(gazetteer, cell)

    monkeypatch.setattr(gemeente_column, "read_cell", counted)
    after = _place(regions, rows)
    assert sorted(read) == ["Deventer", "Zwolle"]
    pd.testing.assert_frame_equal(after, before)
