"""YAML → validated corpus; every problem reported as `file:line: field: what is wrong`."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from corpus.models import (
    Document,
    Gap,
    Jurisdiction,
    Lexicon,
    Passage,
    Section,
    Source,
    SourceFile,
)

PACKAGED_CORPUS = Path(__file__).parent / "data"
MAX_FILE_BYTES = 5_000_000
# Link markers of the page the review was copied from; never corpus content.
PAGE_CHROME = ("[LW · GW]", "[EA · GW]", "[LW·GW]", "[EA·GW]", "Comments sorted by top scores")

Loc = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a corpus file."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class CorpusError(Exception):
    """The corpus is invalid; `problems` lists each problem, one line each."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
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

    @property
    def url(self) -> str | None:
        return self.document.url


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
        self.by_id.update((e.id, e) for e in self.entries)

    def gaps(self) -> Iterator[tuple[Document, Gap]]:
        for doc in self.documents:
            for gap in doc.gaps:
                yield doc, gap


def corpus_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The corpus folder: an explicit one, else $VERBATIM_CORPUS, else the packaged one."""
    chosen = explicit or os.environ.get("VERBATIM_CORPUS") or PACKAGED_CORPUS
    return Path(chosen)


# --- YAML with line numbers -------------------------------------------------------------


# libyaml's parser when present: a 100,000-passage corpus parses in seconds, not minutes.
_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """Safe loader that keeps dates as text (pydantic parses them); nodes carry lines."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _read_yaml(path: Path, label: str) -> tuple[Any, dict[Loc, int], list[Problem]]:
    """Parse a YAML file into plain data, a map of locations to line numbers, and problems."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, {}, [Problem(label, None, "", f"cannot read: {exc.strerror or exc}")]
    if len(raw) > MAX_FILE_BYTES:
        return (
            None,
            {},
            [
                Problem(
                    label, None, "", f"file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,}"
                )
            ],
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, {}, [Problem(label, line, "", f"not UTF-8 (byte 0x{raw[exc.start]:02x})")]
    if not text.strip():
        return None, {}, [Problem(label, None, "", "file is empty")]
    problems: list[Problem] = []
    lines: dict[Loc, int] = {}
    loader: _Loader | None = None
    try:
        loader = _Loader(text)  # the pure-Python reader rejects control characters here
        node = loader.get_single_node()
        if node is None:
            return None, {}, [Problem(label, None, "", "file is empty (only comments)")]
        data = _construct(node, loader, (), lines, problems, label, set(), node.start_mark.line + 1)
    except yaml.YAMLError as exc:
        return None, {}, [_yaml_problem(exc, text, label)]
    except _AliasError as exc:
        return None, {}, [Problem(label, exc.line, _dotted(exc.loc), str(exc))]
    finally:
        if loader is not None:
            loader.dispose()
    return data, lines, problems


def _yaml_problem(exc: yaml.YAMLError, text: str, label: str) -> Problem:
    if isinstance(exc, yaml.reader.ReaderError) and isinstance(exc.character, int):
        # An unprintable character: find it, since the offset is in bytes or characters
        # depending on the parser.
        at = text.find(chr(exc.character))
        line = text.count("\n", 0, at) + 1 if at >= 0 else None
        what = f"character U+{exc.character:04X} is not allowed ({exc.reason})"
        return Problem(label, line, "", f"malformed YAML: {what}")
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark is not None else None
    what = " ".join(str(getattr(exc, "problem", None) or exc).split())
    return Problem(label, line, "", f"malformed YAML: {what}")


class _AliasError(Exception):
    """A `*alias`: it could nest a value in itself or multiply it, so it is refused."""

    def __init__(self, line: int, loc: Loc) -> None:
        self.line, self.loc = line, loc
        super().__init__("YAML aliases (*name) are not supported: write the value out")


def _construct(
    node: yaml.Node,
    loader: _Loader,
    loc: Loc,
    lines: dict[Loc, int],
    problems: list[Problem],
    label: str,
    seen: set[int],
    line: int,
) -> Any:
    # The composer hands out the same node again for each alias of an anchor.
    if id(node) in seen:
        raise _AliasError(line, loc)
    seen.add(id(node))
    lines[loc] = line  # for a mapping value, the line of its key
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str | int):
                key = str(key)
            key_line = key_node.start_mark.line + 1
            if key in out:
                problems.append(Problem(label, key_line, _dotted((*loc, key)), "duplicate key"))
            out[key] = _construct(
                value_node, loader, (*loc, key), lines, problems, label, seen, key_line
            )
        return out
    if isinstance(node, yaml.SequenceNode):
        return [
            _construct(child, loader, (*loc, i), lines, problems, label, seen, child_line)
            for i, child in enumerate(node.value)
            for child_line in [child.start_mark.line + 1]
        ]
    return loader.construct_object(node, deep=True)


def _dotted(loc: Iterable[str | int]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _line_of(lines: dict[Loc, int], loc: Loc) -> int | None:
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


def _validate(
    model: type[M], data: Any, lines: dict[Loc, int], label: str
) -> tuple[M | None, list[Problem]]:
    if not isinstance(data, dict):
        return None, [
            Problem(label, 1, "", f"expected a mapping at the top, got {type(data).__name__}")
        ]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            # Drop pydantic's union/validator tags so the field reads like the YAML path.
            loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
            problems.append(Problem(label, _line_of(lines, loc), _dotted(loc), _message(err)))
        return None, problems


def _message(err: Any) -> str:
    msg = str(err["msg"]).removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        return "unknown field"
    if err["type"] == "missing":
        return "required field is missing"
    return msg


# --- the corpus -------------------------------------------------------------------------


@dataclass
class _Located:
    """A model with the file and line map it came from, for cross-reference errors."""

    label: str
    lines: dict[Loc, int]


def load_corpus(root: str | os.PathLike[str] | None = None) -> Corpus:
    """Load and validate the corpus at `root`; raise CorpusError listing every problem."""
    base = corpus_dir(root)
    problems: list[Problem] = []
    if not base.is_dir():
        raise CorpusError([Problem(str(base), None, "", "corpus folder does not exist")])

    def load(path: Path, model: type[M]) -> tuple[M | None, _Located]:
        label = _label(base, path)
        data, lines, found = _read_yaml(path, label)
        problems.extend(found)
        if data is None:
            return None, _Located(label, lines)
        obj, found = _validate(model, data, lines, label)
        problems.extend(found)
        return obj, _Located(label, lines)

    source_file, sources_at = load(base / "sources.yaml", SourceFile)
    lexicon, _ = load(base / "lexicon.yaml", Lexicon)
    doc_paths = sorted((base / "documents").glob("*.yaml"))
    if not doc_paths:
        problems.append(
            Problem(_label(base, base / "documents"), None, "", "no document files (*.yaml)")
        )
    documents = [(doc, at) for doc, at in (load(p, Document) for p in doc_paths) if doc is not None]

    sources = _index_sources(source_file, sources_at, problems)
    # With sources.yaml broken, every reference to a source would be reported too: skip those.
    entries = _cross_check(documents, sources if source_file else None, problems)
    if problems or lexicon is None or source_file is None:
        raise CorpusError(problems)
    return Corpus(
        documents=tuple(doc for doc, _ in documents),
        sources=sources,
        lexicon=lexicon,
        entries=tuple(entries),
        version=_version([base / "sources.yaml", base / "lexicon.yaml", *doc_paths]),
        root=base,
    )


def _label(base: Path, path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _version(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _index_sources(
    source_file: SourceFile | None, at: _Located, problems: list[Problem]
) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    for i, source in enumerate(source_file.sources if source_file else []):
        if source.id in sources:
            line = _line_of(at.lines, ("sources", i, "id"))
            problems.append(
                Problem(at.label, line, f"sources[{i}].id", f"duplicate id {source.id!r}")
            )
        sources[source.id] = source
    return sources


def _cross_check(
    documents: list[tuple[Document, _Located]],
    sources: dict[str, Source] | None,
    problems: list[Problem],
) -> list[Entry]:
    """Check every reference between files and ids, and flatten passages into entries."""
    seen: dict[str, str] = {}
    entries: list[Entry] = []
    for doc, at in documents:

        def bad(loc: Loc, message: str, at: _Located = at) -> None:
            problems.append(Problem(at.label, _line_of(at.lines, loc), _dotted(loc), message))

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
            chrome = next((c for c in PAGE_CHROME if c in passage.text), None)
            if chrome:
                bad(("passages", i, "text"), f"contains page chrome {chrome!r}, not content")
            source = (
                known_source(("passages", i, "source"), passage.source) if passage.source else None
            )
            cited = []
            for j, cite in enumerate(passage.cites):
                found = known_source(("passages", i, "cites", j, "source"), cite.source)
                if found:
                    cited.append(found)
                if cite.quote is not None and cite.quote not in passage.text:
                    bad(
                        ("passages", i, "cites", j, "quote"),
                        "quote does not occur in the passage text",
                    )
            entries.append(_entry(doc, passage, sections, source, tuple(cited), len(entries)))
        for i, gap in enumerate(doc.gaps):
            if gap.section is not None and gap.section not in sections:
                bad(("gaps", i, "section"), f"unknown section {gap.section!r}")
            if gap.after is not None and gap.after not in passage_ids:
                bad(("gaps", i, "after"), f"unknown passage {gap.after!r}")
            for j, source_id in enumerate(gap.read_instead):
                known_source(("gaps", i, "read_instead", j), source_id)
        _check_cycles(doc, sections, bad)
    return entries


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


def _entry(
    doc: Document,
    passage: Passage,
    sections: dict[str, Section],
    source: Source | None,
    cited: tuple[Source, ...],
    order: int,
) -> Entry:
    chain = section_chain(sections[passage.section], sections)
    inherited = {j for s in chain for j in s.jurisdictions}
    return Entry(
        id=passage.id,
        order=order,
        document=doc,
        section=sections[passage.section],
        section_path=tuple(s.title for s in chain),
        kind=passage.kind,
        text=passage.text,
        jurisdictions=frozenset(inherited | set(passage.jurisdictions)),
        source=source,
        cited=cited,
    )
