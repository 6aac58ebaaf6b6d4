"""retrieval/embedding.py: offline loading, shapes, parity with wordllama, semantics."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

import numpy as np
import pytest

from retrieval import embedding
from retrieval.embedding import DIM, Embedder, EmbeddingUnavailable

TEXTS = [
    "Can I release model weights publicly?",
    "Meta released the model weights of Llama 2",
    "How do I bake bread?",
    "What does the EU AI Act say about open-source general-purpose models?",
    "Hello world",
    "hello world",
    "HELLO WORLD",
    " ",
    "a",
    "Ünïcödé, emoji 😀 and CJK 开源模型",
    "  leading and trailing spaces  ",
    "tabs\tand\nnewlines",
    "x" * 2000,  # long: wordllama does not truncate
]


def _refuse(*args: Any, **kwargs: Any) -> NoReturn:
    raise AssertionError("network access attempted")


@pytest.fixture(scope="module")
def no_network() -> Iterator[None]:
    """Every socket creation or DNS lookup fails for the whole module, loading included."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HUB_OFFLINE", "1")
        mp.setattr(socket, "socket", _refuse)
        mp.setattr(socket, "create_connection", _refuse)
        mp.setattr(socket, "getaddrinfo", _refuse)
        yield


@pytest.fixture(scope="module")
def embedder(no_network: None) -> Embedder:
    return Embedder.load()


@pytest.fixture(scope="module")
def wordllama_model(no_network: None, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """wordllama's own inference object, built by its own loader from the bundled files.

    ``WordLlama.load`` looks for the tokenizer in ``wordllama/tokenizer/`` (singular) but the
    wheel ships it in ``wordllama/tokenizers/``; its next place is
    ``<cache_dir>/tokenizers/``, so a cache dir holding a link to the bundled file lets the
    loader run unchanged with downloads disabled.
    """
    import wordllama

    bundled = Path(wordllama.__file__).parent / "tokenizers" / "l2_supercat_tokenizer_config.json"
    cache = tmp_path_factory.mktemp("wordllama_cache")
    (cache / "tokenizers").mkdir()
    (cache / "tokenizers" / bundled.name).symlink_to(bundled)
    return wordllama.WordLlama.load(
        config="l2_supercat", dim=256, cache_dir=cache, disable_download=True
    )


def test_network_is_blocked(no_network: None) -> None:
    with pytest.raises(AssertionError, match="network"):
        socket.create_connection(("example.com", 80))


def test_shape_dtype_and_unit_norm(embedder: Embedder) -> None:
    vectors = embedder.embed(TEXTS)
    assert vectors.shape == (len(TEXTS), DIM)
    assert vectors.dtype == np.float32
    assert np.isfinite(vectors).all()
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=0, atol=1e-6)


def test_empty_inputs(embedder: Embedder) -> None:
    assert embedder.embed([]).shape == (0, DIM)
    assert embedder.embed([]).dtype == np.float32
    vectors = embedder.embed(["", "Hello", ""])
    assert not vectors[0].any()
    assert not vectors[2].any()
    np.testing.assert_allclose(np.linalg.norm(vectors[1]), 1.0, atol=1e-6)
    assert not embedder.embed(["", ""]).any()


def _with_weights(path: Path, matrix: np.ndarray[Any, Any]) -> embedding.ModelFiles:
    """The installed model's files, but `matrix` (saved at `path`) for its weights."""
    from safetensors.numpy import save_file

    save_file({"embedding.weight": matrix}, str(path))
    return embedding.model_files()._replace(weights=path)


def test_shapes_are_checked(tmp_path: Path) -> None:
    narrow = _with_weights(tmp_path / "narrow", np.zeros((32000, 128), dtype=np.float16))
    with pytest.raises(EmbeddingUnavailable, match="matrix"):
        Embedder.load(narrow)
    short = _with_weights(tmp_path / "short", np.zeros((100, DIM), dtype=np.float16))
    with pytest.raises(EmbeddingUnavailable, match="tokens"):
        Embedder.load(short).embed(["a text only the tokenizer can read"])


def test_weights_are_read_as_the_safetensors_library_reads_them(tmp_path: Path) -> None:
    from safetensors.numpy import load_file

    path = embedding.model_files().weights
    theirs = load_file(str(path))["embedding.weight"]
    ours = embedding.Weights(path)
    assert ours.size == len(theirs)
    np.testing.assert_array_equal(ours.rows(list(range(ours.size))), theirs.astype(np.float32))
    matrix = np.arange(4 * DIM, dtype=np.float32).reshape(4, DIM)
    stored = _with_weights(tmp_path / "f32", matrix).weights
    np.testing.assert_array_equal(embedding.Weights(stored).rows([3, 0, 3]), matrix[[3, 0, 3]])


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # truncated: fewer rows than the header says
        lambda raw: raw[:6],
        lambda raw: (2**40).to_bytes(8, "little") + raw[8:],  # a header longer than the file
        lambda raw: raw.replace(b'"F16"', b'"I16"', 1),
        lambda raw: b"",
    ],
)
def test_damaged_weights_are_unavailable(tmp_path: Path, damage: Any) -> None:
    stored = _with_weights(tmp_path / "w", np.zeros((8, DIM), dtype=np.float16)).weights
    stored.write_bytes(damage(stored.read_bytes()))
    with pytest.raises(EmbeddingUnavailable, match="cannot read"):
        embedding.Weights(stored)


def test_single_string_rejected(embedder: Embedder) -> None:
    with pytest.raises(TypeError):
        embedder.embed("a string is a Sequence[str] too")


def test_tuple_input_and_batch_independence(embedder: Embedder) -> None:
    together = embedder.embed(tuple(TEXTS))
    one_by_one = np.vstack([embedder.embed([text]) for text in TEXTS])
    np.testing.assert_array_equal(together, one_by_one)


def test_tokenisation_matches_wordllama(embedder: Embedder, wordllama_model: Any) -> None:
    theirs = [enc.ids for enc in wordllama_model.tokenize(TEXTS)]
    ours = embedder.token_ids(TEXTS)
    for mine, padded in zip(ours, theirs, strict=True):
        assert padded[: len(mine)] == mine
        assert all(pad == 0 for pad in padded[len(mine) :])  # enable_padding(): pad id 0
    assert ours[0][0] != 1  # no <s> token


def test_equals_wordllama_output(embedder: Embedder, wordllama_model: Any) -> None:
    # 150 texts of varied lengths: spans several of wordllama's 64-text padded batches.
    texts = [f"{TEXTS[i % len(TEXTS)]} {'again ' * (i % 7)}#{i}" for i in range(150)]
    ours = embedder.embed(texts)
    theirs = wordllama_model.embed(texts, norm=True)
    assert theirs.shape == ours.shape
    assert theirs.dtype == np.float32
    np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-6)
    # Same float32 operations in the same order: in practice bit-for-bit equal.
    np.testing.assert_array_equal(ours, theirs)
    # The un-normalised wordllama mean points the same way.
    raw = wordllama_model.embed(texts[:5])
    np.testing.assert_allclose(
        ours[:5], raw / np.linalg.norm(raw, axis=1, keepdims=True), atol=1e-6
    )


def test_empty_text_where_wordllama_gives_nan(embedder: Embedder, wordllama_model: Any) -> None:
    with np.errstate(invalid="ignore"):
        theirs = wordllama_model.embed(["", "Hello"], norm=True)
    assert np.isnan(theirs[0]).all()
    ours = embedder.embed(["", "Hello"])
    assert not ours[0].any()
    np.testing.assert_array_equal(ours[1], theirs[1])


def test_equals_hand_computation(embedder: Embedder) -> None:
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    weights, tokenizer_file = embedding.model_files()[:2]
    matrix = load_file(str(weights))["embedding.weight"].astype(np.float64)
    tokenizer = Tokenizer.from_file(str(tokenizer_file))
    for text in TEXTS:
        ids = tokenizer.encode(text, add_special_tokens=False).ids
        mean = matrix[ids].mean(axis=0)
        expected = mean / np.linalg.norm(mean)
        np.testing.assert_allclose(embedder.embed([text])[0], expected, atol=2e-6)


def test_wordllama_default_loader_cannot_find_bundled_tokenizer(
    no_network: None, tmp_path: Path
) -> None:
    """Documents why Embedder does not call WordLlama.load(): it would try to download."""
    import wordllama

    with pytest.raises(FileNotFoundError, match="Tokenizer file"):
        wordllama.WordLlama.load(cache_dir=tmp_path, disable_download=True)


def test_casing_is_preserved(embedder: Embedder) -> None:
    assert embedder.token_ids(["Llama"]) != embedder.token_ids(["llama"])
    upper, lower = embedder.embed(["Hello world", "hello world"])
    assert not np.array_equal(upper, lower)
    assert float(upper @ lower) > 0.5


def test_similar_sentences_are_closer(embedder: Embedder) -> None:
    question, related, unrelated = embedder.embed(
        [
            "Can I release model weights publicly?",
            "Meta released the model weights of Llama 2",
            "How do I bake bread?",
        ]
    )
    assert float(question @ related) > float(question @ unrelated) + 0.1


def test_missing_package_raises_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embedding, "_PACKAGE", "wordllama_is_not_installed")
    with pytest.raises(EmbeddingUnavailable, match="not installed") as info:
        Embedder.load()
    assert "\n" not in str(info.value)


def test_missing_file_raises_unavailable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(embedding, "_package_dir", lambda name: tmp_path)
    with pytest.raises(EmbeddingUnavailable, match="missing file") as info:
        Embedder.load()
    assert "\n" not in str(info.value)


def test_corrupt_file_raises_unavailable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for parts in (embedding._WEIGHTS, embedding._TOKENIZER):
        path = tmp_path.joinpath(*parts)
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(b"not a model")
    (tmp_path / "__init__.py").touch()
    monkeypatch.setattr(embedding, "_package_dir", lambda name: tmp_path)
    with pytest.raises(EmbeddingUnavailable, match="cannot read"):
        Embedder.load()


def test_a_corrupt_tokenizer_raises_unavailable_when_first_needed(tmp_path: Path) -> None:
    real = embedding.model_files()
    broken = tmp_path / "tokenizer.json"
    broken.write_bytes(b"not a tokenizer")
    embedder = Embedder.load(real._replace(tokenizer=broken))
    with pytest.raises(EmbeddingUnavailable, match="cannot read"):
        embedder.embed(["Hello"])


def test_fresh_process_imports_nothing_heavy_and_stays_offline() -> None:
    """In a clean interpreter with sockets disabled, load() neither imports wordllama
    (pydantic, requests, logging.basicConfig) nor huggingface_hub, and works."""
    code = (
        "import socket, sys\n"
        "def refuse(*a, **k): raise OSError('network access attempted')\n"
        "socket.socket = socket.create_connection = socket.getaddrinfo = refuse\n"
        "from retrieval import embedding\n"
        "assert embedding.Embedder.load().embed(['hi']).shape == (1, 256)\n"
        "heavy = {'wordllama', 'huggingface_hub', 'requests', 'pydantic'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith("HF_")}
    subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).parent.parent,
        env=env,
        check=True,
        timeout=60,
    )
