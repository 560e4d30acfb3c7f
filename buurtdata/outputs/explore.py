"""What the notebooks call: the data of a project and the tables, maps and texts they show.

The notebooks in ``notebooks/`` hold no logic of their own; each cell calls one function here
(``from buurtdata.outputs import explore``). Tables come back as DataFrames with Dutch column names,
charts as Altair charts.
"""

from __future__ import annotations

import dataclasses
import warnings
from pathlib import Path
from typing import Any

import pandas as pd

from buurtdata._errors import BuurtdataError, InputFileError
from buurtdata._text import FICTIONAL, said_unit, told
from buurtdata.outputs import _database, _explore_many, _explore_names, _notebook_checks, maps, wijk_voices
from buurtdata.outputs._dutch_table import GLOSSARY, table
from buurtdata.outputs._explore_buurt import (
    NO_INTERVIEWS,
    buurt_code,
    buurt_over_time,
    buurt_themes,
    gemeente_name,
    no_interviews,
    written,
)
from buurtdata.outputs._explore_export import to_spreadsheet
from buurtdata.outputs._explore_many import coverage, many_gemeenten_note
from buurtdata.outputs._explore_notes import (
    in_notebook,
    indicator_titles,
    markdown,
    project_note,
    second_indicator,
    show,
    unmatched_note,
)
from buurtdata.outputs._unplaced import dutch_reasons
from buurtdata.pipeline import scope
from buurtdata.pipeline.link import UnmatchedBuurtenWarning
from buurtdata.project import Project

__all__ = [
    "buurt_code",
    "buurt_over_time",
    "buurt_themes",
    "comparison_chart",
    "conversation_overview",
    "coverage",
    "explorer",
    "fictional_notice",
    "figures_overview",
    "gemeente_name",
    "indicator_map",
    "interviews_label",
    "many_gemeenten_note",
    "meeting_questions",
    "notebook_data",
    "project_note",
    "second_indicator",
    "setup_display",
    "signal_overview",
    "status_overview",
    "table",
    "theme_map",
    "theme_overview",
    "to_spreadsheet",
    "unplaced_overview",
    "warme_duiding",
    "wijk_overview",
]


class ProjectFileMissing(InputFileError):
    """A notebook's ``project_file`` is not where it says, seen from the folder the notebook runs in."""


def _project_missing(project_file: Path, database: str | Path | None) -> str:
    """Say why the project file is not found and what to do; a report's notebook names it relative to itself."""
    here = Path.cwd()
    msg = (
        f"project_file = {str(project_file)!r} does not exist (seen from {here}); a notebook of 'buurtdata report' "
        "names the project file relative to the notebook's own folder. Run it there, or set project_file in the "
        "parameters cell to the path of project.toml (papermill: -p project_file PATH)"
    )
    if database is not None and Path(database).exists():
        try:
            built = _database.built_from(Path(database))
        except BuurtdataError:
            return msg + "."
        msg += f", or leave project_file empty (None): the database {database} was built from {built}"
    return msg + "."


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
        A project TOML file; ``None`` is the project ``database`` was built from, without a database the
        embedded Hengelo sample.
    gemeente
        ``None``, or a gemeente of the project by its code or its CBS name (a check that the notebook shows the
        gemeente its reader expects): its one gemeente, one of its region's, or for all of NL one it built.
    year
        ``None`` for the project's year, or another of its KWB years (the pipeline
        then runs for that year, ignoring ``database``).
    database
        A database the pipeline built from the same project file. Refused (a
        :class:`buurtdata.outputs._database.DatabaseError` that says how to build it) when it is missing, of
        another project (name, gemeenten, year), or built before the project's settings or files changed.

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

    _notebook_checks.kernel_folder()
    if project_file is not None and not Path(project_file).exists():
        raise ProjectFileMissing(_project_missing(Path(project_file), database))
    if project_file is None and database is not None:
        project_file = _database.built_from(Path(database))
    # Buurten of the figures without a polygon (or the reverse) are said in Dutch on the page, not as a Python
    # warning a published page would show in English (user test: Amsterdam's one polygon without figures). A
    # filter, not warnings.catch_warnings: that swaps every thread's filters, and a build runs notebooks beside.
    # Before the project is read: its own warnings (a threshold below 3) are notes too (user test V: Python's
    # form showed the kernel's and the project's folders on the published page).
    shown = in_notebook()
    if shown:
        warnings.filterwarnings("ignore", category=UnmatchedBuurtenWarning)
        _notebook_checks.notes_for_warnings()
    project = Project.load(project_file or datasets.get_path("hengelo"))
    code = _notebook_checks.gemeente_code(gemeente) if gemeente is not None else None
    if code is not None and not project.national and code not in project.gemeenten:
        _notebook_checks.refuse_gemeente(gemeente, project)
    if year is not None and year != project.year:
        project.kwb_files(year)
        data = pipeline.run(dataclasses.replace(project, year=year))
    elif database is None:
        data = pipeline.run(project)
    else:
        data = _database.read(project, Path(database))
    if shown and (note := unmatched_note(data)):
        show(note)
    if gemeente is not None and code is None:  # a name: the figures know the gemeenten's names
        code = _notebook_checks.gemeente_named(gemeente, data)
        if not project.national and code not in project.gemeenten:
            _notebook_checks.refuse_gemeente(gemeente, project, data)
    if code is not None and scope.many(project) and code not in set(data.buurten["gemeente_code"]):
        status = scope.status_table(data.con).set_index("code")["reason"]
        why = f"it was not built: {status[code]}" if code in status else "it is no gemeente of the figures"
        msg = (
            f"The notebook was asked for gemeente {gemeente!r}, but {why} (see gemeenten.csv); "
            "pass a gemeente the build built, or leave gemeente empty (None)."
        )
        raise BuurtdataError(msg)
    return data


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
    """Return the gemeente's and Nederland's figures for every indicator and year, with CBS's titles.

    A project of many gemeenten gets one row per indicator and year
    (:func:`buurtdata.outputs._explore_many.side_by_side`).
    """
    frame = data.con.sql("""
        select i.title as indicator, i.unit as eenheid, o.year as jaar, r.name as regio, round(o.value, 1) as waarde,
               replace(o.status, '_', ' ') as status, r.code, coalesce(i.decimals, 1) as decimals, o.status as cbs
        from observations o
        join regions r on r.year = o.year and r.code = o.code
        join indicators i on i.indicator = o.indicator and i.year = o.year
        where r.level in ('land', 'gemeente')
        order by i.title, o.year desc, r.level
    """).df()
    # A missing figure shows its status (geheim, te klein), never an empty cell.
    frame["waarde"] = frame["waarde"].astype(object).where(frame["waarde"].notna(), frame["status"])
    frame["eenheid"] = frame["eenheid"].map(said_unit)
    if scope.many(data.project):
        return _explore_many.side_by_side(frame.drop(columns=["decimals", "cbs"]))
    frame["waarde"] = written(frame["waarde"].where(frame["cbs"] == "waarde"), frame["decimals"], frame["cbs"])
    return frame.drop(columns=["code", "decimals", "cbs"])


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


def interviews_label(data: Any) -> str:
    """Return the label of the project's interviews, or say that it has none."""
    return data.project.interviews.label if data.project.interviews is not None else NO_INTERVIEWS


def fictional_notice(data: Any) -> Any:
    """Return, as Markdown, that the project's interviews are fictional (``fictional = true`` under
    [interviews], as the sample's); ``None`` (nothing shown) for real interviews or none."""
    fictional = data.project.fictional
    return markdown(f"**{told(FICTIONAL, data.project)}**" if fictional else None)


def indicator_map(data: Any, indicator: str | None = None, *, gemeente: str | None = None) -> Any:
    """Return the map of ``indicator`` per buurt (default: the project's map indicator;
    :func:`buurtdata.outputs.maps.indicator_map`): of ``gemeente`` when given; for all of NL, of one gemeente
    (:func:`buurtdata.outputs._explore_many.narrowed`: a map of the country would weigh about 9 MB in a cell).
    A figure CBS published for none of the buurten gets a line saying so instead of an all-grey map."""
    from IPython.display import Markdown

    shown = _explore_many.narrowed(data, gemeente)
    key = indicator or data.project.map_indicator
    titles = indicator_titles(data)
    _explore_names.indicator_keys([key], titles, data.project.year)
    if key in shown.buurten.columns and shown.buurten[key].isna().all():
        return Markdown(
            f"*Geen kaart van ‘{titles[key]}’: het CBS heeft dit cijfer van {data.project.year} "
            "voor geen enkele buurt.*"
        )
    return maps.indicator_map(shown, indicator)


def theme_map(data: Any, theme: str | None = None, *, gemeente: str | None = None) -> Any:
    """Return the map of ``theme`` (default: the project's map theme; :func:`buurtdata.outputs.maps.theme_map`),
    or say why there is none, as the report's maps: the project has no interviews, chooses no map theme, or
    nobody in the gemeente shown was interviewed."""
    from IPython.display import Markdown

    if data.themes is None:
        return Markdown(f"*{NO_INTERVIEWS}: er is geen themakaart.*")
    theme = theme or data.project.map_theme
    if theme is None:
        return Markdown(
            "*Geen themakaart: het projectbestand kiest geen thema voor de kaart (`theme` onder `[maps]`). "
            'Kies er hier een met `explore.theme_map(data, "thema")`.*'
        )
    theme = _explore_names.theme_name(data, theme)
    shown = _explore_many.narrowed(data, gemeente, theme=theme)
    if shown.themes["theme_status"].eq(maps.NOBODY).all():
        codes = sorted(shown.buurten["gemeente_code"].dropna().unique())
        names = _explore_many.gemeente_names(data)
        where = " en ".join(names.get(code, code) for code in codes) or "deze buurten"
        return Markdown(f"*Geen themakaart: in {where} is niemand geïnterviewd (alle buurten: geen stemmen).*")
    return maps.theme_map(shown, theme)


def theme_overview(data: Any) -> pd.DataFrame:
    """Return per theme in how many buurten it is shown, or has too few or no voices (no counts below the threshold).

    A buurt without voices of its own whose wijk has them as a whole (:mod:`.wijk_voices`) is counted apart, and so is
    a buurt where too few people were heard in all ('te weinig gesprekken': the same count under every theme).
    """
    if data.themes is None:
        return no_interviews()
    return data.con.sql("""
        select b.theme as thema, count(*) filter (where b.theme_status = 'getoond') as "buurten getoond",
               count(*) filter (where b.theme_status = 'te weinig stemmen') as "buurten te weinig stemmen",
               count(*) filter (where b.theme_status = 'te weinig gesprekken') as "buurten te weinig gesprekken",
               count(*) filter (where b.theme_status = 'geen stemmen' and w.shown)
                   as "buurten geen stemmen, hun wijk wel",
               count(*) filter (where b.theme_status = 'geen stemmen' and not coalesce(w.shown, false))
                   as "buurten geen stemmen"
        from buurt_themes b left join wijk_themes w on w.code = b.wijk_code and w.theme = b.theme
        group by b.theme order by "buurten getoond" desc, thema
    """).df()


def unplaced_overview(data: Any) -> pd.DataFrame:
    """Return why interview segments could not be placed in a buurt, counted per reason."""
    if data.themes is None:
        return no_interviews()
    reasons = data.unplaced.assign(reden=dutch_reasons(data.unplaced["reason"], many=scope.many(data.project)))
    # Earlier rounds' segments are listed too: in a project of several rounds, say whose file to correct (today's
    # first), also when only an earlier round has segments to correct.
    rounds = ["round_number", "round"] if "round" in reasons and len(data.project.rounds) > 1 else []
    counts = reasons.groupby([*rounds, "resolved_by", "reden"], dropna=False).size().rename("fragmenten")
    order = [*rounds[:1], "fragmenten", "reden"]
    counts = counts.reset_index().sort_values(order, ascending=[False] * len(order[:-1]) + [True], ignore_index=True)
    counts["resolved_by"] = counts["resolved_by"].map(_PLACED_BY).fillna(counts["resolved_by"])
    return counts.drop(columns=rounds[:1]).rename(columns={"resolved_by": "geplaatst via", "round": "ronde"})


#: How a segment was placed (``resolved_by``, :data:`buurtdata.sources.interviews.places.RESOLVED_BY`), in the
#: words of the notebook's reader, not the data's codes (user test J: "geplaatst via: onbekend").
_PLACED_BY = {
    "buurtcode": "de buurtcode",
    "wijkcode": "de wijkcode",
    "buurtnaam": "de buurtnaam",
    "wijknaam": "de wijknaam",
    "pc6": "postcode en huisnummer",
    "postcode": "de postcode (4 cijfers)",
    "coordinaten": "coördinaten",
    "onbekend": "niet geplaatst",
}


def conversation_overview(
    data: Any,
    indicators: tuple[str, ...] | None = None,
    *,
    wijk: str | None = None,
) -> pd.DataFrame:
    """Return one row per buurt: a few figures and the themes shown there (at or above the privacy threshold).

    ``indicators`` defaults to the project's key figures (``[profile]``, as the handouts show them): a fixed list
    would name a figure a project's KWB year lacks (user test J: corporatiewoningen of 2020). ``wijk`` (a wijk code
    or name) keeps only the buurten of that wijk. A project of many gemeenten adds the buurt's gemeente (buurten
    of two gemeenten may share a name).
    """
    if indicators is None:
        indicators = tuple(data.project.profile_indicators)
    titles = indicator_titles(data)
    figures = {key: titles.get(key, key) for key in data.buurten.columns if f"{key}_status" in data.buurten}
    indicators = tuple(_explore_names.indicator_keys(indicators, figures, data.project.year))
    columns = ["code", "name", "wijk_name", *indicators]
    buurten = data.buurten
    if wijk is not None:
        buurten = buurten[buurten["wijk_code"] == _explore_names.wijk_code(data, wijk)]
    frame = pd.DataFrame(buurten[columns]).round(1)
    for key in indicators:
        # A missing figure shows its status (geheim, te klein, ...), never an empty or NaN cell.
        status = buurten[f"{key}_status"].str.replace("_", " ")
        values = frame[key]
        if (values.dropna() % 1 == 0).all():
            values = values.astype("Int64")
        frame[key] = values.astype(object).where(values.notna(), status)
    if data.themes is not None:  # without interviews a column of 'geen thema getoond' would say nothing
        shown = data.con.sql("""
            select code, string_agg(theme || ' (' || respondents || ')', ', ' order by respondents desc, theme)
                   as "thema's (respondenten)"
            from buurt_themes where theme_status = 'getoond' group by code
        """).df()
        frame = frame.merge(shown, on="code", how="left")
        frame["thema's (respondenten)"] = frame["thema's (respondenten)"].fillna("geen thema getoond")
    # Apart from the buurt's own column: these voices are its wijk's as a whole, not the buurt's.
    of_wijk = wijk_voices.per_buurt(data.con, frame["code"].map(buurten.set_index("code")["wijk_code"]))
    if of_wijk.notna().any():
        frame["verder in de wijk (respondenten)"] = of_wijk.fillna("–").to_numpy()
    if scope.many(data.project):
        frame.insert(3, "gemeente", _explore_many.gemeenten_of(data, frame["code"]))
    return frame.sort_values("code", ignore_index=True).rename(columns=GLOSSARY)


def warme_duiding() -> Any:
    """Return the fixed text on reading figures with care, as Markdown for a notebook."""
    from IPython.display import Markdown

    from buurtdata.pipeline import link

    return Markdown(f"> {link.WARME_DUIDING}")


def signal_overview(data: Any) -> pd.DataFrame:
    """Return per signal (samen, verschil, ...) in how many buurt x theme pairs it occurs."""
    from buurtdata.pipeline import link

    if data.themes is None:
        return no_interviews()

    signals = link.signals(data.con)
    counts = signals.groupby("signal").size().rename("buurt x thema").reset_index()
    order = {signal: position for position, signal in enumerate(link.SIGNAL_ORDER)}
    return counts.sort_values("signal", key=lambda s: s.map(order), ignore_index=True).rename(
        columns={"signal": "signaal"}
    )


def meeting_questions(data: Any, code: str | None = None) -> pd.DataFrame:
    """Return the conversation questions of one buurt (a code or name, as :func:`buurt_code` reads it; default:
    the buurt with the most, as :func:`buurt_code` chooses it), in meeting order; in a project of many gemeenten
    with the buurt's gemeente.

    'geen signaal' is left out; the questions are prompts for the meeting, never a verdict.
    """
    from buurtdata.pipeline import link

    if data.themes is None:
        return no_interviews()
    signals = link.signals(data.con)
    signals = signals[signals["signal"] != "geen signaal"]
    code = buurt_code(data, code)
    rows = signals[signals["code"] == code][["name", "theme", "signal", "question"]].reset_index(drop=True)
    if scope.many(data.project):
        rows.insert(1, "gemeente", _explore_many.gemeenten_of(data, pd.Series(code, index=rows.index)))
    return rows.rename(columns=GLOSSARY)


def comparison_chart(data: Any, code: str | None = None) -> Any:
    """Return the bars of one buurt (a code or name, as :func:`buurt_code` reads it) against its gemeente and
    Nederland (default: the buurt of :func:`meeting_questions`, :func:`buurt_code`'s choice).
    """
    from buurtdata.outputs import charts

    code = buurt_code(data, code)
    # One buurt's rows, not the whole country's (notebook 04 runs once per wijk).
    comparison = data.con.execute("select * from buurt_comparison where code = ?", [code]).df()
    project = data.project
    return charts.comparison_bars(
        comparison,
        code,
        source=charts.source_line(table=project.kwb_files(project.year).table, year=project.year),
    )


def explorer(data: Any, buurt: str | None = None, **options: Any) -> Any:
    """Return the interactive map linked to one buurt's figures and themes (see :mod:`buurtdata.outputs.interactive`).

    It starts at ``buurt`` (a code or name; default: the buurt of :func:`meeting_questions`). A project of
    many gemeenten shows the buurten of that buurt's gemeente (all of the country's would be tens of megabytes).
    """
    from buurtdata.outputs import interactive

    code = buurt_code(data, buurt)
    if scope.many(data.project):
        data = _explore_many.one_gemeente(data, data.buurten.set_index("code").at[code, "gemeente_code"])
    return interactive.explorer(data, buurt=code, **options)


def wijk_overview(data: Any) -> pd.DataFrame:
    """Return what people named in a wijk besides its buurten's own themes, one row a wijk and theme (the counts
    ``wijk_themes`` shows, most named first; :mod:`.wijk_voices`), or one row saying there is none."""
    rows = [(code, theme, count) for code, themes in wijk_voices.named(data.con).items() for theme, count in themes]
    if not rows:
        if data.themes is None:
            return no_interviews()
        return pd.DataFrame({"verder in de wijk": ["niet genoeg mensen noemden hetzelfde thema"]})
    frame = pd.DataFrame(rows, columns=["wijkcode", "thema", "respondenten"])
    names = dict(
        data.con.execute(
            "select code, name from regions where level = 'wijk' and year = ?", [data.project.year]
        ).fetchall()
    )
    frame.insert(1, "wijk", frame["wijkcode"].map(names).fillna(frame["wijkcode"]))
    return frame.sort_values(["respondenten", "wijkcode", "thema"], ascending=[False, True, True], ignore_index=True)
