"""Read the CSVs buurtdata writes for a person to open (gemeenten.csv, niet_geplaatste_fragmenten.csv, a dossier's
fragmenten/ ...) as they are written: for Excel with Dutch settings, ``;``, UTF-8 with a BOM, a decimal comma
(:func:`buurtdata._spreadsheet.excel_csv`)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pandas as pd

from buurtdata._spreadsheet import DECIMAL, SEPARATOR

BOM = "\ufeff"


def text(written: Path | bytes) -> str:
    """The file's text without its byte order mark, which it must have (Excel reads UTF-8 by it)."""
    data = written.read_bytes() if isinstance(written, Path) else written
    assert data.startswith(BOM.encode()), f"no UTF-8 BOM at the start: {data[:20]!r}"
    return data.decode("utf-8").removeprefix(BOM)


def read(written: Path | bytes, **options: Any) -> pd.DataFrame:
    """The file as pandas reads it as the README says (``sep=";"``, ``decimal=","``); ``options`` as read_csv's."""
    return pd.read_csv(io.StringIO(text(written)), sep=SEPARATOR, decimal=DECIMAL, **options)


def rows(written: Path | bytes | str) -> list[dict[str, str]]:
    """The file's rows as :class:`csv.DictReader` reads them (a ``str``: the text of one, without the BOM)."""
    return list(csv.DictReader(io.StringIO(written if isinstance(written, str) else text(written)), delimiter=";"))
