"""A project that publishes quotes is told how many it got on paper, and why none when none (sweep 14 F7: Ameland's
team opted in, four people per buurt of three roles, and saw no quote and no reason). The sample's interviews are
FICTIEF."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from buurtdata import datasets, pipeline
from buurtdata.outputs._unplaced import quotes_told
from buurtdata.project import Project


def _told(tmp_path: Path, key: bytes, privacy: str) -> str | None:
    folder = tmp_path / "hengelo"
    shutil.copytree(datasets.get_path("hengelo").parent, folder)
    project_file = folder / "project.toml"
    text = project_file.read_text(encoding="utf-8")
    start = text.index("[privacy]")
    end = text.find("\n[", start + 1)
    project_file.write_text(text[:start] + privacy + (text[end:] if end > 0 else ""), encoding="utf-8")
    result = pipeline.run(Project.load(project_file), key=key)
    try:
        return quotes_told(result)
    finally:
        result.con.close()


@pytest.mark.parametrize(
    ("privacy", "told"),
    [
        (
            "[privacy]\nthreshold = 3\npublish_quotes = true\n",
            r"^quotes: 13 of 127 consenting, placed segment\(s\) published: a quote is shown only where at least 3 "
            r"people of the same role, each with consent, named its theme in the buurt, one per person and buurt",
        ),
        (
            "[privacy]\nthreshold = 20\npublish_quotes = true\n",
            r"^quotes: 0 of \d+ consenting, placed segment\(s\) published: a quote is shown only where at least 20 "
            r"people of the same role",
        ),
        ("[privacy]\nthreshold = 3\npublish_quotes = false\n", None),
    ],
)
def test_quotes_are_counted_when_published_and_none_is_explained(tmp_path, key, privacy, told) -> None:
    said = _told(tmp_path, key, privacy)
    if told is None:
        assert said is None
    else:
        assert said is not None
        assert re.match(told, said), said
