"""Meaning, not words: every sentence and passage question of a corpus embedded once, and
how close a question comes to each passage."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from corpus.load import Corpus
from retrieval.asking import questions_in
from retrieval.embedding import DIM, Embedder, FloatMatrix
from retrieval.text import sentence_holding, sentences

# Messages about other things (the gym's free weights, a llama at the zoo, a ChatGPT
# subscription): a question closer to them than to the corpus is about that
# (retrieval/decide.py).
ELSEWHERE = Path(__file__).parent / "data" / "elsewhere.txt"
NEAREST_ELSEWHERE = 3


@dataclass(frozen=True)
class Closeness:
    """For one question: per passage, the best cosine of any of its sentences or questions;
    per sentence, the best of the sentence itself and the questions tied to it."""

    by_passage: npt.NDArray[np.float32]
    by_row: npt.NDArray[np.float32]
    rows: tuple[range, ...]  # the rows of each passage
    sentence_of: npt.NDArray[np.intp]  # row → the sentence of its passage it stands for
    elsewhere: float = -1.0  # the closeness of the messages about other things

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
    """The embeddings of a corpus's sentences and passage questions, by passage, and of the
    messages about other things (`elsewhere`, one row each)."""

    def __init__(
        self,
        layout: Layout,
        matrix: FloatMatrix,
        embedder: Embedder,
        elsewhere: FloatMatrix | None = None,
    ) -> None:
        if matrix.shape != (len(layout.owners), DIM):
            raise ValueError(f"{len(layout.owners)} rows expected, got shape {matrix.shape}")
        self.layout = layout
        self.matrix = matrix
        self.embedder = embedder
        self.elsewhere = np.zeros((0, DIM), np.float32) if elsewhere is None else elsewhere
        # Rows are in passage order: each passage's run of them starts where its number would.
        starts = np.searchsorted(layout.owners, np.arange(layout.passages + 1)).tolist()
        self._rows = tuple(map(range, starts[:-1], starts[1:]))
        self._sims = lru_cache(maxsize=8)(self._similarities)

    def _similarities(self, question: str) -> tuple[npt.NDArray[np.float32], float]:
        # A message's context ("need it for my essay") dilutes the meaning of its question
        # (an average of its words): each row counts the closer of the two.
        asking = questions_in(question)
        vectors = self.embedder.embed([question] if asking is None else [question, asking]).T
        sims: npt.NDArray[np.float32] = (self.matrix @ vectors).max(axis=1)
        sims.flags.writeable = False  # shared by every Closeness of this question
        return sims, self._elsewhere(vectors)

    def _elsewhere(self, vectors: FloatMatrix) -> float:
        """The mean closeness of the `NEAREST_ELSEWHERE` messages about other things closest
        to any of `vectors` (one message alone may share a stray word: "AGAIN")."""
        if len(self.elsewhere) < NEAREST_ELSEWHERE:
            return -1.0
        sims = (self.elsewhere @ vectors).max(axis=1)
        return float(np.partition(sims, -NEAREST_ELSEWHERE)[-NEAREST_ELSEWHERE:].mean())

    def closeness(self, question: str) -> Closeness:
        """The question's closeness to every passage (a comparison asks once per
        jurisdiction; the question is embedded once)."""
        sims, elsewhere = self._sims(question)
        best = np.full(self.layout.passages, -1.0, dtype=np.float32)
        np.maximum.at(best, self.layout.owners, sims)
        return Closeness(best, sims, self._rows, self.layout.sentence_of, elsewhere)


class Layout(NamedTuple):
    """What each row of a corpus's embedding matrix stands for."""

    passages: int
    owners: npt.NDArray[np.intp]  # row → its passage, in passage order
    sentence_of: npt.NDArray[np.intp]  # row → the sentence of its passage it stands for


def layout_of(corpus: Corpus) -> tuple[list[str], Layout]:
    """The texts to embed, passage by passage (its sentences, then its questions), and what
    each stands for."""
    texts: list[str] = []
    owners: list[int] = []
    tied: list[int] = []
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
    layout = Layout(
        len(corpus.entries), np.asarray(owners, dtype=np.intp), np.asarray(tied, dtype=np.intp)
    )
    return texts, layout


def elsewhere_texts(path: Path = ELSEWHERE) -> list[str]:
    """The messages about other things, one a line ('#' starts a comment line)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]
