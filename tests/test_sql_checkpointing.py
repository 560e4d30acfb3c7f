"""``_sql.checkpointing``: the database is written beside a block that does not use it (review x L2)."""

from __future__ import annotations

import duckdb
import pytest

from buurtdata import _sql


def test_a_closed_connection_leaves_the_blocks_error_its_own(tmp_path):
    con = duckdb.connect(str(tmp_path / "x.duckdb"))
    con.close()
    with pytest.raises(ValueError, match="layer") as raised, _sql.checkpointing(con):
        raise ValueError("layer could not be written")
    assert raised.value.__context__ is None


def test_the_tables_are_written_and_the_block_runs(tmp_path):
    con = duckdb.connect(str(tmp_path / "x.duckdb"))
    con.execute("create table t as select range as n from range(10)")
    with _sql.checkpointing(con):
        ran = True
    assert ran
    assert con.execute("select count(*) from t").fetchall() == [(10,)]
    con.close()


class _Cursor:
    def __init__(self, error: BaseException) -> None:
        self.error = error

    def execute(self, query: str) -> None:
        raise self.error

    def close(self) -> None:
        pass


class _Connection:
    def __init__(self, error: BaseException) -> None:
        self.error = error

    def cursor(self) -> _Cursor:
        return _Cursor(self.error)


def test_a_duckdb_error_of_the_checkpoint_is_left_to_the_close():
    with _sql.checkpointing(_Connection(duckdb.IOException("disk full"))):  # type: ignore[arg-type]
        pass


def test_any_other_error_of_the_checkpoint_reaches_the_caller():
    with pytest.raises(MemoryError), _sql.checkpointing(_Connection(MemoryError())):  # type: ignore[arg-type]
        pass
