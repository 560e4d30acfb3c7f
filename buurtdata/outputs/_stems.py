"""The stems of the files a build names after a theme, an area or a buurt, spelled once for the module that
writes a file (:mod:`.maps`, :mod:`.toekomstplan`, :mod:`.handout`) and the index that titles it (:mod:`._links`).

A module of their own, so that the index does not import the writers (altair, geopandas, the pipeline: 0.7 s of
CPU).
"""

from __future__ import annotations

from buurtdata._text import slug


def theme_map(theme: str) -> str:
    """The theme map of ``theme``.

    >>> theme_map("Groen & spelen")
    'thema_groen_spelen'
    """
    return f"thema_{slug(theme)}"


def wall_map(area: str) -> str:
    """The wall map of a gemeente, wijk or project called ``area``.

    >>> wall_map("Wijk 03 Oost")
    'wand_wijk_03_oost'
    """
    return f"wand_{slug(area)}"


def buurt(code: str, name: str) -> str:
    """The handout or the buurttoekomstplan of buurt ``code`` called ``name`` (each in its own folder).

    >>> buurt("BU03630000", "Kop Zeedijk")
    'BU03630000_kop_zeedijk'
    """
    return f"{code}_{slug(name)}"
