"""Run the DuckDB SQL files of ``pipelines/`` (see :mod:`buurtdata._resources`)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from buurtdata import _resources


def pipelines_dir() -> Path:
    """Return the folder holding ``staging/``, ``marts/`` and ``seeds/``."""
    return _resources.folder("pipelines")


def run(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Run one SQL file, e.g. ``run(con, "marts/regions.sql")``."""
    con.execute((pipelines_dir() / name).read_text(encoding="utf-8"))


def quote(path: Path) -> str:
    """Quote a file path as a SQL string literal."""
    return "'" + str(path).replace("'", "''") + "'"
