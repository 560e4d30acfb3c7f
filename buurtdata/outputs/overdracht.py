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
  ``"geen overdracht"`` passes nothing and is left out of the dossier's project; a respondent in ``no_handover`` of
  any round stays behind from every round (:mod:`buurtdata.outputs.overdracht_ids`);
- ``afspraken/``: the agreements of every round, as CSV in UTF-8 (a workbook too), ``wie`` scrubbed of names;
- ``uitvoer/``: the folder given (``--outputs``; refused when a round stays behind or has ``no_handover``: a
  finished build holds them and cannot be cleaned), else a build of the *dossier's* database, GeoPackage and maps
  (no report, notebooks or handouts, and the command says so), so it holds no more than the dossier hands over;
- ``manifest.json``: sha256 and size of every member, and the provenance of every input (its original path
  and sha256, and what was done to it).

Names listed for scrubbing (``[privacy] names``, ``names_file``) stay behind too: the quotes are scrubbed
already, and a list of people's names is not the successor's to have.
"""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from buurtdata import __version__, dossier, pipeline
from buurtdata._errors import unwritable
from buurtdata._spreadsheet import excel_csv
from buurtdata._text import FICTIONAL, told_if_fictional
from buurtdata._toml import read as read_toml
from buurtdata.dossier import FORMAT, MANIFEST, PROJECT, sha256
from buurtdata.outputs.overdracht_ids import DossierError, withheld, without
from buurtdata.outputs.overdracht_leesmij import README, dutch_omitted, dutch_withheld
from buurtdata.outputs.overdracht_leesmij import leesmij as _leesmij
from buurtdata.project import Project
from buurtdata.rounds import Round
from buurtdata.sources import agreements, interviews
from buurtdata.sources.cbs.files import files_beside
from buurtdata.sources.interviews.unplaced_names import sentences_withheld

__all__ = ["README", "DossierError", "_leesmij", "pack"]

#: Zip timestamps are fixed, so the same inputs give the same dossier bytes.
_DATE = (2000, 1, 1, 0, 0, 0)
#: Keys of an interview section the packed segments no longer need: they are in the template's columns, placed
#: (location = buurt or wijk code), with role and consent; a respondents table (raw ids) never enters the dossier.
_DROPPED_INTERVIEW_KEYS = ("tool", "variables", "themes", "pc6", "respondents", "no_handover")


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
    ``outputs`` is a finished build to include (refused when anything of the project stays behind); without it
    the dossier is built (database, GeoPackage, maps).
    """
    out = Path(out)
    if out.suffix.lower() != ".zip":
        raise DossierError(f"--out {out}: an overdrachtsdossier is a .zip file; name it e.g. {out.with_suffix('.zip')}")
    if outputs is not None and not Path(outputs).is_dir():
        raise DossierError(f"--outputs {outputs}: not a folder; give the folder a build wrote, or leave it out")
    # Said before the dossier is built, as handouts and report say it of --out (sweep 12: a minute of building
    # first); a folder not there yet is made, as before (review 12), when the one it would be made in can be written.
    where = next(folder for folder in out.absolute().parents if folder.exists())
    if not where.is_dir() or not os.access(where, os.W_OK | os.X_OK):
        why = "is a file" if not where.is_dir() else f"cannot be written in ({unwritable(where)})"
        example = Path.home() / out.name
        raise DossierError(f"--out {out}: {where} {why}. Give a .zip in a folder you may write in, e.g. {example}.")
    project = Project.load(project_file)
    earlier = _earlier_dossier(out, project)
    if outputs is not None:
        _refuse_finished_build(project, Path(outputs))
    # Whoever is in any round's no_handover stays behind from every round; a typo is refused before anything is built.
    left = withheld(project)
    key = key if key is not None else interviews.load_or_create_key()
    raw = read_toml(project.path)[1]
    members: dict[str, bytes] = {}
    inputs: list[dict[str, Any]] = []
    omitted: list[str] = []
    left_behind: list[str] = []  # the same, in Dutch, for the LEESMIJ
    unread: list[str] = []  # members packed to be read, not named by the dossier's project file
    stayed_in: list[tuple[str, int]] = []  # each round's label and how many of its respondents stayed behind

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
            section = raw["interviews"] if one.current else raw["rounds"][number]
            if one.consent != "overdracht":
                omitted.append(f"ronde {one.as_written!r}: consent = {one.consent!r}; its segments stay behind")
                said = "the default" if "consent" not in section else "as the project file says"
                say(
                    f"  left out: the segments and codebook of round {one.as_written!r} (consent = {one.consent!r}, "
                    f"{said}); if its respondents agreed to pass them pseudonymised, write consent = "
                    f'"overdracht" in {"[interviews]" if one.current else "its [[rounds]] entry"} and pack again'
                )
                if one.agreements is not None:
                    # What the meeting agreed is no respondent's: it passes, as printed, to be read (user test B).
                    add(
                        f"afspraken/ronde_{one.number}.csv",
                        agreements.handed_over(
                            one.agreements,
                            names=project.interviews.names,
                            places=regions["name"],
                            read_as=result.agreements_read_as.get(one.number),
                        ),
                        one.agreements,
                        "written as CSV for Excel with Dutch settings (';', UTF-8 with a BOM), wie without names of "
                        "people; its round stayed behind: to read only" + _left_behind(one.agreements),
                    )
                    unread.append(f"afspraken/ronde_{one.number}.csv")
                continue
            stayed = _pack_round(one, section, project, regions, result, key, add, refused, left)
            if stayed:
                omitted.append(
                    f"ronde {one.as_written!r}: {stayed} {'respondent' if stayed == 1 else 'respondents'} in "
                    "no_handover (of this round or another: it applies to every round); their segments stay behind"
                )
                stayed_in.append((one.label, stayed))
            kept_rounds.append(section)
        if project.rounds and project.rounds[-1].consent != "overdracht":
            # Without today's segments no round can be shown against today's codebook: figures only.
            raw.pop("interviews", None)
            raw.pop("rounds", None)
            raw.get("maps", {}).pop("theme", None)
            omitted.append("every interview round: today's round may not pass; the dossier holds the figures")
        elif "rounds" in raw:
            raw["rounds"] = [r for r in kept_rounds if r is not raw.get("interviews")]
        if stayed_in:
            left_behind.append(dutch_withheld(stayed_in, several=len(kept_rounds) > 1))
    finally:
        result.con.close()

    members[PROJECT] = _toml(raw).encode("utf-8")
    with tempfile.TemporaryDirectory() as folder:
        # Built from the dossier itself, not the project: uitvoer/ then holds exactly what the dossier hands over,
        # never the segments or counts of a respondent in no_handover or of a round that stays behind (review 3.1).
        built = Path(outputs) if outputs is not None else _build(members, Path(folder), out.name, key, say)
        for path in sorted(p for p in built.rglob("*") if p.is_file()):
            add(f"uitvoer/{path.relative_to(built).as_posix()}", path.read_bytes(), None, "output")
    folders = sorted({m.split("/")[0] for m in members if "/" in m})
    fictional = told_if_fictional(FICTIONAL, project)  # VOORBEELD only of the sample
    kept = [r for r in project.rounds if r.consent == "overdracht" and "interviews" in raw]
    members[README] = _leesmij(
        project.name,
        out.name,
        folders,
        fictional=fictional,
        built=outputs is None,
        interviews="interviews" in raw,
        rounds=[f"{r.label}" + (f" ({r.period})" if r.period and r.period not in r.label else "") for r in kept],
        left_behind=[dutch_omitted(r, unread) for r in project.rounds if r.consent != "overdracht"]
        + left_behind
        + (
            [
                "De andere rondes staan niet in project.toml: zonder de laatste ronde is geen ronde naast het "
                "codeboek van nu te leggen. Hun bestanden (fragmenten/, codeboeken/, afspraken/) zijn er om te "
                "lezen; gebouwd worden de cijfers en de grenzen."
            ]
            if "interviews" not in raw and any(r.consent == "overdracht" for r in project.rounds)
            else []
        ),
    ).encode()
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
    if earlier:
        say(f"buurtdata: {out} held an earlier dossier of this project ({earlier}); it is replaced")
    say(f"buurtdata: {out} ({len(members)} files, checked by {MANIFEST})")
    return out


def _pack_round(
    one: Round,
    section: dict[str, Any],
    project: Project,
    regions: pd.DataFrame,
    result: pipeline.PipelineResult,
    key: bytes,
    add: Callable[..., str],
    refused: dict[str, str],
    left: set[str],
) -> int:
    """Put one round's codebook, segments (pseudonymised, placed, scrubbed) and agreements in the dossier; return
    how many of its respondents stayed behind (``left``: those of any round's ``no_handover``, normalised)."""
    files = project.interviews
    codebook = interviews.read_codebook(one.codebook or one.segments, themes=one.themes)
    # Its descriptions scrubbed as the database's are: often a memo with a name or number (sweep 12 interviews F17).
    names = files.names if files else ()
    scrubbed = interviews.scrub_codebook(codebook, one.codebook or one.segments, names=names, places=regions["name"])
    book = scrubbed.rename(columns={"code_id": "code"})[["code", "theme", "description"]]
    section["codebook"] = add(
        f"codeboeken/ronde_{one.number}.csv",
        _csv(book),
        one.codebook or one.segments,
        "read and written as CSV (code, theme, description), descriptions scrubbed",
    )
    # Read, themed, placed and pseudonymised as the build does it.
    segments = pipeline.rounds.located(one, project, codebook, regions, result.boundaries, refused)
    segments, stayed = without(segments, left)
    segments = interviews.pseudonymise(segments, key)
    segments = interviews.scrub_free_text(segments, names=files.names, places=regions["name"])
    consent = segments["consent"].fillna(False).astype(bool)
    # A location that reads as a sentence is a quote in the location column (sweep 12 interviews F18): without
    # consent it passes as its length alone, as niet_geplaatste_fragmenten.csv lists it.
    said = ~consent.to_numpy()
    if said.any():
        located = segments["location_raw"].astype(object).to_numpy(copy=True)
        located[said] = sentences_withheld(segments[said])["location_raw"].astype(object).to_numpy()
        segments = segments.assign(location_raw=located)
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
    template = _with_gemeente(template, segments, places=regions["name"])
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
            agreements.handed_over(
                source,
                names=files.names if files else (),
                places=regions["name"],
                read_as=result.agreements_read_as.get(one.number),
            ),
            source,
            "written as CSV for Excel with Dutch settings (';', UTF-8 with a BOM; a workbook's first visible sheet "
            "too), its rows as written but wie without names of people" + _left_behind(source),
        )
    return stayed


def _refuse_finished_build(project: Project, outputs: Path) -> None:
    """Refuse ``--outputs`` when something of the project stays behind: a finished build holds it and cannot be
    cleaned (review 3.1: a respondent in no_handover was quoted in the packed report)."""
    why = [
        f"round {one.as_written!r} "
        + ("has no_handover" if one.consent == "overdracht" else f"stays behind (consent = {one.consent!r})")
        for one in project.rounds
        if one.no_handover or one.consent != "overdracht"
    ]
    if why:
        raise DossierError(
            f"--outputs {outputs}: in {project.path.name}, {'; '.join(why)}, and a finished build holds their "
            "segments and counts (quotes in handouts, counts in the database), which cannot be taken out of it. "
            "Leave out --outputs: the database, GeoPackage and maps are then built from what the dossier hands over, "
            "without them."
        )


def _build(members: dict[str, bytes], folder: Path, zipped: str, key: bytes, say: Callable[[str], None]) -> Path:
    """Write the dossier's members (``project.toml`` among them) to ``folder``, build that project into
    ``folder/uitvoer`` and return it: the outputs then hold exactly what the dossier hands over."""
    from buurtdata.outputs.build import build

    # Laid out as the dossier is, uitvoer/ beside project.toml: its database then names "../project.toml", which an
    # unpacked dossier has (sweep 13 #16: "../dossier/project.toml", a folder only this build had).
    unpacked = folder
    for member, data in members.items():
        path = unpacked / member
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    # A warning of the build names the dossier's file (d.zip: fragmenten/...), not a temporary folder.
    opened = {os.path.join(str(f), "") for f in (unpacked, unpacked.resolve())}
    dossier._OPENED.update(dict.fromkeys(opened, zipped))
    try:
        build(
            unpacked / PROJECT, folder / "uitvoer", key=key, notebook_names=(), handout_buurten=[], say=lambda _: None
        )
    finally:
        for one in opened:
            dossier._OPENED.pop(one, None)
    say(
        "  no --outputs: built the database, GeoPackage and maps of the dossier into uitvoer/ (no report, notebooks "
        "or handouts); pass --outputs with the folder of a finished build to include that instead"
    )
    return folder / "uitvoer"


def _csv(frame: pd.DataFrame) -> bytes:
    """``frame`` as a CSV for Excel with Dutch settings (``;``, UTF-8 with a BOM: :func:`.excel_csv`), a
    formula-leading cell (a code ``=...``, a quote ``- Ja``) with ``'`` before it: the successor opens these files in
    a spreadsheet to edit them (sweep 12 F2, sweep 13 #6); buurtdata reads them back without it."""
    return excel_csv(frame)


def _relative(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.name  # outside the project folder: where it lived on the old machine says nothing to a successor


def _left_behind(path: Path) -> str:
    """What the manifest says of the columns of an agreements file that stay behind (sweep 13 #21)."""
    left = agreements.not_handed_over(path)
    return f"; columns not packed (buurtdata does not read them): {', '.join(left)}" if left else ""


def _earlier_dossier(out: Path, project: Project) -> str | None:
    """What ``out`` holds when it is an earlier dossier of ``project`` (its buurtdata version), to be replaced; None
    when there is no such file. Anything else is refused before a dossier is built (sweep 13 #23: an archive of
    scans, or the dossier of another project, was overwritten without a word)."""
    if not out.exists():
        return None
    fix = f"choose another name, e.g. {out.with_name(f'{out.stem}-overdracht.zip')}, or move it away first"
    try:
        with zipfile.ZipFile(out) as archive:
            manifest = json.loads(archive.read(MANIFEST))
    except (OSError, zipfile.BadZipFile, KeyError, ValueError):
        why = "a folder" if out.is_dir() else "no overdrachtsdossier"
        raise DossierError(f"--out {out}: exists and is {why}; nothing was written. To keep it, {fix}.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise DossierError(f"--out {out}: exists and is no overdrachtsdossier; nothing was written. To keep it, {fix}.")
    if manifest.get("project") != project.name:
        raise DossierError(
            f"--out {out}: holds the overdrachtsdossier of another project ({manifest.get('project')!r}, not "
            f"{project.name!r}); nothing was written. To keep it, {fix}."
        )
    return f"buurtdata {manifest.get('buurtdata', '?')}"


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


def _with_gemeente(template: pd.DataFrame, segments: pd.DataFrame, *, places: Iterable[str]) -> pd.DataFrame:
    """The template with the column ``gemeente`` of a segment placed nowhere, when the round wrote one beside its place
    (``location_gemeente``; scrubbed as the place is): without it the successor's build looked "Noord" of a Zwolle team
    up in every gemeente again and could place it in Hengelo's Noord (user test W's column, lost in the dossier).
    Placed segments carry their code, which needs no gemeente."""
    if "location_gemeente" not in segments.columns:
        return template
    unplaced = segments["buurt_code"].isna() & segments["wijk_code"].isna()
    written = segments["location_gemeente"].where(unplaced)
    if written.isna().all():
        return template
    said = interviews.scrub_text(written.fillna("").astype(str), places=places)
    return template.assign(gemeente=said.to_numpy())
