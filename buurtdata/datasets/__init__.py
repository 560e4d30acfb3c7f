"""Small real sample data shipped with buurtdata.

``hengelo`` holds real CBS data for Hengelo (O.) (GM0164) and a set of
*fictional* interview segments; its README states sources and licence.

>>> get_path("hengelo").name
'project.toml'
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from buurtdata._errors import DataNotAvailableError

#: Sample name -> project file of that sample.
SAMPLES: dict[str, str] = {"hengelo": "hengelo/project.toml"}


def get_path(name: str) -> Path:
    """Return the path of a shipped sample's project file or of one of its files.

    Parameters
    ----------
    name
        A sample name (``"hengelo"``) for its project file, or a path inside
        the datasets folder (``"hengelo/buurten.gpkg"``).
    """
    root = Path(str(resources.files(__name__)))
    path = root / SAMPLES.get(name, name)
    if not path.exists():
        msg = f"No shipped dataset {name!r}; choose one of {sorted(SAMPLES)} or a file inside them."
        raise DataNotAvailableError(msg)
    return path
