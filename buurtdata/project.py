"""A buurtdata project: one gemeente, its KWB years, boundaries and interviews.

A project is one TOML file; paths in it are relative to that file. The
embedded sample is such a project (``buurtdata.datasets.get_path("hengelo")``).
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from buurtdata import _toml, codes, settings
from buurtdata._encoding import decoded
from buurtdata._errors import BuurtdataError, ValidationError
from buurtdata._text import fictional_label
from buurtdata._toml import TableReader
from buurtdata.rounds import INTERVIEW_KEYS, Round, read_rounds


@dataclass(frozen=True)
class KwbFiles:
    """One KWB year: CBS's OData v3 resources saved to Parquet files, or one KWB file as CBS publishes it.

    With ``properties`` and ``regions`` (DataProperties and WijkenEnBuurten) ``data`` is the TypedDataSet
    as Parquet; without them ``data`` is a KWB file that :func:`buurtdata.read_kerncijfers` reads (CSV,
    XLSX or Parquet, CBS keys, titles or CBS's short download names).
    """

    year: int
    table: str
    data: Path
    properties: Path | None = None
    regions: Path | None = None
    #: That year's buurt polygons, to carry its counts onto today's buurten (buurtdata.pipeline.trends).
    boundaries: Path | None = None


@dataclass(frozen=True)
class BoundaryFile:
    """Buurt polygons and the KWB year whose codes they carry."""

    year: int
    path: Path
    layer: str | None


@dataclass(frozen=True)
class InterviewFiles:
    """Coded interview segments, their codebook, how to label and place them, what to publish.

    ``pc6`` is an optional CBS table ``PC6;Huisnummer;Buurt...;Wijk...;Gemeente...``
    ([interviews] ``pc6``). ``publish_quotes`` ([privacy], default false) lets
    consenting, scrubbed quotes of groups of at least k respondents into
    ``buurt_quotes``; ``names`` ([privacy] ``names`` and the lines of
    ``names_file``) are scrubbed from every quote.

    A REFI-QDA project (``.qdpx``) as ``segments`` holds its own codebook,
    so ``codebook`` may then be left out (``None``). ``tool`` names the QDA
    tool that exported it (``nvivo``, ``atlas.ti``, ``maxqda``,
    ``qualcoder``), which fixes how its text positions count;
    ``variables`` ([interviews.variables]) maps ``respondent``, ``role``,
    ``location``, ``consent`` and ``date`` to the case variables a team used
    (``role = "Rol"``); ``themes`` ([interviews.themes]) maps code paths to
    themes where the top of the code tree is not the theme. ``respondents``
    ([interviews] ``respondents``), a CSV or XLSX table ``respondent, role,
    location, consent``, gives those fields to an export that lacks them (Taguette).
    """

    segments: Path
    codebook: Path | None
    fictional: bool
    label: str
    pc6: Path | None = None
    publish_quotes: bool = False
    names: tuple[str, ...] = ()
    tool: str | None = None
    variables: dict[str, str | list[str]] = field(default_factory=dict, hash=False)
    themes: dict[str, str] = field(default_factory=dict, hash=False)
    respondents: Path | None = None
    #: The label as the project file writes it (``label`` says "fictief" on pages): what a message quotes, so the
    #: user finds it in project.toml (sweep13 #20).
    written_label: str = ""


#: Key figures of a handout when ``[profile] indicators`` is not given.
DEFAULT_PROFILE = (
    "inwoners",
    "aandeel_0_15",
    "aandeel_65_plus",
    "aandeel_eenpersoonshuishoudens",
    "aandeel_huishoudens_met_kinderen",
    "pct_huurwoningen_corporatie",
    "gemiddelde_woz",
)
#: The value of ``gemeente`` for a project that covers the whole country.
NATIONAL = "NL"
#: Most key figures a handout has room for.
MAX_PROFILE = 8
#: Default band around the gemeente (index 100) within which a figure does not "point".
DEFAULT_BAND = 20


@dataclass(frozen=True)
class ThemeLink:
    """A theme of the codebook and the indicators that may speak to it.

    A figure "points" to the theme when it is ``band`` or more index points
    above the gemeente (``higher``) or below it (``lower``).
    """

    theme: str
    higher: tuple[str, ...]
    lower: tuple[str, ...] = ()


@dataclass(frozen=True)
class Project:
    """Everything one run of the pipeline needs, read from a project file."""

    path: Path
    name: str
    gemeente: str
    year: int
    kwb: tuple[KwbFiles, ...]
    boundaries: BoundaryFile
    interviews: InterviewFiles | None
    privacy_threshold: int
    map_indicator: str
    map_theme: str | None
    profile_indicators: tuple[str, ...] = DEFAULT_PROFILE
    band: int = DEFAULT_BAND
    links: tuple[ThemeLink, ...] = ()
    #: [handouts]: below this many inwoners (or with no figure of them) a buurt gets no conversation sheet;
    #: ``sparse_handout`` "plek" prints a short sheet about the place instead, "weglaten" lists it in the index.
    min_inwoners: int = 50
    sparse_handout: str = "plek"

    #: The gemeenten the project covers (``gemeenten = [...]``, or the one ``gemeente``); empty for all of NL.
    gemeenten: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # One gemeente: ``gemeenten`` follows ``gemeente``, also through dataclasses.replace(project, gemeente=...).
        if len(self.gemeenten) <= 1 and self.gemeente not in (None, NATIONAL):
            object.__setattr__(self, "gemeenten", (self.gemeente,))

    @property
    def national(self) -> bool:
        """Whether the project covers the whole country (``gemeente = "NL"``)."""
        return self.gemeente == NATIONAL

    #: Interview rounds, oldest first; today's [interviews] is the last (see :mod:`buurtdata.rounds`).
    rounds: tuple[Round, ...] = ()

    @functools.cached_property
    def sample(self) -> bool:
        """Whether this is one of buurtdata's own samples (``buurtdata demo``): its notices say VOORBEELD."""
        from buurtdata import datasets

        return datasets.get_path("hengelo").parent.parent.resolve() in self.path.resolve().parents

    @property
    def fictional(self) -> bool:
        """Whether the project's interviews are made up (``[interviews] fictional``): every page, map and
        handout that shows what they say must say so."""
        return self.interviews is not None and self.interviews.fictional

    @property
    def fictional_rounds(self) -> list[str]:
        """The made-up rounds of a project that has real rounds beside them, as the plan heads their columns (the
        round's period, else its label): each page that shows them names them (sweep 13 #13). Empty when all its
        rounds or none are made up: then :attr:`fictional` says it of all."""
        made_up = [one for one in self.rounds if one.fictional]
        if not made_up or len(made_up) == len(self.rounds):
            return []
        return [one.period or one.label for one in made_up]

    @property
    def comparison_years(self) -> list[int]:
        """KWB years other than the profile year, newest first."""
        return sorted((k.year for k in self.kwb if k.year != self.year), reverse=True)

    def kwb_files(self, year: int) -> KwbFiles:
        """Return the KWB files of ``year``."""
        for files in self.kwb:
            if files.year == year:
                return files
        msg = f"{self.path}: no [[kwb]] entry for year {year}; years present: {[k.year for k in self.kwb]}."
        raise BuurtdataError(msg)

    @classmethod
    def load(cls, path: str | Path) -> Project:
        """Read and check a project file; every problem is reported at once.

        >>> from buurtdata import datasets
        >>> project = Project.load(datasets.get_path("hengelo"))
        >>> project.gemeente, project.year, project.comparison_years
        ('GM0164', 2024, [2020])
        """
        path = Path(path)
        if path.suffix.lower() == ".zip":  # an overdrachtsdossier: checked, unpacked, then read as any project
            from buurtdata.dossier import open_dossier

            path = open_dossier(path)
        elif (path.parent / "manifest.json").is_file():  # perhaps an unpacked one: checked as the zip is
            from buurtdata.dossier import verify_unpacked

            verify_unpacked(path.parent)
        text, raw = _toml.read(path)
        return _Reader(path, text, raw).project()


#: Every key of the project format, per section ('top level' for the keys outside a section).
_KEYS: dict[str, frozenset[str]] = {
    "top level": frozenset(
        {
            "name",
            "gemeente",
            "gemeenten",
            "year",
            "kwb",
            "boundaries",
            "interviews",
            "privacy",
            "maps",
            "profile",
            "links",
            "handouts",
            "rounds",
        }
    ),
    "kwb": frozenset({"year", "table", "data", "properties", "regions", "boundaries"}),
    "boundaries": frozenset({"year", "path", "layer"}),
    "interviews": INTERVIEW_KEYS,
    "privacy": frozenset({"threshold", "publish_quotes", "names", "names_file"}),
    "maps": frozenset({"indicator", "theme"}),
    "profile": frozenset({"indicators", "band"}),
    "handouts": frozenset({"min_inwoners", "sparse_handout"}),
    "links": frozenset({"theme", "higher", "lower"}),
}
#: Keys an earlier project format had, per section, and what they are called now.
_RENAMED: dict[str, dict[str, str]] = {"links": {"indicators": "higher"}}


def _said_fictional(label: str | None, fictional: bool) -> str | None:
    """The label of a fictional set says so wherever it is shown (every source line, map and page prints it)."""
    if not fictional or not isinstance(label, str) or "fictie" in label.casefold():
        return label
    return fictional_label(label)


class PrivacyWarning(UserWarning):
    """A project setting that weakens the protection of respondents."""


class _Reader(TableReader):
    """Collects every problem of a project file, then raises once."""

    def unknown_keys(self) -> None:
        """Report keys the project format does not have: a typo must not silently fall back to a default."""
        self.unknown(self.raw, frozenset(_KEYS["top level"]), "top level", {})
        for section in ("boundaries", "interviews", "privacy", "maps", "profile", "handouts"):
            if section in self.raw:
                self.unknown(self.raw[section], _KEYS[section], f"[{section}]", _RENAMED.get(section, {}))
        for section in ("kwb", "links"):
            entries = self.raw.get(section, [])
            for number, entry in enumerate(entries if isinstance(entries, list) else [entries], start=1):
                self.unknown(entry, _KEYS[section], f"[[{section}]] #{number}", _RENAMED.get(section, {}))

    def project(self) -> Project:
        raw = self.raw
        self.unknown_keys()
        gemeente, gemeenten = self.scope(raw)
        kwb = tuple(self.kwb(entry, i) for i, entry in enumerate(self.tables("kwb")))
        if not kwb and not isinstance(raw.get("kwb"), dict):
            self.problems.append("no [[kwb]] entries: name at least one KWB year with its files")
        year = self.get(raw, "year", int, "top level")
        if year is not None and kwb and year not in {k.year for k in kwb}:
            self.problems.append(f"year = {year} has no [[kwb]] entry; years present: {[k.year for k in kwb]}")
        bounds = self.table("boundaries")
        boundaries = BoundaryFile(
            year=self.get(bounds, "year", int, "[boundaries]"),
            path=self.file(bounds, "path", "[boundaries]"),
            layer=self.get(bounds, "layer", str, "[boundaries]", None),
        )
        privacy = self.table("privacy")
        interviews = self.interviews(self.table("interviews"), privacy) if "interviews" in raw else None
        threshold = self.get(privacy, "threshold", int, "[privacy]", settings.privacy_threshold)
        if threshold is not None and threshold < 1:
            self.problems.append(
                f"[privacy].threshold = {threshold}: must be 1 or more (default {settings.privacy_threshold})"
            )
        elif threshold is not None and threshold < 3:
            import warnings

            msg = (
                f"{self.path}: [privacy].threshold = {threshold} shows themes raised by only {threshold} "
                f"respondent(s) in a buurt, which can point at people; 3 or more is advised."
            )
            warnings.warn(msg, PrivacyWarning, stacklevel=4)
        maps = self.table("maps")
        handouts = self.table("handouts")
        min_inwoners = self.get(handouts, "min_inwoners", int, "[handouts]", 50)
        if min_inwoners is not None and min_inwoners < 0:
            self.problems.append(f"[handouts].min_inwoners = {min_inwoners}: give 0 or more inwoners (default 50)")
        sparse = self.get(handouts, "sparse_handout", str, "[handouts]", "plek")
        if sparse not in (None, "plek", "weglaten"):
            self.problems.append(f'[handouts].sparse_handout = {sparse!r}: give "plek" or "weglaten"')
        project = Project(
            path=self.path,
            name=self.get(raw, "name", str, "top level"),
            gemeente=gemeente,
            year=year,
            kwb=kwb,
            boundaries=boundaries,
            interviews=interviews,
            privacy_threshold=threshold,
            map_indicator=self.get(maps, "indicator", str, "[maps]", "inwoners"),
            map_theme=self.get(maps, "theme", str, "[maps]", None),
            gemeenten=gemeenten,
            **self.profile(self.table("profile"), self.tables("links")),
            min_inwoners=min_inwoners,
            sparse_handout=sparse,
            rounds=read_rounds(self, interviews),
        )
        if self.problems:
            raise ValidationError(self.problems, source=self.path)
        return project

    def scope(self, raw: dict[str, Any]) -> tuple[str | None, tuple[str, ...]]:
        """Read ``gemeente`` (one code, or "NL" for the whole country) or ``gemeenten`` (a region)."""
        if "gemeenten" in raw:
            if "gemeente" in raw:
                self.problems.append(
                    'top level: give either gemeente (one code, or "NL") or gemeenten (a list), not both'
                )
            listed = self.get(raw, "gemeenten", list, "top level")
            if listed is None:
                return None, ()
            if not listed or not all(isinstance(code, str) for code in listed):
                self.problems.append(
                    f'gemeenten = {listed!r}: expected a list of gemeente codes such as ["GM0402", "GM0406"]'
                )
                return None, ()
            found = []
            for code in listed:
                try:
                    found.append(codes.normalize(code, level="gemeente"))
                except BuurtdataError as error:
                    from buurtdata._kwb_at_hand import code_hint  # reads KWB files: only for a name given

                    self.problems.append(f"gemeenten: {code_hint(code, raw.get('year')) or error}")
            unique = tuple(dict.fromkeys(found))
            return (unique[0] if unique else None), unique
        gemeente = self.get(raw, "gemeente", str, "top level")
        if gemeente is None:
            return None, ()
        if codes.is_national(gemeente):
            return NATIONAL, ()
        try:
            gemeente = codes.normalize(gemeente, level="gemeente")
        except BuurtdataError as error:
            from buurtdata._kwb_at_hand import code_hint  # reads KWB files: only for a name given

            self.problems.append(f"gemeente: {code_hint(gemeente, raw.get('year')) or error}")
        return gemeente, (gemeente,)

    def keys(self, table: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = self.get(table, key, list, where, [])
        if value is None:  # wrong type, already reported
            return ()
        if not all(isinstance(item, str) for item in value):
            self.problems.append(
                f"{where}.{key} = {value!r}: expected a list of indicator keys (see pipelines/seeds/indicators.csv)"
            )
            return ()
        return tuple(value)

    def profile(self, profile: dict[str, Any], links: list[dict[str, Any]]) -> dict[str, Any]:
        indicators = self.keys(profile, "indicators", "[profile]") or DEFAULT_PROFILE
        if len(indicators) > MAX_PROFILE:
            self.problems.append(
                f"[profile].indicators has {len(indicators)} keys; a handout has room for {MAX_PROFILE}: drop some"
            )
        band = self.get(profile, "band", int, "[profile]", DEFAULT_BAND)
        if band is not None and not 0 < band < 100:
            self.problems.append(
                f"[profile].band = {band}: give index points between 1 and 99 (default {DEFAULT_BAND})"
            )
        parsed = []
        for index, entry in enumerate(links):
            where = f"[[links]] #{index + 1}"
            link = ThemeLink(
                theme=self.get(entry, "theme", str, where),
                higher=self.keys(entry, "higher", where),
                lower=self.keys(entry, "lower", where),
            )
            if not (link.higher or link.lower):
                self.problems.append(f"{where}: name at least one key in 'higher' or 'lower'")
            parsed.append(link)
        return {"profile_indicators": indicators, "band": band, "links": tuple(parsed)}

    def kwb(self, entry: dict[str, Any], index: int) -> KwbFiles:
        from buurtdata.sources.cbs.tables import declared_mismatch

        where = f"[[kwb]] #{index + 1}"
        files = KwbFiles(
            year=self.get(entry, "year", int, where),
            table=self.get(entry, "table", str, where),
            data=self.file(entry, "data", where),
            # Both or neither: without them, data is a KWB file as CBS publishes it.
            properties=self.file(entry, "properties", where) if "properties" in entry or "regions" in entry else None,
            regions=self.file(entry, "regions", where) if "properties" in entry or "regions" in entry else None,
            boundaries=self.file(entry, "boundaries", where) if "boundaries" in entry else None,
        )
        if isinstance(files.year, int) and isinstance(files.table, str):
            for path in (files.data, files.properties, files.regions):
                mismatch = declared_mismatch(path.name, files.year, files.table) if path is not None else None
                if mismatch is not None:
                    self.problems.append(f"{where}: {path.name}: {mismatch}")
                    break
        return files

    def names_file(self, path: Path) -> list[str]:
        """Return the names of a names file, one a line (``#`` starts a comment); a file nobody can read is a problem.

        A names file that silently yields nothing would publish every name it was meant to remove.
        """
        where = f"[privacy].names_file = {str(path.name)!r}"
        try:
            data = path.read_bytes()
        except OSError as error:
            self.problems.append(f"{where}: cannot read {path} ({error.strerror}); check the file and its permissions")
            return []
        try:
            text, _ = decoded(data)  # UTF-8, or as Excel or Notepad on Windows saved it
        except UnicodeDecodeError:
            self.problems.append(f"{where}: {path} is not a text file; save it as UTF-8 text, one name a line")
            return []
        if "\x00" in text:
            self.problems.append(f"{where}: {path} is not a text file; give a text file with one name a line")
            return []
        return [n.strip() for n in text.splitlines() if n.strip() and not n.lstrip().startswith("#")]

    def interviews(self, entry: dict[str, Any], privacy: dict[str, Any]) -> InterviewFiles:
        names = self.get(privacy, "names", list, "[privacy]", [])
        if names is not None and not all(isinstance(n, str) for n in names):
            self.problems.append(f"[privacy].names = {names!r}: expected a list of strings such as ['Anja', 'Bosman']")
            names = []
        if "names_file" in privacy:
            listed = self.file(privacy, "names_file", "[privacy]")
            if listed.is_file():
                names = [*(names or []), *self.names_file(listed)]
        return dataclasses.replace(
            self.interview_files(entry, "[interviews]"),
            publish_quotes=bool(self.get(privacy, "publish_quotes", bool, "[privacy]", False)),
            names=tuple(names or ()),
        )

    def interview_files(self, entry: dict[str, Any], where: str, label: Any = None) -> InterviewFiles:
        """Read the keys that say how to read one interview round: ``[interviews]`` or a ``[[rounds]]`` entry.

        Every round is read alike, so an earlier round exported from Taguette gets its locations from its own
        ``respondents`` table as today's does. ``label``: the default label (``...``: the key is required).
        """
        fictional = self.get(entry, "fictional", bool, where, False)
        if label is None:
            label = "Fictieve interviews" if fictional else "Interviews"
        segments = self.file(entry, "segments", where)
        # A .qdpx carries its codebook; a folder given as the file (said already) asks for none either.
        inside = (segments.suffix.lower() == ".qdpx" or segments.is_dir()) and "codebook" not in entry
        codebook = None if inside else self.file(entry, "codebook", where)
        written = self.get(entry, "label", str, where, label)
        return InterviewFiles(
            segments=segments,
            codebook=codebook,
            fictional=fictional,
            label=_said_fictional(written, fictional),
            written_label=written if isinstance(written, str) else "",
            pc6=self.file(entry, "pc6", where) if "pc6" in entry else None,
            tool=self.get(entry, "tool", str, where, None),
            variables=self.variables(entry, where),
            themes=self.mapping(entry, "themes", where, lists=False),
            respondents=self.file(entry, "respondents", where) if "respondents" in entry else None,
        )

    def variables(self, entry: dict[str, Any], where: str) -> dict[str, Any]:
        from buurtdata.sources.interviews.qda_segments import VARIABLE_KEYS

        found = self.mapping(entry, "variables", where, lists=True)
        for key in sorted(set(found) - set(VARIABLE_KEYS)):
            self.problems.append(
                f"{_sub(where, 'variables')}: unknown key {key!r}; known keys: {', '.join(VARIABLE_KEYS)}"
            )
        return found

    def mapping(self, entry: dict[str, Any], key: str, where: str, *, lists: bool) -> dict[str, Any]:
        """Return a table of names (strings, or lists of strings when ``lists``), reporting anything else."""
        value = self.get(entry, key, dict, where, {})
        if value is None:
            return {}
        kinds = "a string or a list of strings" if lists else "a string"
        for name, given in value.items():
            ok = isinstance(given, str) or (
                lists and isinstance(given, list) and all(isinstance(g, str) for g in given)
            )
            if not ok:
                self.problems.append(f"{_sub(where, key)}.{name} = {given!r}: expected {kinds}")
        return {name: given for name, given in value.items() if isinstance(given, (str, list))}


def _sub(where: str, key: str) -> str:
    """Name a sub-table of an interview round: ``[interviews.variables]``, ``[[rounds]] #2 [rounds.variables]``."""
    return f"[interviews.{key}]" if where == "[interviews]" else f"{where} [rounds.{key}]"
