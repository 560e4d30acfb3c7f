"""A gemeente beside the place in a QDA export or the respondents table (user test W, brief QDAGM).

User test W let a spreadsheet of segments carry a ``gemeente`` column beside the place, so a region's ``Centrum`` is
placed in the right gemeente. A team that codes in a QDA tool could not say it: a ``.qdpx`` case or source variable
``gemeente``, QualCoder's ``CaseVar_gemeente`` and a respondents table's ``gemeente`` column were not read, so every
``Centrum`` of a region stayed ambiguous. Now each is read and placed exactly as the spreadsheet's column is
(:mod:`buurtdata.sources.interviews.gemeente_column`). Real CBS regions: twelve Overijssel gemeenten of the national
KWB 2020. Every interview row here is FICTIEF.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
import pytest

from buurtdata._errors import InputFileError, ValidationError
from buurtdata.sources.interviews import read_segments, resolve_locations, write_qdpx
from buurtdata.sources.interviews.qda_segments import UnreadVariablesWarning
from tests.test_gemeenten import needs_raw
from tests.test_many_gemeenten_places import REGION, _build, _segments
from tests.test_places_gemeente_column import KWB_2020, OVERIJSSEL

needs_kwb_2020 = pytest.mark.skipif(not KWB_2020.exists(), reason="data/raw is not here")
NS = "urn:QDA-XML:project:1.0"
CODE = "11111111-1111-1111-1111-111111111111"


def _guid(n: int) -> str:
    return f"{n:08d}-0000-0000-0000-000000000000"


def _qdpx(path: Path, cases: list[dict[str, str]], *, on_source: bool = False) -> Path:
    """A REFI-QDA project as a QDA tool writes it (FICTIEF): one case and one text source per dict, its keys
    the variable names (``respondent`` names the case) and their values; each source one coded selection."""
    names = sorted({k for case in cases for k in case if k != "respondent"})
    variables = "".join(f'<Variable guid="{_guid(900 + i)}" name="{n}" typeOfVariable="Text"/>' for i, n in
                        enumerate(names))  # fmt: skip

    def values(case: dict[str, str]) -> str:
        return "".join(
            f'<VariableValue><VariableRef targetGUID="{_guid(900 + names.index(n))}"/><TextValue>{v}</TextValue>'
            "</VariableValue>"
            for n, v in case.items()
            if n != "respondent"
        )

    text = "Het buurthuis is dicht (FICTIEF)."
    xml_cases, sources = "", ""
    for i, case in enumerate(cases):
        source = _guid(100 + i)
        xml_cases += f'<Case guid="{_guid(200 + i)}" name="{case["respondent"]}">'
        xml_cases += f'{"" if on_source else values(case)}<SourceRef targetGUID="{source}"/></Case>'
        sources += (
            f'<TextSource guid="{source}" name="Interview {case["respondent"]} (FICTIEF)">'
            f"<PlainTextContent>{text}</PlainTextContent>"
            f'<PlainTextSelection guid="{_guid(300 + i)}" name="S{i + 1:03d}" startPosition="0" '
            f'endPosition="{len(text)}"><Coding guid="{_guid(400 + i)}"><CodeRef targetGUID="{CODE}"/></Coding>'
            f"</PlainTextSelection>{values(case) if on_source else ''}</TextSource>"
        )
    qde = (
        f'<?xml version="1.0" encoding="utf-8"?><Project xmlns="{NS}" name="FICTIEF" origin="NVivo 14">'
        f'<CodeBook><Codes><Code guid="{CODE}" name="Ontmoeten" isCodable="true"/></Codes></CodeBook>'
        f"<Variables>{variables}</Variables><Cases>{xml_cases}</Cases><Sources>{sources}</Sources></Project>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde)
    return path


def _placed(segments: pd.DataFrame, regions: pd.DataFrame) -> list[tuple[str | None, str | None]]:
    placed = resolve_locations(segments, regions, gemeente=OVERIJSSEL)
    return [
        (b if pd.notna(b) else None, w if pd.notna(w) else None)
        for b, w in zip(placed["buurt_code"], placed["wijk_code"], strict=True)
    ]


# --- .qdpx: a case or source variable gemeente ----------------------------------------------------------------------


@needs_kwb_2020
@pytest.mark.parametrize("name", ["gemeente", "Gemeente", "municipality", "Gemeentenaam"])
def test_a_qdpx_case_variable_gemeente_places_a_shared_name_in_that_gemeente(tmp_path, overijssel, name):
    path = _qdpx(
        tmp_path / "regio.qdpx",
        [
            {"respondent": "DEV-B01", "Buurt": "Centrum", name: "Deventer", "Rol": "bewoner"},
            {"respondent": "DIN-B01", "Buurt": "Centrum", name: "Dinkelland", "Rol": "bewoner"},
        ],
    )
    segments = read_segments(path)
    assert segments["location_gemeente"].tolist() == ["Deventer", "Dinkelland"]
    assert _placed(segments, overijssel) == [("BU01500101", "WK015001"), ("BU17741010", "WK177410")]


@needs_kwb_2020
def test_a_source_variable_gemeente_is_read_too(tmp_path, overijssel):
    path = _qdpx(tmp_path / "bron.qdpx", [{"respondent": "DEV-B01", "Buurt": "Centrum", "Gemeente": "Deventer"}],
                 on_source=True)  # fmt: skip
    assert _placed(read_segments(path), overijssel) == [("BU01500101", "WK015001")]


@needs_kwb_2020
def test_a_variable_named_in_the_project_file_carries_the_gemeente(tmp_path, overijssel):
    path = _qdpx(tmp_path / "eigen.qdpx", [{"respondent": "ZWO-B01", "Buurt": "Binnenstad-Noord", "Plaats": "Zwolle"}])
    with pytest.warns(UnreadVariablesWarning, match=r"its variables Plaats are not read.*keys: respondent, role"):
        assert read_segments(path)["location_gemeente"].isna().all()  # not a name the reader knows
    segments = read_segments(path, variables={"gemeente": "Plaats"})
    assert _placed(segments, overijssel) == [("BU01931010", "WK019310")]


@needs_kwb_2020
@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("GM0150", ("BU01500101", "WK015001")),
        ("150", ("BU01500101", "WK015001")),
        ("Gemeente Deventer", ("BU01500101", "WK015001")),
        ("Deveter", ("BU01500101", "WK015001")),
        ("Deventer, Overijssel", ("BU01500101", "WK015001")),
    ],
)
def test_a_messy_gemeente_variable_is_read_as_the_spreadsheet_column_reads_it(tmp_path, overijssel, cell, expected):
    path = _qdpx(tmp_path / "rommelig.qdpx", [{"respondent": "DEV-B01", "Buurt": "Centrum", "gemeente": cell}])
    segments = read_segments(path)
    assert _placed(segments, overijssel) == [expected]
    spreadsheet = pd.DataFrame({"location_raw": ["Centrum"], "location_gemeente": [cell]})
    same = resolve_locations(spreadsheet, overijssel, gemeente=OVERIJSSEL)
    ours = resolve_locations(segments, overijssel, gemeente=OVERIJSSEL)
    assert ours["reason"].tolist() == same["reason"].tolist()


@needs_kwb_2020
@pytest.mark.parametrize("cell", ["Hengelo (O.)", "Hengelo (O)", "164", "GM0164", "hengelo ov"])
def test_hengelo_as_a_gemeente_variable_in_each_form_the_spreadsheet_takes(tmp_path, overijssel, cell):
    path = _qdpx(tmp_path / "hengelo.qdpx", [{"respondent": "HGL-B01", "Buurt": "Buitengebied", "gemeente": cell}])
    assert _placed(read_segments(path), overijssel) == [(None, "WK016409")]


@needs_kwb_2020
@pytest.mark.parametrize("cell", ["nvt", "Overijssel", "Twente", "-"])
def test_a_gemeente_variable_that_names_no_gemeente_reads_as_empty_with_a_note(tmp_path, overijssel, cell):
    """Klein Driene is a buurt of Hengelo alone: placed there without a gemeente, and still so beside a non-gemeente."""
    path = _qdpx(tmp_path / "nvt.qdpx", [{"respondent": "HGL-B01", "Buurt": "Klein Driene", "gemeente": cell}])
    placed = resolve_locations(read_segments(path), overijssel, gemeente=OVERIJSSEL)
    assert placed["buurt_code"].tolist() == ["BU01640203"]
    assert f"the column gemeente ({cell!r}) names no gemeente; read without it" in placed["reason"].iloc[0]


@needs_kwb_2020
def test_a_name_the_gemeente_of_the_variable_lacks_is_never_placed_elsewhere(tmp_path, overijssel):
    path = _qdpx(tmp_path / "noord.qdpx", [{"respondent": "ZWO-B02", "Buurt": "Noord", "gemeente": "Zwolle"}])
    placed = resolve_locations(read_segments(path), overijssel, gemeente=OVERIJSSEL)
    assert placed["resolved_by"].tolist() == ["onbekend"]
    assert placed["reason"].iloc[0].startswith("no match: 'Noord' is no buurt or wijk name of Zwolle")


@needs_kwb_2020
def test_without_a_gemeente_variable_nothing_changes(tmp_path, overijssel):
    path = _qdpx(tmp_path / "zonder.qdpx", [{"respondent": "DEV-B01", "Buurt": "Centrum", "Rol": "bewoner"}])
    segments = read_segments(path)
    assert segments["location_gemeente"].isna().all()
    placed = resolve_locations(segments, overijssel, gemeente=OVERIJSSEL)
    assert placed["reason"].iloc[0].startswith("ambiguous between buurt 'Centrum' (BU01500101)")


def test_gemeente_is_a_key_of_interviews_variables_and_others_are_still_refused(tmp_path):
    path = _qdpx(tmp_path / "sleutel.qdpx", [{"respondent": "DEV-B01", "Buurt": "Centrum", "Plaats": "Deventer"}])
    assert read_segments(path, variables={"gemeente": ["Plaats"]})["location_gemeente"].tolist() == ["Deventer"]
    with pytest.raises(InputFileError, match="has key 'gemeent'; use respondent, role, location, gemeente"):
        read_segments(path, variables={"gemeent": "Plaats"})


@needs_kwb_2020
def test_write_qdpx_writes_the_gemeente_and_reads_it_back(tmp_path, overijssel):
    """A respondent quoted about Centrum in two gemeenten gets a source per gemeente; nothing merges."""
    segments = pd.DataFrame(
        {
            "segment_id": ["S001", "S002", "S003"],
            "document": None,
            "respondent": ["REG-P01", "REG-P01", "REG-P02"],
            "role": "professional",
            "code_id": "Ontmoeten",
            "text": ["Het buurthuis (FICTIEF).", "De markt (FICTIEF).", "Het park (FICTIEF)."],
            "text_note": None,
            "location_raw": ["Centrum", "Centrum", "Marle"],
            "location_gemeente": ["Deventer", "Dinkelland", "Olst-Wijhe"],
            "date": pd.Timestamp("2025-03-14"),
            "consent": True,
        }
    )
    back = read_segments(write_qdpx(segments, None, tmp_path / "terug.qdpx")).sort_values("segment_id")
    assert back["location_gemeente"].tolist() == ["Deventer", "Dinkelland", "Olst-Wijhe"]
    assert _placed(back, overijssel) == [
        ("BU01500101", "WK015001"),
        ("BU17741010", "WK177410"),
        ("BU17731031", "WK177310"),
    ]


# --- QualCoder's CaseVar_/FileVar_ columns ----------------------------------------------------------------------


@needs_kwb_2020
def test_qualcoder_casevar_gemeente_outranks_its_filevar(tmp_path, overijssel):
    report = tmp_path / "qualcoder.csv"
    report.write_text(
        "Case,Filename,Coder,Coded,Id,Codename,Coded_Memo,FileVar_gemeente,CaseVar_buurt,CaseVar_Gemeente\n"
        "DEV-B01,int1.txt,ik,Het buurthuis (FICTIEF),ctid:1,Ontmoeten,,Dinkelland,Centrum,Deventer\n"
        "DIN-B01,int2.txt,ik,De markt (FICTIEF),ctid:2,Ontmoeten,,Dinkelland,Centrum,\n",
        encoding="utf-8",
    )
    segments = read_segments(report)
    assert segments["location_gemeente"].tolist() == ["Deventer", "Dinkelland"]
    assert _placed(segments, overijssel) == [("BU01500101", "WK015001"), ("BU17741010", "WK177410")]


# --- the respondents table ------------------------------------------------------------------------------------------


def _taguette(tmp_path: Path) -> Path:
    path = tmp_path / "taguette.csv"
    path.write_text(
        "id,document,tag,content\n"
        "1,DEV-B01,Ontmoeten,Het buurthuis (FICTIEF)\n"
        "2,DIN-B01,Ontmoeten,De markt (FICTIEF)\n"
        "3,HGL-B01,Ontmoeten,Het park (FICTIEF)\n"
        "4,ZWO-B01,Ontmoeten,De brug (FICTIEF)\n",
        encoding="utf-8",
    )
    return path


@needs_kwb_2020
@pytest.mark.parametrize("header", ["gemeente", "Gemeente", "municipality", "gemeentenaam"])
def test_a_respondents_table_gemeente_column_places_each_respondent(tmp_path, overijssel, header):
    table = tmp_path / "respondenten.csv"
    table.write_text(
        "# FICTIEF\n"
        f"respondent,role,location,{header},consent\n"
        "DEV-B01,bewoner,Centrum,Deventer,ja\n"
        "DIN-B01,bewoner,Centrum,1774,ja\n"  # a code Excel cut short
        "HGL-B01,bewoner,Klein Driene,nvt,ja\n"  # names no gemeente: read without it, with a note
        "ZWO-B01,bewoner,Noord,Zwolle,ja\n",  # Zwolle has no Noord: never Hengelo's
        encoding="utf-8",
    )
    segments = read_segments(_taguette(tmp_path), respondents=table)
    assert segments["location_gemeente"].tolist() == ["Deventer", "1774", "nvt", "Zwolle"]
    placed = resolve_locations(segments, overijssel, gemeente=OVERIJSSEL)
    assert _placed(segments, overijssel) == [
        ("BU01500101", "WK015001"),
        ("BU17741010", "WK177410"),
        ("BU01640203", "WK016402"),
        (None, None),
    ]
    assert "names no gemeente; read without it" in placed["reason"].iloc[2]
    assert placed["reason"].iloc[3].startswith("no match: 'Noord' is no buurt or wijk name of Zwolle")


@needs_kwb_2020
def test_a_respondents_table_without_gemeente_changes_nothing(tmp_path, overijssel):
    table = pd.DataFrame({"respondent": ["DEV-B01", "DIN-B01", "HGL-B01", "ZWO-B01"], "location": "Centrum"})
    segments = read_segments(_taguette(tmp_path), respondents=table)
    assert segments["location_gemeente"].isna().all()
    placed = resolve_locations(segments, overijssel, gemeente=OVERIJSSEL)
    assert placed["reason"].str.startswith("ambiguous between buurt 'Centrum'").all()


@needs_kwb_2020
def test_the_export_gemeente_wins_over_the_respondents_table(tmp_path, overijssel):
    """As for role, location and consent: the table fills only what the export lacks."""
    path = _qdpx(
        tmp_path / "beide.qdpx",
        [
            {"respondent": "DEV-B01", "Buurt": "Centrum", "gemeente": "Deventer"},
            {"respondent": "DIN-B01", "Buurt": "Centrum"},
        ],
    )
    table = pd.DataFrame({"respondent": ["DEV-B01", "DIN-B01"], "gemeente": ["Dinkelland", "Dinkelland"]})
    segments = read_segments(path, respondents=table)
    assert segments["location_gemeente"].tolist() == ["Deventer", "Dinkelland"]
    assert _placed(segments, overijssel) == [("BU01500101", "WK015001"), ("BU17741010", "WK177410")]


def test_a_respondents_table_with_only_a_gemeente_column_is_read(tmp_path):
    table = pd.DataFrame({"document": ["DEV-B01"], "gemeente": ["Deventer"]})
    path = tmp_path / "taguette.csv"
    path.write_text("id,document,tag,content\n1,DEV-B01,Ontmoeten,Het buurthuis (FICTIEF)\n", encoding="utf-8")
    assert read_segments(path, respondents=table)["location_gemeente"].tolist() == ["Deventer"]


# --- a build: the project file's [interviews.variables] gemeente and respondents table --------------------------


@needs_raw
def test_a_build_places_a_qdpx_by_its_gemeente_variable_and_the_respondents_table(tmp_path):
    """Hilversum and Hengelo (O.) both have a Noord: the variable the project file names, or the respondents
    table's gemeente, says which; without either it stays ambiguous, as before."""
    _qdpx(
        tmp_path / "regio.qdpx",
        [
            {"respondent": "HIL-B01", "Buurt": "Noord", "Plaats": "Hilversum"},
            {"respondent": "HGL-B01", "Buurt": "Noord"},
            {"respondent": "REG-B01", "Buurt": "Noord"},
        ],
    )
    (tmp_path / "respondenten.csv").write_text(
        "# FICTIEF\nrespondent,role,gemeente,consent\nHIL-B01,bewoner,,ja\nHGL-B01,bewoner,Hengelo Ov,ja\n"
        "REG-B01,bewoner,,ja\n",
        encoding="utf-8",
    )
    section = (
        '[interviews]\nsegments = "regio.qdpx"\nfictional = true\nrespondents = "respondenten.csv"\n'
        '[interviews.variables]\ngemeente = "Plaats"\n'
    )
    placed = _segments(_build(tmp_path, REGION, section)).astype(object)
    placed = placed.fillna("")
    assert sorted(zip(placed["buurt_code"], placed["wijk_code"], strict=True)) == [
        ("", ""),
        ("", "WK016402"),  # Hengelo's Noord is a buurt and the wijk around it: placed in the wijk
        ("BU04020703", "WK040207"),
    ]
    unplaced = placed.loc[placed["wijk_code"].eq(""), "reason"].iloc[0]
    assert unplaced.startswith("ambiguous between") and "BU04020703" in unplaced and "BU01640200" in unplaced


def test_two_rows_of_one_respondent_with_another_gemeente_are_refused_by_row(tmp_path):
    table = tmp_path / "respondenten.csv"
    table.write_text("respondent,gemeente\nDEV-B01,Deventer\nDEV-B01,Dinkelland\n", encoding="utf-8")
    path = tmp_path / "taguette.csv"
    path.write_text("id,document,tag,content\n1,DEV-B01,Ontmoeten,Het buurthuis (FICTIEF)\n", encoding="utf-8")
    with pytest.raises(ValidationError) as error:
        read_segments(path, respondents=table)
    assert error.value.problems == [
        f"{table}, rows 2 and 3, field 'gemeente': respondent 'DEV-B01' has 'Deventer' on row 2 but 'Dinkelland' "
        "on row 3; keep one row per respondent, with the right value."
    ]


@needs_kwb_2020
def test_maxqdas_coded_segments_take_the_gemeente_from_the_respondents_table_by_document(tmp_path, overijssel):
    sheet = tmp_path / "maxqda.csv"
    sheet.write_text(
        "Kleur;Documentgroep;Documentnaam;Code;Begin;Einde;Segment\n"
        ";FICTIEF;Interview DEV-B01;Ontmoeten;1;1;Het buurthuis (FICTIEF)\n"
        ";FICTIEF;Interview DIN-B01;Ontmoeten;1;1;De markt (FICTIEF)\n",
        encoding="utf-8",
    )
    table = pd.DataFrame(
        {
            "document": ["Interview DEV-B01", "Interview DIN-B01"],
            "locatie": "Centrum",
            "Gemeente": ["GM0150", "Gemeente Dinkelland"],
        }
    )
    segments = read_segments(sheet, respondents=table)
    assert _placed(segments, overijssel) == [("BU01500101", "WK015001"), ("BU17741010", "WK177410")]
