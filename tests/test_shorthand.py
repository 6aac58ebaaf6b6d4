"""Chat shorthand: "ppl", "w/o", "devs" are read as the words they stand for."""

from __future__ import annotations

import pytest

from retrieval.engine import Engine
from retrieval.shorthand import (
    expand_shorthand,
    single_marks,
    unshouted,
    with_links_read,
    without_handles,
    without_question_label,
    without_request_for_place,
    without_request_frame,
    without_salutation,
    without_whom_for,
)


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
        ("gimme the gist, need it tmrw", "give me the gist, need it tomorrow"),
        ("a one-liner for listeners", "a one sentence for listeners"),
        (
            "who in the us gov does the exec order task",
            "who in the us government does the executive order task",
        ),
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


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("@Verbatim what is RLHF", "what is RLHF"),
        ("hey @verbatim, who wrote this?", "hey , who wrote this?"),
        ("@everyone @here what does China require", "what does China require"),
        ("mail a@b.com about it", "mail a@b.com about it"),  # an address, not a handle
        ("@", "@"),
    ],
)
def test_handles_typed_as_text_are_dropped(typed: str, read: str) -> None:
    assert without_handles(typed) == read


def test_a_handle_changes_nothing_of_the_answer(engine: Engine) -> None:
    for question in ("what does china require?", "what is rlhf"):
        plain, addressed = engine.answer(question), engine.answer(f"@Verbatim {question}")
        assert addressed.question == f"@Verbatim {question}"  # echoed as typed
        assert addressed.quotes == plain.quotes and addressed.confidence == plain.confidence
    alone = engine.answer("@Verbatim")
    assert alone.status == "invalid" and not alone.quotes


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("hey, what does the EU exempt?", "what does the EU exempt?"),
        ("Hi there! who wrote this?", "who wrote this?"),
        ("thx, and what about china", "and what about china"),
        ("Good morning. Which organisation is behind it?", "Which organisation is behind it?"),
        ("Guten Tag, who wrote this review?", "who wrote this review?"),
        ("hola! what does china require", "what does china require"),
        ("hi there", "hi there"),  # a greeting alone stays one
        ("salutary lessons from the EU", "salutary lessons from the EU"),  # a word, not "salut"
        ("history of the EU act", "history of the EU act"),  # "hi" only as a word
    ],
)
def test_a_greeting_before_a_question_is_dropped(typed: str, read: str) -> None:
    assert without_salutation(typed) == read


def test_a_greeting_changes_nothing_of_the_answer_but_stays_a_greeting_alone(
    engine: Engine,
) -> None:
    plain = engine.answer("what does the EU exempt?")
    greeted = engine.answer("hey, what does the EU exempt?")
    assert greeted.quotes == plain.quotes and greeted.confidence == plain.confidence
    for small_talk in ("hi there", "thanks for the help yesterday, the EU summary was great"):
        answer = engine.answer(small_talk)
        assert not answer.quotes and answer.message and "Nothing" not in answer.message


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("quote the part about linux", "linux"),
        ("can you show me the passage on RLHF?", "RLHF?"),
        ("find me the line where they give the cost of BadLlama", "they give the cost of BadLlama"),
        ("quote the part", "quote the part"),  # nothing left to ask of: kept
        ("what does the review quote from Mozilla?", "what does the review quote from Mozilla?"),
    ],
)
def test_a_request_for_a_place_in_the_review_is_not_read_as_its_subject(
    typed: str, read: str
) -> None:
    assert without_request_for_place(typed) == read


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("can you tell me what China requires?", "what China requires?"),
        ("could u pls tell me how much BadLlama cost", "how much BadLlama cost"),
        ("I'd like to know whether the EU exempts them", "whether the EU exempts them"),
        ("do you know who wrote this?", "who wrote this?"),
        # Asked of the channel, it stays: the asker may not mean the review.
        ("does anyone know when the train leaves?", "does anyone know when the train leaves?"),
        ("tell me about the EU", "tell me about the EU"),
    ],
)
def test_a_requests_frame_is_read_without(typed: str, read: str) -> None:
    assert without_request_frame(typed) == read


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("sorry noob q: what are 'weights' exactly", "what are 'weights' exactly"),
        ("dumb question but what does open source mean", "what does open source mean"),
        ("quick q - who wrote this?", "who wrote this?"),
        ("random q, is a ball python an ok pet?", "is a ball python an ok pet?"),
        # An apology for it is a label too.
        ("Pardon my ignorance, but what are weights?", "what are weights?"),
        ("sorry if this is a dumb question: who wrote it", "who wrote it"),
        ("forgive me for my naive question - is llama open", "is llama open"),
        # Not an apology for the question, nor one with nothing after it.
        ("pardon my french but this is bad", "pardon my french but this is bad"),
        ("pardon my ignorance", "pardon my ignorance"),
        # The question itself, or a label with nothing after it, stays.
        ("quick question", "quick question"),
        ("question about the EU exemption", "question about the EU exemption"),
        ("q: ", "q: "),
    ],
)
def test_a_label_on_the_question_is_read_without(typed: str, read: str) -> None:
    assert without_question_label(typed) == read


def test_a_labelled_question_is_answered_as_without(engine: Engine) -> None:
    plain = engine.answer("what are weights exactly")
    labelled = engine.answer("noob question: what are weights exactly")
    assert labelled.status == "answered"
    assert labelled.passage_ids == plain.passage_ids


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("summarize china for me", "summarize china"),
        ("explain open weights for us pls?", "explain open weights?"),
        ("for me", "for me"),
        # Not inside the message: "for me" may be what is asked.
        ("is it for me or for you", "is it for me or for you"),
        # Those it is passed on to, and what the asker writes.
        ("give me the pros and cons for the councillors", "give me the pros and cons"),
        ("key risks for my policy team please", "key risks"),
        ("what does the EU require, for my essay?", "what does the EU require,?"),
        # How to explain it, to whom.
        ("what even are 'weights'. explain like im not a tech bro", "what even are 'weights'."),
        ("what are weights? explain like I'm five", "what are weights?"),
        ("explain structured access like im 5", "explain structured access"),
        ("explain like im five", "explain like im five"),
        ("is it like a license", "is it like a license"),
        # People the review speaks of are what is asked.
        ("what does the EU require for developers", "what does the EU require for developers"),
        ("is it safe for the users", "is it safe for the users"),
    ],
)
def test_whom_the_request_is_for_is_read_without(typed: str, read: str) -> None:
    assert without_whom_for(typed) == read


def test_pros_and_cons_for_someone_are_the_pros_and_cons(engine: Engine) -> None:
    # "for my boss" was a word the review never uses: the question was declined.
    plain = engine.answer("give me the pros and cons")
    passed_on = engine.answer("give me the pros and cons for my boss")
    assert passed_on.status == "answered" and passed_on.passage_ids == plain.passage_ids


def test_a_summary_for_me_is_the_summary(engine: Engine) -> None:
    for place in ("china", "the eu"):
        plain = engine.answer(f"summarize {place}")
        assert engine.answer(f"summarize {place} for me").passage_ids == plain.passage_ids


def test_a_question_in_a_requests_frame_is_as_sure_as_without(engine: Engine) -> None:
    plain = engine.answer("what does china require?")
    framed = engine.answer("can you tell me what china requires?")
    assert framed.confidence == plain.confidence == "high"
    assert framed.passage_ids[:1] == plain.passage_ids[:1]


def test_quote_the_part_about_linux_quotes_the_part_about_linux(engine: Engine) -> None:
    # "To quote an interview with one of its authors" came first: it holds "quote".
    answer = engine.answer("quote the part about linux")
    assert "Linux" in answer.quotes[0].text


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("HOW MUCH DID BADLLAMA COST", "how much did badllama cost"),
        ("WHAT DOES THE US REQUIRE?!", "what does the us require?!"),
        ("EU AI ACT?", "EU AI ACT?"),  # too short to be shouting: acronyms
        ("What does the EU AI Act exempt?", "What does the EU AI Act exempt?"),
        # A follow-up joined to a shouted question: only the shouting goes.
        (
            "HOW MUCH DID LLAMA 2 COST and what does the US do?",
            "how much did llama 2 cost and what does the US do?",
        ),
        # A contraction stressed alone is read in lower case; other stressed words stay.
        ("with weights only what CAN'T you do", "with weights only what can't you do"),
        ("whats the case FOR keeping it open", "whats the case FOR keeping it open"),
    ],
)
def test_a_shouted_message_is_read_in_lower_case(typed: str, read: str) -> None:
    assert unshouted(typed) == read


def test_shouting_changes_nothing_of_the_answer(engine: Engine) -> None:
    # Capitals mark a name ("US"), so "DID" and "HOW" were read as words to find and the
    # question was declined.
    shouted = engine.answer("HOW MUCH DID BADLLAMA COST")
    plain = engine.answer("how much did badllama cost")
    assert shouted.status == "answered" and shouted.quotes == plain.quotes


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("what does the US require???", "what does the US require?"),
        ("is llama open?!?! really!!", "is llama open? really!"),
        ("why? how? when?", "why? how? when?"),
    ],
)
def test_a_run_of_marks_is_read_as_one(typed: str, read: str) -> None:
    assert single_marks(typed) == read


def test_marks_repeated_change_nothing_of_the_answer(engine: Engine) -> None:
    # The embeddings read every mark: "???" moved the question nearer everyday chat.
    repeated = engine.answer("what does the US require???")
    once = engine.answer("what does the US require?")
    assert repeated.status == "answered" and repeated.quotes == once.quotes


URLS = {"osai": "https://forum.example.org/posts/AbC123/open-source-ai"}


@pytest.mark.parametrize(
    ("typed", "read", "document"),
    [
        ("https://forum.example.org/posts/AbC123 what's this?", "this what's this?", "osai"),
        (
            "<https://www.forum.example.org/posts/abc123/open-source-ai/#intro> tl;dr",
            "this tl;dr",
            "osai",
        ),
        ("see https://forum.example.org/posts/AbC123/open-source-ai?x=1", "see this", "osai"),
        # The site alone, or another page, is no link to the document.
        ("https://forum.example.org what's this?", "https://forum.example.org what's this?", None),
        (
            "https://forum.example.org/posts/AbC1 hm",
            "https://forum.example.org/posts/AbC1 hm",
            None,
        ),
    ],
)
def test_a_link_to_a_document_is_read_as_this(typed: str, read: str, document: str | None) -> None:
    assert with_links_read(typed, URLS) == (read, document)


def test_the_reviews_link_pasted_before_a_question_points_at_it(engine: Engine) -> None:
    url = engine.corpus.documents[0].url
    assert url is not None
    answer = engine.answer(f"{url} who wrote this?")
    assert answer.confidence == "high" and answer.facts


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("if a outfit is sellin their program", "if a outfit is selling their program"),
        ("tryin to keep it from tellin people", "trying to keep it from telling people"),
        ("nothin' to it", "nothing to it"),
        # Words of their own, or too short to tell ("thin", "goin").
        ("a raisin, a protein and a statin", "a raisin, a protein and a statin"),
        ("begin within the cabin, thin margin", "begin within the cabin, thin margin"),
        ("Linkin Park", "Linkin Park"),
    ],
)
def test_a_dropped_g_is_put_back(typed: str, read: str) -> None:
    assert expand_shorthand(typed) == read
