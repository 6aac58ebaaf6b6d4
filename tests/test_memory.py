"""Thousands of questions in a row: memory stays flat because every cache is bounded.

Measured in a fresh interpreter, so what other tests left in shared caches cannot move
the figures."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

MEASURE = textwrap.dedent(
    """
    import gc, json, random, tracemalloc
    import Stemmer
    from bot.discord import render
    from corpus.load import load_corpus
    from retrieval import text
    from retrieval.engine import Engine

    # PyStemmer's cache is bounded by the library (it purges past a quarter over its size),
    # but its saw-tooth is longer than this run, where it would look like growth: it is off
    # here, so what is measured is our own caches.
    text._STEMMER = Stemmer.Stemmer("english", 0)

    engine = Engine(load_corpus())
    words = sorted({w for e in engine.corpus.entries for w in e.text.split()})

    def questions(n, seed):
        rng = random.Random(seed)
        letters = "abcdefghijklmnopqrstuvwxyz"
        unseen = ["".join(rng.choice(letters) for _ in range(rng.randint(3, 9))) for _ in range(n)]
        return [" ".join([*rng.sample(words, 4), unseen[i]]) + "?" for i in range(n)]

    def ask_all(batch):
        for question in batch:
            answer = engine.answer(question)
            render.answer_embed(answer)
            render.answer_text(answer)

    ask_all(questions(1000, 0))  # warm up: vocabulary, caches
    gc.collect()
    tracemalloc.start()
    after = []
    for seed in range(1, 11):  # 10 x 500 distinct questions, each with an unseen word
        ask_all(questions(500, seed))
        gc.collect()
        after.append(tracemalloc.get_traced_memory()[0])
    print(json.dumps(after))
    """
)


def test_five_thousand_questions_do_not_grow_memory() -> None:
    result = subprocess.run(
        [sys.executable, "-c", MEASURE], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    after = json.loads(result.stdout.strip().splitlines()[-1])
    trace = [f"{a / 1024:.0f} KiB" for a in after]
    # Bounded caches fill and purge: memory saws up and down but the second 2,500 questions
    # never climb above the first 2,500's peak.
    assert max(after[5:]) <= max(after[:5]) + 256 * 1024, trace
    assert max(after) < 2 * 1024 * 1024, trace
