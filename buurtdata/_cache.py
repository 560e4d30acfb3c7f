"""Content-addressed disk cache for downloaded JSON responses.

A response is stored under ``settings.cache_dir / "http"`` in a file named
by the SHA-256 of its request (URL and parameters). Files are written to a
temporary file first and then ``os.replace``-d, so a crash never leaves a
half-written entry under the final name; an entry that still fails to parse
(a truncated or edited file), holds a bare ``null``, or that the caller finds is not the data it asked for
(:func:`discard`) is removed and reported as absent, so the caller fetches it again.

The cache only saves downloads: a cache folder that cannot be written (read-only, ``HOME`` unwritable)
never costs a download that succeeded; it is told in a :class:`CacheWarning` naming the folder and the fix.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any, BinaryIO

from buurtdata import settings

#: Entries found damaged (and removed when the folder allowed it) in this process, to tell an offline user so.
damaged: set[Path] = set()
#: Why an entry in :data:`damaged` was damaged, when it was not simply cut off or edited.
reasons: dict[Path, str] = {}
#: Cache folders a download could not be stored in, told once each (:func:`save`).
_unwritable: set[tuple[Path, int | None]] = set()


class CacheWarning(UserWarning):
    """The download cache could not be written or cleaned; the data were used all the same."""


def key(url: str, params: Mapping[str, str] | None = None) -> str:
    """Return the SHA-256 hex digest that names the cache entry of a request.

    >>> key("https://example.org/a", {"b": "1"}) == key("https://example.org/a", {"b": "1"})
    True
    >>> len(key("https://example.org/a"))
    64
    """
    request = json.dumps([url, sorted((params or {}).items())], ensure_ascii=False)
    return hashlib.sha256(request.encode("utf-8")).hexdigest()


def path_for(url: str, params: Mapping[str, str] | None = None) -> Path:
    """Return the file that holds (or would hold) the cached response of a request."""
    return Path(settings.cache_dir) / "http" / f"{key(url, params)}.json"


def load_json(url: str, params: Mapping[str, str] | None = None) -> Any | None:
    """Return the cached JSON of a request, or ``None`` when absent or corrupt (a corrupt entry is removed).

    An entry that holds a bare ``null`` is corrupt too: no answer buurtdata asks for is ``null``, and returning
    it would read as "not in the cache" while the entry stays.
    """
    path = path_for(url, params)
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:  # an unreadable entry or folder: fetch again, and say why when that fails too
        damaged.add(path)
        _warn(f"could not read cache entry {path} ({error})")
        return None
    try:
        document = json.loads(content)
    except (UnicodeDecodeError, json.JSONDecodeError):
        discard(url, params)
        return None
    if document is None:
        discard(url, params, "it holds only null")
    return document


def discard(url: str, params: Mapping[str, str] | None = None, why: str = "cut off or edited") -> Path:
    """Remove a request's cache entry as damaged (``why`` it is, for a message), so the next download replaces it;
    return its path. A folder that cannot be written keeps the entry (told in a :class:`CacheWarning`)."""
    path = path_for(url, params)
    damaged.add(path)
    reasons[path] = why
    try:
        path.unlink(missing_ok=True)
    except OSError as error:  # a read-only cache folder: leave the entry, a download will not replace it either
        _warn(f"could not remove the damaged cache entry {path} ({error})")
    return path


def absent(url: str, params: Mapping[str, str] | None = None) -> str:
    """How the cache lacks a request's answer, for a message: ``not in the cache`` or ``in the cache only damaged``."""
    path = path_for(url, params)
    if path in damaged:
        return f"the cache held only a damaged copy ({path}, {reasons.get(path, 'cut off or edited')})"
    return "it is not in the cache"


def _warn(what: str) -> None:
    msg = (
        f"{what}; buurtdata goes on without it. Make {settings.cache_dir} writable, or set BUURTDATA_CACHE_DIR "
        "(or buurtdata.settings.cache_dir) to a folder you can write."
    )
    warnings.warn(msg, CacheWarning, stacklevel=4)


def save(url: str, params: Mapping[str, str] | None, content: bytes) -> Path | None:
    """Store ``content`` as the response of a request, atomically; return its path, or ``None`` (with a
    :class:`CacheWarning`) when the cache folder cannot be written."""
    path = path_for(url, params)
    try:
        written = write_whole(path, content)
    except OSError as error:
        # Once per folder: a table of seven pages gave seven warnings of the same advice (sweep 12).
        if (path.parent, error.errno) not in _unwritable:  # another error of the folder (disk full) is said too
            _unwritable.add((path.parent, error.errno))
            _warn(f"could not store downloads in the cache ({error.strerror or error}: {path.parent})")
        return None
    damaged.discard(path)
    reasons.pop(path, None)
    return written


def write_stream(path: Path, stream: BinaryIO) -> Path:
    """Write ``stream`` to ``path`` whole or not at all; a cache folder that cannot be written gets a temporary
    folder instead (with a :class:`CacheWarning`). Return where it was written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=path.stem, suffix=".tmp")
    except OSError as error:
        _warn(f"could not write {path} in the cache ({error})")
        path = Path(tempfile.mkdtemp(prefix="buurtdata-")) / path.name
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=path.stem, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            shutil.copyfileobj(stream, file)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path


def write_whole(path: Path, content: bytes) -> Path:
    """Write ``content`` to ``path`` whole or not at all (two processes may fill the cache at once); return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=path.stem, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path
