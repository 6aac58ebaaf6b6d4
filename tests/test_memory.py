"""Thousands of questions in a row: memory stays flat because every cache is bounded."""

from __future__ import annotations

import gc
import random
import tracemalloc

from bot import render
from retrieval.answer import Engine


def _questions(engine: Engine, n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    words = sorted({w for e in engine.corpus.entries for w in e.text.split()})
    noise = [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 9)))
        for _ in range(n)
    ]
    return [" ".join([*rng.sample(words, 4), noise[i]]) + "?" for i in range(n)]


def _ask_all(engine: Engine, questions: list[str]) -> None:
    for question in questions:
        answer = engine.answer(question)
        render.answer_embed(answer)
        render.answer_text(answer)


def test_five_thousand_questions_do_not_grow_memory(engine: Engine) -> None:
    _ask_all(engine, _questions(engine, 1_000, seed=0))  # warm up: vocabulary, caches
    gc.collect()
    tracemalloc.start()
    after = []
    try:
        for seed in range(1, 11):  # 10 x 500 distinct questions, each with an unseen word
            _ask_all(engine, _questions(engine, 500, seed=seed))
            gc.collect()
            after.append(tracemalloc.get_traced_memory()[0])
    finally:
        tracemalloc.stop()
    trace = [f"{a / 1024:.0f} KiB" for a in after]
    # Bounded caches (PyStemmer keeps at most 4,096 words) fill and purge: memory saws up
    # and down but the second 2,500 questions never climb above the first 2,500's peak.
    assert max(after[5:]) <= max(after[:5]) + 256 * 1024, trace
    assert max(after) < 2 * 1024 * 1024, trace
