"""The buurten of an agreements file read as the nearest buurt (a typo: ``Ermelo-Wset``), kept as they were read for
the overdrachtsdossier: its ``afspraken/`` carry the code the build read, not the typed text.

Sweep 13 #3: the successor's every build of a dossier warned of the typo, "write the code or the name as CBS writes
it", in a file the LEESMIJ tells them not to change and the manifest refuses changed. :func:`record` keeps what
:func:`~buurtdata.sources.agreements.read_agreements` read, by the file's identity (a file changed since is not
taken as read); :func:`carried` writes the codes into the rows :func:`~buurtdata.sources.agreements.handed_over`
packs, with a comment line above the header that says so, in Dutch, for the successor who opens the file.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from buurtdata.sources.interviews.privacy import NOT_REPEATED, said_value

#: What each agreements file read had read loosely: its identity -> row number (as a spreadsheet numbers it) ->
#: (buurt as written, code read, CBS name). Small: a project names a few agreements files.
_READ: dict[tuple[object, ...], dict[int, tuple[str, str, str]]] = {}


def _identity(path: Path) -> tuple[object, ...] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return str(Path(path).resolve()), found.st_size, found.st_mtime_ns, found.st_ino


def record(path: Path, read: Mapping[int, tuple[str, str, str]]) -> None:
    """Keep the buurten of the agreements file at ``path`` read as the nearest buurt: row -> (written, code, name)."""
    identity = _identity(path)
    if identity is not None:
        _READ[identity] = dict(read)


def carried(path: Path, header: list[str], body: list[list[str]], first: int) -> list[str]:
    """Write into ``body`` (the rows below ``header``, the first numbered ``first``) the code each buurt read as
    the nearest was read as; return the comment lines that say so (none when there was none, or the file was not
    read by this process or changed since)."""
    read = _READ.get(_identity(path) or (), {})
    if "buurt" not in header or not read:
        return []
    at = header.index("buurt")
    lines = []
    for number, row in enumerate(body, first):
        if number not in read or at >= len(row) or row[at].strip() != read[number][0]:
            continue
        written, code, name = read[number]
        row[at] = code
        typed = f" '{written}'" if said_value(written) != NOT_REPEATED else ""
        lines.append(f"# Bij de overdracht is buurt{typed} vervangen door {code} ({name}): zo las buurtdata die buurt.")
    return lines
