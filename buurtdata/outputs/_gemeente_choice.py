"""Which gemeenten ``--gemeente`` names (by code or name) of a build's gemeenten, and why one the build left out
has no handouts: the counterpart of :mod:`buurtdata.outputs._buurt_choice` for ``--buurt``."""

from __future__ import annotations

from buurtdata import _errors, gemeente_lookup
from buurtdata._errors import BuurtdataError
from buurtdata._text import name_or_code


class LeftOutWarning(UserWarning):
    """A gemeente ``--gemeente`` asks for was left out of the build: the others asked for have their handouts."""


def gemeente_codes(
    asked: list[str], names: dict[str, str], where: str, refused: dict[str, tuple[str | None, str]] | None = None
) -> list[str]:
    """The codes of the gemeenten ``asked`` by code (GM0164, gm0164, 0164) or by name (Hengelo (O.), hengelo (o.)),
    of those in ``names`` (code -> name); raise naming each unknown one with the closest known (``where``: the
    project, for the message), and each the build left out (``refused``: code -> its name and why) with why; one
    the build left out beside one it built is warned of (:class:`LeftOutWarning`), the built ones are returned.

    >>> gemeente_codes(["0164", "hilversum", "GM0164"], {"GM0164": "Hengelo (O.)", "GM0402": "Hilversum"}, "")
    ['GM0164', 'GM0402']
    """
    known = {code: name if isinstance(name, str) else None for code, name in names.items()}
    shown = {code: name_or_code(name, code) for code, name in known.items()}
    left = {code: name if isinstance(name, str) else None for code, (name, _) in (refused or {}).items()}
    codes, unknown, not_built = [], [], []
    for word in asked:
        # Its full name: "Hengelo" could as well be meant for Hengelo (Gld.).
        found = gemeente_lookup.find(word, known, short_names=False)
        if len(found.codes) == 1:
            codes += [code for code in found.codes if code not in codes]
            continue
        # A gemeente of the project the build left out is told why, not "did you mean" another (review S #5).
        aside = gemeente_lookup.find(word, left, short_names=False).codes if left else []
        if len(aside) == 1:
            not_built.append(f"{word!r} was left out of the build, so it has no handouts: {refused[aside[0]][1]}")
            continue
        close = found.codes or found.closest
        hint = f" (did you mean {' or '.join(f'{shown[c]!r}, {c}' for c in close)}?)" if close else ""
        unknown.append(f"{word!r}{hint}")
    messages = [f"--gemeente {said}" for said in not_built]
    if codes and not unknown:
        # Sweep 12: one gemeente left out withheld the handouts of the others asked for; they are made, it is said.
        for message in messages:
            _errors.warn(message, LeftOutWarning, stacklevel=3)
        return codes
    if unknown:
        examples = ", ".join(f"{code} ({name})" for code, name in list(shown.items())[:3])
        messages.append(
            f"--gemeente {'; '.join(unknown)}: no buurt of {where} lies in a gemeente of this code or name. Give "
            f"the gemeente's code or its name as CBS writes it, e.g. {examples}."
        )
    if messages:
        raise BuurtdataError("\n".join(messages))
    return codes
