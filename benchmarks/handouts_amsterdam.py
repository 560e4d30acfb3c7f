"""Time to produce the A4 handouts (PDF and PNG) of all 517 Amsterdam buurten, on every core.

Usage::

    python benchmarks/handouts_amsterdam.py [--out DIR] [--no-png] [--limit N]

Goal (issue 19): all 517 in under 60 s on this 2-core machine. The handouts are drawn by a pool of one
process per core (:mod:`buurtdata.outputs.handout_pool`); the figures printed say how many and the time per
buurt per process.

Real data, no interviews: KWB 2024 (CBS table 85984NED) for Amsterdam (GM0363) and Nederland from
``data/raw/kwb2024-85984NED-dertje/85984NED.csv`` and the gemeente's 2022 buurt polygons (with CBS codes)
from ``data/raw/buurten-amsterdam-2022-gebieden-vl09/buurten.geojson``. Both are put, in a temporary
folder, into the shape a buurtdata project reads (the three OData v3 resources as Parquet, a
GeoPackage with the CBS kaart columns) and a project file without ``[interviews]``.
"""

from __future__ import annotations

import argparse
import multiprocessing.forkserver
import os
import tempfile
import time
import warnings
from pathlib import Path

import geopandas as gpd
import pandas as pd

from buurtdata import datasets, pipeline
from buurtdata.outputs import handout, handout_pool
from buurtdata.pipeline import link
from buurtdata.project import Project

ROOT = Path(__file__).resolve().parents[1]
KWB_CSV = ROOT / "data" / "raw" / "kwb2024-85984NED-dertje" / "85984NED.csv"
POLYGONS = ROOT / "data" / "raw" / "buurten-amsterdam-2022-gebieden-vl09" / "buurten.geojson"
GEMEENTE = "GM0363"


def build_project(folder: Path) -> Path:
    """Write the Amsterdam project (KWB 2024 Parquet files, polygons, project.toml) into ``folder``."""
    raw = pd.read_csv(KWB_CSV, sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    code = raw["Codering_3"].str.strip()
    raw = raw[(code == "NL00") | code.str.match(rf"^(GM|WK|BU){GEMEENTE[2:]}")]
    # The CSV holds the region title in WijkenEnBuurten; CBS's key is the padded code in Codering_3
    # (see the file's SOURCE.md). Cells stay text: staging casts them and keeps empty cells as missing.
    pd.DataFrame({"Key": raw["Codering_3"], "Title": raw["WijkenEnBuurten"]}).to_parquet(folder / "regions.parquet")
    raw.assign(WijkenEnBuurten=raw["Codering_3"]).to_parquet(folder / "data.parquet")
    shipped = datasets.get_path("hengelo").parent / "kwb2024_85984NED_properties.parquet"
    (folder / "properties.parquet").write_bytes(shipped.read_bytes())

    shapes = gpd.read_file(POLYGONS)
    gpd.GeoDataFrame(
        {
            "buurtcode": shapes["cbsCode"],
            "buurtnaam": shapes["naam"],
            "wijkcode": "WK0363" + shapes["code"].str[:2],
            "gemeentecode": GEMEENTE,
            "water": "NEE",
        },
        geometry=shapes.geometry,
        crs=shapes.crs,
    ).to_file(folder / "buurten.gpkg", layer="buurten", driver="GPKG")

    project = folder / "project.toml"
    project.write_text(
        f'name = "Amsterdam (benchmark)"\ngemeente = "{GEMEENTE}"\nyear = 2024\n\n'
        '[[kwb]]\nyear = 2024\ntable = "85984NED"\ndata = "data.parquet"\n'
        'properties = "properties.parquet"\nregions = "regions.parquet"\n\n'
        '[boundaries]\nyear = 2024\npath = "buurten.gpkg"\nlayer = "buurten"\n',
        encoding="utf-8",
    )
    return project


def workers_cpu() -> float:
    """CPU seconds of the pool's workers that have ended: they are children of the fork server, which reaps them.

    Neither ``time`` nor ``getrusage`` of this process sees them (the fork server is never waited for), and on
    a shared machine CPU time is the figure that compares before and after.
    """
    pid = multiprocessing.forkserver._forkserver._forkserver_pid  # noqa: SLF001 - no public way to the server
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    # utime, stime, cutime, cstime: fields 14-17 of proc(5), counted from the state after the name.
    return sum(int(field) for field in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="keep the handouts in this folder (default: a temporary one)")
    parser.add_argument("--no-png", action="store_true", help="PDF only")
    parser.add_argument("--limit", type=int, help="only the first N buurten")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        project = Project.load(build_project(folder))
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", link.UnmatchedBuurtenWarning)
            result = pipeline.run(project, key=b"benchmark")
        prepared = time.perf_counter()
        codes = result.con.execute(
            "select code from regions where level = 'buurt' and year = 2024 order by code"
        ).fetchall()
        codes = [code for (code,) in codes][: args.limit]
        out = args.out or folder / "handouts"
        cpu = time.process_time()
        paths = handout.make_handouts(project, out, result=result, buurten=codes, png=not args.no_png)
        done = time.perf_counter()
        cpu_main, cpu_workers = time.process_time() - cpu, workers_cpu()

    pdfs = sum(path.suffix == ".pdf" for path in paths)
    pngs = sum(path.suffix == ".png" for path in paths)
    others = len(paths) - pdfs - pngs  # the index page; with interviews, the list of unplaced segments
    print(f"buurten: {len(codes)}; files written: {len(paths)} ({pdfs} PDF, {pngs} PNG, {others} other)")
    for warning in caught:
        print(f"note: {warning.message}")
    print(f"project files + pipeline: {prepared - started:6.1f} s")
    workers = max(1, handout_pool.workers_for(len(codes)))
    per_buurt = (done - prepared) / len(codes)
    print(f"handouts:                 {done - prepared:6.1f} s  ({per_buurt:.2f} s per buurt, {workers} processes:")
    print(f"                                   {per_buurt * workers:.2f} s per buurt per process)")
    print(
        f"handouts CPU:             {cpu_main + cpu_workers:6.1f} s  (this process {cpu_main:.1f} s, "
        f"workers {cpu_workers:.1f} s; {(cpu_main + cpu_workers) / len(codes):.3f} s per buurt)"
    )
    print(f"goal: 517 handouts under 60 s; at this pace 517 take {per_buurt * 517:.0f} s")
    print(f"total:                    {done - started:6.1f} s")


if __name__ == "__main__":
    main()
