"""Spelling correction, old rule against the speller: misspellings of corpus words, timed.

The old rule is what Engine ran before retrieval/spelling.py: rapidfuzz's extractOne over
the whole vocabulary, then the first-letter and length checks. tests/test_spelling.py
holds the speller to it.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from retrieval.spelling import Speller

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def old_correct(vocabulary: dict[str, str], word: str) -> str | None:
    """The rule the speller replaces: extractOne over the vocabulary, then Engine's checks."""
    from rapidfuzz import fuzz, process

    match = process.extractOne(word, vocabulary.keys(), scorer=fuzz.ratio, score_cutoff=80.0)
    if match is not None and match[0][0] == word[0] and abs(len(match[0]) - len(word)) <= 1:
        return vocabulary[match[0]]
    return None


def misspell(word: str, rng: random.Random, alphabet: str = LETTERS) -> str:
    """One typo: two adjacent letters swapped, a letter dropped, added or replaced."""
    i = rng.randrange(len(word))
    kind = rng.randrange(4)
    if kind == 0 and len(word) > 1:
        i = min(i, len(word) - 2)
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == 1:
        return word[:i] + word[i + 1 :]
    if kind == 2:
        return word[:i] + rng.choice(alphabet) + word[i:]
    return word[:i] + rng.choice(alphabet) + word[i + 1 :]


def misspellings(
    words: list[str], count: int, seed: int, alphabet: str = LETTERS, shortest: int = 2
) -> list[tuple[str, str]]:
    """`count` (typo, word it came from), no typo a word of `words`, deterministically."""
    rng = random.Random(seed)
    known = set(words)
    out: list[tuple[str, str]] = []
    while len(out) < count:
        word = rng.choice(words)
        typo = misspell(word, rng, alphabet)
        if len(typo) >= shortest and typo not in known:
            out.append((typo, word))
    return out


def measure(speller: Speller, count: int = 1000, seed: int = 11) -> dict[str, Any]:
    """Precision and recall of both rules, and their time per word, on misspellings that
    Engine would try to correct (four letters or more, letters only) of corpus words."""
    words = [w for w in speller.words if len(w) >= 4 and w.isalpha()]
    typos = [
        (typo, word)
        for typo, word in misspellings(words, 2 * count, seed, shortest=4)
        if typo.isalpha()
    ][:count]
    vocabulary = dict(zip(speller.words, speller.spellings, strict=True))
    old_correct(vocabulary, "warm")  # rapidfuzz's import is not a correction

    def run(correct: Callable[[str], str | None]) -> dict[str, Any]:
        seconds, results, right, wrong = [], [], 0, 0
        for typo, word in typos:
            start = time.perf_counter()
            fixed = correct(typo)
            seconds.append(time.perf_counter() - start)
            results.append(fixed)
            if fixed is not None:
                right += fixed == vocabulary[word]
                wrong += fixed != vocabulary[word]
        us = sorted(s * 1e6 for s in seconds)
        return {
            "precision": right / max(right + wrong, 1),
            "recall": right / len(typos),
            "p50_us": statistics.median(us),
            "p95_us": us[round(0.95 * (len(us) - 1))],
            "results": results,
        }

    old = run(lambda typo: old_correct(vocabulary, typo))
    new = run(speller.correct)
    same = old.pop("results") == new.pop("results")
    return {"old": old, "new": new, "typos": len(typos), "same": same, "words": len(words)}
