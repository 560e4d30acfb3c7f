"""A notebook page's note names a folder outside the home folder with spaces in it and no file after it (``C:\\Data\\
Team Wijkzaken\\ermelo``): no part of the folders it lies in stays (helper scrub9; ``Team Wijkzaken\\ermelo`` was left).
Every folder and name here is FICTIEF."""

from __future__ import annotations

import pytest

from buurtdata.outputs._notebook_checks import unfoldered

SAID = {
    r"C:\Data\Team Wijkzaken\ermelo: niet gevonden": "ermelo: niet gevonden",
    r"C:\Data\Team Wijkzaken\ermelo": "ermelo",
    r"map C:\Data\Team Wijkzaken\ermelo bestaat niet": "map ermelo bestaat niet",
    "/srv/data/Team Wijkzaken/ermelo: niet gevonden": "ermelo: niet gevonden",
    r"\\server\Gedeeld\Team Wijkzaken\ermelo, niet gevonden": "ermelo, niet gevonden",
    r"D:\OneDrive - Gemeente Hengelo\Anneke de Vries\buurten.": "buurten.",
    # as before: a file after the folders, a folder of one word, what is no absolute path
    r"C:\Data\Team Wijkzaken\ermelo\project.toml: x": "project.toml: x",
    "/srv/data/ermelo: x": "ermelo: x",
    "zie /tmp/a/x.csv of een andere/map/y.csv; 1/2 en https://example.nl/a/b.html": (
        "zie x.csv of een andere/map/y.csv; 1/2 en https://example.nl/a/b.html"
    ),
    "1/2 en 3/4 van de mensen, en/of de buurt": "1/2 en 3/4 van de mensen, en/of de buurt",
}


@pytest.mark.parametrize("message", SAID, ids=list(SAID))
def test_no_part_of_a_folder_of_several_words_stays_without_a_file_after_it(message):
    assert unfoldered(message) == SAID[message]
    assert "Wijkzaken" not in unfoldered(message) and "Anneke" not in unfoldered(message)


#: A path ending in the folder directly under a Users or home folder: a person's, said "een map" (review aa, S8).
PERSONS = {
    r"C:\Users\Anneke de Vries: geen toegang": "een map: geen toegang",
    "/home/anneke de vries: niet gevonden": "een map: niet gevonden",
    "/Users/anneke (geen toegang)": "een map (geen toegang)",
    r"C:\Users\Anneke de Vries\ermelo: niet gevonden": "ermelo: niet gevonden",  # as before: a folder in it
    "in /home staan de mappen": "in /home staan de mappen",
    # Review ab, M2: the words after a one-word name are the message's, not the folder's.
    "Kan /home/anneke niet lezen": "Kan een map niet lezen",
    "Map /home/anneke bestaat niet. Maak hem aan.": "Map een map bestaat niet. Maak hem aan.",
    "Zie /home/anneke.": "Zie een map.",
    # fix-left10, item 5: a name of several words with no punctuation after it; the message's words after it stay.
    "/home/anneke de vries niet gevonden": "een map niet gevonden",
    r"C:\Users\Jan van den Berg kan niet worden gelezen": "een map kan niet worden gelezen",
    "/home/anneke jansen bestaat niet": "een map bestaat niet",
    "Kan /home/anneke de vries niet lezen.": "Kan een map niet lezen.",
    "Zie /home/piet de vries.": "Zie een map.",
}


@pytest.mark.parametrize("message", PERSONS, ids=list(PERSONS))
def test_a_persons_folder_ending_the_path_is_said_as_een_map(message):
    assert unfoldered(message) == PERSONS[message]
    assert "nneke" not in unfoldered(message)
