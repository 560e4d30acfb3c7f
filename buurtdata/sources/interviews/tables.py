"""Spreadsheet tables (CSV or XLSX) read to numbered rows of text cells, and the checks all readers share.

Each reader of interview input (:mod:`.segments`, :mod:`.codebook`) reads its
file here, so every message names the file, the line or row, and the fix.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import itertools
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pcsv

from buurtdata._errors import InputFileError, where
from buurtdata.sources.interviews.distinct import arrow_text

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


def _read_table(
    path: Path, *, format: str | None, template: Path | None
) -> tuple[list[str], pd.DataFrame, list[tuple[int, int]]]:
    """Return the header cells, the data rows and the rows with text beyond the header.

    The data rows are a frame of stripped text cells (columns ``0, 1, ...``; ``""`` where a row has no
    such cell) indexed by the line (CSV) or row (XLSX) number each starts on. The last item lists
    ``(row, number of cells)`` of every data row with a non-empty cell right of the header.
    """
    start = f"; start from the template {template}" if template else ""
    kind = _format_of(path, format)
    _must_exist(path)
    if path.stat().st_size == 0:
        msg = f"{path} is empty{start}."
        raise InputFileError(msg)
    cells, count = _csv_table(path) if kind == "csv" else _rows_table(list(_xlsx_rows(path)))
    if len(cells.columns):
        # Only a row with an empty first cell can be blank: the other cells are compared for those alone.
        empty = (cells[0] == "").to_numpy(copy=True)
        empty[empty] = ~cells[empty].ne("").any(axis=1).to_numpy()
        keep = ~empty & ~cells[0].str.startswith("#").to_numpy()
        first = int(keep.argmax()) if len(keep) else 0
        # Comments and blank lines at the top only (the usual case): a slice, not a copy of every cell.
        cells = cells.iloc[first:] if keep[first:].all() else cells[keep]
    kept = cells
    if kept.empty:
        msg = f"{path} has no header row, only comments or blank lines{start}."
        raise InputFileError(msg)
    header_row, data = kept.index[0], kept.iloc[1:]
    if data.empty:
        msg = f"{path} has a header but no rows; add at least one row below the header."
        raise InputFileError(msg)
    header = [h.lower() for h in kept.iloc[0, : count(header_row)]]
    beyond = data.iloc[:, len(header) :]
    wide = [(row, count(row)) for row in data.index[beyond.ne("").any(axis=1)]] if len(beyond.columns) else []
    return header, data, wide


def _rows_table(rows: list[tuple[int, list[str]]]) -> tuple[pd.DataFrame, Callable[[int], int]]:
    """Return numbered rows of cells as a frame of stripped text, and how many cells each row had."""
    numbers = [n for n, _ in rows]
    widths = dict(zip(numbers, (len(row) for _, row in rows), strict=True))
    width = max(widths.values(), default=0)
    padded = [[c.strip() for c in row] + [""] * (width - len(row)) for _, row in rows]
    return pd.DataFrame(padded, index=numbers, columns=range(width), dtype=object), widths.__getitem__


def _csv_table(path: Path) -> tuple[pd.DataFrame, Callable[[int], int]]:
    raw = path.read_bytes()
    if raw.startswith(b"PK\x03\x04"):
        msg = f"{path} is a zip archive (an XLSX workbook?), not CSV; name it .xlsx or pass format='xlsx'."
        raise InputFileError(msg)
    if b"\x00" in raw:
        msg = f"{path} is not a UTF-8 text file (it holds NUL bytes: UTF-16 or binary?); save it as 'CSV UTF-8'."
        raise InputFileError(msg)
    data = raw.removeprefix(codecs.BOM_UTF8)
    if not _is_utf8(data):
        try:
            raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            msg = f"{where(path, line)}: not UTF-8 (byte {raw[exc.start]:#x}); in Excel use 'Save as' > 'CSV UTF-8'."
            raise InputFileError(msg) from None
    # A line break other than \n (a lone \r) is left to the csv module, which knows all of them.
    if b"\r" not in data or data.count(b"\r") == data.count(b"\r\n"):
        found = _csv_frame(data)
        if found is not None:
            return found
    return _rows_table(_csv_rows(path, data.decode()))


def _is_utf8(data: bytes) -> bool:
    """Tell whether ``data`` is valid UTF-8, checked by Arrow in place: the text itself is made only if needed."""
    offsets = pa.py_buffer(np.array([0, len(data)], np.int64))
    try:
        pa.LargeStringArray.from_buffers(1, offsets, pa.py_buffer(data)).validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


def _csv_frame(data: bytes) -> tuple[pd.DataFrame, Callable[[int], int]] | None:
    """Return the rows of UTF-8 CSV ``data`` read by Arrow's or pandas' C parser, or None when a cell spans lines.

    Row ``n`` of the frame is line ``n`` of the file only when no quoted cell holds a line break; that is
    checked by counting, and such a file (or one pandas cannot parse) is left to :func:`_csv_rows`, which
    also names the line of an unclosed quote.
    """
    data = _blank_comments(data)
    header = _first_line(data)
    separator = ";" if header.count(";") > header.count(",") else ","
    # As text only when Arrow cannot read it, or a row far down has too many cells.
    text = functools.cache(data.decode)
    lines = functools.cache(lambda: text().split("\n"))

    def count(row: int) -> int:
        # The header is near the top: no need to split a million lines for it.
        line = _head(data, row).decode().split("\n")[row - 1] if row <= 100 else lines()[row - 1]
        return len(next(csv.reader([line], delimiter=separator), []))

    cells = _arrow_cells(data, separator, header.count(separator) + 1)
    if cells is not None:
        return cells, count
    cells = _parsed(text(), separator, header.count(separator) + 1)
    if cells is None:
        # A row with more cells than the header: no single-line row has more than separators plus one.
        cells = _parsed(text(), separator, max(line.count(separator) for line in lines()) + 1)
    if cells is None or len(cells) != data.count(b"\n") + (not data.endswith(b"\n")):
        return None
    cells.index = pd.RangeIndex(1, len(cells) + 1)
    for column in cells.columns:
        cells[column] = _stripped(cells[column])
    return cells, count


def _head(data: bytes, rows: int) -> bytes:
    """Return the first ``rows`` lines of ``data``, found without splitting (or copying) the rest of it."""
    end = -1
    for _ in range(rows):
        end = data.find(b"\n", end + 1)
        if end < 0:
            return data
    return data[:end]


def _first_line(data: bytes) -> str:
    """Return the first line of ``data`` that holds more than white space, or ``""``."""
    return next((line for found in re.finditer(rb"[^\n]+", data) if not (line := found.group().decode()).isspace()), "")


def _arrow_cells(data: bytes, separator: str, width: int) -> pd.DataFrame | None:
    """Return the lines of UTF-8 ``data`` as ``width`` stripped text columns indexed by line number, or None.

    Arrow's reader parses straight into Arrow strings, several times faster than pandas' C parser into
    Python strings. It is used only when every non-blank line is one row of exactly ``width`` cells
    (counted: rows plus blank lines is the number of lines); otherwise None, and :func:`_parsed` reads it.
    """
    if not data:
        return None
    blank = _blank_lines(data)
    invalid = []

    def refuse(row: pcsv.InvalidRow) -> str:
        invalid.append(row)
        return "skip"

    names = [str(i) for i in range(width)]
    try:
        table = pcsv.read_csv(
            pa.BufferReader(data),
            read_options=pcsv.ReadOptions(column_names=names),
            parse_options=pcsv.ParseOptions(
                delimiter=separator, newlines_in_values=True, ignore_empty_lines=True, invalid_row_handler=refuse
            ),
            convert_options=pcsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.large_string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid:
        return None
    if invalid or table.num_rows + int(blank.sum()) != len(blank):
        return None
    index = pd.RangeIndex(1, len(blank) + 1)
    return pd.DataFrame(
        {
            i: _stripped(pd.Series(pd.array(_with_blank_lines(table.column(i), blank), dtype="str"), index=index))
            for i in range(width)
        },
        index=index,
    )


def _blank_lines(data: bytes) -> np.ndarray:
    """Return per line of ``data`` whether it is blank (empty, or a lone ``\\r`` before its ``\\n``).

    Found by searching for the line breaks that follow a line break: blank lines are few, lines a million.
    """
    blank = np.zeros(data.count(b"\n") + (not data.endswith(b"\n")), bool)
    starts = [0] if data.startswith((b"\n", b"\r\n")) else []
    for pattern in (b"\n\n", b"\n\r\n") if b"\r" in data else (b"\n\n",):
        at = data.find(pattern)
        while at >= 0:
            starts.append(at + 1)
            at = data.find(pattern, at + 1)
    line, counted = 0, 0
    for start in sorted(starts):
        line += data.count(b"\n", counted, start)
        counted = start
        blank[line] = True
    return blank


def _with_blank_lines(column: pa.ChunkedArray, blank: np.ndarray) -> pa.ChunkedArray:
    """Return ``column`` with an empty cell for each ``blank`` line, so row n is line n as from pandas.

    Made of slices of the column between the runs of blank lines, then copied once into one piece: Arrow's
    take over a hundred pieces (a million rows) costs a third of a second even for one row, the copy a few
    milliseconds.
    """
    bounds = [0, *(np.flatnonzero(np.diff(blank.astype(np.int8))) + 1), len(blank)]
    pieces, done = [], 0
    for start, stop in itertools.pairwise(bounds):
        if blank[start]:
            pieces.append(pa.array([""] * (stop - start), pa.large_string()))
        else:
            pieces += column.slice(done, stop - start).chunks
            done += stop - start
    return pa.chunked_array([pa.chunked_array(pieces, pa.large_string()).combine_chunks()])


def _parsed(text: str, separator: str, width: int) -> pd.DataFrame | None:
    """Return every line of ``text`` as ``width`` text cells, or None when a line has more or pandas fails."""
    try:
        return pd.read_csv(
            io.StringIO(text), sep=separator, header=None, names=range(width), dtype=object,
            keep_default_na=False, skip_blank_lines=False, engine="c",
        )  # fmt: skip
    except (pd.errors.ParserError, csv.Error):
        return None


def _stripped(values: pd.Series) -> pd.Series:
    """Return text ``values`` stripped as :meth:`str.strip` does, calling it only on the cells that may need it.

    Those are the cells whose first or last byte is ASCII white space or part of a non-ASCII character,
    found from the bytes of the Arrow column; ``str.strip`` leaves the others as they are.
    """
    padded = _maybe_padded(arrow_text(values))
    if not padded.any():
        return values
    out = values.copy()
    out[padded] = [text.strip() for text in values[padded]]
    return out


#: Per byte: may it start or end a cell that ``str.strip`` changes (ASCII white space, or not ASCII)?
_MAYBE_SPACE = np.array([byte >= 0x80 or chr(byte).isspace() for byte in range(256)])


def _maybe_padded(chunk: pa.LargeStringArray) -> np.ndarray:
    _, offsets, data = chunk.buffers()
    offsets = np.frombuffer(offsets, np.int64)[chunk.offset : chunk.offset + len(chunk) + 1]
    starts, stops = offsets[:-1], offsets[1:]
    filled = stops > starts
    if not filled.any():
        return filled
    data = np.frombuffer(data, np.uint8)
    # An empty cell's position may be past the end: clipped, and masked by filled.
    first, last = np.take(data, starts, mode="clip"), np.take(data, stops - 1, mode="clip")
    return filled & (_MAYBE_SPACE[first] | _MAYBE_SPACE[last])


def _blank_comments(data: bytes) -> bytes:
    """Return UTF-8 ``data`` with each comment line (``#`` first, outside a quoted cell) emptied; line numbers
    stay."""
    if b"#" not in data:
        return data
    parts, done, counted, quoted = [], 0, 0, False
    for start in _comment_starts(data):
        quoted ^= data.count(b'"', counted, start) % 2 == 1
        counted = start
        if quoted:
            continue
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        parts.append(data[done:start])
        done = counted = end
    return b"".join([*parts, data[done:]]) if parts else data


def _comment_starts(data: bytes) -> Iterator[int]:
    """Yield the start of each line whose first non-blank character is ``#``, in order.

    Found from the ``#`` characters (few in a table), not by a line-start pattern tried at every character.
    """
    at = data.find(b"#")
    while at >= 0:
        start = data.rfind(b"\n", 0, at) + 1
        # White space as str.isspace sees it: a no-break space is two bytes.
        if start == at or data[start:at].decode().isspace():
            yield start
            end = data.find(b"\n", at)
            if end < 0:
                return
            at = end
        at = data.find(b"#", at + 1)


def _csv_rows(path: Path, text: str) -> list[tuple[int, list[str]]]:
    """Return the ``(line number, cells)`` of every row, read line by line: quoted cells may hold line breaks."""
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
            rows.append((start, cells))
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
    except (zipfile.BadZipFile, InvalidFileException, KeyError, AttributeError) as exc:
        # AttributeError: openpyxl on a workbook it cannot follow, e.g. one of chart sheets only.
        msg = f"{path} is not an XLSX workbook ({exc}); save it from Excel as .xlsx, or as CSV UTF-8."
        raise InputFileError(msg) from None
    sheets = ()
    try:
        if not book.worksheets:
            raise InputFileError(f"{path} has no worksheet, only charts; put the table on the first sheet.")
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
        # Each sheet's rows hold the file open until closed; a traceback kept (in a Future) would keep it open.
        for rows in sheets:
            rows.close()
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
    if isinstance(values, pd.DataFrame):
        return pd.DataFrame({column: _as_text(values[column]) for column in values.columns}, index=values.index)
    if values.dtype == "str":
        return values
    return values.astype("str").where(values.notna())
