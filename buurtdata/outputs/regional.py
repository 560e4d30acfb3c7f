"""The outputs of a project of many gemeenten (a region or all of NL): a folder of maps and handouts per gemeente
and the table of gemeenten built or left out (``gemeenten.csv``), with the reason.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from buurtdata import pipeline
from buurtdata._text import slug
from buurtdata.outputs import maps
from buurtdata.outputs._spreadsheet import write_csv
from buurtdata.outputs.handout import make_handouts
from buurtdata.pipeline import scope

#: Dutch headers of ``gemeenten.csv`` (the table's own columns are English: README, Glossary).
HEADERS = {
    "code": "gemeentecode",
    "name": "gemeente",
    "build_status": "status",
    "buurten": "buurten",
    "reason": "reden",
}


def folder_name(code: str, name: str | None) -> str:
    """Return the folder of one gemeente's outputs: ``GM0402_hilversum``."""
    return f"{code}_{slug(name)}" if name else code


def write(
    result: pipeline.PipelineResult, out: Path, wrote: Callable[[Path, str], None], *, handout_buurten: list[str] | None
) -> None:
    """Write ``gemeenten.csv`` and, per built gemeente, ``kaarten/<gemeente>/`` and ``handouts/<gemeente>/``."""
    status = scope.status_table(result.con)
    path = out / "gemeenten.csv"
    write_csv(status.rename(columns=HEADERS), path)
    built = status[status["build_status"] == scope.BUILT]
    wrote(path, f"{len(built)} gemeenten built, {len(status) - len(built)} left out with the reason")
    for gemeente in built.itertuples():
        mine = result.buurten[result.buurten["gemeente_code"] == gemeente.code]
        themes = result.themes
        if themes is not None:
            themes = themes[themes["code"].isin(mine["code"])]
        part = dataclasses.replace(result, buurten=mine.reset_index(drop=True), themes=themes)
        folder = folder_name(gemeente.code, gemeente.name)
        for map_path in maps.save_maps(part, out / "kaarten" / folder):
            wrote(map_path, f"kaart {gemeente.code}")
        codes = [c for c in mine["code"] if handout_buurten is None or c in handout_buurten]
        if codes:
            sheets = make_handouts(
                result.project, out / "handouts" / folder, result=result, buurten=codes, progress=False
            )
            wrote(sheets[-1], f"handouts {gemeente.code}")
