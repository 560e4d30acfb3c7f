"""Text laid out once per process for the printed PDFs (handouts, maps, toekomstplannen), not once per file.

Matplotlib's PDF backend shapes every line of text it measures or draws with libraqm and loads each glyph, about
10 µs a character, and it keeps what it measured only for the one file it writes. A handout prints mostly the
same lines as the one before (headings, the table's titles and the gemeente's figures, the warm reading, the
source line): three quarters of its characters. Within :func:`reused_text_layout` the PDF backend asks
:func:`_measured` and :func:`_laid_out` instead, which remember the last few thousand lines by all that decides
their shape (the text, the font object, its size, features and language), so the same page gives the same bytes.

The hooks are two methods of the backend's renderer and the backend's reference to ``matplotlib._text_helpers``
(matplotlib 3.11); matplotlib's other backends and its text-to-path code are left as they are, and a matplotlib
without these parts saves its PDFs as it always does.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import threading
import types
from collections.abc import Iterator
from typing import Any

#: Lines remembered per process (a handout draws about 90; those of one buurt are not seen again).
LINES = 4096

_lock = threading.Lock()
_active = 0
#: The size in points of the text the PDF backend is drawing in this thread (a font object holds no size).
_drawing = threading.local()


@contextlib.contextmanager
def reused_text_layout() -> Iterator[None]:
    """Within this, matplotlib's PDF backend reuses the text layout of lines it laid out before in this process."""
    global _active  # noqa: PLW0603 - the hooks are installed once however many threads save at the same time
    from matplotlib.backends import backend_pdf

    if not _hookable(backend_pdf):
        yield
        return
    with _lock:
        if _active == 0:
            _install(backend_pdf)
        _active += 1
    try:
        yield
    finally:
        with _lock:
            _active -= 1
            if _active == 0:
                _uninstall(backend_pdf)


_ORIGINAL: dict[str, Any] = {}

#: The parameters of each hooked function as matplotlib 3.11 has them: another matplotlib saves unhooked.
_SIGNATURES = {
    "layout": ["string", "font", "features", "language"],
    "draw_text": ["self", "gc", "x", "y", "s", "prop", "angle", "ismath", "mtext"],
    "get_text_width_height_descent": ["self", "s", "prop", "ismath"],
}
#: The methods of the PDF renderer :func:`_install` hooks (``layout`` is a function of its text helpers).
_METHODS = tuple(name for name in _SIGNATURES if name != "layout")


def _hookable(backend_pdf: types.ModuleType) -> bool:
    helpers = getattr(backend_pdf, "_text_helpers", None)
    renderer = backend_pdf.RendererPdf
    found = {
        "layout": getattr(helpers, "layout", None),
        **{name: getattr(renderer, name, None) for name in _METHODS},
    }
    if not hasattr(renderer, "_get_font_ttf") or None in found.values():
        return False
    if not hasattr(backend_pdf.FT2Font, "_layout"):  # the shaping _laid_out asks for
        return False
    return all(list(inspect.signature(found[name]).parameters) == names for name, names in _SIGNATURES.items())


def _install(backend_pdf: types.ModuleType) -> None:
    renderer = backend_pdf.RendererPdf
    _ORIGINAL.update(
        measure=renderer.get_text_width_height_descent,
        draw_text=renderer.draw_text,
        helpers=backend_pdf._text_helpers,  # noqa: SLF001 - the backend's one route to the text layout
        own={name: renderer.__dict__.get(name) for name in _METHODS},
    )

    def get_text_width_height_descent(self: Any, s: str, prop: Any, ismath: Any) -> tuple[float, float, float]:
        import matplotlib as mpl

        if ismath or mpl.rcParams["pdf.use14corefonts"]:
            return _ORIGINAL["measure"](self, s, prop, ismath)
        return _measured(s, self._get_font_ttf(prop), prop.get_size_in_points())

    def draw_text(self: Any, gc: Any, x: float, y: float, s: str, prop: Any, *args: Any, **kwargs: Any) -> None:
        _drawing.size = prop.get_size_in_points()
        try:
            _ORIGINAL["draw_text"](self, gc, x, y, s, prop, *args, **kwargs)
        finally:
            _drawing.size = None

    def layout(string: str, font: Any, *, features: Any = None, language: Any = None) -> Any:
        size = getattr(_drawing, "size", None)
        if size is None:
            return _ORIGINAL["helpers"].layout(string, font, features=features, language=language)
        return _laid_out(string, font, size, features, language)

    renderer.get_text_width_height_descent = get_text_width_height_descent
    renderer.draw_text = draw_text
    backend_pdf._text_helpers = types.SimpleNamespace(layout=layout)  # noqa: SLF001


def _uninstall(backend_pdf: types.ModuleType) -> None:
    renderer = backend_pdf.RendererPdf
    for name, own in _ORIGINAL["own"].items():
        if own is None:  # inherited: deleting the hook uncovers it again
            delattr(renderer, name)
        else:
            setattr(renderer, name, own)
    backend_pdf._text_helpers = _ORIGINAL["helpers"]  # noqa: SLF001


@functools.lru_cache(maxsize=LINES)
def _measured(text: str, font: Any, size: float) -> tuple[float, float, float]:
    """Width, height and descent in points of ``text`` in ``font`` (set to ``size`` by the caller), as the
    backend measures them with ``FT2Font.set_text``: the pen's advance over the line, and the height and depth of
    the box around its glyphs' outlines. Worked out from the glyphs :func:`_laid_out` places, so a line measured
    and then drawn is shaped once instead of twice (set_text shapes it anew).

    Only for text that is laid out one glyph per character from left to right, without marks placed on another
    glyph (:func:`_simple`): there the last glyph's end is the pen's advance. Other text is measured by set_text.
    """
    laid_out = _laid_out(text, font, size, None, None) if _simple(text) else ()
    if len(laid_out) != len(text):
        from matplotlib import ft2font

        font.set_text(text, 0.0, flags=ft2font.LoadFlags.NO_HINTING)
        width, height = font.get_width_height()
        return width / 64, height / 64, font.get_descent() / 64
    low = high = 0
    end = 0
    for number, item in enumerate(laid_out):
        bottom, top, advance = _glyph(item.ft_object, size, item.glyph_index)
        # Positions in 64ths of a point, as FreeType keeps them: a glyph's box moves by whole 64ths.
        x, y = round(item.x * 64), round(item.y * 64)
        low, high = (bottom + y, top + y) if number == 0 else (min(low, bottom + y), max(high, top + y))
        end = x + advance
    return end / 64, (high - low) / 64, -low / 64


def _simple(text: str) -> bool:
    """Whether ``text`` has only characters of Latin-1, Latin Extended and general punctuation (no combining marks,
    no right-to-left script or direction marks): what Dutch place names, themes and figures are written in."""
    return all(ord(c) < 0x300 or 0x2010 <= ord(c) <= 0x2027 or 0x2030 <= ord(c) <= 0x205E or c == "€" for c in text)


@functools.lru_cache(maxsize=LINES)
def _glyph(font: Any, size: float, index: int) -> tuple[int, int, int]:
    """The bottom and top of glyph ``index``'s outline and its advance, in 64ths of a point, in ``font`` (set
    to ``size`` by the caller)."""
    from matplotlib import ft2font

    glyph = font.load_glyph(index, flags=ft2font.LoadFlags.NO_HINTING)
    _, bottom, _, top = glyph.bbox
    return bottom, top, glyph.horiAdvance


@functools.lru_cache(maxsize=LINES)
def _laid_out(text: str, font: Any, size: float, features: Any, language: Any) -> tuple[Any, ...]:
    """The glyphs of ``text`` in ``font`` (set to ``size`` by the caller) with their positions.

    The shaping :func:`matplotlib._text_helpers.layout` does, without loading each glyph's outline after it:
    that leaves the glyph in the font for a caller that draws it, which the PDF backend does not (it writes each
    glyph's outline once per file, when it embeds the font); it took half the time of laying out a new line.
    """
    from matplotlib import ft2font

    return tuple(font._layout(text, ft2font.LoadFlags.NO_HINTING, features=features, language=language))  # noqa: SLF001
