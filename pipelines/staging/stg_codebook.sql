-- The codebook of the interview project: code, name, theme (top of the hierarchy), description.
-- reads: raw_codebook
create or replace table codebook as
with source as (
    select * from raw_codebook
),

renamed as (
    select
        code_id::varchar as code_id,
        name::varchar as name,
        theme::varchar as theme,
        description::varchar as description
    from source
)

select * from renamed
order by code_id
