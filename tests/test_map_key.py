"""A printed map stays legible for any gemeente: numbered buurten with their names beside it where they fit
without touching, otherwise no numbers and a line saying where the names are; counts are written whole."""

import dataclasses
import itertools
import re

import geopandas as gpd
import pytest
import spoken
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from shapely.geometry import box

from buurtdata.outputs import _map_key, _wall_list, _wall_sheet, maps


def _grid(count: int, side: float = 100.0) -> gpd.GeoDataFrame:
    """``count`` square buurten in rows of 20, like a city's dense blocks."""
    cells = [box(i % 20 * side, i // 20 * side, (i % 20 + 1) * side, (i // 20 + 1) * side) for i in range(count)]
    codes = [f"BU0999{i:04d}" for i in range(count)]
    return gpd.GeoDataFrame({"code": codes, "name": [f"Blok {i}" for i in range(count)]}, geometry=cells)


def _drawn(frame: gpd.GeoDataFrame, without_figures: frozenset[str] = frozenset()) -> Figure:
    figure = Figure(figsize=(11.69, 8.27))
    axes = figure.add_axes(_map_key.MAP_BESIDE_KEY)
    frame.plot(ax=axes, facecolor="white", edgecolor="black")
    axes.set_aspect("equal")
    _map_key.draw_key(figure, axes, frame, without_figures=without_figures)
    return figure


def _number_boxes(figure: Figure) -> list:
    # The white boxes as drawn: their size is set when the figure is.
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    return [text.get_bbox_patch().get_window_extent(canvas.get_renderer()) for text in figure.axes[0].texts]


def _assert_apart(boxes: list) -> None:
    touching = [(a, b) for a, b in itertools.combinations(boxes, 2) if a.overlaps(b)]
    assert not touching, touching[:3]


def test_too_many_buurten_get_no_numbers_but_a_line_saying_where_the_names_are():
    figure = _drawn(_grid(_map_key.ROWS_PER_COLUMN * _map_key.COLUMNS + 1))
    assert not figure.axes[0].texts
    (note,) = [text.get_text() for text in figure.texts]
    assert "op het scherm" in note and "handout" in note
    # Paper names no file (user test: 'in de schermkaart inwoners.html'): the rule for paper applies here too.
    assert spoken.problems(note) == [] and spoken.file_names(note) == []
    assert figure.axes[0].get_position().width > 0.9  # the map takes the key's room


def test_a_dense_centre_too_crowded_to_number_gets_the_line_too():
    tiny = _grid(60)
    # Forty buurten a few metres wide in one corner: their numbers cannot stay near them.
    tiny.loc[:39, "geometry"] = tiny.geometry[:40].scale(0.02, 0.02, origin=(0, 0))
    figure = _drawn(tiny)
    assert not figure.axes[0].texts
    assert "60 buurten" in figure.texts[0].get_text()


def test_crowded_numbers_are_moved_apart_a_little_and_keep_their_key():
    frame = _grid(40)
    # Two buurten whose numbers would cover each other: a sliver beside a block.
    frame.loc[0, "geometry"] = box(0, 0, 4, 100)
    frame.loc[1, "geometry"] = box(4, 0, 14, 100)
    figure = _drawn(frame)
    assert len(figure.axes[0].texts) == 40
    _assert_apart(_number_boxes(figure))
    assert "1 Blok 0" in figure.texts[0].get_text()


def test_sample_print_map_numbers_every_buurt_and_none_touch(hengelo_run):
    figure = maps.print_indicator_map(hengelo_run)
    numbers = [text.get_text() for text in figure.axes[0].texts]
    assert numbers == [str(n) for n in range(1, len(hengelo_run.buurten.dropna(subset="geometry")) + 1)]
    _assert_apart(_number_boxes(figure))
    key = "\n".join(text.get_text() for text in figure.texts[2:4])
    assert key.startswith("1 ") and f"\n{len(numbers)} " in key


def test_counts_are_written_whole_and_shares_as_the_handouts_write_them(hengelo_run):
    legend = maps.print_indicator_map(hengelo_run, "inwoners").legends[0]
    labels = [text.get_text() for text in legend.get_texts()]
    assert labels[0].startswith("tot en met ") and not any("," in label for label in labels), labels
    # The next class starts one above the last one's bound: 91-400 after "tot en met 90".
    first_bound = int(labels[0].removeprefix("tot en met ").replace(".", ""))
    assert labels[1].startswith(f"{first_bound + 1:,}".replace(",", ".") + "\u2013")
    shares = [t.get_text() for t in maps.print_indicator_map(hengelo_run, "aandeel_65_plus").legends[0].get_texts()]
    assert shares[0].endswith(",0")  # one decimal, as the handouts write a share

    def tooltip(indicator):
        spec = maps.indicator_map(hengelo_run, indicator).to_dict()
        formats = [t.get("format") for layer in spec["layer"] for t in layer.get("encoding", {}).get("tooltip", [])]
        return [f for f in formats if f]

    assert tooltip("inwoners") == [",.0f"]
    assert tooltip("aandeel_65_plus") == [",.1f"]


@pytest.mark.parametrize(
    ("name", "subtitle"),
    [("Ermelo, buurtgesprekken 2024", "Ermelo, buurtgesprekken 2024"), ("Ermelo", "Ermelo, 2024")],
)
def test_the_map_says_its_year_once(hengelo_run, name, subtitle):
    project = dataclasses.replace(hengelo_run.project, name=name, year=2024)
    result = dataclasses.replace(hengelo_run, project=project)
    assert maps.print_indicator_map(result).texts[1].get_text() == subtitle
    assert maps.indicator_map(result).to_dict()["title"]["subtitle"][0] == subtitle


@pytest.mark.parametrize("count", [12, maps.WALL_MAP_BUURTEN + 1])
def test_a_wall_map_numbers_its_buurten_only_as_many_as_fit_beside_it(count):
    import pandas as pd

    frame = _grid(count)
    per_buurt = {"BU09990000": "Eenzaamheid (4)"}
    counts = pd.Series({"BU09990000": 1})
    figure = _wall_sheet.draw(frame, per_buurt, counts, wijken=[], title="Testgemeente", source="Bron: CBS")
    numbers = [t.get_text() for t in figure.axes[0].texts]
    text = "\n".join(t.get_text() for t in figure.texts)
    if count <= maps.WALL_MAP_BUURTEN:
        assert numbers == [str(n) for n in range(1, count + 1)] and "1\u00a0Blok\u00a00: Eenzaamheid (4)" in text
    else:
        assert not numbers and "Blok" not in text
        assert f"Met {count} buurten is deze kaart te vol" in text and "rechts welke" not in text
        note = next(t.get_text() for t in figure.texts if "te vol" in t.get_text())
        assert not spoken.problems(note)


@pytest.mark.parametrize("count", [12, maps.WALL_MAP_BUURTEN + 2])
def test_a_polygon_without_figures_is_not_counted_as_a_buurt_and_drawn_as_without_figure(count):
    # User test: Amsterdam's 2022 polygons with KWB 2024, one polygon without figures: the wall map said
    # "518 buurten", the theme map (drawn from the figures' buurten) 517.
    import pandas as pd

    frame = _grid(count)
    frame.loc[0, "name"] = "Nieuwbouw"
    extra = frozenset({frame.loc[0, "code"]})
    counts = pd.Series({code: 1 for code in frame["code"]})
    wall = _wall_sheet.draw(frame, {}, counts, wijken=[], title="T", source="Bron: CBS", without_figures=extra)
    said = "\n".join(t.get_text() for t in wall.texts)
    if count > maps.WALL_MAP_BUURTEN:
        assert _map_key.too_full(count - 1, _map_key.NAMES) in said.replace("\n", " ")
    else:
        # Listed as the handouts' index says it, not among the buurten where nobody named a theme.
        assert f"1\u00a0Nieuwbouw: {maps.NO_FIGURES}" in said
        assert not spoken.problems(maps.NO_FIGURES)
    # Its own legend entry, as on the indicator map, not the class of buurten with 1 theme.
    assert [t.get_text() for legend in wall.legends for t in legend.get_texts()] == ["1", "geen cijfer"]


def test_a_printed_map_too_full_to_number_counts_no_polygon_without_figures():
    count = _map_key.ROWS_PER_COLUMN * _map_key.COLUMNS + 2
    frame = _grid(count)
    (note,) = [text.get_text() for text in _drawn(frame, without_figures=frozenset({frame.loc[0, "code"]})).texts]
    assert note.startswith(_map_key.too_full(count - 1, _map_key.NUMBERS))


def test_the_polygons_without_figures_are_those_the_figures_have_no_year_of():
    from types import SimpleNamespace

    import pandas as pd

    frame = _grid(3).assign(year=[2024, None, 2024])
    frame.loc[2, "geometry"] = None  # a buurt of the figures without a polygon is not drawn at all
    frame.loc[2, "year"] = None
    drawing = maps._Drawing(SimpleNamespace(buurten=frame))
    assert drawing.without_figures == frozenset({"BU09990001"}) and pd.notna(frame.loc[0, "year"])


@pytest.mark.parametrize(("count", "wijk_lines"), [(20, 1), (maps.WALL_MAP_BUURTEN, 20), (120, 40)])
def test_a_wall_map_s_text_stays_on_the_sheet_with_the_wijken_beside_the_buurten(count, wijk_lines):
    import pandas as pd

    frame = _grid(count)
    per_buurt = {code: "Eenzaamheid (4), Verkeer en parkeren (3)" for code in frame["code"]}
    wijken = [
        f"In Wijk {n:02d} Buitengebied Noordoost noemden verder 5 mensen eenzaamheid en 5 mensen Verkeer en parkeren."
        for n in range(wijk_lines)
    ]
    for whole in (True, False):
        figure = _wall_sheet.draw(
            frame,
            per_buurt,
            pd.Series(2, index=frame["code"]),
            wijken=wijken,
            title="T",
            source="Bron: CBS",
            whole=whole,
        )
        canvas = FigureCanvasAgg(figure)
        canvas.draw()
        sheet = figure.bbox
        for text in figure.texts:
            box = text.get_window_extent(canvas.get_renderer())
            assert sheet.x0 <= box.x0 and box.x1 <= sheet.x1 and sheet.y0 <= box.y0 and box.y1 <= sheet.y1, text
        said = "\n".join(t.get_text() for t in figure.texts)
        if count > maps.WALL_MAP_BUURTEN:
            elsewhere = "Op de wandkaart van elke wijk staan ze" if whole else "De handout van elke buurt"
            assert elsewhere in said and "Verder in de wijk" not in said


def test_a_wall_map_of_fictional_interviews_says_so_apart_from_everything_else():
    import pandas as pd

    from buurtdata._text import FICTIONAL_MAP

    frame = _grid(12)
    figure = _wall_sheet.draw(
        frame,
        {},
        pd.Series(dtype=float),
        wijken=[],
        title="Een lange naam van een gemeente",
        source="Bron: CBS",
        fictional=FICTIONAL_MAP,
    )
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    boxes = {t.get_text(): t.get_window_extent(canvas.get_renderer()) for t in figure.texts}
    notice = next(box for text, box in boxes.items() if "FICTIEF" in text)
    assert all(not notice.overlaps(box) for text, box in boxes.items() if "FICTIEF" not in text)
    assert not notice.overlaps(figure.axes[0].get_window_extent(canvas.get_renderer()))
    real = _wall_sheet.draw(frame, {}, pd.Series(dtype=float), wijken=[], title="T", source="Bron: CBS")
    assert not any("FICTIEF" in t.get_text() for t in real.texts)


@pytest.mark.parametrize("script", [None, "../vega.js"], ids=["inline", "linked"])
def test_a_map_s_page_says_its_language_and_title(hengelo_run, tmp_path, script):
    path = tmp_path / "inwoners.html"
    maps.save_chart(maps.indicator_map(hengelo_run, "inwoners"), path, script=script)
    page = path.read_text(encoding="utf-8")
    assert '<html lang="nl">' in page and "<title>Aantal inwoners</title>" in page


def _wall(frame: gpd.GeoDataFrame, per_buurt: dict[str, str]) -> Figure:
    import pandas as pd

    counts = pd.Series({code: text.count("(") for code, text in per_buurt.items()}, dtype=float)
    return _wall_sheet.draw(frame, per_buurt, counts, wijken=[], title="Testgemeente", source="Bron: CBS")


def _list_text(figure: Figure) -> str:
    return "\n".join(t.get_text() for t in figure.texts)


def test_a_wall_map_keeps_the_numbers_of_two_small_neighbours_apart():
    frame = _grid(12)
    # Two slivers side by side (as Noordenbergsingel and Noordenbergkwartier): "4" beside "3" read as "43".
    frame.loc[0, "geometry"] = box(0, 0, 6, 100)
    frame.loc[1, "geometry"] = box(6, 0, 12, 100)
    figure = _wall(frame, {})
    boxes = _number_boxes(figure)
    _assert_apart(boxes)
    # Apart by more than a hair: white enough between two numbers to read them as two.
    for a, b in itertools.combinations(boxes, 2):
        white = max(b.x0 - a.x1, a.x0 - b.x1, b.y0 - a.y1, a.y0 - b.y1) * 72 / figure.dpi
        assert white >= 3, (a, b)
    assert [t.get_text() for t in figure.axes[0].texts] == [str(n) for n in range(1, 13)]


def test_a_wall_map_leaves_off_a_number_that_cannot_be_placed_and_says_where_the_buurt_is():
    frame = _grid(12)
    # Six buurten a few metres wide in one corner of a large gemeente: not every number fits near its buurt.
    frame.loc[:5, "geometry"] = [box(i * 2, 0, i * 2 + 2, 2) for i in range(6)]
    figure = _wall(frame, {})
    _assert_apart(_number_boxes(figure))
    numbers = [t.get_text() for t in figure.axes[0].texts]
    left_off = [n for n in range(1, 13) if str(n) not in numbers]
    assert left_off and "7" in numbers
    text = " ".join(_list_text(figure).split())  # the note after a name may wrap; indents and no-break spaces too
    for number in left_off:
        assert f"{number} Blok {number - 1} (geen nummer op de kaart; ligt bij " in text


def test_a_wall_list_at_7_pt_never_cuts_where_an_unnumbered_buurt_lies():
    # RULE: at 7 pt with long names, the "ligt bij N" part is never cut.
    count = 80
    # Names as long as Dutch buurten have ("Bedrijventerrein Hengelo-Zuid en Twentekanaal"): one line each.
    key = [(n, f"Een buurt met een lange naam aan de rand {n}") for n in range(1, count + 1)]
    codes = [f"BU0999{n:04d}" for n in range(1, count + 1)]
    per_buurt = {code: "Groen en openbare ruimte (3), Eenzaamheid (4)" for code in codes[::3]}
    lines = _wall_list.buurt_lines(key, codes, per_buurt, {n: n - 1 for n in range(2, count + 1)})
    wrapped, size = _wall_list.wrapped(lines)
    assert size == 7 and not any("…" in line for line in wrapped)
    flat = " ".join(line.strip() for line in wrapped).replace("\u00a0", " ")
    for n in range(2, count + 1):
        assert f"rand {n} (geen nummer op de kaart; ligt bij {n - 1})" in flat
    # The heading of the buurten without a theme is a paragraph: none of its lines is indented.
    heading = next(i for i, line in enumerate(wrapped) if line.startswith("In deze buurten"))
    assert not wrapped[heading + 1].startswith(" ")


def test_a_wall_map_lists_the_buurten_without_themes_once_and_every_buurt_by_its_number():
    frame = _grid(12)
    figure = _wall(frame, {"BU09990003": "Eenzaamheid (4)"})
    text = _list_text(figure)
    flat = text.replace("\u00a0", " ")
    assert "4 Blok 3: Eenzaamheid (4)" in flat
    assert text.count("In deze buurten noemden niet genoeg mensen hetzelfde thema:") == 1
    assert all(re.search(rf"(^|· ){n} Blok {n - 1}\b", flat, re.MULTILINE) for n in range(1, 13))
    # From two buurten without a theme on, they are listed once together; one keeps its own line.
    two = _list_text(_wall(_grid(3), {"BU09990002": "Eenzaamheid (4)"})).replace("\u00a0", " ")
    assert two.count("noemden niet genoeg mensen hetzelfde thema") == 1 and "1 Blok 0 · 2 Blok 1" in two
    one = _list_text(_wall(_grid(2), {"BU09990001": "Eenzaamheid (4)"})).replace("\u00a0", " ")
    assert "1 Blok 0: niet genoeg mensen noemden hetzelfde thema" in one and "2 Blok 1: Eenzaamheid (4)" in one


@pytest.mark.parametrize("count", [30, maps.WALL_MAP_BUURTEN])
def test_a_wall_map_s_columns_keep_white_between_them(count):
    frame = _grid(count)
    frame["name"] = [f"Een buurt met een heel lange naam aan de rand van de stad {i}" for i in range(count)]
    per_buurt = {code: "Groen en openbare ruimte (3), Eenzaamheid (4)" for code in frame["code"][::2]}
    figure = _wall(frame, per_buurt)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    columns = [t for t in figure.texts if abs(t.get_position()[1] - 0.88) < 1e-9]
    assert len(columns) == 2
    left, right = (t.get_window_extent(canvas.get_renderer()) for t in columns)
    assert right.x0 - left.x1 >= 0.01 * figure.bbox.width, (left, right)
    assert right.x1 <= figure.bbox.x1


def test_a_wall_map_where_nobody_named_a_theme_is_light_not_dark():
    from buurtdata.outputs import _map_classes

    for count in (1, 5):
        figure = _wall(_grid(count), {})
        fills = {tuple(c) for collection in figure.axes[0].collections for c in collection.get_facecolor()}
        assert fills == {tuple(_colour(_map_classes.CLASS_FILLS[0]))}, count
        assert [t.get_text() for t in figure.legends[0].get_texts()] == ["0"]


def _colour(hex_colour: str) -> tuple[float, ...]:
    from matplotlib.colors import to_rgba

    return to_rgba(hex_colour)


def test_a_count_class_starts_at_the_least_count_there_is():
    # User test (Amsterdam): the one buurt where 4 people named a theme was in class "0–4"; no shown group is 0.
    import pandas as pd

    from buurtdata.outputs import _map_classes

    frame = gpd.GeoDataFrame({"code": ["a", "b", "c"]}, geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1), box(2, 0, 3, 1)])
    status = pd.Series(["waarde", "geen_stemmen", "geen_stemmen"])

    def labels(values):
        axes = Figure().add_subplot()
        legend = _map_classes.draw_classed(axes, frame, pd.Series(values, dtype=float), status, integer=True)
        return [label for label, _ in legend]

    assert labels([4, None, None])[0] == "4"
    assert labels([3, 5, None])[0] == "3"
    assert labels([0, 2, None])[0] == "0"  # a wall map's count of themes does start at 0


def test_a_wall_list_longer_than_the_sheet_counts_each_buurts_themes_instead():
    import pandas as pd

    # Review: 75 buurten of many themes each needed more lines than the A3 sheet has.
    frame = _grid(75)
    themes = ", ".join(f"Groen en openbare ruimte {n} ({n})" for n in range(3, 9))
    per_buurt = dict.fromkeys(frame["code"], themes)
    counts = pd.Series(4, index=frame["code"])
    figure = _wall_sheet.draw(frame, per_buurt, counts, wijken=[], title="T", source="Bron: CBS")
    text = "\n".join(t.get_text() for t in figure.texts)
    assert "4 thema’s" in text and "Welke thema’s: zie de handout van elke buurt" in text
    assert "ruimte 8 (8)" not in text and "rechts welke" not in text
    assert max(len(t.get_text().splitlines()) for t in figure.texts) <= _wall_list.LINES


def test_a_wall_list_says_apart_where_nobody_was_spoken_with():
    # Sweep 13 #22: Ermelo's wall map listed 11 buurten nobody was asked under "niet genoeg mensen noemden hetzelfde
    # thema"; residents of the village centre read that they were asked and had too little in common.
    key = [(1, "Ermelo"), (2, "Ermelo-Oost"), (3, "Tonsel"), (4, "Horst"), (5, "Speuld")]
    codes = ["BU02330000", "BU02330001", "BU02330004", "BU02330005", "BU02330009"]
    lines = _wall_list.buurt_lines(
        key, codes, {"BU02330001": "Jongeren (4)"}, {}, frozenset({"BU02330000", "BU02330009"})
    )
    flat = [line.removeprefix("\x00").replace("\u00a0", " ") for line in lines]
    assert flat == [
        "2 Ermelo-Oost: Jongeren (4)",
        "",
        "In deze buurten noemden niet genoeg mensen hetzelfde thema:",
        "3 Tonsel · 4 Horst",
        "",
        "In deze buurten spraken we nog met niemand:",
        "1 Ermelo · 5 Speuld",
    ]
    one = _wall_list.buurt_lines(key[:2], codes[:2], {"BU02330001": "Jongeren (4)"}, {}, frozenset({"BU02330000"}))
    assert [line.replace("\u00a0", " ") for line in one] == [
        "1 Ermelo: hier spraken we nog met niemand",
        "2 Ermelo-Oost: Jongeren (4)",
    ]
    assert not [line for line in flat if spoken.problems(line)]


def test_a_class_of_100_or_more_with_decimals_is_written_as_its_values_are():
    """fix13b left: "tot en met 150 | 151–220" left 150,4 in no class as read aloud; each value is in the class
    whose label holds it as written, with one decimal also from 100 on."""
    import pandas as pd

    from buurtdata.outputs import _map_classes

    values = pd.Series([95.3, 120.7, 150.4, 151.0, 180.2, 199.9, 230.5, 260.8], dtype=float)
    frame = gpd.GeoDataFrame({"code": list("abcdefgh")}, geometry=[box(n, 0, n + 1, 1) for n in range(len(values))])
    legend = _map_classes.draw_classed(
        Figure().add_subplot(), frame, values, pd.Series("waarde", index=values.index), integer=False, decimals=1
    )
    bounds = []
    for label, _ in legend:
        numbers = [float(n.replace(".", "").replace(",", ".")) for n in re.findall(r"[\d.]+,\d", label)]
        assert numbers and all(re.fullmatch(r"[\d.]+,\d", n) for n in re.findall(r"[\d.,]+", label)), label
        bounds.append((numbers[0] if len(numbers) == 2 else float("-inf"), numbers[-1]))
    for value in values.round(1):
        assert sum(low <= value <= high for low, high in bounds) == 1, (value, legend)
