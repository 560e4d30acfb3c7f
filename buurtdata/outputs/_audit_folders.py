"""The privacy audit's look for the build machine's folders in what a build publishes (user test V).

A published file or table that names the project's folder or the home folder tells where, and often who, the
analyst is (``/home/anneke/ermelo/wijkenbuurten.gpkg``): :func:`buurtdata.outputs.audit.audit` fails the build on it,
naming the file, or the table and column, never the folder.
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Iterable
from pathlib import Path, PurePath, PureWindowsPath
from urllib.parse import quote

import duckdb

#: A Windows path as text (``C:\\Users\\anneke``, ``C:/Users``) or a UNC one (``\\\\server``), read in any case.
_WINDOWS = re.compile(r"[A-Za-z]:[\\/]|\\\\")


def machine_folders(project_file: str | Path) -> list[Path]:
    """The folders of the machine a build runs on that no published file may name: the project's (whose path
    holds where, and often who, the analyst is: ``/home/anneke/ermelo``) and the home folder (user test V).

    The project's as given, made absolute but not resolved: :func:`folder_forms` adds the resolved form, and a
    folder reached through a link is written both ways (review z, M3).
    """
    return [Path(os.path.abspath(project_file)).parent, Path.home()]


def folder_forms(folders: Iterable[str | Path]) -> dict[str, str]:
    r"""Each folder as a published text may write it, with what it is: as given and resolved, with ``\`` and
    ``/``, inside a JSON string (a notebook's ``.ipynb``: ``C:\\Users``, ``jos\u00e9``) and in a link
    (``file:///C:/Users/Anneke%20de%20Vries``). A folder of fewer than two levels (``/``, ``/root``, ``C:\data``)
    is left out: as text it is too common to tell. A Windows path given as text is read as one on any machine.

    >>> sorted(folder_forms([r"C:\Users\Anneke de Vries"]))  # doctest: +NORMALIZE_WHITESPACE
    ['C:/Users/Anneke de Vries', 'C:/Users/Anneke%20de%20Vries', 'C:\\Users\\Anneke de Vries',
     'C:\\\\Users\\\\Anneke de Vries']
    """
    forms: dict[str, str] = {}
    for number, folder in enumerate(folders):
        what = "the project's folder" if number == 0 else "a folder of the machine the build ran on"
        for path in _paths(folder):
            if len(path.parts) < 3:
                continue
            for form in (str(path), path.as_posix(), quote(path.as_posix(), safe="/:")):
                forms.setdefault(form, what)
                forms.setdefault(json.dumps(form)[1:-1], what)
                forms.setdefault(json.dumps(form, ensure_ascii=False)[1:-1], what)
    return forms


def _paths(folder: str | Path) -> list[PurePath]:
    """``folder`` as given and resolved; a Windows path written as text on another machine as given only."""
    if isinstance(folder, str) and _WINDOWS.match(folder) and os.name != "nt":
        return [PureWindowsPath(folder)]
    path = Path(folder)
    return [path, path.resolve()]


def names_folder(text: str, form: str) -> bool:
    r"""Whether ``text`` holds ``form`` (one of :func:`folder_forms`) as a folder: where no more of a name follows it
    (``/tmp/proj`` is not in ``/tmp/projecten``, but is in ``/tmp/proj/x`` and ``/tmp/proj.``), in any case when it
    is a Windows path.

    >>> [names_folder(t, "/tmp/proj") for t in ("in /tmp/proj.", "/tmp/projecten", "/tmp/proj-2", "/tmp/proj.old")]
    [True, False, False, False]
    >>> names_folder(r"in c:\users\anneke\x", r"C:\Users\anneke")
    True
    """
    return _python_pattern(form).search(text) is not None


def re2_pattern(form: str) -> str:
    r""":func:`names_folder` as a DuckDB (RE2) pattern, for ``regexp_matches``.

    >>> print(re2_pattern("/tmp/proj"))
    \x{2f}tmp\x{2f}proj(?:$|[^\pL\pN_.-]|\.(?:$|[^\pL\pN_]))
    """
    literal = "".join(char if char.isalnum() else f"\\x{{{ord(char):x}}}" for char in form)
    return ("(?i)" if _windows(form) else "") + literal + r"(?:$|[^\pL\pN_.-]|\.(?:$|[^\pL\pN_]))"


def folder_removed(text: str, form: str) -> str:
    r"""``text`` without ``form`` (one of :func:`folder_forms`) where :func:`names_folder` finds it, the separator
    after it left: what follows still reads as a path (``\ermelo\project.toml``).

    >>> folder_removed(r"in C:\Users\Anneke\ermelo, not C:\Users\Annekee", r"C:\Users\Anneke")
    'in \\ermelo, not C:\\Users\\Annekee'
    """
    return _python_pattern(form).sub("", text)


@functools.lru_cache(maxsize=256)
def _python_pattern(form: str) -> re.Pattern[str]:
    return re.compile(re.escape(form) + r"(?![\w-]|\.\w)", re.IGNORECASE if _windows(form) else 0)


def _windows(form: str) -> bool:
    """Whether ``form`` is a Windows path, which Windows reads in any case."""
    return os.name == "nt" or _WINDOWS.match(form) is not None


def folders_in_tables(con: duckdb.DuckDBPyConnection, folders: dict[str, str]) -> list[str]:
    """Name each table and text column of the database that holds one of ``folders`` (one query per table)."""
    if not folders:
        return []
    columns: dict[str, list[str]] = {}
    for table, column in con.execute(
        "select table_name, column_name from information_schema.columns where data_type = 'VARCHAR' "
        "and table_schema = current_schema() and table_name in (select table_name from information_schema.tables "
        "where table_type = 'BASE TABLE' and table_schema = current_schema())"
    ).fetchall():
        columns.setdefault(table, []).append(column)
    forms = list(folders)
    problems = []
    for table, names in sorted(columns.items()):
        checks, values = [], []
        for column in names:
            for form in forms:
                # A plain look for the text first (in lower case for a Windows path), the pattern only where found.
                text = f'lower("{column}")' if _windows(form) else f'"{column}"'
                checks.append(f'bool_or(contains({text}, ?) and regexp_matches("{column}", ?))')
                values += [form.lower() if _windows(form) else form, re2_pattern(form)]
        row = con.execute(f'select {", ".join(checks)} from "{table}"', values).fetchall()[0]
        for index, hit in enumerate(row):
            if hit:
                column, form = names[index // len(forms)], forms[index % len(forms)]
                problems.append(f"buurtdata.duckdb: table {table} column {column} names {folders[form]}")
    return problems
