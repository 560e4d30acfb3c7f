"""The privacy audit's reading of segment counts and of the changes between interview rounds (user test V).

A hidden group's count of segments says what its count of people would (one segment: one person), and a change
between rounds beside one round's count gives the other's: :func:`buurtdata.outputs.audit.audit_tables` reads them
here, in every table that has them (``buurt_themes``, ``wijk_themes``, ``buurt_theme_rounds``, and the changes of
``buurt_theme_changes`` and ``buurt_followup``).
"""

from __future__ import annotations

import pandas as pd


def hidden_segments(name: str, frame: pd.DataFrame) -> list[str]:
    """A row whose count of people is hidden that shows its count of segments.

    >>> hidden_segments("buurt_themes", pd.DataFrame({"respondents": [None, 4], "segments": [1, 5]}))
    ['buurt_themes: 1 row(s) hide the count of people but show the count of segments, which bounds it']
    """
    if "segments" not in frame.columns:
        return []
    shown = frame[frame["respondents"].isna() & frame["segments"].notna() & (frame["segments"] > 0)]
    if shown.empty:
        return []
    return [f"{name}: {len(shown)} row(s) hide the count of people but show the count of segments, which bounds it"]


def changes_shown(name: str, frame: pd.DataFrame, k: int) -> list[str]:
    """A change between rounds shown beside a count below ``k`` or a hidden one (the change and the shown count
    give the hidden count), or that is not the difference of the two counts.

    >>> frame = pd.DataFrame({"buurt": ["B1", "B2", "B3"], "theme": ["Zorg"] * 3,
    ...     "respondents_from": [3, None, 4], "respondents_to": [4, 5, 2], "change": [1, 2, -2]})
    >>> changes_shown("buurt_theme_changes", frame, 3)  # doctest: +NORMALIZE_WHITESPACE
    ['buurt_theme_changes: B2 Zorg shows a change between rounds beside a hidden count',
     'buurt_theme_changes: B3 Zorg shows a count of 2, below the threshold 3']
    """
    problems = []
    for row in frame.itertuples(index=False):
        counts = [c for c in (row.respondents_from, row.respondents_to) if pd.notna(c)]
        where = f"{name}: {row.buurt} {row.theme}"
        if any(0 < c < k for c in counts):
            problems.append(f"{where} shows a count of {int(min(counts))}, below the threshold {k}")
        elif pd.notna(row.change) and len(counts) < 2:
            problems.append(f"{where} shows a change between rounds beside a hidden count")
        elif pd.notna(row.change) and row.change != counts[1] - counts[0]:
            problems.append(f"{where} shows a change between rounds that is not the difference of its counts")
    return problems
