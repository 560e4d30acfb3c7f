"""The buurttoekomstplan: per buurt one document (HTML and a multi-page A4 PDF, in Dutch) that gathers the themes
over the interview rounds, the figures over the KWB years, the agreements and what came back of them.

It reads only the marts (``buurt_theme_rounds``, ``buurt_theme_changes``, ``buurt_trends``, ``buurt_followup``),
so the privacy rule of each round holds here as everywhere: a count is printed only where its round shows it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from buurtdata import pipeline
from buurtdata._text import (
    FICTIONAL_PLAN,
    and_nl,
    bound,
    lowered,
    source_line,
    titled,
    told,
    told_of_rounds,
    when_said,
)
from buurtdata.outputs import _stems, followup
from buurtdata.outputs._html import render
from buurtdata.outputs._map_key import clause_lines, text_width
from buurtdata.outputs._paper import A4
from buurtdata.outputs._plan_notes import THIN, UNHEARD, themes_note, thin_in_table, under_table, unheard_in_table
from buurtdata.outputs._plan_notes import THIN_SAID as THIN_SAID  # the plan's sentences, read from here too
from buurtdata.outputs._plan_notes import few_heard as few_heard
from buurtdata.outputs._plan_notes import nobody_heard as nobody_heard
from buurtdata.pipeline import link

if TYPE_CHECKING:
    import duckdb

_STATUS = {"te weinig stemmen": "te weinig", "geen stemmen": "–", "te weinig gesprekken": THIN}
#: The statuses of ``buurt_trends`` of a buurt an earlier KWB year had under another code (:mod:`.pipeline.trends`).
_OTHER_INDELING = ("andere indeling", "vervallen code")


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
                _marked(name, number, project)
                for number, name in con.execute(
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
        #: Per buurt, the round numbers in which somebody of it was spoken with.
        self.heard: dict[str, set[int]] = {}
        #: Per buurt, the round numbers in which only 1 to k-1 people of it were (every theme 'te weinig gesprekken').
        self.thin: dict[str, set[int]] = {}
        if self.rounds:
            self._read_rounds(con, buurten)
        self.years = [y[0] for y in con.execute("select distinct year from buurt_trends order by year").fetchall()]
        self.indicators = con.execute(
            "select p.indicator, i.title, i.unit, i.decimals from profile_indicators p join indicators i "
            "on i.indicator = p.indicator and i.year = ? order by p.position",
            [project.year],
        ).fetchall()
        self.values: dict[tuple[str, str], dict[Any, Any]] = {}
        #: Per buurt, the statuses of its figures per year: a year of only another indeling is said, not just "–".
        self.statuses: dict[str, dict[int, set[str]]] = {}
        for code, indicator, year, value, status in con.execute(
            "select code, indicator, year, value, status from buurt_trends "
            "where code in (select unnest(?::varchar[])) and indicator in (select indicator from profile_indicators)",
            [buurten],
        ).fetchall():
            self.values.setdefault((code, indicator), {})[year] = value
            self.statuses.setdefault(code, {}).setdefault(year, set()).add(status)
        files = project.interviews
        # A made-up round beside real ones is named (sweep 13 #13): its counts and agreements are on the plan too.
        self.fictional = project.fictional or bool(project.fictional_rounds)
        # What a plan of made-up interviews says of them: VOORBEELD only on buurtdata's own sample.
        self.notice = told_of_rounds(FICTIONAL_PLAN, "de interviews en afspraken", project) or told(
            FICTIONAL_PLAN, project
        )
        tables = {files.year: files.table for files in project.kwb}
        self.source = source_line(
            table=project.kwb_files(project.year).table,
            year=project.year,
            # Each round whose counts and agreements the plan shows (sweep13 #20), not today's alone.
            interviews=[one.label for one in project.rounds] if files is not None else None,
            # The figures over the years come from each year's own table.
            earlier=[(year, tables[year]) for year in self.years if year in tables],
        )

    def _read_rounds(self, con: duckdb.DuckDBPyConnection, buurten: list[str]) -> None:
        for code, theme, respondents, status, number in con.execute(
            "select code, theme, respondents, theme_status, round_number from buurt_theme_rounds "
            "where code in (select unnest(?::varchar[])) "
            "order by code, theme, round_number",
            [buurten],
        ).fetchall():
            cell = str(respondents) if status == "getoond" else _STATUS[status]
            if cell == THIN:
                self.thin.setdefault(code, set()).add(number)
            self.themes.setdefault(code, {}).setdefault(theme, []).append(cell)
        people: dict[tuple[str, int], int] = {}  # the people heard per buurt and round
        for code, number, heard in con.execute(
            "select buurt_code, round_number, count(distinct respondent) from stg_round_segments "
            "where buurt_code in (select unnest(?::varchar[])) group by all",
            [buurten],
        ).fetchall():
            self.heard.setdefault(code, set()).add(number)
            people[code, number] = heard
        rounds = self.rounds
        for code, theme, a, b, n_from, n_to in con.execute(
            "select code, theme, respondents_from, respondents_to, round_number_from, round_number_to "
            "from buurt_theme_changes where code in (select unnest(?::varchar[])) "
            "order by code, theme, round_number_from",
            [buurten],
        ).fetchall():
            if a == b:
                # The table shows it stayed the same; under "Veranderd" it read as a change (user test).
                continue
            line = f"{theme}: {a} → {b} mensen ({rounds[n_from - 1]} → {rounds[n_to - 1]})"
            # Rounds that heard more or fewer people in the buurt: said, without their numbers (sweep 13 #10).
            before, after = people.get((code, n_from), 0), people.get((code, n_to), 0)
            if before != after:
                more = "meer" if after > before else "minder"
                line += f"; {when_said(rounds[n_to - 1])} spraken we hier met {more} mensen"
            self.changes.setdefault(code, []).append(line)
        for code, r, t, a, o, d, f, agreed in con.execute(
            "select code, round, theme, agreement, owner, review_date, followup, theme_agreed from buurt_followup "
            "where code in (select unnest(?::varchar[])) order by code, round_number, theme, agreement",
            [buurten],
        ).fetchall():
            # No theme: the agreement of a round of too few people heard in the buurt (buurt_followup).
            theme = followup.theme_as_agreed(t, agreed) if t else ""
            row = {
                "round": r,
                "theme": theme,
                "agreement": a,
                "owner": o or "",
                "review": followup.datum(d),
                "followup": f,
            }
            self.agreements.setdefault(code, []).append(row)

    def gemeente(self, code: str) -> str | None:
        """The code of the gemeente buurt ``code`` lies in."""
        return self.regions[code][2]

    def plan(self, code: str) -> dict[str, Any]:
        """Return what the plan of buurt ``code`` shows."""
        name, wijk, _, gemeente = self.regions[code]
        heard = self.heard.get(code, set())
        unheard = [n for n in range(len(self.rounds)) if n + 1 not in heard]
        by_theme = {
            theme: [UNHEARD if n in unheard else cell for n, cell in enumerate(cells)]
            for theme, cells in self.themes.get(code, {}).items()
        }
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
            # A theme is listed for what a round of enough people said of it: a round of too few tells no theme.
            "themes": [{"theme": t, "cells": c} for t, c in by_theme.items() if set(c) - {"–", UNHEARD, THIN}],
            "unheard": [self.rounds[n] for n in unheard],
            "thin": [self.rounds[n - 1] for n in sorted(self.thin.get(code, set()))],
            "changes": self.changes.get(code, []),
            "years": self.years,
            "figures": figures,
            "other_indeling": [
                year for year in self.years if self.statuses.get(code, {}).get(year, {"waarde"}) <= set(_OTHER_INDELING)
            ],
            "agreements": self.agreements.get(code, []),
            "duiding": link.WARME_DUIDING,
            "source": self.source,
        }


def _marked(name: str, number: int, project: Any) -> str:
    """A round's name over its column, "(fictief)" after it where it is made up beside real rounds (sweep 13 #13:
    the made-up round's counts stood unmarked beside the real ones); a name that says so already is left as it is.

    >>> from types import SimpleNamespace as Round
    >>> project = Round(fictional_rounds=["najaar 2024"], rounds=[Round(fictional=True), Round(fictional=False)])
    >>> _marked("najaar 2024", 1, project), _marked("voorjaar 2025", 2, project)
    ('najaar 2024 (fictief)', 'voorjaar 2025')
    >>> _marked("voorjaar 2026 (nieuwe organisatie)", 1, project)
    'voorjaar 2026 (nieuwe organisatie, fictief)'
    """
    made_up = project.fictional_rounds and 0 < number <= len(project.rounds) and project.rounds[number - 1].fictional
    if not made_up or "fictie" in name.casefold():
        return name
    return f"{name[:-1]}, fictief)" if name.endswith(")") else f"{name} (fictief)"


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
        stem = folder / _stems.buurt(code, plan["name"])
        # The notice, printed in place of the flag (the plan's data keeps the flag).
        printed = {**_printed(plan), "fictional": plans.notice if plan["fictional"] else False}
        stem.with_suffix(".html").write_text(
            render(
                "toekomstplan.html.j2",
                plan=printed,
                fictional=printed["fictional"],
                intro=intro(printed),
                themes_note=themes_note(
                    printed["threshold"], unheard=unheard_in_table(printed), thin=thin_in_table(printed)
                ),
                changes=CHANGES,
                figures_heading=figures_heading(printed["years"]),
                nobody_heard=under_table(printed),
                other_indeling=other_indeling(printed["other_indeling"]) if printed["other_indeling"] else "",
            ),
            encoding="utf-8",
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


def other_indeling(years: list[int]) -> str:
    """Why a year's column of figures is empty: CBS had other buurten (other codes) then (user test: no word)."""
    said = and_nl([str(year) for year in years])
    return f"Voor {said} staan er geen cijfers: de buurten hadden toen een andere indeling, met andere buurtcodes."


def intro(plan: dict[str, Any]) -> str:
    """What the plan is, said first: over the rounds and the years only where it has more than one. Three short
    sentences, each said in one breath (user test T: one sentence of 32 words with a colon in the middle)."""
    told = "in elke gespreksronde vertelden" if len(plan["rounds"]) > 1 else "vertelden"
    figures = "hoe de cijfers door de jaren heen veranderden" if len(plan["years"]) > 1 else _the_figures(plan["years"])
    return (
        f"In dit plan staat wat bewoners en professionals {told}. Ook staat erin {figures}, en welke afspraken "
        "er zijn. Zo kan een volgende organisatie het gesprek voortzetten."
    )


def figures_heading(years: list[int]) -> str:
    """The heading over the figures: "over de jaren" only over more than one year."""
    if len(years) > 1:
        return "De cijfers over de jaren"
    return f"De cijfers van {years[0]}" if years else "De cijfers"


def _the_figures(years: list[int]) -> str:
    return f"wat de cijfers van {years[0]} zeggen" if years else "wat de cijfers zeggen"


#: The heading over what changed between two rounds, on the page and in the PDF.
CHANGES = "Veranderd tussen rondes (alleen waar beide rondes genoeg stemmen hebben)"

#: What the plan is, said first on its page and in its PDF (:func:`intro`: with more than one round and year).
INTRO = intro({"rounds": [1, 2], "years": [2020, 2024]})
#: The printed page's left and right margins (fractions of its width) and the white between two columns (points).
_LEFT, _RIGHT, _GAP = 0.07, 0.93, 12.0
#: The width in points of the page's text, between its margins; the source line's size.
_ROOM, _SOURCE_SIZE = (_RIGHT - _LEFT) * A4[0] * 72, 7.0


class Line(NamedTuple):
    """A line of the printed plan: ``style`` bold, normal or italic; or a table's ``head`` or ``row``, whose
    ``text`` is its label and each of its ``cells`` right-aligned at its column's edge in ``at``."""

    text: str
    size: float
    style: str
    cells: tuple[str, ...] = ()
    at: tuple[float, ...] = ()


def _pdf(plan: dict[str, Any], stem: Path) -> None:
    """Write the plan as A4 pages of text and tables (matplotlib, black and white) to ``stem``.pdf."""
    import matplotlib
    from matplotlib.figure import Figure

    from buurtdata.outputs._paper import save_figure

    # The source line wraps inside the page's margins (sweep 13 #15: a team's long label ran off the A4 page, and
    # its FICTIEF words with it); the text above it stops a line's height above its first line.
    source = source_lines(plan["source"])
    floor = 0.03 + len(source) * _SOURCE_SIZE * 1.2 / 72 / A4[1] + 0.015
    with matplotlib.rc_context({"text.parse_math": False}):
        pages: list[Figure] = []
        y = 0.0
        for line in _lines(plan):
            step = line.size * 1.45 / 72 / A4[1] + (0.012 if line.style == "bold" else 0)
            if not pages or y - step < floor:
                figure, y = Figure(figsize=A4), 0.95
                pages.append(figure)
                figure.text(
                    _LEFT, 0.03, "\n".join(source), fontsize=_SOURCE_SIZE, color="#303030", va="bottom", linespacing=1.2
                )
            y -= step
            # A table in the font of the rest of the page, as a handout's key figures: cells right-aligned.
            weight = "bold" if line.style in ("bold", "head") else "normal"
            style = "italic" if line.style == "italic" else "normal"
            figure.text(_LEFT, y, line.text, fontsize=line.size, weight=weight, style=style)
            for x, cell in zip(line.at, line.cells, strict=False):
                figure.text(x, y, cell, fontsize=line.size, weight=weight, ha="right")
        save_figure(pages, stem, png=False)


def source_lines(source: str) -> list[str]:
    """The plan's source line in lines as wide as the page's text at most.

    >>> source_lines("Bron: CBS") == ["Bron: CBS"]
    True
    >>> len(source_lines("Bron: CBS, Kerncijfers wijken en buurten 2020 (84799NED); interviews: " + "lang " * 40))
    2
    """
    return clause_lines(source, _ROOM, _SOURCE_SIZE, clauses=False)


def _wrapped(text: str, size: float, *, indent: str = "") -> list[str]:
    """``text`` in lines as wide as the page's text at most, the later ones indented by ``indent`` (an agreement's
    bullet); measured in the page's font, so a line of wide letters stays inside the margin as well."""
    first, *rest = clause_lines(text, _ROOM, size, clauses=False)
    if not rest:
        return [first]
    later = clause_lines(" ".join(rest), _ROOM - text_width(indent, size), size, clauses=False)
    return [first, *(indent + line for line in later)]


def _lines(plan: dict[str, Any]) -> list[Line]:
    """The printed plan's lines, top to bottom, with its tables' heads and rows (:func:`_table`)."""
    where = f"{plan['wijk_name']} · {plan['gemeente_name']} · buurtcode {plan['code']}"
    lines = [Line(f"Buurttoekomstplan {plan['name']}", 18, "bold"), Line(where, 10, "normal")]
    if plan["fictional"]:
        notice = plan["fictional"]
        said = notice if isinstance(notice, str) else FICTIONAL_PLAN
        # Wrapped: the notice that names a made-up round is longer than a line (sweep 13 #13).
        lines += [Line(part, 9, "bold") for part in clause_lines(said, _ROOM, 9, bold=True, clauses=False)]
    # What the plan is for, as its page says it first (user test: the PDF began with the themes).
    room = _ROOM
    lines += [Line(part, 9, "normal") for part in clause_lines(intro(plan), room, 9, clauses=False)]
    lines.append(Line("Wat mensen noemden, per ronde", 13, "bold"))
    note = themes_note(plan["threshold"], unheard=unheard_in_table(plan), thin=thin_in_table(plan))
    lines += [Line(part, 8.5, "normal") for part in clause_lines(note, room, 8.5, clauses=False)]
    if plan["rounds"]:
        rows = [(row["theme"], row["cells"]) for row in plan["themes"]]
        lines += _table("thema", plan["rounds"], rows, cell=90.0)
        if not rows:
            said = under_table(plan) or "Geen thema genoemd."
            lines += [Line(part, 9, "normal") for part in clause_lines(said, room, 9, clauses=False)]
    else:
        lines.append(Line("Dit project heeft nog geen interviews.", 9, "normal"))
    if plan["changes"]:
        lines += [Line(part, 10, "bold") for part in clause_lines(CHANGES, room, 10, bold=True, clauses=False)]
        lines += [Line(f"• {c}", 9, "normal") for c in plan["changes"]]
    lines.append(Line(figures_heading(plan["years"]), 13, "bold"))
    figures = [(row["title"], row["cells"]) for row in plan["figures"]]
    lines += _table("kerncijfer", [str(y) for y in plan["years"]], figures)
    if plan["other_indeling"]:
        said = other_indeling(plan["other_indeling"])
        lines += [Line(part, 8.5, "normal") for part in clause_lines(said, room, 8.5, clauses=False)]
    lines.append(Line("Afspraken en wat ervan terugkwam", 13, "bold"))
    for row in plan["agreements"]:
        text = (
            # An agreement without a theme has no label before its colon.
            f"• {row['theme'] + ': ' if row['theme'] else ''}{row['agreement']}"
            + (f" (wie: {row['owner']}; terugkijken {row['review']})." if row["review"] else "")
            + (f" Sindsdien: {lowered(row['followup'])}" if row["followup"] else "")
        )
        lines += [Line(part, 9, "normal") for part in _wrapped(bound(text), 9, indent="   ")]
    if not plan["agreements"]:
        lines.append(Line("Nog geen afspraken vastgelegd.", 9, "normal"))
    # A blank line sets the warm reading apart from the agreements above it.
    lines.append(Line("", 9, "normal"))
    lines += [Line(part, 8.5, "italic") for part in _wrapped(plan["duiding"], 8.5)]
    return lines


def _table(
    head: str, columns: list[str], rows: list[tuple[str, list[str]]], *, cell: float = 55.0, size: float = 8.5
) -> list[Line]:
    """A table across the page: a column of labels, then a right-aligned column of at least ``cell`` points per
    heading, measured in the page's font.

    Headings and labels too long for their column wrap at words over more lines, a label's cells on its last
    line; a word wider than its column widens the column, so nothing is cut.
    """
    room = (_RIGHT - _LEFT) * A4[0] * 72
    widest_cell = max(
        [text_width(text, size) for _, cells in rows for text in cells]
        + [text_width(word, size, bold=True) for column in columns for word in _words(column)],
        default=0.0,
    )
    widest_word = max(
        [text_width(word, size) for text, _ in rows for word in _words(text)] + [text_width(head, size, bold=True)]
    )
    widest_label = max([text_width(text, size) for text, _ in rows], default=0.0)
    cell = max(widest_cell + _GAP, min(cell, (room - widest_word - _GAP) / max(len(columns), 1)))
    labels = max(widest_word, min(room - len(columns) * cell - _GAP, widest_label)) + _GAP
    at = tuple(_LEFT + (labels + (n + 1) * cell) / (A4[0] * 72) for n in range(len(columns)))
    headings = [clause_lines(column, cell - _GAP, size, bold=True, clauses=False) for column in columns]
    depth = max((len(wrapped) for wrapped in headings), default=1)
    # Headings sit on the table: a short one on the last line, as the cells below it.
    headings = [[""] * (depth - len(wrapped)) + wrapped for wrapped in headings]
    lines = [
        Line(head if line == depth - 1 else "", size, "head", tuple(wrapped[line] for wrapped in headings), at)
        for line in range(depth)
    ]
    for text, cells in rows:
        parts = clause_lines(text, labels - _GAP, size, clauses=False)
        lines += [Line(part, size, "normal") for part in parts[:-1]]
        lines.append(Line(parts[-1], size, "row", tuple(cells), at))
    return lines


def _words(text: str) -> list[str]:
    """The words of ``text`` a line may break between: not at a no-break space (``bound``: "15 tot 25 jaar")."""
    return re.split(r"[ \t\n]+", text.strip(" \t\n")) if text.strip(" \t\n") else []


def _getal(value: float | None, decimals: int) -> str:
    if value is None or value != value:
        return "–"
    return f"{value:,.{decimals}f}".translate(str.maketrans(",.", ".,"))
