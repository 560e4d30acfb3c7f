-- Every buurt x theme x role: distinct respondents of that role who raised the theme there.
-- The privacy threshold (variable privacy_threshold, k) applies to each cell: 1 to k-1 respondents show
-- only 'te weinig stemmen'. When a buurt x theme total is shown (buurt_themes) and exactly one role
-- cell is small, that cell could be worked out as total minus the others; so the smallest shown cell
-- of that buurt x theme is withheld as well, with the status 'afgeschermd'.
create or replace table buurt_theme_roles as
with buurten as (
    select code as buurt_code
    from regions
    where level = 'buurt' and jaar = getvariable('jaar')
),

themes as (
    select distinct theme from codebook
),

roles as (
    select distinct coalesce(role, 'onbekend') as role from stg_segments
),

counted as (
    select buurt_code, theme, coalesce(role, 'onbekend') as role, count(distinct respondent) as respondents
    from stg_segments
    where buurt_code is not null
    group by all
),

grid as (
    select
        buurten.buurt_code,
        themes.theme,
        roles.role,
        coalesce(counted.respondents, 0) as respondents,
        coalesce(counted.respondents, 0) between 1 and getvariable('privacy_threshold') - 1 as small
    from buurten
    cross join themes
    cross join roles
    left join counted using (buurt_code, theme, role)
),

ranked as (
    select
        grid.*,
        buurt_themes.shown as total_shown,
        count(*) filter (where small) over (partition by grid.buurt_code, grid.theme) as small_cells,
        row_number() over (
            partition by grid.buurt_code, grid.theme
            order by case when grid.respondents >= getvariable('privacy_threshold') then grid.respondents end nulls last, grid.role
        ) as shown_rank
    from grid
    join buurt_themes using (buurt_code, theme)
),

classified as (
    select
        buurt_code,
        theme,
        role,
        respondents,
        case
            when small then 'te weinig stemmen'
            when respondents = 0 then 'geen stemmen'
            when total_shown and small_cells = 1 and shown_rank = 1 then 'afgeschermd'
            else 'getoond'
        end as status
    from ranked
)

select
    buurt_code,
    theme,
    role,
    case when status = 'getoond' then respondents end as respondents,
    status,
    getvariable('interviews')::varchar as interviews
from classified
order by buurt_code, theme, role
