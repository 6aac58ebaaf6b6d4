"""The evaluation set's figures stay above the bar the issue set."""

from __future__ import annotations

from retrieval.engine import Engine
from retrieval.evaluation import evaluate, load_cases, set_path

CASES = load_cases(set_path("regression"))


def test_the_evaluation_set_is_big_and_varied_enough() -> None:
    assert len(CASES) >= 40
    assert sum(1 for c in CASES if not c.expect) >= 5


def test_retrieval_meets_the_bar(engine: Engine) -> None:
    report = evaluate(engine, CASES)
    misses = [(c.question, [q.passage_id for q in a.quotes]) for c, a in report.misses]
    assert report.hit_at_1 >= 0.9, misses
    assert report.hit_at_3 >= 0.98, misses
    assert report.decline_rate == 1.0, misses
    assert report.false_declines == 0, misses
