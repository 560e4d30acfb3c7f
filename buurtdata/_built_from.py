"""What a database was built from: recorded in ``project_settings`` by the runner, compared by a notebook.

A notebook given a built ``buurtdata.duckdb`` (:func:`buurtdata.outputs.explore.notebook_data`) must not show
another project's figures under this project's title, nor tables built with an older privacy threshold
(user test J). So a database file records its project file (relative to the database's folder when the project
lies in the folder the database's folder was written in, else by its name alone: :func:`record`), the project's
name, gemeenten and year, and the sha256 of every file the project names and of its ``[privacy] names``; the
notebook compares those with the project it is given (:func:`differences`). An in-memory run records no
checksums: nobody reads it later.

The checksums are the ones :func:`buurtdata.outputs.build.fingerprint` takes of a build's inputs: both ask
:func:`digest`, which keeps each file's checksum while the file stays the same, so a build hashes a national
KWB file once and a kernel that runs many notebooks hashes it once too.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import hmac
import json
import os
from concurrent.futures import Future, ThreadPoolExecutor
from importlib import resources
from pathlib import Path
from typing import Any

from buurtdata.dossier import source

#: sha256 of a file by its identity (path, size, time of change, inode, device): a file written since is hashed
#: again. Small: a project names a handful of files.
_DIGESTS: dict[tuple[Any, ...], str] = {}

NATIONAL = "NL"


def digest(path: Path) -> str:
    """Return the sha256 (hex) of the file at ``path``."""
    stat = os.stat(path)
    key = (str(Path(path).resolve()), stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_dev)
    if key not in _DIGESTS:
        with Path(path).open("rb") as file:  # in blocks: a national KWB file is hundreds of MB
            _DIGESTS[key] = hashlib.file_digest(file, "sha256").hexdigest()
    return _DIGESTS[key]


def paths_in(value: Any) -> set[Path]:
    """Every path a project (its dataclasses, lists and mappings) names."""
    if isinstance(value, Path):
        return {value}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return set().union(*(paths_in(getattr(value, f.name)) for f in dataclasses.fields(value)))
    if isinstance(value, list | tuple | set | frozenset):
        return set().union(*(paths_in(v) for v in value))
    if isinstance(value, dict):
        return set().union(*(paths_in(v) for v in value.values()))
    return set()


#: The files a shapefile is read with, beside it under its name: a buurt renamed in the .dbf is another input.
_SHAPEFILE_SIDECARS = (".dbf", ".shx", ".prj", ".cpg")


def inputs(project: Any) -> set[Path]:
    """Every file a build of ``project`` reads by a path the project names: a shapefile's sidecars too."""
    paths = paths_in(project)
    sidecars = {
        path.with_suffix(suffix)
        for path in paths
        if path.suffix.lower() == ".shp"
        for suffix in (*_SHAPEFILE_SIDECARS, *(s.upper() for s in _SHAPEFILE_SIDECARS))
    }
    return paths | sidecars


def names_digest(project: Any) -> str | None:
    """The sha256 of the names quotes, agreements and unplaced reasons are scrubbed of (``[privacy] names`` and the
    lines of ``names_file``), never the names themselves; None when there are none. Only for the warm build's
    fingerprint, mixed with everything else: alone, in a published database, a list of one or two names could be
    confirmed by guessing them (review s3)."""
    names = sorted(set(project.interviews.names)) if project.interviews is not None else []
    return hashlib.sha256("\n".join(names).encode("utf-8")).hexdigest() if names else None


def names_check(project: Any, key: bytes | None) -> str | None:
    """An HMAC (sha256) under the pseudonym ``key`` of the names quotes, agreements and unplaced reasons are
    scrubbed of (:func:`names_digest`'s list, empty too), which a published database may hold: without the key,
    which never leaves the analyst's machine, nobody can confirm a guessed name with it, as nobody can a
    respondent's id with its pseudonym. A notebook on that machine tells a database scrubbed of another list by
    it (:func:`differences`). Written ``KEY:NAMES``: KEY tells which key made it (a build given another key, as
    the tests and benchmarks are, cannot be compared). None without interviews or without a key."""
    if project.interviews is None or key is None:
        return None
    names = "\n".join(["buurtdata names", *sorted(set(project.interviews.names))]).encode("utf-8")
    which = hmac.new(key, b"buurtdata key", "sha256").hexdigest()[:16]
    return f"{which}:{hmac.new(key, names, 'sha256').hexdigest()}"


def checksums(project: Any) -> dict[str, str]:
    """Return the sha256 of every file ``project`` names, by its path relative to the project folder (so a
    project folder moved or copied whole still matches); a file outside it by its folder and name only: the
    database is published, and a path tells where the analyst works (two such files of one name: both). The
    names of ``[privacy] names`` and ``names_file`` are not among them (see :func:`names_digest`): a name added
    there makes ``buurtdata report`` build again, and a notebook tells it by :func:`names_check`."""
    folder = project.path.resolve().parent
    found: dict[str, list[str]] = {}
    for path in inputs(project):
        if path.is_file():
            resolved = path.resolve()
            inside = resolved.is_relative_to(folder)
            name = resolved.relative_to(folder).as_posix() if inside else "/".join(resolved.parts[-2:])
            found.setdefault(name, []).append(digest(path))
    return {name: " ".join(sorted(digests)) for name, digests in sorted(found.items())}


def hashing(project: Any, database: str | Path) -> Future | None:
    """Start hashing ``project``'s inputs (:func:`checksums`) in a thread of its own, for a database file; wait for
    the future before :func:`record`, which then finds every file hashed (:data:`_DIGESTS`).

    Meanwhile the build stages the figures: hashing is reading and sha256 (which leaves Python free), 0.1 s
    of CPU for a million segments' 109 MB (issue 19). A file that cannot be read is left to :func:`record`, which
    hashes it again and says what went wrong where it always did.
    """
    if str(database) == ":memory:":
        return None
    pool = ThreadPoolExecutor(1, thread_name_prefix="hashing inputs")
    try:
        return pool.submit(_hash_quietly, project)
    finally:
        pool.shutdown(wait=False)  # the thread ends once the files are hashed


def _hash_quietly(project: Any) -> None:
    with contextlib.suppress(Exception):  # said by record(), in the build's own thread
        checksums(project)


def gemeenten(project: Any) -> list[str]:
    """The gemeente codes the project covers, ``["NL"]`` for the whole country."""
    return [NATIONAL] if project.national else list(project.gemeenten)


#: How a database names a project file of buurtdata's own samples (``buurtdata:hengelo/project.toml``).
SAMPLE = "buurtdata:"


def record(project: Any, database: str | Path, key: bytes | None = None) -> dict[str, Any]:
    """The columns ``project_settings`` holds of what it was built from (README's Glossary), and the checksums of
    its inputs; an in-memory database (never published) the absolute project file and no checksums.

    A database file is published, and a path tells where the analyst works: it names its project file relative to
    its own folder only when the project lies in the folder the database's folder was written in (``buurtdata
    report --project x/project.toml --out rapport``: ``../x/project.toml``), so never by a path above that folder;
    else by the file's name alone, and a notebook given only the database asks for ``project_file``. A sample's
    (``buurtdata demo``) by :data:`SAMPLE` and its path among the samples, wherever buurtdata is installed. A project
    opened from an overdrachtsdossier by the dossier (:func:`buurtdata.dossier.source`). ``key``: the pseudonym key,
    for :func:`names_check`."""
    in_memory = str(database) == ":memory:"
    path = source(project.path)  # a dossier's project: the dossier (.zip), not the project.toml unpacked from it
    return {
        "project_file": path.resolve().as_posix() if in_memory else named(path, database),
        "project_name": project.name,
        "gemeenten": gemeenten(project),
        "input_checksums": None if in_memory else json.dumps(checksums(project)),
        "names_check": None if in_memory else names_check(project, key),
    }


def named(project_file: Path, database: str | Path) -> str:
    """How a database file at ``database`` names ``project_file`` (see :func:`record`): a sample's by
    :data:`SAMPLE`, one in the folder the database's folder was written in relative to the database's folder, any
    other by its file name alone (then :func:`findable` is false)."""
    project_file = Path(project_file).resolve()
    if project_file.is_relative_to(_samples()):  # buurtdata demo: wherever buurtdata is installed
        return SAMPLE + project_file.relative_to(_samples()).as_posix()
    folder = Path(database).resolve().parent
    near = len(folder.parent.parts) > 1 and project_file.is_relative_to(folder.parent)  # never up to the root
    return Path(os.path.relpath(project_file, folder)).as_posix() if near else project_file.name


def findable(project_file: Path, database: str | Path) -> bool:
    """Whether a notebook given only the database at ``database`` finds ``project_file`` by what it records."""
    said = named(project_file, database)
    return said.startswith(SAMPLE) or "/" in said


def project_file(recorded: dict[str, Any], database: Path) -> Path:
    """The project file the database at ``database`` with ``recorded`` settings was built from, as a path."""
    if recorded["project_file"].startswith(SAMPLE):
        return _samples() / recorded["project_file"].removeprefix(SAMPLE)
    return Path(os.path.normpath(database.resolve().parent / recorded["project_file"]))


def _samples() -> Path:
    return Path(str(resources.files("buurtdata.datasets"))).resolve()


def project_file_said(recorded: dict[str, Any], database: Path) -> str:
    """The project file of :func:`project_file` as a message names it: by its name alone when that is all the
    database recorded (the project lay outside the folder the database's folder was written in)."""
    if "/" not in recorded["project_file"]:
        outside = database.resolve().parent.parent
        return f"{recorded['project_file']!r} (the database names no folder: it lay outside {outside})"
    return str(project_file(recorded, database))


def settings(project: Any) -> dict[str, Any]:
    """The settings of ``project`` a build writes into ``project_settings``, as it writes them."""
    files = project.interviews
    return {
        "year": int(project.year),
        "privacy_threshold": int(project.privacy_threshold),
        "interviews": files.label if files is not None else None,
        "publish_quotes": bool(files.publish_quotes) if files is not None else False,
        "band": int(project.band),
        "geometry_year": int(project.boundaries.year),
    }


#: How a changed setting is named to the reader of a notebook.
_SETTINGS = {
    "privacy_threshold": "privacy threshold ([privacy] threshold)",
    "publish_quotes": "[privacy] publish_quotes",
    "interviews": "the interview set's label",
    "band": "[profile] band",
    "geometry_year": "the boundaries' year",
}


def other_project(project: Any, recorded: dict[str, Any]) -> bool:
    """Whether ``recorded`` (a row of ``project_settings``) is of another project than ``project``: another
    name, gemeente or year."""
    return (recorded["project_name"], list(recorded["gemeenten"]), recorded["year"]) != (
        project.name,
        gemeenten(project),
        project.year,
    )


def described(name: str, codes: list[str], year: int) -> str:
    """A project as an error names it: ``'Hilversum, buurtgesprekken' (GM0402, 2020)``."""
    return f"{name!r} ({', '.join(codes)}, {year})"


def differences(project: Any, recorded: dict[str, Any], key: bytes | None = None) -> list[str]:
    """What changed in ``project`` since the database of ``recorded`` (a row of ``project_settings``) was built:
    its settings (privacy first), the names its quotes are scrubbed of (told with the pseudonym ``key`` only, see
    :func:`names_check`) and the files it names; empty when nothing did (or nothing can be told)."""
    now = settings(project)
    said = [
        f"{what}: {recorded[name]!r} when built, {now[name]!r} now"
        for name, what in _SETTINGS.items()
        if name in recorded and recorded[name] != now[name]
    ]
    then, now_names = recorded.get("names_check"), names_check(project, key)
    same_key = then is not None and now_names is not None and then.split(":")[0] == now_names.split(":")[0]
    if same_key and then != now_names:
        said.append(
            "the names quotes are scrubbed of ([privacy] names, names_file) are not the ones it was built with, "
            "so its quotes may hold a name added since"
        )
    if recorded.get("input_checksums") is None:
        return said
    then, current = json.loads(recorded["input_checksums"]), checksums(project)
    changed = sorted(name for name in then.keys() & current.keys() if then[name] != current[name])
    for names, how in (
        (changed, "changed since"),
        (sorted(current.keys() - then.keys()), "named since"),
        (sorted(then.keys() - current.keys()), "no longer named or found"),
    ):
        if names:
            said.append(f"{how}: {', '.join(names)}")
    return said
