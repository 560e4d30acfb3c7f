"""Text laid out once per process (outputs/_pdf_text.py): the same PDF bytes as matplotlib's own, hooks undone."""

from __future__ import annotations

import pytest

pytest.importorskip("matplotlib")

from matplotlib.backends import backend_pdf  # noqa: E402
from matplotlib.backends.backend_pdf import PdfPages  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from buurtdata.outputs._paper import save_figure  # noqa: E402
from buurtdata.outputs._pdf_text import reused_text_layout  # noqa: E402

METADATA = {"Creator": None, "Producer": None, "CreationDate": None}


def _page(size: float) -> Figure:
    figure = Figure(figsize=(4, 3))
    figure.text(0.1, 0.9, "Kerncijfers ▲ ▼ · ‘geheim’ – “citaat”", fontsize=size, weight="bold")
    figure.text(0.1, 0.6, "twee regels\nschuin gedrukt", fontsize=size, style="italic", va="top")
    figure.text(0.9, 0.2, "83.058", fontsize=size, ha="right", family="DejaVu Sans Mono")
    return figure


def test_reused_layout_writes_the_bytes_matplotlib_writes(tmp_path):
    with PdfPages(tmp_path / "plain.pdf", metadata=METADATA) as pdf:
        for size in (8, 11, 8):
            pdf.savefig(_page(size))
    for name in ("first", "second"):  # the second finds every line laid out already
        save_figure([_page(size) for size in (8, 11, 8)], tmp_path / name, png=False)
        assert (tmp_path / f"{name}.pdf").read_bytes() == (tmp_path / "plain.pdf").read_bytes()


def test_the_backend_is_as_it_was_after_the_last_use_ends():
    renderer = backend_pdf.RendererPdf
    before = (dict(renderer.__dict__), backend_pdf._text_helpers)
    with reused_text_layout():
        with reused_text_layout():
            pass
        assert renderer.__dict__["draw_text"] is not before[0]["draw_text"]  # still in use
    assert (dict(renderer.__dict__), backend_pdf._text_helpers) == before


def test_a_matplotlib_whose_hooked_functions_differ_saves_unhooked(tmp_path, monkeypatch):
    from buurtdata.outputs import _pdf_text

    monkeypatch.setitem(_pdf_text._SIGNATURES, "layout", ["string", "font", "features", "language", "added"])
    before = dict(backend_pdf.RendererPdf.__dict__)
    with reused_text_layout():
        assert dict(backend_pdf.RendererPdf.__dict__) == before
    save_figure([_page(8)], tmp_path / "page", png=False)
    assert (tmp_path / "page.pdf").stat().st_size > 0


#: Lines whose measure worked out from their glyphs must equal set_text's: kerning, overhanging first and last
#: glyphs, spaces at either end, Dutch punctuation; and lines measured by set_text itself (marks, other scripts).
LINES = [
    "",
    " ",
    "  a  ",
    "jf",
    "AVAWaTo Ty",
    "‘s-Hertogenbosch – Oud-Zuid (BU03630000) · 2× veel ouderen, € 1.234,5 … “citaat”",
    "IJsselmonde, Zoë, Ærø, ŀ Łódź",
    "x\u0304",
    "Q\u0323",
    "Cafe\u0301",
    "abc אבג",
    "a\u200fb",
]


@pytest.mark.parametrize(
    "style", [{"size": 7}, {"size": 8.5}, {"size": 11, "weight": "bold"}, {"size": 9, "style": "italic"}]
)
def test_a_line_measures_as_set_text_measures_it(style):
    import io

    from matplotlib import ft2font
    from matplotlib.font_manager import FontProperties

    from buurtdata.outputs import _pdf_text

    renderer = backend_pdf.RendererPdf(backend_pdf.PdfFile(io.BytesIO()), 72, 4, 3)
    prop = FontProperties(**style)
    for line in LINES:
        font = renderer._get_font_ttf(prop)
        font.set_text(line, 0.0, flags=ft2font.LoadFlags.NO_HINTING)
        width, height = font.get_width_height()
        expected = (width / 64, height / 64, font.get_descent() / 64)
        assert _pdf_text._measured(line, renderer._get_font_ttf(prop), prop.get_size_in_points()) == expected, line
