"""User test K: a project and its output on a hostile but realistic file system (spaces and non-ASCII in paths,
the command run from inside the output folder, a file where a folder is expected). All inputs FICTIEF."""

from __future__ import annotations

import shlex

import pytest

from buurtdata._errors import OutputFolderError
from buurtdata.outputs._publish import check

#: A folder name as a Windows user writes it: spaces, an en dash, a year.
SPACED = "Mijn Documenten/Buurtgesprekken Zwolle – 2026"


def test_a_missing_parent_with_spaces_is_given_a_command_a_shell_can_copy(tmp_path):
    out = tmp_path / SPACED / "rapport"
    with pytest.raises(OutputFolderError) as refused:
        check(out)
    said = str(refused.value)
    # Unquoted, `mkdir -p /tmp/.../Mijn Documenten/...` makes two folders 'Mijn' and 'Documenten/...'.
    assert f"mkdir -p {shlex.quote(str(out.parent))})" in said
    assert "'" in shlex.quote(str(out.parent))


def test_a_file_on_the_way_to_out_is_named_not_to_be_made_with_mkdir(tmp_path):
    interviews = tmp_path / "Interviews Zwolle (FICTIEF).csv"
    interviews.write_text("segment_id;respondent\n", encoding="utf-8")
    with pytest.raises(OutputFolderError, match=r"Interviews Zwolle \(FICTIEF\)\.csv is a file, not a folder") as no:
        check(interviews / "rapport")
    assert "mkdir" not in str(no.value)
    assert interviews.read_text(encoding="utf-8") == "segment_id;respondent\n"


@pytest.mark.parametrize("inside", ["", "notebooks"])
def test_out_that_is_the_working_folder_is_refused(tmp_path, monkeypatch, inside):
    # `cd rapport && buurtdata report --out .`: the build would replace the folder the shell is in, and `ls` there
    # would show nothing, not even the index.html the build names.
    out = tmp_path / SPACED
    (out / inside).mkdir(parents=True, exist_ok=True)
    monkeypatch.chdir(out / inside)
    with pytest.raises(OutputFolderError, match=r"is the folder this command runs in.*cd \.\.") as refused:
        check(out)
    assert f"--out {shlex.quote(str((out / inside).resolve() / 'rapport'))}" in str(refused.value)


def test_out_inside_the_working_folder_is_fine(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rapport").mkdir()
    check(tmp_path / "rapport")


def test_nieuw_with_the_gemeente_s_name_gives_its_code_and_the_command(tmp_path, monkeypatch, capsys):
    # A newcomer types the name: "'Hengelo' is not a CBS region code; expected GM + 4 digits" told them no code.
    import shutil
    from pathlib import Path

    from buurtdata import cli, settings

    raw = tmp_path / "data" / "raw" / "kwb2024-85984NED"
    raw.mkdir(parents=True)
    shutil.copyfile(Path(__file__).parent / "fixtures" / "cbs" / "85984NED_hengelo.csv", raw / "85984NED.csv")
    monkeypatch.setattr(settings, "data_dir", tmp_path / "data")
    folder = tmp_path / SPACED
    assert cli.main(["nieuw", "hengelo", "--jaar", "2024", str(folder)]) == cli.EXIT_INPUT
    err = capsys.readouterr().err
    assert "not names: 'hengelo' is GM0164 (Hengelo (O.))" in err
    assert f"Run: buurtdata nieuw GM0164 --jaar 2024 {shlex.quote(str(folder))}" in err
    # A misspelt name is a guess: named, never put in a command to run.
    assert cli.main(["nieuw", "Hengleo", "--jaar", "2024", str(folder)]) == cli.EXIT_INPUT
    err = capsys.readouterr().err
    assert "'Hengleo' is no gemeente name in the KWB files at hand; closest: GM0164 (Hengelo (O.))" in err
    assert "Run:" not in err
    assert not folder.exists()
