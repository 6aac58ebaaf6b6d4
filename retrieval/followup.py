"""Follow-up questions: "what about China?" read in the light of the question it replies to."""

from __future__ import annotations

import re

from retrieval.intent import asks_one_side, intent_of, is_small_talk
from retrieval.lexicon import LexiconMatcher
from retrieval.text import tokenize

# Openings of an elliptical follow-up ("and the EU?", "what about China?", "same for the US").
_ELLIPTICAL = re.compile(
    r"^\s*(and|but|also|what about|how about|what of|and what about|same for|ok and|then)\b",
    re.IGNORECASE,
)
# A one-word question that asks what something is ("what is RLHF", "who is Meta?",
# "define RLHF"), what someone did ("what did Mozilla say?") or whether the review has
# something ("is there anything about India?") stands alone; other one-word replies
# ("China?", "why Beijing?", "what did they say?", "is there more on that?") do not.
_SELF_CONTAINED = re.compile(
    r"^\s*(?:(?:what|who)(?:\s+(?:is|are|was|were)\b|['’]s\b)|define\b|explain\b|"
    r"(?:(?:what|who|when|where|which|how)\s+(?:did|does|do|has|have|had|can|could|will|would)"
    r"|(?:is|are) there|(?:does|do|did) the (?:review|paper|article|authors?))\b"
    r"(?!.*\b(?:it|that|this|they|them|those|these|there|he|she|so)\b))",
    re.IGNORECASE,
)
MAX_ELLIPTICAL_TERMS = 3


def is_elliptical(question: str) -> bool:
    """Short, or opening like a continuation: it needs the previous question to make sense."""
    if _ELLIPTICAL.match(question):
        return True
    terms = tokenize(question)
    return not terms or (len(terms) == 1 and not _SELF_CONTAINED.match(question))


# A jurisdiction named in a question, with its article and the capitalised words that
# make it a name of something ("the EU AI Act", "the Executive Order", "the US").
_ARTICLE = re.compile(r"(?:\bthe\s+)$", re.IGNORECASE)
_NAME_TAIL = re.compile(r"(?:\s+(?:[A-Z0-9][\w.’'-]*))*")


def _mentions(text: str, lexicon: LexiconMatcher) -> list[tuple[int, int]]:
    """The spans of `text` naming a jurisdiction, each grown over a leading "the" and the
    capitalised words after it, so that removing or replacing one leaves no dangling
    article ("What does the say about…" was the bug)."""
    out: list[tuple[int, int]] = []
    for start, end in lexicon.jurisdiction_spans(text):
        article = _ARTICLE.search(text[:start])
        if article:
            start = article.start()
        tail = _NAME_TAIL.match(text, end)
        if tail:
            end = tail.end()
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def _only_a_jurisdiction(question: str, lexicon: LexiconMatcher) -> str | None:
    """ "the EU" for "and the EU?", "what about the EU?" or "and what does the EU do?": the
    reply's own words for a jurisdiction when nothing else it says has meaning; None
    otherwise."""
    phrase = _ELLIPTICAL.sub("", question, count=1).strip().rstrip("?!").strip()
    spans = _mentions(phrase, lexicon)
    if not spans:
        return None
    rest = "".join(
        phrase[a:b]
        for a, b in zip(
            [0] + [e for _, e in spans], [s for s, _ in spans] + [len(phrase)], strict=True
        )
    )
    # The mentions alone: the reply's question words ("what does … do") would otherwise
    # be put into the previous question in place of its jurisdiction.
    return phrase[spans[0][0] : spans[-1][1]] if not tokenize(rest) else None


def combine(previous: str, question: str, lexicon: LexiconMatcher) -> str:
    """The question to search for a reply `question` to an answer of `previous`.

    A self-contained question stands alone, and so do small talk ("thanks"), a question
    about the document ("when was it published?") and one side of the subject asked alone
    ("benefits?"). A reply
    that only names another jurisdiction ("and the EU?") asks the previous question about
    it: "What does the Executive Order say about model weights?" becomes "What does the EU
    say about model weights?". Another
    elliptical reply borrows the previous question's words; if it names a jurisdiction,
    the previous question's jurisdiction names are dropped (with their article) so "what
    about China's rules?" after an EU question asks about China.
    """
    if (
        not previous.strip()
        or not is_elliptical(question)
        or len(tokenize(question)) > MAX_ELLIPTICAL_TERMS
        # "thanks", "hi", "bye" after an answer reply to the bot, not to the question.
        or is_small_talk(question)
        # "when was it published?", "who is it for?": "it" is the review, whatever was asked.
        or intent_of(question, 0) == "document"
        # "benefits?" asks what the review's summary says of them, whatever was asked before.
        or asks_one_side(question)
    ):
        return question
    base = previous.strip()
    if lexicon.jurisdictions(question):
        mentions = _mentions(base, lexicon)
        named = _only_a_jurisdiction(question, lexicon)
        if named and mentions:
            (first_start, first_end), rest = mentions[0], mentions[1:]
            out = base[:first_start] + named + base[first_end:]
            # Any further mention of the old jurisdiction goes (from the end, so the
            # offsets before it hold).
            shift = len(named) - (first_end - first_start)
            for start, end in reversed(rest):
                out = out[: start + shift] + out[end + shift :]
            return " ".join(out.split())
        for start, end in reversed(mentions):
            base = base[:start] + base[end:]
        base = " ".join(base.split())
    return f"{base} {question.strip()}"
