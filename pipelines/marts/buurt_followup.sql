-- reads: agreements, buurt_theme_rounds, stg_round_segments, project_settings
-- What each agreement's meeting decided and what the voices show since: the buurt's theme in the agreement's
-- round and in the next one, each under the privacy rule of its own round. A change is told only when both
-- rounds are shown (as buurt_theme_changes); followup is the Dutch sentence a handout prints. Where nobody named
-- the theme in the next round it says why, as it is read aloud at a meeting: nobody in the buurt was spoken
-- with in that round, too few people were, or those who were did not name it (heard: distinct respondents of
-- the buurt in the next round). Where nobody named it in the agreement's round and enough people do now, it says
-- so (user test B: "te weinig stemmen in een van beide rondes" read as if someone had been hidden). A round where only
-- 1 to k-1 people of the buurt were heard says 'te weinig gesprekken' on every theme (buurt_theme_rounds), and the
-- sentence about it is the same for every theme: nothing tells which themes those few raised (user test V, left A).
-- An agreement made in a round where only 1 to k-1 people of its buurt were heard keeps what the meeting decided, but
-- not its theme (theme and theme_agreed are null, and its sentence is the same whatever the theme): beside 'te weinig
-- gesprekken' on every theme, an agreement on Eenzaamheid would tell what those few raised (fix-left10, item 2).
create or replace table buurt_followup as
-- The distinct respondents heard per buurt and round, counted once for the agreements' buurten (two correlated
-- counts per agreement made DuckDB plan a join of their own for each; issue 19).
with heard_in as (
    select buurt_code, round_number, count(distinct respondent) as heard
    from stg_round_segments
    where buurt_code in (select code from agreements)
    group by buurt_code, round_number
),

later as (
    select agreements.*, next_round.round as round_to,
           case when this_round.shown then this_round.respondents end as respondents_from,
           case when next_round.shown then next_round.respondents end as respondents_to,
           this_round.shown and next_round.shown as both_shown,
           next_round.theme_status,
           this_round.theme_status as status_from,
           coalesce(nullif(this_round.period, ''), 'de vorige ronde') as period_from,
           coalesce(nullif(next_round.period, ''), 'de nieuwe ronde') as period_to,
           coalesce(heard_to.heard, 0) as heard,
           coalesce(heard_from.heard, 0) as heard_from,
           voices_too_few(coalesce(heard_from.heard, 0), (select privacy_threshold from project_settings)) as thin_from
    from agreements
    left join buurt_theme_rounds as this_round
        on this_round.code = agreements.code and this_round.theme = agreements.theme
        and this_round.round_number = agreements.round_number
    left join buurt_theme_rounds as next_round
        on next_round.code = agreements.code and next_round.theme = agreements.theme
        and next_round.round_number = agreements.round_number + 1
    left join heard_in as heard_to
        on heard_to.buurt_code = agreements.code and heard_to.round_number = agreements.round_number + 1
    left join heard_in as heard_from
        on heard_from.buurt_code = agreements.code and heard_from.round_number = agreements.round_number
),

-- Each round's period as said in a sentence, worked out once for the sentences below (each said it again).
-- heard_said: a change told between rounds that heard a different number of people in the buurt says so, without
-- the numbers (sweep 13 #10: "5 -> 3" read as a theme fading when all 3 people heard in the new round named it).
spoken as (
    select *, when_said(period_from) as said_from, when_said(period_to) as said_to,
        case
            when not both_shown or heard = heard_from then ''
            when respondents_to = respondents_from
                then ' We spraken hier wel met ' || heard_more || ' mensen dan ' || when_said(period_from) || '.'
            when (respondents_to > respondents_from) = (heard > heard_from)
                then ' We spraken hier ook met ' || heard_more || ' mensen dan ' || when_said(period_from) || '.'
            else ' En dat terwijl we hier met ' || heard_more || ' mensen spraken dan ' || when_said(period_from) || '.'
        end as heard_said
    from (select *, case when heard > heard_from then 'meer' else 'minder' end as heard_more from later)
)

select
    code,
    case when not thin_from then theme end as theme,
    round_number,
    round,
    agreement,
    case when not thin_from then theme_agreed end as theme_agreed,
    owner,
    review_date,
    round_to,
    respondents_from,
    case when not thin_from then respondents_to end as respondents_to,
    case when both_shown then respondents_to - respondents_from end as change,
    case
        when round_to is null then 'Nog geen nieuwe gespreksronde.'
        when both_shown and respondents_to > respondents_from
            then capitalised(said_to) || ' noemden meer mensen dit thema dan ' || said_from
                || ' (' || respondents_from || ' → ' || respondents_to || ').' || heard_said
        when both_shown and respondents_to < respondents_from
            then capitalised(said_to) || ' noemden minder mensen dit thema dan ' || said_from
                || ' (' || respondents_from || ' → ' || respondents_to || ').' || heard_said
        when both_shown
            then capitalised(said_to) || ' noemden evenveel mensen dit thema als ' || said_from
                || ' (' || respondents_to || ').' || heard_said
        when heard = 0
            then capitalised(said_to) || ' is in deze buurt met niemand gesproken. '
                || 'Over deze afspraak zijn dus nog geen nieuwe stemmen.'
        when not voices_shown(heard, (select privacy_threshold from project_settings))
            then capitalised(said_to) || ' spraken we hier met te weinig mensen om terug te kijken.'
        -- Too few people heard when it was agreed: the same whatever its theme, whatever the next round says of it.
        when thin_from then capitalised(said_from) || ' spraken we hier met te weinig mensen om te vergelijken.'
        when theme_status = 'geen stemmen'
            then 'Van de mensen met wie we ' || said_to || ' in deze buurt spraken, noemde niemand dit thema.'
        -- Nobody named it when it was agreed (public: the round's table says "geen stemmen"), enough people now.
        when status_from = 'geen stemmen' and respondents_to is not null and heard_from = 0
            then capitalised(said_from) || ' is in deze buurt met niemand gesproken. ' || capitalised(said_to)
                || ' noemden ' || respondents_to || ' mensen dit thema.'
        when status_from = 'geen stemmen' and respondents_to is not null
            then capitalised(said_from) || ' noemde in deze buurt niemand dit thema. ' || capitalised(said_to)
                || ' noemden ' || respondents_to || ' mensen het.'
        else 'Te weinig stemmen in een van beide rondes om te vergelijken.'
    end as followup
from spoken
order by code, round_number, theme, agreement
;

-- The agreements table is published too: an agreement of such a round keeps what was agreed, not its theme (read above,
-- where the theme changed nothing of its sentence). Counted for the agreements' buurten only, as heard_in above: the
-- correlated count this replaced counted every buurt's respondents of every round (0.25 s of a build of a million
-- segments without a single agreement; issue 19). A buurt and round without segments has no row here: 0 is not too few.
update agreements set theme = null, theme_agreed = null
from (
    select buurt_code, round_number, count(distinct respondent) as heard
    from stg_round_segments
    where buurt_code in (select code from agreements)
    group by buurt_code, round_number
) as heard_in
where heard_in.buurt_code = agreements.code and heard_in.round_number = agreements.round_number
    and voices_too_few(heard_in.heard, (select privacy_threshold from project_settings))
