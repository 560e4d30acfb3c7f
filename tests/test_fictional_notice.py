"""Every page and map that shows counts of a fictional project's interviews says they are made up (user test N: the
theme maps and notebook 01's column 'verder in de wijk (respondenten)' did not)."""

from __future__ import annotations

import dataclasses
import re

import nbformat
import spoken

from buurtdata._text import FICTIONAL_MAP
from buurtdata.outputs import maps
from buurtdata.outputs.notebooks import notebooks

#: What a notebook calls that shows what the interviews raised (themes, respondents, signals, unplaced segments).
SHOWS_INTERVIEWS = re.compile(
    r"explore\.(conversation_overview|theme_overview|wijk_overview|theme_map|explorer|meeting_questions|"
    r"buurt_themes|signal_overview|unplaced_overview)\("
)


def _real(data):
    interviews = dataclasses.replace(data.project.interviews, fictional=False, label="Gesprekken Hengelo 2025")
    return dataclasses.replace(data, project=dataclasses.replace(data.project, interviews=interviews))


def test_every_notebook_that_shows_interview_counts_says_first_whether_they_are_fictional():
    for path in notebooks():
        notebook = nbformat.read(path, as_version=4)
        code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
        shown = SHOWS_INTERVIEWS.search(code)
        if shown is None:
            continue
        notice = code.find("explore.fictional_notice(data)")
        assert 0 <= notice < shown.start(), (path.name, shown.group())


def test_a_theme_map_of_fictional_interviews_says_so_in_print_and_on_screen(hengelo_run):
    printed = " ".join(" ".join(t.get_text() for t in maps.print_theme_map(hengelo_run).texts).split())
    assert FICTIONAL_MAP in printed
    assert not spoken.fictional_counts_called_real(printed)
    subtitle = " ".join(maps.theme_map(hengelo_run).to_dict()["title"]["subtitle"])
    assert FICTIONAL_MAP in subtitle and not spoken.fictional_counts_called_real(subtitle)
    # Real interviews: no notice.
    real = _real(hengelo_run)
    assert "FICTIEF" not in " ".join(t.get_text() for t in maps.print_theme_map(real).texts)
    assert "FICTIEF" not in str(maps.theme_map(real).to_dict()["title"])


def test_the_saved_theme_maps_carry_the_notice(hengelo_run, tmp_path):
    import pypdfium2

    written = maps.save_maps(hengelo_run, tmp_path)
    (pdf,) = [p for p in written if p.name.startswith("thema_") and p.suffix == ".pdf"]
    (page,) = pypdfium2.PdfDocument(str(pdf))
    assert "FICTIEF" in page.get_textpage().get_text_range()
    (html,) = [p for p in written if p.name.startswith("thema_") and p.suffix == ".html"]
    assert "FICTIEF" in html.read_text(encoding="utf-8")
