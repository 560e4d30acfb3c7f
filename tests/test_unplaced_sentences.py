"""A quote in the location column is never listed as written (sweep 12 interviews F18).

A header whose order is not the rows' (``...;location;quote;...`` above rows typed in the template's order) puts
each quote under location; so does a place described at length. The list of segments placed nowhere
(``unplaced_segments``, ``niet_geplaatste_fragmenten.csv``) is published whatever the consent or
``publish_quotes``: a location that reads as a sentence is listed by its length alone.
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from buurtdata import datasets, pipeline
from buurtdata.outputs._unplaced import FIXES, write_unplaced
from buurtdata.sources.interviews.unplaced_names import (
    SentenceLocationsWarning,
    sentence_words,
    sentences_withheld,
)
from tests import excel_files
from tests.sample_figures import project_with

HEADER = "# FICTIEF - sweep 12 interviews F18: verzonnen respondenten en citaten, geen echte personen.\n"
QUOTE = "Ik voel me hier erg alleen sinds mijn man Gerrit overleed, de buren groeten niet eens"
# The header's order: location before quote; the rows typed in the template's order (quote before location).
SWAPPED = "segment_id;respondent;role;code;location;quote;date;consent\n"


def _project(tmp_path, rows: list[str], extra: str = ""):
    (tmp_path / "segmenten.csv").write_text(HEADER + SWAPPED + "".join(f"{r}\n" for r in rows), encoding="utf-8")
    base = datasets.get_path("hengelo").parent
    return project_with(
        tmp_path, f'segments = "segmenten.csv"\ncodebook = "{base}/codebook.csv"\nfictional = true\n{extra}'
    )


@pytest.mark.parametrize(
    "place",
    [
        "Berflo Es Noord",
        "Verspr.h. ten O. en Z. van de spoorlijn",
        "Wijk 05 Huis Ter Heide, Bosch en Duin",
        "St. Servatius - Schoonstr - Den Dolvert",
        "Berflo Es Noord, bij de speeltuin achter de kerk",
        "Ursem gem. S",
        "bij de kerk.",
        "Mr. Th. Heemskerklaan",
    ],
)
def test_a_place_does_not_read_as_a_sentence(place):
    assert sentence_words(place) == 0


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (f"{QUOTE} 1.", 17),
        ("bij de speeltuin achter de Lidl waar de jongeren van Henk hangen", 12),
        ("Het is hier 's avonds niet veilig.", 7),
        ("Ik voel me alleen", 4),
        ("x" * 81, 1),
    ],
)
def test_a_quote_reads_as_a_sentence(text, words):
    assert sentence_words(text) == words


def test_swapped_columns_list_no_quote_whatever_the_consent(tmp_path, key):
    rows = [f"S{i};HGL-A{i};bewoner;Eenzaamheid;{QUOTE} {i}.;Berflo Es Noord;03-05-2025;nee" for i in (1, 2, 3)]
    project = _project(tmp_path, rows)
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        result = pipeline.run(project, key=key)
    swapped = [str(w.message) for w in said if issubclass(w.category, SentenceLocationsWarning)]
    assert len(swapped) == 1
    assert "3 of 3 locations read as a sentence" in swapped[0] and "columns quote and location swapped" in swapped[0]
    assert "voel" not in swapped[0]
    unplaced = result.con.sql("select segment_id, location_raw, reason from unplaced_segments order by all").df()
    assert unplaced["location_raw"].tolist() == ["[zin van 17 woorden]"] * 3
    assert unplaced["reason"].str.startswith("no match: the location reads as a sentence (17 words)").all()
    assert "columns quote and location swapped" in unplaced["reason"].iloc[0]
    text = " ".join(unplaced.astype(str).to_numpy().ravel())
    for part in ("voel", "alleen", "buren", "Gerrit", "[naam]"):
        assert part not in text
    # The published CSV, with its Dutch kind and what to do.
    out = tmp_path / "niet_geplaatste_fragmenten.csv"
    write_unplaced(result, out, lambda *_: None, lambda _: None)
    written = excel_files.read(out, dtype=str)
    assert "alleen" not in out.read_text(encoding="utf-8")
    assert written["uitleg"].unique().tolist() == [
        "de plaats leest als een zin: staan citaat en plaats in elkaars kolom?"
    ]
    assert written["herstel"].iloc[0] == FIXES[written["uitleg"].iloc[0]]
    result.con.close()


def test_a_long_description_is_withheld_but_a_place_with_a_note_is_listed(tmp_path, key):
    described = "bij de speeltuin achter de Lidl waar de jongeren van Henk hangen"
    rows = [
        f"S1;HGL-A1;bewoner;Eenzaamheid;{described};Tekst.;03-05-2025;ja",
        "S2;HGL-A2;bewoner;Eenzaamheid;Nergensbuurt, bij de speeltuin;Tekst.;03-05-2025;ja",
        *(f"S{i};HGL-A{i};bewoner;Eenzaamheid;Berflo Es Noord;Tekst.;03-05-2025;ja" for i in range(3, 7)),
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("error", SentenceLocationsWarning)  # 1 of 6: no warning
        result = pipeline.run(_project(tmp_path, rows), key=key)
    unplaced = result.con.sql("select segment_id, location_raw, reason from unplaced_segments order by all").df()
    assert unplaced["location_raw"].tolist() == ["[zin van 12 woorden]", "Nergensbuurt, bij de speeltuin"]
    assert "Lidl" not in " ".join(unplaced["reason"]) and "Nergensbuurt" in unplaced["reason"].iloc[1]
    result.con.close()


def test_an_earlier_rounds_sentence_is_withheld_too(tmp_path, key):
    base = datasets.get_path("hengelo").parent
    (tmp_path / "ronde.csv").write_text(
        HEADER + SWAPPED + f"R1;HGL-A1;bewoner;Eenzaamheid;{QUOTE}.;Berflo Es Noord;03-05-2023;nee\n",
        encoding="utf-8",
    )
    rows = [f"S{i};HGL-A{i};bewoner;Eenzaamheid;Berflo Es Noord;Tekst.;03-05-2025;ja" for i in range(1, 4)]
    round_ = (
        'period = "voorjaar 2025"\n\n[[rounds]]\nlabel = "Fictief najaar 2023"\nperiod = "najaar 2023"\n'
        f'segments = "ronde.csv"\ncodebook = "{base}/codebook.csv"'
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = pipeline.run(_project(tmp_path, rows, round_), key=key)
    unplaced = result.con.sql("select segment_id, location_raw, reason, round from unplaced_segments").df()
    assert unplaced["segment_id"].tolist() == ["R1"]
    assert unplaced["location_raw"].tolist() == ["[zin van 16 woorden]"]
    assert unplaced["reason"].iloc[0].startswith("no match: the location reads as a sentence (16 words)")
    result.con.close()


def test_a_wijk_placed_segment_keeps_its_reason_with_the_quote_replaced():
    frame = pd.DataFrame({
        "location_raw": [f"{QUOTE}."], "buurt_code": [None], "resolved_by": ["wijknaam"],
        "reason": [f"'{QUOTE}.' read as wijk WK016405 Berflo Es"],
    })  # fmt: skip
    out = sentences_withheld(frame)
    assert out["location_raw"].tolist() == ["[zin van 16 woorden]"]
    assert out["reason"].tolist() == ["'[zin van 16 woorden]' read as wijk WK016405 Berflo Es"]
