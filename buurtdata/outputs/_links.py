"""The links of the report's index: the files of a folder, by name, each with a link per kind."""

from __future__ import annotations

from pathlib import Path

INDEX_PAGE = "index.html"


def files_in(folder: Path) -> list[Path]:
    """Every file below ``folder``, sorted (none when it does not exist)."""
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


def by_name(files: list[Path], out: Path, folder: Path) -> list[tuple[str, list[dict[str, str]]]]:
    """The ``files`` by name without suffix (relative to ``folder``), each with a link per kind (HTML, PDF, PNG)."""
    named: dict[str, list[dict[str, str]]] = {}
    for path in files:
        name = path.relative_to(folder).with_suffix("").as_posix().replace("_", " ")
        named.setdefault(name, []).append({"href": href(path, out), "kind": path.suffix[1:].upper()})
    return list(named.items())


def href(path: Path, base: Path) -> str:
    """The link from ``base`` to ``path``."""
    return path.relative_to(base).as_posix()
