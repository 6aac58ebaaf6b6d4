"""The validated data of a corpus in the cache folder, for when its files are unchanged.

Validating YAML with pydantic is most of what `python -m bot ask` would spend starting up
(importing pydantic and building its validators alone takes longer than answering), and of
loading a large corpus. A snapshot is named and keyed by a SHA-256 of every corpus file's
name and bytes and of the code that validates them (corpus/models.py, types.py, load.py,
chrome.py, yamlfile.py and this module); the key and a SHA-256 of the rest of the file are
stored inside and checked on reading: a corpus edited by a single byte, a new version of
the code, a truncated, altered or foreign file, and the corpus is validated from its YAML
again. So a snapshot that reads back is what that code wrote after validating those
files, and it is not checked again. Written to a temporary name and renamed; the newest
`KEEP` are kept. Like the index cache, the folder is trusted as much as the corpus folder
itself, and nothing in it can run code: no pickle.

The file is columnar, so that reading 100,000 passages costs little more than reading
their bytes: a header line (JSON: key, checksum, byte order, the parts and their sizes),
then the parts. `meta` is JSON: the sources, the lexicon, each document without its
passages (their number instead) and, per passage field other than `id` and `text`, the
table of its distinct values. Per such field, a column of 32-bit indexes into its table;
`id` and `text` are each their strings in UTF-8, joined by a character none of them holds
(named in `meta`), which `split` undoes at the speed of C.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import itertools
import json
import os
import sys
from array import array
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import IO, Any, NamedTuple

from corpus.cachefiles import fingerprint, prune, write_atomically
from corpus.types import (
    Document,
    Lexicon,
    Passage,
    Section,
    Source,
    build,
    build_all,
    converters,
    fill,
    json_default,
)

SNAPSHOT_VERSION = 2
_CODE = ("models.py", "types.py", "load.py", "snapshot.py", "chrome.py", "yamlfile.py")
_MAGIC = b"verbatim corpus snapshot\n"
_STRINGS = ("id", "text")  # passage fields kept as strings end to end; the others in tables
_INDEX = "I"  # array typecode of the columns and lengths: 32 bits unsigned


class Snapshot(NamedTuple):
    """A corpus as saved: what it is made of, and its passages' fields as columns (per
    field, its value for every passage in reading order), which entries are made from."""

    sources: list[Source]
    lexicon: Lexicon
    documents: list[Document]
    columns: dict[str, list[Any]]


def default_cache_dir() -> Path:
    """$VERBATIM_DATA_DIR/index-cache, else $XDG_CACHE_HOME/verbatim (~/.cache/verbatim)."""
    data = os.environ.get("VERBATIM_DATA_DIR")
    if data:
        return Path(data) / "index-cache"
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "verbatim"


def contents_of(files: Sequence[tuple[str, bytes]]) -> bytes:
    """A SHA-256 of the files (name, bytes) one after the other: file names and bytes only
    (the corpus version is its first 12 hex digits)."""
    digest = hashlib.sha256()
    for name, raw in files:
        digest.update(PurePosixPath(name).name.encode())
        digest.update(raw)
    return digest.digest()


def key_of(files: Sequence[tuple[str, bytes]], contents: bytes | None = None) -> str:
    """The key of a corpus: its files (name, bytes) and the code that validates them.

    Every byte counts through `contents`, which is `contents_of(files)` (pass it when it
    was made already: the files are then read through once); with each file's path and
    length beside it, two corpora share a key only if SHA-256 collides."""
    digest = hashlib.sha256(f"verbatim corpus snapshot {SNAPSHOT_VERSION}\0".encode())
    here = Path(__file__).parent
    digest.update(fingerprint(here / name for name in _CODE).encode())
    for name, raw in files:
        digest.update(f"\0{name}\0{len(raw)}\0".encode())
    digest.update(contents_of(files) if contents is None else contents)
    return digest.hexdigest()


def path_of(folder: Path, key: str) -> Path:
    """Where the snapshot of the corpus with this key is kept."""
    return folder / f"corpus-{key[:32]}.snapshot"


def read(key: str, folder: Path) -> Snapshot | None:
    """The corpus saved under `key`, or None when there is none that can be trusted."""
    try:
        parts = _parts(path_of(folder, key).read_bytes(), key)
        return None if parts is None else _decode(parts)
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None  # unreadable, or not what this code writes: validate the YAML again


def write(
    key: str,
    sources: Sequence[Source],
    lexicon: Lexicon,
    documents: Sequence[Document],
    folder: Path,
) -> None:
    """Save a validated corpus under `key`; a folder that cannot be written is no error."""
    parts = _encode(sources, lexicon, documents)
    body = b"".join(parts.values())
    header = {
        "key": key,
        "sha256": hashlib.sha256(body).hexdigest(),
        "byteorder": sys.byteorder,
        "parts": [[name, len(part)] for name, part in parts.items()],
    }

    def dump(out: IO[bytes]) -> None:
        out.write(_MAGIC + json.dumps(header).encode() + b"\n")
        out.write(body)

    with contextlib.suppress(OSError):
        write_atomically(path_of(folder, key), dump)
        prune(folder, "corpus-*.snapshot")
        prune(folder, "corpus-*.json", keep=0)  # the format before this one: never read


def _parts(raw: bytes, key: str) -> dict[str, memoryview] | None:
    """The parts of a snapshot file, if it is one, of this corpus, whole and unaltered."""
    if not raw.startswith(_MAGIC):
        return None
    end = raw.index(b"\n", len(_MAGIC))
    header = json.loads(raw[len(_MAGIC) : end])
    if not isinstance(header, dict) or header.get("key") != key:
        return None
    if header.get("byteorder") != sys.byteorder:
        return None
    body = memoryview(raw)[end + 1 :]
    if hashlib.sha256(body).hexdigest() != header.get("sha256"):
        return None
    parts, at = {}, 0
    for name, size in header["parts"]:
        parts[str(name)] = body[at : at + int(size)]
        at += int(size)
    return parts if at == len(body) else None


def _encode(
    sources: Sequence[Source], lexicon: Lexicon, documents: Sequence[Document]
) -> dict[str, bytes]:
    passages = [p for doc in documents for p in doc.passages]
    parts: dict[str, bytes] = {}
    tables: dict[str, list[Any]] = {}
    separators: dict[str, str] = {}
    for field in dataclasses.fields(Passage):
        name = field.name
        values = [getattr(p, name) for p in passages]
        if name in _STRINGS:
            separators[name] = _unused(values)
            parts[f"{name}.text"] = separators[name].join(values).encode("utf-8")
            continue
        # Keyed with the type too: 1 and True are equal, and would share a row.
        seen: dict[tuple[type, Any], int] = {}
        column = array(_INDEX, (seen.setdefault((type(v), v), len(seen)) for v in values))
        tables[name] = [value for _, value in seen]
        parts[f"{name}.index"] = column.tobytes()
    meta = {
        "sources": list(sources),
        "lexicon": lexicon,
        "documents": [
            {
                **{f.name: getattr(doc, f.name) for f in dataclasses.fields(Document)},
                "passages": len(doc.passages),
            }
            for doc in documents
        ],
        "tables": tables,
        "separators": separators,
        "passages": len(passages),
    }
    return {"meta": json.dumps(meta, default=json_default).encode(), **parts}


def _numbers(part: memoryview) -> array[int]:
    numbers = array(_INDEX)
    numbers.frombytes(part)
    return numbers


def _unused(strings: Sequence[str]) -> str:
    """A character that occurs in none of `strings`: a control character as a rule (an
    ASCII one is a byte that no other character's UTF-8 holds)."""
    joined = "".join(strings)
    characters = map(chr, itertools.chain(range(0xD800), range(0xE000, 0x110000)))
    return next(c for c in characters if c not in joined)


def _strings(joined: memoryview, separator: str, count: int) -> list[str]:
    """The `count` strings joined by `separator` in UTF-8."""
    if len(separator) != 1:
        raise ValueError("not one character")
    if not count:
        strings = []
    elif separator < "\x80":  # split as bytes: each piece decoded compact, not widened
        strings = list(map(bytes.decode, bytes(joined).split(separator.encode())))
    else:
        strings = str(joined, "utf-8").split(separator)
    if len(strings) != count:
        raise ValueError("another number of strings")
    return strings


def _decode(parts: dict[str, memoryview]) -> Snapshot:
    meta = json.loads(bytes(parts["meta"]))
    convert = converters(Passage)
    count = int(meta["passages"])
    columns: dict[str, list[Any]] = {}
    for name in (f.name for f in dataclasses.fields(Passage)):
        if name in _STRINGS:
            columns[name] = _strings(parts[f"{name}.text"], meta["separators"][name], count)
        else:
            table = [convert[name](value) for value in meta["tables"][name]]
            index = _numbers(parts[f"{name}.index"])
            if len(table) == 1 and len(index) == count and not any(index):
                columns[name] = table * count  # one value for all: no passage has a page, …
            else:
                columns[name] = list(map(table.__getitem__, index))
    passages = fill(Passage, columns)
    sections = build_all(Section, [s for doc in meta["documents"] for s in doc["sections"]])
    documents, at, first = [], 0, 0
    for data in meta["documents"]:
        count, made = int(data["passages"]), len(data["sections"])
        if count < 0 or at + count > len(passages):
            raise ValueError("more passages than saved")
        document = build(Document, {**data, "sections": (), "passages": ()})
        documents.append(
            dataclasses.replace(
                document,
                sections=tuple(sections[first : first + made]),
                passages=tuple(passages[at : at + count]),
            )
        )
        at, first = at + count, first + made
    if at != len(passages):
        raise ValueError("passages of no document")
    sources = [build(Source, s) for s in meta["sources"]]
    return Snapshot(sources, build(Lexicon, meta["lexicon"]), documents, columns)
