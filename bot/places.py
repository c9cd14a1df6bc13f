"""Questions about *other* places: "Wann hat das Jobcenter offen?" is not about us.

Such a question shares most of its words with one of ours ("Wann habt ihr offen?"), so
the matcher scores it high. Thresholds cannot tell the two apart without losing many
right answers (docs/benchmarks.md, "Questions about other places"). What does tell them
apart is the place it names. `bot/data/places_default.yml` lists authorities, shops,
health care, schools and leisure places, in the privacy rules' term syntax
(bot/terms.py); an organisation adds or replaces topics in `faq/places.yml`.

A question that names such a place is not answered directly: the FAQ step offers
buttons instead, so a member who did mean us is one tap from the answer. Words the
organisation's own FAQ uses never count as another place: a centre with an entry about
"unsere Bibliothek" keeps answering questions about its library.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from bot.knowledge import PLACES_FILE, Problem
from bot.terms import TermRules, Topic, read_topics, words_of

DEFAULT_PLACES_FILE = Path(__file__).parent / "data" / "places_default.yml"
WHAT = "places list"


class OtherPlaces:
    """Which other place, if any, a question names."""

    def __init__(self, topics: Iterable[Topic], own_words: frozenset[str]) -> None:
        # Without typo tolerance: "Grundschüler" (pupils) is one letter from
        # "Grundschule", and a missed place costs less here than a missed sensitive word.
        self._terms = TermRules(topics, typos=False)
        self._own_words = own_words

    def named_in(self, text: str) -> str | None:
        """The id of the first place topic the question names, or None."""
        # Our own words are blanked, not dropped, so they also break up phrases.
        words = ["" if word in self._own_words else word for word in words_of(text)]
        found = self._terms.topics_in(words)
        return found[0].id if found else None


def load_other_places(faq_dir: Path | None, own_words: frozenset[str]) -> tuple[OtherPlaces, list[Problem]]:
    """The built-in list, with the FAQ folder's `places.yml` topics added or replacing by id.

    With problems in `places.yml`, the built-in list stays in force and the problems
    are reported (file, line, topic).
    """
    defaults, problems = read_topics(DEFAULT_PLACES_FILE, required=True, what=WHAT)
    if problems:
        raise RuntimeError("built-in places list is broken: " + "; ".join(map(str, problems)))
    by_id = {topic.id: topic for topic in defaults}
    if faq_dir is not None:
        path = faq_dir / PLACES_FILE
        custom, problems = read_topics(path, required=False, what=WHAT)
        problems += [
            Problem(str(path), None, topic.id, "crisis and hint belong in sensitive.yml, not in the places list")
            for topic in custom
            if topic.crisis or topic.hint
        ]
        if not problems:
            by_id.update({topic.id: topic for topic in custom})
    return OtherPlaces(by_id.values(), own_words), problems
