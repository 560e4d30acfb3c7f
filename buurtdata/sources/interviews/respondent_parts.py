"""One person's interview split over documents: the parts read as one respondent, and ids that may be one person.

Where the respondent is a document's name (MAXQDA's coded segments, Taguette, a ``.qdpx`` without cases, a template
filled from file names), a long or repeated interview is several documents: ``Interview HGL-B01 deel 1`` and
``deel 2``, ``HGL-B01 (vervolg)``, ``HGL-B02 tweede gesprek``, ``HGL-B04.docx`` beside ``HGL-B04.txt``. Counted as
several respondents, one person alone would reach the privacy threshold (sweep 12 interviews F11). The words of a
part or visit say nothing about who speaks, so :func:`without_parts` takes them off before an id is spelled as one
person (:func:`.privacy.normalise_respondents`). What may be one person but may as well be two is only listed:
a code with and without a team's prefix (``HGL-B01`` beside ``B01``: :func:`prefixed`), a code with a letter
after its number (``B03_a``, ``B03_b``: parts, or two people of one household: :func:`lettered`), and ids one typo
apart (:func:`one_letter_apart`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

#: A separator, and a character that is none; Python's ``\W`` is Unicode-aware, RE2's (run by Arrow on ASCII ids
#: only) ASCII: the same rule for the ids each is given.
_SEP, _WORD = r"[\W_]", r"[^\W_]"
#: What a part or a visit is called after the code (upper case: ids are upper-cased first).
_PART_WORDS = r"(?:DEEL|PART|GESPREK|BEZOEK|SESSIE|INTERVIEW)"
_ORDINALS = r"(?:EERSTE|TWEEDE|DERDE|VIERDE|VIJFDE|[1-9]E|[1-9]STE|[1-9]DE)"
#: (pattern, replacement) in order, on an upper-cased id; each keeps the code before it (``\1``), never empties it.
PART_PATTERNS = (
    # A transcript's or recording's file extension: HGL-B04.docx and HGL-B04.txt are one interview.
    (r"^(.*" + _WORD + _SEP + r"*)\.(?:DOCX?|TXT|PDF|ODT|RTF|MD|MP3|M4A|WAV|MP4)$", r"\1"),
    # A part or a later visit of whoever is before it: deel 1, deel II, part 2, (vervolg), tweede gesprek.
    (
        r"^(.*" + _WORD + r")" + _SEP + r"+(?:(?:DEEL|PART)" + _SEP + r"*(?:[0-9]{1,2}|I{1,3}|IV|[A-D])"
        r"|VERVOLG(?:GESPREK|INTERVIEW)?(?:" + _SEP + r"*[0-9]{1,2})?"
        r"|" + _ORDINALS + _SEP + r"*" + _PART_WORDS + r")" + _SEP + r"*$",
        r"\1",
    ),
    # A numbered conversation after a code of one piece (HGL-B01 gesprek 2): after words it may number people (Oost
    # gesprek 2, Ronde 2 interview 5 and Ronde 2 interview 6 are two: review 12b), after a year or number too.
    (
        r"^([^\W\d_]"
        + _WORD
        + r"*(?:[-_]"
        + _WORD
        + r"+)*[0-9]"
        + _WORD
        + r"*)"
        + _SEP
        + r"+"
        + _PART_WORDS
        + _SEP
        + r"*[0-9]{1,2}"
        + _SEP
        + r"*$",
        r"\1",
    ),
    # A leading word that names the document, not the person: Interview HGL-B01, Gesprek met B01.
    (
        r"^" + _SEP + r"*(?:INTERVIEW|GESPREK|TRANSCRIPTIE|TRANSCRIPT)(?:" + _SEP + r"+MET)?"
        r"" + _SEP + r"+(" + _WORD + r")",
        r"\1",
    ),
)
#: What each of :data:`PART_PATTERNS` needs in an id: a dot or one of the words.
_ANY_PART = r"[.]|DEEL|PART|GESPREK|BEZOEK|SESSIE|INTERVIEW|VERVOLG|TRANSCRIPT"
_COMPILED = tuple((re.compile(pattern), replacement) for pattern, replacement in PART_PATTERNS)


def without_parts(upper: pa.Array) -> pa.Array:
    """Return upper-cased ASCII ids without the words of a part or visit (Arrow's RE2), as :func:`parts_off`.

    >>> without_parts(pa.array(["INTERVIEW HGL-B01 DEEL 1", "HGL-B01 (VERVOLG)", "B01.DOCX", "DEEL 1"])).to_pylist()
    ['HGL-B01', 'HGL-B01', 'B01', 'DEEL 1']
    """
    # Only ids with a word of a part or a dot are rewritten: a million segments' 200,000 codes in 0.01 s, not 0.2 s.
    holding = pc.match_substring_regex(upper, _ANY_PART)
    if not pc.any(holding).as_py():
        return upper
    some = upper.filter(holding)
    for pattern, replacement in PART_PATTERNS:
        some = pc.replace_substring_regex(some, pattern, replacement)
    return pc.replace_with_mask(upper, holding, some)


def parts_off(upper: str) -> str:
    r"""One upper-cased id without the words of a part or visit (Python's ``re``, for ids beyond ASCII).

    >>> [parts_off(i) for i in ["GESPREK MET AYŞE 2E GESPREK", "HGL-B02 TWEEDE GESPREK", "B03_A", "INTERVIEW"]]
    ['AYŞE', 'HGL-B02', 'B03_A', 'INTERVIEW']
    >>> [parts_off(i) for i in ["HGL-Ş02 GESPREK 2", "OOST GESPREK 2", "OOST DEEL 2", "HGL-Ş02 (VERVOLG).DOCX"]]
    ['HGL-Ş02', 'OOST GESPREK 2', 'OOST', 'HGL-Ş02']
    """
    for pattern, replacement in _COMPILED:
        upper = pattern.sub(replacement, upper)
    return upper


def prefixed(ids: pa.Array) -> list[tuple[str, str]]:
    """Pairs of distinct normal ids (:func:`.privacy.normalise_respondents`) one of which is the other with a prefix
    of letters before it, a team's code and the code alone (``HGLB1`` and ``B1``): may be one person. The shorter
    starts with a letter: a number ``1`` beside ``B1`` is a numbering, not a prefix.

    One pass over the column per letter of the longest prefix, not a comparison of every pair.

    >>> prefixed(pa.array(["HGLB1", "B1", "HGLP2", "1", "P1", "R1-23", "B3A"]))
    [('B1', 'HGLB1')]
    """
    texts = ids.cast(pa.large_string())
    if len(texts) < 2:
        return []
    # Only an id with two letters in front has a prefix before a code that starts with a letter (not R000123).
    two = np.flatnonzero(pc.utf8_is_alpha(pc.utf8_slice_codeunits(texts, 0, 2)).to_numpy(zero_copy_only=False))
    if not len(two):
        return []
    known, texts = texts, texts.take(pa.array(two))
    letters = pc.utf8_length(pc.extract_regex(texts, r"^(?P<p>\p{L}*)").field("p")).to_numpy(zero_copy_only=False)
    pairs: set[tuple[str, str]] = set()
    for k in range(1, int(letters.max(initial=0))):
        # Without its first k letters, an id that still starts with a letter and is another id of the source.
        longer = texts.take(pa.array(np.flatnonzero(letters > k)))
        shorter = pc.utf8_slice_codeunits(longer, k)
        found = pc.is_in(shorter, value_set=known).to_numpy(zero_copy_only=False)
        pairs.update(zip(shorter.filter(found).to_pylist(), longer.filter(found).to_pylist(), strict=True))
    return sorted(pairs)


def lettered(ids: pa.Array) -> list[tuple[str, str]]:
    """Pairs of distinct normal ids that are one code with another letter after its number (``B3A`` and ``B3B``):
    parts a and b of one interview, or two people of one household. ``B3`` beside ``B3A`` is
    :func:`one_letter_apart`'s.

    >>> lettered(pa.array(["B3A", "B3B", "B3C", "B4A", "B3", "Q10X"]))
    [('B3A', 'B3B'), ('B3A', 'B3C'), ('B3B', 'B3C')]
    """
    texts = ids.cast(pa.large_string())
    ending = texts.filter(pc.match_substring_regex(texts, r"[0-9]\p{L}$"))
    if len(ending) < 2:
        return []
    frame = pd.DataFrame({"id": ending.to_pylist(), "key": pc.utf8_slice_codeunits(ending, 0, -1).to_pylist()})
    pairs: set[tuple[str, str]] = set()
    for _, group in frame[frame.duplicated("key", keep=False)].groupby("key", sort=True)["id"]:
        pairs.update(itertools.combinations(sorted(group.tolist()), 2))
    return sorted(pairs)


def one_letter_apart(ids: Iterable[str] | pa.Array) -> list[tuple[str, str]]:
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
