"""Browsing the corpus: the cited sources with their excerpts, and one passage in context."""

from __future__ import annotations

from dataclasses import dataclass

from corpus.load import Corpus
from corpus.types import Source
from retrieval.jurisdictions import whole
from retrieval.types import Quote, SourceRef, describe, quote_of


@dataclass(frozen=True)
class SourceListing:
    """A source, how to cite it, and every excerpt of it the review quotes."""

    source: SourceRef
    description: str
    venue: str | None
    unconfirmed: tuple[str, ...]
    notes: str | None
    excerpts: tuple[Quote, ...]


@dataclass(frozen=True)
class PassageView:
    """One passage as a quote, with its neighbours' ids for paging."""

    quote: Quote
    previous: str | None
    next: str | None
    position: int
    total: int


def sources(corpus: Corpus) -> list[SourceListing]:
    """Every source in sources.yaml, in the order the review first quotes or names it."""
    first_use: dict[str, int] = {}
    for entry in corpus.entries:
        for source in ([entry.source] if entry.source else []) + list(entry.cited):
            first_use.setdefault(source.id, entry.order)
    ordered = sorted(corpus.sources.values(), key=lambda s: (first_use.get(s.id, 1 << 30), s.id))
    return [_listing(corpus, s) for s in ordered]


def _listing(corpus: Corpus, source: Source) -> SourceListing:
    excerpts: list[Quote] = []
    for entry in corpus.entries:
        if entry.source is not None and entry.source.id == source.id:
            excerpts.append(whole(entry))
        passage = next(p for p in entry.document.passages if p.id == entry.id)
        for cite in passage.cites:
            if cite.source == source.id and cite.quote:
                start = entry.text.index(cite.quote)
                excerpts.append(quote_of(entry, start, start + len(cite.quote), 0.0))
    return SourceListing(
        source=SourceRef.of(source),
        description=describe(source),
        venue=source.venue,
        unconfirmed=tuple(source.unconfirmed),
        notes=source.notes,
        excerpts=tuple(excerpts),
    )


def find_sources(corpus: Corpus, text: str) -> list[SourceListing]:
    """Sources whose id, title or authors contain `text` (case-insensitive)."""
    needle = text.strip().casefold()
    return [
        listing
        for listing in sources(corpus)
        if not needle
        or needle in listing.source.id.casefold()
        or needle in listing.description.casefold()
    ]


def passage(corpus: Corpus, passage_id: str) -> PassageView | None:
    """The passage with this id and its neighbours in reading order."""
    entry = corpus.by_id.get(passage_id.strip())
    if entry is None:
        return None
    entries = corpus.entries
    i = entry.order
    return PassageView(
        quote=whole(entry),
        previous=entries[i - 1].id if i > 0 else None,
        next=entries[i + 1].id if i + 1 < len(entries) else None,
        position=i + 1,
        total=len(entries),
    )
