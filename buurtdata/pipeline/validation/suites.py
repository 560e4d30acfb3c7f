"""The suites of every boundary: ``kwb`` (in :mod:`.kwb`), and here ``geometry``, ``profile`` and ``segments``."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

import duckdb

from buurtdata._errors import SHOWN, few
from buurtdata._sql import has_table, identifier
from buurtdata.pipeline.status import FEW_WITHOUT_POLYGON, changed_since, indeling_fix
from buurtdata.pipeline.validation.kwb import kwb_suites
from buurtdata.pipeline.validation.rules import CODE_PATTERNS, THEME_STATUSES, Rule, Suite, status_rule

_BUURT_CODES = "select code from stg_buurt_geometry"
#: The buurten with a polygon, and those a build of many gemeenten keeps without one (a few new buurten the polygons
#: lack, named in ``gemeente_status``: :mod:`buurtdata.pipeline.status`).
_PLACED_CODES = f"{_BUURT_CODES} union all select code from buurten_without_polygon"
_GEMEENTE_CODES = "select code from regions where level = 'gemeente'"


def suites(con: duckdb.DuckDBPyConnection, project: Any, boundaries: tuple[str, ...]) -> Iterator[Suite]:
    """Yield the suites of ``boundaries`` for the tables the pipeline built in ``con`` from ``project``."""
    if "kwb" in boundaries:
        yield from kwb_suites(con, project)
    if "geometry" in boundaries:
        yield _geometry_suite(con, project)
    if "profile" in boundaries:
        yield from _profile_suites(con, project)
    if "segments" in boundaries and project.interviews is not None:
        yield from _segment_suites(con, project)


def _scope(project: Any) -> str:
    if project.national:
        return "gemeenten (all of NL)"
    return (
        f"gemeente {project.gemeente}" if len(project.gemeenten) == 1 else f"gemeenten {', '.join(project.gemeenten)}"
    )


def _gemeente_fix(con: duckdb.DuckDBPyConnection, project: Any) -> str:
    """Say what to do about polygons outside the project's gemeenten; first whether the KWB file lacks the row of
    a gemeente itself (a selection of its buurten only), which leaves every buurt of it outside."""
    headless = [
        code
        for (code,) in con.sql(
            "select distinct gemeente_code from regions where level = 'buurt' and gemeente_code is not null "
            # The project year's own gemeente rows: a row in a comparison year's file does not make up for it.
            f"and year = $year except ({_GEMEENTE_CODES} and year = $year) order by 1",
            params={"year": project.year},
        ).fetchall()
    ]
    if not headless:
        return "Filter the polygon file on the gemeente, or fix 'gemeente' in the project file."
    files = project.kwb_files(project.year)
    which = f"gemeente {headless[0]}" if len(headless) == 1 else f"gemeenten {', '.join(headless)}"
    return (
        f"The KWB file {files.data} has no row of {which} itself, only of its wijken or buurten, so its buurten "
        f"lie in no gemeente of the figures. Fix: download table {files.table} again with the row of the gemeente: "
        f"on CBS StatLine (https://opendata.cbs.nl/statline/#/CBS/nl/dataset/{files.table}/table) select the "
        "gemeente too under 'Wijken en buurten', or in Python buurtdata.sources.cbs.download_kwb("
        f"{project.year}, 'kwb', gemeente='{headless[0]}'), which writes the data, properties and regions "
        "files to name in the [[kwb]] entry."
    )


def _geometry_suite(con: duckdb.DuckDBPyConnection, project: Any) -> Suite:
    return Suite(
        "geometry",
        "stg_buurt_geometry",
        "buurt polygons (attributes)",
        str(project.boundaries.path),
        "select row_number() over () as row, * from stg_buurt_geometry",
        ("row", "code"),
        (
            Rule(
                "code_pattern",
                "regex",
                ("code",),
                "buurtcode is a buurt code (BU01640101)",
                "Use the CBS wijk- en buurtkaart layer with buurten, not wijken.",
                pattern=CODE_PATTERNS["buurt"],
            ),
            Rule(
                "wijk_code_pattern",
                "regex",
                ("wijk_code",),
                "wijkcode is a wijk code (WK016401)",
                "Use the CBS wijk- en buurtkaart layer with buurten.",
                pattern=CODE_PATTERNS["wijk"],
            ),
            Rule(
                "in_project",
                "in_set",
                ("gemeente_code",),
                f"every buurt lies in the project's {_scope(project)}",
                _gemeente_fix(con, project),
                values_from=_GEMEENTE_CODES,
            ),
            Rule(
                "code_unique",
                "unique",
                ("code",),
                "each buurt has one polygon",
                "Dissolve or remove the duplicate polygons.",
            ),
        ),
    )


def _polygon_fix(con: duckdb.DuckDBPyConnection, project: Any) -> str:
    """Say what to do about buurten without a polygon: polygons of another indeling when more than a few codes
    differ or CBS marks them as changed since the year before, else each code that is one character from a
    polygon's, which is likely mistyped."""
    polygons = {code for (code,) in con.sql(_placed(con)).fetchall()}
    figures = {code for (code,) in con.sql("select code from buurt_profile").fetchall()}
    data, path, year = project.kwb_files(project.year).data, project.boundaries.path, project.year
    missing, lonely = sorted(figures - polygons), sorted(polygons - figures)
    changed = changed_since(con, year, missing)
    # CBS's own word that the codes changed (user test "any gemeente": Groningen redrew the buurten of former Haren,
    # Houten renumbered one, with the 2019 national polygons): the polygons are of an earlier year, not mistyped.
    cause = (
        f"CBS marks {len(changed)} of these buurten ({few(changed)}) as renumbered or redrawn since {year - 1} "
        f"(Indelingswijziging 2 or 3 in {data}), so the polygons are of an earlier indeling"
        if changed
        else ""
    )
    if missing and not lonely:
        # A few are built without a polygon (pipeline.status): these are more, so the polygons are not of the year.
        return (
            f"{path} has no polygon of {len(missing)} of the {len(figures)} buurten (a build leaves at most one in "
            f"{round(1 / FEW_WITHOUT_POLYGON)} off the maps, as new buurten){'; ' + cause if cause else ''}: the "
            f"polygons of the KWB year {year} hold every buurt of the project's {_scope(project)}. "
            + indeling_fix(year, codes_differ=bool(changed), same_year=True, keep=bool(changed))
        )
    if len(missing) > SHOWN or changed:
        return (
            f"{_of(missing, figures, f'buurt codes of the KWB figures of {year}')} no polygon, and "
            f"{_of(lonely, polygons, f'polygons in {path}')} a code the figures lack ({few(lonely)}): "
            f"the polygons carry another buurt indeling than the figures, not that of {project.boundaries.year} "
            f"([boundaries] year = {project.boundaries.year}){'; ' + cause if cause else ''}. "
            + indeling_fix(year, same_year=True)
        )
    hints = []
    for code in missing:
        # One character of ten: a typo. Two (BU03630001 and BU0363TM01) is another numbering, not a typo.
        close = difflib.get_close_matches(code, lonely, n=1, cutoff=0.9)
        if close:
            hints.append(
                f"{code} has figures but no polygon, and polygon {close[0]} has no figures: "
                f"is the code mistyped in {data} or in {path}?"
            )
    advice = f"{'Else use' if hints else 'Use'} polygons of the KWB year {year} in [boundaries] path (now {path})."
    return " ".join([*hints, advice])


def _of(some: list[str], every: set[str], what: str) -> str:
    """How many of ``every`` (a plural ``what``) ``some`` are, with the verb "have" agreeing (review S #9: "1 of the
    61 buurt codes ... have").

    >>> _of(["a"], {"a", "b"}, "polygons"), _of([], {"a"}, "polygons")
    ('1 of the 2 polygons has', '0 of the 1 polygons have')
    """
    return f"{len(some)} of the {len(every)} {what} {'has' if len(some) == 1 else 'have'}"


def _profile_suites(con: duckdb.DuckDBPyConnection, project: Any) -> Iterator[Suite]:
    """The buurten of ``buurt_profile``, then its shares and its statuses each as one long table (buurt, column):
    one rule over every share column (and one over every status column) instead of a rule per column, so a
    report's validation page reads as a handful of rules, and great-expectations checks two more expectations,
    not fifty (some 25 ms each in the report)."""
    columns = con.sql("select * from buurt_profile limit 0").columns
    shares = [c for c in columns if c.startswith(("aandeel_", "pct_")) and not c.endswith("_status")]
    statuses = [c for c in columns if c.endswith("_status")]
    fix = "This table is derived: check the KWB file the figure comes from."
    source = str(project.kwb_files(project.year).data)
    yield Suite(
        "profile",
        "buurt_profile",
        "buurt_profile",
        source,
        "select * from buurt_profile",
        ("code",),
        (
            Rule("code_pattern", "regex", ("code",), "code is a buurt code", fix, pattern=CODE_PATTERNS["buurt"]),
            Rule("code_unique", "unique", ("code",), "one row per buurt", fix),
            Rule(
                "has_polygon",
                "in_set",
                ("code",),
                "every buurt has a polygon",
                _polygon_fix(con, project),
                values_from=_placed(con),
            ),
            Rule("inwoners_not_negative", "between", ("inwoners",), "inwoners is 0 or more", fix, min_value=0),
        ),
    )
    if shares:
        yield Suite(
            "profile",
            "buurt_profile_shares",
            "buurt_profile",
            source,
            _long(shares, "value"),
            ("code", "column"),
            (
                Rule(
                    "share_range",
                    "between",
                    ("value",),
                    "every share and percentage of a buurt lies within 0-100",
                    fix,
                    min_value=0,
                    max_value=100,
                ),
            ),
        )
    if statuses:
        yield Suite(
            "profile",
            "buurt_profile_statuses",
            "buurt_profile",
            source,
            _long(statuses, "status"),
            ("code", "column"),
            (status_rule("status", fix),),
        )


def _placed(con: duckdb.DuckDBPyConnection) -> str:
    """The query of the buurt codes a buurt or a segment may have: :data:`_PLACED_CODES` once a build has narrowed
    the gemeenten (:func:`buurtdata.pipeline.scope.narrow`), else the polygons'."""
    return _PLACED_CODES if has_table(con, "buurten_without_polygon") else _BUURT_CODES


def _long(columns: list[str], into: str) -> str:
    """The query of ``columns`` of ``buurt_profile`` as rows (code, column, ``into``); a missing value is no row
    (no rule checks a missing value)."""
    listed = ", ".join(map(identifier, columns))
    return (
        f'select code, "column", {into} from (unpivot (select code, {listed} from buurt_profile) '
        f'on {listed} into name "column" value {into})'
    )


def _segment_suites(con: duckdb.DuckDBPyConnection, project: Any) -> Iterator[Suite]:
    from buurtdata.sources.interviews import RESOLVED_BY

    source = str(project.interviews.segments)
    yield Suite(
        "segments",
        "stg_segments",
        "interview segments",
        source,
        "select segment_id, buurt_code, wijk_code, resolved_by, location_raw from stg_segments",
        ("segment_id",),
        (
            Rule(
                "segment_unique",
                "unique",
                ("segment_id",),
                "segment ids are unique",
                "Give each segment its own id in the interview export.",
            ),
            Rule(
                "resolved_by_known",
                "in_set",
                ("resolved_by",),
                f"resolved_by is one of {', '.join(RESOLVED_BY)}",
                "Report this as a bug in buurtdata.",
                values=tuple(RESOLVED_BY),
            ),
            Rule(
                "buurt_has_polygon",
                "in_set",
                ("buurt_code",),
                f"every placed segment's buurt exists in the buurt polygons of {project.boundaries.year}",
                f"Correct the location of these segments, or use boundaries ({project.boundaries.path}) of the same "
                f"year as the KWB figures ({project.year}); an empty location leaves a segment unplaced.",
                values_from=_placed(con),
            ),
        ),
    )
    yield Suite(
        "segments",
        "buurt_themes",
        "buurt_themes",
        source,
        "select * from buurt_themes",
        ("code", "theme"),
        (
            Rule(
                "theme_status_known",
                "in_set",
                ("theme_status",),
                f"theme_status is one of {', '.join(THEME_STATUSES)}",
                "Report this as a bug in buurtdata.",
                values=THEME_STATUSES,
            ),
            Rule(
                "privacy_threshold",
                "between",
                ("respondents",),
                f"a shown theme has at least {project.privacy_threshold} respondents (privacy threshold)",
                "Report this as a bug in buurtdata: a theme with too few voices was shown.",
                min_value=project.privacy_threshold,
                where=("shown", (True,)),
            ),
            Rule(
                "theme_unique",
                "unique_together",
                ("code", "theme"),
                "one row per buurt and theme",
                "Give each theme one name in the codebook.",
            ),
        ),
    )
