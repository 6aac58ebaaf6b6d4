"""What kind of question this is: small talk, an overview, facts about the document, a
comparison of jurisdictions, a bare jurisdiction, or an ordinary question."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

Intent = Literal[
    "greeting", "thanks", "about_bot", "overview", "document", "comparison", "question"
]

# Each pattern but the anchored greeting leads with a lookahead on the first letters of its
# alternatives, which re skips ahead to: a question is searched by several of them.
_GREETING = re.compile(
    r"^\W*(?:hi|hello|hey|heya|hiya|yo|howdy|sup|greetings|good (?:morning|afternoon|evening|"
    r"day))\b",
    re.IGNORECASE,
)
_THANKS = re.compile(
    r"(?=[tcm])\b(?:thanks|thank you|thank u|thx|ty|cheers|much appreciated)\b",
    re.IGNORECASE,
)
_ABOUT_BOT = re.compile(
    r"(?=[wac])(?:\b(?:who|what) (?:are|r) (?:you|u)\b"
    r"|\bare you (?:a |an )?(?:bot|human|ai|real|chatgpt)"
    r"|\b(?:who|what) (?:built|made|created|runs) (?:you|this bot)\b|\bchatgpt wrapper\b)",
    re.IGNORECASE,
)
_OVERVIEW = re.compile(
    r"(?=[stkmgibocw])\b(?:summary|summari[sz]e|summari[sz]ing|tl;? ?dr|"
    r"key (?:points|findings|takeaways)|"
    r"main (?:points|takeaways?|conclusions?|findings|argument of the review)|takeaways?|"
    r"gist|in a nutshell|bottom line of the review|overall conclusions?|conclusions? of "
    r"(?:the|this) review|what does (?:the|this) review conclude)\b",
    re.IGNORECASE,
)
_DOCUMENT = re.compile(
    r"(?=[wapdti])\b(?:who (?:wrote|authored|writes|published|made|produced)|"
    r"who(?: is|'s|’s) behind|"
    r"who(?:'s| is|'re| are) the authors?|authors? of (?:this|the) (?:review|article|post|piece)|"
    r"written by|when (?:was|did|is) (?:it|this|the "
    r"(?:review|article|post|piece|report))\b.*\b(?:published|written|posted|released|"
    r"come out|go up|out)|publication date|pub date|date (?:of|on) (?:this|the)|"
    r"what date did (?:this|it)|which (?:org|organi[sz]ation|think tank)|"
    r"what (?:org|organi[sz]ation|think tank)|"
    r"who(?:'s| is) (?:this|it|the)(?: (?:review|article|post|piece|report|series))? "
    r"(?:for|meant for|aimed at|intended for|written for)\b|"
    r"target (?:reader|audience)|intended (?:reader|audience)|who should read)",
    re.IGNORECASE,
)
_COMPARISON = re.compile(
    r"(?=[vdctbw])\b(?:vs\.?|versus|differ|differs|difference|differences|different|"
    r"compare|compared|"
    r"comparison|contrast|than|both|which (?:one|of)|who(?:'s| is) (?:more|less|stricter|"
    r"softer|friendlier))\b",
    re.IGNORECASE,
)
# Small talk is short: a long message that starts with "hi" is a question.
_SMALL_TALK_WORDS = 6


def intent_of(text: str, jurisdictions: int) -> Intent:
    """The kind of `text`, given how many jurisdictions it names."""
    short = len(text.split()) <= _SMALL_TALK_WORDS
    if _ABOUT_BOT.search(text):
        return "about_bot"
    if short and _THANKS.search(text):
        return "thanks"
    if short and _GREETING.search(text) and not text.rstrip().endswith("?"):
        return "greeting"
    if _DOCUMENT.search(text):
        return "document"
    if jurisdictions >= 2 and _COMPARISON.search(text):
        return "comparison"
    if _OVERVIEW.search(text):
        return "overview"
    return "question"


_WANTS_DATE = re.compile(r"(?=w)\b(?:when|what year|which year|what date)\b", re.IGNORECASE)
_WANTS_AMOUNT = re.compile(
    r"(?=[hw])(?:\bhow (?:many|much|long|big|large|often|old)\b|\bwhat did it cost\b)",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"\b(?:19|20)\d\d\b|\b(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\b"
)
# A figure that answers "how many": an amount or a count of something; not the digit of a
# name ("Llama 2") or a section ("4.6").
_AMOUNT = re.compile(
    r"\$\s?\d|[~≈]\s?\d|\b\d[\d,.]*\s?(?:%|percent|million|billion|thousand|hundred|posts|"
    r"days|weeks|months|years|hours|people|organi[sz]ations|models|parameters|tokens|dollars|"
    r"examples)\b|\b(?:a few|several) (?:hundred|thousand|million|dozen)",
    re.IGNORECASE,
)


def answers_kind(question: str, quotes: Sequence[str]) -> list[bool]:
    """Per quote, False when `question` asks "when" or "how many" and the quote states no
    date or figure: then it is at best related. (What the question asks is read once.)"""
    if _WANTS_DATE.search(question):
        stated = _DATE
    elif _WANTS_AMOUNT.search(question):
        stated = _AMOUNT
    else:
        return [True] * len(quotes)
    return [stated.search(quote) is not None for quote in quotes]
