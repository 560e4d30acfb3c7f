"""Whether a house number :mod:`.scrub` found beside no street is a home's: a number closing a clause beside an
address word (``Ik woon aan de Dennenstraat. Nummer 4.``), after living beside a street (``Ze woont op 3.``), in
words after ``nummer`` beside a home (``Ze woont op nummer vier.``, not a ranking: ``Woningnood staat op nummer
één.``), or a street and number after living (``Ik woon aan de Lange Wemen 1.``, not ``Ik woon in Wijk 4.``). Moved
out of :mod:`.scrub_parts` (sweep12), which had grown past 500 lines; the patterns are there.
"""

from __future__ import annotations

import re

from buurtdata.gemeente_lookup import fold
from buurtdata.sources.interviews.patterns import _STREET_SUFFIX
from buurtdata.sources.interviews.person_words import lists

#: A word that says a house number beside it is a home's: a street (Dennenstraat, Berflo Esweg, de straat), a
#: portiek, flat or galerij, living there (woon, woont, wonen), a house, door or address.
_ADDRESS_WORD = re.compile(
    rf"(?i:\b(?:woon\w*|wonen|woning\w*|portiek\w*|flat\w*|galerij\w*|straat|adres\w*|huis|huizen|deur|voordeur"
    rf"|huisnummer\w*)\b)|\b[A-Z]\w*(?:{_STREET_SUFFIX})\b"
)
#: The words of :data:`_ADDRESS_WORD` that say a house number in words is a home's (see home_said): not a compound
#: of woning, which names a subject (woningnood, de woningcorporatie: review AC 2).
_HOME_WORD = re.compile(
    rf"(?i:\b(?:woon\w*|wonen|woning|woningen|portiek\w*|flat\w*|galerij\w*|straat|adres\w*|huis|huizen|deur"
    rf"|voordeur|huisnummer\w*)\b)|\b[A-Z]\w*(?:{_STREET_SUFFIX})\b"
)
#: A verb that puts a thing on a list: before ``op nummer`` in its clause, the number is a ranking (review AC 2).
_RANKING_VERB = re.compile(
    r"(?i:\b(?:sta(?:at|an)|stond(?:en)?|k(?:omt|omen|wam|wamen)|eindig(?:t|de|den|en)|zet(?:ten|te)?)\b)"
)
#: Such a verb right after the number; ``closes`` when it ends the clause (dat onderhoud op nummer één staat.).
_RANKING_AFTER = re.compile(
    r"[^\S\n]++(?i:sta(?:at|an)|stond(?:en)?|k(?:omt|omen|wam|wamen))\b(?P<closes>[^\S\n]*+(?:[.,;:!?)]|$))?"
)
#: Living right after the number (komt op nummer twaalf wonen, komen op nummer negen te wonen): a home, though a
#: ranking verb goes before (review AD 5).
_LIVING_AFTER = re.compile(r"[^\S\n]++(?:te[^\S\n]++)?(?i:wonen|woont|woonde|woonden)\b")
#: A home as the subject of a standing verb, which then says where it stands (review AD 5): a possessed home in the
#: clause (haar huis staat op nummer zeven, het huis van Kees), after no preposition (voor mijn huis staat parkeren op
#: nummer één stays), or a home just before op nummer (staat het huis op nummer negen te koop). Not the house of an
#: article's thing (het huis van de buurt, het onderhoud van de flat).
_HOME_SUBJECT = re.compile(
    r"(?<![\w'])(?<!(?i:voor|naar|rond) )(?<!(?i:naast) )(?<!(?i:achter) )(?<!(?i:in|om|op) )"
    r"(?<!(?i:bij|van|uit|aan|met) )"
    r"(?i:(?:ons|onze|mijn|m'n|haar|zijn|z'n|hun|d'r|jullie)[^\S\n]++(?:huis|huisje|woning|flat|flatje"
    r"|appartement)|het[^\S\n]++huis[^\S\n]++van[^\S\n]++(?:mijn|m'n|haar|zijn|z'n|hun|ons|onze|d'r))(?![\w'])"
    r"|(?<![\w'])(?i:het)[^\S\n]++(?i:huis)[^\S\n]++(?i:van)[^\S\n]++(?:[A-Z]|\[naam\])"
)
_HOME_JUST_BEFORE = re.compile(
    r"(?<![\w'])(?i:(?<!van )(?:het|een|ons|mijn|m'n|haar|zijn|z'n|hun|d'r)[^\S\n]++(?:huis|huisje|appartement)"
    r"|(?<!van )(?:de|een|onze|mijn|m'n|haar|zijn|z'n|hun|d'r)[^\S\n]++(?:woning|flat))[^\S\n]++\Z"
)
#: A standing verb: the only ranking verb a home as subject turns into where it stands (Mijn huis kwam op nummer drie
#: stays a ranking).
_STANDS = re.compile(r"(?i:\b(?:sta(?:at|an)|stond(?:en)?)\b)")
#: A ranking's list after the number (op nummer één van de lijst, van de wensen), not a street's (op nummer zeven van
#: de Molenweg, van de straat).
_OF_A_LIST = re.compile(
    r"[^\S\n]++(?i:van|op|in)[^\S\n]++(?:(?i:\w*lijst\w*|top\w*)\b|(?i:de|het|onze|ons|hun|mijn)[^\S\n]++"
    r"(?!(?i:straat|weg|laan|flat|portiek|galerij|buurt|wijk|hoek)\b)[a-zà-ÿ])"
)
#: A list named before the number in its clause (Hun flat staat op de lijst op nummer twee).
_LIST_BEFORE = re.compile(r"(?i:\b(?:\w*lijst\w*|top[^\S\n]*+\d*)\b)")
#: The first number of a range (van nummer één tot nummer tien; tot en met tien).
_RANGE = re.compile(r"[^\S\n]++(?i:tot)(?:[^\S\n]++en[^\S\n]++met)?[^\S\n]++")
#: Where a clause ends, for the ranking verbs before a number (a comma, semicolon or colon, or a sentence's end).
_CLAUSE_END = re.compile(r"[.!?;:,]\s|\n")
#: A floor after the number (Nr. 110, drie hoog; 3-hoog), which says it as well.
_FLOOR = re.compile(r"(?i:\b(?:een|twee|drie|vier|vijf|zes|\d{1,2})[\s-]?hoog\b)")
#: Where a sentence ends: a full stop, question or exclamation mark and a space, or a new line.
_SENTENCE_END = re.compile(r"[.!?]\s|\n")
#: How far back a street is looked for before a house number after living (see beside_a_street).
_LOOK_BACK = 400
#: A street named (Stationsstraat, Jan van Galenstraat).
_STREET_NAMED = re.compile(rf"\b[A-Z]\w*(?:{_STREET_SUFFIX})\b")


def kept_number(group: str, match: re.Match[str], places: frozenset[str]) -> bool:
    """Whether a house number that ``group`` found (``match``) is kept: no home's number beside it (see
    :func:`at_an_address`, :func:`beside_a_street`, :func:`home_said`, :func:`lives_on`); False for other groups."""
    if group == "number_alone":
        return not at_an_address(match.string, match.start())  # a ranking or answer (Nummer 1.), no home's number
    if group == "lives_at":
        return not beside_a_street(match.string, match.start())  # Ze woont op 3. (a floor, or no street with it)
    if group == "number_said":
        return not home_said(match)  # op nummer één, bij nummer twaalf: a ranking or count, no home beside it
    return group == "lives_on" and not lives_on(match, places)


#: The first word of what a home is in and no street is named (Ik woon in Wijk 4, in Blok 3, op Kamer 12).
_NO_STREET = re.compile(
    r"(?i:wijk|buurt|blok|fase|flat|portiek|galerij|gebouw|toren|kamer|unit|groep|klas|deel|zone|huis|nummer|nr|etage"
    r"|verdieping|appartement|hoog|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|januari|februari|maart"
    r"|april|mei|juni|juli|augustus|september|oktober|november|december)(?![\w'’-])"
)


_YEAR_END = re.compile(r"(?<!\d)(?:19|20)\d\d\Z")


def lives_on(match: re.Match[str], places: frozenset[str]) -> bool:
    """Whether what follows living (group ``lives_on``) is a street and house number: not a wijk, block or floor
    (:data:`_NO_STREET`), nor a place of the project (``places``, folded: Ik woon in Berflo Es 2) or a known
    organisation (Ik woon boven Albert Heijn 2), and with ``op`` before the number or a year as the number only a
    street named as one (Ik woon in de Stationsstraat op 5; not in Klein Driene op 3, Wonen in Hengelo 2025).

    >>> from buurtdata.sources.interviews.scrub_parts import _LIVES_ON
    >>> found = re.compile(_LIVES_ON).search
    >>> street, wijk = found("Ik woon aan de Lange Wemen 1."), found("Ik woon in Wijk 4.")
    >>> lives_on(street, frozenset()), lives_on(wijk, frozenset()), lives_on(street, frozenset({"lange wemen"}))
    (True, False, False)
    """
    start = match.start("home_street")
    name = match.string[start : match.start("home_op") if match["home_op"] else match.end()]
    street = _STREET_NAMED.search(name)
    if _NO_STREET.match(match.string, start) or (not street and (match["home_op"] or _YEAR_END.search(name))):
        return False  # in Wijk 4, in Klein Driene op 3, Wonen in Hengelo 2025
    words = " ".join(word for word in name.split() if not word[0].isdigit())
    return fold(words) not in places and fold(name) not in places and words.casefold() not in lists().organisations


def beside_a_street(text: str, start: int) -> bool:
    """Whether a street is named before ``start`` of ``text`` in its sentence or the one before.

    >>> beside_a_street("Ik woon in de Dennenstraat. Ze woont op 3.", 31), beside_a_street("Ze woont op 3.", 3)
    (True, False)
    """
    # Read back at most _LOOK_BACK characters: from the text's start, a text of many such numbers took quadratic time.
    window = max(0, start - _LOOK_BACK)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, window, start)]
    return bool(_STREET_NAMED.search(text, ends[-2] if len(ends) > 1 else window, start))


#: The emergency number after nummer or nr (see at_an_address), and words that say it is one.
_EMERGENCY_NUMBER = re.compile(r"(?i:nummer|nr)\.?\s*+112(?!\d)")
_EMERGENCY = re.compile(r"(?i:\b(?:bel\w*|gebeld|alarm\w*|nood\w*|spoed\w*|brand\w*|ambulance|politie|hulp\w*)\b)")


def at_an_address(text: str, start: int) -> bool:
    """Whether a house number alone at ``start`` of ``text`` stands beside an address: an address word
    (:data:`_ADDRESS_WORD`) in its sentence or the one before, or a floor after it in its sentence.

    >>> at_an_address("Ik woon aan de Dennenstraat. Nummer 4.", 29), at_an_address("Wat eerst? Nummer 1.", 11)
    (True, False)
    >>> at_an_address("Nr. 110, drie hoog", 0)
    True
    """
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    if _EMERGENCY_NUMBER.match(text, start):
        # 112 is a home's number only beside an address word in its own sentence and no emergency (Ik zit in de flat,
        # nr. 112: sweep12 F3; not In nood: nummer 112!, Brand in de flat? Bel. Nummer 112.).
        opens = ends[-1] if ends else 0
        return bool(_ADDRESS_WORD.search(text, opens, start)) and not _EMERGENCY.search(text, opens, start)
    if _ADDRESS_WORD.search(text, ends[-2] if len(ends) > 1 else 0, start):
        return True
    end = _SENTENCE_END.search(text, start + 4)
    return bool(_FLOOR.search(text, start, end.start() if end else len(text)))


def home_said(match: re.Match[str]) -> bool:
    """Whether a house number in words (group ``number_said``) is a home's: after ``huisnummer``, or with a home
    word (:data:`_HOME_WORD`: living, a house, door, flat or street) in its sentence, before or after it (``Bij
    nummer zeven wonen ze``), or the sentence before; ``op nummer twee`` and ``bij nummer twaalf`` alone are a
    ranking or count.
    A ranking stays beside a home word too (review AC 2): ``op nummer`` after a verb of ranking in its clause
    (``Woningnood staat bij ons op nummer één``, ``Het huis kwam op nummer drie``), opening a clause that such a verb
    goes on (``Op nummer één staat de buurt``) or closing one with it (``dat onderhoud op nummer één staat.``), and a
    range (``van nummer één tot nummer tien``); but not with living right after the number or a home as the subject of
    a standing verb (``Hij komt op nummer twaalf wonen``, ``Ons huis staat op nummer vijf``: review AD 5).

    >>> from buurtdata.sources.interviews.scrub import scrub_text
    >>> import pandas as pd
    >>> scrub_text(pd.Series(["Ze woont op nummer vier.", "Woningnood staat op nummer één."])).tolist()
    ['Ze woont op nummer [huisnummer].', 'Woningnood staat op nummer één.']
    >>> scrub_text(pd.Series(["Het huis op nummer zeven staat leeg."])).tolist()
    ['Het huis op nummer [huisnummer] staat leeg.']
    """
    if match[0][:1] in "hH":
        return True
    # Read at most _LOOK_BACK characters either way: a text of many such numbers took quadratic time from its start.
    text, start, after = match.string, match.start(), match.end()
    if _RANGE.match(text, after):
        return False
    window = max(0, start - _LOOK_BACK)
    if match[0][:1] in "oO":
        clause = [m.end() for m in _CLAUSE_END.finditer(text, window, start)]
        opens = clause[-1] if clause else window
        if not _home_despite_ranking(text, opens, start, after):
            if _RANKING_VERB.search(text, opens, start):
                return False
            verb = _RANKING_AFTER.match(text, after)
            if verb and (not text[opens:start].strip() or verb["closes"] is not None):
                return False
    ends = [m.end() for m in _SENTENCE_END.finditer(text, window, start)]
    if _HOME_WORD.search(text, ends[-2] if len(ends) > 1 else window, start):
        return True
    end = _SENTENCE_END.search(text, after, after + _LOOK_BACK)
    return bool(_HOME_WORD.search(text, after, end.start() if end else after + _LOOK_BACK))


def _home_despite_ranking(text: str, opens: int, start: int, after: int) -> bool:
    """Whether ``op nummer`` at ``start`` (its clause opening at ``opens``, its number ending at ``after``) is a home's
    though a ranking verb is beside it (review AD 5): living right after the number (``Hij komt op nummer twaalf
    wonen``), or a home as the subject of a standing verb in its clause (``haar huis staat op nummer zeven``, ``staat
    het huis op nummer negen te koop``), the number of no list (``op nummer één van de lijst``, ``van de wensen``,
    ``staat op de lijst op nummer twee``)."""
    if _LIVING_AFTER.match(text, after):
        return True
    if (
        _OF_A_LIST.match(text, after)
        or _LIST_BEFORE.search(text, opens, start)
        or not _STANDS.search(text, opens, start)
    ):
        return False
    return bool(
        _HOME_SUBJECT.search(text, opens, start) or _HOME_JUST_BEFORE.search(text, max(opens, start - 40), start)
    )
