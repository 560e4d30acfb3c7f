-- One KWB year's regions: code, level, name and parents, with the most common postcode.
-- Inputs: views raw_kwb_data, raw_kwb_regions; variable jaar.
insert into stg_kwb_regions
with source as (
    select
        trim(data.WijkenEnBuurten) as code,
        trim(data.SoortRegio_2) as soort_regio,
        trim(regions."Title") as name,
        nullif(trim(columns('^MeestVoorkomendePostcode_\d+$')::varchar), '.') as postcode
    from raw_kwb_data as data
    left join raw_kwb_regions as regions on data.WijkenEnBuurten = regions."Key"
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
