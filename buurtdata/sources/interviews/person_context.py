"""What the words around a name say about it, for :mod:`.person_names` (all FICTIEF examples): whether it opens a
sentence, follows a number or an ordinary capitalised word (a place's name: ``Wijk 14 Fatima``, ``Oud Krispijn``),
whether what follows a person's ``van`` or ``in`` is where they are from (``Kees Visser van Welbions``), and whether
``Met`` opening a sentence is a preposition or a phone greeting. Split off :mod:`.person_names` to keep it small
(names4).
"""

from __future__ import annotations

import re

from buurtdata._text import MONTHS, SHORT_MONTHS
from buurtdata.sources.interviews.person_parts import ARTICLES, TUSSENVOEGSELS, first_name, in_a_place, surname
from buurtdata.sources.interviews.person_words import BUURTHUIS_NOUNS
from buurtdata.sources.interviews.person_words import lists as _lists

#: A capital letter, and a word that starts with one (Anne-Marie, O'Brien).
UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĲĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_WORDS = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"(?:^|[.!?:;…\"“”(\[\n-])\s*$")


def words(name: str) -> list[str]:
    """The words of ``name``, a letter alone only in capitals (initials)."""
    return [w for w in _WORDS.findall(name) if len(w) > 1 or w.isupper()]


def opens_sentence(text: str, start: int) -> bool:
    """Whether ``text[start:]`` opens a sentence (or a bracket, quote or line)."""
    return bool(_SENTENCE_END.search(text[max(0, start - 4) : start]))


#: Where a clause ends right after a name: a full stop, comma, question mark, line end or the text's end.
_CLAUSE_CLOSES = re.compile(r"[^\S\n]*+(?:[.!?;,\n]|\Z)")


def closes_clause(text: str, end: int) -> bool:
    """Whether a clause ends at ``end`` of ``text`` (spaces aside): a listed first name and surname opening a sentence
    and standing alone there are a person's whole name (``Henk Bakker.``, ``Gerda Hulshof, 82 jaar.``, ``R: Henk
    Bakker, ik woon hier``: sweep12 F1), as a transcript's answer to ``Hoe heet u?`` writes it.

    >>> closes_clause("Henk Bakker.", 11), closes_clause("Henk Bakker, 70 jaar", 11)
    (True, True)
    >>> closes_clause("Henk Bakker zag het", 11)
    False
    """
    return bool(_CLAUSE_CLOSES.match(text, end))


def from_something(text: str, start: int, end: int, places: frozenset[str]) -> bool:
    """Whether ``text[start:end]``, after ``van``, ``in`` or ``op`` in lower case, is an organisation or a place of
    the project, or a place Deduce lists that is no listed surname (met van der Berg is a person)."""
    lists = _lists()
    if in_a_place(text, start, end, places, lists.organisations):
        return True
    found = words(text[start:end])
    if (
        len(found) == 1
        and not (first_name(found[0]) or surname(found[0]))
        and _NAME_BEFORE.search(text, max(0, start - 60), start)
    ):
        return True  # one word no list holds, after a person's name: Kees Visser van Welbions
    return (
        bool(found)
        and found[0].casefold() not in lists.surnames
        and in_a_place(text, start, end, lists.places, frozenset())
    )


#: A capitalised word (or the placeholder of a name, read again: see scrub._scrubbed), and ``van``, ``in`` or the
#: like after it, just before where a match starts.
_NAME_BEFORE = re.compile(
    rf"(?:[{UPPER}][^\W\d_]*|\[naam\])[^\S\n]+(?:van|in|op|uit|bij)[^\S\n]+(?:(?:de[nr]?|het|'t)[^\S\n]+)?$"
)


def met_something(text: str, at: int, start: int, end: int, name_words: list[str]) -> bool:
    """Whether ``Met`` opening a sentence at ``at`` is the preposition before an organisation or thing (Met
    Wijkracht hebben we een plan, Met Vrolijk Pasen kwam iedereen), not a phone greeting (Met Anneke., Hallo, met
    Anneke): the name (``text[start:end]``) opens with no listed first name or surname, and the sentence goes on."""
    if text[at : at + 3].casefold() != "met" or not opens_sentence(text, at):
        return False
    first = next((w for w in name_words if w.casefold() not in ARTICLES), name_words[0])
    return not (first_name(first) or surname(first)) and bool(re.match(r"[^\S\n]+[a-zà-ÿ]", text[end : end + 3]))


_WORD_BEFORE = re.compile(r"(?:(\d)|([^\W\d_]+))[^\S\n]+$")


def after_a_word(text: str, start: int) -> bool:
    """Whether a number (Wijk 14 Fatima) or a capitalised ordinary word (Oud Krispijn, Blauwe Keet) goes just
    before: a place's name, not a person's."""
    found = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if not found:
        return False
    word = found[2]
    return bool(found[1]) or (
        word[0].isupper()
        and not opens_sentence(text, found.start())
        and (word.casefold() in _lists().not_names or word.casefold().rstrip("e") in _lists().not_names)
    )


#: The plural of a family name: a capitalised word ending in s or 's (Jansens, Bakkers, El Amrani's), a tussenvoegsel
#: before it allowed (Van Dijks).
_PLURAL = re.compile(r"(?P<stem>[^\W\d_]+?)(?:'s|’s|s)\Z")
#: The shortest surname read in a plural (Smits, Bakkers; not Vos, Bos: the surname is the word itself).
_SHORTEST_STEM = 4
#: After De X-s opening a sentence, what a place takes and a family does not: a verb in the singular (De Akkers is een
#: fijne buurt) or another name with De (De Akkers en De Velden).
_A_PLACE_AFTER = re.compile(
    r"[^\S\n]++(?:(?:is|was|heeft|had|wordt|werd|ligt|lag|blijft|bleef|staat|stond|telt|heet|krijgt|kreeg)(?!\w)"
    r"|(?:en|of)[^\S\n]++De[^\S\n])"
)


#: People named after a region or city whose word the surname list holds as well (de Tukkers, de Brabanders, de
#: Hollanders, de Hagenaars): in the plural after de, a group, no family (review aa, S5). Other demonyms (Twentenaren,
#: Achterhoekers, Urkers) are in no name list and stay anyway.
DEMONYMS = frozenset(
    """tukker brabander hollander hagenaar limburger groninger amsterdammer rotterdammer utrechter gelderlander
    overijsselaar achterhoeker twentenaar urker volendammer haarlemmer leidenaar delftenaar
    tilburger eindhovenaar bosschenaar bredanaar nijmegenaar arnhemmer zwollenaar deventenaar zutphenaar almeerder
    amersfoorter apeldoorner maastrichtenaar venlonaar heerlenaar scheveninger westlander veluwenaar zaankanter
    betuwenaar flevolander randstedeling""".split()
)


#: Months and their short forms, after a number that is a date (op 1 januari, van 5 mrt).
_MONTH_WORDS = "|".join((*MONTHS, *SHORT_MONTHS))

#: Where a household lives, after its name: a people of a region or city named so is a family (De Hollanders van
#: nummer 4, de Brabanders van hiernaast: fix-left10), as a group lives nowhere in particular. Only a house number
#: counts (review AC 2, 3): no year, age, date or span (De Hollanders van 1953, De Marokkanen van 18 tot 25 jaar, De
#: Hollanders op 1 januari), no ranking (op nummer één van de lijst), and boven or beneden only before no article (De
#: Limburgers van beneden de rivieren stay), de overkant only of the street (De Turken van de overkant van de oceaan).
_AT_HOME = re.compile(
    r"[^\S\n]++(?:van|op)[^\S\n]++(?:(?:nummer|nr\.?)(?![^\S\n]++\w++[^\S\n]++(?:van|op|na)[^\S\n])"
    r"|(?!(?:19|20)\d\d(?!\d))\d{1,4}+[a-zA-Z]?(?![\w-])(?![^\S\n]*+(?i:tot|t/m|en|of|na|jaar|jarigen|uur|keer|procent"
    rf"|euro|minuten|{_MONTH_WORDS})\b)"
    r"|hiernaast|hierboven|hieronder|(?:boven|beneden)(?![^\S\n]++(?:de|het|den|der|des|'t)(?!\w))"
    r"|de[^\S\n]++overkant(?![^\S\n]++van\b)|om[^\S\n]++de[^\S\n]++hoek)(?![^\W\d_])"
)


#: The words before a household's name in person_names' _WHOSE (Die van Hendriksen: fix-left10).
_DIE_VAN = re.compile(r"(?i:die)[^\S\n]+van[^\S\n]+")


def no_household(text: str, opens: int, start: int, words: list[str]) -> bool:
    """Whether the name ``words`` at ``start`` of ``text``, after ``die van`` from ``opens``, is no household: a
    household is one surname (Die van Hendriksen), with its tussenvoegsel too when the surname is listed (Die van De
    Jong, Van Dijk: review AD 5); other words with a tussenvoegsel, or more words, are more often a shop, corporation
    or painter (die van De Key, and die van Van Haren and Van Gogh, which the organisations list holds: review AC 7).
    The other rules read such a name as they would without die van (die van Henk de Vries goes, die van Bakker
    [naam]).

    >>> no_household("die van De Key", 0, 8, ["De", "Key"]), no_household("die van Smit", 0, 8, ["Smit"])
    (True, False)
    >>> no_household("die van De Jong", 0, 8, ["De", "Jong"]), no_household("die van Van Gogh", 0, 8, ["Van", "Gogh"])
    (False, True)
    """
    if not _DIE_VAN.fullmatch(text, opens, start):
        return False
    return (len(words) > 1 or words[0].casefold() in TUSSENVOEGSELS) and not _family_with_particle(words)


def _family_with_particle(words: list[str]) -> bool:
    """Whether ``words`` are tussenvoegsels and one listed surname (De Jong, Van Dijk, El Amrani, Ter Horst, Van der
    Berg): the commonest Dutch surnames are written so, and after die van they are a household (review AD 5). Not an
    organisation, shop or painter known by such a name (De Key, Van Haren, Van Gogh), nor a word no list holds
    as a surname (De Bijenkorf)."""
    folded = [w.casefold() for w in words]
    if len(folded) < 2 or len(folded) > 4 or any(w not in TUSSENVOEGSELS for w in folded[:-1]):
        return False
    name = " ".join(folded)
    return name not in _lists().organisations and name not in _KNOWN_WITH_PARTICLE and surname(words[-1])


#: Shops, a hotel chain and a painter named with a tussenvoegsel and a listed surname, which die van means more often
#: than a household (review AC 7). Only after die van: elsewhere Mevrouw Van Haren is a person.
_KNOWN_WITH_PARTICLE = frozenset({"van gogh", "van haren", "van der valk", "de gruyter", "van dal", "de tuinen"})


def plural_family(text: str, start: int, end: int, places: frozenset[str]) -> bool:
    """Whether ``text[start:end]``, after ``de``, names a household by its family name in the plural (De Jansens
    hebben schulden, bij de Pietersens thuis, de El Amrani's): its last word without the s is a listed surname, or
    the name has a tussenvoegsel; not a buurthuis (de Molens), organisation (de Lidls, de Blokkers), people of a region
    or city (:data:`DEMONYMS`: de Brabanders, but for one at its home: De Hollanders van nummer 4), ordinary word or
    place (a place of the project or of Deduce's list),
    nor after De with a capital inside a sentence (In De Akkers).

    >>> plural_family("De Jansens hebben", 3, 10, frozenset()), plural_family("bij de Molens", 7, 13, frozenset())
    (True, False)
    >>> plural_family("De Tukkers van", 3, 10, frozenset()), plural_family("naar de Zeemans", 8, 15, frozenset())
    (False, False)
    """
    name = words(text[start:end])
    stem = _PLURAL.match(name[-1]) if name else None
    at = len(text[:start].rstrip()) - 2  # where the de before it starts
    if stem is None or len(stem["stem"]) < _SHORTEST_STEM:
        return False  # Op de Vos
    if text[at] == "D" and (not opens_sentence(text, at) or _A_PLACE_AFTER.match(text, end)):
        return False  # part of a name inside a sentence (In De Akkers, bij De Molens), or a place (De Akkers is ...)
    lists, folded = _lists(), stem["stem"].casefold()
    if folded in DEMONYMS and _AT_HOME.match(text, end):
        return True  # De Hollanders van nummer 4: a family at its home
    if (
        folded in lists.not_names
        or folded in DEMONYMS
        or folded in lists.organisations  # a chain's shops: de Blokkers, de Zeemans
        or folded in BUURTHUIS_NOUNS
        or (len(name) == 1 and first_name(name[0]))
        or in_a_place(text, start, end, places, lists.organisations)
        or in_a_place(text, start, end, lists.places, frozenset())
    ):
        return False
    return len(name) > 1 or surname(stem["stem"])


def first_name_alone(text: str) -> bool:
    """Whether ``text`` is one capitalised word that is a first name of the list (a respondent id ``Truus``).

    >>> first_name_alone("Truus"), first_name_alone("B01"), first_name_alone("truus"), first_name_alone("Maandag")
    (True, False, False, False)
    """
    return bool(re.fullmatch(rf"[{UPPER}][^\W\d_]+", text)) and first_name(text)
