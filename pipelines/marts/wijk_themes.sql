-- reads: regions, codebook, stg_segments, stg_buurt_theme_counts, stg_buurt_heard, project_settings
-- Every wijk of the profile year (project_settings.year) x every theme: the voices a buurt cannot show on its own.
-- A buurt-theme group of fewer than privacy_threshold (k) distinct respondents is hidden in buurt_themes; its
-- segments, and those placed in a wijk but no buurt, are rolled up here. Groups already shown per buurt are
-- left out, so a wijk count minus buurt counts never gives away a hidden group's size. Below k the wijk row is
-- withheld too (theme_status 'te weinig stemmen'). So is a row of k or more whose hidden buurt groups could be
-- sized by subtraction (macro wijk_sizes_open; README, Privacy 2): the reader is assumed to know the respondents
-- placed in the wijk alone, so what remains belongs to the hidden buurt groups, whose number buurt_themes tells:
-- the buurten with 'te weinig stemmen' on the theme, and those where only 1 to k-1 people were heard in all
-- ('te weinig gesprekken', stg_buurt_heard), which may hold 0 to k-1 of any theme. A row that would tell whether
-- such a buurt's few people raised the theme is withheld too, and a withheld row of a wijk with such a buurt says
-- 'te weinig gesprekken' whatever it holds (macro wijk_voices_status; user test V, left A). Else a withheld row says
-- 'te weinig stemmen' (or 'geen stemmen': nobody), so the status itself tells nothing. Columns as buurt_themes; code
-- is the wijk's.
create or replace table wijk_themes as
with wijken as (
    select code as wijk_code
    from regions
    where level = 'wijk' and year = (select year from project_settings)
),

themes as (
    select distinct theme from codebook
),

-- The buurt groups buurt_themes hides (every segment with a buurt has its group there).
hidden as (
    select buurt_code, theme
    from stg_buurt_theme_counts
    where not voices_shown(respondents, (select privacy_threshold from project_settings))
),

-- The segments of a wijk in no buurt, and those of a hidden group: a semi join with the few hidden groups, not a
-- join of every segment with every group's count (a million segments: issue 19).
rolled_up as (
    select wijk_code, buurt_code, theme, respondent
    from stg_segments
    where wijk_code is not null and buurt_code is null
    union all
    select wijk_code, buurt_code, theme, respondent
    from stg_segments
    semi join hidden using (buurt_code, theme)
    where wijk_code is not null
),

-- The buurten of each wijk where only 1 to k-1 people were heard in all: every theme of theirs says 'te weinig
-- gesprekken', so a reader knows how many there are, not which themes they hold.
thin as (
    select buurt_code, wijk_code
    from stg_buurt_heard
    where voices_too_few(heard, (select privacy_threshold from project_settings))
),

-- Counted from stg_buurt_heard (one row per buurt, with its wijk): not a second pass over every segment.
thin_per_wijk as (
    select wijk_code, count(*) as thin_buurten
    from thin
    where wijk_code is not null
    group by wijk_code
),

-- few_groups: the hidden groups of the other buurten ('te weinig stemmen', 1 to k-1 each).
counted as (
    select
        wijk_code,
        theme,
        count(distinct respondent) as respondents,
        count(*) as segments,
        count(distinct respondent) filter (where buurt_code is null) as wijk_only,
        count(distinct buurt_code) filter (where buurt_code not in (select buurt_code from thin)) as few_groups
    from rolled_up
    group by wijk_code, theme
),

grid as (
    select
        wijken.wijk_code,
        themes.theme,
        coalesce(counted.respondents, 0) as respondents,
        coalesce(counted.segments, 0) as segments,
        coalesce(thin_per_wijk.thin_buurten, 0) as thin_buurten,
        voices_shown(coalesce(counted.respondents, 0), settings.privacy_threshold)
        and wijk_sizes_open(
            coalesce(counted.respondents - counted.wijk_only, 0),
            coalesce(counted.few_groups, 0),
            coalesce(thin_per_wijk.thin_buurten, 0),
            settings.privacy_threshold
        ) as shown
    from wijken
    cross join themes
    cross join project_settings as settings
    left join counted using (wijk_code, theme)
    left join thin_per_wijk using (wijk_code)
)

select
    grid.wijk_code as code,
    grid.theme,
    grid.shown,
    case when grid.shown then grid.respondents end as respondents,
    case when grid.shown then grid.segments end as segments,
    wijk_voices_status(grid.shown, grid.respondents, grid.thin_buurten) as theme_status,
    settings.interviews
from grid
cross join project_settings as settings
order by code, grid.theme
