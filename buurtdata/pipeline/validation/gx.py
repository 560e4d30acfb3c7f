"""The great-expectations executor: each rule as an expectation, for the report and ``buurtdata validate``.

great-expectations takes seconds to import, so only ``buurtdata report`` (its validation page) and
:func:`buurtdata.validate` use it, never a plain build. It checks a pandas frame of the suite's query holding
only the columns the rules read: great-expectations 1.x cannot validate DuckDB through SQLAlchemy
(great_expectations#10738), and the large KWB tables reach it as aggregates (counts per status, duplicated
keys), not cell by cell. Each result is paired with its rule by the rule's id, carried in the expectation's
``meta``, never by position.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import importlib.util
import logging
import operator
import os
import sys
import types
import warnings
from collections.abc import Iterator
from typing import Any

import duckdb

from buurtdata._optional import require
from buurtdata._sql import identifier
from buurtdata.pipeline.validation.outcome import Outcome, failed
from buurtdata.pipeline.validation.rules import Rule, Suite

require("validate", __name__)


def run(con: duckdb.DuckDBPyConnection, suite: Suite) -> list[Outcome]:
    """Check every rule of ``suite`` with great-expectations; return one outcome per rule, in the suite's order."""
    gx, context = _gx()
    # In the order of the ids, as the SQL executor lists failing rows.
    frame = con.sql(
        f"select {', '.join(map(identifier, suite.reads))} from ({suite.query}) "
        f"order by {', '.join(map(identifier, suite.ids))}"
    ).df()
    name = suite.full_name
    source = context.data_sources.add_or_update_pandas(name)
    batch = (
        source.add_dataframe_asset(name)
        .add_batch_definition_whole_dataframe(name)
        .get_batch(batch_parameters={"dataframe": frame})
    )
    expectations = gx.ExpectationSuite(name=name, expectations=[expectation(con, rule) for rule in suite.rules])
    result = batch.validate(
        expectations,
        result_format={"result_format": "COMPLETE", "unexpected_index_column_names": list(suite.ids)},
    )
    by_id = paired(suite.rules, result.results)
    return [_outcome(rule, by_id[rule.id], suite.ids) for rule in suite.rules]


def expectation(con: duckdb.DuckDBPyConnection, rule: Rule) -> Any:
    """Return the great-expectations expectation that checks ``rule``, carrying the rule's id."""
    ex = _gx()[0].expectations
    column = rule.columns[0]
    options: dict[str, Any] = {"meta": {"rule_id": rule.id}}
    if rule.where is not None:
        options["row_condition"] = _condition(*rule.where)
    if rule.kind == "regex":
        return ex.ExpectColumnValuesToMatchRegex(column=column, regex=rule.pattern, **options)
    if rule.kind == "unique":
        return ex.ExpectColumnValuesToBeUnique(column=column, **options)
    if rule.kind == "unique_together":
        return ex.ExpectCompoundColumnsToBeUnique(column_list=list(rule.columns), **options)
    if rule.kind == "between":
        bounds = {k: v for k, v in (("min_value", rule.min_value), ("max_value", rule.max_value)) if v is not None}
        return ex.ExpectColumnValuesToBeBetween(column=column, **bounds, **options)
    if rule.kind == "in_set":
        values = list(rule.values or ())
        if rule.values_from is not None:
            values = [v for (v,) in con.sql(rule.values_from).fetchall() if v is not None]
        return ex.ExpectColumnValuesToBeInSet(column=column, value_set=values, **options)
    if rule.kind == "at_least_column":
        return ex.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A=column, column_B=rule.columns[1], or_equal=True, **options
        )
    msg = f"no expectation for rule kind {rule.kind!r}"
    raise ValueError(msg)


def paired(rules: tuple[Rule, ...] | list[Rule], results: list[Any]) -> dict[str, Any]:
    """Return each rule's result by rule id (great-expectations does not keep the suite's order)."""
    by_id = {(result.expectation_config.meta or {}).get("rule_id"): result for result in results}
    missing = [rule.rule for rule in rules if rule.id not in by_id]
    if missing:
        msg = f"great-expectations returned no result for rule(s) {missing}"
        raise RuntimeError(msg)
    return by_id


@functools.cache
def _gx() -> tuple[Any, Any]:
    """Import great-expectations quietly and offline; return the module and an ephemeral context."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    # great-expectations imports deprecated modules (sre_constants, ...); that is not the user's concern. A filter
    # of its own modules, not warnings.catch_warnings: that swaps every thread's filters, and notebook kernels
    # start beside (a filter a library set there meanwhile was lost: a DependencyWarning of urllib3 in a test).
    warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"great_expectations(\.|$)")
    with _deferred("scipy.stats"):
        import great_expectations as gx
        from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    return gx, context


class _Deferred(types.ModuleType):
    """Stands in for a module until something reads from it; then imports it and answers from it."""

    def __getattr__(self, name: str) -> Any:
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return getattr(importlib.import_module(self.__name__), name)


@contextlib.contextmanager
def _deferred(name: str) -> Iterator[None]:
    """Let imports in the block get a :class:`_Deferred` for module ``name`` (unless it is imported already).

    great-expectations imports scipy.stats (0.6 s, a quarter of its import) for three expectations on
    distributions that no rule of buurtdata uses: they get the stand-in, which imports scipy.stats when one of
    them runs after all. After the block the stand-in is taken out of ``sys.modules``: any later import of
    ``name`` imports the module itself.
    """
    if name in sys.modules:
        yield
        return
    stand_in = _Deferred(name)
    # Its own spec (found without importing it), for whatever asks importlib about it meanwhile.
    stand_in.__spec__ = importlib.util.find_spec(name)
    sys.modules[name] = stand_in
    try:
        yield
    finally:
        if sys.modules.get(name) is stand_in:
            del sys.modules[name]
        # vars(), not getattr(): a package's __getattr__ (scipy's) would import the module to answer.
        parent, _, child = name.rpartition(".")
        if vars(sys.modules.get(parent, types.ModuleType(parent))).get(child) is stand_in:
            delattr(sys.modules[parent], child)


def _condition(column: str, values: tuple[Any, ...]) -> Any:
    from great_expectations.expectations.row_conditions import Column

    if len(values) == 1:
        # Column's == builds the condition `shown = true`; operator.eq says so without `== True`.
        return operator.eq(Column(name=column), values[0])
    return Column(name=column).is_in(list(values))


def _outcome(rule: Rule, result: Any, ids: tuple[str, ...]) -> Outcome:
    details = result.result
    if "unexpected_index_list" in details:
        outcome = failed(rule, details["unexpected_index_list"], ids)
    else:
        outcome = Outcome(rule, True, int(details.get("unexpected_count") or 0))
    outcome.success = bool(result.success)
    if outcome.success:
        outcome.gemeenten = {}
    errors = [e["exception_message"] for e in _exceptions(result.exception_info) if e.get("raised_exception")]
    if errors:
        outcome.examples = f"could not be checked: {'; '.join(errors)}"
    return outcome


def _exceptions(info: dict[str, Any]) -> list[dict[str, Any]]:
    # great-expectations nests exception info per metric, or not at all when the expectation itself raised.
    return [info] if "raised_exception" in info else [v for v in info.values() if isinstance(v, dict)]
