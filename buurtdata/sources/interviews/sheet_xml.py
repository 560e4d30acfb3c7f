"""A worksheet read: its cells as text (:func:`cell_rows`), and what its XML says beyond them, read in one pass over
it: the cells merged over rows (refused: the rows below the first read as empty) and the rows hidden or filtered out
(warned of: they are read like any other, which a user who hid a row to leave it out does not expect)."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from buurtdata import _errors
from buurtdata._errors import InputFileError, few
from buurtdata.sources.interviews.arrow_csv import strip_cell

_MERGED = re.compile(rb"<(?:\w+:)?mergeCell\s+ref=\"([A-Z]+[0-9]+:[A-Z]+[0-9]+)\"")
#: A row element marked hidden (by hand, or by a filter); its number is its ``r`` (Excel always writes it).
_HIDDEN_ROW = re.compile(rb"<(?:\w+:)?row\s[^>]*?\bhidden=\"(?:1|true)\"[^>]*>")
_ROW_NUMBER = re.compile(rb"\sr=\"(\d+)\"")
#: The most rows a sheet has in Excel (and LibreOffice).
EXCEL_ROWS = 1_048_576
#: Bytes kept from one chunk to the next, so that a tag cut by a chunk's end is found whole in the next.
_TAIL = 1024


class HiddenRowsWarning(UserWarning):
    """Rows of a workbook's table are hidden or filtered out in Excel; they are read like every other row."""


def marks(path: Path, member: str) -> tuple[list[str], list[int]]:
    """Return the merged ranges (``A2:A4``) and the numbers of the hidden rows of the sheet ``member`` of ``path``."""
    merged, hidden, tail = [], [], b""
    with zipfile.ZipFile(path) as archive, archive.open(member) as xml:
        # The merged ranges follow the cells, at the end of a sheet that may be hundreds of megabytes.
        while chunk := xml.read(1 << 20):
            text = tail + chunk
            merged += [m.group(1).decode() for m in _MERGED.finditer(text) if m.end() > len(tail)]
            for m in _HIDDEN_ROW.finditer(text):
                if m.end() > len(tail) and (number := _ROW_NUMBER.search(m.group())):
                    hidden.append(int(number.group(1)))
            tail = text[-_TAIL:]
    return list(dict.fromkeys(merged)), sorted(set(hidden))


def refuse_merged(path: Path, sheet: str, merged: list[str], header_row: int, width: int) -> None:
    """Refuse cells merged over more than one row below the header, within its ``width`` columns.

    Excel keeps a merged range's value in its first cell only, so the other rows read as empty: segments
    without a respondent or a location. They are not filled in here: copying a person's id or place into
    rows a merge happened to cover would give quotes to the wrong person or buurt, silently. A merge within
    one row (a comment row, a note right of the table) loses no value and is read.
    """
    from openpyxl.utils import range_boundaries

    below = []
    for ref in merged:
        first_column, first_row, _, last_row = range_boundaries(ref)
        if last_row > header_row and last_row > first_row and first_column <= width:
            below.append(ref)
    if not below:
        return
    msg = (
        f"{path}{sheet}: the cells {few(below)} are merged, so only the first row of each range holds its value and "
        "the other rows would read as empty (no respondent, no location). Unmerge the cells and fill in each row "
        "(in Excel: select them, turn off Merge & Center, then fill down with Ctrl+D). They are not filled in "
        "automatically: a respondent or location copied into rows it does not belong to would give quotes to the "
        "wrong person or buurt."
    )
    raise InputFileError(msg)


def warn_hidden(path: Path, sheet: str, hidden: list[int], rows: list[int]) -> None:
    """Warn of the data ``rows`` (numbers as the sheet has them) that are ``hidden``: read, not left out."""
    shown = sorted(set(hidden).intersection(rows))
    if not shown:
        return
    _errors.warn(
        f"{path}{sheet}: {'row' if len(shown) == 1 else 'rows'} {few([str(row) for row in shown])} "
        f"{'is' if len(shown) == 1 else 'are'} hidden or filtered out in Excel, and read like every other row. "
        "Delete the rows that must be left out (for a withdrawn consent: delete them, never hide them); "
        "unhide them (select all, right-click a row number, Unhide; or Clear the filter) to see what is read. "
        "If they are hidden or filtered only for viewing, nothing needs to change.",
        HiddenRowsWarning,
        stacklevel=5,
    )


def cell_rows(
    path: Path,
    values_sheet,
    formulas_sheet,
    errors: list[tuple[int, int, str]] | None = None,
    *,
    checked: bool = True,
) -> Iterator[tuple[int, list[str]]]:
    """Yield the number and cells (as text, :func:`cell_text`) of each row of a sheet opened for values, refusing a
    formula the program that saved the file left without a value (``formulas_sheet``: the same sheet's formulas).
    ``checked=False`` for a sheet that is only looked at, never read: such a formula reads as an empty cell.

    ``errors`` collects ``(row, column, coordinate and value)`` of each cell holding an Excel error (``#N/A``,
    ``#REF!``), which reads as text like any other: :func:`refuse_errors` refuses those of the table.
    """
    # Rows are read as the sheet holds them, not padded to its stated size: one stray cell at XFD1048576 (a space,
    # a format) would make a million rows of 16,384 cells.
    for sheet in (values_sheet, formulas_sheet):
        sheet.reset_dimensions()
    sheets = (values_sheet.iter_rows(), formulas_sheet.iter_rows())
    try:
        for number, (values, written) in enumerate(zip(*sheets, strict=True), start=1):
            if number > EXCEL_ROWS:
                msg = (
                    f"{path}: the sheet {values_sheet.title!r} has more than {EXCEL_ROWS:,} rows, more than Excel "
                    "or LibreOffice allow, so neither saved it; save the table as CSV UTF-8."
                )
                raise InputFileError(msg)
            if not values:
                continue  # a row the sheet does not hold
            for cell, formula in zip(values, written, strict=False) if checked else ():
                if cell.value is None and isinstance(formula.value, str) and formula.value.startswith("="):
                    # A later sheet's row 3 is not the row 3 a user sees on opening the file: the sheet is named.
                    sheet = f", sheet {values_sheet.title!r}" if len(values_sheet.parent.sheetnames) > 1 else ""
                    msg = (
                        f"{path}{sheet}, row {number}, cell {formula.coordinate}: holds the formula {formula.value!r} "
                        "without a saved value; open the file in Excel or LibreOffice and save it again (that "
                        "computes it), or replace the formula by its value."
                    )
                    raise InputFileError(msg)
            if errors is not None:
                errors += [
                    (number, i, f"{cell.coordinate} ({cell.value})")
                    for i, cell in enumerate(values)
                    if getattr(cell, "data_type", None) == "e"
                ]
            cells = [cell_text(cell.value) for cell in values]
            while cells and not cells[-1]:
                cells.pop()
            if cells:
                # A blank row is left out here already: the rows are numbered as the sheet numbers them.
                yield number, cells
    finally:
        # Each sheet's rows hold the file open until closed; a traceback kept (in a Future) would keep it open.
        for rows in sheets:
            rows.close()


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return strip_cell(str(value))


def refuse_errors(path: Path, sheet: str, errors: list[tuple[int, int, str]], header_row: int, width: int) -> None:
    """Refuse the cells of the table (below the header, within its ``width`` columns) that hold an Excel error: a
    formula that broke. Read as text, ``#VALUE!`` would be a respondent, every broken id one and the same person."""
    found = [cell for row, column, cell in errors if row > header_row and column < width]
    if found:
        msg = (
            f"{path}{sheet}: the cells {few(found)} hold an Excel error instead of a value (a formula that broke); "
            "correct the formula or type the value, and save again."
        )
        raise InputFileError(msg)
