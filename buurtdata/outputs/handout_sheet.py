"""The pages of an A4 handout: the sheet of a buurt, the short sheet of a place, and a second page (questions, quotes).

:class:`Printer` holds what every page needs (the polygons, the names, the warm reading) and draws one
:class:`Handout` at a time; it is sent once to each worker of the pool (:mod:`.handout_pool`). This module
imports only pandas and (when drawing) matplotlib, so a worker starts quickly.
"""

from __future__ import annotations

import functools
import textwrap
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from buurtdata._errors import BuurtdataError
from buurtdata._text import ONE_COUNTS, REPORT, counted, elsewhere, name_or_code
from buurtdata.outputs import followup, handout_blocks, handout_key, handout_map, handout_table, wijk_voices
from buurtdata.outputs._opening import FEW_HEARD, NOBODY_HEARD, shared_opening, without
from buurtdata.outputs._paper import A4
from buurtdata.outputs.handout_blocks import (
    LEFT,
    TEXT_WIDTH,
    box_wanted,
    fictional_notice,
    footer,
    heading,
    height,
    in_report,
    nothing_named,
    paragraph,
    writing_box,
)
from buurtdata.outputs.handout_give_way import (  # noqa: F401 (KEPT_THEMES: tests read it here)
    KEPT_THEMES,
    _give_way,
    _quiet_lines,
)

if TYPE_CHECKING:
    import geopandas as gpd
    from matplotlib.figure import Figure
    from matplotlib.path import Path

    from buurtdata.project import Project

#: Where the first page sends its reader for the questions and quotes it has no room for.
SECOND_PAGE = "blad 2"


@dataclass
class Handout:
    """What one handout shows; every figure is the mart's own text."""

    code: str
    name: str
    wijk_name: str
    #: The buurt's own gemeente (a regional or national build draws the buurten of many with one printer).
    gemeente_name: str
    #: The source line at the foot of each page (it says when the gemeente's figures are an estimate).
    source: str
    figures: pd.DataFrame
    themes: list[str]
    quiet_themes: list[str]
    quotes: list[str]
    questions: list[str]
    #: Questions that did not fit the first page: printed on a second page.
    overflow: list[str] = field(default_factory=list)
    #: Questions the first page's rules keep off it (:meth:`.handout._Book._choose`): a second page prints them.
    other_questions: list[str] = field(default_factory=list)
    #: "plek": too few inwoners for a conversation sheet ([handouts] min_inwoners): a short sheet about the place.
    kind: str = "buurt"
    #: How many people named each of :attr:`themes` (same order): the least named give way first on a full page.
    mentions: list[int] = field(default_factory=list)
    #: Quotes that gave way on the first page: printed on the second page (the first says so).
    later_quotes: list[str] = field(default_factory=list)
    #: What gave way on a full page; the page says so, so nothing is left out unsaid.
    themes_left_out: int = 0
    #: How many people named each theme that gave way (the page says "door minder mensen" only when true).
    left_out_mentions: list[int] = field(default_factory=list)
    #: The quiet themes said as a number instead of by name (a full page).
    quiet_counted: bool = False
    #: What people named about the wijk as a whole, most named first, and how many: said apart from the buurt's
    #: own themes, never counted in them (:mod:`.wijk_voices`).
    wijk_themes: list[str] = field(default_factory=list)
    wijk_mentions: list[int] = field(default_factory=list)
    wijk_themes_left_out: int = 0
    #: How many live in the buurt (``buurt_comparison``, whatever ``[profile] indicators`` shows); None: CBS gives no
    #: number. A place's sheet says it.
    inwoners: float | None = None
    #: How many people of the buurt today's round spoke with (None: not known), for :func:`.nothing_named`.
    heard: int | None = None

    @property
    def quotes_left_out(self) -> int:
        """How many quotes gave way on the first page."""
        return len(self.later_quotes)

    @property
    def later_questions(self) -> list[str]:
        """What a second page asks: what did not fit the first, then the others; none without one (the report has)."""
        return [*self.overflow, *self.other_questions] if self.overflow or self.later_quotes else []

    @property
    def questions_opening(self) -> str:
        """The sentence all the sheet's questions open with, said once above them (:mod:`._opening`), or ""."""
        return shared_opening([*self.questions, *self.overflow, *self.other_questions])

    @property
    def wijk_line(self) -> str | None:
        """The sentence about the wijk as a whole, or None when people named nothing shown for it."""
        left_out = self.wijk_themes_left_out
        return wijk_voices.line(
            self.wijk_name, self.wijk_themes, self.wijk_mentions, left_out=left_out, own=self.quiet_themes
        )


@dataclass
class Printer:
    """Draws the pages of handouts; everything a page shows besides the :class:`Handout` itself."""

    project: Project
    #: Buurt polygons for display: ``code`` and ``geometry``.
    shapes: gpd.GeoDataFrame
    names: dict[str, str]
    wijk_of: dict[str, str]
    duiding: str
    #: Per buurt, the lines of "Sinds het vorige gesprek" (:mod:`buurtdata.outputs.followup`).
    since: dict[str, list[str]]
    #: The part of the map each buurt's sheet draws (:meth:`_view`), once worked out.
    _views: dict[str, handout_map.View | None] = field(default_factory=dict, init=False, repr=False)

    def draw_pages(self, handout: Handout) -> list[Figure]:
        """Return the pages of a handout: the sheet, and a second page when questions or quotes did not fit it."""
        import matplotlib

        with matplotlib.rc_context({"text.parse_math": False, "text.usetex": False}):
            first, drawn = self._layout(handout)
            if not drawn.overflow and not drawn.later_quotes:
                return [first]
            return [first, self._second_page(drawn, drawn.later_questions, len(drawn.questions))]

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
        fictional_notice(figure, project, earlier=bool(self.since.get(handout.code)))
        # The map's key and the key figures above take the height they need; the text starts below both.
        top = self._text_top(handout)
        y = self._themes(figure, handout, top)
        duiding = textwrap.wrap(self.duiding, TEXT_WIDTH)
        floor = handout_blocks.footer_floor(duiding)
        since, room = self.since.get(handout.code, []), floor + followup.room_for(handout.questions[:3])
        below_since = followup.draw(figure, y, since, paragraph=paragraph, floor=room)
        # The agreements of the last meeting are at least counted, below the questions, when the block has no room.
        y = self._questions(figure, handout, below_since, agreements=len(since) if below_since == y else 0)
        if y < floor:
            shorter = _give_way(handout)
            if shorter is None:
                raise BuurtdataError(self._too_full(handout, top, floor - y))
            return self._draw(shorter)
        second_page = bool(handout.overflow or handout.later_quotes)
        if box_wanted(y, duiding, second_page=second_page) and (shorter := _give_way(handout)) is not None:
            # The room to write goes to the second page rather than the first page's last question: read aloud, a
            # first page without a question is no start of a meeting (user test P: Kûbaard's sheet sent all three
            # of its questions to blad 2 to keep three writing lines on blad 1).
            if not (second_page and handout.questions and not shorter.questions):
                return self._draw(shorter)
        # Drawn once the text is known to fit: the map and the table take no room from it, and a page drawn
        # again for a shorter text would draw them again.
        self._map(figure, handout)
        handout_table.draw(figure, handout, self.project)
        footer_top = footer(figure, y, duiding, handout.source)
        # A first page that kept its question rather than the box still gives what room it has to write in.
        writing_box(figure, y - 0.012, footer_top + 0.012, least=2 if second_page else 3)
        return figure, handout

    def _header(self, figure: Figure, handout: Handout, title: str) -> None:
        # Long buurt names shrink rather than run off the page (bold DejaVu Sans is about 0.66 em a character).
        size = min(20.0, 0.88 * A4[0] * 72 / (0.66 * len(title)))
        figure.text(LEFT, 0.955, title, fontsize=size, weight="bold", va="baseline")
        figure.text(
            LEFT,
            0.933,
            f"{self._wijk(handout)} · {handout.gemeente_name} · buurtcode {handout.code} · cijfers {self.project.year}",
            fontsize=10,
            va="baseline",
        )

    def _text_top(self, handout: Handout) -> float:
        """Where the page's text starts: below the map's key and the key figures."""
        return min(0.545, self._key(handout).bottom - 0.01, handout_table.bottom(handout, self.project) - 0.01)

    def _too_full(self, handout: Handout, top: float, short: float, *, label: bool = True) -> str:
        """Why a page with everything given way lacks ``short`` of its height: the interviews' label (on a page
        that prints it) only when the page would fit with a short one, else the parts above the text."""
        lacks = f"the handout of buurt {handout.code} ({handout.name}) does not fit one A4 page"
        if label and self.project.interviews is not None:
            longer = height(self._source_of_themes(self.project.interviews.label), size=8)
            if longer - height(self._source_of_themes("de interviews"), size=8) >= short:
                return (
                    f"{lacks}, even with its quotes and themes left out and its questions on a second page: the "
                    "interviews' label is too long; shorten it ([interviews] label in project.toml)"
                )
        shown, note = handout_table.table(handout, self.project)
        return (
            f"{lacks}: its text starts at {top:.2f} of the page's height, below the map's key "
            f"({len(self._key(handout).caption)} lines of caption) and {len(shown)} key figures with {len(note)} "
            "lines of notes; show fewer key figures ([profile] indicators in project.toml)"
        )

    def _draw_place(self, handout: Handout) -> Figure:
        from matplotlib.figure import Figure

        figure = Figure(figsize=A4)
        self._header(figure, handout, f"Over de plek: {handout.name}")
        # Its footer names the interviews: a fictional set is said to be fictional here too.
        fictional_notice(figure, self.project)
        self._map(figure, handout)
        handout_table.draw(figure, handout, self.project)
        top = self._text_top(handout)
        y = heading(figure, top, "Een plek met weinig of geen inwoners")
        text = handout_table.place_text(handout.figures, handout.inwoners, self.project.min_inwoners)
        y = paragraph(figure, y, text, size=9)
        duiding = textwrap.wrap(self.duiding, TEXT_WIDTH)
        ask = "Wat gebeurt er op deze plek? En wat merken de buurten eromheen ervan?"
        y = self._place_themes(figure, handout, y, handout_blocks.footer_floor(duiding) + height(ask))
        y = paragraph(figure, y, ask, size=9)
        if (short := handout_blocks.footer_floor(duiding) - y) > 0:
            # Nothing on a place's sheet gives way: its text is short, the key and the key figures are bounded.
            raise BuurtdataError(self._too_full(handout, top, short, label=False))
        footer_top = footer(figure, y, duiding, handout.source)
        writing_box(figure, y - 0.012, footer_top + 0.012)
        return figure

    def _place_themes(self, figure: Figure, handout: Handout, y: float, floor: float) -> float:
        """What people named about a place (counts only where shown, the others as 'te weinig stemmen'), as much of
        it as leaves "Wat zegt de buurt?" its room above ``floor``; the page says what it left out and where it is."""
        if self.project.interviews is None or not (handout.themes or handout.quiet_themes):
            return y
        source = self._source_of_themes(self.project.interviews.label)
        kept, quiet = list(range(len(handout.themes))), list(handout.quiet_themes)
        mentions = handout.mentions if len(handout.mentions) == len(handout.themes) else [0] * len(handout.themes)
        themes = list(handout.themes)

        def lines() -> list[str]:
            said = [f"• {text}" for text in themes]
            if left := len(handout.themes) - len(themes):
                more = counted(left, "thema", "thema’s")
                said.append(f"• En {elsewhere(more, REPORT)}.")
            if handout.quiet_themes:
                # The lines a buurt's sheet says (review S #11: written out twice).
                said.append(_quiet_lines(handout.quiet_themes)[0 if quiet else 1])
            return said

        def needed() -> float:
            return 0.03 + height(source, size=8) + sum(height(line) for line in lines()) + handout_blocks.BOX_HEIGHT

        while y - needed() < floor and (quiet or themes):
            if quiet:
                quiet = []
            else:
                # The least named gives way, as on a buurt's sheet (review S #7: the last in the alphabet did).
                kept.remove(min(kept, key=lambda i: (mentions[i], -i)))
                themes = [handout.themes[i] for i in kept]
        if not (themes or quiet) and y - needed() < floor:
            return y
        y = heading(figure, y - 0.006, "Wat mensen over deze plek noemden")
        y = paragraph(figure, y, source, size=8, color="#303030")
        for line in lines():
            y = paragraph(figure, y, line, size=9)
        return y

    def _second_page(self, handout: Handout, questions: list[str], start: int) -> Figure:
        """The questions and quotes the first page had no room for: the questions first, each quote below them."""
        from matplotlib.figure import Figure

        figure = Figure(figsize=A4)
        figure.text(LEFT, 0.955, f"Buurtgesprek {handout.name} (blad 2)", fontsize=16, weight="bold", va="baseline")
        figure.text(
            LEFT,
            0.933,
            f"{self._wijk(handout)} · {handout.gemeente_name} · buurtcode {handout.code}",
            fontsize=10,
            va="baseline",
        )
        # Every page that shows what fictional interviews say, says that they are fictional.
        y = 0.88 if fictional_notice(figure, self.project) else 0.905
        # Above the source line, with room for the lines that say what did not fit.
        floor = 0.075 + height("(nog 99 vragen)", size=8) * (2 if handout.later_quotes else 1)
        # "Wat zegt de buurt?" keeps room for its three lines; then the quotes' room is kept: the report has the
        # questions too, only the database has the quotes.
        box = handout_blocks.BOX_HEIGHT + 0.012
        quotes = handout_blocks.quotes_that_fit(handout.later_quotes, y - floor - box - (0.024 if questions else 0))
        if questions:
            y = heading(figure, y, "Meer vragen voor het gesprek")
            room = floor + handout_blocks.height_of(quotes) + box
            opening, told = handout.questions_opening, self._told(handout)
            y = handout_blocks.more_questions(figure, questions, start, y, room, opening, told=told)
        y = handout_blocks.draw_quotes(figure, y, quotes, left_out=len(handout.later_quotes) - len(quotes))
        writing_box(figure, y - 0.012, 0.07)
        handout_blocks.source_line(figure, handout.source)
        return figure

    @functools.cached_property
    def _named_shapes(self) -> gpd.GeoDataFrame:
        # Once per printer (per worker), not per handout: a national printer holds 12,640 shapes.
        names = self.shapes["code"].map(self.names)
        return self.shapes.assign(name=names.where(names.notna(), self.shapes["code"]))

    @functools.cached_property
    def _buurten_of_wijk(self) -> dict[str, list[str]]:
        grouped: dict[str, list[str]] = {}
        for code, wijk in self.wijk_of.items():
            grouped.setdefault(wijk, []).append(code)
        return grouped

    def _focus(self, code: str) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
        """The shape of buurt ``code`` and those of the other buurten of its wijk."""
        in_wijk = self._buurten_of_wijk.get(self.wijk_of[code], [])
        shapes = self._named_shapes
        own = shapes[shapes["code"] == code]
        return own, shapes[shapes["code"].isin(in_wijk) & (shapes["code"] != code)]

    def _key(self, handout: Handout) -> handout_key.Key:
        # From codes, not shapes: the page asks for its key each time it is laid out again.
        in_wijk = self._buurten_of_wijk.get(self.wijk_of[handout.code], [])
        names = self._shape_names
        focus = [(code, names[code]) for code in sorted({handout.code, *in_wijk} & names.keys())]
        if not focus:
            return handout_key.Key([], ([], []))
        shown = self._view(handout.code)
        zoomed = shown is not None and shown.zoomed
        return handout_key.key(handout.name, self._wijk(handout), handout.code, focus, zoomed=zoomed)

    def _wijk(self, handout: Handout) -> str:
        """The wijk's name, or its code when it has none (a sentence "de rest van :" says nothing)."""
        return handout.wijk_name or f"wijk {self.wijk_of[handout.code]}"

    @functools.cached_property
    def _shape_names(self) -> dict[str, str]:
        """The name of each buurt with a shape, as numbered_names keys it (its code when it has none)."""
        shapes = self._named_shapes
        return {code: name_or_code(name, code) for code, name in zip(shapes["code"], shapes["name"], strict=True)}

    def _map(self, figure: Figure, handout: Handout) -> None:
        axes = figure.add_axes(handout_map.BOX)
        own, neighbours = self._focus(handout.code)
        focus = pd.concat([own, neighbours])
        axes.set_axis_off()
        shown = self._view(handout.code)
        if shown is None:
            axes.text(0.5, 0.5, "geen kaart: buurt zonder polygoon", ha="center", va="center", fontsize=9)
            return
        xmin, ymin, xmax, ymax = shown.limits
        context = self._named_shapes.cx[xmin:xmax, ymin:ymax]
        outlines = self._paths
        handout_map.plot(axes, outlines, context["code"], facecolor="white", edgecolor="#b0b0b0", linewidth=0.4)
        handout_map.plot(axes, outlines, neighbours["code"], facecolor="#e6e6e6", edgecolor="#606060", linewidth=0.6)
        style = {"facecolor": "#7a7a7a", "edgecolor": "black", "linewidth": 1.4, "hatch": "///"}
        handout_map.plot(axes, outlines, own["code"], **style)
        axes.set_xlim(xmin, xmax)
        axes.set_ylim(ymin, ymax)
        axes.set_aspect("equal")
        if shown.zoomed:
            handout_map.frame(axes)
        if handout_key.numbered(len(focus)):
            ordered = focus.sort_values("code")
            first = ordered["code"].tolist().index(handout.code) if len(own) else None
            drawn = handout_map.labels(ordered.geometry.array, shown, handout_key.NAME_SIZE, first=first)
            handout_map.draw_labels(axes, drawn, shown, handout_key.NAME_SIZE)
        key = self._key(handout)
        figure.text(LEFT, handout_key.TOP, "\n".join(key.caption), fontsize=handout_key.CAPTION_SIZE, va="top")
        for column, names in enumerate(key.columns):
            if names:
                figure.text(
                    LEFT + column * handout_key.COLUMN_STEP,
                    key.names_top,
                    "\n".join(names),
                    fontsize=handout_key.NAME_SIZE,
                    va="top",
                    linespacing=handout_key.NAME_SPACING,
                )

    def _view(self, code: str) -> handout_map.View | None:
        """The part of the map a buurt's sheet draws (None: neither it nor its wijk has a shape); once per buurt,
        as its key asks for it each time the page is laid out again."""
        if code not in self._views:
            own, neighbours = self._focus(code)
            focus = pd.concat([own, neighbours])
            self._views[code] = None if focus.empty else handout_map.view(own.geometry.array, focus.total_bounds)
        return self._views[code]

    @functools.cached_property
    def _paths(self) -> dict[str, Path]:
        """Each buurt's outline as a matplotlib path, made once per process (:func:`.handout_map.paths`)."""
        return handout_map.paths(self.shapes["code"].tolist(), self.shapes.geometry.array)

    def _themes(self, figure: Figure, handout: Handout, y: float) -> float:
        y = heading(figure, y, "Wat mensen noemden")
        if self.project.interviews is None:
            return paragraph(figure, y, "Dit project heeft nog geen interviews.")
        y = paragraph(figure, y, self._source_of_themes(self.project.interviews.label), size=8, color="#303030")
        lines = [f"• {text}" for text in handout.themes]
        if handout.themes_left_out:
            more = counted(handout.themes_left_out, "thema", "thema’s")
            # "Door minder mensen" only when true: of themes named as often, some are kept and some left out.
            fewer = handout.left_out_mentions and max(handout.left_out_mentions) < min(handout.mentions, default=0)
            lines.append(
                f"• En {elsewhere(more + (', door minder mensen genoemd' if fewer else ''), REPORT)}."
                if lines
                else f"• {elsewhere(f'{more} genoemd', REPORT, more=False)}."
            )
        wijk = handout.wijk_line
        if not lines:
            period = self.project.rounds[-1].period if self.project.rounds else ""
            said = nothing_named(
                handout.heard, period=period, threshold=self.project.privacy_threshold, wijk=bool(wijk)
            )
            lines = [f"• {said}"]
        if handout.quiet_themes:
            lines.append(_quiet_lines(handout.quiet_themes)[1 if handout.quiet_counted else 0])
        if wijk:
            lines.append(f"• {wijk}")
        for line in lines:
            y = paragraph(figure, y, line, size=9)
        for quote in handout.quotes:
            y = handout_blocks.quote(figure, y, quote)
        if handout.later_quotes:
            more = counted(len(handout.later_quotes), "uitspraak", "uitspraken")
            y = paragraph(
                figure, y, f"({elsewhere(f'{more} uit de interviews', SECOND_PAGE)})", size=8, color="#303030"
            )
        return y

    def _told(self, handout: Handout) -> str:
        """The questions' opening the sheet has said in other words above them (:func:`.nothing_named`), or ""."""
        if handout.themes or handout.themes_left_out:
            return ""  # it lists themes: nothing was said in other words
        if handout.heard == 0:
            return NOBODY_HEARD
        if handout.heard is not None and handout.heard < self.project.privacy_threshold:
            return FEW_HEARD
        return ""

    def _source_of_themes(self, label: str) -> str:
        # A threshold of 1 leaves nothing too few: "minder dan 1 mensen" is no count (user test T); the sheet says
        # then that what one person named is shown too (user test V: nothing published said so).
        k = self.project.privacy_threshold
        few = f"; een thema of rol met minder dan {k} mensen staat er als ‘te weinig stemmen’." if k > 1 else ONE_COUNTS
        return f"Uit: {label}. Aantal verschillende mensen per thema{few}"

    def _questions(self, figure: Figure, handout: Handout, y: float, *, agreements: int = 0) -> float:
        """The questions, and what did not fit of them: questions, and ``agreements`` of "Sinds het vorige gesprek"."""
        y = heading(figure, y - 0.006, "Vragen voor het gesprek")
        if self.project.interviews is None:
            y = paragraph(
                figure,
                y,
                "Zonder interviews zijn er geen signalen. Begin bij de ▲ en ▼ in de kerncijfers: "
                "herkennen bewoners dat? Wat zien zij dat de cijfers niet laten zien?",
                size=9,
            )
            return _counted_agreements(figure, y, agreements)
        if not (handout.questions or handout.overflow or handout.other_questions):
            # Voices about the wijk as a whole are no signal of this buurt, but a question for its meeting.
            wijk = " Speelt wat mensen verder in de wijk noemden ook hier?" if handout.wijk_line else ""
            y = paragraph(
                figure,
                y,
                "Geen signalen voor deze buurt: cijfers en verhalen wijzen nergens duidelijk op."
                f"{wijk} Wat vinden bewoners zelf belangrijk?",
                size=9,
            )
        # Said once above the questions; a sheet that has just said nobody was heard ("In deze buurt is in ... met
        # niemand gesproken.", :func:`.nothing_named`), or too few ("... met te weinig mensen om per thema iets te
        # laten zien."), does not say it again in other words.
        # A single question, or those on blad 2, leave it out too: said once per sheet (review aa T1).
        opening, told = handout.questions_opening, self._told(handout)
        if opening and handout.questions and opening != told:
            y = paragraph(figure, y, opening, size=9)
        for number, question in enumerate(handout.questions, start=1):
            y = paragraph(figure, y, f"{number}. {without(told, without(opening, question))}", size=9, hanging=True)
        if later := len(handout.later_questions):
            # The agreements in the same line: it has room for them.
            unsaid = f"; {followup.counted_line(agreements)}" if agreements else ""
            line = f"({elsewhere(counted(later, 'vraag', 'vragen'), SECOND_PAGE)}{unsaid})"
            return paragraph(figure, y, line, size=8, color="#303030")
        return _counted_agreements(figure, in_report(figure, y, len(handout.other_questions)), agreements)


def _counted_agreements(figure: Figure, y: float, agreements: int) -> float:
    """Say how many agreements the block "Sinds het vorige gesprek" had no room for (when any)."""
    return paragraph(figure, y, f"({followup.counted_line(agreements)})", size=8, color="#303030") if agreements else y
