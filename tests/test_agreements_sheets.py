"""An agreements workbook is read as a wijkwerker keeps one (sweep 13 #11): a sheet after the first that holds
agreements too (a tab per meeting) is refused, naming the sheet and its rows, as the segments reader refuses one
(sweep 12 F14); its Tonsel agreement was in no plan, no handout and no overdracht. Ermelo's buurten as CBS's
national KWB 2020 files name them; every agreement is FICTIEF."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import openpyxl
import pytest

from buurtdata._errors import InputFileError, ValidationError
from buurtdata.sources.agreements import handed_over, read_agreements
from tests import excel_files
from tests.test_places_gemeente_column import KWB_2020, kwb2020_regions

pytestmark = pytest.mark.skipif(not KWB_2020.exists(), reason="data/raw is not here")

THEMES = {"Jongeren": "Jongeren", "Eenzaamheid": "Eenzaamheid", "Ontmoeten": "Ontmoeten", "Buurthuis": "Ontmoeten"}
THEMES |= {"Wonen": "Wonen"}
HEADER = ("Buurt", "Thema", "Afspraak", "Wie", "Terugkijken")
#: The sweep's first sheet: four agreements of a meeting in Ermelo, a blank row among them.
AFSPRAKEN = [
    ("Ermelo-Oost", "Jongeren", "Plek voor de jeugd", "jongerenwerker", dt.datetime(2025, 2, 3)),
    (None, None, None, None, None),
    ("Ermelo-West", "eenzaamheid", "Koffieochtend", "Buurtteam Ermelo", "2025-03-01"),
    ("Horst", "Buurthuis", "Buurthuis open", "gemeente Ermelo", "2025-03-01"),
    ("Veldwijk-'s Heerenloo", "Ontmoeten", "Ontmoetingsplek", "welzijn", "2025-03-01"),
]


@pytest.fixture(scope="module")
def ermelo():
    return kwb2020_regions(["GM0233"])


def _workbook(path: Path, sheets: dict[str, list[tuple]], hidden: tuple[str, ...] = ()) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        if name in hidden:
            sheet.sheet_state = "hidden"
    book.save(path)
    return path


def test_a_second_sheet_of_agreements_is_refused_naming_it_and_its_rows(tmp_path, ermelo):
    voorjaar = [HEADER, ("Tonsel", "Wonen", "x", "y", dt.datetime(2025, 5, 1))]
    path = _workbook(tmp_path / "afspraken_2024.xlsx", {"Afspraken": [HEADER, *AFSPRAKEN], "Voorjaar": voorjaar})
    with pytest.raises(InputFileError) as refused:
        read_agreements(path, buurten=ermelo, themes=THEMES)
    said = str(refused.value)
    assert "on sheet 'Afspraken', but the sheet 'Voorjaar' (tab 2, 1 row) holds a table" in said
    assert "Put all rows on one sheet" in said and str(path) in said
    with pytest.raises(InputFileError, match="'Voorjaar'"):
        handed_over(path)  # the overdracht packed the first sheet only


def test_other_sheets_that_hold_no_agreements_are_no_news(tmp_path, ermelo):
    sheets = {
        "Afspraken": [("# FICTIEF",), HEADER, *AFSPRAKEN],
        "Telling": [("Thema", "Aantal"), ("Jongeren", 1)],  # a summary: another table
        "Oud": [HEADER, ("Tonsel", "Wonen", "x", "y", "2024-05-01")],  # hidden: what Excel does not show
        "Leeg": [],
    }
    path = _workbook(tmp_path / "afspraken.xlsx", sheets, hidden=("Oud",))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        found = read_agreements(path, buurten=ermelo, themes=THEMES)
    assert found["code"].tolist() == ["BU02330001", "BU02330002", "BU02330005", "BU02330003"]


def test_a_hidden_first_sheet_is_not_read_the_first_sheet_excel_shows_is(tmp_path, ermelo):
    # A session-13 find: an old round's agreements on a hidden first tab were read, printed and handed over.
    old = [HEADER, ("Tonsel", "Wonen", "Oude afspraak", "y", "2024-05-01")]
    sheets = {"Oud": old, "Afspraken": [("# FICTIEF",), HEADER, *AFSPRAKEN]}
    path = _workbook(tmp_path / "afspraken.xlsx", sheets, hidden=("Oud",))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        found = read_agreements(path, buurten=ermelo, themes=THEMES)
        handed = excel_files.text(handed_over(path)).splitlines()
    assert found["code"].tolist() == ["BU02330001", "BU02330002", "BU02330005", "BU02330003"]
    assert "Oude afspraak" not in found["agreement"].tolist()
    assert handed[:2] == ["# FICTIEF", "Buurt;Thema;Afspraak;Wie;Terugkijken"]
    assert handed[2].startswith("Ermelo-Oost;Jongeren;Plek voor de jeugd;jongerenwerker;")
    assert not any("Oude afspraak" in line for line in handed)
    # A visible sheet after the one read that holds agreements too is refused, as with a first sheet shown.
    voorjaar = [HEADER, ("Tonsel", "Wonen", "x", "y", dt.datetime(2025, 5, 1))]
    path = _workbook(tmp_path / "drie.xlsx", {**sheets, "Voorjaar": voorjaar}, hidden=("Oud",))
    with pytest.raises(InputFileError, match="on sheet 'Afspraken', but the sheet 'Voorjaar' \\(tab 3, 1 row\\)"):
        read_agreements(path, buurten=ermelo, themes=THEMES)


def test_a_first_sheet_shown_without_agreements_before_which_a_hidden_one_has_them_is_refused(tmp_path, ermelo):
    sheets = {"Afspraken": [HEADER, *AFSPRAKEN], "Telling": [("Thema", "Aantal"), ("Jongeren", 1)]}
    path = _workbook(tmp_path / "afspraken.xlsx", sheets, hidden=("Afspraken",))
    for reading in (lambda: read_agreements(path, buurten=ermelo, themes=THEMES), lambda: handed_over(path)):
        with pytest.raises(InputFileError) as refused:
            reading()
        assert str(refused.value) == (
            f"{path}: the agreements are read from the first sheet Excel shows, 'Telling' (tab 2), which holds none "
            "(no header with buurt and afspraak); the hidden sheet 'Afspraken' (tab 1) before it holds agreements, "
            "and a hidden sheet is not read. Unhide the sheet meant (right-click a sheet tab, Unhide) and put it "
            "first, or copy its rows to the first sheet."
        )


def test_an_excel_date_number_is_said_as_the_date_it_stands_for(tmp_path, ermelo):
    # Sweep 13 #12: a date cell in "Standaard" format holds 45717; it was told "write e.g. 2024-06-01".
    rows = [HEADER, *AFSPRAKEN]
    rows[4] = ("Horst", "Buurthuis", "Buurthuis open", "gemeente Ermelo", 45717)
    path = _workbook(tmp_path / "afspraken_2024.xlsx", {"Afspraken": rows})
    with pytest.raises(ValidationError) as refused:
        read_agreements(path, buurten=ermelo, themes=THEMES)
    (said,) = refused.value.problems
    assert said == (
        "afspraken_2024.xlsx, row 5: terugkijken '45717' is an Excel date number, which stands for 2025-03-01; "
        "format the column in Excel as a date (Format Cells > Date), or write 2025-03-01."
    )
