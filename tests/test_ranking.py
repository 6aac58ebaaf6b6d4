"""Ranking signals: the question's words the corpus never uses, and BM25 per sentence."""

from __future__ import annotations

import numpy as np

from retrieval.engine import Engine
from retrieval.rank import CONTEXT_SHARE, Concept, unknown_share, weigh
from retrieval.sentencebm25 import SentenceBm25
from retrieval.text import sentences, tokenize


def test_unknown_share_weighs_the_words_the_corpus_never_uses(engine: Engine) -> None:
    def share(text: str) -> float:
        return unknown_share(engine.index, weigh(engine.index, engine.lexicon.expand(text, [])))

    assert share("does the act exempt open-source models?") == 0.0
    assert share("sourdough buttermilk pancakes") == 1.0
    assert 0.0 < share("open-source photoshop plugins") < 1.0
    assert share("") == 0.0


def test_the_words_of_a_messages_context_weigh_less_than_those_it_asks_with(
    engine: Engine,
) -> None:
    text = "which models are exempt? my grandchildren keep asking about sourdough"
    expansion = engine.lexicon.expand(text, [])
    asked = frozenset(tokenize("which models are exempt?"))
    whole = weigh(engine.index, expansion)
    split = weigh(engine.index, expansion, asked)

    def weight(concepts: list[Concept], term: str) -> float:
        return next(c.weight for c in concepts if term in c.terms)

    assert weight(split, "exempt") == weight(whole, "exempt")
    assert weight(split, "sourdough") == CONTEXT_SHARE * weight(whole, "sourdough")
    assert unknown_share(engine.index, split) < unknown_share(engine.index, whole)


def test_a_passage_scores_as_its_best_sentence(engine: Engine) -> None:
    index = SentenceBm25(engine.corpus)
    scores = index.by_passage(["exempt"])
    holding = [
        doc
        for doc, entry in enumerate(engine.corpus.entries)
        if any("exempt" in entry.text[a:b].lower() for a, b in sentences(entry.text))
    ]
    assert list(np.flatnonzero(scores)) == holding
    assert index.by_passage(["zzzz-nowhere"]).max() == 0.0
