"""Closeness in meaning: the corpus's sentences and passage questions, embedded once."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import retrieval.confidence
import retrieval.decide
import retrieval.engine
from retrieval.decide import (
    CLEARLY_FOR,
    CLOSER_THAN_ELSEWHERE,
    DECLINE,
    FAR,
    FAR_CLOSER_THAN_ELSEWHERE,
    FEW_WORDS,
    LOOSE_COVERAGE,
    NOT_CLEARLY_CLOSER,
    OFF_SUBJECT,
    ON_SUBJECT,
    SAYS_ENOUGH,
    SURELY_ELSEWHERE,
    UNKNOWN_AGAINST,
    WEAKLY_FOR,
    Decision,
    Meaning,
    decide,
    for_subject,
)
from retrieval.engine import Engine
from retrieval.index import Hit
from retrieval.rank import Ranked
from retrieval.semantic import Closeness, elsewhere_texts


def test_closeness_has_one_value_per_passage_and_sentence(engine: Engine) -> None:
    index = engine.semantic
    assert index is not None
    closeness = index.closeness("Can I publish the weights of my model?")
    assert closeness.by_passage.shape == (len(engine.corpus.entries),)
    assert -1.0 <= closeness.best <= 1.0
    doc = int(np.argmax(closeness.by_passage))
    by_sentence = closeness.by_sentence(doc)
    assert max(by_sentence.values()) == pytest.approx(float(closeness.by_passage[doc]))


def test_a_paraphrase_is_closest_to_its_passage(engine: Engine) -> None:
    index = engine.semantic
    assert index is not None
    closeness = index.closeness("does beijing treat openly released models any differently")
    closest = engine.corpus.entries[int(np.argmax(closeness.by_passage))]
    assert "China" in closest.jurisdictions


def test_context_after_a_question_does_not_dilute_its_meaning(engine: Engine) -> None:
    index = engine.semantic
    assert index is not None
    question = "what did meta release with llama 2?"
    alone = index.closeness(question)
    chatty = index.closeness(f"{question} need it for the podcast, my producer is waiting lol")
    assert chatty.best >= alone.best
    assert int(np.argmax(chatty.by_passage)) == int(np.argmax(alone.by_passage))


def test_context_before_a_last_clause_that_asks_is_not_what_it_asks(engine: Engine) -> None:
    # The number of speakers is the asker's, not a figure the review is asked for.
    answer = engine.answer(
        "prepping a panel w 3 speakers tmrw, whats the best argument for keeping ai open"
    )
    assert answer.status == "answered" and "openness is necessary" in answer.quotes[0].shown


def test_words_and_best_sentence_outweigh_a_slight_edge_in_meaning() -> None:
    ranked = [
        Ranked(Hit(0, 5.0), {"coverage": 0.9}, 5.0),
        Ranked(Hit(1, 1.0), {"coverage": 0.9}, 1.0),
    ]
    assert [h.doc for h in decide(ranked, _meaning([0.60, 0.65])).hits] == [0, 1]
    # Passage 1's best sentence holds the question's words: it wins back first place.
    best_sentence = _meaning([0.60, 0.65], by_sentence=np.array([0.0, 4.0]))
    assert [h.doc for h in decide(ranked, best_sentence).hits] == [1, 0]
    # Far enough ahead in meaning, a passage leads whatever the words.
    assert decide(ranked, _meaning([0.3, 0.9])).hits[0].doc == 1


def test_a_sentence_profile_moves_passages_like_a_best_sentence() -> None:
    ranked = [
        Ranked(Hit(0, 5.0), {"coverage": 0.9}, 5.0),
        Ranked(Hit(1, 1.0), {"coverage": 0.9}, 1.0),
    ]
    # Passage 1 has the sentence whose questions the question is asked like.
    profiled = _meaning([0.60, 0.65], profile=np.array([0.1, 0.6]))
    assert [h.doc for h in decide(ranked, profiled).hits] == [1, 0]
    unprofiled = _meaning([0.60, 0.65], profile=np.zeros(2))
    assert [h.doc for h in decide(ranked, unprofiled).hits] == [0, 1]


def test_a_named_jurisdiction_moves_passages_but_not_the_decision() -> None:
    ranked = [Ranked(Hit(0, 5.0), {"coverage": 0.9}, 5.0)]
    # Its passage a step closer, but the question itself no closer to the review.
    stepped = _meaning([0.3, 0.2], steps=np.array([0.1, -0.1]))
    assert decide(ranked, stepped) == DECLINE
    even = [Ranked(Hit(d, 1.0), {"coverage": 0.9}, 1.0) for d in (0, 1)]
    assert decide(even, _meaning([0.60, 0.65])).hits[0].doc == 1
    moved = _meaning([0.60, 0.65], steps=np.array([0.1, -0.1]))
    assert decide(even, moved).hits[0].doc == 0


def _meaning(values: list[float], elsewhere: float = -1.0, **more: object) -> Meaning:
    by_passage = np.asarray(values, dtype=np.float32)
    rows = tuple(range(i, i + 1) for i in range(len(values)))
    zeros = np.zeros(len(values), dtype=np.intp)
    closeness = Closeness(by_passage, by_passage.copy(), rows, zeros, elsewhere)
    return Meaning(closeness, **more)  # type: ignore[arg-type]  # the fields by name


def test_a_question_closer_to_messages_about_other_things_is_declined() -> None:
    near = [0.5, 0.3]
    assert decide(_ranked(0.5), _meaning(near, elsewhere=0.5)).confidence == "low"
    assert decide(_ranked(0.5), _meaning(near, elsewhere=0.6)) == DECLINE
    # Not when the answer is sure: its words and its meaning both come close...
    sure = [0.7, 0.3]
    closer = 0.7 + SURELY_ELSEWHERE - 0.02
    assert decide(_ranked(0.9), _meaning(sure, elsewhere=closer)).confidence == "high"
    # ...unless its meaning is far closer to everyday messages ("which countries are in
    # Europe but not the EU?").
    assert decide(_ranked(0.9), _meaning(sure, elsewhere=closer + 0.04)) == DECLINE


@pytest.fixture
def rules_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """Confidence by the rules alone: the confidence model would read these made-up
    decisions as it does real ones."""
    monkeypatch.setattr(retrieval.confidence, "bundled", lambda: None)


@pytest.mark.usefixtures("rules_alone")
def test_a_message_the_topic_model_scores_as_about_something_else_is_declined() -> None:
    near = [0.5, 0.3]
    assert decide(_ranked(0.5), _meaning(near, topic=OFF_SUBJECT + 0.1)).confidence == "low"
    assert decide(_ranked(0.5), _meaning(near, topic=OFF_SUBJECT - 0.1)) == DECLINE
    # Not declined when the answer is sure by its words and meaning, but shown as related.
    sure = decide(_ranked(0.9), _meaning([0.7, 0.3], topic=OFF_SUBJECT - 5))
    assert sure != DECLINE and sure.hits and sure.confidence == "low"
    on_subject = decide(_ranked(0.9), _meaning([0.7, 0.3], topic=OFF_SUBJECT + 0.1))
    assert on_subject.confidence == "high"


@pytest.mark.usefixtures("rules_alone")
def test_a_message_that_says_enough_must_speak_clearly_for_the_subject() -> None:
    near, topic = [0.5, 0.3], (OFF_SUBJECT + CLEARLY_FOR) / 2
    few = _meaning(near, topic=topic, known_words=SAYS_ENOUGH - 1)
    assert decide(_ranked(0.5), few).confidence == "low"
    enough = _meaning(near, elsewhere=0.3, topic=topic, known_words=SAYS_ENOUGH)
    assert decide(_ranked(0.5), enough) == DECLINE
    clearly = _meaning(near, elsewhere=0.3, topic=CLEARLY_FOR + 0.1, known_words=SAYS_ENOUGH)
    assert decide(_ranked(0.5), clearly).confidence == "low"
    # Unless its meaning comes far closer to the corpus than to everyday messages.
    far_closer = 0.5 - FAR_CLOSER_THAN_ELSEWHERE
    surely = _meaning(near, elsewhere=far_closer, topic=topic, known_words=SAYS_ENOUGH)
    assert decide(_ranked(0.5), surely).confidence == "low"


@pytest.mark.usefixtures("rules_alone")
def test_a_loosely_matched_message_must_speak_clearly_for_the_subject() -> None:
    # Few of its words in the best passage, its meaning no nearer the corpus than everyday
    # messages, its words only weakly for the subject: a neighbouring subject.
    near, weak = [0.5, 0.3], (CLEARLY_FOR + WEAKLY_FOR) / 2
    loose, held = _ranked(LOOSE_COVERAGE - 0.1), _ranked(LOOSE_COVERAGE + 0.05)
    not_clearly = 0.5 - NOT_CLEARLY_CLOSER + 0.05
    assert decide(loose, _meaning(near, elsewhere=not_clearly, topic=weak)) == DECLINE
    # Not when the passage holds more of its words, its meaning comes clearly closer to the
    # corpus, or its words speak clearly for the subject.
    assert decide(held, _meaning(near, elsewhere=not_clearly, topic=weak)).confidence == "low"
    clearly_closer = 0.5 - NOT_CLEARLY_CLOSER - 0.05
    assert decide(loose, _meaning(near, elsewhere=clearly_closer, topic=weak)).confidence == "low"
    strong = WEAKLY_FOR + 0.1
    assert decide(loose, _meaning(near, elsewhere=not_clearly, topic=strong)).confidence == "low"
    # Nor when sentences of context dilute how many of its words the passage holds, or it
    # quotes the corpus word for word.
    for more in ({"with_context": True}, {"quotes_corpus": True}):
        kept = _meaning(near, elsewhere=not_clearly, topic=weak, **more)
        assert decide(loose, kept).confidence == "low", more


@pytest.mark.usefixtures("rules_alone")
def test_words_the_corpus_never_uses_speak_against_the_topic() -> None:
    near, topic = [0.5, 0.3], OFF_SUBJECT + 0.4 * UNKNOWN_AGAINST
    assert decide(_ranked(0.5), _meaning(near, topic=topic, unknown=0.3)).confidence == "low"
    assert decide(_ranked(0.5), _meaning(near, topic=topic, unknown=0.5)) == DECLINE


def test_a_message_mostly_in_words_the_corpus_lacks_is_declined(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "weights" and "section" are the review's words; "gym" and "newsroom" are not: they
    # take its topic score below what a message that says that much must reach.
    text = "is there a free weights section at the gym near the newsroom"
    seen: list[Meaning] = []
    real = retrieval.engine.decide

    def spy(ranked: list[Ranked], meaning: Meaning | None = None) -> Decision:
        if meaning is not None:
            seen.append(meaning)
        return real(ranked, meaning)

    monkeypatch.setattr(retrieval.engine, "decide", spy)
    assert engine.answer(text).status == "no_answer"
    (meaning,) = seen
    assert meaning.topic is not None and meaning.known_words >= SAYS_ENOUGH
    assert for_subject(meaning.topic, meaning.unknown) < CLEARLY_FOR <= meaning.topic


def test_without_a_topic_model_nothing_is_declined_for_its_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # No model says nothing, whatever the threshold.
    monkeypatch.setattr(retrieval.decide, "OFF_SUBJECT", 1.0)
    assert decide(_ranked(0.5), _meaning([0.5, 0.3])).confidence == "low"


@pytest.mark.parametrize(
    "text",
    [
        "do I need a visa to visit Beijing for a week as a US citizen?",
        "which amendments make up the Bill of Rights?",
    ],
)
def test_everyday_questions_in_the_reviews_words_are_declined(engine: Engine, text: str) -> None:
    # "Beijing", "US", "Bill of Rights": the review's words, in messages about other things.
    assert engine.answer(text).status == "no_answer"


def test_the_nearest_messages_about_other_things_count_together(engine: Engine) -> None:
    index = engine.semantic
    assert index is not None
    texts = elsewhere_texts()
    vectors = index.embedder.embed([texts[0]]).T
    alone = float((index.elsewhere @ vectors).max())
    # The message itself is among them, but not alone: the mean of the nearest few.
    assert alone == pytest.approx(1.0, abs=1e-5)
    assert index.closeness(texts[0]).elsewhere < alone


def test_the_messages_about_other_things_skip_blank_and_comment_lines(tmp_path: Path) -> None:
    path = tmp_path / "elsewhere.txt"
    path.write_text("# about\n\n  best pizza in town?  \nhi all\n", encoding="utf-8")
    assert elsewhere_texts(path) == ["best pizza in town?", "hi all"]


def _ranked(coverage: float) -> list[Ranked]:
    return [Ranked(Hit(0, 5.0), {"coverage": coverage}, 5.0)]


def test_a_question_far_from_every_sentence_is_declined() -> None:
    assert decide(_ranked(1.0), _meaning([0.1, 0.2])) == DECLINE


@pytest.mark.parametrize("near", [FAR - 0.05, FAR + 0.05])
def test_a_long_aside_clearly_about_the_subject_is_related_not_declined(near: float) -> None:
    # Few shared words (and, for the first, seemingly far), but far closer to the corpus than
    # to everyday messages, and in words that speak for the subject.
    few, values = _ranked(FEW_WORDS / 2), [near, 0.1]
    closer = near - CLOSER_THAN_ELSEWHERE - 0.01
    ours = decide(few, _meaning(values, elsewhere=closer, topic=ON_SUBJECT + 0.1))
    assert ours.confidence == "low"
    assert decide(few, _meaning(values, elsewhere=closer, topic=ON_SUBJECT - 0.1)) == DECLINE
    assert decide(few, _meaning(values, elsewhere=closer + 0.02, topic=ON_SUBJECT + 0.1)) == (
        DECLINE
    )


def test_a_long_skeptical_aside_is_answered_not_declined(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    # From the dev set: it shares few words with the passage on BadLlama.
    text = (
        "everyone says you can rip the safety out of these open models -- where's the evidence "
        "anybody actually did it, rather than just speculating about it in somebody's blog?"
    )
    answer = engine.answer(text)
    # Shown (whether the confidence model is sure of it or not), not declined.
    assert answer.status == "answered" and "BadLlama" in answer.quotes[0].text
    monkeypatch.setattr(retrieval.decide, "ON_SUBJECT", float("inf"))
    assert engine.answer(text).status == "no_answer"


def test_a_name_the_corpus_holds_is_not_declined_for_seeming_far() -> None:
    # The static embeddings know little of names: "palisade" reads as a fence.
    far = [0.1, 0.2]
    assert decide(_ranked(1.0), _meaning(far, rare_name=True)).confidence == "low"
    # Only when every word of the question is the corpus's.
    assert decide(_ranked(0.5), _meaning(far, rare_name=True)) == DECLINE


def test_a_question_in_the_review_s_words_is_not_declined_for_seeming_far() -> None:
    # The static embeddings put "the 'too much power in too few hands' argument" far from
    # the sentence that makes it; its words are the review's.
    far = [0.3, 0.2]
    assert decide(_ranked(0.8), _meaning(far, known_words=4)).confidence == "low"
    # "nice" alone is in the review's words too; so is a question mostly in others'.
    assert decide(_ranked(1.0), _meaning(far, known_words=1)) == DECLINE
    assert decide(_ranked(0.8), _meaning(far, known_words=4, unknown=0.4)) == DECLINE


def test_few_shared_words_need_closeness_in_meaning() -> None:
    assert decide(_ranked(0.1), _meaning([0.35, 0.2])) == DECLINE
    assert decide(_ranked(0.1), _meaning([0.7, 0.2])).confidence == "low"


def test_confidence_needs_both_words_and_meaning() -> None:
    assert decide(_ranked(0.9), _meaning([0.8, 0.2])).confidence == "high"
    assert decide(_ranked(0.9), _meaning([0.5, 0.2])).confidence == "low"
    assert decide(_ranked(0.3), _meaning([0.8, 0.2])).confidence == "low"
    # Two thirds of its words and a close meaning make a sure answer: own words rarely
    # cover more, and a right first quote was shown as only related half of the time.
    assert decide(_ranked(0.67), _meaning([0.65, 0.2])).confidence == "high"
    assert decide(_ranked(0.6), _meaning([0.65, 0.2])).confidence == "low"
