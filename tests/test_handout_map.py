"""A handout's own buurt is visible on its map (sweep 14 F1): on Ameland and Terschelling, with the national 2019
polygons and the national KWB 2020, a village core (Hollum, Oosterend) was smaller than its own number within a
wijk of scattered houses. The map zooms in on such a buurt and says so in its key; no number covers more than half
of the buurt it names."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from shapely.geometry import box

from buurtdata import datasets
from buurtdata.outputs import handout_key, handout_map, handout_sheet
from buurtdata.outputs._paper import A4
from buurtdata.project import Project
from buurtdata.sources import cbs, geometry

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
NATIONAL_BUURTEN = RAW / "buurten-powerbi-emielsanders" / "buurten.json"
KWB_2020 = RAW / "kwb2020-84799NED-statlinebq" / "84799NED" / "cbs.v3.84799NED_TypedDataSet.parquet"
#: The least a buurt's own shape is drawn across, in both directions (mm on the printed page).
VISIBLE_MM = 4.0
MM_PER_POINT = 25.4 / 72

national = pytest.mark.skipif(not (NATIONAL_BUURTEN.exists() and KWB_2020.exists()), reason="data/raw is not here")


@pytest.fixture(scope="module")
def project():
    return Project.load(datasets.get_path("hengelo"))


@pytest.fixture(scope="module")
def islands(project):
    """A printer of Ameland (GM0060) and Terschelling (GM0093), as a build with the national files has one."""
    polygons = geometry.read_boundaries(NATIONAL_BUURTEN, year=2019)
    polygons = polygons[polygons["code"].str.startswith(("BU0060", "BU0093"))]
    shapes = geometry.simplify_per_gemeente(polygons)[["code", "geometry"]]
    rows = [cbs.kerncijfers(2020, gemeente=code, source=KWB_2020) for code in ("GM0060", "GM0093")]
    regions = pd.concat(rows).drop_duplicates("code")
    buurten = regions[(regions["level"] == "buurt") & regions["code"].isin(shapes["code"])]
    wijken = dict(zip(regions["code"], regions["name"], strict=True))
    printer = handout_sheet.Printer(
        project=project,
        shapes=shapes.reset_index(drop=True),
        names=dict(zip(buurten["code"], buurten["name"], strict=True)),
        wijk_of=dict(zip(buurten["code"], buurten["wijk_code"], strict=True)),
        duiding="Over deze cijfers.",
        since={},
    )
    return printer, buurten.assign(wijk_name=buurten["wijk_code"].map(wijken))


def _drawn_map(printer, code, name, wijk_name):
    """The page with only the map of buurt ``code`` and its key, drawn; and the map's axes."""
    figure = Figure(figsize=A4)
    sheet = handout_sheet.Handout(
        code=code,
        name=name,
        wijk_name=wijk_name,
        gemeente_name="",
        source="",
        figures=pd.DataFrame(),
        themes=[],
        quiet_themes=[],
        quotes=[],
        questions=[],
    )
    printer._map(figure, sheet)
    FigureCanvasAgg(figure).draw()
    return figure, figure.axes[0], sheet


def _on_paper(axes, shape):
    """``shape`` as drawn on ``axes``: in millimetres on the page, cut to the map's edges."""
    xmin, xmax = axes.get_xlim()
    ymin, ymax = axes.get_ylim()
    shown = shapely.intersection(shape, box(xmin, ymin, xmax, ymax))
    points_per_pixel = 72 / axes.figure.dpi

    def to_mm(coords):
        return axes.transData.transform(coords) * points_per_pixel * MM_PER_POINT

    return shapely.transform(shown, to_mm)


@national
def test_every_islands_buurt_is_visible_on_its_own_map_and_no_number_covers_half_a_buurt(islands):
    printer, buurten = islands
    zoomed = []
    for code, name, wijk_name in zip(buurten["code"], buurten["name"], buurten["wijk_name"], strict=True):
        figure, axes, sheet = _drawn_map(printer, code, name, wijk_name)
        own, neighbours = printer._focus(code)
        own_mm = _on_paper(axes, own.geometry.iloc[0])
        left, bottom, right, top = own_mm.bounds
        assert min(right - left, top - bottom) >= VISIBLE_MM, (code, name, right - left, top - bottom)
        # Each number's white box, on paper, against the buurt it names and against the sheet's own buurt.
        focus = pd.concat([own, neighbours]).sort_values("code")
        drawn = {code: _on_paper(axes, shape) for code, shape in zip(focus["code"], focus.geometry, strict=True)}
        renderer = figure.canvas.get_renderer()
        numbers = [text for text in axes.texts if text.get_text().isdigit()]
        for number in numbers:
            extent = number.get_bbox_patch().get_window_extent(renderer)
            label = box(*(np.array(extent.extents) * 72 / figure.dpi * MM_PER_POINT))
            named = drawn[focus["code"].iloc[int(number.get_text()) - 1]]
            assert shapely.intersection(label, named).area <= 0.5 * named.area, (code, number.get_text())
            assert shapely.intersection(label, own_mm).area <= 0.5 * own_mm.area, (code, number.get_text())
        # The sheet's own buurt is numbered on its map, as its key says.
        assert str(focus["code"].tolist().index(code) + 1) in [number.get_text() for number in numbers], code
        caption = " ".join(printer._key(sheet).caption)
        assert (handout_key.ZOOMED in caption) == printer._view(code).zoomed
        if printer._view(code).zoomed:
            zoomed.append(name)
    # The village cores of the finding are shown zoomed in; a buurt as large as its wijk never is.
    assert {"Hollum", "Oosterend", "Nes", "Ballum"} <= set(zoomed)
    assert "De Boschplaat" not in zoomed and "Buren" not in zoomed


@national
def test_a_zoomed_map_says_so_in_its_key_and_still_names_every_buurt_of_the_wijk(islands):
    printer, buurten = islands
    hollum = buurten[buurten["name"] == "Hollum"].iloc[0]
    figure, axes, sheet = _drawn_map(printer, hollum["code"], "Hollum", hollum["wijk_name"])
    key = printer._key(sheet)
    assert " ".join(key.caption) == (
        "Gearceerd: 4, Hollum. Lichtgrijs: de rest van Wijk 00. De kaart toont alleen het deel rond deze buurt. "
        "Alle buurten van de wijk:"
    )
    assert sum(map(len, key.columns)) == (buurten["wijk_code"] == hollum["wijk_code"]).sum() == 7
    # Zoomed in: Hollum is drawn about a centimetre across, with a frame around the map.
    own_mm = _on_paper(axes, printer._focus(hollum["code"])[0].geometry.iloc[0])
    assert np.sqrt(own_mm.area) >= 0.8 * handout_map.ZOOM_TO
    assert axes.patches


def test_a_buurt_too_small_for_its_number_has_it_beside_it_on_a_line():
    whole = handout_map.View((0, 0, 60, 70), zoomed=False)
    shapes = [box(0, 0, 60, 70).difference(box(20, 20, 21, 21)), box(20, 20, 21, 21)]
    big, small = handout_map.labels(shapes, whole, handout_key.NAME_SIZE)
    assert not big.beside and small.beside
    figure = Figure(figsize=A4)
    axes = figure.add_axes(handout_map.BOX)
    axes.set_xlim(0, 60)
    axes.set_ylim(0, 70)
    handout_map.draw_labels(axes, [big, small], whole, handout_key.NAME_SIZE)
    assert [text.get_text() for text in axes.texts] == ["1", "2"] and len(axes.lines) == 1


def test_a_map_of_buurten_large_enough_is_not_zoomed_and_numbers_each_on_its_buurt():
    shapes = [box(n * 10, 0, n * 10 + 10, 10) for n in range(4)]
    shown = handout_map.view(shapes[:1], (0, 0, 40, 10))
    assert not shown.zoomed
    assert [label.place == label.anchor for label in handout_map.labels(shapes, shown, 6.5)] == [True] * 4


def test_a_crowded_map_leaves_another_buurts_number_off_not_the_sheets_own():
    # Forty squares in a row, each a millimetre and a half on the map: some numbers find no room beside them.
    shapes = [box(n, 0, n + 1, 1) for n in range(40)]
    whole = handout_map.view([], (0, 0, 40, 1))
    left_off = [label.number - 1 for label in handout_map.labels(shapes, whole, 6.5) if label.place is None]
    assert left_off
    own = handout_map.labels(shapes, whole, 6.5, first=left_off[0])[left_off[0]]
    assert own.place is not None and own.beside
