"""The topic model: trained on labelled messages, saved and read back, and up to date."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

import retrieval.decide
import retrieval.topic
import retrieval.unrelated
from corpus.load import PACKAGED_CORPUS, Corpus, load_corpus
from retrieval.embedding import DIM
from retrieval.engine import Engine
from retrieval.evaluation import load_cases, set_path
from retrieval.semantic import elsewhere_texts
from retrieval.topic import TopicModel, bundled, digest, for_corpus, load, save
from retrieval.topic_training import BESIDE_SUBJECT, fit, out_of_fold, training_messages
from tests.model_files import unreadable_model

MESSAGES = [
    ("were the model weights released openly?", True),
    ("does the act exempt open model weights?", True),
    ("who released the model openly?", True),
    ("best dumbbells for a home gym?", False),
    ("gym weights routine for a beginner", False),
    ("which dumbbells for the gym?", False),
]


def test_the_model_learns_which_words_mark_each_side() -> None:
    model = fit(MESSAGES)
    assert model.score("are the model weights open?") > 0 > model.score("dumbbells for my gym")
    # "weights" is on both sides; the words around it decide.
    assert model.weights["weight"] < model.weights["model"]


def test_a_word_of_one_message_only_gets_no_weight() -> None:
    model = fit([*MESSAGES, ("kettlebells at the gym?", False)])
    assert "kettlebel" not in model.weights and "gym" in model.weights


def test_the_model_reads_the_embedding_it_was_trained_with() -> None:
    # Two dimensions stand for the embedding: the first marks the subject, the second not.
    vectors = np.array([[1, 0], [1, 0], [1, 0], [0, 1], [0, 1], [0, 1]], dtype=np.float32)
    model = fit(MESSAGES, vectors=vectors)
    assert len(model.meaning) == 2 and model.meaning[0] > 0 > model.meaning[1]
    text = "the weights"
    about = model.score(text, np.array([1, 0], dtype=np.float32))
    assert about > model.score(text, np.array([0, 1], dtype=np.float32))
    with pytest.raises(ValueError, match="embedding"):
        model.score(text)


def test_a_score_out_of_fold_comes_from_a_model_that_never_saw_the_message() -> None:
    # "zebra" only in messages 0 and 5, one fold of five: its fold's model knows nothing of it.
    messages = [("zebra stripes", False), *MESSAGES[:4], ("zebra crossing", False), *MESSAGES[4:]]
    assert fit(messages).score("zebra stripes") < out_of_fold(messages)[0]


def test_a_model_is_read_back_as_saved(tmp_path: Path) -> None:
    path = tmp_path / "topic.json"
    model = TopicModel({"gym": -1.23456, "model": 2.0}, "abc", "def", (0.12345,) * DIM)
    save(model, path)
    assert load(path) == TopicModel({"gym": -1.2346, "model": 2.0}, "abc", "def", (0.1235,) * DIM)


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        json.dumps({"fingerprint": "abc"}),
        json.dumps({"weights": {"gym": "high"}}),
        '{"weights": {"gym": NaN}}',
        json.dumps({"weights": [1, 2]}),
        json.dumps({"weights": {}, "fingerprint": 3}),
        json.dumps({"weights": {}, "corpus": None}),
        json.dumps({"weights": {}, "meaning": [0.5, 0.5]}),
        json.dumps({"weights": {}, "meaning": ["x"] * DIM}),
    ],
)
def test_a_broken_model_file_is_named(tmp_path: Path, text: str) -> None:
    path = tmp_path / "topic.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=r"topic\.json"):
        load(path)


def test_the_bundled_model_was_trained_on_the_messages_of_today(corpus: Corpus) -> None:
    # After a change to the passage questions, the background messages or the dev set:
    # `python -m retrieval.topic_training`.
    assert bundled().fingerprint == digest(training_messages(corpus))


def test_the_background_files_share_no_message_with_the_held_out_sets(corpus: Corpus) -> None:
    # Those next to the subject that only this model reads are among its messages.
    written = {*elsewhere_texts(), *elsewhere_texts(BESIDE_SUBJECT)}
    assert written <= {text for text, about in training_messages(corpus) if not about}
    held_out = {c.question for name in ("test", "elsewhere") for c in load_cases(set_path(name))}
    assert written.isdisjoint(held_out)


def test_a_model_trained_on_another_corpus_is_not_used(corpus: Corpus, tmp_path: Path) -> None:
    assert for_corpus(corpus) is bundled()
    root = tmp_path / "corpus"
    shutil.copytree(PACKAGED_CORPUS, root)
    document = next((root / "documents").glob("*.yaml"))
    text = document.read_text(encoding="utf-8")
    asked = '"what does it mean to open-source software?"'
    assert asked in text
    document.write_text(text.replace(asked, '"what is open-source software?"'), encoding="utf-8")
    assert for_corpus(load_corpus(root, cache_dir=None)) is None


def test_an_unreadable_model_file_costs_a_warning_not_an_answer(
    corpus: Corpus, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    broken = tmp_path / "topic.json"
    with unreadable_model(retrieval.topic, broken):
        assert for_corpus(corpus) is None
    assert str(broken) in caplog.text
    assert for_corpus(corpus) is bundled()


def test_a_message_in_the_reviews_words_about_something_else_is_declined(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "is a ball python ok in a small flat?"
    assert engine.answer(text).status == "no_answer"
    monkeypatch.setattr(retrieval.decide, "OFF_SUBJECT", -float("inf"))
    monkeypatch.setattr(retrieval.decide, "CLEARLY_FOR", -float("inf"))
    monkeypatch.setattr(retrieval.decide, "WEAKLY_FOR", -float("inf"))
    monkeypatch.setattr(retrieval.unrelated, "bundled", lambda: None)
    assert engine.answer(text).status == "answered"


@pytest.mark.parametrize(
    "text",
    [
        "tell me a maths joke, i need one for my presentation intro",
        "is season 3 of the series worth it or should i just rewatch the first two",
        # Its words speak for the subject; its meaning does not.
        "going to the book release party saturday, the author is signing copies after the reading",
    ],
)
def test_words_that_speak_only_weakly_for_the_subject_do_not_make_it_about_it(
    engine: Engine, text: str
) -> None:
    # Each shares a few words with the review ("EU", "presentation", "series"), and the
    # rest of it speaks for something else.
    assert engine.answer(text).status == "no_answer"


@pytest.mark.parametrize(
    ("text", "rule", "off"),
    [
        # "Public" and "forum" bring its meaning near the review's; "crossfire", a debate's
        # questioning, is not its word, and its words speak only weakly for the subject.
        ("How long is crossfire in public forum?", "MOSTLY_ELSE", float("inf")),
        # It says two of the review's words ("standard" among them): too few for
        # SAYS_ENOUGH; its meaning stays far.
        ("what's the standard for strict scrutiny", "CLOSE_DESPITE_WORDS", 0.0),
    ],
)
def test_a_message_weakly_for_the_subject_is_declined_by_its_rule(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, text: str, rule: str, off: float
) -> None:
    assert engine.answer(text).status == "no_answer"
    monkeypatch.setattr(retrieval.decide, rule, off)
    assert engine.answer(text).status == "answered"
