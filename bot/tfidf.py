"""A small TF-IDF index, built for one-question-at-a-time lookups.

scikit-learn's vectorizers would do the fitting, but they cost 60+ MB of imports and
about a millisecond of input validation per query; a member's question needs only a
few dictionary lookups and one sparse matrix-vector product (SciPy). The weighting is the usual one
(sublinear term frequency, smoothed IDF, L2-normalised rows), so scores are cosine
similarities between 0 and 1.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
from numpy.typing import NDArray
from scipy import sparse

FloatArray = NDArray[np.float64]


def char_ngrams(words: Iterable[str], low: int = 2, high: int = 4) -> list[str]:
    """Character n-grams inside word boundaries (like scikit-learn's ``char_wb``)."""
    grams: list[str] = []
    for word in words:
        padded = f" {word} "
        size = len(padded)
        for n in range(low, min(high, size) + 1):
            grams.extend(padded[i : i + n] for i in range(size - n + 1))
    return grams


class TfidfIndex:
    """Rows (documents) as TF-IDF vectors, stored feature-by-feature for fast queries."""

    def __init__(self, documents: Sequence[Sequence[str]], groups: Sequence[int] | None = None) -> None:
        """Index `documents` (each a list of features).

        With `groups` (one group number per document), the index holds one row per
        group instead: the normalised sum of its documents' vectors, i.e. a centroid.
        """
        doc_count = len(documents)
        document_frequency: Counter[str] = Counter()
        counted = [Counter(doc) for doc in documents]
        for counts in counted:
            document_frequency.update(counts.keys())
        self.vocabulary: dict[str, int] = {feature: i for i, feature in enumerate(sorted(document_frequency))}
        self.idf = np.array(
            [math.log((1 + doc_count) / (1 + document_frequency[f])) + 1.0 for f in sorted(document_frequency)]
        )
        rows = [self._weigh(counts) for counts in counted]
        if groups is not None:
            rows = _sum_rows(rows, groups)
        # Rows × features; a query is one sparse matrix-vector product against it.
        self.matrix = _to_csr(rows, len(self.vocabulary))

    def _weigh(self, counts: Counter[str]) -> dict[int, float]:
        ids, weights = self._weights(counts)
        return dict(zip(ids.tolist(), weights.tolist(), strict=True))

    def vector(self, features: Iterable[str]) -> tuple[NDArray[np.int64], FloatArray]:
        """The query's normalised TF-IDF weights as (feature ids, weights).

        Features the index never saw are dropped.
        """
        return self._weights(Counter(features))

    def ids(self, features: Iterable[str]) -> list[int]:
        """The ids of the known features (repeats kept, unknown ones dropped)."""
        lookup = self.vocabulary.get
        return [found for found in (lookup(f, -1) for f in features) if found >= 0]

    def vector_from_ids(self, ids: NDArray[np.int64]) -> tuple[NDArray[np.int64], FloatArray]:
        """Like `vector`, for features already looked up with `ids` (repeats counted)."""
        # Counted over the whole vocabulary: for a question's hundred-odd n-grams that is
        # a third of the time of a Counter, and the ids come out sorted, so the sums
        # downstream add up in the same order whatever the word order.
        counts = np.bincount(ids, minlength=len(self.vocabulary))
        found = np.flatnonzero(counts)
        return self._normalised(found, counts[found].astype(np.float64))

    def _weights(self, counts: Counter[str]) -> tuple[NDArray[np.int64], FloatArray]:
        lookup = self.vocabulary.get
        ids = np.fromiter((lookup(f, -1) for f in counts), dtype=np.int64, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        known = ids >= 0
        return self._normalised(ids[known], tf[known])

    def _normalised(self, ids: NDArray[np.int64], tf: FloatArray) -> tuple[NDArray[np.int64], FloatArray]:
        """Sublinear term frequency × IDF, scaled to unit length."""
        weights = (1.0 + np.log(tf)) * self.idf[ids]
        norm = float(np.sqrt(weights @ weights)) or 1.0
        return ids, weights / norm

    def dense(self, ids: NDArray[np.int64], weights: FloatArray) -> FloatArray:
        """A query vector as a dense array over this index's features."""
        dense = np.zeros(len(self.vocabulary))
        dense[ids] = weights
        return dense


def _sum_rows(rows: list[dict[int, float]], groups: Sequence[int]) -> list[dict[int, float]]:
    summed: list[dict[int, float]] = [{} for _ in range(max(groups, default=-1) + 1)]
    for row, group in zip(rows, groups, strict=True):
        target = summed[group]
        for feature, weight in row.items():
            target[feature] = target.get(feature, 0.0) + weight
    normalised = []
    for row in summed:
        norm = math.sqrt(sum(w * w for w in row.values())) or 1.0
        normalised.append({k: w / norm for k, w in row.items()})
    return normalised


def _to_csr(rows: list[dict[int, float]], feature_count: int) -> sparse.csr_array:
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(row) for row in rows])
    indices = np.fromiter((f for row in rows for f in row), dtype=np.int64, count=int(indptr[-1]))
    values = np.fromiter((w for row in rows for w in row.values()), dtype=np.float64, count=int(indptr[-1]))
    return sparse.csr_array((values, indices, indptr), shape=(len(rows), feature_count))
