"""The key below a handout's map: the caption and the numbered names of the buurten of the wijk.

Pure text and heights, no drawing: the page reserves the key's height before it places the text below it
(:meth:`buurtdata.outputs.handout_sheet.Printer._draw`), and draws it with the map.
"""

from __future__ import annotations

import functools
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass

from buurtdata._text import count_nl
from buurtdata.outputs._paper import A4

#: Where the caption starts, just below the map (figure fraction).
TOP = 0.618
#: Characters of 7 pt across the map's column.
CAPTION_WIDTH = 52
CAPTION_SIZE, NAME_SIZE, NAME_SPACING = 7.0, 6.5, 1.15
#: Where the second column of the key starts, right of the first (figure fraction), and a column's width in
#: points: a name stays clear of the next column by a few points.
COLUMN_STEP = 0.165
COLUMN = COLUMN_STEP * A4[0] * 72 - 5
#: Height of a line of the caption and of the key, as matplotlib sets them (1.2 and NAME_SPACING line spacing).
CAPTION_LINE = CAPTION_SIZE * 1.2 * 1.25 / 72 / A4[1]
NAME_LINE = NAME_SIZE * NAME_SPACING * 1.25 / 72 / A4[1]
#: A shortened name's start keeps at least this many characters when it is made alike to the others' starts.
MIN_HEAD = 8
#: Space between the caption and the names, and below the key before the text of the page.
GAP = 0.004
#: The most buurten a map numbers and its key names: 20 rows of two columns leave the page's text below the key
#: its room. A bigger wijk's map numbers none, and one line says which buurt is hatched.
MAX_NAMED = 40
#: What the key says of a map zoomed in on its buurt (:func:`buurtdata.outputs.handout_map.view`).
ZOOMED = "De kaart toont alleen het deel rond deze buurt"


@dataclass(frozen=True)
class Key:
    """The key of one handout's map: where each part starts and what it says."""

    caption: list[str]
    #: The two columns of "number name" lines (the second empty when the wijk has one buurt).
    columns: tuple[list[str], list[str]]

    @property
    def names_top(self) -> float:
        return TOP - len(self.caption) * CAPTION_LINE - GAP

    @property
    def bottom(self) -> float:
        """The lowest y the key takes: the text below starts under it."""
        rows = max(len(self.columns[0]), len(self.columns[1]))
        return self.names_top - rows * NAME_LINE if rows else TOP - len(self.caption) * CAPTION_LINE


def key(name: str, wijk_name: str, code: str, focus: list[tuple[str, str]], *, zoomed: bool = False) -> Key:
    """The key of buurt ``code`` (``name``) in its wijk; ``focus`` is (code, name) of the wijk's buurten with a
    shape, in code order, as :func:`buurtdata.outputs.handout_map.labels` numbers them (when :func:`numbered`).
    ``zoomed``: the map shows only the part of the wijk around the buurt (:func:`.handout_map.view`), and says so.

    >>> " ".join(key("Hollum", "Wijk 00", "B4", [("B1", "Nes"), ("B4", "Hollum")], zoomed=True).caption)
    'Gearceerd: 2, Hollum. Lichtgrijs: de rest van Wijk 00. De kaart toont alleen het deel rond deze buurt. Alle buurten van de wijk:'
    """  # noqa: E501 - a doctest is one line
    codes = [other for other, _ in focus]
    listed = numbered(len(focus))
    if code not in codes:
        # A code CBS renumbered, or a buurt the boundaries lack: the map shows the rest of its wijk, nothing hatched.
        others = "de andere buurten" if listed else f"de {count_nl(len(focus))} andere buurten"
        others = "de andere buurt" if len(focus) == 1 else others
        caption = f"{name} staat niet op de kaart: er is geen vorm van deze buurt. Lichtgrijs: {others} van {wijk_name}"
        caption += ":" if listed else "."
    elif len(focus) == 1:
        caption = f"Gearceerd: {name}, de enige buurt van {wijk_name}."
        listed = False
    elif not listed:
        caption = f"Gearceerd: {name}, een van de {count_nl(len(focus))} buurten van {wijk_name}."
        caption += f" {ZOOMED}." if zoomed else ""
    elif zoomed:
        # The key names every buurt of the wijk; the map shows some of them (sweep 14 F1: Hollum on Ameland).
        caption = f"Gearceerd: {codes.index(code) + 1}, {name}. Lichtgrijs: de rest van {wijk_name}. {ZOOMED}."
        caption += " Alle buurten van de wijk:"
    else:
        # The whole caption: a sentence cut off halfway ("Lichtgrijs: de rest van") is read aloud as it stands.
        caption = f"Gearceerd: {codes.index(code) + 1}, {name}. Lichtgrijs: de rest van {wijk_name}:"
    if not listed:
        return Key(textwrap.wrap(caption, CAPTION_WIDTH), ([], []))
    names = [f"{n} {short}" for n, short in enumerate(distinct_names([n for _, n in focus]), start=1)]
    half = -(-len(names) // 2)
    return Key(textwrap.wrap(caption, CAPTION_WIDTH), (names[:half], names[half:]))


def numbered(count: int) -> bool:
    """Whether a map of ``count`` buurten numbers them and its key names them: at most :data:`MAX_NAMED`."""
    return count <= MAX_NAMED


def distinct_names(names: list[str], width: float = COLUMN) -> list[str]:
    """Each name short enough for a column of the key (``width`` points of 6.5 pt with its number), the names
    still told apart: no shortened name could be another's.

    A long name keeps what tells it from the others (the end of "Spaarndammerbuurt-Noordwest" beside
    "-Noordoost"); a name that starts like no other keeps its start; names alike at both ends keep the part
    where they differ, with … on either side. Names are cut at words (a word is read, a stub is not).

    >>> distinct_names(["Spaarndammerbuurt-Noordwest", "Spaarndammerbuurt-Noordoost", "Zeeheldenbuurt"])
    ['…Noordwest', '…Noordoost', 'Zeeheldenbuurt']
    >>> distinct_names(["Verspreide huizen Staverden", "Verspreide huizen De Beek", "Speuld"])
    ['Verspreide…Staverden', 'Verspreide…De Beek', 'Speuld']
    >>> distinct_names(["Lucas/Andreasziekenhuis e.o.", "Bosleeuw"])
    ['Lucas/Andreasziekenhui…', 'Bosleeuw']
    >>> distinct_names(["Buurtnaam 7 aan de lange weg", "Buurtnaam 17 aan de lange weg"])
    ['Buurtnaam 7…lange weg', 'Buurtnaam 17…lange weg']

    A space CBS left out between two words that another name of the list writes apart is put back, so the two
    read and shorten alike (sweep13 #7, Amsterdam's KWB 2024):

    >>> distinct_names(["BurgemeesterTellegenbuurt-West", "Burgemeester Tellegenbuurt-Oost"])
    ['Burgemeester…West', 'Burgemeester…Oost']
    """
    names = _spaced(names)
    room = width - text_width(f"{len(names)} ")
    short = [_fitted(name, [other for other in names if other != name], room, _short) for name in names]
    short = _same_heads(names, short)
    if _told_apart(short, names):
        return short
    return [_fitted(name, [other for other in names if other != name], room, _around) for name in names]


#: Where a space between two capitalised words may be missing: a small letter glued to a capital.
_GLUED = re.compile(r"(?<=[a-zß-ÿ])(?=[A-ZÀ-Þ])")


def _spaced(names: list[str]) -> list[str]:
    """``names`` with a space put back where CBS glued two capitalised words that another of ``names`` writes
    apart ("BurgemeesterTellegenbuurt-West" beside "Burgemeester Tellegenbuurt-Oost"); other names as they are."""
    spaced = []
    for name in names:
        for glued in reversed(list(_GLUED.finditer(name))):
            at = glued.start()
            words = name[name.rfind(" ", 0, at) + 1 : at] + " " + re.split(r"[\s\-/]", name[at:], maxsplit=1)[0]
            if any(words in other for other in names if other != name):
                name = name[:at] + " " + name[at:]
        spaced.append(name)
    return spaced


def _told_apart(short: list[str], names: list[str]) -> bool:
    """Whether each shortened name could be its own name only (a "Bedrijventer…" could be any of two)."""
    distinct = set(names)
    return all(sum(_could_be(text, other) for other in distinct) == 1 for text in short)


def _could_be(text: str, name: str) -> bool:
    """Whether ``name`` could be shortened to ``text``: its parts between … in order, the first its start and
    the last its end."""
    parts = text.split("…")
    if len(parts) == 1:
        return text == name
    if not (name.startswith(parts[0]) and name.endswith(parts[-1])):
        return False
    position = len(parts[0])
    for part in parts[1:-1]:
        position = name.find(part, position)
        if position < 0:
            return False
        position += len(part)
    return position <= len(name) - len(parts[-1])


def text_width(text: str, size: float = NAME_SIZE) -> float:
    """The width of ``text`` in points, in DejaVu Sans of ``size`` points (the sum of its characters)."""
    return sum(_char_width(char) for char in text) * size / 10


@functools.cache
def _char_width(char: str) -> float:
    # Measured once per character and process: measuring a whole text takes a millisecond or two.
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    return TextToPath().get_text_width_height_descent(char, FontProperties(size=10), ismath=False)[0]


def _fitted(name: str, others: list[str], room: float, shorten: Callable[[str, list[str], int], str]) -> str:
    """``name`` shortened by ``shorten`` to the most characters that fit in ``room`` points."""
    chars = len(name)
    text = name
    while text_width(text) > room and chars > 4:
        chars -= 1
        text = shorten(name, others, chars)
    return text


def _same_heads(names: list[str], short: list[str]) -> list[str]:
    """Names shortened to their distinctive end keep the same start as the others of their kind (each
    "Spaarndam…" alike, whatever its end), so the key reads as one list; a shorter start still fits."""
    starts = [_start(name, text) for name, text in zip(names, short, strict=True)]
    # A name with a long end keeps its own short start; it does not shorten the others' starts.
    heads: dict[str, int] = {}
    for start, text in zip(starts, short, strict=True):
        head = len(text.partition("…")[0])
        if start is not None and head >= MIN_HEAD:
            heads[start] = min(head, heads.get(start, head))
    return [
        start[: heads[start]].rstrip() + "…" + text.partition("…")[2]
        if start in heads and len(text.partition("…")[0]) >= MIN_HEAD
        else text
        for start, text in zip(starts, short, strict=True)
    ]


def _start(name: str, text: str) -> str | None:
    """The part of ``name`` its shortened ``text`` gives way in, when ``text`` kept its end."""
    _, mark, end = text.partition("…")
    return name[: len(name) - len(end)] if mark and end and name.endswith(end) else None


#: Small words a name shortened at its end does not stop on ("Landgoed 't Hof te…" -> "Landgoed 't Hof…"); a short
#: word of the name itself ("Hof") stays.
_DANGLING = frozenset("de het 't van der den te ter ten en op aan in bij".split())


def _short(name: str, others: list[str], width: int) -> str:
    """``name`` in at most ``width`` characters, cut at words: its distinctive end kept when it shares its start
    with another ("Verspreide…Zuiderzeeland", or "…Zuiderzeeland" where its first word does not fit), else its
    own last word, which tells the buurt, after what fits of its start ("Filips…Almondekwartier"), or where its
    end tells little, its start ("Handelspark Noord…"); a first word is cut in only where no whole word fits or a
    short end would be left alone ("Spaarndamm…Midden").

    >>> _short("Verspreide huizen Zuiderzeeland", ["Verspreide huizen Telgt"], 26)
    'Verspreide…Zuiderzeeland'
    """
    if len(name) <= width:
        return name
    shared = max((len(_common_start(name, other)) for other in others), default=0)
    # The distinctive end starts at a word, after the last space, hyphen or slash of the start it shares.
    cut = max(name.rfind(mark, 0, shared + 1) for mark in " -/") + 1 if shared else 0
    if not cut:
        # As the wall maps' keys shorten ("Handelspark Noord…", no "Handelspark De Weteri…"), unless that drops
        # the name's own last word: "Filips…" or "Bedrijventerrein…" says no buurt, "…Almondekwartier" does.
        return _ending(name, width) or (_head(name, width - 1) or name[: width - 1].rstrip()) + "…"
    end = name[cut:]
    if len(end) + 4 > width:
        return _middle(name, width)
    head = _head(name, width - 1 - len(end))
    # A short end alone ("…Midden") tells too little: then the start is cut in its word, as it must.
    return (head if head or len(end) >= MIN_HEAD else name[: width - 1 - len(end)].rstrip()) + "…" + end


def _ending(name: str, width: int) -> str:
    """``name`` in at most ``width`` characters keeping its last word, which tells the buurt ("Filips van
    Almondekwartier", "Bedrijventerrein Van Houten"), with as many of its first words as fit before the …; empty
    when the last word tells little ("e.o.", "rivier") or too little of the name is left around it.

    >>> _ending("Filips van Almondekwartier", 22), _ending("Bedrijventerrein Van Houten", 20)
    ('Filips…Almondekwartier', '…Van Houten')
    >>> _ending("Woon- en Groengebied Sloterdijk", 24), _ending("Ermelo e.o.", 8)
    ('…Groengebied Sloterdijk', '')
    >>> _ending("Bedrijventerrein-Noord Weesp", 20), _ending("Staatsliedenbuurt-Noordoost", 20)
    ('…Noord Weesp', '…Noordoost')
    """
    words = name.split()
    last = words[-1]
    if len(words) < 2:
        # One word: its part after the last hyphen ("…Noordoost", not "Staatsliedenbuurt-Noord…", a cut word).
        part = name[name.rfind("-") + 1 :]
        return "…" + part if "-" in name and _telling(part) and MIN_HEAD <= len(part) < width else ""
    if not _telling(last):
        return ""
    if len(words) > 2 and words[-2][:1].isupper() and words[-2].lower() in _DANGLING:
        last = f"{words[-2]} {last}"  # "Van Houten", "De Weteringen": the small word is part of the name
    start = " ".join(word for word in _head(name[: -len(last)].rstrip(), width - 1 - len(last)).split())
    start = start if start.split() and not start.endswith("-") else ""
    if start:
        return f"{start}…{last}"
    words = _tail(name, width - 1).split()
    while words and (words[0] in _DANGLING or words[0].endswith("-")):
        words.pop(0)
    tail = " ".join(words)
    if len(tail) < MIN_HEAD:
        # The last part of a word joined by hyphens ("Bedrijventerrein-Noord Weesp": "…Noord Weesp").
        hyphen = name.rfind("-", 0, len(name) - len(tail))
        tail = name[hyphen + 1 :] if hyphen > 0 and len(name) - hyphen - 1 <= width - 1 else tail
    return "…" + tail if len(tail) >= MIN_HEAD else ""


def _telling(word: str) -> bool:
    """Whether a name's last word tells the buurt: a name of its own (a capital and four letters or more)."""
    return word[:1].isupper() and sum(char.isalpha() for char in word) >= 4


def _head(name: str, chars: int) -> str:
    """The start of ``name`` in at most ``chars`` characters, ending at a word and without a dangling "De" or "van"
    before the … that follows it; empty when its first word does not fit.

    >>> _head("Verspreide huizen Zuiderzeeland", 13), _head("Landgoed 't Hof te Boekelo", 18), _head("Horst", 3)
    ('Verspreide', "Landgoed 't Hof", '')
    """
    head = name[:chars]
    if chars < len(name) and name[chars] != " ":
        head = head[: head.rfind(" ") + 1]
    words = head.split()
    while words and words[-1].lower() in _DANGLING:
        words.pop()
    return " ".join(words)


def _tail(name: str, chars: int) -> str:
    """The end of ``name`` in at most ``chars`` characters, starting at a word; empty when its last word does not
    fit."""
    if chars <= 0:
        return ""
    tail = name[-chars:]
    if chars < len(name) and name[-chars - 1] != " ":
        tail = tail[tail.find(" ") + 1 :] if " " in tail else ""
    return tail.strip()


def _common_start(one: str, other: str) -> str:
    length = 0
    for a, b in zip(one, other, strict=False):
        if a != b:
            break
        length += 1
    return one[:length]


def _around(name: str, others: list[str], width: int) -> str:
    """``name`` in at most ``width`` characters around the words where it differs from the others most like it,
    with as much of its start and end as fit beside them ("Landelijk…Noord-Oost…huizen)")."""
    if len(name) <= width:
        return name
    start, end = _differing_words(name, others)
    rest = len(name) - end
    left = width - (end - start)
    if left < (start > 0) + (rest > 0):
        # Too long a difference: its start, which tells it from the most alike name, at a word where one fits.
        part = name[start:]
        said = _head(part, width - 1 - (start > 0)) or part[: width - 1 - (start > 0)].strip()
        return ("…" if start else "") + said + "…"
    # The whole start when it fits, else its first words (or half of what is left); the end takes the rest, its
    # last words when they fit. A stub of two or three letters reads as nothing: an … instead.
    head = start if start + (rest > 0) <= left else _words(name[:start], left - 1 - (rest > 0))
    room = left - head - (head < start)
    if rest <= room:
        return (name[:head] if head == start else name[:head].rstrip() + "…") + name[start:]
    tail = _words(name[end:][::-1], room - 1)
    return (
        (name[:head] if head == start else name[:head].rstrip() + "…")
        + name[start:end]
        + "…"
        + name[len(name) - tail :].lstrip()
    )


def _words(text: str, room: int) -> int:
    """How many characters of the start of ``text`` to keep in ``room``: whole words, else none (an … says the
    rest; a stub of a word reads as nothing)."""
    space = text.rfind(" ", 0, room + 1)
    return space if space >= 3 else 0


def _differing_words(name: str, others: list[str]) -> tuple[int, int]:
    """The words of ``name`` that tell it from every other: a part that reaches past its start in common with
    any other, and past its end in common with any other (from the space before a "7" beside "17" to the
    space after it: "Buurtnaam 7 …" is no "Buurtnaam 17 …")."""
    shared_start = max((len(_common_start(name, other)) for other in others), default=0)
    differs_until = len(name) - max((len(_common_start(name[::-1], other[::-1])) for other in others), default=0)
    low = max(min(shared_start, differs_until - 1), 0)
    high = min(max(differs_until, shared_start + 1), len(name))
    if name[low] != " ":
        low = max(name.rfind(mark, 0, low) for mark in " -/") + 1
    if name[high - 1] != " ":
        space = name.find(" ", high)
        high = len(name) if space < 0 else space
    return low, high


def _middle(name: str, width: int) -> str:
    """``name`` in ``width`` characters: its first and last words around a "…"; halves of it where no word fits."""
    half = (width - 1) // 2
    head = _head(name, half)
    tail = _tail(name, width - 1 - len(head))
    if not tail:
        tail = _tail(name, width - 1 - half)
        head = _head(name, width - 1 - len(tail)) if tail else name[:half].rstrip()
    if not tail:
        # One long word at either end: cut in it, nothing else says the name.
        tail = name[len(name) - (width - 1 - len(head)) :].lstrip()
    return head + "…" + tail
