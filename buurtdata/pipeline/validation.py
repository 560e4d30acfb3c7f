"""great-expectations suites for every table at each boundary of the pipeline.

Four boundaries are checked, each right after the pipeline built it. The checks read
the tables in DuckDB, never the files again; a large table reaches great-expectations
as a SQL aggregate (counts per status, duplicated keys), not row by row.

``kwb``
    each KWB file as shipped or downloaded (one suite per file, checked on its
    staged cells, which keep the file's row numbers), the staged KWB tables and
    the ``regions``/``observations`` marts, including whether buurt and wijk
    populations add up to the gemeente within CBS rounding;
``geometry``
    the attribute table of the buurt polygons;
``profile``
    the per-buurt mart ``buurt_profile``;
``segments``
    the placed interview segments and the ``buurt_themes`` mart.

A failing expectation stops the build: :func:`validate` raises one
:class:`~buurtdata.ValidationError` listing every failed rule with the file,
the rows and what to do. Each run also writes its results to the table
``validation_results`` so a report can show them.

great-expectations is imported only inside these functions (it takes seconds
to import), with its usage statistics off and its progress bars silent.

>>> from buurtdata import datasets, pipeline
>>> from buurtdata.project import Project
>>> result = pipeline.run(Project.load(datasets.get_path("hengelo")), key=b"doctest")
>>> results = validate(result.con, result.project, boundary="profile")
>>> bool(results["success"].all()), sorted(results["table"].unique())
(True, ['buurt_profile'])
"""

from __future__ import annotations

import functools
import logging
import operator
import os
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

import duckdb
import pandas as pd

from buurtdata import codes
from buurtdata._errors import ValidationError

Boundary = Literal["kwb", "geometry", "profile", "segments"]
BOUNDARIES: tuple[Boundary, ...] = ("kwb", "geometry", "profile", "segments")

#: Patterns of CBS region codes (:data:`buurtdata.codes.PATTERNS`, anchored for great-expectations).
CODE_PATTERNS = {level: f"^{pattern.pattern}$" for level, pattern in codes.PATTERNS.items()}
ANY_CODE = "|".join(f"(?:{p})" for p in CODE_PATTERNS.values())

#: CBS rounds counts of people in wijken and buurten to a multiple of 5 at random, up or down (not to the nearest:
#: in KWB 2020 the wijken of GM1721 add up to 3.3 a wijk more than the gemeente), so each region may be off by 4.
ROUNDING_PER_REGION = 4
#: The gemeente total also counts residents CBS places in no wijk or buurt, so the regions may add up to less:
#: in KWB 2020 76 gemeenten fall short by more than the rounding (always short, never over), at most 0.27 %
#: (Amsterdam 1,362 of 872,757). Up to this fraction short is CBS's own figure, not a missing buurt.
UNPLACED_SHARE = 0.005

#: Values a figure's status may take (pipelines/seeds/status_codes.csv plus the pipeline's own).
FIGURE_STATUSES = ("waarde", "geheim", "ontbreekt", "niet_van_toepassing", "te_klein")
THEME_STATUSES = ("getoond", "te weinig stemmen", "geen stemmen")

#: Columns of result rows, in the order of the ``validation_results`` table.
RESULT_COLUMNS = ["boundary", "suite", "table", "source", "rule", "success", "unexpected", "examples", "fix"]

#: CBS writes status codes as numbers from -99990 down (-99995 ... -99999, -99999997 ...); no KWB figure is that low.
LOWEST_FIGURE = -99989
#: No KWB figure comes near this; above it a value is ``inf`` or a cell pasted wrongly.
HIGHEST_FIGURE = 1e12
#: CBS publishes the average WOZ value in thousands of euros; no Dutch buurt averages more than this.
MAX_WOZ_THOUSANDS = 5000

#: How many failing rows a message and the results page show per rule.
MAX_EXAMPLES = 10


@dataclass
class _Rule:
    expectation: Any
    rule: str
    fix: str


@dataclass
class _Suite:
    """One table at one boundary, the file it came from and its rules."""

    boundary: Boundary
    name: str
    table: str
    source: str
    frame: pd.DataFrame
    ids: list[str]
    rules: list[_Rule] = field(default_factory=list)


def validate(
    con: duckdb.DuckDBPyConnection,
    project: Any,
    *,
    boundary: Boundary | None = None,
    raise_on_failure: bool = True,
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

    Returns
    -------
    pandas.DataFrame
        One row per rule: ``boundary, suite, table, source, rule, success, unexpected, examples, fix``.

    Raises
    ------
    ValidationError
        When a rule fails, listing every failed rule: which file, which rows and what to do.
    """
    boundaries = BOUNDARIES if boundary is None else (boundary,)
    rows, by_gemeente = [], {}
    for suite in _suites(con, project, boundaries):
        for row, gemeenten in _run(suite):
            rows.append(row)
            for gemeente, examples in gemeenten.items():
                by_gemeente.setdefault(gemeente, []).append(f"{row[4]} fails for {'; '.join(examples)}. {row[8]}")
    table = pd.DataFrame(rows, columns=RESULT_COLUMNS)
    # Which gemeenten the failing rows belong to, so a build of many gemeenten can leave those out with the reason.
    table.attrs["failing_gemeenten"] = by_gemeente
    # The recorded results are published (the report's validation page): no paths of the build machine there.
    _record(con, boundaries, table.assign(source=table["source"].map(lambda s: _published(s, project))))
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


def results(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return the recorded ``validation_results`` of a database (empty when none were recorded)."""
    if not con.sql("select * from duckdb_tables() where table_name = 'validation_results'").fetchall():
        return pd.DataFrame(columns=RESULT_COLUMNS)
    return con.sql("select * from validation_results order by all").df()


def _record(con: duckdb.DuckDBPyConnection, boundaries: tuple[str, ...], results: pd.DataFrame) -> None:
    con.execute(
        'create table if not exists validation_results (boundary varchar, suite varchar, "table" varchar, '
        "source varchar, rule varchar, success boolean, unexpected bigint, examples varchar, fix varchar)"
    )
    con.execute("delete from validation_results where list_contains(?, boundary)", [list(boundaries)])
    con.register("new_validation_results", results)
    con.execute("insert into validation_results select * from new_validation_results")
    con.unregister("new_validation_results")


@functools.cache
def _gx() -> tuple[Any, Any]:
    """Import great-expectations quietly and offline; return the module and an ephemeral context."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    # great-expectations imports deprecated modules (sre_constants, ...); that is not the user's concern.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import great_expectations as gx
        from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    return gx, context


def _run(suite: _Suite) -> Iterator[tuple[list[Any], dict[str, list[str]]]]:
    gx, context = _gx()
    name = f"{suite.boundary}.{suite.name}"
    source = context.data_sources.add_or_update_pandas(name)
    asset = source.add_dataframe_asset(name)
    batch = asset.add_batch_definition_whole_dataframe(name).get_batch(batch_parameters={"dataframe": suite.frame})
    expectation_suite = gx.ExpectationSuite(name=name, expectations=[r.expectation for r in suite.rules])
    outcome = batch.validate(
        expectation_suite, result_format={"result_format": "COMPLETE", "unexpected_index_column_names": suite.ids}
    )
    # great-expectations does not return results in the order of the suite: pair each rule with its own result.
    for rule, result in zip(suite.rules, _paired(suite.rules, outcome.results), strict=True):
        unexpected, examples = _unexpected(result.result, suite.ids)
        errors = [e["exception_message"] for e in _exceptions(result.exception_info) if e.get("raised_exception")]
        if errors:
            examples = f"could not be checked: {'; '.join(errors)}"
        row = [
            suite.boundary,
            name,
            suite.table,
            suite.source,
            rule.rule,
            bool(result.success),
            unexpected,
            examples,
            rule.fix,
        ]
        yield row, {} if result.success else _gemeenten_of(result.result, suite.ids)


def _paired(rules: list[_Rule], results: list[Any]) -> list[Any]:
    """Return ``results`` in the order of ``rules``, matched by expectation type and arguments."""
    left = list(results)
    paired = []
    for rule in rules:
        wanted = rule.expectation.configuration
        for index, result in enumerate(left):
            config = result.expectation_config
            if config.type == wanted.type and all(
                repr(config.kwargs.get(k)) == repr(v) for k, v in wanted.kwargs.items()
            ):
                paired.append(left.pop(index))
                break
        else:
            msg = f"great-expectations returned no result for rule {rule.rule!r}"
            raise RuntimeError(msg)
    return paired


def _published(source: str, project: Any) -> str:
    """Name the files of ``source`` relative to the project file's folder, or by file name when outside it."""
    from pathlib import Path

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


def _gemeenten_of(result: dict[str, Any], ids: list[str]) -> dict[str, list[str]]:
    """Return the failing rows of a rule per gemeente (by their ``gemeente_code`` or region ``code``)."""
    found: dict[str, list[str]] = {}
    for row in result.get("unexpected_index_list") or []:
        code = row.get("gemeente_code") or row.get("code")
        if isinstance(code, str) and codes.is_valid(code) and codes.level_of(code) != "land":
            shown = ", ".join(f"{k}={_plain(row[k])}" for k in ids if k in row) + _extra(row, ids)
            found.setdefault(codes.gemeente_of(code), []).append(shown)
    return found


def _exceptions(info: dict[str, Any]) -> list[dict[str, Any]]:
    # great-expectations nests exception info per metric, or not at all when the expectation itself raised.
    return [info] if "raised_exception" in info else [v for v in info.values() if isinstance(v, dict)]


def _unexpected(result: dict[str, Any], ids: list[str]) -> tuple[int, str]:
    if "unexpected_index_list" in result:
        rows = result["unexpected_index_list"]
        shown = sorted({", ".join(f"{k}={_plain(row[k])}" for k in ids if k in row) + _extra(row, ids) for row in rows})
        more = f"; and {len(shown) - MAX_EXAMPLES} more" if len(shown) > MAX_EXAMPLES else ""
        return len(rows), "; ".join(shown[:MAX_EXAMPLES]) + more
    if "observed_value" in result:
        return 0, f"observed {_plain(result['observed_value'])}"
    return int(result.get("unexpected_count") or 0), ""


def _extra(row: dict[str, Any], ids: list[str]) -> str:
    values = [f"{k}={_plain(v)}" for k, v in row.items() if k not in ids]
    return f" ({', '.join(values)})" if values else ""


def _plain(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value.item() if hasattr(value, "item") else value)


def _suites(con: duckdb.DuckDBPyConnection, project: Any, boundaries: tuple[str, ...]) -> Iterator[_Suite]:
    gx, _ = _gx()
    ex = gx.expectations
    if "kwb" in boundaries:
        yield from _kwb_suites(con, project, ex)
    if "geometry" in boundaries:
        yield _geometry_suite(con, project, ex)
    if "profile" in boundaries:
        yield _profile_suite(con, project, ex)
    if "segments" in boundaries and project.interviews is not None:
        yield from _segment_suites(con, project, ex)


def _column(name: str) -> Any:
    from great_expectations.expectations.row_conditions import Column

    return Column(name=name)


def _kwb_suites(con: duckdb.DuckDBPyConnection, project: Any, ex: Any) -> Iterator[_Suite]:
    sentinels = [float(v) for (v,) in con.sql("select value from status_codes").fetchall()]
    for files in project.kwb:
        frame = _file_rows(con, files.year, files.table)
        people = [c for c in frame.columns if c.startswith("AantalInwoners")]
        yield _Suite(
            "kwb",
            f"raw_kwb_{files.year}",
            "KWB file",
            str(files.data),
            frame,
            ["row", "code"],
            [
                _Rule(
                    ex.ExpectColumnValuesToMatchRegex(column="code", regex=ANY_CODE),
                    "WijkenEnBuurten is a CBS region code (NL00, GM0164, WK016401, BU01640101)",
                    "Use the file as CBS publishes it (OData TypedDataSet); codes may not be renamed or shortened.",
                ),
                _Rule(
                    ex.ExpectColumnValuesToBeUnique(column="code"),
                    "each region appears once",
                    "Remove the duplicate rows, or download the table again (buurtdata.sources.cbs.kerncijfers).",
                ),
                *[
                    _Rule(
                        ex.ExpectColumnValuesToBeBetween(column=c, min_value=0),
                        f"{c} (number of inhabitants) is 0 or more, or a CBS "
                        f"status code ({', '.join(_plain(s) for s in sentinels)})",
                        "A population cannot be negative: correct the figure "
                        "from CBS StatLine, or download the table again.",
                    )
                    for c in people
                ],
            ],
        )

    stg_regions = con.sql("select * from stg_kwb_regions order by year, code").df()
    yield _Suite(
        "kwb",
        "stg_kwb_regions",
        "staged KWB regions",
        _kwb_sources(project),
        stg_regions,
        ["year", "code"],
        [
            *[
                _Rule(
                    ex.ExpectColumnValuesToMatchRegex(
                        column="code", regex=pattern, row_condition=_column("level") == level
                    ),
                    f"{level} codes match {pattern}",
                    "Check the WijkenEnBuurten and SoortRegio columns of the KWB file.",
                )
                for level, pattern in CODE_PATTERNS.items()
            ],
            _Rule(
                ex.ExpectColumnValuesToBeInSet(column="level", value_set=list(CODE_PATTERNS)),
                "level is land, gemeente, wijk or buurt",
                "Check the SoortRegio column of the KWB file.",
            ),
            _Rule(
                ex.ExpectCompoundColumnsToBeUnique(column_list=["year", "code"]),
                "no duplicate regions per year",
                "Remove the duplicate rows from the KWB file.",
            ),
        ],
    )
    # A national year stages millions of cells: great-expectations sees one row per status and per duplicated key.
    statuses = con.sql(
        "select year, status, count(*) as cells from stg_kwb_observations group by all order by all"
    ).df()
    yield _Suite(
        "kwb",
        "stg_kwb_observations",
        "staged KWB figures",
        _kwb_sources(project),
        statuses,
        ["year", "status"],
        [
            _Rule(
                ex.ExpectColumnValuesToBeInSet(column="status", value_set=list(FIGURE_STATUSES)),
                f"status is one of {', '.join(FIGURE_STATUSES)}",
                "Add the status code to pipelines/seeds/status_codes.csv.",
            ),
        ],
    )
    duplicates = con.sql(
        "select year, code, cbs_key, count(*) as figures from stg_kwb_observations "
        "group by all having count(*) > 1 order by all"
    ).df()
    yield _Suite(
        "kwb",
        "stg_kwb_observations_keys",
        "staged KWB figures",
        _kwb_sources(project),
        duplicates,
        ["year", "code", "cbs_key"],
        [
            _Rule(
                ex.ExpectColumnValuesToBeBetween(column="figures", max_value=1),
                "one figure per year, region and column",
                "Remove the duplicate rows from the KWB file.",
            ),
        ],
    )
    observations = con.sql(
        "select o.*, i.kind from observations o join indicators i on i.indicator = o.indicator and i.year = o.year "
        "order by o.year, o.code, o.indicator"
    ).df()
    yield _Suite(
        "kwb",
        "observations",
        "observations",
        _kwb_sources(project),
        observations,
        ["year", "code", "indicator"],
        [
            _Rule(
                ex.ExpectColumnValuesToBeBetween(
                    column="value",
                    min_value=0,
                    max_value=100,
                    row_condition=_column("kind").is_in(["aandeel", "percentage"]),
                ),
                "shares and percentages lie within 0-100",
                "Check the figures and their counts in the KWB file.",
            ),
            _Rule(
                ex.ExpectColumnValuesToBeBetween(
                    column="value", min_value=0, row_condition=_column("kind") == "aantal"
                ),
                "counts are 0 or more",
                "Correct the figure in the KWB file, or download the table again.",
            ),
            _Rule(
                ex.ExpectColumnValuesToBeBetween(column="value", min_value=LOWEST_FIGURE),
                f"plausibility: no figure is {LOWEST_FIGURE - 1} or lower (that is a CBS status code such as -99996 "
                "that pipelines/seeds/status_codes.csv does not know)",
                "Add the code with its meaning to pipelines/seeds/status_codes.csv, or empty the cell.",
            ),
            _Rule(
                ex.ExpectColumnValuesToBeBetween(column="value", max_value=HIGHEST_FIGURE),
                f"plausibility: every figure is a finite number below {HIGHEST_FIGURE:.0e} (not inf)",
                "Correct or empty the cell in the KWB file; a formula error or a pasted value may have put it there.",
            ),
            _Rule(
                ex.ExpectColumnValuesToBeBetween(
                    column="value",
                    min_value=0,
                    max_value=MAX_WOZ_THOUSANDS,
                    row_condition=_column("indicator") == "gemiddelde_woz",
                ),
                f"plausibility: gemiddelde_woz is in thousands of euros (0-{MAX_WOZ_THOUSANDS})",
                "The file gives the WOZ value in euros: divide by 1000, or use the figure as CBS publishes it "
                "(x 1 000 euro).",
            ),
            _Rule(
                ex.ExpectColumnValuesToBeInSet(column="status", value_set=list(FIGURE_STATUSES)),
                f"status is one of {', '.join(FIGURE_STATUSES)}",
                "Add the status code to pipelines/seeds/status_codes.csv.",
            ),
            _Rule(
                ex.ExpectCompoundColumnsToBeUnique(column_list=["year", "code", "indicator"]),
                "no duplicate regions per year and indicator",
                "Remove the duplicate rows from the KWB file.",
            ),
        ],
    )
    totals = con.sql(f"""
        select o.year, r.gemeente_code, r.level, count(*) as regions, sum(o.value) as total,
               any_value(g.value) as gemeente, abs(sum(o.value) - any_value(g.value)) as difference,
               count(*) * {ROUNDING_PER_REGION}
               + case when sum(o.value) < any_value(g.value) then {UNPLACED_SHARE} * any_value(g.value) else 0 end
               as tolerance
        from observations o
        join regions r on r.year = o.year and r.code = o.code
        join observations g on g.year = o.year and g.indicator = o.indicator and g.code = r.gemeente_code
        where o.indicator = 'inwoners' and r.level in ('wijk', 'buurt')
        group by o.year, r.gemeente_code, r.level order by o.year, r.gemeente_code, r.level
    """).df()
    yield _Suite(
        "kwb",
        "population_totals",
        "inwoners of wijken and buurten vs the gemeente",
        _kwb_sources(project),
        totals,
        ["year", "gemeente_code", "level"],
        [
            _Rule(
                ex.ExpectColumnPairValuesAToBeGreaterThanB(column_A="tolerance", column_B="difference", or_equal=True),
                "buurt and wijk inwoners add up to the gemeente "
                f"within CBS rounding ({ROUNDING_PER_REGION} per region) "
                f"or up to {UNPLACED_SHARE:.1%} short (residents in no buurt)",
                "A buurt or wijk is missing or counted twice, or a "
                "figure is wrong: compare the file with CBS StatLine.",
            ),
        ],
    )


def _file_rows(con: duckdb.DuckDBPyConnection, year: int, table: str) -> pd.DataFrame:
    """Return one row per row of a staged KWB file: its row number, region code and population columns.

    Sentinels and empty cells are null here, as staging made them.
    """
    where = "year = ? and table_id = ?"
    rows = con.sql(
        f"select distinct source_row as row, code from stg_kwb_observations where {where} order by row, code",
        params=[year, table],
    ).df()
    people = con.sql(
        f"select source_row as row, code, cbs_key, value from stg_kwb_observations "
        f"where {where} and starts_with(cbs_key, 'AantalInwoners')",
        params=[year, table],
    ).df()
    wide = people.set_index(["row", "code", "cbs_key"])["value"].unstack("cbs_key")
    return rows.merge(wide.reset_index(), on=["row", "code"], how="left")


def _kwb_sources(project: Any) -> str:
    return ", ".join(str(files.data) for files in project.kwb)


def _geometry_codes(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [code for (code,) in con.sql("select code from stg_buurt_geometry order by code").fetchall()]


def _gemeente_codes(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [code for (code,) in con.sql("select code from regions where level = 'gemeente' order by code").fetchall()]


def _scope(project: Any) -> str:
    if project.national:
        return "gemeenten (all of NL)"
    return (
        f"gemeente {project.gemeente}" if len(project.gemeenten) == 1 else f"gemeenten {', '.join(project.gemeenten)}"
    )


def _geometry_suite(con: duckdb.DuckDBPyConnection, project: Any, ex: Any) -> _Suite:
    frame = con.sql("select row_number() over () as row, * from stg_buurt_geometry").df()
    return _Suite(
        "geometry",
        "stg_buurt_geometry",
        "buurt polygons (attributes)",
        str(project.boundaries.path),
        frame,
        ["row", "code"],
        [
            _Rule(
                ex.ExpectColumnValuesToMatchRegex(column="code", regex=CODE_PATTERNS["buurt"]),
                "buurtcode is a buurt code (BU01640101)",
                "Use the CBS wijk- en buurtkaart layer with buurten, not wijken.",
            ),
            _Rule(
                ex.ExpectColumnValuesToMatchRegex(column="wijk_code", regex=CODE_PATTERNS["wijk"]),
                "wijkcode is a wijk code (WK016401)",
                "Use the CBS wijk- en buurtkaart layer with buurten.",
            ),
            _Rule(
                ex.ExpectColumnValuesToBeInSet(column="gemeente_code", value_set=_gemeente_codes(con)),
                f"every buurt lies in the project's {_scope(project)}",
                "Filter the polygon file on the gemeente, or fix 'gemeente' in the project file.",
            ),
            _Rule(
                ex.ExpectColumnValuesToBeUnique(column="code"),
                "each buurt has one polygon",
                "Dissolve or remove the duplicate polygons.",
            ),
        ],
    )


def _polygon_fix(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, project: Any) -> str:
    """Say what to do about buurten without a polygon, naming a likely mistyped code when there is one."""
    import difflib

    polygons = set(_geometry_codes(con))
    lonely = sorted(polygons - set(frame["code"]))
    hints = []
    for code in sorted(set(frame["code"]) - polygons)[:5]:
        close = difflib.get_close_matches(code, lonely, n=1, cutoff=0.8)
        if close:
            hints.append(
                f"{code} has figures but no polygon, and polygon {close[0]} has no figures: "
                f"is the code mistyped in {project.kwb_files(project.year).data} or in {project.boundaries.path}?"
            )
    advice = f"Use boundaries of the KWB year {project.year} ({project.boundaries.path})."
    return " ".join([*hints, advice])


def _profile_suite(con: duckdb.DuckDBPyConnection, project: Any, ex: Any) -> _Suite:
    frame = con.sql("select * from buurt_profile order by code").df()
    shares = [c for c in frame.columns if c.startswith(("aandeel_", "pct_")) and not c.endswith("_status")]
    statuses = [c for c in frame.columns if c.endswith("_status")]
    fix = "This table is derived: check the KWB file the figure comes from."
    return _Suite(
        "profile",
        "buurt_profile",
        "buurt_profile",
        str(project.kwb_files(project.year).data),
        frame,
        ["code"],
        [
            _Rule(
                ex.ExpectColumnValuesToMatchRegex(column="code", regex=CODE_PATTERNS["buurt"]),
                "code is a buurt code",
                fix,
            ),
            _Rule(ex.ExpectColumnValuesToBeUnique(column="code"), "one row per buurt", fix),
            _Rule(
                ex.ExpectColumnValuesToBeInSet(column="code", value_set=_geometry_codes(con)),
                "every buurt has a polygon",
                _polygon_fix(con, frame, project),
            ),
            _Rule(ex.ExpectColumnValuesToBeBetween(column="inwoners", min_value=0), "inwoners is 0 or more", fix),
            *[
                _Rule(
                    ex.ExpectColumnValuesToBeBetween(column=c, min_value=0, max_value=100),
                    f"{c} lies within 0-100",
                    fix,
                )
                for c in shares
            ],
            *[
                _Rule(
                    ex.ExpectColumnValuesToBeInSet(column=c, value_set=list(FIGURE_STATUSES)),
                    f"{c} is one of {', '.join(FIGURE_STATUSES)}",
                    fix,
                )
                for c in statuses
            ],
        ],
    )


def _segment_suites(con: duckdb.DuckDBPyConnection, project: Any, ex: Any) -> Iterator[_Suite]:
    from buurtdata.sources import interviews

    segments = con.sql(
        "select segment_id, buurt_code, wijk_code, resolved_by, location_raw from stg_segments order by segment_id"
    ).df()
    source = str(project.interviews.segments)
    yield _Suite(
        "segments",
        "stg_segments",
        "interview segments",
        source,
        segments,
        ["segment_id"],
        [
            _Rule(
                ex.ExpectColumnValuesToBeUnique(column="segment_id"),
                "segment ids are unique",
                "Give each segment its own id in the interview export.",
            ),
            _Rule(
                ex.ExpectColumnValuesToBeInSet(column="resolved_by", value_set=list(interviews.RESOLVED_BY)),
                f"resolved_by is one of {', '.join(interviews.RESOLVED_BY)}",
                "Report this as a bug in buurtdata.",
            ),
            _Rule(
                ex.ExpectColumnValuesToBeInSet(column="buurt_code", value_set=_geometry_codes(con)),
                f"every placed segment's buurt exists in the buurt polygons of {project.boundaries.year}",
                f"Correct the location of these segments, or use boundaries ({project.boundaries.path}) of the same "
                f"year as the KWB figures ({project.year}); an empty location leaves a segment unplaced.",
            ),
        ],
    )
    themes = con.sql("select * from buurt_themes order by code, theme").df()
    yield _Suite(
        "segments",
        "buurt_themes",
        "buurt_themes",
        source,
        themes,
        ["code", "theme"],
        [
            _Rule(
                ex.ExpectColumnValuesToBeInSet(column="theme_status", value_set=list(THEME_STATUSES)),
                f"theme_status is one of {', '.join(THEME_STATUSES)}",
                "Report this as a bug in buurtdata.",
            ),
            _Rule(
                ex.ExpectColumnValuesToBeBetween(
                    column="respondents",
                    min_value=project.privacy_threshold,
                    # Column's == builds the condition `shown = true`; operator.eq says so without `== True`.
                    row_condition=operator.eq(_column("shown"), True),
                ),
                f"a shown theme has at least {project.privacy_threshold} respondents (privacy threshold)",
                "Report this as a bug in buurtdata: a theme with too few voices was shown.",
            ),
            _Rule(
                ex.ExpectCompoundColumnsToBeUnique(column_list=["code", "theme"]),
                "one row per buurt and theme",
                "Give each theme one name in the codebook.",
            ),
        ],
    )
