"""Questions about *other* places: "Wann hat das Jobcenter offen?" is not about us.

Such a question shares most of its words with one of ours ("Wann habt ihr offen?"), so
the matcher scores it high. Thresholds cannot tell the two apart without losing many
right answers (docs/benchmarks.md, "Questions about other places"). What does tell them
apart is the place it names. `bot/data/places_default.yml` lists authorities, shops,
health care, schools and leisure places, in the privacy rules' term syntax
(bot/terms.py); an organisation adds or replaces topics in `faq/places.yml`.

A question that names such a place is not answered directly: the FAQ step offers
buttons instead, so a member who did mean us is one tap from the answer. A question
addressed to us ("habt ihr WLAN? das in der Bibliothek ist immer voll") stays ours,
unless it asks us about something else ("Wisst ihr, wann das Jobcenter aufmacht?").
The way to somewhere the FAQ never names ("Wie komme ich zum Bahnhof?") counts as
another place too. Words the organisation's own FAQ uses never count as another place:
a centre with an entry about "unsere Bibliothek" keeps answering questions about its
library.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rapidfuzz import fuzz, process

from bot.knowledge import PLACES_FILE, KnowledgeBase, Problem
from bot.terms import TermRules, Topic, load_topics, words_of

DEFAULT_PLACES_FILE = Path(__file__).parent / "data" / "places_default.yml"
WHAT = "places list"
# A question addressed to us is about us, whatever place it mentions in passing ("habt
# ihr WLAN? das in der Bibliothek ist immer voll"): with the list alone, 18 of 25 such
# questions lost their answer (benchmarks/kiez/places-in-passing.tsv). English "you"
# is left out: "can you tell me …" is how people ask a bot about anything.
ADDRESSED_TO_US = frozenset({"ihr", "euch", "euer", "eure", "euren", "eurem", "eurer", "eures", "your", "yours"})
# … unless it asks us to know or tell about something else: "Wisst ihr, wann das
# Jobcenter aufmacht?" (benchmarks/kiez/other-places-asked-of-us.tsv).
ASKS_ABOUT_SOMETHING_ELSE = frozenset({"wisst", "kennt", "sagen", "ahnung", "empfehlen", "know", "tell", "recommend"})
# The way somewhere else: "Wie komme ich zum Bahnhof?", "how do I get to the airport",
# "wann fährt der Bus nach Spandau". Such a question reads like our "Wie komme ich zu
# euch?", and stations are no place terms (they are where members come *from*). What
# tells it apart is its destination: a word right after one of DESTINATION_MARKERS
# (articles skipped) that no phrasing, keyword or answer uses. The marker must follow
# the way word closely: "how long does it take to get to Tacoma", not "do I need to get
# a shot for travel to India". "zu euch" and "to you" are us.
ASKS_THE_WAY = frozenset({"komme", "kommen", "kommt", "weg", "fahrt", "faehrt", "fahre", "fahren", "get", "directions"})
DESTINATION_MARKERS = frozenset({"zum", "zur", "nach", "to", "towards"})
# "wann fährt der nächste Bus nach Spandau": four words from "fährt" to "nach". English
# "get" only right before its "to": "can you get a call started to Martha" asks no way.
WAY_TO_DESTINATION = 4
NEXT_WORD_ONLY = frozenset({"get"})
ARTICLES = frozenset({"der", "die", "das", "dem", "den", "the", "a", "an"})
# The way to us: "how do I get to you", "to your place".
US = ADDRESSED_TO_US | {"you", "us"}
DESTINATION = "destination"
# A word this similar (rapidfuzz ratio) to one the FAQ uses is a slip for ours, not another
# place: "Gründerwerkstatt" for our "Gründungswerkstatt" (82) is no garage ("*werkstatt"),
# while "Autowerkstatt" and "Fahrradwerkstatt" (65 each) are.
OWN_WORD_SIMILARITY = 80.0
# Only long words, compounds like those: "hostel" is as similar to "hotel" (91). And
# a slip keeps the word's start and end: "Stadtbibliothek" is as similar to our
# "Bibliothek" (80) but another library, "playground" to our "playgroup" (84).
MIN_SLIP_LENGTH = 10
SLIP_SAME_ENDS = 3


class OtherPlaces:
    """Which other place, if any, a question names."""

    def __init__(self, topics: Iterable[Topic], own_texts: Iterable[str], answers: Iterable[str] = ()) -> None:
        """`own_texts`: the FAQ's phrasings and keywords; what they say is never another place.

        `answers`: the FAQ's answers. A way to somewhere they name is a way inside or to
        us ("zum Eingang", "zum Kiezplatz"), never another place's.
        """
        texts = [words_of(text) for text in own_texts]
        self._own_words = frozenset(word for words in texts for word in words)
        answer_words = {word for text in answers for word in words_of(text)}
        self._our_destinations = self._own_words | answer_words | US
        self._own_word_list = sorted(self._own_words)
        topics = tuple(topics)
        # A phrase is ours only as a whole: "job center" is another place even if the
        # FAQ has a jobs entry and a "center", unless the FAQ itself says "job center".
        phrases = [(topic, term) for topic in topics for term in topic.terms if len(term.split()) > 1]
        by_number = TermRules([Topic(str(n), (term,)) for n, (_, term) in enumerate(phrases)], typos=False)
        ours = {int(found.id) for words in texts for found in by_number.topics_in(words)}
        kept = [(topic, term) for n, (topic, term) in enumerate(phrases) if n not in ours]
        # Without typo tolerance: "Grundschüler" (pupils) is one letter from
        # "Grundschule", and a missed place costs less here than a missed sensitive word.
        self._words = TermRules(
            [Topic(t.id, tuple(term for term in t.terms if len(term.split()) == 1)) for t in topics], typos=False
        )
        self._phrases = TermRules([Topic(topic.id, (term,)) for topic, term in kept], typos=False)

    def named_in(self, text: str) -> str | None:
        """The id of the first place topic the question names, or None."""
        return self._named_in(words_of(text))

    def asked_about(self, text: str) -> str | None:
        """The other place a question is about, or None: it names one and is not addressed to us."""
        words = words_of(text)
        place = self._named_in(words) or self._destination_elsewhere(words)
        if place is None:
            return None
        said = set(words)
        if said & ADDRESSED_TO_US and not said & ASKS_ABOUT_SOMETHING_ELSE:
            return None
        return place

    def _named_in(self, words: list[str]) -> str | None:
        # A single word the FAQ uses is ours ("Bibliothek" in a centre with a library).
        candidates = [word for word in words if word not in self._own_words]
        found = self._words.topics_in(candidates)
        if found:
            # … and so is a typo of one. Checked only once a place word was found: the
            # fuzzy search over the FAQ's words is the costly part.
            found = self._words.topics_in([word for word in candidates if not self._like_own_word(word)])
        found = found or self._phrases.topics_in(words)
        return found[0].id if found else None

    def _destination_elsewhere(self, words: list[str]) -> str | None:
        """DESTINATION if the question asks the way to somewhere the FAQ does not know."""
        for start, word in enumerate(words):
            if word not in ASKS_THE_WAY:
                continue
            reach = 1 if word in NEXT_WORD_ONLY else WAY_TO_DESTINATION
            for position in range(start + 1, min(start + 1 + reach, len(words))):
                if words[position] not in DESTINATION_MARKERS:
                    continue
                # "nach dem Training" is a time; "nach Spandau" (no article) a way.
                if words[position] == "nach" and words[position + 1 : position + 2] in (["dem"], ["der"], ["den"]):
                    continue
                destination = next((w for w in words[position + 1 :] if w not in ARTICLES), None)
                if destination is not None and destination not in self._our_destinations:
                    return DESTINATION
        return None

    def _like_own_word(self, word: str) -> bool:
        if len(word) < MIN_SLIP_LENGTH:
            return False
        found = process.extractOne(word, self._own_word_list, scorer=fuzz.ratio, score_cutoff=OWN_WORD_SIMILARITY)
        if found is None:
            return False
        own = found[0]
        return own[:SLIP_SAME_ENDS] == word[:SLIP_SAME_ENDS] and own[-SLIP_SAME_ENDS:] == word[-SLIP_SAME_ENDS:]


def own_texts(knowledge: KnowledgeBase) -> list[str]:
    """Every phrasing and keyword of the knowledge base."""
    return [text for entry in knowledge.entries for text in (*entry.phrasings(), *entry.keywords)]


def load_other_places(faq_dir: Path | None, knowledge: KnowledgeBase) -> tuple[OtherPlaces, list[Problem]]:
    """The built-in list, with the FAQ folder's `places.yml` topics added or replacing by id.

    With problems in `places.yml`, the built-in list stays in force and the problems
    are reported (file, line, topic).
    """
    topics, problems = load_topics(
        DEFAULT_PLACES_FILE, faq_dir / PLACES_FILE if faq_dir is not None else None, what=WHAT, flags=False
    )
    answers = [text for entry in knowledge.entries for text in entry.answer.values()]
    return OtherPlaces(topics, own_texts(knowledge), answers), problems
