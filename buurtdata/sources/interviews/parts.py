"""A word that is no region's name but part of some, for :class:`~buurtdata.sources.interviews.gazetteer.Gazetteer`:
placed in the one buurt whose name holds it (``Leuvenum`` in *Verspreide huizen Leuvenum*), also misspelt; named in
the reason when several hold it (``Colmschate``); and what a name that matches nothing is like (``Tonzel``: did you
mean *Tonsel*?).
"""

from __future__ import annotations

from buurtdata import codes
from buurtdata._errors import few
from buurtdata.sources.interviews import typos
from buurtdata.sources.interviews.names import _a_name, _similar
from buurtdata.sources.interviews.wording import Gazetteer

#: The most regions a reason names that a word is part of.
PART_OF_SHOWN = 5
#: Lowest rapidfuzz ratio at which a name that matches nothing is said to be like a region's name or word (one
#: letter wrong in six, ``Tonzel`` for *Tonsel*, scores 83): a suggestion in the reason, never a placement.
SUGGEST_CUTOFF = 80
#: The most names a reason suggests.
SUGGESTED = 3


def holding(gazetteer: Gazetteer, key: str, within: set[str] | None) -> set[tuple[str, str]]:
    """The wijken and buurten (of the gemeenten ``within``) whose name holds the folded ``key`` as whole words."""
    if len(key) < 4 or not (words := key.split()):
        return set()
    return {
        (level, code)
        for name in gazetteer.by_word.get(words[0], ())
        if f" {key} " in f" {name} "
        for level, code in gazetteer.names[name]
        if level != "gemeente" and (within is None or codes.gemeente_of(code) in within)
    }


def _only_buurt(gazetteer: Gazetteer, key: str, within: set[str] | None) -> tuple[str, str] | None:
    """The one buurt, and no other region, whose name holds ``key``, when ``key`` is a name, not a common word."""
    found = holding(gazetteer, key, within)
    if len(found) != 1 or not _a_name(key):
        return None
    (region,) = found
    return region if region[0] == "buurt" else None


def read(gazetteer: Gazetteer, text: str, key: str, within: set[str] | None) -> tuple[tuple[str, str], str] | None:
    """The buurt ``text`` (folded ``key``) is a part of the name of, or a misspelt part of, with how it was read."""
    if region := _only_buurt(gazetteer, key, within):
        return region, f"'{text}' read as {gazetteer.label(*region)}, the only buurt whose name holds it"
    if len(key) < 5:
        return None
    if typos.near(key, gazetteer.names):
        return None  # a name (not read as one: see typos) is as near as a word: not guessed
    read = typos.read(key, dict(typos.near(key, gazetteer.words)))
    if read is None or read.rivals:
        return None
    hits = read.best
    found = {(region, score) for word, score in hits if (region := _only_buurt(gazetteer, word, within))}
    if len(found) != 1 or len(hits) != len(found):
        return None  # several regions, or a word that is common or in several names: not guessed
    ((region, score),) = found
    note = f"'{text}' read as {gazetteer.label(*region)}, the only buurt whose name holds a word like it"
    return region, f"{note}, similarity {score:.0f}"


def part_of(gazetteer: Gazetteer, key: str, within: set[str] | None) -> str:
    """``; it is part of: Dorp Colmschate (buurt), ...; write one of them`` when the folded ``key`` is a whole word
    (or words) of the names of regions (of the gemeenten ``within``), else ""."""
    found = holding(gazetteer, key, within)
    if not found:
        return ""

    def order(region: tuple[str, str]) -> tuple[str, bool, str]:
        # Each wijk, then its buurten.
        level, code = region
        return (code if level == "wijk" else gazetteer.buurten[code][1], level == "buurt", code)

    shown = sorted(found, key=order)
    named = [f"{gazetteer.buurten[c][0] if level == 'buurt' else gazetteer.wijken[c]} ({level})" for level, c in shown]
    return f"; it is part of: {few(named, PART_OF_SHOWN)}; write one of them"


def suggestion(gazetteer: Gazetteer, key: str, within: set[str] | None) -> str:
    """``; did you mean buurt 'Tonsel' (BU02330004)?`` (or ``'Leuvenum' (in Verspreide huizen Leuvenum)``) when
    the folded ``key`` is like a region's name or a word of it (:data:`SUGGEST_CUTOFF`), else ""."""
    if len(key) < 4:
        return ""

    def ours(regions: set[tuple[str, str]]) -> list[tuple[str, str]]:
        return sorted(
            r for r in regions if r[0] != "gemeente" and (within is None or codes.gemeente_of(r[1]) in within)
        )

    said: list[str] = []
    for name, _, _ in _similar(key, gazetteer.names, cutoff=SUGGEST_CUTOFF):
        said += [gazetteer.label(*region) for region in ours(gazetteer.names[name])]
    for word, _, _ in _similar(key, gazetteer.words, cutoff=SUGGEST_CUTOFF):
        holders = [gazetteer.label(*region) for region in ours(holding(gazetteer, word, within))]
        if holders and word not in gazetteer.names:
            said.append(f"'{gazetteer.words[word]}' (in {few(holders, PART_OF_SHOWN)})")
    said = list(dict.fromkeys(said))
    if not said:
        return ""
    return f"; did you mean {' or '.join(said[:SUGGESTED])}{' or ...' if len(said) > SUGGESTED else ''}?"
