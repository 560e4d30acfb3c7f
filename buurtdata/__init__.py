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

__version__ = "0.1.0"

# public name -> (module, attribute); loaded lazily so `import buurtdata` stays light
_LAZY: dict[str, tuple[str, str]] = {
    "kerncijfers": ("buurtdata.cbs", "kerncijfers"),
    "read_kerncijfers": ("buurtdata.cbs", "read_kerncijfers"),
    "buurten": ("buurtdata.geometry", "buurten"),
    "wijken": ("buurtdata.geometry", "wijken"),
    "gemeenten": ("buurtdata.geometry", "gemeenten"),
    "read_boundaries": ("buurtdata.geometry", "read_boundaries"),
    "crosswalk": ("buurtdata.indeling", "crosswalk"),
    "carry": ("buurtdata.indeling", "carry"),
    "rehome": ("buurtdata.indeling", "rehome"),
    "read_segments": ("buurtdata.interviews", "read_segments"),
    "read_codebook": ("buurtdata.interviews", "read_codebook"),
    "Project": ("buurtdata.project", "Project"),
    "run": ("buurtdata.pipeline", "run"),
    "make_handouts": ("buurtdata.handout", "make_handouts"),
    "build_report": ("buurtdata.report", "build_report"),
    "validate": ("buurtdata.validation", "validate"),
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
