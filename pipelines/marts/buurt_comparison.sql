-- reads: profile_indicators, theme_links, indicators, indicator_definitions, observations, regions, project_settings
-- One row per buurt x indicator of the profile ([profile] indicators) or of a theme link ([[links]]):
-- the buurt next to its gemeente and Nederland, in a measure that is fair to compare.
--   * shares (aandeel) and CBS percentages are compared as they are: a share with a share;
--   * averages and densities (gemiddelde) likewise;
--   * counts (aantal) become "per 1.000 inwoners" of the same region, except inwoners and the land area
--     (a count of the area itself); a rate is a share of inwoners, so below the min_denominator of the
--     shares of inwoners (seed indicators.csv) it is 'te_klein', because CBS rounds buurt counts at random to
--     multiples of 5;
--   * index = 100 * buurt / gemeente (100 = gemeente, as Rotterdam's Wijkprofiel does), for every measure
--     but a plain count; direction is 'hoger' at index >= 100 + band, 'lager' at <= 100 - band
--     (project_settings.band, [profile] band), else 'rond gemiddelde'. Without an index there is no direction.
-- A value that is not a 'waarde' (geheim, ontbreekt, te_klein, ...) stays null with its status.
-- The *_tekst columns are the numbers as printed on handouts (macro nl_getal), so print and table agree.

create or replace table buurt_comparison as
with wanted as (
    select indicator, min(position) as position, bool_or(position is not null) as in_profile
    from (
        select indicator, position from profile_indicators
        union all
        select indicator, null::integer as position from theme_links
    )
    group by indicator
),

definitions as (
    select
        wanted.indicator,
        wanted.position,
        wanted.in_profile,
        indicators.title,
        indicators.kind,
        indicators.kind = 'aantal' and wanted.indicator not in ('inwoners', 'oppervlakte_land') as per_1000,
        indicators.unit,
        indicators.decimals
    from wanted
    join indicators on indicators.key = wanted.indicator and indicators.jaar = (select jaar from project_settings)
),

rate_floor as (
    select max(min_denominator) as min_inwoners
    from indicator_definitions
    where denominator = 'inwoners'
),

observed as (
    select region_code, indicator, value, status
    from observations
    where jaar = (select jaar from project_settings)
),

residents as (
    select region_code, value as inwoners, status as inwoners_status
    from observed
    where indicator = 'inwoners'
),

measured as (
    select
        observed.region_code,
        observed.indicator,
        case
            when not definitions.per_1000 then observed.status
            when observed.status <> 'waarde' then observed.status
            when residents.inwoners_status is null then 'ontbreekt'
            when residents.inwoners_status <> 'waarde' then residents.inwoners_status
            when residents.inwoners = 0 then 'niet_van_toepassing'
            when residents.inwoners < (select min_inwoners from rate_floor) then 'te_klein'
            else 'waarde'
        end as status,
        case when definitions.per_1000 then 1000 * observed.value / nullif(residents.inwoners, 0) else observed.value end
            as value
    from observed
    join definitions using (indicator)
    left join residents using (region_code)
),

buurten as (
    select
        buurt.code as buurt_code,
        buurt.name as buurt_naam,
        buurt.wijk_code,
        buurt.gemeente_code,
        gemeente.name as gemeente_naam
    from regions as buurt
    left join regions as gemeente
        on gemeente.code = buurt.gemeente_code and gemeente.jaar = buurt.jaar and gemeente.level = 'gemeente'
    where buurt.level = 'buurt' and buurt.jaar = (select jaar from project_settings)
),

land as (
    select code from regions where level = 'land' and jaar = (select jaar from project_settings)
),

compared as (
    select
        buurten.buurt_code,
        buurten.buurt_naam,
        buurten.wijk_code,
        buurten.gemeente_code,
        buurten.gemeente_naam,
        definitions.indicator,
        definitions.position,
        definitions.in_profile,
        definitions.title,
        case when definitions.per_1000 then 'per 1.000 inwoners' else definitions.unit end as unit,
        case when definitions.per_1000 then 'per_1000' else definitions.kind end as measure,
        case when definitions.per_1000 then 1 else definitions.decimals end as decimals,
        coalesce(buurt.status, 'ontbreekt') as status,
        case when buurt.status = 'waarde' then buurt.value end as value,
        coalesce(gemeente.status, 'ontbreekt') as gemeente_status,
        case when gemeente.status = 'waarde' then gemeente.value end as gemeente_value,
        coalesce(nl.status, 'ontbreekt') as nl_status,
        case when nl.status = 'waarde' then nl.value end as nl_value
    from buurten
    cross join definitions
    left join measured as buurt on buurt.region_code = buurten.buurt_code and buurt.indicator = definitions.indicator
    left join measured as gemeente
        on gemeente.region_code = buurten.gemeente_code and gemeente.indicator = definitions.indicator
    left join measured as nl on nl.region_code = (select code from land) and nl.indicator = definitions.indicator
),

indexed as (
    select
        *,
        case when measure <> 'aantal' and gemeente_value > 0 then 100 * value / gemeente_value end as index
    from compared
)

select
    *,
    case
        when index >= 100 + (select band from project_settings) then 'hoger'
        when index <= 100 - (select band from project_settings) then 'lager'
        when index is not null then 'rond gemiddelde'
    end as direction,
    nl_getal(value, decimals) as value_tekst,
    nl_getal(gemeente_value, decimals) as gemeente_tekst,
    nl_getal(nl_value, decimals) as nl_tekst,
    nl_getal(index, 0) as index_tekst
from indexed
order by buurt_code, position nulls last, indicator
