"""``buurtdata nieuw GM0308 --jaar 2024 MAP``: a ready project folder for any gemeente, a region or the country.

The folder gets a ``project.toml`` with the project's name, codes and the gemeenten's names filled in, the
interview template, an example codebook and a Dutch ``README.md`` that says which CBS files to download and
where to put them. Several codes (``buurtdata nieuw GM0402 GM0406 ...``) make a project of a region
(``gemeenten = [...]``), ``NL`` one of the whole country (``gemeente = "NL"``). The gemeenten's names come from a
KWB file under ``settings.data_dir / 'raw'`` when there is one, else a placeholder that says so. Files already in
the folder are never overwritten.
"""

from __future__ import annotations

import csv
import json
import os
import tomllib
from collections.abc import Sequence
from pathlib import Path

from buurtdata import _kwb_at_hand, _template_examples, codes, settings
from buurtdata._errors import BuurtdataError
from buurtdata._project_folder import for_excel, refuse_another_project, unwritable_folder
from buurtdata._text import and_nl, folder_name
from buurtdata.project import NATIONAL
from buurtdata.sources.cbs import held
from buurtdata.sources.cbs.files import local_file
from buurtdata.sources.cbs.tables import KWB_TABLES

TEMPLATE = "segmenten_sjabloon.csv"
CODEBOOK = "codeboek_voorbeeld.csv"
AGREEMENTS = "afspraken_sjabloon.csv"
#: Placeholder of the gemeente's name when no KWB file at hand has it; a comment above ``name`` says why.
UNKNOWN_NAME = "GEMEENTENAAM (niet gevonden; vul zelf in)"
#: Placeholder of one gemeente's name in the name of a region; a comment above ``name`` says why.
UNKNOWN_IN_REGION = "GEMEENTENAAM {code}"
#: A region's name lists at most this many gemeenten; more are counted.
NAMED_IN_TITLE = 4


def new_project(
    gemeente: str | Sequence[str], year: int, folder: str | Path
) -> tuple[list[Path], list[Path], str | None]:
    """Write a project folder for ``gemeente`` (a code, several codes for a region, or "NL") and KWB ``year``.

    Return (files written, files kept as they were, what to fill in: a gemeente's name not found, and why).
    """
    if year not in KWB_TABLES:
        msg = f"--jaar {year}: buurtdata knows the KWB years {min(KWB_TABLES)}-{max(KWB_TABLES)}."
        raise BuurtdataError(msg)
    _kwb_at_hand.refuse_names(gemeente, year, Path(folder))
    scope = _scope(gemeente)
    table = KWB_TABLES[year]
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise BuurtdataError(f"{folder} is a file; name a folder for the new project.")
    refuse_another_project(folder, scope, year, gemeente, _scope)
    unwritable_folder(folder, gemeente, year)
    found = _kwb_at_hand.gemeente_names(scope, year, empty=True)
    names, sources = found.names, found.sources
    # The KWB file at hand is only of use when it holds every gemeente (a selection of other gemeenten does not);
    # for the whole country, when it holds as many as a national file does (sweep 12 #13: NL 2020 asked for a
    # download beside the national file).
    at_hand = local_file(year, table)
    holds_all = bool(scope) and all(sources.get(code) == at_hand for code in scope)
    if not scope and at_hand is not None:
        found = _kwb_at_hand.gemeente_names(("GM0000",), year, path=at_hand, empty=True)  # GM0000: read it all
        holds_all = bool(found.searched) and not held.selection(found.known)
    kwb = at_hand if at_hand is not None and holds_all else None
    kwb_path, absolute = (f"kwb{year}_{table}.csv", False) if kwb is None else _data_path(kwb, folder)
    title = _title(scope, names)
    # Unnamed, or named by a boundary file only (sweep 14 F2); said in project.toml, README.md and on the command line.
    missing = [code for code in scope if code not in found.names or code in found.elsewhere]
    unnamed = _kwb_at_hand.not_found(missing, found, year) if missing else None
    # A figure the chosen file holds no value of would be an empty row on every handout: left out, and said.
    catalogued = _indicators_of(year)
    known = _indicators_of(year, found.empty) if kwb is not None else catalogued
    empty = sorted(catalogued - known)
    example = found.examples.get(scope[0]) if scope else None
    # A gemeente written beside a place: a region's second, else the project's one, without its bracket.
    other = names.get(scope[min(1, len(scope) - 1)], "").split(" (")[0] if scope else ""
    files = {
        "project.toml": _project_toml(scope, title, year, table, Path(kwb_path).as_posix(), absolute, unnamed, known),
        "README.md": _readme(scope, title, found, year, table, kwb, unnamed, empty),
        # As Excel with Dutch settings opens a CSV (sweep 12 interviews F15): separated by ';', and UTF-8 with a BOM.
        # The examples of the project's own gemeente, not the sample's (sweep 12 #13).
        TEMPLATE: for_excel(_template_examples.segments(_resource_text("templates", TEMPLATE), example, other or None)),
        CODEBOOK: for_excel(_example_codebook()),
        AGREEMENTS: for_excel(_template_examples.agreements(_resource_text("templates", AGREEMENTS), example)),
    }
    written, kept = [], []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for file_name, text in files.items():
            path = folder / file_name
            if path.exists():
                kept.append(path)
                continue
            path.write_text(text, encoding="utf-8-sig" if path.suffix == ".csv" else "utf-8")
            written.append(path)
    except OSError as error:  # a disk that os.access took as writable (a network share), or full
        unwritable_folder(folder, gemeente, year, error)
    return written, kept, unnamed


def _data_path(data: Path, folder: Path) -> tuple[str, bool]:
    """The path project.toml in ``folder`` gives ``data``, and whether it is absolute.

    Relative when the data is in the folder or its parent (at most one "../"), so the two can move together;
    else absolute: "../../../work/data/raw/..." says nothing a reader can check, and breaks when the folder moves.
    """
    try:
        relative = os.path.relpath(data.resolve(), folder.resolve())
    except ValueError:  # another drive (Windows): no relative path leads there
        return str(data.resolve()), True
    parts = Path(relative).parts
    if parts.count("..") > 1:
        return str(data.resolve()), True
    return relative, False


def _scope(gemeente: str | Sequence[str]) -> tuple[str, ...]:
    """Return the project's gemeente codes in the order given, each once; none for the whole country."""
    given = [gemeente] if isinstance(gemeente, str) else list(gemeente)
    if not given:
        raise BuurtdataError('Give a gemeente code (GM0308), several for a region, or "NL" for the whole country.')
    national = [code for code in given if codes.is_national(code)]
    if national and len(national) < len(given):
        msg = (
            f"{' '.join(map(str, given))}: NL is the whole country; give NL alone, or only the gemeente codes "
            "of a region."
        )
        raise BuurtdataError(msg)
    if national:
        return ()
    return tuple(dict.fromkeys(codes.normalize(code, level="gemeente") for code in given))


def _example_codebook() -> str:
    """The sample's codebook as an example to adapt: its own header (made by a script, for the sample's fictional
    interviews) would tell the new project's user the wrong thing."""
    rows = [
        line for line in _resource_text("hengelo", "codebook.csv").splitlines(keepends=True) if not line.startswith("#")
    ]
    header = (
        "# Voorbeeld-codeboek (de thema's van het ingebouwde Hengelo-voorbeeld). Pas het aan aan uw eigen codes:\n"
        "# een regel per code, met het thema waaronder die valt en een korte uitleg.\n"
    )
    return header + "".join(rows)


def _linked(year: int, known: set[str]) -> str:
    """The sample's [maps], [profile] and [[links]] for the themes of the example codebook, with only the figures
    ``known`` (those KWB ``year`` has, and the file at hand holds values of): without links every question on a
    handout would lack figures, and no theme map is drawn."""
    sample = tomllib.loads(_resource_text("hengelo", "project.toml"))
    themes = set(_codebook_themes())
    maps = sample["maps"]
    lines = ["", "# De kaarten: een cijfer, en een thema uit het codeboek (als er interviews zijn).", "[maps]"]
    if maps["indicator"] in known:
        lines.append(f"indicator = {_quoted(maps['indicator'])}")
    if maps["theme"] in themes:
        lines.append(f"theme = {_quoted(maps['theme'])}")
    profile = [key for key in sample["profile"]["indicators"] if key in known]
    lines += [
        "",
        "[profile]",
        "# Kerncijfers op elke handout (6 tot 8 cijfers; README.md noemt welke er zijn), vergeleken met de",
        "# gemeente en Nederland.",
        "indicators = [",
        *(f"    {_quoted(key)}," for key in profile),
        "]",
        "# Een cijfer wijkt af (▲/▼ op de handout) als het zoveel indexpunten of meer boven (of onder) de",
        "# gemeente (= 100) ligt.",
        f"band = {sample['profile']['band']}",
        "",
        "# [[links]]: welke cijfers bij welk thema van het codeboek horen. De handout zet die cijfers naast wat",
        "# mensen over het thema noemden en maakt er een vraag van; een thema zonder link krijgt alleen de vraag wat",
        "# er speelt. Bij 'higher' telt een cijfer als het hier hoger is dan in de gemeente, bij 'lower' als het",
        "# lager is. Een link is een vraag, geen verklaring. Pas de thema's aan als je het codeboek aanpast. Staat",
        "# een thema niet in het codeboek, dan meldt buurtdata dat.",
    ]
    linked = len(lines)
    for link in sample["links"]:
        directions = {d: [key for key in link.get(d, []) if key in known] for d in ("higher", "lower")}
        if link["theme"] not in themes or not any(directions.values()):
            continue
        lines += ["[[links]]", f"theme = {_quoted(link['theme'])}"]
        lines += [f"{d} = [{', '.join(map(_quoted, keys))}]" for d, keys in directions.items() if keys]
        lines.append("")
    if len(lines) == linked:
        lines.append(f"# KWB {year} heeft geen van de cijfers van de links in het voorbeeld: voeg zelf links toe.")
    return "\n".join(lines).rstrip("\n") + "\n"


def _figures_list(year: int) -> str:
    """The figures KWB ``year`` has, one line each ("- `inwoners`: Aantal inwoners"), titled as CBS titles them
    (a share as the catalogue does): project.toml's comments point here, to a file the user has, not into the
    package."""
    import pandas as pd

    from buurtdata import _resources
    from buurtdata.sources.cbs.indicators import catalogue

    rows = catalogue()
    properties = pd.read_csv(
        _resources.folder("pipelines") / "seeds" / "kwb_properties.csv", usecols=["cbs_key", "title", "year"]
    )
    cbs_titles = properties.dropna().sort_values("year").drop_duplicates("cbs_key", keep="last")
    cbs_titles = cbs_titles.set_index("cbs_key")["title"]
    titles: dict[str, str] = {}
    for row in rows[rows["indicator"].isin(_indicators_of(year))].sort_values("year").itertuples():
        title = row.title if isinstance(row.title, str) else cbs_titles.get(row.cbs_key)
        if isinstance(title, str):
            titles[row.indicator] = title.strip()
    return "\n".join(f"- `{key}`: {titles.get(key, key)}" for key in sorted(_indicators_of(year)))


def _indicators_of(year: int, empty_keys: set[str] = frozenset()) -> set[str]:
    """The indicator keys KWB ``year`` has: those with a CBS key that year (not among ``empty_keys``, the CBS keys
    a file holds no value of), and shares of two of them."""
    from buurtdata.sources.cbs.indicators import catalogue

    rows = catalogue()
    keyed = set(
        rows.loc[(rows["year"] == year) & rows["cbs_key"].notna() & ~rows["cbs_key"].isin(empty_keys), "indicator"]
    )
    shares = rows[rows["kind"] == "aandeel"].drop_duplicates("indicator")
    return keyed | {
        share.indicator for share in shares.itertuples() if share.numerator in keyed and share.denominator in keyed
    }


def _codebook_themes() -> list[str]:
    """The themes of the example codebook, in its order."""
    rows = csv.DictReader(line for line in _example_codebook().splitlines() if not line.startswith("#"))
    return list(dict.fromkeys(row["theme"] for row in rows))


def _quoted(text: str) -> str:
    """``text`` as a TOML string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def _resource_text(folder: str, name: str) -> str:
    from buurtdata import datasets

    return (Path(datasets.__file__).parent / folder / name).read_text(encoding="utf-8")


def _title(scope: tuple[str, ...], names: dict[str, str]) -> str:
    """The project's place in its name: the gemeente, the region's gemeenten, or Nederland."""
    if not scope:
        return "Nederland"
    if len(scope) == 1:
        return names.get(scope[0], UNKNOWN_NAME)
    named = [names.get(code, UNKNOWN_IN_REGION.format(code=code)) for code in scope]
    if len(named) > NAMED_IN_TITLE:
        named = [*named[: NAMED_IN_TITLE - 1], f"{len(named) - NAMED_IN_TITLE + 1} andere gemeenten"]
    return and_nl(named)


def _project_toml(
    scope: tuple[str, ...],
    title: str,
    year: int,
    table: str,
    kwb_path: str,
    absolute: bool,
    not_found: str | None,
    known: set[str],
) -> str:
    unnamed = f"# {not_found}.\n" if not_found else ""
    where_data = (
        "# Een absoluut pad: het bestand staat niet in (of naast) de map van dit projectbestand.\n" if absolute else ""
    )
    if not scope:
        header = f"# Project {title} (het hele land), KWB {year}."
        where = f'gemeente = "{NATIONAL}"'
        boundaries = "# De landelijke CBS wijk- en buurtkaart van hetzelfde jaar als de cijfers."
    elif len(scope) == 1:
        header = f"# Project {title}: gemeentecode {scope[0]}, KWB {year}."
        where = f'gemeente = "{scope[0]}"'
        boundaries = (
            "# De CBS wijk- en buurtkaart van hetzelfde jaar als de cijfers (een landelijk bestand mag: het wordt "
            "ingeperkt)."
        )
    else:
        header = f"# Project {title}: gemeentecodes {', '.join(scope)}, KWB {year}."
        where = "gemeenten = [" + ", ".join(f'"{code}"' for code in scope) + "]"
        boundaries = (
            "# De CBS wijk- en buurtkaart van hetzelfde jaar als de cijfers (de landelijke mag: buurtdata houdt\n"
            "# de buurten van deze gemeenten over)."
        )
    return f'''{header} Paden zijn relatief ten opzichte van dit bestand; zie README.md.
{unnamed}name = "{title}, buurtgesprekken"
{where}
year = {year}

[[kwb]]
year = {year}
table = "{table}"
{where_data}data = "{kwb_path}"

[boundaries]
{boundaries}
year = {year}
path = "wijkenbuurten_{year}.gpkg"
layer = "buurten"

# Haal het commentaarteken weg zodra de interviews er zijn (zonder [interviews] maakt buurtdata alleen cijfers).
# [interviews]
# segments = "{TEMPLATE}"
# codebook = "{CODEBOOK}"
# fictional = false
# label = "Buurtgesprekken {title}"
# period = "voorjaar 2025"         # wanneer de gesprekken waren (niet het jaar van de cijfers)
# consent = "geen overdracht"      # of "overdracht": mogen de fragmenten, met pseudoniemen, mee naar een volgende
#                                  # organisatie als het werk overgaat (buurtdata overdracht)? Vraag het elke keer.
# agreements = "{AGREEMENTS}"  # wat het buurtgesprek afsprak, in te vullen na het gesprek

[privacy]
threshold = 3
{_linked(year, known)}'''


def _readme(
    scope: tuple[str, ...],
    title: str,
    found: _kwb_at_hand.Found,
    year: int,
    table: str,
    kwb: Path | None,
    not_found: str | None,
    empty: list[str],
) -> str:
    names = found.names
    raw = Path(settings.data_dir) / "raw" / f"kwb{year}-{table}" / f"{table}.csv"
    if not scope:
        heading, made, covers = title, NATIONAL, ", voor het hele land: alle gemeenten van Nederland"
        narrowed = "Neem het landelijke bestand, met alle gemeenten."
    elif len(scope) == 1:
        heading, made, covers = f"{title} ({scope[0]})", scope[0], ""
        narrowed = "Een landelijk bestand mag: buurtdata neemt alleen deze gemeente."
    else:
        heading, made = title, " ".join(scope)
        covers = f", voor een regio van {len(scope)} gemeenten: " + and_nl(
            [f"{names[code]} ({code})" if code in names else code for code in scope]
        )
        narrowed = (
            "Het landelijke bestand is prima: buurtdata houdt alleen de gemeenten van de regio over. Een bestand "
            "met een deel van de gemeenten mag ook, als alle gemeenten van de regio erin staan."
        )
    if kwb is not None:
        figures = f"De cijfers staan al klaar: `{kwb}` (project.toml verwijst ernaar)."
    else:
        figures = (
            f"Download de *Kerncijfers wijken en buurten {year}* (CBS-tabel **{table}**): open "
            f"https://opendata.cbs.nl/statline/#/CBS/nl/dataset/{table}/table, kies 'Downloaden' -> 'CSV', "
            f"en bewaar het bestand als `kwb{year}_{table}.csv` in deze map (of als `{raw}`; zet dan dat pad "
            f"bij `data` in project.toml). {narrowed}"
        )
    named = _named(scope, found, not_found)
    return f"""# {heading}: buurtcijfers en levende kennis, {year}

Deze map is gemaakt met `buurtdata nieuw {made} --jaar {year}`{covers or ""}.{f" {named}" if named else ""}

## Wat moet er nog in deze map?

1. **De cijfers.** {figures}
2. **De buurtkaart.** Download de CBS wijk- en buurtkaart {year} (GeoPackage) via
   https://www.cbs.nl/nl-nl/dossier/nederland-regionaal/geografische-data/wijk-en-buurtkaart-{year} of PDOK, en
   bewaar hem als `wijkenbuurten_{year}.gpkg` in deze map. {_map_note(scope)}
3. **De interviews (later).** Vul `{TEMPLATE}` met de gecodeerde fragmenten, pas `{CODEBOOK}` (een voorbeeld)
   aan jullie codeboek aan, en haal in project.toml het commentaarteken voor `[interviews]` weg.
   Zonder interviews maakt buurtdata kaarten, handouts en het rapport met alleen cijfers.{_held_note(scope, names)}
4. **Na het buurtgesprek.** Vul `{AGREEMENTS}` met wat er is afgesproken en zet in project.toml bij
   `[interviews]` de `period` (wanneer de gesprekken waren), `agreements` en `consent`. Bij de volgende ronde komen
   de afspraken terug op de handouts. Gaat het werk naar een andere organisatie (`buurtdata overdracht`), dan gaan
   de fragmenten alleen mee met `consent = "overdracht"`: vraag de geïnterviewden daarom bij elk gesprek of dat mag.

## Cijfers bij thema's

Onder `[[links]]` in project.toml staat welke cijfers bij welk thema van het voorbeeld-codeboek horen: de
handouts zetten die cijfers naast wat mensen over het thema noemden en vragen of bewoners dat herkennen. Pas
je het codeboek aan, pas dan ook de thema's bij `[[links]]` en `[maps]` aan; een thema zonder link krijgt op de
handout alleen de vraag wat er speelt.

De cijfers van KWB {year} die je bij `[profile]`, `[maps]` en `[[links]]` kunt noemen:

{_figures_list(year)}
{_empty_note(kwb, empty)}{_many(scope, names, year)}
## Daarna

    buurtdata report --project project.toml --out rapport

Het rapport (`rapport/index.html`) bevat ook vier notebooks in `rapport/notebooks/`. Open ze in JupyterLab
(`jupyter lab rapport/notebooks`) om zelf verder te kijken: ze lezen dit project en `rapport/buurtdata.duckdb`.
Verander je daarna iets in deze map (bijvoorbeeld de privacydrempel of de interviews), maak het rapport dan
opnieuw; een notebook weigert een database die ouder is dan het project. Het nieuwe rapport vervangt de map
`rapport` helemaal: staat een notebook nog open in JupyterLab, sluit het dan en open het opnieuw, en kies
Kernel > Restart Kernel.

Bron van cijfers en kaart: CBS (CC BY 4.0).
"""


def _held_note(scope: tuple[str, ...], names: dict[str, str]) -> str:
    """How to say where the interviews were held, when the project's gemeenten share buurt names (user test N);
    a region's example names its own gemeenten (sweep 12: a Gooi region's README spoke of Hengelo and Deventer)."""
    if len(scope) == 1:
        return ""
    where = "In heel Nederland" if not scope else "In de gemeenten van de regio"
    # The name without its bracketed part (Hengelo for Hengelo (O.)), as one writes it beside a buurt's name.
    first, other = ("GM0164", "Deventer") if not scope else (scope[0], names.get(scope[1], scope[1]).split(" (")[0])
    return (
        f"\n   {where} hebben veel buurten dezelfde naam (Centrum, De Hoven): zet bij `[interviews]` in welke "
        f'gemeenten de gesprekken waren, bv. `gemeenten = ["{first}", "{other}"]` (codes of namen). Een buurtnaam '
        f"wordt dan eerst daar gezocht; een naam met de gemeente erachter (`Centrum ({other})`) of een buurtcode "
        "werkt overal. Waren er gesprekken in alle gemeenten, zet dan bij elk fragment de gemeente: in een kolom "
        f"`gemeente` naast de kolom `buurt` (`Centrum` en `{other}`), of achter de naam."
    )


def _empty_note(kwb: Path | None, empty: list[str]) -> str:
    """The figures of the catalogue that the chosen file holds no value of, left out of project.toml."""
    if not empty:
        return ""
    keys = and_nl([f"`{key}`" for key in empty])
    return (
        f"\nIn `{kwb}` staan geen cijfers voor {keys} (CBS vult sommige cijfers later aan); buurtdata heeft ze "
        "daarom niet bij `[profile]`, `[maps]` en `[[links]]` gezet. Neem een nieuwere versie van het bestand om "
        "ze te gebruiken.\n"
    )


def _map_note(scope: tuple[str, ...]) -> str:
    """Which wijk- en buurtkaart will do, and what another year than the figures' does."""
    if not scope:
        return """Neem de landelijke kaart, van hetzelfde jaar als
   de cijfers. Een ander jaar heeft soms andere buurtcodes; buurtdata laat de gemeenten waar dat speelt weg,
   met de reden in `gemeenten.csv`."""
    if len(scope) == 1:
        return f"""Het landelijke bestand mag: buurtdata neemt alleen
   de buurten van {scope[0]}. Neem de kaart van hetzelfde jaar als de cijfers; een ander jaar heeft soms andere
   buurtcodes, en dan stopt buurtdata met een melding."""
    return """De landelijke kaart is prima: buurtdata houdt
   alleen de buurten van de regio over. Neem de kaart van hetzelfde jaar als de cijfers. Een ander jaar heeft
   soms andere buurtcodes; buurtdata laat de gemeenten waar dat speelt weg, met de reden in `gemeenten.csv`."""


def _named(scope: tuple[str, ...], found: _kwb_at_hand.Found, not_found: str | None) -> str:
    """Where the gemeenten's names come from, or which to fill in and why they were not found (``not_found``)."""
    if not scope:
        return ""
    sources = found.sources
    fill_in = " bij `name` in project.toml" if any(code not in sources for code in scope) else ""
    if len(scope) == 1:
        if scope[0] in sources and not not_found:
            return f"De naam van de gemeente komt uit `{sources[scope[0]]}`."
        return f"{not_found}{fill_in}."
    files = and_nl([f"`{path}`" for path in dict.fromkeys(sources.values())]) if sources else ""
    if not not_found:
        return f"De namen van de gemeenten komen uit {files}."
    which = f"{not_found}{fill_in}."
    return f"{which} De andere namen komen uit {files}." if files else which


def _many(scope: tuple[str, ...], names: dict[str, str], year: int) -> str:
    """The section on what a project of many gemeenten gets, and for the whole country how long it takes."""
    if len(scope) == 1:
        return ""

    if not scope:
        example = folder_name("GM0363", "Amsterdam")
    elif scope[0] in names:
        example = folder_name(scope[0], names[scope[0]])
    else:  # the folder takes the name CBS gives the gemeente, not known here
        example = f"{scope[0]}_gemeentenaam"
    text = f"""
## Een map per gemeente

In het rapport krijgt elke gemeente een eigen map voor de kaarten, de handouts en de toekomstplannen
(bijvoorbeeld `kaarten/{example}/`, `handouts/{example}/` en `toekomstplan/{example}/`).
`regio.html` zet de gemeenten naast elkaar, met Nederland als laatste. `gemeenten.csv` laat per gemeente zien
of die is meegenomen, en zo niet, waarom.
"""
    if scope:
        return text + (
            "\nHeeft de regio een eigen naam (zoals Gooi en Vechtstreek), zet die dan bij `name` in project.toml.\n"
        )
    return (
        text
        + f"""
## Reken op tijd

Een landelijke build duurt lang: het rapport maakt handouts voor zo'n 12.600 buurten en kost op een computer
met 2 kernen ongeveer 20 minuten. Gaat het jullie om een deel van het land, maak dan een project voor een
regio: `buurtdata nieuw GM0402 GM0406 --jaar {year} MAP` met de codes van jullie gemeenten, of zet in
project.toml `gemeenten = ["GM0402", "GM0406"]` in plaats van `gemeente = "NL"`.
"""
    )
