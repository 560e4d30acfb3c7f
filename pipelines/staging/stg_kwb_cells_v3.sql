-- run by: buurtdata.sources.cbs (once per KWB file)
-- One KWB year in OData v3 shape (wide TypedDataSet) -> one text cell per region and CBS key.
-- Input: view raw_kwb_data, its source_row the row a user finds the region on: the file line (header = line 1)
-- of a CSV or Excel file, else the row (1 = first region). Output: temp table raw_kwb_cells, the common input of the other stg_kwb_* files.
-- Cells stay text here so that stg_kwb_observations alone decides what a missing or sentinel cell means.
create or replace temp table raw_kwb_cells as
with cells as (
    select
        source_row,
        WijkenEnBuurten,
        coalesce(columns(* exclude (WijkenEnBuurten, source_row))::varchar, '')
    from raw_kwb_data
),

unpivoted as (
    unpivot cells
    on columns(* exclude (WijkenEnBuurten, source_row))
    into name cbs_key value raw_value
)

select
    trim(WijkenEnBuurten) as code,
    cbs_key,
    raw_value,
    null::varchar as value_attribute,
    source_row::integer as source_row
from unpivoted
