"""Execute the notebooks and build a static HTML report that opens from disk.

``build_report`` runs the whole flow (:func:`buurtdata.outputs.demo.build_outputs`:
database, GeoPackage, maps, handouts), executes every notebook in
``notebooks/`` against the database it built (papermill), converts them to
HTML (nbconvert, without code) and writes an index, a page per notebook and a
page with the validation results. Every link is relative and nothing is loaded
from the internet, so the folder can be opened from disk or published as a CI
artifact. The same inputs give the same bytes: no timestamps, stable orders.

The other public functions are what the notebooks call, so the notebooks
themselves hold no logic.
"""

from __future__ import annotations

import contextlib
import dataclasses
import html
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from buurtdata import _optional, _resources
from buurtdata._errors import BuurtdataError
from buurtdata.project import Project

_optional.require("notebooks", __name__)

#: Folder :func:`build_report` writes to by default (the CLI's default is the same).
DEFAULT_OUT = Path("buurtdata-rapport")

#: Output folders of :func:`buurtdata.outputs.demo.build_outputs` the index links file by file, with their heading.
LINKED_FOLDERS = {"kaarten": "Kaarten", "handouts": "Handouts"}

#: Validation results as a page of the report: column -> Dutch heading.
VALIDATION_COLUMNS = {
    "suite": "Tabel (grens.tabel)",
    "source": "Bestand",
    "rule": "Regel",
    "success": "Geslaagd",
    "unexpected": "Afwijkende rijen",
    "examples": "Voorbeelden",
}

_DATABASE = "buurtdata.duckdb"
#: The report page with every conversation question of every buurt (a handout prints the first few).
QUESTIONS_PAGE = "vragen.html"

_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 62rem; margin: 2rem auto; padding: 0 1rem; color: #1f2933; }
nav a { margin-right: 1rem; }
table { border-collapse: collapse; font-size: 0.85rem; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #cbd2d9; padding: 0.2rem 0.45rem; text-align: left; vertical-align: top; }
th { background: #f0f4f8; }
tr.mislukt td { background: #ffe3e3; }
img { max-width: 100%; }
.jp-OutputArea-output pre, pre { background: #f5f7fa; padding: 0.5rem; overflow-x: auto; }
.anchor-link { display: none; }
footer { margin-top: 3rem; font-size: 0.85rem; color: #52606d; }
"""


def notebook_data(
    project_file: str | Path | None = None,
    *,
    gemeente: str | None = None,
    year: int | None = None,
    database: str | Path | None = None,
) -> Any:
    """Return what a notebook shows: the project, its database and the per-buurt frames.

    With ``database`` (a ``buurtdata.duckdb`` that :func:`buurtdata.outputs.demo.build_outputs`
    or ``buurtdata report`` wrote), the tables are read from it, read-only, instead of
    being built again; without it the pipeline runs in memory.

    Parameters
    ----------
    project_file
        A project TOML file; ``None`` is the embedded Hengelo sample.
    gemeente
        ``None``, or the project's gemeente code (a check that the notebook shows the
        gemeente its reader expects; a project covers one gemeente).
    year
        ``None`` for the project's year, or another of its KWB years (the pipeline
        then runs for that year, ignoring ``database``).
    database
        A database the pipeline built from the same project file.

    Returns
    -------
    buurtdata.pipeline.PipelineResult
        When read from ``database``, ``placement`` is empty (segment rows are never
        written to the database).

    Examples
    --------
    >>> data = notebook_data()
    >>> data.project.gemeente, len(data.buurten)
    ('GM0164', 62)
    """
    from buurtdata import datasets, pipeline
    from buurtdata.sources import geometry
    from buurtdata.pipeline import link

    project = Project.load(project_file or datasets.get_path("hengelo"))
    if gemeente is not None and gemeente != project.gemeente:
        msg = (f"The notebook was asked for gemeente {gemeente!r}, but {project.path} covers {project.gemeente}; "
               f"pass the project file of {gemeente} as project_file, or leave gemeente empty (None).")
        raise BuurtdataError(msg)
    if year is not None and year != project.year:
        project.kwb_files(year)
        return pipeline.run(dataclasses.replace(project, year=year))
    if database is None:
        return pipeline.run(project)
    con = duckdb.connect(str(database), read_only=True)
    boundaries = geometry.read_boundaries(project.boundaries.path, layer=project.boundaries.layer)
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


def setup_display() -> None:
    """Show charts as SVG with Dutch number format (they render offline, in JupyterLab and in the report) and
    tables in full (one row per buurt, no rows left out)."""
    import altair as alt

    alt.renderers.enable("svg", embed_options={"formatLocale": "nl-NL"})
    pd.set_option("display.max_rows", 500)
    pd.set_option("display.max_columns", 50)
    # Questions and reasons are read whole; figures with one decimal, as CBS publishes shares.
    pd.set_option("display.max_colwidth", None)
    pd.set_option("display.precision", 1)


def figures_overview(data: Any) -> pd.DataFrame:
    """Return the gemeente's and Nederland's figures for every indicator and year, with CBS's titles."""
    return data.con.sql("""
        select i.title as indicator, i.unit as eenheid, o.jaar, r.name as regio, round(o.value, 1) as waarde, o.status
        from observations o
        join regions r on r.jaar = o.jaar and r.code = o.region_code
        join indicators i on i.key = o.indicator and i.jaar = o.jaar
        where r.level in ('land', 'gemeente')
        order by i.title, o.jaar desc, r.level
    """).df()


def status_overview(data: Any) -> pd.DataFrame:
    """Return per indicator how many buurten have a figure, a secret one or none (never read as zero)."""
    return data.con.sql("""
        select i.title as indicator, o.status, count(*) as buurten
        from observations o
        join regions r on r.jaar = o.jaar and r.code = o.region_code
        join indicators i on i.key = o.indicator and i.jaar = o.jaar
        where r.level = 'buurt' and o.jaar = (select max(jaar) from buurt_profile)
        group by all order by i.title, o.status
    """).df().pivot(index="indicator", columns="status", values="buurten").fillna(0).astype(int)


def indicator_map(data: Any, indicator: str | None = None) -> Any:
    """Return the map of one indicator per buurt (default: the project's map indicator)."""
    from buurtdata.outputs import charts
    from buurtdata.sources import geometry

    project = data.project
    indicator = indicator or project.map_indicator
    title, unit = data.con.execute(
        "select title, unit from indicators where key = ? and jaar = ?", [indicator, project.year]
    ).fetchall()[0]
    return charts.choropleth_indicator(
        geometry.simplify_for_display(data.buurten), indicator, title=title, unit=unit,
        subtitle=f"{project.name}, {project.year}",
        source=charts.source_line(table=project.kwb_files(project.year).table, year=project.year),
    )


def theme_map(data: Any, theme: str | None = None) -> Any:
    """Return the map of how many respondents raised ``theme`` per buurt (default: the project's map theme)."""
    from buurtdata.outputs import charts
    from buurtdata.sources import geometry

    project = data.project
    theme = theme or project.map_theme
    return charts.choropleth_theme(
        geometry.simplify_for_display(data.themes[data.themes["theme"] == theme]), theme, subtitle=project.name,
        source=charts.source_line(table=project.kwb_files(project.year).table, year=project.year,
                                  interviews=project.interviews.label),
    )


def theme_overview(data: Any) -> pd.DataFrame:
    """Return per theme in how many buurten it is shown, or has too few or no voices (no counts below the threshold)."""
    return data.con.sql("""
        select theme as thema, count(*) filter (where status = 'getoond') as "buurten getoond",
               count(*) filter (where status = 'te weinig stemmen') as "buurten te weinig stemmen",
               count(*) filter (where status = 'geen stemmen') as "buurten geen stemmen"
        from buurt_themes group by theme order by "buurten getoond" desc, thema
    """).df()


def unplaced_overview(data: Any) -> pd.DataFrame:
    """Return why interview segments could not be placed in a buurt, counted per reason."""
    # A segment without a reason was placed in a wijk (by wijk name, wijk code or a postcode spanning buurten).
    kind = data.unplaced["reason"].str.extract(r"^(empty|no match|ambiguous|outside gemeente|coordinates)")[0]
    reason = kind.map(_UNPLACED_REASONS).fillna("alleen de wijk is bekend")
    reasons = data.unplaced.assign(reden=reason)
    counts = reasons.groupby(["resolved_by", "reden"], dropna=False).size().rename("fragmenten").reset_index()
    return counts.sort_values(["fragmenten", "reden"], ascending=[False, True], ignore_index=True)


#: Dutch words for the kinds of reason a segment stayed unplaced (the full reason is in the CSV).
_UNPLACED_REASONS = {
    "empty": "geen plaats opgegeven",
    "no match": "plaats niet gevonden in deze gemeente",
    "ambiguous": "plaats kan meer dan één buurt zijn (niet gegokt)",
    "outside gemeente": "buiten de gemeente",
    "coordinates": "coördinaten zonder buurtgrenzen",
}


def conversation_overview(data: Any, indicators: tuple[str, ...] = ("inwoners", "aandeel_65_plus",
                                                                       "aandeel_eenpersoonshuishoudens",
                                                                       "pct_huurwoningen_corporatie")) -> pd.DataFrame:
    """Return one row per buurt: a few figures and the themes shown there (at or above the privacy threshold)."""
    shown = data.con.sql("""
        select buurt_code, string_agg(theme || ' (' || respondents || ')', ', ' order by respondents desc, theme)
               as "thema's (respondenten)"
        from buurt_themes where status = 'getoond' group by buurt_code
    """).df() if data.themes is not None else pd.DataFrame(columns=["buurt_code", "thema's (respondenten)"])
    columns = ["buurt_code", "buurt_naam", "wijk_naam", *indicators]
    frame = pd.DataFrame(data.buurten[columns]).round(1)
    for key in indicators:
        # A missing figure shows its status (geheim, te klein, ...), never an empty or NaN cell.
        status = data.buurten[f"{key}_status"].str.replace("_", " ")
        values = frame[key]
        if (values.dropna() % 1 == 0).all():
            values = values.astype("Int64")
        frame[key] = values.astype(object).where(values.notna(), status)
    frame = frame.merge(shown, on="buurt_code", how="left")
    frame["thema's (respondenten)"] = frame["thema's (respondenten)"].fillna("")
    return frame.sort_values("buurt_code", ignore_index=True)


def warme_duiding() -> Any:
    """Return the fixed text on reading figures with care, as Markdown for a notebook."""
    from IPython.display import Markdown

    from buurtdata.pipeline import link

    return Markdown(f"> {link.WARME_DUIDING}")


def signal_overview(data: Any) -> pd.DataFrame:
    """Return per signal (samen, verschil, ...) in how many buurt x theme pairs it occurs."""
    from buurtdata.pipeline import link

    signals = link.signals(data.con)
    counts = signals.groupby("signal").size().rename("buurt x thema").reset_index()
    order = {signal: position for position, signal in enumerate(link.SIGNAL_ORDER)}
    return counts.sort_values("signal", key=lambda s: s.map(order), ignore_index=True).rename(columns={"signal": "signaal"})


def meeting_questions(data: Any, buurt_code: str | None = None) -> pd.DataFrame:
    """Return the conversation questions of one buurt (default: the buurt with the most), in meeting order.

    'geen signaal' is left out; the questions are prompts for the meeting, never a verdict.
    """
    from buurtdata.pipeline import link

    signals = link.signals(data.con)
    signals = signals[signals["signal"] != "geen signaal"]
    if buurt_code is None:
        busiest = signals[signals["signal"].isin(["samen", "verschil", "alleen verhalen"])]
        buurt_code = (busiest if len(busiest) else signals).groupby("buurt_code").size().sort_index().idxmax()
    rows = signals[signals["buurt_code"] == buurt_code]
    return rows[["buurt_naam", "theme", "signal", "vraag"]].rename(
        columns={"buurt_naam": "buurt", "theme": "thema", "signal": "signaal"}
    ).reset_index(drop=True)


def comparison_chart(data: Any, buurt_code: str | None = None) -> Any:
    """Return the bars of one buurt against its gemeente and Nederland (default: the buurt of :func:`meeting_questions`)."""
    from buurtdata.outputs import charts

    if buurt_code is None:
        questions = meeting_questions(data)
        names = data.buurten.set_index("buurt_naam")["buurt_code"]
        buurt_code = names[questions["buurt"].iloc[0]] if len(questions) else data.buurten["buurt_code"].min()
    comparison = data.con.sql("select * from buurt_comparison").df()
    project = data.project
    return charts.comparison_bars(
        comparison, buurt_code,
        source=charts.source_line(table=project.kwb_files(project.year).table, year=project.year),
    )


def notebooks() -> list[Path]:
    """Return the notebooks of the report, in their numbered order."""
    return sorted(_resources.folder("notebooks").glob("[0-9][0-9]_*.ipynb"))


def build_report(
    project_file: str | Path | None = None,
    out: str | Path = DEFAULT_OUT,
    *,
    key: bytes | None = None,
    say: Callable[[str], None] = print,
) -> Path:
    """Build the whole report of a project in ``out`` and return the path of its ``index.html``.

    Parameters
    ----------
    project_file
        A project TOML file; ``None`` is the embedded Hengelo sample.
    out
        Output folder; existing files of the same names are replaced.
    key
        Secret key for pseudonymising respondent ids (see :func:`buurtdata.pipeline.run`).
    say
        Told each file written.

    Raises
    ------
    ValidationError
        When an input breaks a rule (see :mod:`buurtdata.pipeline.validation`); nothing is published then.
    """
    from buurtdata import datasets
    from buurtdata.outputs import demo

    project_file = Path(project_file or datasets.get_path("hengelo"))
    out = Path(out)
    demo.build_outputs(project_file, out, key=key, notebook=False, say=say)
    pages = []
    for notebook in notebooks():
        executed = execute_notebook(notebook, out / "notebooks", project_file=project_file, database=out / _DATABASE)
        page = executed.with_suffix(".html")
        title = _write_notebook_page(executed, page)
        pages.append((page, title))
        say(f"  {page}  (notebook: {title})")
    questions = out / QUESTIONS_PAGE
    project = Project.load(project_file)
    _write_questions_page(out / _DATABASE, project, questions)
    say(f"  {questions}  (every conversation question, per buurt)")
    validation = out / "validatie.html"
    _write_validation_page(out / _DATABASE, validation)
    say(f"  {validation}  (validation results)")
    index = out / "index.html"
    _write_index(index, project, pages)
    say(f"  {index}  (report: open this file in a browser)")
    return index


def execute_notebook(notebook: Path, folder: Path, *, project_file: Path, database: Path | None = None) -> Path:
    """Execute ``notebook`` with papermill into ``folder`` and strip run timestamps; return the executed copy."""
    import nbformat
    import papermill

    folder.mkdir(parents=True, exist_ok=True)
    target = folder / notebook.name
    # Relative to the notebook's folder, so the executed notebook does not depend on where the report is built.
    parameters: dict[str, Any] = {"project_file": os.path.relpath(project_file, folder)}
    if database is not None:
        parameters["database"] = os.path.relpath(database, folder)
    with _kernel_imports_this_buurtdata():
        papermill.execute_notebook(
            str(notebook), str(target), parameters=parameters, progress_bar=False, cwd=str(folder), kernel_name="python3"
        )
    executed = nbformat.read(target, as_version=4)
    _strip_run_metadata(executed)
    nbformat.write(executed, target)
    return target


@contextlib.contextmanager
def _kernel_imports_this_buurtdata() -> Iterator[None]:
    # The kernel is a new process: without this it could import another installed copy of buurtdata.
    root = str(Path(__file__).resolve().parents[2])
    before = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join([root, *([before] if before else [])])
    try:
        yield
    finally:
        if before is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = before


def _strip_run_metadata(notebook: Any) -> None:
    notebook.metadata.pop("papermill", None)
    for cell in notebook.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        # papermill gives the cell it injects a random id.
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"


def _write_notebook_page(executed: Path, page: Path) -> str:
    import nbformat
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    # Only the cells: the lab template's page head loads require.js and MathJax from a CDN.
    template = "{%- extends 'lab/base.html.j2' -%}"
    exporter = HTMLExporter(
        extra_loaders=[DictLoader({"buurtdata.html.j2": template})], template_name="lab",
        template_file="buurtdata.html.j2", exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
    )
    notebook = nbformat.read(executed, as_version=4)
    body, _ = exporter.from_notebook_node(notebook)
    # nbconvert's English placeholder says nothing to a screen-reader user; the charts carry their own titles.
    body = body.replace('alt="No description has been provided for this image"',
                        'alt="Grafiek of kaart; titel, legenda en bron staan in de afbeelding"')
    title = _title(notebook)
    page.write_text(_page(title, body, depth=1), encoding="utf-8")
    return title


def _title(notebook: Any) -> str:
    for cell in notebook.cells:
        if cell.cell_type == "markdown" and (match := re.search(r"^# (.+)$", cell.source, re.MULTILINE)):
            return match.group(1).strip()
    return "Notebook"


def _write_questions_page(database: Path, project: Project, page: Path) -> None:
    """Write every conversation question of every buurt (a handout prints the first few)."""
    from buurtdata.pipeline import link

    with duckdb.connect(str(database), read_only=True) as con:
        signals = link.signals(con)
        wijken = con.sql(
            "select b.code as buurt_code, w.name as wijk_naam from regions b join regions w "
            "on w.code = b.wijk_code and w.jaar = b.jaar where b.level = 'buurt' and b.jaar = ?",
            params=[project.year],
        ).df()
    signals = signals[signals["signal"] != "geen signaal"]
    signals = signals.merge(wijken, on="buurt_code", how="left")
    sections = []
    for (wijk, code, name), rows in signals.groupby(["wijk_naam", "buurt_code", "buurt_naam"], sort=True):
        items = "".join(f"<li>{html.escape(q)} <small>({html.escape(s)}: {html.escape(t.lower())})</small></li>"
                        for q, s, t in zip(rows["vraag"], rows["signal"], rows["theme"], strict=True))
        sections.append(f'<h3 id="{html.escape(code)}">{html.escape(name)} <small>({html.escape(wijk)}, '
                        f"{html.escape(code)})</small></h3><ol>{items}</ol>")
    label = (f"<p><strong>Interviews:</strong> {html.escape(project.interviews.label)}.</p>"
             if project.interviews is not None else
             "<p>Dit project heeft (nog) geen interviews: zonder verhalen zijn er geen signalen. Begin bij de buurten "
             "waar de cijfers het meest afwijken van de gemeente, en vraag wat bewoners daarvan herkennen.</p>")
    body = (
        "<h1>Vragen per buurt</h1>"
        "<p>Alle vragen voor het buurtgesprek, per buurt in de volgorde van de handout (die drukt de eerste af). "
        "Waar cijfers en verhalen elkaar raken of verschillen staat bovenaan.</p>"
        f"{label}<blockquote>{html.escape(link.WARME_DUIDING)}</blockquote>{''.join(sections)}"
    )
    page.write_text(_page("Vragen per buurt", body, depth=0), encoding="utf-8")


def _write_validation_page(database: Path, page: Path) -> None:
    from buurtdata.pipeline.validation import results

    with duckdb.connect(str(database), read_only=True) as con:
        table = results(con)
    failed = int((~table["success"]).sum())
    rows = "\n".join(
        ("<tr>" if r["success"] else '<tr class="mislukt">')
        + "".join(f"<td>{html.escape(_cell(r[c]))}</td>" for c in VALIDATION_COLUMNS)
        + "</tr>"
        for r in table.to_dict("records")
    )
    heads = "".join(f"<th>{html.escape(h)}</th>" for h in VALIDATION_COLUMNS.values())
    body = (
        "<h1>Validatie van de gegevens</h1>"
        f"<p>{len(table)} regels gecontroleerd met great-expectations, {failed} mislukt. Bij een mislukte regel stopt "
        "de bouw van het rapport met een melding welk bestand en welke rijen het betreft; dit rapport is dus alleen "
        "gemaakt als alle regels slaagden.</p>"
        f"<table><thead><tr>{heads}</tr></thead><tbody>{rows}</tbody></table>"
    )
    page.write_text(_page("Validatie", body, depth=0), encoding="utf-8")


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return "" if value is None else str(value)


def _write_index(index: Path, project: Project, pages: list[tuple[Path, str]]) -> None:
    out = index.parent
    items = "".join(f'<li><a href="{_href(p, out)}">{html.escape(t)}</a></li>' for p, t in pages)
    sections = [f"<h2>Notebooks</h2><ul>{items}</ul>"]
    for folder, heading in LINKED_FOLDERS.items():
        files = sorted(p for p in (out / folder).rglob("*") if p.is_file()) if (out / folder).is_dir() else []
        if (out / folder / "index.html").exists():
            # A folder with its own index (the handouts, per wijk with buurt names) is linked through it:
            # a list of 124 file names helps no one find their buurt.
            count = sum(p.suffix == ".pdf" for p in files)
            sections.append(f'<h2>{heading}</h2><ul><li><a href="{_href(out / folder / "index.html", out)}">'
                            f"Overzicht per wijk</a> ({count} A4-handouts, PDF en PNG)</li></ul>")
        elif files:
            by_name: dict[str, list[Path]] = {}
            for path in files:
                by_name.setdefault(path.relative_to(out / folder).with_suffix("").as_posix(), []).append(path)
            links = "".join(
                f"<li>{html.escape(name.replace('_', ' '))}: "
                + " · ".join(f'<a href="{_href(p, out)}">{p.suffix[1:].upper()}</a>' for p in paths) + "</li>"
                for name, paths in by_name.items()
            )
            sections.append(f"<h2>{heading}</h2><ul>{links}</ul>")
    downloads = sorted(p for p in out.iterdir() if p.is_file() and p.suffix in {".gpkg", ".duckdb", ".csv"})
    links = "".join(f'<li><a href="{_href(p, out)}">{html.escape(p.name)}</a></li>' for p in downloads)
    sections.append(f"<h2>Bestanden</h2><ul>{links}</ul>")
    sections.insert(1, f'<h2>Voor het gesprek</h2><ul><li><a href="{QUESTIONS_PAGE}">Vragen per buurt</a> '
                       "(alle vragen; een handout drukt de eerste af)</li></ul>")
    sections.append('<h2>Kwaliteit</h2><ul><li><a href="validatie.html">Validatie van de gegevens</a></li></ul>')
    interviews = (f"<p><strong>Interviews:</strong> {html.escape(project.interviews.label)}.</p>"
                  if project.interviews is not None else "")
    body = (
        f"<h1>Buurtrapport {html.escape(project.name)}</h1>"
        f"<p>Gemeente {html.escape(project.gemeente)}, cijfers van {project.year}. Dit rapport verbindt de cijfers "
        "van het CBS per buurt met wat bewoners en professionals vertellen, ter voorbereiding van het buurtgesprek.</p>"
        f"{interviews}{''.join(sections)}"
    )
    index.write_text(_page(f"Buurtrapport {project.name}", body, depth=0), encoding="utf-8")


def _href(path: Path, base: Path) -> str:
    return html.escape(path.relative_to(base).as_posix(), quote=True)


def _page(title: str, body: str, *, depth: int) -> str:
    up = "../" * depth
    return (
        '<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f'<nav><a href="{up}index.html">Overzicht</a><a href="{up}vragen.html">Vragen per buurt</a><a href="{up}validatie.html">Validatie</a></nav>\n'
        f"<main>\n{body}\n</main>\n"
        "<footer>Bron: CBS (Kerncijfers wijken en buurten, wijk- en buurtkaart; CC BY 4.0). "
        "Gemaakt met buurtdata.</footer>\n</body>\n</html>\n"
    )
