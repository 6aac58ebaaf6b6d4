"""A PDF → blocks for corpus/importer.py, each with the page it starts on (1 is the first).

Text is read with pypdf in its layout mode, which keeps the blank lines a page leaves
between paragraphs; from there a page is read as plain text is (corpus/importer.py's
heading rule), after its furniture is dropped: page numbers, table-of-contents lines, and
running headers and footers (rules in corpus/chrome.py). A paragraph a page break
cuts in two is joined again and keeps the page it starts on. A word hyphenated at a line's
end is joined ("regu-\\nlation" → "regulation").

Bad files fail early, each with one line: not a PDF, a truncated one, an encrypted one, or
one pypdf cannot read; a PDF with no text layer (a scan) says so.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter

from corpus import chrome

# pypdf logs what it repairs in a damaged file: the user gets our one line instead.
logging.getLogger("pypdf").setLevel(logging.ERROR)

_HYPHENATED = re.compile(r"(\w)-\n[ \t]*([a-z])")
_SENTENCE_END = ".!?:;…\"'”’)]"


class PdfError(Exception):
    """The PDF cannot be read; the message is one line for the user (without the path)."""


def page_texts(raw: bytes) -> list[str]:
    """The text of each page, in layout mode (blank lines between paragraphs)."""
    if b"%PDF-" not in raw[:1024]:  # readers accept junk before the header, up to 1 KB
        raise PdfError("not a PDF (it does not start with %PDF-)")
    if b"%%EOF" not in raw[-2048:]:
        raise PdfError("the PDF is truncated (no %%EOF at its end); download it again")
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise PdfError("the PDF is encrypted; save an unprotected copy first")
        return [page.extract_text(extraction_mode="layout") for page in reader.pages]
    except PdfError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        # pypdf's repairs of a broken file raise a range of errors: each means "damaged".
        raise PdfError(f"cannot read the PDF (damaged?): {type(exc).__name__}: {exc}") from None


def paragraphs(pages: list[str]) -> list[tuple[list[str], int]]:
    """Paragraphs as their lines, each with the page it starts on; furniture dropped."""
    running = _running_lines(pages)
    found: list[tuple[list[str], int]] = []
    for number, text in enumerate(pages, start=1):
        text = _HYPHENATED.sub(r"\1\2", text.replace("\r\n", "\n"))
        page: list[list[str]] = []
        lines: list[str] = []
        for line in [*text.split("\n"), ""]:
            stripped = line.strip()
            if stripped and not _furniture(stripped, running):
                lines.append(stripped)
            elif not stripped and lines:
                page.append(lines)
                lines = []
        for i, para in enumerate(page):
            if i == 0 and found and _continues(found[-1][0], para):
                found[-1][0].extend(para)  # cut by the page break: one passage
            else:
                found.append((para, number))
    return found


def _furniture(line: str, running: set[str]) -> bool:
    return (
        chrome.PAGE_NUMBER.fullmatch(line) is not None
        or chrome.TOC_LINE.fullmatch(line) is not None
        or _key(line) in running
    )


def _key(line: str) -> str:
    """A line as a running header is compared across pages: page numbers aside."""
    return re.sub(r"\d+", "#", " ".join(line.split())).casefold()


def _running_lines(pages: list[str]) -> set[str]:
    """Running headers and footers: a page's first or last line that recurs on at least
    three pages (a chapter's own header; two if it holds a page number), or a line near a
    page's edge on most pages."""
    if len(pages) < 3:
        return set()
    edges: Counter[str] = Counter()
    near: Counter[str] = Counter()
    for text in pages:
        lines = [_key(line) for line in text.split("\n") if line.strip()]
        edges.update(set(lines[:1] + lines[-1:]))
        near.update(set(lines[:2] + lines[-2:]))
    most = max(chrome.RUNNING_MIN_PAGES, len(pages) * chrome.RUNNING_SHARE)
    return {key for key, n in edges.items() if n >= _edge_pages(key)} | {
        key for key, n in near.items() if n >= most
    }


def _edge_pages(key: str) -> int:
    # "Chapter 2: Structure 3" on pages 3 and 4: a number that changes is a page number.
    return chrome.RUNNING_MIN_PAGES - 1 if "#" in key else chrome.RUNNING_MIN_PAGES


def _continues(previous: list[str], para: list[str]) -> bool:
    """Whether `para`, first on its page, goes on the last paragraph of the page before."""
    last, first = previous[-1], para[0]
    return last[-1] not in _SENTENCE_END and first[0].islower()
