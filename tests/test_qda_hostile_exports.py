"""QDA exports as people hand them over, uncurated (user test "QDA exports as real people hand them over"): a
password on the archive, a workbook that is no workbook, a CSV saved by Excel on a Mac, hidden rows, several codes in
one cell. Every file here is made up (FICTIEF)."""

from __future__ import annotations

import re
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from buurtdata._errors import InputFileError, ValidationError
from buurtdata.sources.interviews import attach_themes, read_codebook, read_segments
from buurtdata.sources.interviews.privacy import RealNameWarning, warn_named_respondents
from buurtdata.sources.interviews.sheet_xml import HiddenRowsWarning
from buurtdata.sources.interviews.tables import OtherSheetWarning, WindowsEncodingWarning

FIXTURES = Path(__file__).parent / "fixtures" / "qda"
TOP = "# FICTIEF: verzonnen fragmenten voor een test\n"
HEADER = "segment_id,respondent,role,code,quote,location,date,consent\n"
ROWS = [
    "S1,B01,bewoner,Ontmoeten,Het buurthuis is dicht.,Berflo Es Noord,2025-05-01,ja\n",
    "S2,B02,bewoner,Veiligheid,Er wordt te hard gereden.,Berflo Es Noord,2025-05-01,nee\n",
]


def _csv(tmp_path: Path, text: str, name: str = "segmenten.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _nvivo_into(archive: zipfile.ZipFile, folder: str = "") -> None:
    """Write the NVivo fixture project's files into ``archive``, under ``folder`` (a zipped project folder)."""
    nvivo = FIXTURES / "nvivo"
    for member in sorted(nvivo.rglob("*")):
        if member.is_file():
            archive.writestr(f"{folder}{member.relative_to(nvivo).as_posix()}", member.read_bytes())


def test_a_qdpx_with_a_password_is_refused_with_the_fix_not_a_traceback(tmp_path):
    # zip -P sets bit 0 of each member's flags (zipfile writes none, so they are set in the bytes); zipfile then
    # raises RuntimeError on reading.
    path = tmp_path / "wachtwoord.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        _nvivo_into(archive)
    data = bytearray(path.read_bytes())
    for signature, at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = data.find(signature)
        while start >= 0:
            data[start + at] |= 0x1
            start = data.find(signature, start + 1)
    path.write_bytes(bytes(data))
    for read in (read_segments, read_codebook):
        with pytest.raises(InputFileError, match=r"wachtwoord\.qdpx is protected with a password.*without a password"):
            read(path)


PAGE = "<html><head><meta charset='utf-8'></head><body><!-- FICTIEF --><table><tr><td>segment_id</td></tr></table>"


@pytest.mark.parametrize("name", ["export.csv", "export.xls", "export.xlsx"])
def test_a_web_page_saved_as_a_spreadsheet_is_named_so(tmp_path, name):
    # ATLAS.ti and web tools export "Excel" tables as HTML; a .csv of it read as a header without rows before.
    path = _csv(tmp_path, PAGE, name)
    with pytest.raises(InputFileError, match=rf"{name} is a web page \(HTML\).*save it as \.xlsx"):
        read_segments(path)


def test_a_workbook_with_a_password_or_of_excel_97_says_how_to_save_it(tmp_path):
    # An encrypted XLSX is an OLE2 compound file, as an .xls is: no zip.
    path = tmp_path / "geheim.xlsx"
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 1024)
    with pytest.raises(InputFileError, match=r"geheim\.xlsx is a workbook protected with a password.*remove the pass"):
        read_segments(path)
    with pytest.raises(InputFileError, match=r"oud\.xls is a workbook protected with a password.*Excel 97-2003"):
        read_segments(path.rename(tmp_path / "oud.xls"))


def test_rows_hidden_or_filtered_out_in_excel_are_read_and_named(tmp_path):
    # A researcher hides (or filters out) the rows of a withdrawn respondent and saves: those rows are still in the
    # file and read, so the reader says which, and that deleting is how to leave them out.
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["# FICTIEF", None, None, None, None, None, None, None])
    sheet.row_dimensions[1].hidden = True  # above the header: a hidden comment row says nothing
    for line in (HEADER, *ROWS, "S3,B03,bewoner,Wonen,Ingetrokken.,Berflo Es Noord,2025-05-01,ja\n"):
        sheet.append(line.strip().split(","))
    sheet.row_dimensions[5].hidden = True
    sheet.row_dimensions[9].hidden = True  # a hidden empty row below the table says nothing either
    sheet.auto_filter.ref = "A2:H5"
    book.save(tmp_path / "verborgen.xlsx")
    hidden = r"verborgen\.xlsx: row 5 is hidden or filtered out.*delete them.*only for viewing, nothing needs to change"
    with pytest.warns(HiddenRowsWarning, match=hidden):
        segments = read_segments(tmp_path / "verborgen.xlsx")
    assert segments.loc[5, "text"] == "Ingetrokken."


def test_the_code_page_is_decided_on_the_first_runs_of_accents_not_on_every_one():
    # Review of fix-qda, finding 5: scoring every accent of a million-row cp1252 CSV in Python made it 2.6 times
    # as slow. The first runs decide; the rest of the file is read, not scored.
    from buurtdata import _encoding

    first = "één café, ’s avonds\n".encode("mac_roman") * _encoding._RUNS_LOOKED_AT
    assert _encoding._votes(first) == _encoding._votes(first + "naïef, financiële\n".encode("cp1252") * 10_000)
    assert _encoding.decoded(first)[1] == "mac_roman"


def _book_with_table(*extra: str) -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    book.active.title = "Fragmenten"
    for line in (HEADER, *ROWS):
        book.active.append(line.strip().split(","))
    for name in extra:
        book.create_sheet(name)
    return book


def test_a_hidden_helper_sheet_with_an_unsaved_formula_does_not_refuse_the_workbook(tmp_path):
    # Review of fix-qda, finding 2 (FICTIEF): a script (openpyxl, pandas) saves a formula without its value. On a
    # hidden sheet of drop-down lists, which is never read, it refused the file, naming a cell of no sheet.
    book = _book_with_table("Lijsten")
    lists = book["Lijsten"]
    lists.sheet_state = "hidden"
    for row in (["rol", "toestemming"], ["bewoner", "ja"], ["=A2", "=B2"]):
        lists.append(row)
    book.save(tmp_path / "lijsten.xlsx")
    assert read_segments(tmp_path / "lijsten.xlsx")["text"].tolist() == [
        "Het buurthuis is dicht.",
        ROWS[1].split(",")[4],
    ]


def test_an_unsaved_formula_in_the_table_names_its_sheet(tmp_path):
    book = _book_with_table("Notities")
    book["Fragmenten"]["E3"] = "=A2"
    book.save(tmp_path / "formule.xlsx")
    with pytest.raises(InputFileError) as caught:
        read_segments(tmp_path / "formule.xlsx")
    assert str(caught.value).startswith(
        f"{tmp_path / 'formule.xlsx'}, sheet 'Fragmenten', row 3, cell E3: holds the formula '=A2' without a saved "
    )


def test_a_csv_saved_by_excel_on_a_mac_is_read_as_mac_roman_not_as_cp1252(tmp_path):
    # Before: read as cp1252, "café één ’s avonds" became "cafŽ ŽŽn Õs avonds" in every published quote.
    with pytest.warns(WindowsEncodingWarning, match=r"excel_mac_roman\.csv: not UTF-8, read as Mac Roman"):
        segments = read_segments(FIXTURES / "excel_mac_roman.csv")
    assert segments["text"].tolist() == [
        "Het café is één keer per week open, ’s avonds niet.",
        "De financiële zorgen zijn groot, ik ben naïef geweest.",
    ]
    # A cp1252 file of the same text stays cp1252 (Dutch Windows, the common case).
    windows = _csv(tmp_path, TOP + HEADER + ROWS[0].replace("dicht", "‘dicht’ in één café"), encoding="cp1252")
    with pytest.warns(WindowsEncodingWarning, match=r"read as cp1252"):
        assert read_segments(windows)["text"].iloc[0] == "Het buurthuis is ‘dicht’ in één café."


@pytest.mark.parametrize(
    "quote",
    [
        "ÉÉN KEER PER WEEK naar het buurthuis",
        "Émile zegt dat het buurthuis fijn is",
        "We gaan naar CAFÉ DE HOEK",
        "ÖZTÜRK zegt: het is goed",
        "Punten: • buurthuis • park",
        "Albert Heijn™ en Jumbo™ zijn dichtbij",
        "Het is 5 °C in het buurthuis",
    ],
)
def test_a_cp1252_csv_with_capitals_or_symbols_stays_cp1252(tmp_path, quote):
    # Review of fix-qda, finding 1: in Mac Roman cp1252's É is …, • is ï and ™ is ô; these short files (FICTIEF)
    # were read as Mac Roman and their quotes published as "……N KEER" and "Heijnô". Mac Roman needs evidence.
    row = f"S1;B01;bewoner;Ontmoeten;{quote};Noord;;ja\n"
    path = _csv(tmp_path, TOP + HEADER.replace(",", ";") + row, encoding="cp1252")
    with pytest.warns(WindowsEncodingWarning, match=r"read as cp1252"):
        assert read_segments(path)["text"].tolist() == [quote]


@pytest.mark.parametrize(
    ("extra", "column", "value"), [("Code ID", "code_id", "Ontmoeten"), ("Respondent ID", "respondent", "B01")]
)
def test_an_extra_id_column_beside_the_column_it_resembles_is_ignored_as_before(tmp_path, extra, column, value):
    # Review of fix-qda, finding 6 (FICTIEF): 'Code ID' (a code's number from the codebook) beside 'Code' was
    # re-spelled 'code_id' and refused as a column named twice; before 249705d it was an extra column, ignored.
    header = HEADER.strip() + f",{extra}\n"
    path = _csv(tmp_path, TOP + header + "S1,B01,bewoner,Ontmoeten,Het buurthuis is dicht.,Noord,,ja,7\n")
    assert read_segments(path)[column].tolist() == [value]


def test_one_column_named_twice_is_named_as_the_file_spells_it(tmp_path):
    header = "Segment ID,Fragment ID,respondent,role,code,quote,location,date,consent\n"
    path = _csv(tmp_path, TOP + header + "S1,S1,B01,bewoner,Ontmoeten,Het buurthuis is dicht.,Noord,,ja\n")
    with pytest.raises(InputFileError, match=r"names one column twice \('Segment ID' and 'Fragment ID'"):
        read_segments(path)


@pytest.mark.parametrize("cell", ["Ontmoeten; Veiligheid", "Ontmoeten,Veiligheid", "Ontmoeten\nVeiligheid"])
def test_several_codes_in_one_cell_are_named_as_such_not_as_an_unknown_code(cell):
    # A sheet filled in by hand, or MAXQDA/ATLAS.ti's codes of a segment one per line in one cell. Before, the
    # message offered 'did you mean Veiligheid?', which would drop a theme.
    segments = pd.DataFrame({"source": ["s.csv"] * 2, "code_id": ["Wonen", cell]}, index=pd.Index([3, 4], name="row"))
    book = pd.DataFrame(
        {"code_id": ["Ontmoeten", "Veiligheid", "Wonen"], "theme": ["Ontmoeten", "Veiligheid", "Wonen"]}
    )
    with pytest.raises(ValidationError) as caught:
        attach_themes(segments, book)
    assert caught.value.problems == [
        f"s.csv, row 4: code {cell!r} holds 2 codes ('Ontmoeten', 'Veiligheid'), and a row holds one; copy the row "
        "once per code, each copy with one code and its own segment_id (S012a, S012b), so the fragment counts for "
        "each theme."
    ]


def test_unknown_codes_are_listed_in_the_order_of_the_rows():
    segments = pd.DataFrame({"source": ["s.csv"] * 2, "code_id": ["Zzz", "Aaa"]}, index=pd.Index([3, 4], name="row"))
    with pytest.raises(ValidationError) as caught:
        attach_themes(segments, pd.DataFrame({"code_id": ["Wonen"], "theme": ["Wonen"]}))
    assert [problem.split(":")[0] for problem in caught.value.problems] == ["s.csv, row 3", "s.csv, row 4"]


def test_a_header_written_with_spaces_or_dashes_for_underscores_is_read(tmp_path):
    # 'Segment ID' was passed over without a word (segment_id is optional): the ids became file:row.
    header = "Segment ID;Respondent-ID;Rol;Code;Citaat;Locatie;Datum;Toestemming\n"
    path = _csv(tmp_path, TOP + header + "A-17;B01;bewoner;Ontmoeten;Dicht.;Berflo Es Noord;2025-05-01;ja\n")
    assert read_segments(path)[["segment_id", "respondent"]].iloc[0].tolist() == ["A-17", "B01"]


def test_a_stray_nul_character_is_named_by_its_line_not_called_utf16(tmp_path):
    path = _csv(tmp_path, TOP + HEADER + ROWS[0] + ROWS[1].replace("hard", "ha\0rd"))
    with pytest.raises(InputFileError, match=r"segmenten\.csv, line 4: holds a NUL character \(byte 0\)"):
        read_segments(path)
    # Several, two on one line and one on the last line (no newline after it): each line once, in order.
    rows = [f"S{i},B01,bewoner,Ontmoeten,Tekst {i}.,Noord,,ja" for i in range(3, 300)]
    for i in (10, 20, 30, 40, 50, 60, -1):
        rows[i] = rows[i].replace("Tekst", "Te\0k\0st")
    path = _csv(tmp_path, TOP + HEADER + ROWS[0] + ROWS[1] + "\n".join(rows), "veel.csv")
    with pytest.raises(InputFileError, match=r"veel\.csv, line 15, 25, 35, 45, 55 and 2 more: holds a NUL"):
        read_segments(path)
    # UTF-16 without a byte order mark is NUL every other byte: that message stays.
    utf16 = _csv(tmp_path, TOP + HEADER + ROWS[0], "utf16.csv", encoding="utf-16-le")
    with pytest.raises(InputFileError, match=r"utf16\.csv is not a UTF-8 text file \(it holds NUL bytes: UTF-16"):
        read_segments(utf16)


def test_dates_with_dots_or_slashes_are_read_and_a_written_month_is_refused_by_its_row(tmp_path):
    rows = [ROWS[0].replace("2025-05-01", date) for date in ("01.05.2025", "2025/05/01", "1 mei 2025")]
    path = _csv(tmp_path, TOP + HEADER + "".join(row.replace("S1", f"S{n}") for n, row in enumerate(rows)))
    with pytest.raises(ValidationError) as caught:
        read_segments(path)
    assert caught.value.problems == [
        f"{path}, row 5, field 'date': '1 mei 2025' is not a date; write 2025-03-14 or 14-03-2025."
    ]
    path.write_text(TOP + HEADER + "".join(row.replace("S1", f"S{n}") for n, row in enumerate(rows[:2])))
    assert read_segments(path)["date"].dt.strftime("%Y-%m-%d").tolist() == ["2025-05-01"] * 2


def test_invisible_characters_at_a_cells_edges_are_stripped_like_spaces(tmp_path):
    # Pasted from a web page or Teams: a zero-width space after the code, a byte order mark before ja.
    row = "S1,B01\u200b,bewoner,Ontmoeten\u200b,Dicht.,Berflo Es Noord\u00a0,2025-05-01,\ufeffja\n"
    for path in (_csv(tmp_path, TOP + HEADER + row), _xlsx(tmp_path, [HEADER, row])):
        segments = read_segments(path)
        assert segments[["respondent", "code_id", "location_raw", "consent"]].iloc[0].tolist() == [
            "B01", "Ontmoeten", "Berflo Es Noord", True,
        ]  # fmt: skip
    # Review of fix-qda, finding 7 (/tmp/revq/in/m_zw.csv): spaces and zero-width spaces alternating at an edge
    # left 'ja\u200b', refused as no ja or nee. A zero-width joiner inside the quote stays.
    row = "S1,B01,bewoner,Ontmoeten,\u200b \u200bDicht met \u200d binnen\u200b,Noord,,\u200b ja\u200b \u200b\n"
    segments = read_segments(_csv(tmp_path, TOP + HEADER + row, "afwisselend.csv"))
    assert segments[["text", "consent"]].iloc[0].tolist() == ["Dicht met \u200d binnen", True]


def _xlsx(tmp_path: Path, lines: list[str]) -> Path:
    book = openpyxl.Workbook()
    for line in lines:
        book.active.append(line.rstrip("\n").split(","))
    book.save(tmp_path / "segmenten.xlsx")
    return tmp_path / "segmenten.xlsx"


def test_an_e_mail_address_or_phone_number_as_respondent_id_is_warned_of_by_its_rows(tmp_path):
    # Warned as a real name is: pseudonymised all the same, but a way to reach the person sits in the file.
    rows = [ROWS[0].replace("B01", "jan@voorbeeld.nl"), ROWS[1].replace("B02", "06-12345678")]
    segments = read_segments(_csv(tmp_path, TOP + HEADER + "".join(rows)))
    with pytest.warns(RealNameWarning) as caught:
        warn_named_respondents(segments)
    (message,) = [str(w.message) for w in caught]
    assert "looks like a real name, e-mail address or phone number in row(s) 3, 4;" in message
    assert "voorbeeld" not in message and "12345678" not in message


@pytest.mark.parametrize("id_", ["B01-20250314", "HGL-0042-20250314", "B01-2025-03-14", "B01_14-03-2025"])
def test_a_respondent_code_with_an_interview_date_is_no_phone_number(tmp_path, id_):
    # Review of fix-qda, finding 9: the 8 digits of a date read as a phone number, and the researcher was told
    # the file holds contact details it does not hold.
    segments = read_segments(_csv(tmp_path, TOP + HEADER + ROWS[0].replace("B01", id_)))
    with warnings.catch_warnings():
        warnings.simplefilter("error", RealNameWarning)
        warn_named_respondents(segments)


@pytest.mark.parametrize(
    "id_",
    [
        "06-20250314", "B06-20250314", "tel-06-20250314", "0620250314", "+31620250314", "+31 6 2025 0314",
        "jan@voorbeeld.nl", "B01-jan@voorbeeld.nl", "NL91ABNA0417164300", "123456782", "1234AB", "1234 AB",
        "B01-12345678",
    ],
)  # fmt: skip
def test_a_phone_number_or_e_mail_address_beside_a_code_or_date_is_still_warned_of(tmp_path, id_):
    # The other direction: widening the code's shape for a date lets no phone number, e-mail address, IBAN, BSN
    # or postcode pass unwarned (FICTIEF values).
    segments = read_segments(_csv(tmp_path, TOP + HEADER + ROWS[0].replace("B01", id_)))
    with pytest.warns(RealNameWarning, match=r"e-mail address or phone number in row\(s\) 3;"):
        warn_named_respondents(segments)


def test_a_zipped_project_folder_says_to_zip_its_contents(tmp_path):
    # A project folder zipped on a Mac: project.qde one level down, and Finder's __MACOSX beside it.
    path = tmp_path / "map.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        _nvivo_into(archive, "Mijn project/")
        archive.writestr("__MACOSX/Mijn project/._project.qde", b"\0")
    with pytest.raises(InputFileError, match=r"map\.qdpx holds project\.qde inside the folder 'Mijn project/'.*zip"):
        read_segments(path)


@pytest.mark.parametrize(
    ("header", "tool"),
    [
        ("ID,Quotation Name,Document,Codes,Quotation Content,Comment,Created by,Created\n", "ATLAS.ti's export of"),
        ("Name,Files,References,Coverage,Text\n", "NVivo's summary of codes"),
    ],
)
def test_a_qda_tools_other_table_says_to_export_a_qdpx(tmp_path, header, tool):
    path = _csv(tmp_path, TOP + header + ",".join(["FICTIEF"] * header.count(",")) + ",x\n")
    with pytest.raises(InputFileError, match=rf"This looks like {tool}.*as a REFI-QDA project \(\.qdpx"):
        read_segments(path)


def test_a_header_repeated_below_is_one_problem_not_a_segment_with_role_role(tmp_path):
    # Two interviewers' exports pasted one below the other, the second with its header.
    path = _csv(tmp_path, TOP + HEADER + ROWS[0] + HEADER.upper() + ROWS[1])
    with pytest.raises(ValidationError) as caught:
        read_segments(path)
    assert caught.value.problems == [
        f"{path}, row 4: repeats the header (two files pasted one below the other?); delete this row."
    ]


def test_a_hidden_sheet_is_not_read_and_said(tmp_path):
    # An old export kept on a hidden first sheet: the reader took it, not the sheet a user sees.
    book = openpyxl.Workbook()
    old = book.active
    old.title = "Interview Anneke de Boer"  # FICTIEF; a tab named after the person is not repeated in a warning
    for line in (HEADER, ROWS[1].replace("S2", "O1")):
        old.append(line.strip().split(","))
    old.sheet_state = "hidden"
    new = book.create_sheet("Segmenten")
    for line in ("# FICTIEF\n", HEADER, ROWS[0]):
        new.append(line.strip().split(","))
    book.active = 1
    book.save(tmp_path / "twee.xlsx")
    with pytest.warns(OtherSheetWarning) as caught:
        segments = read_segments(tmp_path / "twee.xlsx")
    (message,) = [str(w.message) for w in caught]
    assert "twee.xlsx: the hidden sheet (tab 1 from the left) is not read, only the sheets" in message
    assert "Anneke" not in message
    assert segments["segment_id"].tolist() == ["S1"]


def test_a_hidden_sheet_of_drop_down_lists_is_not_said(tmp_path):
    book = openpyxl.Workbook()
    for line in ("# FICTIEF\n", HEADER, ROWS[0]):
        book.active.append(line.strip().split(","))
    lists = book.create_sheet("Keuzelijsten")
    for role in ("bewoner", "professional", "ondernemer"):
        lists.append([role])
    lists.sheet_state = "hidden"
    book.save(tmp_path / "lijsten.xlsx")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(read_segments(tmp_path / "lijsten.xlsx")) == 1


def test_excel_error_cells_in_the_table_are_refused_by_cell_not_read_as_ids(tmp_path):
    # A respondent id made by a formula that broke: '#VALUE!' read as text was one respondent for every such row.
    book = openpyxl.Workbook()
    for line in ("# FICTIEF\n", HEADER, ROWS[0].replace("B01", "#VALUE!"), ROWS[1]):
        book.active.append(line.strip().split(","))
    book.active["J3"] = "#N/A"  # right of the table: not read, not refused
    book.save(tmp_path / "fout.xlsx")
    assert book.active["B3"].data_type == "e"
    with pytest.raises(InputFileError, match=r"fout\.xlsx: the cells B3 \(#VALUE!\) hold an Excel error instead"):
        read_segments(tmp_path / "fout.xlsx")


def test_a_bad_variable_of_a_qdpx_is_named_once_by_its_respondent_not_by_row_numbers(tmp_path):
    # A project has no rows a user can find: five messages 'row 1..5' became one naming the case.
    nvivo = FIXTURES / "nvivo"
    qde = (
        (nvivo / "project.qde")
        .read_text()
        .replace("<BooleanValue>true</BooleanValue>", "<TextValue>misschien</TextValue>", 1)
    )
    path = tmp_path / "fictief.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde)
        for source in sorted((nvivo / "Sources").iterdir()):
            archive.writestr(f"Sources/{source.name}", source.read_bytes())
    with pytest.raises(ValidationError) as caught:
        read_segments(path)
    assert caught.value.problems == [
        f"{path}, respondent 'HGL-B04' (5 coding(s)), its consent variable: 'misschien' is not ja or nee; fill in ja "
        "or nee. Set it on the case (or source) in the QDA tool and export again."
    ]


def _stale_dimension(path: Path, ref: str) -> None:
    """Rewrite the ``<dimension>`` of the first sheet of ``path`` to ``ref``, as some writers leave it."""
    with zipfile.ZipFile(path) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in members:
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>'.encode(), data)
            archive.writestr(info, data)


def test_rows_beyond_a_stale_sheet_size_are_read_not_dropped(tmp_path):
    # A writer that states the sheet's size wrong (A1:H2 for five rows): the rows past it were dropped unseen.
    path = _xlsx(tmp_path, [HEADER, *ROWS, ROWS[0].replace("S1", "S3"), ROWS[0].replace("S1", "S4")])
    _stale_dimension(path, "A1:H2")
    assert read_segments(path)["segment_id"].tolist() == ["S1", "S2", "S3", "S4"]


def test_a_stray_cell_far_right_or_far_down_leaves_the_table_as_it_is(tmp_path):
    # A space typed in XFD3 or A1048576 made openpyxl pad every row to 16,384 cells and the sheet to a million
    # rows: 18 s for a table of 2,000 rows with one of them, over 5 minutes with both (not timed here).
    book = openpyxl.Workbook()
    for line in ("# FICTIEF\n", HEADER, *ROWS):
        book.active.append(line.strip().split(","))
    book.active["XFD3"] = " "
    book.active["A1048576"] = " "
    book.save(tmp_path / "ver.xlsx")
    assert read_segments(tmp_path / "ver.xlsx")["segment_id"].tolist() == ["S1", "S2"]


def test_excels_sep_line_above_the_header_is_read_as_a_hint_not_a_title(tmp_path):
    path = _csv(tmp_path, "sep=;\r\n" + (TOP + HEADER + ROWS[0]).replace(",", ";").replace("\n", "\r\n"))
    assert read_segments(path).index.tolist() == [4]  # rows keep the file's numbers: sep, comment, header, row
