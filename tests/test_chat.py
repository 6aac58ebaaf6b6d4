"""The terminal chat: follow-ups are read as replies to the last answer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.terminal import chat
from retrieval.engine import Engine
from retrieval.types import Answer


def _type(monkeypatch: pytest.MonkeyPatch, lines: tuple[str, ...]) -> None:
    """Feed `lines` to the chat as if typed, then Ctrl-D."""
    feed: Iterator[str] = iter(lines)

    def fake_input(prompt: str = "") -> str:
        try:
            return next(feed)
        except StopIteration:
            raise EOFError from None

    monkeypatch.setattr("builtins.input", fake_input)


def converse(engine: Engine, monkeypatch: pytest.MonkeyPatch, *lines: str) -> list[Answer]:
    _type(monkeypatch, lines)
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


def test_small_talk_after_an_answer_is_answered_as_small_talk(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = ("What does the EU AI Act exempt?", "thanks", "hi", "and china?", "bye")
    first, thanks, hi, china, bye = converse(engine, monkeypatch, *lines)
    assert first.status == "answered"
    for reply, text in ((thanks, "thanks"), (hi, "hi"), (bye, "bye")):
        assert reply.question == text and not reply.quotes and reply.message
    # A reply after the small talk continues the question before it.
    assert china.question.startswith("What does") and china.jurisdictions == ("China",)


def test_more_alone_pages_on_like_slash_more(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    question = "is it dangerous to publish weights?"
    page_two = engine.answer(question, page=1)
    assert page_two.quotes
    out = _transcript(engine, monkeypatch, question, "more")
    assert all(f"[{q.passage_id}]" in out for q in page_two.quotes)
    assert out.count("Q: ") == 2  # the page, not a question "… more"
    first, why = converse(engine, monkeypatch, question, "more", "why?")
    assert why.question == f"{first.question} why?"  # a reply continues the question
    assert "No more quotes for the last question." in _transcript(engine, monkeypatch, "Next page!")


def test_help_alone_lists_the_commands_like_slash_help(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = _transcript(engine, monkeypatch, "help", "Commands?", "help pls")
    assert out.count("/compare") == 3 and "Q: " not in out
    # Within a question it is a word of the question.
    assert "Q: help me understand the EU exemption" in _transcript(
        engine, monkeypatch, "help me understand the EU exemption"
    )


def test_a_new_question_stands_alone(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    _, second = converse(engine, monkeypatch, "What is RLHF?", "What does the EU AI Act exempt?")
    assert second.question == "What does the EU AI Act exempt?"


def _transcript(engine: Engine, monkeypatch: pytest.MonkeyPatch, *lines: str) -> str:
    _type(monkeypatch, lines)
    written: list[str] = []
    chat(engine, write=written.append)
    return "\n".join(written)


def test_cite_alone_cites_the_first_quote_of_the_last_answer(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _transcript(engine, monkeypatch, "/cite")
    assert "Ask a question first" in before and "== APA" not in before
    out = _transcript(engine, monkeypatch, "What does the EU AI Act exempt?", "/cite")
    assert "== APA" in out and "== BibTeX" in out
    assert "sec. “The EU.”" in out  # the section of the first quote
    assert "No passage has the id 'nope'." in _transcript(engine, monkeypatch, "/cite nope")


def test_contents_lists_every_section_with_its_first_passage(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = _transcript(engine, monkeypatch, "/contents")
    for section in engine.corpus.documents[0].sections:
        assert section.title in out
    assert "    The EU (2 passages, from osai.policy.eu.1)" in out  # under its parent


@pytest.mark.parametrize("leave", ["quit", "Exit", "/quit"])
def test_quit_typed_alone_leaves_and_is_no_follow_up(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, leave: str
) -> None:
    answers = converse(engine, monkeypatch, "who wrote it?", leave, "what about china?")
    assert [a.question for a in answers] == ["who wrote it?"]
