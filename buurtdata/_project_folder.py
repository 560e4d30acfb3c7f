"""What ``buurtdata nieuw`` finds in a folder before it writes: a project.toml of another project is refused, as the
folder would otherwise hold that project under the name of the one asked for (nieuw never overwrites a file); and
the CSVs it writes there, as Excel with Dutch settings opens them."""

from __future__ import annotations

import csv
import io
import os
import shlex
import tomllib
from collections.abc import Callable, Sequence
from pathlib import Path

from buurtdata._errors import BuurtdataError, unwritable
from buurtdata.project import NATIONAL


def refuse_another_project(
    folder: Path,
    scope: tuple[str, ...],
    year: int,
    asked: str | Sequence[str],
    scope_of: Callable[[str | Sequence[str]], tuple[str, ...]],
) -> None:
    """Refuse a folder whose project.toml is another project than the one asked for (sweep 12: Amsterdam 2024 into
    an Ermelo 2020 folder kept Ermelo's files and said "ready"); the same project is left as it is, files kept.
    ``scope_of`` reads a project file's gemeente(n) as nieuw reads the codes asked for."""
    path = folder / "project.toml"
    if not path.is_file():
        return
    try:
        there = tomllib.loads(path.read_text(encoding="utf-8"))
        written = there.get("gemeenten", there.get("gemeente"))
        held = () if written == NATIONAL else scope_of(written)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, BuurtdataError, TypeError, ValueError):
        held, there = None, {}
    # A region's gemeenten in another order are the same project (review 12).
    if held is not None and set(held) == set(scope) and there.get("year") == year:
        return
    what = (
        f"the project {there.get('name')!r} ({' '.join(held) or NATIONAL}, year {there.get('year')})"
        if held is not None
        else "a project.toml buurtdata cannot read"
    )
    codes_asked = " ".join([asked] if isinstance(asked, str) else asked)
    msg = (
        f"{path} already holds {what}; nieuw never overwrites a file, so the folder would not be a project of "
        f"{codes_asked}, {year}. Name an empty folder: buurtdata nieuw {codes_asked} --jaar {year} <new folder>."
    )
    raise BuurtdataError(msg)


def unwritable_folder(folder: Path, asked: str | Sequence[str], year: int, error: OSError | None = None) -> None:
    """Refuse ``folder`` when nieuw cannot make it or write in it (``error``: what writing it raised), naming why
    (the disk is read-only, no permission) and a folder to give instead, as ``--out`` of a build does (sweep 13 #9:
    a read-only disk gave "could not read or write a file (Read-only file system: nieuwmap)" and a log file)."""
    where = next((p for p in (folder, *folder.absolute().parents) if p.exists()), None)
    if error is None and (where is None or os.access(where, os.W_OK | os.X_OK) or not where.is_dir()):
        return
    why = unwritable(where if where is not None else folder, error)
    what = "cannot write in it" if where is None or where == folder else f"cannot create it in {where}"
    codes_asked = " ".join([asked] if isinstance(asked, str) else asked)
    instead = shlex.quote(str(Path.home() / folder.name))
    msg = (
        f"nieuw {folder}: {what} ({why}); choose a folder you may write in, e.g. buurtdata nieuw {codes_asked} "
        f"--jaar {year} {instead}"
    )
    raise BuurtdataError(msg) from error


def for_excel(text: str) -> str:
    r"""``text``, a CSV with comment lines (``#``) above its header, with its rows separated by ``;``: Excel with
    Dutch settings splits a double-clicked CSV at ``;`` (a comma-separated header stayed in one cell). buurtdata reads
    either separator.

    >>> for_excel('# een, twee\ncode,theme,description\nWonen,Wonen,"Huren, kopen"\n')
    '# een, twee\ncode;theme;description\nWonen;Wonen;Huren, kopen\n'
    """
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    for line in text.splitlines(keepends=True):
        if line.startswith("#") or not line.strip():
            out.write(line)
        else:
            writer.writerow(next(csv.reader([line])))
    return out.getvalue()
