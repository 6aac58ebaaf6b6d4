"""Page chrome: the furniture of the pages documents are copied from, never content."""

from __future__ import annotations

import re

# Spaces a copied page puts around its link markers (some of them non-breaking).
SPACE = "[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
# LessWrong / EA Forum / Alignment Forum link markers: "[LW · GW]" after a link.
MARKER = re.compile(rf"{SPACE}*\[{SPACE}*(?:LW|EA|AF){SPACE}*·{SPACE}*GW{SPACE}*\]{SPACE}*")
# A whole line of furniture: comment counts, sort order, a forum byline.
LINE = re.compile(
    r"\s*(?:\d[\d,]* comments?|no comments\.?|comments sorted by [\w ]+\.?"
    r"|post by .+ · \d[\d,]* comments?)\s*",
    re.IGNORECASE,
)
_IN_TEXT = re.compile(rf"{MARKER.pattern}|Comments sorted by top scores")


def find(text: str) -> str | None:
    """The first piece of page chrome in `text`, as written there, or None."""
    match = _IN_TEXT.search(text)
    return match.group().strip() if match else None


def strip(text: str) -> str:
    """`text` without any piece of chrome (no care for the spaces around them)."""
    return _IN_TEXT.sub("", text)
