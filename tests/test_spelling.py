"""How members spell (bot/spelling.py): by ear, in dialect, in chat shorthand.

What the privacy rules make of these readings is tested in test_terms.py.
"""

from __future__ import annotations

from bot.spelling import soft_spoken_form, spoken_form, standard_english, standard_german
from bot.text import fold


def test_spelling_by_ear_keeps_every_pronounced_letter() -> None:
    # Members who write as they speak: the same spoken form for the word and the term.
    for written, standard in [
        ("mer", "mehr"),  # a silent h
        ("wil", "will"),  # doubled letters
        ("genomen", "genommen"),
        ("fermieter", "vermieter"),  # v as f
        ("fil", "viel"),  # v as f, ie as i
        ("schwanga", "schwanger"),  # -er said as -a
        ("kinda", "kinder"),
        ("tabletn", "tabletten"),  # -en said as -n
        ("kint", "kind"),  # a final d said as t
        ("harz", "hartz"),
    ]:
        assert spoken_form(written) == spoken_form(standard), (written, standard)
    # … but no letter that is pronounced is lost: these stay apart.
    for one, other in [("gruppe", "grippe"), ("wann", "wanna"), ("herz", "hartz"), ("mir", "mehr"), ("pls", "pills")]:
        assert spoken_form(one) != spoken_form(other), (one, other)
    assert spoken_form("mehr") == "mer"  # the "-er" ending is for longer words only
    assert spoken_form("ad") == ""  # too short to compare by ear
    # Other languages only lose doubled letters: by German rules "did" would be "died".
    assert spoken_form("did", german=False) != spoken_form("died", german=False)
    assert spoken_form("kil", german=False) == spoken_form("kill", german=False)
    assert spoken_form("liv", german=False) == spoken_form("live", german=False)


def test_dialect_and_chat_words_are_read_in_standard_german_too() -> None:
    assert standard_german(["i", "wui", "nimmer", "lebn"]) == ["ich", "will", "nicht", "mehr", "lebn"]
    assert standard_german(["meen", "kumpel", "hat", "sich", "uffjehangt"]) == [
        "mein",
        "kumpel",
        "hat",
        "sich",
        "aufgehangt",
    ]
    assert standard_german(["dit", "jobcenter", "hat", "mir", "allet", "jestrichen"])[-2:] == ["alles", "gestrichen"]
    # Standard words that start with "je" keep it: "jeden" is no "geden".
    assert standard_german(["ick", "sauf", "jeden", "tach"]) == ["ich", "sauf", "jeden", "tag"]
    assert standard_german(["wann", "ist", "der", "flohmarkt"]) == ["wann", "ist", "der", "flohmarkt"]


def test_english_chat_shorthand_is_written_out() -> None:
    assert standard_english(["idk", "y", "im", "still", "here", "want", "2", "die"]) == [
        *("i", "dont", "know", "why", "im", "still", "here", "want", "to", "die"),
    ]
    assert standard_english(["i", "took", "2", "many", "pills"]) == ["i", "took", "too", "many", "pills"]
    assert standard_english([]) == []


def test_soft_and_hard_consonants_are_one_for_the_words_of_phrases() -> None:
    # Saxon speaks them alike, and schools know the mistake best ("heude", "gann").
    for written, standard in [("heude", "heute"), ("gann", "kann"), ("dür", "tür"), ("bezahld", "bezahlt")]:
        assert soft_spoken_form(fold(written)) == soft_spoken_form(fold(standard)), written
    # Only there: as single words "Krippe" and "Grippe", "trocken" and "Drogen" differ.
    assert spoken_form("krippe") != spoken_form("grippe")
    assert spoken_form("trocken") != spoken_form("drogen")
