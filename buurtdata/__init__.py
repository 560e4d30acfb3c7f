"""buurtdata: CBS neighbourhood statistics and lived knowledge, per buurt.

Importing the package stays fast: it loads no Altair, Jupyter or
great-expectations; the public functions below are imported on first use.

>>> import buurtdata
>>> callable(buurtdata.read_segments)
True
"""

from __future__ import annotations

import importlib
from typing import Any

from buurtdata._errors import BuurtdataError

__version__ = "0.1.0"  # the one place: pyproject.toml reads it (hatch dynamic version)

# public name -> (module, attribute); loaded lazily so `import buurtdata` stays light
_LAZY: dict[str, tuple[str, str]] = {
    "kerncijfers": ("buurtdata.sources.cbs", "kerncijfers"),
    "read_kerncijfers": ("buurtdata.sources.cbs", "read_kerncijfers"),
    "buurten": ("buurtdata.sources.geometry", "buurten"),
    "wijken": ("buurtdata.sources.geometry", "wijken"),
    "gemeenten": ("buurtdata.sources.geometry", "gemeenten"),
    "read_boundaries": ("buurtdata.sources.geometry", "read_boundaries"),
    "crosswalk": ("buurtdata.sources.indeling", "crosswalk"),
    "carry": ("buurtdata.sources.indeling", "carry"),
    "rehome": ("buurtdata.sources.indeling", "rehome"),
    "read_segments": ("buurtdata.sources.interviews", "read_segments"),
    "read_codebook": ("buurtdata.sources.interviews", "read_codebook"),
    "Project": ("buurtdata.project", "Project"),
    "run": ("buurtdata.pipeline", "run"),
    "make_handouts": ("buurtdata.outputs.handout", "make_handouts"),
    "build_report": ("buurtdata.outputs.build", "build_report"),
    "validate": ("buurtdata.pipeline.validation", "validate"),
}

__all__ = ["BuurtdataError", "__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'buurtdata' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
