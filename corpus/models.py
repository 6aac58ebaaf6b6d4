"""The corpus file format as pydantic models: what a document, sources.yaml and lexicon.yaml
may say. Only validation uses them; the code reads the plain dataclasses of corpus/types.py
built from them (the same fields, checked by tests/test_snapshot.py)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from corpus.types import Jurisdiction

_ID = r"^[a-z0-9][a-z0-9_]*(\.[a-z0-9_]+)*$"


class Strict(BaseModel):
    """Base: unknown fields are errors, so a typo in a YAML key is reported, not ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


class Section(Strict):
    """A heading of a document; `parent` makes the tree."""

    id: str = Field(pattern=_ID)
    title: str
    parent: str | None = None
    jurisdictions: list[Jurisdiction] = []
    # For a jurisdiction's policy section: whether the review found its rules address
    # open-source models at all ("no_mention" makes summaries say so plainly).
    finding: Literal["addressed", "no_mention"] | None = None
    # The document's own summary (its conclusions, key points): quoted for "summary?".
    summary: bool = False

    _title = field_validator("title")(_not_blank)


class Cite(Strict):
    """A source a review passage names, and the words it quotes from it inline, if any."""

    source: str
    quote: str | None = None


class Question(Strict):
    """A question a passage answers, and the words of the sentence that answer it."""

    q: str
    answer: str

    _q = field_validator("q", "answer")(_not_blank)


class Link(Strict):
    """A link inside a passage, kept from an imported page: its anchor text, as it occurs
    in the passage text, and where it points, so a renderer can show it as a link."""

    text: str
    url: str

    _text = field_validator("text", "url")(_not_blank)


class Passage(Strict):
    """A paragraph of a document, or a block quote of a source (`kind: excerpt`)."""

    id: str = Field(pattern=_ID)
    section: str
    kind: Literal["review", "excerpt"] = "review"
    text: str
    source: str | None = None
    cites: list[Cite] = []
    # A passage recovered from another copy of the document (see sources.md).
    recovered_from: str | None = None
    jurisdictions: list[Jurisdiction] = []
    # Questions this passage answers, in the passage's words and in everyday ones: indexed
    # with it, so a question in the asker's own words finds it and its answering sentence.
    questions: list[Question] = []
    # The page of a PDF the passage starts on (1 is the first): cited "p. 12", linked #page=12.
    page: int | None = Field(default=None, ge=1)
    # Links inside the text, in reading order (the loader checks each anchor is in the text).
    links: list[Link] = []
    # Words of the text that were a link whose target our copy lost ("(see also here)"):
    # the text stays verbatim; renderers mark the words so a reader knows a link was there.
    lost_links: list[str] = []

    _text = field_validator("text")(_not_blank)

    @model_validator(mode="after")
    def _excerpt_has_source(self) -> Passage:
        if self.kind == "excerpt" and self.source is None:
            raise ValueError("an excerpt needs a `source`")
        return self

    @model_validator(mode="after")
    def _lost_links_are_in_the_text(self) -> Passage:
        missing = [p for p in self.lost_links if not p.strip() or p not in self.text]
        if missing:
            raise ValueError(f"lost_links not found in the text: {missing}")
        return self


class Gap(Strict):
    """Text our copy lost: where it was, what it was, and where to read it instead."""

    id: str = Field(pattern=_ID)
    # Without a section and passage the loss is document-wide (e.g. every link target).
    section: str | None = None
    after: str | None = Field(default=None, description="id of the passage the lost text followed")
    lost: str
    read_instead: list[str] = Field(default=[], description="source ids")
    jurisdictions: list[Jurisdiction] = []

    _lost = field_validator("lost")(_not_blank)


class Document(Strict):
    """One document of the series, with its section tree, passages and gaps."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    title: str
    authors: list[str] = []
    publisher: str | None = None
    date: dt.date | None = None
    url: str | None = None
    series: str | None = None
    sections: list[Section]
    passages: list[Passage]
    gaps: list[Gap] = []

    _title = field_validator("title")(_not_blank)

    @field_validator("passages")
    @classmethod
    def _some_passages(cls, value: list[Passage]) -> list[Passage]:
        if not value:
            raise ValueError("a document needs at least one passage")
        return value


class Source(Strict):
    """A work the review quotes or names; `unconfirmed` lists facts we could not check."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    title: str
    authors: list[str] = []
    venue: str | None = None
    date: str | None = None
    url: str | None = None
    unconfirmed: list[Literal["url", "date", "venue", "authors"]] = []
    jurisdictions: list[Jurisdiction] = []
    notes: str | None = None

    _title = field_validator("title")(_not_blank)

    @field_validator("date")
    @classmethod
    def _iso_prefix(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
            raise ValueError("must be YYYY, YYYY-MM or YYYY-MM-DD")
        return value

    @property
    def confirmed_url(self) -> str | None:
        """The URL when we could check it; never cite an unconfirmed link as fact."""
        return None if "url" in self.unconfirmed else self.url


class SourceFile(Strict):
    """`sources.yaml`."""

    sources: list[Source]


class JurisdictionTerms(Strict):
    """How readers name a jurisdiction: aliases matched in questions."""

    aliases: list[str]
    # Matched only with this exact casing ("US" is a country, "us" is a pronoun).
    case_sensitive: list[str] = []
    flag: str = ""


class Lexicon(Strict):
    """`lexicon.yaml`: query expansion that a reader of the review needs."""

    jurisdictions: dict[Jurisdiction, JurisdictionTerms]
    # Places the review does not cover, so the bot can say so plainly.
    uncovered: dict[str, list[str]] = {}
    # Each group is a set of interchangeable phrases; a question using one also searches the rest.
    synonyms: list[list[str]] = []
    # Everyday words of questions ("help", "make") that are rare in the review but say
    # nothing about the topic: neither searched (unless a question holds nothing else) nor
    # required for a question to count as answered.
    generic: list[str] = []
    # Phrases in which a place's name names something else ("Brussels effect", "Chinese
    # room"): a question holding one does not ask about that place.
    not_places: list[str] = []

    @field_validator("synonyms")
    @classmethod
    def _groups_of_two(cls, value: list[list[str]]) -> list[list[str]]:
        for group in value:
            if len(group) < 2:
                raise ValueError(f"a synonym group needs two or more phrases: {group}")
        return value

    @field_validator("not_places")
    @classmethod
    def _not_places_hold_a_place(cls, value: list[str], info: ValidationInfo) -> list[str]:
        # A phrase that holds no place's name at its start or end would change nothing.
        jurisdictions = info.data.get("jurisdictions", {})
        names = [
            name.casefold()
            for terms in jurisdictions.values()
            for name in (*terms.aliases, *terms.case_sensitive)
        ]
        names += (
            a.casefold() for aliases in info.data.get("uncovered", {}).values() for a in aliases
        )
        for phrase in value:
            folded = phrase.casefold()
            if not any(folded.startswith(f"{n} ") or folded.endswith(f" {n}") for n in names):
                raise ValueError(f"{phrase!r} neither starts nor ends with the name of a place")
        return value
