"""Vega, Vega-Lite and vega-embed as one classic script, for pages that must draw charts offline.

vl-convert bundles the scripts it ships (no CDN), which takes over a second per process. The bundle depends
only on the versions of vl-convert and of Altair's Vega-Lite, so it is kept in ``settings.cache_dir / "vega"``
and read from there next time.
"""

from __future__ import annotations

from pathlib import Path

from buurtdata import _cache, settings

#: The bundle's file beside the pages that load it (the notebook pages, the maps of many gemeenten).
SCRIPT = "vega.js"


def javascript_bundle() -> str:
    """Return the scripts (they set ``window.vegaEmbed``) for Altair's Vega-Lite, from the cache when it has them."""
    import vl_convert as vlc
    from altair.utils._importers import vl_version_for_vl_convert

    vl_version = vl_version_for_vl_convert()
    path = Path(settings.cache_dir) / "vega" / f"vl-convert-{vlc.__version__}-{vl_version}.js"
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        pass
    bundle = vlc.javascript_bundle(vl_version=vl_version)
    try:
        _cache.write_whole(path, bundle.encode("utf-8"))
    except OSError:
        pass  # a cache that cannot be written costs time, never the build
    return bundle


def write_script(folder: Path) -> Path:
    """Write the bundle as :data:`SCRIPT` in ``folder`` (once: an existing one is kept); return its path."""
    script = folder / SCRIPT
    if not script.exists():
        script.write_text(javascript_bundle(), encoding="utf-8")
    return script
