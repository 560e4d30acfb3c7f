"""A person's name in lower case right after a title, relative or introduction, for :mod:`.scrub` (sweep12 F4; all
FICTIEF examples): typed transcripts and chat quotes are often all lower case (``mevrouw yilmaz is ziek``, ``de heer
bakker kwam langs``, ``mijn buurvrouw yilmaz``, ``buurman bert heeft een hond``, ``Ik heet gerda hulshof``).

Without a capital only the lists tell a name from a word, and many listed surnames are Dutch words as well (``ligt``,
``houdt``, ``komen``, ``groot``), so a word is read as a name only when it is a listed first name or surname, no
ordinary word of Deduce's and no role (``mevrouw de burgemeester``, ``buurman en buurvrouw``), and, after a title or
relative, only before what says a person is meant: the clause's end, a verb a person does (``is``, ``zegt``,
``kwam``, ...) or where they live (``van hiernaast``, ``van driehoog``). After an introduction (``ik heet``, ``mijn
naam is``) the first word must be a listed first name (``Ik heet u welkom``, ``mijn naam is haas`` stay). Without
any of them only a whole name goes: a listed first name that is no word as well (see :mod:`.person_words`), a
tussenvoegsel and a listed surname (``Ik sprak met jan de vries``, ``fatima el amrani zegt``; not ``ik ken de weg``).
"""

from __future__ import annotations

import re

from buurtdata.sources.interviews.person_names import _ROLE
from buurtdata.sources.interviews.person_parts import first_name, surname
from buurtdata.sources.interviews.person_words import WORD_NAMES, lists

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_PARTICLES = frozenset("van de den der te ten ter 't el al".split())
_A_ROLE = re.compile(_ROLE)
#: Adjectives the surname list holds, which go after a title more often than a name in lower case (meneer groot is
#: hij niet, mijn broer jonge).
_ADJECTIVES = frozenset("oud oude jong jonge groot grote klein kleine lang lange kort korte nieuwe goede".split())
#: Trades, ranks and adjectives used as nouns that the surname list holds, which after a relative or role and "de"
#: say what the person is, not what they are called (review 12b F3: mijn vader de timmerman, mijn oom de visser,
#: mijn zus de jongste). After a formal title they are the surname (mevrouw de visser, de heer de boer).
_WORDS_AFTER_DE = frozenset(
    """
    bakker visser boer schilder timmerman koster smid slager molenaar brouwer jager schipper kuiper wever herder
    metselaar tuinman koopman ridder graaf snijder kramer verver barbier dekker schoenmaker bode bouwer voerman
    bisschop paus baas advocaat soldaat kapitein stuurman veerman schrijver keizer hertog jonker
    jongste oudste oude jonge lange korte rijke witte bruine wilde goede
    """.split()
)
#: The formal titles, after which "de" and a word in lower case are a surname whatever the word also means.
_FORMAL = re.compile(r"(?i:me(?:vr(?:ouw|\.)?|neer)|mijnheer|mw\.?|dhr\.?|de[^\S\n]++heer|fam(?:ilie|\.))[^\S\n]++")
#: The words a match opens with when it introduces a name (ik heet, mijn naam is, zij heet).
_INTRODUCED = re.compile(r"(?i:ik|zij|ze|hij)[^\S\n]++heet|(?i:mijn)[^\S\n]++naam")
#: What follows a name after a title or relative, saying a person is meant.
_AFTER = re.compile(
    r"[^\S\n]*+(?:[.,;:!?)]|$)"
    r"|[^\S\n]++(?:is|was|heeft|had|zegt|zei|kwam|komt|woont|woonde|belde|belt|ging|gaat|kan|kon|wil|wilde|moet|moest"
    r"|zit|zat|staat|stond|ligt|lag|loopt|liep|werkt|werkte|helpt|hielp|vindt|vond|weet|wist|denkt|dacht|vertelt"
    r"|vertelde|vroeg|vraagt|zou|zal|wordt|werd|doet|deed|krijgt|kreeg|en|die)(?![\w'’-])"
    r"|[^\S\n]++(?:van|uit)[^\S\n]++(?:hiernaast|hierboven|hieronder|boven|beneden|[a-z]*hoog|nummer|nr\b|\d"
    r"|om[^\S\n]++de[^\S\n]++hoek|de[^\S\n]++overkant)"
)


def lower_named(match: re.Match[str]) -> str | None:
    """What a title, relative or introduction and the words in lower case after it (``match``: group ``lower_name``
    of :mod:`.scrub_parts`' ``lower_named``) become: the name replaced by ``[naam]`` and the rest as written, or None
    when no name follows (see the module).

    >>> from buurtdata.sources.interviews.scrub_parts import _LOWER_NAMED
    >>> found = re.compile(_LOWER_NAMED).search
    >>> lower_named(found("mevrouw yilmaz is ziek")), lower_named(found("meneer de vries van hiernaast."))
    ('mevrouw [naam] is', 'meneer [naam] van hiernaast')
    >>> lower_named(found("mevrouw de burgemeester")), lower_named(found("Ik heet u welkom"))
    (None, None)
    >>> lower_named(found("mijn oom de visser zegt het.")), lower_named(found("mevrouw de visser zegt het."))
    (None, 'mevrouw [naam] zegt')
    """
    text, start = match.string, match.start("lower_name")
    words = list(_WORD.finditer(text, start, match.end()))
    introduced = bool(_INTRODUCED.match(text, match.start()))
    at = next((i for i, word in enumerate(words) if word[0] not in _PARTICLES), None)
    if at is None or not _a_name(words[at][0], after_particle=at > 0, introduced=introduced):
        return None
    if _what_they_are(match, [word[0] for word in words[: at + 1]], introduced=introduced):
        return None
    ends = [words[at].end()]
    second = next((i for i in range(at + 1, len(words)) if words[i][0] not in _PARTICLES), None)
    if second is not None and _a_name(words[second][0], after_particle=True):
        ends.insert(0, words[second].end())  # gerda hulshof, jan de vries
    end = next((end for end in ends if introduced or _AFTER.match(text, end)), None)
    return None if end is None else text[match.start() : start] + "[naam]" + text[end : match.end()]


def _what_they_are(match: re.Match[str], words: list[str], *, introduced: bool) -> bool:
    """Whether ``words`` (the particles and first word after a relative or role) are "de" and a word that says what
    the person is (mijn oom de visser, de buurman de koster, mijn zus de jongste): not after a formal title
    (mevrouw de visser) nor an introduction (mijn naam is de boer)."""
    if introduced or len(words) != 2 or words[0] != "de" or words[1].casefold() not in _WORDS_AFTER_DE:
        return False
    return not _FORMAL.fullmatch(match.string, match.start(), match.start("lower_name"))


def read_on(match: re.Match[str]) -> int:
    """Where to read on after ``match`` when :func:`lower_named` found no name in it: at the words after the title
    (mevrouw de burgemeester Jansen: the role and the name after it)."""
    return match.start("lower_name")


#: A tussenvoegsel between two words in lower case, where a whole name in lower case may stand (jan de vries); its
#: first character a space, so that a text is scanned for it fast.
_BETWEEN = re.compile(r"[^\S\n](?:van(?:[^\S\n]++(?:de[nr]?|'t))?|de[nr]?|ter|ten|el|'t)[^\S\n]++(?=[a-zà-ÿ])")
_FIRST = re.compile(r"(?<![\w'’.-])[a-zà-ÿ][a-zà-ÿ'’-]*+\Z")
_LAST = re.compile(r"[a-zà-ÿ][a-zà-ÿ'’-]*+(?![\w'’-])")


def bare_names(text: str) -> str:
    """``text`` with each whole name in lower case replaced by ``[naam]``: a listed first name that is no word as well
    (see :mod:`.person_words`), a tussenvoegsel and a listed surname (``met jan de vries``, ``fatima el amrani zegt``;
    not ``ik ken de weg``, ``de rest van de week``), and the tussenvoegsel and listed surname in lower case after a
    name another rule took (``[naam] ten brinke``). Read after the other rules, as one more pass.

    >>> bare_names("Ik sprak met jan de vries over de bus."), bare_names("Ik ken de weg.")
    ('Ik sprak met [naam] over de bus.', 'Ik ken de weg.')
    >>> bare_names("[naam] ten brinke zegt dat."), bare_names("[naam] van de buurt zegt dat.")
    ('[naam] zegt dat.', '[naam] van de buurt zegt dat.')
    """
    out, at = [], 0
    for between in _BETWEEN.finditer(text):
        if between.start() < at:
            continue
        first = _FIRST.search(text, max(at, between.start() - 40), between.start())
        last = _LAST.match(text, between.end())
        if last and text.endswith("[naam]", at, between.start()) and _after_naam(between[0], last[0]):
            # The surname in lower case after a first name another rule took (Ria ten brinke zegt): sweep12 F10.
            out.append(text[at : between.start()])
            at = last.end()
        elif first and last and _whole_name(first[0], last[0]):
            out += [text[at : first.start()], "[naam]"]
            at = last.end()
    return "".join(out) + text[at:] if out else text


#: Tussenvoegsels that only a surname follows (no Dutch phrase goes on with van der or van den and a word).
_SURNAME_ONLY = frozenset({"van der", "van den"})
#: Tussenvoegsels that are articles as well: Ria van de bakker, Jan de bakker (the baker) stay.
_ARTICLE_TOO = frozenset({"de", "van de"})


def _after_naam(between: str, last: str) -> bool:
    """Whether ``last`` after ``[naam]`` and the tussenvoegsel ``between`` is a surname: a listed one that is no
    ordinary word after ten, ter, van or 't (ten brinke), any listed one after van der or van den (van den berg);
    never after de or van de, which say what the person is as often (Ria van de bakker)."""
    particle = " ".join(between.split())
    if particle in _SURNAME_ONLY:
        return len(last) > 1 and surname(last)
    return particle not in _ARTICLE_TOO and _a_name(last, after_particle=True)


def _whole_name(first: str, last: str) -> bool:
    """Whether ``first`` and ``last`` around a tussenvoegsel are a listed first name and surname (see bare_names)."""
    named = first_name(first) and first not in WORD_NAMES and _a_name(first, after_particle=False, introduced=True)
    return named and _a_name(last, after_particle=True)


def _a_name(word: str, *, after_particle: bool, introduced: bool = False) -> bool:
    """Whether ``word`` in lower case is a name here: a listed surname after a tussenvoegsel or as a second word, a
    listed first name after an introduction, either after a title; never an ordinary word or a role."""
    if len(word) < 2 or word in lists().not_names or word in _ADJECTIVES or _A_ROLE.fullmatch(word):
        return False
    if after_particle:
        return surname(word)
    return first_name(word) or (not introduced and surname(word))
