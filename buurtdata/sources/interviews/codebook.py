"""The codebook: themes and their sub-codes, read from a table or a REFI-QDA ``.qdc``, and attached to segments.

A code is a path ``Thema/Subcode``; its first part is its theme. Codes
match ignoring case, accents and the spaces around ``/``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from buurtdata import _errors
from buurtdata._errors import InputFileError, ValidationError, few, shown, where
from buurtdata.sources.interviews import codebook_headers
from buurtdata.sources.interviews.distinct import distinct_codes, duplicates, spread
from buurtdata.sources.interviews.scrub import scrub_text
from buurtdata.sources.interviews.tables import (
    _as_text,
    _fits_any,
    _getter,
    _locate_columns,
    _must_exist,
    _read_table,
)

#: Columns of the frame :func:`read_codebook` returns, in order.
CODEBOOK_COLUMNS = ["code_id", "name", "theme", "description"]
#: Values of ``format`` that :func:`read_codebook` accepts.
CODEBOOK_FORMATS = ("csv", "xlsx", "qdc", "qdpx", "taguette")

_CODEBOOK_FIELDS = codebook_headers.CODEBOOK_FIELDS


class EmptyCodebookWarning(UserWarning):
    """A QDA project or codebook file that holds no codes."""


def read_codebook(
    path: str | Path, *, format: str | None = None, themes: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """Return a codebook of themes and sub-codes.

    Parameters
    ----------
    path
        A CSV or XLSX file with a ``code`` column and optional ``theme``,
        ``name``, ``description`` and ``parent`` columns (any case; in Dutch
        ``thema``, ``naam``, ``omschrijving``, ``beschrijving``, ``uitleg``
        or ``toelichting``, ``ouder`` or ``bovenliggende code``: see
        :data:`.codebook_headers.CODEBOOK_HEADERS`). Any other column is
        warned of (``Code Groups``: "did you mean theme?"), and a row whose
        code is ``Totaal`` is left out with a warning. A code may be a path
        ``Thema/Subcode``; its first part is then its theme. A code with a
        ``parent`` (another code of the file) takes the theme of the top of its
        parents, as if it were written as their path.
    format
        One of :data:`CODEBOOK_FORMATS`; ``None`` reads it from the file
        extension. A REFI-QDA codebook ``.qdc``, or the codebook inside a
        REFI-QDA project ``.qdpx`` (either is recognised by its content, so
        ``format='qdc'`` on a ``.qdpx`` works), gives each ``Code`` its path
        in the code tree as ``code_id`` and the top of the tree as theme
        (``/`` inside a name becomes ``-``); one without codes gives an
        empty codebook and a warning. A Taguette codebook export (``tag,
        parent, description, number of highlights``) is read like the CSV.
    themes
        Code path -> theme (``[interviews.themes]`` of a project): a code
        takes the theme of the longest path given that is the code or one
        of its parents (matched like codes; a ``parent`` counts as a part of
        the path), else the top of its tree.

    Returns
    -------
    pandas.DataFrame
        Columns ``code_id, name, theme, description`` indexed by ``row``;
        ``name`` is the last part of the path unless given.

    Raises
    ------
    ValidationError
        Listing every empty or duplicate code and every ``theme`` that
        contradicts the top of the code's path.

    Examples
    --------
    >>> from buurtdata.datasets import get_path
    >>> book = read_codebook(get_path("hengelo/codebook.csv"))
    >>> book.set_index("code_id").loc["Ontmoeten/Buurthuis", ["name", "theme"]].tolist()
    ['Buurthuis', 'Ontmoeten']
    """
    path = Path(path)
    if format not in (None, *CODEBOOK_FORMATS):
        msg = f"format={format!r} is not supported; choose one of {', '.join(CODEBOOK_FORMATS)}."
        raise InputFileError(msg)
    if format in ("qdc", "qdpx") or (format is None and path.suffix.lower() in (".qdc", ".qdpx")):
        # The REFI-QDA reader (xml, defusedxml) only for a QDA file: a CSV build never needs it (issue 19).
        from buurtdata.sources.interviews import qda, qda_archive

        _must_exist(path)
        found = qda.read_codes(path, as_project=path.stat().st_size > 0 and qda_archive.is_zip(path))
        if not found:
            _errors.warn(f"{path} holds no codes; the codebook is empty.", EmptyCodebookWarning, stacklevel=2)
        index = pd.RangeIndex(1, len(found) + 1, name="row")
        frame = pd.DataFrame.from_records(found, columns=CODEBOOK_COLUMNS, index=index)
        frame["description"] = frame["description"].where(frame["description"] != "", None)
        return _with_themes(_as_text(frame), themes)
    header, cells, _, written = _read_table(
        path, format=format if format in ("csv", "xlsx") else None, template=None, fits=_fits_any(_CODEBOOK_FIELDS)
    )
    header = codebook_headers.one_name_each(path, header)
    columns = _locate_columns(path, header, _CODEBOOK_FIELDS, template=None)
    codebook_headers.warn_unread(path, header, written, cells)
    rows = codebook_headers.total_rows(
        path, list(zip(cells.index, cells.to_numpy().tolist(), strict=True)), columns["code_id"]
    )
    # Taguette writes tag paths with backslashes: Thema\Subcode.
    tagged = "tag" in header and not {"code", "code_id"} & set(header)
    problems: list[str] = []
    records = []
    parents, stated = [], []
    for row, cells in rows:
        value = _getter(columns, cells)
        parents.append(value("parent"))
        code = _code_key_display(value("code_id").replace("\\", "/") if tagged else value("code_id"))
        parts = code.split("/")
        theme = value("theme") or parts[0]
        # The theme a row gives itself (its theme cell, or the top of a code written as a path), which a parent
        # may not contradict.
        stated.append(value("theme") or (parts[0] if len(parts) > 1 else None))
        if not code:
            problems.append(f"{where(path, row, 'code')}: is empty; give the code or delete the row.")
        elif len(parts) > 1 and theme.casefold() != parts[0].casefold():
            problems.append(
                f"{where(path, row, 'theme')}: {theme!r} contradicts code {code!r}, whose theme is {parts[0]!r}; "
                "make them agree or leave theme empty."
            )
        records.append(
            {
                "code_id": code,
                "name": value("name") or parts[-1],
                "theme": theme,
                "description": value("description") or None,
            }
        )
    problems += duplicates(
        [(row, _code_key(r["code_id"])) for (row, _), r in zip(rows, records, strict=True)],
        path,
        "code",
        written=dict(zip((row for row, _ in rows), (r["code_id"] for r in records), strict=True)).__getitem__,
    )
    chains = [[number] for number in range(len(records))]
    if any(parents):
        chains, found = _chains_of_parents(path, [row for row, _ in rows], records, parents, stated)
        problems += found
    if problems:
        raise ValidationError(problems)
    index = pd.Index([row for row, _ in rows], name="row")
    frame = pd.DataFrame.from_records(records, columns=CODEBOOK_COLUMNS, index=index)
    return _with_themes(_as_text(frame), themes, keys=_theme_keys(records, chains) if themes else None)


class CodeNameWarning(UserWarning):
    """A code's name (below its theme) holds what reads as a person's name, an address or a contact detail."""


def scrub_codebook(
    codebook: pd.DataFrame, source: str | Path, *, names: Iterable[str] = (), places: Iterable[str] = ()
) -> pd.DataFrame:
    """Return ``codebook`` with its descriptions scrubbed as every other free text is (a QDA tool's code description is
    often a memo: ``Memo: gesprek met mevrouw Yilmaz, 06-12345678``), before it is published in the database; warn,
    by their rows in ``source``, of the codes whose name below the theme scrubbing would change (``Casus Henk
    Bakker``), which are published as written: a code's path is what segments name it by (sweep 12 interviews F17).

    ``names`` and ``places``: the project's listed names, and the place names that are no person's name.

    >>> book = pd.DataFrame({"code_id": ["Wonen"], "name": ["Wonen"], "theme": ["Wonen"],
    ...                      "description": ["Bel 06-12345678"]}, index=pd.Index([2], name="row"))
    >>> scrub_codebook(book, "codeboek.csv")["description"].tolist()
    ['Bel [telefoon]']
    """
    out = codebook.copy()
    out["description"] = scrub_text(codebook["description"], names=names, places=places)
    below = [
        {part for part in [*code.split("/")[1:], name] if part and part != theme}
        for code, name, theme in zip(codebook["code_id"], codebook["name"], codebook["theme"], strict=True)
    ]
    parts = sorted(set().union(*below))
    changed = {
        part
        for part, kept in zip(
            parts, scrub_text(pd.Series(parts, dtype=object), names=names, places=places), strict=True
        )
        if part != kept
    }
    rows = [str(row) for row, own in zip(codebook.index, below, strict=True) if own & changed]
    if rows:
        qda = Path(source).suffix.lower() in (".qdc", ".qdpx")
        at = (
            f"{'code' if len(rows) == 1 else 'codes'} {few(rows)} (in the order of its code tree)"
            if qda
            else (f"{'row' if len(rows) == 1 else 'rows'} {few(rows)}")
        )
        _errors.warn(
            f"{source}, {at}: the name of a code holds what reads as a person's name, an address or a contact "
            "detail, and code names are published as written (in the database's table codebook); rename the "
            "code (in the codebook and in the segments), e.g. after what was said rather than who said it.",
            CodeNameWarning,
            stacklevel=2,
        )
    return out


def _chains_of_parents(
    path: Path, rows: list[int], records: list[dict], parents: list[str], stated: list[str | None]
) -> tuple[list[list[int]], list[str]]:
    """Give each code with a ``parent`` (Taguette's codebook export has the column) the theme of the top of its
    parents, in place; return each code's chain (its own row, then its parents' up to the top) and the problems:
    a parent that is no code of the file, parents that lead round in a circle, a parent whose theme contradicts
    the theme the code's row gives itself."""
    by_key = {_code_key(record["code_id"]): number for number, record in enumerate(records)}
    chains = []
    problems: dict[str, None] = {}  # a bad parent is met from every code below it: said once
    for number, record in enumerate(records):
        chain = [number]
        while parents[chain[-1]]:
            parent = parents[chain[-1]]
            above = by_key.get(_code_key(parent.replace("\\", "/")))
            if above is None:
                problems[
                    f"{where(path, rows[chain[-1]], 'parent')}: {parent!r} is not a code of this codebook; "
                    "give one of its codes or leave parent empty."
                ] = None
                break
            if above in chain:
                ring = chain[chain.index(above) :]
                start = ring.index(min(ring))  # the same circle met from another code reads the same
                ring = ring[start:] + ring[:start]
                circle = " -> ".join(records[n]["code_id"] for n in [*ring, ring[0]])
                problems[
                    f"{where(path, rows[ring[0]], 'parent')}: the parents go round in a circle ({circle}); "
                    "give one of these codes an empty parent."
                ] = None
                break
            chain.append(above)
        else:
            top = records[chain[-1]]["theme"]
            own = stated[number]
            if len(chain) > 1 and own is not None and _code_key(own) != _code_key(top):
                problems[
                    f"{where(path, rows[number], 'parent')}: {parents[number]!r} puts {record['code_id']!r} under "
                    f"theme {top!r}, but its own path or theme says {own!r}; make them agree or leave parent empty."
                ] = None
        chains.append(chain)
    for record, chain in zip(records, chains, strict=True):
        record["theme"] = records[chain[-1]]["theme"]
    return chains, list(problems)


def _theme_keys(records: list[dict], chains: list[list[int]]) -> list[list[str]]:
    """Per code, the keys by which ``[interviews.themes]`` may name it or a code above it, most specific first:
    its path and the paths it is part of, then its parents' (by name or by their path through the parents).

    >>> _theme_keys([{"code_id": "Wonen"}, {"code_id": "Overlast"}, {"code_id": "Geluid"}], [[0], [1, 0], [2, 1, 0]])[2]
    ['wonen/overlast/geluid', 'geluid', 'wonen/overlast', 'overlast', 'wonen']
    """
    keys = []
    for chain in chains:
        found: dict[str, None] = {}
        for depth, number in enumerate(chain):
            through = "/".join(records[n]["code_id"] for n in reversed(chain[depth:]))
            parts = _code_key(records[number]["code_id"]).split("/")
            found |= dict.fromkeys([_code_key(through), *("/".join(parts[:n]) for n in range(len(parts), 0, -1))])
        keys.append(list(found))
    return keys


def _with_themes(
    frame: pd.DataFrame, themes: Mapping[str, str] | None, keys: list[list[str]] | None = None
) -> pd.DataFrame:
    """Give each code the theme its most specific mapped key names (:func:`_theme_keys`; by default the code's
    path and the paths it is part of); unmapped codes keep theirs."""
    if not themes:
        return frame
    if keys is None:
        keys = _theme_keys(frame[["code_id"]].to_dict("records"), [[n] for n in range(len(frame))])
    mapped = {_code_key(code): str(theme).strip() for code, theme in themes.items()}
    known = {key for code_keys in keys for key in code_keys}
    unknown = sorted(code for code in themes if _code_key(code) not in known)
    if unknown:
        msg = f"[interviews.themes] names code(s) {', '.join(map(repr, unknown))} that are not in the codebook."
        raise InputFileError(msg)
    out = frame.copy()
    out["theme"] = [
        next((mapped[key] for key in code_keys if key in mapped), theme)
        for code_keys, theme in zip(keys, frame["theme"], strict=True)
    ]
    return out


def _code_key_display(code: str) -> str:
    """Tidy a code path as written: ``'Ontmoeten / Buurthuis'`` -> ``'Ontmoeten/Buurthuis'``."""
    return "/".join(part.strip() for part in code.split("/")) if code else ""


def _code_key(code: str) -> str:
    """Fold a code path for matching: no case, accents or extra spaces."""
    text = "".join(c for c in unicodedata.normalize("NFKD", code) if not unicodedata.combining(c))
    return "/".join(" ".join(part.split()) for part in text.casefold().split("/"))


def attach_themes(segments: pd.DataFrame, codebook: pd.DataFrame) -> pd.DataFrame:
    """Return the segments with the ``theme`` of each segment's code.

    Codes match ignoring case, accents and spaces around ``/``;
    ``code_id`` is rewritten as the codebook spells it.

    Parameters
    ----------
    segments
        A frame from :func:`read_segments`.
    codebook
        A frame from :func:`read_codebook`.

    Returns
    -------
    pandas.DataFrame
        ``segments`` with a ``theme`` column after ``code_id``.

    Raises
    ------
    ValidationError
        Naming, per file, every code missing from the codebook, the rows
        that use it and the nearest codebook code.

    Examples
    --------
    >>> segments = pd.DataFrame({"source": ["a.csv"], "code_id": ["ontmoeten / buurthuis"]})
    >>> book = pd.DataFrame({"code_id": ["Ontmoeten/Buurthuis"], "theme": ["Ontmoeten"]})
    >>> attach_themes(segments, book).iloc[0].tolist()
    ['a.csv', 'Ontmoeten/Buurthuis', 'Ontmoeten']
    """
    by_key = {_code_key(c): (c, t) for c, t in zip(codebook["code_id"], codebook["theme"], strict=True)}
    # Each distinct code looked up once: a million segments carry a few dozen codes.
    position, distinct = distinct_codes(segments["code_id"], missing="")
    keys = [_code_key(code) for code in distinct]
    known = np.array([key in by_key for key in keys], dtype=bool)
    unknown = segments.loc[~known[position]]
    if len(unknown):
        # A code that holds a name or phone number (a shifted column, a note typed into it) is not repeated: the
        # message may end up in a log others read (user test V, left D). Imported here: scrubbing is only read then.
        from buurtdata.sources.interviews.privacy import said_values  # noqa: PLC0415

        rows_of = unknown.groupby(["source", "code_id"], sort=True, dropna=False).groups
        # In the order of the file: the first row first. The first few are listed, each said once (review aa, S1).
        ordered = sorted(rows_of.items(), key=lambda item: (item[0][0], min(item[1])))
        listed, rest = ordered[:LISTED], ordered[LISTED:]
        said = said_values(code for (_, code), _ in listed)
        problems = [
            f"{source}, {_rows_text(rows) if unknown.index.name == 'row' else f'{len(rows)} segment(s)'}: "
            + (
                _several(code, by_key)
                or f"code {code_said} is not in the codebook{_nearest(code, list(by_key.values()))}; "
                "correct the code in the interview file or add it to the codebook."
            )
            for ((source, code), rows), code_said in zip(listed, said, strict=True)
        ]
        if rest:
            problems.append(
                f"{_errors.few(list(dict.fromkeys(str(source) for (source, _), _ in rest)))}: and {len(rest)} more "
                f"code(s) not in the codebook, in {sum(len(rows) for _, rows in rest)} more row(s); correct the ones "
                "above and read again to see them."
            )
        problems[:0] = _swapped(unknown, len(segments), [code for (_, code), _ in ordered])
        raise ValidationError(problems)
    out = segments.copy()
    code_id, theme = (spread([by_key[key][i] for key in keys], position, out.index) for i in range(2))
    out["code_id"] = code_id
    out.insert(out.columns.get_loc("code_id") + 1, "theme", theme)
    return out


#: How QDA tools and hand-filled sheets put several codes in one cell: MAXQDA and ATLAS.ti a line break, people
#: a semicolon, comma or bar.
_CODE_LISTS = re.compile(r"\s*(?:[;,|]|\r?\n)\s*")


#: How many codes not in the codebook an error lists (a shifted column makes every row one).
LISTED = 20
#: The fewest codes not in the codebook that a hint of a swapped column is given for (a typo or two is no column).
_SWAPPED_AT_LEAST = 5


def _swapped(unknown: pd.DataFrame, total: int, codes: list[str]) -> list[str]:
    """The hint that the code column holds the quotes, when most rows' codes are unknown (five distinct or more) and
    most of those codes read as sentences (four words or more); else nothing."""
    sentences = sum(len(str(code).split()) >= 4 for code in codes)
    if len(codes) < _SWAPPED_AT_LEAST or len(unknown) * 2 <= total or sentences * 2 <= len(codes):
        return []
    sources = _errors.few(list(dict.fromkeys(map(str, unknown["source"]))))
    return [
        f"{sources}: {len(unknown)} of {total} rows have a code not in the codebook, and {sentences} of those codes "
        "read as sentences: does the code column hold the quotes (columns swapped or shifted)? Check that the "
        "header names the columns in the order the rows hold them."
    ]


def _several(code: str, by_key: dict[str, tuple[str, str]]) -> str:
    """Say that ``code`` is several codes of the codebook in one cell, and how to write them, or ``""``."""
    parts = [part for part in _CODE_LISTS.split(code) if part]
    if len(parts) < 2 or not all(_code_key(part) in by_key for part in parts):
        return ""
    named = ", ".join(shown(by_key[_code_key(part)][0]) for part in parts)
    return (
        f"code {code!r} holds {len(parts)} codes ({named}), and a row holds one; copy the row once per code, each "
        "copy with one code and its own segment_id (S012a, S012b), so the fragment counts for each theme."
    )


def _rows_text(rows: Iterable[int]) -> str:
    rows = sorted(rows)
    return f"row {rows[0]}" if len(rows) == 1 else f"rows {', '.join(map(str, rows))}"


def _nearest(code: str, entries: list[tuple[str, str]]) -> str:
    # Imported here: only a code the codebook lacks needs it, and every build would pay for the import.
    from rapidfuzz import fuzz, process

    name = code.split("/")[-1].strip().casefold()
    by_name = [c for c, _ in entries if c.split("/")[-1].casefold() == name]
    if len(by_name) == 1:
        return f" (did you mean {shown(by_name[0])}?)"
    best = process.extractOne(code.casefold(), [c.casefold() for c, _ in entries], scorer=fuzz.ratio, score_cutoff=80)
    # Or like a code's own name, without the theme the tool writes before it (a tag Schimmels, code Wonen/Schimmel).
    best = best or process.extractOne(
        name, [c.split("/")[-1].casefold() for c, _ in entries], scorer=fuzz.ratio, score_cutoff=80
    )
    if best:
        return f" (did you mean {shown(entries[best[2]][0])}?)"
    # A Dutch compound names a kind of its last word: Drugsoverlast is Overlast (user test R, a code renamed).
    heads = [c for c, _ in entries if len(head := c.split("/")[-1].casefold()) >= 5 and name.endswith(head)]
    longest = max(heads, key=lambda c: len(c.split("/")[-1]), default=None)
    return f" (did you mean {shown(longest)}?)" if longest else ""
