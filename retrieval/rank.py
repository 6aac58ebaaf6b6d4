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
# A word the corpus never uses must be rarer still to count as a name ("mistral", "deepseek"):
# "churning" is merely uncommon.
OTHER_NAME = 0.95
# A message's context, outside the sentences that ask ("…? Please be honest with me, I'd
# rather know than lie awake guessing."), weighs this share: its words dilute what is
# asked. Chosen on the dev set (0.4 to 0.7 score alike there).
CONTEXT_SHARE = 0.5

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


class Concept(NamedTuple):
    """One concept of a question, weighed once for every use: its weight, the terms that
    may stand for it, whether the corpus uses its word, whether that word is a name (rare in
    English, and not a jurisdiction asked about), and whether it is rare enough to be a name
    even where the corpus never uses it ("mistral", `names_other_thing`)."""

    weight: float
    terms: frozenset[str]
    known: bool
    rare_name: bool
    rarest: bool


def weigh(
    index: Bm25Index, expansion: Expansion, asked: frozenset[str] | None = None
) -> list[Concept]:
    """The question's concepts, weighed; with `asked` (the terms of the sentences that ask,
    when the others only give context), those of the context weigh `CONTEXT_SHARE`."""
    unknown = float(np.log(index.size + 1))
    found = []
    for term, alternatives in expansion.concepts:
        idf = index.idf(term)
        # A jurisdiction's name is the point of the question however common the word ("US").
        named = term in expansion.named
        rare = rarity(expansion.words.get(term, term))
        weight = (idf or unknown) * (1.0 if named else rare)
        if asked is not None and alternatives.isdisjoint(asked):
            weight *= CONTEXT_SHARE
        known = idf is not None
        rare_name = known and not named and rare >= RARE_NAME
        found.append(Concept(weight, alternatives, known, rare_name, rare >= OTHER_NAME))
    return found


def coverage(concepts: Sequence[Concept]) -> HitScore:
    """For a question: hit → the share of the question's weight whose term (or a synonym of
    it) occurs in the passage. The hits are those of a search for the question's terms,
    among which are all the alternatives, so what a passage holds of them is on the hit."""
    total = sum(c.weight for c in concepts)
    # Hits mostly hold one of a few sets of terms: each set's share is summed once.
    shares: dict[frozenset[str], float] = {}

    def share(hit: Hit) -> float:
        if not total:
            return 0.0
        held = hit.holds
        found = shares.get(held)
        if found is None:
            weight = sum(c.weight for c in concepts if not c.terms.isdisjoint(held))
            found = shares[held] = weight / total
        return found

    return share


def unknown_share(index: Bm25Index, concepts: Sequence[Concept]) -> float:
    """The share of the question's weight in words the corpus never uses (nor a synonym of
    them): "deadlift", "photoshop" and "roaming" make a question about something else."""
    total = sum(c.weight for c in concepts)
    unknown = sum(c.weight for c in concepts if _never_used(index, c))
    return unknown / total if total else 0.0


def names_unknown_number(index: Bm25Index, concepts: Sequence[Concept]) -> bool:
    """Whether the question holds a number the corpus never states ("executive order 9066",
    "a laptop under 600 dollars"): then it asks about something else, or for a figure the
    corpus does not give."""
    return any(all(t.isdigit() for t in c.terms) and _never_used(index, c) for c in concepts)


def names_other_thing(index: Bm25Index, concepts: Sequence[Concept]) -> bool:
    """Whether the question names something the corpus never mentions, nor by any term that
    may stand for it ("the authors' take on mistral?")."""
    return any(c.rarest and _never_used(index, c) for c in concepts)


def names_unused(index: Bm25Index, concepts: Sequence[Concept]) -> bool:
    """Whether any of the concepts is one the corpus never uses, by any term."""
    return any(_never_used(index, c) for c in concepts)


def uses_none(index: Bm25Index, concepts: Sequence[Concept]) -> bool:
    """Whether there are concepts and the corpus uses none of them, by any term."""
    return bool(concepts) and all(_never_used(index, c) for c in concepts)


def _never_used(index: Bm25Index, concept: Concept) -> bool:
    """Whether the corpus uses neither a concept's word nor any term that may stand for it."""
    return not concept.known and all(index.idf(t) is None for t in concept.terms)


def names_rare_word(concepts: Sequence[Concept]) -> bool:
    """Whether the question holds a word of the corpus that is rare in English, most often a
    name ("Palisade", "NTIA"), of which the static embeddings know little."""
    return any(c.rare_name for c in concepts)


def signals(concepts: Sequence[Concept]) -> list[Signal]:
    """The signals a question's candidates are ranked by."""
    return [Signal("coverage", 1.0, coverage(concepts))]
