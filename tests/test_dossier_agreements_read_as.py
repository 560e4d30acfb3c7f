"""An agreement's buurt read as the nearest buurt (a typo: 'Ermelo-Wset') is handed over as read, by its code, so the
successor's builds do not warn of it again and again, asking to fix a file the LEESMIJ says not to change (sweep 13 #3:
the overdracht warned twice, the successor's every build once)."""

from __future__ import annotations

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
    agreements_read_as.record(path, {2: ("Ermelo-Wset", "BU02330002", "Ermelo-West")})
    body = [["Ermelo-Wset", "Wonen"]]
    assert agreements_read_as.carried(path, ["buurt", "thema"], body, 2) == [SAID]
    assert body == [["BU02330002", "Wonen"]]
    path.write_text("buurt;thema\nErmelo-Wset;Wonen\nHorst;Wonen\n", encoding="utf-8")
    body = [["Ermelo-Wset", "Wonen"], ["Horst", "Wonen"]]
    assert agreements_read_as.carried(path, ["buurt", "thema"], body, 2) == []
    assert body[0] == ["Ermelo-Wset", "Wonen"]
