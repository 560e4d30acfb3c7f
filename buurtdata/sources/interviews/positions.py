"""Text positions of REFI-QDA selections: which unit a QDA tool counted in, and where a selection lies.

The standard says "characters" but not which: NVivo, ATLAS.ti and MAXQDA
count UTF-16 code units (a character outside the Basic Multilingual Plane,
such as most emoji, counts two), QualCoder counts code points as Python does.
Some tools also count a CRLF line end as one. Read with the wrong unit, every
emoji before a selection shifts it one further, so the unit is decided per
project: the reading under which most selections start and end on a word
boundary wins; on a tie the exporting tool decides.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from itertools import accumulate

#: Units a position can count, as the keys of ``[interviews] positions``.
UNITS = ("utf16", "codepoints", "utf16-crlf1", "codepoints-crlf1")
#: Exporting tools (lower case, as in ``[interviews] tool`` or the start of the project's
#: ``origin`` attribute) and the unit their positions count.
TOOL_UNITS = {
    "nvivo": "utf16",
    "atlas.ti": "utf16",
    "atlasti": "utf16",
    "maxqda": "utf16",
    "buurtdata": "utf16",
    "qualcoder": "codepoints",
}


@dataclass(frozen=True)
class Reading:
    """A text and the cumulative count, per Python index, of the units of one reading."""

    text: str
    unit: str
    offsets: tuple[int, ...]

    @classmethod
    def of(cls, text: str, unit: str) -> Reading:
        wide = unit.startswith("utf16")
        crlf_one = unit.endswith("crlf1")

        def width(i: int, char: str) -> int:
            if crlf_one and char == "\r" and text[i + 1 : i + 2] == "\n":
                return 0
            return 2 if wide and ord(char) > 0xFFFF else 1

        return cls(text, unit, (0, *accumulate(width(i, c) for i, c in enumerate(text))))

    def index(self, position: int) -> int | None:
        """Return the Python index of a position, or None when it lies inside a character or past the end."""
        i = bisect.bisect_left(self.offsets, position)
        if i >= len(self.offsets) or self.offsets[i] != position:
            return None
        # Zero-width units (the CR of a CRLF) share an offset with the next character; take the later index.
        while i + 1 < len(self.offsets) and self.offsets[i + 1] == position:
            i += 1
        return i

    @property
    def length(self) -> int:
        return self.offsets[-1]


def _boundary(text: str, i: int) -> bool:
    return i <= 0 or i >= len(text) or not (text[i - 1].isalnum() and text[i].isalnum())


def score(reading: Reading, spans: list[tuple[int, int]]) -> int:
    """Count the selection ends that fall on a word boundary; a position off the text costs one."""
    total = 0
    for start, end in spans:
        for position in (start, end):
            i = reading.index(position)
            total += -1 if i is None else int(_boundary(reading.text, i))
    return total


def tool_unit(tool: str | None) -> str | None:
    """Return the unit an exporting tool counts in, from a name such as ``'NVivo 14'``; None if unknown."""
    name = (tool or "").strip().casefold()
    return next((unit for key, unit in TOOL_UNITS.items() if name.startswith(key)), None)


def choose_unit(texts: list[tuple[str, list[tuple[int, int]]]], tool: str | None) -> tuple[str, str]:
    """Return the unit of a project's positions and why: ``(unit, note)``.

    ``texts`` holds each source text with its selections' ``(start, end)``.
    Readings that place the selections equally well are the same for these
    texts, and then the tool's unit (else UTF-16, as most tools) is taken.
    """
    preferred = tool_unit(tool) or "utf16"
    order = [preferred, *(u for u in UNITS if u != preferred)]
    scores = {unit: sum(score(Reading.of(text, unit), spans) for text, spans in texts) for unit in order}
    best = max(order, key=lambda unit: scores[unit])
    if scores[best] == scores[preferred]:
        return preferred, f"positions read as {preferred}" + (f" ({tool})" if tool else "")
    return best, (
        f"positions read as {best}: {scores[best]} selection ends fall on a word boundary that way, "
        f"{scores[preferred]} as {preferred}" + (f" ({tool})" if tool else "")
    )
