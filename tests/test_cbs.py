"""CBS client and KWB file reader, offline: recorded real CBS responses replayed through a fake transport."""

from __future__ import annotations

import http.server
import json
import socket
import threading
import urllib.error
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from buurtdata import _cache, _http, datasets, settings
from buurtdata._errors import DataNotAvailableError, InputFileError, ValidationError
from buurtdata.project import KwbFiles
from buurtdata.sources import cbs

FIXTURES = Path(__file__).parent / "fixtures" / "cbs"
ODATA = FIXTURES / "odata"
CSV_2024 = FIXTURES / "85984NED_hengelo.csv"
SAMPLE = datasets.get_path("hengelo").parent


class Replay:
    """A transport that answers from the recorded pages in tests/fixtures/cbs/odata."""

    def __init__(self) -> None:
        self.index = json.loads((ODATA / "index.json").read_text(encoding="utf-8"))
        self.requests: list[str] = []

    def get(self, url, params):
        full = _http.full_url(url, params)
        self.requests.append(full)
        return 200, "application/json;odata=minimalmetadata", (ODATA / self.index[full]).read_bytes()


class Canned:
    """A transport that always gives the same answer, or raises."""

    def __init__(self, status=200, content_type="application/json", body=b"{}", error=None) -> None:
        self.answer, self.error, self.calls = (status, content_type, body), error, 0

    def get(self, url, params):
        self.calls += 1
        if self.error is not None:
            raise self.error
        return self.answer


@pytest.fixture(autouse=True)
def _cache_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "cache_dir", tmp_path / "cache")


def in_fixture(codes: pd.Series) -> pd.Series:
    codes = codes.str.strip()
    return (
        (codes == "NL00")
        | (codes == "GM0164")
        | codes.str.startswith("WK0164")
        | codes.str[:8].isin(["BU016400", "BU016401"])
    )


def sample(name: str) -> pd.DataFrame:
    return pd.read_parquet(SAMPLE / name)


def test_replayed_feed_gives_the_rows_of_the_parquet_source():
    replay = Replay()
    data = cbs.typed_data_set(cbs.KWB_2024, gemeente="GM0164", transport=replay)
    expected = sample("kwb2024_85984NED.parquet")
    expected = expected[in_fixture(expected["WijkenEnBuurten"])].reset_index(drop=True)
    assert len(expected) == 19
    pd.testing.assert_frame_equal(data, expected)
    # Two resources, paged: DataProperties in 2 pages, TypedDataSet in 3.
    assert len(replay.requests) == 5
    assert sum("$skip=" in url for url in replay.requests) == 3
    pd.testing.assert_frame_equal(
        cbs.data_properties(cbs.KWB_2024, transport=replay), sample("kwb2024_85984NED_properties.parquet")
    )
    regions = cbs.wijken_en_buurten(cbs.KWB_2024, gemeente="GM0164", transport=replay)
    expected = sample("kwb2024_85984NED_regions.parquet")
    pd.testing.assert_frame_equal(regions, expected[in_fixture(expected["Key"])].reset_index(drop=True))


def test_downloaded_year_stages_like_the_sample(tmp_path):
    files = cbs.download_kwb(2024, tmp_path / "kwb", gemeente="GM0164", transport=Replay())
    assert files.data.name == "kwb2024_85984NED.parquet"
    assert files.properties.name == "kwb2024_85984NED_properties.parquet"
    con = duckdb.connect()
    cbs.create_staging_tables(con)
    cbs.stage_kwb(con, files)
    row = con.sql(
        "select value, status from stg_kwb_observations where code = 'GM0164' and cbs_key = 'AantalInwoners_5'"
    )
    assert row.fetchall() == [(83058.0, "waarde")]
    levels = dict(con.sql("select level, count(*) from stg_kwb_regions group by level").fetchall())
    assert levels == {"land": 1, "gemeente": 1, "wijk": 10, "buurt": 7}


def test_second_call_is_answered_from_the_cache():
    cbs.data_properties(cbs.KWB_2024, transport=Replay())
    offline = Canned(error=urllib.error.URLError("no network"))
    assert len(cbs.data_properties(cbs.KWB_2024, transport=offline)) == 172
    assert offline.calls == 0


def test_csv_and_2020_parquet_agree_on_hengelo():
    new = cbs.read_kerncijfers(CSV_2024, gemeente="GM0164")
    old = cbs.read_kerncijfers(SAMPLE / "kwb2020_84799NED.parquet", gemeente="GM0164")
    assert set(new["code"]) == set(old["code"])
    assert len(set(new["code"])) == 74
    assert set(new["year"]) == {2024} and set(old["year"]) == {2020}
    assert list(new.columns) == cbs.KERNCIJFERS_COLUMNS

    def inwoners(frame, code="GM0164"):
        return frame.query("code == @code and indicator == 'AantalInwoners_5'")[["value", "status"]].to_numpy().tolist()

    assert inwoners(new) == [[83058.0, "waarde"]]
    assert inwoners(old) == [[81140.0, "waarde"]]
    centrum = new.query("code == 'BU01640000'").iloc[0]
    assert (centrum["level"], centrum["name"], centrum["gemeente_code"], centrum["wijk_code"]) == (
        "buurt",
        "Binnenstad-Centrum",
        "GM0164",
        "WK016400",
    )
    assert old.query("code == 'BU01640000'").iloc[0]["name"] == "Binnenstad-Centrum"


def test_csv_matches_the_staged_statuses():
    frame = cbs.read_kerncijfers(CSV_2024).set_index(["code", "indicator"])
    con = duckdb.connect()
    cbs.create_staging_tables(con)
    files = KwbFiles(
        2024,
        cbs.KWB_2024,
        SAMPLE / "kwb2024_85984NED.parquet",
        SAMPLE / "kwb2024_85984NED_properties.parquet",
        SAMPLE / "kwb2024_85984NED_regions.parquet",
    )
    cbs.stage_kwb(con, files)
    staged = con.sql("select code, cbs_key as indicator, value, status from stg_kwb_observations").df()
    staged = staged.set_index(["code", "indicator"])
    # The CSV holds the same NL00 and Hengelo rows as the sample: every staged cell has the same value and status.
    joined = staged.merge(
        frame[["value", "status"]], left_index=True, right_index=True, how="left", suffixes=("", "_csv")
    )
    assert joined["status_csv"].notna().all()
    pd.testing.assert_series_equal(joined["status"], joined["status_csv"], check_names=False)
    pd.testing.assert_series_equal(joined["value"], joined["value_csv"], check_names=False)
    assert frame.loc[("BU01640500", "GemiddeldeWOZWaardeVanWoningen_39"), "status"] == "geheim"


def test_cp1252_decimal_comma_and_padded_codes(tmp_path):
    text = CSV_2024.read_text(encoding="utf-8-sig").replace("Binnenstad-Centrum", "Binnenstad-Centrum café")
    lines = text.split("\n")
    header = lines[0].split(";")
    double = header.index("GemiddeldeHuishoudensgrootte_33")
    rows = [lines[0]]
    for line in lines[1:]:
        fields = line.split(";")
        fields[double] = fields[double].replace(".", ",")
        fields[4] = f"  {fields[4].strip()}    "
        rows.append(";".join(fields))
    path = tmp_path / "kwb_85984NED_excel.csv"
    path.write_bytes("\n".join(rows).encode("cp1252"))
    frame = cbs.read_kerncijfers(path)
    assert "cp1252" in frame.attrs["read_as"]
    expected = cbs.read_kerncijfers(CSV_2024)
    pd.testing.assert_frame_equal(frame.drop(columns="name"), expected.drop(columns="name"))
    assert "Binnenstad-Centrum café" in set(frame["name"])
    assert frame.query("code == 'GM0164' and indicator == 'GemiddeldeHuishoudensgrootte_33'")["value"].item() == 2.1


def test_xlsx_with_titles_reads_like_csv_with_keys(tmp_path):
    keys = pd.read_csv(CSV_2024, sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    properties = sample("kwb2024_85984NED_properties.parquet").set_index("Key")["Title"]
    titled = keys.rename(columns=lambda key: properties.get(key, key).strip())
    assert titled.columns.duplicated().any()  # CBS repeats titles such as 'Nederland'
    path = tmp_path / "85984NED.xlsx"
    pd.DataFrame([titled.columns.tolist(), *titled.to_numpy().tolist()]).to_excel(path, header=False, index=False)
    pd.testing.assert_frame_equal(cbs.read_kerncijfers(path), cbs.read_kerncijfers(CSV_2024))


def test_truncated_csv_names_the_row(tmp_path):
    content = CSV_2024.read_bytes()
    path = tmp_path / "85984NED.csv"
    path.write_bytes(content[: len(content) - 300])
    with pytest.raises(ValidationError, match=r"row 75: has \d+ of 130 fields; the file looks cut off"):
        cbs.read_kerncijfers(path)


def test_truncated_parquet(tmp_path):
    content = (SAMPLE / "kwb2020_84799NED.parquet").read_bytes()
    path = tmp_path / "kwb2020_84799NED.parquet"
    path.write_bytes(content[:5000])
    with pytest.raises(InputFileError, match="truncated"):
        cbs.read_kerncijfers(path)


def test_duplicate_rows_and_bad_values_are_all_listed(tmp_path):
    lines = CSV_2024.read_text(encoding="utf-8-sig").split("\n")
    bad = lines[3].split(";")
    bad[6] = "veel"
    path = tmp_path / "85984NED.csv"
    path.write_text("\n".join([*lines, lines[2], ";".join(bad)]), encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        cbs.read_kerncijfers(path)
    assert len(caught.value.problems) == 3
    message = str(caught.value)
    assert "region GM0164 occurs on rows 3, 76" in message
    assert "row 77, field 'AantalInwoners_5': 'veel' is not a number" in message


def test_unknown_table_and_gemeente(tmp_path):
    path = tmp_path / "12345NED.csv"
    path.write_bytes(CSV_2024.read_bytes())
    with pytest.raises(DataNotAvailableError, match="'12345NED' is not a KWB table id.*85984NED"):
        cbs.read_kerncijfers(path)
    with pytest.raises(InputFileError, match=r"cannot read .\.json. files"):
        cbs.read_kerncijfers(FIXTURES / "odata" / "index.json")
    with pytest.raises(
        DataNotAvailableError,
        match=r"GM0999 is not in KWB 2024; it holds a selection of 1 gemeente: GM0164 Hengelo \(O\.\)\. Use the",
    ):
        cbs.read_kerncijfers(CSV_2024, gemeente="GM0999")
    with pytest.raises(DataNotAvailableError, match="No KWB table id is known for 2099"):
        cbs.download_kwb(2099, tmp_path)


def test_html_error_page_is_a_clear_error():
    page = Canned(content_type="text/html", body=b"<html><body>Er is een fout opgetreden</body></html>")
    with pytest.raises(_http.ResponseError, match=r"85984NED/DataProperties\?\$format=json answered with an HTML page"):
        cbs.data_properties(cbs.KWB_2024, transport=page)
    assert _cache.load_json(f"{cbs.ODATA_FEED}/85984NED/DataProperties", {"$format": "json"}) is None


def test_offline_without_cache_says_what_to_download():
    offline = Canned(error=urllib.error.URLError("Name or service not known"))
    with pytest.raises(DataNotAvailableError) as caught:
        cbs.data_properties(cbs.KWB_2024, transport=offline)
    message = str(caught.value)
    assert "https://opendata.cbs.nl/ODataFeed/odata/85984NED/DataProperties?$format=json" in message
    assert str(settings.cache_dir / "http") in message
    assert "dataset/85984NED" in message and "read_kerncijfers" in message


def test_cache_is_atomic_and_refetches_corrupt_entries():
    url, params = "https://example.org/x", {"$format": "json"}
    body = json.dumps({"value": [1]}).encode()
    source = Canned(body=body)
    assert _http.get_json(url, params, transport=source) == {"value": [1]}
    path = _cache.path_for(url, params)
    assert path.read_bytes() == body
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temp file left behind
    assert _http.get_json(url, params, transport=source) == {"value": [1]} and source.calls == 1
    path.write_bytes(body[:5])  # a truncated entry
    assert _http.get_json(url, params, transport=source) == {"value": [1]} and source.calls == 2
    assert _http.get_json(url, params, transport=source, refresh=True) == {"value": [1]} and source.calls == 3
    assert _cache.key(url, params) != _cache.key(url, {"$format": "xml"})


class FakeResponse:
    status = 200
    headers = {"Content-Type": "application/json"}

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def read(self):
        return b'{"value": []}'


def test_connection_resets_are_retried_with_backoff():
    failures = [ConnectionResetError(104, "Connection reset by peer"), urllib.error.URLError(TimeoutError("timed out"))]
    sleeps: list[float] = []

    def opener(request, timeout):
        if failures:
            raise failures.pop(0)
        return FakeResponse()

    transport = _http.UrllibTransport(opener=opener, sleep=sleeps.append, backoff=1.0)
    assert _http.get_json("https://example.org/r", transport=transport) == {"value": []}
    assert sleeps == [1.0, 2.0]


def test_retries_give_up_and_other_errors_are_not_retried():
    sleeps: list[float] = []

    def resets(request, timeout):
        raise ConnectionResetError(104, "Connection reset by peer")

    transport = _http.UrllibTransport(opener=resets, sleep=sleeps.append, retries=2, backoff=0.5)
    with pytest.raises(DataNotAvailableError, match="Connection reset"):
        _http.get_json("https://example.org/r", transport=transport)
    assert sleeps == [0.5, 1.0]

    def unknown_host(request, timeout):
        raise urllib.error.URLError("Name or service not known")

    sleeps.clear()
    with pytest.raises(DataNotAvailableError, match="Name or service not known"):
        _http.get_json(
            "https://example.org/r", transport=_http.UrllibTransport(opener=unknown_host, sleep=sleeps.append)
        )
    assert sleeps == []


def test_refresh_offline_says_the_cache_holds_an_earlier_answer():
    # User test L: refresh=True without a network said "it is not in the cache" of an answer the cache held.
    url, params = "https://example.org/r", {"$format": "json"}
    assert _http.get_json(url, params, transport=Canned(body=b'{"value": [1]}')) == {"value": [1]}
    offline = Canned(error=urllib.error.URLError("Name or service not known"))
    with pytest.raises(DataNotAvailableError, match="refresh=True asked to download it again; the cache holds an"):
        _http.get_json(url, params, transport=offline, refresh=True)
    assert _http.get_json(url, params, transport=offline) == {"value": [1]}
    kept = _http.download_file("https://example.org/kaart.zip", transport=Canned(body=b"PK"))
    with pytest.raises(
        DataNotAvailableError, match="refresh=True asked to download it again; the cache holds an earlier copy"
    ):
        _http.download_file("https://example.org/kaart.zip", transport=offline, refresh=True)
    assert _http.download_file("https://example.org/kaart.zip", transport=offline) == kept


def test_damaged_entry_in_a_read_only_cache_and_an_unwritable_cache(monkeypatch):
    # User test L: a damaged entry in a cache folder that cannot be written ended in a bare PermissionError, and
    # a cache that cannot be written threw away a download that had succeeded.
    url, params = "https://example.org/d", {"$format": "json"}
    path = _cache.path_for(url, params)
    path.parent.mkdir(parents=True)
    path.write_bytes(b'{"value": [')  # cut off

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "unlink", refuse)
    offline = Canned(error=urllib.error.URLError("Name or service not known"))
    with (
        pytest.warns(_cache.CacheWarning, match="could not remove the damaged cache entry .*BUURTDATA_CACHE_DIR"),
        pytest.raises(DataNotAvailableError, match=r"the cache held only a damaged copy \(.*d\w*\.json, cut off"),
    ):
        _http.get_json(url, params, transport=offline)
    monkeypatch.setattr(_cache, "write_whole", refuse)
    stored = r"could not store downloads in the cache \(Permission denied: "
    with pytest.warns(_cache.CacheWarning, match=stored) as told:
        assert _http.get_json("https://example.org/e", transport=Canned(body=b'{"value": [2]}')) == {"value": [2]}
        # Sweep 12: each page of a table gave the same warning again; once per folder is enough.
        assert _http.get_json("https://example.org/f", transport=Canned(body=b'{"value": [3]}')) == {"value": [3]}
    assert len([w for w in told if issubclass(w.category, _cache.CacheWarning)]) == 1


def test_a_header_alone_and_a_json_file_are_named_as_such(tmp_path):
    # User test L: a CSV with only its header line read as a table of no regions, without a word; a .json file
    # (a saved API answer, CBS's metadata) was asked for its table id, to be refused as .json after that.
    path = tmp_path / "85984NED.csv"
    path.write_bytes(CSV_2024.read_bytes().split(b"\n")[0] + b"\n")
    with pytest.raises(InputFileError, match=r"85984NED.csv holds the column names but no rows of regions"):
        cbs.read_kerncijfers(path)
    saved = tmp_path / "DataProperties.json"
    saved.write_text("[]", encoding="utf-8")
    with pytest.raises(InputFileError, match=r"DataProperties.json: cannot read '.json' files; save the KWB table"):
        cbs.read_kerncijfers(saved)


def test_cbs_metadata_tables_are_named_as_metadata():
    # User test L: statline-bq's DataProperties.parquet beside the figures was told "field 'odata_type': no CBS topic
    # has this title or key", its WijkenEnBuurten.parquet "field 'Key'".
    folder = Path(__file__).resolve().parents[1] / "data" / "raw" / "kwb2020-84799NED-statlinebq" / "84799NED"
    with pytest.raises(InputFileError, match=r"DataProperties.parquet is CBS's DataProperties of a table .*TypedData"):
        cbs.read_kerncijfers(folder / "cbs.v3.84799NED_DataProperties.parquet")
    with pytest.raises(InputFileError, match=r"WijkenEnBuurten.parquet is CBS's list of the table's regions"):
        cbs.read_kerncijfers(folder / "cbs.v3.84799NED_WijkenEnBuurten.parquet")


def test_a_title_above_the_table_and_a_note_below_it(tmp_path):
    # User test L: StatLine's Excel puts a title above the column names, and users add 'Bron: CBS' below the table;
    # the title was "no CBS topic", the note "'' is not a CBS region code".
    import openpyxl

    rows = [line.split(";") for line in CSV_2024.read_text(encoding="utf-8-sig").splitlines()[:4]]
    titled, noted = openpyxl.Workbook(), openpyxl.Workbook()
    titled.active.append(["Kerncijfers wijken en buurten 2024"])
    for row in rows:
        titled.active.append(row)
        noted.active.append(row)
    noted.active.append(["Bron: CBS, 2024"])
    titled.save(tmp_path / "85984NED_titel.xlsx")
    noted.save(tmp_path / "85984NED_bron.xlsx")
    with pytest.raises(InputFileError, match=r"first row holds only 'Kerncijfers wijken en buurten 2024', not the"):
        cbs.read_kerncijfers(tmp_path / "85984NED_titel.xlsx")
    with pytest.raises(ValidationError, match=r"row 5, field 'Codering_3': no region code \(an empty row, or a note"):
        cbs.read_kerncijfers(tmp_path / "85984NED_bron.xlsx")


def test_a_csv_with_a_title_line_or_a_note_line(tmp_path):
    # User test L: a title line above the column names made every row "has 130 of 1 fields; cut off", and a note
    # below the table ('Bron: CBS') was "the file looks cut off (truncated)".
    text = CSV_2024.read_text(encoding="utf-8-sig")
    titled, noted = tmp_path / "85984NED_titel.csv", tmp_path / "85984NED_bron.csv"
    titled.write_text('"Kerncijfers wijken en buurten 2024"\n\n' + text, encoding="utf-8")
    noted.write_text(text.rstrip("\n") + '\n"Bron: CBS"\n', encoding="cp1252")
    with pytest.raises(InputFileError, match=r"row 1: holds only 'Kerncijfers wijken en buurten 2024', not the table"):
        cbs.read_kerncijfers(titled)
    lines = len(text.rstrip("\n").split("\n")) + 1
    with pytest.raises(ValidationError, match=rf"row {lines}: holds only 'Bron: CBS', a note rather than a region's"):
        cbs.read_kerncijfers(noted)


def test_a_connection_gets_its_own_timeout_and_reading_the_whole_one(monkeypatch):
    # User test L: a network that drops traffic without a word held each of 5 attempts for the read timeout (120 s):
    # 10 minutes before the message saying what to download by hand. Connecting now waits CONNECT_TIMEOUT; a server
    # that accepted keeps the whole timeout for every read (CBS's bulk feed can take long to answer). A loopback
    # server, no network.
    class Answer(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"value": []}')

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Answer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    connected: list[tuple[float, socket.socket]] = []
    create_connection = socket.create_connection

    def recording(address, timeout=None, *args, **kwargs):
        sock = create_connection(address, timeout, *args, **kwargs)
        connected.append((timeout, sock))
        return sock

    monkeypatch.setattr(socket, "create_connection", recording)
    try:
        answer = _http.UrllibTransport(timeout=300.0).get(f"http://127.0.0.1:{server.server_port}/r", None)
    finally:
        server.shutdown()
        server.server_close()
    assert answer == (200, "application/json", b'{"value": []}')
    [(connect_timeout, sock)] = connected
    assert connect_timeout == _http.CONNECT_TIMEOUT == 15.0
    assert sock.gettimeout() == 300.0
