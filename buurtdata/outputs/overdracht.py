"""Pack an overdrachtsdossier: what a next organisation needs to continue a project, never the pseudonym key.

``buurtdata overdracht --project FILE --out FILE.zip`` (:func:`pack`) writes one zip with

- ``project.toml``: the project file, its paths pointing into the dossier;
- ``bronnen/``: the KWB files and polygons as they were read, with the files read beside a KWB file (its
  DataProperties and region names, :func:`buurtdata.sources.cbs.files.files_beside`) beside it again;
- ``codeboeken/``: every round's codebook (as CSV: code, theme, description);
- ``fragmenten/``: every round's segments *as its consent allows*: rounds with ``consent = "overdracht"``
  pass pseudonymised (keyed pseudonyms, the key stays behind), placed (the location is the buurt or wijk code,
  never an address; of one placed in neither, its written location scrubbed, as ``niet_geplaatste_fragmenten.csv``
  has it, for the successor to correct) and scrubbed, with the quote only where the respondent consented; a round with
  ``"geen overdracht"`` passes nothing and is left out of the dossier's project;
- ``afspraken/``: the agreements of every round, as CSV in UTF-8 (a workbook too), ``wie`` scrubbed of names;
- ``uitvoer/``: the folder given (``--outputs``), else a build of the project's database, GeoPackage and maps
  (no report, notebooks or handouts, and the command says so);
- ``manifest.json``: sha256 and size of every member, and the provenance of every input (its original path
  and sha256, and what was done to it).

Names listed for scrubbing (``[privacy] names``, ``names_file``) stay behind too: the quotes are scrubbed
already, and a list of people's names is not the successor's to have.
"""

from __future__ import annotations

import io
import json
import tempfile
import tomllib
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from buurtdata import __version__, pipeline
from buurtdata._errors import BuurtdataError
from buurtdata._text import FICTIONAL
from buurtdata.dossier import FORMAT, MANIFEST, PROJECT, sha256
from buurtdata.project import Project
from buurtdata.rounds import Round
from buurtdata.sources import agreements, interviews
from buurtdata.sources.cbs.files import files_beside

#: Zip timestamps are fixed, so the same inputs give the same dossier bytes.
_DATE = (2000, 1, 1, 0, 0, 0)
#: Keys of an interview section the packed segments no longer need: they are in the template's columns, placed
#: (location = buurt or wijk code), with role and consent; a respondents table (raw ids) never enters the dossier.
_DROPPED_INTERVIEW_KEYS = ("tool", "variables", "themes", "pc6", "respondents")


class DossierError(BuurtdataError):
    """A dossier cannot be packed as asked."""


def pack(
    project_file: str | Path,
    out: str | Path,
    *,
    key: bytes | None = None,
    outputs: str | Path | None = None,
    say: Callable[[str], None] = print,
) -> Path:
    """Write the overdrachtsdossier of ``project_file`` to ``out`` (a ``.zip``) and return its path.

    ``key`` is the pseudonym key (default: the key file of :mod:`buurtdata.settings`); it is used, never packed.
    ``outputs`` is a finished build to include; without it the project is built (database, GeoPackage, maps).
    """
    out = Path(out)
    if out.suffix.lower() != ".zip":
        raise DossierError(f"--out {out}: an overdrachtsdossier is a .zip file; name it e.g. {out.with_suffix('.zip')}")
    if outputs is not None and not Path(outputs).is_dir():
        raise DossierError(f"--outputs {outputs}: not a folder; give the folder a build wrote, or leave it out")
    project = Project.load(project_file)
    key = key if key is not None else interviews.load_or_create_key()
    raw = tomllib.loads(project.path.read_text(encoding="utf-8"))
    members: dict[str, bytes] = {}
    inputs: list[dict[str, Any]] = []
    omitted: list[str] = []

    def add(member: str, data: bytes, source: Path | None, done: str) -> str:
        members[member] = data
        if source is not None:
            inputs.append(
                {
                    "member": member,
                    "original": _relative(source, project.path.parent),
                    "sha256_original": sha256(source.read_bytes()),
                    "handling": done,
                }
            )
        return member

    for entry, files in zip(raw.get("kwb", []), project.kwb, strict=True):
        folder = f"bronnen/kwb{files.year}"
        for field in ("data", "properties", "regions", "boundaries"):
            if field in entry:
                source = getattr(files, field)
                entry[field] = add(f"{folder}/{source.name}", source.read_bytes(), source, "copied")
        if files.properties is None:
            # A KWB file named alone is read with its DataProperties and region names from beside it: they go
            # beside it under the same names, so the rebuild reads what the build read.
            for source in files_beside(files.data, files.table):
                add(f"{folder}/{source.name}", source.read_bytes(), source, f"copied; read beside {files.data.name}")
    source = project.boundaries.path
    raw["boundaries"]["path"] = add(f"bronnen/grenzen/{source.name}", source.read_bytes(), source, "copied")
    raw.get("privacy", {}).pop("names", None)
    raw.get("privacy", {}).pop("names_file", None)

    result = pipeline.run(project, ":memory:", key=key)
    try:
        regions = result.con.sql("select * from regions where year = ?", params=[project.year]).df()
        refused = pipeline.scope.refused(result.con)
        kept_rounds = []
        for number, one in enumerate(project.rounds):
            if one.consent != "overdracht":
                omitted.append(f"ronde {one.label!r}: consent = {one.consent!r}; its segments stay behind")
                continue
            section = raw["interviews"] if one.current else raw["rounds"][number]
            _pack_round(one, section, project, regions, result, key, add, refused)
            kept_rounds.append(section)
        if project.rounds and project.rounds[-1].consent != "overdracht":
            # Without today's segments no round can be shown against today's codebook: figures only.
            raw.pop("interviews", None)
            raw.pop("rounds", None)
            raw.get("maps", {}).pop("theme", None)
            omitted.append("every interview round: today's round may not pass; the dossier holds the figures")
        elif "rounds" in raw:
            raw["rounds"] = [r for r in kept_rounds if r is not raw.get("interviews")]
    finally:
        result.con.close()

    with tempfile.TemporaryDirectory() as folder:
        built = Path(outputs) if outputs is not None else _build(project.path, Path(folder) / "uitvoer", key, say)
        for path in sorted(p for p in built.rglob("*") if p.is_file()):
            add(f"uitvoer/{path.relative_to(built).as_posix()}", path.read_bytes(), None, "output")
    members[PROJECT] = _toml(raw).encode("utf-8")
    folders = sorted({m.split("/")[0] for m in members if "/" in m})
    fictional = project.fictional
    members[README] = _leesmij(project.name, out.name, folders, fictional=fictional).encode()
    for member, data in members.items():
        if key in data:
            raise DossierError(f"{member} holds the pseudonym key; the dossier was not written")
    manifest = {
        "format": FORMAT,
        "project": project.name,
        "buurtdata": __version__,
        "files": {m: {"sha256": sha256(d), "bytes": len(d)} for m, d in sorted(members.items())},
        "inputs": inputs,
        "omitted": omitted,
        "not_included": [
            "the pseudonym key (the successor makes its own; pseudonyms then differ, counts do not)",
            "[privacy] names and names_file (quotes are scrubbed already)",
        ],
    }
    _write_zip(out, members, json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"))
    say(f"buurtdata: {out} ({len(members)} files, checked by {MANIFEST})")
    return out


#: What the successor opens first: in Dutch, what the dossier holds and how to build from it (user test).
README = "LEESMIJ.txt"
_FOLDERS = {
    "bronnen": "de CBS-cijfers en de buurtgrenzen (Bron: CBS, CC BY 4.0)",
    "fragmenten": "de interviewfragmenten: met pseudoniemen, zonder namen en adressen; zonder toestemming geen citaat",
    "codeboeken": "de codeboeken van de interviews",
    "afspraken": "de afspraken per gespreksronde (CSV in UTF-8; bij 'wie' geen namen van personen)",
    "uitvoer": "het rapport zoals het bij de overdracht was",
}


def _leesmij(name: str, zipped: str, folders: list[str], *, fictional: bool) -> str:
    """The dossier's LEESMIJ.txt: what is in it, how to build from it, and what stayed behind."""
    held = "".join(f"- {folder}/: {_FOLDERS.get(folder, folder)}\n" for folder in folders)
    return (
        f"Overdrachtsdossier {name}, gemaakt met buurtdata {__version__}.\n"
        + (f"{FICTIONAL}\n" if fictional else "")
        + "\n"
        "Wat erin zit\n"
        "- project.toml: het projectbestand; de paden wijzen naar de bestanden in dit dossier.\n"
        f"{held}"
        f"- {MANIFEST}: een controlegetal van elk bestand.\n\n"
        "Opnieuw bouwen\n"
        f"    buurtdata report --project {zipped} --out rapport\n"
        "of, als u het dossier hebt uitgepakt, --project project.toml. buurtdata kijkt eerst of elk bestand nog is\n"
        "zoals het werd ingepakt.\n\n"
        "Wat er niet in zit\n"
        "- De sleutel van de pseudoniemen: u maakt uw eigen. De pseudoniemen verschillen dan, de aantallen niet.\n"
        "- De namenlijst van het project: de citaten zijn al geschoond.\n\n"
        f"Verder werken met deze bestanden als een eigen project? Pak het dossier uit en verwijder {MANIFEST}.\n"
    )


def _pack_round(
    one: Round,
    section: dict[str, Any],
    project: Project,
    regions: pd.DataFrame,
    result: pipeline.PipelineResult,
    key: bytes,
    add: Callable[..., str],
    refused: dict[str, str],
) -> None:
    """Put one round's codebook, segments (pseudonymised, placed, scrubbed) and agreements in the dossier."""
    files = project.interviews
    codebook = interviews.read_codebook(one.codebook or one.segments, themes=one.themes)
    book = codebook.rename(columns={"code_id": "code"})[["code", "theme", "description"]]
    section["codebook"] = add(
        f"codeboeken/ronde_{one.number}.csv",
        _csv(book),
        one.codebook or one.segments,
        "read and written as CSV (code, theme, description)",
    )
    # Read, themed, placed and pseudonymised as the build does it.
    segments = pipeline.rounds.placed(one, project, codebook, regions, result.boundaries, key, refused)
    segments = interviews.scrub_free_text(segments, names=files.names, places=regions["name"])
    consent = segments["consent"].fillna(False).astype(bool)
    template = pd.DataFrame(
        {
            "segment_id": segments["segment_id"],
            "respondent": segments["respondent"],
            "role": segments["role"],
            "code": segments["code_id"],
            "quote": segments["text"].where(consent, ""),
            # Placed: its code; placed nowhere: the written location, scrubbed as niet_geplaatste_fragmenten.csv
            # has it, for the successor to correct (user test: "vd Pekbuurt" and "1091" were emptied).
            "location": segments["buurt_code"]
            .fillna(segments["wijk_code"])
            .fillna(segments["location_raw"])
            .fillna(""),
            "date": pd.to_datetime(segments["date"], errors="coerce").dt.strftime("%Y-%m-%d"),
            "consent": consent.map({True: "ja", False: "nee"}),
        }
    )
    section["segments"] = add(
        f"fragmenten/ronde_{one.number}.csv",
        _csv(template),
        one.segments,
        "pseudonymised (key not included), placed (location = buurt or wijk code, else the written location "
        "scrubbed), scrubbed; quote only with consent",
    )
    for dropped in _DROPPED_INTERVIEW_KEYS:
        section.pop(dropped, None)
    if one.agreements is not None:
        source = one.agreements
        section["agreements"] = add(
            f"afspraken/ronde_{one.number}.csv",
            agreements.handed_over(source, names=files.names if files else ()),
            source,
            "written as CSV in UTF-8 (a workbook's first sheet too), as written but wie without names of people",
        )


def _build(project_file: Path, out: Path, key: bytes, say: Callable[[str], None]) -> Path:
    from buurtdata.outputs.build import build

    build(project_file, out, key=key, notebook_names=(), handout_buurten=[], say=lambda _: None)
    say(
        f"  no --outputs: built the database, GeoPackage and maps into {out.name}/ (no report, notebooks or "
        "handouts); pass --outputs with the folder of a finished build to include that instead"
    )
    return out


def _csv(frame: pd.DataFrame) -> bytes:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def _relative(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.name  # outside the project folder: where it lived on the old machine says nothing to a successor


def _write_zip(out: Path, members: dict[str, bytes], manifest: bytes) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in [*sorted(members.items()), (MANIFEST, manifest)]:
            info = zipfile.ZipInfo(name, date_time=_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    partial.replace(out)


def _toml(raw: dict[str, Any]) -> str:
    """Write a project file's table back as TOML: scalars, lists, tables and arrays of tables, as the format has."""
    lines = ["# Project file of an overdrachtsdossier (buurtdata overdracht); paths point into the dossier."]
    lines += [f"{k} = {_value(v)}" for k, v in raw.items() if not _is_table(v)]
    for name, value in raw.items():
        for entry in (value if isinstance(value, list) else [value]) if _is_table(value) else []:
            lines += ["", f"[[{name}]]" if isinstance(value, list) else f"[{name}]"]
            lines += [f"{_key(k)} = {_value(v)}" for k, v in entry.items() if not isinstance(v, dict)]
            for sub, table in ((k, v) for k, v in entry.items() if isinstance(v, dict)):
                lines += [f"[{name}.{sub}]", *(f"{_key(k)} = {_value(v)}" for k, v in table.items())]
    return "\n".join(lines) + "\n"


def _is_table(value: Any) -> bool:
    return isinstance(value, dict) or (
        isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)
    )


def _key(name: str) -> str:
    bare = name.replace("_", "").replace("-", "").isalnum() and name.isascii()
    return name if bare else json.dumps(name, ensure_ascii=False)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)
