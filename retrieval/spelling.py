"""Spelling correction against the corpus vocabulary, without comparing every word to it.

The rule is the one `rapidfuzz.process.extractOne(word, vocabulary, scorer=fuzz.ratio,
score_cutoff=80)` followed by the engine's checks made: the corpus word with the highest
ratio (ties: the earlier in vocabulary order) is the correction if it has the word's first
letter and its length within one (typos rarely hit the first letter; requiring it keeps
"reset" from "present"); otherwise there is none. fuzz.ratio is
100 · (1 − indel / (|a| + |b|)), indel = |a| + |b| − 2 · LCS(a, b), so every comparison
here is on integers: ratio ≥ 80 ⇔ 5 · indel ≤ |a| + |b|.

Finding that word without scoring the whole vocabulary:

1. The candidates that could be the correction share the first letter and are within one
   of the length: one slice of the words sorted by (first letter, length).
2. The best of them stands only if no other word scores higher (or as high and earlier):
   only words of a length window can, and of those only the ones whose letters allow it.
   The letters a word has (one bit each, in 32 bins) and how many of each bound indel
   from below, for many words at once with numpy: indel ≥ |bag difference| ≥ |set
   difference|. Only the few words left are scored, by a bit-parallel LCS.

The vocabulary (folded word → how the corpus spells it most often, in order of frequency)
is what costs; retrieval/cache.py keeps it with a large corpus's index.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from corpus.load import Corpus
from retrieval.text import fold

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# A letter's bin: its code point modulo 32 (a-z get a bin each).
_BINS = 32

IntArray = npt.NDArray[np.int32]


def spelling_texts(corpus: Corpus) -> Iterator[str]:
    """The texts whose words the corrector knows: passages, section titles (once per
    section path), and the jurisdictions' aliases."""
    yield from (entry.text for entry in corpus.entries)
    yield from (" ".join(path) for path in dict.fromkeys(e.section_path for e in corpus.entries))
    for terms in corpus.lexicon.jurisdictions.values():
        yield from terms.aliases
        yield from terms.case_sensitive


def vocabulary(texts: Iterable[str]) -> tuple[list[str], list[str]]:
    """(folded words, how the corpus spells each most often), most frequent first; ties in
    order of first appearance."""
    # A word never spans white space, so each distinct chunk is matched once.
    chunks: Counter[str] = Counter()
    for text in texts:
        chunks.update(text.split())
    spelled: Counter[str] = Counter()
    for chunk, count in chunks.items():
        for surface in _WORD.findall(chunk):
            spelled[surface] += count
    best: dict[str, str] = {}
    for surface, _ in spelled.most_common():
        best.setdefault(fold(surface).removesuffix("'s"), surface)
    return list(best), list(best.values())


def _lcs(a: str, b: str) -> int:
    """The length of the longest common subsequence (Allison-Dix, bit-parallel)."""
    masks: dict[str, int] = {}
    for i, ch in enumerate(a):
        masks[ch] = masks.get(ch, 0) | 1 << i
    full = (1 << len(a)) - 1
    row = full
    for ch in b:
        match = masks.get(ch)
        if match:
            low = row & match
            row = (row + low) | (row - low)
    return len(a) - (row & full).bit_count()


class Speller:
    """The corpus vocabulary and a corrector over it."""

    def __init__(self, words: Sequence[str], spellings: Sequence[str]) -> None:
        """`words` folded, in vocabulary order; `spellings[i]` is how the corpus spells
        `words[i]`."""
        self.words = tuple(words)
        self.spellings = tuple(spellings)
        self._known = dict.fromkeys(self.words)
        count = len(self.words)
        lengths = np.fromiter(map(len, self.words), dtype=np.int64, count=count)
        codes = np.frombuffer("".join(self.words).encode("utf-32-le"), dtype=np.uint32)
        owner = np.repeat(np.arange(count, dtype=np.int64), lengths)
        tally = np.bincount(owner * _BINS + codes % _BINS, minlength=count * _BINS)
        # Capped counts still bound indel from below: |min(a, c) - min(b, c)| ≤ |a - b|.
        counts = np.minimum(tally, 255).astype(np.uint8).reshape(count, _BINS)
        bits = (counts > 0) * (np.uint32(1) << np.arange(_BINS, dtype=np.uint32))
        letters = np.bitwise_or.reduce(bits, axis=1).astype(np.uint32)
        initials = codes[np.cumsum(lengths) - lengths] if count else codes[:0]
        # Rows by (length, vocabulary order): a length window is a slice.
        order = np.lexsort((np.arange(count), lengths)).astype(np.int32)
        self._rank = order
        self._lengths = lengths[order]
        self._letters = letters[order]
        self._counts = counts[order].astype(np.int16)
        self._length_at = np.searchsorted(
            self._lengths, np.arange(self._lengths.max(initial=0) + 2)
        )
        # Rows by (first letter, length, vocabulary order): the same-letter candidates.
        keys = initials[order].astype(np.int64) << 32 | self._lengths
        by_initial = np.lexsort((np.arange(count), keys)).astype(np.int32)
        self._initial_rows = by_initial
        self._initial_keys = keys[by_initial]

    def __contains__(self, word: str) -> bool:
        return word in self._known

    def correct(self, word: str) -> str | None:
        """How the corpus spells the correction of `word` (folded), or None."""
        size = len(word)
        bins = [ord(ch) % _BINS for ch in word]
        bag = np.bincount(bins, minlength=_BINS).astype(np.int16)
        letters = np.uint32(sum(1 << b for b in set(bins)))
        first = ord(word[0]) << 32
        lo, hi = np.searchsorted(self._initial_keys, (first | max(size - 1, 0), first | size + 2))
        best = self._best(word, bag, letters, self._initial_rows[lo:hi], None)
        if best is None:
            return None
        indel, total, rank = best
        # A word of length n can score as high only if |size - n| ≤ indel·(size + n)/total.
        shortest = -(-size * (total - indel) // (total + indel))
        longest = size * (total + indel) // (total - indel)
        at = self._length_at
        lo, hi = int(at[min(shortest, len(at) - 1)]), int(at[min(longest + 1, len(at) - 1)])
        rival = self._best(word, bag, letters, slice(lo, hi), best)
        return self.spellings[rank] if rival == best else None

    def _best(
        self,
        word: str,
        bag: npt.NDArray[np.int16],
        letters: np.uint32,
        rows: IntArray | slice,
        bar: tuple[int, int, int] | None,
    ) -> tuple[int, int, int] | None:
        """(indel, total length, vocabulary rank) of the best-scoring word of `rows` with
        ratio ≥ 80, or as good as `bar` (which it returns when nothing beats it)."""
        size = len(word)
        lengths = self._lengths[rows]
        total = lengths + size
        # Lower bounds of indel, the cheaper first; a row stays while its bound could still
        # reach ratio ≥ 80 and beat or tie `bar` (which is ≥ 80 itself).
        bound = np.maximum(np.abs(lengths - size), np.bitwise_count(self._letters[rows] ^ letters))
        keep = _within(bound, total, bar)
        found = np.flatnonzero(keep) + rows.start if isinstance(rows, slice) else rows[keep]
        if not len(found):
            return bar
        total = total[keep]
        keep = _within(np.abs(self._counts[found] - bag).sum(axis=1), total, bar)
        best = bar
        for row, length in zip(found[keep].tolist(), total[keep].tolist(), strict=True):
            rank = int(self._rank[row])
            indel = length - 2 * _lcs(word, self.words[rank])
            if 5 * indel > length:
                continue
            if best is None or (indel * best[1], rank) < (best[0] * length, best[2]):
                best = (indel, length, rank)
        return best

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Speller:
        return cls(*vocabulary(texts))


def _within(
    bound: npt.NDArray[Any], total: npt.NDArray[Any], bar: tuple[int, int, int] | None
) -> npt.NDArray[np.bool_]:
    """Where an indel of `bound` out of `total` scores ≥ 80, or ≥ `bar`'s score (≥ 80)."""
    if bar is None:
        return 5 * bound <= total
    return bound * bar[1] <= bar[0] * total
