"""Train the topic model (retrieval/topic.py) and write it: `python -m retrieval.topic_training`.

About the subject: the corpus's passage questions, and the dev set's answerable questions
and near misses. About something else: the messages of retrieval/data/elsewhere.txt
(everyday ones, and ones next to the subject), those of retrieval/data/beside_subject.txt
(next to the subject, for this model only) and the dev set's off-topic and small-talk
messages. The test set is never read. Run it again when any of them changes (a test compares
the fingerprint): the engine uses the model only with the corpus whose passage questions it
was trained on.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from corpus.load import Corpus, load_corpus
from retrieval.decide import OFF_SUBJECT
from retrieval.embedding import Embedder, FloatMatrix
from retrieval.evaluation import DECLINE_KINDS, load_cases, set_path
from retrieval.logistic import fit_logistic
from retrieval.semantic import elsewhere_texts
from retrieval.text import tokenize
from retrieval.topic import MODEL, TopicModel, corpus_fingerprint, digest, save

Message = tuple[str, bool]  # a message, and whether it is about the subject
# Messages next to the subject that only this model learns from (the file says why).
BESIDE_SUBJECT = Path(__file__).parent / "data" / "beside_subject.txt"

# Chosen on dev by five-fold cross-validation (`main` prints it): a term must occur in this
# many training messages to get a weight, and weights pay this L2 penalty (those of the
# embedding's dimensions too).
MIN_MESSAGES = 2
L2 = 1.0
FOLDS = 5


def training_messages(corpus: Corpus) -> list[Message]:
    """Every labelled message, in a fixed order."""
    found = [(q.q, True) for entry in corpus.entries for q in entry.questions]
    found += [(text, False) for text in elsewhere_texts()]
    found += [(text, False) for text in elsewhere_texts(BESIDE_SUBJECT)]
    found += [(c.question, c.kind not in DECLINE_KINDS) for c in load_cases(set_path("dev"))]
    return found


def embedded(messages: Sequence[Message]) -> FloatMatrix:
    """The messages' embeddings, a row each (the bundled model, read from local files)."""
    return Embedder.load().embed([text for text, _ in messages])


def fit(
    messages: Sequence[Message], corpus: str = "", vectors: FloatMatrix | None = None
) -> TopicModel:
    """L2-regularised logistic regression on which terms each message holds and, given
    `vectors` (a row per message), its embedding; the two sides weighed equally however
    many messages each has (Newton's method: the problem is small)."""
    terms = [set(tokenize(text)) for text, _ in messages]
    counts = Counter(term for held in terms for term in held)
    vocabulary = sorted(term for term, n in counts.items() if n >= MIN_MESSAGES)
    column = {term: i for i, term in enumerate(vocabulary)}
    meaning = 0 if vectors is None else vectors.shape[1]
    x = np.zeros((len(messages), len(vocabulary) + meaning + 1))
    x[:, -1] = 1.0  # the intercept, not penalised
    for row, held in enumerate(terms):
        x[row, [column[t] for t in held if t in column]] = 1.0
    if vectors is not None:
        x[:, len(vocabulary) : -1] = vectors
    y = np.array([about for _, about in messages], dtype=np.float64)
    weights = fit_logistic(x, y, L2, balanced=True)
    # The intercept only balances the two sides in training (`TopicModel.score`).
    words = weights[: len(vocabulary)]
    return TopicModel(
        {term: float(w) for term, w in zip(vocabulary, words, strict=True) if w},
        digest(messages),
        corpus,
        tuple(float(w) for w in weights[len(vocabulary) : -1]),
    )


def out_of_fold(
    messages: Sequence[Message], vectors: FloatMatrix | None = None, folds: int = FOLDS
) -> list[float]:
    """Each message's score by a model trained without its fold (folds by position)."""
    scores = [0.0] * len(messages)
    for fold in range(folds):
        held = [i for i in range(len(messages)) if i % folds == fold]
        kept = [i for i in range(len(messages)) if i % folds != fold]
        model = fit([messages[i] for i in kept], "", None if vectors is None else vectors[kept])
        for i in held:
            scores[i] = model.score(messages[i][0], None if vectors is None else vectors[i])
    return scores


def main() -> int:
    corpus = load_corpus(cache_dir=None)
    messages = training_messages(corpus)
    vectors = embedded(messages)
    scores = out_of_fold(messages, vectors)
    for about, name in ((True, "about the subject"), (False, "about something else")):
        found = [s for s, (_, a) in zip(scores, messages, strict=True) if a is about]
        below = sum(s < OFF_SUBJECT for s in found)
        print(f"{name}: {below} of {len(found)} score below {OFF_SUBJECT} out of fold")
    save(fit(messages, corpus_fingerprint(corpus), vectors))
    print(f"wrote {MODEL}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
