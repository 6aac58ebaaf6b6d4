"""A fresh process that starts as the bot does, then asks its first questions; JSON on stdout.

Run by `python -m benchmarks` three times per corpus on one cache folder: on an empty one
(the corpus validated from YAML, the index and speller built and saved), after the cache
and corpus files were dropped from the OS page cache (cold), and again (warm). "Ready" is
from before the first import to the first answer out: imports, corpus, index, and whatever
the first answer loads on first use.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.startup")
    parser.add_argument("--corpus", default=None, help="corpus folder (default: packaged)")
    parser.add_argument("--cache", required=True, help="snapshot and index cache folder")
    parser.add_argument("--launched", type=float, help="time.time() when it was launched")
    parser.add_argument("questions", nargs="+", help="asked in order, the first one first")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    from corpus.load import load_corpus
    from retrieval.engine import Engine

    imported = time.perf_counter()
    corpus = load_corpus(args.corpus, cache_dir=args.cache)
    loaded = time.perf_counter()
    engine = Engine(corpus, index_cache=args.cache)
    built = time.perf_counter()
    answers = []
    process = None
    for question in args.questions:
        begin = time.perf_counter()
        json.dumps(engine.answer(question).to_json())
        answers.append(time.perf_counter() - begin)
        if len(answers) == 1 and args.launched is not None:
            process = time.time() - args.launched
    out = {
        "import_s": imported - start,
        "corpus_s": loaded - imported,
        "engine_s": built - loaded,
        "first_s": answers[0],
        "ready_s": built + answers[0] - start,
        "process_s": process,
        "next_s": sorted(answers[1:])[len(answers[1:]) // 2] if answers[1:] else None,
    }
    json.dump(out, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
