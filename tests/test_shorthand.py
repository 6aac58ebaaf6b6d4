"""Chat shorthand: "ppl", "w/o", "devs" are read as the words they stand for."""

from __future__ import annotations

import pytest

from retrieval.engine import Engine
from retrieval.shorthand import expand_shorthand


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("how many ppl signed it", "how many people signed it"),
        ("weights w/o the data", "weights without the data"),
        ("released w/ weights", "released with weights"),
        ("what do devs owe abt it", "what do developers owe about it"),
        ("PPL say so", "people say so"),
        ("b/c of the EO", "because of the EO"),
        ("a defn pls", "a definition please"),
        ("ship the ckpt", "ship the checkpoint"),
    ],
)
def test_shorthand_is_written_out(typed: str, meant: str) -> None:
    assert expand_shorthand(typed) == meant


@pytest.mark.parametrize("text", ["infohazard", "dev tools", "the gov/govt", "organic", "rnd"])
def test_words_that_only_hold_shorthand_are_left_alone(text: str) -> None:
    assert expand_shorthand(text) == text


def test_a_question_in_shorthand_is_answered_as_written_out(engine: Engine) -> None:
    typed = engine.answer("how many ppl signed the mozilla letter")
    written = engine.answer("how many people signed the mozilla letter")
    assert typed.question == "how many ppl signed the mozilla letter"  # shown as asked
    assert not typed.suggestions  # not a misspelling
    assert (typed.confidence, typed.passage_ids) == (written.confidence, written.passage_ids)
    assert "1,800" in typed.quotes[0].shown


def test_the_jargon_for_open_source_and_the_ai_act_finds_what_the_words_do(
    engine: Engine,
) -> None:
    # "OSS" and "AIA" are lexicon synonyms of "open source" and the AI Act.
    jargon = engine.answer("does the AIA exempt OSS models?")
    words = engine.answer("does the AI Act exempt open source models?")
    assert jargon.passage_ids[0] == words.passage_ids[0]
    assert jargon.jurisdictions == ("EU",)
