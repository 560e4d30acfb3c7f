"""A respondent's id written in a quote, withheld as ``[respondent]``.

A transcriber notes who else said something (``Zoals HGL-B07 ook zei``, ``[interviewer: zie ook HGL-B05]``). The
quote is published under its own speaker's pseudonym, so the code beside it would tie another respondent's code to
what is published (sweep 12 interviews F5): the agreements refuse a respondent's code for that reason, and a quote
now loses it. An id is found however it is written, as :func:`~.privacy.normalise_respondents` spells ids
(``hgl b7``, ``HGL_B007``), but only the ids of the project's own respondents that are codes (a letter and a digit:
``B01``, ``HGL-B07``, ``R12``): a number alone (``7``) or a word is no id to look for in a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from buurtdata.sources.interviews.distinct import arrow_text, each_distinct, like_texts

#: What a quote shows where it named a respondent by code.
PLACEHOLDER = "[respondent]"

#: A code as written in running text: up to three runs of letters, each maybe followed by a separator, then
#: numbers (joined by separators) and a letter: ``HGL-B07``, ``hgl b7``, ``B01_a``, ``R1-23``. Its shorter tails
#: (``B07`` of ``zei B07``) are tried too, from each run of letters on.
_WRITTEN = re.compile(r"(?<![\w.-])(?:[^\W\d_]+[-_. ]?){1,4}\d+(?:[-_.]?\d+)*(?:[-_]?[^\W\d_])?(?![\w])")
_RUN_STARTS = re.compile(r"(?:^|(?<=[-_. ]))[^\W\d_]")
#: Texts that may hold a code, told by Arrow (RE2) before any text is read in Python: a letter next to a digit.
_MAY_HOLD = r"[^\W\d_][-_. ]?\d"


def withheld(texts: pd.Series, spelled: Iterable[str], spell: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """Return ``texts`` with each respondent id written in them replaced by ``[respondent]``.

    ``spelled``: the project's respondent ids as ``spell`` writes any id in one spelling
    (:func:`~.privacy.normalise_respondents`); only those that are codes are looked for.

    >>> def spell(ids):  # one spelling, as normalise_respondents writes these ids
    ...     return ids.str.upper().str.replace("[^A-Z0-9]", "", regex=True)
    >>> texts = pd.Series(["Zoals HGL-B07 ook zei: te weinig bankjes.", "Ik woon hier 7 jaar.", None,
    ...                    "[interviewer: zie ook hgl b05] Klopt.", "Lijn B7 rijdt niet meer."])
    >>> withheld(texts, ["HGLB05", "HGLB07", "7"], spell).tolist()  # doctest: +NORMALIZE_WHITESPACE
    ['Zoals [respondent] ook zei: te weinig bankjes.', 'Ik woon hier 7 jaar.', nan,
     '[interviewer: zie ook [respondent]] Klopt.', 'Lijn B7 rijdt niet meer.']
    """
    if texts.isna().all():
        return texts

    def replaced(values: pd.Series) -> pd.Series:
        may = np.asarray(
            pc.fill_null(pc.match_substring_regex(arrow_text(values), _MAY_HOLD), False).to_numpy(zero_copy_only=False)
        )
        codes = _codes(spelled) if may.any() else None
        if codes is None or not len(codes):
            return values  # each_distinct then gives the column back as it was: nothing is copied
        out = values.copy()
        out[may] = _replaced(values[may], codes, spell).to_numpy()
        return out

    # Once per distinct text, as the scrubbing after it reads them (distinct.factorized).
    return like_texts(each_distinct(texts, replaced, together=True), texts)


def _codes(spelled: Iterable[str]) -> pa.Array:
    """The distinct ``spelled`` ids that are codes (a letter and a digit); Arrow's, as a project of a million
    segments has a few hundred thousand ids."""
    ids = pa.array(spelled.to_numpy(dtype=object) if isinstance(spelled, pd.Series) else list(spelled), pa.string())
    return pc.unique(
        pc.filter(ids, pc.and_(pc.match_substring_regex(ids, r"\pL"), pc.match_substring_regex(ids, r"\d")))
    )


def _replaced(texts: pd.Series, codes: pa.Array, spell: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """``texts`` (distinct) with the codes among ``codes`` withheld; every candidate is spelled in one batch."""
    spans: list[list[tuple[int, int]]] = []
    tails: list[str] = []
    for value in texts:
        found = []
        for match in _WRITTEN.finditer(value):
            for start in _RUN_STARTS.finditer(match.group()):  # longest first
                found.append((match.start() + start.start(), match.end()))
                tails.append(match.group()[start.start() :])
        spans.append(found)
    if not tails:
        return texts
    spelled = pa.array(spell(pd.Series(tails, dtype=object)).to_numpy(dtype=object), pa.string())
    known = iter(pc.fill_null(pc.is_in(spelled, value_set=codes), False).to_pylist())
    out = []
    for value, found in zip(texts, spans, strict=True):
        hits = [span for span in found if next(known)]
        # Of one written code, the longest tail that is an id goes (``HGL-B07``, not only its ``B07``).
        kept, last = [], len(value) + 1
        for start, end in sorted(hits, key=lambda span: (-span[1], span[0])):
            if end <= last:
                kept.append((start, end))
                last = start
        for start, end in kept:  # from the end, so earlier spans keep their places
            value = value[:start] + PLACEHOLDER + value[end:]
        out.append(value)
    return pd.Series(out, index=texts.index, dtype=texts.dtype)
