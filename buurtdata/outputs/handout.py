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
['BU01640501_berflo_es_noord.pdf', 'index.pdf', 'index.html']
"""

from __future__ import annotations

import multiprocessing
import os
import textwrap
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import geopandas as gpd
import pandas as pd

from buurtdata import _optional, pipeline
from buurtdata._errors import BuurtdataError
from buurtdata._text import slug, source_line
from buurtdata.outputs import followup, handout_index, maps
from buurtdata.pipeline import link
from buurtdata.project import Project
from buurtdata.sources import geometry

_optional.require("render", __name__)

if TYPE_CHECKING:  # matplotlib is imported only when a handout is drawn
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

#: A4 portrait in inches.
A4 = (8.27, 11.69)
#: Most questions on the first page; the next go to a second page.
MAX_QUESTIONS = 5
#: Most questions on the second page; the rest stay in the report and the table buurt_signals.
MAX_SECOND_PAGE = 8
#: Most figures added to the key figures because a question cites them.
MAX_CITED_FIGURES = 2
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
    #: Questions that did not fit the first page: printed on a second page.
    overflow: list[str] = field(default_factory=list)
    #: "plek": too few inwoners for a conversation sheet ([handouts] min_inwoners): a short sheet about the place.
    kind: str = "buurt"


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
        msg = (
            f"buurten {unknown[:10]} are not buurten of {project.gemeente} "
            f"in {project.year}; e.g. {list(book.names)[:3]}."
        )
        raise BuurtdataError(msg)

    left_out = [code for code in codes if project.sparse_handout == "weglaten" and book.sparse(code)]
    written: list[Path] = []
    drawn = [c for c in codes if c not in left_out]
    sheets = _render_all(book, drawn, out, png=png, dpi=dpi)
    for paths in tqdm(sheets, total=len(drawn), desc="Handouts", unit="buurt", disable=not progress):
        written += paths
    written.append(handout_index.write_pdf(book, codes, left_out, out / "index.pdf"))
    index = out / "index.html"
    index.write_text(handout_index.html(book, codes, left_out, png=png), encoding="utf-8")
    written.append(index)
    return written


#: Below this many handouts per extra process, starting a process (imports: about 2 s) costs more than it saves.
_PER_WORKER = 8
#: The book of the running pool worker (set once per process by :func:`_start_worker`).
_worker_book: _Book | None = None


def _render_all(book: _Book, codes: list[str], out: Path, *, png: bool, dpi: int) -> Iterator[list[Path]]:
    """Yield the files of each handout, in the order of ``codes``; drawn on every core when there are enough."""
    workers = min(os.cpu_count() or 1, len(codes) // _PER_WORKER)
    if workers < 2:
        for code in codes:
            yield _render(book, code, out, png, dpi)
        return
    # spawn, not fork: the parent holds an open DuckDB connection and its threads.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(book,)) as pool:
        n = len(codes)
        yield from pool.map(_render_in_worker, codes, [out] * n, [png] * n, [dpi] * n, chunksize=2)


def _start_worker(book: _Book) -> None:
    global _worker_book  # noqa: PLW0603 - one book per worker process, sent once instead of with every handout
    _worker_book = book


def _render_in_worker(code: str, out: Path, png: bool, dpi: int) -> list[Path]:
    return _render(_worker_book, code, out, png, dpi)


def _render(book: _Book, code: str, out: Path, png: bool, dpi: int) -> list[Path]:
    handout = book.handout(code)
    return _save(book.draw_pages(handout), out / f"{code}_{slug(handout.name)}", png=png, dpi=dpi)


def handout_data(
    project: Project, result: pipeline.PipelineResult, *, buurten: list[str] | None = None
) -> list[Handout]:
    """Return what the handouts of ``buurten`` (default: all) show, without drawing them."""
    book = _Book.collect(project, result)
    return [book.handout(code) for code in (list(book.names) if buurten is None else buurten)]


class _Book:
    """All marts of one run, read once, cut per buurt."""

    #: Per buurt, the lines of "Sinds het vorige gesprek" (:mod:`buurtdata.outputs.followup`).
    since: dict[str, list[str]] = {}

    def __init__(
        self,
        project: Project,
        comparison: pd.DataFrame,
        themes: pd.DataFrame,
        roles: pd.DataFrame,
        signals: pd.DataFrame,
        quotes: pd.DataFrame,
        shapes: gpd.GeoDataFrame,
        wijken: dict[str, str],
    ) -> None:
        self.project = project
        self.figures = comparison[comparison["in_profile"]].sort_values(["code", "position"])
        self.by_buurt = dict(tuple(self.figures.groupby("code", sort=False)))
        self.cited_rows = dict(tuple(comparison[~comparison["in_profile"]].groupby("code", sort=False)))
        residents = comparison[comparison["indicator"] == "inwoners"].set_index("code")
        self.inwoners = residents["value"].where(residents["status"] == "waarde").to_dict()
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
        wijken = dict(
            con.execute("select code, name from regions where level = 'wijk' and year = ?", [project.year]).fetchall()
        )
        shapes = geometry.simplify_for_display(result.boundaries)[["code", "geometry"]]
        book = cls(project, comparison, themes, roles, link.signals(con), link.quotes(con), shapes, wijken)
        book.since = followup.since_last_meeting(con)
        return book

    def sparse(self, code: str) -> bool:
        """Whether the buurt has fewer inwoners than [handouts] min_inwoners (or no figure of them)."""
        inwoners = self.inwoners.get(code)
        return inwoners is None or pd.isna(inwoners) or inwoners < self.project.min_inwoners

    def handout(self, code: str) -> Handout:
        figures = self.by_buurt[code]
        themes = self.themes.get(code, pd.DataFrame(columns=["theme", "theme_status", "respondents"]))
        roles = self.roles.get(code, pd.DataFrame(columns=["theme", "role", "theme_status", "respondents"]))
        shown, quiet = [], []
        for row in themes.itertuples():
            if row.theme_status != "getoond":
                quiet.append(row.theme)
                continue
            parts = [
                f"{role.role} {role.respondents}"
                for role in roles[roles["theme"] == row.theme].itertuples()
                if role.theme_status == "getoond"
            ]
            hidden = roles[(roles["theme"] == row.theme) & (roles["theme_status"] != "getoond")]
            if len(hidden):
                parts.append(
                    "andere rollen niet getoond wegens privacy" if parts else "per rol niet getoond wegens privacy"
                )
            people = "persoon" if row.respondents == 1 else "personen"
            shown.append(f"{row.theme}: {row.respondents} {people}" + (f" ({'; '.join(parts)})" if parts else ""))
        signals = self.signals.get(code, pd.DataFrame(columns=["signal", "question", "cited"]))
        signals = signals[signals["signal"] != "geen signaal"]
        quotes = self.quotes.get(code, pd.DataFrame(columns=["theme", "role", "quote"])).head(MAX_QUOTES)
        questions, figures = self._choose(signals, figures, self.cited_rows.get(code))
        if self.sparse(code):
            return Handout(
                code=code,
                name=self.names[code],
                wijk_name=self.wijken.get(self.wijk_of[code], ""),
                figures=figures,
                themes=[],
                quiet_themes=[],
                quotes=[],
                questions=[],
                more_questions=0,
                kind="plek",
            )
        first, second = questions[:MAX_QUESTIONS], questions[MAX_QUESTIONS : MAX_QUESTIONS + MAX_SECOND_PAGE]
        return Handout(
            code=code,
            name=self.names[code],
            wijk_name=self.wijken.get(self.wijk_of[code], ""),
            figures=figures,
            themes=shown,
            quiet_themes=quiet,
            quotes=[f"“{row.quote}” ({_speaker(row.role)}over {row.theme.lower()})" for row in quotes.itertuples()],
            questions=first,
            more_questions=len(signals) - len(first) - len(second),
            overflow=second,
        )

    @staticmethod
    def _choose(
        signals: pd.DataFrame, figures: pd.DataFrame, extra: pd.DataFrame | None
    ) -> tuple[list[str], pd.DataFrame]:
        """Questions in meeting order, none about a figure an earlier one cites, each citing only printed figures.

        A figure a question cites that is not among the key figures is added to them (at most
        MAX_CITED_FIGURES); a question that would need more, or repeats a figure, stays in the report.
        """
        printed, used, added, chosen = set(figures["indicator"]), set(), [], []
        for row in signals.itertuples():
            cited = set(row.cited.split(",")) if isinstance(row.cited, str) and row.cited else set()
            missing = cited - printed
            if cited & used or (missing and (extra is None or len(added) + len(missing) > MAX_CITED_FIGURES)):
                continue
            if missing:
                added += sorted(missing)
                printed |= missing
            used |= cited
            chosen.append(row.question)
        if added:
            figures = pd.concat([figures, extra[extra["indicator"].isin(added)].sort_values("indicator")])
        return chosen, figures

    def draw_pages(self, handout: Handout) -> list[Figure]:
        """Return the pages of a handout: the sheet, and a second page when questions did not fit it."""
        import matplotlib

        with matplotlib.rc_context({"text.parse_math": False, "text.usetex": False}):
            first, drawn = self._layout(handout)
            if not drawn.overflow:
                return [first]
            return [first, self._second_page(drawn, drawn.overflow, len(drawn.questions))]

    def draw(self, handout: Handout) -> Figure:
        """Return the first page of a handout."""
        import matplotlib

        # Quotes and names print as written: "$500 naar $650" is money, not mathtext (which would
        # drop the $ signs, or abort the build on "$\\foo$"). A Text reads these settings when it is made.
        with matplotlib.rc_context({"text.parse_math": False, "text.usetex": False}):
            return self._layout(handout)[0]

    def _layout(self, handout: Handout) -> tuple[Figure, Handout]:
        """Return the first page and the handout as it fits on it (quotes and questions moved out)."""
        if handout.kind == "plek":
            return self._draw_place(handout), handout
        return self._draw(handout)

    def _draw(self, handout: Handout) -> tuple[Figure, Handout]:
        # A bare Figure (no pyplot) renders without touching the user's interactive backend.
        from matplotlib.figure import Figure

        project = self.project
        figure = Figure(figsize=A4)
        self._header(figure, handout, f"{'Buurtgesprek' if handout.kind == 'buurt' else 'Over de plek'} {handout.name}")
        if project.interviews is not None and project.interviews.fictional:
            figure.text(
                _LEFT,
                0.912,
                "VOORBEELD: de interviews op dit blad zijn FICTIEF (geen echte personen); de cijfers zijn echt (CBS).",
                fontsize=8.5,
                weight="bold",
                va="top",
                bbox={"boxstyle": "square,pad=0.35", "facecolor": "white", "edgecolor": "black", "linewidth": 1.2},
            )
        self._map(figure, handout)
        self._figures(figure, handout)
        y = 0.545
        y = self._themes(figure, handout, y)
        y = followup.draw(
            figure,
            y,
            self.since.get(handout.code, []),
            paragraph=_paragraph,
            floor=0.057
            + 0.0135 * (len(textwrap.wrap(link.WARME_DUIDING, _TEXT_WIDTH)) + 2)
            + followup.room_for(handout.questions[:3]),
        )
        y = self._questions(figure, handout, y)
        duiding = textwrap.wrap(link.WARME_DUIDING, _TEXT_WIDTH)
        if y < 0.057 + 0.0135 * (len(duiding) + 2):
            # Too much text for one page. The questions are what the meeting needs, so quotes give way
            # first (down to one); then the last question moves to the second page instead of off the page.
            if len(handout.quotes) > 1:
                return self._draw(replace(handout, quotes=handout.quotes[:-1]))
            if handout.questions:
                return self._draw(
                    replace(
                        handout, questions=handout.questions[:-1], overflow=[handout.questions[-1], *handout.overflow]
                    )
                )
        footer_top = self._footer(figure, y, duiding)
        _writing_box(figure, y - 0.012, footer_top + 0.012)
        return figure, handout

    def _header(self, figure: Figure, handout: Handout, title: str) -> None:
        # Long buurt names shrink rather than run off the page (bold DejaVu Sans is about 0.66 em a character).
        size = min(20.0, 0.88 * A4[0] * 72 / (0.66 * len(title)))
        figure.text(_LEFT, 0.955, title, fontsize=size, weight="bold", va="baseline")
        figure.text(
            _LEFT,
            0.933,
            f"{handout.wijk_name} · {self.gemeente_name} · buurtcode {handout.code} · cijfers {self.project.year}",
            fontsize=10,
            va="baseline",
        )

    def _draw_place(self, handout: Handout) -> Figure:
        from matplotlib.figure import Figure

        figure = Figure(figsize=A4)
        self._header(figure, handout, f"Over de plek: {handout.name}")
        self._map(figure, handout)
        self._figures(figure, handout)
        y = _heading(figure, 0.545, "Een plek met weinig of geen inwoners")
        y = _paragraph(
            figure,
            y,
            f"Deze buurt heeft minder dan {self.project.min_inwoners} inwoners (of geen cijfer "
            "ervan): een bedrijventerrein, park of buitengebied. Er is geen buurtgesprek met bewoners; "
            "de cijfers hierboven gaan over de plek: bedrijven, banen en voorzieningen waar CBS ze heeft. "
            "Aandelen en aantallen per 1.000 inwoners zijn hier ‘n.v.t.’ of ‘te klein’.",
            size=9,
        )
        y = _paragraph(figure, y, "Wie werkt of komt hier, en wat merken de buurten eromheen van deze plek?", size=9)
        duiding = textwrap.wrap(link.WARME_DUIDING, _TEXT_WIDTH)
        footer_top = self._footer(figure, y, duiding)
        _writing_box(figure, y - 0.012, footer_top + 0.012)
        return figure

    def _second_page(self, handout: Handout, questions: list[str], start: int) -> Figure:
        from matplotlib.figure import Figure

        figure = Figure(figsize=A4)
        figure.text(_LEFT, 0.955, f"Buurtgesprek {handout.name} (blad 2)", fontsize=16, weight="bold", va="baseline")
        figure.text(
            _LEFT,
            0.933,
            f"{handout.wijk_name} · {self.gemeente_name} · buurtcode {handout.code}",
            fontsize=10,
            va="baseline",
        )
        y = _heading(figure, 0.905, "Meer vragen voor het gesprek")
        for number, question in enumerate(questions, start=start + 1):
            y = _paragraph(figure, y, f"{number}. {question}", size=9, hanging=True)
        if handout.more_questions:
            y = _paragraph(
                figure,
                y,
                f"(nog {handout.more_questions} {'vraag' if handout.more_questions == 1 else 'vragen'} "
                "over dezelfde cijfers in het rapport, pagina ‘Vragen per buurt’)",
                size=8,
                color="#303030",
            )
        _writing_box(figure, y - 0.012, 0.07)
        figure.text(
            _LEFT, 0.025, "\n".join(textwrap.wrap(self.source, 140)), fontsize=7.5, va="bottom", color="#202020"
        )
        return figure

    def _map(self, figure: Figure, handout: Handout) -> None:
        axes = figure.add_axes((_LEFT, 0.625, 0.30, 0.25))
        wijk = self.wijk_of[handout.code]
        in_wijk = [code for code, parent in self.wijk_of.items() if parent == wijk]
        shapes = self.shapes
        names = shapes["code"].map(self.names)
        shapes = shapes.assign(name=names.where(names.notna(), shapes["code"]))
        own = shapes[shapes["code"] == handout.code]
        neighbours = shapes[shapes["code"].isin(in_wijk) & (shapes["code"] != handout.code)]
        focus = pd.concat([own, neighbours])
        axes.set_axis_off()
        if focus.empty:
            axes.text(0.5, 0.5, "geen kaart: buurt zonder polygoon", ha="center", va="center", fontsize=9)
            return
        xmin, ymin, xmax, ymax = focus.total_bounds
        pad = max(xmax - xmin, ymax - ymin) * 0.08
        context = shapes.cx[xmin - pad : xmax + pad, ymin - pad : ymax + pad]
        context.plot(ax=axes, facecolor="white", edgecolor="#b0b0b0", linewidth=0.4)
        if len(neighbours):  # a wijk of one buurt has no neighbours to draw
            neighbours.plot(ax=axes, facecolor="#e6e6e6", edgecolor="#606060", linewidth=0.6)
        own.plot(ax=axes, facecolor="#7a7a7a", edgecolor="black", linewidth=1.4, hatch="///")
        axes.set_xlim(xmin - pad, xmax + pad)
        axes.set_ylim(ymin - pad, ymax + pad)
        axes.set_aspect("equal")
        key = dict(maps.number_buurten(axes, focus.sort_values("code"), size=6.5))
        own_number = next(
            n for n, row in enumerate(focus.sort_values("code").itertuples(), start=1) if row.code == handout.code
        )
        caption = (
            f"Gearceerd: {own_number}, {handout.name}. Lichtgrijs: de rest van {handout.wijk_name}:"
            if len(neighbours)
            else f"Gearceerd: {handout.name}, de enige buurt van {handout.wijk_name}."
        )
        figure.text(_LEFT, 0.618, "\n".join(textwrap.wrap(caption, 52)[:2]), fontsize=7, va="top")
        if len(neighbours):
            names = [f"{n} {textwrap.shorten(name, 22, placeholder='…')}" for n, name in key.items()]
            half = -(-len(names) // 2)
            for column in range(2):
                figure.text(
                    _LEFT + column * 0.165,
                    0.596,
                    "\n".join(names[column * half : (column + 1) * half]),
                    fontsize=6.5,
                    va="top",
                    linespacing=1.15,
                )

    def _figures(self, figure: Figure, handout: Handout) -> None:
        x_title, columns = 0.40, (0.695, 0.775, 0.875, 0.945)
        top = 0.87
        figure.text(x_title, top + 0.008, "Kerncijfers", fontsize=12, weight="bold")
        headers = ("buurt", "gemeente", "NL", "index")
        for x, header in zip(columns, headers, strict=True):
            figure.text(x, top - 0.012, header, fontsize=8, weight="bold", ha="right", va="baseline")
        # Figures a question cites join the profile; the table keeps its height, its rows get closer.
        row_height = min(0.031, 0.248 / max(len(handout.figures), 1))
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
                figure.text(
                    x, y, text, fontsize=8.5, ha="right", va="baseline", weight="bold" if x == columns[0] else "normal"
                )
            figure.add_artist(_rule(figure, x_title, columns[-1], y - 0.0165))
        bottom = top - 0.035 - len(handout.figures) * row_height
        note = (
            f"Index: {self.gemeente_name} = 100; ▲/▼ = {self.project.band} of meer punten verschil. "
            "Aandelen in %, aantallen per 1.000 inwoners. "
            "‘geheim’, ‘te klein’, ‘n.v.t.’ (niet van toepassing): geen (betrouwbaar) cijfer."
        )
        figure.text(
            x_title, bottom + 0.002, "\n".join(textwrap.wrap(note, 74)), fontsize=7.5, va="top", color="#303030"
        )

    def _themes(self, figure: Figure, handout: Handout, y: float) -> float:
        y = _heading(figure, y, "Wat mensen noemden")
        if self.project.interviews is None:
            return _paragraph(figure, y, "Dit project heeft (nog) geen interviews.")
        label = self.project.interviews.label
        y = _paragraph(
            figure,
            y,
            f"Uit: {label}. Aantal verschillende personen per thema; een thema of rol met "
            f"minder dan {self.project.privacy_threshold} personen staat er als ‘te weinig stemmen’.",
            size=8,
            color="#303030",
        )
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
            return _paragraph(
                figure,
                y,
                "Zonder interviews zijn er geen signalen. Begin bij de ▲ en ▼ in de kerncijfers: "
                "herkennen bewoners dat? Wat zien zij dat de cijfers niet laten zien?",
                size=9,
            )
        if not handout.questions:
            y = _paragraph(
                figure,
                y,
                "Geen signalen voor deze buurt: cijfers en verhalen wijzen nergens duidelijk op. "
                "Wat vinden bewoners zelf belangrijk?",
                size=9,
            )
        for number, question in enumerate(handout.questions, start=1):
            y = _paragraph(figure, y, f"{number}. {question}", size=9, hanging=True)
        if handout.overflow:
            more = len(handout.overflow)
            y = _paragraph(
                figure, y, f"(nog {more} {'vraag' if more == 1 else 'vragen'} op blad 2)", size=8, color="#303030"
            )
        elif handout.more_questions:
            y = _paragraph(
                figure,
                y,
                f"(nog {handout.more_questions} {'vraag' if handout.more_questions == 1 else 'vragen'} "
                "over dezelfde cijfers in het rapport, pagina ‘Vragen per buurt’)",
                size=8,
                color="#303030",
            )
        return y

    def _footer(self, figure: Figure, y: float, lines: list[str]) -> float:
        top = min(y - 0.012, 0.06 + 0.0135 * (len(lines) + 3))
        figure.text(
            _LEFT,
            top,
            "\n".join(lines),
            fontsize=8.5,
            va="top",
            linespacing=1.35,
            bbox={"boxstyle": "square,pad=0.6", "facecolor": "#f0f0f0", "edgecolor": "#404040", "linewidth": 0.8},
        )
        if top - 0.0135 * (len(lines) + 2) < 0.045:
            msg = "handout text runs into the footer even without questions; lower MAX_QUOTES or shorten the quotes"
            raise BuurtdataError(msg)
        figure.text(
            _LEFT, 0.025, "\n".join(textwrap.wrap(self.source, 140)), fontsize=7.5, va="bottom", color="#202020"
        )
        return top


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


def _writing_box(figure: Figure, top: float, bottom: float) -> None:
    """Draw "Wat zegt de buurt?" with writing lines between ``top`` and ``bottom`` when there is room for three."""
    from matplotlib.lines import Line2D

    spacing = 0.028
    if top - bottom < 0.03 + 3 * spacing:
        return
    figure.text(_LEFT, top, "Wat zegt de buurt?", fontsize=12, weight="bold", va="top")
    y = top - 0.03 - spacing
    while y >= bottom:
        figure.add_artist(Line2D([_LEFT, _RIGHT], [y, y], transform=figure.transFigure, color="#9a9a9a", linewidth=0.6))
        y -= spacing


def _paragraph(
    figure: Figure,
    y: float,
    text: str,
    *,
    size: float = 9,
    color: str = "black",
    style: str = "normal",
    indent: float = 0.0,
    hanging: bool = False,
) -> float:
    width = int(_TEXT_WIDTH * 8.5 / size) - int(indent * 150)
    # No break at a hyphen either: a range such as "15-25" stays whole (numbers and units carry no-break spaces).
    lines = textwrap.wrap(text, width, subsequent_indent="   " if hanging else "", break_on_hyphens=False)
    figure.text(_LEFT + indent, y, "\n".join(lines), fontsize=size, color=color, style=style, va="top", linespacing=1.3)
    return y - len(lines) * size * 1.3 / 72 / A4[1] - 0.006


def _save(figure: Figure | list[Figure], stem: Path, *, png: bool, dpi: int) -> list[Path]:
    return maps.save_figure(figure, stem, png=png, dpi=dpi)


def _speaker(role: str | None) -> str:
    # buurt_quotes leaves the role out where the roles of the group may not be shown (privacy).
    return f"{role}, " if isinstance(role, str) and role else ""
