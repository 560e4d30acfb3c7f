-- reads: indicator_definitions, indicator_catalogue, stg_kwb_indicators
-- One stable key (indicator) per concept and year, with CBS's own title and unit for that year.
-- Shares are derived from their numerator and denominator (seed indicators.csv). CBS rounds buurt
-- counts at random to multiples of 5, so a share is only computed from min_denominator or more.
create or replace table indicators as
with base as (
    select
        definitions.indicator,
        catalogue.year,
        catalogue.cbs_key,
        -- CBS's title, unless the seed gives one: "Nederland" alone, a category of origin, says too little.
        coalesce(definitions.title, cbs.title) as title,
        cbs.unit,
        definitions.kind,
        cbs.decimals,
        null::varchar as numerator,
        null::varchar as denominator,
        null::integer as min_denominator
    from indicator_definitions as definitions
    join indicator_catalogue as catalogue using (indicator)
    join stg_kwb_indicators as cbs on cbs.year = catalogue.year and cbs.cbs_key = catalogue.cbs_key
),

derived as (
    select
        definitions.indicator,
        base.year,
        null::varchar as cbs_key,
        definitions.title,
        '%' as unit,
        definitions.kind,
        1 as decimals,
        definitions.numerator,
        definitions.denominator,
        definitions.min_denominator
    from indicator_definitions as definitions
    join base on base.indicator = definitions.denominator
    where definitions.kind = 'aandeel'
)

select * from base
union all
select * from derived
order by year, indicator
