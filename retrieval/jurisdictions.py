"""Extractive jurisdiction summaries and their side-by-side comparison (quotes only)."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from corpus.load import Corpus, Entry
from corpus.types import JURISDICTIONS, Jurisdiction
from retrieval.types import Note, Quote, SourceRef, note_of, quote_of

NAMES: dict[Jurisdiction, str] = {"US": "the US", "EU": "the EU", "China": "China"}


@dataclass(frozen=True)
class Summary:
    """What the review says about one jurisdiction, in the review's order, all quoted.

    `finding` comes from the corpus data ("addressed" or "no_mention"); renderers turn
    it into a label, the quotes carry the substance.
    """

    jurisdiction: Jurisdiction
    finding: str | None
    policy: tuple[Quote, ...]
    analysis: tuple[Quote, ...]
    sources: tuple[SourceRef, ...]
    notes: tuple[Note, ...]
    corpus_version: str

    @property
    def covered(self) -> bool:
        """Whether the review has anything on this jurisdiction's treatment of open source."""
        return self.finding != "no_mention" and bool(self.policy)

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["covered"] = self.covered
        return data


def whole(entry: Entry) -> Quote:
    """The whole passage as one quote."""
    return quote_of(entry, 0, len(entry.text), 0.0)


def summary(corpus: Corpus, jurisdiction: Jurisdiction) -> Summary:
    """The policy section's passages, then the other passages and sources that concern it."""
    policy_sections = [
        s.id for doc in corpus.documents for s in doc.sections if jurisdiction in s.jurisdictions
    ]
    findings = [
        s.finding
        for doc in corpus.documents
        for s in doc.sections
        if s.id in policy_sections and s.finding
    ]
    policy = [e for e in corpus.entries if e.section.id in policy_sections]
    analysis = [
        e
        for e in corpus.entries
        if jurisdiction in e.jurisdictions and e.section.id not in policy_sections
    ]
    cited = {s.id for e in policy for s in e.cited}
    sources = [
        s for s in corpus.sources.values() if jurisdiction in s.jurisdictions or s.id in cited
    ]
    notes = [
        note_of(gap, corpus.sources)
        for _, gap in corpus.gaps()
        if jurisdiction in gap.jurisdictions
    ]
    return Summary(
        jurisdiction=jurisdiction,
        finding="no_mention" if "no_mention" in findings else (findings[0] if findings else None),
        policy=tuple(whole(e) for e in policy),
        analysis=tuple(whole(e) for e in analysis),
        sources=tuple(SourceRef.of(s) for s in sources),
        notes=tuple(notes),
        corpus_version=corpus.version,
    )


def compare(corpus: Corpus) -> tuple[Summary, ...]:
    """The three jurisdictions side by side."""
    return tuple(summary(corpus, j) for j in JURISDICTIONS)


def parse_jurisdiction(text: str) -> Jurisdiction | None:
    """`us`, `EU`, `china` (any case) → the canonical name; None if unknown."""
    folded = text.strip().casefold()
    return next((j for j in JURISDICTIONS if j.casefold() == folded), None)
