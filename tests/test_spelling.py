"""The speller corrects exactly as the rapidfuzz rule it replaces, and is cached with the index."""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchmarks.spelling import misspellings, old_correct
from corpus.load import Corpus
from retrieval import engine as engine_module
from retrieval.cache import cache_path, load_or_build_speller, speller_identity
from retrieval.engine import Engine
from retrieval.spelling import Speller, _lcs, spelling_texts
from retrieval.text import fold
from tests.cache_files import damages, never

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def old_vocabulary(corpus: Corpus) -> dict[str, str]:
    """The vocabulary as Engine built it before the speller (section paths in order)."""
    spelled: Counter[str] = Counter()
    for entry in corpus.entries:
        spelled.update(_WORD.findall(entry.text))
    for path in dict.fromkeys(e.section_path for e in corpus.entries):
        spelled.update(_WORD.findall(" ".join(path)))
    for terms in corpus.lexicon.jurisdictions.values():
        for alias in terms.aliases + terms.case_sensitive:
            spelled.update(_WORD.findall(alias))
    best: dict[str, str] = {}
    for surface, _ in spelled.most_common():
        best.setdefault(fold(surface).removesuffix("'s"), surface)
    return best


def test_the_vocabulary_is_the_one_engine_built(corpus: Corpus) -> None:
    speller = Speller.from_texts(spelling_texts(corpus))
    old = old_vocabulary(corpus)
    assert list(speller.words) == list(old)
    assert list(speller.spellings) == list(old.values())


def test_corrections_of_corpus_misspellings_are_the_old_rules(corpus: Corpus) -> None:
    speller = Speller.from_texts(spelling_texts(corpus))
    vocabulary = dict(zip(speller.words, speller.spellings, strict=True))
    candidates = [w for w in speller.words if len(w) >= 4 and w.isalpha()]
    typos = [typo for typo, _ in misspellings(candidates, 3000, seed=1)]
    got = [speller.correct(typo) for typo in typos]
    assert got == [old_correct(vocabulary, typo) for typo in typos]
    assert sum(fix is not None for fix in got) > len(typos) // 2  # the test tests something


def test_corrections_in_a_crowded_vocabulary_are_the_old_rules() -> None:
    """Words of a five-letter alphabet: many near ties, rivals of another first letter or
    length, long words; the hard cases of the rule."""
    rng = random.Random(2)
    words = list(
        dict.fromkeys(
            "".join(rng.choice("abcde") for _ in range(rng.randint(2, 16))) for _ in range(3000)
        )
    )
    speller = Speller(words, [w.upper() for w in words])
    vocabulary = dict(zip(words, speller.spellings, strict=True))
    typos = [typo for typo, _ in misspellings(words, 3000, seed=3, alphabet="abcdef")]
    typos += ["".join(rng.choice("abcdef") for _ in range(rng.randint(2, 20))) for _ in range(1000)]
    assert [speller.correct(t) for t in typos] == [old_correct(vocabulary, t) for t in typos]


def test_words_outside_the_alphabet_are_compared_as_the_old_rule_did() -> None:
    words = ["régulation", "regulation", "règlement", "日本語テキスト", "straße", "strasse"]
    speller = Speller(words, words)
    vocabulary = dict(zip(words, words, strict=True))
    for typo in ["régulatoin", "reglement", "日本語テクスト", "strase", "srtaße", "x", ""]:
        if typo:
            assert speller.correct(typo) == old_correct(vocabulary, typo), typo


def _lcs_reference(a: str, b: str) -> int:
    row = [0] * (len(b) + 1)
    for ch in a:
        previous = 0
        for j, other in enumerate(b):
            previous, row[j + 1] = (
                row[j + 1],
                (previous + 1 if ch == other else max(row[j + 1], row[j])),
            )
    return row[-1]


@given(st.text(alphabet="abcé日", max_size=70), st.text(alphabet="abcé日", max_size=70))
def test_lcs_is_the_longest_common_subsequence(a: str, b: str) -> None:
    assert _lcs(a, b) == _lcs_reference(a, b)


def test_an_empty_vocabulary_corrects_nothing() -> None:
    speller = Speller([], [])
    assert speller.correct("anything") is None
    assert "anything" not in speller


# --- cached with the index --------------------------------------------------------------


def test_the_speller_is_cached_and_read_back(tmp_path: Path) -> None:
    texts = ["Open-source models, the EU AI Act.", "The US executive order on models."]
    built = load_or_build_speller(texts, "v1", tmp_path)
    loaded = load_or_build_speller(never(), "v1", tmp_path)
    assert (loaded.words, loaded.spellings) == (built.words, built.spellings)
    assert loaded.correct("modles") == built.correct("modles") == "models"
    with pytest.raises(AssertionError, match="not used"):
        load_or_build_speller(never(), "v2", tmp_path)  # another corpus version


@pytest.mark.parametrize("damage", damages(b"models"))
def test_a_damaged_speller_file_is_rebuilt(tmp_path: Path, damage: object) -> None:
    texts = ["Open-source models, the EU AI Act."]
    load_or_build_speller(texts, "v1", tmp_path)
    path = cache_path(tmp_path, speller_identity("v1"), "spell")
    damage(path)  # type: ignore[operator]
    with pytest.raises(AssertionError, match="not used"):
        load_or_build_speller(never(), "v1", tmp_path)
    assert load_or_build_speller(texts, "v1", tmp_path).correct("modles") == "models"
    assert load_or_build_speller(never(), "v1", tmp_path).correct("modles") == "models"


def test_a_cached_corpus_reads_its_speller_with_the_index(
    corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "CACHE_FROM_PASSAGES", 1)
    first = Engine(corpus, index_cache=tmp_path)
    assert "speller" in vars(first)  # made with the index, not on first use
    monkeypatch.setattr(Speller, "from_texts", classmethod(lambda cls, texts: next(never())))
    second = Engine(corpus, index_cache=tmp_path)
    assert second.speller.words == first.speller.words
    assert second.corrections("Does Chian regulate open source models?") == [("Chian", "China")]


def test_a_small_corpus_makes_no_speller_for_known_words(corpus: Corpus) -> None:
    engine = Engine(corpus)
    engine.answer("What does the EU AI Act exempt?")
    assert "speller" not in vars(engine)
    assert engine.corrections("What does the EU AI Act exmept?") == [("exmept", "exempt")]


def test_a_name_and_its_version_typed_as_one_word_are_read_apart(engine: Engine) -> None:
    # "llama3" was a word of nothing: the release of Llama 3 came only as a related passage.
    for typed, spaced in (
        ("was llama3 out yet when they wrote this", "was llama 3 out yet when they wrote this"),
        ("what did meta claim about Llama3?", "what did meta claim about Llama 3?"),
    ):
        joined, apart = engine.answer(typed), engine.answer(spaced)
        assert joined.status == "answered" and joined.confidence == "high"
        assert joined.passage_ids == apart.passage_ids
