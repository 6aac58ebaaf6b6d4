"""Follow-up questions: "what about China?" read in the light of the question it replies to."""

from __future__ import annotations

import re

from retrieval.lexicon import LexiconMatcher
from retrieval.text import tokenize

# Openings of an elliptical follow-up ("and the EU?", "what about China?", "same for the US").
_ELLIPTICAL = re.compile(
    r"^\s*(and|but|also|what about|how about|what of|and what about|same for|ok and|then)\b",
    re.IGNORECASE,
)
# A one-word question that asks what something is ("what is RLHF", "who is Meta?",
# "define RLHF") stands alone; other one-word replies ("China?", "why Beijing?") do not.
_SELF_CONTAINED = re.compile(
    r"^\s*(?:(?:what|who)(?:\s+(?:is|are|was|were)\b|['’]s\b)|define\b|explain\b)",
    re.IGNORECASE,
)
MAX_ELLIPTICAL_TERMS = 3


def is_elliptical(question: str) -> bool:
    """Short, or opening like a continuation: it needs the previous question to make sense."""
    if _ELLIPTICAL.match(question):
        return True
    terms = tokenize(question)
    return not terms or (len(terms) == 1 and not _SELF_CONTAINED.match(question))


def combine(previous: str, question: str, lexicon: LexiconMatcher) -> str:
    """The question to search for a reply `question` to an answer of `previous`.

    A self-contained question stands alone. An elliptical one borrows the previous
    question's words; if it names a jurisdiction, the previous question's jurisdiction
    names are dropped so "what about China?" after an EU question asks about China.
    """
    if (
        not previous.strip()
        or not is_elliptical(question)
        or len(tokenize(question)) > MAX_ELLIPTICAL_TERMS
    ):
        return question
    base = previous
    if lexicon.jurisdictions(question):
        base = lexicon.without_jurisdictions(previous)
    return f"{base.strip()} {question.strip()}"
