"""The sheet of an agreements workbook that is read: the first one Excel shows.

A hidden sheet is not what a wijkwerker sees on opening the file (an old round's agreements kept out of sight), so it
is not read, as the segments reader reads none (:mod:`buurtdata.sources.interviews.tables`); the first sheet was read
even when hidden, its agreements printed and handed over though the file showed others. When the first sheet Excel
shows holds no agreements but a hidden sheet before it does, the file is refused naming the sheets: the agreements
meant are likely on the hidden one.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd

from buurtdata._errors import InputFileError

#: The filled rows of a sheet looked at for a header (comment rows and a title above it).
_LOOKED_ROWS = 100


def agreed(header: list[str]) -> bool:
    """Whether a header (its cells in lower case) is one of agreements: it names buurt and afspraak."""
    return {"buurt", "afspraak"} <= {cell.strip() for cell in header}


def sheet_read(path: Path) -> int:
    """The index of the sheet of the workbook at ``path`` that is read: the first visible one (the first, when a
    file hides them all); refused naming the sheets when it holds no agreements and a hidden sheet before it does."""
    import openpyxl  # as the segments reader: costs more at import than most of a build's CSV reading
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, AttributeError, OSError):
        return 0  # not a workbook openpyxl opens: reading it says why, as before
    try:
        sheets = [(sheet.title, sheet.sheet_state) for sheet in book.worksheets]
    finally:
        book.close()
    shown = next((i for i, (_, state) in enumerate(sheets) if state == "visible"), 0)
    hidden = [i for i in range(shown) if _agreements_on(path, i)]
    if not hidden or _agreements_on(path, shown):
        return shown
    named = ", ".join(f"{sheets[i][0]!r} (tab {i + 1})" for i in hidden)
    these = "sheet" if len(hidden) == 1 else "sheets"
    msg = (
        f"{path}: the agreements are read from the first sheet Excel shows, {sheets[shown][0]!r} (tab {shown + 1}), "
        f"which holds none (no header with buurt and afspraak); the hidden {these} {named} before it "
        f"{'holds' if len(hidden) == 1 else 'hold'} agreements, and a hidden sheet is not read. Unhide the sheet "
        "meant (right-click a sheet tab, Unhide) and put it first, or copy its rows to the first sheet."
    )
    raise InputFileError(msg)


def _agreements_on(path: Path, index: int) -> bool:
    """Whether the top rows of sheet ``index`` hold a header of agreements."""
    top = pd.read_excel(path, sheet_name=index, dtype=str, header=None, nrows=_LOOKED_ROWS).fillna("")
    return any(agreed([str(cell).lower() for cell in row]) for row in top.itertuples(index=False))
