"""Tokenizer and sentence splitter: examples that matter here, and properties."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retrieval.text import clean_question, scan, sentences, tokenize, with_apostrophes, words
from tests.test_bad_input import ANY_TEXT


def test_hyphenated_and_spaced_forms_tokenize_alike() -> None:
    assert tokenize("open-source") == tokenize("open source")
    assert tokenize("open-weights") == tokenize("open weights")
    assert tokenize("Open-Sourcing") == tokenize("open sourcing")


def test_curly_quotes_case_and_unicode_forms_fold() -> None:
    assert tokenize("doesn’t REGULATE “Models”") == tokenize('doesn\'t regulate "models"')
    assert tokenize("ｍｏｄｅｌ") == tokenize("model")  # full-width letters (NFKC)


def test_stopwords_go_but_the_country_us_stays() -> None:
    assert tokenize("tell us what the") == []
    assert tokenize("The US") == ["us"]
    assert tokenize("the U.S. order") == tokenize("the US order")


def test_stemming_joins_inflections() -> None:
    assert tokenize("regulations") == tokenize("regulation")
    assert tokenize("exempts") == tokenize("exempt")


def test_decimal_section_numbers_stay_whole() -> None:
    assert "4.6" in tokenize("Section 4.6 calls for")


def test_spans_point_at_the_original_text() -> None:
    text = "Meta’s Llama 2 — open-weights!"
    for token in scan(text):
        assert text[token.start : token.end].strip()


def _split(text: str) -> list[str]:
    return [text[a:b] for a, b in sentences(text)]


def test_sentences_respect_abbreviations_numbers_money_and_quotes() -> None:
    text = (
        "Section 4.6 calls for input, e.g. from the U.S. Department of Commerce. "
        "It cost us around $200 to train. "
        "Meta claimed it is “the most capable openly available LLM to date”. "
        "Is that so? Yes."
    )
    assert _split(text) == [
        "Section 4.6 calls for input, e.g. from the U.S. Department of Commerce.",
        "It cost us around $200 to train.",
        "Meta claimed it is “the most capable openly available LLM to date”.",
        "Is that so?",
        "Yes.",
    ]


def test_a_quote_that_ends_a_sentence_keeps_its_closing_mark() -> None:
    assert _split("He said “stop.” Then he left.") == ["He said “stop.”", "Then he left."]


def test_review_passages_split_where_a_reader_would(corpus) -> None:  # type: ignore[no-untyped-def]
    text = corpus.by_id["osai.policy.us.1"].text
    parts = _split(text)
    assert parts[1].startswith("Section 4.6 calls for soliciting input")
    assert parts[-1] == "In particular: 4.6 calls for the Secretary of Commerce to:"


@given(st.text(max_size=400))
def test_sentences_cover_the_text_in_order_without_overlap(text: str) -> None:
    spans = sentences(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        assert text[previous_end:start].strip() == ""
        previous_end = end
    assert text[previous_end:].strip() == ""


@given(st.text(max_size=300))
def test_tokens_are_folded_non_empty_and_inside_the_text(text: str) -> None:
    for token in scan(text, keep_stopwords=True):
        assert 0 <= token.start < token.end <= len(text)
        assert token.word and token.term
        assert token.word == token.word.casefold()


@given(st.lists(st.sampled_from(["open", "source", "model", "EU", "weights", "law"]), max_size=8))
def test_hyphens_never_change_the_terms(words: list[str]) -> None:
    assert tokenize("-".join(words)) == tokenize(" ".join(words))


@given(
    st.text(alphabet=st.sampled_from("aAeEsSuUéÉßﬁ'’.,4 -\nxXyY"), max_size=60),
    st.frozensets(st.sampled_from("aesuéx4f"), max_size=4),
)
def test_words_by_initial_are_the_words_that_start_so(text: str, initials: frozenset[str]) -> None:
    everything = words(text)
    assert words(text, initials=initials) == [w for w in everything if w[2][0] in initials]


def test_words_by_initial_fold_before_they_filter() -> None:
    text = "Élan U.S. ﬁnance Apple apple"
    assert [w[2] for w in words(text, initials=frozenset("éuf"))] == ["élan", "us", "finance"]
    assert [w[2] for w in words(text, initials=frozenset("a"))] == ["apple", "apple"]


@given(ANY_TEXT)
def test_a_cleaned_question_encodes_has_nothing_invisible_and_stays_clean(raw: str) -> None:
    cleaned = clean_question(raw)
    cleaned.encode("utf-8")  # no lone surrogate left: the log, the JSON and Discord take it
    assert not any(unicodedata.category(ch) in ("Cs", "Cc") for ch in cleaned)
    assert clean_question(cleaned) == cleaned


def test_cleaning_drops_surrogates_and_keeps_the_words_around_them() -> None:
    assert clean_question("What is \udcffRLHF?\ud800 ") == "What is RLHF?"
    assert clean_question("\ud83d\ude00") == ""  # a pair split in two is still not a character


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("whos behind this", "who's behind this"),
        ("Whats the point", "What's the point"),
        ("i dont get it", "i don't get it"),
        ("its weights", "its weights"),  # a possessive as often as "it's": left alone
        ("we were told", "we were told"),  # "were" is a word, not "we're"
        ("who's there", "who's there"),
    ],
)
def test_contractions_typed_without_an_apostrophe_are_read_as_meant(typed: str, meant: str) -> None:
    assert with_apostrophes(typed) == meant


@given(
    st.text(alphabet=st.sampled_from("aAsSuUzZ09.' \n-,_\0"), max_size=80)
    | st.lists(
        st.sampled_from(["US", "us", "U.S.", "The", "THE", "it's", "A", "a."]), max_size=9
    ).map(" ".join),
    st.frozensets(st.sampled_from("asuz0"), max_size=3),
)
def test_ascii_text_has_the_words_the_regex_finds(text: str, initials: frozenset[str]) -> None:
    # A non-ASCII word after it sends the text down the regex path.
    for chosen in (None, initials):
        for keep in (False, True):
            by_regex = words(text + " é", keep_stopwords=keep, initials=chosen)
            expected = [w for w in by_regex if w[1] <= len(text)]
            assert words(text, keep_stopwords=keep, initials=chosen) == expected
