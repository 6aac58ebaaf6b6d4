"""Whether a message is about the corpus's subject at all: a linear model over the index terms
it holds and its embedding, trained on labelled messages (`python -m retrieval.topic_training`)."""

from __future__ import annotations

import hashlib
import json
import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from corpus.load import Corpus
from retrieval.embedding import DIM
from retrieval.text import tokenize

MODEL = Path(__file__).parent / "data" / "topic.json"
log = logging.getLogger("verbatim")


@dataclass(frozen=True)
class TopicModel:
    """A weight per index term (a term it lacks weighs nothing), one per dimension of a
    message's embedding (none: it reads words only), and the fingerprints of the messages it
    was trained on and of the corpus whose passage questions were among them."""

    weights: Mapping[str, float]
    fingerprint: str = ""
    corpus: str = ""
    meaning: tuple[float, ...] = ()

    def score(self, text: str, vector: npt.NDArray[np.float32] | None = None) -> float:
        """What `text` says, by its words and its embedding `vector`: above 0, that it is
        about the subject; below, that it is about something else ("a free weights routine
        for a total beginner"), whatever words it shares with the corpus. The model's
        intercept (the prior) is left out, so a message that says little ("what does the us
        require") says little against it. A model that reads embeddings needs `vector`."""
        words = sum(self.weights.get(term, 0.0) for term in set(tokenize(text)))
        if not self.meaning:
            return words
        if vector is None:
            raise ValueError("this topic model reads a message's embedding: pass it")
        return words + float(np.dot(np.asarray(self.meaning), vector))


def load(path: Path = MODEL) -> TopicModel:
    """The model saved at `path`; a broken file raises ValueError naming it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        weights, fingerprint = data["weights"], data.get("fingerprint", "")
        corpus, meaning = data.get("corpus", ""), data.get("meaning", [])
        numbers = [*weights.values(), *meaning]
        if not all(isinstance(x, int | float) and math.isfinite(x) for x in numbers):
            raise TypeError("weights must be finite numbers")
        if len(meaning) not in (0, DIM):
            raise TypeError(f"meaning must hold {DIM} weights, not {len(meaning)}")
        if not isinstance(fingerprint, str) or not isinstance(corpus, str):
            raise TypeError("fingerprints must be strings")
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise ValueError(f"{path}: not a topic model ({error})") from error
    return TopicModel(
        {str(k): float(v) for k, v in weights.items()},
        fingerprint,
        corpus,
        tuple(float(x) for x in meaning),
    )


def save(model: TopicModel, path: Path = MODEL) -> None:
    """Write `model` as JSON, terms in order, weights rounded (reviewable in a diff)."""
    data = {
        "fingerprint": model.fingerprint,
        "corpus": model.corpus,
        "weights": {term: round(model.weights[term], 4) for term in sorted(model.weights)},
        "meaning": [round(x, 4) for x in model.meaning],
    }
    path.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")


@cache
def bundled() -> TopicModel:
    """The model that ships with the package, read once."""
    return load(MODEL)


def digest(items: Sequence[object]) -> str:
    """A fingerprint of JSON-able `items`, in order."""
    return hashlib.sha256(json.dumps(list(items)).encode()).hexdigest()


def corpus_fingerprint(corpus: Corpus) -> str:
    """What a model learns of a corpus: its passage questions, in order."""
    return digest([q.q for entry in corpus.entries for q in entry.questions])


def for_corpus(corpus: Corpus) -> TopicModel | None:
    """The bundled model if it was trained on this corpus; None for another one (a corpus of
    one's own, or more documents): what it learned of one subject says nothing of another,
    and it would decline questions about it until trained again. A model file that cannot be
    read costs a warning, not an answer: the decision goes on without it."""
    try:
        model = bundled()
    except ValueError as error:
        log.warning("%s; deciding without the topic model", error)
        return None
    return model if model.corpus == corpus_fingerprint(corpus) else None
