"""Ranking signals behind one seam: each scores a candidate passage, a weight says how much.

BM25 finds the candidates; the signals then re-rank them. The score of a candidate is its
BM25 score times `BASE` plus the weighted sum of its signals, so a signal of 0 halves
nothing away and a passage that answers every part of the question beats one that repeats a
single word. A new signal is a function of the hit (its passage, and the query terms it
holds) plus its weight in `signals()`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from retrieval.index import Bm25Index, Hit
from retrieval.lexicon import Expansion
from retrieval.wordweights import rarity

# What a candidate keeps of its BM25 score with every signal at 0.
BASE = 0.5
# A term weighs its IDF (a word the corpus never uses: the largest IDF) times how rare it
# is in English: "marathon" sinks a question about training, "actually" or "require" do
# not, and an everyday word the review happens to use once ("final") proves little.

# A word at least this rare (see `rarity`) is a name rather than a word of everyday English.
RARE_NAME = 0.85

HitScore = Callable[[Hit], float]


@dataclass(frozen=True)
class Signal:
    """One reason to prefer a passage: `score(hit)` in [0, 1], counted `weight` times."""

    name: str
    weight: float
    score: HitScore


class Ranked(NamedTuple):
    """A candidate with its signals' values and its final score (a tuple, like `Hit`)."""

    hit: Hit
    values: dict[str, float]
    score: float


def combine(bm25: float, signals: Sequence[Signal], values: dict[str, float]) -> float:
    """The one scoring function: BM25 times `BASE` plus the weighted signals."""
    return bm25 * (BASE + sum(s.weight * values[s.name] for s in signals))


def rank(candidates: Sequence[Hit], signals: Sequence[Signal]) -> list[Ranked]:
    """`candidates` best first by `combine`, ties by passage order."""
    ranked = []
    for hit in candidates:
        values = {s.name: s.score(hit) for s in signals}
        ranked.append(Ranked(hit, values, combine(hit.score, signals, values)))
    ranked.sort(key=lambda r: (-r.score, r.hit.doc))
    return ranked


def _weighed(index: Bm25Index, expansion: Expansion) -> list[tuple[float, frozenset[str]]]:
    """Each concept of the question: its weight, and the terms that may stand for it."""
    unknown = float(np.log(index.size + 1))

    def weight(term: str) -> float:
        # A jurisdiction's name is the point of the question however common the word ("US").
        common = 1.0 if term in expansion.named else rarity(expansion.words.get(term, term))
        return (index.idf(term) or unknown) * common

    return [(weight(term), alternatives) for term, alternatives in expansion.concepts]


def coverage(index: Bm25Index, expansion: Expansion) -> HitScore:
    """For a question: hit → the share of the question's weight whose term (or a synonym of
    it) occurs in the passage. The hits are those of a search for `expansion.terms`, among
    which are all the alternatives, so what a passage holds of them is on the hit."""
    concepts = _weighed(index, expansion)
    total = sum(weight for weight, _ in concepts)
    # Hits mostly hold one of a few sets of terms: each set's share is summed once.
    shares: dict[frozenset[str], float] = {}

    def share(hit: Hit) -> float:
        if not total:
            return 0.0
        held = hit.holds
        found = shares.get(held)
        if found is None:
            weight = sum(w for w, terms in concepts if not terms.isdisjoint(held))
            found = shares[held] = weight / total
        return found

    return share


def unknown_share(index: Bm25Index, expansion: Expansion) -> float:
    """The share of the question's weight in words the corpus never uses (nor a synonym of
    them): "deadlift", "photoshop" and "roaming" make a question about something else."""
    concepts = _weighed(index, expansion)
    total = sum(weight for weight, _ in concepts)
    unknown = sum(w for w, terms in concepts if all(index.idf(t) is None for t in terms))
    return unknown / total if total else 0.0


def names_rare_word(index: Bm25Index, expansion: Expansion) -> bool:
    """Whether the question holds a word of the corpus that is rare in English, most often a
    name ("Palisade", "NTIA"), of which the static embeddings know little."""
    return any(
        index.idf(term) is not None
        and term not in expansion.named
        and rarity(expansion.words.get(term, term)) >= RARE_NAME
        for term, _ in expansion.concepts
    )


def signals(index: Bm25Index, expansion: Expansion) -> list[Signal]:
    """The signals a question's candidates are ranked by."""
    return [Signal("coverage", 1.0, coverage(index, expansion))]
