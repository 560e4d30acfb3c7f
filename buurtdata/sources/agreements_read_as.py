"""The buurten of an agreements file read as the nearest buurt (a typo: ``Ermelo-Wset``), kept as they were read for
the overdrachtsdossier: its ``afspraken/`` carry the code the build read, not the typed text.

Sweep 13 #3: the successor's every build of a dossier warned of the typo, "write the code or the name as CBS writes
it", in a file the LEESMIJ tells them not to change and the manifest refuses changed.
:func:`~buurtdata.sources.agreements.read_agreements_as` returns what it read as a :class:`ReadAs` (with the file's
identity then: a file changed since is not taken as read), the build carries it
(:attr:`~buurtdata.pipeline.runner.PipelineResult.agreements_read_as`) and :func:`carried` writes the codes into the
rows :func:`~buurtdata.sources.agreements.handed_over` packs, with a comment line above the header that says so, in
Dutch, for the successor who opens the file. Nothing is kept between builds: a long-lived kernel's or a test run's
later build of a file rewritten at the same path carries its own reading, never an earlier one.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from pathlib import Path

from buurtdata.sources.interviews.privacy import NOT_REPEATED, said_value


@dataclasses.dataclass(frozen=True)
class ReadAs:
    """What one agreements file read loosely: row number (as a spreadsheet numbers it) -> (buurt as written, code
    read, CBS name), and the file's identity when it was read (:func:`reading`)."""

    rows: Mapping[int, tuple[str, str, str]]
    identity: tuple[object, ...] | None


def _identity(path: Path) -> tuple[object, ...] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return str(Path(path).resolve()), found.st_size, found.st_mtime_ns, found.st_ino


def reading(path: Path, rows: Mapping[int, tuple[str, str, str]]) -> ReadAs:
    """The buurten of the agreements file at ``path`` read as the nearest buurt (row -> (written, code, name)), with
    the file's identity now."""
    return ReadAs(dict(rows), _identity(path))


def carried(read: ReadAs | None, path: Path, header: list[str], body: list[list[str]], first: int) -> list[str]:
    """Write into ``body`` (the rows below ``header``, the first numbered ``first``) the code each buurt ``read`` as
    the nearest was read as; return the comment lines that say so (none when there was none, or the file at ``path``
    was not read (``read`` None) or changed since)."""
    if read is None or read.identity is None or read.identity != _identity(path):
        return []
    if "buurt" not in header or not read.rows:
        return []
    at = header.index("buurt")
    lines = []
    for number, row in enumerate(body, first):
        if number not in read.rows or at >= len(row) or row[at].strip() != read.rows[number][0]:
            continue
        written, code, name = read.rows[number]
        row[at] = code
        typed = f" '{written}'" if said_value(written) != NOT_REPEATED else ""
        lines.append(f"# Bij de overdracht is buurt{typed} vervangen door {code} ({name}): zo las buurtdata die buurt.")
    return lines
