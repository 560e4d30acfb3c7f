"""The one place that talks to the network.

Requests go through a :class:`Transport`; :data:`transport` is the default,
built on ``urllib.request``, and tests replace it with a fake that replays
recorded responses. :func:`get_json` answers from the disk cache
(:mod:`buurtdata._cache`) when it can and stores what it downloads.
"""

from __future__ import annotations

import http.client
import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Protocol

from buurtdata import _cache
from buurtdata._errors import BuurtdataError, DataNotAvailableError


class ResponseError(BuurtdataError):
    """A server answered, but not with the data that was asked for."""


class Transport(Protocol):
    """Something that performs an HTTP GET."""

    def get(self, url: str, params: Mapping[str, str] | None) -> tuple[int, str, bytes]:
        """Return the status code, the content type and the body of ``GET url?params``."""
        ...


#: Connection failures worth another try: CBS's servers reset long bulk
#: downloads now and then, and a retry a little later usually succeeds.
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    ConnectionResetError,
    ConnectionAbortedError,
    TimeoutError,
    socket.timeout,
)


def full_url(url: str, params: Mapping[str, str] | None = None) -> str:
    """Return ``url`` with ``params`` appended as its query string.

    >>> full_url("https://opendata.cbs.nl/ODataFeed/odata/85984NED/TypedDataSet", {"$format": "json"})
    'https://opendata.cbs.nl/ODataFeed/odata/85984NED/TypedDataSet?$format=json'
    """
    if not params:
        return url
    query = urllib.parse.urlencode(params, safe="$,'()", quote_via=urllib.parse.quote)
    return f"{url}{'&' if '?' in url else '?'}{query}"


#: Seconds to wait for a server to accept a connection. A network that drops traffic without a word (a firewall, a
#: captive portal) would otherwise hold every attempt for the whole read timeout: 10 minutes in all before the
#: message that says what to download by hand (user test L). A server that accepts, then takes long to answer (CBS's
#: bulk feed), still has the read timeout.
CONNECT_TIMEOUT = 15.0


class _Connecting:
    """Mixin: connect within :data:`CONNECT_TIMEOUT`, then wait up to the request's timeout for every read."""

    timeout: float | None
    sock: socket.socket | None

    def connect(self) -> None:
        reading = self.timeout
        if reading is not None:
            self.timeout = min(reading, CONNECT_TIMEOUT)
        try:
            super().connect()  # type: ignore[misc]
        finally:
            self.timeout = reading
        if self.sock is not None:
            self.sock.settimeout(reading)


class _HTTPConnection(_Connecting, http.client.HTTPConnection):
    pass


class _HTTPSConnection(_Connecting, http.client.HTTPSConnection):
    pass


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_HTTPConnection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_HTTPSConnection, req, context=self._context)  # type: ignore[attr-defined]


def _urlopen(request: urllib.request.Request, timeout: float) -> Any:
    """``urllib.request.urlopen`` with a connect timeout of its own (:data:`CONNECT_TIMEOUT`); proxies from the
    environment (``https_proxy``) are used as ``urlopen`` uses them."""
    return urllib.request.build_opener(_HTTPHandler, _HTTPSHandler).open(request, timeout=timeout)


class UrllibTransport:
    """GET with ``urllib.request``, retrying transient failures with exponential backoff."""

    def __init__(
        self,
        *,
        retries: int = 4,
        backoff: float = 2.0,
        timeout: float = 120.0,
        opener: Callable[..., Any] = _urlopen,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.retries = retries
        self.backoff = backoff
        self.timeout = timeout
        self.opener = opener
        self.sleep = sleep

    def get(self, url: str, params: Mapping[str, str] | None) -> tuple[int, str, bytes]:
        """Return status, content type and body; raise the last error once all retries failed."""
        request = urllib.request.Request(full_url(url, params), headers={"Accept": "application/json"})
        for attempt in range(self.retries + 1):
            try:
                with self.opener(request, timeout=self.timeout) as response:
                    return response.status, response.headers.get("Content-Type", ""), response.read()
            except urllib.error.HTTPError as error:
                return error.code, error.headers.get("Content-Type", "") if error.headers else "", error.read()
            except (urllib.error.URLError, *TRANSIENT_ERRORS) as error:
                reason = getattr(error, "reason", error)
                if not isinstance(reason, TRANSIENT_ERRORS) or attempt == self.retries:
                    raise
                self.sleep(self.backoff * 2**attempt)
        raise AssertionError("unreachable")


#: The transport :func:`get_json` uses when none is passed; replace it to go through a proxy or a fake.
transport: Transport = UrllibTransport()


def get_json(
    url: str,
    params: Mapping[str, str] | None = None,
    *,
    refresh: bool = False,
    transport: Transport | None = None,
    manual: str = "",
    check: Callable[[Any], str | None] | None = None,
) -> Any:
    """Return the JSON response of ``GET url?params``, from the cache when it holds it.

    Parameters
    ----------
    url, params
        The request; together they name the cache entry.
    refresh
        Download again even when the cache holds the response.
    transport
        How to talk to the network; default :data:`buurtdata._http.transport`.
    manual
        What else the user can do when the download fails (added to the error).
    check
        Tells what is wrong with an answer that parses but is not the data asked for (e.g. an ``odata.error``
        sent with status 200), or ``None`` when it is right. Such an answer is never kept in the cache, and a
        cached one that fails the check is removed and fetched again, as a damaged entry is.

    Raises
    ------
    DataNotAvailableError
        When the server cannot be reached and nothing is cached: says which URL
        to download and where to save it.
    ResponseError
        When the server answers with an error, with HTML instead of JSON, or with JSON that fails ``check``.
    """
    dropped: Path | None = None
    if not refresh:
        cached = _cache.load_json(url, params)
        problem = None if cached is None or check is None else check(cached)
        if cached is not None and problem is None:
            return cached
        if problem is not None:  # an answer an earlier version kept: the README promises a bad entry is refetched
            dropped = _cache.discard(url, params, f"{problem}; removed, so a run online fetches it again")
    where = full_url(url, params)
    try:
        status, content_type, body = (transport or globals()["transport"]).get(url, params)
    except OSError as error:
        msg = (
            f"Could not download {where} ({error}) and {_held(url, params, refresh)}. "
            f"Download that URL in a browser when you are online and save the response as "
            f"{_cache.path_for(url, params)}{'; ' + manual if manual else ''}."
        )
        raise DataNotAvailableError(msg) from error
    looks_html = "html" in content_type.lower() or body.lstrip()[:1] == b"<"
    if status != 200 or looks_html:
        what = "an HTML page instead of JSON" if looks_html else f"HTTP status {status}"
        msg = (
            f"{where} answered with {what} (CBS sends an error page when a table id, resource or filter is wrong "
            f"or the service is down). Check the table id and the filter, open the URL in a browser to read the "
            f"message, and try again later{'; ' + manual if manual else ''}."
        )
        raise ResponseError(msg)
    try:
        document = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        msg = f"{where} answered with JSON that does not parse ({error}); the download was probably cut off. Try again."
        raise ResponseError(msg) from error
    problem = None if check is None else check(document)
    if problem is not None:
        earlier = f" (nor is the copy the cache held, {dropped}: it is removed)" if dropped else ""
        msg = (
            f"{where} answered with {problem}. That answer is not kept in the cache{earlier}, so the next run asks "
            f"again: try again later (refresh=True fetches every page anew){'; ' + manual if manual else ''}."
        )
        raise ResponseError(msg)
    _cache.save(url, params, body)
    return document


def download_file(url: str, *, refresh: bool = False, transport: Transport | None = None) -> Path:
    """Return the path of the downloaded file at ``url``, from the cache when it holds it.

    For large binary downloads (a zipped GeoPackage): the body is stored
    as-is, not parsed, in the cache folder under the request's hash with the
    URL's file extension (written atomically by :func:`buurtdata._cache.save`,
    then renamed).

    Raises
    ------
    DataNotAvailableError
        When the server cannot be reached and nothing is cached: says where to save the file by hand.
    ResponseError
        When the server answers with an error status or an HTML page.
    """
    cached = _cache.path_for(url).with_suffix(Path(urllib.parse.urlsplit(url).path).suffix or ".bin")
    if cached.exists() and not refresh:
        return cached
    try:
        status, content_type, body = (transport or globals()["transport"]).get(url, None)
    except OSError as error:
        if cached in _cache.damaged:
            held = f"the cache held only a damaged copy ({cached})"
        elif refresh and cached.exists():
            held = (
                f"refresh=True asked to download it again; the cache holds an earlier copy ({cached}): call "
                "without refresh=True to use it"
            )
        else:
            held = "it is not in the cache"
        msg = (
            f"Could not download {url} ({error}) and {held}. Download it in a browser when you "
            f"are online and save it as {cached}."
        )
        raise DataNotAvailableError(msg) from error
    if status != 200 or "html" in content_type.lower():
        what = "an HTML page" if status == 200 else f"HTTP status {status}"
        msg = f"{url} answered with {what} instead of the file; open it in a browser to read why."
        raise ResponseError(msg)
    saved = _cache.save(url, None, body)
    if saved is None:  # an unwritable cache (told in a CacheWarning): the download is kept in a temporary folder
        import tempfile

        saved = Path(tempfile.mkdtemp(prefix="buurtdata-")) / cached.name
        saved.write_bytes(body)
        return saved
    return saved.replace(cached)


def _held(url: str, params: Mapping[str, str] | None, refresh: bool) -> str:
    """What the cache holds of a request that could not be downloaded, for the message."""
    if refresh and _cache.path_for(url, params).exists():
        return (
            "refresh=True asked to download it again; the cache holds an earlier answer: call without "
            "refresh=True to use it"
        )
    return _cache.absent(url, params)
