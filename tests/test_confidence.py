"""The confidence model: trained on signals, saved and read back, and what it makes sure."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

import retrieval.confidence
import retrieval.unrelated
from retrieval.confidence import SIGNALS, SignalModel, load, save
from retrieval.confidence_training import fit, out_of_fold
from retrieval.engine import Engine
from tests.model_files import unreadable_model

WIDTH = len(SIGNALS)


def _rows() -> tuple[np.ndarray, np.ndarray]:
    # Right first quotes have high coverage (the first signal); wrong ones low.
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, WIDTH))
    y = (x[:, 0] > 0).astype(np.float64)
    return x, y


def test_the_model_learns_which_signals_mark_a_right_answer() -> None:
    x, y = _rows()
    model = fit(x, y)
    high, low = np.zeros(WIDTH), np.zeros(WIDTH)
    high[0], low[0] = 2.0, -2.0
    assert model.logit(high) > 0 > model.logit(low)


def test_log_odds_out_of_fold_come_from_models_that_never_saw_the_row() -> None:
    x, y = _rows()
    x[0, 0], y[0] = 5.0, 0.0  # a row against the pattern: only its own model learns it
    assert out_of_fold(x, y)[0] > fit(x, y).logit(x[0])


def test_a_model_is_read_back_as_saved(tmp_path: Path) -> None:
    path = tmp_path / "confidence.json"
    model = SignalModel((0.1234567,) * WIDTH, (1.0,) * WIDTH, (-2.0,) * WIDTH, 0.5)
    save(model, path)
    assert load(path) == SignalModel((0.123457,) * WIDTH, (1.0,) * WIDTH, (-2.0,) * WIDTH, 0.5)


def _saved(**changed: object) -> str:
    data = {
        "signals": list(SIGNALS),
        "mean": [0.0] * WIDTH,
        "scale": [1.0] * WIDTH,
        "weights": [0.0] * WIDTH,
        "bias": 0.0,
    }
    return json.dumps(data | changed)


@pytest.mark.parametrize(
    "text",
    [
        "{",
        _saved(signals=["coverage"]),
        _saved(mean=[0.0]),
        _saved(scale=[0.0] * WIDTH),
        _saved(weights=["x"] * WIDTH),
        _saved(bias=None),
        '{"bias": NaN}',
    ],
)
def test_a_broken_model_file_is_named(tmp_path: Path, text: str) -> None:
    path = tmp_path / "confidence.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=r"confidence\.json"):
        load(path)


@pytest.mark.parametrize("module", [retrieval.confidence, retrieval.unrelated])
def test_an_unreadable_model_file_costs_a_warning_and_the_rules_decide(
    module: ModuleType, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Both models of signals: the confidence model and the unrelated one.
    broken = tmp_path / "model.json"
    with unreadable_model(module, broken):
        assert module.bundled() is None
    assert str(broken) in caplog.text
    assert module.bundled() is not None


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("does mozilla think keeping models secret makes them safer?", "Mozilla"),
        ("what's an information hazard? is that like a cyber attack", "information hazard"),
        ("How many people signed the Mozilla letter?", "Mozilla"),
    ],
)
def test_an_answer_the_rules_leave_unsure_is_sure_when_likely_right(
    engine: Engine, question: str, named: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer = engine.answer(question)
    assert answer.confidence == "high" and named in answer.quotes[0].text
    monkeypatch.setattr(retrieval.confidence, "bundled", lambda: None)
    assert engine.answer(question).confidence == "low"


def test_a_message_about_something_else_is_never_made_sure(engine: Engine) -> None:
    # The review's words ("pay", "pandemic", "promised") without its subject: the model,
    # which learned from messages about the subject, is not asked.
    text = "did any state actually pay out the hazard pay for nurses they promised in the pandemic"
    assert engine.answer(text).confidence != "high"
