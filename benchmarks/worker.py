"""One measurement in a fresh process: one corpus, one retrieval system; JSON on stdout.

A process of its own per (corpus, system) gives each its own peak RSS, and no system
runs on a heap or caches warmed by another.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import hashlib
import json
import resource
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import numpy as np

from benchmarks import questions as q
from corpus.load import Corpus, load_corpus
from retrieval.engine import Engine, indexed_parts, indexed_text
from retrieval.index import Bm25Index, Hit, tokenize_many
from retrieval.text import tokenize
from retrieval.types import Answer

CONCURRENT = 20
STALL_ROUNDS = 10
WARM_UP = 20
# The question sets, in the order they are measured and reported.
SETS = ("derived", "typos", "everyday", "off-topic")


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def passage_texts(corpus: Corpus) -> Iterator[str]:
    """What Engine indexes of each passage."""
    return map(indexed_text, corpus.entries)


def _renderer() -> Callable[[Answer], str] | None:
    try:
        from bot.terminal import render_answer
    except ImportError:
        return None
    return lambda a: render_answer(a, width=88)


def _summary(seconds: Sequence[float]) -> dict[str, float]:
    ms = sorted(s * 1000 for s in seconds)
    return {
        "median": statistics.median(ms),
        "p95": ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))],
        "mean": statistics.fmean(ms),
        "max": ms[-1],
    }


def question_sets(corpus: Corpus, count: int, unknown: Callable[[str], bool]) -> dict[str, Any]:
    """The measured sets, and warm-up questions that are in none of them."""
    sets = {
        "derived": q.derive(corpus, count, seed=q.SEED),
        "typos": q.with_typos(q.derive(corpus, count, seed=q.SEED + 1)),
        "everyday": q.with_everyday_words(q.derive(corpus, count, seed=q.SEED + 2), unknown),
        "off-topic": q.off_topic(count, seed=q.SEED + 3),
    }
    measured = {question for questions in sets.values() for question in questions}
    # Warm-up takes every path (typos and unknown words too), on questions never measured.
    pool = q.with_everyday_words(
        q.with_typos(q.derive(corpus, 2 * WARM_UP, seed=q.SEED + 4), share=0.5), unknown
    )
    return {"sets": sets, "warm": [x for x in pool if x not in measured][:WARM_UP]}


def build(system: str, corpus: Corpus) -> tuple[Any, dict[str, float]]:
    """The system's index of the corpus, and how long tokenizing and indexing took."""
    if system == "ours":
        start = time.perf_counter()
        ours = Bm25Index.from_texts(passage_texts(corpus))
        return ours, {"build_s": time.perf_counter() - start}
    from benchmarks.systems import Bm25sIndex, NaiveIndex

    if system == "naive":
        start = time.perf_counter()
        docs = tokenize_many(passage_texts(corpus))
        tokenized = time.perf_counter()
        naive = NaiveIndex(docs)
        return naive, {"tokenize_s": tokenized - start, "build_s": time.perf_counter() - tokenized}
    bm25s = Bm25sIndex(passage_texts(corpus))
    return bm25s, bm25s.timings


def answer_once(engine: Engine, render: Callable[[Answer], str] | None, question: str) -> Answer:
    """What the latency covers: retrieve, choose quotes, and render (JSON and terminal)."""
    result = engine.answer(question)
    json.dumps(result.to_json())
    if render is not None:
        render(result)
    return result


async def _stall(service: Any, questions: list[str]) -> dict[str, float]:
    """The longest gap of a 1 ms ticker while rounds of 20 questions go the bot's own way:
    `Service.ask` (its two answer threads, the corpus frozen out of the GC), then the
    answer's embed rendered on the loop."""
    from bot.discord.render import answer_embed

    engine = service.engine
    gaps: list[float] = []
    done = asyncio.Event()

    async def ask(question: str) -> None:
        asked = await service.ask(question, channel="slash", record=False)
        answer_embed(asked.answer, corpus_label=engine.corpus.version)

    async def ticker() -> None:
        last = time.perf_counter()
        while not done.is_set():
            await asyncio.sleep(0.001)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now

    tick = asyncio.create_task(ticker())
    await asyncio.sleep(0.01)
    start = time.perf_counter()
    for r in range(STALL_ROUNDS):
        batch = [questions[(r * CONCURRENT + i) % len(questions)] for i in range(CONCURRENT)]
        await asyncio.gather(*(ask(x) for x in batch))
    elapsed = time.perf_counter() - start
    done.set()
    await tick
    await service.close()
    return {
        "max_gap_ms": max(gaps) * 1000,
        "p99_gap_ms": float(np.percentile(gaps, 99)) * 1000,
        "questions": STALL_ROUNDS * CONCURRENT,
        "wall_s": elapsed,
    }


gc_pauses: list[tuple[int, float]] = []


def _watch_gc() -> None:
    """Record how long each garbage collection holds the GIL (a stall for an event loop)."""
    began = [0.0]

    def callback(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            began[0] = time.perf_counter()
        else:
            gc_pauses.append((info["generation"], time.perf_counter() - began[0]))

    gc.callbacks.append(callback)


class Recorder:
    """Wraps `index.top`: times retrieval and keeps every call Engine makes, with its `k`,
    boost and filter, so that the parity check replays exactly what was asked."""

    def __init__(self, index: Any) -> None:
        self.index = index
        self.top = index.top
        self.seconds: list[float] = []
        self.calls: list[tuple[tuple[str, ...], int, Any, Any, list[Hit]]] = []
        index.top = self

    def __call__(
        self, query: Sequence[str], k: int, boost: Any = None, allowed: Any = None
    ) -> list[Hit]:
        begin = time.perf_counter()
        hits: list[Hit] = self.top(query, k, boost=boost, allowed=allowed)
        self.seconds.append(time.perf_counter() - begin)
        self.calls.append((tuple(query), k, boost, allowed, hits))
        return hits

    def parity(self) -> list[list[Any]]:
        """Every call as [query, k, boost digest, filter digest, hits]; Engine reuses its
        boost and filter arrays, so each distinct one is digested once."""
        digests: dict[int, str] = {}

        def digest(array: Any) -> str:
            if array is None:
                return "-"
            if id(array) not in digests:
                digests[id(array)] = hashlib.sha256(np.ascontiguousarray(array)).hexdigest()
            return digests[id(array)]

        return [
            [list(query), k, digest(boost), digest(allowed), [(h.doc, h.score) for h in hits]]
            for query, k, boost, allowed, hits in self.calls
        ]


def run(args: argparse.Namespace) -> dict[str, Any]:
    _watch_gc()
    out: dict[str, Any] = {"system": args.system}
    out["rss_start_mb"] = rss_mb()
    start = time.perf_counter()
    # From its YAML every time, as a first start would, and without writing a snapshot.
    corpus = load_corpus(args.corpus, snapshots=False)
    out["load_s"] = time.perf_counter() - start
    out["passages"] = len(corpus.entries)
    out["rss_loaded_mb"] = rss_mb()

    index, times = build(args.system, corpus)
    out.update(times)
    out["rss_built_mb"] = rss_mb()
    engine = Engine(corpus, prebuilt=index)

    def unknown(word: str) -> bool:
        terms = tokenize(word)
        return bool(terms) and all(index.idf(term) is None for term in terms)

    asked = question_sets(corpus, args.questions, unknown)
    sets = {name: asked["sets"][name] for name in args.sets.split(",")}

    recorder = Recorder(index)
    render = _renderer()
    out["rendered"] = render is not None
    # The first question with a word the index does not know: the spelling corrector is
    # made on first use here, where the index was built in this process, not read.
    first = next(x for x in asked["warm"] if any(unknown(w) for w in x.split() if len(w) >= 4))
    start = time.perf_counter()
    answer_once(engine, render, first)
    out["first_misspelt_s"] = time.perf_counter() - start
    for question in asked["warm"]:
        answer_once(engine, render, question)
    recorder.calls.clear()
    recorder.seconds.clear()

    out["sets"] = {}
    for name, questions in sets.items():
        latency: list[float] = []
        statuses: Counter[str] = Counter()
        del recorder.seconds[:]
        corrected = 0
        for question in questions:
            begin = time.perf_counter()
            result = answer_once(engine, render, question)
            latency.append(time.perf_counter() - begin)
            statuses[result.status] += 1
            corrected += bool(result.suggestions)
        out["sets"][name] = {
            "latency_ms": _summary(latency),
            "retrieve_ms": _summary(recorder.seconds) if recorder.seconds else None,
            "statuses": dict(statuses),
            "corrected": corrected,
            "questions": len(questions),
        }
    out["peak_rss_mb"] = peak_rss_mb()
    out["gc_max_ms"] = max((p for g, p in gc_pauses if g == 2), default=0.0) * 1000
    if args.system in ("ours", "naive"):
        out["parity"] = recorder.parity()
    index.top = recorder.top
    if args.system == "ours":
        from benchmarks.spelling import measure

        out["spelling"] = measure(engine.speller)
        out["tokenizer_check"] = _tokenizer_check(corpus)
        typos = [x for x in asked["sets"]["typos"] if engine.corrections(x)]
        out["startup_questions"] = {"typos": typos[:6], "clean": asked["sets"]["derived"][:1]}
    if args.stall:
        from bot.service import Service

        service = Service(engine)  # as the bot starts: this freezes what is loaded
        gc_pauses.clear()
        out["stall"] = asyncio.run(_stall(service, [x for s in sets.values() for x in s]))
        out["stall"]["gc_max_ms"] = max((p for _, p in gc_pauses), default=0.0) * 1000
    return out


def _tokenizer_check(corpus: Corpus, sample: int = 2000) -> bool:
    """The bulk tokenizer agrees with `tokenize` of each part of what the index holds of a
    passage (`indexed_parts`, on sampled passages)."""
    step = max(1, len(corpus.entries) // sample)
    entries = corpus.entries[::step]
    texts = [indexed_text(e) for e in entries]
    slow = [[token for part in indexed_parts(e) for token in tokenize(part)] for e in entries]
    return tokenize_many(texts) == slow


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.worker")
    parser.add_argument("--corpus", default=None, help="corpus folder (default: packaged)")
    parser.add_argument("--system", choices=("naive", "bm25s", "ours"), required=True)
    parser.add_argument("--questions", type=int, default=200, help="per question set")
    parser.add_argument("--sets", default=",".join(SETS), help=f"of {','.join(SETS)}")
    parser.add_argument("--stall", action="store_true", help="measure event-loop stalls")
    args = parser.parse_args(argv)
    json.dump(run(args), sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
