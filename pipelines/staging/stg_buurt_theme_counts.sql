-- Distinct respondents and segments per buurt x theme, counted once: buurt_themes shows them (from
-- privacy_threshold respondents) and wijk_themes rolls up the groups it hides, so both read the same count.
-- reads: stg_segments
-- A temporary table, like stg_segments: counts below the privacy threshold never reach a database file.
create or replace temp table stg_buurt_theme_counts as
-- Per respondent first, then per buurt x theme: the distinct respondents and the segments in one pass (count(distinct)
-- beside count(*) made DuckDB count them apart and join the two; issue 19).
with per_respondent as (
    select buurt_code, theme, respondent, count(*) as segments
    from stg_segments
    where buurt_code is not null
    group by buurt_code, theme, respondent
)

select
    buurt_code,
    theme,
    count(respondent) as respondents,
    sum(segments)::bigint as segments
from per_respondent
group by buurt_code, theme
