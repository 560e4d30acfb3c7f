"""Spreadsheet tables (CSV or XLSX) read to numbered rows of text cells, and the checks all readers share.

Each reader of interview input (:mod:`.segments`, :mod:`.codebook`) reads its
file here, so every message names the file, the line or row, and the fix.
"""

from __future__ import annotations

import codecs
import itertools
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from buurtdata import _errors
from buurtdata._encoding import decoded, is_utf8, undecodable
from buurtdata._errors import InputFileError, few, where
from buurtdata.sources.interviews import qda_segments, sheet_xml
from buurtdata.sources.interviews.arrow_csv import csv_frame, csv_rows, strip_cell
from buurtdata.sources.interviews.long_cells import warn_long_cells
from buurtdata.sources.interviews.sniff import disguised, disguised_head

#: Values of ``format`` that :func:`read_segments` accepts.
SEGMENT_FORMATS = ("csv", "xlsx", "qdpx", "taguette", "qualcoder")

_FORMATS = {".csv": "csv", ".txt": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx"}


@dataclass
class Field:
    """A column of an input template (segments, codebook, tools' tables): its output name and possible headers."""

    name: str
    headers: tuple[str, ...]
    required: bool = True


class OtherSheetWarning(UserWarning):
    """A workbook's table was read from a sheet after the first."""


class CommentBelowWarning(UserWarning):
    """A row below a table's header holds only a cell starting with ``#``: read as a comment, not a row."""


class WindowsEncodingWarning(UserWarning):
    """A CSV file that is not UTF-8 was read as cp1252, as Excel on Dutch Windows saves CSV (or as Mac Roman, as
    Excel on a Mac does, when that reads as Dutch better)."""


def _must_exist(path: Path) -> None:
    if not path.is_file():
        msg = f"{path} does not exist; check the path (current folder: {Path.cwd()})."
        raise FileNotFoundError(msg)


def _format_of(path: Path, format: str | None) -> str:
    if format is None:
        kind = _FORMATS.get(path.suffix.lower())
        if kind is None:
            if (path.is_file() and (what := disguised(path))) or (what := qda_segments.unpacked(path)):
                raise InputFileError(f"{path} {what}.")
            msg = (
                f"{path}: cannot read {path.suffix or 'a file without extension'!r}; save it as .csv (UTF-8) or .xlsx "
                f"(or export a REFI-QDA project, .qdpx), or pass format= one of {', '.join(SEGMENT_FORMATS)}."
            )
            raise InputFileError(msg)
        return kind
    return format


def _read_table(
    path: Path, *, format: str | None, template: Path | None, fits: Callable[[list[str]], bool] | None = None
) -> tuple[list[str], pd.DataFrame, list[tuple[int, int]], list[str]]:
    """Return the header cells (lower case), the data rows, the rows with text beyond the header and the header
    cells as written (for messages that name a column as the file does).

    The data rows are a frame of stripped text cells (columns ``0, 1, ...``; ``""`` where a row has no
    such cell) indexed by the row number a spreadsheet shows (a CSV row over several lines is one). The last item
    lists ``(row, number of cells)`` of every data row with a non-empty cell right of the header.

    ``fits`` tells a header (lower-case cells) the caller can read: of a workbook the first sheet with
    such a header is read, and a title above the header is named with its fix.
    """
    start = f"; start from the template {template}" if template else ""
    kind = _format_of(path, format)
    _must_exist(path)
    if path.stat().st_size == 0:
        msg = f"{path} is empty{start}."
        raise InputFileError(msg)
    sheet = ""
    if kind == "csv":
        kept, count = _csv_table(path)
        kept = _kept(kept)
    else:
        kept, count, sheet = _xlsx_table(path, fits)
    if kept.empty:
        msg = f"{path}{sheet} has no header row, only comments or blank lines{start}."
        raise InputFileError(msg)
    if fits is not None:
        _check_title(path, kept, count, fits)
    data = comments_below(path, kept.iloc[1:]) if len(kept) > 1 else kept.iloc[1:]
    if data.empty:
        msg = f"{path}{sheet} has a header but no rows; add at least one row below the header."
        raise InputFileError(msg)
    written = list(kept.iloc[0, : count(kept.index[0])])
    warn_long_cells(f"{path}{sheet}", data, written)
    header = [h.lower() for h in written]
    beyond = data.iloc[:, len(header) :]
    wide = [(row, count(row)) for row in data.index[beyond.ne("").any(axis=1)]] if len(beyond.columns) else []
    return header, data, wide, written


def _kept(cells: pd.DataFrame) -> pd.DataFrame:
    """Return the rows of ``cells`` that are not blank, from the header on: the rows above it whose first cell
    starts with ``#`` are comments. Below the header such a row is data (a segment id ``#001``, a colour
    ``#ff0000``)."""
    if not len(cells.columns):
        return cells
    # Only a row with an empty first cell can be blank: the other cells are compared for those alone.
    empty = (cells[0] == "").to_numpy(copy=True)
    empty[empty] = ~cells[empty].ne("").any(axis=1).to_numpy()
    filled = np.flatnonzero(~empty)
    # The header is the first filled row not starting with #; the few rows above it are looked at one by one.
    first = next((i for i in filled if not cells[0].iat[i].startswith("#")), len(cells))
    keep = ~empty
    keep[:first] = False
    # Blank lines at the top only (the usual case): a slice, not a copy of every cell.
    return cells.iloc[first:] if keep[first:].all() else cells[keep]


def comments_below(path: Path, data: pd.DataFrame, stacklevel: int = 4) -> pd.DataFrame:
    """Return ``data`` (text cells, indexed by the file's row numbers) without the rows below the header that hold
    nothing but a first cell starting with ``#`` (a comment or footnote written below the table), warning of them
    by their rows: nothing is left out unseen. A row starting with ``#`` that holds more (a segment id ``#001``, a
    colour ``#ff0000``) is data. Interview tables and agreements files alike."""
    hashed = data.iloc[:, 0].str.startswith("#").to_numpy()
    if not hashed.any():
        return data
    lone = data[hashed]
    lone = lone.index[~lone.iloc[:, 1:].ne("").any(axis=1).to_numpy()]
    if not len(lone):
        return data
    _errors.warn(
        f"{path}: {'row' if len(lone) == 1 else 'rows'} {few([str(row) for row in lone])} below the header "
        f"{'holds' if len(lone) == 1 else 'hold'} only a comment ({data.loc[lone[0]].iloc[0][:40]!r}), skipped; only "
        "lines above the header are comments, and below it a row starting with # is read as data. "
        "Move comments above the header.",
        CommentBelowWarning,
        stacklevel=stacklevel,
    )
    return data.drop(lone)


def _header(kept: pd.DataFrame, count: Callable[[int], int], at: int = 0) -> list[str]:
    return [h.lower() for h in kept.iloc[at, : count(kept.index[at])]]


#: How far below the first row :func:`_read_table` looks for the header of a table under a title.
_TITLE_ROWS = 10


def _table_like(kept: pd.DataFrame) -> bool:
    """Tell whether the top rows of ``kept`` look like a table: one of them has more than one filled cell."""
    return bool(kept.iloc[:_TITLE_ROWS].ne("").sum(axis=1).gt(1).any())


def _header_at(kept: pd.DataFrame, count: Callable[[int], int], fits: Callable[[list[str]], bool]) -> int | None:
    """Return the position of the first of the top rows of ``kept`` that is a header ``fits``, if any."""
    return next((i for i in range(min(len(kept), _TITLE_ROWS)) if fits(_header(kept, count, i))), None)


def _check_title(path: Path, kept: pd.DataFrame, count: Callable[[int], int], fits) -> None:
    """Refuse rows above the header (a title, an export note): they would be read as the header."""
    at = _header_at(kept, count, fits)
    if not at:
        return
    first, row = kept.index[0], kept.index[at]
    title = " ".join(cell for cell in kept.iloc[0] if cell)[:60]
    msg = (
        f"{where(path, row)}: the header is on row {row}, below {title!r} (row {first}); delete the rows above "
        f"the header ({'row 1' if row == 2 else f'rows 1-{row - 1}'}) so that it is the first row."
    )
    raise InputFileError(msg)


def _rows_table(rows: list[tuple[int, list[str]]]) -> tuple[pd.DataFrame, Callable[[int], int]]:
    """Return numbered rows of cells as a frame of stripped text, and how many cells each row had."""
    numbers = [n for n, _ in rows]
    widths = dict(zip(numbers, (len(row) for _, row in rows), strict=True))
    width = max(widths.values(), default=0)
    padded = [[strip_cell(c) for c in row] + [""] * (width - len(row)) for _, row in rows]
    return pd.DataFrame(padded, index=numbers, columns=range(width), dtype=object), widths.__getitem__


def _csv_table(path: Path) -> tuple[pd.DataFrame, Callable[[int], int]]:
    raw = path.read_bytes()
    if what := disguised_head(raw):  # read once: the file's bytes say it
        raise InputFileError(f"{path} {what}.")
    if raw.startswith(b"PK\x03\x04"):
        msg = f"{path} is a zip archive (an XLSX workbook?), not CSV; name it .xlsx or pass format='xlsx'."
        raise InputFileError(msg)
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # NVivo and Excel's "Unicode text" write UTF-16 (with a byte order mark), tab separated.
        try:
            raw = raw.decode("utf-16").encode()
        except UnicodeDecodeError:
            msg = f"{path} starts as UTF-16 text but is not; save it as 'CSV UTF-8'."
            raise InputFileError(msg) from None
    if b"\x00" in raw:
        # A few NULs in a text file came in with pasted text; many (every other byte) make UTF-16 without a BOM.
        if raw.count(b"\x00") * 100 < len(raw):
            # Each NUL's line from the newlines before it, counted once (not once per NUL: minutes on 100 MB).
            octets = np.frombuffer(raw, np.uint8)
            newlines = np.flatnonzero(octets == ord("\n"))
            lines = np.unique(np.searchsorted(newlines, np.flatnonzero(octets == 0)) + 1).tolist()
            msg = (
                f"{path}, line {few([str(line) for line in lines])}: holds a NUL character (byte 0), invisible in "
                "most programs, which pasted text can bring along; retype the text of that line's cells (or delete "
                "the character in a text editor such as Notepad++), and save the file again."
            )
            raise InputFileError(msg)
        msg = f"{path} is not a UTF-8 text file (it holds NUL bytes: UTF-16 or binary?); save it as 'CSV UTF-8'."
        raise InputFileError(msg)
    data = raw.removeprefix(codecs.BOM_UTF8)
    if not is_utf8(data):
        data = _windows_text(path, raw)
    if re.match(rb"sep=[,;\t|]?[ \t]*(?:\r\n|\r|\n)", data):
        # Excel's hint line for the separator: read as a comment, the separator found from the header as always.
        data = b"#" + data
    # A line break other than \n (a lone \r) is left to the csv module, which knows all of them.
    if b"\r" not in data or data.count(b"\r") == data.count(b"\r\n"):
        found = csv_frame(data)
        if found is not None:
            return found
    return _rows_table(csv_rows(path, data.decode()))


def _windows_text(path: Path, raw: bytes) -> bytes:
    """Return a CSV that is not UTF-8 as UTF-8 read from cp1252, with a warning, or refuse it naming its first bad byte.

    As the KWB reader does: a file that is not UTF-8 is cp1252, as Excel saves "CSV (gescheiden door
    lijstscheidingsteken)" on Dutch Windows. Only when every byte decodes so and none of it is UTF-8 already (text
    pasted in from elsewhere), which no one reading gets right.
    """
    try:
        text, encoding = decoded(raw)
    except UnicodeDecodeError as exc:
        bad = exc.start
    else:
        saved = {
            "cp1252": "cp1252 (Windows, as Excel saves 'CSV (gescheiden door lijstscheidingsteken)')",
            "mac_roman": "Mac Roman (as Excel on a Mac saves 'CSV (Macintosh)' or 'Comma Separated Values')",
        }
        if encoding in saved:
            _errors.warn(
                f"{path}: not UTF-8, read as {saved[encoding]}; check the accents, or save it as 'CSV UTF-8'.",
                WindowsEncodingWarning,
                stacklevel=5,
            )
        return text.encode()
    raise undecodable(path, raw, bad)


def _xlsx_table(path: Path, fits) -> tuple[pd.DataFrame, Callable[[int], int], str]:
    """Return the kept rows of the sheet with the table, how many cells each row had and ``, sheet 'name'``
    (empty for a workbook of one sheet): the first sheet, else (when it holds no table, only notes) the first
    other whose top rows hold a header that ``fits``."""
    # Imported here: openpyxl costs more at import than the rest of this module, and most exports are CSV.
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        # A formula's value is what the program that saved the file computed; one that does not (a script,
        # some converters) saves none, which would read as an empty cell.
        formulas = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, AttributeError) as exc:
        # AttributeError: openpyxl on a workbook it cannot follow, e.g. one of chart sheets only.
        what = disguised(path)
        msg = (
            f"{path} {what}."
            if what
            else f"{path} is not an XLSX workbook ({exc}); save it from Excel as .xlsx, or as CSV UTF-8."
        )
        raise InputFileError(msg) from None
    try:
        if not book.worksheets:
            raise InputFileError(f"{path} has no worksheet, only charts; put the table on the first sheet.")
        names = [sheet.title for sheet in book.worksheets]
        # A hidden sheet (an old export kept out of sight) is not what a user sees on opening the file: not read.
        shown = [i for i, sheet in enumerate(book.worksheets) if sheet.sheet_state == "visible"] or [0]
        # Said only of a hidden sheet with a table this reader could read: not of a sheet of drop-down lists.
        # Named by position, not by name: a researcher may name a tab after the person interviewed.
        hidden = [i + 1 for i in range(len(names)) if i not in shown and _holds_table(path, book, formulas, i, fits)]
        if hidden:
            tabs = f"tab {hidden[0]}" if len(hidden) == 1 else f"tabs {few([str(n) for n in hidden])}"
            _errors.warn(
                f"{path}: the hidden {'sheet' if len(hidden) == 1 else 'sheets'} ({tabs} from the left) "
                f"{'is' if len(hidden) == 1 else 'are'} not read, only the sheets Excel shows; to read a hidden "
                "sheet, unhide it (right-click a sheet tab, Unhide) and put it first.",
                OtherSheetWarning,
                stacklevel=2,
            )
        looked = []
        for index in shown:
            name, errors = names[index], []
            kept, count = _sheet_table(path, book, formulas, index, errors)
            kept = _kept(kept)
            at = _header_at(kept, count, fits) if fits is not None and not kept.empty else None
            # Only a first sheet without a table (a cover or notes sheet) sends the reader on: one that holds a
            # table with a header that does not fit gets the header's error, not the rows of another sheet.
            if len(shown) == 1 or fits is None or at is not None or (index == shown[0] and _table_like(kept)):
                break
            first = " ".join(cell for cell in kept.iloc[0] if cell)[:60] if not kept.empty else ""
            looked.append(f"{name!r} ({f'first row {first!r}' if first else 'empty'})")
        else:
            msg = (
                f"{path}: no sheet holds a table with the expected columns; looked at the sheets {', '.join(looked)}. "
                "Put the table on one sheet, its header in the first row."
            )
            raise InputFileError(msg)
        sheet = f", sheet {name!r}" if len(names) > 1 else ""
        if at is not None:
            read = (name, _header(kept, count, at))
            _refuse_other_tables(path, book, formulas, read, [i for i in shown if i > index], fits)
        if index != shown[0]:
            # A row number in a later message is this sheet's, not the first one's a user sees on opening the file.
            _errors.warn(
                f"{path}: the table is read from sheet {name!r} (the sheets before it hold none with the expected "
                "columns); row numbers are those of that sheet.",
                OtherSheetWarning,
                stacklevel=2,
            )
        # Merged cells above the header (a title) are left to the title's message.
        header_at = (at or 0) if not kept.empty else None
        header_row = kept.index[header_at] if header_at is not None else 0
        header = _header(kept, count, header_at) if header_at is not None else []
        width = max((i + 1 for i, cell in enumerate(header) if cell), default=0)
        merged, hidden = sheet_xml.marks(path, book.worksheets[index]._worksheet_path)
        sheet_xml.refuse_merged(path, sheet, merged, header_row, width)
        sheet_xml.refuse_errors(path, sheet, errors, header_row, width)
        sheet_xml.warn_hidden(path, sheet, hidden, [row for row in kept.index if row > header_row])
    finally:
        book.close()
        formulas.close()
    return kept, count, sheet


def _sheet_table(
    path: Path,
    book,
    formulas,
    index: int,
    errors: list | None = None,
    *,
    top: int | None = None,
    checked: bool | None = None,
):
    """Return the rows of sheet ``index`` as :func:`_rows_table` does, every row as wide as the widest: a sheet has
    no separators, so a cell right of the header's is in an unnamed column (read as none), not a row too wide.

    ``top``: only so many filled rows, of a sheet that is looked at, not read (no cell of it refuses the file);
    ``checked=False`` for a whole sheet that is only counted, not read."""
    checked = top is None if checked is None else checked
    rows = sheet_xml.cell_rows(path, book.worksheets[index], formulas.worksheets[index], errors, checked=checked)
    try:
        kept, _ = _rows_table(list(itertools.islice(rows, top)))
    finally:
        rows.close()
    width = len(kept.columns)
    return kept, lambda _row: width


#: The filled rows of a hidden sheet looked at for a header: comment rows above it, and the title rows.
_LOOKED_ROWS = 100


def _holds_table(path: Path, book, formulas, index: int, fits) -> bool:
    """Tell whether sheet ``index`` holds a header ``fits`` in its top rows. Only those are read: a hidden sheet
    may be an old export of many thousand rows, or a helper sheet of formulas a script saved without values."""
    if fits is None:
        return False
    kept, count = _sheet_table(path, book, formulas, index, top=_LOOKED_ROWS)
    kept = _kept(kept)
    return not kept.empty and _header_at(kept, count, fits) is not None


def _refuse_other_tables(path: Path, book, formulas, read: tuple[str, list[str]], others: list[int], fits) -> None:
    """Refuse a workbook whose visible sheets after the one ``read`` (its name and header) hold the same table too,
    a header that ``fits`` with mostly the same columns (one sheet per interviewer, wijk or month): only one sheet is
    read, and the rows of the others would be lost without a word (sweep 12 interviews F14). Each such sheet is
    named with its number of rows. A sheet with another table (a summary ``Thema, Aantal``; the segments beside a
    codebook, whose ``code`` column fits a codebook) is left unread, as before."""
    read, columns = read[0], {h for h in read[1] if h}
    found = []
    for index in others:
        if not _holds_table(path, book, formulas, index, fits):
            continue
        kept, count = _sheet_table(path, book, formulas, index, checked=False)
        kept = _kept(kept)
        at = _header_at(kept, count, fits) or 0
        other = {h for h in _header(kept, count, at) if h}
        if 2 * len(columns & other) < max(len(columns), len(other)):
            continue  # fewer than half the columns of either in common: another table
        below = kept.iloc[at + 1 :]  # filled rows below the header (blank ones are not kept), but for comments
        comment = below.iloc[:, 0].str.startswith("#") & ~below.iloc[:, 1:].ne("").any(axis=1)
        rows = int((~comment).sum())
        found.append(f"{book.worksheets[index].title!r} (tab {index + 1}, {rows} {'row' if rows == 1 else 'rows'})")
    if not found:
        return
    these = "sheet" if len(found) == 1 else "sheets"
    msg = (
        f"{path}: the table is on sheet {read!r}, but the {these} {', '.join(found)} "
        f"{'holds' if len(found) == 1 else 'hold'} a table with the same kind of header too; only one sheet is read, "
        f"so the rows of the other {these} would be left out. Put all rows on one sheet (copy the rows of the "
        f"other {these} below those of {read!r}, without the header), or hide a sheet that should not be read "
        "(right-click its tab, Hide)."
    )
    raise InputFileError(msg)


def refuse_other_sheets(path: Path, fits: Callable[[list[str]], bool], first: int = 0) -> None:
    """Refuse a workbook a reader reads sheet ``first`` of (the agreements: the first visible) when its visible sheets
    after it hold a table like that sheet's, a header that ``fits``: :func:`_refuse_other_tables` names each with its
    rows (sweep 13 #11: an agreement on a tab per meeting was left out without a word)."""
    import openpyxl  # as in _xlsx_table

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    formulas = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        kept, count = _sheet_table(path, book, formulas, first, top=_LOOKED_ROWS)
        kept = _kept(kept)
        at = _header_at(kept, count, fits) if not kept.empty else None
        others = [i for i, sheet in enumerate(book.worksheets) if i > first and sheet.sheet_state == "visible"]
        if at is not None and others:
            read = (book.worksheets[first].title, _header(kept, count, at))
            _refuse_other_tables(path, book, formulas, read, others, fits)
    finally:
        book.close()
        formulas.close()


def _fits_any(*layouts: list[Field]) -> Callable[[list[str]], bool]:
    """Return whether a header holds every required column of one of ``layouts``."""

    def fits(header: list[str]) -> bool:
        return any(all(set(f.headers) & set(header) for f in fields if f.required) for fields in layouts)

    return fits


def _locate_columns(
    path: Path, header: list[str], fields: list[Field], *, template: Path | None, hint: str = ""
) -> dict[str, int]:
    """Map each field to its column position; raise naming every missing required column (and ``hint``, what the
    file looks like instead)."""
    doubles = sorted({h for h in header if h and header.count(h) > 1})
    if doubles:
        msg = f"{path}: column(s) {', '.join(doubles)} appear more than once in the header; keep one of each."
        raise InputFileError(msg)
    found = {f.name: header.index(h) for f in fields for h in f.headers if h in header}
    missing = [f.headers[0] for f in fields if f.required and f.name not in found]
    if missing:
        expected = ", ".join(f.headers[0] for f in fields)
        others = "; ".join(f"{f.headers[0]}: {', '.join(f.headers[1:])}" for f in fields if len(f.headers) > 1)
        one_cell = len(header) == 1 and re.search(r"[\t|: ]", header[0])
        hint = " The header is one cell: separate columns with , ; or a tab." if one_cell else hint
        msg = (
            f"{path} has no column {', '.join(repr(m) for m in missing)}; found {', '.join(header)}. "
            f"Expected columns: {expected}{f' (see the template {template})' if template else ''}"
            f"{f'; also read as these (any case): {others}' if others else ''}.{hint}"
        )
        raise InputFileError(msg)
    return found


def _getter(columns: dict[str, int], cells: list[str]):
    def value(name: str) -> str:
        i = columns.get(name)
        return cells[i] if i is not None and i < len(cells) else ""

    return value


def _as_text(values: pd.Series | pd.DataFrame) -> pd.Series | pd.DataFrame:
    """Return ``values`` as strings, missing values still missing.

    pandas before 3.0 turns a missing value into the string ``'None'`` or ``'nan'`` in ``astype("str")``.
    """
    if isinstance(values, pd.DataFrame):
        return pd.DataFrame({column: _as_text(values[column]) for column in values.columns}, index=values.index)
    if values.dtype == "str":
        return values
    return values.astype("str").where(values.notna())
