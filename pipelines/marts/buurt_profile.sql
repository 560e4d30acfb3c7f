-- reads: regions, observations, project_settings
-- One row per buurt of the profile year (project_settings.year): every indicator as a value and a status,
-- with its gemeente's value (<key>_gemeente) and Nederland's (<key>_nl) beside it; a baseline that is not
-- a value (secret, missing) is null. buurt_comparison holds the fair comparison (rates, index) per key figure.
create or replace table buurt_profile as
with buurten as (
    select code, name, wijk_code, gemeente_code
    from regions
    where level = 'buurt' and year = (select year from project_settings)
),

wijken as (
    select code as wijk_code, name as wijk_name
    from regions
    where level = 'wijk' and year = (select year from project_settings)
),

wide as (
    pivot (
        select code, indicator, value, status
        from observations
        where year = (select year from project_settings)
    )
    on indicator
    using first(value) as waarde, first(status) as status
    group by code
),

gemeente as (
    pivot (
        select code as gemeente_code, indicator, case when status = 'waarde' then value end as value
        from observations
        where year = (select year from project_settings)
            and code in (select code from regions where level = 'gemeente')
    )
    on indicator
    using first(value) as gemeente
    group by gemeente_code
),

land as (
    pivot (
        select indicator, case when status = 'waarde' then value end as value
        from observations
        where year = (select year from project_settings)
            and code in (select code from regions where level = 'land')
    )
    on indicator
    using first(value) as nl
)

select
    buurten.code,
    buurten.name,
    buurten.wijk_code,
    wijken.wijk_name,
    buurten.gemeente_code,
    (select year from project_settings)::integer as year,
    columns('(.*)_waarde$') as '\1',
    columns('_status$'),
    columns(gemeente.* exclude (gemeente_code)),
    columns(land.*)
from buurten
left join wijken using (wijk_code)
left join wide using (code)
left join gemeente using (gemeente_code)
cross join land
order by buurten.code
