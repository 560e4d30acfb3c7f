"""Cache entries that parse but are not the data asked for (sweep 12 places #4), offline."""

from __future__ import annotations

import urllib.error

import pytest
from test_cbs import Canned

from buurtdata import _cache, _http, settings
from buurtdata._errors import DataNotAvailableError

OFFLINE = Canned(error=urllib.error.URLError("Name or service not known"))


@pytest.fixture(autouse=True)
def _cache_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "cache_dir", tmp_path / "cache")


def test_a_null_entry_is_damaged_not_absent():
    # Sweep 12 places #4: an entry holding null was reported offline as "not in the cache" and stayed.
    url, params = "https://example.org/n", {"$format": "json"}
    assert _http.get_json(url, params, transport=Canned(body=b'{"value": [1]}')) == {"value": [1]}
    entry = _cache.path_for(url, params)
    entry.write_bytes(b"null")
    with pytest.raises(DataNotAvailableError, match=r"held only a damaged copy \(.*\.json, it holds only null\)"):
        _http.get_json(url, params, transport=OFFLINE)
    assert not entry.exists()
    source = Canned(body=b'{"value": [2]}')
    assert _http.get_json(url, params, transport=source) == {"value": [2]} and source.calls == 1
    assert _cache.load_json(url, params) == {"value": [2]} and entry not in _cache.damaged
