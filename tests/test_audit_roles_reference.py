"""The audit's role check (audit._roles, vectorised) finds what a plain per-group reading of the rule finds.

The rule (README "Privacy", section 3; audit.py's docstring): roles per buurt and theme are shown only beside a
shown total, no small role cell ("te weinig stemmen", 1 to k-1 people) may be worked out as the shown
total minus the shown role cells, and the shown cells may not add up to 1 to k-1 more than the total (that few
people counted under two roles). The reference below reads every (buurt, theme) group of the role table one
at a time, the way a hostile reader would, and tries every size the small cells could have.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pandas as pd
import pytest

from buurtdata.outputs import audit

SHOWN, TOO_FEW, NONE, WITHHELD = "getoond", "te weinig stemmen", "geen stemmen", "afgeschermd"
BUURTEN_COLUMNS = ["buurt", "wijk", "theme", "respondents", "status"]
ROLES_COLUMNS = ["buurt", "theme", "role", "respondents", "status"]


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _possible_sizes(remainder: int, small_cells: int, k: int) -> set[int]:
    """Every size one small cell can have: each small cell holds 1 to k-1 people, together ``remainder``."""
    # Sums the other small cells can reach, built up one cell at a time (no formula, nothing clever).
    others = {0}
    for _ in range(small_cells - 1):
        others = {total + size for total in others for size in range(1, k)}
    return {size for size in range(1, k) if remainder - size in others}


def reference_roles(buurten: pd.DataFrame, roles: pd.DataFrame, k: int) -> list[str]:
    """What the role check must report, one (buurt, theme) group of the role table at a time."""
    groups: dict[tuple, list] = {}
    for cell in roles.itertuples(index=False):
        if not (_missing(cell.buurt) or _missing(cell.theme)):
            groups.setdefault((cell.buurt, cell.theme), []).append(cell)
    shown_totals: dict[tuple, list] = {}
    for row in buurten.itertuples(index=False):
        if row.status == SHOWN:
            shown_totals.setdefault((row.buurt, row.theme), []).append(row.respondents)
    findings = []
    for (buurt, theme), cells in groups.items():
        totals = shown_totals.get((buurt, theme), [])
        shown_cells = [float(cell.respondents) for cell in cells if not _missing(cell.respondents)]
        if not totals:
            # A group that is not shown: any shown role count tells about its few people.
            if shown_cells:
                findings.append(f"buurt_theme_roles: {buurt} {theme} shows roles of a group that is not shown")
            continue
        small = [cell.role for cell in cells if cell.status == TOO_FEW]
        # The buurt_themes mart has one row per group; should a table hold more, each shown total is checked.
        for total in totals:
            if _missing(total):
                findings.append(f"buurt_themes: {buurt} {theme} is shown without a count of respondents")
                continue
            remainder = int(float(total) - sum(shown_cells))
            # Shown cells adding up to 1 to k-1 more than the total: that few people hold two roles (user test M).
            if shown_cells and 1 <= -remainder <= k - 1:
                findings.append(
                    f"buurt_theme_roles: {buurt} {theme}: the shown roles add up to {-remainder} more than the "
                    f"total {int(float(total))}: that few people are counted under two or more roles"
                )
                continue
            if not small:
                continue
            possible = _possible_sizes(remainder, len(small), k)
            if len(possible) == 1:
                (size,) = possible
                findings.append(
                    f"buurt_theme_roles: {buurt} {theme}: total {int(float(total))} minus the shown roles "
                    f"leaves {remainder} for {len(small)} small role(s) ({', '.join(map(str, small))}): "
                    f"each must be {size}"
                )
    return findings


def _assert_same(buurten: pd.DataFrame, roles: pd.DataFrame, k: int) -> list[str]:
    found = audit._roles(buurten, roles, k)
    expected = reference_roles(buurten, roles, k)
    assert Counter(found) == Counter(expected), (
        f"k={k}\n{buurten.to_string()}\n{roles.to_string()}\naudit: {found}\nreference: {expected}"
    )
    return found


# --- random tables ------------------------------------------------------------------------------------------

BUURTEN = 4
THEMES = ["Wonen", "Zorg", "Groen"]
ROLE_NAMES = ["bewoner", "ondernemer", "professional", "onbekend", "wethouder", "", None, 7]
BUURT_STATUSES = [SHOWN] * 5 + [TOO_FEW] * 2 + [NONE, WITHHELD, None]
ROLE_STATUSES = [SHOWN, TOO_FEW, TOO_FEW, NONE, WITHHELD, None, "Te weinig stemmen"]


def _count(rng: np.random.Generator, k: int):
    """A count around the threshold k, now and then missing, or not a whole number."""
    draw = rng.random()
    if draw < 0.15:
        return None
    if draw < 0.2:
        return float(rng.integers(0, 3 * k)) + 0.5
    return int(rng.integers(0, 3 * k + 1))


def _with_dtype(frame: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """The respondents column typed as DuckDB or pandas may hand it over: float, nullable int, int, object."""
    counts = frame["respondents"]
    whole = counts.dropna().map(lambda v: float(v).is_integer()).all()
    choice = rng.integers(0, 5)
    if choice == 0:
        return frame.assign(respondents=counts.astype("float64"))
    if choice == 1 and whole:
        return frame.assign(respondents=counts.astype("float64").astype("Int64"))
    if choice == 2 and whole and counts.notna().all():
        return frame.assign(respondents=counts.astype("int64"))
    if choice == 3:
        return frame.assign(respondents=counts.astype(object).where(counts.notna(), pd.NA))
    return frame.assign(respondents=counts.astype(object))


def _random_tables(rng: np.random.Generator, k: int, number: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """buurt_themes and buurt_theme_roles of up to 4 buurten and 3 themes, the codes made table ``number``'s own."""
    codes = [f"T{number}-BU{i}" for i in range(BUURTEN)]
    keys = [(b, t) for b in codes for t in THEMES]
    # buurt_themes: some of the groups, each once as the mart has it (and now and then a second row).
    totals = {}
    for i in rng.choice(len(keys), size=int(rng.integers(0, len(keys) + 1)), replace=False):
        totals[keys[i]] = [(_count(rng, k), BUURT_STATUSES[rng.integers(len(BUURT_STATUSES))])]
    role_rows = []
    for buurt, theme in keys:
        if rng.random() < 0.4:
            continue
        shown_sum, small = 0.0, 0
        for _ in range(int(rng.integers(1, 5))):
            role = ROLE_NAMES[rng.integers(len(ROLE_NAMES))]
            status = ROLE_STATUSES[rng.integers(len(ROLE_STATUSES))]
            count = None if status == TOO_FEW and rng.random() < 0.85 else _count(rng, k)
            small += status == TOO_FEW
            shown_sum += count or 0
            role_rows.append((buurt, theme, role, count, status))
        # Steer the total to the edges where the small cells are pinned down, and just past them.
        if small and rng.random() < 0.6:
            edge = int(rng.choice([small, small * (k - 1), small + 1, small * (k - 1) - 1, 1]))
            totals[(buurt, theme)] = [(shown_sum + edge, SHOWN)]
    for key in list(totals):
        if rng.random() < 0.05:
            totals[key].append((_count(rng, k), SHOWN))
    buurten = pd.DataFrame(
        [(b, "WK01", t, count, status) for (b, t), rows in totals.items() for count, status in rows],
        columns=BUURTEN_COLUMNS,
    )
    if rng.random() < 0.1:
        role_rows.append((None, "Wonen", "bewoner", 4, SHOWN))
    if rng.random() < 0.1:
        role_rows.append((codes[0], None, "bewoner", None, TOO_FEW))
    roles = pd.DataFrame(role_rows, columns=ROLES_COLUMNS)
    if len(roles) and rng.random() < 0.1:
        roles = roles.iloc[[int(rng.integers(len(roles)))]]  # one row
    roles = roles.iloc[rng.permutation(len(roles))].reset_index(drop=True)
    if rng.random() < 0.05:
        # Codes as whole numbers in one table and as text in the other.
        roles = roles.assign(buurt=roles["buurt"].map({c: number * BUURTEN + i for i, c in enumerate(codes)}))
    return buurten, roles


def _kinds(findings: list[str]) -> Counter:
    return Counter(f.split(": ")[0] + (" sized" if "each must be" in f else "") for f in findings)


def test_random_tables_give_the_reference_findings():
    rng = np.random.default_rng(20261130)
    kinds = Counter()
    for _ in range(80):
        k = int(rng.choice([1, 2, 3, 3, 3, 4, 5]))
        buurten, roles = _random_tables(rng, k)
        kinds += _kinds(_assert_same(_with_dtype(buurten, rng), _with_dtype(roles, rng), k))
    # The tables reach every kind of finding, often: a generator that stopped doing so would pass vacuously.
    assert kinds["buurt_theme_roles sized"] >= 20
    assert kinds["buurt_theme_roles"] >= 20
    assert kinds["buurt_themes"] >= 5


@pytest.mark.parametrize("k", [1, 2, 3, 4, 5])
def test_many_random_tables_in_one_audit(k):
    # 100 tables' groups side by side (each table's codes its own), as the national tables hold 151,680 groups:
    # the column sums and the merge must keep every group's cells, totals and role names together.
    rng = np.random.default_rng(k)
    tables = [_random_tables(rng, k, number) for number in range(100)]
    buurten = pd.concat([b for b, _ in tables], ignore_index=True)
    roles = pd.concat([r for _, r in tables], ignore_index=True)
    roles = roles.iloc[rng.permutation(len(roles))].reset_index(drop=True)
    kinds = _kinds(_assert_same(_with_dtype(buurten, rng), _with_dtype(roles, rng), k))
    # Threshold 1 has no small cells, so nothing to size.
    assert kinds["buurt_theme_roles sized"] >= (20 if k > 1 else 0)
    assert kinds["buurt_theme_roles"] >= 20 and kinds["buurt_themes"] >= 1


# --- named hostile cases --------------------------------------------------------------------------------------


def _buurten(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=BUURTEN_COLUMNS)


def _roles(*rows, dtype=None) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=ROLES_COLUMNS, dtype=dtype)


TOTAL_5 = _buurten(("BU01", "WK01", "Zorg", 5, SHOWN))
PINNED = (
    "buurt_theme_roles: BU01 Zorg: total {} minus the shown roles leaves {} for {} small role(s) ({}): each must be {}"
)
#: bewoner 3 shown beside two small roles, the shape most hostile cases vary the total or threshold of.
TWO_SMALL = _roles(
    ("BU01", "Zorg", "bewoner", 3, SHOWN),
    ("BU01", "Zorg", "ondernemer", None, TOO_FEW),
    ("BU01", "Zorg", "professional", None, TOO_FEW),
)
NOT_SHOWN = "buurt_theme_roles: {} Zorg shows roles of a group that is not shown"
NO_COUNT = "buurt_themes: BU01 Zorg is shown without a count of respondents"

HOSTILE = {
    # total 5, bewoner 3, two small cells: both must be 1 (the example in buurt_theme_roles.sql).
    "two-small-cells-of-one": (
        TOTAL_5,
        TWO_SMALL,
        3,
        [PINNED.format(5, 2, 2, "ondernemer, professional", 1)],
    ),
    # Two small cells holding 2 (k-1) each: the other edge.
    "two-small-cells-of-k-1": (
        _buurten(("BU01", "WK01", "Zorg", 7, SHOWN)),
        TWO_SMALL,
        3,
        [PINNED.format(7, 4, 2, "ondernemer, professional", 2)],
    ),
    # Remainder 3 over two small cells: 1 and 2 or 2 and 1, nothing pinned.
    "two-small-cells-with-room": (
        _buurten(("BU01", "WK01", "Zorg", 6, SHOWN)),
        TWO_SMALL,
        3,
        [],
    ),
    # Remainder 3 for one cell of 1 to 2 people: no size fits (one person in two roles), nothing to report.
    "one-small-cell-impossible-remainder": (
        _buurten(("BU01", "WK01", "Zorg", 6, SHOWN)),
        _roles(("BU01", "Zorg", "bewoner", 3, SHOWN), ("BU01", "Zorg", "ondernemer", None, TOO_FEW)),
        3,
        [],
    ),
    # A zero cell ('geen stemmen') is shown and subtracted like any other; an unknown role is named as it is.
    "zero-cell-and-unknown-role": (
        _buurten(("BU01", "WK01", "Zorg", 4, SHOWN)),
        _roles(
            ("BU01", "Zorg", "bewoner", 3, SHOWN),
            ("BU01", "Zorg", "onbekend", 0, NONE),
            ("BU01", "Zorg", "wethouder", None, TOO_FEW),
        ),
        3,
        [PINNED.format(4, 1, 1, "wethouder", 1)],
    ),
    # Threshold 2: every small cell holds exactly 1, whatever the total leaves.
    "threshold-2": (
        TOTAL_5,
        TWO_SMALL,
        2,
        [PINNED.format(5, 2, 2, "ondernemer, professional", 1)],
    ),
    # A total that is not a whole number: the remainder is truncated towards zero, as int() does (2.7 to 2).
    "fractional-total": (
        _buurten(("BU01", "WK01", "Zorg", 5.7, SHOWN)),
        _roles(("BU01", "Zorg", "bewoner", 3, SHOWN), ("BU01", "Zorg", "ondernemer", None, TOO_FEW)),
        3,
        [PINNED.format(5, 2, 1, "ondernemer", 2)],
    ),
    "withheld-breakdown": (
        TOTAL_5,
        _roles(("BU01", "Zorg", "bewoner", None, WITHHELD), ("BU01", "Zorg", "ondernemer", None, WITHHELD)),
        3,
        [],
    ),
    "roles-of-a-group-with-too-few": (
        _buurten(("BU01", "WK01", "Zorg", None, TOO_FEW)),
        _roles(("BU01", "Zorg", "bewoner", 2, TOO_FEW), ("BU01", "Zorg", "ondernemer", None, TOO_FEW)),
        3,
        [NOT_SHOWN.format("BU01")],
    ),
    "roles-of-a-group-with-no-row": (
        _buurten(("BU02", "WK01", "Zorg", 5, SHOWN)),
        _roles(("BU01", "Zorg", "bewoner", 0, NONE)),
        3,
        [NOT_SHOWN.format("BU01")],
    ),
    "hidden-roles-of-a-hidden-group": (
        _buurten(("BU01", "WK01", "Zorg", None, TOO_FEW)),
        _roles(("BU01", "Zorg", "bewoner", None, TOO_FEW)),
        3,
        [],
    ),
    "shown-total-missing": (
        _buurten(("BU01", "WK01", "Zorg", None, SHOWN)),
        _roles(("BU01", "Zorg", "bewoner", 3, SHOWN), ("BU01", "Zorg", "ondernemer", None, TOO_FEW)),
        3,
        [NO_COUNT],
    ),
    "roles-without-a-buurt-or-theme-are-skipped": (
        TOTAL_5,
        _roles((None, "Zorg", "bewoner", 3, SHOWN), ("BU01", None, "ondernemer", None, TOO_FEW)),
        3,
        [],
    ),
    "no-roles": (TOTAL_5, _roles(), 3, []),
    "no-buurten-and-no-roles": (_buurten(), _roles(), 3, []),
    "no-buurten": (_buurten(), _roles(("BU01", "Zorg", "bewoner", 4, SHOWN)), 3, [NOT_SHOWN.format("BU01")]),
    # A second shown row of one group: each total is one more sum a reader can make.
    "two-totals-one-pins": (
        _buurten(("BU01", "WK01", "Zorg", 5, SHOWN), ("BU01", "WK01", "Zorg", 6, SHOWN)),
        _roles(("BU01", "Zorg", "bewoner", 3, SHOWN), ("BU01", "Zorg", "ondernemer", None, TOO_FEW)),
        3,
        [PINNED.format(5, 2, 1, "ondernemer", 2)],
    ),
    # The audit crashed on these (TypeError, ValueError) instead of naming the group; fixed with this test.
    "small-role-without-a-name": (
        TOTAL_5,
        _roles(
            ("BU01", "Zorg", "bewoner", 3, SHOWN),
            ("BU01", "Zorg", None, None, TOO_FEW),
            ("BU01", "Zorg", "ondernemer", None, TOO_FEW),
            dtype=object,
        ),
        3,
        [PINNED.format(5, 2, 2, "None, ondernemer", 1)],
    ),
    "small-role-named-by-a-number": (
        TOTAL_5,
        _roles(("BU01", "Zorg", "bewoner", 3, SHOWN), ("BU01", "Zorg", 7, None, TOO_FEW), dtype=object),
        3,
        [PINNED.format(5, 2, 1, "7", 2)],
    ),
    "codes-as-numbers-beside-codes-as-text": (
        TOTAL_5,
        _roles((1, "Zorg", "bewoner", 3, SHOWN)),
        3,
        [NOT_SHOWN.format(1)],
    ),
    "total-missing-as-pd-NA": (
        pd.DataFrame([("BU01", "WK01", "Zorg", pd.NA, SHOWN)], columns=BUURTEN_COLUMNS, dtype=object),
        _roles(("BU01", "Zorg", "bewoner", 3, SHOWN), ("BU01", "Zorg", "ondernemer", pd.NA, TOO_FEW), dtype=object),
        3,
        [NO_COUNT],
    ),
}


@pytest.mark.parametrize(("buurten", "roles", "k", "expected"), HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_tables(buurten, roles, k, expected):
    assert reference_roles(buurten, roles, k) == expected
    assert audit._roles(buurten, roles, k) == expected
