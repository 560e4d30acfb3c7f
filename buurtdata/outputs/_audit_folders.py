"""The privacy audit's look for the build machine's folders in what a build publishes (user test V).

A published file or table that names the project's folder or the home folder tells where, and often who, the
analyst is (``/home/anneke/ermelo/wijkenbuurten.gpkg``): :func:`buurtdata.outputs.audit.audit` fails the build on it,
naming the file, or the table and column, never the folder.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import duckdb


def machine_folders(project_file: str | Path) -> list[Path]:
    """The folders of the machine a build runs on that no published file may name: the project's (whose path
    holds where, and often who, the analyst is: ``/home/anneke/ermelo``) and the home folder (user test V)."""
    return [Path(project_file).resolve().parent, Path.home()]


def folder_forms(folders: Iterable[str | Path]) -> dict[str, str]:
    """Each folder as a published text may write it (as given, resolved, with ``/``), with what it is; a folder of
    fewer than two levels (``/``, ``/root``, ``C:\\data``) is left out: as text it is too common to tell."""
    forms: dict[str, str] = {}
    for number, folder in enumerate(folders):
        what = "the project's folder" if number == 0 else "a folder of the machine the build ran on"
        path = Path(folder)
        for form in (path, path.resolve()):
            if len(form.parts) >= 3:
                forms.setdefault(str(form), what)
                forms.setdefault(form.as_posix(), what)
    return forms


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
        found = ", ".join(f'bool_or(contains("{c}", ?)) filter (where "{c}" is not null)' for c in names for _ in forms)
        row = con.execute(f'select {found} from "{table}"', [f for _ in names for f in forms]).fetchall()[0]
        for index, hit in enumerate(row):
            if hit:
                column, form = names[index // len(forms)], forms[index % len(forms)]
                problems.append(f"buurtdata.duckdb: table {table} column {column} names {folders[form]}")
    return problems
