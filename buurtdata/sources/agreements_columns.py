"""The columns of an afspraken file buurtdata does not read: warned of when read, left behind in a dossier (sweep 13
#1, #21: a ``status`` column vanished without a word, and ``contact`` and ``notitie`` columns were handed over)."""

from __future__ import annotations

import difflib
from pathlib import Path

import pandas as pd

from buurtdata import _errors
from buurtdata.sources.agreements_gemeente import HEADERS as GEMEENTE_HEADERS

#: Template column -> column of the staged table.
COLUMNS = {"buurt": "code", "thema": "theme", "afspraak": "agreement", "wie": "owner", "terugkijken": "review_date"}


class AgreementColumnNotReadWarning(UserWarning):
    """An agreements file has a filled column buurtdata does not read (a ``status`` kept beside the agreements)."""


def warn_unread(path: Path, frame: pd.DataFrame) -> None:
    """Warn of the filled columns :func:`~buurtdata.sources.agreements.read_agreements` does not read (sweep 13 #1:
    a ``status`` column, Loopt or afgerond, was dropped without a word, so nothing showed an agreement was done)."""
    said = [f"'{name}'" if name else f"column {at + 1} (without a name)" for at, name in unread(frame)]
    if said:
        _errors.warn(
            f"{path}: {', '.join(said)} not read: buurtdata reads the columns {', '.join(COLUMNS)} (and gemeente); "
            "to have a note shown, such as whether an agreement is done, write it in afspraak "
            "(Koffieochtend uitbreiden - afgerond)",
            AgreementColumnNotReadWarning,
            stacklevel=3,
        )


def unread(frame: pd.DataFrame) -> list[tuple[int, str]]:
    """The place and name of each filled column of an agreements frame that is not read (no template column, nor
    the gemeente's)."""
    return [
        (at, str(name))
        for at, name in enumerate(frame.columns)
        if name not in COLUMNS and name not in GEMEENTE_HEADERS and (frame.iloc[:, at] != "").any()
    ]


#: The template ``buurtdata nieuw`` writes into a project's folder (:data:`buurtdata.scaffold.AGREEMENTS`).
TEMPLATE_NAME = "afspraken_sjabloon.csv"


def missing_columns(path: Path, frame: pd.DataFrame) -> str | None:
    """What an agreements file without one of the template's columns is told, or None when it has them all: the
    column it has that looks like the missing one (``terugkijk datum`` for ``terugkijken``, sweep13 #20), and the
    template to compare with: the user's own copy beside the file when ``buurtdata nieuw`` made one, else its name.

    >>> missing_columns(Path("afspraken.csv"), pd.DataFrame(columns=["buurt", "thema", "afspraak", "wie", "x"]))
    "afspraken.csv: no column 'terugkijken'; the template afspraken_sjabloon.csv has the columns buurt, thema, \
afspraak, wie and terugkijken, in its first row"
    """
    missing = [name for name in COLUMNS if name not in frame.columns]
    if not missing:
        return None
    have = [str(name) for name in frame.columns if name not in COLUMNS and str(name).strip()]
    alike = []
    for name in missing:
        near = difflib.get_close_matches(name, [_bare(other) for other in have], n=1, cutoff=0.6)
        if near:
            found = next(other for other in have if _bare(other) == near[0])
            like = "it" if len(missing) == 1 else name
            alike.append(f"the column '{found}' looks like {like}: rename that column {name}")
    said = " and ".join(f"'{name}'" for name in missing)
    msg = f"{path}: no column{'s' if len(missing) > 1 else ''} {said}"
    if alike:
        msg += "; " + "; ".join(alike)
    columns = list(COLUMNS)
    return f"{msg}; {template_for(path)} has the columns {', '.join(columns[:-1])} and {columns[-1]}, in its first row"


def template_for(path: Path) -> str:
    """The template a message about agreements file ``path`` points to: the user's own copy that ``buurtdata nieuw``
    put beside it, else the template by its name (a path inside the package is no file the user has at hand)."""
    copy = path.parent / TEMPLATE_NAME
    own = copy.is_file() and copy.resolve() != path.resolve()
    return f"your template {copy}" if own else f"the template {TEMPLATE_NAME}"


def _bare(name: str) -> str:
    """A column's name as compared: lower case, without spaces, underscores or hyphens ("Terugkijk datum")."""
    return "".join(char for char in name.lower() if char.isalnum())
