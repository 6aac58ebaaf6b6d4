"""BM25 ranking: rank-bm25's BM25Plus as the definition, answered from per-term postings.

Why BM25Plus (k1=1.2, b=0.5, delta=0.5): rank-bm25's BM25Okapi gives an IDF of zero, or a
floor of epsilon × mean IDF, to any term in half the passages or more (rank_bm25 issues #39,
#43). In a corpus of tens of passages that silences "open", "source" and "model", exactly
the words people ask with. BM25Plus's IDF, log((N + 1) / df), stays positive. BM25L is out:
rank-bm25 0.2.2 multiplies by tf twice there. k1, b and delta were chosen on
tests/eval/questions.yaml (`python -m bot eval`): a lower b stops the one-line analysis
points from winning every question on length alone.

Equivalence with rank-bm25. BM25Plus scores a passage d for a query q as

    Σ_{t ∈ q} idf(t) · (delta + tf(t, d)·(k1 + 1) / (k1·(1 − b + b·|d|/avgdl) + tf(t, d)))

Split each term's contribution into idf(t)·delta, which every passage gets (tf = 0 included),
and the rest, which is zero unless t occurs in d. The first part is the same constant for
all passages, so the ranking is decided by the second part alone. We precompute it once per
(term, passage) pair from rank-bm25's own idf, doc_freqs and doc_len, so a query sums only
its terms' postings instead of looping over every passage. `score` adds the constant back,
so the numbers shown are rank-bm25's own. Ties are broken by passage order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from rank_bm25 import BM25Plus

K1 = 1.2
B = 0.5
DELTA = 0.5

IntArray = npt.NDArray[np.int32]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Hit:
    """A ranked passage: its position in the indexed order and its BM25Plus score."""

    doc: int
    score: float


class Bm25Index:
    """Postings over a tokenized corpus; `top` ranks like BM25Plus.get_scores, faster."""

    def __init__(
        self, docs: Sequence[Sequence[str]], k1: float = K1, b: float = B, delta: float = DELTA
    ) -> None:
        self.model = BM25Plus([list(d) for d in docs], k1=k1, b=b, delta=delta)
        self.size = len(docs)
        self.postings = self._postings()

    def _postings(self) -> dict[str, tuple[IntArray, FloatArray]]:
        m = self.model
        norm = m.k1 * (1 - m.b + m.b * np.asarray(m.doc_len, dtype=np.float64) / m.avgdl)
        grouped: dict[str, tuple[list[int], list[int]]] = {}
        for doc, freqs in enumerate(m.doc_freqs):
            for term, tf in freqs.items():
                ids, tfs = grouped.setdefault(term, ([], []))
                ids.append(doc)
                tfs.append(tf)
        postings = {}
        for term, (ids, tfs) in grouped.items():
            doc_ids = np.asarray(ids, dtype=np.int32)
            tf = np.asarray(tfs, dtype=np.float64)
            postings[term] = (doc_ids, m.idf[term] * tf * (m.k1 + 1) / (norm[doc_ids] + tf))
        return postings

    def idf(self, term: str) -> float | None:
        value = self.model.idf.get(term)
        return None if value is None else float(value)

    def constant(self, query: Sequence[str]) -> float:
        """The part of every passage's score that does not depend on the passage."""
        return float(sum(self.model.idf.get(t, 0.0) for t in query) * self.model.delta)

    def sparse(self, query: Sequence[str]) -> tuple[IntArray, FloatArray]:
        """Passages that contain a query term, and their scores less `constant(query)`."""
        found = [self.postings[t] for t in query if t in self.postings]
        if not found:
            return np.empty(0, dtype=np.int32), np.empty(0, dtype=np.float64)
        if len(found) == 1:
            return found[0]
        ids = np.concatenate([f[0] for f in found])
        values = np.concatenate([f[1] for f in found])
        unique, inverse = np.unique(ids, return_inverse=True)
        return unique.astype(np.int32), np.bincount(inverse, weights=values)

    def top(
        self,
        query: Sequence[str],
        k: int,
        boost: FloatArray | None = None,
        allowed: npt.NDArray[np.bool_] | None = None,
    ) -> list[Hit]:
        """The k best passages that contain a query term, best first, ties by passage order.

        `boost` multiplies each passage's query-dependent part (jurisdiction boost);
        `allowed` keeps only the passages where it is true.
        """
        ids, values = self.sparse(query)
        if allowed is not None:
            keep = allowed[ids]
            ids, values = ids[keep], values[keep]
        if boost is not None:
            values = values * boost[ids]
        if len(ids) > k:
            # Select the k best among the non-zero scores only, then order those.
            cut = np.argpartition(-values, k - 1)[:k]
            threshold = values[cut].min()
            chosen = np.flatnonzero(values >= threshold)
            ids, values = ids[chosen], values[chosen]
        order = np.lexsort((ids, -values))[:k]
        constant = self.constant(query)
        return [Hit(int(ids[i]), float(values[i]) + constant) for i in order]

    def terms_of(self, doc: int) -> dict[str, int]:
        """Term frequencies of one passage."""
        freqs: dict[str, int] = self.model.doc_freqs[doc]
        return freqs
