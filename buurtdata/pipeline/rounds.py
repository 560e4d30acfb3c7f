"""Stage every interview round of a project and what each round's meeting agreed (see :mod:`buurtdata.rounds`).

Each round is read like today's interviews (codebook, placing, pseudonyms with the same key, so one
respondent keeps one pseudonym), then its themes are carried onto today's codebook through the round's
``[rounds.mapping]``: a code listed there wins over its theme (a split), several entries may name one theme
(a merge). The staged ``raw_round_segments`` feed ``stg_round_segments`` (temporary, like ``stg_segments``),
``buurt_theme_rounds`` (the privacy rule per round) and ``buurt_theme_changes``; ``agreements`` holds the
checked afspraken of every round.
"""

from __future__ import annotations

import functools

import duckdb
import geopandas as gpd
import pandas as pd
import pyarrow as pa

from buurtdata import _sql
from buurtdata._errors import ValidationError
from buurtdata.pipeline import scope
from buurtdata.project import Project
from buurtdata.rounds import Round
from buurtdata.sources import interviews
from buurtdata.sources.agreements import read_agreements
from buurtdata.sources.interviews.distinct import each_distinct

#: The sources this module stages for the runner (see ``buurtdata.pipeline.runner.SOURCES``).
SOURCES = {
    "raw_round_segments": "every interview round's placed, pseudonymised segments, themes on today's codebook",
    "agreements": "the checked afspraken of every round ([[rounds]] / [interviews] agreements)",
}
_COLUMNS = ["round_number", "round", "period", "respondent", "theme", "buurt_code", "wijk_code", "consent"]


def stage_rounds(
    con: duckdb.DuckDBPyConnection,
    project: Project,
    key: bytes | None,
    boundaries: gpd.GeoDataFrame,
    available: frozenset[str],
    sources: dict[str, str],
    *,
    today: tuple[pd.DataFrame, pd.DataFrame] | None = None,
) -> frozenset[str]:
    """Stage :data:`SOURCES` and build every model that reads them; return what is available then.

    ``today``: the codebook and the placed, pseudonymised segments of today's round as the runner staged them;
    without it today's round is read and placed here.
    """
    current = {row[0] for row in con.execute("select distinct theme from codebook").fetchall()}
    # Only an earlier round is placed here (today's comes placed): a national regions frame is not made for nothing.
    regions = functools.cache(lambda: con.sql("select * from regions where year = ?", params=[project.year]).df())
    key = key if key is not None else interviews.load_or_create_key()
    frames, agreements, problems = [], [], []
    buurten = dict(
        con.execute("select code, name from regions where level = 'buurt' and year = ?", [project.year]).fetchall()
    )
    # Read when a round needs it (the runner already told today's segments); its polygons are decoded once.
    refused = functools.cache(lambda: scope.refused(con))
    for one in project.rounds:
        ready = one.current and today is not None
        if ready:
            codebook, segments = today
        else:
            # Today's round reads its codebook exactly as the runner does ([interviews.themes] for a .qdpx).
            themes = project.interviews.themes if one.current else None
            codebook = interviews.read_codebook(one.codebook or one.segments, themes=themes)
        names, wrong = theme_mapping(one, codebook, current)
        problems += wrong
        if wrong:
            continue
        if not ready:
            segments = placed(one, project, codebook, regions(), boundaries, key, refused())
        segments = segments.assign(
            theme=_carried(segments, names),
            round_number=one.number,
            round=one.label,
            period=one.period,
        )
        frames.append(segments.reindex(columns=_COLUMNS))
        if one.agreements is not None:
            try:
                found = read_agreements(
                    one.agreements, buurten=buurten, themes=names | {t: t for t in current}, refused=refused()
                )
            except ValidationError as error:
                problems += error.problems
                continue
            agreements.append(found.assign(round_number=one.number, round=one.label))
    if problems:
        raise ValidationError(problems, source=project.path)
    staged = {
        "raw_round_segments": pa.Table.from_pandas(pd.concat(frames, ignore_index=True), preserve_index=False),
        "agreements_frame": pd.concat(agreements, ignore_index=True)
        if agreements
        else pd.DataFrame(columns=["code", "theme", "agreement", "owner", "review_date", "round_number", "round"]),
    }
    with _sql.registered(con, staged):
        con.execute("""
            create or replace table agreements as
            select round_number::integer as round_number, round::varchar as round, code::varchar as code,
                   theme::varchar as theme, agreement::varchar as agreement, owner::varchar as owner,
                   review_date::date as review_date
            from agreements_frame order by round_number, code, theme, agreement
        """)
        return _sql.build(con, available | {"raw_round_segments", "agreements"}, sources) - {"raw_round_segments"}


def _carried(segments: pd.DataFrame, names: dict[str, str]) -> pd.Series:
    """Return each segment's theme of today: a code listed in ``names`` wins over its theme.

    Looked up once per distinct code and per distinct theme: a million segments hold a few dozen. (No value of
    ``names`` is missing, so a missing lookup means the code is not listed.)
    """
    return each_distinct(segments["code_id"], names.get).fillna(each_distinct(segments["theme"], names.get))


def placed(
    one: Round,
    project: Project,
    codebook: pd.DataFrame,
    regions: pd.DataFrame,
    boundaries: gpd.GeoDataFrame,
    key: bytes,
    refused: dict[str, str],
) -> pd.DataFrame:
    """Read a round's segments, give them their themes, place them and pseudonymise the respondents."""
    files = project.interviews if one.current else None
    variables = files.variables if files else None
    segments = interviews.read_segments(
        one.segments, respondents=files.respondents if files else None, tool=one.tool, variables=variables
    )
    interviews.warn_named_respondents(segments, project.interviews.names if project.interviews else ())
    segments = interviews.attach_themes(segments, codebook)
    pc6 = interviews.read_pc6(files.pc6) if files and files.pc6 else None
    segments = interviews.resolve_locations(
        segments,
        regions,
        gemeente=project.gemeenten or project.gemeente,
        pc6=pc6,
        boundaries=boundaries,
        refused=refused,
    )
    return interviews.pseudonymise(segments, key)


def theme_mapping(one: Round, codebook: pd.DataFrame, current: set[str]) -> tuple[dict[str, str], list[str]]:
    """Return ``{code or theme of the round: theme of today}`` and the problems with the round's mapping.

    A theme of the round that today's codebook lacks must be mapped; a mapping that names a code or theme the
    round's codebook does not have, or a theme today's codebook does not have, is refused.
    """
    where = f"[[rounds]] {one.label!r} mapping" if not one.current else "[interviews]"
    codes, themes = set(codebook["code_id"]), set(codebook["theme"])
    problems = []
    for old, new in one.mapping.items():
        if old not in codes and old not in themes:
            problems.append(f"{where}: {old!r} is not a code or theme of {one.codebook}; its themes: {sorted(themes)}")
        if new not in current:
            problems.append(
                f"{where}: {old!r} = {new!r}, but {new!r} is not a theme of today's codebook; themes: {sorted(current)}"
            )
    names = {theme: one.mapping.get(theme, theme) for theme in themes}
    names |= {code: new for code, new in one.mapping.items() if code in codes and code not in themes}
    lost = sorted(
        t
        for t in themes
        if names[t] not in current
        and not all(names.get(c) in current for c in codebook.loc[codebook["theme"] == t, "code_id"])
    )
    problems += [
        f"{where}: theme {t!r} of round {one.label!r} is not in today's codebook; map it, "
        f'e.g. [rounds.mapping] "{t}" = "<theme of today>"'
        for t in lost
    ]
    return names, problems
