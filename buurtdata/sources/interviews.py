"""Coded interview segments: read them, theme them, place them in a buurt, pseudonymise them.

One row per coded segment, as in the spreadsheet template
``buurtdata/datasets/templates/segmenten_sjabloon.csv`` (columns
``segment_id, respondent, role, code, quote, location, date, consent``;
comma or semicolon separated, UTF-8, lines starting with ``#`` skipped).
Exports of QDA tools read to the same columns: REFI-QDA projects (``.qdpx``)
and codebooks (``.qdc``), Taguette and QualCoder CSV/XLSX (see
:func:`read_segments`); :func:`write_qdpx` and :func:`write_qdc` hand the
work back to such a tool, and :func:`scrub_quotes` takes contact details
out of quotes. :func:`resolve_locations` places each segment by code, name,
CBS PC6 table (:func:`read_pc6`), 4-digit postcode or coordinates and
records how in ``resolved_by``; unplaced rows stay, with the reason.

Privacy is applied in this order by :func:`buurtdata.pipeline.run`:
respondents pseudonymised (:func:`pseudonymise`), quotes scrubbed
(:func:`scrub_quotes`, with the project's ``[privacy] names``), addresses
out of the written locations (:func:`scrub_locations`); the segment rows stay
in a temporary table. Published are ``buurt_themes`` and ``wijk_themes``
(counts only from k or more distinct respondents, ``[privacy] threshold``)
and ``buurt_quotes`` (empty unless ``[privacy] publish_quotes = true``).

The frames returned here are indexed by ``row``, the line
(CSV) or row (XLSX) number in the source file, so every later message can
point back to the spot a person has to fix.

>>> from buurtdata.datasets import get_path
>>> segments = read_segments(get_path("hengelo/interviews_fictief.csv"))
>>> segments = attach_themes(segments, read_codebook(get_path("hengelo/codebook.csv")))
>>> segments.loc[6, ["respondent", "code_id", "theme", "location_raw"]].tolist()
['HGL-B01', 'Geldzorgen/Rondkomen', 'Geldzorgen', 'Berflo Es Noord']
"""

from __future__ import annotations

import csv
import functools
import hashlib
import hmac
import io
import os
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from rapidfuzz import fuzz, process

from buurtdata.sources import _qda
from buurtdata import codes, settings
from buurtdata._errors import BuurtdataError, CodeError, InputFileError, ValidationError, where

if TYPE_CHECKING:
    import geopandas as gpd

#: Columns of the frame :func:`read_segments` returns, in order.
SEGMENT_COLUMNS = [
    "segment_id",
    "source",
    "document",
    "respondent",
    "role",
    "code_id",
    "text",
    "location_raw",
    "date",
    "consent",
]
#: Columns of the frame :func:`read_codebook` returns, in order.
CODEBOOK_COLUMNS = ["code_id", "name", "theme", "description"]
#: Columns :func:`resolve_locations` adds.
LOCATION_COLUMNS = ["buurt_code", "wijk_code", "resolved_by", "reason"]
#: Columns :func:`resolve_locations` needs in its ``regions`` table.
REGION_COLUMNS = ["code", "level", "name", "gemeente_code", "wijk_code", "postcode"]

#: Valid values of ``role`` after reading.
ROLES = ("bewoner", "professional", "ondernemer", "onbekend")
#: Values of ``resolved_by``: how a location was placed, or ``onbekend``. ``pc6`` is a
#: 6-character postcode (with house number) in a CBS PC6 table, ``postcode`` the weak 4-digit
#: link, ``coordinaten`` a point (RD or lon/lat) inside a buurt polygon.
RESOLVED_BY = ("buurtcode", "wijkcode", "buurtnaam", "wijknaam", "pc6", "postcode", "coordinaten", "onbekend")
#: Columns of the frame :func:`read_pc6` returns.
PC6_COLUMNS = ["pc6", "huisnummer", "buurt_code", "wijk_code", "gemeente_code"]
#: Lowest rapidfuzz ratio (0-100) at which a misspelt name still counts as a match.
FUZZY_CUTOFF = 90

#: The empty spreadsheet template, named in every message about a malformed file.
TEMPLATE = Path(__file__).parents[1] / "datasets" / "templates" / "segmenten_sjabloon.csv"

#: Values of ``format`` that :func:`read_segments` accepts.
SEGMENT_FORMATS = ("csv", "xlsx", "qdpx", "taguette", "qualcoder")
#: Values of ``format`` that :func:`read_codebook` accepts.
CODEBOOK_FORMATS = ("csv", "xlsx", "qdc", "taguette")

_FORMATS = {".csv": "csv", ".txt": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx"}
_ROLE_VARIANTS = {
    "bewoner": "bewoner, bewoners, buurtbewoner, inwoner, resident, huurder",
    "professional": (
        "professional, professionals, prof, professioneel, wijkwerker, jongerenwerker, sociaal makelaar, "
        "opbouwwerker, buurtcoach, wijkcoach, buurtsportcoach, wijkagent, wijkverpleegkundige, "
        "maatschappelijk werker, welzijnswerker, ambtenaar, huisarts"
    ),
    "ondernemer": "ondernemer, ondernemers, winkelier, zzp, zzper, zelfstandige, entrepreneur",
    "onbekend": "onbekend, unknown",
}
#: Each role variant as written (lower case, letters and spaces only) -> role.
_ROLE_OF = {variant: role for role, variants in _ROLE_VARIANTS.items() for variant in variants.split(", ")}
_CONSENT = {
    "ja": True, "j": True, "yes": True, "y": True, "true": True, "waar": True, "1": True,
    "nee": False, "n": False, "no": False, "false": False, "onwaar": False, "0": False,
}  # fmt: skip
_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y")


# --- reading --------------------------------------------------------------------------------------


@dataclass
class _Field:
    """A column of an input template: its output name and the headers it may have."""

    name: str
    headers: tuple[str, ...]
    required: bool = True


_SEGMENT_FIELDS = [
    _Field("segment_id", ("segment_id",), required=False),
    _Field("document", ("document",), required=False),
    _Field("respondent", ("respondent",)),
    _Field("role", ("role",)),
    _Field("code_id", ("code", "code_id")),
    _Field("text", ("quote", "text")),
    _Field("location_raw", ("location", "location_raw")),
    _Field("date", ("date",), required=False),
    _Field("consent", ("consent",)),
]
_TAGUETTE_FIELDS = [
    _Field("segment_id", ("id",), required=False),
    _Field("document", ("document",)),
    _Field("code_id", ("tag",)),
    _Field("text", ("content",)),
]
# QualCoder's Report > Coding reports > export CSV (report_codes.py, export_csv_file): either
# File, Coder, Coded, Id, Codename, Coded_Memo, Category..., FileVar_<name>...
# or Case, Filename, Coder, Coded, Id, Codename, Coded_Memo, Category..., FileVar_..., CaseVar_<name>...;
# one Category column per level, leaf to root (parent codes first, then categories).
_QUALCODER_FIELDS = [
    _Field("segment_id", ("id",), required=False),
    _Field("document", ("filename", "file")),
    _Field("respondent", ("case",), required=False),
    _Field("code_id", ("codename",)),
    _Field("text", ("coded",)),
]
_TABLE_FIELDS = {"template": _SEGMENT_FIELDS, "taguette": _TAGUETTE_FIELDS, "qualcoder": _QUALCODER_FIELDS}
_CODEBOOK_FIELDS = [
    _Field("code_id", ("code", "code_id", "tag")),
    _Field("name", ("name",), required=False),
    _Field("theme", ("theme",), required=False),
    _Field("description", ("description",), required=False),
]


def read_segments(
    path: str | Path, *, format: str | None = None, respondents: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Return the coded segments of a filled-in template or a QDA tool's export.

    Parameters
    ----------
    path
        A CSV (``,`` or ``;`` separated, UTF-8 with or without BOM) or XLSX
        file (first sheet) with the columns of the template
        ``datasets/templates/segmenten_sjabloon.csv``. ``segment_id``,
        ``date`` and an extra ``document`` column are optional. Rows whose
        first cell starts with ``#`` and empty rows are skipped.

        Or an export of a QDA tool (see :data:`SEGMENT_FORMATS`):

        - a REFI-QDA project ``.qdpx`` (ATLAS.ti, NVivo, MAXQDA, QualCoder):
          one segment per ``Coding`` of a ``PlainTextSelection``; text cut
          from the source text; ``code_id`` the code's path in the code
          tree; ``respondent`` the name of the ``Case`` whose ``SourceRef``
          points at the source (else the source name); role, location and
          consent from case (or source) variables named as in
          ``_qda.VARIABLE_FIELDS`` (``rol``, ``buurt``/``wijk``/``postcode``/
          ``locatie``, ``toestemming``); ``segment_id`` the selection's
          name, else its GUID; ``date`` its ``creationDateTime``.
        - a Taguette highlights export (CSV/XLSX, columns ``id, document,
          tag, content``; ``\\`` in a tag path read as ``/``).
        - a QualCoder coding report exported as CSV or XLSX (columns
          ``File`` or ``Case, Filename``, then ``Coder, Coded, Id,
          Codename, Coded_Memo``, one ``Category`` per level of the code
          tree, leaf to root, and with *export variables* ``FileVar_<name>``
          and ``CaseVar_<name>``): the code path is the categories from the
          root down plus the code name; role, location and consent come from
          variables named as in ``_qda.VARIABLE_FIELDS`` (``CaseVar_buurt``,
          ``CaseVar_rol``, ``CaseVar_toestemming``). Image and A/V codings
          are refused with their rows: export text codings only.

        Taguette exports carry no role, location or consent, QualCoder's
        only as variables; ``respondents`` supplies them.
    format
        One of :data:`SEGMENT_FORMATS`; ``None`` reads it from the file
        extension and, for CSV/XLSX, from the header.
    respondents
        For formats without role, location or consent: a table with a
        ``respondent`` column (matched to the respondent, which for Taguette
        and QualCoder is the case, else the document name) or a ``document``
        column, and any of ``role``, ``location``, ``consent``. A field no
        format or table gives is read as role *onbekend*, no location and
        consent *nee*, so a segment is kept but never published by mistake.

    Returns
    -------
    pandas.DataFrame
        Columns ``segment_id, source, document, respondent, role, code_id,
        text, location_raw, date, consent``, indexed by ``row``, the file's
        line or row number (for a ``.qdpx``, the segment's order in it).
        ``source`` is the file name; ``role`` is one of
        :data:`ROLES` (variants such as *wijkwerker* read as *professional*,
        an empty role as *onbekend*); ``consent`` is bool; a missing
        ``segment_id`` becomes ``<file name>:<row>``.

    Raises
    ------
    InputFileError
        When the file is empty, not CSV/XLSX, not UTF-8, or lacks a column;
        when a ``.qdpx`` is no zip, or its XML is malformed (file and line)
        or declares entities (external ones or an expansion bomb).
    ValidationError
        Listing every row with an unknown role, a bad consent or date value,
        an empty respondent or code, a duplicate ``segment_id`` or too many cells;
        for a ``.qdpx`` every member outside the archive (``../``, absolute
        path) or too large, every selection beyond the end of its text and
        every reference to an unknown code GUID.

    Examples
    --------
    >>> from buurtdata.datasets import get_path
    >>> segments = read_segments(get_path("hengelo/interviews_fictief.csv"))
    >>> segments.loc[6, ["segment_id", "respondent", "role", "location_raw"]].tolist()
    ['S001', 'HGL-B01', 'bewoner', 'Berflo Es Noord']
    >>> len(segments), segments["respondent"].nunique()
    (170, 40)
    """
    path = Path(path)
    if format not in (None, *SEGMENT_FORMATS):
        msg = (
            f"format={format!r} is not supported; choose 'csv' or 'xlsx' for the template, "
            "or 'qdpx', 'taguette' or 'qualcoder' for a QDA tool's export."
        )
        raise InputFileError(msg)
    problems: list[str] = []
    if format == "qdpx" or (format is None and path.suffix.lower() == ".qdpx"):
        _must_exist(path)
        raw = list(enumerate(_qda.read_qdpx(path), start=1))
        kind = "qdpx"
    else:
        header, rows = _read_table(path, format=format if format in ("csv", "xlsx") else None, template=TEMPLATE)
        kind = format if format in ("taguette", "qualcoder") else _table_kind(header)
        fields = _TABLE_FIELDS[kind]
        # QualCoder repeats its Category header once per level of the code tree.
        unique = [h if h != "category" else "" for h in header] if kind == "qualcoder" else header
        columns = _locate_columns(path, unique, fields, template=TEMPLATE if kind == "template" else None)
        raw = []
        for row, cells in rows:
            if len(cells) > len(header) and any(cells[len(header) :]):
                problems.append(
                    f"{where(path, row)}: {len(cells)} cells but the header has {len(header)}; "
                    "put text that contains the separator between double quotes."
                )
            value = _getter(columns, cells)
            raw.append((row, {f.name: value(f.name) for f in fields}))
            if kind == "qualcoder":
                raw[-1][1].update(_qualcoder_extras(path, row, header, cells, problems))
        if kind != "template":
            raw = _from_tool(kind, raw)
    if kind != "template":
        raw = _with_respondents(raw, respondents, path, problems)
    return _segment_frame(path, raw, problems)


def _field(cells: dict[str, str], name: str) -> str:
    return (cells.get(name) or "").strip()


def _segment_frame(path: Path, raw: list[tuple[int, dict[str, str]]], problems: list[str]) -> pd.DataFrame:
    """Return the tidy segment frame of raw string records, or raise every problem at once."""
    records: list[dict[str, object]] = []
    for row, cells in raw:
        value = functools.partial(_field, cells)
        for name in ("respondent", "code_id"):
            if not value(name):
                problems.append(f"{where(path, row, _header_of(name))}: is empty; every segment needs one.")
        records.append(
            {
                "segment_id": value("segment_id") or f"{path.name}:{row}",
                "source": path.name,
                "document": value("document") or None,
                "respondent": value("respondent"),
                "role": _role(value("role"), path, row, problems),
                "code_id": _code_key_display(value("code_id")),
                "text": value("text") or None,
                "location_raw": value("location_raw") or None,
                "date": _date(value("date"), path, row, problems),
                "consent": _consent(value("consent"), path, row, problems),
            }
        )
    problems += _duplicates([(row, r["segment_id"]) for (row, _), r in zip(raw, records)], path, "segment_id")
    if problems:
        raise ValidationError(problems)
    index = pd.Index([row for row, _ in raw], name="row")
    frame = pd.DataFrame.from_records(records, columns=SEGMENT_COLUMNS, index=index)
    for column in SEGMENT_COLUMNS:
        if column not in ("date", "consent"):
            frame[column] = frame[column].astype("str")
    frame["date"] = pd.to_datetime(frame["date"].astype(object))
    frame["consent"] = frame["consent"].astype(bool)
    return frame


def read_codebook(path: str | Path, *, format: str | None = None) -> pd.DataFrame:
    """Return a codebook of themes and sub-codes.

    Parameters
    ----------
    path
        A CSV or XLSX file with a ``code`` column and optional ``theme``,
        ``name`` and ``description`` columns. A code may be a path
        ``Thema/Subcode``; its first part is then its theme.
    format
        One of :data:`CODEBOOK_FORMATS`; ``None`` reads it from the file
        extension. A REFI-QDA codebook ``.qdc`` gives each ``Code`` its path
        in the code tree as ``code_id`` and the top of the tree as theme
        (``/`` inside a name becomes ``-``); a Taguette codebook export
        (``tag, description, number of highlights``) is read like the CSV.

    Returns
    -------
    pandas.DataFrame
        Columns ``code_id, name, theme, description`` indexed by ``row``;
        ``name`` is the last part of the path unless given.

    Raises
    ------
    ValidationError
        Listing every empty or duplicate code and every ``theme`` that
        contradicts the top of the code's path.

    Examples
    --------
    >>> from buurtdata.datasets import get_path
    >>> book = read_codebook(get_path("hengelo/codebook.csv"))
    >>> book.set_index("code_id").loc["Ontmoeten/Buurthuis", ["name", "theme"]].tolist()
    ['Buurthuis', 'Ontmoeten']
    """
    path = Path(path)
    if format not in (None, *CODEBOOK_FORMATS):
        msg = f"format={format!r} is not supported; choose one of {', '.join(CODEBOOK_FORMATS)}."
        raise InputFileError(msg)
    if format == "qdc" or (format is None and path.suffix.lower() == ".qdc"):
        _must_exist(path)
        found = _qda.read_qdc(path)
        if not found:
            msg = f"{path} holds no Code elements; export the codebook again from the QDA tool."
            raise InputFileError(msg)
        index = pd.RangeIndex(1, len(found) + 1, name="row")
        frame = pd.DataFrame.from_records(found, columns=CODEBOOK_COLUMNS, index=index)
        frame["description"] = frame["description"].where(frame["description"] != "", None)
        return frame.astype("str")
    header, rows = _read_table(path, format=format if format in ("csv", "xlsx") else None, template=None)
    columns = _locate_columns(path, header, _CODEBOOK_FIELDS, template=None)
    # Taguette writes tag paths with backslashes: Thema\Subcode.
    tagged = "tag" in header and not {"code", "code_id"} & set(header)
    problems: list[str] = []
    records = []
    for row, cells in rows:
        value = _getter(columns, cells)
        code = _code_key_display(value("code_id").replace("\\", "/") if tagged else value("code_id"))
        parts = code.split("/")
        theme = value("theme") or parts[0]
        if not code:
            problems.append(f"{where(path, row, 'code')}: is empty; give the code or delete the row.")
        elif len(parts) > 1 and theme.casefold() != parts[0].casefold():
            problems.append(
                f"{where(path, row, 'theme')}: {theme!r} contradicts code {code!r}, whose theme is {parts[0]!r}; "
                "make them agree or leave theme empty."
            )
        records.append(
            {
                "code_id": code,
                "name": value("name") or parts[-1],
                "theme": theme,
                "description": value("description") or None,
            }
        )
    problems += _duplicates([(row, _code_key(r["code_id"])) for (row, _), r in zip(rows, records)], path, "code")
    if problems:
        raise ValidationError(problems)
    index = pd.Index([row for row, _ in rows], name="row")
    frame = pd.DataFrame.from_records(records, columns=CODEBOOK_COLUMNS, index=index)
    return frame.astype("str")


def _must_exist(path: Path) -> None:
    if not path.is_file():
        msg = f"{path} does not exist; check the path (current folder: {Path.cwd()})."
        raise FileNotFoundError(msg)


def _table_kind(header: list[str]) -> str:
    """Tell a Taguette or QualCoder export from the template by its header."""
    if "tag" in header and "content" in header:
        return "taguette"
    if {"codename", "coded"} <= set(header) and {"file", "case"} & set(header):
        return "qualcoder"
    return "template"


def _qualcoder_extras(path: Path, row: int, header: list[str], cells: list[str], problems: list[str]) -> dict[str, str]:
    """Return the code path (categories root first) and the variables that carry role, location, consent."""
    named = dict(zip(header, cells))
    if not named.get("id", "ctid:").startswith("ctid:"):
        problems.append(
            f"{where(path, row, 'Id')}: {named['id']!r} is an image or audio/video coding, which has no text; "
            "export a report of text codings only (File type: text)."
        )
    categories = [cell.strip() for h, cell in zip(header, cells) if h == "category" and cell.strip()]
    extras = {"code_id": "/".join([*reversed(categories), named.get("codename", "").strip()])}
    for name, cell in zip(header, cells):
        variable = name.split("_", 1)[1] if name.startswith(("filevar_", "casevar_")) else ""
        for column, names in _qda.VARIABLE_FIELDS.items():
            # A case variable outranks a file variable of the same meaning.
            if variable in names and cell.strip() and (name.startswith("casevar_") or column not in extras):
                extras[column] = cell.strip()
    return extras


def _from_tool(kind: str, raw: list[tuple[int, dict[str, str]]]) -> list[tuple[int, dict[str, str]]]:
    """Map a Taguette or QualCoder row to template fields: respondent from case or document."""
    out, seen = [], {}
    for row, cells in raw:
        cells = dict(cells)
        cells["respondent"] = cells.get("respondent") or cells["document"]
        if kind == "taguette":
            cells["code_id"] = "/".join(p.strip() for p in cells["code_id"].split("\\"))
        # Taguette repeats a highlight's id once per tag; each (highlight, tag) is a segment.
        ident = cells.get("segment_id", "")
        if ident:
            seen[ident] = seen.get(ident, 0) + 1
            if seen[ident] > 1:
                cells["segment_id"] = f"{ident}#{seen[ident]}"
        out.append((row, cells))
    return out


def _with_respondents(
    raw: list[tuple[int, dict[str, str]]], respondents: pd.DataFrame | None, path: Path, problems: list[str]
) -> list[tuple[int, dict[str, str]]]:
    """Fill role, location and consent a format lacks from ``respondents``; consent defaults to nee."""
    lookup: dict[str, dict[str, str]] = {}
    key = "respondent"
    if respondents is not None:
        table = respondents.rename(columns=lambda c: str(c).strip().lower())
        table = table.rename(columns={"location": "location_raw"})
        key = "respondent" if "respondent" in table.columns else "document"
        if key not in table.columns:
            problems.append(
                f"respondents has columns {', '.join(map(str, table.columns))}; it needs a 'respondent' or "
                "'document' column to match the rows of " + str(path) + "."
            )
        else:
            for record in table.astype(object).where(table.notna(), "").to_dict("records"):
                lookup[str(record[key]).strip()] = {k: str(v).strip() for k, v in record.items()}
    out = []
    for row, cells in raw:
        cells = dict(cells)
        extra = lookup.get((cells.get(key) or "").strip(), {})
        for column in ("role", "location_raw", "consent"):
            if not (cells.get(column) or "").strip():
                cells[column] = extra.get(column, "")
        cells["consent"] = cells["consent"] or "nee"
        out.append((row, cells))
    return out


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
    reader = csv.reader(lines, delimiter=";" if header.count(";") > header.count(",") else ",")
    rows, start = [], 1
    try:
        for cells in reader:
            rows.append((start, [c.strip() for c in cells]))
            start = reader.line_num + 1
    except csv.Error as exc:
        msg = f"{where(path, start)}: cannot be read as CSV ({exc}); check the double quotes on that line."
        raise InputFileError(msg) from None
    return rows


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    # Imported here: openpyxl costs more at import than the rest of this module, and most exports are CSV.
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError) as exc:
        msg = f"{path} is not an XLSX workbook ({exc}); save it from Excel as .xlsx, or as CSV UTF-8."
        raise InputFileError(msg) from None
    try:
        for number, values in enumerate(book.worksheets[0].iter_rows(values_only=True), start=1):
            yield number, [_cell_text(v) for v in values]
    finally:
        book.close()


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


def _header_of(name: str) -> str:
    return next(f.headers[0] for f in _SEGMENT_FIELDS if f.name == name)


def _role(text: str, path: Path, row: int, problems: list[str]) -> str:
    key = re.sub(r"[^a-z ]", "", text.casefold()).strip()
    if not key:
        return "onbekend"
    role = _ROLE_OF.get(" ".join(key.split()))
    if role is None:
        problems.append(
            f"{where(path, row, 'role')}: {text!r} is not a known role; use one of {', '.join(ROLES)} "
            "(variants such as wijkwerker, jongerenwerker or winkelier are read as their role)."
        )
    return role or "onbekend"


def _consent(text: str, path: Path, row: int, problems: list[str]) -> bool:
    value = _CONSENT.get(text.casefold())
    if value is None:
        shown = repr(text) if text else "empty"
        problems.append(f"{where(path, row, 'consent')}: {shown} is not ja or nee; fill in ja or nee.")
    return bool(value)


def _date(text: str, path: Path, row: int, problems: list[str]) -> date | None:
    if not text:
        return None
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text[:10], pattern).date()
        except ValueError:
            continue
    problems.append(f"{where(path, row, 'date')}: {text!r} is not a date; write 2025-03-14 or 14-03-2025.")
    return None


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


# --- codebook ---------------------------------------------------------------------------------------


def _code_key_display(code: str) -> str:
    """Tidy a code path as written: ``'Ontmoeten / Buurthuis'`` -> ``'Ontmoeten/Buurthuis'``."""
    return "/".join(part.strip() for part in code.split("/")) if code else ""


def _code_key(code: str) -> str:
    """Fold a code path for matching: no case, accents or extra spaces."""
    text = "".join(c for c in unicodedata.normalize("NFKD", code) if not unicodedata.combining(c))
    return "/".join(" ".join(part.split()) for part in text.casefold().split("/"))


def attach_themes(segments: pd.DataFrame, codebook: pd.DataFrame) -> pd.DataFrame:
    """Return the segments with the ``theme`` of each segment's code.

    Codes match ignoring case, accents and spaces around ``/``;
    ``code_id`` is rewritten as the codebook spells it.

    Parameters
    ----------
    segments
        A frame from :func:`read_segments`.
    codebook
        A frame from :func:`read_codebook`.

    Returns
    -------
    pandas.DataFrame
        ``segments`` with a ``theme`` column after ``code_id``.

    Raises
    ------
    ValidationError
        Naming, per file, every code missing from the codebook, the rows
        that use it and the nearest codebook code.

    Examples
    --------
    >>> segments = pd.DataFrame({"source": ["a.csv"], "code_id": ["ontmoeten / buurthuis"]})
    >>> book = pd.DataFrame({"code_id": ["Ontmoeten/Buurthuis"], "theme": ["Ontmoeten"]})
    >>> attach_themes(segments, book).iloc[0].tolist()
    ['a.csv', 'Ontmoeten/Buurthuis', 'Ontmoeten']
    """
    by_key = {_code_key(c): (c, t) for c, t in zip(codebook["code_id"], codebook["theme"])}
    keys = segments["code_id"].map(_code_key)
    unknown = segments.loc[~keys.isin(list(by_key))]
    if len(unknown):
        rows_of = unknown.groupby(["source", "code_id"], sort=True, dropna=False).groups
        problems = [
            f"{source}, {_rows_text(rows) if unknown.index.name == 'row' else f'{len(rows)} segment(s)'}: "
            f"code {code!r} is not in the codebook{_nearest(code, list(by_key.values()))}; "
            "correct the code in the interview file or add it to the codebook."
            for (source, code), rows in rows_of.items()
        ]
        raise ValidationError(problems)
    out = segments.copy()
    out["code_id"] = keys.map(lambda k: by_key[k][0]).astype("str")
    out.insert(out.columns.get_loc("code_id") + 1, "theme", keys.map(lambda k: by_key[k][1]).astype("str"))
    return out


def _rows_text(rows: Iterable[int]) -> str:
    rows = sorted(rows)
    return f"row {rows[0]}" if len(rows) == 1 else f"rows {', '.join(map(str, rows))}"


def _nearest(code: str, entries: list[tuple[str, str]]) -> str:
    by_name = [c for c, _ in entries if c.split("/")[-1].casefold() == code.casefold()]
    if len(by_name) == 1:
        return f" (did you mean {by_name[0]!r}?)"
    best = process.extractOne(code.casefold(), [c.casefold() for c, _ in entries], scorer=fuzz.ratio, score_cutoff=80)
    return f" (did you mean {entries[best[2]][0]!r}?)" if best else ""


# --- locations --------------------------------------------------------------------------------------


def resolve_locations(
    segments: pd.DataFrame,
    regions: pd.DataFrame,
    *,
    gemeente: str,
    pc6: pd.DataFrame | None = None,
    boundaries: gpd.GeoDataFrame | None = None,
) -> pd.DataFrame:
    """Return the segments with the buurt and wijk each ``location_raw`` points to.

    A location is read, in this order, as a region code (``BU01640101``,
    ``01640101``, ``WK016402``; a leading zero a spreadsheet dropped is
    restored), as a postcode (``7557``, ``7557 AB``, ``7557 AB 12``), as a
    pair of coordinates (RD ``242050 475300`` or ``52.266, 6.793`` in
    lat/lon or lon/lat order) or as a buurt or wijk name. Names match ignoring case, accents and punctuation, wijk
    names with or without their ``Wijk 02`` prefix; a misspelt name matches
    when exactly one region scores at least :data:`FUZZY_CUTOFF`. A name
    that fits several regions (a wijk and a buurt both called *Noord*) is
    reported, never guessed.

    A 6-character postcode is looked up in ``pc6`` when given: with a house
    number the address itself, without one (or with a number the table
    lacks) the buurt all its addresses share, else the shared wijk; it is
    ``pc6`` in ``resolved_by``. Coordinates are placed by point in polygon
    (geopandas ``sjoin``) in ``boundaries``: ``coordinaten``.

    A 4-digit postcode (or a PC6 without table) is a weak link: it is matched
    to the buurten where it is the most common postcode (CBS's
    ``MeestVoorkomendePostcode``). When that is
    several buurten, no buurt is chosen; if they share one wijk, the segment
    is placed in that wijk.

    Parameters
    ----------
    segments
        A frame with a ``location_raw`` column, e.g. from :func:`read_segments`.
    regions
        Columns ``code, level, name, gemeente_code, wijk_code, postcode``;
        ``level`` is ``gemeente``, ``wijk`` or ``buurt``; ``postcode`` the
        most common 4-digit postcode of a buurt.
    gemeente
        The gemeente the interviews were held in, e.g. ``"GM0164"``.
    pc6
        A table from :func:`read_pc6`, or ``None``.
    boundaries
        Buurt polygons with a ``code`` column and a CRS (as
        :func:`buurtdata.sources.geometry.read_boundaries` returns), or ``None``:
        then coordinates stay unplaced, with that reason.

    Returns
    -------
    pandas.DataFrame
        Every row of ``segments``, with ``buurt_code`` and ``wijk_code``
        (missing when not known), ``resolved_by`` (one of
        :data:`RESOLVED_BY`) and ``reason``: why a row is ``onbekend``
        (starting ``empty``, ``no match``, ``ambiguous`` or ``outside
        gemeente``), or how a loose match was read; missing for exact matches.

    Examples
    --------
    >>> regions = pd.DataFrame({
    ...     "code": ["GM0164", "WK016402", "BU01640200", "BU01640201"],
    ...     "level": ["gemeente", "wijk", "buurt", "buurt"],
    ...     "name": ["Hengelo (O.)", "Wijk 02 Noord", "Noord", "Elsbeek"],
    ...     "gemeente_code": "GM0164", "wijk_code": [None, None, "WK016402", "WK016402"],
    ...     "postcode": [None, None, "7557", "7557"]})
    >>> segments = pd.DataFrame({"location_raw": ["elsbek", "Noord", "7557", "BU03630000"]})
    >>> placed = resolve_locations(segments, regions, gemeente="GM0164")
    >>> placed[["buurt_code", "wijk_code", "resolved_by"]]
       buurt_code wijk_code resolved_by
    0  BU01640201  WK016402   buurtnaam
    1         NaN       NaN    onbekend
    2         NaN  WK016402    postcode
    3         NaN       NaN    onbekend
    >>> placed.loc[1, "reason"][:80]
    "ambiguous between buurt 'Noord' (BU01640200) and wijk 'Wijk 02 Noord' (WK016402)"
    """
    gazetteer = _Gazetteer.from_regions(regions, codes.normalize(gemeente, level="gemeente"))
    if pc6 is not None:
        gazetteer.add_pc6(pc6)
    raw = segments["location_raw"].astype(object).where(segments["location_raw"].notna(), "")
    placed = {text: gazetteer.place(str(text)) for text in raw.unique()}
    points = {text: point for text in placed if (point := _coordinates(str(text))) is not None}
    placed |= gazetteer.place_points(points, boundaries)
    out = segments.copy()
    for i, column in enumerate(LOCATION_COLUMNS):
        out[column] = pd.Series([placed[t][i] for t in raw], index=out.index, dtype="str")
    return out


_Placement = tuple[str | None, str | None, str, str | None]
_CODE_LIKE = re.compile(r"(BU|WK|GM)\d[0-9A-Z]*|0\d{3}|\d{5,8}")
_POSTCODE = re.compile(r"([1-9]\d{3})([A-Z]{2})?")
_PC6_ADDRESS = re.compile(r"([1-9]\d{3})\s?([A-Z]{2})[\s,]+(\d{1,5})(?:\s*-?\s*[A-Z0-9]{1,4})?")
_NUMBER = r"(-?\d{1,7}(?:\.\d+)?)"
_POINT = re.compile(rf"(?:RD|XY|LATLON|LONLAT)?\s*:?\s*{_NUMBER}\s*[,;]?\s+{_NUMBER}|{_NUMBER}\s*[,;]\s*{_NUMBER}")


def _coordinates(text: str) -> tuple[float, float, str] | None:
    """Return ``(x, y, crs)`` of a coordinate pair: RD New, or lon/lat in either order; else None."""
    match = _POINT.fullmatch(text.strip().upper())
    if not match:
        return None
    a, b = (float(v) for v in match.groups() if v is not None)
    if 0 < a < 300_000 and 289_000 < b < 629_000:
        return a, b, "EPSG:28992"
    if 50.5 < a < 53.8 and 3.0 < b < 7.5:
        return b, a, "EPSG:4326"
    if 50.5 < b < 53.8 and 3.0 < a < 7.5:
        return a, b, "EPSG:4326"
    return None


def read_pc6(path: str | Path, *, gemeente: str | None = None) -> pd.DataFrame:
    """Return a CBS table of addresses and their buurt (``PC6;Huisnummer;Buurt...;Wijk...;Gemeente...``).

    CBS publishes, per year, every address as postcode, house number and the
    codes (without ``BU``/``WK``/``GM``, a leading zero sometimes dropped) of
    its buurt, wijk and gemeente; column names carry the year
    (``Buurt2023``). The file is ``;``-separated (``,`` works too), UTF-8;
    lines starting with ``#`` are skipped.

    Parameters
    ----------
    path
        The CSV file.
    gemeente
        Keep only the addresses of this gemeente (``GM0164`` or ``0164``).

    Returns
    -------
    pandas.DataFrame
        Columns ``pc6, huisnummer, buurt_code, wijk_code, gemeente_code``
        with prefixed, zero-padded codes (``BU01640203``).

    Raises
    ------
    InputFileError
        When the file is empty or lacks one of the columns.
    ValidationError
        Listing every row with a malformed postcode, house number or code.

    Examples
    --------
    >>> from buurtdata.datasets import get_path
    >>> table = read_pc6(get_path("hengelo/pc6hnr_fictief.csv"))
    >>> table.iloc[0][["pc6", "buurt_code", "wijk_code", "gemeente_code"]].tolist()
    ['7553SA', 'BU01640502', 'WK016405', 'GM0164']
    """
    path = Path(path)
    _must_exist(path)
    if path.stat().st_size == 0:
        msg = f"{path} is empty; give the CBS table PC6;Huisnummer;Buurt...;Wijk...;Gemeente... of your year."
        raise InputFileError(msg)
    all_lines = path.read_text(encoding="utf-8-sig").splitlines()
    # Comment and blank lines are dropped, but each kept line remembers its number for the messages.
    numbers = [n for n, line in enumerate(all_lines, start=1) if line.strip() and not line.startswith("#")]
    lines = [all_lines[n - 1] for n in numbers]
    head = lines[0] if lines else ""
    separator = ";" if head.count(";") >= head.count(",") else ","
    table = pd.read_csv(io.StringIO("\n".join(lines)), sep=separator, dtype=str)
    table.columns = [str(c).strip().strip('"') for c in table.columns]
    wanted = {
        "pc6": "PC6", "huisnummer": "Huisnummer", "buurt_code": "Buurt", "wijk_code": "Wijk", "gemeente_code": "Gemeente",
    }  # fmt: skip
    found = {}
    for name, prefix in wanted.items():
        hits = [c for c in table.columns if re.fullmatch(rf"{prefix}(\d{{4}})?", c, re.IGNORECASE)]
        if hits:
            found[name] = hits[0]
    missing = [wanted[n] for n in wanted if n not in found]
    if missing:
        msg = (
            f"{path} has no column {', '.join(repr(m) for m in missing)} (a year may follow: Buurt2023); found "
            f"{', '.join(table.columns)}. Use CBS's table 'Huisnummer, postcode en buurt/wijk/gemeente'."
        )
        raise InputFileError(msg)
    table = table[[found[n] for n in wanted]].set_axis(list(wanted), axis=1)
    table = table.apply(lambda column: column.str.strip())
    widths = {"buurt_code": ("BU", 8), "wijk_code": ("WK", 6), "gemeente_code": ("GM", 4)}
    checks = [
        ("pc6", r"[1-9]\d{3} ?[A-Za-z]{2}", "is not a postcode such as 7555AB"),
        ("huisnummer", r"\d+", "is not a whole number"),
        *((column, rf"(?i:{prefix})?\d{{1,{width}}}", f"is not a {prefix} code of {width} digits")
          for column, (prefix, width) in widths.items()),
    ]  # fmt: skip
    problems = []
    for column, pattern, complaint in checks:
        # Vectorised: CBS's national table has some ten million rows.
        bad = table.index[~table[column].fillna("").str.fullmatch(pattern)]
        problems += [f"{where(path, numbers[i + 1], found[column])}: {table.at[i, column]!r} {complaint}." for i in bad]
    if problems:
        raise ValidationError(problems)
    table["pc6"] = table["pc6"].str.replace(" ", "").str.upper()
    for column, (prefix, width) in widths.items():
        table[column] = prefix + table[column].str.upper().str.removeprefix(prefix).str.zfill(width)
    table["huisnummer"] = table["huisnummer"].astype(int)
    if gemeente is not None:
        table = table[table["gemeente_code"] == codes.normalize(gemeente, level="gemeente")]
    return table.reset_index(drop=True)
_WIJK_PREFIX = re.compile(r"^wijk (\d+) (.+)$")


def _fold(text: str) -> str:
    """Fold a name for comparison: no accents, case or punctuation."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def _unplaced(reason: str) -> _Placement:
    return None, None, "onbekend", reason


@dataclass
class _Gazetteer:
    """Lookup tables for the wijken and buurten of one gemeente."""

    gemeente: str
    gemeente_name: str
    buurten: dict[str, tuple[str, str]] = field(default_factory=dict)  # code -> (name, wijk code)
    wijken: dict[str, str] = field(default_factory=dict)  # code -> name
    names: dict[str, set[tuple[str, str]]] = field(default_factory=dict)  # folded name -> {(level, code)}
    postcodes: dict[str, list[str]] = field(default_factory=dict)  # PC4 -> buurt codes
    addresses: dict[str, dict[int, str]] = field(default_factory=dict)  # PC6 -> {house number: buurt code}

    @classmethod
    def from_regions(cls, regions: pd.DataFrame, gemeente: str) -> _Gazetteer:
        missing = [c for c in REGION_COLUMNS if c not in regions.columns]
        if missing:
            msg = f"regions lacks column(s) {', '.join(missing)}; it needs {', '.join(REGION_COLUMNS)}."
            raise BuurtdataError(msg)
        table = regions.astype(object).where(regions.notna(), None)
        code = table["code"].map(lambda c: str(c).strip().upper())
        level = table["level"].map(lambda v: str(v).strip().lower())
        ours = table[(table["gemeente_code"].map(lambda c: str(c).strip().upper()) == gemeente) | (code == gemeente)]
        if not (level[ours.index] == "buurt").any():
            known = sorted({str(c).strip() for c in table["gemeente_code"].dropna()})
            msg = f"regions has no buurten of {gemeente}; it holds gemeenten {', '.join(known) or 'none'}."
            raise BuurtdataError(msg)
        names = table.loc[(code == gemeente) & (level == "gemeente"), "name"]
        found = cls(gemeente, str(names.iloc[0]).strip() if len(names) else gemeente)
        for i, row in ours.iterrows():
            name = str(row["name"]).strip()
            if level[i] == "buurt":
                wijk = str(row["wijk_code"]).strip() if row["wijk_code"] else codes.wijk_of(code[i])
                found.buurten[code[i]] = (name, wijk)
                found._add_name(name, "buurt", code[i])
                if row["postcode"] and str(row["postcode"]).strip().isdigit():
                    found.postcodes.setdefault(str(row["postcode"]).strip(), []).append(code[i])
            elif level[i] == "wijk":
                found.wijken[code[i]] = name
                folded = _fold(name)
                found._add_name(folded, "wijk", code[i])
                prefixed = _WIJK_PREFIX.match(folded)
                if prefixed:
                    found._add_name(f"wijk {int(prefixed[1])} {prefixed[2]}", "wijk", code[i])
                    found._add_name(prefixed[2], "wijk", code[i])
            elif level[i] == "gemeente":
                found._add_name(name, "gemeente", code[i])
                found._add_name(re.sub(r"\(.*?\)", "", name), "gemeente", code[i])
        return found

    def _add_name(self, name: str, level: str, code: str) -> None:
        key = _fold(name)
        if key:
            self.names.setdefault(key, set()).add((level, code))

    def label(self, level: str, code: str) -> str:
        name = self.buurten[code][0] if level == "buurt" else self.wijken.get(code, self.gemeente_name)
        return f"{level} {name!r} ({code})"

    def add_pc6(self, table: pd.DataFrame) -> None:
        missing = [c for c in PC6_COLUMNS if c not in table.columns]
        if missing:
            msg = f"pc6 lacks column(s) {', '.join(missing)}; read the CBS file with read_pc6()."
            raise BuurtdataError(msg)
        ours = table[table["gemeente_code"] == self.gemeente]
        for pc6, number, buurt in zip(ours["pc6"], ours["huisnummer"], ours["buurt_code"]):
            self.addresses.setdefault(pc6, {})[int(number)] = buurt

    def place(self, text: str) -> _Placement:
        text = text.strip()
        if not text:
            return _unplaced("empty: no location given")
        compact = re.sub(r"\s+", "", text).upper()
        if _CODE_LIKE.fullmatch(compact):
            return self._by_code(text, compact)
        postcode = _POSTCODE.fullmatch(compact)
        address = _PC6_ADDRESS.fullmatch(text.upper())
        if postcode or address:
            pc4, letters, number = postcode.groups() + (None,) if postcode else address.groups()
            if letters and self.addresses:
                return self._by_pc6(pc4 + letters, int(number) if number else None)
            placed = self._by_postcode(pc4)
            if letters and placed[2] == "postcode":
                return placed[:3] + (f"{placed[3]}; {pc4}{letters} read as its 4 digits: the project has no PC6 table",)
            return placed
        if _coordinates(text) is not None:
            return _unplaced("coordinates: placed by place_points")
        return self._by_name(text)

    def _by_pc6(self, pc6: str, number: int | None) -> _Placement:
        found = self.addresses.get(pc6)
        if not found:
            return _unplaced(f"no match: postcode {pc6} has no address of {self.gemeente_name} in the PC6 table")
        unknown = sorted(set(found.values()) - set(self.buurten))
        if unknown:
            return _unplaced(
                f"no match: the PC6 table puts {pc6} in {', '.join(unknown)}, no buurt of these regions; "
                "use the PC6 table of the KWB year"
            )
        if number is not None and number in found:
            return found[number], self.buurten[found[number]][1], "pc6", None
        buurten = sorted(set(found.values()))
        # The number is left out of every message: with the postcode it is a home address.
        missing = "the house number is not in the PC6 table; " if number is not None else ""
        if len(buurten) == 1:
            note = f"{missing}every address of {pc6} lies in {self.label('buurt', buurten[0])}"
            return buurten[0], self.buurten[buurten[0]][1], "pc6", note
        wijken = sorted({self.buurten[b][1] for b in buurten})
        listing = _join(self.label("buurt", b) for b in buurten)
        if len(wijken) == 1:
            note = f"{missing}{pc6} spans {listing}, all in {self.label('wijk', wijken[0])}: placed in the wijk only"
            return None, wijken[0], "pc6", note
        return _unplaced(f"ambiguous between {listing}: {missing}postcode {pc6} spans them; add the house number")

    def place_points(
        self, points: dict[str, tuple[float, float, str]], boundaries: gpd.GeoDataFrame | None
    ) -> dict[str, _Placement]:
        """Place coordinate pairs by point in polygon; each text gets a placement."""
        if not points:
            return {}
        if boundaries is None:
            reason = "no match: coordinates need buurt polygons, and none were given (pass boundaries=)"
            return {text: _unplaced(reason) for text in points}
        import geopandas as gpd

        frames = []
        for crs in sorted({crs for _, _, crs in points.values()}):
            texts = [t for t, p in points.items() if p[2] == crs]
            xy = gpd.points_from_xy([points[t][0] for t in texts], [points[t][1] for t in texts], crs=crs)
            frames.append(gpd.GeoDataFrame({"text": texts}, geometry=xy).to_crs(boundaries.crs))
        located = pd.concat(frames, ignore_index=True)
        joined = located.sjoin(boundaries[["code", "geometry"]], how="left", predicate="intersects")
        out: dict[str, _Placement] = {}
        for text, hits in joined.groupby("text", sort=False)["code"]:
            found = sorted({str(c).strip().upper() for c in hits.dropna()})
            ours = [c for c in found if c in self.buurten]
            if len(ours) == 1 and len(found) == 1:
                out[text] = ours[0], self.buurten[ours[0]][1], "coordinaten", None
            elif not found:
                out[text] = _unplaced("outside gemeente: the point lies in none of the project's buurt polygons")
            elif not ours:
                out[text] = _unplaced(f"no match: the point lies in {', '.join(found)}, not a buurt of these regions")
            else:
                out[text] = _unplaced(f"ambiguous between {_join(found)}: the point lies on their border")
        return out

    def _by_code(self, text: str, compact: str) -> _Placement:
        note = None
        if compact.isdigit() and len(compact) in (5, 7):
            compact = "0" + compact
            note = f"{text!r} read as {compact}: leading zero restored (a spreadsheet drops it)"
        try:
            code = codes.normalize(compact)
        except CodeError:
            return _unplaced(
                f"no match: {text!r} looks like a region code but is not one; "
                "write BU + 8 characters (BU01640101) or WK + 6 (WK016401)"
            )
        owner = codes.gemeente_of(code)
        if owner != self.gemeente:
            return _unplaced(f"outside gemeente: {code} lies in {owner}, not in {self.gemeente} ({self.gemeente_name})")
        level = codes.level_of(code)
        if level == "buurt" and code in self.buurten:
            return code, self.buurten[code][1], "buurtcode", note
        if level == "wijk" and code in self.wijken:
            return None, code, "wijkcode", note
        if level == "gemeente":
            return _unplaced(f"no match: {code} is the whole gemeente, not a wijk or buurt")
        return _unplaced(f"no match: {self.gemeente} has no {level} {code} in these regions (a code of another year?)")

    def _by_postcode(self, pc4: str) -> _Placement:
        hits = sorted(self.postcodes.get(pc4, []))
        if not hits:
            return _unplaced(
                f"no match: postcode {pc4} is not the most common postcode of any buurt of "
                f"{self.gemeente_name} ({self.gemeente}); it may lie outside the gemeente"
            )
        if len(hits) == 1:
            note = f"weak link: {pc4} is the most common postcode of {self.label('buurt', hits[0])}"
            return hits[0], self.buurten[hits[0]][1], "postcode", note
        listing = _join(self.label("buurt", b) for b in hits)
        wijken = sorted({self.buurten[b][1] for b in hits})
        if len(wijken) == 1:
            return None, wijken[0], "postcode", (
                f"ambiguous between {listing}, all in {self.label('wijk', wijken[0])}: postcode {pc4} is the most "
                "common postcode of each, so the segment is placed in the wijk only"
            )
        return _unplaced(
            f"ambiguous between {listing}: postcode {pc4} is the most common postcode of each; "
            "write the buurt name or code"
        )

    def _by_name(self, text: str) -> _Placement:
        key = _fold(text)
        matches = self.names.get(key, set())
        note = None
        if not matches and len(key) >= 4:
            hits = process.extract(key, list(self.names), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=None)
            matches = {m for name, _, _ in hits for m in self.names[name]}
            if len(matches) == 1:
                (level, code), score = next(iter(matches)), max(s for _, s, _ in hits)
                note = f"{text!r} read as {self.label(level, code)}, similarity {score:.0f}"
        if not matches:
            return _unplaced(f"no match: {text!r} is no buurt or wijk name, code or postcode of {self.gemeente_name}")
        if len(matches) > 1:
            listing = _join(self.label(level, code) for level, code in sorted(matches, key=lambda m: m[1]))
            return _unplaced(f"ambiguous between {listing}; write the buurt code (BU...) or the full wijk name")
        level, code = next(iter(matches))
        if level == "buurt":
            return code, self.buurten[code][1], "buurtnaam", note
        if level == "wijk":
            return None, code, "wijknaam", note
        return _unplaced(f"no match: {text!r} is the whole gemeente, not a wijk or buurt")


def _join(items: Iterable[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


# --- privacy ----------------------------------------------------------------------------------------


def pseudonymise(segments: pd.DataFrame, key: bytes) -> pd.DataFrame:
    """Return the segments with each respondent replaced by a keyed pseudonym.

    The pseudonym is ``R-`` plus the first 10 hex characters of
    HMAC-SHA256(key, respondent): stable for one key, not reversible
    without it. Keep the key out of any output (see :func:`load_or_create_key`).

    Parameters
    ----------
    segments
        A frame with a ``respondent`` column.
    key
        The secret, as bytes; :func:`load_or_create_key` gives a random 32-byte one.

    Examples
    --------
    >>> pseudonymise(pd.DataFrame({"respondent": ["HGL-B01"]}), b"0123456789abcdef")["respondent"].tolist()
    ['R-7863f0c231']
    """
    if not isinstance(key, bytes) or not key:
        msg = f"The pseudonym key must be non-empty bytes, not {type(key).__name__}; use load_or_create_key()."
        raise BuurtdataError(msg)
    out = segments.copy()
    out["respondent"] = out["respondent"].map(
        lambda r: "R-" + hmac.new(key, str(r).strip().encode(), hashlib.sha256).hexdigest()[:10],
        na_action="ignore",
    )
    return out


def load_or_create_key(path: str | Path | None = None) -> bytes:
    """Return the pseudonym key, creating a random 32-byte key file if there is none.

    Parameters
    ----------
    path
        The key file; ``None`` means :data:`buurtdata.settings.key_file`.
        A new file is readable by its owner only (mode 0600).

    Raises
    ------
    BuurtdataError
        When an existing key file holds fewer than 16 bytes.
    """
    path = Path(path) if path is not None else settings.key_file
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".key-")  # mode 0600
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(os.urandom(32))
            # link() fails if another process created the key first; then both use that one.
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(temporary)
    key = path.read_bytes()
    if len(key) < 16:
        msg = (
            f"{path} holds {len(key)} bytes, too few for a pseudonym key (at least 16); restore the original key, "
            "or delete the file to create a new one (pseudonyms will then change)."
        )
        raise BuurtdataError(msg)
    return key


def scrub_quotes(segments: pd.DataFrame, *, names: Iterable[str] = ()) -> pd.DataFrame:
    """Return the segments with contact details and given names in ``text`` replaced by placeholders.

    Replaces, in this order, e-mail addresses by ``[e-mail]``, a postcode
    with house number (``7551 AB 12``) by ``[adres]``, Dutch phone numbers
    (``06-12345678``, ``074-1234567``, ``+31 6 12345678``) by ``[telefoon]``
    and each of ``names`` (whole words, any case) by ``[naam]``. Names
    nobody listed are not found: read the quotes before publishing them.

    Parameters
    ----------
    segments
        A frame with a ``text`` column, e.g. from :func:`read_segments`.
    names
        Names of people (first names, surnames or both) to remove.

    Examples
    --------
    >>> quotes = pd.DataFrame({"text": ["Bel Anja op 06-12345678 of mail anja@example.nl."]})
    >>> scrub_quotes(quotes, names=["Anja"])["text"].tolist()
    ['Bel [naam] op [telefoon] of mail [e-mail].']
    """
    scrub = _scrubber(names)
    out = segments.copy()
    out["text"] = out["text"].map(scrub, na_action="ignore").astype(segments["text"].dtype)
    return out


def _scrubber(names: Iterable[str]) -> Callable[[object], object]:
    """Return a function replacing e-mail, address, phone and ``names`` in a text by placeholders."""
    patterns = [(_EMAIL, "[e-mail]"), (_ADDRESS, "[adres]"), (_PHONE, "[telefoon]")]
    listed = sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True)
    if listed:
        alternatives = "|".join(re.escape(n) for n in listed)
        patterns.append((re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE), "[naam]"))

    def scrub(text: object) -> object:
        if not isinstance(text, str):
            return text
        for pattern, placeholder in patterns:
            text = pattern.sub(placeholder, text)
        return text

    return scrub


def scrub_locations(segments: pd.DataFrame, *, names: Iterable[str] = ()) -> pd.DataFrame:
    """Return the segments with house numbers, coordinates and contact details taken out of ``location_raw``.

    Once a segment is placed its written location is only needed to fix
    the unplaced ones, and a postcode with house number or a point is a
    home address: ``7553 SA 12`` becomes ``7553 SA [huisnummer]``, a
    coordinate pair ``[coördinaten]``; other text is scrubbed as
    :func:`scrub_quotes` does (``bij Anja`` -> ``bij [naam]``).

    Examples
    --------
    >>> scrub_locations(pd.DataFrame({"location_raw": ["7553 SA 12", "RD 251245 476863", "bij Anja"]}), names=["Anja"])[
    ...     "location_raw"].tolist()
    ['7553 SA [huisnummer]', '[coördinaten]', 'bij [naam]']
    """
    scrub_text = _scrubber(names)

    def scrub(text: object) -> object:
        if not isinstance(text, str):
            return text
        if _coordinates(text) is not None:
            return "[coördinaten]"
        address = _PC6_ADDRESS.fullmatch(text.strip().upper())
        return f"{address[1]} {address[2]} [huisnummer]" if address else scrub_text(text)

    out = segments.copy()
    out["location_raw"] = out["location_raw"].astype(object).map(scrub, na_action="ignore")
    return out


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ADDRESS = re.compile(r"\b[1-9]\d{3}\s?[A-Z]{2}\s+\d+(?:\s?[a-zA-Z](?!\w)|-\d+)?")
_PHONE = re.compile(r"(?:\+31|\b0031)[\s-]?(?:\(0\)[\s-]?)?\d(?:[\s-]?\d){8}\b|\b0\d(?:[\s-]?\d){8}\b")


# --- exchange with QDA tools ----------------------------------------------------------------------


def write_qdpx(segments: pd.DataFrame, codebook: pd.DataFrame | None, path: str | Path) -> Path:
    """Write segments and their codebook as a REFI-QDA project (``.qdpx``) for a QDA tool.

    Each document (else each respondent) becomes a ``TextSource`` whose text
    is its quotes, one paragraph each, every quote a ``PlainTextSelection``
    named by its ``segment_id`` and coded with its code. Each becomes a
    ``Case`` too, named by the respondent, with the text variables ``rol``,
    ``buurt`` and ``toestemming``. GUIDs are derived from the data, so the
    same segments always give the same project. :func:`read_segments`
    reads the file back to the same segments.

    Parameters
    ----------
    segments
        A frame as :func:`read_segments` returns it.
    codebook
        A frame as :func:`read_codebook` returns it, or ``None``; codes of
        segments missing from it are added without description.
    path
        The ``.qdpx`` file to write.

    Returns
    -------
    pathlib.Path
        ``path``.

    Examples
    --------
    >>> import tempfile
    >>> from buurtdata.datasets import get_path
    >>> segments = read_segments(get_path("hengelo/interviews_fictief.csv"))
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     back = read_segments(write_qdpx(segments, None, Path(folder) / "hengelo.qdpx"))
    >>> sorted(back["segment_id"]) == sorted(segments["segment_id"])
    True
    """
    path = Path(path)
    records = []
    for row in segments.astype(object).where(segments.notna(), None).to_dict("records"):
        day = row.get("date")
        records.append(
            {
                "segment_id": str(row["segment_id"]),
                "document": str(row["document"]) if row.get("document") else "",
                "respondent": str(row["respondent"]),
                "role": str(row.get("role") or ""),
                "code_id": str(row["code_id"]),
                "text": str(row.get("text") or ""),
                "location_raw": str(row.get("location_raw") or ""),
                "date": pd.Timestamp(day).date().isoformat() if day is not None else "",
                "consent": "ja" if row.get("consent") else "nee",
            }
        )
    _qda.write_qdpx(records, _code_pairs(codebook), path)
    return path


def write_qdc(codebook: pd.DataFrame, path: str | Path) -> Path:
    """Write a codebook as a REFI-QDA codebook (``.qdc``): themes on top, sub-codes below.

    Examples
    --------
    >>> import tempfile
    >>> from buurtdata.datasets import get_path
    >>> book = read_codebook(get_path("hengelo/codebook.csv"))
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     back = read_codebook(write_qdc(book, Path(folder) / "codebook.qdc"))
    >>> sorted(back["code_id"]) == sorted(book["code_id"])
    True
    """
    path = Path(path)
    _qda.write_qdc(_code_pairs(codebook), path)
    return path


def _code_pairs(codebook: pd.DataFrame | None) -> list[tuple[str, str]]:
    if codebook is None:
        return []
    pairs = []
    for row in codebook.astype(object).where(codebook.notna(), None).to_dict("records"):
        code = str(row["code_id"])
        theme = str(row.get("theme") or code.split("/")[0])
        # A code whose theme is not the top of its path sits under its theme in the tree.
        pairs.append((code if code.split("/")[0] == theme else f"{theme}/{code}", str(row.get("description") or "")))
    return pairs
