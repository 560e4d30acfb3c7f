"""Cache entries and OData answers that parse but are not the data asked for (sweep 12 places #3, #4), offline:
the recorded CBS pages in tests/fixtures/cbs/odata, one of them answered wrongly."""

from __future__ import annotations

import json
import urllib.error

import pytest
from test_cbs import ODATA, Canned, Replay

from buurtdata import _cache, _http, settings
from buurtdata._errors import DataNotAvailableError
from buurtdata.sources import cbs
from buurtdata.sources.cbs import odata

FILTER = odata._gemeente_filter("GM0164", odata.WIJKEN_EN_BUURTEN)
#: The second page of Hengelo's TypedDataSet 2024, reached by the first page's nextLink.
SECOND = json.loads((ODATA / "TypedDataSet_1.json").read_text(encoding="utf-8"))["odata.nextLink"]
ODATA_ERROR = b'{"odata.error":{"code":"","message":{"lang":"en-US","value":"Internal error"}}}'
OFFLINE = Canned(error=urllib.error.URLError("Name or service not known"))


@pytest.fixture(autouse=True)
def _cache_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "cache_dir", tmp_path / "cache")


#: CONSTRUCTED, not recorded: the count CBS would give of Hengelo's TypedDataSet 2024 (the 7 + 7 + 5 rows of the
#: recorded pages), asked ($top=0&$inlinecount=allpages) when an empty page follows a nextLink (review 12 #7).
CONSTRUCTED_COUNT = b'{"odata.metadata": "x", "odata.count": "19", "value": []}'


class OnceWrong(Replay):
    """The recorded pages, but the second page of the TypedDataSet answered with ``body`` (status 200, JSON), and
    the count a constructed answer."""

    def __init__(self, body: bytes) -> None:
        super().__init__()
        self.body = body

    def get(self, url, params):
        if _http.full_url(url, params) == SECOND:
            self.requests.append(SECOND)
            return 200, "application/json", self.body
        if (params or {}).get("$inlinecount") == "allpages":
            self.requests.append(_http.full_url(url, params))
            return 200, "application/json", CONSTRUCTED_COUNT
        return super().get(url, params)


def rows(transport) -> list[dict]:
    return odata.odata_rows(cbs.KWB_2024, odata.TYPED_DATA_SET, filter=FILTER, transport=transport)


@pytest.mark.parametrize(
    ("body", "told"),
    [
        (ODATA_ERROR, r"an OData error \('Internal error'\) instead of a feed page"),
        (b"[]", "a JSON list, not an OData feed page"),
        (
            b'{"odata.metadata": "x", "value": []}',
            r"an empty page after 7 rows, although the page before promised more rows .*, and the feed counts 19 rows",
        ),
    ],
)
def test_a_wrong_answer_with_status_200_stays_out_of_the_cache(body, told):
    # Sweep 12 places #3: such an answer was cached before the page check, so every later run failed (or, for the
    # empty page, silently lost 4 of Hengelo's 7 buurten) even when CBS answered well again.
    with pytest.raises(_http.ResponseError, match=rf"skip=7 answered with {told}.*not kept in the cache") as caught:
        rows(OnceWrong(body))
    assert "Check the URL" not in str(caught.value)
    assert not _cache.path_for(SECOND).exists()
    again = Replay()
    assert len(rows(again)) == 7 + 7 + 5
    assert again.requests == [SECOND, SECOND.replace("skip=7", "skip=14")]  # the good first page came from the cache


def test_a_wrong_answer_an_earlier_version_cached_is_fetched_again():
    # The README promises "a corrupt entry is refetched": an odata.error kept by an earlier version too.
    assert len(rows(Replay())) == 19
    entry = _cache.path_for(SECOND)
    entry.write_bytes(ODATA_ERROR)
    with pytest.raises(DataNotAvailableError) as caught:
        rows(OFFLINE)
    assert (
        f"the cache held only a damaged copy ({entry}, an OData error ('Internal error') instead of a feed page; "
        "removed, so a run online fetches it again)"
    ) in str(caught.value)
    assert not entry.exists()
    entry.write_bytes(ODATA_ERROR)
    online = Replay()
    assert len(rows(online)) == 19 and online.requests[0] == SECOND
    entry.write_bytes(ODATA_ERROR)
    with pytest.raises(_http.ResponseError, match=r"nor is the copy the cache held, .*\.json: it is removed"):
        rows(OnceWrong(ODATA_ERROR))
    assert not entry.exists()


def test_an_empty_or_short_last_page_is_the_end_unless_more_rows_were_promised():
    empty = b'{"odata.metadata": "x", "value": []}'
    assert odata.odata_rows(cbs.KWB_2024, odata.TYPED_DATA_SET, transport=Canned(body=empty)) == []
    counted = Canned(body=b'{"odata.metadata": "x", "odata.count": "3", "value": [{"ID": 0}]}')
    with pytest.raises(_http.ResponseError, match="a last page that brings the rows to 1 of the 3 the feed counts"):
        odata.odata_rows(cbs.KWB_2024, odata.DATA_PROPERTIES, transport=counted)
    whole = Canned(body=b'{"@odata.count": 1, "value": [{"Id": 0}]}')
    assert odata.odata4_rows(cbs.KWB_2017, odata.OBSERVATIONS, transport=whole) == [{"Id": 0}]


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
