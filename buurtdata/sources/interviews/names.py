"""How the gazetteer compares names: folded (no accents, case or punctuation), or alike enough for a misspelling."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

#: Lowest rapidfuzz ratio (0-100) at which a misspelt name still counts as a match.
FUZZY_CUTOFF = 90


def _fold(text: str) -> str:
    """Fold a name for comparison: no accents, case or punctuation."""
    if not text.isascii():
        # ASCII has no accents to take off (and NFKD leaves it as it is): most names skip this.
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(_NOT_ALPHANUMERIC.sub(" ", text.casefold()).split())


_NOT_ALPHANUMERIC = re.compile(r"[^0-9a-z]+")


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
