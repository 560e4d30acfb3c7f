"""How the gazetteer compares names (folded by :func:`buurtdata.gemeente_lookup.fold`: no accents, case or
punctuation), or alike enough for a misspelling."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping

#: Lowest rapidfuzz ratio (0-100) at which a misspelt gemeente name written with a place still counts as a match
#: (a wijk or buurt name is read by edits: :mod:`buurtdata.sources.interviews.typos`).
FUZZY_CUTOFF = 90


#: "buurt" or "wijk" as a word or as the end of a compound word: "Indische Buurt-Oost", "Transvaalbuurt-West".
_MARK = re.compile(r"(?<=[a-z]{3})(buurt|wijk)\b|\b(buurt|wijk)\b")
#: Words that say where in a place, not which place: "Noordwijk-Binnen" without "wijk" is no name.
_GENERIC = frozenset(
    "noord oost zuid west noordoost noordwest zuidoost zuidwest midden centrum binnen buiten oud oude nieuw "
    "nieuwe boven beneden".split()
)


#: Words too common in buurt names to name one place alone (``Verspreide huizen Leuvenum`` is placed for Leuvenum,
#: never for "huizen"): those in the buurt names of 6 or more gemeenten in the KWB 2020 (most describe, not name),
#: dorp and kern, words that join names (waaronder) and the provinces (Zuid-Limburg: not a place in a gemeente).
_COMMON = (
    _GENERIC
    | frozenset(
        "waaronder inclusief limburg brabant holland gelderland zeeland friesland drenthe overijssel flevoland".split()
    )
    | frozenset(
        """achter akker akkers bedrijvenpark bedrijventerrein beneden bergen binnen binnenstad blauwe bloemenbuurt bomen
    bomenbuurt bosch bosgebied boven broek buiten buitengebied burgemeester burgemeesterswijk buurt buurtschap centrum
    componistenbuurt dichtersbuurt dorp dorpskern dreven driehoek erven gebied gedeeltelijk groene groot groote grote
    haven havenbuurt havengebied heide heikant hoeve hoeven hooge hoorn horst hoven huizen ijssel indische industrie
    industriegebied industrieterrein kampen kanaal kastelenbuurt kerkbuurt kern klein kleine klooster kruidenbuurt
    landelijk landen lange midden molen molenbuurt molenwijk nieuw nieuwe nieuwland noord noorden noordoost noordwest
    noordzijde omgeving oosteinde oosten oranjebuurt oranjewijk overig overige planetenbuurt plantage polder
    poldergebied polders poort prins recreatiegebied rivierenbuurt schildersbuurt schrijversbuurt sluis sportpark
    staatsliedenbuurt station stationsbuurt terrein tuindorp tussen uitbreiding vaart velden venen verspr verspreide
    villapark vogelbuurt vogelwijk waard waarden warande waterland weide welgelegen westeinde westen wetering
    winkelcentrum witte zeeheldenbuurt zuiden zuiderpark zuidoost zuidwest zuidzijde zwarte""".split()
    )
)
#: The articles and particles a part of a name may hold besides its name ('s Heerenloo, de Beek).
_PARTICLES = frozenset("de den der het s t van".split())


def _a_name(key: str) -> bool:
    """Whether the folded words ``key`` may name a place alone: no common word, and at least 5 letters besides its
    particles.

    >>> _a_name("leuvenum"), _a_name("s heerenloo"), _a_name("huizen"), _a_name("de beek"), _a_name("noord ermelo")
    (True, True, False, False, False)
    """
    words = key.split()
    if not words or any(word in _COMMON for word in words) or words[-1] in _PARTICLES:
        return False
    return sum(len(word) for word in words if word not in _PARTICLES and word.isalpha()) >= 5


def _unmarked(key: str) -> tuple[str, frozenset[str]] | None:
    """The folded name ``key`` without "buurt" and "wijk" as words or compound ends, and which of the two it had.

    None when too little is left to be a name: fewer than 5 letters ("Zuidwijk", "Parkwijk": zuid and park are
    words people use of anything), or fewer than 3 outside :data:`_GENERIC` ("G-buurt-Oost", "Noordwijk-Binnen").

    >>> _unmarked("transvaalbuurt west"), _unmarked("rijn oost"), _unmarked("zuidwijk"), _unmarked("g buurt oost")
    (('transvaal west', frozenset({'buurt'})), ('rijn oost', frozenset()), None, None)
    """
    marks = frozenset(found[1] or found[2] for found in _MARK.finditer(key))
    words = _MARK.sub(" ", key).split() if marks else key.split()
    letters = [len(word) for word in words if word.isalpha()]
    named = sum(len(word) for word in words if word.isalpha() and word not in _GENERIC)
    return (" ".join(words), marks) if sum(letters) >= 5 and named >= 3 else None


#: Short forms of the words in place names, folded ("v.d." and "v/d" fold to "v d"), and the long forms each may
#: stand for: CBS writes "Van der Pekbuurt" and "Sint Vitusbuurt", but also "St. Anna" and "V/d kasteelewijk".
_SHORT_FORMS = {
    "vd": ("van der", "van de", "van den"),
    "v d": ("van der", "van de", "van den"),
    "st": ("sint",),
}
#: Each form, short or long, -> the forms it may be written as instead.
_OTHER_FORMS: dict[str, set[str]] = {}
for _short, _longs in _SHORT_FORMS.items():
    _OTHER_FORMS.setdefault(_short, set()).update(_longs)
    for _long in _longs:
        _OTHER_FORMS.setdefault(_long, set()).add(_short)
_FORM = re.compile(r"\b(?:" + "|".join(sorted(_OTHER_FORMS, key=len, reverse=True)) + r")\b")


def spelled_out(key: str, names: Mapping[str, Iterable[tuple[str, ...]]]) -> set[tuple[str, ...]]:
    """What ``names`` (folded name -> regions) holds under ``key`` with its short forms written out or its long
    forms shortened ("vd" for "van der", "van de" or "van den"; "st" for "sint"), when ``key`` itself is not there;
    more than one region when the forms name several places.

    >>> names = {"van der pekbuurt": {("buurt", "BU0363NK03")}, "sint vitusbuurt": {("buurt", "BU04020103")}}
    >>> spelled_out("vd pekbuurt", names), spelled_out("st vitusbuurt", names), spelled_out("vd vitusbuurt", names)
    ({('buurt', 'BU0363NK03')}, {('buurt', 'BU04020103')}, set())
    """
    found = list(_FORM.finditer(key))
    if not found:
        return set()
    # A name holds one or two short forms, so a handful of spellings at most.
    pieces = [key[: found[0].start()]]
    choices = []
    for i, form in enumerate(found):
        choices.append(sorted(_OTHER_FORMS[form[0]] | {form[0]}))
        pieces.append(key[form.end() : found[i + 1].start() if i + 1 < len(found) else len(key)])
    regions: set[tuple[str, ...]] = set()
    for chosen in itertools.product(*choices):
        spelling = pieces[0] + "".join(word + piece for word, piece in zip(chosen, pieces[1:], strict=True))
        if spelling != key:
            regions.update(names.get(spelling, ()))
    return regions


def _similar(key: str, names: Iterable[str], cutoff: float = FUZZY_CUTOFF) -> list[tuple[str, float, int]]:
    """The names at least ``cutoff`` like ``key`` (a misspelling at :data:`FUZZY_CUTOFF`), best first."""
    # Imported here: only a misspelt name needs it, and every build would pay for the import.
    from rapidfuzz import fuzz, process

    if not names:
        return []
    return process.extract(key, list(names), scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)


def _join(items: Iterable[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
