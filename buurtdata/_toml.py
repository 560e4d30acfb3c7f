"""Reading a parsed TOML file value by value, collecting every problem instead of stopping at the first.

:class:`buurtdata.project` builds the project file's reader on it; a user then sees all that is wrong with
their file in one message.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any


class TableReader:
    """Reads values out of a parsed TOML file and collects every problem, so the caller can raise them at once."""

    def __init__(self, path: Path, raw: dict[str, Any]) -> None:
        self.path = path
        self.base = path.parent
        self.raw = raw
        self.problems: list[str] = []

    def get(self, table: dict[str, Any], key: str, kind: type, where: str, default: Any = ...) -> Any:
        if key not in table:
            if default is ...:
                self.problems.append(f"{where}: missing key {key!r} ({kind.__name__})")
            return None if default is ... else default
        value = table[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            self.problems.append(f"{where}.{key} = {value!r}: expected {kind.__name__}")
            return None
        return value

    def file(self, table: dict[str, Any], key: str, where: str) -> Path:
        name = self.get(table, key, str, where)
        if name is None:
            return Path()
        found = self.base / name
        if not found.exists():
            self.problems.append(f"{where}.{key} = {name!r}: no such file next to the project file ({found})")
        elif found.is_dir():
            self.problems.append(f"{where}.{key} = {name!r}: is a folder ({found}); name the file in it")
        return found

    def tables(self, section: str) -> list[dict[str, Any]]:
        """Return the entries of an array of tables (``[[kwb]]``); a single ``[kwb]`` table is reported."""
        entries = self.raw.get(section, [])
        if isinstance(entries, dict):
            self.problems.append(
                f"[{section}] is written with single brackets; write [[{section}]] (double "
                f"brackets), one for each {'KWB year' if section == 'kwb' else 'entry'}"
            )
            return []
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            self.problems.append(f"{section} = {entries!r}: expected [[{section}]] tables")
            return []
        return entries

    def table(self, section: str) -> dict[str, Any]:
        """Return a section such as ``[maps]``; an array ``[[maps]]`` or a plain value is reported."""
        value = self.raw.get(section, {})
        if not isinstance(value, dict):
            written = f"[[{section}]]" if isinstance(value, list) else f"{section} = {value!r}"
            self.problems.append(f"{written}: write [{section}] (single brackets) with its keys below it")
            return {}
        return value

    def unknown(self, table: Any, known: frozenset[str], where: str, renamed: dict[str, str]) -> None:
        """Report keys of ``table`` outside ``known`` (a typo must not silently fall back to a default), with the
        closest known key, or the new name of a renamed one."""
        if not isinstance(table, dict):
            return  # reported where the section is read
        for key in sorted(set(table) - known):
            if key in renamed:
                self.problems.append(f"{where}: key {key!r} is now called {renamed[key]!r}; rename it")
                continue
            close = difflib.get_close_matches(key, known, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; known keys: {', '.join(sorted(known))}"
            self.problems.append(f"{where}: unknown key {key!r}{hint}")
