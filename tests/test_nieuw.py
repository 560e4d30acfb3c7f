"""A project made by ``buurtdata nieuw`` builds as written: its paths are relative, and its links give questions
with figures."""

from __future__ import annotations

import re
import shutil
import warnings
from pathlib import Path

import pytest
import spoken
from test_gemeenten import NATIONAL_BUURTEN, RAW, needs_raw

from buurtdata import cli, datasets, pipeline, settings
from buurtdata.outputs import handout
from buurtdata.pipeline import link
from buurtdata.project import Project

SAMPLE = datasets.get_path("hengelo").parent


@needs_raw
def test_a_project_from_nieuw_builds_and_its_questions_name_the_linked_figures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "data_dir", RAW.parent)
    folder = tmp_path / "hengelo"
    assert cli.main(["nieuw", "GM0164", "--jaar", "2024", str(folder)]) == 0
    text = (folder / "project.toml").read_text(encoding="utf-8")
    # Data far from the folder gets an absolute path: "../../../" would say nothing and break when it moves.
    data = next(line for line in text.splitlines() if line.startswith("data = "))
    assert Path(data.split('"')[1]).is_absolute() and data.endswith('85984NED.csv"'), data
    assert "[[links]]" in text and "[profile]" in text and "[maps]" in text
    assert "[[links]]" in (folder / "README.md").read_text(encoding="utf-8")

    # The interviews of the sample (its codebook is the example's), and the national polygons for the map.
    shutil.copyfile(SAMPLE / "interviews_fictief.csv", folder / "segmenten.csv")
    text = text.replace(
        '# [interviews]\n# segments = "segmenten_sjabloon.csv"\n', '[interviews]\nsegments = "segmenten.csv"\n'
    )
    text = text.replace("# codebook =", "codebook =").replace("# fictional = false", "fictional = true")
    text = text.replace(
        'path = "wijkenbuurten_2024.gpkg"\nlayer = "buurten"', f'path = "{NATIONAL_BUURTEN.as_posix()}"'
    )
    (folder / "project.toml").write_text(text, encoding="utf-8")
    project = Project.load(folder / "project.toml")
    assert project.kwb[0].data.resolve().exists()
    linked = {theme_link.theme for theme_link in project.links}
    assert {"Eenzaamheid", "Geldzorgen", "Wonen"} <= linked and project.map_theme == "Eenzaamheid"

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = pipeline.run(project, key=b"test")
    # The GeoPackage's theme layer names every buurt, though the national polygons carry no names.
    assert result.themes["name"].notna().all()
    signals = link.signals(result.con)
    asked = signals[signals["theme"].isin(linked) & (signals["signal"] != "geen signaal")]
    assert not asked.empty and asked["linked"].all()
    cited = set(asked.dropna(subset=["cited"])["question"])
    assert cited, "no question on a linked theme names a figure"
    printed = [q for sheet in handout.handout_data(project, result) for q in [*sheet.questions, *sheet.overflow]]
    assert set(printed) & cited
    assert not any("gekoppeld" in question for question in printed)


def _prose(text: str, *, comments: bool) -> list[str]:
    """The sentences a user reads in ``text``: a TOML file's comments (not commented-out keys), or a README's
    lines; code the user types (between backticks, indented, a URL) left out."""
    lines = text.splitlines()
    if comments:
        lines = [line[1:].strip() for line in lines if line.startswith("#")]
        lines = [line for line in lines if not re.match(r"^\[+[\w.]+\]+$|^\w+ = ", line)]
    else:
        lines = [line for line in lines if not line.startswith("    ") and not line.startswith("#")]
    # A bracket that holds only code ("Het rapport (`rapport/index.html`) bevat") is left out with it.
    lines = [re.sub(r"\s*\(`[^`]*`\)", "", line) for line in lines]
    return [re.sub(r"`[^`]*`|https?://\S+", "code", line) for line in lines if line.strip()]


def test_what_nieuw_writes_reads_as_spoken_dutch_without_jargon(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # RULE: nieuw's project.toml comments and README.md pass the spoken rules plus a jargon list, and hold no
    # path into the package's source.
    monkeypatch.setattr(settings, "data_dir", tmp_path / "geen_data")
    folder = tmp_path / "project"
    assert cli.main(["nieuw", "GM0164", "--jaar", "2024", str(folder)]) == 0
    toml = _prose((folder / "project.toml").read_text(encoding="utf-8"), comments=True)
    readme = _prose((folder / "README.md").read_text(encoding="utf-8"), comments=False)
    assert any("6 tot 8 cijfers" in line for line in toml) and any("[[links]]:" in line for line in toml)
    found = spoken.report([("project.toml", line) for line in toml], sentences=False, wrapped=False)
    found += spoken.report([("README.md", line) for line in readme], sentences=False, wrapped=False)
    found += [
        f"{where}: {p}"
        for where, lines in (("project.toml", toml), ("README.md", readme))
        for line in lines
        for p in spoken.jargon(line)
    ]
    assert not found, "\n".join(found)
    # The figures the comments point to are listed in the README, as the user types them.
    assert "- `aandeel_65_plus`: Aandeel inwoners 65 jaar of ouder" in (folder / "README.md").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("project/kwb.csv", ("kwb.csv", False)),
        ("kwb.csv", ("../kwb.csv", False)),
        ("data/raw/kwb.csv", ("../data/raw/kwb.csv", False)),
        ("../elders/kwb.csv", (None, True)),
    ],
)
def test_nieuw_writes_the_data_path_relative_only_in_or_beside_the_project(tmp_path: Path, data, expected) -> None:
    from buurtdata.scaffold import _data_path

    base = tmp_path / "werk"
    path, absolute = _data_path(base / data, base / "project")
    assert (absolute, path if not absolute else None) == (expected[1], expected[0])
    if absolute:
        assert Path(path).is_absolute() and Path(path) == (base / data).resolve()


def test_nieuw_readme_says_to_reopen_a_notebook_after_building_the_report_again(tmp_path: Path) -> None:
    # User test J: the report built again replaced rapport/ whole while JupyterLab stayed open, and the kernel
    # left in the old folder failed; the README that asks to build again says what to do in JupyterLab.
    folder = tmp_path / "project"
    cli.main(["nieuw", "GM0164", "--jaar", "2024", str(folder)])
    readme = " ".join((folder / "README.md").read_text(encoding="utf-8").split())
    assert "vervangt de map `rapport` helemaal" in readme and "Kernel > Restart Kernel" in readme


def test_nieuw_into_a_folder_of_another_project_refuses_and_keeps_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Sweep 12 places #11: Amsterdam 2024 into an Ermelo 2020 folder kept Ermelo's files and said "ready".
    monkeypatch.setattr(settings, "data_dir", tmp_path / "leeg")
    folder = tmp_path / "ermelo"
    assert cli.main(["nieuw", "GM0233", "--jaar", "2020", str(folder)]) == 0
    before = {path.name: path.read_bytes() for path in folder.iterdir()}
    capsys.readouterr()
    # The same project again: every file kept as it was, and said so.
    assert cli.main(["nieuw", "gm0233", "--jaar", "2020", str(folder)]) == 0
    assert capsys.readouterr().out.count("(bestond al; niet overschreven)") == len(before)
    # A region's gemeenten in another order are the same project (review 12 #6).
    region = tmp_path / "regio"
    assert cli.main(["nieuw", "GM0164", "GM0153", "--jaar", "2024", str(region)]) == 0
    assert cli.main(["nieuw", "GM0153", "GM0164", "--jaar", "2024", str(region)]) == 0
    capsys.readouterr()
    for asked in (["GM0363", "--jaar", "2024"], ["GM0233", "--jaar", "2024"], ["NL", "--jaar", "2020"]):
        assert cli.main(["nieuw", *asked, str(folder)]) == cli.EXIT_INPUT
        err = capsys.readouterr().err
        assert f"{folder / 'project.toml'} already holds the project" in err and "(GM0233, year 2020)" in err
        assert f"Name an empty folder: buurtdata nieuw {asked[0]} --jaar {asked[2]} <new folder>" in err
    (folder / "project.toml").write_text("niet = [toml", encoding="utf-8")
    assert cli.main(["nieuw", "GM0233", "--jaar", "2020", str(folder)]) == cli.EXIT_INPUT
    assert "already holds a project.toml buurtdata cannot read" in capsys.readouterr().err
    assert {path.name for path in folder.iterdir()} == set(before)
    assert all((folder / name).read_bytes() == data for name, data in before.items() if name != "project.toml")


def test_the_templates_nieuw_writes_open_in_dutch_excel_and_read_back_when_filled_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Sweep 12 interviews F15: comma-separated without BOM, Dutch Excel showed the header in one cell and één as
    # Ã©Ã©n. Now ';' and UTF-8 with a BOM; a row filled in as Excel saves it reads back.
    from buurtdata.sources.agreements import read_agreements
    from buurtdata.sources.interviews import read_codebook, read_segments

    monkeypatch.setattr(settings, "data_dir", tmp_path / "leeg")
    folder = tmp_path / "p"
    assert cli.main(["nieuw", "GM0164", "--jaar", "2024", str(folder)]) == 0
    for name in ("segmenten_sjabloon.csv", "codeboek_voorbeeld.csv", "afspraken_sjabloon.csv"):
        data = (folder / name).read_bytes()
        assert data.startswith(b"\xef\xbb\xbf"), name
        header = next(line for line in data.decode("utf-8-sig").splitlines() if not line.startswith("#"))
        assert ";" in header and "," not in header, name
    sheet = folder / "segmenten_sjabloon.csv"
    with sheet.open("a", encoding="utf-8") as file:
        file.write("S1;B01;bewoner;Ontmoeten;Het buurthuis is vaak dicht, zegt ze (FICTIEF).;Berflo Es Noord;;ja\n")
    segments = read_segments(sheet)
    assert segments["text"].tolist() == ["Het buurthuis is vaak dicht, zegt ze (FICTIEF)."]
    codebook = read_codebook(folder / "codeboek_voorbeeld.csv")
    assert len(codebook) > 5 and codebook["theme"].notna().all()
    agreed = folder / "afspraken_sjabloon.csv"
    with agreed.open("a", encoding="utf-8") as file:
        file.write("BU01640501;Ontmoeten;Koffie in het buurthuis, elke dinsdag.;buurtteam;2025-06-01\n")
    themes = dict(zip(codebook["code_id"], codebook["theme"], strict=True))
    rows = read_agreements(agreed, buurten={"BU01640501": "Berflo Es Noord"}, themes=themes)
    assert rows["agreement"].tolist() == ["Koffie in het buurthuis, elke dinsdag."]
