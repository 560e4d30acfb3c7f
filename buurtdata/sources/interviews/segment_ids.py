"""Segment ids a build may publish as they are: an id, never a name, e-mail address or sentence (user test M).

A segment's id reaches published output unscrubbed (``niet_geplaatste_fragmenten.csv``, the database's
``unplaced_segments``, the overdracht dossier), so that an analyst finds the row in their own file. A sheet may
name its fragments after the person or what they said (``Anneke de Boer - fragment 7``,
``truus.jansen@example.nl#2``, ``interview_henk_de_vries_3``): such an id is replaced by the file and row
(``segmenten.csv:12``), which finds the row as well, and warned of by its rows, never its value.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from buurtdata import _errors
from buurtdata._errors import few
from buurtdata.sources.interviews.distinct import arrow_text, each_distinct
from buurtdata.sources.interviews.person_words import named_in_id
from buurtdata.sources.interviews.scrub import shown_as_id

#: An id no name or contact detail can be (S0000001, M014, 12): checked in Arrow, so a million ids of a national
#: build never reach the per-id check below.
_PLAIN_ID = r"^[A-Za-z]{0,2}[-_]?[0-9]{1,7}$"

#: The id :func:`published_ids` gives: the file's name and the row.
_GIVEN = re.compile(r"([\w .-]+)\.(?:csv|tsv|txt|xlsx|xlsm|xls|ods):[0-9]+")

#: How many rows a warning names.
_ROWS = 10


class SegmentIdWarning(UserWarning):
    """A segment id looks like a name, e-mail address or sentence; it is published as the file and row instead."""


def said_as_id(text: str) -> bool:
    """Whether an id (a segment's, a respondent's, a case's) may be published or printed as it is: id-shaped,
    nothing scrubbing takes out, no name in it (``truus_1``, ``kees-2``: :func:`scrub.shown_as_id` alone lets them by).

    An id this module gave (``interviews_fictief.csv:21``, longer than an id) is one: an overdracht dossier's
    fragments hold them, and are read again.

    >>> [said_as_id(t) for t in ("S001", "HGL-B04-3", "1:23", "henk_de_vries_3", "Anneke de Boer - 7")]
    [True, True, True, False, False]
    >>> said_as_id("interviews_fictief.csv:21"), said_as_id("gesprek_henk_de_vries.csv:3")
    (True, False)
    """
    given = _GIVEN.fullmatch(text)
    if given:
        return not named_in_id(given.group(1))
    return shown_as_id(text) and not named_in_id(text)


def published_ids(segment_id: pd.Series, source: str, rows: np.ndarray, given: np.ndarray | None = None) -> pd.Series:
    """Return ``segment_id`` with each id that may not be published replaced by ``<source>:<row>``; warn of
    those rows (:class:`SegmentIdWarning`), naming the file and rows, never an id. ``given``: which ids the file
    wrote (the others are the reader's ``<source>:<row>`` already); default all.

    >>> ids = pd.Series(["S001", "Anneke de Boer - fragment 7", "truus@example.nl#2"])
    >>> import warnings
    >>> with warnings.catch_warnings(record=True):
    ...     warnings.simplefilter("always")
    ...     published_ids(ids, "segmenten.csv", np.array([3, 4, 5])).tolist()
    ['S001', 'segmenten.csv:4', 'segmenten.csv:5']
    """
    if segment_id.empty:
        return segment_id
    plain = np.asarray(pc.match_substring_regex(arrow_text(segment_id), _PLAIN_ID).to_numpy(zero_copy_only=False))
    if given is not None:
        plain |= ~given
    bad = np.zeros(len(segment_id), dtype=bool)
    if not plain.all():
        others = segment_id[~plain]
        bad[~plain] = ~each_distinct(others, said_as_id).to_numpy(dtype=bool)
    if not bad.any():
        return segment_id
    out = segment_id.copy()
    out[bad] = [f"{source}:{row}" for row in rows[bad]]
    _errors.warn(
        f"{source}: the segment_id column holds what looks like a name, e-mail address or sentence rather than an "
        f"id in row(s) {few([str(r) for r in rows[bad]], _ROWS)}; a build publishes a segment's id (the list of "
        f"segments not placed in a buurt, the overdracht dossier), so these are published as the file and row "
        f"instead ({source}:{rows[bad][0]}). Write ids such as S001 in the file.",
        SegmentIdWarning,
        stacklevel=3,
    )
    return out
