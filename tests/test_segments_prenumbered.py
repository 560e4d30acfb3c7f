"""Sweep 12 interviews F7: a template numbered ahead (S001-S500, 50 used) gave two lines per unused row."""

from __future__ import annotations

import pytest

from buurtdata._errors import ValidationError
from buurtdata.sources.interviews import read_segments

HEADER = "segment_id;respondent;role;code;quote;location;date;consent\n"


def test_rows_numbered_ahead_are_one_line_per_run(tmp_path):
    sheet = tmp_path / "segmenten.csv"
    used = "".join(f"S{i:03d};B{i:02d};bewoner;Wonen;Tekst (FICTIEF).;Noord;2025-05-03;ja\n" for i in range(1, 4))
    ahead = "".join(f"S{i:03d};;;;;;;\n" for i in range(4, 500))
    sheet.write_text(HEADER + used + ahead + "S500;B09;;;;;;\n" + "S501;;;;;;;\n", encoding="utf-8")
    with pytest.raises(ValidationError) as refused:
        read_segments(sheet)
    lines = [line.strip() for line in str(refused.value).splitlines()[1:]]
    assert lines[0] == (
        f"- {sheet}, rows 5-500: only a segment_id, no respondent, code or quote; fill in or delete the rows"
    )
    # A row with more than its id is still checked field by field; a lone one is said as one row.
    assert any("row 501" in line and "code" in line for line in lines)
    assert lines[-1] == f"- {sheet}, row 502: " + lines[0].split(": ", 1)[1]
    assert len(lines) < 10
