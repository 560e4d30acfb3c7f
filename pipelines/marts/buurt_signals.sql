-- reads: theme_links, buurt_comparison, buurt_themes, stg_buurt_heard, project_settings, question_templates
-- One row per buurt x theme that is linked ([[links]] of the project) or that someone raised in the buurt:
-- do figures and stories point the same way? A theme without linked figures has figures 'onbekend'.
--
-- Figures point ("wijzen") when at least one linked indicator of the theme is beyond the band around
-- the gemeente in the direction the link names (buurt_comparison.direction 'higher' for higher,
-- 'lower' for lower); they "wijzen niet" when some linked indicator has a direction and none points;
-- 'onbekend' when no linked indicator has one (secret, missing, too few inwoners, a rounded 0 that may be as much
-- as the gemeente's).
-- Stories point ("genoemd") when the theme is shown in buurt_themes: k or more distinct respondents
-- (project_settings.privacy_threshold) raised it. 1 to k-1 respondents: 'te weinig stemmen'. Nobody: 'niet genoemd'
-- when k or more respondents of the buurt were heard on any theme, else 'niet gesproken' (people_heard: how many
-- were, so a buurt where nobody was spoken with is not told "too few"). A buurt where only 1 to k-1 people were
-- heard in all (buurt_themes 'te weinig gesprekken'): stories 'te weinig gesprekken' on every linked theme and no row
-- for an unlinked one, so no signal or question tells which themes those few raised (user test V, left A); its
-- questions come from the figures alone ('alleen cijfers': "We hebben in deze buurt nog met te weinig mensen
-- gesproken.").
--
-- signal:  te weinig stemmen  stories 'te weinig stemmen' (whatever the figures say)
--          samen              genoemd + wijzen
--          verschil           genoemd + wijzen niet (stories raise what figures do not show), or
--                             niet genoemd + wijzen (figures show what people who were heard did not raise)
--          alleen verhalen    genoemd + onbekend
--          alleen cijfers     niet gesproken or te weinig gesprekken + wijzen
--          geen signaal       everything else (kept, so nothing is dropped silently)
-- Each signal becomes a Dutch question for the meeting (question), never a verdict. The sentences, the
-- theme and figure names as people say them, and the units are in pipelines/seeds/vragen.csv (one reviewed
-- file, a note per template); here they are only filled in. A no-break space keeps a number and its unit,
-- and a range, on one printed line. cited: the indicators the question names (comma-separated), so a
-- handout prints each of them and no two questions about the same figure.
create or replace table buurt_signals as
with templates as (
    select part, name, template, coalesce(try_cast(factor as double), 1) as factor
    from question_templates
),

sentences as (
    select
        max(template) filter (where part = 'vraag' and name = 'samen') as samen,
        max(template) filter (where part = 'vraag' and name = 'verschil_genoemd') as verschil_genoemd,
        max(template) filter (where part = 'vraag' and name = 'verschil_genoemd_andersom') as verschil_andersom,
        max(template) filter (where part = 'vraag' and name = 'verschil_niet_genoemd') as verschil_niet_genoemd,
        max(template) filter (where part = 'vraag' and name = 'alleen_verhalen_zonder_koppeling') as zonder_koppeling,
        max(template) filter (where part = 'vraag' and name = 'alleen_verhalen') as alleen_verhalen,
        max(template) filter (where part = 'vraag' and name = 'alleen_cijfers') as alleen_cijfers,
        max(template) filter (where part = 'vraag' and name = 'alleen_cijfers_niemand') as alleen_cijfers_niemand,
        max(template) filter (where part = 'vraag' and name = 'te_weinig_stemmen') as te_weinig_stemmen,
        max(template) filter (where part = 'deel' and name = 'en_cijfers') as en_cijfers,
        max(template) filter (where part = 'deel' and name = 'noemen_een') as noemen_een,
        max(template) filter (where part = 'deel' and name = 'noemen_meer') as noemen_meer,
        max(template) filter (where part = 'deel' and name = 'cijfer') as cijfer,
        max(template) filter (where part = 'deel' and name = 'onderwerp') as onderwerp
    from templates
),

links as (
    select
        theme_links.theme,
        theme_links.direction as link_direction,
        buurt_comparison.*,
        buurt_comparison.direction = theme_links.direction as points,
        keep_numbers_together(coalesce(titles.template, kleine_letter(buurt_comparison.title))) as spoken_title,
        coalesce(units.template, buurt_comparison.unit) as spoken_unit,
        coalesce(units.factor, 1) as factor,
        -- Why a linked figure says nothing here (no direction), as 'alleen verhalen' says it, figure by figure: the
        -- reason (a 'reden' of vragen.csv), not a list of every reason there could be (review t L6, review v M6).
        case when buurt_comparison.direction is null then
            case
                when coalesce(buurt_comparison.weinig_of_geen, false) then 'weinig_of_geen'
                -- bijstand of KWB 2024: in no buurt of the gemeente, not a gap of this one (review v L8).
                when buurt_comparison.status = 'ontbreekt' and bool_and(buurt_comparison.status = 'ontbreekt')
                    over (partition by buurt_comparison.indicator, buurt_comparison.gemeente_code)
                    then 'ontbreekt_overal'
                when buurt_comparison.status in ('te_klein', 'geheim', 'ontbreekt', 'niet_van_toepassing')
                    then buurt_comparison.status
                when buurt_comparison.measure = 'aantal' then 'aantal'
                when buurt_comparison.gemeente_value = 0 then 'gemeente_nul'
                else 'geen_vergelijking'
            end
        end as silent
    from theme_links
    join buurt_comparison using (indicator)
    left join templates as titles on titles.part = 'cijfer' and titles.name = buurt_comparison.indicator
    left join templates as units on units.part = 'eenheid' and units.name = buurt_comparison.unit
),

spoken as (
    select
        links.*,
        -- 'Het aandeel inwoners van 65 jaar of ouder: er wonen hier te weinig mensen voor een betrouwbaar cijfer.'
        hoofdletter(spoken_title) || ': '
            || replace(reasons.reason, '{afronding}', case when rounded_to = 10 then 'tientallen' else 'vijftallen' end)
            || '.' as silent_text,
        replace(replace(replace(replace(sentences.cijfer,
            '{titel}', spoken_title),
            '{richting}', coalesce(richting(direction), '')),
            '{waarde}', case
                -- A share of a rounded 0 with a direction (buurt_comparison): 'weinig of geen', of no unit.
                when weinig_of_geen then value_text
                else no_break(
                    case when factor = 1 then value_text else nl_getal(value * factor, 0) end
                    || case when spoken_unit <> '' then ' ' || spoken_unit else '' end
                )
            end),
            '{gemeente_waarde}', no_break(
                case when factor = 1 then gemeente_text else nl_getal(gemeente_value * factor, 0) end
                || case when spoken_unit = '%' then ' %' else '' end
            )) as figure_text
    from links
    cross join sentences
    left join (select name as silent, template as reason from templates where part = 'reden') as reasons
        using (silent)
),

figures as (
    select
        code,
        theme,
        case when bool_or(points) then 'wijzen' when bool_or(direction is not null) then 'wijzen niet' else 'onbekend' end
            as figures,
        string_agg(case when points then figure_text end, chr(31) order by indicator) as figures_text,
        string_agg(case when points then indicator end, ',' order by indicator) as pointing,
        string_agg(case when direction is not null then spoken_title end, chr(31) order by indicator) as checked_text,
        string_agg(case when direction is not null then indicator end, ',' order by indicator) as checked,
        -- Figures beyond the band the other way than the link names: the question says so, not that they do not
        -- differ (a rounded 0 of 65-plussers, 'lower', where people spoke of loneliness).
        string_agg(case when direction in ('higher', 'lower') and not points then figure_text end, chr(31) order by indicator)
            as opposing_text,
        string_agg(case when direction in ('higher', 'lower') and not points then indicator end, ',' order by indicator)
            as opposing,
        string_agg(silent_text, ' ' order by indicator) as silent
    from spoken
    group by code, theme
),

names as (
    select distinct code, name, gemeente_name from buurt_comparison
),

pairs as (
    select code, theme, true as linked from figures
    union all
    select code, theme, false as linked
    from buurt_themes
    where theme_status in ('getoond', 'te weinig stemmen') and theme not in (select theme from theme_links)
),

-- The distinct respondents heard in each buurt over all its themes, as stg_buurt_heard counted them once (a million
-- segments were grouped again here; issue 19).
heard as (
    select
        buurt_code as code,
        voices_shown(heard, (select privacy_threshold from project_settings)) as heard,
        voices_too_few(heard, (select privacy_threshold from project_settings)) as too_few,
        heard as people
    from stg_buurt_heard
),

stories as (
    select
        pairs.code,
        names.name,
        names.gemeente_name,
        pairs.theme,
        pairs.linked,
        coalesce(figures.figures, 'onbekend') as figures,
        figures.figures_text,
        figures.checked_text,
        figures.pointing,
        figures.checked,
        figures.opposing_text,
        figures.opposing,
        figures.silent,
        coalesce(heard.people, 0) as people_heard,
        case when buurt_themes.theme_status = 'getoond' then buurt_themes.respondents end as respondents,
        case
            when buurt_themes.theme_status = 'getoond' then 'genoemd'
            when coalesce(heard.too_few, false) then 'te weinig gesprekken'
            when buurt_themes.theme_status = 'te weinig stemmen' then 'te weinig stemmen'
            when coalesce(heard.heard, false) then 'niet genoemd'
            else 'niet gesproken'
        end as stories
    from pairs
    left join names using (code)
    left join figures using (code, theme)
    -- Only the statuses the cases below read: a 'geen stemmen' row says no more than no row (issue 19: the join
    -- built on every buurt x theme of the country).
    left join (select * from buurt_themes where theme_status in ('getoond', 'te weinig stemmen')) as buurt_themes
        using (code, theme)
    left join heard using (code)
),

signals as (
    select
        *,
        case
            when stories = 'te weinig stemmen' then 'te weinig stemmen'
            when stories = 'genoemd' and figures = 'wijzen' then 'samen'
            when stories = 'genoemd' and figures = 'wijzen niet' then 'verschil'
            when stories = 'genoemd' then 'alleen verhalen'
            when stories = 'niet genoemd' and figures = 'wijzen' then 'verschil'
            when stories in ('niet gesproken', 'te weinig gesprekken') and figures = 'wijzen' then 'alleen cijfers'
            else 'geen signaal'
        end as signal
    from stories
)

select
    code,
    name,
    theme,
    linked,
    figures,
    stories,
    signal,
    case
        when signal = 'samen' then fill_question(samen, gemeente_name, figures_text, subject, voices, null, null)
        when signal = 'verschil' and stories = 'genoemd' and opposing is not null
            then fill_question(verschil_andersom, gemeente_name, opposing_text, subject, voices, null, null)
        when signal = 'verschil' and stories = 'genoemd'
            then fill_question(verschil_genoemd, gemeente_name, null, subject, voices, checked_text, null)
        when signal = 'verschil' then fill_question(verschil_niet_genoemd, gemeente_name, figures_text, subject, null, null, null)
        when signal = 'alleen verhalen' and not linked
            then fill_question(zonder_koppeling, gemeente_name, null, subject, voices, null, null)
        when signal = 'alleen verhalen'
            then fill_question(replace(alleen_verhalen, '{reden}', silent), gemeente_name, null, subject, voices, null, null)
        when signal = 'alleen cijfers' and people_heard = 0
            then fill_question(alleen_cijfers_niemand, gemeente_name, figures_text, subject, null, null, null)
        when signal = 'alleen cijfers' then fill_question(alleen_cijfers, gemeente_name, figures_text, subject, null, null, null)
        when signal = 'te weinig stemmen' then fill_question(
            te_weinig_stemmen, gemeente_name, null, subject, null, null,
            case when figures = 'wijzen' then fill_question(en_cijfers, gemeente_name, figures_text, subject, null, null, null) end
        )
    end as question,
    case
        when signal = 'verschil' and stories = 'genoemd' then coalesce(opposing, checked)
        when signal in ('samen', 'verschil', 'alleen cijfers') or (signal = 'te weinig stemmen' and figures = 'wijzen')
            then pointing
    end as cited,
    interviews
from (
    select
        signals.*,
        sentences.*,
        coalesce(subjects.template, replace(sentences.onderwerp, '{thema}', signals.theme)) as subject,
        -- Only counts of k or more people (buurt_themes 'getoond') are named; fewer stay 'enkele mensen'.
        replace(case when signals.respondents = 1 then sentences.noemen_een else sentences.noemen_meer end,
                '{n}', signals.respondents::varchar) as voices,
        (select interviews from project_settings) as interviews
    from signals
    cross join sentences
    left join templates as subjects on subjects.part = 'onderwerp' and subjects.name = signals.theme
)
order by code, theme
