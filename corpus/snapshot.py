"""The validated data of a corpus as JSON in the cache folder, for when its files are unchanged.

Validating YAML with pydantic is most of what `python -m bot ask` would spend starting up
(importing pydantic and building its validators alone takes longer than answering), and of
loading a large corpus. A snapshot is named and keyed by a SHA-256 of every corpus file's
name and bytes and of the code that validates them (corpus/models.py, types.py, load.py and
this module), and the key is stored inside and checked on reading: a corpus edited by a
single byte, a new version of the code, a truncated or foreign file, and the corpus is
validated from its YAML again. Written to a temporary name and renamed; the newest `KEEP`
are kept. Like the index cache, the folder is trusted as much as the corpus folder itself.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from corpus.cachefiles import fingerprint, prune, write_atomically
from corpus.types import json_default

SNAPSHOT_VERSION = 1
_CODE = ("models.py", "types.py", "load.py", "snapshot.py")


def default_cache_dir() -> Path:
    """$VERBATIM_DATA_DIR/index-cache, else $XDG_CACHE_HOME/verbatim (~/.cache/verbatim)."""
    data = os.environ.get("VERBATIM_DATA_DIR")
    if data:
        return Path(data) / "index-cache"
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "verbatim"


def key_of(files: Sequence[tuple[str, bytes]]) -> str:
    """The key of a corpus: its files (name, bytes) and the code that validates them."""
    digest = hashlib.sha256(f"verbatim corpus snapshot {SNAPSHOT_VERSION}\0".encode())
    here = Path(__file__).parent
    digest.update(fingerprint(here / name for name in _CODE).encode())
    for name, raw in files:
        digest.update(f"\0{name}\0{len(raw)}\0".encode())
        digest.update(raw)
    return digest.hexdigest()


def _path(folder: Path, key: str) -> Path:
    return folder / f"corpus-{key[:32]}.json"


def read(key: str, folder: Path) -> dict[str, Any] | None:
    """The data saved under `key`, or None when there is none that can be trusted."""
    try:
        saved = json.loads(_path(folder, key).read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(saved, dict) or saved.get("key") != key:
        return None
    data = saved.get("corpus")
    return data if isinstance(data, dict) else None


def write(key: str, data: dict[str, Any], folder: Path) -> None:
    """Save `data` (of corpus objects) under `key`; a folder that cannot be written is no
    error."""

    def dump(out: IO[bytes]) -> None:
        out.write(json.dumps({"key": key, "corpus": data}, default=json_default).encode())

    with contextlib.suppress(OSError):
        write_atomically(_path(folder, key), dump)
        prune(folder, "corpus-*.json")
