"""Kinds of question, and whether a quote can answer a "when" or "how many" question."""

from __future__ import annotations

import pytest

from retrieval.intent import answers_kind, intent_of


@pytest.mark.parametrize(
    ("text", "jurisdictions", "intent"),
    [
        ("hi", 0, "greeting"),
        ("good morning!", 0, "greeting"),
        ("thanks!", 0, "thanks"),
        ("who are you?", 0, "about_bot"),
        ("tl;dr?", 0, "overview"),
        ("what are the key takeaways", 0, "overview"),
        ("who wrote this review?", 0, "document"),
        ("when was the article published?", 0, "document"),
        ("EU vs China on open models", 2, "comparison"),
        ("how do the US and EU differ?", 2, "comparison"),
        ("hi, what does the EU AI Act exempt for open-source developers?", 1, "question"),
        ("what does the EU AI Act exempt?", 1, "question"),
        ("What do the authors of the pandemic paper conclude?", 0, "question"),
    ],
)
def test_intent(text: str, jurisdictions: int, intent: str) -> None:
    assert intent_of(text, jurisdictions) == intent


@pytest.mark.parametrize(
    ("question", "quote", "fits"),
    [
        ("when was Llama 3 released?", "Meta released Llama 3 in April 2024.", True),
        ("when was Llama 3 released?", "Meta released Llama 3 with open weights.", False),
        ("how much did it cost?", "It cost us around $200 to train.", True),
        ("how much did Meta spend on Llama 2?", "Meta released Llama 2 in April 2024.", False),
        ("how many posts are in the series?", "a series of ~10 posts", True),
        ("what does the EU exempt?", "Nothing with a figure.", True),
    ],
)
def test_answers_kind(question: str, quote: str, fits: bool) -> None:
    assert answers_kind(question, [quote]) == [fits]
