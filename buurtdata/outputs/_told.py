"""What a build tells of the files it wrote: a line per file, or, for a kind of file a build writes many of (a
national report: thousands of plans, notebook pages per wijk), one line with how many and where.

A national report printed 1,742 lines of files between its progress bars (user test, 2026-12-01); a
gemeente's build keeps its line per file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path, PurePosixPath

#: More files than this of one kind (the same folder under the output, the same suffix) are told in one line.
MANY = 20

#: How a summary line names files by their suffix.
_NOUNS = {".pdf": "PDF files", ".png": "PNG images", ".html": "web pages", ".ipynb": "executed notebooks"}


class Told:
    """Tells each file of the output folder itself at once; those in its folders when the build is done (:meth:`close`),
    a line each while they are few of their kind, else a line per kind."""

    def __init__(self, final: Path, tell: Callable[[str], None]) -> None:
        self.final = final
        self.tell = tell
        self.held: list[tuple[str, str]] = []

    def file(self, relative: str, what: str) -> None:
        """Tell (or hold) that the file at ``relative`` (a POSIX path under the output folder) holds ``what``."""
        if "/" in relative:
            self.held.append((relative, what))
        else:
            self.tell(self.line(relative, what))

    def line(self, relative: str, what: str) -> str:
        return f"  {self.final / relative}  ({what})"

    def close(self) -> None:
        """Tell the files held, in the order written; a kind of more than :data:`MANY` files in one line where its
        first file was.

        >>> said = []
        >>> told = Told(Path("uit"), said.append)
        >>> for number in range(MANY + 1):
        ...     told.file(f"toekomstplan/BU{number:02}.html", "buurttoekomstplan")
        >>> told.file("kaarten/a.png", "kaart")
        >>> told.close()
        >>> for line in said:
        ...     print(line)
          21 web pages in uit/toekomstplan/, e.g. uit/toekomstplan/BU00.html  (buurttoekomstplan)
          uit/kaarten/a.png  (kaart)
        """
        counts = Counter(_kind(relative) for relative, _ in self.held)
        summed = set()
        for relative, what in self.held:
            kind = _kind(relative)
            if counts[kind] <= MANY:
                self.tell(self.line(relative, what))
            elif kind not in summed:
                summed.add(kind)
                folder, suffix = kind
                noun = _NOUNS.get(suffix, f"{suffix or 'other'} files")
                self.tell(f"  {counts[kind]:,} {noun} in {self.final / folder}/, e.g.{self.line(relative, what)[1:]}")
        self.held = []


def _kind(relative: str) -> tuple[str, str]:
    """The folder right under the output and the suffix of the file at ``relative``."""
    path = PurePosixPath(relative)
    return path.parts[0], path.suffix
