"""Whether a message the rules would show related passages for is about something else after
all: a logistic model over what the decision weighed (`confidence.SIGNALS`), trained on the
dev set and the blind messages already read (`python -m retrieval.unrelated_training`)."""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from retrieval.confidence import SignalModel, load

MODEL = Path(__file__).parent / "data" / "unrelated.json"
log = logging.getLogger("verbatim")


@cache
def bundled() -> SignalModel | None:
    """The model that ships with the package, read once; a file that cannot be read costs a
    warning, and the rules alone tell related answers from off-topic ones."""
    try:
        return load(MODEL)
    except ValueError as error:
        log.warning("%s; telling related answers from off-topic ones by the rules alone", error)
        return None
