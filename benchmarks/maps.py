"""Spec size and drawing time of the screen maps, for Amsterdam and all 13,594 buurten of Nederland (#16, #19).

Usage::

    PYTHONPATH=. python benchmarks/maps.py [--repeat 3]   (from the repository root)

Per map: the time to make the chart and its Vega-Lite spec, the spec's size, and the time to save it as PNG
(:func:`buurtdata.outputs.maps.save_chart`, vl-convert) the first time and, best of ``--repeat``, after the
first (vl-convert's engine warm). The goals of issue #19: a national spec under 5 MB and its PNG under 3 s;
the Amsterdam PNG under 0.5 s after the first.

* indicator map (:func:`buurtdata.outputs.charts.choropleth_indicator`, what ``maps.indicator_map`` draws):
  Amsterdam 2022 (518 buurten) and Nederland 2019 (13,594 buurten) from ``data/raw``, with a figure made up
  from each buurt's area (every ninth secret, for the grey layer);
* the linked explorer (:func:`buurtdata.outputs.interactive.explorer`) for all of Nederland: Hengelo's
  pipeline result with the country's buurten, each lending the figures of a Hengelo buurt.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from buurtdata import datasets, pipeline
from buurtdata.outputs import charts, interactive, maps
from buurtdata.project import Project
from buurtdata.sources import geometry

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
AMSTERDAM = (RAW / "buurten-amsterdam-2022-gebieden-vl09" / "buurten.geojson", 2022)
NEDERLAND = (RAW / "buurten-powerbi-emielsanders" / "buurten.json", 2019)
#: The goals of issue #19.
MAX_SPEC_MB = 5.0
MAX_NATIONAL_PNG_S = 3.0
MAX_AMSTERDAM_PNG_S = 0.5


def indicator_map(buurten: Any) -> Any:
    frame = geometry.simplify_for_display(buurten)
    secret = np.arange(len(frame)) % 9 == 0
    frame = frame.assign(
        name=frame["name"].fillna("Buurt " + frame["code"].str[2:]),
        oppervlakte=(frame.geometry.area / 1e4).round(1).where(~secret),
        oppervlakte_status=np.where(secret, "geheim", "waarde"),
    )
    return charts.choropleth_indicator(frame, "oppervlakte", title="Oppervlakte", unit="ha", source="Bron: CBS")


def national_explorer(buurten: Any) -> Any:
    run = pipeline.run(Project.load(datasets.get_path("hengelo")), key=b"benchmark")
    data = _stand_in().lend_hengelo_figures(run, buurten)
    return lambda: interactive.explorer(data)


def _stand_in() -> Any:
    """The national explorer's stand-in data of the tests (``tests/national_stand_in.py``), loaded by its path."""
    path = Path(__file__).resolve().parents[1] / "tests" / "national_stand_in.py"
    spec = importlib.util.spec_from_file_location("national_stand_in", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def measure(label: str, make: Callable[[], Any], repeat: int, goal_png: float | None) -> None:
    start = time.perf_counter()
    chart = make()
    spec = chart.to_dict()
    made = time.perf_counter() - start
    size = len(json.dumps(spec, cls=maps.ScriptSafeJSON).encode()) / 1e6
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kaart.png"
        start = time.perf_counter()
        maps.save_chart(chart, path)
        first = time.perf_counter() - start
        again, cpu = [], []
        for _ in range(repeat):
            start, start_cpu = time.perf_counter(), time.process_time()
            maps.save_chart(chart, path)
            again.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
    goal = f"{'ok' if min(again) <= goal_png else 'SLOWER'} (goal {goal_png} s)" if goal_png else ""
    # CPU time too (vl-convert's threads are this process's): on a shared machine the wall time says little.
    print(
        f"{label:<28} chart+spec {made:5.2f} s  spec {size:5.2f} MB "
        f"{'ok' if size < MAX_SPEC_MB else 'TOO BIG'}  PNG first {first:5.2f} s, "
        f"after the first {min(again):5.2f} s (CPU {min(cpu):5.2f} s) {goal}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    amsterdam = geometry.read_boundaries(AMSTERDAM[0], year=AMSTERDAM[1])
    nederland = geometry.read_boundaries(NEDERLAND[0], year=NEDERLAND[1])
    measure(f"Amsterdam ({len(amsterdam)} buurten)", lambda: indicator_map(amsterdam), args.repeat, MAX_AMSTERDAM_PNG_S)
    measure(f"Nederland ({len(nederland)} buurten)", lambda: indicator_map(nederland), args.repeat, MAX_NATIONAL_PNG_S)
    measure("Nederland, explorer", national_explorer(nederland), args.repeat, None)


if __name__ == "__main__":
    main()
