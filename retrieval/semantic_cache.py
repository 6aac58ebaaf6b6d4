"""A corpus's semantic index on disk, so that `python -m bot ask` embeds only its question.

Without it, every run would read the tokenizer and embed every sentence and passage
question of the corpus again. The file holds the embedding matrix, what each row stands
for, the embeddings of the messages about other things (`semantic.ELSEWHERE`), and a
`TokenTable` of the corpus's pieces and the vocabulary's, with the tokenizer's BPE
vocabulary and merges for other pieces, with which a question is embedded without reading
the tokenizer. It is named by and holds its identity: the corpus version, the model's files
(the weights, the tokenizer and the library that reads it: path, size and modification
time) and a fingerprint of the code that embeds and of those messages. Like the index cache
(retrieval/cache.py), whose file format it shares, it is written atomically, checksummed
and checked on reading, and rebuilt when anything is amiss.
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from corpus.cachefiles import fingerprint
from corpus.load import Corpus
from retrieval import embedding, semantic, text
from retrieval.cache import load_arrays, read_or_build, save_arrays
from retrieval.embedding import (
    DIM,
    Bpe,
    Embedder,
    EmbeddingUnavailable,
    FloatMatrix,
    ModelFiles,
    TokenTable,
    model_files,
)
from retrieval.semantic import Layout, SemanticIndex, layout_of

# Every sentence is embedded and kept in memory (256 float32s each): beyond this many
# passages the matrix would cost more memory than the whole index, so ranking stays lexical.
EMBED_UP_TO = 5_000
_FIELDS = {
    "matrix",
    "elsewhere",
    "owners",
    "sentence_of",
    "pieces",
    "ids",
    "counts",
    "added",
    "vocab",
    "merges",
}


class Saved(NamedTuple):
    """What a cache file holds besides its identity."""

    layout: Layout
    matrix: FloatMatrix
    elsewhere: FloatMatrix
    table: TokenTable


def identity(key: str, files: ModelFiles) -> dict[str, Any]:
    """Everything a cached semantic index must have been built with."""
    modules = (embedding, semantic, text, sys.modules[__name__])
    code = fingerprint([*(str(module.__file__) for module in modules), semantic.ELSEWHERE])
    return {
        "key": key,
        "model": files.identity(),
        # str.isalpha, which splits texts into pieces, follows the Unicode database.
        "code": f"{code[:16]} {unicodedata.unidata_version}",
    }


def _utf8(strings: str | tuple[str, ...]) -> npt.NDArray[np.uint8]:
    joined = strings if isinstance(strings, str) else TokenTable.SEPARATOR.join(strings)
    return np.frombuffer(joined.encode("utf-8"), dtype=np.uint8)


def write(path: Path, index: SemanticIndex, ident: dict[str, Any]) -> None:
    """Save `index` (its matrix, layout and its embedder's table) at `path` atomically."""
    table = index.embedder.table
    payload: dict[str, npt.NDArray[Any]] = {
        "matrix": index.matrix,
        "elsewhere": index.elsewhere,
        "owners": index.layout.owners.astype(np.int32),
        "sentence_of": index.layout.sentence_of.astype(np.int32),
        "pieces": _utf8(table.joined),
        "ids": table.ids,
        "counts": table.counts,
        "added": _utf8(table.added),
        "vocab": _utf8(table.bpe.vocab),
        "merges": table.bpe.merges,
    }
    save_arrays(path, payload, ident)


def read(path: Path, ident: dict[str, Any], passages: int, vocabulary: int) -> Saved | None:
    """What `write` saved at `path` for exactly `ident`, for a corpus of `passages` and a
    model of `vocabulary` tokens, or None if anything is amiss."""
    try:
        payload = load_arrays(path, ident, _FIELDS)
        if not _consistent(payload, passages, vocabulary):
            return None
        added = payload["added"].tobytes().decode("utf-8")
        table = TokenTable(
            payload["pieces"].tobytes().decode("utf-8"),
            payload["ids"],
            payload["counts"],
            tuple(added.split(TokenTable.SEPARATOR)) if added else (),
            Bpe(payload["vocab"].tobytes().decode("utf-8"), payload["merges"]),
        )
    except Exception:  # unreadable, truncated, not ours: rebuild, whatever went wrong
        return None
    owners, sentence_of = payload["owners"], payload["sentence_of"]
    layout = Layout(passages, owners.astype(np.intp), sentence_of.astype(np.intp))
    return Saved(layout, payload["matrix"], payload["elsewhere"], table)


def _consistent(payload: dict[str, npt.NDArray[Any]], passages: int, vocabulary: int) -> bool:
    """Types, shapes and ranges: what indexing with these arrays relies on."""
    matrix, owners, sentence_of = payload["matrix"], payload["owners"], payload["sentence_of"]
    ids, counts, merges = payload["ids"], payload["counts"], payload["merges"]
    if matrix.dtype != np.float32 or matrix.shape != (len(owners), DIM):
        return False
    elsewhere = payload["elsewhere"]
    if elsewhere.dtype != np.float32 or elsewhere.ndim != 2 or elsewhere.shape[1] != DIM:
        return False
    if any(a.dtype != np.int32 or a.ndim != 1 for a in (owners, sentence_of, ids, counts)):
        return False
    if len(sentence_of) != len(owners) or np.any(counts < 1):
        return False
    if len(ids) and (ids.min() < 0 or ids.max() >= vocabulary):
        return False
    # Every merge joins two tokens of the saved vocabulary, which the matrix has rows for.
    tokens = int(np.count_nonzero(payload["vocab"] == 0)) + 1 if len(payload["vocab"]) else 0
    if merges.dtype != np.int32 or merges.ndim != 2 or merges.shape[1] != 2 or tokens > vocabulary:
        return False
    if merges.size and (merges.min() < 0 or merges.max() >= tokens):
        return False
    # Rows in passage order, each standing for a sentence of its passage.
    return not len(owners) or bool(
        owners[0] >= 0
        and owners[-1] < passages
        and np.all(np.diff(owners) >= 0)
        and sentence_of.min() >= 0
    )


def load_or_build(corpus: Corpus, cache_dir: str | Path | None = None) -> SemanticIndex | None:
    """The semantic index of `corpus`, read from `cache_dir` when a valid copy is there, else
    built and saved; None when the corpus is too large or the model is missing. `cache_dir`
    defaults to `corpus.snapshot.default_cache_dir()`."""
    if len(corpus.entries) > EMBED_UP_TO:
        return None
    try:
        files = model_files()
        ident = identity(corpus.version, files)
        embedder = Embedder.load(files)

        def read_file(path: Path) -> SemanticIndex | None:
            saved = read(path, ident, len(corpus.entries), embedder.vocabulary)
            if saved is None:
                return None
            embedder.table = saved.table
            return SemanticIndex(saved.layout, saved.matrix, embedder, saved.elsewhere)

        def build() -> SemanticIndex:
            texts, layout = layout_of(corpus)
            elsewhere = embedder.embed(semantic.elsewhere_texts())
            index = SemanticIndex(layout, embedder.embed(texts), embedder, elsewhere)
            embedder.table = TokenTable.build(embedder.tokenizer, texts)
            return index

        return read_or_build(
            cache_dir,
            ident,
            "semantic",
            read_file,
            build,
            lambda path, built: write(path, built, ident),
        )
    except EmbeddingUnavailable:
        return None
