-- One KWB year's regions: code, level, name and parents, with the most common postcode.
-- Inputs: temp table raw_kwb_cells, view raw_kwb_regions (Key, Title); variable jaar.
insert into stg_kwb_regions
with codes as (
    select distinct region_code as code
    from raw_kwb_cells
),

postcodes as (
    select
        region_code as code,
        any_value(nullif(nullif(trim(raw_value), '.'), '')) as postcode
    from raw_kwb_cells
    where regexp_matches(cbs_key, '^MeestVoorkomendePostcode_\d+$')
    group by region_code
),

source as (
    select
        codes.code,
        trim(regions."Title") as name,
        postcodes.postcode
    from codes
    left join raw_kwb_regions as regions on trim(regions."Key") = codes.code
    left join postcodes using (code)
),

renamed as (
    select
        getvariable('jaar')::integer as jaar,
        code,
        case left(code, 2)
            when 'NL' then 'land'
            when 'GM' then 'gemeente'
            when 'WK' then 'wijk'
            when 'BU' then 'buurt'
        end as level,
        name,
        case when left(code, 2) in ('GM', 'WK', 'BU') then 'GM' || substr(code, 3, 4) end as gemeente_code,
        case when left(code, 2) = 'BU' then 'WK' || substr(code, 3, 6) end as wijk_code,
        case when left(code, 2) = 'BU' then postcode end as postcode
    from source
)

select * from renamed
