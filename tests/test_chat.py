"""The terminal chat: follow-ups are read as replies to the last answer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.terminal import chat
from retrieval.engine import Engine
from retrieval.types import Answer


def converse(engine: Engine, monkeypatch: pytest.MonkeyPatch, *lines: str) -> list[Answer]:
    feed: Iterator[str] = iter(lines)

    def fake_input(prompt: str = "") -> str:
        try:
            return next(feed)
        except StopIteration:
            raise EOFError from None

    monkeypatch.setattr("builtins.input", fake_input)
    answers: list[Answer] = []
    chat(engine, write=lambda _: None, on_answer=answers.append)
    return answers


def test_why_after_a_question_follows_it_up(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, why = converse(engine, monkeypatch, "What are the risks of open-sourcing?", "why?")
    assert first.status == "answered"
    # Once a decline: "why?" alone asks nothing.
    assert why.status == "answered" and why.quotes
    assert why.question.startswith("What are the risks of open-sourcing?")


def test_and_the_eu_asks_the_last_question_about_the_eu(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, eu = converse(
        engine, monkeypatch, "What does the Executive Order say about model weights?", "and the EU?"
    )
    assert eu.question == "What does the EU say about model weights?"
    assert eu.jurisdictions == ("EU",)


def test_a_new_question_stands_alone(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    _, second = converse(engine, monkeypatch, "What is RLHF?", "What does the EU AI Act exempt?")
    assert second.question == "What does the EU AI Act exempt?"
