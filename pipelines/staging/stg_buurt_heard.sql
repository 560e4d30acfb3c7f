-- The distinct respondents heard in each buurt over all its themes (today's round): a buurt where 1 to k-1 people
-- were heard shows no theme apart from another (macro buurt_voices_status; user test V, left A), since which themes
-- its few people raised tells their neighbours what they talked about. wijk_themes counts such buurten per wijk: a
-- wijk row must not tell that either (macro wijk_sizes_open).
-- reads: stg_segments
-- A temporary table, like stg_buurt_theme_counts: counts below the privacy threshold never reach a database file.
create or replace temp table stg_buurt_heard as
-- wijk_code: the buurt's wijk (placing a segment in a buurt places it in that buurt's wijk), for wijk_themes.
select buurt_code, any_value(wijk_code) as wijk_code, count(distinct respondent) as heard
from stg_segments
where buurt_code is not null
group by buurt_code
