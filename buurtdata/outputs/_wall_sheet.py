"""The A3 wall map of one wijk or gemeente: its buurten numbered and filled by how many themes enough people named
there, the list beside the map of each buurt's themes (:mod:`._wall_list`), and what people named in a wijk apart
(:mod:`.wijk_voices`). :func:`buurtdata.outputs.maps.wall_maps` reads the build and draws one per wijk with
:func:`draw`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import geopandas as gpd
import pandas as pd

from buurtdata._text import counted, elsewhere
from buurtdata.outputs import _map_key, _wall_list
from buurtdata.outputs._map_classes import draw_classed
from buurtdata.outputs._paper import fictional_notice, numbered_names

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Most buurten a wall map numbers and lists: more lines do not fit beside the map on A3 (about 150 at 7 pt in two
#: columns, a buurt with themes taking two).
WALL_MAP_BUURTEN = 75
#: What a wall map's list says of a polygon without figures (:attr:`_Drawing.without_figures`).
NO_FIGURES = "geen cijfers van het CBS (grens van een ander jaar)"


def draw(
    frame: gpd.GeoDataFrame,
    per_buurt: dict[str, str],
    counts: pd.Series,
    *,
    wijken: list[str],
    title: str,
    source: str,
    whole: bool = True,
    fictional: str | None = None,
    without_figures: frozenset[str] = frozenset(),
    not_drawn: str = "",
    unheard: frozenset[str] = frozenset(),
) -> Figure:
    """An A3 wall map of the buurten of ``frame``; ``without_figures``: its polygons the CBS has no figures of,
    drawn and listed as such and not counted as buurten (``maps._Drawing.without_figures``); ``not_drawn``: the line
    naming its buurten without a polygon, below its list."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=_wall_list.A3_LANDSCAPE)
    figure.text(0.03, 0.96, f"Wat noemden mensen? {title}", fontsize=22, weight="bold", va="top")
    numbered = len(frame) <= WALL_MAP_BUURTEN
    named = numbered  # the list beside the map names each buurt's themes
    if fictional:  # as on the handouts: the voices on this sheet are made up, and it says so where people look
        # Within the white left of the list beside the map: at full length it would run into it.
        notice = _map_key.clause_lines(fictional, _wall_list.NOTICE_ROOM, 10, bold=True)
        fictional_notice(figure, 0.03, 0.895, size=10, text="\n".join(notice))
    axes = figure.add_axes((0.03, 0.08, 0.55, 0.77 if fictional else 0.82))
    axes.set_axis_off()
    absent = frame["code"].isin(without_figures)
    values = frame["code"].map(counts).fillna(0).astype(float).where(~absent)
    status = pd.Series("waarde", index=frame.index).where(~absent, "ontbreekt")
    legend = draw_classed(axes, frame, values, status, integer=True)
    # Said as the handouts' index says it: nobody could name a theme where the CBS has no buurt.
    not_counted = dict.fromkeys(frame.loc[absent, "code"], NO_FIGURES)
    axes.set_aspect("equal")
    if numbered:
        placed = _map_key.placed_numbers(
            axes,
            frame,
            sizes=_wall_list.NUMBER_SIZES if len(frame) < 20 else _wall_list.NUMBER_SIZES_MANY,
            max_shift=_wall_list.MAX_SHIFT,
            gap=_wall_list.NUMBER_GAP,
            drop=True,
        )
        _map_key.draw_numbers(axes, placed)
        # The codes in the order numbered_names numbers them (a list sorts cheaper than the frame again).
        key, codes = numbered_names(frame), sorted(frame["code"])
        lines = _wall_list.buurt_lines(key, codes, per_buurt | not_counted, placed.beside(), unheard)
    else:  # a list this long would run off the sheet
        instead = (
            "Op de wandkaart van elke wijk staan ze, met wat mensen daar noemden."
            if whole
            else "De handout van elke buurt zegt wat mensen daar noemden."
        )
        lines = [f"{_map_key.too_full(len(frame) - len(not_counted), _map_key.NAMES)} {instead}"]
    # Apart from the numbered buurten: voices of a wijk belong to none of them. A gemeente too full to name its
    # buurten leaves them to the wijken's own wall maps, as it does the buurten.
    block = ["", "Verder in de wijk (bij geen buurt geteld):", *wijken] if wijken and numbered else []
    # Last, as under a printed map: the buurten this map has no polygon of.
    block_end = ["", not_drawn] if not_drawn else []
    wrapped, size = _wall_list.wrapped([*lines, *block, *block_end])
    if len(wrapped) > _wall_list.LINES * 2 and block:
        block = ["", elsewhere("Wat mensen verder in een wijk noemden", "de wandkaart van die wijk", more=False)]
        wrapped, size = _wall_list.wrapped([*lines, *block, *block_end])
    if len(wrapped) > _wall_list.LINES * 2 and numbered:
        # Still longer than the sheet (many buurten, each with many themes): each buurt's themes are counted, not
        # named, and the handouts name them (review: 75 buurten of 4 themes ran off the bottom).
        brief = {code: counted(int(counts[code]), "thema", "thema’s") for code in per_buurt} | not_counted
        note = elsewhere("Welke thema’s", "de handout van elke buurt", more=False)
        lines = [*_wall_list.buurt_lines(key, codes, brief, placed.beside(), unheard), "", note]
        wrapped, size = _wall_list.wrapped([*lines, *block, *block_end])
        named = False
    which = "; rechts welke, met het aantal mensen." if named else "."
    figure.text(
        0.03,
        0.925,
        f"Per buurt: over hoeveel thema’s genoeg mensen iets zeiden{which} "
        "Noemden te weinig mensen een thema, dan staat het er niet, voor hun privacy.",
        fontsize=11,
        va="top",
    )
    columns = 1 if size == 10 else 2
    per_column = -(-len(wrapped) // columns)
    for column in range(columns):
        figure.text(
            _wall_list.LEFT + column * (_wall_list.WIDTH + _wall_list.COLUMN_GAP) / 2,
            0.88,
            "\n".join(wrapped[column * per_column : (column + 1) * per_column]),
            fontsize=size,
            va="top",
            linespacing=1.25,
        )
    _map_key.legend(figure, legend, title="Aantal thema’s", anchor=(0.03, 0.07))
    figure.text(0.03, 0.015, source, fontsize=9, va="bottom")
    return figure
