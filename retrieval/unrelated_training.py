"""Train the unrelated model (retrieval/unrelated.py) and write it:
`python -m retrieval.unrelated_training`.

Every message of the dev set and of the blind messages already read (`train`) that is
answered without confidence, the confidence model asked, is a training row: what the
decision weighed, and whether the message is off-topic or small talk (yes) or answerable
(no). Near misses are left out: declined or shown as related, either is right for them. The
two sides weigh the same. The test set and the unread blind halves are never read. Run it
again after a change to how questions are ranked or decided, or to the confidence model:
`main` prints, out of fold, what the model would decline at `decide.LIKELY_UNRELATED`.
"""

from __future__ import annotations

import sys

import numpy as np

from corpus.load import load_corpus
from retrieval import unrelated
from retrieval.confidence import save
from retrieval.confidence_training import fit, low_answers, out_of_fold
from retrieval.decide import LIKELY_UNRELATED
from retrieval.engine import Engine
from retrieval.evaluation import Case, hit_rank, load_cases, set_path
from retrieval.logistic import Matrix

# The sets it learns from.
TRAINING_SETS = ("dev", "train")


def rows(engine: Engine, cases: list[Case]) -> tuple[Matrix, Matrix, Matrix]:
    """The signals of each off-topic or answerable message answered without confidence,
    whether it is off-topic, and whether its first quote is right."""
    found: list[tuple[float, ...]] = []
    elsewhere: list[float] = []
    right: list[float] = []
    for case, answer, decision in low_answers(engine, cases, (unrelated,)):
        if case.kind == "near_miss":
            continue
        found.append(decision.signals)
        elsewhere.append(float(case.to_decline))
        right.append(float(not case.to_decline and hit_rank(case, answer) == 1))
    return np.array(found), np.array(elsewhere), np.array(right)


def main() -> int:
    engine = Engine(load_corpus(cache_dir=None), index_cache=None)
    cases = [case for name in TRAINING_SETS for case in load_cases(set_path(name))]
    x, y, right = rows(engine, cases)
    declined = out_of_fold(x, y, balanced=True) >= LIKELY_UNRELATED
    print(f"off-topic: {int((declined & (y == 1)).sum())} of {int(y.sum())} declined")
    answerable = y == 0
    print(f"answerable: {int((declined & answerable).sum())} of {int(answerable.sum())} declined")
    print(f"right first quotes among them: {int((declined & (right == 1)).sum())}")
    save(fit(x, y, balanced=True), unrelated.MODEL)
    print(f"wrote {unrelated.MODEL}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
