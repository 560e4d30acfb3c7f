import pytest

from buurtdata._errors import InputFileError, ValidationError
from buurtdata.project import Project


def test_sample_project(hengelo):
    assert hengelo.gemeente == "GM0164"
    assert [k.table for k in hengelo.kwb] == ["85984NED", "84799NED"]
    assert hengelo.interviews.fictional
    assert "Fictieve" in hengelo.interviews.label
    assert hengelo.privacy_threshold == 3


def test_every_problem_reported_at_once(tmp_path):
    path = tmp_path / "project.toml"
    path.write_text(
        'gemeente = "Hengelo"\nyear = "2024"\n[[kwb]]\nyear = 2024\ntable = "85984NED"\ndata = "nope.parquet"\n'
        "[privacy]\nthreshold = 0\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as caught:
        Project.load(path)
    text = str(caught.value)
    assert str(path) in text
    assert "'Hengelo' is not a CBS region code" in text
    assert "year = '2024': expected int" in text
    assert "data = 'nope.parquet': no such file" in text
    assert "missing key 'properties'" in text
    assert "threshold = 0: must be 1 or more" in text
    assert "[boundaries]: missing key 'path'" in text


def test_missing_and_broken_files(tmp_path):
    with pytest.raises(InputFileError, match="does not exist"):
        Project.load(tmp_path / "absent.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("name = \n", encoding="utf-8")
    with pytest.raises(InputFileError, match="is not valid TOML"):
        Project.load(broken)
