# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Hengelo verkennen: cijfers en verhalen per buurt
#
# Dit notebook loopt het ingebouwde voorbeeld van buurtdata door: echte CBS-cijfers van
# Hengelo (O.) (*Kerncijfers wijken en buurten* 2024 en 2020, Bron: CBS, CC BY 4.0) en de buurtgrenzen
# van de CBS wijk- en buurtkaart, samen met **fictieve interviews** (verzonnen voor de demonstratie;
# het zijn geen uitspraken van echte personen).
#
# Pas de parameters in de volgende cel aan om een eigen projectbestand te gebruiken.

# %% tags=["parameters"]
project_file = None  # None: het ingebouwde voorbeeld Hengelo
database = ":memory:"

# %%
from buurtdata import charts, datasets, pipeline
from buurtdata.project import Project

project = Project.load(project_file or datasets.get_path("hengelo"))
result = pipeline.run(project, database)
con = result.con
print(project.name, "-", project.gemeente, project.year)

# %% [markdown]
# ## De gemeente en Nederland
# Inwoners en het aandeel 65-plussers, in beide jaren. Een aandeel is berekend uit aantallen
# (65-plussers gedeeld door inwoners), nooit als gemiddelde van percentages.

# %%
con.sql(
    """
    select o.jaar, r.name as regio, o.indicator, round(o.value, 1) as waarde, o.status
    from observations o join regions r on r.jaar = o.jaar and r.code = o.region_code
    where r.level in ('land', 'gemeente') and o.indicator in ('inwoners', 'aandeel_65_plus')
    order by o.indicator, r.level, o.jaar
    """
).df()

# %% [markdown]
# ## Per buurt
# Eén rij per buurt. Ontbrekende cijfers blijven leeg en houden hun status (`geheim`, `ontbreekt`):
# een geheim cijfer is nooit 0.

# %%
result.buurten[["buurt_code", "buurt_naam", "wijk_naam", "inwoners", "aandeel_65_plus", "gemiddelde_woz", "gemiddelde_woz_status"]].head(12)

# %%
indicator = project.map_indicator
meta = con.execute("select title, unit from indicators where key = ? and jaar = ?", [indicator, project.year]).fetchall()[0]
table = project.kwb_files(project.year).table
charts.choropleth_indicator(
    result.buurten, indicator, title=meta[0], unit=meta[1],
    subtitle=f"{project.name}, {project.year}", source=charts.source_line(table=table, year=project.year),
)

# %% [markdown]
# ## Levende kennis (fictief)
# Hoe de locaties in de interviews aan een buurt zijn gekoppeld, en welke niet te plaatsen waren.
# Een thema telt per buurt pas mee als minstens zoveel verschillende mensen het noemden als de
# privacydrempel; daaronder staat er alleen "te weinig stemmen".

# %%
result.placement

# %%
result.unplaced

# %%
charts.choropleth_theme(
    result.themes, project.map_theme, subtitle=project.name,
    source=charts.source_line(table=table, year=project.year, interviews=project.interviews.label),
)
