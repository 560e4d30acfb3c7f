"""Load time and vertex counts before and after display simplification, for real boundary files.

Usage::

    PYTHONPATH=. python benchmarks/boundaries.py [--repeat 3]   (from the repository root)

Reads Hengelo (62 buurten, full resolution, TopoJSON), Amsterdam 2022 (518 buurten, full resolution,
GeoJSON) and the whole country (13,594 buurten, generalised TopoJSON) from ``data/raw`` with
:func:`buurtdata.read_boundaries`, simplifies them with :func:`buurtdata.sources.geometry.simplify_for_display`
at the default tolerance (extent / 1500) and prints, per file: best load time, simplification time,
tolerance, vertices before/after, and how many polygons have coverage problems (edges not shared
exactly with a neighbour: gaps or overlaps) before and after; simplification must not add any.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import shapely

from buurtdata.sources import geometry

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
FILES = {
    "Hengelo": (RAW / "buurten-powerbi-emielsanders" / "Buurten_Hengelo.json", None),
    "Amsterdam": (RAW / "buurten-amsterdam-2022-gebieden-vl09" / "buurten.geojson", 2022),
    "Nederland": (RAW / "buurten-powerbi-emielsanders" / "buurten.json", 2019),
}


def best_of(repeat: int, function, *args, **kwargs):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = function(*args, **kwargs)
        times.append(time.perf_counter() - start)
    return min(times), result


def problem_polygons(frame) -> int:
    """Count polygons with an edge that is not shared exactly with a neighbour (0 for a valid coverage)."""
    return int((~shapely.is_empty(shapely.coverage_invalid_edges(frame.geometry.array))).sum())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per step; the best is printed")
    args = parser.parse_args()
    print(
        f"{'file':<10} {'buurten':>7} {'load s':>7} {'simpl. s':>8} {'tol. m':>7} "
        f"{'vertices':>9} {'after':>8} {'ratio':>6}  {'bad edges before/after':>22}"
    )
    for name, (path, year) in FILES.items():
        load, frame = best_of(args.repeat, geometry.read_boundaries, path, year=year, include_water=True)
        tolerance = geometry.display_tolerance(frame)
        simplify, simple = best_of(args.repeat, geometry.simplify_for_display, frame, tolerance)
        before = int(shapely.get_num_coordinates(frame.geometry.array).sum())
        after = int(shapely.get_num_coordinates(simple.geometry.array).sum())
        problems = [problem_polygons(f) for f in (frame, simple)]
        print(
            f"{name:<10} {len(frame):>7} {load:>7.2f} {simplify:>8.2f} {tolerance:>7.1f} "
            f"{before:>9,} {after:>8,} {after / before:>6.1%}  {problems[0]:>11} / {problems[1]}"
        )


if __name__ == "__main__":
    main()
