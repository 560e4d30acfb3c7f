"""The maps of a pipeline run: one indicator and one interview theme per buurt, as charts or saved files.

The notebooks show the same maps that :func:`buurtdata.outputs.build.build` saves in ``kaarten/``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import altair as alt

from buurtdata import _optional
from buurtdata._text import slug
from buurtdata.outputs import charts
from buurtdata.sources import geometry

_optional.require("render", __name__)

if TYPE_CHECKING:
    from buurtdata import pipeline


def indicator_map(result: pipeline.PipelineResult, indicator: str | None = None) -> alt.LayerChart:
    """Return the map of one indicator per buurt (default: the project's map indicator)."""
    project = result.project
    indicator = indicator or project.map_indicator
    title, unit = result.con.execute(
        "select title, unit from indicators where indicator = ? and year = ?", [indicator, project.year]
    ).fetchall()[0]
    return charts.choropleth_indicator(
        geometry.simplify_for_display(result.buurten), indicator, title=title, unit=unit,
        subtitle=f"{project.name}, {project.year}",
        source=charts.source_line(table=project.kwb_files(project.year).table, year=project.year),
    )


def theme_map(result: pipeline.PipelineResult, theme: str | None = None) -> alt.LayerChart:
    """Return the map of how many respondents raised ``theme`` per buurt (default: the project's map theme)."""
    project = result.project
    theme = theme or project.map_theme
    return charts.choropleth_theme(
        geometry.simplify_for_display(result.themes[result.themes["theme"] == theme]), theme, subtitle=project.name,
        source=charts.source_line(table=project.kwb_files(project.year).table, year=project.year,
                                  interviews=project.interviews.label),
    )


def save_maps(result: pipeline.PipelineResult, folder: Path) -> list[Path]:
    """Save the project's indicator map, and its theme map when it has interviews, as PNG and HTML in ``folder``."""
    project = result.project
    maps: dict[str, alt.TopLevelMixin] = {project.map_indicator: indicator_map(result)}
    if result.themes is not None and project.map_theme:
        maps[f"thema_{slug(project.map_theme)}"] = theme_map(result)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, chart in maps.items():
        for suffix in (".png", ".html"):
            path = folder / f"{name}{suffix}"
            save_chart(chart, path)
            paths.append(path)
    return paths


def save_chart(chart: alt.TopLevelMixin, path: Path) -> None:
    """Save a chart as PNG (for print) or self-contained HTML (opens offline), Dutch number format."""
    import vl_convert as vlc

    options = {"formatLocale": vlc.get_format_locale("nl-NL")}
    if path.suffix == ".html":
        chart.save(path, inline=True, embed_options=options, json_kwds={"cls": ScriptSafeJSON})
    else:
        chart.save(path, scale_factor=2, embed_options=options)


class ScriptSafeJSON(json.JSONEncoder):
    """JSON that is inert inside an HTML ``<script>``: ``<``, ``>`` and ``&`` as ``\\u`` escapes.

    The chart's spec is inlined in a script element, and its texts (project name, labels) come from the
    user's files: a literal ``</script>`` there would end the script and run what follows as markup.

    >>> json.dumps({"title": "</script><b>"}, cls=ScriptSafeJSON)
    '{"title": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """

    def encode(self, o: object) -> str:
        return super().encode(o).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
