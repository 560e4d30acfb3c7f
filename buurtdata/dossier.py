"""Open an overdrachtsdossier (``buurtdata overdracht``) as a project again, after checking it is whole.

A dossier is a zip with ``project.toml``, the files it names and ``manifest.json``: the sha256 and size of every
other member, and where each input came from (:mod:`buurtdata.outputs.overdracht` writes it). Opening checks
every member against the manifest (none missing, none added, none changed) and unpacks the dossier into the
cache (``settings.cache_dir/dossiers/<sha256 of the zip>``), so ``Project.load("dossier.zip")`` and every
command that takes ``--project`` read it like any project folder. The checksums show a dossier is complete
and unaltered since it was packed; they do not sign it (whoever can change a file can change the manifest).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from buurtdata._errors import InputFileError, ValidationError

MANIFEST = "manifest.json"
PROJECT = "project.toml"
FORMAT = "buurtdata-overdracht/1"
#: Largest member a dossier may hold once unpacked (a zip bomb stops here, not in the disk).
MAX_MEMBER = 2 * 1024**3
#: How many dossiers the cache keeps unpacked: the most recently opened. An older one goes when another is opened,
#: unless it was opened within :data:`IN_USE` seconds (another process may be reading it); it is unpacked again from
#: its zip when opened again. Every packing of a project gives another zip (its LEESMIJ names the zip), so without a
#: bound the cache grew by one copy per opening (sweep 14 F5: 3.4 GB in a day of 18 MB samples).
KEEP_UNPACKED = 10
IN_USE = 3600


def sha256(data: bytes) -> str:
    """Return the hex sha256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def verify(path: str | Path) -> dict:
    """Return the manifest of the dossier at ``path`` once every member matches it.

    Raises
    ------
    InputFileError
        When ``path`` is not a zip or holds no manifest.
    ValidationError
        Listing every member that is missing, added, changed or unsafe (an absolute path, ``..``).
    """
    path = Path(path)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, FileNotFoundError, IsADirectoryError) as error:
        msg = f"{path} is not an overdrachtsdossier (a zip made by 'buurtdata overdracht'): {error}"
        raise InputFileError(msg) from None
    with archive:
        names = {info.filename for info in archive.infolist() if not info.is_dir()}
        if MANIFEST not in names:
            inside = sorted(n for n in names if PurePosixPath(n).name == PROJECT)
            hint = (
                f"; to build from the project in it, unpack it and pass its {inside[0]} as --project"
                if inside
                else "; ask whoever sent it for the zip 'buurtdata overdracht' wrote"
            )
            msg = f"{path} holds no {MANIFEST}; it was not made by 'buurtdata overdracht' or was repacked{hint}"
            raise InputFileError(msg)
        manifest = json.loads(archive.read(MANIFEST))
        if manifest.get("format") != FORMAT:
            msg = f"{path}: {MANIFEST} has format {manifest.get('format')!r}; this buurtdata reads {FORMAT!r}"
            raise InputFileError(msg)
        listed = manifest.get("files", {})
        problems = _member_problems(
            listed, lambda name: archive.getinfo(name).file_size if name in names else None, archive.open
        )
        for name in sorted(names - set(listed) - {MANIFEST}):
            if _unsafe(name):
                problems.append(f"{name}: unsafe path in the dossier; it is refused")
            problems.append(f"{name}: in the dossier but not in {MANIFEST} (added after packing?)")
    if problems:
        problems = _summarised(problems)
        problems.append("ask whoever packed the dossier for an intact copy; do not edit files inside it")
        raise ValidationError(problems, source=path)
    return manifest


#: How many problems of one kind a refused dossier lists by name; the rest are counted.
_LISTED = 5


def _summarised(problems: list[str]) -> list[str]:
    """The problems of a refused dossier, at most :data:`_LISTED` of each kind by name and the rest counted (user
    test B: a manifest of another dossier listed 116 files one by one)."""
    kinds: dict[str, list[str]] = {}
    for problem in problems:
        kinds.setdefault(problem.split(": ", 1)[-1], []).append(problem)
    out = []
    for kind, found in kinds.items():
        out += found[:_LISTED]
        if len(found) > _LISTED:
            out.append(f"and {len(found) - _LISTED} more files: {kind}")
    return out


#: The unpacked dossiers found intact in this process, by their folder and each file's size and time.
_CHECKED: set[tuple] = set()


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns


def verify_unpacked(folder: Path) -> None:
    """Refuse an unpacked dossier whose files were changed after packing (a project folder with the dossier's
    ``manifest.json`` beside its ``project.toml``), as :func:`verify` refuses such a zip.

    A colleague who unpacks the zip first would otherwise build from changed figures or quotes without a word.
    The folder :func:`open_dossier` unpacked a checked zip into is not checked again, and a folder is hashed again
    only when a file of it changed (its size or time): every notebook of a build loads the project anew.
    """
    from buurtdata import settings

    if folder.resolve().is_relative_to(Path(settings.cache_dir).resolve() / "dossiers"):
        return
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return  # no manifest, or another's: a project folder like any other
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        return
    listed = manifest.get("files", {})
    paths = {name: folder / PurePosixPath(name) for name in listed}
    seen = (str(folder.resolve()), *((name, _stamp(path)) for name, path in sorted(paths.items())))
    if seen in _CHECKED:
        return
    problems = _member_problems(
        listed,
        lambda name: paths[name].stat().st_size if paths[name].is_file() else None,
        lambda name: paths[name].open("rb"),
    )
    if not problems:
        _CHECKED.add(seen)
        return
    problems = _summarised(problems)
    problems.append(
        "build from the dossier's zip as it was handed over; or, to go on with these files as a project of "
        f"your own, delete {MANIFEST} (the folder is then no longer the dossier that was handed over)"
    )
    raise ValidationError(problems, source=folder / MANIFEST)


#: The folders this process unpacked a dossier into -> the dossier as the user named it (for messages).
_OPENED: dict[str, str] = {}


def as_handed_over(text: str) -> str:
    """Return a message with every path inside a dossier this process unpacked named as the user knows it: the
    dossier and the member (``dossier.zip: afspraken/ronde_1.csv``), not the cache folder it was unpacked into
    (user test B: a warning named ``~/.cache/buurtdata/dossiers/aaa6bd2c.../afspraken/ronde_1.csv``)."""
    for folder, zipped in _OPENED.items():
        text = text.replace(folder, f"{zipped}: ")
    return text


#: The project files this process unpacked a dossier's into (resolved) -> the dossier (absolute), for :func:`source`.
_UNPACKED: dict[Path, Path] = {}


def source(project_file: str | Path) -> Path:
    """The file a project was opened from: the dossier (``.zip``, absolute) when ``project_file`` is the
    ``project.toml`` this process unpacked one into, else ``project_file`` itself. A build records it, so that a
    notebook of the report of a dossier finds the dossier, not a ``project.toml`` its user never had (sweep 13 #16).
    """
    return _UNPACKED.get(Path(project_file).resolve(), Path(project_file))


def open_dossier(path: str | Path, folder: str | Path | None = None) -> Path:
    """Check the dossier at ``path``, unpack it (into the cache unless ``folder``) and return its project file."""
    from buurtdata import settings

    path = Path(path)
    manifest = verify(path)
    digest = sha256(path.read_bytes())
    target = Path(folder) if folder is not None else Path(settings.cache_dir) / "dossiers" / digest[:20]
    if not (target / PROJECT).is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        # Unpacked beside the target and renamed in one step: a half-unpacked dossier is never read.
        staging = Path(tempfile.mkdtemp(prefix=".dossier-", dir=target.parent))
        with zipfile.ZipFile(path) as archive:
            for name in manifest["files"]:
                out = staging / PurePosixPath(name)
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(archive.read(name))
            (staging / MANIFEST).write_bytes(archive.read(MANIFEST))
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    if folder is None:
        _prune(target)
    for unpacked in {str(target), str(target.resolve())}:
        _OPENED[os.path.join(unpacked, "")] = str(path)
    _UNPACKED[(target / PROJECT).resolve()] = path.absolute()
    return target / PROJECT


def _prune(opened: Path) -> None:
    """Mark the cached dossier ``opened`` as used now and remove the cached dossiers beyond the :data:`KEEP_UNPACKED`
    most recently opened (and unpacking folders an ended process left), each only when unused for :data:`IN_USE`
    seconds. Only folders named as :func:`open_dossier` names them are touched; a cache that cannot be changed is
    left as it is.

    >>> import tempfile, os
    >>> cache = Path(tempfile.mkdtemp())
    >>> for n in range(KEEP_UNPACKED + 3):
    ...     (cache / f"{n:020x}").mkdir()
    ...     os.utime(cache / f"{n:020x}", (0, n))  # opened long ago, in this order
    >>> (cache / "notes").mkdir()  # not a dossier: kept
    >>> _prune(cache / f"{0:020x}")
    >>> sorted(p.name[-2:] for p in cache.iterdir())
    ['00', '04', '05', '06', '07', '08', '09', '0a', '0b', '0c', 'es']
    """
    try:
        os.utime(opened)
        found = [one for one in opened.parent.iterdir() if _CACHED.fullmatch(one.name)]
    except OSError:
        return
    now = time.time()

    def used(one: Path) -> float:
        try:
            return one.stat().st_mtime
        except OSError:
            return now

    kept = sorted((one for one in found if not one.name.startswith(".")), key=used, reverse=True)[:KEEP_UNPACKED]
    for one in found:
        if one != opened and one not in kept and now - used(one) > IN_USE:
            shutil.rmtree(one, ignore_errors=True)


#: The folders :func:`open_dossier` makes in the cache: a dossier's digest, or one being unpacked.
_CACHED = re.compile(r"[0-9a-f]{20}|\.dossier-\w+")


def _member_problems(
    listed: Mapping[str, Any], size: Callable[[str], int | None], opened: Callable[[str], BinaryIO]
) -> list[str]:
    """What is wrong with each member the manifest lists (``listed``: name -> its sha256), in the order of their
    names: an unsafe path, missing (its ``size`` None), larger unpacked than :data:`MAX_MEMBER`, or changed.

    Each member is hashed as it is read (``opened``), never held whole: a zip bomb stops at its declared size.
    """
    problems = []
    for name in sorted(listed):
        if _unsafe(name):
            problems.append(f"{name}: unsafe path in {MANIFEST}; it is refused")
        elif (found := size(name)) is None:
            problems.append(f"{name}: listed in {MANIFEST} but missing")
        elif found > MAX_MEMBER:
            problems.append(f"{name}: {found} bytes unpacked, more than a dossier member may be")
        else:
            with opened(name) as file:
                if hashlib.file_digest(file, "sha256").hexdigest() != listed[name].get("sha256"):
                    problems.append(f"{name}: its sha256 differs from {MANIFEST}; the file was changed after packing")
    return problems


def _unsafe(name: str) -> bool:
    pure = PurePosixPath(name)
    return pure.is_absolute() or ".." in pure.parts or "\\" in name or ":" in name
