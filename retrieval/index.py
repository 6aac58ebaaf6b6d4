"""BM25 ranking: rank-bm25's BM25Plus as the definition, answered from per-term postings.

Why BM25Plus (k1=1.2, b=0.5, delta=0.5): rank-bm25's BM25Okapi gives an IDF of zero, or a
floor of epsilon × mean IDF, to any term in half the passages or more (rank_bm25 issues #39,
#43). In a corpus of tens of passages that silences "open", "source" and "model", exactly
the words people ask with. BM25Plus's IDF, log((N + 1) / df), stays positive. BM25L is out:
rank-bm25 0.2.2 multiplies by tf twice there. k1, b and delta were chosen on the
regression set (retrieval/evalsets/regression.yaml) over k1 ∈ {0.9, 1.2, 1.5, 2.0},
b ∈ {0.3, 0.5, 0.75}, delta ∈ {0.5, 1.0}: hit@1 ranged 0.915-0.936 on the 56 questions of
the time. k1 = 1.2, b = 0.5 is in the best group; b = 0.75 with k1 ≤ 1.2 dropped hit@3 to
0.979, because full length normalisation lets the one-line analysis points outrank the
policy paragraphs that answer. delta made no difference there, so it stays small.

Equivalence with rank-bm25. `BM25Plus(docs, k1, b, delta).get_scores(q)[d]` is

    Σ_{t ∈ q} idf(t) · (delta + tf(t, d)·(k1 + 1) / (k1·(1 − b + b·|d|/avgdl) + tf(t, d)))

summed in query order, a repeated query term counting each time, an unknown term adding 0;
idf(t) = log((N + 1) / df(t)) and avgdl = (Σ |d|) / N. Split each term's contribution into
idf(t)·delta, which every passage gets (tf = 0 included), and the rest, which is zero unless
t occurs in d. The first part, `constant(q)`, is the same for all passages, so the ranking
is decided by the second part alone, and among the passages that contain no query term
the order is passage order. So:

1. The build computes, with numpy over integer term ids, the same N, |d|, df, avgdl and
   idf (with `math.log`, as rank-bm25 does) and, per term, the sorted passages containing
   it with tf and the query-dependent part of the score (the postings).
2. A query adds up only its terms' postings (merged when they are few, else with one
   `np.bincount` over all passages) and keeps, of the passages with a non-zero sum, those
   within 1e-6 (relative) of the k-th best, plus ties: the float32 rounding of these sums
   differs from rank-bm25's by far less. Nothing is sorted whole: the k-th best of a
   sample (a lower bound) cuts the list before `np.partition` finds the k-th best.
3. Those few candidates are re-scored with rank-bm25's own expression, the same numpy
   operations in the same order, so every score shown is bit for bit what `get_scores`
   returns; they are ordered by score, ties by passage order. Re-scoring reads each query
   term's frequency in each of them, so a hit also tells which query terms it holds.

tests/test_index.py checks this against a real `rank_bm25.BM25Plus` on random corpora and
queries, and `python -m benchmarks` on every benchmark question.

rank-bm25 builds a dict per passage in Python; at 100,000 passages that alone takes
seconds and hundreds of megabytes, so the statistics are built here instead
(`Bm25Index.from_texts` also tokenizes, fast), and the arrays can be cached on disk
(retrieval/cache.py).
"""

from __future__ import annotations

import math
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain, compress
from typing import Any, NamedTuple, cast

import numpy as np
import numpy.typing as npt

from retrieval.text import scan

K1 = 1.2
B = 0.5
DELTA = 0.5
# Bump when the arrays or what they mean change: cached indexes of other versions are rebuilt.
INDEX_VERSION = 1
# Candidates within this relative distance of the k-th best are re-scored exactly: far more
# than float32 rounding of the postings (6e-8 relative) could move a sum.
_TOLERANCE = 1e-6
# Postings are merged when fewer than size / _MERGE, else summed in a pass over all passages.
_MERGE = 16
# Long candidate lists are first cut at the k-th best of a sample of this many.
_SAMPLE = 1024
# The largest value of this many read-only boost arrays is remembered.
_BOOSTS_KEPT = 32
# The build works in blocks: of postings (_BLOCK) and of about _FLUSH tokens of passages.
_BLOCK = 1 << 18
_FLUSH = 1 << 16

IntArray = npt.NDArray[np.int32]
CountArray = npt.NDArray[np.uint16] | npt.NDArray[np.int32]
LongArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


class Hit(NamedTuple):
    """A ranked passage: its position in the indexed order, its BM25Plus score, and the
    query terms it holds (re-scoring reads them, so ranking signals need not again).

    A NamedTuple, like `retrieval.text.Token`: a dozen are made for every question, and a
    tuple costs a third of a frozen dataclass's __init__."""

    doc: int
    score: float
    holds: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Arrays:
    """Everything an index is: what the build computes and the cache stores."""

    terms: tuple[str, ...]  # term id → term, in order of first occurrence
    doc_len: IntArray  # |d| per passage
    term_ptr: LongArray  # postings of term t: [term_ptr[t], term_ptr[t + 1])
    post_doc: IntArray  # passage of each posting, ascending within a term
    post_tf: CountArray  # tf of the term in that passage (uint16 unless a tf is larger)
    doc_ptr: LongArray  # terms of passage d: [doc_ptr[d], doc_ptr[d + 1])
    doc_term: IntArray  # term id, ascending within a passage
    doc_tf: CountArray


class Bm25Index:
    """Postings over a tokenized corpus; `top` ranks exactly like BM25Plus.get_scores."""

    def __init__(
        self, docs: Iterable[Sequence[str]], k1: float = K1, b: float = B, delta: float = DELTA
    ) -> None:
        """The index of tokenized passages (`docs` is read once: a generator will do)."""
        self._setup(build_arrays(*_term_ids(docs)), k1, b, delta)
        _return_freed_memory(self.arrays)

    @classmethod
    def from_texts(
        cls, texts: Iterable[str], k1: float = K1, b: float = B, delta: float = DELTA
    ) -> Bm25Index:
        """`Bm25Index([retrieval.text.tokenize(t) for t in texts])`, built several times faster.

        tokenize(a) + tokenize(b) == tokenize(a + " " + b), so a passage indexed with its
        section titles is `titles + " " + text`.
        """
        index = cls.from_arrays(build_arrays(*_text_term_ids(texts)), k1, b, delta)
        _return_freed_memory(index.arrays)
        return index

    @classmethod
    def from_arrays(
        cls, arrays: Arrays, k1: float = K1, b: float = B, delta: float = DELTA
    ) -> Bm25Index:
        """An index over arrays built earlier (`index.arrays`), e.g. read from a cache."""
        index = cls.__new__(cls)
        index._setup(arrays, k1, b, delta)
        return index

    def _setup(self, arrays: Arrays, k1: float, b: float, delta: float) -> None:
        self.arrays = arrays
        self.k1, self.b, self.delta = k1, b, delta
        self.size = len(arrays.doc_len)
        self._terms = arrays.terms
        self._ids = {t: i for i, t in enumerate(arrays.terms)}
        self._ptr: list[int] = arrays.term_ptr.tolist()
        self._largest: dict[int, tuple[FloatArray, float]] = {}
        df = np.diff(arrays.term_ptr).tolist()
        # rank-bm25's own expression, term by term: the same float for every idf.
        self._idf: list[float] = [math.log((self.size + 1) / n) for n in df]
        total = int(arrays.doc_len.sum(dtype=np.int64))
        self.avgdl = total / self.size if self.size else 0.0
        dl = arrays.doc_len.astype(np.int64)
        # rank-bm25's length normalisation of each passage, the same float it computes.
        self._norm: FloatArray = np.zeros(self.size)
        if len(arrays.post_doc):  # else the average length may be 0
            self._norm = cast(FloatArray, k1 * (1 - b + b * dl / self.avgdl))
        norm = self._norm
        # The query-dependent part of each posting's score, up to rounding (float32: the
        # candidates it selects are re-scored exactly). In blocks, to bound temporaries.
        self._part: npt.NDArray[np.float32] = np.empty(len(arrays.post_doc), dtype=np.float32)
        if len(arrays.post_doc):
            idf = np.asarray(self._idf, dtype=np.float64)
            for lo in range(0, len(self._part), _BLOCK):
                hi = min(lo + _BLOCK, len(self._part))
                term = np.searchsorted(arrays.term_ptr, np.arange(lo, hi), side="right") - 1
                tf = arrays.post_tf[lo:hi].astype(np.float64)
                self._part[lo:hi] = idf[term] * (
                    tf * (k1 + 1) / (norm[arrays.post_doc[lo:hi]] + tf)
                )

    # --- what Engine reads ------------------------------------------------------------

    def idf(self, term: str) -> float | None:
        i = self._ids.get(term)
        return None if i is None else self._idf[i]

    def constant(self, query: Sequence[str]) -> float:
        """The part of every passage's score that does not depend on the passage."""
        return float(
            sum(self._idf[i] for t in query if (i := self._ids.get(t)) is not None) * self.delta
        )

    def docs_of(self, term: str) -> list[int]:
        """The passages that hold `term`, ascending (none for a term the index lacks)."""
        i = self._ids.get(term)
        if i is None:
            return []
        docs: list[int] = self.arrays.post_doc[self._ptr[i] : self._ptr[i + 1]].tolist()
        return docs

    def terms_of(self, doc: int) -> dict[str, int]:
        """Term frequencies of one passage."""
        a = self.arrays
        lo, hi = int(a.doc_ptr[doc]), int(a.doc_ptr[doc + 1])
        terms = map(self._terms.__getitem__, a.doc_term[lo:hi].tolist())
        return dict(zip(terms, a.doc_tf[lo:hi].tolist(), strict=True))

    def __len__(self) -> int:
        return self.size

    # --- ranking ----------------------------------------------------------------------

    def top(
        self,
        query: Sequence[str],
        k: int,
        boost: FloatArray | None = None,
        allowed: BoolArray | None = None,
    ) -> list[Hit]:
        """The k best passages that contain a query term, best first, ties by passage order.

        Scores are rank-bm25's `get_scores(query)`. `boost` (> 0 per passage) multiplies
        each passage's query-dependent part (the jurisdiction boost); `allowed` keeps only
        the passages where it is true.
        """
        found = [i for t in query if (i := self._ids.get(t)) is not None]
        if k <= 0 or not found:
            return []
        idf = sum(self._idf[i] for i in found)
        constant = idf * self.delta  # `self.constant(query)`
        # Rounding makes our sums differ from rank-bm25's by far less than this.
        bound = constant + idf * (self.k1 + 1)
        tolerance = _TOLERANCE * bound * (1.0 if boost is None else max(1.0, self._most(boost)))
        ids, values = self._candidates(found, k, tolerance, boost, allowed)
        ids = _best(ids, values, k, tolerance)
        scores, tf = self._exact(found, ids)
        if boost is not None:
            factor = boost[ids]
            scores = np.where(factor == 1.0, scores, constant + factor * (scores - constant))
        order = np.lexsort((ids, -scores))[:k]
        terms = [self._terms[i] for i in found]
        # Hits mostly hold one of a few sets of terms: each set is made once.
        sets: dict[tuple[bool, ...], frozenset[str]] = {}
        hits = []
        for doc, score, row in zip(
            ids[order].tolist(),
            scores[order].tolist(),
            map(tuple, (tf[:, order] > 0).T.tolist()),
            strict=True,
        ):
            held = sets.get(row)
            if held is None:
                held = sets[row] = frozenset(compress(terms, row))
            hits.append(Hit(doc, score, held))
        return hits

    def _most(self, boost: FloatArray) -> float:
        """`boost.max()`, remembered for a read-only array (taken to stay as it is): callers
        reuse a few (Engine, one per set of jurisdictions), and finding the largest reads
        every passage's value."""
        if boost.flags.writeable:
            return float(boost.max())
        known = self._largest.get(id(boost))
        if known is None or known[0] is not boost:  # kept alive, so its id is not reused
            if len(self._largest) >= _BOOSTS_KEPT:
                self._largest.clear()
            known = self._largest[id(boost)] = (boost, float(boost.max()))
        return known[1]

    def _candidates(
        self,
        found: list[int],
        k: int,
        tolerance: float,
        boost: FloatArray | None,
        allowed: BoolArray | None,
    ) -> tuple[IntArray, npt.NDArray[np.floating[Any]]]:
        """Passages with a query term (and allowed), ascending, with their (boosted) sums of
        postings: all of them, or at least every one within `tolerance` of the k-th best."""
        a, ptr = self.arrays, self._ptr
        spans = sorted(
            ((ptr[i], ptr[i + 1]) for i in found),
            key=lambda span: span[1] - span[0],
        )
        if len(spans) == 1 and boost is None and allowed is None:
            lo, hi = spans[0]  # one term: its postings are the sums, one per passage
            return a.post_doc[lo:hi], self._part[lo:hi]
        if sum(hi - lo for lo, hi in spans) * _MERGE < self.size:
            return self._merged(spans, boost, allowed)
        return self._summed(spans, k, tolerance, boost, allowed)

    def _merged(
        self, spans: list[tuple[int, int]], boost: FloatArray | None, allowed: BoolArray | None
    ) -> tuple[IntArray, FloatArray]:
        """Few postings: merging them (sorted runs, so a stable sort is a merge) costs less
        than a pass over every passage."""
        a = self.arrays
        docs = np.concatenate([a.post_doc[lo:hi] for lo, hi in spans])
        order = np.argsort(docs, kind="stable")
        docs = docs[order]
        starts = np.flatnonzero(np.diff(docs, prepend=-1))
        ids = docs[starts]
        parts = np.concatenate([self._part[lo:hi] for lo, hi in spans], dtype=np.float64)
        values = np.add.reduceat(parts[order], starts)
        if allowed is not None:
            np.multiply(values, allowed[ids], out=values)
        if boost is not None:
            np.multiply(values, boost[ids], out=values)
        keep = values > 0
        return ids[keep], values[keep]

    def _summed(
        self,
        spans: list[tuple[int, int]],
        k: int,
        tolerance: float,
        boost: FloatArray | None,
        allowed: BoolArray | None,
    ) -> tuple[IntArray, FloatArray]:
        """Many postings: one sum per passage, then a cut near the k-th best."""
        a = self.arrays
        # Concatenated straight into the types np.bincount works in, which would otherwise
        # copy both arrays once more.
        docs = np.concatenate([a.post_doc[lo:hi] for lo, hi in spans], dtype=np.intp)
        parts = np.concatenate([self._part[lo:hi] for lo, hi in spans], dtype=np.float64)
        sums = cast(FloatArray, np.bincount(docs, weights=parts, minlength=self.size))
        if allowed is not None:
            np.multiply(sums, allowed, out=sums)
        if boost is not None:
            np.multiply(sums, boost, out=sums)
        # A lower bound of the k-th best sum: the k-th best of (a sample of) the passages
        # of the rarest term with k of them; the best passages usually contain it.
        floor = 0.0
        for lo, hi in spans:
            if hi - lo >= k:
                step = max(1, (hi - lo) // max(_SAMPLE, 2 * k))
                floor = _kth(sums[a.post_doc[lo:hi:step]], k)
                break
        if floor - tolerance > 0:
            ids = np.flatnonzero(sums >= floor - tolerance)
        else:
            ids = np.flatnonzero(sums > 0)
        return ids.astype(np.int32), sums[ids]

    def _exact(self, found: list[int], docs: IntArray) -> tuple[FloatArray, CountArray]:
        """rank-bm25's `get_scores(query)[docs]`, its expression evaluated for `docs` only,
        from the ids of the query's known terms (`found`, in query order: rank-bm25 adds
        0 · (…) = 0.0 for an unknown one); and the term frequencies it read, a row per term
        of `found`, a column per passage."""
        a, ptr = self.arrays, self._ptr
        k1, delta = self.k1, self.delta
        if not found:
            return np.zeros(len(docs)), np.zeros((0, len(docs)), dtype=a.post_tf.dtype)
        # Where each passage is, or would be, in each query term's postings (a row per term).
        at = np.array([a.post_doc[ptr[i] : ptr[i + 1]].searchsorted(docs) for i in found])
        first = np.array([ptr[i] for i in found])[:, np.newaxis]
        last = np.array([ptr[i + 1] - 1 for i in found])[:, np.newaxis]
        where = np.minimum(at + first, last)
        q_freq = np.where(a.post_doc[where] == docs, a.post_tf[where], 0)
        norm = self._norm[docs]
        idf = np.array([self._idf[i] for i in found])[:, np.newaxis]
        terms = idf * (delta + (q_freq * (k1 + 1)) / (norm + q_freq))
        # Summed term by term in query order, as rank-bm25's `score +=` does.
        return cast(FloatArray, np.add.accumulate(terms, axis=0)[-1]), q_freq


def _kth(values: npt.NDArray[np.floating[Any]], k: int) -> float:
    """The k-th largest of `values` (k ≤ len(values))."""
    return float(np.partition(values, len(values) - k)[len(values) - k])


def _best(
    ids: IntArray, values: npt.NDArray[np.floating[Any]], k: int, tolerance: float
) -> IntArray:
    """The ids whose value is within `tolerance` of the k-th best, in their order."""
    if len(values) <= k:
        return ids
    if len(values) > 8 * max(k, _SAMPLE):
        # np.partition is slow on long arrays: first cut at the k-th best of a sample,
        # which is at most the k-th best of all.
        sample = values[:: len(values) // (2 * max(k, _SAMPLE))]
        keep = values >= _kth(sample, k) - tolerance
        ids, values = ids[keep], values[keep]
    return ids[values >= _kth(values, k) - tolerance]


# --- building ---------------------------------------------------------------------------


def _return_freed_memory(arrays: Arrays) -> None:
    """Give the OS back what a large build freed: glibc keeps freed heap memory for reuse,
    and the build's numpy temporaries leave some 30 MB of it at 100k passages, on top of
    which the process's later peaks would stack. Best effort, glibc only."""
    if len(arrays.post_doc) < 1 << 20 or not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        pass


class _TokenIds:
    """Term ids of passages, one after another, in blocks of whole passages.

    A block is int32 ids and each passage's length: half the memory of a list of ints,
    and no single long copy that would hold the GIL (an index built in a thread must not
    stall an event loop).
    """

    def __init__(self) -> None:
        self.blocks: list[tuple[IntArray, LongArray]] = []
        self.pending: list[int] = []
        self.lengths: list[int] = []

    def add(self, ids: Iterable[int]) -> None:
        before = len(self.pending)
        self.pending.extend(ids)
        self.lengths.append(len(self.pending) - before)
        if len(self.pending) >= _FLUSH:
            self.flush()

    def add_many(self, ids: Iterable[int], count: int) -> None:
        """`count` passages' ids, each passage's ended by -1."""
        self.flush()
        block = np.fromiter(ids, dtype=np.int32)
        ends = np.flatnonzero(block == -1)
        if len(ends) != count:
            raise ValueError(f"expected {count} passages, got {len(ends)}")
        self.blocks.append((block[block != -1], np.diff(ends, prepend=-1) - 1))

    def flush(self) -> None:
        if self.lengths:
            lengths = np.array(self.lengths, dtype=np.int64)
            self.blocks.append((np.array(self.pending, dtype=np.int32), lengths))
            self.pending.clear()
            self.lengths.clear()


def _term_ids(docs: Iterable[Sequence[str]]) -> tuple[_TokenIds, tuple[str, ...]]:
    """Token ids of tokenized passages, and the terms (id → term)."""
    ids: defaultdict[str, int] = defaultdict()
    ids.default_factory = ids.__len__  # a new term gets the next id
    tokens = _TokenIds()
    for doc in docs:
        tokens.add(map(ids.__getitem__, doc))
    return tokens, tuple(ids)


def build_arrays(tokens: _TokenIds, terms: tuple[str, ...]) -> Arrays:
    """Postings and per-passage term counts from token ids, with numpy.

    Block by block: no temporary is much larger than a block, so memory stays close to
    the result's, and no numpy call holds the GIL for long.
    """
    tokens.flush()
    v = max(len(terms), 1)
    doc_len = np.concatenate([lengths for _, lengths in tokens.blocks] or [np.zeros(0, np.int64)])
    n, total = len(doc_len), int(doc_len.sum())
    # 1. Each passage's distinct terms, ascending, and their counts: in a block, sort the
    # keys passage · v + term; a run of equal keys is one term's occurrences in a passage.
    doc_term = np.empty(total, dtype=np.int32)  # at most a pair per token
    doc_tf = np.empty(total, dtype=np.int32)
    per_doc = np.empty(n, dtype=np.int64)
    pairs = first = 0
    while tokens.blocks:
        ids, lengths = tokens.blocks.pop(0)
        count = len(lengths)
        key = np.repeat(np.arange(count, dtype=np.int64) * v, lengths)
        key += ids
        key.sort()
        starts = np.flatnonzero(np.diff(key, prepend=-1))
        found = len(starts)
        doc_tf[pairs : pairs + found] = np.diff(starts, append=len(key))
        key = key[starts]
        per_doc[first : first + count] = np.bincount(key // v, minlength=count)
        doc_term[pairs : pairs + found] = key % v
        pairs, first = pairs + found, first + count
    doc_term = doc_term[:pairs].copy()
    # Term frequencies fit 16 bits but in freak passages: half the memory, same numbers.
    tf: CountArray = doc_tf[:pairs]
    if tf.max(initial=0) <= 0xFFFF:
        tf = tf.astype(np.uint16)
    del doc_tf
    doc_ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(per_doc, out=doc_ptr[1:])
    term_ptr = np.zeros(len(terms) + 1, dtype=np.int64)
    np.cumsum(np.bincount(doc_term, minlength=len(terms)), out=term_ptr[1:])
    # 2. Term-major postings: a counting sort of the pairs by term, in chunks. Chunks go in
    # passage order and are sorted stably, so each term's passages stay ascending.
    post_doc = np.empty(pairs, dtype=np.int32)
    post_tf = np.empty(pairs, dtype=tf.dtype)
    slot = term_ptr[:-1].copy()  # where each term's next posting goes
    for lo in range(0, pairs, _BLOCK):
        hi = min(lo + _BLOCK, pairs)
        chunk = doc_term[lo:hi]
        # A radix sort when term ids fit 16 bits.
        order = np.argsort(chunk.astype(np.uint16) if v <= 1 << 16 else chunk, kind="stable")
        sorted_terms = chunk[order]
        runs = np.flatnonzero(np.diff(sorted_terms, prepend=-1))
        sizes = np.diff(runs, append=hi - lo)
        where = slot[sorted_terms] + (np.arange(hi - lo) - np.repeat(runs, sizes))
        docs = np.searchsorted(doc_ptr, np.arange(lo, hi), side="right") - 1
        post_doc[where] = docs[order]
        post_tf[where] = tf[lo:hi][order]
        slot[sorted_terms[runs]] += sizes
    return Arrays(
        terms=terms,
        doc_len=doc_len.astype(np.int32),
        term_ptr=term_ptr,
        post_doc=post_doc,
        post_tf=post_tf,
        doc_ptr=doc_ptr,
        doc_term=doc_term,
        doc_tf=tf,
    )


# --- tokenizing many passages -----------------------------------------------------------

# Characters that can be part of a token of `retrieval.text` (letters, digits, the dot of
# "U.S." and "4.6", inner apostrophes); every other character separates tokens. NUL is
# kept: it marks where one passage ends in a batch of them.
_ASCII_TOKEN_CHARS = frozenset(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.'\0"
)
_ASCII_SPACES = bytes(c if c in _ASCII_TOKEN_CHARS else 32 for c in range(256))
_SEPARATORS = re.compile(r"(?:[^\w.'’ʼ]|_)+")
_END = b"\0"
_BATCH = 2048


class _Chunks(dict[str | bytes, tuple[int, ...]]):
    """Chunk of text → its term ids, each chunk tokenized once by `retrieval.text.scan`."""

    def __init__(self) -> None:
        super().__init__({_END: (-1,)})
        self.ids: defaultdict[str, int] = defaultdict()
        self.ids.default_factory = self.ids.__len__

    def __missing__(self, chunk: str | bytes) -> tuple[int, ...]:
        word = chunk.decode("ascii") if isinstance(chunk, bytes) else chunk
        found = self[chunk] = tuple(self.ids[t.term] for t in scan(word))
        return found


def _text_term_ids(texts: Iterable[str]) -> tuple[_TokenIds, tuple[str, ...]]:
    """`_term_ids(tokenize(t) for t in texts)`, without making a list of terms per text.

    No token spans a character that cannot be in one (white space, most punctuation), so a
    text is cut there into chunks, and each distinct chunk is tokenized once, by
    `retrieval.text.scan` itself, and remembered as term ids: a corpus has far fewer
    distinct chunks than words. ASCII texts are cut in batches, joined by a NUL chunk,
    with `bytes.translate`; others one by one with a regex.
    """
    chunks = _Chunks()
    of = chunks.__getitem__
    tokens = _TokenIds()
    batch: list[bytes] = []

    def cut_batch() -> None:
        if batch:
            joined = b" \0 ".join(batch).translate(_ASCII_SPACES) + b" \0"
            tokens.add_many(chain.from_iterable(map(of, joined.split())), len(batch))
            batch.clear()

    for text in texts:
        if text.isascii() and "\0" not in text:
            batch.append(text.encode("ascii"))
            if len(batch) == _BATCH:
                cut_batch()
        else:
            cut_batch()
            tokens.add(chain.from_iterable(map(of, filter(None, _SEPARATORS.split(text)))))
    cut_batch()
    return tokens, tuple(chunks.ids)


def tokenize_many(texts: Iterable[str]) -> list[list[str]]:
    """`[retrieval.text.tokenize(t) for t in texts]`, several times faster on many texts."""
    tokens, terms = _text_term_ids(texts)
    tokens.flush()
    out: list[list[str]] = []
    for ids, lengths in tokens.blocks:
        flat, at = ids.tolist(), 0
        for size in lengths.tolist():
            out.append([terms[i] for i in flat[at : at + size]])
            at += size
    return out
