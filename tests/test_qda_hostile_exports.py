"""QDA exports as people hand them over, uncurated (user test "QDA exports as real people hand them over"): a
password on the archive, a workbook that is no workbook, a CSV saved by Excel on a Mac, hidden rows, several codes in
one cell. Every file here is made up (FICTIEF)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from buurtdata._errors import InputFileError
from buurtdata.sources.interviews import read_codebook, read_segments

FIXTURES = Path(__file__).parent / "fixtures" / "qda"
TOP = "# FICTIEF: verzonnen fragmenten voor een test\n"
HEADER = "segment_id,respondent,role,code,quote,location,date,consent\n"
ROWS = [
    "S1,B01,bewoner,Ontmoeten,Het buurthuis is dicht.,Berflo Es Noord,2025-05-01,ja\n",
    "S2,B02,bewoner,Veiligheid,Er wordt te hard gereden.,Berflo Es Noord,2025-05-01,nee\n",
]


def _csv(tmp_path: Path, text: str, name: str = "segmenten.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_a_qdpx_with_a_password_is_refused_with_the_fix_not_a_traceback(tmp_path):
    # zip -P sets bit 0 of each member's flags (zipfile writes none, so they are set in the bytes); zipfile then
    # raises RuntimeError on reading.
    nvivo = FIXTURES / "nvivo"
    path = tmp_path / "wachtwoord.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        for member in sorted(nvivo.rglob("*")):
            if member.is_file():
                archive.writestr(member.relative_to(nvivo).as_posix(), member.read_bytes())
    data = bytearray(path.read_bytes())
    for signature, at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = data.find(signature)
        while start >= 0:
            data[start + at] |= 0x1
            start = data.find(signature, start + 1)
    path.write_bytes(bytes(data))
    for read in (read_segments, read_codebook):
        with pytest.raises(InputFileError, match=r"wachtwoord\.qdpx is protected with a password.*without a password"):
            read(path)
