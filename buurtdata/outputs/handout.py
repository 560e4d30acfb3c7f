"""Printable A4 handouts per buurt: map, key figures, themes, questions for the meeting, sources.

One matplotlib figure per buurt is saved as PDF (for print) and, when asked, its first page as PNG (for
screens and mail). The pages are laid out in :mod:`.handout_sheet` and drawn on every core by
:mod:`.handout_pool`; this module reads the marts once and cuts them per buurt. The
layout is black on white with greys and hatching, so it survives a black-and-white printer. Every
number printed comes from the marts as text (``buurt_comparison.*_text``, ``buurt_themes``,
``buurt_theme_roles``, ``wijk_themes``): the handout formats nothing itself, so print and table cannot differ.

>>> from buurtdata import datasets
>>> import tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     paths = make_handouts(datasets.get_path("hengelo"), folder, buurten=["BU01640501"], png=False,
...                           progress=False, key=b"doctest")
...     [path.name for path in paths]
['BU01640501_berflo_es_noord.pdf', 'niet_geplaatste_fragmenten.csv', 'gelezen_als.csv', 'index.pdf', 'index.html']
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import geopandas as gpd
import pandas as pd

from buurtdata import _optional, pipeline
from buurtdata._errors import BuurtdataError, few
from buurtdata._text import name_or_code, role_count, source_line
from buurtdata.codes import gemeente_of
from buurtdata.outputs import _stems, followup, handout_figures, handout_index, handout_pool, wijk_voices
from buurtdata.outputs._buurt_choice import buurt_codes
from buurtdata.outputs._gemeente_choice import gemeente_codes
from buurtdata.outputs._left_out import uitleg
from buurtdata.outputs._meeting_order import meeting_order
from buurtdata.outputs._unplaced import UNPLACED, write_unplaced
from buurtdata.outputs.handout_sheet import Handout, Printer
from buurtdata.pipeline import link, scope
from buurtdata.project import Project
from buurtdata.sources import geometry

_optional.require("render", __name__)

if TYPE_CHECKING:  # matplotlib is imported only when a handout is drawn
    from collections.abc import Sequence

    from matplotlib.figure import Figure

#: Most questions on the first page; the next go to a second page.
MAX_QUESTIONS = 5
#: Most figures added to the key figures because a question cites them.
MAX_CITED_FIGURES = 2
#: Most quotes printed per buurt (spread over its themes, :func:`_spread`).
MAX_QUOTES = 3
#: Added to the source line when the gemeente's figures were carried onto the map's buurtindeling (``overgezet``).
CARRIED_NOTE = "cijfers geschat: naar oppervlakte omgerekend naar de buurtindeling van deze kaart"


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
    """Write one A4 handout per buurt (PDF, and PNG) plus ``index.pdf`` and ``index.html``, and with interviews the
    list of segments on no buurt's sheet (``niet_geplaatste_fragmenten.csv``, as ``buurtdata handouts`` writes it:
    the index's cover and the pipeline's warning name it); return the paths written.

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
        Also write a PNG of the first page of each handout, at this resolution.
    progress
        Show a progress bar.
    key
        Pseudonymisation key for the pipeline run (see :func:`buurtdata.pipeline.run`).
    """
    project = project_or_file if isinstance(project_or_file, Project) else Project.load(project_or_file)
    if result is None:
        result = pipeline.run(project, key=key)
    handouts = Handouts.prepare(project, result, out, buurten=buurten)
    written = handouts.draw(png=png, dpi=dpi, progress=progress)
    if result.themes is not None:
        # The placement line a build tells is for its log; here the warning and the index's cover say it.
        write_unplaced(result, Path(out) / UNPLACED, lambda path, _: written.append(path), lambda _: None)
    return written + handouts.write_index(png=png)  # the page to open last


@dataclass
class Handouts:
    """The handouts of one build, read from the marts: drawn (on every core) and indexed.

    Read while the database is open; drawing needs only what was read, so it can go on while the build
    closes the database and does other work (:attr:`parallel`: the drawing happens in other processes).
    """

    book: _Book
    out: Path
    codes: list[str]
    left_out: list[str]
    #: Per gemeente code, the folder under ``out`` its handouts and index go to; empty: all in ``out`` itself.
    folders: dict[str, str] = field(default_factory=dict)

    @classmethod
    def prepare(
        cls,
        project: Project,
        result: pipeline.PipelineResult,
        out: str | Path,
        *,
        buurten: Sequence[str] | None = None,
        gemeenten: Sequence[str] | None = None,
        folders: dict[str, str] | None = None,
    ) -> Handouts:
        """Read what the handouts of ``buurten`` and of every buurt of ``gemeenten`` (codes or names; default:
        every buurt) show; raise on an unknown buurt or gemeente.

        ``folders``: a build of many gemeenten gives each gemeente its own folder (gemeente code -> folder name
        under ``out``); the marts are read once for all of them.
        """
        book = _Book.collect(project, result)
        # A buurt of a gemeente the build left out is told why (user test P: it was "not a buurt of" a list that
        # named its gemeente, then said to lie outside the project's gemeenten); the others' list names it apart.
        refused = scope.refused(result.con)
        built = [code for code in project.gemeenten if code not in refused]
        left = f" ({', '.join(sorted(refused))} left out of this build)" if refused else ""
        where = f"{', '.join(built) or project.gemeente} in {project.year}{left}"
        named = buurt_codes(
            buurten or [], book.names, book.wijken, where, book.without_figures, book.gemeente_names, refused
        )
        codes = list(book.names) if buurten is None and gemeenten is None else named
        if gemeenten is not None:
            where = f"project {project.name!r} in {project.year}"
            aside = {code: (book.refused_names.get(code), why) for code, why in refused.items()}
            chosen, asked = set(gemeente_codes(gemeenten, book.gemeente_names, where, aside)), set(codes)
            codes += [code for code in book.names if book.gemeente_of[code] in chosen and code not in asked]
        unknown = [code for code in codes if code not in book.names]
        without = [code for code in unknown if code in book.without_figures]
        if without:
            # Sweep 14 F7: a Python list, and a cause asserted (a buurt newer than the KWB file has no figures too).
            which = f"buurt {without[0]} has" if len(without) == 1 else f"buurten {few(without)} have"
            msg = (
                f"{which} a polygon but no CBS figures for {project.year}: a buurt newer than the KWB file, or "
                f"boundaries of another year; a handout needs them. Use boundaries of {project.year}, or leave "
                f"{'it' if len(without) == 1 else 'them'} out."
            )
            raise BuurtdataError(msg)
        left_out = [code for code in codes if project.sparse_handout == "weglaten" and book.sparse(code)]
        return cls(book, Path(out), codes, left_out, dict(folders or {}))

    @property
    def drawn(self) -> list[str]:
        left_out = set(self.left_out)  # a national build holds 12,640 codes
        return [code for code in self.codes if code not in left_out]

    @property
    def parallel(self) -> bool:
        """Whether :meth:`draw` draws in worker processes (the calling process only waits and counts)."""
        return handout_pool.workers_for(len(self.drawn)) >= 2

    def folder(self, code: str) -> Path:
        """The folder of the handout of buurt ``code``."""
        named = self.folders.get(self.book.gemeente_of[code])
        return self.out if named is None else self.out / named

    def draw(self, *, png: bool, dpi: int = 120, progress: bool = True, beside: bool = False) -> list[Path]:
        """Draw and save every sheet (PDF, and PNG when ``png``) with a progress bar; return the files.

        ``beside``: the build does other work meanwhile, which goes first (:func:`.handout_pool.render_all`).
        """
        from tqdm import tqdm

        for folder in {self.folder(code) for code in self.drawn} | {self.out}:
            folder.mkdir(parents=True, exist_ok=True)
        # A generator: the pool's workers start with the first sheet while this process makes the next ones.
        sheets = (
            (self.book.handout(code), self.folder(code) / _stems.buurt(code, self.book.names[code]))
            for code in self.drawn
        )
        written: list[Path] = []
        drawn = handout_pool.render_all(self.book.printer, sheets, len(self.drawn), png=png, dpi=dpi, beside=beside)
        # disable=None: a bar only on a terminal; in a log (stderr no TTY) it would stand between the file lines.
        bar = tqdm(drawn, total=len(self.drawn), desc="Handouts", unit="buurt", disable=None if progress else True)
        for paths in bar:
            written += paths
        return written

    def write_index(self, *, png: bool) -> list[Path]:
        """Write ``index.pdf`` and ``index.html`` (which links the PNGs when ``png``) in each folder; return them,
        each folder's PDF before its page."""
        written, left = [], set(self.left_out)
        for folder, codes in self._groups().items():
            folder.mkdir(parents=True, exist_ok=True)
            left_out = [code for code in codes if code in left]
            written += handout_index.write(self.book, codes, left_out, folder, png=png)
        return written

    def write_overview(self, *, unplaced: Path | None, status: Path | None = None) -> tuple[Path, int] | None:
        """With a folder per gemeente, write an ``index.html`` in ``out`` that links each gemeente's index (after
        :meth:`write_index`) and ``unplaced``, the list of segments on no sheet when one was written; return it and
        how many gemeenten it links. None without folders."""
        if not self.folders:
            return None
        groups = self._groups()
        left_out = set(self.left_out)
        page = handout_index.write_overview(self.book, groups, left_out, self.out, unplaced=unplaced, status=status)
        return page, len(groups)

    def _groups(self) -> dict[Path, list[str]]:
        """The codes of the handouts per folder, in the order of :attr:`codes`."""
        groups: dict[Path, list[str]] = {self.out: []} if not self.folders else {}
        for code in self.codes:
            groups.setdefault(self.folder(code), []).append(code)
        return groups


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
    #: The buurten of the polygons without figures of the project's year (boundaries of another year): code ->
    #: (name, wijk name, gemeente code). They get no sheet; the index lists them with the reason.
    without_figures: dict[str, tuple[str, str, str]] = {}
    #: The gemeenten whose figures were carried onto the polygons' buurtindeling (``overgezet``).
    carried: set[str] = set()
    #: The gemeenten of the project the build left out (``geweigerd``), as "Houten (GM0321)": no folder, so the
    #: overview of a region names them (user test P: Houten was simply missing).
    refused: list[str] = []
    #: Why each was left out, in Dutch (:func:`._left_out.uitleg`), in the order of ``refused``.
    refused_uitleg: list[str] = []
    #: Their code -> name as CBS writes it (None when unknown), for ``--gemeente`` by name.
    refused_names: dict[str, str | None] = {}
    #: Per wijk code, what people named about the wijk as a whole (:func:`.wijk_voices.named`).
    wijk_named: dict[str, list[tuple[str, int]]] = {}
    #: Interview segments of a one-gemeente project placed in no buurt (``niet_geplaatste_fragmenten.csv``).
    unplaced: int = 0
    #: Places of a one-gemeente project read as a buurt they are spelt almost like (``gelezen_als.csv``).
    read_as: int = 0
    #: Per buurt code, how many people today's round spoke with there (buurten without any are left out).
    heard: dict[str, int] = {}

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
        # Per buurt its own gemeente: a regional or national book holds the buurten of many.
        self.gemeente_of = first["gemeente_code"].to_dict()
        self.gemeente_names = dict(zip(first["gemeente_code"], first["gemeente_name"], strict=True))
        self.buurten_in = Counter(self.gemeente_of.values())
        table = project.kwb_files(project.year).table
        label = project.interviews.label if project.interviews is not None else None
        self.base_source = source_line(
            table=table, year=project.year, interviews=label, boundaries=project.boundaries.year
        )

    @classmethod
    def collect(cls, project: Project, result: pipeline.PipelineResult) -> _Book:
        con = result.con
        comparison = handout_figures.comparison(con)
        themes = roles = pd.DataFrame()
        if project.interviews is not None:
            themes = con.sql("select * from buurt_themes where theme_status <> 'geen stemmen' order by theme").df()
            roles = con.sql("select * from buurt_theme_roles where theme_status <> 'geen stemmen' order by role").df()
        wijken = dict(
            con.execute("select code, name from regions where level = 'wijk' and year = ?", [project.year]).fetchall()
        )
        shapes = geometry.simplify_per_gemeente(result.boundaries)[["code", "geometry"]]
        book = cls(project, comparison, themes, roles, link.signals(con), link.quotes(con), shapes, wijken)
        book.since = followup.since_last_meeting(con)
        book.wijk_named = wijk_voices.named(con) if project.interviews is not None else {}
        if project.interviews is not None:
            book.heard = dict(
                con.sql(
                    "select buurt_code, count(distinct respondent) from stg_segments "
                    "where buurt_code is not null group by buurt_code"
                ).fetchall()
            )
        unmatched = result.buurten[~result.buurten["code"].isin(book.names)]
        book.without_figures = {
            code: (
                name_or_code(name, code),
                wijk if isinstance(wijk, str) else "",
                gemeente if isinstance(gemeente, str) else gemeente_of(code),
            )
            for code, name, wijk, gemeente in zip(
                unmatched["code"], unmatched["name"], unmatched["wijk_name"], unmatched["gemeente_code"], strict=True
            )
        }
        status = scope.status_table(con)
        book.carried = set(status.loc[status["build_status"] == scope.CARRIED, "code"])
        refused = status[status["build_status"] == scope.REFUSED]
        book.refused_names = dict(zip(refused["code"], refused["name"], strict=True))
        book.refused = [
            f"{name} ({code})" if isinstance(name, str) and name else code for code, name in book.refused_names.items()
        ]
        book.refused_uitleg = [uitleg(scope.REFUSED, reason, where=False) for reason in refused["reason"]]
        # Said on the index's cover of one gemeente; in a region they belong to no one gemeente's handouts.
        book.unplaced = 0 if scope.many(project) else len(result.unplaced)
        book.read_as = 0 if scope.many(project) else len(result.read_as)
        return book

    def gemeente_name(self, code: str) -> str:
        """The name of the gemeente of buurt ``code`` (its code when CBS gave none)."""
        gemeente = self.gemeente_of[code]
        name = self.gemeente_names.get(gemeente)
        return name_or_code(name, gemeente)

    def title(self, codes: list[str]) -> str:
        """What a set of handouts is about: their one gemeente's name, else the project's name."""
        names = {self.gemeente_name(code) for code in (codes or self.names)}
        return names.pop() if len(names) == 1 else self.project.name

    def source(self, codes: list[str]) -> str:
        """The source line of the handouts of ``codes``."""
        if any(self.gemeente_of[code] in self.carried for code in codes):
            # Figures moved by area onto other buurten are an estimate; whoever reads them aloud must know it.
            return f"{self.base_source}; {CARRIED_NOTE}"
        return self.base_source

    @property
    def printer(self) -> Printer:
        """What drawing a page needs of this book (sent once to each worker of the pool)."""
        return Printer(
            project=self.project,
            shapes=self.shapes,
            names=self.names,
            wijk_of=self.wijk_of,
            duiding=link.WARME_DUIDING,
            since=self.since,
        )

    def sparse(self, code: str) -> bool:
        """Whether the buurt has fewer inwoners than [handouts] min_inwoners (or no figure of them)."""
        inwoners = self.inwoners.get(code)
        return inwoners is None or pd.isna(inwoners) or inwoners < self.project.min_inwoners

    def handout(self, code: str) -> Handout:
        figures = self.by_buurt[code]
        themes = self.themes.get(code, pd.DataFrame(columns=["theme", "theme_status", "respondents"]))
        roles = self.roles.get(code, pd.DataFrame(columns=["theme", "role", "theme_status", "respondents"]))
        shown, mentions, quiet = [], [], []
        for row in themes.itertuples():
            if row.theme_status != "getoond":
                # A buurt where too few people were heard in all names no theme of theirs, not even as too few
                # ('te weinig gesprekken' on every theme; user test V, left A): the sheet says so instead.
                if row.theme_status == "te weinig stemmen":
                    quiet.append(row.theme)
                continue
            parts = [
                role_count(role.role, role.respondents)
                for role in roles[roles["theme"] == row.theme].itertuples()
                if role.theme_status == "getoond"
            ]
            hidden = roles[(roles["theme"] == row.theme) & (roles["theme_status"] != "getoond")]
            if len(hidden):
                parts.append(
                    "andere rollen niet getoond vanwege privacy" if parts else "per rol niet getoond vanwege privacy"
                )
            people = "persoon" if row.respondents == 1 else "mensen"
            shown.append(f"{row.theme}: {row.respondents} {people}" + (f" ({'; '.join(parts)})" if parts else ""))
            mentions.append(int(row.respondents))
        signals = self.signals.get(code, pd.DataFrame(columns=["signal", "question", "cited"]))
        signals = signals[signals["signal"] != "geen signaal"]
        quotes = _spread(self.quotes.get(code, pd.DataFrame(columns=["theme", "role", "quote"])), themes)
        questions, others, figures = self._choose(signals, figures, self.cited_rows.get(code))
        # What every sheet says of the buurt; a place's sheet too says what people said of it, counts only where
        # shown (user test P: three ondernemers on the Maasvlakte named its traffic, and its sheet said nothing of it).
        common = {
            "code": code,
            "name": self.names[code],
            "wijk_name": self.wijken.get(self.wijk_of[code], ""),
            "gemeente_name": self.gemeente_name(code),
            "source": self.source([code]),
            "figures": figures,
            "themes": shown,
            "mentions": mentions,
            "quiet_themes": quiet,
        }
        if self.sparse(code):
            return Handout(**common, quotes=[], questions=[], kind="plek", inwoners=self.inwoners.get(code))
        # The second page takes every question it has room for (user test: one more went to the report while the
        # page stood empty; at a meeting there is only paper), also those the first page's rules keep off it.
        first, second = questions[:MAX_QUESTIONS], questions[MAX_QUESTIONS:]
        heard = self.heard.get(code, 0) if self.project.interviews is not None else None
        # A buurt where 1 to k-1 were heard names no theme of its wijk either: its few people count in the wijk's rows,
        # and read aloud in their buurt, "in the wijk 3 people named ..." points the room at them (review aa T3).
        thin = heard is not None and 0 < heard < self.project.privacy_threshold
        wijk_named = [] if thin else self.wijk_named.get(self.wijk_of[code], [])
        return Handout(
            **common,
            wijk_themes=[theme for theme, _ in wijk_named],
            wijk_mentions=[count for _, count in wijk_named],
            # The theme as the codebook writes it: "GGZ" is no "ggz".
            quotes=[f"“{row.quote}” ({_speaker(row.role)}over {row.theme})" for row in quotes.itertuples()],
            questions=first,
            overflow=second,
            other_questions=others,
            heard=heard,
        )

    @staticmethod
    def _choose(
        signals: pd.DataFrame, figures: pd.DataFrame, extra: pd.DataFrame | None
    ) -> tuple[list[str], list[str], pd.DataFrame]:
        """Questions in meeting order (:func:`._meeting_order.meeting_order`: those of themes shown in the buurt
        first, so they take the figures first), none about a figure an earlier one cites, each citing only printed
        figures; the others (in the same order); and the key figures.

        A figure a question cites that is not among the key figures is added to them (at most MAX_CITED_FIGURES); a
        question that would need more, or repeats a figure, is one of the others: the second page prints it when
        there is one (its text says its own figures), else the report.
        """
        signals = meeting_order(signals)
        printed, used, added, chosen, others = set(figures["indicator"]), set(), [], [], []
        for row in signals.itertuples():
            cited = set(row.cited.split(",")) if isinstance(row.cited, str) and row.cited else set()
            missing = cited - printed
            if cited & used or (missing and (extra is None or len(added) + len(missing) > MAX_CITED_FIGURES)):
                others.append(row.question)
                continue
            if missing:
                added += sorted(missing)
                printed |= missing
            used |= cited
            chosen.append(row.question)
        if added:
            figures = pd.concat([figures, extra[extra["indicator"].isin(added)].sort_values("indicator")])
        return chosen, others, figures

    def draw_pages(self, handout: Handout) -> list[Figure]:
        """Return the pages of a handout: the sheet, and a second page when questions did not fit it."""
        return self.printer.draw_pages(handout)

    def draw(self, handout: Handout) -> Figure:
        """Return the first page of a handout."""
        return self.printer.draw(handout)


def _speaker(role: str | None) -> str:
    # buurt_quotes leaves the role out where the roles of the group may not be shown (privacy).
    return f"{role}, " if isinstance(role, str) and role else ""


def _spread(quotes: pd.DataFrame, themes: pd.DataFrame) -> pd.DataFrame:
    """The first :data:`MAX_QUOTES` of a buurt's quotes, spread over its themes: one of each theme first, the most
    named themes first (``themes``: the buurt's rows of ``buurt_themes``), then a second of each, and so on."""
    named = dict(zip(themes["theme"], pd.to_numeric(themes["respondents"], errors="coerce").fillna(0), strict=True))
    rounds = quotes.groupby("theme", sort=False).cumcount().tolist()
    names = quotes["theme"].tolist()
    order = sorted(range(len(quotes)), key=lambda i: (rounds[i], -named.get(names[i], 0), names[i]))
    return quotes.iloc[order[:MAX_QUOTES]]
