-- Quotes that may be published: only when the project opts in (variable publish_quotes, [privacy]
-- publish_quotes = true), only with the respondent's consent, only scrubbed (stg_segments.quote), and only
-- for a buurt-theme group of at least privacy_threshold distinct respondents. Never a respondent or segment
-- id. Every row names its interview set (variable interviews), so fictional quotes say they are fictional.
create or replace table buurt_quotes as
with groups as (
    select buurt_code, theme
    from stg_segments
    where buurt_code is not null
    group by buurt_code, theme
    having count(distinct respondent) >= getvariable('privacy_threshold')
)

select distinct
    stg_segments.buurt_code,
    stg_segments.theme,
    stg_segments.role,
    stg_segments.quote,
    getvariable('interviews')::varchar as interviews
from stg_segments
inner join groups using (buurt_code, theme)
where getvariable('publish_quotes') and stg_segments.consent and stg_segments.quote is not null
order by stg_segments.buurt_code, stg_segments.theme, stg_segments.role, stg_segments.quote
