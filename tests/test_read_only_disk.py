"""A folder on a read-only disk (sweep 13 #9): ``nieuw`` says so in one line with a folder to use instead, as
``--out`` of a build does, instead of "could not read or write a file" and a log file; and both say "the disk is
read-only" where that is why, not "no permission", which sends the user to ask for rights they have."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from ermelo_rounds import RAW, ermelo_project

from buurtdata import cli, settings


def _read_only_disk(monkeypatch: pytest.MonkeyPatch, disk: Path) -> None:
    """Make ``disk`` look as a read-only file system does (root may write anywhere, and tests cannot mount)."""
    statvfs, access = os.statvfs, os.access

    class Mounted:
        def __init__(self, path: Path) -> None:
            self.f_flag = statvfs(path).f_flag | (os.ST_RDONLY if Path(path) == disk else 0)

    monkeypatch.setattr(os, "statvfs", Mounted)
    monkeypatch.setattr(os, "access", lambda path, mode: Path(path) != disk and access(path, mode))


def test_nieuw_on_a_read_only_disk_says_so_in_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(settings, "data_dir", RAW.parent)
    disk = tmp_path / "rodisk"
    disk.mkdir()
    _read_only_disk(monkeypatch, disk)
    monkeypatch.chdir(disk)
    assert cli.main(["nieuw", "GM0233", "--jaar", "2020", "nieuwmap"]) == 2
    said = capsys.readouterr().err
    assert said == (
        f"buurtdata: nieuw nieuwmap: cannot create it in {disk} (the disk is read-only); choose a folder you may "
        f"write in, e.g. buurtdata nieuw GM0233 --jaar 2020 {Path.home() / 'nieuwmap'}\n"
    )
    assert list(disk.iterdir()) == []


def test_nieuw_that_cannot_write_a_file_names_the_folder(tmp_path, monkeypatch, capsys):
    # The check beforehand cannot see every disk (a network share): what writing raises is said alike.
    monkeypatch.setattr(settings, "data_dir", RAW.parent)

    def write_text(self: Path, *args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system", str(self))

    monkeypatch.setattr(Path, "write_text", write_text)
    folder = tmp_path / "nieuwmap"
    assert cli.main(["nieuw", "GM0233", "--jaar", "2020", str(folder)]) == 2
    said = capsys.readouterr().err
    assert said.startswith(f"buurtdata: nieuw {folder}: cannot write in it (the disk is read-only); choose a folder")
    assert "Details:" not in said


def test_out_on_a_read_only_disk_is_not_called_no_permission(tmp_path, monkeypatch, capsys):
    disk = tmp_path / "rodisk"
    disk.mkdir()
    _read_only_disk(monkeypatch, disk)
    project = ermelo_project(tmp_path / "ermelo", monkeypatch)
    assert cli.main(["handouts", "--project", str(project), "--out", str(disk / "uit")]) == 2
    assert f"cannot write in {disk} (the disk is read-only). Give a folder" in capsys.readouterr().err
