-- Attributes of the buurt polygons (no geometry): code, name, parents, water flag.
-- Input: view raw_buurt_geometry (the polygon file's attribute table); variable geometry_year.
create or replace table stg_buurt_geometry as
with source as (
    select * from raw_buurt_geometry
),

renamed as (
    select
        getvariable('geometry_year')::integer as jaar,
        upper(trim(buurtcode)) as buurt_code,
        trim(buurtnaam) as buurt_naam,
        upper(trim(wijkcode)) as wijk_code,
        upper(trim(gemeentecode)) as gemeente_code,
        coalesce(upper(trim(water)) = 'JA', false) as water
    from source
)

select * from renamed
