"""The overdrachtsdossier: pack the sample, open it as a project, rebuild the same outputs; never the key."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from buurtdata import cli, datasets, pipeline
from buurtdata._errors import ValidationError
from buurtdata.dossier import MANIFEST, open_dossier, verify
from buurtdata.outputs.overdracht import DossierError, pack
from buurtdata.project import Project

#: Tables whose content must survive the hand-over unchanged (pseudonyms differ: the successor has its own key).
COMPARED = {
    "buurt_themes": "code, theme",
    "wijk_themes": "code, theme",
    "buurt_theme_roles": "code, theme, role",
    "buurt_quotes": "code, theme, quote",
    "buurt_signals": "code, theme",
    "buurt_theme_rounds": "code, theme, round_number",
    "buurt_theme_changes": "code, theme, round_number_from",
    "agreements": "round_number, code, theme, agreement",
    "buurt_followup": "code, round_number, theme, agreement",
    "buurt_trends": "code, indicator, year",
    "buurt_comparison": "code, indicator",
}


@pytest.fixture(scope="module")
def dossier(tmp_path_factory: pytest.TempPathFactory, key: bytes) -> Path:
    out = tmp_path_factory.mktemp("dossier") / "overdracht.zip"
    return pack(datasets.get_path("hengelo"), out, key=key, say=lambda _: None)


def test_the_dossier_holds_what_a_successor_needs_with_a_manifest(dossier):
    manifest = verify(dossier)
    names = set(zipfile.ZipFile(dossier).namelist())
    assert {
        "project.toml",
        MANIFEST,
        "fragmenten/ronde_1.csv",
        "fragmenten/ronde_2.csv",
        "codeboeken/ronde_1.csv",
        "afspraken/ronde_1.csv",
        "bronnen/grenzen/buurten.gpkg",
        "uitvoer/buurtdata.duckdb",
    } <= names
    originals = {entry["original"] for entry in manifest["inputs"]}
    assert {"interviews_fictief.csv", "ronde_najaar_2023/codebook.csv", "buurten.gpkg"} <= originals
    assert all(len(entry["sha256_original"]) == 64 for entry in manifest["inputs"])


def test_the_dossier_says_in_dutch_what_it_holds_and_how_to_build_from_it(dossier):
    # User test: the successor found project.toml, manifest.json and folders, and nothing in Dutch.
    with zipfile.ZipFile(dossier) as archive:
        text = archive.read("LEESMIJ.txt").decode("utf-8")
    assert f"buurtdata report --project {dossier.name} --out rapport" in text
    assert "VOORBEELD: de interviews zijn FICTIEF" in text and "fragmenten/: de interviewfragmenten" in text
    assert "De sleutel van de pseudoniemen" in text and f"verwijder daar {MANIFEST}" in text


def test_the_key_and_the_names_are_not_in_the_dossier(dossier, key):
    archive = zipfile.ZipFile(dossier)
    for name in archive.namelist():
        data = archive.read(name)
        assert key not in data and key.hex().encode() not in data, name
    assert not any("key" in name.lower() or "sleutel" in name.lower() for name in archive.namelist())
    text = archive.read("fragmenten/ronde_2.csv").decode()
    assert "HGL-B01" not in text and "Bosman" not in text  # real ids and listed names stay behind
    assert "names" not in archive.read("project.toml").decode()


def test_open_and_rebuild_gives_the_same_outputs(dossier, hengelo_run, key, tmp_path):
    project = Project.load(dossier)
    assert project.path.name == "project.toml" and [r.label for r in project.rounds] == [
        r.label for r in hengelo_run.project.rounds
    ]
    again = pipeline.run(project, key=key)
    for table, order in COMPARED.items():
        columns = [c for c in hengelo_run.con.sql(f"select * from {table}").columns if c != "respondent"]
        select = f"select {', '.join(columns)} from {table} order by {order}"
        before, after = hengelo_run.con.sql(select).df(), again.con.sql(select).df()
        assert before.equals(after), table


def test_a_changed_or_added_file_is_refused_on_open(dossier, tmp_path):
    changed = tmp_path / "changed.zip"
    with zipfile.ZipFile(dossier) as source, zipfile.ZipFile(changed, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "afspraken/ronde_1.csv":
                data = data.replace(b"2024-06-01", b"2024-07-01")
            target.writestr(info, data)
        target.writestr("extra.csv", b"a,b\n")
    with pytest.raises(ValidationError) as error:
        open_dossier(changed, tmp_path / "open")
    text = str(error.value)
    assert "afspraken/ronde_1.csv: its sha256 differs" in text and "extra.csv: in the dossier but not in" in text
    assert not (tmp_path / "open").exists()


def test_an_unpacked_dossier_with_a_changed_file_is_refused_as_the_zip_is(dossier, tmp_path):
    # User test: a colleague unzips the dossier first; a changed figure then built without a word.
    folder = tmp_path / "uitgepakt"
    with zipfile.ZipFile(dossier) as archive:
        archive.extractall(folder)
    assert Project.load(folder / "project.toml").gemeente == "GM0164"  # intact: read as any project
    changed = folder / "afspraken" / "ronde_1.csv"
    changed.write_bytes(changed.read_bytes().replace(b"2024-06-01", b"2024-07-01"))
    with pytest.raises(ValidationError) as error:
        Project.load(folder / "project.toml")
    assert "afspraken/ronde_1.csv: its sha256 differs from manifest.json" in str(error.value)
    assert f"delete {MANIFEST}" in str(error.value)
    (folder / MANIFEST).unlink()  # going on with the files as a project of one's own
    assert Project.load(folder / "project.toml").gemeente == "GM0164"


def test_the_commands_take_a_dossier_as_project(tmp_path, dossier, capsys):
    assert (
        cli.main(
            ["handouts", "--project", str(dossier), "--out", str(tmp_path / "h"), "--buurt", "BU01640203", "--no-png"]
        )
        == 0
    )
    assert (tmp_path / "h" / "BU01640203_klein_driene.pdf").is_file()
    hengelo = str(datasets.get_path("hengelo"))
    assert cli.main(["overdracht", "--project", hengelo, "--out", str(tmp_path / "d.txt")]) == 2
    assert "a .zip file" in capsys.readouterr().err
    assert (
        cli.main(
            [
                "overdracht",
                "--project",
                hengelo,
                "--out",
                str(tmp_path / "d.zip"),
                "--outputs",
                str(tmp_path / "nothing"),
            ]
        )
        == 2
    )
    assert "not a folder" in capsys.readouterr().err


def test_a_round_without_consent_to_pass_stays_behind(tmp_path, key):
    import shutil

    import duckdb

    shutil.copytree(datasets.get_path("hengelo").parent, tmp_path / "hengelo")
    project_file = tmp_path / "hengelo" / "project.toml"
    text = project_file.read_text(encoding="utf-8")
    refused = text.replace('consent = "overdracht"\nagreements', 'consent = "geen overdracht"\nagreements')
    project_file.write_text(refused, encoding="utf-8")
    # Review 3.1: a finished build holds the round's counts and quotes, and cannot be cleaned.
    (tmp_path / "uitvoer").mkdir()
    with pytest.raises(DossierError, match=r"stays behind \(consent = 'geen overdracht'\).* Leave out --outputs"):
        pack(project_file, tmp_path / "d.zip", key=key, outputs=tmp_path / "uitvoer", say=lambda _: None)
    said: list[str] = []
    out = pack(project_file, tmp_path / "d.zip", key=key, say=said.append)
    names = zipfile.ZipFile(out).namelist()
    assert "fragmenten/ronde_2.csv" in names and not any("ronde_1" in n for n in names if "afspraken/" not in n)
    # User test B: the command said nothing of it, and the round's agreements (no respondent's) were lost too.
    # Review 3.6: the file set it, so it is not called the default.
    assert any("left out: the segments and codebook of round" in line for line in said)
    assert any("as the project file says" in line and "the default" not in line for line in said)
    assert "afspraken/ronde_1.csv" in names
    leesmij = " ".join(zipfile.ZipFile(out).read("LEESMIJ.txt").decode().split())
    # Review 3.6: "geen overdracht" is the default too: nobody may have asked, so no "residents refused".
    assert (
        "Voor de gespreksronde 'Fictieve interviews najaar 2023 (voorbeeld, geen echte personen)' is geen "
        'toestemming voor overdracht vastgelegd (consent = "geen overdracht"). Haar fragmenten en codeboek bleven '
        "bij de vorige organisatie; ook haar aantallen zitten niet in dit dossier. Haar afspraken staan in "
        "afspraken/ronde_1.csv" in leesmij
    )
    assert any("geen overdracht" in line for line in verify(out)["omitted"])
    assert [r.current for r in Project.load(out).rounds] == [True]
    # Review 3.1: so uitvoer/ holds no count of that round either, as a rebuild of the dossier.
    (tmp_path / "u.duckdb").write_bytes(zipfile.ZipFile(out).read("uitvoer/buurtdata.duckdb"))
    with duckdb.connect(str(tmp_path / "u.duckdb"), read_only=True) as packed:
        assert packed.sql("select count(distinct round_number) from buurt_theme_rounds").fetchall() == [(1,)]
        assert packed.sql("select count(*) from agreements").fetchall() == [(0,)]
