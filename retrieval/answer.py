"""The one pipeline everyone calls: question → `Answer` (transport-free, deterministic)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import InitVar, dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Literal

import numpy as np

from corpus.load import Corpus, Entry
from corpus.types import JURISDICTIONS, Gap, Jurisdiction, Source
from retrieval.index import Bm25Index, FloatArray, Hit
from retrieval.lexicon import Expansion, LexiconMatcher
from retrieval.quotes import best_span
from retrieval.text import STOPWORDS, fold, scan, sentences, stemmed, words

Status = Literal["answered", "no_answer", "invalid"]

MAX_QUESTION_CHARS = 500
QUOTES_PER_PAGE = 3
MAX_HITS = 12
# Calibrated on tests/eval/questions.yaml (see `python -m bot eval`): the share of the
# question's weight (IDF of each term, unknown words weighing as much as the rarest term)
# that the best passage must cover, and how close to the best score further hits must come.
MIN_COVERAGE = 0.5
MIN_RELATIVE_SCORE = 0.35
JURISDICTION_BOOST = 2.0
# A passage about another jurisdiction only (China's, for a question about the EU) is
# demoted: it matches the policy words but answers a different question.
OTHER_JURISDICTION = 0.5
UNKNOWN_WEIGHT = 0.5
FUZZY_CUTOFF = 80.0
# From this many passages the built index is cached on disk (small corpora build faster
# than they load).
CACHE_FROM_PASSAGES = 5_000
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")

NO_ANSWER = (
    "Nothing in the review answers that. The review covers open-source AI models, their "
    "effects on AI safety, and how the US, the EU and China regulated them as of April 2024."
)
EMPTY = "Ask me a question about the review, for example: What does the EU AI Act exempt?"

# Control and format characters (NUL, bidi overrides, zero-width joiners) are dropped from
# questions: they only hide or reorder what a reader sees.
_INVISIBLE = re.compile(
    r"[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]"
)


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


@dataclass(frozen=True)
class Note:
    """Something our copy of the review lost, near a quoted passage: never invented text."""

    gap_id: str
    lost: str
    read_instead: tuple[SourceRef, ...] = ()


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
    }


def citation(entry: Entry) -> str:
    """`Document › Section › Subsection`, and the quoted work for an excerpt."""
    text = " › ".join((entry.document.title, *entry.section_path))
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
    )


def indexed_text(entry: Entry) -> str:
    """What the index holds of a passage: its section titles, then its text (a passage under
    "The EU" matches "EU")."""
    return " ".join(entry.section_path) + " " + entry.text


def note_of(gap: Gap, sources: dict[str, Source]) -> Note:
    refs = tuple(SourceRef.of(sources[s]) for s in gap.read_instead if s in sources)
    return Note(gap.id, gap.lost, refs)


def clean_question(raw: str) -> str:
    """The question as we process and echo it: invisible characters dropped, spaces folded."""
    text = unicodedata.normalize("NFC", raw)
    text = _INVISIBLE.sub("", text)
    # Combining marks stacked beyond any real script's need ("zalgo") are noise.
    text = re.sub(r"([\u0300-\u036f])[\u0300-\u036f]+", r"\1", text)
    return " ".join(text.split())


@dataclass
class Engine:
    """The corpus, its index and lexicon: answers questions and builds summaries."""

    corpus: Corpus
    # Where a large corpus keeps its built index between runs (None: the default place).
    index_cache: Path | None = None
    # An index already built for this corpus (the benchmark times building separately).
    prebuilt: InitVar[Bm25Index | None] = None
    index: Bm25Index = field(init=False)
    lexicon: LexiconMatcher = field(init=False)

    def __post_init__(self, prebuilt: Bm25Index | None) -> None:
        self.lexicon = LexiconMatcher(self.corpus.lexicon)
        self.index = prebuilt if prebuilt is not None else self._build_index()
        self._jurisdiction_masks = {
            j: np.fromiter((j in e.jurisdictions for e in self.corpus.entries), dtype=np.bool_)
            for j in JURISDICTIONS
        }
        self._gaps_after = {
            gap.after: gap for _, gap in self.corpus.gaps() if gap.after is not None
        }
        self._boosts: dict[frozenset[Jurisdiction], FloatArray] = {}
        # Sentences of recently quoted passages: popular passages recur.
        self._sentences = lru_cache(maxsize=1024)(self._split)

    def _build_index(self) -> Bm25Index:
        texts = map(indexed_text, self.corpus.entries)
        if len(self.corpus.entries) < CACHE_FROM_PASSAGES:
            return Bm25Index.from_texts(texts)
        # Bump the "/1" whenever what is indexed for a passage changes.
        return Bm25Index.cached(texts, f"{self.corpus.version}:titles+text/1", self.index_cache)

    def _split(self, doc: int) -> list[tuple[int, int]]:
        return sentences(self.corpus.entries[doc].text)

    # --- spelling ---------------------------------------------------------------------

    @cached_property
    def vocabulary(self) -> dict[str, str]:
        """Folded corpus word → how the corpus spells it most often (built on first use)."""
        spelled: Counter[str] = Counter()
        for entry in self.corpus.entries:
            spelled.update(_WORD.findall(entry.text))
        for path in {e.section_path for e in self.corpus.entries}:
            spelled.update(_WORD.findall(" ".join(path)))
        for terms in self.corpus.lexicon.jurisdictions.values():
            for alias in terms.aliases + terms.case_sensitive:
                spelled.update(_WORD.findall(alias))
        best: dict[str, str] = {}
        for surface, _ in spelled.most_common():
            best.setdefault(fold(surface).removesuffix("'s"), surface)
        return best

    def corrections(self, question: str) -> list[tuple[str, str]]:
        """(misspelt word as typed, correction) for words the corpus does not know."""
        vocabulary = self.vocabulary
        uncovered = {t.word for name in self.lexicon.uncovered(question) for t in scan(name)}
        found = []
        for token in scan(question, keep_stopwords=True):
            word = token.word
            if len(word) < 4 or not word.isalpha() or word in vocabulary or word in STOPWORDS:
                continue
            if word in uncovered or self.index.idf(token.term) is not None:
                continue
            # Imported here: most questions have no unknown word, and start-up is what
            # `python -m bot ask` is measured on.
            from rapidfuzz import fuzz, process

            match = process.extractOne(
                word, vocabulary.keys(), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
            )
            # Typos rarely hit the first letter; requiring it keeps "reset" from "present".
            if match is not None and match[0][0] == word[0] and abs(len(match[0]) - len(word)) <= 1:
                found.append((question[token.start : token.end], vocabulary[match[0]]))
        return found

    # --- answering --------------------------------------------------------------------

    def answer(
        self, question: str, jurisdiction: Jurisdiction | None = None, page: int = 0
    ) -> Answer:
        """Answer `question` with verbatim quotes; `jurisdiction` narrows, `page` pages."""
        text = clean_question(question)
        version = self.corpus.version
        if not text:
            return Answer(question=text, status="invalid", message=EMPTY, corpus_version=version)
        if len(text) > MAX_QUESTION_CHARS:
            too_long = (
                f"That question is {len(text):,} characters long; "
                f"please ask in under {MAX_QUESTION_CHARS} characters."
            )
            return Answer(
                question=text[:MAX_QUESTION_CHARS],
                status="invalid",
                message=too_long,
                corpus_version=version,
            )
        if not any(ch.isalnum() for ch in text):
            return Answer(question=text, status="invalid", message=EMPTY, corpus_version=version)

        fixes = self.corrections(text)
        searched = _apply(text, fixes)
        suggestions = (searched,) if fixes else ()
        found = self.lexicon.jurisdictions(searched)
        if jurisdiction is not None and jurisdiction not in found:
            found = [*found, jurisdiction]
        uncovered = tuple(self.lexicon.uncovered(searched))
        base = Answer(
            question=text,
            status="no_answer",
            jurisdictions=tuple(found),
            suggestions=suggestions,
            uncovered=uncovered,
            page=max(page, 0),
            corpus_version=version,
        )
        if uncovered and not found:
            places = _join(list(uncovered))
            not_covered = (
                f"The review covers the US, the EU and China; it does not discuss {places}."
            )
            return replace(base, message=not_covered)

        expansion = self.lexicon.expand(self.lexicon.without_uncovered(searched), found)
        hits = self._rank(expansion, found, jurisdiction)
        if not hits:
            return replace(base, message=NO_ANSWER)
        first = max(page, 0) * QUOTES_PER_PAGE
        shown = hits[first : first + QUOTES_PER_PAGE]
        weights = self._weights(expansion.terms)
        quotes = tuple(self._quote(hit, weights) for hit in shown)
        notes = tuple(
            note_of(self._gaps_after[q.passage_id], self.corpus.sources)
            for q in quotes
            if q.passage_id in self._gaps_after
        )
        message: str | None = None
        if uncovered:
            message = (
                f"The review does not discuss {_join(list(uncovered))}; "
                f"here is what it says about {_join(found)}."
            )
        elif not quotes:
            message = "No more quotes for this question."
        return replace(
            base,
            status="answered",
            message=message,
            quotes=quotes,
            notes=notes,
            has_more=len(hits) > first + QUOTES_PER_PAGE,
        )

    def _rank(
        self, expansion: Expansion, found: list[Jurisdiction], only: Jurisdiction | None
    ) -> list[Hit]:
        boost = self._boost(frozenset(found)) if found else None
        allowed = self._jurisdiction_masks[only] if only else None
        candidates = self.index.top(expansion.terms, MAX_HITS, boost=boost, allowed=allowed)
        # Re-rank BM25's candidates by how much of the question each one covers: a passage
        # that answers every part beats one that repeats a single word.
        share = self.coverage(expansion)
        scored = [(h, share(h.doc)) for h in candidates]
        scored.sort(key=lambda hc: (-(hc[0].score * (0.5 + hc[1])), hc[0].doc))
        if not scored or scored[0][1] < MIN_COVERAGE:
            return []
        best = scored[0][0].score * (0.5 + scored[0][1])
        return [h for h, c in scored if c > 0 and h.score * (0.5 + c) >= best * MIN_RELATIVE_SCORE]

    def _boost(self, found: frozenset[Jurisdiction]) -> FloatArray:
        """Per passage: the jurisdiction boost for a question about `found` (one array per
        set of jurisdictions, made once: building it is a pass over every passage)."""
        boost = self._boosts.get(found)
        if boost is None:
            boost = np.ones(self.index.size)
            for name, mask in self._jurisdiction_masks.items():
                if name not in found:
                    boost[mask] = OTHER_JURISDICTION
            for name in found:
                boost[self._jurisdiction_masks[name]] = JURISDICTION_BOOST
            boost.flags.writeable = False
            self._boosts[found] = boost
        return boost

    def coverage(self, expansion: Expansion) -> Callable[[int], float]:
        """For a question: passage → the share of the question's weight whose term (or a
        synonym of it) occurs in that passage."""
        # A word the corpus never uses weighs like a moderately rare one: enough that a
        # question made of such words is declined, not so much that one everyday word
        # ("handle", "rules") sinks an otherwise answerable question.
        unknown = UNKNOWN_WEIGHT * float(np.log(self.index.size + 1))
        concepts = [
            (
                self.index.idf(term) or unknown,
                {i for a in alternatives if (i := self.index.term_id(a)) is not None},
            )
            for term, alternatives in expansion.concepts
        ]
        total = sum(weight for weight, _ in concepts)

        def share(doc: int) -> float:
            if not total:
                return 0.0
            present = self.index.term_ids_of(doc)
            return sum(w for w, ids in concepts if not ids.isdisjoint(present)) / total

        return share

    def _weights(self, terms: Sequence[str]) -> dict[str, float]:
        return {t: w for t in terms if (w := self.index.idf(t)) is not None}

    def _quote(self, hit: Hit, weights: dict[str, float]) -> Quote:
        entry = self.corpus.entries[hit.doc]
        # Only words that can stem to a query term are read and stemmed: a Snowball English
        # stem keeps its word's first letter, so the others cannot match.
        initials = frozenset(term[0] for term in weights)
        tokens = stemmed(words(entry.text, initials=initials), only=weights)
        span = best_span(self._sentences(hit.doc), tokens, weights)
        return quote_of(entry, span.start, span.end, hit.score, span.highlights)


def _apply(text: str, fixes: list[tuple[str, str]]) -> str:
    for wrong, right in fixes:
        text = re.sub(rf"(?<!\w){re.escape(wrong)}(?!\w)", right, text)
    return text


def _join(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " or " + names[-1]
