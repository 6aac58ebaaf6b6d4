"""Sentence profiles: a sentence with its passage questions as one TF-IDF vector, scored
against a question, and kept on disk like the other caches."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from corpus.load import Corpus
from retrieval import cache as cache_module
from retrieval.cache import cache_path, load_or_build_profiles, profiles_identity, read_profiles
from retrieval.profiles import SentenceProfiles, features
from retrieval.text import sentence_holding, sentences


@pytest.fixture(scope="module")
def profiles(corpus: Corpus) -> SentenceProfiles:
    return SentenceProfiles.build(corpus)


def _row(corpus: Corpus, doc: int, sentence: int) -> int:
    """The profile row of a passage's sentence: rows run through the passages in order."""
    return sum(len(sentences(e.text)) for e in corpus.entries[:doc]) + sentence


def test_features_keep_question_words_and_pairs() -> None:
    found = features("Who wrote this review?")
    assert "who" in found and "wrote" in found
    assert "who wrote" in found
    assert features("") == []


def test_a_passage_question_scores_its_own_sentence_best(
    corpus: Corpus, profiles: SentenceProfiles
) -> None:
    """Each question the corpus ties to a sentence is in that sentence's profile: nearly
    always it scores it best (a few share their words with a neighbour's questions)."""
    best = asked = 0
    for doc, entry in enumerate(corpus.entries):
        spans = sentences(entry.text)
        for question in entry.questions:
            tied = _row(corpus, doc, sentence_holding(spans, entry.text, question.answer))
            scores = profiles.scores(question.q)
            best += int(np.argmax(scores)) == tied
            asked += 1
    assert asked and best >= 0.95 * asked


def test_scores_are_cosines(profiles: SentenceProfiles) -> None:
    scores = profiles.scores("what does the EU AI Act exempt open-source models from?")
    assert scores.min() >= 0.0 and scores.max() <= 1.0 + 1e-9
    assert scores.max() > 0.3
    assert not profiles.scores("zzzz qqqq").any()  # nothing shared, nothing scored


def test_a_passage_scores_as_its_best_sentence(corpus: Corpus, profiles: SentenceProfiles) -> None:
    question = "who signed the Mozilla statement?"
    scores, by_passage = profiles.scores(question), profiles.by_passage(question)
    assert len(by_passage) == len(corpus.entries)
    for doc, entry in enumerate(corpus.entries):
        rows = range(_row(corpus, doc, 0), _row(corpus, doc, len(sentences(entry.text))))
        assert by_passage[doc] == max(scores[row] for row in rows)


def test_a_second_load_reads_what_the_first_built(
    corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = load_or_build_profiles(corpus, tmp_path)
    assert len(list(tmp_path.glob("profiles-*.npz"))) == 1

    def never(_: Corpus) -> SentenceProfiles:
        raise AssertionError("rebuilt, not read")

    with monkeypatch.context() as patch:
        patch.setattr(SentenceProfiles, "build", never)
        loaded = load_or_build_profiles(corpus, tmp_path)
    question = "is it dangerous to publish the weights?"
    assert np.array_equal(loaded.scores(question), built.scores(question))


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(path.read_bytes()[:-100]),
        lambda path: path.write_bytes(os.urandom(256)),
        lambda path: np.savez(path, rows=np.zeros(3, dtype=np.int32)),
        lambda path: path.write_bytes(b""),
    ],
)
def test_a_damaged_cache_is_rebuilt(corpus: Corpus, tmp_path: Path, damage: object) -> None:
    built = load_or_build_profiles(corpus, tmp_path)
    (path,) = tmp_path.glob("profiles-*.npz")
    damage(path)  # type: ignore[operator]
    ident = profiles_identity(corpus.version)
    assert read_profiles(path, ident, len(corpus.entries)) is None
    question = "what does China require?"
    rebuilt = load_or_build_profiles(corpus, tmp_path)
    assert np.array_equal(rebuilt.scores(question), built.scores(question))
    assert read_profiles(path, ident, len(corpus.entries)) is not None  # rewritten


def test_a_cache_for_another_corpus_is_refused(corpus: Corpus, tmp_path: Path) -> None:
    load_or_build_profiles(corpus, tmp_path)
    (path,) = tmp_path.glob("profiles-*.npz")
    other = profiles_identity("another corpus version")
    path.rename(cache_path(tmp_path, other, "profiles"))
    assert read_profiles(cache_path(tmp_path, other, "profiles"), other, 29) is None


def test_inconsistent_arrays_are_refused(
    corpus: Corpus, profiles: SentenceProfiles, tmp_path: Path
) -> None:
    """Arrays with a valid checksum and identity, but that scoring would trip on."""
    ident = profiles_identity(corpus.version)
    path = cache_path(tmp_path, ident, "profiles")
    passages = len(corpus.entries)
    a = profiles.arrays
    rows = a.rows.copy()
    rows[0] = len(a.owners)  # a sentence that does not exist
    owners = a.owners.copy()
    owners[-1] = passages  # a passage that does not exist
    ptr = a.ptr.copy()
    ptr[1] = ptr[-1] + 1  # past the end of the values
    for bad in (replace(a, rows=rows), replace(a, owners=owners), replace(a, ptr=ptr)):
        cache_module.write_profiles(path, SentenceProfiles(bad), ident)
        assert read_profiles(path, ident, passages) is None
    cache_module.write_profiles(path, profiles, ident)
    assert read_profiles(path, ident, passages) is not None


def test_a_read_only_folder_costs_a_rebuild_not_an_answer(corpus: Corpus, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        found = load_or_build_profiles(corpus, folder)
    finally:
        folder.chmod(0o700)
    assert found.scores("who wrote this review?").max() > 0
