"""``buurtdata nieuw GM0308 --jaar 2024 MAP``: a ready project folder for any gemeente.

The folder gets a ``project.toml`` with the project's name, codes and the gemeente's name filled in, the
interview template, an example codebook and a Dutch ``README.md`` that says which CBS files to download and
where to put them. The gemeente's name comes from a KWB file under ``settings.data_dir / 'raw'`` (or the
cache) when there is one, else a placeholder that says so. Files already in the folder are never overwritten.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

from buurtdata import codes, settings
from buurtdata._errors import BuurtdataError, DataNotAvailableError
from buurtdata.sources.cbs.files import local_file
from buurtdata.sources.cbs.tables import KWB_TABLES

TEMPLATE = "segmenten_sjabloon.csv"
CODEBOOK = "codeboek_voorbeeld.csv"
#: Placeholder of the gemeente's name when no KWB file at hand has it.
UNKNOWN_NAME = "GEMEENTENAAM (niet gevonden: geen KWB-bestand in data/raw; vul zelf in)"


def new_project(gemeente: str, year: int, folder: str | Path) -> tuple[list[Path], list[Path]]:
    """Write a project folder for ``gemeente`` and KWB ``year``; return (files written, files kept as they were)."""
    code = codes.normalize(gemeente, level="gemeente")
    if year not in KWB_TABLES:
        msg = f"--jaar {year}: buurtdata knows the KWB years {min(KWB_TABLES)}-{max(KWB_TABLES)}."
        raise BuurtdataError(msg)
    table = KWB_TABLES[year]
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise BuurtdataError(f"{folder} is a file; name a folder for the new project.")
    folder.mkdir(parents=True, exist_ok=True)
    name, found_in = _gemeente_name(code, year)
    # The KWB file at hand is only of use when it holds the gemeente (a selection of other gemeenten does not).
    kwb = local_file(year, table) if found_in is not None and found_in == local_file(year, table) else None
    kwb_path = f"kwb{year}_{table}.csv"
    if kwb is not None:
        inside = os.path.relpath(kwb.resolve(), folder.resolve())
        kwb_path = str(kwb.resolve()) if inside.startswith("..") else inside
    files = {
        "project.toml": _project_toml(code, name, year, table, Path(kwb_path).as_posix()),
        "README.md": _readme(code, name, year, table, kwb, found_in),
        TEMPLATE: _resource_text("templates", TEMPLATE),
        CODEBOOK: _resource_text("hengelo", "codebook.csv"),
    }
    written, kept = [], []
    for file_name, text in files.items():
        path = folder / file_name
        if path.exists():
            kept.append(path)
            continue
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written, kept


def _resource_text(folder: str, name: str) -> str:
    from buurtdata import datasets

    return (Path(datasets.__file__).parent / folder / name).read_text(encoding="utf-8")


def _gemeente_name(code: str, year: int) -> tuple[str, Path | None]:
    """Return the gemeente's name from a KWB file at hand (the year asked first, then the others) and that file."""
    from buurtdata.sources.cbs.files import read_kwb_file

    years = [year, *sorted((y for y in KWB_TABLES if y != year), key=lambda y: abs(y - year))]
    for other in years:
        path = local_file(other, KWB_TABLES[other])
        if path is None:
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                _, _, _, _, regions, _ = read_kwb_file(path, KWB_TABLES[other], other)
        except (BuurtdataError, DataNotAvailableError, OSError):
            continue
        keys = regions["Key"].astype(str).str.strip()
        titles = regions.loc[keys == code, "Title"]
        if len(titles):
            return str(titles.iloc[0]).strip(), path
    return UNKNOWN_NAME, None


def _project_toml(code: str, name: str, year: int, table: str, kwb_path: str) -> str:
    return f'''# Project {name} ({code}), KWB {year}. Paden zijn relatief ten opzichte van dit bestand; zie README.md.
name = "{name}, buurtgesprekken {year}"
gemeente = "{code}"
year = {year}

[[kwb]]
year = {year}
table = "{table}"
data = "{kwb_path}"

[boundaries]
# De CBS wijk- en buurtkaart van hetzelfde jaar als de cijfers (een landelijk bestand mag: het wordt ingeperkt).
year = {year}
path = "wijkenbuurten_{year}.gpkg"
layer = "buurten"

# Haal het commentaarteken weg zodra de interviews er zijn (zonder [interviews] maakt buurtdata alleen cijfers).
# [interviews]
# segments = "{TEMPLATE}"
# codebook = "{CODEBOOK}"
# fictional = false
# label = "Interviews {name} {year}"

[privacy]
threshold = 3
'''


def _readme(code: str, name: str, year: int, table: str, kwb: Path | None, found_in: Path | None) -> str:
    raw = Path(settings.data_dir) / "raw" / f"kwb{year}-{table}" / f"{table}.csv"
    if kwb is not None:
        figures = f"De cijfers staan al klaar: `{kwb}` (project.toml verwijst ernaar)."
    else:
        figures = (
            f"Download de *Kerncijfers wijken en buurten {year}* (CBS-tabel **{table}**): open "
            f"https://opendata.cbs.nl/statline/#/CBS/nl/dataset/{table}/table, kies 'Downloaden' -> 'CSV', "
            f"en bewaar het bestand als `kwb{year}_{table}.csv` in deze map (of als `{raw}`; zet dan dat pad "
            "bij `data` in project.toml). Een landelijk bestand mag: buurtdata neemt alleen deze gemeente."
        )
    named = (
        f"De naam van de gemeente komt uit `{found_in}`."
        if found_in is not None
        else "De naam van de gemeente is niet gevonden (geen KWB-bestand in data/raw of de cache): vul hem in "
        "project.toml in."
    )
    return f"""# {name} ({code}): buurtcijfers en levende kennis, {year}

Deze map is gemaakt met `buurtdata nieuw {code} --jaar {year}`. {named}

## Wat moet er nog in deze map?

1. **De cijfers.** {figures}
2. **De buurtkaart.** Download de CBS wijk- en buurtkaart {year} (GeoPackage) via
   https://www.cbs.nl/nl-nl/dossier/nederland-regionaal/geografische-data/wijk-en-buurtkaart-{year} of PDOK, en
   bewaar hem als `wijkenbuurten_{year}.gpkg` in deze map. Het landelijke bestand mag: buurtdata neemt alleen
   de buurten van {code}. Neem de kaart van hetzelfde jaar als de cijfers; een ander jaar heeft soms andere
   buurtcodes, en dan stopt buurtdata met een melding.
3. **De interviews (later).** Vul `{TEMPLATE}` met de gecodeerde fragmenten, pas `{CODEBOOK}` (een voorbeeld)
   aan jullie codeboek aan, en haal in project.toml het commentaarteken voor `[interviews]` weg.
   Zonder interviews maakt buurtdata kaarten, handouts en het rapport met alleen cijfers.

## Daarna

    buurtdata report --project project.toml --out rapport

Bron van cijfers en kaart: CBS (CC BY 4.0).
"""
