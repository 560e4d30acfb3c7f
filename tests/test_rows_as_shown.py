"""Sweep12 F12: in a CSV whose quoted cells hold line breaks, a message names the row as a spreadsheet shows it (a
quote over three lines is one row), and a row's id (``file:row``) is that row too; a message about the text itself (a
quote left open) names its lines. Every value FICTIEF."""

from __future__ import annotations

import pytest

from buurtdata._errors import ValidationError
from buurtdata.sources.interviews import read_segments

#: sweep12's in/multiline.csv: the header, S1 with a quote over 3 lines, S2 with role bewonr (row 3 in Excel).
MULTILINE = (
    "segment_id;respondent;role;code;quote;location;date;consent\n"
    'S1;HGL-A1;bewoner;Eenzaamheid;"Regel een\nregel twee\nregel drie";Berflo Es Noord;03-05-2025;ja\n'
    "S2;HGL-A2;bewonr;Eenzaamheid;Kort.;Berflo Es Noord;03-05-2025;ja\n"
)


@pytest.mark.parametrize("line_end", ["\n", "\r\n", "\r"])  # "\r" alone: read by the csv module, line by line
def test_a_message_names_the_row_a_spreadsheet_shows(tmp_path, line_end):
    path = tmp_path / "multiline.csv"
    path.write_bytes(MULTILINE.replace("\n", line_end).encode())
    with pytest.raises(ValidationError, match=r"multiline\.csv, row 3, field 'role': 'bewonr' is not a known role"):
        read_segments(path)


@pytest.mark.parametrize("line_end", ["\n", "\r"])
def test_a_rows_id_is_the_row_a_spreadsheet_shows(tmp_path, line_end):
    path = tmp_path / "segmenten.csv"
    text = MULTILINE.replace("segment_id;", "").replace("S1;", "").replace("S2;", "").replace("bewonr", "bewoner")
    path.write_bytes(
        (text + "HGL-A3;bewoner;Eenzaamheid;Ook kort.;Berflo Es Noord;03-05-2025;ja\n").replace("\n", line_end).encode()
    )
    segments = read_segments(path)
    assert segments.index.tolist() == [2, 3, 4]
    assert segments["segment_id"].tolist() == ["segmenten.csv:2", "segmenten.csv:3", "segmenten.csv:4"]
