"""A codebook's header in Dutch or a tool's, its columns that are not read, and a total row (sweep 12 interviews F19:
``Code;Thema;Omschrijving`` read as one theme per code, without a word)."""

from __future__ import annotations

import warnings

import pytest

from buurtdata._errors import InputFileError
from buurtdata.sources.interviews import read_codebook
from buurtdata.sources.interviews.codebook_headers import TotalRowWarning, UnreadColumnWarning

# in/cb_dutch.csv of the sweep, as a Dutch Excel saves it.
DUTCH = (
    "\ufeffCode;Thema;Omschrijving\r\nBuurthuis;Ontmoeten;Het buurthuis\r\nActiviteiten;Ontmoeten;Activiteiten in "
    "de buurt\r\nBankjes;Ontmoeten;Geen plek\r\nVerkeer;Veiligheid;Hard rijden\r\n"
)


def _codebook(tmp_path, text: str, name: str = "codeboek.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_dutch_header_gives_the_themes_and_descriptions(tmp_path):
    path = _codebook(tmp_path, DUTCH)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        book = read_codebook(path)
    assert book["theme"].tolist() == ["Ontmoeten", "Ontmoeten", "Ontmoeten", "Veiligheid"]
    assert book["description"].tolist() == ["Het buurthuis", "Activiteiten in de buurt", "Geen plek", "Hard rijden"]


@pytest.mark.parametrize("description", ["Beschrijving", "uitleg", "Toelichting"])
def test_every_dutch_name_of_a_column_is_read(tmp_path, description):
    text = f"Code,Naam,Thema,{description},Ouder\nOntmoeten,Ontmoeten,,Alles,\n"
    text += "Buurthuis,Het buurthuis,,Plek,Ontmoeten\n"
    book = read_codebook(_codebook(tmp_path, text))
    assert book[["name", "theme", "description"]].values.tolist() == [
        ["Ontmoeten", "Ontmoeten", "Alles"],
        ["Het buurthuis", "Ontmoeten", "Plek"],
    ]


def test_a_parent_column_in_dutch_is_read(tmp_path):
    text = "code;bovenliggende code\nVeiligheid;\nVerkeer;Veiligheid\n"
    assert read_codebook(_codebook(tmp_path, text))["theme"].tolist() == ["Veiligheid", "Veiligheid"]


@pytest.mark.parametrize(
    ("column", "meant"),
    [
        ("Code Groups", "theme"),  # ATLAS.ti's code manager
        ("Hierarchical Name", "code (a path Thema/Subcode"),  # NVivo
        ("Themas", "theme"),
        ("Comment", "description"),
    ],
)
def test_a_column_that_is_not_read_is_warned_of_with_what_it_may_be(tmp_path, column, meant):
    path = _codebook(tmp_path, f"code,{column}\nBuurthuis,Ontmoeten\n")
    with pytest.warns(UnreadColumnWarning) as caught:
        book = read_codebook(path)
    assert book["theme"].tolist() == ["Buurthuis"]
    message = str(caught[0].message)
    assert message.startswith(f"column {column!r} of {path} is not read; did you mean {meant}")
    assert "without a theme column every code is its own theme" in message


def test_an_empty_or_unnamed_column_and_taguettes_count_are_not_warned_of(tmp_path):
    text = "tag,description,number of highlights,Notes,\nWonen,Huizen,4,,\n"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert read_codebook(_codebook(tmp_path, text))["code_id"].tolist() == ["Wonen"]


def test_one_column_named_in_english_and_in_dutch_is_refused(tmp_path):
    path = _codebook(tmp_path, "code,theme,thema\nBuurthuis,Ontmoeten,Ontmoeten\n")
    with pytest.raises(InputFileError, match=r"one codebook column in English and in Dutch \('theme' and 'thema'\)"):
        read_codebook(path)


@pytest.mark.parametrize(
    ("text", "read", "unread"),
    [
        # Two levels: the main theme is the theme, the other level is said as not read.
        ("Hoofdthema;Thema;Code\nOntmoeten;Buurthuis;Open\n", {"theme": ["Ontmoeten"]}, "'Thema'"),
        # A short code and its name.
        ("Code;Codenaam;Thema\nW1;Wonen en huren;Wonen\n", {"code_id": ["W1"], "name": ["Wonen en huren"]}, None),
        ("Code;Thema;Omschrijving;Toelichting\nOpen;Ontmoeten;Het buurthuis;Bv. dicht\n",
         {"description": ["Het buurthuis"]}, "'Toelichting'"),
    ],
)  # fmt: skip
def test_two_dutch_names_of_one_column_are_read_one_and_said_not_refused(tmp_path, text, read, unread):
    # Review 12 #4: ordinary Dutch codebooks were refused as "one column twice".
    path = _codebook(tmp_path, text)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        book = read_codebook(path)
    for column, values in read.items():
        assert book[column].tolist() == values
    said = [str(w.message) for w in caught if issubclass(w.category, UnreadColumnWarning)]
    if unread is None:
        assert not said
    else:
        assert len(said) == 1 and f"column {unread} of " in said[0] and "is read as the" in said[0]


def test_a_total_row_is_no_theme(tmp_path):
    # in/cb_messy.csv: "Totaal" became a theme, printed with "geen stemmen" everywhere.
    path = _codebook(tmp_path, "Code;Thema;Aantal\nEenzaamheid;Eenzaamheid;3\nWonen;Wonen;4\nTotaal:;;7\n")
    with pytest.warns(TotalRowWarning, match=r"codeboek.csv: row 4 is a total \('Totaal'\), not a code, and left out"):
        with pytest.warns(UnreadColumnWarning, match="'Aantal'"):
            book = read_codebook(path)
    assert book["theme"].tolist() == ["Eenzaamheid", "Wonen"]


def test_several_columns_not_read_are_one_warning(tmp_path):
    # ATLAS.ti's code manager exported as a table: one line, not one per column.
    path = _codebook(tmp_path, "Code,Comment,Code Groups,Density\nBuurthuis,Plek,Ontmoeten,2\n")
    with pytest.warns(UnreadColumnWarning) as caught:
        read_codebook(path)
    assert len(caught) == 1
    assert str(caught[0].message).startswith(
        "columns 'Comment' (did you mean description?), 'Code Groups' (did you mean theme?), 'Density' of "
        f"{path} are not read."
    )
