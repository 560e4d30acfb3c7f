"""A unique rule is counted against its distinct values (``validation.sql._count``): it fails exactly when the plain
condition (the rows whose value appears twice) finds a row, and then names the same rows."""

import random

import duckdb

from buurtdata.pipeline.validation import sql
from buurtdata.pipeline.validation.rules import Rule, Suite


def _plain(rows, where):
    """The failing rows of a unique rule on column ``a``, counted in Python."""
    scoped = [r for r in rows if (where is None or r[2] in where) and r[1] is not None]
    seen = {}
    for r in scoped:
        seen[r[1]] = seen.get(r[1], 0) + 1
    return sorted(r[0] for r in scoped if seen[r[1]] > 1)


def test_unique_counted_by_distinct_values_fails_on_the_same_rows():
    draw = random.Random(19)
    con = duckdb.connect()
    for trial in range(300):
        values = draw.choice([["x", "y", "z", "Zoë", "zoë", " x", None], [1.0, 2.0, float("nan"), None, -0.0, 0.0]])
        rows = [(i, draw.choice(values), draw.choice("pq")) for i in range(draw.randint(0, 8))]
        where = draw.choice([None, ("p",)])
        kind = "varchar" if isinstance(values[0], str) else "double"
        con.execute(f"create or replace table t (row int, a {kind}, part varchar)")
        if rows:
            con.executemany("insert into t values (?, ?, ?)", rows)
        rule = Rule(
            "a_unique", "unique", ("a",), "a is unique", "Fix a.", where=None if where is None else ("part", where)
        )
        (outcome,) = sql.run(con, Suite("kwb", "t", "t", "t.csv", "select * from t", ("row",), (rule,)))
        in_sql = sorted(
            row
            for (row,) in con.execute(
                "select row from t where (a is not null) and "
                + ("true" if where is None else "part = 'p'")
                + " and a in (select a from t where a is not null"
                + ("" if where is None else " and part = 'p'")
                + " group by a having count(*) > 1)"
            ).fetchall()
        )
        assert outcome.success == (not in_sql), (trial, rows, where)
        assert outcome.unexpected == len(in_sql), (trial, rows, where)
        if kind == "varchar":
            assert in_sql == _plain(rows, where), (trial, rows, where)
