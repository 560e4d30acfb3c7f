"""Privacy of interview segments: keyed pseudonyms for respondents, contact details out of quotes and locations.

:func:`buurtdata.pipeline.run` applies these in this order: respondents
pseudonymised (:func:`pseudonymise`), quotes scrubbed (:func:`scrub_quotes`,
with the project's ``[privacy] names``), addresses out of the written
locations (:func:`scrub_locations`).
"""

from __future__ import annotations

import functools
import hmac
import itertools
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from buurtdata import settings
from buurtdata._errors import BuurtdataError
from buurtdata.sources.interviews.distinct import arrow_text, each_distinct
from buurtdata.sources.interviews.gazetteer import (
    _HOUSE_NUMBER,
    _PC6_ADDRESS,
    _POINT,
    _STREET_ADDRESS,
    _coordinates,
)


def pseudonymise(segments: pd.DataFrame, key: bytes) -> pd.DataFrame:
    """Return the segments with each respondent replaced by a keyed pseudonym.

    The pseudonym is ``R-`` plus the first 10 hex characters of
    HMAC-SHA256(key, respondent) of the id as :func:`normalise_respondents`
    spells it (so ``HGL-B01`` and ``hgl b1`` are one person): stable for one
    key, not reversible without it. Keep the key out of any output (see :func:`load_or_create_key`).

    Parameters
    ----------
    segments
        A frame with a ``respondent`` column.
    key
        The secret, as bytes; :func:`load_or_create_key` gives a random 32-byte one.

    Examples
    --------
    >>> pseudonymise(pd.DataFrame({"respondent": ["HGL-B01", "hgl b1"]}), b"0123456789abcdef")["respondent"].tolist()
    ['R-2697a1cbab', 'R-2697a1cbab']
    """
    if not isinstance(key, bytes) or not key:
        msg = f"The pseudonym key must be non-empty bytes, not {type(key).__name__}; use load_or_create_key()."
        raise BuurtdataError(msg)
    out = segments.copy()
    keyed = hmac.new(key, digestmod="sha256")

    def pseudonym(spelled: str) -> str:
        # A copy of the keyed state: the key is not hashed again for each respondent.
        one = keyed.copy()
        one.update(spelled.encode())
        return "R-" + one.hexdigest()[:10]

    # One HMAC per person, not per segment: a million segments come from a few hundred thousand respondents.
    found = each_distinct(out["respondent"], lambda ids: each_distinct(_spelled(ids), pseudonym), together=True)
    out["respondent"] = _like(found, out["respondent"])
    return out


def normalise_respondents(ids: pd.Series) -> pd.Series:
    """Return respondent ids in one spelling, so one person is counted once however the id was typed.

    Only differences that cannot make two people are ignored: case, spaces and separators (``-``, ``_``,
    ``.``, ``/``) beside a letter, and leading zeros of each number: ``HGL-Z01``, ``hgl-z01``, ``HGL Z1``,
    ``HGL_Z001`` and ``HGLZ01`` are all ``HGLZ1``. A separator between two numbers is kept (written ``-``):
    ``R1-23``, ``R12-3`` and ``R123`` are three people, as are ``A-10`` and ``A1-0``.

    >>> normalise_respondents(pd.Series(["HGL-Z01", "hgl-z01", "HGL Z1", "HGL_Z001", "HGLZ01", "HGL-Z10"])).tolist()
    ['HGLZ1', 'HGLZ1', 'HGLZ1', 'HGLZ1', 'HGLZ1', 'HGLZ10']
    >>> normalise_respondents(pd.Series(["R1-23", "R12-3", "R123", "r1 023", "HGL-B01-11", "HGL-B11-1"])).tolist()
    ['R1-23', 'R12-3', 'R123', 'R1-23', 'HGLB1-11', 'HGLB11-1']
    """
    return _like(each_distinct(ids, _spelled, together=True), ids)


def _spelled(ids: pd.Series) -> pd.Series:
    """Return text ``ids`` as :func:`normalise_respondents` spells them; pure ASCII ids by Arrow's kernels."""
    text = arrow_text(ids)
    # The same rules as _spelled_any, for ASCII alone: NFKC changes nothing there and a digit is 0-9.
    # Each run of separators becomes one "-", kept only between two digits (RE2 has no lookaround, so the
    # dash is dropped in two passes: after a non-digit, then before one); then leading zeros go.
    spelled = pc.replace_substring_regex(pc.ascii_upper(text), r"[^A-Z0-9]+", "-")
    spelled = pc.replace_substring_regex(spelled, r"(^|[^0-9])-", r"\1")
    spelled = pc.replace_substring_regex(spelled, r"-([^0-9]|$)", r"\1")
    spelled = pc.replace_substring_regex(spelled, r"(^|[^0-9])0+([0-9])", r"\1\2")
    spelled = pd.Series(pd.array(spelled, dtype="str"), index=ids.index)
    other = ~np.asarray(pc.string_is_ascii(text).to_numpy(zero_copy_only=False), dtype=bool)
    if other.any():
        spelled[other] = _spelled_any(ids[other])
    # An id of separators only stays as written rather than merging with every other such id.
    return spelled.where(spelled != "", ids.str.strip())


def _spelled_any(ids: pd.Series) -> pd.Series:
    return (
        ids.str.normalize("NFKC")
        .str.upper()
        .str.replace(r"[\W_]+", "-", regex=True)
        .str.replace(r"(?<!\d)-|-(?!\d)", "", regex=True)
        .str.replace(r"(?<!\d)0+(?=\d)", "", regex=True)
    )


#: How many merged ids or similar pairs a message of :func:`respondent_checks` names by their rows, and up
#: to how many similar pairs of a source it lists one by one: a file may hold thousands.
_EXAMPLES, _LISTED = 3, 10


def respondent_checks(segments: pd.DataFrame) -> pd.DataFrame:
    """Return the respondent ids a person should look at: spellings merged into one, and near duplicates.

    ``merged``: several spellings normalised to one id (see :func:`normalise_respondents`), counted as one
    person; one row per source, its message counting the ids and naming the rows of a few. ``similar``: two
    different ids one typo apart (a letter for a digit as in ``HGL-B01`` and ``HGL-BO1``, or a character too
    many as in ``HGL-Z1`` and ``HGL-Z1A``), which may be one person typed twice; ids that differ only in
    their number (``HGL-Z01``, ``HGL-Z07``, ``R1-23``, ``R123``) or series letter (``HGL-B01``, ``HGL-P01``)
    are a numbering, not a typo; more than ten pairs of a source are one row. No id is repeated: each row
    names the rows of the source file, so the check can be published in a build log.

    Parameters
    ----------
    segments
        The frame :func:`read_segments` returns (indexed by ``row``, with ``source`` and ``respondent``).

    Returns
    -------
    pandas.DataFrame
        Columns ``kind`` (``merged`` or ``similar``), ``source``, ``rows`` (the file's row numbers, one of
        each spelling) and ``message``.

    >>> frame = pd.DataFrame({"source": "s.csv", "respondent": ["HGL-Z01", "hgl-z1", "HGL-Z07", "HGL-ZO7"]},
    ...                      index=pd.Index([12, 40, 41, 50], name="row"))
    >>> respondent_checks(frame)["message"].tolist()  # doctest: +NORMALIZE_WHITESPACE
    ['2 spellings of one respondent id, counted as one person: check rows 12 and 40 of s.csv',
     '2 respondent ids one letter apart may be one person: check rows 41 and 50 of s.csv; merge or confirm them']
    """
    columns = ["kind", "source", "rows", "message"]
    if segments.empty:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame({
        "row": segments.index.to_numpy(), "source": segments["source"].array,
        "written": segments["respondent"].astype(str).array,
    })  # fmt: skip
    # The first row of each spelling as written; the million segments hold far fewer.
    first = frame[~frame.duplicated(["source", "written"])]
    first = first.assign(normal=normalise_respondents(first["written"]).array, written=first["written"].str.strip())
    first = first.drop_duplicates(["source", "written"])
    records = []
    merged = first[first.duplicated(["source", "normal"], keep=False)]
    for source, spellings in merged.groupby("source", sort=True):
        groups = sorted(sorted(group.tolist()) for _, group in spellings.groupby("normal")["row"])
        records.append(("merged", source, [row for rows in groups for row in rows], _merged(groups, source)))
    for source, group in first.groupby("source", sort=True):
        spelled = group.drop_duplicates("normal")
        pairs = _one_letter_apart(arrow_text(spelled["normal"]))
        named = spelled[spelled["normal"].isin({one for pair in pairs for one in pair})]
        row_of = dict(zip(named["normal"], named["row"], strict=True))
        both = sorted(sorted([int(row_of[a]), int(row_of[b])]) for a, b in pairs)
        if len(both) > _LISTED:
            shown = "; ".join(f"rows {_and(rows)}" for rows in both[:_EXAMPLES])
            message = (
                f"{len(both)} pairs of respondent ids one letter apart may each be one person: check for example "
                f"{shown} of {source} (the first {_EXAMPLES} of {len(both)})"
            )
            records.append(
                ("similar", source, [row for rows in both for row in rows], f"{message}; merge or confirm them")
            )
            continue
        for rows in both:
            message = f"2 respondent ids one letter apart may be one person: check rows {_and(rows)} of {source}"
            records.append(("similar", source, rows, f"{message}; merge or confirm them"))
    return pd.DataFrame(records, columns=columns)


def _merged(groups: list[list[int]], source: str) -> str:
    """One message for every id of ``source`` written in several spellings: a file may hold thousands."""
    if len(groups) == 1:
        rows = groups[0]
        return f"{len(rows)} spellings of one respondent id, counted as one person: check rows {_and(rows)} of {source}"
    shown = "; ".join(f"rows {_and(rows)}" for rows in groups[:_EXAMPLES])
    more = f" (the first {_EXAMPLES} of {len(groups)})" if len(groups) > _EXAMPLES else ""
    return (
        f"{len(groups)} respondent ids are written in more than one spelling (case, spaces, separators or leading "
        f"zeros), each counted as one person: check for example {shown} of {source}{more}"
    )


def _and(rows: list[int]) -> str:
    return ", ".join(map(str, rows[:-1])) + f" and {rows[-1]}" if len(rows) > 1 else str(rows[0])


def _one_letter_apart(ids: Iterable[str] | pa.Array) -> list[tuple[str, str]]:
    """Pairs of distinct ids one typo apart: a letter for a digit, or a letter or lone digit too many (not Z1/Z7,
    Z1/Z11).

    Found per position i from each id without its i-th character (its key at i), a column at a time: ids of
    one length that share a key differ at i alone, a letter for a digit when some but not all of them have a
    digit there; a key that is itself an id is that id with a character too many. So a few hundred thousand
    respondents take a moment, not a comparison of every pair.
    """
    texts = (ids if isinstance(ids, pa.Array) else pa.array(list(ids), pa.large_string())).cast(pa.large_string())
    lengths = pc.utf8_length(texts).to_numpy(zero_copy_only=False)
    # Longest first, so the ids that reach position i are a slice of the column, not a filtered copy.
    order = np.argsort(-lengths, kind="stable")
    texts, lengths = texts.take(order), lengths[order]
    characters = [pc.utf8_slice_codeunits(texts, i, i + 1) for i in range(lengths.max(initial=0))]
    digits = pa.array(
        [c for c in pc.unique(pa.chunked_array(characters, pa.large_string())).to_pylist() if c.isdigit()],
        pa.large_string(),
    )
    is_digit = [pc.is_in(c, value_set=digits).to_numpy(zero_copy_only=False) for c in characters]
    pairs = set()
    for i, digit in enumerate(is_digit):
        reaching = int(np.count_nonzero(lengths > i))
        text, digit = texts.slice(0, reaching), digit[:reaching]
        key = pc.utf8_replace_slice(text, i, i + 1, "")
        # The ids come first and are distinct, so a key's code is below their number when it is an id.
        group = pc.dictionary_encode(pa.concat_arrays([texts, key])).indices.to_numpy()[len(texts) :]
        # A character too many, unless it is a digit beside a digit (another number, not a typo).
        beside = np.zeros(reaching, bool)
        for j in (i - 1, i + 1):
            if 0 <= j < len(is_digit):
                beside |= is_digit[j][:reaching]
        # A separator left in a normal spelling stands between two numbers: without it, another number.
        separator = pc.equal(characters[i].slice(0, reaching), "-").to_numpy(zero_copy_only=False)
        extra = (group < len(texts)) & ~(digit & beside) & ~separator
        pairs.update(zip(text.filter(extra).to_pylist(), key.filter(extra).to_pylist(), strict=True))
        if not digit.any() or digit.all():
            continue
        # A letter for a digit: a key shared by ids some of which have a digit at i and some not.
        numbered = np.bincount(group, weights=digit)
        mixed = ((numbered > 0) & (numbered < np.bincount(group)))[group]
        groups: dict[int, tuple[list[str], list[str]]] = {}
        for number, one_digit, one in zip(
            group[mixed].tolist(), digit[mixed].tolist(), text.filter(mixed).to_pylist(), strict=True
        ):
            groups.setdefault(number, ([], []))[one_digit].append(one)
        for letters, numbers in groups.values():
            pairs.update(itertools.product(letters, numbers))
    return sorted({tuple(sorted(pair)) for pair in pairs})


def load_or_create_key(path: str | Path | None = None) -> bytes:
    """Return the pseudonym key, creating a random 32-byte key file if there is none.

    Parameters
    ----------
    path
        The key file; ``None`` means :data:`buurtdata.settings.key_file`.
        A new file is readable by its owner only (mode 0600).

    Raises
    ------
    BuurtdataError
        When an existing key file holds fewer than 16 bytes.
    """
    path = Path(path) if path is not None else settings.key_file
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".key-")  # mode 0600
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(os.urandom(32))
            # link() fails if another process created the key first; then both use that one.
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(temporary)
    key = path.read_bytes()
    if len(key) < 16:
        msg = (
            f"{path} holds {len(key)} bytes, too few for a pseudonym key (at least 16); restore the original key, "
            "or delete the file to create a new one (pseudonyms will then change)."
        )
        raise BuurtdataError(msg)
    return key


def scrub_quotes(segments: pd.DataFrame, *, names: Iterable[str] = ()) -> pd.DataFrame:
    """Return the segments with contact details and given names in ``text`` replaced by placeholders.

    Replaces e-mail addresses (also ``anja(at)example.nl``, ``anja [at] example [dot] nl``) by ``[e-mail]``,
    links by ``[link]``, phone numbers (``06-12345678``, ``06–12345678``, ``06.12.34.56.78``,
    ``+31 6 1234 5678``, ``0031 6 ...``, ``074-1234567``, ``+49 151 12345678``, ``0032 470 12 34 56``) by
    ``[telefoon]``, a BSN (any number after the word ``BSN`` or ``burgerservicenummer``, and 9 digits that pass
    the 11-proef: ``123456782``, ``123.456.782``, ``1234.56.782``) by ``[bsn]``, a street or postcode with
    house number (``Hoofdstraat 12``, ``Burgemeester Jansenlaan 3-A``, ``Dennenstr. 5``, ``7551 AB 12``,
    ``7551ab12``) and a PC6 without one (``3852 AB``, ``3852ab``; a 4-digit postcode stays) by ``[adres]``, a house
    number without its street (``van nummer 12``, ``op nummer 3a``, ``huisnummer 7``) by ``[huisnummer]``, a point
    (``52,27026; 6,77132``, ``RD 251245 476863``, ``52°16'12"N 6°46'17"E``) by ``[coördinaten]``, an IBAN by
    ``[rekening]``, an ``@handle`` by ``[account]``, each of ``names`` (whole words, any case) and the capitalised
    name after a title or relative (``Mevrouw De Vries``, ``familie van der Berg``, ``mijn zoon Mohammed (14)``,
    with the age in brackets; not ``mevrouw de burgemeester``) by ``[naam]``, the word before it staying. Other
    names are not found: read the quotes before publishing them.

    Parameters
    ----------
    segments
        A frame with a ``text`` column, e.g. from :func:`read_segments`.
    names
        Names of people (first names, surnames or both) to remove.

    Examples
    --------
    >>> quotes = pd.DataFrame({"text": ["Bel Anja op 06-12345678 of mail anja@example.nl.",
    ...                                 "Mevrouw De Vries van nummer 12, 3852 AB Ermelo."]})
    >>> scrub_quotes(quotes, names=["Anja"])["text"].tolist()
    ['Bel [naam] op [telefoon] of mail [e-mail].', 'Mevrouw [naam] van nummer [huisnummer], [adres] Ermelo.']
    """
    return _scrub_columns(segments, ["text"], names)


def scrub_free_text(segments: pd.DataFrame, *, names: Iterable[str] = ()) -> pd.DataFrame:
    """Return the segments with every free-text column that can reach an output scrubbed.

    ``text``, ``document`` and ``reason`` (which quotes the written location when it cannot be placed)
    as :func:`scrub_quotes` does; ``location_raw`` as :func:`scrub_locations` does. Columns the frame
    lacks are skipped.

    >>> frame = pd.DataFrame({"text": ["mail anja(at)example.nl"], "location_raw": ["Hoofdstraat 12"],
    ...                       "reason": ["no match: 'Hoofdstraat 12' is no buurt"], "document": ["Anja.docx"]})
    >>> scrub_free_text(frame, names=["Anja"]).iloc[0].tolist()
    ['mail [e-mail]', '[adres]', "no match: '[adres]' is no buurt", '[naam].docx']
    """
    out = _scrub_columns(segments, [c for c in ("text", "document", "reason") if c in segments.columns], names)
    return scrub_locations(out, names=names) if "location_raw" in out.columns else out


def scrub_text(texts: pd.Series, *, names: Iterable[str] = ()) -> pd.Series:
    """Return ``texts`` with contact details, addresses and ``names`` replaced, as :func:`scrub_quotes` does.

    One compiled pattern runs over each distinct text once; missing values stay.

    >>> scrub_text(pd.Series(["www.example.nl/anja of @anja_h", "in 2024 kwamen 12 mensen"])).tolist()
    ['[link] of [account]', 'in 2024 kwamen 12 mensen']
    """
    if texts.isna().all():
        return texts
    pattern = _pattern(_listed(names))
    return _like(each_distinct(texts, lambda text: _scrubbed(pattern, str(text))), texts).astype(texts.dtype)


def _like(found: pd.Series, texts: pd.Series) -> pd.Series:
    """Return text ``found`` for ``texts``: pandas' text column for one, else objects with None where missing."""
    if texts.dtype == "str":
        return found
    return found.astype(object).where(found.notna(), None)


def _scrub_columns(segments: pd.DataFrame, columns: list[str], names: Iterable[str]) -> pd.DataFrame:
    out = segments.copy()
    for column in columns:
        out[column] = scrub_text(out[column], names=names)
    return out


def _listed(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({n.strip() for n in names if n and n.strip()}, key=lambda n: (-len(n), n)))


def scrub_locations(segments: pd.DataFrame, *, names: Iterable[str] = ()) -> pd.DataFrame:
    """Return the segments with house numbers, coordinates and contact details taken out of ``location_raw``.

    Once a segment is placed its written location is only needed to fix
    the unplaced ones, and a postcode with house number or a point is a
    home address: ``7553 SA 12`` becomes ``7553 SA [huisnummer]``, a
    coordinate pair ``[coördinaten]``; other text is scrubbed as
    :func:`scrub_quotes` does (``bij Anja`` -> ``bij [naam]``), except that a PC6 without house number stays.

    Examples
    --------
    >>> scrub_locations(pd.DataFrame({"location_raw": ["7553 SA 12", "RD 251245 476863", "bij Anja"]}), names=["Anja"])[
    ...     "location_raw"].tolist()
    ['7553 SA [huisnummer]', '[coördinaten]', 'bij [naam]']
    """
    locations = segments["location_raw"]
    # A PC6 without house number stays, as in 7553 SA [huisnummer]: it is what an unplaced segment is fixed by.
    pattern = _pattern(_listed(names), pc6_alone=False)

    def scrubbed(text: object) -> str:
        text = str(text)
        if _coordinates(text) is not None:
            return "[coördinaten]"
        address = _PC6_ADDRESS.fullmatch(text.strip().upper())
        return f"{address[1]} {address[2]} [huisnummer]" if address else _scrubbed(pattern, text)

    out = segments.copy()
    if not locations.isna().all():
        # A location is one short cell per segment: only the two special forms differ from scrub_text.
        out["location_raw"] = _like(each_distinct(locations, scrubbed), locations)
    return out


_SEP = r"(?:\s?[-‐‑–—./]\s?|\s|\)\s?)?"
_DIGITS9 = rf"\d(?:{_SEP}\d){{8}}"
_AT = r"(?:@|\s+@\s+|\s*[(\[{]\s*(?:at|apenstaartje)\s*[)\]}]\s*|\s+(?:at|apenstaartje)\s+)"
_DOT = r"(?:\.|\s*[(\[{]\s*(?:dot|punt)\s*[)\]}]\s*|\s+(?:dot|punt)\s+)"
#: The word before a BSN: the number after it is one whatever its digits.
_BSN_WORD = r"(?i:\b(?:bsn|burgerservice-?nummer|sofi-?nummer)\b(?:\s*(?:is|was|nummer|nr\.?|:|=|-))*\s*)"
#: A PC6 postcode without house number (3852 AB, 3852AB, 3852 ab): some 15 to 20 addresses. Lower case letters
#: are not a Dutch word, unit or filler (2024 en, 1500 km, 300 eh) and capitals not a championship after a year (2024
#: EK). A year (1900-2099) and, apart, two lower case letters or a known abbreviation are a year and a word (sinds
#: 2015 eh, in 2022 AH kwam, 1995 ES), unless a place name follows (2015 ab Ermelo) or the word postcode goes
#: before; other capitals (2015 AB) or glued (2015ab) they are a PC6, as 1000-2099 are Noord- and Zuid-Holland's.
_PC6_ALONE = (
    r"[1-9](?<![\w.,/€+-].)(?!(?:(?<=1)9|(?<=2)0)\d\d\s?[EWN]K\b)"
    r"(?!(?<!(?i:postcode) .)(?<!(?i:postcode): .)(?:(?<=1)9|(?<=2)0)\d\d[ -]"
    r"(?:[a-z]{2}|AD|AH|BC|CA|ES|NB|NO|NS|NW|OK|OL|ZO|ZW)(?![\w-])"
    r"(?!,?[^\S\n]{1,3}[A-ZÀ-Þ][a-zà-ÿ]))"
    r"\d{3}[ -]?"
    r"(?!(?:af|ah|al|as|ca|cc|cl|cm|ct|de|dl|eh|en|er|eu|ga|gb|gr|ha|hm|ie|ik|in|is|je|ja|kb|kg|km|kw|mb|me|mg|ml|mm|na"
    r"|nr|nu|of|oh|ok|om|op|pk|st|tb|te|uh|uw|vs|we|ze|zo)\b)"
    r"[A-Za-z]{2}(?![\w-])"
)
#: A word that names the person after it: a title, family or a relative (mijn zoon, haar man, onze buurjongen).
#: Its first letter is read first and looked back at (see _pattern), as this is tried at every position of a text.
_RELATIVE = (
    r"[^\S\n]+(?:(?:klein|schoon)?(?:zoon|dochter)(?:tje)?|man|vrouw|moeder|vader|broer(?:tje)?|zus(?:je)?"
    r"|buur(?:jongen|meisje)|opa|oma|oom|tante|neef|nicht)"
)
_TITLE = (
    rf"[mMdDfFbBjJoOhHzZ](?<![\w'].)(?i:(?<=m)(?:e(?:vr(?:ouw|\.)?|neer|ester)|ijnheer|w\.?|(?:ijn|'n){_RELATIVE})"
    rf"|(?<=d)hr\.?|(?<=f)am(?:ilie|\.)|(?<=b)uur(?:vrouw|man)|(?<=j)(?:uf(?:frouw)?|(?:e|ouw){_RELATIVE})"
    rf"|(?<=o)n(?:ze|s){_RELATIVE}|(?<=h)(?:aar|un){_RELATIVE}|(?<=z)(?:ijn|'n){_RELATIVE})(?!\w)"
)
#: A name: only capitalised words (mevrouw de burgemeester is none), with initials and tussenvoegsels (De Vries,
#: J. van der Berg, 't Hart); an age in brackets after it (Mohammed (14)) goes with it.
_NAME_PARTICLE = r"(?:[Vv]an|[Dd]e[nr]?|[Hh]et|[Tt]e[nr]?|[Ll][ae]|[Ii]n|'[Tt]|'s|[Ee]l|[Aa]l|[Bb]in|[Dd]a)"
_CAPITALISED = rf"(?:(?:{_NAME_PARTICLE}[^\S\n]+){{0,3}}[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:['’-][^\W\d_]+)*(?!\w))"
_TITLED_NAME = (
    rf"{_TITLE}[^\S\n]+(?P<titled_name>(?:[A-Z]\.[^\S\n]?){{0,3}}{_CAPITALISED}(?:[^\S\n]+{_CAPITALISED}){{0,2}}"
    r"(?:\s*\(\s*\d{1,3}(?:\s*(?:jaar|jr\.?))?\s*\))?)"
)
#: A house number referred to without its street: van nummer 12, op nummer 3a, huisnummer 7.
_NUMBER_WORD = r"[vVoOhH](?<![\w'].)(?i:(?<=v)an\s++nummer|(?<=o)p\s++nummer|(?<=h)uisnummer)\s*+:?\s*+"
#: A point in degrees, minutes and (optional) seconds: 52°16'12"N 6°46'17"E, 52° 16′ 12″ NB, 6° 46′ 17″ OL
#: (_DMS follows the degrees).
_DMS = r"""\s?°\s?\d{1,2}(?:[.,]\d+)?\s?['′’](?:\s?\d{1,2}(?:[.,]\d+)?\s?(?:["″”]|''|′′))?\s?(?:NB|OL|[NEOZSW])?"""
#: (group, placeholder, pattern), tried left to right at each position of a text.
_PARTS = [
    ("email", "[e-mail]", rf"(?i:[\w.+-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)+)"),
    (
        "url",
        "[link]",
        r"(?i:\b(?:https?://|www\.)[^\s<>\"']*[^\s<>\"'.,;:!?)\]]|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/[^\s<>\"']*[^\s<>\"'.,;:!?)\]])",
    ),
    ("iban", "[rekening]", r"\b(?i:NL)\d{2}\s?[A-Z]{4}(?:\s?\d){10}\b"),
    # Dutch (not a date such as 01-02-2024 followed by a number), then any other country's (+49 151 ..., 0032 ...).
    (
        "phone",
        "[telefoon]",
        rf"(?<![\w+])(?:(?!\d{{1,2}}(?P<datesep>[-./])\d{{1,2}}(?P=datesep)(?:19|20)\d\d(?!\d))"
        rf"(?:(?:\+|00)\s?31\s?(?:\(0\)\s?)?(?:[-.]\s?)?|\(?0){_DIGITS9}"
        rf"|(?:\+|00)\s?[1-9]\d{{0,2}}\s?(?:\(0\)\s?)?(?:[-.]\s?)?\d(?:{_SEP}\d){{5,11}})(?!\d)",
    ),
    ("bsn_named", "[bsn]", rf"{_BSN_WORD}(?P<bsn_digits>\d(?:[\s.-]?\d){{7,8}})(?!\d)"),
    # Any other 9 digits (123456782, 123.456.782, 1234.56.782) only when they pass the 11-proef, as every BSN does.
    (
        "bsn",
        "[bsn]",
        r"(?<![\w.,+€-])(?<!€\s)(?:\d{3}(?:[ .-]?\d{3}){2}|\d{4}\.\d{2}\.\d{3})(?!\w|[.,-]\d|\s?(?:euro|%))",
    ),
    # Not the degrees of a point after it (3852 AB, 52°16'12"N 6°46'17"E).
    ("postcode", "[adres]", rf"{_PC6_ADDRESS.pattern}(?!\s?°)"),
    ("pc6", "[adres]", _PC6_ALONE),
    ("street", "[adres]", _STREET_ADDRESS.pattern),
    ("titled", "[naam]", _TITLED_NAME),
    ("number_word", "[huisnummer]", rf"{_NUMBER_WORD}(?P<house_number>{_HOUSE_NUMBER})"),
    ("dms", "[coördinaten]", rf"\d(?<![\w.,]\d)\d{{0,2}}{_DMS}\s*+[,;]?\s*+\d{{1,3}}{_DMS}"),
    # Kept when the numbers are no point in NL, or read as amounts (see _is_point).
    (
        "point",
        "[coördinaten]",
        rf"(?<![\w.,-])(?!\s)(?=(?i:[a-z]{{0,6}})\s*+[:=(]?\s*+[:=(]?\s*+-?\d)(?i:{_POINT.pattern})(?!\w|[.,]\d)",
    ),
    ("handle", "[account]", r"(?<![\w.@/])@\w+(?:\.\w+)*"),
]
_PLACEHOLDERS = {group: placeholder for group, placeholder, _ in _PARTS} | {"name": "[naam]"}
#: Groups whose opening word stays: group -> the inner group the placeholder replaces.
_KEPT_WORD = {"bsn_named": "bsn_digits", "titled": "titled_name", "number_word": "house_number"}


@functools.lru_cache(maxsize=16)
def _pattern(names: tuple[str, ...], *, pc6_alone: bool = True) -> re.Pattern[str]:
    # The group closes each part, so a part that opens with a character class is skipped at a glance (re tries
    # every part at every position of a text; entering one that then fails costs more than its first test).
    parts = [f"(?:{pattern})(?P<{group}>)" for group, _, pattern in _PARTS if pc6_alone or group != "pc6"]
    if names:
        parts.append(rf"(?P<name>(?i:(?<!\w)(?:{'|'.join(re.escape(n) for n in names)})(?!\w)))")
    return re.compile("|".join(parts))


def _scrubbed(pattern: re.Pattern[str], text: str) -> str:
    """The text with each match of ``pattern`` replaced by its placeholder; a candidate that is kept (numbers that
    are no point, 9 digits that are no BSN) is kept only up to its first number, and the text is read on from there,
    as what follows may be a phone number or postcode of its own (``Anja, 34, 06-12345678``)."""
    out, at = [], 0
    while match := pattern.search(text, at):
        placeholder = _placeholder(match)
        end = match.end() if placeholder is not None else match.start() + _FIRST_NUMBER.search(match[0]).end()
        out += [text[at : match.start()], placeholder or text[match.start() : end]]
        at = end
    return "".join(out) + text[at:]


_FIRST_NUMBER = re.compile(r"\d+")


def _placeholder(match: re.Match[str]) -> str | None:
    """The placeholder of a match, None when it is kept."""
    found = match.groupdict()
    group = next(group for group in _PLACEHOLDERS if found.get(group) is not None)
    # The word before stays, as "Mijn BSN is [bsn]", "mijn zoon [naam]" or "van nummer [huisnummer]" say what was there.
    if group in _KEPT_WORD:
        return match.string[match.start() : match.start(_KEPT_WORD[group])] + _PLACEHOLDERS[group]
    if (group == "bsn" and not _eleven_proof(match[0])) or (group == "point" and not _is_point(match[0])):
        return None
    return _PLACEHOLDERS[group]


def _eleven_proof(text: str) -> bool:
    """Whether 9 digits pass the 11-proef of a BSN: 9a + 8b + ... + 2h - i is a multiple of 11."""
    digits = [int(c) for c in text if c.isdigit()]
    return sum(d * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2, -1), strict=True)) % 11 == 0


def _is_point(text: str) -> bool:
    """Whether a pair of numbers in running text is a point: RD metres of 5 digits or more, or lat/lon with at
    least 4 decimals (a Dutch amount has groups of 3: ``52.250, 6.500`` is money)."""
    point = _coordinates(text)
    if point is None:
        return False
    numbers = re.findall(r"\d+(?:[.,]\d+)?", text)
    if point[2] == "EPSG:28992":
        return all(len(re.split(r"[.,]", n)[0]) >= 5 for n in numbers)
    return all(len(n) - len(re.split(r"[.,]", n)[0]) - 1 >= 4 for n in numbers)
