"""How a segment's written location and its reason are listed without a person's name in them.

The list of segments placed nowhere is published (``unplaced_segments``, ``niet_geplaatste_fragmenten.csv``), with
the location as scrubbing leaves it and the reason the gazetteer gave, which quotes that location as written
(``no match: 'Kees (buurman)' is no buurt or wijk ...``) or a part of it (``... so 'Truus Hendriks' was looked up
alone``). :func:`~buurtdata.sources.interviews.scrub.scrub_free_text` uses both helpers here.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from buurtdata.gemeente_lookup import fold
from buurtdata.sources.interviews.distinct import each_distinct
from buurtdata.sources.interviews.person_words import named_in_id


def named_nowhere(segments: pd.DataFrame, scrubbed: pd.Series | None, places: frozenset[str]) -> pd.Series:
    """Which segments were placed nowhere (``resolved_by`` onbekend) by a location that, ``scrubbed``, is still a
    person's name as a respondent id is read (:func:`.person_words.named_in_id`: ``Truus Hendriks``,
    ``anneke.devries``, ``kees``; not ``bij [naam]``): the list of unplaced segments is published, and without a word
    around it scrubbing reads no name in a bare one (user test V). The analyst finds the row by its ``segment_id``.

    >>> written = pd.Series(["Truus Hendriks", "anneke.devries", "Berflo Ess", "bij [naam]", "Truus Hendriks"])
    >>> frame = pd.DataFrame({"location_raw": written, "resolved_by": ["onbekend"] * 4 + ["buurtnaam"]})
    >>> named_nowhere(frame, written, frozenset()).tolist()
    [True, True, False, False, False]
    """
    named = pd.Series(False, index=segments.index)
    if scrubbed is None or "resolved_by" not in segments.columns:
        return named
    nowhere = (segments["resolved_by"] == "onbekend") & scrubbed.notna()
    if nowhere.any():
        named[nowhere] = each_distinct(
            scrubbed[nowhere].astype(str),
            lambda text: fold(text) not in places and named_in_id(re.sub(r"[.@]", " ", text)),
        ).astype(bool)
    return named


def quoted_as_listed(
    reasons: pd.Series, written: pd.Series, listed: pd.Series, listed_alone: Callable[[list[str]], list[str]]
) -> pd.Series:
    """Return ``reasons`` with each quote of a location as ``written`` replaced by the location as ``listed``, and
    each quote of a part of it by that part as ``listed_alone`` lists it, where the two differ (review z, M1: the
    reason named the person scrubbing had taken out of the location).

    ``listed_alone`` takes the distinct parts and returns each as it would be listed were it the whole location. A
    reason that is missing stays missing (not the text ``nan``, so the mart's own reason still fills it); a row whose
    location scrubbing left as written keeps its reason.

    >>> reasons = pd.Series(["no match: 'Kees (buurman)' is no buurt", None,
    ...                      "'Hengelo' is no gemeente of the figures, so 'Truus Hendriks' was looked up alone"])
    >>> written = pd.Series(["Kees (buurman)", "Truus Hendriks", "Truus Hendriks, Hengelo"])
    >>> listed = pd.Series(["[naam] (buurman)", "[naam]", "[naam]"])
    >>> alone = {"Hengelo": "Hengelo", "Truus Hendriks": "[naam]"}
    >>> for reason in quoted_as_listed(reasons, written, listed, lambda parts: [alone[part] for part in parts]):
    ...     print(reason)
    no match: '[naam] (buurman)' is no buurt
    nan
    'Hengelo' is no gemeente of the figures, so '[naam]' was looked up alone
    """
    changed = reasons.notna() & written.notna() & written.ne(listed)
    if not changed.any():
        return reasons
    rows = dict.fromkeys(
        row
        for row in zip(reasons[changed], written[changed], listed[changed], strict=True)
        if isinstance(row[0], str) and isinstance(row[1], str)
    )
    quoted = {row: _quoted_parts(row[0], row[1]) for row in rows}
    parts = sorted({part for found in quoted.values() for part in found})
    alone = dict(zip(parts, listed_alone(parts), strict=True)) if parts else {}
    for (reason, location, shown), found in quoted.items():
        swaps = {part: alone[part] for part in found if alone[part] != part} | {location: shown}
        rows[reason, location, shown] = _requoted(reason, swaps)
    out = reasons.copy()
    out[changed] = [
        rows.get(row, row[0]) for row in zip(reasons[changed], written[changed], listed[changed], strict=True)
    ]
    return out


def _quoted_parts(reason: str, location: str) -> set[str]:
    """The texts between two quotes of ``reason`` that are a part of ``location`` (not all of it).

    >>> sorted(_quoted_parts("'Hengelo' is no gemeente, so 'Truus Hendriks' was looked up", "Truus Hendriks, Hengelo"))
    ['Hengelo', 'Truus Hendriks']
    """
    marks = [at for at, char in enumerate(reason) if char == "'"]
    found = set()
    for start, end in ((a, b) for i, a in enumerate(marks) for b in marks[i + 1 :]):
        part = reason[start + 1 : end]
        if part.strip() and part != location and part in location:
            found.add(part)
    return found


def _requoted(reason: str, swaps: dict[str, str]) -> str:
    """``reason`` with each ``'key'`` of ``swaps`` (the longest first) written ``'value'``.

    >>> _requoted("'Kees' or 'Kees de Vries'", {"Kees": "[naam]", "Kees de Vries": "[naam]"})
    "'[naam]' or '[naam]'"
    """
    keys = sorted(swaps, key=len, reverse=True)
    pattern = "'(" + "|".join(map(re.escape, keys)) + ")'"
    return re.sub(pattern, lambda match: f"'{swaps[match[1]]}'", reason)
