"""What the notebooks call: the data of a project and the tables, maps and texts they show.

The notebooks in ``notebooks/`` hold no logic of their own; each cell calls one function here
(``from buurtdata.outputs import explore``). Tables come back as DataFrames with Dutch column names,
charts as Altair charts.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from buurtdata._errors import BuurtdataError
from buurtdata.outputs import maps
from buurtdata.outputs.maps import indicator_map
from buurtdata.project import Project

__all__ = [
    "comparison_chart", "conversation_overview", "figures_overview", "indicator_map", "interviews_label",
    "meeting_questions",
    "notebook_data", "setup_display", "signal_overview", "status_overview", "theme_map", "theme_overview",
    "unplaced_overview", "warme_duiding",
]


def notebook_data(
    project_file: str | Path | None = None,
    *,
    gemeente: str | None = None,
    year: int | None = None,
    database: str | Path | None = None,
) -> Any:
    """Return what a notebook shows: the project, its database and the per-buurt frames.

    With ``database`` (a ``buurtdata.duckdb`` that :func:`buurtdata.outputs.build.build`
    (``buurtdata demo``, ``buurtdata report``) wrote), the tables are read from it, read-only, instead of
    being built again; without it the pipeline runs in memory.

    Parameters
    ----------
    project_file
        A project TOML file; ``None`` is the embedded Hengelo sample.
    gemeente
        ``None``, or the project's gemeente code (a check that the notebook shows the
        gemeente its reader expects; a project covers one gemeente).
    year
        ``None`` for the project's year, or another of its KWB years (the pipeline
        then runs for that year, ignoring ``database``).
    database
        A database the pipeline built from the same project file.

    Returns
    -------
    buurtdata.pipeline.PipelineResult
        When read from ``database``, ``placement`` is empty (segment rows are never
        written to the database).

    Examples
    --------
    >>> data = notebook_data()
    >>> data.project.gemeente, len(data.buurten)
    ('GM0164', 62)
    """
    from buurtdata import datasets, pipeline
    from buurtdata.pipeline import link
    from buurtdata.sources import geometry

    project = Project.load(project_file or datasets.get_path("hengelo"))
    if gemeente is not None and gemeente != project.gemeente:
        msg = (f"The notebook was asked for gemeente {gemeente!r}, but {project.path} covers {project.gemeente}; "
               f"pass the project file of {gemeente} as project_file, or leave gemeente empty (None).")
        raise BuurtdataError(msg)
    if year is not None and year != project.year:
        project.kwb_files(year)
        return pipeline.run(dataclasses.replace(project, year=year))
    if database is None:
        return pipeline.run(project)
    con = duckdb.connect(str(database), read_only=True)
    boundaries = geometry.read_boundaries(project.boundaries.path, layer=project.boundaries.layer)
    has_themes = project.interviews is not None
    return pipeline.PipelineResult(
        project=project,
        con=con,
        boundaries=boundaries,
        buurten=link.buurt_frame(con, boundaries),
        themes=link.theme_frame(con, boundaries) if has_themes else None,
        placement=pd.DataFrame(columns=["resolved_by", "segments"]),
        unplaced=con.sql("select * from unplaced_segments order by segment_id").df() if has_themes else pd.DataFrame(),
    )


def setup_display() -> None:
    """Show charts as SVG with Dutch number format (they render offline, in JupyterLab and in the report) and
    tables in full (one row per buurt, no rows left out)."""
    import altair as alt

    alt.renderers.enable("svg", embed_options={"formatLocale": "nl-NL"})
    pd.set_option("display.max_rows", 500)
    pd.set_option("display.max_columns", 50)
    # Questions and reasons are read whole; figures with one decimal, as CBS publishes shares.
    pd.set_option("display.max_colwidth", None)
    pd.set_option("display.precision", 1)


def figures_overview(data: Any) -> pd.DataFrame:
    """Return the gemeente's and Nederland's figures for every indicator and year, with CBS's titles."""
    return data.con.sql("""
        select i.title as indicator, i.unit as eenheid, o.year as jaar, r.name as regio, round(o.value, 1) as waarde,
               o.status
        from observations o
        join regions r on r.year = o.year and r.code = o.code
        join indicators i on i.indicator = o.indicator and i.year = o.year
        where r.level in ('land', 'gemeente')
        order by i.title, o.year desc, r.level
    """).df()


def status_overview(data: Any) -> pd.DataFrame:
    """Return per indicator how many buurten have a figure, a secret one or none (never read as zero)."""
    return data.con.sql("""
        select i.title as indicator, o.status, count(*) as buurten
        from observations o
        join regions r on r.year = o.year and r.code = o.code
        join indicators i on i.indicator = o.indicator and i.year = o.year
        where r.level = 'buurt' and o.year = (select max(year) from buurt_profile)
        group by all order by i.title, o.status
    """).df().pivot(index="indicator", columns="status", values="buurten").fillna(0).astype(int)


#: What a notebook shows where a project without [interviews] has no themes (a figures-only project).
NO_INTERVIEWS = "geen interviews in dit project: alleen cijfers"


def interviews_label(data: Any) -> str:
    """Return the label of the project's interviews, or say that it has none."""
    return data.project.interviews.label if data.project.interviews is not None else NO_INTERVIEWS


def _no_interviews() -> pd.DataFrame:
    return pd.DataFrame({"interviews": [NO_INTERVIEWS]})


def theme_map(data: Any, theme: str | None = None) -> Any:
    """Return the map of a theme (:func:`buurtdata.outputs.maps.theme_map`), or say the project has no interviews."""
    if data.themes is None:
        from IPython.display import Markdown

        return Markdown(f"*{NO_INTERVIEWS}: er is geen themakaart.*")
    return maps.theme_map(data, theme)


def theme_overview(data: Any) -> pd.DataFrame:
    """Return per theme in how many buurten it is shown, or has too few or no voices (no counts below the threshold)."""
    if data.themes is None:
        return _no_interviews()
    return data.con.sql("""
        select theme as thema, count(*) filter (where theme_status = 'getoond') as "buurten getoond",
               count(*) filter (where theme_status = 'te weinig stemmen') as "buurten te weinig stemmen",
               count(*) filter (where theme_status = 'geen stemmen') as "buurten geen stemmen"
        from buurt_themes group by theme order by "buurten getoond" desc, thema
    """).df()


def unplaced_overview(data: Any) -> pd.DataFrame:
    """Return why interview segments could not be placed in a buurt, counted per reason."""
    if data.themes is None:
        return _no_interviews()
    # A segment without a reason was placed in a wijk (by wijk name, wijk code or a postcode spanning buurten).
    kind = data.unplaced["reason"].str.extract(r"^(empty|no match|ambiguous|outside gemeente|coordinates)")[0]
    reason = kind.map(_UNPLACED_REASONS).fillna("alleen de wijk is bekend")
    reasons = data.unplaced.assign(reden=reason)
    counts = reasons.groupby(["resolved_by", "reden"], dropna=False).size().rename("fragmenten").reset_index()
    return counts.sort_values(["fragmenten", "reden"], ascending=[False, True], ignore_index=True)


#: Dutch column headers of the tables a notebook shows (the data's own columns are English: README, Glossary).
_DUTCH_HEADERS = {
    "code": "buurtcode", "name": "buurt", "wijk_name": "wijk",
    "theme": "thema", "signal": "signaal", "question": "vraag",
}

#: Dutch words for the kinds of reason a segment stayed unplaced (the full reason is in the CSV).
_UNPLACED_REASONS = {
    "empty": "geen plaats opgegeven",
    "no match": "plaats niet gevonden in deze gemeente",
    "ambiguous": "plaats kan meer dan één buurt zijn (niet gegokt)",
    "outside gemeente": "buiten de gemeente",
    "coordinates": "coördinaten zonder buurtgrenzen",
}


def conversation_overview(data: Any, indicators: tuple[str, ...] = ("inwoners", "aandeel_65_plus",
                                                                       "aandeel_eenpersoonshuishoudens",
                                                                       "pct_huurwoningen_corporatie")) -> pd.DataFrame:
    """Return one row per buurt: a few figures and the themes shown there (at or above the privacy threshold)."""
    shown = data.con.sql("""
        select code, string_agg(theme || ' (' || respondents || ')', ', ' order by respondents desc, theme)
               as "thema's (respondenten)"
        from buurt_themes where theme_status = 'getoond' group by code
    """).df() if data.themes is not None else pd.DataFrame(columns=["code", "thema's (respondenten)"])
    columns = ["code", "name", "wijk_name", *indicators]
    frame = pd.DataFrame(data.buurten[columns]).round(1)
    for key in indicators:
        # A missing figure shows its status (geheim, te klein, ...), never an empty or NaN cell.
        status = data.buurten[f"{key}_status"].str.replace("_", " ")
        values = frame[key]
        if (values.dropna() % 1 == 0).all():
            values = values.astype("Int64")
        frame[key] = values.astype(object).where(values.notna(), status)
    frame = frame.merge(shown, on="code", how="left")
    frame["thema's (respondenten)"] = frame["thema's (respondenten)"].fillna("")
    return frame.sort_values("code", ignore_index=True).rename(columns=_DUTCH_HEADERS)


def warme_duiding() -> Any:
    """Return the fixed text on reading figures with care, as Markdown for a notebook."""
    from IPython.display import Markdown

    from buurtdata.pipeline import link

    return Markdown(f"> {link.WARME_DUIDING}")


def signal_overview(data: Any) -> pd.DataFrame:
    """Return per signal (samen, verschil, ...) in how many buurt x theme pairs it occurs."""
    from buurtdata.pipeline import link

    if data.themes is None:
        return _no_interviews()

    signals = link.signals(data.con)
    counts = signals.groupby("signal").size().rename("buurt x thema").reset_index()
    order = {signal: position for position, signal in enumerate(link.SIGNAL_ORDER)}
    return counts.sort_values("signal", key=lambda s: s.map(order), ignore_index=True).rename(columns={"signal": "signaal"})


def meeting_questions(data: Any, code: str | None = None) -> pd.DataFrame:
    """Return the conversation questions of one buurt (default: the buurt with the most), in meeting order.

    'geen signaal' is left out; the questions are prompts for the meeting, never a verdict.
    """
    from buurtdata.pipeline import link

    if data.themes is None:
        return pd.DataFrame(columns=["buurt", "thema", "signaal", "vraag"])
    signals = link.signals(data.con)
    signals = signals[signals["signal"] != "geen signaal"]
    if code is None:
        busiest = signals[signals["signal"].isin(["samen", "verschil", "alleen verhalen"])]
        code = (busiest if len(busiest) else signals).groupby("code").size().sort_index().idxmax()
    rows = signals[signals["code"] == code]
    return rows[["name", "theme", "signal", "question"]].rename(columns=_DUTCH_HEADERS).reset_index(drop=True)


def comparison_chart(data: Any, code: str | None = None) -> Any:
    """Return the bars of one buurt against its gemeente and Nederland (default: the buurt of :func:`meeting_questions`)."""
    from buurtdata.outputs import charts

    if code is None:
        questions = meeting_questions(data)
        names = data.buurten.set_index("name")["code"]
        code = names[questions["buurt"].iloc[0]] if len(questions) else data.buurten["code"].min()
    comparison = data.con.sql("select * from buurt_comparison").df()
    project = data.project
    return charts.comparison_bars(
        comparison, code,
        source=charts.source_line(table=project.kwb_files(project.year).table, year=project.year),
    )
