"""A question asked within one jurisdiction that its passages do not answer.

`ask --jurisdiction china "What does the EU AI Act exempt?"` used to end in "Nothing in the
review answers that" (or the China passages that merely touch on it), though the review
answers it elsewhere. This says which filter found nothing and offers the answer from the
whole review, labelled as such, so a reader never takes it for an answer about China.
Kept apart from the engine: it calls `Engine.answer` twice and decides nothing itself.
"""

from __future__ import annotations

from dataclasses import replace

from corpus.types import Jurisdiction
from retrieval.engine import Engine
from retrieval.types import Answer


def not_in(jurisdiction: Jurisdiction) -> str:
    """The message before the unfiltered answer."""
    return (
        f"The {jurisdiction} passages don't answer that. From the whole review, without the filter:"
    )


def answer_within(
    engine: Engine,
    question: str,
    jurisdiction: Jurisdiction | None,
    page: int = 0,
    *,
    document: str | None = None,
    claim: bool = False,
) -> Answer:
    """`engine.answer` narrowed to `jurisdiction`; when its passages do not answer (a
    decline, or only passages that touch on it) but the whole review does, that answer,
    saying the filter's passages did not."""
    answer = engine.answer(question, jurisdiction, page, document, claim)
    if jurisdiction is None or answer.status == "invalid":
        return answer
    if answer.status == "answered" and answer.confidence != "low":
        return answer
    whole = engine.answer(question, None, page, document, claim)
    if whole.status != "answered" or whole.confidence == "low":
        return answer
    return replace(whole, message=not_in(jurisdiction))
