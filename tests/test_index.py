"""Bm25Index answers exactly what rank-bm25's BM25Plus would, and its disk cache is safe."""

from __future__ import annotations

import math
import os
import pickle
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from unittest.mock import patch

import numpy as np
import pytest
import Stemmer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rank_bm25 import BM25Plus

import retrieval.cache as cache_module
import retrieval.index as index_module
import retrieval.text as text_module
from corpus.load import Corpus
from retrieval.cache import cache_path, identity, load_or_build, read
from retrieval.engine import Engine
from retrieval.index import DELTA, K1, B, Bm25Index, tokenize_many
from retrieval.text import tokenize
from tests.cache_files import never

Docs = list[list[str]]


@pytest.fixture(autouse=True)
def _own_stemmer() -> Iterator[None]:
    """Stem with a stemmer of our own: the random words here would otherwise fill the
    shared stemmer's bounded cache, whose memory tests/test_memory.py watches."""
    with patch.object(text_module, "_STEMMER", Stemmer.Stemmer("english")):
        yield


def reference(
    model: BM25Plus,
    docs: Docs,
    query: Sequence[str],
    k: int,
    boost: np.ndarray | None = None,
    allowed: np.ndarray | None = None,
) -> list[tuple[int, float]]:
    """rank-bm25's top k among passages with a query term, ties by passage order."""
    scores = model.get_scores(list(query))
    constant = sum(model.idf.get(t, 0.0) for t in query) * model.delta
    found = []
    for d, doc in enumerate(docs):
        if set(query).isdisjoint(doc) or (allowed is not None and not allowed[d]):
            continue
        value = float(scores[d])
        if boost is not None and boost[d] != 1.0:
            value = constant + boost[d] * (value - constant)
        found.append((d, value))
    found.sort(key=lambda hit: (-hit[1], hit[0]))
    return found[:k]


def assert_same(got: list[index_module.Hit], expected: list[tuple[int, float]]) -> None:
    assert [h.doc for h in got] == [d for d, _ in expected]
    for hit, (_, score) in zip(got, expected, strict=True):
        assert math.isclose(hit.score, score, rel_tol=1e-12, abs_tol=1e-12), (hit, score)


# Small vocabularies make ties and shared terms common; large ones make postings sparse.
small_vocab = [f"w{i}" for i in range(12)]
large_vocab = [f"t{i}" for i in range(400)]


@st.composite
def corpora(draw: st.DrawFn) -> tuple[Docs, list[str]]:
    vocab = draw(st.sampled_from([small_vocab, large_vocab]))
    n = draw(st.integers(1, 300 if vocab is large_vocab else 60))
    words = st.sampled_from(vocab)
    docs = draw(st.lists(st.lists(words, max_size=15), min_size=n, max_size=n))
    if not any(docs):
        docs[0] = [vocab[0]]
    query = draw(st.lists(st.sampled_from([*vocab[:40], "unknown"]), min_size=1, max_size=7))
    return docs, query


params = st.tuples(
    st.floats(0.5, 2.0), st.floats(0.0, 0.9), st.floats(0.0, 1.5)
)  # k1, b, delta (b = 1 with an empty passage is 0/0 in rank-bm25 itself)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora(), params, st.integers(1, 15), st.sampled_from([2, 4, 1024]))
def test_top_k_is_rank_bm25s(
    case: tuple[Docs, list[str]], p: tuple[float, float, float], k: int, sample: int
) -> None:
    docs, query = case
    k1, b, delta = p
    model = BM25Plus(docs, k1=k1, b=b, delta=delta)
    # A tiny sample size takes the sampling shortcuts even on small corpora.
    with patch.object(index_module, "_SAMPLE", sample):
        index = Bm25Index(docs, k1=k1, b=b, delta=delta)
        got = index.top(query, k)
    assert_same(got, reference(model, docs, query, k))


@settings(max_examples=150, deadline=None)
@given(corpora(), st.integers(1, 15), st.data())
def test_boost_and_allowed(case: tuple[Docs, list[str]], k: int, data: st.DataObject) -> None:
    docs, query = case
    n = len(docs)
    boost = np.array(data.draw(st.lists(st.sampled_from([1.0, 1.6, 0.5]), min_size=n, max_size=n)))
    allowed = np.array(data.draw(st.lists(st.booleans(), min_size=n, max_size=n)))
    model = BM25Plus(docs, k1=K1, b=B, delta=DELTA)
    index = Bm25Index(docs)
    assert_same(index.top(query, k, boost=boost), reference(model, docs, query, k, boost=boost))
    assert_same(
        index.top(query, k, allowed=allowed), reference(model, docs, query, k, allowed=allowed)
    )
    assert_same(
        index.top(query, k, boost=boost, allowed=allowed),
        reference(model, docs, query, k, boost=boost, allowed=allowed),
    )
    # A read-only boost, as Engine's, whose largest value the index remembers.
    boost.flags.writeable = False
    for _ in range(2):
        assert_same(index.top(query, k, boost=boost), reference(model, docs, query, k, boost))


def test_a_boost_changed_in_place_is_read_again() -> None:
    docs = [["a", "b"], ["a"], ["b", "c"], ["a", "c", "c"]]
    index, model = Bm25Index(docs), BM25Plus(docs, k1=K1, b=B, delta=DELTA)
    boost = np.ones(len(docs))
    index.top(["a", "c"], 2, boost=boost)
    boost[2] = 40.0
    expected = reference(model, docs, ["a", "c"], 2, boost=boost)
    assert_same(index.top(["a", "c"], 2, boost=boost), expected)


@settings(max_examples=100, deadline=None)
@given(corpora())
def test_statistics_are_rank_bm25s(case: tuple[Docs, list[str]]) -> None:
    docs, query = case
    model = BM25Plus(docs, k1=K1, b=B, delta=DELTA)
    index = Bm25Index(docs)
    assert index.size == len(docs) == len(index)
    assert all(index.terms_of(d) == model.doc_freqs[d] for d in range(len(docs)))
    assert all(index.idf(t) == model.idf.get(t) for t in [*query, "nowhere"])
    for term in [*query, "nowhere"]:
        assert index.docs_of(term) == [d for d, doc in enumerate(docs) if term in doc]
    assert math.isclose(index.constant(query), sum(model.idf.get(t, 0.0) for t in query) * DELTA)
    found = index.top(query, len(docs))
    assert [h.score for h in found] == [float(model.get_scores(query)[h.doc]) for h in found]


@pytest.mark.parametrize("sample", [4, 1024])
def test_every_path_on_a_larger_corpus(sample: int) -> None:
    """Zipf-like term frequencies: rare terms (merged postings), common ones (a pass over
    every passage), single terms, and long candidate lists (sampled cut-offs)."""
    rng = np.random.default_rng(sample)
    vocab = [f"t{i}" for i in range(3000)]
    weights = 1 / np.arange(1, len(vocab) + 1)
    weights /= weights.sum()
    docs = [list(rng.choice(vocab, size=rng.integers(0, 40), p=weights)) for _ in range(3000)]
    model = BM25Plus(docs, k1=K1, b=B, delta=DELTA)
    boost = np.where(rng.random(len(docs)) < 0.2, 1.6, 1.0)
    with patch.object(index_module, "_SAMPLE", sample):
        index = Bm25Index(docs)
        for n in range(150):
            query = list(rng.choice(vocab[: [5, 50, 3000][n % 3]], size=rng.integers(1, 6)))
            k = int(rng.choice([1, 10, 50]))
            assert_same(index.top(query, k), reference(model, docs, query, k))
            if n % 10 == 0:
                expected = reference(model, docs, query, k, boost=boost)
                assert_same(index.top(query, k, boost=boost), expected)


def test_scores_are_bit_for_bit_rank_bm25s() -> None:
    docs = [["open", "source", "model"], ["model", "weights"], ["open", "model", "model", "eu"]]
    model = BM25Plus(docs, k1=K1, b=B, delta=DELTA)
    hits = Bm25Index(docs).top(["open", "model", "model", "nowhere"], 3)
    scores = model.get_scores(["open", "model", "model", "nowhere"])
    assert [(h.doc, h.score) for h in hits] == [(2, scores[2]), (0, scores[0]), (1, scores[1])]


def test_ties_go_to_the_earlier_passage() -> None:
    docs = [["x"], ["a", "b"], ["b", "a"], ["y"], ["a", "b"]]
    assert [h.doc for h in Bm25Index(docs).top(["a"], 10)] == [1, 2, 4]
    assert [h.doc for h in Bm25Index(docs).top(["b", "a"], 2)] == [1, 2]


def test_a_repeated_query_term_counts_twice() -> None:
    docs = [["a", "b"], ["b", "c"], ["c"]]
    model = BM25Plus(docs, k1=K1, b=B, delta=DELTA)
    index = Bm25Index(docs)
    scores = model.get_scores(["a", "a", "c"])
    expected = sorted(((d, float(scores[d])) for d in range(3)), key=lambda hit: (-hit[1], hit[0]))
    twice = index.top(["a", "a", "c"], 3)
    assert [(h.doc, h.score) for h in twice] == expected
    assert twice[0].score > index.top(["a", "c"], 3)[0].score


def test_nothing_to_find() -> None:
    index = Bm25Index([["a"], []])
    assert index.top(["zzz"], 5) == []
    assert index.top([], 5) == []
    assert index.top(["a"], 0) == []
    assert index.idf("zzz") is None
    assert Bm25Index([]).top(["a"], 3) == []
    assert Bm25Index([[], []]).top(["a"], 3) == []


def test_reads_its_passages_once() -> None:
    docs = [["a", "b"], ["b"]]
    assert Bm25Index(iter(docs)).top(["b"], 2) == Bm25Index(docs).top(["b"], 2)


# --- tokenizing ---------------------------------------------------------------------------

_PIECES = [*"abcXYZ019 .'’ʼ`_-,;:!?()\"\n\t", "U.S.", "e.g.", "4.6", "ﬁ", "²", "İ", "é", "е", "ß"]
# Combining accent, zero-width space: characters that are not word characters.
tricky = st.lists(st.sampled_from([*_PIECES, "\u0301", "\u200b", "\0"]), max_size=30).map("".join)
ascii_only = st.lists(st.sampled_from([p for p in _PIECES if p.isascii()]), max_size=30).map(
    "".join
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(tricky, ascii_only), max_size=8), st.sampled_from([1, 2, 2048]))
def test_bulk_tokenizing_is_tokenize(texts: list[str], batch: int) -> None:
    """ASCII texts go in batches (ended by NUL), others one by one: same tokens, in order."""
    with patch.object(index_module, "_BATCH", batch):
        assert tokenize_many(texts) == [tokenize(t) for t in texts]
        assert tokenize_many(texts[:1] * 3) == [tokenize(t) for t in texts[:1] * 3]


def test_from_texts_is_engines_index(corpus: Corpus) -> None:
    """The engine's index is the token-list index of titles, the quoted source's title and
    authors, text and passage questions, passage by passage."""
    slow = Bm25Index(
        [
            tokenize(" ".join(e.section_path))
            + (tokenize(" ".join((e.source.title, *e.source.authors))) if e.source else [])
            + tokenize(e.text)
            + [t for q in e.questions for t in tokenize(q.q)]
            for e in corpus.entries
        ]
    )
    fast = Engine(corpus).index
    assert fast.arrays.terms == slow.arrays.terms
    for name in ("doc_len", "term_ptr", "post_doc", "post_tf", "doc_ptr", "doc_term", "doc_tf"):
        assert np.array_equal(getattr(fast.arrays, name), getattr(slow.arrays, name)), name


# --- the cache ----------------------------------------------------------------------------

TEXTS = [
    "Open-source models and the EU AI Act.",
    "The US executive order.",
    "China's rules on models.",
]


def cached(
    folder: Path, texts: Iterator[str] | list[str], key: str = "v1", **kw: float
) -> Bm25Index:
    return load_or_build(texts, key, folder, **kw)


def test_cache_round_trip(tmp_path: Path) -> None:
    built = cached(tmp_path, TEXTS)
    files = list(tmp_path.glob("bm25-*.npz"))
    assert len(files) == 1
    loaded = cached(tmp_path, never())
    assert loaded.arrays.terms == built.arrays.terms
    for query in (["model"], ["us", "order"], ["china", "model", "nowhere"]):
        assert (
            loaded.top(query, 3) == built.top(query, 3) == Bm25Index.from_texts(TEXTS).top(query, 3)
        )
    assert loaded.idf("eu") == built.idf("eu")


def test_cache_keys(tmp_path: Path) -> None:
    cached(tmp_path, TEXTS)
    with pytest.raises(AssertionError, match="not used"):
        cached(tmp_path, never(), key="v2")  # another corpus version
    with pytest.raises(AssertionError, match="not used"):
        cached(tmp_path, never(), b=0.75)  # other parameters
    with (
        patch.object(cache_module, "INDEX_VERSION", 999),
        pytest.raises(AssertionError, match="not used"),
    ):
        cached(tmp_path, never())  # other index code
    with (
        patch.object(cache_module, "code_fingerprint", lambda: "changed"),
        pytest.raises(AssertionError, match="not used"),
    ):
        cached(tmp_path, never())  # other tokenizer code
    cached(tmp_path, never())  # the first is still there, and valid


def _corrupt_by_truncating(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _corrupt_by_flipping_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def _corrupt_with_a_pickle(path: Path) -> None:
    path.write_bytes(pickle.dumps({"post_doc": [1, 2, 3]}))


def _corrupt_with_garbage(path: Path) -> None:
    path.write_bytes(os.urandom(256))


def _corrupt_with_other_arrays(path: Path) -> None:
    np.savez(path, post_doc=np.arange(3))


@pytest.mark.parametrize(
    "damage",
    [
        _corrupt_by_truncating,
        _corrupt_by_flipping_a_byte,
        _corrupt_with_a_pickle,
        _corrupt_with_garbage,
        _corrupt_with_other_arrays,
        lambda path: path.write_bytes(b""),
    ],
)
def test_a_damaged_cache_is_rebuilt(tmp_path: Path, damage: object) -> None:
    expected = cached(tmp_path, TEXTS).top(["model"], 3)
    (path,) = tmp_path.glob("bm25-*.npz")
    damage(path)  # type: ignore[operator]
    with pytest.raises(AssertionError, match="not used"):
        cached(tmp_path, never())
    assert cached(tmp_path, TEXTS).top(["model"], 3) == expected
    assert cached(tmp_path, never()).top(["model"], 3) == expected  # rewritten, valid again


def test_a_cache_for_another_key_is_refused(tmp_path: Path) -> None:
    """A valid file under the wrong name (its identity inside differs) is not used."""
    cached(tmp_path, TEXTS, key="v1")
    (v1,) = tmp_path.glob("bm25-*.npz")
    ident = identity("v2", K1, B, DELTA)
    v1.rename(cache_path(tmp_path, ident))
    assert read(cache_path(tmp_path, ident), ident) is None


def test_inconsistent_arrays_are_refused(tmp_path: Path) -> None:
    index = Bm25Index.from_texts(TEXTS)
    ident = identity("v1", K1, B, DELTA)
    path = cache_path(tmp_path, ident)
    bad = index.arrays.post_doc.copy()
    bad[0] = 10**6  # a passage that does not exist, with a valid checksum
    cache_module.write(path, replace(index.arrays, post_doc=bad), ident)
    assert read(path, ident) is None
    lengths = index.arrays.doc_len.copy()
    lengths[0] += 1  # no longer the sum of the passage's term frequencies
    cache_module.write(path, replace(index.arrays, doc_len=lengths), ident)
    assert read(path, ident) is None
    cache_module.write(path, index.arrays, ident)
    assert read(path, ident) is not None


def test_an_unwritable_cache_still_answers(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert cached(blocked / "cache", TEXTS).top(["model"], 1)


def test_default_cache_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("VERBATIM_DATA_DIR", str(tmp_path))
    assert cache_module.default_cache_dir() == tmp_path / "index-cache"
    monkeypatch.delenv("VERBATIM_DATA_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_module.default_cache_dir() == tmp_path / "xdg" / "verbatim"


def test_the_engine_answers_alike_on_the_benchmarks_rank_bm25_index(corpus: Corpus) -> None:
    # `python -m benchmarks` runs the engine on rank-bm25 itself: the engine may ask an
    # index only what both give.
    from benchmarks.systems import NaiveIndex
    from retrieval.engine import indexed_text

    naive = NaiveIndex(tokenize_many(map(indexed_text, corpus.entries)))
    on_naive = Engine(corpus, prebuilt=naive)  # type: ignore[arg-type]  # duck-typed
    ours = Engine(corpus)
    for question in ("how's the EU handling open source AI?", "What does China require?"):
        assert on_naive.answer(question).passage_ids == ours.answer(question).passage_ids
