"""Benchmark questions: derived from passages, with typos, with everyday words, off-topic."""

from __future__ import annotations

import random
from collections.abc import Callable

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
# Share of the typo set's questions with one word misspelt, as people type.
TYPO_SHARE = 0.3
# Words people use that a documentation corpus rarely has; those it has are left out.
EVERYDAY = """weather pizza recipe birthday football guitar holiday password vacation
    restaurant coffee breakfast dentist bicycle garden kitchen umbrella wedding airport
    hotel museum movie concert shopping grocery laundry furniture sandwich chocolate banana
    tomato potato puppy kitten homework teacher salary mortgage insurance parking traffic
    headache medicine pharmacy vitamin yoga marathon basketball tennis swimming beach
    mountain river island sunset rainbow winter summer autumn grandmother neighbour
    picnic camping fishing painting dancing singing cooking baking jogging sneakers
    jacket sweater scarf gloves necklace perfume haircut shampoo toothbrush pillow
    blanket sofa carpet curtain fridge microwave toaster kettle vacuum lawn flowers
    tulips roses vegetables fruit cheese butter bread cereal pancakes cookies dessert
    dinner lunch supper groceries bakery butcher cinema theatre stadium playground
    zoo aquarium library""".split()
OFF_TOPIC = (
    "What is the capital of {0}?",
    "How do I bake {1} for a {2}?",
    "Who won the {2} last year?",
    "Where can I buy {1} near me?",
    "Is {0} nice in {3}?",
    "What should I wear to a {2}?",
    "How much does a {1} cost?",
    "Can you recommend a {1} recipe?",
)
PLACES = "France Peru Kenya Norway Japan Chile Egypt Canada Portugal Vietnam".split()
SEASONS = "winter spring summer autumn".split()


def _content_words(text: str) -> list[str]:
    seen: set[str] = set()
    words: list[str] = []
    for token in scan(text):
        word = text[token.start : token.end]
        if word.isalpha() and len(word) >= 4 and token.term not in seen:
            seen.add(token.term)
            words.append(word)
    return words


def derive(corpus: Corpus, count: int, seed: int = SEED) -> list[str]:
    """`count` questions, each naming 3–6 content words of one passage, deterministically."""
    rng = random.Random(seed)
    entries = corpus.entries
    out: list[str] = []
    for _ in range(count * 50):
        if len(out) == count:
            break
        words = _content_words(entries[rng.randrange(len(entries))].text)
        if len(words) < 3:
            continue
        picked = sorted(rng.sample(range(len(words)), rng.randint(3, min(6, len(words)))))
        chosen = [words[i] for i in picked]
        phrase = ", ".join(chosen[:-1]) + " and " + chosen[-1]
        out.append(rng.choice(TEMPLATES).format(phrase))
    if len(out) < count:
        raise ValueError(f"the corpus yields only {len(out)} benchmark questions")
    return out


def swap_letters(word: str, rng: random.Random) -> str:
    """`word` with two adjacent, different letters swapped (unchanged if it has none)."""
    places = [i for i in range(len(word) - 1) if word[i] != word[i + 1]]
    if not places:
        return word
    i = rng.choice(places)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def with_typos(questions: list[str], seed: int = SEED, share: float = TYPO_SHARE) -> list[str]:
    """`questions`, `share` of them with two adjacent letters of one word swapped."""
    rng = random.Random(seed)
    out = []
    for question in questions:
        words = question.split(" ")
        candidates = [i for i, w in enumerate(words) if sum(c.isalpha() for c in w) >= 4]
        if candidates and rng.random() < share:
            i = rng.choice(candidates)
            core = words[i].rstrip("?.,")
            words[i] = swap_letters(core, rng) + words[i][len(core) :]
        out.append(" ".join(words))
    return out


def with_everyday_words(
    questions: list[str], unknown: Callable[[str], bool], seed: int = SEED
) -> list[str]:
    """`questions`, each with one or two everyday words the corpus does not know."""
    rng = random.Random(seed)
    words = [w for w in EVERYDAY if unknown(w)]
    if not words:
        raise ValueError("the corpus knows every everyday word of the list")
    out = []
    for question in questions:
        extra = " and ".join(rng.sample(words, rng.randint(1, 2)))
        out.append(question.rstrip("?.") + f" with {extra}?")
    return out


def off_topic(count: int, seed: int = SEED) -> list[str]:
    """`count` questions about nothing a policy review or documentation discusses."""
    rng = random.Random(seed)
    return [
        rng.choice(OFF_TOPIC).format(
            rng.choice(PLACES), rng.choice(EVERYDAY), rng.choice(EVERYDAY), rng.choice(SEASONS)
        )
        for _ in range(count)
    ]
