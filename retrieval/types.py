"""The public types, Answer, Quote, Note and SourceRef, their JSON (the `ask --json`
contract) and how they are made from corpus entries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from corpus.load import Entry
from corpus.types import JURISDICTIONS, Gap, Source
from retrieval.links import quote_link

Status = Literal["answered", "no_answer", "invalid"]
# high: a passage answers the question; low: the closest passages only touch on it.
Confidence = Literal["high", "low"]


@dataclass(frozen=True)
class SourceRef:
    """The work an excerpt quotes."""

    id: str
    title: str
    authors: tuple[str, ...]
    date: str | None
    url: str | None

    @classmethod
    def of(cls, source: Source) -> SourceRef:
        return cls(
            source.id, source.title, tuple(source.authors), source.date, source.confirmed_url
        )


@dataclass(frozen=True)
class Quote:
    """A verbatim quote: `text == passage text[start:end]`, with where it comes from."""

    text: str
    passage_id: str
    document: str
    document_title: str
    section_path: tuple[str, ...]
    citation: str
    url: str | None
    score: float
    start: int
    end: int
    highlights: tuple[tuple[int, int], ...] = ()
    kind: str = "review"
    source: SourceRef | None = None
    jurisdictions: tuple[str, ...] = ()
    # `url` with a text fragment that lands on the quoted words (retrieval/links.py).
    link: str | None = None
    # Spans of `text` that were a link whose target our copy lost ("(see also here)").
    lost_links: tuple[tuple[int, int], ...] = ()
    # Links inside the quoted words (start, end, target), relative to the quote.
    links: tuple[tuple[int, int, str], ...] = ()
    # The passage a lead-in quote introduces ("… the authors conclude that", "To quote …:"),
    # read as one quote with it: the lead-in names the topic, the continuation says it.
    continuation: Quote | None = None

    @property
    def parts(self) -> tuple[Quote, ...]:
        """This quote, then its continuation if it has one."""
        return (self,) if self.continuation is None else (self, self.continuation)

    @property
    def shown(self) -> str:
        """The words a reader reads as this quote: its own, then its continuation's."""
        return " ".join(part.text for part in self.parts)


@dataclass(frozen=True)
class Note:
    """Something our copy of the review lost, near a quoted passage: never invented text."""

    gap_id: str
    lost: str
    read_instead: tuple[SourceRef, ...] = ()


@dataclass(frozen=True)
class Fact:
    """A fact of a document's metadata (its authors, its date), copied from the corpus."""

    label: str
    value: str


@dataclass(frozen=True)
class Answer:
    """What the bot says: a status, UI text, and verbatim quotes with citations."""

    question: str
    status: Status
    message: str | None = None
    jurisdictions: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()
    suggestions: tuple[str, ...] = ()
    notes: tuple[Note, ...] = ()
    page: int = 0
    has_more: bool = False
    uncovered: tuple[str, ...] = ()
    corpus_version: str = ""
    confidence: Confidence | None = None
    facts: tuple[Fact, ...] = ()

    @property
    def shown_quotes(self) -> list[Quote]:
        """The quotes as a reader sees them: each continuation right after its lead-in."""
        return [part for quote in self.quotes for part in quote.parts]

    @property
    def places(self) -> tuple[str, ...]:
        """The jurisdictions to show above the answer: none above a decline, which is about
        none of the places its words named."""
        return self.jurisdictions if self.quotes else ()

    @property
    def passage_ids(self) -> list[str]:
        """The ids of the passages quoted, continuations included, in order."""
        return [quote.passage_id for quote in self.shown_quotes]

    def to_json(self) -> dict[str, Any]:
        """The public JSON shape of `python -m bot ask --json` (add fields, never rename).

        Written out rather than `dataclasses.asdict`, which deep-copies and costs more than
        the search itself."""
        return {
            "question": self.question,
            "status": self.status,
            "message": self.message,
            "jurisdictions": list(self.jurisdictions),
            "quotes": [_quote_json(q) for q in self.quotes],
            "suggestions": list(self.suggestions),
            "notes": [
                {
                    "gap_id": n.gap_id,
                    "lost": n.lost,
                    "read_instead": [_source_json(r) for r in n.read_instead],
                }
                for n in self.notes
            ],
            "page": self.page,
            "has_more": self.has_more,
            "uncovered": list(self.uncovered),
            "corpus_version": self.corpus_version,
            "confidence": self.confidence,
            "facts": [{"label": f.label, "value": f.value} for f in self.facts],
        }


def _source_json(ref: SourceRef | None) -> dict[str, Any] | None:
    if ref is None:
        return None
    return {
        "id": ref.id,
        "title": ref.title,
        "authors": list(ref.authors),
        "date": ref.date,
        "url": ref.url,
    }


def _quote_json(q: Quote) -> dict[str, Any]:
    return {
        "text": q.text,
        "passage_id": q.passage_id,
        "document": q.document,
        "document_title": q.document_title,
        "section_path": list(q.section_path),
        "citation": q.citation,
        "url": q.url,
        "score": q.score,
        "start": q.start,
        "end": q.end,
        "highlights": [list(h) for h in q.highlights],
        "kind": q.kind,
        "source": _source_json(q.source),
        "jurisdictions": list(q.jurisdictions),
        "link": q.link,
        "lost_links": [list(span) for span in q.lost_links],
        "links": [{"start": a, "end": b, "url": url} for a, b, url in q.links],
        "continuation": None if q.continuation is None else _quote_json(q.continuation),
    }


def citation(entry: Entry) -> str:
    """`Document › Section › Subsection`, its page (`p. 12`) for a PDF passage, and the
    quoted work for an excerpt."""
    text = " › ".join((entry.document.title, *entry.section_path))
    if entry.page is not None:
        text += f", p. {entry.page}"
    if entry.source is not None:
        text += f" — quoting {describe(entry.source)}"
    return text


def describe(source: Source) -> str:
    """A source as a reader cites it: title (authors, date)."""
    details = ", ".join(x for x in (", ".join(source.authors), source.date) if x)
    return f"{source.title} ({details})" if details else source.title


def quote_of(
    entry: Entry, start: int, end: int, score: float, highlights: Sequence[tuple[int, int]] = ()
) -> Quote:
    """A quote of `entry.text[start:end]` with its citation."""
    return Quote(
        text=entry.text[start:end],
        passage_id=entry.id,
        document=entry.document.id,
        document_title=entry.document.title,
        section_path=entry.section_path,
        citation=citation(entry),
        url=entry.url,
        score=round(score, 4),
        start=start,
        end=end,
        highlights=tuple(highlights),
        kind=entry.kind,
        source=SourceRef.of(entry.source) if entry.source else None,
        jurisdictions=tuple(j for j in JURISDICTIONS if j in entry.jurisdictions),
        # A PDF passage opens at its page: a text fragment means nothing to a PDF viewer.
        link=entry.url
        if entry.page is not None
        else quote_link(entry.document, entry.id, start, end),
        lost_links=_lost_links(entry, start, end),
        links=_links(entry, start, end),
    )


def _lost_links(entry: Entry, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """Where the passage's lost-link words fall inside `text[start:end]`, relative to it."""
    spans = []
    for phrase in entry.lost_links:
        at = entry.text.find(phrase, start)
        while at != -1 and at + len(phrase) <= end:
            spans.append((at - start, at - start + len(phrase)))
            at = entry.text.find(phrase, at + 1)
    return tuple(sorted(spans))


def _links(entry: Entry, start: int, end: int) -> tuple[tuple[int, int, str], ...]:
    """The passage's links whose anchor text lies inside `text[start:end]`: (start, end,
    target), relative to the quote."""
    spans = []
    for link in entry.links:
        at = entry.text.find(link.text, start)
        while at != -1 and at + len(link.text) <= end:
            spans.append((at - start, at - start + len(link.text), link.url))
            at = entry.text.find(link.text, at + 1)
    return tuple(sorted(set(spans)))


def note_of(gap: Gap, sources: dict[str, Source]) -> Note:
    refs = tuple(SourceRef.of(sources[s]) for s in gap.read_instead if s in sources)
    return Note(gap.id, gap.lost, refs)
