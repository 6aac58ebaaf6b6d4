"""A jurisdiction filter whose passages do not answer (retrieval/filtered.py)."""

from __future__ import annotations

import json
from pathlib import Path

from retrieval.engine import Engine
from retrieval.filtered import answer_within
from tests.test_cli import run

EU_QUESTION = "What does the EU AI Act exempt?"


def test_china_passages_do_not_answer_an_eu_question_so_the_whole_review_does(
    engine: Engine,
) -> None:
    answer = answer_within(engine, EU_QUESTION, "China")
    assert answer.status == "answered"
    assert answer.message is not None and answer.message.startswith(
        "The China passages don't answer that."
    )
    assert answer.quotes[0].passage_id == "osai.policy.eu.1"
    # Not dressed up as an answer about China.
    assert "China" not in answer.quotes[0].jurisdictions


def test_a_filter_that_answers_is_kept(engine: Engine) -> None:
    assert answer_within(engine, EU_QUESTION, "EU") == engine.answer(EU_QUESTION, "EU")
    china = answer_within(engine, "Does China regulate open source models?", "China")
    assert china.message is None or "passages don't answer" not in china.message


def test_off_topic_is_still_declined(engine: Engine) -> None:
    answer = answer_within(engine, "What is the capital of France?", "China")
    assert answer.status == "no_answer"


def test_cli_says_so(tmp_path: Path) -> None:
    result = run("ask", "--jurisdiction", "china", EU_QUESTION, tmp=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "The China passages don't answer that." in result.stdout
    assert "exempts open-source models and developers" in result.stdout
    data = json.loads(
        run("ask", "--json", "--jurisdiction", "china", EU_QUESTION, tmp=tmp_path).stdout
    )
    assert data["status"] == "answered" and "China passages" in data["message"]
