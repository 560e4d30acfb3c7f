"""Extras: the parts of buurtdata that need more than the readers and the pipeline.

A module that draws or executes notebooks calls :func:`require` when it is imported, so a
missing extra is one clear :class:`BuurtdataError` naming the ``pip install`` line, not a
``ModuleNotFoundError`` from deep inside a build.
"""

from __future__ import annotations

import importlib.util

from buurtdata._errors import BuurtdataError

#: extra (as in pyproject.toml) -> the modules it brings that buurtdata imports
EXTRAS: dict[str, tuple[str, ...]] = {
    "render": ("matplotlib", "pypdfium2", "tqdm", "vl_convert"),
    "validate": ("great_expectations",),
    "notebooks": ("nbformat", "nbclient", "nbconvert", "papermill", "jinja2", "IPython", "ipykernel", "jupytext"),
}


class MissingExtraError(BuurtdataError, ImportError):
    """An optional part of buurtdata was used without its extra installed."""


def require(extra: str, user: str) -> None:
    """Raise :class:`MissingExtraError` unless every module of ``extra`` can be imported.

    ``user`` names what needs the extra (a module's ``__name__``). The check only looks the
    modules up, it does not import them, so it keeps imports fast.

    >>> require("render", "buurtdata.outputs.handout")
    >>> require("ruimtevaart", "buurtdata.x")
    Traceback (most recent call last):
    ...
    KeyError: 'ruimtevaart'
    """
    missing = [module for module in EXTRAS[extra] if importlib.util.find_spec(module) is None]
    if missing:
        raise MissingExtraError(
            f"{user} needs {', '.join(missing)}, which {'is' if len(missing) == 1 else 'are'} not installed; "
            f"install the extra with: pip install 'buurtdata[{extra}]' (or 'buurtdata[all]')"
        )
