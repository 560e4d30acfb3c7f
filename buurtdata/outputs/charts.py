"""Altair charts for a buurt conversation. Every function returns an ``alt.Chart`` and does no I/O.

Titles are Dutch and use CBS's own indicator titles; every chart carries its
source line ("Bron: CBS, ..."). Colour schemes are colour-blind-safe and
stay readable in black-and-white print; missing figures and too few voices
get their own grey legend classes instead of a colour that could be read
as a value.
"""

from __future__ import annotations

import json

import altair as alt
import geopandas as gpd
import pandas as pd

from buurtdata._errors import BuurtdataError
from buurtdata._text import said_unit, titled
from buurtdata._text import source_line as source_line  # re-exported: the documented name is charts.source_line
from buurtdata.outputs import _topojson

#: Dutch legend label and shade of each status that is not a value. All are light greys or white, and the colour
#: scales start at a clear tint (SCALE_EXTENT), so in black-and-white print "no figure" never looks like
#: a low (or, for too few voices, a high) value.
STATUS_CLASSES: dict[str, tuple[str, str]] = {
    "geheim": ("geheim (CBS)", "#dcdcdc"),
    "ontbreekt": ("geen cijfer", "#ffffff"),
    "te_klein": ("te weinig inwoners voor een aandeel", "#ebebeb"),
    "niet_van_toepassing": ("niet van toepassing", "#ffffff"),
    "te weinig stemmen": ("te weinig stemmen", "#dedede"),
    # A buurt where only 1 to k-1 people were heard in all: the same on every theme (user test V, left A).
    "te weinig gesprekken": ("te weinig gesprekken in de buurt", "#efefef"),
    "geen stemmen": ("geen stemmen", "#ffffff"),
    "afgeschermd": ("afgeschermd (anders te herleiden)", "#e6e6e6"),
    # A share of a count CBS rounded to 0 (buurt_comparison.weinig_of_geen): a value, but no index to compare.
    "weinig_of_geen": ("weinig of geen (afgerond aantal)", "#f2f2f2"),
}
#: Part of the sequential schemes used for values: their lightest end is left to the statuses above.
SCALE_EXTENT = [0.3, 1.0]
#: Buurt, gemeente and Nederland in bars: dark, middle and light, so they differ in grey print too.
AREA_COLOURS: dict[str, str] = {"buurt": "#08306b", "gemeente": "#6baed6", "Nederland": "#bdbdbd"}
#: Legend label and colour of a figure against the gemeente (ends and middle of ColorBrewer PuOr).
DIRECTION_CLASSES: dict[str, tuple[str, str]] = {
    "lower": ("lager dan in de gemeente", "#542788"),
    "around": ("rond het gemiddelde", "#f7f7f7"),
    "higher": ("hoger dan in de gemeente", "#e08214"),
}
#: Legend label and colour of a value without an index: its gemeente has no figure (or 0) to compare it with.
_NO_INDEX = ("niet te vergelijken met de gemeente", "#ffffff")
_WIDTH = 520
#: The click selection of a map: the buurt it outlines.
MAP_PARAM = "buurt"
#: A theme map's line when no buurt has enough voices for its count (the map is all greys).
NO_BUURT_SHOWN = "In geen enkele buurt noemden genoeg mensen dit thema om een aantal te tonen."


def choropleth_indicator(
    buurten: gpd.GeoDataFrame,
    indicator: str,
    *,
    title: str,
    unit: str,
    source: str,
    subtitle: str | list[str] = "",
    decimals: int | None = None,
) -> alt.LayerChart:
    """Map one indicator per buurt; secret or missing figures get their own grey classes.

    Parameters
    ----------
    buurten
        One row per buurt with ``code``, ``name``, ``geometry``,
        the indicator column and ``<indicator>_status``.
    indicator
        Column to map, e.g. ``"aandeel_65_plus"``.
    title, unit
        CBS's title of the indicator and its unit, for title and legend.
    source
        The source line (see :func:`source_line`).
    decimals
        Of the figure in the tooltip, as the handouts write it (``indicators.decimals``); by default none when
        every figure is whole (a count: "10.640", not "10.640,0"), else one.
    """
    frame = _for_map(buurten, [indicator, f"{indicator}_status"])
    values = frame[frame[f"{indicator}_status"] == "waarde"]
    missing = frame[frame[f"{indicator}_status"] != "waarde"]
    if decimals is None:
        present = values[indicator].dropna().astype(float)
        decimals = 0 if (present == present.round()).all() else 1
    filled = _base(values).encode(
        color=alt.Color(
            f"{indicator}:Q",
            title=said_unit(unit) or title,
            scale=alt.Scale(scheme={"name": "blues", "extent": SCALE_EXTENT}),
            # No buurt with a figure: a gradient of no values reads "NaN" (user test J).
            legend=alt.Legend(titleLimit=260) if len(values) else None,
        ),
        tooltip=[
            alt.Tooltip("name:N", title="Buurt"),
            alt.Tooltip(f"{indicator}:Q", title=title, format=f",.{decimals}f"),
        ],
    )
    return _layered(filled, missing, f"{indicator}_status", shapes=frame, title=title, subtitle=subtitle, source=source)


def choropleth_theme(
    themes: gpd.GeoDataFrame,
    theme: str,
    *,
    source: str,
    subtitle: str | list[str] = "",
) -> alt.LayerChart:
    """Map how many distinct respondents raised ``theme`` per buurt; ``subtitle``: a line, or lines (what the map
    covers, and that its interviews are made up).

    Buurten below the privacy threshold show only "te weinig stemmen", and a buurt where too few people were heard in
    all "te weinig gesprekken" on every theme; the count is not in the chart's data at all.
    """
    frame = _for_map(themes[themes["theme"] == theme], ["respondents", "theme_status"])
    shown = frame[frame["theme_status"] == "getoond"]
    missing = frame[frame["theme_status"] != "getoond"].drop(columns=["respondents"])
    filled = _base(shown).encode(
        color=alt.Color(
            "respondents:Q",
            title="Aantal mensen",
            scale=alt.Scale(scheme={"name": "purples", "extent": SCALE_EXTENT}),
            # No buurt shown: a gradient of no counts reads "NaN" (user test J, Leeuwarden's 'Eenzaamheid').
            legend=_whole_legend(shown["respondents"]) if len(shown) else None,
        ),
        tooltip=[alt.Tooltip("name:N", title="Buurt"), alt.Tooltip("respondents:Q", title="Aantal mensen")],
    )
    if shown.empty and not frame.empty:
        subtitle = [*([subtitle] if isinstance(subtitle, str) else subtitle), NO_BUURT_SHOWN]
    title = f"Thema ‘{theme}’: hoeveel mensen noemden het?"
    return _layered(filled, missing, "theme_status", shapes=frame, title=title, subtitle=subtitle, source=source)


def _whole_legend(counts: pd.Series, low: int | None = None) -> alt.Legend:
    """A gradient legend of counts of people, from ``low`` (default: the least count) to the most, labelled at
    whole numbers only. Vega's gradient ignores ``tickMinStep``, and with "d" it wrote 3,5 as a second "4" (user
    test J: "4, 4, 3")."""
    known = counts.dropna()
    if known.empty:
        return alt.Legend(format="d")
    least = int(known.min()) if low is None else low
    return alt.Legend(format="d", values=_whole_ticks(least, int(known.max())))


def _whole_ticks(low: int, high: int, most: int = 5) -> list[int]:
    """Return at most ``most`` whole, distinct, ordered ticks between ``low`` and ``high``, a round step apart.

    >>> _whole_ticks(3, 4), _whole_ticks(3, 3), _whole_ticks(0, 7), _whole_ticks(3, 40), _whole_ticks(12, 2_400)
    ([3, 4], [3], [0, 2, 4, 6], [10, 20, 30, 40], [500, 1000, 1500, 2000])
    """
    magnitude = 1
    while True:
        for step in (magnitude, 2 * magnitude, 5 * magnitude):
            ticks = list(range(-(-low // step) * step, high + 1, step))
            if len(ticks) <= most:
                return ticks or [low]
        magnitude *= 10


def _for_map(frame: gpd.GeoDataFrame, columns: list[str]) -> gpd.GeoDataFrame:
    keep = ["code", "name", *columns, "geometry"]
    frame = frame.loc[frame.geometry.notna(), keep].copy()
    # A polygon the KWB has no row for (kept and reported by the pipeline) has no status: it has no figure.
    for column in (c for c in columns if c == "status" or c.endswith("_status")):
        frame[column] = frame[column].astype("object").where(frame[column].notna(), "ontbreekt")
    return gpd.GeoDataFrame(frame, geometry="geometry", crs=frame.crs)


def _base(frame: gpd.GeoDataFrame | pd.DataFrame) -> alt.Chart:
    """A map layer of ``frame``'s rows, drawn with the shapes the map's one TopoJSON dataset has for their codes."""
    rows = pd.DataFrame(frame).drop(columns="geometry", errors="ignore")
    # Rows without shapes are small, so Altair's 5,000-row guard (meant for inlined polygons) does not apply:
    # all 13,594 buurten of Nederland are one map. Through JSON, so a missing value becomes null; a plain dict,
    # because Altair checks an InlineData row by row when it is made (2.6 s for the country).
    values = json.loads(rows.to_json(orient="records", force_ascii=False))
    return (
        alt.Chart({"values": values})
        .transform_lookup(**_topojson.lookup_shape())
        .mark_geoshape(stroke="#404040", strokeWidth=0.4)
        .encode(shape=alt.Shape("geo:G"))
        .project(type="identity", reflectY=True)
        .properties(width=_WIDTH, height=_WIDTH)
    )


def _highlight(layer: alt.Chart, pick: alt.Parameter) -> alt.Chart:
    # The clicked buurt gets a red outline, in whichever layer it is drawn.
    return layer.encode(
        stroke=alt.condition(pick, alt.value("#d7301f"), alt.value("#404040")),
        strokeWidth=alt.condition(pick, alt.value(2), alt.value(0.4)),
        order=alt.condition(pick, alt.value(1), alt.value(0)),
    )


def _layered(
    filled: alt.Chart,
    missing: gpd.GeoDataFrame,
    status_column: str,
    *,
    shapes: gpd.GeoDataFrame,
    title: str,
    subtitle: str | list[str],
    source: str,
) -> alt.LayerChart:
    missing = missing.assign(klasse=missing[status_column].map(lambda status: STATUS_CLASSES[status][0]))
    present = [status for status in STATUS_CLASSES if status in set(missing[status_column])] or ["ontbreekt"]
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
        tooltip=[alt.Tooltip("name:N", title="Buurt"), alt.Tooltip("klasse:N", title="Status")],
    )
    pick = alt.selection_point(name=MAP_PARAM, fields=["code"], on="click", clear="dblclick", empty=False)
    lines = [line for line in (*([subtitle] if isinstance(subtitle, str) else subtitle), source) if line]
    return (
        alt.layer(_highlight(filled, pick).add_params(pick), _highlight(grey, pick))
        .resolve_scale(color="independent")
        .properties(
            datasets={_topojson.NAME: _topojson.shapes(shapes)},
            title=alt.TitleParams(text=title, subtitle=lines, anchor="start", fontSize=16, subtitleFontSize=11),
        )
    )


def comparison_bars(comparison: pd.DataFrame, code: str, *, source: str) -> alt.FacetChart:
    """Bars of one buurt next to its gemeente and Nederland, one small panel per key figure.

    ``comparison`` is the ``buurt_comparison`` mart. Shares are compared as shares,
    counts per 1.000 inwoners; plain counts (inwoners) have no fair comparison and are
    left out. A figure that is secret or too small shows its status instead of a bar.
    """
    rows = comparison[(comparison["code"] == code) & comparison["in_profile"] & (comparison["measure"] != "aantal")]
    if rows.empty:
        msg = f"buurt {code!r} has no key figures in buurt_comparison; pass a buurt code of the project."
        raise BuurtdataError(msg)
    long = pd.concat(
        [
            pd.DataFrame(
                {
                    "titel": [titled(t, u) for t, u in zip(rows["title"], rows["unit"], strict=True)],
                    "positie": rows["position"].astype(int),
                    "gebied": area,
                    "waarde": rows[value],
                    "tekst": [
                        text if stat == "waarde" else STATUS_CLASSES[stat][0]
                        for text, stat in zip(rows[text], rows[status], strict=True)
                    ],
                }
            )
            for area, value, text, status in (
                ("buurt", "value", "value_text", "status"),
                ("gemeente", "gemeente_value", "gemeente_text", "gemeente_status"),
                ("Nederland", "nl_value", "nl_text", "nl_status"),
            )
        ],
        ignore_index=True,
    )
    name = rows["name"].iloc[0]
    base = alt.Chart().encode(y=alt.Y("gebied:N", sort=list(AREA_COLOURS), title=None))
    bars = base.mark_bar().encode(
        x=alt.X("waarde:Q", title=None, axis=alt.Axis(labels=False, ticks=False, grid=False)),
        color=alt.Color(
            "gebied:N", scale=alt.Scale(domain=list(AREA_COLOURS), range=list(AREA_COLOURS.values())), legend=None
        ),
    )
    labels = base.mark_text(align="left", dx=3, fontSize=11).encode(x=alt.X("waarde:Q"), text=alt.Text("tekst:N"))
    return (
        alt.layer(bars, labels, data=long)
        .properties(width=300, height=60)
        .facet(
            row=alt.Row(
                "titel:N",
                sort=alt.SortField("positie"),
                title=None,
                header=alt.Header(labelAngle=0, labelAlign="left", labelLimit=320),
            )
        )
        .resolve_scale(x="independent")
        .properties(
            title=alt.TitleParams(
                text=f"{name} naast gemeente en Nederland",
                subtitle=[source],
                anchor="start",
                fontSize=16,
                subtitleFontSize=11,
            )
        )
    )


def theme_role_heatmap(roles: pd.DataFrame, code: str, *, source: str) -> alt.LayerChart:
    """Theme x role grid of one buurt: distinct respondents where shown, else the privacy class.

    ``roles`` is the ``buurt_theme_roles`` mart; withheld cells carry no count at all.
    """
    grid = roles[roles["code"] == code]
    shown = grid[grid["theme_status"] == "getoond"]
    hidden = grid[grid["theme_status"] != "getoond"].drop(columns=["respondents"])
    hidden = hidden.assign(klasse=hidden["theme_status"].map(lambda status: STATUS_CLASSES[status][0]))
    present = [status for status in STATUS_CLASSES if status in set(hidden["theme_status"])] or ["geen stemmen"]
    axes = {
        "x": alt.X("role:N", title="Rol", sort=sorted(set(grid["role"]))),
        "y": alt.Y("theme:N", title="Thema", sort=sorted(set(grid["theme"]))),
    }
    counts = (
        alt.Chart(shown)
        .mark_rect(stroke="#9e9e9e", strokeWidth=0.5)
        .encode(
            **axes,
            color=alt.Color(
                "respondents:Q",
                title="Aantal mensen",
                scale=alt.Scale(scheme={"name": "purples", "extent": SCALE_EXTENT}, domainMin=0),
                legend=_whole_legend(shown["respondents"], low=0),
            ),
            tooltip=[
                alt.Tooltip("theme:N", title="Thema"),
                alt.Tooltip("role:N", title="Rol"),
                alt.Tooltip("respondents:Q", title="Aantal mensen"),
            ],
        )
    )
    numbers = alt.Chart(shown).mark_text(fontSize=12, color="black").encode(**axes, text="respondents:Q")
    grey = (
        alt.Chart(hidden)
        .mark_rect(stroke="#9e9e9e", strokeWidth=0.5)
        .encode(
            **axes,
            color=alt.Color(
                "klasse:N",
                title="Niet getoond",
                scale=alt.Scale(
                    domain=[STATUS_CLASSES[status][0] for status in present],
                    range=[STATUS_CLASSES[status][1] for status in present],
                ),
                legend=alt.Legend(labelLimit=260, symbolType="square"),
            ),
            tooltip=[
                alt.Tooltip("theme:N", title="Thema"),
                alt.Tooltip("role:N", title="Rol"),
                alt.Tooltip("klasse:N", title="Status"),
            ],
        )
    )
    return (
        alt.layer(grey, counts, numbers)
        .resolve_scale(color="independent")
        .properties(
            width=280,
            title=alt.TitleParams(
                text="Wie noemde welk thema?", subtitle=[source], anchor="start", fontSize=16, subtitleFontSize=11
            ),
        )
    )


def small_multiples(comparison: gpd.GeoDataFrame, *, source: str, band: int, columns: int = 3) -> alt.ConcatChart:
    """One small map per key figure: is each buurt higher, lower or around the gemeente?

    ``comparison`` is :func:`buurtdata.pipeline.link.comparison_frame`; ``band`` the project's band in
    index points (``buurt_comparison.direction``). The three classes use the ends and middle of
    a diverging, colour-blind-safe scheme (dark purple, near-white, orange: distinct in grey print
    too); buurten without an index get the grey class of their status. All panels share one legend.
    """
    frame = comparison[comparison["in_profile"] & (comparison["measure"] != "aantal") & comparison.geometry.notna()]
    # A share of a count CBS rounded to 0 is "weinig of geen" by the mart's flag, unless even the most it can be is
    # lower than the gemeente: then 'lager', as the handout's '≤ 35 ▼' (review t L6). Another value without an index
    # (its gemeente has no figure, or 0) has nothing to compare with (review r 2.3: both were "weinig of geen").
    few = frame["weinig_of_geen"].fillna(False).astype(bool)
    keys = [
        direction if isinstance(direction, str) else "weinig_of_geen" if flagged else status
        for flagged, direction, status in zip(few, frame["direction"], frame["status"], strict=True)
    ]
    labels = {**DIRECTION_CLASSES, **STATUS_CLASSES, "waarde": _NO_INDEX}
    frame = frame.assign(klasse=[labels.get(key, (key,))[0] for key in keys])
    present = [key for key in labels if labels[key][0] in set(frame["klasse"])]
    colour = alt.Color(
        "klasse:N",
        title="Ten opzichte van de gemeente",
        scale=alt.Scale(domain=[labels[key][0] for key in present], range=[labels[key][1] for key in present]),
        legend=alt.Legend(labelLimit=280, symbolType="square"),
    )
    panels = []
    for _, rows in frame.groupby("position", sort=True):
        panels.append(
            _base(rows[["code", "name", "klasse", "index_text"]])
            .encode(
                color=colour, tooltip=[alt.Tooltip("name:N", title="Buurt"), alt.Tooltip("index_text:N", title="Index")]
            )
            .properties(width=220, height=220, title=alt.TitleParams(_panel_title(rows.iloc[0]), fontSize=12))
        )
    lines = [f"Index: gemeente = 100; hoger of lager vanaf {band} punten verschil", source]
    return alt.concat(*panels, columns=columns).properties(
        # Every panel draws the same buurten: their shapes are in the spec once.
        datasets={_topojson.NAME: _topojson.shapes(frame.drop_duplicates("code"))},
        title=alt.TitleParams(
            text="Kerncijfers per buurt naast de gemeente",
            subtitle=lines,
            anchor="start",
            fontSize=16,
            subtitleFontSize=11,
        ),
    )


def _panel_title(row: pd.Series) -> str:
    return f"{row['title']} ({row['unit']})" if row["measure"] == "per_1000" else row["title"]
