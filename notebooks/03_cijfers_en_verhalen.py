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
# # Cijfers en verhalen: voorbereiding van het buurtgesprek
#
# Dit notebook zet per buurt de cijfers van het CBS (Bron: CBS, CC BY 4.0) naast de thema's uit de interviews.
# Het is een startpunt voor het gesprek, geen oordeel over een buurt: waar cijfers en verhalen elkaar
# versterken of juist verschillen, valt iets te bespreken.

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

# %%
explore.fictional_notice(data)

# %%
explore.project_note(data, "geen interviews")

# %% [markdown]
# ## Per buurt: cijfers en thema's
# De cijfers zijn de kerncijfers van het project: die het projectbestand onder `[profile]` noemt,
# dezelfde als op de handouts. Een thema staat bij een buurt als genoeg verschillende mensen het noemden: minstens
# de privacydrempel van het project. Tussen haakjes staat hoeveel.

# %%
explore.table(explore.conversation_overview(data), data)

# %% [markdown]
# ## Twee kaarten naast elkaar
# Eerst een cijfer, dan een thema uit de interviews.

# %%
explore.many_gemeenten_note(data, "twee kaarten")

# %%
explore.indicator_map(data)

# %%
explore.theme_map(data)

# %% [markdown]
# ## Klik op een buurt
# De kaart hangt samen met de staven: klik op een buurt en zie haar cijfers naast gemeente en Nederland, en de
# thema's die daar genoemd zijn. Kies boven de kaart een ander cijfer.

# %%
explore.many_gemeenten_note(data, "verkenner")

# %%
explore.explorer(data)

# %% [markdown]
# ## Signalen: waar cijfers en verhalen elkaar raken
# Per buurt en thema kijkt buurtdata of de cijfers die bij een thema horen (de koppelingen in het projectbestand)
# duidelijk afwijken van de gemeente, en of genoeg mensen het thema noemden. Dat geeft een *signaal*: **samen**
# (cijfers en verhalen wijzen dezelfde kant op), **verschil**, **alleen verhalen**, **alleen cijfers** of
# **te weinig stemmen**. Elk signaal wordt een vraag voor het gesprek, nooit een conclusie. In een buurt waar we met
# te weinig mensen spraken, komt de vraag alleen uit de cijfers: welke thema's die paar mensen noemden, staat nergens.

# %%
explore.warme_duiding()

# %%
explore.table(explore.signal_overview(data))

# %% [markdown]
# ### Vragen voor het gesprek in één buurt
# De buurt met de meeste signalen waar cijfers en verhalen elkaar raken; kies een andere met
# `explore.meeting_questions(data, "BU...")`. De handout per buurt (map `handouts/`) zet dit op één A4.

# %%
explore.table(explore.meeting_questions(data))

# %%
explore.comparison_chart(data)
