"""The handout block "Sinds het vorige gesprek": what the previous round's meeting agreed, and what the voices
(``buurt_followup``) and the figures (``buurt_trends`` of the theme's linked indicators) show since.

:func:`since_last_meeting` reads it once per build; :func:`draw` is the small drawing step the handout calls.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from buurtdata._text import MONTHS, PLAN, counted, elsewhere, lowered
from buurtdata.outputs.handout_blocks import height

if TYPE_CHECKING:
    import duckdb
    from matplotlib.figure import Figure

TITLE = "Sinds het vorige gesprek"
#: Agreements a handout prints, and how many characters each may take (about two lines of small print).
MAX_LINES, SHORTEN, SIZE = 3, 250, 7.5
#: The fewest characters of an agreement a shortened line keeps: below that the whole line is shortened instead.
_LEAST_AGREEMENT = 40
#: A character no text holds (Unicode private use), standing in for a no-break space while a line is shortened.
_KEPT = "\ue000"


def since_last_meeting(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """Return per buurt code the Dutch lines of the block: one per agreement of the round before today's."""
    tables = {row[0] for row in con.execute("select table_name from information_schema.tables").fetchall()}
    if "buurt_followup" not in tables:
        return {}
    rows = con.execute("""
        select f.code, f.theme, f.agreement, f.owner, f.review_date, f.followup, f.theme_agreed
        from buurt_followup as f
        where f.round_number = (select max(round_number) from buurt_theme_rounds) - 1
        order by f.code, f.theme, f.agreement
    """).fetchall()
    figures = _figures(con, tables)
    lines: dict[str, list[str]] = {}
    for code, theme, agreement, owner, review, followup, agreed in rows:
        told = figures.get((code, theme))
        rest = (
            f" (wie: {owner or 'niet ingevuld'}; terugkijken {datum(review) or '?'}). Wat mensen nu zeggen: "
            f"{lowered(followup)}" + (f" Cijfers: {told}." if told else "")
        )
        # No theme: an agreement of a round of too few people heard in its buurt, theme not told (buurt_followup).
        head = f"{theme_as_agreed(theme, agreed)}: " if theme else "Afspraak: "
        lines.setdefault(code, []).append(_with_news(head, agreement, rest))
    return lines


def _with_news(head: str, agreement: str, rest: str) -> str:
    """One agreement's line, its agreement shortened where the whole would not fit :data:`SHORTEN`, so that what
    people say now and the figures, the news of the block, are printed whole (user test B: a long agreement left
    "Wat mensen nu zeggen: in voorjaar 2027 …", without the news); the line then says where it stands in full.

    >>> news = " (wie: Buurtteam). Wat mensen nu zeggen: (5 → 4)."
    >>> line = _with_news("Wonen: ", "een bankje bij de speeltuin " * 9, news)
    >>> len(line) < SHORTEN, f"…{news} (voluit: zie" in line
    (True, True)
    >>> _with_news("Wonen: ", "een bankje", " (wie: Buurtteam).")
    'Wonen: een bankje (wie: Buurtteam).'
    """
    import textwrap

    whole = head + agreement + rest
    tail = f" ({elsewhere('voluit', PLAN, more=False)})"
    room = SHORTEN - len(f"• {head}{rest}{tail}")
    if len(f"• {whole}") <= SHORTEN or room < _LEAST_AGREEMENT:
        return whole  # fits, or the news itself is long: draw() shortens the whole line
    return head + textwrap.shorten(agreement, room, placeholder=" …") + rest + tail


def shortened(line: str) -> str:
    """``line`` cut to :data:`SHORTEN` characters at a word, saying where it stands in full; a bracket the cut
    leaves open is cut off with what it opened (user test T: "dan in najaar 2023 (3 → … (voluit: ...)" reads as a
    bracket inside a bracket, and "drie, pijl" aloud).

    >>> shortened("• Wonen: evenveel mensen als toen (3 → 3), " + "en meer " * 40)[:46]
    '• Wonen: evenveel mensen als toen (3 → 3), en '
    >>> shortened("• Jongeren: meer mensen dan in het najaar van 2023 (" + "3 → 4 " * 40 + ")")
    '• Jongeren: meer mensen dan in het najaar van 2023 … (voluit: zie het buurttoekomstplan)'
    """
    import textwrap

    placeholder = f" … ({elsewhere('voluit', PLAN, more=False)})"
    # textwrap.shorten folds every space, a no-break one too: a date ("1 juni 2025") is kept whole through it.
    text = textwrap.shorten(line.replace("\u00a0", _KEPT), SHORTEN, placeholder=placeholder).replace(_KEPT, "\u00a0")
    body = text.removesuffix(placeholder)
    if body != text and body.count("(") > body.count(")"):
        text = body[: body.rfind("(")].rstrip() + placeholder
    return text


#: The months as a date is read aloud: "1 juni 2025", not "01-06-2025" (user test).
MAANDEN = MONTHS


def datum(value: object) -> str:
    """A date as it is said in Dutch, its parts bound (no line ends inside it), empty for none.

    >>> datum(dt.date(2025, 6, 1)).replace("\u00a0", " "), datum(None)
    ('1 juni 2025', '')
    """
    if not isinstance(value, dt.date):
        return ""
    return "\u00a0".join((str(value.day), MAANDEN[value.month - 1], str(value.year)))


def theme_as_agreed(theme: str, agreed: str | None) -> str:
    """An agreement's theme of today, with the name its meeting gave it where that was another (renamed or merged
    since): people who were there know it by that name.

    >>> theme_as_agreed("Geldzorgen", "Armoede"), theme_as_agreed("Wonen", "Wonen"), theme_as_agreed("Wonen", None)
    ('Geldzorgen (toen: Armoede)', 'Wonen', 'Wonen')
    """
    return f"{theme} (toen: {agreed})" if agreed and theme and agreed.casefold() != theme.casefold() else theme


def _figures(con: duckdb.DuckDBPyConnection, tables: set[str]) -> dict[tuple[str, str], str]:
    """Return per buurt and theme how its linked figures moved between the first and the last KWB year."""
    if not {"buurt_trends", "theme_links"} <= tables:
        return {}
    rows = con.execute("""
        with span as (select min(year) as first, max(year) as last from buurt_trends)
        select t.code, l.theme, i.title, a.value, b.value, span.first, span.last, i.decimals
        from theme_links as l
        cross join span
        join buurt_trends as a on a.indicator = l.indicator and a.year = span.first
        join buurt_trends as b on b.indicator = l.indicator and b.year = span.last and b.code = a.code
        join (select distinct code from buurt_trends) as t on t.code = a.code
        join indicators as i on i.indicator = l.indicator and i.year = span.last
        where span.first < span.last and a.value is not null and b.value is not null
        order by t.code, l.theme, l.indicator
    """).fetchall()
    found: dict[tuple[str, str], list[str]] = {}
    for code, theme, title, first, last, year_a, year_b, decimals in rows:
        places = int(decimals or 0)
        found.setdefault((code, theme), []).append(
            f"{title.lower()} {_getal(first, places)} ({year_a}) → {_getal(last, places)} ({year_b})"
        )
    return {key: "; ".join(parts[:2]) for key, parts in found.items()}


def _getal(value: float, decimals: int) -> str:
    return f"{value:,.{decimals}f}".translate(str.maketrans(",.", ".,"))


def draw(figure: Figure, y: float, lines: list[str], *, floor: float, paragraph: Callable[..., float]) -> float:
    """Draw the block below ``y`` as far as the page has room above ``floor``; return the new ``y``.

    It stands between the themes and the questions and takes only the room the first questions leave
    (``floor`` includes :func:`room_for` them): the questions are what the meeting needs, and the
    buurttoekomstplan holds every agreement in full.
    """
    total = len(lines)
    # The line that says how many agreements are left out, where any are: it needs its room too.
    note = _measured(_left_out(total), SIZE)
    shown = []
    need = _measured(TITLE, 10) + 0.004
    for number, line in enumerate(lines[:MAX_LINES], start=1):
        # A shortened agreement says where it stands in full, so nobody reads a cut-off promise as the whole.
        text = shortened(f"• {line}")
        if y - need - _measured(text, SIZE) - (note if number < total else 0) < floor:
            break
        need += _measured(text, SIZE)
        shown.append(text)
    left = total - len(shown)
    if not shown and (not left or y - need - note < floor):
        # The caller says the count elsewhere (:func:`counted_line`), or gives way until the block fits.
        return y
    y = paragraph(figure, y - 0.004, TITLE, size=10)
    for text in shown:
        y = paragraph(figure, y, text, size=SIZE, hanging=True)
    if left:
        y = paragraph(figure, y, _left_out(left, shown=bool(shown)), size=SIZE, color="#303030")
    return y


def _left_out(left: int, *, shown: bool = True) -> str:
    """The line that says how many agreements the handout leaves out, and where they stand in full."""
    return f"({elsewhere(counted(left, 'afspraak', 'afspraken'), PLAN, more=shown)})"


def counted_line(agreements: int) -> str:
    """How a page with no room for the block says how many agreements it leaves out, below its questions."""
    return elsewhere(f"{counted(agreements, 'afspraak', 'afspraken')} van het vorige gesprek", PLAN, more=False)


def room_for(questions: list[str]) -> float:
    """The height the heading "Vragen voor het gesprek" and ``questions`` take on a handout."""
    return 0.03 + sum(_measured(f"1. {q}", 9) for q in questions)


def _measured(text: str, size: float) -> float:
    """The height :func:`paragraph` gives ``text`` as this block draws it (a hanging indent)."""
    return height(text, size=size, hanging=True)
