"""Mapping and code errors name the likely answer (user test R): a round's theme that is a code of today's codebook
is suggested that code's theme, and an unknown code the codebook's code it is a kind of (Drugsoverlast: Overlast)."""

from __future__ import annotations

import pandas as pd
import pytest

from buurtdata import datasets
from buurtdata._errors import ValidationError
from buurtdata.pipeline.rounds import theme_mapping
from buurtdata.rounds import Round
from buurtdata.sources.interviews import attach_themes, read_codebook

SAMPLE = datasets.get_path("hengelo").parent
OLD = SAMPLE / "ronde_najaar_2023"


def test_a_lost_theme_that_is_a_code_of_today_is_suggested_its_theme():
    today = read_codebook(SAMPLE / "codebook.csv")
    one = Round(
        1, "oud", "2023", OLD / "interviews_fictief.csv", OLD / "codebook.csv", mapping={"Armoede": "Geldzorgen"}
    )
    codes = dict(zip(today["code_id"], today["theme"], strict=True))
    _, problems = theme_mapping(one, read_codebook(OLD / "codebook.csv"), set(today["theme"]), codes)
    said = [p for p in problems if "theme 'Schulden'" in p]
    assert len(said) == 1 and said[0].endswith('map it, e.g. [rounds.mapping] "Schulden" = "Geldzorgen"')
    # Without today's codes (a caller that has only the themes) the placeholder stays.
    _, problems = theme_mapping(one, read_codebook(OLD / "codebook.csv"), set(today["theme"]))
    assert any(p.endswith('"Schulden" = "<theme of today>"') for p in problems)


def test_a_lost_theme_is_suggested_only_a_theme_that_holds_its_name_or_is_spelt_almost_alike():
    from buurtdata.rounds import mapped_to

    themes = ["Wonen", "Groen en openbare ruimte", "Geldzorgen", "Ontmoeten"]
    today = {t: t for t in themes}
    # difflib's default would say Wonen: a valid line that moves every Groen segment to Wonen (review s1).
    assert mapped_to("Groen", today) == "Groen en openbare ruimte"
    assert mapped_to("Ontmoetn", today) == "Ontmoeten"
    assert mapped_to("Zorg", today) == "<theme of today>"
    assert mapped_to("Geldzorg", today) == "Geldzorgen"  # difflib's ratio 0.89
    assert mapped_to("Ontmoting", today) == "<theme of today>"  # 0.78: no longer suggested
    one = Round(1, "oud", "2023", OLD / "interviews_fictief.csv", OLD / "codebook.csv", mapping={"Armoede": "Zorg"})
    _, problems = theme_mapping(one, read_codebook(OLD / "codebook.csv"), set(themes))
    said = [p for p in problems if "theme 'Schulden'" in p]
    assert said[0].endswith(
        "map it to one of today's themes (Geldzorgen, Groen en openbare ruimte, Ontmoeten, Wonen), "
        'e.g. [rounds.mapping] "Schulden" = "<theme of today>"'
    )


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("Drugsoverlast", "Veiligheid/Overlast"),
        ("Schimmels", "Wonen/Schimmel"),
        ("Geluidsoverlast", "Veiligheid/Overlast"),
    ],
)
def test_an_unknown_code_is_told_the_code_it_is_a_kind_of(written, meant):
    book = pd.DataFrame(
        {
            "code_id": ["Veiligheid", "Veiligheid/Overlast", "Wonen", "Wonen/Schimmel"],
            "theme": ["Veiligheid", "Veiligheid", "Wonen", "Wonen"],
        }
    )
    segments = pd.DataFrame(
        {"source": ["taguette_highlights.csv"], "code_id": [written]}, index=pd.Index([25], name="row")
    )
    with pytest.raises(ValidationError) as error:
        attach_themes(segments, book)
    assert error.value.problems == [
        f"taguette_highlights.csv, row 25: code {written!r} is not in the codebook (did you mean {meant!r}?); correct "
        "the code in the interview file or add it to the codebook."
    ]


def test_a_code_like_none_gets_no_guess():
    book = pd.DataFrame({"code_id": ["Veiligheid/Overlast"], "theme": ["Veiligheid"]})
    segments = pd.DataFrame({"source": ["s.csv"], "code_id": ["Lawaai"]}, index=pd.Index([2], name="row"))
    with pytest.raises(ValidationError, match=r"code 'Lawaai' is not in the codebook; correct"):
        attach_themes(segments, book)
