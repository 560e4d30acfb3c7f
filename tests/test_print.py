"""Printed maps survive a black-and-white printer: each class keeps its own grey level."""

import itertools

import pytest
from matplotlib.colors import to_rgb
from PIL import Image

from buurtdata.outputs import _map_classes, handout, maps

#: Grey levels closer than this blur together on an office laser printer.
MIN_GREY_STEP = 12
#: Low resolution keeps the test quick; the fills are flat, so grey levels do not depend on it.
TEST_DPI = 60


def _grey(colour: str) -> int:
    """The grey level PIL gives ``colour`` in ``Image.convert("L")`` (ITU-R 601-2 luma)."""
    r, g, b = (round(c * 255) for c in to_rgb(colour))
    return (r * 299 + g * 587 + b * 114) // 1000


def _histogram(png) -> list[int]:
    with Image.open(png) as image:
        return image.convert("RGB").convert("L").histogram()


def _present(histogram: list[int], level: int, *, pixels: int = 20) -> bool:
    # PIL rounds the luma; allow one level either way.
    return sum(histogram[max(level - 1, 0) : level + 2]) >= pixels


def test_class_fills_and_hatch_background_are_distinct_greys():
    backgrounds = {_map_classes.CLASS_FILLS[0], "white"}  # statuses are hatched on white
    levels = sorted({_grey(c) for c in [*_map_classes.CLASS_FILLS, *backgrounds]})
    assert len(levels) == len(_map_classes.CLASS_FILLS) + 1
    for a, b in itertools.pairwise(levels):
        assert b - a >= MIN_GREY_STEP, levels


def test_grey_of_pil_matches_formula(tmp_path):
    for colour in _map_classes.CLASS_FILLS:
        Image.new("RGB", (1, 1), colour).save(tmp_path / "c.png")
        with Image.open(tmp_path / "c.png") as image:
            assert abs(image.convert("L").getpixel((0, 0)) - _grey(colour)) <= 1


@pytest.fixture(scope="module")
def indicator_png(hengelo_run, tmp_path_factory):
    figure = maps.print_indicator_map(hengelo_run)
    paths = maps.save_figure(figure, tmp_path_factory.mktemp("print") / "indicator", dpi=TEST_DPI)
    return next(p for p in paths if p.suffix == ".png")


def test_indicator_map_in_greyscale_keeps_its_classes(hengelo_run, indicator_png):
    indicator = hengelo_run.project.map_indicator
    values = hengelo_run.buurten[indicator].where(hengelo_run.buurten[f"{indicator}_status"] == "waarde")
    fills = _map_classes.class_fills(len(_map_classes.classes(values, integer=False)))
    assert len(set(fills)) >= 4  # the sample's map has enough classes to test
    histogram = _histogram(indicator_png)
    for fill in set(fills):
        assert _present(histogram, _grey(fill)), (fill, _grey(fill))


def test_handout_map_in_greyscale_tells_buurt_from_neighbours(hengelo, hengelo_run, tmp_path):
    written = handout.make_handouts(
        hengelo, tmp_path, result=hengelo_run, buurten=["BU01640501"], dpi=TEST_DPI, progress=False
    )
    png = next(p for p in written if p.suffix == ".png")
    histogram = _histogram(png)
    # Own buurt (dark grey, hatched), the rest of the wijk (light grey) and the context (white).
    levels = [_grey("#7a7a7a"), _grey("#e6e6e6"), _grey("white")]
    for a, b in itertools.pairwise(sorted(levels)):
        assert b - a >= MIN_GREY_STEP
    for level in levels:
        assert _present(histogram, level), level


def test_theme_map_legend_counts_whole_people(hengelo_run):
    spec = maps.theme_map(hengelo_run).to_dict()
    legends = [
        layer["encoding"]["color"]["legend"]
        for layer in spec["layer"]
        if layer.get("encoding", {}).get("color", {}).get("field") == "respondents"
    ]
    # Whole people, each tick once and in order (Vega's gradient ignores tickMinStep: "4, 4, 3", user test J).
    (legend,) = legends
    ticks = legend["values"]
    assert legend["format"] == "d" and ticks == sorted(set(ticks)) and all(isinstance(t, int) for t in ticks)


def test_a_printed_maps_title_says_its_unit_once(hengelo_run):
    # Read aloud: "Aantal inwoners", not "Aantal inwoners (aantal)"; a share keeps its "(%)".
    def title(indicator):
        return maps.print_indicator_map(hengelo_run, indicator).texts[0].get_text()

    assert title("inwoners") == "Aantal inwoners"
    assert title("aandeel_65_plus").endswith("(%)")
