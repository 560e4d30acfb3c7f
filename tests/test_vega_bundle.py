"""The Vega scripts that offline pages embed are bundled once and kept in the cache (buurtdata.outputs._vega)."""

from __future__ import annotations

import pytest

from buurtdata import settings
from buurtdata.outputs import _vega

pytest.importorskip("vl_convert")


def test_the_bundle_is_kept_in_the_cache_and_read_from_there(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "cache_dir", tmp_path / "cache")
    bundle = _vega.javascript_bundle()
    (kept,) = (tmp_path / "cache" / "vega").iterdir()
    assert "vegaEmbed" in bundle and kept.read_text(encoding="utf-8") == bundle
    kept.write_text("// from the cache", encoding="utf-8")
    assert _vega.javascript_bundle() == "// from the cache"


def test_a_cache_that_cannot_be_written_costs_time_not_the_build(tmp_path, monkeypatch):
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setattr(settings, "cache_dir", blocked)
    assert "vegaEmbed" in _vega.javascript_bundle()
    assert blocked.read_text(encoding="utf-8") == ""
