-- Every buurt of the profile year (variable jaar) x every theme of the codebook, with the distinct
-- respondents and segments. Below the privacy threshold (variable privacy_threshold) the counts are
-- withheld: the status 'te weinig stemmen' is all that remains of them. Every row names the interview
-- set it comes from (variable interviews), so fictional sample data says so wherever it goes.
create or replace table buurt_themes as
with buurten as (
    select code as buurt_code
    from regions
    where level = 'buurt' and jaar = getvariable('jaar')
),

themes as (
    select distinct theme from codebook
),

counted as (
    select
        buurt_code,
        theme,
        count(distinct respondent) as respondents,
        count(*) as segments
    from stg_segments
    where buurt_code is not null
    group by buurt_code, theme
),

grid as (
    select
        buurten.buurt_code,
        themes.theme,
        coalesce(counted.respondents, 0) as respondents,
        coalesce(counted.segments, 0) as segments
    from buurten
    cross join themes
    left join counted using (buurt_code, theme)
)

select
    buurt_code,
    theme,
    respondents >= getvariable('privacy_threshold') as shown,
    case when respondents >= getvariable('privacy_threshold') then respondents end as respondents,
    case when respondents >= getvariable('privacy_threshold') then segments end as segments,
    case
        when respondents >= getvariable('privacy_threshold') then 'getoond'
        when respondents = 0 then 'geen stemmen'
        else 'te weinig stemmen'
    end as status,
    getvariable('interviews')::varchar as interviews
from grid
order by buurt_code, theme
