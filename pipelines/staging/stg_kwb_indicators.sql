-- run by: buurtdata.sources.cbs (once per KWB file)
-- One KWB year's topic metadata, as CBS describes it (title, unit, decimals, description).
-- Inputs: view raw_kwb_properties; variables jaar and tabel.
insert into stg_kwb_indicators
select
    getvariable('jaar')::integer as jaar,
    getvariable('tabel')::varchar as tabel,
    "Key" as cbs_key,
    trim("Title") as title,
    trim("Unit") as unit,
    "Decimals"::integer as decimals,
    nullif(trim("Description"), '') as description
from raw_kwb_properties
where "Type" = 'Topic'
