"""CSV bytes read by Arrow's (or pandas') C parser into text cells numbered as a spreadsheet numbers its rows.

:func:`buurtdata.sources.interviews.tables` reads a CSV here first; what these parsers cannot read as the
csv module would (a lone ``\r`` line break, rows wider than the header with quotes in odd places, an unclosed
quote) is left to the csv module (:func:`csv_rows`), which also names the line of a quote left open. Arrow reads a
million segments in a fraction of a second, also when quoted cells hold line breaks (as Excel and QDA tools
write a quote of several lines).
"""

from __future__ import annotations

import bisect
import csv
import functools
import io
import itertools
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv

from buurtdata._errors import InputFileError
from buurtdata._spreadsheet import unescaped
from buurtdata.sources.interviews.distinct import arrow_text


def csv_frame(data: bytes) -> tuple[pd.DataFrame, Callable[[int], int]] | None:
    """Return the rows of UTF-8 CSV ``data`` read by Arrow's or pandas' C parser, numbered as a spreadsheet shows
    them (:func:`arrow_cells`), and how many cells a row's first line holds; or None when neither reads it as the csv
    module would.

    Arrow reads rows of the header's width, also over several lines (:func:`arrow_cells`); pandas rows of
    other widths, one line each. Any other file (a quote left open, wide rows with a cell over two lines) is
    left to the csv module (``csv_rows``), which also names the line of an unclosed quote. The count
    is of the cells on one line: what the header has, and a row wider than the header (never a row over
    several lines, which Arrow reads only at the header's width).
    """
    data = blank_comments(data)
    header = _first_line(data)
    separator = separator_of(found.group().decode() for found in re.finditer(rb"[^\n]+", data))
    # As text only when Arrow cannot read it, or a row far down has too many cells.
    text = functools.cache(data.decode)
    lines = functools.cache(lambda: text().split("\n"))

    starts: np.ndarray | None = None  # the line each row starts on, when a row spans several

    def count(row: int) -> int:
        at = row if starts is None else int(starts[row - 1])
        # The header is near the top: no need to split a million lines for it.
        line = _head(data, at).decode().split("\n")[at - 1] if at <= 100 else lines()[at - 1]
        return len(next(csv.reader([line], delimiter=separator), []))

    cells = arrow_cells(data, separator, header.count(separator) + 1)
    if cells is not None:
        starts = cells.attrs.pop(STARTS, None)
        return cells, count
    cells = _parsed(text(), separator, header.count(separator) + 1)
    if cells is None:
        # A row with more cells than the header: no single-line row has more than separators plus one.
        cells = _parsed(text(), separator, max(line.count(separator) for line in lines()) + 1)
    if cells is None or len(cells) != data.count(b"\n") + (not data.endswith(b"\n")):
        return None
    cells.index = pd.RangeIndex(1, len(cells) + 1)
    for column in cells.columns:
        cells[column] = stripped(cells[column])
    return cells, count


#: How many of the first lines :func:`separator_of` looks at: a title above the header holds no separator.
_TOP_LINES = 10


def separator_of(lines: Iterable[str]) -> str:
    """Return the separator of a CSV file by the first of its top ``lines`` that holds one (the header, or a
    title above it): the most frequent there of ``,``, ``;`` and a tab."""
    top = itertools.islice((line for line in lines if line.strip()), _TOP_LINES)
    line = next((line for line in top if any(s in line for s in ",;\t")), "")
    # On a tie the first: a file without separators is one column of a comma-separated file.
    return max((",", ";", "\t"), key=line.count)


def _head(data: bytes, rows: int) -> bytes:
    """Return the first ``rows`` lines of ``data``, found without splitting (or copying) the rest of it."""
    end = -1
    for _ in range(rows):
        end = data.find(b"\n", end + 1)
        if end < 0:
            return data
    return data[:end]


def _first_line(data: bytes) -> str:
    """Return the first line of ``data`` that holds more than white space, or ``""``."""
    return next((line for found in re.finditer(rb"[^\n]+", data) if not (line := found.group().decode()).isspace()), "")


#: The key of :func:`arrow_cells`' frame's ``attrs`` holding the line each row starts on, when a row spans several.
STARTS = "starts"


def arrow_cells(data: bytes, separator: str, width: int) -> pd.DataFrame | None:
    """Return the rows of UTF-8 ``data`` as ``width`` stripped text columns numbered as a spreadsheet shows them: a
    row whose quoted cells hold line breaks is one row (sweep12 F12: the row Excel shows, not its first line), and a
    blank line between rows is a row of empty cells, as in the csv module; or None. When a row spans several lines,
    ``attrs[STARTS]`` holds the line each row starts on.

    Arrow's reader parses straight into Arrow strings, several times faster than pandas' C parser into
    Python strings. It is used only when every row has exactly ``width`` cells; a row whose quoted cells hold
    line breaks spans as many lines more (:func:`_spanning_rows`). Otherwise None, and :func:`_parsed` reads it.
    """
    if not data:
        return None
    blank = _blank_lines(data)
    invalid = []

    def refuse(row: pcsv.InvalidRow) -> str:
        invalid.append(row)
        return "skip"

    names = [str(i) for i in range(width)]
    try:
        table = pcsv.read_csv(
            pa.BufferReader(data),
            read_options=pcsv.ReadOptions(column_names=names),
            parse_options=pcsv.ParseOptions(
                delimiter=separator, newlines_in_values=True, ignore_empty_lines=True, invalid_row_handler=refuse
            ),
            convert_options=pcsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.large_string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid:
        return None
    if invalid:
        return None
    starts = None
    if table.num_rows + int(blank.sum()) == len(blank):
        slots = blank
    else:
        found = _spanning_rows(table, data, blank, separator, width)
        if found is None:
            return None
        slots, starts = found
    index = pd.RangeIndex(1, len(slots) + 1)
    cells = pd.DataFrame(
        {
            i: stripped(pd.Series(pd.array(_with_blank_lines(table.column(i), slots), dtype="str"), index=index))
            for i in range(width)
        },
        index=index,
    )
    if starts is not None:
        cells.attrs[STARTS] = starts.to_numpy()
    return cells


def _spanning_rows(
    table: pa.Table, data: bytes, blank: np.ndarray, separator: str, width: int
) -> tuple[np.ndarray, pd.Index] | None:
    """Number the rows of ``table`` by the line each starts on when quoted cells hold line breaks, as the csv
    module does: return per slot of the rows and the blank lines between them whether it is a blank line, and
    each slot's line; or None when the lines do not add up, or a quote left open swallowed a line that is a
    row of its own (the csv module then names it).

    A row spans one line more per line break in its cells; a blank line inside a quoted cell is the row's, one
    between rows is a slot of its own. The blank lines are few: each is placed by a search, not line by line.
    """
    spans = np.ones(table.num_rows, np.int64)
    for column in table.columns:
        spans += pc.count_substring(column, "\n").to_numpy()
    starts = np.concatenate(([1], 1 + np.cumsum(spans)[:-1]))
    # Per blank line between rows, the row it comes before; rows from there on start a line later.
    before: list[int] = []
    between: list[int] = []
    for line in np.flatnonzero(blank) + 1:
        # The last row that would start on or before the line: inside it after its first line (never blank)
        # and within the lines its cells span; on its first line it comes before it, else after it.
        row = int(np.searchsorted(starts, line - len(before), side="right")) - 1
        into = line - (starts[row] + bisect.bisect_right(before, row)) if row >= 0 else -1
        if 0 < into < spans[row]:
            continue
        before.append(row if into == 0 else row + 1)
        between.append(int(line))
    if int(spans.sum()) + len(before) != len(blank):
        return None
    starts = starts + np.searchsorted(before, np.arange(len(spans)), side="right")
    lines = data.split(b"\n") if (spans > 2).any() else []
    for start, span in zip(starts[spans > 2], spans[spans > 2], strict=True):
        for line in lines[start : start + span - 2]:
            if len(next(csv.reader([line.decode()], delimiter=separator), [])) == width:
                return None
    slots = np.zeros(len(spans) + len(before), bool)
    slots[np.asarray(before, np.int64) + np.arange(len(before))] = True
    index = np.empty(len(slots), np.int64)
    index[~slots], index[slots] = starts, between
    return slots, pd.Index(index)


def _blank_lines(data: bytes) -> np.ndarray:
    """Return per line of ``data`` whether it is blank (empty, or a lone ``\\r`` before its ``\\n``).

    Found by searching for the line breaks that follow a line break: blank lines are few, lines a million.
    """
    blank = np.zeros(data.count(b"\n") + (not data.endswith(b"\n")), bool)
    starts = [0] if data.startswith((b"\n", b"\r\n")) else []
    for pattern in (b"\n\n", b"\n\r\n") if b"\r" in data else (b"\n\n",):
        at = data.find(pattern)
        while at >= 0:
            starts.append(at + 1)
            at = data.find(pattern, at + 1)
    line, counted = 0, 0
    for start in sorted(starts):
        line += data.count(b"\n", counted, start)
        counted = start
        blank[line] = True
    return blank


def _with_blank_lines(column: pa.ChunkedArray, blank: np.ndarray) -> pa.ChunkedArray:
    """Return ``column`` with an empty cell for each ``blank`` line, so row n is line n as from pandas.

    Made of slices of the column between the runs of blank lines, then copied once into one piece: Arrow's
    take over a hundred pieces (a million rows) costs a third of a second even for one row, the copy a few
    milliseconds.
    """
    bounds = [0, *(np.flatnonzero(np.diff(blank.astype(np.int8))) + 1), len(blank)]
    pieces, done = [], 0
    for start, stop in itertools.pairwise(bounds):
        if blank[start]:
            pieces.append(pa.array([""] * (stop - start), pa.large_string()))
        else:
            pieces += column.slice(done, stop - start).chunks
            done += stop - start
    return pa.chunked_array([pa.chunked_array(pieces, pa.large_string()).combine_chunks()])


def _parsed(text: str, separator: str, width: int) -> pd.DataFrame | None:
    """Return every line of ``text`` as ``width`` text cells, or None when a line has more or pandas fails."""
    try:
        return pd.read_csv(
            io.StringIO(text), sep=separator, header=None, names=range(width), dtype=object,
            keep_default_na=False, skip_blank_lines=False, engine="c",
        )  # fmt: skip
    except (pd.errors.ParserError, csv.Error):
        return None


#: Characters without width that text pasted from a web page, Teams or Word brings along (zero-width space, joiners,
#: word joiner, a byte order mark inside the text): at a cell's edge they make ``ja`` or ``Ontmoeten`` unknown.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


def strip_cell(text: str) -> str:
    """Return ``text`` without white space and invisible characters (:data:`INVISIBLE`) at either end, nor the
    ``'`` a spreadsheet-safe CSV put before a formula-leading cell (:func:`buurtdata._spreadsheet.unescaped`).

    >>> strip_cell("\ufeff ja\u200b "), strip_cell("Berflo Es Noord\u00a0"), strip_cell("\u200b ja\u200b \u200b")
    ('ja', 'Berflo Es Noord', 'ja')
    >>> strip_cell(" '- Ja, dat klopt."), strip_cell("'t Lansink")
    ('- Ja, dat klopt.', "'t Lansink")
    """
    # Until nothing changes: white space and invisible characters may alternate (pasted twice, typed between).
    while (done := text.strip().strip(INVISIBLE)) != text:
        text = done
    # The ' a spreadsheet-safe CSV puts before a formula-leading cell (an overdrachtsdossier's): read as it was.
    return strip_cell(plain) if (plain := unescaped(done)) is not done else done


def stripped(values: pd.Series) -> pd.Series:
    """Return text ``values`` stripped as :func:`strip_cell` does, calling it only on the cells that may need it.

    Those are the cells whose first or last byte is ASCII white space or part of a non-ASCII character,
    found from the bytes of the Arrow column; ``strip_cell`` leaves the others as they are.
    """
    padded = _maybe_padded(arrow_text(values))
    if not padded.any():
        return values
    out = values.copy()
    out[padded] = [strip_cell(text) for text in values[padded]]
    return out


#: Per byte: may it start or end a cell that ``str.strip`` changes (ASCII white space, or not ASCII)?
_MAYBE_SPACE = np.array([byte >= 0x80 or chr(byte).isspace() for byte in range(256)])
#: Per byte: may it start a cell :func:`strip_cell` changes: those, and the ' of a formula-leading cell.
_MAYBE_OPENING = _MAYBE_SPACE | (np.arange(256) == ord("'"))


def _maybe_padded(chunk: pa.LargeStringArray) -> np.ndarray:
    _, offsets, data = chunk.buffers()
    offsets = np.frombuffer(offsets, np.int64)[chunk.offset : chunk.offset + len(chunk) + 1]
    starts, stops = offsets[:-1], offsets[1:]
    filled = stops > starts
    if not filled.any():
        return filled
    data = np.frombuffer(data, np.uint8)
    # An empty cell's position may be past the end: clipped, and masked by filled.
    first, last = np.take(data, starts, mode="clip"), np.take(data, stops - 1, mode="clip")
    return filled & (_MAYBE_OPENING[first] | _MAYBE_SPACE[last])


def blank_comments(data: bytes) -> bytes:
    """Return UTF-8 ``data`` with its comment lines (``#`` first) above the header emptied; line numbers stay.

    Only lines above the header are comments: below it a line starting with ``#`` is a row (a segment id
    ``#001``, a MAXQDA colour ``#ff0000``), never dropped. Only the top of the file is looked at.
    """
    start, blanked = 0, []
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        # White space as str.strip sees it: a no-break space is two bytes.
        line = data[start:end].decode().strip()
        if line and not line.startswith("#"):
            break
        if line:
            blanked.append((start, end))
        start = end + 1
    if not blanked:
        return data
    parts, done = [], 0
    for begin, end in blanked:
        parts.append(data[done:begin])
        done = end
    return b"".join([*parts, data[done:]])


def csv_rows(path: Path, text: str) -> list[tuple[int, list[str]]]:
    """Return the ``(row number, cells)`` of every row, read line by line: quoted cells may hold line breaks, and a
    row over several lines is one row, numbered as a spreadsheet shows it (sweep12 F12); a message about the text
    itself (a quote left open) names its lines."""
    # Comment lines (above the header only) are blanked rather than removed so that csv's line count stays the
    # file's; below the header a line starting with # is a row.
    lines, top = [], True
    for line in io.StringIO(text, newline=""):
        top = top and (not line.strip() or line.lstrip().startswith("#"))
        lines.append("\n" if top else line)
    separator = separator_of(lines)
    # The header's width is that of the first line with the separator: a title above the header has none.
    header = next((line for line in lines if separator in line), "")
    reader = csv.reader(lines, delimiter=separator)
    rows, start, width = [], 1, header.count(separator) + 1
    try:
        for number, cells in enumerate(reader, 1):
            _check_closed(path, start, reader.line_num, cells, lines, separator, width)
            rows.append((number, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        msg = f"{path}, line {start}: cannot be read as CSV ({exc}); check the double quotes on that line."
        raise InputFileError(msg) from None
    return rows


def _check_closed(
    path: Path, start: int, end: int, cells: list[str], lines: list[str], separator: str, width: int
) -> None:
    """Refuse a quote left open: the rows after it would be read as text of one cell.

    A quote may hold line breaks (Excel writes them so), but not a line with as many cells as the header:
    that is a row of its own.
    """
    if end == start:
        return
    swallowed = any(len(next(csv.reader([line], delimiter=separator), [])) == width for line in lines[start : end - 1])
    if not swallowed:
        return
    field = next((i for i, cell in enumerate(cells) if "\n" in cell), len(cells) - 1)
    msg = (
        f'{path}, line {start}: the quote (") in field {field + 1} is not closed, so lines {start}-{end} were read '
        f"as one row; close the quote on line {start} or remove it."
    )
    raise InputFileError(msg)
