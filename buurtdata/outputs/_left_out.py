"""Why a gemeente of a region was left out of the build, or its figures carried, in Dutch (``uitleg``).

``gemeente_status.reason`` is English, as all the data, and made for the analyst who fixes the project (files,
codes, the fix). A wijkwerker reads the region's overview page and ``gemeenten.csv`` too, and may have to say why a
gemeente has no handouts: :func:`uitleg` gives the kind of reason in plain Dutch, as the ``uitleg`` of
``niet_geplaatste_fragmenten.csv`` does for segments (user test P: Houten was left out with an English reason only).
"""

from __future__ import annotations

import re

from buurtdata.pipeline import scope

#: The years the English reason of differing indelingen names (pipeline.status.status).
_YEARS = re.compile(r"the KWB figures of (\d{4}) and the polygons of (\d{4})")
#: How many buurt codes only the figures hold (pipeline.status.status).
_ONLY_FIGURES = re.compile(r"(\d+) buurt code\(s\) (?:only in the figures|of the figures without a polygon)")

#: How many buurten of the figures a polygon file cut to part of the gemeente lacks (pipeline.status._lacking).
_LACKS = re.compile(r"lacks (\d+) of the (\d+) buurten of the KWB figures")

#: Where the reason in full is, said at the end of each explanation of a gemeente left out in gemeenten.csv: the
#: column beside it, not the file it stands in (review r 2.5).
_FULL = "De reden in detail, voor wie het project beheert, staat in de kolom reden (in het Engels)."


def uitleg(build_status: str, reason: object, *, where: bool = True) -> str:
    """The kind of ``reason`` (English) a gemeente has its ``build_status``, in Dutch; empty for a gemeente built.
    ``where``: end a gemeente left out with where its reason in full is, as ``gemeenten.csv`` shows it: in its column
    ``reden`` (a page that links ``gemeenten.csv`` says where instead, once).

    >>> uitleg("geweigerd", "GM0321 Houten: the KWB figures of 2020 and the polygons of 2020 carry different buurt "
    ...        "indelingen: 1 buurt code(s) only in the figures (BU03211352); 1 only in the polygons. Fix: ...")[:95]
    'De buurten in de CBS-cijfers van 2020 zijn anders ingedeeld dan de buurten op de kaart van 2020'
    >>> uitleg("geweigerd", "GM0233 Ermelo: three.gpkg lacks 3 of the 16 buurten of the KWB figures of 2020 (...)",
    ...        where=False)
    'Op de kaart van het project ontbreken 3 buurten van deze gemeente (van de 16). Misschien is de kaart maar van \
een deel van de gemeente. Daarom maakt buurtdata geen handouts voor deze gemeente.'
    >>> uitleg("gebouwd", None)
    ''
    """
    text = reason if isinstance(reason, str) else ""
    if build_status == scope.CARRIED:
        return (
            "De buurten in de CBS-cijfers zijn anders ingedeeld dan de buurten op de kaart. buurtdata heeft de cijfers "
            "omgerekend naar de buurten van de kaart, naar oppervlakte. Die cijfers zijn dus een schatting."
        )
    if build_status != scope.REFUSED:
        return ""
    if "has no polygons of it" in text:
        said = (
            "De kaart van het project heeft geen buurten van deze gemeente, dus buurtdata kan er geen blad per buurt "
            "van maken."
        )
    elif "carry different buurt indelingen" in text:
        years = _YEARS.search(text)
        figures, polygons = (f" van {years[1]}", f" van {years[2]}") if years else ("", "")
        only = _ONLY_FIGURES.search(text)
        some = ""
        if only:
            many = "staat 1 buurt" if only[1] == "1" else f"staan {only[1]} buurten"
            some = f" Er {many} wel in de cijfers, niet op de kaart."
        said = (
            f"De buurten in de CBS-cijfers{figures} zijn anders ingedeeld dan de buurten op de kaart{polygons}.{some} "
            "Cijfers en kaart passen daardoor niet op elkaar, en dan maakt buurtdata liever geen handouts dan "
            "handouts met cijfers bij de verkeerde buurt."
        )
    elif lacks := _LACKS.search(text):
        # A file of polygons cut to part of the gemeente (pipeline.status._lacking; review 12).
        many = "ontbreekt 1 buurt" if lacks[1] == "1" else f"ontbreken {lacks[1]} buurten"
        said = (
            f"Op de kaart van het project {many} van deze gemeente (van de {lacks[2]}). Misschien is de kaart maar "
            "van een deel van de gemeente. Daarom maakt buurtdata geen handouts voor deze gemeente."
        )
    elif "the KWB figures fail a check" in text:
        said = (
            "De CBS-cijfers van deze gemeente halen een controle van buurtdata niet: er klopt iets niet in het "
            "bestand. Daarom is de gemeente niet meegenomen."
        )
    else:
        said = "Deze gemeente is niet meegenomen."
    return f"{said} {_FULL}" if where else said
