"""The pseudonym key on a machine whose home folder is read-only (sweep 13 #8: every command failed with "could not
read or write a file (Read-only file system: ~/.config)", naming neither the key nor BUURTDATA_KEY_FILE), and
``validate``, which checks data, creates no key."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from ermelo_rounds import ermelo_project

from buurtdata import cli, settings
from buurtdata._errors import BuurtdataError, unwritable
from buurtdata.sources.interviews.keys import load_or_create_key


def _read_only(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    """Make every folder made in ``home`` fail as on a read-only file system (root may write anywhere else)."""
    made = Path.mkdir

    def mkdir(self: Path, *args: object, **kwargs: object) -> None:
        if home in self.parents and not self.exists():
            raise OSError(errno.EROFS, "Read-only file system", str(self))
        made(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", mkdir)


@pytest.mark.filterwarnings("always")  # the CLI prints the Ermelo-Wset one, as it does a user
def test_validate_of_the_ermelo_rounds_creates_no_key(tmp_path, monkeypatch, capsys):
    project = ermelo_project(tmp_path / "ermelo", monkeypatch)
    monkeypatch.setattr(settings, "key_file", tmp_path / "home" / ".config" / "buurtdata" / "pseudonym.key")
    _read_only(monkeypatch, tmp_path / "home")
    assert cli.main(["validate", "--project", str(project)]) == 0
    said = capsys.readouterr()
    assert "all 35 rules pass" in said.out
    assert "'Ermelo-Wset' read as buurt 'Ermelo-West'" in said.err  # the check ran on the rounds too
    assert not (tmp_path / "home").exists()


def test_a_build_on_a_read_only_home_names_the_key_and_the_setting(tmp_path, monkeypatch, capsys):
    project = ermelo_project(tmp_path / "ermelo", monkeypatch)
    key_file = tmp_path / "home" / ".config" / "buurtdata" / "pseudonym.key"
    monkeypatch.setattr(settings, "key_file", key_file)
    _read_only(monkeypatch, tmp_path / "home")
    assert cli.main(["overdracht", "--project", str(project), "--out", str(tmp_path / "dossier.zip")]) == 2
    said = capsys.readouterr().err
    assert f"buurtdata: cannot create the pseudonym key at {key_file} (the disk is read-only); " in said
    assert "set BUURTDATA_KEY_FILE to a file in a folder you may write in, and keep that file" in said
    assert "could not read or write a file" not in said
    assert not (tmp_path / "dossier.zip").exists()


def test_a_key_that_cannot_be_made_or_read_is_named(tmp_path):
    (tmp_path / "a file").write_text("")
    with pytest.raises(BuurtdataError, match=r"cannot create the pseudonym key at .*pseudonym.key \(not a directory\)"):
        load_or_create_key(tmp_path / "a file" / "sub" / "pseudonym.key")
    folder = tmp_path / "key"
    folder.mkdir()
    with pytest.raises(BuurtdataError, match=r"cannot read the pseudonym key at .*key \(is a directory\); make it"):
        load_or_create_key(folder)


def test_pseudoniem_names_a_key_it_cannot_read_as_the_build_does(tmp_path, monkeypatch, capsys):
    # Left in session 13: `buurtdata pseudoniem` gave "could not read or write a file", naming neither.
    key_file = tmp_path / "pseudonym.key"
    key_file.write_bytes(b"0123456789abcdef0123456789abcdef")
    key_file.chmod(0)
    read = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self == key_file:  # as for a user without the right to read it (root reads any file)
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.setattr(settings, "key_file", key_file)
    with pytest.raises(BuurtdataError) as built:
        load_or_create_key()  # as a build reads it
    assert cli.main(["pseudoniem", "HGL-B01"]) == cli.EXIT_INPUT
    said = capsys.readouterr()
    assert not said.out and said.err == f"buurtdata: {built.value}\n"
    assert str(built.value) == (
        f"cannot read the pseudonym key at {key_file} (permission denied); make it readable for you, or set "
        "BUURTDATA_KEY_FILE to where the key is kept"
    )


def test_an_existing_key_is_used_by_validate_and_checked(tmp_path, monkeypatch):
    key_file = tmp_path / "pseudonym.key"
    key_file.write_bytes(b"short")
    monkeypatch.setattr(settings, "key_file", key_file)
    with pytest.raises(BuurtdataError, match="holds 5 bytes, too few"):
        cli._validate(None)


def test_why_a_folder_is_unwritable():
    assert unwritable("/x", OSError(errno.EROFS, "Read-only file system")) == "the disk is read-only"
    assert unwritable("/x", OSError(errno.ENOSPC, "No space left on device")) == "no space left on device"
