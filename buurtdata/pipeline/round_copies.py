"""Two interview rounds that hold the same interviews, a file copied for a new round (sweep 13 #19): warned of, as the
build would count them as two rounds and tell every theme unchanged between them. A file named by two rounds is
refused when the project file is read (:mod:`buurtdata.rounds`)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

#: What makes two rounds' segments the same: the id, the respondent (pseudonymised with one key) and the date.
_SAME = ("segment_id", "respondent", "date")


class SameSegmentsWarning(UserWarning):
    """Two interview rounds hold largely the same segments: the same ids, respondents and dates."""


def segment_keys(segments: pd.DataFrame) -> np.ndarray:
    """The distinct hashes of a round's segments by :data:`_SAME` (of those with an id and a respondent; the date
    as the day it is, however it was read); none when the round has no ids or respondents to compare."""
    if "segment_id" not in segments or "respondent" not in segments:
        return np.array([], dtype=np.uint64)
    kept = segments[[c for c in _SAME if c in segments]].dropna(subset=["segment_id", "respondent"])
    if "date" in kept:
        kept = kept.assign(date=pd.to_datetime(kept["date"], errors="coerce").dt.date)
    return np.unique(pd.util.hash_pandas_object(kept.astype(str), index=False).to_numpy())


def warn_copies(where: str, keys: np.ndarray, earlier: list[tuple[str, np.ndarray]]) -> None:
    """Warn when half or more of the segments of the round ``where`` (its :func:`segment_keys`), or of an ``earlier``
    round, are in both; then add it to ``earlier``. Two rounds may share an id (S001 in each) or a respondent heard
    twice, but not the same id, person and day at that rate."""
    for other, theirs in earlier:
        shared = int(np.isin(keys, theirs, assume_unique=True).sum())
        if shared and 2 * shared >= min(len(keys), len(theirs)):
            warnings.warn(
                f"{other} and {where} hold {shared} of the same segments (the same id, respondent and date): the "
                "same interviews counted as two rounds, a file copied for the new round? Name each round's own "
                "file; as they are, every theme shows as unchanged between the two rounds.",
                SameSegmentsWarning,
                stacklevel=3,
            )
    earlier.append((where, keys))
