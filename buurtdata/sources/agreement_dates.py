"""The date an agreement is to be looked back on (``terugkijken`` of the afspraken template): read as YYYY-MM-DD or
day-month-year as Dutch Excel saves it (:func:`read_date`), and, for a refused one, the day it likely means
(:func:`date_meant`). Used by :mod:`buurtdata.sources.agreements`."""

from __future__ import annotations

import datetime as dt
import re

from buurtdata._text import MONTHS

#: A season or month a meeting says "we look back in" -> the month its first day is in (a suggestion, never read).
_MONTHS = {month: number for number, month in enumerate(MONTHS, 1)} | {
    "voorjaar": 3, "lente": 3, "zomer": 6, "najaar": 9, "herfst": 9, "winter": 12, "begin": 1, "eind": 12, "einde": 12,
}  # fmt: skip


def date_meant(text: str) -> str:
    """How to write the date a row's ``terugkijken`` likely means, as YYYY-MM-DD (user test B: ``1-6-2026`` and
    ``voorjaar 2026`` were told to write "e.g. 2024-06-01"). A Dutch day-month-year (``1-6-2026``, ``01/06/2026``)
    is that day; a season or month with its year (``voorjaar 2026``, ``juni 2026``, ``Q2 2026``) its first day, to
    be chosen: the file must say the day, a guess is never read.

    >>> date_meant("1-6-2026"), date_meant("voorjaar 2026"), date_meant("Q3 2026"), date_meant("na de zomer")
    ('2026-06-01', 'a day, e.g. 2026-03-01 for voorjaar 2026', 'a day, e.g. 2026-07-01 for Q3 2026', 'e.g. 2024-06-01')
    """
    cleaned = text.strip().lower()
    day = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", cleaned)
    if day:
        try:
            return dt.date(int(day[3]), int(day[2]), int(day[1])).isoformat()
        except ValueError:
            return "e.g. 2024-06-01"
    year = re.search(r"\b(20\d\d)\b", cleaned)
    quarter = re.search(r"\bq([1-4])\b", cleaned)
    month = quarter and 3 * int(quarter[1]) - 2
    month = month or next((m for word, m in _MONTHS.items() if re.search(rf"\b{word}\b", cleaned)), None)
    if year and month:
        return f"a day, e.g. {int(year[1])}-{month:02d}-01 for {text.strip()}"
    return "e.g. 2024-06-01"


def read_date(text: str) -> dt.date | None:
    """A date as YYYY-MM-DD, or day-month-year as Dutch write it and Dutch Excel saves it (``3-2-2025``,
    ``01/03/2025``, ``1.3.2025``), as the interviews' dates are read (sweep 13 #2: it was refused, naming the very
    date it meant); nothing else is read.

    >>> read_date("2025-02-03"), read_date("3-2-2025"), read_date("03/02/2025 00:00")
    (datetime.date(2025, 2, 3), datetime.date(2025, 2, 3), datetime.date(2025, 2, 3))
    >>> read_date("3-2-25"), read_date("31-2-2025")
    (None, None)
    """
    text = text.split(" ")[0]  # a spreadsheet's date cell comes back as "2024-06-01 00:00:00"
    day = re.fullmatch(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})", text)
    try:
        if day:
            return dt.date(int(day[4]), int(day[3]), int(day[1]))
        return dt.date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None
