"""Markdown, plain text, a saved web page or a PDF → a document YAML (`corpus add`)."""

# How a file becomes a document
# -----------------------------
# Blocks are split on blank lines. Each heading opens a section; the blocks under it become
# its passages, numbered from 1 (`<doc>.<slug>.<n>`). Text before the first heading goes in
# an "Introduction" section. A first heading equal to the document title is the title, not a
# section. The result is raw material to review by hand: jurisdictions, `kind: excerpt` with a
# `source`, and `cites` are for a person to add, never guessed here.
#
# Markdown (.md, .markdown): ATX (`#`..`######`) and setext (`===`, `---` underlines) headings;
# a heading's parent is the nearest shallower heading before it. Each paragraph, list item and
# block-quote paragraph is a passage. Links keep their text, and their targets go in the
# passage's `links` (as for HTML); images and HTML comments and tags are dropped, emphasis
# markers and code ticks are removed, YAML front matter is ignored.
#
# Plain text (.txt): a heading is a paragraph of a single line, at most 90 characters, that
# starts with an upper-case letter or a digit and does not end in `.`, `,`, `;` or `:`. Lines
# starting with `-`, `*` or `•` are list items, one passage each. A "Contents" heading followed
# by an indented list of later headings is a table of contents: it is dropped, and its
# indentation gives the section tree (without one, every heading is top-level).
#
# HTML (.html, .htm): see corpus/webpage.py. Headings h1-h6 make the tree as Markdown's do;
# paragraphs, list items and block-quote paragraphs are passages; the links inside them are
# kept as `links` (anchor text, target). PDF (.pdf): see corpus/pdf.py. Read as plain text is,
# page by page; each passage keeps its `page`.
#
# Size: a source file is refused before it is read if it is larger than any document it
# could make (MAX_SOURCE_BYTES; PDFs, whose images weigh more than their text, up to
# MAX_PDF_BYTES), and the YAML is measured against the corpus's file limit before anything
# is written. Either error names the file and the limit in one line.
#
# All: page chrome is stripped ("[LW · GW]" and "[EA · GW]" link markers, "0 comments",
# "No comments", "Comments sorted by top scores.", a LessWrong "post by … · N comments" byline)
# and runs of white space, non-breaking spaces included, become one space.

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import yaml

from corpus import chrome, links
from corpus.load import MAX_FILE_BYTES, Corpus, CorpusError, Problem, load_corpus

DOCUMENT_ID = re.compile(r"^[a-z0-9_]+$")
MARKDOWN_SUFFIXES = (".md", ".markdown")
TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
PDF_SUFFIXES = (".pdf",)
SUFFIXES = MARKDOWN_SUFFIXES + TEXT_SUFFIXES + HTML_SUFFIXES + PDF_SUFFIXES
# Text sources larger than this cannot make a document file within MAX_FILE_BYTES (markup
# and URLs aside, a source's text is the YAML's); refused before reading them.
MAX_SOURCE_BYTES = 4 * MAX_FILE_BYTES
MAX_PDF_BYTES = 20 * MAX_FILE_BYTES
MAX_HEADING_CHARS = 90
SLUG_WORDS = 4
INTRODUCTION = "Introduction"
YAML_WIDTH = 100

BlockKind = Literal["heading", "paragraph", "item", "quote"]


class ImporterError(Exception):
    """The file cannot be imported; the message is one line for the user."""


class ValidationFailed(Exception):
    """The written document made the corpus invalid; it was removed again."""

    def __init__(self, path: Path, problems: list[Problem], caused_by_new_file: bool) -> None:
        self.path = path
        self.problems = problems
        self.caused_by_new_file = caused_by_new_file
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Block:
    """A heading, paragraph, list item or block quote, with its text cleaned."""

    kind: BlockKind
    text: str
    level: int = 1
    # The raw lines of a plain-text paragraph (a table of contents is read from them).
    raw: list[str] = field(default_factory=list)
    page: int | None = None  # the PDF page it starts on
    links: list[tuple[str, str]] = field(default_factory=list)  # (anchor text, target)


@dataclass
class Imported:
    """A document as plain data, ready to be written as YAML."""

    document: dict[str, Any]
    # Ids of passages that were block quotes: candidates for `kind: excerpt` with a source.
    quotes: list[str]
    notes: list[str]

    @property
    def sections(self) -> int:
        return len(self.document["sections"])

    @property
    def passages(self) -> int:
        return len(self.document["passages"])


@dataclass
class Added:
    """What `add_document` wrote."""

    path: Path
    imported: Imported
    corpus: Corpus
    replaced: bool


# --- cleaning ---------------------------------------------------------------------------

_INVISIBLE = str.maketrans({"\u200b": None, "\u2060": None, "\ufeff": None})
# After a removed link marker, these close the sentence: no space goes before them.
_CLOSERS = ".,;:!?)]}…”’"


def _drop_marker(match: re.Match[str]) -> str:
    text, start, end = match.string, match.start(), match.end()
    if start == 0 or end == len(text) or text[end] in _CLOSERS:
        return ""
    return " "


def clean(text: str) -> str:
    """Strip page chrome and invisible characters; runs of white space become one space."""
    text = chrome.MARKER.sub(_drop_marker, text.translate(_INVISIBLE))
    return re.sub(r"\s+", " ", text).strip()


def is_chrome_line(line: str) -> bool:
    """A whole line of page furniture: comment counts, sort order, a forum byline."""
    return chrome.LINE.fullmatch(line) is not None


def _lines(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    return ["" if is_chrome_line(line) else line for line in text.split("\n")]


# --- plain text -------------------------------------------------------------------------

_PLAIN_BULLET = re.compile(r"^\s*(?:[-*•‣◦▪]|\d{1,3}[.)])\s+(\S.*)$")
_SYMBOL_BULLET = re.compile(r"^\s*[-*•‣◦▪]\s")


def looks_like_heading(line: str) -> bool:
    """The plain-text heading heuristic (see the module comment)."""
    text = clean(line)
    return (
        0 < len(text) <= MAX_HEADING_CHARS
        and (text[0].isupper() or text[0].isdigit())
        and text[-1] not in ".,;:"
        and not _SYMBOL_BULLET.match(line)
    )


def parse_plain(text: str, notes: list[str] | None = None) -> list[Block]:
    """Blocks of a plain-text document; what was dropped besides chrome goes in `notes`."""
    blocks: list[Block] = []
    for para in _paragraphs(_lines(text)):
        if len(para) == 1 and looks_like_heading(para[0]):
            blocks.append(Block("heading", clean(para[0]), raw=para))
        elif any(_PLAIN_BULLET.match(line) for line in para):
            blocks.extend(_plain_items(para))
        else:
            blocks.append(Block("paragraph", clean(" ".join(para)), raw=para))
    blocks = [b for b in blocks if b.text]
    return _apply_contents(blocks, [] if notes is None else notes)


def _paragraphs(lines: list[str]) -> Iterator[list[str]]:
    para: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            para.append(line.rstrip())
        elif para:
            yield para
            para = []


def _plain_items(para: list[str]) -> Iterator[Block]:
    lead: list[str] = []
    item: list[str] | None = None
    for line in para:
        match = _PLAIN_BULLET.match(line)
        if match:
            if item:
                yield Block("item", clean(" ".join(item)))
            item = [match.group(1)]
        elif item is not None:
            item.append(line)
        else:
            lead.append(line)
    if lead:
        yield Block("paragraph", clean(" ".join(lead)))
    if item:
        yield Block("item", clean(" ".join(item)))


def _apply_contents(blocks: list[Block], notes: list[str]) -> list[Block]:
    """Drop a table of contents, taking heading levels from its indentation."""
    for i, block in enumerate(blocks[:-1]):
        if block.kind != "heading" or block.text.casefold() not in (
            "contents",
            "table of contents",
        ):
            continue
        toc = blocks[i + 1]
        later = {b.text for b in blocks[i + 2 :] if b.kind == "heading"}
        entries = [(line, clean(line)) for line in toc.raw if clean(line) in later]
        if toc.kind != "paragraph" or not entries or len(entries) * 2 < len(toc.raw):
            continue
        indents = sorted({len(line) - len(line.lstrip()) for line, _ in entries})
        depth = {
            title: indents.index(len(line) - len(line.lstrip())) + 1 for line, title in entries
        }
        rest = blocks[i + 2 :]
        for b in rest:
            if b.kind == "heading":
                b.level = depth.get(b.text, 1)
        notes.append("dropped the table of contents; its indentation gave the section tree")
        return blocks[:i] + rest
    return blocks


# --- Markdown ---------------------------------------------------------------------------

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")
_MD_BULLET = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+(.*))?$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*\S+.*$")
_FRONT_MATTER_END = ("---", "...")


def parse_markdown(
    text: str, base_url: str | None = None, notes: list[str] | None = None
) -> list[Block]:
    """Blocks of a Markdown document, with the inline links of each kept (relative ones
    resolved against `base_url`; without it they are dropped, and `notes` says so)."""
    text = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)
    lines = _strip_front_matter(_lines(text))
    blocks: list[Block] = []
    kind: BlockKind | None = None
    buffer: list[str] = []
    fence: str | None = None

    found: list[tuple[str, str]] = []
    unresolved = 0

    def flush() -> None:
        nonlocal kind, buffer, unresolved
        if kind is not None and buffer:
            found.clear()
            text = clean(" ".join(buffer) if fence else inline(" ".join(buffer), found))
            kept = []
            for anchor, href in found:
                target = links.resolve(href, base_url)
                if target is not None:
                    kept.append((anchor, target))
                unresolved += target is None and links.is_relative(href)
            blocks.append(Block(kind, text, links=_links_in(text, kept)))
        kind, buffer = None, []

    for line in lines:
        if fence is not None:
            if re.match(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", line):
                flush()
                fence = None
            else:
                kind = "paragraph"
                buffer.append(line)
            continue
        if match := _FENCE.match(line):
            flush()
            fence = match.group(1)
            continue
        if not line.strip():
            flush()
            continue
        if match := _ATX.match(line):
            flush()
            blocks.append(
                Block("heading", clean(inline(match.group(2) or "")), len(match.group(1)))
            )
            continue
        if kind == "paragraph" and (match := _SETEXT.match(line)):
            level = 1 if match.group(1).startswith("=") else 2
            blocks.append(Block("heading", clean(inline(" ".join(buffer))), level))
            kind, buffer = None, []
            continue
        if _RULE.match(line):
            flush()
            continue
        if match := _QUOTE.match(line):
            content = line[match.end() :]
            while quoted := _QUOTE.match(content):  # nested quotes: one level is enough
                content = content[quoted.end() :]
            if kind != "quote" or not content.strip() or _MD_BULLET.match(content):
                flush()  # a blank `>` line or a list item starts another passage
            if content.strip():
                kind = "quote"
                buffer.append(_markdown_line(_MD_BULLET.sub(r"\1", content)))
            continue
        if match := _MD_BULLET.match(line):
            flush()
            kind = "item"
            buffer.append(_markdown_line(match.group(1) or ""))
            continue
        if kind != "paragraph" and _LINK_DEFINITION.match(line):
            continue
        if kind is None:
            kind = "paragraph"
        buffer.append(_markdown_line(line))  # a continuation, lazily, of a quote or item too
    flush()
    if unresolved and notes is not None:
        notes.append(_unresolved_note(unresolved))
    return [b for b in blocks if b.text]


def _unresolved_note(count: int) -> str:
    return (
        f"dropped {count} relative link(s) that lead nowhere without the document's "
        "address: pass --url to keep them"
    )


def _strip_front_matter(lines: list[str]) -> list[str]:
    if not lines or lines[0].strip() != "---":
        return lines
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() in _FRONT_MATTER_END:
            return lines[i + 1 :]
    return lines


def _markdown_line(line: str) -> str:
    line = re.sub(r"^ {0,3}#{1,6}[ \t]+", "", line.strip())
    return line[:-1] if line.endswith("\\") and not line.endswith("\\\\") else line


_LINK_TEXT = r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]"
_LINK_TARGET = (
    r"\(\s*(?:<[^>]*>|(?:[^\s()]|\([^\s()]*\))*)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)
_IMAGE = re.compile(r"!" + _LINK_TEXT + _LINK_TARGET)
_LINK = re.compile(_LINK_TEXT + _LINK_TARGET)
_REFERENCE_LINK = re.compile(_LINK_TEXT + r"\[[^\]]*\]")
_CODE = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_EMPHASIS = (
    re.compile(r"(\*\*\*|___)(?=\S)(.+?)(?<=\S)\1"),
    re.compile(r"(\*\*)(?=\S)(.+?)(?<=\S)\1"),
    re.compile(r"(?<!\w)(__)(?=\S)(.+?)(?<=\S)\1(?!\w)"),
    re.compile(r"(?<!\*)(\*)(?=[^\s*])(.+?)(?<=[^\s*])\1(?!\*)"),
    re.compile(r"(?<!\w)(_)(?=[^\s_])(.+?)(?<=[^\s_])\1(?!\w)"),
    re.compile(r"(~~)(?=\S)(.+?)(?<=\S)\1"),
)


def inline(text: str, found: list[tuple[str, str]] | None = None) -> str:
    """Markdown inline markup → the words a reader sees; each inline link's (words, target)
    is appended to `found`."""
    held: list[str] = []
    anchors: list[tuple[str, str]] = []

    def link(match: re.Match[str]) -> str:
        # "(url "title")" after "[words]"; an <url> in it was held as an autolink already.
        inner = match.group(0)[len(match.group(1)) + 2 :].strip()[1:-1].strip()
        if inner.startswith("<"):  # <a url with spaces>
            target = inner[1 : inner.find(">")].replace(" ", "%20")
        else:
            target = inner.split()[0] if inner else ""
        anchors.append((match.group(1), target))
        return match.group(1)

    def hold(value: str) -> str:
        held.append(value)
        return f"\ue000{len(held) - 1}\ue001"

    def code(match: re.Match[str]) -> str:
        body = match.group(2)
        if body.startswith(" ") and body.endswith(" ") and body.strip():
            body = body[1:-1]
        return hold(body)

    text = _CODE.sub(code, text)
    text = _ESCAPE.sub(lambda m: hold(m.group(1)), text)
    text = _AUTOLINK.sub(lambda m: hold(m.group(1).removeprefix("mailto:")), text)
    text = _IMAGE.sub("", text)
    text = _until_stable(_LINK, link, text)  # nested: [[LW](…) · [GW](…)]
    text = _until_stable(_REFERENCE_LINK, r"\1", text)

    def finish(value: str) -> str:
        for emphasis in _EMPHASIS:
            value = _until_stable(emphasis, r"\2", value)  # nested: **bold *and* italic**
        return restore(html.unescape(_TAG.sub(" ", value)))

    def restore(value: str) -> str:
        return re.sub("\ue000(\\d+)\ue001", lambda m: held[int(m.group(1))], value)

    if found is not None:  # a link's words as the text shows them: markup removed alike
        found.extend((finish(anchor), restore(target)) for anchor, target in anchors)
    return finish(text)


def _until_stable(
    pattern: re.Pattern[str],
    replacement: str | Callable[[re.Match[str]], str],
    text: str,
    limit: int = 8,
) -> str:
    for _ in range(limit):
        changed = pattern.sub(replacement, text)
        if changed == text:
            break
        text = changed
    return text


# --- blocks → document ------------------------------------------------------------------


def slugify(title: str) -> str:
    """Lower-case ASCII words of a title, at most four, joined by `_`."""
    title = re.sub(r"['’ʼ]", "", title)
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_title)[:SLUG_WORDS]
    return "_".join(words) or "section"


def build_document(
    blocks: list[Block], doc_id: str, title: str, url: str | None = None
) -> Imported:
    """Sections and passages from blocks, with ids, as data for the YAML file."""
    sections: list[dict[str, Any]] = []
    passages: list[dict[str, Any]] = []
    quotes: list[str] = []
    notes: list[str] = []
    used: set[str] = set()
    counts: dict[str, int] = {}
    stack: list[tuple[int, str]] = []
    current: str | None = None

    def new_section(heading: str, parent: str | None) -> str:
        base = slugify(heading)
        slug, n = base, 1
        while slug in used:
            n += 1
            slug = f"{base}_{n}"
        used.add(slug)
        section: dict[str, Any] = {"id": f"{doc_id}.{slug}", "title": heading}
        if parent is not None:
            section["parent"] = parent
        sections.append(section)
        counts[section["id"]] = 0
        return str(section["id"])

    if blocks and blocks[0].kind == "heading" and _same(blocks[0].text, title):
        blocks = blocks[1:]
        notes.append(f"the first heading is the title {title!r}: not a section")
    for block in blocks:
        if block.kind == "heading":
            while stack and stack[-1][0] >= block.level:
                stack.pop()
            current = new_section(block.text, stack[-1][1] if stack else None)
            stack.append((block.level, current))
            continue
        if current is None:
            current = new_section(INTRODUCTION, None)
        counts[current] += 1
        passage_id = f"{current}.{counts[current]}"
        passage: dict[str, Any] = {"id": passage_id, "section": current, "text": block.text}
        if block.page is not None:
            passage["page"] = block.page
        if block.links:
            passage["links"] = [{"text": text, "url": url} for text, url in block.links]
        # A place for the questions this passage answers, written by hand (see the header).
        passage["questions"] = []
        passages.append(passage)
        if block.kind == "quote":
            quotes.append(passage_id)
    document: dict[str, Any] = {"id": doc_id, "title": title}
    if url:
        document["url"] = url
    document["sections"] = sections
    document["passages"] = passages
    return Imported(document, quotes, notes)


def _same(a: str, b: str) -> bool:
    return clean(a).casefold() == clean(b).casefold()


# --- files ------------------------------------------------------------------------------


def read_bytes(path: Path) -> bytes:
    """The file's bytes; ImporterError if it is missing, too large to import, or empty."""
    limit = MAX_PDF_BYTES if path.suffix.lower() in PDF_SUFFIXES else MAX_SOURCE_BYTES
    try:
        size = path.stat().st_size
        if size > limit:
            raise ImporterError(
                f"{path}: file is {size:,} bytes; the limit for a {path.suffix.lower()} file is "
                f"{limit:,} (a document file may hold {MAX_FILE_BYTES:,}): split it into parts "
                "and add each with its own --id"
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ImporterError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ImporterError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise ImporterError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if not raw.strip():
        raise ImporterError(f"{path}: file is empty")
    return raw


def read_text(path: Path, raw: bytes | None = None) -> str:
    """The file's text; ImporterError if it is missing, not UTF-8 or empty."""
    raw = read_bytes(path) if raw is None else raw
    _not_binary(path, raw, "a text file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ImporterError(
            f"{path}:{line}: not UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8 first"
        ) from None
    if not text.strip():
        raise ImporterError(f"{path}: file is empty")
    return text


def _not_binary(path: Path, raw: bytes, expected: str) -> None:
    # No text format holds NUL bytes; binary files nearly always do, early on.
    if b"\0" in raw[:65536]:
        raise ImporterError(f"{path}: binary data, not {expected}")


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def read_html(path: Path, raw: bytes) -> str:
    """A page's text: UTF-8, or the charset its <meta> declares (pages saved from older
    sites are often windows-1252)."""
    _not_binary(path, raw, "an HTML page")
    declared = _CHARSET.search(raw[:8192])
    encoding = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        return raw.decode(encoding)
    except LookupError:
        return read_text(path, raw)  # an unknown charset: UTF-8 or say why not
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ImporterError(
            f"{path}:{line}: not {encoding} as the page declares (byte 0x{raw[exc.start]:02x})"
        ) from None


def html_blocks(path: Path, raw: bytes, url: str | None, notes: list[str]) -> list[Block]:
    from corpus.webpage import parse_html  # BeautifulSoup: only when a page is imported

    page = parse_html(read_html(path, raw), url)
    if page.unresolved_links:
        notes.append(_unresolved_note(page.unresolved_links))
    blocks = []
    for found in page.blocks:
        if is_chrome_line(found.text):
            continue
        text = clean(found.text)
        links = _links_in(text, found.links)
        blocks.append(Block(found.kind, text, found.level, links=links))
    blocks = [b for b in blocks if b.text]
    if not any(b.kind != "heading" for b in blocks):
        raise ImporterError(f"{path}: no text found in the page (only markup or page chrome)")
    return blocks


def _links_in(text: str, links: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The links whose anchor text, cleaned as the passage was, occurs in it; once each."""
    kept: list[tuple[str, str]] = []
    for anchor, target in links:
        anchor = clean(anchor)
        if anchor and anchor in text and (anchor, target) not in kept:
            kept.append((anchor, target))
    return kept


def pdf_blocks(path: Path, raw: bytes) -> list[Block]:
    from corpus.pdf import PdfError, page_texts, paragraphs  # pypdf: only for a PDF

    try:
        pages = page_texts(raw)
    except PdfError as exc:
        raise ImporterError(f"{path}: {exc}") from None
    blocks: list[Block] = []
    for lines, page in paragraphs(pages):
        if len(lines) == 1 and looks_like_heading(lines[0]):
            title = clean(lines[0])
            blocks.append(Block("heading", title, _numbered_level(title), page=page))
        elif any(_PLAIN_BULLET.match(line) for line in lines):
            blocks.extend(replace(b, page=page) for b in _plain_items(lines))
        else:
            blocks.append(Block("paragraph", clean(" ".join(lines)), page=page))
    blocks = [b for b in blocks if b.text]
    if not any(b.kind != "heading" for b in blocks):
        raise ImporterError(
            f"{path}: no text found in the PDF ({len(pages)} pages): a scan without a text "
            "layer? Run OCR on it first"
        )
    return blocks


_SECTION_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){0,5})\.?\s")


def _numbered_level(title: str) -> int:
    """A numbered heading's depth ("2.10. Storing" is 2): the only tree a PDF's text shows."""
    match = _SECTION_NUMBER.match(title)
    return match.group(1).count(".") + 1 if match else 1


def import_file(path: Path, doc_id: str, title: str, url: str | None = None) -> Imported:
    """Parse a .md, .txt, .html or .pdf file into document data (nothing is written)."""
    check_id(doc_id)
    if not title.strip():
        raise ImporterError("the title must not be empty")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ImporterError(
            f"{path}: expected a .md, .txt, .html or .pdf file, not {suffix or 'no suffix'!r}"
        )
    raw = read_bytes(path)
    notes: list[str] = []
    if suffix in HTML_SUFFIXES:
        blocks = html_blocks(path, raw, url, notes)
    elif suffix in PDF_SUFFIXES:
        blocks = pdf_blocks(path, raw)
    elif suffix in MARKDOWN_SUFFIXES:
        blocks = parse_markdown(read_text(path, raw), url, notes)
    else:
        blocks = parse_plain(read_text(path, raw), notes)
    imported = build_document(blocks, doc_id, clean(title), url)
    imported.notes[:0] = notes
    if not imported.document["passages"]:
        raise ImporterError(f"{path}: no paragraphs found (only headings or page chrome)")
    return imported


def check_id(doc_id: str) -> None:
    if not DOCUMENT_ID.fullmatch(doc_id):
        raise ImporterError(
            f"invalid document id {doc_id!r}: use lower-case letters, digits and _ only "
            "(e.g. osai_2024)"
        )


class _Dumper(yaml.SafeDumper):
    """Block style; long text folded (`>-`) so a reviewer can read it in a diff."""


# YAML line breaks that PyYAML mangles outside double quotes.
_ODD_BREAKS = frozenset("\x85\u2028\u2029")


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style: str | None = None
    if _ODD_BREAKS.intersection(value):
        style = '"'
    elif len(value) > 80 and "\n" not in value and value == value.strip():
        style = ">"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def render(imported: Imported, source_name: str) -> str:
    """The YAML file: a header comment, then the document; checked to load back unchanged."""
    body = yaml.dump(
        imported.document,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=YAML_WIDTH,
    )
    if yaml.safe_load(body) != imported.document:
        # Some text PyYAML cannot write back unchanged in these styles: quote everything.
        body = yaml.dump(
            imported.document,
            Dumper=yaml.SafeDumper,
            sort_keys=False,
            allow_unicode=True,
            default_style='"',
            width=YAML_WIDTH,
        )
        if yaml.safe_load(body) != imported.document:
            raise ImporterError("cannot write this text as YAML that reads back unchanged")
    quotes = set(imported.quotes)
    lines = []
    for line in body.splitlines(keepends=True):
        if line.startswith("- id: ") and line[6:].strip() in quotes:
            lines.append(
                "# A block quote: if it quotes a source, add `kind: excerpt` and `source:`.\n"
            )
        lines.append(line)
    header = (
        f"# Generated by `corpus add` from {source_name}.\n"
        "# Review by hand: tag `jurisdictions` on sections and passages, and link the sources\n"
        "# passages name (`cites`) or quote (`kind: excerpt` with `source`) to sources.yaml.\n"
        "# Fill each passage's `questions`: what a reader would ask that it answers, in the\n"
        "# passage's words and in everyday ones, each with the words of the sentence that\n"
        "# answers it, e.g. `- {q: Who must comply?, answer: providers of general-purpose}`.\n"
    )
    return header + "".join(lines)


def existing_document(documents: Path, doc_id: str, skip: Path) -> Path | None:
    """The document file (other than `skip`) that already declares this id, if any."""
    pattern = re.compile(rf"^id:[ \t]*['\"]?{re.escape(doc_id)}['\"]?[ \t]*(?:#.*)?$", re.MULTILINE)
    for path in sorted(documents.glob("*.yaml")):
        if path == skip:
            continue
        if path.stem == doc_id:
            return path
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if pattern.search(text):
            return path
    return None


def add_document(
    source: Path,
    doc_id: str,
    title: str,
    root: Path,
    *,
    url: str | None = None,
    force: bool = False,
) -> Added:
    """Import `source` as `root/documents/<id>.yaml`, then validate the whole corpus.

    If the corpus does not load with the new file, the file is removed (or the one it
    replaced restored) and ValidationFailed lists the problems, and says whether the corpus
    loads again without it (if not, it was invalid already).
    """
    check_id(doc_id)
    if not root.is_dir():
        raise ImporterError(
            f"{root}: corpus folder does not exist; make it with `python -m corpus init {root}`"
        )
    missing = [n for n in ("sources.yaml", "lexicon.yaml") if not (root / n).is_file()]
    if missing:
        raise ImporterError(
            f"{root}: not a corpus ({missing[0]} is missing); "
            f"make one with `python -m corpus init {root}`"
        )
    documents = root / "documents"
    target = documents / f"{doc_id}.yaml"
    if target.exists() and not force:
        raise ImporterError(f"{target} already exists; pass --force to overwrite it")
    other = existing_document(documents, doc_id, skip=target) if documents.is_dir() else None
    if other is not None:
        raise ImporterError(f"a document with id {doc_id!r} already exists: {other}")
    imported = import_file(source, doc_id, title, url)
    text = render(imported, source.name)
    size = len(text.encode("utf-8"))
    if size > MAX_FILE_BYTES:  # measured before writing: the corpus is never touched
        raise ImporterError(
            f"{source}: makes a document file of {size:,} bytes; the limit is "
            f"{MAX_FILE_BYTES:,}: split it into parts and add each with its own --id"
        )
    previous = target.read_bytes() if target.exists() else None
    documents.mkdir(exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(target)
    try:
        corpus = load_corpus(root, snapshots=False)
    except CorpusError as exc:
        if previous is None:
            target.unlink()
        else:
            target.write_bytes(previous)
        raise ValidationFailed(target, exc.problems, _valid(root)) from None
    return Added(target, imported, corpus, replaced=previous is not None)


def _valid(root: Path) -> bool:
    try:
        load_corpus(root, snapshots=False, allow_empty=True)
    except CorpusError:
        return False
    return True
