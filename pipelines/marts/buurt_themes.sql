-- reads: stg_buurt_theme_grid, stg_buurt_theme_counts, stg_buurt_heard, wijk_themes, project_settings
-- Every buurt of the profile year x every theme of the codebook (stg_buurt_theme_grid), with the distinct
-- respondents and segments. Below the privacy threshold (project_settings.privacy_threshold, macro
-- voices_status) the counts are withheld: the theme_status 'te weinig stemmen' is all that remains of them, and
-- in_wijk tells whether those voices are counted in the buurt's wijk row of wijk_themes. A buurt where only 1 to
-- k-1 people were heard in all (stg_buurt_heard) tells no theme apart from another (macro buurt_voices_status): every
-- theme says 'te weinig gesprekken' and in_wijk is null on each, since which themes those few raised would tell their
-- neighbours what they talked about (user test V, left A); their voices count in wijk_themes as before. Every row names the
-- interview set it comes from (project_settings.interviews), so fictional sample data says so wherever it goes.
create or replace table buurt_themes as
with grid as (
    select
        stg_buurt_theme_grid.buurt_code,
        stg_buurt_theme_grid.wijk_code,
        stg_buurt_theme_grid.theme,
        coalesce(counted.respondents, 0) as respondents,
        coalesce(counted.segments, 0) as segments,
        coalesce(heard.heard, 0) as heard
    from stg_buurt_theme_grid
    left join stg_buurt_theme_counts as counted using (buurt_code, theme)
    left join stg_buurt_heard as heard using (buurt_code)
)

select
    grid.buurt_code as code,
    grid.theme,
    voices_shown(grid.respondents, settings.privacy_threshold) as shown,
    case when voices_shown(grid.respondents, settings.privacy_threshold) then grid.respondents end as respondents,
    case when voices_shown(grid.respondents, settings.privacy_threshold) then grid.segments end as segments,
    buurt_voices_status(grid.respondents, grid.heard, settings.privacy_threshold) as theme_status,
    settings.interviews,
    grid.wijk_code,
    case when not voices_too_few(grid.heard, settings.privacy_threshold) then
        voices_too_few(grid.respondents, settings.privacy_threshold) and coalesce(wijk_themes.shown, false)
    end as in_wijk
from grid
cross join project_settings as settings
left join wijk_themes on wijk_themes.code = grid.wijk_code and wijk_themes.theme = grid.theme
order by grid.buurt_code, grid.theme
