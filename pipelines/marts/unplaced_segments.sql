-- reads: stg_segments, project_settings
-- Segments that could not be placed in a buurt, with the reason; no quote, no respondent.
create or replace table unplaced_segments as
select
    segment_id,
    location_raw,
    resolved_by,
    wijk_code,
    -- A wijk named or coded as such says no more: the row still tells why it is not in a buurt, and how to fix it.
    coalesce(
        reason,
        case when wijk_code is not null then
            'placed in wijk ' || wijk_code || ' only: the location names a wijk, not one of its buurten; '
            || 'write the buurt name or code (BU...) to place it in a buurt'
        end
    ) as reason,
    (select interviews from project_settings) as interviews
from stg_segments
where buurt_code is null
order by segment_id
