"""Charts to explore, not to print: the buurt map linked to the buurt's figures and themes, with Vega-Lite parameters.

Click a buurt on the map and the bars follow: its figures against the gemeente (the line at 100) and Nederland
(the grey tick), and the interview themes raised there. A dropdown chooses the figure on the map; tooltips give
name, value, status and source. Everything runs in the browser, without a server or a kernel:

* in JupyterLab through the renderer :func:`buurtdata.outputs.display.enable` registers (``buurtdata``): each
  chart is a Vega-Lite document JupyterLab draws itself (its own Vega, offline), with a static SVG beside it
  for viewers without JavaScript (GitHub, nbconvert to PDF);
* in the report, :func:`buurtdata.outputs.display.embed_html` turns such an output into a Vega view, drawn by
  the Vega bundle that vl-convert ships (:func:`buurtdata.outputs._vega.javascript_bundle`, a local file;
  nothing comes from a CDN).

The data are inlined once, as named datasets the views refer to: the map's shapes as one TopoJSON
(:mod:`._topojson`: simplified for the screen, on a grid of whole metres) and one row per buurt with its
figures as an array, which the map (the chosen figure) and the bars (unfolded per figure) both read; the
texts are made in the browser. So a map of all 13,594 buurten of Nederland is a spec of about 3.5 MB
(``tests/test_national_maps.py``, ``benchmarks/maps.py``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import Any

import altair as alt
import pandas as pd

from buurtdata import _optional
from buurtdata._text import said_unit
from buurtdata.outputs import _composition, _explore_names, _topojson, charts
from buurtdata.outputs._explore_buurt import buurt_code
from buurtdata.sources import geometry

_optional.require("render", __name__)

__all__ = ["explorer", "selection_params"]

#: Names of the parameters (fixed, so the same data give the same spec and the report the same bytes).
BUURT_PARAM = "buurt"
INDICATOR_PARAM = "indicator"
#: Screen maps are simplified about three times more than print maps (display_tolerance is for A4).
_SCREEN_SIMPLIFY = 3
#: What a figure without a value says instead, on the map and at its bar; a share of a count CBS rounded to 0 says
#: 'weinig of geen' there as on the handouts, and its status why (user test P #8, review r 2.2).
_STATUS_TEXT = {status: label for status, (label, _) in charts.STATUS_CLASSES.items()} | {
    "weinig_of_geen": "weinig of geen"
}
_STATUS_WORDS = {"weinig_of_geen": "het CBS rondt af op vijf- of tientallen: 0 kan ook een paar zijn"}
#: Sizes in pixels that keep the whole explorer, value labels and axis ends included, within about 850 px: a
#: JupyterLab cell beside the file browser in a 1400 px window is about 900 px wide (user test J: wider, the
#: cell scrolled and a bar's value was cut off).
_MAP_SIZE = 340
_BAR_WIDTH = 250
_LABEL_LIMIT = 180


def explorer(
    data: Any, *, buurt: str | None = None, indicators: tuple[str, ...] | None = None, map_indicator: str | None = None
) -> alt.HConcatChart:
    """Return the map linked to the bars of one buurt's figures and themes (click a buurt, the bars follow).

    Parameters
    ----------
    data
        A pipeline result (:func:`buurtdata.outputs.explore.notebook_data`).
    buurt
        The buurt chosen at the start, a code or name (:func:`buurtdata.outputs.explore.buurt_code`; default: the
        first buurt code).
    indicators
        The figures in the bars, indicator keys of the project's ``[profile]`` and ``[[links]]`` (default: the
        profile, the figures of the handouts); any other figure has its own map (``explore.indicator_map``).
    map_indicator
        The figure the map starts with, one of the bars' (default: the project's map indicator); the dropdown
        offers the others.
    """
    project = data.project
    figures = _Figures.of(data, indicators)
    keys = list(figures.catalogue["indicator"])
    if map_indicator is not None:
        # Only a figure of the bars can be on the map: the dropdown offers those.
        _explore_names.explorer_keys(
            [map_indicator],
            data,
            keys,
            "the explorer's bars",
            "Pass it in indicators too (a figure of [profile] or [[links]])",
        )
    start = map_indicator or (project.map_indicator if project.map_indicator in keys else keys[0])
    buurt = str(data.buurten["code"].min()) if buurt is None else buurt_code(data, buurt)
    source = charts.source_line(
        table=project.kwb_files(project.year).table,
        year=project.year,
        interviews=project.interviews.label if data.themes is not None else None,
    )
    datasets = {
        # As JSON text, which Vega parses: Altair would check and copy a list row by row (20 s for the country).
        "buurtcijfers": _text(figures.buurten),
        "gemeentecijfers": _text(figures.gemeenten),
        "cijfers": _records(figures.catalogue),
        _topojson.NAME: _shapes(data.buurten),
    }
    # The most respondents of a buurt x theme: the theme bars' scale (None: no interviews, no theme bars).
    most = None
    if data.themes is not None:
        themes = _records(_themes(data))
        datasets["buurtthemas"] = _text(themes)
        most = max((row["respondenten"] or 0 for row in themes), default=0)
    # Composing the chart costs Altair about 0.3 s (it copies every view into every layer and concat); the
    # report draws it for many buurten of one project (a page per wijk), and only the chosen buurt differs.
    made = json.dumps([project.name, source, start, figures.statuses, datasets], ensure_ascii=False)
    key = hashlib.sha256(made.encode("utf-8")).hexdigest()
    if key not in _COMPOSED:
        _COMPOSED.clear()  # the last project's only: a national chart is megabytes
        _COMPOSED[key] = _composition.Composition(
            _compose(project.name, source, start, figures, datasets, most), BUURT_PARAM
        )
    return _COMPOSED[key].copy([{"code": buurt}])


#: The chart :func:`explorer` composed last, by a checksum of all it shows.
_COMPOSED: dict[str, _composition.Composition] = {}


def _compose(
    name: str, source: str, start: str, figures: _Figures, datasets: dict[str, Any], most: float | None
) -> alt.HConcatChart:
    """The chart of :func:`explorer`, its buurt still to be chosen."""
    keys = list(figures.catalogue["indicator"])
    titles = list(figures.catalogue["titel"])
    pick = alt.selection_point(name=BUURT_PARAM, fields=["code"], on="click", value=[], clear=False, toggle=False)
    choice = alt.param(
        name=INDICATOR_PARAM,
        value=start,
        bind=alt.binding_select(options=keys, labels=titles, name="Cijfer op de kaart: "),
    )
    views: list[alt.TopLevelMixin] = [_bars(pick, source, figures.statuses, titles)]
    if most is not None:
        views.append(_theme_bars(pick, most))
    return (
        alt.hconcat(_map(pick, choice, source, figures.statuses), alt.vconcat(*views))
        .properties(
            datasets=datasets,
            title=alt.TitleParams(
                text=f"Verken de buurten van {name}",
                subtitle=[
                    "Klik op een buurt: de staven rechts volgen. Kies boven de kaart welk cijfer zij toont.",
                    source,
                ],
                anchor="start",
                fontSize=16,
                subtitleFontSize=11,
            ),
        )
        .configure(locale={"number": _number_locale()})
        .configure_view(stroke=None)
    )


@dataclasses.dataclass(frozen=True)
class _Figures:
    """The figures of the chosen indicators, compact enough for all 13,594 buurten of Nederland in one spec.

    One row per buurt, not per buurt x figure: its figures as an array ``w`` in the order of the catalogue (its
    ``nr``), and only where some figure has no value, their statuses as an array ``s`` of positions in
    ``statuses``. The gemeente's figures are an array per gemeente (``g``), Nederland's are in the catalogue.
    Texts (Dutch numbers, the index against the gemeente) are made in the browser from these.
    """

    buurten: list[dict[str, Any]]
    gemeenten: list[dict[str, Any]]
    catalogue: pd.DataFrame
    statuses: list[str]

    @classmethod
    def of(cls, data: Any, indicators: tuple[str, ...] | None) -> _Figures:
        comparison = data.con.sql("select * from buurt_comparison").df()
        if indicators is not None:
            # The explorer's figures are those the buurten are compared on: the project's [profile] and [[links]].
            offered = sorted(set(comparison["indicator"]))
            among = "the explorer's figures (the project's [profile] and [[links]])"
            _explore_names.explorer_keys(indicators, data, offered, among, "Add it to one of them in the project file")
        wanted = comparison["in_profile"] if indicators is None else comparison["indicator"].isin(indicators)
        rows = comparison[wanted].copy()
        # A share of a count CBS rounded to 0 has no value to draw or index: 'weinig of geen', as on the handouts.
        few = rows["weinig_of_geen"].fillna(False).astype(bool)
        rows["status"] = rows["status"].fillna("ontbreekt").mask(few, "weinig_of_geen")
        order = rows.drop_duplicates("indicator").sort_values(["position", "indicator"])
        keys = list(order["indicator"])
        nl = order.set_index("indicator")["nl_value"].where(order.set_index("indicator")["nl_status"] == "waarde")
        catalogue = pd.DataFrame(
            {
                "nr": range(len(keys)),
                "indicator": keys,
                "titel": order["title"].to_numpy(),
                "eenheid": [said_unit(unit) for unit in order["unit"]],
                # A [[links]] figure has no place in the profile: after the profile's.
                "positie": order["position"].fillna(order["position"].max() + 1).fillna(0).astype(int).to_numpy(),
                # Counts (inwoners) have no fair comparison with the gemeente: on the map, not in the bars.
                "vergelijkbaar": (order["measure"] != "aantal").to_numpy(),
                "decimalen": order["decimals"].fillna(1).astype(int).to_numpy(),
                "nederland": [_number(v) for v in nl.reindex(keys)],
            }
        )
        statuses = ["waarde", *sorted((set(rows["status"]) | {"ontbreekt"}) - {"waarde"})]
        value = rows["value"].where(rows["status"] == "waarde")
        wide = rows.assign(value=value, status=rows["status"].map(statuses.index)).pivot(
            index="code", columns="indicator", values=["value", "status"]
        )
        names = rows.drop_duplicates("code").set_index("code")
        gemeenten = sorted(names["gemeente_code"].dropna().unique())
        number_of = {code: number for number, code in enumerate(gemeenten)}
        wijken = data.buurten[data.buurten["wijk_name"].notna()]
        wijk_of = dict(zip(wijken["code"], wijken["wijk_name"], strict=True))
        missing = statuses.index("ontbreekt")
        buurten = []
        for code, name, gemeente, values, status in zip(
            wide.index,
            names["name"].reindex(wide.index),
            names["gemeente_code"].reindex(wide.index),
            wide["value"][keys].to_numpy().tolist(),
            wide["status"][keys].fillna(missing).astype(int).to_numpy().tolist(),
            strict=True,
        ):
            row = {
                "code": code,
                "name": name,
                "wijk": wijk_of.get(code, ""),
                "g": number_of[gemeente],
                "w": [_number(v) for v in values],
            }
            if any(status):
                row["s"] = status
            buurten.append(row)
        per_gemeente = (
            rows.assign(value=rows["gemeente_value"].where(rows["gemeente_status"] == "waarde"))
            .drop_duplicates(["gemeente_code", "indicator"])
            .pivot(index="gemeente_code", columns="indicator", values="value")
            .reindex(index=gemeenten, columns=keys)
        )
        gemeente_rows = [
            {"g": number, "w": [_number(v) for v in values]} for number, values in enumerate(per_gemeente.to_numpy())
        ]
        return cls(buurten, gemeente_rows, catalogue, statuses)


def _number(value: Any) -> float | int | None:
    """A figure as short as JSON can say it: null, a whole number, or two decimals (enough for any index).

    >>> [_number(v) for v in (float("nan"), None, 83058.0, 20.8649)]
    [None, None, 83058, 20.86]
    """
    if value is None or value != value:
        return None
    value = float(value)
    return int(value) if value.is_integer() else round(value, 2)


def _themes(data: Any) -> pd.DataFrame:
    # Respondents only where a theme is shown: a count below the privacy threshold is never published.
    themes = data.con.sql("select code, theme, theme_status, respondents from buurt_themes order by code, theme").df()
    shown = themes["theme_status"] == "getoond"
    return pd.DataFrame(
        {
            "code": themes["code"],
            "thema": themes["theme"],
            "respondenten": themes["respondents"].where(shown).astype("Float64"),
            "tekst": themes["respondents"].astype("string").where(shown, themes["theme_status"]),
        }
    )


def _names(buurten: Any) -> pd.DataFrame:
    present = buurten[buurten.geometry.notna() & ~buurten.geometry.is_empty]
    return pd.DataFrame(
        {
            "code": present["code"],
            "name": present["name"],
            "wijk": present["wijk_name"].astype(object).where(present["wijk_name"].notna(), ""),
        }
    ).sort_values("code", ignore_index=True)


def _shapes(buurten: Any) -> str:
    """The buurten as one TopoJSON topology, simplified for the screen (:mod:`._topojson`)."""
    present = buurten[buurten.geometry.notna() & ~buurten.geometry.is_empty]
    # Kept by the codes and the exact polygons (WKB): the report draws an explorer of the same buurten per wijk.
    checksum = hashlib.sha256(json.dumps(list(present["code"])).encode())
    for shape in present.geometry.to_wkb():  # one at a time: the country's polygons joined would be tens of MB
        checksum.update(shape)
    key = checksum.hexdigest()
    if key not in _SHAPES:
        _SHAPES.clear()  # the last buurten's only: the country's are megabytes
        _SHAPES[key] = _topojson.shapes(
            geometry.simplify_for_display(present, geometry.display_tolerance(present) * _SCREEN_SIMPLIFY)
        )
    return _SHAPES[key]


#: The screen shapes :func:`_shapes` made last, by a checksum of the buurten's codes and polygons.
_SHAPES: dict[str, str] = {}


def _text(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, separators=(",", ":"), ensure_ascii=False)


def _rows(name: str) -> alt.NamedData:
    """A dataset of the spec stored as JSON text (:func:`_text`)."""
    return alt.NamedData(name=name, format=alt.DataFormat(type="json"))


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    # Through JSON so missing values become null and numpy scalars plain numbers.
    return json.loads(frame.to_json(orient="records", force_ascii=False))


def _figure_of(statuses: list[str]) -> dict[str, str]:
    """Vega expressions for one figure of a buurt row, once ``nr`` (its place in the arrays) is known."""
    words = json.dumps([_STATUS_WORDS.get(status, status.replace("_", " ")) for status in statuses])
    labels = json.dumps([_STATUS_TEXT.get(status, status.replace("_", " ")) for status in statuses])
    status = "(datum.s ? datum.s[datum.nr] : 0)"
    return {
        "waarde": "datum.w[datum.nr]",
        "status": f"{words}[{status}]",
        # The Dutch number as CBS's decimals give it (the spec's locale has comma decimals, dot thousands).
        "tekst": f"datum.w[datum.nr] == null ? {labels}[{status}] "
        ": format(datum.w[datum.nr], ',.' + datum.decimalen + 'f')",
    }


def _map(pick: Any, choice: Any, source: str, statuses: list[str]) -> alt.Chart:
    described = alt.LookupData(
        data=alt.NamedData(name="cijfers"), key="indicator", fields=["nr", "titel", "eenheid", "decimalen"]
    )
    missing = "datum.waarde == null"
    return (
        alt.Chart(_rows("buurtcijfers"), name="kaart")
        .transform_lookup(**_topojson.lookup_shape())
        .mark_geoshape(invalid=None)
        .project(type="identity", reflectY=True)
        .transform_calculate(indicator=INDICATOR_PARAM, bron=json.dumps(source))
        .transform_lookup(lookup="indicator", from_=described)
        .transform_calculate(**_figure_of(statuses))
        .encode(
            shape=alt.Shape("geo:G"),
            color=alt.condition(
                missing,
                alt.value("#dcdcdc"),
                alt.Color(
                    "waarde:Q",
                    title=None,
                    scale=alt.Scale(scheme={"name": "blues", "extent": charts.SCALE_EXTENT}),
                    legend=alt.Legend(orient="bottom", gradientLength=_MAP_SIZE - 80, format=",.4~r"),
                ),
            ),
            stroke=alt.condition(pick, alt.value("#d7301f"), alt.value("#404040")),
            strokeWidth=alt.condition(pick, alt.value(2.5), alt.value(0.4)),
            order=alt.condition(pick, alt.value(1), alt.value(0)),
            tooltip=[
                alt.Tooltip("name:N", title="Buurt"),
                alt.Tooltip("wijk:N", title="Wijk"),
                alt.Tooltip("titel:N", title="Cijfer"),
                alt.Tooltip("tekst:N", title="Waarde"),
                alt.Tooltip("eenheid:N", title="Eenheid"),
                alt.Tooltip("status:N", title="Status"),
                alt.Tooltip("bron:N", title="Bron"),
            ],
        )
        .add_params(pick, choice)
        .properties(width=_MAP_SIZE, height=_MAP_SIZE)
    )


def _bars(pick: Any, source: str, statuses: list[str], titles: list[str]) -> alt.LayerChart:
    # The chosen buurt's row unfolds into a row per figure, beside its gemeente's figure of the same number.
    base = (
        alt.Chart(_rows("buurtcijfers"))
        .transform_filter(pick)
        .transform_lookup(
            lookup="g",
            from_=alt.LookupData(data=_rows("gemeentecijfers"), key="g", fields=["w"]),
            as_=["gw"],
        )
        .transform_calculate(nrs="sequence(0, length(datum.w))", gws="datum.gw || []")
        .transform_flatten(["nrs", "gws"], as_=["nr", "gemeentewaarde"])
        .transform_lookup(
            lookup="nr",
            from_=alt.LookupData(
                data=alt.NamedData(name="cijfers"),
                key="nr",
                fields=["indicator", "titel", "eenheid", "positie", "vergelijkbaar", "decimalen", "nederland"],
            ),
        )
        .transform_filter("datum.vergelijkbaar")
        .transform_calculate(**_figure_of(statuses))
        .transform_calculate(
            bron=json.dumps(source),
            index="datum.waarde != null && datum.gemeentewaarde > 0 ? 100 * datum.waarde / datum.gemeentewaarde : null",
            nl_index="datum.nederland != null && datum.gemeentewaarde > 0 "
            "? 100 * datum.nederland / datum.gemeentewaarde : null",
            gemeente="datum.gemeentewaarde == null ? 'geen cijfer' "
            ": format(datum.gemeentewaarde, ',.' + datum.decimalen + 'f')",
            nederland_tekst="datum.nederland == null ? 'geen cijfer' "
            ": format(datum.nederland, ',.' + datum.decimalen + 'f')",
        )
        .transform_calculate(label_x="datum.index == null ? 0 : datum.index")
        # In the catalogue's order (the handouts'): a sort by a looked-up field is lost in the browser on a click.
        .encode(y=alt.Y("titel:N", sort=titles, title=None, axis=alt.Axis(labelLimit=_LABEL_LIMIT)))
    )
    tooltip = [
        alt.Tooltip("name:N", title="Buurt"),
        alt.Tooltip("titel:N", title="Cijfer"),
        alt.Tooltip("tekst:N", title="Buurt"),
        alt.Tooltip("gemeente:N", title="Gemeente"),
        alt.Tooltip("nederland_tekst:N", title="Nederland"),
        alt.Tooltip("status:N", title="Status"),
        alt.Tooltip("bron:N", title="Bron"),
    ]
    bars = base.mark_bar(color=charts.AREA_COLOURS["buurt"], height=14).encode(
        x=alt.X("index:Q", title="buurt als de gemeente 100 is", scale=alt.Scale(domainMin=0)),
        opacity=alt.condition(f"datum.indicator == {INDICATOR_PARAM}", alt.value(1.0), alt.value(0.55)),
        tooltip=tooltip,
    )
    nederland = base.mark_tick(color="#737373", thickness=3, size=18).encode(x="nl_index:Q", tooltip=tooltip)
    # One line, not one per row: the rows of the buurt counted into one.
    gemeente = (
        alt.Chart(_rows("buurtcijfers"))
        .transform_filter(pick)
        .transform_aggregate(rijen="count()")
        .mark_rule(color=charts.AREA_COLOURS["gemeente"], strokeWidth=2)
        .encode(x=alt.datum(100))
    )
    labels = base.mark_text(align="left", dx=4, fontSize=11).encode(x="label_x:Q", text="tekst:N")
    return alt.layer(bars, nederland, gemeente, labels, name="cijfers").properties(
        width=_BAR_WIDTH,
        title=alt.TitleParams(
            "De gekozen buurt naast gemeente (lijn, 100) en Nederland (grijs streepje)", anchor="start", fontSize=13
        ),
    )


def _theme_bars(pick: Any, most: float) -> alt.LayerChart:
    base = (
        alt.Chart(_rows("buurtthemas"))
        .transform_filter(pick)
        .transform_calculate(label_x="datum.respondenten == null ? 0 : datum.respondenten")
        .encode(
            y=alt.Y(
                "thema:N",
                sort=alt.EncodingSortField("respondenten", order="descending"),
                title=None,
                axis=alt.Axis(labelLimit=_LABEL_LIMIT),
            )
        )
    )
    tooltip = [alt.Tooltip("thema:N", title="Thema"), alt.Tooltip("tekst:N", title="Respondenten of status")]
    bars = base.mark_bar(color="#8c6bb1", height=12).encode(
        x=alt.X(
            "respondenten:Q",
            title="verschillende respondenten",
            axis=alt.Axis(tickMinStep=1),
            # One scale for every buurt, so a buurt without voices still reads from zero, left.
            scale=alt.Scale(domain=[0, max(most, 1)]),
        ),
        tooltip=tooltip,
    )
    labels = base.mark_text(align="left", dx=4, fontSize=11).encode(x="label_x:Q", text="tekst:N")
    return alt.layer(bars, labels, name="themas").properties(
        width=_BAR_WIDTH, title=alt.TitleParams("Thema's uit de interviews in deze buurt", anchor="start", fontSize=13)
    )


def _number_locale() -> dict[str, Any]:
    import vl_convert as vlc

    return vlc.get_format_locale("nl-NL")


def selection_params(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the parameters of a Vega-Lite spec and its views that hold a selection.

    >>> selection_params({"params": [{"name": "x", "select": "point"}], "hconcat": [{"params": [{"name": "y"}]}]})
    [{'name': 'x', 'select': 'point'}]
    """
    found = [p for p in spec.get("params", []) if "select" in p]
    for key in ("hconcat", "vconcat", "concat", "layer"):
        for view in spec.get(key, []):
            found += selection_params(view)
    return found
