"""People's names in Dutch quotes without a title before them, for :mod:`~buurtdata.sources.interviews.scrub`.

:mod:`.scrub` finds a name after a title or relative and a name a speaker introduces; the patterns here find the
names a careful wijkwerker would strike out besides (all FICTIEF examples):

* after a role or relative (``jongerenwerker Ahmed``, ``vrijwilliger Truus``, ``tante Riet``, ``collega Sandra``);
* a surname with ``van der``, ``van den`` or ``van 't`` (``met van der Berg``), anywhere;
* a name before a role in brackets or after a comma, or an organisation in brackets or after ``van de`` (``De Jong
  (buurtteam Oost)``, ``Ahmed (jongerenwerker)``, ``Sandra, de wijkverpleegkundige``, ``Bakker van de gemeente``);
* a name with a speech verb or whose something is (``Gerrit zegt``, ``De Jong zei``, ``zegt Gerrit``, ``volgens
  Sandra``, ``aldus Kees``, ``de zoon van De Graaf``, ``sprak Visser``, ``met De Jong gepraat``);
* a name after a header word and a colon (``Aan: Marieke Bos``, ``Van: Henk de Vries``, ``Contactpersoon:
  Bakker``), and a double surname (``Jansen-de Vries``);
* a name with a possessive (``Annie's tuin``, ``Kees' fiets``);
* a first name of the Dutch first-name list Deduce ships (the de-identification tool for Dutch text of UMC Utrecht,
  LGPL-3.0: some 14,700 names) inside a sentence (``die van Kees``, ``ik zag Piet``, ``met Joke``, with a surname
  after it: ``Anneke de Boer``; with accents the list lacks: ``Şükrü``) or opening one before ``en`` and another
  name, ``van hiernaast`` and the like, or an age (``Fatima van hiernaast``, ``Kees en Marja``, ``Truus (82)``),
  or before a surname with a tussenvoegsel (``Wim van den Broek``, the whole name);
* names4: a name between dashes before a role (``Henk - de conciërge -``), a name in capitals (``AAN MARIEKE BOS``:
  :func:`.person_parts.capitals`), a surname alone after a verb (``Ik zag De Jong``:
  :func:`.person_parts.surname_alone`) or before a verb only a person does (``Bakker woont hier``), a word name
  before ``is`` and what only a person is (``Roos is mijn buurvrouw``), and a first name before ``, die``.

What is kept (:func:`kept`): a place (the gazetteer's names a build passes as ``places``, and the Dutch places,
gemeenten, provinces and regions Deduce lists), a word ending as a street, building or organisation does
(``Dokter Lohmanstraat``, ``Vluchtelingenwerk``), a known organisation (``Albert Heijn``, ``De Zonnebloem``), and
ordinary words (Deduce's common and stop words, pronouns, days, months, feasts, nationalities): ``Iedereen zegt``,
``Met Kerst``, ``In April``. One capitalised word with a speech verb, a possessive or an organisation is a name
only when it is a listed first name or surname (``omdat Welbions zegt``, ``volgens Humanitas`` stay); a listed
first name that opens a sentence only with a name's context or a word in lower case after it (``Kees en Marja``,
``Kees is mijn buurman``; not ``Koop je``), and one that is first of all a word (:mod:`.person_words`) not before
``is``, ``en``, ``van`` and the like or a verb only a thing does (``Roos en tulpen``, ``Roos bloeit``; ``Roos woont``
and ``Roos staat in de vaas`` go). A person named with the organisation or place they are from is the person only
(:func:`.person_parts.person_end`: ``[naam] van Vluchtelingenwerk zei``). ``Met`` opening a sentence before one
unlisted word and more of the sentence is no phone greeting (``Met Wijkracht hebben we ...``).
"""

from __future__ import annotations

import re

from buurtdata.gemeente_lookup import fold
from buurtdata.sources.interviews.person_context import UPPER as _UPPER
from buurtdata.sources.interviews.person_context import after_a_word as _after_a_word
from buurtdata.sources.interviews.person_context import closes_clause as _closes
from buurtdata.sources.interviews.person_context import from_something as _from_something
from buurtdata.sources.interviews.person_context import met_something as _met_something
from buurtdata.sources.interviews.person_context import no_household as _no_household
from buurtdata.sources.interviews.person_context import opens_sentence as _opens_sentence
from buurtdata.sources.interviews.person_context import words as _words
from buurtdata.sources.interviews.person_parts import ARTICLES as _ARTICLES
from buurtdata.sources.interviews.person_parts import (
    PERSON_STATE,
    a_thing,
    capitals_end,
    organisation_after,
    person_end,
    surname_alone,
)
from buurtdata.sources.interviews.person_parts import THING_ENDS as _THING_ENDS
from buurtdata.sources.interviews.person_parts import TUSSENVOEGSEL_PATTERN as _TUSSENVOEGSEL_PATTERN
from buurtdata.sources.interviews.person_parts import TUSSENVOEGSELS as _TUSSENVOEGSELS
from buurtdata.sources.interviews.person_parts import capitals as _capitals
from buurtdata.sources.interviews.person_parts import first_name as _first_name
from buurtdata.sources.interviews.person_parts import in_a_place as _in_a_place
from buurtdata.sources.interviews.person_parts import no_initials as _no_initials
from buurtdata.sources.interviews.person_parts import person_shaped as _person_shaped
from buurtdata.sources.interviews.person_parts import spoken_with as _spoken_with
from buurtdata.sources.interviews.person_parts import surname as _surname
from buurtdata.sources.interviews.person_words import WORD_NAMES
from buurtdata.sources.interviews.person_words import lists as _lists

#: Possessive (``*+``): a run of hyphen-joined names (Jan-Piet-Klaas-...) is read in one way only, not tried in 2^n
#: splits (review p: 22 names took 2.3 s, 1,000 characters of Anne-Marie- never ended).
_CAP_WORD = rf"[{_UPPER}][^\W\d_]*+(?:['’][{_UPPER}][^\W\d_]*+|-[^\W\d_]++)*+"
#: Tussenvoegsels, as a surname may start with them (van der Berg, De Jong, 't Hart, El Amrani); also read after a
#: name the project lists (:func:`.scrub._listed_pattern`). Made from person_parts' one list.
PARTICLE = _PARTICLE = _TUSSENVOEGSEL_PATTERN
#: One name: a capitalised word with its tussenvoegsels before it (van der Berg, De Jong) and no letter after it.
_NAME_WORD = rf"(?:{_PARTICLE}[^\S\n]+){{0,3}}{_CAP_WORD}(?![\w'’])"
#: A person's name: initials, a name word and up to two more (J. de Vries, Anneke de Boer).
_NAME = rf"(?:[{_UPPER}]\.[^\S\n]?){{0,3}}{_NAME_WORD}(?:[^\S\n]+{_NAME_WORD}){{0,2}}"
#: Where a name may start: not inside a word.
_START = r"(?<![\w'’.-])"
#: The ends of words naming a person by their role, or a relative: tried case-insensitively, whole or as a
#: compound's end (jongerenwerker, buurtsportcoach, wijkverpleegkundige).
_ROLE_ENDS = (
    r"werk(?:st)?er|agente?|coach|consulent|regisseur|verpleegkundige|makelaar|huismeester|buurtmeester|conci[eë]rge"
    r"|beheerder|voorzitter|secretaris|penningmeester|directeur|begeleider|hulpverlener|vrijwilliger|collega"
    r"|vriend(?:in)?|pastoor|dominee|imam|pastor|trainer|docent|juf|meester"
    # names4: roles people name a person by in a buurt (wethouder Kuipers, huisarts Smits, kapelaan Wennink).
    r"|wethouder|raadslid|gedeputeerde|arts|kapelaan|predikant|ouderling|diaken|rabbijn|leraar|lerares|mentor"
    r"|juffrouw|postbode|conducteur|chauffeur|therapeut|psycholoog|kapper|kapster"
)
_RELATIVES = (
    r"tante|oom|opa|oma|neef|nicht|zuster|buurjongen|buurmeisje|overbuurman|overbuurvrouw|buurman|buurvrouw|heer"
)
_ROLE = rf"(?i:[^\W\d_]*?(?:{_ROLE_ENDS})|(?:groot|schoon)?(?:{_RELATIVES}))(?![\w'])"
#: Relatives of someone, in brackets or between dashes after a name (Karin — de vrouw van de bakker —).
_KIN = r"(?:zoon|dochter|vrouw|man|moeder|vader|broer|zus|kleinzoon|kleindochter|schoonzoon|schoondochter)"
#: Words that say what an organisation is, in brackets after its name (De Key (woningcorporatie)).
_ORGANISATION_ENDS = r"team|werk|corporatie|gemeente|politie|stichting|school|centrum|welzijn|zorg|wonen|loket"
#: Verbs that say someone said or thinks something, after the name (Gerrit zegt) or before it (zegt Gerrit).
_SAYS = (
    r"zegt|zei|zeiden|vertelt|vertelde|vindt|vond|vroeg|vraagt|belde|belt|mailde|appte|schreef|schrijft|riep|roept"
    r"|antwoordde|meldde|meldt|klaagde|klaagt|denkt|dacht|weet|wist|legde|heeft\s+gezegd|had\s+gezegd"
    r"|sprak|spreekt|gesproken|gepraat|gebeld"
)
#: Whose something is: de zoon van De Graaf, de tuin van Kees; and a household, die van Hendriksen (fix-left10).
_WHOSE = (
    r"(?:zoon|dochter|kind|kinderen|kleinkind(?:eren)?|vrouw|man|moeder|vader|broer|zus|hond|kat|auto|fiets|tuin"
    r"|huis|schuur|brommer|scooter|die)[^\S\n]+van"
)
_SAYING = rf"(?i:{_SAYS}|volgens|aldus|dankzij|{_WHOSE})"
#: What may follow a first name that opens a sentence: another name (Kees en Marja), where they live
#: (Fatima van hiernaast), a possessive (Kees z'n auto), a colon (a speaker: "Truus: ...") or an age (Truus (82));
#: these say a person is meant, whatever the name.
_OPENING_CONTEXT = (
    rf"[^\S\n]+(?:(?:en|of)[^\S\n]+(?:{_NAME_WORD}|ik(?![\w'])|mijn[^\S\n])"
    r"|van[^\S\n]+(?:hiernaast|hierboven|hieronder|om[^\S\n]+de[^\S\n]+hoek|nummer|boven|beneden|twee[^\S\n]+hoog"
    r"|drie[^\S\n]+hoog)|(?:z'n|d'r|zijn|haar)[^\S\n]+[a-zà-ÿ])"
    rf"|,[^\S\n]*{_NAME_WORD}[^\S\n]*(?:,|en[^\S\n])|[^\S\n]*\([^\S\n]*[1-9]\d{{0,2}}[^\S\n]*\)"
    r"|[^\S\n]*:"
)
#: Pronouns, which a verb opening a question or command goes before, not a name (Koop je hier brood?, Kom jij?), also
#: in English (names4: Mark my words, Mark the date; a Dutch sentence has no such word after a name).
_PRONOUNS = r"(?:je|jij|u|ik|we|wij|ze|zij|jullie|hij|men|my|your|our|the|you|it)(?![\w'’-])"
#: What may follow it besides, for a name that is no word as well (see :mod:`.person_words`): any word in lower
#: case (Kees loopt, Marja woont: review p, the commonest shape of a name in a quote; Kees is mijn buurman, Henk uit
#: de flat, Kees op de hoek, Kees en zijn vrouw: review T H4), or a clause about them (names4: Anouk, die bij de bieb
#: werkt, zegt; Mirjam – die van de kinderboerderij –; not Roos, die ik kreeg, bloeit). A place of that name is kept
#: (:func:`_not_a_name`: the project's places and Deduce's), so "Reinier is een fijne buurt" stays where the build
#: passes Reinier.
_OPENING_WEAK = rf"[^\S\n]+(?!{_PRONOUNS})[a-zà-ÿ]|(?:,|[^\S\n][-–—])[^\S\n]*die[^\S\n]"
#: Verbs only a thing does, before which a first name that is a word as well is the word (Roos bloeit, Diesel kost
#: veel, Melodie klinkt mooi); "staat", "ligt" or "hangt" are a person's too (Roos staat altijd klaar).
_THING_VERBS = (
    r"bloei(?:t|en|de|den)?|geur(?:t|en|de)|verwelk(?:t|en|te)|kost(?:en|te|ten)?|smaak(?:t|te)|smaken|klinkt|klinken"
    r"|klonk|rijp(?:t|en)|ontkiem(?:t|en)|stinkt|stinken|stonk"
)
#: A person from an organisation or place (Sultan van het Rode Kruis, Roos uit Berflo Es), after any first name.
_FROM_CAPITAL = r"[^\S\n]+(?:van|uit|in|bij|op)[^\S\n]+(?:(?:de|het|'t)[^\S\n]+)?[A-ZÀ-ÖØ-Þ]"
#: What may follow a first name that is a word as well (review T H1: Roos woont, Madelief speelt, Sultan woont are
#: people): a word in lower case that is no word a thing's name goes on with (Lente is het mooiste seizoen, Roos en
#: tulpen, Parel van de buurt) nor a verb only a thing does.
#: A first name that is a word as well before ``is`` or ``was`` and what only a person is (Roos is mijn buurvrouw,
#: Roos is vrijwilliger bij de voedselbank, Parel is ziek geworden; not Lente is het mooiste seizoen): names4.
_PERSON_IS = (
    r"[^\S\n]+(?:is|was)[^\S\n]+(?:(?:mijn|m'n|onze|ons|haar|zijn|z'n|d'r|de|een|hun|ook|al|nog|net|pas|heel|erg"
    rf"|echt|zo|weer)[^\S\n]+){{0,3}}(?:{_ROLE}|(?:{_KIN}|{PERSON_STATE})(?![\w'’-]))"
)
_OPENING_WORD_NAME = (
    _FROM_CAPITAL
    + "|"
    + _PERSON_IS
    + r"|[^\S\n]+(?!(?:en|of|is|zijn|was|waren|van|in|op|bij|aan|voor|uit|met|de|het|een|"
    + _THING_VERBS
    + rf")(?![\w'’-])|{_PRONOUNS})[a-zà-ÿ]"
)

#: What a person does or where they live, after a name (see :data:`_CONTEXT`).
_LIVES = (
    r"woont|woonde|van[^\S\n]+(?:hiernaast|hierboven|hieronder|om[^\S\n]+de[^\S\n]+hoek|boven|beneden"
    r"|twee[^\S\n]+hoog|drie[^\S\n]+hoog)"
)
_ACTS = rf"{_LIVES}|werkt|werkte|helpt|hielp|heeft|had|kent|kende"
#: Where a person lives, after a name that opens with a tussenvoegsel: only a person does so (De Jong woont hier), where
#: an organisation works, helps, has and knows too (De Gemeente heeft, De Bron heeft nieuwe openingstijden).
_LIVES_AFTER = re.compile(rf"[^\S\n]+(?:{_LIVES})(?![\w'’-])")
#: After a word, the start of a name: a capital or 't (a first test that fails at most words).
_NAME_NEXT = rf"[^\S\n]+[{_UPPER}']"
#: The start of a name: a capital, or tussenvoegsels and a capital.
_NAME_FIRST = rf"(?=[{_UPPER}]|(?:{_PARTICLE}[^\S\n]+){{1,3}}[{_UPPER}])"
#: What may follow a name to say it is a person's: a role in brackets or after a comma (De Jong (wijkagent),
#: Sandra, de wijkverpleegkundige), an organisation in brackets (De Jong (buurtteam Oost)) or a speech verb.
_CONTEXT = (
    rf"(?=[^\S\n]*(?:\([^\S\n]*|,[^\S\n]*|[^\S\n][-–—][^\S\n]+)(?:(?:de|het|onze?|mijn)[^\S\n]+)?"
    rf"(?:{_ROLE}|{_KIN}[^\S\n]+van(?![\w'])))(?P<bracket_role>)"
    rf"|(?=[^\S\n]*\([^\S\n]*(?i:[^\W\d_]*?(?:{_ORGANISATION_ENDS}))(?![\w'])"
    rf"|[^\S\n]+(?:van|bij)[^\S\n]+(?:de|het)[^\S\n]+(?i:[^\W\d_]*?(?:{_ORGANISATION_ENDS}))(?![\w']))"
    r"(?P<bracket_organisation>)"
    rf"|(?=[^\S\n]+(?:{_SAYS})(?![\w']))(?P<said>)"
    # Beside a contact detail (Kees Bakker, [telefoon]; Truus - [e-mail]; bel Kees op [telefoon]): review T H4. The
    # details are replaced first (see scrub._scrubbed), so their placeholders are what follows here.
    r"|(?=[^\S\n]*(?:[,:(]|[-–—]|[^\S\n](?:op|via|tel\.?|telefoon|mail))?[^\S\n]*\[(?:telefoon|e-mail)\])(?P<contact>)"
    # names4: a verb only a person does, or where they live (Bakker woont hier, Smit van hiernaast heeft): a surname
    # alone, which the first-name rules do not read.
    rf"|(?=[^\S\n]+(?:{_ACTS})(?![\w'’-]))(?P<acts>)"
)

#: A role or speech verb and the name after it (jongerenwerker Ahmed, volgens Sandra), each word read once for both.
_BEFORE_NAME = (
    rf"{_START}(?=[^\W\d_]+(?:[^\S\n]+(?:gezegd|van))?{_NAME_NEXT})(?:{_ROLE}[^\S\n]+(?P<role_named>{_NAME})"
    rf"|{_SAYING}[^\S\n]+(?P<saying_named>{_NAME}))"
)
#: Words of a letter's or form's header that a person's name follows after a colon (Aan: Marieke Bos, Van: Henk de
#: Vries, Contactpersoon: Bakker); not a speaker's tag (Respondent: ...), which a sentence follows.
_HEADER = (
    r"(?:Aan|Van|Cc|Bcc|Afzender|Geadresseerde|Ontvanger|Naam|Contactpersoon|Contact|Door|Auteur|Notulist"
    r"|Aanwezig|Afwezig|Ondertekend|Namens|Beller|Melder)"
)
#: A double surname with a tussenvoegsel in lower case after the hyphen (Jansen-de Vries, Smit-van Beek, Kok-van der
#: Laan): the shape of a married woman's name; a place writes it with a capital (Graft-De Rijp, Vathorst-De Bron).
_DOUBLE_SURNAME = (
    rf"[{_UPPER}][^\W\d_]+-(?:van|de[nr]?|te[nr]?|'t)(?:[^\S\n]+(?:der|den|de|'t))?[^\S\n]+{_CAP_WORD}"
    r"(?![\w'’-])"
)
#: (group, pattern) of the names that start with a capital or tussenvoegsel, read as one part after one test.
_CAPITAL_PARTS = [
    ("header", rf"{_HEADER}[^\S\n]*:[^\S\n]*(?P<header_named>{_NAME})"),
    ("double_surname", _DOUBLE_SURNAME),
    # A speaker's name in brackets before a colon, as transcripts write it: R (Truus): ..., Interviewer (Sandra): ...
    ("speaker", rf"(?<=\()[^\S\n]*{_NAME}(?=[^\S\n]*\)[^\S\n]*:)"),
    # Initials and a surname (J. de Vries, M. Bakker): initials stand for a person as a title does (review p).
    ("initials", rf"(?:[{_UPPER}]\.[^\S\n]?){{1,3}}{_NAME_WORD}"),
    ("van_der", rf"[Vv]an[^\S\n]+(?:der|den|'t)[^\S\n]+{_CAP_WORD}(?![\w'’-])"),
    ("context_name", rf"{_NAME_FIRST}{_NAME}(?:{_CONTEXT})"),
    ("possessive", rf"[{_UPPER}][^\W\d_{_UPPER}]+(?=['’]s?[^\S\n]+[a-zà-ÿ])"),
    # names4: a surname with its tussenvoegsel in capitals inside a sentence (Ik zag De Jong, Ik heb Van Leeuwen al
    # gebeld), as a surname alone is written: see .person_parts.surname_alone.
    (
        "particle_surname",
        rf"(?<=[a-zà-ÿ][^\S\n])(?:De[nr]?|Van(?:[^\S\n]+(?:de[nr]?|'t))?|Te[nr])[^\S\n]+{_CAP_WORD}(?![\w'’-])"
        rf"(?![^\S\n]+[{_UPPER}\d])",
    ),
    (
        "first_name",
        rf"[{_UPPER}][^\W\d_{_UPPER}]+(?:-[{_UPPER}][^\W\d_{_UPPER}]+)?(?![\w'’-])(?:[^\S\n]+{_NAME_WORD}){{0,2}}",
    ),
    # names4: words in capitals, for emphasis or a sentence written so (WIM HEEFT DE SLEUTEL, tegen ANNA dat): see
    # _capitals. A word of 3 letters or more (a tussenvoegsel before it), and up to 3 more in capitals after it.
    (
        "capitals",
        rf"(?:(?:DE[NR]?|TE[NR]?|'T)[^\S\n]+)?[{_UPPER}]{{3,}}(?:-[{_UPPER}]{{2,}})?(?![\w'’-])"
        rf"(?:[^\S\n]+[{_UPPER}']{{2,}}(?![\w'’-])){{0,3}}",
    ),
]
#: The groups of :data:`PATTERN`, each a name replaced by ``[naam]``; those of :data:`KEPT_WORD` keep the words
#: before it.
GROUPS = ("before_name", *(group for group, _ in _CAPITAL_PARTS))
#: The names of this module as one part of :mod:`.scrub`'s pattern: the empty group after each (its name in
#: :data:`GROUPS`) tells which matched. Each part is tested only where a word starts (and the names of
#: ``_CAPITAL_PARTS`` only at a capital or tussenvoegsel): re tries the pattern at every position of a text.
PATTERN = (
    rf"(?:{_BEFORE_NAME})(?P<before_name>)"
    rf"|{_START}(?=[{_UPPER}'vVdDtT])(?:{'|'.join(f'(?:{pattern})(?P<{group}>)' for group, pattern in _CAPITAL_PARTS)})"
)
#: The groups whose word before the name stays, and the inner group the placeholder replaces.
KEPT_WORD = {"before_name": ("role_named", "saying_named"), "header": ("header_named",)}


def kept(group: str, inner: str | None, match: re.Match[str], places: frozenset[str]) -> int | None:
    """Where to read on when the name found by ``group`` (its ``inner`` group the name, when words before it stay)
    is no person's name (see the module); None when it is one.

    Besides the parts here, ``group`` may be :mod:`.scrub`'s ``person``: a name after a title is kept only as a
    place or organisation (``familie Bakker`` goes), a name a speaker introduces also as an ordinary word (``Met
    Kerst``). ``places``: folded place names of the project (:func:`.person_parts.folded_places`), kept besides
    Deduce's.
    """
    text = match.string
    if group == "context_name":
        group = next(kind for kind in _CONTEXT_KINDS if match[kind] is not None)
        lead = _WORDS.match(text, match.start())  # None before 't (review spelt: 't Hart zegt het crashed)
        ordinary = lead and lead[0].casefold() in _lists().not_names and lead[0].casefold() not in _TUSSENVOEGSELS
        if ordinary and _NAME_NEXT_WORD.match(text, lead.end()):
            return lead.end()  # an ordinary word said first: read on, for the name after it (Zelfs Pieter zegt)
    start, whole = (match.start(inner), match.end(inner)) if inner else (match.start(), match.end())
    # The person's name only, not the organisation or place they are from (Sandra van Vluchtelingenwerk zei).
    end = _person_end(group, inner, match, start, whole, places)
    name = text[start:end]
    words = _words(name)
    if not words:
        # None in capitals: read on from the name, for a title there (VOLGENS WETHOUDER KUIPERS: names5, review v H1).
        return start if start > match.start() else _WORDS.search(text, start).end()
    if group in _CONTEXT_KINDS and a_thing(words, name):
        return match.end()
    if inner == "saying_named" and _no_household(text, match.start(), start, words):
        return start  # die van De Key: read on from the name, as without die van
    if group == "capitals":
        named, at = _capitals(text, start, whole, places)
        return None if named else at
    if group == "particle_surname":
        return None if surname_alone(text, start, whole, places) else whole
    if group == "first_name":
        first = words[0]
        # After an article it names a thing (De Brand, 't Duifje) or is a surname (de Mare); after "in" or "naar",
        # a saint or king, or before a compass word it names a place (in Reinier, Sint Anna, Fatima West).
        if (
            not _first_name(first)
            or _PLACE_BEFORE.search(text, max(0, start - 12), start)
            or _PLACE_AFTER.match(text, start + len(first))
            or _after_a_word(text, start)
            or (_opens_sentence(text, start) and not _opening_named(text, start, end, words, whole))
        ):
            return start + len(first)  # read on from the next word: it may be a name of its own
    elif (group == "said" or inner == "saying_named") and _spoken_with(text, match.start(), start, end, words):
        return match.end()
    elif group == "bracket_role" and len(words) == 1 and text[end:].lstrip()[:1] == ",":
        # One word opening a sentence before a comma and a role is a name when listed (Sandra, de wijkverpleegkundige),
        # else a word said first (Helaas, de wijkagent komt nooit).
        if _opens_sentence(text, start) and not (_first_name(words[0]) or _surname(words[0])):
            return match.end()
    elif group == "contact" and (
        words[0].casefold() in _CONTACT_VERBS or not (_first_name(words[0]) or _surname(words[0]))
    ):
        # Beside a contact detail the name is a person's from a listed word on (Bel Anja op [telefoon]).
        return _WORDS.search(text, start).end()
    elif (
        group in ("said", "contact", "possessive", "bracket_organisation", "header", "acts") or inner == "saying_named"
    ) and len(words) == 1:
        # One word is a name when it is a listed first name or surname: an organisation says things too (omdat
        # Welbions zegt, volgens Humanitas), and a thing has a possessive (de GeoPackage's lagen).
        if not (_first_name(words[0]) or _surname(words[0])):
            return match.end()
    elif group == "acts" and not (
        _first_name(words[0])
        or (
            words[0].casefold() in _TUSSENVOEGSELS
            and _surname(words[-1])
            and words[-1].casefold() not in _lists().not_names
            and _LIVES_AFTER.match(text, whole)
        )
    ):
        return match.end()  # a thing's name of more words (Huis van de Wijk heeft, De Gemeente heeft), no person's
    elif group == "bracket_organisation" and not _person_shaped(words):
        return match.end()
    elif group == "speaker" and not (_SPEAKER_TAG.search(text, max(0, start - 40), start) or _first_name(words[0])):
        return match.end()  # a thing's name in brackets (Buurthuis (De Bron): open), not a speaker's
    elif group == "initials" and _no_initials(text, start, words, places):
        return match.end()
    elif inner in ("role_named", "titled_name") and (
        name[:3] in ("in ", "op ") or (name[:4] == "van " and fold(name[4:]) in places)
    ):
        return match.end()  # where the person is, not a surname (mijn moeder in Almelo, de wijkagent van Berflo Es)
    elif inner == "introduced_name" and _met_something(text, match.start(), start, end, words):
        return match.end()
    # After a title, initials or a role the Dutch place names may be surnames (mevrouw De Vries: Vries is a village).
    titled = inner in ("titled_name", "role_named", "header_named") or group in (
        "bracket_role",
        "bracket_organisation",
        "initials",
        "speaker",
    )
    if inner == "titled_name" and _PERSONAL_TITLE.search(text, max(0, start - 12), start):
        # After mevrouw or meneer a name is a person's, also one that ends as a thing does or names a buurt (review u
        # M1: Mevrouw Huttenhuis, Olde Monnikhof, Oosterveld were kept); an organisation stays (meneer Jumbo).
        return match.end() if _in_a_place(text, start, end, frozenset(), _lists().organisations) else None
    known = places if titled else places | _lists().places
    if not titled and (lead := _FROM_LEAD.match(name)) and _from_something(text, start + lead.end(), end, places):
        return match.end()  # what is left after a person's name: van Albert Heijn zegt, in Hasseler Es zei
    ordinary = inner != "titled_name"
    # Joost van de Sportstichting: the name alone, not one run with the organisation after it (names4).
    alone = group == "bracket_organisation" and organisation_after(text, start, end)
    kept_as_thing = _not_a_name(text, start, end, words, known, ordinary=ordinary, whole=whole, alone=alone)
    return match.end() if kept_as_thing else None


#: After a word, a capitalised word (or tussenvoegsel) of the same name.
_NAME_NEXT_WORD = re.compile(r"[^\S\n]+(?:[A-ZÀ-ÖØ-Þ]|(?:van|de[nr]?|te[nr]?|'t)[^\S\n])")
#: A title that names a person or household (user test V: "de familie Jansen op de Dorpsstraat" was read as a shop).
_PERSONAL_TITLE = re.compile(
    r"(?i:\b(?:mevr(?:ouw|\.)?|meneer|mijnheer|mw\.?|dhr\.?|de heer|fam(?:ilie|\.)|gezin)[^\S\n]+)$"
)
#: The word a person's name ended before (:func:`.person_parts.person_end`), and an article after it.
_FROM_LEAD = re.compile(r"(?:van|in|op|uit|bij)[^\S\n]+(?:(?:de[nr]?|het|'t)[^\S\n]+)?")


#: Words that ask to reach someone, before a name and a contact detail (Bel Anja op [telefoon]): no name themselves.
_CONTACT_VERBS = frozenset("bel bellen mail mailen app appen sms sms'en whatsapp contact tel telefoon".split())
#: The kinds of context after a name of :data:`_CONTEXT`, one of which matched a ``context_name``.
_CONTEXT_KINDS = ("bracket_role", "bracket_organisation", "said", "contact", "acts")
#: Groups whose words before the name (a title, role, header or initials) say it is a person's.
_TITLED = ("titled_name", "role_named", "header_named")


def name_end(group: str, inner: str | None, match: re.Match[str], places: frozenset[str]) -> int:
    """Where the person's name that ``group`` found (and :func:`kept` did not keep) ends: before the organisation
    or place the person is from (Sandra van Vluchtelingenwerk zei het: :func:`.person_parts.person_end`), else at
    the match's end."""
    start, whole = (match.start(inner), match.end(inner)) if inner else (match.start(), match.end())
    if group == "capitals":
        return _capitals(match.string, start, whole, places)[1]
    group = next(k for k in _CONTEXT_KINDS if match[k] is not None) if group == "context_name" else group
    end = _person_end(group, inner, match, start, whole, places)
    return end if end > start else whole  # never nothing: kept() kept a name of no words


def _person_end(group: str, inner: str | None, match: re.Match[str], start: int, end: int, places: frozenset[str]):
    first = _WORDS.match(match.string, start)
    if first and len(first[0]) > 1 and group != "capitals" and match.string[start:end].isupper():
        # In capitals a capital says nothing: the name is its listed names (MEVROUW DE VRIES BELDE, TANTE RIET KOMT),
        # none when it opens with none (IK BEN HET ZAT): names4; after a title also an unlisted word (names5).
        personal = inner == "titled_name" and bool(_PERSONAL_TITLE.search(match.string, max(0, start - 12), start))
        role = inner in _TITLED or group in ("bracket_role", "speaker")
        return capitals_end(match.string, start, end, titled=personal, open_unlisted=role, places=places)
    said = group in ("said", "contact", "acts") or inner == "saying_named"
    titled = inner in _TITLED or group == "initials"
    if titled or (first and (_first_name(first[0]) or (said and _surname(first[0])))):
        return person_end(match.string, start, end, places, titled=titled)
    return end


#: Words that say where in a place: a wijkagent Oost is no person's name.
_COMPASS = frozenset("noord oost zuid west noordoost noordwest zuidoost zuidwest midden centrum binnenstad".split())
_PLACE_BEFORE = re.compile(
    r"(?<![\w'])(?:[Dd]e[nr]?|[Hh]et|'[Tt]|[Ee]en|[Ii]n|[Uu]it|[Rr]ichting|[Vv]ia|[Bb]uiten|[Bb]innen|[Ss]int|St\."
    r"|Sancta|Prins(?:es)?|Koning(?:in)?|Graaf|Gravin|Hertog|Keizer|Paus|Heilige)[^\S\n]+$"
)
_PLACE_AFTER = re.compile(
    r"[^\S\n]+\(?(?i:noord|oost|zuid|west|midden|centrum|dorp|rond|kern|buurt|wijk|e\.o\.)(?![\w-])"
)
_OPENING = re.compile(_OPENING_CONTEXT)
_OPENING_WORD = re.compile(_OPENING_WEAK)
_OPENING_WORD_NAME = re.compile(_OPENING_WORD_NAME)


def _opening_named(text: str, start: int, end: int, words: list[str], whole: int) -> bool:
    """Whether the listed first name ``words[0]`` that opens a sentence at ``start`` (``words``: it and the
    capitalised words after it, to ``end``) is a person's: a surname with a tussenvoegsel follows it (Wim van den
    Broek), a person's context does (see :data:`_OPENING_CONTEXT`), or a word in lower case or ``van de`` does, after
    the name or after a listed surname (Kees loopt, Kees Bakker woont), for a name that is no word as well (not Roos
    bloeit: :mod:`.person_words`, before a verb only a thing does). ``end`` is where the person's name ends before
    the place or organisation they are from (Kees Bakker in Hasseler Es zei), ``whole`` where the capitalised words
    end."""
    first, rest = words[0], words[1:]
    if any(b.casefold() in _SURNAME_PARTICLES and w[:1].isupper() for b, w in zip(rest, rest[1:], strict=False)):
        return True
    after = start + len(first)
    if _OPENING.match(text, after):
        return True
    # Kees Bakker woont, Roos Bakker woont (review T H1: read before a word name's own rule), Els Jansen-de Vries
    # woont; not a place's second word (Zonne Veld is, Wester Eng is).
    last = rest[-1].casefold() if rest else ""
    if (
        rest
        and _surname(rest[-1])
        and last not in _lists().not_names
        and bool(_OPENING.match(text, end) or _OPENING_WORD.match(text, end) or end < whole or _closes(text, end))
    ):
        return True
    return bool((_OPENING_WORD_NAME if first.casefold() in WORD_NAMES else _OPENING_WORD).match(text, after))


_WORDS = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_SURNAME_PARTICLES = {"van", "de", "den", "der", "ter", "ten"}


#: What a transcript writes before a speaker's name in brackets: R (Truus):, Interviewer (Sandra):, P3 (Kees):.
_SPEAKER_TAG = re.compile(
    r"(?:^|[\n.!?:;][^\S\n]*)(?:[A-Z]{1,2}\d{0,3}|(?i:respondent|interviewer|geïnterviewde|bewoner|deelnemer|spreker"
    r"|gesprekspartner|vraag|antwoord))[^\S\n]*\([^\S\n]*$"
)


def _not_a_name(
    text: str,
    start: int,
    end: int,
    words: list[str],
    places: frozenset[str],
    *,
    ordinary: bool = True,
    whole: int | None = None,
    alone: bool = False,
) -> bool:
    """Whether the capitalised words around ``text[start:end]`` name a place, thing or organisation, or (with
    ``ordinary``) open with an ordinary word."""
    lists = _lists()
    first = words[0].casefold()
    if (ordinary and first in lists.not_names and first not in _ARTICLES) or first in _COMPASS:
        return True
    if _in_a_place(text, start, end, places, lists.organisations):
        return True
    # A listed surname may end as a thing does (Van den Berg, Schoolland), and so may a thing's word after a
    # tussenvoegsel (Van de Kerk); another word may not (Lohmanstraat, Anne Frank Park, Van der Pekbuurt).
    # A name that ends before where the person is from is read alone (Sandra, not Sandra van Vluchtelingenwerk).
    run = words if alone or (whole is not None and end != whole) else _words(_run_around(text, start, end)) or words
    for i, word in enumerate(run):
        for j, part in enumerate(word.split("-")):
            found = _THING_ENDS.search(part)
            after_particle = i > 0 and j == 0 and run[i - 1].casefold() in _SURNAME_PARTICLES
            if found and fold(part) not in lists.surnames and not (after_particle and found.start() == 0):
                return True
    return False


_RUN_BEFORE = re.compile(rf"(?:(?:{_CAP_WORD}|{_PARTICLE})[^\S\n]+){{1,6}}$")
_RUN_AFTER = re.compile(rf"(?:[^\S\n]+(?:{_PARTICLE}[^\S\n]+){{0,3}}{_CAP_WORD}){{1,6}}")


def _run_around(text: str, start: int, end: int) -> str:
    """The capitalised words (and tussenvoegsels between them) that ``text[start:end]`` is part of."""
    before = _RUN_BEFORE.search(text[max(0, start - 80) : start])
    after = _RUN_AFTER.match(text, end)
    first = start - len(before[0]) if before and not _opens_sentence(text, start) else start
    return text[first : after.end() if after else end]
