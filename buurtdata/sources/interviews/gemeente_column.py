"""A place with its gemeente in a column of its own: the template's optional ``gemeente`` column beside ``buurt``.

User test W: a provincial analyst's teams wrote ``Centrum`` in the place column and ``Deventer`` in a gemeente
column of their own sheet. The column was not read, so every ``Centrum`` of the region was ambiguous, and a
``Noord`` a Zwolle team wrote was counted in Hengelo's Noord, the one Noord of the region. Read as the place with
that gemeente (``Centrum (Deventer)``), a name is looked up in that gemeente alone: placed there, or not placed
with the reason, never placed in another gemeente.
"""

from __future__ import annotations

import re

from buurtdata import codes
from buurtdata.gemeente_lookup import fold
from buurtdata.sources.interviews import wording
from buurtdata.sources.interviews.names import _join
from buurtdata.sources.interviews.wording import Gazetteer, _Placement, _unplaced

#: The ``resolved_by`` of a place read by where it is, not by its name: a code, a postcode or a point.
_BY_POSITION = frozenset({"buurtcode", "wijkcode", "pc6", "postcode", "coordinaten"})
#: Said in every reason of a place its gemeente column decided, so the Dutch ``uitleg`` can tell it.
COLUMN = "the column gemeente"
#: A gemeente's code as a cell may hold it: GM0150, gm0150 or 0150.
_CODE = re.compile(r"(?:GM)?(\d{4})", re.IGNORECASE)


def place(gazetteer: Gazetteer, text: str, cell: str, alone: _Placement) -> _Placement:
    """Place ``text`` (a location cell) in the gemeente ``cell`` names; ``alone``: how ``text`` is placed without it.

    A place found in that gemeente is placed there (a name several gemeenten share, ``Centrum``, is then one
    place); a code, postcode or point of another gemeente, or a name that gemeente lacks, is not placed, and the
    reason says what the place is without the gemeente. A cell that names no gemeente of the project (a village,
    ``Denekamp``) is read as a place's wijk when it is one (``Centrum (Denekamp)``), else not placed: the reason
    asks for the gemeente. An empty cell leaves ``alone``.
    """
    cell, text = " ".join(cell.split()), " ".join(text.split())
    if not cell or not text:
        return alone
    named, note = _gemeenten(gazetteer, cell)
    if not named:
        return _no_gemeente(gazetteer, text, cell, alone)
    built = {g for g in named if g not in gazetteer.refused}
    if not built:
        return _unplaced(gazetteer.not_built(named))
    region = alone[0] or alone[1]
    if region and codes.gemeente_of(region) in built:
        return _noted(alone, note)
    where = _join_names(gazetteer, built)
    if alone[2] in _BY_POSITION:
        owner = codes.gemeente_of(region)
        return _unplaced(
            f"outside gemeente: '{text}' lies in {owner} ({gazetteer.names_of_gemeenten.get(owner, owner)}); "
            f"{COLUMN} says {cell!r} ({where}): correct the place or the gemeente"
        )
    if _CODE_LIKE.fullmatch(re.sub(r"\s+", "", text).upper()):
        return alone  # a code placed nowhere: its own reason says why
    placed = gazetteer._by_name(text, within=built)
    if placed[2] != "onbekend":
        return _noted(placed, note)
    said = wording.alone(gazetteer, text, alone, f"correct {COLUMN} if that is meant")
    # "no match: 'Noord' is no buurt or wijk name of Zwolle (the column gemeente); 'Noord' alone is ... of Hengelo:
    # correct the column gemeente if that is meant; it is part of: ...": what the place is elsewhere comes first.
    names = _join(gazetteer.names_of_gemeenten.get(g, g) for g in sorted(built))
    head = f"no match: '{text}' is no buurt or wijk name of {names}"
    # Else the gemeente is the place itself, or the name is several places there: that reason says it all.
    reason = f"{head} ({COLUMN}){said}{placed[3][len(head) :]}" if placed[3].startswith(head) else placed[3] + said
    return _unplaced("; ".join(filter(None, (reason, note))))


#: A region code or a number, which names no place by its name.
_CODE_LIKE = re.compile(r"(BU|WK|GM)\d[0-9A-Z]*|\d+")


def _gemeenten(gazetteer: Gazetteer, cell: str) -> tuple[set[str], str | None]:
    """The gemeenten (built or refused) ``cell`` names: a code, a name (``Gemeente Deventer`` too) or a misspelt
    name, and how a misspelt one was read."""
    if code := _CODE.fullmatch(cell.strip()):
        gemeente = f"GM{code[1]}"
        known = gazetteer.national or gazetteer.names_of_gemeenten.get(gemeente) or gemeente in gazetteer.refused
        return ({gemeente}, None) if known else (set(), None)
    written = re.sub(r"^gemeente\s+", "", cell.strip(), flags=re.IGNORECASE) or cell
    named, note = wording.gemeenten_named(gazetteer, written)
    bare = re.sub(r"\s*[(,].*$", "", written).strip()
    if not named and bare and bare != written:
        # 'Hengelo (O)' for the gemeente CBS writes Hengelo (2020) or Hengelo (O.) (2024); 'Deventer, Overijssel'.
        named, note = wording.gemeenten_named(gazetteer, bare)
    return named, note


def _no_gemeente(gazetteer: Gazetteer, text: str, cell: str, alone: _Placement) -> _Placement:
    """``text`` beside a ``cell`` that names no gemeente of the project: a wijk it lies in (``Centrum`` beside
    ``Denekamp``, the wijk *Wijk 10 Denekamp*), else not placed with the reason."""
    if alone[2] not in _BY_POSITION:
        # The village written in the place cell too ('Centrum Denekamp' beside 'Denekamp') is read once.
        words, village = fold(text).split(), fold(cell).split()
        rest = text
        if len(words) > len(village) and (words[: len(village)] == village or words[-len(village) :] == village):
            kept = text.split()
            rest = " ".join(kept[len(village) :] if words[: len(village)] == village else kept[: -len(village)])
        composed = gazetteer.place(f"{rest} ({cell})")
        if composed[2] != "onbekend":
            return composed
    where = "no gemeente of the figures" if gazetteer.national else f"none of {gazetteer.listing}"
    said = wording.alone(gazetteer, text, alone, f"write its gemeente in {COLUMN}")
    return _unplaced(
        f"no match: {cell!r} in {COLUMN} is {where}; write the gemeente as CBS names it (not a village or wijk), "
        f"or leave the cell empty{said}"
    )


def _join_names(gazetteer: Gazetteer, gemeenten: set[str]) -> str:
    return ", ".join(f"{g} {gazetteer.names_of_gemeenten.get(g, '')}".strip() for g in sorted(gemeenten))


def _noted(placed: _Placement, note: str | None) -> _Placement:
    """``placed`` with ``note`` (how a misspelt gemeente was read) added to its reason."""
    return placed if note is None else (*placed[:3], "; ".join(filter(None, (placed[3], note))))
