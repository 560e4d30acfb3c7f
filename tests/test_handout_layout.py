"""The parts of a handout page that depend on its data: the map's key, the key figures CBS left out, the sheet of a
place, and what does not fit the second page or the agreements block. Drawn directly, without a pipeline run."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import spoken
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from shapely.geometry import box

from buurtdata import datasets
from buurtdata._errors import BuurtdataError
from buurtdata.outputs import _dutch_table, followup, handout, handout_blocks, handout_key, handout_sheet, handout_table
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
        duiding="Over deze cijfers. Cijfers beschrijven een buurt; ze verklaren niets.",
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
        "themes": ["Wonen: 4 mensen"],
        "mentions": [4],
        "quiet_themes": [],
        "quotes": [],
        "questions": ["Herkent u dat?"],
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
    assert (
        "In het gebruikte CBS-bestand van 2024 staan geen cijfers voor ‘In bezit woningcorporatie’ en "
        "‘Gemiddelde woningwaarde’." in said
    )
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
    place = _handout(
        "BU03630001",
        "Verspreide huizen Staverden",
        figures=figures,
        kind="plek",
        themes=[],
        questions=[],
        inwoners=inwoners,
    )
    figure = _printer(project, ERMELO).draw(place)
    text = _said(figure).replace("\u00a0", " ")
    assert said in text
    assert "Een eigen blad voor het buurtgesprek maken we vanaf 50 inwoners." in text
    # What no figure on the page says: the kind of place, or figures of firms and jobs.
    assert not re.search(r"bedrijventerrein|park|buitengebied|bedrijven|banen|voorzieningen", text)
    assert ("‘te klein’" in handout_table.place_text(place.figures, place.inwoners, 50)) == (inwoners is not None)
    paragraphs = [t.get_text() for t in figure.texts if "inwoner" in t.get_text() or "plek?" in t.get_text()]
    # Each text apart: the table's titles ("Aandeel inwoners ...") are no sentence run on into the next.
    found = spoken.report([("plek", "\n".join(paragraphs))])
    assert not found, "\n".join(found)


def test_the_second_page_says_how_many_questions_did_not_fit(project):
    printer = _printer(project, SPAARNDAMMER[:3])
    long_question = "Herkent u dat, en wat ziet u zelf in de buurt gebeuren? " * 12
    questions = [f"{long_question}({n})" for n in range(30)]
    sheet = _handout(
        "BU03630001", SPAARNDAMMER[1], questions=questions[:1], overflow=questions[1:28], other_questions=questions[28:]
    )
    second = printer._second_page(sheet, sheet.later_questions, 1)
    boxes = _boxes(second)
    shown = [text for text, _ in boxes if re.match(r"\d+\. ", text)]
    match = re.search(r"\(nog (\d+) vragen: zie ‘Vragen per buurt’ in het rapport\)", _said(second))
    assert shown and match and len(shown) + int(match.group(1)) == len(sheet.later_questions)
    source = next(extent for text, extent in boxes if text.startswith("Bron:"))
    assert all(extent.y0 > source.y1 for text, extent in boxes if not text.startswith("Bron:"))


def test_the_second_page_prints_every_question_it_has_room_for_and_keeps_room_to_write(project):
    # User test (Hilversum): "(nog 1 vraag: zie ... in het rapport)" with the second page mostly empty lines.
    printer = _printer(project, SPAARNDAMMER[:3])
    questions = [f"Wat ziet u zelf in de buurt gebeuren? ({n})" for n in range(14)]
    sheet = _handout("BU03630001", SPAARNDAMMER[1], questions=questions[:5], overflow=questions[5:])
    second = printer._second_page(sheet, sheet.overflow, 5)
    said = _said(second)
    assert len([text for text, _ in _boxes(second) if re.match(r"\d+\. ", text)]) == 9 and "(nog " not in said
    assert "Wat zegt de buurt?" in said


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


LONG_WEG = [f"Buurtnaam {n} aan de lange weg" for n in range(80)]


def _eight_figures():
    """Eight key figures, as a profile of eight indicators prints them."""
    figures = _figures()
    extra = figures.iloc[1:4].assign(indicator=lambda f: f["indicator"] + "_2", position=lambda f: f["position"] + 5)
    return pd.concat([figures, extra], ignore_index=True)


@pytest.mark.parametrize("count", [handout_key.MAX_NAMED, 52, 80])
def test_the_map_key_of_a_big_wijk_fits_and_says_which_buurt_is_hatched(project, count):
    from test_handout_fit import _assert_fits

    names = LONG_WEG[:count]
    printer = _printer(project, names)
    for kind in ("buurt", "plek"):
        sheet = _handout("BU03630003", names[3], figures=_eight_figures(), kind=kind, wijk_name="Buitengebied")
        figure = printer.draw(sheet)
        _assert_fits(figure)
        said = _said(figure)
        numbers = [text for text in figure.axes[0].texts if text.get_text().isdigit()]
        # A row of squares a wijk's width apart: each a millimetre or two on the map, which zooms in on the sheet's
        # own and says so (sweep 14 F1); the numbers are those of the buurten in view, the key names them all.
        zoomed = printer._view(sheet.code).zoomed
        assert zoomed and handout_key.ZOOMED in said
        if count <= handout_key.MAX_NAMED:
            assert "Gearceerd: 4, Buurtnaam 3 aan de lange weg." in said and "4" in [n.get_text() for n in numbers]
            assert 1 < len(numbers) < count and all(f"{n} Buurtnaam" in said for n in (1, count))
        else:
            # No numbers on the map, no names in the key: one line says which buurt is hatched among how many.
            assert f"Gearceerd: Buurtnaam 3 aan de lange weg, een van de {count} buurten van Buitengebied." in said
            assert not numbers and "Buurtnaam 5" not in said
            assert len(printer._key(sheet).caption) <= 2 + zoomed
            assert not spoken.report([("sleutel", " ".join(printer._key(sheet).caption))])


def test_a_page_too_full_for_another_reason_than_the_label_does_not_blame_it(project):
    # Forty figures CBS did not publish: the note naming them pushes the text below the page.
    figures = pd.concat(
        [_figures()]
        + [
            _figures(unpublished=("aandeel_0_15",))
            .iloc[[1]]
            .assign(indicator=f"cijfer_{n}", title=f"Een lange titel van een cijfer nummer {n}")
            for n in range(60)
        ],
        ignore_index=True,
    )
    printer = _printer(project, SPAARNDAMMER[:3])
    with pytest.raises(BuurtdataError, match=r"BU03630001.*key figures") as error:
        printer.draw(_handout("BU03630001", SPAARNDAMMER[1], figures=figures, quotes=["“Mooi.”"] * 3))
    assert "label" not in str(error.value)
    place = _handout("BU03630001", SPAARNDAMMER[1], figures=figures, kind="plek", themes=[], questions=[])
    with pytest.raises(BuurtdataError, match=r"BU03630001.*key figures"):
        printer.draw(place)


def test_a_buurt_without_a_shape_is_said_to_be_off_the_map():
    key = handout_key.key("Eigen", "W", "BU1", [("BU2", "Twee"), ("BU3", "Drie")])
    assert " ".join(key.caption) == (
        "Eigen staat niet op de kaart: er is geen vorm van deze buurt. Lichtgrijs: de andere buurten van W:"
    )
    assert key.columns == (["1 Twee"], ["2 Drie"])
    one = " ".join(handout_key.key("Eigen", "W", "BU1", [("BU2", "Twee")]).caption)
    assert one.startswith("Eigen staat niet op de kaart") and "enige" not in one and "Gearceerd" not in one
    many = [(f"BU{n}", f"Buurt {n}") for n in range(2, 60)]
    assert "de 58 andere buurten van W." in " ".join(handout_key.key("Eigen", "W", "BU1", many).caption)


def test_a_page_of_a_buurt_without_a_shape_is_drawn(project):
    printer = _printer(project, SPAARNDAMMER[:3])
    printer.wijk_of["BU03639999"] = "WK036300"
    figure = printer.draw(_handout("BU03639999", "Nieuwe buurt"))
    said = _said(figure)
    assert "Nieuwe buurt staat niet op de kaart" in said and "1 Hemknoop-Zuid" in said


def test_a_wijk_without_a_name_is_called_by_its_code(project):
    printer = _printer(project, SPAARNDAMMER[:3])
    said = _said(printer.draw(_handout("BU03630001", SPAARNDAMMER[1], wijk_name="")))
    assert "de rest van wijk WK036300:" in said and "de rest van :" not in said


@pytest.mark.parametrize(
    "names",
    [
        ["Landelijk gebied Noord-Oost (verspreide huizen)", "Landelijk gebied Zuid-Oost (verspreide huizen)"],
        LONG_WEG,
        LONG_WEG[:12],
        ["Bedrijventerrein De Hoek Noord Zone Industrieel", "Bedrijventerrein De Hoek Zuid Zone Industrieel"],
        [*SPAARNDAMMER, *ERMELO],
    ],
)
def test_shortened_names_could_each_be_one_name_only(names):
    short = handout_key.distinct_names(names)
    assert len(set(short)) == len(names)
    assert all(handout_key.text_width(f"{len(names)} {name}") <= handout_key.COLUMN for name in short)
    # Each shortened name is its own name's parts, in order, and could be no other's.
    for text, name in zip(short, names, strict=True):
        assert [other for other in names if handout_key._could_be(text, other)] == [name], text
        assert len(text.replace("…", "").strip()) >= 8, text


def test_the_differing_words_are_kept():
    short = handout_key.distinct_names(
        ["Landelijk gebied Noord-Oost (verspreide huizen)", "Landelijk gebied Zuid-Oost (verspreide huizen)"]
    )
    assert "Noord-Oost" in short[0] and "Zuid-Oost" in short[1]
    short = handout_key.distinct_names(LONG_WEG)
    assert all(f"Buurtnaam {n} " in text or f"Buurtnaam {n}…" in text for n, text in enumerate(short))


@pytest.mark.parametrize(("mentions", "fewer"), [([5, 5, 5], False), ([9, 7, 5], True)])
def test_themes_left_out_are_said_to_be_named_by_fewer_only_when_they_were(project, mentions, fewer):
    sheet = _handout(
        "BU03630001",
        SPAARNDAMMER[1],
        themes=[f"Thema {n}: {m} mensen" for n, m in enumerate(mentions)],
        mentions=mentions,
        questions=[],
    )
    while sheet.themes_left_out < 1:
        sheet = handout_sheet._give_way(sheet)
    figure = Figure(figsize=A4)
    printer = _printer(project, SPAARNDAMMER[:3])
    printer._themes(figure, sheet, 0.5)
    said = _said(figure)
    assert ("En nog 1 thema, door minder mensen genoemd: zie het rapport." in said) == fewer
    assert fewer or "En nog 1 thema: zie het rapport." in said


def test_a_place_sheet_reads_its_inwoners_where_the_handouts_choose_it(project):
    # [profile] indicators without inwoners: the figures on the page have no row of them.
    figures = _figures()
    figures = figures[figures["indicator"] != "inwoners"]
    place = _handout("BU03630001", "Park", figures=figures, kind="plek", themes=[], questions=[], inwoners=12.0)
    said = _said(_printer(project, ERMELO).draw(place)).replace("\u00a0", " ")
    assert "Deze buurt heeft volgens het CBS 12 inwoners." in said and "geen aantal" not in said
    assert "geen aantal inwoners" in handout_table.place_text(figures, float("nan"), 50)


@pytest.mark.parametrize(("themes", "questions"), [(6, 4), (9, 4), (12, 4), (16, 4), (16, 0)])
def test_agreements_without_room_for_their_block_are_still_counted(project, themes, questions):
    lines = [f"Wonen: afspraak {n} over de stoep (wie: de gemeente; terugkijken 01-03-2027)." for n in range(4)]
    # Each question its own first sentence: questions that all open alike say it once (handout_sheet, _opening).
    question = "De cijfers van de gemeente wijken af ({}): hier wonen meer mensen alleen. Herkent u dat? " * 2
    printer = _printer(project, SPAARNDAMMER[:3])
    printer.since["BU03630001"] = lines
    sheet = _handout(
        "BU03630001",
        SPAARNDAMMER[1],
        themes=[f"Thema {n}: {30 - n} mensen ({30 - n} bewoners)" for n in range(themes)],
        mentions=[30 - n for n in range(themes)],
        quotes=[f"“{'Het is hier goed wonen, maar niet voor iedereen. ' * 3}”"] * 3,
        questions=[question.format(n, n) for n in range(questions)],
    )
    figure, drawn = printer._layout(sheet)
    said = _said(figure)
    counted = re.search(r"(nog )?(\d+) afspra(?:ak|ken)( van het vorige gesprek)?: zie het buurttoekomstplan", said)
    shown = said.count("• Wonen: afspraak")
    from test_handout_fit import _assert_fits

    _assert_fits(figure)
    assert shown + (int(counted.group(2)) if counted else 0) == len(lines), said
    if not shown:
        # No room for the block: a line below the questions counts the agreements (the one that sends questions
        # to the second page, when it is there).
        where = "zie blad 2; " if drawn.overflow else "("
        assert f"{where}{len(lines)} afspraken van het vorige gesprek: zie het buurttoekomstplan)" in said
        line = next(text.get_text() for text in figure.texts if "vorige gesprek" in text.get_text())
        assert not spoken.report([("afspraken", line)])


@pytest.mark.parametrize("interviews", [True, False])
def test_agreements_the_block_had_no_room_for_are_counted_below_the_questions(project, interviews):
    printer = _printer(project if interviews else replace(project, interviews=None), SPAARNDAMMER[:3])
    figure = Figure(figsize=A4)
    printer._questions(
        figure,
        _handout("BU03630001", SPAARNDAMMER[1], other_questions=["Wat ziet u?", "Wat mist u?"]),
        0.5,
        agreements=4,
    )
    said = _said(figure)
    assert said.endswith("(4 afspraken van het vorige gesprek: zie het buurttoekomstplan)")


@pytest.mark.parametrize("fictional", [True, False])
def test_the_second_page_says_the_interviews_are_fictional_when_they_are(project, fictional):
    project = replace(project, interviews=replace(project.interviews, fictional=fictional))
    printer = _printer(project, SPAARNDAMMER[:3])
    sheet = _handout("BU03630001", SPAARNDAMMER[1], overflow=["Wat ziet u zelf?"], later_quotes=["“Hier is het stil.”"])
    boxes = _boxes(printer._second_page(sheet, sheet.overflow, 1))
    notice = [extent for text, extent in boxes if "FICTIEF" in text]
    assert len(notice) == fictional
    # Below the page's title, above its first heading.
    heading = next(extent for text, extent in boxes if text == "Meer vragen voor het gesprek")
    assert all(extent.y0 > heading.y1 for extent in notice)


def test_quotes_the_second_page_has_no_room_for_are_said_with_where_to_read_them(project):
    printer = _printer(project, SPAARNDAMMER[:3])
    quotes = [f"“{'Het is hier goed wonen, maar niet voor iedereen. ' * 40}({n})”" for n in range(3)]
    sheet = _handout("BU03630001", SPAARNDAMMER[1], overflow=["Wat ziet u zelf?"], later_quotes=quotes)
    second = printer._second_page(sheet, sheet.overflow, 1)
    said = _said(second)
    shown = [quote for quote in quotes if " ".join(quote.split()) in said]
    assert shown and len(shown) < len(quotes) and "Meer uit de interviews" in said
    left = len(quotes) - len(shown)
    more = f"{left} uitspraak" if left == 1 else f"{left} uitspraken"
    line = f"(nog {more}: zie de gegevens achter het rapport, bij wie het maakte)"
    assert line in said and not spoken.problems(line) and not spoken.file_names(line)
    boxes = _boxes(second)
    source = next(extent for text, extent in boxes if text.startswith("Bron:"))
    assert all(extent.y0 > source.y1 for text, extent in boxes if not text.startswith("Bron:"))


def test_a_first_page_sends_its_other_questions_to_the_report_page_of_questions(project):
    figure = Figure(figsize=A4)
    handout_blocks.in_report(figure, 0.5, 17)
    # RULE: no file names (.html, .duckdb, .csv) on handouts, wall maps and plans: the page as the index names it.
    said = _said(figure)
    assert said == "(nog 17 vragen: zie ‘Vragen per buurt’ in het rapport)" and not spoken.file_names(said)
    index = (Path(handout_blocks.__file__).parent / "templates" / "index.html.j2").read_text(encoding="utf-8")
    assert f">{handout_blocks.QUESTIONS_TITLE}</a>" in index


def test_quotes_are_spread_over_the_most_named_themes():
    quotes = pd.DataFrame(
        {
            "theme": ["A", "A", "A", "B", "C", "GGZ"],
            "role": ["bewoner"] * 6,
            "quote": ["a1", "a2", "a3", "b1", "c1", "g1"],
        }
    )
    themes = pd.DataFrame({"theme": ["A", "B", "C", "GGZ"], "respondents": [3, 4, None, 9]})
    assert handout._spread(quotes, themes)["quote"].tolist() == ["g1", "b1", "a1"]
    # Fewer themes than room: the next quote of each, most named theme first.
    assert handout._spread(quotes[quotes["theme"].isin(["A", "B"])], themes)["quote"].tolist() == ["b1", "a1", "a2"]


@pytest.mark.parametrize("themes", range(7))
def test_wat_zegt_de_buurt_is_never_left_out_nor_a_hole_left_where_it_had_no_room(project, themes):
    """A buurt with 3 quotes and 3 questions (user test: Rivierenbuurt lost the writing box and kept ~3 cm empty):
    the box is on the first page or the second, and the first page leaves no more than a scrap empty above the
    warm reading."""
    question = "In de interviews noemden 5 mensen geldzorgen; er zijn (nog) geen cijfers aan dit thema gekoppeld. "
    sheet = _handout(
        "BU03630001",
        SPAARNDAMMER[1],
        themes=[f"Thema {n}: {9 - n} mensen ({9 - n} bewoners)" for n in range(themes)],
        mentions=[9 - n for n in range(themes)],
        quiet_themes=["Jongeren"],
        quotes=[
            "“De energierekening is niet te betalen, het huis tocht aan alle kanten.” (bewoner, over Geldzorgen)",
            "“Bij het speelveldje wordt 's avonds gedeald, ik durf er niet meer langs.” (over Veiligheid)",
            "“Ik ben bewoner hier, bel me gerust als je meer wilt weten over de voedselbank van de buurt.” (bewoner)",
        ],
        questions=[f"{question}Wat speelt er? ({n})" for n in range(3)],
    )
    pages = _printer(project, SPAARNDAMMER[:3]).draw_pages(sheet)
    boxed = ["Wat zegt de buurt?" in _said(page) for page in pages]
    assert any(boxed), [_said(page) for page in pages]
    if boxed[0]:
        return
    boxes = _boxes(pages[0])
    duiding = next(extent for text, extent in boxes if text.startswith("Over deze cijfers"))
    above = min(extent.y0 for text, extent in boxes if extent.y0 > duiding.y1)
    assert (above - duiding.y1) / pages[0].bbox.height < handout_blocks.SCRAP + 0.03


COLMSCHATE = ["Snipperling", "Dorp Colmschate", "De Scheg", "Colmschaterenk", "Roessink", "Het Bramelt"]
COLMSCHATE += ["Essenerveld", "Swormink", "Handelspark De Weteringen", "Bannink"]


@pytest.mark.parametrize("names", [COLMSCHATE, ["Handelspark Noord en verder aan de rivier", "Bosleeuw"]])
def test_a_name_shortened_at_its_end_stops_at_a_word(names):
    """User test: "9 Handelspark De Weteri…". Shortened as the wall maps' keys shorten, at a word, and with no
    dangling "De" before the …"""
    for name, short in zip(names, handout_key.distinct_names(names), strict=True):
        if short != name and short.endswith("…") and short.count("…") == 1:
            head = short[:-1]
            assert name.startswith(head) and name[len(head)] == " ", (name, short)
            assert head.rsplit(" ", 1)[-1].lower() not in handout_key._DANGLING, (name, short)
    # Its own last word tells the buurt, "Handelspark…" does not (sweep13 #7): "De" is part of that name.
    assert handout_key.distinct_names(COLMSCHATE)[8] == "…De Weteringen"
    # A short word of the name itself stays; only the small words are dropped before the … (review).
    assert handout_key._short("Landgoed 't Hof te Boekelo", ["Xyz"], 17) == "Landgoed…Boekelo"
    assert handout_key._short("Handelspark Noord en verder aan de rivier", ["Xyz"], 20) == "Handelspark Noord…"


def test_a_long_title_keeps_clear_of_te_klein_beside_it(project):
    """User test (Epse-Noord): "Aandeel eenpersoonshuishoudens" nearly touched "te klein"."""
    figures = _figures()
    figures.loc[1, "title"] = "Aandeel eenpersoonshuishoudens"
    figures.loc[1:, "status"] = "te_klein"
    figure = Figure(figsize=A4)
    handout_table.draw(figure, _handout("BU03630001", "Epse-Noord", figures=figures), project)
    boxes = _boxes(figure)
    value = next(extent for text, extent in boxes if text == "te klein")
    title = next(extent for text, extent in boxes if text.startswith("Aandeel") and abs(extent.y0 - value.y0) < 3)
    points = figure.dpi / 72
    assert value.x0 - title.x1 >= 4 * points, (title, value)


def test_a_place_sheet_of_fictional_interviews_says_so(project):
    """User test: the place sheets named "Interviews … (fictief)" in their footer without the notice the
    handouts print."""
    figures = _figures()
    figures.loc[1:, "status"] = "te_klein"
    place = _handout("BU03630001", "Epse-Noord", figures=figures, kind="plek", themes=[], questions=[], inwoners=30)
    figure = _printer(project, ERMELO).draw(place)
    assert project.interviews.fictional and "FICTIEF" in _said(figure)
    from test_handout_fit import _assert_fits

    _assert_fits(figure)


@pytest.mark.parametrize("threshold", [1, 2, 3])
def test_the_themes_note_says_too_few_only_where_there_can_be_too_few(project, threshold):
    """User test T: with [privacy] threshold = 1 the sheet said "een thema of rol met minder dan 1 mensen staat er
    als ‘te weinig stemmen’": no count, and nothing is ever too few then. The plan's note the same."""
    from buurtdata.outputs import toekomstplan

    printer = _printer(replace(project, privacy_threshold=threshold), ["Buurt"])
    sheet = printer._source_of_themes("Interviews 2025")
    plan = toekomstplan.themes_note(threshold)
    assert not spoken.problems(sheet) and not spoken.problems(plan), (sheet, plan)
    assert ("te weinig" in sheet) == ("te weinig" in plan) == (threshold > 1), (sheet, plan)
    assert sheet.startswith("Uit: Interviews 2025. Aantal verschillende mensen per thema")
    # With a threshold of 1 both say that one voice is shown too (user test V: nothing published said so).
    assert ("één persoon" in sheet) == ("één persoon" in plan) == (threshold == 1), (sheet, plan)
