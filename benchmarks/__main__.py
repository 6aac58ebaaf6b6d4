"""`python -m benchmarks`: index build, answer latency, memory and parity, per corpus size.

Every figure comes from this one run; each (corpus, system) is measured in a fresh
process (benchmarks/worker.py), one after another, so that ratios are fair. Exit status 1
when our top-10 differs from rank-bm25's on any question (always), or, with --check, when
a target of the issue is missed.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.corpus import corpus_folder

SYSTEMS = ("naive", "bm25s", "ours")
CLI_QUESTION = "What does the EU AI Act exempt?"
TARGET_SIZE = 100_000  # the targets apply here (and the CLI's to the packaged corpus)

Results = dict[str, dict[str, Any]]


# --- measuring ----------------------------------------------------------------------------


def machine() -> list[str]:
    model = platform.processor() or "unknown CPU"
    memory = ""
    try:
        info = Path("/proc/cpuinfo").read_text()
        model = next(
            line.split(":", 1)[1].strip()
            for line in info.splitlines()
            if line.startswith("model name")
        )
        kib = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        memory = f", {kib / 2**20:.1f} GiB RAM"
    except (OSError, StopIteration):
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()

    def version(name: str) -> str:
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            return "not installed"

    packages = ", ".join(
        f"{name} {version(name)}" for name in ("numpy", "rank-bm25", "bm25s", "PyStemmer")
    )
    return [
        f"machine: {model}, {usable} usable cores (of {os.cpu_count()}){memory}, "
        f"{platform.system()} {platform.release()}",
        f"python {platform.python_version()} ({platform.python_implementation()}); {packages}",
    ]


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "n/a"


def run_worker(corpus: Path | None, system: str, questions: int, **flags: bool) -> dict[str, Any]:
    command = [
        sys.executable,
        "-m",
        "benchmarks.worker",
        "--system",
        system,
        "--questions",
        str(questions),
    ]
    if corpus is not None:
        command += ["--corpus", str(corpus)]
    command += [f"--{name}" for name, on in flags.items() if on]
    env = {**os.environ, "VERBATIM_QUESTION_LOG": "off"}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"benchmark worker failed: {' '.join(command)}\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def cli_timing(runs: int) -> dict[str, Any]:
    """Whole-process wall time of `python -m bot ask "…"` on the packaged corpus, as a user
    runs it: the question logged, the corpus snapshot (in the data folder) written by the
    first, unmeasured run and read by the others."""
    with tempfile.TemporaryDirectory(prefix="verbatim-bench-cli-") as folder:
        env = {**os.environ, "VERBATIM_DATA_DIR": folder}
        for setting in ("VERBATIM_CORPUS", "VERBATIM_QUESTION_LOG"):
            env.pop(setting, None)
        ask = ["-m", "bot", "ask", CLI_QUESTION]
        times = []
        for i in range(runs + 1):
            start = time.perf_counter()
            done = subprocess.run(
                [sys.executable, *ask], capture_output=True, env=env, cwd=folder, check=False
            )
            elapsed = time.perf_counter() - start
            if done.returncode != 0:
                return {"error": done.stderr.decode(errors="replace").strip()[-300:]}
            if i:  # the first run warms the file cache and writes the snapshot
                times.append(elapsed)
        probe = subprocess.run(
            [sys.executable, "-X", "importtime", *ask],
            capture_output=True,
            text=True,
            env=env,
            cwd=folder,
            check=False,
        )
    imported = {
        line.rsplit("|", 1)[-1].strip() for line in probe.stderr.splitlines() if "|" in line
    }
    return {
        "median_s": statistics.median(times),
        "p95_s": _p95(times),
        "min_s": min(times),
        "runs": runs,
        "imports_discord": any(
            name == "discord" or name.startswith("discord.") for name in imported
        ),
    }


def _p95(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


# --- reporting ----------------------------------------------------------------------------


def get(results: Results, system: str, *path: str) -> float | None:
    value: Any = results.get(system)
    for key in path:
        if not isinstance(value, dict) or value.get(key) is None:
            return None
        value = value[key]
    return float(value)


def fmt(value: float | None, digits: int) -> str:
    return "—" if value is None or math.isnan(value) else f"{value:,.{digits}f}"


# (label, path into a worker's figures, digits); a leading "*" marks figures of ours only.
ROWS: list[tuple[str, tuple[str, ...], int]] = [
    ("corpus load, not in the build (s)", ("load_s",), 2),
    ("tokenize (s)", ("tokenize_s",), 2),
    ("index build (s)", ("build_s",), 2),
    ("first answer: spelling vocabulary (s)", ("first_answer_s",), 2),
    ("answer latency, median (ms)", ("latency_ms", "median"), 3),
    ("answer latency, p95 (ms)", ("latency_ms", "p95"), 3),
    ("  of which retrieval, median (ms)", ("retrieve_ms", "median"), 3),
    ("  of which retrieval, p95 (ms)", ("retrieve_ms", "p95"), 3),
    ("RSS after corpus load (MB)", ("rss_loaded_mb",), 0),
    ("RSS after index build (MB)", ("rss_built_mb",), 0),
    ("peak RSS, whole process (MB)", ("peak_rss_mb",), 0),
    ("longest GC pause, gen 2 (ms)", ("gc_max_ms",), 0),
    ("*cached index: build + save (s)", ("cache", "build_and_save_s"), 2),
    ("*cached index: load (s)", ("cache", "load_s"), 3),
    ("*cached index: file (MB)", ("cache", "file_mb"), 1),
    ("*event loop, 20 via to_thread: max gap (ms)", ("stall", "max_gap_ms"), 1),
    ("*  p99 gap (ms)", ("stall", "p99_gap_ms"), 1),
    ("*  longest GC pause meanwhile (ms)", ("stall", "gc_max_ms"), 1),
    ("*event loop, 1-thread executor: max gap (ms)", ("stall_one_thread", "max_gap_ms"), 1),
]


def print_table(title: str, results: Results, cli: dict[str, Any] | None) -> None:
    systems = [s for s in SYSTEMS if s in results]
    lines: list[tuple[str, list[str]]] = []
    for label, path, digits in ROWS:
        only_ours = label.startswith("*")
        values = [None if only_ours and s != "ours" else get(results, s, *path) for s in systems]
        if any(v is not None for v in values):
            lines.append((label.lstrip("*"), [fmt(v, digits) for v in values]))
    naive = get(results, "naive", "latency_ms", "median")
    if naive:
        lines.append(
            (
                "speed-up over naive, median (×)",
                [
                    fmt(naive / m if m else None, 1)
                    for m in (get(results, s, "latency_ms", "median") for s in systems)
                ],
            )
        )
    if cli is not None and "error" not in cli:
        cells = [""] * (len(systems) - 1) + [f"{cli['median_s']:.3f}"]
        lines.append(("`python -m bot ask`, median (s)", cells))
        cells = [""] * (len(systems) - 1) + [f"{cli['p95_s']:.3f}"]
        lines.append((f"  p95 of {cli['runs']} runs (s)", cells))
    width = max(len(label) for label, _ in lines) + 2
    print(f"\n{title}")
    print(" " * width + "".join(f"{s:>11}" for s in systems))
    for label, cells in lines:
        print(f"{label:<{width}}" + "".join(f"{c:>11}" for c in cells))


def check_parity(results: Results) -> tuple[bool, str]:
    """Our top-10 against rank-bm25's own, query by query; scores to 1e-9 relative."""
    mine = {tuple(q): hits for q, hits in results["ours"]["parity"]}
    bad = []
    for query, expected in results["naive"]["parity"]:
        got = mine.get(tuple(query))
        if got is None:
            bad.append(f"{query}: not run by ours")
            continue
        same = [d for d, _ in got] == [d for d, _ in expected] and all(
            math.isclose(s, e, rel_tol=1e-9) for (_, s), (_, e) in zip(got, expected, strict=True)
        )
        if not same:
            bad.append(f"{query}:\n    ours      {got}\n    rank-bm25 {expected}")
    total = len(results["naive"]["parity"])
    for line in bad[:5]:
        print(f"PARITY FAILURE {line}", file=sys.stderr)
    if bad:
        return False, f"DIFFERENT on {len(bad)} of {total} queries"
    return True, f"identical on all {total} queries (passages and order; scores within 1e-9)"


def targets(
    results: Results, cli: dict[str, Any] | None, size: int | None
) -> list[tuple[str, str, bool]]:
    """(what, measured against the target, met) for the issue's targets."""
    out: list[tuple[str, str, bool]] = []

    def at_most(what: str, value: float | None, limit: float, unit: str, digits: int = 2) -> None:
        if value is not None:
            out.append((what, f"{fmt(value, digits)} {unit} (≤ {limit:g} {unit})", value <= limit))

    if size == TARGET_SIZE and "ours" in results:
        at_most("answer latency, median", get(results, "ours", "latency_ms", "median"), 1, "ms", 3)
        at_most("answer latency, p95", get(results, "ours", "latency_ms", "p95"), 2, "ms", 3)
        ours = get(results, "ours", "latency_ms", "median")
        naive = get(results, "naive", "latency_ms", "median")
        if ours and naive:
            out.append(("speed-up over naive", f"{naive / ours:.0f}× (≥ 50×)", naive / ours >= 50))
        bm25s = get(results, "bm25s", "latency_ms", "median")
        if ours and bm25s:
            out.append(("faster than bm25s", f"{bm25s / ours:.1f}× (> 1×)", ours < bm25s))
        at_most("index build, incl. tokenizing", get(results, "ours", "build_s"), 3, "s")
        at_most("peak RSS", get(results, "ours", "peak_rss_mb"), 400, "MB", 0)
        at_most("cached index load", get(results, "ours", "cache", "load_s"), 0.5, "s", 3)
        at_most("event loop, longest gap", get(results, "ours", "stall", "max_gap_ms"), 50, "ms", 1)
    if cli is not None:
        if "error" in cli:
            out.append(("`python -m bot ask` runs", cli["error"], False))
        else:
            at_most("`python -m bot ask`, whole process, median", cli["median_s"], 0.4, "s", 3)
            out.append(
                (
                    "no discord import on that path",
                    "imports discord" if cli["imports_discord"] else "none",
                    not cli["imports_discord"],
                )
            )
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--sizes",
        default="packaged,10000,100000",
        help="'packaged' and/or passage counts, comma-separated",
    )
    parser.add_argument(
        "--questions", type=int, default=200, help="questions per corpus (default 200)"
    )
    parser.add_argument(
        "--systems", default=",".join(SYSTEMS), help="of naive,bm25s,ours (default: all)"
    )
    parser.add_argument(
        "--cli-runs", type=int, default=15, help="runs of `python -m bot ask` (default 15)"
    )
    parser.add_argument(
        "--work-dir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "verbatim-bench",
        help="generated corpora are cached here",
    )
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    args = parser.parse_args(argv)
    systems = [s for s in SYSTEMS if s in args.systems.split(",")]
    if "bm25s" in systems:
        try:
            import bm25s  # type: ignore[import-untyped]  # noqa: F401
        except ImportError:
            print(
                "note: bm25s is not installed (pip install -e '.[bench]'): skipped", file=sys.stderr
            )
            systems.remove("bm25s")
    sizes = [
        None if s.strip() == "packaged" else int(s.replace("_", ""))
        for s in args.sizes.split(",")
        if s.strip()
    ]

    print("Verbatim retrieval benchmark. BM25Plus, k1=1.2, b=0.5, delta=0.5 throughout:")
    print("naive = rank-bm25 get_scores + full sort; bm25s = bm25s BM25+; ours = Bm25Index.")
    for line in machine():
        print(line)
    print(f"load average at start: {load_average()} (other work on the machine inflates timings)")
    failures: list[str] = []
    missed: list[str] = []
    report: dict[str, Any] = {"machine": machine(), "sizes": {}}
    for size in sizes:
        if size is None:
            folder, what = None, "packaged corpus"
        else:
            start = time.perf_counter()
            folder = corpus_folder(size, args.work_dir)
            took = time.perf_counter() - start
            what = f"Python standard library documentation (ready in {took:.1f} s)"
        results = {
            system: run_worker(
                folder,
                system,
                args.questions,
                stall=system == "ours" and size is not None,
                cache=system == "ours",
                reference=system == "naive" and "ours" in systems,
            )
            for system in systems
        }
        cli = cli_timing(args.cli_runs) if size is None and args.cli_runs > 0 else None
        passages = next(iter(results.values()))["passages"]
        print_table(f"== {passages:,} passages: {what} ==", results, cli)
        if "ours" in results:
            ours = results["ours"]
            statuses = ", ".join(f"{n} {s}" for s, n in sorted(ours["statuses"].items()))
            rendering = "JSON + bot.terminal.render_answer" if ours["rendered"] else "JSON only"
            print(f"{args.questions} questions ({statuses}); latency = Engine.answer + {rendering}")
            if not ours["tokenizer_check"]:
                failures.append(
                    f"{passages:,} passages: the bulk tokenizer differs from tokenize()"
                )
            print(f"bulk tokenizer = tokenize() on sampled passages: {ours['tokenizer_check']}")
        if "ours" in results and "naive" in results:
            same, text = check_parity(results)
            print(f"parity, our top-10 vs rank-bm25 BM25Plus's own: {text}")
            if not same:
                failures.append(f"{passages:,} passages: parity with rank-bm25 {text}")
        checked = targets(results, cli, size)
        if checked:
            print("targets:")
        for what_, measured, ok in checked:
            print(f"  {'ok    ' if ok else 'MISSED'}  {what_}: {measured}")
            if not ok:
                missed.append(what_)
        for result in results.values():
            result.pop("parity", None)
        report["sizes"][str(size or "packaged")] = {"results": results, "cli": cli}
    print(f"\nload average at end: {load_average()}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    if missed:
        print(f"targets missed: {', '.join(missed)}", file=sys.stderr)
    return 1 if failures or (args.check and missed) else 0


if __name__ == "__main__":
    raise SystemExit(main())
