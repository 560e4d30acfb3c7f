"""The columns of an afspraken file buurtdata does not read: warned of when read, left behind in a dossier (sweep 13
#1, #21: a ``status`` column vanished without a word, and ``contact`` and ``notitie`` columns were handed over)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from buurtdata import _errors
from buurtdata.sources.agreements_gemeente import HEADERS as GEMEENTE_HEADERS

#: Template column -> column of the staged table.
COLUMNS = {"buurt": "code", "thema": "theme", "afspraak": "agreement", "wie": "owner", "terugkijken": "review_date"}


class AgreementColumnNotReadWarning(UserWarning):
    """An agreements file has a filled column buurtdata does not read (a ``status`` kept beside the agreements)."""


def warn_unread(path: Path, frame: pd.DataFrame) -> None:
    """Warn of the filled columns :func:`~buurtdata.sources.agreements.read_agreements` does not read (sweep 13 #1:
    a ``status`` column, Loopt or afgerond, was dropped without a word, so nothing showed an agreement was done)."""
    said = [f"'{name}'" if name else f"column {at + 1} (without a name)" for at, name in unread(frame)]
    if said:
        _errors.warn(
            f"{path}: {', '.join(said)} not read: buurtdata reads the columns {', '.join(COLUMNS)} (and gemeente); "
            "to have a note shown, such as whether an agreement is done, write it in afspraak "
            "(Koffieochtend uitbreiden - afgerond)",
            AgreementColumnNotReadWarning,
            stacklevel=3,
        )


def unread(frame: pd.DataFrame) -> list[tuple[int, str]]:
    """The place and name of each filled column of an agreements frame that is not read (no template column, nor
    the gemeente's)."""
    return [
        (at, str(name))
        for at, name in enumerate(frame.columns)
        if name not in COLUMNS and name not in GEMEENTE_HEADERS and (frame.iloc[:, at] != "").any()
    ]
