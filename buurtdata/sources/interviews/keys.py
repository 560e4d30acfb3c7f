"""The pseudonym key: a random secret in a file of the user's own (``settings.key_file``, ``BUURTDATA_KEY_FILE``),
made on first use and never written into any output (:func:`.privacy.pseudonymise` keys its pseudonyms with it)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from buurtdata import _errors, settings
from buurtdata._errors import BuurtdataError


def load_or_create_key(path: str | Path | None = None) -> bytes:
    """Return the pseudonym key, creating a random 32-byte key file if there is none.

    Parameters
    ----------
    path
        The key file; ``None`` means :data:`buurtdata.settings.key_file`.
        A new file is readable by its owner only (mode 0600).

    Raises
    ------
    BuurtdataError
        When an existing key file holds fewer than 16 bytes, or the key can be neither read nor created (a
        read-only home folder: the message names the file and ``BUURTDATA_KEY_FILE``).
    """
    path = Path(path) if path is not None else settings.key_file
    if not path.exists():
        try:
            _create_key(path)
        except OSError as error:
            raise _key_error("cannot create", path, error) from error
    try:
        key = path.read_bytes()
    except OSError as error:
        raise _key_error("cannot read", path, error) from error
    if len(key) < 16:
        msg = (
            f"{path} holds {len(key)} bytes, too few for a pseudonym key (at least 16); restore the original key, "
            "or delete the file to create a new one (pseudonyms will then change)."
        )
        raise BuurtdataError(msg)
    return key


def _create_key(path: Path) -> None:
    """Write a random 32-byte key to ``path`` (mode 0600), unless another process wrote one first."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".key-")  # mode 0600
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(os.urandom(32))
        # link() fails if another process created the key first; then both use that one.
        os.link(temporary, path)
    except FileExistsError:
        pass
    finally:
        os.unlink(temporary)


def _key_error(what: str, path: Path, error: OSError) -> BuurtdataError:
    """The key file's own error, naming it and BUURTDATA_KEY_FILE (sweep 13 #8: on a read-only home folder every
    command failed with "could not read or write a file (Read-only file system: ~/.config)", not saying what)."""
    if what == "cannot create":
        fix = (
            "set BUURTDATA_KEY_FILE to a file in a folder you may write in, and keep that file: it is the key "
            "`buurtdata pseudoniem` needs later to find a respondent's pseudonym"
        )
        why = _errors.unwritable(path.parent, error)
    else:  # a new key would give every respondent another pseudonym than earlier builds did
        fix = "make it readable for you, or set BUURTDATA_KEY_FILE to where the key is kept"
        why = str(error.strerror or error).lower()
    return BuurtdataError(f"{what} the pseudonym key at {path} ({why}); {fix}")


def existing_key(path: str | Path | None = None) -> bytes | None:
    """Return the pseudonym key when its file exists (:func:`load_or_create_key`), else None: for what only
    compares with a key (a build's fingerprint, a notebook's check, ``pseudoniem``) and must not create one."""
    path = Path(path) if path is not None else settings.key_file
    try:
        return path.read_bytes() if path.is_file() else None
    except OSError as error:  # named as a build names it, with BUURTDATA_KEY_FILE: not the general file error
        raise _key_error("cannot read", path, error) from error
