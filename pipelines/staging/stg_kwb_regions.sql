-- run by: buurtdata.sources.cbs (once per KWB file)
-- One KWB year's regions: code, level, name and parents, with the most common postcode and CBS's
-- Indelingswijziging (1, 2, 3: whether the region's code or outline changed since the year before).
-- Inputs: temp table raw_kwb_cells, view raw_kwb_regions (Key, Title); the one-row table kwb_file.
-- Levels and parent codes come from the macros made from buurtdata/codes.py (pipeline._sql).
insert into stg_kwb_regions
with codes as (
    select distinct code
    from raw_kwb_cells
),

postcodes as (
    select
        code,
        any_value(cbs_cell(raw_value)) as postcode
    from raw_kwb_cells
    where regexp_matches(cbs_key, '^MeestVoorkomendePostcode_\d+$')
    group by code
),

changes as (
    select
        code,
        any_value(cbs_cell(raw_value)) as indeling_change
    from raw_kwb_cells
    where regexp_matches(cbs_key, '^Indelingswijziging\w*_\d+$')
    group by code
),

source as (
    select
        codes.code,
        trim(regions."Title") as name,
        postcodes.postcode,
        changes.indeling_change
    from codes
    left join raw_kwb_regions as regions on trim(regions."Key") = codes.code
    left join postcodes using (code)
    left join changes using (code)
),

renamed as (
    select
        (select year from kwb_file) as year,
        code,
        region_level(code) as level,
        name,
        gemeente_of(code) as gemeente_code,
        wijk_of(code) as wijk_code,
        case when region_level(code) = 'buurt' then postcode end as postcode,
        indeling_change,
        -- Filled with CBS's name, and name made readable, once every region is named (buurtdata.pipeline.names).
        null::varchar as cbs_name
    from source
)

select * from renamed
-- In code order: two builds of one project write the same table (user test K: only this one differed, in order).
order by code
