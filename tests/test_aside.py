"""Tests for bot/aside.py: which words of a question name a place only in passing."""

from __future__ import annotations

import pytest

from bot.aside import in_passing
from bot.text import fold


def _where(question: str, word: str) -> bool:
    words = fold(question).split()
    return in_passing(words, words.index(word))


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("Gibt es im Jugendclub WLAN?", "jugendclub"),
        ("Wie erreiche ich die Leute vom Jugendclub?", "jugendclub"),
        ("hab ne idee für den jugendclub", "jugendclub"),
        ("computerkurs fuer senioren", "senioren"),
        ("Is there wifi at the youth club?", "youth"),
        ("ich will beim repaircafe helfen", "repaircafe"),
    ],
)
def test_a_place_after_a_preposition_is_named_in_passing(question: str, word: str) -> None:
    assert _where(question, word)


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("Gibt es im Jugendclub WLAN?", "wlan"),  # after the place, not after "im"
        ("Wann ist der Jugendclub offen?", "jugendclub"),
        ("Gibt es bei euch Deutschkurse?", "deutschkurse"),  # "bei euch" is about us
        ("Was für Kurse habt ihr?", "kurse"),  # "was für" asks
        ("jugendclub", "jugendclub"),
        ("I would like to volunteer", "volunteer"),  # "to" is the infinitive's
    ],
)
def test_what_is_asked_is_not_in_passing(question: str, word: str) -> None:
    assert not _where(question, word)
