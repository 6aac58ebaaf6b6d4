"""The corpus as the rest of the code reads it: plain frozen dataclasses, no pydantic.

corpus/models.py (pydantic) is the file format and checks a corpus file; its validated data
becomes these. So does the snapshot of a corpus validated before (corpus/snapshot.py), so
that answering from an unchanged corpus imports neither pydantic nor PyYAML.
tests/test_snapshot.py keeps the fields here and in corpus/models.py the same.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import repeat
from operator import itemgetter
from typing import Any, Literal, TypeVar, Union, get_args, get_origin, get_type_hints

Jurisdiction = Literal["US", "EU", "China"]
JURISDICTIONS: tuple[Jurisdiction, ...] = ("US", "EU", "China")


@dataclass(frozen=True, kw_only=True, slots=True)
class Section:
    """A heading of a document; `parent` makes the tree."""

    id: str
    title: str
    parent: str | None = None
    jurisdictions: tuple[Jurisdiction, ...] = ()
    # For a jurisdiction's policy section: whether the review found its rules address
    # open-source models at all ("no_mention" makes summaries say so plainly).
    finding: Literal["addressed", "no_mention"] | None = None
    summary: bool = False  # the document's own summary: quoted for "summary?"


@dataclass(frozen=True, kw_only=True, slots=True)
class Cite:
    """A source a review passage names, and the words it quotes from it inline, if any."""

    source: str
    quote: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Question:
    """A question a passage answers, and the words of the sentence that answer it."""

    q: str
    answer: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Link:
    """A link inside a passage: anchor text (as it occurs in the text) and its target."""

    text: str
    url: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Passage:
    """A paragraph of a document, or a block quote of a source (`kind: excerpt`)."""

    id: str
    section: str
    kind: Literal["review", "excerpt"] = "review"
    text: str
    source: str | None = None
    cites: tuple[Cite, ...] = ()
    recovered_from: str | None = None  # another copy of the document it was recovered from
    jurisdictions: tuple[Jurisdiction, ...] = ()
    questions: tuple[Question, ...] = ()  # questions it answers, each tied to a sentence
    page: int | None = None  # the PDF page it starts on: cited "p. 12", linked #page=12
    links: tuple[Link, ...] = ()  # links inside the text, in reading order
    lost_links: tuple[str, ...] = ()  # words that were a link whose target our copy lost


@dataclass(frozen=True, kw_only=True, slots=True)
class Gap:
    """Text our copy lost: where it was, what it was, and where to read it instead."""

    id: str
    section: str | None = None  # None (and no `after`): the loss is document-wide
    after: str | None = None  # the passage the lost text followed
    lost: str
    read_instead: tuple[str, ...] = ()  # source ids
    jurisdictions: tuple[Jurisdiction, ...] = ()


@dataclass(frozen=True, kw_only=True, slots=True)
class Document:
    """One document of the series, with its section tree, passages and gaps."""

    id: str
    title: str
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    date: dt.date | None = None
    url: str | None = None
    series: str | None = None
    sections: tuple[Section, ...]
    passages: tuple[Passage, ...]
    gaps: tuple[Gap, ...] = ()

    def subtrees(self) -> dict[str, frozenset[str]]:
        """Each section's id → its own id and those of every section under it (the loader
        refuses a cycle of parents)."""
        by_id = {s.id: s for s in self.sections}
        under: dict[str, set[str]] = {s.id: {s.id} for s in self.sections}
        for s in self.sections:
            parent = s.parent
            while parent is not None and parent in under:
                under[parent].add(s.id)
                parent = by_id[parent].parent
        return {section: frozenset(ids) for section, ids in under.items()}


@dataclass(frozen=True, kw_only=True, slots=True)
class Source:
    """A work the review quotes or names; `unconfirmed` lists facts we could not check."""

    id: str
    title: str
    authors: tuple[str, ...] = ()
    venue: str | None = None
    date: str | None = None
    url: str | None = None
    unconfirmed: tuple[Literal["url", "date", "venue", "authors"], ...] = ()
    jurisdictions: tuple[Jurisdiction, ...] = ()
    notes: str | None = None

    @property
    def confirmed_url(self) -> str | None:
        """The URL when we could check it; never cite an unconfirmed link as fact."""
        return None if "url" in self.unconfirmed else self.url


@dataclass(frozen=True, kw_only=True, slots=True)
class JurisdictionTerms:
    """How readers name a jurisdiction: aliases matched in questions."""

    aliases: tuple[str, ...]
    case_sensitive: tuple[str, ...] = ()  # matched only in this casing ("US", not "us")
    flag: str = ""


@dataclass(frozen=True, kw_only=True, slots=True)
class Lexicon:
    """Query expansion that a reader of the review needs."""

    jurisdictions: Mapping[Jurisdiction, JurisdictionTerms]
    uncovered: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # place → names
    synonyms: tuple[tuple[str, ...], ...] = ()  # groups of interchangeable phrases
    generic: tuple[str, ...] = ()  # question words that say nothing about the topic
    not_places: tuple[str, ...] = ()  # phrases where a place's name means something else


T = TypeVar("T")


def build(cls: type[T], data: Any) -> T:
    """An instance of the dataclass `cls` from validated data with its fields: a mapping
    (a snapshot's JSON) or an object with those attributes (a corpus/models.py model).
    Nested values become the nested dataclasses, sequences tuples, ISO text dates."""
    convert = _converters(cls)  # type: ignore[arg-type]  # a class is hashable
    if isinstance(data, Mapping):
        return cls(**{name: convert[name](value) for name, value in data.items()})
    return cls(**{name: to(getattr(data, name)) for name, to in convert.items()})


def fill(cls: type[T], columns: Mapping[str, Sequence[Any]]) -> list[T]:
    """Instances of the frozen, slotted dataclass `cls`, one per row of `columns` (a
    sequence of values per field, every field given): what `cls(**row)` would make, field
    by field, without a Python call per instance and field (for 100,000s of passages)."""
    if "__slots__" not in vars(cls):
        raise TypeError(f"{cls.__name__} has no slots")
    names = [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
    if sorted(names) != sorted(columns):
        raise ValueError(f"{cls.__name__}: other fields than {names}")
    count = len(columns[names[0]]) if names else 0
    made: list[T] = list(map(object.__new__, repeat(cls, count)))
    for name in names:
        values = columns[name]
        if len(values) != count:
            raise ValueError(f"{cls.__name__}.{name}: {len(values)} values for {count}")
        # The slot's own setter: what the generated __init__ calls through object.__setattr__.
        deque(map(vars(cls)[name].__set__, made, values), maxlen=0)
    return made


def converters(cls: type) -> dict[str, Callable[[Any], Any]]:
    """Per field of the dataclass `cls`, what makes its value from its JSON (as `build`)."""
    return _converters(cls)


@cache
def _converters(cls: Any) -> dict[str, Callable[[Any], Any]]:
    hints = get_type_hints(cls)
    return {f.name: _converter(hints[f.name]) for f in dataclasses.fields(cls)}


def build_all(cls: type[T], rows: Sequence[Mapping[str, Any]]) -> list[T]:
    """`[build(cls, row) for row in rows]` for the slotted dataclass `cls` and rows that
    give every field (as a snapshot's JSON does), made column by column with `fill`."""
    columns: dict[str, list[Any]] = {}
    for name, to in _converters(cls).items():  # type: ignore[arg-type]  # a class is hashable
        values = list(map(itemgetter(name), rows))
        columns[name] = values if to is _same else list(map(to, values))
    return fill(cls, columns)


def _same(value: Any) -> Any:
    return value


def _converter(hint: Any) -> Callable[[Any], Any]:
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, types.UnionType):  # X | None
        inner = _converter(next(a for a in args if a is not type(None)))
        return _same if inner is _same else lambda value: None if value is None else inner(value)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return lambda value: build(hint, value)
    if origin is tuple:
        item = _converter(args[0])
        return tuple if item is _same else lambda value: tuple(map(item, value))
    if origin is Mapping:
        item = _converter(args[1])
        return lambda value: {key: item(v) for key, v in value.items()}
    if hint is dt.date:
        return lambda value: value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
    return _same


def json_default(value: Any) -> Any:
    """`json.dump(..., default=json_default)` writes corpus objects as `build` reads them."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not a corpus object")
