-- reads: stg_kwb_regions
-- Every region of every loaded KWB year: name as people read it, cbs_name as CBS gives it (pipeline.names).
create or replace table regions as
select year, code, level, name, gemeente_code, wijk_code, postcode, coalesce(cbs_name, name) as cbs_name
from stg_kwb_regions
order by year, code
