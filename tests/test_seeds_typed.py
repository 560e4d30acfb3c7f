"""The seeds are read with their columns' types given (no sniffing); a seed someone changed is sniffed as before."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from buurtdata import _sql
from buurtdata.sources.cbs import staging


def _sniffed(con: duckdb.DuckDBPyConnection, folder, table: str) -> tuple[list, list]:
    name, _ = staging._SEEDS[table]
    text = ", all_varchar = true" if table in staging._TEXT_SEEDS else ""
    relation = f"read_csv({_sql.quote(folder / 'seeds' / name)}, header = true{text})"
    return con.execute(f"describe select * from {relation}").fetchall(), con.execute(f"from {relation}").fetchall()


def _loaded(con: duckdb.DuckDBPyConnection, table: str) -> tuple[list, list]:
    return con.execute(f"describe {table}").fetchall(), con.execute(f"from {table}").fetchall()


def test_the_shipped_seeds_are_the_tables_sniffing_makes():
    con = duckdb.connect()
    staging.load_seeds(con)
    for table in staging._SEEDS:
        assert _loaded(con, table) == _sniffed(con, _sql.pipelines_dir(), table), table


@pytest.mark.parametrize(
    ("table", "edit"),
    [
        ("status_codes", lambda text: text.replace("value,status,meaning", "value,status,meaning,note", 1)),
        ("status_codes", lambda text: text.replace("-99999997", "-99999997.5", 1)),
        ("indicator_catalogue", lambda text: text.replace(",2024,", ",2024a,", 1)),
        ("indicator_definitions", lambda text: text.replace(",", ";")),
        ("indicator_definitions", lambda text: text.replace(",50,", ",,")),  # min_denominator left empty
        ("status_codes", lambda text: "value,status,meaning\n-99999999,1,2\n-99999997,3,4\n"),  # text as numbers
    ],
)
def test_a_changed_seed_is_sniffed_as_before(tmp_path, monkeypatch, table, edit):
    folder = tmp_path / "pipelines"
    shutil.copytree(_sql.pipelines_dir() / "seeds", folder / "seeds")
    seed = folder / "seeds" / staging._SEEDS[table][0]
    seed.write_text(edit(seed.read_text(encoding="utf-8")), encoding="utf-8")
    monkeypatch.setattr(_sql, "pipelines_dir", lambda: folder)
    con = duckdb.connect()
    staging.load_seeds(con)
    assert _loaded(con, table) == _sniffed(con, folder, table)
