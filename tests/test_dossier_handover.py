"""What an overdrachtsdossier keeps for a successor to repair and read: the written place of a segment placed
nowhere (scrubbed, as niet_geplaatste_fragmenten.csv has it) and the agreements as UTF-8 CSV without a person's name
(user test, second buurtgesprek Amsterdam). The sample's interviews and agreements are FICTIEF.
"""

from __future__ import annotations

import json
import shutil
import time
import zipfile
from pathlib import Path

import pytest
import spoken

from buurtdata import _errors, datasets, pipeline
from buurtdata.dossier import MANIFEST, open_dossier
from buurtdata.outputs.overdracht import pack
from buurtdata.project import Project
from tests import excel_files


@pytest.fixture(scope="module")
def packed(tmp_path_factory: pytest.TempPathFactory, key: bytes) -> Path:
    folder = tmp_path_factory.mktemp("handover")
    shutil.copytree(datasets.get_path("hengelo").parent, folder / "hengelo")
    # Saved by Excel on Windows (cp1252, ';'), with a person's name where a role belongs.
    agreements = folder / "hengelo" / "ronde_najaar_2023" / "afspraken_fictief.csv"
    text = agreements.read_text(encoding="utf-8").replace(",sociaal makelaar,", ",Fatima El Amrani (sociaal makelaar),")
    text = text.replace("elke eerste dinsdag.", "één keer per maand.")
    agreements.write_bytes(text.encode("cp1252"))
    (folder / "uitvoer").mkdir()
    # buurtdata's own warnings are recorded where they are made: pytest.warns records through the warnings module's
    # process-wide state, which a thread an earlier test left (a kernel pool) may swap meanwhile (one CI run said
    # "DID NOT WARN", no warning at all, where every other run passed).
    said: list[str] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_errors, "warn", lambda message, category, stacklevel=1: said.append(message))
        dossier = pack(
            folder / "hengelo" / "project.toml", folder / "d.zip", key=key, outputs=folder / "uitvoer", say=print
        )
    assert any("the wie column holds what looks like a person's name in row" in message for message in said), said
    return dossier


def _rows(dossier: Path, member: str) -> dict[str, dict[str, str]]:
    return {row["segment_id"]: row for row in excel_files.rows(zipfile.ZipFile(dossier).read(member))}


def test_a_segment_placed_nowhere_keeps_its_written_place_scrubbed(packed):
    today, earlier = _rows(packed, "fragmenten/ronde_2.csv"), _rows(packed, "fragmenten/ronde_1.csv")
    assert today["S140"]["location"] == "bij de markt"
    assert today["S128"]["location"] == "7554"
    # A postcode with house number (7553SA 14) keeps its 4 digits only, as in niet_geplaatste_fragmenten.csv.
    assert earlier["N23-165"]["location"] == "7553 [adres]"
    assert not any("7553SA" in row["location"] or " 14" in row["location"] for row in earlier.values())
    # Placed ones are still their code.
    assert all(row["location"].startswith(("BU", "WK")) for sid, row in today.items() if sid in {"S001", "S002"})


def test_the_agreements_are_utf8_without_the_persons_name_and_the_manifest_says_so(packed):
    with zipfile.ZipFile(packed) as archive:
        text = excel_files.text(archive.read("afspraken/ronde_1.csv"))
        manifest = json.loads(archive.read(MANIFEST))
        leesmij = archive.read("LEESMIJ.txt").decode("utf-8")
    assert "één keer per maand." in text and "[naam] (sociaal makelaar)" in text
    assert "Fatima" not in text and "Amrani" not in text
    assert text.startswith("# FICTIEF")
    handling = next(entry["handling"] for entry in manifest["inputs"] if entry["member"] == "afspraken/ronde_1.csv")
    assert "Excel with Dutch settings (';', UTF-8 with a BOM" in handling and "wie" in handling
    assert "afspraken/: de afspraken per gespreksronde (CSV in UTF-8" in leesmij
    # Sweep 13 #6: how they open in Excel, said once, read aloud as a wijkwerker says it.
    excel = " ".join(leesmij[leesmij.index("- De CSV-bestanden") + 2 :].split("\n- ")[0].split())
    assert excel == (
        "De CSV-bestanden openen in Excel als tabel: de kolommen staan gescheiden door een puntkomma (;), de tekst "
        "in UTF-8. Sla een bestand dat u verandert weer op als CSV."
    )
    assert not [p for rule in (spoken.sentence_length, spoken.misspellings, spoken.verb_agreement) for p in rule(excel)]


def test_a_rebuilt_dossier_places_a_segment_once_its_written_place_is_fixed(packed, key, tmp_path):
    folder = open_dossier(packed, tmp_path / "dossier").parent
    # Going on with the files as a project of one's own: the manifest goes (LEESMIJ.txt says so).
    (folder / MANIFEST).unlink()
    segments = folder / "fragmenten" / "ronde_2.csv"
    segments.write_text(
        segments.read_text(encoding="utf-8").replace(";bij de markt;", ";Klein Driene;"), encoding="utf-8"
    )
    result = pipeline.run(Project.load(folder / "project.toml"), key=key)
    try:
        unplaced = set(result.con.sql("select segment_id from unplaced_segments").df()["segment_id"])
        rounds = result.con.sql("select agreement, owner from agreements").df()
    finally:
        result.con.close()
    assert "S140" not in unplaced and "S128" in unplaced
    # The agreements read back from the dossier's CSV, the name scrubbed as it was on paper.
    assert "[naam] (sociaal makelaar)" in set(rounds["owner"])


def test_the_cache_keeps_the_dossiers_last_opened_not_every_one_ever_opened(packed, tmp_path, monkeypatch):
    # Sweep 14 F5: each opening of a newly packed dossier unpacked 18 MB more into the cache, never removed.
    import os

    from buurtdata import dossier, settings

    monkeypatch.setattr(settings, "cache_dir", tmp_path / "cache")
    unpacked = tmp_path / "cache" / "dossiers"
    old = [unpacked / f"{n:020x}" for n in range(dossier.KEEP_UNPACKED + 2)]
    for n, folder in enumerate(old):
        (folder / "fragmenten").mkdir(parents=True)
        os.utime(folder, (n, n))  # opened long ago, the first one first
    recent = unpacked / f"{999:020x}"
    recent.mkdir()  # opened a minute ago, maybe by another process still reading it: kept
    os.utime(recent, (time.time() - 60, time.time() - 60))
    (unpacked / "mijn aantekeningen").mkdir()  # not a dossier folder: never touched
    project_file = open_dossier(packed)
    assert project_file.is_file() and project_file.parent.parent == unpacked
    left = {folder.name for folder in unpacked.iterdir()}
    assert left == {
        project_file.parent.name,
        recent.name,
        "mijn aantekeningen",
        *(folder.name for folder in old[-(dossier.KEEP_UNPACKED - 2) :]),
    }
    # Opened again, it is not unpacked again, and not removed.
    assert open_dossier(packed) == project_file
