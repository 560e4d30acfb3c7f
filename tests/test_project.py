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
    assert "gemeente: 'Hengelo' is a name" in text  # its code given where the KWB files at hand know it
    assert "year = '2024': expected int" in text
    assert "data = 'nope.parquet': no such file" in text
    assert "threshold = 0: must be 1 or more" in text
    assert "[boundaries]: missing key 'path'" in text


def test_missing_and_broken_files(tmp_path):
    with pytest.raises(InputFileError, match="does not exist"):
        Project.load(tmp_path / "absent.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("name = \n", encoding="utf-8")
    with pytest.raises(InputFileError, match="is not valid TOML"):
        Project.load(broken)


def _sample_with(tmp_path, old, new):
    import shutil

    from buurtdata import datasets

    folder = tmp_path / "project"
    shutil.copytree(datasets.get_path("hengelo").parent, folder)
    path = folder / "project.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_a_typo_in_a_key_is_reported_not_defaulted(tmp_path):
    # A misspelt threshold would otherwise fall back to the default without a word.
    path = _sample_with(tmp_path, "threshold = 3", "treshold = 10")
    with pytest.raises(ValidationError, match=r"\[privacy\]: unknown key 'treshold'; did you mean 'threshold'\?"):
        Project.load(path)
    path = _sample_with(tmp_path / "b", "[profile]", "[profiel]")
    with pytest.raises(ValidationError, match=r"top level: unknown key 'profiel'; did you mean 'profile'\?"):
        Project.load(path)


def test_a_threshold_below_three_is_warned_about(tmp_path):
    from buurtdata.project import PrivacyWarning

    path = _sample_with(tmp_path, "threshold = 3", "threshold = 2")
    with pytest.warns(PrivacyWarning, match="3 or more is advised"):
        assert Project.load(path).privacy_threshold == 2


@pytest.mark.filterwarnings("default")  # as outside the tests: warnings are shown, not raised
def test_the_command_line_prints_a_warning_as_one_line_without_python_s_file_and_line(tmp_path, capsys):
    from buurtdata import cli

    path = _sample_with(tmp_path, "threshold = 3", "threshold = 2")
    assert cli.main(["validate", "--project", str(path)]) == 0
    printed = capsys.readouterr().err
    assert "buurtdata: warning: " in printed and "3 or more is advised" in printed
    # A command that reads the project twice says the same warning once (user test: overdracht said one twice).
    assert printed.count("3 or more is advised") == 1
    assert cli.main(["validate", "--project", str(path)]) == 0  # and the next command says it again
    assert capsys.readouterr().err.count("3 or more is advised") == 1
    assert "PrivacyWarning" not in printed and ".py:" not in printed


def test_the_label_of_fictional_interviews_says_they_are_fictional(tmp_path):
    # Every source line, wall map and page prints the label: a fictional set's label says so, whatever was written.
    path = _sample_with(
        tmp_path, 'label = "Fictieve interviews (voorbeeld, geen echte personen)"', 'label = "Ermelo 2025"'
    )
    assert Project.load(path).interviews.label == "Ermelo 2025 (fictief, geen echte personen)"
    assert Project.load(_sample_with(tmp_path / "b", "", "")).interviews.label.startswith("Fictieve interviews")


def test_a_path_from_the_home_folder_is_read_as_a_terminal_reads_it(tmp_path, monkeypatch):
    # Sweep 12 places #13: path = "~/kaart.gpkg" was looked for as a folder named ~ next to the project file.
    import shutil

    home = tmp_path / "thuis"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    path = _sample_with(tmp_path, 'path = "buurten.gpkg"', 'path = "~/kaart.gpkg"')
    shutil.copy(path.parent / "buurten.gpkg", home / "kaart.gpkg")
    assert Project.load(path).boundaries.path == home / "kaart.gpkg"
