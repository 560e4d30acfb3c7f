"""Spreadsheet tables (CSV or XLSX) read to numbered rows of text cells, and the checks all readers share.

Each reader of interview input (:mod:`.segments`, :mod:`.codebook`) reads its
file here, so every message names the file, the line or row, and the fix.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from buurtdata._errors import InputFileError, where

#: Values of ``format`` that :func:`read_segments` accepts.
SEGMENT_FORMATS = ("csv", "xlsx", "qdpx", "taguette", "qualcoder")

_FORMATS = {".csv": "csv", ".txt": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx"}


@dataclass
class _Field:
    """A column of an input template: its output name and the headers it may have."""

    name: str
    headers: tuple[str, ...]
    required: bool = True


def _must_exist(path: Path) -> None:
    if not path.is_file():
        msg = f"{path} does not exist; check the path (current folder: {Path.cwd()})."
        raise FileNotFoundError(msg)


def _read_table(
    path: Path, *, format: str | None, template: Path | None
) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Return the header cells and the ``(row number, cells)`` of every data row."""
    start = f"; start from the template {template}" if template else ""
    kind = _format_of(path, format)
    _must_exist(path)
    if path.stat().st_size == 0:
        msg = f"{path} is empty{start}."
        raise InputFileError(msg)
    rows = _csv_rows(path) if kind == "csv" else _xlsx_rows(path)
    kept = [(n, cells) for n, cells in rows if any(cells) and not cells[0].startswith("#")]
    if not kept:
        msg = f"{path} has no header row, only comments or blank lines{start}."
        raise InputFileError(msg)
    (_, header), data = kept[0], kept[1:]
    if not data:
        msg = f"{path} has a header but no rows; add at least one row below the header."
        raise InputFileError(msg)
    return [h.strip().lower() for h in header], data


def _format_of(path: Path, format: str | None) -> str:
    if format is None:
        kind = _FORMATS.get(path.suffix.lower())
        if kind is None:
            msg = (
                f"{path}: cannot read {path.suffix or 'a file without extension'!r}; save it as .csv (UTF-8) or .xlsx "
                f"(or export a REFI-QDA .qdpx/.qdc), or pass format= one of {', '.join(SEGMENT_FORMATS)}."
            )
            raise InputFileError(msg)
        return kind
    return format


def _csv_rows(path: Path) -> list[tuple[int, list[str]]]:
    raw = path.read_bytes()
    if raw.startswith(b"PK\x03\x04"):
        msg = f"{path} is a zip archive (an XLSX workbook?), not CSV; name it .xlsx or pass format='xlsx'."
        raise InputFileError(msg)
    if b"\x00" in raw:
        msg = f"{path} is not a UTF-8 text file (it holds NUL bytes: UTF-16 or binary?); save it as 'CSV UTF-8'."
        raise InputFileError(msg)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        msg = f"{where(path, line)}: not UTF-8 (byte {raw[exc.start]:#x}); in Excel use 'Save as' > 'CSV UTF-8'."
        raise InputFileError(msg) from None
    # Comment lines are blanked rather than removed so that csv's line count stays the file's.
    lines, quoted = [], False
    for line in io.StringIO(text, newline=""):
        if not quoted and line.lstrip().startswith("#"):
            lines.append("\n")
            continue
        lines.append(line)
        quoted ^= line.count('"') % 2 == 1
    header = next((line for line in lines if line.strip()), "")
    separator = ";" if header.count(";") > header.count(",") else ","
    reader = csv.reader(lines, delimiter=separator)
    rows, start, width = [], 1, header.count(separator) + 1
    try:
        for cells in reader:
            _check_closed(path, start, reader.line_num, cells, lines, separator, width)
            rows.append((start, [c.strip() for c in cells]))
            start = reader.line_num + 1
    except csv.Error as exc:
        msg = f"{where(path, start)}: cannot be read as CSV ({exc}); check the double quotes on that line."
        raise InputFileError(msg) from None
    return rows


def _check_closed(
    path: Path, start: int, end: int, cells: list[str], lines: list[str], separator: str, width: int
) -> None:
    """Refuse a quote left open: the rows after it would be read as text of one cell.

    A quote may hold line breaks (Excel writes them so), but not a line with as many cells as the header:
    that is a row of its own.
    """
    if end == start:
        return
    swallowed = any(len(next(csv.reader([line], delimiter=separator), [])) == width for line in lines[start : end - 1])
    if not swallowed:
        return
    field = next((i for i, cell in enumerate(cells) if "\n" in cell), len(cells) - 1)
    msg = (
        f'{where(path, start)}: the quote (") in field {field + 1} is not closed, so lines {start}-{end} were read '
        f"as one row; close the quote on line {start} or remove it."
    )
    raise InputFileError(msg)


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    # Imported here: openpyxl costs more at import than the rest of this module, and most exports are CSV.
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        # A formula's value is what the program that saved the file computed; one that does not (a script,
        # some converters) saves none, which would read as an empty cell.
        formulas = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError) as exc:
        msg = f"{path} is not an XLSX workbook ({exc}); save it from Excel as .xlsx, or as CSV UTF-8."
        raise InputFileError(msg) from None
    try:
        sheets = (book.worksheets[0].iter_rows(), formulas.worksheets[0].iter_rows())
        for number, (values, written) in enumerate(zip(*sheets, strict=True), start=1):
            for cell, formula in zip(values, written, strict=False):
                if cell.value is None and isinstance(formula.value, str) and formula.value.startswith("="):
                    msg = (
                        f"{where(path, number)}, cell {formula.coordinate}: holds the formula {formula.value!r} "
                        "without a saved value; open the file in Excel or LibreOffice and save it again (that "
                        "computes it), or replace the formula by its value."
                    )
                    raise InputFileError(msg)
            yield number, [_cell_text(cell.value) for cell in values]
    finally:
        book.close()
        formulas.close()


def _cell_text(value: object) -> str:
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
    return str(value).strip()


def _locate_columns(path: Path, header: list[str], fields: list[_Field], *, template: Path | None) -> dict[str, int]:
    """Map each field to its column position; raise naming every missing required column."""
    doubles = sorted({h for h in header if h and header.count(h) > 1})
    if doubles:
        msg = f"{path}: column(s) {', '.join(doubles)} appear more than once in the header; keep one of each."
        raise InputFileError(msg)
    found = {f.name: header.index(h) for f in fields for h in f.headers if h in header}
    missing = [f.headers[0] for f in fields if f.required and f.name not in found]
    if missing:
        expected = ", ".join(f.headers[0] for f in fields)
        one_cell = len(header) == 1 and re.search(r"[\t|: ]", header[0])
        hint = " The header is one cell: separate columns with , or ;." if one_cell else ""
        msg = (
            f"{path} has no column {', '.join(repr(m) for m in missing)}; found {', '.join(header)}. "
            f"Expected columns: {expected}{f' (see the template {template})' if template else ''}.{hint}"
        )
        raise InputFileError(msg)
    return found


def _getter(columns: dict[str, int], cells: list[str]):
    def value(name: str) -> str:
        i = columns.get(name)
        return cells[i] if i is not None and i < len(cells) else ""

    return value


def _duplicates(values: Iterable[tuple[int, str]], path: Path, field_name: str) -> list[str]:
    seen: dict[str, list[int]] = {}
    for row, value in values:
        if value:
            seen.setdefault(value, []).append(row)
    return [
        f"{path}, rows {', '.join(map(str, rows))}, field {field_name!r}: {value!r} occurs {len(rows)} times; "
        "make each one unique."
        for value, rows in seen.items()
        if len(rows) > 1
    ]


def _as_text(values: pd.Series | pd.DataFrame) -> pd.Series | pd.DataFrame:
    """Return ``values`` as strings, missing values still missing.

    pandas before 3.0 turns a missing value into the string ``'None'`` or ``'nan'`` in ``astype("str")``.
    """
    return values.astype("str").where(values.notna())
