"""Content-addressed disk cache for downloaded JSON responses.

A response is stored under ``settings.cache_dir / "http"`` in a file named
by the SHA-256 of its request (URL and parameters). Files are written to a
temporary file first and then ``os.replace``-d, so a crash never leaves a
half-written entry under the final name; an entry that still fails to parse
(a truncated or edited file) is removed and reported as absent, so the
caller fetches it again.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from buurtdata import settings


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
    """Return the cached JSON of a request, or ``None`` when absent or corrupt (a corrupt entry is removed)."""
    path = path_for(url, params)
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        return json.loads(content)
    except (UnicodeDecodeError, json.JSONDecodeError):
        path.unlink(missing_ok=True)
        return None


def save(url: str, params: Mapping[str, str] | None, content: bytes) -> Path:
    """Store ``content`` as the response of a request, atomically; return its path."""
    return write_whole(path_for(url, params), content)


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
