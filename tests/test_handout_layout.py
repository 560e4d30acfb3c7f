"""The parts of a handout page that depend on its data: the map's key, the key figures CBS left out, the sheet of a
place, and what does not fit the second page or the agreements block. Drawn directly, without a pipeline run."""

from __future__ import annotations

import re

import geopandas as gpd
import pandas as pd
import pytest
import spoken
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from shapely.geometry import box

from buurtdata import datasets
from buurtdata.outputs import _dutch_table, followup, handout_key, handout_sheet
from buurtdata.outputs._paper import A4
from buurtdata.outputs.handout_blocks import paragraph
from buurtdata.project import Project

SPAARNDAMMER = [
    "Hemknoop-Zuid",
    "Overbraker Binnenpolder",
    "Zaanstraat emplacement",
    "Spaarndammerbuurt-Noordwest",
    "Spaarndammerbuurt-Midden",
    "Spaarndammerbuurt-Zuidwest",
    "Spaarndammerbuurt-Noordoost",
    "Zeeheldenbuurt",
    "Westergasfabriek",
    "Spaarndammerbuurt-Zuidoost",
    "Lucas/Andreasziekenhuis e.o.",
]
ERMELO = [f"Verspreide huizen {name}" for name in ("Staverden", "Houtdorp", "Leuvenum", "De Beek", "Bosgebied")]


@pytest.fixture(scope="module")
def project():
    return Project.load(datasets.get_path("hengelo"))


def _figures(unpublished=()):
    """Key figures as buurt_comparison has them; ``unpublished``: indicators without a value anywhere."""
    rows = []
    for position, (indicator, title, unit, value) in enumerate(
        [
            ("inwoners", "Aantal inwoners", "aantal", "1.920"),
            ("aandeel_0_15", "Aandeel inwoners 0 tot 15 jaar", "%", "12,5"),
            ("aandeel_65_plus", "Aandeel inwoners 65 jaar of ouder", "%", "10,4"),
            ("pct_huurwoningen_corporatie", "In bezit woningcorporatie", "%", "86"),
            ("gemiddelde_woz", "Gemiddelde woningwaarde", "duizend euro", "460"),
        ]
    ):
        missing = indicator in unpublished
        status = "ontbreekt" if missing else "waarde"
        rows.append(
            {
                "indicator": indicator,
                "position": position,
                "title": title,
                "unit": unit,
                "value": None if missing else float(value.replace(".", "").replace(",", ".")),
                "value_text": None if missing else value,
                "status": status,
                "gemeente_text": None if missing else value,
                "gemeente_status": status,
                "nl_text": None if missing else value,
                "nl_status": status,
                "index_text": None if missing else "100",
                "direction": None,
            }
        )
    return pd.DataFrame(rows)


def _printer(project, names):
    """A printer of one wijk whose buurten (in a row of squares) have ``names``."""
    codes = [f"BU0363{n:04d}" for n in range(len(names))]
    shapes = gpd.GeoDataFrame({"code": codes}, geometry=[box(n, 0, n + 1, 1) for n in range(len(codes))])
    return handout_sheet.Printer(
        project=project,
        shapes=shapes,
        names=dict(zip(codes, names, strict=True)),
        wijk_of=dict.fromkeys(codes, "WK036300"),
        duiding="Warme duiding. Cijfers beschrijven een buurt; ze verklaren niets.",
        since={},
    )


def _handout(code, name, **fields):
    values = {
        "code": code,
        "name": name,
        "wijk_name": "Spaarndammerbuurt/Zeeheldenbuurt",
        "gemeente_name": "Amsterdam",
        "source": "Bron: CBS, Kerncijfers wijken en buurten 2024 (85984NED)",
        "figures": _figures(),
        "themes": ["Wonen: 4 personen"],
        "mentions": [4],
        "quiet_themes": [],
        "quotes": [],
        "questions": ["Herkent u dat?"],
        "more_questions": 0,
    }
    return handout_sheet.Handout(**(values | fields))


def _boxes(figure):
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    return [(text.get_text(), text.get_window_extent(renderer)) for text in figure.texts if text.get_text()]


def _said(figure):
    return re.sub(r"\s+", " ", " ".join(text.get_text() for text in figure.texts))


@pytest.mark.parametrize("names", [SPAARNDAMMER, ERMELO, ["Lucas/Andreasziekenhuis e.o.", "Bosleeuw"]])
def test_key_names_are_told_apart_and_fit_their_column(names):
    short = handout_key.distinct_names(names)
    assert len(set(short)) == len(names)
    assert all(handout_key.text_width(f"{len(names)} {name}") <= handout_key.COLUMN for name in short)
    # A name is shortened, never replaced: it keeps its start, and a name alike to another keeps its end.
    assert all(
        name.startswith(s.split("…")[0]) and name.endswith(s.split("…")[-1])
        for s, name in zip(short, names, strict=True)
    )
    assert "…" not in "".join(s for s, name in zip(short, names, strict=True) if s == name)


def test_the_caption_is_never_cut_mid_sentence():
    focus = [(f"BU{n}", name) for n, name in enumerate(SPAARNDAMMER)]
    key = handout_key.key("Spaarndammerbuurt-Noordwest", "Spaarndammerbuurt/Zeeheldenbuurt", "BU3", focus)
    caption = " ".join(key.caption)
    assert (
        caption
        == "Gearceerd: 4, Spaarndammerbuurt-Noordwest. Lichtgrijs: de rest van Spaarndammerbuurt/Zeeheldenbuurt:"
    )
    assert sum(map(len, key.columns)) == len(SPAARNDAMMER)


@pytest.mark.parametrize("count", [2, 11, 16])
def test_the_key_keeps_clear_of_the_next_heading_and_the_other_column(project, count):
    names = (SPAARNDAMMER * 2)[:count]
    names = [f"{name} {n}" if n >= len(SPAARNDAMMER) else name for n, name in enumerate(names)]
    printer = _printer(project, names)
    own = min(3, count - 1)
    figure = printer.draw(_handout(f"BU0363{own:04d}", names[own]))
    boxes = _boxes(figure)
    key = [(text, extent) for text, extent in boxes if re.match(r"(Gearceerd|1 )", text)]
    columns = [extent for text, extent in boxes if re.match(r"\d+ ", text)]
    heading = next(extent for text, extent in boxes if text == "Wat mensen noemden")
    assert key and all(extent.y0 > heading.y1 for _, extent in key)
    if len(columns) == 2:
        assert columns[0].x1 < columns[1].x0
    # Nothing of the key runs into the key figures right of the map.
    kerncijfers = next(extent for text, extent in boxes if text == "Kerncijfers")
    assert all(extent.x1 < kerncijfers.x0 for _, extent in key) and all(c.x1 < kerncijfers.x0 for c in columns)
    assert all(name[:8] in _said(figure) for name in names)


def test_a_figure_cbs_did_not_publish_is_left_off_with_one_line_naming_it(project):
    printer = _printer(project, SPAARNDAMMER[:3])
    unpublished = ("pct_huurwoningen_corporatie", "gemiddelde_woz")
    figure = printer.draw(_handout("BU03630001", SPAARNDAMMER[1], figures=_figures(unpublished)))
    texts = [text.get_text() for text in figure.texts]
    assert "In bezit woningcorporatie" not in texts and "Gemiddelde woningwaarde" not in texts
    assert "geen cijfer" not in texts  # no cell of a row left off
    said = _said(figure).replace("\u00a0", " ")
    assert "Van 2024 zijn er geen CBS-cijfers voor ‘In bezit woningcorporatie’ en ‘Gemiddelde woningwaarde’." in said
    found = spoken.report([("kerncijfers", text) for text in texts if text], sentences=False)
    assert not found, "\n".join(found)
    # A figure with a value somewhere (the gemeente's) keeps its row, with ‘geen cijfer’ where it has none.
    figures = _figures(unpublished).assign(gemeente_status="waarde", gemeente_text="40")
    figure = printer.draw(_handout("BU03630001", "x", figures=figures))
    texts = [text.get_text() for text in figure.texts]
    assert "In bezit woningcorporatie" in texts and "geen cijfer" in texts and "Van 2024" not in " ".join(texts)
    # Every word a cell says instead of a figure is explained below the table.
    said = _said(figure).replace("\u00a0", " ")
    assert "‘geen cijfer’: het staat niet in het bestand van het CBS." in said and "‘geheim’" not in said


@pytest.mark.parametrize(
    ("inwoners", "said"),
    [(30, "Deze buurt heeft volgens het CBS 30 inwoners."), (0, "Volgens het CBS woont hier niemand."), (None, "")],
)
def test_a_place_sheet_says_only_what_its_figures_show(project, inwoners, said):
    figures = _figures()
    if inwoners is None:
        figures = figures[figures["indicator"] != "inwoners"]
        said = "Het CBS geeft geen aantal inwoners van deze buurt."
    else:
        figures.loc[0, ["value", "value_text"]] = [inwoners, str(inwoners)]
        figures.loc[1:, "status"] = "te_klein"
    place = _handout("BU03630001", "Verspreide huizen Staverden", figures=figures, kind="plek", themes=[], questions=[])
    figure = _printer(project, ERMELO).draw(place)
    text = _said(figure).replace("\u00a0", " ")
    assert said in text
    assert "Een buurtgesprek met bewoners is er bij 50 inwoners of meer." in text
    # What no figure on the page says: the kind of place, or figures of firms and jobs.
    assert not re.search(r"bedrijventerrein|park|buitengebied|bedrijven|banen|voorzieningen", text)
    assert ("‘te klein’" in handout_sheet._place_text(place, 50)) == (inwoners is not None)
    paragraphs = [t.get_text() for t in figure.texts if "inwoner" in t.get_text() or "plek?" in t.get_text()]
    found = spoken.report([("plek", " ".join(paragraphs))])
    assert not found, "\n".join(found)


def test_the_second_page_says_how_many_questions_did_not_fit(project):
    printer = _printer(project, SPAARNDAMMER[:3])
    long_question = "Herkent u dat, en wat ziet u zelf in de buurt gebeuren? " * 12
    questions = [f"{long_question}({n})" for n in range(30)]
    sheet = _handout("BU03630001", SPAARNDAMMER[1], questions=questions[:1], overflow=questions[1:], more_questions=2)
    second = printer._second_page(sheet, sheet.overflow, 1)
    boxes = _boxes(second)
    shown = [text for text, _ in boxes if re.match(r"\d+\. ", text)]
    match = re.search(r"\(nog (\d+) vragen: zie vragen\.html in het rapport\)", _said(second))
    assert shown and match and len(shown) + int(match.group(1)) == len(sheet.overflow) + sheet.more_questions
    source = next(extent for text, extent in boxes if text.startswith("Bron:"))
    assert all(extent.y0 > source.y1 for text, extent in boxes if not text.startswith("Bron:"))


@pytest.mark.parametrize(("floor", "shown"), [(0.05, 3), (0.63, 1), (0.65, 0)])
def test_agreements_that_do_not_fit_are_counted(floor, shown):
    lines = [f"Wonen: afspraak {n} over de stoep (wie: de gemeente; terugkijken 01-03-2027)." for n in range(5)]
    figure = Figure(figsize=A4)
    y = followup.draw(figure, 0.7, lines, floor=floor, paragraph=paragraph)
    said = _said(figure)
    assert said.count("• Wonen") == shown and y >= floor
    left = len(lines) - shown
    assert f"({'nog ' if shown else ''}{left} afspraken: zie het buurttoekomstplan)" in said


def test_agreements_without_room_for_their_count_are_not_drawn():
    figure = Figure(figsize=A4)
    assert followup.draw(figure, 0.7, ["Wonen: een afspraak."] * 2, floor=0.69, paragraph=paragraph) == 0.7
    assert not figure.texts


def test_notebook_tables_say_geen_cijfer_as_the_handouts_do():
    frame = pd.DataFrame({"indicator": ["Aantal inwoners"], "ontbreekt": [3], "status": ["ontbreekt"]})
    shown = _dutch_table.table(frame).to_html()
    assert "ontbreekt" not in shown and shown.count("geen cijfer") == 2
    assert handout_sheet.handout_table.STATUS_TEXT["ontbreekt"] == _dutch_table.MISSING
