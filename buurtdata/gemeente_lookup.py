"""Which gemeente a person means by what they wrote: its code (GM0164, gm0164, 0164) or its name (Hengelo (O.),
hengelo (o.)), and, when it names none, the closest known. One lookup for the handouts' ``--gemeente``, the
``gemeenten`` a round's interviews were held in (the project file) and placing names there; each caller words
its own message from the :class:`Found`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from buurtdata import codes
from buurtdata._errors import CodeError

#: Lowest rapidfuzz ratio (0-100) at which a misspelt gemeente name is offered as the one meant.
LIKE_A_GEMEENTE = 60

#: Names people say for a gemeente CBS writes otherwise (folded): user test K, "Den Haag" was told the closest was
#: Alphen-Chaam.
SAID_AS = {
    "den haag": "s gravenhage",
    "the hague": "s gravenhage",
    "den bosch": "s hertogenbosch",
    "nuenen": "nuenen gerwen en nederwetten",
}

#: What people write for the whole country and for a province, where a gemeente is asked (folded; review aa G1:
#: "Nederland" was offered Montferland, "Zuid-Holland" Zuidplas). Groningen and Utrecht are gemeenten too.
_NATIONAL = frozenset({"nederland", "heel nederland", "the netherlands", "netherlands", "nl"})
PROVINCES = frozenset(
    {
        "drenthe",
        "flevoland",
        "friesland",
        "fryslan",
        "gelderland",
        "limburg",
        "noord brabant",
        "noord holland",
        "overijssel",
        "zeeland",
        "zuid holland",
        "provincie groningen",
        "provincie utrecht",
    }
)

_AS_CODE = re.compile(r"(GM)?\d+", re.IGNORECASE)
_NOT_ALPHANUMERIC = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """A name as compared: no accents, case or punctuation (as the gazetteer compares place names).

    >>> fold(" Súdwest-Fryslân "), fold("Hengelo (O.)")
    ('sudwest fryslan', 'hengelo o')
    """
    if not text.isascii():
        # ASCII has no accents to take off (and NFKD leaves it as it is): most names skip this.
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(_NOT_ALPHANUMERIC.sub(" ", text.casefold()).split())


def code_of(written: str) -> str | None:
    """The gemeente code ``written`` gives in CBS's form, or None when it is written as a name; raise a
    :class:`~buurtdata._errors.CodeError` for digits that make no gemeente code (no zero is added: "164").

    >>> code_of(" gm0164"), code_of("0164"), code_of("Hengelo (O.)")
    ('GM0164', 'GM0164', None)
    """
    return codes.normalize(written, level="gemeente") if _AS_CODE.fullmatch(re.sub(r"\s+", "", written)) else None


@dataclass(frozen=True)
class Found:
    """What a written gemeente names among the known ones."""

    #: The gemeenten it names: one, several (a name that several share, or a short name), or none.
    codes: tuple[str, ...]
    #: When it names none: the codes of the closest known name (several when they share it) or code; else empty.
    closest: tuple[str, ...] = ()
    #: Whether it was written as a code (digits, with or without GM).
    as_code: bool = False


def names_index(
    known: Mapping[str, str | None], *, short_names: bool = True, other_names: Mapping[str, Iterable[str]] | None = None
) -> dict[str, set[str]]:
    """Folded name -> codes of the ``known`` gemeenten (code -> name) so called, or so called in ``other_names``
    (code -> the names another year's file gives it: "Hengelo" in 2020, "Hengelo (O.)" in 2024); with
    ``short_names`` also by the name without its bracketed part ("Hengelo" for Hengelo (O.))."""
    found: dict[str, set[str]] = {}
    named = [*known.items(), *((code, name) for code, names in (other_names or {}).items() for name in names)]
    for code, name in named:
        if not isinstance(name, str):
            continue
        for form in (name, re.sub(r"\(.*?\)", "", name)) if short_names else (name,):
            if key := fold(form):
                found.setdefault(key, set()).add(code)
    for said, written in SAID_AS.items():
        if written in found and said not in found:
            found[said] = found[written]
    return found


def find(
    written: str,
    known: Mapping[str, str | None],
    *,
    short_names: bool = True,
    other_names: Mapping[str, Iterable[str]] | None = None,
) -> Found:
    """The gemeenten of ``known`` (code -> name, None when unnamed) that ``written`` names by code or name, else
    the closest; ``short_names``: whether a name without its bracketed part names it (the handouts ask the full
    name: "Hengelo" could be meant for Hengelo (Gld.)); ``other_names``: as :func:`names_index`.

    >>> known = {"GM0164": "Hengelo (O.)", "GM0402": "Hilversum", "GM0518": "'s-Gravenhage"}
    >>> find("0164", known), find("hengelo", known, short_names=False).closest, find("GM0165", known).closest
    (Found(codes=('GM0164',), closest=(), as_code=True), ('GM0164',), ('GM0164',))
    >>> find("Den Haag", known).codes
    ('GM0518',)
    """
    try:
        code = code_of(written)
    except CodeError:
        # Digits that make no code ("164"): still the closest code, compared as one.
        digits = re.sub(r"\D", "", written)
        return Found((), _nearest_code(f"GM{digits}", known), as_code=True)
    if code is not None:
        return Found((code,), as_code=True) if code in known else Found((), _nearest_code(code, known), as_code=True)
    index = names_index(known, short_names=short_names, other_names=other_names)
    key = fold(written)
    if key not in index and key.startswith("gemeente "):  # review aa G2: "Gemeente Ermelo", as letters write it
        key = key.removeprefix("gemeente ")
    if key in index:
        return Found(tuple(sorted(index[key])))
    # Imported here: only a misspelt name needs it, and every build would pay for the import.
    from rapidfuzz import fuzz, process

    hit = process.extractOne(key, list(index), scorer=fuzz.ratio, score_cutoff=LIKE_A_GEMEENTE) if index else None
    return Found((), tuple(sorted(index[hit[0]])) if hit else ())


def _nearest_code(code: str, known: Mapping[str, str | None]) -> tuple[str, ...]:
    return tuple(shown.split()[0] for shown in codes.nearest(code, dict(known)))


def asked_codes(
    asked: object,
    known: Mapping[str, str | None],
    where: str,
    *,
    selection: str = "",
    other_names: Mapping[str, Iterable[str]] | None = None,
    closest_in: Mapping[str, str | None] | None = None,
) -> list[str] | None:
    """:func:`codes.gemeenten` of ``asked``, where a gemeente may also be written by its name: the code that
    name has in ``known`` (code -> name, read from ``where``, which the message names). A name that names
    several gemeenten, or none, is refused with its candidates or the closest names (``selection``, when ``where``
    holds a selection of gemeenten: what it holds instead of a guess); without ``known`` the codes' own message
    stands (user test L: ``kerncijfers(2024, gemeente="Hilversum")``); ``other_names``: as :func:`names_index`;
    ``closest_in``: the gemeenten a closest name is offered from, default ``known`` (the year asked: sweep 14 F2,
    Land van Cuijk for 2023 was offered Langedijk, merged away in 2022).

    >>> known = {"GM0164": "Hengelo (O.)", "GM0402": "Hilversum", "GM0518": "'s-Gravenhage"}
    >>> asked_codes(["Hilversum", "0164", "Den Haag"], known, "kwb.csv")
    ['GM0402', 'GM0164', 'GM0518']
    >>> asked_codes("Hilversm", known, "kwb.csv")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    buurtdata._errors.CodeError: 'Hilversm' is no gemeente name in kwb.csv; closest: GM0402 (Hilversum). If that ...
    """
    if asked is None:
        return None
    listed = [asked] if isinstance(asked, str) else list(asked)  # type: ignore[call-overload]
    if not listed:
        return codes.gemeenten(listed)  # refused with its own message
    found: list[str] = []
    for written in listed:
        try:
            found.extend(codes.gemeenten(written))  # type: ignore[arg-type]
            continue
        except CodeError:
            if not known or not isinstance(written, str) or any(c.isdigit() for c in written):
                raise
        hit = find(written, known, other_names=other_names)
        if not hit.codes and closest_in is not None:
            hit = find(written, closest_in) if closest_in else Found(())
        options = hit.codes or hit.closest
        shown = " or ".join(f"{code} ({known[code]})" for code in options)
        if len(hit.codes) == 1:
            found.append(hit.codes[0])
            continue
        parts = [part.strip() for part in re.split(r",|;|\s+en\s+", written) if part.strip()]
        if hit.codes:
            msg = f"{written!r} names {len(hit.codes)} gemeenten in {where}: {shown}. Pass the code of the one meant."
        elif fold(written) in _NATIONAL:
            msg = f"{written!r}: Nederland always comes along as the baseline; for every gemeente, leave gemeente= out."
        elif fold(written) in PROVINCES:
            msg = (
                f"{written!r} is a province; CBS's KWB is per gemeente: pass the codes (or names) of its gemeenten "
                "as a list."
            )
        elif len(parts) > 1 and all(
            find(part, known, other_names=other_names).codes for part in parts
        ):  # not "Beek en Donk" (review ab)
            msg = f"{written!r} holds several names: pass them as a list, gemeente={parts!r}."
        elif selection:
            msg = f"{written!r} is no gemeente name in {where}: {selection}. Pass CBS's code (GM + 4 digits)."
        elif options:
            msg = (
                f"{written!r} is no gemeente name in {where}; closest: {shown}. If that is the gemeente meant, pass "
                f"its code: gemeente={options[0]!r}."
            )
        else:
            msg = (
                f"{written!r} is no gemeente name in {where} (a village or a region is none, and a gemeente formed "
                "by a later merger is not in an older year's file); pass CBS's code of the gemeente (GM + 4 digits)."
            )
        raise CodeError(msg)
    return list(dict.fromkeys(found))
