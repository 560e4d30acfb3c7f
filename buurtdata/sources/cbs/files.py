"""KWB files as CBS publishes them or users keep them: CSV, Excel and Parquet -> OData v3-shaped frames.

A file is checked here (region codes, duplicate regions, cells that are not numbers) and returned
as the three frames the staging SQL reads (data, DataProperties, WijkenEnBuurten); what an empty
cell, ``.`` or a CBS sentinel means is decided there, not here.
"""

from __future__ import annotations

import codecs
import csv
import re
from pathlib import Path

import pandas as pd
import pyarrow as pa

from buurtdata import codes, settings
from buurtdata._errors import CodeError, DataNotAvailableError, InputFileError, ValidationError, where
from buurtdata.sources.cbs.indicators import short_names, table_properties
from buurtdata.sources.cbs.tables import KWB_FILE_YEAR, KWB_TABLES, TABLE_ID, check_table, declared_mismatch, year_of

#: Columns of a KWB TypedDataSet that describe the region rather than hold a figure.
_REGION_COLUMN = re.compile(
    r"^(ID|WijkenEnBuurten|Gemeentenaam_\d+|SoortRegio_\d+|Codering_\d+|Indelingswijziging\w*_\d+|MeestVoorkomendePostcode_\d+)$"
)
_CBS_KEY = re.compile(r"^(ID|WijkenEnBuurten|\w+_\d+)$")
_NUMERIC = ("Long", "Integer", "Double", "Float", "Decimal")
_EMPTY = {"", "."}
#: A number written with thousands separators and nothing else: 39.858, 8.374.404, 39,858 (not 0.125: no leading 0).
_GROUPED = re.compile(r"^[-+]?[1-9]\d{0,2}([.,])\d{3}$")


def _properties_beside(path: Path, table: str) -> pd.DataFrame | None:
    """Return DataProperties saved beside a KWB file (as statline-bq or download_kwb name them), else ``None``."""
    for candidate in (
        path.with_name(f"cbs.v3.{table}_DataProperties.parquet"),
        path.with_name(f"{path.stem}_properties.parquet"),
    ):
        if candidate != path and candidate.exists():
            return pd.read_parquet(candidate)
    return None


def _read_table(path: Path, encoding: str | None = None) -> tuple[list[str], pd.DataFrame, str, int]:
    """Return header, the cells as text (columns numbered from 0), how the file was read,
    and the first data row's line.
    """
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        try:
            frame = pd.read_parquet(path)
        except Exception as error:
            msg = (
                f"{path} cannot be read as Parquet ({error}); the file is "
                "probably truncated or not Parquet. Download or export it again."
            )
            raise InputFileError(msg) from error
        cells = frame.astype("string").fillna("").astype("str")
        return list(frame.columns), cells.set_axis(range(len(frame.columns)), axis=1), "Parquet", 0
    if suffix in {".xlsx", ".xlsm"}:
        try:
            frame = pd.read_excel(path, header=None, dtype=str)
        except Exception as error:
            msg = (
                f"{path} cannot be read as an Excel workbook ({error}); "
                "the file is probably truncated. Download or save it again."
            )
            raise InputFileError(msg) from error
        if frame.empty:
            raise InputFileError(f"{path} is empty; export the KWB table again.")
        cells = frame.fillna("").astype("str")
        header = [c.strip() for c in cells.iloc[0]]
        return header, cells.iloc[1:].reset_index(drop=True), "Excel", 2
    if suffix not in {".csv", ".txt"}:
        msg = f"{path}: cannot read {suffix!r} files; save the KWB table as .csv (';'-separated), .xlsx or .parquet."
        raise InputFileError(msg)
    with path.open("rb") as file:
        start = file.read(200)
    # utf-8-sig also reads UTF-8 without a BOM, and drops the BOM Excel and pandas write.
    codec = (
        "utf-8-sig"
        if encoding is None or encoding.lower().replace("_", "-") in {"utf-8", "utf8", "utf-8-sig"}
        else encoding
    )
    utf16 = _utf16(start) if encoding is None else None
    if utf16 is not None:
        # Excel's "Unicode text" and PowerShell write UTF-16; read as UTF-8 it looks like a cut-off file.
        codec, encoding = utf16, "UTF-16"
    try:
        header, cells, separator = _csv_columns(path, codec)
        read_with = encoding or "UTF-8"
    except UnicodeDecodeError as error:
        if encoding is not None:
            line, byte = _first_undecodable(path, codec)
            msg = (
                f"{where(path, line)}: byte {byte!r} is not valid {encoding}; the file "
                f"is probably cp1252 (Windows, as Excel saves CSV). Pass encoding='cp1252', or leave encoding unset "
                f"so buurtdata detects it."
            )
            raise InputFileError(msg) from error
        # Excel on Windows saves CSV as cp1252; every byte decodes there, so read it as that and say so.
        header, cells, separator = _csv_columns(path, "cp1252")
        read_with = "cp1252 (Windows); not valid UTF-8"
    return header, cells, f"CSV, {read_with}, separator {separator!r}", 2


#: Rows parsed before they are turned into columns: Python strings cost ~60 bytes a cell, Arrow's about the text.
_CHUNK_ROWS = 20_000


def _csv_columns(path: Path, codec: str) -> tuple[list[str], pd.DataFrame, str]:
    """Return the header, the cells as text columns, and the separator of a CSV file, read a chunk of rows at a time.

    Refuses a quote that is never closed (it would swallow the rows after it) and rows of another length than
    the header (a file cut off).
    """
    with path.open(encoding=codec, newline="") as file:
        first = file.readline()
        if not first.strip():
            raise InputFileError(f"{path} is empty; download the KWB table again.")
        separator = ";" if first.count(";") >= first.count(",") else ","
        file.seek(0)
        reader = csv.reader(file, delimiter=separator)
        header = [c.strip() for c in next(reader)]
        width, line = len(header), reader.line_num
        problems: list[str] = []
        chunk: list[list[str]] = []
        columns: list[list[pa.Array]] = [[] for _ in header]
        for row in reader:
            if reader.line_num > line + 1:
                # A quoted field that spans lines: in a KWB file always a quote someone forgot to close.
                field = next((i for i, cell in enumerate(row) if "\n" in cell or "\r" in cell), len(row) - 1)
                msg = (
                    f'{where(path, line + 1)}: the quote (") in field {field + 1} is not closed, so lines {line + 1}-'
                    f"{reader.line_num} were read as one row. Remove the quote or close it on line {line + 1}."
                )
                raise InputFileError(msg)
            line = reader.line_num
            if not row:
                continue
            if len(row) != width:
                problems.append(
                    f"{where(path, line)}: has {len(row)} of {width} fields; "
                    "the file looks cut off (truncated). Download it again."
                )
                continue
            chunk.append(row)
            if len(chunk) == _CHUNK_ROWS:
                _add_chunk(columns, chunk)
        _add_chunk(columns, chunk)
    if problems:
        raise ValidationError(problems, source=path)
    table = pa.table({str(i): pa.chunked_array(arrays, pa.string()) for i, arrays in enumerate(columns)})
    return header, table.to_pandas().set_axis(range(width), axis=1), separator


def _add_chunk(columns: list[list[pa.Array]], chunk: list[list[str]]) -> None:
    """Move parsed rows into per-column Arrow arrays and empty ``chunk``."""
    for i, values in enumerate(zip(*chunk, strict=True) if chunk else ()):
        columns[i].append(pa.array(values, pa.string()))
    chunk.clear()


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


def _utf16(content: bytes) -> str | None:
    """Return the UTF-16 codec ``content`` is written in, else ``None`` (a BOM, or NUL bytes in every other place)."""
    if content[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return "utf-16"
    start = content[:200]
    if len(start) >= 4 and start.count(b"\x00") >= len(start) // 3:
        return "utf-16-le" if start[1::2].count(b"\x00") > start[0::2].count(b"\x00") else "utf-16-be"
    return None


def _keys_for(header: list[str], properties: pd.DataFrame | None, path: Path, table: str) -> list[str]:
    """Return the CBS key of every column; titles are matched to keys in DataProperties order."""
    if all(_CBS_KEY.match(column) for column in header):
        return header
    if properties is None:
        msg = (
            f"{path}: the columns are titles, not CBS keys (e.g. "
            f"{header[0]!r}), and buurtdata has no DataProperties for this "
            "table to translate them (none beside the file, and table "
            f"{table} is not in pipelines/seeds/kwb_properties.csv). "
            "Export the table with its column keys (e.g. 'AantalInwoners_5')."
        )
        raise InputFileError(msg)
    titled = properties[properties["Type"].isin(["Topic", "GeoDetail"])].sort_values("ID")
    unused = list(zip(titled["Title"].str.strip(), titled["Key"], strict=True))
    keys = []
    for column in header:
        if _CBS_KEY.match(column):
            keys.append(column)
            continue
        match = next((pair for pair in unused if pair[0] == column), None)
        if match is None:
            msg = (
                f"{where(path, field=column)}: no CBS topic has this title or key. Use the "
                "titles or keys (e.g. 'AantalInwoners_5') of the table as CBS publishes it."
            )
            raise InputFileError(msg)
        unused.remove(match)
        keys.append(match[1])
    return keys


#: Region columns of CBS's ``kwb-YYYY.xlsx``/``.csv`` downloads (short column names) and the CBS key each stands for.
SHORT_REGION_COLUMNS = {
    "gwb_code_10": "Codering_3",
    "regio": "WijkenEnBuurten",
    "gm_naam": "Gemeentenaam_1",
    "recs": "SoortRegio_2",
}


def _from_short_names(
    header: list[str], cells: pd.DataFrame, year: int, path: Path
) -> tuple[list[str], pd.DataFrame, list[str]]:
    """Translate a short-named KWB download to CBS keys; return keys, rows and the short columns not read."""
    translate = SHORT_REGION_COLUMNS | short_names(year)
    kept = [i for i, column in enumerate(header) if column in translate]
    skipped = [column for column in header if column not in translate]
    if all(header[i] in SHORT_REGION_COLUMNS for i in kept):
        msg = (
            f"{path}: none of its short column names is in pipelines/seeds/kwb_short_names.csv "
            f"for {year}; add the short names of that year (e.g. 'a_inw' for inwoners) there."
        )
        raise InputFileError(msg)
    return [translate[header[i]] for i in kept], cells[kept], skipped


def _year_and_table(path: Path, table: str | None, year: int | None) -> tuple[int, str]:
    named_year = KWB_FILE_YEAR.search(path.name)
    if (
        table is None
        and not TABLE_ID.search(path.name)
        and named_year is not None
        and int(named_year.group(1)) in KWB_TABLES
    ):
        # CBS names its downloads kwb-2024.xlsx; the year then tells the table.
        year = int(named_year.group(1)) if year is None else year
        table = KWB_TABLES[int(named_year.group(1))]
    if table is None:
        found = TABLE_ID.search(path.name)
        if found is None:
            msg = (
                f"{path}: the file name holds no CBS table id (like 85984NED); "
                "pass it, e.g. read_kerncijfers(path, table='85984NED')."
            )
            raise InputFileError(msg)
        table = found.group(0)
    table = check_table(table)
    if year is None:
        year = year_of(table)
        if year is None:
            known = ", ".join(f"{y}: {t}" for y, t in sorted(KWB_TABLES.items()))
            msg = (
                f"{path}: {table!r} is not a KWB table id buurtdata knows ({known}); "
                "pass the year to read it anyway, e.g. read_kerncijfers(path, year=2026)."
            )
            raise DataNotAvailableError(msg)
    mismatch = declared_mismatch(path.name, int(year), table)
    if mismatch is not None:
        raise InputFileError(f"{path} is read as KWB {year} (table {table}), but {mismatch}.")
    return int(year), table


def read_kwb_file(
    path: Path, table: str | None, year: int | None, encoding: str | None = None
) -> tuple[int, str, pd.DataFrame, pd.DataFrame, pd.DataFrame, str]:
    """Read and check a KWB file; return year, table, and the v3-shaped data, properties and regions frames."""
    year, table = _year_and_table(path, table, year)
    # CBS's metadata of the table types and titles its columns: saved beside the file, else shipped as a seed.
    properties = _properties_beside(path, table)
    if properties is None:
        properties = table_properties(table)
    header, cells, read_as, first_line = _read_table(path, encoding)
    if "gwb_code_10" in header:
        keys, cells, skipped = _from_short_names(header, cells, year, path)
        read_as += (
            "; CBS short column names translated to CBS keys, not read (not in "
            f"pipelines/seeds/kwb_short_names.csv): {', '.join(skipped) or 'none'}"
        )
    else:
        keys = _keys_for(header, properties, path, table)
        _check_columns_of(path, keys, properties, year, table)
    raw = cells.set_axis(keys, axis=1)
    del cells

    code_column = next((k for k in keys if k.startswith("Codering_")), "WijkenEnBuurten")
    if code_column not in raw:
        raise InputFileError(
            f"{path}: no region code column (Codering_3 or WijkenEnBuurten); export the table with its region codes."
        )
    problems, region_codes = [], []
    for number, value in enumerate(raw[code_column]):
        try:
            region_codes.append(codes.normalize(value))
        except CodeError as error:
            region_codes.append(None)
            problems.append(f"{where(path, number + first_line, code_column)}: {error}")
    found = pd.Series(region_codes)
    duplicated = found.duplicated(keep=False) & found.notna()
    for code, group in pd.Series(range(len(raw)))[duplicated].groupby(found[duplicated]):
        lines = ", ".join(str(n + first_line) for n in group)
        problems.append(
            f"{where(path)}: region {code} occurs on rows {lines}; "
            "keep one row per region (was the file appended to twice?)."
        )

    if properties is None:
        # No metadata of this table: every column that is not a region column is read as a number, titled by its key.
        topics = [k for k in keys if not _REGION_COLUMN.match(k)]
        properties = pd.DataFrame(
            {
                "Key": topics,
                "Type": "Topic",
                "Datatype": "Double",
                "Title": topics,
                "Unit": None,
                "Decimals": None,
                "Description": None,
            }
        )
    numeric = properties[properties["Type"].eq("Topic") & properties["Datatype"].isin(_NUMERIC)]
    whole = _whole_numbers(numeric)
    grouped: dict[str, list[str]] = {}
    for key in (k for k in keys if k in whole):
        text = raw[key].str.strip()
        separator = _thousands(text, whole[key]) if read_as.startswith("CSV") else ""
        if separator is None:
            example = text[text.str.match(_GROUPED)].iloc[0]
            problems.append(
                f"{where(path, field=key)}: {example!r} may be {example.replace(',', '').replace('.', '')} written "
                f"with a thousands separator or a decimal number; buurtdata cannot tell for this column. Save the "
                f"file without thousands separators (Excel: Format Cells -> Number, untick 'Use 1000 Separator')."
            )
            continue
        if separator:
            grouped.setdefault(separator, []).append(key)
            text = text.str.replace(separator, "", regex=False)
        # A decimal comma (Dutch Excel) becomes a point; what an empty or '.' cell means is the staging SQL's business.
        comma = text.str.contains(",", regex=False) & ~text.str.contains(".", regex=False)
        text = text.where(~comma, text.str.replace(",", ".", regex=False))
        bad = ~text.isin(_EMPTY) & pd.to_numeric(text.where(~text.isin(_EMPTY)), errors="coerce").isna()
        problems.extend(
            f"{where(path, row + first_line, key)}: {raw.at[row, key]!r} is not a number; fix or empty the cell."
            for row in raw.index[bad]
        )
        raw[key] = text
    if problems:
        raise ValidationError(problems, source=path)

    for separator, grouped_keys in grouped.items():
        read_as += f"; {separator!r} read as thousands separator in {', '.join(grouped_keys)}"
    regions = pd.DataFrame({"Key": found, "Title": _region_names(path, raw, table, found)}, dtype="str")
    raw["WijkenEnBuurten"] = found.to_numpy()
    return year, table, raw, properties, regions, f"{path}: table {table} ({year}), read as {read_as}"


def _whole_numbers(numeric: pd.DataFrame) -> dict[str, bool | None]:
    """Return, per numeric key, whether ``39.858`` there can only be thousands (CBS gives it fewer than 3 decimals).

    ``None``: its decimals are unknown, so such a value could be either.
    """
    decimals = pd.to_numeric(numeric["Decimals"], errors="coerce") if "Decimals" in numeric else None
    whole: dict[str, bool | None] = {}
    for index, key in zip(numeric.index, numeric["Key"], strict=True):
        places = None if decimals is None or pd.isna(decimals[index]) else int(decimals[index])
        if numeric.at[index, "Datatype"] in ("Long", "Integer"):
            whole[key] = True
        else:
            # 39.858 has 3 places after the separator: more than a figure CBS gives 0-2 decimals can have.
            whole[key] = None if places is None else places < 3
    return whole


def _thousands(text: pd.Series, whole: bool | None) -> str | None:
    """Return the thousands separator a column of numbers written as text uses ('' for none); ``None``: cannot tell.

    >>> _thousands(pd.Series(["39.858", "8.374.404", "12"]), None), _thousands(pd.Series(["1.234,5", "7,5"]), None)
    ('.', '.')
    >>> _thousands(pd.Series(["39,858", "120"]), True), _thousands(pd.Series(["39.858", "12.5"]), None)
    (',', '')
    >>> _thousands(pd.Series(["39.858"]), None) is None
    True
    """
    for separator, other in ((".", ","), (",", ".")):
        twice = text.str.count(re.escape(separator)) > 1
        before_decimals = text.str.contains(rf"\{separator}\d{{3}}\{other}", regex=True)
        if (twice | before_decimals).any():
            return separator
    marked = text[text.str.contains(r"\d[.,]\d", regex=True)]
    if marked.empty or not marked.str.match(_GROUPED).all():
        return ""
    separators = set(marked.str.extract(_GROUPED)[0])
    if whole is None or len(separators) > 1:
        return None
    return separators.pop() if whole else ""


def _check_columns_of(path: Path, keys: list[str], properties: pd.DataFrame | None, year: int, table: str) -> None:
    """Refuse a file whose CBS keys are those of another KWB year's table (keys carry a per-table number)."""
    if properties is None:
        return
    figures = [k for k in keys if not _REGION_COLUMN.match(k)]
    foreign = [k for k in figures if k not in set(properties["Key"])]
    if not foreign:
        return
    for other_year, other in sorted(KWB_TABLES.items()):
        theirs = table_properties(other) if other != table else None
        if theirs is not None and set(foreign) <= set(theirs["Key"]):
            msg = (
                f"{path} is read as KWB {year} (table {table}), but its columns {foreign[:3]} exist only in "
                f"table {other} (KWB {other_year}); give the file of {year}, or declare year = {other_year}, "
                f"table = '{other}'."
            )
            raise InputFileError(msg)


def _region_names(path: Path, raw: pd.DataFrame, table: str, region_codes: pd.Series) -> pd.Series:
    """Return region names: titles in WijkenEnBuurten (as some exports have),
    else the WijkenEnBuurten file beside it.
    """
    if "WijkenEnBuurten" in raw and not raw["WijkenEnBuurten"].map(codes.is_valid).any():
        return raw["WijkenEnBuurten"].str.strip().to_numpy()
    # Beside the file as buurtdata's sample names it, or as statline-bq does (cbs.v3.<table>_WijkenEnBuurten.parquet).
    candidates = [
        path.with_name(f"{path.stem}_regions.parquet"),
        path.with_name(f"cbs.v3.{table}_WijkenEnBuurten.parquet"),
    ]
    beside = next((p for p in candidates if p != path and p.exists()), None)
    if beside is not None:
        titles = pd.read_parquet(beside)
        names = dict(zip(titles["Key"].str.strip(), titles["Title"].str.strip(), strict=True))
        return region_codes.map(names).to_numpy()
    return pd.Series(pd.NA, index=region_codes.index, dtype="str").to_numpy()


def local_file(year: int, table: str) -> Path | None:
    """Return a KWB file of ``year`` kept under ``settings.data_dir / 'raw'``, in a folder named
    ``kwb<year>-<table>...``.

    The file is the table as CBS's API gives it (``<table>.csv``, ``...TypedDataSet...``) or CBS's own
    download ``kwb-<year>.xlsx``/``.csv`` (short column names).
    """
    folders = sorted((Path(settings.data_dir) / "raw").glob(f"kwb{year}-{table}*"))
    for folder in folders:
        for candidate in sorted(folder.rglob("*")):
            stem = candidate.name.split(".")[0]
            from_api = (table in candidate.name and "TypedDataSet" in candidate.name) or stem == table
            if candidate.suffix.lower() in {".csv", ".xlsx", ".parquet"} and (
                from_api or stem.lower() == f"kwb-{year}"
            ):
                return candidate
    return None


def manual_download(year: int, table: str) -> str:
    """Return where to download KWB ``year`` by hand and where to save it so :func:`local_file` finds it."""
    target = Path(settings.data_dir) / "raw" / f"kwb{year}-{table}" / f"{table}.csv"
    return (
        f"Download KWB {year} yourself: open https://opendata.cbs.nl/statline/#/CBS/nl/dataset/{table}/table, "
        f"choose 'Downloaden' -> 'CSV' (with column keys or titles), and save it as {target} "
        f"(CBS's kwb-{year}.xlsx with short column names, saved in that folder, works too for the years in "
        f"pipelines/seeds/kwb_short_names.csv); kerncijfers({year}) reads it from there (or pass source=<that path>)."
    )
