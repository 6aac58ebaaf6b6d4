"""Files of a cache folder: atomic writes, keeping the newest few, fingerprints of code."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

KEEP = 8


def write_atomically(path: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Write `path` through `write` to a temporary name, then rename: a reader never sees
    half a file, and a failed write leaves nothing behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            write(out)
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def prune(folder: Path, pattern: str, keep: int = KEEP) -> None:
    """Delete all but the `keep` newest files of `folder` matching `pattern`."""
    found = []
    for path in folder.glob(pattern):
        with contextlib.suppress(OSError):  # gone already: another process pruned it
            found.append((path.stat().st_mtime, path))
    found.sort(reverse=True)
    for _, old in found[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()


def fingerprint(files: Iterable[Path | str]) -> str:
    """A SHA-256 of the bytes of `files` (the code a cache's contents depend on); a file that
    cannot be read (no source next to the code) counts by its name."""
    digest = hashlib.sha256()
    for file in files:
        try:
            digest.update(Path(file).read_bytes())
        except OSError:
            digest.update(Path(file).name.encode())
    return digest.hexdigest()
