"""The answer pipeline: verbatim quotes, honest declines, jurisdictions, suggestions."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.load import Corpus
from retrieval.engine import (
    MAX_QUESTION_CHARS,
    RELATED,
    SMALL_TALK,
    SOURCES,
    Engine,
    indexed_text,
)
from retrieval.evaluation import load_cases, set_path
from retrieval.quotes import MAX_QUOTE_CHARS
from retrieval.text import sentences, tokenize
from retrieval.types import Answer
from tests import contract

CASES = load_cases(set_path("regression"))


def _all_pages(engine: Engine, question: str) -> list[Answer]:
    pages = [engine.answer(question)]
    while pages[-1].has_more:
        pages.append(engine.answer(question, page=len(pages)))
    return pages


def _assert_verbatim(answer: Answer, corpus: Corpus) -> None:
    for quote in answer.quotes:
        text = corpus.by_id[quote.passage_id].text
        assert quote.text == text[quote.start : quote.end]
        assert quote.text in text
        for start, end in quote.highlights:
            assert 0 <= start < end <= len(quote.text)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.question[:40])
def test_every_quote_of_every_eval_question_is_verbatim(
    engine: Engine, corpus: Corpus, case
) -> None:  # type: ignore[no-untyped-def]
    for answer in _all_pages(engine, case.question):
        _assert_verbatim(answer, corpus)


@pytest.mark.parametrize("case", [c for c in CASES if c.expect], ids=lambda c: c.question[:40])
def test_quotes_are_whole_contiguous_sentences(engine: Engine, corpus: Corpus, case) -> None:  # type: ignore[no-untyped-def]
    for quote in engine.answer(case.question).quotes:
        spans = sentences(corpus.by_id[quote.passage_id].text)
        starts = [s for s, _ in spans]
        ends = [e for _, e in spans]
        assert quote.start in starts and quote.end in ends
        covered = starts.index(quote.start), ends.index(quote.end)
        # A jurisdiction's section or the summary is quoted whole, by design.
        if (quote.start, quote.end) == (0, len(corpus.by_id[quote.passage_id].text)):
            continue
        assert 0 <= covered[1] - covered[0] < 3
        if covered[1] > covered[0]:
            assert len(quote.text) <= MAX_QUOTE_CHARS


def test_the_eu_exemption_question_quotes_the_eu_section(engine: Engine) -> None:
    answer = engine.answer("What does the EU AI Act exempt?")
    assert answer.status == "answered"
    assert answer.jurisdictions == ("EU",)
    top = answer.quotes[0]
    assert top.passage_id == "osai.policy.eu.1"
    assert "exempts open-source models" in top.text
    assert top.citation.endswith("Current Regulatory Policies › The EU")
    assert top.url and top.url.startswith("https://forum.effectivealtruism.org/")
    assert any(top.text[a:b].lower().startswith("exempt") for a, b in top.highlights)


@pytest.mark.parametrize(
    "question", ["What is the capital of France?", "asdfgh", "How do I bake bread?"]
)
def test_off_topic_questions_are_declined_with_what_the_review_covers(
    engine: Engine, question: str
) -> None:
    answer = engine.answer(question)
    assert answer.status == "no_answer"
    assert answer.quotes == ()
    assert answer.message and "US, the EU and China" in answer.message


@pytest.mark.parametrize(
    ("question", "place"),
    [
        ("What does the UK say about open-source AI?", "the UK"),
        ("How does India regulate open models?", "India"),
        # The review treats the EU as a whole, not its member states.
        ("does germany exempt open source?", "Germany"),
        # A place's regulator or bill names the place.
        ("what were the CMA's main findings on foundation models?", "the UK"),
        ("whats the cnil position on training ai on customer data", "France"),
    ],
)
def test_uncovered_jurisdictions_are_named_plainly(
    engine: Engine, question: str, place: str
) -> None:
    answer = engine.answer(question)
    assert answer.status == "no_answer"
    assert (
        answer.message
        == f"The review covers the US, the EU and China; it does not discuss {place}."
    )


def test_an_uncovered_place_beside_a_covered_one_answers_for_the_covered_one(
    engine: Engine,
) -> None:
    answer = engine.answer("How does the UK compare with the EU on open-source exemptions?")
    assert answer.status == "answered"
    assert answer.jurisdictions == ("EU",)
    assert answer.message == (
        "The review does not discuss the UK; here is what it says about the EU."
    )
    # What it says of the EU does not answer what was asked of the UK.
    assert answer.confidence == "low"
    # Asked of every place it covers and another, a question is about its scope.
    scope = engine.answer("why only the US, the EU and China, not the UK?")
    assert scope.confidence == "high"
    assert "leading governmental bodies" in scope.quotes[0].text


@pytest.mark.parametrize(
    "question",
    [
        "best open weight model right now for coding",
        "which open source llm should i use for my chatbot",
        "is it ok to use GPL code in my closed source saas?",
    ],
)
def test_a_pick_for_the_asker_s_own_use_is_answered_at_most_as_related(
    engine: Engine, question: str
) -> None:
    # The review recommends no model: what it says of Llama 2 only touches on it.
    answer = engine.answer(question)
    assert answer.confidence != "high"
    assert answer.status == "no_answer" or answer.message == RELATED


def test_a_pick_in_the_review_s_words_is_declined_unlike_help_with_reading_it(
    engine: Engine,
) -> None:
    # Every word of both is the review's; only the second can be answered by it.
    pick = engine.answer("any good book on running open source communities")
    assert pick.status == "no_answer"
    helped = engine.answer("help me with the anti-ban side: the 'too much power' argument?")
    assert helped.status == "answered"


def test_a_member_state_beside_the_eu_act_is_not_answered_confidently(engine: Engine) -> None:
    # Once a confident quote that the AI Act was contentious, for what France argued.
    answer = engine.answer("What did France argue during the AI Act negotiations?")
    assert answer.jurisdictions == ("EU",) and answer.confidence == "low"
    assert answer.message and "does not discuss France" in answer.message


@pytest.mark.parametrize(
    ("typo", "fixed", "passage"),
    [("Lama", "Llama", "osai.effects.7"), ("Chian", "China", "osai.policy.china.1")],
)
def test_misspellings_are_corrected_and_suggested(
    engine: Engine, typo: str, fixed: str, passage: str
) -> None:
    question = (
        f"What did Meta release with {typo} 2?"
        if typo == "Lama"
        else f"Does {typo} regulate open source models?"
    )
    answer = engine.answer(question)
    assert answer.suggestions == (question.replace(typo, fixed),)
    assert answer.quotes[0].passage_id == passage


def test_everyday_words_are_not_corrected_into_corpus_words(engine: Engine) -> None:
    assert engine.answer("How do I reset my password?").suggestions == ()
    assert engine.answer("What's the weather in Paris?").suggestions == ()
    # Each is a fuzzy match for a corpus word ("worst", "world", "models", "deployed").
    for question in (
        "is it worth releasing the weights?",
        "help me word the EU exemption for my essay",
        "a modest summary of the risks?",
        "why was the Llama release delayed?",
    ):
        assert engine.corrections(question) == [], question


def test_a_word_beside_an_uncovered_place_is_not_corrected_into_a_covered_ones_name(
    engine: Engine,
) -> None:
    # "aiaa" is one edit from "AIA", the EU's act; beside Canada it is the asker's name for
    # Canada's bill.
    assert engine.corrections("is the aiaa bill dead?") == [("aiaa", "AIA")]
    answer = engine.answer("where is canada's ai bill at, aiaa or whatever it's called")
    assert answer.suggestions == () and answer.jurisdictions == ()
    assert answer.status == "no_answer" and "does not discuss Canada" in (answer.message or "")


@pytest.mark.parametrize(
    ("alias", "jurisdiction"),
    [
        ("Brussels", "EU"),
        ("the White House", "US"),
        ("Beijing", "China"),
        ("the PRC", "China"),
        ("America", "US"),
        ("the CAC", "China"),
    ],
)
def test_jurisdiction_aliases_are_detected_and_boost_their_section(
    engine: Engine, alias: str, jurisdiction: str
) -> None:
    answer = engine.answer(f"What does {alias} say about open-source models?")
    assert answer.jurisdictions == (jurisdiction,)
    assert jurisdiction in answer.quotes[0].jurisdictions


def test_lowercase_us_is_a_pronoun_unless_it_is_the_us(engine: Engine) -> None:
    assert engine.answer("tell us about open weights").jurisdictions == ()
    assert engine.answer("what does the us say about open source").jurisdictions == ("US",)


def test_narrowing_to_a_jurisdiction_quotes_only_its_passages(engine: Engine) -> None:
    answer = engine.answer("open-source models", jurisdiction="China")
    assert answer.quotes and all("China" in q.jurisdictions for q in answer.quotes)


def test_paging_gives_new_quotes_until_there_are_none(engine: Engine) -> None:
    pages = _all_pages(engine, "open source models safety")
    ids = [q.passage_id for page in pages for q in page.quotes]
    assert len(pages) > 1 and len(ids) == len(set(ids))
    assert not pages[-1].has_more


def test_the_lost_eo_list_is_reported_with_where_to_read_it(engine: Engine) -> None:
    answer = engine.answer("What does section 4.6 ask the Secretary of Commerce to do?")
    assert answer.quotes[0].passage_id == "osai.policy.us.1"
    (note,) = [n for n in answer.notes if n.gap_id == "osai.gaps.eo_46_list"]
    assert note.read_instead[0].id == "us_eo_14110"


def test_excerpts_carry_the_source_they_quote(engine: Engine) -> None:
    answer = engine.answer("How much did it cost to train away the harmlessness?")
    excerpt = next(q for q in answer.shown_quotes if q.kind == "excerpt")
    assert excerpt.source is not None and excerpt.source.id == "ladish_interview"
    assert "quoting Interview with Jeffrey Ladish" in excerpt.citation


@pytest.mark.parametrize("question", ["", "   ", "\x00\x01", "\u202e\u200b", "?!?", "@@@ ###"])
def test_empty_or_symbol_only_questions_are_invalid(engine: Engine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.status in {"invalid", "no_answer"}
    assert answer.message
    if not question.strip("\x00\x01\u202e\u200b ?!"):
        assert answer.status == "invalid"


@pytest.mark.parametrize(
    ("message", "reply"),
    [
        ("👋", "greeting"),
        ("🙏🙏", "thanks"),
        ("👍", "thanks"),
        ("😂😂", "reaction"),
        ("🤔", "reaction"),
        (":)", "reaction"),
    ],
)
def test_an_emoji_alone_is_answered_as_small_talk(engine: Engine, message: str, reply: str) -> None:
    answer = engine.answer(message)
    assert answer.status == "no_answer"
    assert answer.message == SMALL_TALK[reply]


def test_a_huge_question_is_invalid_with_its_length(engine: Engine) -> None:
    answer = engine.answer("open source " * 1000)
    assert answer.status == "invalid"
    assert (
        answer.message and f"{MAX_QUESTION_CHARS}" in answer.message and "11,999" in answer.message
    )


def test_control_characters_are_removed_from_the_echoed_question(engine: Engine) -> None:
    answer = engine.answer("What does the\u202e EU\x00 exempt?")
    assert answer.question == "What does the EU exempt?"
    assert answer.status == "answered"


def test_answers_are_deterministic(engine: Engine) -> None:
    assert engine.answer("open weights risks") == engine.answer("open weights risks")


def test_json_shape_is_the_public_contract(engine: Engine) -> None:
    # Every field and type: retrieval/answer.schema.json (tests/test_contract.py breaks it).
    data = contract.check(engine.answer("What is RLHF?").to_json())
    quote = data["quotes"][0]
    assert isinstance(quote["score"], float) and "**" not in quote["text"]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=600))
def test_answer_never_raises_and_stays_verbatim(
    engine: Engine, corpus: Corpus, question: str
) -> None:
    answer = engine.answer(question)
    contract.check(answer.to_json())
    _assert_verbatim(answer, corpus)


def test_every_alternative_of_a_concept_is_searched(engine: Engine) -> None:
    # Coverage reads which alternatives a passage holds off its hit (retrieval/rank.py).
    lexicon = engine.lexicon
    for case in CASES:
        expansion = lexicon.expand(case.question, lexicon.jurisdictions(case.question))
        for _, alternatives in expansion.concepts:
            assert alternatives <= set(expansion.terms), case.question


def test_all_three_asks_of_every_jurisdiction(engine: Engine) -> None:
    # Once the analysis passage alone, as a related answer.
    answer = engine.answer("compare all three")
    assert answer.jurisdictions == ("US", "EU", "China") and answer.confidence == "high"
    shown = {j for q in answer.quotes for j in q.jurisdictions}
    assert shown >= {"EU", "China"}
    # "Which one of the three" asks for one of them, by a sentence that names it.
    one = engine.answer("of the 3 regions which one is friendliest to open models")
    assert one.jurisdictions == ()


def test_a_request_for_the_sources_points_to_the_command(engine: Engine) -> None:
    # Once a related answer quoting the 3D-printed rocket launcher.
    answer = engine.answer("what sources does the review cite?")
    assert answer.status == "no_answer" and not answer.quotes
    assert answer.message == SOURCES


def test_an_excerpt_is_indexed_with_the_name_of_the_source_it_quotes(corpus: Corpus) -> None:
    # Mozilla's letter is quoted without its name: without passage questions that name it
    # (a corpus of one's own may have none), "the Mozilla statement" must still find it.
    excerpt = next(e for e in corpus.entries if e.id == "osai.effects.16")
    bare = dataclasses.replace(excerpt, questions=())
    assert "Mozilla" not in bare.text
    assert "mozilla" in tokenize(indexed_text(bare))


def _within(corpus: Corpus, section: str) -> list[str]:
    """The passages of `section` and the sections under it, in corpus order."""
    return [e.id for e in corpus.entries if e.id == section or e.id.startswith(f"{section}.")]


@pytest.mark.parametrize(
    ("question", "section"),
    [
        ("what's in the analysis section", "osai.analysis"),
        ("summarize the introduction", "osai.intro"),
        ("what does the intro part say", "osai.intro"),
        ("tl;dr of the introduction section", "osai.intro"),
        ("summary of the effects on AI safety section", "osai.effects"),
        # A section's passages include those of the sections under it.
        ("summarize the section on current regulatory policies", "osai.policy"),
    ],
)
def test_a_section_asked_for_by_its_title_is_quoted_whole_in_order(
    engine: Engine, corpus: Corpus, question: str, section: str
) -> None:
    pages = _all_pages(engine, question)
    shown = [q.passage_id for page in pages for q in page.quotes]
    within = [e.id for e in corpus.entries if e.id == section or e.id.startswith(f"{section}.")]
    assert shown == within
    assert all(page.confidence == "high" for page in pages)
    for page in pages:
        _assert_verbatim(page, corpus)


@pytest.mark.parametrize(
    "question",
    [
        "which section of the review covers bioweapons?",  # a topic, not a title
        "does the analysis section take a position on the tradeoff?",
        "summarize the effects",  # some of a title's words, without "section"
    ],
)
def test_a_question_about_a_topic_is_not_answered_with_a_whole_section(
    engine: Engine, corpus: Corpus, question: str
) -> None:
    shown = [q.passage_id for q in engine.answer(question).quotes]
    sections = {s.id for doc in corpus.documents for s in doc.sections}
    assert all(shown != _within(corpus, s)[: len(shown)] or not shown for s in sections)


def test_a_summary_of_one_word_of_the_reviews_own_summary_is_of_its_subject(
    engine: Engine, corpus: Corpus
) -> None:
    # "The effects" alone reads like an everyday request; beside the review's summary, which
    # speaks of effects, it asks for that summary.
    answer = engine.answer("summarize the effects")
    assert answer.status == "answered" and answer.quotes
    assert all(corpus.by_id[q.passage_id].section.summary for q in answer.quotes)
    assert engine.answer("summarize the weather").status == "no_answer"


def test_a_summary_of_the_conversation_itself_is_declined(engine: Engine) -> None:
    for asked in ("summarise what everyone said in this channel today", "tldr of this thread"):
        answer = engine.answer(asked)
        assert answer.status == "no_answer" and not answer.quotes, asked
    assert engine.answer("summarize the discussion about open weights").quotes


def test_when_something_first_came_about_is_declined_without_a_date(engine: Engine) -> None:
    # The review names Linux, but tells none of its history.
    answer = engine.answer("when was linux first released")
    assert answer.status == "no_answer" and not answer.quotes
    # Nor who began it, and when: the first quote, on Linux, states no date, though a later
    # one (Llama 3's release) does.
    assert engine.answer("who started linux and when").status == "no_answer"
    # Without "first", a "when" with no date quoted is related, as before.
    assert engine.answer("when was the executive order released?").quotes


def test_a_meaning_asked_for_is_quoted_from_the_sentence_that_says_it(engine: Engine) -> None:
    answer = engine.answer("what does it actually mean when devs make their stuff open source")
    assert answer.quotes and "freely share the underlying source" in answer.quotes[0].text


def test_a_reason_asked_for_is_quoted_from_the_sentence_that_gives_it(engine: Engine) -> None:
    answer = engine.answer("why did llama 3 dropping get everyone worked up about this again")
    assert answer.quotes and "fresh attention" in answer.quotes[0].text


def test_a_count_of_something_the_corpus_never_names_is_declined(engine: Engine) -> None:
    answer = engine.answer("how much water does chatgpt use per prompt")
    assert answer.status == "no_answer" and not answer.quotes
    # The corpus never says "signatures", but its first quote states the count.
    assert engine.answer("how many signatures did the mozilla openness letter get").quotes
    # Told as context, the count is not what is asked.
    told = "I know how much tacit knowledge a lab needs. Could open models help build a bioweapon?"
    assert engine.answer(told).quotes


def test_what_another_post_of_the_series_says_is_declined(engine: Engine) -> None:
    asked = "convergence's ai incident reporting post in the same series, what does it say?"
    assert engine.answer(asked).status == "no_answer"
    # Which posts there are, its introduction tells.
    assert engine.answer("how many posts are in the series?").status == "answered"


def test_a_date_asked_of_a_work_named_before_is_declined(engine: Engine) -> None:
    # "It" stands for the essay the clause before names; the review's date is no answer.
    asked = engine.answer("doctorow's enshittification essay, when was it first published")
    assert asked.status == "no_answer" and not asked.facts
    # "This" points at the review, whatever the asker adds.
    assert engine.answer("when did this come out, bluebook needs a date").facts
    # A title in everyday words that the corpus never uses is a work too.
    titled = engine.answer("cathedral and the bazaar — who wrote it and when")
    assert titled.status == "no_answer" and not titled.facts
    # Words after the question are no title: "here" is the review.
    assert engine.answer("who's the intended audience here, practitioners? academics?").quotes


def test_the_meaning_of_a_term_the_corpus_never_uses_is_declined(engine: Engine) -> None:
    answer = engine.answer("what does 'restricted weights' mean?")
    assert answer.status == "no_answer" and not answer.quotes
    # In any of its word forms, a term it uses is answered.
    assert engine.answer("what does 'open sourcing' mean?").status == "answered"
    assert engine.answer("what's an 'information hazard'?").confidence == "high"


def test_a_date_of_something_the_corpus_never_names_is_declined(engine: Engine) -> None:
    answer = engine.answer("when did netscape open source its browser and why")
    assert answer.status == "no_answer" and not answer.quotes
    # Of what it names, the date it states answers.
    assert engine.answer("when did llama 3 come out").confidence == "high"


def test_a_court_case_the_corpus_never_names_is_declined(engine: Engine) -> None:
    answer = engine.answer("bernstein v DOJ said code is speech, does that cover model weights too")
    assert answer.status == "no_answer" and not answer.quotes


def test_a_question_on_both_sides_is_answered_by_the_sentence_that_weighs_them(
    engine: Engine,
) -> None:
    # The section's first sentence names the order; the one that answers weighs both sides.
    answer = engine.answer("does biden's executive order say open weights are good or bad")
    assert answer.quotes and "substantial benefits" in answer.quotes[0].text


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # "agreement" is no form of "agrees" to the stemmer: the question was declined.
        ("is there any agreement on how open is too open", "No one agrees on the right balance"),
        # "softer" was in the group of treating favorably, not "softest".
        ("whos the softest on open source out of the three", "treats open-source models favorably"),
    ],
)
def test_a_word_of_the_lexicon_finds_the_sentence_in_other_words(
    engine: Engine, question: str, sentence: str
) -> None:
    answer = engine.answer(question)
    assert answer.status == "answered"
    assert any(sentence in quote.shown for quote in answer.quotes)
