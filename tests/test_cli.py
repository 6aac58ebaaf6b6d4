"""The command line as a person and a script use it (subprocesses, like the README)."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import contract


def run(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None, tmp: Path
) -> subprocess.CompletedProcess[str]:
    full_env = {
        **os.environ,
        "VERBATIM_DATA_DIR": str(tmp / "data"),
        "DISCORD_TOKEN": "",
        # The terminal wraps at $COLUMNS when it is set (pytest-xdist's workers set 80);
        # the expected lines below are wrapped for the width a pipe gets without it.
        "COLUMNS": "88",
        **(env or {}),
    }
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=60,
        cwd=tmp,
    )


def test_ask_prints_quotes_then_citations(tmp_path: Path) -> None:
    result = run("ask", "What does the EU AI Act exempt?", tmp=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "exempts open-source models and developers" in out
    assert "— Open-Source AI: A Regulatory Review › Current Regulatory Policies › The EU" in out
    assert out.index("exempts open-source") < out.index("— Open-Source AI")


def test_ask_json_reads_stdin_line_by_line_in_order(tmp_path: Path) -> None:
    questions = ["What is RLHF?", "", "asdfgh", "What about the UK?", "What does Chian do?"]
    result = run("ask", "--json", stdin="\n".join(questions) + "\n", tmp=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = contract.check_lines(result.stdout)
    assert [r["question"] for r in rows] == [*questions[:4], "What does Chian do?"]
    assert [r["status"] for r in rows] == [
        "answered",
        "invalid",
        "no_answer",
        "no_answer",
        "answered",
    ]
    assert rows[4]["suggestions"] == ["What does China do?"]
    assert rows[3]["uncovered"] == ["the UK"] and rows[3]["quotes"] == []


def test_ask_json_one_question_and_jurisdiction_filter(tmp_path: Path) -> None:
    result = run("ask", "--json", "--jurisdiction", "china", "open source", tmp=tmp_path)
    (data,) = contract.check_lines(result.stdout)
    assert data["status"] == "answered"
    assert all("China" in q["jurisdictions"] for q in data["quotes"])


def test_bad_jurisdiction_is_a_usage_error(tmp_path: Path) -> None:
    result = run("ask", "--jurisdiction", "mars", "x", tmp=tmp_path)
    assert result.returncode == 2 and "choose us, eu or china" in result.stderr


def test_the_cli_path_imports_neither_discord_nor_asyncio(tmp_path: Path) -> None:
    """Both cost start-up time that `python -m bot ask` does not need (asyncio some 40 ms)."""
    code = (
        "import sys; from bot.__main__ import main; main(['ask', '--json', 'open weights']); "
        "print('discord' in sys.modules or 'asyncio' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "VERBATIM_DATA_DIR": str(tmp_path)},
        timeout=60,
    )
    assert result.stdout.strip().splitlines()[-1] == "False", result.stderr


def test_no_arguments_without_a_token_starts_the_chat_and_says_why(tmp_path: Path) -> None:
    result = run(stdin="What is RLHF?\n/china\n/more\n", tmp=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "DISCORD_TOKEN is not set" in result.stdout
    assert "Reinforcement Learning by Human Feedback" in result.stdout
    assert "no mention of open-source models" in result.stdout


EU_1 = "“The EU AI Act states that open-sourcing can increase innovation and economic"
CHINA_FINDING = "Finding: the review found no mention of open-source models in China's regulations."


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (
            ["jurisdiction", "eu"],
            [
                "== EU: what the review says about the EU ==",
                "Policy:",
                f"  {EU_1}",
                "      [osai.policy.eu.1]",
            ],
        ),
        (
            ["compare"],
            [
                "== US: what the review says about the US ==",
                "      [osai.policy.us.1]",
                "== EU: what the review says about the EU ==",
                "      [osai.policy.eu.1]",
                "== China: what the review says about China ==",
                CHINA_FINDING,
                "      [osai.policy.china.1]",
            ],
        ),
        (
            ["sources"],
            [
                "* Llama 2: Open Foundation and Fine-Tuned Chat Models (Touvron et al., Meta,"
                " 2023-07)  [meta_llama2]",
                "  https://arxiv.org/abs/2307.09288",
            ],
        ),
        (
            ["passage", "osai.policy.eu.1"],
            [
                f"  {EU_1}",
                "      [osai.policy.eu.1]",
                "  (passage 23 of 29; previous: osai.policy.us.1; next: osai.policy.eu.2)",
            ],
        ),
        (["eval", "--file", "regression"], ["== regression"]),
    ],
    ids=["jurisdiction", "compare", "sources", "passage", "eval"],
)
def test_each_command_prints_what_it_is_for(
    tmp_path: Path, command: list[str], expected: list[str]
) -> None:
    result = run(*command, tmp=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    # Each expected line, in this order.
    at = 0
    for line in expected:
        assert line in lines[at:], f"{line!r} missing (or out of order) in:\n{result.stdout}"
        at = lines.index(line, at) + 1


def test_sources_lists_every_source_of_the_corpus(tmp_path: Path) -> None:
    out = run("sources", tmp=tmp_path).stdout
    assert sum(line.startswith("* ") for line in out.splitlines()) == 12


def test_eval_prints_each_figure_of_the_set(tmp_path: Path) -> None:
    out = run("eval", "--file", "regression", tmp=tmp_path).stdout
    figure = r"\d+(?:\.\d+)?"
    assert re.search(
        rf"^  all +questions 60  hit@1 {figure}  hit@3 {figure}  mrr {figure}  false_declines "
        rf"\d+  offtopic_decline_rate {figure}  near_miss_handled {figure}  "
        rf"confident_when_right {figure}$",
        out,
        re.MULTILINE,
    ), out


def test_eval_misses_never_print_a_measured_only_set(tmp_path: Path) -> None:
    out = run("eval", "--file", "elsewhere", "--misses", tmp=tmp_path).stdout
    assert "== elsewhere" in out and "style about_a_work" in out
    assert "miss:" not in out


def test_jurisdiction_json_for_china_is_not_covered(tmp_path: Path) -> None:
    data = json.loads(run("jurisdiction", "china", "--json", tmp=tmp_path).stdout)
    assert data["finding"] == "no_mention" and data["covered"] is False


def test_a_broken_corpus_names_file_line_and_field(tmp_path: Path) -> None:
    import shutil

    from corpus.load import PACKAGED_CORPUS

    broken = tmp_path / "corpus"
    shutil.copytree(PACKAGED_CORPUS, broken)
    path = broken / "documents" / "osai.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "section: osai.policy.eu\n", "section: osai.policy.eux\n", 1
    )
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  section: osai.policy.eux") + 1
    result = run("ask", "--corpus", str(broken), "x", tmp=tmp_path)
    assert result.returncode == 1
    assert (
        f"osai.yaml:{line}: passages[" in result.stderr
        and ".section: unknown section 'osai.policy.eux'" in result.stderr
    )
    assert "Traceback" not in result.stderr


def _bare_env(home: Path) -> dict[str, str]:
    """The environment minus every Verbatim setting, with a home and XDG folders of its own."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("VERBATIM_", "XDG_")) and k != "DISCORD_TOKEN"
    }
    return {**env, "HOME": str(home), "XDG_DATA_HOME": str(home / "share")}


def test_ask_logs_where_dotenv_in_the_working_folder_says(tmp_path: Path) -> None:
    work, data = tmp_path / "work", tmp_path / "from-dotenv"
    work.mkdir()
    (work / ".env").write_text(f"VERBATIM_DATA_DIR={data}\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "What is RLHF?"],
        capture_output=True,
        text=True,
        env=_bare_env(tmp_path / "home"),
        cwd=work,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert (data / "verbatim.sqlite3").is_file()
    assert sorted(p.name for p in work.iterdir()) == [".env"]


def test_ask_with_nothing_set_writes_nothing_into_the_working_folder(tmp_path: Path) -> None:
    work, home = tmp_path / "work", tmp_path / "home"
    work.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "What is RLHF?"],
        capture_output=True,
        text=True,
        env=_bare_env(home),
        cwd=work,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert list(work.iterdir()) == []
    assert (home / "share" / "verbatim" / "verbatim.sqlite3").is_file()


def run_bytes(*args: str, stdin: bytes, tmp: Path) -> subprocess.CompletedProcess[bytes]:
    """As `run`, with standard input as raw bytes (what a pipe can hold, UTF-8 or not)."""
    env = {**os.environ, "VERBATIM_DATA_DIR": str(tmp / "data"), "DISCORD_TOKEN": ""}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        env=env,
        timeout=60,
        cwd=tmp,
    )


def test_bytes_that_are_not_utf8_on_stdin_still_get_a_json_answer(tmp_path: Path) -> None:
    # `printf 'What is RLHF? \xff\n' | python -m bot ask --json` once ended in a traceback
    # from the question log's insert, with no JSON line.
    result = run_bytes("ask", "--json", stdin=b"What is RLHF? \xff\n\xfe\xff\x80\n", tmp=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    first, second = contract.check_lines(result.stdout.decode("utf-8"))
    assert first["question"] == "What is RLHF?"
    assert first["status"] == "answered"
    assert second["question"] == "" and second["status"] == "invalid"
    # And the question was logged, cleaned.
    with sqlite3.connect(tmp_path / "data" / "verbatim.sqlite3") as conn:
        texts = [t for (t,) in conn.execute("SELECT text FROM questions ORDER BY id")]
    assert texts == ["What is RLHF?", ""]


def test_ask_closes_its_question_log(tmp_path: Path) -> None:
    """Closed by the command, not left to the exit: no write-ahead log is left behind."""
    for question in ("What does the EU AI Act exempt?", "What about the UK?"):
        assert run("ask", question, tmp=tmp_path).returncode == 0
    data = tmp_path / "data"
    assert not list(data.glob("verbatim.sqlite3-*"))
    with sqlite3.connect(data / "verbatim.sqlite3") as conn:
        assert conn.execute("SELECT count(*) FROM questions").fetchone() == (2,)


# Each example is a whole process (some 0.3 s): a few dozen are enough to cover bytes the
# decoder rejects, NUL and lone continuation bytes. No CR: standard input reads it as the end
# of a line (universal newlines), so a line holding one is two questions.
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.binary(min_size=1, max_size=40).filter(lambda b: b"\n" not in b and b"\r" not in b),
        min_size=1,
        max_size=3,
    )
)
def test_any_bytes_on_stdin_give_one_json_answer_per_line(
    tmp_path: Path, lines: list[bytes]
) -> None:
    result = run_bytes("ask", "--json", stdin=b"\n".join(lines) + b"\n", tmp=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    rows = contract.check_lines(result.stdout.decode("utf-8"))
    assert len(rows) == len(lines)
