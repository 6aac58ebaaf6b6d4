"""British and American spellings: a reader's spelling finds the review's, silently."""

from __future__ import annotations

import pytest

from retrieval.engine import Engine
from retrieval.variants import spelling_variants


@pytest.mark.parametrize(
    ("word", "other"),
    [
        ("organisations", "organizations"),
        ("prioritize", "prioritise"),
        ("favourably", "favorably"),
        ("behavior", "behaviour"),
        ("analyse", "analyze"),
        ("licence", "license"),
        ("centre", "center"),
        ("modelling", "modeling"),
        ("labeled", "labelled"),
    ],
)
def test_a_word_has_its_other_spelling(word: str, other: str) -> None:
    assert other in spelling_variants(word)


@pytest.mark.parametrize("word", ["rise", "four", "door", "open", "model", "weights"])
def test_a_word_spelt_alike_in_both_has_none(word: str) -> None:
    assert spelling_variants(word) == []


def test_a_british_spelling_is_answered_as_the_american_without_did_you_mean(
    engine: Engine,
) -> None:
    british = engine.answer("does the EU treat open models favourably?")
    american = engine.answer("does the EU treat open models favorably?")
    assert not british.suggestions  # not a misspelling
    assert british.passage_ids == american.passage_ids
    assert british.confidence == american.confidence == "high"


def test_a_variant_the_corpus_does_not_know_is_left_to_the_speller(engine: Engine) -> None:
    # "colour" has a variant, "color", but the review uses neither: nothing is rewritten.
    assert engine.variants("what colour is the logo") == []
