"""Run the whole flow for a project: files -> DuckDB staging -> marts -> GeoDataFrames.

>>> from buurtdata import datasets
>>> from buurtdata.project import Project
>>> result = run(Project.load(datasets.get_path("hengelo")), key=b"doctest")
>>> len(result.buurten), int(result.con.execute("select value from observations "
...     "where year = 2024 and code = 'GM0164' and indicator = 'inwoners'").fetchall()[0][0])
(62, 83058)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import geopandas as gpd
import pandas as pd
import pyarrow as pa

from buurtdata import _built_from, _errors, _gc, _sql
from buurtdata._errors import ValidationError, did_you_mean
from buurtdata.pipeline import link, names, project_name, rounds, scope, trends
from buurtdata.pipeline.validation import validate
from buurtdata.project import InterviewFiles, Project
from buurtdata.rounds import mapped_to
from buurtdata.sources import cbs, geometry, interviews
from buurtdata.sources.agreements_read_as import ReadAs
from buurtdata.sources.interviews.gazetteer import Gazetteer, Refused
from buurtdata.sources.interviews.places import gazetteer_for
from buurtdata.sources.interviews.unplaced_names import sentences_withheld

T = TypeVar("T")


@dataclass
class PipelineResult:
    """What one run produced; ``con`` stays open on the database."""

    project: Project
    con: duckdb.DuckDBPyConnection
    boundaries: gpd.GeoDataFrame
    buurten: gpd.GeoDataFrame
    themes: gpd.GeoDataFrame | None
    placement: pd.DataFrame
    unplaced: pd.DataFrame
    #: Respondent ids to look at (spellings merged, ids one letter apart), by file row, never by id.
    respondent_checks: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: Places of today's segments read as a buurt they are spelt almost like, one row per place as written
    #: (``location_raw, buurt_code, name, reason, segments``): :data:`buurtdata.outputs._unplaced.READ_AS`.
    read_as: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: Each round's agreements file's buurten read as the nearest, by round number: the dossier hands them over so.
    agreements_read_as: dict[int, ReadAs] = field(default_factory=dict)


#: Tables the runner provides itself (from Python), by name: what each holds and who writes it.
#: Every other table a model reads is another model (see :mod:`buurtdata._sql`).
SOURCES = {
    "indicator_definitions": "seed pipelines/seeds/indicators.csv (cbs.create_staging_tables)",
    "indicator_catalogue": "seed pipelines/seeds/indicator_catalogue.csv (cbs.create_staging_tables)",
    "status_codes": "seed pipelines/seeds/status_codes.csv (cbs.create_staging_tables)",
    "question_templates": "seed pipelines/seeds/vragen.csv: the Dutch question templates (cbs.create_staging_tables)",
    "stg_kwb_observations": "the project's KWB files (cbs.stage_kwb)",
    "stg_kwb_regions": "the project's KWB files (cbs.stage_kwb)",
    "stg_kwb_indicators": "the project's KWB files (cbs.stage_kwb)",
    "project_settings": "one row of the project's settings (year, privacy threshold, interviews, band, ...)",
    "raw_buurt_geometry": "the buurt polygons' attributes (geometry.read_boundaries)",
    "raw_codebook": "the interview codebook (interviews.read_codebook), when the project has interviews",
    "raw_segments": "the placed, pseudonymised and scrubbed interview segments, when the project has interviews",
    "profile_indicators": "[profile] indicators of the project file",
    "theme_links": "[[links]] of the project file",
    **rounds.SOURCES,
}

#: The sources staged before the first models run: seeds, KWB files and the project's settings.
_FIRST_SOURCES = (
    "indicator_definitions",
    "indicator_catalogue",
    "status_codes",
    "question_templates",
    "stg_kwb_observations",
    "stg_kwb_regions",
    "stg_kwb_indicators",
    "project_settings",
)

#: Below this many buurten a build runs DuckDB on one thread (see :func:`_run`); the country keeps every core.
_ONE_THREAD_BELOW = 1_000

#: The figures' models the checks and the buurten's frame read, built first; the others (buurt_trends,
#: buurt_comparison) are built beside the interviews' placing (:func:`_build_all` on a cursor, :func:`_on_cursor`).
_CHECKED_FIRST = ("observations", "buurt_profile")


def run(project: Project, database: str | Path = ":memory:", *, key: bytes | None = None) -> PipelineResult:
    """Build every table of ``project`` in a DuckDB database.

    The runner stages the :data:`SOURCES` and lets :func:`_sql.build` run every SQL model whose inputs
    are there, in the order their ``-- reads:`` headers give; each boundary is validated once it is built.

    Parameters
    ----------
    project
        The project to build.
    database
        A DuckDB file to (re)create, or ``":memory:"``. An existing file is replaced.
    key
        Secret key for pseudonymising respondent ids; by default the key in
        ``settings.key_file`` (created on first use).
    """
    _sql.order(SOURCES)  # a wrong declaration fails before any file is read
    if str(database) != ":memory:":
        Path(database).unlink(missing_ok=True)
    # The segments are read beside the KWB and polygon steps, mostly in Arrow's reader, which leaves Python free
    # (0.4-0.6 s of a build of a million segments); a bad file still fails where it did, after the figures. What
    # the reader warns of (another sheet, cp1252, names as ids) is kept (_errors.held) and said in this thread once
    # the segments are taken, so it reaches the caller's warning filters and display (the CLI's one line each): said
    # in the reading thread, a warnings.catch_warnings this thread entered meanwhile (a library reading a file)
    # swallowed it now and then (user test M). An earlier round's warnings are named by _errors.named_source.
    reading = ThreadPoolExecutor(1, thread_name_prefix="reading segments")
    hashing = _built_from.hashing(project, database)  # the inputs' checksums, for project_settings
    try:
        told: _errors.Told = []  # what reading says, said in this thread (_errors.held)
        said = reading.submit(_read_segments, project.interviews, told) if project.interviews is not None else None
        # The objects the program holds already are left out of the collector's passes meanwhile (_gc.spared).
        with _gc.spared():
            return _run(project, database, key, said, told, hashing)
    finally:
        # A build that failed before it needed the segments does not wait for them (the thread ends on its own).
        reading.shutdown(wait=False, cancel_futures=True)


def _run(
    project: Project,
    database: str | Path,
    key: bytes | None,
    said: Future | None,
    told: _errors.Told,
    hashing: Future | None = None,
) -> PipelineResult:
    """The steps of :func:`run`, given the segments being read (``None``: the project has no interviews) and the
    inputs being hashed (:func:`_built_from.hashing`)."""
    con = duckdb.connect(str(database))
    if key is None and project.interviews is not None:
        key = interviews.load_or_create_key()  # also for the database's names_check (_built_from)
    # The polygons are read beside the KWB staging: both spend most of their time in GDAL, GEOS or DuckDB, which
    # leave Python free. A bad KWB file still fails first (the polygons' reading is then waited for, not read).
    with ThreadPoolExecutor(1, thread_name_prefix="reading boundaries") as beside:
        reading = beside.submit(geometry.read_boundaries, project.boundaries.path, layer=project.boundaries.layer)
        cbs.create_staging_tables(con)
        for files in project.kwb:
            cbs.stage_kwb(con, files, catalogued_only=True)
        boundaries = reading.result()
    geometry.require_buurten(boundaries, project.boundaries.path, project.boundaries.year)
    names.fill(con, boundaries)
    # Read while the staged regions hold every gemeente of the file; said once the project's are found there.
    named = project_name.check(con, project, boundaries)
    boundaries = scope.narrow(con, project, boundaries)
    project_name.warn(named)
    # A gemeente's build is some 40 small queries whose time goes to DuckDB's planning, not to scans: a second thread
    # adds only hand-over (Hengelo: pipeline.run 0.76 -> 0.71 s, medians of 10 pairs in fresh processes; issue 19).
    # The queries from two threads of the build (the figures beside) still run at once. Reset for the caller.
    small = len(boundaries) < _ONE_THREAD_BELOW
    if small:
        con.execute("set threads = 1")
    if hashing is not None:
        hashing.result()
    _write_settings(con, project, database, key)
    _stage_profile(con, project)
    available = _build_checked(con)

    themes = None
    placement = unplaced = checks = read_as = pd.DataFrame()
    absent = {}
    agreed: dict[int, ReadAs] = {}  # each round's agreements' buurten read as the nearest
    # The models nothing before the interviews reads (buurt_trends, buurt_comparison) are built on a cursor of their
    # own while the figures and polygons are checked and the segments placed and scrubbed, much of it pure Python
    # that leaves DuckDB's threads idle. They neither warn nor check: every problem is still raised where it was.
    with (
        ThreadPoolExecutor(1, thread_name_prefix="building figures") as beside,
        ThreadPoolExecutor(1, thread_name_prefix="gazetteer") as making,
    ):
        figures = beside.submit(_on_cursor, con.cursor(), _build_all, available)
        # Many gemeenten: one whose figures fail a check is left out with the reason, the others are built.
        results = validate(con, project, boundary="kwb", raise_on_failure=not scope.many(project), executor="sql")
        if not results["success"].all():
            figures.result()  # built from the figures before some were left out: built again below
            if scope.leave_out(con, project, results, boundaries):
                boundaries = scope.built(con, boundaries)
                available = _build_checked(con)
                figures = beside.submit(_on_cursor, con.cursor(), _build_all, available)
            validate(con, project, boundary="kwb", executor="sql")
        # The gemeenten are what they stay now. The gazetteer today's segments are placed with (pure Python: 0.2 s
        # for the country's 17,000 regions) is made meanwhile, while DuckDB checks the polygons and the profile.
        placing = _placing(con, project, making) if project.interviews is not None else None
        with _sql.registered(con, {"raw_buurt_geometry": boundaries.drop(columns="geometry")}):
            available = _sql.build(con, available | {"raw_buurt_geometry"}, SOURCES, only=["stg_buurt_geometry"])
            available -= {"raw_buurt_geometry"}
        validate(con, project, boundary="geometry", executor="sql")
        validate(con, project, boundary="profile", executor="sql")
        buurten = link.buurt_frame(con, boundaries)
        if project.interviews is None:
            _check_profile(con, project)
            absent = dict.fromkeys(["raw_codebook", "raw_segments", *rounds.SOURCES], "no interviews in the project")
        else:
            raw, placed, today = _stage_interviews(con, project, key, boundaries, said, told, placing)
            available, checks, framing = _build_interviews(
                con, available | figures.result(), raw, placed, beside, boundaries
            )
            validate(con, project, boundary="segments", executor="sql")
            available, earlier, agreed = rounds.stage_rounds(
                con, project, key, boundaries, available, SOURCES, today=today
            )
            checks = pd.concat([f for f in (checks, earlier) if not f.empty] or [checks], ignore_index=True)
            themes = framing.result()
            placement = con.sql(
                "select resolved_by, count(*) as segments from stg_segments "
                "group by resolved_by order by segments desc, resolved_by"
            ).df()
            unplaced = con.sql("select * from unplaced_segments").df()
            read_as = con.sql(_READ_AS).df()
        available = _sql.build(con, available | figures.result(), SOURCES)
    _sql.check_built(available, absent)
    if "buurt_trends" in available:
        trends.carry_years(con, project, boundaries)
    if small:
        con.execute("reset threads")
    return PipelineResult(project, con, boundaries, buurten, themes, placement, unplaced, checks, read_as, agreed)


#: The places of today's segments read as a buurt they are spelt almost like (user test K: 'Stationbuurt' was placed
#: in Stationsbuurt without a word outside the notebooks), for the professional to check: a reading with a
#: similarity, as the notebooks' _explore_names._guessed tells a guess, or its words in another order (user test W:
#: 'Goor centrum' as Centrum-Goor); not a code's restored zero, nor a name without its article.
_READ_AS = """
    select location_raw, buurt_code, any_value(regions.name) as name, reason, count(*) as segments
    from stg_segments
    left join stg_kwb_regions as regions
        on regions.code = stg_segments.buurt_code and regions.year = (select year from project_settings)
    where stg_segments.buurt_code is not null
        and (stg_segments.reason like '%, similarity %' or stg_segments.reason like '%the same words in another order%')
    group by location_raw, buurt_code, reason
    order by segments desc, location_raw, buurt_code
"""


def _write_settings(con: duckdb.DuckDBPyConnection, project: Project, database: str | Path, key: bytes | None) -> None:
    """Write the one-row ``project_settings`` table the models read instead of session variables, with what the
    ``database`` was built from (:mod:`buurtdata._built_from`: a notebook checks it; ``key``: the pseudonym key)."""
    row = _built_from.settings(project) | _built_from.record(project, database, key)
    con.execute(
        """
        create or replace table project_settings as
        select ?::integer as year, ?::integer as privacy_threshold, ?::varchar as interviews,
               ?::boolean as publish_quotes, ?::integer as band, ?::integer as geometry_year,
               ?::varchar as project_file, ?::varchar as project_name, ?::varchar[] as gemeenten,
               ?::varchar as input_checksums, ?::varchar as names_check
        """,
        list(row.values()),
    )


def _check_profile(con: duckdb.DuckDBPyConnection, project: Project) -> None:
    """Fail on unknown keys of the project's key figures, map and theme links, in a project without interviews
    (with interviews they are checked beside the interview files, by :func:`_stage_interviews`)."""
    problems, hint = _profile_problems(con, project, None)
    if problems:
        raise ValidationError(problems, source=project.path, hint=hint)


def _stage_profile(con: duckdb.DuckDBPyConnection, project: Project) -> None:
    """Write the project's key figures and theme links as tables (:func:`_check_profile` checks them)."""
    profile = pd.DataFrame({"indicator": list(project.profile_indicators)})
    profile["position"] = range(1, len(profile) + 1)
    links = [
        (one.theme, key, direction)
        for one in project.links
        for direction, keys in (("higher", one.higher), ("lower", one.lower))
        for key in keys
    ]
    raw = {
        "raw_profile": profile,
        "raw_links": pd.DataFrame(links, columns=["theme", "indicator", "direction"], dtype=object),
    }
    with _sql.registered(con, raw):
        con.execute(
            "create or replace table profile_indicators as select indicator::varchar "
            "as indicator, position::integer as position from raw_profile"
        )
        con.execute(
            "create or replace table theme_links as select theme::varchar as theme, "
            "indicator::varchar as indicator, direction::varchar as direction from raw_links"
        )


def _profile_problems(
    con: duckdb.DuckDBPyConnection, project: Project, themes: set[str] | None
) -> tuple[list[str], str | None]:
    """The problems of the project's key figures, map and theme links, and the hint that helps fix them all.

    ``themes``: the codebook's (``None``: the project has no interviews). Needs the ``indicators`` model only,
    so the runner asks it beside the interview files' own problems, and a user sees all of them in one run.
    """
    known = {
        row[0] for row in con.execute("select indicator from indicators where year = ?", [project.year]).fetchall()
    }
    problems = [
        f"[profile].indicators: unknown key {key!r} for {project.year}{did_you_mean(key, known)}"
        for key in project.profile_indicators
        if key not in known
    ]
    if project.map_indicator not in known:
        problems.append(
            f"[maps].indicator: unknown key {project.map_indicator!r} for {project.year}"
            f"{did_you_mean(project.map_indicator, known)}"
        )
    unknown_keys = bool(problems)
    if project.map_theme is not None and themes is not None and project.map_theme not in themes:
        now = _theme_now(project.map_theme, project, themes)
        problems.append(f"[maps].theme: {project.map_theme!r} is not in the codebook{now}; themes: {sorted(themes)}")
    for number, theme_link in enumerate(project.links, start=1):
        theme = theme_link.theme
        if themes is not None and theme not in themes:
            problems.append(
                f"[[links]] #{number}: theme {theme!r} is not in the codebook{_theme_now(theme, project, themes)}; "
                f"themes: {sorted(themes)}"
            )
        for key in (*theme_link.higher, *theme_link.lower):
            if key not in known:
                problems.append(
                    f"[[links]] #{number} ({theme}): unknown indicator key {key!r} for {project.year}"
                    f"{did_you_mean(key, known)}"
                )
                unknown_keys = True
    # A theme's problem names the themes already; the keys are said once, after the problems, not as one.
    return problems, f"valid keys: {sorted(known)} (pipelines/seeds/indicators.csv)" if unknown_keys else None


def _theme_now(theme: str, project: Project, themes: Iterable[str]) -> str:
    """``; [rounds.mapping] of round 'X' carries it to 'Sociale verbinding': write that`` for a theme an earlier round
    had and today's codebook renamed (user test B: a successor's new codebook left [[links]] on the old names), else
    a theme of today spelt almost alike, else ""."""
    for one in project.rounds:
        if theme in one.mapping and one.mapping[theme] in themes:
            return f"; [rounds.mapping] of round {one.as_written!r} carries it to {one.mapping[theme]!r}: write that"
    meant = mapped_to(theme, {t: t for t in themes})
    return "" if meant.startswith("<") else f"; did you mean {meant!r}?"


def _read_segments(files: InterviewFiles, told: _errors.Told) -> list[pd.DataFrame]:
    """Return the segments as read in a list of one, which the runner empties: the future that holds the list
    would otherwise keep the segments as read for the whole build.

    The scrubbing patterns are compiled here too, while DuckDB stages the figures (pure Python, about 0.05 s).
    """
    with _errors.held(told):
        segments = rounds.read(files)
    interviews.prepare_scrubbing(files.names)
    return [segments]


def _on_cursor(cursor: duckdb.DuckDBPyConnection, step: Callable[..., T], *args: Any) -> T:
    """Run ``step(cursor, *args)`` in another thread and close ``cursor`` then.

    ``cursor`` (``con.cursor()``, a connection of its own) is made by the submitting thread, so that only that
    thread ever touches ``con``. It sees the tables of the database, not the temporary ones of ``con``
    (``stg_segments``).
    """
    try:
        _sql.quiet(cursor)
        return step(cursor, *args)
    finally:
        cursor.close()


def _build_checked(con: duckdb.DuckDBPyConnection) -> frozenset[str]:
    """Build the figures' models the checks read (:data:`_CHECKED_FIRST`); return what is available then, with the
    project's ``[profile]`` and ``[[links]]`` (staged by :func:`_stage_profile`)."""
    return _sql.build(con, _FIRST_SOURCES, SOURCES, only=_CHECKED_FIRST) | {"profile_indicators", "theme_links"}


def _build_all(con: duckdb.DuckDBPyConnection, available: frozenset[str]) -> frozenset[str]:
    """Build every model whose inputs are ``available``; return what is available then."""
    return _sql.build(con, available, SOURCES)


def _stage_interviews(
    con: duckdb.DuckDBPyConnection,
    project: Project,
    key: bytes | None,
    boundaries: gpd.GeoDataFrame,
    said: Future,
    told: _errors.Told,
    placing: tuple[pd.DataFrame, Refused, Future[Gazetteer]],
) -> tuple[dict[str, Any], pd.DataFrame, tuple[pd.DataFrame, pd.DataFrame]]:
    """Read the codebook, place, pseudonymise and scrub the ``segments`` (as read) for :func:`_build_interviews`;
    ``placing``: the regions, the refused gemeenten and the gazetteer being made (:func:`_placing`).

    Returns the tables to stage (``raw_codebook``, ``raw_segments``), the placed segments with the respondent ids
    as written, and today's codebook and placed, pseudonymised segments, so the rounds need not read and place
    them again.
    """
    files = project.interviews
    regions, refused, gazetteer = placing
    # The problems of the codebook, of the segments (``said``: as they are being read) and of the project's theme
    # links and key figures are said together: a user should not fix them one run at a time (user test).
    failed: list[ValidationError] = []
    codebook = segments = None
    try:
        codebook = interviews.read_codebook(files.codebook or files.segments, themes=files.themes)
    except ValidationError as error:
        failed.append(error)
    except BaseException:
        # A codebook that cannot be read at all (not UTF-8, empty) ends the build; what reading the segments
        # warned of (a respondent id that is a name) is still said (review W L1).
        try:
            if said.exception() is None:
                interviews.warn_named_respondents(said.result()[0], files.names, places=regions["name"])
        finally:
            _errors.release(told)
        raise
    try:
        segments = said.result().pop()
        # Here, where the regions are known: an id naming where its person was heard (N-Horst-1) is no name.
        interviews.warn_named_respondents(segments, files.names, places=regions["name"])
    except ValidationError as error:
        failed.append(error)
    finally:
        _errors.release(told)
    if codebook is not None and segments is not None:
        location_from = segments.attrs.get("location_from")
        try:
            segments = rounds.place(
                segments, codebook, project.rounds[-1], project, regions, boundaries, refused, gazetteer.result()
            )
        except ValidationError as error:  # codes the codebook lacks, or [interviews] gemeenten that name none
            failed.append(error)
    found, hint = _profile_problems(con, project, set(codebook["theme"]) if codebook is not None else None)
    if found and not failed:
        raise ValidationError(found, source=project.path, hint=hint)
    if len(failed) == 1 and not found:
        raise failed[0]
    if failed:  # each interview file's problems name their file; the project file's are said to be its
        problems = [p for error in failed for p in error.problems] + [f"{project.path.name}: {p}" for p in found]
        raise ValidationError(problems, hint=hint)
    placed = segments = rounds.said_where_from(segments, location_from)
    segments = interviews.pseudonymise(placed, key)
    today = (codebook, segments)
    # Scrubbed before staging, so no unscrubbed quote ever enters the database; the gazetteer's place names (the
    # regions') are no person's name (In Reinier, bij De Brand).
    segments = interviews.scrub_free_text(segments, names=files.names, places=regions["name"])
    # A location that reads as a sentence (a quote in the location column) is listed by its length alone.
    segments = sentences_withheld(segments)
    # A code's description is often a memo (a name, a phone number): scrubbed too (sweep 12 interviews F17).
    staged = interviews.scrub_codebook(
        codebook, files.codebook or files.segments, names=files.names, places=regions["name"]
    )
    # As an Arrow table DuckDB reads the text columns without a Python object per cell.
    raw = {"raw_codebook": staged, "raw_segments": pa.Table.from_pandas(segments, preserve_index=False)}
    return raw, placed, today


def _placing(
    con: duckdb.DuckDBPyConnection, project: Project, making: ThreadPoolExecutor
) -> tuple[pd.DataFrame, Refused, Future[Gazetteer]]:
    """The profile year's regions and the refused gemeenten (read here: one thread uses ``con``), and the gazetteer
    of today's segments being made of them by ``making`` (a problem of it is raised where it is used, as before)."""
    regions = con.sql("select * from regions where year = ?", params=[project.year]).df()
    refused = scope.refused(con)
    return regions, refused, making.submit(gazetteer_for, regions, project.gemeenten or project.gemeente, refused)


def _build_interviews(
    con: duckdb.DuckDBPyConnection,
    available: frozenset[str],
    raw: dict[str, Any],
    placed: pd.DataFrame,
    beside: ThreadPoolExecutor,
    boundaries: gpd.GeoDataFrame,
) -> tuple[frozenset[str], pd.DataFrame, Future]:
    """Stage what :func:`_stage_interviews` made and build every model that reads it.

    Returns what is available then, the respondent ids a person should check (see
    :func:`interviews.respondent_checks`), taken before the ids become pseudonyms, and the buurten's themes on
    their polygons (:func:`link.theme_frame`) being made ``beside``.
    """
    # The respondent checks (on the ids as written) only report: they run while DuckDB builds the models and
    # leaves Python free (about 1 s of a build of 1,000,000 segments).
    with ThreadPoolExecutor(1, thread_name_prefix="respondent checks") as checker:
        checking = checker.submit(interviews.respondent_checks, placed)
        with _sql.registered(con, raw):
            available = _sql.build(con, available | set(raw), SOURCES, only=["buurt_themes"])
            # The themes are joined to the polygons (pandas) while DuckDB builds the other marts (roles, signals).
            framing = beside.submit(_on_cursor, con.cursor(), link.theme_frame, boundaries)
            available = _sql.build(con, available, SOURCES) - set(raw)
        return available, checking.result(), framing
