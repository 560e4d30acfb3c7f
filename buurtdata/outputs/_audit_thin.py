"""The privacy audit's check of buurten where only a few people were heard (user test V, left A).

In a buurt where 1 to k-1 people were heard in all, which themes they raised is what their neighbours must not learn:
"te weinig stemmen" on Eenzaamheid beside "geen stemmen" on every other theme tells what the one widow of Speuld
talked about. Such a buurt says 'te weinig gesprekken' on every theme (macro ``buurt_voices_status``), in today's
round and in each earlier round. The published tables hold no count of the people heard per buurt, so this check
reads the build's own connection, where the temporary tables that count them still are (``stg_buurt_heard``,
the view ``stg_round_segments``): :func:`buurtdata.outputs.audit.check_thin` runs it right after the pipeline, and
:func:`buurtdata.outputs.audit.audit_database` when it is given that connection. A regression guard: the marts
hold no such row.
"""

from __future__ import annotations

import duckdb

from buurtdata._sql import has_table

#: The status every theme of such a buurt has, and the stories of its signals.
THIN = "te weinig gesprekken"


def themes_told_apart(con: duckdb.DuckDBPyConnection, k: int) -> list[str]:
    """Every buurt with 1 to ``k``-1 people heard (in a round) whose published rows tell one theme from another.

    >>> con = duckdb.connect()
    >>> _ = con.execute("create temp table stg_buurt_heard as select 'B1' as buurt_code, 1 as heard")
    >>> _ = con.execute("create table buurt_themes as select * from (values ('B1', 'Wonen', 'te weinig stemmen', null),"
    ...     "('B1', 'Zorg', 'geen stemmen', null)) as t(code, theme, theme_status, in_wijk)")
    >>> print(themes_told_apart(con, 3)[0])  # doctest: +ELLIPSIS
    buurt_themes: 1 buurt(en) where only 1 to 2 people ... apart (e.g. B1: geen stemmen / te weinig stemmen); ...
    """
    if not has_table(con, "stg_buurt_heard") or not has_table(con, "buurt_themes"):
        return []
    thin = f"select buurt_code as code from stg_buurt_heard where heard between 1 and {int(k) - 1}"
    problems = _apart(
        con,
        "buurt_themes",
        f"select code, theme_status as status, in_wijk::varchar as in_wijk from buurt_themes where code in ({thin})",
        ["code"],
        k,
    )
    if has_table(con, "buurt_signals"):
        problems += _apart(
            con,
            "buurt_signals",
            f"select code, stories as status, signal as in_wijk from buurt_signals where code in ({thin}) "
            f"and (stories <> '{THIN}' or not linked or signal not in ('alleen cijfers', 'geen signaal'))",
            ["code"],
            k,
            any_row=True,
        )
    # stg_round_segments is a temporary view over stg_round_rows and stg_segments (has_table counts tables).
    if has_table(con, "stg_round_rows") and has_table(con, "buurt_theme_rounds"):
        rounds = (
            "select round_number, buurt_code as code from stg_round_segments where buurt_code is not null "
            f"group by all having count(distinct respondent) between 1 and {int(k) - 1}"
        )
        problems += _apart(
            con,
            "buurt_theme_rounds",
            f"select code, round_number, theme_status as status, null as in_wijk from buurt_theme_rounds "
            f"semi join ({rounds}) using (round_number, code)",
            ["code", "round_number"],
            k,
        )
    return problems


def _apart(
    con: duckdb.DuckDBPyConnection, name: str, rows: str, keys: list[str], k: int, *, any_row: bool = False
) -> list[str]:
    """The groups (``keys``) of ``rows`` whose status or in_wijk is not one and the same, or not 'te weinig
    gesprekken'; with ``any_row`` every group that has a row at all."""
    by = ", ".join(keys)
    found = con.sql(
        f"select {by}, string_agg(distinct coalesce(status, '-'), ' / ' order by coalesce(status, '-')) as said "
        f"from ({rows}) group by {by} "
        + (
            ""
            if any_row
            else f"having count(distinct coalesce(status, '-')) > 1 or count(distinct coalesce(in_wijk, '-')) > 1 "
            f"or bool_or(coalesce(status, '-') <> '{THIN}') "
        )
        + f"order by {by}"
    ).fetchall()
    if not found:
        return []
    first = found[0]
    where = " ".join(str(part) for part in first[:-1])
    return [
        f"{name}: {len(found)} buurt(en) where only 1 to {int(k) - 1} people were heard tell their themes apart "
        f"(e.g. {where}: {first[-1]}); every theme of such a buurt must say '{THIN}' and nothing per theme"
    ]
