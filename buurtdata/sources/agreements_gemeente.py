"""The afspraken's optional ``gemeente`` column beside ``buurt``, read as the interviews' is
(:func:`~buurtdata.sources.interviews.gemeente_column.read_cell`).

User test W: every ``Centrum`` of an Overijssel region was refused with two codes although the row had its gemeente
beside it. Review AC 5 and 10: the cell was glued after the buurt as written (``Centrum (GM0150)``, ``Klein Driene
(nvt)``) and a row refused quoting that, a value nobody wrote; a gemeente's name anywhere inside the buurt's (``ede``
in ``staatsliedenbuurt``) switched the column off, so the buurt was read in another gemeente.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from buurtdata import codes
from buurtdata.gemeente_lookup import fold
from buurtdata.sources.interviews.gazetteer import Gazetteer
from buurtdata.sources.interviews.gemeente_column import COLUMN, QUOTED, Cell, quoted, read_cell, set_apart
from buurtdata.sources.interviews.places import gazetteer_for
from buurtdata.sources.interviews.privacy import said_value

#: The column's names, as the interview template takes them (``template_headers``).
HEADERS = ("gemeente", "gemeentenaam", "municipality")
#: A buurt written by its code, or already with something in brackets after it (``Centrum (Deventer)``).
_AS_IS = re.compile(r"(?i)(?:BU)?\d{8}|WK\d{6}|BU\d{4}\w{4}|WK\d{4}\w{2}|.*\([^()]*\)\s*")
_FIX = "write the gemeente as CBS names it or its code (GM...), or leave the cell empty"


@dataclass
class Column:
    """The column read: per row number, the cell as written and how it reads; what is wrong with a cell that reads
    as no gemeente of the project; how a misspelt one was read; the gazetteer the cells were read with (``None``
    when no cell was read), for the buurten to be read with too, not built again."""

    cells: dict[int, tuple[str, Cell]] = field(default_factory=dict)
    unread: dict[int, str] = field(default_factory=dict)
    notes: dict[int, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    gazetteer: Gazetteer | None = None

    def another_gemeente(self, where: str, number: int, code: str, said: Callable[[], str]) -> list[str]:
        """A row whose buurt (``code``; ``said()`` says it as written, worked out only for a refusal: scrubbing it
        costs milliseconds) lies in another gemeente than its cell says: refused, naming both."""
        cell, read = self.cells.get(number, ("", Cell(frozenset())))
        owner = codes.gemeente_of(code)
        if not read.gemeenten or owner in read.gemeenten:
            return []
        named = ", ".join(f"{self.names.get(g, g)} ({g})" for g in sorted(read.gemeenten))
        return [
            f"{where}: buurt {said()} lies in {self.names.get(owner, owner)} ({owner}); {COLUMN} says {quoted(cell)} "
            f"({named}): correct the buurt or the gemeente"
        ]


def with_gemeente(
    frame: pd.DataFrame,
    regions: pd.DataFrame,
    gemeente: str | Iterable[str],
    refused: Mapping[str, str],
    name: str,
) -> tuple[pd.DataFrame, Column]:
    """``frame`` with each buurt name read in the gemeente its row's cell names (``Centrum`` beside ``GM0150`` is read
    as ``Centrum (Deventer)``, CBS's name), and the column read. ``name``: the file's name, for a message.

    A code, a name already with its gemeente (whole words: ``Centrum Deventer``, ``Centrum (Deventer)``), a cell that
    names nothing (``nvt``, a province) or the one gemeente of a project stays as written; a cell that names no
    gemeente of the project is its own problem, naming the file, the row, the column, the value and the fix.
    """
    header = next((c for c in frame.columns if str(c).strip().casefold() in HEADERS), None)
    column = Column()
    if header is None or "buurt" not in frame.columns:
        return frame, column
    buurten = frame["buurt"].fillna("").astype(str).str.strip()
    cells = frame[header].fillna("").astype(str).str.strip()
    if not cells.ne("").any():
        return frame, column
    gazetteer = column.gazetteer = gazetteer_for(regions, gemeente, refused)
    column.names = {**gazetteer.names_of_gemeenten, **{g: n for g, n in gazetteer.gemeenten.items() if n != g}}
    glued = {}
    all_names = {n for n in column.names.values() if n}
    # Review AD 4: a national project glues as a project of many gemeenten does, as the interviews read it.
    many = gazetteer.national or len(gazetteer.gemeenten) >= 2
    # Each distinct cell read once, and each distinct buurt tested once against each gemeente's name, not per row.
    reads = {cell: read_cell(gazetteer, cell) for cell in set(cells) if cell}

    @functools.cache
    def written_with(buurt: str, gemeente: str) -> bool:
        # Written with a gemeente of the project, this one or another (then refused naming both): not glued again.
        return as_is(buurt) or (gemeente not in all_names and _written_with(buurt, gemeente))

    @functools.cache
    def as_is(buurt: str) -> bool:
        return not buurt or bool(_AS_IS.fullmatch(buurt)) or any(_written_with(buurt, n) for n in all_names)

    for number, buurt, cell in zip(frame.index, buurten, cells, strict=True):
        if not cell:
            continue
        read = reads[cell]
        if read.nothing:  # 'nvt', a province, '#N/A', 'idem', '2024' in a national project (review AD 4, 7)
            continue
        where = f"{name}, row {number}: {_said(cell, read)} in {COLUMN}" if not read.gemeenten else ""
        if read.not_these:
            column.unread[number] = f"{where} is {set_apart(gazetteer, read)}; {_FIX}"
            continue
        if not read.gemeenten:
            listing = ", ".join(f"{g} {gazetteer.gemeenten.get(g, '')}".strip() for g in gazetteer.gemeenten)
            where_from = (
                "no gemeente of the figures" if gazetteer.national else f"no gemeente of this project ({listing})"
            )
            column.unread[number] = f"{where} is {where_from}; {_FIX}"
            continue
        column.cells[number] = (cell, read)
        if read.note:
            column.notes[number] = f"{name}, row {number}: {read.note}"
        named = [gazetteer.gemeenten.get(g) or gazetteer.names_of_gemeenten.get(g) for g in sorted(read.gemeenten)]
        if len(read.gemeenten) != 1 or not named[0] or named[0].startswith("GM") or not many:
            continue
        if written_with(buurt, named[0]):
            continue
        glued[number] = f"{buurt} ({named[0]})"
    if glued:
        frame = frame.copy()
        frame.loc[list(glued), "buurt"] = list(glued.values())
    return frame, column


def _said(cell: str, read: Cell) -> str:
    """The cell as a message quotes it: read as a gemeente, it is no person's; else, as a shifted column may put a
    name or an e-mail address here, said only when it is none; never more than :data:`QUOTED` characters."""
    said = said_value(cell[:QUOTED])
    if said.startswith("the value") and not (read.gemeenten or read.not_these):
        return said
    return f"the value {quoted(cell)}"


def _written_with(buurt: str, gemeente: str) -> bool:
    """Whether ``buurt`` starts or ends with the gemeente's name as whole words (``Centrum Deventer``), not inside a
    word (``ede`` in ``Staatsliedenbuurt``)."""
    words, named = fold(buurt).split(), fold(re.sub(r"\s*\([^()]*\)\s*$", "", gemeente)).split()
    return len(words) > len(named) and named in (words[: len(named)], words[-len(named) :])
