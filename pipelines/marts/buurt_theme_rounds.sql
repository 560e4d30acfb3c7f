-- reads: stg_buurt_theme_grid, raw_round_segments, stg_segments, stg_buurt_theme_counts, stg_buurt_heard, project_settings
-- Every buurt x theme of today's codebook (stg_buurt_theme_grid) x interview round, with the privacy rule applied per round: a round's
-- count is shown only when that round alone has at least privacy_threshold distinct respondents in the buurt
-- (macros voices_shown, voices_status). A buurt where only 1 to k-1 people were heard in a round (over all themes)
-- says 'te weinig gesprekken' on every theme of that round (macro buurt_voices_status, as buurt_themes): which themes
-- they raised is not told, in no round (user test V, left A). Rounds are numbered oldest first (round_number); round
-- is the label.
create or replace table buurt_theme_rounds as
-- The rounds stg_round_segments has rows of, from where that model reads them: its rows other than today's, and
-- today's round (the row standing for it) when stg_segments has rows (a million rows were scanned for one round).
with rounds as (
    select distinct round_number::integer as round_number, round::varchar as round, period::varchar as period
    from raw_round_segments
    where not stands_for_today or (stands_for_today and exists (select 1 from stg_segments))
),

-- Today's round when its segments are stg_segments' rows (rounds._today_row): stg_buurt_theme_counts counted them
-- already, as below (a million segments are not counted twice; issue 19).
today as (
    select round_number from raw_round_segments where stands_for_today
),

-- Per respondent first, then per group: the distinct respondents and the segments in one pass over the segments
-- (count(distinct) beside count(*) made DuckDB count them apart and join the two; issue 19). The rows are
-- stg_round_segments' other than today's (which stand in raw_round_segments as one row), read where that model reads
-- them, as it types them: a million segments of today's round were scanned only to be left out (issue 19).
per_respondent as (
    select
        round_number::integer as round_number,
        buurt_code::varchar as buurt_code,
        theme::varchar as theme,
        respondent::varchar as respondent,
        count(*) as segments
    from raw_round_segments
    where not stands_for_today and buurt_code is not null
        and round_number::integer not in (select round_number from today)
    group by all
),

counted as (
    select round_number, buurt_code, theme, count(respondent) as respondents, sum(segments)::bigint as segments
    from per_respondent
    group by round_number, buurt_code, theme
    union all
    select today.round_number, counts.buurt_code, counts.theme, counts.respondents, counts.segments
    from stg_buurt_theme_counts as counts
    cross join today
),

-- The distinct respondents of each buurt in each round, over all themes (today's: stg_buurt_heard).
heard as (
    select round_number, buurt_code, count(distinct respondent) as heard
    from per_respondent
    group by round_number, buurt_code
    union all
    select today.round_number, stg_buurt_heard.buurt_code, stg_buurt_heard.heard
    from stg_buurt_heard
    cross join today
),

grid as (
    select
        stg_buurt_theme_grid.buurt_code,
        stg_buurt_theme_grid.wijk_code,
        stg_buurt_theme_grid.theme,
        rounds.round_number,
        rounds.round,
        rounds.period,
        coalesce(counted.respondents, 0) as respondents,
        coalesce(counted.segments, 0) as segments,
        coalesce(heard.heard, 0) as heard
    from stg_buurt_theme_grid
    cross join rounds
    left join counted using (round_number, buurt_code, theme)
    left join heard using (round_number, buurt_code)
)

select
    grid.buurt_code as code,
    grid.theme,
    grid.round_number,
    grid.round,
    grid.period,
    voices_shown(grid.respondents, settings.privacy_threshold) as shown,
    case when voices_shown(grid.respondents, settings.privacy_threshold) then grid.respondents end as respondents,
    case when voices_shown(grid.respondents, settings.privacy_threshold) then grid.segments end as segments,
    buurt_voices_status(grid.respondents, grid.heard, settings.privacy_threshold) as theme_status,
    grid.wijk_code
from grid
cross join project_settings as settings
order by grid.buurt_code, grid.theme, grid.round_number
