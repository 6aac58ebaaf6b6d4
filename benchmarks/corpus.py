"""Benchmark corpora: real English text that every Python install has, as a corpus folder.

The text is the documentation of the installed Python standard library: the docstrings of
its modules, classes and functions (read with `ast`, never imported) and the language
reference topics that `pydoc` ships (`pydoc_data.topics`). A module's prose paragraphs
(code, tables and lists left out) are merged into passages of at least 25 words, about
the size of the review's paragraphs (some 40 words on average).

CPython 3.11's standard library yields about 6,000 such passages. Larger corpora are
filled with passages of 2–5 sentences drawn, with a fixed seed, from those passages'
sentences: real English with the library's vocabulary (only some 6,000 stems, so
postings are longer, and queries slower, than in a corpus with a richer vocabulary).
Every passage is distinct. Sections of 25 passages, some of them marked US, EU or China,
give the jurisdiction boost and filter something to do. Everything is deterministic
(sorted files, fixed seeds); the corpus folder is cached, keyed by size and a hash of this
module and of the Python version, so reruns are quick.
"""

from __future__ import annotations

import ast
import hashlib
import random
import re
import shutil
import sys
import sysconfig
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from corpus import chrome
from corpus.load import PACKAGED_CORPUS
from retrieval.text import sentences

SEED = 20240429
MIN_WORDS = 25
MAX_WORDS = 120
PASSAGES_PER_DOCUMENT = 1000
PASSAGES_PER_SECTION = 25
# Folders of the standard library that hold tests, examples or generated tables, not docs.
SKIP_DIRS = frozenset(
    {"test", "tests", "idle_test", "site-packages", "dist-packages", "__pycache__", "encodings"}
)
_JURISDICTIONS = ("US", "EU", "China")


@dataclass(frozen=True)
class Passage:
    """One benchmark passage: the module its text came from, and the text."""

    origin: str
    text: str


def _clean(paragraph: str) -> str:
    return chrome.strip(" ".join(paragraph.split()))


def _docstrings(path: Path) -> Iterator[str]:
    try:
        tree = ast.parse(path.read_bytes())
    except (SyntaxError, ValueError, UnicodeDecodeError):
        return
    nodes = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
    ]
    # In reading order: the module's docstring first, then its definitions' by line.
    for node in sorted(nodes, key=lambda n: getattr(n, "lineno", 0)):
        doc = ast.get_docstring(node)
        if doc:
            yield doc


def _merge(paragraphs: list[str]) -> Iterator[str]:
    """Consecutive paragraphs merged until a passage has MIN_WORDS; longer ones dropped."""
    current: list[str] = []
    count = 0
    for paragraph in paragraphs:
        words = len(paragraph.split())
        if words > MAX_WORDS:
            continue  # tables and lists flattened into one line; not prose
        current.append(paragraph)
        count += words
        if count >= MIN_WORDS:
            yield " ".join(current)
            current, count = [], 0


def _prose(text: str) -> list[str]:
    paragraphs = [_clean(p) for p in re.split(r"\n\s*\n", text)]
    # Prose, not code or tables: mostly letters, and ends like a sentence.
    return [
        p
        for p in paragraphs
        if len(p.split()) >= 5
        and p[-1] in ".:?!)"
        and sum(ch.isalpha() or ch == " " for ch in p) > 0.85 * len(p)
    ]


def stdlib_passages() -> list[Passage]:
    """Every passage the standard library's documentation yields, in a fixed order."""
    root = Path(sysconfig.get_paths()["stdlib"])
    files = sorted(
        p for p in root.rglob("*.py") if not SKIP_DIRS.intersection(p.relative_to(root).parts)
    )
    seen: set[str] = set()
    out: list[Passage] = []

    def add(origin: str, text: str) -> None:
        for passage in _merge(_prose(text)):
            if passage not in seen:
                seen.add(passage)
                out.append(Passage(origin, passage))

    for path in files:
        module = ".".join(path.relative_to(root).with_suffix("").parts).removesuffix(".__init__")
        # One module's docstrings read as one text: short ones merge into passages.
        add(module, "\n\n".join(_docstrings(path)))
    try:
        from pydoc_data import topics
    except ImportError:  # pragma: no cover - some distributions strip it
        reference: dict[str, str] = {}
    else:
        reference = topics.topics
    for name in sorted(reference):
        add(f"reference.{name}", reference[name])
    return out


def build_passages(size: int) -> list[Passage]:
    """`size` passages: the standard library's own, then sentence mixes, deterministically."""
    natural = stdlib_passages()
    rng = random.Random(SEED)
    if size <= len(natural):
        keep = sorted(rng.sample(range(len(natural)), size))
        return [natural[i] for i in keep]
    pool = [
        (p.origin, p.text[start:end])
        for p in natural
        for start, end in sentences(p.text)
        if len(p.text[start:end].split()) >= 4
    ]
    out = list(natural)
    seen = {p.text for p in out}
    while len(out) < size:
        picked = [pool[rng.randrange(len(pool))] for _ in range(rng.randint(2, 5))]
        text = " ".join(s for _, s in picked)
        if text not in seen:
            seen.add(text)
            out.append(Passage(picked[0][0], text))
    return out


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9_]+", "_", text.lower()).strip("_") or "x"


def write_corpus(passages: list[Passage], folder: Path) -> None:
    """A corpus folder the project's loader reads: sources, lexicon and documents."""
    (folder / "documents").mkdir(parents=True, exist_ok=True)
    (folder / "sources.yaml").write_text("sources: []\n", encoding="utf-8")
    shutil.copyfile(PACKAGED_CORPUS / "lexicon.yaml", folder / "lexicon.yaml")
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    for d, first in enumerate(range(0, len(passages), PASSAGES_PER_DOCUMENT)):
        chunk = passages[first : first + PASSAGES_PER_DOCUMENT]
        doc_id = f"bench{d:04d}"
        sections = []
        items = []
        for s, start in enumerate(range(0, len(chunk), PASSAGES_PER_SECTION)):
            part = chunk[start : start + PASSAGES_PER_SECTION]
            section: dict[str, object] = {"id": f"{doc_id}.s{s:03d}", "title": part[0].origin}
            # A few sections per document belong to a jurisdiction, so that the
            # jurisdiction boost and filter have something to work on.
            if (d + s) % 7 == 0:
                section["jurisdictions"] = [_JURISDICTIONS[(d + s) // 7 % 3]]
            sections.append(section)
            for i, passage in enumerate(part):
                items.append(
                    {
                        "id": f"{doc_id}.s{s:03d}.p{i:03d}",
                        "section": section["id"],
                        "text": passage.text,
                    }
                )
        document = {
            "id": doc_id,
            "title": f"Python standard library documentation, part {d + 1}",
            "sections": sections,
            "passages": items,
        }
        text = yaml.dump(document, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100)
        (folder / "documents" / f"{doc_id}.yaml").write_text(text, encoding="utf-8")


def generator_version() -> str:
    """Changes when this module, the Python version or the text it reads may change."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(sys.version.encode())
    return digest.hexdigest()[:10]


def corpus_folder(size: int, cache: Path) -> Path:
    """The folder of the `size`-passage corpus, generated on first use."""
    folder = cache / f"corpus-{size}-{generator_version()}"
    if (folder / "complete").exists():
        return folder
    tmp = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    write_corpus(build_passages(size), tmp)
    (tmp / "complete").write_text("ok\n", encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    tmp.rename(folder)
    for stale in cache.glob(f"corpus-{size}-*"):  # from an older generator
        if stale != folder:
            shutil.rmtree(stale, ignore_errors=True)
    return folder
