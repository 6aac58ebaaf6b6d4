"""Whether an answer the rules leave unsure is likely right after all: a logistic model over
what the decision weighed, trained on the dev set (`python -m retrieval.confidence_training`).
The unrelated model (retrieval/unrelated.py) reads the same signals."""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MODEL = Path(__file__).parent / "data" / "confidence.json"
log = logging.getLogger("verbatim")

# What the model reads of a decision (`decide.signals`), in this order.
SIGNALS = (
    "coverage",
    "closeness",
    "best_score",
    "elsewhere",
    "unknown",
    "known_words",
    "subject",
    "profile",
    "sentence",
    "margin",
    "help_request",
    "coverage_times_score",
    "coverage_squared",
)


@dataclass(frozen=True)
class SignalModel:
    """A logistic model over a decision's standardised signals: each signal's mean and scale
    in training, its weight, and the bias."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float

    def logit(self, signals: Sequence[float]) -> float:
        """The log-odds the model gives a decision with these `signals` (the confidence
        model's: that its first quote is right)."""
        return self.bias + sum(
            w * (x - m) / s
            for w, x, m, s in zip(self.weights, signals, self.mean, self.scale, strict=True)
        )


def load(path: Path = MODEL) -> SignalModel:
    """The model saved at `path`; a broken file raises ValueError naming it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["signals"] != list(SIGNALS):
            raise TypeError(f"signals must be {list(SIGNALS)}")
        columns = [data["mean"], data["scale"], data["weights"]]
        numbers = [*columns[0], *columns[1], *columns[2], data["bias"]]
        if not all(isinstance(x, int | float) and math.isfinite(x) for x in numbers):
            raise TypeError("every number must be finite")
        if any(len(column) != len(SIGNALS) for column in columns):
            raise TypeError(f"mean, scale and weights must hold {len(SIGNALS)} numbers each")
        if any(s <= 0 for s in data["scale"]):
            raise TypeError("scales must be positive")
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ValueError(f"{path}: not a model of signals ({error})") from error
    mean, scale, weights = (tuple(float(x) for x in column) for column in columns)
    return SignalModel(mean, scale, weights, float(data["bias"]))


def save(model: SignalModel, path: Path = MODEL) -> None:
    """Write `model` as JSON, with the names of its signals (reviewable in a diff)."""
    data = {
        "signals": list(SIGNALS),
        "mean": [round(x, 6) for x in model.mean],
        "scale": [round(x, 6) for x in model.scale],
        "weights": [round(x, 6) for x in model.weights],
        "bias": round(model.bias, 6),
    }
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


@cache
def bundled() -> SignalModel | None:
    """The model that ships with the package, read once; a file that cannot be read costs a
    warning, and the rules alone decide."""
    try:
        return load(MODEL)
    except ValueError as error:
        log.warning("%s; deciding confidence by the rules alone", error)
        return None
