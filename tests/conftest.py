"""Shared fixtures: the packaged corpus and an engine over it (built once per session)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from corpus.load import Corpus, load_corpus
from retrieval.engine import Engine


@pytest.fixture(scope="session", autouse=True)
def _own_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Corpus snapshots and index caches go to a folder of the test run, never to the
    developer's ~/.cache (subprocesses inherit it)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        patch.delenv("VERBATIM_DATA_DIR", raising=False)
        yield


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return load_corpus()


@pytest.fixture(scope="session")
def engine(corpus: Corpus) -> Engine:
    return Engine(corpus)
