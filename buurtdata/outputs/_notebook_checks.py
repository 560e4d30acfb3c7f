"""What :func:`buurtdata.outputs.explore.notebook_data` checks of what a notebook asks, and how it tells it.

A ``gemeente`` is taken by its code or its name, as the CLI's ``--gemeente``; buurtdata's warnings show on the
page as one line each, as the CLI prints them.
"""

from __future__ import annotations

import linecache
import os
import re
import warnings
from pathlib import Path
from typing import Any, NoReturn

import pandas as pd

from buurtdata import codes, gemeente_lookup
from buurtdata._errors import BuurtdataError, CodeError
from buurtdata.outputs import _explore_many
from buurtdata.outputs._audit_folders import folder_forms, folder_removed
from buurtdata.project import Project
from buurtdata.sources.cbs import held
from buurtdata.sources.interviews.person_parts import TUSSENVOEGSELS
from buurtdata.sources.interviews.person_words import lists


class KernelFolderGone(BuurtdataError):
    """The folder the notebook's kernel runs in is gone: a new build replaced the report's folder whole."""


def kernel_folder() -> None:
    """Refuse to go on in a folder that is no longer there. A build replaces its output folder whole, so a
    kernel started in ``rapport/notebooks`` before ``buurtdata report`` ran again is left in the removed folder,
    where every relative path fails with a bare "[Errno 2] No such file or directory" (user test J: Leeuwarden,
    the report built again while JupyterLab stayed open, as the project's README asks after a change)."""
    try:
        os.getcwd()
    except FileNotFoundError:
        msg = (
            "The folder this notebook's kernel was started in is no longer there: a new build (buurtdata "
            "report or demo) replaces its folder whole. Restart the kernel (Kernel > Restart Kernel) and run the "
            "notebook again; to see the new build's own copy of this notebook, close it and open it again."
        )
        raise KernelFolderGone(msg) from None


def gemeente_code(gemeente: str) -> str | None:
    """The code ``gemeente`` is written as (GM0402, gm0402, 0402), or None when it is written as a name."""
    try:
        return gemeente_lookup.code_of(gemeente)
    except CodeError as error:
        msg = f"gemeente = {gemeente!r}: {error} Give its code (e.g. 'GM0402') or its name, or leave gemeente empty."
        raise BuurtdataError(msg) from None


def gemeente_named(gemeente: str, data: Any) -> str:
    """The code of the gemeente of the figures called ``gemeente``, else an error that says the closest."""
    known = _explore_many.gemeente_names(data)
    found = gemeente_lookup.find(gemeente, known)
    if len(found.codes) == 1:
        return found.codes[0]
    close = found.codes or found.closest
    if not close:  # no gemeente of the figures: perhaps one of another project
        refuse_gemeente(gemeente, data.project, data)
    said = " or ".join(f"{known[c]!r}, {c}" for c in close)
    msg = (
        f"The notebook was asked for gemeente {gemeente!r}, which names no gemeente of the figures (did you mean "
        f"{said}?); give its code or its name as CBS writes it, or leave gemeente empty (None)."
    )
    raise BuurtdataError(msg)


def _gemeenten_said(project: Project, data: Any = None) -> str:
    """The project's gemeenten as a message names them: code and, once the figures are read, name."""
    names = _explore_many.gemeente_names(data) if data is not None else {}
    said = [f"{code} ({names[code]})" if code in names else code for code in project.gemeenten[:3]]
    return ", ".join(said) + (", ..." if len(project.gemeenten) > 3 else "")


def _kwb_gemeenten(project: Project) -> dict[str, str | None]:
    """Code -> name of every gemeente in the project's KWB file of its year; empty when it cannot be read."""
    from buurtdata.sources.cbs.files import read_kwb_file

    files = project.kwb_files(project.year)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if files.regions is not None:
                regions = pd.read_parquet(files.regions, columns=["Key", "Title"])
            else:
                regions = read_kwb_file(files.data, files.table, files.year)[4]
    except (BuurtdataError, OSError, ValueError, KeyError):
        return {}
    keys = regions["Key"].astype(str).str.strip()
    titles = regions["Title"].astype("string").str.strip() if "Title" in regions else pd.Series(pd.NA, keys.index)
    return {k: (None if pd.isna(t) else str(t)) for k, t in zip(keys, titles, strict=True) if k.startswith("GM")}


def _no_gemeente(gemeente: str, project: Project) -> None:
    """Refuse a ``gemeente`` that is no gemeente at all in the project's KWB year (``GM0081``: user test J was told
    to pass "the project file of GM0081"), with the closest codes and names; nothing when that cannot be told
    (a file of a selection of gemeenten, or one that cannot be read)."""
    known = _kwb_gemeenten(project)
    if not known or held.selection(known):
        return
    try:
        code = gemeente_lookup.code_of(gemeente)
    except CodeError:
        return
    if code is not None and code in known:
        return
    found = gemeente_lookup.find(gemeente, known)
    if code is None and found.codes:
        return
    close = found.closest if code is None else tuple(c.split()[0] for c in codes.nearest(code, dict(known), limit=3))
    said = ", ".join(f"{c} ({known[c]})" if known.get(c) else c for c in close)
    msg = (
        f"The notebook was asked for gemeente {gemeente!r}, which is no gemeente in the KWB {project.year}"
        + (f" (closest: {said})" if said else "")
        + f"; {project.path} covers {', '.join(f'{c} ({known[c]})' if known.get(c) else c for c in project.gemeenten)}"
        + ": give one of those, or leave gemeente empty (None)."
    )
    raise BuurtdataError(msg)


def refuse_gemeente(gemeente: str, project: Project, data: Any = None) -> NoReturn:
    """Refuse a ``gemeente`` the project does not cover, naming the ones it does (by name once ``data`` is read);
    a project of all of NL covers every gemeente of the figures, so ``gemeente`` is none of those. A code or
    name that is no gemeente at all in the project's KWB year is told so, with the closest."""
    if not project.national:
        _no_gemeente(gemeente, project)
    if project.national:
        msg = (
            f"The notebook was asked for gemeente {gemeente!r}, which is no gemeente of the figures of {project.path} "
            f"(all of Nederland, {project.year}); give its code (e.g. 'GM0402') or its name as CBS writes it, or "
            "leave gemeente empty (None)."
        )
        raise BuurtdataError(msg)
    msg = (
        f"The notebook was asked for gemeente {gemeente!r}, but {project.path} covers "
        f"{_gemeenten_said(project, data)}; pass the project file of {gemeente} as project_file, "
        "or leave gemeente empty (None)."
    )
    raise BuurtdataError(msg)


def notes_for_warnings() -> None:
    """Show buurtdata's warnings on a notebook's page as one line each, as the CLI prints them: the file and line
    of the code that warned (Python's default, in a red box) say nothing to a reader (user test J). Others'
    warnings show as Python shows them, but with their file named without its folder: a library's path is the
    analyst's (``/home/anneke/.venv/.../pandas/...``) and the page is published (user test V)."""
    if getattr(warnings.showwarning, "buurtdata", False):
        return
    python = warnings.showwarning

    def note(
        message: Warning | str, category: type[Warning], filename: str, lineno: int, file: Any = None, line: Any = None
    ) -> None:
        if category.__module__.split(".")[0] != "buurtdata":
            line = linecache.getline(filename, lineno) if line is None else line
            python(unfoldered(str(message)), category, os.path.basename(filename), lineno, file, line)
        else:
            print(f"Let op: {unfoldered(str(message))}")

    note.buurtdata = True  # type: ignore[attr-defined]
    warnings.showwarning = note


#: What a path's part may hold: no space, separator or punctuation that ends a path in a message.
_PART = r"[^\s\\/:;,()'\"]"
#: A folder of several words: no file name with an extension and a space in it, at most 6 words.
_WORDS_PART = rf"(?![^\\/\n]*\.\w+\s){_PART}(?:(?:[^\\/:;,()'\"\s]*+[ ]){{0,5}}[^\\/:;,()'\"\s]*{_PART})?"
#: An absolute path (POSIX, Windows with a drive letter or a UNC one, or a file:// link) up to its last part: a file
#: or folder named in a message. A folder of several words (``C:\\Users\\Anneke de Vries``, ``OneDrive - Gemeente
#: Hengelo``) is taken when a file name with an extension follows it and none is in it (review z, M2), or a last part
#: that ends the path (``C:\\Data\\Team Wijkzaken\\ermelo: niet gevonden``, ``... ermelo bestaat niet``: scrub9);
#: one without spaces before any name.
_FOLDERS = re.compile(
    rf"(?:\bfile://|(?<![\w.~:/\\]))(?:/?[A-Za-z]:|\\)?[\\/]"
    rf"(?:(?:{_WORDS_PART}[\\/])+(?={_PART}+\.\w|{_PART}+(?:[:;,)'\"!?]|\.(?!\w)|\s|\Z))"
    rf"|(?:{_PART}+[\\/])+(?={_PART}))"
)

#: A path that ends in the folder directly under a Users or home folder: a person's (``C:\\Users\\Anneke de Vries:
#: geen toegang``, ``/home/anneke de vries: niet gevonden``; review aa, S8), said ``een map``. A name of several words
#: is taken up to the punctuation that ends a path in a message (``:;,)`` or a quote); else its first word alone, so
#: the rest of the message stays (review ab, M2: ``Kan /home/jan niet lezen`` became ``Kan een map``).
_PERSONS_FOLDER = re.compile(
    rf"(?:\bfile://|(?<![\w.~:/\\]))(?:/?[A-Za-z]:|\\)?[\\/](?:{_PART}+[\\/])*?"
    rf"(?i:users|home|documents and settings)[\\/]"
    rf"(?:{_WORDS_PART}(?=[:;,)'\"])|{_PART}+?(?=[.!?]*(?:\s|\Z))(?!(?:[ ][^\s\\/:;,()'\"]+){{1,5}}[\\/]))"
)


def unfoldered(message: str) -> str:
    r"""``message`` with each absolute path written as its file's name: a notebook's page is published, and a
    folder names where (and often who) the analyst is; the command line, on the analyst's own screen, says it whole.
    The home folder goes first, however it is written (a folder of several words is not told by its shape alone).

    >>> unfoldered("/home/anneke/ermelo/project.toml: [privacy].threshold = 1 shows ...")
    'project.toml: [privacy].threshold = 1 shows ...'
    >>> unfoldered(r"C:\Users\anneke\project.toml: x; kaart/buurten.gpkg and 1/2 stay")
    'project.toml: x; kaart/buurten.gpkg and 1/2 stay'
    >>> unfoldered(r"C:\Users\Anneke de Vries\ermelo\project.toml: threshold 1, see file:///home/a/b/kaart.html")
    'project.toml: threshold 1, see kaart.html'
    >>> unfoldered(r"C:\Users\Anneke de Vries: geen toegang"), unfoldered("/home/anneke (geen toegang)")
    ('een map: geen toegang', 'een map (geen toegang)')
    >>> unfoldered("Kan /home/jan niet lezen"), unfoldered("Map /home/piet bestaat niet. Maak hem aan.")
    ('Kan een map niet lezen', 'Map een map bestaat niet. Maak hem aan.')
    """
    for form in sorted(folder_forms([Path.home()]), key=len, reverse=True):
        message = folder_removed(message, form)
    out, at = [], 0
    for found in _PERSONS_FOLDER.finditer(message):
        # Its name read on over the words of a person's name (fix-left10: /home/anneke de vries niet gevonden).
        out += [message[at : found.start()], "een map"]
        at = _name_end(message, found.end())
    return _FOLDERS.sub("", "".join(out) + message[at:])


#: A word after a one-word folder name, up to where a path ends in a message.
_NEXT_WORD = re.compile(r"[ ]([^\W\d_][\w'’-]*)(?=[\s:;,()'\".!?]|\Z)")


def _name_end(message: str, end: int) -> int:
    """Where a person's name that a folder under Users or home opens at ``end`` goes on to, with no punctuation after
    it: over tussenvoegsels and the word after them (``anneke de vries``, ``Jan van den Berg``) and a listed surname
    that is no ordinary word (``anneke jansen``); the message's words after it stay (``niet gevonden``, ``kan niet``,
    ``bestaat niet``). A word that ends a sentence (``.``, ``!``, ``?``) ends it."""
    names, particle = lists(), False
    for _ in range(5):
        if message[end : end + 1] != " ":
            break
        word = _NEXT_WORD.match(message, end)
        if word is None:
            break
        folded = word[1].casefold()
        if folded in TUSSENVOEGSELS or folded == "'t":
            particle = True
        elif particle or (folded in names.surnames and folded not in names.not_names):
            particle = False
        else:
            break
        end = word.end()
    return end
