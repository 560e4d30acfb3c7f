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
--     but a plain count; direction is 'higher' at index >= 100 + band, 'lower' at <= 100 - band
--     (project_settings.band, [profile] band), else 'around' (in Dutch only where people read it: macro
--     richting). Without an index there is no direction, but for a rounded 0 far below the gemeente (flagged below).
-- A value that is not a 'waarde' (geheim, ontbreekt, te_klein, ...) stays null with its status.
-- The *_text columns are the numbers as printed on handouts (macro nl_getal), so print and table agree; a share or
-- rate of a rounded count of 0 is printed 'weinig of geen' (weinig_of_geen, see flagged below).

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
        -- The count whose 0 a rate or share of 0 is, and the count it is of (see flagged below).
        case when per_1000 then wanted.indicator else indicators.numerator end as counted,
        case when per_1000 then 'inwoners' else indicators.denominator end as counted_of,
        indicators.unit,
        -- A rate per 1.000 inwoners is printed with one decimal, the buurt's and its baselines' alike.
        case when per_1000 then 1 else indicators.decimals end as decimals
    from wanted
    join indicators on indicators.indicator = wanted.indicator and indicators.year = (select year from project_settings)
),

rate_floor as (
    select max(min_denominator) as min_inwoners
    from indicator_definitions
    where denominator = 'inwoners'
),

-- Only the figures compared, the counts they are of, what those are counted of, and inwoners: the joins below
-- then build on these rather than on every indicator of every region (issue 19).
observed as (
    select code, indicator, value, status
    from observations
    where year = (select year from project_settings)
        and indicator in (select unnest([indicator, counted, counted_of, 'inwoners']) from definitions)
),

residents as (
    select code, value as inwoners, status as inwoners_status
    from observed
    where indicator = 'inwoners'
),

-- The counts CBS rounds in a buurt, and to what: 10 where every buurt figure of the year is a multiple of 10, else 5
-- where every one is a multiple of 5. People, households, bedrijfsvestigingen and cars are rounded to fives (KWB 2024,
-- Hengelo: all 62 buurten); bijstand to tens (KWB 2020: all 12,310 buurten; review t H3); woningvoorraad and land
-- area not at all (52 and 55 of Hengelo's 62 buurten are no multiple of 5), so a rate of 0 woningen is none (review
-- r 2.4). A count rounded to fives that happens to hold only tens in a small scope reads as tens: a wider bound.
rounded as (
    select indicator, case when bool_and(value % 10 = 0) then 10 when bool_and(value % 5 = 0) then 5 end as step
    from observed
    where status = 'waarde' and code like 'BU%'
    group by indicator
),

measured as (
    select
        observed.code,
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
            as value,
        -- What a rate or share is counted of (inwoners, households), for the most a rounded 0 can be (flagged below).
        case when definitions.per_1000 then residents.inwoners else counted_of.value end as counted_of_value
    from observed
    join definitions using (indicator)
    left join residents using (code)
    left join (select * from observed where indicator in (select counted_of from definitions)) as counted_of
        on counted_of.code = observed.code and counted_of.indicator = definitions.counted_of
),

buurten as (
    select
        buurt.code,
        buurt.name,
        buurt.wijk_code,
        buurt.gemeente_code,
        gemeente.name as gemeente_name
    from regions as buurt
    left join regions as gemeente
        on gemeente.code = buurt.gemeente_code and gemeente.year = buurt.year and gemeente.level = 'gemeente'
    where buurt.level = 'buurt' and buurt.year = (select year from project_settings)
),

land as (
    select code from regions where level = 'land' and year = (select year from project_settings)
),

-- The gemeenten's and Nederland's rows only, printed once each rather than once per buurt beside them; the joins
-- below then build on a few thousand rows, not on every region's.
baselines as (
    select
        measured.code,
        measured.indicator,
        measured.status,
        measured.value,
        nl_getal(case when measured.status = 'waarde' then measured.value end, definitions.decimals) as text
    from measured
    join definitions using (indicator)
    where measured.code in (select gemeente_code from buurten) or measured.code = (select code from land)
),

compared as (
    select
        buurten.code,
        buurten.name,
        buurten.wijk_code,
        buurten.gemeente_code,
        buurten.gemeente_name,
        definitions.indicator,
        definitions.position,
        definitions.in_profile,
        definitions.title,
        case when definitions.per_1000 then 'per 1.000 inwoners' else definitions.unit end as unit,
        case when definitions.per_1000 then 'per_1000' else definitions.kind end as measure,
        definitions.decimals,
        coalesce(buurt.status, 'ontbreekt') as status,
        case when buurt.status = 'waarde' then buurt.value end as value,
        buurt.counted_of_value,
        definitions.counted,
        definitions.counted_of,
        coalesce(gemeente.status, 'ontbreekt') as gemeente_status,
        case when gemeente.status = 'waarde' then gemeente.value end as gemeente_value,
        coalesce(nl.status, 'ontbreekt') as nl_status,
        case when nl.status = 'waarde' then nl.value end as nl_value,
        gemeente.text as gemeente_text,
        nl.text as nl_text
    from buurten
    cross join definitions
    left join measured as buurt on buurt.code = buurten.code and buurt.indicator = definitions.indicator
    left join baselines as gemeente
        on gemeente.code = buurten.gemeente_code and gemeente.indicator = definitions.indicator
    left join baselines as nl on nl.code = (select code from land) and nl.indicator = definitions.indicator
),

-- CBS rounds a buurt's counts of people and households at random to a multiple of 5, so a share or rate of a count
-- of 0 means 0 to 4: "weinig of geen", not nobody (user test P: Vlieland's Verspreide huizen, 65 inwoners, printed
-- "Aandeel 65 jaar of ouder 0,0" with index "0 ▼"). It gets no index. Yet 4 of 1,605 inwoners is below any gemeente's
-- share of 65-plussers: where even the most it can be is an index of 100 - band or less, it is 'lower', printed
-- '≤ 12 ▼', and a question may rest on it (review r 2.7). The most: one rounding step less one (4 of fives, 9 of
-- tens) of what it is counted of, itself as small as its own rounding allows (1,605 inwoners may be 1,601; review t
-- L2). A count CBS does not round (woningen) of 0 is 0. rounded_to: the step, for the note that explains it.
flagged as (
    select
        compared.* exclude (counted, counted_of, counted_of_value),
        compared.measure in ('aandeel', 'per_1000') and compared.value = 0 and numerators.step is not null
            as weinig_of_geen,
        case when weinig_of_geen then numerators.step end as rounded_to,
        case
            when weinig_of_geen and compared.counted_of_value > coalesce(denominators.step, 1) - 1
                then (case when compared.measure = 'per_1000' then 1000 else 100 end) * (numerators.step - 1)
                    / (compared.counted_of_value - (coalesce(denominators.step, 1) - 1))
        end as at_most
    from compared
    left join rounded as numerators on numerators.indicator = compared.counted
    left join rounded as denominators on denominators.indicator = compared.counted_of
),

indexed as (
    select
        *,
        case when measure <> 'aantal' and gemeente_value > 0 and not weinig_of_geen then 100 * value / gemeente_value end
            as index,
        case when weinig_of_geen and gemeente_value > 0 then ceil(100 * at_most / gemeente_value) end as index_at_most
    from flagged
)

select
    * exclude (gemeente_text, nl_text, at_most, index_at_most),
    case
        when index >= 100 + (select band from project_settings) then 'higher'
        when index <= 100 - (select band from project_settings) then 'lower'
        when index is not null then 'around'
        when index_at_most <= 100 - (select band from project_settings) then 'lower'
    end as direction,
    case when weinig_of_geen then 'weinig of geen' else nl_getal(value, decimals) end as value_text,
    gemeente_text,
    nl_text,
    case
        when index is not null then nl_getal(index, 0)
        when index_at_most <= 100 - (select band from project_settings) then '≤ ' || nl_getal(index_at_most, 0)
    end as index_text
from indexed
order by code, position nulls last, indicator
