"""A codebook's descriptions (a QDA tool's memos) are scrubbed before they are published in the database, and a code
named after a person is warned of by its row (sweep 12 interviews F17)."""

from __future__ import annotations

import pandas as pd
import pytest

from buurtdata import datasets, pipeline
from buurtdata.sources.interviews import read_codebook, scrub_codebook
from buurtdata.sources.interviews.codebook import CodeNameWarning
from tests.sample_figures import project_with

MEMO = "Memo: gesprek met mevrouw Yilmaz, 06-12345678, Dorpsstraat 12"
CASE = ("Eenzaamheid/Casus Henk Bakker", "Eenzaamheid", MEMO)


def _book(tmp_path, *rows: tuple[str, str, str]):
    base = datasets.get_path("hengelo").parent
    path = tmp_path / "codebook.csv"
    extra = pd.DataFrame(rows, columns=["code", "theme", "description"])
    text = (base / "codebook.csv").read_text(encoding="utf-8")
    path.write_text(text + extra.to_csv(index=False, header=False), encoding="utf-8")
    return path


def test_descriptions_are_scrubbed_and_a_code_named_after_a_person_is_warned_of_by_its_row(tmp_path):
    path = _book(tmp_path, CASE, ("Wonen/Schimmel", "Wonen", "Vocht in huis"))
    book = read_codebook(path)
    with pytest.warns(CodeNameWarning) as caught:
        scrubbed = scrub_codebook(book, path, names=["Yilmaz"])
    found = scrubbed.set_index("code_id")["description"]
    assert found["Eenzaamheid/Casus Henk Bakker"] == "Memo: gesprek met mevrouw [naam], [telefoon], [adres]"
    assert found["Wonen/Schimmel"] == "Vocht in huis"
    row = book.index[book["code_id"] == CASE[0]][0]
    message = str(caught[0].message)
    assert message.startswith(f"{path}, row {row}: the name of a code holds what reads as a person's name")
    assert "Henk" not in message and "Bakker" not in message  # the row, never the value
    # The codes stay as written: segments name them so.
    assert scrubbed["code_id"].tolist() == book["code_id"].tolist()
    assert scrubbed.drop(columns="description").equals(book.drop(columns="description"))


def test_the_sample_codebook_is_published_as_it_is(recwarn):
    book = read_codebook(datasets.get_path("hengelo/codebook.csv"))
    assert scrub_codebook(book, "codebook.csv").equals(book)
    assert not [w for w in recwarn if issubclass(w.category, CodeNameWarning)]


def test_a_memo_in_a_code_description_never_reaches_the_database(tmp_path, key):
    base = datasets.get_path("hengelo").parent
    path = _book(tmp_path, CASE)
    project = project_with(tmp_path, f'segments = "{base}/interviews_fictief.csv"\ncodebook = "{path}"\n')
    with pytest.warns(CodeNameWarning, match=r"codebook.csv, row \d+: the name of a code"):
        result = pipeline.run(project, key=key)
    stored = result.con.sql("select description from codebook where code_id = ?", params=[CASE[0]]).df()
    assert stored["description"].tolist() == ["Memo: gesprek met mevrouw [naam], [telefoon], [adres]"]
