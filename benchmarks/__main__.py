"""`python -m benchmarks`: index build, answer latency, start-up, memory and parity.

Every figure comes from this one run; each (corpus, system) is measured in a fresh
process (benchmarks/worker.py), one after another, so that ratios are fair, and so is each
start (benchmarks/startup.py). It ends with the README's table. Exit status 1 when our
hits differ from rank-bm25's on any call Engine made (always), or, with --check, when a
target of the issues is missed.
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
from benchmarks.worker import SETS

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


def run_worker(
    corpus: Path | None, system: str, questions: int, sets: str, stall: bool
) -> dict[str, Any]:
    command = [sys.executable, "-m", "benchmarks.worker", "--system", system]
    command += ["--questions", str(questions), "--sets", sets]
    if corpus is not None:
        command += ["--corpus", str(corpus)]
    if stall:
        command.append("--stall")
    env = {**os.environ, "VERBATIM_QUESTION_LOG": "off"}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"benchmark worker failed: {' '.join(command)}\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _resident(fd: int, size: int) -> int | None:
    """Bytes of an open file in the OS page cache (mincore on a mapping), None if unknown."""
    import ctypes
    import mmap

    libc = ctypes.CDLL(None, use_errno=True)
    libc.mmap.restype = ctypes.c_void_p
    libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int]
    libc.mmap.argtypes += [ctypes.c_int, ctypes.c_long]
    libc.mincore.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_void_p]
    libc.munmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
    address = libc.mmap(None, size, mmap.PROT_READ, mmap.MAP_SHARED, fd, 0)
    if address in (None, ctypes.c_void_p(-1).value):
        return None
    try:
        pages = (size + mmap.PAGESIZE - 1) // mmap.PAGESIZE
        vector = (ctypes.c_ubyte * pages)()
        if libc.mincore(address, size, vector) != 0:
            return None
        return sum(v & 1 for v in vector) * mmap.PAGESIZE
    finally:
        libc.munmap(address, size)


def evict(folders: Sequence[Path]) -> str:
    """Drop the files of `folders` from the OS page cache, where the OS allows it, so that
    the next process reads them from disk; says what was done, as measured by mincore."""
    if not hasattr(os, "posix_fadvise"):
        return "not possible here (no posix_fadvise): a warm disk cache"
    total = before = after = 0
    unknown = False
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            size = path.stat().st_size
            if not size:
                continue
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)  # dirty pages of a file just written cannot be dropped
                was = _resident(fd, size)
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                now = _resident(fd, size)
            except OSError as exc:
                return f"not permitted ({exc}): a warm disk cache"
            finally:
                os.close(fd)
            total += size
            if was is None or now is None:
                unknown = True
            else:
                before, after = before + was, after + now
    if unknown:
        return f"posix_fadvise(DONTNEED) on {total / 2**20:.0f} MB of files (residency unknown)"
    return (
        f"posix_fadvise(DONTNEED) on the corpus and cache files, {total / 2**20:.0f} MB: "
        f"{before / max(total, 1):.0%} in the page cache before, {after / max(total, 1):.0%} after"
    )


def start_once(corpus: Path | None, cache: Path, questions: list[str]) -> dict[str, Any]:
    command = [sys.executable, "-m", "benchmarks.startup", "--cache", str(cache)]
    if corpus is not None:
        command += ["--corpus", str(corpus)]
    command += ["--launched", repr(time.time())]
    done = subprocess.run([*command, "--", *questions], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"start-up run failed: {' '.join(command)}\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout)
    result["first_ms"] = result["first_s"] * 1000
    result["next_ms"] = None if result["next_s"] is None else result["next_s"] * 1000
    return result


def startup(corpus: Path | None, questions: list[str]) -> dict[str, Any]:
    """Start-up as the bot starts (corpus snapshot, cached index), and its first misspelt
    question: with an empty cache folder, from a cold disk cache, from a warm one."""
    with tempfile.TemporaryDirectory(prefix="verbatim-bench-start-") as folder:
        cache = Path(folder)
        out: dict[str, Any] = {"miss": start_once(corpus, cache, questions)}
        out["files_mb"] = sum(p.stat().st_size for p in cache.iterdir()) / 2**20
        out["eviction"] = evict([cache] + ([corpus] if corpus is not None else []))
        out["cold"] = start_once(corpus, cache, questions)
        warm = [start_once(corpus, cache, questions) for _ in range(3)]
        out["warm"] = sorted(warm, key=lambda r: float(r["ready_s"]))[1]
    return out


def cli_timing(runs: int) -> dict[str, Any]:
    """Whole-process wall time of `python -m bot ask "…"` on the packaged corpus, as a user
    runs it: the question logged, the corpus snapshot (in the data folder) written by the
    first, unmeasured run and read by the others.

    The first run also writes the bytecode of every module, as pip does at install time
    and Python at a user's first run. A shell with PYTHONDONTWRITEBYTECODE set would
    otherwise have every timed run compile our sources again, which no user's does; the
    bytecode goes to the temporary folder, not beside the sources."""
    with tempfile.TemporaryDirectory(prefix="verbatim-bench-cli-") as folder:
        env = {**os.environ, "VERBATIM_DATA_DIR": folder}
        env["PYTHONPYCACHEPREFIX"] = str(Path(folder) / "bytecode")
        for setting in ("VERBATIM_CORPUS", "VERBATIM_QUESTION_LOG", "PYTHONDONTWRITEBYTECODE"):
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
# A path ending in "a/b" shows two figures in one cell ("p50" is a summary's median).
ROWS: list[tuple[str, tuple[str, ...], int]] = [
    ("corpus load from YAML, not in the build (s)", ("load_s",), 2),
    ("tokenize (s)", ("tokenize_s",), 2),
    ("index build (s)", ("build_s",), 2),
    ("first misspelt question, index built here (s)", ("first_misspelt_s",), 2),
    *(
        (f"answer p50 / p95 (ms): {name}", ("sets", name, "latency_ms", "p50/p95"), 2)
        for name in SETS
    ),
    ("  retrieval only, derived (ms)", ("sets", "derived", "retrieve_ms", "p50/p95"), 2),
    ("RSS after corpus load (MB)", ("rss_loaded_mb",), 0),
    ("RSS after index build (MB)", ("rss_built_mb",), 0),
    ("peak RSS, answering (MB)", ("peak_rss_mb",), 0),
    ("longest GC pause, gen 2 (ms)", ("gc_max_ms",), 0),
    ("*start-up, cache miss: ready (s)", ("startup", "miss", "ready_s"), 2),
    ("*start-up, cold disk cache: ready (s)", ("startup", "cold", "ready_s"), 3),
    ("*  of which imports (s)", ("startup", "cold", "import_s"), 3),
    ("*  of which corpus snapshot (s)", ("startup", "cold", "corpus_s"), 3),
    ("*  of which index (s)", ("startup", "cold", "engine_s"), 3),
    ("*  of which first misspelt question (ms)", ("startup", "cold", "first_ms"), 1),
    ("*  whole process, to first answer (s)", ("startup", "cold", "process_s"), 2),
    ("*  next misspelt questions, median (ms)", ("startup", "cold", "next_ms"), 1),
    ("*start-up, warm disk cache: ready (s)", ("startup", "warm", "ready_s"), 3),
    ("*  of which corpus snapshot (s)", ("startup", "warm", "corpus_s"), 3),
    ("*  of which first misspelt question (ms)", ("startup", "warm", "first_ms"), 1),
    ("*cache files (MB)", ("startup", "files_mb"), 1),
    ("*misspelt word, old rule: p50 / p95 (µs)", ("spelling", "old", "p50_us/p95_us"), 0),
    ("*  speller (retrieval/spelling.py) (µs)", ("spelling", "new", "p50_us/p95_us"), 0),
    ("*  old rule: precision / recall (%)", ("spelling", "old", "precision/recall"), 1),
    ("*  speller: precision / recall (%)", ("spelling", "new", "precision/recall"), 1),
    ("*event loop, bot's Service: max gap (ms)", ("stall", "max_gap_ms"), 1),
    ("*  p99 gap (ms)", ("stall", "p99_gap_ms"), 1),
    ("*  longest GC pause meanwhile (ms)", ("stall", "gc_max_ms"), 1),
]


def cell(results: Results, system: str, path: tuple[str, ...], digits: int) -> str | None:
    if "/" in path[-1]:
        names = path[-1].replace("p50/", "median/").split("/")
        pair = [get(results, system, *path[:-1], name) for name in names]
        if pair[0] is None or pair[1] is None:
            return None
        if path[-1] == "precision/recall":
            pair = [100 * x for x in pair]
        return f"{fmt(pair[0], digits)} / {fmt(pair[1], digits)}"
    value = get(results, system, *path)
    return None if value is None else fmt(value, digits)


def table(results: Results, cli: dict[str, Any] | None) -> list[tuple[str, list[str]]]:
    systems = [s for s in SYSTEMS if s in results]
    lines: list[tuple[str, list[str]]] = []
    for label, path, digits in ROWS:
        only_ours = label.startswith("*")
        cells = [
            None if only_ours and s != "ours" else cell(results, s, path, digits) for s in systems
        ]
        if any(c is not None for c in cells):
            lines.append((label.lstrip("*"), [c or "—" for c in cells]))
    naive = get(results, "naive", "sets", "derived", "latency_ms", "median")
    if naive:
        lines.append(
            (
                "speed-up over naive, derived p50 (×)",
                [
                    fmt(naive / m if m else None, 0)
                    for m in (
                        get(results, s, "sets", "derived", "latency_ms", "median") for s in systems
                    )
                ],
            )
        )
    if cli is not None and "error" not in cli:
        blank = [""] * (len(systems) - 1)
        lines.append(("`python -m bot ask`, median (s)", [*blank, f"{cli['median_s']:.3f}"]))
        lines.append((f"  p95 of {cli['runs']} runs (s)", [*blank, f"{cli['p95_s']:.3f}"]))
    return lines


def print_table(title: str, results: Results, cli: dict[str, Any] | None) -> None:
    systems = [s for s in SYSTEMS if s in results]
    lines = table(results, cli)
    width = max(len(label) for label, _ in lines) + 2
    print(f"\n{title}")
    print(" " * width + "".join(f"{s:>16}" for s in systems))
    for label, cells in lines:
        print(f"{label:<{width}}" + "".join(f"{c:>16}" for c in cells))


def print_markdown(results: Results, cli: dict[str, Any] | None) -> None:
    """The README's table, from this run's figures, to paste as is."""
    systems = [s for s in SYSTEMS if s in results]
    print("| | " + " | ".join(systems) + " |")
    print("| --- |" + " --- |" * len(systems))
    for label, cells in table(results, None):
        print(f"| {label.strip()} | " + " | ".join(cells) + " |")
    if cli is not None and "error" not in cli:
        print(
            f"\n`python -m bot ask` on the packaged corpus: {cli['median_s']:.2f} s median, "
            f"{cli['p95_s']:.2f} s p95 of {cli['runs']} runs, as a whole process."
        )


def check_parity(results: Results) -> tuple[bool, str]:
    """Our hits against the naive index's (rank-bm25's own scores) for every `top` call
    Engine made in both: the same terms, k, jurisdiction boost and filter; scores to 1e-9."""
    mine = {(tuple(q), k, b, a): hits for q, k, b, a, hits in results["ours"]["parity"]}
    bad = []
    for query, k, boost, allowed, expected in results["naive"]["parity"]:
        got = mine.get((tuple(query), k, boost, allowed))
        if got is None:
            bad.append(f"{query} (k={k}): not run by ours")
            continue
        same = [d for d, _ in got] == [d for d, _ in expected] and all(
            math.isclose(s, e, rel_tol=1e-9) for (_, s), (_, e) in zip(got, expected, strict=True)
        )
        if not same:
            bad.append(f"{query} (k={k}):\n    ours  {got}\n    naive {expected}")
    total = len(results["naive"]["parity"])
    for line in bad[:5]:
        print(f"PARITY FAILURE {line}", file=sys.stderr)
    if bad:
        return False, f"DIFFERENT on {len(bad)} of {total} calls"
    boosted = sum(1 for call in results["naive"]["parity"] if call[2] != "-")
    return True, (
        f"identical on all {total} calls ({boosted} with a jurisdiction boost; passages and "
        "order; scores within 1e-9)"
    )


def targets(
    results: Results, cli: dict[str, Any] | None, size: int | None
) -> list[tuple[str, str, bool]]:
    """(what, measured against the target, met) for the issues' targets."""
    out: list[tuple[str, str, bool]] = []

    def at_most(what: str, value: float | None, limit: float, unit: str, digits: int = 2) -> None:
        if value is not None:
            out.append((what, f"{fmt(value, digits)} {unit} (≤ {limit:g} {unit})", value <= limit))

    def latency(name: str, which: str) -> float | None:
        return get(results, "ours", "sets", name, "latency_ms", which)

    if size == TARGET_SIZE and "ours" in results:
        at_most("answer latency, derived, p50", latency("derived", "median"), 1, "ms", 3)
        at_most("answer latency, derived, p95", latency("derived", "p95"), 2, "ms", 3)
        at_most("answer latency, 30 % typos, p50", latency("typos", "median"), 1, "ms", 3)
        at_most("answer latency, 30 % typos, p95", latency("typos", "p95"), 2, "ms", 3)
        ours = latency("derived", "median")
        naive = get(results, "naive", "sets", "derived", "latency_ms", "median")
        if ours and naive:
            out.append(("speed-up over naive", f"{naive / ours:.0f}× (≥ 50×)", naive / ours >= 50))
        bm25s = get(results, "bm25s", "sets", "derived", "latency_ms", "median")
        if ours and bm25s:
            out.append(("faster than bm25s", f"{bm25s / ours:.1f}× (> 1×)", ours < bm25s))
        at_most("index build, incl. tokenizing", get(results, "ours", "build_s"), 3, "s")
        at_most("peak RSS", get(results, "ours", "peak_rss_mb"), 400, "MB", 0)
        at_most(
            "start-up to the first answer, cold disk cache",
            get(results, "ours", "startup", "cold", "ready_s"),
            1,
            "s",
            3,
        )
        at_most(
            "cached index load, cold disk cache",
            get(results, "ours", "startup", "cold", "engine_s"),
            0.5,
            "s",
            3,
        )
        at_most(
            "first misspelt question after start",
            get(results, "ours", "startup", "cold", "first_ms"),
            50,
            "ms",
            1,
        )
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
    largest: tuple[int, Results] | None = None
    packaged_cli: dict[str, Any] | None = None
    for size in sizes:
        began = time.perf_counter()
        if size is None:
            folder, what = None, "packaged corpus"
        else:
            start = time.perf_counter()
            folder = corpus_folder(size, args.work_dir)
            took = time.perf_counter() - start
            what = f"Python standard library documentation (ready in {took:.1f} s)"
        results = {
            # The naive index takes 0.1-0.2 s a question at 100,000 passages: it answers
            # the derived and typo sets only, which the parity check then covers.
            system: run_worker(
                folder,
                system,
                args.questions,
                sets=",".join(SETS if system != "naive" else ("derived", "typos")),
                stall=system == "ours" and size is not None,
            )
            for system in systems
        }
        if "ours" in results:
            asked = results["ours"]["startup_questions"]
            results["ours"]["startup"] = startup(folder, asked["typos"])
        cli = cli_timing(args.cli_runs) if size is None and args.cli_runs > 0 else None
        passages = next(iter(results.values()))["passages"]
        took = time.perf_counter() - began
        print_table(f"== {passages:,} passages: {what}; measured in {took:.0f} s ==", results, cli)
        if "ours" in results:
            ours = results["ours"]
            rendering = "JSON + bot.terminal.render_answer" if ours["rendered"] else "JSON only"
            print(f"latency = Engine.answer + {rendering}; {args.questions} questions a set:")
            for name, figures in ours["sets"].items():
                statuses = ", ".join(f"{n} {s}" for s, n in sorted(figures["statuses"].items()))
                print(f"  {name}: {statuses}; {figures['corrected']} with a spelling suggestion")
            print(f"start-up from a cold disk cache: {ours['startup']['eviction']}")
            spelling = ours["spelling"]
            print(
                f"spelling: {spelling['typos']} misspellings (a swap, a letter dropped, added or "
                f"replaced) of the corpus's {spelling['words']:,} words of 4+ letters; speller "
                f"= old rule on every one: {spelling['same']}"
            )
            if not spelling["same"]:
                failures.append(f"{passages:,} passages: the speller differs from the old rule")
            if not ours["tokenizer_check"]:
                failures.append(
                    f"{passages:,} passages: the bulk tokenizer differs from tokenize()"
                )
            print(f"bulk tokenizer = tokenize() on sampled passages: {ours['tokenizer_check']}")
        if "ours" in results and "naive" in results:
            same, text = check_parity(results)
            print(f"parity, our hits vs the naive index's (rank-bm25's scores): {text}")
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
        if size is not None and size == max(x or 0 for x in sizes):
            largest = (passages, results)
        packaged_cli = cli if cli is not None else packaged_cli
    print(f"\nload average at end: {load_average()}")
    if largest is not None:
        command = " ".join(["python -m benchmarks", *(argv if argv is not None else sys.argv[1:])])
        print(f"\nREADME table: `{command.strip()}`, {machine()[0]}, at {largest[0]:,} passages")
        print_markdown(largest[1], packaged_cli)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    if missed:
        print(f"targets missed: {', '.join(missed)}", file=sys.stderr)
    return 1 if failures or (args.check and missed) else 0


if __name__ == "__main__":
    raise SystemExit(main())
