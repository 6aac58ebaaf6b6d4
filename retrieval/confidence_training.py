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
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import ModuleType
from typing import Any

import numpy as np

import retrieval.engine
from corpus.load import load_corpus
from retrieval import confidence, unrelated
from retrieval.confidence import MODEL, SIGNALS, SignalModel, save
from retrieval.decide import LIKELY_RIGHT, SURELY_ON_SUBJECT, Decision
from retrieval.engine import Engine
from retrieval.evaluation import Case, hit_rank, load_cases, set_path
from retrieval.logistic import Matrix, fit_logistic
from retrieval.types import Answer

# Chosen with the threshold: weights (of standardised signals) pay this L2 penalty.
L2 = 1.0
FOLDS = 5


# Where a decision's signals hold what its words say for the subject.
SUBJECT = SIGNALS.index("subject")


@contextmanager
def _recording(decisions: list[Decision], without: Sequence[ModuleType]) -> Iterator[None]:
    """Within it, the engine decides without the bundled models of the modules `without`,
    and every decision that read signals is kept in `decisions`."""
    # The engine's own name for `decide`, which it calls.
    engine_decide = vars(retrieval.engine)["decide"]
    bundled = [vars(module)["bundled"] for module in without]

    def spy(*args: Any, **kwargs: Any) -> Decision:
        decision: Decision = engine_decide(*args, **kwargs)
        if decision.signals:
            decisions.append(decision)
        return decision

    vars(retrieval.engine)["decide"] = spy
    for module in without:
        vars(module)["bundled"] = lambda: None
    try:
        yield
    finally:
        vars(retrieval.engine)["decide"] = engine_decide
        for module, kept in zip(without, bundled, strict=True):
            vars(module)["bundled"] = kept


def low_answers(
    engine: Engine, cases: list[Case], without: Sequence[ModuleType]
) -> Iterator[tuple[Case, Answer, Decision]]:
    """Each message answered without confidence by one decision that read signals, decided
    without the bundled models of the modules `without`, with its answer and decision."""
    for case in cases:
        decisions: list[Decision] = []
        with _recording(decisions, without):
            answer = engine.answer(case.question)
        if len(decisions) == 1 and answer.status == "answered" and answer.confidence == "low":
            yield case, answer, decisions[0]


def rows(engine: Engine, cases: list[Case]) -> tuple[Matrix, Matrix, list[str]]:
    """The signals of each message the rules alone answer without confidence, of those the
    model is asked of (`decide.SURELY_ON_SUBJECT`), whether its first quote is right, and
    its kind."""
    found: list[tuple[float, ...]] = []
    right: list[float] = []
    kinds: list[str] = []
    for case, answer, decision in low_answers(engine, cases, (confidence, unrelated)):
        if decision.signals[SUBJECT] < SURELY_ON_SUBJECT:
            continue
        found.append(decision.signals)
        right.append(float(case.kind == "answerable" and hit_rank(case, answer) == 1))
        kinds.append(case.kind)
    return np.array(found), np.array(right), kinds


def fit(x: Matrix, y: Matrix, balanced: bool = False) -> SignalModel:
    """L2-regularised logistic regression on standardised signals; `balanced`: the two sides
    weigh the same however many rows each has."""
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])  # the last: the bias
    w = fit_logistic(z, y, L2, balanced)
    return SignalModel(
        tuple(mean.tolist()), tuple(scale.tolist()), tuple(w[:-1].tolist()), float(w[-1])
    )


def out_of_fold(x: Matrix, y: Matrix, folds: int = FOLDS, balanced: bool = False) -> Matrix:
    """Each row's log-odds by a model trained without its fold (folds by position)."""
    found = np.zeros(len(x))
    for fold in range(folds):
        held = np.arange(len(x)) % folds == fold
        model = fit(x[~held], y[~held], balanced)
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
