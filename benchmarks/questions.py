"""Benchmark questions derived from a corpus: a passage's content words, asked about."""

from __future__ import annotations

import random

from corpus.load import Corpus
from retrieval.text import scan

SEED = 7
TEMPLATES = (
    "What does it say about {}?",
    "How do {} relate?",
    "Tell me about {}.",
    "{}?",
    "Why {}?",
    # A jurisdiction in the question: the jurisdiction boost path.
    "What does the EU say about {}?",
    "{} in the US?",
    "How does China handle {}?",
)


def derive(corpus: Corpus, count: int, seed: int = SEED) -> list[str]:
    """`count` questions, each naming 3–6 content words of one passage, deterministically."""
    rng = random.Random(seed)
    entries = corpus.entries
    out: list[str] = []
    for _ in range(count * 50):
        if len(out) == count:
            break
        entry = entries[rng.randrange(len(entries))]
        seen: set[str] = set()
        words: list[str] = []
        for token in scan(entry.text):
            word = entry.text[token.start : token.end]
            if word.isalpha() and len(word) >= 4 and token.term not in seen:
                seen.add(token.term)
                words.append(word)
        if len(words) < 3:
            continue
        picked = sorted(rng.sample(range(len(words)), rng.randint(3, min(6, len(words)))))
        chosen = [words[i] for i in picked]
        phrase = ", ".join(chosen[:-1]) + " and " + chosen[-1]
        out.append(rng.choice(TEMPLATES).format(phrase))
    if len(out) < count:
        raise ValueError(f"the corpus yields only {len(out)} benchmark questions")
    return out
