"""A cell far larger than any quote (sweep12 F13: one cell of 10,000,000 characters, a whole transcript pasted in),
warned of by its file, row, column and size, never its text: it is read as it is, and scrubbing it takes minutes.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from buurtdata import _errors
from buurtdata._errors import few, shown

#: The most characters a spreadsheet cell holds (Excel's limit): a quote longer than that was never typed in one.
MOST_CHARACTERS = 32_767


class LongCellWarning(UserWarning):
    """A cell of an interview table holds more characters than a spreadsheet cell can: a whole text pasted in?"""


def warn_long_cells(path: Path | str, data: pd.DataFrame, written: list[str], stacklevel: int = 4) -> None:
    """Warn of the cells of ``data`` (text cells, columns ``0, 1, ...``, indexed by row) longer than
    :data:`MOST_CHARACTERS`, per column: the rows and the largest size. ``written`` names the columns as the header
    writes them.

    >>> import warnings
    >>> data = pd.DataFrame({0: ["S1", "S2"], 1: ["kort", "x" * 40_000]}, index=[2, 3])
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     warn_long_cells("s.csv", data, ["segment_id", "quote"])
    >>> print(caught[0].message)  # doctest: +NORMALIZE_WHITESPACE
    s.csv, row 3, column 'quote': a cell of 40,000 characters, more than a spreadsheet cell holds (32,767): a whole
    text pasted into one cell? It is read as one segment (and scrubbing it takes long); split it into segments, one
    quote per row.
    """
    for column in data.columns:
        values = data[column]
        if values.dtype == object:
            lengths = np.fromiter((len(v) if isinstance(v, str) else 0 for v in values), np.int64, len(values))
        else:
            lengths = values.str.len().fillna(0).to_numpy(dtype=np.int64)
        long = np.flatnonzero(lengths > MOST_CHARACTERS)
        if not len(long):
            continue
        rows = [str(row) for row in data.index[long]]
        name = f", column {shown(written[column])}" if isinstance(column, int) and column < len(written) else ""
        one = len(long) == 1
        size = f"a cell of {lengths[long[0]]:,}" if one else f"{len(long)} cells of up to {lengths[long].max():,}"
        _errors.warn(
            f"{path}, {'row' if one else 'rows'} {few(rows)}{name}: {size} characters, more than a spreadsheet cell "
            f"holds ({MOST_CHARACTERS:,}): a whole text pasted into one cell? {'It is' if one else 'Each is'} read as "
            "one segment (and scrubbing it takes long); split it into segments, one quote per row.",
            LongCellWarning,
            stacklevel=stacklevel,
        )
