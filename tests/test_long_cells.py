"""Sweep12 F13: a single cell far larger than any quote (sweep12's in/big.csv: one cell of 10,000,000 characters of
"Jan de Vries zegt dat ...", a whole transcript pasted in) is warned of by file, row, column and size, never its
text; it is still read. A cell a spreadsheet can hold is read without a word. Every text FICTIEF."""

from __future__ import annotations

import warnings

import pytest

from buurtdata.sources.interviews import read_codebook, read_segments
from buurtdata.sources.interviews.long_cells import MOST_CHARACTERS, LongCellWarning

HEADER = "segment_id,respondent,role,code,quote,location,date,consent\n"
BIG = "Jan de Vries zegt dat het hier niet veilig is. " * (10_000_000 // 47)


def test_a_cell_of_ten_million_characters_is_warned_of_by_row_column_and_size(tmp_path):
    path = tmp_path / "big.csv"
    rows = (
        f'S001,HGL-W01,bewoner,Eenzaamheid,"{BIG}",Berflo Es Noord,2025-05-03,ja\n'
        + "S002,B2,bewoner,Wonen,Kort.,,,ja\n"
    )
    path.write_text(HEADER + rows, encoding="utf-8")
    with pytest.warns(LongCellWarning) as caught:
        segments = read_segments(path)
    (message,) = [str(w.message) for w in caught if w.category is LongCellWarning]
    assert message.startswith(f"{path}, row 2, column 'quote': a cell of {len(BIG.strip()):,} characters, more than a ")
    assert "Jan" not in message and "Vries" not in message  # the size, never the text
    assert segments["text"].tolist() == [BIG.strip(), "Kort."]


def test_several_long_cells_are_one_warning_per_column(tmp_path):
    path = tmp_path / "s.csv"
    long = "woord " * 7_000
    rows = "".join(f"S{i},B{i},bewoner,Wonen,{long},,,ja\n" for i in range(3)) + "S9,B9,bewoner,Wonen,kort,,,ja\n"
    path.write_text(HEADER + rows, encoding="utf-8")
    with pytest.warns(LongCellWarning, match=r"s\.csv, rows 2, 3, 4, column 'quote': 3 cells of up to 41,999"):
        read_segments(path)


def test_a_cell_a_spreadsheet_holds_is_read_without_a_word(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text(HEADER + f"S1,B1,bewoner,Wonen,{'x' * MOST_CHARACTERS},,,ja\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        read_segments(path)


def test_a_codebook_cell_is_warned_of_too(tmp_path):
    path = tmp_path / "codebook.csv"
    path.write_text(f"code,theme,description\nWonen,Wonen,{'lang ' * 7_000}\n", encoding="utf-8")
    with pytest.warns(LongCellWarning, match=r"codebook\.csv, row 2, column 'description': a cell of 34,999"):
        read_codebook(path)
