"""Sweep 13 #15: every printed line inside the page's margins, on a real team's long round label.

Real figures and polygons: Ermelo (GM0233) from CBS's KWB 2020 (data/raw/kwb2020-84799NED-statlinebq) on the 2021 wijk-
en buurtkaart (data/raw/wijkenbuurten2021-ermelo-gpkg-tauvic), as the sweep used them. The interviews are FICTIEF,
written here, in three rounds; today's round carries the label a real team gives it ("... uitgevoerd door Stichting
Welzijn Noord-Veluwe en het Sociaal Wijkteam Ermelo"), whose source line ran off the plan's A4 page (x = 815 pt on a
595 pt page) and 4 mm from the paper's edge on the handout, past the text above it.
"""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest

from buurtdata import datasets, pipeline
from buurtdata.outputs import handout, handout_blocks, toekomstplan
from buurtdata.project import Project
from tests import ermelo_rounds

pypdfium2 = pytest.importorskip("pypdfium2")

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
KWB_2020 = RAW / "kwb2020-84799NED-statlinebq" / "84799NED" / "cbs.v3.84799NED_TypedDataSet.parquet"
ERMELO_GPKG = RAW / "wijkenbuurten2021-ermelo-gpkg-tauvic" / "CBS_buurten.gpkg"
pytestmark = pytest.mark.skipif(not KWB_2020.exists() or not ERMELO_GPKG.exists(), reason="data/raw is not here")

LONG_LABEL = (
    "Buurtgesprekken Ermelo najaar 2025, uitgevoerd door Stichting Welzijn Noord-Veluwe en het Sociaal Wijkteam Ermelo"
)
TONSEL, WEST = "BU02330004", "BU02330002"
PLACES = {"Ermelo-West": 4, "Tonsel": 3}
THEMES = {1: ["Ontmoeten", "Eenzaamheid"], 2: ["Ontmoeten", "Eenzaamheid", "Jongeren"], 3: ["Eenzaamheid", "Wonen"]}
DATES = {1: "2024-10-14", 2: "2025-04-15", 3: "2025-10-13"}
HEADER = "# FICTIEF - verzonnen fragmenten (sweep 13), geen echte personen.\n"
#: An agreement as long as a team writes one, in a word or two wider than most (what a line of characters missed).
AGREEMENTS = (
    "# FICTIEF\nbuurt,thema,afspraak,wie,terugkijken\n"
    "Tonsel,Eenzaamheid,Een wekelijkse koffieochtend in het dorpshuis met vervoer voor wie slecht ter been is "
    "en een WhatsApp-groep voor de buurt,Stichting Welzijn Noord-Veluwe,2025-03-01\n"
    "Ermelo-West,Ontmoeten,WWWW MMMM WWWW MMMM WWWW MMMM WWWW MMMM WWWW MMMM WWWW MMMM WWWW MMMM WWWW MMMM WWWW "
    "MMMM WWWW MMMM,buurtteam,2025-03-01\n"
)


def _round(number: int) -> str:
    rows = []
    for place, people in PLACES.items():
        for person in range(people):
            for theme in THEMES[number]:
                said = f"S{number}{len(rows):03d},R{place[-2:].upper()}{number}{person},bewoner,{theme}"
                rows.append(f"{said},Zo is het hier.,{place},{DATES[number]},ja\n")
    return HEADER + "segment_id,respondent,role,code,quote,location,date,consent\n" + "".join(rows)


def write_project(
    folder: Path,
    *,
    label: str = LONG_LABEL,
    fictional: tuple[bool, bool, bool] = (True,) * 3,
    agreements: str = AGREEMENTS,
    agreed_in: int = 1,
) -> Path:
    """An Ermelo project of three rounds (najaar 2024, voorjaar 2025, today najaar 2025), ``fictional`` per round in
    that order; today's round is labelled ``label``; round ``agreed_in`` (1 or 2) has ``agreements``. Return its
    project file."""
    codebook = datasets.get_path("hengelo").parent / "codebook.csv"
    folder.mkdir(parents=True)
    shutil.copy(ERMELO_GPKG, folder / "CBS_buurten.gpkg")
    for number in (1, 2, 3):
        (folder / f"ronde{number}.csv").write_text(_round(number), encoding="utf-8")
    (folder / "afspraken.csv").write_text(agreements, encoding="utf-8")
    agreed = ['agreements = "afspraken.csv"\n' if number == agreed_in else "" for number in (1, 2)]
    first, second, today = (str(flag).lower() for flag in fictional)
    (folder / "project.toml").write_text(
        ermelo_rounds.head("CBS_buurten.gpkg")
        + f"""
[interviews]
segments = "ronde3.csv"
codebook = "{codebook.as_posix()}"
fictional = {today}
label = "{label}"
period = "najaar 2025"

[[rounds]]
label = "Buurtgesprekken najaar 2024"
period = "najaar 2024"
segments = "ronde1.csv"
codebook = "{codebook.as_posix()}"
{agreed[0]}fictional = {first}

[[rounds]]
label = "Buurtgesprekken voorjaar 2025"
period = "voorjaar 2025"
segments = "ronde2.csv"
codebook = "{codebook.as_posix()}"
{agreed[1]}fictional = {second}

[privacy]
threshold = 3
publish_quotes = true

[maps]
indicator = "aandeel_65_plus"
theme = "Eenzaamheid"

[profile]
indicators = ["inwoners", "aandeel_0_15", "aandeel_65_plus", "aandeel_eenpersoonshuishoudens"]

[[links]]
theme = "Eenzaamheid"
higher = ["aandeel_eenpersoonshuishoudens", "aandeel_65_plus"]
""",
        encoding="utf-8",
    )
    return folder / "project.toml"


def run(project_file: Path, key: bytes) -> pipeline.PipelineResult:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pipeline.run(Project.load(project_file), key=key)


@pytest.fixture(scope="module")
def long_label(tmp_path_factory, key) -> tuple[pipeline.PipelineResult, Path]:
    root = tmp_path_factory.mktemp("lang_label")
    return run(write_project(root / "ermelo"), key), root


def text_boxes(pdf: Path) -> list[tuple[int, float, float, str, float]]:
    """Every text box of ``pdf``: its page, left and right edge in points, its text, and its page's width."""
    document = pypdfium2.PdfDocument(pdf)
    boxes = []
    try:
        for number in range(len(document)):
            page = document[number]
            text = page.get_textpage()
            for n in range(text.count_rects()):
                left, bottom, right, top = text.get_rect(n)
                said = text.get_text_bounded(left, bottom, right, top)
                boxes.append((number + 1, left, right, said, page.get_size()[0]))
    finally:
        document.close()
    return boxes


def printed(pdf: Path) -> str:
    """The text of every page of ``pdf``, its white space as single spaces."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return " ".join(" ".join(page.get_textpage().get_text_range() for page in document).split())
    finally:
        document.close()


def outside(pdf: Path, left: float, right: float) -> list[str]:
    """The text boxes of ``pdf`` that reach outside ``left`` to ``right`` (fractions of the page's width), with
    half a point for the ink of a glyph beside its advance."""
    return [
        f"{pdf.name} p. {page}: {text!r} from {x0:.0f} to {x1:.0f} pt, margins {left * w:.0f} to {right * w:.0f}"
        for page, x0, x1, text, w in text_boxes(pdf)
        if x0 < left * w - 0.5 or x1 > right * w + 0.5
    ]


def test_the_plans_lines_stay_inside_its_margins_with_a_teams_long_label(long_label):
    result, root = long_label
    paths = toekomstplan.write_plans(result, root / "plannen", buurten=[TONSEL, WEST])
    pdfs = [path for path in paths if path.suffix == ".pdf"]
    assert len(pdfs) == 2
    for pdf in pdfs:
        assert outside(pdf, toekomstplan._LEFT, toekomstplan._RIGHT) == []
        said = printed(pdf)
        # The whole label is printed, its FICTIEF words too (they were cut off at the paper's edge).
        assert "en het Sociaal Wijkteam Ermelo (fictief, geen echte personen)" in said, said
        assert "Stichting Welzijn Noord-Veluwe" in said


def test_the_handouts_lines_stay_inside_the_bodys_margins_with_a_teams_long_label(long_label, key):
    result, root = long_label
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        paths = handout.make_handouts(
            result.project, root / "handouts", result=result, buurten=[TONSEL, WEST], png=False, progress=False, key=key
        )
    sheets = [path for path in paths if path.suffix == ".pdf" and path.name.startswith("BU")]
    assert len(sheets) == 2
    for pdf in sheets:
        assert outside(pdf, handout_blocks.LEFT, handout_blocks.RIGHT) == []
        said = printed(pdf)
        assert "en het Sociaal Wijkteam Ermelo (fictief, geen echte personen)" in said, said


def test_a_source_line_wraps_at_the_text_width_not_at_a_count_of_characters():
    source = f"Bron: CBS, Kerncijfers wijken en buurten 2020 (84799NED); interviews: {LONG_LABEL}"
    for lines in (toekomstplan.source_lines(source), handout_blocks.source_lines(source)):
        assert len(lines) == 2 and " ".join(lines) == source


def test_the_maps_classes_give_each_value_one_class_and_its_key_stays_inside_the_titles_margins(long_label):
    """Sweep 13 #18 (erm_r/kaarten/aandeel_65_plus.pdf): "tot en met 17,0 | 17,0–19,0 | 19,0–22,0" put 17,0 and
    19,0 in two classes as read aloud, and the key of buurt names ran to x = 832 pt of 842 at 6.5 pt."""
    import re

    from buurtdata.outputs import _map_key, maps
    from buurtdata.outputs._paper import save_figure

    result, root = long_label
    figure = maps.print_indicator_map(result, "aandeel_65_plus")
    (pdf,) = save_figure(figure, root / "aandeel_65_plus", png=False)
    # The title's left margin (0.03 of the page) is the key's right margin.
    assert outside(pdf, 0.03, 0.97) == []
    said = printed(pdf)
    first = re.search(r"tot en met (\d+,\d)", said)
    ranges = re.findall(r"(\d+,\d)\u2013(\d+,\d)", said)
    assert first and len(ranges) >= 3, said
    uppers = [first.group(1), *(upper for _, upper in ranges)]
    for (lower, _), before in zip(ranges, uppers, strict=False):
        # Each class starts at the next value written after the class before it ends: 17,1 after 17,0.
        assert float(lower.replace(",", ".")) == pytest.approx(float(before.replace(",", ".")) + 0.1), said
    # Ermelo's 16 names in larger print than the 66 a column of the smallest size, none cut shorter for it.
    sizes = {text.get_fontsize() for text in figure.texts if text.get_position()[0] >= _map_key.KEY_LEFT}
    assert sizes and min(sizes) >= 7.0, sizes
    assert "16 Verspreide huizen bosgebied (Wijk 01" in said, said
