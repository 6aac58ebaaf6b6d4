"""Shared fixtures: the packaged corpus and an engine over it (built once per session)."""

from __future__ import annotations

import pytest

from corpus.load import Corpus, load_corpus
from retrieval.answer import Engine


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return load_corpus()


@pytest.fixture(scope="session")
def engine(corpus: Corpus) -> Engine:
    return Engine(corpus)
