"""A project made by ``buurtdata nieuw`` builds as written: its paths are relative, and its links give questions
with figures."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest
from test_gemeenten import NATIONAL_BUURTEN, RAW, needs_raw

from buurtdata import cli, datasets, pipeline, settings
from buurtdata.outputs import handout
from buurtdata.pipeline import link
from buurtdata.project import Project

SAMPLE = datasets.get_path("hengelo").parent


@needs_raw
def test_a_project_from_nieuw_builds_and_its_questions_name_the_linked_figures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "data_dir", RAW.parent)
    folder = tmp_path / "hengelo"
    assert cli.main(["nieuw", "GM0164", "--jaar", "2024", str(folder)]) == 0
    text = (folder / "project.toml").read_text(encoding="utf-8")
    # Relative to the project file, as its first line says, also for the data outside the folder.
    data = next(line for line in text.splitlines() if line.startswith("data = "))
    assert data.startswith('data = "../') and data.endswith('85984NED.csv"'), data
    assert "[[links]]" in text and "[profile]" in text and "[maps]" in text
    assert "[[links]]" in (folder / "README.md").read_text(encoding="utf-8")

    # The interviews of the sample (its codebook is the example's), and the national polygons for the map.
    shutil.copyfile(SAMPLE / "interviews_fictief.csv", folder / "segmenten.csv")
    text = text.replace(
        '# [interviews]\n# segments = "segmenten_sjabloon.csv"\n', '[interviews]\nsegments = "segmenten.csv"\n'
    )
    text = text.replace("# codebook =", "codebook =").replace("# fictional = false", "fictional = true")
    text = text.replace(
        'path = "wijkenbuurten_2024.gpkg"\nlayer = "buurten"', f'path = "{NATIONAL_BUURTEN.as_posix()}"'
    )
    (folder / "project.toml").write_text(text, encoding="utf-8")
    project = Project.load(folder / "project.toml")
    assert project.kwb[0].data.resolve().exists()
    linked = {theme_link.theme for theme_link in project.links}
    assert {"Eenzaamheid", "Geldzorgen", "Wonen"} <= linked and project.map_theme == "Eenzaamheid"

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = pipeline.run(project, key=b"test")
    # The GeoPackage's theme layer names every buurt, though the national polygons carry no names.
    assert result.themes["name"].notna().all()
    signals = link.signals(result.con)
    asked = signals[signals["theme"].isin(linked) & (signals["signal"] != "geen signaal")]
    assert not asked.empty and asked["linked"].all()
    cited = set(asked.dropna(subset=["cited"])["question"])
    assert cited, "no question on a linked theme names a figure"
    printed = [q for sheet in handout.handout_data(project, result) for q in [*sheet.questions, *sheet.overflow]]
    assert set(printed) & cited
    assert not any("gekoppeld" in question for question in printed)
