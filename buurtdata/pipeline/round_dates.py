"""Dates of an interview round that are likely typos: a segment dated after today (2052 for 2025), an agreement to
be looked back on before its round's first interview (user test B: both were read without a word). Warned of, never
changed: the file says the date."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterable

import numpy as np
import pandas as pd


class DateWarning(UserWarning):
    """A round's segment is dated after today, or an agreement is to be looked back on before its round's interviews
    (user test B: 2052 for 2025 was read without a word)."""


def warn_dates(where: str, segments: pd.DataFrame) -> None:
    """Warn of a round's segments dated after today, by their rows (a typo in the year: 2052 for 2025)."""
    if "date" not in segments:
        return
    dates = pd.to_datetime(segments["date"], errors="coerce")
    later = dates > pd.Timestamp(dt.date.today())
    if not later.any():
        return
    rows = _listed(segments.index[later.to_numpy()] if segments.index.name == "row" else segments["segment_id"][later])
    shown = ", ".join(sorted({d.date().isoformat() for d in dates[later]})[:3])
    warnings.warn(
        f"{where}: {int(later.sum())} segment(s) dated after today "
        f"({shown}) at {rows}; a typo in the year? Correct the date in the file.",
        DateWarning,
        stacklevel=2,
    )


def warn_review_dates(where: str, found: pd.DataFrame, segments: pd.DataFrame) -> None:
    """Warn of an agreement to be looked back on before the first interview of its round: written for another
    round, or a typo in the year."""
    dates = pd.to_datetime(segments["date"], errors="coerce").dropna() if "date" in segments else pd.Series()
    if dates.empty or found.empty:
        return
    first = dates.min().date()
    early = found[pd.to_datetime(found["review_date"], errors="coerce").dt.date < first]
    if early.empty:
        return
    listed = "; ".join(
        f"{code} {theme}: terugkijken {review}"
        for code, theme, review in early[["code", "theme", "review_date"]].values
    )
    warnings.warn(
        f"{where}: {len(early)} agreement(s) to "
        f"look back on before the round's first interview ({first}): {listed}; a typo in the year, or an agreement "
        "of another round?",
        DateWarning,
        stacklevel=2,
    )


def _listed(found: Iterable[object], shown: int = 5) -> str:
    """``row(s) 6, 7 and 3 more``, or the segment ids when the rows are not known."""
    found = list(found)
    what = "row(s)" if all(isinstance(f, (int, np.integer)) for f in found) else "segment(s)"
    more = f" and {len(found) - shown} more" if len(found) > shown else ""
    return f"{what} {', '.join(map(str, found[:shown]))}{more}"
