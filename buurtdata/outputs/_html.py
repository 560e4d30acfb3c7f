"""HTML pages from the Jinja2 templates in ``templates/``, with autoescaping: text from the data is never markup."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2


def render(template: str, **context: Any) -> str:
    """Return the page ``template`` (a file in ``templates/``) filled in with ``context``.

    >>> render("page.html.j2", title="<Wijk & buurt>", depth=0, body="")[:15]
    '<!DOCTYPE html>'
    """
    return _environment().get_template(template).render(**context)


@cache
def _environment() -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("buurtdata.outputs", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
