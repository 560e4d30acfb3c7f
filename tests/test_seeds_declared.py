"""The seeds are read with their columns named (``staging.SEEDS``), not sniffed: the same tables as the sniffer's."""

import duckdb
import pytest

from buurtdata import _sql
from buurtdata.sources.cbs import staging


@pytest.mark.parametrize("table", sorted(staging.SEEDS))
def test_a_seed_read_by_its_declared_columns_is_what_the_sniffer_reads(table):
    name, columns = staging.SEEDS[table]
    path = _sql.quote(_sql.pipelines_dir() / "seeds" / name)
    text = ", all_varchar = true" if table == "question_templates" else ""
    con = duckdb.connect()
    sniffed = con.sql(f"select * from read_csv({path}, header = true{text})")
    staging.load_seeds(con)
    loaded = con.sql(f"select * from {table}")
    # Same names in the same order (a column moved in the file would otherwise be read under another's name).
    assert dict(zip(sniffed.columns, map(str, sniffed.types), strict=True)) == columns, (
        f"pipelines/seeds/{name} changed: declare its columns in staging.SEEDS as the sniffer reads them"
    )
    assert loaded.columns == sniffed.columns
    assert loaded.types == sniffed.types
    assert loaded.fetchall() == sniffed.fetchall()


def test_every_seed_the_build_loads_is_declared():
    con = duckdb.connect()
    staging.load_seeds(con)
    tables = {row[0] for row in con.execute("select table_name from duckdb_tables()").fetchall()}
    assert tables == set(staging.SEEDS)
