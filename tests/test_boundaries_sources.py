"""buurten/wijken/gemeenten from PDOK and CBS, offline: recorded responses (real features) replayed.

tests/fixtures/geo holds the pages (built by build_geo_fixtures.py from data/raw); the CBS GeoPackage
download is replayed as a zip of the real Ermelo GeoPackage.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from buurtdata import _http, settings
from buurtdata._errors import DataNotAvailableError, InputFileError
from buurtdata.sources import geometry
from buurtdata.sources.geometry import services

FIXTURES = Path(__file__).parent / "fixtures" / "geo"
ERMELO = (
    Path(__file__).resolve().parents[1] / "data" / "raw" / "wijkenbuurten2021-ermelo-gpkg-tauvic" / "CBS_buurten.gpkg"
)


class Replay:
    """A transport answering from the recorded pages, or with ``files`` for whole-file downloads."""

    def __init__(self, files: dict[str, bytes] | None = None) -> None:
        self.index = json.loads((FIXTURES / "index.json").read_text(encoding="utf-8"))
        self.files = files or {}
        self.requests: list[str] = []

    def get(self, url, params):
        full = _http.full_url(url, params)
        self.requests.append(full)
        if full in self.files:
            return 200, "application/zip", self.files[full]
        return 200, "application/geo+json", (FIXTURES / self.index[full]).read_bytes()


class Canned:
    def __init__(self, status: int, content_type: str) -> None:
        self.answer = (status, content_type, b"<html>niet gevonden</html>")

    def get(self, url, params):
        return self.answer


class Offline:
    def get(self, url, params):
        raise OSError("Network is unreachable")


@pytest.fixture(autouse=True)
def _cache_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "cache_dir", tmp_path / "cache")


def test_gemeenten_from_the_ogc_api_follow_next_links_and_are_cached(monkeypatch):
    replay = Replay()
    monkeypatch.setattr(_http, "transport", replay)
    frame = geometry.gemeenten(2023)
    assert frame["code"].tolist() == ["GM0153", "GM0164", "GM0173", "GM1735"]
    assert frame.crs.to_epsg() == 28992 and frame.geometry.is_valid.all()
    assert frame.set_index("code").loc["GM0164", "aantal_inwoners"] == 82_311
    assert len(replay.requests) == 2 and "cursor=" in replay.requests[1]
    # Second call: from the cache, no request.
    one = geometry.gemeenten(2023, gemeente="0164")
    assert one["name"].tolist() == ["Hengelo"] and len(replay.requests) == 2


def test_buurten_and_dissolved_wijken_from_the_wfs_in_pages(monkeypatch):
    replay = Replay()
    monkeypatch.setattr(_http, "transport", replay)
    monkeypatch.setattr(services, "PAGE_SIZE", 10)
    buurten = geometry.buurten(2021, gemeente="GM0233", source="wfs")
    assert len(buurten) == 16 and buurten.attrs["left_out"] == ["BU02339997"]
    assert sum("startIndex=" in url for url in replay.requests) == 2
    assert len(geometry.buurten(2021, source="wfs", include_water=True)) == 17


def test_cbs_geopackage_download_is_cached_and_read_per_level(monkeypatch):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as packed:
        packed.write(ERMELO, "wijkbuurtkaart_2021_v1/CBS_buurten.gpkg")
    url = geometry.CBS_GEOPACKAGE.format(year=2021)
    replay = Replay({url: archive.getvalue()})
    monkeypatch.setattr(_http, "transport", replay)
    buurten = geometry.buurten(2021, source="cbs")
    assert len(buurten) == 16 and set(buurten["year"]) == {2021}
    wijken = geometry.wijken(2021, source="cbs")
    assert wijken["code"].tolist() == ["WK023300", "WK023301"]
    assert replay.requests == [url]


def test_download_file_caches_and_explains_failures():
    url = "https://download.cbs.nl/regionale-kaarten/wijkbuurtkaart_2021_v1.zip"
    replay = Replay({url: b"PK..."})
    first = _http.download_file(url, transport=replay)
    assert first.suffix == ".zip" and first.read_bytes() == b"PK..." and first.parent.parent == settings.cache_dir
    assert _http.download_file(url, transport=replay) == first and len(replay.requests) == 1
    with pytest.raises(_http.ResponseError, match="HTTP status 404"):
        _http.download_file(url, refresh=True, transport=Canned(404, "text/plain"))
    with pytest.raises(_http.ResponseError, match="an HTML page"):
        _http.download_file(url, refresh=True, transport=Canned(200, "text/html"))
    assert first.read_bytes() == b"PK..."  # a failed refresh leaves the cached file alone


def test_offline_without_cache_says_what_to_download_and_where(monkeypatch):
    monkeypatch.setattr(_http, "transport", Offline())
    with pytest.raises(DataNotAvailableError) as caught:
        geometry.buurten(2024, gemeente="GM0363")
    message = str(caught.value)
    assert (
        "https://api.pdok.nl/cbs/wijken-en-buurten-2024/ogc/v1/collections/buurten/items?f=json&limit=1000" in message
    )
    assert str(settings.cache_dir) in message and "wijk-en-buurtkaart-2024" in message and "source=" in message
    with pytest.raises(DataNotAvailableError, match="save it as"):
        geometry.buurten(2021, source="cbs")


def test_sample_source_and_unknown_sources():
    assert len(geometry.buurten(2020, gemeente="GM0164", source="sample")) == 62
    with pytest.raises(DataNotAvailableError, match="embedded sample holds the buurten of GM0164"):
        geometry.buurten(2024, gemeente="GM0363", source="sample")
    with pytest.raises(InputFileError, match="neither one of"):
        geometry.buurten(2024, source="opendata")
    with pytest.raises(InputFileError, match="no wijk polygons can be made"):
        geometry.wijken(
            2023,
            source=Path(__file__).resolve().parents[1]
            / "data"
            / "raw"
            / "gemeenten2023-pdok-ogcapi-stdekker"
            / "gemeenten.json",
        )


@pytest.mark.network
@pytest.mark.parametrize(("source", "year"), [("pdok", 2023), ("wfs", 2022)])
def test_live_pdok_services_answer_as_recorded(source, year):
    # Checks the addresses this module could not verify offline (run with -m network).
    frame = geometry.gemeenten(year, gemeente="GM0164", source=source, refresh=True)
    assert frame["code"].tolist() == ["GM0164"] and frame.crs.to_epsg() == 28992


def test_auto_reads_a_kept_file_and_never_the_sample(tmp_path, monkeypatch):
    monkeypatch.setattr(_http, "transport", Offline())
    monkeypatch.setattr(settings, "data_dir", tmp_path)
    # The sample covers GM0164 in 2024, but auto goes to the data folder and the network, never to the sample.
    with pytest.raises(DataNotAvailableError, match="wijkbuurtkaart_2024"):
        geometry.buurten(2024, gemeente="GM0164")
    folder = tmp_path / "raw" / "wijkbuurtkaart_2021"
    folder.mkdir(parents=True)
    (folder / "wijkenbuurten_2021.gpkg").write_bytes(ERMELO.read_bytes())
    assert geometry.local_file(2021) == folder / "wijkenbuurten_2021.gpkg"
    assert len(geometry.buurten(2021, gemeente="GM0233")) == len(
        geometry.buurten(2021, gemeente="GM0233", source=ERMELO)
    )
    with pytest.raises(DataNotAvailableError, match="has no buurt polygons of GM0164"):
        geometry.buurten(2021, gemeente="GM0164")


def test_a_damaged_cbs_download_in_the_cache_is_fetched_again(monkeypatch):
    # User test L: a damaged wijkbuurtkaart zip in the cache ended in a bare BadZipFile, every time.
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as packed:
        packed.write(ERMELO, "wijkbuurtkaart_2021_v1/CBS_buurten.gpkg")
    url = geometry.CBS_GEOPACKAGE.format(year=2021)
    monkeypatch.setattr(_http, "transport", Replay({url: archive.getvalue()}))
    cached = _http.download_file(url)
    cached.write_bytes(archive.getvalue()[:500])
    monkeypatch.setattr(_http, "transport", Offline())
    with pytest.raises(DataNotAvailableError, match=r"and the cache held only a damaged copy \(.*\.zip\)"):
        geometry.buurten(2021, source="cbs")
    cached.write_bytes(archive.getvalue()[:500])
    replay = Replay({url: archive.getvalue()})
    monkeypatch.setattr(_http, "transport", replay)
    assert len(geometry.buurten(2021, source="cbs")) == 16 and replay.requests == [url]


def test_offline_names_the_boundary_files_at_hand_that_auto_does_not_read(tmp_path, monkeypatch):
    # User test L: offline, geometry=True sent the analyst to PDOK and CBS while data/raw held polygons.
    monkeypatch.setattr(_http, "transport", Offline())
    monkeypatch.setattr(settings, "data_dir", tmp_path)
    kept = tmp_path / "raw" / "buurten-ermelo" / "CBS_buurten.gpkg"
    kept.parent.mkdir(parents=True)
    kept.write_bytes(ERMELO.read_bytes())
    with pytest.raises(DataNotAvailableError, match=r"not named for 2020 .*: .*buurten-ermelo.CBS_buurten\.gpkg; pass"):
        geometry.buurten(2020, gemeente="GM0233")
