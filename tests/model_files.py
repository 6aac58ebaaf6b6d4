"""A bundled model file made unreadable for a test, and the real one back after it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

import pytest


@contextmanager
def unreadable_model(module: ModuleType, path: Path) -> Iterator[None]:
    """Within it, `module.MODEL` is an unreadable file at `path`, and `module.bundled()`
    reads it afresh; after it, the real one again."""
    path.write_text("{", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(module, "MODEL", path)
        module.bundled.cache_clear()
        try:
            yield
        finally:
            patch.undo()
            module.bundled.cache_clear()
