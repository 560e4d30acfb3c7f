"""A person's name in the column gemeente is said as ``[naam]`` whole in the published reason (sweep 12 interviews
F16: ``'Henk [naam]'`` kept the first name), as a location that is a name is."""

from __future__ import annotations

import warnings

from buurtdata import datasets, pipeline
from tests.sample_figures import project_with

HEADER = "# FICTIEF - sweep 12 interviews F16: verzonnen respondenten, geen echte personen.\n"
COLUMNS = "segment_id;respondent;role;code;quote;location;gemeente;date;consent\n"


def test_a_name_in_the_gemeente_column_is_naam_whole(tmp_path, key):
    cells = ["Henk Bakker", "truus", "06-12345678", "gerda.hulshof@example.nl", "Denekamp", "Hengelo"]
    rows = "".join(f"S{i};HGL-A{i};bewoner;Eenzaamheid;Tekst.;Centrum;{c};03-05-2025;ja\n" for i, c in enumerate(cells))
    (tmp_path / "segmenten.csv").write_text(HEADER + COLUMNS + rows, encoding="utf-8")
    base = datasets.get_path("hengelo").parent
    project = project_with(tmp_path, f'segments = "segmenten.csv"\ncodebook = "{base}/codebook.csv"\nfictional = true')
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = pipeline.run(project, key=key)
    reasons = dict(result.con.sql("select segment_id, reason from unplaced_segments").fetchall())
    said = {key: reason.split(" in the column gemeente", 1)[0] for key, reason in reasons.items()}
    assert said["S0"] == "no match: '[naam]'" and said["S1"] == "no match: '[naam]'"
    assert said["S2"] == "no match: '[telefoon]'" and said["S3"] == "no match: '[e-mail]'"
    assert said["S4"] == "no match: 'Denekamp'"
    text = " ".join(reasons.values())
    for part in ("Henk", "Bakker", "truus", "Truus", "gerda", "hulshof"):
        assert part not in text
    result.con.close()
