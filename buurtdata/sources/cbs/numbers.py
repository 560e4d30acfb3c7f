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
            problems.append(f"{where(path, row - 1 + first_line, key)}: {error}")
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


def _separator_sql(column: str) -> list[str]:
    """The aggregates :func:`_separator` decides from: a '.' or ',' that can only be thousands, the cells with a
    separator between digits, those that are only a grouped number, the separators seen there, the first of them.
    """
    text = _text(column)
    marked = f"(contains({text}, '.') or contains({text}, ','))"
    grouped = f"({marked} and regexp_full_match({text}, '{_GROUPED}'))"
    aggregates = []
    for separator, other in ((".", ","), (",", ".")):
        twice = f"length({text}) - length(replace({text}, '{separator}', '')) > 1"
        before = f"regexp_matches({text}, '\\{separator}\\d{{3}}\\{other}')"
        aggregates.append(f"coalesce(bool_or(contains({text}, '{separator}') and ({twice} or {before})), false)")
    aggregates += [
        f"count_if({marked} and regexp_matches({text}, '\\d[.,]\\d'))",
        f"count_if({grouped})",
        f"coalesce(bool_or({grouped} and contains({text}, '.')), false)",
        f"coalesce(bool_or({grouped} and contains({text}, ',')), false)",
        f"arg_min({text}, _row) filter (where {grouped})",
    ]
    return aggregates


def _separator(found: tuple, whole: bool | None) -> str | None:
    """Return the thousands separator a column uses ('' for none) from its :func:`_separator_sql`; ``None``: cannot
    tell (``39.858`` may be either).
    """
    dot, comma, marked, grouped, grouped_dot, grouped_comma, _ = found
    if dot:
        return "."
    if comma:
        return ","
    # No rows at all (a header-only file) gives no counts: nothing to separate.
    if not marked or (grouped or 0) < marked:
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


def _bad(cleaned: str) -> str:
    number = f"try_cast({cleaned} as double)"
    return f"({cleaned} not in ('', '.') and ({number} is null or isnan({number})))"


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

    Thousands separators are looked for in CSV files only: Excel and Parquet keep numbers as numbers.
    """
    separators = dict.fromkeys(columns, "")
    examples: dict[str, str] = {}
    if csv and columns:
        aggregates = [sql for column in columns.values() for sql in _separator_sql(column)]
        found = con.execute(f"select {', '.join(aggregates)} from kwb_text").fetchall()[0]
        for number, key in enumerate(columns):
            values = found[number * 7 : number * 7 + 7]
            separators[key] = _separator(values, whole[key])
            examples[key] = values[-1]
    usable = {key: column for key, column in columns.items() if separators[key] is not None}
    cleaned = {key: _cleaned(column, separators[key]) for key, column in usable.items()}
    bad_counts = dict(
        zip(
            usable,
            con.execute(
                f"select {', '.join(f'count_if({_bad(cleaned[key])})' for key in usable) or '0'} from kwb_text"
            ).fetchall()[0],
            strict=False,
        )
    )
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
                f"select _row, coalesce({column}, '') from kwb_text where {_bad(cleaned[key])} order by _row"
            ).fetchall()
            problems.extend(
                f"{where(path, row - 1 + first_line, key)}: {value!r} is not a number; fix or empty the cell."
                for row, value in rows
            )
    return cleaned, grouped, problems
