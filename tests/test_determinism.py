"""The same inputs give the same bytes: tables, GeoPackage, charts, notebooks and report pages."""

import hashlib

import duckdb


def _checksums(out):
    # The .duckdb file itself holds block layout and is not compared; its tables are, below.
    return {
        p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.suffix != ".duckdb"
    }


def _table_exports(out):
    con = duckdb.connect(str(out / "buurtdata.duckdb"), read_only=True)
    tables = [t for (t,) in con.sql("select table_name from duckdb_tables() order by table_name").fetchall()]
    exports = {}
    for table in tables:
        for suffix, options in ((".csv", "format csv"), (".parquet", "format parquet")):
            path = out.parent / f"{out.name}_{table}{suffix}"
            con.execute(f"copy (select * from {table} order by all) to '{path}' ({options})")
            exports[table + suffix] = hashlib.sha256(path.read_bytes()).hexdigest()
    con.close()
    return exports


def test_two_builds_are_byte_identical(report_out, report_rebuild):
    first, second = report_out[0], report_rebuild
    sums = _checksums(first)
    assert {
        "index.html",
        "validatie.html",
        "buurten.gpkg",
        "kaarten/aandeel_65_plus.png",
        "kaarten/aandeel_65_plus.html",
        "notebooks/01_cijfers_verkennen.html",
        "notebooks/01_cijfers_verkennen.ipynb",
    } <= set(sums)
    assert sums == _checksums(second)
    tables = _table_exports(first)
    assert {"buurt_profile.csv", "buurt_themes.parquet", "observations.csv", "validation_results.csv"} <= set(tables)
    assert tables == _table_exports(second)
