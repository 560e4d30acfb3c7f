"""The tables of coded segments QDA tools export (Taguette, QualCoder, MAXQDA): their columns, how each is known
by its header, and how its rows map to the template's fields. Read by :func:`.segments.read_segments`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from buurtdata._errors import where
from buurtdata.sources.interviews import qda_segments
from buurtdata.sources.interviews.tables import Field

_TAGUETTE_FIELDS = [
    Field("segment_id", ("id",), required=False),
    Field("document", ("document",)),
    Field("code_id", ("tag",)),
    Field("text", ("content",)),
]
# QualCoder's Report > Coding reports > export CSV (report_codes.py, export_csv_file): either
# File, Coder, Coded, Id, Codename, Coded_Memo, Category..., FileVar_<name>...
# or Case, Filename, Coder, Coded, Id, Codename, Coded_Memo, Category..., FileVar_..., CaseVar_<name>...;
# one Category column per level, leaf to root (parent codes first, then categories).
_QUALCODER_FIELDS = [
    Field("segment_id", ("id",), required=False),
    Field("document", ("filename", "file")),
    Field("respondent", ("case",), required=False),
    Field("code_id", ("codename",)),
    Field("text", ("coded",)),
]
# MAXQDA's table of coded segments (Liste der Codings / Retrieved Segments, exported to Excel), in the language of
# its interface: Kleur/Color, Documentgroep, Documentnaam/Document name, Code (path with \), Begin, Einde/End,
# Segment (the quote), Opmerking/Comment, Gewicht/Weight score, Gebied/Area, Dekking %/Coverage %, Aanmaakdatum.
_MAXQDA_DOCUMENT = ("documentnaam", "document name", "dokumentname", "document", "dokument")
_MAXQDA_FIELDS = [Field("document", _MAXQDA_DOCUMENT), Field("code_id", ("code",)), Field("text", ("segment",))]
#: Beginning and end columns of the segments (paragraph or position), by which a MAXQDA export is known.
_MAXQDA_SPAN = (("begin", "beginning", "beginn", "anfang", "start"), ("einde", "end", "ende"))
#: The columns of each tool's table (the template's are :data:`.template_headers.SEGMENT_FIELDS`).
TOOL_FIELDS = {
    "taguette": _TAGUETTE_FIELDS,
    "qualcoder": _QUALCODER_FIELDS,
    "maxqda": _MAXQDA_FIELDS,
}


def table_kind(header: list[str]) -> str:
    """Tell a Taguette, QualCoder or MAXQDA export from the template by its header."""
    if "tag" in header and "content" in header:
        return "taguette"
    if {"codename", "coded"} <= set(header) and {"file", "case"} & set(header):
        return "qualcoder"
    if {"code", "segment"} <= set(header) and all(set(names) & set(header) for names in _MAXQDA_SPAN):
        return "maxqda"
    return "template"


def maxqda_hint(kind: str, header: list[str], quote: tuple[str, ...]) -> str:
    """Say what to do with a header that looks like MAXQDA's coded segments without their Begin and End (where
    ``segment`` would be read as the template's segment id, though MAXQDA's holds the quote); ``quote``: the
    headers of the template's quote column."""
    if kind != "template" or not {"code", "segment"} <= set(header) or set(quote) & set(header):
        return ""
    return (
        " This looks like a MAXQDA export of coded segments, whose 'Segment' holds the quote: export a REFI-QDA "
        "project (.qdpx) from MAXQDA (it carries the document variables), or export the coded segments with all "
        "their columns (Documentnaam, Code, Begin, Einde, Segment) and give role, location and consent in a "
        "respondents table ([interviews] respondents)."
    )


def other_tool_hint(kind: str, header: list[str]) -> str:
    """Say what to export instead of a QDA tool's table that is no table of coded segments buurtdata reads: ATLAS.ti's
    quotation export (``Codes`` with several codes per cell, no role, location or consent), NVivo's summary of codes
    (one row per code, not per passage)."""
    if kind != "template":
        return ""
    names = set(header)
    if "codes" in names and names & {"quotation content", "quotation name", "content", "quotation"}:
        tool, name = "ATLAS.ti's export of quotations", "ATLAS.ti"
    elif "references" in names and names & {"coverage", "files", "aggregate"}:
        tool, name = "NVivo's summary of codes (one row per code, not per coded passage)", "NVivo"
    else:
        return ""
    return (
        f" This looks like {tool}: export the project from {name} as a REFI-QDA project (.qdpx, in its Export menu) "
        "and read that: it carries the cases' variables (rol, buurt, toestemming) and one segment per coding."
    )


def qualcoder_extras(path: Path, row: int, header: list[str], cells: list[str], problems: list[str]) -> dict[str, str]:
    """Return the code path (categories root first) and the variables that carry role, location, consent."""
    named = dict(zip(header, cells, strict=False))
    if not named.get("id", "ctid:").startswith("ctid:"):
        problems.append(
            f"{where(path, row, 'Id')}: {named['id']!r} is an image or audio/video coding, which has no text; "
            "export a report of text codings only (File type: text)."
        )
    categories = [cell.strip() for h, cell in zip(header, cells, strict=False) if h == "category" and cell.strip()]
    extras = {"code_id": "/".join([*reversed(categories), named.get("codename", "").strip()])}
    for name, cell in zip(header, cells, strict=False):
        variable = name.split("_", 1)[1] if name.startswith(("filevar_", "casevar_")) else ""
        for column, names in qda_segments.VARIABLE_FIELDS.items():
            # A case variable outranks a file variable of the same meaning.
            if variable in names and cell.strip() and (name.startswith("casevar_") or column not in extras):
                extras[column] = cell.strip()
    return extras


def from_tool(kind: str, values: pd.DataFrame) -> pd.DataFrame:
    """Map Taguette, QualCoder or MAXQDA rows to template fields: respondent from case or document."""
    out, seen = [], {}
    for cells in values.to_dict("records"):
        cells["respondent"] = cells.get("respondent") or cells["document"]
        if kind in ("taguette", "maxqda"):
            cells["code_id"] = "/".join(p.strip() for p in cells["code_id"].split("\\"))
        # Taguette repeats a highlight's id once per tag; each (highlight, tag) is a segment.
        ident = cells.get("segment_id", "")
        if ident:
            seen[ident] = seen.get(ident, 0) + 1
            if seen[ident] > 1:
                cells["segment_id"] = f"{ident}#{seen[ident]}"
        out.append(cells)
    return pd.DataFrame.from_records(out, index=values.index)
