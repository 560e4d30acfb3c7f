"""The list beside a wall map (:func:`buurtdata.outputs.maps.wall_maps`): its buurten by number with what people
named there, wrapped to the sheet's columns by the width the text takes when drawn."""

from __future__ import annotations

import re

from buurtdata.outputs import _map_key

#: Width of the A3 landscape sheet of a wall map, in inches.
SHEET_WIDTH = 16.54

#: Lines of the wall map's text in one column at 10 pt, and per column in two at 7 pt (0.80 of the A3 height).
LINES_LARGE, LINES = 30, 76
#: Where the wall map's list starts, its width and the white between its two columns (fractions of the sheet).
LEFT, WIDTH, COLUMN_GAP = 0.60, 0.37, 0.015
#: What the list says of a buurt where nobody named a theme often enough; more such buurten than
#: :data:`_SILENT_LINES` are listed once together.
_NOTHING, _SILENT_LINES = "geen thema door genoeg mensen genoemd", 3
#: Marks a line of the list that is a paragraph: wrapped without indenting its later lines.
_FLOWING = "\x00"
#: Where a sentence of a note ends and the next begins.
_SENTENCE_END = re.compile(r"(?<=\.) (?=[A-Z])")


def wrapped(lines: list[str]) -> tuple[list[str], int]:
    """``lines`` wrapped to the width of one column at 10 pt, or else of two at 7 pt; with that font size. A
    line's later parts are indented, but for a paragraph's (marked :data:`_FLOWING`); a note (no buurt's line)
    starts each sentence on a line of its own, so no line ends a few words into the next sentence."""
    parts = [
        part
        for line in lines
        for part in ([line] if line[:1].isdigit() or line.startswith(_FLOWING) else _SENTENCE_END.split(line))
    ]

    def at(room: float, size: int) -> list[str]:
        return [
            piece
            for part in parts
            for piece in _map_key.wrapped(
                part.removeprefix(_FLOWING), room, size, indent="" if part.startswith(_FLOWING) else "    "
            )
        ]

    one = at(WIDTH * SHEET_WIDTH * 72, 10)
    if len(one) <= LINES_LARGE:
        return one, 10
    return at((WIDTH - COLUMN_GAP) / 2 * SHEET_WIDTH * 72, 7), 7


def buurt_lines(
    key: list[tuple[int, str]], codes: list[str], per_buurt: dict[str, str], unnumbered: dict[int, int]
) -> list[str]:
    """The wall map's list of numbered buurten: a line for each where people named themes, and the others once,
    by number and name in order, so the few that say something stand out. ``unnumbered``: buurten whose number
    did not fit on the map, with the number of the one beside them."""

    def named(number: int, name: str) -> str:
        beside = unnumbered.get(number)
        return name if beside is None else f"{name} (te klein voor een nummer op de kaart; naast {beside})"

    lines = [
        (code in per_buurt, f"{number}. {named(number, name)}: {per_buurt.get(code, _NOTHING)}")
        for (number, name), code in zip(key, codes, strict=True)
    ]
    silent = [
        # A buurt's number and name are kept on one line.
        f"{number}\u00a0{named(number, name)}".replace(" ", "\u00a0")
        for (number, name), code in zip(key, codes, strict=True)
        if code not in per_buurt
    ]
    if len(silent) <= _SILENT_LINES:
        return [line for _, line in lines]
    said = [line for spoken, line in lines if spoken]
    # One paragraph, its lines not indented, each "·" on the line of the buurt before it.
    return [*said, *([""] if said else []), f"In deze buurten werd {_NOTHING}:", _FLOWING + "\u00a0· ".join(silent)]
