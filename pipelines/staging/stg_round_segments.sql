-- The segments of every interview round, themes already on today's codebook (buurtdata.pipeline.rounds).
-- reads: stg_round_rows, stg_segments
-- A temporary view, like stg_segments a temporary table: respondent pseudonyms never reach the published database.
-- Today's segments are stg_segments' rows, read where they are: copied here, a million of them cost 0.3 s of a
-- build for a few readers (buurt_followup, the handouts' toekomstplan, the audit of thin buurten; issue 19).
create or replace temp view stg_round_segments as
with today as (
    -- The row that stands for today's segments when they are stg_segments' rows as staged (rounds._today_row).
    select round_number, round, period from stg_round_rows where stands_for_today
)

select
    round_number,
    round,
    period,
    respondent,
    theme,
    buurt_code,
    wijk_code,
    -- Of an earlier round's segment placed in no buurt only (scrubbed), for unplaced_segments; today's are in stg_segments.
    segment_id,
    location_raw,
    resolved_by,
    reason
from stg_round_rows
where not stands_for_today
union all
select
    today.round_number,
    today.round,
    today.period,
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
