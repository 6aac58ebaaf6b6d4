"""Offline sentence embeddings from WordLlama's bundled ``l2_supercat`` 256-d model.

WordLlama is a static token-embedding model: a text is tokenised with the Llama-2 BPE
tokenizer and its vector is the mean of its tokens' rows in a (32000, 256) matrix. This
module reproduces ``WordLlamaInference.embed(texts, norm=True)`` from wordllama 0.4.0.post1
without importing wordllama or reaching the network:

* the two files ship inside the ``wordllama`` wheel and are located with
  ``importlib.util.find_spec`` (which, unlike ``importlib.resources.files``, does not
  execute ``wordllama/__init__.py``: that would import pydantic, requests and toml and call
  ``logging.basicConfig``);
* the matrix is read with ``safetensors.numpy.load_file``; the tokenizer with
  ``tokenizers.Tokenizer.from_file`` (never ``from_pretrained``, so no hub access);
* tokenisation as in wordllama: no special tokens (no ``<s>``), no truncation; the
  tokenizer is case-sensitive and applies no Unicode normalisation (its normaliser only
  prepends "▁" and maps spaces to "▁"; unknown characters fall back to byte tokens);
* pooling: mean over the text's tokens (wordllama pads and masks, which gives the same
  sums); then each row is divided by its L2 norm. A text with no tokens (only ``""``)
  gives a zero row, where wordllama would give NaN.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from tokenizers import Tokenizer

__all__ = ["DIM", "Embedder", "EmbeddingUnavailable"]

DIM: Final = 256
_PACKAGE: Final = "wordllama"
_WEIGHTS: Final = ("weights", "l2_supercat_256.safetensors")
_TOKENIZER: Final = ("tokenizers", "l2_supercat_tokenizer_config.json")
_TENSOR_KEY: Final = "embedding.weight"

FloatMatrix = npt.NDArray[np.float32]


class EmbeddingUnavailable(RuntimeError):
    """The model files or the libraries needed to read them are not installed."""


def _package_dir() -> Path:
    spec = importlib.util.find_spec(_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddingUnavailable(
            f"embedding model unavailable: package {_PACKAGE!r} is not installed"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def _model_files() -> tuple[Path, Path]:
    root = _package_dir()
    weights = root.joinpath(*_WEIGHTS)
    tokenizer = root.joinpath(*_TOKENIZER)
    for path in (weights, tokenizer):
        if not path.is_file():
            raise EmbeddingUnavailable(f"embedding model unavailable: missing file {path}")
    return weights, tokenizer


class Embedder:
    """Embeds short texts as L2-normalised 256-d float32 vectors (cosine = dot product)."""

    def __init__(self, matrix: FloatMatrix, tokenizer: Tokenizer) -> None:
        if matrix.ndim != 2 or matrix.shape[1] != DIM:
            raise ValueError(f"expected a (vocab, {DIM}) matrix, got shape {matrix.shape}")
        self._matrix: FloatMatrix = np.ascontiguousarray(matrix, dtype=np.float32)
        vocab = tokenizer.get_vocab_size(with_added_tokens=True)
        if vocab > matrix.shape[0]:  # so every token id indexes a row (wordllama clips instead)
            raise ValueError(f"tokenizer has {vocab} tokens, matrix only {matrix.shape[0]} rows")
        self._tokenizer = tokenizer
        # wordllama's settings; the bundled JSON already has both off, this makes it explicit.
        self._tokenizer.no_truncation()
        self._tokenizer.no_padding()

    @classmethod
    def load(cls) -> Embedder:
        """Load the model from the installed ``wordllama`` package files; never downloads."""
        weights_path, tokenizer_path = _model_files()
        try:
            from safetensors.numpy import load_file
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise EmbeddingUnavailable(
                f"embedding model unavailable: cannot import {exc.name or exc}"
            ) from exc
        try:
            tensors = load_file(str(weights_path))
            tokenizer = Tokenizer.from_file(str(tokenizer_path))
        except Exception as exc:  # corrupt or incompatible files: one clear error type
            raise EmbeddingUnavailable(
                f"embedding model unavailable: cannot read model files ({exc})"
            ) from exc
        matrix = tensors.get(_TENSOR_KEY)
        if matrix is None:
            raise EmbeddingUnavailable(f"embedding model unavailable: no {_TENSOR_KEY!r} tensor")
        # Stored as float16; wordllama computes in float32 (fp16 -> fp32 is exact).
        try:
            return cls(matrix.astype(np.float32), tokenizer)
        except ValueError as exc:
            raise EmbeddingUnavailable(f"embedding model unavailable: {exc}") from exc

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Token ids as wordllama sees them (no special tokens, no truncation)."""
        encodings = self._tokenizer.encode_batch_fast(list(texts), add_special_tokens=False)
        return [enc.ids for enc in encodings]

    def embed(self, texts: Sequence[str]) -> FloatMatrix:
        """Return an ``(len(texts), 256)`` float32 array of L2-normalised rows.

        A text with no tokens (the empty string) gives a zero row.
        """
        if isinstance(texts, str):
            raise TypeError("embed() takes a sequence of strings, not a single string")
        ids_per_text = self.token_ids(texts) if texts else []
        matrix = self._matrix
        vectors = np.zeros((len(ids_per_text), DIM), dtype=np.float32)
        # Token rows added in order (t0 + t1 + ...): the same float32 additions as wordllama's
        # masked np.sum, so results match it bit for bit. np.add.reduceat adds in another
        # order (1-ulp differences) and measured slower than this loop (~4 us a text).
        for i, ids in enumerate(ids_per_text):
            if ids:
                vectors[i] = np.add.reduce(matrix[ids], axis=0)
        counts = np.fromiter(map(len, ids_per_text), dtype=np.float32, count=len(ids_per_text))
        vectors /= np.maximum(counts, 1.0)[:, np.newaxis]  # mean; wordllama's max(n, 1)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        np.divide(vectors, norms, out=vectors, where=norms > 0)  # empty text: zero row
        return vectors
