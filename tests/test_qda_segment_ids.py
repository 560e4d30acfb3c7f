"""The segment id of a .qdpx selection (user test): a tool may name a selection after its text, "Gesprek met Henk de
Vries: het buurthuis is dicht", and the id is published unscrubbed (niet_geplaatste_fragmenten.csv, the
overdracht dossier); such a selection is known by its GUID, a name that is an id (S019) stays."""

from __future__ import annotations

import dataclasses
import zipfile
from pathlib import Path

import pandas as pd

from buurtdata import pipeline
from buurtdata.datasets import get_path
from buurtdata.sources.interviews import read_codebook, read_segments, write_qdpx

NVIVO = Path(__file__).parent / "fixtures" / "qda" / "nvivo"
QUOTE_NAME = "Gesprek met Henk de Vries: het buurthuis is dicht"
#: Selection names of the NVivo fixture and what each is changed to.
RENAMED = {"S019": QUOTE_NAME, "S020": "0612345678", "S021": "7553SA12", "S022": "Henk"}


def _renamed(target: Path) -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for file in sorted(NVIVO.rglob("*")):
            if file.is_file():
                data = file.read_text(encoding="utf-8")
                if file.name == "project.qde":
                    for old, new in RENAMED.items():
                        data = data.replace(f'name="{old}"', f'name="{new}"', 1)
                archive.writestr(file.relative_to(NVIVO).as_posix(), data)
    return target


def _guids() -> dict[str, str]:
    qde = (NVIVO / "project.qde").read_text(encoding="utf-8")
    return {old: qde.split(f'name="{old}"', 1)[0].rsplit('guid="', 1)[1].split('"', 1)[0] for old in RENAMED}


def test_a_selection_named_by_its_text_or_a_contact_detail_is_known_by_its_guid(tmp_path):
    segments = read_segments(_renamed(tmp_path / "export.qdpx"))
    guids = _guids()
    ids = set(segments["segment_id"])
    assert {guids["S019"], guids["S020"], guids["S021"], guids["S022"]} <= ids
    assert {"S023", "S041", "S042", "S043", "S044", "S045"} <= ids  # a name that is an id stays
    published = " ".join(ids)
    assert not any(word in published for word in ("Henk", "Vries", "buurthuis", "0612345678", "7553"))
    assert segments["segment_id"].is_unique


def test_a_build_publishes_no_selection_name_that_is_a_quote(hengelo, key, tmp_path):
    segments = read_segments(get_path("hengelo/interviews_fictief.csv"))
    codebook = read_codebook(get_path("hengelo/codebook.csv"))
    # One segment named after its quote, at a place no buurt has: it is published among the unplaced.
    first = segments.index[0]
    segments.loc[first, "segment_id"], segments.loc[first, "location_raw"] = QUOTE_NAME, "Nergenshuizen"
    path = write_qdpx(segments, codebook, tmp_path / "project.qdpx")
    project = dataclasses.replace(hengelo, interviews=dataclasses.replace(hengelo.interviews, segments=path))
    result = pipeline.run(project, key=key)
    unplaced = result.con.sql("select * from unplaced_segments").df()
    assert (unplaced["location_raw"] == "Nergenshuizen").sum() == 1
    published = pd.concat([unplaced, result.con.sql("select segment_id from stg_segments").df()]).astype(str)
    assert not published.apply(lambda column: column.str.contains("Henk|Vries|buurthuis is dicht")).any().any()
    row = unplaced[unplaced["location_raw"] == "Nergenshuizen"].iloc[0]
    assert len(row["segment_id"]) == 36 and row["segment_id"] == row["segment_id"].upper()
