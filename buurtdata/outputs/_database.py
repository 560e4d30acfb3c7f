"""What a notebook reads from a built database (:func:`buurtdata.outputs.explore.notebook_data`).

The report runs its notebooks in one kernel (``04_verken_een_buurt`` once per wijk), and each reads the same
boundaries file again (about 25 ms a notebook). The last boundaries read are kept, by the identity of the
file and its sidecars (a shapefile's .dbf, a GeoPackage's -wal: path, size, time of change, inode): a file
written since is read again, and each call gets its own copy.
The database itself is opened anew by every call, as before: DuckDB keeps one instance per file while any
connection to it is open, so frames kept from one could be older than the file another connection reads.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import Any

import duckdb
import geopandas as gpd
import pandas as pd

from buurtdata.project import Project

#: The last boundaries read and the warnings reading them gave, by the identity of their file and the layer.
_LAST: dict[tuple[Any, ...], tuple[gpd.GeoDataFrame, list[warnings.WarningMessage]]] = {}


def read(project: Project, database: Path) -> Any:
    """Return the :class:`buurtdata.pipeline.PipelineResult` of ``project`` read from ``database``."""
    from buurtdata import pipeline
    from buurtdata.pipeline import link, scope

    con = duckdb.connect(str(database), read_only=True)
    # The polygons of the gemeenten the build built, as the pipeline narrowed them: a national file holds all.
    boundaries = scope.built(con, _boundaries(project))
    has_themes = project.interviews is not None
    return pipeline.PipelineResult(
        project=project,
        con=con,
        boundaries=boundaries,
        buurten=link.buurt_frame(con, boundaries),
        themes=link.theme_frame(con, boundaries) if has_themes else None,
        placement=pd.DataFrame(columns=["resolved_by", "segments"]),
        unplaced=con.sql("select * from unplaced_segments order by segment_id").df() if has_themes else pd.DataFrame(),
    )


def _boundaries(project: Project) -> gpd.GeoDataFrame:
    from buurtdata.sources import geometry

    path, layer = project.boundaries.path, project.boundaries.layer
    try:
        key = (_identity(Path(path)), layer)
    except OSError:
        return geometry.read_boundaries(path, layer=layer)  # which says what is wrong with the path
    if key not in _LAST:
        with warnings.catch_warnings(record=True) as told:
            warnings.simplefilter("always")
            boundaries = geometry.read_boundaries(path, layer=layer)
        _LAST.clear()  # the last file's only: a national one is large
        _LAST[key] = boundaries, told
    boundaries, told = _LAST[key]
    # What reading the file told (a repaired polygon, a guessed CRS) is told on every call, as a read would.
    for said in told:
        warnings.warn_explicit(said.message, said.category, said.filename, said.lineno)
    return boundaries.copy()


def _identity(path: Path) -> tuple[Any, ...]:
    """What tells the file at ``path`` (a file, or a folder of one shapefile) from the same path written again."""
    path = path.resolve()
    if path.is_dir():
        files = sorted(path.iterdir())
    else:
        files = sorted(f for f in path.parent.iterdir() if f.name == path.name or f.name.startswith(path.stem + "."))
    stats = [(f, os.stat(f)) for f in files]
    return tuple((str(f), s.st_size, s.st_mtime_ns, s.st_ino, s.st_dev) for f, s in stats)
