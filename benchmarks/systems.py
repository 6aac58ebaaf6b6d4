"""The retrieval systems compared, behind the interface `Engine` uses of its index.

- naive: rank-bm25's `BM25Plus.get_scores` over every passage, then a full sort; the
  reference of the parity check, since it scores with rank-bm25 itself.
- bm25s: the `bm25s` library's BM25+ (same k1, b, delta, idf) as an outside anchor.
- ours: `retrieval.index.Bm25Index`.

The baselines answer `idf` and `constant`, and tell which query terms each hit holds, from
their own data, so that the same `Engine` code runs on each, and only retrieval differs.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt
from rank_bm25 import BM25Plus

from retrieval.index import DELTA, K1, B, Hit, _text_term_ids

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


class NaiveIndex:
    """rank-bm25 as documented: score every passage, sort them all."""

    def __init__(self, docs: Sequence[Sequence[str]]) -> None:
        self.model = BM25Plus([list(d) for d in docs], k1=K1, b=B, delta=DELTA)
        self.size = len(docs)

    def idf(self, term: str) -> float | None:
        value = self.model.idf.get(term)
        return None if value is None else float(value)

    def constant(self, query: Sequence[str]) -> float:
        return float(sum(self.model.idf.get(t, 0.0) for t in query) * self.model.delta)

    def _holds(self, query: Sequence[str], doc: int) -> frozenset[str]:
        return frozenset(t for t in query if t in self.model.doc_freqs[doc])

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
        return [Hit(int(d), float(base + values[d]), self._holds(query, d)) for d in order]


class Bm25sIndex:
    """bm25s's BM25+ (numpy backend) over our tokens.

    Like with like: the passages are tokenized to term ids by our own tokenizer, the work
    `Bm25Index.from_texts` does too (`tokenize_s`), and `build_s` is bm25s's `index` alone.
    Turning those ids into the lists bm25s takes, and the document frequencies `Engine`
    asks for through `idf`, are adapter work, timed apart (`adapter_s`) and left out.

    bm25s 0.3 stores each posting's score less idf·delta and, at query time, adds idf·delta
    of every query term to every passage (its non-occurrence array): rank-bm25's BM25Plus,
    in float32. That added part is `constant(query)`; `top` takes it off before applying the
    boost to the rest and keeps the passages with something left, as `Engine` expects.
    """

    def __init__(self, texts: Iterable[str]) -> None:
        import bm25s  # type: ignore[import-untyped]

        start = time.perf_counter()
        tokens, terms = _text_term_ids(texts)
        tokens.flush()
        tokenized = time.perf_counter()
        ids: list[list[int]] = []
        df = np.zeros(len(terms), dtype=np.int64)
        for block, lengths in tokens.blocks:
            flat = block.tolist()
            ends = np.cumsum(lengths).tolist()
            sizes = lengths.tolist()
            ids.extend(flat[end - size : end] for end, size in zip(ends, sizes, strict=True))
            doc = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
            pairs = np.unique(doc * len(terms) + block)
            df += np.bincount(pairs % len(terms), minlength=len(terms))
        self.vocab = {t: i for i, t in enumerate(terms)}
        adapted = time.perf_counter()
        self.retriever = bm25s.BM25(method="bm25+", k1=K1, b=B, delta=DELTA)
        self.retriever.index((ids, self.vocab), show_progress=False)
        built = time.perf_counter()
        self.size = len(ids)
        self._ids = ids
        self._idf = {
            t: math.log((self.size + 1) / n) for t, n in zip(terms, df.tolist(), strict=True)
        }
        self.timings = {
            "tokenize_s": tokenized - start,
            "build_s": built - adapted,
            "adapter_s": (adapted - tokenized) + (time.perf_counter() - built),
        }

    def idf(self, term: str) -> float | None:
        return self._idf.get(term)

    def constant(self, query: Sequence[str]) -> float:
        known = [self.vocab[t] for t in query if t in self.vocab]
        return float(self.retriever.nonoccurrence_array[known].sum()) if known else 0.0

    def _holds(self, query: Sequence[str], doc: int) -> frozenset[str]:
        held = set(self._ids[doc])
        return frozenset(t for t in query if self.vocab.get(t) in held)

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
        constant = self.constant(query)
        scores = self.retriever.get_scores(known) - constant
        if allowed is not None:
            scores = scores * allowed
        if boost is not None:
            scores = scores * boost
        values, docs = topk(scores, k=min(k, self.size), backend="numpy", sorted=True)
        return [
            Hit(int(d), constant + float(s), self._holds(query, int(d)))
            for s, d in zip(values, docs, strict=True)
            if s > 0
        ]
