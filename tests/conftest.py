"""Shared fixtures: the embedded Hengelo sample, built once per test session."""

from __future__ import annotations

import pytest

from buurtdata import datasets, pipeline
from buurtdata.project import Project

#: A fixed pseudonymisation key, so tests never create or read the user's key file.
TEST_KEY = b"buurtdata-tests"


@pytest.fixture(scope="session")
def key() -> bytes:
    return TEST_KEY


@pytest.fixture(scope="session")
def hengelo() -> Project:
    return Project.load(datasets.get_path("hengelo"))


@pytest.fixture(scope="session")
def hengelo_run(hengelo: Project) -> pipeline.PipelineResult:
    return pipeline.run(hengelo, key=TEST_KEY)


@pytest.fixture(autouse=True)
def _no_user_key(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the key file at a temporary folder so no test touches ~/.config."""
    from buurtdata import settings

    monkeypatch.setattr(settings, "key_file", tmp_path_factory.getbasetemp() / "pseudonym.key")
