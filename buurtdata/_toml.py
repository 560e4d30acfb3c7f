"""Reading a parsed TOML file value by value, collecting every problem instead of stopping at the first.

:class:`buurtdata.project` builds the project file's reader on it; a user then sees all that is wrong with
their file in one message.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path, PureWindowsPath
from typing import Any

from buurtdata._errors import InputFileError, did_you_mean

#: The byte order mark Notepad and Excel put before UTF-8 text; TOML has none, tomllib refuses it at line 1.
_BOM = "\ufeff"
#: tomllib's messages for the mistakes a project file's author makes, and the fix to say beside them.
_TOML_HINTS = (
    (
        "Unescaped '\\'",
        'a backslash in double quotes starts an escape; write a path with / ("kaart/buurten.json") or in single '
        "quotes ('kaart\\buurten.json')",
    ),
    ("Cannot declare", "a table is written twice; keep one [table] header and put all its keys under it"),
)
#: "Cannot overwrite a value (at line 30, column 14)": a key given twice in one table.
_OVERWRITE = re.compile(r"Cannot overwrite a value \(at line (\d+), column \d+\)")
_KEY = re.compile(r"\s*(?:\"([^\"]+)\"|'([^']+)'|([A-Za-z0-9_-]+))\s*=")


def read(path: Path) -> tuple[str, dict[str, Any]]:
    """Return a project file's text and what it parses to; a file TOML cannot read is an :class:`InputFileError`
    that names its line and the fix.

    A byte order mark at the start (Notepad's "UTF-8 with BOM") is no mistake of the author's: it is skipped.
    """
    try:
        text = path.read_text(encoding="utf-8").removeprefix(_BOM)
    except IsADirectoryError:
        inside = sorted(path.glob("*.toml"))
        hint = f", e.g. {inside[0]}" if inside else ""
        msg = f"Project file {path} is a folder; pass the project TOML file in it{hint}."
        raise InputFileError(msg) from None
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        msg = (
            f"Project file {path}, line {line}: byte {error.object[error.start : error.start + 1]!r} is not "
            f"UTF-8 (TOML files must be); save the file as UTF-8 (in Notepad: Save as -> Encoding UTF-8)."
        )
        raise InputFileError(msg) from None
    except FileNotFoundError:
        msg = (
            f"Project file {path} does not exist; pass the path of a project TOML file (see the README, "
            'section "Een eigen project", or buurtdata.datasets.get_path("hengelo") for the sample).'
        )
        raise InputFileError(msg) from None
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        msg = f"Project file {path} is not valid TOML ({error}); {_toml_fix(str(error), text)}."
        raise InputFileError(msg) from None


def _toml_fix(error: str, text: str) -> str:
    """What to do about tomllib's ``error`` in ``text``: the line it names, and what is wrong there when known."""
    overwrite = _OVERWRITE.search(error)
    if overwrite is not None:
        lines = text.splitlines()
        number = int(overwrite[1])
        key = _KEY.match(lines[number - 1]) if number <= len(lines) else None
        if key is not None:
            name = next(k for k in key.groups() if k)
            earlier = [
                i
                for i, line in enumerate(lines[: number - 1], start=1)
                if (m := _KEY.match(line)) and next(k for k in m.groups() if k) == name
            ]
            before = f" (also on line {earlier[-1]})" if earlier else ""
            return f"key {name!r} is given twice in one table{before}; keep the one you mean and delete the other"
    for marker, fix in _TOML_HINTS:
        if marker in error:
            return f"{fix}; fix the line it names"
    return "fix the line it names"


#: A table header line: ``[name]`` or ``[[name]]``, with a comment after it or not.
_HEADER = re.compile(r"\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
#: How ``where`` names a table: ``top level``, ``[name]`` or ``[[name]] #n``.
_WHERE = re.compile(r"(?:\[(?P<single>[^\[\]]+)\]|\[\[(?P<array>[^\]]+)\]\] #(?P<number>\d+))")
#: How to write a value of each kind, ``{key}`` the key.
_KINDS = {
    int: "a whole number without quotes, e.g. {key} = 3",
    str: 'text in quotes, e.g. {key} = "..."',
    bool: "true or false without quotes",
    list: 'a list in square brackets, e.g. {key} = ["..."]',
    dict: "a table",
}


def _fix(key: str, value: Any, kind: type) -> str:
    """Return how to write ``key`` as a ``kind``, from the ``value`` the user wrote."""
    if kind is int and isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return f"write {key} = {int(value)} without quotes"
    if kind is int and isinstance(value, float) and value.is_integer():
        return f"write {key} = {int(value)} (a whole number)"
    if kind is bool and isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return f"write {key} = {value.strip().lower()} without quotes"
    if kind is str and isinstance(value, int | float) and not isinstance(value, bool):
        return f'write {key} = "{value}" in quotes'
    if kind is list and isinstance(value, str | int | float) and not isinstance(value, bool):
        return f"write {key} = [{_toml_value(value)}] (a list in square brackets)"
    return f"write {_KINDS.get(kind, kind.__name__).format(key=key)}"


def _toml_value(value: Any) -> str:
    return f'"{value}"' if isinstance(value, str) else str(value)


class TableReader:
    """Reads values out of a parsed TOML file and collects every problem, so the caller can raise them at once."""

    def __init__(self, path: Path, text: str, raw: dict[str, Any]) -> None:
        """``text``: the file as read, ``raw`` it parsed; the text gives a problem its line."""
        self.path = path
        self.base = path.parent
        self.raw = raw
        self.problems: list[str] = []
        self._lines = text.splitlines()

    def get(self, table: dict[str, Any], key: str, kind: type, where: str, default: Any = ...) -> Any:
        if key not in table:
            if default is ...:
                self.problems.append(f"{where}: missing key {key!r} ({kind.__name__})")
            return None if default is ... else default
        value = table[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            self.problems.append(
                f"{self._at(where, key)}{where}.{key} = {value!r}: expected {kind.__name__}; {_fix(key, value, kind)}"
            )
            return None
        return value

    def _at(self, where: str, key: str) -> str:
        """Return ``line N, `` for the line ``key`` is on in the table ``where`` names, or ``''`` if it is not found
        once there (tomllib keeps no positions; a plain scan finds a key written as ``key = ...``)."""
        named = _WHERE.fullmatch(where)
        if where == "top level":
            wanted, number = None, 1
        elif named is not None and named["single"] is not None:
            wanted, number = ("[", named["single"].strip()), 1
        elif named is not None:
            wanted, number = ("[[", named["array"].strip()), int(named["number"])
        else:
            return ""
        assignment = re.compile(rf"\s*(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')\s*=")
        inside, seen, found = wanted is None, 0, []
        for index, line in enumerate(self._lines, start=1):
            header = _HEADER.match(line)
            if header is not None:
                seen += (header[1], header[2]) == wanted
                inside = (header[1], header[2]) == wanted and seen == number
            elif inside and assignment.match(line):
                found.append(index)
        return f"line {found[0]}, " if len(found) == 1 else ""

    def file(self, table: dict[str, Any], key: str, where: str) -> Path:
        name = self.get(table, key, str, where)
        if name is None:
            return Path()
        # ~ is the user's home folder, as a terminal reads it (sweep 12: a path copied from one was not found).
        found = self.base / Path(name).expanduser()
        windows = PureWindowsPath(name)
        if not found.exists() and windows.drive and not Path(name).is_absolute():
            self.problems.append(
                f"{self._at(where, key)}{where}.{key} = {name!r}: a Windows path, which this computer cannot "
                f"open; put the file in the project folder ({self.base}) and write its path relative to it, "
                f"with / (e.g. {windows.name!r})"
            )
            return found
        if not found.exists() and "\\" in name and (self.base / Path(*windows.parts)).exists():
            # A path written on Windows (kaart\buurten.json): there \ separates folders as / does, so it does here.
            found = self.base / Path(*windows.parts)
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
            self.problems.append(f"{where}: unknown key {key!r}{did_you_mean(key, known, listed=True)}")
