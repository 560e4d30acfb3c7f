"""The column-wise readers of interview tables give what the row-by-row rules say, on any mix of cells.

The template is read by Arrow's (or pandas') C parser, also when a quoted cell holds a line break, and line
by line by the csv module when they cannot (a quote left open); both must give the same cells and row
numbers. Typo pairs of respondent ids are found per position over the column; they must be the pairs the
rule names.
"""

from __future__ import annotations

import itertools
import random

import pandas as pd
import pytest

from buurtdata._errors import ValidationError
from buurtdata.datasets import get_path
from buurtdata.sources.interviews import arrow_csv, read_segments, tables
from buurtdata.sources.interviews.respondent_parts import one_letter_apart

CELLS = ["", " ", "ja", " nee ", "Berflo Es", '"a, b"', '"zei ""nee"""', "#niet aan het begin", "\u00a0x\u00a0", "é"]


def _generated_csv(rows: int, separator: str, seed: int, widths: tuple[int, ...] = (2, 4, 4, 4, 5)) -> str:
    """A CSV text with comments above the header, blank lines, rows starting with # (data below the header),
    quoted separators and quotes, padding and short and long rows."""
    rng = random.Random(seed)
    lines = [
        "# FICTIEF: gegenereerde cellen",
        '  # commentaar met een quote: "',
        "",
        separator.join(["a", "b", "c", "d"]),
    ]
    for _ in range(rows):
        kind = rng.random()
        if kind < 0.05:
            lines.append("")
        else:
            width = rng.choice(widths)
            cells = [rng.choice(CELLS).replace(",", separator) for _ in range(width)]
            if kind < 0.1:
                cells[0] = rng.choice(["#001", "  # geen commentaar", "#ff0000"])
            lines.append(separator.join(cells))
    return "\n".join(lines) + "\n"


def _both_ways(text: str, tmp_path) -> tuple[pd.DataFrame, pd.DataFrame, list[int], list[int]]:
    fast = arrow_csv.csv_frame(text.encode())
    assert fast is not None, "every row is one line, so the C parser reads it"
    slow_cells, slow_count = tables._rows_table(arrow_csv.csv_rows(tmp_path / "t.csv", text))
    fast_cells, fast_count = fast
    width = max(len(fast_cells.columns), len(slow_cells.columns))
    fast_cells = fast_cells.reindex(columns=range(width), fill_value="")
    slow_cells = slow_cells.reindex(columns=range(width), fill_value="")
    # The line-by-line reader leaves out nothing but lines; the C parser keeps every line as a row.
    fast_cells = fast_cells.loc[slow_cells.index]
    rows = list(slow_cells.index)
    return fast_cells, slow_cells, [fast_count(r) for r in rows], [slow_count(r) for r in rows]


@pytest.mark.parametrize(("separator", "seed"), [(",", 1), (";", 2), (",", 3)])
def test_the_c_parser_reads_as_the_csv_module(separator, seed, tmp_path):
    fast, slow, fast_counts, slow_counts = _both_ways(_generated_csv(2_000, separator, seed), tmp_path)
    pd.testing.assert_frame_equal(fast.astype(object), slow.astype(object), check_names=False)
    assert fast_counts == slow_counts


@pytest.mark.parametrize(("separator", "seed", "line_end"), [(",", 4, "\n"), (";", 5, "\r\n")])
def test_arrows_reader_reads_as_the_csv_module(separator, seed, line_end, tmp_path):
    text = _generated_csv(2_000, separator, seed, widths=(4,)).replace("\n", line_end)
    assert arrow_csv.arrow_cells(arrow_csv.blank_comments(text.encode()), separator, 4) is not None, (
        "every row has 4 cells"
    )
    fast, slow, fast_counts, slow_counts = _both_ways(text, tmp_path)
    pd.testing.assert_frame_equal(fast.astype(object), slow.astype(object), check_names=False)
    assert fast_counts == slow_counts


def test_the_sample_reads_the_same_both_ways(tmp_path):
    text = get_path("hengelo/interviews_fictief.csv").read_text(encoding="utf-8-sig")
    fast, slow, fast_counts, slow_counts = _both_ways(text, tmp_path)
    pd.testing.assert_frame_equal(fast.astype(object), slow.astype(object), check_names=False)
    assert fast_counts == slow_counts


#: Quoted cells over several lines, as Excel and QDA tools write a quote of more than one line (with a blank
#: line in it, a line that starts with # and one with separators).
SPANNING = ['"twee\nregels"', '"drie\n\nregels"', '" # niet\n  een commentaar"', '"a, b\nc, d\ne"']


@pytest.mark.parametrize(("separator", "seed", "line_end"), [(",", 6, "\n"), (";", 7, "\r\n"), (",", 8, "\r\n")])
def test_arrows_reader_numbers_rows_over_several_lines_as_the_csv_module(separator, seed, line_end, tmp_path):
    rng = random.Random(seed)
    rows = _generated_csv(1_000, separator, seed, widths=(4,)).split("\n")
    for at in rng.sample(range(4, len(rows) - 1), 150):
        if rows[at].strip() and not rows[at].lstrip().startswith("#"):
            cells = rows[at].split(separator) if '"' not in rows[at] else None
            if cells is not None:
                cells[rng.randrange(4)] = rng.choice(SPANNING).replace(",", separator)
                rows[at] = separator.join(cells)
    text = "\n".join(rows).replace("\n", line_end)
    assert arrow_csv.arrow_cells(arrow_csv.blank_comments(text.encode()), separator, 4) is not None
    fast, slow, fast_counts, slow_counts = _both_ways(text, tmp_path)
    pd.testing.assert_frame_equal(fast.astype(object), slow.astype(object), check_names=False)


def test_a_quote_left_open_is_left_to_the_csv_module_which_names_it(tmp_path):
    text = 'a,b,c,d\n1,"open,3,4\n5,6,7,8\n9,10,11,12"\n13,14,15,16\n'
    assert arrow_csv.csv_frame(text.encode()) is None


def test_a_cell_over_two_lines_is_read_by_arrow_numbered_as_a_spreadsheet_row(tmp_path):
    text = 'segment_id,respondent,role,code,quote,location,date,consent\nS1,B1,bewoner,Wonen,"twee\nregels",,,ja\n'
    assert arrow_csv.csv_frame(text.encode()) is not None
    path = tmp_path / "s.csv"
    path.write_text(text + "S2,B2,bewoner,Wonen,één,,,nee\n", encoding="utf-8")
    segments = read_segments(path)
    assert segments.index.tolist() == [2, 3]  # as Excel shows them (sweep12 F12); lines 2 and 4
    assert segments["text"].tolist() == ["twee\nregels", "één"]


def test_a_row_wider_than_the_header_is_read_whole_and_named(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text(
        "segment_id,respondent,role,code,quote,location,date,consent\nS1,B1,bewoner,Wonen,q,,,ja,,,x\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationError, match=r"row 2: 11 cells but the header has 8"):
        read_segments(path)


def _typo(a: str, b: str) -> bool:
    """The rule as written: a letter for a digit, or a letter or lone digit too many."""
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return len(diff) == 1 and a[diff[0]].isdigit() != b[diff[0]].isdigit()
    short, long = sorted((a, b), key=len)
    if len(long) - len(short) != 1:
        return False
    for i in range(len(long)):
        if long[:i] + long[i + 1 :] == short:
            around = long[max(i - 1, 0) : i] + long[i + 1 : i + 2]
            if not (long[i].isdigit() and any(c.isdigit() for c in around)):
                return True
    return False


@pytest.mark.parametrize("seed", [5, 6])
def test_typo_pairs_are_the_pairs_the_rule_names(seed):
    rng = random.Random(seed)
    ids = {"".join(rng.choice("AB01O") for _ in range(rng.randint(1, 5))) for _ in range(400)}
    expected = sorted(tuple(sorted(pair)) for pair in itertools.combinations(ids, 2) if _typo(*pair))
    assert one_letter_apart(ids) == expected


def test_a_qualcoder_variable_filled_in_some_rows_only(tmp_path):
    path = tmp_path / "report.csv"
    path.write_text(
        "Case,Filename,Coder,Coded,Id,Codename,Coded_Memo,Category,CaseVar_rol,CaseVar_toestemming,CaseVar_buurt\n"
        "B1,a.txt,x,tekst een,ctid:1,Buurthuis,,Ontmoeten,wijkwerker,ja,Berflo Es\n"
        "B2,b.txt,x,tekst twee,ctid:2,Buurthuis,,Ontmoeten,,ja,\n",
        encoding="utf-8",
    )
    segments = read_segments(path)
    assert segments["role"].tolist() == ["professional", "onbekend"]
    assert segments["location_raw"].iloc[0] == "Berflo Es" and pd.isna(segments["location_raw"].iloc[1])
    assert segments["code_id"].tolist() == ["Ontmoeten/Buurthuis"] * 2
