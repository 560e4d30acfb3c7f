"""The header of a codebook table: each column's names (English, as Taguette writes them, and Dutch, as the segments
template takes them), a warning of each column that is not read, and the rows that are no code (a ``Totaal``).

A codebook column the reader does not know used to be ignored without a word, so a Dutch ``Thema`` column (or a
tool's ``Code Groups``) left every code its own theme: wrong counts everywhere (sweep 12 interviews F19).
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pandas as pd

from buurtdata import _errors
from buurtdata._errors import few
from buurtdata.sources.interviews.tables import Field

#: The headers (any case) each codebook column may have: the English one first (which messages name), then the
#: Dutch ones, as :data:`.template_headers.TEMPLATE_HEADERS` gives the segments' columns.
CODEBOOK_HEADERS = {
    "code_id": ("code", "code_id", "tag", "codenaam"),
    "name": ("name", "naam"),
    "theme": ("theme", "hoofdthema", "thema"),
    "description": ("description", "omschrijving", "beschrijving", "uitleg", "toelichting"),
    "parent": ("parent", "ouder", "bovenliggende code", "bovenliggend"),
}
#: The English name and Dutch name of one column: both in one header is the same column twice, which is refused.
_TRANSLATED = (("theme", "thema"), ("name", "naam"), ("description", "omschrijving"), ("parent", "ouder"))
CODEBOOK_FIELDS = [Field(name, headers, required=name == "code_id") for name, headers in CODEBOOK_HEADERS.items()]

#: Columns a tool writes that hold nothing of the codebook: not warned of.
_KNOWN_UNREAD = frozenset({"number of highlights"})
#: Parts of a header that say which column it is meant as, though none of its names (a tool's own name).
_MEANT = (
    (("group", "groep", "categor", "category", "hoofdcode", "cluster"), "theme"),
    (("hierarch", "hiërarch", "path", "pad"), "code (a path Thema/Subcode, its first part the theme)"),
    (("comment", "memo", "definit", "notitie", "opmerking", "note"), "description"),
)
#: A code cell that is no code but the table's total (a count column summed below the codes).
_TOTALS = frozenset({"totaal", "total", "totalen", "totals", "som", "sum", "grand total", "eindtotaal"})


#: Marks a header cell :func:`one_name_each` left out for another name of its column (``\0hoofdthema\0theme``).
_INSTEAD = "\0"


class UnreadColumnWarning(UserWarning):
    """A codebook column is not read: its header is none of the names the codebook's columns have."""


class TotalRowWarning(UserWarning):
    """A codebook row whose code is ``Totaal``: the table's total, not a code; left out."""


def one_name_each(path: Path, header: list[str]) -> list[str]:
    """Return ``header`` with one column read per codebook column: of several names of one (``Hoofdthema`` and
    ``Thema``: two levels; ``Omschrijving`` and ``Toelichting``) the first in :data:`CODEBOOK_HEADERS` is read, the
    others are left out and said by :func:`warn_unread`; ``Codenaam`` beside ``Code`` is the name (review 12: these
    ordinary Dutch codebooks were refused). The same column in English and Dutch (``theme`` and ``thema``) is
    refused: which one is meant is a guess."""
    twice = [(english, dutch) for english, dutch in _TRANSLATED if english in header and dutch in header]
    if twice:
        listed = "; ".join(f"{english!r} and {dutch!r}" for english, dutch in twice)
        msg = (
            f"{path}: the header has one codebook column in English and in Dutch ({listed}); both would be read as "
            "the same column. Keep one of each, or rename the other."
        )
        raise _errors.InputFileError(msg)
    out = list(header)
    if "codenaam" in out and {"code", "code_id"} & set(out) and not {"name", "naam"} & set(out):
        out[out.index("codenaam")] = "name"
    for field, names in CODEBOOK_HEADERS.items():
        present = [h for h in names if h in out]
        for other in present[1:]:
            out[out.index(other)] = f"{_INSTEAD}{present[0]}{_INSTEAD}{field}"  # said by warn_unread
    return out


def warn_unread(path: Path, header: list[str], written: list[str], cells: pd.DataFrame) -> None:
    """Warn of the columns of the codebook's ``header`` (lower case; ``written`` as the file spells it) that are no
    codebook column and hold a value, each with the column it may be meant as; in one warning, so a segments file
    given as the codebook gets one line, not one per column."""
    known = {h for names in CODEBOOK_HEADERS.values() for h in names}
    unread = []
    for i, (h, shown) in enumerate(zip(header, written, strict=True)):
        if not h or h in known or h in _KNOWN_UNREAD or i >= len(cells.columns) or not cells[i].ne("").any():
            continue
        if h.startswith(_INSTEAD):
            _, read, field = h.split(_INSTEAD)
            unread.append((shown, f"column {read!r} is read as the {field}"))
            continue
        meant = next((field for parts, field in _MEANT if any(part in h for part in parts)), None)
        if meant is None:
            close = difflib.get_close_matches(h, known, n=1, cutoff=0.7)
            meant = next((names[0] for names in CODEBOOK_HEADERS.values() if close and close[0] in names), None)
        unread.append((shown, meant))
    if not unread:
        return

    def why(meant: str) -> str:
        return meant if meant.startswith("column ") else f"did you mean {meant}?"

    if len(unread) == 1:
        ((shown, meant),) = unread
        rename = "" if not meant or meant.startswith("column ") else " Rename it to read it"
        said = f"column {shown!r} of {path} is not read" + (f"; {why(meant)}{rename}" if meant else "")
    else:
        listed = few([f"{shown!r}" + (f" ({why(meant)})" if meant else "") for shown, meant in unread])
        said = f"columns {listed} of {path} are not read"
    _errors.warn(
        f"{said}. A codebook's columns are code, theme, name, description and parent (or in Dutch: code, thema, "
        "naam, omschrijving, ouder); any other is left out, so without a theme column every code is its own theme.",
        UnreadColumnWarning,
        stacklevel=4,
    )


def total_rows(path: Path, rows: list[tuple[int, list[str]]], column: int) -> list[tuple[int, list[str]]]:
    """Return ``rows`` without those whose code (cell ``column``) is ``Totaal`` (the table's total, not a code, which
    would be a theme of its own printed as 'geen stemmen' everywhere), warning of them by their rows."""
    total = [row for row, cells in rows if column < len(cells) and cells[column].strip(" :").casefold() in _TOTALS]
    if not total:
        return rows
    _errors.warn(
        f"{path}: {'row' if len(total) == 1 else 'rows'} {few([str(row) for row in total])} "
        f"{'is' if len(total) == 1 else 'are'} a total ('Totaal'), not a code, and left out; delete "
        f"{'it' if len(total) == 1 else 'them'} from the codebook.",
        TotalRowWarning,
        stacklevel=4,
    )
    return [(row, cells) for row, cells in rows if row not in set(total)]
