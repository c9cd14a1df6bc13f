"""Tests for bot/aside.py: which words of a question name a place only in passing."""

from __future__ import annotations

import pytest

from bot.aside import in_passing, told_as_own
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
        ("kann ich bei der hausaufgabenhilfe mithelfen", "mithelfen"),  # one word between at most
    ],
)
def test_what_is_asked_is_not_in_passing(question: str, word: str) -> None:
    assert not _where(question, word)


def test_english_to_counts_only_before_an_article() -> None:
    assert _where("is there a lift to get down to the youth club?", "youth")
    assert not _where("I want to volunteer", "volunteer")


@pytest.mark.parametrize(
    ("question", "word", "own"),
    [
        ("we moved here for my new job", "job", True),
        ("meine Arbeit ist spät zu Ende", "arbeit", True),
        ("Gibt es im Jugendclub WLAN?", "wlan", False),
    ],
)
def test_the_members_own_things_are_told(question: str, word: str, own: bool) -> None:
    words = fold(question).split()
    assert told_as_own(words, words.index(word)) is own
