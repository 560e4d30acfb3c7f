"""A second build of an unchanged project reuses the previous output; any change builds again.

Whether a build reused its output is read from what it says (:data:`buurtdata.outputs.build.REUSED`), never
from how long it took.
"""

import dataclasses
import hashlib
import shutil

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
    _, said = _build(project, out, key)
    assert not _reused(said)
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
