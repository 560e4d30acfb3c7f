"""A REFI-QDA project's case variables under a team's own names (sweep 14 F3): MAXQDA's ``Functie``,
``Wijkteam-buurt`` and ``AVG-akkoord`` were dropped without a word (every role onbekend, no place, no consent), and
a typo in ``variables=`` too. Now the variables not read are warned of with the ``[interviews.variables]`` line that
maps them, a value naming no variable is refused with the closest, and the hint of a segment without a place names
the variable that may hold it. On the fixtures zipped as the tests of :mod:`test_qda` do."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
import pytest

from buurtdata import read_segments
from buurtdata._errors import InputFileError
from buurtdata.sources.interviews.qda_segments import UnreadVariablesWarning

FIXTURES = Path(__file__).parent / "fixtures" / "qda"


def _zip(style: str, target: Path) -> Path:
    folder = FIXTURES / f"{style}_unicode"
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                archive.writestr(file.relative_to(folder).as_posix(), file.read_bytes())
    return target


def test_variables_not_read_are_warned_of_with_the_line_that_maps_them(tmp_path):
    path = _zip("maxqda", tmp_path / "maxqda.qdpx")
    with pytest.warns(UnreadVariablesWarning) as caught:
        segments = read_segments(path)
    said = str(caught[0].message)
    assert "its variables Functie, Wijkteam-buurt, AVG-akkoord are not read" in said
    assert "no variable gives the segments' role, location, consent" in said
    assert 'map them in [interviews.variables] (read_segments: variables=), e.g. role = "Functie"' in said
    assert "Datum" not in said.split("are not read")[0]  # read as the date
    assert set(segments["role"]) == {"onbekend"} and not segments["consent"].any()
    # The hint of a segment without a place names the variable that may hold it, not "has no such variable".
    hint = segments.attrs["location_from"]
    assert "has no such variable" not in hint
    assert 'map it in [interviews.variables], e.g. location = "Wijkteam-buurt"' in hint


def test_mapped_variables_are_read_without_a_warning(tmp_path):
    path = _zip("maxqda", tmp_path / "maxqda.qdpx")
    variables = {"role": "Functie", "location": "Wijkteam-buurt", "consent": "AVG-akkoord"}
    segments = read_segments(path, variables=variables)  # pytest makes any warning an error
    assert "onbekend" not in set(segments["role"]) and segments["location_raw"].notna().all()
    assert "has no such variable" in segments.attrs["location_from"]  # nothing left unread to name


@pytest.mark.parametrize("style", ["nvivo", "atlasti", "qualcoder"])
def test_a_project_whose_variables_are_read_is_not_warned_of(tmp_path, style):
    segments = read_segments(_zip(style, tmp_path / f"{style}.qdpx"))
    assert segments["location_raw"].notna().all()


def test_a_variable_named_by_a_typo_is_refused_with_the_closest(tmp_path):
    path = _zip("maxqda", tmp_path / "maxqda.qdpx")
    with pytest.raises(InputFileError) as refused:
        read_segments(path, variables={"role": "Functi", "location": "Wijkteam buurt"})
    said = str(refused.value)
    assert f"[interviews.variables] role = 'Functi': no such variable in {path}; closest Functie" in said
    assert "location = 'Wijkteam buurt': no such variable" in said and "closest Wijkteam-buurt" in said
    assert "its variables: Functie, Wijkteam-buurt, AVG-akkoord, Datum" in said


def test_a_list_of_names_is_refused_only_when_none_is_a_variable(tmp_path):
    path = _zip("maxqda", tmp_path / "maxqda.qdpx")
    variables = {"role": ["Rol", "Functie"], "location": "Wijkteam-buurt", "consent": "AVG-akkoord"}
    assert set(read_segments(path, variables=variables)["role"]) != {"onbekend"}
    with pytest.raises(InputFileError, match=r"role = \['Rol', 'Functi'\]: no such variable .*closest"):
        read_segments(path, variables={"role": ["Rol", "Functi"]})


def test_with_a_respondents_table_the_variables_not_read_are_not_warned_of(tmp_path):
    """The table gives role, place and consent instead: the variables left are the team's own business."""
    path = _zip("maxqda", tmp_path / "maxqda.qdpx")
    respondents = pd.DataFrame(
        {"respondent": ["HGL-X01", "HGL-X02"], "role": ["bewoner", "bewoner"], "consent": ["ja", "ja"]}
    )
    read_segments(path, respondents=respondents)
