"""Names written as the corpus writes them ("chatgpt" → "ChatGPT"), for the embeddings,
whose tokenizer tells cases apart: a question typed in lower case came out far from the
sentences that name what it asks about."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from retrieval.wordweights import zipf

# A word as the embeddings' tokenizer sees it, inner hyphens and apostrophes included.
_WORD = re.compile(r"[^\W_](?:[\w'’-]*[^\W_])?")
_POSSESSIVE = re.compile(r"['’]s$")
# Only names and acronyms are written so: an everyday word that the corpus happens to
# capitalise ("Review", "Order", "Feedback" in titles) is typed in lower case as often as not.
NAME = 4.1  # Zipf frequency below which a word is a name ("Claude", "Meta", "Linux")


class Capitals:
    """The words a corpus writes only with capitals, other than to start a sentence, and how
    it writes them most often."""

    def __init__(self, written: dict[str, str]) -> None:
        self.written = written
        names = sorted(written, key=len, reverse=True)
        self._pattern = (
            re.compile(
                r"(?<![\w'’-])(?:"
                + "|".join(map(re.escape, names))
                # ...a possessive's too: "chatgpt's weights" came out far from "ChatGPT".
                + r")(?=(?:['’]s)?(?![\w'’-]))"
            )
            if names
            else None
        )

    @classmethod
    def from_texts(cls, texts: Iterable[str], names: Iterable[str] = ()) -> Capitals:
        """The names of `texts`, and `names` (phrases to write as given: the lexicon's
        "the US") as written there."""
        return cls.of(names_in(texts), names)

    @classmethod
    def of(cls, written: dict[str, str], names: Iterable[str] = ()) -> Capitals:
        """The names `names_in` found, and `names` as `from_texts` takes them."""
        return cls(written | {name.casefold(): name for name in names if name != name.casefold()})

    def __call__(self, text: str) -> str:
        """`text` with every word the corpus writes only with capitals written so where it
        is typed all in lower case (a word typed with a capital is left as typed)."""
        if self._pattern is None:
            return text
        return self._pattern.sub(lambda m: self.written[m.group()], text)


def names_in(texts: Iterable[str]) -> dict[str, str]:
    """The words `texts` write only with capitals, other than to start a sentence, in lower
    case, each with how `texts` write it most often."""
    forms: dict[str, Counter[str]] = {}
    lowered: set[str] = set()
    inside: set[str] = set()  # capitalised somewhere other than at a sentence's start
    for text in texts:
        for match in _WORD.finditer(text):
            word = _POSSESSIVE.sub("", match.group())
            key = word.casefold()
            if word == key:
                lowered.add(key)
                continue
            forms.setdefault(key, Counter())[word] += 1
            if not _starts_sentence(text, match.start()):
                inside.add(key)
    return {
        key: counts.most_common(1)[0][0]
        for key, counts in forms.items()
        if key in inside and key not in lowered and (key.upper() in counts or zipf(key) < NAME)
    }


def _starts_sentence(text: str, at: int) -> bool:
    """Whether a word at `at` starts a sentence, where a capital says nothing of it: at the
    start, after a stop and a space, or after an opening quote or bracket."""
    before = at
    while before and text[before - 1].isspace():
        before -= 1
    if not before:
        return True
    mark = text[before - 1]
    return mark in '"“(' or (mark in ".!?:" and before < at)
