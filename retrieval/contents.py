"""The table of contents: each document's sections in order, how many passages each holds,
and a link that jumps to the section's first passage on the page (a text fragment of its
first sentence: a heading's own words may occur earlier on the page, a whole sentence is
checked not to)."""

from __future__ import annotations

from dataclasses import dataclass

from corpus.load import Corpus
from corpus.types import Document, Section
from retrieval.links import quote_link
from retrieval.text import sentences


@dataclass(frozen=True)
class ContentsLine:
    document: str  # the document's title
    section_id: str
    title: str
    depth: int  # 0 for a top-level section
    passages: int  # in this section and the sections under it
    first_passage: str | None  # the id of its first passage, if any
    link: str | None


def _depth(section: Section, by_id: dict[str, Section]) -> int:
    depth, parent = 0, section.parent
    while parent is not None and parent in by_id and depth < 32:
        depth, parent = depth + 1, by_id[parent].parent
    return depth


def _document_contents(doc: Document) -> list[ContentsLine]:
    by_id = {s.id: s for s in doc.sections}
    under = doc.subtrees()
    lines = []
    for s in doc.sections:
        inside = [p for p in doc.passages if p.section in under[s.id]]
        first = inside[0] if inside else None
        link = doc.url
        if first is not None:
            spans = sentences(first.text)
            end = spans[0][1] if spans else len(first.text)
            link = quote_link(doc, first.id, 0, end)
        lines.append(
            ContentsLine(
                doc.title,
                s.id,
                s.title,
                _depth(s, by_id),
                len(inside),
                first.id if first else None,
                link,
            )
        )
    return lines


def table_of_contents(corpus: Corpus) -> list[ContentsLine]:
    """Every section of every document, in reading order."""
    return [line for doc in corpus.documents for line in _document_contents(doc)]
