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
# # Verken een buurt
#
# Eén buurt van dichtbij: haar cijfers van het CBS (Bron: CBS, CC BY 4.0) naast haar wijk, de gemeente en
# Nederland, in elk KWB-jaar van het project; de thema's uit de interviews; en de signalen en vragen voor het
# buurtgesprek. Een startpunt voor het gesprek, geen oordeel over de buurt.
#
# Kies de buurt in de volgende cel (`buurt`: een buurtcode of buurtnaam; of `wijk`: dan de buurt met de meeste
# signalen in die wijk, zoals het rapport dit notebook per wijk toont).

# %% tags=["parameters"]
project_file = None  # None: het project van de database (zonder database: het voorbeeld Hengelo); anders project.toml
gemeente = None  # None: de gemeente van het project; anders een controle, bijvoorbeeld "GM0164" of "Hengelo"
year = None  # None: het jaar van het project; anders een ander KWB-jaar uit het project
database = None  # None: bouw de tabellen opnieuw; anders de buurtdata.duckdb die `buurtdata report` of `demo` maakte
buurt = None  # None: de buurt met de meeste signalen; anders een buurtcode ("BU01640000") of buurtnaam
wijk = None  # None: elke wijk; anders een wijkcode ("WK016400") of wijknaam: de buurt komt uit die wijk

# %%
from buurtdata.outputs import explore

explore.setup_display()
data = explore.notebook_data(project_file, gemeente=gemeente, year=year, database=database)
code = explore.buurt_code(data, buurt, wijk=wijk)
chosen = data.buurten.set_index("code").loc[code]
print(f"{chosen['name']} ({code}), {chosen['wijk_name']}, {explore.gemeente_name(data, code)}")

# %%
explore.fictional_notice(data)

# %% [markdown]
# ## De cijfers door de jaren
# De buurt naast haar wijk, de gemeente en Nederland, per KWB-jaar (het nieuwste eerst). Waar een cijfer
# ontbreekt staat zijn status (`geheim`, `te klein`): een geheim cijfer is nooit 0.

# %%
explore.table(explore.buurt_over_time(data, code))

# %% [markdown]
# ## De buurt naast gemeente en Nederland

# %%
explore.comparison_chart(data, code)

# %% [markdown]
# ## Thema's uit de interviews
# De kolom ‘respondenten’ telt de verschillende mensen die het thema noemden. Dat aantal staat er alleen vanaf de
# privacydrempel van het project; daaronder zegt de kolom ‘status’ waarom het er niet staat. Spraken we in de buurt
# met te weinig mensen, dan staat er bij elk thema ‘te weinig gesprekken’.

# %%
explore.table(explore.buurt_themes(data, code))

# %% [markdown]
# ## Signalen en vragen voor het gesprek

# %%
explore.warme_duiding()

# %%
explore.table(explore.meeting_questions(data, code))

# %% [markdown]
# ## De buurten van haar wijk
# De kerncijfers van het project (onder `[profile]` in het projectbestand, dezelfde als op de handouts) en
# de thema's per buurt van dezelfde wijk, om de buurt naast haar buren te lezen.

# %%
explore.table(explore.conversation_overview(data, wijk=chosen["wijk_code"]), data)

# %% [markdown]
# ## Op de kaart
# De gekozen buurt is rood omlijnd; klik op een andere buurt om die ernaast te zien.

# %%
explore.explorer(data, code)
