"""Publish an output folder whole or not at all, one build at a time.

A build writes into a fresh folder beside ``out`` (same parent, so relative paths in the output stay the same)
and swaps it in only when every file was written: the old folder is renamed aside, the new one renamed in,
the old one deleted. A killed build therefore leaves the previous output whole, and a rebuild publishes only
what it produced.

A file in ``out`` that no build wrote, or that was changed since (notes, scans of the handouts filled in, a
notebook run and saved), is never deleted: the next build moves it to ``NAME-eigen-bestanden`` beside ``out`` and
warns (:class:`KeptAsideWarning`; sweep 12: a colleague's rebuild erased them). The state file records each published
file's size and time for that.

A state file beside ``out`` (``.NAME.buurtdata``) is locked with ``flock`` while a build runs and holds its
pid; the kernel releases the lock when the process dies, so a killed build never leaves a stale lock. The
file stays after a build that published ``out``: it marks ``out`` as a folder buurtdata may replace whole (a
failed build that left no ``out`` removes it). A non-empty folder
without it is refused, as are folders that hold the project's inputs or a repository.

After a build published by :func:`build_once` the state file holds what the build was made from (a fingerprint
of its inputs, settings and buurtdata itself) and the checksum of every file it published. A next build with
the same fingerprint reuses ``out`` as it is when its files still match those checksums: same inputs give the
same bytes, so building again would write exactly these files.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shlex
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from buurtdata import _errors
from buurtdata._errors import OutputFolderError, few, unwritable

#: Marks the root of a repository or source tree: never an output folder.
REPOSITORY_MARKERS = (".git", "pyproject.toml", "setup.py")


class KeptAsideWarning(UserWarning):
    """Files in an output folder that no build wrote, or changed since, were moved beside it, not deleted."""


def state_file(out: Path) -> Path:
    """Return the lock and marker file of output folder ``out``."""
    return out.parent / f".{out.name}.buurtdata"


@contextlib.contextmanager
def staged(out: str | Path, *, inputs: Iterable[Path] = ()) -> Iterator[Path]:
    """Yield an empty folder to build into; publish it as ``out`` when the block ends without an error.

    Parameters
    ----------
    out
        The output folder; refused when it is a file, its parent is missing or read-only, it holds one of
        ``inputs`` or a repository, or it holds files that no earlier build wrote.
    inputs
        The files the build reads (the project file and every file it names).

    Raises
    ------
    OutputFolderError
        When ``out`` is refused, or another build is writing into it.
    """
    out = Path(out).absolute()
    check(out, inputs=inputs)
    with _locked(out) as state:
        published = _published(state)
        _recover(out, published)
        # No fingerprint: a next build builds again; what it published, so a next build keeps what was added.
        with _building(
            out, published, lambda: state.publish(json.dumps({"written": _stamps(out)}, sort_keys=True))
        ) as building:
            yield building


def build_once(
    out: str | Path, make: Callable[[Path], Any], *, fingerprint: str, inputs: Iterable[Path] = ()
) -> tuple[Any, bool]:
    """Publish what ``make`` writes into a fresh folder as ``out``, unless ``out`` already holds it.

    Parameters
    ----------
    out
        The output folder, refused as by :func:`staged`.
    make
        Writes the build into the folder it is given and returns a record of it (anything JSON can hold).
    fingerprint
        What the build is made from: inputs, settings and the version of buurtdata. When the previous build
        of ``out`` had the same fingerprint and ``out`` still holds exactly the files it published, ``make``
        does not run and that build's record is returned.
    inputs
        The files the build reads (see :func:`staged`).

    Returns
    -------
    tuple
        The record of the build, and whether ``out`` was reused as it was.
    """
    out = Path(out).absolute()
    check(out, inputs=inputs)
    with _locked(out) as state:
        published = _published(state)
        _recover(out, published)
        previous = _unchanged(out, state.before, fingerprint)
        if previous is not None:
            return previous, True
        made: dict[str, Any] = {"fingerprint": fingerprint}

        def swapped() -> None:
            state.publish(json.dumps({**made, "written": _stamps(out)}, sort_keys=True))

        with _building(out, published, swapped) as building:
            made["record"] = make(building)
            made["files"] = _checksums(building)
        return made["record"], False


def _unchanged(out: Path, state: str, fingerprint: str) -> Any:
    """The record of the previous build when it had ``fingerprint`` and ``out`` still holds what it published."""
    try:
        previous = json.loads(state)
    except ValueError:
        return None  # no record: a first build, or one killed before it published
    if not isinstance(previous, dict) or previous.get("fingerprint") != fingerprint or not out.is_dir():
        return None
    # A file added since (notes beside the report) does not make it another build: it stays, and so does the rest.
    now = _checksums(out)
    return previous["record"] if all(now.get(name) == sha for name, sha in previous["files"].items()) else None


def _checksums(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _stamps(folder: Path) -> dict[str, list[int]]:
    """Size and modification time (ns) of each file in ``folder``: what a build published, to tell a file changed
    or added since (moving the folder in keeps them; a copy without ``-p`` does not, and is kept aside whole)."""
    return {
        path.relative_to(folder).as_posix(): [stat.st_size, stat.st_mtime_ns]
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.is_symlink()
        for stat in (path.stat(),)
    }


def _published(state: _State) -> dict[str, list[int]] | dict[str, str] | int:
    """What the build recorded in ``state`` it published: each file's size and time (:func:`_stamps`); from an older
    buurtdata, each file's sha256 (a report's record); else the time (ns) the state file was last written."""
    try:
        previous = json.loads(state.before)
    except ValueError:
        previous = None
    previous = previous if isinstance(previous, dict) else {}
    for kind in ("written", "files"):
        if isinstance(previous.get(kind), dict):
            return previous[kind]
    return previous["stamped"] if isinstance(previous.get("stamped"), int) else state.stamped


def _keep_theirs(old: Path, out: Path, published: dict[str, list[int]] | dict[str, str] | int) -> None:
    """Move each file of the replaced output ``old`` that no build published, or that changed since, to
    ``NAME-eigen-bestanden`` beside ``out``, and warn. An older record gives checksums; without one (``published``
    a time: handouts an older buurtdata built), a file is the build's when it was written before that build ended
    and the new build writes it too; when in doubt it is kept (review 12, 12b).
    Jupyter's own copies (``.ipynb_checkpoints``) go with the old folder."""
    theirs = []
    for path in sorted(old.rglob("*")):
        if not path.is_file() or path.is_symlink() or ".ipynb_checkpoints" in path.parts:
            continue
        name = path.relative_to(old).as_posix()
        stat = path.stat()
        if isinstance(published, int):  # when in doubt, kept: also a file the new build does not write (review 12b)
            ours = stat.st_mtime_ns <= published and (out / name).exists()
        elif isinstance(published.get(name), str):  # an older record's sha256
            ours = published[name] == hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            ours = published.get(name) == [stat.st_size, stat.st_mtime_ns]
        if not ours:
            theirs.append(name)
    if not theirs:
        return
    kept, number = out.parent / f"{out.name}-eigen-bestanden", 1
    while kept.exists():
        number += 1
        kept = out.parent / f"{out.name}-eigen-bestanden-{number}"
    for name in theirs:
        (kept / name).parent.mkdir(parents=True, exist_ok=True)
        (old / name).rename(kept / name)
    _errors.warn(
        f"{len(theirs)} file(s) in {out} that no buurtdata build wrote, or that were changed since ({few(theirs)}), "
        f"were moved to {kept}, not deleted: a build replaces {out} whole. Keep your own files in another folder; "
        "a notebook saved there may hold quotes of the earlier build: delete it when a consent is withdrawn.",
        KeptAsideWarning,
        stacklevel=4,
    )


@contextlib.contextmanager
def _building(
    out: Path,
    published: dict[str, list[int]] | dict[str, str] | int = 0,
    swapped: Callable[[], None] = lambda: None,
) -> Iterator[Path]:
    """Yield a fresh folder beside ``out``; swap it in as ``out`` when the block ends without an error, keeping
    what the previous ``out`` held that no build ``published`` (:func:`_keep_theirs`)."""
    building = out.parent / f".{out.name}.new-{os.getpid()}"
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir()
    try:
        yield building
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    _swap(building, out, published, swapped)


def _said(path: Path) -> str:
    """``path`` as a shell takes it, for a command the user may copy: quoted when it holds a space or the like
    (``--out '/tmp/Mijn Documenten/rapport'``; unquoted, a shell reads two arguments)."""
    return shlex.quote(str(path))


def check(out: Path, *, inputs: Iterable[Path] = ()) -> None:
    """Raise :class:`OutputFolderError` when ``out`` may not be (re)written whole; see :func:`staged`."""
    out = Path(out).absolute()
    name = out.name or "buurtdata-uitvoer"
    if out.exists() and not out.is_dir():
        msg = (
            f"--out {out} is a file, not a folder; a build writes a folder of files. "
            f"Give a folder, e.g. --out {_said(out.with_name(out.stem + '-uitvoer'))}."
        )
        raise OutputFolderError(msg)
    if not out.parent.is_dir():
        # A file on the way (``interviews.csv/rapport``) cannot be made a folder: mkdir -p would fail on it.
        blocking = next((p for p in out.parents if p.exists() and not p.is_dir()), None)
        if blocking is not None:
            msg = (
                f"--out {out}: {blocking} is a file, not a folder, so no folder can be made in it. "
                f"Give a folder elsewhere, e.g. --out {_said(Path.cwd() / name)}."
            )
            raise OutputFolderError(msg)
        msg = (
            f"--out {out}: its parent folder {out.parent} does not exist. Create it first "
            f"(mkdir -p {_said(out.parent)}) or give a folder in an existing one, "
            f"e.g. --out {_said(Path.cwd() / name)}."
        )
        raise OutputFolderError(msg)
    for folder in (out.parent, *([out] if out.exists() else [])):
        if not os.access(folder, os.W_OK | os.X_OK):
            msg = (
                f"--out {out}: cannot write in {folder} ({unwritable(folder)}). "
                f"Give a folder you may write in, e.g. --out {_said(Path.home() / name)}."
            )
            raise OutputFolderError(msg)
    if not out.exists():
        return
    _refuse_working_folder(out)
    repository = [m for m in REPOSITORY_MARKERS if (out / m).exists()]
    if repository:
        msg = (
            f"--out {out} is the root of a repository or source tree (it holds {repository[0]}); a build "
            f"replaces its output folder whole. Give a folder of its own, "
            f"e.g. --out {_said(out / 'buurtdata-uitvoer')}."
        )
        raise OutputFolderError(msg)
    # Resolved, so a project reached through a symbolic link is still seen inside ``out``.
    real = out.resolve()
    held = sorted(p for p in (Path(i).resolve() for i in inputs) if real in p.parents)
    if held:
        msg = (
            f"--out {out} holds the project's input {held[0]}; a build replaces its output folder whole and "
            f"would delete it. Give a folder without inputs, e.g. --out {_said(out / 'uitvoer')}."
        )
        raise OutputFolderError(msg)
    if not state_file(out).exists() and any(out.iterdir()):
        example = sorted(p.name for p in out.iterdir())[0]
        msg = (
            f"--out {out} holds files no buurtdata build wrote (e.g. {example!r}); a build replaces its output "
            f"folder whole. Give a new or empty folder, e.g. --out {_said(out.with_name(name + '-buurtdata'))}, "
            f"or delete {out} if it is an output of an older buurtdata."
        )
        raise OutputFolderError(msg)


def _refuse_working_folder(out: Path) -> None:
    """Refuse ``out`` when the command runs in it (or in a folder inside it): the build would replace the folder
    the shell is in, and ``ls`` there shows nothing, not even the report it was told of (user test K: ``--out .``)."""
    try:
        here = Path.cwd().resolve()
    except FileNotFoundError:  # the working folder was already replaced or deleted: nothing left to strand
        return
    real = out.resolve()
    if here == real or real in here.parents:
        msg = (
            f"--out {out} is the folder this command runs in{'' if here == real else ' (or holds it)'}; a build "
            f"replaces its output folder whole, which would leave your terminal in a deleted folder that shows "
            f"none of the new files. Give a folder inside it, e.g. --out {_said(here / 'rapport')}, or run the "
            f"command from another folder (cd ..)."
        )
        raise OutputFolderError(msg)


@dataclass
class _State:
    """The state file's record before this build, what it holds once the build ends, and when it was written
    before this build (ns: when the last build ended, for a record an older buurtdata wrote)."""

    before: str
    after: str
    stamped: int = 0
    handle: int = -1

    def publish(self, after: str) -> None:
        """Record what the folder now holds, at once (below the pid while the build still runs): a build stopped
        after it swapped its folder in leaves the record of that folder, not of the one before (review 12b)."""
        self.after = after
        if self.handle >= 0:
            os.ftruncate(self.handle, 0)
            os.pwrite(self.handle, f"{os.getpid()}\n{after}".encode(), 0)


def _record(text: str) -> str:
    r"""The record of a state file's ``text``, without the pid line a build writes above it while it runs.

    >>> _record('4711\n{"written": {}}'), _record("4711\n"), _record('{"written": {}}')
    ('{"written": {}}', '', '{"written": {}}')
    """
    first, _, rest = text.partition("\n")
    return rest if first.strip().isdigit() else text


def _lock(path: Path, out: Path) -> int:
    """Return the marker ``path`` of ``out`` opened and locked; refuse when another build holds it.

    A failed first build removes its marker while it holds the lock: a build that opened the file just before
    would then lock a file no longer there (and a third build a new one beside it), so it opens the path again.
    """
    while True:
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(handle, 32, 0).decode("ascii", errors="replace").split("\n")[0].strip() or "?"
            os.close(handle)
            msg = (
                f"--out {out}: another build (process {holder}) is writing into this folder. Wait for it to "
                f"finish, or give another folder, e.g. --out {out.with_name(out.name + '-2')}."
            )
            raise OutputFolderError(msg) from None
        try:
            if os.fstat(handle).st_ino == os.stat(path).st_ino:
                return handle
        except FileNotFoundError:
            pass
        os.close(handle)  # which lets the lock of the removed file go


@contextlib.contextmanager
def _locked(out: Path) -> Iterator[_State]:
    path = state_file(out)
    handle = _lock(path, out)
    try:
        stamped = os.fstat(handle).st_mtime_ns
        before = _record(Path(path).read_text(encoding="utf-8", errors="replace"))
        if not isinstance(published := _published(_State(before, before, stamped)), dict):
            # A folder an older buurtdata built, without a record of its files: the time its build ended is kept
            # in the record, so a failed build now does not move it on (review 12b).
            before = json.dumps({"stamped": published})
        os.ftruncate(handle, 0)
        # The pid first (a build that waits names it), the record below it: a build killed now leaves the record
        # of the folder it did not replace (review 12: without it a next build could not tell the user's files).
        os.pwrite(handle, f"{os.getpid()}\n{before}".encode(), 0)
        # A failed build leaves ``out`` as it was, so the record of it stays true.
        state = _State(before=before, after=before, stamped=stamped, handle=handle)
        try:
            yield state
        except BaseException:
            # A first build that failed published no folder: a marker of nothing would only puzzle the user and
            # make a later build think the folder is buurtdata's. Removed while still locked; a build that opened
            # it meanwhile opens it again once it gets the lock (_lock).
            if not out.exists():
                path.unlink(missing_ok=True)
            raise
        finally:
            os.ftruncate(handle, 0)
            if state.after:
                os.pwrite(handle, state.after.encode("utf-8"), 0)
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        os.close(handle)


def _recover(out: Path, published: dict[str, list[int]] | dict[str, str] | int = 0) -> None:
    """Clean up after a build that was killed: put a swapped-aside output back, drop half-built folders. An old
    output a build was killed in the middle of replacing keeps the user's files first (:func:`_keep_theirs`)."""
    old = sorted(out.parent.glob(f".{out.name}.old-*"))
    if old and not out.exists():
        old.pop().rename(out)
    for leftover in old:
        _keep_theirs(leftover, out, published)
    for leftover in [*old, *out.parent.glob(f".{out.name}.new-*")]:
        shutil.rmtree(leftover, ignore_errors=True)


def _swap(
    building: Path,
    out: Path,
    published: dict[str, list[int]] | dict[str, str] | int = 0,
    swapped: Callable[[], None] = lambda: None,
) -> None:
    aside = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        out.rename(aside)
    building.rename(out)
    swapped()  # the new folder's record, before the old one is cleaned up
    if aside.exists():
        _keep_theirs(aside, out, published)
    shutil.rmtree(aside, ignore_errors=True)
