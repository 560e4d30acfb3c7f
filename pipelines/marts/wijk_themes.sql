-- reads: regions, codebook, stg_segments, stg_buurt_theme_counts, project_settings
-- Every wijk of the profile year (project_settings.year) x every theme: the voices a buurt cannot show on its own.
-- A buurt-theme group of fewer than privacy_threshold (k) distinct respondents is hidden in buurt_themes; its
-- segments, and those placed in a wijk but no buurt, are rolled up here. Groups already shown per buurt are
-- left out, so a wijk count minus buurt counts never gives away a hidden group's size. Below k the wijk row is
-- withheld too (theme_status 'te weinig stemmen'). So is a row of k or more whose hidden buurt groups could be
-- sized by subtraction (macro hidden_sizes_open; README, Privacy 2): the reader is assumed to know the respondents
-- placed in the wijk alone, so what remains belongs to the hidden buurt groups, whose number buurt_themes tells.
-- Such a row says 'te weinig stemmen' as well, so the status itself tells nothing. Columns as buurt_themes; code
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

counted as (
    select
        wijk_code,
        theme,
        count(distinct respondent) as respondents,
        count(*) as segments,
        count(distinct respondent) filter (where buurt_code is null) as wijk_only,
        count(distinct buurt_code) as hidden_groups
    from rolled_up
    group by wijk_code, theme
),

grid as (
    select
        wijken.wijk_code,
        themes.theme,
        coalesce(counted.respondents, 0) as respondents,
        coalesce(counted.segments, 0) as segments,
        voices_shown(coalesce(counted.respondents, 0), settings.privacy_threshold)
        and hidden_sizes_open(
            coalesce(counted.respondents - counted.wijk_only, 0),
            coalesce(counted.hidden_groups, 0),
            settings.privacy_threshold
        ) as shown
    from wijken
    cross join themes
    cross join project_settings as settings
    left join counted using (wijk_code, theme)
)

select
    grid.wijk_code as code,
    grid.theme,
    grid.shown,
    case when grid.shown then grid.respondents end as respondents,
    case when grid.shown then grid.segments end as segments,
    case
        when grid.shown then 'getoond'
        when grid.respondents = 0 then 'geen stemmen'
        else 'te weinig stemmen'
    end as theme_status,
    settings.interviews
from grid
cross join project_settings as settings
order by code, grid.theme
