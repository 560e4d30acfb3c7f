"""Coded segments of a filled-in template or a QDA tool's export, read to one tidy frame.

One row per coded segment, as in the spreadsheet template :data:`TEMPLATE`
(columns ``segment_id, respondent, role, code, quote, location, date, consent``).
Taguette and QualCoder tables map their own columns to these; a REFI-QDA
project is unpacked by :mod:`.qda`. Every problem of a file is collected and
raised at once, each naming its row.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from buurtdata._errors import InputFileError, ValidationError, where
from buurtdata._spreadsheet import excel_date_number
from buurtdata.sources.interviews import qda_segments, tool_tables
from buurtdata.sources.interviews.arrow_csv import stripped
from buurtdata.sources.interviews.codebook import _code_key_display
from buurtdata.sources.interviews.distinct import duplicates, each_distinct
from buurtdata.sources.interviews.privacy import said_values
from buurtdata.sources.interviews.respondents import (
    NOT_A_ROLE,
    NOT_CONSENT,
    consent_of,
    location_from,
    role_of,
    with_respondents,
)
from buurtdata.sources.interviews.segment_ids import id_safe_to_show, published_ids, row_ids
from buurtdata.sources.interviews.segment_messages import NoConsentWarning as NoConsentWarning
from buurtdata.sources.interviews.segment_messages import by_respondent, runs, warn_no_consent
from buurtdata.sources.interviews.tables import (
    SEGMENT_FORMATS,
    _as_text,
    _fits_any,
    _locate_columns,
    _must_exist,
    _read_table,
)
from buurtdata.sources.interviews.template_headers import (
    SEGMENT_FIELDS,
    TEMPLATE_HEADERS,
    header_again,
    refuse_two_names,
    respelled,
)

#: Columns of the frame :func:`read_segments` returns, in order.
SEGMENT_COLUMNS = [
    "segment_id",
    "source",
    "document",
    "respondent",
    "role",
    "code_id",
    "text",
    "text_note",
    "location_raw",
    "location_gemeente",
    "date",
    "consent",
]
#: The empty spreadsheet template, named in every message about a malformed file.
TEMPLATE = Path(__file__).parents[2] / "datasets" / "templates" / "segmenten_sjabloon.csv"

#: 14-03-2025 as Dutch write it, also with slashes or dots (as German and Belgian exports do), and ISO.
_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d")
#: The text fields every format is read to before :func:`_segment_frame` checks and converts them.
_RAW_FIELDS = [column for column in SEGMENT_COLUMNS if column != "source"]


def read_segments(
    path: str | Path,
    *,
    format: str | None = None,
    respondents: pd.DataFrame | str | Path | None = None,
    tool: str | None = None,
    variables: dict[str, str | list[str]] | None = None,
) -> pd.DataFrame:
    """Return the coded segments of a filled-in template or a QDA tool's export.

    Parameters
    ----------
    path
        A CSV (``,``, ``;`` or tab separated, UTF-8 with or without BOM,
        UTF-16 with BOM as NVivo writes it, or cp1252 as Excel on Dutch
        Windows saves it, or Mac Roman as Excel on a Mac does, with a
        warning) or XLSX file (the first visible sheet
        that holds the table; one whose table goes on on another visible
        sheet, with the same kind of header, is refused naming the other
        sheets; merged cells below the header are refused, rows
        hidden or filtered out are read and warned of, hidden sheets are not
        read) with
        the columns of the template
        ``datasets/templates/segmenten_sjabloon.csv``, in English or Dutch
        (``rol``, ``citaat``, ``locatie``, ``toestemming``, ...; any case).
        ``segment_id``, ``date`` and an extra ``document`` column are
        optional. Empty rows are skipped, and so are the lines above the
        header whose first cell starts with ``#`` (comments); below the
        header such a row is a segment (an id ``#001``), and one holding
        only that cell is refused as a misplaced comment.

        Or an export of a QDA tool (see :data:`SEGMENT_FORMATS`):

        - a REFI-QDA project ``.qdpx`` (ATLAS.ti, NVivo, MAXQDA, QualCoder):
          one segment per ``Coding`` of a selection; text cut from the
          source text at positions read in the unit the tool counts (UTF-16
          code units for NVivo, ATLAS.ti and MAXQDA, code points for
          QualCoder; see ``tool``); ``code_id`` the code's path in the code
          tree; respondent, role, location, consent and date from the
          variables of the source, else of its ``Case`` (names as in
          :data:`.qda_segments.VARIABLE_FIELDS`, or ``variables``); respondent else
          the case's name, else the source name; ``segment_id`` the
          selection's name, else its GUID; ``date`` else its
          ``creationDateTime``. PDF areas, picture regions, audio and video
          stretches and whole coded sources are segments without text,
          ``text_note`` saying why.
        - a Taguette highlights export (CSV/XLSX, columns ``id, document,
          tag, content``; ``\\`` in a tag path read as ``/``).
        - a QualCoder coding report exported as CSV or XLSX (columns
          ``File`` or ``Case, Filename``, then ``Coder, Coded, Id,
          Codename, Coded_Memo``, one ``Category`` per level of the code
          tree, leaf to root, and with *export variables* ``FileVar_<name>``
          and ``CaseVar_<name>``): the code path is the categories from the
          root down plus the code name; role, location and consent come from
          variables named as in :data:`.qda_segments.VARIABLE_FIELDS` (``CaseVar_buurt``,
          ``CaseVar_rol``, ``CaseVar_toestemming``). Image and A/V codings
          are refused with their rows: export text codings only.

        - MAXQDA's table of coded segments exported as CSV or XLSX (columns
          ``Documentnaam``, ``Code``, ``Begin``, ``Einde``, ``Segment``, ...,
          or their English or German names): ``Segment`` is the quote, the
          document name the respondent, ``\\`` in a code path read as ``/``.

        Taguette and MAXQDA tables carry no role, location or consent,
        QualCoder's only as variables; ``respondents`` supplies them.
    tool
        For a ``.qdpx``: the tool that exported it (``[interviews] tool``,
        e.g. ``"nvivo"``), which fixes the unit of text positions. Without
        it the unit under which most selections start and end on a word
        boundary is taken, the project's ``origin`` deciding a tie.
    variables
        For a ``.qdpx``: segment field (``respondent``, ``role``,
        ``location``, ``gemeente``, ``consent``, ``date``) -> the name (or list of names) of
        the case variable a team used for it, e.g. ``{"role": "Functie"}``
        (``[interviews.variables]``).
    format
        One of :data:`SEGMENT_FORMATS`; ``None`` reads it from the file
        extension and, for CSV/XLSX, from the header.
    respondents
        For formats without role, location or consent: a table (a frame, or
        a CSV or XLSX file: ``[interviews] respondents``) with a
        ``respondent`` column (matched to the respondent, which for Taguette
        and QualCoder is the case, else the document name) or a ``document``
        column, and any of ``role``, ``location``, ``gemeente`` (the place's,
        read as the template's column), ``consent``. A field no
        format or table gives is read as role *onbekend*, no location and
        consent *nee*, so a segment is kept but never published by mistake.

    Returns
    -------
    pandas.DataFrame
        Columns ``segment_id, source, document, respondent, role, code_id,
        text, text_note, location_raw, location_gemeente, date, consent``
        (:data:`SEGMENT_COLUMNS`; ``text_note``: why a segment has no text;
        ``location_gemeente``: the gemeente a column or variable writes beside
        the place, else missing), indexed by ``row``, the file's
        line or row number (for a ``.qdpx``, the segment's order in it).
        ``source`` is the file name; ``role`` is one of
        :data:`ROLES` (variants such as *wijkwerker* read as *professional*,
        an empty role as *onbekend*); ``consent`` is bool (an empty one, or
        a case without the consent the others have, is False, with a
        :class:`NoConsentWarning`); a missing
        ``segment_id`` becomes ``<file name>:<row>``. For a QDA tool's
        export, ``attrs["location_from"]`` says where a location comes from
        (the reason :mod:`buurtdata.pipeline` gives a segment without one)
        and ``attrs["location_kind"]`` names the export's kind (``taguette``, ...).

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
    written: dict[str, str] = {}
    unread: list[str] = []
    if format == "qdpx" or (format is None and path.suffix.lower() == ".qdpx"):
        _must_exist(path)
        records, unread = qda_segments.read_qdpx(path, tool=tool, variables=variables, warn_unread=respondents is None)
        values = pd.DataFrame.from_records(records, index=pd.RangeIndex(1, len(records) + 1)).fillna("")
        values = values.apply(lambda column: stripped(column.astype(object)))
        kind = "qdpx"
    else:
        template = _template_for(path)
        header, cells, wide, as_written = _read_table(
            path,
            format=format if format in ("csv", "xlsx") else None,
            template=template,
            fits=_fits_any(SEGMENT_FIELDS, *tool_tables.TOOL_FIELDS.values()),
        )
        cells, problems = header_again(path, header, cells)
        kind = format if format in ("taguette", "qualcoder") else tool_tables.table_kind(header)
        fields = SEGMENT_FIELDS if kind == "template" else tool_tables.TOOL_FIELDS[kind]
        # QualCoder repeats its Category header once per level of the code tree.
        unique = [h if h != "category" else "" for h in header] if kind == "qualcoder" else header
        if kind == "template":
            header = unique = respelled(header)
            refuse_two_names(path, header, as_written)
        columns = _locate_columns(
            path,
            unique,
            fields,
            template=template if kind == "template" else None,
            hint=tool_tables.maxqda_hint(kind, header, TEMPLATE_HEADERS["text"])
            or tool_tables.other_tool_hint(kind, header),
        )
        # Messages name a column as the file writes it (Datum, Toestemming).
        written = {name: as_written[i] for name, i in columns.items()}
        too_wide = {
            row: f"{where(path, row)}: {count} cells but the header has {len(header)}; "
            "put text that contains the separator between double quotes."
            for row, count in wide
        }
        values = pd.DataFrame(
            {f.name: cells[columns[f.name]] if f.name in columns else "" for f in fields}, index=cells.index
        )
        if kind == "qualcoder":
            extras = []
            for row, row_cells in zip(cells.index, cells.to_numpy().tolist(), strict=True):
                if row in too_wide:
                    problems.append(too_wide[row])
                extras.append(tool_tables.qualcoder_extras(path, row, header, row_cells, problems))
            # A column of the report outranks the field of the same name; a row without it keeps the field.
            values = pd.DataFrame.from_records(extras, index=cells.index).combine_first(values).fillna("")
        else:
            problems += too_wide.values()
        if kind != "template":
            values = tool_tables.from_tool(kind, values)
    if kind == "template":
        return _segment_frame(path, values, problems, written=written)
    values = with_respondents(values, respondents, path, problems)
    frame = _segment_frame(path, values, problems, kind=kind, written=written)
    # Read by the pipeline to say, of a segment it cannot place, where its location would have come from.
    frame.attrs["location_from"] = location_from(kind, respondents, unread=unread)
    frame.attrs["location_kind"] = kind
    frame.attrs["unread_variables"] = unread
    return frame


def _segment_frame(
    path: Path, values: pd.DataFrame, problems: list[str], kind: str = "template", written: dict[str, str] | None = None
) -> pd.DataFrame:
    """Return the tidy segment frame of stripped text fields indexed by row, or raise every problem at once.

    ``written``: per field, its column's header as the file writes it, which messages name (with the template's
    name in brackets when it differs). An empty consent reads nee (never quoted), and is warned of by its rows.

    Every check and conversion runs once per distinct value of a column: a million segments hold a few
    roles, codes, dates and consent spellings.
    """
    text = {
        name: values[name].astype("str").fillna("") if name in values else pd.Series("", values.index, dtype="str")
        for name in _RAW_FIELDS
    }
    rows = values.index.to_numpy()
    found: list[tuple[int, int, str]] = []
    # Rows that hold a segment_id and nothing else (a template numbered ahead): one line per run of them, not two
    # per row (sweep 12: 450 such rows gave 900 lines).
    empty = {name: (text[name] == "").to_numpy() for name in ("respondent", "code_id")}
    bare = empty["respondent"] & empty["code_id"]  # the other fields looked at only there: a million rows have none
    maybe = np.flatnonzero(bare)
    for name in _RAW_FIELDS:
        if len(maybe) and name not in empty:
            bare[maybe] &= (
                (text[name].iloc[maybe] != "").to_numpy()
                if name == "segment_id"
                else (text[name].iloc[maybe] == "").to_numpy()
            )
    for first, last in runs(np.flatnonzero(bare)):
        span = f"row {rows[first]}" if first == last else f"rows {rows[first]}-{rows[last]}"
        found.append(
            (first, -1, f"{path}, {span}: only a segment_id, no respondent, code or quote; fill in or delete the rows")
        )

    def complain(bad: np.ndarray, order: int, message, field: str | None = None, says=None) -> None:
        bad = bad & ~bare
        if kind == "qdpx" and field is not None:
            # A project's rows are only the order of its codings: named by respondent, the variable to set.
            found.extend(by_respondent(path, text, bad, order, field, says))
            return
        found.extend((i, order, message(rows[i], i)) for i in np.flatnonzero(bad))

    for order, name in enumerate(("respondent", "code_id")):
        complain(
            empty[name],
            order,
            lambda row, _, name=name: (
                f"{where(path, row)}, {_field(written, name, _EMPTY[kind, name][0])}: is empty; {_EMPTY[kind, name][1]}"
            ),
        )
    role = each_distinct(text["role"], role_of)
    said = _said_once(text["role"], pd.isna(role))
    complain(
        pd.isna(role),
        2,
        lambda row, i: f"{where(path, row)}, {_field(written, 'role')}: {said[text['role'].iat[i]]} {NOT_A_ROLE}",
        "role",
        lambda value: f"{said[value]} {NOT_A_ROLE}",
    )
    date = each_distinct(
        text["date"],
        lambda texts: pd.to_datetime(pd.Series([_parse_date(t[:10]) if t else None for t in texts], dtype=object)),
        together=True,
    ).to_numpy()
    not_a_date = pd.isna(date) & (text["date"] != "").to_numpy()
    said_date = _said_once(text["date"], not_a_date)
    complain(
        not_a_date,
        3,
        lambda row, i: f"{where(path, row)}, {_field(written, 'date')}: {_not_a_date(text['date'].iat[i], said_date)}",
        "date",
        lambda value: _not_a_date(value, said_date),
    )
    # An empty consent is no consent to quote: read as nee, and said (_warn_no_consent); another word is refused.
    consent = each_distinct(text["consent"], lambda t: consent_of(t) if t else False)
    said_consent = _said_once(text["consent"], pd.isna(consent))
    complain(
        pd.isna(consent),
        4,
        lambda row, i: (
            f"{where(path, row)}, {_field(written, 'consent')}: {said_consent[text['consent'].iat[i]]} {NOT_CONSENT}"
        ),
        "consent",
        lambda value: f"{said_consent[value]} {NOT_CONSENT}",
    )
    problems += [message for _, _, message in sorted(found, key=lambda f: f[:2])]
    segment_id = text["segment_id"]
    unnamed = (segment_id == "").to_numpy()
    if unnamed.any():
        segment_id = segment_id.copy()
        segment_id[unnamed] = row_ids(path.name, values.index[unnamed].to_numpy()).to_numpy()
    repeated = _repeated(segment_id)
    problems += duplicates(
        zip(rows[repeated], segment_id[repeated], strict=True),
        path,
        (written or {}).get("segment_id", "segment_id"),
        id_safe_to_show,
    )
    if problems:
        raise ValidationError(problems)
    warn_no_consent(path, kind, _field(written, "consent"), text)
    if kind != "qdpx":  # a selection's name is its id only when it is one (qda_segments._segment_id)
        column = (written or {}).get("segment_id", "segment_id")
        segment_id = published_ids(
            segment_id, path.name, rows, given=~unnamed, path=path, column=column, respondents=text["respondent"]
        )
    frame = pd.DataFrame(
        {
            "segment_id": segment_id,
            "source": path.name,
            "document": text["document"].where(text["document"] != ""),
            "respondent": text["respondent"],
            "role": role,
            "code_id": each_distinct(text["code_id"], _code_key_display),
            "text": text["text"].where(text["text"] != ""),
            "text_note": text["text_note"].where(text["text_note"] != ""),
            "location_raw": text["location_raw"].where(text["location_raw"] != ""),
            "location_gemeente": text["location_gemeente"].where(text["location_gemeente"] != ""),
        },
        index=pd.Index(rows, name="row"),
    )
    frame = _as_text(frame)
    frame["date"] = pd.Series(date, index=frame.index)
    frame["consent"] = consent.astype(bool)
    return frame[SEGMENT_COLUMNS]


def _field(written: dict[str, str] | None, name: str, canonical: str | None = None) -> str:
    """Name a column as the file writes it, with the template's name in brackets when it differs: ``field 'Datum'
    (date)``."""
    canonical = canonical or _header_of(name)
    shown = (written or {}).get(name, canonical)
    return f"field {shown!r}" + (f" ({canonical})" if shown.casefold() != canonical.casefold() else "")


def _repeated(values: pd.Series) -> np.ndarray:
    """Return which of ``values`` occur more than once.

    Ids numbered in order (S0001, S0002, ...) are told apart without hashing a million strings: a column
    that strictly increases holds no value twice.
    """
    ids = pa.chunked_array(pd.array(values, dtype="str").__arrow_array__())
    if len(ids) < 2 or pc.all(pc.greater(ids[1:], ids[:-1])).as_py():
        return np.zeros(len(ids), bool)
    codes, distinct = pd.factorize(values)
    return (np.bincount(codes, minlength=len(distinct)) > 1)[codes]


def _template_for(path: Path) -> Path:
    """The template a message about ``path`` points to: the copy ``buurtdata nieuw`` put beside it in the project
    folder when there is one (the user may have filled in, renamed or moved the other), else the package's."""
    copy = path.parent / TEMPLATE.name
    return copy if copy.is_file() else TEMPLATE


def _header_of(name: str) -> str:
    return next(f.headers[0] for f in SEGMENT_FIELDS if f.name == name)


#: Per kind of file and field, the column an empty respondent or code is in (as the file names it) and the fix.
#: A tool's respondent is its document (QualCoder: its case, else its file).
_EMPTY = {
    **{("template", name): (_header_of(name), "every segment needs one.") for name in ("respondent", "code_id")},
    ("taguette", "respondent"): ("document", "every highlight needs its document; export it again from Taguette."),
    ("taguette", "code_id"): (
        "tag",
        "every highlight needs a tag; give it one in Taguette and export again, or delete the row.",
    ),
    ("qualcoder", "respondent"): ("case", "every segment needs a case or file; export it again from QualCoder."),
    ("qualcoder", "code_id"): (
        "codename",
        "every segment needs a code; export it again from QualCoder, or delete the row.",
    ),
    ("maxqda", "respondent"): (
        "documentnaam",
        "every coded segment needs its document; export the coded segments again from MAXQDA.",
    ),
    ("maxqda", "code_id"): (
        "code",
        "every coded segment needs a code; export it again from MAXQDA, or delete the row.",
    ),
    ("qdpx", "respondent"): ("respondent", "every coding needs a case or source; code it again in your QDA tool."),
    ("qdpx", "code_id"): ("code", "every coding needs a code; code it again in your QDA tool."),
}


def _said_once(column: pd.Series, bad: object) -> dict[str, str]:
    """How a message says each bad value of ``column`` (:func:`said_values`, one batch): a shifted column of quotes
    was scrubbed once per row, seconds per thousand rows (review aa, S1, for the codebook's codes)."""
    values = list(dict.fromkeys(column[np.asarray(bad, dtype=bool)]))
    return dict(zip(values, said_values(values), strict=True))


def _not_a_date(text: str, said: dict[str, str]) -> str:
    """Say why ``text`` is not a date, naming the date an Excel date number stands for
    (:func:`~buurtdata._spreadsheet.excel_date_number`; ``said``: how each bad value is said, :func:`_said_once`)."""
    return excel_date_number(text) or f"{said[text]} is not a date; write 2025-03-14 or 14-03-2025."


def _parse_date(text: str) -> date | None:
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None
