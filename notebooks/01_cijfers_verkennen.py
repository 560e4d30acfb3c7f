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
# # De cijfers verkennen
#
# Wat zeggen de cijfers van het CBS over de buurten van de gemeente? Dit notebook toont de
# *Kerncijfers wijken en buurten* (Bron: CBS, CC BY 4.0) per buurt, naast de gemeente en Nederland,
# en zegt eerlijk waar een cijfer ontbreekt of geheim is.
#
# De parameters in de volgende cel kiezen het project, de gemeente en het jaar.

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
explore.project_note(data, "voorbeeld")

# %%
explore.fictional_notice(data)

# %% [markdown]
# ## De gemeente en Nederland
# Een aandeel is berekend uit aantallen (bijvoorbeeld 65-plussers gedeeld door inwoners), nooit als gemiddelde
# van percentages.

# %%
explore.project_note(data, "jaren")

# %%
explore.many_gemeenten_note(data, "overzicht")

# %%
explore.table(explore.figures_overview(data))

# %% [markdown]
# ## Per buurt
# Eén rij per buurt, met de kerncijfers van het project: de cijfers die het projectbestand onder `[profile]`
# noemt, dezelfde als op de handouts. Waar een cijfer ontbreekt staat zijn status
# (`geheim`, `te klein`, `geen cijfer`): een geheim cijfer is nooit 0.
#
# Heeft het project interviews, dan staan de thema's van de buurt zelf erbij, met tussen haakjes het aantal
# respondenten (alleen vanaf de privacydrempel). Wat mensen verder in de wijk noemden, over de wijk of over een
# buurt waar te weinig mensen het noemden, staat apart: dat hoort bij de wijk, niet bij deze ene buurt.

# %%
explore.table(explore.conversation_overview(data), data)

# %% [markdown]
# ## Hoe vaak ontbreekt een cijfer?
# Per indicator: in hoeveel buurten het CBS een waarde geeft, en in hoeveel het cijfer geheim is of ontbreekt.

# %%
explore.table(explore.status_overview(data))

# %% [markdown]
# ## Kaarten
# De eerste kaart toont het cijfer dat het projectbestand voor de kaarten kiest (onder `[maps]`). Grijze
# buurten hebben geen cijfer (geheim of ontbrekend); dat is iets anders dan een laag cijfer.

# %%
explore.many_gemeenten_note(data, "kaarten")

# %%
explore.indicator_map(data)

# %%
explore.project_note(data, "tweede kaart")

# %%
explore.indicator_map(data, explore.second_indicator(data))

# %% [markdown]
# ## Zelf verkennen
# Klik op een buurt: de staven ernaast tonen haar cijfers naast de gemeente (de lijn bij 100) en Nederland
# (het grijze streepje), en de thema's uit de interviews. Kies boven de kaart welk cijfer de kaart toont;
# de tooltip geeft naam, waarde, status en bron. Dit werkt in JupyterLab en in het rapport, zonder internet.

# %%
explore.many_gemeenten_note(data, "verkenner")

# %%
explore.explorer(data)
