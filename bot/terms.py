"""Topic term lists: which topics' words a message contains.

The privacy rules (bot/privacy.py) and the list of other places (bot/places.py) are
both lists of topics with terms, written by admins in YAML. This module reads such a
file (problems name file, line and topic) and matches its terms against a message's
words. Term syntax, after the same folding as the FAQ (case, umlauts, ß, punctuation):

* ``word``: the word itself; words of 6+ letters also with a small typo, and any word
  also as written by ear (both only if the list allows typos, see below);
* ``word*``: a word starting with it; ``*word``: a word ending with it (German
  compounds); ``*word*``: a word containing it;
* several words: a phrase, its words in this order, next to each other (in a crisis
  topic, up to `CRISIS_PHRASE_GAP` other words may come between them).

Where typos are allowed, a word also matches a term word spelt the same by ear, and the
message is also read with dialect and chat words in standard German and with English
chat shorthand written out (bot/spelling.py: "ich wil nich mer leben", "i wui nimmer
lebn", "want 2 die"). Function words ("ist", "seid") are read as written: "ist" spelt
by ear is "isst".

A topic's optional `not_typos:` lists everyday words that look like a typo of one of
its terms ("messe" of "messer"); they match only as written. `caught_as_typos` finds
such words in a vocabulary (`kiezbot check` runs it on the organisation's own terms).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, StrictStr, ValidationError
from rapidfuzz import fuzz, process
from ruamel.yaml.comments import CommentedMap

from bot.knowledge import Problem, line_of, read_yaml
from bot.spelling import (
    SPOKEN_MIN_LENGTH,
    soft_spoken_form,
    spoken_form,
    spoken_keys,
    standard_english,
    standard_german,
)
from bot.text import FILLER_WORDS, clean, fold_any_script, join_contractions

# The languages the bot replies in; terms may be listed under any language.
OWN_LANGUAGES = frozenset({"de", "en"})
# Words of this length or more also match with a typo or two (rapidfuzz ratio ≥ cutoff).
FUZZY_MIN_LENGTH = 6
FUZZY_CUTOFF = 88.0
# A single-word term matched by ear (bot/spelling.py) needs this many letters of spoken
# form, with no other word of a phrase to confirm it: "tooth" is no "tot".
SPOKEN_MIN_ALONE = 5
# Words whose rule matches are remembered; bounded so a flood of random words cannot grow it.
MAX_CACHED_WORDS = 50_000
# In a crisis topic, the words of a phrase may have this many other words between
# them: "ich will einfach nur noch sterben" is "will … sterben". Missing a person in
# crisis is far worse than a false alarm; other topics keep their words next to each
# other, so "nicht zahlen" does not catch "nicht sofort zahlen, oder?".
CRISIS_PHRASE_GAP = 4


class _TopicSchema(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: StrictStr = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    crisis: bool = False
    hint: bool = False
    terms: dict[StrictStr, list[StrictStr]] = Field(min_length=1)
    not_typos: list[StrictStr] = []


@dataclass(frozen=True, slots=True)
class Topic:
    """One topic of a list: its id, its terms, and the privacy gate's two flags."""

    id: str
    terms: tuple[str, ...]
    crisis: bool = False
    # A hint topic does not make a message sensitive: its words ("tot", "dying") only
    # add the crisis lines to whatever the bot answers.
    hint: bool = False
    # Everyday words that look like a typo of one of the terms ("Schulen" of "Schulden"):
    # they match a term only as written.
    not_typos: tuple[str, ...] = ()
    # Where the topic starts in its file, for warnings (not part of what it matches).
    line: int | None = field(default=None, compare=False)
    # The terms listed under a language other than the bot's own ("tr:", "ar:"): a
    # message that only these find gets its reply in both the bot's languages.
    other_language_terms: frozenset[str] = frozenset()
    # The terms listed under German ("de:"): spelt by ear the German way (`spoken_form`).
    german_terms: frozenset[str] = frozenset()

    def own_language_terms(self) -> tuple[str, ...]:
        return tuple(term for term in self.terms if term not in self.other_language_terms)


@dataclass(frozen=True, slots=True)
class _Pattern:
    text: str
    prefix: bool
    suffix: bool

    @classmethod
    def parse(cls, term: str) -> _Pattern:
        return cls(_fold(term.strip("*")), prefix=term.endswith("*"), suffix=term.startswith("*"))

    def matches(self, word: str, typos: bool = True) -> bool:
        if self.prefix and self.suffix:
            return self.text in word
        if not typos:
            if self.prefix:
                return word.startswith(self.text)
            return word.endswith(self.text) if self.suffix else word == self.text
        size = len(self.text)
        # Typos are tolerated inside a word, not at its anchored end: members rarely
        # get the first letter wrong, and checking it first skips most comparisons.
        # A typo may add or drop a letter, so the word's start (or end) is compared at
        # the term's length and one letter either side.
        if self.prefix:
            if word.startswith(self.text):
                return True
            return word[:1] == self.text[:1] and any(_fuzzy(word[:n], self.text) for n in (size - 1, size, size + 1))
        if self.suffix:
            if word.endswith(self.text):
                return True
            return word[-1:] == self.text[-1:] and any(_fuzzy(word[-n:], self.text) for n in (size - 1, size, size + 1))
        if word == self.text:
            return True
        return word[:1] == self.text[:1] and abs(len(word) - size) <= 2 and _fuzzy(word, self.text)


def words_of(text: str) -> list[str]:
    """A message's words as the rules compare them: cleaned, folded, contractions joined."""
    return _fold(clean(text)).split()


def _fold(text: str) -> str:
    # "I can't pay" and the term "cant pay" must meet, whichever apostrophe was typed.
    # Other scripts stay: terms in Cyrillic or Arabic letters must meet their words.
    return fold_any_script(join_contractions(text))


def _fuzzy(word: str, term: str) -> bool:
    return len(term) >= FUZZY_MIN_LENGTH and fuzz.ratio(word, term) >= FUZZY_CUTOFF


class TermRules:
    """Compiled terms of some topics; `topics_in` is cheap enough to run on every message."""

    def __init__(self, topics: Iterable[Topic], typos: bool = True, not_typos: Iterable[str] = ()) -> None:
        """`typos=False`: terms match only as written (the places list: "Grundschüler" is no "Grundschule").

        `not_typos`: everyday words that are never read as a typo of a term, only as
        written ("additional" is no "addict…", "Schulen" no "Schulden").
        """
        self.topics = tuple(topics)
        own_not_typos = (word for topic in self.topics for word in topic.not_typos)
        self._not_typos = frozenset(_fold(word) for word in (*not_typos, *own_not_typos))
        self._rank = {topic: index for index, topic in enumerate(self.topics)}
        self._typos = typos
        # Exact single words are dictionary lookups; typo tolerance uses rapidfuzz's
        # C loop over the long words. Wildcards and phrases are built from word
        # patterns; which patterns a word matches is worked out once per word and
        # remembered, since members' words repeat all the time.
        self._exact: dict[str, Topic] = {}
        self._patterns: list[_Pattern] = []
        pattern_ids: dict[_Pattern, int] = {}
        self._phrases: list[tuple[tuple[int, ...], Topic]] = []
        # The languages (German or not) each exact word and pattern is listed in.
        languages: dict[str | int, set[bool]] = {}
        # Crisis topics first, so a word in both is read as crisis.
        for topic in sorted(self.topics, key=lambda t: not t.crisis):
            for term in topic.terms:
                words = term.split()
                german = term in topic.german_terms
                if len(words) == 1 and "*" not in term:
                    self._exact.setdefault(_fold(term), topic)
                    languages.setdefault(_fold(term), set()).add(german)
                elif words:
                    ids = []
                    for word in words:
                        pattern = _Pattern.parse(word)
                        ids.append(pattern_ids.setdefault(pattern, len(pattern_ids)))
                        if ids[-1] == len(self._patterns):
                            self._patterns.append(pattern)
                        languages.setdefault(ids[-1], set()).add(german)
                    self._phrases.append((tuple(ids), topic))
        # Typo tolerance for exact words follows the same rules as for patterns: same
        # first letter, at most two letters longer or shorter ("talking" is no typo of
        # "stalking", "employed" none of "unemployed").
        self._fuzzy_by_initial: dict[str, list[str]] = {}
        for word in self._exact if typos else ():
            if len(word) >= FUZZY_MIN_LENGTH:
                self._fuzzy_by_initial.setdefault(word[0], []).append(word)
        # Words spelt by ear are looked up by their spoken form (German or not): single
        # words and the plain words of phrases by the whole form, "word*" by its start.
        self._exact_by_ear: dict[tuple[bool, str], Topic] = {}
        self._plain_by_ear: dict[tuple[bool, str], list[int]] = {}
        # German phrase words also with soft and hard consonants as one ("gann", "heude").
        self._plain_by_soft_ear: dict[str, list[int]] = {}
        self._starts_by_ear: dict[tuple[bool, str], list[tuple[str, int]]] = {}
        for word, topic in self._exact.items() if typos else ():
            for german in languages[word]:
                # A word standing alone needs more letters than one in a phrase, whose
                # other words confirm it: "tooth" is no "tot", "kiev" no "kiff".
                if len(spoken := spoken_form(word, german)) >= SPOKEN_MIN_ALONE:
                    self._exact_by_ear.setdefault((german, spoken), topic)
        for index, pattern in enumerate(self._patterns if typos else ()):
            for german in languages[index]:
                spoken = spoken_form(pattern.text, german)
                if not spoken or pattern.suffix:
                    continue
                if pattern.prefix:
                    # German starts only, and long ones: "rapper" (doubled letters
                    # dropped) would be "rape*", "rap" too.
                    if german and len(spoken) >= SPOKEN_MIN_LENGTH + 1:
                        self._starts_by_ear.setdefault((german, spoken[:2]), []).append((spoken, index))
                else:
                    self._plain_by_ear.setdefault((german, spoken), []).append(index)
                    if german:
                        self._plain_by_soft_ear.setdefault(soft_spoken_form(pattern.text), []).append(index)
        # Each phrase is filed under its most specific word pattern (the longest), and
        # only looked at when a message has a word matching that one.
        self._phrases_by_key: dict[int, list[tuple[tuple[int, ...], Topic]]] = {}
        for phrase_ids, phrase_topic in self._phrases:
            key = max(phrase_ids, key=lambda i: len(self._patterns[i].text))
            self._phrases_by_key.setdefault(key, []).append((phrase_ids, phrase_topic))
        # A pattern can only match a word that starts (or, for "*end" patterns, ends)
        # with its own first (last) letter, typos included (see `_Pattern.matches`). So
        # a new word is checked against the few patterns filed under its letters, not
        # all ~500: that took ~0.25 ms a new word, most of a question's time.
        self._patterns_by_first: dict[str, list[int]] = {}
        self._patterns_by_last: dict[str, list[int]] = {}
        self._patterns_anywhere: list[int] = []
        for index, pattern in enumerate(self._patterns):
            if (pattern.prefix and pattern.suffix) or not pattern.text:
                self._patterns_anywhere.append(index)
            elif pattern.suffix:
                self._patterns_by_last.setdefault(pattern.text[-1], []).append(index)
            else:
                self._patterns_by_first.setdefault(pattern.text[0], []).append(index)
        self._word_cache: dict[str, tuple[Topic | None, frozenset[int]]] = {}
        self._joined_cache: dict[str, Topic | None] = {}

    def topics_in(self, words: Sequence[str]) -> list[Topic]:
        """The topics whose terms these words (from `words_of`) contain, each once, in file order.

        File order, so a message of two topics ("kein wohnung kein arbeit") is always
        labelled the same for staff, whichever of its words was found first.
        """
        words = list(words)
        found = set(self._topic_hits(words))
        # Read once more in standard German ("ick will nich mehr leben", "i wui nimmer lebn")
        # and once in written-out English ("want 2 die", "r u there").
        for standard in (standard_german(words), standard_english(words)) if self._typos else ():
            if standard != words:
                found.update(self._topic_hits(standard))
        return sorted(found, key=self._rank.__getitem__)

    def _word(self, word: str) -> tuple[Topic | None, frozenset[int]]:
        """The topic a word names on its own, and the ids of the patterns it matches."""
        known = self._word_cache.get(word)
        if known is not None:
            return known
        original = word
        typos = self._typos and word not in self._not_typos
        topic = self._exact.get(word)
        if topic is None and typos and len(word) >= FUZZY_MIN_LENGTH - 1:
            similar = [w for w in self._fuzzy_by_initial.get(word[0], ()) if abs(len(w) - len(word)) <= 2]
            found = process.extractOne(word, similar, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            topic = self._exact[found[0]] if found else None
        matched = self._patterns_matching(word, typos)
        # A function word is spelt right as it is: "ist" is no "isst" ("isst nichts
        # mehr" is an eating disorder's), "seid" no "seit".
        if typos and word not in FILLER_WORDS:
            topic = topic or self._topic_by_ear(word)
            for german, spoken, whole_only in spoken_keys(word):
                matched.update(self._plain_by_ear.get((german, spoken), ()))
                starts = () if whole_only else self._starts_by_ear.get((german, spoken[:2]), ())
                matched.update(i for start, i in starts if spoken.startswith(start))
            if soft := soft_spoken_form(word):
                matched.update(self._plain_by_soft_ear.get(soft, ()))
        result = (topic, frozenset(matched))
        if len(self._word_cache) < MAX_CACHED_WORDS:
            self._word_cache[original] = result
        return result

    def _topic_by_ear(self, word: str) -> Topic | None:
        """The topic of the single-word term this word is, spelt by ear ("schwanga")."""
        found = (self._exact_by_ear.get((german, spoken)) for german, spoken, _ in spoken_keys(word))
        return next((topic for topic in found if topic is not None), None)

    def _patterns_matching(self, word: str, typos: bool) -> set[int]:
        """The ids of the patterns a word matches as written or with a typo."""
        patterns = (
            self._patterns_by_first.get(word[:1], [])
            + self._patterns_by_last.get(word[-1:], [])
            + self._patterns_anywhere
        )
        return {i for i in patterns if self._patterns[i].matches(word, typos)}

    def _joined(self, first: str, second: str) -> Topic | None:
        """The topic of a single-word term written as two words: "raus schmeisen", "jugend amt"."""
        if (
            not self._typos
            or min(len(first), len(second)) < SPOKEN_MIN_LENGTH
            or first in FILLER_WORDS
            or second in FILLER_WORDS
        ):
            return None
        word = first + second
        if word in self._joined_cache:
            return self._joined_cache[word]
        found = self._exact.get(word)
        if found is None and word not in self._not_typos:
            found = self._topic_by_ear(word)
        if len(self._joined_cache) < MAX_CACHED_WORDS:
            self._joined_cache[word] = found
        return found

    def _topic_hits(self, words: list[str]) -> Iterable[Topic]:
        matched: list[frozenset[int]] = []
        for word in words:
            topic, patterns = self._word(word)
            if topic is not None:
                yield topic
            matched.append(patterns)
        for first, second in pairwise(words):
            if (topic := self._joined(first, second)) is not None:
                yield topic
        seen = frozenset().union(*matched)
        for key in seen:
            for ids, topic in self._phrases_by_key.get(key, ()):
                gap = CRISIS_PHRASE_GAP if topic.crisis else 0
                if all(i in seen for i in ids) and _phrase_at(ids, matched, gap):
                    yield topic


def caught_as_typos(topic: Topic, words: Iterable[str], not_typos: Iterable[str] = ()) -> dict[str, list[str]]:
    """The words a topic's single-word terms catch only through typo tolerance, by term.

    Run over a vocabulary of real words, this finds the everyday words a term would
    take for its typo: "schulden" catches "schulen", so "Angebote für Schulen" would be
    redirected. (Phrases need all their words, so they are left out.)
    """
    with_typos = TermRules([topic], not_typos=not_typos)
    as_written = TermRules([topic], typos=False)
    caught = [w for w in words if with_typos.topics_in([_fold(w)]) and not as_written.topics_in([_fold(w)])]
    by_term: dict[str, list[str]] = {}
    for term in topic.terms:
        if len(term.split()) == 1 and caught:
            one = TermRules([dataclasses.replace(topic, terms=(term,))], not_typos=not_typos)
            found = sorted(w for w in caught if one.topics_in([_fold(w)]))
            if found:
                by_term[term] = found
    return by_term


def _phrase_at(ids: tuple[int, ...], matched: list[frozenset[int]], gap: int) -> bool:
    """Whether the patterns `ids` match words in this order, at most `gap` words apart."""
    # Positions where the phrase so far can end; each next word must follow within the gap.
    reachable = [position for position, found in enumerate(matched) if ids[0] in found]
    for pattern in ids[1:]:
        reachable = [
            position
            for position in range(len(matched))
            if pattern in matched[position] and any(0 < position - before <= gap + 1 for before in reachable)
        ]
        if not reachable:
            return False
    return bool(reachable)


def load_topics(
    built_in: Path, custom: Path | None, what: str, flags: bool = True
) -> tuple[list[Topic], list[Problem]]:
    """The built-in topics, with those of `custom` (if it exists) added or replacing by id.

    With errors in `custom`, the built-in topics stay in force alone (fail closed: an
    admin's typo never switches a list off) and the problems are returned; warnings
    (a term listed twice) are returned too, and the file is used. A broken or untidy
    built-in file is a bug in the package, not input: RuntimeError.
    """
    defaults, problems = read_topics(built_in, required=True, what=what, flags=flags)
    if problems:
        raise RuntimeError(f"built-in {what} file is broken: " + "; ".join(map(str, problems)))
    if custom is None:
        return defaults, []
    added, problems = read_topics(custom, required=False, what=what, flags=flags)
    if any(problem.severity != "warning" for problem in problems):
        return defaults, problems
    # The organisation's own topics first: a message with words of one of them and of
    # a built-in topic ("wohnungslos" is both an admin's "housing" and "legal") is
    # labelled with the admin's.
    own = {topic.id for topic in added}
    return [*added, *(topic for topic in defaults if topic.id not in own)], problems


def _repeated_terms(raw: CommentedMap, schema: _TopicSchema, shown_as: str) -> list[Problem]:
    """A warning for each term a topic lists twice: harmless, but a list that grows by hand
    should say so (the built-in rules had five)."""
    problems: list[Problem] = []
    for language, language_terms in schema.terms.items():
        seen: set[tuple[str, bool, bool]] = set()
        for position, term in enumerate(language_terms):
            bare = term.strip().strip('"')
            key = (_fold(bare), bare.startswith("*"), bare.endswith("*"))
            if key in seen:
                line = line_of(raw, ["terms", language, position])
                message = f"terms.{language}: {term!r} is listed twice"
                problems.append(Problem(shown_as, line, schema.id, message, "warning"))
            seen.add(key)
    return problems


def read_topics(
    path: Path, required: bool, what: str = "rules", flags: bool = True
) -> tuple[list[Topic], list[Problem]]:
    """Topics from one rules file (`topics:` with id, terms and flags); problems name file, line and topic.

    `flags=False`: a list without the privacy gate's `crisis` and `hint` (the places list).
    """
    shown_as = str(path)
    if not path.exists():
        return [], ([Problem(shown_as, None, None, f"{what} file not found")] if required else [])
    document, problems = read_yaml(path, shown_as)
    if problems:
        return [], problems
    if not isinstance(document, CommentedMap) or "topics" not in document:
        return [], [Problem(shown_as, line_of(document, []), None, "expected a top-level key 'topics:'")]
    topics: list[Topic] = []
    for key in document:
        if key != "topics":
            problems.append(Problem(shown_as, line_of(document, [key]), None, f"{key}: unknown key"))
    for index, raw in enumerate(document["topics"] or []):
        line = line_of(document["topics"], [index])
        topic_id = raw.get("id") if isinstance(raw, Mapping) and isinstance(raw.get("id"), str) else None
        try:
            schema = _TopicSchema.model_validate(dict(raw) if isinstance(raw, Mapping) else raw)
        except ValidationError as exc:
            for error in exc.errors():
                key = ".".join(str(p) for p in error["loc"])
                message = "unknown key" if error["type"] == "extra_forbidden" else error["msg"]
                problems.append(Problem(shown_as, line_of(raw, error["loc"]) or line, topic_id, f"{key}: {message}"))
            continue
        if not flags and (schema.crisis or schema.hint):
            message = f"crisis and hint belong in sensitive.yml, not in the {what}"
            problems.append(Problem(shown_as, line, schema.id, message))
            continue
        terms = tuple(term for language_terms in schema.terms.values() for term in language_terms if term.strip())
        other_language = frozenset(
            term
            for language, language_terms in schema.terms.items()
            if language not in OWN_LANGUAGES
            for term in language_terms
        )
        if not terms:
            problems.append(Problem(shown_as, line, schema.id, "terms: no terms given"))
            continue
        problems.extend(_repeated_terms(raw, schema, shown_as))
        hint = schema.hint and not schema.crisis
        german = frozenset(term for term in schema.terms.get("de", ()) if term.strip())
        topics.append(
            Topic(schema.id, terms, schema.crisis, hint, tuple(schema.not_typos), line, other_language, german)
        )
    return topics, problems
