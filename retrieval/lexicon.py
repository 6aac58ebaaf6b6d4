"""The lexicon at query time: jurisdiction detection, uncovered places, synonym expansion."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from corpus.types import JURISDICTIONS, Jurisdiction, Lexicon
from retrieval.text import scanned, tokenize


def _phrase_pattern(
    phrases: Sequence[str], flags: int, not_within: Sequence[str] = ()
) -> re.Pattern[str] | None:
    """A pattern for the phrases, none of them matched inside one of `not_within` ("Brussels"
    is no place in "the Brussels effect")."""
    if not phrases:
        return None
    # Longest first so "European Union" wins over "European"; \w-lookarounds, not \b,
    # because aliases may end in a dot ("U.S.").
    return re.compile(
        rf"{_lead(phrases)}(?<!\w)(?:{_alternatives(phrases, not_within)})(?!\w)", flags
    )


def _possessive_pattern(phrases: Sequence[str], flags: int) -> re.Pattern[str] | None:
    """A pattern for the phrases with a possessive "s" typed without its apostrophe
    ("EUs", "chinas"): group 1 is the phrase."""
    phrases = [p for p in phrases if p]
    if not phrases:
        return None
    return re.compile(rf"{_lead(phrases)}(?<!\w)({_alternatives(phrases)})s(?!\w)", flags)


def _alternatives(phrases: Sequence[str], not_within: Sequence[str] = ()) -> str:
    """The phrases as a regex alternation, longest first, each guarded against the words
    that make it part of one of `not_within` (in any case)."""
    return "|".join(_guarded(p, not_within) for p in sorted(phrases, key=len, reverse=True))


def _guarded(phrase: str, not_within: Sequence[str]) -> str:
    """`phrase` escaped, not before the rest of a longer phrase it opens ("Brussels" not
    before " effect") nor after the start of one it ends."""
    before, after = "", ""
    folded = phrase.casefold()
    for longer in not_within:
        other = longer.casefold()
        if other.startswith(f"{folded} "):
            after += rf"(?!(?i:{re.escape(longer[len(phrase) :])})(?!\w))"
        elif other.endswith(f" {folded}"):
            before += rf"(?<!(?i:{re.escape(longer[: -len(phrase)])}))"
    return f"{before}{re.escape(phrase)}{after}"


def _lead(phrases: Sequence[str]) -> str:
    """A lookahead for the class of the phrases' first characters, which re skips ahead to
    (none with an empty phrase, which matches anywhere)."""
    return f"(?=[{''.join(sorted({re.escape(p[0]) for p in phrases}))}])" if all(phrases) else ""


# What joins the places of a comparison or a list: "US vs EU", "EU and US", "US/China".
_JOIN = r"\s*(?:vs\.?|versus|v\.|and|or|&|/|,|compared (?:to|with))\s*"


# A question's verb and the one or two words after it, unless a list of places goes on
# from them ("do the US and EU differ?").
_WORD = r"[\w.'’]+(?![\w.'’])"
_ASKED_OF = re.compile(
    r"\b(?:does|do|did|is|are|was|were|will|would|can|could|has|have|should)\s+"
    rf"((?:the\s+)?{_WORD}(?:\s+(?!(?:and|or|vs|versus)\b){_WORD})?)(?!{_JOIN})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Expansion:
    """A question's concepts: each original term with the terms that may stand for it."""

    terms: tuple[str, ...]  # what is searched: original terms not generic, then added ones
    concepts: tuple[tuple[str, frozenset[str]], ...]  # (original term, its alternatives)
    words: dict[str, str] = field(default_factory=dict)  # original term → the word asked
    named: frozenset[str] = frozenset()  # terms that name a jurisdiction the question asks about


# What a government has, after a place's name typed in lower case: "us rules", "us gov".
_GOVERNMENTS = re.compile(
    r"\s+(?:gov|govt|government|administration|policy|policies|law|laws|rules|regulations?|"
    r"regulators?|approach|stance|position|legislation|congress|lawmakers|executive order|"
    r"section|side)\b",
    re.IGNORECASE,
)
# ...and a word before it that makes it the pronoun: "tell us rules", "for us law students".
_TAKES_OBJECT = re.compile(
    r"\b(?:tell|give|show|help|let|lets|let's|for|to|with|make|makes|get|gets|got|send|teach|"
    r"remind|ask|asks|keep|keeps|leave|leaves|like)\s+$",
    re.IGNORECASE,
)


class LexiconMatcher:
    """Compiled lexicon: find jurisdictions and synonyms in a question."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._jurisdictions: list[tuple[Jurisdiction, list[re.Pattern[str]]]] = []
        for name in JURISDICTIONS:
            given = lexicon.jurisdictions.get(name)
            if given is None:
                continue
            patterns = [
                _phrase_pattern(given.aliases, re.IGNORECASE, lexicon.not_places),
                _phrase_pattern(given.case_sensitive, 0, lexicon.not_places),
            ]
            self._jurisdictions.append((name, [p for p in patterns if p is not None]))
        # One pattern for every uncovered place (a question is searched once, not per place).
        self._place_of = {
            a.casefold(): name for name, aliases in lexicon.uncovered.items() for a in aliases
        }
        self._uncovered = _phrase_pattern(list(self._place_of), re.IGNORECASE, lexicon.not_places)
        self._not_places = _phrase_pattern(lexicon.not_places, re.IGNORECASE)
        # Every name of a place, as a question may write it (case aside) or exactly so.
        self._places = [
            *(a for given in lexicon.jurisdictions.values() for a in given.aliases),
            *self._place_of,
        ]
        self._exact = [a for given in lexicon.jurisdictions.values() for a in given.case_sensitive]
        # What a question must hold, lower-cased, for a possessive to be found: most hold none.
        self._possessive_forms = tuple({f"{a.lower()}s" for a in self._all_places if a})
        self._groups = [
            [terms for phrase in group if (terms := tuple(tokenize(phrase)))]
            for group in lexicon.synonyms
        ]
        # Synonym phrases by their first term, so a question is matched in one pass.
        self._by_first: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        for g, group in enumerate(self._groups):
            for phrase in group:
                self._by_first.setdefault(phrase[0], []).append((g, phrase))
        self._generic = frozenset(t for word in lexicon.generic for t in tokenize(word))
        # The index terms of each jurisdiction's own name ("EU" → "eu"), added to a
        # question that names it another way ("Brussels").
        self.jurisdiction_terms = {name: tuple(tokenize(name)) for name in JURISDICTIONS}

    def aliases_in_capitals(self) -> list[str]:
        """The aliases that hold a name counted only in capitals ("the US", "EO 14110"):
        typed in lower case they still name the place ("the us" is the country, "us" alone
        the pronoun)."""
        found: list[str] = []
        for given in self.lexicon.jurisdictions.values():
            exact = _phrase_pattern(given.case_sensitive, 0)
            if exact is not None:
                found += (alias for alias in given.aliases if exact.search(alias))
        return found

    def jurisdictions(self, text: str) -> list[Jurisdiction]:
        """Jurisdictions named in `text`, in canonical order."""
        return [
            name for name, patterns in self._jurisdictions if any(p.search(text) for p in patterns)
        ]

    def subject(self, text: str) -> Jurisdiction | None:
        """The one jurisdiction a question asks about by name after its verb ("does China
        give them a pass like the EU does?", "how does Beijing handle…"), if it does; not
        one of a list ("do the US and EU differ?")."""
        for match in _ASKED_OF.finditer(text):
            named = self.jurisdictions(match.group(1))
            if len(named) == 1:
                return named[0]
        return None

    def with_possessives(self, text: str) -> str:
        """`text` with the possessives of places typed without an apostrophe written out
        ("the EUs rules" → "the EU's rules"), so the place is found and its word known."""

        def fix(match: re.Match[str]) -> str:
            typed = match.group()
            return typed if typed.casefold() in self._names else f"{match.group(1)}'s"

        lowered = text.lower()
        if not any(form in lowered for form in self._possessive_forms):
            return text
        for pattern in self._possessives:
            text = pattern.sub(fix, text)
        return text

    def with_other_senses(self, text: str) -> str:
        """`text` with each phrase in which a place's name means something else written as
        one word ("the brussels effect" → "the brusselseffect"): searched as a name, which
        the corpus does not hold, not as the place's name and a word beside it."""
        if self._not_places is None:
            return text
        return self._not_places.sub(lambda m: "".join(m.group().split()), text)

    def with_place_capitals(self, text: str) -> str:
        """`text` with a place's name that counts only in capitals ("US", not the pronoun
        "us") written in them where it stands beside another place ("us vs eu", "eu and
        us") or before what a government has ("us rules on open source?", "how does us law
        treat open models"), unless a word before it takes it as its object ("tell us
        rules")."""
        if self._lowered is None:
            return text
        word, after, before = self._lowered
        if word.search(text) is None:  # most questions hold no such word
            return text

        def fix(match: re.Match[str]) -> str:
            start, end = match.span()
            country = (
                after.match(text, end)
                or before.search(text, 0, start)
                or (_GOVERNMENTS.match(text, end) and not _TAKES_OBJECT.search(text, 0, start))
            )
            return match.group().upper() if country else match.group()

        return word.sub(fix, text)

    @cached_property
    def _lowered(self) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]] | None:
        """The case-sensitive names typed in lower case, and what follows or precedes one
        that stands beside another place (compiled on first use, not at start-up)."""
        lowered = sorted({a.lower() for a in self._exact if a.lower() != a})
        if not lowered:
            return None
        places = _alternatives(self._all_places)
        return (
            re.compile(rf"(?<!\w)(?:{_alternatives(lowered)})(?!\w)"),
            re.compile(rf"{_JOIN}(?:the\s+)?(?:{places})(?!\w)", re.IGNORECASE),
            re.compile(rf"(?<!\w)(?:{places}){_JOIN}$", re.IGNORECASE),
        )

    @property
    def _all_places(self) -> list[str]:
        return [*self._places, *self._exact]

    @cached_property
    def _possessives(self) -> list[re.Pattern[str]]:
        """The possessive patterns, compiled for the first question that may hold one, not
        at start-up."""
        patterns = (
            _possessive_pattern(self._places, re.IGNORECASE),
            _possessive_pattern(self._exact, 0),
        )
        return [p for p in patterns if p is not None]

    @cached_property
    def _names(self) -> set[str]:
        """Every name of a place, folded: a possessive-looking word that is one itself
        ("Americans") stays as typed, not "American's"."""
        return {a.casefold() for a in self._all_places}

    def uncovered(self, text: str) -> list[str]:
        """Places named in `text` that the review does not cover."""
        if self._uncovered is None:
            return []
        found = {self._place_of[m.group().casefold()] for m in self._uncovered.finditer(text)}
        return [name for name in self.lexicon.uncovered if name in found]

    def is_place(self, word: str) -> bool:
        """Whether `word` names a place, covered or not ("european", "uk")."""
        return bool(self.jurisdictions(word) or self.uncovered(word))

    def _phrases_in(self, terms: list[str]) -> set[tuple[int, tuple[str, ...]]]:
        """(group, phrase) of every synonym phrase that occurs in `terms`."""
        found = set()
        for i, term in enumerate(terms):
            for g, phrase in self._by_first.get(term, ()):
                if tuple(terms[i : i + len(phrase)]) == phrase:
                    found.add((g, phrase))
        return found

    def _alias_terms(self, text: str, name: Jurisdiction) -> set[str]:
        patterns = next(p for n, p in self._jurisdictions if n == name)
        return {t.term for p in patterns for m in p.finditer(text) for t in scanned(m.group())}

    def jurisdiction_spans(self, text: str) -> list[tuple[int, int]]:
        """Where `text` names a covered jurisdiction, in order, overlapping spans merged."""
        spans = sorted(
            m.span()
            for _, patterns in self._jurisdictions
            for pattern in patterns
            for m in pattern.finditer(text)
        )
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged

    def without_jurisdictions(self, text: str) -> str:
        """`text` with every name of a covered jurisdiction removed."""
        for _, patterns in self._jurisdictions:
            for pattern in patterns:
                text = pattern.sub(" ", text)
        return " ".join(text.split())

    def without_uncovered(self, text: str) -> str:
        """`text` with the names of uncovered places removed (they cannot be matched)."""
        return text if self._uncovered is None else self._uncovered.sub(" ", text)

    def flag(self, name: Jurisdiction) -> str:
        terms = self.lexicon.jurisdictions.get(name)
        return terms.flag if terms else ""

    def has_concepts(self, text: str) -> bool:
        """Whether `self.expand(text, []).concepts` is not empty: a term not generic, found
        without expanding synonyms."""
        return bool(self.concept_terms(text))

    def concept_terms(self, text: str) -> list[str]:
        """The terms of `text` that are not generic, without expanding synonyms."""
        return [t.term for t in scanned(text) if t.term not in self._generic]

    def expand(self, text: str, jurisdictions: list[Jurisdiction]) -> Expansion:
        """The question's terms plus synonyms of its phrases and its jurisdictions' names."""
        tokens = scanned(text)
        original = [t.term for t in tokens]
        alternatives: dict[str, set[str]] = {t: {t} for t in original}
        added: list[str] = []
        found = self._phrases_in(original)
        for g in sorted({g for g, _ in found}):  # the groups with a phrase in the question
            group = self._groups[g]
            present = [p for p in group if (g, p) in found]
            others = {t for p in group for t in p}
            for phrase in present:
                for term in phrase:
                    alternatives[term].update(others)
            added.extend(t for t in sorted(others) if t not in original and t not in added)
        named: set[str] = set()
        for name in jurisdictions:
            own = self.jurisdiction_terms[name]
            aliases = self._alias_terms(text, name)
            named.update(own)
            named.update(aliases)
            # "European Union" is answered by passages about the EU: its words may be
            # matched by the jurisdiction's own term.
            for term in aliases:
                if term in alternatives:
                    alternatives[term].update(own)
            added.extend(t for t in own if t not in original and t not in added)
        concepts = tuple(
            (t, frozenset(alternatives[t]))
            for t in dict.fromkeys(original)
            if t not in self._generic
        )
        asked = {t.term: t.word for t in tokens}
        # Words of the asking ("explain", "dumb question") are not searched for: passages
        # whose own questions are worded that way would win on them. Unless that is all.
        searched = [t for t in original + added if t not in self._generic] or original + added
        return Expansion(tuple(searched), concepts, asked, frozenset(named))
