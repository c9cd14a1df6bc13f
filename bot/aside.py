"""Which words of a question name a place or an offer only in passing.

"Gibt es im Jugendclub WLAN?", "Wie erreiche ich die Leute vom Jugendclub?", "ich will
beim Repair-Café als Freiwilliger helfen": the youth club and the Repair Café are where
the question is set, the WLAN, the contact and the volunteering are what it asks about.
The matcher scores the named offer highest (its name is a keyword, its phrasings share
the word), and answered with the youth club's opening hours. `bot/matcher.py` uses
`in_passing` to see that the offer is only named in passing and that another entry's
keyword is what is asked, and then offers both as buttons; `told_as_own` keeps the
member's own things ("for my new job") from counting as asked.

A word counts as in passing when a preposition stands right before it, or with an
article or a possessive between ("im Jugendclub", "für den Jugendclub", "at the youth
club").

"Gibt es im Jugendclub eine Dusche?" and "Hat der Jugendclub eine Dusche?" ask whether
something is there at the offer (`asks_whether_there_is` with `at_a_place`, or
`asked_of`): if no entry knows it, the matcher does not answer with the offer's entry.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.text import fold


def _folded(*words: str) -> frozenset[str]:
    """The words as the matcher reads them: "für" is "fur", "euer" is "eur", "does" is "dos"."""
    return frozenset(fold(word) for word in words)


PREPOSITIONS = _folded(
    *("im", "in", "ins", "vom", "von", "beim", "bei", "zum", "zur", "für", "fuer"),
    *("mit", "am", "an", "aus", "über", "ueber"),
    *("at", "in", "for", "from", "of", "about", "with", "on", "into", "to"),
)
# English "to" is far more often the infinitive's ("I'd like to volunteer") than a
# place's: it counts only with an article after it ("to the youth club").
_ONLY_WITH_ARTICLE = _folded("to")
# "Was für Kurse habt ihr?", "what about …": a question word makes the preposition part
# of the question, not of a place.
_ASKING_BEFORE = _folded("was", "what", "wie", "how")
# An article or a possessive may stand between the preposition and the named thing
# ("für den Jugendclub", "at the youth club", "mit meinem Sohn"), nothing else: in "im
# Jugendclub WLAN" the WLAN is asked about, and in "bei der Hausaufgabenhilfe
# mithelfen" the helping.
_BETWEEN = _folded(
    *("der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer"),
    *("mein", "meine", "meinen", "meinem", "meiner", "unser", "unsere", "unseren", "unserem"),
    *("dein", "deine", "deinen", "deinem", "euren", "eurem", "eure", "euer", "ihrem", "ihren"),
    *("the", "a", "an", "my", "our", "his", "her", "their", "this", "that"),
)
# Prepositions of where, as opposed to for whom, with what or when ("für Senioren",
# "mit Baby", "am Samstag").
_LOCATIVE = _folded("im", "in", "ins", "beim", "bei", "zum", "zur", "at", "inside", "to")
# How a question opens that asks whether something is there or allowed.
_IS_THERE = tuple(
    tuple(fold(opener).split())
    for opener in (
        *("gibt es", "gibts", "gibt's", "habt ihr", "haben sie", "kann man", "kann ich", "können wir"),
        *("darf man", "darf ich", "darf mein", "dürfen", "darf"),
        *("is there", "are there", "do you have", "have you got", "can i", "can we", "may i"),
        *("am i allowed", "are we allowed"),
    )
)
# A question that opens with one of these verbs and an article asks what the thing
# named next has, needs or offers.
_HAVING_VERBS = _folded("hat", "haben", "braucht", "brauchen", "bietet", "bieten", "has", "have")
_DOES = _folded("does", "do")
# "Hat der Jugendclub in den Herbstferien offen?" asks when it is open, not what it has.
_OPEN = _folded("offen", "auf", "zu", "geöffnet", "geschlossen", "open", "closed")
_OPENING_VERBS = _HAVING_VERBS | _DOES
# Words of having, never what is had ("Has the youth club got a music room?").
HAVING_WORDS = _HAVING_VERBS | _DOES | _folded("got")
# "for my new job", "meine Arbeit", "unser Sohn": what the member has is what they tell
# about themselves, not what they ask about.
_OWN = _folded(
    *("mein", "meine", "meinen", "meinem", "meiner", "meines"),
    *("unser", "unsere", "unseren", "unserem", "unserer", "my", "our"),
)


def told_as_own(words: Sequence[str], index: int) -> bool:
    """Whether the folded word at `index` is something of the member's ("my new job")."""
    return any(words[place] in _OWN for place in range(max(index - 2, 0), index))


def in_passing(words: Sequence[str], index: int) -> bool:
    """Whether the folded word at `index` follows a preposition, so it names where, not what."""
    return _preposition_before(words, index) is not None


def at_a_place(words: Sequence[str], index: int) -> bool:
    """Whether the folded word at `index` names where something is: "im Jugendclub", "at the youth club".

    Not for whom or with what ("für Senioren", "for parents with toddlers"): in "Gibt es
    bei euch einen Treffpunkt für Senioren?" the seniors are who it is for, and the
    seniors' café is what is asked.
    """
    return _preposition_before(words, index) in _LOCATIVE


def asked_of(words: Sequence[str], index: int) -> bool:
    """Whether the folded word at `index` names whom a question asks about what they have or do.

    "Hat der Jugendclub eine Dusche?", "Does the youth club have a pool?", "Braucht das
    Repair-Café noch Ehrenamtliche?": the offer is where, like "im Jugendclub", and what
    follows is what is asked.
    """
    if index != 2 or words[1] not in _BETWEEN or any(word in _OPEN for word in words):
        return False
    # "Does the homework club help with English?" asks what it does, not what it has.
    return words[0] in _HAVING_VERBS or (words[0] in _DOES and "have" in words)


def opens_asking_what_is_there(words: Sequence[str]) -> bool:
    """Whether the folded words open like a question what is there: `asks_whether_there_is` or `asked_of`."""
    return asks_whether_there_is(words) or (bool(words) and words[0] in _OPENING_VERBS)


def asks_whether_there_is(words: Sequence[str]) -> bool:
    """Whether the folded words open with "gibt es", "is there", "darf man" …: is there something, may one do it."""
    return any(tuple(words[: len(opener)]) == opener for opener in _IS_THERE)


def _preposition_before(words: Sequence[str], index: int) -> str | None:
    """The preposition that makes the word at `index` a place, if one does."""
    place = index - 1
    article = place > 0 and words[place] in _BETWEEN
    place = place - 1 if article else place
    return words[place] if _is_preposition(words, place, article) else None


def _is_preposition(words: Sequence[str], place: int, article_after: bool) -> bool:
    """Whether the word at `place` is a preposition of a place, not part of "was für"."""
    if place < 0 or words[place] not in PREPOSITIONS:
        return False
    if words[place] in _ONLY_WITH_ARTICLE and not article_after:
        return False
    return not (place > 0 and words[place - 1] in _ASKING_BEFORE)
