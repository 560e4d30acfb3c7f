"""Write the second, earlier FICTIONAL interview round of the Hengelo sample and the agreements of its meeting.

Usage::

    python scripts/make_fictional_round.py

Reads the first round (``interviews_fictief.csv``, made by ``scripts/make_fictional_interviews.py``) and writes
``buurtdata/datasets/hengelo/ronde_najaar_2023/``:

- ``interviews_fictief.csv``: a round held in the autumn of 2023 by the previous organisation: about three
  quarters of the segments, other (made-up) respondent ids, dates in 2023, and the codes of the codebook that
  organisation used;
- ``codebook.csv``: that older codebook, where three things differ from today's, as happens between tenders:
  *Buurthuis en activiteiten* was renamed *Ontmoeten*; *Armoede* and *Schulden* were merged into
  *Geldzorgen*; *Zorg* was split into *Gezondheid* and *Continuïteit van hulp* (the project file's
  ``[rounds.mapping]`` says so);
- ``afspraken_fictief.csv``: what the (fictional) meeting after that round agreed, in the template
  ``buurtdata/datasets/templates/afspraken_sjabloon.csv``.

Everything is made up (FICTIEF); only the names and codes of buurten are CBS's. The output is the same on
every run (fixed seed).
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

SEED = 20231015
SAMPLE = Path(__file__).resolve().parents[1] / "buurtdata" / "datasets" / "hengelo"
OUT = SAMPLE / "ronde_najaar_2023"
FICTIEF = [
    "# FICTIEF - deze gegevens zijn verzonnen voor demonstratie en tests van buurtdata (ronde najaar 2023).",
    "# Ze gaan niet over echte mensen: respondenten, citaten, namen, afspraken en wie ze oppakt zijn bedacht.",
    "# Alleen de namen en codes van wijken en buurten zijn echt (CBS Kerncijfers wijken en buurten 2024).",
    "# Gemaakt door scripts/make_fictional_round.py; pas dat script aan in plaats van dit bestand.",
]

#: Today's theme -> the theme (top code) the older codebook had; sub-codes move along unless listed below.
OLD_THEME = {"Ontmoeten": "Buurthuis en activiteiten", "Gezondheid": "Zorg", "Continuïteit van hulp": "Zorg"}
#: Today's code -> the older code, where a merge or split moved sub-codes between themes.
OLD_CODE = {
    "Geldzorgen": "Armoede",
    "Geldzorgen/Rondkomen": "Armoede/Rondkomen",
    "Geldzorgen/Energierekening": "Armoede/Energierekening",
    "Geldzorgen/Schulden": "Schulden",
    "Gezondheid/Mantelzorg": "Zorg/Mantelzorg",
    "Gezondheid/Psychisch welzijn": "Zorg/Psychisch welzijn",
    "Gezondheid": "Zorg/Gezondheid",
    "Continuïteit van hulp": "Zorg/Hulpverlening",
    "Continuïteit van hulp/Wisselende hulpverleners": "Zorg/Hulpverlening",
    "Continuïteit van hulp/Wachttijden": "Zorg/Wachttijden",
    "Continuïteit van hulp/Projecten stoppen": "Zorg/Hulpverlening",
}

#: The meeting's agreements (buurt, theme as the older codebook named it, agreement, who, look back on).
AGREEMENTS = [
    (
        "BU01640604",
        "Armoede",
        "Spreekuur over de energierekening in het buurthuis, elke eerste dinsdag.",
        "sociaal makelaar",
        "2024-06-01",
    ),
    (
        "BU01640501",
        "Eenzaamheid",
        "Buren-koffie in de portiek: bewoners nodigen elkaar uit, wijkwerker helpt.",
        "bewonerscommissie",
        "2024-09-01",
    ),
    (
        "Klein Driene",
        "Jongeren",
        "Met jongeren een plek zoeken om te sporten na schooltijd.",
        "jongerenwerker",
        "2024-05-15",
    ),
    (
        "Klein Driene",
        "Veiligheid",
        "Verlichting op het fietspad langs de school laten nakijken.",
        "gemeente (wijkcoördinator)",
        "2024-03-01",
    ),
    (
        "Berflo Es Noord",
        "Buurthuis en activiteiten",
        "Activiteiten ook op papier in de portiek ophangen.",
        "wijkwerker",
        "2024-04-01",
    ),
]


def _codebook(current: list[dict[str, str]]) -> list[dict[str, str]]:
    rows, seen = [], set()
    for row in current:
        code = _old_code(row["code"])
        if code not in seen:
            seen.add(code)
            rows.append({"code": code, "theme": code.split("/")[0], "description": row["description"]})
    return rows


def _old_code(code: str) -> str:
    if code in OLD_CODE:
        return OLD_CODE[code]
    theme, _, sub = code.partition("/")
    theme = OLD_THEME.get(theme, theme)
    return f"{theme}/{sub}" if sub else theme


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def _write(path: Path, rows: list[dict[str, str]] | list[tuple[str, ...]], header: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("\n".join(FICTIEF) + "\n")
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([row[h] for h in header] if isinstance(row, dict) else row)


def main() -> None:
    rng = random.Random(SEED)
    OUT.mkdir(exist_ok=True)
    segments = _read(SAMPLE / "interviews_fictief.csv")
    kept = []
    for row in segments:
        if rng.random() < 0.75:
            month = rng.choice(["10", "11"])
            day = rng.randint(1, 28)
            kept.append(
                {
                    **row,
                    "segment_id": row["segment_id"].replace("S", "N23-"),
                    "respondent": row["respondent"].replace("HGL-", "HGL23-"),
                    "code": _old_code(row["code"]),
                    "date": f"2023-{month}-{day:02d}",
                }
            )
    _write(OUT / "interviews_fictief.csv", kept, list(segments[0]))
    _write(OUT / "codebook.csv", _codebook(_read(SAMPLE / "codebook.csv")), ["code", "theme", "description"])
    _write(OUT / "afspraken_fictief.csv", AGREEMENTS, ["buurt", "thema", "afspraak", "wie", "terugkijken"])
    print(f"{len(kept)} segments, {len(AGREEMENTS)} agreements -> {OUT}")


if __name__ == "__main__":
    main()
