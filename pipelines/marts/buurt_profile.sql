-- One row per buurt of the profile year (variable jaar): every indicator as a value and a status.
create or replace table buurt_profile as
with buurten as (
    select code as buurt_code, name as buurt_naam, wijk_code, gemeente_code
    from regions
    where level = 'buurt' and jaar = getvariable('jaar')
),

wijken as (
    select code as wijk_code, name as wijk_naam
    from regions
    where level = 'wijk' and jaar = getvariable('jaar')
),

wide as (
    pivot (
        select region_code as buurt_code, indicator, value, status
        from observations
        where jaar = getvariable('jaar')
    )
    on indicator
    using first(value) as waarde, first(status) as status
    group by buurt_code
)

select
    buurten.buurt_code,
    buurten.buurt_naam,
    buurten.wijk_code,
    wijken.wijk_naam,
    buurten.gemeente_code,
    getvariable('jaar')::integer as jaar,
    columns('(.*)_waarde$') as '\1',
    columns('_status$')
from buurten
left join wijken using (wijk_code)
left join wide using (buurt_code)
order by buurten.buurt_code
