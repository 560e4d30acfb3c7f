"""The report: a static HTML site over one build that opens from disk.

:func:`buurtdata.outputs.build.build_report` writes these pages into the build's folder: a page per
executed notebook (nbconvert, without code), every conversation question per buurt, the validation
results, and an index that links them with the maps, handouts and downloads. Pages are Jinja2
templates (``templates/``) with autoescaping. Every link is relative and nothing is loaded from the
internet, so the folder can be opened from disk or published as a CI artifact. The same inputs give
the same bytes: no timestamps, stable orders.
"""

from __future__ import annotations

import dataclasses
import functools
import queue
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import duckdb

from buurtdata._errors import BuurtdataError
from buurtdata._text import FICTIONAL, counted, folder_name, name_or_code, told_of_rounds
from buurtdata.outputs import _vega
from buurtdata.outputs._html import render
from buurtdata.outputs._left_out import uitleg
from buurtdata.outputs._links import INDEX_PAGE, by_name, files_in, href, opened, titles
from buurtdata.outputs._meeting_order import meeting_order
from buurtdata.outputs._opening import shared_opening, without
from buurtdata.project import Project

#: Output folders of a build the index links file by file, with their heading.
#: In this order on the index: what goes to the meeting first (user test: Amsterdam's 330 links of notebook
#: pages and wall maps came before the handouts).
LINKED_FOLDERS = {"handouts": "Handouts", "toekomstplan": "Buurttoekomstplannen", "kaarten": "Kaarten"}
#: The most wijk pages of ``04_verken_een_buurt`` a report makes: Amsterdam's 99 take a kernel minutes; the
#: country's 3,000 would take hours and an index nobody reads (there the gemeente-wide page is the one).
MAX_WIJK_PAGES = 200

#: Validation results as a page of the report: column -> Dutch heading.
VALIDATION_COLUMNS = {
    "suite": "Tabel (grens.tabel)",
    "source": "Bestand",
    "rule_nl": "Regel",
    "rule": "Regel (Engels, zoals in de foutmelding)",
    "success": "Geslaagd",
    "unexpected": "Afwijkende rijen",
    "examples": "Voorbeelden",
}

#: The report page with every conversation question of every buurt (a handout prints the first few).
QUESTIONS_PAGE = "vragen.html"
VALIDATION_PAGE = "validatie.html"
#: Files of a build the index offers for download.
DOWNLOADS = {".gpkg", ".duckdb", ".csv"}


@dataclasses.dataclass(frozen=True)
class NotebookPage:
    """A notebook's page in the report, with its pages per wijk (``04_verken_een_buurt``), as (page, wijk name)."""

    path: Path
    title: str
    per_wijk: list[tuple[Path, str]] = dataclasses.field(default_factory=list)


@dataclasses.dataclass(frozen=True)
class NotebookPlan:
    """The notebooks a build executes: ``chosen`` once each, then (with a site) ``04_verken_een_buurt`` per wijk.

    ``runs`` holds every execution in order; ``wijken`` the run of each wijk page with the wijk's name;
    ``folder`` is where the executed copies and their pages go.
    """

    chosen: list[Path]
    runs: list[Any]
    wijken: list[tuple[int, str]]
    folder: Path


def plan_notebooks(
    con: duckdb.DuckDBPyConnection, project: Project, chosen: Sequence[Path], folder: Path, *, site: bool
) -> NotebookPlan:
    """Plan the executions of the ``chosen`` notebooks over the built database ``con`` into ``folder`` (see
    :class:`NotebookPlan`)."""
    from buurtdata._text import slug
    from buurtdata.outputs import notebooks
    from buurtdata.pipeline import scope

    runs = [notebooks.NotebookRun(path, path.name) for path in chosen]
    wijken: list[tuple[int, str]] = []
    per_wijk = [path for path in chosen if path.name == notebooks.PER_WIJK_NOTEBOOK]
    # Past a bound on the wijken (a national build has 3,000) the gemeente-wide page is the one.
    every = _wijken(con, project.year) if site and per_wijk else []
    if every and len(every) <= MAX_WIJK_PAGES:
        [notebook] = per_wijk
        many = scope.many(project)
        names = set()
        for code, name, gemeente in every:
            said = name_or_code(name, code)
            # Of many gemeenten, the gemeente's name too, as the handout folders carry it (sweep 14 F7: five
            # "Wijk 00" of the Wadden were wijk_00 and wijk_00_wk008800).
            stem = f"{notebook.stem}_{slug(said)}" + (f"_{slug(gemeente)}" if many and gemeente else "")
            # Two wijken whose names read alike in a file name still get a page each.
            stem = f"{stem}_{code.lower()}" if stem in names else stem
            names.add(stem)
            # Of many gemeenten, wijken of one name (Centrum) are told apart by their gemeente.
            wijken.append((len(runs), f"{said}, {gemeente}" if many else said))
            runs.append(notebooks.NotebookRun(notebook, f"{stem}.ipynb", {"wijk": code}))
    return NotebookPlan(list(chosen), runs, wijken, folder)


def write_notebook_pages(plan: NotebookPlan, finished: queue.SimpleQueue) -> dict[int, str]:
    """Write the page of each run of ``plan`` whose number ``finished`` gives, until it gives ``None``; return
    each page's title by the run's number.

    The build calls this once its own work is done, while the kernel still runs notebooks: a page takes this
    process a fifth of a second, which the kernel, the report's slowest part, then need not spend.
    """
    labels = dict(plan.wijken)
    titles = {}
    while (number := finished.get()) is not None:
        run = plan.runs[number]
        executed = plan.folder / run.name
        try:
            titles[number] = write_notebook_page(executed, executed.with_suffix(".html"), label=labels.get(number))
        except Exception as error:
            msg = (
                f"notebook {run.notebook.name} ({run.name}) ran, but its page {executed.with_suffix('.html')} "
                f"could not be written: {error}"
            )
            raise BuurtdataError(msg) from error
    return titles


def tell_notebook_pages(
    plan: NotebookPlan, executed: Sequence[Path], titles: dict[int, str], *, wrote: Callable[[Path, str], None]
) -> list[NotebookPage]:
    """Tell the executed notebooks of ``plan`` (in the order of ``executed``) and the pages
    :func:`write_notebook_pages` wrote and gave ``titles`` for (none without a site): one of each notebook and
    one per wijk. Return the pages."""
    from buurtdata.outputs import notebooks

    pages = []
    for number, path in enumerate(plan.chosen):
        wrote(executed[number], "executed notebook")
        if number not in titles:
            continue
        page = executed[number].with_suffix(".html")
        title = titles[number]
        wrote(page, f"notebook: {title}")
        parts = []
        for run, wijk in plan.wijken if path.name == notebooks.PER_WIJK_NOTEBOOK else []:
            part = executed[run].with_suffix(".html")
            wrote(part, f"notebook: {title}, {wijk}")
            parts.append((part, wijk))
        pages.append(NotebookPage(page, title, parts))
    return pages


def _wijken(con: duckdb.DuckDBPyConnection, year: int) -> list[tuple[str, str | None, str | None]]:
    return con.execute(
        "select distinct p.wijk_code, p.wijk_name, coalesce(g.name, p.gemeente_code) from buurt_profile p "
        "left join regions g on g.code = p.gemeente_code and g.year = p.year "
        "where p.year = ? and p.wijk_code is not null order by p.wijk_code",
        [year],
    ).fetchall()


def write_notebook_page(executed: Path, page: Path, *, label: str | None = None) -> str:
    """Write the executed notebook as a page without code; return its title (its first ``# `` heading).

    ``label`` (a wijk) is added to the title. Interactive charts stay interactive: their Vega-Lite spec is
    drawn in the page by the Vega bundle :data:`._vega.SCRIPT`, written once beside the pages (no CDN; the static
    SVG is what a printed page shows).
    """
    import nbformat
    from markupsafe import Markup

    notebook = nbformat.read(executed, as_version=4)
    interactive_charts = _embed_interactive_charts(notebook)
    if interactive_charts:
        _vega.write_script(page.parent)
    body, _ = _exporter().from_notebook_node(notebook)
    # nbconvert's English placeholder says nothing to a screen-reader user; the charts carry their own titles.
    body = body.replace(
        'alt="No description has been provided for this image"',
        'alt="Grafiek of kaart; titel, legenda en bron staan in de afbeelding"',
    )
    title = _title(notebook) if label is None else f"{_title(notebook)}: {label}"
    # nbconvert's HTML is markup by design (it escapes the notebook's text itself).
    page.write_text(
        render(
            "page.html.j2",
            title=title,
            body=Markup(body),
            depth=1,
            scripts=[_vega.SCRIPT] if interactive_charts else [],
        ),
        encoding="utf-8",
    )
    return title


@functools.cache
def _exporter() -> Any:
    """nbconvert's HTML exporter of the notebook pages, made once: it loads its templates when made."""
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    # Only the cells: the lab template's page head loads require.js and MathJax from a CDN.
    template = "{%- extends 'lab/base.html.j2' -%}"
    return HTMLExporter(
        extra_loaders=[DictLoader({"buurtdata.html.j2": template})],
        template_name="lab",
        template_file="buurtdata.html.j2",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )


def _embed_interactive_charts(notebook: Any) -> int:
    """Replace each Vega-Lite output by the HTML that draws it in the page; return how many there were."""
    from buurtdata.outputs import display

    count = 0
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            spec = output.get("data", {}).get(display.MIMETYPE)
            if spec is None:
                continue
            count += 1
            output["data"] = {"text/html": display.embed_html(spec, f"vega-{count}")}
            output["metadata"] = {}
    return count


def _title(notebook: Any) -> str:
    for cell in notebook.cells:
        if cell.cell_type == "markdown" and (match := re.search(r"^# (.+)$", cell.source, re.MULTILINE)):
            return match.group(1).strip()
    return "Notebook"


def write_questions_page(con: duckdb.DuckDBPyConnection, project: Project, page: Path) -> list[Path]:
    """Write every conversation question of every buurt, per wijk and buurt in handout order (a handout prints the
    first few); return the pages written.

    Of many gemeenten ``page`` lists the gemeenten and each gets its own page in ``vragen/`` (named as its folder
    of handouts): the country's 58,000 questions on one page would open slowly and be read by no one, and a
    conversation is held in one gemeente.
    """
    from buurtdata.pipeline import link, scope

    signals = link.signals(con)
    places = con.sql(
        "select b.code, w.name as wijk_name, b.gemeente_code, g.name as gemeente_name from regions b "
        "left join regions w on w.code = b.wijk_code and w.year = b.year "
        "left join regions g on g.code = b.gemeente_code and g.year = b.year "
        "where b.level = 'buurt' and b.year = ?",
        params=[project.year],
    ).df()
    # In the handouts' order (one rule), so the page goes on where the sheet stopped.
    signals = meeting_order(signals[signals["signal"] != "geen signaal"]).merge(places, on="code", how="left")
    interviews = project.interviews.label if project.interviews is not None else None
    # A made-up round beside real ones is named, as the toekomstplan names it (fix13b).
    fictional = told_of_rounds(FICTIONAL, "de interviews", project)
    texts = {"interviews": interviews, "fictional": fictional, "warme_duiding": link.WARME_DUIDING}
    if not scope.many(project):
        _questions_page(page, signals, texts, title="Vragen per buurt", depth=0)
        return [page]
    gemeenten = []
    pages = [page]
    # A buurt without a gemeente (none should be) still gets its page rather than being dropped.
    for (code, name), rows in signals.groupby(["gemeente_code", "gemeente_name"], sort=True, dropna=False):
        code, name = _text(code) or "onbekend", _text(name)
        part = page.parent / "vragen" / f"{folder_name(code, name)}.html"
        said = name_or_code(name, code)
        _questions_page(part, rows, texts, title=f"Vragen per buurt: {said}", depth=1)
        pages.append(part)
        gemeenten.append(
            {
                "href": href(part, page.parent),
                "name": said,
                "code": code,
                "buurten": counted(rows["code"].nunique(), "buurt", "buurten"),
                "questions": counted(len(rows), "vraag", "vragen"),
            }
        )
    page.write_text(
        render("questions.html.j2", title="Vragen per buurt", depth=0, gemeenten=gemeenten, buurten=[], **texts),
        encoding="utf-8",
    )
    return pages


#: What each signal means, as a reader says it aloud beside a question (sweep13 #20: "(verschil: ontmoeten)" was a
#: tag of the program's, not Dutch a wijkwerker reads out).
SIGNAL_SAID = {
    "samen": "cijfers en verhalen wijzen dezelfde kant op",
    "verschil": "cijfers en verhalen zeggen iets anders",
    "alleen verhalen": "de verhalen noemen het, de cijfers zeggen er niets over",
    "te weinig stemmen": "te weinig mensen noemden het om te tellen",
    "alleen cijfers": "de cijfers wijzen, de verhalen nog niet",
}


def _questions_page(page: Path, signals: Any, texts: dict[str, Any], *, title: str, depth: int) -> None:
    buurten = [
        {
            "wijk": _text(wijk) or "zonder wijk",
            "code": code,
            "name": name,
            # Questions that all open with the same sentence say it once (:mod:`._opening`).
            "opening": (opening := shared_opening(list(rows["question"]))),
            "questions": [
                row | {"question": without(opening, row["question"]), "said": SIGNAL_SAID.get(row["signal"], "")}
                for row in rows[["question", "signal", "theme"]].to_dict("records")
            ],
        }
        # dropna=False: a buurt whose wijk has no name (or no wijk) keeps its questions.
        for (wijk, code, name), rows in signals.groupby(["wijk_name", "code", "name"], sort=True, dropna=False)
    ]
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(
        render("questions.html.j2", title=title, depth=depth, gemeenten=[], buurten=buurten, **texts),
        encoding="utf-8",
    )


def _text(value: Any) -> str | None:
    """A name from a frame, or ``None`` for its missing value (NaN, None, NA)."""
    return value if isinstance(value, str) else None


def write_validation_page(con: duckdb.DuckDBPyConnection, page: Path, project: Project) -> None:
    """Check every validation rule with great-expectations and write each with its result; failed rules are marked.

    The build checked the same rules as SQL; the report is where great-expectations is worth its import. Of many
    gemeenten, those the build left out are listed with the reason (``gemeente_status``): one whose figures failed
    a rule was refused and the rules checked again without it, so its failures are not among the results.
    """
    from buurtdata.pipeline import scope
    from buurtdata.pipeline.rules_nl import dutch
    from buurtdata.pipeline.validation import results, validate

    validate(con, project, raise_on_failure=False, executor="great_expectations")
    table = results(con)  # as recorded: the files named relative to the project, no paths of this machine
    table["rule_nl"] = table["rule"].map(dutch)
    rows = [
        {"success": row["success"], "cells": [_cell(row[column]) for column in VALIDATION_COLUMNS]}
        for row in table.to_dict("records")
    ]
    status = scope.status_table(con)
    refused = status[status["build_status"] == scope.REFUSED]
    page.write_text(
        render(
            "validation.html.j2",
            title="Validatie",
            depth=0,
            rows=rows,
            failed=int((~table["success"]).sum()),
            headings=VALIDATION_COLUMNS.values(),
            many=scope.many(project),
            refused=[
                {
                    "code": row.code,
                    "name": _text(row.name) or "",
                    "reason": _text(row.reason) or "",
                    "uitleg": uitleg(row.build_status, row.reason, where=False),
                }
                for row in refused.itertuples()
            ],
        ),
        encoding="utf-8",
    )


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return "" if value is None else str(value)


def write_index(
    out: Path,
    project: Project,
    notebook_pages: list[NotebookPage],
    database: Path,
    *,
    gemeenten: list[dict[str, Any]] | None = None,
) -> Path:
    """Write the index of the build in ``out``: notebooks, questions, maps, handouts, downloads, validation.

    The build's ``database`` gives the names of what the files are about (figures, themes, wijken, buurten).

    Of many gemeenten (``gemeenten``: the rows of ``gemeenten.csv`` as :func:`.regional.write` wrote them) the
    maps, handouts, plans and questions are linked per gemeente, one line each: the country's 28,000 files in one
    list help no one find their gemeente.
    """
    from buurtdata.outputs import _report_many, _report_rounds

    # What the index reads of the build, read through one connection.
    with opened(database) as con:
        # Files are listed by what they are called, in the order of their codes: not by file name.
        named = titles(con, project.name)
        where = _report_many.gemeente(con, project.gemeente) if gemeenten is None else None
        conversations = _report_rounds.conversations(con, project, out)
    folders = []
    for folder, heading in LINKED_FOLDERS.items():
        if gemeenten is not None:
            break
        files = files_in(out / folder)
        if (out / folder / INDEX_PAGE).exists():
            folders.append(
                {
                    "heading": heading,
                    "index": href(out / folder / INDEX_PAGE, out),
                    # The folder's own index.pdf is no handout; a report draws no PNGs (`buurtdata handouts` does).
                    "pdfs": sum(p.suffix == ".pdf" and p.name != "index.pdf" for p in files),
                    "pngs": any(p.suffix == ".png" for p in files),
                }
            )
        elif files:
            folders.append(
                {"heading": heading, "index": None, "files": by_name(files, out, out / folder, named.get(folder))}
            )
    downloads = sorted(p for p in out.iterdir() if p.is_file() and p.suffix in DOWNLOADS)
    index = out / INDEX_PAGE
    index.write_text(
        render(
            "index.html.j2",
            title=f"Buurtrapport {project.name}",
            depth=0,
            project=project,
            # Fictional interviews are said as on every page people read, in the one sentence; a made-up round
            # beside real ones by name (sweep 13 #13), below the interviews' label.
            fictional=told_of_rounds(FICTIONAL, "de interviews", project),
            mixed=bool(project.fictional_rounds),
            where=where if gemeenten is None else _report_many.region(project, gemeenten),
            notebooks=[
                {
                    "href": href(page.path, out),
                    "title": page.title,
                    "per_wijk": [{"href": href(path, out), "wijk": wijk} for path, wijk in page.per_wijk],
                }
                for page in notebook_pages
            ],
            questions_page=QUESTIONS_PAGE,
            validation_page=VALIDATION_PAGE,
            conversations=conversations,
            folders=folders,
            gemeenten=None if gemeenten is None else _report_many.per_gemeente(out, gemeenten, named),
            downloads=[{"href": href(path, out), "name": path.name} for path in downloads],
        ),
        encoding="utf-8",
    )
    return index
