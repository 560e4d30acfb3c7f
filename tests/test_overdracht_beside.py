"""A KWB file named alone is read with the files beside it; its dossier holds them, so a rebuild reads the same."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from buurtdata import datasets, pipeline
from buurtdata.outputs.overdracht import pack
from buurtdata.project import Project


def test_a_dossier_holds_the_files_read_beside_a_kwb_file(tmp_path: Path, key: bytes):
    sample = datasets.get_path("hengelo").parent
    # The sample's KWB 2024 file without properties and regions named: they are read from beside it.
    project_file = tmp_path / "project" / "project.toml"
    project_file.parent.mkdir()
    project_file.write_text(
        f"""name = "Hengelo, cijfers"
gemeente = "GM0164"
year = 2024

[[kwb]]
year = 2024
table = "85984NED"
data = {json.dumps(str(sample / "kwb2024_85984NED.parquet"))}

[boundaries]
year = 2024
path = {json.dumps(str(sample / "buurten.gpkg"))}
layer = "buurten"
""",
        encoding="utf-8",
    )
    outputs = tmp_path / "uitvoer"
    outputs.mkdir()
    dossier = pack(project_file, tmp_path / "dossier.zip", key=key, outputs=outputs, say=lambda _: None)

    names = set(zipfile.ZipFile(dossier).namelist())
    assert {
        "bronnen/kwb2024/kwb2024_85984NED.parquet",
        "bronnen/kwb2024/kwb2024_85984NED_properties.parquet",
        "bronnen/kwb2024/kwb2024_85984NED_regions.parquet",
    } <= names
    before = pipeline.run(Project.load(project_file), key=key)
    after = pipeline.run(Project.load(dossier), key=key)
    for select in (
        "select code, name from regions order by year, code",
        "select * from buurt_profile order by all",
    ):
        first, again = before.con.sql(select).df(), after.con.sql(select).df()
        assert not first.empty and first.equals(again), select
    assert before.con.execute("select count(*) from regions where name is null").fetchone() == (0,)
