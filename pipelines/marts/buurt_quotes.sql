-- reads: buurt_themes, buurt_theme_roles, stg_segments, project_settings
-- Quotes that may be published: only when the project opts in (project_settings.publish_quotes, [privacy]
-- publish_quotes = true), only with the respondent's consent, only scrubbed (stg_segments.quote), and only
-- for a buurt-theme group of at least privacy_threshold distinct respondents. At most one quote per
-- respondent and buurt, so a talkative person does not fill the page and two quotes on one handout never add
-- up to one recognisable person: theirs from the group with the fewest quotes (so each theme keeps what it
-- can), the first in sort order. The same text (case and spacing aside) in one buurt and theme is shown once,
-- though several people said it. The speaker's role is given only
-- where buurt_theme_roles shows the roles of that group (not 'afgeschermd'); else it is null, so a quote
-- never points at a small group of, say, two ondernemers. What a quote says can tell its speaker's role though ("Mijn
-- klanten ...", "Als enige jongerenwerker ..."; user test V: 10 of the sample's 19 quotes came from a role of 1 or 2
-- people in their buurt and theme): a quote is published only when its speaker is one of at least privacy_threshold
-- people of the same role (the segment's, 'onbekend' when none) who raised the theme in that buurt. The privacy
-- rules themselves live in buurt_themes
-- and buurt_theme_roles; this mart only reads them. Never a respondent or segment id. Every row names its
-- interview set (project_settings.interviews), so fictional quotes say so.
create or replace table buurt_quotes as
with groups as (
    select code as buurt_code, theme
    from buurt_themes
    where shown
),

roles_shown as (
    select code as buurt_code, theme
    from buurt_theme_roles
    group by code, theme
    having bool_and(theme_status <> 'afgeschermd')
),

-- The buurt x theme x role cells of at least k people, as buurt_theme_roles counts them.
-- Counted only when quotes are published (quotable reads them then only): DuckDB otherwise grouped a million segments
-- by buurt, theme, role and respondent for an empty table (issue 19).
role_cells as (
    select buurt_code, theme, coalesce(role, 'onbekend') as role_said
    from stg_segments
    where buurt_code is not null and (select publish_quotes from project_settings)
    group by all
    having voices_shown(count(distinct respondent), (select privacy_threshold from project_settings))
),

quotable as (
    select stg_segments.*
    from stg_segments
    inner join groups using (buurt_code, theme)
    inner join role_cells
        on role_cells.buurt_code = stg_segments.buurt_code and role_cells.theme = stg_segments.theme
        and role_cells.role_said = coalesce(stg_segments.role, 'onbekend')
    where (select publish_quotes from project_settings) and stg_segments.consent and stg_segments.quote is not null
),

counted as (
    select *, count(*) over (partition by buurt_code, theme) as group_quotes
    from quotable
),

one_per_respondent as (
    select *
    from counted
    qualify row_number() over (partition by buurt_code, respondent order by group_quotes, quote, theme) = 1
),

-- The same words said by several people in one buurt and theme are shown once (case, spacing and the
-- whitespace around them aside), not once per speaker on one handout.
one_per_text as (
    select *
    from one_per_respondent
    qualify row_number() over (
        partition by buurt_code, theme, lower(regexp_replace(trim(quote), '\s+', ' ', 'g'))
        order by role nulls last, quote
    ) = 1
)

select
    one_per_text.buurt_code as code,
    one_per_text.theme,
    case when roles_shown.buurt_code is not null then one_per_text.role end as role,
    one_per_text.quote,
    (select interviews from project_settings) as interviews
from one_per_text
left join roles_shown using (buurt_code, theme)
order by code, one_per_text.theme, role nulls last, one_per_text.quote
