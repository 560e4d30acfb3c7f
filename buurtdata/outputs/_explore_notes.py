"""What a notebook says about the project it shows, only where it is true (:func:`project_note`).

Like :func:`buurtdata.outputs._explore_many.many_gemeenten_note`: a small code cell returns Markdown, or
``None`` (nothing shown) where the text would not be true of the project: the embedded sample, one KWB year
or several, interviews or none.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from buurtdata._sql import has_table
from buurtdata._text import and_nl, bound, counted, few_nl


def _sample(data: Any) -> str | None:
    if not data.project.sample:
        return None
    return (
        "Dit notebook toont het ingebouwde voorbeeld: echte CBS-cijfers van Hengelo (O.) met fictieve interviews. "
        "Geef in de cel met parameters het pad van een eigen projectbestand op om dat project te tonen."
    )


def _years(data: Any) -> str | None:
    years = sorted({files.year for files in data.project.kwb}, reverse=True)
    if len(years) == 1:
        return f"Alle indicatoren van KWB {years[0]}, het enige KWB-jaar van dit project."
    listed = and_nl([str(year) for year in years])
    return f"Alle indicatoren in elk KWB-jaar van dit project: {listed}, het nieuwste eerst."


def _unplaced(data: Any) -> str | None:
    if data.project.interviews is None:
        return None
    return (
        "Ze tellen niet mee in de kaarten, maar ze zijn niet weg: de lijst staat in "
        "`niet_geplaatste_fragmenten.csv`. Verbeter de locatie in de interviewbestanden om ze toch te plaatsen."
    )


def _no_interviews(data: Any) -> str | None:
    if data.project.interviews is not None:
        return None
    return (
        "Dit project heeft nog geen interviews: de tabellen tonen alleen cijfers, en zonder verhalen zijn er "
        "geen signalen en geen vragen voor het gesprek. Zet de interviews onder `[interviews]` in het "
        "projectbestand om ze te maken."
    )


def second_indicator(data: Any) -> str:
    """Return the key of the figure notebook 01 maps beside the project's map indicator; the topic "tweede kaart"
    of :func:`project_note` says which it is and why."""
    return _second_choice(data)[0]


def _second_choice(data: Any) -> tuple[str, str]:
    """The figure of notebook 01's second map and why it is that one (Dutch, said above the map).

    The project's own figures first: a notebook runs on any project, and a figure named in the notebook (it was
    ``gemiddelde_woz``) may be one CBS did not publish that year, or one ``buurtdata nieuw`` left out (user test J).
    A count mostly maps how big a buurt is, so a share or average of ``[profile] indicators`` comes first, then a
    count of it, then any figure of the year with values for these buurten.
    """
    project = data.project
    kinds = dict(data.con.execute("select indicator, kind from indicators where year = ?", [project.year]).fetchall())
    buurten = data.buurten

    def mappable(key: str) -> bool:
        return key != project.map_indicator and key in kinds and key in buurten and buurten[key].notna().any()

    profile = [key for key in project.profile_indicators if mappable(key)]
    first = "Dat is het eerste kerncijfer van het project (onder `[profile]` in het projectbestand) dat niet al op de "
    for key in profile:
        if kinds[key] != "aantal":
            return key, (
                f"{first}eerste kaart staat en geen aantal is. Een aantal toont op een kaart vooral hoe groot een "
                "buurt is."
            )
    if profile:
        return profile[0], f"{first}eerste kaart staat."
    others = sorted((kinds[key] == "aantal", key) for key in kinds if mappable(key))
    if not others:
        return project.map_indicator, f"KWB {project.year} heeft voor deze buurten geen ander cijfer."
    return others[0][1], (
        "Het projectbestand noemt onder `[profile]` geen ander kerncijfer met cijfers voor deze buurten. Dit is "
        f"een cijfer van KWB {project.year} dat ze wel hebben."
    )


def _second_map(data: Any) -> str:
    key, why = _second_choice(data)
    title = indicator_titles(data)[key]
    # The explorer's dropdown offers the [profile] figures only; any other figure has a map of its own.
    other = (
        "Een ander kerncijfer kiest u boven de kaart van de verkenner hieronder; elk ander cijfer"
        if key in data.project.profile_indicators
        else "Elk ander cijfer"
    )
    return bound(f'De tweede kaart toont *{title}*. {why} {other} toont `explore.indicator_map(data, "sleutel")`.')


#: What each topic says, or ``None`` where it is not true of the project.
_NOTES: dict[str, Callable[[Any], str | None]] = {
    "voorbeeld": _sample,
    "jaren": _years,
    "niet geplaatst": _unplaced,
    "geen interviews": _no_interviews,
    "tweede kaart": _second_map,
}


def project_note(data: Any, topic: str) -> Any:
    """Return what the notebook's section ``topic`` (a key of ``_NOTES``) says of this project, as Markdown;
    ``None`` (nothing shown) where it is not true of the project."""
    return markdown(_NOTES[topic](data))


def markdown(text: str | None) -> Any:
    """``text`` as Markdown, what a notebook's cell shows; ``None`` (nothing shown) when there is no text."""
    from IPython.display import Markdown

    return Markdown(text) if text is not None else None


def unmatched_note(data: Any) -> str | None:
    """What a notebook page says of buurten with a polygon but no figures, or figures but no polygon (the rows
    :func:`buurtdata.pipeline.link.buurt_frame` keeps and warns of); None when there are none."""
    (years,) = data.con.execute("select year, geometry_year from project_settings").fetchall()
    announced = (
        {code for (code,) in data.con.execute("select code from buurten_without_polygon").fetchall()}
        if has_table(data.con, "buurten_without_polygon")
        else set()
    )
    return _unmatched(data.buurten, announced, years)


def _unmatched(buurten: Any, announced: set[str], years: tuple[int, int]) -> str | None:
    """:func:`unmatched_note` of ``buurten``: the buurten a build announced without a polygon (``announced``,
    :mod:`buurtdata.pipeline.scope`) by name, and the years' advice only where the figures' and the polygons'
    years differ (polygons of the figures' own year that still differ hold a buurt CBS has no figures of).

    >>> import geopandas as gpd, shapely
    >>> square = shapely.box(0, 0, 1, 1)
    >>> frame = gpd.GeoDataFrame(
    ...     {"code": ["BU01", "BU02", "BU03"], "name": ["A", "B", "De Laren"], "year": [2024, None, 2024]},
    ...     geometry=[square, square, None],
    ... )
    >>> note = _unmatched(frame, {"BU03"}, (2024, 2024))
    >>> note.split(". ")[0]
    '*Let op: 1 buurt heeft een grens op de kaart maar geen cijfers van het CBS (BU02); ze staat wel in de tabellen'
    >>> note.split(". ")[1]
    'De buurtkaart van 2024 heeft geen grens van De Laren; deze buurt staat wel in de tabellen, niet op de kaarten.*'
    >>> _unmatched(frame.iloc[:2], set(), (2024, 2020)).split(". ")[1]
    'Meestal komen de grenzen en de cijfers dan uit verschillende jaren.*'
    """
    without_polygon = buurten.geometry.isna() | buurten.geometry.is_empty
    only_polygons = buurten.loc[buurten["year"].isna() & ~without_polygon, "code"].tolist()
    told = buurten["code"].isin(announced)
    only_figures = buurten.loc[without_polygon & ~told, "code"].tolist()
    not_drawn = buurten.loc[without_polygon & told].sort_values("code")["name"].tolist()
    parts = []
    for found, said in (
        (only_polygons, "een grens op de kaart maar geen cijfers van het CBS"),
        (only_figures, "cijfers van het CBS maar geen grens op de kaart"),
    ):
        if found:
            has = "heeft" if len(found) == 1 else "hebben"
            parts.append(f"{counted(len(found), 'buurt', 'buurten')} {has} {said} ({few_nl(found)})")
    sentences = []
    if parts:
        one = len(only_polygons) + len(only_figures) == 1
        sentences.append(f"{'; '.join(parts)}; {'ze staat' if one else 'ze staan'} wel in de tabellen.")
        if years[0] != years[1]:
            sentences.append("Meestal komen de grenzen en de cijfers dan uit verschillende jaren.")
    if not_drawn:
        these = "deze buurt staat" if len(not_drawn) == 1 else "deze buurten staan"
        sentences.append(
            f"De buurtkaart van {years[1]} heeft geen grens van {few_nl(not_drawn)}; {these} wel in de tabellen, "
            "niet op de kaarten."
        )
    return f"*Let op: {' '.join(sentences)}*" if sentences else None


def in_notebook() -> bool:
    """Whether the code runs in a notebook's kernel (IPython), where a note can be shown on the page."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    return get_ipython() is not None


def show(markdown: str) -> None:
    """Show ``markdown`` on the notebook's page, where the cell's output is."""
    from IPython.display import Markdown, display

    display(Markdown(markdown))


def indicator_titles(data: Any) -> dict[str, str]:
    """Every indicator key of the project's year -> its CBS title (the notes and the name readers of
    :mod:`._explore_names` both say a figure by it)."""
    rows = data.con.execute(
        "select indicator, any_value(title) from indicators where year = ? group by indicator", [data.project.year]
    ).fetchall()
    return {key: title or key for key, title in rows}
