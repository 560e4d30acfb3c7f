"""Printable A4 handouts per buurt: map, key figures, themes, questions for the meeting, sources.

One matplotlib figure per buurt is saved as PDF (for print) and PNG (for screens and mail). The
layout is black on white with greys and hatching, so it survives a black-and-white printer. Every
number printed comes from the marts as text (``buurt_comparison.*_text``, ``buurt_themes``,
``buurt_theme_roles``): the handout formats nothing itself, so print and table cannot differ.

>>> from buurtdata import datasets
>>> import tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     paths = make_handouts(datasets.get_path("hengelo"), folder, buurten=["BU01640501"], png=False,
...                           progress=False, key=b"doctest")
...     [path.name for path in paths]
['BU01640501_berflo_es_noord.pdf', 'index.html']
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import geopandas as gpd
import pandas as pd

from buurtdata import _optional, pipeline
from buurtdata._errors import BuurtdataError
from buurtdata._text import slug, source_line
from buurtdata.outputs import followup
from buurtdata.outputs._html import render
from buurtdata.pipeline import link
from buurtdata.project import Project
from buurtdata.sources import geometry

_optional.require("render", __name__)

if TYPE_CHECKING:  # matplotlib is imported only when a handout is drawn
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

#: A4 portrait in inches.
A4 = (8.27, 11.69)
#: Most questions printed; the rest stay in the table buurt_signals.
MAX_QUESTIONS = 5
#: Most quotes printed per buurt.
MAX_QUOTES = 3
_LEFT, _RIGHT = 0.06, 0.94
_TEXT_WIDTH = 118  # characters of 8.5 pt DejaVu Sans across the text column
_STATUS_TEXT = {"geheim": "geheim", "ontbreekt": "geen cijfer", "te_klein": "te klein", "niet_van_toepassing": "n.v.t."}


@dataclass
class Handout:
    """What one handout shows; every figure is the mart's own text."""

    code: str
    name: str
    wijk_name: str
    figures: pd.DataFrame
    themes: list[str]
    quiet_themes: list[str]
    quotes: list[str]
    questions: list[str]
    more_questions: int


def make_handouts(
    project_or_file: Project | str | Path,
    out: str | Path,
    *,
    result: pipeline.PipelineResult | None = None,
    buurten: list[str] | None = None,
    png: bool = True,
    dpi: int = 120,
    progress: bool = True,
    key: bytes | None = None,
) -> list[Path]:
    """Write one A4 handout per buurt (PDF, and PNG) plus ``index.html``; return the paths written.

    Parameters
    ----------
    project_or_file
        A :class:`~buurtdata.project.Project` or the path of its TOML file.
    out
        Folder to write to (created if needed).
    result
        An existing pipeline run of the project, to skip running it again.
    buurten
        Buurt codes to print; by default every buurt of the gemeente.
    png, dpi
        Also write a PNG of each handout, at this resolution.
    progress
        Show a progress bar.
    key
        Pseudonymisation key for the pipeline run (see :func:`buurtdata.pipeline.run`).
    """
    from tqdm import tqdm

    project = project_or_file if isinstance(project_or_file, Project) else Project.load(project_or_file)
    if result is None:
        result = pipeline.run(project, key=key)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    book = _Book.collect(project, result)
    codes = list(book.names) if buurten is None else buurten
    unknown = [code for code in codes if code not in book.names]
    if unknown:
        msg = f"buurten {unknown[:10]} are not buurten of {project.gemeente} in {project.year}; e.g. {list(book.names)[:3]}."
        raise BuurtdataError(msg)

    written: list[Path] = []
    for code in tqdm(codes, desc="Handouts", unit="buurt", disable=not progress):
        handout = book.handout(code)
        figure = book.draw(handout)
        stem = out / f"{code}_{slug(handout.name)}"
        written += _save(figure, stem, png=png, dpi=dpi)
    index = out / "index.html"
    index.write_text(book.index_html(codes, png=png), encoding="utf-8")
    written.append(index)
    return written


def handout_data(project: Project, result: pipeline.PipelineResult, *, buurten: list[str] | None = None) -> list[Handout]:
    """Return what the handouts of ``buurten`` (default: all) show, without drawing them."""
    book = _Book.collect(project, result)
    return [book.handout(code) for code in (list(book.names) if buurten is None else buurten)]


class _Book:
    """All marts of one run, read once, cut per buurt."""

    #: Per buurt, the lines of "Sinds het vorige gesprek" (:mod:`buurtdata.outputs.followup`).
    since: dict[str, list[str]] = {}

    def __init__(self, project: Project, comparison: pd.DataFrame, themes: pd.DataFrame, roles: pd.DataFrame,
                 signals: pd.DataFrame, quotes: pd.DataFrame, shapes: gpd.GeoDataFrame, wijken: dict[str, str]) -> None:
        self.project = project
        self.figures = comparison[comparison["in_profile"]].sort_values(["code", "position"])
        self.by_buurt = dict(tuple(self.figures.groupby("code", sort=False)))
        self.themes = dict(tuple(themes.groupby("code"))) if len(themes) else {}
        self.roles = dict(tuple(roles.groupby("code"))) if len(roles) else {}
        self.signals = dict(tuple(signals.groupby("code", sort=False))) if len(signals) else {}
        self.quotes = dict(tuple(quotes.groupby("code"))) if len(quotes) else {}
        self.shapes = shapes
        self.wijken = wijken
        first = self.figures.drop_duplicates("code").set_index("code")
        self.names = first["name"].to_dict()
        self.wijk_of = first["wijk_code"].to_dict()
        self.gemeente_name = str(first["gemeente_name"].iloc[0]) if len(first) else project.gemeente
        table = project.kwb_files(project.year).table
        label = project.interviews.label if project.interviews is not None else None
        self.source = source_line(table=table, year=project.year, interviews=label)

    @classmethod
    def collect(cls, project: Project, result: pipeline.PipelineResult) -> _Book:
        con = result.con
        comparison = con.sql("select * from buurt_comparison").df()
        themes = roles = pd.DataFrame()
        if project.interviews is not None:
            themes = con.sql("select * from buurt_themes where theme_status <> 'geen stemmen' order by theme").df()
            roles = con.sql("select * from buurt_theme_roles where theme_status <> 'geen stemmen' order by role").df()
        wijken = dict(con.execute(
            "select code, name from regions where level = 'wijk' and year = ?", [project.year]
        ).fetchall())
        shapes = geometry.simplify_for_display(result.boundaries)[["code", "geometry"]]
        book = cls(project, comparison, themes, roles, link.signals(con), link.quotes(con), shapes, wijken)
        book.since = followup.since_last_meeting(con)
        return book

    def handout(self, code: str) -> Handout:
        figures = self.by_buurt[code]
        themes = self.themes.get(code, pd.DataFrame(columns=["theme", "theme_status", "respondents"]))
        roles = self.roles.get(code, pd.DataFrame(columns=["theme", "role", "theme_status", "respondents"]))
        shown, quiet = [], []
        for row in themes.itertuples():
            if row.theme_status != "getoond":
                quiet.append(row.theme)
                continue
            parts = [f"{role.role} {role.respondents}" for role in roles[roles["theme"] == row.theme].itertuples()
                     if role.theme_status == "getoond"]
            hidden = roles[(roles["theme"] == row.theme) & (roles["theme_status"] != "getoond")]
            if len(hidden):
                parts.append("andere rollen niet getoond wegens privacy" if parts else "per rol niet getoond wegens privacy")
            people = "persoon" if row.respondents == 1 else "personen"
            shown.append(f"{row.theme}: {row.respondents} {people}" + (f" ({'; '.join(parts)})" if parts else ""))
        signals = self.signals.get(code, pd.DataFrame(columns=["signal", "question"]))
        signals = signals[signals["signal"] != "geen signaal"]
        quotes = self.quotes.get(code, pd.DataFrame(columns=["theme", "role", "quote"])).head(MAX_QUOTES)
        return Handout(
            code=code,
            name=self.names[code],
            wijk_name=self.wijken.get(self.wijk_of[code], ""),
            figures=figures,
            themes=shown,
            quiet_themes=quiet,
            quotes=[f"“{row.quote}” ({_speaker(row.role)}over {row.theme.lower()})" for row in quotes.itertuples()],
            questions=signals["question"].head(MAX_QUESTIONS).tolist(),
            more_questions=max(len(signals) - MAX_QUESTIONS, 0),
        )

    def draw(self, handout: Handout) -> Figure:
        import matplotlib

        # Quotes and names print as written: "$500 naar $650" is money, not mathtext (which would
        # drop the $ signs, or abort the build on "$\\foo$"). A Text reads these settings when it is made.
        with matplotlib.rc_context({"text.parse_math": False, "text.usetex": False}):
            return self._draw(handout)

    def _draw(self, handout: Handout) -> Figure:
        # A bare Figure (no pyplot) renders without touching the user's interactive backend.
        from matplotlib.figure import Figure

        project = self.project
        figure = Figure(figsize=A4)
        title = f"Buurtgesprek {handout.name}"
        # Long buurt names shrink rather than run off the page (bold DejaVu Sans is about 0.66 em a character).
        size = min(20.0, 0.88 * A4[0] * 72 / (0.66 * len(title)))
        figure.text(_LEFT, 0.955, title, fontsize=size, weight="bold", va="baseline")
        figure.text(_LEFT, 0.933, f"{handout.wijk_name} · {self.gemeente_name} · buurtcode {handout.code} "
                    f"· cijfers {project.year}", fontsize=10, va="baseline")
        if project.interviews is not None and project.interviews.fictional:
            figure.text(_LEFT, 0.912, "VOORBEELD: de interviews op dit blad zijn FICTIEF (geen echte personen); "
                        "de cijfers zijn echt (CBS).", fontsize=8.5, weight="bold", va="top",
                        bbox={"boxstyle": "square,pad=0.35", "facecolor": "white", "edgecolor": "black", "linewidth": 1.2})
        self._map(figure, handout)
        self._figures(figure, handout)
        y = 0.545
        y = self._themes(figure, handout, y)
        y = followup.draw(figure, y, self.since.get(handout.code, []), paragraph=_paragraph,
                          floor=0.057 + 0.0135 * (len(textwrap.wrap(link.WARME_DUIDING, _TEXT_WIDTH)) + 2)
                          + followup.room_for(handout.questions[:3]))
        y = self._questions(figure, handout, y)
        duiding = textwrap.wrap(link.WARME_DUIDING, _TEXT_WIDTH)
        if y < 0.057 + 0.0135 * (len(duiding) + 2):
            # Too much text for one page. The questions are what the meeting needs, so quotes give way
            # first (down to one); then the last question moves to the report instead of off the page.
            if len(handout.quotes) > 1:
                return self.draw(replace(handout, quotes=handout.quotes[:-1]))
            if handout.questions:
                return self.draw(replace(handout, questions=handout.questions[:-1], more_questions=handout.more_questions + 1))
        self._footer(figure, y, duiding)
        return figure

    def _map(self, figure: Figure, handout: Handout) -> None:
        axes = figure.add_axes((_LEFT, 0.625, 0.30, 0.25))
        wijk = self.wijk_of[handout.code]
        in_wijk = [code for code, parent in self.wijk_of.items() if parent == wijk]
        shapes = self.shapes
        own = shapes[shapes["code"] == handout.code]
        neighbours = shapes[shapes["code"].isin(in_wijk) & (shapes["code"] != handout.code)]
        focus = pd.concat([own, neighbours])
        axes.set_axis_off()
        if focus.empty:
            axes.text(0.5, 0.5, "geen kaart: buurt zonder polygoon", ha="center", va="center", fontsize=9)
            return
        xmin, ymin, xmax, ymax = focus.total_bounds
        pad = max(xmax - xmin, ymax - ymin) * 0.08
        context = shapes.cx[xmin - pad:xmax + pad, ymin - pad:ymax + pad]
        context.plot(ax=axes, facecolor="white", edgecolor="#b0b0b0", linewidth=0.4)
        if len(neighbours):  # a wijk of one buurt has no neighbours to draw
            neighbours.plot(ax=axes, facecolor="#e6e6e6", edgecolor="#606060", linewidth=0.6)
        own.plot(ax=axes, facecolor="#7a7a7a", edgecolor="black", linewidth=1.4, hatch="///")
        axes.set_xlim(xmin - pad, xmax + pad)
        axes.set_ylim(ymin - pad, ymax + pad)
        axes.set_aspect("equal")
        caption = (f"Gearceerd: {handout.name}. Lichtgrijs: de rest van {handout.wijk_name}." if len(neighbours)
                   else f"Gearceerd: {handout.name}, de enige buurt van {handout.wijk_name}.")
        figure.text(_LEFT, 0.615, "\n".join(textwrap.wrap(caption, 40)), fontsize=8.5, va="top")

    def _figures(self, figure: Figure, handout: Handout) -> None:
        x_title, columns = 0.40, (0.695, 0.775, 0.875, 0.945)
        top = 0.87
        figure.text(x_title, top + 0.008, "Kerncijfers", fontsize=12, weight="bold")
        headers = ("buurt", "gemeente", "NL", "index")
        for x, header in zip(columns, headers, strict=True):
            figure.text(x, top - 0.012, header, fontsize=8, weight="bold", ha="right", va="baseline")
        row_height = 0.031
        for number, row in enumerate(handout.figures.itertuples()):
            y = top - 0.035 - number * row_height
            title = textwrap.wrap(row.title, 30)
            figure.text(x_title, y, title[0], fontsize=8, va="baseline")
            rest = textwrap.shorten(" ".join(title[1:]), 30, placeholder="…") + " · " if len(title) > 1 else ""
            figure.text(x_title, y - 0.011, rest + row.unit, fontsize=7.5, color="#404040", va="baseline")
            cells = (
                _cell(row.value_text, row.status),
                _cell(row.gemeente_text, row.gemeente_status),
                _cell(row.nl_text, row.nl_status),
                _index_cell(row.index_text, row.direction),
            )
            for x, text in zip(columns, cells, strict=True):
                figure.text(x, y, text, fontsize=8.5, ha="right", va="baseline",
                            weight="bold" if x == columns[0] else "normal")
            figure.add_artist(_rule(figure, x_title, columns[-1], y - 0.0165))
        bottom = top - 0.035 - len(handout.figures) * row_height
        note = (f"Index: {self.gemeente_name} = 100; ▲/▼ = {self.project.band} of meer punten verschil. "
                "Aandelen in %, aantallen per 1.000 inwoners. "
                "‘geheim’, ‘te klein’, ‘n.v.t.’ (niet van toepassing): geen (betrouwbaar) cijfer.")
        figure.text(x_title, bottom + 0.002, "\n".join(textwrap.wrap(note, 74)), fontsize=7.5, va="top", color="#303030")

    def _themes(self, figure: Figure, handout: Handout, y: float) -> float:
        y = _heading(figure, y, "Wat mensen noemden")
        if self.project.interviews is None:
            return _paragraph(figure, y, "Dit project heeft (nog) geen interviews.")
        label = self.project.interviews.label
        y = _paragraph(figure, y, f"Uit: {label}. Aantal verschillende personen per thema; een thema of rol met "
                       f"minder dan {self.project.privacy_threshold} personen staat er als ‘te weinig stemmen’.",
                       size=8, color="#303030")
        lines = [f"• {text}" for text in handout.themes] or ["• Geen thema door genoeg mensen genoemd."]
        if handout.quiet_themes:
            lines.append("• Te weinig stemmen om te tellen: " + ", ".join(handout.quiet_themes) + ".")
        for line in lines:
            y = _paragraph(figure, y, line, size=9)
        for quote in handout.quotes:
            y = _paragraph(figure, y, quote, size=8.5, style="italic", indent=0.02)
        return y

    def _questions(self, figure: Figure, handout: Handout, y: float) -> float:
        y = _heading(figure, y - 0.006, "Vragen voor het gesprek")
        if self.project.interviews is None:
            return _paragraph(figure, y, "Zonder interviews zijn er geen signalen. Begin bij de ▲ en ▼ in de kerncijfers: "
                              "herkennen bewoners dat? Wat zien zij dat de cijfers niet laten zien?", size=9)
        if not handout.questions:
            y = _paragraph(figure, y, "Geen signalen voor deze buurt: cijfers en verhalen wijzen nergens duidelijk op. "
                           "Wat vinden bewoners zelf belangrijk?", size=9)
        for number, question in enumerate(handout.questions, start=1):
            y = _paragraph(figure, y, f"{number}. {question}", size=9, hanging=True)
        if handout.more_questions:
            y = _paragraph(figure, y, f"(nog {handout.more_questions} {'vraag' if handout.more_questions == 1 else 'vragen'} in het rapport, "
                           "pagina ‘Vragen per buurt’)", size=8,
                           color="#303030")
        return y

    def _footer(self, figure: Figure, y: float, lines: list[str]) -> None:
        top = min(y - 0.012, 0.06 + 0.0135 * (len(lines) + 3))
        figure.text(_LEFT, top, "\n".join(lines), fontsize=8.5, va="top", linespacing=1.35,
                    bbox={"boxstyle": "square,pad=0.6", "facecolor": "#f0f0f0", "edgecolor": "#404040", "linewidth": 0.8})
        if top - 0.0135 * (len(lines) + 2) < 0.045:
            msg = "handout text runs into the footer even without questions; lower MAX_QUOTES or shorten the quotes"
            raise BuurtdataError(msg)
        figure.text(_LEFT, 0.025, "\n".join(textwrap.wrap(self.source, 140)), fontsize=7.5, va="bottom", color="#202020")

    def index_html(self, codes: list[str], *, png: bool) -> str:
        rows = []
        for code in sorted(codes, key=lambda c: (self.wijken.get(self.wijk_of[c], ""), self.names[c])):
            counts = self.signals.get(code, pd.DataFrame(columns=["signal"]))["signal"].value_counts()
            rows.append({
                "wijk": self.wijken.get(self.wijk_of[code], ""),
                "buurt": self.names[code],
                "code": code,
                "stem": f"{code}_{slug(self.names[code])}",
                "signals": ", ".join(f"{n}× {s}" for s, n in counts.items() if s != "geen signaal") or "geen",
            })
        interviews = self.project.interviews
        return render(
            "handouts_index.html.j2",
            title=f"Buurtgesprekken {self.gemeente_name} {self.project.year}",
            fictional=interviews.label if interviews is not None and interviews.fictional else None,
            warme_duiding=link.WARME_DUIDING,
            rows=rows,
            png=png,
            source=self.source,
        )


def _cell(text: str | None, status: str) -> str:
    return text if status == "waarde" and isinstance(text, str) else _STATUS_TEXT.get(status, status)


def _index_cell(text: str | None, direction: str | None) -> str:
    if not isinstance(text, str):
        return "–"
    return text + {"higher": " ▲", "lower": " ▼"}.get(direction, "")


def _rule(figure: Figure, x0: float, x1: float, y: float) -> Line2D:
    from matplotlib.lines import Line2D

    return Line2D([x0, x1], [y, y], transform=figure.transFigure, color="#c8c8c8", linewidth=0.5)


def _heading(figure: Figure, y: float, text: str) -> float:
    figure.text(_LEFT, y, text, fontsize=12, weight="bold", va="top")
    return y - 0.024


def _paragraph(figure: Figure, y: float, text: str, *, size: float = 9, color: str = "black", style: str = "normal",
               indent: float = 0.0, hanging: bool = False) -> float:
    width = int(_TEXT_WIDTH * 8.5 / size) - int(indent * 150)
    lines = textwrap.wrap(text, width, subsequent_indent="   " if hanging else "")
    figure.text(_LEFT + indent, y, "\n".join(lines), fontsize=size, color=color, style=style, va="top", linespacing=1.3)
    return y - len(lines) * size * 1.3 / 72 / A4[1] - 0.006


def _save(figure: Figure, stem: Path, *, png: bool, dpi: int) -> list[Path]:
    import matplotlib

    paths = [stem.with_suffix(".pdf")]
    with matplotlib.rc_context({"svg.hashsalt": "buurtdata"}):
        figure.savefig(paths[0], metadata={"Creator": None, "Producer": None, "CreationDate": None})
        if png:
            paths.append(stem.with_suffix(".png"))
            figure.savefig(paths[1], dpi=dpi, metadata={"Software": None})
    return paths


def _speaker(role: str | None) -> str:
    # buurt_quotes leaves the role out where the roles of the group may not be shown (privacy).
    return f"{role}, " if isinstance(role, str) and role else ""
