"""A message names the place a user finds in their own file: the line of a KWB cell, the line of a project key,
and the report writes its numbers the Dutch way."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from buurtdata import datasets
from buurtdata._errors import ValidationError
from buurtdata.pipeline import rules_nl
from buurtdata.project import Project
from buurtdata.sources.cbs import staging

CSV_2024 = Path(__file__).parent / "fixtures" / "cbs" / "85984NED_hengelo.csv"
SAMPLE_2024 = datasets.get_path("hengelo/kwb2024_85984NED.parquet")


def _source_rows(path: Path) -> dict[str, int]:
    """Stage ``path`` as KWB 2024; return each region's ``source_row``."""
    con = duckdb.connect()
    staging.create_staging_tables(con)
    staging.load_year(con, 2024, "85984NED", None, path, False, None)
    return dict(con.execute("select distinct code, source_row from stg_kwb_observations").fetchall())


def test_a_csv_cell_is_named_by_its_file_line(tmp_path):
    lines = CSV_2024.read_text(encoding="utf-8-sig").splitlines()
    rows = _source_rows(CSV_2024)
    line = next(n for n, text in enumerate(lines, start=1) if ";BU01640101" in text)
    assert rows["BU01640101"] == line and rows["NL00"] == 2


def test_an_excel_cell_is_named_by_its_sheet_row_past_empty_rows(tmp_path):
    table = pd.read_csv(CSV_2024, sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    cells = [table.columns.tolist(), *table.to_numpy().tolist()]
    # Two empty rows after Nederland (sheet row 2): the regions below them sit two rows further down.
    cells[2:2] = [[""] * len(table.columns)] * 2
    path = tmp_path / "85984NED.xlsx"
    pd.DataFrame(cells).to_excel(path, header=False, index=False)
    rows = _source_rows(path)
    line = 1 + 2 + 1 + table.index[table["Codering_3"].str.strip() == "BU01640101"][0]
    assert rows["NL00"] == 2 and rows["BU01640101"] == line


def test_a_parquet_cell_is_named_by_its_row_from_one():
    frame = pd.read_parquet(SAMPLE_2024)
    rows = _source_rows(SAMPLE_2024)
    first = frame["WijkenEnBuurten"].str.strip().iloc[0]
    assert rows[first] == 1


@pytest.mark.parametrize(
    ("year", "extra", "expected"),
    [
        ('"2024"', "", "line 3, top level.year = '2024': expected int; write year = 2024 without quotes"),
        (
            "2024",
            '[profile]\nindicators = "inwoners"\n',
            "line 15, [profile].indicators = 'inwoners': expected list; "
            'write indicators = ["inwoners"] (a list in square brackets)',
        ),
        (
            "2024",
            "[privacy]\nthreshold = 2.0\n",
            "line 15, [privacy].threshold = 2.0: expected int; write threshold = 2 (a whole number)",
        ),
    ],
)
def test_a_project_key_of_the_wrong_type_names_its_line_and_how_to_write_it(tmp_path, year, extra, expected):
    path = tmp_path / "project.toml"
    path.write_text(
        f'# Hengelo\ngemeente = "GM0164"\nyear = {year}\n\n'
        f'[[kwb]]\nyear = 2024\ntable = "85984NED"\ndata = "{SAMPLE_2024.as_posix()}"\n\n'
        f'[boundaries]\nyear = 2024\npath = "{SAMPLE_2024.as_posix()}"\n\n{extra}',
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as raised:
        Project.load(path)
    assert expected in raised.value.problems


def test_the_project_file_is_read_once_also_for_the_line_a_message_names(tmp_path, monkeypatch):
    path = tmp_path / "project.toml"
    path.write_text(
        f'gemeente = "GM0164"\nyear = "2024"\n\n[[kwb]]\nyear = 2024\ntable = "85984NED"\n'
        f'data = "{SAMPLE_2024.as_posix()}"\n\n[boundaries]\nyear = 2024\npath = "{SAMPLE_2024.as_posix()}"\n',
        encoding="utf-8",
    )
    reads = []
    read_text = Path.read_text
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **k: reads.append(self) or read_text(self, *a, **k))
    with pytest.raises(ValidationError) as raised:
        Project.load(path)
    assert "line 2, top level.year = '2024': expected int; write year = 2024 without quotes" in raised.value.problems
    assert reads.count(path) == 1


def test_the_dutch_rules_write_dutch_numbers():
    short = rules_nl.dutch(
        "buurt and wijk inwoners add up to the gemeente within CBS rounding (4 per region) "
        "or up to 0.5% short (residents in no buurt)"
    )
    assert "(4 per regio)" in short and "tot 0,5% minder" in short
    high = rules_nl.dutch("plausibility: every figure is a finite number below 1e+12 (not inf)")
    assert high.endswith("onder 1.000.000.000.000")
    # A CBS status code stays as the file writes it.
    assert "-99990 of lager" in rules_nl.dutch("plausibility: no figure is -99990 or lower (that is ...)")
