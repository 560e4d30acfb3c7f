"""CSV files a spreadsheet may open: no cell of the data is ever read as a formula, and a file buurtdata wrote so
reads back as it was (:func:`unescaped`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

#: A cell starting with one of these is a formula (or a DDE call) to Excel, LibreOffice and Google Sheets.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with every text cell that a spreadsheet would run as a formula prefixed by ``'``.

    The quote is the OWASP advice for CSV injection: a spreadsheet shows the text, not a result.
    Numbers stay numbers (a negative number is not text).

    >>> spreadsheet_safe(pd.DataFrame({"a": ["=1+1", "buurt", "@naam"], "n": [-1, 2, 3]})).to_dict("list")
    {'a': ["'=1+1", 'buurt', "'@naam"], 'n': [-1, 2, 3]}
    """
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or isinstance(out[column].dtype, pd.StringDtype):
            text = out[column]
            risky = text.str.startswith(FORMULA_START, na=False)
            out.loc[risky, column] = "'" + text[risky]
    return out


def formula_safe(cell: str) -> str:
    """Return text ``cell`` with ``'`` before it when a spreadsheet would run it as a formula, else as it is.

    >>> formula_safe("=1+1"), formula_safe("- Ja, dat klopt."), formula_safe("buurt")
    ("'=1+1", "'- Ja, dat klopt.", 'buurt')
    """
    return f"'{cell}" if cell.startswith(FORMULA_START) else cell


def unescaped(cell: str) -> str:
    """Return a text cell read from a file without the ``'`` :func:`formula_safe` puts before a formula-leading
    cell, else as it is: an overdrachtsdossier's fragmenten, codeboeken and afspraken, opened and saved in a
    spreadsheet or not, read back as they were packed. A ``'`` before anything else stays (``'t Lansink``).

    Any file's cell, as a dossier opened and saved in a spreadsheet is any file then: a quotation in single quotes
    that opens with one of those (``'-en toen ging ik weg.'``) loses its first quote mark (review 12; rare, and a
    quote ``- Ja, zei ze 'kom'`` a dossier wrote reads back whole).

    >>> unescaped("'=1+1"), unescaped("'- Ja, dat klopt."), unescaped("'t Lansink"), unescaped("''=x")
    ('=1+1', '- Ja, dat klopt.', "'t Lansink", "''=x")
    """
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell


def excel_date_number(text: str) -> str | None:
    """Say that ``text`` is an Excel date number and the date it stands for (days since 1899-12-30), with the fix;
    None for any other text. A date column not formatted as a date shows 45778 for 2025-05-01. It is not read as
    that date: a workbook of the 1904 date system counts from 1904-01-01, and a number in a date column may be a
    typo. The segments' and the agreements' readers say it alike.

    >>> excel_date_number("45717")[:60], excel_date_number("2025")
    ("'45717' is an Excel date number, which stands for 2025-03-01", None)
    """
    if not (text.isascii() and text.isdigit() and 20_000 <= int(text) <= 80_000):
        return None
    shown = (dt.date(1899, 12, 30) + dt.timedelta(days=int(text))).isoformat()
    return (
        f"{text!r} is an Excel date number, which stands for {shown}; format the column in Excel as a date "
        f"(Format Cells > Date), or write {shown}."
    )


def whole_numbers(frame: pd.DataFrame, counts: list[str]) -> pd.DataFrame:
    """Return ``frame`` with its ``counts`` columns as integers where they hold whole numbers only: a count reads
    83058, not 83058.0 (a missing figure stays empty). Only counts: a share that happens to be whole in one
    build stays a decimal number, so a column keeps its type from build to build.

    >>> frame = pd.DataFrame({"inwoners": [83058.0, None], "aandeel": [20.0, 30.0]})
    >>> print(whole_numbers(frame, ["inwoners"]).to_csv(index=False))
    inwoners,aandeel
    83058,20.0
    ,30.0
    <BLANKLINE>
    """
    out = frame.copy()
    for column in counts:
        values = pd.to_numeric(out[column])
        known = values.dropna()
        if pd.api.types.is_float_dtype(values.dtype) and (known == known.round()).all() and known.abs().max() < 2**53:
            out[column] = values.astype("Int64")
    return out


#: What Excel with Dutch settings needs to open a double-clicked CSV as a table (sweep 13 #6): cells separated by
#: ``;`` (a comma-separated file shows one column), a byte order mark before the UTF-8 (without it Excel reads
#: cp1252: "SÃºdwest-FryslÃ¢n") and a decimal comma (``20.5`` becomes a date or 205). As the templates of
#: ``buurtdata nieuw`` are written; pandas reads it back with ``pd.read_csv(path, sep=";", decimal=",")`` (the
#: BOM is taken off as ``encoding="utf-8-sig"`` does, pandas' default for UTF-8).
SEPARATOR = ";"
DECIMAL = ","


def excel_csv(frame: pd.DataFrame) -> bytes:
    r"""``frame`` as a CSV for Excel with Dutch settings (:data:`SEPARATOR`, UTF-8 with a BOM, :data:`DECIMAL`),
    without index, with formula-leading cells neutralised (:func:`spreadsheet_safe`).

    Lines end in CRLF (RFC 4180), so a cell holding a bare carriage return is quoted and stays one cell.

    >>> excel_csv(pd.DataFrame({"gemeente": ["Súdwest-Fryslân"], "aandeel": [20.5], "uitleg": ["=x; y"]}))
    b'\xef\xbb\xbfgemeente;aandeel;uitleg\r\nS\xc3\xbadwest-Frysl\xc3\xa2n;20,5;"\'=x; y"\r\n'
    """
    text = spreadsheet_safe(frame).to_csv(index=False, sep=SEPARATOR, decimal=DECIMAL, lineterminator="\r\n")
    return text.encode("utf-8-sig")


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """Write ``frame`` to ``path`` as :func:`excel_csv` has it: a file a person opens in a spreadsheet."""
    path.write_bytes(excel_csv(frame))
    return path
