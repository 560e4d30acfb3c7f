"""Global settings: folders, coordinate reference system, privacy threshold.

Each setting is a module-level global with a documented default; an
environment variable overrides the default at import time, and code may
assign a new value at run time (``buurtdata.settings.privacy_threshold = 5``).
"""

from __future__ import annotations

import os
from pathlib import Path

from buurtdata._errors import SettingsError


def _env_path(name: str, default: Path, *, file: bool = False) -> Path:
    """The path an environment variable sets, else ``default``: a folder, or with ``file`` a file (which may exist:
    a key file set to the one kept, review r), never the other."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    path = Path(value).expanduser()
    if path.exists() and path.is_dir() != (not file):
        wrong, right = ("a folder", "file") if file else ("a file", "folder")
        msg = (
            f"Environment variable {name}={value!r} names {wrong}, not a "
            f"{right}; set it to a {right} such as {default}, or unset it."
        )
        raise SettingsError(msg)
    return path


def _env_int(name: str, default: int, *, minimum: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or number < minimum:
        msg = (
            f"Environment variable {name}={value!r} is not a whole number of {minimum} or more; "
            f"set it to e.g. {default}, or unset it."
        )
        raise SettingsError(msg) from None
    return number


#: Folder for downloaded CBS/PDOK responses (``BUURTDATA_CACHE_DIR``).
cache_dir: Path = _env_path("BUURTDATA_CACHE_DIR", Path.home() / ".cache" / "buurtdata")


def _here() -> Path:
    """The working folder, or ``.`` where it is gone: a notebook kernel left in a report folder a new build replaced
    imports buurtdata there, and is then told to restart (:func:`buurtdata.outputs._notebook_checks.kernel_folder`)
    rather than shown a bare "[Errno 2]" from this import (review u M3)."""
    try:
        return Path.cwd()
    except FileNotFoundError:
        return Path()


#: Folder for project data when a project file does not name one (``BUURTDATA_DATA_DIR``).
data_dir: Path = _env_path("BUURTDATA_DATA_DIR", _here() / "data")

#: Coordinate reference system of all geometry buurtdata returns: RD New.
default_crs: str = "EPSG:28992"

#: A theme is shown for a buurt only when at least this many distinct
#: respondents raised it there (``BUURTDATA_PRIVACY_THRESHOLD``).
privacy_threshold: int = _env_int("BUURTDATA_PRIVACY_THRESHOLD", 3, minimum=1)

#: File holding the secret key for pseudonymising respondent ids
#: (``BUURTDATA_KEY_FILE``). Created on first use; never written to output.
key_file: Path = _env_path("BUURTDATA_KEY_FILE", Path.home() / ".config" / "buurtdata" / "pseudonym.key", file=True)
