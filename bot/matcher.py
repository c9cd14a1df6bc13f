"""Finds the FAQ entry a member means: answer, suggest, or admit it does not know.

Plain fuzzy string matching picks the right entry for only a fraction of real
questions (see docs/benchmarks.md), so the score blends several signals, each cheap:

* character n-gram TF-IDF: robust to typos, compounds and inflection;
* word TF-IDF over stemmed content words (Snowball), after rapidfuzz has corrected
  misspelt words to the knowledge base's own vocabulary;
* both against the single best phrasing *and* against the entry's centroid, so an
  entry with many phrasings is recognised by what they share;
* the admins' keywords, found typo-tolerantly with rapidfuzz.

The index is built once per (re)load; a query is a couple of sparse products. The
decision uses two thresholds plus a margin: a best entry that barely leads its
runner-up is offered as a suggestion instead of being answered wrongly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

import numpy as np
import snowballstemmer
from rapidfuzz import fuzz, process
from scipy import sparse

from bot.config import MatcherSettings
from bot.knowledge import Entry, KnowledgeBase
from bot.text import FILLER_WORDS, clean, fold, tokens
from bot.tfidf import FloatArray, TfidfIndex, char_ngrams

# How much each signal counts; chosen on ../shared/eval/clinc150-10/validation.tsv and
# our own paraphrase set, never on test questions (docs/benchmarks.md).
WEIGHT_CHAR_BEST = 0.40
WEIGHT_WORD_BEST = 0.25
WEIGHT_CHAR_CENTROID = 0.20
WEIGHT_WORD_CENTROID = 0.15
KEYWORD_BONUS = 0.20
# A misspelt word is corrected to a knowledge-base word at least this similar (0-100).
SPELLING_CUTOFF = 82.0
# Suggestions must be this close to the best score to be worth a button.
SUGGESTION_SPREAD = 0.20
MIN_CORRECTABLE_LENGTH = 4
# Corrections are remembered per index; bounded so a flood of random words cannot grow it.
MAX_CACHED_CORRECTIONS = 50_000

_STEMMERS = {
    "de": snowballstemmer.stemmer("german"),
    "en": snowballstemmer.stemmer("english"),
}


class Outcome(StrEnum):
    ANSWER = "answer"
    SUGGEST = "suggest"
    FALLBACK = "fallback"


@dataclass(frozen=True, slots=True)
class Candidate:
    entry: Entry
    score: float
    language: str


@dataclass(frozen=True, slots=True)
class MatchResult:
    outcome: Outcome
    candidates: tuple[Candidate, ...]

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


def _content(words: list[str]) -> list[str]:
    kept = [w for w in words if w not in FILLER_WORDS]
    return kept or words


class Matcher:
    """An immutable index over one knowledge base; build a new one on reload."""

    def __init__(
        self,
        knowledge: KnowledgeBase,
        settings: MatcherSettings,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        self.knowledge = knowledge
        self.settings = settings
        self._today = today
        self._phrase_entry: list[int] = []
        self._phrase_language: list[str] = []
        char_docs: list[list[str]] = []
        word_docs: list[list[str]] = []
        vocabulary: set[str] = set()
        for index, entry in enumerate(knowledge.entries):
            for language, questions in entry.questions.items():
                for question in questions:
                    words = _content(tokens(question))
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
        self._corrections: dict[str, str] = {}
        self._single_keywords: dict[str, set[int]] = {}
        for index, keyword in self._keywords:
            if " " not in keyword:
                self._single_keywords.setdefault(keyword, set()).add(index)
        self._keyword_list = sorted(self._single_keywords)
        self._entry_count = len(knowledge.entries)
        owner = np.asarray(self._phrase_entry, dtype=np.int64)
        self._char = TfidfIndex(char_docs)
        self._word = TfidfIndex(word_docs)
        char_centroids = TfidfIndex(char_docs, groups=self._phrase_entry)
        word_centroids = TfidfIndex(word_docs, groups=self._phrase_entry)
        # Weighted side by side, each score is one product with [char query | word query].
        self._phrase_matrix = sparse.hstack(
            [WEIGHT_CHAR_BEST * self._char.matrix, WEIGHT_WORD_BEST * self._word.matrix], format="csr"
        )
        self._centroid_matrix = sparse.hstack(
            [WEIGHT_CHAR_CENTROID * char_centroids.matrix, WEIGHT_WORD_CENTROID * word_centroids.matrix], format="csr"
        )
        # Phrasings are stored entry by entry, so each entry owns one contiguous run.
        self._starts = np.searchsorted(owner, np.arange(self._entry_count))

    def _correct(self, words: list[str]) -> list[str]:
        """Replace words the knowledge base never uses by its closest word, if close."""
        corrected = []
        for word in words:
            if word in self._vocabulary_set or len(word) < MIN_CORRECTABLE_LENGTH or word.isdigit():
                corrected.append(word)
                continue
            if word not in self._corrections:
                found = process.extractOne(word, self._vocabulary, scorer=fuzz.ratio, score_cutoff=SPELLING_CUTOFF)
                if len(self._corrections) < MAX_CACHED_CORRECTIONS:
                    self._corrections[word] = found[0] if found else word
                else:
                    corrected.append(found[0] if found else word)
                    continue
            corrected.append(self._corrections[word])
        return corrected

    def _keyword_hits(self, folded_query: str, words: list[str]) -> set[int]:
        hits: set[int] = set()
        padded = f" {folded_query} "
        for index, keyword in self._keywords:
            if " " in keyword and f" {keyword} " in padded:
                hits.add(index)
        for word in words:
            if word in self._single_keywords:
                hits |= self._single_keywords[word]
            elif len(word) >= MIN_CORRECTABLE_LENGTH + 1:
                found = process.extractOne(word, self._keyword_list, scorer=fuzz.ratio, score_cutoff=SPELLING_CUTOFF)
                if found:
                    hits |= self._single_keywords[found[0]]
        return hits

    def scores(self, text: str) -> tuple[FloatArray, FloatArray]:
        """Score every entry (0..1) and return (entry scores, per-phrasing scores)."""
        if self._entry_count == 0:
            return np.zeros(0), np.zeros(0)
        folded = fold(clean(text))
        words = _content(folded.split())
        corrected = self._correct(words)
        query = np.concatenate(
            [
                self._char.dense(self._char.vector(char_ngrams(words))),
                self._word.dense(self._word.vector(_stems(corrected, ("de", "en")))),
            ]
        )
        phrase_scores: FloatArray = self._phrase_matrix @ query
        entry_scores: FloatArray = np.maximum.reduceat(phrase_scores, self._starts) + self._centroid_matrix @ query
        for index in self._keyword_hits(folded, corrected):
            entry_scores[index] += KEYWORD_BONUS
        return np.minimum(entry_scores, 1.0), phrase_scores

    def match(self, text: str, today: dt.date | None = None) -> MatchResult:
        """Decide answer / suggest / fallback for one question."""
        entry_scores, phrase_scores = self.scores(text)
        if entry_scores.size == 0:
            return MatchResult(Outcome.FALLBACK, ())
        day = today or self._today()
        order = np.argsort(-entry_scores, kind="stable")
        candidates: list[Candidate] = []
        for index in order[: self.settings.max_suggestions + 4]:
            entry = self.knowledge.entries[int(index)]
            if not entry.is_valid_on(day):
                continue
            candidates.append(
                Candidate(entry, float(entry_scores[index]), self._best_language(int(index), phrase_scores))
            )
            if len(candidates) > self.settings.max_suggestions:
                break
        if not candidates:
            return MatchResult(Outcome.FALLBACK, ())
        best = candidates[0]
        runner_up = candidates[1].score if len(candidates) > 1 else 0.0
        settings = self.settings
        if best.score >= settings.answer_threshold and best.score - runner_up >= settings.answer_margin:
            return MatchResult(Outcome.ANSWER, (best,))
        if best.score >= settings.suggest_threshold:
            close = [
                c
                for c in candidates[: settings.max_suggestions]
                if c.score >= settings.suggest_threshold and best.score - c.score <= SUGGESTION_SPREAD
            ]
            return MatchResult(Outcome.SUGGEST, tuple(close))
        return MatchResult(Outcome.FALLBACK, tuple(candidates[: settings.max_suggestions]))

    def _best_language(self, entry_index: int, phrase_scores: FloatArray) -> str:
        start = int(self._starts[entry_index])
        end = int(self._starts[entry_index + 1]) if entry_index + 1 < self._entry_count else len(phrase_scores)
        return self._phrase_language[start + int(np.argmax(phrase_scores[start:end]))]
