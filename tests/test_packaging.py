"""The README's promises, the container and the CLI report: checked from the repo's files."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests import contract
from tests.test_cli import run

ROOT = Path(__file__).resolve().parent.parent


def test_the_image_installs_exactly_as_the_readme_says() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "pip install . && python -m bot" in readme
    assert re.search(r"^RUN pip install \.$", dockerfile, re.MULTILINE)
    assert re.search(r'^CMD \["python", "-m", "bot"\]$', dockerfile, re.MULTILINE)


def test_the_image_runs_as_a_non_root_user_with_an_init_and_a_real_healthcheck() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3\.\d+-slim AS build$", dockerfile, re.MULTILINE)
    assert re.search(r"^USER verbatim$", dockerfile, re.MULTILINE)
    assert 'ENTRYPOINT ["tini", "--"]' in dockerfile
    assert 'CMD ["python", "-m", "bot", "health"]' in dockerfile
    assert 'VOLUME ["/data"]' in dockerfile and "VERBATIM_DATA_DIR=/data" in dockerfile
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".git", ".env", "data"} <= set(ignored)


def test_compose_mounts_the_data_volume_and_needs_a_token() -> None:
    compose = (ROOT / "compose.yaml").read_text(encoding="utf-8")
    assert "verbatim-data:/data" in compose
    assert "DISCORD_TOKEN: ${DISCORD_TOKEN:?" in compose


def test_the_ci_script_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert 'pip install ".[test]" && python -m pytest' in readme
    assert 'pip install --quiet ".[test]"' in ci and "\npython -m pytest" in ci


def test_the_packaged_corpus_ships_with_the_package() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'corpus = ["data/*.yaml", "data/documents/*.yaml"]' in pyproject


def test_report_prints_what_was_asked(tmp_path: Path) -> None:
    questions = "What is the capital of France?\nwhat is the capital of france\nWhat is RLHF?\n"
    asked = run("ask", "--json", stdin=questions, tmp=tmp_path)
    assert asked.returncode == 0, asked.stderr
    assert [r["status"] for r in contract.check_lines(asked.stdout)] == [
        "no_answer",
        "no_answer",
        "answered",
    ]
    result = run("report", "--since", "7d", tmp=tmp_path)
    assert result.returncode == 0, result.stderr
    # The two spellings of one unanswered question are one row, counted twice ("2" alone was
    # always somewhere in the report: its header holds the year).
    assert re.search(
        r"^ +2 +capit franc +what is the capital of france$", result.stdout, re.MULTILINE | re.I
    ), result.stdout
    assert "osai.effects.10" in result.stdout  # the RLHF answer's passage, most quoted
    bad = run("report", "--since", "soon", tmp=tmp_path)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_health_is_unhealthy_without_a_running_bot(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "health"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "VERBATIM_DATA_DIR": str(tmp_path)},
    )
    assert result.returncode == 1 and "no heartbeat" in result.stdout


def test_eval_runs_from_an_installed_wheel_outside_the_repository(tmp_path: Path) -> None:
    """Issue 11: `python -m bot eval` outside the repository once ended in a traceback.
    Installed as a user would (`pip install`, not editable), run from elsewhere."""
    site = tmp_path / "site"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site),
         str(ROOT)],
        capture_output=True, text=True, timeout=600, cwd=tmp_path,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr
    # The installed copy comes first on the path (checked below), the repository is not
    # the working folder, so its files cannot be what `eval` reads.
    env = {**os.environ, "VERBATIM_DATA_DIR": str(tmp_path / "data")}
    result = subprocess.run(
        [sys.executable, "-c",
         f"import sys; sys.path.insert(0, {str(site)!r}); "
         "import runpy, bot, retrieval; assert retrieval.__file__.startswith("
         f"{str(site)!r}), retrieval.__file__; assert bot.__file__.startswith("
         f"{str(site)!r}), bot.__file__; "
         "sys.argv = ['bot', 'eval', '--file', 'regression']; "
         "runpy.run_module('bot', run_name='__main__')"],
        capture_output=True, text=True, timeout=300, cwd=tmp_path, env=env,
    )  # fmt: skip
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stderr
    assert "== regression" in result.stdout
