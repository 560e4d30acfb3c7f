"""``overdracht --out`` never overwrites what is no earlier dossier of the same project (sweep 13 #23: an archive of
scans of residents' forms, and the dossier of another project already handed over, were replaced without a word)."""

from __future__ import annotations

import hashlib
import json
import zipfile

import pytest

from buurtdata import cli, datasets
from buurtdata.dossier import FORMAT, MANIFEST
from buurtdata.outputs.overdracht import _earlier_dossier, pack
from buurtdata.outputs.overdracht_ids import DossierError
from buurtdata.project import Project

SAMPLE = datasets.get_path("hengelo")


def _zip(path, members: dict[str, bytes]) -> str:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _manifest(project: str) -> bytes:
    # Constructed for the test: the two keys a dossier's manifest.json is recognised by.
    return json.dumps({"format": FORMAT, "project": project}).encode()


def test_an_archive_that_is_no_dossier_is_kept_and_nothing_is_built(tmp_path, key):
    out = tmp_path / "scans_bewoners.zip"
    before = _zip(out, {"scan.txt": b"belangrijk"})
    said = []
    with pytest.raises(DossierError, match=r"exists and is no overdrachtsdossier; nothing was written"):
        pack(SAMPLE, out, key=key, say=said.append)
    assert hashlib.sha256(out.read_bytes()).hexdigest() == before and not said
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scans_bewoners.zip"]


def test_a_file_that_is_no_zip_and_a_folder_are_kept(tmp_path, key, capsys):
    out = tmp_path / "notities.zip"
    out.write_text("geen zip", encoding="utf-8")
    assert cli.main(["overdracht", "--project", str(SAMPLE), "--out", str(out)]) == cli.EXIT_INPUT
    assert "exists and is no overdrachtsdossier; nothing was written" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "geen zip"
    folder = tmp_path / "map.zip"
    folder.mkdir()
    with pytest.raises(DossierError, match="exists and is a folder"):
        pack(SAMPLE, folder, key=key)


def test_the_dossier_of_another_project_is_kept(tmp_path, key):
    out = tmp_path / "erm_dossier.zip"
    before = _zip(out, {MANIFEST: _manifest("Ermelo, buurtgesprekken")})
    with pytest.raises(DossierError, match=r"of another project \('Ermelo, buurtgesprekken'"):
        pack(SAMPLE, out, key=key)
    assert hashlib.sha256(out.read_bytes()).hexdigest() == before


def test_an_earlier_dossier_of_the_same_project_is_replaced_and_said(tmp_path):
    project = Project.load(SAMPLE)
    out = tmp_path / "overdracht.zip"
    _zip(out, {MANIFEST: _manifest(project.name)})
    assert _earlier_dossier(out, project) == "buurtdata ?"
    assert _earlier_dossier(tmp_path / "nieuw.zip", project) is None
