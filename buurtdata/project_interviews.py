"""How a project file says to read its interview rounds: the files of ``[interviews]`` and of each ``[[rounds]]``
entry (:class:`InterviewFiles`) and the names ``[privacy]`` lists to scrub, read by :class:`InterviewReader` (the
project file's reader in :mod:`buurtdata.project` is one; :func:`buurtdata.rounds.read_rounds` asks it for each
round's files).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from buurtdata._encoding import decoded
from buurtdata._text import fictional_label
from buurtdata._toml import TableReader


@dataclass(frozen=True)
class InterviewFiles:
    """Coded interview segments, their codebook, how to label and place them, what to publish.

    ``pc6`` is an optional CBS table ``PC6;Huisnummer;Buurt...;Wijk...;Gemeente...``
    ([interviews] ``pc6``). ``publish_quotes`` ([privacy], default false) lets
    consenting, scrubbed quotes of groups of at least k respondents into
    ``buurt_quotes``; ``names`` ([privacy] ``names`` and the lines of
    ``names_file``) are scrubbed from every quote.

    A REFI-QDA project (``.qdpx``) as ``segments`` holds its own codebook,
    so ``codebook`` may then be left out (``None``). ``tool`` names the QDA
    tool that exported it (``nvivo``, ``atlas.ti``, ``maxqda``,
    ``qualcoder``), which fixes how its text positions count;
    ``variables`` ([interviews.variables]) maps ``respondent``, ``role``,
    ``location``, ``consent`` and ``date`` to the case variables a team used
    (``role = "Rol"``); ``themes`` ([interviews.themes]) maps code paths to
    themes where the top of the code tree is not the theme. ``respondents``
    ([interviews] ``respondents``), a CSV or XLSX table ``respondent, role,
    location, consent``, gives those fields to an export that lacks them (Taguette).
    """

    segments: Path
    codebook: Path | None
    fictional: bool
    label: str
    pc6: Path | None = None
    publish_quotes: bool = False
    names: tuple[str, ...] = ()
    tool: str | None = None
    variables: dict[str, str | list[str]] = field(default_factory=dict, hash=False)
    themes: dict[str, str] = field(default_factory=dict, hash=False)
    respondents: Path | None = None
    #: The label as the project file writes it (``label`` says "fictief" on pages): what a message quotes, so the
    #: user finds it in project.toml (sweep13 #20).
    written_label: str = ""


def _said_fictional(label: str | None, fictional: bool) -> str | None:
    """The label of a fictional set says so wherever it is shown (every source line, map and page prints it)."""
    if not fictional or not isinstance(label, str) or "fictie" in label.casefold():
        return label
    return fictional_label(label)


class InterviewReader(TableReader):
    """Reads the keys of a project file that say how to read an interview round, collecting every problem."""

    def names_file(self, path: Path) -> list[str]:
        """Return the names of a names file, one a line (``#`` starts a comment); a file nobody can read is a problem.

        A names file that silently yields nothing would publish every name it was meant to remove.
        """
        where = f"[privacy].names_file = {str(path.name)!r}"
        try:
            data = path.read_bytes()
        except OSError as error:
            self.problems.append(f"{where}: cannot read {path} ({error.strerror}); check the file and its permissions")
            return []
        try:
            text, _ = decoded(data)  # UTF-8, or as Excel or Notepad on Windows saved it
        except UnicodeDecodeError:
            self.problems.append(f"{where}: {path} is not a text file; save it as UTF-8 text, one name a line")
            return []
        if "\x00" in text:
            self.problems.append(f"{where}: {path} is not a text file; give a text file with one name a line")
            return []
        return [n.strip() for n in text.splitlines() if n.strip() and not n.lstrip().startswith("#")]

    def interviews(self, entry: dict[str, Any], privacy: dict[str, Any]) -> InterviewFiles:
        names = self.get(privacy, "names", list, "[privacy]", [])
        if names is not None and not all(isinstance(n, str) for n in names):
            self.problems.append(f"[privacy].names = {names!r}: expected a list of strings such as ['Anja', 'Bosman']")
            names = []
        if "names_file" in privacy:
            listed = self.file(privacy, "names_file", "[privacy]")
            if listed.is_file():
                names = [*(names or []), *self.names_file(listed)]
        return dataclasses.replace(
            self.interview_files(entry, "[interviews]"),
            publish_quotes=bool(self.get(privacy, "publish_quotes", bool, "[privacy]", False)),
            names=tuple(names or ()),
        )

    def interview_files(self, entry: dict[str, Any], where: str, label: Any = None) -> InterviewFiles:
        """Read the keys that say how to read one interview round: ``[interviews]`` or a ``[[rounds]]`` entry.

        Every round is read alike, so an earlier round exported from Taguette gets its locations from its own
        ``respondents`` table as today's does. ``label``: the default label (``...``: the key is required).
        """
        fictional = self.get(entry, "fictional", bool, where, False)
        if label is None:
            label = "Fictieve interviews" if fictional else "Interviews"
        segments = self.file(entry, "segments", where)
        # A .qdpx carries its codebook; a folder given as the file (said already) asks for none either.
        inside = (segments.suffix.lower() == ".qdpx" or segments.is_dir()) and "codebook" not in entry
        codebook = None if inside else self.file(entry, "codebook", where)
        written = self.get(entry, "label", str, where, label)
        return InterviewFiles(
            segments=segments,
            codebook=codebook,
            fictional=fictional,
            label=_said_fictional(written, fictional),
            written_label=written if isinstance(written, str) else "",
            pc6=self.file(entry, "pc6", where) if "pc6" in entry else None,
            tool=self.get(entry, "tool", str, where, None),
            variables=self.variables(entry, where),
            themes=self.mapping(entry, "themes", where, lists=False),
            respondents=self.file(entry, "respondents", where) if "respondents" in entry else None,
        )

    def variables(self, entry: dict[str, Any], where: str) -> dict[str, Any]:
        from buurtdata.sources.interviews.qda_segments import VARIABLE_KEYS

        found = self.mapping(entry, "variables", where, lists=True)
        for key in sorted(set(found) - set(VARIABLE_KEYS)):
            self.problems.append(
                f"{_sub(where, 'variables')}: unknown key {key!r}; known keys: {', '.join(VARIABLE_KEYS)}"
            )
        return found

    def mapping(self, entry: dict[str, Any], key: str, where: str, *, lists: bool) -> dict[str, Any]:
        """Return a table of names (strings, or lists of strings when ``lists``), reporting anything else."""
        value = self.get(entry, key, dict, where, {})
        if value is None:
            return {}
        kinds = "a string or a list of strings" if lists else "a string"
        for name, given in value.items():
            ok = isinstance(given, str) or (
                lists and isinstance(given, list) and all(isinstance(g, str) for g in given)
            )
            if not ok:
                self.problems.append(f"{_sub(where, key)}.{name} = {given!r}: expected {kinds}")
        return {name: given for name, given in value.items() if isinstance(given, (str, list))}


def _sub(where: str, key: str) -> str:
    """Name a sub-table of an interview round: ``[interviews.variables]``, ``[[rounds]] #2 [rounds.variables]``."""
    return f"[interviews.{key}]" if where == "[interviews]" else f"{where} [rounds.{key}]"
