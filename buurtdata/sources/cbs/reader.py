"""A KWB file's cells as text in DuckDB: CSV through DuckDB's own reader, Excel streamed row by row, Parquet.

The cells are never held in Python: :func:`load_text` makes the view (or, for a transcoded CSV or an Excel
workbook, the temp table) ``kwb_text`` with a row number ``_row`` (1 = the first data row; in a workbook, the
sheet row - 1, as empty rows are left out) so ``_row - 1 + first_line`` is the row a user sees, and text
columns ``c0``, ``c1``, ... in the file's order, so a file of any size is read with bounded memory
(:func:`bounded_memory` lets DuckDB spill to disk).
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import os
import tempfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow as pa

from buurtdata import _sql, codes
from buurtdata._errors import InputFileError, ValidationError, where

#: What DuckDB may hold in memory while a KWB file is read and staged; beyond it, it spills to a temp folder. Python,
#: pandas and DuckDB's own bookkeeping come on top (about 0.5 GB), and a 500 MB file may take 1.5 GB in all.
MEMORY_LIMIT = "768MB"
#: Rows of an Excel sheet moved into DuckDB at a time.
EXCEL_CHUNK_ROWS = 20_000
#: Bytes of a CSV in another encoding than UTF-8 transcoded at a time.
TRANSCODE_BYTES = 1 << 20
#: The objects :func:`load_text` leaves on the connection.
TEXT_OBJECTS = ("kwb_text", "kwb_codes")


@contextlib.contextmanager
def bounded_memory(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Hold DuckDB to :data:`MEMORY_LIMIT` (spilling to a temp folder) and restore the connection's own limit."""
    before, folder, database = con.execute(
        "select current_setting('memory_limit'), current_setting('temp_directory'), "
        "(select path from duckdb_databases() where database_name = current_database())"
    ).fetchall()[0]
    if database is None and folder in ("", ".tmp"):
        # An in-memory database spills into '.tmp' in the working folder, which may be the user's project folder.
        # DuckDB cannot move its temp folder once used, so this one stays set. One per process: DuckDB removes the
        # folder it made when it is done, whoever else spills there.
        folder = Path(tempfile.gettempdir()) / f"buurtdata-duckdb-{os.getpid()}"
        with contextlib.suppress(duckdb.NotImplementedException):
            con.execute(f"set temp_directory = {_sql.quote(folder)}")
    con.execute(f"set memory_limit = '{MEMORY_LIMIT}'")
    try:
        yield
    finally:
        con.execute(f"set memory_limit = '{_restorable(before)}'")


#: The units DuckDB shows a memory limit in.
_UNITS = {"bytes": 1, "KiB": 2**10, "MiB": 2**20, "GiB": 2**30, "TiB": 2**40, "PiB": 2**50}


def _restorable(shown: str) -> str:
    """Return a memory limit DuckDB shows as ``shown``, the middle of what it may be: DuckDB shows no more than one
    decimal, cut ('2.7 GiB' for 3GB), and set back as shown it can drop a step ('2.7GiB' shows as '2.6 GiB').
    """
    number, unit = shown.split()
    return f"{(Decimal(number) + Decimal('0.05')) * _UNITS[unit]:.0f} bytes"


def drop_text(con: duckdb.DuckDBPyConnection) -> None:
    """Drop what :func:`load_text` left on the connection."""
    names = list(TEXT_OBJECTS)
    found = con.execute(
        "select view_name, 'view' from duckdb_views() where temporary and list_contains(?, view_name) union all "
        "select table_name, 'table' from duckdb_tables() where temporary and list_contains(?, table_name)",
        [names, names],
    ).fetchall()
    for name, kind in found:
        con.execute(f"drop {kind} {name}")


def load_text(con: duckdb.DuckDBPyConnection, path: Path, encoding: str | None) -> tuple[list[str], str, int]:
    """Make ``kwb_text`` of ``path``; return its header, how it was read, and the first data row's line."""
    drop_text(con)
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        try:
            names = [d[0] for d in con.execute(f"select * from read_parquet({_sql.quote(path)}) limit 0").description]
        except duckdb.Error as error:
            msg = (
                f"{path} cannot be read as Parquet ({error}); the file is "
                "probably truncated or not Parquet. Download or export it again."
            )
            raise InputFileError(msg) from error
        cells = ", ".join(f"coalesce({_sql.identifier(n)}::varchar, '') as c{i}" for i, n in enumerate(names))
        con.execute(
            f"create temp view kwb_text as select row_number() over () as _row, {cells} "
            f"from read_parquet({_sql.quote(path)})"
        )
        # A Parquet file has no lines: its data rows are named as they are numbered, 1 = the first.
        return names, "Parquet", 1
    if suffix in {".xlsx", ".xlsm"}:
        return _load_excel(con, path), "Excel", 2
    check_suffix(path)
    return _load_csv(con, path, encoding)


def check_suffix(path: Path) -> None:
    """Refuse a file of a kind no KWB table is read from (a saved API answer in JSON, metadata), before anything else
    is asked of it: a user told to pass the table id of a .json file would only learn this next."""
    suffix = path.suffix.lower()
    if suffix not in {".csv", ".txt", ".xlsx", ".xlsm", ".parquet"}:
        msg = f"{path}: cannot read {suffix!r} files; save the KWB table as .csv (';'-separated), .xlsx or .parquet."
        raise InputFileError(msg)


def _load_excel(con: duckdb.DuckDBPyConnection, path: Path) -> list[str]:
    """Stream the first sheet into the temp table ``kwb_text``, the cells written as pandas' ``read_excel`` does."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            # A first pass finds the width (rows may be ragged), so the second can stream into fixed columns.
            width = max((len(row) for _, row in _excel_rows(book)), default=0)
            if width == 0:
                raise InputFileError(f"{path} is empty; export the KWB table again.")
            rows = _excel_rows(book)
            _, first = next(rows)
            header = [c.strip() for c in _padded(first, width)]
            con.execute(
                "create temp table kwb_text (_row bigint, " + ", ".join(f"c{i} varchar" for i in range(width)) + ")"
            )
            chunk: list[list[str]] = []
            # Numbered by sheet row (first_line is 2): an empty row, above the header or not, shifts no row below it.
            numbers: list[int] = []
            for line, row in rows:
                chunk.append(_padded(row, width))
                numbers.append(line - 1)
                if len(chunk) == EXCEL_CHUNK_ROWS:
                    _insert(con, chunk, numbers, width)
                    chunk, numbers = [], []
            _insert(con, chunk, numbers, width)
        finally:
            book.close()
    except (InputFileError, duckdb.Error):
        raise
    except Exception as error:
        msg = (
            f"{path} cannot be read as an Excel workbook ({error}); "
            "the file is probably truncated. Download or save it again."
        )
        raise InputFileError(msg) from error
    return header


def _excel_rows(book) -> Iterator[tuple[int, list[str]]]:
    """Yield the first sheet's rows that hold anything, each with its row number and without its empty trailing
    cells, as text."""
    for number, values in enumerate(book.worksheets[0].iter_rows(values_only=True), start=1):
        row = [_excel_text(v) for v in values]
        while row and row[-1] == "":
            row.pop()
        if row:
            yield number, row


def _excel_text(value: object) -> str:
    # pandas gives a whole float as an int (83058.0 -> '83058'); the readers have always seen that.
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _padded(row: list[str], width: int) -> list[str]:
    return row + [""] * (width - len(row))


def _insert(con: duckdb.DuckDBPyConnection, chunk: list[list[str]], numbers: list[int], width: int) -> None:
    if not chunk:
        return
    columns = {"_row": pa.array(numbers, pa.int64())}
    for i, values in enumerate(zip(*chunk, strict=True)):
        columns[f"c{i}"] = pa.array(values, pa.string())
    batch = pa.table(columns)  # noqa: F841 (read by DuckDB by name)
    con.execute("insert into kwb_text select * from batch")


def _utf16(content: bytes) -> str | None:
    """Return the UTF-16 codec ``content`` is written in, else ``None`` (a BOM, or NUL bytes in every other place)."""
    if content[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return "utf-16"
    start = content[:200]
    if len(start) >= 4 and start.count(b"\x00") >= len(start) // 3:
        return "utf-16-le" if start[1::2].count(b"\x00") > start[0::2].count(b"\x00") else "utf-16-be"
    return None


def _load_csv(con: duckdb.DuckDBPyConnection, path: Path, encoding: str | None) -> tuple[list[str], str, int]:
    with path.open("rb") as file:
        start = file.read(200)
    asked = (encoding or "utf-8").lower().replace("_", "-")
    codec = "utf-8-sig" if asked in {"utf-8", "utf8", "utf-8-sig"} else encoding
    utf16 = _utf16(start) if encoding is None else None
    if utf16 is not None:
        # Excel's "Unicode text" and PowerShell write UTF-16; read as UTF-8 it looks like a cut-off file.
        codec, encoding = utf16, "UTF-16"
    try:
        header, separator = _header(path, codec)
    except UnicodeDecodeError as error:
        if encoding is not None:
            raise _not_encoded(path, codec, encoding) from error
        codec = None
    if codec == "utf-8-sig":
        try:
            _csv_view(con, path, header, separator, "utf-8")
            return header, f"CSV, {encoding or 'UTF-8'}, separator {separator!r}", 2
        except duckdb.InvalidInputException as error:
            if "unicode" not in str(error).lower():
                _explain(path, "utf-8-sig", separator, error)
            if encoding is not None:
                raise _not_encoded(path, codec, encoding) from error
            codec = None
    if codec is None:
        # Excel on Windows saves CSV as cp1252; every byte decodes there, so read it as that and say so.
        codec, read_with = "cp1252", "cp1252 (Windows); not valid UTF-8"
        header, separator = _header(path, codec)
    else:
        read_with = encoding
    _transcoded_table(con, path, codec, header, separator)
    return header, f"CSV, {read_with}, separator {separator!r}", 2


def _header(path: Path, codec: str) -> tuple[list[str], str]:
    with path.open(encoding=codec, newline="") as file:
        first = file.readline()
        if not first.strip():
            raise InputFileError(f"{path} is empty; download the KWB table again.")
        separator = ";" if first.count(";") >= first.count(",") else ","
        file.seek(0)
        header = [c.strip() for c in next(csv.reader(file, delimiter=separator))]
    return header, separator


def _read_csv_sql(path: Path, width: int, separator: str, encoding: str) -> str:
    columns = "{" + ", ".join(f"'c{i}': 'varchar'" for i in range(width)) + "}"
    return (
        f"read_csv({_sql.quote(path)}, delim = {_sql.quote(separator)}, quote = '\"', escape = '\"', header = false, "
        f"skip = 1, columns = {columns}, auto_detect = false, strict_mode = true, null_padding = false, "
        f"encoding = {_sql.quote(encoding)})"
    )


def _csv_view(con: duckdb.DuckDBPyConnection, path: Path, header: list[str], separator: str, encoding: str) -> None:
    """Make ``kwb_text`` a view on the file itself and scan it once: the structure is checked here."""
    source = _read_csv_sql(path, len(header), separator, encoding)
    con.execute(f"create or replace temp view kwb_text as select row_number() over () as _row, * from {source}")
    _check_structure(con, path, encoding, separator, len(header))


def _transcoded_table(
    con: duckdb.DuckDBPyConnection, path: Path, codec: str, header: list[str], separator: str
) -> None:
    """Copy a CSV in another encoding to UTF-8, block by block, and read that into the temp table ``kwb_text``."""
    decoder = codecs.getincrementaldecoder(codec)()
    handle, name = tempfile.mkstemp(suffix=".csv", prefix="buurtdata-")
    try:
        with os.fdopen(handle, "wb") as out, path.open("rb") as file:
            while block := file.read(TRANSCODE_BYTES):
                out.write(decoder.decode(block).encode("utf-8"))
            out.write(decoder.decode(b"", final=True).encode("utf-8"))
        source = _read_csv_sql(Path(name), len(header), separator, "utf-8")
        # A file read as UTF-8 until a byte far in proved otherwise left its view behind.
        con.execute("drop view if exists kwb_text")
        try:
            with bounded_memory(con):
                con.execute(f"create temp table kwb_text as select row_number() over () as _row, * from {source}")
        except duckdb.InvalidInputException as error:
            _explain(path, codec, separator, error)
        _check_structure(con, path, codec, separator, len(header))
    finally:
        Path(name).unlink(missing_ok=True)


def _check_structure(con: duckdb.DuckDBPyConnection, path: Path, codec: str, separator: str, width: int) -> None:
    """Refuse a file DuckDB cannot read as rows of the header's width, or with a quoted field over several lines."""
    spans = " or ".join(f"regexp_matches(c{i}, '[\\r\\n]')" for i in range(width))
    try:
        multiline = con.execute(f"select bool_or({spans}) from kwb_text").fetchall()[0][0]
    except duckdb.InvalidInputException as error:
        if "unicode" in str(error).lower():
            raise
        _explain(path, codec, separator, error)
    if multiline:
        _explain(path, codec, separator, None)


def _explain(path: Path, codec: str, separator: str, error: Exception | None) -> None:
    """Raise what is wrong with a CSV file DuckDB refused, found by Python's csv module (slow, so only now)."""
    codec = "utf-8-sig" if codec.lower() in {"utf-8", "utf8"} else codec
    with path.open(encoding=codec, newline="") as file:
        reader = csv.reader(file, delimiter=separator)
        header = next(reader)
        width, line = len(header), reader.line_num
        problems: list[str] = []
        for row in reader:
            if width == 1 and len(row) > 1:
                # User test L: a title line above the column names made every row "130 of 1 fields; cut off".
                msg = (
                    f"{where(path, 1)}: holds only {header[0]!r}, not the table's column names (the rows below have "
                    f"{len(row)} fields); delete the title and empty lines above the column names, so that the "
                    "names are on line 1."
                )
                raise InputFileError(msg)
            if reader.line_num > line + 1:
                # A quoted field that spans lines: in a KWB file always a quote someone forgot to close.
                field = next((i for i, cell in enumerate(row) if "\n" in cell or "\r" in cell), len(row) - 1)
                msg = (
                    f'{where(path, line + 1)}: the quote (") in field {field + 1} is not closed, so lines {line + 1}-'
                    f"{reader.line_num} were read as one row. Remove the quote or close it on line {line + 1}."
                )
                raise InputFileError(msg)
            line = reader.line_num
            if len(row) == 1 and width > 1 and any(c.isalpha() for c in row[0]) and not codes.is_valid(row[0]):
                # User test L: a note added below the table ('Bron: CBS') was "cut off (truncated)".
                problems.append(
                    f"{where(path, line)}: holds only {row[0].strip()!r}, a note rather than a region's row; delete "
                    "that line (the source is credited where buurtdata shows the figures)."
                )
            elif row and len(row) != width:
                problems.append(
                    f"{where(path, line)}: has {len(row)} of {width} fields; "
                    "the file looks cut off (truncated). Download it again."
                )
    if problems:
        raise ValidationError(problems, source=path)
    raise InputFileError(f"{path} cannot be read as CSV ({error}); download or export it again.") from error


def _not_encoded(path: Path, codec: str, encoding: str) -> InputFileError:
    """The error for a file that is not in the ``encoding`` its reader was told, naming the first bad byte."""
    line, byte = _first_undecodable(path, codec)
    return InputFileError(
        f"{where(path, line)}: byte {byte!r} is not valid {encoding}; the file is probably cp1252 (Windows, as "
        "Excel saves CSV). Pass encoding='cp1252', or leave encoding unset so buurtdata detects it."
    )


def _first_undecodable(path: Path, codec: str) -> tuple[int, bytes]:
    """Return the line and the byte where ``path`` stops being valid ``codec``."""
    decoder, line = codecs.getincrementaldecoder(codec)(), 1
    with path.open("rb") as file:
        while block := file.read(1 << 20):
            try:
                decoder.decode(block)
            except UnicodeDecodeError as error:
                return line + block[: error.start].count(b"\n"), block[error.start : error.start + 1]
            line += block.count(b"\n")
    return line, b""
