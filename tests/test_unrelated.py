"""The unrelated model: trained on what the rules leave related, and what it declines (an
unreadable file of it is tested beside the confidence model's)."""

from __future__ import annotations

import pytest

import retrieval.unrelated
from retrieval.engine import Engine
from retrieval.evaluation import SET_NAMES, Case, load_cases, set_path
from retrieval.unrelated_training import rows

# Off-topic, in the review's words: the rules alone show the passages on Llama as related.
LLAMAS = "random but do llamas actually spit at people? cohost wants a llama bit for the cold open"


# The review speaks of jailbreaks and ChatGPT, not of this law.
CFAA = "does the CFAA cover jailbreaking chatgpt or is that just a tos thing"


def test_a_message_likely_about_something_else_is_declined_not_shown_related(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    declined = engine.answer(CFAA)
    assert declined.status == "no_answer" and not declined.quotes
    monkeypatch.setattr(retrieval.unrelated, "bundled", lambda: None)
    related = engine.answer(CFAA)
    assert related.status == "answered" and related.confidence == "low"


def test_a_message_with_context_beside_it_is_left_to_the_rules(engine: Engine) -> None:
    # Its aside dilutes how many of its words a passage holds: the model is not asked.
    assert engine.answer(LLAMAS).confidence == "low"


def test_a_question_the_review_answers_unsurely_is_still_shown(engine: Engine) -> None:
    answer = engine.answer("so do open source models get to skip some of the eu rules")
    assert answer.status == "answered" and answer.quotes


def test_training_rows_are_the_related_answers_less_near_misses(engine: Engine) -> None:
    cases = [
        Case(LLAMAS, kind="off_topic"),
        Case("so do open source models get to skip some of the eu rules", answer="favorably"),
        Case("what compute threshold does the EO use for dual-use models?", kind="near_miss"),
        Case("what does china require?", answer="China"),  # answered with confidence
    ]
    x, off_topic, right = rows(engine, cases)
    assert len(x) == 2 and off_topic.tolist() == [1.0, 0.0] and right[0] == 0.0


def test_the_training_messages_share_none_with_the_measured_sets() -> None:
    trained = [c.question for c in load_cases(set_path("train"))]
    assert len(trained) == len(set(trained)) > 1000
    measured = {c.question for name in SET_NAMES for c in load_cases(set_path(name))}
    assert measured.isdisjoint(trained)
