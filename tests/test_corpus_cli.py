"""`python -m corpus add | validate | stats`, run as a user would: in a subprocess."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from corpus.load import PACKAGED_CORPUS, load_corpus

OK_LINE = re.compile(r"^ok: (\d+) documents, (\d+) passages, (\d+) sources, version [0-9a-f]{12}$")


def run(
    *args: str | Path, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k != "VERBATIM_CORPUS"}
    return subprocess.run(
        [sys.executable, "-m", "corpus", *map(str, args)],
        capture_output=True,
        text=True,
        env={**base, **(env or {})},
        cwd=cwd,
        timeout=120,
        check=False,
    )


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr + result.stdout, result.stderr


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "corpus"
    shutil.copytree(PACKAGED_CORPUS, copy)
    return copy


@pytest.fixture
def broken(corpus_copy: Path) -> tuple[Path, Path, int]:
    """A corpus copy with one passage in an unknown section: (corpus, file, line)."""
    path = corpus_copy / "documents" / "osai.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.strip() == "section: osai.intro")
    lines[index] = lines[index].replace("osai.intro", "osai.nowhere")
    path.write_text("".join(lines), encoding="utf-8")
    return corpus_copy, path, index + 1


# --- validate ---------------------------------------------------------------------------


def test_validate_the_packaged_corpus() -> None:
    result = run("validate")
    assert result.returncode == 0, result.stderr
    match = OK_LINE.match(result.stdout.strip())
    assert match, result.stdout
    corpus = load_corpus(PACKAGED_CORPUS)
    assert int(match.group(1)) == len(corpus.documents)
    assert int(match.group(2)) == len(corpus.entries)
    assert int(match.group(3)) == len(corpus.sources)
    assert corpus.version in result.stdout


@pytest.mark.parametrize("how", ["positional", "option", "env"])
def test_validate_a_copy(corpus_copy: Path, how: str) -> None:
    args, env = {
        "positional": ((corpus_copy,), None),
        "option": (("--corpus", corpus_copy), None),
        "env": ((), {"VERBATIM_CORPUS": str(corpus_copy)}),
    }[how]
    result = run("validate", *args, env=env)
    assert result.returncode == 0, result.stderr
    assert OK_LINE.match(result.stdout.strip())


@pytest.mark.parametrize("how", ["positional", "option", "env"])
def test_validate_reports_file_line_field(broken: tuple[Path, Path, int], how: str) -> None:
    root, path, line = broken
    args, env = {
        "positional": ((root,), None),
        "option": (("--corpus", root), None),
        "env": ((), {"VERBATIM_CORPUS": str(root)}),
    }[how]
    result = run("validate", *args, env=env)
    assert result.returncode == 1
    assert result.stdout == ""
    no_traceback(result)
    problems = [p for p in result.stderr.splitlines() if "osai.yaml" in p]
    assert problems == [f"{path}:{line}: passages[0].section: unknown section 'osai.nowhere'"], (
        result.stderr
    )


def test_validate_reports_every_problem(corpus_copy: Path) -> None:
    (corpus_copy / "documents" / "zz.yaml").write_text("id: [\n", encoding="utf-8")
    (corpus_copy / "lexicon.yaml").write_bytes(b"jurisdictions: \xff\n")
    result = run("validate", corpus_copy)
    assert result.returncode == 1
    no_traceback(result)
    assert re.search(r"zz\.yaml:\d+: malformed YAML", result.stderr)
    assert re.search(r"lexicon\.yaml:1: not UTF-8 \(byte 0xff\)", result.stderr)


def test_validate_labels_are_relative_to_the_working_folder(broken: tuple[Path, Path, int]) -> None:
    root, _, line = broken
    result = run("validate", "corpus", cwd=root.parent)
    assert result.returncode == 1
    assert f"corpus/documents/osai.yaml:{line}: passages[0].section" in result.stderr


def test_validate_a_missing_folder(tmp_path: Path) -> None:
    result = run("validate", tmp_path / "nowhere")
    assert result.returncode == 1
    no_traceback(result)
    assert "corpus folder does not exist" in result.stderr.splitlines()[0]


def test_the_env_is_ignored_when_a_folder_is_given(broken: tuple[Path, Path, int]) -> None:
    root, _, _ = broken
    result = run("validate", PACKAGED_CORPUS, env={"VERBATIM_CORPUS": str(root)})
    assert result.returncode == 0, result.stderr


def test_two_different_folders_is_a_usage_error(corpus_copy: Path) -> None:
    result = run("validate", corpus_copy, "--corpus", PACKAGED_CORPUS)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1


# --- stats ------------------------------------------------------------------------------


# The packaged corpus's figures, stated (counted by hand from corpus/data, not by the rules
# the stats command uses); change them with the corpus.
OSAI = {
    "id": "osai",
    "title": "Open-Source AI: A Regulatory Review",
    "sections": 7,
    "passages": 29,
    "review": 24,
    "excerpt": 5,
    "words": 1332,
    "gaps": 4,
}
JURISDICTIONS = {"US": 2, "EU": 5, "China": 2, "untagged": 22}
SOURCES = {"total": 12, "cited": 12, "uncited": [], "unconfirmed_url": 4}


def test_stats_text() -> None:
    result = run("stats")
    assert result.returncode == 0, result.stderr
    version = load_corpus(PACKAGED_CORPUS).version
    assert result.stdout.splitlines()[1:] == [
        "osai: Open-Source AI: A Regulatory Review",
        "  7 sections, 29 passages (24 review, 5 excerpt), 1,332 words, 4 gaps",
        "passages by jurisdiction (tagged or inherited from a section): "
        "US 2, EU 5, China 2, untagged 22",
        "sources: 12, 12 cited, 4 with an unconfirmed URL",
        f"version {version}",
    ]


def test_stats_json_matches_the_corpus(corpus_copy: Path) -> None:
    result = run("stats", "--json", "--corpus", corpus_copy)
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    assert stats["version"] == load_corpus(corpus_copy).version
    assert stats["documents"] == [OSAI]
    assert stats["passages"] == 29
    assert stats["jurisdictions"] == JURISDICTIONS
    assert stats["sources"] == SOURCES


def test_stats_counts_a_new_uncited_source(corpus_copy: Path) -> None:
    path = corpus_copy / "sources.yaml"
    path.write_text(
        path.read_text(encoding="utf-8") + "\n  - id: nobody_cites_me\n    title: Lonely\n",
        encoding="utf-8",
    )
    stats = json.loads(run("stats", corpus_copy, "--json").stdout)
    assert "nobody_cites_me" in stats["sources"]["uncited"]
    assert "not cited by any passage: " in run("stats", corpus_copy).stdout


def test_stats_on_a_broken_corpus(broken: tuple[Path, Path, int]) -> None:
    root, _, line = broken
    result = run("stats", "--json", root)
    assert result.returncode == 1
    assert result.stdout == ""
    no_traceback(result)
    assert f"osai.yaml:{line}: passages[0].section" in result.stderr


# --- add --------------------------------------------------------------------------------

MARKDOWN = """\
# Rules

Intro words [LW · GW].

## Europe

The act exempts *open* models.

> Free and open-source licences are exempt.
"""


def test_add(tmp_path: Path, corpus_copy: Path) -> None:
    source = tmp_path / "rules.md"
    source.write_text(MARKDOWN, encoding="utf-8")
    result = run("add", source, "--id", "rules", "--title", "Rules", "--corpus", corpus_copy)
    assert result.returncode == 0, result.stderr
    written = corpus_copy / "documents" / "rules.yaml"
    out = result.stdout
    assert f"wrote {written}: 2 sections, 3 passages" in out
    assert "rules.europe.2" in out and "kind: excerpt" in out  # the block-quote hint
    assert "jurisdictions" in out and "cites" in out  # the reminder
    assert OK_LINE.match(out.strip().splitlines()[-1])
    assert written.read_text(encoding="utf-8").startswith(
        "# Generated by `corpus add` from rules.md."
    )
    corpus = load_corpus(corpus_copy)
    assert corpus.by_id["rules.introduction.1"].text == "Intro words."
    assert run("validate", corpus_copy).returncode == 0


def test_add_uses_the_env_folder(tmp_path: Path, corpus_copy: Path) -> None:
    source = tmp_path / "notes.txt"
    source.write_text("Notes\n\nA plain paragraph.\n", encoding="utf-8")
    env = {"VERBATIM_CORPUS": str(corpus_copy)}
    result = run("add", source, "--id", "notes", "--title", "My notes", env=env)
    assert result.returncode == 0, result.stderr
    assert (corpus_copy / "documents" / "notes.yaml").exists()
    assert not (PACKAGED_CORPUS / "documents" / "notes.yaml").exists()


def test_add_refuses_to_overwrite(tmp_path: Path, corpus_copy: Path) -> None:
    source = tmp_path / "rules.md"
    source.write_text(MARKDOWN, encoding="utf-8")
    args = ("add", source, "--id", "rules", "--title", "Rules", "--corpus", corpus_copy)
    assert run(*args).returncode == 0
    again = run(*args)
    assert again.returncode == 1
    assert again.stderr.strip().splitlines() == [
        f"error: {corpus_copy / 'documents' / 'rules.yaml'} already exists; "
        "pass --force to overwrite it"
    ]
    forced = run(*args, "--force")
    assert forced.returncode == 0, forced.stderr
    assert forced.stdout.startswith("replaced ")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "file is empty"),
        (b"caf\xe9\n", "not UTF-8 (byte 0xe9)"),
    ],
)
def test_add_bad_input_is_one_line(
    tmp_path: Path, corpus_copy: Path, content: bytes, message: str
) -> None:
    source = tmp_path / "input.txt"
    source.write_bytes(content)
    result = run("add", source, "--id", "x", "--title", "X", "--corpus", corpus_copy)
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: ") and "input.txt" in line and message in line
    assert not (corpus_copy / "documents" / "x.yaml").exists()


def test_add_a_document_that_breaks_the_corpus(tmp_path: Path, corpus_copy: Path) -> None:
    squatter = "id: other\ntitle: O\nsections:\n- id: new.introduction\n  title: T\n"
    squatter += "passages:\n- id: other.1\n  section: new.introduction\n  text: W.\n"
    (corpus_copy / "documents" / "other.yaml").write_text(squatter, encoding="utf-8")
    source = tmp_path / "new.md"
    source.write_text("Words.\n", encoding="utf-8")
    result = run("add", source, "--id", "new", "--title", "New", "--corpus", corpus_copy)
    assert result.returncode == 1
    no_traceback(result)
    assert "removed it" in result.stderr
    assert "duplicate id 'new.introduction'" in result.stderr
    assert not (corpus_copy / "documents" / "new.yaml").exists()


@pytest.mark.parametrize(
    "args",
    [
        ("add", "x.md", "--title", "T"),  # no --id
        ("add", "x.md", "--id", "Bad-Id", "--title", "T"),
        ("add", "x.md", "--id", "ok"),  # no --title
        ("frobnicate",),
        (),
        ("stats", "--yaml"),
    ],
)
def test_usage_errors(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.returncode == 2
    no_traceback(result)
    [line] = result.stderr.strip().splitlines()
    assert "error:" in line


def test_bad_id_says_what_is_allowed() -> None:
    result = run("add", "x.md", "--id", "Bad-Id", "--title", "T")
    assert "invalid document id 'Bad-Id'" in result.stderr
    assert "lower-case letters, digits and _" in result.stderr


@pytest.mark.parametrize("command", [(), ("add",), ("validate",), ("stats",)])
def test_help(command: tuple[str, ...]) -> None:
    result = run(*command, "--help")
    assert result.returncode == 0
    assert "usage: python -m corpus" in result.stdout


# --- init, remove -------------------------------------------------------------------------


def test_init_makes_a_valid_empty_corpus(tmp_path: Path) -> None:
    root = tmp_path / "mine"
    result = run("init", root)
    assert result.returncode == 0, result.stderr
    assert (root / "documents").is_dir()
    assert "how readers name" in (root / "lexicon.yaml").read_text(encoding="utf-8").lower()
    corpus = load_corpus(root, snapshots=False, allow_empty=True)
    assert set(corpus.lexicon.jurisdictions) == {"US", "EU", "China"}
    assert corpus.sources == {}
    validated = run("validate", root)
    assert validated.returncode == 0, validated.stderr
    assert OK_LINE.match(validated.stdout.strip())
    assert validated.stdout.startswith("ok: 0 documents, 0 passages, 0 sources")
    assert run("stats", root).returncode == 0


def test_init_never_overwrites(tmp_path: Path, corpus_copy: Path) -> None:
    before = (corpus_copy / "lexicon.yaml").read_bytes()
    result = run("init", corpus_copy)
    assert result.returncode == 1
    no_traceback(result)
    assert result.stderr.count("\n") == 1 and "already exists" in result.stderr
    assert (corpus_copy / "lexicon.yaml").read_bytes() == before


@pytest.mark.parametrize("made", ["nothing", "documents only"])
def test_add_to_a_folder_that_is_not_a_corpus_says_init(tmp_path: Path, made: str) -> None:
    root = tmp_path / "mine"
    if made == "documents only":
        (root / "documents").mkdir(parents=True)
    (tmp_path / "a.md").write_text("Hello.\n", encoding="utf-8")
    result = run("add", tmp_path / "a.md", "--id", "a", "--title", "A", "--corpus", root)
    assert result.returncode == 1
    no_traceback(result)
    assert result.stderr.count("\n") == 1
    assert f"python -m corpus init {root}" in result.stderr


def test_init_add_remove(tmp_path: Path) -> None:
    root = tmp_path / "mine"
    assert run("init", root).returncode == 0
    (tmp_path / "a.md").write_text("# Part\n\nHello.\n\nAgain.\n", encoding="utf-8")
    added = run("add", tmp_path / "a.md", "--id", "a", "--title", "A", "--corpus", root)
    assert added.returncode == 0, added.stderr
    assert load_corpus(root, snapshots=False).by_id.keys() == {"a.part.1", "a.part.2"}
    removed = run("remove", "a", "--corpus", root)
    assert removed.returncode == 0, removed.stderr
    assert "removed" in removed.stdout and "(2 passages)" in removed.stdout
    assert not list((root / "documents").iterdir())
    again = run("remove", "a", "--corpus", root)
    assert again.returncode == 1
    assert again.stderr.strip() == f"error: no document 'a' in {root / 'documents'}"


def test_remove_finds_a_document_by_its_declared_id(corpus_copy: Path) -> None:
    osai = corpus_copy / "documents" / "osai.yaml"
    osai.rename(corpus_copy / "documents" / "review.yaml")
    result = run("remove", "osai", "--corpus", corpus_copy)
    assert result.returncode == 0, result.stderr
    assert not (corpus_copy / "documents" / "review.yaml").exists()


def test_remove_from_an_invalid_corpus_removes_nothing(broken: tuple[Path, Path, int]) -> None:
    root, path, _ = broken
    result = run("remove", "osai", "--corpus", root)
    assert result.returncode == 1
    no_traceback(result)
    assert path.exists()
