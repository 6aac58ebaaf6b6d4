"""Offline sentence embeddings from WordLlama's bundled ``l2_supercat`` 256-d model.

WordLlama is a static token-embedding model: a text is tokenised with the Llama-2 BPE
tokenizer and its vector is the mean of its tokens' rows in a (32000, 256) matrix. This
module reproduces ``WordLlamaInference.embed(texts, norm=True)`` from wordllama 0.4.0.post1
without importing wordllama or reaching the network:

* the two files ship inside the ``wordllama`` wheel and are located with
  ``importlib.util.find_spec`` (which, unlike ``importlib.resources.files``, does not
  execute ``wordllama/__init__.py``: that would import pydantic, requests and toml and call
  ``logging.basicConfig``);
* the safetensors file of the matrix is memory-mapped, so only the rows of the tokens a
  text holds are read; the tokenizer is read with ``tokenizers.Tokenizer.from_file``
  (never ``from_pretrained``, so no hub access), and only when a `TokenTable` cannot
  tokenize a text (it holds an added token or a piece that would be unknown): reading it
  costs more than answering a question;
* tokenisation as in wordllama: no special tokens (no ``<s>``), no truncation; the
  tokenizer is case-sensitive and applies no Unicode normalisation (its normaliser only
  prepends "▁" and maps spaces to "▁"; unknown characters fall back to byte tokens);
* pooling: mean over the text's tokens (wordllama pads and masks, which gives the same
  sums); then each row is divided by its L2 norm. A text with no tokens (only ``""``)
  gives a zero row, where wordllama would give NaN.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterable, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NamedTuple

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from tokenizers import Tokenizer

__all__ = [
    "DIM",
    "Bpe",
    "Embedder",
    "EmbeddingUnavailable",
    "ModelFiles",
    "TokenTable",
    "Weights",
]

DIM: Final = 256
_PACKAGE: Final = "wordllama"
_WEIGHTS: Final = ("weights", "l2_supercat_256.safetensors")
_TOKENIZER: Final = ("tokenizers", "l2_supercat_tokenizer_config.json")
_TENSOR_KEY: Final = "embedding.weight"
_DTYPES: Final = {"F16": "<f2", "F32": "<f4"}  # safetensors' names; its data is little-endian
_MAX_HEADER: Final = 100_000_000  # the safetensors library's own limit
_SPACE: Final = "▁"
# The tokenizer settings under which `TokenTable` gives the tokenizer's own ids.
_NORMALIZER: Final = {
    "type": "Sequence",
    "normalizers": [
        {"type": "Prepend", "prepend": _SPACE},
        {"type": "Replace", "pattern": {"String": " "}, "content": _SPACE},
    ],
}

FloatMatrix = npt.NDArray[np.float32]
IdArray = npt.NDArray[np.int32]
KeyArray = npt.NDArray[np.int64]


class EmbeddingUnavailable(RuntimeError):
    """The model files or the libraries needed to read them are not installed."""


class ModelFiles(NamedTuple):
    """Where the model's weights and tokenizer are, and the library that reads the latter."""

    weights: Path
    tokenizer: Path
    library: Path

    def identity(self) -> list[list[Any]]:
        """Path, size and modification time of each: a new install or version changes them."""
        found = []
        for path in self:
            stat = path.stat()
            found.append([str(path), stat.st_size, stat.st_mtime_ns])
        return found


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddingUnavailable(
            f"embedding model unavailable: package {name!r} is not installed"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def model_files() -> ModelFiles:
    """The installed model's files; raises EmbeddingUnavailable when one is missing."""
    root = _package_dir(_PACKAGE)
    files = ModelFiles(
        root.joinpath(*_WEIGHTS),
        root.joinpath(*_TOKENIZER),
        _package_dir("tokenizers") / "__init__.py",
    )
    for path in files:
        if not path.is_file():
            raise EmbeddingUnavailable(f"embedding model unavailable: missing file {path}")
    return files


class Weights:
    """The model's token matrix, mapped from its safetensors file: the rows texts use are all
    that is read from disk."""

    def __init__(self, path: Path) -> None:
        try:
            with path.open("rb") as file:
                # The format: the header's length (8 bytes, little-endian), the header (JSON:
                # per tensor its dtype, shape and byte range after the header), the data.
                length = int.from_bytes(file.read(8), "little")
                if length > _MAX_HEADER:
                    raise ValueError(f"a header of {length} bytes")
                entry = json.loads(file.read(length))[_TENSOR_KEY]
            dtype = np.dtype(_DTYPES[entry["dtype"]])
            rows, width = entry["shape"]
            begin, end = entry["data_offsets"]
            if width != DIM or end - begin != rows * width * dtype.itemsize:
                raise ValueError(f"expected a (vocab, {DIM}) matrix, got shape {entry['shape']}")
            self._matrix = np.memmap(
                path, dtype=dtype, mode="r", offset=8 + length + begin, shape=(rows, width)
            )
        except Exception as exc:  # corrupt or incompatible file: one clear error type
            raise EmbeddingUnavailable(
                f"embedding model unavailable: cannot read model files ({exc})"
            ) from exc
        self.size: int = rows

    def rows(self, ids: Sequence[int]) -> FloatMatrix:
        """The rows of `ids`, in that order, as float32 (the bundled model stores float16,
        which float32 holds exactly; wordllama computes in float32)."""
        return self._matrix[ids].astype(np.float32)


def normalize(text: str) -> str:
    """The text as the tokenizer's normaliser makes it (`_NORMALIZER`)."""
    return _SPACE + text.replace(" ", _SPACE) if text else ""


def _cut(before: str, after: str) -> bool:
    """Whether `split` cuts between these two characters: before a "▁" that follows another
    character, and between a letter and what is neither a letter, a digit nor "▁"."""
    if after == _SPACE:
        return before != _SPACE
    return before.isalpha() and not after.isalnum()


def split(normalized: str) -> list[str]:
    """The pieces of a normalised text that BPE tokenizes each on its own (`TokenTable`)."""
    pieces = []
    start = 0
    for i in range(1, len(normalized)):
        if _cut(normalized[i - 1], normalized[i]):
            pieces.append(normalized[start:i])
            start = i
    if normalized:
        pieces.append(normalized[start:])
    return pieces


def _can_start(token: str) -> bool:
    """Whether a piece may begin with `token`: every piece but a text's first starts after a
    cut, so with "▁" or with what is neither a letter nor a digit."""
    return token.startswith(_SPACE) or not token[:1].isalnum()


_NEVER: Final = 1 << 62  # the rank of a pair that no merge joins


class Bpe:
    """The tokenizer's BPE model, from its vocabulary and merges, for the pieces a
    `TokenTable` does not hold.

    As the ``tokenizers`` BPE model without dropout, word prefix or suffix: each character
    is its token, or with byte fallback the tokens ``<0xXX>`` of its UTF-8 bytes; then,
    while any two neighbouring tokens have a merge, the pair of the lowest rank, leftmost
    first, becomes the token of their joined text. The library's heap of pairs merges in
    the same order: it skips an entry gone stale, as the pair now at its place joins a
    longer text and so makes another token.
    """

    def __init__(self, vocab: str, merges: IdArray) -> None:
        # `vocab`: the tokens in id order, joined by `TokenTable.SEPARATOR`; `merges`: the
        # ids of each merge's two tokens, in rank order.
        if merges.ndim != 2 or merges.shape[1] != 2:
            raise ValueError("merges are not pairs")
        self.vocab, self.merges = vocab, merges

    @classmethod
    def empty(cls) -> Bpe:
        """A model that tokenizes nothing: every piece it is asked for is left to the tokenizer."""
        return cls("", np.zeros((0, 2), dtype=np.int32))

    @classmethod
    def of(cls, model: dict[str, Any]) -> Bpe:
        """The model of a tokenizer's JSON ``model``; empty unless it works as documented."""
        vocab: dict[str, int] = model["vocab"]
        tokens = sorted(vocab, key=vocab.__getitem__)
        pairs = [
            (vocab.get(left), vocab.get(right), left + right) for left, right in model["merges"]
        ]
        if not (
            model.get("byte_fallback") is True
            and not model.get("continuing_subword_prefix")
            and not model.get("end_of_word_suffix")
            and [vocab[token] for token in tokens] == list(range(len(tokens)))
            and not any(TokenTable.SEPARATOR in token for token in tokens)
            and all(
                left is not None and right is not None and joined in vocab
                for left, right, joined in pairs
            )
        ):
            return cls.empty()
        merges = [(left, right) for left, right, _ in pairs]
        return cls(
            TokenTable.SEPARATOR.join(tokens), np.asarray(merges, dtype=np.int32).reshape(-1, 2)
        )

    @cached_property
    def _model(self) -> tuple[list[str], dict[str, int], KeyArray, KeyArray]:
        """Tokens by id, ids by token, the merges' pairs (left id times tokens plus right id)
        sorted, and their ranks in that order: made on first use, so a question the table
        knows does not pay for them; arrays, as a dict of every pair takes longer to make."""
        tokens = self.vocab.split(TokenTable.SEPARATOR) if self.vocab else []
        pairs = self.merges[:, 0].astype(np.int64) * len(tokens) + self.merges[:, 1]
        ranks = np.argsort(pairs, kind="stable")
        return tokens, dict(zip(tokens, range(len(tokens)), strict=True)), pairs[ranks], ranks

    def token_ids(self, piece: str) -> list[int] | None:
        """The model's ids of `piece`, or None where it would give the unknown token."""
        tokens, number, pairs, ranks = self._model
        if not tokens:
            return None
        ids: list[int] = []
        for char in piece:
            found = number.get(char)
            if found is not None:
                ids.append(found)
                continue
            for byte in char.encode():
                found = number.get(f"<0x{byte:02X}>")
                if found is None:
                    return None
                ids.append(found)
        while len(ids) > 1 and len(pairs):
            here = np.asarray(ids, dtype=np.int64)
            wanted = here[:-1] * len(tokens) + here[1:]
            # The last of equal pairs, as a map filled from the merges in order keeps it.
            at = np.searchsorted(pairs, wanted, side="right") - 1
            rank = np.where(pairs[at] == wanted, ranks[at], _NEVER)
            best = int(rank.argmin())  # the first of the lowest: the leftmost
            if rank[best] == _NEVER:
                break
            ids[best : best + 2] = [number[tokens[ids[best]] + tokens[ids[best + 1]]]]
        return ids


class TokenTable:
    """Token ids of text pieces, found by the real tokenizer once and kept: a text made of
    known pieces gets the tokenizer's ids without reading the tokenizer.

    Why the ids are the same: the tokenizer normalises (`normalize`), has no pre-tokenizer,
    and applies BPE merges to the whole text. A merge joins two neighbouring symbols into a
    token of the vocabulary, so where no token of the vocabulary holds two neighbouring
    characters, no merge joins across them, and the tokens of the text are those of the part
    before followed by those of the part after. `build` checks that no merge makes a token
    holding a cut of `split`, and keeps no piece that tokenizes to the unknown token
    (consecutive unknowns fuse). A piece it does not hold is tokenized by its `Bpe`. A text
    holding one of the tokenizer's added tokens (``<s>``), which it matches before
    normalising, or a piece that would be unknown, is left to the tokenizer.
    """

    SEPARATOR: Final = "\0"  # joins the pieces in `joined`; no kept piece holds it

    def __init__(
        self,
        joined: str,
        ids: IdArray,
        counts: IdArray,
        added: Sequence[str],
        bpe: Bpe | None = None,
    ) -> None:
        pieces = joined.split(self.SEPARATOR) if joined else []
        if len(pieces) != len(counts) or int(counts.sum()) != len(ids):
            raise ValueError("pieces, ids and counts do not add up")
        self.joined, self.ids, self.counts, self.added = joined, ids, counts, tuple(added)
        self.bpe = bpe if bpe is not None else Bpe.empty()
        self._number = {piece: n for n, piece in enumerate(pieces)}
        self._start = np.concatenate(([0], np.cumsum(counts, dtype=np.int64)))

    def __len__(self) -> int:
        return len(self._number)

    def token_ids(self, text: str) -> list[int] | None:
        """The tokenizer's ids of `text`, or None when the table cannot tell."""
        if any(token in text for token in self.added):
            return None
        found: list[int] = []
        for piece in split(normalize(text)):
            n = self._number.get(piece)
            if n is not None:
                found += self.ids[self._start[n] : self._start[n + 1]].tolist()
                continue
            more = self.bpe.token_ids(piece)
            if more is None:
                return None
            found += more
        return found

    @classmethod
    def empty(cls) -> TokenTable:
        """A table that knows nothing: every text goes to the tokenizer."""
        none = np.zeros(0, dtype=np.int32)
        return cls("", none, none, ())

    @classmethod
    def build(cls, tokenizer: Tokenizer, texts: Iterable[str]) -> TokenTable:
        """The pieces of `texts` and the tokens of the vocabulary that can be pieces, with
        their ids; empty unless the tokenizer works as the class docstring says."""
        config = json.loads(tokenizer.to_str())
        if not _splittable(config):
            return cls.empty()
        model = config["model"]
        added = [token["content"] for token in config["added_tokens"]]
        unknown = tokenizer.token_to_id(model["unk_token"]) if model.get("unk_token") else None
        pieces = {piece for text in texts for piece in split(normalize(text))}
        vocab = tokenizer.get_vocab(with_added_tokens=False)
        pieces.update(token for token in vocab if token not in added and _can_start(token))
        kept, ids, counts = [], [], []
        for piece in sorted(pieces):
            found = [token.id for token in tokenizer.model.tokenize(piece)]
            if cls.SEPARATOR in piece or unknown in found:
                continue
            kept.append(piece)
            ids += found
            counts.append(len(found))
        return cls(
            cls.SEPARATOR.join(kept),
            np.asarray(ids, dtype=np.int32),
            np.asarray(counts, dtype=np.int32),
            added,
            Bpe.of(model),
        )


def _splittable(config: dict[str, Any]) -> bool:
    """Whether a tokenizer (its JSON) tokenizes the pieces of `split` each on its own."""
    model = config["model"]
    merges = model.get("merges")
    if not (
        config["normalizer"] == _NORMALIZER
        and config["pre_tokenizer"] is None
        and model["type"] == "BPE"
        and model.get("dropout") is None
        and not model.get("ignore_merges")
        and isinstance(merges, list)
        and all(type(pair) is list and len(pair) == 2 for pair in merges)
        and not any(token.get("normalized", True) for token in config["added_tokens"])
    ):
        return False
    # A merge joins two symbols that hold no cut (single characters, or tokens of earlier
    # merges): the only new neighbours are the two characters where they meet.
    return not any(_cut(left[-1], right[0]) for left, right in merges)


def _read_tokenizer(path: Path) -> Tokenizer:
    try:
        from tokenizers import Tokenizer
    except ImportError as exc:
        raise EmbeddingUnavailable(
            f"embedding model unavailable: cannot import {exc.name or exc}"
        ) from exc
    try:
        tokenizer = Tokenizer.from_file(str(path))
    except Exception as exc:  # corrupt or incompatible file: one clear error type
        raise EmbeddingUnavailable(
            f"embedding model unavailable: cannot read model files ({exc})"
        ) from exc
    # wordllama's settings; the bundled JSON already has both off, this makes it explicit.
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


class Embedder:
    """Embeds short texts as L2-normalised 256-d float32 vectors (cosine = dot product)."""

    def __init__(
        self, weights: Weights, tokenizer_file: Path, table: TokenTable | None = None
    ) -> None:
        self._weights = weights
        self._tokenizer_file = tokenizer_file
        self.table = table if table is not None else TokenTable.empty()

    @classmethod
    def load(cls, files: ModelFiles | None = None, table: TokenTable | None = None) -> Embedder:
        """The model of the installed ``wordllama`` package; never downloads. Its tokenizer
        is read when a text first needs it."""
        files = files if files is not None else model_files()
        return cls(Weights(files.weights), files.tokenizer, table)

    @property
    def vocabulary(self) -> int:
        """The rows of the matrix: every token id is below it."""
        return self._weights.size

    @cached_property
    def tokenizer(self) -> Tokenizer:
        """The real tokenizer, read on first use."""
        tokenizer = _read_tokenizer(self._tokenizer_file)
        vocab = tokenizer.get_vocab_size(with_added_tokens=True)
        if vocab > self._weights.size:  # so every token id indexes a row (wordllama clips)
            raise EmbeddingUnavailable(
                f"embedding model unavailable: tokenizer has {vocab} tokens, "
                f"matrix only {self._weights.size} rows"
            )
        return tokenizer

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Token ids as wordllama sees them (no special tokens, no truncation)."""
        found = [self.table.token_ids(text) for text in texts]
        unknown = [text for text, ids in zip(texts, found, strict=True) if ids is None]
        if not unknown:
            return [ids for ids in found if ids is not None]
        encoded = iter(self.tokenizer.encode_batch_fast(unknown, add_special_tokens=False))
        return [ids if ids is not None else next(encoded).ids for ids in found]

    def embed(self, texts: Sequence[str]) -> FloatMatrix:
        """Return an ``(len(texts), 256)`` float32 array of L2-normalised rows.

        A text with no tokens (the empty string) gives a zero row.
        """
        if isinstance(texts, str):
            raise TypeError("embed() takes a sequence of strings, not a single string")
        ids_per_text = self.token_ids(texts) if texts else []
        vectors = np.zeros((len(ids_per_text), DIM), dtype=np.float32)
        # Token rows added in order (t0 + t1 + ...): the same float32 additions as wordllama's
        # masked np.sum, so results match it bit for bit. np.add.reduceat adds in another
        # order (1-ulp differences) and measured slower than this loop (~4 us a text).
        for i, ids in enumerate(ids_per_text):
            if ids:
                vectors[i] = np.add.reduce(self._weights.rows(ids), axis=0)
        counts = np.fromiter(map(len, ids_per_text), dtype=np.float32, count=len(ids_per_text))
        vectors /= np.maximum(counts, 1.0)[:, np.newaxis]  # mean; wordllama's max(n, 1)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        np.divide(vectors, norms, out=vectors, where=norms > 0)  # empty text: zero row
        return vectors
