-- Every buurt of the profile year (variable jaar) x every theme of the codebook, with the distinct
-- respondents and segments. Below the privacy threshold (variable privacy_threshold) the counts are
-- withheld: the status 'te weinig stemmen' is all that remains of them, and in_wijk tells whether those
-- voices are counted in the buurt's wijk row of wijk_themes (run that mart first). Every row names the
-- interview set it comes from (variable interviews), so fictional sample data says so wherever it goes.
create or replace table buurt_themes as
with buurten as (
    select code as buurt_code, wijk_code
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
        buurten.wijk_code,
        themes.theme,
        coalesce(counted.respondents, 0) as respondents,
        coalesce(counted.segments, 0) as segments
    from buurten
    cross join themes
    left join counted using (buurt_code, theme)
)

select
    grid.buurt_code,
    grid.theme,
    grid.respondents >= getvariable('privacy_threshold') as shown,
    case when grid.respondents >= getvariable('privacy_threshold') then grid.respondents end as respondents,
    case when grid.respondents >= getvariable('privacy_threshold') then grid.segments end as segments,
    case
        when grid.respondents >= getvariable('privacy_threshold') then 'getoond'
        when grid.respondents = 0 then 'geen stemmen'
        else 'te weinig stemmen'
    end as status,
    getvariable('interviews')::varchar as interviews,
    grid.wijk_code,
    grid.respondents between 1 and getvariable('privacy_threshold') - 1
        and coalesce(wijk_themes.shown, false) as in_wijk
from grid
left join wijk_themes using (wijk_code, theme)
order by grid.buurt_code, grid.theme
