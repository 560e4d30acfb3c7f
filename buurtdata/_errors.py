"""Errors that say what went wrong and what to do next.

Every error names the file, the row or field, the bad value and the fix.
Build the message first, then raise one of these ``ValueError`` subclasses.
"""

from __future__ import annotations

import contextlib
import contextvars
import difflib
import sys
import traceback
import warnings
from collections.abc import Collection, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

#: How many items of a long list an error names before it counts the rest (:func:`few`).
SHOWN = 5


class BuurtdataError(ValueError):
    """Base class of every error buurtdata raises on bad input."""

    def _render_traceback_(self) -> list[str]:
        # IPython (a notebook) shows this instead of the traceback: the one message names the value and the fix;
        # buurtdata's own frames above it say nothing to an analyst (user test J: a misspelt buurt in notebook 04
        # showed three frames of _explore_buurt.py before the message). A bug buurtdata wrapped (a KeyError under
        # "could not be written") keeps its whole traceback, which whoever mends it needs (review u M4).
        if isinstance(self.__cause__, _BUGS):
            return traceback.format_exception(self)
        return [f"{type(self).__name__}: {self}"]


#: Errors that are a bug of code, not of input, when a BuurtdataError wraps them.
_BUGS = (LookupError, AttributeError, TypeError, NameError, AssertionError, ArithmeticError, RuntimeError)


class InputFileError(BuurtdataError):
    """A file cannot be read as the format it claims to be."""


class CodeError(BuurtdataError):
    """A GM/WK/BU region code does not have a valid form."""


class DataNotAvailableError(BuurtdataError):
    """Data was asked for that is neither shipped, cached nor reachable."""


class SettingsError(BuurtdataError):
    """A ``BUURTDATA_*`` environment variable holds a value buurtdata cannot use."""


class ValidationError(BuurtdataError):
    """A table breaks one or more of its rules; all problems are listed.

    ``hint``: what helps fix them all (the valid keys, say), said once after the list and not counted.

    >>> print(ValidationError(["a: unknown key 'x'"], source="p.toml", hint="valid keys: y, z"))
    1 problem(s) in p.toml:
      - a: unknown key 'x'
    valid keys: y, z
    """

    def __init__(self, problems: Iterable[str], *, source: str | Path | None = None, hint: str | None = None) -> None:
        self.problems = list(problems)
        where = f" in {source}" if source is not None else ""
        lines = "\n".join(f"  - {p}" for p in self.problems)
        said = f"\n{hint}" if hint else ""
        super().__init__(f"{len(self.problems)} problem(s){where}:\n{lines}{said}")


def shown(value: object) -> str:
    r"""``value`` between quotes as a message shows it to people: as written, so that a search of the file finds it
    (``repr`` doubles each backslash: sweep12 F20), with what cannot be seen escaped as ``repr`` escapes it (a line
    break as ``\n``, a tab as ``\t``, other control and invisible characters as ``\x07``, ``\u200b``), and the
    quotes ``repr`` picks (``"..."`` around a value holding ``'``).

    >>> print(shown("Ontmoeten\\Buurthuis"), shown("Nodes\\\\Ontmoeten"), shown("bewonr"))
    'Ontmoeten\Buurthuis' 'Nodes\\Ontmoeten' 'bewonr'
    >>> print(shown("C:\\map\nregel twee\t\x07\u200b"), shown("d'r\\"), shown("zei \"ja\" en 't\\"))
    'C:\map\nregel twee\t\x07\u200b' "d'r\" 'zei "ja" en \'t\'
    """
    text = str(value)
    said = repr(text)
    if "\\" not in text:
        return said  # the same as repr when no backslash is written
    quote = said[0]
    return quote + "".join(_visible(char, quote) for char in text) + quote


def _visible(char: str, quote: str) -> str:
    """``char`` as :func:`shown` writes it: a backslash and what prints as is, the rest (and the quote) as repr."""
    if char == "\\" or (char.isprintable() and char != quote):
        return char
    return repr(char)[1:-1] if char != quote else "\\" + quote


def where(path: str | Path | None, row: int | None = None, field: str | None = None) -> str:
    """Describe a place in an input file as ``file, row N, field 'x'``."""
    parts = [str(path) if path is not None else "<input>"]
    if row is not None:
        parts.append(f"row {row}")
    if field is not None:
        parts.append(f"field {shown(field)}")
    return ", ".join(parts)


class OutputFolderError(BuurtdataError):
    """An output folder may not be written: it holds inputs, is a file, is read-only or is being built."""


def unwritable(folder: str | Path, error: OSError | None = None) -> str:
    """Why nothing can be written in ``folder``, for a message: ``the disk is read-only`` (a read-only file system: a
    locked-down laptop's home, a mounted medium), ``no permission``, or the ``error``'s own reason when it is
    another. Sweep 13 #9: a read-only disk was told as "no permission", which sends the user to ask for rights.

    >>> unwritable("/", PermissionError(13, "Permission denied"))
    'no permission'
    """
    import errno
    import os

    if error is not None and error.errno == errno.EROFS:
        return "the disk is read-only"
    if error is not None and error.errno not in (errno.EACCES, errno.EPERM):
        return str(error.strerror or error).lower()
    existing = next((p for p in (Path(folder), *Path(folder).absolute().parents) if p.exists()), None)
    try:
        if existing is not None and os.statvfs(existing).f_flag & os.ST_RDONLY:
            return "the disk is read-only"
    except (OSError, AttributeError):  # statvfs: not on Windows
        pass
    return "no permission"


def few(items: Sequence[str], shown: int = SHOWN) -> str:
    """The first ``shown`` of ``items`` and how many more, for a message about a list that may be long.

    >>> few(["a", "b"]), few(list("abcdefg"))
    ('a, b', 'a, b, c, d, e and 2 more')
    """
    more = f" and {len(items) - shown} more" if len(items) > shown else ""
    return ", ".join(items[:shown]) + more


def did_you_mean(word: str, known: Collection[str], *, listed: bool = False) -> str:
    """The hint after an unknown ``word``: the closest of ``known``; else, when ``listed``, every known word.

    >>> did_you_mean("indicatorz", {"indicators", "map"}), did_you_mean("xyz", {"b", "a"}, listed=True)
    ("; did you mean 'indicators'?", '; known keys: a, b')
    >>> did_you_mean("xyz", {"a"})
    ''
    """
    close = difflib.get_close_matches(word, known, n=1)
    if close:
        return f"; did you mean {close[0]!r}?"
    return f"; known keys: {', '.join(sorted(known))}" if listed else ""


#: What every warning about an input file starts with while :func:`named_source` names it (an earlier interview
#: round: rounds' exports often share a file name). Per thread, unlike the warnings module's filters.
_SOURCE: contextvars.ContextVar[str] = contextvars.ContextVar("source", default="")


@contextlib.contextmanager
def named_source(prefix: str) -> Iterator[None]:
    """Start every :func:`warn` in the block with ``prefix`` (``"[[rounds]] 'voorjaar', "``).

    Not by catching the warnings (``warnings.catch_warnings``): that swaps the filters of every thread, and a
    build imports in other threads meanwhile (a filter a library set there would be lost).
    """
    token = _SOURCE.set(prefix)
    try:
        yield
    finally:
        _SOURCE.reset(token)


#: What :func:`held` keeps: each warning's text and category, and the file, line and module globals it was said at.
Told = list[tuple[str, type[Warning], tuple[str, int, dict[str, Any]]]]
#: Where :func:`warn` puts its warnings while :func:`held` is in force, instead of saying them.
_HELD: contextvars.ContextVar[Told | None] = contextvars.ContextVar("held", default=None)


@contextlib.contextmanager
def held(told: Told) -> Iterator[None]:
    """Keep every :func:`warn` of the block in ``told``, for :func:`release` to say in another thread.

    A thread's warnings go through the process's one set of filters: while another thread is inside a
    ``warnings.catch_warnings`` (a library reading a file), they are swapped, and what the thread said is lost or
    recorded there (user test M: a first build now and then left out that respondent ids were names). Per thread,
    as :func:`named_source`.
    """
    token = _HELD.set(told)
    try:
        yield
    finally:
        _HELD.reset(token)


def release(told: Told) -> None:
    """Say the warnings :func:`held` kept, in the calling thread, and empty ``told``.

    Each is said as from where it was said (its file, line and module): a later warning of the same text from there
    (a round read again by ``buurtdata overdracht``) is then left out by Python's default filter, as before it was
    held (review W L2). Where a filter turns warnings into errors, all are said and the first is raised.
    """
    raised: Warning | None = None
    while told:
        message, category, (filename, lineno, module_globals) = told.pop(0)
        try:
            warnings.warn_explicit(
                message,
                category,
                filename,
                lineno,
                module=module_globals.get("__name__"),
                registry=module_globals.setdefault("__warningregistry__", {}),
                module_globals=module_globals,
            )
        except Warning as error:
            raised = raised or error
    if raised is not None:
        raise raised


def warn(message: str, category: type[Warning], stacklevel: int = 1) -> None:
    """``warnings.warn`` of a message about an input file, named by :func:`named_source` where it is in force.

    >>> with warnings.catch_warnings(record=True) as caught, named_source("[[rounds]] 'a', "):
    ...     warnings.simplefilter("always")
    ...     warn("x.csv: empty", UserWarning)
    >>> str(caught[0].message)
    "[[rounds]] 'a', x.csv: empty"
    """
    told = _HELD.get()
    if told is not None:
        try:
            frame = sys._getframe(stacklevel)  # where warnings.warn would say it is from
        except ValueError:  # a stacklevel past the outermost frame: warnings.warn says sys then
            frame = sys._getframe(0)
        told.append((_SOURCE.get() + message, category, (frame.f_code.co_filename, frame.f_lineno, frame.f_globals)))
        return
    warnings.warn(_SOURCE.get() + message, category, stacklevel=stacklevel + 1)
