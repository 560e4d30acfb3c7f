-- reads: buurt_theme_rounds
-- The change of a buurt's theme from one round to the next, only where BOTH rounds pass the privacy threshold:
-- a change next to a hidden count would let a reader work the hidden count out, and "from too few to 4" says
-- nothing reliable. change = respondents_to - respondents_from (distinct respondents of each round).
create or replace table buurt_theme_changes as
select
    earlier.code,
    earlier.theme,
    earlier.round as round_from,
    later.round as round_to,
    earlier.round_number as round_number_from,
    later.round_number as round_number_to,
    earlier.respondents as respondents_from,
    later.respondents as respondents_to,
    later.respondents - earlier.respondents as change,
    earlier.wijk_code
from buurt_theme_rounds as earlier
join buurt_theme_rounds as later
    on later.code = earlier.code and later.theme = earlier.theme and later.round_number = earlier.round_number + 1
where earlier.shown and later.shown
order by earlier.code, earlier.theme, earlier.round_number
