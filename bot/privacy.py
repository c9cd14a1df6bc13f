"""The privacy gate's knowledge: sensitive topics, crisis words and personal identifiers.

Social organisations must not discuss health, money, legal status, violence,
child welfare, pregnancy or addiction over commercial chat platforms, nor collect
personal data there. This module decides *whether* a message touches any of that
(`PrivacyRules.classify`) and masks identifiers for storage (`mask`). What to answer
is the gate handler's business (handlers/gate.py).

Rules are data: built-in defaults (bot/data/sensitive_default.yml) plus an optional
`sensitive.yml` in the FAQ folder whose topics add to or replace the defaults by id.

Term syntax (after the same folding as the FAQ: case, umlauts, ß, punctuation):
``word`` matches the word, typo-tolerant for words of 6+ letters; ``word*`` a word
starting with it; ``*word`` a word ending with it (German compounds); ``*word*`` a
word containing it; several words match as a phrase.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, StrictStr, ValidationError
from rapidfuzz import fuzz, process
from ruamel.yaml.comments import CommentedMap

from bot.knowledge import SENSITIVE_FILE, Problem, line_of, read_yaml
from bot.text import FILLER_WORDS, clean, fold, join_contractions

DEFAULT_RULES_FILE = Path(__file__).parent / "data" / "sensitive_default.yml"
# Words of this length or more also match with a typo or two (rapidfuzz ratio ≥ cutoff).
FUZZY_MIN_LENGTH = 6
FUZZY_CUTOFF = 88.0
# Words whose rule matches are remembered; bounded so a flood of random words cannot grow it.
MAX_CACHED_WORDS = 50_000
# The last few whole messages, so the FAQ step's question costs nothing after the
# gate's (a few, not many: repeated questions should not look faster than they are).
MAX_RECENT_MESSAGES = 32
PERSONAL_DATA_TOPIC = "personal-data"
# In a crisis topic, the words of a phrase may have this many other words between
# them: "ich will einfach nur noch sterben" is "will … sterben". Missing a person in
# crisis is far worse than a false alarm; other topics keep their words next to each
# other, so "nicht zahlen" does not catch "nicht sofort zahlen, oder?".
CRISIS_PHRASE_GAP = 4


class Identifier(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    IBAN = "iban"
    DATE = "date"
    ADDRESS = "address"
    ID_NUMBER = "id-number"


_MONTHS = (
    "januar|februar|marz|märz|april|mai|juni|juli|august|september|oktober|november|dezember|"
    "january|february|march|may|june|july|october|december"
)
# Order matters: more specific patterns first, so an IBAN is not also taken for a phone.
IDENTIFIER_PATTERNS: tuple[tuple[Identifier, re.Pattern[str]], ...] = (
    # Bounded repetitions keep every pattern linear on long input.
    (Identifier.EMAIL, re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}", re.IGNORECASE)),
    (Identifier.IBAN, re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){3,7}(?:[ ]?[A-Z0-9]{1,3})?\b", re.IGNORECASE)),
    (
        Identifier.DATE,
        re.compile(
            rf"\b(?:\d{{1,2}}\.\s?\d{{1,2}}\.\s?(?:19|20)?\d{{2}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}"
            rf"|\d{{1,2}}\.?\s(?:{_MONTHS})\s(?:19|20)\d{{2}})\b",
            re.IGNORECASE,
        ),
    ),
    # Insurance, ID card and passport numbers: one run of 8-12 letters and digits,
    # at least one letter and five digits ("A123456789", "L01X00T47").
    (
        Identifier.ID_NUMBER,
        re.compile(r"\b(?=[0-9]*[a-z])(?=(?:[a-z]*[0-9]){5})[a-z0-9]{8,12}\b", re.IGNORECASE),
    ),
    (Identifier.PHONE, re.compile(r"(?<![\w@])(?:\+|00)?\d(?:[ /()-]{0,2}\d){6,}(?!\w)")),
    (
        Identifier.ADDRESS,
        re.compile(
            r"\b[\wäöüÄÖÜß.-]*(?:stra(?:ß|ss)e|str\.|weg|allee|platz|gasse|ring|damm|ufer|chaussee|street|st\.|road|avenue)"
            r"\s+\d{1,4}\s?[a-z]?\b"
            r"|\b\d{5}\s+[A-ZÄÖÜ][a-zäöüß]{2,}",
            re.IGNORECASE,
        ),
    ),
)
# Every pattern above needs a digit or an "@". Most questions have neither, and for
# them six regex passes would cost more than all the topic rules together.
_MAY_HOLD_IDENTIFIER = re.compile(r"[\d@]")
_BIRTH_WORDS = re.compile(
    r"\b(?:geb\.?|geboren|geburtsdatum|geburtstag|born|birthday|date of birth|dob)\b", re.IGNORECASE
)
# A full date this many years back is a birth date, not an appointment.
_BIRTH_YEARS_BACK = 3
_YEAR = re.compile(r"(?:19|20)\d{2}")


def find_identifiers(text: str, today: dt.date | None = None, own_address: str = "") -> list[Identifier]:
    """Which kinds of personal identifiers appear in `text`.

    A date counts only as a birth date: with a birth word nearby, or a year far back.
    The organisation's own address (from config) is not a member's data.
    """
    if not _MAY_HOLD_IDENTIFIER.search(text):
        return []
    found: list[Identifier] = []
    year = (today or dt.date.today()).year
    remaining = text
    for kind, pattern in IDENTIFIER_PATTERNS:
        matches = list(pattern.finditer(remaining))
        if kind is Identifier.ADDRESS and own_address:
            own = fold(own_address)
            matches = [m for m in matches if fold(m.group(0)) not in own]
        if kind is Identifier.DATE:
            matches = [m for m in matches if _is_birth_date(m.group(0), remaining, year)]
        if matches:
            found.append(kind)
        remaining = pattern.sub(" ", remaining)
    return found


def _is_birth_date(found: str, text: str, year: int) -> bool:
    if _BIRTH_WORDS.search(text):
        return True
    match = _YEAR.search(found)
    if match is None:
        short = found.rsplit(".", 1)[-1].rsplit("/", 1)[-1].strip()
        return short.isdigit() and len(short) == 2 and int(short) > (year % 100) + 1
    return int(match.group(0)) <= year - _BIRTH_YEARS_BACK


# A name a member introduces ("ich heiße Anna Müller", "Mama von Lena") is masked in
# everything stored, but does not make an everyday question sensitive on its own.
_NAME_INTRO = re.compile(
    r"\b(?:ich hei(?:ß|ss)e|mein name ist|my name is|(?:mama|mutter|papa|vater|mum|mom|dad|mother|father)"
    r" (?:von|of))\s+([^\W\d_][\w'-]{0,40})(?:\s+([^\W\d_][\w'-]{0,40}))?",
    re.IGNORECASE,
)
# After a first name, these words start the question, not a surname.
_NOT_A_SURNAME = FILLER_WORDS | frozenset(
    [
        "wann",
        "wo",
        "wie",
        "was",
        "warum",
        "wer",
        "welche",
        "welcher",
        "gibt",
        "when",
        "where",
        "how",
        "what",
        "why",
        "who",
        "which",
    ]
)


def _mask_name(found: re.Match[str]) -> str:
    surname = found.group(2)
    keep = f" {surname}" if surname and fold(surname) in _NOT_A_SURNAME else ""
    return f"{found.group(0)[: found.start(1) - found.start(0)]}[name]{keep}"


def mask(text: str) -> str:
    """Replace every identifier by its kind, e.g. ``[email]``; dates are always masked."""
    for kind, pattern in IDENTIFIER_PATTERNS:
        text = pattern.sub(f"[{kind.value}]", text)
    return _NAME_INTRO.sub(_mask_name, text)


class _TopicSchema(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: StrictStr = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    crisis: bool = False
    hint: bool = False
    terms: dict[StrictStr, list[StrictStr]] = Field(min_length=1)


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    terms: tuple[str, ...]
    crisis: bool = False
    # A hint topic does not make a message sensitive: its words ("tot", "dying") only
    # add the crisis lines to whatever the bot answers.
    hint: bool = False


class Verdict(StrEnum):
    CLEAR = "clear"
    SENSITIVE = "sensitive"
    CRISIS = "crisis"


@dataclass(frozen=True, slots=True)
class Classification:
    verdict: Verdict
    topic: str | None = None
    # Words of a hint topic: the reply should carry the crisis lines.
    distress: bool = False


CLEAR = Classification(Verdict.CLEAR)


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
    return fold(join_contractions(text))


def _fuzzy(word: str, term: str) -> bool:
    return len(term) >= FUZZY_MIN_LENGTH and fuzz.ratio(word, term) >= FUZZY_CUTOFF


class PrivacyRules:
    """Compiled topic rules; `classify` is cheap enough to run on every message."""

    def __init__(self, topics: Iterable[Topic], own_address: str = "", typos: bool = True) -> None:
        """`typos=False`: terms match only as written (the places list: "Grundschüler" is no "Grundschule")."""
        self.topics = tuple(topics)
        self._own_address = own_address
        self._typos = typos
        # Exact single words are dictionary lookups; typo tolerance uses rapidfuzz's
        # C loop over the long words. Wildcards and phrases are built from word
        # patterns; which patterns a word matches is worked out once per word and
        # remembered, since members' words repeat all the time.
        self._exact: dict[str, Topic] = {}
        self._patterns: list[_Pattern] = []
        pattern_ids: dict[_Pattern, int] = {}
        self._phrases: list[tuple[tuple[int, ...], Topic]] = []
        for topic in sorted(self.topics, key=lambda t: not t.crisis):
            for term in topic.terms:
                words = term.split()
                if len(words) == 1 and "*" not in term:
                    self._exact.setdefault(_fold(term), topic)
                elif words:
                    ids = []
                    for word in words:
                        pattern = _Pattern.parse(word)
                        ids.append(pattern_ids.setdefault(pattern, len(pattern_ids)))
                        if ids[-1] == len(self._patterns):
                            self._patterns.append(pattern)
                    self._phrases.append((tuple(ids), topic))
        # Typo tolerance for exact words follows the same rules as for patterns: same
        # first letter, at most two letters longer or shorter ("talking" is no typo of
        # "stalking", "employed" none of "unemployed").
        self._fuzzy_by_initial: dict[str, list[str]] = {}
        for word in self._exact if typos else ():
            if len(word) >= FUZZY_MIN_LENGTH:
                self._fuzzy_by_initial.setdefault(word[0], []).append(word)
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
        self._recent: dict[tuple[str, dt.date | None], Classification] = {}

    def classify(self, text: str, today: dt.date | None = None) -> Classification:
        """Crisis beats every topic; any topic or identifier makes a message sensitive."""
        # The gate and the FAQ step both ask about the same message: remember the last few.
        key = (text, today)
        known = self._recent.get(key)
        if known is None:
            known = self._classify(text, today)
            if len(self._recent) >= MAX_RECENT_MESSAGES:
                self._recent.clear()
            self._recent[key] = known
        return known

    def topics_in(self, words: Sequence[str]) -> list[Topic]:
        """The topics whose terms these words (from `words_of`) contain; no identifiers.

        Other word lists with the same term syntax use this too (bot/places.py).
        """
        return list(dict.fromkeys(self._topic_hits(list(words))))

    def _classify(self, text: str, today: dt.date | None) -> Classification:
        text = clean(text)
        words = _fold(text).split()
        hits = list(self._topic_hits(words))
        crisis = next((t for t in hits if t.crisis), None)
        if crisis:
            return Classification(Verdict.CRISIS, crisis.id)
        distress = any(t.hint for t in hits)
        sensitive = next((t for t in hits if not t.hint), None)
        if sensitive:
            return Classification(Verdict.SENSITIVE, sensitive.id, distress)
        if find_identifiers(text, today, self._own_address):
            return Classification(Verdict.SENSITIVE, PERSONAL_DATA_TOPIC, distress)
        return Classification(Verdict.CLEAR, None, distress) if distress else CLEAR

    def _word(self, word: str) -> tuple[Topic | None, frozenset[int]]:
        """The topic a word names on its own, and the ids of the patterns it matches."""
        known = self._word_cache.get(word)
        if known is not None:
            return known
        topic = self._exact.get(word)
        if topic is None and len(word) >= FUZZY_MIN_LENGTH - 1:
            similar = [w for w in self._fuzzy_by_initial.get(word[0], ()) if abs(len(w) - len(word)) <= 2]
            found = process.extractOne(word, similar, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            topic = self._exact[found[0]] if found else None
        patterns = (
            self._patterns_by_first.get(word[:1], [])
            + self._patterns_by_last.get(word[-1:], [])
            + self._patterns_anywhere
        )
        result = (topic, frozenset(i for i in patterns if self._patterns[i].matches(word, self._typos)))
        if len(self._word_cache) < MAX_CACHED_WORDS:
            self._word_cache[word] = result
        return result

    def _topic_hits(self, words: list[str]) -> Iterable[Topic]:
        matched: list[frozenset[int]] = []
        for word in words:
            topic, patterns = self._word(word)
            if topic is not None:
                yield topic
            matched.append(patterns)
        seen = frozenset().union(*matched)
        for key in seen:
            for ids, topic in self._phrases_by_key.get(key, ()):
                gap = CRISIS_PHRASE_GAP if topic.crisis else 0
                if all(i in seen for i in ids) and _phrase_at(ids, matched, gap):
                    yield topic


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


def read_topics(path: Path, required: bool, what: str = "privacy rules") -> tuple[list[Topic], list[Problem]]:
    """Topics from one rules file (the format of sensitive_default.yml); problems name file and line."""
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
        terms = tuple(term for language_terms in schema.terms.values() for term in language_terms if term.strip())
        if not terms:
            problems.append(Problem(shown_as, line, schema.id, "terms: no terms given"))
            continue
        topics.append(Topic(schema.id, terms, schema.crisis, schema.hint and not schema.crisis))
    return topics, problems


def load_privacy_rules(faq_dir: Path | None, own_address: str = "") -> tuple[PrivacyRules, list[Problem]]:
    """The built-in rules, with the FAQ folder's `sensitive.yml` topics added or replacing by id.

    With problems in `sensitive.yml`, the built-in rules stay in force (fail closed:
    a typo by an admin never switches the gate off).
    """
    defaults, problems = read_topics(DEFAULT_RULES_FILE, required=True)
    if problems:
        # The shipped rules are part of the package; a broken one is a bug, not input.
        raise RuntimeError("built-in privacy rules are broken: " + "; ".join(map(str, problems)))
    by_id = {topic.id: topic for topic in defaults}
    if faq_dir is not None:
        custom, problems = read_topics(faq_dir / SENSITIVE_FILE, required=False)
        if not problems:
            by_id.update({topic.id: topic for topic in custom})
    return PrivacyRules(by_id.values(), own_address), problems
