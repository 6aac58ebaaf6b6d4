"""A built `Bm25Index`, its `Speller` and its table of names on disk: plain numpy arrays
in `.npz`, never pickle.

The file is named by a hash of what decides its content: the caller's key (the corpus
version), INDEX_VERSION, k1, b and delta, and a fingerprint of the code that tokenizes and
indexes (the source of retrieval/text.py, index.py and this module, the Snowball stemmer's
and the Unicode database's versions). The same identity is stored inside the file, with a
SHA-256 of every array, and checked on reading, as are the arrays' types, shapes and
ranges. Anything amiss (an older version, a truncated write, a flipped byte, another
program's file) and the index is rebuilt and the file rewritten: a cache file is never
trusted, only verified. Files are written to a temporary name and renamed, so readers
never see half a file; the newest `KEEP` files are kept. A speller's vocabulary, and the
words the corpus writes with capitals, are kept the same way, each in a file of its own,
named by its key and the code that builds it.
"""

from __future__ import annotations

import hashlib
import json
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from types import ModuleType
from typing import IO, Any, TypeVar

import numpy as np
import numpy.typing as npt
import Stemmer

from corpus.cachefiles import fingerprint, prune, write_atomically
from corpus.load import Corpus
from corpus.snapshot import default_cache_dir
from retrieval import profiles, semantic, spelling, text, truecase, wordweights
from retrieval.index import DELTA, INDEX_VERSION, K1, Arrays, B, Bm25Index
from retrieval.profiles import ProfileArrays, SentenceProfiles
from retrieval.spelling import Speller

Built = TypeVar("Built")

# The arrays of an index and their types (`Arrays` also holds the terms, stored as text).
FIELDS: dict[str, tuple[type[np.integer[Any]], ...]] = {
    "doc_len": (np.int32,),
    "term_ptr": (np.int64,),
    "post_doc": (np.int32,),
    "post_tf": (np.uint16, np.int32),
    "doc_ptr": (np.int64,),
    "doc_term": (np.int32,),
    "doc_tf": (np.uint16, np.int32),
}


def _fingerprint(*modules: ModuleType) -> str:
    code = fingerprint(str(module.__file__) for module in modules)
    # `Stemmer.version` is a function: its repr holds an address that differs per process.
    return f"{code[:16]} {Stemmer.version()} {unicodedata.unidata_version}"


def code_fingerprint() -> str:
    """Changes whenever the code that turns texts into an index may have changed."""
    return _fingerprint(text, sys.modules[Bm25Index.__module__], sys.modules[__name__])


def identity(key: str, k1: float, b: float, delta: float) -> dict[str, Any]:
    """Everything a cached index must have been built with."""
    return {
        "key": key,
        "index_version": INDEX_VERSION,
        "k1": float(k1),
        "b": float(b),
        "delta": float(delta),
        "code": code_fingerprint(),
    }


def speller_identity(key: str) -> dict[str, Any]:
    """Everything a cached speller must have been built with."""
    return {"key": key, "speller": _fingerprint(text, spelling, sys.modules[__name__])}


def names_identity(key: str) -> dict[str, Any]:
    """Everything a cached table of names written with capitals must have been built with."""
    # What counts as a name depends on the English word frequencies `wordweights` reads.
    code = _fingerprint(truecase, wordweights, sys.modules[__name__])
    return {"key": key, "names": code, "zipf": fingerprint([str(wordweights.TABLE)])}


def profiles_identity(key: str) -> dict[str, Any]:
    """Everything cached sentence profiles must have been built with."""
    # Profiles are made of the texts the embeddings are (`semantic.layout_of`).
    return {
        "key": key,
        "profiles": _fingerprint(text, semantic, profiles, sys.modules[__name__]),
    }


def cache_path(cache_dir: Path, ident: dict[str, Any], prefix: str = "bm25") -> Path:
    name = hashlib.sha256(json.dumps(ident, sort_keys=True).encode()).hexdigest()[:24]
    return cache_dir / f"{prefix}-{name}.npz"


def _checksum(payload: dict[str, npt.NDArray[Any]]) -> str:
    digest = hashlib.sha256()
    for name in sorted(payload):
        array = np.ascontiguousarray(payload[name])
        digest.update(f"{name} {array.dtype.str} {array.shape}".encode())
        digest.update(array.data)
    return digest.hexdigest()


def _strings(name: str, items: Sequence[str]) -> dict[str, npt.NDArray[Any]]:
    """Strings as two arrays: their UTF-8 bytes end to end, and their lengths."""
    return {
        f"{name}_text": np.frombuffer("".join(items).encode("utf-8"), dtype=np.uint8),
        f"{name}_len": np.fromiter(map(len, items), dtype=np.int64, count=len(items)),
    }


def _unstrings(payload: dict[str, npt.NDArray[Any]], name: str) -> tuple[str, ...] | None:
    """The strings `_strings` saved (taken out of `payload`), or None if they do not add up."""
    text_bytes, lengths = payload.pop(f"{name}_text"), payload.pop(f"{name}_len")
    if text_bytes.dtype != np.uint8 or lengths.dtype != np.int64 or lengths.ndim != 1:
        return None
    joined = text_bytes.tobytes().decode("utf-8")
    if int(lengths.sum()) != len(joined) or (len(lengths) and int(lengths.min()) < 0):
        return None
    ends = np.cumsum(lengths).tolist()
    return tuple(joined[end - size : end] for end, size in zip(ends, lengths.tolist(), strict=True))


def save_arrays(path: Path, payload: dict[str, npt.NDArray[Any]], ident: dict[str, Any]) -> None:
    """Save `payload` with `ident` and its checksum inside, atomically (a temporary file,
    then a rename)."""
    meta = {**ident, "sha256": _checksum(payload)}
    payload = {
        **payload,
        "meta": np.frombuffer(json.dumps(meta, sort_keys=True).encode(), np.uint8),
    }

    def save(out: IO[bytes]) -> None:
        np.savez(out, **payload)  # type: ignore[arg-type]  # (stub: **kwds vs allow_pickle)

    write_atomically(path, save)


def load_arrays(path: Path, ident: dict[str, Any], names: set[str]) -> dict[str, npt.NDArray[Any]]:
    """The arrays `names` saved at `path` for exactly `ident`; raises if anything is amiss."""
    with np.load(path, allow_pickle=False) as data:
        if set(data.files) != {*names, "meta"}:
            raise ValueError("other arrays")
        payload = {name: data[name] for name in data.files}
    meta = json.loads(payload.pop("meta").tobytes().decode())
    if not isinstance(meta, dict) or meta.pop("sha256", None) != _checksum(payload):
        raise ValueError("checksum")
    if meta != ident:
        raise ValueError("identity")
    return payload


def write(path: Path, arrays: Arrays, ident: dict[str, Any]) -> None:
    """Save `arrays` at `path` atomically."""
    payload: dict[str, npt.NDArray[Any]] = {name: getattr(arrays, name) for name in FIELDS}
    save_arrays(path, {**payload, **_strings("terms", arrays.terms)}, ident)


def read(path: Path, ident: dict[str, Any]) -> Arrays | None:
    """The arrays saved at `path` for exactly `ident`, or None if anything is amiss."""
    try:
        payload = load_arrays(path, ident, {*FIELDS, "terms_text", "terms_len"})
        terms = _unstrings(payload, "terms")
        if terms is None:
            return None
        arrays = Arrays(terms=terms, **payload)
    except Exception:  # unreadable, truncated, not ours: rebuild, whatever went wrong
        return None
    return arrays if _consistent(arrays) else None


def write_speller(path: Path, speller: Speller, ident: dict[str, Any]) -> None:
    """Save the vocabulary of `speller` at `path` atomically."""
    save_arrays(
        path,
        {**_strings("words", speller.words), **_strings("spellings", speller.spellings)},
        ident,
    )


def read_speller(path: Path, ident: dict[str, Any]) -> Speller | None:
    """The speller saved at `path` for exactly `ident`, or None if anything is amiss."""
    try:
        payload = load_arrays(
            path, ident, {"words_text", "words_len", "spellings_text", "spellings_len"}
        )
        words, spellings = _unstrings(payload, "words"), _unstrings(payload, "spellings")
    except Exception:  # unreadable, truncated, not ours: rebuild, whatever went wrong
        return None
    if words is None or spellings is None or len(words) != len(spellings):
        return None
    if len(set(words)) != len(words) or not all(words):
        return None
    return Speller(words, spellings)


def write_names(path: Path, names: dict[str, str], ident: dict[str, Any]) -> None:
    """Save the table `truecase.names_in` built at `path` atomically."""
    payload = {**_strings("keys", list(names)), **_strings("forms", list(names.values()))}
    save_arrays(path, payload, ident)


def read_names(path: Path, ident: dict[str, Any]) -> dict[str, str] | None:
    """The table of names saved at `path` for exactly `ident`, or None if anything is amiss."""
    try:
        payload = load_arrays(path, ident, {"keys_text", "keys_len", "forms_text", "forms_len"})
        keys, forms = _unstrings(payload, "keys"), _unstrings(payload, "forms")
    except Exception:  # unreadable, truncated, not ours: rebuild, whatever went wrong
        return None
    if keys is None or forms is None or len(keys) != len(forms) or len(set(keys)) != len(keys):
        return None
    if any(form.casefold() != key or form == key for key, form in zip(keys, forms, strict=True)):
        return None
    return dict(zip(keys, forms, strict=True))


_PROFILE_FIELDS = {"features_text", "features_len", "idf", "ptr", "rows", "values", "owners"}


def write_profiles(path: Path, found: SentenceProfiles, ident: dict[str, Any]) -> None:
    """Save the arrays of `found` at `path` atomically."""
    a = found.arrays
    payload: dict[str, npt.NDArray[Any]] = {
        "idf": a.idf,
        "ptr": a.ptr,
        "rows": a.rows,
        "values": a.values,
        "owners": a.owners,
    }
    save_arrays(path, {**_strings("features", a.features), **payload}, ident)


def read_profiles(path: Path, ident: dict[str, Any], passages: int) -> SentenceProfiles | None:
    """The profiles saved at `path` for exactly `ident`, of a corpus of `passages`, or None
    if anything is amiss."""
    try:
        payload = load_arrays(path, ident, _PROFILE_FIELDS)
        features = _unstrings(payload, "features")
    except Exception:  # unreadable, truncated, not ours: rebuild, whatever went wrong
        return None
    if features is None:
        return None
    a = ProfileArrays(features, passages=passages, **payload)
    return SentenceProfiles(a) if _consistent_profiles(a) else None


def _consistent_profiles(a: ProfileArrays) -> bool:
    """Types, shapes and ranges: what scoring with these arrays relies on."""
    kinds: tuple[tuple[npt.NDArray[Any], type[np.generic]], ...] = (
        (a.idf, np.float64),
        (a.values, np.float64),
        (a.ptr, np.int64),
        (a.rows, np.int32),
        (a.owners, np.int32),
    )
    if any(array.dtype != dtype or array.ndim != 1 for array, dtype in kinds):
        return False
    features, rows = len(a.features), len(a.owners)
    if len(set(a.features)) != features or len(a.idf) != features or len(a.ptr) != features + 1:
        return False
    if len(a.rows) != len(a.values) or a.ptr[0] != 0 or a.ptr[-1] != len(a.rows):
        return False
    if np.any(np.diff(a.ptr) < 0) or not np.all(np.isfinite(a.idf)):
        return False
    if len(a.rows) and (a.rows.min() < 0 or a.rows.max() >= rows):
        return False
    return not rows or bool(
        a.owners[0] >= 0 and a.owners[-1] < a.passages and np.all(np.diff(a.owners) >= 0)
    )


def load_or_build_profiles(corpus: Corpus, cache_dir: str | Path | None = None) -> SentenceProfiles:
    """`SentenceProfiles.build(corpus)`, read from `cache_dir` when a valid copy for its
    version is there; a missing, stale or damaged file is rebuilt and rewritten."""
    ident = profiles_identity(corpus.version)
    return read_or_build(
        cache_dir,
        ident,
        "profiles",
        lambda path: read_profiles(path, ident, len(corpus.entries)),
        lambda: SentenceProfiles.build(corpus),
        lambda path, built: write_profiles(path, built, ident),
    )


def read_or_build(
    cache_dir: str | Path | None,
    ident: dict[str, Any],
    prefix: str,
    read_file: Callable[[Path], Built | None],
    build: Callable[[], Built],
    write_file: Callable[[Path, Built], None],
) -> Built:
    """What `read_file` finds valid in the file for `ident` in `cache_dir` (by default
    `corpus.snapshot.default_cache_dir()`), else `build()`, written there, older files of
    its kind pruned."""
    folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    path = cache_path(folder, ident, prefix)
    found = read_file(path) if path.is_file() else None
    if found is not None:
        return found
    built = build()
    try:
        write_file(path, built)
        prune(folder, f"{prefix}-*.npz")
    except OSError:
        pass  # a read-only or full disk costs a rebuild next time, not an answer
    return built


def _consistent(a: Arrays) -> bool:
    """Types, shapes and ranges: what indexing into these arrays relies on."""
    for name, dtypes in FIELDS.items():
        array = getattr(a, name)
        if not isinstance(array, np.ndarray) or array.dtype not in dtypes or array.ndim != 1:
            return False
    if a.post_tf.dtype != a.doc_tf.dtype:
        return False
    n, v, pairs = len(a.doc_len), len(a.terms), len(a.post_doc)
    if len(a.doc_ptr) != n + 1 or len(a.term_ptr) != v + 1 or len(set(a.terms)) != v:
        return False
    if not len(a.post_tf) == len(a.doc_term) == len(a.doc_tf) == pairs:
        return False
    for ptr in (a.doc_ptr, a.term_ptr):
        if ptr[0] != 0 or ptr[-1] != pairs or np.any(np.diff(ptr) < 0):
            return False
    if np.any(np.diff(a.term_ptr) == 0):  # every term occurs somewhere (its idf divides by df)
        return False
    if pairs and not (
        a.post_doc.min() >= 0
        and a.post_doc.max() < n
        and a.doc_term.min() >= 0
        and a.doc_term.max() < v
    ):
        return False
    if pairs and (a.post_tf.min() < 1 or a.doc_tf.min() < 1):
        return False
    # Each passage's length is the sum of its term frequencies.
    running = np.concatenate(([0], np.cumsum(a.doc_tf, dtype=np.int64)))
    return bool(np.array_equal(running[a.doc_ptr[1:]] - running[a.doc_ptr[:-1]], a.doc_len))


def load_or_build_speller(
    texts: Iterable[str], key: str, cache_dir: str | Path | None = None
) -> Speller:
    """`Speller.from_texts(texts)`, read from `cache_dir` when a valid copy for `key` is
    there; like `load_or_build`, `texts` is only read on a miss, and a missing, stale or
    damaged file is rebuilt and rewritten."""
    ident = speller_identity(key)
    return read_or_build(
        cache_dir,
        ident,
        "spell",
        lambda path: read_speller(path, ident),
        lambda: Speller.from_texts(texts),
        lambda path, built: write_speller(path, built, ident),
    )


def load_or_build_names(
    texts: Iterable[str], key: str, cache_dir: str | Path | None = None
) -> dict[str, str]:
    """`truecase.names_in(texts)`, read from `cache_dir` when a valid copy for `key` is
    there; `texts` is only read on a miss, as for `load_or_build_speller`."""
    ident = names_identity(key)
    return read_or_build(
        cache_dir,
        ident,
        "names",
        lambda path: read_names(path, ident),
        lambda: truecase.names_in(texts),
        lambda path, built: write_names(path, built, ident),
    )


def load_or_build(
    texts: Iterable[str],
    key: str,
    cache_dir: str | Path | None = None,
    k1: float = K1,
    b: float = B,
    delta: float = DELTA,
) -> Bm25Index:
    """`Bm25Index.from_texts(texts)`, read from `cache_dir` when a valid copy for `key` is there.

    `key` names the texts: e.g. the corpus version, plus anything else that decides what
    each text is. The tokenizer's and the index's code, INDEX_VERSION and the parameters are
    added to it. `texts` is only read on a miss, so pass a generator. A missing, stale or
    damaged cache file is rebuilt and rewritten, never trusted; `cache_dir` defaults to
    `corpus.snapshot.default_cache_dir()`."""
    ident = identity(key, k1, b, delta)

    def read_index(path: Path) -> Bm25Index | None:
        arrays = read(path, ident)
        if arrays is None:
            return None
        try:
            return Bm25Index.from_arrays(arrays, k1, b, delta)
        except (ArithmeticError, IndexError, ValueError):
            return None  # consistent-looking yet unusable: rebuild like any other bad file

    return read_or_build(
        cache_dir,
        ident,
        "bm25",
        read_index,
        lambda: Bm25Index.from_texts(texts, k1, b, delta),
        lambda path, built: write(path, built.arrays, ident),
    )
