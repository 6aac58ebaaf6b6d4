"""The one pipeline everyone calls: question → `Answer` (transport-free, deterministic)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import InitVar, dataclass, field, replace
from functools import cached_property, lru_cache
from itertools import zip_longest
from pathlib import Path

import numpy as np
import numpy.typing as npt

from corpus.load import Corpus, Entry
from corpus.types import JURISDICTIONS, Document, Jurisdiction
from retrieval import topic
from retrieval.asking import (
    asking_and_context,
    asking_part,
    capitalised_names,
    names_happening,
    offers_options,
    questions_in,
    told_of,
    without_asker_context,
    without_purpose,
    without_section,
)
from retrieval.cache import (
    load_or_build,
    load_or_build_names,
    load_or_build_profiles,
    load_or_build_speller,
)
from retrieval.decide import MOSTLY_UNKNOWN, WEAKLY_FOR, Decision, Meaning, decide, off_topic
from retrieval.help_requests import (
    after_off_topic_note,
    asks_for_help,
    asks_for_media,
    asks_for_pick,
    asks_of_chatbot_use,
)
from retrieval.index import Bm25Index, BoolArray, FloatArray, Hit
from retrieval.intent import (
    AUDIENCE,
    Intent,
    asks_audience,
    asks_authors_view,
    asks_for_sources,
    asks_scope,
    asks_why_only,
    bare_object,
    gesture,
    intent_of,
    is_small_talk,
    names_all_jurisdictions,
    outside_intent,
    overview_of,
    picks_one,
    summarises_chat,
    without_comparison,
)
from retrieval.jurisdictions import NAMES, whole
from retrieval.lexicon import Expansion, LexiconMatcher
from retrieval.profiles import SentenceProfiles
from retrieval.quotes import Span, best_span
from retrieval.rank import (
    Concept,
    names_other_thing,
    names_rare_word,
    names_unknown_number,
    names_unused,
    rank,
    signals,
    unknown_share,
    uses_none,
    weigh,
)
from retrieval.semantic import Closeness, SemanticIndex
from retrieval.semantic_cache import load_or_build as semantic_index
from retrieval.sentencebm25 import SentenceBm25
from retrieval.shorthand import (
    expand_shorthand,
    single_marks,
    unshouted,
    with_links_read,
    without_handles,
    without_question_label,
    without_request_for_place,
    without_request_frame,
    without_salutation,
    without_whom_for,
)
from retrieval.spelling import Speller, spelling_texts
from retrieval.text import (
    STOPWORDS,
    Token,
    clean_question,
    scanned,
    sentence_holding,
    sentences,
    stemmed,
    tokenize,
    with_apostrophes,
    words,
)
from retrieval.truecase import Capitals, names_in
from retrieval.types import Answer, Fact, Note, Quote, note_of, quote_of
from retrieval.variants import spelling_variants
from retrieval.wants import (
    answers_kind,
    asks_authorship,
    asks_for_figure,
    asks_origin_date,
    asks_other_post,
    asks_unstated,
    dated,
    defined_quote,
    first_answers,
    guide_asked,
    measured,
    wanted_kind,
)
from retrieval.wordweights import is_english
from retrieval.works import (
    court_cases,
    credited_work,
    founded,
    named_laws,
    named_works,
    names_other_work,
    names_review,
    opening_possessor,
    openness_asked_of,
    owned_titles,
    plain_works,
    points_at_review,
    quoted_phrases,
    quoted_titles,
    title_pieces,
    view_holders,
)

MAX_QUESTION_CHARS = 500
QUOTES_PER_PAGE = 3
MAX_HITS = 12
JURISDICTION_BOOST = 2.0
# A passage about another jurisdiction only (China's, for a question about the EU) is
# demoted: it matches the policy words but answers a different question.
OTHER_JURISDICTION = 0.5
JURISDICTION_STEP = 0.1
# How much a sentence's closeness in meaning weighs against the question words it holds
# when choosing what to quote (chosen on the dev set).
MEANING_WEIGHT = 0.7
# A sentence of the kind the question asks for outweighs the question's words: one that
# names the document (its series, publisher, authors) when the question is about it ("who is
# behind this?" matches "behind" in another sentence), a figure for "how much".
PREFERRED_WEIGHT = 4.0
# A passage question's word counts for the sentence it is tied to by how few of the passage's
# sentences have questions with that word: "executive order" in the questions of every
# sentence of the Order's passage says nothing of which one answers. From this share (a word
# of every sentence's questions) to all of it (one sentence's); chosen on the dev set.
SHARED_QUESTION_WORD = 0.5
# An overview of one thing ("the gist of the BadLlama paper") is a question about it unless
# a summary passage scores, by words, at least this share of the best passage's.
SUMMARY_SPEAKS_TO = 0.8
# An overview asked of nothing named, in at most this many words besides its kind's, is a
# summary of the review.
ASKERS_WORDS = 2
# At most this many words of the review's summary, asked for in brief, are of its subject
# ("summarize the effects").
BARE_SUBJECT_WORDS = 2
# "The" or "a" before a name ("who made the BadLlama model").
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
# What kind of work a name is, after it: "the BadLlama model", "the Mozilla letter".
_KIND_OF_WORK = re.compile(
    r"\s+(?:model|models|llm|paper|study|report|article|letter|statement|project)$",
    re.IGNORECASE,
)
# From this many passages the built index is cached on disk (small corpora build faster
# than they load).
CACHE_FROM_PASSAGES = 5_000
# The corpus's whole subject: the terms at least this share of its passages hold, once it has
# this many passages.
SUBJECT_SHARE = 0.9
SUBJECT_MIN_PASSAGES = 10
# The sentences that state what places a corpus covers are found by reading every passage,
# once, at its first question about that: up to this many passages (beyond, such a question
# is searched like any other).
SCOPE_READ_UP_TO = 5_000
# The fewest letters of a word's start that name it in a section's title ("intro").
TITLE_PREFIX = 4

NO_ANSWER = (
    "Nothing in the review answers that. The review covers open-source AI models, their "
    "effects on AI safety, and how the US, the EU and China regulated them as of April 2024. "
    "Try /compare to see the three side by side."
)
NO_MORE = "No more quotes for this question."
RELATED = "The review doesn't answer that directly. The closest passages:"
# Replies to small talk: interface text, never content.
SMALL_TALK = {
    "greeting": "Hello! Ask me anything about the review Open-Source AI: A Regulatory Review, "
    "for example: What does the EU AI Act exempt?",
    "farewell": "Bye! Ask again any time.",
    "thanks": "You're welcome! Ask again any time.",
    "about_bot": "I'm Verbatim: I answer questions about the review Open-Source AI: A "
    "Regulatory Review (Convergence Analysis, 2024) with quotes copied word for word from it, "
    "never generated text. Ask, for example: What does the EU AI Act exempt?",
    "never_mind": "No problem! Ask me about the review any time.",
    "follow_up": "I can't tell which earlier answer that follows: ask the whole question, for "
    "example: What does the EU AI Act exempt?",
    "bots_view": "I have no views of my own: I only quote the review. Ask what it says, for "
    "example: What are the risks of open-sourcing models?",
    "reaction": "Ask me anything else about the review Open-Source AI: A Regulatory Review, for "
    "example: What does the EU AI Act exempt?",
    "right_now": "I can't tell the time, the date or the weather, or do sums: I only answer "
    "questions about the review Open-Source AI: A Regulatory Review, with quotes from it.",
    "privacy": "What I keep of your questions, and for how long, is shown by /privacy on "
    "Discord; /forget deletes your questions and feedback. I never see messages that are "
    "not asked of me.",
    "citing": "/cite with a passage id (shown under each quote, such as osai.intro.1) cites "
    "the review at that passage in APA, Chicago, MLA and BibTeX. In place of a page number, "
    "the link under each quote opens the review at the sentence quoted.",
    "contents": "/contents lists the review's sections, each with a link that opens the "
    "review there and the id of its first passage (/passage ID shows one).",
}
EMPTY = "Ask me a question about the review, for example: What does the EU AI Act exempt?"
SOURCES = (
    "The works the review cites, with the passages that quote each, are listed by /sources "
    "(in the terminal, or python -m bot sources); /sources with a word lists those that "
    "mention it."
)


def indexed_parts(entry: Entry) -> tuple[str, ...]:
    """What the index holds of a passage: `written_parts`, and the questions it answers (one
    that answers "who can use the weights?" matches the asker's words, not only the
    author's)."""
    return (*written_parts(entry), *(q.q for q in entry.questions))


def written_parts(entry: Entry) -> tuple[str, ...]:
    """What the corpus writes of a passage: its section titles, the title and authors of the
    source it quotes, and its text (a passage under "The EU" matches "EU"; the excerpt of
    Mozilla's letter, "the Mozilla statement")."""
    quoted = (entry.source.title, *entry.source.authors) if entry.source else ()
    return (*entry.section_path, *quoted, entry.text)


def indexed_text(entry: Entry) -> str:
    """`indexed_parts` as one text, as the index tokenizes it."""
    return " ".join(indexed_parts(entry))


@dataclass
class Engine:
    """The corpus, its index and lexicon: answers questions and builds summaries."""

    corpus: Corpus
    # Where the embeddings, and a large corpus's built index, are kept between runs (None: the
    # default place).
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
        self._section_masks: dict[str, BoolArray] = {}
        # Sentences of recently quoted passages: popular passages recur.
        self._sentences = lru_cache(maxsize=1024)(self._split)
        self._questions = lru_cache(maxsize=1024)(self._tie)
        # A question's unknown words, looked at for variants, then for misspellings.
        self._unknown = lru_cache(maxsize=64)(self._unknown_words)

    def _build_index(self) -> Bm25Index:
        texts = map(indexed_text, self.corpus.entries)
        if len(self.corpus.entries) < CACHE_FROM_PASSAGES:
            return Bm25Index.from_texts(texts)
        # Made with the index, so that the first misspelt question costs what the next does,
        # and the first one that names a work or a version ("llama3") too.
        words = spelling_texts(self.corpus)
        self.speller = load_or_build_speller(words, self.corpus.version, self.index_cache)
        passages = (entry.text for entry in self.corpus.entries)
        self._names = load_or_build_names(passages, self.corpus.version, self.index_cache)
        # Bump the "/1" whenever what is indexed for a passage changes.
        return load_or_build(
            texts, f"{self.corpus.version}:titles+source+text+questions/3", self.index_cache
        )

    def _split(self, doc: int) -> list[tuple[int, int]]:
        return sentences(self.corpus.entries[doc].text)

    # --- spelling ---------------------------------------------------------------------

    @cached_property
    def speller(self) -> Speller:
        """The corpus vocabulary and its corrector: read or built with a large corpus's
        index, built on first use for a small one (it costs less than reading a file)."""
        return Speller.from_texts(spelling_texts(self.corpus))

    def _unknown_words(self, question: str) -> tuple[Token, ...]:
        """The question's words of four letters or more that the corpus does not know (the
        spelling variants and the corrections both look at them)."""
        # The scan expansion reads next (remembered); it leaves out the stopwords that are
        # skipped here anyway.
        return tuple(
            token
            for token in scanned(question)
            if len(token.word) >= 4
            and token.word.isalpha()
            and token.word not in STOPWORDS
            and self.index.idf(token.term) is None
        )

    def variants(self, question: str) -> list[tuple[str, str]]:
        """(word as typed, its other spelling) for words the corpus spells the other way,
        in British or American English: not misspelt, so not a "did you mean"."""
        found = []
        for token in self._unknown(question):
            for other in spelling_variants(token.word):
                if any(self.index.idf(term) is not None for term in tokenize(other)):
                    found.append((question[token.start : token.end], other))
                    break
        return found

    def corrections(self, question: str) -> list[tuple[str, str]]:
        """(misspelt word as typed, correction) for words the corpus does not know."""
        found = []
        # The words of places the review does not cover, which are not misspelt: looked for
        # only when a word is unknown (the answer looks for the places anyway).
        uncovered: set[str] | None = None
        for token in self._unknown(question):
            word = token.word
            if uncovered is None:
                names = self.lexicon.uncovered(question)
                uncovered = {t.word for name in names for t in scanned(name)}
            # The index knows most words: a small corpus builds no speller for them.
            if word in uncovered or word in self.speller:
                continue
            typed = question[token.start : token.end]
            # A word of English is what the asker meant ("worth" is not "worst"), unless it
            # is written as a name and corrects to one ("Lama 2").
            english = is_english(word)
            if english and not typed[0].isupper():
                continue
            fixed = self.speller.correct(word)
            if fixed is None or (english and fixed[0].islower()):
                continue
            # Beside a place the review does not cover, a word is that place's, not a typo
            # of a covered one's name: "canada's ai bill, aida" is not the EU's "AIA".
            if uncovered and self.lexicon.jurisdictions(fixed):
                continue
            found.append((typed, fixed))
        return found

    # --- answering --------------------------------------------------------------------

    def answer(
        self,
        question: str,
        jurisdiction: Jurisdiction | None = None,
        page: int = 0,
        document: str | None = None,
        claim: bool = False,
    ) -> Answer:
        """Answer `question` with verbatim quotes; `jurisdiction` and `document` (an id:
        only its passages) narrow, `page` pages; a `claim` (someone's message looked up) is
        searched even when it asks nothing."""
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
        read = single_marks(unshouted(without_handles(text)))
        read, linked = with_links_read(read, self._document_urls)
        document = document or linked
        if not any(ch.isalnum() for ch in read):  # "???", "👋", or "@Verbatim" alone
            if (said := gesture(read)) is not None:
                return Answer(
                    question=text,
                    status="no_answer",
                    message=SMALL_TALK[said],
                    corpus_version=version,
                )
            return Answer(question=text, status="invalid", message=EMPTY, corpus_version=version)
        # "Hey, what does the EU exempt?" asks what the EU exempts; "hi there!" is a greeting.
        asked = without_salutation(read)
        if asked != read and not is_small_talk(read):
            read = asked
        read = without_request_frame(without_request_for_place(without_question_label(read)))
        read = without_whom_for(read)
        # "Off topic, but…": the asker's word that it is not about the review outweighs
        # passages that only touch on its words; what the review surely answers is answered.
        rest = after_off_topic_note(read)
        if rest is not None:
            answered = self.answer(rest, jurisdiction, page, document, claim) if rest else None
            if answered is None or answered.confidence == "low":
                return Answer(
                    question=text, status="no_answer", message=NO_ANSWER, corpus_version=version
                )
            return replace(answered, question=text)
        lexicon = self.lexicon
        read = self._versions_spaced(expand_shorthand(with_apostrophes(read)))
        read = lexicon.with_place_capitals(
            lexicon.with_possessives(lexicon.with_other_senses(read))
        )
        read = _apply(read, self.variants(read))
        fixes = self.corrections(read)
        searched = _apply(read, fixes)
        suggestions = (searched,) if fixes else ()
        found = self.lexicon.jurisdictions(searched)
        # "Compare all three" asks of each; "of the three, which one…" for one of them.
        if not found and names_all_jurisdictions(searched) and wanted_kind(searched) is None:
            found = list(JURISDICTIONS)
        if jurisdiction is not None and jurisdiction not in found:
            found = [*found, jurisdiction]
        intent = intent_of(searched, len(found), claim)
        # A summary or the document's facts are asked of what its clauses about the asker
        # leave ("i write for a small tech newsletter in brazil": Brazil is not asked about).
        asked_of = (
            without_asker_context(searched, intent)
            if intent in ("overview", "document")
            else searched
        )
        uncovered = tuple(self.lexicon.uncovered(asked_of))
        base = Answer(
            question=text,
            status="no_answer",
            jurisdictions=tuple(found),
            suggestions=suggestions,
            uncovered=uncovered,
            page=max(page, 0),
            corpus_version=version,
        )
        if intent == "question" and (
            asks_of_chatbot_use(searched) or asks_for_media(searched) or asks_other_post(searched)
        ):
            return replace(base, message=NO_ANSWER)
        if uncovered and not found:
            places = _join(list(uncovered))
            not_covered = (
                f"The review covers the US, the EU and China; it does not discuss {places}."
            )
            if asks_scope(searched):
                # "Which countries does it cover? India?": the sentence on its scope answers.
                scope = self.answer(
                    self.lexicon.without_uncovered(searched), page=page, document=document
                )
                if scope.quotes:
                    return replace(scope, question=text, message=not_covered, uncovered=uncovered)
            return replace(base, message=not_covered)

        if intent in SMALL_TALK:
            return replace(base, message=SMALL_TALK[intent])
        if asks_for_sources(searched):
            return replace(base, message=SOURCES)
        # "Anyone got an explainer on the EU data act?", "what did the RAND report find?": a
        # law or a work the review never names is what it asks about, however many of the
        # review's words it uses.
        if (
            self._names_only_other_laws(searched)
            or self._asks_of_unheld_work(searched)
            or self._defines_unheld_term(searched)
        ):
            return replace(base, message=NO_ANSWER)
        # "Which countries does it cover?", "why only those three?": the sentences that name
        # every place it covers.
        every = len(found) == len(JURISDICTIONS)
        scope_asked = (asks_scope(searched) and (every or not found)) or (
            every and asks_why_only(searched)
        )
        if scope_asked and (covering := self._scope(document)):
            stated, more = self._page(covering, max(page, 0), self._quote_scope)
            if not stated:
                return replace(base, message=NO_MORE)
            return replace(
                base,
                status="answered",
                confidence="high",
                quotes=tuple(stated),
                notes=self._notes(stated),
                has_more=more,
            )
        if intent == "overview":
            # What it is needed for is not what it is of: "china summary pls, for my essay".
            searched = without_purpose(searched)
            asked_of = without_purpose(asked_of)
        # "Who is Deric Cheng?": of its authors a document says only that they wrote it, so
        # its metadata and opening section are the closest it comes, as a related answer.
        author_of = self._author_of(searched) if intent == "question" else None
        if author_of is not None:
            intent, document = "document", document or author_of
        elif intent == "document" and self._credits_discussed(searched):
            intent = "question"
        facts = self._facts(document) if intent == "document" else ()
        # "Who wrote harry potter" has the form of a question about the review, not its
        # topic: what the review says of itself is shown, but only as related; such a
        # question that also comes near nothing the review says is declined.
        # A summary asked beside another work or a happening ("finished Middlemarch, gist?")
        # is of that: the review's own summary is not even related.
        of_context = author_of is None and (
            self._of_context(searched, intent) or summarises_chat(searched)
        )
        elsewhere = of_context or (
            intent in ("overview", "document")
            and author_of is None
            and self._about_else(asked_of, intent)
        )
        whole = searched  # whether it asks for help is read in all of it
        # "What's in the analysis section?", "summarize the introduction": that part, whole.
        titled = self._titled_section(searched, intent, document) if not found else None
        if titled:
            return self._whole(base, titled, facts)
        # "Summarize the US section" asks for that jurisdiction's part of the review.
        section = (
            without_section(outside_intent(searched, intent)) if intent == "overview" else None
        )
        if found and section is not None and not self._topic(section):
            return self._whole(base, _of(self._policy_entries(found), document), facts)
        # "Weapons of math destruction, cathy o'neil — what year did it come out?" asks of that
        # book: the review's own date is not even related.
        if intent == "document" and of_context:
            return replace(base, message=NO_ANSWER)
        if intent == "overview" and not elsewhere and self._answered_elsewhere(asked_of, found):
            intent, searched = "question", outside_intent(searched, intent)
        if intent == "overview":
            if of_context or (
                elsewhere
                and not self._rank(searched, lexicon.expand(searched, found), found, None).hits
            ):
                return replace(base, message=NO_ANSWER)
            summary = self._summary_for(outside_intent(searched, intent), found)
            return _hedged(self._whole(base, _of(summary, document), facts), elsewhere)
        if found and intent != "document" and not self._topic(searched):
            answered = self._whole(base, _of(self._policy_entries(found), document), facts)
            # "What exactly does the executive order tell the secretary of commerce to do?"
            # asks of the US section no more than the first quote can answer.
            first = answered.quotes[0] if answered.quotes else None
            return _hedged(
                answered, first is not None and not first_answers(searched, _texts(first))
            )
        # "Of the US, the EU and China, which one…" is searched as "of the three, which one…":
        # their names lead to the sentence that lists all three.
        ranked, ranked_as = searched, found
        if intent == "question" and len(found) == len(JURISDICTIONS) and picks_one(searched):
            ranked, ranked_as = self.lexicon.without_jurisdictions(searched), []
        # Names of uncovered places cannot be matched: they go, when there are any.
        asked = self.lexicon.without_uncovered(ranked) if uncovered else ranked
        expansion = self.lexicon.expand(asked, ranked_as)
        if intent == "comparison":
            decision = self._comparison(searched, expansion, found, document)
        elif intent == "document":
            decision = self._about_document(searched, expansion, document, elsewhere)
        else:
            allowed = self._allowed(jurisdiction, document)
            decision = self._rank(ranked, expansion, ranked_as, allowed, whole)
        if not decision.hits:
            if facts and not elsewhere:
                return replace(base, status="answered", confidence="high", facts=facts)
            return replace(base, message=NO_ANSWER)
        weights = self._weights(expansion.terms)
        kind = wanted_kind(searched)
        prefer = self._stating(document, searched) if facts else kind or guide_asked(searched)
        found_quotes, has_more = self._page(
            decision.hits,
            max(page, 0),
            lambda hit, to_end: self._quote(hit, weights, decision.closeness, prefer, to_end),
        )
        quotes = tuple(found_quotes)
        # "How much" or "when": a quote that states a figure or a date goes first, but one
        # that ranked lower only makes the answer related, not confident.
        texts = [q.shown for q in quotes]
        fits = answers_kind(kind, texts)
        # With no date or figure in the first quote, the review does not answer when something
        # first came about (of 2023 and 2024, it tells no history: "when was linux first
        # released"), nor a count of something it never names ("how much water does a
        # chatgpt prompt use").
        if (fits and not fits[0]) and (
            asks_origin_date(searched) or self._counts_or_dates_unheld(searched)
        ):
            return replace(base, message=NO_ANSWER)
        order = sorted(range(len(quotes)), key=lambda i: not fits[i])
        confidence = decision.confidence if order == sorted(order) else "low"
        quotes = tuple(quotes[i] for i in order)
        message: str | None = None
        if uncovered:
            message = (
                f"The review does not discuss {_join(list(uncovered))}; "
                f"here is what it says about {_join([NAMES[j] for j in found], 'and')}."
            )
            # What it says of them does not answer what was asked of the other place; but
            # a question that names every one it covers asks about its scope ("why only the
            # US, the EU and China, not the UK?").
            if len(found) < len(JURISDICTIONS):
                confidence = "low"
        elif not quotes:
            message = NO_MORE
        if facts:  # the metadata answers a question about the document itself
            # Of its authors, it states only that they wrote it.
            of_someone = author_of is not None and not asks_authorship(searched)
            confidence = "low" if elsewhere or of_someone or asks_unstated(searched) else "high"
        elif quotes and not (any(fits) and first_answers(searched, _texts(quotes[0]))):
            # None states the figure or date asked for, or the first does not answer what
            # the question asks for (`first_answers`).
            confidence = "low"
        if quotes and not message and confidence == "low":
            message = RELATED
        return replace(
            base,
            status="answered",
            confidence=confidence,
            message=message,
            quotes=quotes,
            notes=self._notes(quotes),
            facts=facts,
            has_more=has_more,
        )

    def _about_else(self, question: str, intent: Intent) -> bool:
        """Whether what an overview or document question asks of is about something else:
        both its asking sentences and, within them, the clauses with the words of its kind
        ("summary please, for my class" asks of nothing but the review; "open weights vs
        real open source, the diff in a nutshell?" asks of open weights)."""
        # "Who wrote the wealth of nations" names a work, not by any of the review's names.
        work = credited_work(question) if intent == "document" else None
        if work is not None and self._document_names.isdisjoint(tokenize(work)):
            return True
        sentences, clauses = asking_part(question, intent), asking_part(question, intent, True)
        # Only the clause that asks points at the review: "a summary of the last episode, i
        # missed it" does not.
        pointing = points_at_review(clauses)
        return all(self._asks_of_else(part, intent, pointing) for part in {sentences, clauses})

    def _of_context(self, question: str, intent: Intent) -> bool:
        """Whether a bare overview ("recap?") or question about a document ("what year did it
        come out?") asks of what a clause beside it names: a happening, someone else's
        document or a work the corpus never mentions, in words that speak for something else
        ("the oscars were last night", "the email from HR", "finished Middlemarch", "weapons
        of math destruction, cathy o'neil"), not the review ("…, the review's bottom line?")."""
        if intent not in ("overview", "document"):
            return False
        if self._quotes_unheld_title(question):
            return True
        asking, clauses = asking_and_context(question, intent)
        if overview_of(asking) is not None or names_review(asking):
            return False
        # Answers offered after what asks are not what "it" stands for: "who's it written
        # for, techies or lawmakers?"
        asked_at = question.find(asking)
        clauses = [c for c in clauses if not (offers_options(c) and question.find(c) > asked_at)]
        # "When did this come out, bluebook needs a date": asked of the document by more than
        # "it", a question about it is of the review, whatever comes beside.
        if intent == "document" and points_at_review(asking, here=False, it=False):
            return False
        # A pronoun stands for the review unless a clause before it named what else it may
        # stand for ("Barbie movie — key takeaways? my gf wants to discuss it").
        pointing = next(
            (i for i, c in enumerate(clauses) if points_at_review(c, here=False)), len(clauses)
        )
        context = " ".join(clauses[:pointing])
        if names_happening(context) or names_happening(asking):
            return self._of_else(context)
        # A name the corpus never uses ("finished Middlemarch") is of something else when
        # the clause speaks for something else, not when the rest of it is the review's
        # subject ("a soundbite on open weights vs open source").
        told = " ".join(told_of(c) for c in clauses[:pointing])
        weighed = self._concepts(told)
        # A title in everyday words ("cathedral and the bazaar — who wrote it and when?")
        # names no rare word, but when hardly any of its words are the corpus's, "it" is that.
        titled = intent == "document" and _titled_it(told, asking)
        if titled and unknown_share(self.index, weighed) > MOSTLY_UNKNOWN:
            return True
        if not self._names_other(told, weighed):
            return False
        subject = self._topic_score(told)
        return self._of_else(told, weighed) and (subject is None or subject < WEAKLY_FOR)

    def _quotes_unheld_title(self, text: str) -> bool:
        """Whether `text` quotes a work by a title that neither the corpus nor its titles
        hold ("the main findings of the "Sparks of AGI" paper")."""
        return any(
            not all(self._holds_phrase(p) or self._in_titles(p) for p in title_pieces(title))
            for title in quoted_titles(text)
        )

    def _asks_of_unheld_work(self, text: str) -> bool:
        """Whether `text`, naming no review, asks of a work, a view, a court case or a model
        the corpus never mentions: by a title it quotes, by whose it is ("the RAND report",
        "(Irving et al.)", "a16z's position on…"), by its parties ("bernstein v DOJ") or
        whether it is open ("is alphafold open source?") or who founded it."""
        # A place's view is answered by what the review says of the place, or that it does
        # not cover it ("what did France argue during the AI Act negotiations?").
        holders = [[holder] for holder in view_holders(text) if not self.lexicon.is_place(holder)]
        # Whose it is, opening the message, by a name no everyday word is: "aschenbrenner's
        # situational awareness, …".
        owner = opening_possessor(text)
        owners = [[owner]] if owner is not None and not is_english(owner.lower()) else []
        # Whose view or model it is, which only the questions a passage answers may name.
        whose = [*holders, *owners, *openness_asked_of(text), *founded(text)]
        return (
            self._quotes_unheld_title(text)
            or any(map(self._any_unused, [*named_works(text), *court_cases(text)]))
            or any(map(self._any_unwritten, whose))
            or any(map(self._mostly_unused, owned_titles(text)))
            or any(map(self._led_by_unused_name, plain_works(text)))
        )

    def _led_by_unused_name(self, words: Sequence[str]) -> bool:
        """Whether a work's lower-case name opens with a word the corpus never uses, and holds
        none of its names but everyday words ("stanford ai", not "jeffrey ladish": the review
        writes Jeoffrey)."""
        return self._any_unused(words[:1]) and not any(
            w.casefold() in self._names and not is_english(w.casefold()) for w in words
        )

    def _mostly_unused(self, title: str) -> bool:
        """Whether most of `title`'s weight is in words the corpus never uses ("sleeper
        agents", not "llama 3 launch")."""
        return unknown_share(self.index, self._concepts(title)) >= _MOSTLY_UNUSED

    def _counts_or_dates_unheld(self, question: str) -> bool:
        """Whether `question` asks (not tells as context) a count or a date of something the
        corpus never names ("how much water…", "when did netscape open source its
        browser")."""
        asking = questions_in(question) or question
        return any(
            subject is not None and self._any_unused([subject])
            for subject in (measured(asking), dated(asking))
        )

    def _names_only_other_laws(self, text: str) -> bool:
        """Whether `text` names laws, none of them one the corpus names ("the cyber
        resilience act", "the Colorado AI Act"; not "the EU act")."""
        laws = named_laws(text, self.lexicon.is_place)
        return bool(laws) and all(map(self._other_law, laws))

    def _other_law(self, name: Sequence[str]) -> bool:
        """Whether a law's name, ending with its kind ("cyber resilience act"), names one
        the corpus never does."""
        *words, kind = name
        if self._holds_phrase(" ".join(name)) or self.lexicon.jurisdictions(words[-1]):
            return False
        if not self._holds_phrase(f"{words[-1]} {kind}"):
            return True
        # The name of a law the corpus holds led by a name it never uses: "the Colorado AI
        # Act"; not by a name of a place it covers ("the European Union AI Act").
        return self._any_unused(self.lexicon.without_jurisdictions(" ".join(words[:-1])).split())

    def _names_other(self, text: str, weighed: Sequence[Concept]) -> bool:
        """Whether `text` (its concepts `weighed`) names what the corpus never mentions: by a
        word it capitalises ("finished Middlemarch"), or, typed all in lower case, by a word
        rare in English."""
        names = capitalised_names(text)
        if names is None:
            return names_other_thing(self.index, weighed)
        return self._any_unused(names)

    def _concepts(self, text: str) -> list[Concept]:
        """The concepts of `text` asked on its own, of no jurisdiction, weighed."""
        return weigh(self.index, self.lexicon.expand(text, []))

    def _any_unused(self, names: Sequence[str]) -> bool:
        """Whether the corpus never uses one of `names` ("Middlemarch"), by any term."""
        return names_unused(self.index, self._concepts(" ".join(names)))

    def _any_unwritten(self, names: Sequence[str]) -> bool:
        """Whether the corpus never uses one of `names`, or never writes one that is no
        everyday word: the questions a passage answers, in askers' words, name what the
        corpus never does ("what did openai say about open sourcing?")."""
        rare = " ".join(name for name in names if not is_english(name.lower()))
        return self._any_unused(names) or any(
            not any(map(self._written, concept.terms)) for concept in self._concepts(rare)
        )

    def _written(self, term: str) -> bool:
        """Whether a passage's `written_parts` hold `term`: read only in the passages whose
        index terms hold it, and only until one does."""
        return any(
            term in tokenize(" ".join(written_parts(self.corpus.entries[doc])))
            for doc in self.index.docs_of(term)
        )

    @cached_property
    def _document_names(self) -> frozenset[str]:
        """The terms of the documents' titles, publishers and series: the names a question
        may call one of them by ("the convergence OSS review", "the open source AI one")."""
        names = (f"{d.title} {d.publisher or ''} {d.series or ''}" for d in self.corpus.documents)
        return frozenset(term for name in names for term in tokenize(name))

    def _credits_discussed(self, question: str) -> bool:
        """Whether `question` asks who made something the corpus speaks of, not one of its
        documents ("who made llama 2?" asks what the review says of Llama 2)."""
        work = credited_work(question)
        if work is None:
            return False
        # A passage names it word for word, and not only by a document's names ("the open
        # source AI one" is the review; "Palisade Research" shares "research" with its
        # publisher).
        named = _KIND_OF_WORK.sub("", _LEADING_ARTICLE.sub("", work.strip()))
        return self._holds_phrase(named) and not self._document_names.issuperset(tokenize(named))

    def _asks_of_else(self, asking: str, intent: Intent, pointing: bool) -> bool:
        """Whether `asking` without the words of its kind names something the corpus never
        mentions ("the authors' take on mistral?"); or, not pointing at the review ("who's
        behind this, some think tank?"), is an overview of something the review does not
        answer ("the gist of the parish newsletter") or is mostly in words the corpus never
        uses, or in words that speak for something else ("main takeaways from the fed
        minutes")."""
        rest = outside_intent(asking, intent)
        weighed = self._concepts(rest)
        if names_other_thing(self.index, weighed):
            return True
        if pointing:
            return False
        if intent == "overview":
            of = overview_of(asking)
            # Asked of nothing named, in a few words more, a summary is the review's ("what's
            # the main message I should remember?"): those words are the asker's.
            if of is None and len(weighed) <= ASKERS_WORDS:
                # ...unless they name, bare beside it, what the corpus never mentions
                # ("chernobyl tldr", "quantum entanglement in a nutshell?").
                bare = bare_object(asking)
                return bare is not None and uses_none(self.index, self._concepts(bare))
            # Named, it is of what the review answers, or of a place it covers ("the key
            # takeaways on the US approach"), by names the corpus uses ("the gist of the
            # RAND report on bioweapons" is not).
            if of is not None and (
                self._names_unused_name(asking, of)
                or not (
                    self.lexicon.jurisdictions(of)
                    or self._of_its_subject(of)
                    or self._answered_alone(of)
                )
            ):
                return True
        return self._of_else(rest, weighed)

    def _of_its_subject(self, text: str) -> bool:
        """Whether `text` is one or two words that the review's own summary uses, which a
        summary of them takes in the sense of its subject ("summarize the effects": of
        open-sourcing)."""
        weighed = self._concepts(text)
        return 0 < len(weighed) <= BARE_SUBJECT_WORDS and all(
            not c.terms.isdisjoint(self._summary_terms) for c in weighed
        )

    def _names_unused_name(self, text: str, part: str) -> bool:
        """Whether `part` of `text` holds a word `text` capitalises as a name that the corpus
        never uses ("the Stanford AI Index")."""
        words = set(tokenize(part))
        return self._any_unused([n for n in capitalised_names(text) or [] if n.lower() in words])

    def _answered_alone(self, text: str) -> bool:
        """Whether a passage answers `text` asked on its own, of no jurisdiction."""
        return bool(self._rank(text, self.lexicon.expand(text, []), [], None).hits)

    def _of_else(self, text: str, weighed: Sequence[Concept] | None = None) -> bool:
        """Whether `text` (its concepts `weighed`, when the caller has them) is mostly in
        words the corpus never uses, or in words that speak for something else ("from the
        fed minutes"); nothing ("tl;dr" alone) is of nothing else."""
        if weighed is None:
            weighed = self._concepts(text)
        unknown = unknown_share(self.index, weighed)
        if unknown > MOSTLY_UNKNOWN:
            return True
        subject = self._topic_score(text) if weighed else None
        return subject is not None and off_topic(subject, unknown)

    def _page(
        self, hits: Sequence[Hit], page: int, quote: Callable[[Hit, bool], Quote]
    ) -> tuple[list[Quote], bool]:
        """The quotes of `page`, and whether more follow. A quote that ends on its passage's
        lead-in ("… the authors conclude that", "To quote …:") carries the passage it
        introduces as its continuation; when it stops short of the lead-in, that passage is
        the next quote. `quote(hit, to_end)` quotes a hit, with `to_end` ending with its
        passage."""
        first = page * QUOTES_PER_PAGE
        quotes: list[Quote] = []
        for hit, follower, lead in self._with_followers(hits):
            if len(quotes) == first + QUOTES_PER_PAGE:
                return quotes[first:], True
            found = quote(hit, lead)
            if follower is None:
                quotes.append(found)
            elif found.end >= _text_end(self.corpus.entries[hit.doc].text):
                quotes.append(replace(found, continuation=quote(follower, False)))
            else:
                quotes.append(found)
                if len(quotes) == first + QUOTES_PER_PAGE:
                    return quotes[first:], True
                quotes.append(quote(follower, False))
        return quotes[first:], False

    def _with_followers(self, hits: Sequence[Hit]) -> Iterator[tuple[Hit, Hit | None, bool]]:
        """Hits, each once, a lead-in with the passage it introduces: a lead-in that ranked
        has that passage moved up to follow it (the lead-in names the topic, what follows
        says it), and a passage that ranked has its lead-in, not shown yet, brought in before
        it (an excerpt says who speaks only there: "To quote … Ladish:"), to be quoted to its
        end (the third value). Made as far as a page reads them."""
        shown: set[int] = set()
        for hit in hits:
            if hit.doc in shown:
                continue
            before = hit.doc - 1
            if before >= 0 and before not in shown and self._introduces(before):
                shown.update((before, hit.doc))
                yield _hit_of(hits, before), hit, True
                continue
            shown.add(hit.doc)
            after = hit.doc + 1
            if after in shown or not self._introduces(hit.doc):
                yield hit, None, False
                continue
            shown.add(after)
            yield hit, _hit_of(hits, after), False

    def _introduces(self, doc: int) -> bool:
        """Whether a passage ends on a lead-in to the next one in its section."""
        entries = self.corpus.entries
        return (
            _leads_in(entries[doc].text)
            and doc + 1 < len(entries)
            and entries[doc + 1].section == entries[doc].section
        )

    def _notes(self, quotes: Sequence[Quote]) -> tuple[Note, ...]:
        return tuple(
            note_of(self._gaps_after[part.passage_id], self.corpus.sources)
            for q in quotes
            for part in q.parts
            if part.passage_id in self._gaps_after
        )

    def _whole(self, base: Answer, entries: Sequence[Entry], facts: tuple[Fact, ...]) -> Answer:
        """An answer of whole passages, paged: a summary, or what a jurisdiction's section
        says."""
        first = base.page * QUOTES_PER_PAGE
        quotes = tuple(whole(e) for e in entries[first : first + QUOTES_PER_PAGE])
        if not quotes:
            return replace(base, message=NO_MORE if first else NO_ANSWER)
        return replace(
            base,
            status="answered",
            confidence="high",
            quotes=quotes,
            notes=self._notes(quotes),
            facts=facts,
            has_more=len(entries) > first + QUOTES_PER_PAGE,
        )

    @cached_property
    def _scope_sentences(self) -> dict[int, re.Pattern[str]]:
        """Passage → its sentences that name every jurisdiction the lexicon knows (what a
        document says it covers), as one pattern; only passages that have one."""
        found: dict[int, re.Pattern[str]] = {}
        if len(self.corpus.entries) > SCOPE_READ_UP_TO:
            return found
        for doc, entry in enumerate(self.corpus.entries):
            naming = [
                re.escape(entry.text[start:end])
                for start, end in self._sentences(doc)
                if len(self.lexicon.jurisdictions(entry.text[start:end])) == len(JURISDICTIONS)
            ]
            if naming:
                found[doc] = re.compile("|".join(naming))
        return found

    def _scope(self, document: str | None) -> list[Hit]:
        """The passages (of `document`, if given) that state the places covered."""
        allowed = self._allowed(None, document)
        return [Hit(doc, 1.0) for doc in self._scope_sentences if allowed is None or allowed[doc]]

    def _quote_scope(self, hit: Hit, to_end: bool) -> Quote:
        return self._quote(hit, {}, prefer=self._scope_sentences[hit.doc], to_end=to_end)

    @cached_property
    def _in_summary(self) -> BoolArray:
        """Per passage, whether it is in a document's own summary section (a pass over every
        passage, made once)."""
        entries = self.corpus.entries
        mask = np.fromiter((e.section.summary for e in entries), np.bool_, len(entries))
        mask.flags.writeable = False
        return mask

    def _answered_elsewhere(self, question: str, found: list[Jurisdiction]) -> bool:
        """Whether an overview asks after one thing that a passage outside the review's
        summary answers with confidence, and the summary does not ("what did the pandemic
        paper conclude? just the gist"), or that names another work ("tl;dr of that pandemic
        agents paper?"), which the summary does not discuss: then it is a question about
        that. Not when it asks for the authors' view, which their summary states."""
        rest = outside_intent(question, "overview")
        if asks_authors_view(question) or not self.lexicon.has_concepts(rest):
            return False
        expansion = self.lexicon.expand(rest, found)
        if names_other_work(question) or self._names_beyond_summary(expansion):
            return True
        decision = self._rank(rest, expansion, found, None, question)
        if decision.confidence != "high":
            return False
        # Unless the summary speaks to it too ("key takeaways on transparency").
        best = max(hit.score for hit in decision.hits)
        return not any(
            self._in_summary[hit.doc] and hit.score >= SUMMARY_SPEAKS_TO * best
            for hit in decision.hits
        )

    def _names_beyond_summary(self, expansion: Expansion) -> bool:
        """Whether what an overview asks after (its `expansion`) names someone or something
        the corpus holds (a word rare in English: "Mozilla", "Palisade") that the summary
        never mentions ("the Mozilla crowd, what's their main point?" asks what the review
        says of them)."""
        names = [c.terms for c in weigh(self.index, expansion) if c.rare_name]
        return bool(names) and all(terms.isdisjoint(self._summary_terms) for terms in names)

    @cached_property
    def _summary_terms(self) -> frozenset[str]:
        """The terms of the passages of the documents' own summaries."""
        docs = np.flatnonzero(self._in_summary).tolist()
        return frozenset(term for doc in docs for term in self.index.terms_of(doc))

    def _summary_for(self, rest: str, found: list[Jurisdiction]) -> list[Entry]:
        """The summary passages: those that speak to what else an overview asks ("the
        authors' take on the downside of open releases") first, the others in their order."""
        order = [int(n) for n in np.flatnonzero(self._in_summary)]
        if self.lexicon.has_concepts(rest):
            expansion = self.lexicon.expand(rest, found)
            ranked = [h.doc for h in self._rank(rest, expansion, found, self._in_summary).hits]
            if not ranked and self.semantic is not None:
                # Its words answer nothing on their own ("tell my boss… 1 line"), but what
                # they mean still tells which of the summary's points comes first.
                near = self.semantic.closeness(self._capitals(rest)).by_passage
                ranked = sorted(order, key=lambda n: -float(near[n]))
            order = list(dict.fromkeys([*ranked, *order]))
        return [self.corpus.entries[n] for n in order]

    @cached_property
    def _policy(self) -> dict[Jurisdiction, frozenset[int]]:
        """Per jurisdiction, the positions of its own sections' passages (made once)."""
        found: dict[Jurisdiction, set[int]] = {j: set() for j in JURISDICTIONS}
        for n, e in enumerate(self.corpus.entries):
            for j in e.section.jurisdictions:
                found[j].add(n)
        return {j: frozenset(ns) for j, ns in found.items()}

    def _policy_entries(self, found: Sequence[Jurisdiction]) -> list[Entry]:
        """The passages of the named jurisdictions' own sections, in corpus order."""
        positions = sorted(set().union(*(self._policy[j] for j in found)))
        return [self.corpus.entries[n] for n in positions]

    def _topic(self, text: str) -> bool:
        """Whether `text` asks about anything besides the jurisdictions it names, what the
        asker needs it for and the corpus's whole subject: "how's the EU handling open
        source AI?" asks for the EU's section, as "the EU?" does."""
        rest = self.lexicon.without_jurisdictions(without_purpose(text))
        return not all(self._of_whole_subject(t) for t in self.lexicon.concept_terms(rest))

    def _of_whole_subject(self, term: str) -> bool:
        """Whether nearly every passage holds `term`, in a corpus large enough to tell its
        subject from what one passage says ("ai", "open", "source", "model"): read from its
        IDF, log((N + 1) / df), which every index gives."""
        size = self.index.size
        idf = self.index.idf(term)
        if size < SUBJECT_MIN_PASSAGES or idf is None:
            return False
        return idf <= math.log((size + 1) / (SUBJECT_SHARE * size))

    def _per_jurisdiction(
        self,
        question: str,
        expansion: Expansion,
        found: Sequence[Jurisdiction],
        document: str | None = None,
    ) -> list[Hit]:
        """The best passage about each named jurisdiction, side by side: the one the question
        asks about first ("does China give them a pass like the EU?"), then the closest to
        it; then the next best of each, in the same order, and so on."""
        sides: list[tuple[bool, float, list[Hit]]] = []
        subject = self.lexicon.subject(question)
        for name in found:
            decision = self._rank(question, expansion, [name], self._allowed(name, document))
            # A side of the comparison is shown even when it answers poorly: that is the
            # comparison.
            hits = decision.hits or self.index.top(
                expansion.terms, 1, allowed=self._allowed(name, document)
            )
            if hits:
                near = decision.closeness.by_passage[hits[0].doc] if decision.closeness else 0.0
                sides.append((name != subject, -float(near), hits))
        sides.sort(key=lambda side: side[:2])
        shown: dict[int, Hit] = {}
        for row in zip_longest(*(hits for _, _, hits in sides)):
            for hit in row:
                if hit is not None:
                    shown.setdefault(hit.doc, hit)
        return list(shown.values())

    def _comparison(
        self,
        question: str,
        expansion: Expansion,
        found: Sequence[Jurisdiction],
        document: str | None,
    ) -> Decision:
        """The named jurisdictions side by side (`_per_jurisdiction`): sure when the review
        answers what it compares them on, asked alone; related when it does not ("how do the
        US and EU differ on fines?"); none when that is something else ("how do the US and EU
        differ on GMO labelling?")."""
        # The sentences that ask, when the others give context ("…on food additives? i heard
        # titanium dioxide got banned over there").
        asked = questions_in(question) or question
        rest = self.lexicon.without_jurisdictions(without_comparison(asked))
        # "Does it compare the US, EU and China fairly?" asks of the review itself.
        sure = not self._topic(rest) or points_at_review(asked) or self._answered_alone(rest)
        if not sure and self._of_else(rest):
            return Decision([], "low")
        hits = self._per_jurisdiction(question, expansion, found, document)
        return Decision(hits, "high" if sure else "low")

    def _about_document(
        self, question: str, expansion: Expansion, document: str | None, elsewhere: bool
    ) -> Decision:
        """For a question about the document itself, the passages of its opening section,
        where a document says what it is, who made it and for whom: those that state what is
        asked (whom it is for, or its metadata) first, then the closest to the question. No
        passage when it asks of something else (`elsewhere`) and nothing in the section comes
        near it ("who wrote pride and prejudice")."""
        allowed = self._in_section(self._document(document).sections[0].id)
        decision = self._rank(question, expansion, [], allowed)
        if elsewhere and not decision.hits:
            return decision
        ranked = {h.doc for h in decision.hits}
        rest = [Hit(int(d), 0.0) for d in np.flatnonzero(allowed) if d not in ranked]
        hits = [*decision.hits, *rest]
        # The passages that say what is asked (whom it is for, or its metadata: its series,
        # title, authors, publisher) go first, in the order they ranked.
        stating = self._stating(document, question)
        if stating is not None:
            entries = self.corpus.entries
            hits.sort(key=lambda hit: stating.search(entries[hit.doc].text) is None)
        return replace(decision, hits=hits, confidence="high")

    def _titled_section(self, question: str, intent: Intent, document: str | None) -> list[Entry]:
        """The passages of the one section (with those under it) that `question` asks for by
        its title's words: beside "section", "part" or "chapter" ("what's in the analysis
        section?", "the intro part"), or, asking for an overview, by all of them
        ("summarize the introduction"); none when it asks for anything else ("which section
        of the executive order…?")."""
        if intent not in ("overview", "question"):
            return []
        rest = outside_intent(question, intent)
        part = without_section(rest)
        if part is None and intent != "overview":
            return []
        asked = self.lexicon.concept_terms(rest if part is None else part)
        if not asked:
            return []
        found = [
            (doc, section)
            for doc in self.corpus.documents
            if document is None or doc.id == document
            for section in doc.sections
            if _titled_by(asked, tokenize(section.title), whole=part is None)
        ]
        if len(found) != 1:
            return []
        doc, section = found[0]
        within = doc.subtrees()[section.id]
        return [e for e in self.corpus.entries if e.section.id in within]

    def _in_section(self, section: str) -> BoolArray:
        """Per passage, whether it is in `section` (a pass over every passage, made once per
        section)."""
        mask = self._section_masks.get(section)
        if mask is None:
            entries = self.corpus.entries
            mask = np.fromiter((e.section.id == section for e in entries), np.bool_, len(entries))
            mask.flags.writeable = False
            self._section_masks[section] = mask
        return mask

    def _stating(self, document: str | None, question: str) -> re.Pattern[str] | None:
        """What the sentences that answer a question about a document hold: whom it is for,
        or the words in which it may state its metadata (its title, series, authors and the
        parts of its publisher's name)."""
        if asks_audience(question):
            return AUDIENCE
        doc = self._document(document)
        named = (doc.title, doc.series, *doc.authors, *(doc.publisher or "").split(","))
        names = tuple(name.strip() for name in named if name and name.strip())
        return _any_of(names) if names else None

    def _document(self, document: str | None) -> Document:
        """The document of that id, by default the first."""
        docs = self.corpus.documents
        return next((d for d in docs if d.id == document), docs[0])

    @cached_property
    def _document_urls(self) -> dict[str, str]:
        """Each document's URL, by its id (those that have one)."""
        return {doc.id: doc.url for doc in self.corpus.documents if doc.url}

    def _author_of(self, text: str) -> str | None:
        """The id of the document one of whose authors `text` names ("who is Deric Cheng?"),
        if any."""
        return next((doc for name, doc in self._author_names if name.search(text)), None)

    @cached_property
    def _author_names(self) -> list[tuple[re.Pattern[str], str]]:
        """Per author of each document, their name as it may be typed (whole, or the surname
        alone when it is rare in English: "mckernon", not "cheng"), and the document's id."""
        found: list[tuple[re.Pattern[str], str]] = []
        for doc in self.corpus.documents:
            for author in doc.authors:
                words = author.split()
                forms = [r"\s+".join(map(re.escape, words))]
                if len(words) > 1 and not is_english(words[-1].lower()):
                    forms.append(re.escape(words[-1]))
                name = re.compile(rf"(?<!\w)(?:{'|'.join(forms)})(?!\w)", re.IGNORECASE)
                found.append((name, doc.id))
        return found

    def _facts(self, document: str | None = None) -> tuple[Fact, ...]:
        """Who wrote the document (by default the first), when, for whom, and where."""
        doc = self._document(document)
        found = [
            ("Authors", ", ".join(doc.authors)),
            ("Published", doc.date.isoformat() if doc.date else ""),
            ("Publisher", doc.publisher or ""),
            ("Series", doc.series or ""),
            ("Link", doc.url or ""),
        ]
        return tuple(Fact(label, value) for label, value in found if value)

    def _rank(
        self,
        question: str,
        expansion: Expansion,
        found: list[Jurisdiction],
        allowed: BoolArray | None,
        whole: str | None = None,
    ) -> Decision:
        """Candidates by words and meaning among the `allowed` passages (None: all), and
        whether they answer. `whole`: the message `question` is a part of, if it is one
        ("summarise" is not a request for help with one's own things)."""
        boost = self._boost(frozenset(found)) if found else None
        candidates = self.index.top(expansion.terms, MAX_HITS, boost=boost, allowed=allowed)
        asking = questions_in(question)
        weighed = weigh(
            self.index, expansion, None if asking is None else frozenset(tokenize(asking))
        )
        ranked = rank(candidates, signals(weighed))
        if self.semantic is None:  # a large corpus: words alone
            return decide(ranked)
        return decide(
            ranked,
            Meaning(
                self.semantic.closeness(self._capitals(question)),
                self.sentence_index.by_passage(expansion.terms) if self.sentence_index else None,
                unknown_share(self.index, weighed),
                # The jurisdiction boost in the units of closeness: the named jurisdiction's
                # passages move up a step, those about another one only move down.
                None if boost is None else JURISDICTION_STEP * np.log2(boost),
                allowed,
                asks_for_help(whole or question),
                names_rare_word(weighed),
                names_unknown_number(self.index, weighed) and not asks_for_figure(question),
                self.profiles.by_passage(question) if self.profiles else None,
                sum(1 for concept in weighed if concept.known),
                any(self._holds_phrase(p) for p in quoted_phrases(whole or question)),
                self._topic_score(whole or question),
                asking is not None,
                asks_for_pick(whole or question),
            ),
        )

    def warm(self) -> None:
        """Build or read now what is otherwise read on first use, the tokenizer included: for
        a long-lived process, whose first question should cost no more than the next."""
        if self.semantic is not None:
            _ = self.semantic.embedder.tokenizer
            _ = self._capitals
            _ = self._subject
        _ = self._names
        _ = self.sentence_index
        _ = self.profiles

    @cached_property
    def semantic(self) -> SemanticIndex | None:
        """Embeddings of a small corpus's sentences (None for a large one, or without the
        model): read from the cache folder, or built and saved there, on first use, so
        `python -m bot ask` pays only when it answers."""
        return semantic_index(self.corpus, self.index_cache)

    @cached_property
    def _subject(self) -> topic.TopicModel | None:
        """The topic model, if it was trained on this corpus."""
        return topic.for_corpus(self.corpus)

    def _topic_score(self, text: str) -> float | None:
        """What the topic model says of `text` (None: there is none for this corpus, or it
        reads embeddings and there are none)."""
        subject = self._subject
        if subject is None:
            return None
        if not subject.meaning:
            return subject.score(text)
        if self.semantic is None:
            return None
        return subject.score(text, self.semantic.embedder.embed([text])[0])

    @cached_property
    def _words_of_corpus(self) -> str:
        """Every passage's words, lower case, one space apart and one before and after all,
        for finding a quoted phrase."""
        return f" {' '.join(_bare_words(entry.text) for entry in self.corpus.entries)} "

    def _in_titles(self, phrase: str) -> bool:
        """Whether the title or series of a document, or the title of a source it quotes,
        holds `phrase` (case and punctuation aside)."""
        return f" {_bare_words(phrase)} " in self._words_of_titles

    @cached_property
    def _words_of_titles(self) -> str:
        """The words of every title and series, as `_words_of_corpus` has a passage's."""
        docs = (f"{d.title} {d.series or ''}" for d in self.corpus.documents)
        sources = (s.title for s in self.corpus.sources.values())
        return f" {' | '.join(_bare_words(name) for name in (*docs, *sources))} "

    def _versions_spaced(self, text: str) -> str:
        """`text` with a name the corpus writes and the version typed against it spaced as
        the corpus writes them ("llama3" → "llama 3"): as one word, it was a word of nothing."""

        def spaced(match: re.Match[str]) -> str:
            name, version = match.groups()
            return f"{name} {version}" if name.casefold() in self._names else name + version

        return _NAME_AND_VERSION.sub(spaced, text)

    def _defines_unheld_term(self, question: str) -> bool:
        """Whether `question` asks what a quoted term means that no passage uses, in any of
        its word forms ("what does 'restricted weights' mean?")."""
        term = defined_quote(question)
        stems = " ".join(tokenize(term)) if term else ""
        return bool(stems) and f" {stems} " not in self._stems_of_corpus

    @cached_property
    def _stems_of_corpus(self) -> str:
        """Every passage's index terms, one space apart and one before and after all."""
        return f" {' '.join(' '.join(tokenize(entry.text)) for entry in self.corpus.entries)} "

    def _holds_phrase(self, phrase: str) -> bool:
        """Whether a passage holds `phrase` word for word (case and punctuation aside)."""
        return f" {_bare_words(phrase)} " in self._words_of_corpus

    @cached_property
    def _names(self) -> dict[str, str]:
        """The words the corpus writes only with capitals, which tell a name of the corpus
        from one it never uses ("llama3", "the stanford ai index"): read or built with a
        large corpus's index, built on first use for a small one."""
        return names_in(entry.text for entry in self.corpus.entries)

    @cached_property
    def _capitals(self) -> Capitals:
        """The corpus's names, and the lexicon's written with capitals, as they are written,
        for the embeddings (only a small corpus's questions are embedded)."""
        return Capitals.of(self._names, self.lexicon.aliases_in_capitals())

    @cached_property
    def sentence_index(self) -> SentenceBm25 | None:
        """BM25 over single sentences, beside the embeddings (None without them: a large
        corpus ranks by passage only)."""
        return SentenceBm25(self.corpus) if self.semantic is not None else None

    @cached_property
    def profiles(self) -> SentenceProfiles | None:
        """Each sentence with its passage questions as one TF-IDF profile, beside the
        embeddings (None without them): read from the cache folder, or built and saved."""
        if self.semantic is None:
            return None
        return load_or_build_profiles(self.corpus, self.index_cache)

    def _allowed(self, only: Jurisdiction | None, document: str | None) -> BoolArray | None:
        """The passages a question may quote: one jurisdiction's, one document's, or both."""
        allowed = self._jurisdiction_masks[only] if only else None
        if document is None:
            return allowed
        mine: BoolArray = self._document_of == self._document_number.get(document, -1)
        return mine if allowed is None else mine & allowed

    @cached_property
    def _document_number(self) -> dict[str, int]:
        return {doc.id: n for n, doc in enumerate(self.corpus.documents)}

    @cached_property
    def _document_of(self) -> npt.NDArray[np.int32]:
        """Per passage, its document's number: made on the first question about one
        document, so start-up does not pay for it."""
        number = self._document_number
        entries = self.corpus.entries
        return np.fromiter((number[e.document.id] for e in entries), np.int32, len(entries))

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

    def _weights(self, terms: Sequence[str]) -> dict[str, float]:
        return {t: w for t in terms if (w := self.index.idf(t)) is not None}

    def _quote(
        self,
        hit: Hit,
        weights: dict[str, float],
        closeness: Closeness | None = None,
        prefer: re.Pattern[str] | None = None,
        to_end: bool = False,
    ) -> Quote:
        """The best window of a hit's passage (with `to_end`, of those that end with it);
        with `prefer`, the sentences it matches are the ones that answer (the names of a
        document for a question about it, a figure for "how much")."""
        entry = self.corpus.entries[hit.doc]
        # Only words that can stem to a query term the passage holds are read and stemmed: a
        # Snowball English stem keeps its word's first letter, so the others cannot match. A
        # hit that found no term (one chosen by meaning, or one a lead-in introduces) may hold
        # any.
        held = hit.holds or weights.keys()
        initials = frozenset(term[0] for term in held)
        tokens = stemmed(words(entry.text, initials=initials), only=held)
        sentences = self._sentences(hit.doc)
        asked = self._asked(hit.doc, weights)
        if closeness is not None:
            # Closeness in meaning counts like a share of the question's words.
            scale = MEANING_WEIGHT * sum(weights.values())
            for sentence, near in closeness.by_sentence(hit.doc).items():
                asked[sentence] = asked.get(sentence, 0.0) + scale * max(near, 0.0)
        stating: list[tuple[int, int]] = []
        if prefer is not None:
            bonus = PREFERRED_WEIGHT * max(sum(weights.values()), 1.0)
            for i, (start, end) in enumerate(sentences):
                if prefer.search(entry.text, start, end):
                    asked[i] = asked.get(i, 0.0) + bonus
                    stating.append((start, end))
        span = best_span(sentences, tokens, weights, asked, to_end=to_end)
        if to_end and stating and not _holds_any(span, stating):
            # A lead-in is quoted to its end for the excerpt it introduces, unless what was
            # asked for (a term, a date) is stated before: then that is quoted, and the
            # excerpt follows it as the next quote.
            free = best_span(sentences, tokens, weights, asked)
            span = free if _holds_any(free, stating) else span
        return quote_of(entry, span.start, span.end, hit.score, span.highlights)

    def _asked(self, doc: int, weights: dict[str, float]) -> dict[int, float]:
        """Sentence → the query weight that a question tied to it shares with the question
        asked: the sentence a matching passage question names is the one that answers."""
        found: dict[int, float] = {}
        if not self.corpus.entries[doc].questions:  # most passages of a large corpus
            return found
        for terms, sentence in self._questions(doc):
            shared = sum(weights[t] * w for t, w in terms.items() if t in weights)
            if shared:
                found[sentence] = max(found.get(sentence, 0.0), shared)
        return found

    def _tie(self, doc: int) -> list[tuple[dict[str, float], int]]:
        """A passage's questions as (their terms, each with how much it tells one sentence
        from the others, the sentence each is tied to)."""
        entry = self.corpus.entries[doc]
        sentences = self._sentences(doc)
        tied = [
            (
                frozenset(tokenize(question.q)),
                sentence_holding(sentences, entry.text, question.answer),
            )
            for question in entry.questions
        ]
        tied_to: dict[str, set[int]] = {}
        for terms, sentence in tied:
            for term in terms:
                tied_to.setdefault(term, set()).add(sentence)
        count = len(sentences)

        def telling(term: str) -> float:
            if count < 2:
                return 1.0
            rare = math.log(count / len(tied_to[term])) / math.log(count)
            return SHARED_QUESTION_WORD + (1 - SHARED_QUESTION_WORD) * rare

        return [({t: telling(t) for t in terms}, sentence) for terms, sentence in tied]


def _titled_by(asked: Sequence[str], title: Sequence[str], whole: bool) -> bool:
    """Whether the terms `asked` are all words of a `title` (or the start of one: "intro"),
    and, if `whole`, every word of it."""

    def names(term: str, word: str) -> bool:
        return word == term or (len(term) >= TITLE_PREFIX and word.startswith(term))

    if not all(any(names(t, w) for w in title) for t in asked):
        return False
    return not whole or all(any(names(t, w) for t in asked) for w in title)


def _holds_any(span: Span, sentences: Sequence[tuple[int, int]]) -> bool:
    """Whether a quote holds one of `sentences` (their spans) whole."""
    return any(span.start <= start and end <= span.end for start, end in sentences)


def _texts(quote: Quote) -> list[str]:
    """A quote's texts: its own and its continuation's, each read alone (the first word of
    a continuation starts its sentence, whatever it follows)."""
    return [part.text for part in quote.parts]


def _hit_of(hits: Sequence[Hit], doc: int) -> Hit:
    """The hit for passage `doc` among `hits`, or one with no score: a passage brought in
    for another (the lead-in of an excerpt, or what a lead-in introduces)."""
    return next((h for h in hits if h.doc == doc), Hit(doc, 0.0))


def _leads_in(text: str) -> bool:
    """Whether a passage ends by introducing the next: a colon, or "that" with no stop."""
    end = _text_end(text)
    return text.endswith(":", 0, end) or text.endswith(" that", 0, end)


def _text_end(text: str) -> int:
    """Where `text.rstrip()` would end, without copying the passage."""
    end = len(text)
    while end and text[end - 1].isspace():
        end -= 1
    return end


# The least share of a work's title in words the corpus never uses for it to be one the
# corpus never names: "sleeper agents" (half), not "llama 3 launch".
_MOSTLY_UNUSED = 0.5
# The most words a bare title beside a question has ("weapons of math destruction, cathy
# o'neil"); a longer clause is the asker's own story.
_TITLE_WORDS = 8


def _titled_it(told: str, asking: str) -> bool:
    """Whether `asking` asks of "it" beside a clause `told` short enough to be a title."""
    return 0 < len(told.split()) <= _TITLE_WORDS and points_at_review(asking, here=False)


def _hedged(answer: Answer, hedge: bool) -> Answer:
    """`answer` as related rather than confident, when `hedge` and it quotes anything."""
    if not hedge or answer.status != "answered":
        return answer
    return replace(answer, confidence="low", message=answer.message or RELATED)


def _of(entries: list[Entry], document: str | None) -> list[Entry]:
    return entries if document is None else [e for e in entries if e.document.id == document]


def _apply(text: str, fixes: list[tuple[str, str]]) -> str:
    r"""`text` with each misspelt word replaced where it stands whole, as the pattern
    `(?<!\w)wrong(?!\w)` would find it, without compiling a pattern per misspelling."""
    for wrong, right in fixes:
        parts: list[str] = []
        done = 0
        at = text.find(wrong)
        while at >= 0:
            end = at + len(wrong)
            if not (_word_char(text, at - 1) or _word_char(text, end)):
                parts += (text[done:at], right)
                done = end
                at = text.find(wrong, end)
            else:
                at = text.find(wrong, at + 1)
        text = "".join(parts) + text[done:]
    return text


_NOT_WORD = re.compile(r"\W+")
# A name and its version typed as one word: "llama3", "Llama2".
_NAME_AND_VERSION = re.compile(r"(?<![\w.'’-])([^\W\d_]{2,})(\d+(?:\.\d+)?)(?![\w'’-])")


def _bare_words(text: str) -> str:
    return " ".join(_NOT_WORD.split(text.casefold())).strip()


def _word_char(text: str, at: int) -> bool:
    r"""Whether `text[at]` exists and is what `\w` matches: alphanumeric or "_"."""
    return 0 <= at < len(text) and (text[at].isalnum() or text[at] == "_")


@lru_cache(maxsize=16)
def _any_of(names: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern that finds any of `names` as written."""
    return re.compile("|".join(map(re.escape, names)))


def _join(names: Sequence[str], conjunction: str = "or") -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {conjunction} " + names[-1]
