"""The rules of the ``kwb`` boundary: each KWB file (on its staged cells), the staged KWB tables, the marts.

A national year stages millions of cells: its rules see one row per status and per duplicated key, and the
figures of the catalogued indicators, never every cell.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import duckdb

from buurtdata._sql import identifier
from buurtdata.pipeline.validation.rules import (
    ANY_CODE,
    CODE_PATTERNS,
    HIGHEST_FIGURE,
    LOWEST_FIGURE,
    MAX_WOZ_THOUSANDS,
    ROUNDING_PER_REGION,
    UNPLACED_SHARE,
    Rule,
    Suite,
    literal,
    plain,
    status_rule,
)


def kwb_suites(con: duckdb.DuckDBPyConnection, project: Any) -> Iterator[Suite]:
    sentinels = ", ".join(plain(float(v)) for (v,) in con.sql("select value from status_codes").fetchall())
    for files in project.kwb:
        where = f"year = {int(files.year)} and table_id = {literal(files.table)}"
        people = [
            key
            for (key,) in con.sql(
                f"select distinct cbs_key from stg_kwb_observations "
                f"where {where} and starts_with(cbs_key, 'AantalInwoners') order by cbs_key"
            ).fetchall()
        ]
        # One row per row of the file, as staging numbered it; sentinels and empty cells are null here.
        wide = "".join(f", max(value) filter (where cbs_key = {literal(c)}) as {identifier(c)}" for c in people)
        yield Suite(
            "kwb",
            f"raw_kwb_{files.year}",
            "KWB file",
            str(files.data),
            f"select source_row as row, code{wide} from stg_kwb_observations where {where} group by source_row, code",
            ("row", "code"),
            (
                Rule(
                    "code_pattern",
                    "regex",
                    ("code",),
                    "WijkenEnBuurten is a CBS region code (NL00, GM0164, WK016401, BU01640101)",
                    "Use the file as CBS publishes it (OData TypedDataSet); codes may not be renamed or shortened.",
                    pattern=ANY_CODE,
                ),
                Rule(
                    "code_unique",
                    "unique",
                    ("code",),
                    "each region appears once",
                    "Remove the duplicate rows, or download the table again (buurtdata.sources.cbs.kerncijfers).",
                ),
                *[
                    Rule(
                        f"{c}_not_negative",
                        "between",
                        (c,),
                        f"{c} (number of inhabitants) is 0 or more, or a CBS status code ({sentinels})",
                        "A population cannot be negative: correct the figure "
                        "from CBS StatLine, or download the table again.",
                        min_value=0,
                    )
                    for c in people
                ],
            ),
        )

    sources = ", ".join(str(files.data) for files in project.kwb)
    yield Suite(
        "kwb",
        "stg_kwb_regions",
        "staged KWB regions",
        sources,
        "select * from stg_kwb_regions",
        ("year", "code"),
        (
            *[
                Rule(
                    f"{level}_code_pattern",
                    "regex",
                    ("code",),
                    f"{level} codes match {pattern}",
                    "Check the WijkenEnBuurten and SoortRegio columns of the KWB file.",
                    pattern=pattern,
                    where=("level", (level,)),
                )
                for level, pattern in CODE_PATTERNS.items()
            ],
            Rule(
                "level_known",
                "in_set",
                ("level",),
                "level is land, gemeente, wijk or buurt",
                "Check the SoortRegio column of the KWB file.",
                values=tuple(CODE_PATTERNS),
            ),
            Rule(
                "region_unique",
                "unique_together",
                ("year", "code"),
                "no duplicate regions per year",
                "Remove the duplicate rows from the KWB file.",
            ),
        ),
    )
    # A national year stages millions of cells: the rules see one row per status and per duplicated key.
    yield Suite(
        "kwb",
        "stg_kwb_observations",
        "staged KWB figures",
        sources,
        "select year, status, count(*) as cells from stg_kwb_observations group by all",
        ("year", "status"),
        (status_rule("status"),),
    )
    yield Suite(
        "kwb",
        "stg_kwb_observations_keys",
        "staged KWB figures",
        sources,
        "select year, code, cbs_key, count(*) as figures from stg_kwb_observations group by all having count(*) > 1",
        ("year", "code", "cbs_key"),
        (
            Rule(
                "figure_unique",
                "between",
                ("figures",),
                "one figure per year, region and column",
                "Remove the duplicate rows from the KWB file.",
                max_value=1,
            ),
        ),
    )
    yield Suite(
        "kwb",
        "observations",
        "observations",
        sources,
        "select o.*, i.kind from observations o join indicators i on i.indicator = o.indicator and i.year = o.year",
        ("year", "code", "indicator"),
        (
            Rule(
                "share_range",
                "between",
                ("value",),
                "shares and percentages lie within 0-100",
                "Check the figures and their counts in the KWB file.",
                min_value=0,
                max_value=100,
                where=("kind", ("aandeel", "percentage")),
            ),
            Rule(
                "count_not_negative",
                "between",
                ("value",),
                "counts are 0 or more",
                "Correct the figure in the KWB file, or download the table again.",
                min_value=0,
                where=("kind", ("aantal",)),
            ),
            Rule(
                "no_status_code",
                "between",
                ("value",),
                f"plausibility: no figure is {LOWEST_FIGURE - 1} or lower (that is a CBS status code such as -99996 "
                "that pipelines/seeds/status_codes.csv does not know)",
                "Add the code with its meaning to pipelines/seeds/status_codes.csv, or empty the cell.",
                min_value=LOWEST_FIGURE,
            ),
            Rule(
                "finite",
                "between",
                ("value",),
                f"plausibility: every figure is a finite number below {HIGHEST_FIGURE:.0e} (not inf)",
                "Correct or empty the cell in the KWB file; a formula error or a pasted value may have put it there.",
                max_value=HIGHEST_FIGURE,
            ),
            Rule(
                "woz_in_thousands",
                "between",
                ("value",),
                f"plausibility: gemiddelde_woz is in thousands of euros (0-{MAX_WOZ_THOUSANDS})",
                "The file gives the WOZ value in euros: divide by 1000, or use the figure as CBS publishes it "
                "(x 1 000 euro).",
                min_value=0,
                max_value=MAX_WOZ_THOUSANDS,
                where=("indicator", ("gemiddelde_woz",)),
            ),
            status_rule("status"),
            Rule(
                "observation_unique",
                "unique_together",
                ("year", "code", "indicator"),
                "no duplicate regions per year and indicator",
                "Remove the duplicate rows from the KWB file.",
            ),
        ),
    )
    yield Suite(
        "kwb",
        "population_totals",
        "inwoners of wijken and buurten vs the gemeente",
        sources,
        f"""
        select o.year, r.gemeente_code, r.level, count(*) as regions, sum(o.value) as total,
               any_value(g.value) as gemeente, abs(sum(o.value) - any_value(g.value)) as difference,
               count(*) * {ROUNDING_PER_REGION}
               + case when sum(o.value) < any_value(g.value) then {UNPLACED_SHARE} * any_value(g.value) else 0 end
               as tolerance
        from observations o
        join regions r on r.year = o.year and r.code = o.code
        join observations g on g.year = o.year and g.indicator = o.indicator and g.code = r.gemeente_code
        where o.indicator = 'inwoners' and r.level in ('wijk', 'buurt')
        group by o.year, r.gemeente_code, r.level
        """,
        ("year", "gemeente_code", "level"),
        (
            Rule(
                "population_adds_up",
                "at_least_column",
                ("tolerance", "difference"),
                "buurt and wijk inwoners add up to the gemeente "
                f"within CBS rounding ({ROUNDING_PER_REGION} per region) "
                f"or up to {UNPLACED_SHARE:.1%} short (residents in no buurt)",
                "A buurt or wijk is missing or counted twice, or a "
                "figure is wrong: compare the file with CBS StatLine.",
            ),
        ),
    )
