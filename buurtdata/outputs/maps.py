"""The maps of a pipeline run: one indicator and one interview theme per buurt, as charts or saved files.

The notebooks show the same maps that :func:`buurtdata.outputs.build.build` saves in ``kaarten/``. On screen
they are Altair charts (HTML); on paper (PNG at 300 dpi, vector PDF) they are drawn with matplotlib for the
printer: 5 classes of a sequential scheme whose greys stay apart in black-and-white print, a hatching per
status ('geheim', 'niet van toepassing', ...) instead of a near-white fill, and every buurt numbered with a
numbered key beside the map so a printed map can be pointed at (:mod:`._map_key`; a gemeente too full to number
legibly gets a line saying where its names are instead). A count is written without decimals, a figure with as
many as CBS gives it (``indicators.decimals``), as the handouts write it. The wall maps (``wand_<wijk>.pdf``, A3
landscape) show per buurt which themes were raised, for the meeting room.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

import altair as alt
import geopandas as gpd
import pandas as pd

from buurtdata import _optional
from buurtdata._errors import BuurtdataError
from buurtdata._text import FICTIONAL_MAP, name_or_code, titled, told_of_rounds
from buurtdata.outputs import _map_key, _map_page, _stems, _wall_sheet, charts, wijk_voices
from buurtdata.outputs._map_classes import draw_classed, shown_decimals, warn_if_empty
from buurtdata.outputs._map_page import ScriptSafeJSON
from buurtdata.outputs._paper import fictional_notice, save_figure
from buurtdata.outputs._wall_sheet import NO_FIGURES as NO_FIGURES
from buurtdata.outputs._wall_sheet import WALL_MAP_BUURTEN as WALL_MAP_BUURTEN
from buurtdata.pipeline import scope
from buurtdata.sources import geometry

_optional.require("render", __name__)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from buurtdata import pipeline

#: The theme_status of a buurt and theme nobody spoke of (buurt_themes): a gemeente where every buurt has it
#: gets no theme map, in the report (regional) or a notebook (explore).
NOBODY = "geen stemmen"


def area(result: pipeline.PipelineResult) -> str:
    """What a map of ``result`` covers: the project, or in a build of many gemeenten the one gemeente whose
    buurten ``result`` holds (:mod:`.regional` maps each apart)."""
    if scope.many(result.project):
        gemeenten = result.buurten["gemeente_code"].dropna().unique()
        if len(gemeenten) == 1:
            name = result.con.execute(
                "select any_value(name) from regions where code = ? and level = 'gemeente' and year = ?",
                [gemeenten[0], result.project.year],
            ).fetchall()
            return name[0][0] or str(gemeenten[0])
    return result.project.name


class _Drawing:
    """What the maps of one result share, worked out once: what they cover (:func:`area`), the simplified
    buurten, a theme's simplified rows and an indicator's title. A build of many gemeenten draws five maps per
    gemeente from them."""

    def __init__(self, result: pipeline.PipelineResult) -> None:
        self.result = result
        self._themes: dict[str, gpd.GeoDataFrame] = {}

    @functools.cached_property
    def area(self) -> str:
        return area(self.result)

    @functools.cached_property
    def buurten(self) -> gpd.GeoDataFrame:
        return geometry.simplify_for_display(self.result.buurten)

    def theme_polygons(self, theme: str) -> gpd.GeoDataFrame:
        """A theme's simplified rows with the polygons without figures besides (``theme_status`` missing: "geen
        cijfer"), and each row's wijk name; worked out once for the screen's map and the printed one.

        Those polygons are no buurt of the interviews, but the indicator and wall maps draw them as "geen cijfer":
        drawn on the theme maps too, each buurt keeps one number on every map of a build.
        """
        if theme not in self._themes:
            themes, buurten = self.result.themes, self.buurten
            rows = geometry.simplify_for_display(themes[themes["theme"] == theme])
            absent = buurten[buurten["code"].isin(self.without_figures) & ~buurten["code"].isin(rows["code"])]
            frame = pd.concat([rows, absent[["code", "name", "wijk_code", "geometry"]].assign(theme=theme)])
            wijken = buurten.drop_duplicates("wijk_code").set_index("wijk_code")["wijk_name"]
            self._themes[theme] = frame.assign(wijk_name=frame["wijk_code"].map(wijken)).reset_index(drop=True)
        return self._themes[theme]

    @functools.cached_property
    def without_figures(self) -> frozenset[str]:
        """The polygons without figures (boundaries of another year than the figures): drawn as 'geen cijfer' and
        not counted as buurten, so a map's count is the theme map's, which is drawn from the figures' buurten."""
        buurten = self.result.buurten
        return frozenset(buurten.loc[buurten["year"].isna() & buurten.geometry.notna(), "code"])

    @functools.cached_property
    def not_drawn(self) -> pd.DataFrame:
        return _map_key.without_polygon(self.result.con, self.result.buurten)

    def not_drawn_line(self, wijken: pd.Series | None = None) -> str:
        """The line naming the result's buurten (of ``wijken`` only) built without a polygon: not on its maps."""
        rows = self.not_drawn if wijken is None else self.not_drawn[self.not_drawn["wijk_code"].isin(wijken)]
        names = list(map(name_or_code, rows["name"], rows["code"]))
        return _map_key.not_drawn(names, self.result.project.boundaries.year)

    def source(self, *, interviews: bool = False, boundaries: bool = True) -> str:
        """The source line of a map (:func:`charts.source_line`), with the interviews' label and the year of the
        polygons (printed maps)."""
        project = self.result.project
        return charts.source_line(
            table=project.kwb_files(project.year).table,
            year=project.year,
            interviews=project.interviews.label if interviews else None,
            boundaries=project.boundaries.year if boundaries else None,
        )

    @functools.cached_property
    def subtitle(self) -> str:
        """What the map covers and its year, once: a project named "Ermelo, buurtgesprekken 2020" has it."""
        year = str(self.result.project.year)
        return self.area if year in self.area else f"{self.area}, {year}"

    def heading(self, indicator: str) -> tuple[str, str, int | None]:
        """The title, unit and decimals (as CBS gives them; None when unknown) of ``indicator`` in the project's
        year."""
        found = self._headings
        if indicator not in found:
            year = self.result.project.year
            msg = f"indicator {indicator!r} is not a figure of {year}; choose one of {', '.join(sorted(found))}."
            raise BuurtdataError(msg)
        return found[indicator]

    @functools.cached_property
    def _headings(self) -> dict[str, tuple[str, str, int | None]]:
        """Every indicator's title, unit and decimals of the project's year, read once."""
        rows = self.result.con.execute(
            "select indicator, title, unit, decimals from indicators where year = ?", [self.result.project.year]
        )
        return {key: (title, unit, decimals) for key, title, unit, decimals in rows.fetchall()}


def indicator_map(result: pipeline.PipelineResult, indicator: str | None = None) -> alt.LayerChart:
    """Return the map of one indicator per buurt of ``result`` (default: the project's map indicator).

    Every buurt the result holds is drawn; a notebook of all of NL draws one gemeente
    (:func:`buurtdata.outputs.explore.indicator_map`).
    """
    return _indicator_map(_Drawing(result), indicator)


def _indicator_map(drawing: _Drawing, indicator: str | None) -> alt.LayerChart:
    project = drawing.result.project
    indicator = indicator or project.map_indicator
    title, unit, decimals = drawing.heading(indicator)
    return charts.choropleth_indicator(
        drawing.buurten,
        indicator,
        title=title,
        unit=unit,
        decimals=shown_decimals(drawing.buurten[indicator], decimals),
        subtitle=[drawing.subtitle, drawing.not_drawn_line()],
        source=drawing.source(boundaries=False),
    )


def theme_map(result: pipeline.PipelineResult, theme: str | None = None) -> alt.LayerChart:
    """Return the map of how many respondents raised ``theme`` per buurt of ``result`` (default: the project's
    map theme); a notebook of all of NL draws one gemeente (:func:`buurtdata.outputs.explore.theme_map`)."""
    theme = theme or result.project.map_theme
    return _theme_map(_Drawing(result), theme)


def _notice(project: Any) -> str | None:
    """What a map of the interviews' counts says of made-up interviews: of all, or beside real rounds, of the made-up
    rounds by name, as the toekomstplan does (fix13b: a made-up earlier round went unnamed)."""
    return told_of_rounds(FICTIONAL_MAP, "de interviews", project)


def _theme_map(drawing: _Drawing, theme: str) -> alt.LayerChart:
    project = drawing.result.project
    return charts.choropleth_theme(
        drawing.theme_polygons(theme),
        theme,
        # The notice in two lines, at its semicolon: at full length it is wider than the map.
        subtitle=[
            drawing.area,
            *((_notice(project) or "").replace("; ", ";\n").splitlines()),
            drawing.not_drawn_line(),
        ],
        source=drawing.source(interviews=True, boundaries=False),
    )


def save_maps(
    result: pipeline.PipelineResult,
    folder: Path,
    *,
    script: str | None = None,
    wijk_named: dict[str, list[tuple[str, int]]] | None = None,
) -> list[Path]:
    """Save the project's indicator map, and its theme map when it has interviews, in ``folder``.

    HTML (interactive, Altair), and for print a 300 dpi PNG and a vector PDF with classes, hatching and a
    numbered key; plus the A3 wall maps per wijk and for the gemeente (:func:`_wall_maps`). ``script``: the
    address of a shared Vega bundle (:func:`save_chart`), for the maps of many gemeenten; ``wijk_named``: what
    people named in the wijken (:func:`.wijk_voices.named`), when the caller read it already for all gemeenten.
    """
    project = result.project
    drawing = _Drawing(result)
    warn_if_empty(drawing.buurten[project.map_indicator], project.map_indicator, project.year, drawing.area)
    maps: dict[str, alt.TopLevelMixin] = {project.map_indicator: _indicator_map(drawing, None)}
    printed = {project.map_indicator: _print_indicator_map(drawing, None)}
    if result.themes is not None and project.map_theme:
        stem = _stems.theme_map(project.map_theme)
        maps[stem] = _theme_map(drawing, project.map_theme)
        printed[stem] = _print_theme_map(drawing, project.map_theme)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, chart in maps.items():
        paths += save_figure(printed[name], folder / name)
        path = folder / f"{name}.html"
        save_chart(chart, path, script=script)
        paths.append(path)
    if result.themes is not None:
        paths += _wall_maps(drawing, folder, wijk_named)
    return paths


def print_indicator_map(result: pipeline.PipelineResult, indicator: str | None = None) -> Figure:
    """Return the indicator map for print: A4 landscape, 5 classes, hatched statuses, numbered buurten."""
    return _print_indicator_map(_Drawing(result), indicator)


def _print_indicator_map(drawing: _Drawing, indicator: str | None) -> Figure:
    project = drawing.result.project
    indicator = indicator or project.map_indicator
    title, unit, decimals = drawing.heading(indicator)
    frame = drawing.buurten
    frame = frame[frame.geometry.notna()].sort_values("code")
    status = frame[f"{indicator}_status"].astype("object").where(frame[f"{indicator}_status"].notna(), "ontbreekt")
    values = frame[indicator].where(status == "waarde")
    return _classed_figure(
        frame,
        values,
        status,
        title=titled(title, unit),
        subtitle=drawing.subtitle,
        source=drawing.source(),
        integer=False,
        decimals=shown_decimals(values, decimals),
        without_figures=drawing.without_figures,
        not_drawn=drawing.not_drawn_line(),
    )


def print_theme_map(result: pipeline.PipelineResult, theme: str | None = None) -> Figure:
    """Return the theme map for print: respondents per buurt in whole-number classes; below k only a hatching."""
    return _print_theme_map(_Drawing(result), theme or result.project.map_theme)


def _print_theme_map(drawing: _Drawing, theme: str) -> Figure:
    project = drawing.result.project
    frame = drawing.theme_polygons(theme)
    frame = frame[frame.geometry.notna()].sort_values("code")
    shown = frame["theme_status"] == "getoond"
    return _classed_figure(
        frame,
        frame["respondents"].where(shown),
        frame["theme_status"].where(~shown, "waarde").fillna("ontbreekt"),
        title=f"Thema ‘{theme}’: hoeveel mensen noemden het?",
        subtitle=drawing.area,
        source=drawing.source(interviews=True),
        integer=True,
        without_figures=drawing.without_figures,
        fictional=_notice(project),
        not_drawn=drawing.not_drawn_line(),
        key_title="Aantal mensen",
    )


def wall_maps(result: pipeline.PipelineResult, folder: Path) -> list[Path]:
    """Write the A3 wall maps (per wijk and for the gemeente) of a project with interviews in ``folder``."""
    return _wall_maps(_Drawing(result), folder)


def _wall_maps(
    drawing: _Drawing, folder: Path, wijk_named: dict[str, list[tuple[str, int]]] | None = None
) -> list[Path]:
    """Write an A3 landscape wall map per wijk and one for the gemeente (only that one for a gemeente of one wijk):
    numbered buurten, themes raised.

    Only themes raised by k or more people in a buurt (buurt_themes 'getoond') are named, with their count; below
    the buurten, what people named about a wijk as a whole (wijk_themes 'getoond', :mod:`.wijk_voices`).
    """
    result = drawing.result
    themes = result.themes
    raised = themes[themes["theme_status"] == "getoond"].sort_values(
        ["code", "respondents", "theme"], ascending=[True, False, True]
    )
    per_buurt = (
        raised.groupby("code")
        .apply(
            lambda rows: ", ".join(f"{t} ({n})" for t, n in zip(rows["theme"], rows["respondents"], strict=True)),
            include_groups=False,
        )
        .to_dict()
    )
    counts = raised.groupby("code").size()
    # Nobody spoken with: every theme 'geen stemmen' (a buurt where one person was heard has a theme with a voice).
    unheard = frozenset(set(themes["code"]) - set(themes.loc[themes["theme_status"] != "geen stemmen", "code"]))
    buurten = drawing.buurten
    buurten = buurten[buurten.geometry.notna()].sort_values("code")
    folder.mkdir(parents=True, exist_ok=True)
    whole = drawing.area
    groups = [(_stems.wall_map(whole), whole, buurten)]
    if buurten["wijk_code"].nunique() > 1:  # one wijk (Ameland, Rozendaal): the gemeente's map is its map (sweep 14)
        groups += [(_stems.wall_map(str(n)), str(n), rows) for n, rows in buurten.groupby("wijk_name", sort=True)]
    if wijk_named is None:  # a build of many gemeenten reads them once for all (regional.write)
        wijk_named = wijk_voices.named(result.con)
    paths = []
    for number, (stem, title, rows) in enumerate(groups):
        wijken = rows.drop_duplicates("wijk_code").sort_values("wijk_code")
        said = [
            wijk_voices.line(name_or_code(name, code), [t for t, _ in named], [n for _, n in named], whole=False)
            for code, name in zip(wijken["wijk_code"], wijken["wijk_name"], strict=True)
            if (named := wijk_named.get(code))
        ]
        figure = _wall_sheet.draw(
            rows.reset_index(drop=True),
            per_buurt,
            counts,
            wijken=said,
            title=title,
            whole=number == 0,
            fictional=_notice(result.project),
            without_figures=drawing.without_figures,
            not_drawn=drawing.not_drawn_line(None if number == 0 else rows["wijk_code"]),
            source=drawing.source(interviews=True),
            unheard=unheard,
        )
        paths += save_figure(figure, folder / stem, png=False)
    return paths


#: Where a printed theme map's notice starts: right of the classes' legend (at most four columns).
_NOTICE_LEFT = 0.58


def _classed_figure(
    frame: gpd.GeoDataFrame,
    values: pd.Series,
    status: pd.Series,
    *,
    title: str,
    subtitle: str,
    source: str,
    integer: bool,
    decimals: int = 1,
    without_figures: frozenset[str] = frozenset(),
    fictional: str | None = None,
    not_drawn: str = "",
    key_title: str = "Legenda",
) -> Figure:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(11.69, 8.27))
    figure.text(0.03, 0.96, title, fontsize=16, weight="bold", va="top")
    figure.text(0.03, 0.925, subtitle, fontsize=10, va="top")
    frame = frame.reset_index(drop=True)
    fits = _map_key.may_number(frame)
    axes = figure.add_axes(_map_key.MAP_BESIDE_KEY if fits else _map_key.MAP_ALONE)
    axes.set_axis_off()
    legend = draw_classed(
        axes, frame, values.reset_index(drop=True), status.reset_index(drop=True), integer=integer, decimals=decimals
    )
    axes.set_aspect("equal")
    _map_key.draw_key(figure, axes, frame, without_figures=without_figures)
    _map_key.legend(figure, legend, title=key_title, anchor=(0.03, 0.15))
    if fictional:  # a theme map's numbers are counts of the made-up interviews, as a wall map's (user test N)
        room = (0.97 - _NOTICE_LEFT) * figure.get_figwidth() * 72 - 12
        notice = _map_key.clause_lines(fictional, room, 8.5, bold=True)
        fictional_notice(figure, _NOTICE_LEFT, 0.15, size=8.5, text="\n".join(notice))
    _map_key.draw_not_drawn(figure, not_drawn, y=0.04, size=8)
    figure.text(0.03, 0.015, source, fontsize=8, va="bottom")
    return figure


def save_chart(chart: alt.TopLevelMixin, path: Path, *, script: str | None = None) -> None:
    """Save a chart as PNG (for print) or self-contained HTML (opens offline), Dutch number format.

    ``script``: the HTML loads the Vega bundle from this address (relative to the page) instead of holding it,
    about 0.9 MB a page; for the many maps of a regional or national build, beside one copy of it.
    """
    import vl_convert as vlc

    options = {"formatLocale": vlc.get_format_locale("nl-NL")}
    if path.suffix == ".html":
        # Altair's inline page, with the Vega bundle it would otherwise convert anew for every chart.
        template = _map_page.inline_template() if script is None else _map_page.linked_template(script)
        chart.save(path, template=template, embed_options=options, json_kwds={"cls": ScriptSafeJSON})
        _map_page.name_page(path, chart)
    else:
        # Without ARIA labels, which only a screen reader of an SVG reads: vl-convert draws the PNG from an SVG it
        # writes and parses again, and the labels (a long text per buurt) are over a third of that SVG; the
        # pixels are the same, the national map takes about 0.1 s less.
        quiet = chart.copy(deep=["config"])
        if quiet.config is alt.Undefined:
            quiet.config = alt.Config()
        quiet.config["aria"] = False
        quiet.save(path, scale_factor=2, embed_options=options)
