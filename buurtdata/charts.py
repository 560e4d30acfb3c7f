"""Altair charts for a buurt conversation. Every function returns an ``alt.Chart`` and does no I/O.

Titles are Dutch and use CBS's own indicator titles; every chart carries its
source line ("Bron: CBS, ..."). Colour schemes are colour-blind-safe and
stay readable in black-and-white print; missing figures and too few voices
get their own grey legend classes instead of a colour that could be read
as a value.
"""

from __future__ import annotations

import altair as alt
import geopandas as gpd
import pandas as pd

#: Dutch legend label and grey shade of each status that is not a value.
STATUS_CLASSES: dict[str, tuple[str, str]] = {
    "geheim": ("geheim (CBS)", "#8c8c8c"),
    "ontbreekt": ("geen cijfer", "#bdbdbd"),
    "te_klein": ("te weinig inwoners voor een aandeel", "#d4d4d4"),
    "niet_van_toepassing": ("niet van toepassing", "#ececec"),
    "te weinig stemmen": ("te weinig stemmen", "#a3a3a3"),
    "geen stemmen": ("geen stemmen", "#ececec"),
}
_WIDTH = 520


def source_line(*, table: str, year: int, interviews: str | None = None) -> str:
    """Return the source line of a chart.

    >>> source_line(table="85984NED", year=2024, interviews="Fictieve interviews")
    'Bron: CBS, Kerncijfers wijken en buurten 2024 (85984NED); interviews: Fictieve interviews'
    """
    line = f"Bron: CBS, Kerncijfers wijken en buurten {year} ({table})"
    return f"{line}; interviews: {interviews}" if interviews else line


def choropleth_indicator(
    buurten: gpd.GeoDataFrame,
    indicator: str,
    *,
    title: str,
    unit: str,
    source: str,
    subtitle: str = "",
) -> alt.LayerChart:
    """Map one indicator per buurt; secret or missing figures get their own grey classes.

    Parameters
    ----------
    buurten
        One row per buurt with ``buurt_code``, ``buurt_naam``, ``geometry``,
        the indicator column and ``<indicator>_status``.
    indicator
        Column to map, e.g. ``"aandeel_65_plus"``.
    title, unit
        CBS's title of the indicator and its unit, for title and legend.
    source
        The source line (see :func:`source_line`).
    """
    frame = _for_map(buurten, [indicator, f"{indicator}_status"])
    values = frame[frame[f"{indicator}_status"] == "waarde"]
    missing = frame[frame[f"{indicator}_status"] != "waarde"].rename(columns={f"{indicator}_status": "status"})
    filled = _base(values).encode(
        color=alt.Color(f"{indicator}:Q", title=unit or title, scale=alt.Scale(scheme="blues"), legend=alt.Legend(titleLimit=260)),
        tooltip=[alt.Tooltip("buurt_naam:N", title="Buurt"), alt.Tooltip(f"{indicator}:Q", title=title, format=",.1f")],
    )
    return _layered(filled, missing, title=title, subtitle=subtitle, source=source)


def choropleth_theme(
    themes: gpd.GeoDataFrame,
    theme: str,
    *,
    source: str,
    subtitle: str = "",
) -> alt.LayerChart:
    """Map how many distinct respondents raised ``theme`` per buurt.

    Buurten below the privacy threshold show only "te weinig stemmen"; the
    count is not in the chart's data at all.
    """
    frame = _for_map(themes[themes["theme"] == theme], ["respondents", "status"])
    shown = frame[frame["status"] == "getoond"]
    missing = frame[frame["status"] != "getoond"].drop(columns=["respondents"])
    filled = _base(shown).encode(
        color=alt.Color("respondents:Q", title="Aantal respondenten", scale=alt.Scale(scheme="purples")),
        tooltip=[alt.Tooltip("buurt_naam:N", title="Buurt"), alt.Tooltip("respondents:Q", title="Respondenten")],
    )
    title = f"Thema '{theme}': hoeveel mensen noemden het?"
    return _layered(filled, missing, title=title, subtitle=subtitle, source=source)


def _for_map(frame: gpd.GeoDataFrame, columns: list[str]) -> gpd.GeoDataFrame:
    keep = ["buurt_code", "buurt_naam", *columns, "geometry"]
    frame = frame.loc[frame.geometry.notna(), keep].copy()
    return gpd.GeoDataFrame(frame, geometry="geometry", crs=frame.crs)


def _base(frame: gpd.GeoDataFrame | pd.DataFrame) -> alt.Chart:
    return (
        alt.Chart(frame)
        .mark_geoshape(stroke="#404040", strokeWidth=0.4)
        .project(type="identity", reflectY=True)
        .properties(width=_WIDTH, height=_WIDTH)
    )


def _layered(filled: alt.Chart, missing: gpd.GeoDataFrame, *, title: str, subtitle: str, source: str) -> alt.LayerChart:
    missing = missing.assign(klasse=missing["status"].map(lambda status: STATUS_CLASSES[status][0]))
    present = [status for status in STATUS_CLASSES if status in set(missing["status"])] or ["ontbreekt"]
    grey = _base(missing).encode(
        color=alt.Color(
            "klasse:N",
            title="Geen waarde",
            scale=alt.Scale(
                domain=[STATUS_CLASSES[status][0] for status in present],
                range=[STATUS_CLASSES[status][1] for status in present],
            ),
            legend=alt.Legend(labelLimit=260, symbolType="square"),
        ),
        tooltip=[alt.Tooltip("buurt_naam:N", title="Buurt"), alt.Tooltip("klasse:N", title="Status")],
    )
    lines = [line for line in (subtitle, source) if line]
    return (
        alt.layer(filled, grey)
        .resolve_scale(color="independent")
        .properties(title=alt.TitleParams(text=title, subtitle=lines, anchor="start", fontSize=16, subtitleFontSize=11))
    )
