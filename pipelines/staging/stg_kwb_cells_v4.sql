-- run by: buurtdata.sources.cbs (once per KWB file)
-- One KWB year in OData v4 shape (long Observations: Measure, Value, ValueAttribute, WijkenEnBuurten)
-- -> one text cell per region and measure code.
-- Input: view raw_kwb_observations. Output: temp table raw_kwb_cells (see stg_kwb_cells_v3.sql).
create or replace temp table raw_kwb_cells as
select
    trim(WijkenEnBuurten) as code,
    trim(Measure) as cbs_key,
    coalesce(Value::varchar, '') as raw_value,
    nullif(trim(ValueAttribute), '') as value_attribute,
    null::integer as source_row
from raw_kwb_observations
