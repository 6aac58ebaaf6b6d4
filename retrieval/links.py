"""Links that land on the quoted sentence: URL text fragments (`#:~:text=…`).

Syntax and encoding follow the WICG spec "URL Fragment Text Directives"
(https://wicg.github.io/scroll-to-text-fragment/): `#:~:text=[prefix-,]start[,end][,-suffix]`,
each term percent-encoded. A browser highlights the *first* match of `start` on the page
(then the first `end` after it), so a term that also occurs earlier on the page gets the
words before it as a `prefix-`; a range end that occurs earlier inside the quote is grown
until it does not.

"The page" is the document's passages in reading order. Our passages are the page's text
with link markers and chrome stripped, so every term is words the page shows. Matching is
done as browsers do it: case-insensitive, any run of white space equal to one space.
Finding a term inside a longer word counts as an earlier match here (browsers need word
boundaries), which only ever adds a prefix that was not strictly needed, never a wrong link.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from corpus.types import Document

# The spec's TextDirectiveExplicitChar, minus "(" and ")": a ")" ends a Markdown link
# target on Discord, and percent-encoding any character is always valid.
_SAFE = frozenset(string.ascii_letters + string.digits + "!$'*+./:;=?@_~")
# A whole quote up to this many words (on one line) is the `start` term; longer quotes
# become a range of their first and last words.
EXACT_WORDS = 8
RANGE_WORDS = 4
PREFIX_WORDS = 6
# Far longer than any web page we link to (our copy of the review: 9,000 characters). Past it,
# finding whether a term occurs earlier would cost more than answering (milliseconds per
# quote at millions of characters), so such a document's quotes link to its plain URL.
MAX_PAGE_CHARS = 1_000_000
_WS = re.compile(r"\s+")
_WORD = re.compile(r"\S+")


def encode_term(text: str) -> str:
    """A text directive term: white space collapsed, every unsafe byte percent-encoded
    (`-`, `,` and `&` included, as the spec requires)."""
    out = []
    for ch in _WS.sub(" ", text.strip()):
        out.append(ch if ch in _SAFE else "".join(f"%{b:02X}" for b in ch.encode("utf-8")))
    return "".join(out)


@dataclass(frozen=True)
class TextDirective:
    """The four terms of a text directive (only `start` is required)."""

    start: str
    end: str | None = None
    prefix: str | None = None
    suffix: str | None = None

    def __str__(self) -> str:
        terms = [encode_term(self.start)]
        if self.prefix:
            terms.insert(0, encode_term(self.prefix) + "-")
        if self.end:
            terms.append(encode_term(self.end))
        if self.suffix:
            terms.append("-" + encode_term(self.suffix))
        return "text=" + ",".join(terms)


def with_fragment(url: str, directive: TextDirective) -> str:
    """`url` with the text directive as its fragment (any fragment it had is replaced)."""
    return f"{url.split('#', 1)[0]}#:~:{directive}"


def _norm(text: str) -> str:
    """One character for each run of white space: a line break if it holds one (terms
    stay within a paragraph), else a space."""
    return _WS.sub(lambda m: "\n" if "\n" in m.group() else " ", text)


def _folded(text: str) -> str:
    """Lower case for matching as browsers do, unless that changes the length (a rare
    letter such as "İ"), which would shift every offset: then matching is exact."""
    lower = text.lower()
    return (lower if len(lower) == len(text) else text).replace("\n", " ")


@dataclass(frozen=True)
class Page:
    """A document's text as browsers match it, and where each passage starts in it."""

    shown: str  # the passages in reading order, each run of white space one character
    text: str  # `shown` in lower case, for matching
    starts: dict[str, tuple[int, str]]  # passage id → (offset in `text`, passage text)


_PAGES: dict[int, tuple[Document, Page]] = {}


def page_of(document: Document) -> Page:
    """The document's page (cached per document object; a reload brings new objects)."""
    cached = _PAGES.get(id(document))
    if cached is not None and cached[0] is document:
        return cached[1]
    parts, starts, at = [], {}, 0
    if sum(len(p.text) + 1 for p in document.passages) > MAX_PAGE_CHARS:
        # No passage on the page: quote_link falls back to the plain URL.
        page = Page("", "", {})
        _PAGES[id(document)] = (document, page)
        return page
    for passage in document.passages:
        starts[passage.id] = (at, passage.text)
        piece = _norm(passage.text)
        parts.append(piece)
        at += len(piece) + 1
    shown = "\n".join(parts)
    page = Page(shown, _folded(shown), starts)
    if len(_PAGES) > 64:  # reloads replace documents; keep the cache bounded
        _PAGES.clear()
    _PAGES[id(document)] = (document, page)
    return page


def directive_for(shown: str, at: int, length: int) -> TextDirective:
    """The directive that makes a browser highlight `shown[at:at + length]` on the page
    whose text is `shown` (white space normalised); terms keep the page's case."""
    page, quote = _folded(shown), shown[at : at + length]
    lines = [line for line in quote.split("\n") if line.strip()]
    words = [m.group() for m in _WORD.finditer(quote)]
    if len(lines) <= 1 and len(words) <= EXACT_WORDS:
        start, end = quote.strip(), None
    else:
        # A range: the start from the first line and the end from the last (a term does
        # not cross a paragraph break; a range does).
        first = [m.group() for m in _WORD.finditer(lines[0])][:RANGE_WORDS]
        last_line = [m.group() for m in _WORD.finditer(lines[-1])]
        start, end = " ".join(first), None
        room = len(words) - len(first)
        for n in range(min(RANGE_WORDS, room), min(len(last_line), room) + 1):
            candidate = " ".join(last_line[-n:])
            after = at + len(start)
            if page.find(_folded(candidate), after) == at + len(quote) - len(candidate):
                end = candidate
                break
        if end is None:  # no end term is unambiguous: the whole quote is the start
            start = quote.strip()
    prefix = None
    if page.find(_folded(start)) != at:
        before = [m.group() for m in _WORD.finditer(shown[max(0, at - 400) : at])]
        for n in range(1, min(PREFIX_WORDS, len(before)) + 1):
            candidate = " ".join(before[-n:])
            if page.find(_folded(f"{candidate} {start}")) == at - len(candidate) - 1:
                prefix = candidate
                break
    return TextDirective(start, end, prefix)


def quote_link(document: Document, passage_id: str, start: int, end: int) -> str | None:
    """The document's URL with a text fragment for `passage text[start:end]`; the plain URL
    when the passage is not on the document's page; None when the document has no URL."""
    if not document.url:
        return None
    page = page_of(document)
    found = page.starts.get(passage_id)
    if found is None:
        return document.url
    offset, text = found
    raw = text[start:end]
    skipped = len(raw) - len(raw.lstrip())
    quote = _norm(raw.strip())
    if not quote:
        return document.url
    at = offset + len(_norm(text[: start + skipped]))
    if page.shown[at : at + len(quote)] != quote:
        return document.url  # never link to text the page does not show
    return with_fragment(document.url, directive_for(page.shown, at, len(quote)))
