"""How a segment's written location and its reason are listed without a person's name or a quote in them.

The list of segments placed nowhere is published (``unplaced_segments``, ``niet_geplaatste_fragmenten.csv``), with
the location as scrubbing leaves it and the reason the gazetteer gave, which quotes that location as written
(``no match: 'Kees (buurman)' is no buurt or wijk ...``) or a part of it (``... so 'Truus Hendriks' was looked up
alone``). :func:`~buurtdata.sources.interviews.scrub.scrub_free_text` uses :func:`named_nowhere` and
:func:`quoted_as_listed`. A location that reads as a sentence is what someone said (the columns quote and location
swapped, or a place described at length): whatever the consent, it is listed by its length alone
(:func:`sentences_withheld`), and a file whose locations mostly read so is warned of (:func:`warn_sentences`).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable

import numpy as np
import pandas as pd

from buurtdata.gemeente_lookup import fold
from buurtdata.sources.interviews.distinct import distinct_codes, each_distinct
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


class SentenceLocationsWarning(UserWarning):
    """Most locations of a file read as sentences, not places: are the columns quote and location swapped?"""


#: The most words and characters a place is written with: CBS's longest buurt names have 8 words (``Verspr.h. ten
#: O. en Z. van de spoorlijn``) and 40 characters; a place with a note 9 (``Berflo Es Noord, bij de speeltuin
#: achter de kerk``).
MOST_WORDS, MOST_CHARACTERS = 9, 80
#: A sentence's end: a word of two or more small letters and a full stop, ! or ? closing the text (``gem.`` in
#: ``Ursem gem. S`` or ``e.o.`` is no end), read from :data:`_ENDED_WORDS` words on.
_ENDED = re.compile(r"(?<![\w.])[^\W\d_A-Z]{2,}[.!?…]+[\"'’”)]*\s*$")
_ENDED_WORDS = 5
#: Words a sentence of what someone said opens with, read from :data:`_OPENED_WORDS` words on (``Ik voel me
#: alleen``).
_OPENING = frozenset("ik wij we jij hij zij".split())
_OPENED_WORDS = 4
#: A location withheld as a sentence, as :data:`unplaced_segments` lists it (Dutch, as ``[naam]``).
SENTENCE_SHOWN = "[zin van {words} woorden]"
#: The reason of a segment placed nowhere by a location that reads as a sentence (the kind ``no match`` first).
SENTENCE_REASON = (
    "no match: the location reads as a sentence ({words} words), not as a place, so it is not repeated here; are "
    "the columns quote and location swapped? Write the buurt name or code (BU...) as the location"
)


def sentence_words(text: object) -> int:
    """How many words ``text`` has when it reads as a sentence rather than a place, else 0: more than
    :data:`MOST_WORDS` words or :data:`MOST_CHARACTERS` characters, a sentence's end after a few words, or a few
    words opening as someone speaks.

    >>> [sentence_words(t) for t in ["Ik voel me hier erg alleen sinds mijn man overleed, de buren groeten niet.",
    ...  "Verspr.h. ten O. en Z. van de spoorlijn", "Berflo Es Noord, bij de speeltuin achter de kerk",
    ...  "Ik voel me alleen", "Het is hier niet veilig.", "Ursem gem. S", "achter de kerk."]]
    [14, 0, 0, 4, 5, 0, 0]
    """
    if not isinstance(text, str):
        return 0
    words = text.split()
    if len(words) > MOST_WORDS or len(text.strip()) > MOST_CHARACTERS:
        return len(words)
    if len(words) >= _ENDED_WORDS and _ENDED.search(text):
        return len(words)
    if len(words) >= _OPENED_WORDS and words[0].casefold() in _OPENING:
        return len(words)
    return 0


def sentences_withheld(segments: pd.DataFrame) -> pd.DataFrame:
    """Return ``segments`` with each location (``location_raw``, as listed) of a segment placed in no buurt that
    reads as a sentence (:func:`sentence_words`) shown as its length (``[zin van 17 woorden]``), and its ``reason``
    saying why: a segment placed nowhere gets :data:`SENTENCE_REASON`, another (placed in a wijk) its reason with
    the location's quote so replaced.

    Sweep 12 interviews F18: a quote typed in the location column (the header's order not the rows') was published
    in ``niet_geplaatste_fragmenten.csv`` and ``unplaced_segments``, whatever its consent and ``publish_quotes``.
    Without ``buurt_code`` every row is placed in no buurt; without ``resolved_by`` placed nowhere.

    >>> frame = pd.DataFrame({"location_raw": ["Ik voel me hier alleen sinds mijn man overleed.", "Berflo Ess"],
    ...                       "reason": ["no match: 'Ik voel me hier alleen sinds mijn man overleed.' is no ...",
    ...                                  "no match: 'Berflo Ess' is no buurt"]})
    >>> sentences_withheld(frame).iloc[0].tolist()  # doctest: +NORMALIZE_WHITESPACE
    ['[zin van 9 woorden]', 'no match: the location reads as a sentence (9 words), not as a place, so it is not
     repeated here; are the columns quote and location swapped? Write the buurt name or code (BU...) as the
     location']
    """
    if "location_raw" not in segments.columns or segments.empty:
        return segments
    lost = segments["buurt_code"].isna() if "buurt_code" in segments.columns else pd.Series(True, segments.index)
    lost = (lost & segments["location_raw"].notna()).to_numpy()
    if not lost.any():
        return segments
    counted = each_distinct(segments["location_raw"][lost].astype(str), sentence_words).to_numpy(dtype=int)
    at = np.flatnonzero(lost)[counted > 0]  # positions: an index may repeat a row number (files of one round)
    if not len(at):
        return segments
    words = counted[counted > 0]
    shown = [SENTENCE_SHOWN.format(words=n) for n in words]
    out = segments.copy()
    if "reason" in out.columns:
        placed = out["resolved_by"].iloc[at].ne("onbekend").to_numpy() if "resolved_by" in out.columns else None
        written = out["location_raw"].iloc[at].astype(str).tolist()
        reasons = out["reason"].iloc[at].tolist()
        for i, (n, reason) in enumerate(zip(words, reasons, strict=True)):
            if placed is not None and placed[i]:
                # Placed in a wijk: its note may quote the location.
                reasons[i] = _requoted(reason, {written[i]: shown[i]}) if isinstance(reason, str) else reason
            else:
                reasons[i] = SENTENCE_REASON.format(words=n)
        out["reason"] = _put(out["reason"], at, reasons)
    out["location_raw"] = _put(out["location_raw"], at, shown)
    return out


def _put(column: pd.Series, at: np.ndarray, values: list[object]) -> pd.Series:
    """``column`` with the rows at positions ``at`` set to ``values``, its dtype kept (text stays text)."""
    given = np.zeros(len(column), bool)
    given[at] = True
    other = np.empty(len(column), dtype=object)
    other[at] = values
    return column.mask(given, other)


def warn_sentences(segments: pd.DataFrame, where: str) -> None:
    """Warn (:class:`SentenceLocationsWarning`) when more than half of the locations of ``segments`` (the rows of
    one file, ``where``) read as a sentence: a header whose order is not the rows' puts the quotes under location.

    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as said:
    ...     warnings.simplefilter("always")
    ...     warn_sentences(pd.DataFrame({"location_raw": ["Ik voel me hier erg alleen, de buren groeten niet."] * 2
    ...                                  + ["Berflo Es Noord"]}), "segmenten.csv")
    >>> print(said[0].message)  # doctest: +NORMALIZE_WHITESPACE
    segmenten.csv: 2 of 3 locations read as a sentence, not a place (what someone said?): are the columns quote and
    location swapped? Check that the header's order is the rows'. They are listed without their text in
    niet_geplaatste_fragmenten.csv.
    """
    if "location_raw" not in segments.columns:
        return
    # Once per distinct location: a million segments name a few thousand places.
    codes, distinct = distinct_codes(segments["location_raw"])
    if not len(distinct):
        return
    texts = [str(text) for text in distinct]
    per = np.bincount(codes[codes >= 0], minlength=len(distinct))
    written = int(per[[bool(text.strip()) for text in texts]].sum())
    sentences = int(per[[sentence_words(text) > 0 for text in texts]].sum())
    if 2 * sentences <= written:
        return
    warnings.warn(
        f"{where}: {sentences} of {written} locations read as a sentence, not a place (what someone said?): "
        "are the columns quote and location swapped? Check that the header's order is the rows'. They are listed "
        "without their text in niet_geplaatste_fragmenten.csv.",
        SentenceLocationsWarning,
        stacklevel=2,
    )
