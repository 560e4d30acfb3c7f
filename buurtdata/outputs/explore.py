"""What the notebooks call: the data of a project and the tables, maps and texts they show.

The notebooks in ``notebooks/`` hold no logic of their own; each cell calls one function here
(``from buurtdata.outputs import explore``). Tables come back as DataFrames with Dutch column names,
charts as Altair charts.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pandas as pd

from buurtdata._errors import BuurtdataError
from buurtdata.outputs import _database, maps
from buurtdata.outputs._dutch_table import table
from buurtdata.outputs.maps import indicator_map
from buurtdata.project import Project

__all__ = [
    "buurt_code",
    "buurt_over_time",
    "buurt_themes",
    "comparison_chart",
    "conversation_overview",
    "explorer",
    "figures_overview",
    "indicator_map",
    "interviews_label",
    "meeting_questions",
    "notebook_data",
    "setup_display",
    "signal_overview",
    "status_overview",
    "table",
    "theme_map",
    "theme_overview",
    "unplaced_overview",
    "warme_duiding",
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
    being built again (the boundaries file is read once per kernel while it stays the same); without it the
    pipeline runs in memory.

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

    project = Project.load(project_file or datasets.get_path("hengelo"))
    if gemeente is not None and gemeente != project.gemeente:
        msg = (
            f"The notebook was asked for gemeente {gemeente!r}, but {project.path} covers {project.gemeente}; "
            f"pass the project file of {gemeente} as project_file, or leave gemeente empty (None)."
        )
        raise BuurtdataError(msg)
    if year is not None and year != project.year:
        project.kwb_files(year)
        return pipeline.run(dataclasses.replace(project, year=year))
    if database is None:
        return pipeline.run(project)
    return _database.read(project, Path(database))


def setup_display() -> None:
    """Show charts interactive in JupyterLab (its own Vega, offline) with a static SVG beside them, and
    tables in full (one row per buurt, no rows left out); :func:`table` makes a frame readable."""
    from buurtdata.outputs import display

    display.enable()
    pd.set_option("display.max_rows", 500)
    pd.set_option("display.max_columns", 50)
    # Questions and reasons are read whole; figures with one decimal, as CBS publishes shares.
    pd.set_option("display.max_colwidth", None)
    pd.set_option("display.precision", 1)


def figures_overview(data: Any) -> pd.DataFrame:
    """Return the gemeente's and Nederland's figures for every indicator and year, with CBS's titles."""
    frame = data.con.sql("""
        select i.title as indicator, i.unit as eenheid, o.year as jaar, r.name as regio, round(o.value, 1) as waarde,
               replace(o.status, '_', ' ') as status
        from observations o
        join regions r on r.year = o.year and r.code = o.code
        join indicators i on i.indicator = o.indicator and i.year = o.year
        where r.level in ('land', 'gemeente')
        order by i.title, o.year desc, r.level
    """).df()
    # A missing figure shows its status (geheim, te klein), never an empty cell.
    frame["waarde"] = frame["waarde"].astype(object).where(frame["waarde"].notna(), frame["status"])
    return frame


def status_overview(data: Any) -> pd.DataFrame:
    """Return per indicator how many buurten have a figure, a secret one or none (never read as zero)."""
    counts = (
        data.con.sql("""
        select i.title as indicator, o.status, count(*) as buurten
        from observations o
        join regions r on r.year = o.year and r.code = o.code
        join indicators i on i.indicator = o.indicator and i.year = o.year
        where r.level = 'buurt' and o.year = (select max(year) from buurt_profile)
        group by all order by i.title, o.status
    """)
        .df()
        .pivot(index="indicator", columns="status", values="buurten")
        .fillna(0)
        .astype(int)
    )
    return counts.reset_index().rename_axis(columns=None)


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
    "code": "buurtcode",
    "name": "buurt",
    "wijk_name": "wijk",
    "theme": "thema",
    "signal": "signaal",
    "question": "vraag",
}

#: Dutch words for the kinds of reason a segment stayed unplaced (the full reason is in the CSV).
_UNPLACED_REASONS = {
    "empty": "geen plaats opgegeven",
    "no match": "plaats niet gevonden in deze gemeente",
    "ambiguous": "plaats kan meer dan één buurt zijn (niet gegokt)",
    "outside gemeente": "buiten de gemeente",
    "coordinates": "coördinaten zonder buurtgrenzen",
}


def conversation_overview(
    data: Any,
    indicators: tuple[str, ...] = (
        "inwoners",
        "aandeel_65_plus",
        "aandeel_eenpersoonshuishoudens",
        "pct_huurwoningen_corporatie",
    ),
    *,
    wijk: str | None = None,
) -> pd.DataFrame:
    """Return one row per buurt: a few figures and the themes shown there (at or above the privacy threshold).

    ``wijk`` (a wijk code) keeps only the buurten of that wijk.
    """
    shown = (
        data.con.sql("""
        select code, string_agg(theme || ' (' || respondents || ')', ', ' order by respondents desc, theme)
               as "thema's (respondenten)"
        from buurt_themes where theme_status = 'getoond' group by code
    """).df()
        if data.themes is not None
        else pd.DataFrame(columns=["code", "thema's (respondenten)"])
    )
    columns = ["code", "name", "wijk_name", *indicators]
    buurten = data.buurten if wijk is None else data.buurten[data.buurten["wijk_code"] == wijk]
    frame = pd.DataFrame(buurten[columns]).round(1)
    for key in indicators:
        # A missing figure shows its status (geheim, te klein, ...), never an empty or NaN cell.
        status = buurten[f"{key}_status"].str.replace("_", " ")
        values = frame[key]
        if (values.dropna() % 1 == 0).all():
            values = values.astype("Int64")
        frame[key] = values.astype(object).where(values.notna(), status)
    frame = frame.merge(shown, on="code", how="left")
    frame["thema's (respondenten)"] = frame["thema's (respondenten)"].fillna("geen thema getoond")
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
    return counts.sort_values("signal", key=lambda s: s.map(order), ignore_index=True).rename(
        columns={"signal": "signaal"}
    )


def meeting_questions(data: Any, code: str | None = None) -> pd.DataFrame:
    """Return the conversation questions of one buurt (default: the buurt with the most), in meeting order.

    'geen signaal' is left out; the questions are prompts for the meeting, never a verdict.
    """
    from buurtdata.pipeline import link

    if data.themes is None:
        return pd.DataFrame(columns=["buurt", "thema", "signaal", "vraag"])
    signals = link.signals(data.con)
    signals = signals[signals["signal"] != "geen signaal"]
    code = code or _busiest(signals, data.buurten["code"])
    rows = signals[signals["code"] == code]
    return rows[["name", "theme", "signal", "question"]].rename(columns=_DUTCH_HEADERS).reset_index(drop=True)


def _busiest(signals: pd.DataFrame, codes: pd.Series) -> str:
    """The buurt among ``codes`` with the most signals worth a question (the first code when none has any)."""
    signals = signals[signals["code"].isin(codes)]
    busiest = signals[signals["signal"].isin(["samen", "verschil", "alleen verhalen"])]
    counts = (busiest if len(busiest) else signals).groupby("code").size().sort_index()
    return str(counts.idxmax()) if len(counts) else str(codes.min())


def comparison_chart(data: Any, code: str | None = None) -> Any:
    """Return the bars of one buurt against its gemeente and Nederland (default: the buurt of
    :func:`meeting_questions`).
    """
    from buurtdata.outputs import charts

    if code is None:
        questions = meeting_questions(data)
        code = buurt_code(data, questions["buurt"].iloc[0]) if len(questions) else buurt_code(data)
    comparison = data.con.sql("select * from buurt_comparison").df()
    project = data.project
    return charts.comparison_bars(
        comparison,
        code,
        source=charts.source_line(table=project.kwb_files(project.year).table, year=project.year),
    )


def explorer(data: Any, buurt: str | None = None, **options: Any) -> Any:
    """Return the interactive map linked to one buurt's figures and themes (see :mod:`buurtdata.outputs.interactive`).

    It starts at ``buurt`` (a code or name; default: the buurt of :func:`meeting_questions`).
    """
    from buurtdata.outputs import interactive

    return interactive.explorer(data, buurt=buurt_code(data, buurt), **options)


def buurt_code(data: Any, buurt: str | None = None, *, wijk: str | None = None) -> str:
    """Return the code of ``buurt`` (a code or a name), or of the buurt with the most signals when ``None``.

    ``wijk`` (a wijk code or name) limits the choice to the buurten of that wijk: the report renders
    ``04_verken_een_buurt`` once per wijk this way.

    >>> data = notebook_data()
    >>> buurt_code(data, "Binnenstad-Centrum"), buurt_code(data, wijk="Wijk 09 Buitengebied")
    ('BU01640000', 'BU01640903')
    """
    buurten = data.buurten
    if wijk is not None:
        inside = (buurten["wijk_code"] == wijk) | (buurten["wijk_name"].str.casefold() == wijk.casefold())
        if not inside.any():
            names = ", ".join(sorted(buurten["wijk_name"].dropna().unique())[:5])
            msg = (
                f"wijk {wijk!r} is no wijk of {data.project.name}; "
                f"pass a wijk code (WK...) or one of its names ({names}, ...)."
            )
            raise BuurtdataError(msg)
        buurten = buurten[inside]
    if buurt is None:
        # A polygon without figures (boundaries of another year) is never the buurt a page opens on.
        buurten = _with_figures(buurten)
        if data.themes is None:
            return str(buurten["code"].min())
        from buurtdata.pipeline import link

        signals = link.signals(data.con)
        return _busiest(signals[signals["signal"] != "geen signaal"], buurten["code"])
    if buurt in set(buurten["code"]):
        return buurt
    # A polygon without figures may carry the name of a buurt that has them (a code CBS renumbered).
    matches = _with_figures(buurten[buurten["name"].str.casefold() == buurt.casefold()])["code"]
    if len(matches) != 1:
        names = ", ".join(sorted(buurten["name"])[:5])
        where = data.project.name if wijk is None else f"wijk {wijk} of {data.project.name}"
        msg = (
            f"buurt {buurt!r} is {'not' if matches.empty else 'more than one'} buurt of {where}; "
            f"pass a buurt code (BU...) or one of its names ({names}, ...)."
        )
        raise BuurtdataError(msg)
    return str(matches.iloc[0])


def _with_figures(buurten: pd.DataFrame) -> pd.DataFrame:
    """The buurten that have figures (not a polygon of another year's map), or all when none has."""
    return buurten[buurten["year"].notna()] if buurten["year"].notna().any() else buurten


def buurt_over_time(data: Any, code: str) -> pd.DataFrame:
    """Return one buurt's figures next to its wijk, gemeente and Nederland, for every KWB year of the project."""
    row = data.buurten.set_index("code").loc[code]
    frame = data.con.sql(
        """
        select i.title as indicator, i.unit as eenheid, o.year, r.level, round(o.value, 1) as value,
               replace(o.status, '_', ' ') as status
        from observations o
        join regions r on r.year = o.year and r.code = o.code
        join indicators i on i.indicator = o.indicator and i.year = o.year
        where o.code in (?, ?, ?) or r.level = 'land'
    """,
        params=[code, row["wijk_code"], row["gemeente_code"]],
    ).df()
    frame["value"] = frame["value"].astype(object).where(frame["value"].notna(), frame["status"])
    areas = {"buurt": "buurt", "wijk": "wijk", "gemeente": "gemeente", "land": "Nederland"}
    frame["column"] = frame["level"].map(areas) + " " + frame["year"].astype(str)
    wide = frame.pivot_table(index=["indicator", "eenheid"], columns="column", values="value", aggfunc="first")
    order = [f"{area} {year}" for year in sorted(frame["year"].unique(), reverse=True) for area in areas.values()]
    # A region or year without the figure says so (a new indicator, a buurt that did not exist yet).
    wide = wide.reindex(columns=[c for c in order if c in wide.columns]).fillna("geen cijfer")
    return wide.reset_index().rename_axis(columns=None)


def buurt_themes(data: Any, code: str) -> pd.DataFrame:
    """Return every theme in one buurt: its status and, where shown, how many different people raised it."""
    if data.themes is None:
        return _no_interviews()
    frame = data.con.sql(
        """
        select theme as thema, theme_status as status,
               -- A count below the privacy threshold is never shown.
               case when theme_status = 'getoond' then respondents end as respondenten
        from buurt_themes where code = ? order by respondenten desc nulls last, thema
    """,
        params=[code],
    ).df()
    frame["respondenten"] = frame["respondenten"].astype(object).where(frame["respondenten"].notna(), "niet getoond")
    return frame
