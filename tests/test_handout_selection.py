"""Which handouts a build draws and what it says of them (national user test, 2026-12-01): every buurt of a gemeente
asked for by code or name, a top-level index for a project of many gemeenten, and one line per kind of file where
a build writes many."""

import re
import warnings
from pathlib import Path

import pytest
from test_gemeenten import _kwb2024, _project, needs_raw

from buurtdata import cli, datasets, pipeline
from buurtdata._errors import BuurtdataError
from buurtdata.outputs import _told
from buurtdata.outputs.handout import Handouts

REGION = 'gemeenten = ["GM0402", "GM0164"]'


def test_a_gemeente_by_code_or_name_selects_every_buurt_of_it_besides_the_buurten_asked(hengelo, hengelo_run, tmp_path):
    every = Handouts.prepare(hengelo, hengelo_run, tmp_path).codes
    for asked in (["GM0164"], ["gm0164"], ["0164"], ["Hengelo (O.)"], [" hengelo (o.) "]):
        assert Handouts.prepare(hengelo, hengelo_run, tmp_path, gemeenten=asked).codes == every, asked
    both = Handouts.prepare(hengelo, hengelo_run, tmp_path, buurten=["BU01640501"], gemeenten=["GM0164"])
    assert both.codes[0] == "BU01640501" and sorted(both.codes) == sorted(every)


def test_an_unknown_gemeente_is_refused_with_the_closest_known(hengelo, hengelo_run, tmp_path):
    with pytest.raises(BuurtdataError, match=r"'Hengelo' \(did you mean 'Hengelo \(O\.\)', GM0164\?\)") as caught:
        Handouts.prepare(hengelo, hengelo_run, tmp_path, gemeenten=["Hengelo"])
    assert "2024" in str(caught.value) and "e.g. GM0164 (Hengelo (O.))" in str(caught.value)


def test_the_command_takes_gemeente(tmp_path, capsys):
    out = tmp_path / "uit"
    args = ["handouts", "--project", str(datasets.get_path("hengelo")), "--out", str(out), "--gemeente", "GM0999"]
    assert cli.main(args) == cli.EXIT_INPUT
    assert "--gemeente 'GM0999'" in capsys.readouterr().err and not out.exists()


@needs_raw
def test_a_gemeente_of_a_region_selects_its_buurten_only(tmp_path):
    project = _project(tmp_path, REGION, year=2024, kwb=_kwb2024(), boundaries_year=2024)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = pipeline.run(project, key=b"test")
    codes = Handouts.prepare(project, result, tmp_path / "h", buurten=["BU01640501"], gemeenten=["hilversum"]).codes
    assert codes[0] == "BU01640501" and len(codes) == 44 and all(c.startswith("BU0402") for c in codes[1:])


@needs_raw
def test_handouts_of_many_gemeenten_get_an_index_that_links_each_gemeentes(tmp_path, capsys):
    project = _project(tmp_path, REGION, year=2024, kwb=_kwb2024(), boundaries_year=2024)
    out = tmp_path / "uit"
    args = ["handouts", "--project", str(project.path), "--out", str(out), "--no-png"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert cli.main([*args, "--buurt", "BU04020101", "--buurt", "BU01640501"]) == 0
    page = (out / "index.html").read_text(encoding="utf-8")
    links = set(re.findall(r'href="([^"]+)"', page))
    assert {"GM0164_hengelo_o/index.html", "GM0402_hilversum/index.html", "GM0402_hilversum/index.pdf"} <= links
    assert all((out / link).is_file() for link in links)
    assert '<html lang="nl">' in page and "Hilversum" in page and "1 handout" in page
    said = capsys.readouterr().out
    assert f"open {out / 'index.html'}" in said and "2 handouts (PDF) in 2 folders" in said


def test_a_kind_of_many_files_is_told_in_one_line_and_a_few_each():
    said: list[str] = []
    told = _told.Told(Path("uit"), said.append)
    told.file("buurten.gpkg", "buurten")
    for number in range(_told.MANY + 1):
        told.file(f"handouts/GM{number:04}/index.html", "index")
    for number in range(_told.MANY):
        told.file(f"toekomstplan/BU{number:04}.pdf", "buurttoekomstplan")
    assert said == ["  uit/buurten.gpkg  (buurten)"]  # the folders' files once the build is done
    told.close()
    assert said[1] == "  21 web pages in uit/handouts/, e.g. uit/handouts/GM0000/index.html  (index)"
    assert said[2:] == [f"  uit/toekomstplan/BU{number:04}.pdf  (buurttoekomstplan)" for number in range(_told.MANY)]
