-- Attributes of the buurt polygons (no geometry): code, name, parents, water flag.
-- Input: view raw_buurt_geometry (geometry.read_boundaries's normalised attributes); variable geometry_year.
create or replace table stg_buurt_geometry as
with source as (
    select * from raw_buurt_geometry
),

renamed as (
    select
        getvariable('geometry_year')::integer as jaar,
        code as buurt_code,
        name as buurt_naam,
        wijk_code,
        gemeente_code,
        water
    from source
)

select * from renamed
