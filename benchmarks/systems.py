"""The retrieval systems compared, behind the interface `Engine` uses of its index.

- naive: rank-bm25's `BM25Plus.get_scores` over every passage, then a full sort; this is
  also the reference of the parity check (`reference_top`).
- bm25s: the `bm25s` library's BM25+ (same k1, b, delta) as an outside anchor; its BM25+
  gives delta only to passages that contain a term, so its ranking differs slightly.
- ours: `retrieval.index.Bm25Index`.

The baselines answer `idf`, `constant`, `term_id` and `term_ids_of` from their own data,
so that the same `Engine` code runs on each, and only retrieval differs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from rank_bm25 import BM25Plus

from retrieval.index import DELTA, K1, B, Hit

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


class NaiveIndex:
    """rank-bm25 as documented: score every passage, sort them all."""

    def __init__(self, docs: Sequence[Sequence[str]]) -> None:
        self.model = BM25Plus([list(d) for d in docs], k1=K1, b=B, delta=DELTA)
        self.size = len(docs)
        self._ids = {t: i for i, t in enumerate(self.model.idf)}

    def idf(self, term: str) -> float | None:
        value = self.model.idf.get(term)
        return None if value is None else float(value)

    def constant(self, query: Sequence[str]) -> float:
        return float(sum(self.model.idf.get(t, 0.0) for t in query) * self.model.delta)

    def term_id(self, term: str) -> int | None:
        return self._ids.get(term)

    def term_ids_of(self, doc: int) -> set[int]:
        return {self._ids[t] for t in self.model.doc_freqs[doc]}

    def _no_match(self, query: Sequence[str]) -> float:
        # rank-bm25's own score of a passage without any query term, bit for bit.
        score = 0.0
        for term in query:
            score += (self.model.idf.get(term) or 0) * (self.model.delta + 0.0)
        return score

    def top(
        self,
        query: Sequence[str],
        k: int,
        boost: FloatArray | None = None,
        allowed: BoolArray | None = None,
    ) -> list[Hit]:
        scores = self.model.get_scores(list(query))
        base = self._no_match(query)
        values = scores - base
        keep = scores > base
        if allowed is not None:
            keep &= allowed
        if boost is not None:
            values = values * boost
        order = np.lexsort((np.arange(self.size), -values))
        order = order[keep[order]][:k]
        return [Hit(int(d), float(base + values[d])) for d in order]


def reference_top(model: Any, query: Sequence[str], k: int) -> list[tuple[int, float]]:
    """rank-bm25's top k among the passages containing a query term, ties by order."""
    scores = model.get_scores(list(query))
    terms = set(query)
    matched = [d for d, freqs in enumerate(model.doc_freqs) if not terms.isdisjoint(freqs)]
    matched.sort(key=lambda d: (-scores[d], d))
    return [(d, float(scores[d])) for d in matched[:k]]


class Bm25sIndex:
    """bm25s's BM25+ (numpy backend) over the same tokens."""

    def __init__(self, docs: Sequence[Sequence[str]]) -> None:
        import bm25s  # type: ignore[import-untyped]

        vocab: dict[str, int] = {}
        ids = [[vocab.setdefault(t, len(vocab)) for t in d] for d in docs]
        self.retriever = bm25s.BM25(method="bm25+", k1=K1, b=B, delta=DELTA)
        self.retriever.index((ids, vocab), show_progress=False)
        self.vocab = vocab
        self.docs = docs
        self.size = len(docs)
        df: Counter[str] = Counter()
        for d in docs:
            df.update(set(d))
        self._idf = {t: float(np.log((self.size + 1) / n)) for t, n in df.items()}

    def idf(self, term: str) -> float | None:
        return self._idf.get(term)

    def constant(self, query: Sequence[str]) -> float:
        return 0.0

    def term_id(self, term: str) -> int | None:
        return self.vocab.get(term)

    def term_ids_of(self, doc: int) -> set[int]:
        return {self.vocab[t] for t in self.docs[doc]}

    def top(
        self,
        query: Sequence[str],
        k: int,
        boost: FloatArray | None = None,
        allowed: BoolArray | None = None,
    ) -> list[Hit]:
        from bm25s.selection import topk  # type: ignore[import-untyped]

        known = [self.vocab[t] for t in query if t in self.vocab]
        if not known:
            return []
        scores = self.retriever.get_scores(known)
        if allowed is not None:
            scores = scores * allowed
        if boost is not None:
            scores = scores * boost
        values, docs = topk(scores, k=min(k, self.size), backend="numpy", sorted=True)
        return [Hit(int(d), float(s)) for s, d in zip(values, docs, strict=True) if s > 0]
