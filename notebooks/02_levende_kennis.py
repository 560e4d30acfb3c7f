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
# # Levende kennis
#
# Wat vertellen bewoners, professionals en ondernemers over hun buurt? Dit notebook telt per buurt welke
# thema's in gecodeerde interviewfragmenten terugkomen. Een thema telt in een buurt pas mee als minstens zoveel
# verschillende mensen het noemden als de privacydrempel; daaronder staat er alleen "te weinig stemmen". Spraken we
# in een buurt met minder mensen dan de drempel, dan staat er bij elk thema "te weinig gesprekken": anders zou je
# zien welke thema's die paar mensen noemden. Wat zij vertelden, telt mee voor de wijk.
# Er staan geen citaten en geen namen in dit notebook. Welke interviews getoond worden, staat hieronder.

# %% tags=["parameters"]
project_file = None  # None: het project van de database (zonder database: het voorbeeld Hengelo); anders project.toml
gemeente = None  # None: de gemeente van het project; anders een controle, bijvoorbeeld "GM0164" of "Hengelo"
year = None  # None: het jaar van het project; anders een ander KWB-jaar uit het project
database = None  # None: bouw de tabellen opnieuw; anders de buurtdata.duckdb die `buurtdata report` of `demo` maakte

# %%
from buurtdata.outputs import explore

explore.setup_display()
data = explore.notebook_data(project_file, gemeente=gemeente, year=year, database=database)
print(data.project.name, "-", explore.coverage(data), data.project.year)

# %%
print("Interviews:", explore.interviews_label(data))
print("Privacydrempel:", data.project.privacy_threshold, "verschillende respondenten")

# %%
explore.fictional_notice(data)

# %% [markdown]
# ## Thema's over de buurten
# Per thema: in hoeveel buurten het getoond wordt, en in hoeveel er te weinig of geen stemmen zijn. Een buurt
# waar we met te weinig mensen spraken, telt bij elk thema even vaak mee (‘te weinig gesprekken’).

# %%
explore.table(explore.theme_overview(data))

# %% [markdown]
# ## Verder in de wijk
# Sommige mensen noemden alleen hun wijk, of een naam of postcode die zowel een buurt als de wijk eromheen kan
# zijn; ook stemmen die per buurt te weinig zijn, tellen hier mee. Die stemmen staan bij geen buurt als getal:
# ze horen bij de wijk. Ook hier alleen vanaf de privacydrempel.

# %%
explore.table(explore.wijk_overview(data))

# %% [markdown]
# ## Kaart van één thema

# %%
explore.many_gemeenten_note(data, "themakaart")

# %%
explore.theme_map(data)

# %% [markdown]
# ## Niet geplaatste fragmenten
# Fragmenten waarvan de locatie niet aan één buurt te koppelen was, per reden.

# %%
explore.project_note(data, "niet geplaatst")

# %%
explore.table(explore.unplaced_overview(data))
