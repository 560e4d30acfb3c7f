"""The wijk row's secondary suppression beside buurten where only a few people were heard (user test V, left A).

A wijk row shows what its hidden buurt groups of a theme hold together (the remainder R, once the reader subtracts
the respondents placed in the wijk alone). A reader knows how many groups of two kinds there are: g1 buurten that say
'te weinig stemmen' on the theme (1 to k-1 each) and g0 buurten where only 1 to k-1 people were heard in all ('te
weinig gesprekken' on every theme: 0 to k-1 of this one). Macro ``wijk_sizes_open`` shows a row only when R fixes
no group's size and tells of no thin buurt whether its few people raised the theme; here every small case is
enumerated and the macro checked against what a reader can work out, and against the rule it replaced.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import product

import duckdb
import pytest

from buurtdata import _sql


@pytest.fixture(scope="module")
def con():
    con = duckdb.connect()
    _sql.macros(con)
    yield con
    con.close()


def _cases():
    """Every (k, g1, g0) with k in 2..4, g1 and g0 in 0..3, and every assignment of sizes to the groups."""
    for k, g1, g0 in product(range(2, 5), range(4), range(4)):
        for sizes in product(*([range(1, k)] * g1 + [range(k)] * g0)):
            yield k, g1, g0, sizes


def _decisions(con, keys):
    """The macro's answer and ranges for each (R, g1, g0, k), asked in one query."""
    con.execute("create or replace temp table cases (r int, few int, thin int, k int)")
    con.executemany("insert into cases values (?, ?, ?, ?)", sorted(keys))
    rows = con.execute(
        "select r, few, thin, k, wijk_sizes_open(r, few, thin, k), few_size_low(r, few, thin, k), "
        "few_size_high(r, few, thin, k), thin_size_low(r, few, thin, k), thin_size_high(r, few, thin, k) from cases"
    ).fetchall()
    return {row[:4]: row[4:] for row in rows}


def test_a_shown_wijk_row_fixes_no_group_and_tells_no_thin_buurts_theme(con):
    # What a reader can work out: per (k, g1, g0, R), the sizes each group can still have.
    possible = defaultdict(lambda: defaultdict(set))
    for k, g1, g0, sizes in _cases():
        for place, size in enumerate(sizes):
            possible[(sum(sizes), g1, g0, k)][place].add(size)
    decided = _decisions(con, possible)
    shown_cases = 0
    for (r, g1, g0, k), places in possible.items():
        shown, few_low, few_high, thin_low, thin_high = decided[(r, g1, g0, k)]
        # The macro's ranges are exactly what the enumeration finds, for both kinds of group.
        for place, sizes in places.items():
            low, high = (few_low, few_high) if place < g1 else (thin_low, thin_high)
            assert sizes == set(range(low, high + 1)), (r, g1, g0, k, place)
        safe = all(len(sizes) >= 2 for sizes in places.values()) and all(
            0 in places[place] and max(places[place]) >= 1 for place in range(g1, g1 + g0)
        )
        # Shown exactly when safe: never when a size or a thin buurt's theme is told, and not withheld for nothing.
        assert shown == safe, (r, g1, g0, k, dict(places))
        shown_cases += shown
    assert shown_cases > 20


def test_whether_a_row_is_withheld_tells_no_thin_buurts_theme_either(con):
    # A reader sees a withheld row ('te weinig gesprekken' whatever it holds beside a thin buurt): the remainders the
    # macro withholds must still leave each thin buurt 0 or more than 0, for any count w placed in the wijk alone.
    assigned = list(_cases())
    decided = _decisions(con, {(sum(sizes), g1, g0, k) for k, g1, g0, sizes in assigned})
    for k, g1, g0 in product(range(2, 5), range(4), range(1, 4)):
        for w in range(k + 1):
            withheld = [
                sizes
                for kk, gg1, gg0, sizes in assigned
                if (kk, gg1, gg0) == (k, g1, g0) and not (w + sum(sizes) >= k and decided[(sum(sizes), g1, g0, k)][0])
            ]
            for place in range(g1, g1 + g0):
                said = {sizes[place] for sizes in withheld}
                assert not withheld or (0 in said and max(said) >= 1), (k, g1, g0, w, place)


def test_without_thin_buurten_the_rule_is_the_one_it_replaced(con):
    # hidden_sizes_open, the rule before (README, Privacy 2): one group, or all 1, or all k-1, is fixed.
    rows = con.execute(
        "select r, g, k, wijk_sizes_open(r, g, 0, k), g = 0 or (g >= 2 and r > g and r < g * (k - 1)) "
        "from range(0, 41) as a(r), range(0, 9) as b(g), range(2, 7) as c(k) where r between g and g * (k - 1)"
    ).fetchall()
    assert len(rows) > 400
    assert [row[:3] for row in rows if row[3] != row[4]] == []


def test_a_withheld_wijk_row_beside_a_thin_buurt_never_says_nobody(con):
    said = con.execute(
        "select thin, respondents, wijk_voices_status(false, respondents, thin), wijk_voices_status(true, 5, thin) "
        "from range(0, 3) as a(thin), range(0, 4) as b(respondents)"
    ).fetchall()
    for thin, respondents, withheld, shown in said:
        assert shown == "getoond"
        if thin:
            assert withheld == "te weinig gesprekken"
        else:
            assert withheld == ("geen stemmen" if respondents == 0 else "te weinig stemmen")
