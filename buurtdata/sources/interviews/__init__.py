"""Coded interview segments: read them, theme them, place them in a buurt, pseudonymise them.

One row per coded segment, as in the spreadsheet template
``buurtdata/datasets/templates/segmenten_sjabloon.csv`` (columns
``segment_id, respondent, role, code, quote, location, date, consent``;
comma or semicolon separated, UTF-8, lines starting with ``#`` skipped).
Exports of QDA tools read to the same columns: REFI-QDA projects (``.qdpx``)
and codebooks (``.qdc``), Taguette and QualCoder CSV/XLSX (see
:func:`read_segments`); :func:`write_qdpx` and :func:`write_qdc` hand the
work back to such a tool, and :func:`scrub_quotes` takes contact details
out of quotes. :func:`resolve_locations` places each segment by code, name,
CBS PC6 table (:func:`read_pc6`), 4-digit postcode or coordinates and
records how in ``resolved_by``; unplaced rows stay, with the reason.

Privacy is applied in this order by :func:`buurtdata.pipeline.run`:
respondents pseudonymised (:func:`pseudonymise`), quotes scrubbed
(:func:`scrub_quotes`, with the project's ``[privacy] names``), addresses
out of the written locations (:func:`scrub_locations`); the segment rows stay
in a temporary table. Published are ``buurt_themes`` and ``wijk_themes``
(counts only from k or more distinct respondents, ``[privacy] threshold``)
and ``buurt_quotes`` (empty unless ``[privacy] publish_quotes = true``).

The frames returned here are indexed by ``row``, the line
(CSV) or row (XLSX) number in the source file, so every later message can
point back to the spot a person has to fix.

One job per module: :mod:`.tables` reads CSV and XLSX tables, :mod:`.segments`
the segments of the template and of Taguette and QualCoder, :mod:`.qda`
REFI-QDA files (:mod:`.qda_segments` their segments), :mod:`.codebook` the codebook and its themes, :mod:`.places`
the buurt of each location (:mod:`.pc6` the CBS address table), :mod:`.privacy` pseudonyms and scrubbing;
:mod:`.distinct` works out each of these once per distinct value of a column and spreads it back.

>>> from buurtdata.datasets import get_path
>>> segments = read_segments(get_path("hengelo/interviews_fictief.csv"))
>>> segments = attach_themes(segments, read_codebook(get_path("hengelo/codebook.csv")))
>>> segments.loc[6, ["respondent", "code_id", "theme", "location_raw"]].tolist()
['HGL-B01', 'Geldzorgen/Rondkomen', 'Geldzorgen', 'Berflo Es Noord']
"""

from typing import Any

from buurtdata.sources.interviews.codebook import (
    CODEBOOK_COLUMNS,
    CODEBOOK_FORMATS,
    attach_themes,
    read_codebook,
    scrub_codebook,
)
from buurtdata.sources.interviews.gazetteer import REGION_COLUMNS
from buurtdata.sources.interviews.keys import existing_key, load_or_create_key
from buurtdata.sources.interviews.names import FUZZY_CUTOFF
from buurtdata.sources.interviews.pc6 import PC6_COLUMNS, read_pc6
from buurtdata.sources.interviews.places import LOCATION_COLUMNS, RESOLVED_BY, resolve_locations
from buurtdata.sources.interviews.privacy import (
    normalise_respondents,
    pseudonymise,
    respondent_checks,
    warn_named_respondents,
)
from buurtdata.sources.interviews.respondents import ROLES
from buurtdata.sources.interviews.scrub import (
    prepare_scrubbing,
    scrub_free_text,
    scrub_locations,
    scrub_quotes,
    scrub_text,
)
from buurtdata.sources.interviews.segments import SEGMENT_COLUMNS, TEMPLATE, read_segments
from buurtdata.sources.interviews.tables import SEGMENT_FORMATS

__all__ = [
    "CASE_VARIABLES",
    "CODEBOOK_COLUMNS",
    "CODEBOOK_FORMATS",
    "FUZZY_CUTOFF",
    "LOCATION_COLUMNS",
    "PC6_COLUMNS",
    "REGION_COLUMNS",
    "RESOLVED_BY",
    "ROLES",
    "SEGMENT_COLUMNS",
    "SEGMENT_FORMATS",
    "TEMPLATE",
    "attach_themes",
    "existing_key",
    "load_or_create_key",
    "normalise_respondents",
    "pseudonymise",
    "read_codebook",
    "read_pc6",
    "read_segments",
    "resolve_locations",
    "respondent_checks",
    "prepare_scrubbing",
    "scrub_codebook",
    "scrub_free_text",
    "scrub_locations",
    "scrub_quotes",
    "scrub_text",
    "warn_named_respondents",
    "write_qdc",
    "write_qdpx",
]

#: What :mod:`.qda_write` exports, imported on first use: it brings xml and the REFI-QDA reader, which a build of
#: CSV or XLSX files never needs (issue 19).
_QDA_WRITE = ("CASE_VARIABLES", "write_qdc", "write_qdpx")


def __getattr__(name: str) -> Any:
    if name not in _QDA_WRITE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from buurtdata.sources.interviews import qda_write

    return getattr(qda_write, name)


def __dir__() -> list[str]:
    """The module's names with those imported on first use, for ``dir()`` and a notebook's completion (review z L5)."""
    return sorted({*globals(), *_QDA_WRITE})
