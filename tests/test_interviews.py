"""Interview segments: reading, themes, location resolution and pseudonyms, on the fictional Hengelo sample."""

from __future__ import annotations

import csv
import hashlib
import hmac
import stat
from datetime import datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from buurtdata import datasets
from buurtdata._errors import BuurtdataError, InputFileError, ValidationError
from buurtdata.sources import interviews
from buurtdata.sources.geometry import read_boundaries
from buurtdata.sources.interviews import (
    attach_themes,
    load_or_create_key,
    pseudonymise,
    read_codebook,
    read_pc6,
    read_segments,
    resolve_locations,
)

SAMPLE = datasets.get_path("hengelo/interviews_fictief.csv")
CODEBOOK = datasets.get_path("hengelo/codebook.csv")
PC6 = datasets.get_path("hengelo/pc6hnr_fictief.csv")
HEADER = "segment_id,respondent,role,code,quote,location,date,consent\n"
KEY = b"a fixed test key of 32 bytes...."


@pytest.fixture(scope="module")
def regions() -> pd.DataFrame:
    """The regions table of Hengelo (O.) as the pipeline provides it, built from the shipped KWB 2024 files."""
    return hengelo_regions()


def hengelo_regions(*, postcodes: bool = True) -> pd.DataFrame:
    """The regions table of the sample's Hengelo (O.) from its KWB 2024 files; without ``postcodes`` its buurten have
    none (a place is then read by its name or code alone)."""
    data = pd.read_parquet(datasets.get_path("hengelo/kwb2024_85984NED.parquet"))
    titles = pd.read_parquet(datasets.get_path("hengelo/kwb2024_85984NED_regions.parquet"))
    code = data["WijkenEnBuurten"].str.strip()
    level = data["SoortRegio_2"].str.strip().str.lower()
    is_buurt = level == "buurt"
    table = pd.DataFrame(
        {
            "code": code,
            "level": level,
            "name": code.map(titles.assign(Key=titles["Key"].str.strip()).set_index("Key")["Title"].str.strip()),
            "gemeente_code": "GM" + code.str[2:6],
            "wijk_code": ("WK" + code.str[2:8]).where(is_buurt),
            "postcode": data["MeestVoorkomendePostcode_125"].str.strip().where(is_buurt) if postcodes else None,
        }
    )
    return table[level != "land"].reset_index(drop=True)


@pytest.fixture(scope="module")
def segments() -> pd.DataFrame:
    return read_segments(SAMPLE)


@pytest.fixture(scope="module")
def boundaries():
    return read_boundaries(datasets.get_path("hengelo/buurten.gpkg"), layer="buurten")


@pytest.fixture(scope="module")
def placed(segments, regions, boundaries) -> pd.DataFrame:
    themed = attach_themes(segments, read_codebook(CODEBOOK))
    return resolve_locations(themed, regions, gemeente="GM0164", pc6=read_pc6(PC6), boundaries=boundaries)


def _at(placed: pd.DataFrame, location: str) -> pd.DataFrame:
    return placed[placed["location_raw"] == location]


def _write(tmp_path, text: str, name: str = "segmenten.csv", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# --- the sample -------------------------------------------------------------------------------------


def test_sample_is_marked_fictional():
    for path in (SAMPLE, CODEBOOK):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("#") and "FICTIEF" in first


def test_sample_segments(segments):
    assert list(segments.columns) == interviews.SEGMENT_COLUMNS
    assert len(segments) == 170
    assert segments["respondent"].nunique() == 40
    assert segments.index.name == "row" and segments.index[0] == 6  # 4 comment lines and the header
    first = segments.loc[6]
    assert segments["text_note"].isna().all()  # only a QDA selection without text has one
    assert first.drop(["document", "date", "text_note", "location_gemeente"]).to_dict() == {
        "segment_id": "S001",
        "source": "interviews_fictief.csv",
        "respondent": "HGL-B01",
        "role": "bewoner",
        "code_id": "Geldzorgen/Rondkomen",
        "text": "Ik werk veertig uur en toch red ik het niet.",
        "location_raw": "Berflo Es Noord",
        "consent": True,
    }
    assert segments["document"].isna().all()
    assert segments.loc[6, "date"] == pd.Timestamp("2025-05-01")
    assert segments["role"].value_counts().to_dict() == {
        "bewoner": 124,
        "professional": 30,
        "ondernemer": 13,
        "onbekend": 3,
    }
    assert segments["consent"].dtype == bool and (~segments["consent"]).sum() == 8
    assert segments["location_raw"].isna().sum() == 3


def test_roles_are_normalised_from_variants(segments):
    written = pd.read_csv(SAMPLE, comment="#", dtype=str, keep_default_na=False)
    pairs = set(zip(written["role"], segments["role"], strict=True))
    assert {("wijkwerker", "professional"), ("sociaal makelaar", "professional"), ("Bewoner", "bewoner"),
            ("winkelier", "ondernemer"), ("inwoner", "bewoner"), ("", "onbekend")} <= pairs  # fmt: skip


def test_sample_codebook():
    book = read_codebook(CODEBOOK)
    assert list(book.columns) == interviews.CODEBOOK_COLUMNS
    assert len(book) == 43
    assert book["theme"].nunique() == 12
    row = book.set_index("code_id").loc["Continuïteit van hulp/Wisselende hulpverleners"]
    assert (row["name"], row["theme"]) == ("Wisselende hulpverleners", "Continuïteit van hulp")


def test_every_sample_segment_gets_a_theme(placed):
    assert placed["theme"].notna().all()
    counts = placed["theme"].value_counts()
    # Every theme of 18 or more segments, so that the order pandas gives a tie does not matter.
    assert counts[counts >= 18].to_dict() == {"Geldzorgen": 20, "Wonen": 19, "Eenzaamheid": 18, "Veiligheid": 18}
    assert list(placed.columns[5:7]) == ["code_id", "theme"]


# --- locations on the sample --------------------------------------------------------------------------


def test_resolved_by_counts_on_sample(placed, segments):
    assert placed.index.equals(segments.index)  # nothing dropped
    assert placed["resolved_by"].value_counts().to_dict() == {
        "buurtnaam": 105,
        "buurtcode": 20,
        # "Noord" (4 segments) and "Woolde" (3) name a buurt and the wijk around it: placed in the wijk.
        "onbekend": 13,
        "wijknaam": 16,
        "wijkcode": 5,
        "pc6": 4,
        "postcode": 4,
        "coordinaten": 3,
    }
    assert placed["buurt_code"].notna().sum() == 132
    assert set(placed["resolved_by"]) <= set(interviews.RESOLVED_BY)


def test_unplaced_rows_are_kept_with_a_reason(placed):
    unplaced = placed[placed["resolved_by"] == "onbekend"]
    assert unplaced["buurt_code"].isna().all() and unplaced["wijk_code"].isna().all()
    assert unplaced["reason"].str.split(":").str[0].str.split().str[0].value_counts().to_dict() == {
        "ambiguous": 3,  # the 7 of "Noord" and "Woolde" now fall back to their wijk
        "no": 5,
        "empty": 3,
        "outside": 2,
    }
    assert _at(placed, "bij de markt")["reason"].iloc[0].startswith("no match: 'bij de markt'")
    assert placed.loc[placed["location_raw"].isna(), "reason"].eq("empty: no location given").all()
    assert _at(placed, "BU01530101")["reason"].iloc[0] == (
        "outside gemeente: BU01530101 lies in GM0153, not in GM0164 (Hengelo (O.))"
    )
    assert "it may lie outside the gemeente" in _at(placed, "7511")["reason"].iloc[0]


@pytest.mark.parametrize(
    ("location", "buurt", "wijk"), [("Noord", "BU01640200", "WK016402"), ("Woolde", "BU01640701", "WK016407")]
)
def test_name_of_a_buurt_and_its_wijk_falls_back_to_the_wijk(placed, location, buurt, wijk):
    rows = _at(placed, location)
    assert len(rows) > 0
    assert (rows["resolved_by"] == "wijknaam").all() and rows["buurt_code"].isna().all()
    assert (rows["wijk_code"] == wijk).all()
    reason = rows["reason"].iloc[0]
    assert reason.startswith("ambiguous between") and buurt in reason and wijk in reason
    assert "placed in the wijk only" in reason


@pytest.mark.parametrize(
    ("location", "buurt", "score"),
    [("Tichelwrek", "BU01640101", 90), ("nijverhijd", "BU01640604", 90), ("Kleine Driene", "BU01640203", 96)],
)
def test_misspelt_buurt_names_are_placed_and_say_so(placed, location, buurt, score):
    rows = _at(placed, location)
    assert (rows["buurt_code"] == buurt).all() and (rows["resolved_by"] == "buurtnaam").all()
    assert rows["reason"].iloc[0].endswith(f"({buurt}), similarity {score}")


@pytest.mark.parametrize(
    ("location", "buurt", "wijk", "resolved_by"),
    [
        ("Berflo Es Noord", "BU01640501", "WK016405", "buurtnaam"),
        ("berflo es noord", "BU01640501", "WK016405", "buurtnaam"),
        ("KLEIN DRIENE", "BU01640203", "WK016402", "buurtnaam"),
        ("Groot Driene Noord", "BU01640403", "WK016404", "buurtnaam"),
        ("Tuindorp t Lansink", "BU01640601", "WK016406", "buurtnaam"),
        ("t Wilbert", "BU01640102", "WK016401", "buurtnaam"),
        ("BU01640501", "BU01640501", "WK016405", "buurtcode"),
        ("01640203", "BU01640203", "WK016402", "buurtcode"),
        ("bu01640403", "BU01640403", "WK016404", "buurtcode"),
        ("016405", None, "WK016405", "wijkcode"),
        ("Wijk 05 Berflo Es", None, "WK016405", "wijknaam"),
        ("Hasseler Es", None, "WK016403", "wijknaam"),
        ("Wijk 02 Noord", None, "WK016402", "wijknaam"),
    ],
)
def test_sample_locations(placed, location, buurt, wijk, resolved_by):
    row = _at(placed, location).iloc[0]
    assert (row["buurt_code"] if pd.notna(row["buurt_code"]) else None, row["wijk_code"], row["resolved_by"]) == (
        buurt,
        wijk,
        resolved_by,
    )
    assert pd.isna(row["reason"])  # an exact match needs no explanation


def test_postcode_shared_by_buurten_of_one_wijk_places_only_the_wijk(placed):
    row = _at(placed, "7557").iloc[0]
    assert (pd.isna(row["buurt_code"]), row["wijk_code"], row["resolved_by"]) == (True, "WK016402", "postcode")
    assert row["reason"].startswith("ambiguous between buurt 'Noord' (BU01640200), buurt 'Elsbeek' (BU01640201)")
    assert "so the segment is placed in the wijk only" in row["reason"]


def test_postcode_shared_across_wijken_places_nothing(placed):
    row = _at(placed, "7554").iloc[0]
    assert row["resolved_by"] == "onbekend" and pd.isna(row["wijk_code"])
    assert row["reason"].startswith("ambiguous between buurt 'Bedrijventerrein Twentekanaal-Zuid II' (BU01640500)")
    assert row["reason"].count("(BU0164") == 8


def test_four_buurten_have_a_theme_raised_by_three_respondents(placed):
    counts = placed.dropna(subset=["buurt_code"]).groupby(["buurt_code", "theme"])["respondent"].nunique()
    shown = counts[counts >= 3]
    assert sorted(shown.index.get_level_values(0).unique()) == ["BU01640203", "BU01640403", "BU01640501", "BU01640604"]
    assert shown.to_dict() == {
        ("BU01640203", "Jongeren"): 4,
        ("BU01640203", "Veiligheid"): 3,
        ("BU01640403", "Groen en openbare ruimte"): 4,
        ("BU01640501", "Eenzaamheid"): 3,
        ("BU01640501", "Geldzorgen"): 5,
        ("BU01640501", "Ontmoeten"): 3,
        ("BU01640501", "Samen doen"): 3,
        ("BU01640604", "Geldzorgen"): 3,
        ("BU01640604", "Wonen"): 3,
    }


# --- locations: rules beyond the sample -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("location", "buurt", "wijk", "resolved_by", "reason"),
    [
        ("1640101", "BU01640101", "WK016401", "buurtcode", "'1640101' read as 01640101: leading zero restored"),
        ("TÍCHELWERK", "BU01640101", "WK016401", "buurtnaam", None),
        ("'t  Wilbert.", "BU01640102", "WK016401", "buurtnaam", None),
        ("wijk 2 noord", None, "WK016402", "wijknaam", None),
        ("WK 016402", None, "WK016402", "wijkcode", None),
        ("7557 AB", None, "WK016402", "postcode", "ambiguous between buurt 'Noord'"),
        ("Hasselr Es", None, "WK016403", "wijknaam", "'Hasselr Es' read as wijk 'Wijk 03 Hasseler Es' (WK016403)"),
        ("Hengelo", None, None, "onbekend", "no match: 'Hengelo' is the whole gemeente"),
        ("GM0164", None, None, "onbekend", "no match: GM0164 is the whole gemeente"),
        ("BU01640999", None, None, "onbekend", "no match: GM0164 has no buurt BU01640999"),
        ("BU016405011", None, None, "onbekend", "no match: 'BU016405011' looks like a region code"),
        ("Bedrijventerrein Twentekanaal-Zuid", None, None, "onbekend", "ambiguous between buurt"),
        ("Vossenbelt", None, None, "onbekend", "no match"),
    ],
)
def test_location_rules(regions, location, buurt, wijk, resolved_by, reason):
    row = resolve_locations(pd.DataFrame({"location_raw": [location]}), regions, gemeente="gm0164").iloc[0]
    got = row[["buurt_code", "wijk_code", "resolved_by", "reason"]].tolist()
    assert [None if pd.isna(v) else v for v in got[:3]] == [buurt, wijk, resolved_by]
    assert pd.isna(got[3]) if reason is None else got[3].startswith(reason)


def test_unique_postcode_places_the_buurt_as_a_weak_link():
    regions = pd.DataFrame(
        {
            "code": ["GM9999", "WK999901", "BU99990101", "BU99990102"],
            "level": ["gemeente", "wijk", "buurt", "buurt"],
            "name": ["Voorbeeld", "Wijk 01 Centrum", "Centrum", "Café-buurt"],
            "gemeente_code": "GM9999",
            "wijk_code": [None, None, "WK999901", "WK999901"],
            "postcode": [None, None, "1234", "1235"],
        }
    )
    placed = resolve_locations(
        pd.DataFrame({"location_raw": ["1235", "cafe buurt", "Centrum"]}), regions, gemeente="GM9999"
    )
    assert placed["buurt_code"].tolist()[:2] == ["BU99990102", "BU99990102"]
    # "Centrum" is the buurt and the wijk around it: the wijk, as for a postcode its buurten share.
    assert placed["resolved_by"].tolist() == ["postcode", "buurtnaam", "wijknaam"]
    assert placed.loc[2, "wijk_code"] == "WK999901" and pd.isna(placed.loc[2, "buurt_code"])
    assert placed.loc[0, "reason"] == "weak link: 1235 is the most common postcode of buurt 'Café-buurt' (BU99990102)"


def test_regions_without_the_gemeente_is_an_error(regions):
    with pytest.raises(BuurtdataError, match=r"regions has no buurten of GM0363; it holds gemeenten GM0164"):
        resolve_locations(pd.DataFrame({"location_raw": ["x"]}), regions, gemeente="GM0363")
    with pytest.raises(BuurtdataError, match=r"regions lacks column\(s\) postcode"):
        resolve_locations(pd.DataFrame({"location_raw": ["x"]}), regions.drop(columns="postcode"), gemeente="GM0164")


def test_missing_values_stay_missing(tmp_path, regions):
    """An empty cell is missing, never the text 'None' or 'nan' (pandas 2.2 makes that of astype("str"))."""
    segments = read_segments(_write(tmp_path, HEADER + "S1,B1,bewoner,Wonen,,,,ja\n"))
    book = read_codebook(_write(tmp_path, "code,theme,description\nWonen,,\n", name="codeboek.csv"))
    placed = resolve_locations(attach_themes(segments, book), regions, gemeente="GM0164")
    for frame, missing in [
        (segments, ["document", "text", "location_raw"]),
        (book, ["description"]),
        (placed, ["document", "text", "location_raw", "buurt_code", "wijk_code"]),
    ]:
        assert frame[missing].isna().all().all(), frame[missing].iloc[0].tolist()
        texts = frame.select_dtypes(exclude=["bool", "datetime"]).astype(object)
        assert not texts.isin(["None", "nan", "NaN", "<NA>", ""]).any().any()
    assert placed["reason"].tolist() == ["empty: no location given"]


# --- pseudonyms ---------------------------------------------------------------------------------------


def test_pseudonyms_are_stable_keyed_and_hide_the_id(segments):
    first, again = pseudonymise(segments, KEY), pseudonymise(segments, KEY)
    assert first["respondent"].equals(again["respondent"])
    assert first["respondent"].str.fullmatch(r"R-[0-9a-f]{10}").all()
    assert first["respondent"].nunique() == segments["respondent"].nunique() == 40
    assert not any(raw in fake for raw in segments["respondent"] for fake in first["respondent"])
    # Keyed on the id in its normal spelling (normalise_respondents): HGL-B01 -> HGLB1.
    expected = "R-" + hmac.new(KEY, b"HGLB1", hashlib.sha256).hexdigest()[:10]
    assert first.loc[6, "respondent"] == expected
    assert segments.loc[6, "respondent"] == "HGL-B01"  # input untouched
    other = pseudonymise(segments, b"another key")
    assert not set(other["respondent"]) & set(first["respondent"])
    with pytest.raises(BuurtdataError, match="non-empty bytes, not str"):
        pseudonymise(segments, "secret")


def test_key_file_is_created_once_and_private(tmp_path):
    path = tmp_path / "sub" / "pseudonym.key"
    key = load_or_create_key(path)
    assert len(key) == 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_or_create_key(path) == key
    assert list(path.parent.iterdir()) == [path]  # no temporary file left behind
    path.write_bytes(b"short")
    with pytest.raises(BuurtdataError, match=r"pseudonym.key holds 5 bytes"):
        load_or_create_key(path)


def test_key_file_defaults_to_settings(tmp_path, monkeypatch):
    from buurtdata import settings

    monkeypatch.setattr(settings, "key_file", tmp_path / "k.key")
    key = load_or_create_key()
    assert (tmp_path / "k.key").read_bytes() == key


# --- formats ------------------------------------------------------------------------------------------


def test_xlsx_gives_the_same_frame_as_csv(tmp_path, segments):
    book = openpyxl.Workbook()
    sheet = book.active
    with SAMPLE.open(encoding="utf-8", newline="") as handle:
        for cells in csv.reader(handle):
            sheet.append(cells if not cells[0].startswith("#") else [",".join(cells)])
    book.save(tmp_path / "interviews_fictief.xlsx")
    from_xlsx = read_segments(tmp_path / "interviews_fictief.xlsx")
    assert from_xlsx["source"].eq("interviews_fictief.xlsx").all()
    pd.testing.assert_frame_equal(from_xlsx.drop(columns="source"), segments.drop(columns="source"))


def test_semicolon_csv_with_bom_gives_the_same_frame(tmp_path, segments):
    with SAMPLE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    path = tmp_path / "interviews_fictief.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        handle.writelines(",".join(r) + "\n" for r in rows if r[0].startswith("#"))
        csv.writer(handle, delimiter=";", lineterminator="\r\n").writerows(r for r in rows if not r[0].startswith("#"))
    pd.testing.assert_frame_equal(read_segments(path), segments)


def test_xlsx_cells_of_other_types(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["respondent", "role", "code", "quote", "location", "date", "consent"])
    book.active.append(["B1", "Jongerenwerker", "Jongeren", "Tekst", 7557, datetime(2025, 3, 14), True])
    book.save(tmp_path / "typed.xlsx")
    row = read_segments(tmp_path / "typed.xlsx").loc[2]
    assert (row["segment_id"], row["role"], row["location_raw"], row["date"], row["consent"]) == (
        "typed.xlsx:2", "professional", "7557", pd.Timestamp("2025-03-14"), True,
    )  # fmt: skip


def test_optional_document_column_and_multiline_quote(tmp_path):
    path = _write(
        tmp_path,
        'respondent;document;role;code;quote;location;consent\nB1;gesprek 1;bewoner;Wonen;"twee\nregels; ja";Noord;JA\n'
        "B2;;;Wonen;x;;nee\n",
    )
    frame = read_segments(path)
    assert frame.index.tolist() == [2, 3]  # the rows a spreadsheet shows (sweep12 F12), not lines 2 and 4
    assert frame.loc[2, "text"] == "twee\nregels; ja" and frame.loc[2, "document"] == "gesprek 1"
    assert pd.isna(frame.loc[3, "document"]) and frame.loc[3, "role"] == "onbekend" and pd.isna(frame.loc[3, "date"])


# --- bad input ----------------------------------------------------------------------------------------


def test_empty_file(tmp_path):
    path = _write(tmp_path, "")
    with pytest.raises(InputFileError, match=r"segmenten\.csv is empty; start from the template .*sjabloon\.csv"):
        read_segments(path)


def test_file_with_only_comments_or_only_a_header(tmp_path):
    with pytest.raises(InputFileError, match=r"segmenten\.csv has no header row"):
        read_segments(_write(tmp_path, "# alleen commentaar\n\n"))
    with pytest.raises(InputFileError, match=r"segmenten_sjabloon\.csv has a header but no rows"):
        read_segments(interviews.TEMPLATE)  # the shipped template itself is valid but empty


def test_missing_column_names_file_column_and_template(tmp_path):
    path = _write(tmp_path, "segment_id,respondent,role,code,quote,location,date\nS1,B1,bewoner,Wonen,x,Noord,\n")
    with pytest.raises(InputFileError) as error:
        read_segments(path)
    message = str(error.value)
    assert str(path) in message and "no column 'consent'" in message
    assert str(interviews.TEMPLATE) in message and "Expected columns: segment_id, document, respondent" in message


def test_tab_separated_file_is_read_and_another_separator_gets_a_hint(tmp_path):
    # Tab separated, as NVivo and Excel's "Unicode text" write (those as UTF-16): read like the comma's.
    rows = HEADER + "S1,B1,bewoner,Wonen,x,Noord,,ja\n"
    expected = read_segments(_write(tmp_path, rows)).drop(columns="source")
    path = _write(tmp_path, rows.replace(",", "\t"))
    pd.testing.assert_frame_equal(read_segments(path).drop(columns="source"), expected)
    (tmp_path / "unicode.txt").write_bytes(rows.replace(",", "\t").replace("\n", "\r\n").encode("utf-16"))
    pd.testing.assert_frame_equal(read_segments(tmp_path / "unicode.txt").drop(columns="source"), expected)
    path = _write(tmp_path, rows.replace(",", "|"))
    with pytest.raises(InputFileError, match=r"The header is one cell: separate columns with , ; or a tab"):
        read_segments(path)


def test_bad_values_are_collected_and_name_row_field_and_value(tmp_path):
    path = _write(
        tmp_path,
        "# commentaar\n" + HEADER + "S1,B1,stagiair,Wonen,x,Noord,2025-13-40,misschien\nS1,,bewoner,,x,Noord,,\n",
    )
    with pytest.raises(ValidationError) as error:
        read_segments(path)
    problems = error.value.problems
    assert problems == [
        f"{path}, row 3, field 'role': 'stagiair' is not a known role; use one of bewoner, professional, ondernemer, "
        "onbekend (variants such as wijkwerker, jongerenwerker or winkelier are read as their role).",
        f"{path}, row 3, field 'date': '2025-13-40' is not a date; write 2025-03-14 or 14-03-2025.",
        f"{path}, row 3, field 'consent': 'misschien' is not ja or nee; fill in ja or nee.",
        f"{path}, row 4, field 'respondent': is empty; every segment needs one.",
        f"{path}, row 4, field 'code': is empty; every segment needs one.",
        f"{path}, rows 3, 4, field 'segment_id': 'S1' occurs 2 times; make each one unique.",
    ]
    # An empty consent is no problem but no consent: read as nee (test_interview_shapes).
    assert str(error.value).startswith("6 problem(s):")


def test_unquoted_separator_in_text(tmp_path):
    path = _write(tmp_path, HEADER + "S1,B1,bewoner,Wonen,ja, echt,Noord,2025-03-01,ja\n")
    with pytest.raises(ValidationError, match=r"row 2: 9 cells but the header has 8; put text that contains"):
        read_segments(path)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("interviews.pdf", b"%PDF-1.7", r"interviews\.pdf: cannot read '\.pdf'; save it as \.csv \(UTF-8\) or \.xlsx"),
        ("interviews", b"x", r"cannot read 'a file without extension'"),
        ("interviews.xlsx", HEADER.encode(), r"interviews\.xlsx is not an XLSX workbook"),
        ("interviews.csv", b"PK\x03\x04rest", r"interviews\.csv is a zip archive \(an XLSX workbook\?\), not CSV"),
        # UTF-16 with its byte order mark is read; without one it cannot be told from binary.
        ("interviews.csv", HEADER.encode("utf-16-le"), r"interviews\.csv is not a UTF-8 text file"),
        # cp1252 is read (see below), but not a file that mixes it with UTF-8 or holds a byte cp1252 lacks.
        ("interviews.csv", (HEADER + "S1,B1,bewoner,Wonen,café,Noord,,ja\n").encode()
         + "S2,B1,bewoner,Wonen,café,Noord,,ja\n".encode("cp1252"),
         r"interviews\.csv, row 3: not UTF-8 \(byte 0xe9\); it holds UTF-8 text too, so it is no cp1252 either; "
         r"in Excel use 'Save as' > 'CSV UTF-8'"),
        ("interviews.csv", HEADER.encode() + b"S1,B1,bewoner,Wonen,caf\x81,Noord,,ja\n",
         r"interviews\.csv, row 2: not UTF-8 \(byte 0x81\); in Excel use 'Save as' > 'CSV UTF-8'"),
    ],
)  # fmt: skip
def test_not_a_csv_or_xlsx(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputFileError, match=message):
        read_segments(path)


def test_a_csv_saved_the_dutch_excel_way_is_read_as_cp1252_with_a_warning(tmp_path):
    # User test: Excel's "CSV (gescheiden door lijstscheidingsteken)" on Dutch Windows, cp1252 and ";".
    text = (
        "segment_id;respondent;role;code;quote;location;date;consent\n"
        "S1;B1;bewoner;Wonen;Geïnterviewd € café;Noord;;ja\n"
    )
    path = _write(tmp_path, text, encoding="cp1252")
    with pytest.warns(interviews.tables.WindowsEncodingWarning, match=r"segmenten\.csv: not UTF-8, read as cp1252"):
        segments = read_segments(path)
    assert segments.loc[2, "text"] == "Geïnterviewd € café"


DUTCH_HEADER = "Fragment,Deelnemer,Rol,Code,Citaat,Buurt,Datum,Toestemming\n"


@pytest.mark.parametrize(
    "header",
    [DUTCH_HEADER, "segment,respondent,ROL,code,tekst,plek,datum,toestemming\n",
     "fragment,respondent,rol,code,fragmenttekst,locatie,datum,toestemming\n"],
)  # fmt: skip
def test_dutch_column_names_are_read_as_the_template_s(tmp_path, header):
    segments = read_segments(_write(tmp_path, header + "S1,B1,bewoner,Wonen,Het is hier fijn,Noord,14-03-2025,ja\n"))
    row = segments.loc[2]
    assert (row["segment_id"], row["respondent"], row["role"], row["text"], row["location_raw"]) == (
        "S1", "B1", "bewoner", "Het is hier fijn", "Noord",
    )  # fmt: skip
    assert row["consent"] and row["date"] == pd.Timestamp("2025-03-14")


def test_one_column_under_an_english_and_a_dutch_name_is_refused_naming_both(tmp_path):
    path = _write(
        tmp_path, "segment_id,respondent,rol,code,quote,citaat,locatie,toestemming\nS1,B1,bewoner,W,x,y,N,ja\n"
    )
    with pytest.raises(
        InputFileError, match=r"segmenten\.csv: the header names one column twice \('quote' and 'citaat'"
    ):
        read_segments(path)


def test_a_missing_column_points_to_the_template_in_the_project_folder(tmp_path):
    path = _write(tmp_path, "segment_id,respondent,rol,code,citaat,toestemming\nS1,B1,bewoner,W,y,ja\n")
    with pytest.raises(InputFileError) as error:
        read_segments(path)
    assert str(interviews.TEMPLATE) in str(error.value) and "location: locatie, buurt, plek" in str(error.value)
    copy = tmp_path / interviews.TEMPLATE.name
    copy.write_bytes(interviews.TEMPLATE.read_bytes())
    with pytest.raises(InputFileError, match=r"has no column 'location'") as error:
        read_segments(path)
    assert f"see the template {copy})" in str(error.value)


def test_a_real_name_as_respondent_id_is_warned_of_by_rows_not_names(tmp_path):
    rows = ["S1,B01,bewoner,W,x,Noord,,ja", "S2,Anneke de Boer,bewoner,W,x,Noord,,ja", "S3,Bewoner 3,bewoner,W,x,,,ja",
            "S4,anja,bewoner,W,x,,,ja", "S5,HGL-B01,bewoner,W,x,,,ja"]  # fmt: skip
    segments = read_segments(_write(tmp_path, HEADER + "\n".join(rows) + "\n"))
    with pytest.warns(interviews.privacy.RealNameWarning) as warned:
        interviews.warn_named_respondents(segments, names=("Anja",))
    assert len(warned) == 1
    message = str(warned[0].message)
    assert message.startswith("segmenten.csv: the respondent column holds what looks like a real name in row(s) 3, 5;")
    assert "Anneke" not in message and "anja" not in message.lower()
    interviews.warn_named_respondents(segments.loc[[2, 4, 6]])  # codes only: no warning (warnings are errors here)


def test_a_name_inside_a_respondent_id_is_warned_of(tmp_path):
    # User test B: a Taguette document "Gesprek Henk de Vries.docx" is its segments' respondent; not warned of.
    rows = [
        "S1,Gesprek Henk de Vries.docx,bewoner,W,x,Noord,,ja",
        "S2,Interview_Jan_Jansen.docx,bewoner,W,x,,,ja",
        "S3,Gesprek bewoner B03.docx,bewoner,W,x,,,ja",
        "S4,interview 3 wijkteam.docx,bewoner,W,x,,,ja",
        "S5,Truus,bewoner,W,x,,,ja",  # review p: a first name alone, and words joined by underscores
        "S6,Henk_de_Vries,bewoner,W,x,,,ja",
        "S7,Maandag,bewoner,W,x,,,ja",
    ]
    segments = read_segments(_write(tmp_path, HEADER + "\n".join(rows) + "\n"))
    with pytest.warns(interviews.privacy.RealNameWarning) as warned:
        interviews.warn_named_respondents(segments)
    (message,) = [str(w.message) for w in warned]
    assert "looks like a real name in row(s) 2, 3, 6, 7;" in message and "Vries" not in message


@pytest.mark.parametrize(
    ("named", "plain"),
    [
        # fix-names2: ids in lower case named a person without a word; codes and ordinary words do not.
        (
            ["interview_truus", "gesprek-henk-de-vries", "kees.docx", "gesprek_de_jong", "familie_bakker"],
            ["b01", "R-0123456789", "resp_01", "bewoner_oost", "focusgroep-jongeren", "interview_roos",
             "buurthuis_de_bron", "onbekend", "wijkagent-noord"],
        ),
        # Review T M5: numbering or dating an interview is the usual way to keep ids apart; codes stay silent.
        (
            ["truus_1", "interview_truus_2", "gesprek_henk_de_vries_2025", "2025-05-01_truus", "Truus_01", "Truus 1",
             "kees_1", "anna2"],
            ["B01", "resp_01", "HGL-B04-3", "R-0a1b2c3d4e", "S019", "bewoner_12", "interview_roos_3",
             "2025-05-01_b02"],
        ),
        # User test W: a team's code of three capitals and a number (Dinkelland's DIN-01) names nobody; a name in
        # capitals of four letters or more, or without a number, still does.
        (["KEES-01", "TRUUS_2", "ANNA"], ["DIN-01", "DEV-03", "ZWO_12", "DIN01"]),
        # Review AC 1: first names in capitals of three letters are names, unless they open a gemeente's name and
        # people are seldom called so (DIN, Dinkelland); NOA opens Noardeast-Fryslan but is a name first.
        (["JAN-01", "EVA-3", "IDA_2", "ALI-07", "NOA-01", "ZOE-2"], ["DIN-02", "TYN-01", "HGL-04"]),
    ],
)  # fmt: skip
def test_a_name_in_a_respondent_id_in_lower_case_or_numbered_is_warned_of(tmp_path, named, plain):
    # FICTIEF names. The warning names the rows, never the names.
    rows = [f"S{n},{id_},bewoner,W,x,,,ja" for n, id_ in enumerate(named + plain, start=1)]
    segments = read_segments(_write(tmp_path, HEADER + "\n".join(rows) + "\n"))
    with pytest.warns(interviews.privacy.RealNameWarning) as warned:
        interviews.warn_named_respondents(segments)
    (message,) = [str(w.message) for w in warned]
    listed = ", ".join(str(row) for row in range(2, len(named) + 2))
    assert f"looks like a real name in row(s) {listed};" in message
    assert not {"truus", "henk", "kees", "bakker", "anna"} & set(message.lower().replace("_", " ").split())


def test_unknown_format_argument_and_missing_file(tmp_path):
    with pytest.raises(InputFileError, match=r"format='ods' is not supported; choose 'csv' or 'xlsx'"):
        read_segments(SAMPLE, format="ods")
    with pytest.raises(FileNotFoundError, match=r"nope\.csv does not exist"):
        read_segments(tmp_path / "nope.csv")


def test_unknown_code_names_file_rows_code_and_fix(tmp_path):
    path = _write(
        tmp_path,
        HEADER + "S1,B1,bewoner,Ontmoten/Buurthuis,x,Noord,,ja\nS2,B1,bewoner,buurthuis,x,Noord,,ja\n"
        "S3,B2,bewoner,Ontmoten/Buurthuis,x,Noord,,ja\nS4,B2,bewoner,continuiteit van hulp / wachttijden,x,,,ja\n",
    )
    segments = read_segments(path)
    with pytest.raises(ValidationError) as error:
        attach_themes(segments, read_codebook(CODEBOOK))
    assert error.value.problems == [
        "segmenten.csv, rows 2, 4: code 'Ontmoten/Buurthuis' is not in the codebook (did you mean "
        "'Ontmoeten/Buurthuis'?); correct the code in the interview file or add it to the codebook.",
        "segmenten.csv, row 3: code 'buurthuis' is not in the codebook (did you mean 'Ontmoeten/Buurthuis'?); "
        "correct the code in the interview file or add it to the codebook.",
    ]
    themed = attach_themes(segments.loc[[5]], read_codebook(CODEBOOK))
    assert themed.loc[5, "code_id"] == "Continuïteit van hulp/Wachttijden"
    assert themed.loc[5, "theme"] == "Continuïteit van hulp"


def test_codebook_problems(tmp_path):
    path = _write(tmp_path, "code;theme\nWonen/Onderhoud;Geldzorgen\n;Wonen\nwonen / onderhoud;\n", name="codeboek.csv")
    with pytest.raises(ValidationError) as error:
        read_codebook(path)
    assert error.value.problems == [
        f"{path}, row 2, field 'theme': 'Geldzorgen' contradicts code 'Wonen/Onderhoud', whose theme is 'Wonen'; "
        "make them agree or leave theme empty.",
        f"{path}, row 3, field 'code': is empty; give the code or delete the row.",
        f"{path}, rows 2, 4, field 'code': 'Wonen/Onderhoud' and 'wonen/onderhoud', one code but for case, accents "
        "and spaces, occur 2 times; make each one unique.",
    ]


def test_a_code_written_twice_is_said_as_written(tmp_path):
    # Sweep 13 #14: the Ermelo codebook's Eenzaamheid, twice, was said as 'eenzaamheid', found nowhere in the file.
    path = _write(tmp_path, "code;theme\nEenzaamheid;Eenzaamheid\nWonen;Wonen\nEenzaamheid;Eenzaamheid\n", name="c.csv")
    with pytest.raises(ValidationError) as error:
        read_codebook(path)
    assert error.value.problems == [
        f"{path}, rows 2, 4, field 'code': 'Eenzaamheid' occurs 2 times; make each one unique."
    ]


def test_a_gemeente_code_of_another_gemeente_is_not_said_to_lie_in_itself(regions):
    # User test (Ermelo): "outside gemeente: GM0243 lies in GM0243, not in GM0233 (Ermelo)".
    placed = resolve_locations(pd.DataFrame({"location_raw": ["GM0243"]}), regions, gemeente="GM0164")
    assert placed["reason"].iloc[0] == "outside gemeente: GM0243 is another gemeente than GM0164 (Hengelo (O.))"


def test_a_pseudonym_read_back_as_respondent_id_is_no_phone_number():
    # A dossier's rebuild reads its segments' pseudonyms as ids; R- and ten digits warned as a phone number.
    segments = pd.DataFrame(
        {"respondent": ["R-0431739076", "R-a1b2c3d4e5"], "source": ["fragmenten/ronde_2.csv"] * 2}, index=[2, 3]
    )
    interviews.warn_named_respondents(segments)  # warnings are errors here


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("qda/nvivo", r"nvivo is a REFI-QDA project unpacked: zip what its folder holds \(project\.qde and Sources/\)"),
        ("qda/atlasti/project.qde", r"project\.qde is a REFI-QDA project unpacked: zip what its folder holds"),
        ("qda", r"qda is a folder; name the file in it to read"),
    ],
)
def test_a_part_of_a_qda_export_given_as_the_segments_is_told_what_to_give(given: str, said: str) -> None:
    # Sweep 14 F7: the fixtures' unzipped NVivo and ATLAS.ti projects gave "cannot read 'a file without extension'".
    with pytest.raises(InputFileError, match=said):
        read_segments(Path(__file__).parent / "fixtures" / given)


def test_a_qdc_given_as_the_segments_is_told_to_be_the_codebook(tmp_path: Path) -> None:
    codebook = tmp_path / "codes.qdc"
    codebook.write_text('<?xml version="1.0" encoding="utf-8"?><CodeBook/>', encoding="utf-8")
    with pytest.raises(InputFileError, match=r"codes\.qdc is a REFI-QDA codebook \(\.qdc\): read it as the codebook"):
        read_segments(codebook)
