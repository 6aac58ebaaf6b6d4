"""L2-regularised logistic regression by Newton's method, for the small models trained here
(retrieval/topic_training.py, retrieval/confidence_training.py)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Matrix = npt.NDArray[np.float64]

# Newton's method stops when no weight moves more than this, or after this many steps.
CONVERGED = 1e-9
NEWTON_STEPS = 50


def fit_logistic(x: Matrix, y: Matrix, l2: float, balanced: bool = False) -> Matrix:
    """The weights of each column of `x` (its last a column of ones: the intercept, which
    pays no penalty; the others pay `l2`) for labels `y` (1 or 0); `balanced`: the two sides
    weigh the same however many rows each has."""
    positives = max(1.0, float(y.sum()))
    scale = (len(y) - positives) / positives if balanced else 1.0
    weight = np.where(y == 1, scale, 1.0)
    penalty = np.full(x.shape[1], l2)
    penalty[-1] = 0.0
    w = np.zeros(x.shape[1])
    for _ in range(NEWTON_STEPS):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        gradient = x.T @ ((p - y) * weight) + penalty * w
        hessian = (x * (p * (1 - p) * weight)[:, None]).T @ x + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < CONVERGED:
            break
    return w
