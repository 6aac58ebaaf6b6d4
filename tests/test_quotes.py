"""Quote selection: the best window of sentences, checked against an exhaustive search."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from retrieval.quotes import CONTEXT_WEIGHT, MAX_QUOTE_CHARS, MAX_SENTENCES, best_span
from retrieval.text import Token, scan, sentences


def exhaustive(
    spans: list[tuple[int, int]],
    tokens: list[Token],
    weights: dict[str, float],
    max_chars: int,
    to_end: bool = False,
) -> tuple[int, int]:
    """The (start, end) that best_span's contract asks for, by trying every window."""
    windows = []
    for first in range(len(spans)):
        for last in range(first, min(first + MAX_SENTENCES, len(spans))):
            start, end = spans[first][0], spans[last][1]
            if (last > first and end - start > max_chars) or (to_end and last < len(spans) - 1):
                continue
            counts: dict[str, int] = {}
            for t in tokens:
                if t.term in weights and start <= t.start and t.end <= end:
                    counts[t.term] = counts.get(t.term, 0) + 1
            gain = sum(weights[t] * (1 + 0.1 * (n - 1)) for t, n in counts.items())
            before = {t.term for t in tokens if t.term in weights and t.end <= start}
            gain += CONTEXT_WEIGHT * sum(weights[t] for t in before - counts.keys())
            windows.append(((-round(gain, 9), last - first, first), (start, end)))
    return min(windows)[1]


sentence = st.lists(st.sampled_from("alpha beta gamma delta model rule".split()), min_size=1)


@given(
    st.lists(sentence, min_size=1, max_size=9),
    st.dictionaries(st.sampled_from(["alpha", "beta", "gamma", "model"]), st.floats(0.1, 5.0)),
    st.sampled_from([20, 60, MAX_QUOTE_CHARS]),
    st.booleans(),
)
@example(  # two windows of equal gain whose float sums differ in their last bit
    [
        ["alpha", "beta", "model"],
        ["beta", "beta", "model", "model", "alpha", "alpha"],
        ["alpha", "gamma"],
        ["alpha", "alpha", "beta", "beta", "gamma", "model"],
    ],
    {"alpha": 0.569124361908005, "gamma": 4.0, "beta": 5.0, "model": 4.0},
    60,
    False,
)
def test_the_chosen_window_is_the_best_one(
    text_sentences: list[list[str]], weights: dict[str, float], max_chars: int, to_end: bool
) -> None:
    text = " ".join(" ".join(words).capitalize() + "." for words in text_sentences)
    spans, tokens = sentences(text), scan(text)
    span = best_span(spans, tokens, weights, max_chars=max_chars, to_end=to_end)
    assert (span.start, span.end) == exhaustive(spans, tokens, weights, max_chars, to_end)
    assert not to_end or span.end == len(text)
    for start, end in span.highlights:
        assert text[span.start + start : span.start + end].casefold() in weights


def test_sentences_without_a_match_are_left_out() -> None:
    text = "Nothing here. The model is open. Still nothing. Another model rule. Bye now."
    span = best_span(sentences(text), scan(text), {"model": 1.0, "rule": 2.0})
    assert text[span.start : span.end] == "The model is open. Still nothing. Another model rule."


def test_a_term_named_earlier_in_the_passage_is_context_for_a_later_window() -> None:
    # "act" is named only in the first sentence; the second says what the act does.
    text = "The act is long. It exempts open models. Open rules vary."
    weights = {"act": 2.0, "exempt": 1.0, "open": 0.8}
    span = best_span(sentences(text), scan(text), weights, max_chars=30)
    assert text[span.start : span.end] == "It exempts open models."


def test_no_match_quotes_the_first_sentence() -> None:
    text = "First one. Second one."
    span = best_span(sentences(text), scan(text), {"absent": 1.0})
    assert (text[span.start : span.end], span.highlights) == ("First one.", ())


def test_a_passage_has_sentences() -> None:
    with pytest.raises(ValueError):
        best_span([], [], {})
