"""The header of the spreadsheet template: each column's names (English, Dutch, other spellings), and a header read
as the template writes it (``Segment ID`` is ``segment_id``) or refused when it names one column twice."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from buurtdata._errors import InputFileError, where
from buurtdata.sources.interviews.tables import Field

#: The headers (any case) each column of the template may have: the template's own first, then the Dutch ones its
#: comment lines explain the columns by, then other spellings. A file with two of one column's names is refused.
TEMPLATE_HEADERS = {
    "segment_id": ("segment_id", "fragment", "segment", "fragment_id", "fragmentnummer"),
    "document": ("document", "bestand"),
    "respondent": ("respondent", "deelnemer", "respondentnummer", "respondent_id"),
    "role": ("role", "rol"),
    "code_id": ("code", "code_id"),
    "text": ("quote", "citaat", "tekst", "fragmenttekst", "text"),
    "location_raw": ("location", "locatie", "buurt", "plek", "location_raw"),
    # The gemeente of the place, in a column of its own (user test W): "Centrum" beside "Deventer".
    "location_gemeente": ("gemeente", "gemeentenaam", "municipality", "location_gemeente"),
    "date": ("date", "datum"),
    "consent": ("consent", "toestemming"),
}
SEGMENT_FIELDS = [
    Field(name, headers, required=name not in ("segment_id", "document", "date", "location_gemeente"))
    for name, headers in TEMPLATE_HEADERS.items()
]


def refuse_two_names(path: Path, header: list[str], as_written: list[str] | None = None) -> None:
    """Refuse a header naming one column twice (``quote`` and ``citaat``): which one holds the segment is a guess.
    ``as_written``: the header as the file spells it (``Segment ID``), for the message."""
    as_written = as_written or header
    twice = []
    for names in TEMPLATE_HEADERS.values():
        # Each name once, as the file first spells it: a name written twice is a column named twice, not two names.
        found: dict[str, str] = {}
        for h, spelled in zip(header, as_written, strict=True):
            if h in names:
                found.setdefault(h, spelled)
        if len(found) > 1:
            twice.append(list(found.values()))
    if twice:
        listed = "; ".join(" and ".join(repr(h) for h in found) for found in twice)
        msg = (
            f"{path}: the header names one column twice ({listed}: the same column in English and Dutch or in two "
            "spellings); keep one of each, rename or delete the other."
        )
        raise InputFileError(msg)


def _squeezed(header: str) -> str:
    return re.sub(r"[\s_.-]+", "", header)


#: Each header of the template as written without spaces, dashes, dots or underscores -> the header.
_SQUEEZED = {_squeezed(h): h for headers in TEMPLATE_HEADERS.values() for h in headers}


#: Each header of the template -> the column it names.
_FIELD_OF = {h: name for name, headers in TEMPLATE_HEADERS.items() for h in headers}


def respelled(header: list[str]) -> list[str]:
    """Return the lower-case ``header`` with each cell that is a template header written with other separators
    (``Segment ID``, ``segment-id``, ``Respondent ID``) as the template writes it: an optional column such as
    ``segment_id`` would else be passed over without a word, its ids replaced by the file's row numbers.

    A column the header names as the template writes it keeps that cell: ``Code ID`` beside ``Code`` (a code's
    number from the codebook) is an extra column, read as none, not ``code_id`` named twice.

    >>> respelled(["segment id", "code", "code id"])
    ['segment_id', 'code', 'code id']
    """
    named = {_FIELD_OF[h] for h in header if h in _FIELD_OF}
    spelled = [_SQUEEZED.get(_squeezed(h)) if h not in _FIELD_OF else None for h in header]
    return [h if new is None or _FIELD_OF[new] in named else new for h, new in zip(header, spelled, strict=True)]


def header_again(path: Path, header: list[str], cells: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Return the data ``cells`` without the rows that repeat the (lower-case) ``header``, and a problem naming each:
    two exports pasted one below the other. Else such a row reads as a segment whose role is 'role'.
    """
    if cells.empty or not header or not header[0]:
        return cells, []
    first = cells[0]
    # One column first: only its few rows that hold the header's first name are compared whole.
    maybe = first[first.str.len().eq(len(header[0]))]
    maybe = maybe.index[maybe.str.lower().eq(header[0])]
    if not len(maybe):
        return cells, []
    width = min(len(header), len(cells.columns))
    again = [row for row in maybe if [c.lower() for c in cells.loc[row].iloc[:width]] == header[:width]]
    problems = [
        f"{where(path, row)}: repeats the header (two files pasted one below the other?); delete this row."
        for row in again
    ]
    return cells.drop(again), problems
