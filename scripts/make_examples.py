"""Render the README's example handouts: three kinds of buurt of the Hengelo sample.

Usage::

    python scripts/make_examples.py

Writes small PNGs to ``docs/voorbeelden/``: a crowded buurt (many signals), a quiet buurt (few signals)
and a place with (almost) no inwoners, which gets the short "Over de plek" sheet.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from buurtdata import datasets
from buurtdata.outputs import handout

OUT = Path(__file__).resolve().parents[1] / "docs" / "voorbeelden"
#: README file name of each example -> buurt code in the sample.
EXAMPLES = {
    "druk": "BU01640501",  # Berflo Es Noord: most signals, stories from the fictional interviews
    "rustig": "BU01640001",  # Binnenstad-West: figures only, nobody spoke about it
    "plek": "BU01640705",  # Bedrijventerrein Westermaat-Noordoost: 0 inwoners
}
#: Low enough for a README (under 300 KB per image), high enough to read the sheet.
DPI = 100


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        written = handout.make_handouts(
            datasets.get_path("hengelo"), tmp, buurten=list(EXAMPLES.values()), dpi=DPI, progress=False
        )
        for name, code in EXAMPLES.items():
            png = next(p for p in written if p.suffix == ".png" and p.name.startswith(code))
            shutil.copyfile(png, OUT / f"{name}.png")
            print(OUT / f"{name}.png")


if __name__ == "__main__":
    main()
