"""One build: run the pipeline once and hand its result to every output, all in one folder.

``buurtdata demo`` and ``buurtdata report`` are builds; from Python::

    build(datasets.get_path("hengelo"), Path("uit"))          # database, GeoPackage, maps, handouts, notebook
    build_report(datasets.get_path("hengelo"), Path("rapport"))  # the same, every notebook, and the HTML report

Everything is written into a fresh folder beside ``out`` that replaces ``out`` only when the whole build
succeeded (:mod:`._publish`).

Work that uses idle cores goes on beside the rest: the notebook kernels start and import while the pipeline
runs, and execute the notebooks (over a copy of the database, made as soon as its tables are built: DuckDB lets
a file be opened by one writer or by readers only) while the build draws the maps, writes the toekomstplannen
and checks the validation page; the handouts are drawn by a process pool meanwhile. A build of an unchanged
project (the same input files, settings, key, options and buurtdata) reuses the previous output as it is
(:func:`._publish.build_once`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import queue
import shutil
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import buurtdata
from buurtdata import _built_from, _resources, dossier
from buurtdata.outputs import _geopackage
from buurtdata.outputs._publish import build_once
from buurtdata.outputs._told import Told
from buurtdata.outputs.notebooks import DEMO_NOTEBOOK, Kernels, notebooks
from buurtdata.project import Project
from buurtdata.sources.interviews.privacy import existing_key

if TYPE_CHECKING:
    from buurtdata import pipeline
    from buurtdata.outputs.handout import Handouts

#: Folder :func:`build_report` writes to by default (the CLI's default is the same).
DEFAULT_REPORT_OUT = Path("buurtdata-rapport")
DATABASE = "buurtdata.duckdb"
#: Kernels that run a build's notebooks. On the sample two finish the notebooks sooner, but cost 2-4 s more CPU
#: (a kernel's start and imports) and a second copy of the data in memory, and the build then waits for its own
#: work (maps, validation page) instead; with one the notebooks are done about when the rest is. On a loaded
#: 2-core machine the whole build took as long either way (``benchmarks/report.py --kernels``).
NOTEBOOK_KERNELS = 1
#: A build with more notebooks than this per kernel starts one more kernel per so many, up to the cores, once it
#: knows how many it runs (a page per wijk): Amsterdam's 99 wijken ran in 100 s with two kernels, 111 s with one.
NOTEBOOKS_PER_KERNEL = 40
#: The date GDAL writes into GeoPackage metadata, so the same inputs give the same bytes.
GPKG_DATE = "2000-01-01T00:00:00Z"


def build(
    project_file: str | Path,
    out: str | Path,
    *,
    key: bytes | None = None,
    notebook_names: Sequence[str] | None = (DEMO_NOTEBOOK,),
    handout_buurten: list[str] | None = None,
    handout_gemeenten: list[str] | None = None,
    handout_png: bool = True,
    handouts_only: bool = False,
    site: bool = False,
    say: Callable[[str], None] = print,
) -> list[Path]:
    """Build the database, the per-buurt GeoPackage, the maps, the handouts, the notebooks and (``site``) the report.

    Parameters
    ----------
    project_file
        A project TOML file.
    out
        Output folder; replaced whole when the build succeeds, left as it was when it fails, and left as it is
        when it holds the build of the same inputs, settings and options already (told through ``say``).
    key
        Secret key for pseudonymising respondent ids (see :func:`buurtdata.pipeline.run`).
    notebook_names
        The notebooks to execute against the database (file names in ``notebooks/``); ``None``: every one.
    handout_buurten
        Limits the handouts to these buurt codes (default: every buurt; ``[]``: none).
    handout_gemeenten
        Limits the handouts to every buurt of these gemeenten (codes or names), besides ``handout_buurten``.
    handout_png
        Also write a PNG of the first page of each handout (the handouts' index links them).
    handouts_only
        Write only the handouts and their index, straight into ``out`` (``buurtdata handouts``).
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
    options = _Options(
        notebook_names=None if notebook_names is None else tuple(notebook_names),
        handout_buurten=None if handout_buurten is None else tuple(handout_buurten),
        handout_gemeenten=None if handout_gemeenten is None else tuple(handout_gemeenten),
        handout_png=handout_png,
        handouts_only=handouts_only,
        site=site,
    )

    def make(building: Path) -> dict[str, list[str]]:
        lines: list[str] = []
        written: list[str] = []

        def tell(line: str) -> None:
            lines.append(line)
            say(line)

        told = Told(final, tell)

        def wrote(path: Path, what: str) -> None:
            written.append(path.relative_to(building).as_posix())
            told.file(written[-1], what)

        where = "Nederland" if project.national else ", ".join(project.gemeenten)
        tell(f"buurtdata: {project.name} ({where}, {project.year})")
        opened = _build(project, building, wrote, tell, key=key, options=options)
        told.close()
        from buurtdata.outputs import audit
        from buurtdata.outputs._audit_folders import machine_folders

        # Last, once every output is written and before the folder is published: reread it as a reader would.
        names = project.interviews.names if project.interviews else ()
        audit.check(building, names, machine_folders(project.path))
        if not options.handouts_only:
            tell("  privacy audit: no hidden group can be sized from what this build published")
        if opened is not None:
            # The last line a build says, below every file in its folders (told when the build is done): the page
            # to open. `buurtdata handouts` names the last file written too.
            wrote(*opened)
        return {"written": written, "lines": lines}

    inputs = project_inputs(project)
    record, reused = build_once(final, make, fingerprint=fingerprint(project, key, options), inputs=inputs)
    if reused:
        for line in record["lines"]:
            say(line)
        say(f"  {REUSED}: {final} holds the build of these inputs and settings already")
    return [final / path for path in record["written"]]


#: What a build says when it reused the previous output (:func:`build`).
REUSED = "unchanged, reused"


@dataclasses.dataclass(frozen=True)
class _Options:
    """The choices of :func:`build` besides the project: part of what a build is made from."""

    notebook_names: tuple[str, ...] | None
    handout_buurten: tuple[str, ...] | None
    handout_gemeenten: tuple[str, ...] | None
    handout_png: bool
    handouts_only: bool
    site: bool


#: Libraries whose version can change the bytes a build writes.
_LIBRARIES = (
    "altair",
    "duckdb",
    "geopandas",
    "great-expectations",
    "matplotlib",
    "nbconvert",
    "pandas",
    "papermill",
    "pyogrio",
    "shapely",
    "vl-convert-python",
)


def fingerprint(project: Project, key: bytes | None, options: Any) -> str:
    """Return a checksum of all a build of ``project`` is made from: every file it names, the key, the options,
    buurtdata itself (its version and its files, so an edited checkout builds again) and the libraries it draws
    and converts with."""
    digest = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        digest.update(f"{label}\0{len(data)}\0".encode())
        digest.update(data)

    add("version", buurtdata.__version__.encode())
    add("python", sys.version.encode())
    for name in _LIBRARIES:
        try:
            add(f"library {name}", metadata.version(name).encode())
        except metadata.PackageNotFoundError:
            add(f"library {name}", b"")
    add("options", json.dumps(dataclasses.asdict(options), sort_keys=True).encode())
    if key is None:
        key = existing_key()
    # Hashed, so the state file beside the output tells nothing about the key.
    add("key", hashlib.sha256(b"buurtdata key " + (key or b"")).digest())
    # The checksums the database records of its inputs (project_settings), so each file is hashed once.
    for path in sorted(_built_from.inputs(project)):
        if path.is_file():
            add(f"input {path}", bytes.fromhex(_built_from.digest(path)))
    add("names", (_built_from.names_digest(project) or "").encode())  # names_file's lines are in no path named
    package = Path(buurtdata.__file__).parent
    for folder in (package, *(_resources.folder(name) for name in ("pipelines", "notebooks"))):
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            add(f"package {path.relative_to(folder.parent).as_posix()}", path.read_bytes())
    return digest.hexdigest()


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
    options: _Options,
) -> tuple[Path, str] | None:
    """Write the outputs in ``out``, telling ``wrote`` each file; return the page to open and what it is (told
    last, by :func:`build`), if any."""
    # Imported here: a build that reuses its folder needs none of this (Altair alone takes seconds).
    from buurtdata import pipeline
    from buurtdata.outputs import audit, maps, regional, report, toekomstplan
    from buurtdata.outputs._unplaced import UNPLACED, quotes_told, write_unplaced
    from buurtdata.outputs.handout import Handouts
    from buurtdata.pipeline import scope

    if options.handouts_only:
        return _build_handouts(project, out, wrote, say, key=key, options=options)
    notebook_names, site = options.notebook_names, options.site
    chosen = notebooks() if notebook_names is None else [n for n in notebooks() if n.name in notebook_names]
    with contextlib.ExitStack() as stack:
        # Started first: the kernels start and import while the pipeline runs.
        kernels = stack.enter_context(Kernels(out / "notebooks", NOTEBOOK_KERNELS)) if chosen else None
        # This process writes its own database file: DuckDB lets a file be opened by one writer or by readers
        # only, and the notebooks read DATABASE while this process still writes (the validation page's results).
        own = out / f".{DATABASE}.writing"
        result = pipeline.run(project, own, key=key)
        # While the people heard per buurt are counted (temporary tables): no buurt of a few tells its themes apart.
        audit.check_thin(result.con, out)
        running = None
        finished: queue.SimpleQueue[int | None] = queue.SimpleQueue()
        if kernels is not None:
            plan = report.plan_notebooks(result.con, project, chosen, out / "notebooks", site=site)
            result.con.execute("checkpoint")  # every table in the file, so its copy holds them
            shutil.copyfile(own, out / DATABASE)
            kernels.add(kernels_for(len(plan.runs)) - NOTEBOOK_KERNELS)
            running = kernels.execute(
                plan.runs, project_file=dossier.source(project.path), database=out / DATABASE, done=finished.put
            )
            running.add_done_callback(lambda _: finished.put(None))
        # The handouts are drawn in other processes (when there are enough) while this one goes on.
        with ThreadPoolExecutor(1, thread_name_prefix="handouts") as background:
            handouts, drawing = None, None
            try:
                gpkg = _write_geopackage(result, out / "buurten.gpkg")
                wrote(gpkg, f"{len(result.buurten)} buurten with their figures and geometry (EPSG:28992)")
                # Many gemeenten: a folder each for their handouts and plans (the handouts drawn by one pool).
                folders = regional.folders(result.con) if scope.many(project) else None
                if options.handout_buurten != () or options.handout_gemeenten:
                    handouts = Handouts.prepare(
                        project,
                        result,
                        out / "handouts",
                        buurten=options.handout_buurten,
                        gemeenten=options.handout_gemeenten,
                        folders=folders,
                    )
                    drawing = _start(background, handouts, png=options.handout_png)
                if scope.many(project):
                    gemeenten = regional.write(result, out, wrote)  # gemeenten.csv's rows, for the index
                else:
                    gemeenten = None
                    for path in maps.save_maps(result, out / "kaarten"):
                        wrote(path, "kaart")
                for path in toekomstplan.write_plans(result, out / "toekomstplan", folders=folders):
                    wrote(path, "buurttoekomstplan")
                if result.themes is not None:
                    write_unplaced(result, out / UNPLACED, wrote, say, quotes_told(result))
                    for message in result.respondent_checks.get("message", []):
                        say(f"  respondent ids: {message}")
                if site:
                    for page in report.write_questions_page(result.con, project, out / report.QUESTIONS_PAGE):
                        wrote(page, "every conversation question, per buurt")
                    report.write_validation_page(result.con, out / report.VALIDATION_PAGE, project)
                    wrote(out / report.VALIDATION_PAGE, "validation results")
            finally:
                result.con.close()
            wrote(out / DATABASE, "DuckDB: regions, indicators, observations, buurt_profile, buurt_themes, ...")
            pages = []
            if running is not None:
                # This process is done with its own work; the kernel is still running notebooks.
                titles = report.write_notebook_pages(plan, finished) if site else {}
                executed = running.result()
                stack.close()  # the kernels read DATABASE no more
                pages = report.tell_notebook_pages(plan, executed, titles, wrote=wrote)
            os.replace(own, out / DATABASE)
            if handouts is not None:
                sheets = drawing.result() + handouts.write_index(png=options.handout_png)
                _wrote_handouts(sheets, wrote, png=options.handout_png)
                # The same page of gemeenten as `buurtdata handouts` writes: whoever opens the folder finds it.
                unplaced = out / UNPLACED if result.themes is not None else None
                if (overview := _write_overview(handouts, out, unplaced)) is not None:
                    wrote(*overview)
            if site:
                index = report.write_index(out, project, pages, out / DATABASE, gemeenten=gemeenten)
                return index, "report: open this file in a browser"
    return None


def kernels_for(notebooks: int) -> int:
    """How many kernels run ``notebooks`` notebooks: :data:`NOTEBOOK_KERNELS`, or one per
    :data:`NOTEBOOKS_PER_KERNEL` begun, up to the cores.

    >>> NOTEBOOK_KERNELS, kernels_for(14), kernels_for(103) <= (os.cpu_count() or 1)
    (1, 1, True)
    """
    return max(NOTEBOOK_KERNELS, min(os.cpu_count() or 1, -(-notebooks // NOTEBOOKS_PER_KERNEL)))


def _build_handouts(
    project: Project,
    out: Path,
    wrote: Callable[[Path, str], None],
    say: Callable[[str], None],
    *,
    key: bytes | None,
    options: _Options,
) -> tuple[Path, str] | None:
    """Only the handouts, their index and the list of segments on no buurt's sheet, in ``out`` itself; the
    database stays in memory. Return the overview of a regional build's gemeenten, to be told last."""
    from buurtdata import pipeline
    from buurtdata.outputs import audit, regional
    from buurtdata.outputs._unplaced import UNPLACED, quotes_told, write_unplaced
    from buurtdata.outputs.handout import Handouts
    from buurtdata.pipeline import scope

    result = pipeline.run(project, key=key)
    try:
        # The database the handouts print from is not published, so the audit of the folder cannot read it.
        audit.check_database(result.con, out, project.interviews.names if project.interviews else ())
        folders = regional.folders(result.con) if scope.many(project) else None
        if scope.many(project):  # the list the reasons of left-out gemeenten send the reader to
            regional.write_status(result, out, wrote)
        handouts = Handouts.prepare(
            project,
            result,
            out,
            buurten=options.handout_buurten,
            gemeenten=options.handout_gemeenten,
            folders=folders,
        )
        quoted = quotes_told(result) if result.themes is not None else None
    finally:
        result.con.close()
    # The index's cover sends whoever prepares the meeting to this list: beside the handouts, as in a report.
    if result.themes is not None:
        write_unplaced(result, out / UNPLACED, wrote, say, quoted)
    drawn = handouts.draw(png=options.handout_png)
    for path in drawn:
        wrote(path, "handout")
    _wrote_handouts(drawn + handouts.write_index(png=options.handout_png), wrote, png=options.handout_png)
    overview = _write_overview(handouts, out, out / UNPLACED if result.themes is not None else None)
    return None if overview is None else (overview[0], f"{overview[1]}: open this one")


def _start(background: ThreadPoolExecutor, handouts: Handouts, *, png: bool) -> Future[list[Path]]:
    """Draw the handouts beside the rest of the build when a pool draws them, else at once (matplotlib's
    settings are global to a process, so two threads may not both draw)."""
    if handouts.parallel:
        return background.submit(handouts.draw, png=png, beside=True)
    done: Future[list[Path]] = Future()
    done.set_result(handouts.draw(png=png))
    return done


def _write_overview(handouts: Handouts, out: Path, unplaced: Path | None) -> tuple[Path, str] | None:
    """Write the index of a regional build's handout indexes (linking ``unplaced``, the list of segments on no
    sheet, when written, and ``gemeenten.csv`` in ``out``); return it and what it is. None with one gemeente: its
    own index is the only one."""
    overview = handouts.write_overview(unplaced=unplaced, status=out / "gemeenten.csv")
    if overview is None:
        return None
    page, gemeenten = overview
    return page, f"index of the {gemeenten} gemeenten's handout indexes"


def handout_sheets(paths: list[Path]) -> list[Path]:
    """The handouts among the files a build wrote: each PDF but a printable index."""
    return [path for path in paths if path.suffix == ".pdf" and path.name != "index.pdf"]


def _wrote_handouts(sheets: list[Path], wrote: Callable[[Path, str], None], *, png: bool) -> None:
    """Tell each index written (one per gemeente of a regional build; a page and a PDF to print) and how many
    handouts are beside it."""
    pdfs = Counter(p.parent for p in handout_sheets(sheets))
    for index in (p for p in sheets if p.name in ("index.pdf", "index.html")):
        what = "index" if index.suffix == ".html" else "printable index"
        wrote(index, f"{what} of {pdfs[index.parent]} A4 handouts ({'PDF and PNG' if png else 'PDF'}) beside it")


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
    from buurtdata.outputs import report

    # The handouts' PNGs are for screens and mail; the report links the PDFs.
    build(
        project_file or datasets.get_path("hengelo"),
        out,
        key=key,
        notebook_names=None,
        handout_png=False,
        site=True,
        say=say,
    )
    return Path(out) / report.INDEX_PAGE


def _write_geopackage(result: pipeline.PipelineResult, gpkg: Path) -> Path:
    from buurtdata import _gc, _sql  # issue 19: the collector's passes, and the file written meanwhile

    layers = [
        (layer, frame)
        for layer, frame in (("buurten", result.buurten), ("buurt_themes", result.themes))
        if frame is not None
    ]
    options = {"OGR_CURRENT_DATE": GPKG_DATE} | _geopackage.sqlite_options(sum(len(frame) for _, frame in layers))
    with _gdal_options(options), _gc.spared(), _sql.checkpointing(result.con):
        for layer, frame in layers:
            _geopackage.write_layer(frame, gpkg, layer)
    return gpkg


@contextlib.contextmanager
def _gdal_options(options: dict[str, str]) -> Iterator[None]:
    """Set GDAL's configuration ``options`` for the ``with`` block, and give each back its value before."""
    import pyogrio

    before = {name: pyogrio.get_gdal_config_option(name) for name in options}
    pyogrio.set_gdal_config_options(options)
    try:
        yield
    finally:
        pyogrio.set_gdal_config_options(before)
