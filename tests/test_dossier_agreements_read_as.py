"""An agreement's buurt read as the nearest buurt (a typo: 'Ermelo-Wset') is handed over as read, by its code, so the
successor's builds do not warn of it again and again, asking to fix a file the LEESMIJ says not to change (sweep 13 #3:
the overdracht warned twice, the successor's every build once)."""

from __future__ import annotations

import os
import warnings
import zipfile

import pytest
from ermelo_rounds import ermelo_project

from buurtdata import pipeline
from buurtdata.outputs.overdracht import pack
from buurtdata.project import Project
from buurtdata.sources import agreements_read_as
from buurtdata.sources.interviews.one_buurt import BuurtReadLooselyWarning
from tests import excel_files

SAID = "# Bij de overdracht is buurt 'Ermelo-Wset' vervangen door BU02330002 (Ermelo-West): zo las buurtdata die buurt."
SUCCESSOR = b"the successor's own key, not the one that packed"


def test_a_buurt_read_as_the_nearest_is_handed_over_by_its_code(tmp_path, monkeypatch, key):
    project = ermelo_project(tmp_path / "ermelo", monkeypatch)
    with pytest.warns(BuurtReadLooselyWarning) as caught:
        pack(project, tmp_path / "erm_dossier.zip", key=key, say=lambda _: None)
    said = [str(w.message) for w in caught if issubclass(w.category, BuurtReadLooselyWarning)]
    assert len(said) == 1 and "'Ermelo-Wset' read as buurt 'Ermelo-West' (BU02330002)" in said[0]  # the project's
    with zipfile.ZipFile(tmp_path / "erm_dossier.zip") as dossier:
        handed = excel_files.text(dossier.read("afspraken/ronde_1.csv")).splitlines()
    assert handed[:2] == [SAID, "buurt;thema;afspraak;wie;terugkijken"]
    assert "BU02330002;Eenzaamheid;Koffieochtend op dinsdag uitbreiden naar donderdag;" in handed[4]
    assert handed[2].startswith("Ermelo-Oost;") and handed[5].startswith("Horst;")  # written as CBS does: as typed

    # The successor's build of the dossier: no word of the typo, the agreement on Ermelo-West as before.
    with warnings.catch_warnings():
        warnings.simplefilter("error", BuurtReadLooselyWarning)
        result = pipeline.run(Project.load(tmp_path / "erm_dossier.zip"), key=SUCCESSOR)
    rows = result.con.sql("select round_number, code from agreements where agreement like 'Koffieochtend%'").fetchall()
    assert rows == [(1, "BU02330002")]
    result.con.close()


def test_a_file_changed_since_it_was_read_is_handed_over_as_written(tmp_path):
    path = tmp_path / "afspraken.csv"
    path.write_text("buurt;thema\nErmelo-Wset;Wonen\n", encoding="utf-8")
    read = agreements_read_as.reading(path, {2: ("Ermelo-Wset", "BU02330002", "Ermelo-West")})
    body = [["Ermelo-Wset", "Wonen"]]
    assert agreements_read_as.carried(read, path, ["buurt", "thema"], body, 2) == [SAID]
    assert body == [["BU02330002", "Wonen"]]
    path.write_text("buurt;thema\nErmelo-Wset;Wonen\nHorst;Wonen\n", encoding="utf-8")
    body = [["Ermelo-Wset", "Wonen"], ["Horst", "Wonen"]]
    assert agreements_read_as.carried(read, path, ["buurt", "thema"], body, 2) == []
    assert body[0] == ["Ermelo-Wset", "Wonen"]
    assert agreements_read_as.carried(None, path, ["buurt", "thema"], body, 2) == []  # not read by a build


def test_two_builds_of_a_file_rewritten_at_the_same_path_each_carry_their_own_reading(tmp_path, monkeypatch, key):
    """Nothing is kept between builds (a long-lived JupyterLab kernel, a test run): the second file, rewritten in
    place to the same size and time, is handed over as the second build read it, and the first build's reading is
    still its own."""
    project = ermelo_project(tmp_path / "ermelo", monkeypatch)
    agreed = project.parent / "afspraken_2024.csv"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        first = pipeline.run(Project.load(project), key=key)
        pack(project, tmp_path / "eerste.zip", key=key, say=lambda _: None)
        before = os.stat(agreed)
        rewritten = agreed.read_text(encoding="utf-8").replace("Ermelo-Wset", "Ermelo-Oots")  # as many bytes
        agreed.write_text(rewritten, encoding="utf-8")
        os.utime(agreed, ns=(before.st_atime_ns, before.st_mtime_ns))
        second = pipeline.run(Project.load(project), key=key)
        pack(project, tmp_path / "tweede.zip", key=key, say=lambda _: None)
    assert os.stat(agreed).st_size == before.st_size and os.stat(agreed).st_ino == before.st_ino
    assert dict(first.agreements_read_as[1].rows) == {4: ("Ermelo-Wset", "BU02330002", "Ermelo-West")}
    assert dict(second.agreements_read_as[1].rows) == {4: ("Ermelo-Oots", "BU02330001", "Ermelo-Oost")}
    assert not second.agreements_read_as[2].rows  # the 2025 file, every buurt written as CBS writes it
    first.con.close()
    second.con.close()
    with zipfile.ZipFile(tmp_path / "eerste.zip") as dossier:
        assert excel_files.text(dossier.read("afspraken/ronde_1.csv")).splitlines()[0] == SAID
    with zipfile.ZipFile(tmp_path / "tweede.zip") as dossier:
        handed = excel_files.text(dossier.read("afspraken/ronde_1.csv")).splitlines()
    assert handed[0] == SAID.replace("'Ermelo-Wset'", "'Ermelo-Oots'").replace(
        "BU02330002 (Ermelo-West)", "BU02330001 (Ermelo-Oost)"
    )
    assert handed[4].startswith("BU02330001;Eenzaamheid;Koffieochtend op dinsdag")
