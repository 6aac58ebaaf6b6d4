"""A cached index is found again by the next process, not only by the one that wrote it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from retrieval.cache import code_fingerprint, load_or_build

TEXTS = ["Open-source models and the EU AI Act.", "The US executive order."]


def test_the_code_fingerprint_is_the_same_in_another_process() -> None:
    other = subprocess.run(
        [sys.executable, "-c", "from retrieval.cache import code_fingerprint as f; print(f())"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert other.stdout.strip() == code_fingerprint()


def test_another_process_reads_the_index_this_one_wrote(tmp_path: Path) -> None:
    load_or_build(TEXTS, "v1", tmp_path)
    written = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    script = (
        "import sys; from retrieval.cache import load_or_build\n"
        "def never():\n    raise SystemExit('the cache was not used')\n    yield ''\n"
        "load_or_build(never(), 'v1', sys.argv[1])\n"
    )
    subprocess.run([sys.executable, "-c", script, str(tmp_path)], check=True)
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == written
