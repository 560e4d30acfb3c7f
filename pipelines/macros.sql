-- Macros the models share, created before any model runs (buurtdata._sql.macros), as temporary macros of the connection.
-- The region-code macros region_level, gemeente_of and wijk_of are made from buurtdata/codes.py there.

-- A cell's text, or null where CBS left the cell empty or wrote '.' (no figure): the staging decides what that
-- means (stg_kwb_observations.sql); buurtdata nieuw asks which topics a file holds no figure of at all.
create or replace temp macro cbs_cell(text) as nullif(nullif(trim(text), ''), '.');

-- A region without a name is called by its code (buurtdata.pipeline.names fills the staged regions so).
create or replace temp macro region_name(name, code) as coalesce(nullif(trim(name), ''), code);

-- The privacy rule for interview counts, written once: a group of respondents is shown only when it has
-- at least k distinct respondents (project_settings.privacy_threshold, [privacy] threshold).
create or replace temp macro voices_shown(respondents, k) as respondents >= k;

-- 1 to k-1 respondents: too few to show, but not nobody.
create or replace temp macro voices_too_few(respondents, k) as respondents between 1 and k - 1;

create or replace temp macro voices_status(respondents, k) as
    case
        when voices_shown(respondents, k) then 'getoond'
        when respondents = 0 then 'geen stemmen'
        else 'te weinig stemmen'
    end;

-- The status of a buurt's theme given `heard`, the buurt's distinct respondents over all its themes (in the round
-- shown). A buurt where 1 to k-1 people were heard in all gives every theme the same 'te weinig gesprekken': which
-- themes its few people raised ('te weinig stemmen' beside 'geen stemmen') would tell their neighbours what they
-- talked about (user test V, left A: one widow in Speuld, Eenzaamheid and Wonen). Their voices still count in the
-- wijk row (wijk_themes). A buurt of k or more heard, or of nobody, keeps voices_status.
create or replace temp macro buurt_voices_status(respondents, heard, k) as
    case when voices_too_few(heard, k) then 'te weinig gesprekken' else voices_status(respondents, k) end;

-- A number as printed on handouts (Dutch format: 1.234,5), so print and table agree.
create or replace temp macro nl_getal(value, decimals) as
    translate(format('{:,.' || decimals || 'f}', value::double), ',.', '.,');

-- buurt_comparison.direction in Dutch, for text that people read (the column itself says higher/lower/around).
create or replace temp macro richting(direction) as
    case direction when 'higher' then 'hoger' when 'lower' then 'lager' when 'around' then 'rond gemiddelde' end;

create or replace temp macro kleine_letter(text) as lower(left(text, 1)) || substr(text, 2);

-- A sentence opening with a figure's spoken name: 'Het aandeel ...' (buurt_signals' reasons).
create or replace temp macro hoofdletter(text) as upper(left(text, 1)) || substr(text, 2);

-- A number with its unit ("306.000 euro", "7.217 inwoners per km²") never breaks across a printed line.
create or replace temp macro no_break(text) as replace(text, ' ', chr(160));

-- In running text, a number stays with the word after it and a range stays whole ("15 tot 25 jaar").
create or replace temp macro keep_numbers_together(text) as
    regexp_replace(regexp_replace(text, '(\d) ', '\1' || chr(160), 'g'), '(tot|t/m|à) (\d)', '\1' || chr(160) || '\2', 'g');

-- A gemeente as people say it in a sentence: without CBS's letters that tell two of one name apart ('Hengelo (O.)'
-- is 'Hengelo', 'Bergen (NH.)' 'Bergen'); the sheet's header names it in full.
create or replace temp macro spoken_place(name) as regexp_replace(name, '\s*\([^()]*\.\)$', '');

-- A round's period as said in a sentence, with its preposition and article, as buurtdata._text.when_said says it: 'in het
-- voorjaar van 2025' for 'voorjaar 2025' (not 'in voorjaar 2025', user test T), 'in de zomer van 2024', 'begin 2025' as
-- it is, else 'in ' and the period.
create or replace temp macro when_said(period) as case
    when regexp_full_match(trim(period), '(?i)(voorjaar|lente|zomer|najaar|herfst|winter)(\s+([’'']?\d\d|\d{4}))?')
        then 'in ' || (case when lower(trim(period)) similar to '[a-z]*jaar.*' then 'het ' else 'de ' end)
            || lower(regexp_extract(trim(period), '^(\S+)', 1))
            || coalesce(' van ' || nullif(regexp_extract(trim(period), '\s+(\S+)$', 1), ''), '')
    when regexp_full_match(trim(period), '(?i)(begin|eind|einde|medio|midden)\s+\S.*')
        then lower(left(trim(period), 1)) || substr(trim(period), 2)
    else 'in ' || trim(period) end;

-- A sentence's first letter as a capital ('in het voorjaar ...' opening a sentence).
create or replace temp macro capitalised(text) as upper(left(text, 1)) || substr(text, 2);

-- One sentence template of pipelines/seeds/vragen.csv with its placeholders filled in (unused ones are ignored);
-- the names of the figures looked at are said as a list is said aloud, the last after 'en'; two figures that differ
-- are two sentences, the second with 'En' ('... 306.000). En het aandeel ...': 'Ook' would say it differs the
-- same way), not one breath past a semicolon. buurt_signals joins the figures with chr(31), which no figure's title holds,
-- so a title's own ', ' or '; ' stays as it is (review x L3).
create or replace temp macro fill_question(template, gemeente, cijfers, onderwerp, noemen, gecheckt, en_cijfers) as
    replace(replace(replace(replace(replace(replace(template,
        '{en_cijfers}', coalesce(en_cijfers, '')), '{gemeente}', spoken_place(gemeente)), '{cijfers}', coalesce(replace(cijfers, chr(31), '. En '), '')),
        '{onderwerp}', onderwerp), '{noemen}', coalesce(noemen, '')), '{gecheckt}', coalesce(replace(regexp_replace(gecheckt, '\x1f([^\x1f]*)$', ' en \1'), chr(31), ', '), ''));

-- Secondary suppression of a wijk row (README, Privacy 2). A reader who subtracts everything else that is published
-- (the respondents placed in the wijk alone included) learns `remainder`: what the wijk's hidden buurt groups of
-- the theme hold together. The reader also knows how many there are of two kinds: `few` groups of 1 to k-1 (a buurt
-- that says 'te weinig stemmen' on the theme) and `thin` buurten where only 1 to k-1 people were heard in all
-- ('te weinig gesprekken' on every theme: each holds 0 to k-1 of this theme, nobody can tell which). The least and
-- most one group of each kind can then hold is what `remainder` leaves after the others hold their most and least.
create or replace temp macro few_size_low(remainder, few, thin, k) as
    greatest(1, remainder - (few - 1 + thin) * (k - 1));
create or replace temp macro few_size_high(remainder, few, thin, k) as least(k - 1, remainder - (few - 1));
create or replace temp macro thin_size_low(remainder, few, thin, k) as
    greatest(0, remainder - (few + thin - 1) * (k - 1));
create or replace temp macro thin_size_high(remainder, few, thin, k) as least(k - 1, remainder - few);

-- A wijk row may show its count only when no hidden group's size is fixed by it: every 'te weinig stemmen' group
-- can still be at least two sizes, and every thin buurt can still have raised the theme (1 or more) or not (0);
-- either one fixed would tell what its few people talked about (user test V, left A: Speuld's 1 and Houtdorp's 2 in
-- a wijk row of 3 say the widow of Speuld named Eenzaamheid). Without thin buurten this is the earlier rule: one
-- group is fixed, and so are groups that must all be 1 or all k-1 (tests/test_privacy_wijk_thin.py proves both).
create or replace temp macro wijk_sizes_open(remainder, few, thin, k) as
    (few = 0 or few_size_high(remainder, few, thin, k) > few_size_low(remainder, few, thin, k))
    and (thin = 0 or (thin_size_low(remainder, few, thin, k) = 0 and thin_size_high(remainder, few, thin, k) >= 1));

-- A wijk row's status. Withheld in a wijk with a thin buurt, it says 'te weinig gesprekken' whatever it holds: 'geen
-- stemmen' would tell that the few people of that buurt did not raise the theme, 'te weinig stemmen' beside it that
-- they may have. Else as voices_status: withheld for any reason is 'te weinig stemmen', so the status tells nothing
-- of why.
create or replace temp macro wijk_voices_status(shown, respondents, thin) as
    case
        when shown then 'getoond'
        when thin >= 1 then 'te weinig gesprekken'
        when respondents = 0 then 'geen stemmen'
        else 'te weinig stemmen'
    end;
