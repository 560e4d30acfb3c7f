-- reads: stg_kwb_regions
-- Every region of every loaded KWB year.
create or replace table regions as
select year, code, level, name, gemeente_code, wijk_code, postcode
from stg_kwb_regions
order by year, code
