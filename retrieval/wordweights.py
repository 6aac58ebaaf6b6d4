"""How common an English word is, so words the corpus never uses weigh by their rarity."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

TABLE = Path(__file__).parent / "data" / "english-zipf.txt"
# Zipf frequencies: 7 is "the", 3 a word seen once per million words; the table stops at
# 2.5, so a word missing from it is at least that rare.
RARE = 2.5
COMMON = 6.5
SPREAD = 4.0
FLOOR = 0.1
# A word at least this common is English as typed, not a misspelling of a corpus word:
# "worth" is not "worst", nor "words" "world".
ENGLISH_WORD = 3.0
# The table has no words with digits: an ordinal typed so ("my 1st speech") is as common as
# it is spelled out, not a rare word (a figure such as "9066" stays rare).
_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)")
_SPELLED = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")


@cache
def _zipf() -> dict[str, float]:
    table: dict[str, float] = {}
    with TABLE.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#"):
                continue
            value, words = line.rstrip("\n").split("\t")
            table.update(dict.fromkeys(words.split(), float(value)))
    return table


def zipf(word: str) -> float:
    """The Zipf frequency of a lower-case English word (RARE when it is rarer or unknown)."""
    ordinal = _ORDINAL.fullmatch(word)
    if ordinal:
        number = int(ordinal.group(1))
        word = _SPELLED[number - 1] if 0 < number <= len(_SPELLED) else "tenth"
    return _zipf().get(word, RARE)


def is_english(word: str) -> bool:
    """Whether a lower-case word is a word of everyday English (see `ENGLISH_WORD`)."""
    return zipf(word) >= ENGLISH_WORD


def rarity(word: str) -> float:
    """In [FLOOR, 1]: 1 for a rare word ("marathon" is fairly rare), FLOOR for an everyday
    one ("actually"): how much a word the corpus lacks should count against a passage."""
    return min(1.0, max(FLOOR, (COMMON - zipf(word)) / SPREAD))
