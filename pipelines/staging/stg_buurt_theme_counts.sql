-- Distinct respondents and segments per buurt x theme, counted once: buurt_themes shows them (from
-- privacy_threshold respondents) and wijk_themes rolls up the groups it hides, so both read the same count.
-- reads: stg_segments
-- A temporary table, like stg_segments: counts below the privacy threshold never reach a database file.
create or replace temp table stg_buurt_theme_counts as
select
    buurt_code,
    theme,
    count(distinct respondent) as respondents,
    count(*) as segments
from stg_segments
where buurt_code is not null
group by buurt_code, theme
