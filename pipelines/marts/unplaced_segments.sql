-- reads: stg_segments, project_settings
-- Segments that could not be placed in a buurt, with the reason; no quote, no respondent.
create or replace table unplaced_segments as
select segment_id, location_raw, resolved_by, wijk_code, reason, (select interviews from project_settings) as interviews
from stg_segments
where buurt_code is null
order by segment_id
