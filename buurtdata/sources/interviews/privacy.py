"""Privacy of interview segments: keyed pseudonyms for respondents, and their ids checked before they are counted.

:func:`buurtdata.pipeline.run` applies these in this order: respondents pseudonymised (:func:`pseudonymise`),
then the text scrubbed (:mod:`buurtdata.sources.interviews.scrub`: quotes with the project's ``[privacy] names``,
addresses out of the written locations).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from buurtdata import _errors
from buurtdata._errors import BuurtdataError
from buurtdata.sources.interviews.distinct import arrow_text, distinct_codes, each_distinct, factorized, like_texts
from buurtdata.sources.interviews.person_context import first_name_alone
from buurtdata.sources.interviews.person_parts import places_out
from buurtdata.sources.interviews.person_words import named_in_id
from buurtdata.sources.interviews.respondent_mentions import withheld
from buurtdata.sources.interviews.respondent_parts import lettered, one_letter_apart, parts_off, prefixed, without_parts
from buurtdata.sources.interviews.scrub import contact_details, scrub_text


class RealNameWarning(UserWarning):
    """A respondent column holds what looks like a person's real name, where the template asks for a code."""


def pseudonymise(segments: pd.DataFrame, key: bytes) -> pd.DataFrame:
    """Return the segments with each respondent replaced by a keyed pseudonym, and a respondent's code written in a
    quote (``text``: a transcriber's ``zie ook HGL-B05``) by ``[respondent]`` (:mod:`.respondent_mentions`).

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
    inner, outer = _keyed(key)

    def pseudonym(spelled: str) -> str:
        # HMAC as RFC 2104 (and hmac.new) computes it, from copies of the two keyed states: the key is not hashed
        # again for each respondent, and no hmac object is made per id (200,000 ids: 0.16 s against 0.29 s).
        one = inner.copy()
        one.update(spelled.encode())
        two = outer.copy()
        two.update(one.digest())
        return "R-" + two.hexdigest()[:10]

    # One HMAC per person, not per segment: a million segments come from a few hundred thousand respondents.
    spellings: list[pd.Series] = []

    def pseudonyms(ids: pd.Series) -> pd.Series:
        spellings.append(spelled := _spelled(ids))
        return each_distinct(spelled, pseudonym)

    found = each_distinct(out["respondent"], pseudonyms, together=True)
    if "text" in out.columns and spellings:
        out["text"] = withheld(out["text"], spellings[0].dropna(), spelled_ids)
    out["respondent"] = like_texts(found, out["respondent"])
    return out


def _keyed(key: bytes) -> tuple[Any, Any]:
    """The inner and outer SHA-256 states of HMAC-SHA256 with ``key``, as :mod:`hmac` makes them (a key longer than
    the hash's 64-byte block is hashed first, a shorter one padded with zeros)."""
    block = hashlib.sha256().block_size
    padded = (hashlib.sha256(key).digest() if len(key) > block else key).ljust(block, b"\0")
    return hashlib.sha256(padded.translate(_IPAD)), hashlib.sha256(padded.translate(_OPAD))


#: RFC 2104's inner and outer pads, each as a table for ``bytes.translate``: the key's bytes xor 0x36 and 0x5C.
_IPAD, _OPAD = bytes(x ^ 0x36 for x in range(256)), bytes(x ^ 0x5C for x in range(256))


def normalise_respondents(ids: pd.Series, *, parts: bool = True) -> pd.Series:
    """Return respondent ids in one spelling, so one person is counted once however the id was typed.

    Only differences that cannot make two people are ignored: case, spaces and separators (``-``, ``_``,
    ``.``, ``/``) beside a letter, and leading zeros of each number: ``HGL-Z01``, ``hgl-z01``, ``HGL Z1``,
    ``HGL_Z001`` and ``HGLZ01`` are all ``HGLZ1``. A separator between two numbers is kept (written ``-``):
    ``R1-23``, ``R12-3`` and ``R123`` are three people, as are ``A-10`` and ``A1-0``. With ``parts``, the words of
    a part or visit of one interview go too (:mod:`.respondent_parts`): ``Interview HGL-Z01 deel 2``,
    ``HGL-Z01 (vervolg)``, ``HGL-Z01 tweede gesprek`` and ``HGL-Z01.docx`` are ``HGLZ1``; without, they are
    documents (a respondents table's rows match the export's documents so).

    >>> normalise_respondents(pd.Series(["HGL-Z01", "hgl-z01", "HGL Z1", "HGL_Z001", "HGLZ01", "HGL-Z10"])).tolist()
    ['HGLZ1', 'HGLZ1', 'HGLZ1', 'HGLZ1', 'HGLZ1', 'HGLZ10']
    >>> normalise_respondents(pd.Series(["R1-23", "R12-3", "R123", "r1 023", "HGL-B01-11", "HGL-B11-1"])).tolist()
    ['R1-23', 'R12-3', 'R123', 'R1-23', 'HGLB1-11', 'HGLB11-1']
    >>> normalise_respondents(pd.Series(["Interview HGL-Z01 deel 2", "HGL-Z01 (vervolg)", "HGL-Z01.docx"])).tolist()
    ['HGLZ1', 'HGLZ1', 'HGLZ1']
    """
    return like_texts(each_distinct(ids, _spelled if parts else spelled_ids, together=True), ids)


def spelled_ids(ids: pd.Series) -> pd.Series:
    """:func:`normalise_respondents` of text ``ids`` without ``parts``, spelled directly, not once per distinct value
    (segment ids are each their own): a document's or a segment's id, not a person's."""
    return _spelled(ids, parts=False)


def _spelled(ids: pd.Series, *, parts: bool = True) -> pd.Series:
    """Return text ``ids`` as :func:`normalise_respondents` spells them; pure ASCII ids by Arrow's kernels."""
    text = arrow_text(ids)
    # The same rules as _spelled_any, for ASCII alone: NFKC changes nothing there and a digit is 0-9.
    # Each run of separators becomes one "-", kept only between two digits (RE2 has no lookaround, so the
    # dash is dropped in two passes: after a non-digit, then before one); then leading zeros go.
    upper = pc.ascii_upper(text)
    spelled = pc.replace_substring_regex(without_parts(upper) if parts else upper, r"[^A-Z0-9]+", "-")
    spelled = pc.replace_substring_regex(spelled, r"(^|[^0-9])-", r"\1")
    spelled = pc.replace_substring_regex(spelled, r"-([^0-9]|$)", r"\1")
    spelled = pc.replace_substring_regex(spelled, r"(^|[^0-9])0+([0-9])", r"\1\2")
    spelled = pd.Series(pd.array(spelled, dtype="str"), index=ids.index)
    other = ~np.asarray(pc.string_is_ascii(text).to_numpy(zero_copy_only=False), dtype=bool)
    if other.any():
        spelled[other] = _spelled_any(ids[other], parts=parts)
    # An id of separators only stays as written rather than merging with every other such id.
    return spelled.where(spelled != "", ids.str.strip())


def _spelled_any(ids: pd.Series, *, parts: bool = True) -> pd.Series:
    upper = ids.str.normalize("NFKC").str.upper()
    return (
        (upper.map(parts_off) if parts else upper)
        .str.replace(r"[\W_]+", "-", regex=True)
        .str.replace(r"(?<!\d)-|-(?!\d)", "", regex=True)
        .str.replace(r"(?<!\d)0+(?=\d)", "", regex=True)
    )


#: An id that reads as a name: two or more capitalised words, with tussenvoegsels between them (Anneke de Boer,
#: Mohammed El Amrani, Jan van der Berg); an id with a digit (Bewoner 3, HGL B01) is none. RE2, run by Arrow.
_NAME_SHAPED = (
    r"^\s*\p{Lu}\p{Ll}+(?:[-'’]\p{L}+)*"
    r"(?:\s+(?:(?:van|de|der|den|het|ter|ten|te|'t|el|al|la|le|da|bin|in)\s+){0,3}\p{Lu}\p{Ll}+(?:[-'’]\p{L}+)*)+\s*$"
)
#: How many rows a :class:`RealNameWarning` names.
_NAMED_ROWS = 10


#: A date a researcher adds to a respondent's code (B01-20250314, B01-2025-03-14, B01-14032025, B01-14-03-2025):
#: a real year (19xx, 20xx), month and day, so that 8 digits of a phone number rarely are one.
_DAY, _MONTH, _YEAR = r"(?:0[1-9]|[12][0-9]|3[01])", r"(?:0[1-9]|1[0-2])", r"(?:19|20)[0-9]{2}"
_DATE = rf"(?:{_YEAR}-?{_MONTH}-?{_DAY}|{_DAY}-?{_MONTH}-?{_YEAR})"
#: A respondent id shaped as a code (B01, R112460, HGL-0042, 7), or such a code and a date (HGL-0042-20250314):
#: never a contact detail (see warn_named_respondents). Before a date the code's number is not 06 (tel-06-20250314
#: is a mobile number); RE2 (run by Arrow) has no lookahead, so the numbers other than 06 are spelled out.
_CODE_SHAPED = (
    # R- and ten hex digits is a pseudonym of this module (a dossier's rebuild reads them as ids): never a phone
    # number, however many of the ten are digits (review of fixho: every overdracht warned of R-0431739076).
    r"^(?:R-[0-9a-f]{10}|[A-Za-z]{1,4}[-_]?[0-9]{1,7}|[0-9]{1,3}"
    rf"|[A-Za-z]{{1,4}}[-_]?(?:[1-9][0-9]{{0,6}}|0|0[0-57-9][0-9]{{0,5}}|06[0-9]{{1,5}})[-_]{_DATE})$"
)


def _named_ids(distinct: Any, names: Iterable[str] = ()) -> tuple[np.ndarray, np.ndarray]:
    """For each of the ``distinct`` ids, whether it reads as a person's name (or one of ``names``) and whether it
    holds a contact detail (an e-mail address, a phone number): the rules of :func:`warn_named_respondents`, which
    :func:`said_value` applies to a bad cell too."""
    text = arrow_text(pd.Series(distinct, dtype=object).astype(str))
    flagged = pc.match_substring_regex(text, _NAME_SHAPED)
    listed = [re.escape(n.strip()) for n in names if n and n.strip()]
    if listed:
        whole_word = rf"(?:^|[^\p{{L}}\p{{N}}])(?:{'|'.join(listed)})(?:$|[^\p{{L}}\p{{N}}])"
        flagged = pc.or_(flagged, pc.match_substring_regex(text, whole_word, ignore_case=True))
    named = np.asarray(flagged.to_numpy(zero_copy_only=False), dtype=bool)
    # An e-mail address or phone number as the id (jan@voorbeeld.nl, 06-12345678) is a way to reach the person.
    # Asked only of ids not shaped as a code (a few letters and at most 7 digits: B01, R112460, HGL-0042), which
    # no phone number, e-mail address, link, IBAN, BSN or postcode is: a million segments' 200,000 ids in 0.7 s else.
    coded = np.asarray(pc.match_substring_regex(text, _CODE_SHAPED).to_numpy(zero_copy_only=False), dtype=bool)
    reachable = np.zeros(len(distinct), dtype=bool)
    free = np.asarray(distinct, dtype=object)[~coded]
    reachable[~coded] = [bool(contact_details(str(id_))) for id_ in free]
    # A name inside an id, as the scrubbing finds one in a quote: a Taguette document named "Gesprek Henk de
    # Vries.docx" is its segments' respondent (user test B: it was not warned of).
    spaced = pd.Series(free, dtype=object).astype(str).str.replace("_", " ", regex=False)
    named[~coded] |= scrub_text(spaced).str.contains("[naam]", regex=False).to_numpy(dtype=bool)
    # A file's name or an id written with underscores, read as words (Henk_de_Vries, Kees.docx), and an id that is a
    # first name alone (Truus): review p, these were not warned of; nor were names in lower case (interview_truus,
    # gesprek-henk-de-vries: fix-names2), which no capital gives away.
    bare = spaced.str.replace(r"\.\w{2,4}$", "", regex=True).str.strip()
    shaped = pc.match_substring_regex(arrow_text(bare), _NAME_SHAPED).to_numpy(zero_copy_only=False)
    named[~coded] |= (
        np.asarray(shaped, dtype=bool)
        | bare.map(first_name_alone).to_numpy(dtype=bool)
        | bare.map(named_in_id).to_numpy(dtype=bool)
    )
    # A code-shaped id with a name glued to its number (kees_1, Anna-2: review T M5) is no code; read as words too.
    # Only those with a run of 3 letters can hold one (a code's one run of letters is a first name of 3 or more):
    # not the 200,000 ids of a million segments (R000123: 0.23 s of Python else).
    worded = coded & np.asarray(pc.match_substring_regex(text, "[A-Za-z]{3}").to_numpy(zero_copy_only=False), bool)
    named[worded] |= np.fromiter((named_in_id(str(id_)) for id_ in np.asarray(distinct, dtype=object)[worded]), bool)
    return named, reachable


def warn_named_respondents(segments: pd.DataFrame, names: Iterable[str] = (), places: Any = None) -> None:
    """Warn, once per source file, of respondent ids that look like a real name: two or more capitalised words
    (``Anneke de Boer``), a listed first name alone (``Truus``), a listed first name or a surname after a
    tussenvoegsel in lower case (``interview_truus``, ``gesprek-henk-de-vries``; not ``bewoner_oost``, ``resp_01``)
    or, as a whole word, one of ``names`` (``[privacy] names``); or that hold an e-mail address or phone number
    (``jan@voorbeeld.nl``, ``06-12345678``).

    The template asks for a code (B01), never a name; the ids are pseudonymised all the same, so this only
    warns (:class:`RealNameWarning`), naming the file and the rows, never the names.

    Parameters
    ----------
    segments
        The frame :func:`read_segments` returns (indexed by row, with ``source`` and ``respondent``).
    names
        Names of people, as the project lists them.
    places
        The regions' names: an id naming where its person was heard (``N-Horst-1``, Horst a first name too) is none.
    """
    if segments.empty:
        return
    codes, distinct = distinct_codes(segments["respondent"], missing="")
    named, reachable = _named_ids(distinct, names)
    for at in np.flatnonzero(named & ~reachable) if places is not None else ():  # the few read as a name
        rest = places_out(str(distinct[at]), places)
        if rest != str(distinct[at]) and rest.strip(" -_."):
            named[at] = _named_ids(np.array([rest], dtype=object), names)[0][0]
    named |= reachable
    if not named.any():
        return
    flagged_rows = named[codes]
    rows = pd.Series(segments.index.to_numpy(), index=segments["source"].to_numpy())[flagged_rows]
    people = pd.Series(codes[flagged_rows], index=rows.index)
    for source, found in rows.groupby(level=0, sort=True):
        reached = reachable[people.loc[[source]]].any()
        what = "a real name, e-mail address or phone number" if reached else "a real name"
        if str(source).lower().endswith(".qdpx"):
            # A project has no rows: its respondent is a case's (or source's) name, counted, never repeated here.
            cases = people.loc[[source]].nunique()
            _errors.warn(
                f"{source}: {cases} respondent(s) of {len(found)} coded segment(s) (a case's name, else the "
                f"source's, or their variable respondent) look like {what}; in the QDA tool, name each case, or "
                "its variable respondent, by a code such as B01. The ids are pseudonymised, but replace the names "
                "by codes (not repeated here).",
                RealNameWarning,
                stacklevel=2,
            )
            continue
        shown = _errors.few([str(row) for row in sorted(found.tolist())], _NAMED_ROWS)
        _errors.warn(
            f"{source}: the respondent column holds what looks like {what} in row(s) {shown}; the template "
            "asks for a code such as B01, never a name. The ids are pseudonymised, but replace the names in the "
            "file by codes.",
            RealNameWarning,
            stacklevel=2,
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
    are a numbering, not a typo. Also ``similar``, as they may be one person: one code with and without a prefix
    of letters (``HGL-B01`` and ``B01``) or with another letter after its number (``B03_a`` and ``B03_b``; see
    :mod:`.respondent_parts`). More than ten pairs of a source and kind are one row. The parts of one interview
    (``HGL-B01 deel 1``, ``deel 2``) are one id, ``merged``. No id is repeated: each row names the rows of the
    source file, so the check can be published in a build log.

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
    if segments["respondent"].isna().any():  # no id to look at (read_segments refuses such rows in a build)
        segments = segments[segments["respondent"].notna()]
    if segments.empty:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame({
        "row": segments.index.to_numpy(), "source": segments["source"].array,
        "written": segments["respondent"].astype(str).array,
    })  # fmt: skip
    # The first row of each spelling as written; the million segments hold far fewer. As frame.duplicated finds
    # them, from the codes of the two columns (a missing value one more code), the ids' codes as the pseudonyms
    # factorized them (distinct.factorized): a million ids are not hashed again (issue 19).
    written, written_as = factorized(segments["respondent"].astype(str))
    source, _ = factorized(segments["source"])
    pair = (source.astype(np.int64) + 1) * (len(written_as) + 1) + (written + 1)
    first = frame[~pd.Series(pair).duplicated().to_numpy()]
    first = first.assign(normal=normalise_respondents(first["written"]).array, written=first["written"].str.strip())
    first = first.drop_duplicates(["source", "written"])
    records = []
    merged = first[first.duplicated(["source", "normal"], keep=False)]
    # Spellings of one id that are other documents too (deel 1, deel 2): the parts of one interview.
    documents = merged.assign(whole=normalise_respondents(merged["written"], parts=False).array)
    for source, spellings in documents.groupby("source", sort=True):
        groups = sorted(sorted(group.tolist()) for _, group in spellings.groupby("normal")["row"])
        parted = bool(spellings.groupby("normal")["whole"].nunique().gt(1).any())
        records.append(("merged", source, [row for rows in groups for row in rows], _merged(groups, source, parted)))
    for source, group in first.groupby("source", sort=True):
        spelled = group.drop_duplicates("normal")
        normals = arrow_text(spelled["normal"])
        for pairs, what in (
            (one_letter_apart(normals), "one letter apart"),
            (prefixed(normals), "that are one code with and without a prefix of letters"),
            (lettered(normals), "that are one code with another letter after its number (parts a and b?)"),
        ):
            records += _similar(spelled, pairs, source, what)
    return pd.DataFrame(records, columns=columns)


def _similar(spelled: pd.DataFrame, pairs: list[tuple[str, str]], source: str, what: str) -> list[tuple]:
    """The ``similar`` rows of pairs of normal ids of ``source`` (``spelled``: the first row of each), by rows."""
    named = spelled[spelled["normal"].isin({one for pair in pairs for one in pair})]
    row_of = dict(zip(named["normal"], named["row"], strict=True))
    both = sorted(sorted([int(row_of[a]), int(row_of[b])]) for a, b in pairs)
    if len(both) > _LISTED:
        shown = "; ".join(f"rows {_and(rows)}" for rows in both[:_EXAMPLES])
        message = (
            f"{len(both)} pairs of respondent ids {what} may each be one person: check for example "
            f"{shown} of {source} (the first {_EXAMPLES} of {len(both)})"
        )
        return [("similar", source, [row for rows in both for row in rows], f"{message}; merge or confirm them")]
    return [
        (
            "similar",
            source,
            rows,
            f"2 respondent ids {what} may be one person: check rows {_and(rows)} of {source}; merge or confirm them",
        )
        for rows in both
    ]


def _merged(groups: list[list[int]], source: str, parted: bool = False) -> str:
    """One message for every id of ``source`` written in several spellings (``parted``: some split over documents,
    the parts of one interview): a file may hold thousands."""
    if len(groups) == 1:
        rows = groups[0]
        what = "documents or spellings (parts of one interview: deel 1, vervolg, ...)" if parted else "spellings"
        return f"{len(rows)} {what} of one respondent id, counted as one person: check rows {_and(rows)} of {source}"
    shown = "; ".join(f"rows {_and(rows)}" for rows in groups[:_EXAMPLES])
    more = f" (the first {_EXAMPLES} of {len(groups)})" if len(groups) > _EXAMPLES else ""
    how = "case, spaces, separators or leading zeros"
    if parted:
        how += ", or split over documents as parts of one interview: deel 1, vervolg, tweede gesprek, .docx"
    return (
        f"{len(groups)} respondent ids are written in more than one spelling ({how}), each counted as one person: "
        f"check for example {shown} of {source}{more}"
    )


def _and(rows: list[int]) -> str:
    return ", ".join(map(str, rows[:-1])) + f" and {rows[-1]}" if len(rows) > 1 else str(rows[0])


#: What a message says instead of a value it may not repeat (:func:`said_value`).
NOT_REPEATED = "the value (a name, address or contact detail: not repeated here)"


def said_value(value: object) -> str:
    """A bad cell's value as a message quotes it (:func:`~buurtdata._errors.shown`: as written), unless it holds a
    contact detail, an address or what looks like a person's name as a respondent id is read
    (:func:`warn_named_respondents`): then that it does, never the value. The file, row and field the message names
    find it; the message may end up in a CI log others read (user test V: a shifted column put an e-mail address under
    role, and the error printed it). Many values at once: :func:`said_values`.

    >>> said_value("bewonr")
    "'bewonr'"
    >>> {said_value(v) for v in ("Henk Jansen", "anneke@example.nl", "Truus", "Stationsstraat 14")}
    {'the value (a name, address or contact detail: not repeated here)'}
    """
    return said_values([value])[0]


def said_values(values: Iterable[object]) -> list[str]:
    """:func:`said_value` of each of ``values``, worked out in one batch: once per distinct value, one scrubbing
    pass and one name check over them all (one by one a shifted column's 3,000 cells took 40 s; review aa, S1).

    >>> said_values(["bewonr", "Henk Jansen", "bewonr"])
    ["'bewonr'", 'the value (a name, address or contact detail: not repeated here)', "'bewonr'"]
    """
    values = list(values)
    distinct = list(dict.fromkeys(str(value) for value in values))
    if not distinct:
        return []
    spaced = pd.Series(distinct, dtype=object).str.replace("_", " ", regex=False)
    named, reachable = _named_ids(np.array(distinct, dtype=object))
    # Beside what an id is read for: a name in context, an address, a postcode, as scrubbing takes them out.
    scrubbed = scrub_text(spaced).to_numpy(dtype=object) != spaced.to_numpy(dtype=object)
    hidden = dict(zip(distinct, named | reachable | scrubbed, strict=True))
    return [NOT_REPEATED if hidden[str(value)] else _errors.shown(value) for value in values]
