-- Coded interview segments, already read, placed, pseudonymised and scrubbed by buurtdata.interviews.
-- reads: raw_segments
-- A temporary table: segment rows never reach the published database;
-- only the marts built from it (counts of at least privacy_threshold respondents, buurt_quotes) do.
create or replace temp table stg_segments as
with source as (
    select * from raw_segments
),

renamed as (
    select
        segment_id::varchar as segment_id,
        respondent::varchar as respondent,
        role::varchar as role,
        code_id::varchar as code_id,
        theme::varchar as theme,
        buurt_code::varchar as buurt_code,
        wijk_code::varchar as wijk_code,
        resolved_by::varchar as resolved_by,
        reason::varchar as reason,
        location_raw::varchar as location_raw,
        consent::boolean as consent,
        -- text after scrub_quotes: no e-mail, phone, postcode + house number or listed name. Trimmed of the Unicode
        -- spaces (Zs: the 17 code points below are all trim removes) only where it starts or ends with one, or is
        -- empty: a million quotes are not copied for nothing (issue 19).
        case
            when text::varchar = ''
                or ord(text::varchar) in (32, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201,
                    8202, 8239, 8287, 12288)
                or ord(right(text::varchar, 1)) in (32, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199,
                    8200, 8201, 8202, 8239, 8287, 12288)
                then nullif(trim(text::varchar), '')
            else text::varchar
        end as quote
    from source
)

select * from renamed
