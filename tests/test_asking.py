"""The part of a message that asks, and what its other clauses tell of the asker."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from retrieval.asking import (
    asking_and_context,
    asking_part,
    capitalised_names,
    names_happening,
    offers_options,
    questions_in,
    told_of,
    without_asker_context,
    without_purpose,
)
from retrieval.help_requests import after_off_topic_note
from retrieval.intent import Intent


@pytest.mark.parametrize(
    ("text", "intent", "asked"),
    [
        (
            "my boss needs a one pager on this before the committee hearing, can you "
            "summarize the main takeaways",
            "overview",
            "can you summarize the main takeaways",
        ),
        (
            "when did the piece come out? i write for a small tech newsletter in brazil",
            "document",
            "when did the piece come out?",
        ),
        ("key takeaways pls, staff meeting at 2", "overview", "key takeaways pls"),
        ("bus planner here, what's the outline?", "overview", "what's the outline?"),
        # Every clause about the asker: all of it; none: all of it.
        ("i need the key points for my class", "overview", "i need the key points for my class"),
        ("open weights vs real open source, the diff in a nutshell?", "overview", None),
        # A clause that asks is kept, whoever it is about.
        ("bottom line, do we have extra legal duties as open model devs?", "overview", None),
    ],
)
def test_a_request_is_read_without_its_clauses_about_the_asker(
    text: str, intent: Intent, asked: str | None
) -> None:
    assert without_asker_context(text, intent) == (text if asked is None else asked)


@pytest.mark.parametrize(
    ("text", "without"),
    [
        ("china summary pls, for my essay", "china summary pls,"),
        ("summarize the eu part for our board meeting?", "summarize the eu part ?"),
        ("what's the us position, in two lines for my manager", "what's the us position,"),
        ("the eu approach in plain English please", "the eu approach please"),
        ("china in 3 bullet points?", "china ?"),
        ("quick summary for a game night argument lol", "quick summary"),
        ("summary for book club tonight please", "summary"),
        ("main points for tomorrow's hearing prep?", "main points ?"),
        ("explain the main points like i'm 12", "explain the main points"),
        ("key arguments for Senator Warren's office?", "key arguments ?"),
        ("gist for Dr. Okafor", "gist"),
        ("the takeaways for Politico readers", "the takeaways"),
        ("is open source good for students", None),
        # Not where the clause goes on to ask something.
        ("how do i explain to my board why the EU went easy?", None),
        ("what does it say on risks for open models?", None),
    ],
)
def test_what_the_asker_needs_it_for_is_left_out(text: str, without: str | None) -> None:
    assert without_purpose(text) == (without or text)


@pytest.mark.parametrize(
    ("text", "intent", "asking"),
    [
        ("summarise the DSA? I need it for a memo", "overview", "summarise the DSA?"),
        ("I'm new here. Who wrote this? Thanks", "document", "Who wrote this?"),
        ("no kind words here. at all", "overview", "no kind words here. at all"),
        ("summary? then the key takeaways", "overview", "summary? then the key takeaways"),
    ],
)
def test_the_asking_part_is_the_sentences_with_the_words_of_its_kind(
    text: str, intent: str, asking: str
) -> None:
    assert asking_part(text, intent) == asking  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "asking"),
    [
        ("summary please, for my class", "summary please,"),
        ("give me the key points - i have a meeting", "give me the key points"),
        ("open weights vs open source: the diff in a nutshell?", "the diff in a nutshell?"),
        ("tl;dr please", "tl;dr please"),
    ],
)
def test_the_asking_clauses_are_those_with_the_words_of_its_kind(text: str, asking: str) -> None:
    assert asking_part(text, "overview", clauses=True) == asking


@pytest.mark.parametrize(
    ("reads", "message", "asking"),
    [
        (
            questions_in,
            "whats the series called? need to credit it on air",
            "whats the series called?",
        ),
        (questions_in, "sorry, dumb q. who wrote it? asking for my essay.", "who wrote it?"),
        (questions_in, "what is an open weight model?", None),
        (questions_in, "why? and how?", None),
        (questions_in, "tell me about the EU. thanks", None),
        # A last clause that asks, without its mark, beside context: not one that leans on
        # what came before, nor after a clause that asks.
        (
            questions_in,
            "debate lesson w year 11 tmrw, whats the best argument for keeping ai open",
            "whats the best argument for keeping ai open",
        ),
        (questions_in, "pseudonymised vs anonymised data, where's the line", None),
        (questions_in, "what about china, do they have special rules for open models", None),
        (after_off_topic_note, "Off topic, but is my bill legal?", "is my bill legal?"),
        (after_off_topic_note, "totally unrelated: best gym routine?", "best gym routine?"),
        (after_off_topic_note, "offtopic - what is rlhf", "what is rlhf"),
        (after_off_topic_note, "off topic!", ""),
        # Only changing the subject, or using the word: not a note that it is off topic.
        (after_off_topic_note, "unrelated to my last question, but what does china require?", None),
        (after_off_topic_note, "is open sourcing unrelated to safety?", None),
        (after_off_topic_note, "what does the EU exempt?", None),
    ],
)
def test_what_a_message_asks_beside_its_context(
    reads: Callable[[str], str | None], message: str, asking: str | None
) -> None:
    # The questions among sentences of context; what follows a note that it is off topic.
    assert reads(message) == asking


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("the oscars were last night. recap?", ["the oscars were last night."]),
        ("the hearing ran long - whats the gist", ["the hearing ran long"]),
        ("Barbie — key points? my gf loved it", ["Barbie", "my gf loved it"]),
        ("summary please", []),
    ],
)
def test_the_context_of_an_overview_is_what_it_says_beside_asking(
    text: str, context: list[str]
) -> None:
    assert asking_and_context(text, "overview")[1] == context


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("the senate hearing was today", True),
        ("missed last night's episode", True),
        ("the email from HR about pensions", True),
        ("busy day, no time to read", False),
        ("writing a newsletter tonight", False),
        ("prepping for a talk tomorrow", False),
        ("finished Middlemarch last night", True),
        ("what is The Road about,", True),
        ("what happened in the final", True),
        ("what happened with the Equifax breach", True),
        ("the school sent a policy doc about phones", True),
        ("read 40 pages already", False),
        ("finished my shift", False),
        ("read up on it", False),
    ],
)
def test_a_happening_is_named_unless_it_is_the_askers_own_doing(text: str, names: bool) -> None:
    assert names_happening(text) is names


@pytest.mark.parametrize(
    ("text", "told"),
    [
        ("I'm a journalist at Le Monde", "I'm a journalist"),
        ("presenting to the Bundestag tomorrow", ""),
        ("read 40 pages already", "read pages already"),
        ("finished Middlemarch last night", "finished Middlemarch last night"),
    ],
)
def test_what_a_clause_tells_of_leaves_out_the_askers_place_and_amounts(
    text: str, told: str
) -> None:
    assert told_of(text) == told


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Finished Middlemarch. Loved The Road", ["Middlemarch", "The", "Road"]),
        ("I think I'd like a recap", []),
        ("finished middlemarch", None),
        # An acronym is a name wherever it stands; a word typed in capitals is not.
        ("BIPA exposure - quick rundown?", ["BIPA"]),
        ("OK so what about the EU", ["EU"]),
        ("WHAT is this", []),
    ],
)
def test_names_are_the_words_capitalised_inside_a_sentence(
    text: str, names: list[str] | None
) -> None:
    assert capitalised_names(text) == names


@pytest.mark.parametrize(
    ("clause", "offers"),
    [
        ("techies or lawmakers?", True),
        ("2023 or 2024", True),
        ("finished Middlemarch last night and loved it", False),
        ("the email from HR", False),
    ],
)
def test_a_clause_may_only_offer_answers_to_choose_from(clause: str, offers: bool) -> None:
    assert offers_options(clause) is offers
