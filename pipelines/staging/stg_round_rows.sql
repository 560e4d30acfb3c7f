-- reads: raw_round_segments
-- The rows of raw_round_segments (buurtdata.pipeline.rounds), typed, kept for stg_round_segments and
-- unplaced_segments once the runner has let go of its frame: every earlier round's segment, and today's round: the
-- one row that stands for today's segments when they are stg_segments' rows as staged (stands_for_today;
-- rounds._today_row), else today's segments themselves (their themes carried to today's codebook).
-- A temporary table, like stg_segments: respondent pseudonyms never reach the published database.
create or replace temp table stg_round_rows as
select
    round_number::integer as round_number,
    round::varchar as round,
    period::varchar as period,
    respondent::varchar as respondent,
    theme::varchar as theme,
    buurt_code::varchar as buurt_code,
    wijk_code::varchar as wijk_code,
    segment_id::varchar as segment_id,
    location_raw::varchar as location_raw,
    resolved_by::varchar as resolved_by,
    reason::varchar as reason,
    stands_for_today::boolean as stands_for_today
from raw_round_segments
