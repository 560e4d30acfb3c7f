"""The SQL models of pipelines/: declarations, run order, shared macros."""

import duckdb
import pytest

from buurtdata import _sql, codes
from buurtdata.pipeline import runner


def test_every_model_declares_what_it_reads_and_runs_after_it():
    models = _sql.models()
    assert {"regions", "buurt_themes", "wijk_themes", "buurt_signals", "stg_segments"} <= set(models)
    ordered = [m.name for m in _sql.order(runner.SOURCES)]
    for model in models.values():
        for table in model.reads & set(models):
            assert ordered.index(table) < ordered.index(model.name), (table, model.name)


def test_no_model_reads_session_variables():
    for model in _sql.models().values():
        assert "getvariable" not in model.sql, model.path


def _folder(tmp_path, **files):
    for name, sql in files.items():
        folder, _, stem = name.partition("__")
        (tmp_path / folder).mkdir(exist_ok=True)
        (tmp_path / folder / f"{stem}.sql").write_text(sql, encoding="utf-8")
    (tmp_path / "staging").mkdir(exist_ok=True)
    (tmp_path / "marts").mkdir(exist_ok=True)
    return tmp_path


def test_a_new_mart_needs_no_python_edit(tmp_path):
    folder = _folder(
        tmp_path,
        marts__b="-- reads: a\ncreate or replace table b as select x + 1 as x from a",
        marts__a="-- reads: source\ncreate or replace table a as select x from source",
    )
    con = duckdb.connect()
    con.execute("create table source as select 1 as x")
    available = _sql.build(con, {"source"}, {"source"}, folder)
    assert available == {"source", "a", "b"}
    assert con.sql("select x from b").fetchall() == [(2,)]


def test_a_declaration_that_differs_from_the_sql_is_named(tmp_path):
    folder = _folder(
        tmp_path,
        marts__a="-- reads: source\n"
        "create or replace table a as with t as (select 1) select * from source join other using (x)",
    )
    declared = r"declares \['source'\] but the SQL reads \['other', 'source'\]; declare \['other'\]"
    with pytest.raises(_sql.ModelError, match=r"pipelines/marts/a.sql: '-- reads:' " + declared):
        _sql.models(folder)


def test_a_file_without_header_is_named(tmp_path):
    folder = _folder(tmp_path, staging__x="create or replace table x as select 1")
    with pytest.raises(_sql.ModelError, match="pipelines/staging/x.sql: no '-- reads: <tables>'"):
        _sql.models(folder)


def test_a_missing_input_names_the_model(tmp_path):
    folder = _folder(tmp_path, marts__a="-- reads: nowhere\ncreate or replace table a as select * from nowhere")
    with pytest.raises(_sql.ModelError, match="pipelines/marts/a.sql reads 'nowhere', which no model writes"):
        _sql.order({"source"}, folder)


def test_a_cycle_names_the_models(tmp_path):
    folder = _folder(
        tmp_path,
        marts__a="-- reads: b\ncreate or replace table a as select * from b",
        marts__b="-- reads: a\ncreate or replace table b as select * from a",
    )
    with pytest.raises(_sql.ModelError, match="in a circle: (a -> b -> a|b -> a -> b)"):
        _sql.order(set(), folder)


def test_models_of_an_absent_source_are_skipped_as_a_set(tmp_path):
    folder = _folder(
        tmp_path,
        marts__a="-- reads: optional\ncreate or replace table a as select * from optional",
        marts__b="-- reads: a, source\ncreate or replace table b as select * from a join source using (x)",
        marts__c="-- reads: source\ncreate or replace table c as select * from source",
    )
    con = duckdb.connect()
    con.execute("create table source as select 1 as x")
    available = _sql.build(con, {"source"}, {"source", "optional"}, folder)
    assert available == {"source", "c"}
    _sql.check_built(available, {"optional": "not in this project"}, folder)
    with pytest.raises(_sql.ModelError, match=r"models \['c'\] were not built"):
        _sql.check_built({"source"}, {"optional": "not in this project"}, folder)


def test_the_privacy_rule_is_one_macro():
    con = duckdb.connect()
    _sql.macros(con)
    got = con.sql(
        "select n, voices_status(n, 3), voices_shown(n, 3), voices_too_few(n, 3) from range(5) t(n)"
    ).fetchall()
    assert got == [
        (0, "geen stemmen", False, False),
        (1, "te weinig stemmen", False, True),
        (2, "te weinig stemmen", False, True),
        (3, "getoond", True, False),
        (4, "getoond", True, False),
    ]
    for model in ("buurt_themes", "wijk_themes", "buurt_theme_roles"):
        sql = _sql.models()[model].sql
        assert ">= (select privacy_threshold" not in sql and "'getoond' when" not in sql


@pytest.mark.parametrize("code", ["NL00", "GM0164", "WK016401", "BU01640101", "BU0363AF01", "WK0363AF"])
def test_region_code_macros_follow_codes_py(code):
    con = duckdb.connect()
    _sql.macros(con)
    level, gemeente, wijk = con.execute("select region_level(?), gemeente_of(?), wijk_of(?)", [code] * 3).fetchone()
    assert level == codes.level_of(code)
    assert gemeente == (codes.gemeente_of(code) if level != "land" else None)
    assert wijk == (codes.wijk_of(code) if level == "buurt" else None)


def test_rates_per_1000_use_the_seed_min_denominator():
    con = duckdb.connect()
    _sql.macros(con)
    con.execute("""
        create table project_settings as select 2024 as year, 10 as band;
        create table indicator_definitions as
            select 'aandeel_x' as indicator, 'inwoners' as denominator, 70 as min_denominator;
        create table indicators as select * from (values
            ('inwoners', 2024, 'Inwoners', 'aantal', 'aantal', 0, null, null),
            ('bijstand', 2024, 'Bijstand', 'aantal', 'aantal', 0, null, null)
        ) t(indicator, year, title, kind, unit, decimals, numerator, denominator);
        create table regions as select * from (values
            (2024, 'GM0001', 'gemeente', 'G', 'GM0001', null),
            (2024, 'BU00010001', 'buurt', 'Klein', 'GM0001', 'WK000100'),
            (2024, 'BU00010002', 'buurt', 'Groot', 'GM0001', 'WK000100')
        ) t(year, code, level, name, gemeente_code, wijk_code);
        create table observations as select 2024 as year, code, indicator, value, 'waarde' as status from (values
            ('GM0001', 'inwoners', 1000.0), ('GM0001', 'bijstand', 10.0), ('BU00010001', 'inwoners', 60.0),
            ('BU00010001', 'bijstand', 1.0), ('BU00010002', 'inwoners', 80.0), ('BU00010002', 'bijstand', 1.0)
        ) t(code, indicator, value);
        create table profile_indicators as select 'bijstand' as indicator, 1 as position;
        create table theme_links (theme varchar, indicator varchar, direction varchar);
    """)
    con.execute(_sql.models()["buurt_comparison"].sql)
    got = dict(con.sql("select code, status from buurt_comparison").fetchall())
    assert got == {"BU00010001": "te_klein", "BU00010002": "waarde"}


def test_a_model_read_again_is_ordered_again(tmp_path):
    """The run order is kept per read of the models: after ``models.cache_clear()`` (a model edited in a session)
    it holds the new SQL (review x L1)."""
    folder = _folder(tmp_path, marts__a="-- reads: source\ncreate or replace table a as select x from source")
    assert [m.sql for m in _sql.order({"source"}, folder)][0].endswith("select x from source")
    (folder / "marts" / "a.sql").write_text(
        "-- reads: source\ncreate or replace table a as select x + 1 as x from source", encoding="utf-8"
    )
    _sql.models.cache_clear()
    assert [m.sql for m in _sql.order({"source"}, folder)][0].endswith("select x + 1 as x from source")
