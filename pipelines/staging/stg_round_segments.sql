-- The segments of every interview round, themes already on today's codebook (buurtdata.pipeline.rounds).
-- reads: raw_round_segments, stg_segments
-- A temporary table, like stg_segments: respondent pseudonyms never reach the published database.
create or replace temp table stg_round_segments as
with today as (
    -- The row that stands for today's segments when they are stg_segments' rows as staged (rounds._today_row).
    select round_number, round, period from raw_round_segments where stands_for_today
)

select
    round_number::integer as round_number,
    round::varchar as round,
    period::varchar as period,
    respondent::varchar as respondent,
    theme::varchar as theme,
    buurt_code::varchar as buurt_code,
    wijk_code::varchar as wijk_code,
    -- Of an earlier round's segment placed in no buurt only (scrubbed), for unplaced_segments; today's are in stg_segments.
    segment_id::varchar as segment_id,
    location_raw::varchar as location_raw,
    resolved_by::varchar as resolved_by,
    reason::varchar as reason
from raw_round_segments
where not stands_for_today
union all
select
    today.round_number::integer,
    today.round::varchar,
    today.period::varchar,
    stg_segments.respondent,
    stg_segments.theme,
    stg_segments.buurt_code,
    stg_segments.wijk_code,
    stg_segments.segment_id,
    null::varchar,
    stg_segments.resolved_by,
    null::varchar
from stg_segments
cross join today
