"""The lexicon's phrase patterns."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from retrieval.lexicon import _phrase_pattern

PHRASES = ["EU", "European Union", "U.S.", "ſtate", "İstanbul", "Kelvin", "ßtraße", "σίγμα"]
PIECES = [*PHRASES, "eu", "u.s.", "STATE", "K", "ß", "ς", "x", " ", "-", "_", "1", ".", "é"]


@given(st.lists(st.sampled_from(PIECES), max_size=8).map("".join), st.booleans())
def test_a_phrase_pattern_matches_where_the_plain_alternation_does(
    text: str, any_case: bool
) -> None:
    # The pattern leads with a lookahead on the phrases' first characters: the same matches.
    flags = re.IGNORECASE if any_case else 0
    body = "|".join(re.escape(p) for p in sorted(PHRASES, key=len, reverse=True))
    plain = re.compile(rf"(?<!\w)(?:{body})(?!\w)", flags)
    led = _phrase_pattern(PHRASES, flags)
    assert led is not None
    assert [m.span() for m in led.finditer(text)] == [m.span() for m in plain.finditer(text)]
