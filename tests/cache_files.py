"""Texts that fail a test if a cache hit reads them, and the damage a cache file may come to."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path


def never(texts: list[str] | None = None) -> Iterator[str]:
    """Texts that fail the test if a cache hit reads them."""
    raise AssertionError("the cache was not used")
    yield ""  # pragma: no cover


def damages(word: bytes) -> list[Callable[[Path], object]]:
    """Three ways a cache file that holds `word` may be damaged: cut in half, `word` changed
    inside it, emptied."""
    return [
        lambda path: path.write_bytes(path.read_bytes()[: path.stat().st_size // 2]),
        lambda path: path.write_bytes(path.read_bytes().replace(word, word.swapcase())),
        lambda path: path.write_bytes(b""),
    ]
