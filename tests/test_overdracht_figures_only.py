"""The LEESMIJ of a dossier without [interviews] speaks only of what it holds (sweep 12 places #7): it said to
change the [interviews] block, that afspraken/ come back on the handouts and that fragments carry pseudonyms, of a
figures-only project that has none of them."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import spoken

from buurtdata import datasets
from buurtdata.outputs.overdracht import pack
from buurtdata.outputs.overdracht_leesmij import leesmij

#: What the LEESMIJ says of interviews only a dossier with them holds.
OF_INTERVIEWS = ("de kop [interviews] in [[rounds]]", "[rounds.mapping]", "afspraken/", "pseudoniem", "citaten")


def test_a_figures_only_dossier_says_nothing_of_interviews_it_does_not_hold(tmp_path: Path, key: bytes) -> None:
    shutil.copytree(datasets.get_path("hengelo").parent, tmp_path / "hengelo")
    project_file = tmp_path / "hengelo" / "project.toml"
    text = project_file.read_text(encoding="utf-8")
    # The sample as a project of figures only: no [interviews], no earlier rounds, no theme on the maps.
    text = re.sub(r"(?ms)^\[interviews\].*?(?=^\[privacy\])", "", text)
    maps = '[maps]\nindicator = "aandeel_65_plus"\n'
    text = text.replace(f'{maps}theme = "Eenzaamheid"\n', maps)
    project_file.write_text(text, encoding="utf-8")
    (tmp_path / "uitvoer").mkdir()
    (tmp_path / "uitvoer" / "index.html").write_text("<p>cijfers</p>", encoding="utf-8")
    out = pack(project_file, tmp_path / "d.zip", key=key, outputs=tmp_path / "uitvoer", say=lambda _: None)
    with zipfile.ZipFile(out) as archive:
        said = archive.read("LEESMIJ.txt").decode("utf-8")
        assert not [name for name in archive.namelist() if name.startswith(("fragmenten/", "afspraken/"))]
    assert not [part for part in OF_INTERVIEWS if part in said], said
    assert "Wat er niet in zit" not in said  # nothing of interviews to leave behind
    assert "puntkomma" not in said  # no CSV of fragments, codebooks or agreements to open
    own = " ".join(said[said.index("2. ") + 3 :].split())
    assert own == (
        "Houdt u zelf gesprekken? Zet dan in project.toml een blok [interviews] met uw fragmenten en codeboek, en "
        "met een label, period en consent."
    )
    assert not [p for rule in (spoken.sentence_length, spoken.misspellings, spoken.verb_agreement) for p in rule(own)]
    assert max(len(line) for line in said.splitlines()) <= 110


def test_fragments_of_earlier_rounds_without_today_s_round_keep_the_pseudonyms_not_the_rounds_block() -> None:
    # Today's round stayed behind (no [interviews]); earlier rounds' fragmenten/ passed, to read.
    said = leesmij("X", "d.zip", ["bronnen", "fragmenten", "afspraken"], fictional=None, interviews=False)
    assert "pseudoniem" in said and "citaten zijn al geschoond" in said
    assert "[[rounds]]" not in said and "terug op uw handouts" not in said and "Houdt u zelf gesprekken?" in said
    assert re.findall(r"(?m)^\d\.", said) == ["1.", "2.", "3."]
    full = leesmij("X", "d.zip", ["bronnen", "fragmenten", "afspraken"], fictional=None)
    assert re.findall(r"(?m)^\d\.", full) == ["1.", "2.", "3.", "4.", "5."] and "de kop [interviews]" in full
