"""Checks of a KWB file's cells, as SQL over the text cells in DuckDB (``kwb_text``, see :mod:`.reader`).

Region codes are normalised (:func:`region_codes`); numbers written with thousands separators or a decimal
comma are recognised and rewritten with a decimal point, and cells that are not numbers are refused
(:func:`check`). Each check is one scan of the file, whatever its size.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from buurtdata import codes
from buurtdata._errors import CodeError, where

#: What Python's ``str.strip`` removes around a cell, as far as a KWB file has it.
_SPACE = "' \t\r\n'"
#: A number written with thousands separators and nothing else: 39.858, 39,858 (not 0.125: no leading 0).
_GROUPED = r"[-+]?[1-9]\d{0,2}[.,]\d{3}"
#: Every region code in its canonical form (codes.PATTERNS), so only other spellings go through Python.
_CANONICAL = "|".join(pattern.pattern for pattern in codes.PATTERNS.values())


def _text(column: str) -> str:
    return f"trim(coalesce({column}, ''), {_SPACE})"


def region_codes(con: duckdb.DuckDBPyConnection, path: Path, column: str, key: str, first_line: int) -> list[str]:
    """Make the temp table ``kwb_codes`` (``_row``, ``code``) of the region codes in ``column``; return problems."""
    candidate = f"upper({_text(column)})"
    con.execute(
        f"create or replace temp table kwb_codes as select _row, case when regexp_full_match({candidate}, "
        f"'{_CANONICAL}') then {candidate} end as code from kwb_text"
    )
    others = con.execute(
        f"select _row, coalesce({column}, '') from kwb_text semi join "
        "(select _row from kwb_codes where code is null) using (_row) order by _row"
    ).fetchall()
    problems, fixed = [], []
    for row, value in others:
        try:
            fixed.append((row, codes.normalize(value)))
        except CodeError as error:
            # User test L: a note below the table ('Bron: CBS, 2024') was "'' is not a CBS region code".
            told = (
                "no region code (an empty row, or a note such as 'Bron: CBS' below the table?); delete that row, or "
                "fill in the region's code"
                if not value.strip()
                else str(error)
            )
            problems.append(f"{where(path, row - 1 + first_line, key)}: {told}")
    if fixed:
        fixes = pa.table({"_row": [r for r, _ in fixed], "code": [c for _, c in fixed]})  # noqa: F841 (read by SQL)
        con.execute("update kwb_codes set code = fixes.code from fixes where kwb_codes._row = fixes._row")
    duplicated = con.execute(
        "select code, list(_row order by _row) from kwb_codes where code is not null "
        "group by code having count(*) > 1 order by code"
    ).fetchall()
    for code, rows in duplicated:
        lines = ", ".join(str(row - 1 + first_line) for row in rows)
        problems.append(
            f"{where(path)}: region {code} occurs on rows {lines}; "
            "keep one row per region (was the file appended to twice?)."
        )
    return problems


def any_code(con: duckdb.DuckDBPyConnection, column: str) -> bool:
    """Tell whether any cell of ``column`` is a region code (else the column holds region names)."""
    canonical = f"regexp_full_match(upper(replace({_text(column)}, ' ', '')), '{_CANONICAL}')"
    if con.execute(f"select coalesce(bool_or({canonical}), false) from kwb_text").fetchall()[0][0]:
        return True
    values = con.execute(f"select distinct {column} from kwb_text where {column} is not null").fetchall()
    return any(codes.is_valid(value) for (value,) in values)


def whole_numbers(numeric: pd.DataFrame) -> dict[str, bool | None]:
    """Return, per numeric key, whether ``39.858`` there can only be thousands (CBS gives it fewer than 3 decimals).

    ``None``: its decimals are unknown, so such a value could be either.
    """
    decimals = pd.to_numeric(numeric["Decimals"], errors="coerce") if "Decimals" in numeric else None
    whole: dict[str, bool | None] = {}
    for index, key in zip(numeric.index, numeric["Key"], strict=True):
        places = None if decimals is None or pd.isna(decimals[index]) else int(decimals[index])
        if numeric.at[index, "Datatype"] in ("Long", "Integer"):
            whole[key] = True
        else:
            # 39.858 has 3 places after the separator: more than a figure CBS gives 0-2 decimals can have.
            whole[key] = None if places is None else places < 3
    return whole


def _separator_sql(columns: list[str]) -> str:
    """The query of the aggregates :func:`_separator` decides from, one row per column (``name``) that has cells
    with a '.' or ',': a '.' or ',' that can only be thousands, the cells with a separator between digits, those
    that are only a grouped number, the separators seen there, the first of them.

    Only those cells are looked at, each once: unpivoted, so every regex runs on a cell, not on a cell per column.
    """
    text = f"trim(value, {_SPACE})"
    grouped = f"regexp_full_match({text}, '{_GROUPED}')"
    aggregates = []
    for separator, other in ((".", ","), (",", ".")):
        twice = f"length(value) - length(replace(value, '{separator}', '')) > 1"
        before = f"regexp_matches(value, '\\{separator}\\d{{3}}\\{other}')"
        aggregates.append(f"coalesce(bool_or(contains(value, '{separator}') and ({twice} or {before})), false)")
    aggregates += [
        "count_if(regexp_matches(value, '\\d[.,]\\d'))",
        f"count_if({grouped})",
        f"coalesce(bool_or({grouped} and contains(value, '.')), false)",
        f"coalesce(bool_or({grouped} and contains(value, ',')), false)",
        f"arg_min({text}, _row) filter (where {grouped})",
    ]
    listed = ", ".join(columns)
    return (
        f"select name, {', '.join(aggregates)} from (unpivot (select _row, {listed} from kwb_text) on {listed} "
        "into name name value value) where contains(value, '.') or contains(value, ',') group by name"
    )


def _separator(found: tuple, whole: bool | None) -> str | None:
    """Return the thousands separator a column uses ('' for none) from its :func:`_separator_sql`; ``None``: cannot
    tell (``39.858`` may be either).
    """
    dot, comma, marked, grouped, grouped_dot, grouped_comma, _ = found
    if dot:
        return "."
    if comma:
        return ","
    if not marked or grouped < marked:
        return ""
    separators = {s for s, seen in ((".", grouped_dot), (",", grouped_comma)) if seen}
    if whole is None or len(separators) > 1:
        return None
    return separators.pop() if whole else ""


def _cleaned(column: str, separator: str) -> str:
    text = _text(column)
    if separator:
        text = f"replace({text}, '{separator}', '')"
    # A decimal comma (Dutch Excel) becomes a point; what an empty or '.' cell means is the staging SQL's business.
    comma = f"contains({text}, ',') and not contains({text}, '.')"
    return f"(case when {comma} then replace({text}, ',', '.') else {text} end)"


def _bad(column: str, separator: str) -> str:
    """A cell of ``column`` that is no number once read as :func:`_cleaned` reads it.

    Cheaper than casting :func:`_cleaned` itself and the same: DuckDB's cast skips the spaces ``trim`` removes, and
    a cell with both a ',' and a '.' left is no number whichever of them becomes a point. Only a cell that does not
    cast is trimmed (a ``case``, as ``and`` would trim them all).
    """
    text = f"replace({column}, '{separator}', '')" if separator else column
    return (
        f"(case when coalesce(isnan(try_cast(replace({text}, ',', '.') as double)), true) "
        f"then trim({column}, {_SPACE}) not in ('', '.') else false end)"
    )


def _counts(con: duckdb.DuckDBPyConnection, aggregates: list[str]) -> list:
    return list(con.execute(f"select {', '.join(aggregates)} from kwb_text").fetchall()[0]) if aggregates else []


def check(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    columns: dict[str, str],
    whole: dict[str, bool | None],
    csv: bool,
    first_line: int,
) -> tuple[dict[str, str], dict[str, list[str]], list[str]]:
    """Check the numeric ``columns`` (CBS key -> column of ``kwb_text``); return the SQL of each one's cleaned text,
    the keys read with each thousands separator, and the problems.

    Thousands separators are looked for in CSV files only: Excel and Parquet keep numbers as numbers. A file is
    scanned once for every column's cells with a '.' or ',' and its cells that are no number (without thousands
    separators); only columns with such cells are looked at further.
    """
    keys = list(columns)
    counts = _counts(
        con,
        [f"count_if({_bad(columns[key], '')})" for key in keys]
        + (
            [f"count_if(contains({columns[key]}, '.') or contains({columns[key]}, ','))" for key in keys] if csv else []
        ),
    )
    bad_counts = dict(zip(keys, counts[: len(keys)], strict=True))
    separators = dict.fromkeys(keys, "")
    examples: dict[str, str] = {}
    marked = [columns[key] for key, count in zip(keys, counts[len(keys) :], strict=False) if count]
    if marked:
        found = {row[0]: row[1:] for row in con.execute(_separator_sql(marked)).fetchall()}
        for key in keys:
            if columns[key] in found:
                separators[key] = _separator(found[columns[key]], whole[key])
                examples[key] = found[columns[key]][-1]
    # A column read with a thousands separator has other cells that are numbers: count those again.
    regrouped = [key for key in keys if separators[key]]
    bad_counts |= dict(
        zip(regrouped, _counts(con, [f"count_if({_bad(columns[k], separators[k])})" for k in regrouped]), strict=True)
    )
    cleaned = {key: _cleaned(column, separators[key]) for key, column in columns.items() if separators[key] is not None}
    problems: list[str] = []
    grouped: dict[str, list[str]] = {}
    for key, column in columns.items():
        separator = separators[key]
        if separator is None:
            example = examples[key]
            problems.append(
                f"{where(path, field=key)}: {example!r} may be {example.replace(',', '').replace('.', '')} written "
                f"with a thousands separator or a decimal number; buurtdata cannot tell for this column. Save the "
                f"file without thousands separators (Excel: Format Cells -> Number, untick 'Use 1000 Separator')."
            )
            continue
        if separator:
            grouped.setdefault(separator, []).append(key)
        if bad_counts[key]:
            rows = con.execute(
                f"select _row, coalesce({column}, '') from kwb_text where {_bad(column, separator)} order by _row"
            ).fetchall()
            problems.extend(
                f"{where(path, row - 1 + first_line, key)}: {value!r} is not a number; fix or empty the cell."
                for row, value in rows
            )
    return cleaned, grouped, problems
