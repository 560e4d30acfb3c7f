"""Validation of every table at each boundary of the pipeline: rules written once, two executors.

Four boundaries are checked, each right after the pipeline built it. The checks read the tables in
DuckDB, never the files again.

``kwb``
    each KWB file as shipped or downloaded (one suite per file, checked on its staged cells, which keep
    the file's row numbers), the staged KWB tables and the ``regions``/``observations`` marts, including
    whether buurt and wijk populations add up to the gemeente within CBS rounding;
``geometry``
    the attribute table of the buurt polygons;
``profile``
    the per-buurt mart ``buurt_profile``;
``segments``
    the placed interview segments and the ``buurt_themes`` mart.

The rules are defined once, in :mod:`~buurtdata.pipeline.validation.rules`. Every build checks them as SQL
in DuckDB (``executor="sql"``, :mod:`~buurtdata.pipeline.validation.sql`: fast, nothing large leaves the
database); ``buurtdata report`` and :func:`buurtdata.validate` run them as a great-expectations suite
(``executor="great_expectations"``, :mod:`~buurtdata.pipeline.validation.gx`). Both give the same result
per rule.

A failing rule stops the build: :func:`validate` raises one :class:`~buurtdata.ValidationError` listing
every failed rule with the file, the rows and what to do. Each run also writes its results to the table
``validation_results`` so a report can show them.

>>> from buurtdata import datasets, pipeline
>>> from buurtdata.project import Project
>>> result = pipeline.run(Project.load(datasets.get_path("hengelo")), key=b"doctest")
>>> results = validate(result.con, result.project, boundary="profile", executor="sql")
>>> bool(results["success"].all()), sorted(results["table"].unique())
(True, ['buurt_profile'])
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import duckdb
import pandas as pd

from buurtdata._built_from import paths_in
from buurtdata._errors import ValidationError
from buurtdata._sql import has_table
from buurtdata.pipeline.status import BUILDS, BUILT, REFUSED
from buurtdata.pipeline.validation import sql
from buurtdata.pipeline.validation.rules import BOUNDARIES, Boundary, Rule, Suite
from buurtdata.pipeline.validation.suites import suites

__all__ = ["BOUNDARIES", "RESULT_COLUMNS", "Boundary", "Rule", "Suite", "left_out", "results", "suites", "validate"]

Executor = Literal["sql", "great_expectations"]

#: Columns of result rows, in the order of the ``validation_results`` table.
RESULT_COLUMNS = ["boundary", "suite", "table", "source", "rule", "success", "unexpected", "examples", "fix"]


def validate(
    con: duckdb.DuckDBPyConnection,
    project: Any,
    *,
    boundary: Boundary | None = None,
    raise_on_failure: bool = True,
    executor: Executor = "great_expectations",
) -> pd.DataFrame:
    """Check the tables of one boundary (or all) and record the results in ``validation_results``.

    Parameters
    ----------
    con
        A database the pipeline built (``PipelineResult.con``), up to at least ``boundary``.
    project
        The :class:`~buurtdata.project.Project` it was built from; names the files in messages.
    boundary
        ``"kwb"``, ``"geometry"``, ``"profile"`` or ``"segments"``; ``None`` checks all.
    raise_on_failure
        Raise when a rule fails (the default); otherwise only return and record the results.
    executor
        ``"great_expectations"`` (the default; imports it, which takes seconds) or ``"sql"`` (what every
        build runs). Both check the same rules and agree on each.

    Returns
    -------
    pandas.DataFrame
        One row per rule: ``boundary, suite, table, source, rule, success, unexpected, examples, fix``.
        ``attrs["failing_gemeenten"]`` holds the failures per gemeente.

    Raises
    ------
    ValidationError
        When a rule fails, listing every failed rule: which file, which rows and what to do.
    """
    if executor == "sql":
        run = sql.run
    elif executor == "great_expectations":
        from buurtdata.pipeline.validation import gx

        run = gx.run
    else:
        msg = f"executor must be 'sql' or 'great_expectations', not {executor!r}"
        raise ValueError(msg)
    boundaries = BOUNDARIES if boundary is None else (boundary,)
    rows, by_gemeente = [], {}
    for suite in suites(con, project, boundaries):
        for outcome in run(con, suite):
            rule = outcome.rule
            rows.append(
                [
                    suite.boundary,
                    suite.full_name,
                    suite.table,
                    suite.source,
                    rule.rule,
                    outcome.success,
                    outcome.unexpected,
                    outcome.examples,
                    rule.fix,
                ]
            )
            for gemeente, examples in outcome.gemeenten.items():
                by_gemeente.setdefault(gemeente, []).append(f"{rule.rule} fails for {'; '.join(examples)}. {rule.fix}")
    table = pd.DataFrame(rows, columns=RESULT_COLUMNS)
    # Which gemeenten the failing rows belong to, so a build of many gemeenten can leave those out with the reason.
    table.attrs["failing_gemeenten"] = by_gemeente
    # The recorded results are published (the report's validation page): no paths of the build machine there.
    published = {source: _published(source, project) for source in {row[3] for row in rows}}
    # A fix or its examples may name an input by its path too ("polygons ... in [boundaries] path (now
    # /home/.../wijkenbuurten.gpkg)"): named there as in source (user test V: the analyst's folder was published).
    files = _file_names(project)
    _record(
        con,
        boundaries,
        [[*row[:3], published[row[3]], *row[4:7], _unpathed(row[7], files), _unpathed(row[8], files)] for row in rows],
    )
    failed = table[~table["success"]]
    if raise_on_failure and len(failed):
        raise ValidationError(
            [
                f"{r.source}: {r.table}: {r.rule} fails for {r.unexpected} row(s): {r.examples}. {r.fix}"
                for r in failed.itertuples()
            ],
            source=f"the {', '.join(boundaries)} data of {project.path}",
        )
    return table


#: How many gemeenten :func:`left_out` names one line each before it counts the rest.
LEFT_OUT_SHOWN = 10


def left_out(con: duckdb.DuckDBPyConnection, project: Any) -> list[str]:
    """Lines saying which gemeenten of a build of many the rules were not checked on, and why: those left out
    (refused), then those built without a polygon for some buurten; one line each with the reason of
    ``gemeente_status``, at most :data:`LEFT_OUT_SHOWN` of each, then how many more and where all are listed.

    Empty for a build that left nothing out: "all rules pass" is then the whole story (user test N: ``buurtdata
    validate`` said only that while 16 gemeenten, 1,168 buurten, were not built).
    """
    if not has_table(con, "gemeente_status"):
        return []
    refused = con.execute(
        "select buurten, reason from gemeente_status where build_status = ? order by code", [REFUSED]
    ).fetchall()
    # The gemeenten built without some polygons are those scope wrote buurten_without_polygon of (and still built:
    # one whose figures then fail a check is refused).
    partly = (
        [
            reason
            for (reason,) in con.execute(
                "select reason from gemeente_status where build_status = ? and code in "
                "(select gemeente_code from buurten_without_polygon) order by code",
                [BUILT],
            ).fetchall()
        ]
        if has_table(con, "buurten_without_polygon")
        else []
    )
    if not (refused or partly):
        return []
    (built,) = con.execute(
        "select count(*) from gemeente_status where list_contains(?, build_status)", [list(BUILDS)]
    ).fetchall()[0]
    where = f"buurtdata report --project {project.path} lists every gemeente with its reason in gemeenten.csv"
    lines = [f"The rules were checked on the {built} gemeente(n) built."]
    if refused:
        lines.append(f"{len(refused)} gemeente(n) ({sum(b or 0 for b, _ in refused):,} buurten) were not built:")
        lines += _shown([reason for _, reason in refused], where)
    if partly:
        lines.append(f"{len(partly)} gemeente(n) were built without a polygon for some buurten (not on the maps):")
        lines += _shown(partly, where)
    return lines


def _shown(reasons: list[str], where: str) -> list[str]:
    more = len(reasons) - LEFT_OUT_SHOWN
    return [f"  {reason}" for reason in reasons[:LEFT_OUT_SHOWN]] + (
        [f"  and {more} more ({where})"] if more > 0 else []
    )


def results(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return the recorded ``validation_results`` of a database (empty when none were recorded)."""
    if not has_table(con, "validation_results"):
        return pd.DataFrame(columns=RESULT_COLUMNS)
    return con.sql("select * from validation_results order by all").df()


def _record(con: duckdb.DuckDBPyConnection, boundaries: tuple[str, ...], rows: list[list[Any]]) -> None:
    con.execute(
        'create table if not exists validation_results (boundary varchar, suite varchar, "table" varchar, '
        "source varchar, rule varchar, success boolean, unexpected bigint, examples varchar, fix varchar)"
    )
    con.execute("delete from validation_results where list_contains(?, boundary)", [list(boundaries)])
    if rows:
        row = f"({', '.join('?' * len(RESULT_COLUMNS))})"
        con.execute(
            f"insert into validation_results values {', '.join([row] * len(rows))}", [v for r in rows for v in r]
        )


def _published(source: str, project: Any) -> str:
    """Name the files of ``source`` relative to the project file's folder, or by file name when outside it."""
    base = Path(project.path).resolve().parent
    names = []
    for name in source.split(", "):
        path = Path(name)
        if not path.is_absolute():
            names.append(name)
            continue
        try:
            names.append(path.resolve().relative_to(base).as_posix())
        except ValueError:
            names.append(path.name)
    return ", ".join(names)


def _file_names(project: Any) -> dict[str, str]:
    """Each absolute path of a file the project names, as a message may write it (as given, and resolved), with
    the name :func:`_published` gives it; the longest first, so a folder never stands in for a file in it."""
    names = {}
    for path in paths_in(project) | {Path(project.path)}:
        for form in {str(path), path.as_posix(), str(path.resolve()), path.resolve().as_posix()}:
            if Path(form).is_absolute():
                names[form] = _published(form, project)
    return dict(sorted(names.items(), key=lambda item: -len(item[0])))


def _unpathed(text: Any, files: dict[str, str]) -> Any:
    """``text`` with every path of ``files`` replaced by its published name (a missing value as it is).

    >>> _unpathed("Use polygons of 2020 (now /home/an/p/buurten.gpkg).", {"/home/an/p/buurten.gpkg": "buurten.gpkg"})
    'Use polygons of 2020 (now buurten.gpkg).'
    """
    if not isinstance(text, str):
        return text
    for path, name in files.items():
        text = text.replace(path, name)
    return text
