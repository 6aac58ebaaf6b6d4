"""BM25 over single sentences: a passage is as good as its best sentence, so a question that
one sentence answers is not outweighed by a longer passage that repeats its words."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from corpus.load import Corpus
from retrieval.index import Bm25Index, FloatArray
from retrieval.text import sentences


class SentenceBm25:
    """Every sentence of a corpus indexed alone, and the passage each belongs to."""

    def __init__(self, corpus: Corpus) -> None:
        texts: list[str] = []
        owners: list[int] = []
        for doc, entry in enumerate(corpus.entries):
            for start, end in sentences(entry.text):
                texts.append(entry.text[start:end])
                owners.append(doc)
        self._index = Bm25Index.from_texts(texts)
        self._owners: npt.NDArray[np.intp] = np.asarray(owners, dtype=np.intp)
        self._size = len(corpus.entries)

    def by_passage(self, terms: Sequence[str]) -> FloatArray:
        """Per passage, the BM25 score of its best sentence for `terms` (0: none matches)."""
        best = np.zeros(self._size)
        hits = self._index.top(terms, len(self._index))
        if hits:
            rows = np.fromiter((h.doc for h in hits), np.intp, len(hits))
            scores = np.fromiter((h.score for h in hits), np.float64, len(hits))
            np.maximum.at(best, self._owners[rows], scores)
        return best
