"""Interviews and agreements in a build of many gemeenten: placed in every gemeente of a region, never guessed
between two, and told why when their gemeente was not built."""

from __future__ import annotations

import warnings
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from buurtdata import datasets, pipeline
from buurtdata._errors import BuurtdataError, ValidationError
from buurtdata.pipeline import scope
from buurtdata.project import Project
from buurtdata.sources.agreements import AgreementLeftOutWarning, read_agreements
from buurtdata.sources.interviews import resolve_locations
from tests.test_gemeenten import _kwb2024, _project, needs_raw

REGION = 'gemeenten = ["GM0402", "GM0164"]'
#: Where each written location of the region's interviews must land: (buurt, wijk, resolved_by).
MEANT = {
    "BU04020102": ("BU04020102", "WK040201", "buurtcode"),
    "BU01640101": ("BU01640101", "WK016401", "buurtcode"),
    "Havenstraatbuurt": ("BU04020102", "WK040201", "buurtnaam"),
    "Tichelwerk": ("BU01640101", "WK016401", "buurtnaam"),
    "Noordwest": (None, "WK040202", "wijknaam"),
    "Wijk 04 Groot Driene": (None, "WK016404", "wijknaam"),
}
OUTSIDE = "BU03630000"
#: A buurt of Hengelo, a buurt of Hilversum and Hengelo's wijk around its own: never one of them by guess.
SHARED = "Noord"
NOT_BUILT = "gemeente not built: "


def _regions(*gemeenten: tuple[str, str, str]) -> pd.DataFrame:
    """A regions table of gemeenten (code, name, buurt name), each with one wijk and one buurt."""
    rows = []
    for code, name, buurt in gemeenten:
        digits = code[2:]
        rows += [
            (code, "gemeente", name, code, None, None),
            (f"WK{digits}01", "wijk", f"Wijk 01 {name} Oost", code, None, None),
            (f"BU{digits}0101", "buurt", buurt, code, f"WK{digits}01", None),
        ]
    return pd.DataFrame(rows, columns=["code", "level", "name", "gemeente_code", "wijk_code", "postcode"])


def _place(regions: pd.DataFrame, locations: list[str], **kwargs) -> pd.DataFrame:
    return resolve_locations(pd.DataFrame({"location_raw": locations}), regions, **kwargs)


def test_a_region_places_in_each_of_its_gemeenten_and_names_them_for_a_place_outside():
    regions = _regions(("GM0402", "Hilversum", "Kerkelanden"), ("GM0164", "Hengelo (O.)", "Tichelwerk"))
    placed = _place(
        regions,
        ["BU04020101", "Tichelwerk", "Wijk 01 Hilversum Oost", "BU03630000", "Zeewolde", "9999"],
        gemeente=["GM0402", "GM0164"],
    )
    assert placed["buurt_code"].iloc[:2].tolist() == ["BU04020101", "BU01640101"]
    assert placed["wijk_code"].iloc[:3].tolist() == ["WK040201", "WK016401", "WK040201"]
    assert placed["resolved_by"].tolist()[:3] == ["buurtcode", "buurtnaam", "wijknaam"]
    reasons = placed["reason"].tolist()
    assert reasons[3] == (
        "outside gemeente: BU03630000 lies in GM0363, not in the project's gemeenten GM0402 (Hilversum) "
        "and GM0164 (Hengelo (O.))"
    )
    assert reasons[4] == "no match: 'Zeewolde' is no buurt or wijk name, code or postcode of Hilversum and Hengelo (O.)"
    assert reasons[5].startswith(
        "no match: postcode 9999 is not the most common postcode of any buurt of the project's"
    )
    # One gemeente of them still says what it said.
    one = _place(regions, ["BU01640101"], gemeente=["GM0402"]).loc[0, "reason"]
    assert one == "outside gemeente: BU01640101 lies in GM0164, not in GM0402 (Hilversum)"


def test_a_name_of_buurten_in_two_gemeenten_of_a_region_is_not_guessed():
    regions = _regions(("GM0402", "Hilversum", "Centrum"), ("GM0164", "Hengelo (O.)", "Centrum"))
    placed = _place(regions, ["Centrum", "centrum"], gemeente=["GM0402", "GM0164"])
    assert placed["resolved_by"].eq("onbekend").all() and placed["buurt_code"].isna().all()
    assert placed.loc[0, "reason"] == (
        "ambiguous between buurt 'Centrum' (BU01640101) and buurt 'Centrum' (BU04020101); "
        "write 'Centrum (Hengelo)' or 'Centrum (Hilversum)', or the buurt code"
    )
    # Each form the reason suggests places the segment (user test N: the fix must be one that works).
    forms = _place(regions, ["Centrum (Hengelo)", "Centrum (Hilversum)"], gemeente=["GM0402", "GM0164"])
    assert forms["buurt_code"].tolist() == ["BU01640101", "BU04020101"]
    # Each gemeente on its own knows the buurt.
    assert _place(regions, ["Centrum"], gemeente="GM0164").loc[0, "buurt_code"] == "BU01640101"


def test_a_segment_in_a_gemeente_that_was_not_built_says_so():
    regions = _regions(("GM0164", "Hengelo (O.)", "Tichelwerk"))
    why = {"GM0014": "GM0014 Groningen: the KWB figures fail a check: x (see gemeenten.csv)"}
    pc6 = pd.DataFrame(
        {
            "pc6": ["9711AA", "7556AA"],
            "huisnummer": [1, 1],
            "buurt_code": ["BU00140907", "BU01640101"],
            "wijk_code": ["WK001409", "WK016401"],
            "gemeente_code": ["GM0014", "GM0164"],
        }
    )
    for gemeente in ("NL", ["GM0014", "GM0164"]):
        placed = _place(regions, ["BU00140907", "9711AA 1", "7556AA 1"], gemeente=gemeente, refused=why, pc6=pc6)
        assert placed["reason"].iloc[:2].tolist() == [NOT_BUILT + why["GM0014"]] * 2
        assert placed["resolved_by"].tolist() == ["onbekend", "onbekend", "pc6"]
    # Without the table of refused gemeenten, as before.
    placed = _place(regions, ["BU00140907"], gemeente="NL").loc[0, "reason"]
    assert placed == "no match: NL has no buurt BU00140907 in these regions (a code of another year?)"


def test_the_refused_gemeenten_come_from_gemeente_status_with_their_reason():
    con = duckdb.connect()
    assert scope.refused(con) == {}
    con.execute(
        "create table gemeente_status as select * from (values "
        "('GM0014', 'Groningen', 'geweigerd', 80, 'GM0014 Groningen: b.json has no polygons of it'), "
        "('GM0034', 'Almere', 'geweigerd', 90, 'GM0034 Almere: the KWB figures fail a check: sums'), "
        "('GM0164', 'Hengelo (O.)', 'gebouwd', 62, null)) t(code, name, build_status, buurten, reason)"
    )
    assert scope.refused(con) == {
        "GM0014": "GM0014 Groningen: b.json has no polygons of it (see gemeenten.csv)",
        "GM0034": "GM0034 Almere: the KWB figures fail a check: sums (see gemeenten.csv)",
    }


def _write(folder: Path, rows: list[str], name: str = "afspraken.csv") -> Path:
    path = folder / name
    path.write_text("buurt,thema,afspraak,wie,terugkijken\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


#: Veendam's two buurten of one name (KWB 2024).
VEENDAM = {"BU00470109": "Verspreide huizen", "BU00470209": "Verspreide huizen", "BU00470101": "Centrum"}


def test_an_agreement_by_a_shared_buurt_name_is_refused_with_the_codes(tmp_path):
    path = _write(tmp_path, ["verspreide huizen,Jongeren,x,wie,2024-05-15", "Centrum,Jongeren,x,wie,2024-05-15"])
    with pytest.raises(ValidationError) as error:
        read_agreements(path, buurten=VEENDAM, themes={"Jongeren": "Jongeren"})
    assert (
        "afspraken.csv, row 2: buurt 'verspreide huizen' is the name of 2 buurten (BU00470109, BU00470209); "
        "write the code (BU...) of the one meant"
    ) in str(error.value)
    assert "row 3" not in str(error.value)
    path = _write(tmp_path, ["BU00470209,Jongeren,x,wie,2024-05-15", "centrum,Jongeren,x,wie,2024-05-15"])
    found = read_agreements(path, buurten=VEENDAM, themes={"Jongeren": "Jongeren"})
    assert found["code"].tolist() == ["BU00470209", "BU00470101"]


def test_an_agreement_in_a_gemeente_that_was_not_built_is_left_out_with_a_warning(tmp_path):
    why = {"GM0014": "GM0014 Groningen: no polygons (see gemeenten.csv)"}
    path = _write(
        tmp_path,
        ["00140907,Jongeren,x,wie,2024-05-15", "BU00470101,Jongeren,y,wie,2024-05-15", "Oosterpoort,Jongeren,z,wie,"],
    )
    # A name of a gemeente not built is not known: it stays an error that says which gemeenten were not built.
    with pytest.raises(ValidationError) as error:
        read_agreements(path, buurten=VEENDAM, themes={"Jongeren": "Jongeren"}, refused=why)
    assert "row 4: buurt 'Oosterpoort' is not a buurt of this project" in str(error.value)
    assert "the buurten of GM0014 were not built (see gemeenten.csv)" in str(error.value)
    assert "row 2" not in str(error.value)
    path = _write(tmp_path, ["00140907,Jongeren,x,wie,2024-05-15", "BU00470101,Jongeren,y,wie,2024-05-15"])
    with pytest.warns(AgreementLeftOutWarning) as said:
        found = read_agreements(path, buurten=VEENDAM, themes={"Jongeren": "Jongeren"}, refused=why)
    assert found["code"].tolist() == ["BU00470101"]
    assert (
        f"{path}: 1 agreement(s) left out, their gemeente was not built: afspraken.csv, row 2: buurt '00140907' "
        "lies in gemeente GM0014 Groningen: no polygons (see gemeenten.csv)"
    ) == str(said[0].message)


def _interviews(
    folder: Path, locations: list[str], agreements: list[str] | None = None, *, gemeenten: list[str] | None = None
) -> str:
    """Write a segments CSV (one respondent per location; with ``gemeenten``, the gemeente beside each in a column of
    its own) and a codebook; return the [interviews] section."""
    column = "gemeente," if gemeenten is not None else ""
    beside = [f"{gemeente}," for gemeente in gemeenten] if gemeenten is not None else [""] * len(locations)
    lines = [f"segment_id,respondent,role,code,quote,location,{column}date,consent"]
    lines += [
        f"S{i:03},R{i:03},bewoner,Ontmoeten,Een fictief citaat.,{loc},{gemeente}2025-05-01,ja"
        for i, (loc, gemeente) in enumerate(zip(locations, beside, strict=True))
    ]
    (folder / "fragmenten.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "codeboek.csv").write_text("code,theme,description\nOntmoeten,Ontmoeten,Elkaar tegenkomen.\n", "utf-8")
    section = '[interviews]\nsegments = "fragmenten.csv"\ncodebook = "codeboek.csv"\nfictional = true\n'
    if agreements is not None:
        _write(folder, agreements)
        section += 'agreements = "afspraken.csv"\n'
    return section


def _build(folder: Path, scope_line: str, section: str, **kwargs) -> pipeline.PipelineResult:
    project = _project(folder, scope_line, year=2024, kwb=_kwb2024(), boundaries_year=2024, **kwargs)
    with project.path.open("a", encoding="utf-8") as file:
        file.write(section)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        warnings.simplefilter("always", AgreementLeftOutWarning)  # the one a test looks for
        return pipeline.run(Project.load(project.path), key=b"test")


def _segments(result: pipeline.PipelineResult) -> pd.DataFrame:
    return result.con.sql("select location_raw, buurt_code, wijk_code, resolved_by, reason from stg_segments").df()


@needs_raw
def test_a_region_places_interviews_in_both_its_gemeenten(tmp_path: Path) -> None:
    result = _build(tmp_path, REGION, _interviews(tmp_path, [*MEANT, OUTSIDE, SHARED]))
    placed = _segments(result).set_index("location_raw").astype(object)
    placed = placed.where(placed.notna(), None)
    for location, (buurt, wijk, how) in MEANT.items():
        assert tuple(placed.loc[location, ["buurt_code", "wijk_code", "resolved_by"]]) == (buurt, wijk, how), location
    assert placed.loc[OUTSIDE, "reason"] == (
        "outside gemeente: BU03630000 lies in GM0363, not in the project's gemeenten GM0402 (Hilversum) "
        "and GM0164 (Hengelo (O.))"
    )
    shared = placed.loc[SHARED]
    assert shared["resolved_by"] == "onbekend" and shared["reason"].startswith("ambiguous between")
    assert all(code in shared["reason"] for code in ("BU01640200", "BU04020703", "WK016402"))
    unplaced = result.unplaced
    assert set(unplaced.loc[unplaced["resolved_by"] == "onbekend", "location_raw"]) == {OUTSIDE, SHARED}


@needs_raw
def test_a_region_with_a_gemeente_not_built_tells_its_segments_and_agreements_why(tmp_path: Path) -> None:
    # The sample's polygons hold only Hengelo: Hilversum is refused, and its segments and agreements say why, by
    # code, buurt name or 4-digit postcode (1211, Havenstraatbuurt's).
    section = _interviews(
        tmp_path,
        ["BU04020102", "BU01640101", "Havenstraatbuurt", "1211"],
        agreements=[
            "BU04020102,Ontmoeten,x,wie,2025-06-01",
            "BU01640101,Ontmoeten,y,wie,2025-06-01",
            "Havenstraatbuurt,Ontmoeten,z,wie,2025-06-01",
        ],
    )
    with pytest.warns(AgreementLeftOutWarning) as said:
        result = _build(tmp_path, REGION, section, path=datasets.get_path("hengelo/buurten.gpkg"))
    warned = str(next(w.message for w in said if w.category is AgreementLeftOutWarning))
    assert "2 agreement(s) left out" in warned
    assert "row 2: buurt 'BU04020102' lies in gemeente GM0402 Hilversum" in warned
    assert "row 4: buurt 'Havenstraatbuurt' lies in gemeente GM0402 Hilversum" in warned
    status = scope.status_table(result.con).set_index("code")
    assert status.at["GM0402", "build_status"] == scope.REFUSED
    placed = _segments(result).set_index("location_raw")
    assert placed.loc["BU01640101", "buurt_code"] == "BU01640101"
    why = f"{NOT_BUILT}GM0402 Hilversum: {status.at['GM0402', 'reason'].split(': ', 1)[1]} (see gemeenten.csv)"
    assert placed.loc[["BU04020102", "Havenstraatbuurt", "1211"], "reason"].tolist() == [why] * 3
    agreements = result.con.sql("select code, agreement from agreements").df()
    assert agreements.to_dict("records") == [{"code": "BU01640101", "agreement": "y"}]


@needs_raw
def test_a_gemeente_of_a_region_nobody_spoke_of_gets_no_theme_or_wall_maps(tmp_path: Path) -> None:
    from buurtdata.outputs import regional

    # Three people of one Hilversum buurt spoke (the threshold); nobody in Hengelo.
    result = _build(tmp_path, REGION, _interviews(tmp_path, ["BU04020101"] * 3))
    written = []
    (tmp_path / "out").mkdir()
    try:
        regional.write(result, tmp_path / "out", lambda path, _: written.append(path))
    finally:
        result.con.close()
    hilversum = {p.name for p in (tmp_path / "out" / "kaarten" / "GM0402_hilversum").iterdir()}
    hengelo = {p.name for p in (tmp_path / "out" / "kaarten" / "GM0164_hengelo_o").iterdir()}
    assert "wand_hilversum.pdf" in hilversum
    assert not any(name.startswith(("wand_", "thema_")) for name in hengelo) and "inwoners.pdf" in hengelo


def test_placing_without_a_gemeente_is_refused_not_done_for_the_whole_country():
    segments = pd.DataFrame({"location_raw": ["Dorp"]})
    with pytest.raises(BuurtdataError, match="no gemeente given"):
        resolve_locations(segments, pd.DataFrame(columns=["code", "level", "name"]), gemeente=[])


@needs_raw
def test_a_gemeente_of_a_region_spoken_of_only_by_its_wijk_gets_its_wall_maps(tmp_path: Path) -> None:
    from buurtdata.outputs import regional

    # Three people named Hengelo's wijk 01 only (by its code): no buurt has voices, the wijk has.
    result = _build(tmp_path, REGION, _interviews(tmp_path, ["BU04020101"] * 3 + ["WK016401"] * 3))
    (tmp_path / "out").mkdir()
    try:
        regional.write(result, tmp_path / "out", lambda path, _: None)
    finally:
        result.con.close()
    hengelo = {p.name for p in (tmp_path / "out" / "kaarten" / "GM0164_hengelo_o").iterdir()}
    assert any(name.startswith("wand_") for name in hengelo), sorted(hengelo)


def test_agreements_saved_by_excel_on_windows_are_read_and_a_mixed_file_is_refused_by_its_line(tmp_path):
    # Review: Word's curly quotes and ellipsis after an accented letter in a cp1252 file crashed as "a bug".
    from buurtdata._errors import InputFileError

    path = tmp_path / "afspraken.csv"
    text = "buurt,thema,afspraak,wie,terugkijken\ncentrum,Jongeren,Koffie in het café…” en één inloop,wie,2024-05-15\n"
    path.write_bytes(text.encode("cp1252"))
    found = read_agreements(path, buurten=VEENDAM, themes={"Jongeren": "Jongeren"})
    assert found["agreement"].tolist() == ["Koffie in het café…” en één inloop"]
    path.write_bytes(b"buurt,thema,afspraak,wie,terugkijken\n" + "café".encode() + "\néén".encode("cp1252"))
    with pytest.raises(InputFileError, match=r"afspraken\.csv, line 3: not UTF-8 \(byte 0xe9\).*CSV UTF-8"):
        read_agreements(path, buurten=VEENDAM, themes={"Jongeren": "Jongeren"})
