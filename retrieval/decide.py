"""Whether ranked candidates answer the question, and which of them to show: one place."""

from __future__ import annotations

from collections.abc import Sequence

from retrieval.index import Hit
from retrieval.rank import Ranked

# Calibrated on tests/eval/questions.yaml (see `python -m bot eval`): the share of the
# question's weight (IDF of each term, unknown words weighing as much as a rare term) that
# the best passage must cover, and how close to the best score further hits must come.
MIN_COVERAGE = 0.5
MIN_RELATIVE_SCORE = 0.35


def answering(ranked: Sequence[Ranked]) -> list[Hit]:
    """The hits worth quoting, best first; none when the best covers too little."""
    if not ranked or ranked[0].values["coverage"] < MIN_COVERAGE:
        return []
    floor = ranked[0].score * MIN_RELATIVE_SCORE
    return [r.hit for r in ranked if r.values["coverage"] > 0 and r.score >= floor]
