"""The buurttoekomstplan: per buurt one document (HTML and a multi-page A4 PDF, in Dutch) that gathers the themes
over the interview rounds, the figures over the KWB years, the agreements and what came back of them.

It reads only the marts (``buurt_theme_rounds``, ``buurt_theme_changes``, ``buurt_trends``, ``buurt_followup``),
so the privacy rule of each round holds here as everywhere: a count is printed only where its round shows it.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

from buurtdata import pipeline
from buurtdata._text import FICTIONAL_PLAN, bound, lowered, slug, source_line, titled
from buurtdata.outputs._html import render
from buurtdata.pipeline import link

if TYPE_CHECKING:
    import duckdb

A4 = (8.27, 11.69)
_STATUS = {"te weinig stemmen": "te weinig", "geen stemmen": "–"}


class Plans:
    """The marts the plans read, read once for the buurten that get a plan and cut per buurt.

    A query per buurt scanned each national mart again: 19 ms CPU a buurt, a minute for the country's 3,297 plans.
    """

    def __init__(self, result: pipeline.PipelineResult, buurten: list[str]) -> None:
        con, project = result.con, result.project
        self.project = project
        #: code -> (name, wijk name, gemeente code, gemeente name); the first row of a code, as fetchone() took.
        self.regions: dict[str, tuple[str, str | None, str | None, str | None]] = {}
        for code, *names in con.execute(
            "select b.code, b.name, w.name, b.gemeente_code, g.name from regions b "
            "left join regions w on w.code = b.wijk_code and w.year = b.year "
            "left join regions g on g.code = b.gemeente_code and g.year = b.year "
            "where b.year = ? and b.code in (select unnest(?::varchar[]))",
            [project.year, buurten],
        ).fetchall():
            self.regions.setdefault(code, tuple(names))
        self.rounds = (
            [
                r[1]
                for r in con.execute(
                    "select distinct round_number, coalesce(nullif(period, ''), round) from buurt_theme_rounds "
                    "order by 1"
                ).fetchall()
            ]
            if project.interviews is not None
            else []
        )
        self.themes: dict[str, dict[str, list[str]]] = {}
        self.changes: dict[str, list[str]] = {}
        self.agreements: dict[str, list[dict[str, str]]] = {}
        if self.rounds:
            self._read_rounds(con, buurten)
        self.years = [y[0] for y in con.execute("select distinct year from buurt_trends order by year").fetchall()]
        self.indicators = con.execute(
            "select p.indicator, i.title, i.unit, i.decimals from profile_indicators p join indicators i "
            "on i.indicator = p.indicator and i.year = ? order by p.position",
            [project.year],
        ).fetchall()
        self.values: dict[tuple[str, str], dict[Any, Any]] = {}
        for code, indicator, year, value in con.execute(
            "select code, indicator, year, value from buurt_trends where code in (select unnest(?::varchar[])) "
            "and indicator in (select indicator from profile_indicators)",
            [buurten],
        ).fetchall():
            self.values.setdefault((code, indicator), {})[year] = value
        files = project.interviews
        self.fictional = bool(files is not None and files.fictional)
        tables = {files.year: files.table for files in project.kwb}
        self.source = source_line(
            table=project.kwb_files(project.year).table,
            year=project.year,
            interviews=files.label if files is not None else None,
            # The figures over the years come from each year's own table.
            earlier=[(year, tables[year]) for year in self.years if year in tables],
        )

    def _read_rounds(self, con: duckdb.DuckDBPyConnection, buurten: list[str]) -> None:
        wanted = "code in (select unnest(?::varchar[]))"
        for code, theme, respondents, status in con.execute(
            f"select code, theme, respondents, theme_status from buurt_theme_rounds where {wanted} "
            "order by code, theme, round_number",
            [buurten],
        ).fetchall():
            cell = str(respondents) if status == "getoond" else _STATUS[status]
            self.themes.setdefault(code, {}).setdefault(theme, []).append(cell)
        rounds = self.rounds
        for code, theme, a, b, n_from, n_to in con.execute(
            "select code, theme, respondents_from, respondents_to, round_number_from, round_number_to "
            f"from buurt_theme_changes where {wanted} order by code, theme, round_number_from",
            [buurten],
        ).fetchall():
            line = f"{theme}: {a} → {b} personen ({rounds[n_from - 1]} → {rounds[n_to - 1]})"
            self.changes.setdefault(code, []).append(line)
        for code, r, t, a, o, d, f in con.execute(
            "select code, round, theme, agreement, owner, review_date, followup from buurt_followup "
            f"where {wanted} order by code, round_number, theme, agreement",
            [buurten],
        ).fetchall():
            row = {"round": r, "theme": t, "agreement": a, "owner": o or "", "review": _datum(d), "followup": f}
            self.agreements.setdefault(code, []).append(row)

    def gemeente(self, code: str) -> str | None:
        """The code of the gemeente buurt ``code`` lies in."""
        return self.regions[code][2]

    def plan(self, code: str) -> dict[str, Any]:
        """Return what the plan of buurt ``code`` shows."""
        name, wijk, _, gemeente = self.regions[code]
        by_theme = self.themes.get(code, {})
        figures = []
        for indicator, title, unit, decimals in self.indicators:
            values = self.values.get((code, indicator), {})
            # With its unit, as the handout says it: "451" alone is no WOZ-waarde (user test).
            cells = [_getal(values.get(y), int(decimals or 0)) for y in self.years]
            figures.append({"title": _counted_title(title, unit), "cells": cells})
        return {
            "code": code,
            "name": name,
            "wijk_name": wijk or "",
            "gemeente_name": gemeente or self.project.gemeente,
            "fictional": self.fictional,
            "threshold": self.project.privacy_threshold,
            "rounds": self.rounds,
            "themes": [{"theme": t, "cells": c} for t, c in by_theme.items() if any(x != "–" for x in c)],
            "changes": self.changes.get(code, []),
            "years": self.years,
            "figures": figures,
            "agreements": self.agreements.get(code, []),
            "duiding": link.WARME_DUIDING,
            "source": self.source,
        }


def _counted_title(title: str, unit: str | None) -> str:
    """A figure's title with its unit, and a count's saying it is one: the plan follows the count over the years
    where the handout compares it per 1.000 inwoners, and each says which (user test: 90 bedrijfsvestigingen
    here beside 58,4 per 1.000 inwoners on the handout).

    >>> _counted_title("Bedrijfsvestigingen totaal", "aantal"), _counted_title("Aantal inwoners", "aantal")
    ('Bedrijfsvestigingen totaal (aantal)', 'Aantal inwoners')
    """
    said = titled(title, unit)
    return f"{said} (aantal)" if unit == "aantal" and "aantal" not in said.lower() else said


def plan_data(result: pipeline.PipelineResult, code: str) -> dict[str, Any]:
    """Return what the plan of buurt ``code`` shows."""
    return Plans(result, [code]).plan(code)


def write_plans(
    result: pipeline.PipelineResult,
    out: str | Path,
    *,
    buurten: list[str] | None = None,
    folders: dict[str, str] | None = None,
) -> list[Path]:
    """Write ``<code>_<name>.html`` and ``.pdf`` per buurt into ``out``; return the paths written.

    Without ``buurten``: every buurt that has an agreement or a theme shown in some round. With ``folders``
    (gemeente code -> folder, :func:`buurtdata.outputs.regional.folders`: a build of many gemeenten) each plan
    goes into ``out/<folder of its gemeente>/``.
    """
    out = Path(out)
    if buurten is None:
        tables = {r[0] for r in result.con.execute("select table_name from information_schema.tables").fetchall()}
        if "buurt_theme_rounds" not in tables:
            return []
        buurten = [
            r[0]
            for r in result.con.execute(
                "select code from buurt_theme_rounds where shown union select code from agreements order by code"
            ).fetchall()
        ]
    plans = Plans(result, buurten)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for code in buurten:
        plan = plans.plan(code)
        # A buurt of a gemeente without a folder (none is expected) still gets its plan, beside the folders.
        folder = out if folders is None or plans.gemeente(code) not in folders else out / folders[plans.gemeente(code)]
        folder.mkdir(parents=True, exist_ok=True)
        stem = folder / f"{code}_{slug(plan['name'])}"
        printed = _printed(plan)
        stem.with_suffix(".html").write_text(
            render("toekomstplan.html.j2", plan=printed, fictional=FICTIONAL_PLAN), encoding="utf-8"
        )
        _pdf(printed, stem)
        written += [stem.with_suffix(".html"), stem.with_suffix(".pdf")]
    return written


def _printed(plan: dict[str, Any]) -> dict[str, Any]:
    """The plan as printed: no line ends between a number and its unit ("15 tot 25 jaar"), in the PDF or a browser."""
    return {
        **plan,
        "figures": [{**row, "title": bound(row["title"])} for row in plan["figures"]],
        "agreements": [
            {**row, "agreement": bound(row["agreement"]), "followup": bound(row["followup"])}
            for row in plan["agreements"]
        ],
    }


def _pdf(plan: dict[str, Any], stem: Path) -> None:
    """Write the plan as A4 pages of text and tables (matplotlib, black and white) to ``stem``.pdf."""
    import matplotlib
    from matplotlib.figure import Figure

    from buurtdata.outputs._paper import save_figure

    with matplotlib.rc_context({"text.parse_math": False}):
        pages: list[Figure] = []
        y = 0.0
        for text, size, style in _lines(plan):
            step = size * 1.45 / 72 / A4[1] + (0.012 if style == "bold" else 0)
            if not pages or y - step < 0.07:
                figure, y = Figure(figsize=A4), 0.95
                pages.append(figure)
                figure.text(0.07, 0.03, plan["source"], fontsize=7, color="#303030")
            y -= step
            figure.text(
                0.07,
                y,
                text,
                fontsize=size,
                weight="bold" if style == "bold" else "normal",
                style="italic" if style == "italic" else "normal",
                family="DejaVu Sans Mono" if style == "mono" else "DejaVu Sans",
            )
        save_figure(pages, stem, png=False)


def _lines(plan: dict[str, Any]) -> list[tuple[str, float, str]]:
    """The printed plan's lines, top to bottom: (text, size in points, style: bold, normal, italic or mono)."""
    where = f"{plan['wijk_name']} · {plan['gemeente_name']} · buurtcode {plan['code']}"
    lines: list[tuple[str, float, str]] = [(f"Buurttoekomstplan {plan['name']}", 18, "bold"), (where, 10, "normal")]
    if plan["fictional"]:
        lines.append((FICTIONAL_PLAN, 9, "bold"))
    lines.append(("Wat mensen noemden, per ronde", 13, "bold"))
    lines.append((f"Personen per thema; minder dan {plan['threshold']} in een ronde: ‘te weinig’.", 8.5, "normal"))
    if plan["rounds"]:
        rows = [(row["theme"], row["cells"]) for row in plan["themes"]]
        table = _table("thema", 28, plan["rounds"], rows, cell=18)
        lines += [(text, 8.5, "mono") for text in table]
        if not rows:
            lines.append(("Geen thema genoemd.", 9, "normal"))
    else:
        lines.append(("Dit project heeft (nog) geen interviews.", 9, "normal"))
    lines += [(f"• {c}", 9, "normal") for c in plan["changes"]]
    lines.append(("De cijfers over de jaren", 13, "bold"))
    figures = [(row["title"], row["cells"]) for row in plan["figures"]]
    lines += [(text, 8.5, "mono") for text in _table("kerncijfer", 40, [str(y) for y in plan["years"]], figures)]
    lines.append(("Afspraken en wat ervan terugkwam", 13, "bold"))
    for row in plan["agreements"]:
        text = (
            # An agreement without a theme has no label before its colon.
            f"• {row['theme'] + ': ' if row['theme'] else ''}{row['agreement']}"
            + (f" (wie: {row['owner']}; terugkijken {row['review']})." if row["review"] else "")
            + (f" Sindsdien: {lowered(row['followup'])}" if row["followup"] else "")
        )
        lines += [(part, 9, "normal") for part in textwrap.wrap(bound(text), 100, subsequent_indent="   ")]
    if not plan["agreements"]:
        lines.append(("Nog geen afspraken vastgelegd.", 9, "normal"))
    # A blank line sets the warm reading apart from the agreements above it.
    lines.append(("", 9, "normal"))
    lines += [(part, 8.5, "italic") for part in textwrap.wrap(plan["duiding"], 105)]
    return lines


def _table(head: str, width: int, columns: list[str], rows: list[tuple[str, list[str]]], cell: int = 12) -> list[str]:
    """A monospaced table: a first column ``width`` wide, then a right-aligned column of ``cell`` per heading.

    Headings and first-column labels too long for their column wrap at words over more lines; a word longer than
    a column widens it, so nothing is cut.
    """
    cell = max([cell, *(len(word) + 2 for column in columns for word in column.split())])
    width = max([width, *(len(word) + 1 for label, _ in rows for word in label.split())])
    headings = [textwrap.wrap(column, cell - 2) or [""] for column in columns]
    depth = max((len(wrapped) for wrapped in headings), default=1)
    # Headings sit on the table: a short one on the last line, as the cells below it.
    headings = [[""] * (depth - len(wrapped)) + wrapped for wrapped in headings]
    lines = [
        (head if line == depth - 1 else "").ljust(width) + "".join(wrapped[line].rjust(cell) for wrapped in headings)
        for line in range(depth)
    ]
    for label, cells in rows:
        parts = textwrap.wrap(label, width - 1) or [""]
        lines += [part.ljust(width) for part in parts[:-1]]
        lines.append(parts[-1].ljust(width) + "".join(text.rjust(cell) for text in cells))
    return lines


def _getal(value: float | None, decimals: int) -> str:
    if value is None or value != value:
        return "–"
    return f"{value:,.{decimals}f}".translate(str.maketrans(",.", ".,"))


def _datum(value: Any) -> str:
    return value.strftime("%d-%m-%Y") if isinstance(value, dt.date) else ""
