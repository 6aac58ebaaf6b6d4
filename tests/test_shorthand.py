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
