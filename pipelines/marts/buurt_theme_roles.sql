-- reads: stg_segments, buurt_themes, project_settings
-- Every buurt x theme x role: distinct respondents of that role who raised the theme there.
-- The privacy threshold (project_settings.privacy_threshold, k; macros voices_*) applies per cell, and no
-- cell may be worked out by subtraction from the shown buurt x theme total (buurt_themes):
--   * total not shown (fewer than k voices): every role cell takes the theme's own status, so the roles
--     of those few people are not told either;
--   * total shown and every role cell 0 or at least k: the cells are shown;
--   * total shown and some role cell 1 to k-1: the whole breakdown is withheld ('afgeschermd'), because
--     total minus the shown cells, together with the statuses, can pin a small group down exactly
--     (total 5, bewoner 3, two small cells -> 1 and 1);
--   * total shown and the role cells adding up to more than it (someone counted under two roles, a shopkeeper who
--     lives above the shop): withheld too, because the cells minus the total tell how many people have more
--     than one role (bewoner 3 + ondernemer 3 of a total 5 -> exactly 1; user test M).
create or replace table buurt_theme_roles as
with roles as (
    select distinct coalesce(role, 'onbekend') as role from stg_segments
),

-- The distinct respondents per buurt x theme x role, as distinct rows first and then counted: count(distinct) on
-- three keys kept a set of respondents per group (a million segments: 0.37 -> 0.22 s; issue 19).
counted as (
    select buurt_code, theme, role, count(respondent) as respondents
    from (
        select distinct buurt_code, theme, coalesce(role, 'onbekend') as role, respondent
        from stg_segments
        where buurt_code is not null
    )
    group by all
),

-- Whether a buurt x theme has a small role cell, from the counted cells only: an empty cell is never small.
small as (
    select buurt_code, theme, bool_or(voices_too_few(respondents, (select privacy_threshold from project_settings)))
        as any_small,
        sum(respondents) as role_sum
    from counted
    group by all
),

-- buurt_themes has every buurt x theme (stg_buurt_theme_grid), with the total's status.
ranked as (
    select
        buurt_themes.code as buurt_code,
        buurt_themes.theme,
        roles.role,
        coalesce(counted.respondents, 0) as respondents,
        buurt_themes.theme_status as total_status,
        coalesce(small.any_small, false) as any_small,
        coalesce(small.role_sum <> buurt_themes.respondents, false) as overlapping
    from buurt_themes
    cross join roles
    left join counted
        on counted.buurt_code = buurt_themes.code and counted.theme = buurt_themes.theme and counted.role = roles.role
    left join small on small.buurt_code = buurt_themes.code and small.theme = buurt_themes.theme
),

classified as (
    select
        buurt_code,
        theme,
        role,
        respondents,
        case
            when total_status <> 'getoond' then total_status
            when any_small or overlapping then 'afgeschermd'
            else voices_status(respondents, (select privacy_threshold from project_settings))
        end as theme_status
    from ranked
)

select
    buurt_code as code,
    theme,
    role,
    case when theme_status = 'getoond' then respondents end as respondents,
    theme_status,
    (select interviews from project_settings) as interviews
from classified
order by code, theme, role
