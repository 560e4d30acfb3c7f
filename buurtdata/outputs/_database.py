"""What a notebook reads from a built database (:func:`buurtdata.outputs.explore.notebook_data`).

The report runs its notebooks in one kernel (``04_verken_een_buurt`` once per wijk), and each reads the same
boundaries file again (about 25 ms a notebook). The last boundaries read are kept, by the identity of the
file and its sidecars (a shapefile's .dbf, a GeoPackage's -wal: path, size, time of change, inode): a file
written since is read again, and each call gets its own copy.
The database itself is opened anew by every call, as before: DuckDB keeps one instance per file while any
connection to it is open, so frames kept from one could be older than the file another connection reads.

Before anything is read, the database is checked to be of the project given and not older than it
(:mod:`buurtdata._built_from`): a notebook must not show another gemeente's figures under this project's title, nor
tables built with an older privacy threshold (user test J).
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import Any

import duckdb
import geopandas as gpd
import pandas as pd

from buurtdata import _built_from
from buurtdata._errors import BuurtdataError
from buurtdata.dossier import source
from buurtdata.project import Project
from buurtdata.sources.interviews.keys import existing_key

#: The file a build writes its database to (:data:`buurtdata.outputs.build.DATABASE`, which imports far more).
DATABASE = "buurtdata.duckdb"

#: The last boundaries read and the warnings reading them gave, by the identity of their file and the layer.
_LAST: dict[tuple[Any, ...], tuple[gpd.GeoDataFrame, list[warnings.WarningMessage]]] = {}


class DatabaseError(BuurtdataError):
    """A notebook's ``database`` is missing, not built by buurtdata, of another project or older than it."""


def built_from(database: Path) -> Path:
    """Return the project file ``database`` was built from (a notebook given a database but no project file)."""
    con = _connect(database)
    try:
        recorded = _recorded(con, database)
    finally:
        con.close()
    path = _built_from.project_file(recorded, database)
    if not path.is_file():
        msg = (
            f"database = {str(database)!r} was built from the project file "
            f"{_built_from.project_file_said(recorded, database)}, which is not there; set "
            "project_file in the parameters cell to that project's file where it is now (papermill: -p "
            "project_file PATH)."
        )
        raise DatabaseError(msg)
    return path


def read(project: Project, database: Path) -> Any:
    """Return the :class:`buurtdata.pipeline.PipelineResult` of ``project`` read from ``database``; raise a
    :class:`DatabaseError` when it is of another project or built before the project or its files changed."""
    from buurtdata import pipeline
    from buurtdata.pipeline import link, scope

    con = _connect(database, project)
    try:
        _check(project, _recorded(con, database), database)
    except BaseException:
        con.close()
        raise
    # The polygons of the gemeenten the build built, as the pipeline narrowed them: a national file holds all.
    boundaries = scope.built(con, _boundaries(project))
    has_themes = project.interviews is not None
    return pipeline.PipelineResult(
        project=project,
        con=con,
        boundaries=boundaries,
        buurten=link.buurt_frame(con, boundaries),
        themes=link.theme_frame(con, boundaries) if has_themes else None,
        placement=pd.DataFrame(columns=["resolved_by", "segments"]),
        unplaced=con.sql("select * from unplaced_segments order by segment_id").df() if has_themes else pd.DataFrame(),
    )


def _connect(database: Path, project: Project | None = None) -> duckdb.DuckDBPyConnection:
    """Open ``database`` read-only, or say what is wrong with the path and how to build it (of ``project``)."""
    how = (
        f"'buurtdata report --project {source(project.path).resolve() if project else 'PROJECT.toml'} --out DIR' "
        f"builds it as DIR/{DATABASE}; or leave database = None, and the notebook builds the tables itself"
    )
    if database.is_dir():
        inside = database / DATABASE
        hint = f"pass the database file in it, {inside}" if inside.is_file() else how
        msg = f"database = {str(database)!r} is a folder, not a database file; {hint}."
        raise DatabaseError(msg)
    if not database.is_file():
        msg = f"database = {str(database)!r} does not exist (seen from {Path.cwd()}); {how}."
        raise DatabaseError(msg)
    try:
        return duckdb.connect(str(database), read_only=True)
    except duckdb.Error as error:
        msg = f"database = {str(database)!r} cannot be read as a DuckDB database ({error}); {how}."
        raise DatabaseError(msg) from None


def _recorded(con: duckdb.DuckDBPyConnection, database: Path) -> dict[str, Any]:
    """The row of ``project_settings``: what ``database`` was built from; refused when it does not say."""
    try:
        cursor = con.execute("select * from project_settings")
    except duckdb.Error:
        msg = (
            f"database = {str(database)!r} is no database buurtdata built (it has no table project_settings); "
            "pass the buurtdata.duckdb of a 'buurtdata report' or 'buurtdata demo', or leave database = None."
        )
        raise DatabaseError(msg) from None
    columns = [column[0] for column in cursor.description]
    recorded = dict(zip(columns, cursor.fetchall()[0], strict=True))
    if "project_file" not in recorded:
        msg = (
            f"database = {str(database)!r} was built by an older buurtdata, which did not record the project it "
            "was built from, so the notebook cannot tell its figures are this project's; build it again: "
            f"buurtdata report --project PROJECT.toml --out {_out(database)}, or leave database = None."
        )
        raise DatabaseError(msg)
    return recorded


def _check(project: Project, recorded: dict[str, Any], database: Path) -> None:
    """Refuse ``database`` (its ``recorded`` settings) when it is of another project, or older than ``project``."""
    # Absolute paths: a notebook's are relative to its own folder, and the command is typed in a terminal elsewhere
    # (this message is never published; only the database is).
    again = f"buurtdata report --project {source(project.path).resolve()} --out"
    if _built_from.other_project(project, recorded):
        then = _built_from.described(recorded["project_name"], list(recorded["gemeenten"]), recorded["year"])
        now = _built_from.described(project.name, _built_from.gemeenten(project), project.year)
        msg = (
            f"database = {str(database)!r} holds project {then}, built from "
            f"{_built_from.project_file_said(recorded, database)}, but "
            f"project_file {source(project.path)} is project {now}. Pass the project file it was built from as "
            f"project_file, or build this project's database: {again} DIR (then database = "
            f"'DIR/{DATABASE}'), or leave database = None."
        )
        raise DatabaseError(msg)
    if changed := _built_from.differences(project, recorded, existing_key()):
        msg = (
            f"database = {str(database)!r} is out of date: {source(project.path)} or its files changed since it was "
            f"built ({'; '.join(changed)}). Build it again: {again} {_out(database)}, or leave database = None."
        )
        raise DatabaseError(msg)


def _out(database: Path) -> str:
    """The ``--out`` that builds ``database`` again: a report's database is its folder's; elsewhere a new folder,
    as a build replaces its folder whole."""
    return str(database.resolve().parent) if database.name == DATABASE else f"DIR (then database = 'DIR/{DATABASE}')"


def _boundaries(project: Project) -> gpd.GeoDataFrame:
    from buurtdata.sources import geometry

    path, layer = project.boundaries.path, project.boundaries.layer
    try:
        key = (_identity(Path(path)), layer)
    except OSError:
        return geometry.read_boundaries(path, layer=layer)  # which says what is wrong with the path
    if key not in _LAST:
        with warnings.catch_warnings(record=True) as told:
            warnings.simplefilter("always")
            boundaries = geometry.read_boundaries(path, layer=layer)
        _LAST.clear()  # the last file's only: a national one is large
        _LAST[key] = boundaries, told
    boundaries, told = _LAST[key]
    # What reading the file told (a repaired polygon, a guessed CRS) is told on every call, as a read would.
    for said in told:
        warnings.warn_explicit(said.message, said.category, said.filename, said.lineno)
    return boundaries.copy()


def _identity(path: Path) -> tuple[Any, ...]:
    """What tells the file at ``path`` (a file, or a folder of one shapefile) from the same path written again."""
    path = path.resolve()
    if path.is_dir():
        files = sorted(path.iterdir())
    else:
        files = sorted(f for f in path.parent.iterdir() if f.name == path.name or f.name.startswith(path.stem + "."))
    stats = [(f, os.stat(f)) for f in files]
    return tuple((str(f), s.st_size, s.st_mtime_ns, s.st_ino, s.st_dev) for f, s in stats)
