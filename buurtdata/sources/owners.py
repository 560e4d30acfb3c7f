"""Who takes an agreement up (the afspraken template's ``wie``), as it may be printed: a role or organisation,
never a person's name.

``wie`` falls apart into parts (brackets, lists, ``en``, ``of``). A part that holds an organisation word
(``Buurtteam Oost``, ``Rochdale Wonen``, ``Woningcorporatie Eigen Haard``) is an organisation and stays, but for
a name written before it with ``van``, ``bij``, ``namens`` or ``voor`` (``Fatima El Amrani van Buurtteam Oost``).
Otherwise the role words and titles are dropped (``Sociaal Makelaar``, ``jongerenwerker``, ``Dhr.``) and what is
left is a person's name when it looks like one: two or more capitalised words, tussenvoegsels between them
(``Peter Jansen-de Vries``), or initials with a surname (``J. de Vries``), or, with no role in ``wie``, a given
name of the list alone (``Kees``, ``Kees en Buurtteam Oost``). Words are matched whole, or as the end
of a compound (``buurtteam``, ``jongerenwerker``, ``wijkagent``); compass words and short stems (``oost``,
``huis``, ``kerk``, ``raad``, ``park``) only whole, so ``Tom Huisman`` and ``Anna Oosterhuis`` are names. A part
that starts with an article is an organisation's name (``De Key``, ``Het Buurthuis``), but an article or
tussenvoegsels and one capitalised word beside a role are a surname (``De Jong (wijkagent)``, ``de Vries,
jongerenwerker``, ``van der Berg, wijkagenten``), and so are they before ``van`` (``De Jong van Eigen Haard``).
Beside an organisation alone they stay (``De Key en Rochdale Wonen``) unless the scrubbing of quotes after it
knows the word as a surname (``De Jong (buurtteam Oost)`` -> ``[naam] (buurtteam Oost)``,
:mod:`~buurtdata.sources.interviews.person_names`).

What the rule cannot tell apart is taken for a name: an organisation named like a person (``Eigen Haard``,
``Albert Heijn``) is printed ``[naam]`` unless written with what it is (``woningcorporatie Eigen Haard``). A single
capitalised word beside a role (``Ahmed (jongerenwerker)``, ``Ahmed, jongerenwerker``) may be a given name: it is
warned of, and the scrubbing of quotes after it prints it as ``[naam]`` unless it ends as an organisation does
(``Jongerenwerk (coördinator)``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from buurtdata import _errors
from buurtdata._errors import few
from buurtdata.sources.interviews.person_parts import first_name, folded_places, in_a_place
from buurtdata.sources.interviews.privacy import RealNameWarning, pseudonymise
from buurtdata.sources.interviews.scrub import scrub_text

#: Ends of words (or whole words) naming an organisation or a place people work from.
_ORGANISATION_ENDS = (
    "team", "teams", "werk", "vereniging", "stadsdeel", "gemeente", "politie", "stichting", "corporatie", "school",
    "centrum", "centra", "dienst", "diensten", "zorg", "welzijn", "wonen", "loket", "commissie", "platform",
    "bibliotheek", "moskee", "club", "groep", "fonds", "bureau", "afdeling", "organisatie", "kantoor", "ggd",
    "coöperatie", "cooperatie", "partners", "plein", "buurthuis", "wijkhuis", "dorpshuis", "clubhuis", "wijkraad",
    "buurtraad", "dorpsraad", "gemeenteraad", "bewonersraad", "huurdersraad", "cliëntenraad", "jongerenraad",
    "supermarkt", "winkel", "netwerk", "overleg", "collectief", "huisvesting", "woningbouw", "academie",
)  # fmt: skip
#: Whole words naming an organisation (``Jongeren Dynamo``).
_ORGANISATION_WORDS = {"jongeren", "ouderen", "bewoners", "huurders", "ondernemers", "vrijwilligers", "gemeente"}
#: Place words, matched only whole (``Oosterhuis`` is a surname): no part of a name, but after a tussenvoegsel
#: (``Jan van Wijk``, ``Kees van Dorp``, ``Anna de Raad``).
_PLACE_WORDS = {
    "huis", "kerk", "raad", "park", "haven", "markt", "noord", "oost", "zuid", "west", "wijk", "buurt", "stad",
    "dorp", "centrum",
}  # fmt: skip
#: Ends of words (or whole words) naming a person's role, and titles: dropped before a part is tested for a name.
_ROLE_ENDS = (
    "agent", "werker", "makelaar", "coach", "consulent", "medewerker", "coördinator", "coordinator", "voorzitter",
    "wethouder", "directeur", "manager", "beheerder", "regisseur", "adviseur", "verpleegkundige", "huismeester",
    "buurtmeester", "burgemeester", "conciërge", "concierge", "bewoner", "huurder", "ondernemer", "vrijwilliger",
    "leider", "trainer", "docent", "dominee", "imam", "pastor", "secretaris", "penningmeester", "contactpersoon",
    "ambtenaar", "begeleider", "hulpverlener", "wijkverpleging",
)  # fmt: skip
_ROLE_WORDS = {"sociaal", "sociale", "maatschappelijk", "maatschappelijke", "lid", "dhr", "mevr", "mw", "mevrouw",
               "meneer", "heer", "mr", "drs", "dr", "ing", "ir", "boa"}  # fmt: skip
#: Words between the capitalised words of a name (``Jan de Vries``, ``Fatima El Amrani``).
_TUSSENVOEGSELS = {"van", "de", "der", "den", "het", "ter", "ten", "te", "'t", "in", "op", "bin", "da", "la", "le"}
#: Words that put a person before the organisation they work for: ``Anja Bos van Buurtteam Oost``.
_FOR = {"van", "bij", "namens", "voor", "uit"}
#: Where ``wie`` falls apart into parts, each a person, role or organisation: brackets, lists, "en", "of".
_OWNER_PARTS = re.compile(r"[()\[\],;/&+]|\s[-–]\s|\s(?:en|of|met|namens)\s")
_ARTICLES = {"de", "het", "'t"}
_INITIALS = re.compile(r"(?:[^\W\d_]\.)+")
_WORD = re.compile(r"\S+")


def owners_scrubbed(
    owners: pd.Series,
    *,
    names: Iterable[str] = (),
    rows: Iterable[int] | None = None,
    path: Path | None = None,
    places: Iterable[str] = (),
) -> pd.Series:
    """Return ``wie`` as it may be printed and handed over: each part that looks like a person's name (see the
    module) and each of ``names`` (``[privacy] names``, whole words) by ``[naam]``, and contact details and a name
    after a title as scrubbing takes them out of quotes: ``Fatima El Amrani (sociaal makelaar)`` -> ``[naam]
    (sociaal makelaar)``. ``places``: the project's region names, kept as quotes keep them (``buurtvereniging
    Klein Driene``).

    With ``path``, a :class:`RealNameWarning` names the file and the ``rows`` (as the file numbers them) that held a
    name, or a single word beside a role that may be one (kept), never the names, and says the fix.

    >>> owners_scrubbed(pd.Series(["Fatima El Amrani (sociaal makelaar)", "Buurtteam Oost", "Tom Huisman"])).tolist()
    ['[naam] (sociaal makelaar)', 'Buurtteam Oost', '[naam]']
    """
    owners = owners.fillna("").astype(str)
    listed = [n.strip() for n in names if n and n.strip()]
    places = folded_places(places)
    read = {text: _not_places(text, *people(text, listed), listed, places) for text in set(owners)}
    # Each text by its own names: "Eigen Haard" of one row is no name in "woningcorporatie Eigen Haard" of another.
    # Then scrubbed once as quotes are (one pattern for all: it costs about 0.05 s to compile per list of names).
    own = {text: _named_out(text, read[text][0]) for text in read}
    scrubbed = scrub_text(owners.map(own), names=listed, places=places)
    if path is not None:
        numbers = list(rows) if rows is not None else list(owners.index)
        named = [n for n, text, after in zip(numbers, owners, scrubbed, strict=True) if read[text][0] or text != after]
        unsure = [n for n, text in zip(numbers, owners, strict=True) if read[text][1] and n not in named]
        if named:
            _errors.warn(
                f"{path}: the wie column holds what looks like a person's name in row(s) {few(list(map(str, named)))}; "
                "the template asks for a role or organisation (sociaal makelaar, buurtteam), never a private name. It "
                "is printed as [naam]; replace the name in the file by the role (an organisation named like a person "
                "is kept when written with what it is: woningcorporatie Eigen Haard).",
                RealNameWarning,
                stacklevel=3,
            )
        if unsure:
            _errors.warn(
                f"{path}: the wie column holds a single word beside a role in row(s) {few(list(map(str, unsure)))} "
                "that may be a given name (Ahmed (jongerenwerker)); it is printed as written. If it is a person's "
                "name, write the role alone, or list the name under [privacy] names.",
                RealNameWarning,
                stacklevel=3,
            )
    return scrubbed


def agreements_scrubbed(
    agreements: pd.Series, owners: pd.Series, *, names: Iterable[str] = (), places: Iterable[str] = ()
) -> pd.Series:
    """Return the ``afspraak`` texts of one file as they may be printed and handed over: scrubbed as quotes are
    (contact details, a name after a title, each of ``names``) and of every person's name the file's ``wie``
    (``owners``, as written) holds, however spaced: ``Karin Visser (06-12345678) belt mevr. Jansen`` beside ``wie``
    ``Karin Visser (wijkagent)`` -> ``[naam] ([telefoon]) belt mevr. [naam]``. A name nobody wrote in ``wie`` nor
    listed is not found, as in quotes. ``places``: the project's region names, kept as quotes keep them (``Met
    Klein Driene organiseren we een avond`` is about a buurt; without them it read ``Met [naam] ...``, fix-left10).

    >>> agreements_scrubbed(pd.Series(["Karin Visser belt, 06-12345678"]), pd.Series(["Karin Visser"])).tolist()
    ['[naam] belt, [telefoon]']
    """
    listed = [n.strip() for n in names if n and n.strip()]
    places = folded_places(places)
    named = sorted(
        {
            name
            for text in set(owners.fillna("").astype(str))
            for name in _not_places(text, *people(text, listed), listed, places)[0]
        }
    )
    texts = agreements.fillna("").astype(str)
    return scrub_text(texts.map(lambda text: _named_out(text, named)) if named else texts, names=listed, places=places)


def _not_places(
    text: str, found: list[str], single: bool, listed: list[str], places: frozenset[str]
) -> tuple[list[str], bool]:
    """:func:`people`'s names of ``text`` without those that are (part of) one of the project's ``places`` (folded):
    ``bewoners Groot Driene-Noord``, ``Tuindorp 't Lansink`` name a buurt, not a person; a name of ``listed`` stays."""
    if not places:
        return found, single
    kept = [
        name
        for name in found
        if name in listed
        or not any(in_a_place(text, m.start(), m.end(), places, frozenset()) for m in _spelled(name).finditer(text))
    ]
    return kept, single


def _named_out(text: str, named: list[str]) -> str:
    for name in sorted(named, key=len, reverse=True):
        text = _spelled(name).sub("[naam]", text)
    return text


def _spelled(name: str) -> re.Pattern[str]:
    """``name`` as whole words, any case, with any white space between its words: an Excel cell's no-break space,
    two spaces or a quoted cell's line break must not let a name found through unreplaced."""
    words = r"\s+".join(map(re.escape, name.split()))
    return re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)


def people(text: str, listed: Iterable[str] = ()) -> tuple[list[str], bool]:
    """The names of persons in one ``wie`` (each as written, and the ``listed`` names it holds as whole words), and
    whether it holds a single capitalised word beside a role, which may be a given name.

    >>> people("Sociaal Makelaar Karin Visser"), people("J. de Vries"), people("Eigen Haard en De Key")
    ((['Karin Visser'], False), (['J. de Vries'], False), (['Eigen Haard'], False))
    >>> people("Anja Bos van Buurtteam Oost"), people("Rochdale Wonen"), people("Ahmed (jongerenwerker)")
    ((['Anja Bos'], False), ([], False), ([], True))
    >>> people("De Jong (wijkagent)"), people("De Buurtwinkel (beheerder)"), people("van der Berg, wijkagent")
    ((['De Jong'], False), ([], False), (['van der Berg'], False))
    >>> people("Kees"), people("Kees en Buurtteam Oost"), people("Humanitas")
    ((['Kees'], False), (['Kees'], False), ([], False))
    """
    parts = [[(m.group(), _kind(m.group())) for m in _WORD.finditer(p)] for p in _OWNER_PARTS.split(text)]
    parts = [words for words in parts if words]
    found, singles, roles = [], 0, False  # roles: a role or organisation beside
    # No role anywhere: a lone given name of the list is a person (sweep 13 #24: wie 'Kees' was printed on the
    # handout beside its afspraak, from which the same name was scrubbed); beside a role it is warned of below.
    no_role = not any(kind == "role" for words in parts for _, kind in words)
    for number, words in enumerate(parts):
        # A role in another part: "De Jong (wijkagent)", "van Dijk (wijkagent)" (review s3). An organisation beside
        # is no sign: "De Key en Rochdale Wonen" lists two organisations.
        beside = any(kind == "role" for other in parts[:number] + parts[number + 1 :] for _, kind in other)
        kept = [w for w, kind in words if kind != "role"]
        if (beside or len(kept) < len(words)) and _surname(kept):
            # A surname alone beside a role, as "Mevr. De Jong" is: De Jong (wijkagent), van der Berg, wijkagent.
            found.append(" ".join(kept))
            roles = True
            continue
        if words[0][0].casefold() in _ARTICLES and not any(kind == "organisation" for _, kind in words):
            if len(kept) > 2 and kept[2].casefold() in _FOR and _surname(kept[:2]):
                found.append(" ".join(kept[:2]))  # De Jong van Eigen Haard: a person of an organisation
                roles = True
                continue
            words = [(w, "organisation") for w, _ in words]  # De Key, Het Buurthuis: an organisation's name
        roles |= any(kind in ("role", "organisation") for _, kind in words)
        organisation = next((i for i, (_, kind) in enumerate(words) if kind == "organisation"), None)
        if organisation is not None:
            # Only the words before "van/bij/namens/voor" ahead of the organisation can be a person.
            before = max((i for i, (w, _) in enumerate(words[:organisation]) if w.casefold() in _FOR), default=None)
            words = words[:before] if before is not None else []
        kept = [(w, kind) for w, kind in words if kind != "role"]
        named = _names(kept)
        if not named and no_role and len(kept) == 1 and kept[0][1] == "capitalised" and first_name(kept[0][0]):
            named = [kept[0][0]]
        found += named
        capitalised = [w for w, kind in kept if kind == "capitalised"]
        singles += not named and len(capitalised) == 1 and len(kept) == 1
    found += [n for n in listed if _spelled(n).search(text)]
    return found, bool(singles and roles and not found)


def _surname(words: list[str]) -> bool:
    """Whether ``words`` are a surname alone: tussenvoegsels (or an article) and one capitalised word or place word
    (``De Jong``, ``van der Berg``, ``van Wijk``)."""
    if len(words) < 2 or _kind(words[-1]) not in ("capitalised", "place"):
        return False
    return all(w.casefold() in _TUSSENVOEGSELS for w in words[:-1])


def _kind(word: str) -> str:
    """``role``, ``organisation``, ``place``, ``initials``, ``tussenvoegsel``, ``capitalised`` or ``other``."""
    bare = word.strip(".:'\"’").casefold()
    # Plurals too: "De Jong en De Vries (wijkagenten)", "medewerkers".
    if bare in _ROLE_WORDS or any(
        b.endswith(_ROLE_ENDS) for b in (bare, bare.removesuffix("en"), bare.removesuffix("s"))
    ):
        return "role"
    if bare in _ORGANISATION_WORDS or bare.endswith(_ORGANISATION_ENDS):
        return "organisation"
    if bare in _PLACE_WORDS:
        return "place"
    if _INITIALS.fullmatch(word) and word[0].isupper():
        return "initials"
    if word in _TUSSENVOEGSELS or bare in _TUSSENVOEGSELS and not word[0].isupper():
        return "tussenvoegsel"
    letters = word.replace("-", "").replace("'", "").replace("’", "")
    if word[0].isupper() and letters.isalpha() and any(c.islower() for c in letters):
        return "capitalised"
    return "other"


def _names(words: list[tuple[str, str]]) -> list[str]:
    """The runs of ``words`` that look like a person's name: two or more capitalised words, tussenvoegsels between
    them (``Peter Jansen-de Vries``, ``El Amrani``), or initials before a surname (``A. Bakker``)."""
    found, run = [], []

    def close() -> None:
        while run and run[-1][1] == "tussenvoegsel":
            run.pop()
        capitalised = sum(kind == "capitalised" for _, kind in run)
        initials = any(kind == "initials" for _, kind in run)
        if capitalised >= 2 or (initials and capitalised >= 1):
            found.append(" ".join(word for word, _ in run))
        run.clear()

    for word, kind in words:
        if kind == "place" and run and run[-1][1] == "tussenvoegsel":
            kind = "capitalised"
        if kind in ("capitalised", "initials") or (kind == "tussenvoegsel" and run):
            run.append((word, kind))
        else:
            close()
    close()
    return found


#: A word written as a respondent code is (J01, B04, HGL-B04, hgl_b1): a letter first, a digit in it, no space.
_CODE_SHAPED = re.compile(r"(?<![\w-])(?=[\w-]*\d)[^\W\d_][^\W_]*(?:[-_][^\W_]+)*(?![\w-])")


#: Nouns of a place or thing a code is the number of (``flat B3``, ``lijn L6``, ``de A1 oprit``), also as the end of
#: a compound (``buslijn``, ``fietsroute``, ``speellokaal``) or plural: a code beside one is that thing, no person.
_THING_ENDS = (
    "flat", "flats", "blok", "blokken", "portiek", "portieken", "galerij", "galerijen", "lokaal", "lokalen", "zaal",
    "zalen", "kamer", "kamers", "lijn", "lijnen", "bus", "bussen", "tram", "metro", "route", "routes", "weg", "wegen",
    "afrit", "afritten", "oprit", "opritten", "afslag", "gebouw", "gebouwen", "groep", "groepen", "unit", "units",
    "trap", "trappen", "trappenhuis", "toren", "vleugel", "ingang", "hal", "lift", "halte", "perron", "spoor", "klas",
    "vak", "veld", "kavel", "berging", "bergingen", "garage", "box", "sector", "zone", "ruimte", "gang", "plein",
    "brug", "tunnel", "kruising", "rotonde", "parkeerplaats", "park", "woning", "woningen", "complex", "etage",
    "verdieping", "locatie", "lokatie",
)  # fmt: skip
#: The endings that also end a compound (``buslijn``, ``fietsroute``, ``speellokaal``): not the short ones or those
#: that end surnames and first names as well (``Westerveld``, ``Nihal``, ``Verbrug``, ``Niklas``), which count as
#: the whole word only (review ab, L1).
_COMPOUND_ENDS = tuple(
    end
    for end in _THING_ENDS
    if len(end) >= 4 and not end.startswith(("veld", "brug", "toren", "spoor", "kamer", "zaal", "klas", "kavel"))
)
#: Words that join a list of codes after one thing noun (``flat B3 en B4``, ``lokalen A1, A2 of A3``).
_LIST_WORDS = {"en", "of", ",", "/", "t/m", "tot", "-", "&"}
#: How far back a list of codes after its thing noun is read: a list after one noun is short, and a long text of
#: many codes must not be read again for each of them (review ab, M3).
_LOOK_BACK = 80
#: Words, list words, and every other punctuation character alone: ``(``, ``:``, ``;`` or ``.`` between a code and
#: a thing noun breaks the link (``B3 (portiek 12) organiseert``, ``In de flat: B3 belt``; review ab, H1).
_TOKENS = re.compile(r"t/m|[^\W_](?:[\w-]*[^\W_])?|[^\w\s]|_")


def _names_a_thing(text: str, start: int, end: int) -> bool:
    """Whether the code at ``text[start:end]`` is the number of a place or thing: a thing noun right before it (or
    before the list of codes it ends: ``flat B3 en B4``), or right after it (``de A1 oprit``), with only spaces
    between (punctuation other than a list's comma breaks the link: ``Koffie bij B3: zaal is geregeld``)."""
    before = _TOKENS.findall(text[max(0, start - _LOOK_BACK) : start])
    last = len(before) - 1
    while last >= 1 and before[last].casefold() in _LIST_WORDS and _CODE_SHAPED.fullmatch(before[last - 1]):
        last -= 2
    if last >= 1 and before[last] == "-":  # glued: flat-B3
        last -= 1
    after = _TOKENS.search(text, end + text.startswith("-", end), end + 40)  # glued: A1-oprit
    previous = before[last - 1] if last >= 1 else None if start <= _LOOK_BACK else ""
    if last >= 0 and _a_thing(before[last], previous):
        return True
    return bool(after) and _a_thing(after[0], "")


def _a_thing(word: str, previous: str | None) -> bool:
    """Whether ``word`` (after the token ``previous``; None at the start of the text) is a thing noun: the noun
    itself (``flat``) or a compound ending in one (``buslijn``); a capitalised word within a sentence is a name
    (``Van der Brug B3``, ``mevrouw Westerveld B3``), and so only a thing noun where the sentence starts."""
    bare = word.casefold()
    if word[:1].isupper() and previous is not None and previous not in (".", "!", "?", ":"):
        return False
    return bare in _THING_ENDS or bare.endswith(_COMPOUND_ENDS)


def respondent_code(
    text: str, respondents: frozenset[str], key: bytes | None, pseudonyms: dict[tuple[bytes, str], str] | None = None
) -> str | None:
    """The first word of ``text`` that is the code of a respondent of the interviews: written as a code (a letter
    first and a digit in it: ``J01``, ``hgl-b4``; a code of digits alone is not looked for), and with ``key`` the
    pseudonym of one of ``respondents`` (as :func:`~buurtdata.sources.interviews.privacy.pseudonymise` spells it,
    so ``j01`` and ``J-1`` are ``J01``); None when it holds none. A road (``A28``) or room (``zaal 2``) is none, and
    so is a code where a person cannot stand: right after a place or thing it numbers (``flat B3``, ``lokaal B1``,
    ``lijn L6``, ``blok A2 en A3``) or right before one (``de A1 oprit``, ``de E1 route``). ``pseudonyms``: (key,
    word) -> the word's pseudonym with that key, kept by a caller reading many texts and filled here, so each
    distinct word is pseudonymised once for all of them (a file's rows), not once per text; by the key too, so a
    dict kept across projects never answers with another key's pseudonym (review11 L4).

    >>> known = frozenset(pseudonymise(pd.DataFrame({"respondent": ["J01", "B3"]}), b"k")["respondent"])
    >>> respondent_code("j-1 organiseert een avond langs de A28", known, b"k"), respondent_code("A28", known, b"k")
    ('j-1', None)
    >>> respondent_code("Licht bij flat B3 en B4", known, b"k"), respondent_code("Met B3 in flat J01", known, b"k")
    (None, 'B3')
    """
    if key is None or not respondents:
        return None
    found = _candidates(text)
    if not found:
        return None
    # Each distinct word is pseudonymised once, and only a respondent's code is read in its context (review ab, M3).
    pseudonyms = {} if pseudonyms is None else pseudonyms
    words = [word for word in dict.fromkeys(text[start:end] for start, end in found) if (key, word) not in pseudonyms]
    if words:
        made = pseudonymise(pd.DataFrame({"respondent": words}), key)["respondent"]
        pseudonyms.update(zip([(key, word) for word in words], made, strict=True))
    return next(
        (
            text[start:end]
            for start, end in found
            if pseudonyms[key, text[start:end]] in respondents and not _names_a_thing(text, start, end)
        ),
        None,
    )


#: A piece of a code, and what may join two pieces of one (``J 01``, ``J.01``, ``HGL/B07``, ``HGL - B07``).
_PIECE = re.compile(r"[^\W_]+")
_JOIN = re.compile(r"[\s./_-]{1,3}")
#: A full stop and a space between two pieces: no code of one person (``J.01`` and ``J 01`` are; ``b. 3`` is not).
_SENTENCE_GAP = re.compile(r"\.\s")


def _candidates(text: str) -> list[tuple[int, int]]:
    """The spans in ``text`` that may be a respondent's code, in order: each code-shaped word (``HGL-B04``), and each
    run of 1 to 3 pieces joined by spaces or ``./_-`` that starts with a letter and holds a digit, so that the
    spellings :func:`~buurtdata.sources.interviews.privacy.normalise_respondents` takes as one person (``J 01``,
    ``HGL.B07``) and a code glued to a word (``Bewoner-J01``, ``J01_bewoner``) are found too (review ab, H2); not across
    a full stop and a space (``b. 3 lantaarnpalen``: a list's letter and a count, fix-left10)."""
    spans = {match.span() for match in _CODE_SHAPED.finditer(text)}
    pieces = list(_PIECE.finditer(text))
    for i, first in enumerate(pieces):
        if not first[0][0].isalpha():
            continue
        for j in range(i, min(i + 3, len(pieces))):
            if j > i and not _JOIN.fullmatch(text, pieces[j - 1].end(), pieces[j].start()):
                break
            if j > i and _SENTENCE_GAP.match(text, pieces[j - 1].end(), pieces[j].start()):
                break  # a list's letter or a sentence's end before a count: b. 3 lantaarnpalen (fix-left10)
            if any(c.isdigit() for c in text[first.start() : pieces[j].end()]):
                spans.add((first.start(), pieces[j].end()))
    return sorted(spans)


#: One part of a code: at most 3 letters, digits and maybe a letter (``B04``, ``B3a``), or up to 4 letters (``HGL``).
#: The two branches never split the same letters two ways: each part has one reading, so a long hostile ``wie``
#: (``ab-ab-…-1!``) fails in linear time, where ``{1,3}\d*[^\W\d_]?`` backtracked exponentially (review ab, M1).
_CODE_PART = r"(?:[^\W\d_]{1,3}\d+[^\W\d_]?|[^\W\d_]{1,4})"
#: A whole part written as a respondent code: parts of at most 3 letters and then digits (``J01``, ``HGL-B04``,
#: ``hgl23_b1``), a digit in one; a team's own name (``Wijkteam2``, ``Route66``, ``A1-locatie``) is none.
_CODE_NARROW = re.compile(rf"(?=.*\d){_CODE_PART}(?:[-_](?:{_CODE_PART}|\d+))*")


def written_as_a_code(owner: str) -> bool:
    """Whether a whole ``wie`` is written as a respondent code is (``J01``, ``HGL-B04 (bewoner)``): no role or
    organisation, which a reader needs, and maybe an interviewee's code. Only read when the respondents are not
    known (a build knows them, and refuses only a real one: :func:`respondent_code`).

    >>> written_as_a_code("J01"), written_as_a_code("HGL-B04 (bewoner)"), written_as_a_code("Buurtteam 2")
    (True, True, False)
    >>> [written_as_a_code(wie) for wie in ("Wijkteam2", "Route66", "Cluster7", "A1-locatie", "hgl23_b1", "B3a")]
    [False, False, False, False, True, True]
    """
    first = _OWNER_PARTS.split(owner.strip(), maxsplit=1)[0].strip()
    return bool(_CODE_NARROW.fullmatch(first))
