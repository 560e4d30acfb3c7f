"""Sweep 13 #20, the smaller message and wording points, on the sweep's own Ermelo project (``buurtdata nieuw`` with
the uncurated KWB 2020 and 2021 polygons of data/raw, three rounds typed as in Excel: :mod:`ermelo_rounds`)."""

from __future__ import annotations

import csv
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pyogrio
import pypdfium2
import pytest
from ermelo_rounds import GEOPACKAGE, ermelo_project

from buurtdata import cli
from buurtdata.project import Project
from buurtdata.sources.interviews.privacy import RealNameWarning, warn_named_respondents


def _validated(project: Path, capsys: pytest.CaptureFixture[str]) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cli.main(["validate", "--project", str(project)])
    captured = capsys.readouterr()
    return " ".join((captured.out + captured.err).split())


def test_a_header_typo_names_the_column_found_and_the_users_own_template(tmp_path, monkeypatch, capsys):
    project = ermelo_project(tmp_path / "ermelo", monkeypatch)
    agreements = project.parent / "afspraken_2024.csv"
    agreements.write_text(agreements.read_text(encoding="utf-8").replace("terugkijken", "terugkijk datum", 1))
    said = _validated(project, capsys)
    assert "no column 'terugkijken'; the column 'terugkijk datum' looks like it: rename that column terugkijken" in said
    assert f"your template {project.parent / 'afspraken_sjabloon.csv'} has the columns buurt, thema," in said
    assert "['" not in said and "buurtdata/datasets/templates" not in said
    # Without the copy `nieuw` wrote, the template is named by its file name, not a path inside the package.
    (project.parent / "afspraken_sjabloon.csv").unlink()
    said = _validated(project, capsys)
    assert "the template afspraken_sjabloon.csv has the columns" in said, said


def test_messages_quote_a_round_as_project_toml_writes_it(tmp_path, monkeypatch, capsys):
    project = ermelo_project(tmp_path / "ermelo", monkeypatch)
    text = project.read_text(encoding="utf-8")
    project.write_text(text.replace('"Buurthuis" = "Ontmoeten"', '"Buurthuis" = "Ontmoetn"'), encoding="utf-8")
    said = _validated(project, capsys)
    assert "[[rounds]] 'Buurtgesprekken najaar 2024' mapping: 'Buurthuis' = 'Ontmoetn'" in said, said
    assert "fictief" not in said
    # Pages say it is made up; a label with brackets of its own gets no second pair there.
    text = text.replace(
        'label = "Buurtgesprekken voorjaar 2025"', 'label = "Buurtgesprekken voorjaar 2025 (nieuw team)"'
    )
    project.write_text(text, encoding="utf-8")
    rounds = Project.load(project).rounds
    assert rounds[0].label == "Buurtgesprekken najaar 2024 (fictief, geen echte personen)"
    assert rounds[0].as_written == "Buurtgesprekken najaar 2024"
    assert rounds[1].label == "Buurtgesprekken voorjaar 2025 (nieuw team), fictief: geen echte personen"
    assert rounds[1].as_written == "Buurtgesprekken voorjaar 2025 (nieuw team)"


def test_a_code_that_names_where_its_person_was_heard_is_no_real_name(tmp_path, monkeypatch):
    project = ermelo_project(tmp_path / "ermelo", monkeypatch)
    places = pyogrio.read_dataframe(GEOPACKAGE, read_geometry=False)
    names = pd.concat([places["buurtnaam"], places["wijknaam"], places["gemeentenaam"]]).dropna().unique()
    assert "Horst" in set(names)
    with (project.parent / "ronde3.csv").open(encoding="utf-8-sig") as file:
        rows = list(csv.DictReader(file, delimiter=";"))
    ids = [f"N-{row['location']}-{n}" for n, row in enumerate(rows)]
    segments = pd.DataFrame({"respondent": ids, "source": "ronde3.csv"}, index=np.arange(2, len(ids) + 2))
    assert any(id_.startswith("N-Horst-") for id_ in ids)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RealNameWarning)
        warn_named_respondents(segments, places=names)
    # A name beside the place is still one; so is a place's name alone (a person may be called Horst).
    for id_ in ("N-Kees-1", "Horst"):
        with pytest.warns(RealNameWarning):
            warn_named_respondents(segments.assign(respondent=id_), places=names)


@pytest.fixture(scope="module")
def ermelo_oost(tmp_path_factory) -> str:
    """The text of Ermelo-Oost's handout of the sweep's project."""
    root = tmp_path_factory.mktemp("ermelo")
    monkeypatch = pytest.MonkeyPatch()
    try:
        project = ermelo_project(root / "ermelo", monkeypatch)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            args = ["handouts", "--project", str(project), "--out", str(root / "h"), "--buurt", "Ermelo-Oost"]
            assert cli.main([*args, "--no-png"]) == 0
    finally:
        monkeypatch.undo()
    document = pypdfium2.PdfDocument(root / "h" / "BU02330001_ermelo_oost.pdf")
    try:
        return " ".join(" ".join(page.get_textpage().get_text_range() for page in document).split())
    finally:
        document.close()


def test_one_handout_is_said_in_the_singular(tmp_path, monkeypatch, capsys):
    project = ermelo_project(tmp_path / "ermelo", monkeypatch)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        args = ["handouts", "--project", str(project), "--out", str(tmp_path / "h"), "--buurt", "Horst"]
        assert cli.main([*args, "--no-png"]) == 0
    said = capsys.readouterr().out
    assert "buurtdata: 1 handout (PDF) and its index written in" in said and "1 handouts" not in said


def test_the_wijk_line_counts_the_buurts_own_few_in_the_whole_wijk(ermelo_oost):
    text = ermelo_oost
    # Ermelo-Oost: jongeren 'te weinig stemmen' here, and its 2 are among the wijk's 7 ("verder 7" read as 7 others).
    assert "Te weinig stemmen om te tellen: Jongeren." in text
    assert "In heel Wijk 00 Ermelo noemden 7 mensen jongeren." in text and "verder 7" not in text


def test_the_source_line_names_the_round_whose_agreements_the_page_shows(ermelo_oost):
    text = ermelo_oost
    assert "Sinds het vorige gesprek" in text and "Voetbalkooi plaatsen" in text  # agreed in voorjaar 2025
    source = re.search(r"Bron: CBS.*?personen\)(?: en .*?personen\))?", text)
    assert source is not None
    assert "interviews: Buurtgesprekken voorjaar 2025 (fictief, geen echte personen) en Buurtgesprekken Ermelo " in (
        source.group()
    )
