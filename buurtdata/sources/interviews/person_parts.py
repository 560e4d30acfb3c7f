"""Parts of a person's name that :mod:`.person_names` weighs: whether a word is a listed first name, whether words
with a verb of speaking are a language, and where a person's name ends before the organisation or place that says
where they are from (all FICTIEF examples).

A name read as one run of capitalised words may go on into the organisation or place the person is from: ``Sandra
van Vluchtelingenwerk``, ``Kees Bakker van Albert Heijn``, ``Kees Bakker in Hasseler Es``. Taken whole, the run was
kept as an organisation or place (the person stayed), or went whole (the organisation went, and a second pass took
the rest of it: review T H5, M1). :func:`person_end` ends the person's name before ``van``, ``in`` or ``op`` when
what follows is an organisation or a place, not a surname (``Kees van Dijk``, ``Wim van den Broek`` stay whole, and
so does a street: ``Jan van Galenstraat``).

Besides (names4): a name in capitals (:func:`capitals`), whether a name is followed by the organisation the person is
from (:func:`organisation_after`), and the look-ups :mod:`.person_names` shares (:func:`in_a_place`,
:func:`no_initials`, :data:`THING_ENDS`), moved here to keep that module small.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from buurtdata.gemeente_lookup import fold
from buurtdata.sources.interviews.person_words import BUURTHUIS_NOUNS, CAPS_ORDINARY, CAPS_ROLE_NOUNS, WORD_NAMES
from buurtdata.sources.interviews.person_words import lists as _lists

#: Tussenvoegsels and articles read past in a surname or organisation (De Jong, van het Leger des Heils).
ARTICLES = {"de", "het", "'t", "den", "der", "van", "in", "op", "te", "ten", "ter"}
#: The tussenvoegsels of :data:`.person_names._PARTICLE`, folded: a name's first words, no ordinary words before it.
TUSSENVOEGSELS = ARTICLES | {"el", "al", "bin", "la", "le", "da"}
#: The same as a pattern, but for "het" (Het Anker is a thing): its first letter in either case, the longer of two
#: words that start alike tried first (den before de).
TUSSENVOEGSEL_PATTERN = "(?:{})".format(
    "|".join(
        re.sub(r"[a-z]", lambda letter: f"[{letter[0].upper()}{letter[0]}]", word, count=1)
        for word in sorted(TUSSENVOEGSELS - {"het"}, key=lambda word: (-len(word), word))
    )
)
#: Letters that lose no accent when decomposed, as the list writes them.
_UNDECOMPOSED = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i"})


def first_name(word: str) -> bool:
    """Whether ``word`` is a first name of the list, also written with accents the list lacks (Şükrü, Łukasz)."""
    key = re.split(r"['’]", word)[0].casefold()
    names = _lists().first_names
    return (key in names or (not key.isascii() and fold(key.translate(_UNDECOMPOSED)) in names)) and (
        key not in _lists().not_names
    )


def surname(word: str) -> bool:
    """Whether ``word`` is a surname of the list, also written with accents the list lacks (Çelik, Şahin)."""
    key = word.casefold()
    surnames = _lists().surnames
    return key in surnames or (not key.isascii() and fold(key.translate(_UNDECOMPOSED)) in surnames)


def person_shaped(words: list[str]) -> bool:
    """A surname of the list after a tussenvoegsel (De Jong), or a listed first name first (Ahmed, Anja Bos)."""
    capitalised = [w for w in words if w.casefold() not in ARTICLES]
    if not capitalised:
        return False
    if len(capitalised) < len(words):
        return surname(capitalised[-1])
    return first_name(capitalised[0])


#: What only a person is, after a first name that is a word as well and ``is`` or ``was`` (Parel is ziek geworden, Roos
#: was weduwe), beside a role or relative (Roos is mijn buurvrouw): names4.
PERSON_STATE = (
    r"ziek|overleden|verhuisd|getrouwd|gescheiden|jarig|zwanger|bevallen|geopereerd|opgenomen|gepensioneerd|dement"
    r"|weduwe|weduwnaar|baby|peuter|kleuter|meisje|jongen|zusje|broertje|kind|vriendin|alleenstaand|mantelzorger"
    r"|nichtje|neefje|dochtertje|zoontje|kleindochter|kleinzoon|buurmeisje|vriendinnetje|vriendje"
)
#: Verbs of speaking a language: spreekt Spaans, sprak Turks, Papiaments gesproken (not gebeld or gepraat: review T
#: H2, "Frans gebeld" is a person).
_SPEAKING_A_LANGUAGE = re.compile(r"(?i:spr[ae]+k(?:t|en)?|gesproken)")
#: Present tense: what someone can speak (Hij spreekt Frans), where the past tense is more often whom they met
#: (Ik sprak Frans gisteren).
_SPEAKS = re.compile(r"(?i:spre+k(?:t|en)?)[^\S\n]+$")
#: Verbs of speaking with someone, after which words with an article that are no listed surname are a thing
#: (met De Key gesproken).
_SPEAKING = re.compile(r"(?i:spr[ae]+k|gesproken|gepraat|gebeld)")
#: Languages, which are spoken as people are spoken with (sprak Spaans, Frans gesproken).
LANGUAGES = frozenset(
    """spaans frans italiaans portugees russisch chinees mandarijn kantonees japans koreaans koerdisch somalisch
    papiaments berbers tamazight hindi urdu farsi perzisch dari pashtoe tigrinya amhaars oekraïens roemeens
    bulgaars grieks hongaars kaapverdisch sranan sranantongo vlaams limburgs twents brabants gronings
    nedersaksisch plat tagalog vietnamees thais indonesisch maleis swahili hebreeuws armeens albanees bosnisch
    servisch kroatisch tsjechisch slowaaks zweeds noors deens fins ests lets litouws engels duits turks arabisch
    nederlands pools marokkaans""".split()
)
_ANOTHER_LANGUAGE = re.compile(r"[^\S\n]*(?:,|en|of)[^\S\n]+([^\W\d_]+)")
_LANGUAGE_BEFORE = re.compile(r"([^\W\d_]+)[^\S\n]*(?:,|en|of)[^\S\n]*$")


def spoken_with(text: str, at: int, start: int, end: int, words: list[str]) -> bool:
    """Whether a name with a verb of speaking (``at``: where the match starts, the verb before the name when it is
    there) is no person: a language after a verb of speaking a language and no ``met`` (sprak Spaans, Spaans
    gesproken; not met Frans gesproken, Frans gebeld), or words with a tussenvoegsel that are no listed surname (met
    De Key gesproken; met De Jong gepraat is a person). A language that is a listed first name as well (Frans) is one
    only beside another language or after the present tense (Hij spreekt Frans; Ik sprak Frans gisteren is a
    person: a name missed is worse than a word struck out)."""
    before = text[at:start] if at < start else ""
    verb = before or text[end : end + 12]
    if not _SPEAKING.search(verb):
        return False
    if len(words) > 1:
        return words[0].casefold() in ARTICLES and not person_shaped(words)
    word = words[0].casefold()
    if word not in LANGUAGES or not _SPEAKING_A_LANGUAGE.search(verb):
        return False
    if re.search(r"(?i:(?<![\w'])met)[^\S\n]+$", text[max(0, start - 5) : start]):
        return False  # met Spaans gesproken: a person named so
    if not first_name(words[0]):
        return True
    beside = _ANOTHER_LANGUAGE.match(text, end) or _LANGUAGE_BEFORE.search(text, max(0, start - 30), start)
    return bool((beside and beside[1].casefold() in LANGUAGES) or _SPEAKS.search(text, max(0, start - 10), start))


#: Words after which a person's name does not go on, but says where the person is from: Sandra van Vluchtelingenwerk,
#: Kees Bakker in Hasseler Es, mevrouw Volman in Wijk 04 Groot Driene.
_FROM = re.compile(r"[^\S\n]+(van|in|op)[^\S\n]+")
#: Ends of words that name an organisation (Vluchtelingenwerk, Jongerenwerk, Buurtteam, Rabobank).
_ORGANISATION_WORD = re.compile(
    r"(?:werk|team|bank|groep|zorg|wonen|welzijn|raad|commissie|vereniging|stichting|school|centrum|corporatie"
    r"|gemeente|politie|loket|fonds|bibliotheek|kliniek|ziekenhuis|moskee|kerk|heils|kruis|wijk)$",
    re.IGNORECASE,
)


#: An organisation's word after a person's name and ``van de`` or ``bij het`` (Joost van de Sportstichting).
_ORGANISATION_AFTER = re.compile(r"[^\S\n]+(?:van|bij)[^\S\n]+(?:de|het)[^\S\n]+([^\W\d_]+)(?![\w'’-])")
#: An article just before a name: a thing named after someone (de Pieter van de Veldeschool).
_ARTICLE_BEFORE = re.compile(r"(?<![\w'’])(?:[Dd]e|[Hh]et|'t|[Ee]en)[^\S\n]+$")


def organisation_after(text: str, start: int, end: int) -> bool:
    """Whether the name ``text[start:end]`` is followed by the organisation the person is from (``Joost van de
    Sportstichting``, ``Sandra bij het Jongerenwerk``), so the name is weighed alone and not as one run with it (the
    run ends as an organisation does, and was kept whole: names4). Not after an article, nor when the word before
    the organisation's end is a name (``de Pieter van de Veldeschool``, ``Jan van de Julianaschool``: a school named
    after someone)."""
    found = _ORGANISATION_AFTER.match(text, end)
    ending = _ORGANISATION_WORD.search(found[1]) if found else None
    if not ending or _ARTICLE_BEFORE.search(text, max(0, start - 5), start):
        return False
    before = found[1][: ending.start()]
    return not before or before.casefold() in _lists().not_names or not (first_name(before) or surname(before))


def person_end(text: str, start: int, end: int, places: frozenset[str], *, titled: bool = False) -> int:
    """Where the person's name ``text[start:end]`` ends: before ``van``, ``in`` or ``op`` and an organisation or
    place (see the module), else at ``end``. Only for a name that opens with a listed first name, or that a title or
    role names (the caller says so, ``titled``): a place's or organisation's own ``van`` stays (Huis van de Wijk).
    After ``van`` a word no list holds ends the name only after a whole name (Kees Visser van Welbions, mevrouw Bakker
    van Welbions): Henk van Wijkracht may be a surname the list lacks, and a name missed is worse than a word struck
    out."""
    name = text[start:end]
    for found in _FROM.finditer(name):
        if not name[: found.start()].strip():
            continue
        after = fold(text[start + found.end() : start + found.end() + 60]).split()
        article = bool(after) and after[0] in ARTICLES
        while after and after[0] in ARTICLES:
            after = after[1:]
        if not after:
            continue
        lists = _lists()
        runs = [" ".join(after[:k]) for k in range(1, min(len(after), 4) + 1)]
        wijk = after[0] == "wijk" and len(after) > 1 and after[1].isdigit()
        if wijk or any(run in lists.organisations or run in places for run in runs):
            return start + found.start()  # an organisation, or a place of the project
        if after[0] in lists.surnames and (found[1] == "van" or (article and after[0] not in lists.places)):
            continue  # Kees van Dijk, Wim van den Broek, Truus in 't Veld (not Kees in Groot Driene)
        if any(run in lists.places for run in runs) or _ORGANISATION_WORD.search(after[0]):
            return start + found.start()
        if found[1] != "van":
            return start + found.start()  # in or op and no listed surname: where the person is
        before = name[: found.start()].split()
        if (len(before) > 1 or titled) and surname(before[-1]) and after[0] not in lists.surnames:
            return start + found.start()  # a whole name, then where from: Kees Visser van Welbions
    return end


class Folded(frozenset):
    """Place names as :func:`folded_places` folded them: passed on, they are not folded again."""


def folded_places(places: Iterable[object] | None) -> frozenset[str]:
    """The folded place names ``places`` (names, a column or set of them, or None) holds; what this returned is
    returned as it is. Any other set is folded: a frozenset of the names as CBS writes them (``'t Wilbert``) is not
    folded yet (fix-left10: an agreement's ``'T WILBERT`` became ``'T [naam]``)."""
    if isinstance(places, Folded):
        return places
    given = () if places is None else tuple(places)
    last = _FOLDED[0]  # read once: another thread may fold other names meanwhile
    if given != last[0]:
        # Today's segments and each earlier round are scrubbed with the same regions' names: folded once (a whole
        # country's 16,000 names take 0.05 s to fold).
        last = (given, Folded(fold(n) for p in given if isinstance(p, str) for n in _said_as(p) if n.strip()))
        _FOLDED[0] = last
    return last[1]


#: A wijk's number before its name (Wijk 05 Berflo Es), and what a gemeente's name has in brackets (Hengelo (O.)).
_WIJK_NUMBER = re.compile(r"^\s*[Ww]ijk\s+\d+\s+")
_BRACKETS = re.compile(r"\s*\([^()]*\)\s*$")


def _said_as(place: str) -> tuple[str, ...]:
    """A region's name as the build passes it and as residents say it: ``Wijk 05 Berflo Es`` is ``Berflo Es``,
    ``Hengelo (O.)`` is ``Hengelo`` (review T M2: the name alone was no passed place, so it went as a person's)."""
    bare = _BRACKETS.sub("", _WIJK_NUMBER.sub("", place))
    return (place, bare) if bare != place and bare.strip() else (place,)


#: The names :func:`folded_places` folded last, and what it gave (one pair, swapped whole).
_FOLDED: list[tuple[tuple, frozenset[str]]] = [((), Folded())]


def places_out(id_: str, places: Iterable[object] | None) -> str:
    """``id_`` without each run of its words that names one of ``places`` (as :func:`folded_places` takes them): a
    respondent code that says where its person was heard ("N-Horst-1", "N-Ermelo-Oost-1") holds no name for it,
    though Horst is a first name too (sweep13 #20).

    >>> places_out("N-Horst-1", ["Horst", "Ermelo-Oost"]), places_out("N-Ermelo-Oost-1", ["Horst", "Ermelo-Oost"])
    ('N--1', 'N--1')
    >>> places_out("N-Kees-1", ["Horst"]), places_out("Horst", ["Horst"])
    ('N-Kees-1', '')
    """
    folded = folded_places(places)
    if not folded:
        return id_
    parts = re.split(r"([\W_]+)", id_)  # words at the even places, what separates them between
    kept, start = [], 0
    while start < len(parts):
        # The longest run of words from here that is a place ("Ermelo-Oost" before "Ermelo").
        end = next(
            (
                end
                for end in range(min(len(parts) - 1, start + 12), start - 1, -2)
                if parts[start] and fold("".join(parts[start : end + 1])) in folded
            ),
            None,
        )
        if end is None or start % 2:
            kept.append(parts[start])
            start += 1
        else:
            start = end + 1
    return "".join(kept)


def in_a_place(text: str, start: int, end: int, places: frozenset[str], organisations: frozenset[str]) -> bool:
    """Whether ``text[start:end]`` is (part of) one of ``places`` or ``organisations`` written around it: each run
    of up to 6 words before and after it that holds it is looked up (In Klein Martijn, Aalten Kern 't Kobus)."""
    before = fold(text[max(0, start - 60) : start]).split()[-6:]
    name = fold(text[start:end]).split()
    after = fold(text[end : end + 60]).split()[:6]
    words, first, last = before + name + after, len(before), len(before) + len(name)
    for i in range(first + 1):
        for j in range(last, len(words) + 1):
            key = " ".join(words[i:j])
            if key in places or (j == last and key in organisations) or (i == first and key in organisations):
                return True
    return False


def no_initials(text: str, start: int, words: list[str], places: frozenset[str]) -> bool:
    """Whether the letters with dots before ``words`` are no initials of a person: letters only (D.S.M.), a letter
    ending a sentence before a word or a place of the project (blok A. De buren, bijlage C. Hengelo), or a compass
    point (ten Z. van Twentekanaal, N.O. van Schaarsbergen)."""
    letters = [word for word in words if len(word) == 1]
    rest = words[len(letters) :]
    if not rest or rest[-1].casefold() in ARTICLES or rest[-1].casefold() in _lists().not_names:
        return True
    if fold(" ".join(rest)) in places:
        return True
    compass = set(letters) <= set("NOZW") and (
        rest[0].casefold() in ("van", "v") or re.search(r"(?<!\w)te[nr][^\S\n]+$", text[max(0, start - 6) : start])
    )
    return bool(compass)


#: Ends of words that name a street, building, place or organisation, not a person.
THING_ENDS = re.compile(
    r"(?:straat|str|laan|weg|plein|singel|gracht|kade|dijk|dreef|park|plantsoen|hof|pad|steeg|markt|buurt|wijk"
    r"|dorp|stad|veld|veen|brug|kwartier|terrein|strook|erf|plaats|hoeve|kerk|school|huis|centrum|team|werk|groep|bank|fonds|winkel|land|berg|burg|oord|heuvel"
    r"|zorg|wonen|welzijn|raad|commissie|vereniging|stichting|corporatie|bibliotheek|moskee|cafe|café|kliniek|ziekenhuis)$",
    re.IGNORECASE,
)


#: A word, for capitals().
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_DIGIT_AFTER = re.compile(r"[^\S\n]*\d")
#: Verbs of speaking or living, after which a word in capitals that is a listed surname or word name is a person's.
_CAPS_VERBS = frozenset(
    "zegt zei zeiden vertelt vertelde vindt vond vroeg vraagt belde belt riep roept woont woonde werkt werkte".split()
)
#: Tussenvoegsels between a first name and a street named after someone (JAN VAN DER HEIJDENSTRAAT).
_STREET_PARTICLES = frozenset({"van", "der", "den", "'t"})


def capitals(text: str, start: int, end: int, places: frozenset[str]) -> tuple[bool, int]:
    """Whether the words in capitals ``text[start:end]`` open with a person's name (a listed first name that is no
    word as well, no place or organisation), and where the name ends (:func:`name_run`: MARIEKE BOS, JAN VAN DIJK,
    AGNIESZKA NOWAK) or, when it is none, where to read on (the next word: AAN MARIEKE). A street named after
    someone stays (KEES VAN DIJKSTRAAT). A listed surname or word name is a name before a verb of speaking or living
    (BAKKER WOONT HIER, ROOS ZEI HET), and a word name before a listed surname (ROOS DE BOER, SULTAN JANSEN); not
    a role or buurthuis after DE or HET (DE BAKKER ZEGT, DE BRON ZEGT NEE), nor a name before an English pronoun
    (MARK MY WORDS), as in lower case. names4, names5."""
    words = list(_WORD.finditer(text, start, end))
    lists = _lists()
    lead = next((i for i, w in enumerate(words) if w[0].casefold() not in TUSSENVOEGSELS), len(words))
    if (
        0 < lead < len(words) - 1
        and words[lead + 1][0].casefold() in _CAPS_VERBS
        and surname(words[lead][0].title())
        and not _role_or_thing(words[lead][0].casefold(), words[lead + 1][0])
        and not in_a_place(text, start, words[lead].end(), places, lists.organisations)
    ):
        return True, words[lead].end()  # DE JONG WOONT HIER
    first = words[0]
    title, folded = first[0].title(), first[0].casefold()
    after_article = bool(_CAPS_ARTICLE_BEFORE.search(text, max(0, start - 20), start))
    # A surname or word name before a verb of speaking or living in capitals too (BAKKER WOONT HIER, ROOS ZEI HET).
    verb = (
        len(words) > 1
        and words[1][0].casefold() in _CAPS_VERBS
        and folded not in lists.not_names
        and folded not in CAPS_ORDINARY
        and not (after_article and _role_or_thing(folded, words[1][0]))
    )
    rest = [w[0].casefold() for w in words[1:]]
    surname_next = next((w for w in rest if w not in TUSSENVOEGSELS), "")
    before_surname = bool(rest) and surname(surname_next.title()) and surname_next not in lists.not_names
    if (
        not (first_name(title) and (folded not in WORD_NAMES or verb or before_surname) or (verb and surname(title)))
        or (rest and rest[0] in _ENGLISH_PRONOUNS)  # MARK MY WORDS
        or _DIGIT_AFTER.match(text, first.end())  # MAX 30 KM PER UUR
        or in_a_place(text, start, first.end(), places, lists.organisations)
        or in_a_place(text, start, first.end(), lists.places, frozenset())
    ):
        return False, first.end()
    between = set()
    for word in words[1:]:
        if word[0].casefold() in TUSSENVOEGSELS:
            between.add(word[0].casefold())
        elif surname(word[0].title()):
            between = set()
        else:
            if between <= _STREET_PARTICLES and THING_ENDS.search(word[0]):
                return False, end
            break
    return True, name_run(text, first.end(), begun=True, places=places)


#: An article in capitals before a word, and an adjective between (DE BAKKER, HET ANKER, DE GROTE BAAS).
_CAPS_ARTICLE_BEFORE = re.compile(r"(?<![\w'’])(?:DE|HET|'T)(?:[^\S\n]+[A-Z]+E)?[^\S\n]+$")
#: English words after which a first name is the verb (MARK MY WORDS), as :data:`.person_names._PRONOUNS` in lower case.
_ENGLISH_PRONOUNS = frozenset("my your our the you it".split())


def _role_or_thing(folded: str, verb: str) -> bool:
    """Whether a word after DE or HET in capitals before ``verb`` is a role, trade or buurthuis (DE BAKKER ZEGT, DE
    BRON ZEGT), or an ordinary word the lists lack (GEEN MENS), not a surname (VAN DEN HEUVEL ZEGT); before WOONT a
    role is a person's name, as
    in lower case (DE BAKKER WOONT HIER, De Bakker woont hier): names5."""
    if folded in CAPS_ROLE_NOUNS and verb.casefold() in ("woont", "woonde"):
        return False
    return any(folded in words for words in (CAPS_ROLE_NOUNS, BUURTHUIS_NOUNS, CAPS_ORDINARY))


#: What may stand between two words of one name in capitals: spaces (and the apostrophe of 'T).
_NAME_GAP = re.compile(r"[^\S\n]+'?")


def name_run(
    text: str,
    at: int,
    *,
    begun: bool = False,
    titled: bool = False,
    open_unlisted: bool = False,
    places: frozenset[str] = frozenset(),
) -> int:
    """Where a name in capitals from ``at`` ends: after the listed first names and surnames and the tussenvoegsels
    between them, and one word no list holds (no ordinary word, verb, place or thing's name) once a name has begun
    (``begun``, or a listed name before: AGNIESZKA NOWAK, KHADIJA EL HADDOUCHI, TANTE SONJA DOELWIJT) or after a
    title or role (``open_unlisted``: MEVROUW EL HADDOUCHI, MIJN BUURVROUW NOWAK, WETHOUDER KUIPERS). ``at`` when
    none is (IK BEN HET ZAT, DE WIJKAGENT KWAM NIET). After a personal title (``titled``: MEVROUW BOS) a surname that
    is a word as well is a name from the first word on. It reads on past the words a pattern took (JOHAN VAN DER
    MEULEN: three words and a fourth), to the first word that ends it. names5: it stopped at the first unlisted word,
    so the name went half or not at all (review v H1, H2)."""
    lists = _lists()
    stop, between, unlisted, last = at, [], 0, at
    for word in _WORD.finditer(text, at):
        gap = text[last : word.start()]
        if (last > at or gap) and not _NAME_GAP.fullmatch(gap):
            break
        last = word.end()
        folded = word[0].casefold()
        if folded in TUSSENVOEGSELS or (folded == "t" and gap.endswith("'")):
            between.append(folded)
            continue
        where = bool({"in", "op"} & set(between))
        known = fold(word[0])
        place = known in places or known in lists.places
        if in_a_place(text, word.start(), word.end(), places, lists.organisations):
            break  # KEES BAKKER VAN ABN AMRO, SULTAN JANSEN IN BERFLO ES
        named = first_name(word[0]) and folded not in WORD_NAMES
        listed = (named or surname(word[0])) and folded not in CAPS_ORDINARY and not (where and place)
        if listed and not named:
            listed = titled or stop > at or begun or folded not in lists.not_names
        fresh = (
            not listed
            and (begun or stop > at or open_unlisted)
            and unlisted == 0
            and len(folded) > 1
            and folded not in lists.not_names
            and folded not in CAPS_ORDINARY
            and not folded.endswith(("eert", "eerde", "eerden"))  # MIJN ZOON STUDEERT IN AMSTERDAM: a verb
            and not where
            and between != ["van"]  # DE BUURVROUW VAN HIERNAAST: where from, no name the lists lack
            and not place
            and not THING_ENDS.search(word[0])
        )
        if not (listed or fresh):
            break
        unlisted += fresh
        stop, between = word.end(), []
    return stop


def a_thing(words: list[str], name: str) -> bool:
    """Whether a name with a speech verb or the like names a thing: a capitalised word after ``de`` or ``het`` in
    lower case (Bij de Lidl zei, Tegen de Gemeente zei; not Tegen de Jong zei, a listed surname), a buurthuis after
    De or Het (Tegen De Bron zei), or words after a capitalised word that is no first name and De or Het (Tegen
    Kringloop De Cirkel zei): names5, review v M2."""
    folded = [w.casefold() for w in words]
    if len(words) == 2 and folded[0] in ("de", "het", "'t") and folded[1] in BUURTHUIS_NOUNS:
        return True
    if len(words) >= 3 and words[-2] in ("De", "Het") and not first_name(words[0]):
        return True
    if len(words) != 2 or name[:1] not in "dh'" or folded[0] not in ("de", "het", "'t"):
        return False
    lists = _lists()
    person = folded[0] == "de" and surname(words[1]) and folded[1] not in lists.not_names
    organisation = in_a_place(name, 0, len(name), frozenset(), lists.organisations)
    return not person or folded[1] in CAPS_ROLE_NOUNS or organisation


#: Words after which a tussenvoegsel in capitals and a surname more often name a place or organisation (naar De Bron,
#: bij De Kern, in De Linde) than a person, and words that join one to the one before it (Vossenbrink en De Braak,
#: De Hoven en De Boomgaard: 33 of the national place sentences): such a surname alone is kept.
_PLACE_WORDS = frozenset(
    """in op bij naar aan uit van voor achter naast tegenover langs door over onder richting via rond om tot vanuit
    nabij met tussen zonder per sinds na vanaf binnen buiten en of inclusief incl exclusief plus zoals dan""".split()
)
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[^\S\n]+$")


def surname_alone(text: str, start: int, end: int, places: frozenset[str]) -> bool:
    """Whether a tussenvoegsel in capitals and one word inside a sentence (``text[start:end]``: Ik zag De Jong, Ik heb
    Van Leeuwen al gebeld) are a person's surname: the word is a listed surname and no ordinary word, place or
    organisation, and the word before is in lower case and no preposition (naar De Bron, bij De Kern, Maar De Bron
    is dicht stay). names4."""
    word = _WORD.findall(text, start, end)[-1]
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    lists = _lists()
    return (
        surname(word)
        and word.casefold() not in lists.not_names
        and word.casefold() not in BUURTHUIS_NOUNS  # Met Pasen is De Kern dicht (names5: review v M3)
        and bool(before)
        and before[1][0].islower()  # not after a word opening the sentence (Maar De Bron is dicht)
        and before[1].casefold() not in _PLACE_WORDS
        and not in_a_place(text, start, end, places, lists.organisations)
        and not in_a_place(text, start, end, lists.places, frozenset())
    )


def capitals_end(
    text: str, start: int, end: int, *, titled: bool = False, open_unlisted: bool = False, places=frozenset()
) -> int:
    """Where a name in capitals that a title, role, speech verb or introduction names (``text[start:end]``) ends:
    :func:`name_run` from ``start`` (MEVROUW DE VRIES BELDE, TANTE RIET KOMT, MIJN BUURVROUW NOWAK HELPT); ``start``
    when it opens with no name (IK BEN HET ZAT, ZEGT HET GENOEG?, DE WIJKAGENT KWAM NIET: the rest of the sentence
    went as a name). After a title or role (``open_unlisted``) a word no list holds is a name too. names4, names5."""
    return name_run(text, start, titled=titled, open_unlisted=open_unlisted, places=places)
