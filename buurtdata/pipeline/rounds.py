"""Stage every interview round of a project and what each round's meeting agreed (see :mod:`buurtdata.rounds`).

Each round is read like today's interviews (codebook, placing, pseudonyms with the same key, so one
respondent keeps one pseudonym), then its themes are carried onto today's codebook through the round's
``[rounds.mapping]``: a code listed there wins over its theme (a split), several entries may name one theme
(a merge). The staged ``raw_round_segments`` (today's segments, when they are ``stg_segments``' rows as the runner
staged them, as one row that stands for them) feed ``stg_round_segments`` (temporary, like ``stg_segments``),
``buurt_theme_rounds`` (the privacy rule per round) and ``buurt_theme_changes``; ``agreements`` holds the
checked afspraken of every round.
"""

from __future__ import annotations

import contextlib
import functools
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import geopandas as gpd
import pandas as pd
import pyarrow as pa

from buurtdata import _errors, _sql
from buurtdata._errors import BuurtdataError, ValidationError
from buurtdata.pipeline import scope
from buurtdata.pipeline.round_copies import segment_keys, warn_copies
from buurtdata.pipeline.round_dates import warn_dates, warn_order, warn_period, warn_review_dates
from buurtdata.project import InterviewFiles, Project
from buurtdata.rounds import Round, mapped_to
from buurtdata.sources import interviews
from buurtdata.sources.agreements import read_agreements_as, themes_named
from buurtdata.sources.agreements_read_as import ReadAs
from buurtdata.sources.interviews.distinct import each_distinct
from buurtdata.sources.interviews.gazetteer import NO_LOCATION, Gazetteer
from buurtdata.sources.interviews.gemeente_column import BY_COLUMN
from buurtdata.sources.interviews.respondents import location_from
from buurtdata.sources.interviews.unplaced_names import sentences_withheld, warn_sentences
from buurtdata.sources.interviews.wording import KIND

#: The sources this module stages for the runner (see ``buurtdata.pipeline.runner.SOURCES``).
SOURCES = {
    "raw_round_segments": "every interview round's placed, pseudonymised segments, themes on today's codebook",
    "agreements": "the checked afspraken of every round ([[rounds]] / [interviews] agreements)",
}
_COLUMNS = ["round_number", "round", "period", "respondent", "theme", "buurt_code", "wijk_code", "consent"]
#: What ``unplaced_segments`` lists of a segment an earlier round could not place in a buurt.
_UNPLACED = ["segment_id", "location_raw", "resolved_by", "reason"]
#: True in the one row of ``raw_round_segments`` that stands for today's segments (:func:`_today_row`).
_TODAY = "stands_for_today"


class UnplacedRoundWarning(UserWarning):
    """Half or more of an interview round's segments are placed in no buurt: the round's themes say little."""


class AmbiguousPlacesWarning(UserWarning):
    """A tenth or more of an interview round's segments name a place several regions are called (user test N)."""


#: The share of a round's segments unplaced as ambiguous from which the build says how to tell the places apart.
AMBIGUOUS_SHARE = 0.1


def stage_rounds(
    con: duckdb.DuckDBPyConnection,
    project: Project,
    key: bytes | None,
    boundaries: gpd.GeoDataFrame,
    available: frozenset[str],
    sources: dict[str, str],
    *,
    today: tuple[pd.DataFrame, pd.DataFrame] | None = None,
) -> tuple[frozenset[str], pd.DataFrame, dict[int, ReadAs]]:
    """Stage :data:`SOURCES` and build every model that reads them; return what is available then, the
    respondent ids of the rounds read here a person should check (:func:`interviews.respondent_checks`), and what
    each round's agreements file read as the nearest buurt, by round number (for the overdrachtsdossier).

    ``today``: the codebook and the placed, pseudonymised segments of today's round as the runner staged them;
    without it today's round is read and placed here.
    """
    current = {row[0] for row in con.execute("select distinct theme from codebook").fetchall()}
    today_codes = dict(con.execute("select code_id, theme from codebook").fetchall())
    # Only an earlier round is placed here (today's comes placed): a national regions frame is not made for nothing.
    regions = functools.cache(lambda: con.sql("select * from regions where year = ?", params=[project.year]).df())
    key = key if key is not None else interviews.load_or_create_key()
    frames, agreements, problems, checks, wrong_in = [], [], [], [], []
    read_as: dict[int, ReadAs] = {}  # each round's agreements' buurten read as the nearest
    interviewed: set[str] = set()  # the respondents' pseudonyms: an agreement may not name one by code
    # Only an agreements file reads them: a million segments' pseudonyms cost 2 s as a set of Python strings (issue 19).
    with_agreements = any(one.agreements is not None for one in project.rounds)
    pending: list[tuple[Round, dict[str, str], pd.DataFrame]] = []  # rounds whose agreements are read after
    copied: list = []  # each round read so far, by its segments' keys (round_copies)
    # Read when a round needs it (the runner already told today's segments); its polygons are decoded once.
    refused = functools.cache(lambda: scope.refused(con))
    warn_order((_section(one), one.period) for one in project.rounds)
    for one in project.rounds:
        ready = one.current and today is not None
        if ready:
            codebook, segments = today
        else:
            # Every round reads its codebook exactly as the runner reads today's ([interviews.themes] for a .qdpx).
            with named(one):
                codebook = interviews.read_codebook(one.codebook or one.segments, themes=one.themes)
        read: list[pd.DataFrame] = []  # an earlier round's segments, once: read to see which themes it uses

        def used(one: Round = one, codebook: pd.DataFrame = codebook, read: list[pd.DataFrame] = read) -> set[str]:
            read.append(located(one, project, codebook, regions(), boundaries, refused()))
            return themes_used(read[0], codebook) | (themes_named(one.agreements) if one.agreements else set())

        names, wrong = theme_mapping(one, codebook, current, today_codes, used=None if ready else used)
        problems += wrong
        if wrong:
            wrong_in.append(project.path)
            continue
        if not ready:
            segments = read[0] if read else located(one, project, codebook, regions(), boundaries, refused())
            checks.append(_checks(one, segments))
            segments = interviews.pseudonymise(segments, key)
        warn_unplaced(one, segments, project)
        warn_sentences(segments, f"{_section(one)}, {_relative(one.segments, project)}")
        warn_ambiguous(one, segments, project)
        warn_dates(f"{_section(one)}, {_relative(one.segments, project)}", segments)
        warn_period(f"{_section(one)}, {_relative(one.segments, project)}", one.period, segments)
        if len(project.rounds) > 1:
            warn_copies(f"{_section(one)}, {_relative(one.segments, project)}", segment_keys(segments), copied)
        theme = _carried(segments, names, codebook)
        if ready and theme.equals(segments["theme"]):
            # Today's segments as staged are stg_segments' rows (the same ids, pseudonyms, places and themes), which
            # stg_round_segments reads itself: one row stands for them (a million segments were copied to Arrow and
            # staged a second time; issue 19).
            frames.append(_today_row(one))
        else:
            # Today's unplaced segments are listed from stg_segments, scrubbed there; an earlier round's from here.
            lost = segments["buurt_code"].isna().to_numpy() & (not one.current)
            texts = ["location_raw", "reason"]
            scrubbed = interviews.scrub_free_text(
                segments.loc[lost, texts],
                names=project.interviews.names if project.interviews else (),
                places=regions()["name"] if lost.any() else (),
            )
            # A location that reads as a sentence (a quote in the location column) is listed by its length alone.
            scrubbed = sentences_withheld(scrubbed.assign(resolved_by=segments.loc[lost, "resolved_by"]))[texts]
            segments = segments.assign(location_raw=None, reason=None)
            segments.loc[lost, texts] = scrubbed.to_numpy()
            segments = segments.assign(theme=theme, round_number=one.number, round=one.label, period=one.period)
            frames.append(segments.reindex(columns=[*_COLUMNS, *_UNPLACED, _TODAY]))
        if with_agreements:  # pseudonyms, of every round; each distinct one once
            interviewed |= set(segments["respondent"].dropna().drop_duplicates().astype(str))
        if one.agreements is not None:
            dated = segments[["date"]] if "date" in segments else pd.DataFrame()
            pending.append((one, names, dated))
    # Read once every round's respondents are known: an earlier round's agreement may name a person interviewed
    # only in a later round (review aa, S4), whose quotes the overdrachtsdossier ties to it just the same.
    respondents = frozenset(interviewed)
    for one, names, dated in pending:
        try:
            with named(one):
                found, read_as[one.number] = read_agreements_as(
                    one.agreements,
                    buurten=regions(),
                    themes=names | {t: t for t in current},
                    refused=refused(),
                    gemeente=project.gemeenten or project.gemeente,
                    held_in=one.gemeenten,
                    names=project.interviews.names if project.interviews else (),
                    respondents=respondents,
                    key=key,
                )
        except ValidationError as error:
            problems += error.problems
            wrong_in.append(one.agreements)
            continue
        warn_review_dates(f"{_section(one)}, {_relative(one.agreements, project)}", found, dated)
        agreements.append(found.assign(round_number=one.number, round=one.label))
    if problems:
        # Named by the files they are in: an agreements file's are not the project file's (user test).
        raise ValidationError(problems, source=", ".join(map(str, dict.fromkeys(wrong_in))))
    together = pd.concat(frames, ignore_index=True)
    together[_TODAY] = together[_TODAY].eq(True)
    staged = {
        "raw_round_segments": pa.Table.from_pandas(together, preserve_index=False),
        "agreements_frame": pd.concat(agreements, ignore_index=True)
        if agreements
        else pd.DataFrame(
            columns=["code", "theme", "agreement", "owner", "review_date", "theme_agreed", "round_number", "round"]
        ),
    }
    found = [c for c in checks if not c.empty]
    checked = pd.concat(found, ignore_index=True) if found else pd.DataFrame()
    with _sql.registered(con, staged):
        con.execute("""
            create or replace table agreements as
            select round_number::integer as round_number, round::varchar as round, code::varchar as code,
                   theme::varchar as theme, agreement::varchar as agreement, owner::varchar as owner,
                   review_date::date as review_date, theme_agreed::varchar as theme_agreed
            from agreements_frame order by round_number, code, theme, agreement
        """)
        available = _sql.build(con, available | {"raw_round_segments", "agreements"}, sources)
        return available - {"raw_round_segments"}, checked, read_as


def _today_row(one: Round) -> pd.DataFrame:
    """The row of ``raw_round_segments`` that stands for today's round: ``stg_round_segments`` gives it
    ``stg_segments``' segments (without their written location and reason: unplaced_segments lists today's from
    ``stg_segments``, scrubbed there)."""
    row = {"round_number": [one.number], "round": [one.label], "period": [one.period], _TODAY: [True]}
    return pd.DataFrame(row).reindex(columns=[*_COLUMNS, *_UNPLACED, _TODAY])


def themes_used(segments: pd.DataFrame, codebook: pd.DataFrame) -> set[str]:
    """The themes of a round's codebook its ``segments`` carry: by their theme, else by their code."""
    by_code = dict(zip(codebook["code_id"], codebook["theme"], strict=True))
    themes = set(segments["theme"].dropna()) if "theme" in segments else set()
    return themes | {by_code[c] for c in segments["code_id"].dropna().unique() if c in by_code}


def _carried(segments: pd.DataFrame, names: dict[str, str], codebook: pd.DataFrame) -> pd.Series:
    """Return each segment's theme of today: a code ``names`` maps as a code (one of the round's ``codebook`` that is
    no theme's name) wins over its theme.

    Looked up once per distinct code and per distinct theme: a million segments hold a few dozen. A code that shares
    another theme's name ("Wonen" of theme Ontmoeten beside theme Wonen) goes where its own theme goes, as
    buurt_themes counts it (review y L5). When every mapped code goes where its theme goes (the usual case), the
    segments' codes are not looked up at all (issue 19: a million codes factorized for nothing).
    """
    themes = each_distinct(segments["theme"], names.get)
    by_code = {code: names[code] for code in set(codebook["code_id"]) - set(codebook["theme"]) if code in names}
    goes_to = zip(codebook["code_id"], codebook["theme"].map(names.get), strict=True)
    if all(by_code.get(code, new) == new for code, new in goes_to):
        return themes
    return each_distinct(segments["code_id"], by_code.get).fillna(themes)


def read(files: Round | InterviewFiles) -> pd.DataFrame:
    """A round's segments as its export is read: with its own respondents table, tool and variables (today's
    ``[interviews]`` alike); for the build, the overdracht's check of ids and ``buurtdata pseudoniem``."""
    return interviews.read_segments(
        files.segments, respondents=files.respondents, tool=files.tool, variables=files.variables
    )


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
    return interviews.pseudonymise(located(one, project, codebook, regions, boundaries, refused), key)


def located(
    one: Round,
    project: Project,
    codebook: pd.DataFrame,
    regions: pd.DataFrame,
    boundaries: gpd.GeoDataFrame,
    refused: dict[str, str],
) -> pd.DataFrame:
    """Read a round's segments, give them their themes and place them; the respondents are still as written.

    Every round is read as the runner reads today's (:func:`buurtdata.pipeline.runner._read_segments`): its own
    respondents table, tool and variables, the same respondent checks and placing.
    """
    with named(one):
        segments = read(one)
        interviews.warn_named_respondents(
            segments, project.interviews.names if project.interviews else (), places=regions["name"]
        )
    kind, unread = segments.attrs.get("location_kind"), segments.attrs.get("unread_variables", ())
    segments = place(segments, codebook, one, project, regions, boundaries, refused)
    if kind is None:
        return segments
    return said_where_from(segments, location_from(kind, one.respondents, section=_section(one), unread=unread))


def place(
    segments: pd.DataFrame,
    codebook: pd.DataFrame,
    one: Round,
    project: Project,
    regions: pd.DataFrame,
    boundaries: gpd.GeoDataFrame,
    refused: dict[str, str],
    gazetteer: Gazetteer | None = None,
) -> pd.DataFrame:
    """Give segments as read their themes and place them, as every round is placed (today's too, by the runner):
    with the round's PC6 table, looked up first in the gemeenten its interviews were held in.

    ``gazetteer``: the one :func:`interviews.gazetteer_for` makes of ``regions``, the project's gemeenten and
    ``refused``, made already (the runner makes today's beside the checks of the figures); the round's PC6 table is
    added to it."""
    with named(one):
        themed = interviews.attach_themes(segments, codebook)
    # A problem of the round's gemeenten is one of its section of the project file: today's is named too.
    with named(one, today=True):
        return interviews.resolve_locations(
            themed,
            regions,
            gemeente=project.gemeenten or project.gemeente,
            pc6=interviews.read_pc6(one.pc6) if one.pc6 is not None else None,
            boundaries=boundaries,
            refused=refused,
            held_in=one.gemeenten,
            gazetteer=gazetteer,
        )


def _checks(one: Round, segments: pd.DataFrame) -> pd.DataFrame:
    """The respondent checks of a round, each message naming the round (its file may share today's name)."""
    found = interviews.respondent_checks(segments)
    prefix = "" if one.current else f"{_section(one)}: "
    return found.assign(message=prefix + found["message"].astype(str)) if not found.empty else found


def said_where_from(segments: pd.DataFrame, location_from: str | None) -> pd.DataFrame:
    """Return ``segments`` with the reason of one without a location saying where a location would come from.

    A QDA tool's export names no location itself: the reason says where it comes from, not only that it is missing.
    """
    if not location_from:
        return segments
    empty = segments["reason"].eq(NO_LOCATION).fillna(False)
    return segments.assign(reason=segments["reason"].mask(empty, f"{NO_LOCATION}; {location_from}"))


def warn_unplaced(one: Round, segments: pd.DataFrame, project: Project) -> None:
    """Warn when half or more of a round's segments are placed in no buurt, naming the round, its file and why.

    They are listed in ``unplaced_segments`` (``niet_geplaatste_fragmenten.csv``) all the same; the warning makes
    a round whose themes would otherwise read "te weinig stemmen" everywhere impossible to miss.
    """
    lost = segments["buurt_code"].isna()
    if len(segments) == 0 or 2 * int(lost.sum()) < len(segments):
        return
    reasons = segments.loc[lost, "reason"].fillna("")
    said = unplaced_count(segments.loc[lost, "wijk_code"], reasons)
    # An export that names no location itself: the reason says where it comes from and how to give it.
    told = reasons[reasons.str.startswith(f"{NO_LOCATION}; ")]
    # It applies to those without a location only, not to every unplaced segment (user test: 2 of 34).
    fix = f"; of the {len(told)} without a location: {told.iloc[0].split('; ', 1)[1]}" if not told.empty else ""
    # Review AC 4: a team that filled the gemeente column with something else lost every segment, and the warning
    # said only "no match": name the column when it is why (gemeente_column.COLUMN is said in each such reason).
    columned = int(reasons.str.contains(BY_COLUMN).sum())
    if columned:
        fix += f"; {columned} of them because of the column gemeente beside the place: see the reason of each"
    everything = "all" if lost.all() else f"{int(lost.sum())} of"
    warnings.warn(
        f"{_section(one)}, {_relative(one.segments, project)}: {everything} {len(segments)} segments are placed in "
        f"no buurt ({said}){fix}. They are listed with the reason in niet_geplaatste_fragmenten.csv; correct their "
        "locations so the round's themes count.",
        UnplacedRoundWarning,
        stacklevel=2,
    )


def unplaced_count(wijk_code: pd.Series, reasons: pd.Series | None = None, sep: str = "; ") -> str:
    """``in a wijk only 2; in neither 5: no match 3, empty 2``: how many segments placed in no buurt (their
    ``wijk_code``) are placed in a wijk, how many in neither, and with ``reasons`` of what kind those are.

    The one count of a round's warning and of the placement a build tells (``outputs._unplaced.write_unplaced``).

    >>> unplaced_count(pd.Series(["WK016401", None]), pd.Series(["ambiguous between ...", "no match: 'X' ..."]))
    'in a wijk only 1; in neither 1: no match 1'
    """
    in_wijk = int(wijk_code.notna().sum())
    said = f"in a wijk only {in_wijk}{sep}in neither {len(wijk_code) - in_wijk}"
    if reasons is None or in_wijk == len(wijk_code):
        return said
    neither = reasons[wijk_code.isna().to_numpy()]
    kinds = neither.str.extract(KIND, expand=False).fillna("other").value_counts()
    return said + ": " + ", ".join(f"{kind} {count}" for kind, count in kinds.items())


def warn_ambiguous(one: Round, segments: pd.DataFrame, project: Project) -> None:
    """Warn, in one line, when :data:`AMBIGUOUS_SHARE` or more of a round's segments are unplaced because their
    place names several regions: the fix is one line of the project file (say where the interviews were held)."""
    # A reason's kind is how it starts (wording.KIND): a prefix test, not a regex extract of every reason (a
    # million segments: 0.2 s against 0.02 s; issue 19).
    ambiguous = segments["resolved_by"].eq("onbekend") & segments["reason"].str.startswith("ambiguous").eq(True)
    count = int(ambiguous.sum())
    if not count or count < AMBIGUOUS_SHARE * len(segments):
        return
    section = "[interviews]" if one.current else f"the [[rounds]] entry {one.as_written!r}"
    if len(project.gemeenten) == 1:
        fix = "write the buurt code or the name with its wijk, as each reason says"
    elif one.gemeenten:
        fix = "write the name with its gemeente ('Centrum (Hengelo)') or the buurt code, as each reason says"
    else:
        # User test W: with interviews in every gemeente of a region that line changes nothing; the gemeente beside
        # each place does.
        fix = (
            f'say where the interviews were held in {section}: gemeenten = ["GM0164", ...] (codes or names), or, '
            "when they were held in every gemeente, write the gemeente beside each place: in a column gemeente, or "
            "after the name ('Centrum (Hengelo)')"
        )
    warnings.warn(
        f"{_section(one)}, {_relative(one.segments, project)}: {count} of {len(segments)} segments name a place "
        f"several buurten or wijken are called, and are placed in none; {fix}.",
        AmbiguousPlacesWarning,
        stacklevel=2,
    )


@contextlib.contextmanager
def named(one: Round, *, today: bool = False) -> Iterator[None]:
    """Name an earlier round in every problem and warning about its files: rounds' exports often share a name.

    ``today``: name today's round's problems too, as its section of the project file (``[interviews] gemeenten:
    ...``); its warnings and other errors name their own file already.
    """
    if one.current:
        try:
            yield
        except ValidationError as error:
            if not today:
                raise
            raise ValidationError([f"{_section(one)} {p}" for p in error.problems]) from None
        return
    prefix = f"{_section(one)}, "
    # Warnings are named as they are given (_errors.warn), not caught: catching swaps every thread's filters.
    with _errors.named_source(prefix):
        try:
            yield
        except ValidationError as error:
            raise ValidationError([prefix + p for p in error.problems]) from None
        except BuurtdataError as error:
            raise type(error)(prefix + str(error)) from None


def _section(one: Round) -> str:
    return "[interviews]" if one.current else f"[[rounds]] {one.as_written!r}"


def _relative(path: Path, project: Project) -> str:
    try:
        return path.relative_to(project.path.parent).as_posix()
    except ValueError:
        return str(path)


def theme_mapping(
    one: Round,
    codebook: pd.DataFrame,
    current: set[str],
    today: dict[str, str] | None = None,
    used: Callable[[], set[str]] | None = None,
) -> tuple[dict[str, str], list[str]]:
    """Return ``{code or theme of the round: theme of today}`` and the problems with the round's mapping.

    A theme of the round that today's codebook lacks must be mapped; a mapping that names a code or theme the
    round's codebook does not have, or a theme today's codebook does not have, is refused. ``today``: today's codes
    and their themes, to suggest a mapping. ``used``: the themes the round's segments and agreements use (called
    only when a theme lacks a mapping); a theme of the round's codebook that neither uses needs none (user test B:
    a successor's codebook without the old codebook's unused Voorzieningen was refused until it mapped it).
    """
    where = f"[[rounds]] {one.as_written!r} mapping" if not one.current else "[interviews]"
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
    by_code = {code: new for code, new in one.mapping.items() if code in codes and code not in themes}
    names |= by_code
    # A theme is lost unless each of its codes is mapped as a code (not a code that only shares another theme's name).
    lost = sorted(
        t
        for t in themes
        if names[t] not in current
        and not all(by_code.get(c) in current for c in codebook.loc[codebook["theme"] == t, "code_id"])
    )
    if lost and used is not None:
        in_use = {theme.casefold() for theme in used()}
        lost = [t for t in lost if t.casefold() in in_use]
    suggested = {t: mapped_to(t, today or {th: th for th in current}) for t in lost}
    problems += [
        f"{where}: theme {t!r} of round {one.as_written!r} is not in today's codebook; map it"
        + (f" to one of today's themes ({', '.join(sorted(current))})" if suggested[t].startswith("<") else "")
        + f', e.g. [rounds.mapping] "{t}" = "{suggested[t]}"'
        for t in lost
    ]
    return names, problems
