"""How the charts show: in JupyterLab through an Altair renderer, in the report's pages as Vega views.

* :func:`enable` registers the renderer ``buurtdata``: each chart is a Vega-Lite document JupyterLab draws
  itself (its own Vega, offline), with a static SVG beside it for viewers without JavaScript (GitHub,
  nbconvert to PDF);
* :func:`embed_html` turns such an output into a Vega view in a report page, drawn by the Vega bundle that
  vl-convert ships (:func:`buurtdata.outputs._vega.javascript_bundle`, a local file; nothing comes from a CDN).
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

import altair as alt

from buurtdata import _optional
from buurtdata.outputs.maps import ScriptSafeJSON

_optional.require("render", __name__)

#: The Vega-Lite media type JupyterLab 4 draws itself (its renderer knows Vega-Lite up to version 5).
MIMETYPE = "application/vnd.vegalite.v5+json"
#: The Altair renderer :func:`enable` registers.
RENDERER = "buurtdata"
#: The Vega-Lite version the static SVG is drawn with: the newest 5.x of vl-convert, as JupyterLab's.
_VL_VERSION = "5.21"
#: A gradient's id in an SVG of vl-convert, and where it is used.
_GRADIENT = re.compile(r'(id="|url\(#)gradient_(\d+)')


def render(spec: dict[str, Any], **metadata: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """Altair renderer: the spec for JupyterLab's own Vega-Lite, and a static SVG for viewers without it."""
    import vl_convert as vlc

    # Altair made the spec for this call; only its top level changes here, so only that is copied.
    spec = {**spec, "$schema": "https://vega.github.io/schema/vega-lite/v5.json"}
    svg = _gradients_from_zero(vlc.vegalite_to_svg(spec, vl_version=_VL_VERSION, format_locale="nl-NL"))
    bundle = {MIMETYPE: spec, "image/svg+xml": svg, "text/plain": "<Altair-grafiek: open in JupyterLab>"}
    return bundle, {MIMETYPE: {"embed_options": {"actions": False, **metadata.get("embed_options", {})}}}


def _gradients_from_zero(svg: str) -> str:
    """Number the gradients of ``svg`` from 0: vl-convert counts on over every SVG it draws in a process, so a
    chart's bytes would depend on which charts the kernel drew before it.

    >>> _gradients_from_zero('<path fill="url(#gradient_7)"/><linearGradient id="gradient_7">')
    '<path fill="url(#gradient_0)"/><linearGradient id="gradient_0">'
    """
    numbers: dict[str, int] = {}
    return _GRADIENT.sub(lambda m: f"{m[1]}gradient_{numbers.setdefault(m[2], len(numbers))}", svg)


def enable() -> None:
    """Register and switch on the :data:`RENDERER` for Altair in this kernel."""
    if RENDERER not in alt.renderers.names():
        alt.renderers.register(RENDERER, render)
    alt.renderers.enable(RENDERER)


def embed_html(spec: dict[str, Any], element_id: str) -> str:
    """Return the HTML that draws ``spec`` with ``window.vegaEmbed`` (load :mod:`~buurtdata.outputs._vega` first).

    The view is drawn as SVG (each buurt a path a reader, or a test, can click) and kept in ``window.buurtViews``.
    """
    payload = json.dumps(spec, cls=ScriptSafeJSON, sort_keys=True)
    options = json.dumps({"actions": False, "renderer": "svg"})
    return (
        f'<div id="{html.escape(element_id)}" class="buurt-vega"></div>\n'
        f"<script>vegaEmbed({json.dumps('#' + element_id)}, {payload}, {options})"
        ".then(function (result) { (window.buurtViews = window.buurtViews || []).push(result.view); })"
        ".catch(function (error) { console.error(error); });</script>"
    )
