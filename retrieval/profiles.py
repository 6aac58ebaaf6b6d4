"""Sentence profiles: each sentence and the passage questions tied to it, as one TF-IDF
vector, so that a question is matched against every way the corpus knows of asking what
that sentence answers, not only against the closest single one of them."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from corpus.load import Corpus
from retrieval.index import FloatArray
from retrieval.semantic import layout_of
from retrieval.text import stemmed, words


def features(text: str) -> list[str]:
    """The stemmed words of `text`, stopwords kept ("who", "why", "call" tell what is asked),
    and each pair of neighbouring ones."""
    return _features_of([text])[0]


def _features_of(texts: Sequence[str]) -> list[list[str]]:
    """`[features(t) for t in texts]`, stemmed in one call for all of them."""
    found = [words(text, keep_stopwords=True) for text in texts]
    terms = iter([token.term for token in stemmed([w for text in found for w in text])])
    featured = []
    for text in found:
        stems = [next(terms) for _ in text]
        featured.append(stems + [f"{a} {b}" for a, b in pairwise(stems)])
    return featured


def _unit(text: Iterable[str], idf: dict[str, float]) -> dict[str, float]:
    """The unit TF-IDF vector of a text's features (those the corpus never has drop)."""
    weights = {
        f: (1 + math.log(n)) * weight
        for f, n in Counter(text).items()
        if (weight := idf.get(f)) is not None
    }
    norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
    return {f: v / norm for f, v in weights.items()}


@dataclass(frozen=True)
class ProfileArrays:
    """Everything profiles are: what `SentenceProfiles.build` computes and a cache stores."""

    features: tuple[str, ...]  # feature id → feature
    idf: FloatArray  # per feature
    ptr: npt.NDArray[np.int64]  # the profile values of feature f: [ptr[f], ptr[f + 1])
    rows: npt.NDArray[np.int32]  # the sentence (row) of each value
    values: FloatArray
    owners: npt.NDArray[np.int32]  # per row, its passage, ascending
    passages: int


class SentenceProfiles:
    """Per sentence of a corpus (in passage order): the mean of the unit TF-IDF vectors
    (sublinear tf, smoothed idf) of the sentence and of its passage's questions tied to it,
    itself of unit length. A question's score for a sentence is its cosine with it."""

    def __init__(self, arrays: ProfileArrays) -> None:
        """Profiles made earlier (`build`, or a cache's copy of `profiles.arrays`)."""
        self.arrays = arrays
        self._owners: npt.NDArray[np.intp] = arrays.owners.astype(np.intp)
        self._size = arrays.passages
        self._ids = {feature: i for i, feature in enumerate(arrays.features)}
        self._idf = dict(zip(arrays.features, arrays.idf.tolist(), strict=True))
        self._ptr: list[int] = arrays.ptr.tolist()
        # A comparison ranks once per jurisdiction: the question is scored once.
        self.by_passage = lru_cache(maxsize=8)(self._by_passage)

    @classmethod
    def build(cls, corpus: Corpus) -> SentenceProfiles:
        """The profiles of every sentence of `corpus`."""
        # The texts the embeddings are made of: each passage's sentences, then its questions,
        # each tied to a sentence of its passage (every sentence is one of the texts).
        texts, layout = layout_of(corpus)
        per_passage = np.zeros(layout.passages, dtype=np.intp)
        np.maximum.at(per_passage, layout.owners, layout.sentence_of + 1)
        first = np.cumsum(per_passage) - per_passage
        row_of = (first[layout.owners] + layout.sentence_of).tolist()  # per text, its row
        owners = np.repeat(np.arange(layout.passages), per_passage)  # per row, its passage
        featured = _features_of(texts)
        df = Counter(f for text in featured for f in set(text))
        # scikit-learn's smoothed idf: as if one more text held every feature once.
        idf = {f: math.log((1 + len(texts)) / (1 + n)) + 1 for f, n in df.items()}
        centroids = [Counter[str]() for _ in owners]
        for text, row in zip(featured, row_of, strict=True):
            centroids[row].update(_unit(text, idf))
        # The profiles as sparse columns: feature id → its rows and values.
        ids = {feature: i for i, feature in enumerate(idf)}
        columns: list[int] = []
        rows: list[int] = []
        values: list[float] = []
        for row, centroid in enumerate(centroids):
            norm = math.sqrt(sum(v * v for v in centroid.values())) or 1.0
            for feature, value in centroid.items():
                columns.append(ids[feature])
                rows.append(row)
                values.append(value / norm)
        order = np.argsort(np.asarray(columns, dtype=np.int64), kind="stable")
        counts = np.bincount(np.asarray(columns, dtype=np.int64), minlength=len(ids))
        arrays = ProfileArrays(
            features=tuple(idf),
            idf=np.fromiter(idf.values(), np.float64, len(idf)),
            ptr=np.concatenate(([0], np.cumsum(counts))).astype(np.int64),
            rows=np.asarray(rows, dtype=np.int32)[order],
            values=np.asarray(values, dtype=np.float64)[order],
            owners=np.asarray(owners, dtype=np.int32),
            passages=len(corpus.entries),
        )
        return cls(arrays)

    def scores(self, question: str) -> FloatArray:
        """Per sentence, the question's cosine with its profile (0 when nothing is shared)."""
        found = np.zeros(len(self._owners))
        a = self.arrays
        for feature, value in _unit(features(question), self._idf).items():
            i = self._ids[feature]
            lo, hi = self._ptr[i], self._ptr[i + 1]
            found[a.rows[lo:hi]] += value * a.values[lo:hi]
        return found

    def _by_passage(self, question: str) -> FloatArray:
        """Per passage, the question's score for its best sentence (`by_passage`, which
        remembers recent questions: read-only, shared by every caller)."""
        best = np.zeros(self._size)
        np.maximum.at(best, self._owners, self.scores(question))
        best.flags.writeable = False
        return best
