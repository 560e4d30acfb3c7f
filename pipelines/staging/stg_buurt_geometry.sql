-- Attributes of the buurt polygons (no geometry): code, name, parents, water flag.
-- reads: raw_buurt_geometry, project_settings
-- raw_buurt_geometry: geometry.read_boundaries's normalised attributes, registered by the runner.
create or replace table stg_buurt_geometry as
with source as (
    select * from raw_buurt_geometry
),

renamed as (
    select
        (select geometry_year from project_settings)::integer as year,
        code,
        name,
        wijk_code,
        gemeente_code,
        water
    from source
)

select * from renamed
