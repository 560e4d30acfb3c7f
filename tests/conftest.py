"""Shared fixtures: the embedded Hengelo sample and every expensive build, each made once per test session.

The builders are called here and nowhere else in the tests (see :func:`_build_demo` and :func:`_build_report`),
so a renamed entry point is a one-line change. Under pytest-xdist (``make test`` runs ``-n 2 --dist loadgroup``)
every test that uses one of the builds is put in that build's group, so each worker builds it at most once.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from buurtdata import datasets, pipeline
from buurtdata.project import Project

if TYPE_CHECKING:
    import pandas as pd

#: A fixed pseudonymisation key, so tests never create or read the user's key file.
TEST_KEY = b"buurtdata-tests"

#: fixture -> xdist group: tests sharing an expensive build run in one worker.
_GROUPS = {"report_out": "report", "report_rebuild": "report", "demo_out": "demo", "demo_without_quotes": "demo"}


def _build_demo(project_file: Path, out: Path, **options: Any) -> list[Path]:
    from buurtdata.outputs.build import build

    return build(project_file, out, key=TEST_KEY, **options)


def _build_report(project_file: Path | None, out: Path, **options: Any) -> Path:
    from buurtdata.outputs.build import build_report

    return build_report(project_file, out, key=TEST_KEY, **options)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        groups = {_GROUPS[name] for name in getattr(item, "fixturenames", ()) if name in _GROUPS}
        if groups:
            item.add_marker(pytest.mark.xdist_group(min(groups)))


@pytest.fixture(scope="session")
def key() -> bytes:
    return TEST_KEY


@pytest.fixture(scope="session")
def hengelo() -> Project:
    return Project.load(datasets.get_path("hengelo"))


@pytest.fixture(scope="session")
def hengelo_run(hengelo: Project) -> pipeline.PipelineResult:
    return pipeline.run(hengelo, key=TEST_KEY)


@pytest.fixture(scope="session")
def overijssel() -> pd.DataFrame:
    """Twelve Overijssel gemeenten (``tests.test_places_gemeente_column.OVERIJSSEL``), their wijken and buurten as
    CBS's national KWB 2020 files in data/raw name them: the regions of the gemeente-column tests, read once. Skipped
    without those files."""
    from tests.test_places_gemeente_column import KWB_2020, OVERIJSSEL, kwb2020_regions

    if not KWB_2020.exists():
        pytest.skip("data/raw is not here")
    return kwb2020_regions(OVERIJSSEL)


@pytest.fixture(scope="session")
def demo_out(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """`buurtdata demo` of the sample with its notebook: (folder, lines printed)."""
    out = tmp_path_factory.mktemp("demo")
    printed: list[str] = []
    # One handout keeps the suite quick; the report and the no-quotes demo draw all 62.
    _build_demo(datasets.get_path("hengelo"), out, say=printed.append, handout_buurten=["BU01640501"])
    return out, printed


@pytest.fixture(scope="session")
def demo_without_quotes(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, Path]:
    """The demo (all handouts, no notebook) of a copy of the sample that does not opt in to quotes."""
    folder = tmp_path_factory.mktemp("zonder_citaten")
    shutil.copytree(datasets.get_path("hengelo").parent, folder / "project")
    toml = folder / "project" / "project.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(text.replace("publish_quotes = true", "publish_quotes = false"), encoding="utf-8")
    # No handout PNGs: the scan reads the PDFs, the same drawing as text.
    _build_demo(toml, folder / "out", notebook_names=(), handout_png=False, say=lambda line: None)
    return Project.load(toml), folder / "out"


@pytest.fixture(scope="session")
def report_out(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[str]]:
    """`buurtdata report` of the sample: (folder, its index.html, lines printed)."""
    # `make test` names the folder, so the browser check opens this very build instead of building it again.
    named = os.environ.get("BUURTDATA_TEST_REPORT")
    out = Path(named).resolve() if named else tmp_path_factory.mktemp("rapport")
    printed: list[str] = []
    index = _build_report(None, out, say=printed.append)
    return out, index, printed


@pytest.fixture(scope="session")
def report_rebuild(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A second, independent build of the same report, to compare bytes with :func:`report_out`."""
    # Beside the first build, at the same depth: the notebooks name the project file by a relative path.
    named = os.environ.get("BUURTDATA_TEST_REPORT")
    if named:
        out = Path(named).resolve().with_name(Path(named).name + "-opnieuw")
    else:
        out = tmp_path_factory.mktemp("rapport_opnieuw")
    _build_report(None, out, say=lambda line: None)
    return out


@pytest.fixture(autouse=True)
def _no_user_key(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the key file at a temporary folder so no test touches ~/.config."""
    from buurtdata import settings

    monkeypatch.setattr(settings, "key_file", tmp_path_factory.getbasetemp() / "pseudonym.key")


@pytest.fixture(autouse=True)
def _no_user_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the cache (downloads, opened dossiers) at a temporary folder, here and in the commands a test starts:
    the tests opened some 30 dossiers an hour into ~/.cache/buurtdata (sweep 14 F5)."""
    from buurtdata import settings

    cache = tmp_path_factory.getbasetemp() / "cache"
    monkeypatch.setattr(settings, "cache_dir", cache)
    monkeypatch.setenv("BUURTDATA_CACHE_DIR", str(cache))


#: The threads of a build, which runner.run may leave running when it fails early (it does not wait for segments it no
#: longer needs). Not the notebook kernels' thread: it runs until its loop is stopped, and Kernels.close stops it.
_BUILD_THREADS = ("reading segments", "reading boundaries", "building figures", "respondent checks", "handouts")


@pytest.fixture(autouse=True)
def _no_thread_left_running() -> Any:
    """Let no build's thread of one test run on into the next.

    Python 3.11's warnings state is one per process: a thread that enters ``warnings.catch_warnings`` (pandas,
    openpyxl and others do, reading a file) while the next test's ``pytest.warns`` records, restores the state it
    found when it leaves, and the warnings recorded meanwhile are lost ('DID NOT WARN', once in CI). So each test
    waits, when it ends, for the reading it left behind.
    """
    yield
    for thread in threading.enumerate():
        if thread is not threading.current_thread() and thread.name.startswith(_BUILD_THREADS):
            thread.join(timeout=60)
