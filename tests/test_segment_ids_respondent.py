"""A segment id built from the respondent code is not published (sweep 12 interviews F5).

Teams number segments per respondent (``HGL-B01-1``, ``HGL-B01-2``): beside the pseudonym in the overdracht's
``fragmenten/ronde_N.csv`` such an id says whose pseudonym it is, and the published list of unplaced segments
names the code. It is published as the file and row, as an id holding a name is, with one warning by rows.
"""

from __future__ import annotations

import warnings
import zipfile

import pandas as pd
import pytest

from buurtdata import datasets, pipeline
from buurtdata.outputs.overdracht import pack
from buurtdata.sources.interviews import read_segments
from buurtdata.sources.interviews.segment_ids import SegmentIdWarning, holds_respondent
from tests.sample_figures import project_with

HEADER = "# FICTIEF - sweep 12 interviews F5: verzonnen respondenten en citaten, geen echte personen.\n"
COLUMNS = "segment_id;respondent;role;code;quote;location;date;consent\n"


def _rows(ids: list[tuple[str, str]], place: str = "Berflo Es Noord") -> str:
    return "".join(f"{s};{r};bewoner;Eenzaamheid;Tekst.;{place};03-05-2025;ja\n" for s, r in ids)


@pytest.mark.parametrize(
    ("segment_id", "respondent"),
    [("HGL-B01-2", "HGL-B01"), ("hgl_b1.2", "HGL-B01"), ("B01 fragment 3", "B01"), ("2-HGL-B01", "hgl b1"),
     ("HGL-B01-1", "Interview HGL-B01 deel 1"), ("HGL-B01", "HGL-B01")],
)  # fmt: skip
def test_an_id_holding_its_rows_code_is_found(segment_id, respondent):
    assert holds_respondent(pd.Series([segment_id]), pd.Series([respondent])).tolist() == [True]


@pytest.mark.parametrize(
    ("segment_id", "respondent"),
    [("HGL-B012", "HGL-B01"), ("HGL-B02-1", "HGL-B01"), ("S7-1", "7"), ("12-3", "12"), ("X-1", "")],
)
def test_an_id_of_another_code_or_a_number_is_kept(segment_id, respondent):
    assert holds_respondent(pd.Series([segment_id]), pd.Series([respondent])).tolist() == [False]


def test_ids_numbered_per_respondent_are_published_as_file_and_row(tmp_path):
    path = tmp_path / "segmenten.csv"
    ids = [(f"HGL-B0{r}-{n}", f"HGL-B0{r}") for r in (1, 2) for n in (1, 2)] + [("S9", "HGL-B01"), ("B07", "B07")]
    path.write_text(HEADER + COLUMNS + _rows(ids), encoding="utf-8")
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        segments = read_segments(path)
    # A plain id (a letter or two and a number) is a segment's own number, even where it equals the code.
    assert segments["segment_id"].tolist() == [f"segmenten.csv:{row}" for row in (3, 4, 5, 6)] + ["S9", "B07"]
    told = [str(w.message) for w in said if issubclass(w.category, SegmentIdWarning)]
    assert len(told) == 1
    assert "the row's respondent code" in told[0] and "row(s) 3, 4, 5, 6" in told[0] and "HGL" not in told[0]


def test_no_respondent_code_reaches_the_unplaced_list_or_the_staged_segments(tmp_path, key):
    ids = [(f"HGL-B0{r}-{n}", f"HGL-B0{r}") for r in range(1, 5) for n in (1, 2)]
    (tmp_path / "segmenten.csv").write_text(
        HEADER + COLUMNS + _rows(ids[::2]) + _rows(ids[1::2], "Onbekende plek"), encoding="utf-8"
    )
    base = datasets.get_path("hengelo").parent
    project = project_with(tmp_path, f'segments = "segmenten.csv"\ncodebook = "{base}/codebook.csv"\nfictional = true')
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = pipeline.run(project, key=key)
    unplaced = result.con.sql("select segment_id from unplaced_segments").df()["segment_id"].tolist()
    staged = result.con.sql("select segment_id, respondent from stg_segments").df()
    assert len(unplaced) == 4 and all(i.startswith("segmenten.csv:") for i in unplaced)
    assert not staged["segment_id"].str.contains("HGL|B0", regex=True).any()
    assert staged["respondent"].str.startswith("R-").all()
    result.con.close()


def test_the_overdracht_holds_no_code_beside_a_pseudonym_nor_a_quote_as_location(tmp_path, key):
    quote = "Ik voel me hier erg alleen sinds mijn man overleed, de buren groeten niet eens"
    ids = [(f"HGL-B0{r}-{n}", f"HGL-B0{r}") for r in range(1, 5) for n in (1, 2)]
    rows = _rows(ids) + f"HGL-B05-1;HGL-B05;bewoner;Eenzaamheid;Berflo Es Noord;{quote}.;03-05-2025;nee\n"
    (tmp_path / "segmenten.csv").write_text(HEADER + COLUMNS + rows, encoding="utf-8")
    base = datasets.get_path("hengelo").parent
    project = project_with(
        tmp_path,
        f'segments = "segmenten.csv"\ncodebook = "{base}/codebook.csv"\nfictional = true\nconsent = "overdracht"',
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = pack(project.path, tmp_path / "d.zip", key=key, say=lambda _: None)
    fragments = zipfile.ZipFile(out).read("fragmenten/ronde_1.csv").decode("utf-8")
    assert "HGL" not in fragments and "B01" not in fragments
    assert "alleen" not in fragments and "[zin van 15 woorden]" in fragments
