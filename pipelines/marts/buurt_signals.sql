-- reads: theme_links, buurt_comparison, buurt_themes, stg_segments, project_settings
-- One row per buurt x theme that is linked ([[links]] of the project) or that someone raised in the buurt:
-- do figures and stories point the same way? A theme without linked figures has figures 'onbekend'.
--
-- Figures point ("wijzen") when at least one linked indicator of the theme is beyond the band around
-- the gemeente in the direction the link names (buurt_comparison.direction 'higher' for higher,
-- 'lower' for lower); they "wijzen niet" when some linked indicator has an index and none points;
-- 'onbekend' when no linked indicator has an index (secret, missing, too few inwoners).
-- Stories point ("genoemd") when the theme is shown in buurt_themes: k or more distinct respondents
-- (project_settings.privacy_threshold) raised it. 1 to k-1 respondents: 'te weinig stemmen'. Nobody: 'niet genoemd'
-- when k or more respondents of the buurt were heard on any theme, else 'niet gesproken'.
--
-- signal:  te weinig stemmen  stories 'te weinig stemmen' (whatever the figures say)
--          samen              genoemd + wijzen
--          verschil           genoemd + wijzen niet (stories raise what figures do not show), or
--                             niet genoemd + wijzen (figures show what people who were heard did not raise)
--          alleen verhalen    genoemd + onbekend
--          alleen cijfers     niet gesproken + wijzen
--          geen signaal       everything else (kept, so nothing is dropped silently)
-- A no-break space keeps a number and its unit on one printed line.
-- Each signal becomes a Dutch question for the meeting (question), never a verdict.
create or replace table buurt_signals as
with links as (
    select
        theme_links.theme,
        theme_links.direction as link_direction,
        buurt_comparison.*,
        buurt_comparison.direction = theme_links.direction as points
    from theme_links
    join buurt_comparison using (indicator)
),

figures as (
    select
        code,
        theme,
        case when bool_or(points) then 'wijzen' when bool_or(index is not null) then 'wijzen niet' else 'onbekend' end
            as figures,
        string_agg(
            case when points then
                format('{} {}: {} tegen {} {}', kleine_letter(title), richting(direction), value_text, gemeente_text, unit)
            end,
            '; ' order by indicator
        ) as figures_text,
        string_agg(case when index is not null then kleine_letter(title) end, ', ' order by indicator) as checked_text
    from links
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
    where theme_status <> 'geen stemmen' and theme not in (select theme from theme_links)
),

heard as (
    select
        buurt_code as code,
        voices_shown(count(distinct respondent), (select privacy_threshold from project_settings)) as heard
    from stg_segments
    where buurt_code is not null
    group by buurt_code
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
        case
            when buurt_themes.theme_status = 'getoond' then 'genoemd'
            when buurt_themes.theme_status = 'te weinig stemmen' then 'te weinig stemmen'
            when coalesce(heard.heard, false) then 'niet genoemd'
            else 'niet gesproken'
        end as stories
    from pairs
    left join names using (code)
    left join figures using (code, theme)
    left join buurt_themes using (code, theme)
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
            when stories = 'niet gesproken' and figures = 'wijzen' then 'alleen cijfers'
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
        when signal = 'samen' then format(
            'De cijfers laten een verschil met {} zien ({}), en mensen in de interviews noemen ook {}. Herkent u dat? Wat zou hier helpen?',
            gemeente_name, figures_text, kleine_letter(theme)
        )
        when signal = 'verschil' and stories = 'genoemd' then format(
            'Mensen in de interviews noemen {}, terwijl de cijfers ({}) niet afwijken van {}. Herkent u dat? Wat laten de cijfers niet zien?',
            kleine_letter(theme), checked_text, gemeente_name
        )
        when signal = 'verschil' then format(
            'De cijfers laten een verschil met {} zien ({}), terwijl niemand in de interviews in deze buurt {} noemde. '
            || 'Herkent u dat? Speelt het wel, of juist niet?',
            gemeente_name, figures_text, kleine_letter(theme)
        )
        when signal = 'alleen verhalen' and not linked then format(
            'Mensen in de interviews noemen {}; er zijn (nog) geen cijfers aan dit thema gekoppeld. Wat speelt er? Welke cijfers zouden helpen?',
            kleine_letter(theme)
        )
        when signal = 'alleen verhalen' then format(
            'Mensen in de interviews noemen {}; de cijfers zeggen daar voor deze buurt niets over (geheim of niet beschikbaar). Wat speelt er?',
            kleine_letter(theme)
        )
        when signal = 'alleen cijfers' then format(
            'De cijfers laten een verschil met {} zien ({}); in deze buurt is nog met te weinig mensen gesproken. '
            || 'Wat merkt u daarvan? Is {} hier een onderwerp, of juist niet?',
            gemeente_name, figures_text, kleine_letter(theme)
        )
        when signal = 'te weinig stemmen' then format(
            'Enkele mensen noemden {}, te weinig om er iets over te zeggen{}. Speelt dit bij meer mensen in de buurt?',
            kleine_letter(theme),
            case when figures = 'wijzen' then format('; de cijfers laten een verschil met {} zien ({})', gemeente_name, figures_text) else '' end
        )
    end as question,
    (select interviews from project_settings) as interviews
from signals
order by code, theme
