"""A project of the embedded sample's real CBS figures and polygons with interviews of a test's own (FICTIEF)."""

from __future__ import annotations

from pathlib import Path

from buurtdata import datasets
from buurtdata.project import Project


def project_with(tmp_path: Path, interviews: str, privacy: str = "") -> Project:
    """The sample's project file up to ``[interviews]``, its paths absolute, then the ``[interviews]`` table's
    lines ``interviews`` and the ``[privacy]`` table's lines ``privacy``; written to ``tmp_path`` and loaded."""
    sample = datasets.get_path("hengelo")
    base = sample.parent
    head = sample.read_text(encoding="utf-8").partition("[interviews]")[0]
    head = head.replace('= "kwb', f'= "{base}/kwb').replace('"buurten.gpkg"', f'"{base}/buurten.gpkg"')
    path = tmp_path / "project.toml"
    path.write_text(f"{head}[interviews]\n{interviews}\n[privacy]\n{privacy}\n", encoding="utf-8")
    return Project.load(path)
