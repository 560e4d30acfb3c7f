"""Interview rounds over time: the ``[[rounds]]`` of a project file, oldest first, and today's ``[interviews]``.

A project that holds only ``[interviews]`` has one round. Each earlier round has its own files, codebook
version and consent, and a ``[rounds.mapping]`` that says what became of its codes and themes in today's
codebook (renamed, merged: several onto one theme, split: its codes onto different themes)::

    [[rounds]]
    label = "Najaar 2023"
    period = "najaar 2023"
    segments = "ronde_2023/segmenten.csv"
    codebook = "ronde_2023/codeboek.csv"
    consent = "overdracht"          # its pseudonymised segments may pass to a successor (default "geen overdracht")
    no_handover = ["DEV-A07"]       # but not those of these respondents, who did not agree to it (ids as exported)
    agreements = "ronde_2023/afspraken.csv"   # what the meeting after this round agreed
    respondents = "ronde_2023/respondenten.csv"   # and every other key of [interviews] that says how to read it
    gemeenten = ["GM0164"]          # where this round's interviews were held: its names are looked up there first
    [rounds.mapping]
    "Buurthuis en activiteiten" = "Ontmoeten"  # a theme or a code of this round -> a theme of today

The mapping is checked against the codebooks when the pipeline reads them
(:mod:`buurtdata.pipeline.rounds`): an unknown code or theme is an error that names it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from buurtdata import gemeente_lookup
from buurtdata._errors import BuurtdataError

#: The keys of ``[interviews]``, today's round.
INTERVIEW_KEYS = frozenset(
    {
        "segments",
        "codebook",
        "fictional",
        "label",
        "pc6",
        "respondents",
        "tool",
        "variables",
        "themes",
        "period",
        "consent",
        "agreements",
        "gemeenten",
        "no_handover",
    }
)
#: The keys of a ``[[rounds]]`` entry: an earlier round is read exactly as today's, and mapped onto it.
ROUND_KEYS = INTERVIEW_KEYS | {"mapping"}
#: What respondents of a round agreed to about a successor organisation: pseudonymised segments pass, or not.
CONSENT = ("overdracht", "geen overdracht")


@dataclass(frozen=True)
class Round:
    """One interview round: its files, what it is called, and how its codebook maps onto today's."""

    number: int
    label: str
    period: str
    segments: Path
    codebook: Path | None
    consent: str = "geen overdracht"
    agreements: Path | None = None
    mapping: dict[str, str] = field(default_factory=dict, hash=False)
    tool: str | None = None
    current: bool = False
    # How to read the round's export, as [interviews] says it (buurtdata.project_interviews.InterviewFiles).
    respondents: Path | None = None
    variables: dict[str, Any] = field(default_factory=dict, hash=False)
    themes: dict[str, str] = field(default_factory=dict, hash=False)
    pc6: Path | None = None
    #: Where the round's interviews were held ([interviews] ``gemeenten``: codes or names, checked against the
    #: regions when placing): a name is looked up in these gemeenten first.
    gemeenten: tuple[str, ...] = ()
    #: Respondents (ids as the export writes them) who did not agree to a successor: with ``consent =
    #: "overdracht"`` their segments stay behind all the same (user test B: consent differs per respondent).
    no_handover: tuple[str, ...] = ()
    #: Whether the round's interviews are made up (its ``fictional``): a project may keep a training round beside
    #: real ones, and each page says which (sweep 13 #13).
    fictional: bool = False
    #: The label as the project file writes it, without the "fictief" that ``label`` adds for pages.
    written_label: str = ""

    @property
    def as_written(self) -> str:
        """The label as project.toml writes it: what a message quotes, so the user can find it there (a fictional
        round's ``label`` ends in "(fictief, geen echte personen)" on every page; sweep13 #20)."""
        return self.written_label or self.label


def _period(period: str | None) -> str:
    """A round's period with its spaces as one plain space each: one pasted from Word or Excel holds no-break spaces
    or a line break, which SQL's patterns read as no space (review z L1).

    >>> _period("voorjaar\\u00a02025\\n"), _period(None)
    ('voorjaar 2025', '')
    """
    return " ".join((period or "").split())


def _made_up(files: Any) -> bool:
    """Whether a round's interviews are made up: ``fictional = true``, or a label that says so without it (the
    sample's earlier round, and projects copied from it: "Fictieve interviews najaar 2023 (voorbeeld, ...)").

    >>> from types import SimpleNamespace as Files
    >>> _made_up(Files(fictional=False, label="Fictieve interviews najaar 2023")), _made_up(Files(fictional=False, label="Ronde 1"))
    (True, False)
    """  # noqa: E501 - a doctest is one line
    return bool(files.fictional) or "fictie" in (files.label or "").casefold()


def read_rounds(reader: Any, interviews: Any) -> tuple[Round, ...]:
    """Return the project's rounds, oldest first, today's ``[interviews]`` last; problems go to ``reader``.

    ``reader`` is the project file reader of :mod:`buurtdata.project` (its ``get``, ``file``, ``unknown`` and
    ``problems``).
    """
    entries = reader.raw.get("rounds", [])
    if isinstance(entries, dict) or not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        reader.problems.append("rounds: write each earlier interview round as a [[rounds]] table (double brackets)")
        return ()
    if entries and interviews is None:
        reader.problems.append("[[rounds]] needs today's round as [interviews]; add [interviews] with its files")
        return ()
    rounds = []
    for number, entry in enumerate(entries, start=1):
        where = f"[[rounds]] #{number}"
        reader.unknown(entry, ROUND_KEYS, where, {})
        # The label is required: it tells the rounds apart in every table, handout and message.
        files = reader.interview_files(entry, where, label=...)
        rounds.append(
            Round(
                number=number,
                label=files.label or f"Ronde {number}",
                period=_period(reader.get(entry, "period", str, where, "")),
                segments=files.segments,
                codebook=files.codebook,
                consent=_consent(reader, entry, where),
                agreements=reader.file(entry, "agreements", where) if "agreements" in entry else None,
                mapping=_mapping(reader, entry, where),
                tool=files.tool,
                respondents=files.respondents,
                variables=files.variables,
                themes=files.themes,
                pc6=files.pc6,
                gemeenten=_held(reader, entry, where),
                no_handover=_no_handover(reader, entry, where),
                fictional=_made_up(files),
                written_label=files.written_label,
            )
        )
    if interviews is not None:
        section = reader.raw.get("interviews", {})
        where = "[interviews]"
        rounds.append(
            Round(
                number=len(rounds) + 1,
                label=interviews.label,
                period=_period(reader.get(section, "period", str, where, "")),
                segments=interviews.segments,
                codebook=interviews.codebook,
                consent=_consent(reader, section, where),
                agreements=reader.file(section, "agreements", where) if "agreements" in section else None,
                tool=interviews.tool,
                current=True,
                respondents=interviews.respondents,
                variables=interviews.variables,
                themes=interviews.themes,
                pc6=interviews.pc6,
                gemeenten=_held(reader, section, where),
                no_handover=_no_handover(reader, section, where),
                fictional=_made_up(interviews),
                written_label=interviews.written_label,
            )
        )
    # Alike as read: two labels or periods that differ in case or spaces alone read as one round in every table,
    # handout and plan (user test B: 'buurtgesprekken  voorjaar 2025 ' beside 'Buurtgesprekken voorjaar 2025').
    for key, what in ((lambda r: r.label, "label"), (lambda r: r.period, "period")):
        seen: dict[str, list[str]] = {}
        for one in rounds:
            if key(one).strip():
                seen.setdefault(" ".join(key(one).split()).casefold(), []).append(key(one))
        for written in (w for w in seen.values() if len(w) > 1):
            spelled = list(dict.fromkeys(written))
            said = (
                f"{what} {spelled[0]!r} is used {'twice' if len(written) == 2 else f'{len(written)} times'}"
                if len(spelled) == 1
                else f"{what}s {' and '.join(map(repr, spelled))} differ in case or spaces alone"
            )
            reader.problems.append(f"rounds: {said}; give every round its own {what}")
    _one_file_each(reader, rounds)
    return tuple(rounds)


def _one_file_each(reader: Any, rounds: list[Round]) -> None:
    """Refuse two rounds that name the same segments file (sweep 13 #19): the same interviews would count as two
    rounds, and every theme as unchanged between them. A copy of a file is told by the build
    (:func:`buurtdata.pipeline.round_copies.warn_copies`)."""
    named: dict[Path, list[Round]] = {}
    for one in rounds:
        if one.segments is not None:
            named.setdefault(Path(one.segments).resolve(), []).append(one)
    for path, those in named.items():
        if len(those) > 1:
            which = " and ".join(f"{_written_at(one)} ({one.as_written!r})" for one in those)
            reader.problems.append(
                f"rounds: {which} name the same segments file {path.name}, so the same interviews would count as "
                f"{len(those)} rounds; name each round's own file"
            )


def _written_at(one: Round) -> str:
    """Where the project file writes a round: ``[interviews]`` for today's, ``[[rounds]] #2`` for an earlier one."""
    return "[interviews]" if one.current else f"[[rounds]] #{one.number}"


def _held(reader: Any, entry: dict[str, Any], where: str) -> tuple[str, ...]:
    """The gemeenten a round's interviews were held in, as written (a code's form is checked here, whether it or a
    name is a gemeente of the figures when placing)."""
    value = _texts(reader, entry, "gemeenten", where, 'a list of gemeente codes or names such as ["GM0164", "Zwolle"]')
    held = []
    for item in value:
        try:
            held.append(gemeente_lookup.code_of(item) or item.strip())
        except BuurtdataError as error:
            reader.problems.append(f"{where}.gemeenten: {error}")
    return tuple(dict.fromkeys(held))


def _no_handover(reader: Any, entry: dict[str, Any], where: str) -> tuple[str, ...]:
    """The respondents of a round whose segments never pass to a successor, as written (checked against the
    round's respondents when a dossier is packed)."""
    expected = 'a list of respondent ids as the export writes them, such as ["DEV-A07", "DEV-A12"]'
    return tuple(dict.fromkeys(item.strip() for item in _texts(reader, entry, "no_handover", where, expected)))


def _texts(reader: Any, entry: dict[str, Any], key: str, where: str, expected: str) -> list[str]:
    """A round's list of texts under ``key``; empty (and the problem said) when it is no list of non-empty texts."""
    value = reader.get(entry, key, list, where, [])
    if value is None:  # wrong type, already said
        return []
    if not all(isinstance(item, str) and item.strip() for item in value):
        reader.problems.append(f"{where}.{key} = {value!r}: expected {expected}")
        return []
    return value


def _consent(reader: Any, entry: dict[str, Any], where: str) -> str:
    value = reader.get(entry, "consent", str, where, "geen overdracht")
    if value is not None and value not in CONSENT:
        reader.problems.append(f"{where}.consent = {value!r}: write {' or '.join(map(repr, CONSENT))}")
        return "geen overdracht"
    return value or "geen overdracht"


def _mapping(reader: Any, entry: dict[str, Any], where: str) -> dict[str, str]:
    value = reader.get(entry, "mapping", dict, where, {})
    if value is None:
        return {}
    wrong = [
        f"{where}.mapping.{old} = {new!r}: expected the name of one theme of today's codebook"
        for old, new in value.items()
        if not isinstance(new, str)
    ]
    reader.problems.extend(wrong)
    return {old: new for old, new in value.items() if isinstance(new, str)}


def mapped_to(theme: str, today: Mapping[str, str]) -> str:
    """The theme of today a round's ``theme`` that today's codebook lacks is likely mapped to, for a message a user
    may paste, so never a loose guess: today's theme that holds a code of that name (user test R: theme Schulden,
    now code Schulden under Geldzorgen), else the one theme of today that holds the name as a whole word (Groen:
    ``Groen en openbare ruimte``), else a theme of today spelt almost alike (a typo), else ``<theme of today>``;
    ``today`` maps today's codes to themes.

    >>> today = {"Geldzorgen/Schulden": "Geldzorgen", "Geldzorgen": "Geldzorgen", "Ontmoeten": "Ontmoeten"}
    >>> mapped_to("Schulden", today), mapped_to("Ontmoetn", today), mapped_to("Zorg", today)
    ('Geldzorgen', 'Ontmoeten', '<theme of today>')
    >>> mapped_to("Groen", {"Wonen": "Wonen", "Groen en openbare ruimte": "Groen en openbare ruimte"})
    'Groen en openbare ruimte'
    """
    holding = {new for code, new in today.items() if code.split("/")[-1].strip().casefold() == theme.casefold()}
    if len(holding) == 1:
        return holding.pop()
    themes = sorted(set(today.values()))
    word = re.compile(rf"(?<!\w){re.escape(theme.strip())}(?!\w)", re.IGNORECASE)
    holding = {new for new in themes if word.search(new)}
    if len(holding) == 1:
        return holding.pop()
    # Strict: at difflib's default 0.6, "Groen" was "Wonen", a valid line that would move every Groen segment.
    close = difflib.get_close_matches(theme, themes, n=1, cutoff=_ALIKE)
    return close[0] if close else "<theme of today>"


#: How alike (difflib's ratio) a theme of today must be spelt to be suggested for a round's theme: a typo.
_ALIKE = 0.8
