"""Text handling: normalise, tokenize with spans, stem, and split sentences."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container, Iterable, Sequence
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

import Stemmer

# The Snowball English stop list, minus words that carry meaning in this corpus
# ("not", "no", "against", "over", "under" change what a policy question asks).
STOPWORDS = frozenset(
    """a about above after again all am an and any are aren't as at be because been before
    being below between both but by can can't cannot could couldn't did didn't do does
    doesn't doing don't down during each few for from further had hadn't has hasn't have
    haven't having he he'd he'll he's her here here's hers herself him himself his how how's
    i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't my
    myself nor of off on once only or other ought our ours ourselves out own same shan't she
    she'd she'll she's should shouldn't so some such than that that's the their theirs them
    themselves then there there's these they they'd they'll they're they've this those
    through to too until up very was wasn't we we'd we'll we're we've were weren't what
    what's when when's where where's which while who who's whom why why's with won't would
    wouldn't you you'd you'll you're you've your yours yourself yourselves
    tell say says said also just like please know anything something thing things
    us e.g i.e eg ie etc""".split()
)

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})
# Acronyms written with dots ("U.S.", "e.g.") become one token; words keep inner apostrophes;
# numbers keep their decimal point ("4.6"). Hyphens and other punctuation separate tokens,
# so "open-source" and "open source" tokenize alike.
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|\d+(?:\.\d+)+|[^\W_]+(?:['’ʼ][^\W_]+)*")
# A small bounded cache: questions bring endless new words, memory must stay flat.
_STEMMER = Stemmer.Stemmer("english", 4096)


class Token(NamedTuple):
    """A token: its span in the original text, the surface word (folded), and its stem.

    A NamedTuple rather than a frozen dataclass: passages are scanned on the answer path,
    and building a tuple costs a third of a frozen dataclass's __init__."""

    start: int
    end: int
    word: str
    term: str


def fold(word: str) -> str:
    """Unicode-normalise and case-fold one word."""
    if not word.isascii():  # NFKC is a no-op on ASCII, and most words are ASCII
        word = unicodedata.normalize("NFKC", word).translate(_APOSTROPHES)
    return word.casefold()


Word = tuple[int, int, str]  # span and folded surface word, before stemming


def words(
    text: str, *, keep_stopwords: bool = False, initials: frozenset[str] | None = None
) -> list[Word]:
    """The words of `text` with their spans, folded, stopwords removed unless asked to keep
    them: `scan` without the stemming. With `initials` (lower-case first letters), only the
    words that begin with one of them."""
    if text.isascii():
        return _ascii_words(text, keep_stopwords, initials)
    tokens = ((match.start(), match.group()) for match in _TOKEN.finditer(text))
    return _words_of(tokens, keep_stopwords, initials)


def _words_of(
    tokens: Iterable[tuple[int, str]], keep_stopwords: bool, initials: frozenset[str] | None
) -> list[Word]:
    """`words` of the tokens (start, token as written) that `_TOKEN` found in a text."""
    kept: list[Word] = []
    append = kept.append
    # Most words of a passage cannot match a question: an ASCII one is skipped on its first
    # character, before any folding (ASCII case-folds character by character).
    first = None if initials is None else _either_case(initials)
    for start, raw in tokens:
        if first is not None and raw[0] not in first and raw[0].isascii():
            continue
        end = start + len(raw)
        if raw[-1] == "." and "." in raw[:-1]:
            # "U.S." is the acronym US, whatever its case in the question.
            raw = raw.replace(".", "").upper()
        word = raw.casefold() if raw.isascii() else fold(raw)
        if word.endswith("'s"):
            word = word[:-2]
        # "US" in capitals is the country, "us" the pronoun; other capitalised stopwords too.
        if not word or (
            not keep_stopwords and word in STOPWORDS and not (len(raw) > 1 and raw.isupper())
        ):
            continue
        if initials is None or word[0] in initials:
            append((start, end, word))
    return kept


@lru_cache(maxsize=64)
def _either_case(initials: frozenset[str]) -> frozenset[str]:
    """`initials` and their capitals: made once for the few sets a question's quotes use
    (every piece with a dot in a passage asks again)."""
    return initials | {c.upper() for c in initials}


@lru_cache(maxsize=64)
def _marking(initials: frozenset[str]) -> bytes:
    """A `bytes.translate` table that makes `initials`, in either case, `_MARK` (an ASCII
    text has no word that begins otherwise)."""
    heads = "".join(c for c in _either_case(initials) if c.isascii()).encode()
    return bytes.maketrans(heads, _MARK * len(heads))


# Every ASCII character that cannot be part of a token becomes a space (letters, digits,
# the dot of "U.S." and "4.6" and inner apostrophes stay).
_ASCII_GAPS = bytes(
    c if c < 128 and (chr(c).isalnum() or chr(c) in ".'") else 32 for c in range(256)
)
_ASCII_STOPWORDS = frozenset(word.encode("ascii") for word in STOPWORDS)


def _ascii_words(text: str, keep_stopwords: bool, initials: frozenset[str] | None) -> list[Word]:
    """`words` of an ASCII text, with less work in Python than the regex path.

    No token spans a character that cannot be in one, so the text is cut at those, in C,
    into pieces one character apart; a piece is matched alone as it would be in the text.
    A piece of letters and digits (before any full stops) is one token, a word but for its
    case, to which only the stopword rule applies; only the others, with a dot or an
    apostrophe inside ("U.S.", "4.6", "Meta's"), go through the regex and `_words_of`.
    """
    gaps = text.encode("ascii").translate(_ASCII_GAPS)
    found = _pieces(gaps) if initials is None else _pieces_led_by(gaps, initials)
    kept: list[Word] = []
    for at, piece in found:
        core = piece.rstrip(b".")
        if not core.isalnum():
            tokens = ((at + m.start(), m.group()) for m in _TOKEN.finditer(piece.decode("ascii")))
            kept += _words_of(tokens, keep_stopwords, initials)
            continue
        word = core.lower()
        # As in `_words_of`: "US" in capitals is the country, "us" the pronoun.
        if keep_stopwords or word not in _ASCII_STOPWORDS or (len(core) > 1 and core.isupper()):
            kept.append((at, at + len(core), word.decode("ascii")))
    return kept


def _pieces(gaps: bytes) -> list[tuple[int, bytes]]:
    """Every piece of a text cut by `_ASCII_GAPS`, with where it starts."""
    pieces = gaps.split(b" ")
    # Piece i starts after the pieces before it and the i separators between them.
    before = accumulate(map(len, pieces[:-1]), initial=0)
    return [
        (at + i, piece) for i, (at, piece) in enumerate(zip(before, pieces, strict=True)) if piece
    ]


# Marks where a piece of a text cut by `_ASCII_GAPS` has an apostrophe, or a dot that a
# letter or digit follows ("x.Meta", "4.6a"): the pieces a token may begin inside of. Every
# letter and digit becomes an "x", so both are found with `bytes.find`.
_INSIDE = bytes(c if c in b" .'" else ord("x") for c in range(256))
_INSIDE_MARKS = (b"'", b".x")
# What `_marking` makes of an initial: a byte that `_ASCII_GAPS` leaves in no text.
_MARK = b"\x01"
_MARKED_PIECE = re.compile(b" " + _MARK + b"[^ ]*")


def _pieces_led_by(gaps: bytes, initials: frozenset[str]) -> list[tuple[int, bytes]]:
    """The pieces that may hold a word beginning with one of `initials` (lower case), in
    order: those that begin with one, and those with a dot or an apostrophe inside that
    hold one anywhere. Found in C, with the initials marked: most pieces of a passage are
    never visited in Python."""
    spaced = b" " + gaps  # a piece starts after a space, the first one too
    marked = spaced.translate(_marking(initials))
    found = [(m.start(), spaced[m.start() + 1 : m.end()]) for m in _MARKED_PIECE.finditer(marked)]
    marks = gaps.translate(_INSIDE)
    if b"'" in marks or b".x" in marks:
        inside: dict[int, bytes] = {}
        for mark in _INSIDE_MARKS:
            at = marks.find(mark)
            while at >= 0:
                start = gaps.rfind(b" ", 0, at) + 1
                end = gaps.find(b" ", at)
                if end < 0:
                    end = len(gaps)
                # Pieces that begin with an initial are found above; in the others, a word's
                # first letter is its token's first character in either case.
                if marked[start + 1] != _MARK[0] and _MARK in marked[start + 1 : end + 1]:
                    inside[start] = gaps[start:end]
                at = marks.find(mark, end)
        if inside:
            found += inside.items()
            found.sort()
    return found


def stemmed(found: list[Word], only: Container[str] | None = None) -> list[Token]:
    """Tokens of `words(...)`: one call into the C stemmer for all of them, not one each.
    With `only`, just the tokens whose term is in it."""
    stems = _STEMMER.stemWords([word for _, _, word in found])
    return [
        Token(start, end, word, term)
        for (start, end, word), term in zip(found, stems, strict=True)
        if only is None or term in only
    ]


def scan(text: str, *, keep_stopwords: bool = False) -> list[Token]:
    """Tokens of `text` with their spans, stopwords removed unless asked to keep them."""
    return stemmed(words(text, keep_stopwords=keep_stopwords))


@lru_cache(maxsize=128)
def scanned(text: str) -> tuple[Token, ...]:
    """`scan(text)`, remembered for recent texts: answering a question scans it more than
    once (for spelling, then for its terms), and the jurisdiction names in it every time."""
    return tuple(scan(text))


def tokenize(text: str) -> list[str]:
    """Index terms of `text`: folded, stemmed, stopwords removed."""
    return [t.term for t in scan(text)]


# --- sentences --------------------------------------------------------------------------

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    """e.g i.e cf vs etc al approx no nos art arts sec secs fig figs p pp mr mrs ms dr prof st
    jr sr inc ltd co corp u.s u.k e.u u.n jan feb mar apr jun jul aug sep sept oct nov dec
    para paras ch vol ed eds""".split()
)
# A run of end marks and closing quotes before white space, or a blank line. Written to
# begin with one character class, which lets re skip ahead to the next candidate quickly.
_END = re.compile(r"[.!?…\n](?:(?<=[.!?…])[.!?…]*[\"'”’)\]]*(?=\s|$)|(?<=\n)\s*\n)")
_OPENERS = '("“'
_NEXT_START = re.compile(r"\s*[\"'“‘(\[]?[A-Z0-9$£€]")


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of `text`, trimmed of surrounding white space, in order."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        end = match.end()
        if match.group().strip() and not _is_boundary(text, match.start(), end):
            continue
        _add_span(text, start, end, spans)
        start = end
    _add_span(text, start, len(text), spans)
    return spans


def sentence_holding(spans: Sequence[tuple[int, int]], text: str, words: str) -> int:
    """The index of the sentence (of `spans`, the sentences of `text`) in which `words`
    start: where a passage question's answer is."""
    at = text.index(words)
    return next(i for i, (_, end) in enumerate(spans) if at < end)


def _is_boundary(text: str, stop: int, end: int) -> bool:
    if end < len(text) and not _NEXT_START.match(text, end):
        return False  # "e.g. the", "4.6 calls": a lower-case continuation is the same sentence
    if text[stop] != ".":
        return True
    start = stop  # back to the start of the word before the stop
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in _OPENERS:
        start -= 1
    if start == stop:
        return True
    word = text[start:stop].casefold().rstrip(".")
    # A single capital ("J. Smith") is an initial; listed abbreviations continue the sentence.
    return word not in _ABBREVIATIONS and not (len(word) == 1 and word.isalpha())


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


# Control and format characters (NUL, bidi overrides, zero-width joiners) are dropped from
# questions: they only hide or reorder what a reader sees. So are surrogates: alone they are
# no character at all (the gateway's JSON can carry "\\ud800"; `surrogateescape` turns bytes
# that are not UTF-8 into them), no one can read them, and UTF-8 cannot encode them.
_INVISIBLE = re.compile(
    r"[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff"
    r"\ud800-\udfff]"
)


_STACKED_MARKS = re.compile(r"[\u0300-\u036f]{2,}")


# Contractions typed without their apostrophe: read as meant, not "corrected" into another
# word ("whos" is "who's", not "who").
_CONTRACTIONS = {
    word.replace("'", ""): word
    for word in (
        "who's what's where's when's why's how's that's there's it's "
        "don't doesn't didn't isn't aren't wasn't weren't can't won't wouldn't shouldn't "
        "couldn't hasn't haven't hadn't i'm i've you're they're we're"
    ).split()
    if word.replace("'", "") not in {"its", "well", "were", "hell", "shell", "wed"}
}
# Led by a lookahead on the contractions' first letters, which re skips ahead to.
_BARE_CONTRACTION = re.compile(
    f"(?=[{''.join(sorted({word[0] for word in _CONTRACTIONS}))}])"
    r"(?<![\w'’])(" + "|".join(_CONTRACTIONS) + r")(?![\w'’])",
    re.IGNORECASE,
)


def with_apostrophes(text: str) -> str:
    """`text` with contractions typed without an apostrophe written out ("whos behind
    this" → "who's behind this"), keeping the case of the first letter."""

    def fix(match: re.Match[str]) -> str:
        typed = match.group()
        meant = _CONTRACTIONS[typed.lower()]
        return meant[0].upper() + meant[1:] if typed[0].isupper() else meant

    return _BARE_CONTRACTION.sub(fix, text)


def clean_question(raw: str) -> str:
    """The question as we process, echo and store it: invisible characters (lone surrogates
    among them) dropped, spaces folded. The result always encodes as UTF-8."""
    if raw.isascii() and raw.isprintable():
        return " ".join(raw.split())  # most questions: nothing to drop, nothing to compose
    # Dropped before normalising, so what is left composes as the reader sees it.
    text = unicodedata.normalize("NFD", _INVISIBLE.sub("", raw))
    # Decomposed, every mark is its own character: two or more stacked on one letter are
    # "zalgo", noise that splits every word, and go entirely (an "Ű" among them too); a
    # letter's one accent stays and composes back.
    text = unicodedata.normalize("NFC", _STACKED_MARKS.sub("", text))
    return " ".join(text.split())
