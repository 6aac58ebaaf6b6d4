"""The lexicon's phrase patterns, and places named with a possessive typed without its
apostrophe."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus.load import Corpus
from retrieval.lexicon import LexiconMatcher, _phrase_pattern

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


@pytest.mark.parametrize(
    ("typed", "read", "named"),
    [
        ("whats the EUs stance", "whats the EU's stance", ["EU"]),
        ("are chinas rules strict", "are china's rules strict", ["China"]),
        ("the USs approach", "the US's approach", ["US"]),
        ("what do Americans think", "what do Americans think", ["US"]),  # a name of its own
        ("the UKs view", "the UK's view", []),  # uncovered, and now found as such
        ("buses and Asians", "buses and Asians", []),
    ],
)
def test_a_possessive_typed_without_its_apostrophe_names_the_place(
    corpus: Corpus, typed: str, read: str, named: list[str]
) -> None:
    matcher = LexiconMatcher(corpus.lexicon)
    assert matcher.with_possessives(typed) == read
    assert matcher.jurisdictions(read) == named
    assert matcher.uncovered(read) == (["the UK"] if "UK" in typed else [])


@pytest.mark.parametrize(
    ("typed", "read", "named"),
    [
        ("us vs eu", "US vs eu", ["US", "EU"]),
        ("how do the eu and us differ", "how do the eu and US differ", ["US", "EU"]),
        ("us/china", "US/china", ["US", "China"]),
        ("us or the uk?", "US or the uk?", ["US"]),  # beside a place the review does not cover
        ("tell us about the eu", "tell us about the eu", ["EU"]),  # the pronoun
        ("what does it mean for us", "what does it mean for us", []),
        # Before what a government has, unless a word before takes it as its object.
        ("us rules on open source?", "US rules on open source?", ["US"]),
        ("how does us law treat open models", "how does US law treat open models", ["US"]),
        ("tell us rules please", "tell us rules please", []),
        ("is it for us law students", "is it for us law students", []),
    ],
)
def test_a_lower_case_us_beside_another_place_or_its_laws_is_the_country(
    corpus: Corpus, typed: str, read: str, named: list[str]
) -> None:
    matcher = LexiconMatcher(corpus.lexicon)
    assert matcher.with_place_capitals(typed) == read
    assert matcher.jurisdictions(read) == named


def test_words_about_asking_name_no_concept(corpus: Corpus) -> None:
    # "Jargon", "quick question" and "lol" say how the asker asks, not what about: they
    # neither search nor count as words the review never uses.
    matcher = LexiconMatcher(corpus.lexicon)
    chatty = matcher.expand("quick question lol, whats the jargon for an information hazard", [])
    plain = matcher.expand("whats an information hazard", [])
    assert chatty.concepts == plain.concepts
    assert chatty.terms == plain.terms
    # A question of nothing else still searches what it has.
    assert matcher.expand("explain?", []).terms == ("explain",)


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("what are the feds in DC doing about open models", ["US"]),
        ("is D.C. regulating this at all?", ["US"]),
        ("i love dc comics", []),  # only the capitals are the city
    ],
)
def test_the_us_government_by_its_everyday_names(
    corpus: Corpus, question: str, named: list[str]
) -> None:
    assert LexiconMatcher(corpus.lexicon).jurisdictions(question) == named


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("eu vs china: does china give open weights a pass like brussels does?", "China"),
        ("How does Beijing handle open models compared with Washington?", "China"),
        ("is the EU stricter than the US?", "EU"),
        ("does the U.S. treat them like China does?", "US"),
        # A list of places asks of none of them first.
        ("do the US and EU differ?", None),
        ("does the EU or China exempt more?", None),
        ("us vs eu, who is friendlier?", None),
    ],
)
def test_the_place_a_question_asks_about_by_name(
    corpus: Corpus, question: str, subject: str | None
) -> None:
    assert LexiconMatcher(corpus.lexicon).subject(question) == subject


@pytest.mark.parametrize(
    ("typed", "named", "uncovered"),
    [
        ("explain the brussels effect", [], []),
        ("the Chinese Room argument, and china's rules", ["China"], []),
        ("how does brussels treat open weights", ["EU"], []),
        ("brussels effects of the AI act", ["EU"], []),  # not the phrase: the place
    ],
)
def test_a_phrase_in_which_a_place_means_something_else_does_not_name_it(
    corpus: Corpus, typed: str, named: list[str], uncovered: list[str]
) -> None:
    matcher = LexiconMatcher(corpus.lexicon)
    assert matcher.jurisdictions(typed) == named
    assert matcher.uncovered(typed) == uncovered


def test_a_phrase_in_which_a_place_means_something_else_is_searched_as_one_name(
    corpus: Corpus,
) -> None:
    matcher = LexiconMatcher(corpus.lexicon)
    assert matcher.with_other_senses("explain the Brussels effect?") == (
        "explain the Brusselseffect?"
    )
    assert matcher.with_other_senses("brussels effects") == "brussels effects"


def test_a_guarded_phrase_keeps_to_the_words_around_it() -> None:
    # "EU" is guarded before "Day" and after "Team" (any case), nowhere else.
    pattern = _phrase_pattern(["EU"], 0, ["EU day", "team EU"])
    assert pattern is not None
    found = [m.start() for m in pattern.finditer("EU rules, EU Day, Team EU, EU daylight")]
    assert found == [0, 27]
