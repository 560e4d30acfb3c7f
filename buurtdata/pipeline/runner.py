"""Run the whole flow for a project: files -> DuckDB staging -> marts -> GeoDataFrames.

>>> from buurtdata import datasets
>>> from buurtdata.project import Project
>>> result = run(Project.load(datasets.get_path("hengelo")), key=b"doctest")
>>> len(result.buurten), int(result.con.execute("select value from observations "
...     "where jaar = 2024 and region_code = 'GM0164' and indicator = 'inwoners'").fetchall()[0][0])
(62, 83058)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import geopandas as gpd
import pandas as pd

from buurtdata.pipeline import _sql, link
from buurtdata.sources import cbs, geometry, interviews
from buurtdata._errors import ValidationError
from buurtdata.project import Project
from buurtdata.pipeline.validation import validate


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


def run(project: Project, database: str | Path = ":memory:", *, key: bytes | None = None) -> PipelineResult:
    """Build every table of ``project`` in a DuckDB database.

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
    if str(database) != ":memory:":
        Path(database).unlink(missing_ok=True)
    con = duckdb.connect(str(database))
    cbs.create_staging_tables(con)
    for files in project.kwb:
        cbs.stage_kwb(con, files)
    for mart in ("regions", "indicators", "observations"):
        _sql.run(con, f"marts/{mart}.sql")
    validate(con, project, boundary="kwb")

    boundaries = geometry.read_boundaries(project.boundaries.path, layer=project.boundaries.layer)
    con.execute(f"set variable geometry_year = {int(project.boundaries.year)}")
    con.register("raw_buurt_geometry", boundaries.drop(columns="geometry"))
    _sql.run(con, "staging/stg_buurt_geometry.sql")
    con.unregister("raw_buurt_geometry")
    validate(con, project, boundary="geometry")

    con.execute(f"set variable jaar = {int(project.year)}")
    con.execute(f"set variable privacy_threshold = {int(project.privacy_threshold)}")
    _sql.run(con, "marts/buurt_profile.sql")
    validate(con, project, boundary="profile")
    buurten = link.buurt_frame(con, boundaries)

    themes = None
    placement = unplaced = pd.DataFrame()
    if project.interviews is not None:
        con.execute("set variable interviews = ?", [project.interviews.label])
        con.execute(f"set variable publish_quotes = {bool(project.interviews.publish_quotes)}")
        _stage_interviews(con, project, key, boundaries)
        # wijk_themes first: buurt_themes.in_wijk reads it; buurt_quotes reads buurt_themes and buurt_theme_roles,
        # so the privacy rules are written once, in those marts.
        for mart in ("wijk_themes", "buurt_themes", "buurt_theme_roles", "buurt_quotes", "unplaced_segments"):
            _sql.run(con, f"marts/{mart}.sql")
        validate(con, project, boundary="segments")
        themes = link.theme_frame(con, boundaries)
        placement = con.sql(
            "select resolved_by, count(*) as segments from stg_segments group by resolved_by order by segments desc, resolved_by"
        ).df()
        unplaced = con.sql("select * from unplaced_segments").df()

    _stage_profile(con, project)
    _sql.run(con, "marts/buurt_comparison.sql")
    if project.interviews is not None:
        _sql.run(con, "marts/buurt_signals.sql")
    return PipelineResult(project, con, boundaries, buurten, themes, placement, unplaced)


def _stage_profile(con: duckdb.DuckDBPyConnection, project: Project) -> None:
    """Write the project's key figures and theme links as tables; unknown keys or themes fail at once."""
    known = {row[0] for row in con.execute("select key from indicators where jaar = ?", [project.year]).fetchall()}
    themes = None
    if project.interviews is not None:
        themes = {row[0] for row in con.execute("select distinct theme from codebook").fetchall()}
    problems = [
        f"[profile].indicators: unknown key {key!r} for {project.year}"
        for key in project.profile_indicators
        if key not in known
    ]
    links = []
    for number, theme_link in enumerate(project.links, start=1):
        theme = theme_link.theme
        if themes is not None and theme not in themes:
            problems.append(f"[[links]] #{number}: theme {theme!r} is not in the codebook; themes: {sorted(themes)}")
        for direction, keys in (("hoger", theme_link.higher), ("lager", theme_link.lower)):
            for key in keys:
                if key not in known:
                    problems.append(f"[[links]] #{number} ({theme}): unknown indicator key {key!r} for {project.year}")
                links.append((theme, key, direction))
    if problems:
        problems.append(f"valid keys: {sorted(known)} (pipelines/seeds/indicators.csv)")
        raise ValidationError(problems, source=project.path)
    profile = pd.DataFrame({"indicator": list(project.profile_indicators)})
    profile["position"] = range(1, len(profile) + 1)
    con.register("raw_profile", profile)
    con.register("raw_links", pd.DataFrame(links, columns=["theme", "indicator", "direction"], dtype=object))
    con.execute("create or replace table profile_indicators as select indicator::varchar as indicator, position::integer as position from raw_profile")
    con.execute("create or replace table theme_links as select theme::varchar as theme, indicator::varchar as indicator, direction::varchar as direction from raw_links")
    con.unregister("raw_profile")
    con.unregister("raw_links")
    con.execute(f"set variable band = {int(project.band)}")


def _stage_interviews(
    con: duckdb.DuckDBPyConnection, project: Project, key: bytes | None, boundaries: gpd.GeoDataFrame
) -> None:
    files = project.interviews
    codebook = interviews.read_codebook(files.codebook or files.segments, themes=files.themes)
    segments = interviews.read_segments(files.segments, tool=files.tool, variables=files.variables)
    segments = interviews.attach_themes(segments, codebook)
    regions = con.sql("select * from regions where jaar = ?", params=[project.year]).df()
    pc6 = interviews.read_pc6(files.pc6) if files.pc6 is not None else None
    segments = interviews.resolve_locations(
        segments, regions, gemeente=project.gemeente, pc6=pc6, boundaries=boundaries
    )
    segments = interviews.pseudonymise(segments, key if key is not None else interviews.load_or_create_key())
    # Scrubbed before staging, so no unscrubbed quote ever enters the database.
    segments = interviews.scrub_quotes(segments, names=files.names)
    segments = interviews.scrub_locations(segments, names=files.names)
    con.register("raw_codebook", codebook)
    con.register("raw_segments", segments)
    _sql.run(con, "staging/stg_codebook.sql")
    _sql.run(con, "staging/stg_segments.sql")
    con.unregister("raw_codebook")
    con.unregister("raw_segments")
