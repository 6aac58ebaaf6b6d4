"""The semantic index on disk: read back as built, never trusted when stale or damaged."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any
from unittest.mock import patch

import numpy as np
import pytest

from corpus.load import Corpus
from retrieval import semantic, semantic_cache
from retrieval.cache import cache_path
from retrieval.embedding import Bpe, Embedder, EmbeddingUnavailable, TokenTable, model_files
from retrieval.engine import Engine
from retrieval.semantic import SemanticIndex, elsewhere_texts
from retrieval.semantic_cache import identity, load_or_build, read

QUESTIONS = ["What does the EU AI Act exempt?", "does beijing treat open models differently"]


def _never(*args: object, **kwargs: object) -> None:
    raise AssertionError("the cache was not used")


def _load(corpus: Corpus, folder: Path) -> SemanticIndex:
    index = load_or_build(corpus, folder)
    assert index is not None
    return index


def _cached(corpus: Corpus, folder: Path) -> SemanticIndex:
    """The index as read from `folder`, failing if it had to be built."""
    with patch.object(semantic_cache, "layout_of", _never):
        return _load(corpus, folder)


def _same(one: SemanticIndex, other: SemanticIndex) -> None:
    np.testing.assert_array_equal(one.matrix, other.matrix)
    np.testing.assert_array_equal(one.elsewhere, other.elsewhere)
    for question in QUESTIONS:
        np.testing.assert_array_equal(
            one.closeness(question).by_row, other.closeness(question).by_row
        )


def _file(folder: Path) -> Path:
    (path,) = folder.glob("semantic-*.npz")
    return path


def test_a_second_load_reads_what_the_first_built(corpus: Corpus, tmp_path: Path) -> None:
    built = _load(corpus, tmp_path)
    cached = _cached(corpus, tmp_path)
    _same(built, cached)
    assert len(cached.embedder.table) == len(built.embedder.table)


def test_the_messages_about_other_things_are_embedded_and_kept(
    corpus: Corpus, tmp_path: Path
) -> None:
    built = _load(corpus, tmp_path)
    assert built.elsewhere.shape == (len(elsewhere_texts()), built.matrix.shape[1])
    # Changing them makes another cache, as changing the code that embeds does.
    before = identity(corpus.version, model_files())
    with patch.object(semantic, "ELSEWHERE", tmp_path / "elsewhere.txt"):
        (tmp_path / "elsewhere.txt").write_text("a message about the gym\n", encoding="utf-8")
        assert identity(corpus.version, model_files()) != before


def test_a_cached_index_answers_without_the_tokenizer(corpus: Corpus, tmp_path: Path) -> None:
    _load(corpus, tmp_path)
    cached = _cached(corpus, tmp_path)
    cached.closeness(QUESTIONS[0])
    assert "tokenizer" not in vars(cached.embedder)


def test_another_process_answers_from_the_cache_without_tokenizers(
    corpus: Corpus, tmp_path: Path
) -> None:
    _load(corpus, tmp_path)
    script = (
        "import sys\n"
        "from corpus.load import load_corpus\n"
        "from retrieval import semantic_cache\n"
        "def never(*a): raise SystemExit('the cache was not used')\n"
        "semantic_cache.layout_of = never\n"
        "index = semantic_cache.load_or_build(load_corpus(), sys.argv[1])\n"
        f"index.closeness({QUESTIONS[0]!r})\n"
        "index.closeness('Qwertyuiop zxcvbnm?')\n"  # words of no corpus text: its BPE
        "assert 'tokenizers' not in sys.modules, 'the tokenizer was read'\n"
    )
    subprocess.run([sys.executable, "-c", script, str(tmp_path)], check=True, timeout=60)


def _corrupt_by_truncating(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _corrupt_by_flipping_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "damage",
    [
        _corrupt_by_truncating,
        _corrupt_by_flipping_a_byte,
        lambda path: path.write_bytes(pickle.dumps({"matrix": [1, 2, 3]})),
        lambda path: path.write_bytes(os.urandom(256)),
        lambda path: np.savez(path, matrix=np.zeros((3, 256), dtype=np.float32)),
        lambda path: path.write_bytes(b""),
    ],
)
def test_a_damaged_cache_is_rebuilt(corpus: Corpus, tmp_path: Path, damage: object) -> None:
    built = _load(corpus, tmp_path)
    damage(_file(tmp_path))  # type: ignore[operator]
    with pytest.raises(AssertionError, match="not used"):
        _cached(corpus, tmp_path)
    _same(_load(corpus, tmp_path), built)
    _same(_cached(corpus, tmp_path), built)  # rewritten, valid again


def test_a_cache_for_another_corpus_or_model_is_not_used(corpus: Corpus, tmp_path: Path) -> None:
    _load(corpus, tmp_path)
    files = model_files()
    ident = identity(corpus.version, files)
    passages, vocabulary = len(corpus.entries), Embedder.load().vocabulary
    for other in (
        identity("another corpus version", files),
        {**ident, "model": [[*entry[:2], entry[2] + 1] for entry in ident["model"]]},
        {**ident, "code": "other code"},
    ):
        _file(tmp_path).rename(cache_path(tmp_path, other, "semantic"))
        assert read(cache_path(tmp_path, other, "semantic"), other, passages, vocabulary) is None
        cache_path(tmp_path, other, "semantic").rename(cache_path(tmp_path, ident, "semantic"))
    _cached(corpus, tmp_path)


def test_inconsistent_arrays_are_refused(corpus: Corpus, tmp_path: Path) -> None:
    """Arrays with a valid checksum and identity, but that indexing would trip on."""
    built = _load(corpus, tmp_path)
    ident = identity(corpus.version, model_files())
    path = cache_path(tmp_path, ident, "semantic")
    passages = len(corpus.entries)
    assert read(path, ident, passages, 32000) is not None
    owners = built.layout.owners.copy()
    owners[-1] = passages  # a passage that does not exist
    semantic_cache.write(
        path,
        SemanticIndex(built.layout._replace(owners=owners), built.matrix, built.embedder),
        ident,
    )
    assert read(path, ident, passages, 32000) is None
    narrow = SemanticIndex(built.layout, built.matrix, built.embedder, built.elsewhere[:, :8])
    semantic_cache.write(path, narrow, ident)
    assert read(path, ident, passages, 32000) is None  # messages about other things, cut short
    semantic_cache.write(path, built, ident)
    assert read(path, ident, passages, 100) is None  # token ids past the model's rows
    table = built.embedder.table
    merges = table.bpe.merges.copy()
    merges[0, 1] = 32000  # a merge of a token that is not in the vocabulary
    beyond = Embedder.load(table=TokenTable(*_fields(table), Bpe(table.bpe.vocab, merges)))
    semantic_cache.write(path, SemanticIndex(built.layout, built.matrix, beyond), ident)
    assert read(path, ident, passages, 32000) is None


def _fields(table: TokenTable) -> tuple[str, Any, Any, tuple[str, ...]]:
    return table.joined, table.ids, table.counts, table.added


def test_a_read_only_folder_costs_a_rebuild_not_an_answer(corpus: Corpus, tmp_path: Path) -> None:
    with patch.object(semantic_cache, "save_arrays", side_effect=OSError("read-only")):
        assert _load(corpus, tmp_path).closeness(QUESTIONS[0]).best > 0
    assert not list(tmp_path.glob("semantic-*"))


def test_a_large_corpus_stays_lexical(
    corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(semantic_cache, "EMBED_UP_TO", len(corpus.entries) - 1)
    assert load_or_build(corpus, tmp_path) is None


def test_without_the_model_ranking_stays_lexical(corpus: Corpus, tmp_path: Path) -> None:
    with patch.object(semantic_cache, "model_files", side_effect=EmbeddingUnavailable("gone")):
        assert load_or_build(corpus, tmp_path) is None


def test_answers_are_the_same_from_the_cache(corpus: Corpus, tmp_path: Path) -> None:
    built = Engine(corpus, index_cache=tmp_path)
    cached = Engine(corpus, index_cache=tmp_path)
    for question in [*QUESTIONS, "Chian open source", "What about the UK?"]:
        assert built.answer(question).to_json() == cached.answer(question).to_json()


def test_warm_reads_the_tokenizer_too(corpus: Corpus, tmp_path: Path) -> None:
    _load(corpus, tmp_path)
    engine = Engine(corpus, index_cache=tmp_path)
    engine.warm()
    assert engine.semantic is not None
    assert "tokenizer" in vars(engine.semantic.embedder)


def test_an_empty_table_is_kept_as_such(corpus: Corpus, tmp_path: Path) -> None:
    with patch.object(TokenTable, "build", lambda tokenizer, texts: TokenTable.empty()):
        _load(corpus, tmp_path)
    cached = _cached(corpus, tmp_path)
    assert len(cached.embedder.table) == 0
    assert cached.embedder.table.token_ids("hi") is None  # nor a BPE
    assert cached.closeness(QUESTIONS[0]).best > 0
