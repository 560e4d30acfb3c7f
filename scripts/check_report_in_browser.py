"""Open every page of a built report in headless Chromium and check that it works offline.

Usage: ``python scripts/check_report_in_browser.py REPORT_DIR [--chromium /usr/bin/chromium]``

For each HTML page (index, validation, notebooks, maps, handouts) it checks that the page loads from
disk without console errors, page errors or requests leaving the folder, that every relative link of
the page points to an existing file, and that every chart (SVG images in notebook pages, Vega views in
the maps) is drawn: a screenshot of the chart must have non-blank pixels. Screenshots are written to
``REPORT_DIR/../screenshots/``. On a notebook page with an interactive map (``.buurt-vega``) it clicks another
buurt and checks that the linked bars follow: the highlighted buurt and the bars of its figures change.
Exit code 0 when all pages pass, 1 otherwise (every problem is printed).

Uses Python Playwright with Debian's ``chromium`` (no browser download).
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

#: Flags without which Chromium hangs or phones home on a closed network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: Elements that hold a chart: SVG/PNG outputs of a notebook page, a Vega view of a saved map.
CHART_SELECTOR = "img[src^='data:image/svg'], img[src^='data:image/png'], .vega-embed canvas, .vega-embed svg.marks"

#: A chart counts as drawn when at least this share of its pixels is not (near) white.
MIN_INK = 0.01

#: In a report's interactive view (drawn as SVG): the buurten of the map, and the bars linked to the chosen buurt.
MAP_SHAPES = "g.kaart_marks path"
LINKED_BARS = "g.cijfers_layer_0_marks"
ALL_DRAWN = (
    "() => document.querySelectorAll('.buurt-vega svg.marks').length"
    " === document.querySelectorAll('.buurt-vega').length"
)
#: The buurt chosen in the views of the page (the store of the selection parameter ``buurt``).
CHOSEN = """() => JSON.stringify((window.buurtViews || []).map(view => {
    try { return view.data('buurt_store').map(t => t.values); } catch (e) { return null; } }).filter(Boolean))"""


def ink(png: bytes) -> float:
    """Return the share of pixels in a PNG screenshot that are not near-white or transparent."""
    import numpy as np
    from PIL import Image

    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))
    inked = (pixels[..., 3] > 0) & (pixels[..., :3].min(axis=-1) < 235)
    return float(inked.mean()) if inked.size else 0.0


def check(report: Path, chromium: str) -> list[str]:
    """Return every problem found in the report folder (empty when it passes)."""
    from playwright.sync_api import sync_playwright

    report = report.resolve()
    shots = report.parent / "screenshots"
    shots.mkdir(exist_ok=True)
    pages = sorted(report.rglob("*.html"))
    problems: list[str] = []
    if not (report / "index.html").exists():
        return [f"{report}: no index.html; build the report first (buurtdata report --out {report})"]
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as playwright:
        browser = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=chromium,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1200, "height": 900},
        )
        for path in pages:
            name = path.relative_to(report).as_posix()
            page = browser.new_page()
            errors: list[str] = []
            page.on(
                "console",
                lambda m, errors=errors: errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
            )
            page.on("pageerror", lambda e, errors=errors: errors.append(f"page error: {e}"))
            page.on(
                "request",
                lambda r, errors=errors: (
                    errors.append(f"request outside the report: {r.url}")
                    if not r.url.startswith(("file://", "data:", "blob:", "about:"))
                    else None
                ),
            )
            page.goto(path.as_uri(), wait_until="load")
            # The report's interactive charts are drawn by script after load: wait for every one of them.
            page.wait_for_function(ALL_DRAWN, timeout=15000)
            charts = page.locator(CHART_SELECTOR)
            if name.startswith("kaarten/") and path.suffix == ".html":
                page.wait_for_selector(".vega-embed canvas, .vega-embed svg.marks", timeout=15000)
            page.screenshot(path=str(shots / (name.replace("/", "__") + ".png")), full_page=True)
            for i in range(charts.count()):
                chart = charts.nth(i)
                chart.scroll_into_view_if_needed()
                share = ink(chart.screenshot())
                if share < MIN_INK:
                    problems.append(f"{name}: chart {i + 1} looks blank ({share:.2%} non-white pixels)")
            if page.locator(".buurt-vega").count():
                problems.extend(f"{name}: {problem}" for problem in check_linked_views(page))
            if name.startswith(("notebooks/", "kaarten/")) and charts.count() == 0:
                problems.append(f"{name}: no chart found ({CHART_SELECTOR})")
            for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
                url = urlparse(href)
                if url.scheme == "file" and not Path(unquote(url.path)).exists():
                    problems.append(f"{name}: link to a missing file {unquote(url.path)}")
            problems.extend(f"{name}: {e}" for e in errors)
            print(f"{'ok ' if not errors else 'BAD'} {name} ({charts.count()} chart(s))")
            page.close()
        browser.close()
    return problems


def check_linked_views(page: Any) -> list[str]:
    """Click a buurt on the first interactive map of ``page``; return problems if the linked bars do not follow."""
    linked = page.locator(".buurt-vega", has=page.locator(MAP_SHAPES))
    if not linked.count():
        return []  # interactive charts without a linked map (a single map with tooltips)
    view = linked.first
    bars = view.locator(LINKED_BARS).first
    before = bars.inner_html()
    selected = page.evaluate(CHOSEN)
    shapes = view.locator(MAP_SHAPES)
    # The biggest buurt other than the chosen one: a click on its middle lands on it, not on a neighbour.
    boxes = [(box["width"] * box["height"], i) for i in range(shapes.count()) if (box := shapes.nth(i).bounding_box())]
    for _, i in sorted(boxes, reverse=True)[:5]:
        shapes.nth(i).click(force=True)
        page.wait_for_timeout(300)
        after = page.evaluate(CHOSEN)
        if after != selected:
            break
    else:
        return [f"clicking buurten on the map did not change the chosen buurt ({selected})"]
    if bars.inner_html() == before:
        return [f"the chosen buurt changed ({selected} -> {after}) but the linked bars did not"]
    print(f"    clicked a buurt: {selected} -> {after}; the linked bars followed")
    return []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path, help="folder of a built report (with index.html)")
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="Chromium executable (default: %(default)s)")
    args = parser.parse_args(argv)
    problems = check(args.report, args.chromium)
    for problem in problems:
        print(f"PROBLEM {problem}", file=sys.stderr)
    print(f"{'FAILED' if problems else 'passed'}: {len(problems)} problem(s) in {args.report}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
