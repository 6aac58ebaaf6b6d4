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


# --- web pages (corpus/webpage.py) --------------------------------------------------------

# Elements that are never a page's content: code, forms, media and the page's own frame.
HTML_TAGS = frozenset(
    "script style noscript template iframe object embed svg canvas form button input select "
    "textarea label nav aside dialog menu".split()
)
# The site's banner and footer: chrome when they frame the page, content when an article
# has its own (a <header> inside <article> holds the article's title).
HTML_FRAME_TAGS = frozenset({"header", "footer"})
HTML_ROLES = frozenset(
    "navigation banner contentinfo complementary search menu menubar toolbar dialog".split()
)
# A class or id naming furniture, as a whole word of it ("comment-list", "site_menu").
HTML_NAMES = re.compile(
    r"(?:^|[-_\s])(?:comments?|sidebar|cookies?|consent|share|sharing|social|breadcrumbs?"
    r"|menu|navbar|nav|navigation|related|advert|ads?|newsletter|subscribe|signup|promo"
    r"|popup|modal|skip|toc|footnotes-nav|pagination|pager|byline-actions)(?:$|[-_\s])",
    re.IGNORECASE,
)


# --- PDF pages (corpus/pdf.py) -------------------------------------------------------------

# A line that is only a page number: "12", "- 12 -", "Page 12", "12 of 30", "Page 12 of 30".
PAGE_NUMBER = re.compile(
    r"\s*(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?\s*", re.IGNORECASE
)
# A line of a table of contents: a title, dot leaders, a page number ("Scope . . . . 12").
TOC_LINE = re.compile(r".*\S\s*(?:\.\s*){4,}\d{1,4}\s*")
# A running header or footer: a page's first or last line on this many pages or more (a
# chapter's header recurs on its pages only), or a line among the first or last two on
# this share of the pages.
RUNNING_MIN_PAGES = 3
RUNNING_SHARE = 0.5
