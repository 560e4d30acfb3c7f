"""The interview path's shortcuts (issue 19) give what the plain computation gives, on odd inputs too."""

from __future__ import annotations

import gc
import hmac
import random

import numpy as np
import pandas as pd
import pytest

from buurtdata.pipeline import rounds
from buurtdata.sources.interviews import distinct, privacy
from buurtdata.sources.interviews.distinct import each_distinct, factorized
from buurtdata.sources.interviews.wording import KIND

ODD_IDS = ["", " ", "Zoë", "ZOË", "zoe\u0308", "HGL-B01", "hgl b1", "HGL B 01", "ñ" * 70, "日本語", "R-0431739076"]


@pytest.mark.parametrize("length", [1, 16, 32, 63, 64, 65, 100, 200])
def test_pseudonyms_are_hmac_sha256_for_any_key_length(length: int) -> None:
    key = bytes(random.Random(length).randrange(256) for _ in range(length))
    ids = pd.Series([*ODD_IDS, None], dtype="str")
    found = privacy.pseudonymise(pd.DataFrame({"respondent": ids}), key)["respondent"]
    spelled = privacy.normalise_respondents(ids)
    expected = [
        "R-" + hmac.new(key, s.encode(), "sha256").hexdigest()[:10] if isinstance(s, str) else None for s in spelled
    ]
    assert [v if isinstance(v, str) else None for v in found] == expected


def test_factorized_is_pd_factorize_and_shared_by_copies() -> None:
    values = pd.Series(["b", None, "a", "b", "Zoë", ""], dtype="str")
    codes, uniques = factorized(values)
    expected_codes, expected_uniques = pd.factorize(values)
    assert codes.tolist() == expected_codes.tolist()
    assert uniques.equals(expected_uniques)
    assert not codes.flags.writeable
    # A frame's copy, assign and astype(str) share the column: the same codes, not worked out again.
    frame = pd.DataFrame({"v": values}).copy().assign(w=1)
    assert factorized(frame["v"].astype(str))[0] is codes
    # Another column with the same values is factorized on its own, and a column's codes go with it.
    other = pd.Series(["b", None, "a", "b", "Zoë", ""], dtype="str")
    assert factorized(other)[0] is not codes
    count = len(distinct._FACTORIZED)
    del values, frame, other
    gc.collect()
    assert len(distinct._FACTORIZED) <= count - 2


def test_factorized_of_other_dtypes_is_pd_factorize() -> None:
    for values in (
        pd.Series([3, 1, 3]),
        pd.Series(["a", None, 1], dtype=object),
        pd.Series(["x", "y"], dtype="category"),
    ):
        codes, uniques = factorized(values)
        expected_codes, expected_uniques = pd.factorize(values)
        assert codes.tolist() == expected_codes.tolist() and uniques.equals(expected_uniques)


def test_respondent_checks_first_spellings_as_frame_duplicated() -> None:
    """The checks' first row of each (source, id) pair is frame.duplicated's, with missing ids and sources."""
    randomly = random.Random(3)
    choices = [*ODD_IDS, None, float("nan")]
    for trial in range(200):
        size = randomly.randrange(0, 30)
        ids = [randomly.choice(choices) for _ in range(size)]
        sources = [randomly.choice(["a.csv", "b.csv", None]) for _ in range(size)]
        for id_dtype in ("str", object):
            segments = pd.DataFrame(
                {"source": pd.Series(sources, dtype=object), "respondent": pd.Series(ids, dtype=id_dtype)},
                index=pd.Index(range(2, size + 2), name="row"),
            )
            frame = pd.DataFrame({
                "row": segments.index.to_numpy(), "source": segments["source"].array,
                "written": segments["respondent"].astype(str).array,
            })  # fmt: skip
            first = frame[~frame.duplicated(["source", "written"])]
            written, written_as = factorized(segments["respondent"].astype(str))
            source, _ = factorized(segments["source"])
            pair = (source.astype(np.int64) + 1) * (len(written_as) + 1) + (written + 1)
            assert first.equals(frame[~pd.Series(pair).duplicated().to_numpy()]), (trial, ids, sources)
            if all(isinstance(i, str) and i.strip() for i in ids):
                # (A missing or empty id fails in one_letter_apart, before and after issue 19: read_segments
                # refuses such a row first.)
                assert list(privacy.respondent_checks(segments).columns) == ["kind", "source", "rows", "message"]


def test_respondent_checks_of_merged_and_similar_ids() -> None:
    segments = pd.DataFrame(
        {"source": "s.csv", "respondent": ["HGL-Z01", "hgl-z1", "HGL-Z07", "HGL-ZO7", "HGL-Z01", "Zoë", "ZOË"]},
        index=pd.Index([12, 40, 41, 50, 51, 60, 61], name="row"),
    )
    # As before issue 19: one row of the merged spellings (Z01 twice, the second no new spelling), one similar pair.
    assert privacy.respondent_checks(segments)["rows"].tolist() == [[12, 40, 60, 61], [41, 50]]


def test_carried_themes_as_looked_up_per_code() -> None:
    """_carried's shortcut gives each segment the theme the code-then-theme lookup gives (codes named as themes,
    duplicate codes, mapped codes and themes)."""
    randomly = random.Random(5)
    themes = ["A", "B", "Zoë", "C"]
    for trial in range(300):
        codes = [
            f"{randomly.choice(themes)}/{i}" if randomly.random() < 0.7 else randomly.choice(themes) for i in range(6)
        ]
        codebook = pd.DataFrame({"code_id": codes, "theme": [randomly.choice(themes) for _ in codes]})
        mapping = {randomly.choice(codes + themes): randomly.choice(themes) for _ in range(randomly.randrange(4))}
        names = {t: mapping.get(t, t) for t in set(codebook["theme"])}
        names |= {c: v for c, v in mapping.items() if c in set(codes) and c not in set(codebook["theme"])}
        rows = codebook.sample(randomly.randrange(0, 20), replace=True, random_state=trial)
        segments = pd.DataFrame({
            "code_id": pd.Series(rows["code_id"].tolist(), dtype="str"),
            "theme": pd.Series(rows["theme"].tolist(), dtype="str"),
        })  # fmt: skip
        # A code is looked up only where it is mapped as a code, not where it shares a theme's name (review y L5).
        by_code = {c: v for c, v in names.items() if c not in set(codebook["theme"])}
        expected = each_distinct(segments["code_id"], by_code.get).fillna(each_distinct(segments["theme"], names.get))
        found = rounds._carried(segments, names, codebook)
        assert found.equals(expected) and found.dtype == expected.dtype, (codebook, names)


def test_ambiguous_reasons_counted_as_their_kind_reads() -> None:
    reasons = ["ambiguous between x", "ambiguousx", " ambiguous", "Ambiguous", "no match: ambiguous", "", None]
    for dtype in ("str", object):
        reason = pd.Series(reasons, dtype=dtype)
        expected = reason.str.extract(KIND, expand=False).eq("ambiguous").fillna(False)
        assert reason.str.startswith("ambiguous").eq(True).tolist() == expected.tolist()


def test_respondent_checks_pass_over_rows_without_an_id() -> None:
    """A frame with missing ids (a build refuses them first; a caller from Python may not) is checked, not a
    TypeError (found by helper speed1m)."""
    segments = pd.DataFrame(
        {"source": "s.csv", "respondent": ["HGL-Z01", None, "", "hgl-z1"]}, index=pd.Index([1, 2, 3, 4], name="row")
    )
    assert privacy.respondent_checks(segments)["rows"].tolist() == [[1, 4]]
    nobody = pd.DataFrame({"source": "s.csv", "respondent": [None, None]}, index=pd.Index([1, 2], name="row"))
    assert privacy.respondent_checks(nobody).empty


def test_a_column_freed_while_the_cache_is_locked_does_not_wait_for_itself() -> None:
    """The collector may free a cached column while this thread holds the cache's lock (review y L1): forgetting it
    takes no lock, so the build goes on instead of hanging."""
    import threading

    values = pd.Series(["x", "y", "x"], dtype="str")
    factorized(values)
    column = values.array._pa_array
    ref = distinct._FACTORIZED[id(column)][0]
    done = threading.Event()

    def freed_under_the_lock() -> None:
        with distinct._LOCK:
            ref.__callback__(ref)  # what the collector calls when the column goes
        done.set()

    worker = threading.Thread(target=freed_under_the_lock, daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert done.is_set()
    assert id(column) not in distinct._FACTORIZED


def test_trim_removes_exactly_the_spaces_stg_segments_looks_for() -> None:
    """stg_segments trims a quote only where it starts or ends with one of these 17 code points (issue 19): that is
    the same as trimming every quote only while DuckDB's trim removes exactly these (review y L2)."""
    import re
    from pathlib import Path

    import duckdb

    sql = (Path(privacy.__file__).parents[3] / "pipelines" / "staging" / "stg_segments.sql").read_text()
    listed = re.search(r"ord\(text::varchar\) in \(([\d,\s]+)\)", sql).group(1)
    looked_for = {int(number) for number in listed.replace("\n", " ").split(",")}
    con = duckdb.connect()
    trimmed = {
        code
        for (code,) in con.execute(
            "select code from range(1, 1114112) t(code) where code not between 55296 and 57343 "
            "and length(trim('a' || chr(code::integer))) = 1"
        ).fetchall()
    }
    con.close()
    assert trimmed == looked_for


def test_a_code_named_like_another_theme_keeps_its_own_theme() -> None:
    """Code 'Wonen' of theme Ontmoeten beside theme Wonen: its segments stay Ontmoeten over the rounds, as
    buurt_themes counts them, not carried to Wonen by the name they share (review y L5)."""
    codebook = pd.DataFrame({"code_id": ["Wonen", "Wonen/Huur"], "theme": ["Ontmoeten", "Wonen"]})
    names = {"Ontmoeten": "Ontmoeten", "Wonen": "Wonen"}
    segments = pd.DataFrame({
        "code_id": pd.Series(["Wonen", "Wonen/Huur"], dtype="str"),
        "theme": pd.Series(["Ontmoeten", "Wonen"], dtype="str"),
    })  # fmt: skip
    assert rounds._carried(segments, names, codebook).tolist() == ["Ontmoeten", "Wonen"]
    # A code mapped as a code still goes where it is mapped.
    names |= {"Wonen/Huur": "Ontmoeten"}
    assert rounds._carried(segments, names, codebook).tolist() == ["Ontmoeten", "Ontmoeten"]
