"""Finds the FAQ entry a member means: answer, suggest, or admit it does not know.

Plain fuzzy string matching picks the right entry for only a fraction of real
questions (see docs/benchmarks.md), so the score blends several signals, each cheap:

* character n-gram TF-IDF: robust to typos, compounds and inflection;
* word TF-IDF over stemmed content words (Snowball), after rapidfuzz has corrected
  misspelt words to the knowledge base's own vocabulary;
* both against the single best phrasing *and* against the entry's centroid, so an
  entry with many phrasings is recognised by what they share;
* the admins' keywords, found typo-tolerantly with rapidfuzz;
* word meanings, which the other signals cannot see ("lost" and "verloren"): by
  default a static table of word-piece vectors (bot/meanings.py), optionally a
  multilingual sentence encoder (bot/semantic.py).

The index is built once per (re)load; a query is a couple of sparse products. The
decision uses two thresholds plus a margin: a best entry that barely leads its
runner-up is offered as a suggestion instead of being answered wrongly.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache

import numpy as np
import Stemmer
from numpy.typing import NDArray
from rapidfuzz import fuzz, process
from scipy import sparse

from bot.aside import (
    HAVING_WORDS,
    PREPOSITIONS,
    asked_of,
    asks_whether_there_is,
    at_a_place,
    in_passing,
    opens_asking_what_is_there,
    told_as_own,
)
from bot.classifier import SoftmaxClassifier
from bot.config import MatcherSettings
from bot.holidays import holiday_names
from bot.knowledge import Entry, KnowledgeBase
from bot.semantic import SentenceEncoder
from bot.text import FILLER_WORDS, TIME_WORDS, asked_sentence, clean, fold, names_no_topic, question_core, tokens
from bot.tfidf import FloatArray, TfidfIndex, char_ngrams

# How much each signal counts; chosen on ../shared/eval/clinc150-10/validation.tsv and
# our own paraphrase set, never on test questions (docs/benchmarks.md).
WEIGHT_CHAR_BEST = 0.25
WEIGHT_WORD_BEST = 0.25
WEIGHT_CHAR_CENTROID = 0.25
WEIGHT_WORD_CENTROID = 0.25
# Share of the similarity in the final score; the rest is the classifier's probability.
SIMILARITY_SHARE = 0.5
KEYWORD_BONUS = 0.20
# A keyword of several words may have this many other words between its words: German
# puts the verb last ("kind anmelden" in "mein Kind bei euch anmelden").
PHRASE_KEYWORD_GAP = 2
# … and each of its words may have up to this many more letters (plural, case endings).
PHRASE_WORD_ENDING = 2
MIN_WORD_WITH_ENDING = 4
# Once more for a question made of one entry's keywords alone ("laternenumzug",
# "termine", "töpferkurs?"): the admin said these words clearly mean that entry, and
# there is nothing else in the question to weigh against them.
SOLE_KEYWORD_BONUS = 0.20
# Question words ask *about* the keyword ("wann ist der Laternenumzug?", "where can I
# print?", "gibt es Parkplätze?") and add no topic of their own, so they do not count
# against that rule.
QUESTION_WORDS = frozenset(
    {
        *("wann", "wo", "wie", "was", "wer", "warum", "wieso", "weshalb"),
        *("welche", "welcher", "welches", "woher", "wohin", "gibt", "gibts", "habt"),
        *("when", "where", "how", "what", "who", "why", "which"),
    }
)
# A misspelt word is corrected to a knowledge-base word at least this similar (0-100)
# and at most this many letters longer or shorter: by similarity alone "mitbringen"
# passed for a typo of the keyword "bringen" (82.4), and "Kann ich mein Fahrrad
# mitbringen?" got the Kita's drop-off times.
SPELLING_CUTOFF = 82.0
MAX_TYPO_LENGTH_CHANGE = 2
# Suggestions must be this close to the best score to be worth a button. Word meanings
# add up to 0.525 to a score, so the spread is wider than on the lexical 0..1 alone:
# "kurse und kitaplatz" must still offer the Kita entry next to the two course entries.
SUGGESTION_SPREAD = 0.30
MIN_CORRECTABLE_LENGTH = 4
# Phrasings of two languages this close in similarity count as a tie.
LANGUAGE_TIE = 0.02
# Compound splitting: both parts at least this long, and a part may be misspelt or
# inflected ("topfer" for "topfern") if this similar to a known word.
MIN_COMPOUND_PART = 4
MIN_FUZZY_COMPOUND_PART = 6
COMPOUND_PART_CUTOFF = 85.0
MIN_KNOWN_COMPOUND_SHARE = 0.5
# The shortest second half of a compound written apart ("W-Lan"): shorter ones are
# endings split off at an apostrophe ("what's").
MIN_JOINED_PART = 3
# A question with no known word still ranks entries by what little it shares with
# them (for the suggestions), so coverage never multiplies a score down to zero.
COVERAGE_FLOOR = 0.02
# The sentence encoder reads only this much of a question: members' questions are
# short, and encoding time grows with length (a 100 KB paste must not stall the bot).
MAX_SEMANTIC_CHARS = 500
# A question without words has no character n-grams.
_NO_IDS: NDArray[np.int64] = np.zeros(0, dtype=np.int64)
# A word of an entry's phrasings names it (for `Matcher.asked_instead`) if at most this
# many entries use it: "Kita" names the Kita places and the Kita hours, "Haus" nothing.
NAMING_WORD_ENTRIES = 2
# The first part of a compound the answer names on its own ("Billard|tisch"): at least
# this many letters, and at least three after it.
MIN_MENTIONED_PART = 5
MIN_PART_AFTER = 3
# Corrections are remembered per index; bounded so a flood of random words cannot grow it.
MAX_CACHED_CORRECTIONS = 50_000

# PyStemmer: the Snowball stemmers compiled in C. Pure-Python Snowball took ~50 µs a
# word, which made every question with new words miss the 2 ms latency goal.
_STEMMERS = {
    "de": Stemmer.Stemmer("german"),
    "en": Stemmer.Stemmer("english"),
}


class Outcome(StrEnum):
    ANSWER = "answer"
    SUGGEST = "suggest"
    FALLBACK = "fallback"


@dataclass(frozen=True, slots=True)
class MeaningSignal:
    """Word meanings added to an entry's score: weight × max(0, cosine − floor).

    The cosine is between the question's vector and the entry's mean phrasing vector.
    """

    encoder: SentenceEncoder
    weight: float
    floor: float
    # Averaged static word vectors are dominated by a question's frame ("wann habt ihr
    # offen"), so "Wann hat Lidl offen?" would look like our opening hours: the static
    # table reads content words only, and its meaning counts only as far as the
    # question's words are known to the FAQ (the coverage below). The sentence encoder
    # reads the whole question and is trusted on unknown words: that is what it is for.
    content_words_only: bool = False
    limited_by_coverage: bool = False

    def add_to(self, lexical: FloatArray, cosine: FloatArray, coverage: float) -> FloatArray:
        """The final entry scores."""
        # Meaning counts only above a floor: unrelated sentences still have a cosine of 0.2-0.3.
        bonus = self.weight * np.maximum(0.0, cosine - self.floor)
        result: FloatArray = lexical + (bonus * coverage if self.limited_by_coverage else bonus)
        return result


@dataclass(frozen=True, slots=True)
class Signals:
    """One question's score parts for every entry (see `Matcher.signals`)."""

    lexical: FloatArray  # 0..1, already scaled by coverage
    phrase_scores: FloatArray  # per phrasing, for the reply's language
    cosine: FloatArray | None  # word meanings, when on
    coverage: float  # share of the question's content words the FAQ knows
    keyword_hits: frozenset[int] = frozenset()  # entries whose admin keywords the question uses


@dataclass(frozen=True, slots=True)
class Candidate:
    entry: Entry
    score: float
    # None when the question reads the same in several languages.
    language: str | None
    # The question uses one of the entry's keywords.
    keyword: bool = False
    # The question asks about this entry's subject and names the best candidate only in
    # passing ("Gibt es im Jugendclub WLAN?"): `Matcher.asked_instead`.
    asked_about: bool = False
    # The question asks whether something no entry knows is there at this entry's
    # place ("Gibt es im Jugendclub eine Dusche?"): `Matcher.asks_unknown_at`.
    unknown_asked: bool = False


@dataclass(frozen=True, slots=True)
class MatchResult:
    outcome: Outcome
    candidates: tuple[Candidate, ...]
    # Not answered because the question asks for something at the best entry's place
    # that the FAQ does not know: the reply says so and offers that entry.
    unknown_asked: bool = False

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None


@lru_cache(maxsize=100_000)
def _stem(word: str, language: str) -> str:
    stemmer = _STEMMERS.get(language)
    return stemmer.stemWord(word) if stemmer else word


def _stems(words: Sequence[str], languages: Sequence[str]) -> list[str]:
    # A question's language is unknown before matching: stem it both ways. Stems the
    # knowledge base never uses are simply not in the index.
    stems = {_stem(word, language) for word in words for language in languages}
    return sorted(stems)


def _meaning_text(cleaned: str, meaning: MeaningSignal) -> str:
    """What the meaning encoder reads of a cleaned question or phrasing."""
    text = cleaned[:MAX_SEMANTIC_CHARS]
    if not meaning.content_words_only:
        return text
    return " ".join(word for word in text.split() if not _is_filler(word))


def _prefix_apart(word: str, known: str) -> bool:
    """The member's word is the known one with two or more letters in front: another word, not a typo.

    "abstellen" is no typo of "stellen" (it sent "wo kann ich mein fahrrad abstellen" to
    the jobs, whose keyword "stellen" is), nor "bekomme" of "komme". The other way round
    a correction stays: "holen" read as "abholen" and "fahrt" as "anfahrt" are near enough.
    """
    return len(word) - len(known) >= 2 and word.endswith(known)


def _phrase_pattern(words: list[str]) -> re.Pattern[str]:
    """A phrase keyword's words in order, up to PHRASE_KEYWORD_GAP other words between them.

    Each word of four letters or more may end in up to PHRASE_WORD_ENDING more letters:
    "new year" fits "new years eve", "kind anmelden" fits "Kinder anmelden"; "new" is
    no "news", "drop off" no "drop offer".
    """
    joiner = rf"(?: \S+){{0,{PHRASE_KEYWORD_GAP}}} "
    ending = rf"\w{{0,{PHRASE_WORD_ENDING}}}"
    parts = [re.escape(word) + (ending if len(word) >= MIN_WORD_WITH_ENDING else "") for word in words]
    return re.compile(r"(?:^| )" + joiner.join(parts) + r"(?: |$)")


def _content_words(words: list[str]) -> list[str]:
    """The words that say what a question is about: no filler words, no bare numbers."""
    return [w for w in words if w not in FILLER_WORDS and not w.isdigit()]


def _naming_words(entries: Sequence[Entry]) -> list[frozenset[str]]:
    """Per entry, the content words of its phrasings that at most NAMING_WORD_ENTRIES entries use."""
    not_names = FILLER_WORDS | QUESTION_WORDS | TIME_WORDS | PREPOSITIONS
    words_of = [
        frozenset(
            word
            for word in fold(" ".join(entry.phrasings())).split()
            if len(word) >= MIN_CORRECTABLE_LENGTH and word not in not_names
        )
        for entry in entries
    ]
    used_by: dict[str, int] = {}
    for words in words_of:
        for word in words:
            used_by[word] = used_by.get(word, 0) + 1
    return [frozenset(word for word in words if used_by[word] <= NAMING_WORD_ENTRIES) for words in words_of]


def _mentioned(word: str, mentions: str, stems: frozenset[str]) -> bool:
    """Whether an entry's folded text says the word, in another form, or the first part of it as a word.

    "tanzen" is the "Tanz" of the seniors' café's answer (the same stem), and
    "Billardtisch" a table for the "Billard" the youth club's answer names.
    """
    if f" {word}" in mentions or any(_stem(word, language) in stems for language in ("de", "en")):
        return True
    return any(f" {word[:cut]} " in mentions for cut in range(MIN_MENTIONED_PART, len(word) - MIN_PART_AFTER + 1))


@lru_cache(maxsize=MAX_CACHED_CORRECTIONS)
def _is_filler(word: str) -> bool:
    folded = fold(word).split()
    return not folded or all(part in FILLER_WORDS for part in folded)


class Matcher:
    """An immutable index over one knowledge base; build a new one on reload."""

    def __init__(
        self,
        knowledge: KnowledgeBase,
        settings: MatcherSettings,
        today: Callable[[], dt.date] = dt.date.today,
        meaning: MeaningSignal | None = None,
    ) -> None:
        self.knowledge = knowledge
        self.settings = settings
        self._today = today
        self._meaning = meaning
        self._phrase_entry: list[int] = []
        self._phrase_language: list[str] = []
        char_docs: list[list[str]] = []
        word_docs: list[list[str]] = []
        vocabulary: set[str] = set()
        for index, entry in enumerate(knowledge.entries):
            for language, questions in entry.questions.items():
                for question in questions:
                    # Filler words stay: IDF weighs them down, and "how"/"my"/"can"
                    # still tell some questions apart.
                    words = tokens(question)
                    vocabulary.update(words)
                    self._phrase_entry.append(index)
                    self._phrase_language.append(language)
                    char_docs.append(char_ngrams(words))
                    word_docs.append(_stems(words, [language]))
        self._keywords: list[tuple[int, str]] = []
        for index, entry in enumerate(knowledge.entries):
            for keyword in entry.keywords:
                folded = fold(keyword)
                if folded:
                    self._keywords.append((index, folded))
                    vocabulary.update(folded.split())
        self._vocabulary = sorted(vocabulary)
        self._vocabulary_set = frozenset(vocabulary)
        self._vocabulary_by_length: dict[int, list[str]] = {}
        self._candidates_by_length: dict[tuple[int, float], list[str]] = {}
        for known in self._vocabulary:
            # A misspelt word is never corrected into a filler word: "hund" is not a typo
            # of "und", and the filler would hide an unknown word from the coverage.
            if known not in FILLER_WORDS:
                self._vocabulary_by_length.setdefault(len(known), []).append(known)
        self._corrections: dict[str, tuple[str, ...]] = {}
        self._char_id_cache: dict[str, NDArray[np.int64]] = {}
        self._single_keywords: dict[str, set[int]] = {}
        for index, keyword in self._keywords:
            if " " not in keyword:
                self._single_keywords.setdefault(keyword, set()).add(index)
        self._keyword_list = sorted(self._single_keywords)
        # Keywords of several words: (entry, their words, the pattern that finds them).
        self._phrase_keywords = [
            (index, frozenset(keyword.split()), _phrase_pattern(keyword.split()), keyword)
            for index, keyword in self._keywords
            if " " in keyword
        ]
        self._keyword_typos: dict[str, str | None] = {}
        # Everything each entry says, folded: whether it mentions another entry's keyword.
        self._entry_texts = [
            f" {fold(' '.join((*entry.phrasings(), *entry.answer.values(), *entry.keywords)))} "
            for entry in knowledge.entries
        ]
        self._entry_stems = [frozenset(_stems(text.split(), ("de", "en"))) for text in self._entry_texts]
        self._entry_count = len(knowledge.entries)
        self._index_of = {entry.id: index for index, entry in enumerate(knowledge.entries)}
        self._naming_words = _naming_words(knowledge.entries)
        owner = np.asarray(self._phrase_entry, dtype=np.int64)
        self._char = TfidfIndex(char_docs)
        self._word = TfidfIndex(word_docs)
        char_centroids = TfidfIndex(char_docs, groups=self._phrase_entry)
        word_centroids = TfidfIndex(word_docs, groups=self._phrase_entry)
        # Weighted side by side, each score is one product with [char query | word query];
        # phrasings and centroids stacked, so a question is one product, not two (on a
        # small FAQ, SciPy's call overhead is most of a product's cost).
        self._phrase_count = len(self._phrase_entry)
        self._score_matrix = sparse.vstack(
            [
                sparse.hstack([WEIGHT_CHAR_BEST * self._char.matrix, WEIGHT_WORD_BEST * self._word.matrix]),
                sparse.hstack(
                    [WEIGHT_CHAR_CENTROID * char_centroids.matrix, WEIGHT_WORD_CENTROID * word_centroids.matrix]
                ),
            ],
            format="csr",
        )
        # Phrasings are stored entry by entry, so each entry owns one contiguous run.
        self._starts = np.searchsorted(owner, np.arange(self._entry_count))
        self._classifier = SoftmaxClassifier(
            sparse.hstack([self._char.matrix, self._word.matrix], format="csr"), owner, self._entry_count
        )
        self._meaning_centroids = self._embed_entries(meaning) if meaning else None

    def _embed_entries(self, meaning: MeaningSignal) -> FloatArray:
        """Each entry's mean phrasing embedding, unit length: what the entry is about."""
        entries = self.knowledge.entries
        phrasings = [_meaning_text(clean(question), meaning) for entry in entries for question in entry.phrasings()]
        if not phrasings:  # an empty knowledge base: nothing to embed, nothing to score
            return np.zeros((0, 0))
        vectors = meaning.encoder.encode(phrasings)
        centroids = np.zeros((self._entry_count, vectors.shape[1]))
        np.add.at(centroids, np.asarray(self._phrase_entry, dtype=np.int64), vectors)
        norms = np.linalg.norm(centroids, axis=1, keepdims=True)
        result: FloatArray = centroids / np.maximum(norms, 1e-12)
        return result

    def _join_split_compounds(self, words: list[str]) -> list[str]:
        """Two words the FAQ knows as one read as that one: "Laternen Umzug", "W-Lan".

        Dictation, learners and phones' autocorrect write German compounds apart; the
        FAQ's phrasings and keywords write them as one word, so apart they lose the
        keyword and count as less known.
        """
        joined: list[str] = []
        index = 0
        while index < len(words):
            first, second = words[index], words[index + 1] if index + 1 < len(words) else ""
            pair = first + second
            # Only two content words, the second no mere ending: "what's" and "card's"
            # come apart at the apostrophe and must not become "whats" and "cards", nor
            # "to do" "todo" or "me an" "mean". And only where one of the two is unknown:
            # "Repair Café" is how the FAQ's own phrasings write it.
            if (
                len(second) >= MIN_JOINED_PART
                and first not in FILLER_WORDS
                and second not in FILLER_WORDS
                and not (first in self._vocabulary_set and second in self._vocabulary_set)
                and pair in self._vocabulary_set
                and pair not in FILLER_WORDS
            ):
                joined.append(pair)
                index += 2
            else:
                joined.append(words[index])
                index += 1
        return joined

    def _correct(self, words: list[str]) -> list[str]:
        """Map words the knowledge base never uses onto its own words where possible.

        A misspelt word becomes the closest known word ("kitaplaze" → "kitaplatze"); a
        German compound the FAQ does not use is split into known parts ("töpferkurs"
        → "topfern kurs"). Unknown words without a close match stay as they are.
        """
        corrected: list[str] = []
        for word in words:
            # Filler words stay too: "does" is not a typo of "dos", and a corrected
            # filler would count as a known content word and hide an off-topic question.
            if (
                word in self._vocabulary_set
                or word in FILLER_WORDS
                or len(word) < MIN_CORRECTABLE_LENGTH
                or word.isdigit()
            ):
                corrected.append(word)
                continue
            known = self._corrections.get(word)
            if known is None:
                known = self._closest(word) or self._split_compound(word) or (word,)
                if len(self._corrections) < MAX_CACHED_CORRECTIONS:
                    self._corrections[word] = known
            corrected.extend(known)
        return corrected

    def _closest(self, word: str, cutoff: float = SPELLING_CUTOFF) -> tuple[str, ...]:
        # fuzz.ratio = 2·matches / (len a + len b), so a word can only reach the cutoff
        # against words of similar length: search just those.
        key = (len(word), cutoff)
        candidates = self._candidates_by_length.get(key)
        if candidates is None:
            ratio = cutoff / 100
            shortest = max(math.ceil(len(word) * ratio / (2 - ratio)), len(word) - MAX_TYPO_LENGTH_CHANGE)
            longest = min(int(len(word) * (2 - ratio) / ratio), len(word) + MAX_TYPO_LENGTH_CHANGE)
            candidates = [w for size in range(shortest, longest + 1) for w in self._vocabulary_by_length.get(size, ())]
            self._candidates_by_length[key] = candidates
        found = process.extractOne(word, candidates, scorer=fuzz.ratio, score_cutoff=cutoff)
        if found is None or _prefix_apart(word, found[0]):
            return ()
        return (found[0],)

    def _split_compound(self, word: str) -> tuple[str, ...]:
        """The parts of a compound word, known ones corrected; empty if it is no known compound.

        A part the knowledge base does not know stays as it is, so it still counts
        against coverage: "parkplätze" becomes "park plätze", not just "plätze". The known
        parts must make up most of the word, so "wettervorhersage" is not read as "sage".
        """
        best: tuple[str, ...] = ()
        best_known = 0
        if len(word) < 2 * MIN_COMPOUND_PART:
            return best
        for cut in range(MIN_COMPOUND_PART, len(word) - MIN_COMPOUND_PART + 1):
            head, tail = word[:cut], word[cut:]
            if tail.startswith("s") and tail[1:] in self._vocabulary_set:
                tail = tail[1:]  # the linking s of "Geburtstagsfeier"
            parts: list[str] = []
            known_length = 0
            for part in (head, tail):
                known = self._compound_part(part)
                parts.extend(known or (part,))
                # Only the letters the known word accounts for: "deutschla" passed for
                # "deutsch" with all nine letters counted, so "Deutschlandticket" was
                # mostly known, and "wo kann ich mein Deutschlandticket kaufen" got the
                # language courses.
                known_length += min(len(part), len(known[0])) if known else 0
            if known_length > best_known:
                best, best_known = tuple(parts), known_length
        return best if best_known >= MIN_KNOWN_COMPOUND_SHARE * len(word) else ()

    def _compound_part(self, part: str) -> tuple[str, ...]:
        if len(part) < MIN_COMPOUND_PART or part in FILLER_WORDS:
            return ()
        if part in self._vocabulary_set:
            return (part,)
        if len(part) < MIN_FUZZY_COMPOUND_PART:
            return ()
        found = self._closest(part, COMPOUND_PART_CUTOFF)
        # A fuzzy part must start like the known word: otherwise a cut in the wrong
        # place ("fahrr|adplatze") passes for a typo of "platze". (`_closest` never
        # returns a filler word.)
        return found if found and found[0][:2] == part[:2] else ()

    def _sole_keyword_entry(self, words: list[str]) -> int | None:
        """The one entry whose single-word keywords are all the question's content words."""
        shared: set[int] | None = None
        for word in _content_words(words):
            if word in QUESTION_WORDS:
                continue
            found = self._single_keyword_entries(word)
            if not found:
                return None
            shared = set(found) if shared is None else shared & found
        return next(iter(shared)) if shared and len(shared) == 1 else None

    def _keyword_hits(self, folded_query: str, question_words: list[str]) -> set[int]:
        """The entries whose keywords the question uses; the longest keyword wins.

        A keyword inside another entry's longer keyword that the question uses does
        not count: "freiwillig arbeiten" is the volunteering's, not also the jobs'
        "arbeiten"; "daycare opening hours" is the Kita's, not the house's "opening hours".
        """
        said = folded_query.split()
        # Each word said, also without its last one or two letters (see `_phrase_pattern`).
        present = {w[:cut] for w in said for cut in range(len(w) - PHRASE_WORD_ENDING, len(w) + 1)}
        # The set test first: most phrases miss a word, and a regex search costs more.
        used = [
            (index, words)
            for index, words, pattern, _ in self._phrase_keywords
            if words <= present and pattern.search(folded_query)
        ]
        hits = {index for index, words in used if not any(other != index and words < more for other, more in used)}
        # The words each used phrase covers, and whose phrase that is.
        covered: dict[str, set[int]] = {}
        for index, words in used:
            for word in words:
                covered.setdefault(word, set()).add(index)
        for word in question_words:
            found = self._single_keyword_entries(word)
            hits |= found & covered[word] if word in covered else found
        return hits

    def _single_keyword_entries(self, word: str) -> set[int]:
        """The entries with this word, or the keyword it is a typo of, as a single-word keyword."""
        if word in self._single_keywords:
            return self._single_keywords[word]
        # A filler word is never a typo ("hallo" is not "hall"): like `_correct`.
        if len(word) < MIN_CORRECTABLE_LENGTH + 1 or word in FILLER_WORDS:
            return set()
        if word not in self._keyword_typos:
            change = MAX_TYPO_LENGTH_CHANGE
            similar_length = [k for k in self._keyword_list if abs(len(k) - len(word)) <= change]
            found = process.extractOne(word, similar_length, scorer=fuzz.ratio, score_cutoff=SPELLING_CUTOFF)
            if len(self._keyword_typos) >= MAX_CACHED_CORRECTIONS:
                self._keyword_typos.clear()
            self._keyword_typos[word] = found[0] if found and not _prefix_apart(word, found[0]) else None
        typo_of = self._keyword_typos[word]
        return self._single_keywords[typo_of] if typo_of is not None else set()

    def scores(self, text: str) -> tuple[FloatArray, FloatArray]:
        """Score every entry and return (entry scores, per-phrasing scores).

        Lexical scores run from 0 to 1; word meanings add up to weight × (1 − floor)
        on top.
        """
        signals, entry_scores, _ = self._scored(text)
        return entry_scores, signals.phrase_scores

    def _scored(self, text: str) -> tuple[Signals, FloatArray, str]:
        """The signals of the whole message, every entry's final score, and the sentence it asks in.

        A message that tells something before it asks is scored as the mean of the
        whole and its question (`asked_sentence`): the told words say what it is about
        ("mein Toaster … Wann ist das?"), the question what is wanted, and unknown told
        words no longer weigh as much as an unknown word in the question. A question
        that names nothing ("Wann ist das denn?", "When and where is it?") asks about
        what was told: alone it got the events and the address.
        """
        cleaned = question_core(clean(text))
        signals = self._signals_of(cleaned)
        entry_scores = self._final_scores(signals)
        asked = asked_sentence(cleaned)
        if asked is not None and entry_scores.size and not names_no_topic(asked):
            entry_scores = (entry_scores + self._final_scores(self.signals(asked))) / 2
        # … and the sentence it asks in, for what it names in passing (`rank`).
        return signals, entry_scores, asked or cleaned

    def _final_scores(self, signals: Signals) -> FloatArray:
        meaning = self._meaning
        if meaning is None or signals.cosine is None:
            return signals.lexical
        return meaning.add_to(signals.lexical, signals.cosine, signals.coverage)

    def signals(self, text: str) -> Signals:
        """The score's parts for every entry, before word meanings are added."""
        # The question without "Hallo liebes Team, …" or "… LG Anna" around it.
        return self._signals_of(question_core(clean(text)))

    def _signals_of(self, cleaned: str) -> Signals:
        """`signals` of a question already cleaned and cut to its core."""
        if self._entry_count == 0:
            return Signals(np.zeros(0), np.zeros(0), None, 1.0)
        words = self._join_split_compounds(fold(cleaned).split())
        # "am 24.12." is "Weihnachten" to a FAQ that says so (bot/holidays.py).
        words += [name for name in holiday_names(cleaned) if name in self._vocabulary_set and name not in words]
        folded = " ".join(words)
        corrected = self._correct(words)
        char_ids, char_weights = self._char.vector_from_ids(
            np.concatenate([self._char_ids_of(word) for word in words]) if words else _NO_IDS
        )
        word_ids, word_weights = self._word.vector(_stems(corrected, ("de", "en")))
        query = np.concatenate([self._char.dense(char_ids, char_weights), self._word.dense(word_ids, word_weights)])
        scores: FloatArray = self._score_matrix @ query
        phrase_scores = scores[: self._phrase_count]
        similarity = np.maximum.reduceat(phrase_scores, self._starts) + scores[self._phrase_count :]
        offset = len(self._char.vocabulary)
        indices = np.concatenate([char_ids, word_ids + offset])
        values = np.concatenate([char_weights, word_weights])
        probability = self._classifier.probabilities(indices, values)
        entry_scores: FloatArray = SIMILARITY_SHARE * similarity + (1 - SIMILARITY_SHARE) * probability
        keyword_hits = frozenset(self._keyword_hits(folded, corrected))
        for index in keyword_hits:
            entry_scores[index] += KEYWORD_BONUS
        sole = self._sole_keyword_entry(corrected)
        if sole is not None:
            entry_scores[sole] += SOLE_KEYWORD_BONUS
        coverage = self._coverage(corrected)
        lexical: FloatArray = np.minimum(entry_scores, 1.0) * coverage
        cosine: FloatArray | None = None
        meaning = self._meaning
        if meaning is not None and self._meaning_centroids is not None:
            cosine = self._meaning_centroids @ meaning.encoder.encode([_meaning_text(cleaned, meaning)])[0]
        return Signals(lexical, phrase_scores, cosine, coverage, keyword_hits)

    def _char_ids_of(self, word: str) -> NDArray[np.int64]:
        """The word's character n-gram ids; remembered, since members' words repeat."""
        found = self._char_id_cache.get(word)
        if found is None:
            found = np.array(self._char.ids(char_ngrams([word])), dtype=np.int64)
            if len(self._char_id_cache) < MAX_CACHED_CORRECTIONS:
                self._char_id_cache[word] = found
        return found

    def _coverage(self, words: list[str]) -> float:
        """Share of the question's content words that the knowledge base knows at all.

        "Wann hat Lidl offen?" looks a lot like "Wann habt ihr offen?", but "lidl" is a
        word no entry uses: such unknown words are the best sign that a question is
        about something else. Misspelt words were corrected before, so they count as known.
        """
        content = _content_words(words)
        known = self._vocabulary_set
        # A day or a time the FAQ does not name is no sign of another topic, once the
        # question names something the FAQ knows ("ist die Sozialberatung auch dienstags
        # nachmittags?"). Without such a word the time is the topic: "welcher Tag ist heute?"
        if any(w in known and w not in TIME_WORDS and w not in QUESTION_WORDS for w in content):
            content = [w for w in content if w in known or w not in TIME_WORDS]
        if not content:
            return 1.0
        return max(COVERAGE_FLOOR, sum(w in known for w in content) / len(content))

    def match(self, text: str, today: dt.date | None = None, answer: bool = True) -> MatchResult:
        """Decide answer / suggest / fallback for one question; `answer=False` offers suggestions at most."""
        settings = self.settings
        threshold = settings.effective_answer_threshold if answer else math.inf
        return self.decide(self.rank(text, today), threshold, settings.effective_answer_margin)

    def rank(self, text: str, today: dt.date | None = None) -> tuple[Candidate, ...]:
        """The entries valid today that fit the question best, best first.

        At most max_suggestions + 1, plus any further entry whose keyword the question
        uses. Ranking is kept apart from deciding so `kiezbot bench --sweep` can try
        many thresholds on one ranking.
        """
        signals, entry_scores, question = self._scored(text)
        if entry_scores.size == 0:
            return ()
        day = today or self._today()
        order = np.argsort(-entry_scores, kind="stable")
        candidates: list[Candidate] = []
        for index in order[: self.settings.max_suggestions + 4]:
            entry = self.knowledge.entries[int(index)]
            if not entry.is_valid_on(day):
                continue
            # Only the best candidate's language decides the reply; the rest need none.
            language = None if candidates else self._best_language(int(index), signals.phrase_scores)
            keyword = int(index) in signals.keyword_hits
            candidates.append(Candidate(entry, float(entry_scores[index]), language, keyword))
            if len(candidates) > self.settings.max_suggestions:
                break
        # Word meanings can push an entry whose keyword the member used below the
        # buttons ("wann ist laternenumzug" ranked the festival fourth, after the Kita
        # hours, the events and the counselling hours). It comes along, so `decide` can
        # still offer it.
        ranked = {candidate.entry.id for candidate in candidates}
        for index in sorted(signals.keyword_hits, key=lambda i: -entry_scores[i]):
            entry = self.knowledge.entries[index]
            if entry.id not in ranked and entry.is_valid_on(day):
                candidates.append(Candidate(entry, float(entry_scores[index]), None, keyword=True))
        if not candidates:
            return ()
        # The asked sentence's words, read once for both rules below.
        folded = self._join_split_compounds(fold(question).split())
        best = self._index_of[candidates[0].entry.id]
        if signals.keyword_hits - {best}:
            instead = self.asked_instead(folded, best)
            candidates = [
                replace(c, asked_about=True) if self._index_of[c.entry.id] in instead else c for c in candidates
            ]
        if not any(c.asked_about for c in candidates) and self.asks_unknown_at(folded, best):
            candidates[0] = replace(candidates[0], unknown_asked=True)
        return tuple(candidates)

    def asked_instead(self, folded: list[str], best: int) -> set[int]:
        """The entries a question asks about when it names the best entry only in passing.

        "Gibt es im Jugendclub WLAN?": the youth club's name is a keyword and its
        phrasings share the word, so it scores far above the WLAN; its answer (opening
        hours, what there is to do) says nothing of the WLAN. When every keyword of the
        best entry (or, if it has none, every word naming it) stands after a
        preposition (`bot.aside`) and the question uses another entry's keyword that is
        not in passing and that the best entry never mentions, that entry is what is
        asked. What the member tells is not asked: only the question's own sentence
        counts (`asked_sentence`), and not the member's own things ("we just moved here
        for my new job, do you have places in the daycare?"). `folded` are the words of
        that sentence, folded and with compounds joined.
        """
        words = self._correct(folded)
        places = self._keyword_places(words)
        places[best] = self._named_at(words, best, places)
        if not places[best] or not all(in_passing(words, at) or asked_of(words, at) for at, _, _ in places[best]):
            return set()
        mentions = self._entry_texts[best]
        asked: set[int] = set()
        for index, found in places.items():
            # A possessive goes with a thing ("my new job"), not with a phrase keyword,
            # which is mostly something done ("meine Brille liegen lassen"). Mentioned
            # is the keyword or the member's word for it: "Termin" is in the
            # counselling's answer, the events' keyword "Termine" is not.
            said = [
                (keyword, word)
                for at, keyword, word in found
                if not (in_passing(words, at) or (" " not in keyword and told_as_own(words, at)))
            ]
            if index != best and said and not any(f" {word}" in mentions for pair in said for word in pair):
                asked.add(index)
        return asked

    def asks_unknown_at(self, folded: list[str], best: int) -> bool:
        """Whether a question asks if something no entry knows is there at the best entry's place.

        "Gibt es im Jugendclub eine Dusche?", "Is there a microwave in the family café?",
        "Darf mein Hund mit ins Familiencafé?": the youth club's name put it far ahead,
        and its answer (opening hours, billiards) says nothing of a shower. Such a
        question opens with "gibt es", "is there", "darf man" …, names the best entry
        only where something is (after "im", "beim", "at the"; not "für Senioren"), and
        asks for a word that neither the FAQ's phrasings nor the best entry's answer
        use. A word its answer has is not unknown: "Gibt es im Jugendclub einen
        Kicker?" is answered. The member's own things count ("Darf mein Hund mit ins
        Familiencafé?"): unlike "for my new job", they are what such a question asks about.
        `folded` are the words of the asked sentence, as for `asked_instead`.
        """
        if not opens_asking_what_is_there(folded):
            return False  # most questions: no need to correct their words
        words = self._correct(folded)
        named = self._named_at(words, best, self._keyword_places(words))
        if not named:
            return False
        # "Hat der Jugendclub eine Dusche?" asks the same as "Gibt es im Jugendclub eine Dusche?".
        of_it = all(asked_of(words, at) for at, _, _ in named)
        there = asks_whether_there_is(words) and all(at_a_place(words, at) for at, _, _ in named)
        if not (of_it or there):
            return False
        spots = {at for at, _, _ in named}
        mentions = self._entry_texts[best]
        return any(
            at not in spots
            and word in _content_words([word])
            and word not in self._vocabulary_set
            and word not in TIME_WORDS
            and word not in PREPOSITIONS
            and word not in HAVING_WORDS
            and not _mentioned(word, mentions, self._entry_stems[best])
            and not in_passing(words, at)
            for at, word in enumerate(words)
        )

    def _named_at(
        self, words: list[str], entry: int, places: dict[int, list[tuple[int, str, str]]]
    ) -> list[tuple[int, str, str]]:
        """Where the question names the entry: its keywords, or else the words of its phrasings few entries use.

        With no keyword of its own, such a word names it ("Wie ist das WLAN-Passwort in der Kita?").
        """
        if entry in places:
            return places[entry]
        return [(at, word, word) for at, word in enumerate(words) if word in self._naming_words[entry]]

    def _keyword_places(self, words: list[str]) -> dict[int, list[tuple[int, str, str]]]:
        """Where in the (folded, corrected) words each entry's keywords stand: (place, keyword, word said)."""
        places: dict[int, list[tuple[int, str, str]]] = {}
        for at, word in enumerate(words):
            for index in self._single_keyword_entries(word):
                keyword = word if word in self._single_keywords else self._keyword_typos.get(word) or word
                places.setdefault(index, []).append((at, keyword, word))
        folded = " ".join(words)
        for index, _, pattern, keyword in self._phrase_keywords:
            found = pattern.search(folded)
            if found is not None:
                at = folded[: found.start()].count(" ") + (1 if found.group().startswith(" ") else 0)
                places.setdefault(index, []).append((at, keyword, keyword))
        return places

    def decide(self, candidates: Sequence[Candidate], threshold: float, margin: float) -> MatchResult:
        """Answer if the best candidate is good enough and clearly ahead; else suggest or fall back."""
        if not candidates:
            return MatchResult(Outcome.FALLBACK, ())
        best = candidates[0]
        runner_up = candidates[1].score if len(candidates) > 1 else 0.0
        if best.score >= threshold and best.score - runner_up >= margin:
            # Named in passing: what may be asked comes first, the place where it is asked last.
            asked = sorted((c for c in candidates if c.asked_about), key=lambda c: -c.score)
            if asked:
                return MatchResult(Outcome.SUGGEST, (*asked[: self.settings.max_suggestions - 1], best))
            if best.unknown_asked:
                # Its answer would not say: "I don't know", with the entry as a button.
                return MatchResult(Outcome.SUGGEST, (best,), unknown_asked=True)
            return MatchResult(Outcome.ANSWER, (best,))
        settings = self.settings
        if best.score >= settings.suggest_threshold:
            close = [
                c
                for c in candidates
                if c.score >= settings.suggest_threshold and best.score - c.score <= SUGGESTION_SPREAD
            ]
            buttons = close[: settings.max_suggestions]
            # The admins named that word for that entry: if the member used it, the
            # entry gets a button, in place of the weakest one.
            named = next((c for c in close[settings.max_suggestions :] if c.keyword), None)
            if named is not None and not any(c.keyword for c in buttons):
                buttons[-1] = named
            return MatchResult(Outcome.SUGGEST, tuple(buttons))
        return MatchResult(Outcome.FALLBACK, tuple(candidates[: settings.max_suggestions]))

    def _best_language(self, entry_index: int, phrase_scores: FloatArray) -> str | None:
        """The language of the best-matching phrasing; None if another language is as close.

        "Kita" or "Repair Café" read the same in German and English: then the text
        itself cannot tell, and the caller decides (member's hint, default language).
        """
        start = int(self._starts[entry_index])
        end = int(self._starts[entry_index + 1]) if entry_index + 1 < self._entry_count else len(phrase_scores)
        best_by_language: dict[str, float] = {}
        for offset, score in enumerate(phrase_scores[start:end]):
            language = self._phrase_language[start + offset]
            best_by_language[language] = max(best_by_language.get(language, 0.0), float(score))
        ranked = sorted(best_by_language.items(), key=lambda item: -item[1])
        if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < LANGUAGE_TIE:
            return None
        return ranked[0][0]
