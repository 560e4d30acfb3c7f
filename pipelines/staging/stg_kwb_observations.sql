-- One KWB year: CBS's wide TypedDataSet -> one row per region and numeric CBS topic.
-- Inputs: views raw_kwb_data, raw_kwb_properties; variables jaar and tabel; seed status_codes.
-- A missing figure keeps a status and never becomes 0:
--   CBS sentinel (-99997, -99999999, ...) -> the status of that sentinel;
--   empty cell while other regions have the topic -> 'geheim' (suppressed for this region);
--   empty for every region of the table -> 'ontbreekt' (not (yet) published in this table).
insert into stg_kwb_observations
with topics as (
    select "Key" as cbs_key
    from raw_kwb_properties
    where "Type" = 'Topic' and "Datatype" in ('Long', 'Integer', 'Double', 'Float', 'Decimal')
),

cells as (
    select
        WijkenEnBuurten,
        coalesce(columns(* exclude (WijkenEnBuurten))::varchar, '')
    from raw_kwb_data
),

source as (
    unpivot cells
    on columns(* exclude (WijkenEnBuurten))
    into name cbs_key value raw_value
),

typed as (
    select
        getvariable('jaar')::integer as jaar,
        getvariable('tabel')::varchar as tabel,
        trim(source.WijkenEnBuurten) as region_code,
        source.cbs_key,
        try_cast(trim(source.raw_value) as double) as number
    from source
    semi join topics using (cbs_key)
),

classified as (
    select
        typed.*,
        status_codes.status as sentinel_status,
        count(typed.number) over (partition by typed.cbs_key) as filled_in_table
    from typed
    left join status_codes on typed.number = status_codes.value
)

select
    jaar,
    tabel,
    region_code,
    cbs_key,
    case when sentinel_status is null then number end as value,
    case
        when sentinel_status is not null then sentinel_status
        when number is not null then 'waarde'
        when filled_in_table = 0 then 'ontbreekt'
        else 'geheim'
    end as status
from classified
