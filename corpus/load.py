"""Corpus folder → `Corpus`, checked: every problem reported as `file:line: field: message`.

A corpus is validated from its YAML (corpus/yamlfile.py, with pydantic) the first time;
while its files and this code stay the same it is read from a snapshot of that validated
data (corpus/snapshot.py), which needs neither PyYAML nor pydantic, and is not checked
again: the snapshot's key and checksum prove it is what passed these checks.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any

from corpus import snapshot
from corpus.problems import CorpusError, Loc, Problem, dotted, line_of
from corpus.types import (
    Document,
    Gap,
    Jurisdiction,
    Lexicon,
    Link,
    Passage,
    Question,
    Section,
    Source,
    build,
    fill,
)

__all__ = [
    "MAX_FILE_BYTES",
    "PACKAGED_CORPUS",
    "Corpus",
    "CorpusError",
    "Entry",
    "Problem",
    "corpus_dir",
    "load_corpus",
    "section_chain",
]

PACKAGED_CORPUS = Path(__file__).parent / "data"
MAX_FILE_BYTES = 5_000_000


@dataclass(frozen=True, slots=True)
class Entry:
    """A passage with everything a reader needs to cite it (flat, for the hot path)."""

    id: str
    order: int
    document: Document
    section: Section
    section_path: tuple[str, ...]
    kind: str
    text: str
    jurisdictions: frozenset[Jurisdiction]
    source: Source | None
    cited: tuple[Source, ...]
    questions: tuple[Question, ...] = ()
    # The PDF page the passage starts on, and the links inside its text (anchor, target).
    page: int | None = None
    links: tuple[Link, ...] = ()
    lost_links: tuple[str, ...] = ()  # words that were a link our copy lost

    @property
    def url(self) -> str | None:
        """The document's URL; for a PDF passage, opened at its page (`#page=12`, which
        PDF viewers in browsers follow)."""
        url = self.document.url
        if url is None or self.page is None:
            return url
        return f"{url.split('#', 1)[0]}#page={self.page}"


@dataclass(frozen=True)
class Corpus:
    """The whole validated corpus, in reading order."""

    documents: tuple[Document, ...]
    sources: dict[str, Source]
    lexicon: Lexicon
    entries: tuple[Entry, ...]
    version: str
    root: Path
    by_id: dict[str, Entry] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_id.update(zip(map(attrgetter("id"), self.entries), self.entries, strict=True))

    def gaps(self) -> Iterator[tuple[Document, Gap]]:
        for doc in self.documents:
            for gap in doc.gaps:
                yield doc, gap


def corpus_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The corpus folder: an explicit one, else $VERBATIM_CORPUS, else the packaged one."""
    chosen = explicit or os.environ.get("VERBATIM_CORPUS") or PACKAGED_CORPUS
    return Path(chosen)


@dataclass
class _Located:
    """The file a document came from and its line map, for cross-reference errors."""

    label: str
    lines: dict[Loc, int]


@dataclass
class _File:
    """A corpus file as read: its name in the corpus, bytes, and why it could not be read."""

    path: Path
    label: str
    name: str
    raw: bytes | None = None
    problem: Problem | None = None


def load_corpus(
    root: str | os.PathLike[str] | None = None,
    *,
    cache_dir: str | os.PathLike[str] | None = None,
    snapshots: bool = True,
    allow_empty: bool = False,
) -> Corpus:
    """Load and validate the corpus at `root`; raise CorpusError listing every problem.

    With `snapshots`, an unchanged corpus validated before is read from its snapshot in
    `cache_dir` (default: `corpus.snapshot.default_cache_dir()`), and a corpus validated
    now is saved there; without, the YAML is always validated and nothing is written.
    `allow_empty` accepts a corpus with no documents yet (one `corpus init` just made): the
    corpus commands work on it, while the bot, which has nothing to quote, still refuses it.
    """
    base = corpus_dir(root)
    if not base.is_dir():
        raise CorpusError([Problem(str(base), None, "", "corpus folder does not exist")])
    documents = sorted((base / "documents").glob("*.yaml"))
    paths = [base / "sources.yaml", base / "lexicon.yaml", *documents]
    files = [_read(base, path) for path in paths]
    folder = Path(cache_dir) if cache_dir is not None else snapshot.default_cache_dir()
    named = [(f.name, f.raw or b"") for f in files]
    contents = snapshot.contents_of(named)
    version = contents.hex()[:12]
    key = None
    if snapshots and len(files) > 2 and all(f.raw is not None for f in files):
        key = snapshot.key_of(named, contents)
        with _collector_paused():
            saved = snapshot.read(key, folder)
            if saved is not None and len(saved.documents) == len(files) - 2:
                indexed = {source.id: source for source in saved.sources}
                return _corpus(
                    base, version, saved.documents, indexed, saved.lexicon, saved.columns
                )
    corpus = _validated(base, files, version, allow_empty)
    if key is not None:
        snapshot.write(key, list(corpus.sources.values()), corpus.lexicon, corpus.documents, folder)
    return corpus


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a corpus's objects are made: none of them is
    garbage, yet every 700 new objects would start a collection, and every tenth of those
    would go over all the objects made so far again. Then they join the oldest generation
    at once (frozen and unfrozen, when nothing else is frozen), rather than each young
    generation's collection going over them all on the way there."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        if enabled:
            gc.enable()


def _read(base: Path, path: Path) -> _File:
    found = _File(path, _label(base, path), path.relative_to(base).as_posix())
    try:
        found.raw = path.read_bytes()
    except OSError as exc:
        found.problem = Problem(found.label, None, "", f"cannot read: {exc.strerror or exc}")
        return found
    if len(found.raw) > MAX_FILE_BYTES:
        size = f"file is {len(found.raw):,} bytes; the limit is {MAX_FILE_BYTES:,}"
        found.problem, found.raw = Problem(found.label, None, "", size), None
    return found


def _validated(base: Path, files: list[_File], version: str, allow_empty: bool = False) -> Corpus:
    """The corpus validated from its YAML (the only path that imports PyYAML and pydantic)."""
    from pydantic import BaseModel

    from corpus import models
    from corpus.yamlfile import check

    problems: list[Problem] = []

    def load(file: _File, model: type[BaseModel]) -> tuple[Any, _Located]:
        if file.raw is None:  # unreadable or too large: _read said why
            if file.problem is not None:
                problems.append(file.problem)
            return None, _Located(file.label, {})
        checked, lines, found = check(file.raw, file.label, model)
        problems.extend(found)
        return checked, _Located(file.label, lines)

    source_file, sources_at = load(files[0], models.SourceFile)
    lexicon, _ = load(files[1], models.Lexicon)
    if len(files) == 2 and not allow_empty:
        where = _label(base, base / "documents")
        problems.append(
            Problem(
                where, None, "", "no document files (*.yaml); add one with `python -m corpus add`"
            )
        )
    documents = []
    for file in files[2:]:
        # Converted file by file: a large corpus never holds two copies of itself.
        doc, at = load(file, models.Document)
        if doc is not None:
            documents.append((build(Document, doc), at))
    sources = _index_sources(
        [build(Source, s) for s in source_file.sources] if source_file else [],
        sources_at,
        problems,
    )
    # With sources.yaml broken, every reference to a source would be reported too: skip those.
    _cross_check(documents, sources if source_file else None, problems)
    if problems or lexicon is None or source_file is None:
        raise CorpusError(problems)
    return _corpus(base, version, [doc for doc, _ in documents], sources, build(Lexicon, lexicon))


def _corpus(
    base: Path,
    version: str,
    documents: Sequence[Document],
    sources: dict[str, Source],
    lexicon: Lexicon,
    columns: Mapping[str, list[Any]] | None = None,
) -> Corpus:
    """The corpus of documents that passed `_cross_check` (`columns`: their passages'
    fields, as a snapshot has them)."""
    return Corpus(
        documents=tuple(documents),
        sources=sources,
        lexicon=lexicon,
        entries=tuple(_entries(documents, sources, columns)),
        version=version,
        root=base,
    )


def _label(base: Path, path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _index_sources(
    listed: list[Source], at: _Located, problems: list[Problem]
) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    for i, source in enumerate(listed):
        if source.id in sources:
            line = line_of(at.lines, ("sources", i, "id"))
            problems.append(
                Problem(at.label, line, f"sources[{i}].id", f"duplicate id {source.id!r}")
            )
        sources[source.id] = source
    return sources


def _cross_check(
    documents: list[tuple[Document, _Located]],
    sources: dict[str, Source] | None,
    problems: list[Problem],
) -> None:
    """Check every reference between files and ids, and every text that must occur in a
    passage's."""
    # Imported here: only validating YAML needs its patterns, a run that reads the corpus
    # snapshot would compile them for nothing.
    from corpus import chrome

    seen: dict[str, str] = {}
    for doc, at in documents:

        def bad(loc: Loc, message: str, at: _Located = at) -> None:
            problems.append(Problem(at.label, line_of(at.lines, loc), dotted(loc), message))

        def unique(kind: str, items: Sequence[Section | Passage | Gap], at: _Located = at) -> None:
            for i, item in enumerate(items):
                if item.id in seen:
                    bad((kind, i, "id"), f"duplicate id {item.id!r} (also in {seen[item.id]})")
                seen[item.id] = at.label

        unique("sections", doc.sections)
        unique("passages", doc.passages)
        unique("gaps", doc.gaps)
        sections = {s.id: s for s in doc.sections}
        passage_ids = {p.id for p in doc.passages}

        def known_source(loc: Loc, source_id: str) -> Source | None:
            if sources is None:
                return None
            if source_id not in sources:
                bad(loc, f"unknown source {source_id!r} (not in sources.yaml)")
            return sources.get(source_id)

        for i, section in enumerate(doc.sections):
            if section.parent is not None and section.parent not in sections:
                bad(("sections", i, "parent"), f"unknown section {section.parent!r}")
        for i, passage in enumerate(doc.passages):
            if passage.section not in sections:
                bad(("passages", i, "section"), f"unknown section {passage.section!r}")
                continue
            furniture = chrome.find(passage.text)
            if furniture:
                bad(("passages", i, "text"), f"contains page chrome {furniture!r}, not content")
            if passage.source:
                known_source(("passages", i, "source"), passage.source)
            for j, cite in enumerate(passage.cites):
                known_source(("passages", i, "cites", j, "source"), cite.source)
                if cite.quote is not None and cite.quote not in passage.text:
                    bad(
                        ("passages", i, "cites", j, "quote"),
                        "quote does not occur in the passage text",
                    )
            for j, question in enumerate(passage.questions):
                if question.answer not in passage.text:
                    bad(
                        ("passages", i, "questions", j, "answer"),
                        "answer does not occur in the passage text",
                    )
            for j, link in enumerate(passage.links):
                if link.text not in passage.text:
                    bad(
                        ("passages", i, "links", j, "text"),
                        "link text does not occur in the passage text",
                    )
        for i, gap in enumerate(doc.gaps):
            if gap.section is not None and gap.section not in sections:
                bad(("gaps", i, "section"), f"unknown section {gap.section!r}")
            if gap.after is not None and gap.after not in passage_ids:
                bad(("gaps", i, "after"), f"unknown passage {gap.after!r}")
            for j, source_id in enumerate(gap.read_instead):
                known_source(("gaps", i, "read_instead", j), source_id)
        _check_cycles(doc, sections, bad)


def _check_cycles(doc: Document, sections: dict[str, Section], bad: Any) -> None:
    for i, section in enumerate(doc.sections):
        seen, node = {section.id}, section
        while node.parent is not None and node.parent in sections:
            if node.parent in seen:
                bad(("sections", i, "parent"), "section tree has a cycle")
                break
            seen.add(node.parent)
            node = sections[node.parent]


def section_chain(section: Section, sections: dict[str, Section]) -> list[Section]:
    """The section and its ancestors, outermost first."""
    chain = [section]
    while chain[0].parent is not None and chain[0].parent in sections and len(chain) < 32:
        chain.insert(0, sections[chain[0].parent])
    return chain


def _entries(
    documents: Sequence[Document],
    sources: Mapping[str, Source],
    columns: Mapping[str, list[Any]] | None = None,
) -> list[Entry]:
    """The passages of checked documents as entries, in reading order: a passage inherits
    its section path's titles and jurisdictions, and cites the sources it names. Built
    column by column (a corpus may hold 100,000s of passages), each value once per section
    or per distinct list of cites; `columns`, per passage field its values in reading
    order, spares reading them off the passages."""
    entries: list[Entry] = []
    for doc in documents:
        passages, first = doc.passages, len(entries)

        def column(
            name: str, passages: Sequence[Passage] = passages, first: int = first
        ) -> list[Any]:
            if columns is not None:
                return columns[name][first : first + len(passages)]
            return list(map(attrgetter(name), passages))

        sections = {s.id: s for s in doc.sections}
        chains = {key: section_chain(s, sections) for key, s in sections.items()}
        paths = {key: tuple(s.title for s in chain) for key, chain in chains.items()}
        inherited = {
            key: frozenset(j for s in chain for j in s.jurisdictions)
            for key, chain in chains.items()
        }
        of_section, cites = column("section"), column("cites")
        cited = {
            found: tuple(s for s in map(sources.get, (c.source for c in found)) if s)
            for found in set(cites)
        }
        entries += fill(
            Entry,
            {
                "id": column("id"),
                "order": range(first, first + len(passages)),
                "document": [doc] * len(passages),
                "section": list(map(sections.__getitem__, of_section)),
                "section_path": list(map(paths.__getitem__, of_section)),
                "kind": column("kind"),
                "text": column("text"),
                "jurisdictions": [
                    inherited[s] | frozenset(own) if own else inherited[s]
                    for s, own in zip(of_section, column("jurisdictions"), strict=True)
                ],
                # No source: None, never a key (as no source id is empty).
                "source": list(map(sources.get, column("source"))),
                "cited": list(map(cited.__getitem__, cites)),
                "questions": column("questions"),
                "page": column("page"),
                "links": column("links"),
                "lost_links": column("lost_links"),
            },
        )
    return entries
