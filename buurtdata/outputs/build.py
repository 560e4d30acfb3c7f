"""One build: run the pipeline once and hand its result to every output, all in one folder.

``buurtdata demo`` and ``buurtdata report`` are builds; from Python::

    build(datasets.get_path("hengelo"), Path("uit"))          # database, GeoPackage, maps, handouts, notebook
    build_report(datasets.get_path("hengelo"), Path("rapport"))  # the same, every notebook, and the HTML report

The database is written first and closed before the notebooks run: they read it (their kernel is
another process, and DuckDB lets a file be opened by one writer only). Everything is written into a fresh
folder beside ``out`` that replaces ``out`` only when the whole build succeeded (:mod:`._publish`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from buurtdata import pipeline
from buurtdata.outputs import audit, maps, regional, report, toekomstplan
from buurtdata.outputs._publish import staged
from buurtdata.outputs._spreadsheet import write_csv
from buurtdata.outputs.handout import make_handouts
from buurtdata.outputs.notebooks import DEMO_NOTEBOOK, notebooks
from buurtdata.pipeline import scope
from buurtdata.project import Project

#: Folder :func:`build_report` writes to by default (the CLI's default is the same).
DEFAULT_REPORT_OUT = Path("buurtdata-rapport")
DATABASE = "buurtdata.duckdb"
#: The date GDAL writes into GeoPackage metadata, so the same inputs give the same bytes.
GPKG_DATE = "2000-01-01T00:00:00Z"


def build(
    project_file: str | Path,
    out: str | Path,
    *,
    key: bytes | None = None,
    notebook_names: Sequence[str] | None = (DEMO_NOTEBOOK,),
    handout_buurten: list[str] | None = None,
    site: bool = False,
    say: Callable[[str], None] = print,
) -> list[Path]:
    """Build the database, the per-buurt GeoPackage, the maps, the handouts, the notebooks and (``site``) the report.

    Parameters
    ----------
    project_file
        A project TOML file.
    out
        Output folder; replaced whole when the build succeeds, left as it was when it fails.
    key
        Secret key for pseudonymising respondent ids (see :func:`buurtdata.pipeline.run`).
    notebook_names
        The notebooks to execute against the database (file names in ``notebooks/``); ``None``: every one.
    handout_buurten
        Limits the handouts to these buurt codes (default: every buurt; ``[]``: none).
    site
        Also write the HTML report (a page per notebook, questions, validation, an index).
    say
        Told each file written.

    Returns
    -------
    list of Path
        The paths written, in the order written.

    Raises
    ------
    ValidationError
        When an input breaks a rule (see :mod:`buurtdata.pipeline.validation`); nothing is published then.
    OutputFolderError
        When ``out`` holds inputs or files no build wrote, cannot be written, or another build is writing it.
    DisclosureError
        When the privacy audit (:mod:`buurtdata.outputs.audit`) can work out the size of a hidden group
        from the files written; nothing is published then.
    """
    project = Project.load(project_file)
    final = Path(out)
    written: list[Path] = []
    with staged(final, inputs=project_inputs(project)) as building:

        def wrote(path: Path, what: str) -> None:
            written.append(final / path.relative_to(building))
            say(f"  {written[-1]}  ({what})")

        say(f"buurtdata: {project.name} ({project.gemeente}, {project.year})")
        _build(
            project,
            building,
            wrote,
            say,
            key=key,
            notebook_names=notebook_names,
            handout_buurten=handout_buurten,
            site=site,
        )
    return written


def project_inputs(project: Project) -> list[Path]:
    """Return every file a build of ``project`` reads: the project file and the files it names."""
    paths = [project.path, project.boundaries.path]
    for files in project.kwb:
        paths += [files.data, *(p for p in (files.properties, files.regions) if p is not None)]
    if project.interviews is not None:
        paths += [project.interviews.segments, project.interviews.codebook]
        paths += [project.interviews.pc6] if project.interviews.pc6 is not None else []
    return paths


def _build(
    project: Project,
    out: Path,
    wrote: Callable[[Path, str], None],
    say: Callable[[str], None],
    *,
    key: bytes | None,
    notebook_names: Sequence[str] | None,
    handout_buurten: list[str] | None,
    site: bool,
) -> None:
    result = pipeline.run(project, out / DATABASE, key=key)
    try:
        gpkg = _write_geopackage(result, out / "buurten.gpkg")
        wrote(gpkg, f"{len(result.buurten)} buurten with their figures and geometry (EPSG:28992)")
        if scope.many(project):
            regional.write(result, out, wrote, handout_buurten=handout_buurten)
        else:
            for path in maps.save_maps(result, out / "kaarten"):
                wrote(path, "kaart")
        if handout_buurten != [] and not scope.many(project):
            sheets = make_handouts(project, out / "handouts", result=result, buurten=handout_buurten)
            pdfs = sum(p.suffix == ".pdf" for p in sheets)
            wrote(sheets[-1], f"index of {pdfs} A4 handouts (PDF and PNG) beside it")
        for path in toekomstplan.write_plans(result, out / "toekomstplan"):
            wrote(path, "buurttoekomstplan")
        if result.themes is not None:
            _write_unplaced(result, out / "niet_geplaatste_fragmenten.csv", wrote, say)
            for message in result.respondent_checks.get("message", []):
                say(f"  respondent ids: {message}")
        if site:
            report.write_questions_page(result.con, project, out / report.QUESTIONS_PAGE)
            wrote(out / report.QUESTIONS_PAGE, "every conversation question, per buurt")
            report.write_validation_page(result.con, out / report.VALIDATION_PAGE, project)
            wrote(out / report.VALIDATION_PAGE, "validation results")
    finally:
        result.con.close()
    wrote(out / DATABASE, "DuckDB: regions, indicators, observations, buurt_profile, buurt_themes, ...")

    chosen = notebooks() if notebook_names is None else [n for n in notebooks() if n.name in notebook_names]
    pages = report.run_notebooks(out, project, chosen, database=out / DATABASE, site=site, wrote=wrote)
    if site:
        wrote(report.write_index(out, project, pages), "report: open this file in a browser")
    # Last, once every output is written and before the folder is published: reread it as a reader would.
    audit.check(out)
    say("  privacy audit: no hidden group can be sized from what this build published")


def build_report(
    project_file: str | Path | None = None,
    out: str | Path = DEFAULT_REPORT_OUT,
    *,
    key: bytes | None = None,
    say: Callable[[str], None] = print,
) -> Path:
    """Build the whole report of a project in ``out`` and return the path of its ``index.html``.

    The same as :func:`build` with every notebook and the site; ``project_file=None`` is the embedded
    Hengelo sample.
    """
    from buurtdata import datasets

    build(project_file or datasets.get_path("hengelo"), out, key=key, notebook_names=None, site=True, say=say)
    return Path(out) / report.INDEX_PAGE


def _write_geopackage(result: pipeline.PipelineResult, gpkg: Path) -> Path:
    with _fixed_gdal_date():
        result.buurten.to_file(gpkg, layer="buurten", driver="GPKG")
        if result.themes is not None:
            result.themes.to_file(gpkg, layer="buurt_themes", driver="GPKG")
    return gpkg


@contextlib.contextmanager
def _fixed_gdal_date() -> Iterator[None]:
    import pyogrio

    before = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": GPKG_DATE})
    try:
        yield
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": before})


def _write_unplaced(
    result: pipeline.PipelineResult, path: Path, wrote: Callable[[Path, str], None], say: Callable[[str], None]
) -> None:
    write_csv(result.unplaced, path)
    in_wijk = int(result.unplaced["wijk_code"].notna().sum())
    wrote(
        path,
        f"{len(result.unplaced)} interview segments not placed in a buurt ({in_wijk} of them in a wijk), "
        "with the reason",
    )
    say(
        "  placement of interview segments (resolved_by): "
        + ", ".join(f"{row.resolved_by} {row.segments}" for row in result.placement.itertuples())
    )
