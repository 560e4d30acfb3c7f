"""A second build of an unchanged project reuses the previous output; any change builds again.

Whether a build reused its output is read from what it says (:data:`buurtdata.outputs.build.REUSED`), never
from how long it took.
"""

import dataclasses
import hashlib
import json
import shutil
import warnings
from pathlib import Path

import pytest

from buurtdata import datasets
from buurtdata.outputs import _publish
from buurtdata.outputs import build as build_module
from buurtdata.outputs.build import REUSED, build
from buurtdata.project import Project


def _checksums(out):
    return {
        p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def project(tmp_path):
    shutil.copytree(datasets.get_path("hengelo").parent, tmp_path / "project")
    return tmp_path / "project" / "project.toml"


def _build(project, out, key, **options):
    said = []
    options = {"notebook_names": (), "handout_buurten": [], "say": said.append, **options}
    written = build(project, out, key=key, **options)
    return written, said


def _reused(said):
    return any(REUSED in line for line in said)


def test_an_unchanged_project_is_reused_and_every_change_builds_again(project, tmp_path, key):
    out = tmp_path / "uit"
    written, said = _build(project, out, key)
    assert not _reused(said)
    before = _checksums(out)

    again, said_again = _build(project, out, key)
    assert _reused(said_again)
    assert again == written
    assert said_again[: len(said)] == said  # it tells what the folder holds, as the build that wrote it did
    assert _checksums(out) == before

    # A file of the output changed since: the folder no longer holds that build, so it is built again.
    (out / "buurten.gpkg").write_bytes(b"edited")
    with pytest.warns(_publish.KeptAsideWarning, match=r"\(buurten.gpkg\), were moved to .*uit-eigen-bestanden"):
        _, said = _build(project, out, key)  # and the edited file is kept beside it (sweep 12)
    assert not _reused(said)
    assert (tmp_path / "uit-eigen-bestanden" / "buurten.gpkg").read_bytes() == b"edited"
    # The .duckdb file holds block layout that differs between builds (see test_determinism); the rest agrees.
    rebuilt = _checksums(out)
    assert rebuilt.pop("buurtdata.duckdb") and before.pop("buurtdata.duckdb")
    assert rebuilt == before

    # Another key is another build (it pseudonymises respondents differently), and so is a changed input file.
    _, said = _build(project, out, key + b"-other")
    assert not _reused(said)
    toml = project.read_text(encoding="utf-8")
    assert "band = 20" in toml
    project.write_text(toml.replace("band = 20", "band = 25", 1), encoding="utf-8")
    _, said = _build(project, out, key + b"-other")
    assert not _reused(said)


def test_the_options_are_part_of_the_fingerprint(project, key):
    options = build_module._Options(
        notebook_names=(), handout_buurten=(), handout_gemeenten=None, handout_png=True, handouts_only=False, site=False
    )
    loaded = Project.load(project)
    first = build_module.fingerprint(loaded, key, options)
    assert build_module.fingerprint(loaded, key, options) == first
    assert build_module.fingerprint(loaded, key, dataclasses.replace(options, site=True)) != first
    assert build_module.fingerprint(loaded, key, dataclasses.replace(options, handout_png=False)) != first


def test_a_failed_build_keeps_the_record_of_the_folder(tmp_path):
    out = tmp_path / "uit"
    record, reused = _publish.build_once(
        out, lambda folder: (folder / "a.txt").write_text("a") and "one", fingerprint="f"
    )
    assert (record, reused) == ("one", False)

    def fail(folder):
        raise RuntimeError

    with pytest.raises(RuntimeError):
        _publish.build_once(out, fail, fingerprint="g")
    assert _publish.build_once(out, fail, fingerprint="f") == ("one", True)


def _make(files: dict[str, str]):
    def make(folder: Path) -> str:
        for name, text in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")
        return "record"

    return make


@pytest.mark.parametrize("how", ["build_once", "staged"])
def test_a_file_added_or_changed_in_the_output_is_moved_aside_not_deleted(tmp_path, how):
    # Sweep 12 places #16: notes and scans beside the handouts were deleted by a colleague's rebuild.
    out = tmp_path / "handouts"

    def build(fingerprint: str) -> None:
        make = _make({"a.pdf": "a", "sub/b.pdf": fingerprint})
        if how == "build_once":
            _publish.build_once(out, make, fingerprint=fingerprint)
        else:
            with _publish.staged(out) as folder:
                make(folder)

    build("one")
    (out / "aantekeningen.txt").write_text("mijn aantekeningen", encoding="utf-8")
    (out / "eigen").mkdir()
    (out / "eigen" / "foto.jpg").write_bytes(b"scan")
    (out / "a.pdf").write_text("a, met pen erop", encoding="utf-8")  # annotated in place
    with pytest.warns(_publish.KeptAsideWarning, match=r"3 file\(s\) in .*handouts that no buurtdata build wrote"):
        build("two")
    kept = tmp_path / "handouts-eigen-bestanden"
    assert (kept / "aantekeningen.txt").read_text(encoding="utf-8") == "mijn aantekeningen"
    assert (kept / "eigen" / "foto.jpg").read_bytes() == b"scan"
    assert (kept / "a.pdf").read_text(encoding="utf-8") == "a, met pen erop"
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == ["a.pdf", "sub/b.pdf"]
    # A rebuild of what it wrote itself keeps nothing aside (and a second kept folder would not overwrite the first).
    with warnings.catch_warnings():
        warnings.simplefilter("error", _publish.KeptAsideWarning)
        build("three")
    (out / "notities.txt").write_text("x", encoding="utf-8")
    with pytest.warns(_publish.KeptAsideWarning, match="handouts-eigen-bestanden-2"):
        build("four")


def test_notes_added_beside_an_unchanged_build_are_kept_and_the_build_reused(tmp_path):
    # Sweep 12 places #16: an added file made the unchanged report build again, and deleted it.
    out = tmp_path / "rapport"
    assert _publish.build_once(out, _make({"index.html": "x"}), fingerprint="f") == ("record", False)
    (out / "notities.txt").write_text("notities", encoding="utf-8")
    assert _publish.build_once(out, _make({"index.html": "x"}), fingerprint="f") == ("record", True)
    assert (out / "notities.txt").read_text(encoding="utf-8") == "notities"


def test_without_a_record_files_written_since_the_last_build_are_kept_and_its_own_go(tmp_path):
    # Review 12 #1: a folder an older buurtdata built has no record of its files. A notebook saved since was lost
    # (its name is one the build writes) and a page the new build no longer writes was kept as "the user's".
    import os
    import time

    out = tmp_path / "rapport"
    _publish.build_once(out, _make({"notebooks/a.ipynb": "built", "handouts/quote_R-1.html": "quote"}), fingerprint="f")
    state = _publish.state_file(out)
    state.write_text("", encoding="utf-8")  # as an older buurtdata's handouts left it: no record of the files
    old = time.time_ns() - 10_000_000_000
    for path in out.rglob("*"):
        os.utime(path, ns=(old, old))
    os.utime(state, ns=(old + 1_000_000, old + 1_000_000))
    (out / "notebooks" / "a.ipynb").write_text("run and saved by the analyst", encoding="utf-8")
    (out / "notebooks" / ".ipynb_checkpoints").mkdir()
    (out / "notebooks" / ".ipynb_checkpoints" / "a-checkpoint.ipynb").write_text("jupyter's", encoding="utf-8")
    # Without a record, when in doubt a file is kept (review 12b): the notebook saved since, and a page the new
    # build no longer writes (its warning says to delete what may hold quotes); Jupyter's checkpoint goes.
    said = r"2 file\(s\) .*\(handouts/quote_R-1.html, notebooks/a.ipynb\).*consent is withdrawn"
    with pytest.warns(_publish.KeptAsideWarning, match=said):
        _publish.build_once(out, _make({"notebooks/a.ipynb": "built"}), fingerprint="g")
    kept = tmp_path / "rapport-eigen-bestanden"
    assert (kept / "notebooks" / "a.ipynb").read_text(encoding="utf-8") == "run and saved by the analyst"
    assert not (kept / "notebooks" / ".ipynb_checkpoints").exists() and not (out / "handouts").exists()


def test_a_killed_build_leaves_the_record_of_the_folder(tmp_path):
    # Review 12 #1: a build killed after it took the lock had written its pid over the record.
    out = tmp_path / "uit"
    _publish.build_once(out, _make({"a.pdf": "a"}), fingerprint="f")
    state = _publish.state_file(out)
    record = state.read_text(encoding="utf-8")
    with _publish._locked(out.absolute()):  # a build that took the lock, then is killed (its state as it runs)
        assert state.read_text(encoding="utf-8").split("\n", 1)[1] == record
        killed = state.read_text(encoding="utf-8")
    state.write_text(killed, encoding="utf-8")  # what a SIGKILL leaves: the finally never ran
    (out / "notities.txt").write_text("x", encoding="utf-8")
    with pytest.warns(_publish.KeptAsideWarning, match=r"\(notities.txt\)"):
        _publish.build_once(out, _make({"a.pdf": "b"}), fingerprint="g")


def test_a_report_an_older_buurtdata_built_is_read_by_its_checksums(tmp_path):
    # Review 12 #1: an older report's record has each file's sha256 (no size and time): a file it wrote goes, one
    # changed or added since is kept aside, whatever its time.
    import hashlib

    out = tmp_path / "rapport"
    _publish.build_once(out, _make({"index.html": "x", "handouts/quote_R-1.html": "quote"}), fingerprint="f")
    files = {
        p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in out.rglob("*") if p.is_file()
    }
    _publish.state_file(out).write_text(f'{{"fingerprint": "f", "files": {json.dumps(files)}}}', encoding="utf-8")
    (out / "index.html").write_text("edited", encoding="utf-8")
    with pytest.warns(_publish.KeptAsideWarning, match=r"1 file\(s\) .*\(index.html\)"):
        _publish.build_once(out, _make({"index.html": "y"}), fingerprint="g")
    assert (tmp_path / "rapport-eigen-bestanden" / "index.html").read_text(encoding="utf-8") == "edited"
    assert not (tmp_path / "rapport-eigen-bestanden" / "handouts").exists()


def test_a_failed_build_does_not_move_the_time_of_a_folder_without_a_record(tmp_path):
    # Review 12b F6: a failed build rewrote the state file, so notes put in an older buurtdata's folder before it
    # looked like the build's own and went without a word at the next good build.
    import os
    import time

    out = tmp_path / "handouts"
    with _publish.staged(out) as folder:
        (folder / "a.pdf").write_text("a", encoding="utf-8")
    state = _publish.state_file(out)
    state.write_text("", encoding="utf-8")  # as an older buurtdata left it
    old = time.time_ns() - 10_000_000_000
    os.utime(out / "a.pdf", ns=(old, old))
    os.utime(state, ns=(old + 1_000_000, old + 1_000_000))
    (out / "notities.txt").write_text("mijn notities", encoding="utf-8")
    copied = out / "kopie.pdf"  # copied in with its old time kept (cp -p, Finder)
    copied.write_text("kopie", encoding="utf-8")
    os.utime(copied, ns=(old - 1, old - 1))
    with pytest.raises(RuntimeError), _publish.staged(out):
        raise RuntimeError
    with pytest.warns(_publish.KeptAsideWarning, match=r"2 file\(s\)"):
        with _publish.staged(out) as folder:
            (folder / "a.pdf").write_text("b", encoding="utf-8")
    kept = tmp_path / "handouts-eigen-bestanden"
    assert sorted(p.name for p in kept.iterdir()) == ["kopie.pdf", "notities.txt"]
