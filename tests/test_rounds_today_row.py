"""Today's round reaches stg_round_segments as one row standing for stg_segments' rows (issue 19): the same tables as
when today's segments are staged a second time, the path a round whose themes differ from today's still takes
(review y L4)."""

from __future__ import annotations

import pandas as pd

from buurtdata import pipeline
from buurtdata.pipeline import rounds
from tests.conftest import TEST_KEY

#: The tables built from stg_round_segments, and that table itself (a temporary one of the build's connection).
TABLES = ["stg_round_segments", "buurt_theme_rounds", "buurt_theme_changes", "buurt_followup", "unplaced_segments"]


def _tables(result: pipeline.PipelineResult) -> dict[str, pd.DataFrame]:
    try:
        return {table: result.con.sql(f"select * from {table} order by all").df() for table in TABLES}
    finally:
        result.con.close()


def test_today_as_one_row_gives_the_tables_of_today_staged_again(hengelo, monkeypatch):
    carried = rounds._carried
    staged_again = []

    def another_dtype(*args, **kwargs):
        # The same themes as another dtype: the round is not taken for stg_segments' rows, and is staged again.
        themes = carried(*args, **kwargs)
        staged_again.append(True)
        return themes.astype(object)

    standing_in = []
    today_row = rounds._today_row

    def counted(*args, **kwargs):
        standing_in.append(True)
        return today_row(*args, **kwargs)

    monkeypatch.setattr(rounds, "_today_row", counted)
    fast = _tables(pipeline.run(hengelo, key=TEST_KEY))
    assert standing_in, "today's round was not one row"
    standing_in.clear()
    monkeypatch.setattr(rounds, "_carried", another_dtype)
    slow = _tables(pipeline.run(hengelo, key=TEST_KEY))
    assert staged_again and not standing_in, "today's round was not staged again"
    for table in TABLES:
        assert len(fast[table]) > 0 or table == "buurt_followup", table
        pd.testing.assert_frame_equal(fast[table], slow[table], check_dtype=False, obj=table)
