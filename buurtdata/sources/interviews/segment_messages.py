"""The messages :mod:`.segments` gives per respondent: segments without consent, and a ``.qdpx`` case's bad
variables (moved out of ``segments.py``, which had grown past 500 lines: review W L6). A respondent is named only by
an id that is a code (:func:`.segment_ids.id_safe_to_show`): a case may be named after the person."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from buurtdata import _errors
from buurtdata._errors import few
from buurtdata.sources.interviews.segment_ids import id_safe_to_show


class NoConsentWarning(UserWarning):
    """Segments with text have no consent: read as nee, so never quoted (they are counted)."""


def warn_no_consent(path: Path, kind: str, consent_field: str, text: dict[str, pd.Series]) -> None:
    """Warn of the segments with a quote whose consent is empty, read as nee: by their rows in a table, by their
    respondents in a tool's export, only those whose name is an id (a case may be named after the person)."""
    unsaid = ((text["consent"] == "") & (text["text"] != "")).to_numpy()
    if not unsaid.any():
        return
    rows = text["consent"].index[unsaid]
    if kind != "template":
        people = list(dict.fromkeys(text["respondent"][unsaid]))
        shown = [repr(p) for p in people if id_safe_to_show(p)]
        named = len(people) - len(shown)
        shown += [f"{named} named otherwise, not repeated here"] if named else []
        where_ = f"of {len(people)} respondent(s) ({few(shown)}) have no consent (toestemming), which the others have"
        fix = (
            "give their case or source the variable toestemming (ja or nee) in the QDA tool, or fill it in in the "
            "respondents table"
            if kind == "qdpx"
            else "fill in ja or nee in the respondents table"
        )
    else:
        where_ = f"have an empty {consent_field} (row(s) {few([str(r) for r in rows])})"
        fix = "fill in ja or nee"
    _errors.warn(
        f"{path}: {len(rows)} segment(s) {where_}: read as nee, so never quoted (they are counted); {fix}.",
        NoConsentWarning,
        stacklevel=4,
    )


def by_respondent(
    path: Path, text: dict[str, pd.Series], bad: np.ndarray, order: int, field: str, says
) -> list[tuple[int, int, str]]:
    """Name the bad ``field`` values of a ``.qdpx`` once per respondent and value (a case's or source's variable),
    with how many codings carry it; a respondent whose name is not an id (a person's name) is not repeated."""
    groups: dict[tuple[str, str], list[int]] = {}
    for i in np.flatnonzero(bad):
        groups.setdefault((text["respondent"].iat[i], text[field].iat[i]), []).append(int(i))
    out = []
    for (person, value), at in groups.items():
        unsaid = "a respondent whose name is no code (not repeated)"
        who = f"respondent {person!r}" if id_safe_to_show(person) else unsaid
        out.append(
            (
                at[0],
                order,
                f"{path}, {who} ({len(at)} coding(s)), its {field} variable: {says(value)} Set it on the case (or "
                "source) in the QDA tool and export again.",
            )
        )
    return out


def runs(at: np.ndarray) -> list[tuple[int, int]]:
    """The runs of consecutive positions in ``at`` (sorted), as (first, last).

    >>> runs(np.array([2, 3, 4, 9]))
    [(2, 4), (9, 9)]
    """
    if not len(at):
        return []
    breaks = np.flatnonzero(np.diff(at) != 1)
    starts, ends = np.r_[at[0], at[breaks + 1]], np.r_[at[breaks], at[-1]]
    return [(int(a), int(b)) for a, b in zip(starts, ends, strict=True)]
