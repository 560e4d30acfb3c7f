-- reads: agreements, buurt_theme_rounds
-- What each agreement's meeting decided and what the voices show since: the buurt's theme in the agreement's
-- round and in the next one, each under the privacy rule of its own round. A change is told only when both
-- rounds are shown (as buurt_theme_changes); followup is the Dutch sentence a handout prints.
create or replace table buurt_followup as
with later as (
    select agreements.*, next_round.round as round_to,
           case when this_round.shown then this_round.respondents end as respondents_from,
           case when next_round.shown then next_round.respondents end as respondents_to,
           this_round.shown and next_round.shown as both_shown,
           next_round.theme_status
    from agreements
    left join buurt_theme_rounds as this_round
        on this_round.code = agreements.code and this_round.theme = agreements.theme
        and this_round.round_number = agreements.round_number
    left join buurt_theme_rounds as next_round
        on next_round.code = agreements.code and next_round.theme = agreements.theme
        and next_round.round_number = agreements.round_number + 1
)

select
    code,
    theme,
    round_number,
    round,
    agreement,
    theme_agreed,
    owner,
    review_date,
    round_to,
    respondents_from,
    respondents_to,
    case when both_shown then respondents_to - respondents_from end as change,
    case
        when round_to is null then 'Nog geen nieuwe gespreksronde.'
        when both_shown and respondents_to > respondents_from
            then 'Meer mensen noemen dit thema nu (' || respondents_from || ' → ' || respondents_to || ').'
        when both_shown and respondents_to < respondents_from
            then 'Minder mensen noemen dit thema nu (' || respondents_from || ' → ' || respondents_to || ').'
        when both_shown then 'Evenveel mensen noemen dit thema nu (' || respondents_to || ').'
        when theme_status = 'geen stemmen' then 'In de nieuwe ronde noemde niemand dit thema in deze buurt.'
        else 'Te weinig stemmen in een van beide rondes om te vergelijken.'
    end as followup
from later
order by code, round_number, theme, agreement
