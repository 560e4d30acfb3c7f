"""The report index's paragraph about the conversations (outputs/_report_rounds.py) on cases the sample lacks: one
agreement, no unplaced segment, a build without the tables, a round without a period (review of user test R's mend)."""

from types import SimpleNamespace

import duckdb
import spoken

from buurtdata.outputs._links import opened
from buurtdata.outputs._report_rounds import conversations

TWO_ROUNDS = SimpleNamespace(
    interviews=object(),
    rounds=[SimpleNamespace(period="najaar 2023", label="Ronde een"), SimpleNamespace(period="", label="Ronde twee")],
)


def test_one_agreement_and_none_unplaced_are_said_as_such(tmp_path):
    con = duckdb.connect(str(tmp_path / "db.duckdb"))
    con.execute("create table agreements as select 'BU01640101' as code")
    con.execute("create table unplaced_segments as select 'S1' as segment_id where false")
    con.close()
    with opened(tmp_path / "db.duckdb") as con:
        said = conversations(con, TWO_ROUNDS, tmp_path)
    assert said["sentences"] == [
        "De verhalen komen uit 2 gespreksrondes: najaar 2023 en Ronde twee.",
        "Bij eerdere gesprekken is 1 afspraak gemaakt, over 1 buurt. "
        "De handouts en buurttoekomstplannen kijken erop terug.",
        "Alle fragmenten zijn bij een buurt geplaatst.",
    ]
    assert said["unplaced"] is None
    assert not spoken.problems(" ".join(said["sentences"]))


def test_without_the_tables_nothing_is_claimed(tmp_path):
    # No database: the rounds are known from the project, nothing of agreements or unplaced segments.
    said = conversations(None, TWO_ROUNDS, tmp_path)
    assert said["sentences"] == ["De verhalen komen uit 2 gespreksrondes: najaar 2023 en Ronde twee."]
    one_round = SimpleNamespace(interviews=object(), rounds=TWO_ROUNDS.rounds[:1])
    assert conversations(None, one_round, tmp_path) is None
    assert conversations(None, SimpleNamespace(interviews=None, rounds=[]), tmp_path) is None
