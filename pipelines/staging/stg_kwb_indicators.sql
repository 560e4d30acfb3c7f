-- run by: buurtdata.sources.cbs (once per KWB file)
-- One KWB year's topic metadata, as CBS describes it (title, unit, decimals, description).
-- Inputs: view raw_kwb_properties; the one-row table kwb_file (year, table_id) of the file being staged.
insert into stg_kwb_indicators
select
    kwb_file.year,
    kwb_file.table_id,
    "Key" as cbs_key,
    trim("Title") as title,
    trim("Unit") as unit,
    "Decimals"::integer as decimals,
    nullif(trim("Description"), '') as description
from raw_kwb_properties
cross join kwb_file
where "Type" = 'Topic'
