"""The KWB reader's paths for large files, on small inputs: many rows, streamed Excel, transcoded CSV, memory."""

from __future__ import annotations

import codecs
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from buurtdata._errors import ValidationError
from buurtdata.sources import cbs
from buurtdata.sources.cbs import reader
from buurtdata.sources.cbs.files import read_kwb_file

CSV_2024 = Path(__file__).parent / "fixtures" / "cbs" / "85984NED_hengelo.csv"
#: More rows than DuckDB's CSV sniffer samples (20,480) and than ten of its vectors (2,048 rows each).
MANY_ROWS = 25_000


def _narrow_kwb(path: Path, last: str, *, encoding: str = "utf-8") -> Path:
    """Write a KWB 2024 CSV of a few columns and :data:`MANY_ROWS` buurten, the households of the last one ``last``."""
    lines = ["ID;Codering_3;AantalInwoners_5;HuishoudensTotaal_29"]
    lines += [f"{i};BU{90000000 + i};{i % 997};{i % 13}" for i in range(MANY_ROWS - 1)]
    lines.append(f"{MANY_ROWS - 1};BU{90000000 + MANY_ROWS - 1};5;{last}")
    path.write_text("\n".join(lines) + "\n", encoding=encoding)
    return path


def test_csv_past_the_sniff_sample_reads_every_row_and_its_separators(tmp_path):
    # The one grouped value is on the last row, far beyond what a sniffer or a first chunk sees.
    path = _narrow_kwb(tmp_path / "85984NED.csv", "39.858")
    _, _, data, *_, read_as = read_kwb_file(path, None, None)
    rows = data.df()
    assert len(rows) == MANY_ROWS
    assert rows["WijkenEnBuurten"].iloc[-1] == f"BU{90000000 + MANY_ROWS - 1}"
    assert rows["HuishoudensTotaal_29"].iloc[-1] == "39858"
    assert "'.' read as thousands separator in HuishoudensTotaal_29" in read_as


def test_csv_past_the_sniff_sample_names_the_line_of_a_bad_cell(tmp_path):
    path = _narrow_kwb(tmp_path / "85984NED.csv", "veel")
    with pytest.raises(ValidationError, match=rf"row {MANY_ROWS + 1}, field 'HuishoudensTotaal_29': 'veel' is not"):
        read_kwb_file(path, None, None)


def test_xlsx_is_streamed_across_chunks(tmp_path, monkeypatch):
    # 73 data rows in chunks of 10: the last chunk is partial, and every row keeps its place.
    monkeypatch.setattr(reader, "EXCEL_CHUNK_ROWS", 10)
    keys = pd.read_csv(CSV_2024, sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    path = tmp_path / "85984NED.xlsx"
    pd.DataFrame([keys.columns.tolist(), *keys.to_numpy().tolist()]).to_excel(path, header=False, index=False)
    frame = cbs.read_kerncijfers(path)
    assert "Excel" in frame.attrs["read_as"]
    pd.testing.assert_frame_equal(frame, cbs.read_kerncijfers(CSV_2024))


def _cells(path: Path) -> tuple[list[str], str, list[tuple]]:
    con = duckdb.connect()
    header, read_as, _ = reader.load_text(con, path, None)
    return header, read_as, con.execute("select * from kwb_text order by _row").fetchall()


@pytest.mark.parametrize("bom", [False, True], ids=["no-bom", "bom"])
def test_utf16_big_endian_is_transcoded_across_blocks(tmp_path, monkeypatch, bom):
    # An odd block size splits two-byte code units (and the BOM) between blocks.
    monkeypatch.setattr(reader, "TRANSCODE_BYTES", 7)
    text = "ID;Codering_3;Gemeentenaam_1\n1;GM0164;Hengelo\n2;GM0153;Enschedé\n"
    path = tmp_path / "85984NED.csv"
    path.write_bytes((codecs.BOM_UTF16_BE if bom else b"") + text.encode("utf-16-be"))
    header, read_as, rows = _cells(path)
    assert header == ["ID", "Codering_3", "Gemeentenaam_1"]
    assert read_as == "CSV, UTF-16, separator ';'"
    assert rows == [(1, "1", "GM0164", "Hengelo"), (2, "2", "GM0153", "Enschedé")]


def test_cp1252_is_transcoded_across_blocks(tmp_path, monkeypatch):
    monkeypatch.setattr(reader, "TRANSCODE_BYTES", 5)
    text = "ID;Codering_3;Gemeentenaam_1\r\n1;GM0164;Hengelo (O.)\r\n2;GM0153;Enschedé café\r\n"
    path = tmp_path / "85984NED.csv"
    path.write_bytes(text.encode("cp1252"))
    header, read_as, rows = _cells(path)
    assert header == ["ID", "Codering_3", "Gemeentenaam_1"]
    assert read_as == "CSV, cp1252 (Windows); not valid UTF-8, separator ';'"
    assert rows == [(1, "1", "GM0164", "Hengelo (O.)"), (2, "2", "GM0153", "Enschedé café")]


def test_cp1252_with_its_first_accent_past_the_sniff_sample_is_transcoded(tmp_path):
    # Excel's save of the national file: UTF-8 as far as DuckDB looks first; the first cp1252 byte comes later
    # (Noardeast-Fryslân at 3.4 MB), after the file was taken for UTF-8.
    path = tmp_path / "85984NED.csv"
    lines = ["ID;Codering_3;Gemeentenaam_1"] + [f"{i};BU{90000000 + i};Hengelo" for i in range(MANY_ROWS)]
    lines.append(f"{MANY_ROWS};GM1970;Noardeast-Fryslân")
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    header, read_as, rows = _cells(path)
    assert read_as == "CSV, cp1252 (Windows); not valid UTF-8, separator ';'"
    assert len(rows) == MANY_ROWS + 1 and rows[-1][-1] == "Noardeast-Fryslân"


def _limit(con: duckdb.DuckDBPyConnection) -> str:
    return con.execute("select current_setting('memory_limit')").fetchall()[0][0]


@pytest.mark.parametrize("limit", [None, "3GB", "500MB"])
def test_bounded_memory_restores_the_memory_limit(limit):
    con = duckdb.connect()
    if limit is not None:
        con.execute(f"set memory_limit = '{limit}'")
    before = _limit(con)
    bounded = duckdb.connect()
    bounded.execute(f"set memory_limit = '{reader.MEMORY_LIMIT}'")
    with reader.bounded_memory(con):
        assert _limit(con) == _limit(bounded)
    assert _limit(con) == before
    with pytest.raises(RuntimeError), reader.bounded_memory(con):
        raise RuntimeError("a failed staging step")
    assert _limit(con) == before


def test_bounded_memory_spills_outside_the_working_folder(tmp_path):
    # An in-memory database would spill into ./.tmp, which may be the user's project folder.
    memory = duckdb.connect()
    with reader.bounded_memory(memory):
        folder = memory.execute("select current_setting('temp_directory')").fetchall()[0][0]
    assert Path(folder).is_absolute()
    assert Path(folder) != Path.cwd() / ".tmp"
    # A database file spills beside itself, as DuckDB decides.
    on_disk = duckdb.connect(str(tmp_path / "build.duckdb"))
    own = on_disk.execute("select current_setting('temp_directory')").fetchall()[0][0]
    with reader.bounded_memory(on_disk):
        assert on_disk.execute("select current_setting('temp_directory')").fetchall()[0][0] == own
