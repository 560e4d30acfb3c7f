-- reads: regions, codebook, stg_segments, project_settings
-- Every wijk of the profile year (project_settings.year) x every theme: the voices a buurt cannot show on its own.
-- A buurt-theme group of fewer than privacy_threshold distinct respondents is hidden in buurt_themes; its
-- segments, and those placed in a wijk but no buurt, are rolled up here. Groups already shown per buurt are
-- left out, so a wijk count minus buurt counts never gives away a hidden group's size. Below the threshold
-- the wijk row is withheld too (theme_status 'te weinig stemmen'). Columns as buurt_themes; code is the wijk's.
create or replace table wijk_themes as
with wijken as (
    select code as wijk_code
    from regions
    where level = 'wijk' and year = (select year from project_settings)
),

themes as (
    select distinct theme from codebook
),

buurt_groups as (
    select buurt_code, theme, count(distinct respondent) as respondents
    from stg_segments
    where buurt_code is not null
    group by buurt_code, theme
),

rolled_up as (
    select stg_segments.wijk_code, stg_segments.theme, stg_segments.respondent
    from stg_segments
    left join buurt_groups using (buurt_code, theme)
    where stg_segments.wijk_code is not null
        and (
            stg_segments.buurt_code is null
            or not voices_shown(buurt_groups.respondents, (select privacy_threshold from project_settings))
        )
),

counted as (
    select wijk_code, theme, count(distinct respondent) as respondents, count(*) as segments
    from rolled_up
    group by wijk_code, theme
),

grid as (
    select
        wijken.wijk_code,
        themes.theme,
        coalesce(counted.respondents, 0) as respondents,
        coalesce(counted.segments, 0) as segments
    from wijken
    cross join themes
    left join counted using (wijk_code, theme)
)

select
    wijk_code as code,
    theme,
    voices_shown(respondents, settings.privacy_threshold) as shown,
    case when voices_shown(respondents, settings.privacy_threshold) then respondents end as respondents,
    case when voices_shown(respondents, settings.privacy_threshold) then segments end as segments,
    voices_status(respondents, settings.privacy_threshold) as theme_status,
    settings.interviews
from grid
cross join project_settings as settings
order by code, theme
