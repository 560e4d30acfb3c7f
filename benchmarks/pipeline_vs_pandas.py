"""buurtdata against the plain pandas script (benchmarks/reference_pandas.py): time, peak memory, ratio.

Usage::

    python benchmarks/pipeline_vs_pandas.py [--sizes hengelo,amsterdam,nl,nl-1m] [--repeat 3] [--polygons PATH]

Each case is a project folder written in a temporary directory; both sides read the same files and write
the same GeoPackage layers (``buurten``, ``buurt_themes``), each in a fresh process (so imports count, as
they do for a user), alternating per repetition (paired runs); the table gives medians of wall time and of
the process's peak RSS (``os.wait4``: DuckDB's native memory included), and the median and range of each
repetition's own time ratio, which the host's drift between repetitions touches less. The two GeoPackages of
every run are compared: a value, status or count that differs is printed in the table instead of the figures. A second
table gives, from one more run of the script timed inside it, the seconds it spends on work buurtdata does too
(importing the libraries, writing the GeoPackage): the lowest ratio buurtdata could reach.

Sizes (interview segments are fictional, generated here with a buurt code as location and a fixed seed; the
file says so in its first line, and the project marks them ``fictional`` with the label "Fictieve interviews
(benchmark)"):

- ``hengelo``: the embedded sample's KWB 2024 and polygons, 62 buurten, 500 segments;
- ``amsterdam``: KWB 2024 and the gemeente's 2022 polygons from ``data/raw`` (as benchmarks/handouts_amsterdam.py
  builds them), 517 buurten, 4,000 segments;
- ``nl``: KWB 2020 (CBS 84799NED, ``data/raw/kwb2020-84799NED-statlinebq``) with the national buurt polygons
  (``--polygons``, default ``data/raw/buurten-powerbi-emielsanders/buurten.json``), a project with
  ``gemeente = "NL"`` and validation on, 100,000 segments; ``nl-1m``: the same with 1,000,000 segments.
  Without the polygons file these are reported as skipped, with the path.

The national sizes take minutes and gigabytes per run: on a shared machine run them alone, e.g.
``nice python benchmarks/pipeline_vs_pandas.py --sizes nl --repeat 1``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SAMPLE = ROOT / "buurtdata" / "datasets" / "hengelo"
KWB2020 = ROOT / "data" / "raw" / "kwb2020-84799NED-statlinebq" / "84799NED"
NATIONAL_POLYGONS = ROOT / "data" / "raw" / "buurten-powerbi-emielsanders" / "buurten.json"
ROLES = ["bewoner", "professional", "ondernemer"]
#: Size name -> (project maker, number of segments, what the table calls it).
SIZES = {
    "hengelo": ("hengelo", 500, "Hengelo, 62 buurten, 500 segments"),
    "amsterdam": ("amsterdam", 4_000, "Amsterdam, 517 buurten, 4,000 segments"),
    "nl": ("national", 100_000, "whole country, 100,000 segments, validation on"),
    "nl-1m": ("national", 1_000_000, "whole country, 1,000,000 segments, validation on"),
}
FICTIONAL = "# FICTIEF: verzonnen fragmenten voor benchmarks/pipeline_vs_pandas.py; ze gaan niet over echte mensen.\n"

#: What the buurtdata side runs: the pipeline and the GeoPackage of a build (the maps, handouts and
#: notebooks have no counterpart in the script).
BUURTDATA_RUN = """
import sys, warnings
from pathlib import Path
from buurtdata import pipeline
from buurtdata.outputs.build import _write_geopackage
from buurtdata.project import Project
warnings.simplefilter("ignore")
result = pipeline.run(Project.load(sys.argv[1]), Path(sys.argv[2]).with_suffix(".duckdb"), key=b"benchmark")
_write_geopackage(result, Path(sys.argv[2]))
"""

#: The plain script once more, timing the work buurtdata must do as well, whatever it does faster: importing
#: pandas, geopandas & co. and writing the same GeoPackage layers (printed as JSON; see ``floor``).
FLOOR_RUN = """
import json, sys, time
started = time.perf_counter()
sys.path.insert(0, sys.argv[3])
import geopandas
import reference_pandas
from pathlib import Path
imported = time.perf_counter() - started
writing = []
to_file = geopandas.GeoDataFrame.to_file
def timed_to_file(self, *args, **kwargs):
    begun = time.perf_counter()
    try:
        return to_file(self, *args, **kwargs)
    finally:
        writing.append(time.perf_counter() - begun)
geopandas.GeoDataFrame.to_file = timed_to_file
reference_pandas.main(Path(sys.argv[1]), Path(sys.argv[2]))
print(json.dumps({"imports": imported, "writing": sum(writing), "total": time.perf_counter() - started}))
"""


def write_segments(folder: Path, buurten: list[str], count: int, seed: int = 19) -> None:
    """Write ``count`` fictional template segments about ``buurten``, about five per respondent.

    The first line of the file says they are made up (a comment line, which both sides skip).
    """
    rng = np.random.default_rng(seed)
    codebook = pd.read_csv(SAMPLE / "codebook.csv", comment="#")
    codebook.to_csv(folder / "codebook.csv", index=False)
    respondents = max(count // 5, 1)
    home = rng.choice(np.array(buurten), respondents)
    who = rng.integers(0, respondents, count)
    # Half the segments are about the respondent's own buurt; clustering keeps some groups above the threshold.
    elsewhere = rng.random(count) < 0.5
    location = np.where(elsewhere, home[rng.integers(0, respondents, count)], home[who])
    frame = pd.DataFrame(
        {
            "segment_id": [f"S{i:07d}" for i in range(count)],
            "respondent": [f"R{i:06d}" for i in who],
            "role": rng.choice(ROLES, count),
            "code": rng.choice(codebook["code"].to_numpy(), count),
            "quote": rng.choice(
                [
                    "Het buurthuis is vaak dicht.",
                    "Bel me op 06-12345678 als er nieuws is.",
                    "Gerrit zegt dat de stoep scheef ligt.",
                    "Er is te weinig groen.",
                ],
                count,
            ),
            "location": location,
            "date": "2025-05-01",
            "consent": rng.choice(["ja", "nee"], count, p=[0.8, 0.2]),
        }
    )
    with (folder / "segmenten.csv").open("w", encoding="utf-8", newline="") as file:
        file.write(FICTIONAL)
        frame.to_csv(file, index=False)


def project_toml(name: str, gemeente: str, year: int, table: str, kwb: dict[str, str]) -> str:
    files = "".join(f'{key} = "{value}"\n' for key, value in kwb.items())
    return (
        f'name = "{name}"\ngemeente = "{gemeente}"\nyear = {year}\n\n'
        f'[[kwb]]\nyear = {year}\ntable = "{table}"\n{files}\n'
        f'[boundaries]\nyear = {year}\npath = "buurten.gpkg"\nlayer = "buurten"\n\n'
        '[interviews]\nsegments = "segmenten.csv"\ncodebook = "codebook.csv"\nfictional = true\n'
        'label = "Fictieve interviews (benchmark)"\n\n[privacy]\nthreshold = 3\n'
    )


def kwb_buurten(data: Path) -> list[str]:
    codes = pd.read_parquet(data, columns=["WijkenEnBuurten"])["WijkenEnBuurten"].str.strip()
    return sorted(codes[codes.str.startswith("BU")])


def hengelo(folder: Path, segments: int) -> Path:
    for name in (
        "kwb2024_85984NED.parquet",
        "kwb2024_85984NED_properties.parquet",
        "kwb2024_85984NED_regions.parquet",
        "buurten.gpkg",
    ):
        (folder / name).write_bytes((SAMPLE / name).read_bytes())
    write_segments(folder, kwb_buurten(folder / "kwb2024_85984NED.parquet"), segments)
    kwb = {
        "data": "kwb2024_85984NED.parquet",
        "properties": "kwb2024_85984NED_properties.parquet",
        "regions": "kwb2024_85984NED_regions.parquet",
    }
    project = folder / "project.toml"
    project.write_text(project_toml("Hengelo (benchmark)", "GM0164", 2024, "85984NED", kwb), encoding="utf-8")
    return project


def amsterdam(folder: Path, segments: int) -> Path:
    sys.path.insert(0, str(HERE))
    from handouts_amsterdam import GEMEENTE, build_project

    build_project(folder)
    write_segments(folder, kwb_buurten(folder / "data.parquet"), segments)
    kwb = {"data": "data.parquet", "properties": "properties.parquet", "regions": "regions.parquet"}
    project = folder / "project.toml"
    project.write_text(project_toml("Amsterdam (benchmark)", GEMEENTE, 2024, "85984NED", kwb), encoding="utf-8")
    return project


def national(folder: Path, segments: int, polygons: Path = NATIONAL_POLYGONS) -> Path:
    kwb = {}
    for key, part in (("data", "TypedDataSet"), ("properties", "DataProperties"), ("regions", "WijkenEnBuurten")):
        name = f"cbs.v3.84799NED_{part}.parquet"
        (folder / name).write_bytes((KWB2020 / name).read_bytes())
        kwb[key] = name
    shapes = gpd.read_file(polygons).set_crs(4326, allow_override=True).to_crs(28992)
    names = pd.read_parquet(KWB2020 / "cbs.v3.84799NED_WijkenEnBuurten.parquet")
    names = names.assign(Key=names["Key"].str.strip()).set_index("Key")["Title"].str.strip()
    gpd.GeoDataFrame(
        {
            "buurtcode": shapes["statcode"],
            "buurtnaam": shapes["statcode"].map(names).fillna(shapes["statcode"]),
            "wijkcode": "WK" + shapes["statcode"].str[2:8],
            "gemeentecode": "GM" + shapes["statcode"].str[2:6],
            "water": "NEE",
        },
        geometry=polygonal(shapes.geometry),
        crs=shapes.crs,
    ).to_file(folder / "buurten.gpkg", layer="buurten")
    write_segments(folder, kwb_buurten(folder / kwb["data"]), segments)
    project = folder / "project.toml"
    project.write_text(project_toml("Nederland (benchmark)", "NL", 2020, "84799NED", kwb), encoding="utf-8")
    return project


def polygonal(geometry: gpd.GeoSeries) -> gpd.GeoSeries:
    """Return valid (multi)polygons: repairing a self-touching ring can leave a collection with a stray line."""
    valid = geometry.make_valid()
    mixed = valid.geom_type == "GeometryCollection"
    valid[mixed] = [
        shapely.union_all([part for part in shape.geoms if part.geom_type in ("Polygon", "MultiPolygon")])
        for shape in valid[mixed]
    ]
    return valid


def timed(command: list[str]) -> tuple[float, float, float, str]:
    """Run ``command``; return wall seconds, CPU seconds (user + system), peak RSS in MiB and stderr (non-empty
    only when it failed)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, cpu, usage.ru_maxrss / 1024, stderr if process.returncode else ""


def compare(ours: Path, theirs: Path) -> str:
    """Return what differs between the two GeoPackages' buurten, values, statuses, baselines and theme counts.

    The plain script checks nothing, so it keeps the buurten of gemeenten buurtdata refuses (each with its reason
    in ``gemeenten.csv``); those are compared on buurtdata's buurten only, and the row says how many were left out.
    """
    built = set(gpd.read_file(ours, layer="buurten", columns=["code"], ignore_geometry=True)["code"])
    left_out = 0
    for layer, key in (("buurten", ["code"]), ("buurt_themes", ["code", "theme"])):
        a = gpd.read_file(ours, layer=layer).sort_values(key, ignore_index=True)
        b = gpd.read_file(theirs, layer=layer).sort_values(key, ignore_index=True)
        kept = b["code"].isin(built)
        if layer == "buurten":
            left_out = int((~kept).sum())
        b = b[kept].reset_index(drop=True)
        if sorted(a.columns) != sorted(b.columns):
            return f"{layer}: columns {sorted(set(a.columns) ^ set(b.columns))} on one side only"
        if len(a) != len(b):
            return f"{layer}: {len(a)} rows against {len(b)}"
        for column in a.columns:
            left, right = a[column], b[column]
            if column == "geometry":
                same = np.allclose(left.area.fillna(0), right.area.fillna(0), rtol=1e-6)
            elif column == "water":  # a flag: a buurt without a polygon (built by buurtdata) has none, 0/NaN vs False
                same = (_flag(left) == _flag(right)).all()
            elif column in ("name", "wijk_name", "gemeente_name"):  # as people read them (Bergeijk's "' 't Stoom '")
                same = (
                    left.astype("string").fillna("<na>") == right.map(_readable).astype("string").fillna("<na>")
                ).all()
            elif pd.api.types.is_numeric_dtype(left) and not pd.api.types.is_bool_dtype(left):
                same = np.allclose(left.astype(float), right.astype(float), rtol=1e-9, equal_nan=True)
            else:
                same = (left.astype("string").fillna("<na>") == right.astype("string").fillna("<na>")).all()
            if not same:
                return f"{layer}: column {column} differs"
    return f"same numbers; {left_out} buurten of refused gemeenten left out" if left_out else ""


def _readable(name: object) -> object:
    from buurtdata.pipeline.names import readable

    return readable(name) if isinstance(name, str) and name.strip() else name


def _flag(values: pd.Series) -> pd.Series:
    """A yes/no column as read back from a GeoPackage, whatever type a column with gaps was given: True, False or
    <na>."""
    text = values.astype("string").str.lower().fillna("<na>")
    return text.map(
        {"true": "True", "1": "True", "1.0": "True", "false": "False", "0": "False", "0.0": "False"}
    ).fillna("<na>")


def floor(project: Path, folder: Path) -> dict[str, float]:
    """Return the seconds the plain script spends importing and writing its GeoPackage, and in all (one run).

    buurtdata imports the same libraries and writes the same layers, so these seconds bound how far below the
    script's time it can go: at most ``total / (imports + writing)`` times faster, doing nothing else.
    """
    out = folder / "floor.gpkg"
    out.unlink(missing_ok=True)
    done = subprocess.run(
        [sys.executable, "-c", FLOOR_RUN, str(project), str(out), str(HERE)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_case(name: str, project: Path, repeat: int, folder: Path) -> dict[str, object]:
    sides = {
        "buurtdata": [sys.executable, "-c", BUURTDATA_RUN, str(project)],
        "pandas": [sys.executable, str(HERE / "reference_pandas.py"), str(project)],
    }
    figures: dict[str, list[tuple[float, float, float]]] = {side: [] for side in sides}
    differences = set()
    for number in range(repeat):
        # Paired: both sides in each repetition, the order alternating so neither always runs on a warm cache.
        order = list(sides) if number % 2 == 0 else list(reversed(sides))
        for side in order:
            out = folder / f"{side}-{number}.gpkg"
            out.unlink(missing_ok=True)
            seconds, cpu, mib, error = timed([*sides[side], str(out)])
            if error:
                return {"case": name, "skipped": f"{side} failed: {error.strip().splitlines()[-1]}"}
            figures[side].append((seconds, cpu, mib))
        differences.add(compare(folder / f"buurtdata-{number}.gpkg", folder / f"pandas-{number}.gpkg"))
    medians = {
        side: tuple(statistics.median(column) for column in zip(*runs, strict=True)) for side, runs in figures.items()
    }
    return {
        "case": name,
        **medians,
        # Each repetition's own ratio: both sides ran within seconds of each other, so the host's drift between
        # repetitions (a fifth and more on this machine) touches it less than the ratio of the medians (drift within
        # a pair, and which side ran second, still do: the order alternates).
        "pairs": [ours[0] / theirs[0] for ours, theirs in zip(figures["buurtdata"], figures["pandas"], strict=True)],
        "differs": "; ".join(sorted(differences - {""})),
        "floor": floor(project, folder),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default=",".join(SIZES),
        help=f"comma-separated, any of {', '.join(SIZES)} (default: all, in that order)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="paired runs per size (default 3; medians)")
    parser.add_argument(
        "--polygons", type=Path, default=NATIONAL_POLYGONS, help="the national buurt polygons for nl and nl-1m"
    )
    args = parser.parse_args()
    sizes = [size.strip() for size in args.sizes.split(",") if size.strip()]
    unknown = [size for size in sizes if size not in SIZES]
    if unknown:
        parser.error(f"unknown size(s) {', '.join(unknown)}; choose from {', '.join(SIZES)}")

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            maker, segments, label = SIZES[size]
            folder = Path(tmp) / size
            folder.mkdir()
            if maker == "national" and not args.polygons.is_file():
                rows.append({"case": label, "skipped": f"no national buurt polygons at {args.polygons} (--polygons)"})
                continue
            if maker == "national":
                project = national(folder, segments, args.polygons)
            else:
                project = {"hengelo": hengelo, "amsterdam": amsterdam}[maker](folder, segments)
            rows.append(run_case(label, project, args.repeat, folder))
            print(f"done: {label}", file=sys.stderr)

    print(f"\n{args.repeat} paired run(s) per size, medians; each run a fresh process; wall time (CPU time, user +")
    print("system: DuckDB may use every core); peak = process peak RSS; both sides' GeoPackages compared in every")
    print(f"run (same numbers unless the row says otherwise); {_bytecode()}\n")
    print("| work | buurtdata | plain pandas script | ratio (time, memory) | pairs' ratios: median (range) |")
    print("|---|---|---|---|---|")
    for row in rows:
        if "skipped" in row:
            print(f"| {row['case']} | skipped: {row['skipped']} | | | |")
            continue
        (ours, our_cpu, our_mib), (theirs, their_cpu, their_mib) = row["buurtdata"], row["pandas"]
        note = row["differs"]
        differs = (
            "" if not note else f" ({note})" if note.startswith("same numbers") else f" **numbers differ: {note}**"
        )
        print(
            f"| {row['case']} | {ours:.2f} s ({our_cpu:.2f} s CPU), {our_mib:,.0f} MiB "
            f"| {theirs:.2f} s ({their_cpu:.2f} s CPU), {their_mib:,.0f} MiB "
            f"| {ours / theirs:.2f}x, {our_mib / their_mib:.2f}x{differs} "
            f"| {statistics.median(row['pairs']):.2f}x ({min(row['pairs']):.2f}-{max(row['pairs']):.2f}) |"
        )
    floors = [row for row in rows if "floor" in row]  # not the skipped sizes
    if floors:
        print("\nWhat the plain script spends on work buurtdata must do too (one more run of the script, timed inside")
        print("it): importing pandas, geopandas & co. and writing the same GeoPackage layers. buurtdata cannot take")
        print(
            "less than that (unless it writes the layers faster), so the best ratio it can reach is `floor / script`.\n"
        )
        print("| work | script, timed inside | imports | GeoPackage written | floor / script |")
        print("|---|---|---|---|---|")
        for row in floors:
            seconds = row["floor"]
            least = seconds["imports"] + seconds["writing"]
            print(
                f"| {row['case']} | {seconds['total']:.2f} s | {seconds['imports']:.2f} s | {seconds['writing']:.2f} s "
                f"| {least / seconds['total']:.2f} |"
            )


def _bytecode() -> str:
    """Say whether pandas has compiled bytecode: without it (PYTHONDONTWRITEBYTECODE, no `make setup`) each
    process compiles pandas & co. again, a second or more on both sides, and the ratio means little."""
    cached = any((Path(pd.__file__).parent / "__pycache__").glob("*.pyc"))
    if cached:
        return "bytecode compiled (as `make setup` installs)"
    return "WARNING: pandas has no compiled bytecode here; run `make setup` first (it compiles it)"


if __name__ == "__main__":
    main()
