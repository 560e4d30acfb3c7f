-- reads: regions, observations, project_settings
-- Every KWB year of the project, on today's indeling (the buurten of project_settings.year): one row per buurt,
-- indicator and year. A buurt whose code an earlier year also has is the same buurt there (CBS gives a buurt a new
-- code when its boundary changes); a buurt that year lacks has status 'andere indeling' and no value, until the
-- counts are carried across the boundary change (buurtdata.pipeline.trends.carry_trends, with
-- buurtdata.sources.indeling.crosswalk of the two years' polygons), or made 'ontbreekt' there when its code did not
-- change (a file of one wijk lacks it: trends.selections). Missing figures keep their status, never 0.
create or replace table buurt_trends as
with buurten as (
    select code, name
    from regions
    where level = 'buurt' and year = (select year from project_settings)
),

years as (
    select distinct year from observations
),

indicators as (
    select distinct indicator from observations where year = (select year from project_settings)
)

select
    buurten.code,
    buurten.name,
    indicators.indicator,
    years.year,
    observations.value,
    case when observations.code is null then 'andere indeling' else observations.status end as status
from buurten
cross join indicators
cross join years
left join observations
    on observations.code = buurten.code and observations.indicator = indicators.indicator
    and observations.year = years.year
order by buurten.code, indicators.indicator, years.year
