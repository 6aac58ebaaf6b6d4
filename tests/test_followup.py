"""Follow-ups: a reply such as "what about China?" read in the light of the question it
answers; a question that stands on its own is asked as it is."""

from __future__ import annotations

import re

import pytest

from bot.service import Service
from retrieval.engine import Engine
from retrieval.evaluation import load_cases, set_path
from retrieval.followup import MAX_ELLIPTICAL_TERMS, combine, is_elliptical
from retrieval.text import tokenize

CASES = load_cases(set_path("regression"))
EU = "What does the EU AI Act exempt?"
US = "How does the US handle open-source AI?"
CHINA = "How does China regulate open-source models?"


def first_quote(engine: Engine, question: str) -> str | None:
    answer = engine.answer(question)
    return answer.quotes[0].passage_id if answer.quotes else None


@pytest.mark.parametrize(
    ("previous", "reply", "jurisdiction", "passage"),
    [
        (EU, "what about China?", "China", "osai.policy.china.1"),
        (EU, "What about the Chinese?", "China", "osai.policy.china.1"),
        (EU, "and Beijing?", "China", "osai.policy.china.1"),
        (EU, "and the US?", "US", "osai.policy.us.1"),
        (EU, "same for the U.S.", "US", "osai.policy.us.1"),
        (US, "how about Europe?", "EU", None),
        (US, "And the EU?", "EU", None),
        # (The review's intro outranks the US section here, as it does for the question
        # asked in full, "How does the US regulate open-source models?")
        (CHINA, "what about the US?", "US", None),
    ],
)
def test_a_follow_up_naming_another_jurisdiction_asks_about_it(
    engine: Engine, previous: str, reply: str, jurisdiction: str, passage: str | None
) -> None:
    question = combine(previous, reply, engine.lexicon)
    # The previous question's jurisdiction is gone; its subject and the reply's
    # jurisdiction (in the reply's words) remain.
    named = re.sub(r"^(what about|how about|and|same for)\s+", "", reply.strip(), flags=re.I)
    assert named.rstrip("?") in question
    answer = engine.answer(question)
    assert answer.status == "answered"
    assert answer.jurisdictions == (jurisdiction,)
    if passage is not None:
        assert answer.quotes[0].passage_id == passage
    else:
        assert any(jurisdiction in q.jurisdictions for q in answer.quotes[:2])


@pytest.mark.parametrize(
    ("previous", "reply", "expected"),
    [
        (
            "What does the Executive Order say about model weights?",
            "and the EU?",
            "What does the EU say about model weights?",
        ),
        (EU, "what about China?", "What does China exempt?"),
        (US, "how about Europe?", "How does Europe handle open-source AI?"),
        (CHINA, "what about the US?", "How does the US regulate open-source models?"),
        # Once "what does what does the US do exempt?"
        (EU, "and what does the US do?", "What does the US exempt?"),
        (US, "and how does China do it?", "How does China handle open-source AI?"),
    ],
)
def test_a_reply_naming_only_a_jurisdiction_asks_the_previous_question_about_it(
    engine: Engine, previous: str, reply: str, expected: str
) -> None:
    # Once "What does the say about model weights? and the EU?" (issue 11).
    assert combine(previous, reply, engine.lexicon) == expected


def test_a_longer_reply_drops_the_old_jurisdiction_with_its_article(engine: Engine) -> None:
    question = combine(
        "What does the Executive Order say about model weights?",
        "and the EU rules?",
        engine.lexicon,
    )
    assert question == "What does say about model weights? and the EU rules?"
    assert " the say " not in question


def test_what_about_china_after_the_eu_question_quotes_china(engine: Engine) -> None:
    service = Service(engine)
    question = service.follow_up(EU, "what about China?")
    assert "EU" not in question.split()
    assert first_quote(engine, question) == "osai.policy.china.1"
    assert first_quote(engine, EU) == "osai.policy.eu.1"


def test_a_follow_up_without_a_jurisdiction_keeps_the_previous_one(engine: Engine) -> None:
    question = combine(EU, "and why?", engine.lexicon)
    assert question == f"{EU} and why?"
    assert engine.answer(question).jurisdictions == ("EU",)


# The one-word gibberish of the set has nothing of its own to ask: as a reply it is read as a
# continuation of the previous question (below). Every other question stands alone, the ones
# to be declined included; chosen here, not by a branch in the test that returns early.
GIBBERISH = "asdfgh"
WHOLE = [c.question for c in CASES if c.question != GIBBERISH]


def test_the_regression_set_has_the_gibberish_and_questions_to_decline() -> None:
    assert len(WHOLE) == len(CASES) - 1
    assert sum(not c.expect for c in CASES if c.question in WHOLE) >= 8


@pytest.mark.parametrize("question", WHOLE, ids=lambda q: q[:40])
@pytest.mark.parametrize("previous", [EU, CHINA])
def test_every_evaluation_question_stands_alone_as_a_reply(
    engine: Engine, previous: str, question: str
) -> None:
    # Each is a whole question; replying with it to another answer must not change it.
    assert combine(previous, question, engine.lexicon) == question


@pytest.mark.parametrize("previous", [EU, CHINA])
def test_one_word_of_gibberish_as_a_reply_continues_the_previous_question(
    engine: Engine, previous: str
) -> None:
    assert combine(previous, GIBBERISH, engine.lexicon) == f"{previous} {GIBBERISH}"


@pytest.mark.parametrize(
    "question",
    [
        "what is RLHF",
        "What is BadLlama?",
        "What's RLHF?",
        "who is Meta?",
        "define RLHF",
        "what did Mozilla say",  # once appended to the question before it
        "who has Meta released?",
        "is there anything about india",
        "does the review mention Mistral?",
        "How does China regulate open-source models?",
        "Does the EU AI Act exempt open-source models from its rules?",
    ],
)
def test_self_contained_questions_are_not_elliptical(question: str) -> None:
    assert not is_elliptical(question)


@pytest.mark.parametrize(
    "question",
    [
        "what about China?",
        "What about the US",
        "and the EU?",
        "And China?",
        "how about Beijing",
        "what of the US?",
        "same for China",
        "ok and the EU",
        "also China?",
        "but the US?",
        "then China?",
        "China?",
        "why?",
        "why is that?",
        "What is it?",
        "what did they say?",
        "how does that work",
        "is there more on that?",
        "",
    ],
)
def test_continuations_and_bare_words_are_elliptical(question: str) -> None:
    assert is_elliptical(question)


def test_long_replies_stand_alone_even_when_they_open_like_a_continuation(engine: Engine) -> None:
    reply = "and how do the exemptions treat monetised open-source software releases"
    assert is_elliptical(reply)
    assert len(tokenize(reply)) > MAX_ELLIPTICAL_TERMS
    assert combine(EU, reply, engine.lexicon) == reply


@pytest.mark.parametrize(
    "reply",
    ["thanks", "thank you!", "hi", "bye", "who are you?", "cool", "ok", "interesting", "😂", "👍"],
)
def test_small_talk_as_a_reply_stands_alone(engine: Engine, reply: str) -> None:
    assert is_elliptical(reply)  # short enough to be read as a continuation, but is not one
    assert combine(EU, reply, engine.lexicon) == reply


def test_no_previous_question_means_no_change(engine: Engine) -> None:
    for previous in ("", "   "):
        assert combine(previous, "what about China?", engine.lexicon) == "what about China?"


@pytest.mark.parametrize("reply", ["when was it published", "who is it for", "who wrote it?"])
def test_a_question_about_the_document_stands_alone(engine: Engine, reply: str) -> None:
    # Once "what does the EU AI Act exempt? when was it published", and then every later
    # reply was appended to that.
    assert combine(EU, reply, engine.lexicon) == reply
    assert engine.answer(reply).facts


@pytest.mark.parametrize("reply", ["benefits?", "any downsides?", "risks"])
def test_one_side_of_the_subject_as_a_reply_stands_alone(engine: Engine, reply: str) -> None:
    # "What does China require? benefits?" was declined; alone, the summary answers it.
    assert combine("What does China require?", reply, engine.lexicon) == reply
    assert engine.answer(reply).confidence == "high"


def test_a_reply_that_only_points_back_is_read_with_the_question_before(engine: Engine) -> None:
    # Alone it asks nothing and gets a reply saying so; after an answer it continues it.
    alone = engine.answer("and the other one?")
    assert alone.status == "no_answer" and not alone.quotes
    previous = "what are the risks and benefits of open-sourcing?"
    combined = combine(previous, "and the other one?", engine.lexicon)
    assert combined.startswith(previous)
    assert engine.answer(combined).quotes
