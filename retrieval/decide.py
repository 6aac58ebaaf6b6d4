"""Whether ranked candidates answer the question, only touch on it, or miss it: one place."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from retrieval.index import Hit
from retrieval.rank import Ranked, fuse
from retrieval.semantic import Closeness
from retrieval.types import Confidence

# All thresholds are chosen on the dev set (`python -m bot eval`), never the test set.
# Coverage: the share of the question's weight (IDF of each term times its rarity in
# English) that BM25's best passage holds. Closeness: the best cosine between the question
# and any sentence or passage question of the corpus.
# Without embeddings (a large corpus): coverage alone.
ANSWERS = 0.7
RELATED = 0.25
# With embeddings: a question far from every sentence is declined whatever words it
# shares; one that shares few words is declined unless its meaning is close; an answer is
# confident only when both its words and its meaning are.
FAR = 0.3
FEW_WORDS = 0.2
CLOSE = 0.45
ANSWERS_WITH_MEANING = 0.5
CLOSE_ANSWER = 0.6
# Further passages are shown when their BM25 score comes this close to the best, or their
# closeness this close to the best.
MIN_RELATIVE_SCORE = 0.35
CLOSENESS_SPAN = 0.1
# How much the ranking by meaning counts against the ranking by words when fusing them.
MEANING_IN_RANKING = 1.0


@dataclass(frozen=True)
class Decision:
    """The hits worth quoting, best first (none: decline), and how sure we are."""

    hits: list[Hit]
    confidence: Confidence | None
    closeness: Closeness | None = None  # the question's, for choosing what to quote


DECLINE = Decision([], None)


def decide(ranked: Sequence[Ranked], closeness: Closeness | None = None) -> Decision:
    """Answer when the best passage covers enough of the question (and, with embeddings,
    comes close to it in meaning); show related passages when it touches on it; else
    decline."""
    coverage = ranked[0].values["coverage"] if ranked else 0.0
    lexical = _lexical(ranked)
    if closeness is None:
        if coverage < RELATED:
            return DECLINE
        return Decision(lexical, "high" if coverage >= ANSWERS else "low")
    near = closeness.best
    if near < FAR or (coverage < FEW_WORDS and near < CLOSE):
        return DECLINE
    sure = coverage >= ANSWERS_WITH_MEANING and near >= CLOSE_ANSWER
    by_doc = {h.doc: h for h in lexical}
    by_meaning = closeness.order(len(closeness.by_passage))
    semantic = [d for d in by_meaning if closeness.by_passage[d] >= near - CLOSENESS_SPAN]
    order = fuse([[r.hit.doc for r in ranked], by_meaning], (1.0, MEANING_IN_RANKING))
    shown = set(by_doc) | set(semantic)
    hits = [by_doc.get(d, Hit(d, 0.0)) for d in order if d in shown]
    return Decision(hits, "high" if sure else "low", closeness)


def _lexical(ranked: Sequence[Ranked]) -> list[Hit]:
    if not ranked:
        return []
    floor = ranked[0].score * MIN_RELATIVE_SCORE
    return [r.hit for r in ranked if r.values["coverage"] > 0 and r.score >= floor]
