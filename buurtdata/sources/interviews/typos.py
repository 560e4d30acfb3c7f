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

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

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
    if [c for c in key if c.isdigit()] != [c for c in name if c.isdigit()]:
        return False
    words = set(name.split())
    rest = " ".join(word for word in key.split() if word not in words)
    if edits > min(edits_allowed(key), max(1, edits_allowed(rest))):
        return False
    replaced = edits == 1 and len(key) == len(name) and sum(a != b for a, b in zip(key, name, strict=True)) == 1
    return not replaced or len(key) >= REPLACED


@dataclass(frozen=True)
class Read:
    """The names a misspelling is read as: ``best`` (fewest edits, ``edits``), and ``rivals``: other names fewer than
    :data:`MARGIN` edits further, which make it ambiguous (all of them when ``best`` is empty: too far for one, near
    several); each name with its rapidfuzz ratio."""

    edits: int
    best: list[tuple[str, float]]
    rivals: list[tuple[str, float]]


def near(key: str, names: Iterable[str]) -> list[tuple[str, int]]:
    """The names at most :func:`edits_allowed` + :data:`MARGIN` - 1 edits from ``key``, fewest first."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    allowed = edits_allowed(key)
    names = list(names)
    if not allowed or not names:
        return []
    hits = process.extract(key, names, scorer=OSA.distance, score_cutoff=allowed + MARGIN - 1, limit=None)
    return [(name, int(edits)) for name, edits, _ in hits]


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
