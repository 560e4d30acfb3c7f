"""What an executor says about one rule, and how failing rows are written in messages (the same by both)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from buurtdata import codes
from buurtdata.pipeline.validation.rules import Rule, plain

#: How many failing rows a message and the results page show per rule.
MAX_EXAMPLES = 10


@dataclass
class Outcome:
    """The result of one rule on one table; ``gemeenten`` holds the failing rows per gemeente."""

    rule: Rule
    success: bool
    unexpected: int = 0
    examples: str = ""
    gemeenten: dict[str, list[str]] = field(default_factory=dict)


def failed(rule: Rule, rows: list[Mapping[str, Any]], ids: Iterable[str]) -> Outcome:
    """Return the outcome of ``rule`` given its failing rows (each the row's ids and the checked columns)."""
    ids = list(ids)
    shown = sorted({describe(row, ids) for row in rows})
    more = f"; and {len(shown) - MAX_EXAMPLES} more" if len(shown) > MAX_EXAMPLES else ""
    return Outcome(rule, not rows, len(rows), "; ".join(shown[:MAX_EXAMPLES]) + more, _gemeenten_of(rows, ids))


def describe(row: Mapping[str, Any], ids: list[str]) -> str:
    """Write a failing row as ``id=value, ... (column=value)``."""
    named = ", ".join(f"{k}={plain(row[k])}" for k in ids if k in row)
    extra = [f"{k}={plain(v)}" for k, v in row.items() if k not in ids]
    return named + (f" ({', '.join(extra)})" if extra else "")


def _gemeenten_of(rows: list[Mapping[str, Any]], ids: list[str]) -> dict[str, list[str]]:
    """Return the failing rows per gemeente (by their ``gemeente_code`` or region ``code``)."""
    found: dict[str, list[str]] = {}
    for row in rows:
        code = row.get("gemeente_code") or row.get("code")
        if isinstance(code, str) and codes.is_valid(code) and codes.level_of(code) != "land":
            found.setdefault(codes.gemeente_of(code), []).append(describe(row, ids))
    return found
