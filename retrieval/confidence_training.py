"""Train the confidence model (retrieval/confidence.py) and write it:
`python -m retrieval.confidence_training`.

Every dev-set message the rules answer without confidence is a training row: what the
decision weighed, and whether its first quote holds the answering sentence (near misses,
off-topic messages and wrong first quotes: no). The test set is never read. Run it again
after a change to how questions are ranked or decided: `main` prints, out of fold, what the
model would make confident at `decide.LIKELY_RIGHT`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np

import retrieval.engine
from corpus.load import load_corpus
from retrieval import confidence
from retrieval.confidence import MODEL, ConfidenceModel, save
from retrieval.decide import LIKELY_RIGHT, Decision
from retrieval.engine import Engine
from retrieval.evaluation import Case, hit_rank, load_cases, set_path
from retrieval.logistic import Matrix, fit_logistic

# Chosen with the threshold: weights (of standardised signals) pay this L2 penalty.
L2 = 1.0
FOLDS = 5


@contextmanager
def _recording(decisions: list[Decision]) -> Iterator[None]:
    """Within it, the engine decides by the rules alone and every decision that asked the
    model is kept in `decisions`."""
    # The engine's own name for `decide`, which it calls.
    engine_decide = vars(retrieval.engine)["decide"]
    bundled = confidence.bundled

    def spy(*args: Any, **kwargs: Any) -> Decision:
        decision: Decision = engine_decide(*args, **kwargs)
        if decision.signals:
            decisions.append(decision)
        return decision

    vars(retrieval.engine)["decide"] = spy
    confidence.bundled = lambda: None  # type: ignore[assignment]
    try:
        yield
    finally:
        vars(retrieval.engine)["decide"] = engine_decide
        confidence.bundled = bundled


def rows(engine: Engine, cases: list[Case]) -> tuple[Matrix, Matrix, list[str]]:
    """The signals of each message answered without confidence by one decision, whether its
    first quote is right, and its kind."""
    found: list[tuple[float, ...]] = []
    right: list[float] = []
    kinds: list[str] = []
    for case in cases:
        decisions: list[Decision] = []
        with _recording(decisions):
            answer = engine.answer(case.question)
        if len(decisions) != 1 or answer.status != "answered" or answer.confidence != "low":
            continue
        found.append(decisions[0].signals)
        right.append(float(case.kind == "answerable" and hit_rank(case, answer) == 1))
        kinds.append(case.kind)
    return np.array(found), np.array(right), kinds


def fit(x: Matrix, y: Matrix) -> ConfidenceModel:
    """L2-regularised logistic regression on standardised signals."""
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])  # the last: the bias
    w = fit_logistic(z, y, L2)
    return ConfidenceModel(
        tuple(mean.tolist()), tuple(scale.tolist()), tuple(w[:-1].tolist()), float(w[-1])
    )


def out_of_fold(x: Matrix, y: Matrix, folds: int = FOLDS) -> Matrix:
    """Each row's log-odds by a model trained without its fold (folds by position)."""
    found = np.zeros(len(x))
    for fold in range(folds):
        held = np.arange(len(x)) % folds == fold
        model = fit(x[~held], y[~held])
        found[held] = [model.logit(row) for row in x[held]]
    return found


def main() -> int:
    engine = Engine(load_corpus(cache_dir=None), index_cache=None)
    x, y, kinds = rows(engine, load_cases(set_path("dev")))
    sure = out_of_fold(x, y) >= LIKELY_RIGHT
    for kind in sorted(set(kinds)):
        mine = np.array([k == kind for k in kinds])
        print(f"{kind}: {int((sure & mine).sum())} of {int(mine.sum())} made confident")
    print(f"right first quotes among them: {int((sure & (y == 1)).sum())} of {int(y.sum())}")
    save(fit(x, y))
    print(f"wrote {MODEL}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
