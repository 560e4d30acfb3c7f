"""The overdrachtsdossier keeps the gemeente written beside a place that was placed nowhere (user test W's column):
without it the successor's build looked the place up in every gemeente of the project again, and a place the team
wrote beside another gemeente could land in a buurt of this one. All interviews here are FICTIEF."""

from __future__ import annotations

import warnings
import zipfile

import pandas as pd

from buurtdata import pipeline
from buurtdata.dossier import open_dossier
from buurtdata.outputs.overdracht import pack
from buurtdata.project import Project
from tests import excel_files
from tests.test_gemeenten import needs_raw
from tests.test_many_gemeenten_places import REGION, _build, _interviews

#: (location, gemeente beside it): Hilversum's Noord, and a Noord written beside Enschede (no gemeente of the project:
#: placed nowhere; without its gemeente, Noord is a buurt of Hilversum and one of Hengelo (O.), and a wijk there).
ROWS = [("Noord", "Hilversum"), ("Noord", "Enschede"), ("Tichelwerk", "")]


def _section(folder) -> str:
    places, gemeenten = zip(*ROWS, strict=True)
    return _interviews(folder, list(places), gemeenten=list(gemeenten)) + 'consent = "overdracht"\n'


def _placed(result: pipeline.PipelineResult) -> list[tuple[str, str | None]]:
    frame = result.con.sql("select segment_id, buurt_code from stg_segments order by segment_id").df()
    return [(row.segment_id[-3:], None if pd.isna(row.buurt_code) else row.buurt_code) for row in frame.itertuples()]


@needs_raw
def test_the_dossier_keeps_the_gemeente_of_a_place_placed_nowhere(tmp_path, key):
    result = _build(tmp_path, REGION, _section(tmp_path))
    before = _placed(result)
    result.con.close()
    assert [code for _, code in before] == ["BU04020703", None, "BU01640101"]
    out = pack(tmp_path / "project.toml", tmp_path / "d.zip", key=key, say=lambda _: None)
    with zipfile.ZipFile(out) as archive:
        name = next(n for n in archive.namelist() if n.startswith("fragmenten/"))
        packed = excel_files.read(archive.read(name), dtype=str, keep_default_na=False, comment="#")
    # Placed: its code, no gemeente needed; placed nowhere: the place and the gemeente written beside it.
    assert packed["location"].tolist() == ["BU04020703", "Noord", "BU01640101"]
    assert packed["gemeente"].tolist() == ["", "Enschede", ""]
    # The successor's build places the same segments, and Noord beside Enschede in no buurt of the project.
    project_file = open_dossier(out, tmp_path / "geopend")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        again = pipeline.run(Project.load(project_file), key=key)
        try:
            assert [code for _, code in _placed(again)] == [code for _, code in before]
        finally:
            again.con.close()
