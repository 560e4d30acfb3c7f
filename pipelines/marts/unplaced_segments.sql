-- reads: stg_segments, stg_round_rows
-- Segments of every interview round that could not be placed in a buurt, with the reason and the round; no quote,
-- no respondent. Today's round ([interviews]) is the last round_number; an earlier round's rows follow its own.
-- Read from stg_round_rows, which holds every earlier round's rows and today's round (its one row, or its rows when
-- the themes were carried), not through stg_round_segments, whose today's million rows would be scanned twice for
-- nothing (0.47 s of a build of a million segments; issue 19).
create or replace table unplaced_segments as
with today as (
    select round_number, round from stg_round_rows
    where round_number = (select max(round_number) from stg_round_rows)
    limit 1
),

unplaced as (
    select stg_segments.segment_id, stg_segments.location_raw, stg_segments.resolved_by, stg_segments.wijk_code,
           stg_segments.reason, today.round_number, today.round
    from stg_segments
    cross join today
    where stg_segments.buurt_code is null
    union all
    select segment_id, location_raw, resolved_by, wijk_code, reason, round_number, round
    from stg_round_rows
    where not stands_for_today and buurt_code is null and round_number < (select round_number from today)
)

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
    -- Each row of its own round's interviews (user test R: a 2024 row said "najaar 2025"); today's is the label
    -- of [interviews], as project_settings holds it.
    round as interviews,
    round_number,
    round
from unplaced
order by round_number desc, segment_id
