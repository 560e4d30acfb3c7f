"""Time of reading the interview exports the review of fix-qda timed: a million-row CSV saved as cp1252 (and the
same as UTF-8), a CSV with a NUL on every 20th line, and a workbook with a hidden sheet of 60,000 rows.

Usage::

    nice -n 19 python benchmarks/qda_exports.py [--rows 1000000]

Writes the files (all FICTIEF) in a temporary folder, removed afterwards, and prints each read's time.
Figures on 2 shared (busy) cores, 249705d / 65dcc77 / fix-fixq: cp1252 CSV of 1M rows 3.1-3.9 s / 8.8-9.4 s /
2.8-4.2 s; UTF-8 unchanged (1.6-2.4 s); NUL lines (100,000 rows, 5,000 NULs) 0.36 s / 13.75 s / 0.03 s; hidden
sheet 0.02 s / 15.4 s / 0.05 s.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
import warnings
from pathlib import Path

from buurtdata import read_segments
from buurtdata._errors import InputFileError

HEADER = "segment_id,respondent,role,code,quote,location,date,consent"
WORDS = "FICTIEF het buurthuis is fijn en één café ’s avonds naïef financiële".split()


def _csv(path: Path, rows: int, encoding: str, nul_every: int = 0) -> Path:
    pick = random.Random(1)
    lines = [HEADER]
    for i in range(rows):
        quote = " ".join(pick.choices(WORDS, k=8)) + ("\0" if nul_every and i % nul_every == 0 else "")
        lines.append(f"S{i},B{i % 200000:06d},bewoner,Ontmoeten,{quote},Noord,14-03-2025,ja")
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def _hidden_sheet(path: Path, rows: int) -> Path:
    import openpyxl

    # Not write_only: that writes no <dimension>, and openpyxl then parses every sheet in full on opening the file.
    book = openpyxl.Workbook()
    shown, old = book.active, book.create_sheet("Oud")
    old.sheet_state = "hidden"
    for sheet, count in ((shown, 5), (old, rows)):
        sheet.append(HEADER.split(","))
        for i in range(count):
            sheet.append([f"S{i}", f"B{i}", "bewoner", "Ontmoeten", "FICTIEF citaat", "Noord", "2025-03-14", "ja"])
    book.save(path)
    return path


def _timed(what: str, path: Path) -> None:
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            result = f"{len(read_segments(path)):,} segments"
        except InputFileError as exc:
            result = f"refused: {str(exc)[:60]}..."
    print(f"{what:<32} {time.perf_counter() - start:6.2f} s  {result}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows of the large CSVs")
    rows = parser.parse_args().rows
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        _timed(f"cp1252 CSV, {rows:,} rows", _csv(tmp / "cp1252.csv", rows, "cp1252"))
        _timed(f"UTF-8 CSV, {rows:,} rows", _csv(tmp / "utf8.csv", rows, "utf-8"))
        _timed("NUL lines, 100,000 rows", _csv(tmp / "nul.csv", 100_000, "utf-8", nul_every=20))
        _timed("hidden sheet of 60,000 rows", _hidden_sheet(tmp / "verborgen.xlsx", 60_000))


if __name__ == "__main__":
    main()
