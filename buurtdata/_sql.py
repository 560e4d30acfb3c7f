"""The DuckDB SQL models of ``pipelines/`` (see :mod:`buurtdata._resources`) and the order they run in.

Each SQL file in ``pipelines/staging/`` and ``pipelines/marts/`` is one of two kinds, named in its header:

``-- reads: regions, stg_segments, project_settings``
    a *model*: it creates one table (``create or replace [temp] table <name> as ...``), or a temporary view
    (``create or replace temp view <name> as ...``: what readers would otherwise copy, such as a million segments),
    from the tables it names, and from nothing else; :func:`build` runs it once all of them exist.
``-- run by: <module>``
    a step another module runs itself (the KWB staging, once per KWB file).

The header is checked against the tables the SQL really names after ``from`` or ``join``, so a declaration
cannot drift from the query. The run order comes from the declarations (:class:`graphlib.TopologicalSorter`);
adding a model needs no edit to a Python list.

>>> sorted(models()["buurt_themes"].reads)
['project_settings', 'stg_buurt_heard', 'stg_buurt_theme_counts', 'stg_buurt_theme_grid', 'wijk_themes']
"""

from __future__ import annotations

import contextlib
import functools
import graphlib
import re
import threading
import weakref
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from buurtdata import _resources, codes
from buurtdata._errors import BuurtdataError

_MODEL_FOLDERS = ("staging", "marts")
_READS = re.compile(r"^--\s*reads:(.*)$", re.MULTILINE)
_RUN_BY = re.compile(r"^--\s*run by:", re.MULTILINE)
_WRITES = re.compile(
    r"^create\s+or\s+replace\s+(?:(?:temp\s+|temporary\s+)?table|(?:temp|temporary)\s+view)\s+(\w+)\s+as\b",
    re.MULTILINE | re.IGNORECASE,
)
_COMMENTS_AND_STRINGS = re.compile(r"--[^\n]*|'(?:[^']|'')*'")
# A name after from/join that is not a table function (read_csv(...)) nor a subquery.
_REFERENCES = re.compile(r"\b(?:from|join)\s+([a-z_]\w*)\b(?!\s*\()", re.IGNORECASE)
_CTES = re.compile(r"\b([a-z_]\w*)\s+as\s*\(", re.IGNORECASE)
#: Connections that have the macros already (see :func:`macros`).
_WITH_MACROS: weakref.WeakSet[duckdb.DuckDBPyConnection] = weakref.WeakSet()


class ModelError(BuurtdataError):
    """A SQL model's declaration is wrong, or the models cannot be put in an order."""


@dataclass(frozen=True)
class Model:
    """One SQL file that creates one table from the tables it declares."""

    name: str
    path: str
    reads: frozenset[str]
    sql: str


def pipelines_dir() -> Path:
    """Return the folder holding ``staging/``, ``marts/``, ``seeds/`` and ``macros.sql``."""
    return _resources.folder("pipelines")


def macros(con: duckdb.DuckDBPyConnection) -> None:
    """Create the shared macros, once per connection: ``pipelines/macros.sql`` and the region-code macros of
    :mod:`buurtdata.codes`.

    They are temporary: they belong to the connection and never enter a database file, so a build's file
    cannot carry an older version's definitions, and creating them once is enough.
    """
    if con in _WITH_MACROS:
        return
    con.execute(_macros_sql(pipelines_dir()))
    _WITH_MACROS.add(con)


@functools.cache
def _macros_sql(folder: Path) -> str:
    """The text :func:`macros` runs, read once per process and ``pipelines`` folder (a build makes the macros on
    three connections)."""
    return _code_macros() + (folder / "macros.sql").read_text(encoding="utf-8")


def quiet(con: duckdb.DuckDBPyConnection) -> None:
    """Switch DuckDB's progress bar off, where DuckDB lets a program do so.

    Inside a Jupyter kernel without ipywidgets DuckDB refuses to change the setting at all (an
    ``InvalidInputException``); a notebook must still run as shipped, and there no bar is drawn anyway.
    """
    try:
        con.execute("set enable_progress_bar = false")
    except duckdb.InvalidInputException as error:
        if "ipywidgets" not in str(error):
            raise


def run(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Run one SQL file after the macros, e.g. ``run(con, "marts/regions.sql")``."""
    macros(con)
    con.execute((pipelines_dir() / name).read_text(encoding="utf-8"))


@contextlib.contextmanager
def registered(con: duckdb.DuckDBPyConnection, frames: Mapping[str, Any]) -> Iterator[None]:
    """Let DuckDB read each frame (pandas or Arrow) by its name, for the ``with`` block only, even when it fails.

    >>> import duckdb, pandas as pd
    >>> con = duckdb.connect()
    >>> with registered(con, {"t": pd.DataFrame({"a": [1, 2]})}):
    ...     con.execute("select sum(a) from t").fetchall()
    [(3,)]
    """
    for name, frame in frames.items():
        con.register(name, frame)
    try:
        yield
    finally:
        for name in frames:
            con.unregister(name)


def has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Whether the database has a table ``name`` (a build that left a step out has none of its tables).

    >>> con = duckdb.connect()
    >>> has_table(con, "t")
    False
    >>> has_table(con.execute("create table t (a int)"), "t")
    True
    """
    return bool(con.execute("select count(*) from duckdb_tables() where table_name = ?", [name]).fetchall()[0][0])


@contextlib.contextmanager
def checkpointing(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Write the database's tables into its file (DuckDB's ``checkpoint``) in another thread while the ``with`` block
    runs, so that closing the file later has little left to write.

    For a block that does not use the database (the GeoPackage's layers are written from frames). A checkpoint that
    fails here is left to the one DuckDB makes when the file is closed, which says what went wrong as before.
    """
    try:
        cursor = con.cursor()  # made by this thread; only the thread below uses it
    except duckdb.Error:  # a closed connection: nothing to write
        cursor = None
    if cursor is None:  # outside the except: an error of the block is not told as caused by the closed connection
        yield
        return
    failed: list[BaseException] = []
    writer = threading.Thread(target=_checkpoint, args=(cursor, failed), name="checkpoint")
    writer.start()
    try:
        yield
    finally:
        writer.join()
        cursor.close()
    if failed:  # anything but DuckDB's own error (review x L2): raised here, not lost in the thread
        raise failed[0]


def _checkpoint(cursor: duckdb.DuckDBPyConnection, failed: list[BaseException]) -> None:
    try:
        cursor.execute("checkpoint")
    except duckdb.Error:
        pass  # left to the checkpoint at close, which says what went wrong
    except BaseException as error:  # noqa: BLE001 - handed to the caller's thread
        failed.append(error)


def quote(path: Path) -> str:
    """Quote a file path as a SQL string literal."""
    return "'" + str(path).replace("'", "''") + "'"


def identifier(name: str) -> str:
    """Quote ``name`` (a column or table) as a SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


@functools.cache
def models(folder: Path | None = None) -> dict[str, Model]:
    """Return the models under ``folder`` (default :func:`pipelines_dir`) by the table each writes.

    Raises
    ------
    ModelError
        When a file has no header, two files write one table, or a declaration differs from the SQL.
    """
    folder = pipelines_dir() if folder is None else folder
    found: dict[str, Model] = {}
    problems = []
    for path in sorted(p for sub in _MODEL_FOLDERS for p in (folder / sub).glob("*.sql")):
        where = f"pipelines/{path.parent.name}/{path.name}"
        sql = path.read_text(encoding="utf-8")
        declared = _READS.search(sql)
        if declared is None:
            if not _RUN_BY.search(sql):
                problems.append(f"{where}: no '-- reads: <tables>' (a model) or '-- run by: <module>' header")
            continue
        writes = _WRITES.findall(sql)
        if len(writes) != 1:
            problems.append(
                f"{where}: a model creates exactly one table ('create or replace table <name> as') or temporary view "
                f"('create or replace temp view <name> as'), found {writes}"
            )
            continue
        name = writes[0].lower()
        reads = frozenset(t.strip().lower() for t in declared.group(1).split(",") if t.strip())
        used = _references(sql) - {name}
        if reads != used:
            problems.append(
                f"{where}: '-- reads:' declares {sorted(reads)} but the SQL reads {sorted(used)}; "
                f"declare {sorted(used - reads)}, remove {sorted(reads - used)}"
            )
        if name in found:
            problems.append(f"{where}: writes {name}, which {found[name].path} writes too; one table, one model")
        found[name] = Model(name, where, reads, sql)
    if problems:
        raise ModelError("\n".join(problems))
    return found


def order(sources: Iterable[str], folder: Path | None = None) -> list[Model]:
    """Return every model after the models it reads; ``sources`` are the tables the caller provides itself.

    Raises
    ------
    ModelError
        Naming the model, when it reads a table nobody provides or when models read each other in a circle.
    """
    found = models(folder)
    key = (frozenset(sources), folder)
    known = _ORDERS.get(key)
    # Worked out once per set of sources and read of the models (a build asks seven times); again after
    # models.cache_clear(), which reads the SQL files anew (review x L1).
    if known is None or known[0] is not found:
        known = _ORDERS[key] = (found, _order(found, key[0]))
    return list(known[1])


#: Per set of sources and folder: the models read (:func:`models`) and their order (:func:`order`).
_ORDERS: dict[tuple[frozenset[str], Path | None], tuple[dict[str, Model], tuple[Model, ...]]] = {}


def _order(found: dict[str, Model], sources: frozenset[str]) -> tuple[Model, ...]:
    """:func:`order` of the models ``found``."""
    problems = [
        f"{model.path} reads {table!r}, which no model writes and the runner does not provide "
        f"(sources: {', '.join(sorted(sources))})"
        for model in found.values()
        for table in sorted(model.reads - found.keys() - sources)
    ]
    if problems:
        raise ModelError("\n".join(problems))
    graph = {name: model.reads & found.keys() for name, model in found.items()}
    try:
        return tuple(found[name] for name in graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as error:
        circle = error.args[1]
        files = ", ".join(found[n].path for n in circle[:-1])
        msg = f"the models read each other in a circle: {' -> '.join(circle)} ({files}); one must not read the next."
        raise ModelError(msg) from error


def build(
    con: duckdb.DuckDBPyConnection,
    available: Iterable[str],
    sources: Iterable[str],
    folder: Path | None = None,
    *,
    only: Iterable[str] | None = None,
) -> frozenset[str]:
    """Run, in order, every model not yet built whose inputs are all ``available``; return what is available then.

    A model whose input is missing (no interviews in the project, say) is left out, and so is
    everything that reads it. ``only``: build just these models and the models they read, the others later.
    """
    available = set(available)
    wanted = None if only is None else upstream(only, folder)
    macros(con)
    for model in order(sources, folder):
        if model.name not in available and model.reads <= available and (wanted is None or model.name in wanted):
            con.execute(model.sql)
            available.add(model.name)
    return frozenset(available)


def upstream(tables: Iterable[str], folder: Path | None = None) -> set[str]:
    """Return the models ``tables`` name and every model they read, directly or through other models.

    >>> sorted(upstream(["observations"]))
    ['indicators', 'observations']
    """
    found = models(folder)
    reached: set[str] = set()
    todo = [t for t in tables if t in found]
    while todo:
        name = todo.pop()
        if name not in reached:
            reached.add(name)
            todo += [t for t in found[name].reads if t in found]
    return reached


def downstream(tables: Iterable[str], folder: Path | None = None) -> set[str]:
    """Return the models that read any of ``tables``, directly or through other models."""
    found = models(folder)
    reached = set(tables)
    grown = True
    while grown:
        new = {m.name for m in found.values() if m.name not in reached and m.reads & reached}
        reached |= new
        grown = bool(new)
    return reached - set(tables)


def check_built(available: Iterable[str], absent: Mapping[str, str], folder: Path | None = None) -> None:
    """Fail when a model was not built although none of its inputs is one of the ``absent`` sources.

    ``absent`` maps each source the run did not provide to why (``"no interviews in the project"``).
    """
    expected = downstream(absent, folder)
    lost = sorted(set(models(folder)) - set(available) - expected)
    if lost:
        msg = (
            f"models {lost} were not built, though only {dict(absent)} were left out: "
            "the runner provides an input too late or not at all."
        )
        raise ModelError(msg)


def _references(sql: str) -> set[str]:
    text = _COMMENTS_AND_STRINGS.sub(" ", sql)
    return {t.lower() for t in _REFERENCES.findall(text)} - {t.lower() for t in _CTES.findall(text)}


def _code_macros() -> str:
    """SQL macros for region codes, made from :mod:`buurtdata.codes` so the rules are written once."""
    levels = " ".join(f"when '{prefix}' then '{level}'" for prefix, level in codes.LEVELS.items())
    gemeente = f"'{codes.PREFIXES['gemeente']}' || substr(code, 3, {codes.PARENT_LENGTH['gemeente']})"
    wijk = f"'{codes.PREFIXES['wijk']}' || substr(code, 3, {codes.PARENT_LENGTH['wijk']})"
    return f"""
        create or replace temp macro region_level(code) as case left(code, 2) {levels} end;
        create or replace temp macro gemeente_of(code) as
            case when region_level(code) in ('gemeente', 'wijk', 'buurt') then {gemeente} end;
        create or replace temp macro wijk_of(code) as case when region_level(code) = 'buurt' then {wijk} end;
    """
