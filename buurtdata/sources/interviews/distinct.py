"""Work out something once per distinct value of a column, then spread it back over the rows.

A million segments hold a few roles, codes and dates, a few thousand respondents and places, and often
repeated quotes: every per-value step of the interview path runs through :func:`each_distinct`.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa


def each_distinct(
    values: pd.Series, func: Callable[[Any], Any], *, together: bool = False, missing: str | None = None
) -> pd.Series:
    """Return ``func`` of each of ``values``, called once per distinct value, indexed as ``values``.

    ``func`` takes one value, or with ``together`` all distinct values at once as a text Series (for
    vectorised string work) and returns as many results. A missing value (None, NaN) never reaches ``func``:
    it stays missing, or is read as ``missing`` when that is given. Text results come back as a text
    column (missing values missing), numbers and dates as their dtype (missing values NaN, NaT), anything
    else as objects (missing values None).

    >>> each_distinct(pd.Series(["ja", None, "Nee", "ja"]), str.lower).tolist()
    ['ja', nan, 'nee', 'ja']
    >>> each_distinct(pd.Series(["ja", None]), len, missing="").tolist()
    [2, 0]
    """
    codes, distinct, filled = _codes(values, missing)
    listed = None
    if together:
        done = func(pd.Series(distinct.array if distinct.dtype == "str" else distinct.astype(object), dtype="str"))
    else:
        listed = distinct.tolist()
        done = [func(value) for value in listed]
    if values.dtype == "str" and not filled and _unchanged(done, distinct, listed):
        # Every value already as func writes it (the usual roles and codes, most quotes): nothing to build.
        return values.rename(None)
    return spread(done, codes, values.index)


def distinct_codes(values: pd.Series, *, missing: str | None = None) -> tuple[np.ndarray, pd.Index]:
    """Return the position of each of ``values`` among its distinct values (missing: -1), and those values.

    With ``missing`` a missing value counts as that value, also in a column of nothing but missing values:

    >>> distinct_codes(pd.Series([float("nan")] * 2), missing="")
    (array([0, 0]), Index([''], dtype='str'))
    """
    codes, distinct, _ = _codes(values, missing)
    return codes, distinct


def _codes(values: pd.Series, missing: str | None) -> tuple[np.ndarray, pd.Index, bool]:
    """:func:`distinct_codes`, and whether a missing value was read as ``missing``."""
    codes, distinct = factorized(values)
    filled = missing is not None and len(codes) > 0 and codes.min() < 0
    if filled:
        codes, distinct = _read_as(codes, distinct, missing)
    return codes, distinct, filled


def factorized(values: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """``pd.factorize(values)``, worked out once per Arrow text column: the codes are read-only.

    One column is factorized by several steps (a million respondent ids by the check of names as they are read,
    by the pseudonyms and by the respondent checks; the written locations by the placing and the scrubbing): an
    Arrow column never changes, and a frame's copies, ``assign`` and ``astype(str)`` share it, so its codes are
    kept while it lives (a weak reference: they go with it) and given again (issue 19).
    """
    # pandas' own Arrow column (a private name: without it, plain pd.factorize).
    arrow = values.dtype == "str" and values.dtype.storage == "pyarrow"
    column = getattr(values.array, "_pa_array", None) if arrow else None
    if column is None:
        return pd.factorize(values)
    key = id(column)
    with _LOCK:
        found = _FACTORIZED.get(key)
    if found is not None and found[0]() is column:
        return found[1], found[2]
    codes, distinct = pd.factorize(values)
    codes.flags.writeable = False

    def forget(gone: weakref.ref, key: int = key) -> None:
        # No lock: the collector may free a column while this thread holds _LOCK (review y L1: it waited for itself).
        # Dict operations are atomic; a newer column's entry is kept, or at worst forgotten and factorized again.
        entry = _FACTORIZED.get(key)
        if entry is not None and entry[0] is gone:
            _FACTORIZED.pop(key, None)

    entry = (weakref.ref(column, forget), codes, distinct)
    with _LOCK:
        _FACTORIZED[key] = entry
    return codes, distinct


#: :func:`factorized`'s codes and distinct values, by the ``id`` of the Arrow column they are of.
_FACTORIZED: dict[int, tuple[weakref.ref, np.ndarray, pd.Index]] = {}
#: The respondent checks run in a thread of their own.
_LOCK = threading.Lock()


def _read_as(codes: np.ndarray, distinct: pd.Index, missing: str) -> tuple[np.ndarray, pd.Index]:
    at = distinct.get_indexer([missing])[0]
    if at < 0:
        # A column of numbers, or of nothing but missing values (float NaN), cannot hold the text ``missing``.
        kept = distinct if distinct.dtype == "str" or distinct.dtype == object else distinct.astype(object)
        at, distinct = len(kept), kept.append(pd.Index([missing], dtype=kept.dtype))
    return np.where(codes < 0, at, codes), distinct


def _unchanged(done: object, distinct: pd.Index, listed: list[Any] | None) -> bool:
    """Whether ``done`` is ``distinct`` as it was (``listed``: ``distinct`` as the list func was given)."""
    if isinstance(done, pd.Series):
        return done.dtype == "str" and distinct.dtype == "str" and bool(done.array.equals(distinct.array))
    return isinstance(done, list) and done == listed


def spread(done: Sequence[Any] | pd.Series | np.ndarray, codes: np.ndarray, index: pd.Index) -> pd.Series:
    """Return ``done[code]`` for each of ``codes`` (-1: missing), indexed by ``index``.

    Text stays in Arrow: a million Python strings would be made only to be turned back into Arrow.
    """
    text = _arrow_text_of(done)
    if text is None:
        done = pd.Series(done, copy=False).array
        if done.dtype.kind in "iufcmM":
            # Numbers and dates: a missing value is NaN or NaT, as pandas writes it.
            return pd.Series(done.take(codes, allow_fill=True), index=index)
        return pd.Series(np.append(done.to_numpy(dtype=object), None)[codes], index=index)
    taken = text.take(pa.array(codes, mask=codes < 0) if len(codes) and codes.min() < 0 else codes)
    return pd.Series(pd.array(taken, dtype="str"), index=index)


def _arrow_text_of(done: Sequence[Any] | pd.Series | np.ndarray) -> pa.LargeStringArray | None:
    """Return ``done`` as an Arrow text array when it is text (None and NaN missing), else None."""
    if isinstance(done, pd.Series):
        if done.dtype != "str":
            return None
        return arrow_text(done)
    if not isinstance(done, list):
        return None
    try:
        text = pa.array(done, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    if pa.types.is_string(text.type) or pa.types.is_large_string(text.type) or pa.types.is_null(text.type):
        return text.cast(pa.large_string())
    return None


def arrow_text(values: pd.Series) -> pa.LargeStringArray:
    """Return a text column as one Arrow array, without a Python string per cell when it is Arrow already."""
    if values.dtype == "str" and values.dtype.storage == "pyarrow":
        chunks = values.array.__arrow_array__()
        # combine_chunks copies even one chunk: a CSV's columns are one chunk already.
        whole = chunks.chunk(0) if chunks.num_chunks == 1 else chunks.combine_chunks()
        return whole.cast(pa.large_string())
    return pa.array(values.to_numpy(dtype=object), pa.large_string(), from_pandas=True)


def like_texts(found: pd.Series, texts: pd.Series) -> pd.Series:
    """Return text ``found`` for ``texts``: pandas' text column for one, else objects with None where missing."""
    if texts.dtype == "str":
        return found
    return found.astype(object).where(found.notna(), None)


def duplicates(
    values: Iterable[tuple[int, str]],
    path: object,
    field_name: str,
    shown: Callable[[str], bool] | None = None,
    written: Callable[[int], str] | None = None,
) -> list[str]:
    """The problem of each value that more than one row writes, with its rows; a value ``shown`` refuses (a segment
    id that may be a name: review W M5) by its rows only. ``written``: how a row writes a value compared folded (a
    code), said as written, to be found in the file (sweep 13 #14: 'eenzaamheid' for Eenzaamheid)."""
    seen: dict[str, list[int]] = {}
    for row, value in values:
        if value:
            seen.setdefault(value, []).append(row)

    def said(value: str, rows: list[int]) -> str:
        if shown is not None and not shown(value):
            return "the same value (no code: not repeated) occurs"
        spelled = list(dict.fromkeys(written(row) for row in rows)) if written else [value]
        if len(spelled) == 1:
            return f"{spelled[0]!r} occurs"
        return f"{' and '.join(map(repr, spelled))}, one {field_name} but for case, accents and spaces, occur"

    return [
        f"{path}, rows {', '.join(map(str, rows))}, field {field_name!r}: {said(value, rows)} "
        f"{len(rows)} times; make each one unique."
        for value, rows in seen.items()
        if len(rows) > 1
    ]
