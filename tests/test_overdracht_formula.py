"""Sweep 12 F2: the dossier's CSVs are opened in a spreadsheet by the successor (the LEESMIJ asks them to edit
them): a cell a spreadsheet runs as a formula gets a ' before it, and buurtdata reads the dossier back as packed."""

from __future__ import annotations

import csv
import io
import os
import shutil
import zipfile

import pandas as pd
import pytest

from buurtdata import datasets, pipeline
from buurtdata.outputs.overdracht import DossierError, pack
from buurtdata.project import Project
from buurtdata.sources.agreements import handed_over, read_agreements
from buurtdata.sources.interviews import read_segments
from tests import excel_files

#: Cells a spreadsheet would run (a quote as a transcript writes it, a formula someone typed) or not.
QUOTE = "- Ja, dat klopt: het buurthuis is vaak dicht."
FORMULA = "=SOM(A1:A9)"


@pytest.fixture(scope="module")
def packed(tmp_path_factory: pytest.TempPathFactory, key: bytes):
    folder = tmp_path_factory.mktemp("formula")
    shutil.copytree(datasets.get_path("hengelo").parent, folder / "hengelo")
    sheet = folder / "hengelo" / "interviews_fictief.csv"
    text = sheet.read_text(encoding="utf-8")
    text = text.replace("Ik werk veertig uur en toch red ik het niet.", f'"{QUOTE}"')
    text = text.replace("De stoep is zo scheef", "=1+1 zei ze: de stoep is zo scheef")
    sheet.write_text(text, encoding="utf-8")
    agreed = folder / "hengelo" / "ronde_najaar_2023" / "afspraken_fictief.csv"
    agreed.write_text(
        agreed.read_text(encoding="utf-8").replace('"Spreekuur over de energierekening', f'"{FORMULA} Spreekuur'),
        encoding="utf-8",
    )
    project = folder / "hengelo" / "project.toml"
    return project, pack(project, folder / "d.zip", key=key, say=lambda _: None)


def _rows(archive: zipfile.ZipFile, member: str) -> list[list[str]]:
    lines = excel_files.text(archive.read(member)).splitlines()
    body = [line for line in lines if not line.startswith("#")]
    return list(csv.reader(io.StringIO("\n".join(body)), delimiter=";"))


def test_a_formula_leading_cell_in_the_dossier_has_a_quote_before_it(packed):
    _, out = packed
    with zipfile.ZipFile(out) as archive:
        cells = [cell for row in _rows(archive, "fragmenten/ronde_2.csv") for cell in row]  # today's round
        agreed = [cell for row in _rows(archive, "afspraken/ronde_1.csv") for cell in row]
    assert f"'{QUOTE}" in cells and QUOTE not in cells
    assert any(cell.startswith("'=1+1 zei ze") for cell in cells)
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells + agreed)
    assert any(cell.startswith(f"'{FORMULA}") for cell in agreed)


def test_the_dossier_reads_back_as_packed(packed, key):
    project_file, out = packed
    before = pipeline.run(Project.load(project_file), key=key)
    after = pipeline.run(Project.load(out), key=key)
    select = "select segment_id, quote from stg_segments where segment_id in ('S001', 'S003') order by segment_id"
    assert after.con.sql(select).fetchall() == before.con.sql(select).fetchall()
    assert after.con.sql(select).fetchall()[0][1] == QUOTE
    agreements = "select agreement from agreements where agreement like '%Spreekuur%'"
    assert after.con.sql(agreements).fetchall() == before.con.sql(agreements).fetchall()
    assert after.con.sql(agreements).fetchall()[0][0].startswith(FORMULA)


def test_a_cell_saved_by_a_spreadsheet_reads_without_its_quote(tmp_path):
    sheet = tmp_path / "s.csv"
    sheet.write_text(
        "segment_id,respondent,role,code,quote,location,date,consent\n"
        "S1,B01,bewoner,Wonen,'- Ja (FICTIEF),Noord,2025-05-01,ja\n"
        "S2,B02,bewoner,Wonen,'t Is hier fijn (FICTIEF),Noord,2025-05-01,ja\n",
        encoding="utf-8",
    )
    assert read_segments(sheet)["text"].tolist() == ["- Ja (FICTIEF)", "'t Is hier fijn (FICTIEF)"]


def test_agreements_handed_over_read_back_as_written(tmp_path):
    source = tmp_path / "a.csv"
    source.write_text(
        f'buurt,thema,afspraak,wie,terugkijken\nBU01640604,Armoede,"{FORMULA}",buurtteam,2024-06-01\n',
        encoding="utf-8",
    )
    again = tmp_path / "again.csv"
    again.write_bytes(handed_over(source))
    assert f"'{FORMULA}" in again.read_text(encoding="utf-8")
    read = {"buurten": {"BU01640604": "Nijverheid"}, "themes": {"Armoede": "Armoede"}}
    first, second = read_agreements(source, **read), read_agreements(again, **read)
    pd.testing.assert_frame_equal(first, second)
    assert first["agreement"].iloc[0] == FORMULA


def test_the_codebook_in_the_dossier_has_its_descriptions_scrubbed(tmp_path, key):
    # Sweep 12 interviews F17, left by sheets12: the dossier's codeboeken/ held a memo with a phone number.
    shutil.copytree(datasets.get_path("hengelo").parent, tmp_path / "hengelo")
    book = tmp_path / "hengelo" / "codebook.csv"
    text = book.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line and not line.startswith("#") and "," in line)
    header = first.split(",")
    assert "description" in header, header
    lines = text.splitlines()
    at = lines.index(first) + 1
    cells = next(csv.reader([lines[at]]))
    cells[header.index("description")] = "Memo: gesprek met mevrouw Yilmaz, bel 06-12345678"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(cells)
    lines[at] = buffer.getvalue()
    book.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = pack(tmp_path / "hengelo" / "project.toml", tmp_path / "d.zip", key=key, say=lambda _: None)
    with zipfile.ZipFile(out) as archive:
        packed = archive.read("codeboeken/ronde_2.csv").decode("utf-8")
    assert "06-12345678" not in packed and "Yilmaz" not in packed and "[telefoon]" in packed


def test_a_zip_in_a_folder_that_cannot_be_written_is_refused_before_building(tmp_path, key, monkeypatch):
    # Sweep 12 places #13: the dossier was built first, then "could not read or write a file (Permission denied)".
    # A folder not there yet is made (review 12 #9), as it was.
    assert pack(datasets.get_path("hengelo"), tmp_path / "nieuw" / "d.zip", key=key, say=lambda _: None).is_file()
    (tmp_path / "een-bestand").write_text("x", encoding="utf-8")
    with pytest.raises(DossierError, match=r"een-bestand is a file\. Give a \.zip"):
        pack(datasets.get_path("hengelo"), tmp_path / "een-bestand" / "d.zip", key=key, say=lambda _: None)
    monkeypatch.setattr(os, "access", lambda path, mode: False)  # a read-only folder (root may write in any)
    with pytest.raises(DossierError, match=r"cannot be written in \(no permission\)\. Give a \.zip in a folder"):
        pack(datasets.get_path("hengelo"), tmp_path / "d.zip", key=key, say=lambda _: None)
