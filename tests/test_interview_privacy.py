"""What the pipeline publishes of the fictional interviews: counts of k or more, the wijk roll-up, quotes.

The reference figures are computed here in pandas from the staged segments
(``stg_segments``, a temporary table the published database never holds), so
the SQL marts are checked against an independent reading of the rule.
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from buurtdata import datasets, pipeline
from buurtdata._errors import ValidationError
from buurtdata.project import Project
from tests.sample_figures import project_with


def _staged(result) -> pd.DataFrame:
    return result.con.sql("select * from stg_segments").df()


def _sizes(staged: pd.DataFrame) -> pd.Series:
    return staged.dropna(subset=["buurt_code"]).groupby(["buurt_code", "theme"])["respondent"].nunique()


def _variant(project: Project, *, threshold: int | None = None, **interviews) -> Project:
    changed = dataclasses.replace(project.interviews, **interviews)
    return dataclasses.replace(project, interviews=changed, privacy_threshold=threshold or project.privacy_threshold)


def test_buurt_counts_only_from_k_respondents(hengelo_run, hengelo):
    k = hengelo.privacy_threshold
    sizes = _sizes(_staged(hengelo_run))
    themes = hengelo_run.con.sql("select * from buurt_themes").df().set_index(["code", "theme"])
    assert list(themes.reset_index().columns[:7]) == [
        "code", "theme", "shown", "respondents", "segments", "theme_status", "interviews",
    ]  # fmt: skip
    shown = themes[themes["shown"]]
    assert shown["respondents"].to_dict() == sizes[sizes >= k].to_dict()
    hidden = themes[~themes["shown"]]
    assert hidden["respondents"].isna().all() and hidden["segments"].isna().all()
    small = sizes[(sizes > 0) & (sizes < k)]
    # A buurt where only 1 to k-1 people were heard in all says 'te weinig gesprekken' on every theme, the themes
    # nobody there raised too: which themes those few raised is not told (user test V, left A).
    staged = _staged(hengelo_run)
    heard = staged.dropna(subset=["buurt_code"]).groupby("buurt_code")["respondent"].nunique()
    thin = set(heard[heard < k].index)
    assert thin  # the sample has such buurten
    by_buurt = themes.reset_index().groupby("code")["theme_status"].agg(set)
    assert all(by_buurt[code] == {"te weinig gesprekken"} for code in thin)
    assert not any("te weinig gesprekken" in by_buurt[code] for code in set(by_buurt.index) - thin)
    small = small[~small.index.get_level_values("buurt_code").isin(thin)]
    assert (hidden.loc[small.index, "theme_status"] == "te weinig stemmen").all()


def test_wijk_roll_up_holds_only_voices_not_shown_per_buurt(hengelo_run, hengelo):
    k = hengelo.privacy_threshold
    staged = _staged(hengelo_run)
    sizes = _sizes(staged)
    size = [sizes.get((b, t), 0) for b, t in zip(staged["buurt_code"], staged["theme"], strict=True)]
    hidden = staged["buurt_code"].isna() | (pd.Series(size, index=staged.index) < k)
    rolled = staged[staged["wijk_code"].notna() & hidden]
    groups = rolled.groupby(["wijk_code", "theme"])
    expected = groups["respondent"].nunique()
    # Secondary suppression: the reader knows the wijk-only respondents, so the remainder is the hidden groups'.
    remainder = expected - rolled[rolled["buurt_code"].isna()].groupby(["wijk_code", "theme"])[
        "respondent"
    ].nunique().reindex(expected.index, fill_value=0)
    # Of the hidden buurt groups the reader counts those of 'te weinig stemmen' (1 to k-1 each) per theme, and the
    # buurten where only 1 to k-1 people were heard in all per wijk (0 to k-1 of any theme, user test V, left A).
    heard = staged.dropna(subset=["buurt_code"]).groupby("buurt_code")["respondent"].nunique()
    thin_buurten = set(heard[heard < k].index)
    few = rolled[~rolled["buurt_code"].isin(thin_buurten)].groupby(["wijk_code", "theme"])["buurt_code"].nunique()
    few = few.reindex(expected.index, fill_value=0)
    in_wijk = staged[staged["buurt_code"].isin(thin_buurten)].groupby("wijk_code")["buurt_code"].nunique()
    thin = pd.Series(expected.index.get_level_values("wijk_code").map(in_wijk).fillna(0), index=expected.index)
    # Each 'te weinig stemmen' group can still be two sizes, each thin buurt 0 or more.
    few_low = (remainder - (few - 1 + thin) * (k - 1)).clip(lower=1)
    few_high = (remainder - (few - 1)).clip(upper=k - 1)
    thin_low = (remainder - (few + thin - 1) * (k - 1)).clip(lower=0)
    thin_high = (remainder - few).clip(upper=k - 1)
    open_sizes = ((few == 0) | (few_high > few_low)) & ((thin == 0) | ((thin_low == 0) & (thin_high >= 1)))
    wijk = hengelo_run.con.sql("select * from wijk_themes").df().set_index(["code", "theme"])
    assert len(wijk) == 10 * 12
    shown = expected[(expected >= k) & open_sizes]
    assert wijk.loc[wijk["shown"], "respondents"].to_dict() == shown.to_dict()
    # Wijk 02 Noord: one 'te weinig stemmen' group, one buurt of one person heard and one voice of the wijk alone
    # make 3 on Eenzaamheid and Wonen, with 1 + 1 + 1 and 2 + 0 + 1 both possible: shown. Before thin buurten were
    # told apart, the reader was thought to know two groups of 1 to k-1 (1 + 1) and the rows were withheld.
    assert shown.to_dict() == {("WK016402", "Eenzaamheid"): 3, ("WK016402", "Wonen"): 3}
    # A withheld row of a wijk with a thin buurt says 'te weinig gesprekken' whatever it holds ('geen stemmen' would
    # tell that the few did not name the theme); elsewhere 'te weinig stemmen', or 'geen stemmen' for nobody.
    withheld = wijk[~wijk["shown"]]
    beside_thin = withheld.index.get_level_values("code").isin(list(in_wijk.index))
    assert (withheld.loc[beside_thin, "theme_status"] == "te weinig gesprekken").all()
    assert set(withheld.loc[~beside_thin, "theme_status"]) <= {"te weinig stemmen", "geen stemmen"}
    assert wijk.loc[~wijk["shown"], "respondents"].isna().all()
    # Groups shown per buurt stay out of the wijk row, so no subtraction reveals a hidden group.
    shown_groups = {(b, t) for (b, t), n in sizes.items() if n >= k}
    assert not any((b, t) in shown_groups for b, t in zip(rolled["buurt_code"], rolled["theme"], strict=True))


def test_in_wijk_says_where_hidden_voices_went(hengelo_run):
    themes = hengelo_run.con.sql("select * from buurt_themes").df()
    wijk = hengelo_run.con.sql("select code as wijk_code, theme, shown as wijk_shown from wijk_themes").df()
    merged = themes.merge(wijk, on=["wijk_code", "theme"], how="left", validate="many_to_one")
    assert merged["wijk_code"].notna().all()
    expected = ((merged["theme_status"] == "te weinig stemmen") & merged["wijk_shown"]).astype("boolean")
    # A buurt of too few people heard in all tells no theme apart, not by in_wijk either: null on each.
    expected = expected.mask(merged["theme_status"] == "te weinig gesprekken", pd.NA)
    assert merged["in_wijk"].equals(expected.rename("in_wijk"))
    # The sample's shown wijk rows (Wijk 02 Noord, see above) count the 'te weinig stemmen' groups there.
    assert set(merged.loc[merged["in_wijk"].fillna(False), "wijk_code"]) == {"WK016402"}


def test_quotes_are_consenting_scrubbed_and_from_groups_of_k(hengelo_run, hengelo):
    k = hengelo.privacy_threshold
    staged = _staged(hengelo_run)
    sizes = _sizes(staged)
    quotes = hengelo_run.con.sql("select * from buurt_quotes").df()
    assert list(quotes.columns) == ["code", "theme", "role", "quote", "interviews"]
    assert set(quotes["interviews"]) == {hengelo.interviews.label}
    assert all(sizes[(b, t)] >= k for b, t in zip(quotes["code"], quotes["theme"], strict=True))
    sources = staged.set_index("quote")
    assert sources.loc[quotes["quote"], "consent"].all()
    # HGL-B06 (no consent) sits in the shown group Klein Driene x Veiligheid; none of those quotes is out.
    refused = staged[~staged["consent"] & staged["buurt_code"].notna()]
    assert len(refused) and not set(refused["quote"]) & set(quotes["quote"])
    text = "\n".join(quotes["quote"])
    assert "@" not in text
    assert not any(name in text for name in hengelo.interviews.names)
    # Its speaker is one of at least k people of the same role who raised the theme in the buurt (user test V, left C:
    # "Mijn klanten ..." told the one ondernemer); the sample's 19 quotes were 13 then.
    placed = staged.dropna(subset=["buurt_code"]).assign(role=lambda f: f["role"].fillna("onbekend"))
    cells = placed.groupby(["buurt_code", "theme", "role"])["respondent"].transform("nunique")
    allowed = set(zip(placed["buurt_code"], placed["theme"], placed["quote"].where(cells >= k), strict=True))
    assert all(row in allowed for row in zip(quotes["code"], quotes["theme"], quotes["quote"], strict=True))
    assert len(quotes) == 13


def test_quotes_stay_empty_without_opt_in(hengelo, key):
    result = pipeline.run(_variant(hengelo, publish_quotes=False), key=key)
    assert result.con.sql("select count(*) from buurt_quotes").fetchall() == [(0,)]
    assert result.con.sql("select count(*) from buurt_themes where shown").fetchall() == [(9,)]


def test_names_are_scrubbed_from_the_staged_quotes(hengelo, key):
    result = pipeline.run(_variant(hengelo, names=("Gerrit",)), key=key)
    staged = _staged(result).set_index("segment_id")
    assert staged.loc["S042", "quote"].startswith("Ik heb het aan [naam] van de corporatie gevraagd, [telefoon]")
    assert staged.loc["S146", "quote"].startswith("Mevrouw [naam] op nummer [huisnummer] zit")
    assert staged.loc["S164", "location_raw"] == "7553 [adres]"


def test_threshold_is_configurable(hengelo, key):
    result = pipeline.run(_variant(hengelo, threshold=2), key=key)
    sizes = _sizes(_staged(result))
    shown = result.con.sql("select count(*) from buurt_themes where shown").fetchall()[0][0]
    assert shown == (sizes >= 2).sum() > 9
    assert result.con.sql("select min(respondents) from buurt_quotes join buurt_themes using (code, theme)"
                          ).fetchall() == [(2,)]  # fmt: skip


def _project(tmp_path, privacy: str, interviews: str = "") -> Project:
    base = datasets.get_path("hengelo").parent
    return project_with(
        tmp_path, f'segments = "{base}/interviews_fictief.csv"\ncodebook = "{base}/codebook.csv"\n{interviews}', privacy
    )


def test_project_privacy_keys_default_to_no_quotes(tmp_path):
    project = _project(tmp_path, "threshold = 4")
    assert project.privacy_threshold == 4
    assert (project.interviews.publish_quotes, project.interviews.names, project.interviews.pc6) == (False, (), None)


def test_project_names_inline_and_from_a_file(tmp_path):
    (tmp_path / "namen.txt").write_text("# fictieve namen\nGerrit\n\n  Anja Smit \n", encoding="utf-8")
    project = _project(tmp_path, 'publish_quotes = true\nnames = ["Bosman"]\nnames_file = "namen.txt"')
    assert project.interviews.publish_quotes
    assert project.interviews.names == ("Bosman", "Gerrit", "Anja Smit")


def test_project_privacy_problems_are_reported_together(tmp_path):
    with pytest.raises(ValidationError) as caught:
        _project(tmp_path, 'publish_quotes = "ja"\nnames = ["Bosman", 3]\nnames_file = "weg.txt"', 'pc6 = "weg.csv"')
    text = str(caught.value)
    assert "publish_quotes = 'ja': expected bool" in text
    assert "[privacy].names = ['Bosman', 3]: expected a list of strings" in text
    assert "[privacy].names_file = 'weg.txt': no such file" in text
    assert "[interviews].pc6 = 'weg.csv': no such file" in text
