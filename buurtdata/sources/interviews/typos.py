"""Which region name a misspelt name is read as, for :class:`~buurtdata.sources.interviews.gazetteer.Gazetteer`.

A misspelling is counted in edits (optimal string alignment, rapidfuzz's ``OSA``): a letter left out, added or
replaced, or two adjacent letters swapped, each one edit (``Cenrtum`` is one edit from *Centrum*, where
rapidfuzz's ratio, counting a swap as two, scores it 86). A name is read as the one region name (or names of one
region) fewest edits away when that is at most :func:`edits_allowed` for its length (and what differs, see
:func:`_allowed`) and every other name is at least :data:`MARGIN` edits further: a typo of one name that is as
near (or nearly as near) another is not guessed. Chosen from ``benchmarks/gazetteer_typos.py`` (every wijk and
buurt name of the KWB 2020, typos made with a fixed seed): see the README's paragraph on placing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import ClassVar

from buurtdata.sources.interviews.names import _join
from buurtdata.sources.interviews.wording import Gazetteer

#: Regions a name stands for: (level, code) pairs.
Found = set[tuple[str, str]]

#: How many more edits than the best the next name must be: with 2, a name one edit from the one read is at least
#: three from any other, so it takes three typos in one name to place it wrongly (one edit from two names, or two
#: from one and one from another, is not guessed).
MARGIN = 2
#: The least length (letters and spaces, folded) a name needs to be read with one edit; below it only exactly.
ONE_EDIT = 5
#: The least length for one letter replaced by another: in shorter names that is as often another real name
#: (Boten and Bomen, Haven and Hagen are buurten of two gemeenten) as a typo.
REPLACED = 10
#: The least length for two edits (``nijverhijd`` for *Nijverheid*: ij for ei), and for three.
TWO_EDITS, THREE_EDITS = 10, 24


def edits_allowed(key: str) -> int:
    """The most edits a folded name ``key`` may be from the region name it is read as, by its length.

    >>> [edits_allowed(name) for name in ("horn", "hosrt", "cenrtum", "tichelwrek b", "fredeik hendrikbuurt zuidoost")]
    [0, 1, 1, 2, 3]
    """
    n = len(key)
    return 3 if n >= THREE_EDITS else 2 if n >= TWO_EDITS else 1 if n >= ONE_EDIT else 0


def _allowed(key: str, name: str, edits: int) -> bool:
    """Whether ``key`` may be read as ``name``, ``edits`` away: the same digits (Wijk 05 is not Wijk 06), and no more
    edits than the words of ``key`` not in ``name`` allow, at least one (Verspreide huizen Knegsel is not three edits
    from Verspreide huizen Zeegse, but Transvaalbuurt-Wets one from Transvaalbuurt-West); one letter replaced only
    in a name of :data:`REPLACED` letters or more.

    >>> _allowed("wijk 05", "wijk 06", 1), _allowed("verspreide huizen knegsel", "verspreide huizen zeegse", 3)
    (False, False)
    >>> _allowed("transvaalbuurt wets", "transvaalbuurt west", 1), _allowed("boten", "bomen", 1)
    (True, False)
    """
    if _numbers(key) != _numbers(name):
        return False
    words = set(name.split())
    rest = " ".join(word for word in key.split() if word not in words)
    if edits > min(edits_allowed(key), max(1, edits_allowed(rest))):
        return False
    replaced = edits == 1 and len(key) == len(name) and sum(a != b for a, b in zip(key, name, strict=True)) == 1
    return not replaced or len(key) >= REPLACED


#: A word that is a Roman numeral up to 39 (folded: lower case), as numbered buurten write them: Sloterdijk III,
#: Willem II, Oost I. A lone v or x is not one: ``v d`` is van de, as Westland writes "V/d kasteelewijk".
_ROMAN = re.compile(r"(?=[ivx]{2,}$|i$)x{0,3}(ix|iv|v?i{0,3})")


def _numbers(key: str) -> list[str]:
    """The digits and the Roman numerals of a folded name, which a typo never changes: Wijk 05 is not Wijk 06, and
    Sloterdijk III is not Sloterdijk II (review r: it was read as it, one letter dropped).

    >>> _numbers("wijk 05"), _numbers("sloterdijk iii oost"), _numbers("oost il"), _numbers("v d kasteelewijk")
    (['0', '5'], ['iii'], [], [])
    >>> _numbers("oost i"), _numbers("wijk xiv"), _numbers("mix vix")
    (['i'], ['xiv'], [])
    """
    return [c for c in key if c.isdigit()] + [word for word in key.split() if _ROMAN.fullmatch(word)]


@dataclass(frozen=True)
class Read:
    """The names a misspelling is read as: ``best`` (fewest edits, ``edits``), and ``rivals``: other names fewer than
    :data:`MARGIN` edits further, which make it ambiguous (all of them when ``best`` is empty: too far for one, near
    several); each name with its rapidfuzz ratio."""

    edits: int
    best: list[tuple[str, float]]
    rivals: list[tuple[str, float]]


def near(key: str, names: Collection[str]) -> list[tuple[str, int]]:
    """The names at most :func:`edits_allowed` + :data:`MARGIN` - 1 edits from ``key``, fewest first.

    Only names of a length that many edits can reach are compared (an edit changes the length by one at most), and
    a key asked of the same names again is answered from :class:`_Lengths` (review r: reading misspelt names had
    become 1.7 times slower than with the ratio it replaced, nationally 4.4 ms a text).
    """
    allowed = edits_allowed(key)
    if not allowed or not names:
        return []
    return _Lengths.of(names).near(key, allowed + MARGIN - 1)


class _Lengths:
    """A collection of names by length, for :func:`near`, with the answers given so far."""

    #: The last few collections indexed (a gazetteer's names and words, those of the gemeenten not built).
    _made: ClassVar[list[_Lengths]] = []

    def __init__(self, names: Collection[str]) -> None:
        self.names, self.size = names, len(names)
        #: (length, reach) -> the names of a length within reach of it, in the collection's order (as a scan of
        #: all of it orders ties).
        self.within: dict[tuple[int, int], list[str]] = {}
        self.answers: dict[tuple[str, int], list[tuple[str, int]]] = {}

    @classmethod
    def of(cls, names: Collection[str]) -> _Lengths:
        """The index of ``names``, made again when the collection grew or shrank since."""
        for made in cls._made:
            if made.names is names and made.size == len(names):
                return made
        cls._made[:] = [made for made in cls._made[-3:] if made.names is not names] + [cls(names)]
        return cls._made[-1]

    def near(self, key: str, reach: int) -> list[tuple[str, int]]:
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        if (key, reach) not in self.answers:
            span = (len(key), reach)
            if span not in self.within:
                self.within[span] = [name for name in self.names if abs(len(name) - len(key)) <= reach]
            candidates = self.within[span]
            hits = process.extract(key, candidates, scorer=OSA.distance, score_cutoff=reach, limit=None)
            self.answers[key, reach] = [(name, int(edits)) for name, edits, _ in hits]
        return self.answers[key, reach]


def read(key: str, here: Mapping[str, int], there: Mapping[str, int] | None = None) -> Read | None:
    """What ``key`` reads as among the names ``here`` and ``there`` (name -> edits, from :func:`near`; ``there``:
    names of gemeenten not built, which compete but are never placed in); None when no name is near enough."""
    from rapidfuzz import fuzz

    found = {**(there or {}), **here}
    if not found:
        return None
    edits = min(found.values())
    if edits > edits_allowed(key):
        return None
    best = [(name, fuzz.ratio(key, name)) for name, e in found.items() if e == edits]
    rivals = [(name, fuzz.ratio(key, name)) for name, e in found.items() if edits < e < edits + MARGIN]
    if not all(_allowed(key, name, edits) for name, _ in best):
        # Too far to be read as one, but near several: said to be ambiguous between them, never placed.
        return Read(edits, [], best + rivals) if len(best + rivals) > 1 else None
    return Read(edits, best, rivals)


def misspelt(
    gazetteer: Gazetteer, key: str, elsewhere: Mapping[str, Found], inside: Callable[..., Found]
) -> Read | None:
    """What the folded ``key`` is a misspelling of among the gazetteer's names and ``elsewhere`` that have a region
    ``inside`` the gemeenten looked in."""
    if len(key) < 4:
        return None
    here = {name: edits for name, edits in near(key, gazetteer.names) if inside(gazetteer.names[name])}
    there = {name: edits for name, edits in near(key, elsewhere) if inside(elsewhere[name])}
    return read(key, here, there)


def lookup(
    gazetteer: Gazetteer, text: str, key: str, elsewhere: Mapping[str, Found], inside: Callable[..., Found]
) -> tuple[Found, Found, str | None, str, bool] | None:
    """Read the misspelt ``text`` (folded: ``key``) for :meth:`Gazetteer._lookup`: the regions it is read as here and
    ``elsewhere`` (gemeenten not built), the reason's note, the name read (for a buurt named like its wijk) and
    whether it was too far to be read as any one name (then only ambiguous); None when no name is near."""
    found = misspelt(gazetteer, key, elsewhere, inside)
    if found is None:
        return None
    # The name fewest edits away, when every other is MARGIN edits further; those nearly as near compete.
    named = [name for name, _ in (*found.best, *found.rivals)]
    matches = inside(m for name in named if name in gazetteer.names for m in gazetteer.names[name])
    aside = inside(m for name in named if name in elsewhere for m in elsewhere[name])
    if not any(name in gazetteer.names for name, _ in found.best) and (found.best or len(matches) < 2):
        # A misspelling more like a name of a gemeente not built than any here is not guessed (review); one as like
        # a name both have is ambiguous, as that name itself is.
        matches = set()
    note, kern_name = None, key
    if matches and not aside and found.best:
        labels = _join(gazetteer.label(*m) for m in sorted(matches, key=lambda m: (m[0] != "buurt", m[1])))
        score = max(score for _, score in found.best)
        note = f"'{text}' read as {labels}, similarity {score:.0f}"
        kern_name = found.best[0][0]
    return matches, aside, note, kern_name, not found.best
