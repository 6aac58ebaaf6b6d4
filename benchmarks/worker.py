"""One measurement in a fresh process: one corpus, one retrieval system; JSON on stdout.

A process of its own per (corpus, system) gives each its own peak RSS, and no system
runs on a heap or caches warmed by another.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.questions import derive
from corpus.load import Corpus, load_corpus
from retrieval.cache import load_or_build
from retrieval.engine import Engine, indexed_text
from retrieval.index import Bm25Index, Hit, tokenize_many
from retrieval.text import tokenize
from retrieval.types import Answer

PARITY_K = 10
CONCURRENT = 20
STALL_ROUNDS = 10


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


def build(system: str, corpus: Corpus) -> tuple[Any, dict[str, float]]:
    """The system's index of the corpus, and how long tokenizing and indexing took."""
    if system == "ours":
        start = time.perf_counter()
        ours = Bm25Index.from_texts(passage_texts(corpus))
        return ours, {"build_s": time.perf_counter() - start}
    from benchmarks.systems import Bm25sIndex, NaiveIndex

    start = time.perf_counter()
    docs = tokenize_many(passage_texts(corpus))
    tokenized = time.perf_counter()
    index = NaiveIndex(docs) if system == "naive" else Bm25sIndex(docs)
    done = time.perf_counter()
    return index, {"tokenize_s": tokenized - start, "build_s": done - tokenized}


def answer_once(engine: Engine, render: Callable[[Answer], str] | None, question: str) -> Answer:
    """What the latency covers: retrieve, choose quotes, and render (JSON and terminal)."""
    result = engine.answer(question)
    json.dumps(result.to_json())
    if render is not None:
        render(result)
    return result


async def _stall(
    engine: Engine,
    render: Callable[[Answer], str] | None,
    questions: list[str],
    threads: int | None = None,
) -> dict[str, float]:
    """The longest gap of a 1 ms ticker while rounds of 20 questions run in threads:
    `asyncio.to_thread` (as bot/service.py does), or an executor of `threads` threads."""
    gaps: list[float] = []
    done = asyncio.Event()
    loop = asyncio.get_running_loop()
    pool = ThreadPoolExecutor(threads) if threads else None

    def ask(question: str) -> Awaitable[Answer]:
        if pool is None:
            return asyncio.to_thread(answer_once, engine, render, question)
        return loop.run_in_executor(pool, answer_once, engine, render, question)

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
        await asyncio.gather(*(ask(q) for q in batch))
    elapsed = time.perf_counter() - start
    done.set()
    await tick
    if pool is not None:
        pool.shutdown()
    return {
        "max_gap_ms": max(gaps) * 1000,
        "p99_gap_ms": float(np.percentile(gaps, 99)) * 1000,
        "questions": STALL_ROUNDS * CONCURRENT,
        "wall_s": elapsed,
    }


gc_pauses: list[tuple[int, float]] = []
all_pauses: list[tuple[int, float]] = []


def _watch_gc() -> None:
    """Record how long each garbage collection holds the GIL (a stall for an event loop)."""
    began = [0.0]

    def callback(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            began[0] = time.perf_counter()
        else:
            pause = (info["generation"], time.perf_counter() - began[0])
            gc_pauses.append(pause)
            all_pauses.append(pause)

    gc.callbacks.append(callback)


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
    questions = derive(corpus, args.questions)

    index, times = build(args.system, corpus)
    out.update(times)
    out["rss_built_mb"] = rss_mb()

    start = time.perf_counter()
    engine = Engine(corpus, prebuilt=index)
    out["engine_s"] = time.perf_counter() - start

    # Record what Engine asks of the index, and how long retrieval itself takes.
    queries: list[tuple[str, ...]] = []
    retrieve: list[float] = []
    top = index.top

    def timed_top(query: Sequence[str], k: int, **kwargs: Any) -> list[Hit]:
        begin = time.perf_counter()
        hits: list[Hit] = top(query, k, **kwargs)
        retrieve.append(time.perf_counter() - begin)
        queries.append(tuple(query))
        return hits

    index.top = timed_top
    render = _renderer()
    out["rendered"] = render is not None
    start = time.perf_counter()
    answer_once(engine, render, questions[0])  # the first answer builds the spelling vocabulary
    out["first_answer_s"] = time.perf_counter() - start
    for question in questions[: min(20, len(questions))]:  # warm-up
        answer_once(engine, render, question)
    queries.clear()
    retrieve.clear()

    latency: list[float] = []
    statuses: Counter[str] = Counter()
    for question in questions:
        begin = time.perf_counter()
        result = answer_once(engine, render, question)
        latency.append(time.perf_counter() - begin)
        statuses[result.status] += 1
    out["latency_ms"] = _summary(latency)
    out["retrieve_ms"] = _summary(retrieve) if retrieve else None
    out["statuses"] = dict(statuses)
    index.top = top

    if args.stall:
        gc_pauses.clear()
        out["stall"] = asyncio.run(_stall(engine, render, questions))
        out["stall"]["gc_max_ms"] = max((p for _, p in gc_pauses), default=0.0) * 1000
        out["stall_one_thread"] = asyncio.run(_stall(engine, render, questions, threads=1))
    out["peak_rss_mb"] = peak_rss_mb()
    out["gc_max_ms"] = max((p for g, p in all_pauses if g == 2), default=0.0) * 1000

    # Parity queries: what Engine searched for, and each question's own terms.
    parity_queries = list(dict.fromkeys(queries + [tuple(tokenize(q)) for q in questions]))
    if args.system == "ours":
        out["parity"] = [
            [list(q), [(h.doc, h.score) for h in index.top(q, PARITY_K)]] for q in parity_queries
        ]
        out["tokenizer_check"] = _tokenizer_check(corpus)
    elif args.system == "naive" and args.reference:
        from benchmarks.systems import reference_top

        out["parity"] = [[list(q), reference_top(index.model, q, PARITY_K)] for q in parity_queries]
    if args.system == "ours" and args.cache:
        out["cache"] = _cache(corpus)
    return out


def _tokenizer_check(corpus: Corpus, sample: int = 2000) -> bool:
    """The bulk tokenizer agrees with `tokenize` of titles and text (on sampled passages)."""
    step = max(1, len(corpus.entries) // sample)
    entries = corpus.entries[::step]
    texts = [indexed_text(e) for e in entries]
    slow = [tokenize(" ".join(e.section_path)) + tokenize(e.text) for e in entries]
    return tokenize_many(texts) == slow


def _cache(corpus: Corpus) -> dict[str, float]:
    """Build and save, then load, an index in a fresh cache folder."""
    with tempfile.TemporaryDirectory(prefix="verbatim-bench-cache-") as folder:
        start = time.perf_counter()
        load_or_build(passage_texts(corpus), corpus.version, folder)
        saved = time.perf_counter() - start
        loads = []
        for _ in range(3):
            start = time.perf_counter()
            load_or_build(iter(()), corpus.version, folder)
            loads.append(time.perf_counter() - start)
        size = sum(p.stat().st_size for p in Path(folder).iterdir()) / 2**20
    return {"build_and_save_s": saved, "load_s": statistics.median(loads), "file_mb": size}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.worker")
    parser.add_argument("--corpus", default=None, help="corpus folder (default: packaged)")
    parser.add_argument("--system", choices=("naive", "bm25s", "ours"), required=True)
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--stall", action="store_true", help="measure event-loop stalls")
    parser.add_argument("--cache", action="store_true", help="measure the on-disk cache")
    parser.add_argument("--reference", action="store_true", help="rank-bm25 parity reference")
    args = parser.parse_args(argv)
    json.dump(run(args), sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
