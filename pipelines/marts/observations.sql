-- reads: stg_kwb_observations, indicators
-- Long table of every catalogued indicator for every region and year.
-- A share is 100 * numerator / denominator of the same region, never an average of percentages;
-- it is missing, with the status of the missing part, when either part is, and 'te_klein' when the
-- denominator is below the indicator's min_denominator (CBS's random rounding makes it unreliable).
-- A numerator at most one rounding step above its denominator gives 100 (see shares below).
create or replace table observations as
with base as (
    select
        stg.year,
        stg.code,
        indicators.indicator,
        stg.value,
        stg.status
    from stg_kwb_observations as stg
    join indicators on indicators.year = stg.year and indicators.cbs_key = stg.cbs_key
),

share_parts as (
    select
        numerators.year,
        numerators.code,
        indicators.indicator,
        numerators.value as numerator,
        denominators.value as denominator,
        case
            when numerators.status <> 'waarde' then numerators.status
            when denominators.status <> 'waarde' then denominators.status
            when denominators.value = 0 then 'niet_van_toepassing'
            when denominators.value < indicators.min_denominator then 'te_klein'
            else 'waarde'
        end as status
    from indicators
    join base as numerators on numerators.indicator = indicators.numerator and numerators.year = indicators.year
    join base as denominators
        on denominators.indicator = indicators.denominator
        and denominators.year = numerators.year
        and denominators.code = numerators.code
    where indicators.kind = 'aandeel'
),

shares as (
    select
        year,
        code,
        indicator,
        -- Two counts CBS rounded at random to a multiple of 5 can cross by one step (75 one-person households
        -- of 70 households, KWB 2020 BU08553701): the true share is then 100. A larger gap is a wrong figure
        -- and stays above 100, for validation's share rule to stop.
        case
            when status <> 'waarde' then null
            when numerator > denominator and numerator <= denominator + 5 then 100
            else 100 * numerator / denominator
        end as value,
        status
    from share_parts
)

select * from base
union all
select * from shares
order by year, code, indicator
