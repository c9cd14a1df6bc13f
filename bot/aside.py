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
"""

from __future__ import annotations

from collections.abc import Sequence

# Folded (bot.text.fold): "für" is "fur", "über" is "uber".
PREPOSITIONS = frozenset(
    {
        *("im", "in", "ins", "vom", "von", "beim", "bei", "zum", "zur", "fur", "fuer"),
        *("mit", "am", "an", "aus", "uber", "ueber"),
        *("at", "in", "for", "from", "of", "about", "with", "on", "into", "to"),
    }
)
# English "to" is far more often the infinitive's ("I'd like to volunteer") than a
# place's: it counts only with an article after it ("to the youth club").
_ONLY_WITH_ARTICLE = frozenset({"to"})
# "Was für Kurse habt ihr?", "what about …": a question word makes the preposition part
# of the question, not of a place.
_ASKING_BEFORE = frozenset({"was", "what", "wie", "how"})
# An article or a possessive may stand between the preposition and the named thing
# ("für den Jugendclub", "at the youth club", "mit meinem Sohn"), nothing else: in "im
# Jugendclub WLAN" the WLAN is asked about, and in "bei der Hausaufgabenhilfe
# mithelfen" the helping.
_BETWEEN = frozenset(
    {
        *("der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer"),
        *("mein", "meine", "meinen", "meinem", "meiner", "unser", "unsere", "unseren", "unserem"),
        *("dein", "deine", "deinen", "deinem", "euren", "eurem", "eure", "euer", "ihrem", "ihren"),
        *("the", "a", "an", "my", "our", "his", "her", "their", "this", "that"),
    }
)


# "for my new job", "meine Arbeit", "unser Sohn": what the member has is what they tell
# about themselves, not what they ask about.
_OWN = frozenset(
    {
        *("mein", "meine", "meinen", "meinem", "meiner", "meines"),
        *("unser", "unsere", "unseren", "unserem", "unserer", "my", "our"),
    }
)


def told_as_own(words: Sequence[str], index: int) -> bool:
    """Whether the folded word at `index` is something of the member's ("my new job")."""
    return any(words[place] in _OWN for place in range(max(index - 2, 0), index))


def in_passing(words: Sequence[str], index: int) -> bool:
    """Whether the folded word at `index` follows a preposition, so it names where, not what."""
    place = index - 1
    article = place > 0 and words[place] in _BETWEEN
    return _is_preposition(words, place - 1 if article else place, article)


def _is_preposition(words: Sequence[str], place: int, article_after: bool) -> bool:
    """Whether the word at `place` is a preposition of a place, not part of "was für"."""
    if place < 0 or words[place] not in PREPOSITIONS:
        return False
    if words[place] in _ONLY_WITH_ARTICLE and not article_after:
        return False
    return not (place > 0 and words[place - 1] in _ASKING_BEFORE)
