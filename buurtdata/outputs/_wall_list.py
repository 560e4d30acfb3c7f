"""The sheet of a wall map (:func:`buurtdata.outputs.maps.wall_maps`) and the list beside it: its buurten by number
with what people named there, wrapped to the sheet's columns by the width the text takes when drawn."""

from __future__ import annotations

import re

from buurtdata.outputs import _map_key

#: Width of the A3 landscape sheet of a wall map, in inches.
SHEET_WIDTH = 16.54
#: The sheet (width, height), in inches.
A3_LANDSCAPE = (SHEET_WIDTH, 11.69)

#: Lines of the wall map's text in one column at 10 pt, and per column in two at 7 pt (0.80 of the A3 height).
LINES_LARGE, LINES = 30, 76
#: Where the wall map's list starts, its width and the white between its two columns (fractions of the sheet).
LEFT, WIDTH, COLUMN_GAP = 0.60, 0.37, 0.015
#: The width (points) of a wall map's notice that its interviews are made up: from its left edge to the list, less
#: its box's padding and some white.
NOTICE_ROOM = (LEFT - 0.03) * SHEET_WIDTH * 72 - 20
#: Font sizes of a wall map's numbers, largest first, with few buurten and with many; how far (points, about
#: 4 mm on the wall) a crowded number may move off its buurt, on a thin line to it; and the white (points) kept
#: between two numbers, so that "4" beside "3" is never read from a step away as "43".
NUMBER_SIZES, NUMBER_SIZES_MANY, MAX_SHIFT, NUMBER_GAP = (9.0, 8.0, 7.0), (7.0, 6.0), 12.0, 4.0
#: What the list says of a buurt where nobody named a theme often enough; two or more such buurten are listed
#: once together.
_NOTHING = "niet genoeg mensen noemden hetzelfde thema"
#: What it says of a buurt where nobody was spoken with.
_NOBODY = "hier spraken we nog met niemand"
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
    key: list[tuple[int, str]],
    codes: list[str],
    per_buurt: dict[str, str],
    unnumbered: dict[int, int],
    unheard: frozenset[str] = frozenset(),
) -> list[str]:
    """The wall map's list of numbered buurten: a line for each where people named themes ("11 Klein Driene:
    Jongeren (4)"), and two or more others once together, by number and name in order, so the few that say
    something stand out. ``unnumbered``: buurten whose number did not fit on the map, with the number of the
    nearest numbered one. ``unheard``: the buurten where nobody was spoken with, listed apart from those where too
    few people named the same theme (sweep 13 #22: residents of a buurt nobody asked read that they had too little
    in common)."""

    def named(number: int, name: str) -> str:
        # Number and name are kept on one line; the note after them may wrap, so it is never cut off.
        said = f"{number} {name}".replace(" ", "\u00a0")
        beside = unnumbered.get(number)
        return said if beside is None else f"{said} (geen nummer op de kaart; ligt bij\u00a0{beside})"

    buurten = list(zip(key, codes, strict=True))
    quiet = [(number, name, code) for (number, name), code in buurten if code not in per_buurt]
    if len(quiet) < 2:
        return [
            f"{named(number, name)}: {per_buurt.get(code, _NOBODY if code in unheard else _NOTHING)}"
            for (number, name), code in buurten
        ]
    said = [f"{named(number, name)}: {per_buurt[code]}" for (number, name), code in buurten if code in per_buurt]
    lines = [*said]
    for heading, group in (
        ("In deze buurten noemden niet genoeg mensen hetzelfde thema:", [q for q in quiet if q[2] not in unheard]),
        ("In deze buurten spraken we nog met niemand:", [q for q in quiet if q[2] in unheard]),
    ):
        if group:
            # One paragraph under its heading, neither indented, each "·" on the line of the buurt before it.
            listed = "\u00a0· ".join(named(number, name) for number, name, _ in group)
            lines += [*([""] if lines else []), f"{_FLOWING}{heading}", _FLOWING + listed]
    return lines
