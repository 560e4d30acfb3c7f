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
    "theme": ("theme", "thema", "hoofdthema"),
    "description": ("description", "omschrijving", "beschrijving", "uitleg", "toelichting"),
    "parent": ("parent", "ouder", "bovenliggende code", "bovenliggend"),
}
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


class UnreadColumnWarning(UserWarning):
    """A codebook column is not read: its header is none of the names the codebook's columns have."""


class TotalRowWarning(UserWarning):
    """A codebook row whose code is ``Totaal``: the table's total, not a code; left out."""


def refuse_two_names(path: Path, header: list[str]) -> None:
    """Refuse a header naming one codebook column twice (``theme`` and ``thema``): which one is meant is a guess."""
    twice = [[h for h in names if h in header] for names in CODEBOOK_HEADERS.values()]
    twice = [found for found in twice if len(found) > 1]
    if twice:
        listed = "; ".join(" and ".join(repr(h) for h in found) for found in twice)
        msg = (
            f"{path}: the header names one column twice ({listed}: the same column in English and Dutch or in two "
            "spellings); keep one of each, rename or delete the other."
        )
        raise _errors.InputFileError(msg)


def warn_unread(path: Path, header: list[str], written: list[str], cells: pd.DataFrame) -> None:
    """Warn of the columns of the codebook's ``header`` (lower case; ``written`` as the file spells it) that are no
    codebook column and hold a value, each with the column it may be meant as; in one warning, so a segments file
    given as the codebook gets one line, not one per column."""
    known = {h for names in CODEBOOK_HEADERS.values() for h in names}
    unread = []
    for i, (h, shown) in enumerate(zip(header, written, strict=True)):
        if not h or h in known or h in _KNOWN_UNREAD or i >= len(cells.columns) or not cells[i].ne("").any():
            continue
        meant = next((field for parts, field in _MEANT if any(part in h for part in parts)), None)
        if meant is None:
            close = difflib.get_close_matches(h, known, n=1, cutoff=0.7)
            meant = next((names[0] for names in CODEBOOK_HEADERS.values() if close and close[0] in names), None)
        unread.append((shown, meant))
    if not unread:
        return
    if len(unread) == 1:
        ((shown, meant),) = unread
        said = f"column {shown!r} of {path} is not read" + (
            f"; did you mean {meant}? Rename it to read it" if meant else ""
        )
    else:
        listed = few([f"{shown!r}" + (f" (did you mean {meant}?)" if meant else "") for shown, meant in unread])
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
