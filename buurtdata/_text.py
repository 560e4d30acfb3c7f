"""Small text helpers shared by the output modules (charts, handouts, the demo); no heavy imports."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from buurtdata._errors import SHOWN


def source_line(
    *,
    table: str,
    year: int,
    interviews: str | Sequence[str] | None = None,
    earlier: Iterable[tuple[int, str]] = (),
    boundaries: int | None = None,
) -> str:
    """Return the source line every chart and handout carries; ``earlier`` (year, table) pairs name the tables of
    other years a page shows figures of too; ``boundaries``, the year of the buurt polygons drawn, is said when it
    is not the figures' (a map of 2019 beside figures of 2024; user test). ``interviews``: the label of the round
    the page shows, or of each round it shows (oldest first; sweep13 #20: a plan of three rounds named one).

    >>> source_line(table="85984NED", year=2024, interviews="Fictieve interviews")
    'Bron: CBS, Kerncijfers wijken en buurten 2024 (85984NED); interviews: Fictieve interviews'
    >>> source_line(table="85984NED", year=2024, earlier=[(2020, "84799NED"), (2024, "85984NED")], boundaries=2019)
    'Bron: CBS, Kerncijfers wijken en buurten 2020 (84799NED) en 2024 (85984NED); buurtgrenzen van 2019'
    >>> source_line(table="85984NED", year=2024, interviews=["Ronde 1", "Ronde 2", "Ronde 1"]).split("; ")[-1]
    'interviews: Ronde 1 en Ronde 2'
    """
    tables = sorted({(year, table), *earlier})
    named = [f"{y} ({t})" for y, t in tables]
    line = f"Bron: CBS, Kerncijfers wijken en buurten {and_nl(named)}"
    if boundaries is not None and boundaries != year:
        line += f"; buurtgrenzen van {boundaries}"
    said = [interviews] if isinstance(interviews, str) else list(dict.fromkeys(interviews or ()))
    return f"{line}; interviews: {and_nl(said)}" if said and said[0] else line


#: The months as written in Dutch, January first (a date in a handout, a date of birth scrubbed, a meeting's month).
MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november",
    "december",
)  # fmt: skip
#: Their short forms, as a date may write them (3 mrt. 1948, 5 sept): read by the scrubbing of a date of birth and
#: of a household's house number (``sept`` before ``sep``, the longer first).
SHORT_MONTHS = ("jan", "feb", "mrt", "apr", "jun", "jul", "aug", "sept", "sep", "okt", "nov", "dec")


#: CBS's units as a wijkwerker says them beside a figure: "241 duizend euro", not "241 x 1 000 euro"; a count's unit
#: ("aantal") says nothing its title does not. The questions say them likewise (pipelines/seeds/vragen.csv).
SAID_UNITS = {
    "x 1 000 euro": "duizend euro",
    "x 1 000": "duizend",
    "aantal inwoners per km²": "inwoners per km²",
    "per 1 000 inwoners": "per 1.000 inwoners",
    "ha": "hectare",
    "aantal": "",
}


def said_unit(unit: str | None) -> str:
    """Return CBS's ``unit`` as it is said beside a figure.

    >>> said_unit("x 1 000 euro"), said_unit("aantal"), said_unit("%")
    ('duizend euro', '', '%')
    """
    return SAID_UNITS.get(unit, unit) if isinstance(unit, str) else ""


def titled(title: str, unit: str | None) -> str:
    """Return a figure's ``title`` with its unit as it is said, where the unit says something.

    "Aantal inwoners", not "Aantal inwoners (aantal)": a count's unit is in its title already.

    >>> titled("Gemiddelde WOZ-waarde van woningen", "x 1 000 euro"), titled("Aantal inwoners", "aantal")
    ('Gemiddelde WOZ-waarde van woningen (duizend euro)', 'Aantal inwoners')
    """
    said = said_unit(unit)
    return f"{title} ({said})" if said else title


#: A space after a number that a line may not break at: before a unit or word ("15 jaar", "20 %"), inside a
#: thousands group ("1 000"), after a euro sign ("€ 241").
_BOUND_AFTER_NUMBER = re.compile(r"(?<=\d)[ \t]+(?=[a-zà-ÿ%€²³]|\d{3}(?!\d))|(?<=€)[ \t]+(?=\d)")
#: A year standing alone before a word ("in 2024 werden"): the word is the sentence going on, not a unit of the
#: year, so the line may break there. Counts are written with a thousands dot ("2.024"), so a bare 1900-2099 is a
#: year. The words of a range stay bound to it ("2020 tot 2024").
_YEAR_BEFORE_WORD = re.compile(r"(?<![\d.,])(?:19|20)\d\d[ \t]+(?!(?:tot|t/m|à)[ \t]+\d)(?=[a-zà-ÿ])")
#: The word of a range between two numbers: "15 tot 25", "15 t/m 25", "10 à 20".
_BOUND_RANGE = re.compile(r"(\d)\u00a0(tot|t/m|à)[ \t]+(?=\d)")


def bound(text: str) -> str:
    """``text`` with a no-break space after each number and inside a range, so no printed line ends between a
    number and its unit or the rest of its range. A line break written in ``text`` stays.

    >>> bound("Aandeel inwoners 15 tot 25 jaar")
    'Aandeel inwoners 15\\xa0tot\\xa025\\xa0jaar'
    >>> bound("€ 241, 15  jaar, 15 t/m 25 jaar, per 1 000 inwoners")
    '€\\xa0241, 15\\xa0jaar, 15\\xa0t/m\\xa025\\xa0jaar, per 1\\xa0000\\xa0inwoners'

    A year does not take the next word with it; a range of years stays whole:

    >>> bound("In 2024 werden 15 jaar oude woningen gesloopt, van 2020 tot 2024 is 12 % gebouwd")
    'In 2024 werden 15\\xa0jaar oude woningen gesloopt, van 2020\\xa0tot\\xa02024 is 12\\xa0% gebouwd'
    """
    return _BOUND_RANGE.sub("\\1\u00a0\\2\u00a0", _BOUND_AFTER_NUMBER.sub(_no_break, text))


def _no_break(space: re.Match[str]) -> str:
    """A no-break space for ``space`` after a number, unless the number is a year before a word."""
    year = space.start() >= 4 and _YEAR_BEFORE_WORD.match(space.string, space.start() - 4)
    return space.group() if year else "\u00a0"


def slug(text: str) -> str:
    """Return ``text`` as a file-name part: ASCII, lower case, words joined by ``_``.

    >>> slug("Thema 'Eenzaamheid' – Berflo Es")
    'thema_eenzaamheid_berflo_es'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")


_NOT_REAL = "geen echte personen"
_FICTIONAL = "VOORBEELD: {what} zijn FICTIEF (" + _NOT_REAL + "){also}; {real} echt (CBS)."
#: The one sentence that says the interviews are made up, where people look: on each handout page, the handouts'
#: index and the notebooks.
FICTIONAL = _FICTIONAL.format(what="de interviews", also="", real="de cijfers zijn")
#: The same on a buurttoekomstplan, which is mostly the agreements of the conversations: made up with the interviews.
FICTIONAL_PLAN = _FICTIONAL.format(what="de interviews en afspraken", also="", real="de cijfers zijn")
#: The same on a wall map, whose numbers are all counts of the made-up interviews: only its borders and names are CBS's.
FICTIONAL_MAP = _FICTIONAL.format(
    what="de interviews", also=", en dus ook de aantallen op deze kaart", real="de buurtgrenzen en namen zijn"
)


def told(notice: str, project: Any) -> str:
    """``notice`` (:data:`FICTIONAL` or one of its forms) as ``project`` says it: "VOORBEELD: ..." on buurtdata's own
    sample, which is an example; without that word on a project of the user's own whose interviews are made up (a
    training, a test run: user tests J and K), where it is no example of anything.

    >>> from types import SimpleNamespace
    >>> told(FICTIONAL, SimpleNamespace(sample=False))
    'De interviews zijn FICTIEF (geen echte personen); de cijfers zijn echt (CBS).'
    """
    if getattr(project, "sample", True):
        return notice
    rest = notice.removeprefix("VOORBEELD: ")
    return rest[:1].upper() + rest[1:]


def told_if_fictional(notice: str, project: Any) -> str | None:
    """:func:`told` when ``project``'s interviews are made up, else ``None`` (nothing to say): what a page, map or
    sheet passes on as its ``fictional`` notice.

    >>> from types import SimpleNamespace
    >>> told_if_fictional(FICTIONAL, SimpleNamespace(fictional=False)) is None
    True
    """
    return told(notice, project) if project.fictional else None


def fictional_rounds(what: str, rounds: list[str], *, short: bool = False) -> str:
    """The notice of a project whose ``rounds`` (periods) are made up beside real ones: which are, said by name;
    ``short``: without what is real, in one line of a handout's notice.

    >>> fictional_rounds("de interviews en afspraken", ["najaar 2024"])
    'De interviews en afspraken van de ronde van najaar 2024 zijn FICTIEF (geen echte personen); die van de andere rondes zijn echt, net als de cijfers (CBS).'
    >>> fictional_rounds("de interviews", ["najaar 2023", "voorjaar 2024"])[:68]
    'De interviews van de rondes van najaar 2023 en voorjaar 2024 zijn FI'
    >>> fictional_rounds("de interviews en afspraken", ["najaar 2024"], short=True)
    'De interviews en afspraken van najaar 2024 zijn FICTIEF (geen echte personen).'
    """  # noqa: E501 - a notice is one line
    which = f"de ronde van {rounds[0]}" if len(rounds) == 1 else f"de rondes van {and_nl(rounds)}"
    if short:
        return f"{what[:1].upper()}{what[1:]} van {and_nl(rounds)} zijn FICTIEF ({_NOT_REAL})."
    return (
        f"{what[:1].upper()}{what[1:]} van {which} zijn FICTIEF ({_NOT_REAL}); die van de andere rondes zijn echt, "
        "net als de cijfers (CBS)."
    )


def told_of_rounds(notice: str, what: str, project: Any) -> str | None:
    """:func:`told_if_fictional`, but naming the made-up rounds of a project that has real ones beside them
    (``what`` they made up: "de interviews", "de interviews en afspraken"): there "De interviews zijn FICTIEF"
    would say it of the real rounds too, and nothing at all would leave the made-up one unmarked (sweep 13 #13).

    >>> from types import SimpleNamespace
    >>> told_of_rounds(FICTIONAL, "de interviews", SimpleNamespace(fictional=False, fictional_rounds=[])) is None
    True
    """
    rounds = getattr(project, "fictional_rounds", [])
    return fictional_rounds(what, rounds) if rounds else told_if_fictional(notice, project)


def fictional_label(label: str) -> str:
    """The short form of :data:`FICTIONAL`: the label of a fictional set of interviews, as every source line shows it.

    >>> fictional_label("Interviews Hengelo")
    'Interviews Hengelo (fictief, geen echte personen)'

    A label that ends in brackets of its own gets no second pair (sweep13 #20: "(nieuwe organisatie) (fictief, ...)"):

    >>> fictional_label("Buurtgesprekken voorjaar 2026 (nieuwe organisatie)")
    'Buurtgesprekken voorjaar 2026 (nieuwe organisatie), fictief: geen echte personen'
    """
    if label.rstrip().endswith(")"):
        return f"{label.rstrip()}, fictief: {_NOT_REAL}"
    return f"{label} (fictief, {_NOT_REAL})"


#: How a figure without a value is written, by its CBS status: on handouts, in regio.html and in the notebooks.
STATUS_TEXT = {"geheim": "geheim", "ontbreekt": "geen cijfer", "te_klein": "te klein", "niet_van_toepassing": "n.v.t."}


def dutch_number(value: float, places: int) -> str:
    """A number with ``places`` decimals as Dutch readers write it: a comma before the decimals, a dot between
    thousands.

    >>> dutch_number(83058, 0), dutch_number(20.86, 1), dutch_number(1234.5, 1)
    ('83.058', '20,9', '1.234,5')
    """
    return f"{value:,.{places}f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def count_nl(number: int) -> str:
    """A count as Dutch readers write it.

    >>> count_nl(58639)
    '58.639'
    """
    return f"{number:,}".replace(",", ".")


def counted(number: int, one: str, many: str) -> str:
    """A count with its noun in agreement, as said aloud.

    >>> counted(1, "vraag", "vragen"), counted(1250, "buurt", "buurten"), counted(0, "vraag", "vragen")
    ('1 vraag', '1.250 buurten', '0 vragen')
    """
    return f"{count_nl(number)} {one if number == 1 else many}"


#: Each role of the interviews (buurtdata.sources.interviews.ROLES) as a count says it: "3 bewoners", not "bewoner 3".
ROLE_SAID = {
    "bewoner": ("bewoner", "bewoners"),
    "professional": ("professional", "professionals"),
    "ondernemer": ("ondernemer", "ondernemers"),
    "onbekend": ("met onbekende rol", "met onbekende rol"),
}


def role_count(role: str, number: int) -> str:
    """How many people of a role, said aloud: "bewoner 3" sounds like a pseudonym ("bewoner drie").

    >>> role_count("bewoner", 3), role_count("ondernemer", 1), role_count("onbekend", 4)
    ('3 bewoners', '1 ondernemer', '4 met onbekende rol')
    """
    one, many = ROLE_SAID.get(role, (role, role))
    return counted(number, one, many)


def name_or_code(name: object, code: str) -> str:
    """A region's name, or its code when it has none (no name, a missing value or an empty one).

    >>> name_or_code("Klein Driene", "BU01640000"), name_or_code(float("nan"), "BU01"), name_or_code(" ", "WK0001")
    ('Klein Driene', 'BU01', 'WK0001')
    """
    return name if named(name) else code


def named(name: object) -> bool:
    """Whether ``name`` is a name: a file without region names gives None, NaN or an empty text.

    >>> named("Klein Driene"), named(None), named(float("nan")), named(" ")
    (True, False, False, False)
    """
    return isinstance(name, str) and bool(name.strip())


def code_and_name(code: str, name: object) -> str:
    """A region as every message names it: its code and its name, or its code alone when it has no name of its
    own (none, or its code: :mod:`buurtdata.pipeline.names` calls a region without a name by its code).

    >>> code_and_name("GM0014", "Groningen"), code_and_name("GM0014", None), code_and_name("BU01", "BU01")
    ('GM0014 Groningen', 'GM0014', 'BU01')
    """
    return f"{code} {name}" if named(name) and name != code else code


def folder_name(code: str, name: str | None) -> str:
    """Return the folder of one gemeente's outputs in a build of many: ``GM0402_hilversum``.

    >>> folder_name("GM0402", "Hilversum"), folder_name("GM0999", None)
    ('GM0402_hilversum', 'GM0999')
    """
    return f"{code}_{slug(name)}" if name else code


#: Where a page sends its reader for what it has no room for (:func:`elsewhere`).
REPORT, PLAN = "het rapport", "het buurttoekomstplan"


def elsewhere(what: str, where: str, *, more: bool = True) -> str:
    """Say that ``what`` (a count with its noun) is not on this page but in ``where``, as said aloud; ``more``: the
    page shows some of its kind already ("nog").

    >>> elsewhere("3 vragen", "blad 2"), elsewhere("1 afspraak", PLAN, more=False)
    ('nog 3 vragen: zie blad 2', '1 afspraak: zie het buurttoekomstplan')
    """
    return f"{'nog ' if more else ''}{what}: zie {where}"


def lowered(text: str) -> str:
    """``text`` with a lower-case first letter, as it reads inside a sentence (after a colon); a word whose second
    letter is a capital too (an abbreviation: "WOZ-waarde", "CBS") keeps it.

    >>> lowered("Evenveel mensen"), lowered("WOZ-waarde"), lowered("")
    ('evenveel mensen', 'WOZ-waarde', '')
    """
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


#: What a sheet and a plan say of their counts when the privacy threshold is 1: what one person named is shown too
#: (user test V: with ``[privacy] threshold = 1`` nothing published said that one voice is shown).
ONE_COUNTS = "; ook wat één persoon noemde, staat erbij."
#: Said of a buurt where 1 to k-1 people were heard in all (a handout, the toekomstplan): their voices are counted in
#: the wijk's rows (wijk_themes), but said so aloud beside the wijk's themes it pointed the room at this buurt's few
#: people (review aa T3), so it names neither the wijk nor its themes.
THIN_COUNTED = "Wat zij vertelden, nemen we wel mee."
ONE_COUNTS_PLAN = "ook wat één persoon noemde, telt mee; "

#: A season and its year as a round's period is written ('voorjaar 2025'), and a time of a year ('begin 2025').
_SEASON = re.compile(r"(?i)(voorjaar|lente|zomer|najaar|herfst|winter)(?:\s+([’']?\d\d|\d{4}))?")
_TIME_OF_YEAR = re.compile(r"(?i)(?:begin|eind|einde|medio|midden)\s+\S.*")


def when_said(period: str) -> str:
    """A round's ``period`` as said in a sentence, with its preposition and article: "in het voorjaar van 2025", not
    "in voorjaar 2025" (user test T), "in de zomer van 2024"; "begin 2025" as it is; else "in" and the period. The
    macro ``when_said`` of ``pipelines/macros.sql`` says the same in SQL.

    >>> when_said("voorjaar 2025"), when_said("Najaar 2023"), when_said("begin 2025"), when_said("juni 2025")
    ('in het voorjaar van 2025', 'in het najaar van 2023', 'begin 2025', 'in juni 2025')
    >>> when_said("de vorige ronde"), when_said("ronde 2"), when_said("zomer"), when_said("winter '25")
    ('in de vorige ronde', 'in ronde 2', 'in de zomer', "in de winter van '25")
    """
    period = period.strip()
    if season := _SEASON.fullmatch(period):
        year = f" van {season.group(2)}" if season.group(2) else ""
        word = season.group(1).lower()
        return f"in {'het' if word.endswith('jaar') else 'de'} {word}{year}"
    if _TIME_OF_YEAR.fullmatch(period):
        return period[:1].lower() + period[1:]
    return f"in {period}"


def and_nl(items: list[str] | tuple[str, ...]) -> str:
    """A Dutch enumeration.

    >>> and_nl(["A"]), and_nl(["A", "B"]), and_nl(["A", "B", "C"])
    ('A', 'A en B', 'A, B en C')
    """
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} en {items[-1]}"


def few_nl(items: Sequence[str], shown: int = SHOWN) -> str:
    """The first ``shown`` of ``items`` and how many more, in Dutch (:func:`buurtdata._errors.few` in English).

    >>> few_nl(["BU01", "BU02"]), few_nl(list("abcdefg"))
    ('BU01, BU02', 'a, b, c, d, e en nog 2')
    """
    more = f" en nog {count_nl(len(items) - shown)}" if len(items) > shown else ""
    return ", ".join(items[:shown]) + more
