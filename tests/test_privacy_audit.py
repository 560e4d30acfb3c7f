"""The privacy audit reasons like a hostile reader: crafted leaks are caught, the sample and its builds pass."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from buurtdata import pipeline
from buurtdata.outputs import audit

K = 3
TOO_FEW, SHOWN, NONE = "te weinig stemmen", "getoond", "geen stemmen"
THIN = "te weinig gesprekken"


def _buurten(*rows):
    return pd.DataFrame(rows, columns=["buurt", "wijk", "theme", "respondents", "status"])


def _wijken(*rows):
    return pd.DataFrame(rows, columns=["wijk", "theme", "respondents", "status"])


def _roles(*rows):
    return pd.DataFrame(rows, columns=["buurt", "theme", "role", "respondents", "status"])


def _unplaced(*wijken):
    return pd.DataFrame({"wijk": list(wijken)}, dtype=object)


TWO_SMALL = _buurten(
    ("B1", "W1", "Wonen", None, TOO_FEW), ("B2", "W1", "Wonen", None, TOO_FEW), ("B3", "W1", "Wonen", 5, SHOWN)
)


def test_two_small_buurten_under_one_wijk():
    # The case: two buurten with too few, the wijk shows 4, nothing placed in the wijk alone.
    problems = audit.audit_tables(
        {
            "buurt_themes": TWO_SMALL,
            "wijk_themes": _wijken(("W1", "Wonen", 4, SHOWN)),
            "unplaced": _unplaced(None, "W2"),
        },
        K,
    )
    assert len(problems) == 1 and "each hidden buurt group must be 2" in problems[0]


def test_two_small_buurten_with_room_to_spare_pass():
    for total in (3,):
        assert (
            audit.audit_tables(
                {
                    "buurt_themes": TWO_SMALL,
                    "wijk_themes": _wijken(("W1", "Wonen", total, SHOWN)),
                    "unplaced": _unplaced(),
                },
                K,
            )
            == []
        )


def test_wijk_only_voices_widen_what_a_reader_can_tell():
    # Two wijk-only segments in W1: the hidden groups hold 2 to 4 together, no single size.
    assert (
        audit.audit_tables(
            {
                "buurt_themes": TWO_SMALL,
                "wijk_themes": _wijken(("W1", "Wonen", 4, SHOWN)),
                "unplaced": _unplaced("W1", "W1"),
            },
            K,
        )
        == []
    )


def test_one_small_buurt_beside_a_wijk_total():
    buurten = _buurten(("B1", "W1", "Wonen", None, TOO_FEW), ("B2", "W1", "Wonen", None, NONE))
    problems = audit.audit_tables(
        {"buurt_themes": buurten, "wijk_themes": _wijken(("W1", "Wonen", 3, SHOWN)), "unplaced": _unplaced("W1")}, K
    )
    assert len(problems) == 1 and "must be 2" in problems[0]


def test_roles_that_add_up():
    buurten = _buurten(("B1", "W1", "Wonen", 5, SHOWN))
    roles = _roles(
        ("B1", "Wonen", "bewoner", 3, SHOWN),
        ("B1", "Wonen", "ondernemer", None, TOO_FEW),
        ("B1", "Wonen", "professional", None, TOO_FEW),
        ("B1", "Wonen", "onbekend", 0, NONE),
    )
    problems = audit.audit_tables({"buurt_themes": buurten, "roles": roles}, K)
    assert len(problems) == 1 and "each must be 1" in problems[0]
    # Withheld as a whole ('afgeschermd'), the same roles give nothing away.
    hidden = roles.assign(respondents=None, status="afgeschermd")
    assert audit.audit_tables({"buurt_themes": buurten, "roles": hidden}, K) == []


def test_roles_of_many_groups_each_found_once_in_order():
    # Roles shown for a hidden group, roles that size each other, roles with room to spare, and roles of a
    # buurt-theme that has no row at all: one message per group, in the order of buurt and theme.
    buurten = _buurten(
        ("B1", "W1", "Zorg", 5, SHOWN), ("B1", "W1", "Wonen", None, TOO_FEW), ("B2", "W1", "Wonen", 8, SHOWN)
    )
    roles = _roles(
        ("B2", "Wonen", "bewoner", 3, SHOWN),
        ("B2", "Wonen", "ondernemer", None, TOO_FEW),
        ("B2", "Wonen", "professional", None, TOO_FEW),
        ("B1", "Zorg", "bewoner", 3, SHOWN),
        ("B1", "Zorg", "ondernemer", None, TOO_FEW),
        ("B1", "Wonen", "bewoner", 3, SHOWN),
        ("B0", "Groen", "bewoner", None, TOO_FEW),
        ("B3", "Groen", "bewoner", 4, SHOWN),
    )
    assert audit.audit_tables({"buurt_themes": buurten, "roles": roles}, K) == [
        "buurt_theme_roles: B1 Wonen shows roles of a group that is not shown",
        "buurt_theme_roles: B1 Zorg: total 5 minus the shown roles leaves 2 for 1 small role(s) (ondernemer): "
        "each must be 2",
        "buurt_theme_roles: B3 Groen shows roles of a group that is not shown",
    ]


def test_counts_below_the_threshold_and_quotes_that_point_at_small_groups():
    buurten = _buurten(
        ("B1", "W1", "Wonen", 2, SHOWN), ("B2", "W1", "Zorg", None, TOO_FEW), ("B3", "W1", "Zorg", 4, SHOWN)
    )
    roles = _roles(("B3", "Zorg", "bewoner", None, "afgeschermd"), ("B3", "Zorg", "ondernemer", None, "afgeschermd"))
    quotes = pd.DataFrame({"buurt": ["B2", "B3"], "theme": ["Zorg", "Zorg"], "role": [None, "ondernemer"]})
    problems = audit.audit_tables({"buurt_themes": buurten, "roles": roles, "quotes": quotes}, K)
    assert any("fewer than 3" in p for p in problems)
    assert any("a group that is not shown" in p for p in problems)
    assert any("where roles are not shown" in p for p in problems)


def test_check_fails_on_a_folder_with_a_leak(tmp_path):
    con = duckdb.connect(str(tmp_path / audit.DATABASE))
    con.execute("create table project_settings as select 3 as privacy_threshold, 'I' as interviews")
    con.register("b", TWO_SMALL.rename(columns={"buurt": "code", "wijk": "wijk_code", "status": "theme_status"}))
    con.execute("create table buurt_themes as select * from b")
    con.register("w", _wijken(("W1", "Wonen", 4, SHOWN)).rename(columns={"wijk": "code", "status": "theme_status"}))
    con.execute("create table wijk_themes as select * from w")
    con.execute("create table unplaced_segments as select 'W2' as wijk_code, 'I' as interviews, 'I' as round")
    con.close()
    (tmp_path / "fragmenten.csv").write_text("segment_id,respondent\nS1,R-0123456789\n", encoding="utf-8")
    with pytest.raises(audit.DisclosureError) as caught:
        audit.check(tmp_path)
    text = str(caught.value)
    assert "must be 2" in text and "fragmenten.csv: holds a respondent pseudonym" in text


def test_the_sample_passes(hengelo_run):
    assert audit.audit_database(hengelo_run.con) == []


@pytest.mark.parametrize("heard_apart", [False, True], ids=["too-few-heard", "te-weinig-stemmen"])
def test_the_pipeline_withholds_what_the_audit_would_catch(hengelo, key, tmp_path, heard_apart):
    # Two buurten of one wijk, two people each on one theme, nothing placed in the wijk alone: the case.
    places = ["BU01640701", "BU01640701", "BU01640702", "BU01640702"]
    rows = [
        (f"X{n}", f"XX-{n}", "bewoner", "Veiligheid/Verkeer", "Er wordt te hard gereden.", buurt, "2025-05-01", "ja")
        for n, buurt in enumerate(places, start=1)
    ]
    if heard_apart:
        # A third person in each buurt, on another theme: k heard there, so Veiligheid says 'te weinig stemmen'.
        rows += [
            (f"Y{n}", f"YY-{n}", "bewoner", "Ontmoeten", "We zien elkaar weinig.", buurt, "2025-05-01", "ja")
            for n, buurt in enumerate(places[::2], start=1)
        ]
    columns = ["segment_id", "respondent", "role", "code", "quote", "location", "date", "consent"]
    frame = pd.DataFrame(rows, columns=columns)
    path = tmp_path / "segmenten.csv"
    frame.to_csv(path, index=False)
    project = dataclasses.replace(hengelo, interviews=dataclasses.replace(hengelo.interviews, segments=path))
    result = pipeline.run(project, key=key)
    wijk = result.con.sql("select * from wijk_themes where code = 'WK016407' and theme = 'Veiligheid'").df()
    # With two people heard in each buurt, a withheld row of the wijk says 'te weinig gesprekken' (user test V).
    assert wijk["theme_status"].tolist() == [TOO_FEW if heard_apart else THIN] and wijk["respondents"].isna().all()
    assert audit.audit_database(result.con) == []
    # Published the old way (the wijk total of 4), the audit sizes both groups, or finds that both buurten's few
    # people named the theme (each 0 to 2 as far as a reader knows, and 4 only as 2 + 2).
    result.con.execute(
        "update wijk_themes set respondents = 4, shown = true, theme_status = 'getoond' "
        "where code = 'WK016407' and theme = 'Veiligheid'"
    )
    said = "must be 2" if heard_apart else "must have named the theme"
    assert any(said in p for p in audit.audit_database(result.con))


def test_a_build_fails_when_the_audit_finds_a_leak(hengelo, key, tmp_path, monkeypatch):
    from buurtdata.outputs.build import build

    given = []

    def leak(out, names=(), folders=()):
        given.append((tuple(names), tuple(folders)))
        return ["wijk_themes: W1 Wonen: each hidden buurt group must be 2"]

    monkeypatch.setattr(audit, "audit", leak)
    out = tmp_path / "uit"
    with pytest.raises(audit.DisclosureError, match="must be 2"):
        build(hengelo.path, out, key=key, notebook_names=(), handout_buurten=[], say=lambda _: None)
    assert not (out / audit.DATABASE).exists()  # nothing published
    # The audit looks for the project's [privacy] names in what was published (an agreement's wie), and for the
    # project's folder and the home folder (user test V).
    assert given == [(tuple(hengelo.interviews.names), (hengelo.path.resolve().parent, Path.home()))]
    assert given[0][0]


def test_a_shown_group_without_a_count_is_named_not_passed():
    buurten = _buurten(("B1", "W1", "Zorg", None, SHOWN))
    roles = _roles(("B1", "Zorg", "bewoner", 3, SHOWN), ("B1", "Zorg", "ondernemer", None, TOO_FEW))
    assert "buurt_themes: B1 Zorg is shown without a count of respondents" in audit.audit_tables(
        {"buurt_themes": buurten, "roles": roles}, K
    )
