"""The engine's three outcomes and its answers by kind of question, on the packaged corpus."""

from __future__ import annotations

from typing import Any

import pytest

from corpus.load import Corpus
from retrieval import engine as engine_module
from retrieval.engine import NO_ANSWER, RELATED, SMALL_TALK, Engine
from retrieval.index import Hit
from retrieval.jurisdictions import whole
from retrieval.types import Quote
from retrieval.wordweights import rarity


def test_everyday_words_weigh_less_than_rare_ones() -> None:
    assert rarity("actually") < rarity("require") < rarity("marathon") <= 1.0
    assert rarity("zzzzunknownword") == 1.0


def test_an_ordinal_in_digits_weighs_as_spelled_out_and_a_figure_stays_rare() -> None:
    assert rarity("1st") == rarity("first") and rarity("3rd") == rarity("third")
    assert rarity("21st") < rarity("9066") == 1.0


def test_small_talk_is_declined_with_a_friendly_reply(engine: Engine) -> None:
    for text, kind in (
        ("hello", "greeting"),
        ("thanks!", "thanks"),
        ("who are you?", "about_bot"),
        ("gn chat", "farewell"),
        ("what time is it in Brussels?", "right_now"),
        ("what is 2 + 2?", "right_now"),
        ("that's wrong", "reaction"),
        ("do you personally believe closed models are safer?", "bots_view"),
        ("are my questions logged?", "privacy"),
        ("how do i cite this review?", "citing"),
        ("table of contents?", "contents"),
        ("can you give page numbers when you quote? easier for footnotes", "citing"),
        ("ur reply too long, can make short version next time", "about_bot"),
    ):
        answer = engine.answer(text)
        assert answer.status == "no_answer" and not answer.quotes
        assert answer.message == SMALL_TALK[kind]


def test_off_topic_with_a_word_of_the_review_is_never_a_confident_answer(engine: Engine) -> None:
    for text in (
        "best way to train for a marathon?",
        "who won the champions league final",
        # Sure by its words (the sentences on ChatGPT), but its words speak for other things.
        "whats the difference between an llm and a normal chatbot",
    ):
        answer = engine.answer(text)
        assert answer.status == "no_answer" or answer.confidence == "low", text


def test_advice_on_a_practice_of_ones_own_is_declined_unless_asked_of_the_review(
    engine: Engine,
) -> None:
    asked = "what's the current best practice for red teaming LLMs for jailbreaks"
    assert engine.answer(asked).status == "no_answer"
    of_review = "what are best practices for releasing open models according to the review?"
    assert engine.answer(of_review).status == "answered"


def test_a_jurisdictions_section_answers_only_what_its_first_quote_can(engine: Engine) -> None:
    tasks = engine.answer(
        "what exactly does the executive order tell the secretary of commerce to do"
    )
    assert tasks.status == "answered" and tasks.confidence == "low"
    assert tasks.quotes[0].shown.rstrip().endswith("to:")
    assert engine.answer("what does the executive order say?").confidence == "high"


def test_a_count_of_another_work_is_only_related(engine: Engine) -> None:
    answer = engine.answer("how many people signed GitHub's paper on open source in the EU AI Act?")
    assert answer.status == "answered" and answer.confidence == "low"
    assert "1,800" in answer.quotes[0].shown


@pytest.mark.parametrize(
    ("declined", "answered"),
    [
        (
            (
                "anyone got a good explainer on the EU data act?",
                "how does the colorado ai act define high-risk decisions",
                "does the revised eu product liability directive cover open source software now",
                "colorado AI act — what counts as high-risk system there",
            ),
            # "The EU act" is the AI Act, by any name of its place; beside a law the review
            # names, another is compared.
            (
                "what does the EU act exempt?",
                "what does the European Union AI Act exempt?",
                "AI Act exemptions for open source?",
                "how does the CHIPS Act compare with the EU AI Act on open source?",
            ),
        ),
        (
            (
                "what did the RAND report on bioweapons and LLMs find",
                "main critiques in the 'Open Problems and Fundamental Limitations of RLHF' paper?",
                "bengio's international ai safety report, what does it say about open weights",
                "deepseek r1 tech report, what did they say it cost to train",
                "qi et al 'fine-tuning aligned language models compromises safety' how many?",
                # Beside the review, or "the authors" of it: the review never speaks of it.
                "does the review agree with the RAND report on bioweapons?",
                "stochastic parrots paper, who are the authors and what were the main risks?",
                # By a title typed in lower case that the corpus never uses.
                "anthropic's sleeper agents paper, does safety training remove backdoors?",
                "dario's machines of loving grace essay, tl;dr?",
                # Opening the message, whose it is by a name no everyday word.
                "aschenbrenner's situational awareness, does he talk about open weights?",
                # In lower case, led by a word the corpus never uses.
                "what does the stanford ai index say about open vs closed models",
            ),
            # A work the review quotes is not.
            (
                "what did Palisade Research's paper show?",
                "does the review agree with Palisade Research's paper?",
                "meta's llama 3 launch post, what were they hyping it up as",
                "palisade's badllama, what did it show?",
                "there's apparently a paper linking open weights to bioweapons. what did it find?",
                "tldr of the 'will releasing the weights... pandemic agents' paper?",
                "pandemic agents paper — what did it find?",
                "what did the jeffrey ladish paper find?",
            ),
        ),
        (
            (
                "a16z's position on open source ai regulation?",
                "do the authors agree with Bender and Gebru that LLMs are basically parroting?",
                # Only the questions a passage answers name OpenAI, in askers' words.
                "what did openai say about open sourcing",
                "who founded OpenAI and why did it stop being open",
            ),
            # Whose view it is, by a name the corpus uses, or the review's own view.
            (
                "what is mozilla's take on open models",
                "what did Mozilla say about openness?",
                "the authors' take on open weights?",
                "does the review agree with Ladish?",
            ),
        ),
    ],
    ids=["law", "work", "view"],
)
def test_a_question_about_a_law_or_a_work_the_review_never_names_is_declined(
    engine: Engine, declined: tuple[str, ...], answered: tuple[str, ...]
) -> None:
    for text in declined:
        assert engine.answer(text).status == "no_answer", text
    for text in answered:
        assert engine.answer(text).status == "answered", text


def test_an_unanswered_figure_is_only_related(engine: Engine) -> None:
    answer = engine.answer("How big is Llama 2's training set?")
    assert answer.status == "answered"
    assert answer.confidence == "low" and answer.message == RELATED
    assert answer.to_json()["confidence"] == "low"


def test_a_guessed_figure_does_not_make_a_question_about_something_else(engine: Engine) -> None:
    # "12" is in no passage, as "9066" is not: but here it is the asker's guess at the answer.
    answer = engine.answer("how many people signed the Mozilla letter? like 12 guys?")
    assert answer.status == "answered" and "1,800" in answer.quotes[0].shown
    assert engine.answer("what does executive order 9066 say?").status == "no_answer"


def test_who_is_only_related_when_the_quote_names_no_one(engine: Engine) -> None:
    # The review gives the pandemic paper's title, not its authors: the lead-in and the
    # excerpt it introduces ("… the authors conclude that" + "Our results suggest…") are two
    # texts, and "Our" starts the second, not a name inside one.
    answer = engine.answer("who wrote the pandemic agents paper?")
    assert answer.quotes[0].continuation is not None and answer.confidence == "low"
    # "The EU" names the jurisdiction asked for.
    assert engine.answer("us vs eu, who is friendlier to open-source ai?").confidence == "high"


def test_a_plain_question_is_answered_with_confidence(engine: Engine) -> None:
    answer = engine.answer("What does the EU AI Act exempt?")
    assert answer.confidence == "high" and answer.message is None
    assert "exempts open-source models" in answer.quotes[0].text


def test_who_wrote_it_gives_the_metadata(engine: Engine) -> None:
    answer = engine.answer("Who wrote this review?")
    facts = {f.label: f.value for f in answer.facts}
    assert answer.status == "answered"
    assert facts["Authors"] == "Elliot Mckernon, Deric Cheng"
    assert facts["Published"] == "2024-04-29"
    assert answer.to_json()["facts"][0] == {"label": "Authors", "value": facts["Authors"]}


def test_a_question_about_the_document_quotes_where_it_names_itself(engine: Engine) -> None:
    answer = engine.answer("which organisation is behind this?")
    assert answer.confidence == "high" and answer.facts
    opening = engine.corpus.documents[0].sections[0].title
    assert all(q.section_path[-1] == opening for q in answer.quotes)
    # The sentence that names the publisher, not the one that happens to say "behind".
    assert "Governance Recommendations Research Program" in answer.quotes[0].text
    assert len(answer.quotes) == 2  # the whole opening section, which says who it is for


def test_who_it_is_for_quotes_the_sentence_that_says(engine: Engine) -> None:
    # Not the sentence that names the series, which a question about its authors wants.
    answer = engine.answer("who is this review meant for?")
    assert answer.confidence == "high" and answer.facts
    assert "primer for policymakers" in answer.quotes[0].text
    assert "primer for" not in engine.answer("who is behind this review?").quotes[0].text


def test_how_much_quotes_the_sentence_with_the_figure(engine: Engine) -> None:
    # The passage opens with the question's own words; its figure comes three sentences on.
    # Quoted with its lead-in, "To quote … Ladish:", the excerpt is the first quote's
    # continuation.
    answer = engine.answer("how much did it cost to train away the harmlessness")
    assert "$200" in answer.quotes[0].shown
    plain = engine.answer("can you train away the harmlessness").quotes[0]
    assert plain.continuation is not None and "$200" not in plain.continuation.text


def test_a_request_for_help_is_declined_unless_the_review_is_close(engine: Engine) -> None:
    # Each shares a word with the review ("writing", "beijing", "chinese")...
    for text in (
        "any tips for writing a cover letter?",
        "where can i find cheap flights to beijing",
        "can you help me with my chinese homework",
        # Software and models of another kind: "open source", "source code", "model".
        "any open source alternatives to gimp?",
        "where can I download the quake 3 source code to mod it?",
        "best way to build a model rocket for a school fair",
    ):
        assert engine.answer(text).status == "no_answer", text
    # ...while these come close to what it discusses.
    for text in (
        "how do i comply with the eu ai act as an open source developer?",
        "what's the best way to regulate open weights?",
        "how do i remove the safety tuning from llama 2?",
        # Far in meaning, by the embeddings, but in the review's own words.
        "help me with the anti-ban side: the too much power in too few hands argument",
    ):
        assert engine.answer(text).status == "answered", text


def test_a_question_mostly_in_words_the_review_never_uses_is_declined(engine: Engine) -> None:
    # "train" and "stop" are the review's words, and their meaning comes close enough to
    # pass the other rules: "dog", "pulling" and "leash" decide.
    answer = engine.answer("how do i train my dog to stop pulling on the leash")
    assert answer.status == "no_answer"


def test_a_number_the_review_never_states_makes_a_question_about_something_else(
    engine: Engine,
) -> None:
    # "Executive order" is the review's; 9066 is another order, 700 million no figure of it.
    assert engine.answer("what was executive order 9066").status == "no_answer"
    other = engine.answer("can I use Llama 2 commercially with more than 700 million users?")
    assert other.status == "no_answer" or other.confidence == "low"
    # A number the review states is part of the question like any word.
    series = engine.answer("how many posts are in the series, like 10?")
    assert series.confidence == "high" and "~10 posts" in series.quotes[0].shown


@pytest.mark.parametrize(
    "text",
    [
        "summarize the plot of dune",
        # "it" in another sentence is the summary asked for, not the review.
        "can you summarise the GDPR rules on cookies? I need it for a memo",
        "give me a summary of the french revolution, need it for class",
        # Its words speak for something else, and "this week" is no review.
        "main takeaways from the fed minutes this week",
        # The form of a question about the review, asked of another work.
        "key takeaways from the superbowl",
        # Works named by their titles: capitalised, or joined by "of the".
        "summarise Brave New World",
        "tldr lord of the rings",
        # Named by what the review never names, though "Europe" is one of its places.
        "key points of the Council of Europe Framework Convention on AI governance",
        # Whose the findings are, by a possessive the corpus never uses (not a place's
        # regulator, which the lexicon names as that place: "the CMA's").
        "what were the FTC's main findings",
    ],
)
def test_a_summary_of_something_the_review_never_comes_near_is_declined(
    engine: Engine, text: str
) -> None:
    assert engine.answer(text).status == "no_answer"


@pytest.mark.parametrize(
    "text",
    [
        "watched the oscars yesterday. recap?",
        "the senate hearing on drug prices was today, gist?",
        "the letter from my landlord about the deposit, tl;dr?",
        # A work taken in, or asked after by what is in it.
        "just finished Project Hail Mary. main points?",
        "listened to the Lex Fridman episode, recap?",
        "what is Moby Dick about, in a nutshell?",
        "what was in the Pentagon Papers, short version",
        "what happened with the Equifax breach, short version",
        # A work quoted by a title the review never holds.
        'what were the main findings of the "Emergent Abilities of Large Language Models" paper',
        'key takeaways of openai\'s "our approach to ai safety" blog post',
        # A work the asker was given.
        "my boss sent me a report on supply chains, key takeaways?",
        # Named bare beside it, in words the review never uses.
        "fukushima tldr",
        "photosynthesis in a nutshell?",
        "summarize moby dick for me",
        # A work the corpus never mentions, named as names are.
        "the Stern Review on climate, gist?",
        # A story described, not named: the review has no plot.
        "the one about the boy wizard at a boarding school? plot summary pls",
        # Beside it, "here" is where the asker is, not the review.
        "been stuck with my code all day, procrastinating here. What's the difference "
        "between Python's List and Tuple, in a nutshell?",
        # "It" after the work is named stands for the work.
        "the Oppenheimer movie — main points? my dad keeps talking about it",
    ],
)
def test_a_bare_summary_after_naming_something_else_is_declined(engine: Engine, text: str) -> None:
    # The review's summary is not even related to another work's.
    assert engine.answer(text).status == "no_answer"


def test_a_quoted_title_the_review_holds_is_summarised_from_it(engine: Engine) -> None:
    answer = engine.answer('the gist of the "Joint Statement on AI Safety and Openness"')
    assert answer.status == "answered" and "Mozilla" in answer.quotes[0].shown


@pytest.mark.parametrize(
    "text", ["recommended by a friend: summary pls", "my tutor sent me here, key points?"]
)
def test_who_passed_the_review_on_is_not_what_the_summary_is_of(engine: Engine, text: str) -> None:
    assert engine.answer(text).confidence == "high"


def test_a_summary_for_someone_named_by_their_title_is_the_reviews(engine: Engine) -> None:
    # The name is who it is for, not what it is of.
    answer = engine.answer("the key takeaways for Professor Achterberg, please")
    assert answer.status == "answered" and answer.confidence == "high"


def test_it_in_the_sentence_that_asks_for_the_summary_is_the_review(engine: Engine) -> None:
    answer = engine.answer("summarise it please, I need it for my notes")
    assert answer.confidence == "high"
    assert all(q.section_path[-1] == "Convergence’s Analysis" for q in answer.quotes)


@pytest.mark.parametrize("text", ["who wrote harry potter", "who wrote pride and prejudice"])
def test_who_wrote_another_work_is_declined(engine: Engine, text: str) -> None:
    # Its metadata answers "who wrote" of the review, not of a book it never mentions.
    answer = engine.answer(text)
    assert answer.status == "no_answer" and not answer.facts and answer.message == NO_ANSWER


@pytest.mark.parametrize(
    "text",
    [
        "summary please, for my class",
        "give me the key points, i have a meeting with my boss",
        # Read whole, these speak for something else; what they ask of is still the review.
        "key points please, i have a seminar on this tomorrow",
        "what are the main takeaways, my book club picked it for next week lol",
        "main points? my grandad asked me what i'm reading and i want to explain it over dinner",
        "gist please, the kids are asleep and i have ten minutes",
        "key takeaways pls, staff meeting at 2",
        "short summary pls, briefing my boss at noon",
        "my boss needs a one pager on this before the committee hearing, can you summarize "
        "the main takeaways",
        # Other words for the whole in brief.
        "retired engineer, not up on the ai stuff. whats the upshot of this article",
        "give me the elevator pitch of this doc",
        "key arguments, quick, deadline at 5",
        "explain this like im 12 pls",
        # Asked of nothing named, in a few words of the asker's.
        "What's the main message I should remember?",
        "shop steward, need the main takeaway fast",
        "give me the gist I can say out loud",
        # After a sentence about the asker, not about something else to sum up.
        "busy day. tldr?",
        "writing a newsletter tonight. key points?",
        "read 40 pages already, gist?",
        # Where the asker is, named, is not what they ask of.
        "I'm a journalist at Le Monde, quick summary?",
        "presenting to the Bundestag tomorrow, key points?",
        # The review named where the summary is asked outweighs a happening beside it.
        "watched a talk by Yann LeCun on open models, what's the review's bottom line?",
    ],
)
def test_a_summary_asked_for_with_words_about_the_asker_is_of_the_review(
    engine: Engine, text: str
) -> None:
    # "class", "boss": what the asker needs it for, not what it should be of.
    answer = engine.answer(text)
    assert answer.confidence == "high"
    assert all(q.section_path[-1] == "Convergence’s Analysis" for q in answer.quotes)


def test_the_authors_take_on_a_name_the_review_never_uses_is_not_their_summary(
    engine: Engine,
) -> None:
    assert engine.answer("what's the authors' take on mistral?").confidence != "high"
    # A word that is only uncommon is no name.
    one_off = engine.answer("is this a one-off or are they churning out a whole series?")
    assert one_off.confidence == "high" and "series" in one_off.quotes[0].text


def test_a_question_about_an_author_gets_the_metadata_as_related(engine: Engine) -> None:
    answer = engine.answer("who is Elliot Mckernon?")
    assert answer.confidence == "low" and answer.message == RELATED
    assert any(f.label == "Authors" and "Elliot Mckernon" in f.value for f in answer.facts)
    # Whether they wrote it, the metadata answers; a surname common in English ("Cheng") is
    # no author's name on its own.
    assert engine.answer("did mckernon write this?").confidence == "high"
    assert not engine.answer("what did cheng say about china?").facts


def test_only_the_clause_that_asks_points_at_the_review(engine: Engine) -> None:
    # "it" is the episode the asker missed, not the review.
    text = "can you give me a summary of the last episode of the bear, i missed it at work"
    assert engine.answer(text).status == "no_answer"
    assert engine.answer("can you give me a summary of it, i missed the meeting").quotes


def test_a_place_named_about_the_asker_is_not_asked_about(engine: Engine) -> None:
    answer = engine.answer("when did the piece come out? i write for a newsletter in brazil")
    assert answer.facts and not answer.uncovered


def test_a_question_pointing_at_the_review_is_about_it(engine: Engine) -> None:
    # "think tank" is not a word of the review, but "this" is the review.
    answer = engine.answer("who is behind this, a think tank?")
    assert answer.facts and answer.confidence == "high"


@pytest.mark.parametrize("source", ["according to this", "according to the review"])
def test_who_says_it_is_not_what_is_asked(engine: Engine, source: str) -> None:
    # Passage questions say "according to the EU"; the review as the source adds nothing.
    plain = engine.answer("what are the risks of open source ai")
    sourced = engine.answer(f"what are the risks of open source ai {source}")
    assert sourced.passage_ids[:1] == plain.passage_ids[:1]


@pytest.mark.parametrize("text", ["who wrote this", "which organization is behind this", "tl;dr"])
def test_a_question_about_the_review_itself_stays_confident(engine: Engine, text: str) -> None:
    assert engine.answer(text).confidence == "high"


def test_what_the_metadata_never_states_about_the_review_is_only_related(engine: Engine) -> None:
    # Its makers are stated; who pays them is not.
    answer = engine.answer("where do the people behind this review get their money?")
    assert answer.facts and answer.confidence == "low" and answer.message == RELATED


def test_who_with_no_name_in_the_quotes_is_only_related(engine: Engine) -> None:
    answer = engine.answer("who came up with the term information hazard")
    assert "termed an information hazard" in answer.quotes[0].text
    assert answer.confidence == "low" and answer.message == RELATED


def test_a_summary_quotes_the_summary_section(engine: Engine) -> None:
    answer = engine.answer("summary of the review")
    assert answer.status == "answered" and answer.quotes
    assert all(q.section_path[-1] == "Convergence’s Analysis" for q in answer.quotes)


@pytest.mark.parametrize("text", ["what are the benefits", "advantages?", "pros and cons?"])
def test_one_side_of_the_subject_asked_alone_is_the_summarys(engine: Engine, text: str) -> None:
    # "Benefits" alone speaks for no subject; to this bot it asks what the review sees.
    answer = engine.answer(text)
    assert answer.confidence == "high"
    assert answer.quotes[0].section_path[-1] == "Convergence’s Analysis"


def test_a_summary_of_something_puts_the_summary_passage_about_it_first(
    engine: Engine,
) -> None:
    bare = engine.answer("key takeaways")
    about = engine.answer("key takeaways on transparency")
    assert sorted(about.passage_ids) == sorted(bare.passage_ids)  # the same section
    assert about.passage_ids != bare.passage_ids
    assert "transparency" in about.quotes[0].text and "transparency" not in bare.quotes[0].text


def test_the_gist_of_one_thing_quotes_the_passage_about_it(engine: Engine) -> None:
    answer = engine.answer("what did the pandemic paper conclude? just need the gist")
    assert answer.confidence == "high"
    assert "pandemic" in answer.quotes[0].text
    assert answer.quotes[0].section_path[-1] != "Convergence’s Analysis"
    # The authors' own view of it is in their summary.
    view = engine.answer("the authors' view on the pandemic paper")
    assert view.quotes[0].section_path[-1] == "Convergence’s Analysis"


def test_the_gist_of_another_work_is_what_the_review_says_of_it(engine: Engine) -> None:
    # Its words are too few for a sure answer ("what'd", "weights"), yet the summary, which
    # never mentions the paper, would be no answer at all.
    answer = engine.answer("tl;dr of that pandemic agents weights paper? what'd they conclude")
    assert "pandemic" in answer.quotes[0].shown
    assert answer.quotes[0].section_path[-1] != "Convergence’s Analysis"


def test_the_gist_of_one_thing_is_not_a_request_for_help(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Answered as a question without "summarise", the message still asks for no help with
    # something of the asker's own.
    seen: list[bool] = []
    real = engine_module.decide

    def spy(ranked: Any, meaning: Any = None) -> Any:
        seen.append(meaning.help_request)
        return real(ranked, meaning)

    monkeypatch.setattr(engine_module, "decide", spy)
    engine.answer("what's the best way to summarize the BadLlama result?")
    assert seen and not any(seen)


@pytest.mark.parametrize(
    "text", ["how's the EU handling open source AI?", "what is the EU doing about open models"]
)
def test_a_jurisdiction_asked_of_the_whole_subject_quotes_its_section(
    engine: Engine, text: str
) -> None:
    # Every passage is about open-source AI: asked of nothing narrower, the EU's section is
    # the answer, as for "the EU?".
    assert engine.answer(text).passage_ids == engine.answer("the EU?").passage_ids


def test_a_message_far_closer_to_the_review_than_to_anything_else_is_not_declined(
    engine: Engine,
) -> None:
    # The topic model knows few of its words; its meaning is the review's.
    assert engine.answer("could this help somebody build a bioweapon").status == "answered"


def test_a_bare_jurisdiction_quotes_its_section(engine: Engine) -> None:
    answer = engine.answer("china?")
    assert [q.passage_id for q in answer.quotes] == ["osai.policy.china.1"]


@pytest.mark.parametrize(
    ("question", "section"),
    [
        ("summarize the us section", ["osai.policy.us.1"]),
        ("tl;dr of the China part", ["osai.policy.china.1"]),
        ("summary of the EU section", ["osai.policy.eu.1", "osai.policy.eu.2"]),
        # What the asker needs it for says nothing of what it is of.
        ("summarize the eu section for my study group", ["osai.policy.eu.1", "osai.policy.eu.2"]),
        ("china summary pls, for my essay", ["osai.policy.china.1"]),
        ("what's the us position, for my essay", ["osai.policy.us.1"]),
        # Nor the form they want it in.
        ("what's the us position, in two lines for my manager", ["osai.policy.us.1"]),
        ("china in plain english please?", ["osai.policy.china.1"]),
    ],
)
def test_a_summary_of_a_jurisdictions_section_quotes_that_section(
    engine: Engine, question: str, section: list[str]
) -> None:
    assert [q.passage_id for q in engine.answer(question).quotes] == section


def test_a_summary_of_a_jurisdiction_alone_or_of_a_topic_in_its_section_is_not_that(
    engine: Engine,
) -> None:
    # The review's summary passages speak of the EU; a topic is ranked as a question.
    assert engine.answer("eu summary").quotes[0].passage_id == "osai.analysis.4"
    topic = engine.answer("summarize the EU section on monetized software")
    assert topic.quotes[0].passage_id == "osai.policy.eu.1" and len(topic.quotes) == 3


def test_a_comparison_quotes_each_jurisdiction(engine: Engine) -> None:
    answer = engine.answer("How do the US and EU differ on open source?")
    assert {j for q in answer.quotes for j in q.jurisdictions} >= {"US", "EU"}


@pytest.mark.parametrize(
    ("question", "confidence"),
    [
        ("How do the US and EU differ?", "high"),
        ("compare the us and eu on transparency", "high"),
        # The review states no fines: each side is shown, as related.
        ("how do the us and eu differ on fines", "low"),
        ("how do the us and eu differ on gmo labeling", None),
        ("do the us and china regulate hobby drones differently?", None),
        # Asked of the review itself, in words of the asker's own.
        (
            "I teach civics to 11th graders. What's the central thesis, and does it compare "
            "the US, EU and China fairly?",
            "high",
        ),
    ],
)
def test_a_comparison_is_as_sure_as_what_it_compares_them_on(
    engine: Engine, question: str, confidence: str | None
) -> None:
    answer = engine.answer(question)
    assert answer.confidence == confidence
    assert (answer.message == RELATED) is (confidence == "low")
    assert bool(answer.quotes) is (confidence is not None)


def test_a_comparison_is_read_in_the_sentences_that_ask(engine: Engine) -> None:
    # "here" in the context does not point at the review; "food additives" is what it asks.
    text = (
        "is the eu stricter than the us on food additives? i heard titanium dioxide got "
        "banned over there but not here"
    )
    assert engine.answer(text).confidence != "high"


def test_a_comparison_goes_on_with_the_next_best_of_each_side(engine: Engine) -> None:
    # The EU has more passages than the one it shows first: the page is filled, not left
    # at one quote a side.
    answer = engine.answer("us vs eu: which treats open models better?")
    assert answer.jurisdictions == ("US", "EU")
    sides = [q.jurisdictions for q in answer.quotes]
    assert len(sides) == 3 and {j for side in sides[:2] for j in side} >= {"US", "EU"}
    assert len(set(answer.passage_ids)) == len(answer.passage_ids)


def test_a_passage_question_steers_the_quote_to_its_sentence(engine: Engine) -> None:
    answer = engine.answer("which countries' AI laws does this look at?")
    assert "focusing on the US, EU, and China" in answer.quotes[0].text


def test_a_passage_question_word_of_every_sentence_tells_none_apart(engine: Engine) -> None:
    # The Executive Order's passage has questions with "order" tied to each of its four
    # sentences, and with "Secretary" only to the one that names the Secretary of Commerce.
    doc = next(i for i, e in enumerate(engine.corpus.entries) if e.id == "osai.policy.us.1")
    telling = {t: w for terms, _ in engine._tie(doc) for t, w in terms.items()}
    assert telling["order"] == engine_module.SHARED_QUESTION_WORD
    assert telling["secretari"] == 1.0
    assert engine_module.SHARED_QUESTION_WORD < telling["weight"] < 1.0  # three of four


def test_every_quote_of_the_blind_sets_is_verbatim(engine: Engine) -> None:
    from retrieval.evaluation import load_cases, set_path

    by_id = engine.corpus.by_id
    for name in ("dev", "test"):
        for case in load_cases(set_path(name)):
            for quote in engine.answer(case.question).shown_quotes:
                assert by_id[quote.passage_id].text[quote.start : quote.end] == quote.text


def test_a_quote_ending_on_a_lead_in_carries_what_it_introduces(engine: Engine) -> None:
    answer = engine.answer("what did ladish say in the interview")
    first = answer.quotes[0]
    # "To quote an interview with one of its authors Jeoffrey Ladish:", then the quote.
    assert first.passage_id == "osai.effects.11" and first.text.endswith("Jeoffrey Ladish:")
    assert first.continuation is not None
    assert first.continuation.passage_id == "osai.effects.12"
    assert first.shown.startswith(first.text) and first.shown.endswith(first.continuation.text)
    assert answer.passage_ids.count("osai.effects.12") == 1  # not quoted again
    assert answer.to_json()["quotes"][0]["continuation"]["passage_id"] == "osai.effects.12"


def test_a_quote_stopping_short_of_its_lead_in_is_followed_by_what_it_introduces(
    engine: Engine,
) -> None:
    # osai.effects.7 ends "Prompt Engineering points out a drawback of this approach:", which
    # this quote of its first sentences does not reach: the drawback is the next quote.
    answer = engine.answer("what did meta not release with llama 2")
    first, second = answer.quotes[:2]
    assert first.passage_id == "osai.effects.7" and first.continuation is None
    assert not first.text.endswith(":")
    assert second.passage_id == "osai.effects.8"


def test_a_lead_in_stating_the_term_asked_for_is_quoted_there_not_to_its_end(
    engine: Engine,
) -> None:
    # The drawback (osai.effects.8) ranks, and its lead-in is quoted before it; but asked for
    # the name of a weights-only release, the lead-in's sentence that gives it is the quote.
    answer = engine.answer("whats the term for weights-only releases vs real open source")
    first, second = answer.quotes[:2]
    assert first.passage_id == "osai.effects.7" and "labels this" in first.text
    assert first.continuation is None and second.passage_id == "osai.effects.8"


def test_an_overview_orders_the_summary_by_what_else_it_asks_in_any_words(
    engine: Engine,
) -> None:
    # "Tradeoffs" among the asker's own words ("my boss", "1 line") is too little for an
    # answer of its own, but enough to tell which point of the authors' analysis comes first.
    for question in (
        "tell my boss the authors' bottom line on the tradeoffs, 1 line takeaway ideally",
        "gimme the authors' bottom line on the tradeoffs so i can tell my boss tmrw",
    ):
        answer = engine.answer(question)
        assert answer.status == "answered" and answer.quotes[0].passage_id == "osai.analysis.2"


def test_a_contraction_without_its_apostrophe_is_read_as_meant(engine: Engine) -> None:
    answer = engine.answer("whos behind this")
    assert answer.facts and not answer.suggestions  # not "did you mean: who behind this"


def test_how_much_puts_the_quote_with_the_figure_first_but_only_as_related(
    engine: Engine,
) -> None:
    answer = engine.answer("how much did it cost meta to train llama 2")
    assert "$200" in answer.quotes[0].shown
    # Found by the figure, not by ranking first: the closest passage, not a sure answer.
    assert answer.confidence == "low" and answer.message == RELATED


def test_how_much_a_lead_in_and_its_quote_cost_is_answered(engine: Engine) -> None:
    answer = engine.answer("How much did BadLlama cost?")
    assert "$200" in answer.quotes[0].shown and answer.confidence == "high"


def test_a_figure_of_another_kind_does_not_answer(engine: Engine) -> None:
    # Ladish's quote holds figures ("$200", "a few hundred"), but they are a cost and a
    # count: they say nothing of a training set's size or of how long it took, so they
    # neither move his quote first nor make the answer sure.
    for text in ("How big is Llama 2's training set?", "how long did it take to strip llama 2"):
        answer = engine.answer(text)
        assert "$200" not in answer.quotes[0].shown, text
        assert answer.confidence == "low", text
    assert any("$200" in quote.shown for quote in answer.quotes)  # the figure is there


def test_a_license_the_review_never_names_is_not_answered_confidently(engine: Engine) -> None:
    # The review lists "Licensing for free commercial usage" but names no model's license.
    for text in ("what license is llama 2 released under", "llama 3 licence terms"):
        answer = engine.answer(text)
        assert answer.status == "no_answer" or answer.confidence == "low", text


def test_a_place_with_a_possessive_typed_without_apostrophe_is_that_place(engine: Engine) -> None:
    answer = engine.answer("whats the EUs stance on open source AI")
    assert answer.jurisdictions == ("EU",) and not answer.suggestions
    assert answer.quotes[0].jurisdictions == ("EU",)


def test_a_name_the_review_mentions_is_found(engine: Engine) -> None:
    # The static embeddings read "palisade" as a fence; the review names Palisade Research.
    answer = engine.answer("what's palisade")
    assert answer.status == "answered"
    assert "Palisade Research" in answer.quotes[0].text
    # An everyday word the review happens to use is not a name.
    assert engine.answer("nice").status == "no_answer"


def test_versus_is_read_as_vs(engine: Engine) -> None:
    # "versus" is not a word of the review; unread, it weighed as a rare unknown word and made
    # the issue's own example only "related".
    answer = engine.answer("open weights versus open source")
    assert answer.confidence == "high"
    assert "open weights allows model use" in answer.quotes[0].shown


def test_which_jurisdictions_the_review_covers_is_answered(engine: Engine) -> None:
    # It says "governmental bodies"; readers say jurisdictions, countries or governments.
    for text in ("Which jurisdictions does the review cover?", "which countries are covered"):
        answer = engine.answer(text)
        assert answer.status == "answered", text
        assert "the US, EU, and China as the leading governmental bodies" in answer.quotes[0].text


def test_an_excerpt_that_ranks_comes_with_the_lead_in_that_says_who_speaks(
    engine: Engine,
) -> None:
    answer = engine.answer("can you train away the harmlessness")
    first = answer.quotes[0]
    assert first.passage_id == "osai.effects.11" and first.text.endswith("Jeoffrey Ladish:")
    assert first.continuation is not None
    assert first.continuation.passage_id == "osai.effects.12"
    assert "train away the harmlessness" in first.continuation.text


def test_a_lead_in_and_what_it_introduces_are_one_quote_whichever_ranks(
    engine: Engine,
) -> None:
    entries = engine.corpus.entries
    position = {e.id: n for n, e in enumerate(entries)}
    lead, excerpt, other = (
        position[i] for i in ("osai.effects.11", "osai.effects.12", "osai.intro.1")
    )
    asked: list[tuple[str, bool]] = []

    def quote(hit: Hit, to_end: bool) -> Quote:
        asked.append((entries[hit.doc].id, to_end))
        return whole(entries[hit.doc])

    for order in ([excerpt, lead, other], [lead, excerpt, other], [lead, other, excerpt]):
        asked.clear()
        quotes, more = engine._page([Hit(n, 1.0) for n in order], 0, quote)
        assert [(q.passage_id, q.continuation and q.continuation.passage_id) for q in quotes] == [
            ("osai.effects.11", "osai.effects.12"),
            ("osai.intro.1", None),
        ]
        assert not more and len(asked) == 3  # each quoted once
        # Brought in for the excerpt, the lead-in is quoted to its end, to read on into it.
        assert ("osai.effects.11", order[0] == excerpt) in asked


def test_the_friendliest_of_the_three_is_the_one_it_treats_favorably(engine: Engine) -> None:
    # The review says "favorably"; readers ask which is friendliest, nicest, most lenient.
    answer = engine.answer("of the three, which one is the nicest to open models?")
    assert "The EU legislation treats open-source models favorably." in answer.quotes[0].text


def test_which_one_of_the_three_named_is_asked_as_of_the_three(engine: Engine) -> None:
    # Named, the three led to the sentence that lists them: "focusing on the US, EU, and
    # China…".
    answer = engine.answer("of the US, EU and China, which one is the friendliest to open models?")
    assert answer.jurisdictions == ("US", "EU", "China")
    assert "The EU legislation treats open-source models favorably." in answer.quotes[0].text


def test_which_places_it_covers_is_answered_when_another_place_is_named(engine: Engine) -> None:
    # Declined before with only the note, though the review says which places it covers.
    answer = engine.answer("which countries does this review look at? does it cover India?")
    assert answer.status == "answered"
    assert answer.uncovered == ("India",)
    assert answer.message is not None and "does not discuss India" in answer.message
    assert "the US, EU, and China as the leading governmental bodies" in answer.quotes[0].text
    # Asked of that place alone, it is still only the note.
    assert engine.answer("what does India require of open models?").status == "no_answer"


def test_an_aside_after_the_question_does_not_decline_it(engine: Engine) -> None:
    # The aside's everyday words outweighed the question's; they now count half.
    answer = engine.answer(
        "Is there a middle way rather than all or nothing? Over forty years of teaching I "
        "found there is usually a sensible compromise once people calm down and talk."
    )
    assert answer.status == "answered"
    assert "intermediate policies such as structured access" in answer.quotes[0].text


def test_the_main_point_of_someone_the_summary_never_names_is_what_the_review_says_of_them(
    engine: Engine,
) -> None:
    # "Main point" made it an overview, and the summary, which never names Mozilla, answered.
    answer = engine.answer("the Mozilla people, what's their main point?")
    assert "Mozilla’s Joint Statement" in answer.quotes[0].shown
    assert "scrutiny makes technology safer" in answer.quotes[0].shown
    # The summary still answers what it names.
    summary = engine.answer("key takeaways on transparency")
    assert summary.quotes[0].passage_id.startswith("osai.analysis")


def test_a_comparison_leads_with_the_place_it_asks_about(engine: Engine) -> None:
    # The EU's favourable treatment came first, closer in meaning, though China was asked of.
    answer = engine.answer("china vs the eu, does beijing give open models a break like brussels?")
    assert answer.quotes[0].jurisdictions == ("China",)


def test_a_phrase_quoted_from_the_review_keeps_a_rambling_question_about_it(
    engine: Engine,
) -> None:
    answer = engine.answer('explain "open source" to me like I\'m five, I zone out easily')
    assert answer.status == "answered" and "freely share" in answer.quotes[0].shown
    # A phrase the review does not hold does not.
    assert engine.answer('explain "soft launch" to me like I\'m five, I zone out').status == (
        "no_answer"
    )


@pytest.mark.parametrize(
    "text",
    [
        "what countries are covered",
        "which regions are in scope?",
        "why only those three?",
        "why only the US, EU and China?",
        "which countries does it cover? India?",
        "which countries do they zoom in on",
    ],
)
def test_a_question_about_the_scope_quotes_the_sentence_naming_every_place(
    engine: Engine, text: str
) -> None:
    answer = engine.answer(text)
    assert answer.status == "answered" and answer.confidence == "high"
    assert "focusing on the US, EU, and China" in answer.quotes[0].shown
    assert not engine.answer(text, page=1).quotes


def test_a_corpus_too_large_to_read_whole_searches_a_scope_question(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "SCOPE_READ_UP_TO", len(corpus.entries) - 1)
    answer = Engine(corpus).answer("which regions are in scope?")
    assert answer.confidence != "high"


def test_why_only_one_place_or_something_else_is_not_the_scope(engine: Engine) -> None:
    for text in ("why only the US?", "why does the EU only exempt some models?"):
        assert "focusing on the US, EU" not in engine.answer(text).quotes[0].shown, text


def test_a_quiz_in_the_words_of_the_review_is_declined(engine: Engine) -> None:
    # Its words are those of the sentences on the EU; its meaning is far closer to
    # everyday messages.
    assert engine.answer("which countries are in europe but not the eu").status == "no_answer"
    assert engine.answer("which countries does the EU AI Act apply to?").status == "answered"


def test_who_wrote_a_work_the_review_is_not_called_is_declined(engine: Engine) -> None:
    assert engine.answer("who wrote the wealth of nations").status == "no_answer"
    # Called by its title's or its publisher's words, it is the review.
    for text in ("who wrote the convergence OSS reg review?", "who wrote the open source ai one"):
        answer = engine.answer(text)
        assert answer.confidence == "high"
        assert any(f.label == "Authors" for f in answer.facts)


@pytest.mark.parametrize("text", ["who made llama 2?", "who is behind Llama 2?"])
def test_who_made_something_the_review_names_is_asked_of_the_review(
    engine: Engine, text: str
) -> None:
    # Not of the review itself: its authors made no model; the review says who did.
    answer = engine.answer(text)
    assert answer.confidence == "high" and not answer.facts
    assert "Meta released the model weights" in answer.quotes[0].shown


def test_a_work_named_with_its_kind_is_the_work_the_review_names(engine: Engine) -> None:
    # "The BadLlama model": the review names BadLlama, and says who wrote it.
    answer = engine.answer("who made the badllama model?")
    assert answer.confidence == "high" and not answer.facts
    assert "Palisade Research" in answer.quotes[0].shown


def test_a_summary_of_something_the_review_never_answers_is_not_its_summary(
    engine: Engine,
) -> None:
    # The review's words ("model", "club") but none of its answers.
    assert engine.answer("summarise the model railway club newsletter").confidence != "high"
    assert engine.answer("key takeaways from the hoa newsletter?").status == "no_answer"
    # Named by what the review answers, or by a place it covers, it is of the review.
    assert engine.answer("summary of the risks").confidence == "high"
    eu = engine.answer("summary of the eu section")
    assert eu.confidence == "high" and eu.quotes[0].passage_id == "osai.policy.eu.1"


@pytest.mark.parametrize(
    "text", ["was this posted on lesswrong too?", "is this on LessWrong or some other forum?"]
)
def test_where_else_the_review_appeared_is_the_ea_forum_sentence(engine: Engine, text: str) -> None:
    # The review as received carries LessWrong's page marks; the EA Forum sentence answers.
    answer = engine.answer(text)
    assert answer.status == "answered"
    assert "Cross-posted on the EA Forum" in answer.quotes[0].shown


def test_answers_offered_after_a_question_about_the_review_are_not_what_it_asks_of(
    engine: Engine,
) -> None:
    # "techies or lawmakers?" was read as what "it" stood for, and the message declined.
    offered = engine.answer("who's it written for, techies or lawmakers?")
    assert offered.status == "answered" and offered.confidence == "high"
    assert offered.passage_ids == engine.answer("who's it written for?").passage_ids
