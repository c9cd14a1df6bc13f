"""Word meanings for the default matcher: a static table, no model at run time.

The lexical signals (bot/matcher.py) see only shared letters and words. They cannot
know that "my smartphone is broken" and "phone repair" are about the same thing. The
optional sentence encoder (bot/semantic.py) knows, but it costs ~100 MB and a few
milliseconds per question. This module keeps part of what it knows about single words,
at a fraction of the cost: `bot/data/meanings.npz` holds a 64-number vector for each of
58,000 lower-case word pieces (German, English and other Latin-script pieces),
distilled from that encoder by `scripts/distill_meanings.py` (the model2vec recipe).

Text is lower-cased first, so "Kita", "kita" and "KITA" mean the same. A text's vector
is the mean of its pieces' vectors. The pieces come from the encoder's own unigram
vocabulary, cut by the same Viterbi search sentencepiece uses, so "regenschirm"
becomes "▁regen" + "schirm" and unknown words still land on their parts. A word's
vector is remembered, so a question costs a few dictionary lookups and one small sum
once its words have been seen, and ~25–35 µs more per new word; ~15 MB of memory. It
knows translations best ("lost" ~ "verloren"), synonyms less well.
"""

from __future__ import annotations

import math
import unicodedata
from array import array
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from bot.tfidf import FloatArray

TABLE = Path(__file__).parent / "data" / "meanings.npz"
WORD_START = "▁"
# A character no piece covers (punctuation, emoji, other scripts) is skipped at this
# cost, so the search prefers any real piece.
UNKNOWN_CHARACTER_COST = 20.0
# Members' questions are short; this caps the work a 100 KB paste can cause.
MAX_CHARS = 500
MAX_WORD_CHARS = 40
# Remembered words; bounded so a flood of random words cannot grow it.
MAX_CACHED_WORDS = 50_000


class StaticMeanings:
    """Turns texts into unit-length meaning vectors by averaging word-piece vectors."""

    def __init__(self, table: Path = TABLE) -> None:
        with np.load(table, allow_pickle=False) as data:
            pieces = data["pieces"].tobytes().decode("utf-8").split("\n")
            # array("d"): 8 bytes a score, and indexing yields plain floats (fast in the search)
            self._scores = array("d", data["scores"].astype(np.float64).tobytes())
            # int8 rows with one scale each: 5 MB instead of 20 MB as floats.
            self._vectors = data["vectors"]
            self._scale = data["scale"].astype(np.float32)
        self._index = {piece: index for index, piece in enumerate(pieces)}
        self._piece_names = pieces
        self._longest = max(map(len, pieces))
        self.dimensions = int(self._vectors.shape[1])
        # A word's summed piece vectors, remembered: members' words repeat, so most
        # questions are a few dictionary lookups.
        self._words: dict[str, NDArray[np.float32]] = {}
        self._zero = np.zeros(self.dimensions, dtype=np.float32)

    def pieces(self, word: str) -> list[str]:
        """The pieces of one word, as text (for tests and for seeing what the table reads)."""
        return [self._piece_names[i] for i in self.piece_ids(word.lower())]

    def piece_ids(self, word: str) -> list[int]:
        """The most probable cut of one word into known pieces (unigram Viterbi)."""
        line = WORD_START + word
        length = len(line)
        best = [0.0] + [-math.inf] * length
        back: list[tuple[int, int]] = [(0, -1)] * (length + 1)
        index, scores = self._index, self._scores
        for start in range(length):
            base = best[start]
            for end in range(start + 1, min(length, start + self._longest) + 1):
                found = index.get(line[start:end])
                if found is not None and base + scores[found] > best[end]:
                    best[end] = base + scores[found]
                    back[end] = (start, found)
            if base - UNKNOWN_CHARACTER_COST > best[start + 1]:
                best[start + 1] = base - UNKNOWN_CHARACTER_COST
                back[start + 1] = (start, -1)
        ids: list[int] = []
        position = length
        while position > 0:
            position, piece = back[position]
            if piece >= 0:
                ids.append(piece)
        ids.reverse()
        return ids

    def _word(self, word: str) -> NDArray[np.float32]:
        """The sum of the word's piece vectors (zero if no piece is known), remembered."""
        found = self._words.get(word)
        if found is None:
            ids = self.piece_ids(word[:MAX_WORD_CHARS])
            found = self._scale[ids] @ self._vectors[ids] if ids else self._zero
            if len(self._words) < MAX_CACHED_WORDS:
                self._words[word] = found
        return found

    def encode(self, texts: Sequence[str]) -> FloatArray:
        """One unit-length row per text; a text without known pieces gets a zero row."""
        out = np.zeros((len(texts), self.dimensions))
        for row, text in enumerate(texts):
            # The direction of the sum is the direction of the mean: no need to count pieces.
            total = np.zeros(self.dimensions)
            for word in unicodedata.normalize("NFKC", text[:MAX_CHARS]).lower().split():
                total += self._word(word)
            norm = float(np.linalg.norm(total))
            if norm > 0:
                out[row] = total / norm
        return out


def vocabulary(min_length: int = 5) -> frozenset[str]:
    """The table's alphabetic pieces of `min_length`+ letters, as words: 38,565 of 5+.

    Most are real words in German, English and other languages ("allerdings",
    "additional"); some are word parts ("chmerzen"). Used to check that rule terms
    do not take everyday words for their typos (`kiezbot check`, tests).
    """
    with np.load(TABLE, allow_pickle=False) as data:
        pieces = data["pieces"].tobytes().decode("utf-8").split("\n")
    words = (piece.lstrip(WORD_START) for piece in pieces)
    return frozenset(word for word in words if len(word) >= min_length and word.isalpha())


@cache
def shared_meanings() -> StaticMeanings:
    """One table per process: every reload of the FAQ uses the same one."""
    return StaticMeanings()
