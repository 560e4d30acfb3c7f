-- reads: regions, observations, project_settings
-- One row per buurt of the profile year (project_settings.jaar): every indicator as a value and a status,
-- with its gemeente's value (<key>_gemeente) and Nederland's (<key>_nl) beside it; a baseline that is not
-- a value (secret, missing) is null. buurt_comparison holds the fair comparison (rates, index) per key figure.
create or replace table buurt_profile as
with buurten as (
    select code as buurt_code, name as buurt_naam, wijk_code, gemeente_code
    from regions
    where level = 'buurt' and jaar = (select jaar from project_settings)
),

wijken as (
    select code as wijk_code, name as wijk_naam
    from regions
    where level = 'wijk' and jaar = (select jaar from project_settings)
),

wide as (
    pivot (
        select region_code as buurt_code, indicator, value, status
        from observations
        where jaar = (select jaar from project_settings)
    )
    on indicator
    using first(value) as waarde, first(status) as status
    group by buurt_code
),

gemeente as (
    pivot (
        select region_code as gemeente_code, indicator, case when status = 'waarde' then value end as value
        from observations
        where jaar = (select jaar from project_settings)
            and region_code in (select code from regions where level = 'gemeente')
    )
    on indicator
    using first(value) as gemeente
    group by gemeente_code
),

land as (
    pivot (
        select indicator, case when status = 'waarde' then value end as value
        from observations
        where jaar = (select jaar from project_settings)
            and region_code in (select code from regions where level = 'land')
    )
    on indicator
    using first(value) as nl
)

select
    buurten.buurt_code,
    buurten.buurt_naam,
    buurten.wijk_code,
    wijken.wijk_naam,
    buurten.gemeente_code,
    (select jaar from project_settings)::integer as jaar,
    columns('(.*)_waarde$') as '\1',
    columns('_status$'),
    columns(gemeente.* exclude (gemeente_code)),
    columns(land.*)
from buurten
left join wijken using (wijk_code)
left join wide using (buurt_code)
left join gemeente using (gemeente_code)
cross join land
order by buurten.buurt_code
