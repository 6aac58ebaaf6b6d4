"""Meaning, not words: every sentence and passage question of a corpus embedded once, and
how close a question comes to each passage."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from corpus.load import Corpus
from retrieval.embedding import Embedder, EmbeddingUnavailable
from retrieval.text import sentence_holding, sentences

# Every sentence is embedded and kept in memory (256 float32s each): beyond this many
# passages the matrix would cost more memory than the whole index, so ranking stays lexical.
EMBED_UP_TO = 5_000


@dataclass(frozen=True)
class Closeness:
    """For one question: per passage, the best cosine of any of its sentences or questions;
    per sentence, the best of the sentence itself and the questions tied to it."""

    by_passage: npt.NDArray[np.float32]
    by_row: npt.NDArray[np.float32]
    rows: tuple[range, ...]  # the rows of each passage
    sentence_of: npt.NDArray[np.intp]  # row → the sentence of its passage it stands for

    def by_sentence(self, doc: int) -> dict[int, float]:
        """Sentence index → its closeness to the question, for one passage."""
        found: dict[int, float] = {}
        for row in self.rows[doc]:
            sentence = int(self.sentence_of[row])
            found[sentence] = max(found.get(sentence, -1.0), float(self.by_row[row]))
        return found

    @property
    def best(self) -> float:
        return float(self.by_passage.max()) if len(self.by_passage) else 0.0


class SemanticIndex:
    """The embeddings of a corpus's sentences and passage questions, by passage."""

    def __init__(self, corpus: Corpus, embedder: Embedder) -> None:
        texts: list[str] = []
        owners: list[int] = []
        tied: list[int] = []
        rows: list[range] = []
        for doc, entry in enumerate(corpus.entries):
            first = len(texts)
            spans = sentences(entry.text)
            for i, (start, end) in enumerate(spans):
                texts.append(entry.text[start:end])
                tied.append(i)
            for question in entry.questions:
                texts.append(question.q)
                tied.append(sentence_holding(spans, entry.text, question.answer))
            owners.extend([doc] * (len(texts) - first))
            rows.append(range(first, len(texts)))
        self._embedder = embedder
        self._matrix = embedder.embed(texts)
        self._owners = np.asarray(owners, dtype=np.intp)
        self._sentence_of = np.asarray(tied, dtype=np.intp)
        self._rows = tuple(rows)
        self._size = len(corpus.entries)
        self._sims = lru_cache(maxsize=8)(self._similarities)

    def _similarities(self, question: str) -> npt.NDArray[np.float32]:
        sims: npt.NDArray[np.float32] = self._matrix @ self._embedder.embed([question])[0]
        sims.flags.writeable = False  # shared by every Closeness of this question
        return sims

    @classmethod
    def of(cls, corpus: Corpus) -> SemanticIndex | None:
        """The index of `corpus`, or None when it is too large or the model is missing."""
        if len(corpus.entries) > EMBED_UP_TO:
            return None
        try:
            return cls(corpus, Embedder.load())
        except EmbeddingUnavailable:
            return None

    def closeness(self, question: str) -> Closeness:
        """The question's closeness to every passage: a fresh `by_passage` the caller may
        adjust (a comparison asks once per jurisdiction; the question is embedded once)."""
        sims = self._sims(question)
        best = np.full(self._size, -1.0, dtype=np.float32)
        np.maximum.at(best, self._owners, sims)
        return Closeness(best, sims, self._rows, self._sentence_of)
