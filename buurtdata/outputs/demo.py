"""Run the whole flow for a project and write every output to one folder.

Used by ``buurtdata demo`` (the embedded Hengelo sample) and available from
Python: ``build_outputs(datasets.get_path("hengelo"), Path("uit"))``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

import altair as alt

from buurtdata import _optional, _resources, pipeline
from buurtdata.outputs import charts
from buurtdata.sources import geometry
from buurtdata._text import slug
from buurtdata.outputs.handout import make_handouts
from buurtdata.project import Project

_optional.require("render", __name__)

#: The notebook ``buurtdata demo`` executes: figures and stories side by side.
NOTEBOOK = "03_cijfers_en_verhalen.ipynb"


def build_outputs(
    project_file: str | Path,
    out: str | Path,
    *,
    key: bytes | None = None,
    notebook: bool = True,
    handout_buurten: list[str] | None = None,
    say: Callable[[str], None] = print,
) -> list[Path]:
    """Build the database, the per-buurt GeoPackage, the maps, the handouts and the executed notebook.

    Returns the paths written, in the order written; ``say`` is told each one.
    ``handout_buurten`` limits the handouts to these buurt codes (default: every buurt; ``[]``: none).
    """
    project = Project.load(project_file)
    out = Path(out)
    (out / "kaarten").mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def wrote(path: Path, what: str) -> None:
        written.append(path)
        say(f"  {path}  ({what})")

    say(f"buurtdata: {project.name} ({project.gemeente}, {project.year})")
    result = pipeline.run(project, out / "buurtdata.duckdb", key=key)

    gpkg = out / "buurten.gpkg"
    gpkg.unlink(missing_ok=True)
    with _fixed_gdal_date():
        result.buurten.to_file(gpkg, layer="buurten", driver="GPKG")
        if result.themes is not None:
            result.themes.to_file(gpkg, layer="buurt_themes", driver="GPKG")
    wrote(gpkg, f"{len(result.buurten)} buurten with their figures and geometry (EPSG:28992)")

    maps = _save_maps(project, result, out / "kaarten")
    sheets = [] if handout_buurten == [] else make_handouts(project, out / "handouts", result=result, buurten=handout_buurten)
    result.con.close()
    wrote(out / "buurtdata.duckdb", "DuckDB: regions, indicators, observations, buurt_profile, buurt_themes, ...")
    for path in maps:
        wrote(path, "kaart")
    if sheets:
        wrote(sheets[-1], f"index of {sum(p.suffix == '.pdf' for p in sheets)} A4 handouts (PDF and PNG) in {sheets[-1].parent}")

    if result.themes is not None:
        unplaced = out / "niet_geplaatste_fragmenten.csv"
        result.unplaced.to_csv(unplaced, index=False)
        in_wijk = int(result.unplaced["wijk_code"].notna().sum())
        wrote(unplaced, f"{len(result.unplaced)} interview segments not placed in a buurt ({in_wijk} of them in a wijk), with the reason")
        say("  placement of interview segments (resolved_by): " + ", ".join(
            f"{row.resolved_by} {row.segments}" for row in result.placement.itertuples()
        ))

    if notebook:
        path = _run_notebook(project.path, out)
        wrote(path, "executed notebook")
    return written


#: The date GDAL writes into GeoPackage metadata, so the same inputs give the same bytes.
GPKG_DATE = "2000-01-01T00:00:00Z"


@contextlib.contextmanager
def _fixed_gdal_date() -> Iterator[None]:
    import pyogrio

    before = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": GPKG_DATE})
    try:
        yield
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": before})


def _save_maps(project: Project, result: pipeline.PipelineResult, folder: Path) -> list[Path]:
    table = project.kwb_files(project.year).table
    title, unit = result.con.execute(
        "select title, unit from indicators where key = ? and jaar = ?", [project.map_indicator, project.year]
    ).fetchall()[0]
    maps: dict[str, alt.TopLevelMixin] = {
        project.map_indicator: charts.choropleth_indicator(
            geometry.simplify_for_display(result.buurten),
            project.map_indicator,
            title=title,
            unit=unit,
            subtitle=f"{project.name}, {project.year}",
            source=charts.source_line(table=table, year=project.year),
        )
    }
    if result.themes is not None and project.map_theme:
        label = project.interviews.label
        maps[f"thema_{slug(project.map_theme)}"] = charts.choropleth_theme(
            geometry.simplify_for_display(result.themes[result.themes["theme"] == project.map_theme]),
            project.map_theme,
            subtitle=project.name,
            source=charts.source_line(table=table, year=project.year, interviews=label),
        )
    paths = []
    for name, chart in maps.items():
        for suffix in (".png", ".html"):
            path = folder / f"{name}{suffix}"
            save_chart(chart, path)
            paths.append(path)
    return paths


def save_chart(chart: alt.TopLevelMixin, path: Path) -> None:
    """Save a chart as PNG (for print) or self-contained HTML (opens offline), Dutch number format."""
    import vl_convert as vlc

    options = {"formatLocale": vlc.get_format_locale("nl-NL")}
    if path.suffix == ".html":
        chart.save(path, inline=True, embed_options=options)
    else:
        chart.save(path, scale_factor=2, embed_options=options)


def _run_notebook(project_file: Path, out: Path) -> Path:
    from buurtdata.outputs import report

    return report.execute_notebook(
        _resources.folder("notebooks") / NOTEBOOK, out / "notebooks", project_file=project_file,
        database=out / "buurtdata.duckdb",
    )
