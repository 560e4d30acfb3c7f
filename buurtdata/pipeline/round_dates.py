"""Dates of an interview round that are likely typos: a segment dated after today (2052 for 2025), an agreement to
be looked back on before its round's first interview (user test B: both were read without a word). Warned of, never
changed: the file says the date."""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections.abc import Iterable

import numpy as np
import pandas as pd

from buurtdata._text import MONTHS


class DateWarning(UserWarning):
    """A round's segment is dated after today, or an agreement is to be looked back on before its round's interviews
    (user test B: 2052 for 2025 was read without a word)."""


def _dates(column: pd.Series) -> pd.Series:
    """``column`` read as dates (NaT where it is none), each distinct value parsed once: a million segments hold a
    few hundred days (issue 19: parsing them all took 0.12-0.14 s of CPU, 0.02 s now).

    >>> _dates(pd.Series(["2025-05-01", None, "2025-05-01", "gisteren"], index=[7, 8, 9, 10])).tolist()
    [Timestamp('2025-05-01 00:00:00'), NaT, Timestamp('2025-05-01 00:00:00'), NaT]
    >>> _dates(pd.Series([None, None], dtype=object)).isna().all()
    np.True_
    """
    codes, distinct = pd.factorize(column)
    parsed = pd.to_datetime(pd.Series(distinct, dtype=object), errors="coerce").to_numpy()
    if not len(parsed):
        return pd.Series(pd.NaT, index=column.index, dtype="datetime64[ns]")
    values = np.where(codes >= 0, parsed[np.maximum(codes, 0)], np.datetime64("NaT"))
    return pd.Series(values, index=column.index, dtype="datetime64[ns]")


def warn_dates(where: str, segments: pd.DataFrame) -> None:
    """Warn of a round's segments dated after today, by their rows (a typo in the year: 2052 for 2025)."""
    if "date" not in segments:
        return
    dates = _dates(segments["date"])
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
    dates = _dates(segments["date"]).dropna() if "date" in segments else pd.Series()
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


#: A season's months (first, last), as a round's period names it; winter spans the turn of the year.
_SEASONS = {"voorjaar": (3, 6), "lente": (3, 6), "zomer": (6, 9), "najaar": (9, 12), "herfst": (9, 12)}
_QUARTERS = {1: (1, 3), 2: (4, 6), 3: (7, 9), 4: (10, 12)}
#: Days a round's interviews may lie outside its period before it is said (an interview in late February for a
#: round called voorjaar).
_MARGIN = dt.timedelta(days=45)


def period_span(period: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day a round's ``period`` can mean, or None when it names no year.

    >>> [f"{first} {last}" for first, last in map(period_span, ["voorjaar 2025", "Q4 2024", "maart 2025"])]
    ['2025-03-01 2025-06-30', '2024-10-01 2024-12-31', '2025-03-01 2025-03-31']
    >>> period_span("winter 2025")  # the winter 2024-2025 or 2025-2026
    (datetime.date(2024, 12, 1), datetime.date(2026, 2, 28))
    >>> period_span("2024"), period_span("Buurtgesprekken")
    ((datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)), None)
    """
    text = period.casefold()
    years = re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", text)
    if len(set(years)) != 1:
        return None  # no year, or several (2024-2025): not checked
    year = int(years[0])
    words = set(re.findall(r"[a-z]+", text))
    quarter = re.search(r"\bq([1-4])\b|\b([1-4])e kwartaal\b", text)
    months = [i + 1 for i, month in enumerate(MONTHS) if month in words]
    if "winter" in words:
        return dt.date(year - 1, 12, 1), dt.date(year + 1, 3, 1) - dt.timedelta(days=1)
    if seasons := [span for name, span in _SEASONS.items() if name in words]:
        first, last = seasons[0]
    elif quarter:
        first, last = _QUARTERS[int(quarter.group(1) or quarter.group(2))]
    elif len(months) == 1:
        first = last = months[0]
    else:
        first, last = 1, 12
    end = dt.date(year + (last == 12), last % 12 + 1, 1) - dt.timedelta(days=1)
    return dt.date(year, first, 1), end


def warn_period(where: str, period: str, segments: pd.DataFrame) -> None:
    """Warn when most of a round's dated segments lie outside what its ``period`` says (sweep 13 #5: 'voorjaar
    2026' for interviews held in April 2025; handouts and plans then tell the rounds in the wrong time)."""
    span = period_span(period)
    if span is None or "date" not in segments:
        return
    # Each distinct date once: a million segments hold a few hundred days (issue 19: 0.5 s parsing them all).
    counts = segments["date"].value_counts()
    dates = pd.to_datetime(pd.Series(counts.index, dtype=object), errors="coerce")
    known = dates.notna().to_numpy()
    if not known.any():
        return
    days, times = pd.Series(dates[known].dt.date.to_numpy()), counts.to_numpy()[known]
    outside = ((days < span[0] - _MARGIN) | (days > span[1] + _MARGIN)).to_numpy()
    if times[outside].sum() * 2 <= times.sum():
        return
    warnings.warn(
        f"{where}: period {period!r}, but {int(times[outside].sum())} of its {int(times.sum())} dated segment(s) are "
        f"dated {days.min().isoformat()} to {days.max().isoformat()}; the handouts and plans name the round by its "
        "period: correct the period (or the dates).",
        DateWarning,
        stacklevel=2,
    )


def warn_order(periods: Iterable[tuple[str, str]]) -> None:
    """Warn when the rounds' periods (``(section, period)``, oldest round first, today's last) are not in order."""
    spans = [(section, period, period_span(period)) for section, period in periods]
    known = [(section, period, span) for section, period, span in spans if span is not None]
    for (before, said, first), (after, later, second) in zip(known, known[1:], strict=False):
        if second[1] < first[0]:
            warnings.warn(
                f"{after}: period {later!r} lies before {before}'s {said!r}; the rounds are read oldest first, today's "
                "[interviews] last: put the [[rounds]] in order, or correct the period.",
                DateWarning,
                stacklevel=2,
            )
