"""Phone numbers and e-mail addresses said aloud, as the transcript of a spoken interview writes them.

A number said aloud is a phone number when the digits it spells are a Dutch phone number: ``0`` and 9 digits, the
first of them not 0 (``0612345678``, ``0534321234``), ``0031`` and 9 digits, or ``+`` (``plus``) ``31`` and 9 digits
(a ``0`` after the 31 may be said too: ``+31 (0)6``). It is spelled by digit words (``nul zes één twee``), tens,
teens and hundreds (``twaalf``, ``vierendertig``, ``nul twintig`` for 020, ``vierhonderdtweeëndertig``, also written
apart: ``vierhonderd tweeëndertig``, ``vier en dertig``) and digit groups (``06``, ``1234``) in any mix, between
spaces, line breaks, commas, hyphens, brackets (``(053) vier drie twee``, the bracket goes with it), full stops with
a space after them, ``…`` and fillers (``eh``, ``ehm``, ``hm``, ``nou``); an ``en`` between its numbers too
(``twaalf en vierendertig``, ``zesenvijftig en achtenzeventig``), unless a comma follows its opening ``nul`` (``nul,
zes, twaalf, ... en achtenzeventig punten`` is a list), and ``dubbel`` before a digit (``dubbel vier``: 44). Only a
run that opens with ``nul``, a ``0``, ``+`` or ``plus`` can be one, as every Dutch number does, so ordinary counts,
ages, times and amounts (``een, twee, drie``, ``vijf, zes jaar geleden``, ``twaalf euro vijftig``) stay whatever
their digits; of a run the first words that spell such a number go (``[telefoon], twee keer``), and a run that
spells none stays: ``nul komma nul``, ``nul, nul``, a count ``nul, een, twee, ..., negen``, a date (``01-02-2024 12
mensen``), scores (``nul-één, nul-twee, nul-drie, nul-vier, nul-vijf``: pairs below 20), 9 or 11 digits.

>>> spelled("nul zes, twaalf, vierendertig"), spelled("plus eenendertig 6"), spelled("nul twintig, één ehm twee")
('061234', '+316', '02012')
>>> is_phone("0612345678"), is_phone("0123456789"), is_phone("061234567"), is_phone("+31612345678")
(True, False, False, True)

A foreign number goes as its written form does: ``nul nul drie twee, vier zeven nul, ...`` (00 and 9 to 15 digits,
see :func:`_foreign_end`), and said with plus when its country code is one many people here call
(:data:`_PLUS_CODE`: ``plus vier negen ...``, ``plus twee twaalf ...``). A mobile number said without its nul (``zes
twaalf vierendertig vijfenzestig achtenzeventig``: 6 and 8 digits) only after a word that says a number follows, which
stays (``bel me op [telefoon]``, ``mijn nummer is``, ``telefoon:``, ``mobiel``; see :data:`SPOKEN_MOBILE`): without
one it is too close to counting.

Not caught (documented in README): a number said without its 0 and without such a word before it, a landline number
without its 0, thousands, and tens written with hyphens (``drie-en-dertig``).

An e-mail address said aloud is read by :data:`~.scrub_parts._PARTS` (``anja apenstaartje gmail punt com``, ``anja
at hotmail punt nl``; with the word at only when it ends in a known domain, as at is Dutch too: ``Zij at soep punt
uit`` stays); :func:`local_start` adds the words before it that its name part was said in: joined by a
spoken ``punt``, ``streepje``, ``underscore`` (``anja punt de vries apenstaartje ...``) or a surname's particle
(``anja de vries at ...``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from buurtdata._text import MONTHS

_UNITS = ("nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen")
_TEENS = ("tien", "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien", "negentien")
_TENS = ("twin", "der", "veer", "vijf", "zes", "zeven", "tach", "negen")
#: Below 100, each number word (accents taken out: één, tweeëntwintig) -> the digits it spells.
_BELOW_100 = (
    {word: str(digit) for digit, word in enumerate(_UNITS)}
    | {word: str(10 + n) for n, word in enumerate(_TEENS)}
    | {f"{stem}tig": f"{n + 2}0" for n, stem in enumerate(_TENS)}
    | {
        f"{unit}en{stem}tig": f"{n + 2}{digit}"
        for (digit, unit), (n, stem) in itertools.product(enumerate(_UNITS), enumerate(_TENS))
        if digit
    }
)
#: Every number word up to 999 (vierhonderdtweeëndertig: 432, honderdtwaalf: 112, tweehonderd: 200).
_WORD_DIGITS = (
    _BELOW_100
    | {
        f"{'' if hundreds == 1 else _UNITS[hundreds]}honderd{join}{rest}": f"{hundreds}{digits:0>2}"
        for hundreds in range(1, 10)
        for rest, digits in [("", "00"), *((word, d) for word, d in _BELOW_100.items() if word != "nul")]
        for join in ("", "en")
        if rest or not join
    }
    | {"eenhonderd": "100"}
)
_ONE = "[eé][eé]n"
_UNIT = rf"(?:nul|{_ONE}|twee|drie|vier|vijf|zes|zeven|acht|negen)"
#: 20 to 99 (twintig, vierendertig, tweeëntwintig, éénentwintig), tried before a unit or teen that opens them.
_TENS_WORD = rf"(?:(?:{_ONE}|twee|drie|vier|vijf|zes|zeven|acht|negen)[eë]n)?(?:{'|'.join(_TENS)})tig"
_TEEN = rf"(?:{'|'.join(_TEENS)})"
_HUNDREDS = rf"(?:{_ONE}|twee|drie|vier|vijf|zes|zeven|acht|negen)?honderd(?:en)?(?:{_TENS_WORD}|{_TEEN}|{_UNIT})?"
_FILLER = r"(?:e++h++m*+|u++h++m*+|euh|h++m++|nou)"
#: A number from 1 to 999 said in words (veertien, drieëntwintig, tweehonderdvijf): a house number said aloud.
NUMBER_SAID = rf"(?i:(?!nul)(?:{_HUNDREDS}|{_TENS_WORD}|{_TEEN}|{_UNIT}))(?!\w)"
#: Digits that are no decimal or amount (0,5, 1.250) nor glued to a word.
_DIGIT_GROUP = r"\d++(?!\w|[.,]\d)"
#: ``dubbel`` before a digit said (dubbel vier, dubbel 4: 44).
_DOUBLE = rf"dubbel(?=[^\S\n]++(?:{_UNIT}(?!\w)|\d(?!\d)))"
#: One number said: digits, the (0) of +31 (0)6, a number word up to 999, a dubbel or a filler between two of them.
_TOKEN = rf"(?:{_DIGIT_GROUP}|\(0\)|(?i:{_HUNDREDS}|{_TENS_WORD}|{_TEEN}|{_UNIT}|{_DOUBLE}|{_FILLER})(?!\w))"
#: Between two numbers: a space, or a comma, hyphen or bracket with spaces, a full stop (or three) and a space, a …
#: (spaces around it or not), and an ``en`` after any of them (twaalf en vierendertig, zesenvijftig en
#: achtenzeventig; not in a list, see :func:`phone_end`); a line may break between them, as a transcript wraps its
#: lines. No semicolon, colon or slash: figures in a table (0;160;185;155) are no speech.
_BETWEEN = r"(?:(?:\s*+[,()‐‑–—-]\s*+|\s*+\.{1,3}\s++|\s*+…\s*+|\s++)(?:(?i:en)\s++)?+)"
#: The opening of a Dutch number said aloud: nul, digits that start with 0 (not a date: 01-02-2024 12 mensen), + or
#: plus; its first letter is read first and looked back at, as this is tried at every position of a text.
_START = (
    r"[nNpP0+](?<![\w.,'+].)"
    r"(?:(?<=[nN])(?i:ul)(?!\w)|(?<=[pP])(?i:lus)(?!\w)|(?<=\+)"
    r"|(?<=0)(?!\d?(?P<spoken_datesep>[-./])\d{1,2}(?P=spoken_datesep)\d{2,4}(?!\d))\d*+(?!\w|[.,]\d))"
)
#: A run of numbers said aloud that opens as a Dutch phone number does: read as far as it goes (at most 24
#: numbers, each read once: nothing is tried twice), :func:`phone_end` decides. Group ``spoken_start``: the opening.
SPOKEN_NUMBERS = rf"(?P<spoken_start>{_START})(?:{_BETWEEN}?+{_TOKEN}){{1,24}}+"
#: A word that says a phone number follows (bel, nummer, telefoon, mobiel, bereikbaar), then up to 4 small words
#: (me, maar, op, is, ...) and a colon: a mobile number said without its nul is read only after one (see
#: :func:`mobile_end`). Its first letter is read first and looked back at, as :data:`_START`.
_NUMBER_FOLLOWS = (
    r"[bBnNtTmMgG](?<![\w'].)(?i:(?<=b)el(?:t|len)?|(?<=n)ummer|(?<=t)elefoon(?:nummer)?|(?<=m)obiel(?:e|tje)?"
    r"|(?<=m)obielnummer|(?<=g)sm(?:nummer)?|(?<=b)ereikbaar)(?!\w)"
    r"(?:(?:[^\S\n]*+[:,])?+[^\S\n]++(?i:me|mij|ons|haar|hem|maar|even|gerust|is|was|op|dan|wel|nu|mijn|het|nummer|via"
    r"|altijd|ook)(?!\w)){0,4}+[^\S\n]*+:?[^\S\n]*+"
)
#: A mobile or landline number said without its nul after such a word: a run that opens with a number other than nul
#: (group ``mobile_start``; zes twaalf ..., vijf drie, vier drie twee, ...): :func:`mobile_end` decides.
SPOKEN_MOBILE = (
    rf"{_NUMBER_FOLLOWS}(?P<mobile_start>(?i:(?!nul)(?:{_HUNDREDS}|{_TENS_WORD}|{_TEEN}|{_UNIT}))(?!\w)"
    rf"|[1-9]\d*+(?!\w|[.,]\d))(?:{_BETWEEN}?+{_TOKEN}){{1,24}}+"
)
_READ = re.compile(r"\+|\d+|[^\W\d_]+")
#: A score's number: below 20 (twaalf-vierendertig is no score, but part of a number).
_SCORE = rf"(?i:1?\d|{_UNIT}|{_TEEN})(?!\w)"
#: Scores, no number: pairs joined by a hyphen, split by commas (nul-één, nul-twee, nul-drie, nul-vier, nul-vijf).
_SCORES = re.compile(rf"(?:{_SCORE}[^\S\n]?-[^\S\n]?{_SCORE}(?:,\s*|\Z)){{2,}}")
#: The first half of a score a run opens inside (the nul- of nul-nul, een-nul, ...), and the second half of the one
#: its number ends in.
_PAIR_OPENED = re.compile(rf"(?<!\w){_SCORE}[^\S\n]?-[^\S\n]?\Z")
_PAIR_CLOSED = re.compile(rf"[^\S\n]?-[^\S\n]?{_SCORE}")
#: A comma after the opening of a run: the run is a list (nul, zes, twaalf en ...).
_LISTED = re.compile(r"\s*+,")
#: What :func:`_said` yields for an ``en`` between two numbers.
_AND = "&"
#: Twintig to negentig: the tens of ``vier en dertig`` (34).
_ROUND_TENS = {f"{stem}tig": str(n + 2) for n, stem in enumerate(_TENS)}
_NO_ACCENTS = str.maketrans("éë", "ee")
_DUTCH = re.compile(r"0[1-9]\d{8}|0031(?:0?[1-9]\d{8})")
_AFTER_PLUS = re.compile(r"310?[1-9]\d{8}")
#: Numbers of more digits are none (0031, 0 and 9 digits).
_LONGEST = 14
#: A foreign number said aloud: 00, a country code other than 31 and in all 9 to 15 digits after the 00.
_FOREIGN_OPENING = re.compile(r"00(?!3(?:1|\Z))[1-9]")
_FOREIGN = re.compile(r"00[1-9]\d{8,14}")
_FOREIGN_LONGEST = 17
#: The country codes a foreign number said with plus is read with (plus vier negen, plus twee twaalf): those of the
#: countries most people in the Netherlands call, not 1 or 7 (plus een, twee, drie, ... is a count). ``plus`` is an
#: ordinary word as nul nul is not, so a plus and any digits (plus vijf, zes, zeven, ... twaalf) are no number.
_PLUS_CODE = re.compile(
    r"00(?:20|21[2368]|2[2-6]\d|27|29\d|30|3[2-4]|35\d|36|3[78]\d|39|4[013-9]|42[0-3]|5[1-8]|59\d|6[0-6]|8[1246]"
    r"|880|9[0-58]|96\d|97[0-7]|99[2-8])"
)
#: A mobile number said without its nul (zes twaalf vierendertig ...): 6 and 8 digits.
_MOBILE = re.compile(r"6\d{8}")
#: A landline number without its 0: an area code of 10 to 59 or 70 to 79 (010 Rotterdam, 053 Enschede, 0341 Harderwijk,
#: 070 Den Haag) and 9 digits in all.
_LANDLINE = re.compile(r"[1-57]\d{8}")


def is_phone(digits: str) -> bool:
    """Whether ``digits`` (a ``+`` before them for plus) are a Dutch phone number; a count ``0123456789`` is none."""
    if digits.startswith("+"):
        return bool(_AFTER_PLUS.fullmatch(digits, 1))
    return bool(_DUTCH.fullmatch(digits)) and digits != "0123456789"


def spelled(text: str) -> str:
    """The digits ``text`` (numbers said aloud) spells, a ``+`` before them for plus.

    >>> spelled("nul vijf drie, vierhonderd tweeëndertig"), spelled("honderd twaalf, vier en dertig")
    ('053432', '11234')
    """
    return "".join(digits for _, digits in _said(text, 0, len(text)) if digits != _AND)


def _folded(word: re.Match[str]) -> str:
    return word[0].casefold().translate(_NO_ACCENTS)


def _said(text: str, start: int, end: int) -> Iterator[tuple[int, str]]:
    """Each number said in ``text[start:end]``: where it ends and the digits it spells (``+`` for plus, :data:`_AND`
    for an ``en`` between two numbers). Hundreds written apart from the rest are one number (``vierhonderd
    tweeëndertig``: 432, as an automatic transcript writes it), and so are a unit, ``en`` and tens (``vier en
    dertig``: 34)."""
    words = list(_READ.finditer(text, start, end))
    at = 0
    while at < len(words):
        word, said = words[at], words[at][0]
        at += 1
        if said == "+" or said.casefold() == "plus":
            yield word.end(), "+"
            continue
        if said.isdigit():
            yield word.end(), said
            continue
        folded = _folded(word)
        digits = _WORD_DIGITS.get(folded, "")
        after = words[at : at + 2]
        if folded == "en":
            yield word.end(), _AND
        elif (
            folded == "dubbel"
            and after
            and re.fullmatch(r"\d", double := _BELOW_100.get(_folded(after[0]), after[0][0]))
        ):
            yield after[0].end(), double * 2  # dubbel vier: 44
            at += 1
        elif (
            digits.endswith("00")
            and after
            and _apart(text, word, after[0])
            and _BELOW_100.get(_folded(after[0]), "0") != "0"
        ):
            yield after[0].end(), digits[0] + _BELOW_100[_folded(after[0])].zfill(2)
            at += 1
        elif (
            len(digits) == 1
            and digits != "0"
            and len(after) == 2
            and _folded(after[0]) == "en"
            and _apart(text, word, after[0])
            and _apart(text, *after)
            and _folded(after[1]) in _ROUND_TENS
        ):
            yield after[1].end(), _ROUND_TENS[_folded(after[1])] + digits
            at += 2
        else:
            yield word.end(), digits


def _apart(text: str, word: re.Match[str], next_word: re.Match[str]) -> bool:
    """Whether only spaces stand between two words (no comma, hyphen or full stop)."""
    return text[word.end() : next_word.start()].isspace()


def _may_become(digits: str) -> bool:
    """Whether more digits after ``digits`` may still make a Dutch phone number."""
    if digits.startswith("+"):
        return "+31".startswith(digits[:3]) and len(digits) <= _LONGEST
    if digits.startswith("00"):
        return "0031".startswith(digits[:4]) and len(digits) <= _LONGEST
    return len(digits) < 10


def phone_end(match: re.Match[str]) -> int | None:
    """Where the phone number a run of :data:`SPOKEN_NUMBERS` opens with ends in its text, or None when its first
    numbers spell none (the run stays)."""
    digits = ""
    numbers = _said(match.string, match.start(), match.end())
    for end, said in numbers:
        if said == _AND:
            # twaalf en vierendertig, zesenvijftig en achtenzeventig: an en between two numbers, when the number opens
            # as one is said (nul zes, ...), not as a list does (Ze scoorden nul, zes, twaalf, ... en achtenzeventig).
            if _LISTED.match(match.string, match.end("spoken_start")):
                return None
            continue
        digits += said
        if said and is_phone(digits):
            return None if _scores(match, end) else end
        if not _may_become(digits):
            # 00 or plus and another country's code: plus only with a code of :data:`_PLUS_CODE`
            foreign = "00" + digits[1:] if digits.startswith("+") else digits
            if _FOREIGN_OPENING.match(foreign):
                return _foreign_end(match, foreign, end, numbers, _PLUS_CODE if digits.startswith("+") else None)
            return None
    return None


#: What says the numbers before it were dates, no mobile number said without its nul (bereikbaar op zes, twaalf,
#: dertien, veertien en vijftien mei: review aa, S6). Not ``uur`` or ``keer``: nine digits of hours or times are no
#: list people say, and ``... achtenzeventig uur of later`` after a whole number went unscrubbed (review ab, L2).
_NO_MOBILE_AFTER = re.compile(rf"[^\S\n]*+(?i:{'|'.join(MONTHS)})(?!\w)")


def mobile_end(match: re.Match[str]) -> int | None:
    """Where the mobile number said without its nul that a run of :data:`SPOKEN_MOBILE` opens with ends (6 and 8
    digits: ``bel me op zes twaalf vierendertig ...``), or None when its first numbers spell none (the run stays), or
    a month follows them (``bereikbaar op zes, twaalf, ... en vijftien mei``: dates). A landline (9 digits, 1-5 or 7
    first) is none when the run holds ``en`` or counts up by numbers of one or two digits (:func:`_counted`): ``Nummer
    5, 7, 9, 11, 13 en 15 krijgen nieuwe kozijnen`` is a list (review AC 8), but not after someone's own number
    (``Haar nummer is een twee drie, vier vijf, ...``: review AD 9); a mobile is read as before.

    >>> import re
    >>> said = re.compile(SPOKEN_MOBILE)
    >>> text = "bereikbaar op zes, twaalf, dertien, veertien en vijftien"
    >>> mobile_end(said.search(text)) == len(text), mobile_end(said.search(text + " mei"))
    (True, None)
    """
    digits, said_before, listed = "", [], False
    for end, said in _said(match.string, match.start("mobile_start"), match.end()):
        listed |= said == _AND
        digits += "" if said == _AND else said
        said_before += [said] if said and said != _AND else []
        if said and said != _AND and (_MOBILE.fullmatch(digits) or _LANDLINE.fullmatch(digits)):
            if not _MOBILE.fullmatch(digits) and (listed or _counted(said_before)) and not _own_number(match):
                return None  # Nummer 5, 7, 9, 11, 13 en 15: a list of house numbers (review AC 8)
            return None if _NO_MOBILE_AFTER.match(match.string, end) else end
        if len(digits) >= len("612345678"):
            return None
    return None


#: Someone's own number said to be what follows (Haar nummer is, Mijn nummer:): a phone number, whatever its numbers
#: (review AD 9), as a list of house numbers is never so.
_OWN = re.compile(r"(?i:(?<![\w'])(?:mijn|m'n|haar|zijn|z'n|d'r|hun|ons|jouw|je|uw)[^\S\n]++)\Z")
_NUMBER_IS = re.compile(r"(?i:nummer(?:[^\S\n]++(?:is|was)|[^\S\n]*+:))(?!\w)")


def _own_number(match: re.Match[str]) -> bool:
    """Whether the run of :data:`SPOKEN_MOBILE` ``match`` follows someone's own number (``Haar nummer is``).

    >>> said = re.compile(SPOKEN_MOBILE)
    >>> _own_number(said.search("Haar nummer is een twee drie")), _own_number(said.search("Het nummer is een twee"))
    (True, False)
    """
    text, start = match.string, match.start()
    return bool(_NUMBER_IS.match(text, start) and _OWN.search(text, max(0, start - 8), start))


def _counted(numbers: list[str]) -> bool:
    """Whether ``numbers`` said one after another are each of one or two digits and rise: a list of house numbers
    or a count (1, 3, 5, 7, 9, 11), not the groups of a landline (review AC 8).

    >>> _counted(["1", "3", "5", "7", "9", "11", "13"]), _counted(["5", "3", "4", "3", "2", "1", "2", "3", "4"])
    (True, False)
    """
    return all(len(n) <= 2 for n in numbers) and all(int(a) < int(b) for a, b in itertools.pairwise(numbers))


def _foreign_end(
    match: re.Match[str],
    digits: str,
    end: int,
    numbers: Iterator[tuple[int, str]],
    codes: re.Pattern[str] | None = None,
) -> int | None:
    """Where a foreign number said aloud ends (``nul nul drie twee, vier zeven nul, twaalf, ...``: 0032 and 9 to 15
    digits in all after the 00, as the written form is read), given its first ``digits`` (00 and a country code
    other than 31) that end at ``end`` and the ``numbers`` said after them; the longest such number, as the
    written form takes. Without it, the Dutch-looking part after its first nul went and its ends stayed: ``nul
    [telefoon], zesenvijftig`` (review z L3). Said with plus (``digits`` then open with 00 for it), only with one
    of ``codes``."""
    if codes is None:
        codes = _FOREIGN
    last = end if _FOREIGN.fullmatch(digits) and codes.match(digits) else None
    for end, said in numbers:  # read on from where phone_end stopped
        if said == _AND:
            continue
        digits += said
        if len(digits) > _FOREIGN_LONGEST:
            break
        if said and _FOREIGN.fullmatch(digits) and codes.match(digits):
            last = end
    if last is None or _scores(match, last):
        return None
    return last


def _scores(match: re.Match[str], end: int) -> bool:
    """Whether the numbers of a run up to ``end`` are scores (nul-één, nul-twee, ...), also when the run opens or its
    number ends inside a pair (nul-nul, een-nul, twee-nul, twee-een, drie-een, vier-een: the run at the second nul
    spells 0102021314)."""
    text, start = match.string, match.start()
    opened = _PAIR_OPENED.search(text, max(0, start - 24), start)
    closed = _PAIR_CLOSED.match(text, end)
    return bool(_SCORES.fullmatch(text, opened.start() if opened else start, closed.end() if closed else end))


def phone_start(match: re.Match[str], end: int, at: int = 0) -> int:
    """Where the phone number of a run of :data:`SPOKEN_NUMBERS` that ends at ``end`` starts: with the bracket before
    it when it closes inside it (``(nul zes) twaalf ...``, ``(053) vier drie twee ...``), not before ``at``."""
    start = match.start()
    if start > at and match.string[start - 1] == "(" and ")" in match.string[start:end]:
        return start - 1
    return start


#: A word the name part of an e-mail address said aloud was joined with: a spoken dot, hyphen or underscore.
_JOINED = (
    r"(?:punt|dot|streepje|liggend[^\S\n]+streepje|laag[^\S\n]+streepje|lage[^\S\n]+streep|underscore|min|minteken"
    r"|koppelteken|dash)"
)
_PARTICLE = r"(?:van|de|der|den|ter|ten|te|'t|el|al|bin|da|la|le)"
#: The name part and an at said aloud (anja at, vries apenstaartje): a written address (anja@example.nl, anja (at)
#: example.nl) has its whole name part already.
_SAID_AT = re.compile(r"(?i:[\w.+-]++\s+(?:at|apen?staartje|@)\s)")
#: Before the name part: a word and a spoken join, or a particle (anja punt | de | vries apenstaartje ...).
_BEFORE_LOCAL = re.compile(rf"(?i:(?<![\w.+-])[\w.+-]+[^\S\n]+{_JOINED}[^\S\n]+|(?<![\w.+-]){_PARTICLE}[^\S\n]+)\Z")
#: A word before a particle, read with it (anja de vries at ...) unless it says what follows (is, mail, naar).
_WORD_BEFORE = re.compile(r"(?<![\w.+-])[^\W\d_][\w.+-]*[^\S\n]+\Z")
_NOT_THE_NAME = frozenset(
    "is was wordt naar aan op via mail mailen mailadres email e-mail emailadres e-mailadres adres en of dat het mijn "
    "zijn haar je jullie ons onze uw me mij hem heet maar ook dus".split()
)
#: At most this many words are read back (a hostile run of "a punt a punt ..." stops there).
_MOST_JOINS = 12
_LOOK_BACK = 80


def local_start(text: str, start: int, at: int = 0) -> int:
    """Where the name part of the e-mail address found at ``start`` of ``text`` begins, said aloud: the words
    before it joined by a spoken dot, hyphen or underscore, or a surname's particle (with the word before that).
    Not before ``at``; only for an address said aloud (its at a word between spaces): a written one (``de mail van
    anja@example.nl``) is whole.

    >>> text = "mijn mail is anja punt de vries apenstaartje gmail punt com"
    >>> text[local_start(text, text.index("vries")) :]
    'anja punt de vries apenstaartje gmail punt com'
    >>> text = "mail naar jan de vries at ziggo punt nl"
    >>> text[local_start(text, text.index("vries")) :]
    'jan de vries at ziggo punt nl'
    >>> text = "de mail van anja@example.nl"
    >>> text[local_start(text, text.index("anja")) :]
    'anja@example.nl'
    """
    if not _SAID_AT.match(text, start):
        return start
    particle = False
    for _ in range(_MOST_JOINS):
        window = max(at, start - _LOOK_BACK)
        before = _BEFORE_LOCAL.search(text, window, start)
        if before is None:
            break
        particle = not re.search(_JOINED + r"[^\S\n]+\Z", before[0], re.IGNORECASE)
        start = before.start()
    if particle and (word := _WORD_BEFORE.search(text, max(at, start - _LOOK_BACK), start)):
        if word[0].split()[0].casefold() not in _NOT_THE_NAME:
            start = word.start()
    return start
