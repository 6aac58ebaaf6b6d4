"""The blind evaluation sets: their size and shape, and how an answer is graded."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from corpus.load import Corpus
from retrieval.evaluation import SET_NAMES, Case, evaluate, hit_rank, load_cases, set_path
from retrieval.types import Answer, Fact, Quote


@pytest.mark.parametrize("name", ["dev", "test"])
def test_blind_sets_have_every_kind_and_persona(name: str) -> None:
    cases = load_cases(set_path(name))
    kinds = Counter(c.kind for c in cases)
    assert kinds["answerable"] >= 100 and kinds["near_miss"] >= 20
    assert kinds["off_topic"] + kinds["small_talk"] >= 20
    # Off-topic messages written for no persona in particular carry none.
    assert {c.persona for c in cases if c.persona} == {
        "student",
        "journalist",
        "policymaker",
        "developer",
        "skeptic",
    }


def test_the_elsewhere_set_is_messages_to_decline_apart_from_the_other_sets() -> None:
    cases = load_cases(set_path("elsewhere"))
    assert len(cases) >= 300 and {c.kind for c in cases} == {"off_topic"}
    assert {c.style for c in cases} == {
        "everyday",
        "question_forms",
        "about_a_work",
        "neighbouring",
    }
    others = {
        c.question for name in SET_NAMES if name != "elsewhere" for c in load_cases(set_path(name))
    }
    assert others.isdisjoint(c.question for c in cases)


def test_every_expected_sentence_is_in_the_corpus(corpus: Corpus) -> None:
    texts = [" ".join(e.text.split()) for e in corpus.entries]
    for name in ("dev", "test"):
        for case in load_cases(set_path(name)):
            if not case.from_metadata:
                for words in case.answers:
                    assert any(words in t for t in texts), case.question


def _quote(text: str) -> Quote:
    return Quote(text, "p.1", "d", "D", ("S",), "D › S", None, 1.0, 0, len(text))


def test_a_quote_counts_only_if_it_holds_the_answering_words() -> None:
    case = Case("q?", answer="the answer")
    answer = Answer("q?", "answered", quotes=(_quote("Not it."), _quote("Here is the answer.")))
    assert hit_rank(case, answer) == 2
    assert hit_rank(Case("q?", answer="absent"), answer) is None


def test_a_broad_question_counts_any_sentence_that_answers_it(tmp_path: Path) -> None:
    path = tmp_path / "set.yaml"
    path.write_text(
        "questions:\n- q: risks?\n  style: broad\n  answers:\n  - the first one\n"
        "  - the second  one\n",
        encoding="utf-8",
    )
    (case,) = load_cases(path)
    assert case.kind == "answerable" and case.answers == ("the first one", "the second one")
    answer = Answer(
        "risks?", "answered", quotes=(_quote("Not it."), _quote("Then the second one."))
    )
    assert hit_rank(case, answer) == 2
    assert hit_rank(case, Answer("risks?", "answered", quotes=(_quote("Neither."),))) is None


def test_metadata_answers_count_from_the_facts() -> None:
    case = Case("who wrote it?", answer="Elliot Mckernon", from_metadata=True)
    answer = Answer("who wrote it?", "answered", facts=(Fact("Authors", "Elliot Mckernon"),))
    assert hit_rank(case, answer) == 1


def test_a_right_first_quote_counts_as_confident_only_when_shown_so() -> None:
    case = Case("q?", answer="the answer")
    quotes = (_quote("Here is the answer."),)
    sure = Answer("q?", "answered", quotes=quotes, confidence="high")
    hedged = Answer("q?", "answered", quotes=quotes, confidence="low")
    report = evaluate(_Fixed([sure, hedged]), [case, case])  # type: ignore[arg-type]
    assert report.hit1 == 2 and report.confident_hits == 1
    assert report.figures()["confident_when_right"] == 0.5


class _Fixed:
    """An engine that gives the answers it was made with, in order."""

    def __init__(self, answers: list[Answer]) -> None:
        self._answers = iter(answers)

    def answer(self, question: str) -> Answer:
        return next(self._answers)


def test_a_message_with_nothing_to_ask_counts_as_declined_and_a_related_quote_does_not() -> None:
    off = Case("@everyone", kind="off_topic")
    related = Answer("x", "answered", quotes=(_quote("A passage."),), confidence="low")
    answers = [Answer("", "invalid", message="Ask me a question."), related]
    report = evaluate(_Fixed(answers), [off, off])  # type: ignore[arg-type]
    assert report.offtopic == 2 and report.declined_offtopic == 1
