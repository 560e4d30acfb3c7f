"""Paper outputs drawn with matplotlib: saving a figure as PDF (and PNG), the numbered names of a map's key.

Kept apart from :mod:`buurtdata.outputs.maps` so the handout workers (:mod:`.handout_pool`) can draw and save
without importing Altair and its JSON-schema validators, which take seconds to import.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from buurtdata._text import FICTIONAL, name_or_code

if TYPE_CHECKING:
    import geopandas as gpd
    from matplotlib.figure import Figure

#: A4 portrait in inches.
A4 = (8.27, 11.69)
#: Resolution of printed PNG maps and handouts.
PRINT_DPI = 300


def save_figure(
    figure: Figure | list[Figure], stem: Path, *, png: bool = True, dpi: int = PRINT_DPI, grey: bool = False
) -> list[Path]:
    """Save a printed figure (or the pages of one) as vector PDF and a PNG of the first page; byte-reproducible.

    The PNG is rasterised from the PDF just written (PDFium) instead of matplotlib drawing the figure a second
    time with Agg: laying out and drawing a page costs several times more than rasterising it, and the PNG then
    shows exactly what prints. ``grey``: the figure has only greys, so the PNG is one channel (the same pixels,
    a third of the data to encode).
    """
    from matplotlib.backends.backend_pdf import PdfPages

    from buurtdata.outputs._pdf_text import reused_text_layout

    pages = figure if isinstance(figure, list) else [figure]
    paths = [stem.with_suffix(".pdf")]
    with (
        reused_text_layout(),
        PdfPages(paths[0], metadata={"Creator": None, "Producer": None, "CreationDate": None}) as pdf,
    ):
        for page in pages:
            pdf.savefig(page)
    if png:
        paths.append(stem.with_suffix(".png"))
        width, height = pages[0].get_size_inches()
        rasterise_first_page(paths[0], paths[1], dpi=dpi, pixels=(int(width * dpi), int(height * dpi)), grey=grey)
    return paths


def rasterise_first_page(pdf: Path, png: Path, *, dpi: int, pixels: tuple[int, int], grey: bool = False) -> None:
    """Write the first page of ``pdf`` as a PNG of ``pixels`` (width, height) at ``dpi``, on white."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=dpi / 72, grayscale=grey).to_pil()
    finally:
        document.close()
    # PDFium rounds a page's fractional pixel size up, matplotlib down: the PNG keeps matplotlib's size. zlib's
    # fastest level: a page is mostly white, so the file is hardly larger, and encoding takes a third less time.
    image.crop((0, 0, *pixels)).save(png, dpi=(dpi, dpi), compress_level=1)


#: How a buurt's number is written on a printed map: bold on a white patch that keeps it legible on any fill.
NUMBER_LABEL = {
    "ha": "center",
    "va": "center",
    "weight": "bold",
    "bbox": {"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.85},
}


def fictional_notice(figure: Figure, x: float, y: float, *, size: float, text: str = FICTIONAL) -> None:
    """Say at ``x``, ``y`` of a printed sheet (handout, wall map) that the interviews on it are made up: ``text``,
    :data:`~buurtdata._text.FICTIONAL_MAP` on a wall map, whose numbers are counts of the interviews."""
    figure.text(
        x,
        y,
        text,
        fontsize=size,
        weight="bold",
        va="top",
        bbox={"boxstyle": "square,pad=0.35", "facecolor": "white", "edgecolor": "black", "linewidth": 1.2},
    )


def numbered_names(frame: gpd.GeoDataFrame) -> list[tuple[int, str]]:
    """The key of a map that numbers the buurten of ``frame`` in code order: (number, name); two buurten of one
    name are told apart by their wijk (:func:`told_apart`)."""
    ordered = frame.sort_values("code")
    # A buurt neither the figures nor the polygons name is keyed by its code.
    names = list(map(name_or_code, ordered["name"], ordered["code"]))
    if "wijk_code" in ordered:
        wijken = ordered["wijk_name"] if "wijk_name" in ordered else ordered["wijk_code"]
        said = [name_or_code(wijk, str(code)) for wijk, code in zip(wijken, ordered["wijk_code"], strict=True)]
        names = told_apart(names, said, ordered["code"].tolist())
    return list(enumerate(names, start=1))


def told_apart(names: list[str], wijken: list[str], codes: list[str]) -> list[str]:
    """``names`` with the wijk after each name two or more buurten share, so a reader can tell them apart; with the
    code where they share the wijk too.

    >>> told_apart(["Bos", "Bos", "Dorp"], ["Wijk 00 Ermelo", "Wijk 01 Speuld", "Wijk 00 Ermelo"], ["B1", "B2", "B3"])
    ['Bos (Wijk 00 Ermelo)', 'Bos (Wijk 01 Speuld)', 'Dorp']
    >>> told_apart(["Bos", "Bos"], ["W", "W"], ["B1", "B2"])
    ['Bos (B1)', 'Bos (B2)']
    """
    counts = Counter(names)
    pairs = Counter(zip(names, wijken, strict=True))
    return [
        name if counts[name] == 1 else f"{name} ({code if pairs[name, wijk] > 1 else wijk})"
        for name, wijk, code in zip(names, wijken, codes, strict=True)
    ]
