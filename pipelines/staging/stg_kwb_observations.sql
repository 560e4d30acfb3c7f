-- run by: buurtdata.sources.cbs (once per KWB file)
-- One KWB year: every text cell of a numeric CBS topic -> a typed value with a status.
-- Inputs: temp table raw_kwb_cells (stg_kwb_cells_v3/v4.sql), view raw_kwb_properties; the one-row table kwb_file (year, table_id);
-- seed status_codes. This is the only place that decides what a missing figure means; it never becomes 0:
--   CBS sentinel (-99997, -99999999, ...) -> the status of that sentinel (seed status_codes);
--   OData v4 ValueAttribute 'Confidential' -> 'geheim', 'Impossible' -> 'niet_van_toepassing';
--   empty or '.' while other regions have the topic -> 'geheim' (suppressed for this region);
--   empty for every region of the table -> 'ontbreekt' (not (yet) published in this table).
insert into stg_kwb_observations
with topics as (
    select "Key" as cbs_key
    from raw_kwb_properties
    where "Type" = 'Topic' and "Datatype" in ('Long', 'Integer', 'Double', 'Float', 'Decimal')
),

typed as (
    select
        kwb_file.year,
        kwb_file.table_id,
        cells.code,
        cells.cbs_key,
        try_cast(cbs_cell(cells.raw_value) as double) as number,
        cells.value_attribute,
        cells.source_row
    from raw_kwb_cells as cells
    cross join kwb_file
    semi join topics using (cbs_key)
),

-- A count per topic joined back, not a window over every cell: the window sorts all cells by topic.
filled as (
    select cbs_key, count(number) as filled_in_table
    from typed
    group by cbs_key
),

classified as (
    select
        typed.*,
        status_codes.status as sentinel_status,
        filled.filled_in_table
    from typed
    join filled using (cbs_key)
    left join status_codes on typed.number = status_codes.value
)

select
    year,
    table_id,
    code,
    cbs_key,
    case when sentinel_status is null then number end as value,
    case
        when sentinel_status is not null then sentinel_status
        when value_attribute = 'Confidential' then 'geheim'
        when value_attribute = 'Impossible' then 'niet_van_toepassing'
        when number is not null then 'waarde'
        when filled_in_table = 0 then 'ontbreekt'
        else 'geheim'
    end as status,
    source_row
from classified
