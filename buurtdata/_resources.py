"""Folders the repository keeps at top level and a wheel ships inside the package.

``pipelines/`` and ``notebooks/`` live at the top of the repository; a built
wheel carries them as ``buurtdata/_pipelines`` and ``buurtdata/_notebooks``.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path


@cache
def folder(name: str) -> Path:
    """Return the folder ``name`` (``"pipelines"`` or ``"notebooks"``) wherever it is installed."""
    shipped = Path(str(resources.files("buurtdata"))) / f"_{name}"
    if shipped.is_dir():
        return shipped
    return Path(__file__).resolve().parents[1] / name
