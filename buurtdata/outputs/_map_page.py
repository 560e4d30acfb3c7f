"""The page of a map saved as HTML (:func:`buurtdata.outputs.maps.save_chart`): Altair's self-contained page with
the Vega scripts filled in once, or a page that loads them from a shared file; the chart's spec made inert in it.
"""

from __future__ import annotations

import functools
import html
import json
from pathlib import Path
from typing import Any


@functools.cache
def inline_template() -> Any:
    """Altair's self-contained HTML template with the Vega scripts filled in once per process (seconds each)."""
    from altair.utils.html import TEMPLATES

    from buurtdata.outputs import _vega

    inline = TEMPLATES["inline"]
    template = object.__new__(type(inline))  # a copy: Altair's own template stays as it is
    template.__dict__.update(inline.__dict__)
    template.globals = {**template.globals, "vegaembed_script": _vega.javascript_bundle()}
    return template


#: A map's page that loads the Vega bundle from ``script`` (Altair's inline page otherwise), and says where to
#: find it when it is missing, e.g. when the page was copied without it.
_LINKED_PAGE = """<!DOCTYPE html>
<html lang="nl">
<head>
  <meta charset="UTF-8">
  <style>
    #{{ output_div }}.vega-embed { width: 100%; display: flex; }
    #{{ output_div }}.vega-embed details, #{{ output_div }}.vega-embed details summary { position: relative; }
  </style>
  <script type="text/javascript" src="{{ script }}"></script>
</head>
<body>
<div class="vega-visualization" id="{{ output_div }}"></div>
<script type="text/javascript">
  const spec = {{ spec }};
  const embedOpt = {{ embed_options }};
  if (typeof vegaEmbed === "undefined") {
    document.getElementById("{{ output_div }}").textContent = {{ missing }};
  } else {
    vegaEmbed("#{{ output_div }}", spec, embedOpt).catch(console.error);
  }
</script>
</body>
</html>
"""


@functools.cache
def linked_template(script: str) -> Any:
    """The page of :data:`_LINKED_PAGE` for the bundle at ``script``."""
    import jinja2

    missing = (
        f"Deze kaart heeft het bestand {script} nodig (kopieer het mee). De PDF en PNG naast deze pagina werken altijd."
    )
    template = jinja2.Template(_LINKED_PAGE)
    template.globals = {**template.globals, "script": script, "missing": json.dumps(missing, cls=ScriptSafeJSON)}
    return template


class ScriptSafeJSON(json.JSONEncoder):
    """JSON that is inert inside an HTML ``<script>``: ``<``, ``>`` and ``&`` as ``\\u`` escapes.

    The chart's spec is inlined in a script element, and its texts (project name, labels) come from the
    user's files: a literal ``</script>`` there would end the script and run what follows as markup.

    >>> json.dumps({"title": "</script><b>"}, cls=ScriptSafeJSON)
    '{"title": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """

    def encode(self, o: object) -> str:
        return super().encode(o).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def name_page(path: Path, chart: Any) -> None:
    """Give the saved page at ``path`` its language and a title (the chart's), as the report's other pages have:
    Altair's template has neither, so a browser tab and a screen reader said nothing of the map."""
    title = chart.to_dict().get("title", "")
    text = title.get("text", "") if isinstance(title, dict) else title
    text = " ".join(text) if isinstance(text, list) else str(text)
    page = path.read_text(encoding="utf-8")
    page = page.replace("<html>", '<html lang="nl">', 1)
    page = page.replace(
        '<meta charset="UTF-8">', f'<meta charset="UTF-8">\n  <title>{html.escape(text or path.stem)}</title>', 1
    )
    path.write_text(page, encoding="utf-8")
