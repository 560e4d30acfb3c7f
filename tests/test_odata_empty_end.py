"""An empty page after a nextLink is the end of a feed when the feed counts the rows read (review 12 #7): a server
that pages sends a nextLink after every full page, so a table of exactly N x 10,000 rows ends in an empty page.

Every answer below is CONSTRUCTED here, not recorded from CBS: the recorded pages in tests/fixtures/cbs hold no
table of whole pages. The count is asked only after such an empty page; the recorded reads ask nothing else.
"""

from __future__ import annotations

import json
import urllib.error

import pytest
from test_cbs import Canned, Replay

from buurtdata import _cache, _http, settings
from buurtdata.sources import cbs
from buurtdata.sources.cbs import odata

OFFLINE = Canned(error=urllib.error.URLError("Name or service not known"))


@pytest.fixture(autouse=True)
def _cache_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "cache_dir", tmp_path / "cache")


class Constructed:
    """A transport answering CONSTRUCTED pages: two rows and a nextLink, then an empty page, and ``count`` for the
    count asked (``$top=0`` with ``$inlinecount=allpages``, v3, or ``$count=true``, v4)."""

    def __init__(self, url: str, params: dict[str, str], next_key: str, count: bytes) -> None:
        first = _http.full_url(url, params)
        self.empty = f"{first}{'&' if '?' in first else '?'}$skip=2"
        counted = {"$inlinecount": "allpages"} if next_key == "odata.nextLink" else {"$count": "true"}
        self.count = _http.full_url(url, {**params, "$top": "0", **counted})
        rows = [{"ID": 0}, {"ID": 1}]
        self.answers = {
            first: json.dumps({"odata.metadata": "x", "value": rows, next_key: self.empty}).encode(),
            self.empty: b'{"odata.metadata": "x", "value": []}',
            self.count: count,
        }
        self.requests: list[str] = []

    def get(self, url, params):
        full = _http.full_url(url, params)
        self.requests.append(full)
        return 200, "application/json", self.answers[full]


V3 = (f"{odata.ODATA_FEED}/{cbs.KWB_2024}/{odata.TYPED_DATA_SET}", {"$format": "json"}, "odata.nextLink")


def _v3(transport) -> list[dict]:
    return odata.odata_rows(cbs.KWB_2024, odata.TYPED_DATA_SET, transport=transport)


def test_a_table_of_whole_pages_ends_in_an_empty_page_and_is_read_whole_online_and_offline():
    transport = Constructed(*V3, count=b'{"odata.metadata": "x", "odata.count": "2", "value": []}')
    assert _v3(transport) == [{"ID": 0}, {"ID": 1}]
    first = _http.full_url(*V3[:2])
    assert transport.requests == [first, transport.empty, transport.count]
    # The pages and the count are cached: offline the same rows, asked of no server.
    assert _v3(OFFLINE) == [{"ID": 0}, {"ID": 1}] and OFFLINE.calls == 0


@pytest.mark.parametrize(
    ("count", "told"),
    [
        (b'{"odata.metadata": "x", "odata.count": "5", "value": []}', r", and the feed counts 5 rows\."),
        (
            b'{"odata.error": {"code": "", "message": {"value": "Internal error"}}}',
            r"; the feed's count of rows could not be asked \(.*an OData error \('Internal error'\)",
        ),
        (b'{"odata.metadata": "x", "value": []}', r"could not be asked \(.*a feed page without odata.count"),
    ],
    ids=["short of the count", "count refused", "no count"],
)
def test_an_empty_page_short_of_the_count_or_without_one_is_refused_and_not_cached(count, told):
    transport = Constructed(*V3, count=count)
    with pytest.raises(_http.ResponseError, match=rf"an empty page after 2 rows, although .*{told}"):
        _v3(transport)
    assert not _cache.path_for(transport.empty).exists()


def test_odata4_asks_its_count_with_count_true():
    url = f"{odata.ODATA4}/{cbs.KWB_2017}/{odata.OBSERVATIONS}"
    transport = Constructed(url, {}, "@odata.nextLink", count=b'{"@odata.count": 2, "value": []}')
    assert odata.odata4_rows(cbs.KWB_2017, odata.OBSERVATIONS, transport=transport) == [{"ID": 0}, {"ID": 1}]
    assert transport.requests[-1] == f"{url}?$top=0&$count=true"


def test_the_recorded_reads_ask_no_count():
    # The requests, and so the cache entries, of a feed that ends in a short page are as before.
    replay = Replay()
    filter = odata._gemeente_filter("GM0164", odata.WIJKEN_EN_BUURTEN)
    assert len(odata.odata_rows(cbs.KWB_2024, odata.TYPED_DATA_SET, filter=filter, transport=replay)) == 19
    assert len(replay.requests) == 3 and not [r for r in replay.requests if "$top" in r or "count" in r]
