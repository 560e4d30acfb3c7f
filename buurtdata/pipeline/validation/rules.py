"""Every validation rule, written once: which table (a SQL query), which column, what kind of check, its text.

The suites themselves are in :mod:`~buurtdata.pipeline.validation.kwb` and
:mod:`~buurtdata.pipeline.validation.suites`. A :class:`Suite` is one table at one boundary: the query that
yields it, the file it came from, the columns that name a row, and its :class:`Rule` s. A rule is data, not
code: its ``kind`` and parameters say what it checks, and both executors read the same definition;
:mod:`~buurtdata.pipeline.validation.sql` checks it as set-based SQL during every build,
:mod:`~buurtdata.pipeline.validation.gx` as a great-expectations expectation for the report and ``buurtdata
validate``. The English ``rule`` text is the rule's name in messages and in ``validation_results``;
:mod:`buurtdata.pipeline.rules_nl` gives its Dutch text.

>>> Rule("code_unique", "unique", ("code",), "each region appears once", "Remove the duplicate rows.").kind
'unique'
"""

from __future__ import annotations

import decimal
from dataclasses import dataclass
from typing import Any, Literal

from buurtdata import codes
from buurtdata._sql import quote

Boundary = Literal["kwb", "geometry", "profile", "segments"]
BOUNDARIES: tuple[Boundary, ...] = ("kwb", "geometry", "profile", "segments")

#: What a rule checks; each executor has one translation per kind.
Kind = Literal["regex", "unique", "unique_together", "between", "in_set", "at_least_column"]

#: Patterns of CBS region codes (:data:`buurtdata.codes.PATTERNS`, anchored).
CODE_PATTERNS = {level: f"^{pattern.pattern}$" for level, pattern in codes.PATTERNS.items()}
ANY_CODE = "|".join(f"(?:{p})" for p in CODE_PATTERNS.values())

#: CBS rounds counts of people in wijken and buurten to a multiple of 5 at random, up or down (not to the nearest:
#: in KWB 2020 the wijken of GM1721 add up to 3.3 a wijk more than the gemeente), so each region may be off by 4.
ROUNDING_PER_REGION = 4
#: The gemeente total also counts residents CBS places in no wijk or buurt, so the regions may add up to less:
#: in KWB 2020 76 gemeenten fall short by more than the rounding (always short, never over), at most 0.27 %
#: (Amsterdam, 1,362 of 872,757). Up to this fraction short is CBS's own figure, not a missing buurt.
UNPLACED_SHARE = 0.005

#: Values a figure's status may take (pipelines/seeds/status_codes.csv plus the pipeline's own).
FIGURE_STATUSES = ("waarde", "geheim", "ontbreekt", "niet_van_toepassing", "te_klein")
#: A buurt x theme's status (macros voices_status, buurt_voices_status): 'te weinig gesprekken' on every theme of a
#: buurt where only 1 to k-1 people were heard in all (user test V, left A), and on every withheld wijk row of a wijk
#: with such a buurt (macro wijk_voices_status).
THEME_STATUSES = ("getoond", "te weinig stemmen", "te weinig gesprekken", "geen stemmen")

#: CBS writes status codes as numbers from -99990 down (-99995 ... -99999, -99999997 ...); no KWB figure is that low.
LOWEST_FIGURE = -99989
#: No KWB figure comes near this; above it a value is ``inf`` or a cell pasted wrongly.
HIGHEST_FIGURE = 1e12
#: CBS publishes the average WOZ value in thousands of euros; no Dutch buurt averages more than this.
MAX_WOZ_THOUSANDS = 5000


@dataclass(frozen=True)
class Rule:
    """One check of one table.

    ``kind`` with its parameters:

    ``regex``
        every value of ``columns[0]`` matches ``pattern``;
    ``unique``
        no value of ``columns[0]`` appears twice;
    ``unique_together``
        no combination of ``columns`` appears twice;
    ``between``
        every value of ``columns[0]`` lies within ``min_value`` and ``max_value`` (either may be open);
    ``in_set``
        every value of ``columns[0]`` is one of ``values``, or of what the SQL ``values_from`` returns;
    ``at_least_column``
        ``columns[0]`` is at least ``columns[1]`` in every row.

    ``where`` narrows a rule to the rows whose column holds one of the given values. Missing values are
    not checked (a figure may be missing; whether that is allowed is its status's rule).
    """

    id: str
    kind: Kind
    columns: tuple[str, ...]
    rule: str
    fix: str
    pattern: str | None = None
    min_value: float | None = None
    max_value: float | None = None
    values: tuple[Any, ...] | None = None
    values_from: str | None = None
    where: tuple[str, tuple[Any, ...]] | None = None

    @property
    def reads(self) -> tuple[str, ...]:
        """The columns the rule reads: its own and the one ``where`` narrows on."""
        return (*self.columns, *([self.where[0]] if self.where else []))

    @property
    def dutch(self) -> str:
        """The rule's text for people who read the report."""
        from buurtdata.pipeline.rules_nl import dutch

        return dutch(self.rule)


@dataclass(frozen=True)
class Suite:
    """One table at one boundary: the SQL that yields it, the file it came from and its rules.

    ``query`` has no ``ORDER BY``: the executors list failing rows in the order of ``ids`` (sorting a whole
    table only to count its failures would cost a build of a million segments a tenth of a second).
    """

    boundary: Boundary
    name: str
    table: str
    source: str
    query: str
    ids: tuple[str, ...]
    rules: tuple[Rule, ...]

    def __post_init__(self) -> None:
        ids = [rule.id for rule in self.rules]
        if len(set(ids)) != len(ids):
            msg = f"suite {self.boundary}.{self.name} has two rules with one id: {ids}"
            raise ValueError(msg)

    @property
    def reads(self) -> list[str]:
        """The columns of the query the rules read, ids first: what an executor needs of the table."""
        return list(dict.fromkeys([*self.ids, *(c for rule in self.rules for c in rule.reads)]))

    @property
    def full_name(self) -> str:
        return f"{self.boundary}.{self.name}"


def literal(value: Any) -> str:
    """Write ``value`` as a SQL literal."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return quote(value)


def plain(value: Any) -> str:
    """Write a value as messages show it: a whole float without ``.0``."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, decimal.Decimal):  # DuckDB's decimals, as fetched; a frame holds them as floats
        value = float(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def status_rule(column: str, fix: str = "Add the status code to pipelines/seeds/status_codes.csv.") -> Rule:
    """Return the rule that ``column`` holds a figure's status."""
    return Rule(
        f"{column}_known",
        "in_set",
        (column,),
        f"{column} is one of {', '.join(FIGURE_STATUSES)}",
        fix,
        values=FIGURE_STATUSES,
    )
