"""Whether ranked candidates answer the question, only touch on it, or miss it: one place."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from retrieval.index import Hit
from retrieval.rank import Ranked
from retrieval.types import Confidence

# Chosen on the dev set (`python -m bot eval`): the share of the question's weight (IDF of
# each term; words the corpus lacks weigh by their rarity in English) that the best
# passage must cover to answer, and to be shown as related; and how close to the best score
# further hits must come.
ANSWERS = 0.7
RELATED = 0.25
MIN_RELATIVE_SCORE = 0.35


@dataclass(frozen=True)
class Decision:
    """The hits worth quoting, best first (none: decline), and how sure we are."""

    hits: list[Hit]
    confidence: Confidence | None


DECLINE = Decision([], None)


def decide(ranked: Sequence[Ranked]) -> Decision:
    """Answer when the best passage covers enough of the question; show it as related when
    it covers some; decline when it covers little."""
    if not ranked or ranked[0].values["coverage"] < RELATED:
        return DECLINE
    floor = ranked[0].score * MIN_RELATIVE_SCORE
    hits = [r.hit for r in ranked if r.values["coverage"] > 0 and r.score >= floor]
    return Decision(hits, "high" if ranked[0].values["coverage"] >= ANSWERS else "low")
