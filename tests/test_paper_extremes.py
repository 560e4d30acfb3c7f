"""User test P, "extreme real buurten on paper": handouts of real KWB 2020 buurten (national file and polygons in
data/raw) whose figures are unusual, with a small FICTIEF interview file. No network."""

from __future__ import annotations

import dataclasses
import html
import re
import warnings
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from buurtdata import cli, pipeline
from buurtdata.outputs import _left_out, handout
from buurtdata.outputs._gemeente_choice import LeftOutWarning
from buurtdata.project import Project
from tests import excel_files

pytest.importorskip("matplotlib")

ROOT = Path(__file__).resolve().parents[1]
KWB = ROOT / "data" / "raw" / "kwb2020-84799NED-statlinebq" / "84799NED"
POLYGONS = ROOT / "data" / "raw" / "buurten-powerbi-emielsanders" / "buurten.json"
GEMEENTEN = ["GM0599", "GM1900"]  # Rotterdam (the Maasvlakte: 0 inwoners), Súdwest-Fryslân (Kûbaard)
FICTIEF = "# FICTIEF - verzonnen fragmenten voor een test; geen echte mensen. Alleen buurten en codes zijn echt.\n"


#: The national KWB 2020's three files, as a project's [[kwb]] entry names them.
KWB_FILES = "".join(
    f'{key} = "{KWB / f"cbs.v3.84799NED_{part}.parquet"}"\n'
    for key, part in (("data", "TypedDataSet"), ("properties", "DataProperties"), ("regions", "WijkenEnBuurten"))
)


def _polygons(gpkg: Path, gemeenten: list[str]) -> None:
    """The national polygons (2019 indeling) of ``gemeenten``, as a wijk- en buurtkaart layer ``buurten``."""
    shapes = gpd.read_file(POLYGONS).set_crs(4326, allow_override=True).to_crs(28992)
    shapes = shapes[shapes["statcode"].str[2:6].isin([code[2:] for code in gemeenten])]
    gpd.GeoDataFrame(
        {
            "buurtcode": shapes["statcode"].to_numpy(),
            "wijkcode": ("WK" + shapes["statcode"].str[2:8]).to_numpy(),
            "gemeentecode": ("GM" + shapes["statcode"].str[2:6]).to_numpy(),
            "water": "NEE",
        },
        geometry=shapes.geometry.make_valid().to_numpy(),
        crs=shapes.crs,
    ).to_file(gpkg, layer="buurten")


def _fictional_project(folder: Path, rows: list[tuple], head: str, tail: str) -> Path:
    """Write a project of the national KWB 2020 and ``folder``'s polygons with FICTIEF segments (``rows`` of
    respondent, role, code, quote, location) and the sample's codebook: ``head`` (name, gemeenten, year), then the
    [[kwb]], [boundaries] and [interviews] blocks, then ``tail`` ([privacy], [profile], [[links]]); return its file."""
    frame = pd.DataFrame(rows, columns=["respondent", "role", "code", "quote", "location"])
    frame = frame.assign(segment_id=[f"S{i:03d}" for i in range(len(frame))], date="2025-05-01", consent="ja")
    (folder / "segmenten.csv").write_text(FICTIEF + frame.to_csv(index=False), encoding="utf-8")
    codebook = ROOT / "buurtdata" / "datasets" / "hengelo" / "codebook.csv"
    (folder / "codebook.csv").write_bytes(codebook.read_bytes())
    (folder / "project.toml").write_text(
        f'{head}\n[[kwb]]\nyear = 2020\ntable = "84799NED"\n{KWB_FILES}\n'
        '[boundaries]\nyear = 2020\npath = "buurten.gpkg"\nlayer = "buurten"\n\n'
        '[interviews]\nsegments = "segmenten.csv"\ncodebook = "codebook.csv"\nfictional = true\n'
        f'label = "Fictieve interviews (test)"\n\n{tail}',
        encoding="utf-8",
    )
    return folder / "project.toml"


@pytest.fixture(scope="module")
def extremes(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, pipeline.PipelineResult]:
    folder = tmp_path_factory.mktemp("extremes")
    _polygons(folder / "buurten.gpkg", GEMEENTEN)
    rows = [
        (f"RTM-O{i}", "ondernemer", "Veiligheid/Verkeer", "Vrachtwagens rijden te hard.", "Maasvlakte")
        for i in (1, 2, 3)
    ]
    rows += [("RTM-O1", "ondernemer", "Geldzorgen", "De huur van de loods stijgt.", "Maasvlakte")]
    rows += [
        (f"SWF-{i}", "bewoner", "Ontmoeten/Activiteiten", "It doarpshûs is it hert.", "Kûbaard") for i in (1, 2, 3)
    ]
    rows += [("SWF-1", "professional", "Gezondheid", "De huisarts is ver weg.", "Kûbaard")]
    project_file = _fictional_project(
        folder,
        rows,
        f'name = "Rotterdam en Súdwest-Fryslân, buurtgesprekken"\ngemeenten = {GEMEENTEN}\nyear = 2020\n',
        "[privacy]\nthreshold = 3\npublish_quotes = true\n\n"
        '[profile]\nindicators = ["inwoners", "aandeel_0_15", "aandeel_65_plus", "aandeel_eenpersoonshuishoudens",'
        ' "aandeel_huishoudens_met_kinderen", "bevolkingsdichtheid"]\n\n'
        '[[links]]\ntheme = "Ontmoeten"\nhigher = ["aandeel_eenpersoonshuishoudens"]\n\n'
        '[[links]]\ntheme = "Groen en openbare ruimte"\nhigher = ["bevolkingsdichtheid"]\n\n'
        '[[links]]\ntheme = "Gezondheid"\nhigher = ["bevolkingsdichtheid"]\n',
    )
    project = Project.load(project_file)
    return project, pipeline.run(project, ":memory:")


def _said(figure) -> str:
    return "\n".join(text.get_text() for text in figure.texts).replace("\u00a0", " ")


def test_a_place_without_inwoners_says_what_enough_people_named_about_it(extremes):
    # User test P: three ondernemers on the Maasvlakte (0 inwoners) named its traffic; its sheet said nothing.
    project, run = extremes
    book = handout._Book.collect(project, run)
    place = book.handout("BU05992308")
    assert place.kind == "plek"
    said = _said(book.draw(place))
    assert "Wat mensen over deze plek noemden" in said
    assert "Veiligheid: 3 mensen" in said
    # One ondernemer named Geldzorgen: named as too few, never counted.
    assert "Te weinig stemmen om te tellen: Geldzorgen." in said and "Geldzorgen: 1" not in said
    assert "FICTIEF" in said and "Bron: CBS" in said


def test_a_first_page_keeps_a_question_rather_than_its_writing_lines(extremes):
    # User test P: Kûbaard's first page sent all three questions to blad 2 ("Vragen voor het gesprek: (nog 3 vragen:
    # zie blad 2)") to keep three writing lines, and counted its one quiet theme in a line as long as its name.
    project, run = extremes
    book = handout._Book.collect(project, run)
    pages = book.draw_pages(book.handout("BU19002012"))
    first = _said(pages[0])
    assert "\n1. " in first
    assert "Te weinig stemmen om te tellen: Gezondheid." in first and "zie het rapport" not in first
    assert len(pages) == 1 or "Wat zegt de buurt?" in _said(pages[-1])


def test_the_index_of_a_project_named_buurtgesprekken_says_it_once(extremes, tmp_path):
    # User test P: "Buurtgesprekken Rotterdam en Súdwest-Fryslân, buurtgesprekken 2020".
    project, run = extremes
    handout.make_handouts(
        project, tmp_path, result=run, buurten=["BU05992308", "BU19002012"], png=False, progress=False
    )
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "<title>Rotterdam en Súdwest-Fryslân, buurtgesprekken (cijfers 2020)</title>" in page
    assert page.casefold().count("buurtgesprekken rotterdam") == 0
    # Review S #2: the printed cover, what the wijkwerker holds, said it twice too.
    pypdf = pytest.importorskip("pypdf")
    cover = pypdf.PdfReader(tmp_path / "index.pdf").pages[0].extract_text()
    assert cover.casefold().count("buurtgesprekken") == 1, cover
    # User test W: "buurtgesprekken 2020" read as the year of the conversations; the year is the figures'.
    assert "kerncijfers van 2020" in " ".join(cover.split()) and "buurtgesprekken 2020" not in cover


@pytest.fixture(scope="module")
def houten_region(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project file of Houten, Vlieland and Schiermonnikoog with the 2020 figures and polygons: Houten's KWB
    2020 and the polygons differ in one buurt code, so the build leaves Houten out."""
    folder = tmp_path_factory.mktemp("houten")
    _polygons(folder / "buurten.gpkg", ["GM0321", "GM0096", "GM0088"])
    (folder / "project.toml").write_text(
        f'name = "Houten en de eilanden"\ngemeenten = ["GM0321", "GM0096", "GM0088"]\nyear = 2020\n\n'
        f'[[kwb]]\nyear = 2020\ntable = "84799NED"\n{KWB_FILES}\n'
        '[boundaries]\nyear = 2020\npath = "buurten.gpkg"\nlayer = "buurten"\n',
        encoding="utf-8",
    )
    return folder / "project.toml"


def test_the_overview_of_a_region_names_a_gemeente_left_out(houten_region, tmp_path, capsys):
    # User test P: the handouts' overview said "8 gemeenten" and nothing of the ninth, left out.
    out = tmp_path / "out"
    assert cli.main(["handouts", "--project", str(houten_region), "--out", str(out)]) == 0
    # ... and the command said nothing of it either.
    said = capsys.readouterr().out
    assert f"buurtdata: no handouts for Houten (GM0321): left out of this build; the reason is in {out}" in said
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "Geen handouts voor Houten (GM0321)" in page
    # Review S #3: the page sent the reader to a message `buurtdata handouts` does not print; it names what does.
    assert "melding" not in page and "buurtdata validate" in page
    # and links gemeenten.csv, which `buurtdata handouts` of a region writes beside it (review s, 4), with the reason.
    assert '<a href="gemeenten.csv">gemeenten.csv</a>' in page
    assert "BU03211352" in excel_files.text(out / "gemeenten.csv")
    assert "Vlieland" in page and "Schiermonnikoog" in page


@pytest.mark.parametrize("asked", ["GM0321", "Houten"])
def test_handouts_of_a_gemeente_left_out_say_why(houten_region, tmp_path, capsys, asked):
    # Review S #5: `--gemeente GM0321` of a gemeente the build left out said "did you mean 'Vlieland', GM0096?".
    args = ["handouts", "--project", str(houten_region), "--out", str(tmp_path / "out"), "--gemeente", asked]
    assert cli.main(args) != 0
    said = capsys.readouterr().err
    assert f"--gemeente {asked!r} was left out of the build, so it has no handouts: GM0321 Houten" in said
    assert "did you mean" not in said and "Vlieland" not in said


def test_handouts_of_gemeenten_built_are_made_beside_one_left_out(houten_region, tmp_path, capsys):
    # Sweep 12 places #12: --gemeente Vlieland --gemeente Houten made nothing, as Houten was left out of the build.
    out = tmp_path / "out"
    args = ["handouts", "--project", str(houten_region), "--out", str(out), "--gemeente", "Vlieland"]
    with warnings.catch_warnings():
        warnings.simplefilter("default", LeftOutWarning)  # as a user's Python shows it, once
        assert cli.main([*args, "--gemeente", "GM0321"]) == 0
    said = capsys.readouterr().err
    assert "warning: --gemeente 'GM0321' was left out of the build, so it has no handouts: GM0321 Houten" in said
    assert any(path.suffix == ".pdf" and "vlieland" in str(path).lower() for path in out.rglob("*"))
    assert not any("houten" in str(path).lower() for path in out.rglob("*.pdf"))


def test_a_question_about_too_few_voices_says_the_figures_in_a_sentence_of_their_own(extremes):
    # User test P: read aloud, "Enkele mensen noemden gezondheid, te weinig om er iets over te zeggen; de cijfers wijken
    # af van Súdwest-Fryslân: ..." ran on past a semicolon and a colon in one breath.
    _, run = extremes
    question = run.con.execute(
        "select question from buurt_signals where code = 'BU19002012' and signal = 'te weinig stemmen'"
    ).fetchall()[0][0]
    assert question.startswith("De cijfers wijken af van die van heel Súdwest-Fryslân: ")
    assert question.endswith(
        ". Enkele mensen noemden gezondheid, te weinig om er iets over te zeggen. Speelt dit bij meer mensen in de "
        "buurt?"
    )
    assert "Súdwest-Fryslân: de bevolkingsdichtheid is hier hoger (466 inwoners per km², in de gemeente 172)" in (
        question.replace("\u00a0", " ")
    )
    assert ";" not in question


def test_the_index_of_one_place_says_one_sheet_and_that_its_questions_are_not_on_it(extremes, tmp_path):
    # User test P: the cover of 's-Gravenhage's index said "1 bladen"; Afrikahaven's row said "1 vraag", its
    # sheet (a place) printed none.
    pypdf = pytest.importorskip("pypdf")
    project, run = extremes
    handout.make_handouts(project, tmp_path, result=run, buurten=["BU05992308"], png=False, progress=False)
    cover = pypdf.PdfReader(tmp_path / "index.pdf").pages[0].extract_text()
    assert "1 blad:" in cover and "1 bladen" not in cover
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    row = "2 vragen, 1 met stemmen uit de interviews, niet op het blad: zie ‘Vragen per buurt’ in het rapport"
    assert row in page
    # Review S #1: the printed row was cut at 100 characters, "… niet op het…": on paper it wraps, whole.
    contents = " ".join(pypdf.PdfReader(tmp_path / "index.pdf").pages[1].extract_text().split())
    assert f"Maasvlakte (BU05992308) · over de plek; {row}" in contents and "…" not in contents


def test_the_index_row_of_a_place_left_out_says_no_sheet_of_it(extremes, tmp_path):
    # Review S #6: with sparse_handout = "weglaten" the Maasvlakte has no sheet, yet its row said "niet op het blad".
    project, run = extremes
    project = dataclasses.replace(project, sparse_handout="weglaten")
    handout.make_handouts(project, tmp_path, result=run, buurten=["BU05992308"], png=False, progress=False)
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "weggelaten: minder dan" in page
    assert "2 vragen, 1 met stemmen uit de interviews: zie ‘Vragen per buurt’ in het rapport" in page
    assert "niet op het blad" not in page


def test_a_full_place_sheet_leaves_out_the_least_named_theme(extremes):
    # Review S #7: a place sheet without room dropped the alphabetically last theme ("Wonen", named by 12), not the
    # least named, as a buurt's sheet does.
    project, run = extremes
    book = handout._Book.collect(project, run)
    place = book.handout("BU05992308")
    names = [f"Thema {letter}" for letter in "ABCDEFGHIJKLMNOPQRSTUVWXY"] + ["Wonen"]
    mentions = [3 + i % 4 for i in range(len(names) - 1)] + [12]
    lines = [f"{name}: {count} mensen" for name, count in zip(names, mentions, strict=True)]
    said = _said(book.draw(dataclasses.replace(place, themes=lines, mentions=mentions)))
    assert "thema’s: zie het rapport" in said  # the page had no room for all
    assert "Wonen: 12 mensen" in said
    printed = [count for line, count in zip(lines, mentions, strict=True) if line in said]
    left = [count for line, count in zip(lines, mentions, strict=True) if line not in said]
    assert max(left) <= min(printed)


def test_a_gemeente_left_out_is_explained_in_dutch_beside_the_english_reason(houten_region, tmp_path):
    # User test P: gemeenten.csv gave why Houten was left out in English only, so a Dutch page could not quote it.
    out = tmp_path / "out"
    assert cli.main(["handouts", "--project", str(houten_region), "--out", str(out)]) == 0
    rows = excel_files.read(out / "gemeenten.csv", dtype=str, keep_default_na=False).set_index("gemeentecode")
    houten = rows.loc["GM0321"]
    assert houten["reden"].startswith("GM0321 Houten: the KWB figures of 2020 and the polygons of 2020")  # analysts
    said = houten["uitleg"]
    assert said.startswith("De buurten in de CBS-cijfers van 2020 zijn anders ingedeeld dan de buurten op de kaart")
    assert "Er staat 1 buurt wel in de cijfers, niet op de kaart." in said
    # Review r 2.5: the text stands in gemeenten.csv, so it points to the column beside it, not to the file itself.
    assert said.endswith("staat in de kolom reden (in het Engels).") and "gemeenten.csv" not in said
    assert not re.search(r"\b(the|of|and|polygons|figures)\b", said)
    assert rows.loc["GM0096", "uitleg"] == "" and rows.loc["GM0088", "uitleg"] == ""
    page = html.unescape((out / "index.html").read_text(encoding="utf-8"))
    assert "Geen handouts voor Houten (GM0321). De buurten in de CBS-cijfers van 2020 zijn anders ingedeeld" in page
    assert "in het Engels, voor wie het project beheert" in page


@pytest.mark.parametrize(
    ("status", "reason", "said"),
    [
        ("geweigerd", "GM0001 X: buurten.gpkg has no polygons of it", "De kaart van het project heeft geen buurten"),
        ("geweigerd", "GM0001 X: the KWB figures fail a check: share_max ...", "halen een controle van buurtdata niet"),
        ("geweigerd", "GM0001 X: something new", "Deze gemeente is niet meegenomen."),
        # Review 12 #5: a polygon file cut to part of the gemeente had only the generic text.
        ("geweigerd", "GM0001 X: b.gpkg lacks 3 of the 16 buurten of the KWB figures of 2020", "ontbreken 3 buurten"),
        ("overgezet", "GM0001 X: carried by area ...", "omgerekend naar de buurten van de kaart"),
    ],
)
def test_every_kind_of_reason_has_its_dutch_explanation(status, reason, said):
    assert said in _left_out.uitleg(status, reason)
