"""Closeness in meaning: the corpus's sentences and passage questions, embedded once."""

from __future__ import annotations

import pytest

from retrieval.decide import DECLINE, decide
from retrieval.engine import Engine
from retrieval.index import Hit
from retrieval.rank import Ranked, fuse
from retrieval.semantic import Closeness


def test_closeness_has_one_value_per_passage_and_sentence(engine: Engine) -> None:
    index = engine.semantic
    assert index is not None
    closeness = index.closeness("Can I publish the weights of my model?")
    assert closeness.by_passage.shape == (len(engine.corpus.entries),)
    assert -1.0 <= closeness.best <= 1.0
    doc = closeness.order(1)[0]
    by_sentence = closeness.by_sentence(doc)
    assert max(by_sentence.values()) == pytest.approx(float(closeness.by_passage[doc]))


def test_a_paraphrase_is_closest_to_its_passage(engine: Engine) -> None:
    index = engine.semantic
    assert index is not None
    closeness = index.closeness("does beijing treat openly released models any differently")
    closest = engine.corpus.entries[closeness.order(1)[0]]
    assert "China" in closest.jurisdictions


def test_fusion_rewards_agreement() -> None:
    assert fuse([[1, 2, 3], [2, 3, 1]], (1.0, 1.0))[0] == 2
    assert fuse([[1, 2, 3], [3, 2, 1]], (1.0, 2.0))[0] == 3


def _closeness(values: list[float]) -> Closeness:
    import numpy as np

    by_passage = np.asarray(values, dtype=np.float32)
    rows = tuple(range(i, i + 1) for i in range(len(values)))
    return Closeness(by_passage, by_passage.copy(), rows, np.zeros(len(values), dtype=np.intp))


def _ranked(coverage: float) -> list[Ranked]:
    return [Ranked(Hit(0, 5.0), {"coverage": coverage}, 5.0)]


def test_a_question_far_from_every_sentence_is_declined() -> None:
    assert decide(_ranked(1.0), _closeness([0.1, 0.2])) == DECLINE


def test_few_shared_words_need_closeness_in_meaning() -> None:
    assert decide(_ranked(0.1), _closeness([0.35, 0.2])) == DECLINE
    assert decide(_ranked(0.1), _closeness([0.7, 0.2])).confidence == "low"


def test_confidence_needs_both_words_and_meaning() -> None:
    assert decide(_ranked(0.9), _closeness([0.8, 0.2])).confidence == "high"
    assert decide(_ranked(0.9), _closeness([0.5, 0.2])).confidence == "low"
    assert decide(_ranked(0.3), _closeness([0.8, 0.2])).confidence == "low"
