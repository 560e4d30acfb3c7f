"""Segment ids a build may publish as they are: an id, never a name, e-mail address or sentence (user test M).

A segment's id reaches published output unscrubbed (``niet_geplaatste_fragmenten.csv``, the database's
``unplaced_segments``, the overdracht dossier), so that an analyst finds the row in their own file. A sheet may
name its fragments after the person or what they said (``Anneke de Boer - fragment 7``,
``truus.jansen@example.nl#2``, ``interview_henk_de_vries_3``): such an id is replaced by the file and row
(``segmenten.csv:12``; ``segmenten-a35c:12`` when the file's name holds a name), which finds the row as well, and
warned of by its rows, never its value. A tool's GUID is an id, though no short one (review W M3). So is an id that
holds its row's respondent code (``HGL-B01-2``): published beside the pseudonym, it would undo it.
"""

from __future__ import annotations

import re
import zlib

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from buurtdata import _errors
from buurtdata._errors import few
from buurtdata.sources.interviews.distinct import arrow_text, each_distinct
from buurtdata.sources.interviews.person_words import named_in_id
from buurtdata.sources.interviews.privacy import normalise_respondents, spelled_ids
from buurtdata.sources.interviews.scrub import clean_id_shape, scrub_text

#: An id no name or contact detail can be (S0000001, M014, 12): checked in Arrow, so a million ids of a national
#: build never reach the per-id check below.
_PLAIN_ID = r"^[A-Za-z]{0,2}[-_]?[0-9]{1,7}$"

#: The id :func:`published_ids` gives: the file's name (or, when the name is no id, ``segmenten-`` and 4 hex digits
#: of it) and the row, with ``#n`` when a written id already is that.
_GIVEN = re.compile(r"(?:([\w .-]+)\.(?:csv|txt|xlsx|xlsm)|segmenten-[0-9a-f]{4}):[0-9]+(?:#[0-9]+)?")
#: A GUID or UUID, as a QDA tool gives its selections (an overdracht dossier of a .qdpx round writes them), with a
#: Taguette-style ``#n``: an id, though no short one (review W M3).
_UUID = re.compile(r"\{?[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}\}?(?:#[0-9]+)?")

#: How many rows a warning names.
_ROWS = 10


class SegmentIdWarning(UserWarning):
    """A segment id looks like a name, contact detail or sentence; it is published as the file and row instead."""


def id_safe_to_show(text: str) -> bool:
    """Whether an id (a segment's, a respondent's, a case's) may be published or printed as it is: id-shaped,
    nothing scrubbing takes out, no name in it (``truus_1``, ``kees-2``: :func:`scrub.clean_id_shape` alone lets
    them by).

    An id this module gave (``interviews_fictief.csv:21``, longer than an id) is one: an overdracht dossier's
    fragments hold them, and are read again.

    >>> [id_safe_to_show(t) for t in ("S001", "HGL-B04-3", "1:23", "henk_de_vries_3", "Anneke de Boer - 7")]
    [True, True, True, False, False]
    >>> id_safe_to_show("interviews_fictief.csv:21"), id_safe_to_show("gesprek_henk_de_vries.csv:3")
    (True, False)
    """
    given = _GIVEN.fullmatch(text)
    if given:
        return given.group(1) is None or not named_in_id(given.group(1))
    return bool(_UUID.fullmatch(text)) or (clean_id_shape(text) and not named_in_id(text))


def _personal(text: str) -> bool:
    """Whether an id that is none names a person or holds a contact detail, rather than being a long reference."""
    return named_in_id(text) or scrub_text(pd.Series([text])).iat[0] != text


def row_ids(source: str, rows: np.ndarray) -> pd.Series:
    """The ids a file's rows are given: ``<source>:<row>``, or ``segmenten-<4 hex digits>:<row>`` when the file's
    name is no id itself (review W M4: ``gesprek_anneke_de_boer.csv:2`` carried the name the id was replaced for).

    >>> row_ids("segmenten.csv", np.array([2])).tolist(), row_ids("gesprek_anneke_de_boer.csv", np.array([2])).tolist()
    (['segmenten.csv:2'], ['segmenten-a35c:2'])
    """
    stem = source if id_safe_to_show(f"{source}:1") else f"segmenten-{zlib.crc32(source.encode()) & 0xFFFF:04x}"
    return pd.Series(f"{stem}:" + pd.Index(rows).astype(str), dtype=object)


def published_ids(
    segment_id: pd.Series,
    source: str,
    rows: np.ndarray,
    given: np.ndarray | None = None,
    *,
    path: object = None,
    column: str = "segment_id",
    respondents: pd.Series | None = None,
) -> pd.Series:
    """Return ``segment_id`` with each id that may not be published replaced by its row's id (:func:`row_ids`,
    made unique when the file writes that id elsewhere: review W L3); warn of those rows (:class:`SegmentIdWarning`),
    naming the file (``path``, default ``source``), the ``column`` as the file writes it and the rows, never an id.
    ``given``: which ids the file wrote (the others are the reader's row ids already); default all.

    ``respondents``: each row's respondent id as written; an id that holds it (:func:`holds_respondent`:
    ``HGL-B01-2`` of ``HGL-B01``) may not be published either: beside the pseudonym (the overdracht's fragments)
    it names whose pseudonym it is (sweep 12 interviews F5).

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
        bad[~plain] = ~each_distinct(others, id_safe_to_show).to_numpy(dtype=bool)
    coded = np.zeros(len(segment_id), dtype=bool)
    if respondents is not None and not plain.all():
        # A plain id (S001, M014, 12) is a segment's own number, even where it equals a respondent's code.
        coded[~plain & ~bad] = holds_respondent(segment_id[~plain & ~bad], respondents[~plain & ~bad])
        bad |= coded
    if not bad.any():
        return segment_id
    out = segment_id.copy()
    kept = set(segment_id[~bad])
    replaced = []
    for new in row_ids(source, rows[bad]):
        unique, n = new, 1
        while unique in kept:
            n += 1
            unique = f"{new}#{n}"
        kept.add(unique)
        replaced.append(unique)
    out[bad] = replaced
    personal = np.zeros(len(segment_id), dtype=bool)
    personal[bad & ~coded] = each_distinct(segment_id[bad & ~coded], _personal).to_numpy(dtype=bool)
    said = []
    if personal.any():
        said.append(
            f"what looks like a name or contact detail in row(s) {few([str(r) for r in rows[personal]], _ROWS)}"
        )
    if (bad & ~personal & ~coded).any():
        said.append(
            f"what is no short code (a sentence, or a tool's reference such as NVivo's) in row(s) "
            f"{few([str(r) for r in rows[bad & ~personal & ~coded]], _ROWS)}"
        )
    if coded.any():
        said.append(
            "the row's respondent code (beside its pseudonym, in the overdracht dossier, it would say whose "
            f"pseudonym it is) in row(s) {few([str(r) for r in rows[coded]], _ROWS)}"
        )
    _errors.warn(
        f"{path or source}: the {column} column holds {' and '.join(said)}; a build publishes a segment's id (the "
        f"list of segments not placed in a buurt, the overdracht dossier), so these are published as the file and "
        f"row instead ({replaced[0]}). Write short ids such as S001 in the file; for a tool's export, keep the "
        f"tool's own id column (a GUID is kept) or map it as {column}.",
        SegmentIdWarning,
        stacklevel=3,
    )
    return out


def holds_respondent(segment_id: pd.Series, respondents: pd.Series) -> np.ndarray:
    """Whether each segment id holds its row's respondent code, both spelled as one person is
    (:func:`.privacy.normalise_respondents`: ``hgl_b1-2`` holds ``HGL-B01``), the code not within a longer number
    (``HGL-B012`` does not hold ``HGL-B01``). A code without a letter and a digit (``7``, ``Truus``) is no code to
    hold: ``S7`` of respondent ``7`` is a numbering.

    >>> holds_respondent(pd.Series(["HGL-B01-2", "hgl_b1.3", "HGL-B012", "S7-1", "X-1", "B01 (2)"]),
    ...                  pd.Series(["HGL-B01", "HGL-B01", "HGL-B01", "7", None, "Interview B01 deel 1"])).tolist()
    [True, True, False, False, False, True]
    """
    # Per distinct respondent (a few hundred thousand of a million rows): its code, or "" when it is none.
    codes = each_distinct(respondents, _codes, together=True, missing="")
    text = arrow_text(segment_id.astype(str))
    # A tool's GUID holds no code, though its hex digits may spell one.
    coded = codes.ne("").to_numpy(dtype=bool, copy=True)
    coded &= ~np.asarray(pc.match_substring_regex(text, f"^{_UUID.pattern}$").to_numpy(zero_copy_only=False), bool)
    out = np.zeros(len(segment_id), dtype=bool)
    if not coded.any():
        return out
    # Only an id whose letters hold the code's letters can hold the code (spelling a million ids takes a second).
    letters = pc.replace_substring_regex(pc.utf8_upper(text.filter(pa.array(coded))), r"[^\p{L}]+", "")
    code_letters = pc.replace_substring_regex(arrow_text(codes[coded]), r"[^\p{L}]+", "")
    maybe = np.fromiter(
        (c in s for s, c in zip(letters.to_pylist(), code_letters.to_pylist(), strict=True)), bool, int(coded.sum())
    )
    at = np.flatnonzero(coded)[maybe]
    if len(at):
        ids = spelled_ids(segment_id.iloc[at].astype(str)).tolist()
        out[at] = [_holds(one, code) for one, code in zip(ids, codes.iloc[at].tolist(), strict=True)]
    return out


def _codes(ids: pd.Series) -> pd.Series:
    """Distinct respondent ids as one person's code (:func:`.privacy.normalise_respondents`), "" when one holds no
    letter and digit (``7``, ``Truus``: no code a segment id could be numbered after)."""
    spelled = normalise_respondents(ids)
    coded = pc.match_substring_regex(arrow_text(spelled), r"\pL.*[0-9]|[0-9].*\pL").to_numpy(zero_copy_only=False)
    return spelled.where(np.asarray(coded, dtype=bool), "")


def _holds(segment_id: str, code: str) -> bool:
    """Whether a normal segment id holds a normal respondent code with a letter and a digit, not within a number."""
    at = segment_id.find(code)
    while at >= 0:
        before, after = segment_id[at - 1 : at], segment_id[at + len(code) : at + len(code) + 1]
        if not (before.isdigit() and code[0].isdigit()) and not (after.isdigit() and code[-1].isdigit()):
            return True
        at = segment_id.find(code, at + 1)
    return False
