"""Quote selection: the best one to three contiguous sentences of a passage, and the
spans of the words that matched the question (so renderers can bold them)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from retrieval.text import Token

MAX_SENTENCES = 3
MAX_QUOTE_CHARS = 350
ASKED_WEIGHT = 0.75
# A query term the passage names before a window counts this share of its weight for the
# window: a sentence is read after those before it ("… the Executive Order on AI …. Section
# 4.6 summarizes …"). Chosen on the dev set (0.85 to 1.0 quote the same sentences there,
# 0.8 quotes the Order's first sentences for what its third says); below 1, so a term the
# window holds itself always counts more.
CONTEXT_WEIGHT = 0.9


@dataclass(frozen=True, slots=True)
class Span:
    """A quote: `text[start:end]` of its passage and the matched words inside it."""

    start: int
    end: int
    highlights: tuple[tuple[int, int], ...]  # relative to `start`


def best_span(
    sentences: Sequence[tuple[int, int]],
    tokens: Sequence[Token],
    weights: Mapping[str, float],
    asked: Mapping[int, float] | None = None,
    max_chars: int = MAX_QUOTE_CHARS,
    to_end: bool = False,
) -> Span:
    """Choose the window of contiguous sentences that covers the most query weight; with
    `to_end`, of the windows that end with the passage (a lead-in, quoted for the passage
    it introduces, reads on into it).

    `asked` adds weight to sentences by index: those a passage's own questions tie to the
    words of the question (`ASKED_WEIGHT` of it, so the sentence's own words still count most).

    Each distinct query term counts once per window (its weight, e.g. IDF), plus a little
    for repeats, and `CONTEXT_WEIGHT` of it if the passage holds it only before the window;
    windows longer than `max_chars` are allowed only as a single sentence, so a quote is
    never cut mid-sentence. Ties go to the shorter, then the earlier window.
    """
    if not sentences:
        raise ValueError("a passage has at least one sentence")
    matched = [t for t in tokens if t.term in weights]
    per_sentence = _terms_by_sentence(sentences, matched)
    # A sentence without a match adds nothing to a window but its length, and a longer
    # window loses the tie, so only windows that start and end on a match can win.
    bonus = asked or {}
    with_match = [i for i, found in enumerate(per_sentence) if found or i in bonus]
    # Where each term first occurs, and the weight of the terms first met before each
    # sentence: what occurs before a window is its context.
    first_in: dict[str, int] = {}
    before = [0.0]
    for i, found in enumerate(per_sentence):
        met = before[i]
        for term in found:
            if term not in first_in:
                first_in[term] = i
                met += weights[term]
        before.append(met)
    # With no gain anywhere: the first sentence, or for `to_end` the last.
    fallback = len(sentences) - 1 if to_end else 0
    best, best_window = (0.0, 0, 0), (fallback, fallback)
    for first, last in _windows(sentences, with_match, max_chars, to_end):
        terms: dict[str, int] = {}
        for found in per_sentence[first : last + 1]:
            for term, count in found.items():
                terms[term] = terms.get(term, 0) + count
        gain = sum(weights[t] * (1 + 0.1 * (n - 1)) for t, n in terms.items())
        if first and before[first]:  # the context: terms met before the window, less its own
            held = sum(weights[t] for t in terms if first_in[t] < first)
            gain += CONTEXT_WEIGHT * (before[first] - held)
        if bonus:
            gain += ASKED_WEIGHT * sum(bonus.get(i, 0.0) for i in range(first, last + 1))
        # Rounded: equal gains summed in another order can differ in their last bit, and
        # a tie must go to the shorter, then the earlier window.
        key = (round(gain, 9), -(last - first), -first)
        if key > best:
            best, best_window = key, (first, last)
    first, last = best_window
    start, end = sentences[first][0], sentences[last][1]
    marks = tuple(
        (t.start - start, t.end - start) for t in matched if start <= t.start and t.end <= end
    )
    return Span(start, end, marks)


def _windows(
    sentences: Sequence[tuple[int, int]], with_match: Sequence[int], max_chars: int, to_end: bool
) -> Iterator[tuple[int, int]]:
    """(first, last) sentence of each window that may win: those that start and end on a
    match, or with `to_end` those that end with the passage."""
    if to_end:
        last = len(sentences) - 1
        for first in range(last, max(-1, last - MAX_SENTENCES), -1):
            if first < last and sentences[last][1] - sentences[first][0] > max_chars:
                break
            yield first, last
        return
    for at, first in enumerate(with_match):
        for last in with_match[at : at + MAX_SENTENCES]:
            length = sentences[last][1] - sentences[first][0]
            if last - first >= MAX_SENTENCES or (last > first and length > max_chars):
                break
            yield first, last


def _terms_by_sentence(
    sentences: Sequence[tuple[int, int]], matched: Sequence[Token]
) -> list[dict[str, int]]:
    """Counts of the matched terms in each sentence, in one pass (both lists are in order)."""
    found: list[dict[str, int]] = [{} for _ in sentences]
    i = 0
    for token in matched:
        while i < len(sentences) and sentences[i][1] < token.end:
            i += 1
        if i == len(sentences):
            break
        if sentences[i][0] <= token.start:
            counts = found[i]
            counts[token.term] = counts.get(token.term, 0) + 1
    return found
