"""The CBS table of addresses and their buurt (PC6 + house number), read to place a segment by its address."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd

from buurtdata import codes
from buurtdata._errors import InputFileError, ValidationError, where
from buurtdata.sources.interviews.tables import _must_exist

#: Columns of the frame :func:`read_pc6` returns.
PC6_COLUMNS = ["pc6", "huisnummer", "buurt_code", "wijk_code", "gemeente_code"]


def read_pc6(path: str | Path, *, gemeente: str | None = None) -> pd.DataFrame:
    """Return a CBS table of addresses and their buurt (``PC6;Huisnummer;Buurt...;Wijk...;Gemeente...``).

    CBS publishes, per year, every address as postcode, house number and the
    codes (without ``BU``/``WK``/``GM``, a leading zero sometimes dropped) of
    its buurt, wijk and gemeente; column names carry the year
    (``Buurt2023``). The file is ``;``-separated (``,`` works too), UTF-8;
    lines starting with ``#`` are skipped.

    Parameters
    ----------
    path
        The CSV file.
    gemeente
        Keep only the addresses of this gemeente (``GM0164`` or ``0164``).

    Returns
    -------
    pandas.DataFrame
        Columns ``pc6, huisnummer, buurt_code, wijk_code, gemeente_code``
        with prefixed, zero-padded codes (``BU01640203``).

    Raises
    ------
    InputFileError
        When the file is empty or lacks one of the columns.
    ValidationError
        Listing every row with a malformed postcode, house number or code.

    Examples
    --------
    >>> from buurtdata.datasets import get_path
    >>> table = read_pc6(get_path("hengelo/pc6hnr_fictief.csv"))
    >>> table.iloc[0][["pc6", "buurt_code", "wijk_code", "gemeente_code"]].tolist()
    ['7553SA', 'BU01640502', 'WK016405', 'GM0164']
    """
    path = Path(path)
    _must_exist(path)
    if path.stat().st_size == 0:
        msg = f"{path} is empty; give the CBS table PC6;Huisnummer;Buurt...;Wijk...;Gemeente... of your year."
        raise InputFileError(msg)
    raw = path.read_bytes()
    try:
        all_lines = raw.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        msg = (
            f"{where(path, line)}: byte {raw[error.start : error.start + 1]!r} is not UTF-8 (a file saved as "
            "Windows cp1252 or Excel 'CSV'?); save it as 'CSV UTF-8', or download CBS's table again."
        )
        raise InputFileError(msg) from None
    # Comment and blank lines are dropped, but each kept line remembers its number for the messages.
    numbers = [n for n, line in enumerate(all_lines, start=1) if line.strip() and not line.startswith("#")]
    lines = [all_lines[n - 1] for n in numbers]
    head = lines[0] if lines else ""
    separator = ";" if head.count(";") >= head.count(",") else ","
    table = pd.read_csv(io.StringIO("\n".join(lines)), sep=separator, dtype=str)
    table.columns = [str(c).strip().strip('"') for c in table.columns]
    wanted = {
        "pc6": "PC6", "huisnummer": "Huisnummer", "buurt_code": "Buurt",
        "wijk_code": "Wijk", "gemeente_code": "Gemeente",
    }  # fmt: skip
    found = {}
    for name, prefix in wanted.items():
        hits = [c for c in table.columns if re.fullmatch(rf"{prefix}(\d{{4}})?", c, re.IGNORECASE)]
        if hits:
            found[name] = hits[0]
    missing = [wanted[n] for n in wanted if n not in found]
    if missing:
        msg = (
            f"{path} has no column {', '.join(repr(m) for m in missing)} (a year may follow: Buurt2023); found "
            f"{', '.join(table.columns)}. Use CBS's table 'Huisnummer, postcode en buurt/wijk/gemeente'."
        )
        raise InputFileError(msg)
    table = table[[found[n] for n in wanted]].set_axis(list(wanted), axis=1)
    table = table.apply(lambda column: column.str.strip())
    widths = {"buurt_code": ("BU", 8), "wijk_code": ("WK", 6), "gemeente_code": ("GM", 4)}
    checks = [
        ("pc6", r"[1-9]\d{3} ?[A-Za-z]{2}", "is not a postcode such as 7555AB"),
        ("huisnummer", r"\d+", "is not a whole number"),
        *((column, rf"(?i:{prefix})?\d{{1,{width}}}", f"is not a {prefix} code of {width} digits")
          for column, (prefix, width) in widths.items()),
    ]  # fmt: skip
    problems = []
    for column, pattern, complaint in checks:
        # Vectorised: CBS's national table has some ten million rows.
        bad = table.index[~table[column].fillna("").str.fullmatch(pattern)]
        problems += [f"{where(path, numbers[i + 1], found[column])}: {table.at[i, column]!r} {complaint}." for i in bad]
    if problems:
        raise ValidationError(problems)
    table["pc6"] = table["pc6"].str.replace(" ", "").str.upper()
    for column, (prefix, width) in widths.items():
        table[column] = prefix + table[column].str.upper().str.removeprefix(prefix).str.zfill(width)
    table["huisnummer"] = table["huisnummer"].astype(int)
    if gemeente is not None:
        table = table[table["gemeente_code"] == codes.normalize(gemeente, level="gemeente")]
    return table.reset_index(drop=True)
