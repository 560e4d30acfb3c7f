-- reads: regions, codebook, project_settings
-- Every buurt of the profile year (project_settings.year) x every theme of the codebook: the grid that
-- buurt_themes and buurt_theme_rounds count into, so a buurt or theme without any voices still has its row.
-- A temporary table: a copy of buurt_themes' keys, which the database file need not hold (the country's 155,000
-- rows were written and compressed for no reader; issue 19).
create or replace temp table stg_buurt_theme_grid as
select
    regions.code as buurt_code,
    regions.wijk_code,
    themes.theme
from regions
cross join (select distinct theme from codebook) as themes
where regions.level = 'buurt' and regions.year = (select year from project_settings)
order by buurt_code, theme
