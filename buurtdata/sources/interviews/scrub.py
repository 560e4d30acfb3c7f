"""Contact details and other personal details out of interview text: quotes, written locations and reasons.

Part of :mod:`buurtdata.sources.interviews.privacy`'s work (pseudonyms are there); :func:`buurtdata.pipeline.run`
scrubs after pseudonymising, before anything enters DuckDB. The address and point patterns are the gazetteer's
(:mod:`~buurtdata.sources.interviews.patterns`), so what one places the other scrubs.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable

import pandas as pd

from buurtdata.gemeente_lookup import fold
from buurtdata.sources.interviews.distinct import each_distinct, like_texts
from buurtdata.sources.interviews.house_numbers import kept_number
from buurtdata.sources.interviews.lower_names import bare_names, lower_named, read_on
from buurtdata.sources.interviews.patterns import (
    _coordinates,
    _whole_postcode,
)
from buurtdata.sources.interviews.person_brackets import bracketed_names
from buurtdata.sources.interviews.person_context import plural_family
from buurtdata.sources.interviews.person_labels import labelled_names
from buurtdata.sources.interviews.person_names import PARTICLE as _NAME_PARTICLES
from buurtdata.sources.interviews.person_names import PATTERN as _NAME_PATTERN
from buurtdata.sources.interviews.person_names import kept, name_end
from buurtdata.sources.interviews.person_parts import folded_places, surname
from buurtdata.sources.interviews.person_words import read_lists
from buurtdata.sources.interviews.scrub_parts import (
    _CONTACT,
    _CONTACT_GROUPS,
    _CONTACT_WRITTEN,
    _KEPT_WORD,
    _NAME_GROUPS,
    _PARTS,
    _PLACEHOLDERS,
    _POSTCODE_GROUPS,
    _alternation,
    eleven_proof,
    is_point,
)
from buurtdata.sources.interviews.scrub_spoken import local_start, mobile_end, phone_end, phone_start
from buurtdata.sources.interviews.unplaced_names import named_nowhere, quoted_as_listed


def scrub_quotes(segments: pd.DataFrame, *, names: Iterable[str] = (), places: Iterable[str] = ()) -> pd.DataFrame:
    """Return the segments with contact details and given names in ``text`` replaced by placeholders.

    Replaces e-mail addresses (also ``anja(at)example.nl``, ``anja [at] example [dot] nl``, and said aloud: ``anja
    punt de vries apenstaartje gmail punt com``, ``anja at hotmail punt nl``, ``anja underscore 12 at ...``) by
    ``[e-mail]``, links by ``[link]``, phone numbers (``06-12345678``, ``06–12345678``, ``06.12.34.56.78``,
    ``+31 6 1234 5678``, ``0031 6 ...``, ``074-1234567``, ``+49 151 12345678``, ``0032 470 12 34 56``) by
    ``[telefoon]``, and a Dutch one said aloud: numbers said in words, digits or both that open with ``nul``, ``0``,
    ``+`` or ``plus`` and spell 0 and 9 digits or +31 and 9 (``nul zes, twaalf, vierendertig, zesenvijftig,
    achtenzeventig``, ``06 twaalf 34 56 78``, ``nul vijf drie, vier drie twee, een twee drie vier``, ``plus
    eenendertig zes ...``; the words after the number stay, and a count, age, time or amount stays: ``een, twee,
    drie``, ``vijf, zes jaar geleden``, ``twaalf euro vijftig``, ``nul komma nul``; see :mod:`.scrub_spoken`),
    a BSN (any number after the word ``BSN`` or ``burgerservicenummer``, and 9 digits that pass
    the 11-proef: ``123456782``, ``123.456.782``, ``1234.56.782``) by ``[bsn]``, a street or postcode with
    house number (``Hoofdstraat 12``, ``Burgemeester Jansenlaan 3-A``, ``Dennenstr. 5``, ``7551 AB 12``,
    ``7551ab12``) and a PC6 without one (``3852 AB``, ``3852ab``; a 4-digit postcode stays) by ``[adres]``, a house
    number without its street (``van nummer 12``, ``op nummer 3a``, ``huisnummer 7``, ``Dennenstraat. Nummer 4.``)
    by ``[huisnummer]``, a date of birth (``geboren op 12-03-1948``, ``geb. 12 maart``) by ``[geboortedatum]``, a point
    (``52,27026; 6,77132``, ``RD 251245 476863``, ``52°16'12"N 6°46'17"E``) by ``[coördinaten]``, an IBAN by
    ``[rekening]``, an ``@handle`` by ``[account]``, each of ``names`` (whole words, any case) and the capitalised
    name after a title or relative (``Mevrouw De Vries``, ``familie van der Berg``, ``mijn zoon Mohammed (14)``,
    with the age in brackets, and every name of a list after it: ``de wijkagenten Jan en Piet``, ``Jan, Piet en
    Klaas``; not ``mevrouw de burgemeester``, nor ``het buurthuis`` in ``Jan en het buurthuis``) and the
    capitalised name a speaker introduces (``Ik ben Anneke de Boer``, ``ik heet``, ``mijn naam is``, ``dit is``,
    ``zij heet``, a phone greeting ``Hallo, met Anneke``; not ``ik ben boos``, ``ik ben de enige``) by ``[naam]``,
    the word before it staying, and so a person's name without a title (:mod:`.person_names`: ``Gerrit zegt``,
    ``De Jong (buurtteam Oost)``, ``die van Kees``), where no place, organisation or ordinary word. Other names are
    not found (``gerrit zegt``, ``Ik zag Bakker gisteren``): read the quotes before publishing them.

    Parameters
    ----------
    segments
        A frame with a ``text`` column, e.g. from :func:`read_segments`.
    names
        Names of people (first names, surnames or both) to remove, always.
    places
        Place names that are no person's name, however written (a build passes its regions' names: a buurt called
        ``Reinier`` stays).

    Examples
    --------
    >>> quotes = pd.DataFrame({"text": ["Bel Anja op 06-12345678 of mail anja@example.nl.",
    ...                                 "Mevrouw De Vries van nummer 12, 3852 AB Ermelo."]})
    >>> scrub_quotes(quotes, names=["Anja"])["text"].tolist()
    ['Bel [naam] op [telefoon] of mail [e-mail].', 'Mevrouw [naam] van nummer [huisnummer], [adres] Ermelo.']

    Said aloud, as the transcript of an interview writes it (FICTIEF):

    >>> spoken = pd.DataFrame({"text": [
    ...     "bel me op nul zes, twaalf, vierendertig, zesenvijftig, achtenzeventig, twee keer",
    ...     "mail anja punt de vries apenstaartje gmail punt com",
    ...     "vijf, zes jaar geleden, twaalf euro vijftig, nul komma nul"]})
    >>> scrub_quotes(spoken)["text"].tolist()
    ['bel me op [telefoon], twee keer', 'mail [e-mail]', 'vijf, zes jaar geleden, twaalf euro vijftig, nul komma nul']
    """
    return _scrub_columns(segments, ["text"], names, places)


def scrub_free_text(segments: pd.DataFrame, *, names: Iterable[str] = (), places: Iterable[str] = ()) -> pd.DataFrame:
    """Return the segments with every free-text column that can reach an output scrubbed.

    ``text`` and ``document`` as :func:`scrub_quotes` does; ``location_raw`` as :func:`scrub_locations` does, and
    ``reason`` (which quotes the written location when it cannot be placed) alike: a PC6 keeps its 4 digits
    there too, the rest ``[adres]``. Columns the frame lacks are skipped.

    >>> frame = pd.DataFrame({"text": ["mail anja(at)example.nl"], "location_raw": ["Hoofdstraat 12"],
    ...                       "reason": ["no match: 7415TB is not in the PC6 table"], "document": ["Anja.docx"]})
    >>> scrub_free_text(frame, names=["Anja"]).iloc[0].tolist()
    ['mail [e-mail]', '[adres]', 'no match: 7415 [adres] is not in the PC6 table', '[naam].docx']
    """
    places = folded_places(places)
    out = _scrub_columns(segments, [c for c in ("text", "document") if c in segments.columns], names, places)
    listed = _listed_locations(out, names, places) if "location_raw" in out.columns else None
    if "reason" in out.columns:
        if listed is not None:  # the reason quotes the location as written ("no match: 'Kees (buurman)' is ...")
            out["reason"] = quoted_as_listed(
                out["reason"],
                out["location_raw"],
                listed,
                lambda parts: _listed_locations(
                    pd.DataFrame({"location_raw": parts, "resolved_by": "onbekend"}), names, places
                ).tolist(),
            )
        out["reason"] = scrub_text(out["reason"], names=names, keep_pc4=True, places=places)
    if listed is not None:
        out["location_raw"] = listed
    return out


def _listed_locations(segments: pd.DataFrame, names: Iterable[str], places: frozenset[str]) -> pd.Series:
    """The ``location_raw`` of ``segments`` as the list of unplaced segments shows it: scrubbed, and ``[naam]``
    where it is placed nowhere and still a person's name (:func:`.unplaced_names.named_nowhere`)."""
    scrubbed = scrub_locations(segments, names=names, places=places)["location_raw"]
    return scrubbed.where(~named_nowhere(segments, scrubbed, places), "[naam]")


def scrub_text(
    texts: pd.Series, *, names: Iterable[str] = (), keep_pc4: bool = False, places: Iterable[str] = ()
) -> pd.Series:
    """Return ``texts`` with contact details, addresses and ``names`` replaced, as :func:`scrub_quotes` does.

    One compiled pattern runs over each distinct text once; missing values stay. With ``keep_pc4`` a postcode
    (with or without house number) keeps its 4 digits, the weak link an analyst may fix a location by:
    ``7415 TB 12`` becomes ``7415 [adres]``.

    >>> scrub_text(pd.Series(["www.example.nl/anja of @anja_h", "in 2024 kwamen 12 mensen"])).tolist()
    ['[link] of [account]', 'in 2024 kwamen 12 mensen']
    >>> scrub_text(pd.Series(["bij 7415 TB 12", "7415TB"]), keep_pc4=True).tolist()
    ['bij 7415 [adres]', '7415 [adres]']
    """
    if texts.isna().all():
        return texts
    listed = _listed(names)
    pattern, kept_places, said = _pattern(listed), folded_places(places), _listed_pattern(listed)
    found = each_distinct(
        texts, lambda text: _scrubbed(pattern, str(text), keep_pc4=keep_pc4, places=kept_places, listed=said)
    )
    return like_texts(found, texts).astype(texts.dtype)


def prepare_scrubbing(names: Iterable[str] = ()) -> None:
    """Compile the pattern :func:`scrub_free_text` uses for ``names`` and read the name and place lists of
    :mod:`.person_names` now, so a caller can pay for it (about 0.1 s of Python, once per process and names) beside
    other work, as the runner does while DuckDB stages the figures."""
    _pattern(_listed(names))
    read_lists()


def contact_details(text: str) -> list[str]:
    """Return the placeholder of each contact detail scrubbing would take out of ``text`` (a phone number, e-mail
    address, link, bank account, BSN or postcode), in order; empty for a scrubbed text.

    For the privacy audit (:mod:`buurtdata.outputs.audit`), which checks what is published once more.

    >>> contact_details("bel [naam] op 06-12345678 of anja@example.nl"), contact_details("in 2024 kwamen 12 mensen")
    (['[telefoon]', '[e-mail]'], [])
    >>> contact_details("mijn BSN is 123456782")  # the placeholder alone, without the word scrubbing keeps
    ['[bsn]']
    >>> contact_details("nul zes twaalf vierendertig zesenvijftig achtenzeventig of nul zes 1234 5678")  # said aloud
    ['[telefoon]', '[telefoon]']
    """
    found, at = [], 0
    while match := _CONTACT.search(text, at):
        match = _written_first(match)
        found.append(placeholder := _placeholder(match))
        at = match.end()
        # Read on as _replaced does: a run said aloud may hold more than one number, and a candidate that is kept
        # (9 digits that are no BSN) only up to its first number.
        if match.lastgroup == "spoken_phone":
            at = phone_end(match) or match.end("spoken_start")
        elif match.lastgroup == "spoken_mobile":
            at = mobile_end(match) or match.end("mobile_start")
        elif placeholder is None:
            at = match.start() + _FIRST_NUMBER.search(match[0]).end()
    return [placeholder[placeholder.rfind("[") :] for placeholder in found if placeholder is not None]


def names_left(texts: pd.Series, *, names: Iterable[str] = (), places: Iterable[str] = ()) -> pd.Series:
    """Return how many people's names scrubbing would still take out of each of ``texts`` (0 for a missing one), as
    :func:`scrub_text` finds them with ``names`` and ``places``: for the privacy audit, which reads published quotes
    (scrubbed once, so a name here was put back or never scrubbed) once more. Each distinct text is read once.

    >>> names_left(pd.Series(["Gerrit zegt: bel [naam]", "[naam] zegt het", "We wonen bij Reinier."]),
    ...            places=["Reinier"]).tolist()
    [1, 0, 0]
    """
    given = texts.astype(object).where(texts.notna(), "")
    scrubbed = scrub_text(given.astype(str), names=names, places=places)
    before = given.astype(str).str.count(re.escape("[naam]"))
    return (scrubbed.str.count(re.escape("[naam]")) - before).clip(lower=0).astype(int)


#: An id (S019, 12, HGL-B04-3): short, with a digit, no space.
_ID_SHAPED = re.compile(r"(?=\D{0,23}\d)[\w:.#/-]{1,24}")


def clean_id_shape(text: str) -> bool:
    """Whether a name a tool gives (a selection's, a case's) may be shown as it is: it is id-shaped and scrubbing
    leaves it as it is (no phone number, postcode, BSN). A person's name or a quote never is.

    >>> clean_id_shape("HGL-B04"), clean_id_shape("Gerda"), clean_id_shape("0612345678")
    (True, False, False)
    """
    return bool(_ID_SHAPED.fullmatch(text)) and _scrubbed(_pattern(()), text) == text


def _scrub_columns(
    segments: pd.DataFrame, columns: list[str], names: Iterable[str], places: Iterable[str]
) -> pd.DataFrame:
    out, places = segments.copy(), folded_places(places)
    for column in columns:
        out[column] = scrub_text(out[column], names=names, places=places)
    return out


def _listed(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({n.strip() for n in names if n and n.strip()}, key=lambda n: (-len(n), n)))


@functools.cache
def _listed_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """The project's ``names`` (``[privacy] names``), each with the surname that may follow it (Truus de Vries, Anja
    El Amrani: the tussenvoegsels of :mod:`.person_names`; a list of its own lacked El, Al, Bin, La, Da and left
    ``[naam] Amrani``)."""
    if not names:
        return None
    return re.compile(
        rf"(?i:(?<!\w)(?:{'|'.join(re.escape(n) for n in names)})(?!\w))"
        rf"(?P<surname>\s+(?:{_NAME_PARTICLES}\s+){{0,3}}[A-ZÀ-ÖØ-Þ][\w'’-]*)?"
    )


def _listed_name(match: re.Match[str]) -> str:
    """``[naam]`` for a listed name, with the surname after it when that is one (review u H3: listing Truus left
    ``[naam] de Vries``); another word after it stays (Anja van Welbions: ``[naam] van Welbions``)."""
    words = (match["surname"] or "").split()
    if words and (len(words) == 1 or surname(words[-1])):
        return "[naam]"  # a capitalised word right after a first name is its surname (Anja Huttenhuis)
    return "[naam]" + (match["surname"] or "")


def scrub_locations(segments: pd.DataFrame, *, names: Iterable[str] = (), places: Iterable[str] = ()) -> pd.DataFrame:
    """Return the segments with addresses, coordinates and contact details taken out of ``location_raw``.

    Once a segment is placed its written location is only needed to fix
    the unplaced ones, which the analyst finds in their own file by its row;
    a postcode with or without house number (some 20 addresses) or a point
    is a home address: ``7553 SA 12`` and ``7553 SA`` become ``7553 [adres]``
    (the 4 digits, which cover a few thousand addresses, stay), a coordinate pair
    ``[coördinaten]``; other text is scrubbed as :func:`scrub_quotes` does
    (``bij Anja`` -> ``bij [naam]``).

    Examples
    --------
    >>> scrub_locations(pd.DataFrame({"location_raw": ["7553 SA 12", "RD 251245 476863", "bij Anja"]}), names=["Anja"])[
    ...     "location_raw"].tolist()
    ['7553 [adres]', '[coördinaten]', 'bij [naam]']
    """
    locations = segments["location_raw"]
    listed = _listed(names)
    pattern, kept_places, said = _pattern(listed), folded_places(places), _listed_pattern(listed)

    def scrubbed(text: object) -> str:
        text = str(text)
        if _coordinates(text) is not None:
            return "[coördinaten]"
        # As the gazetteer reads it: a whole location is a postcode in any case (7553 sa 12, 7415tb), where a
        # quote's pattern spares some lower case letter pairs (2024 en, 500 tb).
        postcode = _whole_postcode(text)
        if postcode and postcode[1]:
            return f"{postcode[0]} [adres]"
        return _scrubbed(pattern, text, keep_pc4=True, places=kept_places, listed=said)

    out = segments.copy()
    if not locations.isna().all():
        # A location is one short cell per segment: only the two special forms differ from scrub_text.
        out["location_raw"] = like_texts(each_distinct(locations, scrubbed), locations)
    return out


@functools.lru_cache(maxsize=16)
def _pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """What :func:`_scrubbed` reads after the contact details: the other parts and ``names``."""
    parts = _alternation(part for part in _PARTS if part[0] not in (*_CONTACT_GROUPS, *_AFTER_NAMES))
    if names:
        parts.append(rf"(?P<name>(?i:(?<!\w)(?:{'|'.join(re.escape(n) for n in names)})(?!\w)))")
    return re.compile("|".join([*parts, _NAME_PATTERN, *_alternation(p for p in _PARTS if p[0] in _AFTER_NAMES)]))


#: Parts tried after the name rules: a family name in the plural (de Jansens) only where no name rule reads a name
#: (Ik ken De Vries niet: De Vries is a surname, no plural).
_AFTER_NAMES = ("plural_family",)
_PLURAL_FAMILY = re.compile("|".join(_alternation(part for part in _PARTS if part[0] in _AFTER_NAMES)))


#: Characters that show nothing but split a word for a pattern (review T M3: Kees\xadBakker, Ke\u200bes): a soft
#: hyphen, zero-width space and non-joiner, word joiner and byte order mark. A zero-width joiner only between
#: letters (an emoji's joiner stays).
_INVISIBLE = re.compile(r"[\xad\u200b\u200c\u2060\ufeff]|(?<=\w)\u200d(?=\w)")
#: One of them before a capital, read as the space it stands for (Kees\xadBakker shows as one word, but is two names).
_INVISIBLE_SPACE = re.compile(r"(?<=[^\W\d_])[\xad\u200b\u200c\u2060](?=[A-ZÀ-ÖØ-Þ])")
#: At most this many passes (see :func:`_scrubbed`); the benchmark counts how many each text takes.
PASSES = 3


#: A run of white space longer than this is cut to its first characters: some name and street rules read a run of
#: spaces once per place they could end (review ac #12: "Laan van A" and 40,000 spaces took 19 s, quadratic).
_LONGEST_SPACE = 64
_LONG_SPACE = re.compile(rf"\s{{{_LONGEST_SPACE + 1},}}")


def _normal(text: str) -> str:
    """``text`` in NFC without invisible characters: decomposed accents (José, Özlem Çelik as macOS and some
    exports write them) matched no pattern that the composed ones match. A run of white space is cut to
    :data:`_LONGEST_SPACE` characters (what it holds is nobody's).

    >>> len(_normal("Laan van A" + " " * 40_000 + "x"))
    75
    """
    if len(text) > _LONGEST_SPACE:
        text = _LONG_SPACE.sub(lambda run: run[0][:_LONGEST_SPACE], text)
    if not text.isascii():
        text = _INVISIBLE.sub("", _INVISIBLE_SPACE.sub(" ", unicodedata.normalize("NFC", text)))
    return text


def _scrubbed(
    pattern: re.Pattern[str],
    text: str,
    *,
    keep_pc4: bool = False,
    places: frozenset[str] = frozenset(),
    listed: re.Pattern[str] | None = None,
) -> str:
    """The text (see :func:`_normal`) with contact details (:data:`_CONTACT`) replaced first, then each match of
    ``pattern``, read again while that changes it (at most :data:`PASSES` times), so that scrubbing its own output
    changes nothing: the privacy audit re-scrubs published quotes and fails a build on what changes (review T M1).
    A text with nothing replaced is read once.

    Contact details go first on their own: read in one pass with the rest, a match that starts earlier wins, and a
    name, street or house number could swallow the start of a phone number and leave its other digits standing
    (``ik ben Gerda, 06-12345678`` read as the name ``Gerda, 06`` left ``-12345678``). ``pattern`` (see
    :func:`_pattern`) then reads the rest; the two passes cost what one did.
    """
    text = _normal(text)
    for _ in range(PASSES):
        contacts_out = _replaced(_CONTACT, text, keep_pc4=keep_pc4)
        if listed is not None:
            # The project's own names go first, wherever they stand: read among the other parts, a longer match that
            # starts earlier and is kept (Toen Anja zei, Ook Gerrit zegt) took them with it (review u H1).
            contacts_out = listed.sub(_listed_name, contacts_out)
        contacts_out = labelled_names(bracketed_names(contacts_out, places), places)  # Hij [Henk] zei, Hulshof: Ja
        out = bare_names(_replaced(pattern, contacts_out, keep_pc4=keep_pc4, places=places))  # jan de vries
        if out == text:
            break
        text = out
    return text


def _replaced(pattern: re.Pattern[str], text: str, *, keep_pc4: bool, places: frozenset[str] = frozenset()) -> str:
    """The text with each match of ``pattern`` replaced by its placeholder; a candidate that is kept (numbers that
    are no point, 9 digits that are no BSN) is kept only up to its first number, and the text is read on from there,
    as what follows may be a phone number or postcode of its own (``Anja, 34, 06-12345678``). With ``keep_pc4`` a
    postcode keeps its 4 digits (both postcode patterns start with them). A person's name that names a place,
    organisation or ordinary word (``places`` the project's, see :func:`.person_names.kept`) is kept as well."""
    out, at = [], 0
    while match := pattern.search(text, at):
        match = _written_first(match)
        group = match.lastgroup
        placeholder = None  # worked out once: for a family read in place of a kept name, already here
        if group in _NAME_GROUPS:
            inner = next((g for g in _KEPT_WORD.get(group, ()) if match[g] is not None), None)
            if (resume := kept(group, inner, match, places)) is not None:
                family = _PLURAL_FAMILY.match(text, match.start())  # De Jansens hebben: kept as a name, but a family
                if family is None or (placeholder := _placeholder(family, places)) is None:
                    out.append(text[at:resume])
                    at = resume
                    continue
                match, group = family, family.lastgroup
        elif group == "street" and places and _a_place(text, match, places):
            # A buurt named as a street and number is the project's place, no home (Berkenoord 1, BT Vaanpark 2: 102
            # of the national place sentences lost their buurt as '[adres]').
            out.append(text[at : match.end()])
            at = match.end()
            continue
        placeholder, start = placeholder or _placeholder(match, places), match.start()
        if keep_pc4 and placeholder and any(match.groupdict().get(group) is not None for group in _POSTCODE_GROUPS):
            placeholder = f"{match[0][:4]} {placeholder}"
        if group == "spoken_phone":
            # A number said aloud: the words that spell a phone number go, the rest of the run stays (see phone_end).
            end = phone_end(match) or match.end("spoken_start")
            start = phone_start(match, end, at) if placeholder else start
        elif group == "spoken_mobile":
            end = mobile_end(match) or match.end("mobile_start")  # the word before it stays (bel me op [telefoon])
        elif placeholder is None and group == "plural_family":
            end = match.start("family_name")  # read on: de Molens, or de Van der Berg's that a name rule finds
        elif placeholder is None and group == "lower_named":
            end = read_on(match)  # mevrouw de burgemeester Jansen: the role and name after it
        elif placeholder is None:
            # Read on after its first number (Nummer 1: de veiligheid), or past a number in words (op nummer twee).
            number = _FIRST_NUMBER.search(match[0])
            end = match.start() + number.end() if number else match.end()
        elif group in _NAME_GROUPS and placeholder.endswith("[naam]"):
            end = name_end(group, inner, match, places)  # not the organisation or place the person is from
        else:
            end = match.end()
        if group == "email":
            start = local_start(text, start, at)  # the name part said aloud: anja punt de vries apenstaartje ...
        out += [text[at:start], placeholder or text[start:end]]
        at = end
    return "".join(out) + text[at:]


def _a_place(text: str, match: re.Match[str], places: frozenset[str]) -> bool:
    """Whether ``match`` (a street and number) is part of a passed place: alone or with up to 3 words before and
    after it (BT Vaanpark 1, Sterrenburg 1-West, Plein 1940-1945 en omgeving)."""
    before = text[: match.start()].split()
    after = text[match.end() :]
    ends = [0, *(word.end() for word in itertools.islice(_WORD.finditer(after), 3))]
    return any(
        fold(" ".join([*before[len(before) - n :], match[0] + after[:end]]).rstrip(".,;:!?")) in places
        for n in range(min(len(before), 3) + 1)
        for end in ends
    )


_WORD = re.compile(r"\S+")


def _written_first(match: re.Match[str]) -> re.Match[str]:
    """The written contact detail that starts where a number said aloud (``match``) opens, when there is one that is
    taken out (a BSN with a leading 0: ``012 345 672``, ``nummer 012345672, 2 keer``); else ``match``. A number
    said aloud opens with 0 as such a BSN does, and is tried first among the contact details, so without this the
    BSN was read as a run that spells no phone number (or a wrong one) and kept (review z H1). So too +31 without its
    + after a word that says a number follows (``mijn nummer is 31 6 12345678``: sweep12 F10)."""
    spoken = match.lastgroup == "spoken_phone" and match.string[match.start()] == "0"
    if not spoken and not (match.lastgroup == "spoken_mobile" and match["mobile_start"][0].isdigit()):
        return match
    written = _CONTACT_WRITTEN.match(match.string, match.start() if spoken else match.start("mobile_start"))
    return written if written is not None and _placeholder(written) is not None else match


_FIRST_NUMBER = re.compile(r"\d+")


def _placeholder(match: re.Match[str], places: frozenset[str] = frozenset()) -> str | None:
    """The placeholder of a match, None when it is kept (``places``: the project's, see :func:`_replaced`)."""
    found = match.groupdict()
    group = next(group for group in _PLACEHOLDERS if found.get(group) is not None)
    if group == "lower_named":
        return lower_named(match)  # mevrouw [naam] is ziek; not mevrouw komt, mevrouw de burgemeester
    if kept_number(group, match, places):
        return None  # a ranking, answer, floor or wijk (Nummer 1., Ze woont op 3., op nummer één, in Wijk 4)
    if group == "plural_family" and not plural_family(
        match.string, match.start("family_name"), match.end("family_name"), places
    ):
        return None  # de Molens, de Lidls, In De Akkers
    if group == "spoken_mobile" and mobile_end(match) is None:
        return None  # bel me zes twaalf keer
    # The word before stays, as "Mijn BSN is [bsn]", "mijn zoon [naam]" or "van nummer [huisnummer]" say what was there.
    if group in _KEPT_WORD:
        inner = next(inner for inner in _KEPT_WORD[group] if found[inner] is not None)
        return match.string[match.start() : match.start(inner)] + _PLACEHOLDERS[group]
    if (group == "bsn" and not eleven_proof(match[0])) or (group == "point" and not is_point(match[0])):
        return None
    if group == "spoken_phone" and phone_end(match) is None:
        return None  # numbers said aloud that spell no phone number: a count, time or amount
    return _PLACEHOLDERS[group]
