"""Spreadsheets of interview segments in the shapes a user test found (made by hand here, after those files):
a cover sheet before the table, merged cells, a title above the header, Excel date numbers."""

from __future__ import annotations

import datetime
import warnings

import openpyxl
import pandas as pd
import pytest

from buurtdata._errors import InputFileError, ValidationError
from buurtdata.sources.interviews import read_codebook, read_segments
from buurtdata.sources.interviews.tables import CommentBelowWarning, OtherSheetWarning

HEADER = ["segment_id", "respondent", "role", "code", "quote", "location", "date", "consent"]
ROWS = [
    [f"S00{n}", "HGL-B01" if n < 5 else "HGL-B02", "bewoner", "Wonen", f"Citaat {n}.", place, "2025-05-01", "ja"]
    for n, place in enumerate(["Berflo Es Noord"] * 4 + ["Klein Driene"] * 3, start=1)
]


def _book(path, *sheets: tuple[str, list[list]]):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return book, path


def test_the_table_on_a_second_sheet_is_read(tmp_path):
    # An NVivo-style export: a note on the first sheet, the segments on "Segmenten".
    _, path = _book(
        tmp_path / "s.xlsx", ("Toelichting", [["Export NVivo 14, 2025-06-01"]]), ("Segmenten", [HEADER, *ROWS])
    )
    with pytest.warns(OtherSheetWarning, match=r"s.xlsx: the table is read from sheet 'Segmenten'.*row numbers"):
        segments = read_segments(path)
    assert segments["segment_id"].tolist() == [r[0] for r in ROWS]
    assert segments.index.tolist() == list(range(2, 9))


def test_a_workbook_without_the_table_names_the_sheets_it_looked_at(tmp_path):
    _, path = _book(tmp_path / "s.xlsx", ("Toelichting", [["Export NVivo 14"]]), ("Leeg", []), ("Codes", [["code"]]))
    with pytest.raises(InputFileError) as error:
        read_segments(path)
    assert str(error.value) == (
        f"{path}: no sheet holds a table with the expected columns; looked at the sheets 'Toelichting' (first "
        "row 'Export NVivo 14'), 'Leeg' (empty), 'Codes' (first row 'code'). Put the table on one sheet, its "
        "header in the first row."
    )


def test_a_header_without_rows_on_the_chosen_sheet_names_it(tmp_path):
    _, path = _book(tmp_path / "s.xlsx", ("Toelichting", [["Export"]]), ("Segmenten", [HEADER]))
    with (
        pytest.warns(OtherSheetWarning),
        pytest.raises(InputFileError, match=r"s.xlsx, sheet 'Segmenten' has a header but no rows"),
    ):
        read_segments(path)


def test_a_codebook_on_a_second_sheet_is_read(tmp_path):
    _, path = _book(tmp_path / "c.xlsx", ("Info", [["Codeboek"]]), ("Codes", [["code", "theme"], ["Wonen", "Wonen"]]))
    with pytest.warns(OtherSheetWarning, match="sheet 'Codes'"):
        assert read_codebook(path)["code_id"].tolist() == ["Wonen"]


@pytest.mark.parametrize(
    ("merged", "shown"),
    [(["F2:F5"], "F2:F5"), (["F2:F5", "B2:B5"], "F2:F5, B2:B5")],
    ids=["location", "location-and-respondent"],
)
def test_merged_cells_are_refused_with_their_ranges_not_filled_in(tmp_path, merged, shown):
    book, path = _book(tmp_path / "s.xlsx", ("Sheet", [HEADER, *ROWS]))
    sheet = book.active
    for cells in merged:
        sheet.merge_cells(cells)  # as Excel keeps them: the value in the first cell, the others empty
    book.save(path)
    with pytest.raises(InputFileError) as error:
        read_segments(path)
    message = str(error.value)
    assert message.startswith(f"{path}: the cells {shown} are merged")
    assert "Unmerge the cells and fill in each row" in message and "not filled in automatically" in message


def test_a_merged_title_above_the_header_is_no_merged_data(tmp_path):
    book, path = _book(tmp_path / "s.xlsx", ("Sheet", [HEADER, *ROWS]))
    book.active.insert_rows(1)
    book.active["A1"] = "Interviews 2025"
    book.active.merge_cells("A1:H1")
    book.save(path)
    with pytest.raises(InputFileError, match=r"row 2: the header is on row 2, below 'Interviews 2025' \(row 1\)"):
        read_segments(path)


def test_a_first_sheet_with_a_wrong_header_is_not_passed_over_for_another(tmp_path):
    # A typo in the header of the table on the first sheet: the rows of an old sheet would be read instead.
    typo = ["respondnet" if h == "respondent" else h for h in HEADER]
    _, path = _book(tmp_path / "s.xlsx", ("Data", [typo, *ROWS[:2]]), ("Oud", [HEADER, *ROWS[2:]]))
    with pytest.raises(InputFileError, match=r"s.xlsx has no column 'respondent'; found segment_id, respondnet"):
        read_segments(path)


@pytest.mark.parametrize(
    ("merged", "rows"),
    [("I2:K2", [[*ROWS[0], "notitie"], *ROWS[1:]]), ("A9:H9", [*ROWS, [], ["# bron: eigen onderzoek"]])],
    ids=["note-right-of-the-table", "comment-row"],
)
def test_cells_merged_within_one_row_lose_nothing_and_are_read(tmp_path, merged, rows):
    book, path = _book(tmp_path / "s.xlsx", ("Sheet", [HEADER, *rows]))
    book.active.merge_cells(merged)
    book.save(path)
    # A comment below the table is no segment, and said so.
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        assert read_segments(path)["segment_id"].tolist() == [row[0] for row in ROWS]
    assert [type(w.message) for w in said] == ([CommentBelowWarning] if merged == "A9:H9" else [])


def test_cells_merged_over_rows_right_of_the_table_are_read(tmp_path):
    book, path = _book(tmp_path / "s.xlsx", ("Sheet", [HEADER, [*ROWS[0], "notitie"], *ROWS[1:]]))
    book.active.merge_cells("J2:J5")
    book.save(path)
    assert len(read_segments(path)) == len(ROWS)


def test_a_title_merged_over_two_rows_gets_the_title_message(tmp_path):
    book, path = _book(tmp_path / "s.xlsx", ("Sheet", [["Interviews 2025"], [], HEADER, *ROWS]))
    book.active.merge_cells("A1:H2")
    book.save(path)
    with pytest.raises(InputFileError, match=r"row 3: the header is on row 3, below 'Interviews 2025' \(row 1\)"):
        read_segments(path)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_title_above_the_header_says_delete_the_rows_above_it(tmp_path, suffix):
    title = [["Interviews buurtteam Hengelo 2025 - export"] + [None] * 7, [None] * 8]
    path = tmp_path / f"s{suffix}"
    if suffix == ".xlsx":
        _book(path, ("Sheet", [*title, HEADER, *ROWS]))
    else:
        pd.DataFrame([*title, HEADER, *ROWS]).to_csv(path, index=False, header=False)
    with pytest.raises(InputFileError) as error:
        read_segments(path)
    assert str(error.value) == (
        f"{path}, row 3: the header is on row 3, below 'Interviews buurtteam Hengelo 2025 - export' (row 1); "
        "delete the rows above the header (rows 1-2) so that it is the first row."
    )


@pytest.mark.parametrize("separator", [",", ";", "\t"], ids=["comma", "semicolon", "tab"])
def test_a_title_above_a_csv_header_is_named_whatever_the_separator(tmp_path, separator):
    path = tmp_path / "s.csv"
    lines = ["Interviews Hengelo 2025", separator.join(HEADER), *(separator.join(row) for row in ROWS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputFileError) as error:
        read_segments(path)
    assert str(error.value) == (
        f"{path}, row 2: the header is on row 2, below 'Interviews Hengelo 2025' (row 1); delete the rows above "
        "the header (row 1) so that it is the first row."
    )


def test_an_excel_date_number_says_which_date_it_stands_for(tmp_path):
    rows = [list(r) for r in ROWS]
    rows[0][6] = 45778  # a date column not formatted as a date
    rows[1][6] = datetime.datetime(2025, 5, 1)
    _, path = _book(tmp_path / "s.xlsx", ("Sheet", [HEADER, *rows]))
    with pytest.raises(ValidationError) as error:
        read_segments(path)
    assert error.value.problems == [
        f"{path}, row 2, field 'date': '45778' is an Excel date number, which stands for 2025-05-01; format the "
        "column in Excel as a date (Format Cells > Date), or write 2025-05-01."
    ]


def _two_interviewers(path, *, summary=True):
    """Sweep 12 interviews F14 (``in/twosheets.xlsx``): one sheet per interviewer, the same header, and a summary."""
    sheets = [("Interviewer A", [HEADER, *ROWS[:4]]), ("Interviewer B", [HEADER, *ROWS[4:]])]
    return _book(path, *sheets, *([("Samenvatting", [["Thema", "Aantal"], ["Wonen", 7]])] if summary else []))[1]


def test_a_second_sheet_with_the_same_table_is_refused_not_dropped(tmp_path):
    # Only the first sheet was read, and the 3 segments of Interviewer B were lost without a word.
    path = _two_interviewers(tmp_path / "s.xlsx")
    with pytest.raises(InputFileError) as error:
        read_segments(path)
    assert str(error.value) == (
        f"{path}: the table is on sheet 'Interviewer A', but the sheet 'Interviewer B' (tab 2, 3 rows) holds a table "
        "with the same kind of header too; only one sheet is read, so the rows of the other sheet would be left out. "
        "Put all rows on one sheet (copy the rows of the other sheet below those of 'Interviewer A', without the "
        "header), or hide a sheet that should not be read (right-click its tab, Hide)."
    )
    assert "Samenvatting" not in str(error.value)  # another table (Thema, Aantal) is no sheet of segments


def test_every_other_sheet_with_the_table_is_named_after_a_cover_sheet(tmp_path):
    _, path = _book(
        tmp_path / "s.xlsx",
        ("Toelichting", [["Export"]]),
        ("Mei", [HEADER, *ROWS[:2]]),
        ("Juni", [HEADER, *ROWS[2:4], [], ["# nog na te kijken"]]),
        ("Juli", [["Interviews juli"], HEADER, *ROWS[4:]]),
    )
    with pytest.raises(InputFileError) as error:
        read_segments(path)
    message = str(error.value)  # the comment below Juni's rows is none, and Juli's title is no row
    assert "on sheet 'Mei', but the sheets 'Juni' (tab 3, 2 rows), 'Juli' (tab 4, 3 rows) hold a table" in message


def test_a_summary_sheet_or_a_hidden_copy_beside_the_table_is_not_refused(tmp_path):
    book, path = _two_interviewers(tmp_path / "s.xlsx"), None
    book = openpyxl.load_workbook(book)
    book["Interviewer B"].sheet_state = "hidden"
    book.save(path := tmp_path / "hidden.xlsx")
    with pytest.warns(OtherSheetWarning, match=r"hidden sheet \(tab 2 from the left\) is not read"):
        assert read_segments(path)["segment_id"].tolist() == [r[0] for r in ROWS[:4]]
    _, path = _book(tmp_path / "summary.xlsx", ("Data", [HEADER, *ROWS]), ("Samenvatting", [["Thema", "Aantal"]]))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(read_segments(path)) == len(ROWS)


def test_a_codebook_on_two_sheets_is_refused_naming_the_other(tmp_path):
    # in/cb2sheets.xlsx: the codes of the second sheet were missing, and the segments coded so were blamed.
    _, path = _book(
        tmp_path / "c.xlsx",
        ("Codes deel 1", [["code", "theme"], ["Eenzaamheid", "Eenzaamheid"]]),
        ("Codes deel 2", [["code", "theme"], ["Wonen", "Wonen"]]),
    )
    with pytest.raises(InputFileError, match=r"sheet 'Codes deel 2' \(tab 2, 1 row\) holds a table"):
        read_codebook(path)


def test_a_respondents_table_on_two_sheets_is_refused(tmp_path):
    from buurtdata.sources.interviews.respondents import _respondents_table

    header = ["respondent", "role", "location", "consent"]
    _, path = _book(
        tmp_path / "r.xlsx",
        ("A", [header, ["HGL-A1", "bewoner", "Berflo Es Noord", "ja"]]),
        ("B", [header, ["HGL-B1", "bewoner", "Berflo Es Zuid", "ja"], ["HGL-B2", "bewoner", "Berflo Es Zuid", "ja"]]),
    )
    with pytest.raises(InputFileError, match=r"on sheet 'A', but the sheet 'B' \(tab 2, 2 rows\)"):
        _respondents_table(path)


def test_another_table_whose_header_fits_is_not_the_same_table(tmp_path):
    # A codebook workbook with the coded segments beside it: their code column fits a codebook, the rest does not.
    _, path = _book(
        tmp_path / "c.xlsx", ("Codes", [["code", "theme"], ["Wonen", "Wonen"]]), ("Segmenten", [HEADER, *ROWS])
    )
    assert read_codebook(path)["code_id"].tolist() == ["Wonen"]
    # A sheet per interviewer, one with a column of notes more, is the same table.
    _, path = _book(
        tmp_path / "s.xlsx", ("A", [HEADER, *ROWS[:4]]), ("B", [[*HEADER, "notitie"], *[[*r, "x"] for r in ROWS[4:]]])
    )
    with pytest.raises(InputFileError, match=r"the sheet 'B' \(tab 2, 3 rows\) holds a table"):
        read_segments(path)
