"""The per-buurt profile: comparison with gemeente and NL, theme x role counts, quotes, project keys."""

import shutil

import duckdb
import pytest

from buurtdata import pipeline
from buurtdata._errors import ValidationError
from buurtdata.pipeline import link
from buurtdata.project import MAX_PROFILE, Project


@pytest.fixture(scope="module")
def comparison(hengelo_run):
    return hengelo_run.con.sql("select * from buurt_comparison").df()


def test_profile_has_the_configured_key_figures_for_every_buurt(comparison, hengelo):
    profile = comparison[comparison["in_profile"]]
    assert profile.groupby("code").size().eq(len(hengelo.profile_indicators)).all()
    assert profile["code"].nunique() == 62
    first = profile[profile["code"] == "BU01640000"].sort_values("position")
    assert first["indicator"].tolist() == list(hengelo.profile_indicators)


def test_baselines_equal_the_observations(comparison, hengelo_run):
    observed = dict(
        hengelo_run.con.execute(
            "select code, value from observations where year = 2024 and indicator = 'aandeel_65_plus'"
        ).fetchall()
    )
    rows = comparison[comparison["indicator"] == "aandeel_65_plus"]
    assert rows["gemeente_value"].eq(observed["GM0164"]).all()
    assert rows["nl_value"].eq(observed["NL00"]).all()
    valued = rows[rows["status"] == "waarde"]
    assert (valued["value"] == valued["code"].map(observed)).all()
    assert (valued["index"] - 100 * valued["value"] / valued["gemeente_value"]).abs().max() < 1e-9


def test_counts_become_rates_per_1000_inwoners(comparison, hengelo_run):
    rows = comparison[comparison["indicator"] == "bedrijfsvestigingen"].set_index("code")
    assert set(rows["measure"]) == {"per_1000"} and set(rows["unit"]) == {"per 1.000 inwoners"}
    counts = dict(
        hengelo_run.con.execute(
            "select code || indicator, value from observations where year = 2024 "
            "and indicator in ('bedrijfsvestigingen', 'inwoners')"
        ).fetchall()
    )
    row = rows.loc["BU01640000"]
    assert row["value"] == pytest.approx(1000 * counts["BU01640000bedrijfsvestigingen"] / counts["BU01640000inwoners"])
    assert row["gemeente_value"] == pytest.approx(1000 * counts["GM0164bedrijfsvestigingen"] / counts["GM0164inwoners"])
    # A plain count has no index: a buurt is always smaller than its gemeente.
    assert comparison.loc[comparison["indicator"] == "inwoners", "index"].isna().all()


def test_small_buurten_get_no_rate_and_secrets_stay_secret(comparison):
    rates = comparison[comparison["measure"] == "per_1000"]
    tiny = rates[rates["status"] == "te_klein"]
    assert len(tiny) and tiny["value"].isna().all() and tiny["value_text"].isna().all()
    secret = comparison[comparison["status"] == "geheim"]
    assert len(secret) and secret["value"].isna().all() and secret["index"].isna().all()
    assert secret["direction"].isna().all()


def test_direction_follows_the_band(comparison, hengelo):
    band = hengelo.band
    indexed = comparison.dropna(subset=["index"])
    assert (indexed.loc[indexed["direction"] == "higher", "index"] >= 100 + band).all()
    assert (indexed.loc[indexed["direction"] == "lower", "index"] <= 100 - band).all()
    middle = indexed.loc[indexed["direction"] == "around", "index"]
    assert ((middle > 100 - band) & (middle < 100 + band)).all()


def test_theme_roles_keep_the_k_rule_per_cell(hengelo_run, hengelo):
    roles = hengelo_run.con.sql("select * from buurt_theme_roles").df()
    k = hengelo.privacy_threshold
    assert (roles.loc[roles["theme_status"] == "getoond", "respondents"] >= k).all()
    assert roles.loc[roles["theme_status"] != "getoond", "respondents"].isna().all()
    # No role cell can be worked out from the shown total: a shown breakdown is complete (it adds up to
    # the total), and a total with any small role cell shows no role at all.
    themes = hengelo_run.con.sql("select code, theme, shown, respondents, theme_status from buurt_themes").df()
    withheld = 0
    for row in themes.itertuples():
        cells = roles[(roles["code"] == row.code) & (roles["theme"] == row.theme)]
        if not row.shown:
            assert set(cells["theme_status"]) == {row.theme_status}, row
        elif (cells["theme_status"] == "afgeschermd").any():
            withheld += 1
            assert set(cells["theme_status"]) == {"afgeschermd"}, row
        else:
            assert cells["respondents"].fillna(0).sum() == row.respondents, row
    assert withheld  # the sample has such groups (e.g. Geldzorgen in Berflo Es Noord: 5 = bewoner 3 + 1 + 1)
    assert "Fictieve interviews" in roles["interviews"].iloc[0]


def test_comparison_frame_is_a_geodataframe(hengelo_run):
    frame = link.comparison_frame(hengelo_run.con, hengelo_run.boundaries)
    assert frame.crs.to_epsg() == 28992 and frame.geometry.notna().all()
    assert frame["code"].nunique() == 62


def test_quotes_are_read_only_when_the_mart_exists():
    con = duckdb.connect()
    assert link.quotes(con).empty
    con.execute(
        "create table buurt_quotes as select 'BU01640501' as code, 'Eenzaamheid' as theme, "
        "'bewoner' as role, 'Ik zie weinig mensen.' as quote, 'Fictief' as interviews"
    )
    assert link.quotes(con)["quote"].tolist() == ["Ik zie weinig mensen."]


def _project_copy(tmp_path, hengelo, extra: str):
    folder = tmp_path / "hengelo"
    shutil.copytree(hengelo.path.parent, folder)
    path = folder / "project.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("[profile]")] + extra, encoding="utf-8")
    return path


def test_unknown_keys_and_themes_are_reported_together(tmp_path, hengelo, key):
    path = _project_copy(
        tmp_path,
        hengelo,
        '[profile]\nindicators = ["inwoners", "geluk"]\n\n'
        '[[links]]\ntheme = "Verveling"\nhigher = ["aandeel_65_plus", "saaiheid"]\n',
    )
    with pytest.raises(ValidationError) as caught:
        pipeline.run(Project.load(path), key=key)
    message = str(caught.value)
    assert "'geluk'" in message and "'Verveling'" in message and "'saaiheid'" in message


def test_too_many_key_figures_are_refused(tmp_path, hengelo):
    keys = ", ".join(f'"k{i}"' for i in range(MAX_PROFILE + 1))
    path = _project_copy(tmp_path, hengelo, f"[profile]\nindicators = [{keys}]\nband = 0\n")
    with pytest.raises(ValidationError, match="room for 8") as caught:
        Project.load(path)
    assert "band = 0" in str(caught.value)


def test_wide_profile_carries_gemeente_and_nl_baselines(hengelo_run, comparison):
    profile = hengelo_run.con.sql("select * from buurt_profile").df().set_index("code")
    row = comparison[(comparison["code"] == "BU01640501") & (comparison["indicator"] == "aandeel_65_plus")].iloc[0]
    assert profile.loc["BU01640501", "aandeel_65_plus_gemeente"] == row["gemeente_value"]
    assert profile.loc["BU01640501", "aandeel_65_plus_nl"] == row["nl_value"]
    assert profile["bijstand_gemeente"].isna().all()  # not published for 2024: no number, never 0


def test_quotes_name_a_role_only_where_the_roles_may_be_shown(hengelo_run):
    quotes = hengelo_run.con.sql("select * from buurt_quotes").df()
    roles = hengelo_run.con.sql("select code, theme, theme_status from buurt_theme_roles").df()
    open_groups = {
        (b, t)
        for (b, t), cells in roles.groupby(["code", "theme"])
        if set(cells["theme_status"]) <= {"getoond", "geen stemmen"}
    }
    named = quotes.dropna(subset=["role"])
    assert len(named) and named.apply(lambda q: (q.code, q.theme) in open_groups, axis=1).all()
    assert quotes["role"].isna().any()  # and some quotes come without their role
