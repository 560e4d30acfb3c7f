"""CBS region codes: gemeente (GM), wijk (WK) and buurt (BU).

CBS writes ``GM0164``, ``WK016401`` and ``BU01640101``, pads them with
spaces in its OData tables (``'GM0164    '``) and, since 2022, Amsterdam
uses letters in its wijk and buurt parts (``BU0363AF01``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from buurtdata._errors import CodeError

if TYPE_CHECKING:
    import pandas as pd

Level = Literal["land", "gemeente", "wijk", "buurt"]

#: Level name for each code prefix.
LEVELS: dict[str, Level] = {"NL": "land", "GM": "gemeente", "WK": "wijk", "BU": "buurt"}
PREFIXES: dict[Level, str] = {level: prefix for prefix, level in LEVELS.items()}

#: Full pattern of a code per level; validation and the SQL macros (``pipeline._sql``) read them from here.
PATTERNS: dict[Level, re.Pattern[str]] = {
    "land": re.compile(r"NL\d{2}"),
    "gemeente": re.compile(r"GM\d{4}"),
    "wijk": re.compile(r"WK\d{4}[0-9A-Z]{2}"),
    "buurt": re.compile(r"BU\d{4}[0-9A-Z]{4}"),
}
#: How many characters after the prefix a buurt or wijk code shares with its parent gemeente or wijk.
PARENT_LENGTH: dict[Level, int] = {"gemeente": 4, "wijk": 6}
_DIGITS_FOR_LEVEL: dict[int, Level] = {4: "gemeente", 6: "wijk", 8: "buurt"}


def is_national(text: object) -> bool:
    """Whether ``text`` means the whole country where a gemeente is asked for: "NL" (a project's spelling) or
    "NL00" (CBS's code of Nederland), in any case.

    >>> is_national(" nl"), is_national("NL00"), is_national("GM0164")
    (True, True, False)
    """
    return str(text).strip().upper() in ("NL", "NL00")


_EXPECTED = (
    "GM + 4 digits (GM0164), WK + 6 (WK016401) or BU + 8 (BU01640101); "
    "Amsterdam uses letters after the gemeente part (BU0363AF01)"
)


def normalize(code: object, *, level: Level | None = None) -> str:
    """Return a region code in CBS's canonical form.

    Strips padding, upper-cases, and adds the prefix to a code given
    without one when ``level`` says which it is (or, for digits only,
    when the length does).

    Parameters
    ----------
    code
        A code as found in a file, e.g. ``'GM0164    '``, ``'bu01640101'``, ``'01640101'``.
    level
        The level the code must have; ``None`` accepts any level.

    Raises
    ------
    CodeError
        When the code has no valid form, naming the expected pattern.

    Examples
    --------
    >>> normalize("GM0164    ")
    'GM0164'
    >>> normalize("01640101")
    'BU01640101'
    >>> normalize("0363AF01", level="buurt")
    'BU0363AF01'
    """
    text = str(code).strip().upper().replace(" ", "") if code is not None else ""
    if text[:2] not in LEVELS:
        if level is not None:
            text = PREFIXES[level] + text
        elif text.isdigit() and len(text) in _DIGITS_FOR_LEVEL:
            text = PREFIXES[_DIGITS_FOR_LEVEL[len(text)]] + text
    found = LEVELS.get(text[:2])
    if found is None or not PATTERNS[found].fullmatch(text):
        msg = f"{code!r} is not a CBS region code; expected {_EXPECTED}."
        raise CodeError(msg)
    if level is not None and found != level:
        msg = f"{code!r} is a {found} code, but a {level} code was expected ({PREFIXES[level]}...)."
        raise CodeError(msg)
    return text


def gemeenten(asked: object) -> list[str] | None:
    """The gemeente codes a user asked for (one, or a list; ``None``: all), normalised, each once.

    A name is refused naming the code to pass instead, and how to find it: the readers take codes.

    >>> gemeenten("0164"), gemeenten(["GM0402", "gm0363", "GM0402"]), gemeenten(None)
    (['GM0164'], ['GM0402', 'GM0363'], None)
    """
    if asked is None:
        return None
    listed = [asked] if isinstance(asked, str) else list(asked)  # type: ignore[call-overload]
    if not listed:
        raise CodeError("gemeente=[] names no gemeente; pass a code such as 'GM0164' (or several), or leave it out.")
    found = []
    for code in listed:
        try:
            found.append(normalize(code, level="gemeente"))
        except CodeError as error:
            if not any(c.isalpha() for c in str(code).upper().removeprefix("GM")):
                raise
            # User test L: gemeente="Hilversum" was told only what a code looks like.
            msg = (
                f"{code!r} is not a gemeente code; pass CBS's code (such as GM0164 for Hengelo (O.)): find it with "
                "kerncijfers(<year>, level='gemeente')[['code', 'name']], or in CBS's list "
                "https://www.cbs.nl/nl-nl/onze-diensten/methoden/classificaties/overig/gemeentelijke-indelingen-per-jaar."
            )
            raise CodeError(msg) from error
    return list(dict.fromkeys(found))


def is_valid(code: object, *, level: Level | None = None) -> bool:
    """Tell whether ``code`` normalises to a valid code (of ``level``)."""
    try:
        normalize(code, level=level)
    except CodeError:
        return False
    return True


def level_of(code: str) -> Level:
    """Return the level of a normalised code.

    >>> level_of("WK016401")
    'wijk'
    """
    return LEVELS[normalize(code)[:2]]


def gemeente_of(code: str) -> str:
    """Return the gemeente code a wijk or buurt code belongs to.

    >>> gemeente_of("BU01640101")
    'GM0164'
    """
    text = normalize(code)
    return PREFIXES["gemeente"] + text[2 : 2 + PARENT_LENGTH["gemeente"]]


def parents(normalised: pd.Series, level: Level) -> pd.Series:
    """Return the ``level`` ("gemeente" or "wijk") code of each of a Series of normalised codes, at once:
    :func:`gemeente_of` and :func:`wijk_of` without normalising again (13,594 buurten a national build).

    >>> import pandas as pd
    >>> parents(pd.Series(["BU0363AF01", "WK016401", None], dtype="string"), "gemeente").tolist()
    ['GM0363', 'GM0164', <NA>]
    """
    return PREFIXES[level] + normalised.str.slice(2, 2 + PARENT_LENGTH[level])


def wijk_of(code: str) -> str:
    """Return the wijk code a buurt code belongs to.

    >>> wijk_of("BU0363AF01")
    'WK0363AF'
    """
    text = normalize(code, level="buurt")
    return PREFIXES["wijk"] + text[2 : 2 + PARENT_LENGTH["wijk"]]


def nearest(text: str, known: dict[str, str | None], limit: int = 1) -> list[str]:
    """Return up to ``limit`` known regions nearest to ``text``, each as ``"GM0150 Deventer"``, nearest first.

    ``known`` maps codes to names. A code is compared with the codes, by how many characters differ and then by
    how far apart the numbers are, so a typo in one digit finds its gemeente rather than one whose short name
    happens to look like the code; anything else (a name) is compared with the codes and names together.

    >>> known = {"GM0114": "Emmen", "GM0150": "Deventer", "GM0153": "Enschede", "GM1959": "Altena"}
    >>> nearest("GM0151", known), nearest("gm 0510", known), nearest("Deventr", known)
    (['GM0150 Deventer'], ['GM0150 Deventer'], ['GM0150 Deventer'])
    """
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    if not known:
        return []
    shown = {code: f"{code} {name or ''}".strip() for code, name in known.items()}
    code = re.sub(r"\s+", "", text).upper()
    if re.fullmatch(r"[A-Z]{2}\d+[0-9A-Z]*", code):

        def distance(candidate: str) -> tuple[int, int]:
            digits = re.sub(r"\D", "", candidate) or "0"
            return Levenshtein.distance(code, candidate), abs(int(digits) - int(re.sub(r"\D", "", code)))

        return [shown[c] for c in sorted(known, key=distance)[:limit]]
    return [choice for choice, _, _ in process.extract(text, shown, limit=limit)]
