"""The build's executor: each rule as one set-based query over the DuckDB tables, fast and in the database.

A suite's query, cut to the columns its rules read, is a CTE: one query counts each rule's failing rows, and a
rule that fails then selects them (the row's ids and the checked column) in the order of the ids, so Python only
ever sees failures, never a whole table, and only failures are sorted.

>>> import duckdb
>>> from buurtdata.pipeline.validation.rules import Rule, Suite
>>> con = duckdb.connect()
>>> rule = Rule("positive", "between", ("a",), "a is 0 or more", "Fix a.", min_value=0)
>>> [(o.success, o.examples) for o in run(con, Suite("kwb", "t", "t", "t.csv",
...     "select * from (values (1, 5), (2, -1)) t(row, a)", ("row",), (rule,)))]
[(False, 'row=2 (a=-1)')]
"""

from __future__ import annotations

import duckdb

from buurtdata._sql import identifier
from buurtdata.pipeline.validation.outcome import Outcome, failed
from buurtdata.pipeline.validation.rules import Rule, Suite, literal

_CHECKED = "validation_checked"


def run(con: duckdb.DuckDBPyConnection, suite: Suite) -> list[Outcome]:
    """Check every rule of ``suite``; return one outcome per rule, in the suite's order."""
    columns = ", ".join(map(identifier, suite.reads))
    checked = f"with {_CHECKED} as (select {columns} from ({suite.query})) "
    conditions = [f"{_scope(rule)} and {_failing(rule)}" for rule in suite.rules]
    if not conditions:
        return []
    # One query counts the failures of every rule; only a rule that fails asks for its rows.
    # fetchall, not fetchone: a result left unfinished blocks the connection's next query (DuckDB 2).
    counts = con.execute(
        checked + f"select {', '.join(map(_count, suite.rules, conditions))} from {_CHECKED}"
    ).fetchall()[0]
    outcomes = []
    for rule, condition, count in zip(suite.rules, conditions, counts, strict=True):
        if not count:
            outcomes.append(failed(rule, [], suite.ids))
            continue
        shown = list(dict.fromkeys([*suite.ids, *rule.columns]))
        cursor = con.execute(
            checked + f"select {', '.join(map(identifier, shown))} from {_CHECKED} where {condition} "
            f"order by {', '.join(map(identifier, suite.ids))}"
        )
        rows = [dict(zip(shown, values, strict=True)) for values in cursor.fetchall()]
        outcomes.append(failed(rule, rows, suite.ids))
    return outcomes


def _count(rule: Rule, condition: str) -> str:
    """The count that is 0 exactly when no row meets ``condition``, the failing rows of ``rule``.

    A unique column is counted against its distinct values: no duplicate, no failing row. That is one aggregate,
    where the failing rows are a semi join against a group-by of the whole column (a million segment ids; issue 19).
    """
    if rule.kind == "unique":
        first, scope = identifier(rule.columns[0]), _scope(rule)
        return f"count({first}) filter (where {scope}) - count(distinct {first}) filter (where {scope})"
    return f"count(*) filter (where {condition})"


def _scope(rule: Rule) -> str:
    if rule.where is None:
        return "true"
    column, values = rule.where
    return f"{identifier(column)} in ({', '.join(map(literal, values))})"


def _failing(rule: Rule) -> str:
    """Return the condition a row breaking ``rule`` meets; missing values break no rule (as in great-expectations)."""
    first = identifier(rule.columns[0])
    if rule.kind == "regex":
        return f"{first} is not null and not regexp_matches({first}::varchar, {literal(rule.pattern)})"
    if rule.kind == "between":
        bounds = [f"{first} >= {literal(rule.min_value)}" if rule.min_value is not None else "true"]
        bounds += [f"{first} <= {literal(rule.max_value)}" if rule.max_value is not None else "true"]
        # NaN is a missing value in pandas, so great-expectations skips it; DuckDB orders it above every number.
        return f"{first} is not null and not isnan({first}::double) and not ({' and '.join(bounds)})"
    if rule.kind == "in_set":
        if rule.values_from is not None:
            allowed = f"select allowed from ({rule.values_from}) as listed(allowed) where allowed is not null"
        else:
            allowed = ", ".join(map(literal, rule.values or ()))
        return f"{first} is not null and {first} not in ({allowed})"
    if rule.kind == "unique":
        return (
            f"{first} in (select {first} from {_CHECKED} where {_scope(rule)} and {first} is not null "
            f"group by {first} having count(*) > 1)"
        )
    if rule.kind == "unique_together":
        columns = ", ".join(map(identifier, rule.columns))
        same = " and ".join(
            f"twice.{identifier(c)} is not distinct from {_CHECKED}.{identifier(c)}" for c in rule.columns
        )
        present = " or ".join(f"{identifier(c)} is not null" for c in rule.columns)
        return (
            f"({present}) and exists (select 1 from (select {columns} from {_CHECKED} where {_scope(rule)} "
            f"group by all having count(*) > 1) as twice where {same})"
        )
    if rule.kind == "at_least_column":
        second = identifier(rule.columns[1])
        return f"not ({first} is null and {second} is null) and not coalesce({first} >= {second}, false)"
    msg = f"no SQL for rule kind {rule.kind!r}"
    raise ValueError(msg)
