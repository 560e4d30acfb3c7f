"""Spare the objects a program holds already from the garbage collector's passes during a build.

Python's collector now and then walks every object it tracks, however old: after pandas, geopandas, pyarrow and
DuckDB are imported that is some 80,000 objects, about 40 ms a pass, and a gemeente's build and GeoPackage
triggered one such pass (issue 19). The objects that exist when a build starts (modules, the caller's data) are
not the build's garbage; :func:`spared` moves them to the collector's permanent generation for the build
(``gc.freeze``) and back afterwards (``gc.unfreeze``), so the passes meanwhile walk only what the build made.
Nothing the build drops is kept: its own objects are collected as before.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def spared() -> Iterator[None]:
    """Leave the objects that exist now out of the collector's passes during the ``with`` block.

    A no-op when the collector is off or the program froze objects itself (``gc.freeze``, as a server before it
    forks, or a build inside a build): those are the program's to unfreeze, not ours.

    >>> import gc
    >>> before = gc.get_freeze_count()
    >>> with spared():
    ...     gc.get_freeze_count() > 0 or not gc.isenabled()
    True
    >>> gc.get_freeze_count() == before
    True
    """
    if not gc.isenabled() or gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
